//! The program backtest as a job for a Web Worker: what the page sends ([`BacktestJob`]), what
//! the worker answers ([`WorkerReply`]), the whole computation ([`run_job`]: parse the CSV,
//! build the program from the configuration and the settings, run it) and how often progress
//! is worth a message ([`ProgressThrottle`]). No web dependency: the worker binary
//! (`src/bin/alvh_worker.rs`) and the page (`src/ui/history_worker.rs`) only move these values
//! across `postMessage`, and the native tests check them here.

use super::backtest::{self, Backtest, CurveStats, ProgramSettings, Progress, YearRow};
use super::data::parse_history_csv;
use super::replay::HistoryError;
use crate::calendar::Date;
use crate::config::Config;
use serde::{Deserialize, Serialize};

/// A backtest request: the `date,spx,vix` CSV text, the configuration that places each trade,
/// and the program settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BacktestJob {
    pub csv: String,
    pub config: Config,
    pub settings: ProgramSettings,
}

/// A message from the worker to the page. Externally tagged (`{"progress": {...}}`, `"ready"`):
/// an internally tagged enum would make the page buffer every reply through serde's generic
/// `Content` before reading it, about 15 KB more wasm in the page's first load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerReply {
    /// The worker's module is initialised and listens: the page may send the job.
    Ready,
    /// Entries processed so far out of the total (done = 0 before the first entry).
    Progress { done: usize, total: usize },
    /// The finished backtest, and the worker's time to compute it (parse the CSV and run),
    /// ms, as its own clock measured it.
    Done {
        backtest: Box<Backtest>,
        compute_ms: f64,
    },
    /// Why the run could not be made, in the user's terms.
    Failed { message: String },
}

/// [`WorkerReply`] as the page reads it: the same messages, with the backtest read as a
/// [`BacktestView`] (what the panel shows), so the page's first-load wasm carries no decoder
/// for the trade list it does not show.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageReply {
    Ready,
    Progress {
        done: usize,
        total: usize,
    },
    Done {
        backtest: Box<BacktestView>,
        compute_ms: f64,
    },
    Failed {
        message: String,
    },
}

/// The parts of a [`Backtest`] the backtest panel shows; the trade and skip lists are counted,
/// not decoded.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BacktestView {
    /// Number of trades.
    pub trades: Count,
    /// Number of entries skipped.
    pub skipped: Count,
    /// (date, condor-only daily P/L $, combined daily P/L $).
    pub daily: Vec<(Date, f64, f64)>,
    pub years: Vec<YearRow>,
    pub condor: CurveStats,
    pub combined: CurveStats,
    pub hedge_cost_share_of_credit: f64,
    pub capital: f64,
    pub note: String,
}

/// The length of a serialized list, read without decoding its elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count(pub usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        struct Counter;
        impl<'de> serde::de::Visitor<'de> for Counter {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(Counter)
    }
}

/// At most this many CSV errors are quoted in a failure message (the rest are counted).
const QUOTED_CSV_ERRORS: usize = 3;

/// Runs the job: parses the CSV, derives the program from the configuration and the settings,
/// and runs the backtest. `on_progress` is called with (0, total) before the first entry and
/// after each entry; returning false cancels. Errors are sentences a user can act on (CSV
/// errors quote their line numbers).
pub fn run_job(
    job: &BacktestJob,
    on_progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<Backtest, String> {
    let rows = parse_history_csv(&job.csv).map_err(|errs| {
        let mut quoted: Vec<String> = errs
            .iter()
            .take(QUOTED_CSV_ERRORS)
            .map(|e| e.to_string())
            .collect();
        if errs.len() > QUOTED_CSV_ERRORS {
            quoted.push(format!(
                "and {} more problems",
                errs.len() - QUOTED_CSV_ERRORS
            ));
        }
        format!("The history data cannot be read: {}", quoted.join("; "))
    })?;
    let params = job
        .settings
        .params(&job.config, &rows)
        .map_err(|e| format!("The program cannot be set up: {e}"))?;
    let total = backtest::entry_days(
        &rows,
        params.placement.expiry_kind,
        params.first_entry,
        params.last_entry,
    )
    .len();
    if !on_progress(Progress { done: 0, total }) {
        return Err(HistoryError::Cancelled { done: 0, total }.to_string());
    }
    backtest::run(&rows, &params, on_progress).map_err(|e| match e {
        HistoryError::Cancelled { .. } => e.to_string(),
        other => format!("The backtest failed: {other}"),
    })
}

/// Decides which progress reports are worth a message: the first, the last, and then at most
/// one per `min_interval_ms` (a message per entry would flood the page with ~1,900 messages
/// on a weekly run).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProgressThrottle {
    /// Shortest time between two messages, ms.
    pub min_interval_ms: f64,
    last_sent_ms: Option<f64>,
}

impl ProgressThrottle {
    /// A throttle that lets a message through at most every `min_interval_ms` milliseconds.
    pub fn new(min_interval_ms: f64) -> ProgressThrottle {
        ProgressThrottle {
            min_interval_ms,
            last_sent_ms: None,
        }
    }

    /// Whether to send `progress` at time `now_ms` (any monotonic clock, ms); records it as
    /// sent when so.
    pub fn should_send(&mut self, progress: Progress, now_ms: f64) -> bool {
        let due = match self.last_sent_ms {
            None => true,
            Some(last) => now_ms - last >= self.min_interval_ms,
        };
        if due || progress.done >= progress.total {
            self.last_sent_ms = Some(now_ms);
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(days: usize) -> String {
        let mut d = Date::from_ymd(2021, 1, 4).unwrap();
        let mut out = String::from("date,spx,vix\n");
        let mut n = 0;
        while n < days {
            if crate::calendar::expiry::is_business_day(d) {
                out.push_str(&format!("{d},4000,16\n"));
                n += 1;
            }
            d = d.add_days(1);
        }
        out
    }

    fn job(text: String) -> BacktestJob {
        BacktestJob {
            csv: text,
            config: Config::defaults_for(Date::from_ymd(2026, 11, 24).unwrap()),
            settings: ProgramSettings::default(),
        }
    }

    #[test]
    fn the_job_and_the_replies_survive_a_json_round_trip() {
        let j = job(csv(5));
        let back: BacktestJob = serde_json::from_str(&serde_json::to_string(&j).unwrap()).unwrap();
        assert_eq!(back, j);
        for reply in [
            WorkerReply::Ready,
            WorkerReply::Progress { done: 3, total: 9 },
            WorkerReply::Failed {
                message: "no".into(),
            },
        ] {
            let text = serde_json::to_string(&reply).unwrap();
            assert_eq!(serde_json::from_str::<WorkerReply>(&text).unwrap(), reply);
        }
        assert_eq!(
            serde_json::to_string(&WorkerReply::Progress { done: 1, total: 2 }).unwrap(),
            r#"{"progress":{"done":1,"total":2}}"#
        );
    }

    #[test]
    fn the_page_reads_a_finished_backtest_as_its_view() {
        let bt = run_job(&job(csv(130)), &mut |_| true).unwrap();
        let text = serde_json::to_string(&WorkerReply::Done {
            backtest: Box::new(bt.clone()),
            compute_ms: 12.5,
        })
        .unwrap();
        let PageReply::Done {
            backtest: view,
            compute_ms,
        } = serde_json::from_str::<PageReply>(&text).unwrap()
        else {
            panic!("not a Done reply");
        };
        assert_eq!(compute_ms, 12.5);
        assert_eq!(view.trades, Count(bt.trades.len()));
        assert!(view.trades.0 > 0);
        assert_eq!(view.skipped, Count(bt.skipped.len()));
        assert_eq!((view.daily, view.years), (bt.daily, bt.years));
        assert_eq!((view.condor, view.combined), (bt.condor, bt.combined));
        assert_eq!(view.note, bt.note);
        let p = serde_json::to_string(&WorkerReply::Progress { done: 4, total: 7 }).unwrap();
        assert_eq!(
            serde_json::from_str::<PageReply>(&p).unwrap(),
            PageReply::Progress { done: 4, total: 7 }
        );
    }

    #[test]
    fn a_flat_series_runs_and_reports_progress_from_zero_to_the_total() {
        let j = job(csv(130));
        let mut seen = Vec::new();
        let bt = run_job(&j, &mut |p| {
            seen.push((p.done, p.total));
            true
        })
        .unwrap();
        let total = seen[0].1;
        assert_eq!(seen.first(), Some(&(0, total)));
        assert_eq!(seen.last(), Some(&(total, total)));
        assert!(seen.windows(2).all(|w| w[1].0 == w[0].0 + 1));
        assert_eq!(bt.trades.len() + bt.skipped.len(), total);
        // The daily P/L adds up to the trades' P/L (combined = condor + hedge).
        let daily: f64 = bt.daily.iter().map(|d| d.2).sum();
        let trades: f64 = bt.trades.iter().map(|t| t.condor_pnl + t.hedge_pnl).sum();
        assert!((daily - trades).abs() < 1e-6, "{daily} vs {trades}");
    }

    #[test]
    fn cancelling_says_how_far_the_run_got() {
        let j = job(csv(130));
        let e = run_job(&j, &mut |p| p.done < 2).unwrap_err();
        assert!(e.starts_with("cancelled after 2 of "), "{e}");
        let e = run_job(&j, &mut |_| false).unwrap_err();
        assert!(e.starts_with("cancelled after 0 of "), "{e}");
    }

    #[test]
    fn bad_csv_and_bad_settings_fail_in_user_terms() {
        let mut text = csv(10);
        for i in 0..5 {
            text.push_str(&format!("2030-01-0{},x,16\n", i + 1));
        }
        let e = run_job(&job(text), &mut |_| true).unwrap_err();
        assert!(
            e.starts_with("The history data cannot be read: line 12"),
            "{e}"
        );
        assert!(e.ends_with("and 2 more problems"), "{e}");
        let mut j = job(csv(30));
        j.settings.profit_target = Some(-1.0);
        let e = run_job(&j, &mut |_| true).unwrap_err();
        assert!(
            e.contains("profit target must be a positive multiple"),
            "{e}"
        );
    }

    #[test]
    fn the_throttle_sends_the_first_the_last_and_one_per_interval() {
        let mut t = ProgressThrottle::new(50.0);
        let p = |done| Progress { done, total: 10 };
        assert!(t.should_send(p(0), 0.0));
        assert!(!t.should_send(p(1), 10.0));
        assert!(!t.should_send(p(2), 49.9));
        assert!(t.should_send(p(3), 50.0));
        assert!(!t.should_send(p(4), 60.0));
        assert!(t.should_send(p(10), 61.0), "the last is always sent");
    }
}
