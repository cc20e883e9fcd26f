//! The P/L chart's crosshair: a vertical line on an overlay above the canvas (the chart is not
//! redrawn when the pointer moves) and a read-out of the report's values at that grid point.
//! Pixels map to SPX levels through the [`PlotFrame`] that `draw_pnl` returned; every number
//! shown is a `Report` value at a grid index, nothing is computed here.

use super::format::{number, signed_dollars};
use super::state::AppState;
use crate::draw::chart::{ChartOptions, ChartTheme, PlotFrame, PALETTE_LEN};
use crate::Report;
use leptos::prelude::*;

/// Crosshair state shared by the chart panel's handlers and views.
#[derive(Clone, Copy)]
pub struct Crosshair {
    /// Grid index under the crosshair; None when hidden.
    pub index: RwSignal<Option<usize>>,
    /// Where the plot is on the canvas, in CSS pixels (set after each drawing).
    pub frame: RwSignal<Option<PlotFrame>>,
}

impl Crosshair {
    /// A hidden crosshair with no plot frame yet.
    pub fn hidden() -> Crosshair {
        Crosshair {
            index: RwSignal::new(None),
            frame: RwSignal::new(None),
        }
    }

    fn show(self, i: usize) {
        if self.index.get_untracked() != Some(i) {
            self.index.set(Some(i));
        }
    }

    /// Moves the crosshair to the grid point under the pointer. `x` is the pointer's
    /// distance from the canvas's left edge, CSS pixels.
    pub fn point_at(self, state: AppState, x: f64) {
        let Some(frame) = self.frame.get_untracked() else {
            return;
        };
        let i = state.shown.with_untracked(|r| {
            r.as_ref()
                .and_then(|r| frame.nearest_index(&r.curves.spots, x))
        });
        if let Some(i) = i {
            self.show(i);
        }
    }

    /// Handles a key on the focused chart; true when the key was the crosshair's (the
    /// caller then prevents the default scrolling).
    pub fn key(self, state: AppState, key: &str, shift: bool) -> bool {
        let Some((len, spot)) = state.shown.with_untracked(|r| {
            r.as_ref()
                .map(|r| (r.curves.spots.len(), r.curves.spot_index))
        }) else {
            return false;
        };
        if len == 0 {
            return false;
        }
        let last = len - 1;
        let step = if shift { 10 } else { 1 };
        let current = self.index.get_untracked().map(|i| i.min(last));
        let next = match key {
            "ArrowLeft" => current.map_or(spot, |i| i.saturating_sub(step)),
            "ArrowRight" => current.map_or(spot, |i| (i + step).min(last)),
            "Home" => 0,
            "End" => last,
            "Escape" if current.is_some() => {
                self.index.set(None);
                return true;
            }
            _ => return false,
        };
        self.show(next.min(last));
        true
    }
}

/// The vertical line, absolutely positioned over the canvas (inside the chart wrapper). One
/// style closure places it (or hides it), to keep the bundle small.
#[component]
pub fn CrosshairLine(state: AppState, crosshair: Crosshair) -> impl IntoView {
    // (left, top, height) in CSS pixels, or None while hidden. Set through the element's
    // style object (`style:` directives), never a `style` attribute: the page's
    // Content-Security-Policy refuses inline style attributes.
    let place = Memo::new(move |_| {
        crosshair
            .frame
            .get()
            .zip(crosshair.index.get())
            .and_then(|(f, i)| {
                let spots = state.shown.with(|r| {
                    r.as_ref().and_then(|r| {
                        r.curves
                            .spots
                            .get(i.min(r.curves.spots.len().saturating_sub(1)))
                            .copied()
                    })
                })?;
                Some((f.px_at(spots), f.top, f.bottom - f.top))
            })
    });
    let px = move |pick: fn((f64, f64, f64)) -> f64| {
        move || {
            place
                .get()
                .map(|p| format!("{:.1}px", pick(p)))
                .unwrap_or_default()
        }
    };
    view! {
        <div class="crosshair-line" data-testid="crosshair-line" aria-hidden="true"
            style:left=px(|p| p.0) style:top=px(|p| p.1) style:height=px(|p| p.2)
            style:display=move || if place.get().is_some() { "" } else { "none" }></div>
    }
}

/// Text made safe for HTML content and attribute values.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The read-out's markup at grid index `i`: SPX level, then per horizon the scenario VIX and
/// the P/L of each layer `opts` shows. Formatting only: every number is a `Report` value.
fn readout_html(r: &Report, index: Option<usize>, opts: &ChartOptions) -> String {
    // The swatch takes the horizon's chart colour from a class (style/chart.css holds the
    // two palettes of draw::chart), not a style attribute, which the CSP refuses.
    let theme = match opts.theme {
        ChartTheme::Light => "light",
        ChartTheme::Dark => "dark",
    };
    let spots = &r.curves.spots;
    // Hidden crosshair: the same table with dashes, so the read-out keeps its height and
    // nothing under the chart moves when the pointer enters or leaves it.
    let i = index
        .unwrap_or(usize::MAX)
        .min(spots.len().saturating_sub(1));
    let spx = spots.get(i).copied().unwrap_or(f64::NAN);
    // One format for SPX levels: thousands separators, a decimal only on a fractional grid.
    let decimals = if spx.fract() == 0.0 { 0 } else { 1 };
    let layers = [
        (opts.show_condor, "Condor", "condor"),
        (opts.show_hedge, "Hedge", "hedge"),
        (opts.show_combined, "Combined", "combined"),
    ];
    let head = match index {
        Some(_) => format!(
            "<strong data-testid=\"crosshair-spx\" data-spx=\"{spx}\">SPX {}</strong> \
             <span class=\"note\">(grid point {} of {})</span>",
            number(spx, decimals),
            i + 1,
            spots.len()
        ),
        None => "<span class=\"note crosshair-hint\">Point at the chart, or focus it and use \
                 \u{2190} \u{2192} (Shift: 10 steps), Home, End; Esc hides.</span>"
            .to_string(),
    };
    let at = |v: &[f64]| match index {
        Some(_) => v.get(i).copied().unwrap_or(f64::NAN),
        None => f64::NAN,
    };
    let mut html = format!(
        "<p class=\"crosshair-spx\">{head}</p>\
         <table class=\"data crosshair-table\"><caption>P/L in $ by layer; VIX: the scenario's level there, points</caption>\
         <thead><tr><th scope=\"col\">Horizon</th><th scope=\"col\" class=\"num\">VIX</th>"
    );
    for (_, name, _) in layers.iter().filter(|l| l.0) {
        html.push_str(&format!("<th scope=\"col\" class=\"num\">{name}</th>"));
    }
    html.push_str("</tr></thead><tbody>");
    for (k, h) in r.curves.horizons.iter().enumerate() {
        html.push_str(&format!(
            "<tr><th scope=\"row\"><span class=\"swatch swatch-{}-{}\"></span>{}</th>\
             <td class=\"num\" data-testid=\"crosshair-{k}-vix\">{}</td>",
            theme,
            k % PALETTE_LEN,
            esc(&h.label),
            number(at(&h.vix), 2)
        ));
        let values = [&h.pnl.condor, &h.pnl.hedge, &h.pnl.combined];
        for ((_, _, id), v) in layers.iter().zip(values).filter(|(l, _)| l.0) {
            html.push_str(&format!(
                "<td class=\"num\" data-testid=\"crosshair-{k}-{id}\">{}</td>",
                signed_dollars(at(v))
            ));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// The read-out under the chart. One closure renders it all as markup (one DOM update per
/// crosshair move, and far less code in the bundle than a tree of reactive views).
#[component]
pub fn CrosshairReadout(
    state: AppState,
    crosshair: Crosshair,
    #[prop(into)] opts: Signal<ChartOptions>,
) -> impl IntoView {
    let html = move || {
        let opts = opts.get();
        let index = crosshair.index.get();
        state.shown.with(|report| match (report.as_ref(), index) {
            (Some(r), index) => readout_html(r, index, &opts),
            _ => "<p class=\"note crosshair-hint\">Point at the chart, or focus it and use \
                  \u{2190} \u{2192} (Shift: 10 steps), Home, End; Esc hides.</p>"
                .to_string(),
        })
    };
    view! {
        <div class="crosshair-readout" data-testid="crosshair-readout" aria-live="polite"
            tabindex="0" aria-label="Crosshair read-out (scrolls sideways on narrow screens)"
            aria-atomic="true" inner_html=html></div>
    }
}
