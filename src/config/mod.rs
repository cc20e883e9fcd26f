//! The whole user configuration: one serde value that the URL fragment, local storage, the
//! fingerprint (R16) and the JavaScript API all share. Field units are in the names or docs.

pub mod decimal;
pub mod defaults;
pub mod error;
pub mod labels;
pub mod presets;
pub mod review;
pub mod thresholds;
pub mod validate;

pub use review::ReviewSignature;
pub use thresholds::{RuleThresholds, SizingInstrument};

use crate::calendar::Date;
use crate::market::smile::SmileParams;
use crate::market::vov::VovParams;
use serde::{Deserialize, Serialize};

/// Version of the serialized form; bumped when a field changes meaning. Version 2 (spec
/// revision of 2026-12-03): ATM = ratio x VIX, the smile relative to ATM, the vol-of-vol's
/// skew decaying with tenor, quotes that follow spot VIX, the damped VIX link and the
/// futures' beta response. A version-1 document is read with the first revision's model
/// (see `crate::codec::link::from_value_lenient`), so an old link keeps its meaning.
pub const CONFIG_VERSION: u32 = 2;

/// Default ratio of SPX ATM implied vol to VIX (spec §2: fitted to 14 real SPX chains).
pub const DEFAULT_ATM_RATIO: f64 = 0.85;
/// Default level damping k of the VIX link (spec §4.1).
pub const DEFAULT_LEVEL_DAMPING: f64 = 0.85;
/// VIX level (points) at which the damping factor (VIX_ref / 16)^(-k) is 1 (spec §4.1).
pub const DAMPING_REFERENCE_VIX: f64 = 16.0;

/// Everything the evaluation depends on. `evaluate(&Config)` is a pure function of this.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Config {
    pub version: u32,
    pub market: MarketConfig,
    pub condor: CondorConfig,
    pub hedge: HedgeConfig,
    pub scenario: ScenarioConfig,
    pub view: ViewConfig,
    pub account: AccountConfig,
    pub indicators: crate::indicators::IndicatorConfig,
    pub rules: crate::config::RuleThresholds,
    /// Two-key review signatures (R16); excluded from the fingerprint they sign.
    pub review: Vec<crate::config::ReviewSignature>,
}

/// Market inputs (spec §2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarketConfig {
    /// Valuation date; part of the config so a shared link reproduces its figures.
    pub valuation_date: Date,
    /// SPX spot, index points.
    pub spot: f64,
    /// Risk-free rate, continuously compounded, decimal per year (0.04 = 4%).
    pub rate: f64,
    /// SPX dividend yield, continuous, decimal per year.
    pub div_yield: f64,
    /// VIX spot, index points.
    pub vix: f64,
    /// SPX ATM implied vol over VIX, dimensionless: ATM vol = ratio x VIX / 100 (spec §2,
    /// §4.2; default 0.85).
    pub atm_ratio: f64,
    /// The first revision's ATM rule, VIX minus SPX ATM implied vol in vol points: when set,
    /// ATM vol = (VIX - spread) / 100 and `atm_ratio` is not used. Only links made before the
    /// 2026-12-03 revision carry it (they are read in that form, never converted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vix_atm_spread: Option<f64>,
    /// SPX ATM implied vol override, decimal; when set the ratio is 100 x this / VIX (or the
    /// spread VIX - 100 x this in the first revision's form).
    pub atm_iv_override: Option<f64>,
    /// SPX smile in standardized moneyness (spec §3.2).
    pub smile: SmileParams,
    /// VIX option vol-of-vol (spec §3.3).
    pub vov: VovParams,
    /// VIX futures quotes: (expiry date, price in VIX points), nearest first, as taken when
    /// spot VIX was `quotes_vix`.
    pub futures: Vec<FuturePoint>,
    /// Spot VIX (points) at which `futures` were quoted. Unlocked, each quote is moved by
    /// (vix - quotes_vix) x beta(tau) (spec §3.4, §4.3): a change of spot VIX is a market move.
    pub quotes_vix: f64,
    /// Locked quotes stay as typed whatever spot VIX is (spec §3.4); the report warns when
    /// they contradict spot.
    pub futures_locked: bool,
}

/// One VIX futures quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FuturePoint {
    pub expiry: Date,
    /// Price in VIX points.
    pub price: f64,
}

/// The short SPX iron condor (spec §11 defaults).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CondorConfig {
    /// Expiry date of all four legs.
    pub expiry: Date,
    /// Short put strike, index points.
    pub short_put: f64,
    /// Short call strike, index points.
    pub short_call: f64,
    /// Put wing width (short put - long put), index points.
    pub put_wing: f64,
    /// Call wing width (long call - short call), index points.
    pub call_wing: f64,
    /// Number of condors (each leg x 100 multiplier).
    pub contracts: i64,
    /// Fill credit per condor in index points; None = the model value.
    pub fill_credit: Option<f64>,
    /// Per-leg IV overrides (decimal) in order long put, short put, short call, long call;
    /// kept as offsets from the model IV under the scenario (spec §4.2).
    pub iv_overrides: [Option<f64>; 4],
}

/// The VIX hedge layer: any list of VIX option and futures legs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HedgeConfig {
    pub legs: Vec<HedgeLeg>,
}

/// A hedge instrument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// VIX call option, multiplier 100, priced with Black-76 on the same-expiry future.
    VixCall,
    /// VIX put option, multiplier 100.
    VixPut,
    /// VX future, multiplier 1000.
    Vx,
    /// VXM mini future, multiplier 100.
    Vxm,
}

impl Instrument {
    /// Dollars per index point per contract.
    pub fn multiplier(self) -> f64 {
        match self {
            Instrument::VixCall | Instrument::VixPut | Instrument::Vxm => 100.0,
            Instrument::Vx => 1000.0,
        }
    }

    pub fn is_option(self) -> bool {
        matches!(self, Instrument::VixCall | Instrument::VixPut)
    }
}

/// One hedge leg.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HedgeLeg {
    pub instrument: Instrument,
    /// Strike in VIX points (ignored for futures).
    pub strike: f64,
    pub expiry: Date,
    /// Signed quantity in contracts (long > 0).
    pub qty: i64,
    /// Entry price in VIX points; None = the model's T+0 value.
    pub entry: Option<f64>,
}

/// How the reference VIX level moves with the horizon (spec §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VixMode {
    /// VIX_ref = VIX spot at every horizon.
    Hold,
    /// VIX_ref = the fitted futures curve at the horizon.
    Roll,
}

/// How VIX futures respond to a move of spot VIX at a horizon (spec §4.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FuturesResponse {
    /// F_h(T) = base_h(T) + (VIX_h - VIX_ref) beta(T - h), beta(tau) = b + (1 - b)
    /// exp(-kappa_d tau) (the revised spec, default).
    #[default]
    Beta,
    /// The first revision: F_h(T) = theta + (VIX_h - theta) exp(-kappa (T - h)) with the fitted
    /// curve's kappa; what links made before the 2026-12-03 revision mean.
    CurveV1,
}

/// The linked SPX-VIX scenario (spec §4.1, §4.3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioConfig {
    /// VIX elasticity to SPX falls (1% fall -> +beta_dn % VIX at VIX 16), default 6.5.
    pub beta_dn: f64,
    /// VIX elasticity to SPX rallies, default 3.0.
    pub beta_up: f64,
    /// Convexity of falls (gamma in g(x)), default 0.
    pub convexity: f64,
    /// Level damping k: the response g(x) is scaled by (VIX_ref / 16)^(-k), dimensionless,
    /// default 0.85 (0 = the plain multiplicative link).
    pub level_damping: f64,
    /// Parallel VIX shock in points, added at every horizon.
    pub vix_shock: f64,
    pub vix_mode: VixMode,
    /// Which futures response applies (default the beta response).
    pub futures_response: FuturesResponse,
    /// Floor b of the futures' response beta(tau) = b + (1 - b) exp(-kappa_d tau),
    /// dimensionless, default 0.21.
    pub futures_beta_floor: f64,
    /// Decay speed kappa_d of the futures' response, per year, default 7.6.
    pub futures_beta_kappa: f64,
}

impl ScenarioConfig {
    /// beta(tau) of spec §4.3 for a future `tau_years` from expiry with these parameters.
    pub fn futures_beta(&self, tau_years: f64) -> f64 {
        crate::market::curve::futures_beta(
            tau_years,
            self.futures_beta_floor,
            self.futures_beta_kappa,
        )
    }

    /// The first revision's scenario (beta_dn 4.5, beta_up 3.0, convexity 40, no damping, the
    /// curve's own response): what links made before the 2026-12-03 revision mean.
    pub fn first_revision() -> ScenarioConfig {
        ScenarioConfig {
            beta_dn: 4.5,
            convexity: 40.0,
            level_damping: 0.0,
            futures_response: FuturesResponse::CurveV1,
            ..ScenarioConfig::default()
        }
    }
}

impl MarketConfig {
    /// The futures quotes as they stand at the current spot VIX (spec §3.4): locked, as typed;
    /// unlocked, each moved by (vix - quotes_vix) x beta(tau) with tau the quote's time to
    /// expiry, at least 1 VIX point. Quotes with an expiry at or before the valuation date
    /// are returned unchanged (validation rejects them).
    pub fn effective_futures(&self, scenario: &ScenarioConfig) -> Vec<FuturePoint> {
        let move_points = self.vix - self.quotes_vix;
        if self.futures_locked || move_points == 0.0 {
            return self.futures.clone();
        }
        self.futures
            .iter()
            .map(|f| {
                let tau = self.valuation_date.days_until(f.expiry) as f64 / 365.0;
                let price = f.price + move_points * scenario.futures_beta(tau);
                FuturePoint {
                    expiry: f.expiry,
                    price: price.max(1.0),
                }
            })
            .collect()
    }

    /// SPX ATM implied vol today (decimal): the override, or ratio x VIX / 100 (spec §2), or
    /// (VIX - spread) / 100 in the first revision's form; at least 0.01.
    pub fn atm_vol_today(&self) -> f64 {
        let v = match (self.atm_iv_override, self.vix_atm_spread) {
            (Some(iv), _) => iv,
            (None, Some(spread)) => (self.vix - spread) / 100.0,
            (None, None) => self.atm_ratio * self.vix / 100.0,
        };
        v.max(0.01)
    }

    /// Writes the quotes as they stand at the current spot VIX into `futures` and sets
    /// `quotes_vix` to spot: what the page does before the user types a quote or locks the
    /// curve, so that what was shown is what is kept.
    pub fn rebase_quotes(&mut self, scenario: &ScenarioConfig) {
        self.futures = self.effective_futures(scenario);
        self.quotes_vix = self.vix;
    }
}

/// What to draw and where to measure (spec §4.4, §5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewConfig {
    /// Horizons in calendar days from the valuation date (0 = T+0).
    pub horizon_days: Vec<i64>,
    /// Also draw the condor-expiry curve.
    pub include_expiry: bool,
    /// Extra curve from the date slider, days from valuation; None = no extra curve.
    pub slider_days: Option<i64>,
    /// Half-width of the SPX range, as a fraction of spot (0.15 = +/-15%).
    pub range: f64,
    /// Number of grid intervals (>= 400).
    pub steps: usize,
    /// Horizon for the distribution metrics, days.
    pub risk_horizon_days: i64,
    /// Jump intensity per year for the Merton distribution (0 = lognormal).
    pub jump_intensity: f64,
    /// Mean log jump.
    pub jump_mean: f64,
    /// Jump log-vol.
    pub jump_vol: f64,
}

/// Account and execution assumptions (spec §11).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountConfig {
    /// Account capital, USD.
    pub capital: f64,
    /// Cash kept for the hedge, USD (R10).
    pub hedge_cash_reserve: f64,
    /// Half bid-ask spread of SPX options, index points.
    pub half_spread_spx: f64,
    /// Half bid-ask spread of VIX options, VIX points.
    pub half_spread_vix_option: f64,
    /// Half bid-ask spread of VX/VXM futures, VIX points.
    pub half_spread_vix_future: f64,
    /// Spread widening factor during an FOMC event.
    pub fomc_widening: f64,
}

impl Default for ScenarioConfig {
    /// Spec §4.1/§4.3 defaults, fitted to SPX and VIX daily closes 1990-2026 (10-trading-day
    /// windows from VIX 12-20) and to VX curves 2007-2021.
    fn default() -> Self {
        ScenarioConfig {
            beta_dn: 6.5,
            beta_up: 3.0,
            convexity: 0.0,
            level_damping: DEFAULT_LEVEL_DAMPING,
            vix_shock: 0.0,
            vix_mode: VixMode::Hold,
            futures_response: FuturesResponse::Beta,
            futures_beta_floor: crate::market::curve::DEFAULT_BETA_FLOOR,
            futures_beta_kappa: crate::market::curve::DEFAULT_BETA_KAPPA,
        }
    }
}

impl Default for ViewConfig {
    fn default() -> Self {
        ViewConfig {
            horizon_days: vec![0, 5, 30],
            include_expiry: true,
            slider_days: None,
            range: 0.15,
            steps: 400,
            risk_horizon_days: 30,
            jump_intensity: 0.0,
            jump_mean: -0.08,
            jump_vol: 0.06,
        }
    }
}

impl Default for AccountConfig {
    fn default() -> Self {
        AccountConfig {
            capital: 1_000_000.0,
            hedge_cash_reserve: 5_000.0,
            half_spread_spx: 0.50,
            half_spread_vix_option: 0.05,
            half_spread_vix_future: 0.05,
            fomc_widening: 3.0,
        }
    }
}
