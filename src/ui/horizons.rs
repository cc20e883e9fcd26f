//! Horizon controls under the chart: the list of horizon days as removable chips with an add
//! box (whole days 0 to 1830, at most 8), the include-expiry toggle, and a date slider that
//! sets `view.slider_days` (one extra curve). Figures shown come from the Report.

use super::format::{levels, signed_dollars};
use super::state::AppState;
use crate::validate::MAX_DAYS;
use leptos::prelude::*;

/// Most horizons the validator accepts.
const MAX_HORIZONS: usize = 8;

/// Reads typed text as a new horizon for `existing`, or says why it cannot be one.
fn parse_horizon(text: &str, existing: &[i64]) -> Result<i64, String> {
    let t = text.trim();
    let days: i64 = t
        .parse()
        .map_err(|_| format!("“{t}” is not a whole number of days"))?;
    if !(0..=MAX_DAYS).contains(&days) {
        return Err(format!("A horizon must be 0 to {MAX_DAYS} days"));
    }
    if existing.contains(&days) {
        return Err(format!("T+{days} is already in the list"));
    }
    if existing.len() >= MAX_HORIZONS {
        return Err(format!("At most {MAX_HORIZONS} horizons"));
    }
    Ok(days)
}

/// Chip label for a horizon in days.
fn chip_label(days: i64) -> String {
    if days == 0 {
        "T+0".into()
    } else {
        format!("T+{days}d")
    }
}

/// Horizon chips with add/remove, the condor-expiry toggle and the date slider.
#[component]
pub fn HorizonControls(state: AppState) -> impl IntoView {
    let horizons = Memo::new(move |_| state.config.with(|c| c.view.horizon_days.clone()));
    let add_text = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);

    let add = move || {
        let text = add_text.get_untracked();
        match parse_horizon(&text, &horizons.get_untracked()) {
            Ok(days) => {
                add_error.set(None);
                add_text.set(String::new());
                state.config.update(|c| {
                    c.view.horizon_days.push(days);
                    c.view.horizon_days.sort_unstable();
                });
            }
            Err(message) => add_error.set(Some(message)),
        }
    };

    let chips = move || {
        horizons
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, days)| {
                let label = chip_label(days);
                view! {
                    <li class="chip" data-testid=format!("horizon-chip-{i}")>
                        <span>{label.clone()}</span>
                        <button type="button" class="chip-remove"
                            aria-label=format!("Remove horizon {label}")
                            data-testid=format!("remove-horizon-{i}")
                            on:click=move |_| state.config.update(|c| {
                                if let Some(pos) = c.view.horizon_days.iter().position(|d| *d == days) {
                                    c.view.horizon_days.remove(pos);
                                }
                            })>
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let include_expiry = move || state.config.with(|c| c.view.include_expiry);
    let horizon_error = state.field_error("view.horizon_days".to_string());

    view! {
        <section class="panel horizons" aria-labelledby="horizons-ctl-title" data-testid="horizon-controls">
            <h2 id="horizons-ctl-title">"Horizons drawn"</h2>
            <div class="horizon-row">
                <ul class="chips" aria-label="Horizons in days from the valuation date" data-testid="horizon-chips">
                    {chips}
                </ul>
                <form class="horizon-add" on:submit=move |ev| { ev.prevent_default(); add(); }>
                    <label for="horizon-add-input">"Add horizon"</label>
                    <span class="control">
                        <input id="horizon-add-input" type="text" inputmode="numeric" autocomplete="off"
                            size="5" placeholder="e.g. 12" data-testid="horizon-add-input"
                            aria-invalid=move || if add_error.get().is_some() { "true" } else { "false" }
                            aria-describedby=move || add_error.get().map(|_| "horizon-add-error".to_string())
                            prop:value=move || add_text.get()
                            on:input=move |ev| { add_text.set(event_target_value(&ev)); add_error.set(None); } />
                        <span class="unit">"days"</span>
                    </span>
                    <button type="submit" class="secondary" data-testid="horizon-add">"Add"</button>
                </form>
                <label class="toggle">
                    <input type="checkbox" data-testid="toggle-include-expiry"
                        prop:checked=include_expiry
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.config.update(|c| c.view.include_expiry = on);
                        } />
                    "Condor expiry curve"
                </label>
            </div>
            <Show when=move || add_error.get().is_some() || horizon_error.get().is_some()>
                <p class="field-error" id="horizon-add-error" role="alert" data-testid="horizon-add-error">
                    {move || add_error.get().or_else(|| horizon_error.get())}
                </p>
            </Show>
            <DateSlider state />
        </section>
    }
}

/// The date slider: 0 to the condor's days, sets `view.slider_days`; "Clear" removes the
/// extra curve. Shows the date, the day count and the slider curve's figures.
#[component]
fn DateSlider(state: AppState) -> impl IntoView {
    let max_days = Memo::new(move |_| {
        state
            .shown
            .with(|r| r.as_ref().map(|r| r.market.condor_days.max(0)).unwrap_or(0))
    });
    let slider = Memo::new(move |_| state.config.with(|c| c.view.slider_days));
    let date_text = move |days: i64| {
        state
            .config
            .with(|c| c.market.valuation_date.add_days(days).to_string())
    };
    let caption = move || match slider.get() {
        Some(d) => format!("{} (T+{d} days)", date_text(d)),
        None => "off — move the slider to add a curve".to_string(),
    };
    let value_text = move || {
        let d = slider.get().unwrap_or(0);
        format!("{}, {d} days from valuation", date_text(d))
    };
    let figures = move || {
        state.shown.with(|r| {
            let h = r.as_ref()?.curves.horizons.iter().find(|h| h.is_slider)?;
            let f = &h.figures;
            Some(format!(
                "{}: combined max loss {}, max profit {}; break-evens {} (SPX pts)",
                h.label,
                signed_dollars(f.combined.max_loss),
                signed_dollars(f.combined.max_profit),
                levels(&f.combined.break_evens)
            ))
        })
    };
    let set_days = move |text: String| {
        if let Ok(d) = text.parse::<i64>() {
            if slider.get_untracked() != Some(d) {
                state.config.update(|c| c.view.slider_days = Some(d));
            }
        }
    };
    view! {
        <div class="date-slider">
            <label for="horizon-slider">"Extra curve at date"</label>
            <input id="horizon-slider" type="range" min="0" step="1"
                max=move || max_days.get().to_string()
                data-testid="horizon-slider"
                aria-valuetext=value_text
                prop:value=move || slider.get().unwrap_or(0).to_string()
                on:input=move |ev| set_days(event_target_value(&ev)) />
            <output for="horizon-slider" data-testid="slider-label">{caption}</output>
            <button type="button" class="secondary" data-testid="slider-clear"
                disabled=move || slider.get().is_none()
                on:click=move |_| state.config.update(|c| c.view.slider_days = None)>
                "Clear"
            </button>
            <Show when=move || figures().is_some()>
                <p class="slider-figures" data-testid="slider-figures">{figures}</p>
            </Show>
        </div>
    }
}
