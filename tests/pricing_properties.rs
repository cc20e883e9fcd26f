//! Property tests of the pricing core: parity, bounds, monotonicity, Greeks against central
//! finite differences, implied-vol round trip, and finiteness over the whole domain.

use alvh::pricing::{
    black76, bsm, implied_vol_black76, implied_vol_bsm, OptionKind, PricingError, Valuation,
};
use proptest::prelude::*;

const EPS: f64 = f64::EPSILON;

fn kind() -> impl Strategy<Value = OptionKind> {
    prop_oneof![Just(OptionKind::Call), Just(OptionKind::Put)]
}

/// Realistic market inputs: (spot, K/S, years, vol, rate, div_yield).
fn market() -> impl Strategy<Value = (f64, f64, f64, f64, f64, f64)> {
    (
        prop_oneof![80.0..120.0f64, 4000.0..8000.0f64],
        0.5..1.5f64,
        (1.0 / 8760.0)..2.0f64,
        0.01..3.0f64,
        0.0..0.08f64,
        0.0..0.03f64,
    )
}

/// 10^e for e uniform in [lo, hi): log-uniform magnitudes.
fn pow10(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|e| 10f64.powf(e))
}

fn all_finite(v: &Valuation) -> bool {
    [v.price, v.delta, v.gamma, v.vega, v.theta, v.rho]
        .iter()
        .all(|x| x.is_finite())
}

proptest! {
    #[test]
    fn bsm_put_call_parity((s, m, t, v, r, q) in market()) {
        let k = s * m;
        let c = bsm(OptionKind::Call, s, k, t, v, r, q).unwrap();
        let p = bsm(OptionKind::Put, s, k, t, v, r, q).unwrap();
        let fwd = s * (-q * t).exp() - k * (-r * t).exp();
        prop_assert!((c.price - p.price - fwd).abs() <= 8.0 * EPS * (s + k), "{} {} {}", c.price, p.price, fwd);
        prop_assert!((c.delta - p.delta - (-q * t).exp()).abs() <= 4.0 * EPS);
        prop_assert!((c.gamma - p.gamma).abs() <= 4.0 * EPS * c.gamma);
        prop_assert!((c.vega - p.vega).abs() <= 4.0 * EPS * c.vega);
        let theta_fwd = q * s * (-q * t).exp() - r * k * (-r * t).exp();
        prop_assert!((c.theta - p.theta - theta_fwd).abs() <= 1e-13 * (s + k + c.theta.abs()));
        let rho_fwd = t * k * (-r * t).exp();
        prop_assert!((c.rho - p.rho - rho_fwd).abs() <= 1e-13 * k * t.max(1.0));
    }

    #[test]
    fn black76_put_call_parity(f in 5.0..200.0f64, m in 0.5..2.5f64, t in (1.0 / 8760.0)..2.0f64,
                               v in 0.01..3.0f64, r in 0.0..0.08f64) {
        let k = f * m;
        let c = black76(OptionKind::Call, f, k, t, v, r).unwrap();
        let p = black76(OptionKind::Put, f, k, t, v, r).unwrap();
        let df = (-r * t).exp();
        prop_assert!((c.price - p.price - df * (f - k)).abs() <= 8.0 * EPS * (f + k));
        prop_assert!((c.delta - p.delta - df).abs() <= 4.0 * EPS);
    }

    #[test]
    fn bsm_price_bounds(w in kind(), (s, m, t, v, r, q) in market()) {
        let k = s * m;
        let price = bsm(w, s, k, t, v, r, q).unwrap().price;
        let (sq, kr) = (s * (-q * t).exp(), k * (-r * t).exp());
        let lower = (w.sign() * (sq - kr)).max(0.0);
        let upper = if w == OptionKind::Call { sq } else { kr };
        let slack = 8.0 * EPS * (s + k);
        prop_assert!(price >= lower - slack && price <= upper + slack, "{lower} <= {price} <= {upper}");
        prop_assert!(price >= 0.0);
    }

    #[test]
    fn monotone_in_strike_and_vol(w in kind(), (s, m, t, v, r, q) in market(), dk in 0.001..0.2f64, dv in 0.001..0.5f64) {
        let k = s * m;
        let slack = 8.0 * EPS * (s + k);
        let base = bsm(w, s, k, t, v, r, q).unwrap().price;
        let k2 = bsm(w, s, k * (1.0 + dk), t, v, r, q).unwrap().price;
        match w {
            OptionKind::Call => prop_assert!(k2 <= base + slack, "call rises with strike: {base} -> {k2}"),
            OptionKind::Put => prop_assert!(k2 >= base - slack, "put falls with strike: {base} -> {k2}"),
        }
        let v2 = bsm(w, s, k, t, (v + dv).min(10.0), r, q).unwrap().price;
        prop_assert!(v2 >= base - slack, "price falls with vol: {base} -> {v2}");
    }

    #[test]
    fn monotone_in_time_without_carry(w in kind(), f in 5.0..200.0f64, m in 0.5..2.5f64,
                                      t in (1.0 / 8760.0)..2.0f64, dt in 0.0001..1.0f64, v in 0.01..3.0f64) {
        // Undiscounted (r = 0) Black-76 value rises with time to expiry; with r > 0 deep ITM
        // options may lose value with time, so the property is stated without discounting.
        let k = f * m;
        let a = black76(w, f, k, t, v, 0.0).unwrap().price;
        let b = black76(w, f, k, t + dt, v, 0.0).unwrap().price;
        prop_assert!(b >= a - 8.0 * EPS * (f + k), "{a} -> {b}");
    }

    #[test]
    fn bsm_call_without_dividend_rises_with_time(
        s in 80.0..120.0f64, m in 0.5..1.5f64, t in (1.0 / 8760.0)..2.0f64, dt in 0.0001..1.0f64,
        v in 0.01..3.0f64, r in 0.0..0.08f64,
    ) {
        // Merton's theorem: with q = 0 and r >= 0 a European call is worth at least as much
        // with more time (it equals the American call, which has more rights).
        let k = s * m;
        let a = bsm(OptionKind::Call, s, k, t, v, r, 0.0).unwrap().price;
        let b = bsm(OptionKind::Call, s, k, t + dt, v, r, 0.0).unwrap().price;
        prop_assert!(b >= a - 8.0 * EPS * (s + k), "{a} -> {b}");
    }

    #[test]
    fn bsm_greeks_match_finite_differences(
        w in kind(), s in 80.0..120.0f64, d in -4.0..4.0f64, t in 0.02..2.0f64,
        v in 0.05..1.5f64, r in 0.0..0.08f64, q in 0.0..0.03f64,
    ) {
        // Strike placed at standardized moneyness d = ln(S/K) / (v sqrt T) within +/-4, where
        // a central difference is itself accurate: relative truncation ~ (elasticity x h)^2
        // with elasticity <= ~|d| / (v sqrt T) + 1 <= ~150 and h = 1e-5, under the 1e-5
        // relative tolerance; rounding of the bumped values, 16 eps |V| / h, is added.
        let k = s * (-d * v * t.sqrt()).exp();
        let g = bsm(w, s, k, t, v, r, q).unwrap();
        let price = |s: f64, t: f64, v: f64, r: f64| bsm(w, s, k, t, v, r, q).unwrap().price;
        let hs = s * 1e-5;
        let delta = (price(s + hs, t, v, r) - price(s - hs, t, v, r)) / (2.0 * hs);
        // Gamma as the difference of the analytic delta (itself checked against the price
        // just above): a second difference of prices would be rounding-dominated here.
        let delta_at = |s: f64| bsm(w, s, k, t, v, r, q).unwrap().delta;
        let gamma = (delta_at(s + hs) - delta_at(s - hs)) / (2.0 * hs);
        let h = 1e-6;
        let vega = (price(s, t, v + h, r) - price(s, t, v - h, r)) / (2.0 * h);
        let ht = t * 1e-6;
        let theta = -(price(s, t + ht, v, r) - price(s, t - ht, v, r)) / (2.0 * ht);
        let rho = (price(s, t, v, r + h) - price(s, t, v, r - h)) / (2.0 * h);
        let round = |h: f64| 16.0 * EPS * g.price / h;
        let close = |fd: f64, an: f64, h: f64| (fd - an).abs() <= 1e-5 * an.abs() + round(h);
        let gamma_ok = (gamma - g.gamma).abs() <= 1e-5 * g.gamma + 16.0 * EPS * g.delta.abs() / hs;
        prop_assert!(close(delta, g.delta, hs), "delta fd {delta} analytic {}", g.delta);
        prop_assert!(gamma_ok, "gamma fd {gamma} analytic {}", g.gamma);
        prop_assert!(close(vega, g.vega, h), "vega fd {vega} analytic {}", g.vega);
        prop_assert!(close(theta, g.theta, ht), "theta fd {theta} analytic {}", g.theta);
        prop_assert!(close(rho, g.rho, h), "rho fd {rho} analytic {}", g.rho);
    }

    #[test]
    fn black76_greeks_match_finite_differences(
        w in kind(), f in 10.0..40.0f64, d in -4.0..4.0f64, t in 0.02..1.0f64,
        v in 0.2..2.0f64, r in 0.0..0.08f64,
    ) {
        let k = f * (-d * v * t.sqrt()).exp();
        let g = black76(w, f, k, t, v, r).unwrap();
        let price = |f: f64, t: f64, v: f64, r: f64| black76(w, f, k, t, v, r).unwrap().price;
        let hf = f * 1e-5;
        let delta = (price(f + hf, t, v, r) - price(f - hf, t, v, r)) / (2.0 * hf);
        let delta_at = |f: f64| black76(w, f, k, t, v, r).unwrap().delta;
        let gamma = (delta_at(f + hf) - delta_at(f - hf)) / (2.0 * hf);
        let h = 1e-6;
        let vega = (price(f, t, v + h, r) - price(f, t, v - h, r)) / (2.0 * h);
        let ht = t * 1e-6;
        let theta = -(price(f, t + ht, v, r) - price(f, t - ht, v, r)) / (2.0 * ht);
        let rho = (price(f, t, v, r + h) - price(f, t, v, r - h)) / (2.0 * h);
        let round = |h: f64| 16.0 * EPS * g.price / h;
        let close = |fd: f64, an: f64, h: f64| (fd - an).abs() <= 1e-5 * an.abs() + round(h);
        let gamma_ok = (gamma - g.gamma).abs() <= 1e-5 * g.gamma + 16.0 * EPS * g.delta.abs() / hf;
        prop_assert!(close(delta, g.delta, hf), "delta fd {delta} analytic {}", g.delta);
        prop_assert!(gamma_ok, "gamma fd {gamma} analytic {}", g.gamma);
        prop_assert!(close(vega, g.vega, h), "vega fd {vega} analytic {}", g.vega);
        prop_assert!(close(theta, g.theta, ht), "theta fd {theta} analytic {}", g.theta);
        prop_assert!(close(rho, g.rho, h), "rho fd {rho} analytic {}", g.rho);
    }

    #[test]
    fn bsm_implied_vol_round_trip(w in kind(), (s, m, t, v, r, q) in market()) {
        let k = s * m;
        let g = bsm(w, s, k, t, v, r, q).unwrap();
        prop_assume!(g.price > 1e-250 && g.vega * v > 1e-250);
        let (sq, kr) = (s * (-q * t).exp(), k * (-r * t).exp());
        let itm = w.sign() * (sq - kr) > 0.0;
        match implied_vol_bsm(w, g.price, s, k, t, r, q) {
            Ok(iv) => {
                // 1e-12 wherever the price carries that information: a price known to a few
                // ulps of itself (OTM) or of the forward and strike (ITM, where the time value
                // is the difference of the price and the intrinsic value) pins vol down to
                // that error divided by vega * vol.
                let price_err = 16.0 * EPS * (g.price + if itm { sq + kr } else { 0.0 });
                let tol = 1e-12 + price_err / (g.vega * v);
                prop_assert!((iv - v).abs() / v <= tol, "iv {iv} vs {v}, tol {tol:e}");
            }
            Err(PricingError::NoArbitrage { reason }) => {
                // Only when the time value is lost in rounding at the intrinsic value or at
                // the upper bound (a price indistinguishable from a bound).
                let upper = if w == OptionKind::Call { sq } else { kr };
                let lower = (w.sign() * (sq - kr)).max(0.0);
                let near = (g.price - lower).abs().min((upper - g.price).abs());
                prop_assert!(near <= 16.0 * EPS * (s + k), "{reason}");
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn black76_implied_vol_round_trip(w in kind(), f in 5.0..200.0f64, m in 0.5..2.5f64,
                                      t in (1.0 / 8760.0)..2.0f64, v in 0.01..3.0f64, r in 0.0..0.08f64) {
        let k = f * m;
        let g = black76(w, f, k, t, v, r).unwrap();
        prop_assume!(g.price > 1e-250 && g.vega * v > 1e-250);
        let df = (-r * t).exp();
        let itm = w.sign() * (f - k) > 0.0;
        match implied_vol_black76(w, g.price, f, k, t, r) {
            Ok(iv) => {
                let price_err = 16.0 * EPS * (g.price + if itm { df * (f + k) } else { 0.0 });
                let tol = 1e-12 + price_err / (g.vega * v);
                prop_assert!((iv - v).abs() / v <= tol, "iv {iv} vs {v}, tol {tol:e}");
            }
            Err(PricingError::NoArbitrage { reason }) => {
                let upper = df * if w == OptionKind::Call { f } else { k };
                let lower = df * (w.sign() * (f - k)).max(0.0);
                let near = (g.price - lower).abs().min((upper - g.price).abs());
                prop_assert!(near <= 16.0 * EPS * (f + k), "{reason}");
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn finite_over_the_whole_domain(
        w in kind(), s in pow10(-8.0, 12.0), k in pow10(-8.0, 12.0),
        t in prop_oneof![Just(0.0), pow10(-300.0, -9.0), 0.0..100.0f64],
        v in prop_oneof![pow10(-6.0, 1.0), Just(1e-6), Just(10.0)], r in -1.0..1.0f64, q in -1.0..1.0f64,
    ) {
        // The whole accepted domain (log-uniform levels and tiny times), corners included.
        let a = bsm(w, s, k, t, v, r, q).unwrap();
        prop_assert!(all_finite(&a), "{a:?}");
        prop_assert!(a.price >= 0.0);
        let b = black76(w, s, k, t, v, r).unwrap();
        prop_assert!(all_finite(&b), "{b:?}");
        // Implied vol never panics and never returns a non-finite or non-positive number.
        if let Ok(iv) = implied_vol_bsm(w, a.price, s, k, t, r, q) {
            prop_assert!(iv.is_finite() && iv > 0.0 && iv <= 10.0);
        }
    }

    #[test]
    fn arbitrary_inputs_give_a_value_or_an_error(
        w in kind(), x in any::<f64>(), k in any::<f64>(), t in any::<f64>(), v in any::<f64>(),
        r in any::<f64>(), q in any::<f64>(), p in any::<f64>(),
    ) {
        for val in [bsm(w, x, k, t, v, r, q), black76(w, x, k, t, v, r)].iter().flatten() {
            prop_assert!(all_finite(val), "{val:?}");
        }
        for iv in [implied_vol_bsm(w, p, x, k, t, r, q), implied_vol_black76(w, p, x, k, t, r)]
            .iter()
            .flatten()
        {
            prop_assert!(iv.is_finite() && *iv > 0.0);
        }
    }
}

#[test]
fn out_of_range_inputs_name_their_field() {
    let c = OptionKind::Call;
    let field = |e: PricingError| match e {
        PricingError::NotFinite { field, .. }
        | PricingError::NotPositive { field, .. }
        | PricingError::Negative { field, .. }
        | PricingError::OutOfRange { field, .. } => field,
        PricingError::NoArbitrage { .. } => "price bound",
    };
    assert_eq!(
        field(bsm(c, 100.0, 100.0, -0.1, 0.2, 0.0, 0.0).unwrap_err()),
        "years"
    );
    assert_eq!(
        field(bsm(c, 100.0, 100.0, 0.1, 0.0, 0.0, 0.0).unwrap_err()),
        "vol"
    );
    assert_eq!(
        field(bsm(c, 100.0, 100.0, 0.1, 11.0, 0.0, 0.0).unwrap_err()),
        "vol"
    );
    assert_eq!(
        field(bsm(c, 100.0, 0.0, 0.1, 0.2, 0.0, 0.0).unwrap_err()),
        "strike"
    );
    assert_eq!(
        field(bsm(c, f64::NAN, 100.0, 0.1, 0.2, 0.0, 0.0).unwrap_err()),
        "spot"
    );
    assert_eq!(
        field(black76(c, 20.0, 20.0, 0.1, 0.9, f64::NAN).unwrap_err()),
        "rate"
    );
    assert_eq!(
        field(implied_vol_black76(c, 1.0, 20.0, 20.0, 0.0, 0.0).unwrap_err()),
        "years"
    );
    assert_eq!(
        field(implied_vol_bsm(c, f64::NAN, 100.0, 100.0, 0.1, 0.0, 0.0).unwrap_err()),
        "price"
    );
}
