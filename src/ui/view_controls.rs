//! Controls under the chart: which horizons to draw, the date slider, the SPX range.

use super::fields::{test_id, NumberField};
use super::state::AppState;
use leptos::prelude::*;

/// Parses "0, 5, 30" into whole days; every item must be a whole number.
fn parse_days(text: &str) -> Result<Vec<i64>, String> {
    text.split([',', ' ', ';'])
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            t.trim()
                .parse::<i64>()
                .map_err(|_| format!("Horizons: “{}” is not a whole number of days", t.trim()))
        })
        .collect()
}

fn days_text(days: &[i64]) -> String {
    days.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Horizon list, date slider, expiry-curve toggle and SPX range.
#[component]
pub fn ViewControls(state: AppState) -> impl IntoView {
    let path = "view.horizon_days".to_string();
    let tid = test_id(&path);
    let error_id = format!("error-{tid}");
    let horizons = Memo::new(move |_| state.config.with(|c| c.view.horizon_days.clone()));
    let text = RwSignal::new(days_text(&horizons.get_untracked()));
    let local_error = RwSignal::new(None::<String>);
    // Validation names each horizon (`view.horizon_days.2`) and the last expiry's date.
    let validation = state.field_error_under(path.clone());
    Effect::new(move |previous: Option<u64>| {
        let revision = state.revision.get();
        let replaced = previous.is_some_and(|p| p != revision);
        let days = horizons.get();
        if parse_days(&text.get_untracked()).ok().as_ref() != Some(&days) || replaced {
            local_error.set(None);
            text.set(days_text(&days));
        }
        revision
    });
    let commit = move |typed: String| {
        text.set(typed.clone());
        match parse_days(&typed) {
            Ok(days) => {
                local_error.set(None);
                state.config.update(|c| c.view.horizon_days = days);
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let message = move || local_error.get().or_else(|| validation.get());

    let max_days = Memo::new(move |_| {
        state
            .shown
            .with(|r| r.as_ref().map_or(0, |r| r.market.condor_days.max(0)))
    });
    let slider = Memo::new(move |_| state.config.with(|c| c.view.slider_days));
    let include_expiry = Memo::new(move |_| state.config.with(|c| c.view.include_expiry));

    view! {
        <div class="view-controls">
            <div class="slider-row">
                <label class="toggle">
                    <input type="checkbox" data-testid="toggle-slider"
                        prop:checked=move || slider.get().is_some()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let days = (max_days.get_untracked() / 2).max(0);
                            state.config.update(|c| c.view.slider_days = on.then_some(days));
                        } />
                    "Extra curve at"
                </label>
                <input type="range" min="0" max=move || max_days.get().to_string() step="1"
                    aria-label="Days from valuation for the extra curve"
                    data-testid="input-view-slider_days"
                    disabled=move || slider.get().is_none()
                    prop:value=move || slider.get().unwrap_or(0).to_string()
                    on:input=move |ev| {
                        if let Ok(d) = event_target_value(&ev).parse::<i64>() {
                            state.config.update(|c| c.view.slider_days = Some(d));
                        }
                    } />
                <output data-testid="slider-days">{move || slider.get().map(|d| format!("T+{d}d")).unwrap_or_else(|| "off".into())}</output>
                <label class="toggle">
                    <input type="checkbox" data-testid="toggle-expiry"
                        prop:checked=move || include_expiry.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.config.update(|c| c.view.include_expiry = on);
                        } />
                    "Expiry curve"
                </label>
            </div>
            <div class="view-fields">
                <div class="field" class:invalid=move || message().is_some()>
                    <label for=format!("input-{tid}")>"Horizons"</label>
                    <span class="control">
                        <input id=format!("input-{tid}") type="text" class="wide" data-testid=format!("input-{tid}")
                            autocomplete="off"
                            aria-invalid=move || if message().is_some() { "true" } else { "false" }
                            aria-describedby=move || message().is_some().then(|| error_id.clone())
                            prop:value=move || text.get()
                            on:change=move |ev| commit(event_target_value(&ev)) />
                        <span class="unit">"days"</span>
                    </span>
                    <Show when=move || message().is_some()>
                        <p class="field-error" id=format!("error-{tid}") role="alert" data-testid=format!("error-{tid}")>{message}</p>
                    </Show>
                </div>
                <NumberField state label="SPX range" unit="± %" path="view.range"
                    get=|c| Some(c.view.range * 100.0) set=|c, v| if let Some(v) = v { c.view.range = v / 100.0 } />
            </div>
        </div>
    }
}
