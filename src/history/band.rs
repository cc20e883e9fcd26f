//! The History band around the P/L chart's hedge and combined curves (issue 19 item 2): at
//! each SPX level of the chart, the position's P/L when VIX lands at history's 10th and 90th
//! percentile for that SPX move and horizon instead of the link's value (spec §4.1). It shows
//! how much the hedge's payoff depends on the link.
//!
//! History's percentiles, per grid level S at a horizon of `d` calendar days:
//! - the windows: every run of n trading days in the series, n = the exchange trading days
//!   from the valuation date to the horizon date (at least 1: T+0 is read as the next close),
//!   that starts with VIX within a factor [`LEVEL_FACTOR`] of today's VIX (the link's level
//!   damping says the response depends on the level, so windows from other levels are left
//!   out);
//! - the neighbours: the [`NEIGHBOURS`] windows whose SPX log return is nearest ln(S/S0), if
//!   all lie within [`MAX_DISTANCE`] of it; otherwise history has too few such moves and the
//!   band has a gap there (NaN), which the chart leaves open and the page says;
//! - VIX at the band's edges: today's VIX times the 10th and 90th percentile of the
//!   neighbours' VIX_end / VIX_start, plus the scenario's parallel shock, clamped to the
//!   link's [9, 150] points.
//!
//! Every leg is then priced as the chart prices it, with that VIX in place of the link's
//! (SPX vols from it and the smile, VIX futures re-anchored to it); the band's lower and upper
//! P/L are the smaller and larger of the two.

use super::calibrate::quantile_sorted;
use super::DailyClose;
use crate::calendar::expiry::is_business_day;
use crate::calendar::Date;
use crate::engine::model::{LayerPnl, Model};
use crate::engine::report::{nearest_index, Curves};
use crate::engine::scenario::{VIX_MAX, VIX_MIN};
use crate::Config;
use serde::{Deserialize, Serialize};

/// Windows whose SPX return is nearest the grid level's move.
pub const NEIGHBOURS: usize = 30;
/// Largest distance in SPX log return a neighbour may lie from the grid level's move.
pub const MAX_DISTANCE: f64 = 0.025;
/// Windows count when their starting VIX lies within today's VIX divided or multiplied by this.
pub const LEVEL_FACTOR: f64 = 1.25;
/// The band's percentiles of VIX_end / VIX_start.
pub const PERCENTILES: (f64, f64) = (0.10, 0.90);

/// The band at one horizon, on the chart's SPX grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkBand {
    /// Horizon, calendar days from valuation.
    pub days: i64,
    /// Trading days each historical window spans.
    pub trading_days: usize,
    /// Starting VIX range of the windows used, points.
    pub vix_start_range: (f64, f64),
    /// Windows in the series from that range.
    pub windows: usize,
    /// First and last date of the series.
    pub span: (Date, Date),
    /// SPX levels, index points (the chart's grid).
    pub spots: Vec<f64>,
    /// VIX at history's 10th and 90th percentile at each level, points (NaN: too few windows).
    pub vix_lo: Vec<f64>,
    pub vix_hi: Vec<f64>,
    /// Hedge and combined P/L at the band's edges, $, lower and upper (NaN where VIX is).
    pub hedge_lo: Vec<f64>,
    pub hedge_hi: Vec<f64>,
    pub combined_lo: Vec<f64>,
    pub combined_hi: Vec<f64>,
}

/// One row of the band's table: at an SPX move, the link's VIX and P/L on the chart's curve
/// beside history's range (None where history has too few windows).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandRow {
    /// SPX simple return from S0 (-0.05 = -5%).
    pub spx_move: f64,
    /// The grid level nearest S0 x (1 + move), index points.
    pub spx: f64,
    /// The link's VIX, points, and the curve's hedge and combined P/L, $.
    pub vix_link: f64,
    pub hedge_link: f64,
    pub combined_link: f64,
    /// History's (lower, upper) VIX, points, and P/L, $.
    pub vix: Option<(f64, f64)>,
    pub hedge: Option<(f64, f64)>,
    pub combined: Option<(f64, f64)>,
}

/// The SPX moves of the band's table on the page (simple returns).
pub const TABLE_MOVES: [f64; 7] = [-0.10, -0.07, -0.05, -0.03, 0.0, 0.03, 0.05];

impl LinkBand {
    /// The SPX range the band covers, from its lowest to its highest level with history,
    /// index points (gaps inside it are possible).
    pub fn covered(&self) -> Option<(f64, f64)> {
        let finite = |i: &usize| self.vix_lo[*i].is_finite();
        let lo = (0..self.spots.len()).find(finite)?;
        let hi = (0..self.spots.len()).rev().find(finite)?;
        Some((self.spots[lo], self.spots[hi]))
    }

    /// The band's table at `moves` against the chart's curve of the band's horizon in
    /// `curves` (the grid the band was computed on); empty when `curves` has another grid or
    /// no curve at that horizon.
    pub fn table(&self, curves: &Curves, moves: &[f64]) -> Vec<BandRow> {
        let Some(h) = curves.horizons.iter().find(|h| h.days == self.days) else {
            return Vec::new();
        };
        let Some(&s0) = curves.spots.get(curves.spot_index) else {
            return Vec::new();
        };
        if curves.spots != self.spots {
            return Vec::new();
        }
        let pair = |lo: &[f64], hi: &[f64], i: usize| lo[i].is_finite().then(|| (lo[i], hi[i]));
        moves
            .iter()
            .filter_map(|&m| {
                let i = nearest_index(&self.spots, s0 * (1.0 + m))?;
                Some(BandRow {
                    spx_move: m,
                    spx: self.spots[i],
                    vix_link: h.vix[i],
                    hedge_link: h.pnl.hedge[i],
                    combined_link: h.pnl.combined[i],
                    vix: pair(&self.vix_lo, &self.vix_hi, i),
                    hedge: pair(&self.hedge_lo, &self.hedge_hi, i),
                    combined: pair(&self.combined_lo, &self.combined_hi, i),
                })
            })
            .collect()
    }
}

/// Why no band can be drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum BandError {
    /// The configuration does not evaluate (its own field errors say why).
    Config(String),
    /// The series is shorter than one window.
    TooShort { rows: usize, trading_days: usize },
    /// No window starts near today's VIX.
    NoWindows { lo: f64, hi: f64 },
    /// The horizon is negative.
    Horizon(i64),
}

impl std::fmt::Display for BandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BandError::Config(why) => write!(f, "the configuration is invalid: {why}"),
            BandError::TooShort { rows, trading_days } => write!(
                f,
                "the series has {rows} days, fewer than one window of {trading_days} trading days"
            ),
            BandError::NoWindows { lo, hi } => write!(
                f,
                "no window of the series starts with VIX between {lo:.1} and {hi:.1} points"
            ),
            BandError::Horizon(d) => write!(f, "the horizon must be 0 days or more (got {d})"),
        }
    }
}

/// Exchange trading days after `from` up to and including `to` (at least 1).
pub fn trading_days_between(from: Date, to: Date) -> usize {
    let n = (1..=from.days_until(to))
        .filter(|&k| is_business_day(from.add_days(k)))
        .count();
    n.max(1)
}

/// The band at `days` after valuation on the SPX levels `spots` (the chart's grid), from the
/// daily closes `rows` (dates ascending, as [`super::parse_history_csv`] gives them).
pub fn link_band(
    config: &Config,
    spots: &[f64],
    rows: &[DailyClose],
    days: i64,
) -> Result<LinkBand, BandError> {
    if days < 0 {
        return Err(BandError::Horizon(days));
    }
    let errors = crate::config::validate::validate(config);
    if !errors.is_empty() {
        return Err(BandError::Config(crate::ConfigErrors(errors).to_string()));
    }
    let model = Model::build(config).map_err(|e| BandError::Config(e.to_string()))?;
    let today = config.market.valuation_date;
    let n = trading_days_between(today, today.add_days(days));
    let (first, last) = match (rows.first(), rows.last()) {
        (Some(a), Some(b)) if rows.len() > n => (a.date, b.date),
        _ => {
            return Err(BandError::TooShort {
                rows: rows.len(),
                trading_days: n,
            })
        }
    };
    let vix0 = config.market.vix;
    let (lo, hi) = (vix0 / LEVEL_FACTOR, vix0 * LEVEL_FACTOR);
    // (SPX log return, VIX ratio) of every window from the level, by return.
    let mut windows: Vec<(f64, f64)> = rows
        .iter()
        .zip(&rows[n..])
        .filter(|(a, _)| a.vix >= lo && a.vix <= hi)
        .map(|(a, b)| ((b.spx / a.spx).ln(), b.vix / a.vix))
        .filter(|(x, r)| x.is_finite() && r.is_finite())
        .collect();
    if windows.is_empty() {
        return Err(BandError::NoWindows { lo, hi });
    }
    windows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let returns: Vec<f64> = windows.iter().map(|w| w.0).collect();
    let sc = &model.scenario;
    let at = model.at_horizon(days as f64);
    let s0 = sc.s0;
    let edge = |ratio: f64| (vix0 * ratio + sc.shock).clamp(VIX_MIN, VIX_MAX);
    let len = spots.len();
    let mut band = LinkBand {
        days,
        trading_days: n,
        vix_start_range: (lo, hi),
        windows: windows.len(),
        span: (first, last),
        spots: spots.to_vec(),
        vix_lo: Vec::with_capacity(len),
        vix_hi: Vec::with_capacity(len),
        hedge_lo: Vec::with_capacity(len),
        hedge_hi: Vec::with_capacity(len),
        combined_lo: Vec::with_capacity(len),
        combined_hi: Vec::with_capacity(len),
    };
    let mut ratios = Vec::with_capacity(NEIGHBOURS);
    for &s in spots {
        let x = (s / s0).ln();
        let found = x.is_finite()
            && nearest(&returns, x, NEIGHBOURS, MAX_DISTANCE, &mut |i| {
                ratios.push(windows[i].1)
            });
        if !found {
            ratios.clear();
            for v in [
                &mut band.vix_lo,
                &mut band.vix_hi,
                &mut band.hedge_lo,
                &mut band.hedge_hi,
                &mut band.combined_lo,
                &mut band.combined_hi,
            ] {
                v.push(f64::NAN);
            }
            continue;
        }
        ratios.sort_by(f64::total_cmp);
        let v_lo = edge(quantile_sorted(&ratios, PERCENTILES.0));
        let v_hi = edge(quantile_sorted(&ratios, PERCENTILES.1));
        ratios.clear();
        let p_lo: LayerPnl = at.pnl_at_vix(s, v_lo);
        let p_hi: LayerPnl = at.pnl_at_vix(s, v_hi);
        band.vix_lo.push(v_lo);
        band.vix_hi.push(v_hi);
        band.hedge_lo.push(p_lo.hedge.min(p_hi.hedge));
        band.hedge_hi.push(p_lo.hedge.max(p_hi.hedge));
        band.combined_lo.push(p_lo.combined().min(p_hi.combined()));
        band.combined_hi.push(p_lo.combined().max(p_hi.combined()));
    }
    Ok(band)
}

/// Visits the `k` values of `sorted` nearest `x` (ties to the lower side) and returns true, or
/// returns false, visiting nothing, when there are fewer than `k` or the farthest of them lies
/// more than `max_distance` from `x`.
fn nearest(
    sorted: &[f64],
    x: f64,
    k: usize,
    max_distance: f64,
    visit: &mut dyn FnMut(usize),
) -> bool {
    if sorted.len() < k || k == 0 {
        return false;
    }
    // [a, b) grows from the insertion point of x towards the nearer side.
    let mut a = sorted.partition_point(|&v| v < x);
    let mut b = a;
    while b - a < k {
        let left = (a > 0).then(|| x - sorted[a - 1]);
        let right = (b < sorted.len()).then(|| sorted[b] - x);
        match (left, right) {
            (Some(l), Some(r)) if l <= r => a -= 1,
            (Some(_), None) => a -= 1,
            (_, Some(_)) => b += 1,
            (None, None) => return false,
        }
    }
    let farthest = (x - sorted[a]).max(sorted[b - 1] - x);
    if farthest > max_distance {
        return false;
    }
    (a..b).for_each(visit);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_takes_the_k_closest_and_refuses_far_ones() {
        let v = [-0.05, -0.02, -0.01, 0.0, 0.005, 0.03];
        let mut got = Vec::new();
        assert!(nearest(&v, 0.001, 3, 0.1, &mut |i| got.push(v[i])));
        assert_eq!(got, vec![-0.01, 0.0, 0.005]);
        got.clear();
        assert!(!nearest(&v, -0.2, 2, 0.1, &mut |i| got.push(v[i])));
        assert!(got.is_empty());
        assert!(!nearest(&v, 0.0, 7, 1.0, &mut |i| got.push(v[i])));
        assert!(nearest(&v, 1.0, 1, 1.0, &mut |i| got.push(v[i])));
        assert_eq!(got, vec![0.03]);
    }

    #[test]
    fn trading_days_skip_weekends_and_holidays() {
        let fri = Date::from_ymd(2026, 12, 18).unwrap();
        assert_eq!(trading_days_between(fri, fri), 1);
        // Mon 21 .. Thu 24 trade, Fri 25 is Christmas.
        assert_eq!(trading_days_between(fri, fri.add_days(7)), 4);
    }
}
