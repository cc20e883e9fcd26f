//! Per-leg implied volatility from a typed market price: a lookup through
//! [`crate::pricing::implied_vol_bsm`] on the leg's own spot, strike, days, rate and dividend
//! yield, with a button that keeps the result as the leg's IV override.

use super::dom::{el, event_value, El};
use super::fields::{number_field, Opts};
use super::format::{number, parse_number, percent};
use super::state::AppState;
use crate::engine::report::Layer;
use crate::pricing::{implied_vol_bsm, OptionKind};
use reactive_graph::computed::Memo;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;

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

/// One condor leg's row: its figures, the market-price box, the implied vol it gives, the
/// button that keeps it as the leg's override, and the override field itself.
fn iv_row(state: AppState, i: usize) -> El {
    let text = RwSignal::new(String::new());
    let result = Memo::new(move |_| text.with(|t| lookup(state, i, t)));
    // The leg's label, model price (pts) and model IV, from the shown report.
    let leg = Memo::new(move |_| {
        state.shown.with(|r| {
            r.as_ref()
                .and_then(|r| r.legs.iter().filter(|l| l.layer == Layer::Condor).nth(i))
                .map(|l| [l.label.clone(), number(l.model_price, 2), percent(l.vol, 2)])
                .unwrap_or_default()
        })
    });
    let leg_text = move |k: usize| move || leg.with(|l| l[k].clone());
    let input_id = format!("iv-price-{i}");
    let price = el("input")
        .id(&input_id)
        .attr("type", "text")
        .attr("inputmode", "decimal")
        .attr("autocomplete", "off")
        .attr("size", "6")
        .attr("placeholder", "pts")
        .testid(&input_id)
        .dyn_value(move || text.get())
        .on("input", move |ev| text.set(event_value(&ev)));
    let apply = el("button")
        .attr("type", "button")
        .class("secondary")
        .testid(&format!("iv-apply-{i}"))
        .dyn_flag("disabled", move || {
            result.with(|r| !matches!(r, Some(Ok(_))))
        })
        .on("click", move |_| {
            if let Some(Ok(iv)) = result.get_untracked() {
                state.config.update(|c| c.condor.iv_overrides[i] = Some(iv));
            }
        })
        .text("Use as override");
    let over = number_field(
        state,
        "IV override",
        "%",
        &format!("condor.iv_overrides.{i}"),
        move |c| {
            c.condor
                .iv_overrides
                .get(i)
                .copied()
                .flatten()
                .map(|v| v * 100.0)
        },
        move |c, v| {
            if let Some(slot) = c.condor.iv_overrides.get_mut(i) {
                *slot = v.map(|p| p / 100.0)
            }
        },
        Opts {
            compact: true,
            optional: true,
            placeholder: "model",
            ..Opts::default()
        },
    );
    el("tr").testid(&format!("iv-row-{i}")).children(vec![
        el("th").attr("scope", "row").dyn_text(leg_text(0)),
        el("td").class("num").dyn_text(leg_text(1)),
        el("td").class("num").dyn_text(leg_text(2)),
        el("td")
            .child(
                el("label")
                    .attr("for", &input_id)
                    .class("sr-only")
                    .dyn_text(move || {
                        leg.with(|l| format!("Market price of {} (index points)", l[0]))
                    }),
            )
            .child(price),
        el("td")
            .class("num")
            .testid(&format!("iv-result-{i}"))
            .dyn_text(move || {
                result.with(|r| match r {
                    None => "—".to_string(),
                    Some(Ok(iv)) => percent(*iv, 2),
                    Some(Err(e)) => format!("✖ {e}"),
                })
            }),
        el("td").child(apply),
        el("td").child(over),
    ])
}

/// A table of the condor legs with a market-price box and the implied vol it gives.
pub fn implied_vol_panel(state: AppState) -> El {
    let table = el("table")
        .class("data")
        .html(
            "<thead><tr><th scope=\"col\">Leg</th><th scope=\"col\">Model price (pts)</th>\
             <th scope=\"col\">Model IV</th><th scope=\"col\">Market price (pts)</th>\
             <th scope=\"col\">Implied vol</th>\
             <th scope=\"col\"><span class=\"sr-only\">Action</span></th>\
             <th scope=\"col\">IV override (%)</th></tr></thead>",
        )
        .child(el("tbody").children((0..4).map(|i| iv_row(state, i)).collect()));
    el("section")
        .class("panel implied-vol")
        .attr("aria-labelledby", "iv-title")
        .testid("iv-panel")
        .html(
            "<h2 id=\"iv-title\">Implied vol from a market price</h2><p class=\"note\">Type a \
             leg's market price (index points, per unit) to read its Black-Scholes-Merton \
             implied vol at today's spot, rate and dividend yield; or type an IV override to see \
             the model price at that vol (kept as an offset under the scenario).</p>",
        )
        .child(el("div").class("table-scroll").child(table))
}
