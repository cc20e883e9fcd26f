//! Headline figures, the per-horizon break-even table and the Greeks table. Every number is
//! read from the shown Report and only formatted here.

use super::format::{dollars, levels, number, percent, signed_dollars};
use super::state::{has_report, panel_source, report_count, report_text, AppState, Source};
use crate::engine::report::{
    CurveFigures, DistributionFigures, HorizonCurve, PositionGreeks, Report,
};
use leptos::prelude::*;

/// One headline figure with a test id.
fn figure(
    label: &'static str,
    testid: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="figure">
            <dt>{label}</dt>
            <dd data-testid=testid>{value}</dd>
        </div>
    }
}

/// A headline figure with a note under it.
fn noted_figure(
    label: &'static str,
    testid: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
    note: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="figure">
            <dt>{label}</dt>
            <dd data-testid=testid>{value}</dd>
            <dd class="figure-note" data-testid=format!("{testid}-note")>{note}</dd>
        </div>
    }
}

/// The curve of the condor's expiry (or the last horizon when no expiry curve is drawn).
fn expiry_figures(report: &Report) -> crate::engine::report::Layered<CurveFigures> {
    report
        .curves
        .horizons
        .iter()
        .find(|h| h.is_expiry)
        .or_else(|| report.curves.horizons.last())
        .map(|h| h.figures.clone())
        .unwrap_or_default()
}

/// The headline risk figures' date (spec §11: at the condor's expiry), e.g.
/// "at expiry (2027-01-15)".
fn risk_horizon(r: &Report) -> String {
    r.risk
        .as_ref()
        .map(|m| {
            if m.at_condor_expiry {
                format!("at expiry ({})", m.date)
            } else {
                format!("at T+{}d ({})", m.horizon_days, m.date)
            }
        })
        .unwrap_or_default()
}

/// The condor's distribution figures, if any.
fn condor_risk(r: &Report) -> Option<DistributionFigures> {
    r.risk.as_ref().map(|m| m.metrics.condor)
}

/// The combined position's distribution figures, if any.
fn combined_risk(r: &Report) -> Option<DistributionFigures> {
    r.risk.as_ref().map(|m| m.metrics.combined)
}

/// Expected P/L of one layer, or a dash.
fn expected(f: Option<DistributionFigures>) -> String {
    f.map(|f| signed_dollars(f.expected_pnl))
        .unwrap_or_else(|| "—".into())
}

/// PoP of one layer's distribution figures, or a dash.
fn pop(f: Option<DistributionFigures>) -> String {
    f.map(|f| percent(f.pop, 1)).unwrap_or_else(|| "—".into())
}

/// CVaR with VaR of one layer, or a dash.
fn cvar(f: Option<DistributionFigures>) -> String {
    f.map(|f| format!("{} (VaR 95% {})", dollars(f.cvar95), dollars(f.var95)))
        .unwrap_or_else(|| "—".into())
}

/// The condor's and the combined position's headline figures.
fn strip(src: Source) -> impl IntoView {
    let t = move |f: fn(&Report) -> String| report_text(src, f);
    view! {
        <div class="strip">
            <div class="figures condor" data-testid="figures-condor">
                <h3>"Condor"</h3>
                <dl>
                {noted_figure("Credit", "fig-credit", t(|r| dollars(r.summary.credit_dollars)),
                    t(|r| format!("{} pts each", number(r.summary.credit_points, 2))))}
                {figure("Defined risk", "fig-defined-risk", t(|r| dollars(r.summary.defined_risk_dollars)))}
                {figure("Break-evens at expiry", "fig-condor-break-evens", t(|r| levels(&expiry_figures(r).condor.break_evens)))}
                {figure("Max profit in range", "fig-condor-max-profit", t(|r| signed_dollars(expiry_figures(r).condor.max_profit)))}
                {figure("Max loss in range", "fig-condor-max-loss", t(|r| signed_dollars(expiry_figures(r).condor.max_loss)))}
                {noted_figure("Probability of profit", "fig-condor-pop", t(|r| pop(condor_risk(r))), t(risk_horizon))}
                {noted_figure("Expected P/L", "fig-condor-expected", t(|r| expected(condor_risk(r))), t(risk_horizon))}
                {noted_figure("95% CVaR (loss)", "fig-condor-cvar", t(|r| cvar(condor_risk(r))), t(risk_horizon))}
                </dl>
            </div>
            <div class="figures combined" data-testid="figures-combined">
                <h3>"Condor + hedge"</h3>
                <dl>
                {noted_figure("Hedge cost", "fig-hedge-cost", t(|r| dollars(r.summary.hedge_cost_dollars)),
                    t(|r| format!("{} of credit", percent(r.summary.hedge_cost_ratio, 1))))}
                {figure("Break-evens at expiry", "fig-combined-break-evens", t(|r| levels(&expiry_figures(r).combined.break_evens)))}
                {figure("Max profit in range", "fig-combined-max-profit", t(|r| signed_dollars(expiry_figures(r).combined.max_profit)))}
                {figure("Max loss in range", "fig-combined-max-loss", t(|r| signed_dollars(expiry_figures(r).combined.max_loss)))}
                {noted_figure("Probability of profit", "fig-combined-pop", t(|r| pop(combined_risk(r))), t(risk_horizon))}
                {noted_figure("Expected P/L", "fig-combined-expected", t(|r| expected(combined_risk(r))), t(risk_horizon))}
                {noted_figure("95% CVaR (loss)", "fig-combined-cvar", t(|r| cvar(combined_risk(r))), t(risk_horizon))}
                {noted_figure("Scenario $ delta", "fig-scenario-delta", t(|r| signed_dollars(r.scenario_delta_dollars)),
                    || "slope of T+0 curve incl. VIX response".to_string())}
                {noted_figure("Combined vega", "fig-combined-vega", t(|r| format!("{} /vol pt", signed_dollars(r.combined_vega_per_point))),
                    t(|r| format!("hedge {} per VIX pt", signed_dollars(r.hedge_vega_per_vix_point))))}
                </dl>
            </div>
        </div>
    }
}

/// Headline figures for the condor and the combined position.
#[component]
pub fn FiguresStrip(
    state: AppState,
    /// Embedded: the assumptions are not on this page (the full page has them).
    embed: bool,
) -> impl IntoView {
    let src = panel_source(state);
    let shown = has_report(src);
    // The in-page link focuses the panel instead of navigating to `#assumptions`, which would
    // replace the `#c=` configuration in the address.
    let see = if embed {
        view! { "; the full page (“Open in alvh ↗”) lists the assumptions." }.into_any()
    } else {
        view! {
            "; see the "
            <a href="#assumptions" data-testid="assumptions-link"
                on:click=|ev: leptos::ev::MouseEvent| super::browser::follow_in_page_link(&ev, "assumptions")>
                "assumptions"
            </a>
            "."
        }
        .into_any()
    };
    view! {
        <section class="panel" id="figures" tabindex="-1" aria-labelledby="figures-title" data-testid="figures-panel">
            <h2 id="figures-title">"Key figures"</h2>
            <p class="note">"Model values under the linked SPX–VIX scenario"{see}</p>
            <Show when=move || shown.get()>{strip(src)}</Show>
        </section>
    }
}

/// Break-evens and extremes of every drawn horizon.
#[component]
pub fn HorizonTable(state: AppState) -> impl IntoView {
    let src = panel_source(state);
    let count = report_count(src, |r| r.curves.horizons.len());
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let cell = move |f: fn(&HorizonCurve) -> String| {
                    report_text(src, move |r| r.curves.horizons.get(i).map(f).unwrap_or_default())
                };
                view! {
                    <tr data-testid=format!("horizon-row-{i}")>
                        <th scope="row">{cell(|h| h.label.clone())}</th>
                        <td>{cell(|h| levels(&h.figures.condor.break_evens))}</td>
                        <td class="num">{cell(|h| signed_dollars(h.figures.condor.max_profit))}</td>
                        <td class="num">{cell(|h| signed_dollars(h.figures.condor.max_loss))}</td>
                        <td>{cell(|h| levels(&h.figures.combined.break_evens))}</td>
                        <td class="num">{cell(|h| signed_dollars(h.figures.combined.max_profit))}</td>
                        <td class="num">{cell(|h| signed_dollars(h.figures.combined.max_loss))}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="horizons-title">
            <h2 id="horizons-title">"Break-evens and extremes per horizon"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways)">
                <table class="data" data-testid="horizon-table">
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">"Horizon"</th>
                            <th scope="colgroup" colspan="3">"Condor"</th>
                            <th scope="colgroup" colspan="3">"Combined"</th>
                        </tr>
                        <tr>
                            <th scope="col">"Break-evens (SPX pts)"</th>
                            <th scope="col">"Max profit ($)"</th>
                            <th scope="col">"Max loss ($)"</th>
                            <th scope="col">"Break-evens (SPX pts)"</th>
                            <th scope="col">"Max profit ($)"</th>
                            <th scope="col">"Max loss ($)"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The five Greek cells of the `pick`ed Greeks of the shown report.
fn greek_cells(
    src: Source,
    pick: impl Fn(&Report) -> Option<PositionGreeks> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let cell = move |f: fn(&PositionGreeks) -> f64| {
        report_text(src, move |r| {
            pick(r).map(|g| signed_dollars(f(&g))).unwrap_or_default()
        })
    };
    view! {
        <td class="num">{cell(|g| g.delta_dollars)}</td>
        <td class="num">{cell(|g| g.gamma_dollars_per_pct)}</td>
        <td class="num">{cell(|g| g.vega_per_point)}</td>
        <td class="num">{cell(|g| g.theta_per_day)}</td>
        <td class="num">{cell(|g| g.rho_per_pct)}</td>
    }
}

/// Greeks per leg, per layer and combined, in trader units.
#[component]
pub fn GreeksTable(state: AppState) -> impl IntoView {
    let src = panel_source(state);
    let legs = report_count(src, |r| r.legs.len());
    let shown = has_report(src);
    let leg_rows = move || {
        (0..legs.get())
            .map(|i| {
                let cell = move |f: fn(&crate::engine::report::LegReport) -> String| {
                    report_text(src, move |r| r.legs.get(i).map(f).unwrap_or_default())
                };
                view! {
                    <tr data-testid=format!("greeks-leg-{i}")>
                        <th scope="row">{cell(|l| l.label.clone())}</th>
                        <td class="num">{cell(|l| l.qty.to_string())}</td>
                        <td class="num">{cell(|l| number(l.entry_price, 2))}</td>
                        <td class="num">{cell(|l| if l.vol > 0.0 { percent(l.vol, 1) } else { "—".into() })}</td>
                        {greek_cells(src, move |r| r.legs.get(i).map(|l| l.greeks))}
                    </tr>
                }
            })
            .collect_view()
    };
    let totals = move || {
        view! {
            <tbody class="totals">
                <tr data-testid="greeks-condor"><th scope="row">"Condor"</th><td></td><td></td><td></td>{greek_cells(src, |r| Some(r.greeks.condor))}</tr>
                <tr data-testid="greeks-hedge"><th scope="row">"Hedge (VIX terms)"</th><td></td><td></td><td></td>{greek_cells(src, |r| Some(r.greeks.hedge))}</tr>
                <tr data-testid="greeks-hedge-spx">
                    <th scope="row">"Hedge (SPX-equivalent)"
                        <span class="row-note" data-testid="greeks-hedge-spx-note">
                            {report_text(src, |r| format!("through dVIX/dS {} at S0", number(r.dvix_dspx, 4)))}
                        </span>
                    </th>
                    <td></td><td></td><td></td>{greek_cells(src, |r| Some(r.hedge_spx_equivalent))}
                </tr>
                <tr data-testid="greeks-combined">
                    <th scope="row">"Combined (SPX-equivalent)"
                        <span class="row-note" data-testid="greeks-combined-basis">{report_text(src, |r| r.combined_basis.clone())}</span>
                        <span class="row-note" data-testid="greeks-scenario-delta">
                            {report_text(src, |r| format!("scenario $ delta {}", signed_dollars(r.scenario_delta_dollars)))}
                        </span>
                    </th>
                    <td></td><td></td><td></td>{greek_cells(src, |r| Some(r.greeks.combined))}
                </tr>
            </tbody>
        }
    };
    let body = view! {
        <tbody>{leg_rows}</tbody>
        <Show when=move || shown.get()>{totals()}</Show>
    };
    let footnote = move || {
        state.shown.with(|shown| {
            shown.as_ref().map(|r| {
                format!(
                    "Scenario $ delta (slope of the T+0 combined curve, VIX and IV moving with SPX): {}. \
                     Combined vega {} per SPX vol point = SPX legs {} + hedge {} per SPX vol point.",
                    signed_dollars(r.scenario_delta_dollars),
                    signed_dollars(r.combined_vega_per_point),
                    signed_dollars(r.greeks.condor.vega_per_point),
                    signed_dollars(r.hedge_vega_per_spx_vol_point),
                )
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="greeks-title">
            <h2 id="greeks-title">"Greeks"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Greeks table (scrolls sideways)" data-testid="greeks-scroll">
                <table class="data" data-testid="greeks-table">
                    <thead>
                        <tr>
                            <th scope="col">"Leg"</th>
                            <th scope="col">"Qty"</th>
                            <th scope="col">"Entry (pts)"</th>
                            <th scope="col">"IV"</th>
                            <th scope="col">"$ delta"</th>
                            <th scope="col">"$ gamma per 1%"</th>
                            <th scope="col">"Vega ($/vol pt)"</th>
                            <th scope="col">"Theta ($/day)"</th>
                            <th scope="col">"Rho ($/1% rate)"</th>
                        </tr>
                    </thead>
                    {body}
                </table>
            </div>
            <dl class="curve-fit" data-testid="hedge-vega-parts">
                <div class="figure"><dt>"Hedge vega ($ per VIX point)"</dt>
                    <dd data-testid="hedge-vega-per-vix-point">{report_text(src, |r| signed_dollars(r.hedge_vega_per_vix_point))}</dd></div>
                <div class="figure"><dt>"Hedge vega ($ per SPX vol point)"</dt>
                    <dd data-testid="hedge-vega-per-spx-vol-point">{report_text(src, |r| signed_dollars(r.hedge_vega_per_spx_vol_point))}</dd></div>
            </dl>
            <p class="note" data-testid="scenario-delta-note">{footnote}</p>
        </section>
    }
}

/// The price x date P/L table (issue 18): combined P/L at SPX levels (rows, every grid node
/// step either side of S0 to about +/-10%) by horizon (columns), copyable as tab-separated text.
#[component]
pub fn PriceDateTable(state: AppState) -> impl IntoView {
    let table = Memo::new(move |_| {
        state
            .shown
            .with(|r| r.as_ref().map(|r| r.curves.price_date_table(5, 0.10)))
    });
    let copied = RwSignal::new(String::new());
    let copy = move |_| {
        let text = table.with(|t| t.as_ref().map(|t| t.to_tsv()).unwrap_or_default());
        copied.set(if super::browser::copy_to_clipboard(&text) {
            format!("Copied {} rows.", text.lines().count().saturating_sub(1))
        } else {
            "This browser gives the page no clipboard here.".to_string()
        });
    };
    let head = move || {
        table.with(|t| {
            t.as_ref().map(|t| {
                t.horizons
                    .iter()
                    .map(|(label, _)| view! { <th scope="col">{label.clone()}</th> })
                    .collect_view()
            })
        })
    };
    let body = move || {
        table.with(|t| {
            t.as_ref().map(|t| {
                t.levels
                    .iter()
                    .zip(&t.pnl)
                    .enumerate()
                    .map(|(i, (level, row))| {
                        let cells = row
                            .iter()
                            .map(|v| view! { <td class="num">{signed_dollars(*v)}</td> })
                            .collect_view();
                        view! {
                            <tr data-testid=format!("pd-row-{i}")>
                                <th scope="row" class="num">{number(*level, 1)}</th>
                                {cells}
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="pd-title">
            <h2 id="pd-title">"P/L by SPX level and date (condor + hedge)"</h2>
            <p class="note">"Combined P/L in $ at each SPX level (rows, points; grid nodes of the chart) on each horizon's date (columns), under the linked VIX scenario."</p>
            <div class="pd-actions">
                <button type="button" class="secondary" data-testid="pd-copy" on:click=copy>"Copy table"</button>
                <span role="status" data-testid="pd-copy-status">{move || copied.get()}</span>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label="P/L by SPX level and date (scrolls sideways)">
                <table class="data" data-testid="pd-table">
                    <thead><tr><th scope="col">"SPX"</th>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
