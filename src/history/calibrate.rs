//! Calibration of the SPX-VIX link (spec §4.1) against history: (SPX log return, VIX log
//! ratio) pairs over a horizon in trading days, the link curve at given parameters, its
//! least-squares fit, and the conditional median and 10-90% band of VIX per SPX-return
//! bucket, split by the starting VIX level.
//!
//! Windows overlap (every trading day starts one), so neighbouring pairs share most of their
//! path: the fit's standard errors treat them as independent and so understate the
//! uncertainty, by roughly sqrt(horizon); the large-move buckets hold a few episodes each.

use super::data::DailyClose;
use crate::calendar::Date;
use crate::config::Config;
use crate::engine::scenario::Scenario;
use crate::market::curve::TermStructure;
use serde::{Deserialize, Serialize};

/// Horizons the calibration view offers, trading days.
pub const HORIZONS_TRADING_DAYS: [usize; 4] = [1, 5, 10, 21];

/// One historical window.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// First day of the window.
    pub start: Date,
    /// VIX close on the first day, points.
    pub vix_start: f64,
    /// ln(SPX_end / SPX_start).
    pub spx_log_return: f64,
    /// ln(VIX_end / VIX_start).
    pub vix_log_ratio: f64,
}

/// Every window of `horizon` trading days (rows apart) in `rows`; empty when the horizon is 0
/// or longer than the series.
pub fn pairs(rows: &[DailyClose], horizon: usize) -> Vec<Pair> {
    if horizon == 0 || rows.len() <= horizon {
        return Vec::new();
    }
    rows.iter()
        .zip(&rows[horizon..])
        .map(|(a, b)| Pair {
            start: a.date,
            vix_start: a.vix,
            spx_log_return: (b.spx / a.spx).ln(),
            vix_log_ratio: (b.vix / a.vix).ln(),
        })
        .collect()
}

/// Parameters of the §4.1 link: slopes for falls and rallies, convexity of falls and the
/// level damping exponent k.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkParams {
    pub beta_dn: f64,
    pub beta_up: f64,
    pub convexity: f64,
    /// Level damping exponent: the log response is scaled by (VIX_ref / 16)^(-k).
    pub k: f64,
}

impl LinkParams {
    /// The link parameters of a configuration.
    pub fn of_config(config: &Config) -> LinkParams {
        LinkParams {
            beta_dn: config.scenario.beta_dn,
            beta_up: config.scenario.beta_up,
            convexity: config.scenario.convexity,
            k: config.scenario.level_damping,
        }
    }

    /// The engine's scenario with these link parameters (the rest of the scenario does not
    /// enter the link's log response).
    pub fn scenario(&self) -> Scenario {
        link_scenario(self.beta_dn, self.beta_up, self.convexity, self.k)
    }
}

/// The engine's scenario with the link's slope and convexity set (the rest of the scenario
/// does not enter g(x)).
fn link_scenario(beta_dn: f64, beta_up: f64, convexity: f64, k: f64) -> Scenario {
    let mut cfg = Config::defaults_for(
        Date::from_ymd(2026, 1, 2).unwrap_or(Date::from_ymd_clamped(2026, 1, 2)),
    );
    cfg.scenario.beta_dn = beta_dn;
    cfg.scenario.beta_up = beta_up;
    cfg.scenario.convexity = convexity;
    cfg.scenario.level_damping = k;
    let curve = TermStructure::fit(cfg.market.vix, &[]);
    Scenario::new(&cfg, curve)
}

/// The link's predicted ln(VIX_h / VIX_ref) for an SPX log return `x` from a VIX of
/// `vix_ref` points: g(x) (VIX_ref / 16)^(-k), with g from the engine's
/// [`Scenario::log_vix_response`] and [`Scenario::damping`] (spec §4.1; the clamp to
/// 9-150 is not applied here). For many points, build [`LinkParams::scenario`] once and
/// call [`scenario_log_ratio`].
pub fn link_log_ratio(p: &LinkParams, x: f64, vix_ref: f64) -> f64 {
    scenario_log_ratio(&p.scenario(), x, vix_ref)
}

/// [`link_log_ratio`] with the scenario built.
pub fn scenario_log_ratio(sc: &Scenario, x: f64, vix_ref: f64) -> f64 {
    sc.log_vix_response(x) * sc.damping(vix_ref)
}

/// g(x) is linear in (beta_dn, beta_up, convexity): its value at the three unit parameter
/// sets, from the engine's scenario.
struct Basis([Scenario; 3]);

impl Basis {
    fn new() -> Basis {
        Basis([
            link_scenario(1.0, 0.0, 0.0, 0.0),
            link_scenario(0.0, 1.0, 0.0, 0.0),
            link_scenario(0.0, 0.0, 1.0, 0.0),
        ])
    }
    fn at(&self, x: f64) -> [f64; 3] {
        [
            self.0[0].log_vix_response(x),
            self.0[1].log_vix_response(x),
            self.0[2].log_vix_response(x),
        ]
    }
}

/// A least-squares fit of the link to pairs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkFit {
    pub params: LinkParams,
    /// Standard errors of beta_dn, beta_up, convexity at the fitted k (pairs taken as
    /// independent: an understatement for overlapping windows).
    pub std_errors: [f64; 3],
    /// Root-mean-square error of the VIX log ratio at the fit.
    pub rmse: f64,
    /// RMSE of the same pairs at the parameters compared against (e.g. the configuration's).
    pub rmse_at_reference: f64,
    /// Pairs used.
    pub n: usize,
}

/// Why a fit cannot be made.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("only {0} pairs: at least 10 are needed for a fit")]
    TooFewPairs(usize),
    #[error("the pairs do not determine the parameters (all SPX moves of one sign?)")]
    Singular,
}

/// Solves the 3x3 system a x = b by Cramer's rule; None when singular.
fn solve3(a: [[f64; 3]; 3], b: [f64; 3]) -> Option<([f64; 3], [[f64; 3]; 3])> {
    let det = |m: [[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(a);
    let scale = a[0][0].abs().max(a[1][1].abs()).max(a[2][2].abs());
    if !(d.is_finite() && d.abs() > 1e-12 * scale.powi(3)) {
        return None;
    }
    let mut x = [0.0; 3];
    for (j, xj) in x.iter_mut().enumerate() {
        let mut m = a;
        for i in 0..3 {
            m[i][j] = b[i];
        }
        *xj = det(m) / d;
    }
    // Inverse, column by column, for the standard errors.
    let mut inv = [[0.0; 3]; 3];
    for c in 0..3 {
        let mut e = [0.0; 3];
        e[c] = 1.0;
        for j in 0..3 {
            let mut m = a;
            for i in 0..3 {
                m[i][j] = e[i];
            }
            inv[j][c] = det(m) / d;
        }
    }
    Some((x, inv))
}

/// Linear least squares of (beta_dn, beta_up, convexity) at a fixed k: (params, sse, inverse
/// normal matrix).
fn fit_at_k(basis: &Basis, pairs: &[Pair], k: f64) -> Option<([f64; 3], f64, [[f64; 3]; 3])> {
    let mut a = [[0.0; 3]; 3];
    let mut b = [0.0; 3];
    let damped = link_scenario(0.0, 0.0, 0.0, k);
    let rows: Vec<([f64; 3], f64)> = pairs
        .iter()
        .map(|p| {
            let d = damped.damping(p.vix_start);
            let g = basis.at(p.spx_log_return);
            ([g[0] * d, g[1] * d, g[2] * d], p.vix_log_ratio)
        })
        .collect();
    for (x, y) in &rows {
        for i in 0..3 {
            b[i] += x[i] * y;
            for j in 0..3 {
                a[i][j] += x[i] * x[j];
            }
        }
    }
    let (beta, inv) = solve3(a, b)?;
    let sse: f64 = rows
        .iter()
        .map(|(x, y)| {
            let r = y - (beta[0] * x[0] + beta[1] * x[1] + beta[2] * x[2]);
            r * r
        })
        .sum();
    Some((beta, sse, inv))
}

/// Range of the damping exponent k searched by [`fit_link`].
pub const K_RANGE: (f64, f64) = (0.0, 2.0);

/// Least-squares fit of beta_dn, beta_up and convexity (closed form for each k) and of k
/// (golden-section search over [`K_RANGE`], or held at `fixed_k`) to the pairs; the
/// residual is in VIX log ratio. `reference` is also scored on the same pairs.
pub fn fit_link(
    pairs: &[Pair],
    fixed_k: Option<f64>,
    reference: &LinkParams,
) -> Result<LinkFit, FitError> {
    if pairs.len() < 10 {
        return Err(FitError::TooFewPairs(pairs.len()));
    }
    let basis = Basis::new();
    let sse_of = |k: f64| fit_at_k(&basis, pairs, k).map_or(f64::INFINITY, |f| f.1);
    let k = match fixed_k {
        Some(k) => k,
        None => {
            let (mut a, mut b) = K_RANGE;
            let g = 0.5 * (5f64.sqrt() - 1.0);
            for _ in 0..60 {
                let c = b - g * (b - a);
                let d = a + g * (b - a);
                if sse_of(c) < sse_of(d) {
                    b = d;
                } else {
                    a = c;
                }
            }
            0.5 * (a + b)
        }
    };
    let (beta, sse, inv) = fit_at_k(&basis, pairs, k).ok_or(FitError::Singular)?;
    let n = pairs.len();
    let dof = (n.saturating_sub(if fixed_k.is_some() { 3 } else { 4 })).max(1) as f64;
    let sigma2 = sse / dof;
    let se = |i: usize| (sigma2 * inv[i][i]).max(0.0).sqrt();
    let ref_sc = reference.scenario();
    let ref_sse: f64 = pairs
        .iter()
        .map(|p| {
            let r = p.vix_log_ratio - scenario_log_ratio(&ref_sc, p.spx_log_return, p.vix_start);
            r * r
        })
        .sum();
    Ok(LinkFit {
        params: LinkParams {
            beta_dn: beta[0],
            beta_up: beta[1],
            convexity: beta[2],
            k,
        },
        std_errors: [se(0), se(1), se(2)],
        rmse: (sse / n as f64).sqrt(),
        rmse_at_reference: (ref_sse / n as f64).sqrt(),
        n,
    })
}

/// Pairs whose starting VIX lies in [lo, hi) points.
pub fn starting_in(pairs: &[Pair], lo: f64, hi: f64) -> Vec<Pair> {
    pairs
        .iter()
        .copied()
        .filter(|p| p.vix_start >= lo && p.vix_start < hi)
        .collect()
}

/// The starting-VIX levels the bands are split by, points: [12, 20), [20, 30), [30, inf).
pub const VIX_LEVELS: [(f64, f64); 3] = [(12.0, 20.0), (20.0, 30.0), (30.0, f64::INFINITY)];

/// Linear-interpolation quantile (type 7) of sorted values; NaN when empty.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Median and 10-90% band of some values.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub n: usize,
    pub p10: f64,
    pub median: f64,
    pub p90: f64,
}

impl Band {
    /// Band of `values` (NaN figures when empty).
    pub fn of(mut values: Vec<f64>) -> Band {
        values.sort_by(f64::total_cmp);
        Band {
            n: values.len(),
            p10: quantile_sorted(&values, 0.1),
            median: quantile_sorted(&values, 0.5),
            p90: quantile_sorted(&values, 0.9),
        }
    }
}

/// One bucket of SPX log returns and the VIX log ratios in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BucketBand {
    /// Starting VIX range, points ([lo, hi)).
    pub vix_range: (f64, f64),
    /// SPX log-return range ([lo, hi)).
    pub return_range: (f64, f64),
    /// Band of ln(VIX_end / VIX_start).
    pub log_ratio: Band,
}

/// Conditional median and 10-90% band of the VIX log ratio per SPX log-return bucket of
/// width `bucket_width`, for each starting-VIX level of [`VIX_LEVELS`]; buckets with fewer
/// than `min_count` pairs are left out.
pub fn conditional_bands(pairs: &[Pair], bucket_width: f64, min_count: usize) -> Vec<BucketBand> {
    let mut out = Vec::new();
    if bucket_width.is_nan() || bucket_width <= 0.0 {
        return out;
    }
    for &(lo, hi) in &VIX_LEVELS {
        let sub = starting_in(pairs, lo, hi);
        let mut buckets: std::collections::BTreeMap<i64, Vec<f64>> = Default::default();
        for p in &sub {
            let b = (p.spx_log_return / bucket_width).floor();
            if b.is_finite() && b.abs() < 1e6 {
                buckets.entry(b as i64).or_default().push(p.vix_log_ratio);
            }
        }
        for (b, ys) in buckets {
            if ys.len() >= min_count.max(1) {
                out.push(BucketBand {
                    vix_range: (lo, hi),
                    return_range: (b as f64 * bucket_width, (b + 1) as f64 * bucket_width),
                    log_ratio: Band::of(ys),
                });
            }
        }
    }
    out
}

/// The bucket rule of [`vix_after_move`]: start VIX in [12, 20] points, a window of 10
/// trading days, the SPX simple return within +/-1% of the move, widened to +/-2% when fewer
/// than 5 windows fall inside; each window's end VIX scaled to the reference level,
/// VIX_ref x VIX_end / VIX_start (so all starts count as if from VIX_ref).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoveRule {
    pub horizon_trading_days: usize,
    pub vix_start_range: (f64, f64),
    pub half_width: f64,
    pub wide_half_width: f64,
    pub min_count: usize,
}

impl Default for MoveRule {
    fn default() -> Self {
        MoveRule {
            horizon_trading_days: 10,
            vix_start_range: (12.0, 20.0),
            half_width: 0.01,
            wide_half_width: 0.02,
            min_count: 5,
        }
    }
}

/// History's VIX after one SPX move.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoveBand {
    /// SPX simple return over the window (-0.10 = -10%).
    pub spx_move: f64,
    /// Half-width of the return bucket used.
    pub half_width: f64,
    /// VIX after the move scaled to the reference level, points.
    pub vix: Band,
}

/// History's VIX median and 10-90% band after each SPX move of `moves` (simple returns), from
/// a reference VIX of `vix_ref` points, by `rule` (spec §4.1's check of the link; issue 17's
/// band on the P/L chart). A move with no window gives n = 0 and NaN figures.
pub fn vix_after_move(
    rows: &[DailyClose],
    moves: &[f64],
    vix_ref: f64,
    rule: &MoveRule,
) -> Vec<MoveBand> {
    let h = rule.horizon_trading_days;
    let (lo, hi) = rule.vix_start_range;
    let windows: Vec<(f64, f64)> = if h == 0 || rows.len() <= h {
        Vec::new()
    } else {
        rows.iter()
            .zip(&rows[h..])
            .filter(|(a, _)| a.vix >= lo && a.vix <= hi)
            .map(|(a, b)| (b.spx / a.spx - 1.0, vix_ref * b.vix / a.vix))
            .collect()
    };
    let pick = |m: f64, w: f64| -> Vec<f64> {
        windows
            .iter()
            .filter(|(r, _)| (r - m).abs() <= w)
            .map(|&(_, v)| v)
            .collect()
    };
    moves
        .iter()
        .map(|&m| {
            let mut w = rule.half_width;
            let mut vs = pick(m, w);
            if vs.len() < rule.min_count {
                w = rule.wide_half_width;
                vs = pick(m, w);
            }
            MoveBand {
                spx_move: m,
                half_width: w,
                vix: Band::of(vs),
            }
        })
        .collect()
}

/// The moves of the scenario-versus-history table, SPX simple returns.
pub const TABLE_MOVES: [f64; 8] = [-0.20, -0.15, -0.10, -0.05, -0.03, 0.03, 0.05, 0.10];

/// One row of the scenario-versus-history table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioVsHistory {
    pub spx_move: f64,
    /// The configuration's scenario VIX at S0 (1 + move), 14 calendar days out, points.
    pub scenario_vix: f64,
    /// History's band, scaled to the configuration's VIX.
    pub history: MoveBand,
}

/// The configuration's scenario VIX against history's (rule: [`MoveRule::default`], scaled
/// to the configuration's VIX) for each move of [`TABLE_MOVES`].
pub fn scenario_vs_history(
    config: &Config,
    rows: &[DailyClose],
) -> Result<Vec<ScenarioVsHistory>, crate::ConfigErrors> {
    let model = crate::engine::model::Model::build(config)?;
    let sc = &model.scenario;
    let hist = vix_after_move(rows, &TABLE_MOVES, config.market.vix, &MoveRule::default());
    Ok(TABLE_MOVES
        .iter()
        .zip(hist)
        .map(|(&m, history)| ScenarioVsHistory {
            spx_move: m,
            scenario_vix: sc.vix_at(sc.s0 * (1.0 + m), 14.0 / 365.0),
            history,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synthetic(params: &LinkParams) -> Vec<Pair> {
        // Moves from -20% to +10% at three VIX levels, exactly on the link.
        let mut out = Vec::new();
        let d = Date::from_ymd(2000, 1, 3).unwrap();
        for i in 0..=60 {
            let x = -0.2 + 0.3 * i as f64 / 60.0;
            for v in [12.0, 18.0, 30.0, 45.0] {
                out.push(Pair {
                    start: d,
                    vix_start: v,
                    spx_log_return: x,
                    vix_log_ratio: link_log_ratio(params, x, v),
                });
            }
        }
        out
    }

    #[test]
    fn the_fit_recovers_known_parameters_with_k() {
        let truth = LinkParams {
            beta_dn: 6.5,
            beta_up: 3.0,
            convexity: 4.0,
            k: 0.85,
        };
        let reference = LinkParams { k: 0.0, ..truth };
        let fit = fit_link(&synthetic(&truth), None, &reference).unwrap();
        let p = fit.params;
        assert!((p.beta_dn - 6.5).abs() < 1e-3, "{p:?}");
        assert!((p.beta_up - 3.0).abs() < 1e-3, "{p:?}");
        assert!((p.convexity - 4.0).abs() < 1e-2, "{p:?}");
        assert!((p.k - 0.85).abs() < 1e-3, "{p:?}");
        assert!(fit.rmse < 1e-6 && fit.rmse_at_reference > 0.01, "{fit:?}");
    }

    #[test]
    fn too_few_pairs_is_an_error() {
        let p = LinkParams {
            beta_dn: 1.0,
            beta_up: 1.0,
            convexity: 0.0,
            k: 0.0,
        };
        assert_eq!(
            fit_link(&synthetic(&p)[..4], None, &p),
            Err(FitError::TooFewPairs(4))
        );
    }

    #[test]
    fn quantiles_interpolate() {
        let b = Band::of(vec![5.0, 1.0, 3.0, 2.0, 4.0]);
        assert_eq!((b.n, b.median), (5, 3.0));
        assert!((b.p10 - 1.4).abs() < 1e-12 && (b.p90 - 4.6).abs() < 1e-12);
        assert!(Band::of(Vec::new()).median.is_nan());
    }
}
