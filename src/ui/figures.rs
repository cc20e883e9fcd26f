//! Headline figures, the per-horizon break-even table and the Greeks table. Every number is
//! read from the shown Report and only formatted here.

use super::format::{dollars, levels, number, percent, signed_dollars};
use super::state::AppState;
use crate::report::{CurveFigures, PositionGreeks, Report};
use leptos::prelude::*;

/// One headline figure with a test id.
fn figure(
    label: &'static str,
    testid: &'static str,
    value: String,
    note: Option<String>,
) -> impl IntoView {
    view! {
        <div class="figure">
            <dt>{label}</dt>
            <dd data-testid=testid>{value}</dd>
            {note.map(|n| view! { <dd class="figure-note">{n}</dd> })}
        </div>
    }
}

/// The curve of the condor's expiry (or the last horizon when no expiry curve is drawn).
fn expiry_figures(report: &Report) -> Option<&crate::report::Layered<CurveFigures>> {
    report
        .curves
        .horizons
        .iter()
        .find(|h| h.is_expiry)
        .or_else(|| report.curves.horizons.last())
        .map(|h| &h.figures)
}

/// Headline figures for the condor and the combined position.
#[component]
pub fn FiguresStrip(state: AppState) -> impl IntoView {
    let body = move || {
        state.shown.with(|shown| {
            let Some(r) = shown else { return ().into_any() };
            let s = &r.summary;
            let fx = expiry_figures(r).cloned().unwrap_or_default();
            let risk = r.risk.clone();
            let risk_horizon = risk.as_ref().map(|m| format!("at T+{}d", m.horizon_days)).unwrap_or_default();
            let pop = |f: Option<&crate::report::DistributionFigures>| f.map(|f| percent(f.pop, 1)).unwrap_or_else(|| "—".into());
            let cvar = |f: Option<&crate::report::DistributionFigures>| {
                f.map(|f| format!("{} (VaR {})", dollars(f.cvar95), dollars(f.var95))).unwrap_or_else(|| "—".into())
            };
            let condor_risk = risk.as_ref().map(|m| m.metrics.condor);
            let combined_risk = risk.as_ref().map(|m| m.metrics.combined);
            view! {
                <div class="strip">
                    <div class="figures condor" data-testid="figures-condor">
                        <h3>"Condor"</h3>
                        <dl>
                        {figure("Credit", "fig-credit", dollars(s.credit_dollars),
                            Some(format!("{} pts each", number(s.credit_points, 2))))}
                        {figure("Defined risk", "fig-defined-risk", dollars(s.defined_risk_dollars), None)}
                        {figure("Break-evens at expiry", "fig-condor-break-evens", levels(&fx.condor.break_evens), None)}
                        {figure("Max profit in range", "fig-condor-max-profit", signed_dollars(fx.condor.max_profit), None)}
                        {figure("Max loss in range", "fig-condor-max-loss", signed_dollars(fx.condor.max_loss), None)}
                        {figure("Probability of profit", "fig-condor-pop", pop(condor_risk.as_ref()), Some(risk_horizon.clone()))}
                        {figure("95% CVaR (loss)", "fig-condor-cvar", cvar(condor_risk.as_ref()), Some(risk_horizon.clone()))}
                        </dl>
                    </div>
                    <div class="figures combined" data-testid="figures-combined">
                        <h3>"Condor + hedge"</h3>
                        <dl>
                        {figure("Hedge cost", "fig-hedge-cost", dollars(s.hedge_cost_dollars),
                            Some(format!("{} of credit", percent(s.hedge_cost_ratio, 1))))}
                        {figure("Break-evens at expiry", "fig-combined-break-evens", levels(&fx.combined.break_evens), None)}
                        {figure("Max profit in range", "fig-combined-max-profit", signed_dollars(fx.combined.max_profit), None)}
                        {figure("Max loss in range", "fig-combined-max-loss", signed_dollars(fx.combined.max_loss), None)}
                        {figure("Probability of profit", "fig-combined-pop", pop(combined_risk.as_ref()), Some(risk_horizon.clone()))}
                        {figure("95% CVaR (loss)", "fig-combined-cvar", cvar(combined_risk.as_ref()), Some(risk_horizon.clone()))}
                        {figure("Scenario $ delta", "fig-scenario-delta", signed_dollars(r.scenario_delta_dollars),
                            Some("slope of T+0 curve incl. VIX response".into()))}
                        {figure("Combined vega", "fig-combined-vega", format!("{} /vol pt", signed_dollars(r.combined_vega_per_point)),
                            Some(format!("hedge {} per VIX pt", signed_dollars(r.hedge_vega_per_vix_point))))}
                        </dl>
                    </div>
                </div>
            }
            .into_any()
        })
    };
    view! {
        <section class="panel" aria-labelledby="figures-title">
            <h2 id="figures-title">"Key figures"</h2>
            <p class="note">"Model values under the linked SPX–VIX scenario; see the "<a href="#assumptions">"assumptions"</a>"."</p>
            {body}
        </section>
    }
}

/// Break-evens and extremes of every drawn horizon.
#[component]
pub fn HorizonTable(state: AppState) -> impl IntoView {
    let rows = move || {
        state.shown.with(|shown| {
            shown.as_ref().map(|r| {
                r.curves
                    .horizons
                    .iter()
                    .enumerate()
                    .map(|(i, h)| {
                        let f = &h.figures;
                        view! {
                            <tr data-testid=format!("horizon-row-{i}")>
                                <th scope="row">{h.label.clone()}</th>
                                <td>{levels(&f.condor.break_evens)}</td>
                                <td class="num">{signed_dollars(f.condor.max_profit)}</td>
                                <td class="num">{signed_dollars(f.condor.max_loss)}</td>
                                <td>{levels(&f.combined.break_evens)}</td>
                                <td class="num">{signed_dollars(f.combined.max_profit)}</td>
                                <td class="num">{signed_dollars(f.combined.max_loss)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="horizons-title">
            <h2 id="horizons-title">"Break-evens and extremes per horizon"</h2>
            <div class="table-scroll">
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

fn greek_cells(g: &PositionGreeks) -> impl IntoView {
    view! {
        <td class="num">{signed_dollars(g.delta_dollars)}</td>
        <td class="num">{signed_dollars(g.gamma_dollars_per_pct)}</td>
        <td class="num">{signed_dollars(g.vega_per_point)}</td>
        <td class="num">{signed_dollars(g.theta_per_day)}</td>
        <td class="num">{signed_dollars(g.rho_per_pct)}</td>
    }
}

/// Greeks per leg, per layer and combined, in trader units.
#[component]
pub fn GreeksTable(state: AppState) -> impl IntoView {
    let body = move || {
        state.shown.with(|shown| {
            let Some(r) = shown else { return ().into_any() };
            let legs = r
                .legs
                .iter()
                .enumerate()
                .map(|(i, leg)| {
                    view! {
                        <tr data-testid=format!("greeks-leg-{i}")>
                            <th scope="row">{leg.label.clone()}</th>
                            <td class="num">{leg.qty}</td>
                            <td class="num">{number(leg.entry_price, 2)}</td>
                            <td class="num">{if leg.vol > 0.0 { percent(leg.vol, 1) } else { "—".into() }}</td>
                            {greek_cells(&leg.greeks)}
                        </tr>
                    }
                })
                .collect_view();
            let g = &r.greeks;
            view! {
                <tbody>{legs}</tbody>
                <tbody class="totals">
                    <tr data-testid="greeks-condor"><th scope="row">"Condor"</th><td></td><td></td><td></td>{greek_cells(&g.condor)}</tr>
                    <tr data-testid="greeks-hedge"><th scope="row">"Hedge"</th><td></td><td></td><td></td>{greek_cells(&g.hedge)}</tr>
                    <tr data-testid="greeks-combined"><th scope="row">"Combined"</th><td></td><td></td><td></td>{greek_cells(&g.combined)}</tr>
                </tbody>
            }
            .into_any()
        })
    };
    let footnote = move || {
        state.shown.with(|shown| {
            shown.as_ref().map(|r| {
                format!(
                    "Scenario $ delta (slope of the T+0 combined curve, VIX and IV moving with SPX): {}. \
                     Combined vega {} per vol point = SPX legs {} + hedge {} per VIX point.",
                    signed_dollars(r.scenario_delta_dollars),
                    signed_dollars(r.combined_vega_per_point),
                    signed_dollars(r.greeks.condor.vega_per_point),
                    signed_dollars(r.hedge_vega_per_vix_point),
                )
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="greeks-title">
            <h2 id="greeks-title">"Greeks"</h2>
            <div class="table-scroll">
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
            <p class="note" data-testid="scenario-delta-note">{footnote}</p>
        </section>
    }
}
