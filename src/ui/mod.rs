//! Leptos UI (wasm only).

/// Mounts the app on the page body.
pub fn start() {}
