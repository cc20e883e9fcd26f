//! The two-key review's signatures (R16): what a reviewer types, kept in the Config.

use serde::{Deserialize, Serialize};

/// A reviewer's initials on one configuration fingerprint (R16).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewSignature {
    /// The reviewer's initials as typed.
    pub initials: String,
    /// The configuration fingerprint the reviewer saw when signing.
    pub fingerprint: String,
}
