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
