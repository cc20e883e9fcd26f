//! History: the shipped series, the calibration against the spec's figures, a replay and the
//! program backtest's invariants on synthetic paths.
#![cfg(not(target_arch = "wasm32"))]

use alvh::calendar::expiry::is_business_day;
use alvh::calendar::Date;
use alvh::history::backtest::{self, ExitReason, ProgramParams, Progress};
use alvh::history::calibrate::{self, LinkParams, MoveRule};
use alvh::history::data::{self, DailyClose};
use alvh::history::replay::{self, ExpiryKind, HistoryError, Placement};
use alvh::Config;
use sha2::{Digest, Sha256};
use std::sync::atomic::AtomicBool;

const SHIPPED: &str = include_str!("../assets/history/spx_vix_daily.csv");

fn shipped() -> Vec<DailyClose> {
    data::parse_history_csv(SHIPPED).expect("the shipped file parses")
}

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::from_ymd(y, m, day).unwrap()
}

#[test]
fn the_shipped_series_parses_with_its_checked_values_and_hash() {
    let rows = shipped();
    assert_eq!(rows.len(), data::SHIPPED_ROWS);
    let hash: String = Sha256::digest(SHIPPED.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(hash, data::SHIPPED_SHA256);
    // The README's checked values.
    for (date, spx, vix) in [
        (d(1990, 1, 2), 359.69, 17.24),
        (d(2008, 10, 10), 899.22, 69.95),
        (d(2018, 2, 5), 2648.94, 37.32),
        (d(2020, 3, 16), 2386.13, 82.69),
        (d(2024, 8, 5), 5186.33, 38.57),
        (d(2025, 4, 8), 4982.77, 52.33),
    ] {
        let i = data::index_on_or_after(&rows, date).unwrap();
        assert_eq!((rows[i].date, rows[i].spx, rows[i].vix), (date, spx, vix));
    }
    assert_eq!(rows.last().unwrap().date, d(2026, 7, 7));
}

/// spec §4.1 quotes history's VIX 10 trading days after an SPX move, from VIX 16 (windows
/// starting at VIX 12-20). The bucket rule of `MoveRule::default` reproduces them, except the
/// -10% median, which rests on 17 overlapping windows from three episodes.
#[test]
fn history_after_a_move_reproduces_the_spec_figures() {
    let rows = shipped();
    let moves = [-0.15, -0.10, -0.05, -0.03, 0.03, 0.05];
    let bands = calibrate::vix_after_move(&rows, &moves, 16.0, &MoveRule::default());
    let b = |m: f64| bands.iter().find(|b| b.spx_move == m).unwrap();
    // -15%: median 44, 10-90% 41-48 (two windows, bucket widened to +/-2%).
    let m15 = b(-0.15);
    assert_eq!(m15.half_width, 0.02);
    assert!((m15.vix.median - 44.0).abs() < 1.0, "{m15:?}");
    assert!(
        (m15.vix.p10 - 41.0).abs() < 1.0 && (m15.vix.p90 - 48.0).abs() < 1.0,
        "{m15:?}"
    );
    // -10%: the spec's median 29 and band 24-41; here the band holds it and the medians
    // differ by the sampling of so few windows.
    let m10 = b(-0.10);
    assert!(m10.vix.p10 < 29.0 && 29.0 < m10.vix.p90, "{m10:?}");
    assert!(
        (m10.vix.p10 - 24.0).abs() < 5.0 && (m10.vix.p90 - 41.0).abs() < 5.0,
        "{m10:?}"
    );
    for (m, want, tol) in [
        (-0.05, 21.4, 0.3),
        (-0.03, 19.2, 0.5),
        (0.03, 14.3, 0.3),
        (0.05, 14.0, 0.3),
    ] {
        let x = b(m);
        assert!(x.vix.n >= 100, "{x:?}");
        assert!((x.vix.median - want).abs() < tol, "{m}: {x:?}");
    }
}

#[test]
fn the_fit_on_history_finds_a_steeper_fall_slope_than_the_rally_slope() {
    let rows = shipped();
    let pairs = calibrate::starting_in(&calibrate::pairs(&rows, 10), 12.0, 20.0);
    let cfg = Config::defaults_for(d(2026, 11, 24));
    let fit = calibrate::fit_link(&pairs, None, &LinkParams::of_config(&cfg)).unwrap();
    let p = fit.params;
    assert!(fit.n > 4000, "{fit:?}");
    assert!(p.beta_dn > p.beta_up && p.beta_up > 0.0, "{fit:?}");
    assert!((3.0..10.0).contains(&p.beta_dn), "{fit:?}");
    assert!(fit.rmse <= fit.rmse_at_reference + 1e-12, "{fit:?}");
    // All starting levels: k is identified and positive (the response is damped at high VIX).
    let all = calibrate::pairs(&rows, 10);
    let fit_all = calibrate::fit_link(&all, None, &LinkParams::of_config(&cfg)).unwrap();
    assert!(fit_all.params.k > 0.2, "{fit_all:?}");
    let bands = calibrate::conditional_bands(&all, 0.02, 20);
    assert!(bands.iter().any(|b| b.vix_range.0 == 30.0));
    for b in &bands {
        assert!(b.log_ratio.p10 <= b.log_ratio.median && b.log_ratio.median <= b.log_ratio.p90);
    }
}

#[test]
fn march_2020_replay_shows_the_hedge_paying_in_the_crash() {
    let rows = shipped();
    let cfg = Config::defaults_for(d(2026, 11, 24));
    let placement = Placement::from_config(&cfg).unwrap();
    let e = replay::episode("2020-03").unwrap();
    let r = replay::replay(&rows, &placement, e.start, e.trading_days).unwrap();
    assert_eq!(r.rows[0].date, d(2020, 2, 19));
    assert!(r.rows.len() > 20);
    assert!(
        r.credit_dollars > 0.0 && r.hedge_cost_dollars > 0.0,
        "{r:?}"
    );
    let (worst, pnl) = r.worst_day.unwrap();
    assert!(worst >= d(2020, 3, 1) && pnl < -10_000.0, "{worst} {pnl}");
    let pays = r.hedge_first_pays.unwrap();
    assert!(pays > d(2020, 2, 19) && pays < d(2020, 3, 10), "{pays}");
    for row in &r.rows {
        assert!((row.combined - row.condor - row.hedge).abs() < 1e-9);
        assert!(row.combined.is_finite() && row.scenario_combined.is_finite());
    }
}

/// A synthetic series of business days from 2021-01-04.
fn path(n: usize, f: impl Fn(usize) -> (f64, f64)) -> Vec<DailyClose> {
    let mut day = d(2021, 1, 4);
    let mut out = Vec::new();
    while out.len() < n {
        if is_business_day(day) {
            let (spx, vix) = f(out.len());
            out.push(DailyClose {
                date: day,
                spx,
                vix,
            });
        }
        day = day.add_days(1);
    }
    out
}

fn params(rows: &[DailyClose], hedge: bool) -> ProgramParams {
    let cfg = Config::defaults_for(d(2026, 11, 24));
    let mut p =
        ProgramParams::from_config(&cfg, false, rows[0].date, rows[rows.len() - 70].date).unwrap();
    p.placement.hedge = hedge;
    p
}

#[test]
fn a_flat_path_keeps_the_whole_credit_minus_slippage() {
    let rows = path(300, |_| (4000.0, 16.0));
    let mut p = params(&rows, false);
    p.profit_target = None;
    p.stop_loss = None;
    let bt = backtest::run(&rows, &p, &mut |_| true).unwrap();
    assert!(bt.trades.len() >= 9, "{}", bt.trades.len());
    for t in &bt.trades {
        assert_eq!(t.reason, ExitReason::Expiry);
        // Entry slippage: 4 legs x half-spread x 100 x contracts; settlement costs nothing.
        // The half-spread 0.50 at the configuration's SPX 6000 scales to 0.50 x 4000 / 6000.
        let slip = 4.0 * 0.5 * (4000.0 / 6000.0) * 100.0 * t.contracts as f64;
        assert!((t.slippage - slip).abs() < 1e-9);
        assert!((t.condor_pnl - (t.credit - slip)).abs() < 1e-6, "{t:?}");
        assert_eq!(t.hedge_pnl, 0.0);
    }
}

#[test]
fn without_a_hedge_combined_equals_condor_and_daily_sums_equal_trade_sums() {
    // A wavy path with a crash, so targets, stops and expiries all happen.
    let rows = path(400, |i| {
        let x = i as f64;
        let crash = if (150..170).contains(&i) {
            1.0 - 0.012 * (i - 150) as f64
        } else if i >= 170 {
            0.76
        } else {
            1.0
        };
        (
            4000.0 * crash * (1.0 + 0.03 * (x / 9.0).sin()),
            if (150..200).contains(&i) {
                45.0
            } else {
                16.0 + 3.0 * (x / 7.0).cos()
            },
        )
    });
    let bare = backtest::run(&rows, &params(&rows, false), &mut |_| true).unwrap();
    for (_, c, comb) in &bare.daily {
        assert_eq!(c, comb);
    }
    assert_eq!(bare.condor, bare.combined);
    let hedged = backtest::run(&rows, &params(&rows, true), &mut |_| true).unwrap();
    for bt in [&bare, &hedged] {
        let daily: f64 = bt.daily.iter().map(|x| x.2).sum();
        let trades: f64 = bt.trades.iter().map(|t| t.condor_pnl + t.hedge_pnl).sum();
        assert!(
            (daily - trades).abs() < 1e-6 * (1.0 + trades.abs()),
            "{daily} vs {trades}"
        );
        let cond: f64 = bt.daily.iter().map(|x| x.1).sum();
        assert!((cond - bt.condor.total).abs() < 1e-6 * (1.0 + cond.abs()));
        let by_year: f64 = bt.years.iter().map(|y| y.combined).sum();
        assert!((by_year - bt.combined.total).abs() < 1e-6 * (1.0 + by_year.abs()));
    }
    // The same condors with or without the hedge.
    for (a, b) in bare.trades.iter().zip(&hedged.trades) {
        assert_eq!(
            (a.entry, a.exit, a.condor_pnl),
            (b.entry, b.exit, b.condor_pnl)
        );
    }
    let reasons: Vec<ExitReason> = hedged.trades.iter().map(|t| t.reason).collect();
    assert!(
        reasons.contains(&ExitReason::StopLoss) && reasons.contains(&ExitReason::ProfitTarget),
        "{reasons:?}"
    );
    assert!(hedged.trades.iter().any(|t| t.hedge_pnl > 0.0));
    assert!(hedged.hedge_cost_share_of_credit > 0.0);
}

#[test]
fn progress_is_reported_and_a_cancel_stops_the_run() {
    let rows = path(300, |_| (4000.0, 16.0));
    let p = params(&rows, true);
    let mut seen = Vec::new();
    let bt = backtest::run(&rows, &p, &mut |pr: Progress| {
        seen.push(pr);
        true
    })
    .unwrap();
    assert_eq!(seen.len(), bt.trades.len() + bt.skipped.len());
    assert_eq!(seen.last().map(|p| p.done), seen.last().map(|p| p.total));
    let err = backtest::run(&rows, &p, &mut |pr: Progress| pr.done < 3).unwrap_err();
    assert!(
        matches!(err, HistoryError::Cancelled { done: 3, .. }),
        "{err:?}"
    );
    let flag = AtomicBool::new(true);
    assert!(matches!(
        backtest::run_with_flag(&rows, &p, &flag),
        Err(HistoryError::Cancelled { done: 1, .. })
    ));
}

#[test]
fn bad_program_inputs_are_errors() {
    let rows = path(300, |_| (4000.0, 16.0));
    let mut p = params(&rows, false);
    p.profit_target = Some(f64::NAN);
    assert!(matches!(
        backtest::run(&rows, &p, &mut |_| true),
        Err(HistoryError::BadInput(_))
    ));
    let mut p = params(&rows, false);
    p.first_entry = d(2030, 1, 1);
    p.last_entry = d(2031, 1, 1);
    assert!(matches!(
        backtest::run(&rows, &p, &mut |_| true),
        Err(HistoryError::NoDataAfter(_))
    ));
}

#[test]
fn weekly_entries_use_spxw_expiries() {
    let rows = path(200, |_| (4000.0, 16.0));
    let mut p = params(&rows, true);
    p.placement.expiry_kind = ExpiryKind::Weekly;
    p.placement.target_dte = 10;
    let bt = backtest::run(&rows, &p, &mut |_| true).unwrap();
    assert!(bt.trades.len() >= 20, "{}", bt.trades.len());
    assert!(
        bt.trades
            .iter()
            .any(|t| t.expiry.weekday_from_monday() != 4),
        "an expiry on a day other than Friday"
    );
}

/// The Assumptions panel's history table (src/history/move_table.rs) is what the data file
/// gives: recomputed here from the shipped series by the tested `vix_after_move`.
#[test]
fn move_table_is_generated_from_the_data_file() {
    use alvh::history::move_table::{render, MOVE_RATIOS, SPAN};
    let rows = shipped();
    let bands = calibrate::vix_after_move(
        &rows,
        &alvh::engine::evaluate::SCENARIO_MOVES,
        1.0,
        &MoveRule::default(),
    );
    let source = render(&bands);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/history/move_table.rs");
    let file = std::fs::read_to_string(path).unwrap();
    let marker = "// --- generated below this line ---\n";
    let head = &file[..file.find(marker).unwrap() + marker.len()];
    if std::env::var_os("ALVH_REGENERATE").is_some() {
        std::fs::write(path, format!("{head}{source}")).unwrap();
    }
    let span = (
        rows[0].date.to_string(),
        rows.last().unwrap().date.to_string(),
    );
    assert_eq!((SPAN.0, SPAN.1), (span.0.as_str(), span.1.as_str()));
    assert_eq!(MOVE_RATIOS.len(), bands.len());
    for (t, b) in MOVE_RATIOS.iter().zip(&bands) {
        assert_eq!(
            (t.spx_move, t.half_width, t.windows),
            (b.spx_move, b.half_width, b.vix.n)
        );
        for (x, y) in [
            (t.p10, b.vix.p10),
            (t.median, b.vix.median),
            (t.p90, b.vix.p90),
        ] {
            assert!(
                x == y || (x.is_nan() && y.is_nan()),
                "{t:?} vs {b:?}\n{source}"
            );
        }
    }
    // From VIX 16 the -5% row is the spec's 21.4 (tests above), here as a ratio.
    let m5 = MOVE_RATIOS.iter().find(|t| t.spx_move == -0.05).unwrap();
    assert!((16.0 * m5.median - 21.4).abs() < 0.3, "{m5:?}");
}
