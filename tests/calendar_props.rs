//! Property tests for the expiry calendar (spec §2, §11 helpers).

use alvh::calendar::expiry::{
    business_day_on_or_before, is_business_day, spx_monthlies_from, spx_monthly_nearest_days,
    spxw_expiries_from, vix_expiries_from, vix_expiry_nearest,
};
use alvh::calendar::Date;
use proptest::prelude::*;

fn date(offset: i64) -> Date {
    // 1990-01-01 plus up to ~200 years.
    Date::from_ymd(1990, 1, 1).expect("valid").add_days(offset)
}

proptest! {
    #[test]
    fn lists_are_increasing_business_days(offset in 0i64..72_000, n in 0usize..30) {
        let from = date(offset);
        for list in [spx_monthlies_from(from, n), vix_expiries_from(from, n), spxw_expiries_from(from, n)] {
            prop_assert!(list.len() <= n);
            prop_assert!(list.iter().all(|&d| d >= from && is_business_day(d)));
            prop_assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        // Only lists that would run past 2200 can be short.
        if from < Date::from_ymd(2195, 1, 1).expect("valid") {
            prop_assert_eq!(spx_monthlies_from(from, n).len(), n);
            prop_assert_eq!(vix_expiries_from(from, n).len(), n);
        }
    }

    #[test]
    fn business_day_on_or_before_is_latest(offset in 0i64..72_000) {
        let d = date(offset);
        let b = business_day_on_or_before(d);
        prop_assert!(b <= d && is_business_day(b));
        let mut x = b.add_days(1);
        while x <= d {
            prop_assert!(!is_business_day(x));
            x = x.add_days(1);
        }
    }

    #[test]
    fn nearest_spx_expiry_is_nearest(offset in 0i64..70_000, target in 0i64..400) {
        let from = date(offset);
        let pick = spx_monthly_nearest_days(from, target);
        let dist = (from.days_until(pick) - target).abs();
        prop_assert!(pick > from);
        for other in spx_monthlies_from(from.add_days(1), 16) {
            prop_assert!(dist <= (from.days_until(other) - target).abs(), "{} beats {}", other, pick);
        }
    }

    #[test]
    fn nearest_vix_expiry_is_nearest(offset in 100i64..70_000) {
        let target = date(offset);
        let pick = vix_expiry_nearest(target);
        let dist = pick.days_until(target).abs();
        prop_assert!(dist <= 21, "{} is {} days from {}", pick, dist, target);
        for other in vix_expiries_from(target.add_days(-100), 8) {
            prop_assert!(dist <= other.days_until(target).abs());
        }
    }
}
