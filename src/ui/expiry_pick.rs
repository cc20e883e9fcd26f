//! Expiry shortcuts beside a date field: a list of real exchange expirations (from the
//! Report's calendar) and a "days" box, both of which set the date.

use super::dom::{el, event_value, El};
use super::fields::{aria_invalid, with_message, Getter, Setter};
use super::state::AppState;
use crate::calendar::Date;
use crate::engine::report::ExpiryChoice;
use crate::Config;
use reactive_graph::computed::Memo;
use reactive_graph::owner::StoredValue;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use reactive_graph::wrappers::read::Signal;
use std::fmt::Write;
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
/// `testid` is the test id stem, e.g. `condor-expiry` or `hedge-0-expiry`.
pub fn expiry_picker(
    state: AppState,
    kind: ExpiryKind,
    testid: &str,
    get: impl Fn(&Config) -> Option<Date> + Send + Sync + 'static,
    set: impl Fn(&mut Config, Date) + Send + Sync + 'static,
) -> El {
    picker(
        state,
        kind,
        testid,
        StoredValue::new(Arc::new(get)),
        StoredValue::new(Arc::new(set)),
    )
}

/// The options of the picker's `<select>`: a placeholder (selected while the date is none of
/// the choices) and one option per choice, the current date's selected.
fn options_html(what: &str, choices: &[ExpiryChoice], current: Option<Date>) -> String {
    let selected = |on: bool| if on { " selected" } else { "" };
    let listed = choices.iter().any(|c| Some(c.date) == current);
    let mut html = format!("<option value=\"\"{}>{what}</option>", selected(!listed));
    for ExpiryChoice { date, days } in choices {
        let _ = write!(
            html,
            "<option value=\"{date}\"{}>{date} ({days} d)</option>",
            selected(Some(*date) == current)
        );
    }
    html
}

/// The body of [`expiry_picker`], with the accessors erased (one copy of the code).
fn picker(
    state: AppState,
    kind: ExpiryKind,
    testid: &str,
    get: Getter<Date>,
    set: Setter<Date>,
) -> El {
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
    let what = match kind {
        ExpiryKind::Spx => "Standard SPX expirations",
        ExpiryKind::Vix => "VIX expirations",
    };
    let (select_id, days_id, error_id) = (
        format!("{testid}-pick"),
        format!("{testid}-days"),
        format!("{testid}-days-error"),
    );
    let error_attr = error_id.clone();
    let invalid = move || days_error.with(Option::is_some);
    let picker = el("div")
        .class("expiry-pick")
        .child(
            el("label")
                .class("sr-only")
                .attr("for", &select_id)
                .text(what),
        )
        .child(
            el("select")
                .id(&select_id)
                .testid(&select_id)
                .attr("title", what)
                .on("change", move |ev| pick(event_value(&ev)))
                // Options hold only dates and day counts: one markup string, no escaping.
                .dyn_html(move || choices.with(|list| options_html(what, list, current.get()))),
        )
        .child(el("label").attr("for", &days_id).text("or days"))
        .child(
            aria_invalid(
                el("input")
                    .id(&days_id)
                    .testid(&days_id)
                    .attr("type", "text")
                    .attr("inputmode", "numeric")
                    .attr("size", "4"),
                error_attr,
                invalid,
            )
            .dyn_value(days_text)
            .on("change", move |ev| type_days(event_value(&ev))),
        );
    // The days box's own message: the standard field-error line, with no validation part.
    with_message(picker, error_id, days_error, Signal::stored(None))
}
