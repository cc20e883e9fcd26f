//! The native `alvh` command: config or link in, report JSON and SVG out.
#![cfg(not(target_arch = "wasm32"))]

use alvh::calendar::Date;
use alvh::Config;
use std::process::Command;

fn alvh() -> Command {
    Command::new(env!("CARGO_BIN_EXE_alvh"))
}

fn tmp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("alvh-cli-{}-{name}", std::process::id()))
}

#[test]
fn a_share_link_gives_the_same_report_as_the_library() {
    let mut cfg = Config::defaults_for(Date::from_ymd(2026, 11, 24).unwrap());
    cfg.condor.contracts = 7;
    let link = format!(
        "https://example.test/alvh/#{}",
        alvh::codec::link::encode_fragment(&cfg)
    );
    let (json, svg) = (tmp("a.json"), tmp("a.svg"));
    let out = alvh()
        .args(["--today", "2030-01-01", "--link", &link, "--json"])
        .arg(&json)
        .arg("--svg")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let expected = alvh::evaluate(&cfg).unwrap();
    assert_eq!(
        report["fingerprint"],
        serde_json::json!(expected.fingerprint)
    );
    assert_eq!(
        report["summary"]["credit_dollars"],
        serde_json::json!(expected.summary.credit_dollars)
    );
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    assert!(svg_text.starts_with("<svg") && svg_text.contains("SPX level (index points)"));
    let _ = (std::fs::remove_file(json), std::fs::remove_file(svg));
}

#[test]
fn a_config_file_with_bad_fields_is_repaired_with_notices() {
    let mut v =
        serde_json::to_value(Config::defaults_for(Date::from_ymd(2026, 11, 24).unwrap())).unwrap();
    v["condor"]["put_wing"] = serde_json::json!(-3);
    let path = tmp("bad.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let out = alvh().arg("--config").arg(&path).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("notice: condor.put_wing"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["curves"]["horizons"]
        .as_array()
        .is_some_and(|h| h.len() == 4));
    let _ = std::fs::remove_file(path);
}

#[test]
fn usage_errors_exit_with_status_1() {
    for args in [
        &["--bogus"][..],
        &["--size", "10x10"],
        &["--config", "/nonexistent/x.json"],
        &["--json"],
    ] {
        let out = alvh().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("alvh: "));
    }
}

#[test]
fn replay_writes_json_and_csv_for_an_episode() {
    let (json, csv) = (tmp("replay.json"), tmp("replay.csv"));
    let out = alvh()
        .args([
            "replay",
            "--episode",
            "2020-03",
            "--today",
            "2026-11-24",
            "--json",
        ])
        .arg(&json)
        .arg("--csv")
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let rows = r["rows"].as_array().unwrap();
    assert_eq!(rows[0]["date"], "2020-02-19");
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("date,spx,vix,condor_pnl,hedge_pnl,combined_pnl"));
    assert_eq!(lines.len(), rows.len() + 1);
    assert!(lines[1].starts_with("2020-02-19,3386.15,14.38,"));
    let _ = (std::fs::remove_file(json), std::fs::remove_file(csv));
}

#[test]
fn backtest_writes_trades_and_a_daily_csv_that_adds_up() {
    let (json, csv) = (tmp("bt.json"), tmp("bt.csv"));
    let out = alvh()
        .args([
            "backtest",
            "--from",
            "2019-01-01",
            "--to",
            "2020-12-31",
            "--target",
            "0.5",
            "--stop",
            "none",
        ])
        .args(["--today", "2026-11-24", "--json"])
        .arg(&json)
        .arg("--csv")
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let trades = b["trades"].as_array().unwrap();
    assert_eq!(trades.len(), 24);
    assert!(trades.iter().all(|t| t["reason"] != "stop_loss"));
    let total: f64 = trades
        .iter()
        .map(|t| t["condor_pnl"].as_f64().unwrap() + t["hedge_pnl"].as_f64().unwrap())
        .sum();
    let text = std::fs::read_to_string(&csv).unwrap();
    let last = text.split("\r\n").filter(|l| !l.is_empty()).last().unwrap();
    let cum: f64 = last.rsplit(',').next().unwrap().parse().unwrap();
    assert!(
        (cum - total).abs() < 0.01 * trades.len() as f64,
        "{cum} vs {total}"
    );
    let _ = (std::fs::remove_file(json), std::fs::remove_file(csv));
}

#[test]
fn history_usage_errors_exit_with_status_1() {
    for args in [
        &["replay"][..],
        &["replay", "--episode", "1929-10"],
        &["backtest", "--target", "-1"],
        &["backtest", "--dte", "0"],
        &[
            "replay",
            "--start",
            "2020-03-01",
            "--data",
            "/nonexistent.csv",
        ],
    ] {
        let out = alvh().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("alvh: "));
    }
}

#[test]
fn spot_vix_moves_the_quotes_from_the_command_line_unless_locked() {
    // Issue 17: the same market rule as the page, the link and the JS API (one codec).
    let run = |name: &str, text: &str| -> serde_json::Value {
        let path = tmp(name);
        std::fs::write(&path, text).unwrap();
        let out = alvh().arg("--config").arg(&path).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let _ = std::fs::remove_file(path);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let calm = run("v16.json", r#"{"market":{"valuation_date":"2026-11-24"}}"#);
    let high = run(
        "v30.json",
        r#"{"market":{"valuation_date":"2026-11-24","vix":30}}"#,
    );
    let locked = run(
        "v30l.json",
        r#"{"market":{"valuation_date":"2026-11-24","vix":30,"futures_locked":true}}"#,
    );
    let front = |r: &serde_json::Value| r["market"]["quotes"][0]["price"].as_f64().unwrap();
    let cost = |r: &serde_json::Value| r["summary"]["hedge_cost_dollars"].as_f64().unwrap();
    assert_eq!(front(&calm), 17.2);
    assert!(front(&high) > 25.0, "{}", front(&high));
    assert!(cost(&high) > 2.0 * cost(&calm));
    assert_eq!(front(&locked), 17.2);
    assert!(locked["market"]["futures_warning"].is_string());
    assert!(high["market"]["futures_warning"].is_null());
}
