//! Browser entry point: mounts the Leptos app. Natively this binary is a placeholder.

#[cfg(target_arch = "wasm32")]
fn main() {
    alvh::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("alvh is a browser app: run `scripts/serve.sh` (see README.md).");
}
