//! Decimal text to `f64` through serde_json's exact float parser (its `float_roundtrip`
//! feature, which exact links need anyway), so the web bundle carries one decimal-to-float
//! parser instead of two: core's `f64::from_str`, with its tables, was 13 KB of the gzipped
//! bundle (docs/performance.md, "Bundle").

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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

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
