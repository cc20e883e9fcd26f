//! Default configuration for a valuation date (spec §2 and §11): a calm contango market, a
//! 10-lot 16-delta condor at the standard expiry nearest 45 days with 50-point wings, and a
//! VIX F+2/F+7 call spread at the VIX expiry nearest the condor's, sized by R3-R5.

use crate::calendar::expiry::{spx_monthlies_from, vix_expiries_from};
use crate::calendar::Date;
use crate::config::*;
use crate::market::smile::SmileParams;
use crate::market::vov::VovParams;
use crate::pricing::{bsm, OptionKind};

/// Default VIX futures prices for the next six VIX expiries (spec §2).
pub const DEFAULT_FUTURES: [f64; 6] = [17.2, 18.3, 19.0, 19.6, 20.0, 20.3];
/// Condor target: the standard expiry nearest this many days.
pub const CONDOR_TARGET_DAYS: i64 = 45;
/// Short strikes at this absolute delta.
pub const SHORT_DELTA: f64 = 0.16;
/// SPX strike grid, points.
pub const SPX_STRIKE_STEP: f64 = 5.0;
/// Default hedge ratio of notional (R3 with P/CF >= 11, uncapped by R4 in a neutral regime).
pub const DEFAULT_LAYER_RATIO: f64 = 0.12;

impl Config {
    /// The default configuration on `valuation_date`.
    pub fn defaults_for(valuation_date: Date) -> Config {
        let first = valuation_date.add_days(1);
        let futures: Vec<FuturePoint> = vix_expiries_from(first, DEFAULT_FUTURES.len())
            .into_iter()
            .zip(DEFAULT_FUTURES)
            .map(|(expiry, price)| FuturePoint { expiry, price })
            .collect();
        let market = MarketConfig {
            valuation_date,
            spot: 6000.0,
            rate: 0.04,
            div_yield: 0.013,
            vix: 16.0,
            atm_ratio: DEFAULT_ATM_RATIO,
            vix_atm_spread: None,
            atm_iv_override: None,
            smile: SmileParams::default(),
            vov: VovParams::default(),
            futures,
            quotes_vix: 16.0,
            futures_locked: false,
        };
        let condor_expiry = nearest(
            &spx_monthlies_from(first, 4),
            valuation_date.add_days(CONDOR_TARGET_DAYS),
        );
        let years = valuation_date.days_until(condor_expiry) as f64 / 365.0;
        let atm = market.atm_vol_today();
        let short_put = delta_strike(&market, OptionKind::Put, years, atm, SHORT_DELTA);
        let short_call = delta_strike(&market, OptionKind::Call, years, atm, SHORT_DELTA);
        let condor = CondorConfig {
            expiry: condor_expiry,
            short_put,
            short_call,
            put_wing: 50.0,
            call_wing: 50.0,
            contracts: 10,
            fill_credit: None,
            iv_overrides: [None; 4],
        };
        let hedge_expiry = nearest(&vix_expiries_from(first, 8), condor_expiry);
        let future = market
            .futures
            .iter()
            .find(|f| f.expiry == hedge_expiry)
            .map(|f| f.price)
            .unwrap_or(DEFAULT_FUTURES[1]);
        let (low, high) = ((future + 2.0).round(), (future + 7.0).round());
        let notional = condor.put_wing.max(condor.call_wing) * 100.0 * condor.contracts as f64;
        let qty =
            (DEFAULT_LAYER_RATIO * notional / ((high - low) * 100.0) * (1.0 + 1e-9)).floor() as i64;
        let leg = |strike: f64, qty: i64| HedgeLeg {
            instrument: Instrument::VixCall,
            strike,
            expiry: hedge_expiry,
            qty,
            entry: None,
        };
        Config {
            version: CONFIG_VERSION,
            market,
            condor,
            hedge: HedgeConfig {
                legs: vec![leg(low, qty), leg(high, -qty)],
            },
            scenario: ScenarioConfig::default(),
            view: ViewConfig::default(),
            account: AccountConfig::default(),
            indicators: Default::default(),
            rules: Default::default(),
            review: Vec::new(),
        }
    }
}

/// The date in `candidates` nearest `target` (the earlier one on a tie).
pub fn nearest(candidates: &[Date], target: Date) -> Date {
    let mut best = candidates.first().copied().unwrap_or(target);
    for &d in candidates {
        if d.days_until(target).abs() < best.days_until(target).abs() {
            best = d;
        }
    }
    best
}

/// Strike on the 5-point grid whose model delta (smile vol at T+0) is nearest `target`
/// (absolute delta, e.g. 0.16), found by bisection on the strike.
pub fn delta_strike(
    market: &MarketConfig,
    kind: OptionKind,
    years: f64,
    atm_vol: f64,
    target: f64,
) -> f64 {
    let s = market.spot;
    let fwd = s * ((market.rate - market.div_yield) * years).exp();
    let abs_delta = |k: f64| -> f64 {
        let vol = market.smile.vol(atm_vol, k, fwd, years);
        bsm(kind, s, k, years, vol, market.rate, market.div_yield)
            .map(|v| v.delta.abs())
            .unwrap_or(0.0)
    };
    // |delta| falls as the strike moves away from the money on either side.
    let (mut near, mut far) = match kind {
        OptionKind::Put => (s, s * 0.3),
        OptionKind::Call => (s, s * 2.0),
    };
    for _ in 0..100 {
        let mid = 0.5 * (near + far);
        if abs_delta(mid) > target {
            near = mid;
        } else {
            far = mid;
        }
    }
    (0.5 * (near + far) / SPX_STRIKE_STEP).round() * SPX_STRIKE_STEP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_spec() {
        let cfg = Config::defaults_for(Date::from_ymd(2026, 11, 24).unwrap());
        assert!(crate::config::validate::validate(&cfg).is_empty());
        let days = cfg.market.valuation_date.days_until(cfg.condor.expiry);
        assert!((30..=60).contains(&days), "{days}");
        assert_eq!(cfg.condor.short_put % 5.0, 0.0);
        assert!(cfg.condor.short_put < 6000.0 && cfg.condor.short_call > 6000.0);
        assert_eq!(cfg.hedge.legs.len(), 2);
        assert_eq!(cfg.hedge.legs[0].qty, 12); // floor(0.12 * 50,000 / 500)
        assert_eq!(cfg.hedge.legs[1].strike - cfg.hedge.legs[0].strike, 5.0);
    }

    #[test]
    fn the_default_hedge_is_what_r5_recommends_for_the_default_inputs() {
        // `defaults_for` sizes its layer by the R3-R5 arithmetic written out here (R5 needs a
        // report, which needs a config); this keeps the two from drifting apart: on every
        // valuation date over a year, the default hedge is the sizing rule's recommendation.
        let start = Date::from_ymd(2026, 1, 5).unwrap();
        for week in 0..56 {
            let cfg = Config::defaults_for(start.add_days(7 * week));
            let report = crate::evaluate(&cfg).unwrap();
            let sizing = report
                .rules
                .sizing
                .as_ref()
                .expect("a sizing recommendation");
            assert_eq!(
                sizing.hedge.legs, cfg.hedge.legs,
                "{}",
                cfg.market.valuation_date
            );
        }
    }
}
