//! The History band around the P/L chart's hedge and combined curves (issue 19 item 2):
//! history's 10th-90th percentile VIX for each SPX move and horizon, and the position's P/L
//! there, on the chart's grid.
#![cfg(not(target_arch = "wasm32"))]

use alvh::calendar::Date;
use alvh::history::band::{self, BandError, LinkBand, MAX_DISTANCE, NEIGHBOURS};
use alvh::history::calibrate::quantile_sorted;
use alvh::history::data::{self, DailyClose};
use alvh::{evaluate, Config};
use proptest::prelude::*;

const SHIPPED: &str = include_str!("../assets/history/spx_vix_daily.csv");

fn shipped() -> Vec<DailyClose> {
    data::parse_history_csv(SHIPPED).expect("the shipped file parses")
}

fn today() -> Date {
    Date::from_ymd(2026, 11, 24).unwrap()
}

fn default_band(cfg: &Config, rows: &[DailyClose], days: i64) -> LinkBand {
    let report = evaluate(cfg).expect("the configuration evaluates");
    band::link_band(cfg, &report.curves.spots, rows, days).expect("a band")
}

fn spot_index(b: &LinkBand, spot: f64) -> usize {
    b.spots
        .iter()
        .position(|s| (s - spot).abs() < 1e-6)
        .expect("a grid level")
}

/// A series of `len` days from 2000-01-03 (every weekday) with SPX and VIX from `f(i)`.
fn synthetic(len: usize, f: impl Fn(usize) -> (f64, f64)) -> Vec<DailyClose> {
    let mut date = Date::from_ymd(2000, 1, 3).unwrap();
    let mut out = Vec::new();
    while out.len() < len {
        if alvh::calendar::expiry::is_business_day(date) {
            let (spx, vix) = f(out.len());
            out.push(DailyClose { date, spx, vix });
        }
        date = date.add_days(1);
    }
    out
}

#[test]
fn a_history_where_vix_never_moves_and_a_flat_link_give_a_zero_width_band_on_the_curves() {
    let mut cfg = Config::defaults_for(today());
    cfg.scenario.beta_dn = 0.0;
    cfg.scenario.beta_up = 0.0;
    cfg.scenario.convexity = 0.0;
    cfg.scenario.vix_shock = 1.5;
    let vix = cfg.market.vix;
    // SPX wanders +/-12% so every grid level near S0 has neighbours; VIX stays put.
    let rows = synthetic(3000, |i| {
        (6000.0 * (0.12 * (i as f64 * 0.37).sin()).exp(), vix)
    });
    let report = evaluate(&cfg).unwrap();
    for h in &report.curves.horizons {
        let b = band::link_band(&cfg, &report.curves.spots, &rows, h.days).unwrap();
        let covered = b.covered().expect("covered");
        assert!(covered.0 <= 5800.0 && covered.1 >= 6200.0, "{covered:?}");
        for i in 0..b.spots.len() {
            if !b.vix_lo[i].is_finite() {
                continue;
            }
            assert!((b.vix_lo[i] - (vix + 1.5)).abs() < 1e-12, "{}", b.vix_lo[i]);
            assert!(
                (b.vix_hi[i] - h.vix[i]).abs() < 1e-9,
                "{} vs {}",
                b.vix_hi[i],
                h.vix[i]
            );
            for (lo, hi, curve) in [
                (&b.hedge_lo, &b.hedge_hi, &h.pnl.hedge),
                (&b.combined_lo, &b.combined_hi, &h.pnl.combined),
            ] {
                assert!((lo[i] - curve[i]).abs() < 1e-6, "{} vs {}", lo[i], curve[i]);
                assert!((hi[i] - curve[i]).abs() < 1e-6, "{} vs {}", hi[i], curve[i]);
            }
        }
    }
}

/// History's band at one level by brute force: every window from the level, sorted by its
/// distance to the move, the nearest NEIGHBOURS of them.
fn brute_force(rows: &[DailyClose], n: usize, vix0: f64, x: f64) -> Option<(f64, f64)> {
    let mut w: Vec<(f64, f64)> = rows
        .iter()
        .zip(&rows[n..])
        .filter(|(a, _)| a.vix >= vix0 / 1.25 && a.vix <= vix0 * 1.25)
        .map(|(a, b)| (((b.spx / a.spx).ln() - x).abs(), b.vix / a.vix))
        .collect();
    w.sort_by(|a, b| a.0.total_cmp(&b.0));
    let near = &w[..NEIGHBOURS];
    if near[NEIGHBOURS - 1].0 > MAX_DISTANCE {
        return None;
    }
    let mut r: Vec<f64> = near.iter().map(|p| p.1).collect();
    r.sort_by(f64::total_cmp);
    Some((quantile_sorted(&r, 0.1), quantile_sorted(&r, 0.9)))
}

#[test]
fn the_band_is_historys_percentiles_of_the_nearest_windows_computed_by_brute_force() {
    let cfg = Config::defaults_for(today());
    let rows = shipped();
    let vix0 = cfg.market.vix;
    for days in [0_i64, 14, 30, 52] {
        let b = default_band(&cfg, &rows, days);
        let n = b.trading_days;
        assert_eq!(
            n,
            band::trading_days_between(today(), today().add_days(days))
        );
        let mut gaps = 0;
        for m in [-0.15, -0.12, -0.08, -0.05, -0.02, 0.0, 0.01, 0.04, 0.07] {
            let i = spot_index(&b, 6000.0 * (1.0 + m));
            let x = (b.spots[i] / 6000.0).ln();
            match brute_force(&rows, n, vix0, x) {
                Some((p10, p90)) => {
                    assert!((b.vix_lo[i] - vix0 * p10).abs() < 1e-9, "{days} d {m}");
                    assert!((b.vix_hi[i] - vix0 * p90).abs() < 1e-9, "{days} d {m}");
                }
                None => {
                    gaps += 1;
                    assert!(
                        b.vix_lo[i].is_nan() && b.combined_hi[i].is_nan(),
                        "{days} d {m}"
                    );
                }
            }
        }
        // A fall of 15% within a month from VIX 13-20 is not in the series; over 35 trading
        // days it is (2008, 2011, 2020).
        assert_eq!(gaps >= 1, days <= 30, "{days} d: {gaps} gaps");
    }
}

#[test]
fn on_the_shipped_series_the_band_is_ordered_and_covers_the_ordinary_moves() {
    let cfg = Config::defaults_for(today());
    let rows = shipped();
    let report = evaluate(&cfg).unwrap();
    for h in &report.curves.horizons {
        let b = default_band(&cfg, &rows, h.days);
        assert_eq!(b.spots.len(), report.curves.spots.len());
        assert_eq!(b.span.0, Date::from_ymd(1990, 1, 2).unwrap());
        let (lo, hi) = b.covered().expect("covered");
        assert!(
            lo <= 6000.0 * 0.97 && hi >= 6000.0 * 1.03,
            "{}: {lo}-{hi}",
            h.label
        );
        for i in 0..b.spots.len() {
            let all = [
                b.vix_lo[i],
                b.vix_hi[i],
                b.hedge_lo[i],
                b.hedge_hi[i],
                b.combined_lo[i],
                b.combined_hi[i],
            ];
            assert!(
                all.iter().all(|v| v.is_finite()) || all.iter().all(|v| v.is_nan()),
                "{}: {all:?}",
                h.label
            );
            if all[0].is_finite() {
                assert!(b.vix_lo[i] <= b.vix_hi[i]);
                assert!(b.hedge_lo[i] <= b.hedge_hi[i]);
                assert!(b.combined_lo[i] <= b.combined_hi[i]);
                assert!((9.0..=150.0).contains(&b.vix_lo[i]));
            }
        }
    }
}

#[test]
fn the_table_reads_the_band_and_the_curve_at_the_grid_level_of_each_move() {
    let cfg = Config::defaults_for(today());
    let rows = shipped();
    let report = evaluate(&cfg).unwrap();
    let b = default_band(&cfg, &rows, 0);
    let h = &report.curves.horizons[0];
    assert_eq!(h.days, 0);
    let table = b.table(&report.curves, &band::TABLE_MOVES);
    assert_eq!(table.len(), band::TABLE_MOVES.len());
    for (row, m) in table.iter().zip(band::TABLE_MOVES) {
        let i = spot_index(&b, 6000.0 * (1.0 + m));
        assert_eq!((row.spx_move, row.spx), (m, b.spots[i]));
        assert_eq!(row.vix_link, h.vix[i]);
        assert_eq!(
            (row.hedge_link, row.combined_link),
            (h.pnl.hedge[i], h.pnl.combined[i])
        );
        match row.vix {
            Some(v) => {
                assert_eq!(v, (b.vix_lo[i], b.vix_hi[i]));
                assert_eq!(row.combined, Some((b.combined_lo[i], b.combined_hi[i])));
            }
            None => assert!(b.vix_lo[i].is_nan() && row.hedge.is_none() && row.combined.is_none()),
        }
    }
    // At T+0 (one trading day) a 10% fall is a gap, S0 is not.
    assert!(table[0].vix.is_none() && table[4].vix.is_some());
    // Against another grid, no table.
    let mut other = report.curves.clone();
    other.spots[0] -= 1.0;
    assert!(b.table(&other, &band::TABLE_MOVES).is_empty());
}

/// The defaults' link (spec §4.1, fitted to 10-day windows) against history one month out:
/// the scenario's VIX after each ordinary move lies inside history's 10-90% band.
#[test]
fn the_default_link_lies_inside_historys_band_one_month_out() {
    let cfg = Config::defaults_for(today());
    let rows = shipped();
    let report = evaluate(&cfg).unwrap();
    let h = report
        .curves
        .horizons
        .iter()
        .find(|h| h.days == 30)
        .expect("the T+30 curve");
    let b = default_band(&cfg, &rows, 30);
    assert_eq!(b.trading_days, 21);
    for m in [-0.10, -0.07, -0.05, -0.03, 0.0, 0.03, 0.05] {
        let i = spot_index(&b, 6000.0 * (1.0 + m));
        assert!(
            b.vix_lo[i] < h.vix[i] && h.vix[i] < b.vix_hi[i],
            "{m}: link {} band {}-{}",
            h.vix[i],
            b.vix_lo[i],
            b.vix_hi[i]
        );
        // The hedge is long VIX calls: history's low VIX costs it, history's high VIX pays it.
        assert!(b.hedge_lo[i] <= h.pnl.hedge[i] + 1e-6 && h.pnl.hedge[i] <= b.hedge_hi[i] + 1e-6);
    }
}

#[test]
fn a_band_that_cannot_be_drawn_says_why() {
    let cfg = Config::defaults_for(today());
    let spots = evaluate(&cfg).unwrap().curves.spots;
    let rows = shipped();
    assert_eq!(
        band::link_band(&cfg, &spots, &rows, -1),
        Err(BandError::Horizon(-1))
    );
    let err = band::link_band(&cfg, &spots, &[], 30).unwrap_err();
    assert!(
        matches!(
            err,
            BandError::TooShort {
                rows: 0,
                trading_days: 21
            }
        ),
        "{err:?}"
    );
    assert!(err
        .to_string()
        .contains("fewer than one window of 21 trading days"));
    let calm = synthetic(500, |i| (4000.0 + i as f64, 14.0));
    let mut high = cfg.clone();
    high.market.vix = 60.0;
    let err = band::link_band(&high, &spots, &calm, 30).unwrap_err();
    assert!(
        err.to_string().contains("between 48.0 and 75.0 points"),
        "{err}"
    );
    let mut bad = cfg.clone();
    bad.condor.contracts = 0;
    assert!(matches!(
        band::link_band(&bad, &spots, &rows, 30),
        Err(BandError::Config(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_levels_and_horizon_give_a_band_or_an_error_never_a_panic(
        spots in proptest::collection::vec(prop_oneof![
            Just(f64::NAN), Just(0.0), Just(-1.0), Just(f64::INFINITY), 1.0..20000.0f64
        ], 0..40),
        days in -5_i64..400,
        vix in 9.0..90.0f64,
    ) {
        let mut cfg = Config::defaults_for(today());
        cfg.market.vix = vix;
        let rows = synthetic(400, |i| (5000.0 * (0.2 * (i as f64 * 0.11).sin()).exp(), 9.0 + (i % 80) as f64));
        let result = band::link_band(&cfg, &spots, &rows, days);
        // The series has windows at every level of VIX 9-90 and is longer than any horizon
        // here: only a negative horizon is refused.
        prop_assert_eq!(result.is_ok(), days >= 0);
        if let Ok(b) = result {
            prop_assert_eq!(b.vix_lo.len(), spots.len());
            prop_assert_eq!(b.combined_hi.len(), spots.len());
            for i in 0..spots.len() {
                prop_assert!(b.vix_lo[i].is_nan() || b.vix_lo[i] <= b.vix_hi[i]);
            }
        }
    }
}
