//! VIX option implied vol ("vol of vol") with term decay and call skew (spec §3.3).

use serde::{Deserialize, Serialize};

/// Lowest and highest VIX option vol (decimal).
pub const VOV_MIN: f64 = 0.3;
pub const VOV_MAX: f64 = 3.0;

/// sigma_vix(K, tau) = vov_atm(tau) (1 + skew ln(K/F)), vov_atm(tau) = vov_30d (tau/30d)^-0.25.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VovParams {
    /// ATM vol of a 30-day VIX option (decimal), default 0.90.
    pub vov_30d: f64,
    /// Call skew k_skew, default 0.5 (calls richer).
    pub skew: f64,
}

impl Default for VovParams {
    fn default() -> Self {
        VovParams {
            vov_30d: 0.90,
            skew: 0.5,
        }
    }
}

impl VovParams {
    /// ATM vol-of-vol for `days` to expiry (decimal), clamped to [0.3, 3.0].
    pub fn atm(&self, days: f64) -> f64 {
        let d = days.max(1.0 / 24.0);
        (self.vov_30d * (d / 30.0).powf(-0.25)).clamp(VOV_MIN, VOV_MAX)
    }

    /// Vol (decimal) of a VIX option struck at `strike` on future `forward`, `days` to expiry.
    pub fn vol(&self, strike: f64, forward: f64, days: f64) -> f64 {
        (self.atm(days) * (1.0 + self.skew * (strike / forward).ln())).clamp(VOV_MIN, VOV_MAX)
    }
}
