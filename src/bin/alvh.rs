//! `alvh`: the calculator for documentation builds. Reads a configuration (a JSON file, or a
//! share link / fragment), evaluates it with the same core as the page, and writes the report
//! as JSON and the P/L chart as SVG.
//!
//! ```text
//! alvh [--config FILE.json | --link URL] [--today YYYY-MM-DD] [--json OUT] [--svg OUT]
//!      [--size WIDTHxHEIGHT] [--dark]
//! ```
//! With neither `--json` nor `--svg`, the report JSON goes to standard output.
//! `alvh replay`, `alvh backtest` and `alvh calibrate` run the History computations on the
//! shipped SPX/VIX series (see `alvh replay --help`). Notices about
//! repaired fields go to standard error. Exit status: 0 ok, 1 usage or I/O error, 2 invalid
//! configuration (each field and reason on standard error).

use alvh::calendar::Date;
use alvh::draw::chart::{draw_pnl, ChartOptions, ChartTheme};
use plotters::prelude::*;
use std::process::ExitCode;

#[path = "alvh_history/mod.rs"]
mod history_cmd;

const USAGE: &str = "usage: alvh [--config FILE.json | --link URL] [--today YYYY-MM-DD] \
[--json OUT] [--svg OUT] [--size WIDTHxHEIGHT] [--dark]\n       alvh replay|backtest|calibrate ... (alvh replay --help)";

#[derive(Default)]
struct Args {
    config: Option<String>,
    link: Option<String>,
    today: Option<String>,
    json: Option<String>,
    svg: Option<String>,
    size: (u32, u32),
    dark: bool,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args {
        size: (1200, 700),
        ..Args::default()
    };
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--config" => a.config = Some(value("--config")?),
            "--link" => a.link = Some(value("--link")?),
            "--today" => a.today = Some(value("--today")?),
            "--json" => a.json = Some(value("--json")?),
            "--svg" => a.svg = Some(value("--svg")?),
            "--size" => {
                let v = value("--size")?;
                let (w, h) = v
                    .split_once('x')
                    .ok_or("--size is WIDTHxHEIGHT, e.g. 1200x700")?;
                let w: u32 = w.parse().map_err(|_| "--size width is not a number")?;
                let h: u32 = h.parse().map_err(|_| "--size height is not a number")?;
                if !(200..=8000).contains(&w) || !(150..=8000).contains(&h) {
                    return Err("--size must be between 200x150 and 8000x8000".into());
                }
                a.size = (w, h);
            }
            "--dark" => a.dark = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if a.config.is_some() && a.link.is_some() {
        return Err("give --config or --link, not both".into());
    }
    Ok(a)
}

fn today(arg: Option<&str>) -> Result<Date, String> {
    match arg {
        Some(t) => Date::parse(t).map_err(|e| e.to_string()),
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|_| "the system clock is before 1970")?
                .as_secs();
            let epoch = Date::from_ymd(1970, 1, 1).ok_or("no epoch")?;
            Ok(epoch.add_days((secs / 86_400) as i64))
        }
    }
}

/// The configuration from a JSON file, a link or the defaults for `today`, with notices on
/// standard error; Err(exit code 2) when it does not evaluate.
fn load_config(
    config: Option<&str>,
    link: Option<&str>,
    today_arg: Option<&str>,
) -> Result<Result<alvh::Config, ExitCode>, String> {
    let today = today(today_arg)?;
    let decoded = match (config, link) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            alvh::codec::link::from_json_lenient(&text, today)
        }
        (None, Some(link)) => {
            let fragment = link.split_once('#').map(|(_, f)| f).unwrap_or(link);
            alvh::codec::link::decode_fragment(fragment, today)
        }
        (None, None) => alvh::codec::link::decode_fragment("", today),
    };
    for n in &decoded.notices {
        eprintln!("notice: {}: {}", n.field, n.message);
    }
    if let Err(errors) = alvh::evaluate(&decoded.config) {
        for e in &errors.0 {
            eprintln!("invalid: {}: {}", e.field, e.message);
        }
        return Ok(Err(ExitCode::from(2)));
    }
    Ok(Ok(decoded.config))
}

fn run(args: Args) -> Result<ExitCode, String> {
    let config = match load_config(
        args.config.as_deref(),
        args.link.as_deref(),
        args.today.as_deref(),
    )? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let report = match alvh::evaluate(&config) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("invalid: {}: {}", e.field, e.message);
            }
            return Ok(ExitCode::from(2));
        }
    };
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    if let Some(path) = &args.svg {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, args.size).into_drawing_area();
            let opts = ChartOptions {
                theme: if args.dark {
                    ChartTheme::Dark
                } else {
                    ChartTheme::Light
                },
                ..ChartOptions::default()
            };
            draw_pnl(area, &report, &opts)?;
        }
        std::fs::write(path, svg).map_err(|e| format!("{path}: {e}"))?;
    }
    match &args.json {
        Some(path) => std::fs::write(path, json).map_err(|e| format!("{path}: {e}"))?,
        None if args.svg.is_none() => println!("{json}"),
        None => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let result = match args.peek().map(String::as_str) {
        Some(cmd @ ("replay" | "backtest" | "calibrate")) => {
            let cmd = cmd.to_string();
            args.next();
            history_cmd::run(&cmd, args, &load_config)
        }
        _ => parse_args(args).and_then(run),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("alvh: {msg}");
            ExitCode::from(1)
        }
    }
}
