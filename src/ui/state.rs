//! The app's reactive state: the Config signal, the one evaluation memo and what it derives,
//! and the helpers through which panels read texts from the shown report.

use crate::config::labels::user_message;
use crate::{evaluate, Config, ConfigErrors, Report};
use leptos::prelude::*;
use std::sync::Arc;

/// Shared reactive handles; `Copy`, passed down to components.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The whole configuration: the single source of truth.
    pub config: RwSignal<Config>,
    /// `evaluate(&config)`: the only place the UI calls the core. The report is shared, not
    /// copied, with `shown`.
    pub evaluation: Memo<Result<Arc<Report>, ConfigErrors>>,
    /// The report on screen: the latest valid one (kept while the config is invalid).
    pub shown: Memo<Option<Arc<Report>>>,
    /// True while the config is invalid and `shown` is an older report.
    pub stale: Memo<bool>,
    /// Bumped when the whole Config is replaced (preset, reset): every field then drops its
    /// own text, even text that did not parse, and shows the new value.
    pub revision: RwSignal<u64>,
}

impl AppState {
    /// Builds the signals around an initial configuration.
    pub fn new(initial: Config) -> AppState {
        let config = RwSignal::new(initial);
        let evaluation = Memo::new(move |_| config.with(evaluate).map(Arc::new));
        let shown = Memo::new(move |previous: Option<&Option<Arc<Report>>>| {
            evaluation.with(|result| match result {
                Ok(report) => Some(report.clone()),
                Err(_) => previous.cloned().flatten(),
            })
        });
        let stale = Memo::new(move |_| evaluation.with(|r| r.is_err()));
        AppState {
            config,
            evaluation,
            shown,
            stale,
            revision: RwSignal::new(0),
        }
    }

    /// Replaces part or all of the Config from outside the fields (a preset, a reset).
    pub fn replace(self, change: impl FnOnce(&mut Config)) {
        self.config.update(change);
        self.revision.update(|r| *r = r.wrapping_add(1));
    }

    /// The validation message `evaluate` gives for one field path (e.g. `condor.short_put`).
    /// A memo, so that a field's message, class and ARIA attributes update only when its own
    /// message changes, not on every evaluation.
    pub fn field_error(self, path: String) -> Signal<Option<String>> {
        let evaluation = self.evaluation;
        Memo::new(move |_| {
            evaluation.with(|r| {
                r.as_ref()
                    .err()
                    .and_then(|errors| errors.for_field(&path))
                    .map(|m| user_message(&path, m))
            })
        })
        .into()
    }

    /// The first validation message for `path` or any path under it (e.g. `view.horizon_days`
    /// for `view.horizon_days.2`), for a field that edits a list.
    pub fn field_error_under(self, path: String) -> Signal<Option<String>> {
        let evaluation = self.evaluation;
        let prefix = format!("{path}.");
        Memo::new(move |_| {
            evaluation.with(|r| {
                r.as_ref().err().and_then(|errors| {
                    errors
                        .0
                        .iter()
                        .find(|e| e.field == path || e.field.starts_with(&prefix))
                        .map(|e| user_message(&e.field, &e.message))
                })
            })
        })
        .into()
    }

    /// The warning the shown report gives for one field path (`Report.warnings`: valid input
    /// that looks wrong, e.g. a fill far from the model's bid/ask), for a notice beside it.
    pub fn field_warning(self, path: String) -> Signal<Option<String>> {
        let shown = self.shown;
        Memo::new(move |_| {
            shown.with(|r| {
                r.as_ref().and_then(|r| {
                    r.warnings
                        .iter()
                        .find(|w| w.field == path)
                        .map(|w| w.message.clone())
                })
            })
        })
        .into()
    }

    /// Every current validation error (for the summary above the inputs), each with its
    /// Config path (to find its input) and the message as the page words it
    /// ([`user_message`]: the field's label and shown units, no path).
    pub fn errors(self) -> Signal<Vec<crate::FieldError>> {
        let evaluation = self.evaluation;
        Signal::derive(move || {
            evaluation.with(|r| {
                r.as_ref()
                    .err()
                    .map(|e| {
                        e.0.iter()
                            .map(|e| {
                                crate::FieldError::new(
                                    e.field.clone(),
                                    user_message(&e.field, &e.message),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            })
        })
    }
}

/// A text read from the shown Report ("" while there is none). The page is built once and
/// each such text follows the report on its own, so an edit changes only the text nodes
/// whose figures changed (re-rendering whole panels re-set every attribute of every cell:
/// ~1.5 ms of a ~13 ms strike edit in the browser profile).
pub fn report_text(
    src: Source,
    f: impl Fn(&Report) -> String + Send + Sync + 'static,
) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    text_of(src, Arc::new(f))
}

/// [`report_text`] with the formatter behind a pointer: one closure type for every text,
/// so the view code for them is compiled once, not once per text.
fn text_of(
    src: Source,
    f: Arc<dyn Fn(&Report) -> String + Send + Sync>,
) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    move || src.with(|r| r.as_deref().map(|r| f(r)).unwrap_or_default())
}

/// The shown report as one panel reads it. Every text of a panel subscribes to its panel's
/// source rather than to `shown` itself: a signal's subscribers are kept in an ordered set
/// whose removals cost its size, and each text re-subscribes on every change, so ~150 texts
/// on one signal cost ~1 ms per edit in the browser profile.
pub type Source = Memo<Option<Arc<Report>>>;

/// A panel's [`Source`]: changes when `shown` holds another report (by pointer).
pub fn panel_source(state: AppState) -> Source {
    Memo::new_with_compare(
        move |_| state.shown.get(),
        |old, new| match (old, new) {
            (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    )
}

/// The number of items of a list in the shown Report (0 while there is none): rows are
/// rebuilt only when it changes.
pub fn report_count(src: Source, f: fn(&Report) -> usize) -> Memo<usize> {
    Memo::new(move |_| src.with(|r| r.as_deref().map_or(0, f)))
}

/// Whether a report is shown.
pub fn has_report(src: Source) -> Memo<bool> {
    Memo::new(move |_| src.with(|r| r.is_some()))
}
