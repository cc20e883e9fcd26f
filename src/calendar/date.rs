//! A civil calendar date (no time zone), serialized as `YYYY-MM-DD`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use time::macros::format_description;

/// Earliest year [`Date::parse`] accepts.
pub const MIN_YEAR: i32 = 1900;
/// Latest year [`Date::parse`] accepts.
pub const MAX_YEAR: i32 = 2200;

/// A calendar date. Wraps `time::Date`; serializes as an ISO `YYYY-MM-DD` string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

/// A date string that is not a valid `YYYY-MM-DD` date.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("not a valid date (expected YYYY-MM-DD): {0:?}")]
pub struct DateError(pub String);

impl Date {
    /// Date from year, month (1-12) and day; None when it does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }

    /// Parses `YYYY-MM-DD` (years 1900-2200 accepted).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let fmt = format_description!("[year]-[month]-[day]");
        let d = time::Date::parse(text.trim(), &fmt).map_err(|_| DateError(text.to_string()))?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
            return Err(DateError(text.to_string()));
        }
        Ok(Date(d))
    }

    /// Date from year, month and day, each clamped into range instead of failing: year to
    /// [`MIN_YEAR`]..=[`MAX_YEAR`], month to 1..=12, day to 1..=(days in that month).
    pub fn from_ymd_clamped(year: i32, month: u8, day: u8) -> Date {
        let year = year.clamp(MIN_YEAR, MAX_YEAR);
        let month = time::Month::try_from(month.clamp(1, 12)).unwrap_or(time::Month::January);
        let day = day.clamp(1, month.length(year));
        time::Date::from_calendar_date(year, month, day)
            .map(Date)
            .unwrap_or(Date(time::macros::date!(2000 - 01 - 01)))
    }

    /// Calendar year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Month 1-12.
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }

    /// Day of the month, 1-31.
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Weekday, Monday = 0 ... Sunday = 6.
    pub fn weekday_from_monday(self) -> u8 {
        self.0.weekday().number_days_from_monday()
    }

    /// Signed whole calendar days from `self` to `later`.
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).whole_days()
    }

    /// The date `days` calendar days later (earlier when negative); saturates at the
    /// supported range instead of failing.
    pub fn add_days(self, days: i64) -> Date {
        let clamped = days.clamp(-200_000, 200_000);
        self.0
            .checked_add(time::Duration::days(clamped))
            .map(Date)
            .unwrap_or(self)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
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
    fn rejects_bad_dates() {
        for bad in ["", "2026-02-30", "26-11-24", "<script>", "9999-01-01"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }
}
