//! VIX option implied vol ("vol of vol") with term decay and a call skew that is steeper at
//! short tenors (spec §3.3, revised 2026-12-03):
//!
//! sigma_vix(K, tau) = clamp(vov_atm(tau) x (1 + k_skew(tau) x ln(K/F)), 0.3, 3.0),
//! vov_atm(tau) = clamp(vov_30d x (tau / 30 days)^(-0.2), 0.3, 3.0),
//! k_skew(tau) = k_30 x (max(tau, 7 days) / 30 days)^(-0.5).
//!
//! Both clamps are applied, in that order: the ATM level first, then the skewed vol. Defaults
//! vov_30d = 1.00, k_30 = 1.0, fitted to a Cboe VIX option snapshot (2021-04-26, VIX 17.6, six
//! expiries 16-114 days, RMSE 5 vol points). Both exponents are parameters: the first
//! revision (vov 0.90, exponent -0.25, a flat skew 0.5, i.e. skew exponent 0) is what links
//! made before the revision carry.

use serde::{Deserialize, Serialize};

/// Lowest VIX option vol (decimal).
pub const VOV_MIN: f64 = 0.3;
/// Highest VIX option vol (decimal).
pub const VOV_MAX: f64 = 3.0;
/// Shortest time used in the term decay, in days (one hour): keeps tau^-0.25 finite.
pub const VOV_MIN_DAYS: f64 = 1.0 / 24.0;
/// Reference tenor of `vov_30d`, in days.
pub const VOV_REF_DAYS: f64 = 30.0;
/// Default exponent of the ATM term decay (vol of vol falls with tenor as tau^-0.2).
pub const VOV_TERM_EXPONENT: f64 = -0.2;
/// Default exponent of the skew's term decay (the skew halves from 16 to 114 days).
pub const VOV_SKEW_TERM_EXPONENT: f64 = -0.5;
/// Shortest tenor used in the skew's term decay, days.
pub const VOV_SKEW_MIN_DAYS: f64 = 7.0;

/// sigma_vix(K, tau) = vov_atm(tau) (1 + k_skew(tau) ln(K/F)),
/// vov_atm(tau) = vov_30d (tau/30d)^term_exponent,
/// k_skew(tau) = skew (max(tau, 7d)/30d)^skew_term_exponent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VovParams {
    /// ATM vol of a 30-day VIX option (decimal), default 1.00.
    pub vov_30d: f64,
    /// Call skew k_30 of a 30-day option (vol change per unit of ln(K/F), relative), default
    /// 1.0 (calls richer).
    pub skew: f64,
    /// Exponent of the ATM level's term decay (dimensionless), default -0.2.
    pub term_exponent: f64,
    /// Exponent of the skew's term decay (dimensionless), default -0.5; 0 = a flat skew.
    pub skew_term_exponent: f64,
}

impl Default for VovParams {
    fn default() -> Self {
        VovParams {
            vov_30d: 1.00,
            skew: 1.0,
            term_exponent: VOV_TERM_EXPONENT,
            skew_term_exponent: VOV_SKEW_TERM_EXPONENT,
        }
    }
}

impl VovParams {
    /// The first revision's vol-of-vol (vov 0.90, exponent -0.25, flat skew 0.5): what links
    /// made before the 2026-12-03 revision mean.
    pub fn first_revision() -> VovParams {
        VovParams {
            vov_30d: 0.90,
            skew: 0.5,
            term_exponent: -0.25,
            skew_term_exponent: 0.0,
        }
    }

    /// ATM vol-of-vol (decimal) for `days` to expiry, clamped to [0.3, 3.0]; `days` below one
    /// hour (or not a number) counts as one hour.
    pub fn atm(&self, days: f64) -> f64 {
        let d = days.max(VOV_MIN_DAYS);
        let v = self.vov_30d * (d / VOV_REF_DAYS).powf(self.term_exponent);
        clamp_vov(v)
    }

    /// Call skew k_skew(tau) for `days` to expiry: skew x (max(days, 7) / 30)^skew_term_exponent.
    pub fn skew_at(&self, days: f64) -> f64 {
        if self.skew_term_exponent == 0.0 {
            return self.skew;
        }
        let d = days.max(VOV_SKEW_MIN_DAYS);
        self.skew * (d / VOV_REF_DAYS).powf(self.skew_term_exponent)
    }

    /// Vol (decimal) of a VIX option struck at `strike` on future `forward`, `days` to expiry,
    /// clamped to [0.3, 3.0]. A non-positive strike is treated as ln(K/F) = -infinity (the
    /// clamp then decides), so the result is always within the clamps.
    pub fn vol(&self, strike: f64, forward: f64, days: f64) -> f64 {
        self.vol_with_atm(self.atm(days), self.skew_at(days), (strike / forward).ln())
    }

    /// As [`VovParams::vol`] given the ATM level `atm` (from [`VovParams::atm`]), the skew
    /// `skew` (from [`VovParams::skew_at`]) and the log-moneyness `x = ln(K/F)` (for inner
    /// loops that hold all three).
    #[inline(always)]
    pub fn vol_with_atm(&self, atm: f64, skew: f64, x: f64) -> f64 {
        let x = if x.is_nan() { 0.0 } else { x };
        let tilt = if skew == 0.0 { 1.0 } else { 1.0 + skew * x };
        clamp_vov(atm * tilt)
    }

    /// Checks the parameters: vov_30d finite and in [0.3, 3.0], skew finite and in [-5, 5],
    /// both exponents finite and in [-2, 0].
    pub fn validate(&self) -> Result<(), String> {
        for (what, v) in [
            ("VIX vol-of-vol term exponent", self.term_exponent),
            ("VIX skew term exponent", self.skew_term_exponent),
        ] {
            if !(v.is_finite() && (-2.0..=0.0).contains(&v)) {
                return Err(format!("{what} must be between -2 and 0 (got {v})"));
            }
        }
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
        let p = VovParams::first_revision();
        assert!((p.atm(30.0) - 0.9).abs() < 1e-15);
        // 7.5 days: (1/4)^-0.25 = sqrt(2).
        assert!((p.atm(7.5) - 0.9 * 2f64.sqrt()).abs() < 1e-14);
        // 480 days: 16^-0.25 = 1/2.
        assert!((p.atm(480.0) - 0.45).abs() < 1e-14);
        // F+2 call on F = 18: 0.9 (1 + 0.5 ln(20/18)), the skew flat in tenor.
        let v = p.vol(20.0, 18.0, 30.0);
        assert!((v - 0.9 * (1.0 + 0.5 * (20.0f64 / 18.0).ln())).abs() < 1e-15);
        assert_eq!(p.skew_at(3.0), 0.5);
    }

    #[test]
    fn revised_defaults_follow_spec_3_3() {
        let p = VovParams::default();
        assert_eq!((p.vov_30d, p.skew), (1.0, 1.0));
        assert!((p.atm(30.0) - 1.0).abs() < 1e-15);
        // 960 days: 32^-0.2 = 1/2.
        assert!((p.atm(960.0) - 0.5).abs() < 1e-14);
        // 7.5 days: 4^0.2.
        assert!((p.atm(7.5) - 4f64.powf(0.2)).abs() < 1e-14);
        // Skew: 1.0 at 30 days, 0.5 at 120 days, 2.0 at 7.5 days, floored at 7 days.
        assert!((p.skew_at(30.0) - 1.0).abs() < 1e-15);
        assert!((p.skew_at(120.0) - 0.5).abs() < 1e-15);
        assert!((p.skew_at(7.5) - 2.0).abs() < 1e-14);
        assert_eq!(p.skew_at(1.0), p.skew_at(7.0));
        // The skew halves from 16 to 64 days (the fit: it halves from 16 to 114 days with
        // the market's noise; the formula's half-life in tenor is a factor 4).
        assert!((p.skew_at(64.0) / p.skew_at(16.0) - 0.5).abs() < 1e-14);
        // F+2 call on F = 18 at 23 days: atm (1 + k_skew ln(20/18)).
        let atm = (23.0f64 / 30.0).powf(-0.2);
        let k = (23.0f64 / 30.0).powf(-0.5);
        let v = p.vol(20.0, 18.0, 23.0);
        assert!((v - atm * (1.0 + k * (20.0f64 / 18.0).ln())).abs() < 1e-15);
    }

    #[test]
    fn both_clamps_apply() {
        let p = VovParams::first_revision();
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
            ..VovParams::first_revision()
        };
        assert_eq!(low.atm(30.0), VOV_MIN);
        assert!(low.validate().is_err());
        assert!(VovParams::default().validate().is_ok());
    }
}
