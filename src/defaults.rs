//! Default configuration for a valuation date (spec §2, §11).

use crate::calendar::Date;
use crate::config::Config;

impl Config {
    /// The default configuration on `valuation_date`.
    pub fn defaults_for(_valuation_date: Date) -> Config {
        unimplemented!()
    }
}
