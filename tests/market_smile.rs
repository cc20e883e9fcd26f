//! SPX smile (spec §3.2): the default's 25-delta levels and the calendar no-arbitrage
//! property the 7-day floor exists for.

use alvh::market::smile::{SmileParams, SviParams, MAX_SMILE_VOL};
use alvh::pricing::{bsm, OptionKind};

const SPOT: f64 = 6000.0;
const RATE: f64 = 0.04;
const DIV: f64 = 0.013;
/// Default ATM vol: VIX 16 minus the 2-point VIX-ATM spread (spec §2).
const ATM: f64 = 0.14;

/// Strike whose BSM delta at the ATM vol equals `target` (bisection on the strike; delta is
/// monotone decreasing in the strike for both calls and puts).
fn strike_for_delta(kind: OptionKind, target: f64, years: f64) -> f64 {
    let (mut lo, mut hi) = (SPOT * 0.3, SPOT * 3.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        let delta = bsm(kind, SPOT, mid, years, ATM, RATE, DIV)
            .expect("valid inputs")
            .delta;
        if delta > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[test]
fn default_smile_25_delta_levels_at_30_to_45_days() {
    let smile = SmileParams::default();
    for days in 30..=45 {
        let t = days as f64 / 365.0;
        let fwd = SPOT * ((RATE - DIV) * t).exp();
        let k_put = strike_for_delta(OptionKind::Put, -0.25, t);
        let k_call = strike_for_delta(OptionKind::Call, 0.25, t);
        assert!(k_put < SPOT && k_call > SPOT);
        let put_pts = 100.0 * (smile.vol(ATM, k_put, fwd, t) - ATM);
        let call_pts = 100.0 * (smile.vol(ATM, k_call, fwd, t) - ATM);
        if days == 30 || days == 45 {
            eprintln!("{days} d: 25d put {put_pts:+.3}, 25d call {call_pts:+.3} vol points");
        }
        // Spec: "about +2.4 vol points at the 25-delta put and -1.9 at the 25-delta call".
        assert!((put_pts - 2.4).abs() < 0.1, "{days} d: put {put_pts:.3}");
        assert!((call_pts + 1.9).abs() < 0.1, "{days} d: call {call_pts:.3}");
    }
}

fn price(smile: &SmileParams, kind: OptionKind, strike: f64, days: f64) -> f64 {
    let t = days / 365.0;
    // Zero carry so that a longer option must be worth at least a shorter one at the same
    // strike (with r > 0 a deep in-the-money European put may legitimately lose value with
    // time, which is not a calendar arbitrage).
    let vol = smile.vol(ATM, strike, SPOT, t);
    bsm(kind, SPOT, strike, t, vol, 0.0, 0.0)
        .expect("valid inputs")
        .price
}

/// True when the price at every hourly step from `from_h` to `to_h` hours is at least the
/// price one hour shorter.
fn assert_non_decreasing_in_time(smile: &SmileParams, strike: f64, from_h: u32, to_h: u32) {
    for kind in [OptionKind::Call, OptionKind::Put] {
        let mut prev = price(smile, kind, strike, f64::from(from_h) / 24.0);
        for h in (from_h + 1)..=to_h {
            let now = price(smile, kind, strike, f64::from(h) / 24.0);
            assert!(
                now >= prev - 1e-9,
                "{kind:?} K={strike} at {h} h: {now} < {prev}"
            );
            prev = now;
        }
    }
}

#[test]
fn no_calendar_arbitrage_in_the_last_days() {
    // The floor's promise: over the last 7 days a shorter option is never worth more than a
    // longer one at the same strike, at any strike from 70% to 130% of spot.
    let smile = SmileParams::default();
    for i in 0..=120 {
        assert_non_decreasing_in_time(&smile, SPOT * (0.7 + 0.005 * f64::from(i)), 1, 7 * 24);
    }
}

#[test]
fn no_calendar_arbitrage_within_the_analytic_bound() {
    // Beyond 7 days the quadratic is calendar-arbitrage-free while |m| <= sqrt(sigma_atm / c)
    // (see the module documentation of `market::smile`); |m| is largest at the 7-day floor, so
    // strikes inside the bound there stay inside it for every longer expiry.
    let smile = SmileParams::default();
    let bound = smile.max_calendar_free_moneyness(ATM);
    assert!((bound - (0.14f64 / 0.007).sqrt()).abs() < 1e-12);
    let half_width = bound * ATM * (7.0f64 / 365.0).sqrt();
    for i in 0..=40 {
        let x = -half_width + 2.0 * half_width * f64::from(i) / 40.0;
        assert_non_decreasing_in_time(&smile, SPOT * x.exp(), 1, 90 * 24);
    }
}

#[test]
fn wing_clamp_removes_the_calendar_bound() {
    // Unclamped, total variance w(T) = T sigma(m(T))^2 at a fixed strike would fall in T beyond
    // |m| = sqrt(atm / c) (about 4.5 here). The smile is flat beyond |m| = 2, so w rises in T at
    // every strike, inside and outside that bound.
    let smile = SmileParams::default();
    let bound = smile.max_calendar_free_moneyness(ATM);
    assert!(bound > alvh::market::smile::MAX_SMILE_MONEYNESS);
    let t: f64 = 20.0 / 365.0;
    let w = |m_at_t: f64, tt: f64| {
        let k = SPOT * (m_at_t * ATM * t.sqrt()).exp();
        tt * smile.vol(ATM, k, SPOT, tt).powi(2)
    };
    let dt = 1e-4;
    for m in [
        -1.5 * bound,
        -1.05 * bound,
        -0.95 * bound,
        0.95 * bound,
        1.05 * bound,
        1.5 * bound,
    ] {
        assert!(w(m, t + dt) > w(m, t), "w falls in T at m={m}");
    }
}

#[test]
fn without_the_floor_the_last_days_would_be_arbitrageable() {
    // Why the floor exists: with T itself inside m, a 10%-OTM put's one-day total variance is
    // above its seven-day one, so the one-day put would be worth more.
    let smile = SmileParams::default();
    let k = SPOT * 0.90;
    let v1 = smile.vol(ATM, k, SPOT, 1.0 / 365.0);
    let v7 = smile.vol(ATM, k, SPOT, 7.0 / 365.0);
    assert_eq!(v1, v7);
    let unfloored = |t: f64| {
        let m = (k / SPOT).ln() / (ATM * t.sqrt());
        (ATM - 0.032 * m + 0.007 * m * m).clamp(0.03, MAX_SMILE_VOL)
    };
    let w1 = unfloored(1.0 / 365.0).powi(2) / 365.0;
    let w7 = unfloored(7.0 / 365.0).powi(2) * 7.0 / 365.0;
    assert!(w1 > w7, "w1 {w1} w7 {w7}");
}

#[test]
fn svi_smile_is_used_and_clamped() {
    let svi = SviParams {
        a: 0.002,
        b: 0.05,
        rho: -0.6,
        m: 0.0,
        sigma: 0.08,
    };
    assert!(svi.validate().is_ok());
    let smile = SmileParams {
        svi: Some(svi),
        ..SmileParams::default()
    };
    let t = 40.0 / 365.0;
    let atm = smile.vol(0.99, SPOT, SPOT, t);
    let by_hand = ((0.002 + 0.05 * 0.08) / t).sqrt();
    assert!((atm - by_hand).abs() < 1e-12);
    // Put wing above the call wing (rho < 0).
    assert!(smile.vol(0.99, SPOT * 0.9, SPOT, t) > smile.vol(0.99, SPOT * 1.1, SPOT, t));
    // Extreme strike: clamped at 3.0.
    assert_eq!(smile.vol(0.99, 1e-6, SPOT, 1e-6), MAX_SMILE_VOL);
}
