//! US equity-options exchange holidays (Cboe Options / NYSE full-day closures), by rule.
//!
//! The rules, as the NYSE applies them (NYSE Rule 7.2 "Holidays"; Cboe Options follows the
//! same schedule for SPX, SPXW and VIX options):
//!
//! | holiday | date | observed when on a weekend |
//! | --- | --- | --- |
//! | New Year's Day | 1 January | Sunday -> Monday 2 January; Saturday -> **no** holiday (the Friday before is the last day of the prior year's books, so the NYSE stays open, e.g. 2021-12-31, 2010-12-31) |
//! | Martin Luther King Jr. Day | third Monday of January | from 1998 (the NYSE first closed on 1998-01-19) |
//! | Washington's Birthday (Presidents' Day) | third Monday of February | - |
//! | Good Friday | two days before Western (Gregorian) Easter Sunday | - |
//! | Memorial Day | last Monday of May | - |
//! | Juneteenth National Independence Day | 19 June, from 2022 | Saturday -> Friday, Sunday -> Monday |
//! | Independence Day | 4 July | Saturday -> Friday, Sunday -> Monday |
//! | Labor Day | first Monday of September | - |
//! | Thanksgiving Day | fourth Thursday of November | - |
//! | Christmas Day | 25 December | Saturday -> Friday, Sunday -> Monday |
//!
//! plus [`SPECIAL_CLOSURES`], the unscheduled full-day closures since 1990 (national days of
//! mourning, 11 September 2001, Hurricane Sandy). Early closes (half days) are trading days
//! and are not holidays here. Dates are computed for any year; the table of rules reflects
//! the schedule in force since 2022 and is the intended behaviour for 1990..=2200 (future
//! unscheduled closures cannot be known, and a future change of the rules would need an
//! update here).

use super::Date;

/// Why the exchange is closed on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Holiday {
    /// New Year's Day (1 January, or Monday 2 January when the 1st is a Sunday).
    NewYearsDay,
    /// Martin Luther King Jr. Day (third Monday of January, from 1998).
    MartinLutherKingDay,
    /// Washington's Birthday / Presidents' Day (third Monday of February).
    PresidentsDay,
    /// Good Friday (Easter Sunday minus two days).
    GoodFriday,
    /// Memorial Day (last Monday of May).
    MemorialDay,
    /// Juneteenth National Independence Day (19 June, observed; from 2022).
    Juneteenth,
    /// Independence Day (4 July, observed).
    IndependenceDay,
    /// Labor Day (first Monday of September).
    LaborDay,
    /// Thanksgiving Day (fourth Thursday of November).
    Thanksgiving,
    /// Christmas Day (25 December, observed).
    Christmas,
    /// An unscheduled full-day closure from [`SPECIAL_CLOSURES`], with its reason.
    Special(&'static str),
}

impl Holiday {
    /// Human-readable name of the closure.
    pub fn name(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "New Year's Day",
            Holiday::MartinLutherKingDay => "Martin Luther King Jr. Day",
            Holiday::PresidentsDay => "Washington's Birthday",
            Holiday::GoodFriday => "Good Friday",
            Holiday::MemorialDay => "Memorial Day",
            Holiday::Juneteenth => "Juneteenth National Independence Day",
            Holiday::IndependenceDay => "Independence Day",
            Holiday::LaborDay => "Labor Day",
            Holiday::Thanksgiving => "Thanksgiving Day",
            Holiday::Christmas => "Christmas Day",
            Holiday::Special(reason) => reason,
        }
    }
}

/// Unscheduled full-day NYSE/Cboe closures since 1990, as (year, month, day, reason).
/// Source: NYSE historical closings list; the same days appear in the `XNYS` calendar of
/// `exchange_calendars` / `pandas_market_calendars`.
pub const SPECIAL_CLOSURES: &[(i32, u8, u8, &str)] = &[
    (1994, 4, 27, "National day of mourning for President Nixon"),
    (2001, 9, 11, "Closed after the 11 September attacks"),
    (2001, 9, 12, "Closed after the 11 September attacks"),
    (2001, 9, 13, "Closed after the 11 September attacks"),
    (2001, 9, 14, "Closed after the 11 September attacks"),
    (2004, 6, 11, "National day of mourning for President Reagan"),
    (2007, 1, 2, "National day of mourning for President Ford"),
    (2012, 10, 29, "Hurricane Sandy"),
    (2012, 10, 30, "Hurricane Sandy"),
    (
        2018,
        12,
        5,
        "National day of mourning for President George H. W. Bush",
    ),
    (2025, 1, 9, "National day of mourning for President Carter"),
];

/// Gregorian Easter Sunday of `year` as (month, day): the anonymous Gregorian computus
/// (Meeus/Jones/Butcher, Meeus "Astronomical Algorithms" ch. 8). Valid for every Gregorian
/// year; `rem_euclid` keeps it total for any `i32`.
pub fn easter_sunday(year: i32) -> (u8, u8) {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    // month is 3 or 4 and day 1..=31 by construction of the algorithm.
    (month as u8, day as u8)
}

/// The `n`-th (1-based) given weekday (Monday = 0) of `year`/`month`.
fn nth_weekday(year: i32, month: u8, weekday: u8, n: u8) -> Option<Date> {
    let first = Date::from_ymd(year, month, 1)?;
    let offset = (i64::from(weekday) + 7 - i64::from(first.weekday_from_monday())) % 7;
    let d = first.add_days(offset + 7 * (i64::from(n) - 1));
    (d.month() == month).then_some(d)
}

/// The last given weekday (Monday = 0) of `year`/`month`.
fn last_weekday(year: i32, month: u8, weekday: u8) -> Option<Date> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let last = Date::from_ymd(ny, nm, 1)?.add_days(-1);
    let back = (i64::from(last.weekday_from_monday()) + 7 - i64::from(weekday)) % 7;
    Some(last.add_days(-back))
}

/// A fixed-date holiday moved off the weekend: Saturday -> Friday, Sunday -> Monday.
fn observed(date: Date) -> Date {
    match date.weekday_from_monday() {
        5 => date.add_days(-1),
        6 => date.add_days(1),
        _ => date,
    }
}

/// The rule-based holidays, each with the month(s) its observed date can fall in.
const RULES: [(Holiday, [u8; 2]); 10] = [
    (Holiday::NewYearsDay, [1, 1]),
    (Holiday::MartinLutherKingDay, [1, 1]),
    (Holiday::PresidentsDay, [2, 2]),
    (Holiday::GoodFriday, [3, 4]),
    (Holiday::MemorialDay, [5, 5]),
    (Holiday::Juneteenth, [6, 6]),
    (Holiday::IndependenceDay, [7, 7]),
    (Holiday::LaborDay, [9, 9]),
    (Holiday::Thanksgiving, [11, 11]),
    (Holiday::Christmas, [12, 12]),
];

/// The observed date of rule-based `holiday` in `year`; `None` when it is not observed that
/// year (New Year's Day on a Saturday, MLK Day before 1998, Juneteenth before 2022).
fn rule_date(holiday: Holiday, year: i32) -> Option<Date> {
    const MON: u8 = 0;
    const THU: u8 = 3;
    match holiday {
        // Sunday -> Monday; Saturday -> not observed (NYSE rule).
        Holiday::NewYearsDay => {
            Date::from_ymd(year, 1, 1).and_then(|d| match d.weekday_from_monday() {
                5 => None,
                6 => Some(d.add_days(1)),
                _ => Some(d),
            })
        }
        Holiday::MartinLutherKingDay if year >= 1998 => nth_weekday(year, 1, MON, 3),
        Holiday::PresidentsDay => nth_weekday(year, 2, MON, 3),
        Holiday::GoodFriday => {
            let (month, day) = easter_sunday(year);
            Date::from_ymd(year, month, day).map(|d| d.add_days(-2))
        }
        Holiday::MemorialDay => last_weekday(year, 5, MON),
        Holiday::Juneteenth if year >= 2022 => Date::from_ymd(year, 6, 19).map(observed),
        Holiday::IndependenceDay => Date::from_ymd(year, 7, 4).map(observed),
        Holiday::LaborDay => nth_weekday(year, 9, MON, 1),
        Holiday::Thanksgiving => nth_weekday(year, 11, THU, 4),
        Holiday::Christmas => Date::from_ymd(year, 12, 25).map(observed),
        _ => None,
    }
}

/// The rule-based holidays of `year` (no special closures), in date order.
fn scheduled_holidays(year: i32) -> Vec<(Date, Holiday)> {
    RULES
        .iter()
        .filter_map(|&(h, _)| rule_date(h, year).map(|d| (d, h)))
        .collect()
}

/// Every full-day exchange closure of `year` that falls on a weekday (rule-based holidays and
/// special closures), in date order.
pub fn exchange_holidays(year: i32) -> Vec<(Date, Holiday)> {
    let mut out = scheduled_holidays(year);
    out.extend(
        SPECIAL_CLOSURES
            .iter()
            .filter(|c| c.0 == year)
            .filter_map(|&(y, m, d, why)| {
                Date::from_ymd(y, m, d).map(|d| (d, Holiday::Special(why)))
            }),
    );
    out.sort_by_key(|&(d, _)| d);
    out
}

/// The exchange holiday on `date`, if any (see the module documentation for the rules).
pub fn exchange_holiday(date: Date) -> Option<Holiday> {
    if let Some(&(_, _, _, why)) = SPECIAL_CLOSURES
        .iter()
        .find(|&&(y, m, d, _)| (y, m, d) == (date.year(), date.month(), date.day()))
    {
        return Some(Holiday::Special(why));
    }
    // Only the rules that can fall in this month are evaluated (no allocation).
    RULES
        .iter()
        .filter(|(_, months)| months.contains(&date.month()))
        .find(|&&(h, _)| rule_date(h, date.year()) == Some(date))
        .map(|&(h, _)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn easter_known_years() {
        // Published Easter Sunday dates.
        for (year, md) in [
            (1990, (4, 15)),
            (2000, (4, 23)),
            (2008, (3, 23)),
            (2011, (4, 24)),
            (2019, (4, 21)),
            (2024, (3, 31)),
            (2025, (4, 20)),
            (2026, (4, 5)),
            (2038, (4, 25)),
            (2285, (3, 22)),
        ] {
            assert_eq!(easter_sunday(year), md, "{year}");
        }
    }

    #[test]
    fn new_year_saturday_is_not_moved_to_friday() {
        // 2022-01-01 was a Saturday: the NYSE traded on Friday 2021-12-31.
        assert_eq!(exchange_holiday(d("2021-12-31")), None);
        assert_eq!(exchange_holiday(d("2022-01-01")), None);
        // 2023-01-01 was a Sunday: observed Monday 2023-01-02.
        assert_eq!(
            exchange_holiday(d("2023-01-02")),
            Some(Holiday::NewYearsDay)
        );
    }

    #[test]
    fn observed_fixed_holidays() {
        assert_eq!(
            exchange_holiday(d("2026-07-03")),
            Some(Holiday::IndependenceDay)
        );
        assert_eq!(
            exchange_holiday(d("2021-07-05")),
            Some(Holiday::IndependenceDay)
        );
        assert_eq!(exchange_holiday(d("2022-12-26")), Some(Holiday::Christmas));
        assert_eq!(exchange_holiday(d("2021-12-24")), Some(Holiday::Christmas));
        assert_eq!(exchange_holiday(d("2022-06-20")), Some(Holiday::Juneteenth));
        assert_eq!(exchange_holiday(d("2027-06-18")), Some(Holiday::Juneteenth));
        // Juneteenth did not close the market before 2022.
        assert_eq!(exchange_holiday(d("2021-06-18")), None);
        // MLK Day from 1998 only.
        assert_eq!(exchange_holiday(d("1997-01-20")), None);
        assert_eq!(
            exchange_holiday(d("1998-01-19")),
            Some(Holiday::MartinLutherKingDay)
        );
    }

    #[test]
    fn published_nyse_2027_schedule() {
        // NYSE "Holidays & Trading Hours", 2027 column (published three years ahead):
        // Christmas on a Saturday -> Friday Dec 24; New Year's Day 2028 on a Saturday -> no
        // closure on Friday 2027-12-31.
        let expected = [
            "2027-01-01",
            "2027-01-18",
            "2027-02-15",
            "2027-03-26",
            "2027-05-31",
            "2027-06-18",
            "2027-07-05",
            "2027-09-06",
            "2027-11-25",
            "2027-12-24",
        ];
        let computed: Vec<String> = exchange_holidays(2027)
            .iter()
            .map(|(d, _)| d.to_string())
            .collect();
        assert_eq!(computed, expected);
    }

    #[test]
    fn day_lookup_agrees_with_year_lists() {
        let mut day = Date::from_ymd(1990, 1, 1).unwrap();
        let end = Date::from_ymd(2200, 12, 31).unwrap();
        let mut count = 0;
        while day <= end {
            if let Some(h) = exchange_holiday(day) {
                assert!(exchange_holidays(day.year()).contains(&(day, h)), "{day}");
                count += 1;
            }
            day = day.add_days(1);
        }
        let listed: usize = (1990..=2200).map(|y| exchange_holidays(y).len()).sum();
        assert_eq!(count, listed);
    }

    #[test]
    fn special_closures_are_holidays() {
        for text in [
            "2025-01-09",
            "2018-12-05",
            "2012-10-29",
            "2012-10-30",
            "2001-09-14",
        ] {
            assert!(
                matches!(exchange_holiday(d(text)), Some(Holiday::Special(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn every_year_has_its_weekday_holidays() {
        for year in 1990..=2200 {
            let hs = scheduled_holidays(year);
            assert!(hs
                .iter()
                .all(|(d, _)| d.weekday_from_monday() < 5 && d.year() == year));
            let expected = if year >= 2022 {
                10
            } else if year >= 1998 {
                9
            } else {
                8
            };
            // Only New Year's Day can drop out (Saturday rule).
            let n = hs.len();
            assert!(n == expected || n + 1 == expected, "{year}: {n}");
        }
    }
}
