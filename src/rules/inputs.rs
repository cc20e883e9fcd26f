//! The plain figures the rules read besides the Config (spec §6, §11). The engine fills a
//! [`RuleInputs`] from its Report (`Report::rule_inputs`), so the rules import nothing from
//! the engine and the Report can import the rules' verdict types without a cycle.

use crate::config::FuturePoint;

/// Which layer a leg belongs to, as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegLayer {
    /// An SPX iron-condor leg.
    Condor,
    /// A VIX hedge leg (option or future).
    Hedge,
}

/// One leg's figures for the gross notional of R13 and the quantities of R9/R13.
#[derive(Clone, Debug, PartialEq)]
pub struct LegInputs {
    /// Condor or hedge.
    pub layer: LegLayer,
    /// Signed quantity, contracts.
    pub qty: i64,
    /// Strike, index points; 0 for a future.
    pub strike: f64,
    /// Implied vol, decimal; 0 for a future.
    pub vol: f64,
    /// The leg's underlying (SPX spot or VIX future), index points.
    pub underlying: f64,
    /// Contract multiplier, $ per index point.
    pub multiplier: f64,
    /// The leg's $ delta (delta x underlying x multiplier x qty), $.
    pub delta_dollars: f64,
}

/// Break-evens of one curve horizon, index points (R8).
#[derive(Clone, Debug, PartialEq)]
pub struct HorizonBreakEvens {
    /// Label, e.g. "Expiry 2027-01-15".
    pub label: String,
    /// Calendar days from the valuation date.
    pub days: i64,
    /// True for the condor-expiry curve.
    pub is_expiry: bool,
    /// True for the slider's curve.
    pub is_slider: bool,
    /// The condor's break-evens on this curve, index points.
    pub condor: Vec<f64>,
    /// The condor + hedge break-evens on this curve, index points.
    pub combined: Vec<f64>,
}

/// Distribution figures at the chosen risk horizon (R11), $.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskInputs {
    /// The horizon, calendar days.
    pub horizon_days: i64,
    /// E[P/L] of the condor alone, $.
    pub condor_expected_pnl: f64,
    /// E[P/L] of condor + hedge, $.
    pub combined_expected_pnl: f64,
    /// CVaR 95% of the condor alone (average loss beyond VaR, signed as a P/L), $.
    pub condor_cvar95: f64,
    /// CVaR 95% of condor + hedge, $.
    pub combined_cvar95: f64,
}

/// R8's probe (issue 16 item 7): the condor's and the hedge's P/L, $, at the two ends of R8's
/// target band for the combined put break-even, on R8's curve. The hedge's P/L is linear in
/// its quantity, so the hedge sizes that put the combined put break-even inside the band
/// follow from these four numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakEvenProbe {
    /// The curve's horizon, calendar days.
    pub horizon_days: i64,
    /// SPX where the combined put break-even would sit at the band's smallest shift, points,
    /// and the condor's and hedge's P/L there, $.
    pub at_min_shift: (f64, f64, f64),
    /// The same at the band's largest shift.
    pub at_max_shift: (f64, f64, f64),
}

/// Everything the rules read besides the Config, as plain values.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleInputs {
    /// Condor credit per condor, index points (R1).
    pub credit_points: f64,
    /// Condor credit for every contract, $ (R6's budget).
    pub credit_dollars: f64,
    /// Fitted VIX term-structure mean-reversion speed, per year (R2, R5).
    pub curve_kappa: f64,
    /// Fitted VIX term-structure long-run level, VIX points (R2, R5).
    pub curve_theta: f64,
    /// RMS error of the fit, VIX points.
    pub curve_rmse: f64,
    /// VIX futures quotes as they stand at spot VIX (R5, R6).
    pub quotes: Vec<FuturePoint>,
    /// The configuration's fingerprint (R16).
    pub fingerprint: String,
    /// Every leg, condor legs first (R9, R13).
    pub legs: Vec<LegInputs>,
    /// Break-evens of every computed horizon (R8 picks one).
    pub horizons: Vec<HorizonBreakEvens>,
    /// Combined vega, $ per vol point (SPX legs per SPX vol point, the hedge per SPX vol
    /// point through the ATM ratio) (R9).
    pub combined_vega_per_point: f64,
    /// The hedge's vega per SPX vol point, $ (R9).
    pub hedge_vega_per_spx_vol_point: f64,
    /// The hedge's vega per +1 VIX point through the full model, $ (R9).
    pub hedge_vega_per_vix_point: f64,
    /// Combined scenario $ delta: slope of the T+0 combined curve x S0, $ (R12).
    pub scenario_delta_dollars: f64,
    /// Combined net $ delta of the plain model, $ (R13, shown).
    pub combined_delta_dollars: f64,
    /// Distribution figures at the chosen risk horizon; None when not computed (R11).
    pub risk_at_horizon: Option<RiskInputs>,
    /// R8's probe; None when R8's curve or the condor's put break-even is missing.
    pub be_probe: Option<BreakEvenProbe>,
}
