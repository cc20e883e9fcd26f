//! Prints the revised spec's fitted figures (ALVH-SPEC §3.2-§4.3, issue 17) as the model's
//! formulas give them at the default parameters, for docs/market-calibration.md:
//!
//! ```sh
//! cargo run --release --example calibration
//! ```

use alvh::calendar::Date;
use alvh::engine::scenario::Scenario;
use alvh::market::curve::{fallback_theta, futures_beta, TermStructure};
use alvh::market::smile::{SmileParams, D1_CALL_25, D1_PUT_10, D1_PUT_25};
use alvh::market::vov::VovParams;
use alvh::Config;

fn main() {
    let cfg = Config::defaults_for(Date::from_ymd(2026, 11, 24).expect("date"));
    let s = &cfg.scenario;
    println!(
        "Scenario link (spec 4.1): beta_dn {}, beta_up {}, convexity {}, k {}",
        s.beta_dn, s.beta_up, s.convexity, s.level_damping
    );
    println!("| spot VIX | -20% | -15% | -10% | -5% | -3% | +3% | +5% |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for vix in [12.0, 16.0, 20.0, 30.0] {
        let mut c = cfg.clone();
        c.market.vix = vix;
        let sc = Scenario::new(&c, TermStructure::fit(vix, &[]));
        let row: Vec<String> = [-0.20, -0.15, -0.10, -0.05, -0.03, 0.03, 0.05]
            .iter()
            .map(|m| format!("{:.1}", sc.vix_at(sc.s0 * (1.0 + m), 0.0)))
            .collect();
        println!("| {vix} | {} |", row.join(" | "));
    }

    let smile = SmileParams::default();
    let t = 37.0 / 365.0;
    println!(
        "\nSPX smile (spec 3.2), 37 days, vol points over ATM (ATM = {} x VIX):",
        cfg.market.atm_ratio
    );
    println!("| VIX | ATM | 25d put | 25d call | 10d put |");
    println!("| --- | --- | --- | --- | --- |");
    for vix in [12.0, 16.0, 30.0, 66.0] {
        let atm = cfg.market.atm_ratio * vix / 100.0;
        let [p25, c25, p10] =
            [D1_PUT_25, D1_CALL_25, D1_PUT_10].map(|d1| smile.skew_points_at_d1(atm, t, d1));
        println!(
            "| {vix} | {:.2} | {p25:+.1} | {c25:+.1} | {p10:+.1} |",
            100.0 * atm
        );
    }

    let vov = VovParams::default();
    println!(
        "\nVIX vol-of-vol (spec 3.3): vov_30d {}, k_30 {}",
        vov.vov_30d, vov.skew
    );
    println!("| days | ATM vov | skew k | F+2 call vol (F = 18) | F+7 call vol |");
    println!("| --- | --- | --- | --- | --- |");
    for days in [7.0, 16.0, 23.0, 30.0, 51.0, 114.0] {
        println!(
            "| {days} | {:.3} | {:.3} | {:.3} | {:.3} |",
            vov.atm(days),
            vov.skew_at(days),
            vov.vol(20.0, 18.0, days),
            vov.vol(25.0, 18.0, days)
        );
    }

    println!(
        "\nFutures response (spec 4.3): beta(tau) = {b} + {} exp(-{} tau)",
        1.0 - s.futures_beta_floor,
        s.futures_beta_kappa,
        b = s.futures_beta_floor
    );
    println!("| days | model beta | fitted (spec) |");
    println!("| --- | --- | --- |");
    for (i, fitted) in [0.61, 0.45, 0.35, 0.29, 0.24, 0.21].iter().enumerate() {
        let days = 30.0 * (i + 1) as f64;
        let beta = futures_beta(days / 365.0, s.futures_beta_floor, s.futures_beta_kappa);
        println!("| {days} | {beta:.3} | {fitted} |");
    }

    println!("\nFallback curve (spec 3.4): kappa 3/yr, theta = 17.2 + 0.31 VIX");
    println!("| VIX | theta | 30-day future | 180-day future |");
    println!("| --- | --- | --- | --- |");
    for vix in [12.0, 16.0, 20.0, 30.0, 45.0] {
        let c = TermStructure::fit(vix, &[]);
        println!(
            "| {vix} | {:.2} | {:.2} | {:.2} |",
            fallback_theta(vix),
            c.future(30.0 / 365.0),
            c.future(180.0 / 365.0)
        );
    }
}
