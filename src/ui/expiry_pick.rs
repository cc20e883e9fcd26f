//! Expiry shortcuts beside a date field: a list of real exchange expirations (from the
//! Report's calendar, each with its series and settlement) and a "days" box whose days snap to
//! a real expiration (`calendar::expiry::snap_spx_days` / `snap_vix_days`), with a note saying
//! which one when the typed day was none.

use super::fields::{test_id, Getter, Setter};
use super::state::AppState;
use crate::calendar::expiry::{snap_spx_days, snap_vix_days};
use crate::calendar::Date;
use crate::config::labels::field_label;
use crate::config::Instrument;
use crate::engine::report::ExpiryChoice;
use crate::Config;
use leptos::prelude::*;
use std::sync::Arc;

/// Which calendar to offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpiryKind {
    /// SPX expirations: SPXW (PM-settled, every trading day) and the AM-settled monthlies.
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
    /// Config path of the date it sets (its label and validation message).
    #[prop(into)]
    path: String,
    get: impl Fn(&Config) -> Option<Date> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Config, Date) + Copy + Send + Sync + 'static,
    /// For a hedge leg: its index, so typed days snap to the expirations its instrument
    /// lists (VXM has no weeklies).
    #[prop(optional)]
    hedge_leg: Option<usize>,
) -> impl IntoView {
    expiry_picker(
        state,
        (kind, hedge_leg),
        (testid, path),
        StoredValue::new(Arc::new(get)),
        StoredValue::new(Arc::new(set)),
    )
}

/// The body of [`ExpiryPicker`], with the accessors erased (one copy of the code).
fn expiry_picker(
    state: AppState,
    (kind, hedge_leg): (ExpiryKind, Option<usize>),
    (testid, path): (String, String),
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
    let label = field_label(&path).label;
    // The date's own validation message (an expiry that is no expiration): the list and the
    // days box set that date, so they are marked invalid with it and point to its message.
    let date_error = state.field_error(path.clone());
    let date_error_id = format!("error-{}", test_id(&path));
    // The snap note of the last typed days, with the date it snapped to: shown while the
    // field still holds that date.
    let snap_note = RwSignal::new(None::<(Date, String)>);
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
            let today = valuation.get_untracked();
            let snapped = match kind {
                ExpiryKind::Spx => snap_spx_days(today, days),
                ExpiryKind::Vix => {
                    let weekly_listed = state.config.with_untracked(|c| {
                        hedge_leg
                            .and_then(|i| c.hedge.legs.get(i))
                            .is_none_or(|l| l.instrument != Instrument::Vxm)
                    });
                    snap_vix_days(today, days, weekly_listed)
                }
            };
            let d = snapped.date;
            snap_note.set(snapped.note.map(|n| (d, n)));
            state.replace(|c| set.with_value(|s| s(c, d)));
        }
        _ => days_error.set(Some(format!(
            "{}: days to expiry must be a whole number from 1 to 1830 (got “{}”)",
            label,
            value.trim()
        ))),
    };
    let note_id = format!("{testid}-days-note");
    let note = move || {
        snap_note
            .get()
            .filter(|(d, _)| Some(*d) == current.get())
            .map(|(_, n)| n)
    };
    let (what, select_id, days_id, error_id) = (
        match kind {
            ExpiryKind::Spx => "SPX expirations (SPXW and monthlies)",
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
            .map(
                |ExpiryChoice {
                     date,
                     days,
                     monthly,
                     settlement,
                 }| {
                    let value = date.to_string();
                    // The series and settlement come from the core ("SPXW, PM-settled"); monthly
                    // choices are marked so they stand out in a long daily list.
                    let text = format!("{value} ({days} d, {settlement})");
                    view! {
                        <option value=value.clone() selected=Some(date) == selected
                            data-monthly=if monthly { "true" } else { "false" }>{text}</option>
                    }
                },
            )
            .collect_view()
    };
    let error_attr = error_id.clone();
    let select_described = date_error_id.clone();
    let days_invalid = move || days_error.with(|e| e.is_some()) || date_error.with(|e| e.is_some());
    view! {
        <div class="expiry-pick">
            <label class="sr-only" for=select_id.clone()>{what}</label>
            <select id=select_id.clone() data-testid=select_id.clone() title=what
                aria-invalid=move || if date_error.with(|e| e.is_some()) { "true" } else { "false" }
                aria-describedby=move || date_error.with(|e| e.is_some()).then(|| select_described.clone())
                on:change=move |ev| pick(event_target_value(&ev))>
                <option value="" selected=move || !choices.get().iter().any(|c| Some(c.date) == current.get())>
                    {what}
                </option>
                {options}
            </select>
            <label for=days_id.clone()>"or days"</label>
            <input id=days_id.clone() data-testid=days_id.clone() type="text" inputmode="numeric" size="4"
                aria-invalid=move || if days_invalid() { "true" } else { "false" }
                aria-describedby=move || {
                    if days_error.with(|e| e.is_some()) {
                        Some(error_attr.clone())
                    } else {
                        date_error.with(|e| e.is_some()).then(|| date_error_id.clone())
                    }
                }
                prop:value=days_text
                on:change=move |ev| type_days(event_target_value(&ev)) />
            {move || days_error.get().map(|e| view! {
                <p class="field-error" role="alert" id=error_id.clone() data-testid=error_id.clone()>{e}</p>
            })}
            {move || note().map(|n| view! {
                <p class="expiry-note" role="status" data-testid=note_id.clone()>{n}</p>
            })}
        </div>
    }
    .into_any()
}
