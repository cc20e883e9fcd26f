//! JavaScript API (wasm only): the same evaluation as the page, config object in, report
//! object out, for documentation sites that want the numbers without the UI (spec §8).
//!
//! Objects cross the boundary as JSON text (`JSON.stringify` / `JSON.parse`) through the one
//! canonical Config codec of `state.rs`, not through serde-wasm-bindgen: the result is the
//! same plain objects, and the bundle carries one Config decoder instead of two (README,
//! "Embedding"). The report's long numeric series cross as arrays instead (`report_to_js`).

use crate::codec::link::{from_json_lenient, to_canonical_json};
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
                && crate::config::validate::validate(&config).is_empty()
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
    report_to_js(report)
}

/// The report as a plain object: the same object `JSON.parse` makes of its JSON text, built
/// faster. The long numeric series (the chart grid, every horizon's VIX and three P/L
/// curves, the four Greeks across price: 90% of the text) are taken out before the rest is
/// written as JSON, and put back as plain arrays copied from the wasm memory (`Array.from`
/// of a `Float64Array`: every number exactly as JSON would carry it; the report has no NaN
/// or infinity). Writing and parsing them as text was ~0.9 ms of a ~2.1 ms call.
fn report_to_js(mut report: crate::Report) -> Result<JsValue, JsValue> {
    use std::mem::take;
    let spots = take(&mut report.curves.spots);
    let horizons: Vec<[Vec<f64>; 4]> = report
        .curves
        .horizons
        .iter_mut()
        .map(|h| {
            [
                take(&mut h.vix),
                take(&mut h.pnl.condor),
                take(&mut h.pnl.hedge),
                take(&mut h.pnl.combined),
            ]
        })
        .collect();
    let g = &mut report.greeks_curve;
    let greeks = [
        take(&mut g.delta_dollars),
        take(&mut g.gamma_dollars_per_pct),
        take(&mut g.vega_per_point),
        take(&mut g.theta_per_day),
    ];
    let text = serde_json::to_string(&report)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    let object = from_json_text(&text)?;
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key));
    let put = |target: &JsValue, key: &str, values: &[f64]| {
        let array = js_sys::Array::from(&js_sys::Float64Array::from(values));
        js_sys::Reflect::set(target, &JsValue::from_str(key), &array).map(|_| ())
    };
    let curves = get(&object, "curves")?;
    put(&curves, "spots", &spots)?;
    let horizon_objects = get(&curves, "horizons")?;
    for (i, [vix, condor, hedge, combined]) in horizons.iter().enumerate() {
        let h = js_sys::Reflect::get_u32(&horizon_objects, i as u32)?;
        put(&h, "vix", vix)?;
        let pnl = get(&h, "pnl")?;
        put(&pnl, "condor", condor)?;
        put(&pnl, "hedge", hedge)?;
        put(&pnl, "combined", combined)?;
    }
    let greeks_curve = get(&object, "greeks_curve")?;
    let names = [
        "delta_dollars",
        "gamma_dollars_per_pct",
        "vega_per_point",
        "theta_per_day",
    ];
    for (name, values) in names.into_iter().zip(&greeks) {
        put(&greeks_curve, name, values)?;
    }
    Ok(object)
}

/// `defaultConfig("YYYY-MM-DD")`: the default configuration for a valuation date, as an
/// object to edit and pass to `evaluate`.
#[wasm_bindgen(js_name = defaultConfig)]
pub fn default_config_js(valuation_date: &str) -> Result<JsValue, JsValue> {
    let date = crate::calendar::Date::parse(valuation_date)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    from_json_text(&to_canonical_json(&Config::defaults_for(date)))
}
