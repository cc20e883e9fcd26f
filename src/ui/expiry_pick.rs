//! Expiry shortcuts beside a date field: a list of real exchange expirations (from the
//! Report's calendar) and a "days" box, both of which set the date.

use super::fields::{Getter, Setter};
use super::state::AppState;
use crate::calendar::Date;
use crate::engine::report::ExpiryChoice;
use crate::Config;
use leptos::prelude::*;
use std::sync::Arc;

/// Which calendar to offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpiryKind {
    /// Standard third-Friday SPX expirations.
    Spx,
    /// VIX option and futures expirations.
    Vix,
}

/// A `<select>` of upcoming expirations and a days-to-expiry box for one Config date.
#[component]
pub fn ExpiryPicker(
    state: AppState,
    kind: ExpiryKind,
    /// Test id stem, e.g. `condor-expiry` or `hedge-0-expiry`.
    #[prop(into)]
    testid: String,
    get: impl Fn(&Config) -> Option<Date> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Config, Date) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    expiry_picker(
        state,
        kind,
        testid,
        StoredValue::new(Arc::new(get)),
        StoredValue::new(Arc::new(set)),
    )
}

/// The body of [`ExpiryPicker`], with the accessors erased (one copy of the code).
fn expiry_picker(
    state: AppState,
    kind: ExpiryKind,
    testid: String,
    get: Getter<Date>,
    set: Setter<Date>,
) -> AnyView {
    let choices = Memo::new(move |_| {
        state.shown.with(|r| {
            r.as_ref()
                .map(|r| match kind {
                    ExpiryKind::Spx => r.market.spx_expiries.clone(),
                    ExpiryKind::Vix => r.market.vix_expiries.clone(),
                })
                .unwrap_or_default()
        })
    });
    let current = Memo::new(move |_| state.config.with(|c| get.with_value(|g| g(c))));
    let valuation = Memo::new(move |_| state.config.with(|c| c.market.valuation_date));
    let days_error = RwSignal::new(None::<String>);
    let days_text = move || {
        current
            .get()
            .map(|d| valuation.get().days_until(d).to_string())
            .unwrap_or_default()
    };
    let pick = move |value: String| {
        if let Ok(d) = Date::parse(&value) {
            state.replace(|c| set.with_value(|s| s(c, d)));
        }
    };
    let type_days = move |value: String| match value.trim().parse::<i64>() {
        Ok(days) if (1..=1830).contains(&days) => {
            days_error.set(None);
            let d = valuation.get_untracked().add_days(days);
            state.replace(|c| set.with_value(|s| s(c, d)));
        }
        _ => days_error.set(Some("Days must be a whole number from 1 to 1830".into())),
    };
    let (what, select_id, days_id, error_id) = (
        match kind {
            ExpiryKind::Spx => "Standard SPX expirations",
            ExpiryKind::Vix => "VIX expirations",
        },
        format!("{testid}-pick"),
        format!("{testid}-days"),
        format!("{testid}-days-error"),
    );
    let options = move || {
        let selected = current.get();
        choices
            .get()
            .into_iter()
            .map(|ExpiryChoice { date, days, .. }| {
                let value = date.to_string();
                view! {
                    <option value=value.clone() selected=Some(date) == selected>{format!("{value} ({days} d)")}</option>
                }
            })
            .collect_view()
    };
    let error_attr = error_id.clone();
    view! {
        <div class="expiry-pick">
            <label class="sr-only" for=select_id.clone()>{what}</label>
            <select id=select_id.clone() data-testid=select_id.clone() title=what
                on:change=move |ev| pick(event_target_value(&ev))>
                <option value="" selected=move || !choices.get().iter().any(|c| Some(c.date) == current.get())>
                    {what}
                </option>
                {options}
            </select>
            <label for=days_id.clone()>"or days"</label>
            <input id=days_id.clone() data-testid=days_id.clone() type="text" inputmode="numeric" size="4"
                aria-invalid=move || if days_error.get().is_some() { "true" } else { "false" }
                aria-describedby=move || days_error.get().map(|_| error_attr.clone())
                prop:value=days_text
                on:change=move |ev| type_days(event_target_value(&ev)) />
            {move || days_error.get().map(|e| view! {
                <p class="field-error" role="alert" id=error_id.clone() data-testid=error_id.clone()>{e}</p>
            })}
        </div>
    }
    .into_any()
}
