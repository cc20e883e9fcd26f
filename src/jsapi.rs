//! JavaScript API (wasm only): the same evaluation as the page, config object in, report
//! object out, for documentation sites that want the numbers without the UI (spec §8).

use crate::{Config, ConfigErrors};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Builds a JS `Error` whose message lists every invalid field and whose `fields` property is
/// an array of `{field, message}` objects.
fn config_error(errors: &ConfigErrors) -> JsValue {
    let error = js_sys::Error::new(&errors.to_string());
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    if let Ok(fields) = errors.0.serialize(&serializer) {
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("fields"), &fields);
    }
    error.into()
}

/// `evaluate(config)`: validates a configuration object (the shape of [`Config`], as stored
/// in a link) and returns the full report as a plain object. Throws an `Error` listing every
/// invalid field; never panics.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate_js(config: JsValue) -> Result<JsValue, JsValue> {
    let config: Config = serde_wasm_bindgen::from_value(config).map_err(|e| {
        let errors = ConfigErrors(vec![crate::FieldError::new("config", e.to_string())]);
        config_error(&errors)
    })?;
    let report = crate::evaluate(&config).map_err(|e| config_error(&e))?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    report
        .serialize(&serializer)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// `defaultConfig("YYYY-MM-DD")`: the default configuration for a valuation date, as an
/// object to edit and pass to `evaluate`.
#[wasm_bindgen(js_name = defaultConfig)]
pub fn default_config_js(valuation_date: &str) -> Result<JsValue, JsValue> {
    let date = crate::calendar::Date::parse(valuation_date)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    Config::defaults_for(date)
        .serialize(&serializer)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}
