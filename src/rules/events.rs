//! R10 and R11: FOMC event liquidity and the hedge's weekly contribution (spec §6, §11).

use super::inputs::RuleInputs;
use super::sizing::SPX_MULTIPLIER;
use super::text::{fixed, money, num};
use super::{RuleVerdict, Verdict};
use crate::config::thresholds::RuleThresholds;
use crate::config::Config;

/// Expected slippage of closing every leg in an FOMC event, $: sum over all legs of half-spread
/// x widening factor x |qty| x multiplier (SPX legs use the SPX half-spread, VIX options and
/// futures theirs).
pub fn event_slippage(config: &Config) -> f64 {
    let a = &config.account;
    let condor =
        4.0 * a.half_spread_spx * config.condor.contracts.unsigned_abs() as f64 * SPX_MULTIPLIER;
    let hedge: f64 = config
        .hedge
        .legs
        .iter()
        .map(|l| {
            let hs = if l.instrument.is_option() {
                a.half_spread_vix_option
            } else {
                a.half_spread_vix_future
            };
            hs * l.qty.unsigned_abs() as f64 * l.instrument.multiplier()
        })
        .sum();
    (condor + hedge) * a.fomc_widening
}

/// R10 (spec §6, §11): when the FOMC is 0..=window days away, the hedge cash reserve must be at
/// least `reserve_multiple` x the event slippage. Outside the window the rule does not apply
/// (info) and the coverage is still shown.
pub fn r10_event_liquidity(config: &Config, th: &RuleThresholds) -> RuleVerdict {
    let days = config.indicators.days_to_fomc;
    let slip = event_slippage(config);
    let need = th.reserve_multiple * slip;
    let reserve = config.account.hedge_cash_reserve;
    let applies = (0..=th.fomc_window_days).contains(&days);
    let covered = reserve >= need;
    let verdict = match (applies, covered) {
        (false, _) => Verdict::Info,
        (true, true) => Verdict::Pass,
        (true, false) => Verdict::Fail,
    };
    let mut v = RuleVerdict::new(
        "R10",
        "Event liquidity",
        verdict,
        format!("reserve {} vs need {}", money(reserve), money(need)),
        Some(reserve - need),
    )
    .input("Days to FOMC", days.to_string())
    .input(
        "Window (days, inclusive)",
        format!("0-{}", th.fomc_window_days),
    )
    .input("Event slippage, all legs", money(slip))
    .input("Widening factor", num(config.account.fomc_widening, 2))
    .input(
        "Required reserve",
        format!(
            "{} x {} = {}",
            th.reserve_multiple,
            money(slip),
            money(need)
        ),
    )
    .input("Hedge cash reserve", money(reserve));
    v.sentence = match (applies, covered) {
        (false, c) => format!(
            "No FOMC within {} days, so the rule is not in force; the reserve would {}cover {}x the event slippage.",
            th.fomc_window_days,
            if c { "" } else { "not " },
            th.reserve_multiple
        ),
        (true, true) => format!("FOMC in {days} days: the reserve covers {}x the expected slippage of closing every leg.", th.reserve_multiple),
        (true, false) => format!(
            "FOMC in {days} days: the reserve {} is short of {} ({}x the expected slippage of closing every leg).",
            money(reserve),
            money(need),
            th.reserve_multiple
        ),
    };
    v
}

/// R11 (spec §6, §11): weekly contribution = (E[P/L combined] - E[P/L condor]) / capital /
/// (horizon days / 7), in basis points; pass at or above the target. Horizon 0 -> warn "not
/// applicable" (the target is met within a relative 1e-9). The CVaR change (combined - condor; negative = smaller tail loss) is shown.
pub fn r11_weekly_contribution(
    report: &RuleInputs,
    capital: f64,
    th: &RuleThresholds,
) -> RuleVerdict {
    let mut v = RuleVerdict::new(
        "R11",
        "Weekly contribution",
        Verdict::Warn,
        String::new(),
        None,
    );
    let Some(risk) = &report.risk_at_horizon else {
        v.figure = "n/a".into();
        v.sentence = "Distribution metrics are not available for this configuration, so the contribution cannot be measured.".into();
        return v;
    };
    let diff = risk.combined_expected_pnl - risk.condor_expected_pnl;
    let cvar_change = risk.combined_cvar95 - risk.condor_cvar95;
    v = v
        .input("Horizon (days)", risk.horizon_days.to_string())
        .input("E[P/L] condor", money(risk.condor_expected_pnl))
        .input("E[P/L] combined", money(risk.combined_expected_pnl))
        .input("Capital", money(capital))
        .input(
            "CVaR 95% condor / combined",
            format!(
                "{} / {}",
                money(risk.condor_cvar95),
                money(risk.combined_cvar95)
            ),
        )
        .input("CVaR change (combined - condor)", money(cvar_change))
        .input("Target", format!("{} bps per week", th.min_weekly_bps));
    if risk.horizon_days <= 0 || capital <= 0.0 {
        v.figure = "n/a".into();
        v.sentence = if capital <= 0.0 {
            "Capital must be above zero to measure the contribution.".into()
        } else {
            format!(
                "Not applicable at a zero-day horizon (no weeks elapse); the CVaR change is {}.",
                money(cvar_change)
            )
        };
        return v;
    }
    let weeks = risk.horizon_days as f64 / 7.0;
    let bps = diff / capital / weeks * 1e4;
    v.value = Some(bps);
    v.figure = format!("{} bps/week", fixed(bps, 1));
    let tail = if cvar_change < 0.0 {
        format!(
            "the hedge cuts the 95% CVaR by {}, which is the real reason to hold it",
            money(-cvar_change)
        )
    } else {
        format!(
            "it does not reduce the 95% CVaR either (change +{}), so at this horizon the layer buys no tail protection",
            money(cvar_change)
        )
    };
    if bps >= th.min_weekly_bps - 1e-9 * th.min_weekly_bps.abs().max(1.0) {
        v.verdict = Verdict::Pass;
        v.sentence = format!(
            "The hedge adds {} bps of capital per week in expectation; {tail}.",
            fixed(bps, 1)
        );
    } else {
        v.verdict = Verdict::Fail;
        let q = super::structure::hedge_quantity(&report.legs);
        let change = match r11_hedge_range(bps, q, th.min_weekly_bps) {
            Ok((lo, None)) => {
                format!(" R11 passes with at least {lo} contracts per hedge leg (today {q}).")
            }
            Ok((_, Some(hi))) => {
                format!(" R11 passes with at most {hi} contracts per hedge leg (today {q}).")
            }
            Err(why) => format!(" No size of this hedge passes: {why}."),
        };
        v.sentence = format!(
            "The hedge adds {} bps per week in expectation, short of the {} bps target (a bought hedge priced near fair value rarely earns a positive expected return); {tail}.{change}",
            fixed(bps, 1),
            th.min_weekly_bps
        );
    }
    v
}

/// R11's smallest change (issue 16 item 7): the hedge's expected P/L, hence its weekly
/// contribution `bps` (today, at `q` contracts per hedge leg), is linear in its size, so
/// n contracts contribute bps x n / q. Returns the passing sizes as (at least n, None) or
/// (0, Some(at most n)), or why no size passes (a hedge with a negative expected P/L cannot
/// reach a positive target at any size).
pub fn r11_hedge_range(bps: f64, q: i64, target_bps: f64) -> Result<(i64, Option<i64>), String> {
    if q <= 0 {
        return Err("there is no hedge layer to resize".into());
    }
    if !bps.is_finite() || !target_bps.is_finite() {
        return Err("the contribution cannot be computed".into());
    }
    let qf = q as f64;
    if bps > 0.0 {
        // bps n / q >= target
        let n = (qf * target_bps / bps * (1.0 - 1e-12)).ceil().max(0.0);
        if n > 1e9 {
            return Err("it would take more than a billion contracts".into());
        }
        return Ok((n as i64, None));
    }
    if target_bps > 0.0 {
        return Err(if bps == 0.0 {
            "its expected P/L is zero at this horizon, and zero at any size".into()
        } else {
            format!(
                "its expected P/L at this horizon is negative ({} bps per week at today's size) and grows more negative with size; only a hedge bought below its model value can add expected return",
                fixed(bps, 1)
            )
        });
    }
    // bps < target <= 0: a smaller hedge costs less; bps n / q >= target.
    let n = (qf * target_bps / bps * (1.0 + 1e-12)).floor().max(0.0);
    Ok((0, Some(n as i64)))
}
