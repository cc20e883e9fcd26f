//! Leptos UI (wasm only).
//!
//! Data flows one way (STYLE.md): the [`Config`](crate::Config) lives in one `RwSignal`, one
//! `Memo` calls [`evaluate`](crate::evaluate), and every component reads its numbers from the
//! resulting [`Report`](crate::Report). Components format and lay out; they compute nothing.

mod app;
mod assumptions;
mod browser;
mod chart_view;
mod expiry_pick;
mod fields;
mod figures;
mod format;
mod greeks_chart;
mod implied_vol;
mod indicators_panel;
mod inputs;
mod presets_bar;
mod risk_panel;
mod rules_panel;
mod smile_inputs;
mod state;
mod view_controls;

/// Mounts the app on the page body (called by the `alvh` binary's `main`).
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
