//! Exchange expiry rules (spec §2).
//!
//! - **SPX standard (monthly, AM-settled)**: the third Friday of the month; when that Friday
//!   is an exchange holiday, the business day before it (e.g. Thursday 2025-04-17 for Good
//!   Friday 2025-04-18, Thursday 2026-06-18 for Juneteenth 2026-06-19).
//! - **SPXW weeklies/dailies (PM-settled)**: listed for every business day.
//! - **VIX options and VX futures (monthly)**: Cboe's rule text (CFE VX contract
//!   specifications, Final Settlement Date; VIX options specifications, Expiration Date):
//!   "the Wednesday that is thirty days prior to the third Friday of the calendar month
//!   immediately following the month in which the contract expires. If that Wednesday or the
//!   Friday that is thirty days following that Wednesday is a Cboe holiday, the Final
//!   Settlement Date for the contract shall be on the business day immediately preceding that
//!   Wednesday." This equals "30 days before the next month's holiday-adjusted standard SPX
//!   expiration, moved to the business day before when that day is a holiday" (spec §2); the
//!   two readings are checked to agree for every month of 1990..=2200 in the tests.
//!   Usually a Wednesday; a Tuesday when the Wednesday is a holiday (2024-06-18, Juneteenth)
//!   or the SPX Friday is (2025-03-18 for Good Friday 2025-04-18, 2026-05-19 for Juneteenth
//!   2026-06-19).
//!
//! - **VIX weekly options and VX weekly futures**: Cboe lists up to six consecutive weekly
//!   expirations, each 30 days before an SPX (SPXW) Friday expiration: the Wednesday of the
//!   week, moved to the business day before when that Wednesday or the Friday 30 days later is
//!   a holiday (the monthly rule applied to every week). VXM (mini) futures are monthly only.
//!
//! Years are clamped to the supported range [`MIN_YEAR`]..=[`MAX_YEAR`] and months to 1..=12,
//! so no input panics.

use super::holidays::exchange_holiday;
use super::{Date, MAX_YEAR, MIN_YEAR};

/// Longest list any `*_from` function returns (100 years of monthly expiries).
pub const MAX_LIST_LEN: usize = 1200;

/// True on a US equity-options exchange holiday (Cboe/NYSE full-day closures); see
/// [`crate::calendar::holidays`] for the rules.
pub fn is_exchange_holiday(date: Date) -> bool {
    exchange_holiday(date).is_some()
}

/// Weekday that is not an exchange holiday.
pub fn is_business_day(date: Date) -> bool {
    date.weekday_from_monday() < 5 && !is_exchange_holiday(date)
}

/// Latest business day on or before `date`. (At most a few days back: the longest run of
/// closed days is a long weekend plus special closures. The search is bounded so an
/// out-of-range date can never loop.)
pub fn business_day_on_or_before(date: Date) -> Date {
    let mut d = date;
    for _ in 0..31 {
        if is_business_day(d) {
            return d;
        }
        d = d.add_days(-1);
    }
    d
}

/// Earliest business day on or after `date` (bounded search, as above).
pub fn business_day_on_or_after(date: Date) -> Date {
    let mut d = date;
    for _ in 0..31 {
        if is_business_day(d) {
            return d;
        }
        d = d.add_days(1);
    }
    d
}

/// Third Friday of `year`/`month`, before any holiday adjustment.
pub fn third_friday(year: i32, month: u8) -> Date {
    let first = Date::from_ymd_clamped(year, month, 1);
    let to_friday = (4 + 7 - i64::from(first.weekday_from_monday())) % 7;
    first.add_days(to_friday + 14)
}

/// Standard (AM-settled, third-Friday) SPX expiration of `year`/`month`: the third Friday, or
/// the business day before it when that Friday is an exchange holiday.
pub fn spx_monthly_expiry(year: i32, month: u8) -> Date {
    business_day_on_or_before(third_friday(year, month))
}

/// VIX options/futures expiration whose settlement month is `year`/`month` (Cboe rule text
/// quoted in the module documentation).
pub fn vix_expiry(year: i32, month: u8) -> Date {
    let (year, month) = (year.clamp(MIN_YEAR, MAX_YEAR), month.clamp(1, 12));
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let friday = third_friday(ny, nm);
    let wednesday = friday.add_days(-30);
    if is_exchange_holiday(friday) || is_exchange_holiday(wednesday) {
        business_day_on_or_before(wednesday.add_days(-1))
    } else {
        wednesday
    }
}

/// The dates `rule(year, month)` on or after `from`, month by month, strictly increasing.
fn monthly_on_or_after(from: Date, count: usize, rule: fn(i32, u8) -> Date) -> Vec<Date> {
    let count = count.min(MAX_LIST_LEN);
    let (mut y, mut m) = (from.year(), from.month());
    // The VIX expiry of the previous month can fall in this month: start one month early.
    if m == 1 {
        y -= 1;
        m = 12;
    } else {
        m -= 1;
    }
    let mut out = Vec::with_capacity(count);
    while out.len() < count && y <= MAX_YEAR {
        let d = rule(y, m);
        if d >= from && out.last().is_none_or(|&last| d > last) {
            out.push(d);
        }
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// The next `count` (at most [`MAX_LIST_LEN`]) standard SPX expirations on or after `from`.
pub fn spx_monthlies_from(from: Date, count: usize) -> Vec<Date> {
    monthly_on_or_after(from, count, spx_monthly_expiry)
}

/// The next `count` (at most [`MAX_LIST_LEN`]) monthly VIX expirations on or after `from`.
pub fn vix_expiries_from(from: Date, count: usize) -> Vec<Date> {
    monthly_on_or_after(from, count, vix_expiry)
}

/// The next `count` (at most [`MAX_LIST_LEN`]) SPXW expirations on or after `from`: SPXW
/// options are listed for every business day (Monday to Friday, holidays excluded).
pub fn spxw_expiries_from(from: Date, count: usize) -> Vec<Date> {
    let count = count.min(MAX_LIST_LEN);
    let mut out = Vec::with_capacity(count);
    let mut d = from;
    // Bounded: `count` business days need fewer than 2 * count + 31 calendar days.
    for _ in 0..(2 * count + 31) {
        if out.len() >= count {
            break;
        }
        if is_business_day(d) {
            out.push(d);
        }
        d = d.add_days(1);
    }
    out
}

/// The standard SPX expiration strictly after `from` whose calendar-day distance from `from`
/// is nearest `target_days` (negative targets count as 0). A tie goes to the later expiry
/// (more time). Spec §11: the default condor is at the standard expiry nearest 45 days.
pub fn spx_monthly_nearest_days(from: Date, target_days: i64) -> Date {
    let target = target_days.clamp(0, 36_500);
    // Monthly expiries are 28 or 35 days apart: enough candidates to pass the target.
    let count = usize::try_from(target / 28 + 3).unwrap_or(3);
    let candidates = spx_monthlies_from(from.add_days(1), count);
    nearest(&candidates, |d| (from.days_until(d) - target).abs(), true).unwrap_or(from)
}

/// The monthly VIX expiration nearest `target` in calendar days; a tie goes to the earlier
/// expiry. Spec §11: the default hedge is at the VIX expiry nearest the condor's expiry.
pub fn vix_expiry_nearest(target: Date) -> Date {
    let candidates = vix_expiries_from(target.add_days(-40), 4);
    nearest(&candidates, |d| d.days_until(target).abs(), false).unwrap_or(target)
}

/// The monthly VIX expiration on or after `earliest` nearest `target` (tie: the earlier), for
/// callers that must not pick an expiry in the past.
pub fn vix_expiry_nearest_on_or_after(target: Date, earliest: Date) -> Date {
    let start = if target.add_days(-40) > earliest {
        target.add_days(-40)
    } else {
        earliest
    };
    let candidates = vix_expiries_from(start, 4);
    nearest(&candidates, |d| d.days_until(target).abs(), false).unwrap_or(start)
}

/// True when `date` is a standard (monthly, AM-settled) SPX expiration.
pub fn is_spx_monthly(date: Date) -> bool {
    spx_monthly_expiry(date.year(), date.month()) == date
}

/// True when `date` is an SPX expiration of either series: SPXW (PM-settled) expires on every
/// exchange trading day, so every business day is one; the standard monthly (AM-settled) is
/// also a business day.
pub fn is_spx_expiration(date: Date) -> bool {
    is_business_day(date)
}

/// How an SPX expiration settles, in words for the page: "AM-settled SPX monthly; SPXW
/// PM-settled" on a standard expiration, "SPXW, PM-settled" on any other trading day, None
/// when `date` is no SPX expiration.
pub fn spx_settlement(date: Date) -> Option<&'static str> {
    if !is_spx_expiration(date) {
        None
    } else if is_spx_monthly(date) {
        Some("SPX monthly, AM-settled (SPXW PM-settled the same day)")
    } else {
        Some("SPXW, PM-settled")
    }
}

/// The VIX weekly expiration of the week whose Wednesday is `wednesday` (any date is taken as
/// given): that Wednesday, or the business day before it when it or the Friday 30 days later
/// is an exchange holiday (Cboe's monthly rule applied to the SPXW Friday).
pub fn vix_weekly_expiry(wednesday: Date) -> Date {
    let friday = wednesday.add_days(30);
    if is_exchange_holiday(friday) || is_exchange_holiday(wednesday) {
        business_day_on_or_before(wednesday.add_days(-1))
    } else {
        wednesday
    }
}

/// True when `date` is a monthly VIX option / VX future expiration.
pub fn is_vix_monthly(date: Date) -> bool {
    vix_expiries_from(date.add_days(-1), 1).first() == Some(&date)
}

/// True when `date` is a VIX weekly expiration (monthly ones included: a monthly expiration
/// is its week's expiration).
pub fn is_vix_weekly(date: Date) -> bool {
    // The expiry of the week is its Wednesday or a day or two before it.
    (0..7)
        .map(|k| date.add_days(k))
        .filter(|d| d.weekday_from_monday() == 2)
        .any(|w| vix_weekly_expiry(w) == date)
        || is_vix_monthly(date)
}

/// True when `date` is an expiration of a VIX hedge instrument: monthly only when
/// `weekly_listed` is false (VXM), monthly or weekly otherwise (VIX options, VX futures).
pub fn is_vix_expiration(date: Date, weekly_listed: bool) -> bool {
    if weekly_listed {
        is_vix_weekly(date)
    } else {
        is_vix_monthly(date)
    }
}

/// The SPX expiration (any exchange trading day) nearest `date` in calendar days; a tie
/// goes to the later one.
pub fn nearest_spx_expiration(date: Date) -> Date {
    let before = business_day_on_or_before(date);
    let after = business_day_on_or_after(date);
    if date.days_until(after) <= before.days_until(date) {
        after
    } else {
        before
    }
}

/// The VIX expiration (see [`is_vix_expiration`]) nearest `date` in calendar days, not before
/// `earliest`; a tie goes to the earlier one.
pub fn nearest_vix_expiration(date: Date, weekly_listed: bool, earliest: Date) -> Date {
    let start = if date.add_days(-40) > earliest {
        date.add_days(-40)
    } else {
        earliest
    };
    let candidates: Vec<Date> = (0..120)
        .map(|k| start.add_days(k))
        .filter(|&d| is_vix_expiration(d, weekly_listed))
        .collect();
    nearest(&candidates, |d| d.days_until(date).abs(), false).unwrap_or(date)
}

/// A typed expiry moved to a real expiration (spec §9: typed days snap and say so).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapped {
    /// The expiration used.
    pub date: Date,
    /// Calendar days from the valuation date to it.
    pub days: i64,
    /// What moved and why, when the typed day was no expiration; None when it was one.
    pub note: Option<String>,
}

fn snapped(valuation: Date, typed: Date, date: Date, what: &str) -> Snapped {
    let days = valuation.days_until(date);
    let note = (date != typed).then(|| {
        format!(
            "{typed} (T+{}) is not an {what} expiration: using the nearest, {date} (T+{days})",
            valuation.days_until(typed)
        )
    });
    Snapped { date, days, note }
}

/// The SPX expiration for `days` typed as calendar days after `valuation` (at least the next
/// trading day): that day when it is a trading day, else the nearest one, with a note.
pub fn snap_spx_days(valuation: Date, days: i64) -> Snapped {
    let typed = valuation.add_days(days.clamp(1, 36_500));
    let mut date = nearest_spx_expiration(typed);
    if date <= valuation {
        date = business_day_on_or_after(valuation.add_days(1));
    }
    snapped(valuation, typed, date, "SPX")
}

/// The VIX expiration for `days` typed after `valuation` (see [`is_vix_expiration`]).
pub fn snap_vix_days(valuation: Date, days: i64, weekly_listed: bool) -> Snapped {
    let typed = valuation.add_days(days.clamp(1, 36_500));
    let date = nearest_vix_expiration(typed, weekly_listed, valuation.add_days(1));
    snapped(valuation, typed, date, "VIX")
}

/// The candidate with the smallest distance; ties go to the later one when `later_wins`.
fn nearest(candidates: &[Date], distance: impl Fn(Date) -> i64, later_wins: bool) -> Option<Date> {
    let mut best: Option<(i64, Date)> = None;
    for &d in candidates {
        let dist = distance(d);
        let better = match best {
            None => true,
            Some((bd, _)) => dist < bd || (dist == bd && later_wins),
        };
        if better {
            best = Some((dist, d));
        }
    }
    best.map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expirations_spxw_every_trading_day_and_vix_weeklies() {
        let d = |t: &str| Date::parse(t).unwrap();
        // 2026-11-24 is a Tuesday; +45 days is Friday 2027-01-08, +46 a Saturday.
        let today = d("2026-11-24");
        assert!(is_spx_expiration(d("2027-01-08")) && !is_spx_monthly(d("2027-01-08")));
        assert!(is_spx_monthly(d("2027-01-15")));
        assert!(!is_spx_expiration(d("2027-01-09")));
        // Thanksgiving 2026-11-26 and Good Friday 2026-04-03 are no expiration.
        assert!(!is_spx_expiration(d("2026-11-26")));
        assert!(!is_spx_expiration(d("2026-04-03")));
        let s = snap_spx_days(today, 46);
        assert_eq!((s.date, s.days), (d("2027-01-08"), 45), "{s:?}");
        assert!(s.note.as_deref().unwrap().contains("2027-01-09"), "{s:?}");
        assert_eq!(snap_spx_days(today, 45).note, None);
        // Sunday 2027-01-10 is nearer Monday.
        assert_eq!(snap_spx_days(today, 47).date, d("2027-01-11"));
        assert_eq!(
            spx_settlement(d("2027-01-15")),
            Some("SPX monthly, AM-settled (SPXW PM-settled the same day)")
        );
        assert_eq!(spx_settlement(d("2027-01-08")), Some("SPXW, PM-settled"));
        // VIX: monthly 2026-12-16 (Wednesday); weeklies on the other Wednesdays; Juneteenth
        // 2026-06-19 moves the 2026-05-20 Wednesday to Tuesday 2026-05-19.
        assert!(is_vix_monthly(d("2026-12-16")) && is_vix_weekly(d("2026-12-16")));
        assert!(is_vix_weekly(d("2026-12-09")) && !is_vix_monthly(d("2026-12-09")));
        assert!(!is_vix_weekly(d("2026-12-10")));
        assert!(is_vix_weekly(d("2026-05-19")) && !is_vix_weekly(d("2026-05-20")));
        assert!(is_vix_expiration(d("2026-12-09"), true));
        assert!(!is_vix_expiration(d("2026-12-09"), false));
        let v = snap_vix_days(today, 20, false);
        assert_eq!(v.date, d("2026-12-16"), "{v:?}");
        assert!(v.note.is_some());
        assert_eq!(snap_vix_days(today, 15, true).date, d("2026-12-09"));
    }

    #[test]
    fn monthly_checks_agree_with_the_published_calendar() {
        // tests/data/calendar_published_2025_2026.csv: the reference for monthlies.
        let text = include_str!("../../tests/data/calendar_published_2025_2026.csv");
        let mut checked = 0;
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split(',').map(str::trim);
            let (Some(kind), Some(Ok(date))) = (parts.next(), parts.next().map(Date::parse)) else {
                continue;
            };
            match kind {
                "spx" => assert!(is_spx_monthly(date) && is_spx_expiration(date), "{date}"),
                "vix" => {
                    assert!(
                        is_vix_monthly(date) && is_vix_expiration(date, true),
                        "{date}"
                    );
                    assert!(nearest_vix_expiration(date, false, date) == date, "{date}");
                }
                "holiday" => assert!(!is_spx_expiration(date), "{date}"),
                _ => continue,
            }
            checked += 1;
        }
        assert!(checked >= 60, "{checked}");
    }

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// The spec's reading: 30 days before the next month's holiday-adjusted SPX expiry, moved
    /// to the business day before when that day is a holiday.
    fn vix_expiry_spec_reading(year: i32, month: u8) -> Date {
        let (ny, nm) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        business_day_on_or_before(spx_monthly_expiry(ny, nm).add_days(-30))
    }

    #[test]
    fn cboe_rule_and_spec_reading_agree_1990_to_2200() {
        for year in 1990..MAX_YEAR {
            for month in 1..=12 {
                let v = vix_expiry(year, month);
                assert_eq!(v, vix_expiry_spec_reading(year, month), "{year}-{month}");
                assert!(is_business_day(v), "{v}");
                assert!(matches!(v.weekday_from_monday(), 0..=2), "{v}");
                let spx = spx_monthly_expiry(year, month);
                assert!(is_business_day(spx), "{spx}");
                assert!(matches!(spx.weekday_from_monday(), 2..=4), "{spx}");
            }
        }
    }

    #[test]
    fn known_tuesday_vix_expiries() {
        assert_eq!(vix_expiry(2024, 6), d("2024-06-18"));
        assert_eq!(vix_expiry(2025, 3), d("2025-03-18"));
        assert_eq!(vix_expiry(2026, 5), d("2026-05-19"));
    }

    #[test]
    fn lists_are_ordered_and_capped() {
        let from = d("2026-11-24");
        let v = vix_expiries_from(from, 3);
        assert_eq!(v, vec![d("2026-12-16"), d("2027-01-20"), d("2027-02-17")]);
        let s = spx_monthlies_from(from, 2);
        assert_eq!(s, vec![d("2026-12-18"), d("2027-01-15")]);
        assert_eq!(spx_monthlies_from(from, usize::MAX).len(), MAX_LIST_LEN);
        let w = spxw_expiries_from(d("2026-11-24"), 4);
        // Thanksgiving 2026-11-26 is skipped.
        assert_eq!(
            w,
            vec![
                d("2026-11-24"),
                d("2026-11-25"),
                d("2026-11-27"),
                d("2026-11-30")
            ]
        );
    }

    #[test]
    fn no_panic_on_out_of_range_inputs() {
        let _ = spx_monthly_expiry(i32::MAX, 200);
        let _ = vix_expiry(i32::MIN, 0);
        let _ = spx_monthly_nearest_days(d("2200-12-01"), i64::MAX);
        let _ = vix_expiry_nearest(d("2200-12-31"));
        let _ = business_day_on_or_before(Date::from_ymd(-9999, 1, 1).unwrap());
    }
}
