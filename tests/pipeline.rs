//! Whole-pipeline tests of `evaluate`: invariants over random valid configurations,
//! hand-computed expiry figures, and bad input returning errors instead of panics.

use alvh::calendar::Date;
use alvh::config::{HedgeConfig, Instrument};
use alvh::engine::model::Model;
use alvh::{evaluate, Config};
use proptest::prelude::*;

fn today() -> Date {
    Date::from_ymd(2026, 11, 24).unwrap()
}

fn defaults() -> Config {
    Config::defaults_for(today())
}

#[test]
fn default_report_is_complete_and_finite() {
    let r = evaluate(&defaults()).expect("defaults evaluate");
    assert_eq!(r.legs.len(), 6);
    assert_eq!(r.curves.horizons.len(), 4, "T+0, T+5, T+30 and expiry");
    assert!(r.curves.spots.len() >= 401);
    assert_eq!(r.curves.spots[r.curves.spot_index], 6000.0);
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        !json.contains("NaN") && !json.contains("null,null"),
        "report has non-finite values"
    );
    for h in &r.curves.horizons {
        for v in h
            .pnl
            .combined
            .iter()
            .chain(&h.pnl.condor)
            .chain(&h.pnl.hedge)
            .chain(&h.vix)
        {
            assert!(v.is_finite());
        }
    }
}

#[test]
fn expiry_break_evens_are_strikes_plus_minus_credit() {
    let mut cfg = defaults();
    cfg.condor.fill_credit = Some(12.5);
    let r = evaluate(&cfg).unwrap();
    let expiry = r.curves.horizons.iter().find(|h| h.is_expiry).unwrap();
    let be = &expiry.figures.condor.break_evens;
    assert_eq!(be.len(), 2, "{be:?}");
    assert!(
        (be[0] - (cfg.condor.short_put - 12.5)).abs() < 1e-6,
        "{be:?}"
    );
    assert!(
        (be[1] - (cfg.condor.short_call + 12.5)).abs() < 1e-6,
        "{be:?}"
    );
    // Max profit = credit; max loss = defined risk, $.
    assert!((expiry.figures.condor.max_profit - 12.5 * 100.0 * 10.0).abs() < 1e-6);
    assert!((expiry.figures.condor.max_loss + (50.0 - 12.5) * 100.0 * 10.0).abs() < 1e-6);
    assert!((r.summary.defined_risk_dollars - 37_500.0).abs() < 1e-9);
}

#[test]
fn t0_pnl_is_zero_at_spot_and_a_zero_hedge_changes_nothing() {
    let cfg = defaults();
    let r = evaluate(&cfg).unwrap();
    let t0 = &r.curves.horizons[0];
    assert_eq!(t0.days, 0);
    assert!(t0.pnl.combined[r.curves.spot_index].abs() < 1e-6);
    let mut bare = cfg.clone();
    bare.hedge = HedgeConfig { legs: vec![] };
    let rb = evaluate(&bare).unwrap();
    for (a, b) in rb.curves.horizons.iter().zip(&r.curves.horizons) {
        assert_eq!(a.pnl.condor, b.pnl.condor);
        assert_eq!(a.pnl.combined, a.pnl.condor);
        assert!(a.pnl.hedge.iter().all(|&v| v == 0.0));
    }
    let mut zero_qty = cfg.clone();
    for leg in &mut zero_qty.hedge.legs {
        leg.qty = 0;
    }
    let rz = evaluate(&zero_qty).unwrap();
    assert_eq!(
        rz.curves.horizons[1].pnl.combined,
        rb.curves.horizons[1].pnl.combined
    );
}

#[test]
fn scenario_delta_is_the_slope_of_the_t0_curve() {
    let cfg = defaults();
    let r = evaluate(&cfg).unwrap();
    let model = Model::build(&cfg).unwrap();
    let s0 = cfg.market.spot;
    let h = 0.01;
    let fd = (model.pnl(s0 + h, 0.0).unwrap().combined()
        - model.pnl(s0 - h, 0.0).unwrap().combined())
        / (2.0 * h)
        * s0;
    let rel = (r.scenario_delta_dollars - fd).abs() / fd.abs();
    assert!(
        rel < 1e-4,
        "scenario delta {} vs fd {}",
        r.scenario_delta_dollars,
        fd
    );
    // The hedge makes the scenario delta differ from the plain (VIX held) delta.
    assert!((r.scenario_delta_dollars - r.greeks.combined.delta_dollars).abs() > 1.0);
}

#[test]
fn hedge_pays_in_a_crash_and_vix_futures_follow_the_scenario() {
    let mut cfg = defaults();
    cfg.hedge.legs.push(alvh::config::HedgeLeg {
        instrument: Instrument::Vx,
        strike: 0.0,
        expiry: cfg.hedge.legs[0].expiry,
        qty: 1,
        entry: None,
    });
    let r = evaluate(&cfg).unwrap();
    let t5 = r.curves.horizons.iter().find(|h| h.days == 5).unwrap();
    // At -15% the hedge (long call spread + long VX) is worth more than at spot.
    assert!(t5.pnl.hedge[0] > t5.pnl.hedge[r.curves.spot_index]);
    assert!(t5.vix[0] > t5.vix[r.curves.spot_index]);
}

#[test]
fn invalid_inputs_are_reported_per_field() {
    let mut cfg = defaults();
    cfg.condor.put_wing = 0.0;
    cfg.condor.short_call = cfg.condor.short_put - 10.0;
    cfg.market.vix = f64::NAN;
    cfg.hedge.legs[0].strike = -1.0;
    let err = evaluate(&cfg).unwrap_err();
    for f in [
        "condor.put_wing",
        "condor.short_call",
        "market.vix",
        "hedge.legs.0.strike",
    ] {
        assert!(err.for_field(f).is_some(), "{f}: {err}");
    }
}

fn arb_config() -> impl Strategy<Value = Config> {
    (
        (
            3000.0..9000.0f64,
            10.0..60.0f64,
            -0.01..0.08f64,
            0.0..0.03f64,
        ),
        (
            0.90..0.99f64,
            1.01..1.10f64,
            5.0..200.0f64,
            5.0..200.0f64,
            1i64..50,
        ),
        (
            7i64..400,
            0.0..10.0f64,
            0.0..8.0f64,
            0.0..100.0f64,
            -5.0..20.0f64,
            any::<bool>(),
        ),
        (0i64..60, -20i64..20, 0.3..2.0f64),
    )
        .prop_map(|(m, c, s, h)| {
            let mut cfg = defaults();
            cfg.market.spot = m.0;
            cfg.market.vix = m.1;
            cfg.market.rate = m.2;
            cfg.market.div_yield = m.3;
            cfg.condor.short_put = (m.0 * c.0 / 5.0).round() * 5.0;
            cfg.condor.short_call = (m.0 * c.1 / 5.0).round() * 5.0;
            cfg.condor.put_wing = c.2.round();
            cfg.condor.call_wing = c.3.round();
            cfg.condor.contracts = c.4;
            cfg.condor.expiry = today().add_days(s.0);
            cfg.scenario.beta_dn = s.1;
            cfg.scenario.beta_up = s.2;
            cfg.scenario.convexity = s.3;
            cfg.scenario.vix_shock = s.4;
            cfg.scenario.vix_mode = if s.5 {
                alvh::config::VixMode::Roll
            } else {
                alvh::config::VixMode::Hold
            };
            cfg.view.horizon_days = vec![0, h.0];
            cfg.hedge.legs[0].qty = h.1;
            cfg.market.vov.vov_30d = h.2;
            cfg
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn curves_are_finite_for_any_valid_config(cfg in arb_config()) {
        prop_assume!(alvh::config::validate::validate(&cfg).is_empty());
        let r = evaluate(&cfg).unwrap();
        for h in &r.curves.horizons {
            for v in h.pnl.combined.iter().chain(&h.vix) {
                prop_assert!(v.is_finite());
            }
            for be in &h.figures.combined.break_evens {
                prop_assert!(be.is_finite());
            }
        }
        let risk = r.risk.unwrap();
        prop_assert!((0.0..=1.0).contains(&risk.metrics.combined.pop));
        prop_assert!(risk.metrics.combined.cvar95.is_finite());
    }

    #[test]
    fn link_round_trip_is_exact(cfg in arb_config()) {
        prop_assume!(alvh::config::validate::validate(&cfg).is_empty());
        let frag = alvh::codec::link::encode_fragment(&cfg);
        let back = alvh::codec::link::decode_fragment(&frag, today());
        prop_assert!(back.notices.is_empty(), "{:?}", back.notices);
        prop_assert_eq!(alvh::codec::link::fingerprint(&back.config), alvh::codec::link::fingerprint(&cfg));
        prop_assert_eq!(back.config, cfg);
    }

    #[test]
    fn arbitrary_fragments_never_panic(s in ".{0,300}") {
        let d = alvh::codec::link::decode_fragment(&s, today());
        prop_assert!(alvh::config::validate::validate(&d.config).is_empty());
    }

    #[test]
    fn arbitrary_json_values_never_panic(spot in any::<f64>(), wing in any::<f64>(), qty in any::<i64>(), text in "\\PC{0,40}") {
        let mut v = serde_json::to_value(defaults()).unwrap();
        v["market"]["spot"] = serde_json::json!(spot);
        v["condor"]["put_wing"] = serde_json::json!(wing);
        v["hedge"]["legs"][0]["qty"] = serde_json::json!(qty);
        v["condor"]["expiry"] = serde_json::json!(text);
        let d = alvh::codec::link::from_value_lenient(v, today());
        prop_assert!(alvh::config::validate::validate(&d.config).is_empty());
        prop_assert!(evaluate(&d.config).is_ok());
    }
}

#[test]
fn greeks_curve_agrees_with_the_position_greeks_at_spot() {
    let r = evaluate(&defaults()).unwrap();
    let g = &r.greeks_curve;
    let i = r.curves.spot_index;
    assert_eq!(g.delta_dollars.len(), r.curves.spots.len());
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    // The curve's $ delta and $ gamma are the plain ones of the SPX legs (VIX held); the
    // combined row is SPX-equivalent since issue 16 (it adds the hedge through dVIX/dS), so
    // the plain figures at spot are the combined row minus the hedge's SPX-equivalent part.
    let eq = &r.hedge_spx_equivalent;
    assert!(close(
        g.delta_dollars[i],
        r.greeks.combined.delta_dollars - eq.delta_dollars
    ));
    assert!(close(
        g.gamma_dollars_per_pct[i],
        r.greeks.combined.gamma_dollars_per_pct - eq.gamma_dollars_per_pct
    ));
    assert!(close(g.vega_per_point[i], r.combined_vega_per_point));
    assert!(close(g.theta_per_day[i], r.greeks.combined.theta_per_day));
    // A short condor is short gamma at spot and its $ delta turns negative as SPX rallies.
    assert!(g.gamma_dollars_per_pct[i] < 0.0);
    assert!(g.delta_dollars[i + 50] < g.delta_dollars[i]);
}

#[test]
fn hedge_efficiency_shows_the_hedge_paying_in_gaps() {
    let r = evaluate(&defaults()).unwrap();
    let e = &r.efficiency;
    assert_eq!(e.gaps.len(), 6);
    let crash = e
        .gaps
        .iter()
        .find(|g| g.days == 5 && g.move_pct == -10.0)
        .unwrap();
    assert!(crash.combined > crash.condor, "{crash:?}");
    let pays = e
        .pays_below
        .expect("a call spread pays somewhere in a fall");
    assert!(pays < 6000.0 && pays > 3000.0, "{pays}");
    assert!((e.cost_ratio - r.summary.hedge_cost_ratio).abs() < 1e-12);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The batched curve path (hoisted constants, price-only formulas) gives the same P/L as
    /// valuing each leg with the full pricing functions.
    #[test]
    fn batched_pnl_equals_leg_by_leg_pnl(cfg in arb_config(), h in 0i64..120, calendar in any::<bool>()) {
        prop_assume!(alvh::config::validate::validate(&cfg).is_empty());
        let cfg = if calendar { alvh::config::presets::vix_call_calendar(&cfg, 2.0, 4) } else { cfg };
        let model = Model::build(&cfg).unwrap();
        let s0 = cfg.market.spot;
        let spots: Vec<f64> = (0..=60).map(|i| s0 * (0.7 + 0.01 * i as f64)).collect();
        let fast = model.pnl_many(&spots, h as f64);
        for (s, f) in spots.iter().zip(&fast) {
            let slow = model.pnl(*s, h as f64).unwrap();
            let tol = 1e-7 * (1.0 + slow.condor.abs() + slow.hedge.abs());
            prop_assert!((f.condor - slow.condor).abs() <= tol, "condor at {s}: {} vs {}", f.condor, slow.condor);
            prop_assert!((f.hedge - slow.hedge).abs() <= tol, "hedge at {s}: {} vs {}", f.hedge, slow.hedge);
        }
    }
}

#[test]
fn report_offers_real_expiries_for_the_pickers() {
    let r = evaluate(&defaults()).unwrap();
    // Since issue 16 the SPX list also holds every SPXW trading day of the next 60 days and
    // the VIX list six weeks of weeklies: the monthlies are the ones marked so.
    let spx: Vec<_> = r.market.spx_expiries.iter().filter(|e| e.monthly).collect();
    let vix: Vec<_> = r.market.vix_expiries.iter().filter(|e| e.monthly).collect();
    assert_eq!(spx.len(), 10);
    assert_eq!(vix.len(), 10);
    assert_eq!(r.market.spx_expiries[0].date.to_string(), "2026-11-25");
    // From 2026-11-24: Dec 18 2026 is the next third Friday; Dec 16 2026 the next VIX expiry.
    assert_eq!(spx[0].date.to_string(), "2026-12-18");
    assert_eq!(spx[0].days, 24);
    assert_eq!(vix[0].date.to_string(), "2026-12-16");
    assert!(spx.iter().any(|e| e.date == defaults().condor.expiry));
    assert!(spx.windows(2).all(|w| w[0].days < w[1].days));
}

/// Found by the million-case fuzz run: a positive fill credit of 5e-309 points passed
/// validation and made the hedge-cost ratio infinite.
#[test]
fn a_negligible_fill_credit_is_refused_and_a_zero_credit_gives_a_finite_ratio() {
    let mut c = defaults();
    c.condor.fill_credit = Some(5.234969250022426e-309);
    let errors = evaluate(&c).expect_err("a 5e-309 credit is no fill");
    assert!(errors.for_field("condor.fill_credit").is_some(), "{errors}");
    c.condor.fill_credit = Some(0.0);
    let r = evaluate(&c).expect("a zero credit is allowed");
    assert_eq!(r.summary.hedge_cost_ratio, 0.0);
    assert_eq!(r.efficiency.cost_ratio, 0.0);
    c.condor.fill_credit = Some(0.01);
    let r = evaluate(&c).expect("a one-cent credit is allowed");
    assert!(r.efficiency.cost_ratio.is_finite() && r.efficiency.cost_ratio > 0.0);
}
