//! Controls under the chart: which horizons to draw, the date slider, the SPX range.

use super::chart_view::toggle;
use super::dom::{el, event_value, El};
use super::fields::{aria_invalid, number_field, test_id, with_message, Opts};
use super::state::AppState;
use reactive_graph::computed::Memo;
use reactive_graph::effect::Effect;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;

/// Parses "0, 5, 30" into whole days; every item must be a whole number.
fn parse_days(text: &str) -> Result<Vec<i64>, String> {
    text.split([',', ' ', ';'])
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            t.trim()
                .parse::<i64>()
                .map_err(|_| format!("“{}” is not a whole number of days", t.trim()))
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
pub fn view_controls(state: AppState) -> El {
    let path = "view.horizon_days";
    let tid = test_id(path);
    let input_id = format!("input-{tid}");
    let error_id = format!("error-{tid}");
    let horizons = Memo::new(move |_| state.config.with(|c| c.view.horizon_days.clone()));
    let text = RwSignal::new(days_text(&horizons.get_untracked()));
    let local_error = RwSignal::new(None::<String>);
    let validation = state.field_error(path.to_string());
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
    let invalid = move || local_error.with(Option::is_some) || validation.with(Option::is_some);

    let max_days = Memo::new(move |_| {
        state
            .shown
            .with(|r| r.as_ref().map_or(0, |r| r.market.condor_days.max(0)))
    });
    let slider = Memo::new(move |_| state.config.with(|c| c.view.slider_days));
    let include_expiry = Memo::new(move |_| state.config.with(|c| c.view.include_expiry));

    // `max` before the value: a range input clamps its value to the current maximum.
    let range = el("input")
        .attr("type", "range")
        .attr("min", "0")
        .dyn_attr("max", move || Some(max_days.get().to_string()))
        .attr("step", "1")
        .attr("aria-label", "Days from valuation for the extra curve")
        .testid("input-view-slider_days")
        .dyn_flag("disabled", move || slider.get().is_none())
        .dyn_value(move || slider.get().unwrap_or(0).to_string())
        .on("input", move |ev| {
            if let Ok(d) = event_value(&ev).parse::<i64>() {
                state.config.update(|c| c.view.slider_days = Some(d));
            }
        });
    let slider_row = el("div")
        .class("slider-row")
        .child(toggle(
            "Extra curve at",
            "toggle-slider",
            Box::new(move || slider.get().is_some()),
            Box::new(move |on| {
                let days = (max_days.get_untracked() / 2).max(0);
                state
                    .config
                    .update(|c| c.view.slider_days = on.then_some(days));
            }),
        ))
        .child(range)
        .child(el("output").testid("slider-days").dyn_text(move || {
            slider
                .get()
                .map(|d| format!("T+{d}d"))
                .unwrap_or_else(|| "off".into())
        }))
        .child(toggle(
            "Expiry curve",
            "toggle-expiry",
            Box::new(move || include_expiry.get()),
            Box::new(move |on| state.config.update(|c| c.view.include_expiry = on)),
        ));

    let input = el("input")
        .id(&input_id)
        .attr("type", "text")
        .class("wide")
        .testid(&input_id)
        .attr("autocomplete", "off");
    let input = aria_invalid(input, error_id.clone(), invalid)
        .dyn_value(move || text.get())
        .on("change", move |ev| commit(event_value(&ev)));
    let horizons_field = el("div")
        .class("field")
        .dyn_class("invalid", invalid)
        .child(el("label").attr("for", &input_id).text("Horizons"))
        .child(
            el("span")
                .class("control")
                .child(input)
                .child(el("span").class("unit").text("days")),
        );
    let fields = el("div")
        .class("view-fields")
        .child(with_message(
            horizons_field,
            error_id,
            local_error,
            validation,
        ))
        .child(number_field(
            state,
            "SPX range",
            "± %",
            "view.range",
            |c| Some(c.view.range * 100.0),
            |c, v| {
                if let Some(v) = v {
                    c.view.range = v / 100.0
                }
            },
            Opts::default(),
        ));
    el("div")
        .class("view-controls")
        .child(slider_row)
        .child(fields)
}
