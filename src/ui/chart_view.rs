//! The chart panel: a canvas redrawn by one Effect whenever the shown Report, the layer
//! toggles, the theme or the canvas width change; a crosshair overlay and read-out driven by
//! the pointer and the keyboard (no redraw); PNG and CSV downloads.

use super::canvas::observe_width;
use super::crosshair::{crosshair_line, crosshair_readout, Crosshair};
use super::dom::{el, event_checked, El};
use super::download::{download_canvas_png, download_text};
use super::fields::with_alert;
use super::greeks_chart::{chart_canvas, draw_on, theme};
use super::state::AppState;
use super::view_controls::view_controls;
use crate::codec::csv::{curves_csv, file_name};
use crate::draw::chart::{draw_pnl, ChartOptions};
use reactive_graph::effect::Effect;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use reactive_graph::wrappers::read::Signal;
use wasm_bindgen::JsCast;
use web_sys::{Event, KeyboardEvent, PointerEvent};

/// Height for a given canvas width, CSS pixels: wide charts are flatter, phones taller.
fn height_for(width: u32) -> u32 {
    ((width as f64 * 0.56) as u32).clamp(300, 520)
}

/// A labelled checkbox, `<label class="toggle"><input type="checkbox">label</label>`, checked
/// while `checked` is true; `set` gets the new state when the user changes it. The closures
/// are boxed so that one copy of this code serves every toggle.
pub fn toggle(
    label: &str,
    testid: &str,
    checked: Box<dyn Fn() -> bool>,
    set: Box<dyn Fn(bool)>,
) -> El {
    el("label")
        .class("toggle")
        .child(
            el("input")
                .attr("type", "checkbox")
                .testid(testid)
                .dyn_prop_flag("checked", checked)
                .on("change", move |ev| set(event_checked(&ev))),
        )
        .text(label)
}

/// A layer toggle bound to its signal.
fn layer_toggle(label: &str, signal: RwSignal<bool>, testid: &str) -> El {
    toggle(
        label,
        testid,
        Box::new(move || signal.get()),
        Box::new(move |on| signal.set(on)),
    )
}

/// The canvas's accessible name: what the chart shows, with its horizons.
fn chart_label(state: AppState) -> Option<String> {
    Some(state.shown.with(|r| {
        r.as_ref()
            .map(|r| {
                let labels: Vec<&str> =
                    r.curves.horizons.iter().map(|h| h.label.as_str()).collect();
                format!(
                    "P/L chart in dollars against the SPX level, curves at {}",
                    labels.join(", ")
                )
            })
            .unwrap_or_else(|| "P/L chart (no valid configuration yet)".into())
    }))
}

/// The P/L chart with its layer toggles, downloads, crosshair and view controls.
pub fn chart_panel(state: AppState, dark: Signal<bool>) -> El {
    let (canvas, node) = chart_canvas("pnl-chart");
    let show_condor = RwSignal::new(true);
    let show_hedge = RwSignal::new(true);
    let show_combined = RwSignal::new(true);
    let width = observe_width(&node);
    let message = RwSignal::new(None::<String>);
    let crosshair = Crosshair::hidden();
    let opts = Signal::derive(move || ChartOptions {
        theme: theme(dark.get()),
        show_condor: show_condor.get(),
        show_hedge: show_hedge.get(),
        show_combined: show_combined.get(),
    });

    let drawn = node.clone();
    Effect::new(move |_| {
        let width = width.get();
        let opts = opts.get();
        state.shown.with(|shown| {
            let Some(report) = shown else { return };
            let mut frame = None;
            let result = draw_on(&drawn, width, height_for, &mut |area| {
                frame = Some(draw_pnl(area, report, &opts)?);
                Ok(())
            });
            // The frame in CSS pixels: the canvas is drawn at its observed CSS width, or wider
            // (at least 280 px) and then shown scaled down. No layout is read here.
            let scale = f64::from(width) / f64::from(drawn.width().max(1));
            if frame.is_some() {
                crosshair.frame.set(frame.map(|f| f.scaled(scale)));
            }
            message.set(result.err());
        });
    });

    let saved = node.clone();
    let download_png = move |_| {
        let name = state
            .shown
            .with_untracked(|r| r.as_ref().map(|r| file_name("", &r.fingerprint, "png")));
        let result = match name {
            Some(name) => download_canvas_png(&saved, &name),
            None => Err("no chart to save yet".to_string()),
        };
        message.set(result.err());
    };
    let download_csv = move |_| {
        let file = state.shown.with_untracked(|r| {
            r.as_ref()
                .map(|r| (file_name("curves", &r.fingerprint, "csv"), curves_csv(r)))
        });
        let result = match file {
            Some((name, text)) => download_text(&name, "text/csv;charset=utf-8", &text),
            None => Err("no curves to save yet".to_string()),
        };
        message.set(result.err());
    };

    let pointer = move |ev: Event| {
        if let Some(ev) = ev.dyn_ref::<PointerEvent>() {
            let rect = node.get_bounding_client_rect();
            crosshair.point_at(state, f64::from(ev.client_x()) - rect.left());
        }
    };

    let head = el("div")
        .class("panel-head")
        .html("<h2 id=\"chart-title\">P/L by SPX level</h2>")
        .child(
            el("div")
                .class("toggles")
                .attr("role", "group")
                .attr("aria-label", "Layers shown")
                .child(layer_toggle(
                    "Condor (dashed)",
                    show_condor,
                    "toggle-condor",
                ))
                .child(layer_toggle("Hedge (dotted)", show_hedge, "toggle-hedge"))
                .child(layer_toggle(
                    "Combined (solid)",
                    show_combined,
                    "toggle-combined",
                )),
        )
        .child(
            el("div")
                .class("downloads")
                .attr("role", "group")
                .attr("aria-label", "Download")
                .child(
                    el("button")
                        .attr("type", "button")
                        .testid("download-png")
                        .on("click", download_png)
                        .attr("title", "Save the chart as a PNG image")
                        .text("PNG"),
                )
                .child(
                    el("button")
                        .attr("type", "button")
                        .testid("download-curves-csv")
                        .on("click", download_csv)
                        .attr(
                            "title",
                            "Save every curve (SPX, VIX and P/L per horizon) as CSV",
                        )
                        .text("Curves CSV"),
                ),
        );

    let area = el("div")
        .class("chart-wrap crosshair-area")
        .dyn_class("is-stale", move || state.stale.get())
        .attr("tabindex", "0")
        .attr("role", "group")
        .testid("pnl-chart-area")
        .attr(
            "aria-label",
            "P/L chart: arrow keys move the crosshair, Shift for 10 steps, Escape hides it",
        )
        .dyn_attr("data-plot", move || {
            crosshair
                .frame
                .get()
                .map(|f| format!("{} {} {} {}", f.left, f.right, f.x_min, f.x_max))
        })
        .on("pointermove", pointer.clone())
        .on("pointerdown", pointer)
        .on("pointerleave", move |ev| {
            if ev
                .dyn_ref::<PointerEvent>()
                .is_some_and(|p| p.pointer_type() == "mouse")
            {
                crosshair.index.set(None);
            }
        })
        .on("keydown", move |ev| {
            let Some(key) = ev.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if crosshair.key(state, &key.key(), key.shift_key()) {
                ev.prevent_default();
            }
        })
        .child(canvas.dyn_attr("aria-label", move || chart_label(state)))
        .child(crosshair_line(state, crosshair))
        .show(
            move || state.shown.with(|r| r.is_none()),
            || {
                el("p")
                    .class("chart-empty")
                    .text("No valid configuration to draw yet: fix the fields marked in red.")
            },
        );

    let section = el("section")
        .class("panel chart-panel")
        .attr("aria-labelledby", "chart-title")
        .child(head)
        .child(area)
        .child(crosshair_readout(state, crosshair, opts))
        .child(view_controls(state));
    with_alert(section, "", message)
}
