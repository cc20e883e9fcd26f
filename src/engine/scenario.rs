//! The linked SPX-VIX scenario (spec §4): every market variable as a function of the SPX level
//! S at a horizon h days from the valuation date.

use crate::config::{Config, VixMode};
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

/// Everything needed to move the market along the scenario. Built once per evaluation.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// SPX spot today.
    pub s0: f64,
    pub rate: f64,
    pub div_yield: f64,
    /// VIX spot today.
    pub vix_spot: f64,
    /// VIX minus SPX ATM vol, vol points (from the override when one is set).
    pub spread_points: f64,
    pub beta_dn: f64,
    pub beta_up: f64,
    pub convexity: f64,
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
        let spread_points = match m.atm_iv_override {
            Some(iv) => m.vix - 100.0 * iv,
            None => m.vix_atm_spread,
        };
        let s = &config.scenario;
        Scenario {
            s0: m.spot,
            rate: m.rate,
            div_yield: m.div_yield,
            vix_spot: m.vix,
            spread_points,
            beta_dn: s.beta_dn,
            beta_up: s.beta_up,
            convexity: s.convexity,
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

    /// The VIX level the scenario starts from at horizon `h_years` (before the SPX response).
    pub fn vix_ref(&self, h_years: f64) -> f64 {
        match self.mode {
            VixMode::Hold => self.vix_spot,
            VixMode::Roll => self.curve.future(h_years),
        }
    }

    /// VIX_h(S), points: clamp(VIX_ref exp(g(ln S/S0)) + shock, 9, 150).
    pub fn vix_at(&self, spot: f64, h_years: f64) -> f64 {
        let x = (spot / self.s0).ln();
        let v = self.vix_ref(h_years) * self.log_vix_response(x).exp() + self.shock;
        if v.is_nan() {
            return VIX_MAX;
        }
        v.clamp(VIX_MIN, VIX_MAX)
    }

    /// SPX ATM implied vol (decimal) when VIX is `vix` points: max(floor, (VIX - spread)/100).
    pub fn atm_vol(&self, vix: f64) -> f64 {
        ((vix - self.spread_points) / 100.0).max(self.smile.floor.max(MIN_VOL))
    }

    /// Fitted VIX future for expiry `expiry_years` seen at horizon `h_years` when VIX is `vix`:
    /// theta + (vix - theta) exp(-kappa (T - h)).
    pub fn fitted_future(&self, vix: f64, expiry_years: f64, h_years: f64) -> f64 {
        let c = &self.curve;
        c.theta + (vix - c.theta) * (-c.kappa * (expiry_years - h_years).max(0.0)).exp()
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
            theta: 21.0,
            rmse: 0.0,
        };
        Scenario::new(&cfg, curve)
    }

    #[test]
    fn vix_response_matches_spec_examples() {
        let s = scenario();
        let pct = |m: f64| 100.0 * (s.vix_at(s.s0 * (1.0 + m), 0.0) / 16.0 - 1.0);
        // spec §4.1: -3% SPX -> about +19% VIX, +3% -> about -9%, -10% -> VIX about 40.
        assert!((pct(-0.03) - 19.0).abs() < 2.0, "{}", pct(-0.03));
        assert!((pct(0.03) + 9.0).abs() < 1.5, "{}", pct(0.03));
        let v10 = s.vix_at(s.s0 * 0.9, 0.0);
        assert!((v10 - 40.0).abs() < 4.0, "{v10}");
        assert!((s.vix_at(s.s0, 0.0) - 16.0).abs() < 1e-12);
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
