//! Input widgets bound to one Config field each.
//!
//! A field keeps its own text. Text that does not parse shows a message beside the field and
//! leaves the Config untouched; parsed text updates the Config, and a validation error from
//! `evaluate` for the field's path is shown beside it. When the Config changes from elsewhere
//! (a link, a snap to the strike grid) the text follows.

use super::format::{input_text, parse_number};
use super::state::AppState;
use crate::calendar::Date;
use crate::config::labels::field_label;
use crate::Config;
use leptos::prelude::*;
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

/// Reads a field's text; an error names the field by its `label` and says what to type.
fn parse_field(
    text: &str,
    optional: bool,
    kind: NumberKind,
    label: &str,
    unit: &str,
) -> Result<Option<f64>, String> {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" (in {unit})")
    };
    if text.trim().is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err(format!("{label} is required: enter a number{unit}"))
        };
    }
    let v = parse_number(text).map_err(|e| format!("{label}{unit}: {e}"))?;
    if kind == NumberKind::Integer && v.fract() != 0.0 {
        return Err(format!(
            "{label} must be a whole number (got {})",
            text.trim()
        ));
    }
    Ok(Some(v))
}

/// The message beside a field: its own parse error first, else evaluate's error for its path.
#[component]
fn FieldMessage(
    id: String,
    local: RwSignal<Option<String>>,
    validation: Signal<Option<String>>,
) -> impl IntoView {
    let message = move || local.get().or_else(|| validation.get());
    view! {
        <Show when=move || message().is_some()>
            <p class="field-error" id=id.clone() role="alert" data-testid=format!("{id}")>
                {message}
            </p>
        </Show>
    }
}

/// The notice beside a field for a warning of the shown report (`Report.warnings`): the input
/// is used as typed, but looks wrong.
#[component]
fn FieldWarning(id: String, warning: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || warning.get().is_some()>
            <p class="field-warning" id=id.clone() role="status" data-testid=id.clone()>
                {move || warning.get()}
            </p>
        </Show>
    }
}

/// A labelled numeric input bound to one Config field.
///
/// `get`/`set` convert between the Config's units and the displayed units (e.g. decimal rate
/// shown in %); `None` means a blank optional field. `snap`, when set, rounds the committed
/// value to that grid when the user leaves the field.
#[component]
pub fn NumberField(
    state: AppState,
    /// Visible label.
    label: &'static str,
    /// Unit shown after the input ("pts", "%", "$").
    unit: &'static str,
    /// Config path, for validation messages and test ids.
    #[prop(into)]
    path: String,
    get: impl Fn(&Config) -> Option<f64> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Config, Option<f64>) + Copy + Send + Sync + 'static,
    #[prop(optional)] optional: bool,
    #[prop(optional)] kind: NumberKind,
    #[prop(optional)] snap: Option<f64>,
    /// Placeholder for a blank optional field (e.g. "model").
    #[prop(optional)]
    placeholder: &'static str,
    /// Extra text after the unit (e.g. days to an expiry), from the Report.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Hide the visible label (table cells); the label stays for screen readers.
    #[prop(optional)]
    compact: bool,
    /// Small label above the input (cards).
    #[prop(optional)]
    stacked: bool,
) -> impl IntoView {
    number_field(NumberSpec {
        state,
        label,
        unit,
        path,
        get: StoredValue::new(Arc::new(get)),
        set: StoredValue::new(Arc::new(set)),
        optional,
        kind,
        snap,
        placeholder,
        hint,
        compact,
        stacked,
    })
}

/// Reads a field's value from the Config. Type-erased, like [`Setter`], so that the ~70 fields
/// share one copy of their widget's code instead of one per getter closure (bundle size).
pub type Getter<T> = StoredValue<Arc<dyn Fn(&Config) -> Option<T> + Send + Sync>>;
/// Writes a field's value into the Config.
pub type Setter<T> = StoredValue<Arc<dyn Fn(&mut Config, T) + Send + Sync>>;

/// The props of [`NumberField`], with the accessors erased.
struct NumberSpec {
    state: AppState,
    label: &'static str,
    unit: &'static str,
    path: String,
    get: Getter<f64>,
    set: Setter<Option<f64>>,
    optional: bool,
    kind: NumberKind,
    snap: Option<f64>,
    placeholder: &'static str,
    hint: Option<Signal<String>>,
    compact: bool,
    stacked: bool,
}

fn number_field(spec: NumberSpec) -> AnyView {
    let NumberSpec {
        state,
        label,
        unit,
        path,
        get,
        set,
        optional,
        kind,
        snap,
        placeholder,
        hint,
        compact,
        stacked,
    } = spec;
    let tid = test_id(&path);
    let input_id = format!("input-{tid}");
    let error_id = format!("error-{tid}");
    let value = Memo::new(move |_| state.config.with(|c| get.with_value(|g| g(c))));
    let text = RwSignal::new(value.get_untracked().map(input_text).unwrap_or_default());
    let local_error = RwSignal::new(None::<String>);
    let validation = state.field_error(path.clone());
    let warning = state.field_warning(path.clone());
    let warning_id = format!("warning-{tid}");

    // Follow the Config when it changes from elsewhere (a link, a preset, a snap); never
    // overwrite matching text. Typing text that does not parse leaves the Config, and so this
    // value, unchanged: a change seen here always comes from elsewhere and replaces the text.
    Effect::new(move |previous: Option<u64>| {
        let revision = state.revision.get();
        let replaced = previous.is_some_and(|p| p != revision);
        let v = value.get();
        let typed = text.get_untracked();
        let matches = parse_field(&typed, optional, kind, label, unit)
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
        match parse_field(&typed, optional, kind, label, unit) {
            Ok(parsed) => {
                local_error.set(None);
                // Only a positive value is snapped to the grid (strikes, wings): -1 must stay
                // -1 for its message, not become "-0".
                let parsed = match (parsed, snap) {
                    (Some(v), Some(grid)) if snap_now && grid > 0.0 && v > 0.0 => {
                        Some(((v / grid).round() * grid).max(grid))
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

    let invalid = move || local_error.get().is_some() || validation.get().is_some();
    let error_id_attr = error_id.clone();
    view! {
        <div class="field" class:invalid=invalid class:compact=compact class:stacked=stacked>
            <label for=input_id.clone() class:sr-only=compact>{label}</label>
            <span class="control">
                <input
                    id=input_id.clone()
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=placeholder
                    data-testid=input_id.clone()
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=move || invalid().then(|| error_id_attr.clone())
                    prop:value=move || text.get()
                    on:input=move |ev| commit(event_target_value(&ev), false)
                    on:change=move |ev| commit(event_target_value(&ev), true)
                />
                <span class="unit">{unit}</span>
                {hint.map(|h| view! { <span class="hint">{move || h.get()}</span> })}
            </span>
            <FieldMessage id=error_id local=local_error validation=validation />
            <FieldWarning id=warning_id warning=warning />
        </div>
    }
    .into_any()
}

/// A labelled date input (YYYY-MM-DD) bound to one Config date.
#[component]
pub fn DateField(
    state: AppState,
    label: &'static str,
    #[prop(into)] path: String,
    get: impl Fn(&Config) -> Option<Date> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Config, Date) + Copy + Send + Sync + 'static,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional)] compact: bool,
    #[prop(optional)] stacked: bool,
) -> impl IntoView {
    date_field(
        state,
        label,
        path,
        (
            StoredValue::new(Arc::new(get)),
            StoredValue::new(Arc::new(set)),
        ),
        hint,
        (compact, stacked),
    )
}

fn date_field(
    state: AppState,
    label: &'static str,
    path: String,
    (get, set): (Getter<Date>, Setter<Date>),
    hint: Option<Signal<String>>,
    (compact, stacked): (bool, bool),
) -> AnyView {
    let tid = test_id(&path);
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
    let validation = state.field_error(path.clone());
    let path_for_error = path.clone();

    Effect::new(move |previous: Option<u64>| {
        let revision = state.revision.get();
        let replaced = previous.is_some_and(|p| p != revision);
        let v = value.get();
        if Date::parse(text.get_untracked().trim()).ok() != v || replaced {
            local_error.set(None);
            text.set(v.map(|d| d.to_string()).unwrap_or_default());
        }
        revision
    });

    let commit = move |typed: String| {
        text.set(typed.clone());
        match Date::parse(typed.trim()) {
            Ok(d) => {
                local_error.set(None);
                if Some(d) != value.get_untracked() {
                    state.config.update(|c| set.with_value(|s| s(c, d)));
                }
            }
            Err(_) => local_error.set(Some(format!(
                "{}: enter a date as YYYY-MM-DD (got “{}”)",
                field_label(&path_for_error).label,
                typed.trim()
            ))),
        }
    };

    let invalid = move || local_error.get().is_some() || validation.get().is_some();
    let error_id_attr = error_id.clone();
    view! {
        <div class="field" class:invalid=invalid class:compact=compact class:stacked=stacked>
            <label for=input_id.clone() class:sr-only=compact>{label}</label>
            <span class="control">
                // A text box, not `type="date"`: that shows the browser's locale format
                // (mm/dd/yyyy) where the page writes ISO dates, and costs 4 Tab stops.
                <input
                    id=input_id.clone()
                    type="text"
                    class="date"
                    pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"
                    placeholder="YYYY-MM-DD"
                    maxlength="10"
                    autocomplete="off"
                    spellcheck="false"
                    title="Date as YYYY-MM-DD"
                    data-testid=input_id.clone()
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=move || invalid().then(|| error_id_attr.clone())
                    prop:value=move || text.get()
                    on:change=move |ev| commit(event_target_value(&ev))
                />
                {hint.map(|h| view! { <span class="hint">{move || h.get()}</span> })}
            </span>
            <FieldMessage id=error_id local=local_error validation=validation />
        </div>
    }
    .into_any()
}

/// A labelled `<select>` over a fixed list of (value, label) choices.
#[component]
pub fn SelectField<T>(
    state: AppState,
    label: &'static str,
    #[prop(into)] path: String,
    choices: Vec<(T, &'static str)>,
    get: impl Fn(&Config) -> Option<T> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Config, T) + Copy + Send + Sync + 'static,
    #[prop(optional)] compact: bool,
    #[prop(optional)] stacked: bool,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    select_field(
        state,
        label,
        path,
        choices,
        (
            StoredValue::new(Arc::new(get)),
            StoredValue::new(Arc::new(set)),
        ),
        (compact, stacked),
    )
}

fn select_field<T>(
    state: AppState,
    label: &'static str,
    path: String,
    choices: Vec<(T, &'static str)>,
    (get, set): (Getter<T>, Setter<T>),
    (compact, stacked): (bool, bool),
) -> AnyView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let tid = test_id(&path);
    let input_id = format!("input-{tid}");
    let error_id = format!("error-{tid}");
    let validation = state.field_error(path.clone());
    let local_error = RwSignal::new(None::<String>);
    let choices_for_change = choices.clone();
    let options = choices
        .into_iter()
        .enumerate()
        .map(|(i, (v, text))| {
            let selected = move || state.config.with(|c| get.with_value(|g| g(c))) == Some(v);
            view! { <option value=i.to_string() prop:selected=selected>{text}</option> }
        })
        .collect_view();
    let invalid = move || validation.with(|v| v.is_some());
    let error_id_attr = error_id.clone();
    view! {
        <div class="field" class:invalid=invalid class:compact=compact class:stacked=stacked>
            <label for=input_id.clone() class:sr-only=compact>{label}</label>
            <span class="control">
                <select
                    id=input_id.clone()
                    data-testid=input_id.clone()
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=move || invalid().then(|| error_id_attr.clone())
                    on:change=move |ev| {
                        let picked = event_target_value(&ev).parse::<usize>().ok();
                        if let Some((v, _)) = picked.and_then(|i| choices_for_change.get(i)).copied() {
                            state.config.update(|c| set.with_value(|s| s(c, v)));
                        }
                    }
                >
                    {options}
                </select>
            </span>
            <FieldMessage id=error_id local=local_error validation=validation />
        </div>
    }
    .into_any()
}

/// Removes item `i` of a list, leaving it alone when the list shrank meanwhile.
pub fn remove_at<T>(items: &mut Vec<T>, i: usize) {
    if i < items.len() {
        items.remove(i);
    }
}

/// The "×" button that removes item `index` of a Config list (`remove` does it, usually
/// through [`remove_at`]); one component for the futures, hedge legs and signatures.
/// An empty `testid` sets no test id.
#[component]
pub fn RemoveButton(
    state: AppState,
    label: String,
    #[prop(optional)] testid: String,
    index: usize,
    remove: fn(&mut Config, usize),
) -> impl IntoView {
    let testid = (!testid.is_empty()).then_some(testid);
    view! {
        <button type="button" class="icon" aria-label=label data-testid=testid
            on:click=move |_| state.config.update(|c| remove(c, index))>
            "×"
        </button>
    }
}
