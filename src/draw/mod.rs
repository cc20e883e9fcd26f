//! Drawings of a Report with plotters, on any backend (canvas in the page, SVG natively):
//! the P/L chart and its plot frame ([`chart`]), the Greeks and futures-curve charts
//! ([`greeks`]), the History view's replay and calibration charts ([`history`]).

pub mod chart;
pub mod equity;
pub mod greeks;
pub mod history;
