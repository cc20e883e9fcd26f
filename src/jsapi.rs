//! JavaScript API (wasm only).
