//! What the History view shows, computed from the series and the configuration: the replay
//! a user asked for (episode or start date, with the errors worded for the fields), its table
//! as TSV, and the calibration figures for one horizon (pairs, fits, bands, link curves).
//! No web dependency: the page calls these, and the native tests check them.

use super::calibrate::{self, BucketBand, LinkFit, LinkParams, Pair};
use super::data::DailyClose;
use super::replay::{self, Placement, Replay};
use crate::calendar::Date;
use crate::config::Config;
use std::fmt::Write as _;

/// Why a replay request cannot be shown, and which field of the view it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplayInputError {
    /// `"episode"`, `"start"`, `"trading_days"`, or `"placement"` (the configuration cannot
    /// be placed that day).
    pub field: &'static str,
    pub message: String,
}

impl ReplayInputError {
    fn new(field: &'static str, message: impl Into<String>) -> Self {
        ReplayInputError {
            field,
            message: message.into(),
        }
    }
}

/// Replays the configuration's position for a named `episode` (its start date; `days` or,
/// when `days` is `None`, the episode's own length) or, without one, from `start` for `days`
/// trading days (0: to the condor's expiry), as `alvh replay` does.
pub fn replay_for(
    rows: &[DailyClose],
    config: &Config,
    episode: Option<&str>,
    start: Option<Date>,
    days: Option<usize>,
) -> Result<Replay, ReplayInputError> {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Err(ReplayInputError::new("start", "the series has no rows"));
    };
    let (start, days) = match episode {
        Some(id) => {
            let e = replay::episode(id).ok_or_else(|| {
                ReplayInputError::new("episode", format!("no episode is named {id:?}"))
            })?;
            (e.start, days.unwrap_or(e.trading_days))
        }
        None => {
            let start = start
                .ok_or_else(|| ReplayInputError::new("start", "give a start date (YYYY-MM-DD)"))?;
            (start, days.unwrap_or(0))
        }
    };
    let field = if episode.is_some() {
        "episode"
    } else {
        "start"
    };
    if start < first.date {
        return Err(ReplayInputError::new(
            field,
            format!(
                "{start} is before the series, which starts on {}",
                first.date
            ),
        ));
    }
    if start > last.date {
        return Err(ReplayInputError::new(
            field,
            format!("{start} is after the series, which ends on {}", last.date),
        ));
    }
    if days > crate::codec::history_link::MAX_REPLAY_TRADING_DAYS {
        return Err(ReplayInputError::new(
            "trading_days",
            "at most 5000 trading days (0: to the condor's expiry)",
        ));
    }
    let placement = Placement::from_config(config)
        .map_err(|e| ReplayInputError::new("placement", e.to_string()))?;
    replay::replay(rows, &placement, start, days).map_err(|e| {
        let field = match e {
            replay::HistoryError::NoDataAfter(_) => field,
            _ => "placement",
        };
        ReplayInputError::new(field, e.to_string())
    })
}

/// The replay's table as tab-separated text (a header line, then one line per day; $ to the
/// cent, index points to two decimals), for the clipboard.
pub fn replay_tsv(r: &Replay) -> String {
    let mut s = String::from(
        "date\tSPX close\tVIX close\tcondor P/L ($)\thedge P/L ($)\tcombined P/L ($)\n",
    );
    for x in &r.rows {
        let _ = writeln!(
            s,
            "{}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}",
            x.date, x.spx, x.vix, x.condor, x.hedge, x.combined
        );
    }
    s
}

/// The calibration view's figures for one horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    /// Trading days per window.
    pub horizon: usize,
    /// Every window of the series.
    pub pairs: Vec<Pair>,
    /// Starting-VIX level the fits are made on, points ([lo, hi)).
    pub level: (f64, f64),
    /// Least-squares fit of the link on the windows starting in `level`, k searched over
    /// [`calibrate::K_RANGE`].
    pub fit: Result<LinkFit, String>,
    /// The same with k held at the configuration's value.
    pub fit_k_held: Result<LinkFit, String>,
    /// Width of the SPX log-return buckets of `bands`.
    pub bucket_width: f64,
    /// Median and 10-90% band of the VIX log ratio per bucket and starting VIX level
    /// (buckets of fewer than [`MIN_BUCKET_PAIRS`] windows left out).
    pub bands: Vec<BucketBand>,
}

/// Fewest windows for a bucket's band to be shown.
pub const MIN_BUCKET_PAIRS: usize = 20;

/// Bucket width for a horizon: 0.5% of log return per sqrt(trading day), so wider windows
/// (wider spreads of returns) get proportionally wider buckets.
pub fn bucket_width(horizon: usize) -> f64 {
    0.005 * (horizon.max(1) as f64).sqrt()
}

/// The calibration figures for `horizon` trading days: every window, the fits on the windows
/// starting at a VIX in `level` (the link's response depends on the starting level, and one
/// fit over all levels can need a negative convexity, which the scenario does not take),
/// scored against `reference` (the configuration's link).
pub fn calibration(
    rows: &[DailyClose],
    horizon: usize,
    reference: &LinkParams,
    level: (f64, f64),
) -> Calibration {
    let pairs = calibrate::pairs(rows, horizon);
    let fitted = calibrate::starting_in(&pairs, level.0, level.1);
    let fit = calibrate::fit_link(&fitted, None, reference).map_err(|e| e.to_string());
    let fit_k_held =
        calibrate::fit_link(&fitted, Some(reference.k), reference).map_err(|e| e.to_string());
    let width = bucket_width(horizon);
    let bands = calibrate::conditional_bands(&pairs, width, MIN_BUCKET_PAIRS);
    Calibration {
        horizon,
        pairs,
        level,
        fit,
        fit_k_held,
        bucket_width: width,
        bands,
    }
}

/// Link parameters as the scenario accepts them (spec ranges of `config::validate`: β 0-20,
/// convexity 0-500, k 0-3, rounded to 3 decimals), with one sentence per value that had to
/// be moved into its range.
pub fn adoptable(p: &LinkParams) -> (LinkParams, Vec<String>) {
    let mut notes = Vec::new();
    let mut fix = |name: &str, x: f64, lo: f64, hi: f64| {
        let r = (x * 1000.0).round() / 1000.0;
        let c = r.clamp(lo, hi);
        if c != r {
            notes.push(format!("{name} {r} is outside {lo}-{hi}: {c} used"));
        }
        c
    };
    let out = LinkParams {
        beta_dn: fix("β down", p.beta_dn, 0.0, 20.0),
        beta_up: fix("β up", p.beta_up, 0.0, 20.0),
        convexity: fix("convexity", p.convexity, 0.0, 500.0),
        k: fix("k", p.k, 0.0, 3.0),
    };
    (out, notes)
}

/// The VIX a starting level's curve is drawn from: the middle of [lo, hi), or 15% above `lo`
/// for the open top level.
pub fn level_reference_vix(level: (f64, f64)) -> f64 {
    if level.1.is_finite() {
        0.5 * (level.0 + level.1)
    } else {
        level.0 * 1.15
    }
}

/// The link's ln(VIX_end / VIX_start) at `n` (at least 2) SPX log returns evenly spaced over
/// `[x_lo, x_hi]`, from a starting VIX of `vix_ref` points (spec §4.1, without the 9-150
/// clamp).
pub fn link_curve(
    params: &LinkParams,
    vix_ref: f64,
    x_lo: f64,
    x_hi: f64,
    n: usize,
) -> Vec<(f64, f64)> {
    let sc = params.scenario();
    let n = n.max(2);
    (0..n)
        .map(|i| {
            let x = x_lo + (x_hi - x_lo) * i as f64 / (n - 1) as f64;
            (x, calibrate::scenario_log_ratio(&sc, x, vix_ref))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Vec<DailyClose> {
        super::super::parse_history_csv(include_str!("../../assets/history/spx_vix_daily.csv"))
            .expect("the shipped series parses")
    }

    fn config() -> Config {
        Config::defaults_for(Date::from_ymd(2026, 11, 24).expect("date"))
    }

    #[test]
    fn the_march_2020_episode_replays_with_its_table() {
        let rows = shipped();
        let r = replay_for(&rows, &config(), Some("2020-03"), None, None).expect("replays");
        assert_eq!(r.rows[0].date.to_string(), "2020-02-19");
        assert!(r.rows.len() > 10);
        let tsv = replay_tsv(&r);
        assert_eq!(tsv.lines().count(), r.rows.len() + 1);
        assert!(tsv
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("2020-02-19\t3386.15\t"));
        assert!(r.worst_day.is_some());
    }

    #[test]
    fn dates_outside_the_series_are_field_errors() {
        let rows = shipped();
        let before = Date::from_ymd(1980, 1, 2);
        let e = replay_for(&rows, &config(), None, before, Some(20)).unwrap_err();
        assert_eq!(e.field, "start");
        assert!(e.message.contains("before the series"), "{}", e.message);
        let after = Date::from_ymd(2099, 1, 2);
        let e = replay_for(&rows, &config(), None, after, Some(20)).unwrap_err();
        assert!(e.message.contains("after the series"), "{}", e.message);
        let e = replay_for(&rows, &config(), Some("1929-10"), None, None).unwrap_err();
        assert_eq!(e.field, "episode");
        let e = replay_for(&rows, &config(), None, None, None).unwrap_err();
        assert_eq!(e.field, "start");
    }

    #[test]
    fn the_calibration_fits_the_shipped_series() {
        let rows = shipped();
        let c = config();
        let reference = LinkParams::of_config(&c);
        let cal = calibration(&rows, 10, &reference, (12.0, 20.0));
        assert_eq!(cal.pairs.len(), rows.len() - 10);
        let fit = cal.fit.as_ref().expect("a fit");
        // A least-squares fit cannot score worse than the parameters it is compared with.
        assert!(fit.rmse <= fit.rmse_at_reference + 1e-12);
        assert!(fit.params.beta_dn > 0.0, "VIX rises when SPX falls");
        let held = cal.fit_k_held.as_ref().expect("a fit");
        assert_eq!(held.params.k, reference.k);
        assert!(fit.rmse <= held.rmse + 1e-9, "searching k does no worse");
        assert!(!cal.bands.is_empty());
        assert!(cal.bands.iter().all(|b| b.log_ratio.n >= MIN_BUCKET_PAIRS));
        // Fitted on the windows from VIX 12-20 only.
        let from_low = calibrate::starting_in(&cal.pairs, 12.0, 20.0).len();
        assert_eq!(fit.n, from_low);
        let (adopted, notes) = adoptable(&fit.params);
        assert!(notes.is_empty(), "{notes:?}");
        assert!((adopted.beta_dn - fit.params.beta_dn).abs() <= 5e-4);
    }

    #[test]
    fn a_fit_outside_the_scenario_ranges_is_clamped_and_said() {
        let (p, notes) = adoptable(&LinkParams {
            beta_dn: 6.1234,
            beta_up: -0.5,
            convexity: -4.0,
            k: 0.83,
        });
        assert_eq!(
            (p.beta_dn, p.beta_up, p.convexity, p.k),
            (6.123, 0.0, 0.0, 0.83)
        );
        assert_eq!(notes.len(), 2);
        assert!(notes[1].contains("convexity -4"), "{notes:?}");
    }

    #[test]
    fn the_link_curve_is_zero_at_no_move_and_rises_on_falls() {
        let p = LinkParams::of_config(&config());
        let curve = link_curve(&p, 16.0, -0.2, 0.1, 31);
        assert_eq!(curve.len(), 31);
        assert!((curve[0].0 + 0.2).abs() < 1e-12 && (curve[30].0 - 0.1).abs() < 1e-12);
        let at_zero = curve
            .iter()
            .find(|(x, _)| x.abs() < 1e-9)
            .expect("x = 0 sampled");
        assert!(at_zero.1.abs() < 1e-3);
        assert!(curve[0].1 > 0.1);
        assert_eq!(level_reference_vix((12.0, 20.0)), 16.0);
        assert!((level_reference_vix((30.0, f64::INFINITY)) - 34.5).abs() < 1e-12);
    }
}
