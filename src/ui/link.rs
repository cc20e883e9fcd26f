//! Sharing the configuration through the URL fragment.
//!
//! SHIM (remove when `crate::state::{encode_fragment, decode_fragment}` land on main): a
//! minimal local codec (URL-safe base64 of the Config's JSON) so the UI can be built and
//! tested before the core's versioned codec exists. Only `encode`/`decode` below know about
//! it; switching to the core codec is a change to these two functions.

use crate::calendar::Date;
use crate::{Config, FieldError};
use base64::Engine;

/// What a fragment decodes to.
pub struct Decoded {
    pub config: Config,
    /// Problems found while decoding, shown to the user as notices.
    pub notices: Vec<FieldError>,
    /// Embed mode: chart and key figures only.
    pub embed: bool,
}

/// The fragment (without '#') that reproduces `config`.
pub fn encode(config: &Config) -> String {
    let json = serde_json::to_string(config).unwrap_or_default();
    format!("c={}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json))
}

/// Decodes a fragment; anything unreadable falls back to the defaults for `today`, with a
/// notice. Never fails.
pub fn decode(fragment: &str, today: Date) -> Decoded {
    let mut notices = Vec::new();
    let mut config = None;
    let mut embed = false;
    for part in fragment.split('&').filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some(("c", payload)) => {
                let parsed = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(payload)
                    .ok()
                    .and_then(|bytes| serde_json::from_slice::<Config>(&bytes).ok());
                match parsed {
                    Some(c) => config = Some(c),
                    None => notices.push(FieldError::new("link", "the link's configuration could not be read; showing the defaults")),
                }
            }
            _ if part == "embed" || part == "embed=1" => embed = true,
            _ => {}
        }
    }
    Decoded { config: config.unwrap_or_else(|| Config::defaults_for(today)), notices, embed }
}
