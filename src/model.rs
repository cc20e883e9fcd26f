//! A configuration turned into something to value: the scenario and every leg with its entry
//! price, basis and IV offset. `Model::pnl` is the P/L of each layer at any (S, h).

use crate::config::Config;
use crate::error::{ConfigErrors, FieldError};
use crate::market::curve::TermStructure;
use crate::pricing::{black_price_undiscounted, PricingError};
use crate::report::Layer;
use crate::scenario::{Scenario, MIN_VOL};
use crate::strategy::{condor_legs, hedge_legs, years, Leg, LegKind};

/// The valued position.
#[derive(Clone, Debug)]
pub struct Model {
    pub scenario: Scenario,
    /// Condor legs first, then hedge legs.
    pub legs: Vec<Leg>,
    /// Days from valuation to the condor expiry.
    pub condor_days: i64,
    /// Model credit per condor, points (before a typed fill).
    pub model_credit: f64,
    /// Credit per condor used for P/L, points.
    pub credit: f64,
}

/// P/L of the two layers at one point, $.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayerPnl {
    pub condor: f64,
    pub hedge: f64,
}

impl LayerPnl {
    pub fn combined(&self) -> f64 {
        self.condor + self.hedge
    }
}

pub(crate) fn model_error(e: PricingError) -> ConfigErrors {
    ConfigErrors(vec![FieldError::new(
        "model",
        format!("pricing failed: {e}"),
    )])
}

impl Model {
    /// Builds the model from a validated config.
    pub fn build(config: &Config) -> Result<Model, ConfigErrors> {
        let m = &config.market;
        let today = m.valuation_date;
        let points: Vec<(f64, f64)> = m
            .futures
            .iter()
            .map(|f| (years(today.days_until(f.expiry) as f64), f.price))
            .collect();
        let curve = TermStructure::fit(m.vix, &points);
        let scenario = Scenario::new(config, curve);
        let s0 = m.spot;
        let mut legs = condor_legs(config);
        legs.extend(hedge_legs(config));
        // IV override offsets (condor legs, in order) and futures basis (hedge legs).
        for (i, leg) in legs.iter_mut().enumerate() {
            match leg.kind {
                LegKind::Spx { strike, .. } => {
                    if let Some(iv) = config.condor.iv_overrides.get(i).copied().flatten() {
                        let tau = years(leg.expiry_days as f64);
                        leg.vol_offset = iv - scenario.spx_vol(s0, m.vix, strike, tau);
                    }
                }
                LegKind::VixOption { .. } | LegKind::VixFuture => {
                    let expiry = today.add_days(leg.expiry_days);
                    if let Some(q) = m.futures.iter().find(|f| f.expiry == expiry) {
                        let fitted =
                            scenario.fitted_future(m.vix, years(leg.expiry_days as f64), 0.0);
                        leg.basis = q.price - fitted;
                    }
                }
            }
        }
        // Entries: model T+0 values, then typed fills.
        for leg in legs.iter_mut() {
            leg.entry = leg
                .state(&scenario, s0, 0.0)
                .map_err(model_error)?
                .valuation
                .price;
        }
        let n_condor = 4;
        let model_credit: f64 = legs[..n_condor]
            .iter()
            .map(|l| -(l.qty.signum() as f64) * l.entry)
            .sum();
        let credit = config.condor.fill_credit.unwrap_or(model_credit);
        // A typed fill moves the two short legs' entries by half the difference each.
        let adjust = 0.5 * (credit - model_credit);
        for leg in legs[..n_condor].iter_mut().filter(|l| l.qty < 0) {
            leg.entry += adjust;
        }
        for (leg, cfg) in legs[n_condor..].iter_mut().zip(&config.hedge.legs) {
            if let Some(entry) = cfg.entry {
                leg.entry = entry;
            }
        }
        let condor_days = today.days_until(config.condor.expiry);
        Ok(Model {
            scenario,
            legs,
            condor_days,
            model_credit,
            credit,
        })
    }

    /// P/L of each layer, $, when SPX is at `spot` `h_days` after valuation.
    pub fn pnl(&self, spot: f64, h_days: f64) -> Result<LayerPnl, PricingError> {
        let vix = self.scenario.vix_at(spot, years(h_days));
        self.pnl_with_vix(spot, vix, h_days)
    }

    /// As `pnl` with VIX given.
    pub fn pnl_with_vix(&self, spot: f64, vix: f64, h_days: f64) -> Result<LayerPnl, PricingError> {
        let mut out = LayerPnl::default();
        for leg in &self.legs {
            let p = leg.pnl(
                leg.state_with_vix(&self.scenario, spot, vix, h_days)?
                    .valuation
                    .price,
            );
            match leg.layer {
                Layer::Condor => out.condor += p,
                Layer::Hedge => out.hedge += p,
            }
        }
        Ok(out)
    }

    /// P/L of each layer at every spot of `spots`, `h_days` after valuation: the same numbers
    /// as [`Model::pnl`] (to rounding), with each leg's per-horizon constants (discount
    /// factors, carry, vol-of-vol level, futures decay) computed once and price-only formulas,
    /// for the curves and the distribution nodes. Spots must be positive and finite.
    pub fn pnl_many(&self, spots: &[f64], h_days: f64) -> Vec<LayerPnl> {
        let sc = &self.scenario;
        let hy = years(h_days);
        let prepared: Vec<Prepared> = self
            .legs
            .iter()
            .map(|l| Prepared::new(l, sc, h_days))
            .collect();
        spots
            .iter()
            .map(|&spot| {
                let vix = sc.vix_at(spot, hy);
                let atm = sc.atm_vol(vix);
                let ln_s = spot.ln();
                let mut out = LayerPnl::default();
                for (leg, prep) in self.legs.iter().zip(&prepared) {
                    let price = prep.price(sc, spot, ln_s, vix, atm);
                    let p = leg.pnl(price);
                    match leg.layer {
                        Layer::Condor => out.condor += p,
                        Layer::Hedge => out.hedge += p,
                    }
                }
                out
            })
            .collect()
    }

    /// Every strike of the SPX legs (points), sorted.
    pub fn spx_strikes(&self) -> Vec<f64> {
        let mut k: Vec<f64> = self
            .legs
            .iter()
            .filter(|l| matches!(l.kind, LegKind::Spx { .. }))
            .map(|l| l.strike())
            .collect();
        k.sort_by(f64::total_cmp);
        k.dedup();
        k
    }
}

/// One leg's constants at one horizon, for [`Model::pnl_many`].
enum Prepared {
    /// At or past expiry: intrinsic value on SPX (`on_vix` false) or on VIX.
    Expired {
        w: f64,
        strike: f64,
        on_vix: bool,
        future: bool,
    },
    Spx {
        w: f64,
        strike: f64,
        ln_strike: f64,
        years: f64,
        carry: f64,
        df: f64,
        sqrt_t: f64,
        vol_offset: f64,
    },
    VixOption {
        w: f64,
        strike: f64,
        decay: f64,
        basis: f64,
        vov_atm: f64,
        df: f64,
        sqrt_t: f64,
    },
    Future {
        decay: f64,
        basis: f64,
    },
}

impl Prepared {
    fn new(leg: &Leg, sc: &Scenario, h_days: f64) -> Prepared {
        let remaining = leg.expiry_days as f64 - h_days;
        let tau = years(remaining.max(0.0));
        let t_exp = leg.expiry_days as f64;
        let fade = if t_exp > 0.0 {
            ((t_exp - h_days) / t_exp).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let decay = (-sc.curve.kappa * tau).exp();
        match leg.kind {
            LegKind::Spx { kind, strike } if tau > 0.0 => Prepared::Spx {
                w: kind.sign(),
                strike,
                ln_strike: strike.ln(),
                years: tau,
                carry: (sc.rate - sc.div_yield) * tau,
                df: (-sc.rate * tau).exp(),
                sqrt_t: tau.sqrt(),
                vol_offset: leg.vol_offset,
            },
            LegKind::Spx { kind, strike } => Prepared::Expired {
                w: kind.sign(),
                strike,
                on_vix: false,
                future: false,
            },
            LegKind::VixOption { kind, strike } if tau > 0.0 => Prepared::VixOption {
                w: kind.sign(),
                strike,
                decay,
                basis: leg.basis * fade,
                vov_atm: sc.vov.atm(remaining),
                df: (-sc.rate * tau).exp(),
                sqrt_t: tau.sqrt(),
            },
            LegKind::VixOption { kind, strike } => Prepared::Expired {
                w: kind.sign(),
                strike,
                on_vix: true,
                future: false,
            },
            LegKind::VixFuture if tau > 0.0 => Prepared::Future {
                decay,
                basis: leg.basis * fade,
            },
            LegKind::VixFuture => Prepared::Expired {
                w: 1.0,
                strike: 0.0,
                on_vix: true,
                future: true,
            },
        }
    }

    /// Price per unit at one scenario point (SPX `spot` with its log, VIX level, SPX ATM vol).
    fn price(&self, sc: &Scenario, spot: f64, ln_s: f64, vix: f64, atm: f64) -> f64 {
        let future = |decay: f64, basis: f64| {
            (sc.curve.theta + (vix - sc.curve.theta) * decay + basis).max(0.01)
        };
        match *self {
            Prepared::Expired { future: true, .. } => vix,
            Prepared::Expired {
                w, strike, on_vix, ..
            } => {
                let u = if on_vix { vix } else { spot };
                (w * (u - strike)).max(0.0)
            }
            Prepared::Spx {
                w,
                strike,
                ln_strike,
                years,
                carry,
                df,
                sqrt_t,
                vol_offset,
            } => {
                let k = ln_strike - ln_s - carry;
                let vol = (sc.smile.vol_at_log_moneyness(atm, k, years) + vol_offset).max(MIN_VOL);
                df * black_price_undiscounted(w, -k, vol * sqrt_t, strike)
            }
            Prepared::VixOption {
                w,
                strike,
                decay,
                basis,
                vov_atm,
                df,
                sqrt_t,
            } => {
                let f = future(decay, basis);
                let x = (strike / f).ln();
                let vol = sc.vov.vol_with_atm(vov_atm, x);
                df * black_price_undiscounted(w, -x, vol * sqrt_t, strike)
            }
            Prepared::Future { decay, basis } => future(decay, basis),
        }
    }
}
