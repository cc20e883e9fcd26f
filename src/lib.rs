//! alvh: SPX iron condor + Adaptive Layered VIX Hedge calculator.
//!
//! The core (everything but `ui` and `api`) is pure Rust with no web dependency:
//! `evaluate(&Config) -> Result<Report, ConfigErrors>` is the one entry point the UI, the
//! JavaScript API and the tests call. The folders, from the ground floor up:
//!
//! - `pricing`, `market`, `calendar`, `indicators`: the numerical ground floor (option
//!   formulas, smile / vol-of-vol / futures curve, exchange dates, MACD / RSI / series);
//! - `config`: what the user sets ([`Config`] and its parts, rule thresholds, review
//!   signatures), its defaults and presets, validation, decimal parsing, field errors;
//! - `rules`: the ALVH rules R1-R16 and the sizing recommendation;
//! - `engine`: `Config -> Report` (legs, the scenario, the valued position, curves, risk
//!   figures, analysis and the [`Report`] type);
//! - `codec`: the share link / local storage format and the CSV exports;
//! - `history`: 35 years of SPX/VIX closes: link calibration, episode replay, program
//!   backtest (model-priced from index closes);
//! - `draw`: plotters drawings of a Report on any backend (P/L chart, Greeks and futures
//!   charts);
//! - `api` (wasm): the JavaScript API; `ui` (wasm): the page; `bin/alvh.rs`: the command line.

pub mod calendar;
pub mod codec;
pub mod config;
pub mod draw;
pub mod engine;
pub mod history;
pub mod indicators;
pub mod market;
pub mod pricing;
pub mod rules;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use config::error::{ConfigErrors, FieldError};
pub use config::Config;
pub use engine::evaluate::evaluate;
pub use engine::report::Report;
