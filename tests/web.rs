//! Browser tests (wasm-bindgen-test, headless Chromium via chromedriver):
//! `cargo test --target wasm32-unknown-unknown --test web` (see scripts/test-browser.sh).
#![cfg(target_arch = "wasm32")]

use alvh::calendar::Date;
use alvh::draw::chart::{draw_pnl, ChartOptions, ChartTheme};
use alvh::Config;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn new_canvas(width: u32, height: u32) -> web_sys::HtmlCanvasElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("a canvas element");
    canvas.set_width(width);
    canvas.set_height(height);
    document
        .body()
        .expect("a body")
        .append_child(&canvas)
        .expect("appended");
    canvas
}

/// RGBA bytes of the whole canvas, read through `getImageData` by reflection.
fn pixels(canvas: &web_sys::HtmlCanvasElement) -> Vec<u8> {
    let ctx = canvas
        .get_context("2d")
        .expect("context")
        .expect("2d context");
    let get = js_sys::Reflect::get(&ctx, &JsValue::from_str("getImageData")).expect("getImageData");
    let get: js_sys::Function = get.dyn_into().expect("a function");
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    let args = js_sys::Array::of4(&0.into(), &0.into(), &w.into(), &h.into());
    let image = get.apply(&ctx, &args).expect("image data");
    let data = js_sys::Reflect::get(&image, &JsValue::from_str("data")).expect("data");
    js_sys::Uint8ClampedArray::from(data).to_vec()
}

/// Pixels whose colour differs from the top-left (background) pixel.
fn non_background(rgba: &[u8]) -> usize {
    let bg = &rgba[..4];
    rgba.chunks_exact(4).filter(|p| p[..3] != bg[..3]).count()
}

fn default_report() -> alvh::Report {
    let date = Date::from_ymd(2026, 11, 24).expect("a valid date");
    alvh::evaluate(&Config::defaults_for(date)).expect("the defaults evaluate")
}

#[wasm_bindgen_test]
fn chart_draws_the_default_report_on_a_canvas() {
    let canvas = new_canvas(800, 450);
    assert_eq!(
        non_background(&pixels(&canvas)),
        0,
        "a fresh canvas is blank"
    );
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).expect("canvas backend");
    draw_pnl(
        backend.into_drawing_area(),
        &default_report(),
        &ChartOptions::default(),
    )
    .expect("drawn");
    let drawn = non_background(&pixels(&canvas));
    assert!(drawn > 5_000, "only {drawn} pixels drawn");
}

#[wasm_bindgen_test]
fn hiding_every_layer_draws_fewer_pixels() {
    let report = default_report();
    let full = new_canvas(600, 360);
    let backend = CanvasBackend::with_canvas_object(full.clone()).expect("canvas backend");
    draw_pnl(
        backend.into_drawing_area(),
        &report,
        &ChartOptions::default(),
    )
    .expect("drawn");
    let empty = new_canvas(600, 360);
    let opts = ChartOptions {
        theme: ChartTheme::Light,
        show_condor: false,
        show_hedge: false,
        show_combined: false,
    };
    let backend = CanvasBackend::with_canvas_object(empty.clone()).expect("canvas backend");
    draw_pnl(backend.into_drawing_area(), &report, &opts).expect("drawn");
    assert!(non_background(&pixels(&empty)) < non_background(&pixels(&full)));
}

#[wasm_bindgen_test]
fn js_api_evaluates_and_reports_invalid_fields() {
    let config = alvh::api::default_config_js("2026-11-24").expect("defaults");
    let report = alvh::api::evaluate_js(config.clone()).expect("a report");
    let fp = js_sys::Reflect::get(&report, &JsValue::from_str("fingerprint")).expect("fingerprint");
    assert!(fp.as_string().is_some_and(|s| !s.is_empty()));

    let condor = js_sys::Reflect::get(&config, &JsValue::from_str("condor")).expect("condor");
    js_sys::Reflect::set(
        &condor,
        &JsValue::from_str("put_wing"),
        &JsValue::from_f64(-5.0),
    )
    .expect("set");
    let err = alvh::api::evaluate_js(config).expect_err("an invalid wing is an error");
    let fields = js_sys::Reflect::get(&err, &JsValue::from_str("fields")).expect("fields");
    let fields: js_sys::Array = fields.dyn_into().expect("an array");
    let named: Vec<String> = fields
        .iter()
        .filter_map(|f| {
            js_sys::Reflect::get(&f, &JsValue::from_str("field"))
                .ok()?
                .as_string()
        })
        .collect();
    assert!(
        named.iter().any(|f| f == "condor.put_wing"),
        "fields: {named:?}"
    );
}

/// Whether two JSON values are equal, numbers compared as doubles (JavaScript writes 6000.0
/// as 6000).
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

#[wasm_bindgen_test]
fn js_api_report_is_the_report_as_json_carries_it() {
    // The JS API builds its report object partly from JSON text and partly from arrays copied
    // out of wasm memory: the object must be exactly what JSON.parse of the report's JSON
    // gives, for the default position and one with a many-leg hedge.
    let date = Date::from_ymd(2026, 11, 24).expect("a valid date");
    let mut many = Config::defaults_for(date);
    many.hedge.legs = alvh::config::presets::instrument_mix(&many, 8, 2.0);
    many.view.slider_days = Some(12);
    for config in [Config::defaults_for(date), many] {
        let text = alvh::codec::link::to_canonical_json(&config);
        let js_config = js_sys::JSON::parse(&text).expect("config JSON");
        let object = alvh::api::evaluate_js(js_config).expect("the API evaluates");
        let back: String = js_sys::JSON::stringify(&object).expect("stringify").into();
        let got: serde_json::Value = serde_json::from_str(&back).expect("JSON back");
        let report = alvh::evaluate(&config).expect("evaluates");
        let want = serde_json::to_value(&report).expect("report JSON");
        assert!(
            same_json(&got, &want),
            "JS API report differs from the report's JSON"
        );
        assert_eq!(
            got["curves"]["horizons"][0]["pnl"]["combined"]
                .as_array()
                .map(Vec::len),
            Some(report.curves.spots.len())
        );
    }
}

/// The `fields` of an error the JS API threw, as (field, message) pairs.
fn thrown_fields(err: &JsValue) -> Vec<(String, String)> {
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    let fields = js_sys::Reflect::get(err, &JsValue::from_str("fields")).expect("fields");
    let fields: js_sys::Array = fields.dyn_into().expect("an array");
    fields
        .iter()
        .map(|f| {
            let get = |k: &str| {
                js_sys::Reflect::get(&f, &JsValue::from_str(k))
                    .ok()
                    .and_then(|v| v.as_string())
                    .expect("a string member")
            };
            (get("field"), get("message"))
        })
        .collect()
}

/// The default config object, with `edit` applied to the JSON first.
fn js_config(edit: impl FnOnce(&mut serde_json::Value)) -> JsValue {
    let date = Date::from_ymd(2026, 11, 24).expect("a valid date");
    let mut value: serde_json::Value = serde_json::from_str(&alvh::codec::link::to_canonical_json(
        &Config::defaults_for(date),
    ))
    .expect("JSON");
    edit(&mut value);
    js_sys::JSON::parse(&value.to_string()).expect("an object")
}

#[wasm_bindgen_test]
fn js_api_names_a_misspelt_key_with_a_suggestion() {
    let config = js_config(|v| v["condor"]["contrcts"] = serde_json::json!(5));
    let err = alvh::api::evaluate_js(config).expect_err("an unknown key is an error");
    assert_eq!(
        thrown_fields(&err),
        vec![(
            "condor.contrcts".to_string(),
            "unknown field; did you mean contracts?".to_string()
        )]
    );
    let message: String = js_sys::Error::from(err).message().into();
    assert!(
        message.contains("condor.contrcts: unknown field; did you mean contracts?"),
        "{message}"
    );
    // Inside a list item too, and in a partial config.
    let partial = js_sys::JSON::parse(
        r#"{"hedge":{"legs":[{"instrument":"vix_call","strike":30,"expiry":"2027-01-20","qty":2,"entry":null,"qyt":3}]}}"#,
    )
    .expect("an object");
    let err = alvh::api::evaluate_js(partial).expect_err("an unknown key is an error");
    assert_eq!(
        thrown_fields(&err),
        vec![(
            "hedge.legs.0.qyt".to_string(),
            "unknown field; did you mean qty?".to_string()
        )]
    );
}

#[wasm_bindgen_test]
fn js_api_words_wrong_types_in_user_terms() {
    let config = js_config(|v| {
        v["market"]["spot"] = serde_json::json!("6000");
        v["condor"]["contracts"] = serde_json::json!(2.5);
        v["hedge"]["legs"][0]["instrument"] = serde_json::json!("call");
        v["condor"]["expiry"] = serde_json::json!("soon");
    });
    let err = alvh::api::evaluate_js(config).expect_err("wrong types are errors");
    let mut fields = thrown_fields(&err);
    fields.sort();
    let want: Vec<(String, String)> = [
        ("condor.contracts", "must be a whole number"),
        ("condor.expiry", "must be a date YYYY-MM-DD"),
        (
            "hedge.legs.0.instrument",
            "must be one of vix_call, vix_put, vx, vxm",
        ),
        ("market.spot", "must be a number"),
    ]
    .iter()
    .map(|(f, m)| (f.to_string(), m.to_string()))
    .collect();
    assert_eq!(fields, want);
    // NaN and Infinity are not numbers a config can hold.
    let config = js_config(|_| {});
    let market = js_sys::Reflect::get(&config, &JsValue::from_str("market")).expect("market");
    js_sys::Reflect::set(
        &market,
        &JsValue::from_str("vix"),
        &JsValue::from_f64(f64::NAN),
    )
    .expect("set");
    let err = alvh::api::evaluate_js(config).expect_err("NaN is an error");
    assert_eq!(
        thrown_fields(&err),
        vec![("market.vix".to_string(), "must be a number".to_string())]
    );
    // Not an object at all.
    let err = alvh::api::evaluate_js(JsValue::from_f64(3.0)).expect_err("a number");
    assert_eq!(thrown_fields(&err)[0].0, "config");
}

#[wasm_bindgen_test]
fn js_api_partial_config_takes_the_defaults() {
    let partial = js_sys::JSON::parse(
        r#"{"market":{"valuation_date":"2026-11-24","spot":6100},"condor":{"contracts":3}}"#,
    )
    .expect("an object");
    let object = alvh::api::evaluate_js(partial).expect("a partial config evaluates");
    let date = Date::from_ymd(2026, 11, 24).expect("a valid date");
    let mut config = Config::defaults_for(date);
    config.market.spot = 6100.0;
    config.condor.contracts = 3;
    let want = alvh::evaluate(&config).expect("evaluates");
    let fingerprint = js_sys::Reflect::get(&object, &JsValue::from_str("fingerprint"))
        .expect("fingerprint")
        .as_string();
    assert_eq!(fingerprint.as_deref(), Some(want.fingerprint.as_str()));
}

#[wasm_bindgen_test]
fn js_api_report_series_are_plain_arrays_of_finite_numbers() {
    let object = alvh::api::evaluate_js(js_config(|_| {})).expect("a report");
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).expect(k);
    let curves = get(&object, "curves");
    let horizons: js_sys::Array = get(&curves, "horizons").dyn_into().expect("an array");
    let mut series = vec![get(&curves, "spots")];
    for h in horizons.iter() {
        series.push(get(&h, "vix"));
        let pnl = get(&h, "pnl");
        for k in ["condor", "hedge", "combined"] {
            series.push(get(&pnl, k));
        }
    }
    let greeks = get(&object, "greeks_curve");
    for k in [
        "delta_dollars",
        "gamma_dollars_per_pct",
        "vega_per_point",
        "theta_per_day",
    ] {
        series.push(get(&greeks, k));
    }
    let n = js_sys::Array::from(&series[0]).length();
    assert!(n > 400, "{n} grid points");
    for s in &series {
        assert!(js_sys::Array::is_array(s), "not a plain array: {s:?}");
        let array = js_sys::Array::from(s);
        assert_eq!(array.length(), n);
        assert!(array.iter().all(|x| x.as_f64().is_some_and(f64::is_finite)));
    }
    // Every number anywhere in the object is finite (JSON would write NaN as null).
    fn all_finite(v: &JsValue) -> bool {
        if let Some(x) = v.as_f64() {
            return x.is_finite();
        }
        if js_sys::Array::is_array(v) {
            return js_sys::Array::from(v).iter().all(|x| all_finite(&x));
        }
        if v.is_object() {
            return js_sys::Object::values(v.unchecked_ref())
                .iter()
                .all(|x| all_finite(&x));
        }
        true
    }
    assert!(all_finite(&object));
}
