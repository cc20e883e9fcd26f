//! The assumptions panel: the model statements of `report.assumptions`, the fitted VIX
//! futures curve drawn against the quotes as they stand now with its kappa, theta, fit error
//! and any poor-fit warning, the futures' response beta per tenor, and the scenario's VIX per
//! SPX move.

use super::canvas::observe_width;
use super::format::{number, signed_percent};
use super::greeks_chart::{draw_on, theme};
use super::state::AppState;
use crate::draw::greeks::draw_futures_curve;
use crate::history::move_table::{MOVE_RATIOS, SPAN as MOVE_SPAN};
use leptos::html::Canvas;
use leptos::prelude::*;

/// Height of the futures-curve chart for a canvas width, CSS pixels.
fn curve_height(width: u32) -> u32 {
    ((width as f64 * 0.45) as u32).clamp(240, 360)
}

/// Model assumptions in words and the fitted VIX futures curve against its quotes.
#[component]
pub fn AssumptionsPanel(state: AppState, #[prop(into)] dark: Signal<bool>) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let width = observe_width(canvas_ref);
    let draw_error = RwSignal::new(None::<String>);
    // The quotes as they stand now (the report's: moved with spot VIX unless locked), as
    // (days from valuation, price): calendar arithmetic, not pricing.
    let quotes = Memo::new(move |_| {
        let valuation = state.config.with(|c| c.market.valuation_date);
        state.shown.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.market
                        .quotes
                        .iter()
                        .map(|f| (valuation.days_until(f.expiry) as f64, f.price))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });

    // Redraw only when what the chart shows changes, not on every new Report.
    let market = Memo::new(move |_| state.shown.with(|r| r.as_ref().map(|r| r.market.clone())));
    Effect::new(move |_| {
        let width = width.get();
        let theme = theme(dark.get());
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let q = quotes.get();
        market.with(|market| {
            let Some(market) = market else { return };
            let result = draw_on(&canvas, width, curve_height, |area| {
                draw_futures_curve(area, market, &q, theme)
            });
            draw_error.set(result.err());
        });
    });

    let sentences = move || {
        state.shown.with(|r| {
            r.as_ref().map(|r| {
                r.assumptions
                    .iter()
                    .map(|s| view! { <li>{s.clone()}</li> })
                    .collect_view()
            })
        })
    };
    let fit = move |f: fn(&crate::Report) -> String| {
        move || {
            state
                .shown
                .with(|r| r.as_deref().map(f).unwrap_or_default())
        }
    };
    let warning = move || {
        state
            .shown
            .with(|r| r.as_ref().and_then(|r| r.market.curve_warning.clone()))
    };

    // The scenario's VIX per SPX move (spec §4.1) and the futures' beta per tenor (§4.3), as
    // the report gives them.
    let move_rows = move || {
        let today_vix = state.config.with(|c| c.market.vix);
        state.shown.with(|r| {
            r.as_ref().map(|r| {
                r.market
                    .scenario_vix_by_move
                    .iter()
                    .enumerate()
                    .map(|(i, &(m, vix))| {
                        // History's band for the same move (issue 17), scaled to today's VIX.
                        let hist = MOVE_RATIOS.iter().find(|t| (t.spx_move - m).abs() < 1e-9);
                        let (median, band) = match hist {
                            Some(t) if t.windows > 0 => (
                                number(today_vix * t.median, 1),
                                format!(
                                    "{}–{} (n={}, ±{}%)",
                                    number(today_vix * t.p10, 1),
                                    number(today_vix * t.p90, 1),
                                    t.windows,
                                    number(100.0 * t.half_width, 0)
                                ),
                            ),
                            _ => ("no window".to_string(), "–".to_string()),
                        };
                        view! {
                            <tr data-testid=format!("scenario-vix-row-{i}")>
                                <th scope="row">{signed_percent(m)}</th>
                                <td class="num" data-testid=format!("scenario-vix-{i}")>{number(vix, 1)}</td>
                                <td class="num" data-testid=format!("history-vix-{i}")>{median}</td>
                                <td class="num" data-testid=format!("history-band-{i}")>{band}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let beta_rows = move || {
        state.shown.with(|r| {
            r.as_ref().map(|r| {
                r.market
                    .futures_beta_by_tenor
                    .iter()
                    .enumerate()
                    .map(|(i, &(days, beta))| {
                        view! {
                            <tr data-testid=format!("futures-beta-row-{i}")>
                                <th scope="row">{format!("{} d", number(days, 0))}</th>
                                <td class="num" data-testid=format!("futures-beta-{i}")>{number(beta, 2)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <section class="panel assumptions" id="assumptions" tabindex="-1" aria-labelledby="assumptions-title" data-testid="assumptions-panel">
            <h2 id="assumptions-title">"Assumptions"</h2>
            <ul class="assumption-list" data-testid="assumptions-list">{sentences}</ul>
            <h3>"Fitted VIX futures curve"</h3>
            <dl class="curve-fit">
                <div class="figure"><dt>"κ (mean reversion)"</dt>
                    <dd data-testid="curve-kappa">{fit(|r| format!("{} /yr", number(r.market.curve_kappa, 2)))}</dd></div>
                <div class="figure"><dt>"θ (long-run level)"</dt>
                    <dd data-testid="curve-theta">{fit(|r| format!("{} VIX pts", number(r.market.curve_theta, 2)))}</dd></div>
                <div class="figure"><dt>"Fit error (RMSE)"</dt>
                    <dd data-testid="curve-rmse">{fit(|r| format!("{} VIX pts", number(r.market.curve_rmse, 3)))}</dd></div>
            </dl>
            <Show when=move || warning().is_some()>
                <p class="warning" role="status" data-testid="curve-warning">"⚠ Poor fit: "{warning}</p>
            </Show>
            <div class="chart-wrap" class:is-stale=move || state.stale.get()>
                <canvas node_ref=canvas_ref data-testid="curve-chart" role="img"
                    aria-label="Fitted VIX futures curve (line) against the quoted futures (dots), VIX points against days to expiry"></canvas>
            </div>
            <Show when=move || draw_error.get().is_some()>
                <p class="field-error" role="alert">{move || draw_error.get()}</p>
            </Show>
            <h3>"Futures' response to spot VIX"</h3>
            <p class="note">"β(τ): VIX points a future moves per point of spot VIX, by days to its expiry (spec §4.3)."</p>
            <table class="mini" data-testid="futures-beta-table">
                <thead><tr><th scope="col">"Days to expiry"</th><th scope="col">"β"</th></tr></thead>
                <tbody>{beta_rows}</tbody>
            </table>
            <h3>"Scenario VIX per SPX move"</h3>
            <p class="note" data-testid="history-vix-note">{format!(
                "The model's VIX after an SPX move from today (no shock, VIX held), spec §4.1, beside what VIX did in history 10 trading days after such a move: daily closes {} to {}, windows starting at VIX 12–20, SPX return within ±1% of the move (±2% when fewer than 5 windows), VIX_end / VIX_start scaled to your VIX. Windows overlap: n = 2 is one episode.",
                MOVE_SPAN.0, MOVE_SPAN.1
            )}</p>
            <table class="mini" data-testid="scenario-vix-table">
                <thead><tr><th scope="col">"SPX move"</th><th scope="col">"Model VIX (pts)"</th><th scope="col">"History median (pts)"</th><th scope="col">"History 10–90% (pts)"</th></tr></thead>
                <tbody>{move_rows}</tbody>
            </table>
        </section>
    }
}
