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
