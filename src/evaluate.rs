//! The pure pipeline: Config -> Report.

use crate::{Config, ConfigErrors, Report};

/// Evaluates a configuration.
pub fn evaluate(_config: &Config) -> Result<Report, ConfigErrors> {
    Err(ConfigErrors(vec![crate::FieldError::new("config", "evaluation not written yet")]))
}
