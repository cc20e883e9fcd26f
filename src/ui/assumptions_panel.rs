//! The assumptions panel: every model statement the figures rest on, in words.

use super::state::AppState;
use leptos::prelude::*;

/// The model's assumptions in words, as the Report states them.
#[component]
pub fn AssumptionsPanel(state: AppState) -> impl IntoView {
    let items = move || {
        state.shown.with(|shown| {
            shown.as_ref().map(|r| {
                r.assumptions
                    .iter()
                    .map(|a| view! { <li>{a.clone()}</li> })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="panel" id="assumptions" aria-labelledby="assumptions-title">
            <h2 id="assumptions-title">"Assumptions behind the figures"</h2>
            <ul class="assumptions" data-testid="assumptions">{items}</ul>
        </section>
    }
}
