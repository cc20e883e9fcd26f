//! ALVH sizing rules R1-R16 (spec §6, §11).

use serde::{Deserialize, Serialize};

/// Editable rule thresholds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleThresholds {}

/// Rule verdicts and the sizing recommendation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RulesReport {}

/// A reviewer's initials on one configuration fingerprint (R16).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewSignature {
    pub initials: String,
    pub fingerprint: String,
}

/// Evaluates every rule on a report (placeholder until the rules land: no verdicts).
pub fn evaluate_rules(_config: &crate::Config, _report: &crate::Report) -> RulesReport {
    RulesReport::default()
}
