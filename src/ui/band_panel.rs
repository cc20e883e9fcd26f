//! The History band's controls and read-out under the P/L chart (issue 19 item 2): a switch,
//! the horizon it is drawn at, what it is made of, and a table of the band at a few SPX moves
//! beside the link's value. The numbers come from [`crate::history::band::link_band`].

use super::format::{number, signed_dollars, signed_percent};
use super::series::{Data, Series};
use super::state::AppState;
use crate::history::band::{self, LinkBand, MAX_DISTANCE, NEIGHBOURS, TABLE_MOVES};
use crate::Report;
use leptos::prelude::*;
use std::sync::Arc;

/// The band's state for the chart.
#[derive(Clone, PartialEq)]
pub enum BandState {
    Off,
    Loading,
    Failed(String),
    Ready {
        band: Arc<LinkBand>,
        /// The horizon's label on the chart.
        label: String,
    },
}

impl BandState {
    /// The band to draw, if one is ready.
    pub fn band(&self) -> Option<&LinkBand> {
        match self {
            BandState::Ready { band, .. } => Some(band),
            _ => None,
        }
    }
}

/// The band's horizon: the chosen one while the chart still draws it, else the condor's
/// expiry curve (the headline horizon, spec §11), else the last curve.
fn horizon(report: &Report, chosen: Option<i64>) -> Option<(i64, String)> {
    let hs = &report.curves.horizons;
    chosen
        .and_then(|d| hs.iter().find(|h| h.days == d))
        .or_else(|| hs.iter().find(|h| h.is_expiry))
        .or_else(|| hs.last())
        .map(|h| (h.days, h.label.clone()))
}

/// The band for the valid configuration on screen, or why there is none. Loads the series the
/// first time the band is switched on.
pub fn band_memo(
    state: AppState,
    series: Series,
    on: RwSignal<bool>,
    chosen: RwSignal<Option<i64>>,
) -> Memo<BandState> {
    Effect::new(move |_| {
        if on.get() {
            series.ensure();
        }
    });
    Memo::new(move |_| {
        if !on.get() {
            return BandState::Off;
        }
        let Some(report) = state.evaluation.with(|r| r.as_ref().ok().cloned()) else {
            return BandState::Failed(
                "the configuration is invalid (fix the fields marked in red)".into(),
            );
        };
        let rows = match series.data.get() {
            Data::Loaded { rows, .. } => rows,
            Data::Failed(why) => {
                return BandState::Failed(format!("the series could not be loaded: {why}"))
            }
            Data::NotLoaded | Data::Loading => return BandState::Loading,
        };
        let Some((days, label)) = horizon(&report, chosen.get()) else {
            return BandState::Failed("the chart has no curve".into());
        };
        state.config.with(
            |c| match band::link_band(c, &report.curves.spots, &rows, days) {
                Ok(b) => BandState::Ready {
                    band: Arc::new(b),
                    label,
                },
                Err(e) => BandState::Failed(e.to_string()),
            },
        )
    })
}

/// The switch, the horizon picker, the band's description and its table.
#[component]
pub fn BandControls(
    state: AppState,
    on: RwSignal<bool>,
    chosen: RwSignal<Option<i64>>,
    band: Memo<BandState>,
) -> impl IntoView {
    let choices = Memo::new(move |_| {
        state.shown.with(|r| {
            let mut out: Vec<(i64, String)> = Vec::new();
            for h in r.iter().flat_map(|r| &r.curves.horizons) {
                if !out.iter().any(|(d, _)| *d == h.days) {
                    out.push((h.days, h.label.clone()));
                }
            }
            out
        })
    });
    let selected = move || {
        state.shown.with(|r| {
            r.as_ref()
                .and_then(|r| horizon(r, chosen.get()))
                .map(|(d, _)| d.to_string())
                .unwrap_or_default()
        })
    };
    let status = move || match band.get() {
        BandState::Off => String::new(),
        BandState::Loading => "Loading the SPX and VIX series for the band…".into(),
        BandState::Failed(why) => format!("No History band: {why}."),
        BandState::Ready { band: b, label } => {
            let covered = b
                .covered()
                .map(|(lo, hi)| format!("SPX {} to {}", number(lo, 0), number(hi, 0)))
                .unwrap_or_else(|| "no level".into());
            format!(
                "Band at {label}: the hedge and combined P/L with VIX at history's 10th and 90th percentile after the same SPX move over {} trading days, instead of the link's VIX. From the {} windows of {} to {} that start with VIX {} to {} points, the {NEIGHBOURS} nearest in SPX return (within ±{}%); drawn where history has them ({covered}). Model prices from index closes, no historical option quotes.",
                b.trading_days,
                number(b.windows as f64, 0),
                b.span.0,
                b.span.1,
                number(b.vix_start_range.0, 1),
                number(b.vix_start_range.1, 1),
                number(MAX_DISTANCE * 100.0, 1),
            )
        }
    };
    // The core's table (`LinkBand::table`), formatted.
    let rows = move || {
        let BandState::Ready { band: b, .. } = band.get() else {
            return Vec::new();
        };
        let table = state.shown.with(|r| {
            r.as_ref()
                .map(|r| b.table(&r.curves, &TABLE_MOVES))
                .unwrap_or_default()
        });
        let range = |p: Option<(f64, f64)>, f: &dyn Fn(f64) -> String| match p {
            Some((lo, hi)) => format!("{} to {}", f(lo), f(hi)),
            None => "too few windows".to_string(),
        };
        let vix = |v: f64| number(v, 1);
        table
            .into_iter()
            .map(|row| {
                [
                    signed_percent(row.spx_move),
                    number(row.spx, 0),
                    vix(row.vix_link),
                    range(row.vix, &vix),
                    signed_dollars(row.hedge_link),
                    range(row.hedge, &signed_dollars),
                    signed_dollars(row.combined_link),
                    range(row.combined, &signed_dollars),
                ]
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="band-controls" role="group" aria-label="History band">
            <label class="toggle">
                <input type="checkbox" data-testid="band-toggle"
                    prop:checked=move || on.get()
                    on:change=move |ev| on.set(event_target_checked(&ev)) />
                "History band (VIX 10–90%)"
            </label>
            <Show when=move || on.get()>
                <label for="band-horizon">"at"</label>
                <select id="band-horizon" data-testid="band-horizon"
                    prop:value=selected
                    on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                    <For each=move || choices.get() key=|c| c.clone() let:c>
                        <option value=c.0.to_string()>{c.1.clone()}</option>
                    </For>
                </select>
            </Show>
        </div>
        <Show when=move || on.get()>
            <p class="note band-status" role="status" aria-live="polite" data-testid="band-status">{status}</p>
            <Show when=move || matches!(band.get(), BandState::Ready { .. })>
                <p class="band-table-title" id="band-table-title">"P/L at the band's horizon: the link's value and history's 10–90% range"</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label="History band by SPX move">
                    <table class="band-table" data-testid="band-table" aria-labelledby="band-table-title">
                        <thead><tr>
                            <th scope="col">"SPX move"</th><th scope="col">"SPX (points)"</th>
                            <th scope="col">"VIX, link (points)"</th><th scope="col">"VIX, history 10–90% (points)"</th>
                            <th scope="col">"Hedge, link ($)"</th><th scope="col">"Hedge, history ($)"</th>
                            <th scope="col">"Combined, link ($)"</th><th scope="col">"Combined, history ($)"</th>
                        </tr></thead>
                        <tbody>
                            <For each=rows key=|r| r.clone() let:r>
                                <tr data-move=r[0].clone()>
                                    <th scope="row">{r[0].clone()}</th>
                                    {r[1..].iter().map(|t| view! { <td>{t.clone()}</td> }).collect_view()}
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </Show>
    }
}
