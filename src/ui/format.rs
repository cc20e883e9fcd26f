//! Display formatting: thousands separators, signs and units. No financial arithmetic.

/// Groups the integer digits of a non-negative decimal string with commas.
fn group(digits: &str) -> String {
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Whole dollars with a sign for losses: "$12,345", "−$1,234" (a real minus sign).
pub fn dollars(value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let rounded = value.round();
    let body = group(&format!("{:.0}", rounded.abs()));
    if rounded < 0.0 {
        format!("−${body}")
    } else {
        format!("${body}")
    }
}

/// Signed whole dollars: "+$1,234" / "−$1,234" (for P/L and Greeks).
pub fn signed_dollars(value: f64) -> String {
    if value.is_finite() && value.round() > 0.0 {
        format!("+{}", dollars(value))
    } else {
        dollars(value)
    }
}

/// A number with `decimals` places and thousands separators; minus as a real minus sign.
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    format!("{}{}", if negative { "−" } else { "" }, group(&text))
}

/// A decimal fraction as a percentage: 0.1234 -> "12.3%".
pub fn percent(fraction: f64, decimals: usize) -> String {
    format!("{}%", number(fraction * 100.0, decimals))
}

/// A signed move as a whole percentage: -0.2 -> "−20%", 0.05 -> "+5%".
pub fn signed_percent(fraction: f64) -> String {
    let text = percent(fraction, 0);
    if fraction > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

/// SPX levels list: "5,712.4 · 6,288.1", or "none in range".
pub fn levels(values: &[f64]) -> String {
    if values.is_empty() {
        "none in range".into()
    } else {
        values
            .iter()
            .map(|v| number(*v, 1))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// An input's text for a value: up to 6 decimals, trailing zeros removed, no grouping; a
/// magnitude of 1e15 or more in exponent form ("1e308", not three hundred digits).
pub fn input_text(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    if value.abs() >= 1e15 {
        return crate::config::labels::exponent_form(value);
    }
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

/// Parses a typed number with the core's rule (spec §9,
/// [`crate::config::decimal::parse_typed_number`]): thousands separators only between groups
/// of three digits ("6,000"), so "12,5" is refused with a hint to write a decimal point.
pub fn parse_number(text: &str) -> Result<f64, String> {
    crate::config::decimal::parse_typed_number(text)
}
