//! Leptos UI (wasm only).
//!
//! Data flows one way (STYLE.md): the [`Config`](crate::Config) lives in one `RwSignal`, one
//! `Memo` calls [`evaluate`](crate::evaluate), and every component reads its numbers from the
//! resulting [`Report`](crate::Report). Components format and lay out; they compute nothing.

mod app;
mod assumptions;
pub mod backtest_panel;
mod band_panel;
mod browser;
mod canvas;
mod chart_view;
mod crosshair;
mod download;
mod element;
mod expiry_pick;
mod fields;
mod figures;
mod format;
mod greeks_chart;
mod history_view;
pub mod history_worker;
mod implied_vol;
mod indicators_panel;
mod inputs;
mod presets_bar;
mod risk_panel;
mod rules_panel;
mod series;
mod smile_inputs;
mod state;
mod view_controls;

/// Mounts the app on the page body (called by the `alvh-web` binary's `main`, which runs when
/// the module is initialised), but only on the app's own page: index.html's `<body>` carries
/// `data-alvh-app`. A page that imports the module for the JS API (docs/embed.html) gets the
/// exported functions and no UI. After mounting, the "Loading alvh…" element is removed.
pub fn start() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let is_app_page = document
        .query_selector("body[data-alvh-app]")
        .ok()
        .flatten()
        .is_some();
    if !is_app_page {
        return;
    }
    leptos::mount::mount_to_body(app::App);
    if let Some(boot) = document.get_element_by_id("alvh-boot") {
        boot.remove();
    }
}
