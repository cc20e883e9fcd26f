//! Input widgets bound to one Config field each.
//!
//! A field keeps its own text. Text that does not parse shows a message beside the field and
//! leaves the Config untouched; parsed text updates the Config, and a validation error from
//! `evaluate` for the field's path is shown beside it. When the Config changes from elsewhere
//! (a link, a snap to the strike grid) the text follows.

use super::dom::{el, event_value, El};
use super::format::{input_text, parse_number};
use super::state::AppState;
use crate::calendar::Date;
use crate::Config;
use reactive_graph::computed::Memo;
use reactive_graph::effect::Effect;
use reactive_graph::owner::StoredValue;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use reactive_graph::wrappers::read::Signal;
use std::sync::Arc;

/// `data-testid` stem for a Config path: `condor.short_put` -> `condor-short_put`.
pub fn test_id(path: &str) -> String {
    path.replace('.', "-")
}

/// True when two values are equal up to display rounding (so "4" matches 0.04 x 100).
fn same_value(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// How a numeric field reads its text.
#[derive(Clone, Copy, Default, PartialEq)]
pub enum NumberKind {
    /// Any finite number.
    #[default]
    Real,
    /// A whole number (contracts, quantities).
    Integer,
}

fn parse_field(text: &str, optional: bool, kind: NumberKind) -> Result<Option<f64>, String> {
    if text.trim().is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err("Required".into())
        };
    }
    let v = parse_number(text)?;
    if kind == NumberKind::Integer && v.fract() != 0.0 {
        return Err("Enter a whole number".into());
    }
    Ok(Some(v))
}

/// Reads a field's value from the Config. Type-erased, like [`Setter`], so that the ~70 fields
/// share one copy of their widget's code instead of one per getter closure (bundle size).
pub type Getter<T> = StoredValue<Arc<dyn Fn(&Config) -> Option<T> + Send + Sync>>;
/// Writes a field's value into the Config.
pub type Setter<T> = StoredValue<Arc<dyn Fn(&mut Config, T) + Send + Sync>>;

/// A text computed from the reactive state, e.g. a hint after a field's unit.
pub type Text = Box<dyn Fn() -> String>;

/// Options of a field; `Opts::default()` is a required real number with a visible label.
#[derive(Default)]
pub struct Opts {
    /// A blank field is allowed (the setter gets None).
    pub optional: bool,
    /// Only whole numbers (contracts, quantities).
    pub integer: bool,
    /// Round the committed value to this grid when the user leaves the field.
    pub snap: Option<f64>,
    /// Placeholder of a blank optional field (e.g. "model").
    pub placeholder: &'static str,
    /// Extra text after the unit (e.g. days to an expiry), from the Report.
    pub hint: Option<Text>,
    /// Hide the visible label (table cells); the label stays for screen readers.
    pub compact: bool,
    /// Small label above the input (cards).
    pub stacked: bool,
}

/// The field's outer `<div>` with its label: `<div class="field"><label for=...>`.
fn field_shell(label: &str, input_id: &str, opts: &Opts) -> El {
    let mut class = String::from("field");
    if opts.compact {
        class.push_str(" compact");
    }
    if opts.stacked {
        class.push_str(" stacked");
    }
    let mut label_el = el("label").attr("for", input_id);
    if opts.compact {
        label_el = label_el.class("sr-only");
    }
    el("div").class(&class).child(label_el.text(label))
}

/// Appends the message beside a field to `parent`: the field's own parse error first, else
/// `evaluate`'s error for its path.
pub fn with_message(
    parent: El,
    id: String,
    local: RwSignal<Option<String>>,
    validation: Signal<Option<String>>,
) -> El {
    parent.show(
        move || local.with(Option::is_some) || validation.with(Option::is_some),
        move || {
            el("p")
                .class("field-error")
                .id(&id)
                .attr("role", "alert")
                .testid(&id)
                .dyn_text(move || local.get().or_else(|| validation.get()).unwrap_or_default())
        },
    )
}

/// Appends a `<p class="field-error" role="alert">` to `parent` while `message` holds one
/// (an empty `testid` sets none).
pub fn with_alert(parent: El, testid: &str, message: RwSignal<Option<String>>) -> El {
    let testid = testid.to_string();
    parent.show(
        move || message.with(Option::is_some),
        move || {
            el("p")
                .class("field-error")
                .attr("role", "alert")
                .testid(&testid)
                .dyn_text(move || message.get().unwrap_or_default())
        },
    )
}

/// An input's ARIA state while `invalid` is true: `aria-invalid`, and `aria-describedby`
/// naming its message `error_id`.
pub fn aria_invalid(
    input: El,
    error_id: String,
    invalid: impl Fn() -> bool + Copy + 'static,
) -> El {
    input
        .dyn_attr("aria-invalid", move || Some(invalid().to_string()))
        .dyn_attr("aria-describedby", move || {
            invalid().then(|| error_id.clone())
        })
}

/// Marks an input invalid (class on the field, ARIA on the input) while `invalid` is true.
fn mark_invalid(
    field: El,
    input: El,
    error_id: String,
    invalid: impl Fn() -> bool + Copy + 'static,
) -> (El, El) {
    (
        field.dyn_class("invalid", invalid),
        aria_invalid(input, error_id, invalid),
    )
}

/// A labelled numeric input bound to one Config field.
///
/// `get`/`set` convert between the Config's units and the displayed units (e.g. decimal rate
/// shown in %); `None` means a blank optional field.
pub fn number_field(
    state: AppState,
    label: &str,
    unit: &str,
    path: &str,
    get: impl Fn(&Config) -> Option<f64> + Send + Sync + 'static,
    set: impl Fn(&mut Config, Option<f64>) + Send + Sync + 'static,
    opts: Opts,
) -> El {
    number_input(
        state,
        (label, unit, path),
        StoredValue::new(Arc::new(get)),
        StoredValue::new(Arc::new(set)),
        opts,
    )
}

/// A required number field whose accessors are plain functions of the Config: every such
/// field shares one copy of the closures around them (bundle size).
pub fn required_number(
    state: AppState,
    (label, unit, path): (&str, &str, &str),
    get: fn(&Config) -> f64,
    set: fn(&mut Config, f64),
    opts: Opts,
) -> El {
    number_field(
        state,
        label,
        unit,
        path,
        move |c| Some(get(c)),
        move |c, v| {
            if let Some(v) = v {
                set(c, v)
            }
        },
        opts,
    )
}

fn number_input(
    state: AppState,
    (label, unit, path): (&str, &str, &str),
    get: Getter<f64>,
    set: Setter<Option<f64>>,
    opts: Opts,
) -> El {
    let tid = test_id(path);
    let input_id = format!("input-{tid}");
    let error_id = format!("error-{tid}");
    let (optional, snap) = (opts.optional, opts.snap);
    let kind = if opts.integer {
        NumberKind::Integer
    } else {
        NumberKind::Real
    };
    let value = Memo::new(move |_| state.config.with(|c| get.with_value(|g| g(c))));
    let text = RwSignal::new(value.get_untracked().map(input_text).unwrap_or_default());
    let local_error = RwSignal::new(None::<String>);
    let validation = state.field_error(path.to_string());

    // Follow the Config when it changes from elsewhere (a link, a preset, a snap); never
    // overwrite matching text. Typing text that does not parse leaves the Config, and so this
    // value, unchanged: a change seen here always comes from elsewhere and replaces the text.
    Effect::new(move |previous: Option<u64>| {
        let revision = state.revision.get();
        let replaced = previous.is_some_and(|p| p != revision);
        let v = value.get();
        let typed = text.get_untracked();
        let matches = parse_field(&typed, optional, kind)
            .map(|t| same_value(t, v))
            .unwrap_or(false);
        if !matches || replaced {
            local_error.set(None);
            text.set(v.map(input_text).unwrap_or_default());
        }
        revision
    });

    let commit = move |typed: String, snap_now: bool| {
        text.set(typed.clone());
        match parse_field(&typed, optional, kind) {
            Ok(parsed) => {
                local_error.set(None);
                let parsed = match (parsed, snap) {
                    (Some(v), Some(grid)) if snap_now && grid > 0.0 => {
                        Some((v / grid).round() * grid)
                    }
                    (p, _) => p,
                };
                if !same_value(parsed, value.get_untracked()) {
                    state.config.update(|c| set.with_value(|s| s(c, parsed)));
                }
                if snap_now {
                    text.set(parsed.map(input_text).unwrap_or_default());
                }
            }
            Err(message) => local_error.set(Some(message)),
        }
    };

    let invalid = move || local_error.with(Option::is_some) || validation.with(Option::is_some);
    let input = el("input")
        .id(&input_id)
        .attr("type", "text")
        .attr("inputmode", "decimal")
        .attr("autocomplete", "off")
        .attr("spellcheck", "false")
        .attr("placeholder", opts.placeholder)
        .testid(&input_id)
        .dyn_value(move || text.get())
        .on("input", move |ev| commit(event_value(&ev), false))
        .on("change", move |ev| commit(event_value(&ev), true));
    let (field, input) = mark_invalid(
        field_shell(label, &input_id, &opts),
        input,
        error_id.clone(),
        invalid,
    );
    let mut control = el("span")
        .class("control")
        .child(input)
        .child(el("span").class("unit").text(unit));
    if let Some(hint) = opts.hint {
        control = control.child(el("span").class("hint").dyn_text(hint));
    }
    with_message(field.child(control), error_id, local_error, validation)
}

/// A labelled date input (YYYY-MM-DD) bound to one Config date.
pub fn date_field(
    state: AppState,
    label: &str,
    path: &str,
    get: impl Fn(&Config) -> Option<Date> + Send + Sync + 'static,
    set: impl Fn(&mut Config, Date) + Send + Sync + 'static,
    opts: Opts,
) -> El {
    date_input(
        state,
        (label, path),
        StoredValue::new(Arc::new(get)),
        StoredValue::new(Arc::new(set)),
        opts,
    )
}

fn date_input(
    state: AppState,
    (label, path): (&str, &str),
    get: Getter<Date>,
    set: Setter<Date>,
    opts: Opts,
) -> El {
    let tid = test_id(path);
    let input_id = format!("input-{tid}");
    let error_id = format!("error-{tid}");
    let value = Memo::new(move |_| state.config.with(|c| get.with_value(|g| g(c))));
    let text = RwSignal::new(
        value
            .get_untracked()
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let local_error = RwSignal::new(None::<String>);
    let validation = state.field_error(path.to_string());

    Effect::new(move |previous: Option<u64>| {
        let revision = state.revision.get();
        let replaced = previous.is_some_and(|p| p != revision);
        let v = value.get();
        if Date::parse(&text.get_untracked()).ok() != v || replaced {
            local_error.set(None);
            text.set(v.map(|d| d.to_string()).unwrap_or_default());
        }
        revision
    });

    let commit = move |typed: String| {
        text.set(typed.clone());
        match Date::parse(&typed) {
            Ok(d) => {
                local_error.set(None);
                if Some(d) != value.get_untracked() {
                    state.config.update(|c| set.with_value(|s| s(c, d)));
                }
            }
            Err(_) => local_error.set(Some("Enter a date as YYYY-MM-DD".into())),
        }
    };

    let invalid = move || local_error.with(Option::is_some) || validation.with(Option::is_some);
    let input = el("input")
        .id(&input_id)
        .attr("type", "date")
        .testid(&input_id)
        .dyn_value(move || text.get())
        .on("change", move |ev| commit(event_value(&ev)));
    let (field, input) = mark_invalid(
        field_shell(label, &input_id, &opts),
        input,
        error_id.clone(),
        invalid,
    );
    let mut control = el("span").class("control").child(input);
    if let Some(hint) = opts.hint {
        control = control.child(el("span").class("hint").dyn_text(hint));
    }
    with_message(field.child(control), error_id, local_error, validation)
}

/// A labelled `<select>` over a fixed list of (value, label) choices. Uses `compact` and
/// `stacked` of `opts`.
pub fn select_field<T>(
    state: AppState,
    label: &str,
    path: &str,
    choices: Vec<(T, &'static str)>,
    get: impl Fn(&Config) -> Option<T> + Send + Sync + 'static,
    set: impl Fn(&mut Config, T) + Send + Sync + 'static,
    opts: Opts,
) -> El
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    // The choice's index is what the element holds: one copy of the widget for every T.
    let values: Vec<T> = choices.iter().map(|c| c.0).collect();
    let values2 = values.clone();
    select_input(
        state,
        (label, path),
        choices.iter().map(|c| c.1).collect(),
        StoredValue::new(Arc::new(move |c: &Config| {
            let v = get(c)?;
            values.iter().position(|x| *x == v)
        })),
        StoredValue::new(Arc::new(move |c: &mut Config, i: usize| {
            if let Some(v) = values2.get(i) {
                set(c, *v)
            }
        })),
        opts,
    )
}

fn select_input(
    state: AppState,
    (label, path): (&str, &str),
    labels: Vec<&'static str>,
    get: Getter<usize>,
    set: Setter<usize>,
    opts: Opts,
) -> El {
    let tid = test_id(path);
    let input_id = format!("input-{tid}");
    let error_id = format!("error-{tid}");
    let validation = state.field_error(path.to_string());
    let local_error = RwSignal::new(None::<String>);
    let current = Memo::new(move |_| state.config.with(|c| get.with_value(|g| g(c))));
    let mut select = el("select").id(&input_id).testid(&input_id);
    for (i, text) in labels.into_iter().enumerate() {
        select = select.child(
            el("option")
                .attr("value", &i.to_string())
                .dyn_prop_flag("selected", move || current.get() == Some(i))
                .text(text),
        );
    }
    let select = select.on("change", move |ev| {
        if let Ok(i) = event_value(&ev).parse::<usize>() {
            state.config.update(|c| set.with_value(|s| s(c, i)));
        }
    });
    let field =
        field_shell(label, &input_id, &opts).child(el("span").class("control").child(select));
    with_message(field, error_id, local_error, validation)
}

/// The "×" button that removes item `i` of a Config list: `list` picks the list, and an item
/// already gone (the list shrank meanwhile) is left alone.
pub fn remove_button<T: 'static>(
    state: AppState,
    (label, testid): (&str, &str),
    i: usize,
    list: fn(&mut Config) -> &mut Vec<T>,
) -> El {
    el("button")
        .attr("type", "button")
        .class("icon")
        .attr("aria-label", label)
        .testid(testid)
        .on("click", move |_| {
            state.config.update(|c| {
                let items = list(c);
                if i < items.len() {
                    items.remove(i);
                }
            })
        })
        .text("×")
}

/// A text from the shown Report for a field's hint ("" while there is none).
pub fn hint(
    state: AppState,
    f: impl Fn(&crate::Report) -> Option<String> + Send + Sync + 'static,
) -> Option<Text> {
    let text = super::state::report_text(state.shown, move |r| f(r).unwrap_or_default());
    Some(Box::new(text))
}
