//! The computed exchange calendar against the published 2025 and 2026 calendars
//! (`tests/data/calendar_published_2025_2026.csv`, sources cited in that file), plus the
//! default-expiry helpers of spec §11.

use alvh::calendar::expiry::{
    is_business_day, is_exchange_holiday, spx_monthlies_from, spx_monthly_expiry,
    spx_monthly_nearest_days, spxw_expiries_from, vix_expiries_from, vix_expiry,
    vix_expiry_nearest, vix_expiry_nearest_on_or_after,
};
use alvh::calendar::{exchange_holidays, Date};

fn d(text: &str) -> Date {
    Date::parse(text).expect("test date")
}

/// (kind, date) rows of the published-calendar file.
fn published() -> Vec<(String, Date)> {
    let text = include_str!("data/calendar_published_2025_2026.csv");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (kind, date) = l.split_once(',').expect("kind,date");
            (kind.to_string(), d(date))
        })
        .collect()
}

fn of_kind(kind: &str) -> Vec<Date> {
    published()
        .into_iter()
        .filter(|(k, _)| k == kind)
        .map(|(_, d)| d)
        .collect()
}

#[test]
fn published_file_is_complete() {
    assert_eq!(of_kind("holiday").len(), 21);
    assert_eq!(of_kind("spx").len(), 24);
    assert_eq!(of_kind("vix").len(), 24);
}

#[test]
fn holidays_2025_2026_match_published() {
    let published = of_kind("holiday");
    let computed: Vec<Date> = (2025..=2026)
        .flat_map(exchange_holidays)
        .map(|(date, _)| date)
        .collect();
    assert_eq!(computed, published);
    // And no other weekday of those years is a holiday.
    let mut day = d("2025-01-01");
    while day <= d("2026-12-31") {
        assert_eq!(is_exchange_holiday(day), published.contains(&day), "{day}");
        day = day.add_days(1);
    }
}

#[test]
fn spx_monthlies_2025_2026_match_published() {
    let computed: Vec<Date> = (2025..=2026)
        .flat_map(|y| (1..=12).map(move |m| spx_monthly_expiry(y, m)))
        .collect();
    assert_eq!(computed, of_kind("spx"));
    assert_eq!(spx_monthlies_from(d("2025-01-01"), 24), of_kind("spx"));
}

#[test]
fn vix_expiries_2025_2026_match_published() {
    let computed: Vec<Date> = (2025..=2026)
        .flat_map(|y| (1..=12).map(move |m| vix_expiry(y, m)))
        .collect();
    assert_eq!(computed, of_kind("vix"));
    assert_eq!(vix_expiries_from(d("2025-01-01"), 24), of_kind("vix"));
}

#[test]
fn earlier_known_holiday_cases() {
    // 2024-06-18: Wednesday 2024-06-19 (Juneteenth) closed -> Tuesday.
    assert_eq!(vix_expiry(2024, 6), d("2024-06-18"));
    // February 2008: Good Friday 2008-03-21 -> VIX expiry Tuesday 2008-02-19.
    assert_eq!(vix_expiry(2008, 2), d("2008-02-19"));
    // March 2014: Good Friday 2014-04-18 -> VIX expiry Tuesday 2014-03-18.
    assert_eq!(vix_expiry(2014, 3), d("2014-03-18"));
    // Hurricane Sandy and the 2018 / 2025 days of mourning are closures.
    for closed in ["2012-10-29", "2012-10-30", "2018-12-05", "2025-01-09"] {
        assert!(!is_business_day(d(closed)), "{closed}");
    }
}

#[test]
fn spxw_lists_every_business_day() {
    let days = spxw_expiries_from(d("2025-12-22"), 10);
    let expected: Vec<Date> = [
        "2025-12-22",
        "2025-12-23",
        "2025-12-24",
        "2025-12-26",
        "2025-12-29",
        "2025-12-30",
        "2025-12-31",
        "2026-01-02",
        "2026-01-05",
        "2026-01-06",
    ]
    .iter()
    .map(|t| d(t))
    .collect();
    assert_eq!(days, expected);
}

#[test]
fn default_condor_and_hedge_expiries() {
    // From 2026-11-24: Dec 18 is 24 days away, Jan 15 2027 is 52 days: 52 is nearer 45.
    let from = d("2026-11-24");
    let condor = spx_monthly_nearest_days(from, 45);
    assert_eq!(condor, d("2027-01-15"));
    // VIX expiries around it: 2026-12-16 (30 days before) and 2027-01-20 (5 days after).
    assert_eq!(vix_expiry_nearest(condor), d("2027-01-20"));
    // From 2025-03-03 the Apr 17 (Thursday, Good Friday) expiry is 45 days away exactly.
    assert_eq!(
        spx_monthly_nearest_days(d("2025-03-03"), 45),
        d("2025-04-17")
    );
    // The VIX expiry nearest that is Wednesday 2025-04-16, one day before.
    assert_eq!(vix_expiry_nearest(d("2025-04-17")), d("2025-04-16"));
    // Ties: from 2025-01-01, Feb 21 is 51 days and Mar 21 is 79 days away; target 65 is
    // 14 from both and the later wins. 2025-02-05 is 14 days from both 2025-01-22 and
    // 2025-02-19; the earlier VIX expiry wins.
    assert_eq!(
        spx_monthly_nearest_days(d("2025-01-01"), 65),
        d("2025-03-21")
    );
    assert_eq!(vix_expiry_nearest(d("2025-02-05")), d("2025-01-22"));
    // Never a VIX expiry before `earliest`.
    assert_eq!(
        vix_expiry_nearest_on_or_after(d("2025-04-10"), d("2025-04-17")),
        d("2025-05-21")
    );
}
