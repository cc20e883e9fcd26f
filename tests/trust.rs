//! Issue 16, "numbers a trader can trust": one test (at least) per numbered item, each of
//! which failed on the code before the issue. Spec §2, §9, §11.

use alvh::calendar::Date;
use alvh::config::Instrument;
use alvh::engine::evaluate::scenario_delta_dollars;
use alvh::engine::model::Model;
use alvh::{evaluate, Config};

fn today() -> Date {
    Date::from_ymd(2026, 11, 24).unwrap()
}

fn defaults() -> Config {
    Config::defaults_for(today())
}

fn error_for(cfg: &Config, field: &str) -> String {
    match evaluate(cfg) {
        Ok(_) => panic!("{field}: the configuration evaluated"),
        Err(e) => e
            .for_field(field)
            .unwrap_or_else(|| panic!("no error on {field}: {e}"))
            .to_string(),
    }
}

#[test]
fn item1_a_fill_at_or_above_the_wider_wing_is_refused_and_a_far_fill_is_warned() {
    let mut cfg = defaults();
    assert_eq!((cfg.condor.put_wing, cfg.condor.call_wing), (50.0, 50.0));
    for fill in [50.0, 60.0] {
        cfg.condor.fill_credit = Some(fill);
        assert_eq!(
            error_for(&cfg, "condor.fill_credit"),
            "Fill credit must be below the wider wing, 50 points"
        );
    }
    let model_credit = evaluate(&defaults()).unwrap().summary.model_credit_points;
    // Inside the band (4 half-spreads of 0.50) and within 2 points beyond it: no warning.
    cfg.condor.fill_credit = Some(model_credit + 3.5);
    assert!(evaluate(&cfg).unwrap().warnings.is_empty());
    cfg.condor.fill_credit = Some(model_credit + 10.0);
    let r = evaluate(&cfg).unwrap();
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert_eq!(r.warnings[0].field, "condor.fill_credit");
    assert!(
        r.warnings[0].message.contains("bid/ask"),
        "{:?}",
        r.warnings
    );
    assert_eq!(
        r.summary.credit_points,
        model_credit + 10.0,
        "the fill is used as typed"
    );
}

#[test]
fn item3_expiries_must_be_exchange_expirations() {
    let mut cfg = defaults();
    // 45 days from 2026-11-24 is Friday 2027-01-08 (an SPXW expiration); 47 is a Sunday.
    cfg.condor.expiry = today().add_days(45);
    assert!(evaluate(&cfg).is_ok(), "an SPXW Friday is an expiration");
    cfg.condor.expiry = today().add_days(47);
    let msg = error_for(&cfg, "condor.expiry");
    assert!(
        msg.contains("not an SPX expiration") && msg.contains("2027-01-11"),
        "{msg}"
    );

    let mut cfg = defaults();
    let leg = cfg.hedge.legs[0].expiry;
    cfg.hedge.legs[0].expiry = leg.add_days(1);
    let msg = error_for(&cfg, "hedge.legs.0.expiry");
    assert!(msg.contains(&leg.to_string()), "{msg}");
    // A VIX weekly is an expiration for VIX options, not for VXM.
    let mut cfg = defaults();
    let weekly = Date::from_ymd(2027, 1, 13).unwrap();
    cfg.hedge.legs[0].expiry = weekly;
    cfg.hedge.legs[1].expiry = weekly;
    assert!(evaluate(&cfg).is_ok(), "VIX weekly options");
    cfg.hedge.legs[0].instrument = Instrument::Vxm;
    let msg = error_for(&cfg, "hedge.legs.0.expiry");
    assert!(msg.contains("monthly VXM"), "{msg}");
    // The pickers offer SPXW days with their settlement beside the monthlies.
    let r = evaluate(&defaults()).unwrap();
    let spx = &r.market.spx_expiries;
    assert!(spx.iter().any(|e| e.monthly) && spx.iter().any(|e| !e.monthly));
    assert!(spx.iter().all(|e| e.settlement.contains("settled")));
    assert!(r.market.vix_expiries.iter().any(|e| !e.monthly));
}

#[test]
fn item4_horizons_past_the_last_expiry_are_refused_and_between_expiries_labeled() {
    let base = defaults();
    let r = evaluate(&base).unwrap();
    let condor_days = r.market.condor_days;
    let hedge_days = today().days_until(base.hedge.legs[0].expiry);
    assert!(
        hedge_days > condor_days,
        "the default hedge outlives the condor"
    );
    let mut cfg = base.clone();
    cfg.view.horizon_days = vec![0, 1000];
    let msg = error_for(&cfg, "view.horizon_days.1");
    assert!(
        msg.contains(&base.hedge.legs[0].expiry.to_string()),
        "{msg}"
    );
    cfg.view.horizon_days = vec![0, hedge_days + 1];
    error_for(&cfg, "view.horizon_days.1");
    cfg.view.horizon_days = vec![0, condor_days + 2];
    cfg.view.slider_days = Some(hedge_days);
    let r = evaluate(&cfg).unwrap();
    let between: Vec<_> = r
        .curves
        .horizons
        .iter()
        .filter(|h| h.condor_settled)
        .collect();
    assert_eq!(between.len(), 2);
    for h in between {
        assert!(
            h.label.contains("condor settled, hedge alive"),
            "{}",
            h.label
        );
    }
    cfg.view.risk_horizon_days = hedge_days + 5;
    error_for(&cfg, "view.risk_horizon_days");
}

#[test]
fn item5_headline_distribution_figures_are_at_the_condor_expiry() {
    let r = evaluate(&defaults()).unwrap();
    let head = r.risk.as_ref().unwrap();
    assert_eq!(head.horizon_days, r.market.condor_days);
    assert!(head.at_condor_expiry);
    let other = r.risk_at_horizon.as_ref().unwrap();
    assert_eq!(other.horizon_days, 30);
    assert_eq!(other.date, today().add_days(30));
    assert!(!other.at_condor_expiry);
    assert_ne!(head.metrics.condor.pop, other.metrics.condor.pop);
}

#[test]
fn item6_combined_greeks_are_spx_equivalent_and_include_the_hedge() {
    let cfg = defaults();
    let r = evaluate(&cfg).unwrap();
    let g = &r.greeks;
    let eq = &r.hedge_spx_equivalent;
    assert!(r.combined_basis.starts_with("SPX-equivalent"));
    assert!(eq.delta_dollars.abs() > 100.0, "{eq:?}");
    let close = |a: f64, b: f64, tol: f64| (a - b).abs() <= tol * b.abs().max(1.0);
    assert!(close(
        g.combined.delta_dollars,
        g.condor.delta_dollars + eq.delta_dollars,
        1e-12
    ));
    assert!(close(
        g.combined.gamma_dollars_per_pct,
        g.condor.gamma_dollars_per_pct + eq.gamma_dollars_per_pct,
        1e-12
    ));
    // The hedge depends on S through VIX only: its SPX-equivalent $ delta is the slope of its
    // T+0 curve along the scenario, x S0 (one-sided second-order differences, both sides).
    let model = Model::build(&cfg).unwrap();
    let s0 = cfg.market.spot;
    let hedge = |s: f64| model.pnl(s, 0.0).unwrap().hedge;
    let h = 1e-5 * s0;
    let right = (-3.0 * hedge(s0) + 4.0 * hedge(s0 + h) - hedge(s0 + 2.0 * h)) / (2.0 * h) * s0;
    let left = (3.0 * hedge(s0) - 4.0 * hedge(s0 - h) + hedge(s0 - 2.0 * h)) / (2.0 * h) * s0;
    for fd in [left, right] {
        assert!(
            close(eq.delta_dollars, fd, 1e-6),
            "{} vs {fd}",
            eq.delta_dollars
        );
    }
    // dVIX/dS at S0 is -beta_mid x VIX / S0 under spec §4.1.
    let want = -0.5 * (cfg.scenario.beta_dn + cfg.scenario.beta_up) * cfg.market.vix / s0;
    assert!(close(r.dvix_dspx, want, 1e-12), "{} vs {want}", r.dvix_dspx);
}

#[test]
fn item9_the_vix_shock_is_never_in_the_entries() {
    let base = evaluate(&defaults()).unwrap();
    let mut cfg = defaults();
    cfg.scenario.vix_shock = 3.0;
    let shocked = evaluate(&cfg).unwrap();
    assert_eq!(shocked.summary.credit_points, base.summary.credit_points);
    assert_eq!(
        shocked.summary.hedge_cost_dollars,
        base.summary.hedge_cost_dollars
    );
    let t0 = |r: &alvh::Report| {
        let h = r.curves.horizons.iter().find(|h| h.days == 0).unwrap();
        let i = r.curves.spot_index;
        (h.pnl.condor[i], h.pnl.hedge[i])
    };
    let (c0, h0) = t0(&base);
    assert!(c0.abs() < 1e-6 && h0.abs() < 1e-6, "{c0} {h0}");
    // +3 VIX points today: the short condor loses, the long VIX call spread gains.
    let (c, h) = t0(&shocked);
    assert!(c < -100.0 && h > 100.0, "condor {c}, hedge {h}");
}

#[test]
fn item11_scenario_delta_matches_one_sided_differences_of_the_t0_curve() {
    for shock in [0.0, 2.0] {
        let mut cfg = defaults();
        cfg.scenario.vix_shock = shock;
        let model = Model::build(&cfg).unwrap();
        let s0 = cfg.market.spot;
        let chain = scenario_delta_dollars(&model).unwrap();
        let r = evaluate(&cfg).unwrap();
        assert_eq!(r.scenario_delta_dollars, chain);
        let v = |s: f64| model.pnl(s, 0.0).unwrap().combined();
        // Second-order one-sided differences on each side (never straddling S0), then one
        // Richardson step (third order): the two sides agree with the chain rule.
        let side = |sign: f64| {
            let d = |h: f64| {
                sign * (-3.0 * v(s0) + 4.0 * v(s0 + sign * h) - v(s0 + 2.0 * sign * h)) / (2.0 * h)
            };
            let h = 1e-5 * s0;
            (4.0 * d(h / 2.0) - d(h)) / 3.0 * s0
        };
        for fd in [side(-1.0), side(1.0)] {
            let rel = (chain - fd).abs() / chain.abs();
            assert!(rel < 1e-7, "shock {shock}: {chain} vs {fd} ({rel:e})");
        }
    }
}

#[test]
fn item8_presets_take_their_quantity_from_the_rules_unless_typed() {
    use alvh::engine::evaluate::{apply_hedge_preset, HedgePreset};
    let cfg = defaults();
    let r = evaluate(&cfg).unwrap();
    let rec = r.rules.sizing.as_ref().unwrap();
    let spread = HedgePreset::CallSpread {
        low: 2.0,
        high: 7.0,
    };
    let sized = apply_hedge_preset(&cfg, spread, None).unwrap();
    assert_eq!(sized.hedge.legs[0].qty, rec.quantity, "R5's quantity");
    assert_eq!(sized.hedge.legs[1].qty, -rec.quantity);
    assert_ne!(
        rec.quantity, 10,
        "the old preset's fixed 10 would pass this test"
    );
    let typed = apply_hedge_preset(&cfg, spread, Some(10)).unwrap();
    assert_eq!(typed.hedge.legs[0].qty, 10);
    let cal = apply_hedge_preset(&cfg, HedgePreset::CallCalendar { offset: 2.0 }, None).unwrap();
    let want = r.rules.calendar.as_ref().unwrap().quantity;
    assert!(want > 0);
    assert_eq!(cal.hedge.legs[1].qty, want, "R6's quantity");
}

#[test]
fn item10_zero_day_pop_counts_rounding_noise_as_zero() {
    // At T+0 every node is S0 and the P/L there is zero up to rounding: no profit.
    let mut cfg = defaults();
    cfg.view.risk_horizon_days = 0;
    let r = evaluate(&cfg).unwrap();
    let m = &r.risk_at_horizon.as_ref().unwrap().metrics;
    for layer in [&m.condor, &m.hedge, &m.combined] {
        assert_eq!(layer.pop, 0.0, "{layer:?}");
        assert!(layer.expected_pnl.abs() < 1e-6, "{layer:?}");
    }
}

/// The first number after `prefix` in `text`.
fn number_after(text: &str, prefix: &str) -> i64 {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix:?} in {text}"))
        + prefix.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("a number after {prefix:?} in {text}"))
}

#[test]
fn item7_r13_states_the_largest_condor_that_passes_and_it_does() {
    let mut cfg = defaults();
    cfg.condor.contracts = 60;
    cfg.account.capital = 400_000.0;
    let r = evaluate(&cfg).unwrap();
    let v = r.rules.verdict("R13").unwrap();
    assert_eq!(v.verdict, alvh::rules::Verdict::Fail, "{v:?}");
    let n = number_after(&v.sentence, "R13 passes at ");
    assert!(n > 0 && n < 60, "{}", v.sentence);
    let verdict_at = |contracts: i64| {
        let mut c = cfg.clone();
        c.condor.contracts = contracts;
        evaluate(&c).unwrap().rules.verdict("R13").unwrap().verdict
    };
    assert_eq!(verdict_at(n), alvh::rules::Verdict::Pass);
    assert_eq!(verdict_at(n + 1), alvh::rules::Verdict::Fail);
}

#[test]
fn item7_r9_states_the_hedge_size_that_passes_and_explains_net_vega() {
    let mut cfg = defaults();
    cfg.condor.contracts = 2;
    for leg in cfg.hedge.legs.iter_mut() {
        leg.qty *= 4;
    }
    let r = evaluate(&cfg).unwrap();
    let v = r.rules.verdict("R9").unwrap();
    assert_eq!(v.verdict, alvh::rules::Verdict::Fail, "{v:?}");
    assert!(
        v.sentence
            .contains("Net vega is what the whole position gains"),
        "{}",
        v.sentence
    );
    let n = number_after(&v.sentence, "(at most ");
    let verdict_at = |qty: i64| {
        let mut c = cfg.clone();
        let q0 = c.hedge.legs[0].qty;
        for leg in c.hedge.legs.iter_mut() {
            leg.qty = leg.qty.signum() * qty * (leg.qty.abs() / q0.abs());
        }
        evaluate(&c).unwrap().rules.verdict("R9").unwrap().verdict
    };
    assert_eq!(verdict_at(n), alvh::rules::Verdict::Pass, "{}", v.sentence);
    assert_eq!(
        verdict_at(n + 1),
        alvh::rules::Verdict::Fail,
        "{}",
        v.sentence
    );
}

/// Scales every hedge leg of `cfg` to `n` contracts per leg (today's largest leg = n).
fn with_hedge_size(cfg: &alvh::Config, n: i64) -> alvh::Config {
    let mut c = cfg.clone();
    let q = c.hedge.legs.iter().map(|l| l.qty.abs()).max().unwrap();
    for leg in c.hedge.legs.iter_mut() {
        assert_eq!((leg.qty.abs() * n) % q, 0, "legs in whole ratios");
        leg.qty = leg.qty.signum() * leg.qty.abs() * n / q;
    }
    c
}

#[test]
fn item7_r8_states_the_hedge_size_that_moves_the_put_break_even_into_the_band() {
    // A 200-point put wing: the condor's loss keeps growing through the band, so a larger
    // hedge moves the put break-even outward step by step.
    let mut cfg = defaults();
    cfg.condor.put_wing = 200.0;
    let r = evaluate(&cfg).unwrap();
    let v = r.rules.verdict("R8").unwrap();
    assert_eq!(v.verdict, alvh::rules::Verdict::Fail, "{v:?}");
    let lo = number_after(&v.sentence, "band with ");
    let put_shift = |n: i64| {
        let c = with_hedge_size(&cfg, n);
        let r = evaluate(&c).unwrap();
        let v = r.rules.verdict("R8").unwrap().clone();
        (v.value.unwrap(), v.verdict)
    };
    let th = &cfg.rules;
    let (at_lo, verdict_lo) = put_shift(lo);
    let (below, verdict_below) = put_shift(lo - 1);
    assert!(
        at_lo >= th.be_shift_min_pct && at_lo <= th.be_shift_max_pct,
        "{at_lo} at {lo}: {}",
        v.sentence
    );
    assert_ne!(verdict_lo, alvh::rules::Verdict::Fail, "{}", v.sentence);
    assert!(below < th.be_shift_min_pct, "{below} at {}", lo - 1);
    assert_eq!(verdict_below, alvh::rules::Verdict::Fail);
    if v.sentence.contains(&format!("{lo} to ")) {
        let hi = number_after(&v.sentence, &format!("{lo} to "));
        let (at_hi, _) = put_shift(hi);
        let (above, _) = put_shift(hi + 1);
        assert!(at_hi <= th.be_shift_max_pct, "{at_hi} at {hi}");
        assert!(above > th.be_shift_max_pct, "{above} at {}", hi + 1);
    }
    eprintln!("{}", v.sentence);
}

#[test]
fn item7_r11_says_plainly_when_no_size_of_the_hedge_passes() {
    let cfg = defaults();
    let r = evaluate(&cfg).unwrap();
    let v = r.rules.verdict("R11").unwrap();
    eprintln!("{}", v.sentence);
    assert_eq!(v.verdict, alvh::rules::Verdict::Fail, "{v:?}");
    assert!(v.value.unwrap() < 0.0);
    assert!(
        v.sentence
            .contains("No size of this hedge passes: its expected P/L at this horizon is negative"),
        "{}",
        v.sentence
    );
    // With a target at or below zero, the largest passing size is stated, and it is exact.
    let mut c = cfg.clone();
    c.rules.min_weekly_bps = 0.5 * v.value.unwrap();
    let v = evaluate(&c).unwrap().rules.verdict("R11").unwrap().clone();
    assert_eq!(v.verdict, alvh::rules::Verdict::Fail, "{v:?}");
    let hi = number_after(&v.sentence, "R11 passes with at most ");
    let verdict_at = |n: i64| {
        evaluate(&with_hedge_size(&c, n))
            .unwrap()
            .rules
            .verdict("R11")
            .unwrap()
            .verdict
    };
    assert!(hi > 0, "{}", v.sentence);
    assert_eq!(verdict_at(hi), alvh::rules::Verdict::Pass, "{}", v.sentence);
    assert_eq!(
        verdict_at(hi + 1),
        alvh::rules::Verdict::Fail,
        "{}",
        v.sentence
    );
}

#[test]
fn item7_r8_says_when_no_size_of_the_default_hedge_passes_and_none_does() {
    // The default 50-point put wing caps the condor's loss inside the band while the VIX call
    // spread keeps paying: the loss zone closes before the break-even reaches 1.2%.
    let cfg = defaults();
    let v = evaluate(&cfg).unwrap().rules.verdict("R8").unwrap().clone();
    assert_eq!(v.verdict, alvh::rules::Verdict::Fail, "{v:?}");
    assert!(
        v.sentence
            .contains("No size of this hedge passes: its payoff grows faster"),
        "{}",
        v.sentence
    );
    for n in (12..=600).step_by(12) {
        let r = evaluate(&with_hedge_size(&cfg, n)).unwrap();
        let v = r.rules.verdict("R8").unwrap();
        assert_eq!(v.verdict, alvh::rules::Verdict::Fail, "{n}: {v:?}");
    }
}

/// Issue 18: the price x date table's cells are the curves' own values at grid nodes, S0 is a
/// row, levels descend, and the TSV has a header and a line per level.
#[test]
fn price_date_table_reads_the_curves_at_their_nodes() {
    let r = evaluate(&defaults()).unwrap();
    let t = r.curves.price_date_table(5, 0.10);
    assert_eq!(t.levels.len(), 11);
    assert!(t.levels.windows(2).all(|w| w[0] > w[1]), "{:?}", t.levels);
    let s0 = r.curves.spots[r.curves.spot_index];
    assert!(t.levels.contains(&s0));
    assert!(
        t.levels[0] > s0 * 1.08 && t.levels[10] < s0 * 0.92,
        "{:?}",
        t.levels
    );
    let cols: Vec<_> = r.curves.horizons.iter().filter(|h| !h.is_slider).collect();
    assert_eq!(t.horizons.len(), cols.len());
    for (row, level) in t.pnl.iter().zip(&t.levels) {
        let i = r.curves.spots.iter().position(|s| s == level).unwrap();
        for (v, h) in row.iter().zip(&cols) {
            assert_eq!(*v, h.pnl.combined[i]);
        }
    }
    // At S0 and T+0 the combined P/L is zero (entries are today's market, spec §11).
    let i0 = t.levels.iter().position(|l| *l == s0).unwrap();
    assert!(t.pnl[i0][0].abs() < 1e-6, "{:?}", t.pnl[i0]);
    let tsv = t.to_tsv();
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 12);
    assert!(lines[0].starts_with("SPX\t"));
    assert_eq!(lines[1].split('\t').count(), 1 + cols.len());
}
