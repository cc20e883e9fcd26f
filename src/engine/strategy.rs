//! Positions: the condor's four SPX legs and the hedge's VIX legs, and their value at any
//! point of the scenario (spec §4.2, §4.3, §11 "Values and P/L").

use crate::config::{Config, Instrument};
use crate::engine::report::Layer;
use crate::engine::scenario::{Scenario, MIN_VOL};
use crate::pricing::{black76, bsm, OptionKind, PricingError, Valuation};

/// SPX option multiplier, $ per index point.
pub const SPX_MULTIPLIER: f64 = 100.0;

/// What a leg is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LegKind {
    /// European SPX option (BSM with r and q, smile under the scenario).
    Spx { kind: OptionKind, strike: f64 },
    /// VIX option (Black-76 on the VIX future of its expiry).
    VixOption { kind: OptionKind, strike: f64 },
    /// VX or VXM future.
    VixFuture,
}

/// One leg, ready to value.
#[derive(Clone, Debug, PartialEq)]
pub struct Leg {
    pub layer: Layer,
    pub kind: LegKind,
    pub label: String,
    /// Signed contracts.
    pub qty: i64,
    /// $ per point per contract.
    pub multiplier: f64,
    /// Days from valuation to expiry.
    pub expiry_days: i64,
    /// SPX legs: offset added to the model IV (from a user IV override), decimal.
    pub vol_offset: f64,
    /// VIX legs: basis of the quoted future over the fitted curve at this expiry, points.
    pub basis: f64,
    /// Entry price per unit, points (fill or model T+0 value).
    pub entry: f64,
}

/// Market state of one leg at a scenario point: value, Greeks, vol and underlying used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LegState {
    pub valuation: Valuation,
    /// Vol used (decimal); 0 for futures and expired legs.
    pub vol: f64,
    /// Underlying used: SPX level or the VIX future (points).
    pub underlying: f64,
}

/// Years from a number of days (calendar days / 365).
pub fn years(days: f64) -> f64 {
    days / 365.0
}

impl Leg {
    /// Strike in points, 0 for futures.
    pub fn strike(&self) -> f64 {
        match self.kind {
            LegKind::Spx { strike, .. } | LegKind::VixOption { strike, .. } => strike,
            LegKind::VixFuture => 0.0,
        }
    }

    /// Value and Greeks per unit when SPX is at `spot`, `h_days` after valuation.
    pub fn state(&self, sc: &Scenario, spot: f64, h_days: f64) -> Result<LegState, PricingError> {
        let vix = sc.vix_at(spot, years(h_days));
        self.state_with_vix(sc, spot, vix, h_days)
    }

    /// As `state`, with the VIX level given (used for VIX bumps).
    pub fn state_with_vix(
        &self,
        sc: &Scenario,
        spot: f64,
        vix: f64,
        h_days: f64,
    ) -> Result<LegState, PricingError> {
        let remaining_days = self.expiry_days as f64 - h_days;
        let tau = years(remaining_days.max(0.0));
        match self.kind {
            LegKind::Spx { kind, strike } => {
                if tau <= 0.0 {
                    let v = bsm(kind, spot, strike, 0.0, 0.2, sc.rate, sc.div_yield)?;
                    return Ok(LegState {
                        valuation: v,
                        vol: 0.0,
                        underlying: spot,
                    });
                }
                let vol = (sc.spx_vol(spot, vix, strike, tau) + self.vol_offset).max(MIN_VOL);
                let v = bsm(kind, spot, strike, tau, vol, sc.rate, sc.div_yield)?;
                Ok(LegState {
                    valuation: v,
                    vol,
                    underlying: spot,
                })
            }
            LegKind::VixOption { kind, strike } => {
                if tau <= 0.0 {
                    let v = black76(kind, vix, strike, 0.0, 0.5, sc.rate)?;
                    return Ok(LegState {
                        valuation: v,
                        vol: 0.0,
                        underlying: vix,
                    });
                }
                let fwd = self.future_price(sc, vix, h_days);
                let vol = sc.vov.vol(strike, fwd, remaining_days);
                let v = black76(kind, fwd, strike, tau, vol, sc.rate)?;
                Ok(LegState {
                    valuation: v,
                    vol,
                    underlying: fwd,
                })
            }
            LegKind::VixFuture => {
                let f = if tau <= 0.0 {
                    vix
                } else {
                    self.future_price(sc, vix, h_days)
                };
                let valuation = Valuation {
                    price: f,
                    delta: 1.0,
                    gamma: 0.0,
                    vega: 0.0,
                    theta: 0.0,
                    rho: 0.0,
                };
                Ok(LegState {
                    valuation,
                    vol: 0.0,
                    underlying: f,
                })
            }
        }
    }

    /// The VIX future of this leg's expiry at horizon `h_days` when VIX is `vix`: the fitted
    /// curve plus the quote's basis, the basis fading linearly to zero at expiry so the
    /// future converges to VIX.
    pub fn future_price(&self, sc: &Scenario, vix: f64, h_days: f64) -> f64 {
        let t = self.expiry_days as f64;
        let fade = if t > 0.0 {
            ((t - h_days) / t).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (sc.fitted_future(vix, years(t), years(h_days)) + self.basis * fade).max(0.01)
    }

    /// P/L in $ of the leg if it is valued at `price` per unit.
    pub fn pnl(&self, price: f64) -> f64 {
        self.qty as f64 * self.multiplier * (price - self.entry)
    }
}

/// Builds the four condor legs (entries not yet set: 0) from the config.
pub fn condor_legs(config: &Config) -> Vec<Leg> {
    let c = &config.condor;
    let days = config.market.valuation_date.days_until(c.expiry);
    let n = c.contracts;
    let specs = [
        (OptionKind::Put, c.short_put - c.put_wing, n, "long"),
        (OptionKind::Put, c.short_put, -n, "short"),
        (OptionKind::Call, c.short_call, -n, "short"),
        (OptionKind::Call, c.short_call + c.call_wing, n, "long"),
    ];
    specs
        .iter()
        .map(|&(kind, strike, qty, side)| Leg {
            layer: Layer::Condor,
            kind: LegKind::Spx { kind, strike },
            label: format!(
                "{side} SPX {} {}",
                fmt_strike(strike),
                if kind == OptionKind::Put {
                    "put"
                } else {
                    "call"
                }
            ),
            qty,
            multiplier: SPX_MULTIPLIER,
            expiry_days: days,
            vol_offset: 0.0,
            basis: 0.0,
            entry: 0.0,
        })
        .collect()
}

/// Builds the hedge legs (entries and basis not yet set) from the config.
pub fn hedge_legs(config: &Config) -> Vec<Leg> {
    let valuation = config.market.valuation_date;
    config
        .hedge
        .legs
        .iter()
        .map(|h| {
            let side = if h.qty >= 0 { "long" } else { "short" };
            let (kind, label) = match h.instrument {
                Instrument::VixCall => (
                    LegKind::VixOption {
                        kind: OptionKind::Call,
                        strike: h.strike,
                    },
                    format!("{side} VIX {} call {}", fmt_strike(h.strike), h.expiry),
                ),
                Instrument::VixPut => (
                    LegKind::VixOption {
                        kind: OptionKind::Put,
                        strike: h.strike,
                    },
                    format!("{side} VIX {} put {}", fmt_strike(h.strike), h.expiry),
                ),
                Instrument::Vx => (LegKind::VixFuture, format!("{side} VX future {}", h.expiry)),
                Instrument::Vxm => (
                    LegKind::VixFuture,
                    format!("{side} VXM future {}", h.expiry),
                ),
            };
            Leg {
                layer: Layer::Hedge,
                kind,
                label,
                qty: h.qty,
                multiplier: h.instrument.multiplier(),
                expiry_days: valuation.days_until(h.expiry),
                vol_offset: 0.0,
                basis: 0.0,
                entry: 0.0,
            }
        })
        .collect()
}

/// A strike without a needless ".0".
pub fn fmt_strike(k: f64) -> String {
    if (k - k.round()).abs() < 1e-9 {
        format!("{}", k.round() as i64)
    } else {
        format!("{k}")
    }
}
