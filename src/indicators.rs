//! Indicator and macro inputs (spec §7): MACD, RSI, A/D trend, CPI/PPI, FOMC, valuation.

use serde::{Deserialize, Serialize};

/// Indicator and macro inputs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorConfig {}
