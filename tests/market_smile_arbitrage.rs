//! The default quadratic smile (moneyness saturating at |m| = 2.5) admits no vertical-spread
//! arbitrage: across strikes, BSM call prices with smile vols fall, by at most the discounted
//! strike step (0 <= C(K1) - C(K2) <= (K2 - K1) e^{-rT}), for ATM vols from 8% to 60% and
//! 1 day to 1 year. Without the saturation the same check fails (second test).

use alvh::market::smile::SmileParams;
use alvh::pricing::{bsm, OptionKind};

/// Largest violation of the vertical-spread bounds over strikes 40%..180% of spot, points.
fn worst_violation(atm: f64, days: f64) -> f64 {
    let smile = SmileParams::default();
    let (s, r, q) = (6000.0, 0.04, 0.013);
    let t: f64 = days / 365.0;
    let f = s * ((r - q) * t).exp();
    let df = (-r * t).exp();
    let step = 5.0;
    let price = |k: f64| {
        let vol = smile.vol(atm, k, f, t);
        bsm(OptionKind::Call, s, k, t, vol, r, q).unwrap().price
    };
    let mut k = s * 0.4;
    let mut prev = price(k);
    let mut worst: f64 = 0.0;
    while k < s * 1.8 {
        let next = price(k + step);
        let drop = prev - next;
        worst = worst.max(drop - step * df).max(-drop);
        prev = next;
        k += step;
    }
    worst
}

#[test]
fn default_smile_has_no_vertical_spread_arbitrage() {
    for &atm in &[0.08, 0.10, 0.12, 0.16, 0.25, 0.4, 0.6] {
        for &days in &[1.0, 7.0, 14.0, 30.0, 45.0, 90.0, 365.0] {
            let w = worst_violation(atm, days);
            assert!(w <= 1e-9, "atm {atm}, {days} days: violation {w}");
        }
    }
}

#[test]
fn the_unsaturated_quadratic_would_be_arbitrageable() {
    // The same check on the raw quadratic (m unbounded) at 8% ATM vol, 30 days.
    let (s, r, q, atm, t): (f64, f64, f64, f64, f64) = (6000.0, 0.04, 0.013, 0.08, 30.0 / 365.0);
    let f = s * ((r - q) * t).exp();
    let raw = |k: f64| {
        let m = (k / f).ln() / (atm * t.sqrt());
        let vol = (atm - 0.032 * m + 0.007 * m * m).clamp(0.03, 3.0);
        bsm(OptionKind::Call, s, k, t, vol, r, q).unwrap().price
    };
    let df = (-r * t).exp();
    let worst = (0..300)
        .map(|i| {
            let k = 5000.0 + 5.0 * f64::from(i);
            raw(k) - raw(k + 5.0) - 5.0 * df
        })
        .fold(f64::MIN, f64::max);
    assert!(worst > 0.01, "{worst}");
}
