//! The renderer behind the `<alvh-chart>` custom element (`assets/alvh-chart.js`, issue 18):
//! a documentation page drops `<alvh-chart link="#c=1.…">` after one module script and gets
//! the P/L chart and the key figures inline, drawn by the same code as the page's chart.

use super::browser;
use super::greeks_chart::{draw_on, theme};
use crate::codec::link::decode_fragment;
use crate::draw::chart::{draw_pnl, ChartOptions};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What the element shows beside its chart.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Figures {
    fingerprint: String,
    credit_dollars: f64,
    defined_risk_dollars: f64,
    hedge_cost_dollars: f64,
    /// At the condor's expiry (spec §11), combined.
    pop: Option<f64>,
    expected_pnl: Option<f64>,
    expiry: Option<String>,
    /// Fields of the link that were ignored or defaulted, "field: reason".
    notices: Vec<String>,
}

/// Draws the P/L chart of the configuration in `link` (a `#c=…` fragment, or an address
/// ending in one; empty = today's defaults) on `canvas` at `width` CSS pixels, light or
/// `dark`, and returns its key figures. An invalid configuration throws its field errors as
/// text ("field: message; …"); nothing here panics.
#[wasm_bindgen(js_name = renderChart)]
pub fn render_chart(
    canvas: web_sys::HtmlCanvasElement,
    link: &str,
    width: u32,
    dark: bool,
) -> Result<JsValue, JsValue> {
    let today = browser::today().ok_or_else(|| JsValue::from_str("no usable date"))?;
    let fragment = link.rsplit_once('#').map_or(link, |(_, f)| f);
    let decoded = decode_fragment(fragment, today);
    let report = crate::evaluate(&decoded.config).map_err(|e| {
        JsValue::from_str(
            &e.0.iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let opts = ChartOptions {
        theme: theme(dark),
        ..ChartOptions::default()
    };
    draw_on(
        &canvas,
        width.clamp(280, 4000),
        |w| ((w as f64 * 0.56) as u32).clamp(240, 520),
        |area| draw_pnl(area, &report, &opts).map(|_| ()),
    )
    .map_err(|e| JsValue::from_str(&e))?;
    let risk = report.risk.as_ref();
    let figures = Figures {
        fingerprint: report.fingerprint.clone(),
        credit_dollars: report.summary.credit_dollars,
        defined_risk_dollars: report.summary.defined_risk_dollars,
        hedge_cost_dollars: report.summary.hedge_cost_dollars,
        pop: risk.map(|r| r.metrics.combined.pop),
        expected_pnl: risk.map(|r| r.metrics.combined.expected_pnl),
        expiry: risk.map(|r| r.date.to_string()),
        notices: decoded
            .notices
            .iter()
            .map(|n| crate::config::labels::user_message(&n.field, &n.message))
            .collect(),
    };
    serde::Serialize::serialize(&figures, &serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}
