//! Calendar dates and the exchange expiry calendar (SPX monthly/weekly, VIX).

mod date;
pub mod expiry;

pub use date::{Date, DateError};
