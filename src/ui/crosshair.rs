//! The P/L chart's crosshair: a vertical line on an overlay above the canvas (the chart is not
//! redrawn when the pointer moves) and a read-out of the report's values at that grid point.
//! Pixels map to SPX levels through the [`PlotFrame`] that `draw_pnl` returned; every number
//! shown is a `Report` value at a grid index, nothing is computed here.

use super::format::{number, signed_dollars};
use super::state::AppState;
use crate::chart::{horizon_colour, ChartOptions, PlotFrame};
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

/// The vertical line, absolutely positioned over the canvas (inside the chart wrapper).
#[component]
pub fn CrosshairLine(state: AppState, crosshair: Crosshair) -> impl IntoView {
    // (left, top, height) in CSS pixels, or None when hidden.
    let place = Memo::new(move |_| {
        let frame = crosshair.frame.get()?;
        let i = crosshair.index.get()?;
        let spx = state.shown.with(|r| {
            r.as_ref()
                .and_then(|r| {
                    r.curves
                        .spots
                        .get(i.min(r.curves.spots.len().saturating_sub(1)))
                })
                .copied()
        })?;
        Some((frame.px_at(spx), frame.top, frame.bottom - frame.top))
    });
    let px = |v: f64| format!("{v:.1}px");
    view! {
        <div class="crosshair-line" data-testid="crosshair-line" aria-hidden="true"
            hidden=move || place.get().is_none()
            style:left=move || place.get().map(|p| px(p.0)).unwrap_or_default()
            style:top=move || place.get().map(|p| px(p.1)).unwrap_or_default()
            style:height=move || place.get().map(|p| px(p.2)).unwrap_or_default()></div>
    }
}

/// The read-out under the chart: SPX level, then per horizon the scenario VIX and the P/L
/// of each layer shown. One closure renders it all (one update per crosshair move).
#[component]
pub fn CrosshairReadout(
    state: AppState,
    crosshair: Crosshair,
    #[prop(into)] opts: Signal<ChartOptions>,
) -> impl IntoView {
    let body = move || {
        let opts = opts.get();
        let index = crosshair.index.get();
        state.shown.with(|report| {
            let (Some(r), Some(i)) = (report.as_ref(), index) else {
                return view! {
                    <p class="note crosshair-hint">
                        "Point at the chart, or focus it and use ← → (Shift: 10 steps), Home, End; Esc hides."
                    </p>
                }
                .into_any();
            };
            let spots = &r.curves.spots;
            let i = i.min(spots.len().saturating_sub(1));
            let spx = spots.get(i).copied().unwrap_or(f64::NAN);
            let decimals = if spx.fract() == 0.0 { 0 } else { 2 };
            let layers = [
                (opts.show_condor, "Condor"),
                (opts.show_hedge, "Hedge"),
                (opts.show_combined, "Combined"),
            ];
            let head: Vec<_> = layers
                .iter()
                .filter(|(shown, _)| *shown)
                .map(|(_, name)| view! { <th scope="col" class="num">{*name}</th> })
                .collect();
            let rows: Vec<_> = r
                .curves
                .horizons
                .iter()
                .enumerate()
                .map(|(k, h)| {
                    let c = horizon_colour(opts.theme, k);
                    let swatch = format!("background:rgb({},{},{})", c.0, c.1, c.2);
                    let at = |v: &[f64]| v.get(i).copied().unwrap_or(f64::NAN);
                    let cells: Vec<_> = [
                        (opts.show_condor, "condor", at(&h.pnl.condor)),
                        (opts.show_hedge, "hedge", at(&h.pnl.hedge)),
                        (opts.show_combined, "combined", at(&h.pnl.combined)),
                    ]
                    .into_iter()
                    .filter(|(shown, _, _)| *shown)
                    .map(|(_, layer, v)| {
                        view! {
                            <td class="num" data-testid=format!("crosshair-{k}-{layer}")>
                                {signed_dollars(v)}
                            </td>
                        }
                    })
                    .collect();
                    view! {
                        <tr>
                            <th scope="row"><span class="swatch" style=swatch></span>{h.label.clone()}</th>
                            <td class="num" data-testid=format!("crosshair-{k}-vix")>{number(at(&h.vix), 2)}</td>
                            {cells}
                        </tr>
                    }
                })
                .collect();
            view! {
                <p class="crosshair-spx">
                    <strong data-testid="crosshair-spx" data-spx=spx.to_string()>
                        "SPX " {number(spx, decimals)}
                    </strong>
                    <span class="note">" (grid point " {i + 1} " of " {spots.len()} ")"</span>
                </p>
                <table class="data crosshair-table">
                    <caption>"P/L in $ by layer; VIX: the scenario's level there, points"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Horizon"</th>
                            <th scope="col" class="num">"VIX"</th>
                            {head}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        })
    };
    view! {
        <div class="crosshair-readout" data-testid="crosshair-readout" aria-live="polite" aria-atomic="true">
            {body}
        </div>
    }
}
