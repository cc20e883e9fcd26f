//! Property tests for the market models: smile (spec §3.2), vol-of-vol (§3.3) and the
//! term-structure fit (§3.4). Finite, within the clamps, monotone where the model says so.

use alvh::market::curve::TermStructure;
use alvh::market::smile::{SmileForm, SmileParams, SviParams, MAX_SMILE_VOL, MIN_SMILE_YEARS};
use alvh::market::vov::{VovParams, VOV_MAX, VOV_MIN};
use proptest::prelude::*;

const F: f64 = 6000.0;

/// Standardized moneyness with the 7-day floor, as the smile computes it.
fn std_moneyness(atm: f64, strike: f64, years: f64) -> f64 {
    (strike / F).ln() / (atm * years.max(MIN_SMILE_YEARS).sqrt())
}

proptest! {
    #[test]
    fn smile_finite_and_clamped(
        atm in 0.01f64..1.5,
        ratio in 0.05f64..20.0,
        years in 0.0f64..5.0,
        slope in -0.2f64..0.2,
        curvature in 0.0f64..0.05,
        floor in 0.01f64..0.5,
    ) {
        for form in [SmileForm::Relative, SmileForm::AbsoluteV1] {
            let s = SmileParams { form, slope, curvature, floor, svi: None };
            let v = s.vol(atm, F * ratio, F, years);
            prop_assert!(v.is_finite());
            prop_assert!(v >= floor && v <= MAX_SMILE_VOL, "{v}");
        }
    }

    #[test]
    fn svi_smile_finite_and_clamped(
        a in -0.01f64..0.1,
        b in 0.0f64..0.9,
        rho in -0.95f64..0.95,
        m in -0.3f64..0.3,
        sigma in 0.001f64..1.0,
        ratio in 0.05f64..20.0,
        years in 0.0f64..5.0,
    ) {
        let svi = SviParams { a, b, rho, m, sigma };
        prop_assume!(svi.validate().is_ok());
        let s = SmileParams { svi: Some(svi), ..SmileParams::default() };
        let v = s.vol(0.2, F * ratio, F, years);
        prop_assert!(v.is_finite());
        prop_assert!(v >= s.floor && v <= MAX_SMILE_VOL, "{v}");
        // A valid slice never has negative total variance.
        prop_assert!(svi.total_variance((ratio).ln()) >= -1e-12);
    }

    #[test]
    fn default_smile_falls_with_strike_left_of_its_vertex(
        atm in 0.05f64..1.0,
        years in 0.0f64..2.0,
        r1 in 0.2f64..1.5,
        r2 in 0.2f64..1.5,
    ) {
        // sigma(m) = atm (1 + s m' + c m'^2) decreases in m' for m' < -s / (2c) (2.4 at the
        // defaults), and m' = 2.5 tanh(m / 2.5) <= m rises with m, so in m below that too.
        let s = SmileParams::default();
        let vertex = -s.slope / (2.0 * s.curvature);
        let (lo, hi) = if r1 < r2 { (r1, r2) } else { (r2, r1) };
        prop_assume!(std_moneyness(atm, F * hi, years) <= vertex);
        prop_assert!(s.vol(atm, F * lo, F, years) >= s.vol(atm, F * hi, F, years));
    }

    #[test]
    fn default_smile_total_variance_rises_with_time_inside_bound(
        atm in 0.05f64..1.0,
        ratio in 0.5f64..2.0,
        t1 in 0.0f64..2.0,
        dt in 0.0f64..1.0,
    ) {
        let s = SmileParams::default();
        let k = F * ratio;
        prop_assume!(std_moneyness(atm, k, t1).abs() <= s.max_calendar_free_moneyness(atm));
        let t2 = t1 + dt;
        let w = |t: f64| t * s.vol(atm, k, F, t).powi(2);
        prop_assert!(w(t2) >= w(t1) * (1.0 - 1e-12), "w({t2}) = {} < w({t1}) = {}", w(t2), w(t1));
    }

    #[test]
    fn vov_finite_and_clamped(
        vov in 0.3f64..3.0,
        skew in -5.0f64..5.0,
        strike in 0.0f64..500.0,
        forward in 5.0f64..150.0,
        days in -10.0f64..2000.0,
    ) {
        let p = VovParams { vov_30d: vov, skew, ..VovParams::default() };
        let atm = p.atm(days);
        let v = p.vol(strike, forward, days);
        prop_assert!(atm.is_finite() && (VOV_MIN..=VOV_MAX).contains(&atm));
        prop_assert!(v.is_finite() && (VOV_MIN..=VOV_MAX).contains(&v), "{v}");
    }

    #[test]
    fn vov_monotone(
        vov in 0.3f64..3.0,
        skew in 0.0f64..3.0,
        k1 in 1.0f64..200.0,
        k2 in 1.0f64..200.0,
        forward in 5.0f64..150.0,
        d1 in 0.0f64..1000.0,
        d2 in 0.0f64..1000.0,
    ) {
        let p = VovParams { vov_30d: vov, skew, ..VovParams::default() };
        let (klo, khi) = if k1 < k2 { (k1, k2) } else { (k2, k1) };
        let (dlo, dhi) = if d1 < d2 { (d1, d2) } else { (d2, d1) };
        // Calls richer: non-decreasing in strike for skew >= 0.
        prop_assert!(p.vol(khi, forward, dlo) >= p.vol(klo, forward, dlo));
        // Term decay: non-increasing in days, ATM and at any strike at or above the future.
        // (Below it the skew's decay with tenor (spec §3.3) lifts a put's vol as the skew
        // flattens, so a longer put may carry a higher vol: the revised form, not a defect.)
        prop_assert!(p.atm(dhi) <= p.atm(dlo));
        if klo >= forward {
            prop_assert!(p.vol(klo, forward, dhi) <= p.vol(klo, forward, dlo));
        }
        // The first revision (flat skew) decays at every strike.
        let v1 = VovParams { vov_30d: vov, skew, ..VovParams::first_revision() };
        prop_assert!(v1.vol(klo, forward, dhi) <= v1.vol(klo, forward, dlo));
    }

    #[test]
    fn curve_fit_always_finite(
        vix in 9.0f64..80.0,
        prices in proptest::collection::vec(9.0f64..80.0, 0..8),
    ) {
        let pts: Vec<(f64, f64)> =
            prices.iter().enumerate().map(|(i, &p)| (0.05 + 0.08 * i as f64, p)).collect();
        let fit = TermStructure::fit(vix, &pts);
        prop_assert!(fit.kappa.is_finite() && fit.theta.is_finite() && fit.rmse.is_finite());
        for t in [0.0, 0.1, 0.5, 2.0] {
            prop_assert!(fit.future(t).is_finite());
        }
        prop_assert_eq!(fit.future(0.0), vix);
    }
}
