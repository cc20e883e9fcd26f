//! The chart panel: a canvas redrawn by one Effect whenever the shown Report, the layer
//! toggles, the theme or the canvas width change; a crosshair overlay and read-out driven by
//! the pointer and the keyboard (no redraw); PNG and CSV downloads.

use super::band_panel::{band_memo, BandControls};
use super::canvas::observe_width;
use super::crosshair::{Crosshair, CrosshairLine, CrosshairReadout};
use super::download::{download_captioned_png, download_text};
use super::format::number;
use super::greeks_chart::{draw_on, theme};
use super::series::Series;
use super::state::AppState;
use super::view_controls::ViewControls;
use crate::codec::csv::{curves_csv, file_name};
use crate::draw::chart::{draw_pnl_with_band, ChartOptions};
use leptos::html::Canvas;
use leptos::prelude::*;

/// Height for a given canvas width, CSS pixels: wide charts are flatter, phones taller.
fn height_for(width: u32) -> u32 {
    ((width as f64 * 0.56) as u32).clamp(300, 520)
}

/// The P/L chart with its layer toggles, downloads, crosshair and view controls.
#[component]
pub fn ChartPanel(
    state: AppState,
    #[prop(into)] dark: Signal<bool>,
    series: Series,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let show_condor = RwSignal::new(true);
    let show_hedge = RwSignal::new(true);
    let show_combined = RwSignal::new(true);
    let width = observe_width(canvas_ref);
    let message = RwSignal::new(None::<String>);
    let crosshair = Crosshair::hidden();
    let band_on = RwSignal::new(false);
    let band_days = RwSignal::new(None::<i64>);
    let band = band_memo(state, series, band_on, band_days);
    let opts = Signal::derive(move || ChartOptions {
        theme: theme(dark.get()),
        show_condor: show_condor.get(),
        show_hedge: show_hedge.get(),
        show_combined: show_combined.get(),
    });

    Effect::new(move |_| {
        let width = width.get();
        let opts = opts.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        band.with(|band| {
            state.shown.with(|shown| {
                let Some(report) = shown else { return };
                let mut frame = None;
                let result = draw_on(&canvas, width, height_for, |area| {
                    frame = Some(draw_pnl_with_band(area, report, &opts, band.band())?);
                    Ok(())
                });
                // The frame in CSS pixels: the canvas is drawn at its observed CSS width, or wider
                // (at least 280 px) and then shown scaled down. No layout is read here.
                let scale = f64::from(width) / f64::from(canvas.width().max(1));
                if frame.is_some() {
                    crosshair.frame.set(frame.map(|f| f.scaled(scale)));
                }
                message.set(result.err());
            })
        });
    });

    // The caption drawn under the chart in the PNG (and kept on the button for tests).
    let caption = Memo::new(move |_| {
        let shown = state.shown.with(|r| {
            r.as_ref()
                .map(|r| (r.fingerprint.clone(), r.market.condor_days))
        });
        state.config.with(|c| {
            shown.map(|(fingerprint, days)| {
                let k = &c.condor;
                vec![
                    format!(
                        "SPX iron condor {}/{} (wings {}/{}) × {} · expiry {} ({} d)",
                        number(k.short_put, 0),
                        number(k.short_call, 0),
                        number(k.put_wing, 0),
                        number(k.call_wing, 0),
                        k.contracts,
                        k.expiry,
                        days
                    ),
                    format!(
                        "{} VIX hedge leg{} · valued {} · config {} · alvh",
                        c.hedge.legs.len(),
                        if c.hedge.legs.len() == 1 { "" } else { "s" },
                        c.market.valuation_date,
                        fingerprint
                    ),
                ]
            })
        })
    });
    let png_height = RwSignal::new(None::<u32>);
    let download_png = move |_| {
        let name = state
            .shown
            .with_untracked(|r| r.as_ref().map(|r| file_name("", &r.fingerprint, "png")));
        let colours = if dark.get_untracked() {
            ("#181a1f", "#e1e1e1")
        } else {
            ("#ffffff", "#1e1e1e")
        };
        let lines = caption.get_untracked().unwrap_or_default();
        let result = match (canvas_ref.get_untracked(), name) {
            (Some(canvas), Some(name)) => download_captioned_png(&canvas, &lines, colours, &name),
            _ => Err("no chart to save yet".to_string()),
        };
        png_height.set(result.as_ref().ok().copied());
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

    let pointer = move |ev: web_sys::PointerEvent| {
        if let Some(canvas) = canvas_ref.get_untracked() {
            let rect = canvas.get_bounding_client_rect();
            crosshair.point_at(state, f64::from(ev.client_x()) - rect.left());
        }
    };

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
                <div class="downloads" role="group" aria-label="Download">
                    <button type="button" data-testid="download-png" on:click=download_png
                        data-caption=move || caption.get().map(|l| l.join(" / "))
                        data-png-height=move || png_height.get().map(|h| h.to_string())
                        title="Save the chart as a PNG image">"PNG"</button>
                    <button type="button" data-testid="download-curves-csv" on:click=download_csv
                        title="Save every curve (SPX, VIX and P/L per horizon) as CSV">"Curves CSV"</button>
                </div>
            </div>
            <div class="chart-wrap crosshair-area" class:is-stale=move || state.stale.get()
                id="chart" tabindex="0" role="group" data-testid="pnl-chart-area"
                aria-label="P/L chart: arrow keys move the crosshair, Shift for 10 steps, Escape hides it"
                data-plot=move || crosshair.frame.get().map(|f| format!("{} {} {} {}", f.left, f.right, f.x_min, f.x_max))
                on:pointermove=pointer
                on:pointerdown=pointer
                on:pointerleave=move |ev: web_sys::PointerEvent| {
                    if ev.pointer_type() == "mouse" {
                        crosshair.index.set(None);
                    }
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if crosshair.key(state, &ev.key(), ev.shift_key()) {
                        ev.prevent_default();
                    }
                }>
                <canvas
                    node_ref=canvas_ref
                    data-testid="pnl-chart"
                    role="img"
                    aria-label=move || state.shown.with(|r| r.as_ref().map(|r| {
                        let labels: Vec<&str> = r.curves.horizons.iter().map(|h| h.label.as_str()).collect();
                        format!("P/L chart in dollars against the SPX level, curves at {}", labels.join(", "))
                    }).unwrap_or_else(|| "P/L chart (no valid configuration yet)".into()))
                ></canvas>
                <CrosshairLine state crosshair />
                <Show when=move || state.shown.with(|r| r.is_none())>
                    <p class="chart-empty">"No valid configuration to draw yet: fix the fields marked in red."</p>
                </Show>
            </div>
            <CrosshairReadout state crosshair opts />
            <BandControls state on=band_on chosen=band_days band />
            <ViewControls state />
            <Show when=move || message.get().is_some()>
                <p class="field-error" role="alert">{move || message.get()}</p>
            </Show>
        </section>
    }
}
