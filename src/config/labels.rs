//! What the page calls each Config field. The one place where a Config path (`market.rate`, `view.horizon_days.0`) becomes what the
//! page calls that field: its label, the unit it is shown in, and the factor from the Config's
//! units to the shown ones (a rate is stored as a decimal and shown in percent). Validation
//! messages pass through [`user_message`] before they reach the page, so no internal path and
//! no decimal-for-percent number is ever shown.

use crate::config::validate::range_problem;

/// (path pattern, label, unit after a number, factor from Config units to shown units). In a
/// pattern `*` stands for a list index; `{n}` in the label is that index counted from 1.
const FIELDS: &[(&str, &str, &str, f64)] = &[
    ("market.valuation_date", "Valuation date", "", 1.0),
    ("market.spot", "SPX spot", " pts", 1.0),
    ("market.rate", "Risk-free rate", "%", 100.0),
    ("market.div_yield", "Dividend yield", "%", 100.0),
    ("market.vix", "VIX", " pts", 1.0),
    (
        "market.atm_ratio",
        "ATM ratio (SPX ATM vol ÷ VIX)",
        "×",
        1.0,
    ),
    (
        "market.quotes_vix",
        "VIX when the futures were quoted",
        " pts",
        1.0,
    ),
    ("market.vix_atm_spread", "VIX − ATM spread", " vol pts", 1.0),
    ("market.atm_iv_override", "ATM IV override", "%", 100.0),
    (
        "market.vov.vov_30d",
        "VIX vol-of-vol (30-day ATM)",
        "%",
        100.0,
    ),
    ("market.vov.skew", "VIX call skew at 30 d", "", 1.0),
    (
        "market.vov.term_exponent",
        "Vol-of-vol term exponent",
        "",
        1.0,
    ),
    (
        "market.vov.skew_term_exponent",
        "Skew term exponent",
        "",
        1.0,
    ),
    ("market.vov", "Vol-of-vol", "", 1.0),
    ("market.smile.slope", "Smile slope", "", 1.0),
    ("market.smile.curvature", "Smile curvature", "", 1.0),
    ("market.smile.floor", "Smile floor", "%", 100.0),
    ("market.smile.svi.a", "SVI a", "", 1.0),
    ("market.smile.svi.b", "SVI b", "", 1.0),
    ("market.smile.svi.rho", "SVI rho", "", 1.0),
    ("market.smile.svi.m", "SVI m", "", 1.0),
    ("market.smile.svi.sigma", "SVI sigma", "", 1.0),
    ("market.futures.*.expiry", "VIX future {n} expiry", "", 1.0),
    (
        "market.futures.*.price",
        "VIX future {n} price",
        " pts",
        1.0,
    ),
    ("market.futures", "VIX futures curve", "", 1.0),
    ("condor.expiry", "Condor expiry", "", 1.0),
    ("condor.short_put", "Short put strike", " pts", 1.0),
    ("condor.short_call", "Short call strike", " pts", 1.0),
    ("condor.put_wing", "Put wing width", " pts", 1.0),
    ("condor.call_wing", "Call wing width", " pts", 1.0),
    ("condor.contracts", "Contracts", " condors", 1.0),
    ("condor.fill_credit", "Fill credit", " pts", 1.0),
    (
        "hedge.legs.*.instrument",
        "Hedge leg {n} instrument",
        "",
        1.0,
    ),
    (
        "hedge.legs.*.strike",
        "Hedge leg {n} strike",
        " VIX pts",
        1.0,
    ),
    (
        "hedge.legs.*.qty",
        "Hedge leg {n} quantity",
        " contracts",
        1.0,
    ),
    ("hedge.legs.*.expiry", "Hedge leg {n} expiry", "", 1.0),
    ("hedge.legs.*.entry", "Hedge leg {n} entry", " VIX pts", 1.0),
    ("hedge.legs", "Hedge legs", "", 1.0),
    ("scenario.beta_dn", "β down", "×", 1.0),
    ("scenario.beta_up", "β up", "×", 1.0),
    ("scenario.convexity", "Convexity of falls", "", 1.0),
    ("scenario.level_damping", "Level damping k", "", 1.0),
    (
        "scenario.futures_beta_floor",
        "Futures beta floor b",
        "×",
        1.0,
    ),
    (
        "scenario.futures_beta_kappa",
        "Futures beta decay",
        " /yr",
        1.0,
    ),
    ("scenario.vix_shock", "VIX shock", " pts", 1.0),
    ("scenario.vix_mode", "VIX over time", "", 1.0),
    ("view.horizon_days.*", "Horizon {n}", " days", 1.0),
    ("view.horizon_days", "Horizons", " days", 1.0),
    ("view.slider_days", "Extra curve", " days", 1.0),
    ("view.range", "SPX range", "%", 100.0),
    ("view.steps", "Grid steps", "", 1.0),
    ("view.risk_horizon_days", "Risk horizon", " days", 1.0),
    ("view.jump_intensity", "Jump intensity", " /yr", 1.0),
    ("view.jump_mean", "Mean jump", "%", 100.0),
    ("view.jump_vol", "Jump vol", "%", 100.0),
    ("indicators.vix_series", "VIX futures closes", "", 1.0),
    ("indicators.spx_series", "SPX closes", "", 1.0),
    ("indicators.rsi", "SPX RSI(14)", "", 1.0),
    ("indicators.ad_trend", "Advance–decline trend", "", 1.0),
    (
        "indicators.reer_trend",
        "Real effective exchange rate trend",
        "",
        1.0,
    ),
    ("indicators.gdp_trend", "GDP growth trend", "", 1.0),
    (
        "indicators.regime_override",
        "Regime used for the cap",
        "",
        1.0,
    ),
    (
        "indicators.cap_expansion",
        "Market-cap expansion phase",
        "",
        1.0,
    ),
    ("review", "Review signatures", "", 1.0),
    ("config", "Configuration", "", 1.0),
    ("link", "Link", "", 1.0),
    ("indicators.cpi_yoy", "CPI y/y", "%", 1.0),
    ("indicators.cpi_min", "CPI range min", "%", 1.0),
    ("indicators.cpi_max", "CPI range max", "%", 1.0),
    ("indicators.ppi_yoy", "PPI y/y", "%", 1.0),
    ("indicators.ppi_min", "PPI range min", "%", 1.0),
    ("indicators.ppi_max", "PPI range max", "%", 1.0),
    ("indicators.days_to_fomc", "Days to next FOMC", " days", 1.0),
    ("indicators.pe", "S&P 500 P/E", "×", 1.0),
    ("indicators.pcf", "S&P 500 P/CF", "×", 1.0),
    (
        "indicators.rate_differential",
        "Rate differential",
        " pp",
        1.0,
    ),
    ("account.capital", "Capital", " $", 1.0),
    (
        "account.hedge_cash_reserve",
        "Hedge cash reserve",
        " $",
        1.0,
    ),
    (
        "account.half_spread_spx",
        "SPX option half-spread",
        " pts",
        1.0,
    ),
    (
        "account.half_spread_vix_option",
        "VIX option half-spread",
        " pts",
        1.0,
    ),
    (
        "account.half_spread_vix_future",
        "VX/VXM half-spread",
        " pts",
        1.0,
    ),
    ("account.fomc_widening", "FOMC spread widening", "×", 1.0),
    ("rules.pcf_threshold", "P/CF threshold (R3)", "×", 1.0),
    ("rules.base_ratio", "Base ratio (R3)", "% of N", 100.0),
    (
        "rules.ratio_step",
        "Step per P/CF point (R3)",
        "% of N",
        100.0,
    ),
    ("rules.max_ratio", "Max ratio (R3)", "% of N", 100.0),
    ("rules.bullish_cap", "Bullish cap (R4)", "% of N", 100.0),
    ("rules.neutral_cap", "Neutral cap (R4)", "% of N", 100.0),
    ("rules.max_beta", "Beta cap (R12)", "", 1.0),
    (
        "rules.max_gross_leverage",
        "Gross leverage cap (R13)",
        "×",
        1.0,
    ),
    ("rules.max_pe", "P/E gate (R14)", "×", 1.0),
    (
        "rules.vega_tolerance",
        "Vega tolerance (R9)",
        " $/vol pt",
        1.0,
    ),
    (
        "rules.min_weekly_bps",
        "Weekly hedge target (R11)",
        " bps",
        1.0,
    ),
];

/// What the page calls one field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldLabel {
    /// The label as the page shows it ("Risk-free rate", "Horizon 1").
    pub label: String,
    /// The unit after a number, with its leading space where one is wanted ("%", " pts").
    pub unit: &'static str,
    /// Shown value = Config value × scale (100 for a decimal shown in percent).
    pub scale: f64,
}

/// The list index `pattern`'s `*` stands for in `path`, or None when they do not match.
fn matches(pattern: &str, path: &str) -> Option<Option<usize>> {
    let (mut p, mut q) = (pattern.split('.'), path.split('.'));
    let mut index = None;
    loop {
        match (p.next(), q.next()) {
            (None, None) => return Some(index),
            (Some("*"), Some(seg)) => index = Some(seg.parse::<usize>().ok()?),
            (Some(a), Some(b)) if a == b => {}
            _ => return None,
        }
    }
}

/// The label of a Config path; a path the table does not know gets its last named part with
/// the underscores as spaces, never the raw path.
pub fn field_label(path: &str) -> FieldLabel {
    for (pattern, label, unit, scale) in FIELDS {
        if let Some(index) = matches(pattern, path) {
            let label = match index {
                Some(i) => label.replace("{n}", &(i + 1).to_string()),
                None => (*label).to_string(),
            };
            return FieldLabel {
                label,
                unit,
                scale: *scale,
            };
        }
    }
    let last = path
        .rsplit('.')
        .find(|s| s.parse::<usize>().is_err())
        .unwrap_or(path)
        .replace('_', " ");
    // ASCII only: `char::to_uppercase` would bring Unicode case tables into the wasm bundle.
    let mut label = last;
    if let Some(first) = label.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    FieldLabel {
        label,
        unit: "",
        scale: 1.0,
    }
}

/// A number as a message quotes it: plain digits with up to 6 decimals, "1e308" rather than
/// three hundred digits, never "-0".
pub fn message_number(value: f64) -> String {
    if !value.is_finite() {
        return "not a finite number".into();
    }
    if value == 0.0 {
        return "0".into();
    }
    let a = value.abs();
    if !(1e-4..1e12).contains(&a) {
        return exponent_form(value);
    }
    trimmed(value)
}

/// `value` with up to 6 decimals, trailing zeros removed, never "-0".
fn trimmed(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

/// A finite non-zero number as "1e308" or "-2.5e-7" (up to 3 decimals in the mantissa),
/// written by hand: `{:e}` would add the standard library's exponent formatting to the wasm
/// bundle.
pub fn exponent_form(value: f64) -> String {
    let mut exp = value.abs().log10().floor() as i32;
    let mut mantissa = value / 10f64.powi(exp);
    // Rounding can give 10.000: carry it into the exponent.
    if (mantissa.abs() * 1000.0).round() >= 10_000.0 {
        mantissa /= 10.0;
        exp += 1;
    }
    let text = format!("{mantissa:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}e{exp}")
}

/// A validation message for the page: a range in the Config's units ("Rate must be between
/// -0.05 and 0.25 (got 4)") restated with the field's label and shown units ("Risk-free rate
/// must be between -5% and 25% (got 400%)"); any other message is kept, with the field's
/// label in front when it does not already start with it.
pub fn user_message(path: &str, message: &str) -> String {
    let f = field_label(path);
    if let Some((lo, hi, got)) = range_problem(message) {
        let q = |v: f64| format!("{}{}", message_number(v * f.scale), f.unit);
        return format!(
            "{} must be between {} and {} (got {})",
            f.label,
            q(lo),
            q(hi),
            q(got)
        );
    }
    if message.starts_with(&f.label) {
        message.to_string()
    } else {
        format!("{}: {}", f.label, message)
    }
}

/// The id of the input that edits `path`, or of the nearest field above it (a horizon of the
/// list `view.horizon_days.0` is edited in the list's box `input-view-horizon_days`), among
/// the ids `exists` accepts.
pub fn input_id_for(path: &str, exists: impl Fn(&str) -> bool) -> Option<String> {
    let mut p = path;
    loop {
        let id = format!("input-{}", p.replace('.', "-"));
        if exists(&id) {
            return Some(id);
        }
        p = &p[..p.rfind('.')?];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_fields_are_restated_in_percent() {
        assert_eq!(
            user_message("market.rate", "Rate must be between -0.05 and 0.25 (got 4)"),
            "Risk-free rate must be between -5% and 25% (got 400%)"
        );
    }

    #[test]
    fn list_items_get_their_number_and_no_path() {
        let m = user_message("view.horizon_days.0", "Horizon must be 0 to 47 days");
        assert_eq!(m, "Horizon 1: Horizon must be 0 to 47 days");
        assert_eq!(
            field_label("hedge.legs.2.qty").label,
            "Hedge leg 3 quantity"
        );
        assert_eq!(field_label("market.unknown_thing").label, "Unknown thing");
    }

    #[test]
    fn numbers_in_messages_are_compact_and_never_minus_zero() {
        assert_eq!(message_number(-0.0), "0");
        assert_eq!(message_number(-1.0), "-1");
        assert_eq!(message_number(1e308), "1e308");
        assert_eq!(message_number(-2.5e-7), "-2.5e-7");
        assert_eq!(exponent_form(9.9996e20), "1e21");
        assert_eq!(message_number(0.25 * 100.0), "25");
        assert_eq!(
            user_message(
                "condor.short_put",
                "Short put strike must be between 1 and 100000 (got -1)"
            ),
            "Short put strike must be between 1 pts and 100000 pts (got -1 pts)"
        );
    }

    #[test]
    fn list_item_errors_find_the_list_box() {
        let ids = ["input-view-horizon_days", "input-market-rate"];
        let exists = |id: &str| ids.contains(&id);
        assert_eq!(
            input_id_for("view.horizon_days.3", exists).as_deref(),
            Some("input-view-horizon_days")
        );
        assert_eq!(
            input_id_for("market.rate", exists).as_deref(),
            Some("input-market-rate")
        );
        assert_eq!(input_id_for("account.capital", exists), None);
    }
}
