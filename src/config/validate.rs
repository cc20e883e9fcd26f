//! Validation of every Config field (spec §9): each problem names its field (dotted path) and
//! says why, so the UI can show it beside the input.

use crate::calendar::expiry;
use crate::config::error::FieldError;
use crate::config::Config;

/// Upper bound of any expiry or horizon, days (about 5 years).
pub const MAX_DAYS: i64 = 1830;

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn range(&mut self, field: &str, value: f64, lo: f64, hi: f64, what: &str) {
        if !value.is_finite() {
            self.errors.push(FieldError::new(
                field,
                format!("{what} must be a finite number"),
            ));
        } else if value < lo || value > hi {
            self.errors
                .push(FieldError::new(field, range_message(what, lo, hi, value)));
        }
    }

    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }
}

/// The message of a value outside `[lo, hi]`: "{what} must be between {lo} and {hi} (got
/// {value})", in the Config's own units. [`range_problem`] reads the numbers back, so that a
/// page showing the field in other units (a rate in percent) can restate it in those.
pub fn range_message(what: &str, lo: f64, hi: f64, value: f64) -> String {
    format!("{what} must be between {lo} and {hi} (got {value})")
}

/// The bounds and the value of a message made by [`range_message`], in the Config's units:
/// `(lo, hi, got)`; None for any other message.
pub fn range_problem(message: &str) -> Option<(f64, f64, f64)> {
    let (_, rest) = message.split_once(" must be between ")?;
    let (lo, rest) = rest.split_once(" and ")?;
    let (hi, rest) = rest.split_once(" (got ")?;
    let got = rest.strip_suffix(')')?;
    // The crate's own decimal reader, not `str::parse` (which would add the standard
    // library's float parser to the wasm bundle).
    let read = crate::config::decimal::parse_f64;
    Some((read(lo)?, read(hi)?, read(got)?))
}

/// Days from the valuation date to the last expiry of any leg of the position (condor and
/// hedge): the latest horizon that still values something (spec §9).
pub fn last_expiry_days(config: &Config) -> i64 {
    let today = config.market.valuation_date;
    config
        .hedge
        .legs
        .iter()
        .map(|l| today.days_until(l.expiry))
        .fold(today.days_until(config.condor.expiry), i64::max)
}

/// All the problems of a config; empty when it can be evaluated.
pub fn validate(config: &Config) -> Vec<FieldError> {
    let mut c = Checker { errors: Vec::new() };
    let m = &config.market;
    let today = m.valuation_date;
    c.range("market.spot", m.spot, 1.0, 1e6, "SPX spot");
    c.range("market.rate", m.rate, -0.05, 0.25, "Rate");
    c.range("market.div_yield", m.div_yield, 0.0, 0.20, "Dividend yield");
    c.range("market.vix", m.vix, 5.0, 150.0, "VIX");
    c.range(
        "market.atm_ratio",
        m.atm_ratio,
        0.3,
        1.5,
        "ATM ratio (SPX ATM vol points per VIX point)",
    );
    c.range(
        "market.quotes_vix",
        m.quotes_vix,
        5.0,
        150.0,
        "VIX when the futures were quoted (points)",
    );
    if let Some(spread) = m.vix_atm_spread {
        c.range(
            "market.vix_atm_spread",
            spread,
            -10.0,
            20.0,
            "VIX-ATM spread (vol points, first-revision form)",
        );
    }
    if let Some(iv) = m.atm_iv_override {
        c.range(
            "market.atm_iv_override",
            iv,
            0.01,
            3.0,
            "ATM IV override (decimal)",
        );
    } else if let Some(spread) = m.vix_atm_spread.filter(|s| s.is_finite()) {
        if m.vix.is_finite() && m.vix - spread < 1.0 {
            c.fail(
                "market.vix_atm_spread",
                "VIX minus the spread must leave an ATM vol of at least 1 point",
            );
        }
    }
    c.range(
        "market.smile.slope",
        m.smile.slope,
        -1.0,
        1.0,
        "Smile slope",
    );
    c.range(
        "market.smile.curvature",
        m.smile.curvature,
        -0.2,
        1.0,
        "Smile curvature",
    );
    c.range(
        "market.smile.floor",
        m.smile.floor,
        0.005,
        1.0,
        "Smile floor",
    );
    c.range(
        "market.vov.vov_30d",
        m.vov.vov_30d,
        0.05,
        5.0,
        "Vol-of-vol at 30 days (decimal)",
    );
    c.range(
        "market.vov.skew",
        m.vov.skew,
        -3.0,
        3.0,
        "VIX call skew at 30 days (per unit of ln K/F)",
    );
    c.range(
        "market.vov.term_exponent",
        m.vov.term_exponent,
        -2.0,
        0.0,
        "Vol-of-vol term exponent",
    );
    c.range(
        "market.vov.skew_term_exponent",
        m.vov.skew_term_exponent,
        -2.0,
        0.0,
        "VIX skew term exponent",
    );
    if let Err(why) = m.smile.validate() {
        let field = if m.smile.svi.is_some() {
            "market.smile.svi"
        } else {
            "market.smile"
        };
        if !c.errors.iter().any(|e| e.field.starts_with("market.smile")) {
            c.fail(field, why);
        }
    }
    if let Err(why) = m.vov.validate() {
        if !c.errors.iter().any(|e| e.field.starts_with("market.vov")) {
            c.fail("market.vov", why);
        }
    }
    if m.futures.len() > 12 {
        c.fail("market.futures", "At most 12 futures points");
    }
    for (i, f) in m.futures.iter().enumerate() {
        c.range(
            &format!("market.futures.{i}.price"),
            f.price,
            1.0,
            150.0,
            "Future price",
        );
        let d = today.days_until(f.expiry);
        if !(1..=MAX_DAYS).contains(&d) {
            c.fail(
                &format!("market.futures.{i}.expiry"),
                "Future expiry must be after the valuation date (within 5 years)",
            );
        }
        // A quote's date is not checked against the VX calendar: quotes are points of the
        // fitted curve, not positions, and links written before the calendar knew every
        // holiday (2027-05-19 for 2027-05-18) must keep their quotes.
    }

    let k = &config.condor;
    let days = today.days_until(k.expiry);
    if days < 1 {
        c.fail(
            "condor.expiry",
            "Condor expiry must be after the valuation date",
        );
    } else if days > MAX_DAYS {
        c.fail("condor.expiry", "Condor expiry must be within 5 years");
    } else if !expiry::is_spx_expiration(k.expiry) {
        // Spec §9: an expiry that is no exchange expiration is refused, naming the nearest.
        c.fail(
            "condor.expiry",
            format!(
                "Condor expiry {} is not an SPX expiration (SPXW expires on every exchange \
                 trading day); the nearest is {}",
                k.expiry,
                expiry::nearest_spx_expiration(k.expiry)
            ),
        );
    }
    c.range(
        "condor.short_put",
        k.short_put,
        1.0,
        1e6,
        "Short put strike",
    );
    c.range(
        "condor.short_call",
        k.short_call,
        1.0,
        1e6,
        "Short call strike",
    );
    c.range("condor.put_wing", k.put_wing, 0.05, 1e5, "Put wing");
    c.range("condor.call_wing", k.call_wing, 0.05, 1e5, "Call wing");
    if k.short_put.is_finite() && k.short_call.is_finite() && k.short_put >= k.short_call {
        c.fail(
            "condor.short_call",
            "Short call strike must be above the short put strike",
        );
    }
    if k.short_put.is_finite()
        && k.put_wing.is_finite()
        && k.put_wing > 0.0
        && k.short_put - k.put_wing <= 0.0
    {
        c.fail(
            "condor.put_wing",
            "Put wing must be smaller than the short put strike",
        );
    }
    if !(1..=100_000).contains(&k.contracts) {
        c.fail(
            "condor.contracts",
            "Contracts must be a whole number from 1 to 100000",
        );
    }
    if let Some(fill) = k.fill_credit {
        c.range("condor.fill_credit", fill, 0.0, 1e5, "Fill credit");
        // A positive credit under a hundredth of a point is no fill (SPX ticks are 0.05) and
        // would make the hedge-cost ratio blow up (found by the million-case fuzz run).
        if fill > 0.0 && fill < 0.01 {
            c.fail(
                "condor.fill_credit",
                "Fill credit must be 0 or at least 0.01 points (blank: the model credit)",
            );
        }
        // Spec §9: no iron condor fills for its wider wing or more (the defined risk would be
        // zero or negative and PoP 100%).
        let wider = k.put_wing.max(k.call_wing);
        if fill.is_finite() && wider.is_finite() && fill >= wider {
            c.fail(
                "condor.fill_credit",
                format!(
                    "Fill credit must be below the wider wing, {} points",
                    crate::config::decimal::format_grouped(
                        wider,
                        if wider.fract() == 0.0 { 0 } else { 2 }
                    )
                ),
            );
        }
    }
    for (i, iv) in k.iv_overrides.iter().enumerate() {
        if let Some(v) = iv {
            c.range(
                &format!("condor.iv_overrides.{i}"),
                *v,
                0.01,
                3.0,
                "IV override",
            );
        }
    }

    if config.hedge.legs.len() > 12 {
        c.fail("hedge.legs", "At most 12 hedge legs");
    }
    for (i, leg) in config.hedge.legs.iter().enumerate() {
        let p = format!("hedge.legs.{i}");
        if leg.instrument.is_option() {
            c.range(&format!("{p}.strike"), leg.strike, 0.5, 500.0, "VIX strike");
        } else if !leg.strike.is_finite() {
            c.fail(&format!("{p}.strike"), "Strike must be a finite number");
        }
        let d = today.days_until(leg.expiry);
        let weekly_listed = leg.instrument != crate::config::Instrument::Vxm;
        if !(1..=MAX_DAYS).contains(&d) {
            c.fail(
                &format!("{p}.expiry"),
                "Hedge expiry must be after the valuation date (within 5 years)",
            );
        } else if !expiry::is_vix_expiration(leg.expiry, weekly_listed) {
            c.fail(
                &format!("{p}.expiry"),
                format!(
                    "Hedge expiry {} is not a {} expiration; the nearest is {}",
                    leg.expiry,
                    if weekly_listed {
                        "VIX (monthly or weekly)"
                    } else {
                        "monthly VXM"
                    },
                    expiry::nearest_vix_expiration(leg.expiry, weekly_listed, today.add_days(1))
                ),
            );
        }
        if leg.qty.abs() > 100_000 {
            c.fail(
                &format!("{p}.qty"),
                "Quantity must be a whole number between -100000 and 100000",
            );
        }
        if let Some(e) = leg.entry {
            c.range(&format!("{p}.entry"), e, 0.0, 500.0, "Entry price");
        }
    }

    let s = &config.scenario;
    c.range("scenario.beta_dn", s.beta_dn, 0.0, 20.0, "Fall elasticity");
    c.range("scenario.beta_up", s.beta_up, 0.0, 20.0, "Rally elasticity");
    c.range(
        "scenario.convexity",
        s.convexity,
        0.0,
        500.0,
        "Fall convexity",
    );
    c.range("scenario.vix_shock", s.vix_shock, -50.0, 100.0, "VIX shock");
    c.range(
        "scenario.level_damping",
        s.level_damping,
        0.0,
        3.0,
        "Level damping k (exponent on VIX / 16)",
    );
    c.range(
        "scenario.futures_beta_floor",
        s.futures_beta_floor,
        0.0,
        1.0,
        "Futures beta floor b",
    );
    c.range(
        "scenario.futures_beta_kappa",
        s.futures_beta_kappa,
        0.0,
        100.0,
        "Futures beta decay (per year)",
    );

    let v = &config.view;
    if v.horizon_days.len() > 8 {
        c.fail("view.horizon_days", "At most 8 horizons");
    }
    // Spec §9: a horizon after the last expiry of the position values nothing. A horizon
    // between the condor's expiry and a later hedge expiry is allowed (condor settled,
    // hedge alive).
    let last = last_expiry_days(config).clamp(0, MAX_DAYS);
    let last_date = today.add_days(last);
    let past_last = |what: &str| {
        format!(
            "{what} must be 0 to {last} days: the position's last leg expires on {last_date} \
             (T+{last}), after which nothing is left to value"
        )
    };
    for (i, h) in v.horizon_days.iter().enumerate() {
        if !(0..=last).contains(h) {
            c.fail(&format!("view.horizon_days.{i}"), past_last("Horizon"));
        }
    }
    if let Some(d) = v.slider_days {
        if !(0..=last).contains(&d) {
            c.fail("view.slider_days", past_last("Slider horizon"));
        }
    }
    c.range("view.range", v.range, 0.01, 0.9, "Chart range");
    if !(400..=4000).contains(&v.steps) {
        c.fail("view.steps", "Grid steps must be from 400 to 4000");
    }
    if !(0..=last).contains(&v.risk_horizon_days) {
        c.fail("view.risk_horizon_days", past_last("Risk horizon"));
    }
    c.range(
        "view.jump_intensity",
        v.jump_intensity,
        0.0,
        20.0,
        "Jump intensity",
    );
    c.range("view.jump_mean", v.jump_mean, -1.0, 1.0, "Mean jump");
    c.range("view.jump_vol", v.jump_vol, 0.0, 1.0, "Jump vol");

    let a = &config.account;
    c.range("account.capital", a.capital, 1.0, 1e12, "Capital");
    c.range(
        "account.hedge_cash_reserve",
        a.hedge_cash_reserve,
        0.0,
        1e12,
        "Hedge cash reserve",
    );
    c.range(
        "account.half_spread_spx",
        a.half_spread_spx,
        0.0,
        1000.0,
        "SPX half-spread",
    );
    c.range(
        "account.half_spread_vix_option",
        a.half_spread_vix_option,
        0.0,
        100.0,
        "VIX option half-spread",
    );
    c.range(
        "account.half_spread_vix_future",
        a.half_spread_vix_future,
        0.0,
        100.0,
        "VIX future half-spread",
    );
    c.range(
        "account.fomc_widening",
        a.fomc_widening,
        1.0,
        100.0,
        "FOMC widening",
    );
    c.errors.extend(config.indicators.validate());
    c.errors.extend(config.rules.validate());
    c.errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_problem_reads_back_range_message() {
        let m = range_message("Rate", -0.05, 0.25, 4.0);
        assert_eq!(m, "Rate must be between -0.05 and 0.25 (got 4)");
        assert_eq!(range_problem(&m), Some((-0.05, 0.25, 4.0)));
        let huge = range_message("Rate", -0.05, 0.25, 1e306);
        assert_eq!(range_problem(&huge), Some((-0.05, 0.25, 1e306)));
        assert_eq!(
            range_problem("Short call strike must be above the short put strike"),
            None
        );
    }

    #[test]
    fn out_of_range_rate_is_reported_with_its_numbers() {
        let mut config =
            Config::defaults_for(crate::calendar::Date::from_ymd(2026, 12, 4).unwrap());
        config.market.rate = 4.0;
        let errors = validate(&config);
        let rate = errors.iter().find(|e| e.field == "market.rate").unwrap();
        assert_eq!(range_problem(&rate.message), Some((-0.05, 0.25, 4.0)));
    }
}
