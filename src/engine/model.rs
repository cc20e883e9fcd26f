//! A configuration turned into something to value: the scenario and every leg with its entry
//! price, basis and IV offset. `Model::pnl` is the P/L of each layer at any (S, h).

use crate::config::error::{ConfigErrors, FieldError};
use crate::config::Config;
use crate::engine::report::Layer;
use crate::engine::scenario::{Scenario, MIN_VOL};
use crate::engine::strategy::{condor_legs, hedge_legs, years, Leg, LegKind};
use crate::market::curve::TermStructure;
use crate::pricing::{black_parts, black_price_ratio, PricingError};

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
        // Quotes follow spot VIX unless locked (spec §3.4).
        let quotes = m.effective_futures(&config.scenario);
        let points: Vec<(f64, f64)> = quotes
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
                    if let Some(q) = quotes.iter().find(|f| f.expiry == expiry) {
                        let fitted =
                            scenario.fitted_future(m.vix, years(leg.expiry_days as f64), 0.0);
                        leg.basis = q.price - fitted;
                    }
                }
            }
        }
        // Entries: model T+0 values in today's market, then typed fills. The VIX shock is a
        // scenario move (spec §11: added at every horizon including T+0, never to entries),
        // so entries are valued without it and T+0 P/L at S0 shows its cost.
        let today_market = Scenario {
            shock: 0.0,
            ..scenario.clone()
        };
        for leg in legs.iter_mut() {
            leg.entry = leg
                .state(&today_market, s0, 0.0)
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
    /// factors, carry, vol-of-vol level and skew, futures line) computed once and price-only formulas,
    /// for the curves and the distribution nodes. Spots must be positive and finite.
    pub fn pnl_many(&self, spots: &[f64], h_days: f64) -> Vec<LayerPnl> {
        self.at_horizon(h_days).pnl_many(spots)
    }

    /// The position at one horizon, `h_days` after valuation, with every leg's per-horizon
    /// constants computed once: [`HorizonPnl::pnl`] is the price-only P/L at any spot, for
    /// the root and extremum searches that value one point at a time.
    pub fn at_horizon(&self, h_days: f64) -> HorizonPnl<'_> {
        let sc = &self.scenario;
        HorizonPnl {
            model: self,
            h_years: years(h_days),
            prepared: self
                .legs
                .iter()
                .map(|l| Prepared::new(l, sc, h_days))
                .collect(),
        }
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

/// A VIX option's future F at the scenario VIX, its log-moneyness x = ln(K/F) and its
/// vol-of-vol there.
#[inline(always)]
fn vix_option_vol(
    sc: &Scenario,
    vix: f64,
    (line, basis): ((f64, f64), f64),
    strike: f64,
    (vov_atm, vov_skew): (f64, f64),
) -> (f64, f64, f64) {
    let f = Prepared::future_at(vix, line, basis);
    let x = (strike / f).ln();
    (f, x, sc.vov.vol_with_atm(vov_atm, vov_skew, x))
}

/// The log-moneyness k = ln(K/F) passed in, and an SPX leg's vol there: the smile around the
/// scenario ATM vol `atm`, plus the leg's offset from a typed IV, at least `MIN_VOL`.
#[inline(always)]
fn spx_smile_vol(sc: &Scenario, atm: f64, k: f64, years: f64, vol_offset: f64) -> (f64, f64) {
    let vol = at_least(
        sc.smile.vol_at_log_moneyness(atm, k, years) + vol_offset,
        MIN_VOL,
    );
    (k, vol)
}

/// max(v, lo) for a non-NaN `lo` (NaN `v` gives `lo`, as `f64::max`), written out so that
/// size-optimised builds inline it in the pricing loops.
#[inline(always)]
fn at_least(v: f64, lo: f64) -> f64 {
    if v > lo {
        v
    } else {
        lo
    }
}

/// The model at one horizon with the legs' per-horizon constants (from [`Model::at_horizon`]).
pub struct HorizonPnl<'a> {
    model: &'a Model,
    h_years: f64,
    prepared: Vec<Prepared>,
}

impl HorizonPnl<'_> {
    /// P/L of each layer, $, with SPX at `spot` (positive, finite): the same numbers as
    /// [`Model::pnl`] to rounding, without the Greeks and the input checks.
    pub fn pnl(&self, spot: f64) -> LayerPnl {
        self.pnl_and_vix(spot).0
    }

    /// P/L of one layer, $, at `spot`, valuing only that layer's legs (the break-even,
    /// extremum and PoP searches of a single layer need no more): the same number as the
    /// layer's field of [`HorizonPnl::pnl`].
    pub fn layer_pnl(&self, spot: f64, layer: Layer) -> f64 {
        let sc = &self.model.scenario;
        let vix = sc.vix_at(spot, self.h_years);
        let atm = sc.atm_vol(vix);
        let ln_s = spot.ln();
        let mut total = 0.0;
        for (leg, prep) in self.model.legs.iter().zip(&self.prepared) {
            if leg.layer == layer {
                total += leg.pnl(prep.price(sc, spot, ln_s, vix, atm));
            }
        }
        total
    }

    /// [`HorizonPnl::pnl`] at every spot of `spots` (see [`HorizonPnl::pnl_and_vix_many`]).
    pub fn pnl_many(&self, spots: &[f64]) -> Vec<LayerPnl> {
        self.pnl_and_vix_many(spots).0
    }

    /// [`HorizonPnl::pnl_and_vix`] at every spot of `spots` (positive, finite), leg by leg
    /// over the whole batch: bit-for-bit the same numbers (each spot still adds its legs in
    /// order), with the per-spot scenario (VIX, ATM vol, ln S) computed once per spot and one
    /// leg's formula running over many independent spots, which the processor overlaps.
    pub fn pnl_and_vix_many(&self, spots: &[f64]) -> (Vec<LayerPnl>, Vec<f64>) {
        let sc = &self.model.scenario;
        let vix: Vec<f64> = spots.iter().map(|&s| sc.vix_at(s, self.h_years)).collect();
        let atm: Vec<f64> = vix.iter().map(|&v| sc.atm_vol(v)).collect();
        let ln_s: Vec<f64> = spots.iter().map(|s| s.ln()).collect();
        let mut out = vec![LayerPnl::default(); spots.len()];
        for (leg, prep) in self.model.legs.iter().zip(&self.prepared) {
            let points = out.iter_mut().zip(spots).zip(&ln_s).zip(&vix).zip(&atm);
            match leg.layer {
                Layer::Condor => {
                    for ((((o, &s), &l), &v), &a) in points {
                        o.condor += leg.pnl(prep.price(sc, s, l, v, a));
                    }
                }
                Layer::Hedge => {
                    for ((((o, &s), &l), &v), &a) in points {
                        o.hedge += leg.pnl(prep.price(sc, s, l, v, a));
                    }
                }
            }
        }
        (out, vix)
    }

    /// The price per unit (points) of every leg, in [`Model::legs`] order, with SPX at `spot`
    /// (positive, finite) and VIX at `vix` points given rather than taken from the scenario's
    /// link: SPX vols from that VIX and the smile, VIX futures from the curve re-anchored to
    /// it, legs at or past expiry at intrinsic value. For marking a position along a realised
    /// path (`crate::history`). Writes into `out` (cleared first) to spare an allocation per day.
    pub fn leg_prices_with_vix(&self, spot: f64, vix: f64, out: &mut Vec<f64>) {
        let sc = &self.model.scenario;
        let atm = sc.atm_vol(vix);
        let ln_s = spot.ln();
        out.clear();
        out.extend(
            self.prepared
                .iter()
                .map(|prep| prep.price(sc, spot, ln_s, vix, atm)),
        );
    }

    /// P/L of each layer, $, with SPX at `spot` (positive, finite) and VIX at `vix` points
    /// given instead of the link's value (as [`HorizonPnl::leg_prices_with_vix`] prices the
    /// legs): for the History band around the curves (issue 19 item 2).
    pub fn pnl_at_vix(&self, spot: f64, vix: f64) -> LayerPnl {
        let sc = &self.model.scenario;
        let atm = sc.atm_vol(vix);
        let ln_s = spot.ln();
        let mut out = LayerPnl::default();
        for (leg, prep) in self.model.legs.iter().zip(&self.prepared) {
            let p = leg.pnl(prep.price(sc, spot, ln_s, vix, atm));
            match leg.layer {
                Layer::Condor => out.condor += p,
                Layer::Hedge => out.hedge += p,
            }
        }
        out
    }

    /// [`HorizonPnl::pnl`] and the scenario VIX at `spot` (points).
    pub fn pnl_and_vix(&self, spot: f64) -> (LayerPnl, f64) {
        let vix = self.model.scenario.vix_at(spot, self.h_years);
        (self.pnl_at_vix(spot, vix), vix)
    }

    /// [`HorizonPnl::pnl`] and the combined Greeks at `spot` in one pass (price-only and
    /// Greek formulas share N(d1), N(d2), phi(d1)): the same numbers as
    /// [`crate::engine::analysis::greeks_curve`] to rounding, i.e. plain $ delta and $ gamma
    /// per 1% of the SPX legs (VIX held), vega in $ per SPX vol point (the hedge's VIX-point
    /// sensitivity through the full model divided by the ATM ratio), theta in $ per day.
    pub fn pnl_and_greeks(&self, spot: f64) -> (LayerPnl, SpotGreeks) {
        self.pnl_vix_greeks(spot).0
    }

    /// [`HorizonPnl::pnl_and_greeks`] and the scenario VIX at `spot` (points).
    pub fn pnl_vix_greeks(&self, spot: f64) -> ((LayerPnl, SpotGreeks), f64) {
        let sc = &self.model.scenario;
        let vix = sc.vix_at(spot, self.h_years);
        let atm = sc.atm_vol(vix);
        let ln_s = spot.ln();
        // The hedge's vega is its value change for VIX + 1 (not clamped, as in the reference),
        // per SPX vol point: divided by the ATM ratio (spec §5, §11).
        let vix_up = vix + 1.0;
        let per_spx_point = 1.0 / sc.atm_points_per_vix_point();
        let atm_up = sc.atm_vol(vix_up);
        let mut out = LayerPnl::default();
        let mut g = SpotGreeks::default();
        for (leg, prep) in self.model.legs.iter().zip(&self.prepared) {
            let scale = leg.qty as f64 * leg.multiplier;
            let price = match *prep {
                Prepared::Spx {
                    w,
                    strike,
                    ln_strike,
                    years,
                    carry,
                    ratio_per_spot,
                    df,
                    dfq,
                    sqrt_t,
                    vol_offset,
                } => {
                    let (k, vol) =
                        spx_smile_vol(sc, atm, ln_strike - ln_s - carry, years, vol_offset);
                    let b = black_parts(w, -k, spot * ratio_per_spot, vol * sqrt_t, strike);
                    // bsm's Greeks (src/pricing/bsm.rs) with the smile vol held.
                    let spot_q = spot * dfq;
                    let delta = w * dfq * b.n1;
                    let gamma = dfq * b.pdf1 / (spot * vol * sqrt_t);
                    let vega = spot_q * b.pdf1 * sqrt_t;
                    let theta = -spot_q * b.pdf1 * vol / (2.0 * sqrt_t)
                        - w * sc.rate * strike * df * b.n2
                        + w * sc.div_yield * spot_q * b.n1;
                    g.delta_dollars += delta * spot * scale;
                    g.gamma_dollars_per_pct += gamma * spot * spot / 100.0 * scale;
                    g.vega_per_point += vega / 100.0 * scale;
                    g.theta_per_day += theta / 365.0 * scale;
                    df * b.price
                }
                Prepared::Expired {
                    w,
                    strike,
                    on_vix: false,
                    ..
                } => {
                    // At expiry: delta +/-1 in the money, 0 otherwise; no other Greek.
                    if w * (spot - strike) > 0.0 {
                        g.delta_dollars += w * spot * scale;
                    }
                    prep.price(sc, spot, ln_s, vix, atm)
                }
                Prepared::VixOption {
                    w,
                    strike,
                    line,
                    basis,
                    vov,
                    df,
                    sqrt_t,
                } => {
                    let (f, x, vol) = vix_option_vol(sc, vix, (line, basis), strike, vov);
                    let b = black_parts(w, -x, f / strike, vol * sqrt_t, strike);
                    let price = df * b.price;
                    // black76's theta with the future held: -D F phi(d1) vol / (2 sqrt T) + r V.
                    let theta = -df * f * b.pdf1 * vol / (2.0 * sqrt_t) + sc.rate * price;
                    g.theta_per_day += theta / 365.0 * scale;
                    let up = prep.price(sc, spot, ln_s, vix_up, atm_up);
                    g.vega_per_point += (up - price) * scale * per_spx_point;
                    price
                }
                _ => {
                    let price = prep.price(sc, spot, ln_s, vix, atm);
                    let up = prep.price(sc, spot, ln_s, vix_up, atm_up);
                    g.vega_per_point += (up - price) * scale * per_spx_point;
                    price
                }
            };
            let p = leg.pnl(price);
            match leg.layer {
                Layer::Condor => out.condor += p,
                Layer::Hedge => out.hedge += p,
            }
        }
        ((out, g), vix)
    }
}

/// Combined Greeks of the position at one spot, in trader units (see
/// [`HorizonPnl::pnl_and_greeks`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SpotGreeks {
    /// $ delta of the SPX legs (VIX held): delta x S x qty x multiplier.
    pub delta_dollars: f64,
    /// $ gamma per 1% move of the SPX legs: gamma x S^2 / 100 x qty x multiplier.
    pub gamma_dollars_per_pct: f64,
    /// $ per SPX vol point: SPX legs' vega plus the hedge's value change for +1 VIX point
    /// divided by the ATM ratio (spec §5, §11).
    pub vega_per_point: f64,
    /// $ per calendar day.
    pub theta_per_day: f64,
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
        /// e^{carry} / strike: F/K = spot x this.
        ratio_per_spot: f64,
        df: f64,
        /// e^{-q tau}, for the Greeks.
        dfq: f64,
        sqrt_t: f64,
        vol_offset: f64,
    },
    VixOption {
        w: f64,
        strike: f64,
        /// The future as a line in the scenario VIX, (intercept, slope) of
        /// [`Scenario::future_line`].
        line: (f64, f64),
        basis: f64,
        /// (ATM vol-of-vol, call skew) at the remaining tenor.
        vov: (f64, f64),
        df: f64,
        sqrt_t: f64,
    },
    Future {
        line: (f64, f64),
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
        let line = sc.future_line(years(t_exp), years(h_days));
        match leg.kind {
            LegKind::Spx { kind, strike } if tau > 0.0 => Prepared::Spx {
                w: kind.sign(),
                strike,
                ln_strike: strike.ln(),
                years: tau,
                carry: (sc.rate - sc.div_yield) * tau,
                ratio_per_spot: ((sc.rate - sc.div_yield) * tau).exp() / strike,
                df: (-sc.rate * tau).exp(),
                dfq: (-sc.div_yield * tau).exp(),
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
                line,
                basis: leg.basis * fade,
                vov: (sc.vov.atm(remaining), sc.vov.skew_at(remaining)),
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
                line,
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

    /// A VIX future on the line (intercept, slope) in the scenario VIX with faded basis
    /// `basis` when VIX is `vix` (as [`Leg::future_price`]).
    #[inline(always)]
    fn future_at(vix: f64, (intercept, slope): (f64, f64), basis: f64) -> f64 {
        at_least(intercept + slope * vix + basis, 0.01)
    }

    /// Price per unit at one scenario point (SPX `spot` with its log, VIX level, SPX ATM vol).
    #[inline(always)]
    fn price(&self, sc: &Scenario, spot: f64, ln_s: f64, vix: f64, atm: f64) -> f64 {
        let future = |line: (f64, f64), basis: f64| Prepared::future_at(vix, line, basis);
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
                ratio_per_spot,
                df,
                sqrt_t,
                vol_offset,
                ..
            } => {
                let (k, vol) = spx_smile_vol(sc, atm, ln_strike - ln_s - carry, years, vol_offset);
                df * black_price_ratio(w, -k, spot * ratio_per_spot, vol * sqrt_t, strike)
            }
            Prepared::VixOption {
                w,
                strike,
                line,
                basis,
                vov,
                df,
                sqrt_t,
            } => {
                let (f, x, vol) = vix_option_vol(sc, vix, (line, basis), strike, vov);
                df * black_price_ratio(w, -x, f / strike, vol * sqrt_t, strike)
            }
            Prepared::Future { line, basis } => future(line, basis),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;

    /// The default position plus every hedge instrument, some expiring inside the horizons.
    fn config() -> Config {
        let mut cfg = Config::defaults_for(Date::from_ymd(2026, 11, 24).unwrap());
        cfg.hedge.legs = crate::config::presets::instrument_mix(&cfg, 8, 2.0);
        cfg.condor.iv_overrides = [Some(0.2), None, Some(0.11), None];
        cfg
    }

    #[test]
    fn batch_pnl_is_bit_for_bit_the_point_by_point_pnl() {
        let cfg = config();
        let model = Model::build(&cfg).unwrap();
        let s0 = cfg.market.spot;
        let spots: Vec<f64> = (0..=300)
            .map(|i| s0 * (0.6 + 0.8 * i as f64 / 300.0))
            .collect();
        for days in [0, 5, 17, 30, model.condor_days, 400] {
            let at = model.at_horizon(days as f64);
            let (batch, vix) = at.pnl_and_vix_many(&spots);
            assert_eq!(batch.len(), spots.len());
            for (i, &s) in spots.iter().enumerate() {
                assert_eq!(
                    (batch[i], vix[i]),
                    at.pnl_and_vix(s),
                    "day {days}, spot {s}"
                );
            }
            assert_eq!(at.pnl_many(&spots), batch);
        }
    }

    #[test]
    fn one_pass_greeks_equal_the_leg_by_leg_greeks_curve() {
        let cfg = config();
        let model = Model::build(&cfg).unwrap();
        let s0 = cfg.market.spot;
        let spots: Vec<f64> = (0..=60)
            .map(|i| s0 * (0.8 + 0.4 * i as f64 / 60.0))
            .collect();
        let close = |a: f64, b: f64, scale: f64| (a - b).abs() <= 1e-9 * scale.max(1.0);
        // Past every VIX expiry too, where legs are at intrinsic value.
        for days in [0, 5, 17, 30, model.condor_days, 400] {
            let reference =
                crate::engine::analysis::greeks_curve(&model, &spots, days, String::new()).unwrap();
            let at = model.at_horizon(days as f64);
            let scale = |v: &[f64]| v.iter().fold(0.0, |m: f64, x| m.max(x.abs()));
            for (i, &s) in spots.iter().enumerate() {
                let (pnl, g) = at.pnl_and_greeks(s);
                let slow = model.pnl(s, days as f64).unwrap();
                let ctx = format!("day {days}, spot {s}: {pnl:?} vs {slow:?}");
                // As tests/pipeline.rs `batched_pnl_equals_leg_by_leg_pnl`: the P/L is a
                // difference of prices (rounding of ~1e-12 of a $1e4 position).
                let tol = 1e-7 * (1.0 + slow.condor.abs() + slow.hedge.abs());
                assert!((pnl.condor - slow.condor).abs() <= tol, "{ctx}");
                assert!((pnl.hedge - slow.hedge).abs() <= tol, "{ctx}");
                let pairs = [
                    (g.delta_dollars, &reference.delta_dollars),
                    (g.gamma_dollars_per_pct, &reference.gamma_dollars_per_pct),
                    (g.vega_per_point, &reference.vega_per_point),
                    (g.theta_per_day, &reference.theta_per_day),
                ];
                for (k, (got, want)) in pairs.into_iter().enumerate() {
                    assert!(
                        close(got, want[i], scale(want)),
                        "{ctx}, greek {k}: {got} vs {}",
                        want[i]
                    );
                }
            }
        }
    }
}
