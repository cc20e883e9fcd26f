//! The linked SPX-VIX scenario (spec §4): every market variable as a function of the SPX level
//! S at a horizon h days from the valuation date.

use crate::config::{Config, FuturesResponse, VixMode, DAMPING_REFERENCE_VIX};
use crate::market::curve::TermStructure;
use crate::market::smile::SmileParams;
use crate::market::vov::VovParams;

/// Smoothing half-width e of the kink at S0 in ln(S/S0) units (spec §4.1).
pub const KINK_SMOOTHING: f64 = 0.005;
/// VIX bounds of the scenario, points.
pub const VIX_MIN: f64 = 9.0;
pub const VIX_MAX: f64 = 150.0;
/// Lowest SPX ATM vol the scenario returns (decimal), and the floor of a leg vol with an
/// override offset.
pub const MIN_VOL: f64 = 0.01;

/// How the SPX ATM vol follows VIX (spec §2, §4.2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AtmRule {
    /// ATM vol = ratio x VIX / 100 (the revised spec).
    Ratio(f64),
    /// ATM vol = (VIX - spread) / 100, spread in vol points (the first revision, old links).
    Spread(f64),
}

/// Everything needed to move the market along the scenario. Built once per evaluation.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// SPX spot today.
    pub s0: f64,
    pub rate: f64,
    pub div_yield: f64,
    /// VIX spot today.
    pub vix_spot: f64,
    /// SPX ATM vol as a function of VIX (from the override when one is set).
    pub atm_rule: AtmRule,
    pub beta_dn: f64,
    pub beta_up: f64,
    pub convexity: f64,
    /// Level damping k of spec §4.1.
    pub level_damping: f64,
    /// Futures' response to spot VIX (spec §4.3).
    pub futures_response: FuturesResponse,
    /// beta(tau) floor b.
    pub beta_floor: f64,
    /// beta(tau) decay speed kappa_d, per year.
    pub beta_kappa: f64,
    /// Parallel VIX shock, points, at every horizon.
    pub shock: f64,
    pub mode: VixMode,
    pub curve: TermStructure,
    pub smile: SmileParams,
    pub vov: VovParams,
}

impl Scenario {
    /// Builds the scenario from a validated config and the fitted term structure.
    pub fn new(config: &Config, curve: TermStructure) -> Scenario {
        let m = &config.market;
        // spec §11: an ATM override sets the ratio = 100 sigma / VIX.
        let atm_rule = match (m.vix_atm_spread, m.atm_iv_override) {
            (None, Some(iv)) => AtmRule::Ratio(100.0 * iv / m.vix),
            (None, None) => AtmRule::Ratio(m.atm_ratio),
            (Some(_), Some(iv)) => AtmRule::Spread(m.vix - 100.0 * iv),
            (Some(spread), None) => AtmRule::Spread(spread),
        };
        let s = &config.scenario;
        Scenario {
            s0: m.spot,
            rate: m.rate,
            div_yield: m.div_yield,
            vix_spot: m.vix,
            atm_rule,
            beta_dn: s.beta_dn,
            beta_up: s.beta_up,
            convexity: s.convexity,
            level_damping: s.level_damping,
            futures_response: s.futures_response,
            beta_floor: s.futures_beta_floor,
            beta_kappa: s.futures_beta_kappa,
            shock: s.vix_shock,
            mode: s.vix_mode,
            curve,
            smile: m.smile.clone(),
            vov: m.vov.clone(),
        }
    }

    /// g(x) of spec §4.1: log VIX response to x = ln(S/S0). Slope -beta_dn for falls,
    /// -beta_up for rallies, smooth at 0, convex for falls.
    pub fn log_vix_response(&self, x: f64) -> f64 {
        let b_mid = 0.5 * (self.beta_dn + self.beta_up);
        let b_half = 0.5 * (self.beta_dn - self.beta_up);
        let e = KINK_SMOOTHING;
        let down = x.min(0.0);
        -b_mid * x + b_half * ((x * x + e * e).sqrt() - e) + self.convexity * down * down
    }

    /// g'(x): slope of [`Scenario::log_vix_response`].
    pub fn log_vix_response_slope(&self, x: f64) -> f64 {
        let b_mid = 0.5 * (self.beta_dn + self.beta_up);
        let b_half = 0.5 * (self.beta_dn - self.beta_up);
        let e = KINK_SMOOTHING;
        -b_mid + b_half * x / (x * x + e * e).sqrt() + 2.0 * self.convexity * x.min(0.0)
    }

    /// g''(x): curvature of [`Scenario::log_vix_response`]. The convexity term's second
    /// derivative jumps from 2 gamma (falls) to 0 (rallies) at x = 0; there the mean of the
    /// two sides, gamma, is returned.
    pub fn log_vix_response_curvature(&self, x: f64) -> f64 {
        let b_half = 0.5 * (self.beta_dn - self.beta_up);
        let e = KINK_SMOOTHING;
        let r = (x * x + e * e).sqrt();
        let convex = if x < 0.0 {
            2.0 * self.convexity
        } else if x > 0.0 {
            0.0
        } else {
            self.convexity
        };
        b_half * e * e / (r * r * r) + convex
    }

    /// dVIX_h/dS at `spot`, VIX points per SPX point (spec §4.1 differentiated):
    /// VIX_ref e^{D g(x)} D g'(x) / S with the level damping D = (VIX_ref / 16)^(-k); 0 where the clamp to [9, 150] binds.
    pub fn vix_slope(&self, spot: f64, h_years: f64) -> f64 {
        let x = (spot / self.s0).ln();
        let vix_ref = self.vix_ref(h_years);
        let d = self.damping(vix_ref);
        let level = vix_ref * (self.log_vix_response(x) * d).exp();
        if !(VIX_MIN..=VIX_MAX).contains(&(level + self.shock)) {
            return 0.0;
        }
        level * d * self.log_vix_response_slope(x) / spot
    }

    /// d2VIX_h/dS2 at `spot`, VIX points per SPX point squared:
    /// VIX_ref e^{D g} (D g'' + (D g')^2 - D g') / S^2 (g'' as [`Scenario::log_vix_response_curvature`]);
    /// 0 where the clamp binds.
    pub fn vix_curvature(&self, spot: f64, h_years: f64) -> f64 {
        let x = (spot / self.s0).ln();
        let vix_ref = self.vix_ref(h_years);
        let d = self.damping(vix_ref);
        let level = vix_ref * (self.log_vix_response(x) * d).exp();
        if !(VIX_MIN..=VIX_MAX).contains(&(level + self.shock)) {
            return 0.0;
        }
        let g1 = d * self.log_vix_response_slope(x);
        level * (d * self.log_vix_response_curvature(x) + g1 * g1 - g1) / (spot * spot)
    }

    /// The VIX level the scenario starts from at horizon `h_years` (before the SPX response).
    pub fn vix_ref(&self, h_years: f64) -> f64 {
        match self.mode {
            VixMode::Hold => self.vix_spot,
            VixMode::Roll => self.curve.future(h_years),
        }
    }

    /// Level damping factor (VIX_ref / 16)^(-k) of spec §4.1 (1 when k = 0).
    pub fn damping(&self, vix_ref: f64) -> f64 {
        if self.level_damping == 0.0 {
            1.0
        } else {
            (vix_ref / DAMPING_REFERENCE_VIX).powf(-self.level_damping)
        }
    }

    /// VIX_h(S), points: clamp(VIX_ref exp(g(ln S/S0) (VIX_ref/16)^(-k)) + shock, 9, 150)
    /// (spec §4.1).
    pub fn vix_at(&self, spot: f64, h_years: f64) -> f64 {
        let x = (spot / self.s0).ln();
        let vix_ref = self.vix_ref(h_years);
        let v = vix_ref * (self.log_vix_response(x) * self.damping(vix_ref)).exp() + self.shock;
        if v.is_nan() {
            return VIX_MAX;
        }
        v.clamp(VIX_MIN, VIX_MAX)
    }

    /// SPX ATM implied vol (decimal) when VIX is `vix` points: max(floor, ratio x VIX / 100)
    /// (spec §4.2), or max(floor, (VIX - spread) / 100) in the first revision's form.
    pub fn atm_vol(&self, vix: f64) -> f64 {
        let v = match self.atm_rule {
            AtmRule::Ratio(ratio) => ratio * vix / 100.0,
            AtmRule::Spread(spread) => (vix - spread) / 100.0,
        };
        v.max(self.smile.floor.max(MIN_VOL))
    }

    /// SPX ATM vol points per VIX point: the ratio (spec §5: one VIX point = ratio SPX vol
    /// points), or 1 in the first revision's spread form.
    pub fn atm_points_per_vix_point(&self) -> f64 {
        match self.atm_rule {
            AtmRule::Ratio(ratio) => ratio,
            AtmRule::Spread(_) => 1.0,
        }
    }

    /// beta(tau) of spec §4.3 for a future `tau_years` from expiry.
    pub fn futures_beta(&self, tau_years: f64) -> f64 {
        crate::market::curve::futures_beta(tau_years, self.beta_floor, self.beta_kappa)
    }

    /// The future of expiry `expiry_years` at horizon `h_years` as a line in the scenario
    /// VIX: F = intercept + slope x VIX (before the basis). Spec §4.3:
    /// F_h(T) = base_h(T) + (VIX_h - VIX_ref) beta(T - h), base_h(T) = C(T - h) ("VIX holds",
    /// VIX_ref = spot) or C(T) ("roll", VIX_ref = C(h)), C the fitted curve; so slope =
    /// beta(T - h), intercept = base_h(T) - VIX_ref beta(T - h). First revision: F =
    /// theta + (VIX_h - theta) exp(-kappa (T - h)).
    pub fn future_line(&self, expiry_years: f64, h_years: f64) -> (f64, f64) {
        let c = &self.curve;
        let tau = (expiry_years - h_years).max(0.0);
        match self.futures_response {
            FuturesResponse::CurveV1 => {
                let decay = (-c.kappa * tau).exp();
                (c.theta * (1.0 - decay), decay)
            }
            FuturesResponse::Beta => {
                let beta = self.futures_beta(tau);
                let (base, vix_ref) = match self.mode {
                    VixMode::Hold => (c.future(tau), self.vix_spot),
                    VixMode::Roll => (c.future(expiry_years), c.future(h_years)),
                };
                (base - vix_ref * beta, beta)
            }
        }
    }

    /// Fitted VIX future (no basis) for expiry `expiry_years` seen at horizon `h_years` when
    /// the scenario VIX is `vix`, points (see [`Scenario::future_line`]).
    pub fn fitted_future(&self, vix: f64, expiry_years: f64, h_years: f64) -> f64 {
        let (intercept, slope) = self.future_line(expiry_years, h_years);
        intercept + slope * vix
    }

    /// SPX forward for `years` from a spot `spot`.
    pub fn spx_forward(&self, spot: f64, years: f64) -> f64 {
        spot * ((self.rate - self.div_yield) * years).exp()
    }

    /// Smile vol (decimal) of an SPX option struck at `strike` with `years` left, when SPX
    /// is at `spot` and VIX at `vix` (sticky moneyness around the scenario ATM vol).
    pub fn spx_vol(&self, spot: f64, vix: f64, strike: f64, years: f64) -> f64 {
        let atm = self.atm_vol(vix);
        let fwd = self.spx_forward(spot, years);
        self.smile.vol(atm, strike, fwd, years)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;

    fn scenario() -> Scenario {
        let cfg = Config::defaults_for(Date::from_ymd(2026, 11, 24).unwrap());
        let curve = TermStructure {
            vix: 16.0,
            kappa: 3.0,
            theta: 22.16,
            rmse: 0.0,
        };
        Scenario::new(&cfg, curve)
    }

    #[test]
    fn vix_response_matches_spec_examples() {
        // The published figures of spec §4.1 (from VIX 16) are in tests/market_calibration.rs;
        // here the first revision's link (k = 0, beta_dn 4.5, convexity 40) by hand.
        let mut s = scenario();
        s.beta_dn = 4.5;
        s.convexity = 40.0;
        s.level_damping = 0.0;
        let x = 0.9f64.ln();
        let e = KINK_SMOOTHING;
        let g = -3.75 * x + 0.75 * ((x * x + e * e).sqrt() - e) + 40.0 * x * x;
        assert!((s.vix_at(s.s0 * 0.9, 0.0) - 16.0 * g.exp()).abs() < 1e-12);
        assert!((s.vix_at(s.s0, 0.0) - 16.0).abs() < 1e-12);
    }

    #[test]
    fn vix_slope_and_curvature_match_finite_differences() {
        let mut s = scenario();
        s.shock = 1.5;
        for m in [0.85, 0.97, 0.999, 1.0, 1.001, 1.04, 1.12] {
            let spot = s.s0 * m;
            let h = spot * 1e-6;
            let v = |x: f64| s.vix_at(x, 0.0);
            let slope = s.vix_slope(spot, 0.0);
            // At S0 the second derivative jumps (convexity of falls only): a central
            // difference straddling it is 5e-6 off, so each side is checked one-sided.
            let fds = if m == 1.0 {
                let side =
                    |d: f64| d * (-3.0 * v(spot) + 4.0 * v(spot + d * h) - v(spot + 2.0 * d * h));
                vec![side(1.0) / (2.0 * h), side(-1.0) / (2.0 * h)]
            } else {
                vec![(v(spot + h) - v(spot - h)) / (2.0 * h)]
            };
            for fd in fds {
                assert!(
                    (slope - fd).abs() <= 1e-6 * slope.abs(),
                    "{m}: {slope} vs {fd}"
                );
            }
            if m != 1.0 {
                let h = spot * 1e-4;
                let fd2 = (s.vix_at(spot + h, 0.0) - 2.0 * s.vix_at(spot, 0.0)
                    + s.vix_at(spot - h, 0.0))
                    / (h * h);
                let c = s.vix_curvature(spot, 0.0);
                assert!((c - fd2).abs() <= 1e-3 * c.abs(), "{m}: {c} vs {fd2}");
            }
        }
    }

    #[test]
    fn damping_scales_the_log_response_by_the_level() {
        let mut s = scenario();
        s.vix_spot = 32.0;
        let x = 0.95f64.ln();
        let want = 32.0 * (s.log_vix_response(x) * 2f64.powf(-0.85)).exp();
        assert!((s.vix_at(s.s0 * 0.95, 0.0) - want).abs() < 1e-12);
    }

    #[test]
    fn future_line_at_expiry_is_vix_and_rolls_down_the_curve() {
        let s = scenario();
        // beta(0) = 1: a future at its expiry is the scenario VIX, in both modes.
        for mode in [VixMode::Hold, VixMode::Roll] {
            let sc = Scenario { mode, ..s.clone() };
            for vix in [9.0, 16.0, 45.0] {
                assert!((sc.fitted_future(vix, 0.1, 0.1) - vix).abs() < 1e-12);
            }
        }
        // Hold: at the spot VIX the future is the curve rolled down by h.
        let (t, h) = (0.2, 0.05);
        let want = s.curve.future(t - h);
        assert!((s.fitted_future(16.0, t, h) - want).abs() < 1e-12);
        // A spot move of 10 points moves it by 10 beta(T - h).
        let beta = 0.21 + 0.79 * (-7.6f64 * (t - h)).exp();
        assert!((s.fitted_future(26.0, t, h) - want - 10.0 * beta).abs() < 1e-12);
    }

    #[test]
    fn vix_is_clamped_and_finite() {
        let s = scenario();
        for &m in &[1e-6, 0.01, 0.5, 1.0, 2.0, 100.0] {
            let v = s.vix_at(s.s0 * m, 0.1);
            assert!((VIX_MIN..=VIX_MAX).contains(&v), "{m}: {v}");
        }
    }
}
