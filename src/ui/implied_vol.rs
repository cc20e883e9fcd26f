//! Per-leg implied volatility from a typed market price: a lookup through
//! [`crate::pricing::implied_vol_bsm`] on the leg's own spot, strike, days, rate and dividend
//! yield, with a button that keeps the result as the leg's IV override.

use super::fields::NumberField;
use super::format::{number, parse_number, percent};
use super::state::AppState;
use crate::engine::report::Layer;
use crate::pricing::{implied_vol_bsm, OptionKind};
use leptos::prelude::*;

/// Condor legs in Report order: long put, short put, short call, long call.
const KINDS: [OptionKind; 4] = [
    OptionKind::Put,
    OptionKind::Put,
    OptionKind::Call,
    OptionKind::Call,
];

/// The implied vol of condor leg `i` for `text` (index points), or why there is none.
fn lookup(state: AppState, i: usize, text: &str) -> Option<Result<f64, String>> {
    if text.trim().is_empty() {
        return None;
    }
    let price = match parse_number(text) {
        Ok(p) => p,
        Err(e) => return Some(Err(e)),
    };
    let (rate, div) = state
        .config
        .with_untracked(|c| (c.market.rate, c.market.div_yield));
    state.shown.with(|r| {
        let r = r.as_ref()?;
        let leg = r.legs.iter().filter(|l| l.layer == Layer::Condor).nth(i)?;
        let years = crate::engine::strategy::years(leg.days as f64);
        Some(
            implied_vol_bsm(
                KINDS[i],
                price,
                leg.underlying,
                leg.strike,
                years,
                rate,
                div,
            )
            .map_err(|e| e.to_string()),
        )
    })
}

/// A table of the condor legs with a market-price box and the implied vol it gives.
#[component]
pub fn ImpliedVolPanel(state: AppState) -> impl IntoView {
    let texts: [RwSignal<String>; 4] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let rows = (0..4)
        .map(|i| {
            let text = texts[i];
            let result = Memo::new(move |_| {
                let t = text.get();
                lookup(state, i, &t)
            });
            let leg_label = move || {
                state.shown.with(|r| {
                    r.as_ref()
                        .and_then(|r| r.legs.iter().filter(|l| l.layer == Layer::Condor).nth(i))
                        .map(|l| (l.label.clone(), number(l.model_price, 2), percent(l.vol, 2)))
                        .unwrap_or_default()
                })
            };
            let input_id = format!("iv-price-{i}");
            let apply = move |_: leptos::ev::MouseEvent| {
                if let Some(Ok(iv)) = result.get_untracked() {
                    state.config.update(|c| c.condor.iv_overrides[i] = Some(iv));
                }
            };
            view! {
                <tr data-testid=format!("iv-row-{i}")>
                    <th scope="row">{move || leg_label().0}</th>
                    <td class="num">{move || leg_label().1}</td>
                    <td class="num">{move || leg_label().2}</td>
                    <td>
                        <label for=input_id.clone() class="sr-only">{move || format!("Market price of {} (index points)", leg_label().0)}</label>
                        <input id=input_id.clone() type="text" inputmode="decimal" autocomplete="off" size="6"
                            placeholder="pts" data-testid=input_id.clone()
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev)) />
                    </td>
                    <td class="num" data-testid=format!("iv-result-{i}")>
                        {move || match result.get() {
                            None => "—".to_string(),
                            Some(Ok(iv)) => percent(iv, 2),
                            Some(Err(e)) => format!("✖ {e}"),
                        }}
                    </td>
                    <td>
                        <button type="button" class="secondary" data-testid=format!("iv-apply-{i}")
                            disabled=move || !matches!(result.get(), Some(Ok(_)))
                            on:click=apply>
                            "Use as override"
                        </button>
                    </td>
                    <td>
                        <NumberField state compact=true label="IV override" unit="%" optional=true placeholder="model"
                            path=format!("condor.iv_overrides.{i}")
                            get=move |c| c.condor.iv_overrides.get(i).copied().flatten().map(|v| v * 100.0)
                            set=move |c, v| if let Some(slot) = c.condor.iv_overrides.get_mut(i) { *slot = v.map(|p| p / 100.0) } />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel implied-vol" aria-labelledby="iv-title" data-testid="iv-panel">
            <h2 id="iv-title">"Implied vol from a market price"</h2>
            <p class="note">"Type a leg's market price (index points, per unit) to read its Black-Scholes-Merton implied vol at today's spot, rate and dividend yield; or type an IV override to see the model price at that vol (kept as an offset under the scenario)."</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways)">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">"Leg"</th>
                            <th scope="col">"Model price (pts)"</th>
                            <th scope="col">"Model IV"</th>
                            <th scope="col">"Market price (pts)"</th>
                            <th scope="col">"Implied vol"</th>
                            <th scope="col"><span class="sr-only">"Action"</span></th>
                            <th scope="col">"IV override (%)"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
