//! The default quadratic smile (flat beyond |m| = 2) admits no vertical-spread arbitrage:
//! across strikes, BSM call prices with smile vols fall, by at most the discounted strike step
//! (0 <= C(K1) - C(K2) <= (K2 - K1) e^{-rT}), for ATM vols from 10% to 60% and 1 day to 1 year.
//! Below 10% ATM vol the default skew (-0.032 per standard deviation) is too steep for that
//! level and small violations remain (README, known limits); the second test pins that down.

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
    for &atm in &[0.10, 0.12, 0.16, 0.25, 0.4, 0.6] {
        for &days in &[1.0, 7.0, 14.0, 30.0, 45.0, 90.0, 365.0] {
            let w = worst_violation(atm, days);
            assert!(w <= 1e-9, "atm {atm}, {days} days: violation {w}");
        }
    }
}

#[test]
fn below_ten_vol_the_violation_is_small_and_known() {
    let w = worst_violation(0.08, 30.0);
    assert!(w > 0.0 && w < 0.1, "{w}");
}
