//! Named starting points: market presets (calm contango, stressed backwardation, pre-FOMC),
//! the "stress" distribution preset, a condor set by target deltas, and hedge presets (VIX call
//! spread, VIX call calendar). Each returns a new Config; nothing here prices P/L.

use crate::calendar::expiry::vix_expiries_from;
use crate::config::defaults::{delta_strike, nearest};
use crate::config::{Config, FuturePoint, HedgeConfig, HedgeLeg, Instrument};
use crate::pricing::OptionKind;
use serde::{Deserialize, Serialize};

/// A named market preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarketPreset {
    /// VIX 16 in contango (the defaults).
    CalmContango,
    /// VIX 32 in backwardation, wider VIX-ATM spread, richer vol-of-vol, jump risk on.
    StressedBackwardation,
    /// Calm market two days before an FOMC decision.
    PreFomc,
}

impl MarketPreset {
    pub const ALL: [MarketPreset; 3] = [
        MarketPreset::CalmContango,
        MarketPreset::StressedBackwardation,
        MarketPreset::PreFomc,
    ];

    /// Label for a menu.
    pub fn label(self) -> &'static str {
        match self {
            MarketPreset::CalmContango => "Calm contango",
            MarketPreset::StressedBackwardation => "Stressed backwardation",
            MarketPreset::PreFomc => "Pre-FOMC",
        }
    }
}

/// Futures curve of the stressed preset (VIX 32), nearest first.
pub const STRESSED_FUTURES: [f64; 6] = [29.0, 27.5, 26.4, 25.6, 25.0, 24.6];

/// The "stress" distribution of spec §5: 0.5 jumps a year, mean log jump -8%, jump vol 6%.
pub fn with_stress_distribution(config: &Config) -> Config {
    let mut c = config.clone();
    c.view.jump_intensity = 0.5;
    c.view.jump_mean = -0.08;
    c.view.jump_vol = 0.06;
    c
}

/// Applies a market preset to `config`, keeping the valuation date and the position.
pub fn apply_market_preset(config: &Config, preset: MarketPreset) -> Config {
    let base = Config::defaults_for(config.market.valuation_date);
    let mut c = config.clone();
    c.market = base.market.clone();
    c.scenario = base.scenario.clone();
    c.view.jump_intensity = 0.0;
    match preset {
        MarketPreset::CalmContango => {}
        MarketPreset::StressedBackwardation => {
            // The quotes below are taken at VIX 32 (ATM vol 0.85 x 32 = 27.2 points).
            c.market.vix = 32.0;
            c.market.quotes_vix = 32.0;
            c.market.vov.vov_30d = 1.2;
            for (f, p) in c.market.futures.iter_mut().zip(STRESSED_FUTURES) {
                f.price = p;
            }
            c = with_stress_distribution(&c);
        }
        MarketPreset::PreFomc => {
            c.indicators.days_to_fomc = 2;
        }
    }
    c
}

/// The condor re-struck at target absolute deltas (e.g. 0.16) for its shorts, with the given
/// wings, at the model's T+0 smile; strikes on the 5-point grid.
pub fn condor_by_delta(
    config: &Config,
    put_delta: f64,
    call_delta: f64,
    put_wing: f64,
    call_wing: f64,
) -> Config {
    let mut c = config.clone();
    let m = &config.market;
    let days = m.valuation_date.days_until(config.condor.expiry).max(1);
    let years = days as f64 / 365.0;
    let atm = m.atm_vol_today();
    c.condor.short_put = delta_strike(m, OptionKind::Put, years, atm, put_delta.clamp(0.01, 0.49));
    c.condor.short_call = delta_strike(
        m,
        OptionKind::Call,
        years,
        atm,
        call_delta.clamp(0.01, 0.49),
    );
    c.condor.put_wing = put_wing;
    c.condor.call_wing = call_wing;
    c
}

/// The VIX expiry nearest the condor's, and the future quoted for it (or the nearest quote).
fn hedge_expiry_and_future(config: &Config) -> (crate::calendar::Date, f64) {
    let m = &config.market;
    let candidates = vix_expiries_from(m.valuation_date.add_days(1), 12);
    let expiry = nearest(&candidates, config.condor.expiry);
    let future = m
        .futures
        .iter()
        .min_by_key(|f: &&FuturePoint| f.expiry.days_until(expiry).abs())
        .map(|f| f.price)
        .unwrap_or(m.vix);
    (expiry, future)
}

/// A long VIX call spread at the VIX expiry nearest the condor's, strikes F + `low_offset` and
/// F + `high_offset` rounded to whole points, `qty` spreads.
pub fn vix_call_spread(config: &Config, low_offset: f64, high_offset: f64, qty: i64) -> Config {
    let (expiry, f) = hedge_expiry_and_future(config);
    let leg = |strike: f64, qty: i64| HedgeLeg {
        instrument: Instrument::VixCall,
        strike,
        expiry,
        qty,
        entry: None,
    };
    let mut c = config.clone();
    c.hedge = HedgeConfig {
        legs: vec![
            leg((f + low_offset).round(), qty),
            leg((f + high_offset).round(), -qty),
        ],
    };
    c
}

/// A long VIX call calendar: short the call at the VIX expiry nearest the condor's, long the
/// same strike one VIX expiry later; strike F + `offset` rounded, `qty` calendars.
pub fn vix_call_calendar(config: &Config, offset: f64, qty: i64) -> Config {
    let (near, f) = hedge_expiry_and_future(config);
    let far = vix_expiries_from(near.add_days(1), 1)
        .first()
        .copied()
        .unwrap_or(near.add_days(28));
    let strike = (f + offset).round();
    let leg = |expiry, qty: i64| HedgeLeg {
        instrument: Instrument::VixCall,
        strike,
        expiry,
        qty,
        entry: None,
    };
    let mut c = config.clone();
    c.hedge = HedgeConfig {
        legs: vec![leg(near, -qty), leg(far, qty)],
    };
    c
}

/// A hedge of `legs` legs cycling through every instrument (VIX call, VIX put, VX, VXM) and
/// through the futures expiries of `config`, alternately 3 long and 2 short, strikes from 15
/// VIX points up in steps of `strike_step`: the many-leg position of the benchmarks and tests.
pub fn instrument_mix(config: &Config, legs: usize, strike_step: f64) -> Vec<HedgeLeg> {
    let expiries: Vec<crate::calendar::Date> =
        config.market.futures.iter().map(|f| f.expiry).collect();
    if expiries.is_empty() {
        return Vec::new();
    }
    (0..legs)
        .map(|i| HedgeLeg {
            instrument: match i % 4 {
                0 => Instrument::VixCall,
                1 => Instrument::VixPut,
                2 => Instrument::Vx,
                _ => Instrument::Vxm,
            },
            strike: 15.0 + strike_step * i as f64,
            expiry: expiries[i % expiries.len()],
            qty: if i % 2 == 0 { 3 } else { -2 },
            entry: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;

    fn base() -> Config {
        Config::defaults_for(Date::from_ymd(2026, 11, 24).unwrap())
    }

    #[test]
    fn presets_are_valid_and_evaluate() {
        for p in MarketPreset::ALL {
            let c = apply_market_preset(&base(), p);
            assert!(crate::config::validate::validate(&c).is_empty(), "{p:?}");
            assert!(crate::evaluate(&c).is_ok(), "{p:?}");
        }
        let stressed = apply_market_preset(&base(), MarketPreset::StressedBackwardation);
        assert!(stressed.market.futures[0].price < stressed.market.vix);
        assert_eq!(stressed.view.jump_intensity, 0.5);
    }

    #[test]
    fn condor_by_delta_moves_strikes_out_for_smaller_deltas() {
        let c10 = condor_by_delta(&base(), 0.10, 0.10, 25.0, 25.0);
        let c16 = condor_by_delta(&base(), 0.16, 0.16, 50.0, 50.0);
        assert!(c10.condor.short_put < c16.condor.short_put);
        assert!(c10.condor.short_call > c16.condor.short_call);
        assert_eq!(c16.condor.short_put, base().condor.short_put);
        assert_eq!(c10.condor.put_wing, 25.0);
    }

    #[test]
    fn hedge_presets_build_the_named_structures() {
        let spread = vix_call_spread(&base(), 2.0, 7.0, 12);
        assert_eq!(spread.hedge, base().hedge);
        let cal = vix_call_calendar(&base(), 2.0, 5);
        let legs = &cal.hedge.legs;
        assert_eq!(legs.len(), 2);
        assert_eq!(legs[0].strike, legs[1].strike);
        assert!(legs[0].expiry < legs[1].expiry && legs[0].qty == -5 && legs[1].qty == 5);
        assert!(crate::evaluate(&cal).is_ok());
    }
}
