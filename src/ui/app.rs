//! The page: header (fingerprint, copy link, stale badge), inputs column, results column.

use super::assumptions::AssumptionsPanel;
use super::browser;
use super::chart_view::ChartPanel;
use super::figures::{FiguresStrip, GreeksTable, HorizonTable};
use super::greeks_chart::GreeksChart;
use super::horizons::HorizonControls;
use super::implied_vol::ImpliedVolPanel;
use super::inputs::{CondorInputs, HedgeInputs, MarketInputs, ScenarioInputs};
use super::presets_bar::PresetsBar;
use super::risk_panel::RiskPanel;
use super::state::AppState;
use crate::calendar::Date;
use leptos::prelude::*;

/// A fixed fallback should the browser clock give an impossible date.
fn fallback_date() -> Option<Date> {
    Date::from_ymd(2026, 1, 2)
}

#[component]
pub fn App() -> impl IntoView {
    let today = browser::today().or_else(fallback_date);
    let Some(today) = today else {
        return view! { <p role="alert">"This browser reports no usable date."</p> }.into_any();
    };
    let decoded = crate::state::decode_fragment(&browser::location_fragment(), today);
    let notices = RwSignal::new(decoded.notices);
    let embed = decoded.embed;
    let state = AppState::new(decoded.config);
    let (dark, _) = signal(browser::prefers_dark());
    let copied = RwSignal::new(false);

    // Keep the fragment in step with every valid configuration.
    Effect::new(move |_| {
        if state.evaluation.with(|r| r.is_ok()) {
            let mut fragment = state.config.with(crate::state::encode_fragment);
            if embed {
                fragment.push_str("&embed=1");
            }
            browser::replace_fragment(&fragment);
        }
    });
    let share_link = Memo::new(move |_| {
        state.config.with(|c| {
            format!(
                "{}#{}",
                browser::page_base(),
                crate::state::encode_fragment(c)
            )
        })
    });

    let fingerprint = move || {
        state.shown.with(|r| {
            r.as_ref()
                .map(|r| r.fingerprint.clone())
                .unwrap_or_else(|| "—".into())
        })
    };
    let copy = move |_| {
        copied.set(browser::copy_to_clipboard(&share_link.get_untracked()));
    };
    let error_count = move || state.errors().with(|e| e.len());

    view! {
        <header class="top">
            <div class="brand">
                <h1>"alvh"</h1>
                <span class="tagline">"SPX iron condor + layered VIX hedge calculator"</span>
            </div>
            <div class="status">
                <span class="fingerprint" title="Fingerprint of the configuration (R16)">
                    "Config "<code data-testid="fingerprint">{fingerprint}</code>
                </span>
                <Show when=move || state.stale.get()>
                    <span class="badge stale" data-testid="stale-badge" role="status">
                        {move || format!("stale: {} invalid field{}", error_count(), if error_count() == 1 { "" } else { "s" })}
                    </span>
                </Show>
                <button type="button" class="primary" data-testid="copy-link" on:click=copy>
                    {move || if copied.get() { "Link copied" } else { "Copy link" }}
                </button>
            </div>
        </header>
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notices" role="status" data-testid="notices">
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li><code>{n.field}</code>": "{n.message}</li> }).collect_view()}
                </ul>
                <button type="button" class="secondary" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
            </div>
        </Show>
        <main class="layout" class:embed=embed>
            <aside class="inputs" aria-label="Inputs" hidden=embed>
                <PresetsBar state />
                <MarketInputs state />
                <CondorInputs state />
                <HedgeInputs state />
                <ScenarioInputs state />
            </aside>
            <div class="results">
                <ChartPanel state dark />
                <div hidden=embed><HorizonControls state /></div>
                <FiguresStrip state />
                <div hidden=embed>
                    <HorizonTable state />
                    <RiskPanel state />
                    <GreeksChart state dark />
                    <GreeksTable state />
                    <ImpliedVolPanel state />
                    <AssumptionsPanel state dark />
                    <section class="panel share" aria-labelledby="share-title">
                        <h2 id="share-title">"Share"</h2>
                        <label for="share-link">"Link to this configuration (kept in the fragment, never sent to a server)"</label>
                        <input id="share-link" type="text" readonly data-testid="share-link" prop:value=move || share_link.get() />
                    </section>
                </div>
            </div>
        </main>
    }
    .into_any()
}
