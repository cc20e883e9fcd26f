//! Presets: market presets, hedge presets (VIX call spread, VIX call calendar) and a condor
//! struck by target delta. Each button replaces the Config with what `crate::config::presets` builds.

use super::dom::{el, event_value, El};
use super::fields::with_alert;
use super::format::parse_number;
use super::state::AppState;
use crate::config::presets::{
    apply_market_preset, condor_by_delta, vix_call_calendar, vix_call_spread, MarketPreset,
};
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;

/// Test id suffix of a market preset.
fn preset_id(p: MarketPreset) -> &'static str {
    match p {
        MarketPreset::CalmContango => "calm",
        MarketPreset::StressedBackwardation => "stressed",
        MarketPreset::PreFomc => "fomc",
    }
}

/// Reads the condor-by-delta inputs: deltas strictly between 0 and 0.5, wings positive.
fn parse_delta_inputs(
    put_delta: &str,
    call_delta: &str,
    put_wing: &str,
    call_wing: &str,
) -> Result<(f64, f64, f64, f64), String> {
    let delta = |name: &str, t: &str| -> Result<f64, String> {
        let v = parse_number(t).map_err(|e| format!("{name}: {e}"))?;
        if v > 0.0 && v < 0.5 {
            Ok(v)
        } else {
            Err(format!("{name} must be between 0 and 0.5 (e.g. 0.16)"))
        }
    };
    let wing = |name: &str, t: &str| -> Result<f64, String> {
        let v = parse_number(t).map_err(|e| format!("{name}: {e}"))?;
        if v > 0.0 && v <= 1000.0 {
            Ok(v)
        } else {
            Err(format!("{name} must be above 0 and at most 1000 points"))
        }
    };
    Ok((
        delta("Put delta", put_delta)?,
        delta("Call delta", call_delta)?,
        wing("Put wing", put_wing)?,
        wing("Call wing", call_wing)?,
    ))
}

/// Reads a hedge quantity: a whole number from 1 to 1000.
fn parse_qty(text: &str) -> Result<i64, String> {
    let v = parse_number(text)?;
    if v.fract() == 0.0 && (1.0..=1000.0).contains(&v) {
        Ok(v as i64)
    } else {
        Err("Quantity must be a whole number from 1 to 1000".into())
    }
}

/// A small labelled text input bound to a local signal.
fn local_input(id: &str, label: &str, unit: &str, value: RwSignal<String>) -> El {
    el("div")
        .class("field stacked")
        .child(el("label").attr("for", id).text(label))
        .child(
            el("span")
                .class("control")
                .child(
                    el("input")
                        .id(id)
                        .attr("type", "text")
                        .attr("inputmode", "decimal")
                        .attr("autocomplete", "off")
                        .attr("size", "5")
                        .testid(id)
                        .dyn_value(move || value.get())
                        .on("input", move |ev| value.set(event_value(&ev))),
                )
                .child(el("span").class("unit").text(unit)),
        )
}

/// A button of the presets bar.
fn button(testid: &str, label: &str, on_click: impl FnMut(web_sys::Event) + 'static) -> El {
    el("button")
        .attr("type", "button")
        .testid(testid)
        .on("click", on_click)
        .text(label)
}

/// A preset group: a titled set of inputs and buttons.
fn group(title_id: &str, title: &str, buttons: Vec<El>) -> El {
    el("div")
        .class("preset-group")
        .attr("role", "group")
        .attr("aria-labelledby", title_id)
        .child(el("h3").id(title_id).text(title))
        .child(el("div").class("preset-buttons").children(buttons))
}

/// Market presets, hedge presets and the condor-by-delta builder.
pub fn presets_bar(state: AppState) -> El {
    let market_buttons = MarketPreset::ALL
        .into_iter()
        .map(|p| {
            button(
                &format!("preset-market-{}", preset_id(p)),
                p.label(),
                move |_| state.config.update(|c| *c = apply_market_preset(c, p)),
            )
        })
        .collect();

    let qty = RwSignal::new("10".to_string());
    let hedge_error = RwSignal::new(None::<String>);
    let apply_hedge = move |calendar: bool| match parse_qty(&qty.get_untracked()) {
        Ok(n) => {
            hedge_error.set(None);
            state.config.update(|c| {
                *c = if calendar {
                    vix_call_calendar(c, 2.0, n)
                } else {
                    vix_call_spread(c, 2.0, 7.0, n)
                }
            });
        }
        Err(e) => hedge_error.set(Some(e)),
    };

    let put_delta = RwSignal::new("0.16".to_string());
    let call_delta = RwSignal::new("0.16".to_string());
    let put_wing = RwSignal::new("50".to_string());
    let call_wing = RwSignal::new("50".to_string());
    let delta_error = RwSignal::new(None::<String>);
    let apply_delta = move |_| match parse_delta_inputs(
        &put_delta.get_untracked(),
        &call_delta.get_untracked(),
        &put_wing.get_untracked(),
        &call_wing.get_untracked(),
    ) {
        Ok((pd, cd, pw, cw)) => {
            delta_error.set(None);
            state
                .config
                .update(|c| *c = condor_by_delta(c, pd, cd, pw, cw));
        }
        Err(e) => delta_error.set(Some(e)),
    };

    let hedge = group(
        "preset-hedge-title",
        "Hedge (VIX expiry nearest the condor's; F = its future)",
        vec![
            local_input("preset-hedge-qty", "Qty (contracts)", "", qty),
            button("preset-hedge-spread", "Call spread F+2 / F+7", move |_| {
                apply_hedge(false)
            }),
            button("preset-hedge-calendar", "Call calendar F+2", move |_| {
                apply_hedge(true)
            }),
        ],
    );
    let delta = group(
        "preset-delta-title",
        "Condor by target delta (|Δ| of the shorts)",
        vec![
            local_input("preset-put-delta", "Put delta", "", put_delta),
            local_input("preset-call-delta", "Call delta", "", call_delta),
            local_input("preset-put-wing", "Put wing", "pts", put_wing),
            local_input("preset-call-wing", "Call wing", "pts", call_wing),
            button("preset-condor-delta", "Strike condor", apply_delta),
        ],
    );
    el("section")
        .class("panel presets")
        .attr("aria-labelledby", "presets-title")
        .testid("presets-bar")
        .html("<h2 id=\"presets-title\">Presets</h2>")
        .child(
            el("div")
                .class("preset-groups")
                .child(group("preset-market-title", "Market", market_buttons))
                .child(with_alert(hedge, "preset-hedge-error", hedge_error))
                .child(with_alert(delta, "preset-delta-error", delta_error)),
        )
}
