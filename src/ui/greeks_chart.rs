//! The "Greeks across price" panel: a canvas redrawn by one Effect from the shown Report's
//! `greeks_curve` through [`crate::draw::greeks::draw_greeks`]. Also the canvas helpers the
//! P/L and futures-curve charts share.

use super::canvas::{observe_near_screen, observe_width, Canvas2d};
use super::dom::{el, El};
use super::download::download_text;
use super::fields::with_alert;
use super::state::AppState;
use crate::codec::csv::{file_name, greeks_csv};
use crate::draw::chart::ChartTheme;
use crate::draw::greeks::draw_greeks;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use reactive_graph::effect::Effect;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use reactive_graph::wrappers::read::Signal;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The chart theme for the page's colour scheme.
pub fn theme(dark: bool) -> ChartTheme {
    if dark {
        ChartTheme::Dark
    } else {
        ChartTheme::Light
    }
}

/// A drawing on a chart's canvas. Behind a pointer, so [`draw_on`] is compiled once for the
/// three charts.
pub type Draw<'a> = &'a mut dyn FnMut(DrawingArea<Canvas2d, Shift>) -> Result<(), String>;

/// Sizes `canvas` to `width` CSS pixels (its observed width, at least 280) and
/// `height(width)`, then draws on it. Does nothing while the canvas is not laid out (width 0).
/// Returns the drawing's error, if any.
pub fn draw_on(
    canvas: &HtmlCanvasElement,
    width: u32,
    height: fn(u32) -> u32,
    draw: Draw,
) -> Result<(), String> {
    if width == 0 {
        return Ok(());
    }
    let width = width.max(280);
    let height = height(width);
    // Setting a canvas's size clears it and resets its context, so only on a change.
    let resized = canvas.width() != width || canvas.height() != height;
    if resized {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    match Canvas2d::new(canvas.clone(), !resized) {
        Some(backend) => draw(backend.into_drawing_area()),
        None => Err("this browser gives no 2D canvas context".to_string()),
    }
}

/// A chart's `<canvas role="img">` with the given test id, and the element itself (for
/// drawing, observing and saving it).
pub fn chart_canvas(testid: &str) -> (El, HtmlCanvasElement) {
    let canvas = el("canvas").testid(testid).attr("role", "img");
    let node = canvas.0.clone().unchecked_into();
    (canvas, node)
}

/// Height of the Greeks chart: 2 x 2 panels when wide, 4 stacked panels on phones.
fn greeks_height(width: u32) -> u32 {
    if width < 520 {
        880
    } else {
        ((width as f64 * 0.62) as u32).clamp(380, 600)
    }
}

/// The collapsible panel with the combined Greeks drawn across the SPX range.
pub fn greeks_chart(state: AppState, dark: Signal<bool>) -> El {
    let (canvas, node) = chart_canvas("greeks-chart");
    let width = observe_width(&node);
    let near_screen = observe_near_screen(&node);
    let draw_error = RwSignal::new(None::<String>);
    let open = RwSignal::new(true);

    Effect::new(move |_| {
        let width = width.get();
        let theme = theme(dark.get());
        if !open.get() || !near_screen.get() {
            return;
        }
        state.shown.with(|shown| {
            let Some(report) = shown else { return };
            let result = draw_on(&node, width, greeks_height, &mut |area| {
                draw_greeks(area, report, theme)
            });
            draw_error.set(result.err());
        });
    });

    let label = move || {
        Some(state.shown.with(|r| {
            r.as_ref()
                .map(|r| {
                    format!(
                        "Combined $ delta, $ gamma per 1%, vega per vol point and theta per day against the SPX level, at {}",
                        r.greeks_curve.label
                    )
                })
                .unwrap_or_else(|| "Greeks chart (no valid configuration yet)".into())
        }))
    };

    let download_csv = move |_| {
        let file = state.shown.with_untracked(|r| {
            r.as_ref()
                .map(|r| (file_name("greeks", &r.fingerprint, "csv"), greeks_csv(r)))
        });
        let result = match file {
            Some((name, text)) => download_text(&name, "text/csv;charset=utf-8", &text),
            None => Err("no Greeks to save yet".to_string()),
        };
        draw_error.set(result.err());
    };

    let head = el("div")
        .class("panel-head")
        .html("<h2 id=\"greeks-chart-title\">Greeks across price (combined)</h2>")
        .child(
            el("button")
                .attr("type", "button")
                .testid("download-greeks-csv")
                .attr("title", "Save the Greeks across price as CSV")
                .on("click", download_csv)
                .text("Greeks CSV"),
        )
        .child(
            el("button")
                .attr("type", "button")
                .class("secondary")
                .testid("greeks-chart-toggle")
                .dyn_attr("aria-expanded", move || Some(open.get().to_string()))
                .attr("aria-controls", "greeks-chart-body")
                .on("click", move |_| open.update(|o| *o = !*o))
                .dyn_text(move || (if open.get() { "Hide" } else { "Show" }).to_string()),
        );
    let body = el("div")
        .id("greeks-chart-body")
        .class("chart-wrap")
        .dyn_flag("hidden", move || !open.get())
        .dyn_class("is-stale", move || state.stale.get())
        .child(canvas.dyn_attr("aria-label", label))
        .html(
            "<p class=\"note\">Horizon: the date slider's day when set, else T+0. Dashed line: \
             today's SPX.</p>",
        );
    let section = el("section")
        .class("panel greeks-chart-panel")
        .attr("aria-labelledby", "greeks-chart-title")
        .child(head)
        .child(body);
    with_alert(section, "", draw_error)
}
