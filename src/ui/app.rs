//! The page: header (fingerprint, copy link, stale badge), inputs column, results column.

use super::assumptions::AssumptionsPanel;
use super::browser;
use super::chart_view::ChartPanel;
use super::figures::{FiguresStrip, GreeksTable, HorizonTable, PriceDateTable};
use super::greeks_chart::GreeksChart;
use super::history_view::HistoryView;
use super::implied_vol::ImpliedVolPanel;
use super::indicators_panel::{AccountInputs, IndicatorInputs};
use super::inputs::{CondorInputs, HedgeInputs, MarketInputs, ScenarioInputs};
use super::presets_bar::PresetsBar;
use super::risk_panel::RiskPanel;
use super::rules_panel::RulesPanel;
use super::state::AppState;
use crate::calendar::Date;
use crate::codec::link::Decoded;
use crate::config::labels::field_label;
use crate::config::presets::{apply_market_preset, with_stress_distribution, MarketPreset};
use crate::Config;
use leptos::prelude::*;

/// How long the inputs must be still before the link and local storage are written.
const PERSIST_DELAY: std::time::Duration = std::time::Duration::from_millis(150);

/// A fixed fallback should the browser clock give an impossible date.
fn fallback_date() -> Option<Date> {
    Date::from_ymd(2026, 1, 2)
}

/// The configuration to start from: a link's fragment first, else the last configuration kept
/// in local storage (a corrupt one is discarded with a notice), else the defaults.
fn initial_config(today: Date) -> Decoded {
    let fragment = browser::location_fragment();
    let from_link = crate::codec::link::decode_fragment(&fragment, today);
    let has_link = fragment.split('&').any(|p| p.starts_with("c="));
    if has_link {
        return from_link;
    }
    let Some(stored) = browser::load_stored() else {
        return from_link;
    };
    let mut decoded = crate::codec::link::from_json_lenient(&stored, today);
    decoded.embed = from_link.embed;
    decoded.history = from_link.history;
    if decoded.notices.iter().any(|n| n.field == "config") {
        browser::clear_stored();
    }
    for n in &mut decoded.notices {
        n.message = format!("stored configuration: {}", n.message);
    }
    decoded
}

/// `text` cut to at most `max` characters with "…": a notice may quote a value from a link,
/// which can be hundreds of kilobytes long.
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Applies a preset menu choice ("market-N", "stress", "reset").
fn apply_preset(state: AppState, choice: &str, today: Date) {
    if let Some(index) = choice
        .strip_prefix("market-")
        .and_then(|i| i.parse::<usize>().ok())
    {
        if let Some(preset) = MarketPreset::ALL.get(index).copied() {
            state.replace(|c| *c = apply_market_preset(c, preset));
        }
    } else if choice == "stress" {
        state.replace(|c| *c = with_stress_distribution(c));
    } else if choice == "reset" {
        state.replace(|c| *c = Config::defaults_for(today));
    }
}

/// Puts a `<select>` back on its placeholder after a one-shot menu choice.
fn set_select_value(ev: &leptos::ev::Event, value: &str) {
    use wasm_bindgen::JsCast;
    if let Some(select) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        select.set_value(value);
    }
}

/// A skip link to the element with `id`: focuses it (unfolding what holds it) and leaves the
/// address alone.
fn skip_link(id: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <a class="skip-link" href=format!("#{id}") data-testid=format!("skip-{id}")
            on:click=move |ev: leptos::ev::MouseEvent| browser::follow_in_page_link(&ev, id)>{text}</a>
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let today = browser::today().or_else(fallback_date);
    let Some(today) = today else {
        return view! { <p role="alert">"This browser reports no usable date."</p> }.into_any();
    };
    let decoded = initial_config(today);
    let notices = RwSignal::new(decoded.notices);
    let embed = decoded.embed;
    let history_state = decoded.history.unwrap_or_default();
    let program = RwSignal::new(history_state.program.clone());
    let history = RwSignal::new(history_state);
    let series = super::series::Series::new();
    let state = AppState::new(decoded.config);
    let system_dark = browser::prefers_dark();
    let theme = RwSignal::new(None::<&'static str>);
    let dark = Signal::derive(move || match theme.get() {
        Some(t) => t == "dark",
        None => system_dark,
    });
    let copied = RwSignal::new(false);

    // Keep the fragment and local storage in step with every valid configuration. The writes
    // wait until the input has been still for PERSIST_DELAY_MS (history.replaceState and
    // localStorage cost about 2.5 ms per call, too much to pay on every step of a dragged
    // slider), and a pending write is flushed when the page is hidden or closed.
    // The configuration's fragment, encoded (deflated) once per change for both the link on
    // the page and the debounced write to the address bar.
    // The History view's state rides along as `h=` (left out while it is the default).
    let fragment = Memo::new(move |_| {
        let mut fragment = state.config.with(crate::codec::link::encode_fragment);
        let mut h = history.get();
        h.program = program.get();
        if let Some(part) = crate::codec::history_link::encode_history(&h) {
            fragment.push('&');
            fragment.push_str(&part);
        }
        fragment
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let persist = move || {
        pending.set_value(None);
        if state.evaluation.with_untracked(|r| r.is_err()) {
            return;
        }
        let mut fragment = fragment.get_untracked();
        if embed {
            fragment.push_str("&embed=1");
        } else {
            browser::store(
                &state
                    .config
                    .with_untracked(crate::codec::link::to_canonical_json),
            );
        }
        browser::replace_fragment(&fragment);
    };
    // The configuration the page opens with is written at once; later changes are debounced.
    Effect::new(move |first_run_done: Option<()>| {
        fragment.track();
        if state.evaluation.with(|r| r.is_ok()) {
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            if first_run_done.is_none() {
                persist();
            } else {
                let handle = set_timeout_with_handle(persist, PERSIST_DELAY);
                pending.set_value(handle.ok());
            }
        }
    });
    let flush = window_event_listener(leptos::ev::pagehide, move |_| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            persist();
        }
    });
    on_cleanup(move || flush.remove());
    let base = browser::page_base();
    let share_link = Memo::new(move |_| format!("{base}#{}", fragment.get()));

    let fingerprint = move || {
        state.shown.with(|r| {
            r.as_ref()
                .map(|r| r.fingerprint.clone())
                .unwrap_or_else(|| "—".into())
        })
    };
    let copy = move |_| {
        let ok = browser::copy_to_clipboard(&share_link.get_untracked());
        if !ok {
            browser::select_text("share-link");
        }
        copied.set(ok);
    };
    // First chart first: the header, chart and key figures are mounted at once; the inputs
    // and the panels below the figures after the browser has painted the chart. The chart is
    // drawn in the first frame after the mount, not at the mount: its width comes from a
    // ResizeObserver, whose callback runs after that frame's layout, and the draw effect runs
    // in the microtasks after it, before the paint. So the rest waits for the frame after that
    // one (a zero timeout queued from the second animation frame runs after its paint): with
    // one frame only, the rest's mount (hundreds of ms on a slow phone) ran between the chart's
    // paint and the next frame, and held up everything that waits for a frame.
    let rest_mounted = RwSignal::new(false);
    request_animation_frame(move || {
        request_animation_frame(move || {
            set_timeout(move || rest_mounted.set(true), std::time::Duration::ZERO)
        })
    });
    let errors = state.errors();
    let error_count = move || errors.with(|e| e.len());

    view! {
        // Skip links: the first Tab stops, shown when focused. They focus their target
        // without touching the address (its fragment holds the configuration).
        <nav class="skip-links" aria-label="Skip links" data-testid="skip-links">
            {skip_link("chart", "Skip to chart")}
            {skip_link("figures", "Skip to key figures")}
            <span hidden=embed>{skip_link("rules", "Skip to rules")}</span>
            <span hidden=embed>{skip_link("inputs", "Skip to inputs")}</span>
        </nav>
        <header class="top">
            <div class="brand">
                <h1>"alvh"</h1>
                <span class="tagline" hidden=embed>"SPX iron condor + layered VIX hedge calculator"</span>
            </div>
            <div class="status">
                <span class="fingerprint" title="Fingerprint of the configuration (R16)">
                    "Config "<code data-testid="fingerprint">{fingerprint}</code>
                </span>
                <Show when=move || state.stale.get()>
                    // A link to the first invalid field (focused, its group unfolded).
                    <span role="status">
                        <a class="badge stale" data-testid="stale-badge" href="#error-summary"
                            on:click=move |ev: leptos::ev::MouseEvent| {
                                ev.prevent_default();
                                if let Some(first) = errors.with_untracked(|e| e.first().map(|e| e.field.clone())) {
                                    browser::focus_field(&first);
                                }
                            }>
                            {move || format!("stale: {} invalid field{}", error_count(), if error_count() == 1 { "" } else { "s" })}
                        </a>
                    </span>
                </Show>
                // Embedded (an iframe): a link to the full page instead of the menus.
                <Show when=move || embed>
                    <a class="open-full" data-testid="open-full" href=move || share_link.get()
                        target="_blank" rel="noopener">"Open in alvh ↗"</a>
                </Show>
                <label class="menu-label" for="preset-menu" hidden=embed>"Presets"</label>
                <select id="preset-menu" data-testid="preset-menu" hidden=embed on:change=move |ev| {
                    let choice = event_target_value(&ev);
                    apply_preset(state, &choice, today);
                    set_select_value(&ev, "");
                }>
                    <option value="" selected>"Choose…"</option>
                    {MarketPreset::ALL.iter().enumerate().map(|(i, p)| view! { <option value=format!("market-{i}")>{format!("Market: {}", p.label())}</option> }).collect_view()}
                    <option value="stress">"Distribution: stress (jumps)"</option>
                    <option value="reset">"Reset everything to defaults"</option>
                </select>
                <label class="menu-label" for="theme-menu" hidden=embed>"Theme"</label>
                <select id="theme-menu" data-testid="theme-menu" hidden=embed on:change=move |ev| {
                    let picked = match event_target_value(&ev).as_str() {
                        "light" => Some("light"),
                        "dark" => Some("dark"),
                        _ => None,
                    };
                    browser::set_theme_attribute(picked);
                    theme.set(picked);
                }>
                    <option value="system" selected>"System"</option>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
                <button type="button" class="secondary" data-testid="history-tab" hidden=embed
                    on:click=move |_| {
                        history.update(|h| h.open = true);
                        browser::focus_element_next_frame("history-title");
                    }>"History"</button>
                <button type="button" class="primary" data-testid="copy-link" hidden=embed on:click=copy>
                    {move || if copied.get() { "Link copied" } else { "Copy link" }}
                </button>
            </div>
        </header>
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notices" role="status" data-testid="notices">
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li><strong>{clip(&field_label(&n.field).label, 120)}</strong>": "{clip(&n.message, 300)}</li> }).collect_view()}
                </ul>
                <button type="button" class="secondary" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
            </div>
        </Show>
        <Show when=move || state.stale.get()>
            <div class="notices errors" role="status" data-testid="error-summary" id="error-summary">
                <div>
                    <strong>"The figures below are from the last valid configuration. To update them, fix:"</strong>
                    // Each message (the field's label, its units) links to its field.
                    <ul>
                        {move || errors.get().into_iter().enumerate().map(|(i, e)| {
                            let field = e.field.clone();
                            view! {
                                <li><a href="#error-summary" data-testid=format!("error-link-{i}")
                                    on:click=move |ev: leptos::ev::MouseEvent| {
                                        ev.prevent_default();
                                        browser::focus_field(&field);
                                    }>{e.message}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </Show>
        <Show when=move || !embed && state.config.with(|c| c.market.valuation_date != today)>
            <div class="notices" role="status" data-testid="date-note">
                <span>{move || format!(
                    "This configuration is valued on {}; today is {}.",
                    state.config.with(|c| c.market.valuation_date),
                    today
                )}</span>
                <button type="button" class="secondary" data-testid="move-to-today"
                    on:click=move |_| state.config.update(|c| c.market.valuation_date = today)>
                    "Move to today"
                </button>
            </div>
        </Show>
        <main class="layout" class:embed=embed>
            <aside class="inputs" id="inputs" tabindex="-1" aria-label="Inputs" hidden=embed>
                <Show when=move || rest_mounted.get()>
                    <PresetsBar state />
                    <MarketInputs state />
                    <CondorInputs state />
                    <HedgeInputs state />
                    <ScenarioInputs state />
                    <IndicatorInputs state />
                    <AccountInputs state />
                </Show>
            </aside>
            <div class="results">
                <ChartPanel state dark series />
                <FiguresStrip state embed />
                <div hidden=embed>
                    <Show when=move || rest_mounted.get()>
                    <HorizonTable state />
                    <PriceDateTable state />
                    <RiskPanel state />
                    <GreeksChart state dark />
                    <GreeksTable state />
                    <ImpliedVolPanel state />
                    <RulesPanel state />
                    <AssumptionsPanel state dark />
                    <section class="panel share" aria-labelledby="share-title">
                        <h2 id="share-title">"Share"</h2>
                        <label for="share-link">"Link to this configuration (kept in the fragment, never sent to a server)"</label>
                        <input id="share-link" type="text" readonly data-testid="share-link" prop:value=move || share_link.get() />
                        <label for="embed-snippet">"Embed the chart and key figures in a page (iframe)"</label>
                        <input id="embed-snippet" type="text" readonly data-testid="embed-snippet"
                            prop:value=move || format!(
                                "<iframe src=\"{}&embed=1\" width=\"900\" height=\"760\" title=\"alvh P/L chart\" loading=\"lazy\"></iframe>",
                                share_link.get()
                            ) />
                    </section>
                    </Show>
                </div>
                <Show when=move || rest_mounted.get() && (!embed || history.with(|h| h.open))>
                    <HistoryView state dark history program series />
                </Show>
            </div>
        </main>
    }
    .into_any()
}
