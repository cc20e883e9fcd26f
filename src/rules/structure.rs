//! R8, R9, R12, R13: break-even shift, net vega, beta and gross leverage of the combined
//! structure (spec §6, §11).

use super::inputs::{BreakEvenProbe, HorizonBreakEvens, LegInputs, LegLayer as Layer, RuleInputs};
use super::text::{money, num, within_inclusive};
use super::{RuleVerdict, Verdict};
use crate::config::thresholds::RuleThresholds;

/// The break-evens nearest `s0` below and above it (strictly), index points.
pub fn nearest_break_evens(bes: &[f64], s0: f64) -> (Option<f64>, Option<f64>) {
    let below = bes
        .iter()
        .copied()
        .filter(|b| *b < s0)
        .fold(None, |m: Option<f64>, b| Some(m.map_or(b, |m| m.max(b))));
    let above = bes
        .iter()
        .copied()
        .filter(|b| *b > s0)
        .fold(None, |m: Option<f64>, b| Some(m.map_or(b, |m| m.min(b))));
    (below, above)
}

/// Signed break-even shifts, percent of S0, outward positive: put side (condor - combined) / S0,
/// call side (combined - condor) / S0, each None when a break-even is missing.
pub fn break_even_shifts(condor: &[f64], combined: &[f64], s0: f64) -> (Option<f64>, Option<f64>) {
    let (cp, cc) = nearest_break_evens(condor, s0);
    let (kp, kc) = nearest_break_evens(combined, s0);
    let put = cp.zip(kp).map(|(c, k)| (c - k) / s0 * 100.0);
    let call = cc.zip(kc).map(|(c, k)| (k - c) / s0 * 100.0);
    (put, call)
}

fn pick_horizon<'a>(report: &'a RuleInputs, th: &RuleThresholds) -> Option<&'a HorizonBreakEvens> {
    let hs = &report.horizons;
    match th.be_horizon_days {
        None => hs.iter().find(|h| h.is_expiry),
        Some(d) => hs
            .iter()
            .find(|h| h.days == d && !h.is_slider)
            .or_else(|| hs.iter().find(|h| h.days == d)),
    }
}

/// R8 (spec §6, §11): each side's signed shift must lie in the band (inclusive). Pass when both
/// do; warn when only the call side misses (a VIX call hedge pays when SPX falls, so it can only
/// move the put side out and costs premium on the call side); fail otherwise or when a
/// break-even is missing.
pub fn r8_break_even_shift(report: &RuleInputs, s0: f64, th: &RuleThresholds) -> RuleVerdict {
    let band = format!("{}% to {}% of S0", th.be_shift_min_pct, th.be_shift_max_pct);
    let mut v = RuleVerdict::new("R8", "Break-even shift", Verdict::Fail, String::new(), None);
    let Some(h) = pick_horizon(report, th) else {
        v.verdict = Verdict::Warn;
        v.figure = "no curve".into();
        v.sentence = match th.be_horizon_days {
            None => "The condor-expiry curve is not computed (turn on the expiry curve) so the shift cannot be measured.".into(),
            Some(d) => format!("No curve at {d} days is computed; add that horizon to measure the shift."),
        };
        return v;
    };
    let condor = &h.condor;
    let combined = &h.combined;
    let (cp, cc) = nearest_break_evens(condor, s0);
    let (kp, kc) = nearest_break_evens(combined, s0);
    let (put, call) = break_even_shifts(condor, combined, s0);
    let f = |x: Option<f64>| x.map_or("missing".to_string(), |x| num(x, 2));
    let fp = |x: Option<f64>| x.map_or("missing".to_string(), |x| format!("{x:+.2}%"));
    v = v
        .input("Horizon", h.label.clone())
        .input("S0", num(s0, 2))
        .input(
            "Condor break-evens (put, call)",
            format!("{}, {}", f(cp), f(cc)),
        )
        .input(
            "Combined break-evens (put, call)",
            format!("{}, {}", f(kp), f(kc)),
        )
        .input("Target band (outward)", band.clone());
    v.figure = format!("put {} / call {}", fp(put), fp(call));
    v.value = put;
    let in_band = |x: Option<f64>| {
        x.is_some_and(|x| within_inclusive(x, th.be_shift_min_pct, th.be_shift_max_pct))
    };
    let (put_ok, call_ok) = (in_band(put), in_band(call));
    let describe = |x: f64| if x < 0.0 { "inward" } else { "outward" };
    if put.is_none() || call.is_none() {
        v.sentence = format!(
            "A break-even is missing on the {} side inside the chart range, so the shift cannot be measured.",
            if put.is_none() { "put" } else { "call" }
        );
    } else if put_ok && call_ok {
        v.verdict = Verdict::Pass;
        v.sentence = format!("Both break-evens move outward within {band}.");
    } else if put_ok {
        let c = call.unwrap_or(0.0);
        v.verdict = Verdict::Warn;
        let why = if c > th.be_shift_max_pct {
            "beyond the band: the layer is larger than the target asks for".to_string()
        } else {
            "short of the band: a long VIX call layer pays when SPX falls and only costs premium when it rallies, so it usually pulls the upper break-even in and the 'both sides outward' target cannot hold for it".to_string()
        };
        v.sentence = format!(
            "The put side moves {:.2}% outward, in band; the call side moves {:.2}% {}, {why}.",
            put.unwrap_or(0.0),
            c.abs(),
            describe(c)
        );
    } else {
        let p = put.unwrap_or(0.0);
        let side = if p > th.be_shift_max_pct {
            "beyond"
        } else {
            "short of"
        };
        let change = match (&report.be_probe, hedge_quantity(&report.legs)) {
            (Some(probe), q) => match r8_hedge_range(probe, q) {
                Ok((lo, Some(hi))) if lo == hi => format!(" The put side lands in the band with exactly {lo} contracts per hedge leg (today {q})."),
                Ok((lo, Some(hi))) => format!(" The put side lands in the band with {lo} to {hi} contracts per hedge leg (today {q})."),
                Ok((lo, None)) => format!(" The put side lands in the band with at least {lo} contracts per hedge leg (today {q})."),
                Err(why) => format!(" No size of this hedge passes: {why}."),
            },
            (None, _) => String::new(),
        };
        v.sentence = format!(
            "The put side moves {:.2}% {}, {side} {band}{}.{change}",
            p.abs(),
            describe(p),
            if call_ok {
                ""
            } else {
                "; the call side misses too"
            }
        );
    }
    v
}

/// The largest quantity among the hedge legs, contracts (0 without a hedge): the "per leg"
/// size the smallest-change sentences of R8, R9 and R11 scale.
pub fn hedge_quantity(legs: &[LegInputs]) -> i64 {
    legs.iter()
        .filter(|l| l.layer == Layer::Hedge)
        .map(|l| l.qty.abs())
        .max()
        .unwrap_or(0)
}

/// R8's smallest change (issue 16 item 7): the whole numbers n of contracts per hedge leg
/// (every hedge leg scaled by n / `q`, today's [`hedge_quantity`]) that put the combined put
/// break-even inside the band: the hedge's P/L is linear in its size, so with the probe's
/// (condor, hedge) P/L at the band's ends, n / q must satisfy
/// condor(S_min) + (n / q) hedge(S_min) >= 0 and condor(S_max) + (n / q) hedge(S_max) <= 0.
/// Returns (smallest, largest; None = no upper limit), or why no size passes.
pub fn r8_hedge_range(probe: &BreakEvenProbe, q: i64) -> Result<(i64, Option<i64>), String> {
    if q <= 0 {
        return Err(
            "there is no hedge layer to resize (add one: R8 measures what it moves)".into(),
        );
    }
    let (s1, c1, h1) = probe.at_min_shift;
    let (_, c2, h2) = probe.at_max_shift;
    if ![c1, h1, c2, h2].iter().all(|x| x.is_finite()) {
        return Err("the P/L at the band's ends cannot be computed".into());
    }
    // k = n / q in [lo, hi].
    let (mut lo, mut hi) = (0.0_f64, f64::INFINITY);
    // c1 + k h1 >= 0
    if h1 > 0.0 {
        lo = lo.max(-c1 / h1);
    } else if h1 < 0.0 {
        hi = hi.min(c1 / -h1);
    } else if c1 < 0.0 {
        return Err(format!(
            "the hedge pays nothing at SPX {} on this curve, where the condor loses",
            num(s1, 2)
        ));
    }
    // c2 + k h2 <= 0
    if h2 > 0.0 {
        hi = hi.min(-c2 / h2);
    } else if h2 < 0.0 {
        lo = lo.max(c2 / -h2);
    } else if c2 > 0.0 {
        return Err("the combined position still profits beyond the band at any size".into());
    }
    if h1 <= 0.0 && c1 < 0.0 {
        return Err(format!(
            "the hedge still loses money at SPX {} on this curve, so a larger one moves the put break-even inward",
            num(s1, 2)
        ));
    }
    let guard = 1e-12;
    let n_lo = (lo * q as f64 * (1.0 - guard)).ceil().max(0.0);
    let n_hi = if hi.is_finite() {
        Some((hi * q as f64 * (1.0 + guard)).floor())
    } else {
        None
    };
    match n_hi {
        Some(h) if h < n_lo && lo > hi => Err(format!(
            "its payoff grows faster than the condor's loss below the put break-even, so a hedge large enough to move that break-even to {} closes the put-side loss zone altogether before it gets there",
            num(s1, 2)
        )),
        Some(h) if h < n_lo => {
            Err("no whole number of contracts puts the put break-even inside the band".into())
        }
        _ if n_lo > 1e9 => Err("it would take more than a billion contracts".into()),
        _ => Ok((n_lo as i64, n_hi.map(|h| h.min(1e12) as i64))),
    }
}

/// R9 (spec §6): combined vega ($ per vol point) must be at most the tolerance.
pub fn r9_net_vega(report: &RuleInputs, th: &RuleThresholds) -> RuleVerdict {
    let vega = report.combined_vega_per_point;
    let spx_part = vega - report.hedge_vega_per_spx_vol_point;
    let ok = vega <= th.vega_tolerance;
    let mut v = RuleVerdict::new(
        "R9",
        "Net vega",
        if ok { Verdict::Pass } else { Verdict::Fail },
        format!("{} per vol pt", money(vega)),
        Some(vega),
    )
    .input("SPX legs' vega ($ per vol point)", money(spx_part))
    .input(
        "Hedge, per +1 VIX point through the full model ($)",
        money(report.hedge_vega_per_vix_point),
    )
    .input(
        "Hedge, per SPX vol point (VIX-point vega / ATM ratio, $)",
        money(report.hedge_vega_per_spx_vol_point),
    )
    .input("Tolerance ($ per vol point)", money(th.vega_tolerance));
    const MEANING: &str = "Net vega is what the whole position gains for a one-point rise in implied volatility (SPX legs per SPX vol point, the hedge per VIX point through the full model); the tolerance caps how net long volatility the hedge may make it, because the layer is there to offset the condor's short vega, not to become a volatility bet that bleeds when volatility falls.";
    v.sentence = if ok {
        format!(
            "Combined vega {} is within the tolerance {}. {MEANING}",
            money(vega),
            money(th.vega_tolerance)
        )
    } else {
        let hedge_qty = report
            .legs
            .iter()
            .filter(|l| l.layer == Layer::Hedge)
            .map(|l| l.qty.abs())
            .max()
            .unwrap_or(0);
        let change = match r9_max_hedge_scale(
            spx_part,
            report.hedge_vega_per_spx_vol_point,
            th.vega_tolerance,
        ) {
            Some(k) if hedge_qty > 0 => {
                let n = super::sizing::floor_guarded(k * hedge_qty as f64);
                format!(" R9 passes with the hedge scaled to {:.0}% of its size or less (at most {n} instead of {hedge_qty} contracts per leg).", 100.0 * k)
            }
            _ => " No hedge of this kind can pass: the SPX legs alone are above the tolerance."
                .to_string(),
        };
        format!(
            "Combined vega {} is above the tolerance {}: the hedge has turned the structure net long volatility beyond the limit.{change} {MEANING}",
            money(vega),
            money(th.vega_tolerance)
        )
    };
    v
}

/// R9's smallest change (issue 16 item 7): the largest factor k in [0, 1) by which every
/// hedge quantity can be scaled so that spx_vega + k x hedge_vega <= tolerance (vega is
/// linear in the quantities); None when even no hedge (k = 0) fails, or the hedge does not
/// add vega. All in $ per vol point.
pub fn r9_max_hedge_scale(spx_vega: f64, hedge_vega: f64, tolerance: f64) -> Option<f64> {
    if spx_vega > tolerance || hedge_vega <= 0.0 {
        return None;
    }
    Some(((tolerance - spx_vega) / hedge_vega).clamp(0.0, 1.0))
}

/// R13's smallest change (issue 16 item 7): the most condor contracts at which gross
/// leverage passes with the hedge unchanged, floor((limit x capital - hedge gross) / condor
/// gross per contract) with the 1e-9 guard of R5; None when the hedge alone reaches the
/// limit (no condor size passes) or the condor has no gross notional. $ and contracts.
pub fn r13_max_contracts(
    condor_gross: f64,
    contracts: i64,
    hedge_gross: f64,
    capital: f64,
    limit: f64,
) -> Option<i64> {
    let room = limit * capital - hedge_gross;
    if contracts <= 0 || condor_gross <= 0.0 || room <= 0.0 {
        return None;
    }
    Some(super::sizing::floor_guarded(
        room / (condor_gross / contracts as f64),
    ))
}

/// R12 (spec §6, §11): portfolio beta = combined scenario $ delta / capital; |beta| <= limit.
pub fn r12_beta(report: &RuleInputs, capital: f64, th: &RuleThresholds) -> RuleVerdict {
    let beta = if capital > 0.0 {
        report.scenario_delta_dollars / capital
    } else {
        f64::NAN
    };
    let ok = beta.is_finite() && beta.abs() <= th.max_beta + 1e-12;
    let mut v = RuleVerdict::new(
        "R12",
        "Beta cap",
        if ok { Verdict::Pass } else { Verdict::Fail },
        format!("beta {}", num(beta, 3)),
        beta.is_finite().then_some(beta),
    )
    .input(
        "Scenario $ delta (slope of the T+0 combined curve x S0)",
        money(report.scenario_delta_dollars),
    )
    .input("Capital", money(capital))
    .input("Limit |beta|", num(th.max_beta, 2));
    v.sentence = if ok {
        format!("|beta| {:.3} is within {}; beta here is the scenario $ delta over capital, not a CAPM regression.", beta.abs(), th.max_beta)
    } else if beta.is_finite() {
        format!("|beta| {:.3} exceeds {}: the combined position moves too much with SPX for the capital.", beta.abs(), th.max_beta)
    } else {
        "Capital must be above zero to compute beta.".to_string()
    };
    v
}

/// Gross notional of R13, $: option legs |delta| x underlying x multiplier x |qty| (the
/// absolute $ delta), futures F x multiplier x |qty|, counted once. A leg is a future when its
/// strike and vol are both 0 (the report's convention).
pub fn gross_notional(report: &RuleInputs) -> f64 {
    gross_notional_of(report.legs.iter())
}

/// [`gross_notional`] of some legs.
fn gross_notional_of<'a>(legs: impl Iterator<Item = &'a LegInputs>) -> f64 {
    legs.map(|l| {
        if l.strike == 0.0 && l.vol == 0.0 {
            l.underlying * l.multiplier * l.qty.unsigned_abs() as f64
        } else {
            l.delta_dollars.abs()
        }
    })
    .sum()
}

/// R13 (spec §6, §11): gross leverage = gross notional / capital <= limit.
pub fn r13_gross_leverage(report: &RuleInputs, capital: f64, th: &RuleThresholds) -> RuleVerdict {
    let gross = gross_notional(report) + 0.0; // + 0.0 turns an empty sum's -0.0 into 0
    let lev = if capital > 0.0 {
        gross / capital
    } else {
        f64::NAN
    };
    let ok = lev.is_finite() && lev <= th.max_gross_leverage + 1e-12;
    let mut v = RuleVerdict::new(
        "R13",
        "Gross leverage",
        if ok { Verdict::Pass } else { Verdict::Fail },
        format!("{}x", num(lev, 2)),
        lev.is_finite().then_some(lev),
    )
    .input("Gross delta-adjusted notional", money(gross))
    .input(
        "Net $ delta (plain model, combined)",
        money(report.combined_delta_dollars),
    )
    .input("Capital", money(capital))
    .input("Limit", format!("{}x", th.max_gross_leverage));
    v.sentence = if ok {
        format!(
            "Gross delta-adjusted notional is {lev:.2}x capital, within {}x.",
            th.max_gross_leverage
        )
    } else if lev.is_finite() {
        let layer_gross =
            |layer: Layer| gross_notional_of(report.legs.iter().filter(|l| l.layer == layer));
        let contracts = report
            .legs
            .iter()
            .filter(|l| l.layer == Layer::Condor)
            .map(|l| l.qty.abs())
            .max()
            .unwrap_or(0);
        let change = match r13_max_contracts(
            layer_gross(Layer::Condor),
            contracts,
            layer_gross(Layer::Hedge),
            capital,
            th.max_gross_leverage,
        ) {
            Some(n) => format!(" R13 passes at {n} contracts or fewer, the hedge unchanged."),
            None => " No condor size passes: the hedge alone reaches the limit; reduce the hedge."
                .to_string(),
        };
        format!(
            "Gross delta-adjusted notional is {lev:.2}x capital, above {}x; the sum counts every leg's |$ delta|, so the condor's long wings add to it although they offset the short strikes.{change}",
            th.max_gross_leverage
        )
    } else {
        "Capital must be above zero to compute leverage.".to_string()
    };
    v
}
