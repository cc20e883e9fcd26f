//! Number formatting for rule figures and sentences.

/// Whole dollars with thousands separators: `$12,345`, `-$1,234`.
pub fn money(x: f64) -> String {
    if !x.is_finite() {
        return "n/a".to_string();
    }
    let r = x.round();
    let sign = if r < 0.0 { "-" } else { "" };
    format!("{sign}${}", group(r.abs() as u64))
}

fn group(mut n: u64) -> String {
    let mut parts = Vec::new();
    loop {
        if n < 1000 {
            parts.push(format!("{n}"));
            break;
        }
        parts.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    parts.reverse();
    parts.join(",")
}

/// A decimal fraction as percent with `dp` decimals: `pct(0.12, 1)` = `12.0%`.
pub fn pct(x: f64, dp: usize) -> String {
    format!("{:.*}%", dp, x * 100.0)
}

/// A number with `dp` decimals that never prints a negative zero ("-0.0" becomes "0.0").
pub fn fixed(x: f64, dp: usize) -> String {
    let s = format!("{x:.dp$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// A number with `dp` decimals.
pub fn num(x: f64, dp: usize) -> String {
    format!("{x:.dp$}")
}

/// `true` when `x` is inside [lo, hi] allowing a relative slack of 1e-9 at the edges, so a
/// figure computed to equal a bound (e.g. 1.2% of S0) is not failed by rounding.
pub fn within_inclusive(x: f64, lo: f64, hi: f64) -> bool {
    let slack = |b: f64| 1e-9 * b.abs().max(1.0);
    x >= lo - slack(lo) && x <= hi + slack(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(money(1234567.4), "$1,234,567");
        assert_eq!(money(-5000.0), "-$5,000");
        assert_eq!(money(999.5), "$1,000");
        assert_eq!(pct(0.12, 1), "12.0%");
        assert_eq!(fixed(-0.0004, 1), "0.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-0.06, 1), "-0.1");
        assert!(within_inclusive(1.2000000000000002, 1.2, 1.8));
        assert!(!within_inclusive(1.19, 1.2, 1.8));
    }
}
