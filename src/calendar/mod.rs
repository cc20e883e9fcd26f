//! Calendar dates, exchange holidays and the exchange expiry calendar (SPX monthly/weekly, VIX).

mod date;
pub mod expiry;
pub mod holidays;

pub use date::{Date, DateError, MAX_YEAR, MIN_YEAR};
pub use holidays::{exchange_holiday, exchange_holidays, Holiday};
