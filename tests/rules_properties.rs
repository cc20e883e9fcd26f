//! Properties of the sizing rules and indicators over many inputs (proptest).

mod rules_support;

use alvh::config::RuleThresholds;
use alvh::indicators::Regime;
use alvh::indicators::{macd, parse_series_csv, rsi_wilder};
use alvh::rules::evaluate_rules;
use alvh::rules::sizing::{capped_ratio, floor_guarded, r3_ratio};
use proptest::prelude::*;

proptest! {
    #[test]
    fn r3_ratio_never_rises_with_pcf_and_stays_in_range(a in 0.01f64..40.0, b in 0.01f64..40.0) {
        let th = RuleThresholds::default();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (r_lo, _) = r3_ratio(lo, &th);
        let (r_hi, _) = r3_ratio(hi, &th);
        prop_assert!(r_lo >= r_hi);
        prop_assert!((0.12..=0.28).contains(&r_lo));
        for reg in [Regime::Bullish, Regime::Neutral, Regime::Bearish] {
            let c = capped_ratio(lo, reg, &th);
            prop_assert!(c <= r_lo + 1e-15);
        }
        prop_assert!(capped_ratio(lo, Regime::Bullish, &th) <= 0.18 + 1e-15);
        prop_assert!(capped_ratio(lo, Regime::Neutral, &th) <= 0.25 + 1e-15);
    }

    #[test]
    fn floor_guard_recovers_integers(n in 0i64..100_000, scale in 1.0f64..10_000.0) {
        // (n x scale) / scale may land just below n; the guard must still return n.
        let x = (n as f64 * scale) / scale;
        prop_assert_eq!(floor_guarded(x), n);
        prop_assert_eq!(floor_guarded(n as f64 + 0.5), n);
    }

    #[test]
    fn indicators_stay_in_range(v in prop::collection::vec(1.0f64..100.0, 0..120)) {
        for r in rsi_wilder(&v, 14).into_iter().flatten() {
            prop_assert!((0.0..=100.0).contains(&r));
        }
        let m = macd(&v, 12, 26, 9);
        prop_assert_eq!(m.histogram.len(), v.len());
        for (i, h) in m.histogram.iter().enumerate() {
            prop_assert_eq!(h.is_some(), i >= 33);
        }
    }

    #[test]
    fn csv_parser_never_panics(text in "\\PC{0,200}") {
        let _ = parse_series_csv(&text);
    }

    #[test]
    fn sizing_quantity_matches_the_formula(pcf in 1.0f64..20.0, contracts in 1i64..200, wing in 5.0f64..200.0) {
        let mut c = rules_support::config();
        c.indicators.pcf = pcf;
        c.condor.contracts = contracts;
        c.condor.put_wing = wing;
        c.condor.call_wing = wing;
        let rr = evaluate_rules(&c, &rules_support::report());
        let s = rr.sizing.expect("sizing");
        let h = capped_ratio(pcf, Regime::Neutral, &c.rules) * wing * 100.0 * contracts as f64;
        prop_assert!((s.hedge_notional - h).abs() <= 1e-9 * h);
        // quantity x notional each <= H < (quantity + 1) x notional each (up to the guard).
        let q = s.quantity as f64;
        prop_assert!(q * s.notional_each <= h * (1.0 + 1e-9));
        prop_assert!((q + 1.0) * s.notional_each > h);
    }
}
