//! The chart panel: a canvas redrawn by one Effect whenever the shown Report, the layer
//! toggles, the theme or the canvas width change.

use super::state::AppState;
use super::view_controls::ViewControls;
use crate::chart::{draw_pnl, ChartOptions, ChartTheme};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

/// Height for a given canvas width, CSS pixels: wide charts are flatter, phones taller.
fn height_for(width: u32) -> u32 {
    ((width as f64 * 0.56) as u32).clamp(300, 520)
}

/// The P/L chart with its layer toggles and view controls.
#[component]
pub fn ChartPanel(state: AppState, #[prop(into)] dark: Signal<bool>) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let show_condor = RwSignal::new(true);
    let show_hedge = RwSignal::new(true);
    let show_combined = RwSignal::new(true);
    let resize = RwSignal::new(0u32);
    let draw_error = RwSignal::new(None::<String>);

    let handle = window_event_listener(leptos::ev::resize, move |_| {
        resize.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || handle.remove());

    Effect::new(move |_| {
        resize.track();
        let opts = ChartOptions {
            theme: if dark.get() {
                ChartTheme::Dark
            } else {
                ChartTheme::Light
            },
            show_condor: show_condor.get(),
            show_hedge: show_hedge.get(),
            show_combined: show_combined.get(),
        };
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        state.shown.with(|shown| {
            let Some(report) = shown else { return };
            let width = u32::try_from(canvas.client_width()).unwrap_or(0).max(280);
            canvas.set_width(width);
            canvas.set_height(height_for(width));
            let result = match CanvasBackend::with_canvas_object(canvas.clone()) {
                Some(backend) => draw_pnl(backend.into_drawing_area(), report, &opts),
                None => Err("this browser gives no 2D canvas context".to_string()),
            };
            draw_error.set(result.err());
        });
    });

    let toggle = |label: &'static str, signal: RwSignal<bool>, testid: &'static str| {
        view! {
            <label class="toggle">
                <input type="checkbox" data-testid=testid
                    prop:checked=move || signal.get()
                    on:change=move |ev| signal.set(event_target_checked(&ev)) />
                {label}
            </label>
        }
    };

    view! {
        <section class="panel chart-panel" aria-labelledby="chart-title">
            <div class="panel-head">
                <h2 id="chart-title">"P/L by SPX level"</h2>
                <div class="toggles" role="group" aria-label="Layers shown">
                    {toggle("Condor (dashed)", show_condor, "toggle-condor")}
                    {toggle("Hedge (dotted)", show_hedge, "toggle-hedge")}
                    {toggle("Combined (solid)", show_combined, "toggle-combined")}
                </div>
            </div>
            <div class="chart-wrap" class:is-stale=move || state.stale.get()>
                <canvas
                    node_ref=canvas_ref
                    data-testid="pnl-chart"
                    role="img"
                    aria-label=move || state.shown.with(|r| r.as_ref().map(|r| {
                        let labels: Vec<&str> = r.curves.horizons.iter().map(|h| h.label.as_str()).collect();
                        format!("P/L chart in dollars against the SPX level, curves at {}", labels.join(", "))
                    }).unwrap_or_else(|| "P/L chart (no valid configuration yet)".into()))
                ></canvas>
                <Show when=move || state.shown.with(|r| r.is_none())>
                    <p class="chart-empty">"No valid configuration to draw yet: fix the fields marked in red."</p>
                </Show>
            </div>
            <ViewControls state />
            <Show when=move || draw_error.get().is_some()>
                <p class="field-error" role="alert">{move || draw_error.get()}</p>
            </Show>
        </section>
    }
}
