//! A civil calendar date (no time zone), serialized as `YYYY-MM-DD`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Earliest year [`Date::parse`] accepts.
pub const MIN_YEAR: i32 = 1900;
/// Latest year [`Date::parse`] accepts.
pub const MAX_YEAR: i32 = 2200;

/// A proleptic Gregorian calendar date, held as days since 1970-01-01; serializes as an ISO
/// `YYYY-MM-DD` string. Hand-written (Howard Hinnant's `days_from_civil` / `civil_from_days`
/// algorithms) rather than the `time` crate: the app needs only these few operations, and the
/// crate's parser cost about 20 KB of the wasm bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

/// A date string that is not a valid `YYYY-MM-DD` date.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("not a valid date (expected YYYY-MM-DD): {0:?}")]
pub struct DateError(pub String);

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in a month (1-12) of a year.
fn month_length(year: i64, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a valid civil date (Hinnant, "chrono-Compatible Low-Level Date
/// Algorithms", days_from_civil).
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`]: (year, month, day).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Parses exactly `digits` ASCII digits.
fn parse_digits(text: &str, digits: usize) -> Option<u32> {
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl Date {
    /// Date from year, month (1-12) and day; None when it does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let year = i64::from(year);
        if !(1..=12).contains(&month) || day == 0 || day > month_length(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Parses `YYYY-MM-DD` (surrounding blanks ignored; years 1900-2200 accepted).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bad = || DateError(text.to_string());
        let mut parts = text.trim().split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let year = parse_digits(y, 4).ok_or_else(bad)? as i32;
        let month = parse_digits(m, 2).ok_or_else(bad)?;
        let day = parse_digits(d, 2).ok_or_else(bad)?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(bad());
        }
        Date::from_ymd(year, month as u8, day as u8).ok_or_else(bad)
    }

    /// Date from year, month and day, each clamped into range instead of failing: year to
    /// [`MIN_YEAR`]..=[`MAX_YEAR`], month to 1..=12, day to 1..=(days in that month).
    pub fn from_ymd_clamped(year: i32, month: u8, day: u8) -> Date {
        let year = year.clamp(MIN_YEAR, MAX_YEAR);
        let month = month.clamp(1, 12);
        let day = day.clamp(1, month_length(i64::from(year), month));
        Date(days_from_civil(i64::from(year), month, day))
    }

    /// Calendar year.
    pub fn year(self) -> i32 {
        civil_from_days(self.0).0 as i32
    }

    /// Month 1-12.
    pub fn month(self) -> u8 {
        civil_from_days(self.0).1
    }

    /// Day of the month, 1-31.
    pub fn day(self) -> u8 {
        civil_from_days(self.0).2
    }

    /// Weekday, Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday).
    pub fn weekday_from_monday(self) -> u8 {
        (self.0 + 3).rem_euclid(7) as u8
    }

    /// Signed whole calendar days from `self` to `later`.
    pub fn days_until(self, later: Date) -> i64 {
        later.0 - self.0
    }

    /// The date `days` calendar days later (earlier when negative); the step is clamped to
    /// +-200,000 days (about 547 years) instead of failing.
    pub fn add_days(self, days: i64) -> Date {
        Date(self.0 + days.clamp(-200_000, 200_000))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = civil_from_days(self.0);
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_format_round_trip() {
        let d = Date::parse("2026-11-24").unwrap();
        assert_eq!(d.to_string(), "2026-11-24");
        assert_eq!(d.weekday_from_monday(), 1); // a Tuesday
        assert_eq!(d.add_days(45).to_string(), "2027-01-08");
        assert_eq!(d.days_until(d.add_days(-10)), -10);
    }

    #[test]
    fn civil_days_round_trip_and_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(
            Date::parse("2024-02-29").unwrap().add_days(1).to_string(),
            "2024-03-01"
        );
        assert_eq!(
            Date::parse("1900-03-01").unwrap().add_days(-1).to_string(),
            "1900-02-28"
        );
        assert_eq!(Date::parse("2000-02-29").unwrap().weekday_from_monday(), 1);
        let mut expected = Date::from_ymd(1899, 12, 31).unwrap();
        for n in days_from_civil(1900, 1, 1)..days_from_civil(2201, 1, 1) {
            let (y, m, d) = civil_from_days(n);
            assert_eq!(days_from_civil(y, m, d), n);
            assert!(d >= 1 && d <= month_length(y, m));
            let date = Date(n);
            assert_eq!(expected.add_days(1), date);
            assert_eq!(Date::parse(&date.to_string()), Ok(date));
            expected = date;
        }
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "",
            "2026-02-30",
            "26-11-24",
            "<script>",
            "9999-01-01",
            "2026-1-05",
            "+2026-01-05",
            "2026-01-05-",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2025-02-29",
            "1899-12-31",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }
}
