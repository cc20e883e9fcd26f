//! JavaScript API (wasm only): the same evaluation as the page, config object in, report
//! object out, for documentation sites that want the numbers without the UI (spec §8).
//!
//! Objects cross the boundary as JSON text (`JSON.stringify` / `JSON.parse`) through the one
//! canonical Config codec of `state.rs`, not through serde-wasm-bindgen: the result is the
//! same plain objects, and the bundle carries one Config decoder instead of two (README,
//! "Bundle size").

use crate::state::{from_json_lenient, to_canonical_json};
use crate::{Config, ConfigErrors, FieldError};
use wasm_bindgen::prelude::*;

/// Parses JSON text made by serde_json into a JS value (an object or array).
fn from_json_text(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// Builds a JS `Error` whose message lists every invalid field and whose `fields` property is
/// an array of `{field, message}` objects.
fn config_error(errors: &ConfigErrors) -> JsValue {
    let error = js_sys::Error::new(&errors.to_string());
    let fields = serde_json::to_string(&errors.0).unwrap_or_else(|_| "[]".into());
    if let Ok(fields) = from_json_text(&fields) {
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("fields"), &fields);
    }
    error.into()
}

/// Reads a config object strictly: fields left out take their defaults, but every field that
/// is present and invalid (wrong type, out of range, NaN, ...) is an error.
fn read_config(config: &JsValue) -> Result<Config, ConfigErrors> {
    let text = js_sys::JSON::stringify(config)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            ConfigErrors(vec![FieldError::new(
                "config",
                "not a JSON-serialisable object",
            )])
        })?;
    // A complete, current and valid config (what `defaultConfig` returns, edited) reads
    // directly: the same Config the lenient decoder gives it, without building, encoding and
    // merging the defaults (about a tenth of a millisecond per call). Anything else goes
    // through the lenient decoder, which fills what is left out and names bad fields.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        use serde::Deserialize;
        if let Ok(config) = Config::deserialize(&value) {
            if config.version == crate::config::CONFIG_VERSION
                && crate::validate::validate(&config).is_empty()
            {
                return Ok(config);
            }
        }
    }
    // A config without a valuation date is valued today, in the browser's time zone.
    let now = js_sys::Date::new_0();
    let today = crate::calendar::Date::from_ymd_clamped(
        now.get_full_year() as i32,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    );
    let decoded = from_json_lenient(&text, today);
    if decoded.notices.is_empty() {
        Ok(decoded.config)
    } else {
        Err(ConfigErrors(decoded.notices))
    }
}

/// `evaluate(config)`: validates a configuration object (the shape of [`Config`], as stored
/// in a link; fields left out take their defaults) and returns the full report as a plain
/// object. Throws an `Error` listing every invalid field; never panics.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate_js(config: JsValue) -> Result<JsValue, JsValue> {
    let config = read_config(&config).map_err(|e| config_error(&e))?;
    let report = crate::evaluate(&config).map_err(|e| config_error(&e))?;
    let text = serde_json::to_string(&report)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    from_json_text(&text)
}

/// `defaultConfig("YYYY-MM-DD")`: the default configuration for a valuation date, as an
/// object to edit and pass to `evaluate`.
#[wasm_bindgen(js_name = defaultConfig)]
pub fn default_config_js(valuation_date: &str) -> Result<JsValue, JsValue> {
    let date = crate::calendar::Date::parse(valuation_date)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    from_json_text(&to_canonical_json(&Config::defaults_for(date)))
}
