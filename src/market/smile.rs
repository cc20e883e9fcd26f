//! SPX implied-vol smile in standardized moneyness (spec §3.2).

use serde::{Deserialize, Serialize};

/// Shortest time used inside the moneyness, in years (7 days): keeps the smile from blowing
/// up in an option's last days.
pub const MIN_SMILE_YEARS: f64 = 7.0 / 365.0;
/// Highest vol the smile returns (decimal).
pub const MAX_SMILE_VOL: f64 = 3.0;

/// Quadratic smile in m = ln(K/F) / (sigma_atm sqrt(T)).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SmileParams {
    /// Slope s per unit of m (decimal vol), default -0.032.
    pub slope: f64,
    /// Curvature c per unit of m^2 (decimal vol), default 0.007.
    pub curvature: f64,
    /// Lowest vol (decimal), default 0.03.
    pub floor: f64,
}

impl Default for SmileParams {
    fn default() -> Self {
        SmileParams {
            slope: -0.032,
            curvature: 0.007,
            floor: 0.03,
        }
    }
}

impl SmileParams {
    /// Implied vol (decimal) at `strike` for an option with `years` to expiry on `forward`,
    /// given the ATM vol `atm_vol` (decimal). Inputs are assumed validated (positive, finite).
    pub fn vol(&self, atm_vol: f64, strike: f64, forward: f64, years: f64) -> f64 {
        let t = years.max(MIN_SMILE_YEARS);
        let m = (strike / forward).ln() / (atm_vol * t.sqrt());
        let v = atm_vol + self.slope * m + self.curvature * m * m;
        v.max(self.floor).min(MAX_SMILE_VOL)
    }
}
