//! History: 35 years of daily SPX and VIX closes used to check the scenario (calibration),
//! replay named sell-offs, and backtest the hedged condor program. Everything is priced with
//! the engine's model from index closes: there are no historical option quotes here.
//! No web dependency; the History view and the `alvh replay` / `alvh backtest` commands call
//! these functions.

pub mod backtest;
pub mod band;
pub mod calibrate;
pub mod data;
pub mod job;
pub mod move_table;
pub mod replay;
pub mod views;

pub use data::{parse_history_csv, DailyClose};
