//! alvh: SPX iron condor + Adaptive Layered VIX Hedge calculator.
//!
//! The core (everything but `ui` and `jsapi`) is pure Rust with no web dependency:
//! `evaluate(&Config) -> Result<Report, ConfigErrors>` is the one entry point the UI, the
//! JavaScript API and the tests call.

pub mod analysis;
pub mod calendar;
pub mod chart;
pub mod chart_greeks;
pub mod config;
pub mod decimal;
pub mod defaults;
pub mod error;
pub mod evaluate;
pub mod export;
pub mod history;
pub mod indicators;
pub mod market;
pub mod model;
pub mod presets;
pub mod pricing;
pub mod report;
pub mod risk;
pub mod rules;
pub mod scenario;
pub mod state;
pub mod strategy;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod jsapi;
#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use config::Config;
pub use error::{ConfigErrors, FieldError};
pub use evaluate::evaluate;
pub use report::Report;
