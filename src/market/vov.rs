//! VIX option implied vol ("vol of vol") with term decay and call skew (spec §3.3):
//!
//! sigma_vix(K, tau) = clamp(vov_atm(tau) x (1 + k_skew x ln(K/F)), 0.3, 3.0),
//! vov_atm(tau) = clamp(vov_30d x (tau / 30 days)^(-0.25), 0.3, 3.0).
//!
//! Both clamps are applied, in that order: the ATM level first, then the skewed vol.

use serde::{Deserialize, Serialize};

/// Lowest VIX option vol (decimal).
pub const VOV_MIN: f64 = 0.3;
/// Highest VIX option vol (decimal).
pub const VOV_MAX: f64 = 3.0;
/// Shortest time used in the term decay, in days (one hour): keeps tau^-0.25 finite.
pub const VOV_MIN_DAYS: f64 = 1.0 / 24.0;
/// Reference tenor of `vov_30d`, in days.
pub const VOV_REF_DAYS: f64 = 30.0;
/// Exponent of the term decay (vol of vol falls with tenor as tau^-0.25).
pub const VOV_TERM_EXPONENT: f64 = -0.25;

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
    /// ATM vol-of-vol (decimal) for `days` to expiry, clamped to [0.3, 3.0]; `days` below one
    /// hour (or not a number) counts as one hour.
    pub fn atm(&self, days: f64) -> f64 {
        let d = days.max(VOV_MIN_DAYS);
        let v = self.vov_30d * (d / VOV_REF_DAYS).powf(VOV_TERM_EXPONENT);
        clamp_vov(v)
    }

    /// Vol (decimal) of a VIX option struck at `strike` on future `forward`, `days` to expiry,
    /// clamped to [0.3, 3.0]. A non-positive strike is treated as ln(K/F) = -infinity (the
    /// clamp then decides), so the result is always within the clamps.
    pub fn vol(&self, strike: f64, forward: f64, days: f64) -> f64 {
        self.vol_with_atm(self.atm(days), (strike / forward).ln())
    }

    /// As [`VovParams::vol`] given the ATM level `atm` (from [`VovParams::atm`]) and the
    /// log-moneyness `x = ln(K/F)` (for inner loops that hold both).
    #[inline(always)]
    pub fn vol_with_atm(&self, atm: f64, x: f64) -> f64 {
        let x = if x.is_nan() { 0.0 } else { x };
        let tilt = if self.skew == 0.0 {
            1.0
        } else {
            1.0 + self.skew * x
        };
        clamp_vov(atm * tilt)
    }

    /// Checks the parameters: vov_30d finite and in [0.3, 3.0], skew finite and in [-5, 5].
    pub fn validate(&self) -> Result<(), String> {
        if !(self.vov_30d.is_finite() && (VOV_MIN..=VOV_MAX).contains(&self.vov_30d)) {
            return Err(format!(
                "VIX vol-of-vol must be between 0.3 and 3.0 (got {})",
                self.vov_30d
            ));
        }
        if !(self.skew.is_finite() && (-5.0..=5.0).contains(&self.skew)) {
            return Err(format!(
                "VIX skew must be between -5 and 5 (got {})",
                self.skew
            ));
        }
        Ok(())
    }
}

/// Clamp to [VOV_MIN, VOV_MAX]; NaN (only from invalid parameters) maps to VOV_MIN.
#[inline(always)]
fn clamp_vov(v: f64) -> f64 {
    // Written out (not `clamp`) so that size-optimised builds inline it; NaN fails both tests.
    if v > VOV_MAX {
        VOV_MAX
    } else if v >= VOV_MIN {
        v
    } else {
        VOV_MIN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        let p = VovParams::default();
        assert!((p.atm(30.0) - 0.9).abs() < 1e-15);
        // 7.5 days: (1/4)^-0.25 = sqrt(2).
        assert!((p.atm(7.5) - 0.9 * 2f64.sqrt()).abs() < 1e-14);
        // 480 days: 16^-0.25 = 1/2.
        assert!((p.atm(480.0) - 0.45).abs() < 1e-14);
        // F+2 call on F = 18: 0.9 (1 + 0.5 ln(20/18)).
        let v = p.vol(20.0, 18.0, 30.0);
        assert!((v - 0.9 * (1.0 + 0.5 * (20.0f64 / 18.0).ln())).abs() < 1e-15);
    }

    #[test]
    fn both_clamps_apply() {
        let p = VovParams::default();
        // ATM clamp: 1 hour -> 0.9 x 720^0.25 = 4.66 -> 3.0; then a put cannot go back below
        // 3.0 x (1 + 0.5 ln(K/F)), not from the unclamped level.
        assert_eq!(p.atm(1.0 / 24.0), VOV_MAX);
        let k_put = 18.0 * (-0.2f64).exp();
        assert!((p.vol(k_put, 18.0, 1.0 / 24.0) - 3.0 * 0.9).abs() < 1e-12);
        // Skewed-vol clamps, both ends.
        assert_eq!(p.vol(10_000.0, 18.0, 30.0), VOV_MAX);
        assert_eq!(p.vol(0.1, 18.0, 30.0), VOV_MIN);
        assert_eq!(p.vol(0.0, 18.0, 30.0), VOV_MIN);
        // Low vov: the ATM level itself is floored at 0.3.
        let low = VovParams {
            vov_30d: 0.2,
            skew: 0.5,
        };
        assert_eq!(low.atm(30.0), VOV_MIN);
        assert!(low.validate().is_err());
        assert!(VovParams::default().validate().is_ok());
    }
}
