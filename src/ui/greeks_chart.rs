//! The "Greeks across price" panel: a canvas redrawn by one Effect from the shown Report's
//! `greeks_curve` through [`crate::draw::greeks::draw_greeks`]. Also the canvas helper the
//! futures-curve chart shares.

use super::canvas::{observe_near_screen, observe_width, Canvas2d};
use super::download::download_text;
use super::state::AppState;
use crate::codec::csv::{file_name, greeks_csv};
use crate::draw::chart::ChartTheme;
use crate::draw::greeks::draw_greeks;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};

/// The chart theme for the page's colour scheme.
pub fn theme(dark: bool) -> ChartTheme {
    if dark {
        ChartTheme::Dark
    } else {
        ChartTheme::Light
    }
}

/// Sizes `canvas` to `width` CSS pixels (its observed width, at least 280) and
/// `height(width)`, then draws on it. Does nothing while the canvas is not laid out (width 0).
/// Returns the drawing's error, if any.
pub fn draw_on(
    canvas: &web_sys::HtmlCanvasElement,
    width: u32,
    height: impl Fn(u32) -> u32,
    draw: impl FnOnce(DrawingArea<Canvas2d, Shift>) -> Result<(), String>,
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

/// Height of the Greeks chart: 2 x 2 panels when wide, 4 stacked panels on phones.
fn greeks_height(width: u32) -> u32 {
    if width < 520 {
        880
    } else {
        ((width as f64 * 0.62) as u32).clamp(380, 600)
    }
}

/// The collapsible panel with the combined Greeks drawn across the SPX range.
#[component]
pub fn GreeksChart(state: AppState, #[prop(into)] dark: Signal<bool>) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let width = observe_width(canvas_ref);
    let near_screen = observe_near_screen(canvas_ref);
    let draw_error = RwSignal::new(None::<String>);
    let open = RwSignal::new(true);

    Effect::new(move |_| {
        let width = width.get();
        let theme = theme(dark.get());
        if !open.get() || !near_screen.get() {
            return;
        }
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        state.shown.with(|shown| {
            let Some(report) = shown else { return };
            let result = draw_on(&canvas, width, greeks_height, |area| {
                draw_greeks(area, report, theme)
            });
            draw_error.set(result.err());
        });
    });

    let label = move || {
        state.shown.with(|r| {
            r.as_ref()
                .map(|r| {
                    format!(
                        "Combined $ delta, $ gamma per 1%, vega per vol point and theta per day against the SPX level, at {}",
                        r.greeks_curve.label
                    )
                })
                .unwrap_or_else(|| "Greeks chart (no valid configuration yet)".into())
        })
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

    view! {
        <section class="panel greeks-chart-panel" aria-labelledby="greeks-chart-title">
            <div class="panel-head">
                <h2 id="greeks-chart-title">"Greeks across price (combined)"</h2>
                <button type="button" data-testid="download-greeks-csv" on:click=download_csv
                    title="Save the Greeks across price as CSV">"Greeks CSV"</button>
                <button type="button" class="secondary" data-testid="greeks-chart-toggle"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls="greeks-chart-body"
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { "Hide" } else { "Show" }}
                </button>
            </div>
            <div id="greeks-chart-body" class="chart-wrap" hidden=move || !open.get()
                class:is-stale=move || state.stale.get()>
                <canvas node_ref=canvas_ref data-testid="greeks-chart" role="img" aria-label=label></canvas>
                <p class="note">"Horizon: the date slider's day when set, else T+0. Dashed line: today's SPX."</p>
            </div>
            <Show when=move || draw_error.get().is_some()>
                <p class="field-error" role="alert">{move || draw_error.get()}</p>
            </Show>
        </section>
    }
}
