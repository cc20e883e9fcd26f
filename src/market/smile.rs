//! SPX implied-vol smile (spec §3.2, revised 2026-12-03).
//!
//! Default ([`SmileForm::Relative`]): a quadratic in standardized moneyness
//! m = ln(K/F) / (sigma_atm sqrt(T)), squashed to m' = 2.5 tanh(m / 2.5), relative to the ATM
//! vol: sigma(K) = min(3.0, max(floor, sigma_atm (1 + s m' + c m'^2))), defaults s = -0.24,
//! c = 0.05 (fitted to 14 end-of-day SPX chains 2005-2026, VIX 12-66: the skew in vol points
//! grows with the level of volatility). T is floored at 7 days inside m (otherwise m, and the
//! smile, blow up in an option's last days and a shorter option could be worth more than a
//! longer one at the same strike). [`SmileForm::AbsoluteV1`] is the first revision's form,
//! sigma_atm + s m' + c m'^2 with s and c in decimal vol, kept so that links made before the
//! revision keep their meaning.
//!
//! Calendar no-arbitrage (at fixed strike, total variance w = T sigma^2 must not fall as T
//! grows), unsquashed m = x / (a sqrt(T)), x = ln(K/F), a = sigma_atm, dm/dT = -m / (2T):
//! relative form, dw/dT = sigma a (1 - c m^2), so w rises with T while |m| <= 1 / sqrt(c)
//! (4.5 at c = 0.05); absolute form, dw/dT = sigma (a - c m^2), |m| <= sqrt(a / c). A
//! 16-delta strike is near |m| = 1. Below 7 days m is frozen by the floor and w = T sigma^2
//! rises. See [`SmileParams::max_calendar_free_moneyness`].
//!
//! Second choice: a raw-SVI slice (Gatheral 2004, "A parsimonious arbitrage-free implied
//! volatility parameterization"; Gatheral & Jacquier 2014, "Arbitrage-free SVI volatility
//! surfaces", eq. 3.1) in total-variance form, for users who fit their own smile.

use serde::{Deserialize, Serialize};

/// Shortest time used inside the moneyness, in years (7 days): keeps the smile from blowing
/// up in an option's last days.
pub const MIN_SMILE_YEARS: f64 = 7.0 / 365.0;
/// Highest vol the smile returns (decimal).
pub const MAX_SMILE_VOL: f64 = 3.0;

/// Raw SVI total implied variance w(k) = a + b (rho (k - m) + sqrt((k - m)^2 + sigma^2)),
/// k = ln(K/F); implied vol = sqrt(w(k) / T). Parameters are for one expiry (the one the user
/// fitted), dimensionless except `a` (total variance, vol^2 x years).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SviParams {
    /// Vertical level of total variance (vol^2 x years).
    pub a: f64,
    /// Wing slope scale, b >= 0.
    pub b: f64,
    /// Skew (rotation), |rho| < 1.
    pub rho: f64,
    /// Horizontal shift of the vertex in log-moneyness.
    pub m: f64,
    /// ATM curvature scale, sigma > 0.
    pub sigma: f64,
}

impl SviParams {
    /// Total implied variance w(k) at log-moneyness `k` = ln(K/F) (Gatheral & Jacquier eq. 3.1).
    pub fn total_variance(&self, k: f64) -> f64 {
        let x = k - self.m;
        self.a + self.b * (self.rho * x + x.hypot(self.sigma))
    }

    /// Checks the raw-SVI parameter domain: all finite, b >= 0, |rho| < 1, sigma > 0, and
    /// a + b sigma sqrt(1 - rho^2) >= 0 (the minimum of w is non-negative, Gatheral & Jacquier
    /// §3.1). Also Roger Lee's moment bound on the wings, b (1 + |rho|) <= 2 (the large-|k|
    /// slope of total variance cannot exceed 2; Lee 2004, "The moment formula for implied
    /// volatility at extreme strikes"). Returns a message naming the failed condition.
    pub fn validate(&self) -> Result<(), String> {
        let fields = [
            ("a", self.a),
            ("b", self.b),
            ("rho", self.rho),
            ("m", self.m),
            ("sigma", self.sigma),
        ];
        if let Some((name, v)) = fields.iter().find(|(_, v)| !v.is_finite()) {
            return Err(format!("SVI {name} must be a finite number (got {v})"));
        }
        if self.b < 0.0 {
            return Err(format!("SVI b must not be negative (got {})", self.b));
        }
        if self.rho.abs() >= 1.0 {
            return Err(format!(
                "SVI rho must be strictly between -1 and 1 (got {})",
                self.rho
            ));
        }
        if self.sigma <= 0.0 {
            return Err(format!(
                "SVI sigma must be greater than zero (got {})",
                self.sigma
            ));
        }
        let min_w = self.a + self.b * self.sigma * (1.0 - self.rho * self.rho).sqrt();
        if min_w < 0.0 {
            return Err(format!(
                "SVI total variance goes negative: a + b sigma sqrt(1 - rho^2) = {min_w:.6} < 0"
            ));
        }
        let wing = self.b * (1.0 + self.rho.abs());
        if wing > 2.0 {
            return Err(format!(
                "SVI wings too steep: b (1 + |rho|) = {wing:.4} > 2 (Lee's moment bound)"
            ));
        }
        Ok(())
    }
}

/// How the quadratic smile's slope and curvature are read (spec §3.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmileForm {
    /// Relative to the ATM vol: sigma_atm (1 + s m' + c m'^2), s and c dimensionless
    /// (the revised spec, default).
    #[default]
    Relative,
    /// Absolute, the first revision of the spec: sigma_atm + s m' + c m'^2, s and c in decimal
    /// vol per unit of m'. Links made before the revision are read in this form (with the ATM
    /// vol VIX - spread), never silently converted.
    AbsoluteV1,
}

/// Default relative smile slope s (spec §3.2).
pub const DEFAULT_SMILE_SLOPE: f64 = -0.24;
/// Default relative smile curvature c (spec §3.2).
pub const DEFAULT_SMILE_CURVATURE: f64 = 0.05;

/// Smile parameters: quadratic in m = ln(K/F) / (sigma_atm sqrt(T)), or raw SVI when `svi` is
/// set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SmileParams {
    /// How `slope` and `curvature` are read: relative to the ATM vol (default) or, for links
    /// made before the 2026-12-03 revision, absolute decimal vol.
    #[serde(default)]
    pub form: SmileForm,
    /// Slope s per unit of m': dimensionless (relative form, default -0.24) or decimal vol
    /// (absolute form, first default -0.032).
    pub slope: f64,
    /// Curvature c per unit of m'^2: dimensionless (relative form, default 0.05) or decimal vol
    /// (absolute form, first default 0.007).
    pub curvature: f64,
    /// Lowest vol (decimal), default 0.03. Applies to both smile forms.
    pub floor: f64,
    /// Optional raw-SVI slice replacing the quadratic. When set, the smile's level comes from
    /// the fit: `atm_vol` passed to [`SmileParams::vol`] is not used, so a scenario move of
    /// VIX does not move an SVI smile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub svi: Option<SviParams>,
}

impl Default for SmileParams {
    fn default() -> Self {
        SmileParams {
            form: SmileForm::Relative,
            slope: DEFAULT_SMILE_SLOPE,
            curvature: DEFAULT_SMILE_CURVATURE,
            floor: 0.03,
            svi: None,
        }
    }
}

/// d1 of a 25-delta put by forward delta, N(d1) = 0.75 (N^-1(0.75), to 16 digits).
pub const D1_PUT_25: f64 = 0.674_489_750_196_081_7;
/// d1 of a 10-delta put by forward delta, N(d1) = 0.90 (N^-1(0.90), to 16 digits).
pub const D1_PUT_10: f64 = 1.281_551_565_544_600_4;
/// d1 of a 25-delta call by forward delta, N(d1) = 0.25.
pub const D1_CALL_25: f64 = -D1_PUT_25;

/// The quadratic smile's standardized moneyness saturates smoothly at this level:
/// m_eff = M tanh(m / M). Unbounded, the quadratic wings rise so steeply that call prices fall
/// faster than the discounted strike (a vertical spread worth more than its width, seen as a
/// T+0 condor curve turning back up beyond the short call at low vol); a hard clamp instead
/// puts kinks into the P/L curves where a leg reaches it. The smooth saturation keeps every
/// vertical spread within [0, width x discount] over the tested range
/// (tests/market_smile_arbitrage.rs) and moves the 25-delta points (|m| about 0.7) by under
/// 0.1 vol point.
pub const MAX_SMILE_MONEYNESS: f64 = 2.5;

/// tanh(y) as (1 - e^{-2|y|}) / (1 + e^{-2|y|}) with the sign of y: one `exp`, cheaper than
/// `f64::tanh` (which goes through expm1 to keep relative accuracy near 0), and within
/// 4e-16 of it in absolute terms everywhere (test `tanh_abs_matches_std`), which is what the
/// smile needs: m_eff enters the vol through terms of 0.1 vol points or less per unit, so the
/// vol moves by under 1e-16. Exact 0 at 0 (the ATM vol is exact); +/-1 for |y| above 19;
/// NaN stays NaN.
#[inline(always)]
fn tanh_abs(y: f64) -> f64 {
    let t = (-2.0 * y.abs()).exp();
    ((1.0 - t) / (1.0 + t)).copysign(y)
}

impl SmileParams {
    /// Implied vol (decimal) at `strike` for an option with `years` to expiry on `forward`,
    /// given the ATM vol `atm_vol` (decimal). Inputs are assumed validated (positive,
    /// finite); the result is always within [floor, 3.0] for a finite floor in (0, 3].
    ///
    /// Quadratic: spec §3.2 with T floored at 7 days inside m. SVI: sqrt(w(k) / T) with the
    /// same 7-day floor on T (so an SVI slice cannot explode in the last days) and the same
    /// clamp.
    pub fn vol(&self, atm_vol: f64, strike: f64, forward: f64, years: f64) -> f64 {
        self.vol_at_log_moneyness(atm_vol, (strike / forward).ln(), years)
    }

    /// As [`SmileParams::vol`], from the log-moneyness `k = ln(K/F)` (for inner loops that
    /// already hold it).
    #[inline(always)]
    pub fn vol_at_log_moneyness(&self, atm_vol: f64, k: f64, years: f64) -> f64 {
        let t = years.max(MIN_SMILE_YEARS);
        let v = match &self.svi {
            Some(svi) => (svi.total_variance(k).max(0.0) / t).sqrt(),
            None => {
                // Standardized moneyness saturates smoothly at +/-MAX_SMILE_MONEYNESS (see the
                // constant's doc): m_eff = M tanh(m / M).
                let m_raw = k / (atm_vol * t.sqrt());
                let m = MAX_SMILE_MONEYNESS * tanh_abs(m_raw / MAX_SMILE_MONEYNESS);
                let shape = self.slope * m + self.curvature * m * m;
                match self.form {
                    SmileForm::Relative => atm_vol * (1.0 + shape),
                    SmileForm::AbsoluteV1 => atm_vol + shape,
                }
            }
        };
        if v.is_nan() {
            // Only from invalid inputs (e.g. a NaN strike); fall back to the ATM vol.
            return atm_vol.max(self.floor).min(MAX_SMILE_VOL);
        }
        // max(floor) then min(3.0), written out (v is not NaN here) so that size-optimised
        // builds inline it in the pricing loops.
        if v >= MAX_SMILE_VOL {
            MAX_SMILE_VOL
        } else if v > self.floor {
            v
        } else {
            self.floor.min(MAX_SMILE_VOL)
        }
    }

    /// Smile vol minus ATM vol, in vol points, at the strike whose forward delta has the given
    /// `d1` (e.g. [`D1_PUT_25`]), the strike found with the ATM vol as spec §3.2's published
    /// table does: ln(K/F) = -d1 sigma_atm sqrt(T) + sigma_atm^2 T / 2. `years` > 0.
    pub fn skew_points_at_d1(&self, atm_vol: f64, years: f64, d1: f64) -> f64 {
        let sd = atm_vol * years.sqrt();
        let k = -d1 * sd + 0.5 * sd * sd;
        100.0 * (self.vol_at_log_moneyness(atm_vol, k, years) - atm_vol)
    }

    /// Largest |m| (standardized moneyness) at which the quadratic smile's total variance is
    /// still non-decreasing in time at a fixed strike: 1 / sqrt(c) in the relative form,
    /// sqrt(atm_vol / c) in the absolute form (derivation in the module documentation);
    /// infinite when c = 0. Not meaningful for an SVI smile.
    pub fn max_calendar_free_moneyness(&self, atm_vol: f64) -> f64 {
        if self.curvature > 0.0 {
            match self.form {
                SmileForm::Relative => 1.0 / self.curvature.sqrt(),
                SmileForm::AbsoluteV1 => (atm_vol / self.curvature).sqrt(),
            }
        } else {
            f64::INFINITY
        }
    }

    /// Checks the parameters: slope and curvature finite, curvature >= 0 (a smile, not a
    /// frown), floor in (0, 3.0], and the SVI slice valid when present.
    pub fn validate(&self) -> Result<(), String> {
        if !self.slope.is_finite() {
            return Err(format!(
                "smile slope must be a finite number (got {})",
                self.slope
            ));
        }
        if !self.curvature.is_finite() || self.curvature < 0.0 {
            return Err(format!(
                "smile curvature must be a finite number >= 0 (got {})",
                self.curvature
            ));
        }
        if !(self.floor > 0.0 && self.floor <= MAX_SMILE_VOL) {
            return Err(format!(
                "smile floor must be in (0, 3.0] (got {})",
                self.floor
            ));
        }
        match &self.svi {
            Some(svi) => svi.validate(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atm_returns_atm_vol() {
        let s = SmileParams::default();
        assert!((s.vol(0.14, 6000.0, 6000.0, 0.1) - 0.14).abs() < 1e-15);
        let v1 = SmileParams {
            form: SmileForm::AbsoluteV1,
            ..SmileParams::default()
        };
        assert!((v1.vol(0.14, 6000.0, 6000.0, 0.1) - 0.14).abs() < 1e-15);
    }

    #[test]
    fn relative_and_absolute_forms_by_hand() {
        // m = ln(K/F) / (a sqrt(T)) = -1 exactly; m' = 2.5 tanh(-0.4).
        let (a, t, f): (f64, f64, f64) = (0.2, 0.25, 6000.0);
        let k = f * (-a * t.sqrt()).exp();
        let mq = 2.5 * (-0.4f64).tanh();
        let rel = SmileParams::default();
        let want = a * (1.0 - 0.24 * mq + 0.05 * mq * mq);
        assert!((rel.vol(a, k, f, t) - want).abs() < 1e-15);
        let abs = SmileParams {
            form: SmileForm::AbsoluteV1,
            slope: -0.032,
            curvature: 0.007,
            ..SmileParams::default()
        };
        let want = a - 0.032 * mq + 0.007 * mq * mq;
        assert!((abs.vol(a, k, f, t) - want).abs() < 1e-15);
    }

    #[test]
    fn tanh_abs_matches_std() {
        let mut worst: f64 = 0.0;
        for i in 0..=400_000 {
            let y = -20.0 + 40.0 * i as f64 / 400_000.0;
            worst = worst.max((tanh_abs(y) - y.tanh()).abs());
        }
        for y in [1e-300, 1e-12, 1e-6, 0.3, 19.5, 40.0, f64::INFINITY] {
            worst = worst.max((tanh_abs(y) - y.tanh()).abs());
            worst = worst.max((tanh_abs(-y) - (-y).tanh()).abs());
        }
        assert!(worst <= 4e-16, "{worst:e}");
        assert_eq!(tanh_abs(0.0), 0.0);
        assert!(tanh_abs(f64::NAN).is_nan());
    }

    #[test]
    fn old_configs_without_svi_parse() {
        let s: SmileParams = serde_json::from_str(
            r#"{"form":"relative","slope":-0.24,"curvature":0.05,"floor":0.03}"#,
        )
        .unwrap();
        assert_eq!(s, SmileParams::default());
        let text = serde_json::to_string(&s).unwrap();
        assert!(!text.contains("svi"), "{text}");
    }

    #[test]
    fn svi_total_variance_formula() {
        let p = SviParams {
            a: 0.01,
            b: 0.1,
            rho: -0.5,
            m: 0.02,
            sigma: 0.1,
        };
        let k = -0.1;
        let x: f64 = k - 0.02;
        let by_hand = 0.01 + 0.1 * (-0.5 * x + (x * x + 0.01).sqrt());
        assert!((p.total_variance(k) - by_hand).abs() < 1e-16);
        let s = SmileParams {
            svi: Some(p),
            ..SmileParams::default()
        };
        let t = 0.25;
        let fwd = 6000.0;
        let v = s.vol(0.5, fwd * k.exp(), fwd, t);
        assert!((v - (by_hand / t).sqrt()).abs() < 1e-12, "{v}");
    }

    #[test]
    fn svi_validation() {
        let ok = SviParams {
            a: 0.01,
            b: 0.1,
            rho: -0.5,
            m: 0.0,
            sigma: 0.1,
        };
        assert!(ok.validate().is_ok());
        let bad = [
            SviParams { b: -0.1, ..ok },
            SviParams { rho: 1.0, ..ok },
            SviParams { rho: -1.2, ..ok },
            SviParams { sigma: 0.0, ..ok },
            SviParams { a: -0.5, ..ok },
            SviParams { a: f64::NAN, ..ok },
            SviParams {
                b: 1.5,
                rho: 0.5,
                ..ok
            },
        ];
        for p in bad {
            assert!(p.validate().is_err(), "{p:?}");
        }
        // a may be negative as long as the minimum of w stays >= 0.
        let edge = SviParams {
            a: -0.1 * 0.1 * (1.0f64 - 0.25).sqrt() + 1e-12,
            ..ok
        };
        assert!(edge.validate().is_ok());
    }
}
