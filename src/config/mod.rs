//! The whole user configuration: one serde value that the URL fragment, local storage, the
//! fingerprint (R16) and the JavaScript API all share. Field units are in the names or docs.

pub mod decimal;
pub mod defaults;
pub mod error;
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

/// Version of the serialized form; bumped when a field changes meaning.
pub const CONFIG_VERSION: u32 = 1;

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
    /// VIX minus SPX ATM implied vol, in vol points (default 2.0).
    pub vix_atm_spread: f64,
    /// SPX ATM implied vol override, decimal; when set the spread is VIX - 100 x this.
    pub atm_iv_override: Option<f64>,
    /// SPX smile in standardized moneyness (spec §3.2).
    pub smile: SmileParams,
    /// VIX option vol-of-vol (spec §3.3).
    pub vov: VovParams,
    /// VIX futures quotes: (expiry date, price in VIX points), nearest first.
    pub futures: Vec<FuturePoint>,
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

/// The linked SPX-VIX scenario (spec §4.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioConfig {
    /// VIX elasticity to SPX falls (1% fall -> +beta_dn % VIX).
    pub beta_dn: f64,
    /// VIX elasticity to SPX rallies.
    pub beta_up: f64,
    /// Convexity of falls (gamma in g(x)).
    pub convexity: f64,
    /// Parallel VIX shock in points, added at every horizon.
    pub vix_shock: f64,
    pub vix_mode: VixMode,
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
    fn default() -> Self {
        ScenarioConfig {
            beta_dn: 4.5,
            beta_up: 3.0,
            convexity: 40.0,
            vix_shock: 0.0,
            vix_mode: VixMode::Hold,
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
