//! Hand-built Config and Report for the rules tests (the full `evaluate` pipeline is not
//! needed: every figure a rule reads is set here explicitly).
#![allow(dead_code)]

use alvh::calendar::Date;
use alvh::config::RuleThresholds;
use alvh::config::*;
use alvh::engine::report::*;
use alvh::indicators::IndicatorConfig;
use alvh::market::smile::SmileParams;
use alvh::market::vov::VovParams;
use alvh::rules::RulesReport;
use alvh::{Config, Report};

pub fn date(s: &str) -> Date {
    Date::parse(s).expect("test date")
}

/// Valuation 2026-11-24, SPX 6000, VIX 16; condor 10 x 5775/6250 with 50-point wings expiring
/// 2027-01-15; no hedge; account, indicator and rule defaults.
pub fn config() -> Config {
    Config {
        version: CONFIG_VERSION,
        market: MarketConfig {
            valuation_date: date("2026-11-24"),
            spot: 6000.0,
            rate: 0.04,
            div_yield: 0.013,
            vix: 16.0,
            atm_ratio: 0.85,
            vix_atm_spread: None,
            atm_iv_override: None,
            smile: SmileParams::default(),
            vov: VovParams::default(),
            futures: Vec::new(),
            quotes_vix: 16.0,
            futures_locked: false,
        },
        condor: CondorConfig {
            expiry: date("2027-01-15"),
            short_put: 5775.0,
            short_call: 6250.0,
            put_wing: 50.0,
            call_wing: 50.0,
            contracts: 10,
            fill_credit: None,
            iv_overrides: [None; 4],
        },
        hedge: HedgeConfig { legs: Vec::new() },
        scenario: ScenarioConfig::default(),
        view: ViewConfig::default(),
        account: AccountConfig::default(),
        indicators: IndicatorConfig::default(),
        rules: RuleThresholds::default(),
        review: Vec::new(),
    }
}

/// A horizon curve carrying only the break-evens R8 reads.
pub fn horizon(
    label: &str,
    days: i64,
    is_expiry: bool,
    condor_be: &[f64],
    combined_be: &[f64],
) -> HorizonCurve {
    HorizonCurve {
        label: label.to_string(),
        days,
        is_expiry,
        is_slider: false,
        condor_settled: false,
        vix: Vec::new(),
        pnl: Layered::default(),
        figures: Layered {
            condor: CurveFigures {
                break_evens: condor_be.to_vec(),
                ..Default::default()
            },
            hedge: CurveFigures::default(),
            combined: CurveFigures {
                break_evens: combined_be.to_vec(),
                ..Default::default()
            },
        },
    }
}

pub fn risk(
    horizon_days: i64,
    e_condor: f64,
    e_combined: f64,
    cvar_condor: f64,
    cvar_combined: f64,
) -> RiskMetrics {
    RiskMetrics {
        horizon_days,
        date: date("2026-11-24").add_days(horizon_days),
        at_condor_expiry: false,
        metrics: Layered {
            condor: DistributionFigures {
                pop: 0.7,
                expected_pnl: e_condor,
                var95: 0.0,
                cvar95: cvar_condor,
            },
            hedge: DistributionFigures::default(),
            combined: DistributionFigures {
                pop: 0.7,
                expected_pnl: e_combined,
                var95: 0.0,
                cvar95: cvar_combined,
            },
        },
    }
}

/// Credit 4.00 points (= $4,000 on 10 condors); term structure kappa 3, theta 21; one expiry
/// curve with condor break-evens 5700/6300 and combined 5628/6290; 30-day risk metrics.
pub fn report() -> Report {
    Report {
        fingerprint: "f00dcafe".to_string(),
        // Built through serde so optional fields added to MarketSummary later default to None.
        market: serde_json::from_value::<MarketSummary>(serde_json::json!({
            "atm_vol": 0.14,
            "condor_days": 52,
            "curve_kappa": 3.0,
            "curve_theta": 21.0,
            "curve_rmse": 0.0,
            "curve_samples": [],
        }))
        .expect("market summary"),
        legs: Vec::new(),
        greeks: Layered::default(),
        hedge_spx_equivalent: PositionGreeks::default(),
        dvix_dspx: 0.0,
        combined_basis: String::new(),
        scenario_delta_dollars: 0.0,
        hedge_vega_per_vix_point: 0.0,
        hedge_vega_per_spx_vol_point: 0.0,
        combined_vega_per_point: -100.0,
        summary: Summary {
            credit_points: 4.0,
            credit_dollars: 4000.0,
            model_credit_points: 4.0,
            defined_risk_dollars: 46_000.0,
            condor_notional: 50_000.0,
            hedge_cost_dollars: 0.0,
            hedge_cost_ratio: 0.0,
        },
        curves: Curves {
            spots: Vec::new(),
            spot_index: 0,
            horizons: vec![
                horizon("T+0", 0, false, &[5650.0, 6350.0], &[5600.0, 6340.0]),
                horizon(
                    "Expiry 2027-01-15",
                    52,
                    true,
                    &[5700.0, 6300.0],
                    &[5628.0, 6290.0],
                ),
            ],
        },
        greeks_curve: Default::default(),
        efficiency: Default::default(),
        risk: Some(risk(52, 1000.0, 800.0, 30_000.0, 25_000.0)),
        risk_at_horizon: Some(risk(30, 1000.0, 800.0, 30_000.0, 25_000.0)),
        warnings: Vec::new(),
        rules: RulesReport::default(),
        assumptions: Vec::new(),
    }
}

pub fn leg(
    layer: Layer,
    qty: i64,
    multiplier: f64,
    strike: f64,
    vol: f64,
    underlying: f64,
    delta_dollars: f64,
) -> LegReport {
    LegReport {
        layer,
        label: String::new(),
        qty,
        multiplier,
        strike,
        days: 30,
        vol,
        underlying,
        model_price: 1.0,
        entry_price: 1.0,
        greeks: PositionGreeks {
            delta_dollars,
            ..Default::default()
        },
    }
}
