//! Figures derived from the valued position beyond the P/L curves (spec §5, issue 4): the
//! combined Greeks across the SPX range at one horizon, and how efficient the hedge is.

use crate::engine::model::Model;
use crate::engine::report::{GapRow, GreeksCurve, HedgeEfficiency};
use crate::engine::risk::refine_root;
use crate::engine::strategy::{years, LegKind};
use crate::pricing::PricingError;

/// Gap moves of SPX (fractions) for the efficiency table, at T+0 and T+5.
pub const GAP_MOVES: [f64; 3] = [-0.05, -0.10, -0.20];
pub const GAP_DAYS: [i64; 2] = [0, 5];

/// Combined Greeks at each grid spot, `h_days` after valuation, in trader units: plain $ delta
/// and $ gamma per 1% of the SPX legs (VIX held), vega in $ per SPX vol point (SPX legs plus
/// the hedge's value change for +1 VIX point through the full model divided by the ATM ratio,
/// spec §5/§11), theta in $ per day.
pub fn greeks_curve(
    model: &Model,
    spots: &[f64],
    h_days: i64,
    label: String,
) -> Result<GreeksCurve, PricingError> {
    let sc = &model.scenario;
    let hd = h_days as f64;
    let mut out = GreeksCurve {
        label,
        days: h_days,
        delta_dollars: Vec::with_capacity(spots.len()),
        gamma_dollars_per_pct: Vec::with_capacity(spots.len()),
        vega_per_point: Vec::with_capacity(spots.len()),
        theta_per_day: Vec::with_capacity(spots.len()),
    };
    for &s in spots {
        let vix = sc.vix_at(s, years(hd));
        let (mut delta, mut gamma, mut vega, mut theta) = (0.0, 0.0, 0.0, 0.0);
        for leg in &model.legs {
            let scale = leg.qty as f64 * leg.multiplier;
            let st = leg.state_with_vix(sc, s, vix, hd)?;
            let v = st.valuation;
            theta += v.theta / 365.0 * scale;
            match leg.kind {
                LegKind::Spx { .. } => {
                    delta += v.delta * s * scale;
                    gamma += v.gamma * s * s / 100.0 * scale;
                    vega += v.vega / 100.0 * scale;
                }
                _ => {
                    let up = leg.state_with_vix(sc, s, vix + 1.0, hd)?.valuation.price;
                    vega += (up - v.price) * scale / sc.atm_points_per_vix_point();
                }
            }
        }
        out.delta_dollars.push(delta);
        out.gamma_dollars_per_pct.push(gamma);
        out.vega_per_point.push(vega);
        out.theta_per_day.push(theta);
    }
    Ok(out)
}

/// Hedge cost against the credit, where the hedge starts paying at T+5, and condor vs combined
/// P/L after sudden SPX gaps.
pub fn hedge_efficiency(
    model: &Model,
    hedge_cost: f64,
    credit: f64,
) -> Result<HedgeEfficiency, PricingError> {
    let s0 = model.scenario.s0;
    let mut gaps = Vec::new();
    for &days in &GAP_DAYS {
        for &m in &GAP_MOVES {
            let p = model.pnl(s0 * (1.0 + m), days as f64)?;
            gaps.push(GapRow {
                move_pct: m * 100.0,
                days,
                condor: p.condor,
                combined: p.combined(),
            });
        }
    }
    // Highest SPX level below S0 at which the hedge alone is in profit at T+5: scan down in
    // 0.5% steps to -50%, then refine the sign change.
    let hedge_at = |s: f64| model.pnl(s, 5.0).map(|p| p.hedge).unwrap_or(0.0);
    let mut pays_below = None;
    let mut prev = (s0, hedge_at(s0));
    if prev.1 > 0.0 {
        pays_below = Some(s0);
    } else {
        for i in 1..=100 {
            let s = s0 * (1.0 - 0.005 * i as f64);
            let y = hedge_at(s);
            if y > 0.0 {
                pays_below = Some(refine_root(&hedge_at, s, prev.0, y, prev.1));
                break;
            }
            prev = (s, y);
        }
    }
    let has_hedge = model
        .legs
        .iter()
        .any(|l| l.layer == crate::engine::report::Layer::Hedge && l.qty != 0);
    Ok(HedgeEfficiency {
        // A credit can be positive but negligible (a condor far out of the money): below a
        // ten-thousandth of a dollar the ratio is reported as 0 rather than as a number that
        // means nothing (or overflows).
        cost_ratio: if credit > 1e-4 {
            hedge_cost / credit
        } else {
            0.0
        },
        pays_below: if has_hedge { pays_below } else { None },
        gaps,
    })
}
