//! R1 and R3-R6: condor notional, the stepped layer ratio, the regime cap, the hedge size and
//! the calendar budget; the sizing recommendation and the ratio table (spec §6, §11).

use crate::calendar::expiry::vix_expiries_from;
use crate::calendar::Date;
use crate::config::thresholds::{RuleThresholds, SizingInstrument};
use crate::config::{CondorConfig, FuturePoint, HedgeConfig, HedgeLeg, Instrument};
use crate::indicators::Regime;
use crate::market::curve::TermStructure;
use crate::market::vov::VovParams;
use crate::pricing::{black76, OptionKind};
use serde::{Deserialize, Serialize};

/// Relative guard used when flooring a quantity (spec §11 R5): 29 must not become 28 because
/// H / notional came out as 28.999999999.
pub const FLOOR_GUARD: f64 = 1e-9;

/// SPX option multiplier, $ per index point.
pub const SPX_MULTIPLIER: f64 = 100.0;

/// Highest VIX level the scenario allows (spec §4.1 clamp); used to measure an option layer's
/// largest payoff.
const VIX_CEILING: f64 = 150.0;

/// R1: condor notional N = max(put wing, call wing) x 100 x contracts, $.
pub fn condor_notional(c: &CondorConfig) -> f64 {
    c.put_wing.max(c.call_wing) * SPX_MULTIPLIER * c.contracts as f64
}

/// R3: the stepped layer ratio (decimal of N) and the number of 4-point steps applied.
/// P/CF >= threshold: the base ratio; below it, base + step x (ceil(threshold) - floor(P/CF)),
/// at least one step, capped at the max (11 -> 12%, 10.x 16%, 9.x 20%, 8.x 24%, below 8 28%).
pub fn r3_ratio(pcf: f64, th: &RuleThresholds) -> (f64, u32) {
    if pcf >= th.pcf_threshold {
        return (th.base_ratio.min(th.max_ratio), 0);
    }
    let steps = (th.pcf_threshold.ceil() - pcf.floor()).clamp(1.0, 1000.0);
    (
        (th.base_ratio + th.ratio_step * steps).min(th.max_ratio),
        steps as u32,
    )
}

/// R4: the regime cap (decimal of N); None for bearish (only R3's maximum applies).
pub fn regime_cap(regime: Regime, th: &RuleThresholds) -> Option<f64> {
    match regime {
        Regime::Bullish => Some(th.bullish_cap),
        Regime::Neutral => Some(th.neutral_cap),
        Regime::Bearish => None,
    }
}

/// R3 then R4: the ratio the sizing uses (decimal of N).
pub fn capped_ratio(pcf: f64, regime: Regime, th: &RuleThresholds) -> f64 {
    let (r3, _) = r3_ratio(pcf, th);
    match regime_cap(regime, th) {
        Some(cap) => r3.min(cap),
        None => r3.min(th.max_ratio),
    }
}

/// floor(x) with the relative guard of [`FLOOR_GUARD`]; 0 for a negative or non-finite x.
pub fn floor_guarded(x: f64) -> i64 {
    if !x.is_finite() || x <= 0.0 {
        return 0;
    }
    (x * (1.0 + FLOOR_GUARD)).floor().min(1e12) as i64
}

/// The VIX expiry nearest the condor's (spec §11), after the valuation date; on a tie the
/// earlier one (the same choice as the default configuration).
pub fn hedge_expiry(valuation: Date, condor_expiry: Date) -> Option<Date> {
    vix_expiries_from(valuation.add_days(1), 14)
        .into_iter()
        .min_by_key(|d| (d.days_until(condor_expiry).abs(), valuation.days_until(*d)))
}

/// The VIX expiry following `near`.
pub fn next_vix_expiry(near: Date) -> Option<Date> {
    vix_expiries_from(near.add_days(1), 1).into_iter().next()
}

/// Fitted VIX future at `expiry`, points.
pub fn fitted_future(curve: &TermStructure, valuation: Date, expiry: Date) -> f64 {
    curve.future(valuation.days_until(expiry).max(0) as f64 / 365.0)
}

/// "That expiry's future" (spec §11): the quoted price when `quotes` has the expiry, else the
/// fitted curve. Used for strikes and option prices; R5's futures notional uses the fitted F.
pub fn quoted_or_fitted_future(
    quotes: &[FuturePoint],
    curve: &TermStructure,
    valuation: Date,
    expiry: Date,
) -> f64 {
    quotes
        .iter()
        .find(|q| q.expiry == expiry && q.price.is_finite() && q.price > 0.0)
        .map_or_else(|| fitted_future(curve, valuation, expiry), |q| q.price)
}

/// Size of a hedge layer in the R5 sense, $: futures F (fitted) x multiplier x |qty|, plus the
/// largest expiry payoff of the option legs for VIX between 0 and 150 (checked at 0, every
/// strike and 150). For a call spread this is width x 100 x quantity, R5's notional.
pub fn layer_notional(hedge: &HedgeConfig, curve: &TermStructure, valuation: Date) -> f64 {
    let futures: f64 = hedge
        .legs
        .iter()
        .filter(|l| !l.instrument.is_option())
        .map(|l| {
            fitted_future(curve, valuation, l.expiry)
                * l.instrument.multiplier()
                * l.qty.unsigned_abs() as f64
        })
        .sum();
    let options: Vec<&HedgeLeg> = hedge
        .legs
        .iter()
        .filter(|l| l.instrument.is_option())
        .collect();
    let payoff = |v: f64| -> f64 {
        options
            .iter()
            .map(|l| {
                let intrinsic = match l.instrument {
                    Instrument::VixCall => (v - l.strike).max(0.0),
                    _ => (l.strike - v).max(0.0),
                };
                l.qty as f64 * l.instrument.multiplier() * intrinsic
            })
            .sum()
    };
    let mut levels = vec![0.0, VIX_CEILING];
    levels.extend(options.iter().map(|l| l.strike).filter(|k| k.is_finite()));
    let best = levels.into_iter().map(payoff).fold(0.0, f64::max);
    futures + best
}

/// True when two hedges hold the same legs (instrument, strike, expiry, quantity), in any order;
/// entry prices are ignored.
pub fn same_legs(a: &HedgeConfig, b: &HedgeConfig) -> bool {
    let key = |h: &HedgeConfig| {
        let mut v: Vec<(u8, i64, Date, i64)> = h
            .legs
            .iter()
            .map(|l| {
                let inst = match l.instrument {
                    Instrument::VixCall => 0,
                    Instrument::VixPut => 1,
                    Instrument::Vx => 2,
                    Instrument::Vxm => 3,
                };
                let strike = if l.instrument.is_option() {
                    (l.strike * 1e6).round() as i64
                } else {
                    0
                };
                (inst, strike, l.expiry, l.qty)
            })
            .collect();
        v.sort();
        v
    };
    key(a) == key(b)
}

/// The R3-R5 hedge recommendation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SizingRecommendation {
    /// Instrument recommended.
    pub instrument: SizingInstrument,
    /// VIX expiry of the hedge (nearest the condor's).
    pub expiry: Date,
    /// Days from valuation to that expiry.
    pub days: i64,
    /// That expiry's future used for the strikes, points: the quote when the expiry is quoted,
    /// else the fitted curve.
    pub future: f64,
    /// Fitted VIX future at that expiry, points (R5's futures notional).
    pub future_fitted: f64,
    /// Strikes (long, short) for a call spread, VIX points; empty for futures.
    pub strikes: Vec<f64>,
    /// R5 notional of one unit: spread width x 100, or F x multiplier, $.
    pub notional_each: f64,
    /// Condor notional N, $.
    pub condor_notional: f64,
    /// R3 ratio (decimal of N) before the regime cap.
    pub ratio_r3: f64,
    /// R4 cap (decimal); None in a bearish regime.
    pub ratio_cap: Option<f64>,
    /// Ratio used = min(R3, cap), decimal.
    pub ratio: f64,
    /// Hedge notional H = ratio x N, $.
    pub hedge_notional: f64,
    /// floor(H / notional each) with the 1e-9 guard, before any R14 cap.
    pub rules_quantity: i64,
    /// Quantity recommended (after the R14 cap when the valuation gate is closed).
    pub quantity: i64,
    /// True when R14 capped the quantity at the current layer's size.
    pub capped_by_r14: bool,
    /// The hedge that "apply" sets (empty when the quantity is 0).
    pub hedge: HedgeConfig,
    /// One sentence on how the figures were reached.
    pub note: String,
}

/// Everything the sizing needs from the configuration and report.
#[derive(Clone, Debug)]
pub struct SizingInputs<'a> {
    /// Valuation date.
    pub valuation: Date,
    /// The condor (wings and contracts give N; its expiry picks the hedge expiry).
    pub condor: &'a CondorConfig,
    /// Fitted VIX futures term structure.
    pub curve: TermStructure,
    /// Quoted VIX futures (strikes and prices use the quote of an expiry when there is one).
    pub quotes: &'a [FuturePoint],
    /// S&P 500 P/CF (R3).
    pub pcf: f64,
    /// Regime in force (R4).
    pub regime: Regime,
    /// R14 gate closed (P/E above the limit or the cap-expansion flag).
    pub gate_closed: bool,
    /// The current hedge (for the R14 cap).
    pub current: &'a HedgeConfig,
}

/// R3-R5: the recommended hedge (spec §6; §11: call spread at the VIX expiry nearest the
/// condor's, strikes round(F + 2) and round(F + 7), quantity floor(H / (width x 100))).
pub fn recommend(inp: &SizingInputs, th: &RuleThresholds) -> Result<SizingRecommendation, String> {
    let expiry = hedge_expiry(inp.valuation, inp.condor.expiry)
        .ok_or_else(|| "no VIX expiry found after the valuation date".to_string())?;
    let days = inp.valuation.days_until(expiry);
    let future = quoted_or_fitted_future(inp.quotes, &inp.curve, inp.valuation, expiry);
    let future_fitted = fitted_future(&inp.curve, inp.valuation, expiry);
    if !(future.is_finite() && future > 0.0 && future_fitted.is_finite() && future_fitted > 0.0) {
        return Err(format!(
            "the VIX future at {expiry} is not a positive number"
        ));
    }
    let (strikes, notional_each) = match th.hedge_instrument {
        SizingInstrument::CallSpread => {
            let lo = (future + th.spread_lower_offset).round();
            let hi = (future + th.spread_upper_offset).round();
            if lo <= 0.0 || hi <= lo {
                return Err(format!(
                    "strikes {lo} and {hi} do not make a call spread (F = {future:.2})"
                ));
            }
            (vec![lo, hi], (hi - lo) * Instrument::VixCall.multiplier())
        }
        SizingInstrument::Vx => (Vec::new(), future_fitted * Instrument::Vx.multiplier()),
        SizingInstrument::Vxm => (Vec::new(), future_fitted * Instrument::Vxm.multiplier()),
    };
    let legs_for = |q: i64| -> Vec<HedgeLeg> {
        let leg = |instrument: Instrument, strike: f64, qty: i64| HedgeLeg {
            instrument,
            strike,
            expiry,
            qty,
            entry: None,
        };
        match th.hedge_instrument {
            SizingInstrument::CallSpread => vec![
                leg(Instrument::VixCall, strikes[0], q),
                leg(Instrument::VixCall, strikes[1], -q),
            ],
            SizingInstrument::Vx => vec![leg(Instrument::Vx, 0.0, q)],
            SizingInstrument::Vxm => vec![leg(Instrument::Vxm, 0.0, q)],
        }
    };
    let n = condor_notional(inp.condor);
    let (ratio_r3, _) = r3_ratio(inp.pcf, th);
    let ratio_cap = regime_cap(inp.regime, th);
    let ratio = capped_ratio(inp.pcf, inp.regime, th);
    let h = ratio * n;
    let rules_quantity = floor_guarded(h / notional_each);
    let (quantity, capped_by_r14) = if inp.gate_closed {
        let current = layer_notional(inp.current, &inp.curve, inp.valuation);
        let cap = floor_guarded(current / notional_each);
        (rules_quantity.min(cap), cap < rules_quantity)
    } else {
        (rules_quantity, false)
    };
    let hedge = HedgeConfig {
        legs: if quantity > 0 {
            legs_for(quantity)
        } else {
            Vec::new()
        },
    };
    let unit = match th.hedge_instrument {
        SizingInstrument::CallSpread => format!(
            "VIX {}/{} call spread, width {} x 100",
            strikes[0],
            strikes[1],
            strikes[1] - strikes[0]
        ),
        SizingInstrument::Vx => format!("VX future at fitted F {future_fitted:.2} x 1000"),
        SizingInstrument::Vxm => format!("VXM future at fitted F {future_fitted:.2} x 100"),
    };
    let mut note = format!(
        "H = {:.1}% x N {} = {}; one {unit} = {}; floor(H / notional) = {rules_quantity}.",
        ratio * 100.0,
        super::text::money(n),
        super::text::money(h),
        super::text::money(notional_each)
    );
    if capped_by_r14 {
        note.push_str(&format!(
            " R14's valuation gate is closed, so the quantity is held at the current layer's size ({quantity})."
        ));
    }
    Ok(SizingRecommendation {
        instrument: th.hedge_instrument,
        expiry,
        days,
        future,
        future_fitted,
        strikes,
        notional_each,
        condor_notional: n,
        ratio_r3,
        ratio_cap,
        ratio,
        hedge_notional: h,
        rules_quantity,
        quantity,
        capped_by_r14,
        hedge,
        note,
    })
}

/// The R6 long VIX call calendar: sell the near expiry, buy the next one, same strike.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarRecommendation {
    /// Common strike, VIX points (the call spread's lower strike, round(F_near + offset)).
    pub strike: f64,
    /// Near (short) expiry.
    pub near_expiry: Date,
    /// Far (long) expiry.
    pub far_expiry: Date,
    /// Model prices per unit, VIX points (Black-76 on each expiry's future, quote else fitted, vol-of-vol smile).
    pub near_price: f64,
    /// Far model price per unit, VIX points.
    pub far_price: f64,
    /// Debit per calendar = (far - near) x 100, $.
    pub debit_each: f64,
    /// Budget = fraction x condor credit, $.
    pub budget: f64,
    /// floor(budget / debit each), guarded.
    pub quantity: i64,
    /// The hedge "apply" would set for the calendar.
    pub hedge: HedgeConfig,
}

/// R6: calendar sizing (spec §6, §11): debit each = (far - near) x 100, budget = fraction x the
/// condor credit in dollars, quantity = floor(budget / debit). Near = the hedge expiry, far =
/// the next VIX expiry, strike = round(F_near + lower offset); each call is priced with Black-76
/// on that expiry's future (quote, else fitted) and the vol-of-vol smile.
pub fn recommend_calendar(
    inp: &SizingInputs,
    near: Date,
    vov: &VovParams,
    rate: f64,
    lower_offset: f64,
    budget: f64,
) -> Result<CalendarRecommendation, String> {
    let (valuation, curve, quotes) = (inp.valuation, &inp.curve, inp.quotes);
    let far =
        next_vix_expiry(near).ok_or_else(|| "no VIX expiry after the near one".to_string())?;
    let f_near = quoted_or_fitted_future(quotes, curve, valuation, near);
    let f_far = quoted_or_fitted_future(quotes, curve, valuation, far);
    let strike = (f_near + lower_offset).round();
    if strike <= 0.0 {
        return Err(format!("calendar strike {strike} is not positive"));
    }
    let price = |f: f64, d: Date| -> Result<f64, String> {
        let days = valuation.days_until(d).max(0) as f64;
        let vol = vov.vol(strike, f, days);
        black76(OptionKind::Call, f, strike, days / 365.0, vol, rate)
            .map(|v| v.price)
            .map_err(|e| e.to_string())
    };
    let near_price = price(f_near, near)?;
    let far_price = price(f_far, far)?;
    let debit_each = (far_price - near_price) * Instrument::VixCall.multiplier();
    if debit_each.is_nan() || debit_each <= 0.0 {
        return Err(format!(
            "the {strike} call calendar ({near} / {far}) has no positive debit under the model ({})",
            super::text::money(debit_each)
        ));
    }
    let quantity = floor_guarded(budget / debit_each);
    let hedge = HedgeConfig {
        legs: if quantity > 0 {
            vec![
                HedgeLeg {
                    instrument: Instrument::VixCall,
                    strike,
                    expiry: near,
                    qty: -quantity,
                    entry: None,
                },
                HedgeLeg {
                    instrument: Instrument::VixCall,
                    strike,
                    expiry: far,
                    qty: quantity,
                    entry: None,
                },
            ]
        } else {
            Vec::new()
        },
    };
    Ok(CalendarRecommendation {
        strike,
        near_expiry: near,
        far_expiry: far,
        near_price,
        far_price,
        debit_each,
        budget,
        quantity,
        hedge,
    })
}

/// One row of the ratio table: a P/CF band and the ratio in each regime (decimals of N).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RatioRow {
    /// The P/CF band, e.g. "P/CF >= 11", "10 <= P/CF < 11", "P/CF < 8".
    pub pcf_band: String,
    /// R3 ratio for the band.
    pub r3_ratio: f64,
    /// Ratio after R4 in each regime.
    pub bullish: f64,
    /// Ratio in a neutral regime.
    pub neutral: f64,
    /// Ratio in a bearish regime.
    pub bearish: f64,
    /// True for the band the current P/CF falls in.
    pub current: bool,
}

/// How the recommended ratio moves across P/CF steps and regimes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RatioTable {
    /// One row per P/CF band, highest P/CF first.
    pub rows: Vec<RatioRow>,
    /// Regime in force (the column that applies).
    pub regime: Regime,
}

/// Builds the ratio table from the thresholds, marking the row of `pcf`.
pub fn ratio_table(pcf: f64, regime: Regime, th: &RuleThresholds) -> RatioTable {
    let (_, current_steps) = r3_ratio(pcf, th);
    let cap = |r: f64, reg: Regime| match regime_cap(reg, th) {
        Some(c) => r.min(c),
        None => r.min(th.max_ratio),
    };
    let row = |band: String, r3: f64, current: bool| RatioRow {
        pcf_band: band,
        r3_ratio: r3,
        bullish: cap(r3, Regime::Bullish),
        neutral: cap(r3, Regime::Neutral),
        bearish: cap(r3, Regime::Bearish),
        current,
    };
    let thr = th.pcf_threshold;
    let mut rows = vec![row(
        format!("P/CF >= {}", fmt_level(thr)),
        th.base_ratio.min(th.max_ratio),
        current_steps == 0,
    )];
    let top = thr.ceil();
    for k in 1u32..=50 {
        let r3 = (th.base_ratio + th.ratio_step * k as f64).min(th.max_ratio);
        let lo = top - k as f64;
        let hi = (lo + 1.0).min(thr);
        let last = r3 >= th.max_ratio || th.ratio_step <= 0.0 || lo <= 0.0 || k == 50;
        let band = if last {
            format!("P/CF < {}", fmt_level(hi))
        } else {
            format!("{} <= P/CF < {}", fmt_level(lo), fmt_level(hi))
        };
        let current = if last {
            current_steps >= k
        } else {
            current_steps == k
        };
        rows.push(row(band, r3, current));
        if last {
            break;
        }
    }
    RatioTable { rows, regime }
}

fn fmt_level(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}
