//! The result of `evaluate`: everything the UI, the JS API and the CLI show. Plain data.
//! Money in USD unless a name says points; Greeks in the trader units of spec §1.

use serde::{Deserialize, Serialize};

/// Everything computed from one Config.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Short hex fingerprint of the canonical configuration (R16).
    pub fingerprint: String,
    pub market: MarketSummary,
    /// Every leg, condor legs first, then hedge legs.
    pub legs: Vec<LegReport>,
    /// Position Greeks per layer.
    pub greeks: Layered<PositionGreeks>,
    /// The hedge row in SPX-equivalent terms (spec §11): $ delta and $ gamma per 1% of SPX
    /// from its VIX sensitivities carried through dVIX/dS at S0; vega, theta and rho as in
    /// `greeks.hedge`.
    pub hedge_spx_equivalent: PositionGreeks,
    /// dVIX/dS of the scenario at S0, T+0 (VIX points per SPX point, spec §4.1).
    pub dvix_dspx: f64,
    /// What `greeks.combined` is measured in ("SPX-equivalent: ..."), for its label: its $
    /// delta and $ gamma are the condor's plus `hedge_spx_equivalent`'s.
    pub combined_basis: String,
    /// Slope of the T+0 combined curve at S0 along the scenario, $ per SPX point x S0
    /// (i.e. a $ delta comparable to `greeks.combined.delta_dollars`), by the chain rule
    /// through dVIX/dS (accurate to about 1e-8 relative).
    pub scenario_delta_dollars: f64,
    /// The hedge's value change for +1 VIX point through the full model, $ (spec §11).
    pub hedge_vega_per_vix_point: f64,
    /// The hedge's vega per SPX vol point, $: `hedge_vega_per_vix_point` divided by the ATM
    /// ratio (one VIX point = ratio SPX ATM vol points under spec §4.2; spec §5, §11).
    #[serde(default)]
    pub hedge_vega_per_spx_vol_point: f64,
    /// Combined vega, $ per SPX vol point: SPX legs' vega + `hedge_vega_per_spx_vol_point`.
    pub combined_vega_per_point: f64,
    pub summary: Summary,
    pub curves: Curves,
    /// Combined Greeks across the SPX grid at the slider horizon (T+0 without a slider).
    pub greeks_curve: GreeksCurve,
    /// Hedge cost, where it starts paying, and gap P/L with and without it.
    pub efficiency: HedgeEfficiency,
    /// Headline distribution metrics at the condor's expiry (spec §11), per layer.
    pub risk: Option<RiskMetrics>,
    /// Distribution metrics at the chosen `view.risk_horizon_days` (labeled with its date;
    /// the same as `risk` when that horizon is the condor's expiry); R11 uses these.
    pub risk_at_horizon: Option<RiskMetrics>,
    /// Inputs that are valid but look wrong (e.g. a fill far from the model's bid/ask), by
    /// field, for a notice beside the field; the figures use them as typed.
    pub warnings: Vec<crate::config::error::FieldError>,
    /// ALVH rule verdicts R1-R16 and the sizing recommendation.
    pub rules: crate::rules::RulesReport,
    /// Model statements the figures rest on, in words, for the assumptions panel.
    pub assumptions: Vec<String>,
}

/// A value for the condor, the hedge and both together.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Layered<T> {
    pub condor: T,
    pub hedge: T,
    pub combined: T,
}

/// Market figures derived from the inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarketSummary {
    /// SPX ATM implied vol today, decimal.
    pub atm_vol: f64,
    /// Calendar days from valuation to the condor expiry.
    pub condor_days: i64,
    /// Fitted VIX term structure: kappa per year, theta in VIX points, rmse in points.
    pub curve_kappa: f64,
    pub curve_theta: f64,
    pub curve_rmse: f64,
    /// Why the curve fit is poor (large error, kappa at a bound), if it is.
    pub curve_warning: Option<String>,
    /// SPX ATM vol points per VIX point used by the scenario (the ATM ratio, 0.85 by default;
    /// 100 x override / VIX with an ATM override; 1 in the first revision's spread form).
    #[serde(default)]
    pub atm_ratio: f64,
    /// The futures quotes as used, VIX points: typed, or moved with spot VIX when unlocked
    /// (spec §3.4). (expiry date, price).
    #[serde(default)]
    pub quotes: Vec<crate::config::FuturePoint>,
    /// A locked curve that contradicts spot VIX (spec §3.4), in words, for beside the curve.
    #[serde(default)]
    pub futures_warning: Option<String>,
    /// The smile (and ATM rule) is read in the first revision's form (an old link), in words,
    /// for beside the smile; None in the revised form.
    #[serde(default)]
    pub smile_notice: Option<String>,
    /// The futures respond with the first revision's curve decay (an old link), in words.
    #[serde(default)]
    pub futures_notice: Option<String>,
    /// The scenario's VIX (points) after an SPX move from today (no shock, VIX holds), for
    /// the assumptions panel beside history's medians: (move as a fraction, VIX), at
    /// -20/-15/-10/-5/+5%.
    #[serde(default)]
    pub scenario_vix_by_move: Vec<(f64, f64)>,
    /// The futures' response beta(tau) to spot VIX (spec §4.3) at 30..180 days: (days, beta).
    #[serde(default)]
    pub futures_beta_by_tenor: Vec<(f64, f64)>,
    /// Fitted curve sampled for drawing: (days, price).
    pub curve_samples: Vec<(f64, f64)>,
    /// SPX expirations for the pickers: SPXW trading days (PM-settled) over the next 60 days
    /// and the next standard monthlies (AM-settled), ascending.
    #[serde(default)]
    pub spx_expiries: Vec<ExpiryChoice>,
    /// VIX expirations for the pickers: the next monthlies and six weeks of weeklies.
    #[serde(default)]
    pub vix_expiries: Vec<ExpiryChoice>,
}

/// An exchange expiration and its distance from the valuation date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpiryChoice {
    pub date: crate::calendar::Date,
    /// Calendar days from the valuation date.
    pub days: i64,
    /// True for a standard monthly expiration (SPX AM-settled third Friday; VIX monthly).
    #[serde(default)]
    pub monthly: bool,
    /// Series and settlement in words, e.g. "SPXW, PM-settled".
    #[serde(default)]
    pub settlement: String,
}

/// Which layer a leg belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    Condor,
    Hedge,
}

/// One leg: what it is, its prices and Greeks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LegReport {
    pub layer: Layer,
    /// Human label, e.g. "short 5775 put" or "long VIX 19 call 2026-12-16".
    pub label: String,
    /// Signed contracts.
    pub qty: i64,
    /// $ per point per contract.
    pub multiplier: f64,
    /// Strike (points); 0 for futures.
    pub strike: f64,
    /// Days from valuation to expiry.
    pub days: i64,
    /// Implied vol used (decimal); 0 for futures.
    pub vol: f64,
    /// Underlying used: SPX spot or the VIX future of the leg's expiry (points).
    pub underlying: f64,
    /// Model value today, points per unit.
    pub model_price: f64,
    /// Entry price used for P/L (fill or model), points per unit.
    pub entry_price: f64,
    /// Position Greeks in trader units.
    pub greeks: PositionGreeks,
}

/// Position Greeks in trader units (spec §1, §11).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PositionGreeks {
    /// $ delta: delta x underlying x multiplier x qty.
    pub delta_dollars: f64,
    /// $ gamma per 1% move: gamma x S^2 / 100 x multiplier x qty.
    pub gamma_dollars_per_pct: f64,
    /// $ per 1 vol point (0.01 of vol).
    pub vega_per_point: f64,
    /// $ per calendar day.
    pub theta_per_day: f64,
    /// $ per 1% of rate.
    pub rho_per_pct: f64,
}

/// Headline figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Condor credit per condor, index points (fill or model).
    pub credit_points: f64,
    /// Condor credit in $ (points x 100 x contracts).
    pub credit_dollars: f64,
    /// Model credit per condor, points (for comparison with a typed fill).
    pub model_credit_points: f64,
    /// Defined risk of the condor at expiry, $ (max wing - credit) x 100 x contracts.
    pub defined_risk_dollars: f64,
    /// Condor notional N (R1), $.
    pub condor_notional: f64,
    /// Net cost of the hedge at entry, $ (positive = debit paid).
    pub hedge_cost_dollars: f64,
    /// Hedge cost as a fraction of the condor credit.
    pub hedge_cost_ratio: f64,
}

/// P/L curves over the SPX grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Curves {
    /// SPX levels (index points), equal steps, S0 a node.
    pub spots: Vec<f64>,
    /// Index of S0 in `spots`.
    pub spot_index: usize,
    pub horizons: Vec<HorizonCurve>,
}

/// The curves and figures at one horizon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HorizonCurve {
    /// Label, e.g. "T+0", "T+5d", "Expiry 2027-01-15".
    pub label: String,
    /// Days from valuation.
    pub days: i64,
    /// True for the condor-expiry curve.
    pub is_expiry: bool,
    /// True for the extra curve from the date slider.
    pub is_slider: bool,
    /// True after the condor's expiry while a hedge leg is alive (the label says so).
    pub condor_settled: bool,
    /// VIX at each grid point under the scenario (points).
    pub vix: Vec<f64>,
    /// P/L in $ at each grid point.
    pub pnl: Layered<Vec<f64>>,
    pub figures: Layered<CurveFigures>,
}

/// Figures of one curve over the chart range.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CurveFigures {
    /// Every root of the P/L in range, ascending (index points).
    pub break_evens: Vec<f64>,
    /// Largest P/L in range, $, and where.
    pub max_profit: f64,
    pub max_profit_at: f64,
    /// Smallest P/L in range, $ (negative = loss), and where.
    pub max_loss: f64,
    pub max_loss_at: f64,
}

/// Distribution metrics at one horizon (spec §5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskMetrics {
    /// Days from valuation.
    pub horizon_days: i64,
    /// The horizon's date, for its label.
    pub date: crate::calendar::Date,
    /// True when the horizon is the condor's expiry (the headline figures).
    pub at_condor_expiry: bool,
    pub metrics: Layered<DistributionFigures>,
}

/// Probability of profit, expected P/L, VaR and CVaR (95%), $.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DistributionFigures {
    pub pop: f64,
    pub expected_pnl: f64,
    /// 95% value at risk as a positive $ loss.
    pub var95: f64,
    /// 95% expected shortfall as a positive $ loss.
    pub cvar95: f64,
}

/// Combined Greeks at each point of `Curves::spots`, trader units (see `PositionGreeks`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GreeksCurve {
    pub label: String,
    pub days: i64,
    pub delta_dollars: Vec<f64>,
    pub gamma_dollars_per_pct: Vec<f64>,
    /// SPX legs per SPX vol point plus hedge legs per VIX point, $.
    pub vega_per_point: Vec<f64>,
    pub theta_per_day: Vec<f64>,
}

/// How much protection the hedge buys (issue 4 "hedge efficiency").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HedgeEfficiency {
    /// Hedge cost as a fraction of the condor credit.
    pub cost_ratio: f64,
    /// Highest SPX level at or below S0 where the hedge alone is in profit at T+5 (points);
    /// None when it never is down to -50% or there is no hedge.
    pub pays_below: Option<f64>,
    /// Condor and combined P/L after SPX gaps of -5%, -10%, -20% at T+0 and T+5.
    pub gaps: Vec<GapRow>,
}

/// P/L after one SPX gap, $.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GapRow {
    /// SPX move, percent (e.g. -10.0).
    pub move_pct: f64,
    /// Days after valuation.
    pub days: i64,
    pub condor: f64,
    pub combined: f64,
}

impl Report {
    /// The plain figures the rules read (spec §6, §11), copied from this report; the rules
    /// take these instead of the Report so they import nothing from the engine.
    pub fn rule_inputs(&self) -> crate::rules::RuleInputs {
        use crate::rules::{HorizonBreakEvens, LegInputs, LegLayer, RiskInputs, RuleInputs};
        RuleInputs {
            credit_points: self.summary.credit_points,
            credit_dollars: self.summary.credit_dollars,
            curve_kappa: self.market.curve_kappa,
            curve_theta: self.market.curve_theta,
            curve_rmse: self.market.curve_rmse,
            quotes: self.market.quotes.clone(),
            fingerprint: self.fingerprint.clone(),
            legs: self
                .legs
                .iter()
                .map(|l| LegInputs {
                    layer: match l.layer {
                        Layer::Condor => LegLayer::Condor,
                        Layer::Hedge => LegLayer::Hedge,
                    },
                    qty: l.qty,
                    strike: l.strike,
                    vol: l.vol,
                    underlying: l.underlying,
                    multiplier: l.multiplier,
                    delta_dollars: l.greeks.delta_dollars,
                })
                .collect(),
            horizons: self
                .curves
                .horizons
                .iter()
                .map(|h| HorizonBreakEvens {
                    label: h.label.clone(),
                    days: h.days,
                    is_expiry: h.is_expiry,
                    is_slider: h.is_slider,
                    condor: h.figures.condor.break_evens.clone(),
                    combined: h.figures.combined.break_evens.clone(),
                })
                .collect(),
            combined_vega_per_point: self.combined_vega_per_point,
            hedge_vega_per_spx_vol_point: self.hedge_vega_per_spx_vol_point,
            hedge_vega_per_vix_point: self.hedge_vega_per_vix_point,
            scenario_delta_dollars: self.scenario_delta_dollars,
            combined_delta_dollars: self.greeks.combined.delta_dollars,
            risk_at_horizon: self.risk_at_horizon.as_ref().map(|r| RiskInputs {
                horizon_days: r.horizon_days,
                condor_expected_pnl: r.metrics.condor.expected_pnl,
                combined_expected_pnl: r.metrics.combined.expected_pnl,
                condor_cvar95: r.metrics.condor.cvar95,
                combined_cvar95: r.metrics.combined.cvar95,
            }),
            // Filled by `evaluate`, which has the model (issue 16 item 7).
            be_probe: None,
        }
    }
}

/// Index of the value of `spots` (ascending) nearest to `spx`; ties go to the lower level;
/// None for an empty grid.
pub fn nearest_index(spots: &[f64], spx: f64) -> Option<usize> {
    if spots.is_empty() {
        return None;
    }
    let upper = spots.partition_point(|s| *s < spx);
    if upper == 0 {
        return Some(0);
    }
    if upper >= spots.len() {
        return Some(spots.len() - 1);
    }
    let below = spx - spots[upper - 1];
    let above = spots[upper] - spx;
    Some(if above < below { upper } else { upper - 1 })
}

/// The price x date P/L table (issue 18): the combined position's P/L, $, at a column of SPX
/// levels (rows) for every drawn horizon (columns), as thinkorswim's and OptionNet Explorer's
/// users read it. The levels are nodes of the curves' grid (so every cell is a curve value,
/// not an interpolation), every `step`-th node either side of S0, S0 included.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceDateTable {
    /// SPX levels, index points, descending (the highest first, as a ladder reads).
    pub levels: Vec<f64>,
    /// Each column's horizon label and days from valuation.
    pub horizons: Vec<(String, i64)>,
    /// `pnl[row][column]`, $.
    pub pnl: Vec<Vec<f64>>,
}

impl Curves {
    /// The price x date table with at most `rows_each_side` levels above and below S0, spaced
    /// so they reach about `reach` (fraction of S0, e.g. 0.10) or the grid's end.
    pub fn price_date_table(&self, rows_each_side: usize, reach: f64) -> PriceDateTable {
        let n = self.spots.len();
        let i0 = self.spot_index.min(n.saturating_sub(1));
        let (levels, horizons, pnl) = (Vec::new(), Vec::new(), Vec::new());
        let mut table = PriceDateTable {
            levels,
            horizons,
            pnl,
        };
        if n == 0 || rows_each_side == 0 {
            return table;
        }
        let s0 = self.spots[i0];
        let grid_step = if n > 1 {
            (self.spots[n - 1] - self.spots[0]) / (n - 1) as f64
        } else {
            1.0
        };
        let wanted = (reach * s0 / rows_each_side as f64 / grid_step)
            .round()
            .max(1.0) as usize;
        let mut idx: Vec<usize> = (1..=rows_each_side)
            .filter_map(|j| i0.checked_sub(j * wanted))
            .collect();
        idx.reverse();
        idx.push(i0);
        idx.extend(
            (1..=rows_each_side)
                .map(|j| i0 + j * wanted)
                .filter(|&i| i < n),
        );
        idx.reverse();
        let columns: Vec<&HorizonCurve> = self.horizons.iter().filter(|h| !h.is_slider).collect();
        table.horizons = columns.iter().map(|h| (h.label.clone(), h.days)).collect();
        table.levels = idx.iter().map(|&i| self.spots[i]).collect();
        table.pnl = idx
            .iter()
            .map(|&i| {
                columns
                    .iter()
                    .map(|h| h.pnl.combined.get(i).copied().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect();
        table
    }
}

impl PriceDateTable {
    /// Tab-separated text: a header line ("SPX" and each horizon label) and one line per level,
    /// SPX to 2 decimals and P/L in whole dollars (for a spreadsheet).
    pub fn to_tsv(&self) -> String {
        let mut out = String::from("SPX");
        for (label, _) in &self.horizons {
            out.push('\t');
            out.push_str(label);
        }
        out.push('\n');
        for (level, row) in self.levels.iter().zip(&self.pnl) {
            out.push_str(&format!("{level:.2}"));
            for v in row {
                out.push_str(&format!("\t{v:.0}"));
            }
            out.push('\n');
        }
        out
    }
}
