//! The hedged condor as a program: a condor opened on a schedule (the first trading day of
//! every month, or of every week for SPXW), hedged by R3-R6 with the regime read from the
//! series, closed at a profit target or a stop (multiples of the credit) or settled at expiry,
//! with slippage from the half-spreads; marked daily with the engine's model from index closes
//! ([`super::replay`] states the approximations).
//!
//! Accounting: each trade's P/L is its model mark minus entry and exit slippage; the program's
//! daily P/L is the sum of its open trades' daily changes, so the daily P/L adds up to the sum
//! of the trades' final P/L. The hedge of a trade is opened and closed with its condor.

use super::data::{index_on_or_after, DailyClose};
use super::replay::{ExpiryKind, HistoryError, Marker, Placement};
use crate::calendar::Date;
use crate::config::Config;
use crate::engine::strategy::LegKind;
use crate::indicators::Regime;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};

/// The program's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramParams {
    /// How each position is placed (DTE, deltas, wings, hedge, monthly or weekly expiries).
    pub placement: Placement,
    /// First and last possible entry dates.
    pub first_entry: Date,
    pub last_entry: Date,
    /// Close when the condor's P/L reaches this multiple of its credit (0.5 = half the credit).
    pub profit_target: Option<f64>,
    /// Close when the condor's loss reaches this multiple of its credit (2.0 = twice the credit).
    pub stop_loss: Option<f64>,
    /// Pay the half-spreads of the configuration's account on entry and on every early exit.
    pub slippage: bool,
}

impl ProgramParams {
    /// The program of a configuration: its placement, monthly entries (weekly with SPXW
    /// expiries when `weekly`), target 50% and stop 200% of the credit, slippage on.
    pub fn from_config(
        config: &Config,
        weekly: bool,
        first_entry: Date,
        last_entry: Date,
    ) -> Result<ProgramParams, HistoryError> {
        let mut placement = Placement::from_config(config)?;
        if weekly {
            placement.expiry_kind = ExpiryKind::Weekly;
        }
        Ok(ProgramParams {
            placement,
            first_entry,
            last_entry,
            profit_target: Some(0.5),
            stop_loss: Some(2.0),
            slippage: true,
        })
    }
}

/// What a user sets for the program (History view, share link, JS API): the placement itself
/// comes from the configuration ([`ProgramParams::from_config`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramSettings {
    /// Weekly SPXW entries (false: monthly entries on standard AM-settled monthlies).
    pub weekly: bool,
    /// First and last possible entry dates; `None` = the series' first / last day.
    pub first_entry: Option<Date>,
    pub last_entry: Option<Date>,
    /// Profit target and stop as multiples of the credit; `None` = hold to expiry.
    pub profit_target: Option<f64>,
    pub stop_loss: Option<f64>,
    /// Pay the account's half-spreads on entry and on every early exit.
    pub slippage: bool,
}

impl Default for ProgramSettings {
    /// Monthly entries over the whole series, target 50% and stop 200% of the credit,
    /// slippage on (the defaults of [`ProgramParams::from_config`]).
    fn default() -> Self {
        ProgramSettings {
            weekly: false,
            first_entry: None,
            last_entry: None,
            profit_target: Some(0.5),
            stop_loss: Some(2.0),
            slippage: true,
        }
    }
}

impl ProgramSettings {
    /// The program these settings describe for `config` over `rows` (the series' first and
    /// last days stand in for missing dates). Errors name the setting in the user's terms.
    pub fn params(
        &self,
        config: &Config,
        rows: &[DailyClose],
    ) -> Result<ProgramParams, HistoryError> {
        let (Some(first_row), Some(last_row)) = (rows.first(), rows.last()) else {
            return Err(HistoryError::BadInput("the series is empty".into()));
        };
        let first = self.first_entry.unwrap_or(first_row.date);
        let last = self.last_entry.unwrap_or(last_row.date);
        let mut p = ProgramParams::from_config(config, self.weekly, first, last)?;
        p.profit_target = self.profit_target;
        p.stop_loss = self.stop_loss;
        p.slippage = self.slippage;
        Ok(p)
    }
}

/// Why a trade ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    ProfitTarget,
    StopLoss,
    /// Held to the condor's expiry and settled.
    Expiry,
    /// The series ended first: closed at the last mark.
    EndOfData,
}

/// One trade. $ figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trade {
    pub entry: Date,
    pub exit: Date,
    pub reason: ExitReason,
    pub expiry: Date,
    pub contracts: i64,
    pub regime: Regime,
    /// Condor credit at the model mid, $.
    pub credit: f64,
    /// Hedge cost at the model mid, $.
    pub hedge_cost: f64,
    /// P/L after slippage, $.
    pub condor_pnl: f64,
    pub hedge_pnl: f64,
    /// Slippage paid (entry and exit), condor and hedge, $ (included in the P/L).
    pub slippage: f64,
}

/// One year of the program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearRow {
    pub year: i32,
    /// Trades entered that year.
    pub trades: usize,
    /// P/L booked in that year's days, $.
    pub condor: f64,
    pub hedge: f64,
    pub combined: f64,
    /// Largest drawdown inside the year of the condor-only and combined equity, $ (positive).
    pub condor_drawdown: f64,
    pub combined_drawdown: f64,
}

/// Summary figures of one equity curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurveStats {
    /// Total P/L, $.
    pub total: f64,
    /// Largest peak-to-trough fall of cumulative P/L, $ (positive).
    pub max_drawdown: f64,
    /// ... as a fraction of capital plus the peak's P/L.
    pub max_drawdown_fraction: f64,
    /// Worst calendar month: (year, month, P/L $).
    pub worst_month: Option<(i32, u8, f64)>,
    /// Mean loss of the worst 5% of months (at least one), $ positive for a loss.
    pub monthly_cvar_95: f64,
    /// Annualised Sharpe ratio of monthly P/L / capital (no risk-free rate: capital's interest
    /// is not in the P/L), sqrt(12) x mean / standard deviation.
    pub sharpe: f64,
    /// sqrt(12) x mean / downside deviation (root mean square of the negative months).
    pub sortino: f64,
}

/// The backtest's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    pub trades: Vec<Trade>,
    /// Entries skipped because the placement failed: (date, reason).
    pub skipped: Vec<(Date, String)>,
    /// Every day from the first entry to the last exit: (date, condor-only daily P/L, combined
    /// daily P/L), $.
    pub daily: Vec<(Date, f64, f64)>,
    pub years: Vec<YearRow>,
    /// Without the hedge (condor layer only) and with it.
    pub condor: CurveStats,
    pub combined: CurveStats,
    /// Sum of hedge costs / sum of condor credits at entry.
    pub hedge_cost_share_of_credit: f64,
    /// Capital the ratios use, $.
    pub capital: f64,
    pub note: String,
}

/// Progress of a run: entries processed out of the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// The entry days of a schedule: the first trading day of each month (monthly) or each
/// Monday-started week (weekly) between the dates (inclusive), as row indices.
pub fn entry_days(rows: &[DailyClose], kind: ExpiryKind, first: Date, last: Date) -> Vec<usize> {
    let Some(start) = index_on_or_after(rows, first) else {
        return Vec::new();
    };
    let key = |d: Date| -> i64 {
        match kind {
            ExpiryKind::Monthly => d.year() as i64 * 12 + d.month() as i64,
            // Days since 1970-01-05 (a Monday) / 7.
            ExpiryKind::Weekly => Date::from_ymd_clamped(1970, 1, 5)
                .days_until(d)
                .div_euclid(7),
        }
    };
    let mut out = Vec::new();
    let mut prev: Option<i64> = None;
    for (i, r) in rows.iter().enumerate().skip(start) {
        if r.date > last {
            break;
        }
        let k = key(r.date);
        if prev != Some(k) {
            out.push(i);
            prev = Some(k);
        }
    }
    out
}

/// Half-spread cost of opening or closing a set of legs, $ per leg |qty| x multiplier x half
/// spread (SPX options, VIX options, VIX futures from the account settings).
fn spread_cost(cfg: &Config, marker: &Marker, open_only: &[bool]) -> (f64, f64) {
    let a = &cfg.account;
    let (mut condor, mut hedge) = (0.0, 0.0);
    for (leg, &open) in marker.model.legs.iter().zip(open_only) {
        if !open {
            continue;
        }
        let half = match leg.kind {
            LegKind::Spx { .. } => a.half_spread_spx,
            LegKind::VixOption { .. } => a.half_spread_vix_option,
            LegKind::VixFuture => a.half_spread_vix_future,
        };
        let c = leg.qty.unsigned_abs() as f64 * leg.multiplier * half;
        match leg.layer {
            crate::engine::report::Layer::Condor => condor += c,
            crate::engine::report::Layer::Hedge => hedge += c,
        }
    }
    (condor, hedge)
}

/// Runs the program over `rows`. `on_progress` is called after each entry with the count so
/// far; returning false cancels the run (Err(Cancelled)).
pub fn run(
    rows: &[DailyClose],
    params: &ProgramParams,
    on_progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<Backtest, HistoryError> {
    for (name, v) in [
        ("profit target", params.profit_target),
        ("stop", params.stop_loss),
    ] {
        if let Some(m) = v {
            if !(m.is_finite() && m > 0.0) {
                return Err(HistoryError::BadInput(format!(
                    "the {name} must be a positive multiple of the credit (got {m})"
                )));
            }
        }
    }
    if params.last_entry < params.first_entry {
        return Err(HistoryError::BadInput(
            "the last entry is before the first".into(),
        ));
    }
    let kind = params.placement.expiry_kind;
    let entries = entry_days(rows, kind, params.first_entry, params.last_entry);
    if entries.is_empty() {
        return Err(HistoryError::NoDataAfter(params.first_entry));
    }
    let total = entries.len();
    let mut condor_daily = vec![0.0; rows.len()];
    let mut hedge_daily = vec![0.0; rows.len()];
    let mut trades = Vec::with_capacity(total);
    let mut skipped = Vec::new();
    let mut last_exit = entries[0];
    for (n, &i0) in entries.iter().enumerate() {
        match run_trade(rows, params, i0, &mut condor_daily, &mut hedge_daily) {
            Ok((trade, exit_index)) => {
                last_exit = last_exit.max(exit_index);
                trades.push(trade);
            }
            Err(HistoryError::Placement { date, reason }) => skipped.push((date, reason)),
            Err(e) => return Err(e),
        }
        if !on_progress(Progress { done: n + 1, total }) {
            return Err(HistoryError::Cancelled { done: n + 1, total });
        }
    }
    let span = entries[0]..=last_exit;
    let daily: Vec<(Date, f64, f64)> = rows[span.clone()]
        .iter()
        .zip(&condor_daily[span.clone()])
        .zip(&hedge_daily[span])
        .map(|((r, &c), &h)| (r.date, c, c + h))
        .collect();
    let capital = params.placement.template.account.capital;
    let credits: f64 = trades.iter().map(|t| t.credit).sum();
    let hedge_costs: f64 = trades.iter().map(|t| t.hedge_cost).sum();
    let years = year_table(&daily, &trades);
    Ok(Backtest {
        condor: curve_stats(daily.iter().map(|d| (d.0, d.1)), capital),
        combined: curve_stats(daily.iter().map(|d| (d.0, d.2)), capital),
        hedge_cost_share_of_credit: if credits > 0.0 {
            hedge_costs / credits
        } else {
            f64::NAN
        },
        trades,
        skipped,
        daily,
        years,
        capital,
        note: super::replay::NOTE.to_string(),
    })
}

/// [`run`] with a cancel flag (for a worker whose host sets it) instead of a callback.
pub fn run_with_flag(
    rows: &[DailyClose],
    params: &ProgramParams,
    cancel: &AtomicBool,
) -> Result<Backtest, HistoryError> {
    run(rows, params, &mut |_| !cancel.load(Ordering::Relaxed))
}

/// One trade from row `i0`: its record and the row of its exit; adds its daily P/L changes.
fn run_trade(
    rows: &[DailyClose],
    params: &ProgramParams,
    i0: usize,
    condor_daily: &mut [f64],
    hedge_daily: &mut [f64],
) -> Result<(Trade, usize), HistoryError> {
    let (cfg, regime) = params.placement.place(rows, i0)?;
    let mut marker = Marker::new(&cfg)?;
    let legs = &marker.model.legs;
    let entry_cost = |layer| -> f64 {
        legs.iter()
            .filter(|l| l.layer == layer)
            .map(|l| l.qty as f64 * l.multiplier * l.entry)
            .sum()
    };
    let credit = -entry_cost(crate::engine::report::Layer::Condor);
    let hedge_cost = entry_cost(crate::engine::report::Layer::Hedge);
    let all_open = vec![true; legs.len()];
    let (entry_slip_c, entry_slip_h) = if params.slippage {
        spread_cost(&cfg, &marker, &all_open)
    } else {
        (0.0, 0.0)
    };
    let expiry = cfg.condor.expiry;
    let target = params.profit_target.map(|m| m * credit);
    let stop = params.stop_loss.map(|m| -m * credit);
    let (mut prev_c, mut prev_h) = (0.0, 0.0);
    let mut exit = (i0, ExitReason::EndOfData);
    let (mut final_c, mut final_h) = (0.0, 0.0);
    let mut slippage = entry_slip_c + entry_slip_h;
    for j in i0..rows.len() {
        let day = &rows[j];
        let next = rows.get(j + 1).map(|r| r.date);
        let (mut c, mut h) = marker.mark(day, next);
        c -= entry_slip_c;
        h -= entry_slip_h;
        let expired = day.date >= expiry || next.is_some_and(|n| n > expiry);
        let reason = if expired {
            Some(ExitReason::Expiry)
        } else if target.is_some_and(|t| c + entry_slip_c >= t) {
            Some(ExitReason::ProfitTarget)
        } else if stop.is_some_and(|s| c + entry_slip_c <= s) {
            Some(ExitReason::StopLoss)
        } else if next.is_none() {
            Some(ExitReason::EndOfData)
        } else {
            None
        };
        if let Some(reason) = reason {
            if params.slippage {
                // Legs settled at expiry pay nothing; every other leg is closed at the mark.
                let h_days = marker.start.days_until(day.date);
                let open: Vec<bool> = marker
                    .model
                    .legs
                    .iter()
                    .map(|l| {
                        h_days < l.expiry_days
                            && !(reason == ExitReason::Expiry
                                && next.is_some_and(|n| marker.start.days_until(n) > l.expiry_days))
                    })
                    .collect();
                let (xc, xh) = spread_cost(&cfg, &marker, &open);
                c -= xc;
                h -= xh;
                slippage += xc + xh;
            }
            condor_daily[j] += c - prev_c;
            hedge_daily[j] += h - prev_h;
            final_c = c;
            final_h = h;
            exit = (j, reason);
            break;
        }
        condor_daily[j] += c - prev_c;
        hedge_daily[j] += h - prev_h;
        prev_c = c;
        prev_h = h;
    }
    Ok((
        Trade {
            entry: rows[i0].date,
            exit: rows[exit.0].date,
            reason: exit.1,
            expiry,
            contracts: cfg.condor.contracts,
            regime,
            credit,
            hedge_cost,
            condor_pnl: final_c,
            hedge_pnl: final_h,
            slippage,
        },
        exit.0,
    ))
}

/// Statistics of one daily P/L series (date, P/L $).
pub fn curve_stats(daily: impl Iterator<Item = (Date, f64)>, capital: f64) -> CurveStats {
    let mut cum = 0.0;
    let mut peak = 0.0;
    let mut max_dd = 0.0;
    let mut max_dd_frac = 0.0;
    let mut months: Vec<(i32, u8, f64)> = Vec::new();
    for (d, p) in daily {
        cum += p;
        if cum > peak {
            peak = cum;
        }
        let dd = peak - cum;
        if dd > max_dd {
            max_dd = dd;
            max_dd_frac = dd / (capital + peak);
        }
        match months.last_mut() {
            Some(m) if m.0 == d.year() && m.1 == d.month() => m.2 += p,
            _ => months.push((d.year(), d.month(), p)),
        }
    }
    let worst_month = months.iter().copied().min_by(|a, b| a.2.total_cmp(&b.2));
    let mut sorted: Vec<f64> = months.iter().map(|m| m.2).collect();
    sorted.sort_by(f64::total_cmp);
    let tail =
        ((sorted.len() as f64 * 0.05).ceil() as usize).clamp(1.min(sorted.len()), sorted.len());
    let monthly_cvar_95 = if tail == 0 {
        0.0
    } else {
        -sorted[..tail].iter().sum::<f64>() / tail as f64
    };
    let r: Vec<f64> = months.iter().map(|m| m.2 / capital).collect();
    let n = r.len().max(1) as f64;
    let mean = r.iter().sum::<f64>() / n;
    let sd = (r.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0).max(1.0)).sqrt();
    let down = (r.iter().map(|x| x.min(0.0).powi(2)).sum::<f64>() / n).sqrt();
    let ratio = |den: f64| {
        if den > 0.0 {
            12f64.sqrt() * mean / den
        } else {
            f64::NAN
        }
    };
    CurveStats {
        total: cum,
        max_drawdown: max_dd,
        max_drawdown_fraction: max_dd_frac,
        worst_month,
        monthly_cvar_95,
        sharpe: ratio(sd),
        sortino: ratio(down),
    }
}

fn year_table(daily: &[(Date, f64, f64)], trades: &[Trade]) -> Vec<YearRow> {
    let mut out: Vec<YearRow> = Vec::new();
    let mut peaks = (0.0f64, 0.0f64, 0.0f64, 0.0f64); // condor cum/peak, combined cum/peak
    for &(d, c, comb) in daily {
        if out.last().map(|y| y.year) != Some(d.year()) {
            out.push(YearRow {
                year: d.year(),
                trades: 0,
                condor: 0.0,
                hedge: 0.0,
                combined: 0.0,
                condor_drawdown: 0.0,
                combined_drawdown: 0.0,
            });
            peaks = (0.0, 0.0, 0.0, 0.0);
        }
        let y = out.last_mut().expect("pushed above");
        y.condor += c;
        y.combined += comb;
        y.hedge += comb - c;
        peaks.0 += c;
        peaks.1 = peaks.1.max(peaks.0);
        peaks.2 += comb;
        peaks.3 = peaks.3.max(peaks.2);
        y.condor_drawdown = y.condor_drawdown.max(peaks.1 - peaks.0);
        y.combined_drawdown = y.combined_drawdown.max(peaks.3 - peaks.2);
    }
    for t in trades {
        if let Some(y) = out.iter_mut().find(|y| y.year == t.entry.year()) {
            y.trades += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_of_a_known_series() {
        let d0 = Date::from_ymd(2020, 1, 1).unwrap();
        // Months: +100, -300, +200 on a capital of 10,000.
        let days = [
            (d0, 100.0),
            (d0.add_days(31), -100.0),
            (d0.add_days(40), -200.0),
            (d0.add_days(70), 200.0),
        ];
        let s = curve_stats(days.into_iter(), 10_000.0);
        assert_eq!(s.total, 0.0);
        assert_eq!(s.max_drawdown, 300.0);
        assert_eq!(s.worst_month, Some((2020, 2, -300.0)));
        assert_eq!(s.monthly_cvar_95, 300.0);
        let r = [0.01, -0.03, 0.02];
        let mean = 0.0;
        assert!((s.sharpe - mean).abs() < 1e-12);
        let down = ((0.03f64 * 0.03) / 3.0).sqrt();
        assert!((s.sortino - 12f64.sqrt() * (r.iter().sum::<f64>() / 3.0) / down).abs() < 1e-12);
    }

    #[test]
    fn settings_fill_missing_dates_from_the_series_and_carry_exits() {
        let cfg = Config::defaults_for(Date::from_ymd(2026, 11, 24).unwrap());
        let d0 = Date::from_ymd(2001, 2, 1).unwrap();
        let rows: Vec<DailyClose> = (0..3)
            .map(|i| DailyClose {
                date: d0.add_days(i),
                spx: 1300.0,
                vix: 20.0,
            })
            .collect();
        let settings = ProgramSettings {
            weekly: true,
            profit_target: None,
            stop_loss: Some(3.0),
            slippage: false,
            ..ProgramSettings::default()
        };
        let p = settings.params(&cfg, &rows).unwrap();
        assert_eq!((p.first_entry, p.last_entry), (d0, d0.add_days(2)));
        assert_eq!(p.placement.expiry_kind, ExpiryKind::Weekly);
        assert_eq!(
            (p.profit_target, p.stop_loss, p.slippage),
            (None, Some(3.0), false)
        );
        assert!(matches!(
            settings.params(&cfg, &[]),
            Err(HistoryError::BadInput(_))
        ));
    }
}
