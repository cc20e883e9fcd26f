//! ALVH sizing rules R1-R16 (spec §6, §11): verdicts, the regime, the sizing recommendation
//! and the ratio table. [`evaluate_rules`] is the entry point; it reads the Config and the plain
//! figures of a [`RuleInputs`] (filled by the engine from its Report), and never panics.

#![warn(missing_docs)]

pub mod events;
pub mod gates;
pub mod inputs;
pub mod regime;
pub mod sizing;
pub mod structure;
pub mod text;
pub mod timing;

pub use gates::{MacroTilt, SignatureStatus};
pub use inputs::{BreakEvenProbe, HorizonBreakEvens, LegInputs, LegLayer, RiskInputs, RuleInputs};
pub use regime::{assess_regime, RegimeAssessment, RegimeInputs};
pub use sizing::{CalendarRecommendation, RatioRow, RatioTable, SizingRecommendation};

use crate::config::RuleThresholds;
use crate::indicators::{read_indicators, IndicatorReadout};
use crate::market::curve::TermStructure;
use crate::Config;
use serde::{Deserialize, Serialize};
use text::{money, num, pct};

/// A rule's verdict (spec §11 "Rules").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The rule holds.
    Pass,
    /// The rule needs attention (e.g. wait, not applicable, only the call side misses).
    Warn,
    /// The rule is broken.
    Fail,
    #[default]
    /// Informational figure (sizing steps, advisory).
    Info,
}

/// One rule's result: its figure, inputs and one plain sentence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleVerdict {
    /// "R1" ... "R16".
    pub id: String,
    /// Short title, e.g. "Net vega".
    pub title: String,
    /// Pass / warn / fail / info.
    pub verdict: Verdict,
    /// The headline figure as text, with units.
    pub figure: String,
    /// The same figure as a number when there is one (units as in `figure`).
    pub value: Option<f64>,
    /// (name, value as text) pairs the verdict rests on.
    pub inputs: Vec<(String, String)>,
    /// One plain sentence; says so when the method cannot deliver what it claims.
    pub sentence: String,
}

impl RuleVerdict {
    /// A verdict with no inputs and an empty sentence.
    pub fn new(
        id: &str,
        title: &str,
        verdict: Verdict,
        figure: String,
        value: Option<f64>,
    ) -> Self {
        RuleVerdict {
            id: id.to_string(),
            title: title.to_string(),
            verdict,
            figure,
            value,
            inputs: Vec::new(),
            sentence: String::new(),
        }
    }

    /// Adds one (name, value) input.
    pub fn input(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.inputs.push((name.into(), value.into()));
        self
    }
}

/// Rule verdicts and the sizing recommendation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RulesReport {
    /// R1 ... R16 in order.
    pub verdicts: Vec<RuleVerdict>,
    /// R2's regime (computed or overridden) and why.
    pub regime: RegimeAssessment,
    /// The indicator figures R2 and R7 used.
    pub indicators: IndicatorReadout,
    /// R3-R5's recommended hedge; None when it cannot be computed (the R5 sentence says why).
    pub sizing: Option<SizingRecommendation>,
    /// R6's calendar alternative; None when it cannot be computed.
    pub calendar: Option<CalendarRecommendation>,
    /// Ratio across P/CF bands and regimes.
    pub ratio_table: RatioTable,
    /// R16: every signature and whether it is valid for the current fingerprint.
    pub signatures: Vec<SignatureStatus>,
}

impl RulesReport {
    /// The verdict of rule `id` ("R1".."R16").
    pub fn verdict(&self, id: &str) -> Option<&RuleVerdict> {
        self.verdicts.iter().find(|v| v.id == id)
    }
}

/// Evaluates R1-R16 for `config` given the engine's figures `report` (spec §6, §11).
pub fn evaluate_rules(config: &Config, report: &RuleInputs) -> RulesReport {
    let th = &config.rules;
    let ind = &config.indicators;
    let s0 = config.market.spot;
    let capital = config.account.capital;
    let valuation = config.market.valuation_date;
    let curve = TermStructure {
        vix: config.market.vix,
        kappa: report.curve_kappa,
        theta: report.curve_theta,
        rmse: report.curve_rmse,
    };
    let readout = read_indicators(ind);
    let regime = assess_regime(
        RegimeInputs {
            rsi: readout.rsi,
            ad: readout.ad_trend,
            vix: config.market.vix,
            long_run: curve.theta,
        },
        th,
        ind.regime_override,
    );
    let gate_closed = gates::valuation_gate_closed(ind, th);
    let sizing_inputs = sizing::SizingInputs {
        valuation,
        condor: &config.condor,
        curve,
        // The quotes as they stand at spot VIX (they follow it unless locked, spec §3.4).
        quotes: &report.quotes,
        pcf: ind.pcf,
        regime: regime.regime,
        gate_closed,
        current: &config.hedge,
    };
    let rec = sizing::recommend(&sizing_inputs, th);
    let budget = th.calendar_credit_fraction * report.credit_dollars;
    let cal = match &rec {
        Ok(r) => sizing::recommend_calendar(
            &sizing_inputs,
            r.expiry,
            &config.market.vov,
            config.market.rate,
            th.spread_lower_offset,
            budget,
        ),
        Err(e) => Err(e.clone()),
    };

    let signatures = gates::signature_statuses(&config.review, &report.fingerprint);
    let verdicts = vec![
        r1_notional(config, report),
        r2_regime(&regime, &readout, config.market.vix, curve.theta),
        r3_ratio(ind.pcf, th),
        r4_cap(ind.pcf, &regime, th),
        r5_hedge_size(&rec, config),
        r6_calendar(&cal, budget, report, config),
        timing::r7_entry_timing(&readout, ind),
        structure::r8_break_even_shift(report, s0, th),
        structure::r9_net_vega(report, th),
        events::r10_event_liquidity(config, th),
        events::r11_weekly_contribution(report, capital, th),
        structure::r12_beta(report, capital, th),
        structure::r13_gross_leverage(report, capital, th),
        gates::r14_valuation_gate(ind, th, rec.as_ref().is_ok_and(|r| r.capped_by_r14)),
        gates::r15_macro_tilt(ind, th),
        gates::r16_review(&signatures, &report.fingerprint, th),
    ];
    RulesReport {
        verdicts,
        ratio_table: sizing::ratio_table(ind.pcf, regime.regime, th),
        regime,
        indicators: readout,
        sizing: rec.ok(),
        calendar: cal.ok(),
        signatures,
    }
}

/// R1: condor notional N and defined risk; fails when the credit is at least the widest wing
/// (no risk left to define: the inputs are inconsistent).
fn r1_notional(config: &Config, report: &RuleInputs) -> RuleVerdict {
    let c = &config.condor;
    let n = sizing::condor_notional(c);
    let wing = c.put_wing.max(c.call_wing);
    let credit = report.credit_points;
    let risk = (wing - credit) * sizing::SPX_MULTIPLIER * c.contracts as f64;
    let ok = credit < wing;
    let mut v = RuleVerdict::new(
        "R1",
        "Condor notional",
        if ok { Verdict::Info } else { Verdict::Fail },
        format!("N {}", money(n)),
        Some(n),
    )
    .input(
        "Put wing / call wing (points)",
        format!("{} / {}", num(c.put_wing, 2), num(c.call_wing, 2)),
    )
    .input("Contracts", c.contracts.to_string())
    .input("Credit per condor (points)", num(credit, 2))
    .input(
        "Defined risk (wing - credit) x 100 x contracts",
        money(risk),
    );
    v.sentence = if ok {
        format!(
            "N = widest wing x 100 x contracts = {}; the most the condor can lose at expiry is {}.",
            money(n),
            money(risk)
        )
    } else {
        format!("The credit {credit:.2} is not below the widest wing {wing}: no defined risk remains, so the inputs cannot be right.")
    };
    v
}

fn r2_regime(
    regime: &RegimeAssessment,
    readout: &IndicatorReadout,
    vix: f64,
    theta: f64,
) -> RuleVerdict {
    let mut v = RuleVerdict::new(
        "R2",
        "Regime",
        Verdict::Info,
        regime.regime.word().to_string(),
        None,
    )
    .input(
        "RSI",
        format!("{} ({})", num(readout.rsi, 1), readout.rsi_source),
    )
    .input(
        "A/D trend",
        format!("{} ({})", readout.ad_trend.word(), readout.ad_source),
    )
    .input(
        "VIX / fitted long-run level",
        format!("{} / {}", num(vix, 2), num(theta, 2)),
    );
    if regime.overridden {
        v = v.input("Override", regime.regime.word().to_string());
    }
    v.sentence = format!("{}.", regime.reason);
    v
}

fn r3_ratio(pcf: f64, th: &RuleThresholds) -> RuleVerdict {
    let (r, steps) = sizing::r3_ratio(pcf, th);
    let mut v = RuleVerdict::new(
        "R3",
        "Stepped layer ratio",
        Verdict::Info,
        pct(r, 0),
        Some(r),
    )
    .input("S&P 500 P/CF", num(pcf, 2))
    .input("Threshold", num(th.pcf_threshold, 2))
    .input("Steps below threshold", steps.to_string());
    v.sentence = if steps == 0 {
        format!(
            "P/CF {pcf} is at or above {}: the base {} of N.",
            th.pcf_threshold,
            pct(th.base_ratio, 0)
        )
    } else {
        format!(
            "P/CF {pcf} is {steps} step(s) below {}: {} + {} x {steps}, capped at {} = {} of N.",
            th.pcf_threshold,
            pct(th.base_ratio, 0),
            pct(th.ratio_step, 0),
            pct(th.max_ratio, 0),
            pct(r, 0)
        )
    };
    v
}

fn r4_cap(pcf: f64, regime: &RegimeAssessment, th: &RuleThresholds) -> RuleVerdict {
    let (r3, _) = sizing::r3_ratio(pcf, th);
    let cap = sizing::regime_cap(regime.regime, th);
    let r = sizing::capped_ratio(pcf, regime.regime, th);
    let mut v = RuleVerdict::new("R4", "Regime cap", Verdict::Info, pct(r, 0), Some(r))
        .input("Regime", regime.regime.word().to_string())
        .input("R3 ratio", pct(r3, 0))
        .input(
            "Cap",
            cap.map_or(format!("none (R3 max {})", pct(th.max_ratio, 0)), |c| {
                pct(c, 0)
            }),
        );
    v.sentence = match cap {
        Some(c) if r3 > c => format!(
            "The {} cap {} binds: ratio {} instead of {}.",
            regime.regime.word(),
            pct(c, 0),
            pct(r, 0),
            pct(r3, 0)
        ),
        Some(c) => format!(
            "The {} cap {} does not bind: ratio {}.",
            regime.regime.word(),
            pct(c, 0),
            pct(r, 0)
        ),
        None => format!(
            "Bearish: only R3's maximum {} applies; ratio {}.",
            pct(th.max_ratio, 0),
            pct(r, 0)
        ),
    };
    v
}

fn r5_hedge_size(rec: &Result<SizingRecommendation, String>, config: &Config) -> RuleVerdict {
    match rec {
        Err(e) => {
            let mut v = RuleVerdict::new(
                "R5",
                "Hedge size from notional",
                Verdict::Warn,
                "n/a".into(),
                None,
            );
            v.sentence = format!("No recommendation: {e}.");
            v
        }
        Ok(r) => {
            let equal = sizing::same_legs(&config.hedge, &r.hedge);
            let mut v = RuleVerdict::new(
                "R5",
                "Hedge size from notional",
                if equal { Verdict::Pass } else { Verdict::Info },
                format!("H {} -> {} x", money(r.hedge_notional), r.quantity),
                Some(r.hedge_notional),
            )
            .input("Ratio used", pct(r.ratio, 0))
            .input("Condor notional N", money(r.condor_notional))
            .input(
                "Hedge expiry / F for strikes / fitted F",
                format!(
                    "{} / {} / {}",
                    r.expiry,
                    num(r.future, 2),
                    num(r.future_fitted, 2)
                ),
            )
            .input("Notional each", money(r.notional_each))
            .input("Quantity", r.quantity.to_string());
            v.sentence = format!(
                "{} {}",
                r.note,
                if equal {
                    "The current hedge matches."
                } else {
                    "The current hedge differs; \"apply\" sets it."
                }
            );
            v
        }
    }
}

fn r6_calendar(
    cal: &Result<CalendarRecommendation, String>,
    budget: f64,
    report: &RuleInputs,
    config: &Config,
) -> RuleVerdict {
    match cal {
        Err(e) => {
            let mut v = RuleVerdict::new(
                "R6",
                "Calendar sizing",
                Verdict::Info,
                format!("budget {}", money(budget)),
                Some(budget),
            )
            .input("Condor credit", money(report.credit_dollars));
            v.sentence = format!("No calendar recommendation: {e}.");
            v
        }
        Ok(c) => {
            let equal = sizing::same_legs(&config.hedge, &c.hedge);
            let mut v = RuleVerdict::new(
                "R6",
                "Calendar sizing",
                if equal { Verdict::Pass } else { Verdict::Info },
                format!("{} x {} calendar", c.quantity, num(c.strike, 0)),
                Some(c.quantity as f64),
            )
            .input("Condor credit", money(report.credit_dollars))
            .input(
                "Budget",
                format!(
                    "{} x credit = {}",
                    config.rules.calendar_credit_fraction,
                    money(c.budget)
                ),
            )
            .input(
                "Near / far expiry",
                format!("{} / {}", c.near_expiry, c.far_expiry),
            )
            .input(
                "Near / far model price (points)",
                format!("{} / {}", num(c.near_price, 3), num(c.far_price, 3)),
            )
            .input("Debit each", money(c.debit_each));
            v.sentence = format!(
                "A long VIX {} call calendar (sell {}, buy {}) costs {} each; the budget {} buys {}.{}",
                num(c.strike, 0),
                c.near_expiry,
                c.far_expiry,
                money(c.debit_each),
                money(c.budget),
                c.quantity,
                if equal {
                    " The current hedge matches."
                } else {
                    ""
                }
            );
            v
        }
    }
}
