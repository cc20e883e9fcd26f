//! JavaScript API (wasm only): the same evaluation as the page, config object in, report
//! object out, for documentation sites that want the numbers without the UI (spec §8).
//!
//! Objects cross the boundary through serde-wasm-bindgen. A config object is read into a
//! `serde_json::Value` (one small instantiation of serde-wasm-bindgen's deserializer) and
//! then through the one canonical Config codec of `codec/link.rs`, strictly: fields left out take
//! their defaults, every invalid field and every unknown key is an error. The report is
//! written with serde-wasm-bindgen's JSON-compatible serializer, its long numeric series
//! copied in as plain arrays (`report_to_js`).

use crate::codec::link::{from_value_strict, to_canonical_json};
use crate::{Config, ConfigErrors, FieldError};
use wasm_bindgen::prelude::*;

/// Builds a JS `Error` whose message lists every invalid field and whose `fields` property is
/// an array of `{field, message}` objects.
fn config_error(errors: &ConfigErrors) -> JsValue {
    let error = js_sys::Error::new(&errors.to_string());
    let fields = js_sys::Array::new();
    for e in &errors.0 {
        let item = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&item, &"field".into(), &JsValue::from_str(&e.field));
        let _ = js_sys::Reflect::set(&item, &"message".into(), &JsValue::from_str(&e.message));
        fields.push(&item);
    }
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("fields"), &fields);
    error.into()
}

/// A plain `Error` with a message.
fn plain_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// Reads a config object strictly: fields left out take their defaults, but every field that
/// is present and invalid (wrong type, out of range, NaN, ...) and every unknown key is an
/// error.
fn read_config(config: &JsValue) -> Result<Config, ConfigErrors> {
    let value: serde_json::Value =
        serde_wasm_bindgen::from_value(config.clone()).map_err(|_| {
            ConfigErrors(vec![FieldError::new(
                "config",
                "the configuration must be a plain object of numbers, text, lists and objects",
            )])
        })?;
    // A complete, current and valid config (what `defaultConfig` returns, edited) reads
    // directly: the same Config the lenient decoder gives it, without building, encoding and
    // merging the defaults. Anything else goes through the strict decoder, which fills what
    // is left out and names bad fields. Both list unknown keys.
    {
        use serde::Deserialize;
        if let Ok(config) = Config::deserialize(&value) {
            if config.version == crate::config::CONFIG_VERSION
                && crate::config::validate::validate(&config).is_empty()
            {
                let unknown = crate::codec::link::unknown_fields(&value, &config);
                return if unknown.is_empty() {
                    Ok(config)
                } else {
                    Err(ConfigErrors(unknown))
                };
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
    from_value_strict(&value, today)
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

/// The report as a plain object: the same object `JSON.parse` makes of its JSON text. The
/// rest is written by serde-wasm-bindgen's JSON-compatible serializer (`null` for None, plain
/// objects); the long numeric series (the chart grid, every horizon's VIX and three P/L
/// curves, the four Greeks across price) are taken out first and put back as plain arrays
/// copied from the wasm memory in one call each (`Array.from` of a `Float64Array`: every
/// number exactly; the report has no NaN or infinity), instead of one boundary call per
/// number.
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
    let object =
        serde::Serialize::serialize(&report, &serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|_| plain_error("the report could not be written as an object"))?;
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
        .map_err(|_| plain_error("the valuation date must be a date YYYY-MM-DD"))?;
    let value: serde_json::Value =
        serde_json::from_str(&to_canonical_json(&Config::defaults_for(date)))
            .map_err(|_| plain_error("the default configuration could not be written"))?;
    serde::Serialize::serialize(&value, &serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| plain_error("the default configuration could not be written"))
}
