//! Presets: market presets, hedge presets (VIX call spread, VIX call calendar) and a condor
//! struck by target delta. Each button replaces the Config with what `crate::config::presets`
//! builds; a hedge preset's quantity comes from the rules (R5/R6) unless one is typed
//! (`engine::evaluate::apply_hedge_preset`).

use super::format::parse_number;
use super::state::AppState;
use crate::config::presets::{apply_market_preset, condor_by_delta, MarketPreset};
use crate::engine::evaluate::{apply_hedge_preset, HedgePreset};
use leptos::prelude::*;

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

/// Reads a hedge quantity: blank for the rules' quantity (None), else a whole number from 1
/// to 1000.
fn parse_qty(text: &str) -> Result<Option<i64>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let v = parse_number(text)?;
    if v.fract() == 0.0 && (1.0..=1000.0).contains(&v) {
        Ok(Some(v as i64))
    } else {
        Err(
            "Quantity must be a whole number from 1 to 1000 (or blank for the rules' quantity)"
                .into(),
        )
    }
}

/// A small labelled text input bound to a local signal.
fn local_input(
    id: &'static str,
    label: &'static str,
    unit: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    placeholder_input(id, label, unit, "", value)
}

/// [`local_input`] with a placeholder shown while it is blank.
fn placeholder_input(
    id: &'static str,
    label: &'static str,
    unit: &'static str,
    placeholder: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field stacked">
            <label for=id>{label}</label>
            <span class="control">
                <input id=id type="text" inputmode="decimal" autocomplete="off" size="5"
                    placeholder=placeholder data-testid=id
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                <span class="unit">{unit}</span>
            </span>
        </div>
    }
}

/// Market presets, hedge presets and the condor-by-delta builder.
#[component]
pub fn PresetsBar(state: AppState) -> impl IntoView {
    let market_buttons = MarketPreset::ALL
        .into_iter()
        .map(|p| {
            view! {
                <button type="button" data-testid=format!("preset-market-{}", preset_id(p))
                    on:click=move |_| state.config.update(|c| *c = apply_market_preset(c, p))>
                    {p.label()}
                </button>
            }
        })
        .collect_view();

    // Blank: the quantity comes from the rules (R5 for the spread, R6 for the calendar).
    let qty = RwSignal::new(String::new());
    let hedge_error = RwSignal::new(None::<String>);
    let apply_hedge = move |calendar: bool| {
        let preset = if calendar {
            HedgePreset::CallCalendar { offset: 2.0 }
        } else {
            HedgePreset::CallSpread {
                low: 2.0,
                high: 7.0,
            }
        };
        let applied = parse_qty(&qty.get_untracked()).and_then(|typed| {
            state
                .config
                .with_untracked(|c| apply_hedge_preset(c, preset, typed))
                .map_err(|errors| {
                    errors
                        .0
                        .iter()
                        .map(|e| e.message.clone())
                        .collect::<Vec<_>>()
                        .join("; ")
                })
        });
        match applied {
            Ok(config) => {
                hedge_error.set(None);
                state.config.set(config);
            }
            Err(e) => hedge_error.set(Some(e)),
        }
    };

    let put_delta = RwSignal::new("0.16".to_string());
    let call_delta = RwSignal::new("0.16".to_string());
    let put_wing = RwSignal::new("50".to_string());
    let call_wing = RwSignal::new("50".to_string());
    let delta_error = RwSignal::new(None::<String>);
    let apply_delta = move |_: leptos::ev::MouseEvent| match parse_delta_inputs(
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

    view! {
        <section class="panel presets" aria-labelledby="presets-title" data-testid="presets-bar">
            <h2 id="presets-title">"Presets"</h2>
            <div class="preset-groups">
                <div class="preset-group" role="group" aria-labelledby="preset-market-title">
                    <h3 id="preset-market-title">"Market"</h3>
                    <div class="preset-buttons">{market_buttons}</div>
                </div>
                <div class="preset-group" role="group" aria-labelledby="preset-hedge-title">
                    <h3 id="preset-hedge-title">"Hedge (VIX expiry nearest the condor's; F = its future)"</h3>
                    <div class="preset-buttons">
                        {placeholder_input("preset-hedge-qty", "Qty (contracts)", "", "from the rules", qty)}
                        <button type="button" data-testid="preset-hedge-spread" on:click=move |_| apply_hedge(false)>
                            "Call spread F+2 / F+7"
                        </button>
                        <button type="button" data-testid="preset-hedge-calendar" on:click=move |_| apply_hedge(true)>
                            "Call calendar F+2"
                        </button>
                    </div>
                    <Show when=move || hedge_error.get().is_some()>
                        <p class="field-error" role="alert" data-testid="preset-hedge-error">{move || hedge_error.get()}</p>
                    </Show>
                </div>
                <div class="preset-group" role="group" aria-labelledby="preset-delta-title">
                    <h3 id="preset-delta-title">"Condor by target delta (|Δ| of the shorts)"</h3>
                    <div class="preset-buttons">
                        {local_input("preset-put-delta", "Put delta", "", put_delta)}
                        {local_input("preset-call-delta", "Call delta", "", call_delta)}
                        {local_input("preset-put-wing", "Put wing", "pts", put_wing)}
                        {local_input("preset-call-wing", "Call wing", "pts", call_wing)}
                        <button type="button" data-testid="preset-condor-delta" on:click=apply_delta>
                            "Strike condor"
                        </button>
                    </div>
                    <Show when=move || delta_error.get().is_some()>
                        <p class="field-error" role="alert" data-testid="preset-delta-error">{move || delta_error.get()}</p>
                    </Show>
                </div>
            </div>
        </section>
    }
}
