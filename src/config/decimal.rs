//! Decimal text to `f64` through serde_json's exact float parser (its `float_roundtrip`
//! feature, which exact links need anyway), so the web bundle carries one decimal-to-float
//! parser instead of two: core's `f64::from_str`, with its tables, was 13 KB of the gzipped
//! bundle (docs/performance.md, "Bundle").
//!
//! [`parse_typed_number`] is the one reader of numbers a person types or pastes (inputs and
//! CSV series, spec §9): a thousands separator is accepted only between groups of three
//! digits, so "12,5" is refused with a hint instead of being read as 125.

/// A finite number written the way `f64::from_str` reads a finite decimal: an optional sign,
/// digits with an optional fraction (".5" and "5." included), an optional exponent
/// ("1e3", "2.5E-4"). Returns the same value `f64::from_str` gives (both round correctly),
/// and None for anything else, for "inf" and "NaN", and for values beyond the f64 range.
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) {
        return None;
    }
    // JSON's grammar: no leading zeros, digits on both sides of the point.
    let int = int.trim_start_matches('0');
    let mut json = String::with_capacity(text.len() + 4);
    if negative {
        json.push('-');
    }
    json.push_str(if int.is_empty() { "0" } else { int });
    json.push('.');
    json.push_str(if frac.is_empty() { "0" } else { frac });
    if let Some(exp) = exponent {
        let unsigned = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if unsigned.is_empty() || !digits(unsigned) {
            return None;
        }
        json.push('e');
        json.push_str(exp);
    }
    serde_json::from_str::<f64>(&json)
        .ok()
        .filter(|v| v.is_finite())
}

/// Characters read as thousands separators when they sit between groups of three digits:
/// comma, underscore, space, no-break space and narrow no-break space.
const GROUP_SEPARATORS: [char; 5] = [',', '_', ' ', '\u{a0}', '\u{202f}'];

/// A number as a person types it (spec §9): surrounding spaces ignored, a leading "−"
/// (U+2212) read as "-", and thousands separators ([`GROUP_SEPARATORS`], one kind per
/// number) accepted only in the integer part, between groups of exactly three digits after
/// a first group of one to three ("6,000", "1,000,000.25", "12 500"). Anything else with a
/// separator is an error that names the decimal point ("12,5" is never 125, and "0,04" never
/// 4); the rest is read by [`parse_f64`]. Returns the value or a sentence for the field.
pub fn parse_typed_number(text: &str) -> Result<f64, String> {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace());
    let shown = trimmed;
    let unsigned = trimmed.strip_prefix('\u{2212}');
    let body: String = match unsigned {
        Some(rest) => format!("-{rest}"),
        None => trimmed.to_string(),
    };
    let not_a_number = || format!("\u{201c}{shown}\u{201d} is not a number");
    let Some(sep) = body.chars().find(|c| GROUP_SEPARATORS.contains(c)) else {
        return parse_f64(&body).ok_or_else(not_a_number);
    };
    let refuse = || {
        if sep == ',' && !body.contains('.') && body.matches(',').count() == 1 {
            let suggestion = body.replace(',', ".");
            if parse_f64(&suggestion).is_some() {
                return format!(
                    "\u{201c}{shown}\u{201d}: a comma separates thousands only in groups of \
                     three digits (6,000); for a decimal, write a point: {suggestion}"
                );
            }
        }
        format!(
            "\u{201c}{shown}\u{201d} is not a number: a separator is allowed only between \
             groups of three digits (6,000 or 1,000,000.5); decimals take a point"
        )
    };
    let (sign, digits) = match body.strip_prefix(['-', '+']) {
        Some(rest) => (&body[..1], rest),
        None => ("", body.as_str()),
    };
    // The integer part ends at the decimal point or the exponent.
    let end = digits.find(['.', 'e', 'E']).unwrap_or(digits.len());
    let (int, tail) = digits.split_at(end);
    if tail.chars().any(|c| GROUP_SEPARATORS.contains(&c)) {
        return Err(refuse());
    }
    let mut groups = int.split(sep);
    let first = groups.next().unwrap_or("");
    let is_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let first_ok = (1..=3).contains(&first.len()) && is_digits(first);
    let rest_ok = groups.all(|g| g.len() == 3 && is_digits(g));
    if !first_ok || !rest_ok {
        return Err(refuse());
    }
    let joined: String = format!("{sign}{}{tail}", int.replace(sep, ""));
    parse_f64(&joined).ok_or_else(not_a_number)
}

/// `value` with its integer part in groups of three separated by commas and `decimals`
/// digits after the point (e.g. 1234567.891, 2 -> "1,234,567.89"); the inverse of
/// [`parse_typed_number`] to that precision. Non-finite values give "".
pub fn format_grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let plain = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match plain.find('.') {
        Some(i) => plain.split_at(i),
        None => (plain.as_str(), ""),
    };
    let mut out = String::with_capacity(plain.len() + int.len() / 3 + 1);
    if value.is_sign_negative() && plain.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push_str(frac);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `f64::from_str` gives, finite only.
    fn std_parse(text: &str) -> Option<f64> {
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    #[test]
    fn reads_what_std_reads() {
        for text in [
            "0",
            "-0",
            "+0",
            "6000",
            "0.16",
            ".5",
            "5.",
            "-.5",
            "+5.",
            "007",
            "00.25",
            "1e3",
            "1E3",
            "2.5e-4",
            "2.5E+4",
            "-1.5e-300",
            "4.9e-324",
            "1.7976931348623157e308",
            "123456789012345678901234567890",
            "0.1000000000000000055511151231257827",
            "9007199254740993",
            "2.2250738585072011e-308",
        ] {
            let got = parse_f64(text);
            assert_eq!(
                got.map(f64::to_bits),
                std_parse(text).map(f64::to_bits),
                "{text}"
            );
            assert!(got.is_some(), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_finite_decimal() {
        for text in [
            "", "-", "+", ".", "-.", "e3", "1e", "1e+", "1.2.3", "1e3.5", "--1", "+-1", "1 ", " 1",
            "inf", "-inf", "NaN", "infinity", "0x10", "1,5", "1_000", "1e400", "-1e400", "١",
        ] {
            assert_eq!(parse_f64(text), None, "{text}");
        }
    }

    #[test]
    fn typed_numbers_take_commas_only_as_thousands_separators() {
        for (text, want) in [
            ("6,000", 6000.0),
            ("1,000,000", 1e6),
            ("-1,234.5", -1234.5),
            ("\u{2212}12.5", -12.5),
            ("  6000  ", 6000.0),
            ("12 500", 12500.0),
            ("1_000", 1000.0),
            ("0.04", 0.04),
            ("999", 999.0),
        ] {
            assert_eq!(parse_typed_number(text), Ok(want), "{text}");
        }
        for text in ["12,5", "0,04", "1,00"] {
            let err = parse_typed_number(text).unwrap_err();
            assert!(
                err.contains("decimal") && err.contains("point"),
                "{text}: {err}"
            );
            assert!(err.contains(&text.replace(',', ".")), "{text}: {err}");
        }
        for text in [
            "1,0000",
            ",5",
            "5,",
            "1,,000",
            "1,000.000,5",
            "1,000,00",
            "1.5,000",
            "1 000,000",
            "1e3,000",
            "",
            "abc",
            "6,000x",
        ] {
            assert!(parse_typed_number(text).is_err(), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn grouped_formatting_round_trips(
            value in -1e12f64..1e12,
            decimals in 0usize..7,
        ) {
            let text = format_grouped(value, decimals);
            let plain = format!("{:.*}", decimals, value);
            let want: f64 = plain.parse().unwrap();
            prop_assert_eq!(parse_typed_number(&text), Ok(want), "{}", text);
        }

        #[test]
        fn a_comma_outside_groups_of_three_never_parses(
            int in "[0-9]{1,7}",
            cut in 0usize..8,
            frac in prop::option::of("[0-9]{1,3}"),
        ) {
            // A comma put anywhere in the digits; it parses only when every group after the
            // first is exactly three digits long and the first one to three.
            let cut = cut.min(int.len());
            let mut text = format!("{},{}", &int[..cut], &int[cut..]);
            if let Some(f) = &frac {
                text.push('.');
                text.push_str(f);
            }
            let groups_ok = (1..=3).contains(&cut) && int.len() - cut == 3;
            prop_assert_eq!(parse_typed_number(&text).is_ok(), groups_ok, "{}", text);
            // A comma after the decimal point never parses.
            if let Some(f) = &frac {
                let bad = format!("{int}.{f},000");
                prop_assert!(parse_typed_number(&bad).is_err(), "{}", bad);
            }
        }

        #[test]
        fn agrees_with_std_on_decimal_text(
            sign in prop::sample::select(vec!["", "-", "+"]),
            int in "[0-9]{0,20}",
            point in any::<bool>(),
            frac in "[0-9]{0,20}",
            exp in prop::option::of(("[eE]", prop::sample::select(vec!["", "-", "+"]), "[0-9]{1,3}")),
        ) {
            let mut text = format!("{sign}{int}");
            if point {
                text.push('.');
                text.push_str(&frac);
            }
            if let Some((e, s, d)) = exp {
                text.push_str(&format!("{e}{s}{d}"));
            }
            prop_assert_eq!(parse_f64(&text).map(f64::to_bits), std_parse(&text).map(f64::to_bits), "{}", text);
        }
    }
}
