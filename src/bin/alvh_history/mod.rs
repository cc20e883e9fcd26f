//! `alvh replay`, `alvh backtest` and `alvh calibrate`: the History view's computations on
//! the command line, writing JSON and CSV for documentation builds.

use alvh::calendar::Date;
use alvh::history::backtest::{self, ProgramParams};
use alvh::history::calibrate::{self, LinkParams};
use alvh::history::data::{self, DailyClose};
use alvh::history::replay::{self, Placement};
use alvh::Config;
use std::fmt::Write as _;
use std::process::ExitCode;

/// The shipped series (assets/history/spx_vix_daily.csv, provenance in its README).
const SHIPPED: &str = include_str!("../../../assets/history/spx_vix_daily.csv");

pub const USAGE: &str = "usage:
  alvh replay   (--episode ID | --start YYYY-MM-DD) [--days N] [COMMON]
  alvh backtest [--weekly] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--dte DAYS]
                [--target X|none] [--stop X|none] [--no-slippage] [--no-hedge] [COMMON]
  alvh calibrate [--horizon DAYS] [COMMON]       (markdown: scenario vs history, the fit)
COMMON: [--config FILE.json | --link URL] [--today YYYY-MM-DD] [--data FILE.csv]
        [--json OUT] [--csv OUT]
episodes: 1998-08 2008-10 2011-08 2015-08 2018-02 2020-03 2022 2024-08 2025-04";

#[derive(Default)]
struct Args {
    config: Option<String>,
    link: Option<String>,
    today: Option<String>,
    data: Option<String>,
    json: Option<String>,
    csv: Option<String>,
    episode: Option<String>,
    start: Option<String>,
    days: Option<usize>,
    weekly: bool,
    from: Option<String>,
    to: Option<String>,
    dte: Option<i64>,
    target: Option<Option<f64>>,
    stop: Option<Option<f64>>,
    no_slippage: bool,
    no_hedge: bool,
    horizon: Option<usize>,
}

fn multiple(v: &str, name: &str) -> Result<Option<f64>, String> {
    if v == "none" {
        return Ok(None);
    }
    alvh::config::decimal::parse_f64(v)
        .filter(|x| *x > 0.0)
        .map(Some)
        .ok_or_else(|| format!("{name} is a positive multiple of the credit or 'none'"))
}

fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args::default();
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--config" => a.config = Some(value("--config")?),
            "--link" => a.link = Some(value("--link")?),
            "--today" => a.today = Some(value("--today")?),
            "--data" => a.data = Some(value("--data")?),
            "--json" => a.json = Some(value("--json")?),
            "--csv" => a.csv = Some(value("--csv")?),
            "--episode" => a.episode = Some(value("--episode")?),
            "--start" => a.start = Some(value("--start")?),
            "--days" => {
                a.days = Some(
                    value("--days")?
                        .parse()
                        .map_err(|_| "--days is a whole number")?,
                )
            }
            "--weekly" => a.weekly = true,
            "--from" => a.from = Some(value("--from")?),
            "--to" => a.to = Some(value("--to")?),
            "--dte" => {
                let v: i64 = value("--dte")?
                    .parse()
                    .map_err(|_| "--dte is a whole number of days")?;
                if !(1..=400).contains(&v) {
                    return Err("--dte must be 1 to 400 days".into());
                }
                a.dte = Some(v);
            }
            "--target" => a.target = Some(multiple(&value("--target")?, "--target")?),
            "--stop" => a.stop = Some(multiple(&value("--stop")?, "--stop")?),
            "--no-slippage" => a.no_slippage = true,
            "--no-hedge" => a.no_hedge = true,
            "--horizon" => {
                a.horizon = Some(
                    value("--horizon")?
                        .parse()
                        .map_err(|_| "--horizon is a whole number of trading days")?,
                )
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if a.config.is_some() && a.link.is_some() {
        return Err("give --config or --link, not both".into());
    }
    Ok(a)
}

fn date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|e| e.to_string())
}

fn rows(a: &Args) -> Result<Vec<DailyClose>, String> {
    let text = match &a.data {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?,
        None => SHIPPED.to_string(),
    };
    data::parse_history_csv(&text).map_err(|errs| {
        errs.iter()
            .map(|e| format!("data: {e}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn write_out(a: &Args, json: String, csv: String) -> Result<(), String> {
    if let Some(path) = &a.csv {
        std::fs::write(path, csv).map_err(|e| format!("{path}: {e}"))?;
    }
    match &a.json {
        Some(path) => std::fs::write(path, json).map_err(|e| format!("{path}: {e}"))?,
        None if a.csv.is_none() => println!("{json}"),
        None => {}
    }
    Ok(())
}

/// (--config, --link, --today) -> the Config, or the exit code when it does not evaluate.
pub type LoadConfig =
    dyn Fn(Option<&str>, Option<&str>, Option<&str>) -> Result<Result<Config, ExitCode>, String>;

/// Runs a history subcommand; `load` turns (--config, --link, --today) into a Config or an
/// exit code (the same decoding as the report command).
pub fn run(
    command: &str,
    args: impl Iterator<Item = String>,
    load: &LoadConfig,
) -> Result<ExitCode, String> {
    let a = parse(args)?;
    let config = match load(a.config.as_deref(), a.link.as_deref(), a.today.as_deref())? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let rows = rows(&a)?;
    let to_json = |v: &dyn erased::Json| v.json();
    match command {
        "replay" => {
            let (start, days) = match (&a.episode, &a.start) {
                (Some(id), None) => {
                    let e = replay::episode(id)
                        .ok_or_else(|| format!("unknown episode {id:?}\n{USAGE}"))?;
                    (e.start, a.days.unwrap_or(e.trading_days))
                }
                (None, Some(s)) => (date(s)?, a.days.unwrap_or(0)),
                _ => {
                    return Err(format!(
                        "replay needs --episode or --start (one of them)\n{USAGE}"
                    ))
                }
            };
            let mut placement = Placement::from_config(&config).map_err(|e| e.to_string())?;
            if a.no_hedge {
                placement.hedge = false;
            }
            if let Some(dte) = a.dte {
                placement.target_dte = dte;
            }
            let r = replay::replay(&rows, &placement, start, days).map_err(|e| e.to_string())?;
            let mut csv = String::from("date,spx,vix,condor_pnl,hedge_pnl,combined_pnl,scenario_vix,scenario_combined_pnl\r\n");
            for x in &r.rows {
                let _ = write!(
                    csv,
                    "{},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2}\r\n",
                    x.date,
                    x.spx,
                    x.vix,
                    x.condor,
                    x.hedge,
                    x.combined,
                    x.scenario_vix,
                    x.scenario_combined
                );
            }
            write_out(&a, to_json(&r)?, csv)?;
        }
        "backtest" => {
            let first = a
                .from
                .as_deref()
                .map(date)
                .transpose()?
                .unwrap_or(rows[0].date);
            let last =
                a.to.as_deref()
                    .map(date)
                    .transpose()?
                    .unwrap_or(rows[rows.len() - 1].date);
            let mut p = ProgramParams::from_config(&config, a.weekly, first, last)
                .map_err(|e| e.to_string())?;
            if let Some(dte) = a.dte {
                p.placement.target_dte = dte;
            }
            if let Some(t) = a.target {
                p.profit_target = t;
            }
            if let Some(s) = a.stop {
                p.stop_loss = s;
            }
            p.slippage = !a.no_slippage;
            p.placement.hedge = !a.no_hedge;
            let bt = backtest::run(&rows, &p, &mut |_| true).map_err(|e| e.to_string())?;
            let mut csv = String::from(
                "date,condor_pnl,combined_pnl,condor_cumulative,combined_cumulative\r\n",
            );
            let (mut c, mut k) = (0.0, 0.0);
            for &(d, dc, dk) in &bt.daily {
                c += dc;
                k += dk;
                let _ = write!(csv, "{d},{dc:.2},{dk:.2},{c:.2},{k:.2}\r\n");
            }
            write_out(&a, to_json(&bt)?, csv)?;
        }
        "calibrate" => {
            let text = calibration_markdown(&config, &rows, a.horizon.unwrap_or(10))?;
            match &a.json {
                Some(path) => std::fs::write(path, &text).map_err(|e| format!("{path}: {e}"))?,
                None => print!("{text}"),
            }
        }
        _ => return Err(USAGE.into()),
    }
    Ok(ExitCode::SUCCESS)
}

mod erased {
    /// Serialize to pretty JSON through a trait object.
    pub trait Json {
        fn json(&self) -> Result<String, String>;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> Result<String, String> {
            serde_json::to_string_pretty(self).map_err(|e| e.to_string())
        }
    }
}

fn fmt_band(b: &calibrate::Band) -> String {
    if b.n == 0 {
        "no window".into()
    } else {
        format!("{:.1} ({:.1}-{:.1}, n={})", b.median, b.p10, b.p90, b.n)
    }
}

/// The scenario-versus-history table and the link's fit, as markdown.
fn calibration_markdown(
    config: &Config,
    rows: &[DailyClose],
    horizon: usize,
) -> Result<String, String> {
    let table = calibrate::scenario_vs_history(config, rows).map_err(|e| e.to_string())?;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Series: {} to {}, {} trading days.\n",
        rows[0].date,
        rows[rows.len() - 1].date,
        rows.len()
    );
    let _ = writeln!(
        s,
        "| SPX move | scenario VIX | history: median (10-90%, windows) | bucket |"
    );
    let _ = writeln!(s, "| ---: | ---: | --- | ---: |");
    for r in &table {
        let _ = writeln!(
            s,
            "| {:+.0}% | {:.1} | {} | +/-{:.0}% |",
            r.spx_move * 100.0,
            r.scenario_vix,
            fmt_band(&r.history.vix),
            r.history.half_width * 100.0
        );
    }
    let reference = LinkParams::of_config(config);
    let all = calibrate::pairs(rows, horizon);
    let _ = writeln!(s, "\nLeast-squares fit of the link over {horizon}-trading-day windows (standard errors treat overlapping windows as independent):\n");
    let _ = writeln!(
        s,
        "| start VIX | windows | beta_dn | beta_up | convexity | k | RMSE (log) | RMSE at config |"
    );
    let _ = writeln!(
        s,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let mut sets: Vec<(String, Vec<calibrate::Pair>)> = vec![("all".into(), all.clone())];
    for (lo, hi) in calibrate::VIX_LEVELS {
        let name = if hi.is_finite() {
            format!("{lo}-{hi}")
        } else {
            format!("{lo}+")
        };
        sets.push((name, calibrate::starting_in(&all, lo, hi)));
    }
    for (name, pairs) in sets {
        for fixed_k in [Some(0.0), None] {
            match calibrate::fit_link(&pairs, fixed_k, &reference) {
                Ok(f) => {
                    let p = f.params;
                    let _ = writeln!(
                        s,
                        "| {name} | {} | {:.2} +/- {:.2} | {:.2} +/- {:.2} | {:.1} +/- {:.1} | {:.2}{} | {:.4} | {:.4} |",
                        f.n, p.beta_dn, f.std_errors[0], p.beta_up, f.std_errors[1], p.convexity, f.std_errors[2], p.k,
                        if fixed_k.is_some() { " (held)" } else { "" }, f.rmse, f.rmse_at_reference
                    );
                }
                Err(e) => {
                    let _ = writeln!(s, "| {name} | {} | {e} | | | | | |", pairs.len());
                }
            }
        }
    }
    Ok(s)
}
