//! The "Macro & indicators" and "Account & limits" input groups (spec §6, §7, §11).
//!
//! Numeric fields reuse [`NumberField`]; the two close series are pasted as `date,close` CSV,
//! parsed by the core's [`parse_series_csv`], and a text with bad lines leaves the Config as
//! it was while the line-numbered errors are listed beside the box.

use super::fields::{test_id, NumberField, NumberKind, SelectField};
use super::format::{dollars, number};
use super::inputs::Group;
use super::state::{report_text, AppState};
use crate::indicators::{parse_series_csv, series_to_csv, SeriesPoint, Trend};
use crate::Config;
use leptos::prelude::*;

/// Percent shown, decimal stored.
fn pct(v: f64) -> f64 {
    v * 100.0
}
fn from_pct(v: f64) -> f64 {
    v / 100.0
}

const TRENDS: [(Trend, &str); 3] = [
    (Trend::Rising, "Rising"),
    (Trend::Flat, "Flat"),
    (Trend::Falling, "Falling"),
];

/// A text from the shown report's indicator readout, or empty before the first report.
fn readout_text(
    state: AppState,
    f: impl Fn(&crate::indicators::IndicatorReadout) -> String + Send + Sync + 'static,
) -> Signal<String> {
    Signal::derive(report_text(state.shown, move |r| f(&r.rules.indicators)))
}
/// A pasted `date,close` series bound to an optional Config series (None = not given).
///
/// The text is committed when the box is left; a blank box means None. Bad lines are listed
/// with their line numbers and leave the Config untouched.
#[component]
fn SeriesField(
    state: AppState,
    label: &'static str,
    /// Config path (test ids and validation messages).
    path: &'static str,
    /// What None means, shown as placeholder and beside the sample button.
    none_means: &'static str,
    /// Label of the button that sets the series to None.
    reset_label: &'static str,
    get: fn(&Config) -> Option<Vec<SeriesPoint>>,
    set: fn(&mut Config, Option<Vec<SeriesPoint>>),
    /// The report's account of which series is used.
    source: Signal<String>,
) -> impl IntoView {
    let tid = test_id(path);
    let input_id = format!("input-{tid}");
    let value = Memo::new(move |_| state.config.with(get));
    let to_text =
        |v: &Option<Vec<SeriesPoint>>| v.as_deref().map(series_to_csv).unwrap_or_default();
    let text = RwSignal::new(value.with_untracked(to_text));
    let errors = RwSignal::new(Vec::<String>::new());
    let validation = state.field_error(path.to_string());

    // Follow the Config when it changes elsewhere (a link, the sample button).
    Effect::new(move |_| {
        let v = value.get();
        let typed = text.get_untracked();
        let parsed = if typed.trim().is_empty() {
            Some(None)
        } else {
            parse_series_csv(&typed).ok().map(Some)
        };
        if parsed.as_ref() != Some(&v) && errors.with_untracked(|e| e.is_empty()) {
            text.set(to_text(&v));
        }
    });

    let commit = move |typed: String| {
        text.set(typed.clone());
        let parsed = if typed.trim().is_empty() {
            Ok(None)
        } else {
            parse_series_csv(&typed).map(Some)
        };
        match parsed {
            Ok(series) => {
                errors.set(Vec::new());
                if value.with_untracked(|v| *v != series) {
                    state.config.update(|c| set(c, series));
                }
            }
            Err(list) => errors.set(list.iter().map(ToString::to_string).collect()),
        }
    };
    let reset = move |_| {
        errors.set(Vec::new());
        text.set(String::new());
        state.config.update(|c| set(c, None));
    };
    let invalid = move || errors.with(|e| !e.is_empty()) || validation.with(|v| v.is_some());
    let error_id = format!("error-{tid}");
    let error_id_attr = error_id.clone();
    let count = move || value.with(|v| v.as_ref().map_or(0, Vec::len));
    view! {
        <div class="series-field" class:invalid=invalid>
            <label for=input_id.clone()>{label}</label>
            <textarea id=input_id.clone() data-testid=input_id.clone() rows="5" spellcheck="false"
                placeholder=format!("date,close per line, e.g. 2026-01-02,18.45 — blank: {none_means}")
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=move || invalid().then(|| error_id_attr.clone())
                prop:value=move || text.get()
                on:change=move |ev| commit(event_target_value(&ev))></textarea>
            <div class="series-meta">
                <span class="note" data-testid=format!("{tid}-source")>
                    {move || if count() > 0 { format!("{} closes pasted · ", count()) } else { String::new() }}
                    {move || source.get()}
                </span>
                <button type="button" class="secondary" data-testid=format!("{tid}-reset") on:click=reset>{reset_label}</button>
            </div>
            <Show when=invalid>
                <div class="field-error csv-errors" id=error_id.clone() role="alert" data-testid=error_id.clone()>
                    <p>{move || if errors.with(|e| e.is_empty()) { "Series not accepted:".to_string() } else { "Not applied; fix these lines:".to_string() }}</p>
                    <ul>
                        {move || errors.get().into_iter().chain(validation.get()).map(|e| view! { <li>{e}</li> }).collect_view()}
                    </ul>
                </div>
            </Show>
        </div>
    }
}

/// A labelled checkbox bound to one boolean Config field.
#[component]
fn CheckField(
    state: AppState,
    label: &'static str,
    path: &'static str,
    get: fn(&Config) -> bool,
    set: fn(&mut Config, bool),
) -> impl IntoView {
    let input_id = format!("input-{}", test_id(path));
    view! {
        <div class="field check">
            <label for=input_id.clone()>{label}</label>
            <span class="control">
                <input id=input_id.clone() type="checkbox" data-testid=input_id.clone()
                    prop:checked=move || state.config.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.config.update(|c| set(c, on));
                    } />
            </span>
        </div>
    }
}

/// A list of numbers from the indicator readout of the report on screen (empty without one).
fn readout_series(
    state: AppState,
    pick: fn(&crate::indicators::IndicatorReadout) -> &Vec<f64>,
) -> Memo<Vec<f64>> {
    Memo::new(move |_| {
        state.shown.with(|r| {
            r.as_ref()
                .map(|r| pick(&r.rules.indicators).clone())
                .unwrap_or_default()
        })
    })
}

/// Small inline SVG of the recent MACD histogram bars from the report (R7), bars above/below a
/// zero line; a text list carries the last five numbers for screen readers.
#[component]
fn HistogramSparkline(state: AppState) -> impl IntoView {
    let tail = readout_series(state, |i| &i.histogram_tail);
    let history = readout_series(state, |i| &i.histogram_history);
    let bars = move || {
        history.with(|t| {
            let max = t.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
            let n = t.len().max(1) as f64;
            let w = 100.0 / n;
            t.iter()
                .enumerate()
                .map(|(i, v)| {
                    let h = if max > 0.0 && v.is_finite() {
                        v.abs() / max * 18.0
                    } else {
                        0.0
                    };
                    let y = if *v >= 0.0 { 20.0 - h } else { 20.0 };
                    view! {
                        <rect x=format!("{:.2}", i as f64 * w + w * 0.15) y=format!("{y:.2}")
                            width=format!("{:.2}", w * 0.7) height=format!("{:.2}", h.max(0.5))
                            class={if *v >= 0.0 { "bar-up" } else { "bar-down" }} />
                    }
                })
                .collect_view()
        })
    };
    let text = move || {
        tail.with(|t| {
            t.iter()
                .map(|v| number(*v, 3))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    view! {
        <figure class="sparkline" data-testid="macd-histogram">
            <svg viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-hidden="true">
                <line x1="0" y1="20" x2="100" y2="20" class="zero" />
                {bars}
            </svg>
            <figcaption>"MACD histogram, last bars (VIX pts): "<span data-testid="macd-histogram-values">{text}</span></figcaption>
        </figure>
    }
}

/// Small inline SVG of the recent RSI(14) of the SPX series (0-100 with the regime's 40 and 55
/// guide lines); shown only when an SPX series drives the RSI. The latest value is in text.
#[component]
fn RsiSparkline(state: AppState) -> impl IntoView {
    let history = readout_series(state, |i| &i.rsi_history);
    let points = move || {
        history.with(|h| {
            let n = h.len().max(2) as f64 - 1.0;
            h.iter()
                .enumerate()
                .map(|(i, v)| {
                    format!(
                        "{:.2},{:.2}",
                        i as f64 / n * 100.0,
                        40.0 - v.clamp(0.0, 100.0) * 0.4
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let last = move || history.with(|h| h.last().map(|v| number(*v, 1)).unwrap_or_default());
    view! {
        <Show when=move || history.with(|h| h.len() >= 2)>
            <figure class="sparkline" data-testid="rsi-chart">
                <svg viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-hidden="true">
                    <line x1="0" y1="24" x2="100" y2="24" class="zero" />
                    <line x1="0" y1="18" x2="100" y2="18" class="zero" />
                    <polyline points=points class="rsi-line" fill="none" />
                </svg>
                <figcaption>"RSI(14) of the SPX closes, recent days (guides at 40 and 55): latest "<span data-testid="rsi-chart-last">{last}</span></figcaption>
            </figure>
        </Show>
    }
}

/// The folded "Macro & indicators" group's summary: RSI, P/E, P/CF, days to FOMC.
fn indicators_key(state: AppState) -> Signal<String> {
    Signal::derive(move || {
        state.config.with(|c| {
            let i = &c.indicators;
            format!(
                "RSI {} · P/E {} · P/CF {} · FOMC in {} d",
                number(i.rsi, 0),
                number(i.pe, 1),
                number(i.pcf, 1),
                i.days_to_fomc
            )
        })
    })
}

/// The folded "Account & limits" group's summary: capital and hedge reserve.
fn account_key(state: AppState) -> Signal<String> {
    Signal::derive(move || {
        state.config.with(|c| {
            format!(
                "capital {} · hedge reserve {}",
                dollars(c.account.capital),
                dollars(c.account.hedge_cash_reserve)
            )
        })
    })
}

/// The "Macro & indicators" input group.
#[component]
pub fn IndicatorInputs(state: AppState) -> impl IntoView {
    let macd_line = readout_text(state, |r| match (r.macd, r.signal, r.histogram) {
        (Some(m), Some(s), Some(h)) => format!(
            "MACD {} · signal {} · histogram {}{}",
            number(m, 3),
            number(s, 3),
            number(h, 3),
            match r.contracting {
                Some(true) => " · contracting",
                Some(false) => " · not contracting",
                None => "",
            }
        ),
        _ => format!("MACD needs {} closes; {} given", r.min_closes, r.vix_closes),
    });
    view! {
        <Group title="Macro & indicators" testid="group-indicators" key_figures=indicators_key(state)>
            <SeriesField state label="VIX futures closes (CSV, VIX pts)" path="indicators.vix_series"
                none_means="bundled illustrative sample" reset_label="Use bundled illustrative sample"
                get=|c| c.indicators.vix_series.clone() set=|c, v| c.indicators.vix_series = v
                source=readout_text(state, |r| format!("MACD from {} ({} closes)", r.vix_source, r.vix_closes)) />
            <p class="note" data-testid="macd-readout">{move || macd_line.get()}</p>
            <HistogramSparkline state />
            <SeriesField state label="SPX closes (CSV, index pts, optional)" path="indicators.spx_series"
                none_means="use the typed RSI" reset_label="Clear (use typed RSI)"
                get=|c| c.indicators.spx_series.clone() set=|c, v| c.indicators.spx_series = v
                source=readout_text(state, |r| format!("RSI {} from the {}", number(r.rsi, 1), r.rsi_source)) />
            <RsiSparkline state />
            <NumberField state label="SPX RSI(14), typed" unit="0–100" path="indicators.rsi"
                get=|c| Some(c.indicators.rsi) set=|c, v| if let Some(v) = v { c.indicators.rsi = v } />
            <SelectField state label="Advance–decline trend" path="indicators.ad_trend"
                choices=TRENDS.to_vec()
                get=|c| Some(c.indicators.ad_trend) set=|c, v| c.indicators.ad_trend = v />
            <div class="triple">
                <NumberField state stacked=true label="CPI y/y" unit="%" path="indicators.cpi_yoy"
                    get=|c| Some(c.indicators.cpi_yoy) set=|c, v| if let Some(v) = v { c.indicators.cpi_yoy = v } />
                <NumberField state stacked=true label="CPI range min" unit="%" path="indicators.cpi_min"
                    get=|c| Some(c.indicators.cpi_min) set=|c, v| if let Some(v) = v { c.indicators.cpi_min = v } />
                <NumberField state stacked=true label="CPI range max" unit="%" path="indicators.cpi_max"
                    get=|c| Some(c.indicators.cpi_max) set=|c, v| if let Some(v) = v { c.indicators.cpi_max = v } />
                <NumberField state stacked=true label="PPI y/y" unit="%" path="indicators.ppi_yoy"
                    get=|c| Some(c.indicators.ppi_yoy) set=|c, v| if let Some(v) = v { c.indicators.ppi_yoy = v } />
                <NumberField state stacked=true label="PPI range min" unit="%" path="indicators.ppi_min"
                    get=|c| Some(c.indicators.ppi_min) set=|c, v| if let Some(v) = v { c.indicators.ppi_min = v } />
                <NumberField state stacked=true label="PPI range max" unit="%" path="indicators.ppi_max"
                    get=|c| Some(c.indicators.ppi_max) set=|c, v| if let Some(v) = v { c.indicators.ppi_max = v } />
            </div>
            <NumberField state label="Days to next FOMC" unit="days" path="indicators.days_to_fomc" kind=NumberKind::Integer
                get=|c| Some(c.indicators.days_to_fomc as f64) set=|c, v| if let Some(v) = v { c.indicators.days_to_fomc = v as i64 } />
            <NumberField state label="S&P 500 P/E" unit="×" path="indicators.pe"
                get=|c| Some(c.indicators.pe) set=|c, v| if let Some(v) = v { c.indicators.pe = v } />
            <NumberField state label="S&P 500 P/CF" unit="×" path="indicators.pcf"
                get=|c| Some(c.indicators.pcf) set=|c, v| if let Some(v) = v { c.indicators.pcf = v } />
            <CheckField state label="Market-cap expansion phase (closes the R14 gate)" path="indicators.cap_expansion"
                get=|c| c.indicators.cap_expansion set=|c, v| c.indicators.cap_expansion = v />
            <NumberField state label="Rate differential (domestic − foreign)" unit="pp" path="indicators.rate_differential"
                get=|c| Some(c.indicators.rate_differential) set=|c, v| if let Some(v) = v { c.indicators.rate_differential = v } />
            <SelectField state label="Real effective exchange rate trend" path="indicators.reer_trend"
                choices=TRENDS.to_vec()
                get=|c| Some(c.indicators.reer_trend) set=|c, v| c.indicators.reer_trend = v />
            <SelectField state label="GDP growth trend" path="indicators.gdp_trend"
                choices=TRENDS.to_vec()
                get=|c| Some(c.indicators.gdp_trend) set=|c, v| c.indicators.gdp_trend = v />
        </Group>
    }
}

/// The "Account & limits" input group: account figures and the main rule thresholds.
#[component]
pub fn AccountInputs(state: AppState) -> impl IntoView {
    view! {
        <Group title="Account & limits" testid="group-account" key_figures=account_key(state)>
            <div class="limits-grid">
                <NumberField state stacked=true label="Capital" unit="$" path="account.capital"
                    get=|c| Some(c.account.capital) set=|c, v| if let Some(v) = v { c.account.capital = v } />
                <NumberField state stacked=true label="Hedge cash reserve" unit="$" path="account.hedge_cash_reserve"
                    get=|c| Some(c.account.hedge_cash_reserve) set=|c, v| if let Some(v) = v { c.account.hedge_cash_reserve = v } />
                <NumberField state stacked=true label="SPX option half-spread" unit="pts" path="account.half_spread_spx"
                    get=|c| Some(c.account.half_spread_spx) set=|c, v| if let Some(v) = v { c.account.half_spread_spx = v } />
                <NumberField state stacked=true label="VIX option half-spread" unit="pts" path="account.half_spread_vix_option"
                    get=|c| Some(c.account.half_spread_vix_option) set=|c, v| if let Some(v) = v { c.account.half_spread_vix_option = v } />
                <NumberField state stacked=true label="VX/VXM half-spread" unit="pts" path="account.half_spread_vix_future"
                    get=|c| Some(c.account.half_spread_vix_future) set=|c, v| if let Some(v) = v { c.account.half_spread_vix_future = v } />
                <NumberField state stacked=true label="FOMC spread widening" unit="×" path="account.fomc_widening"
                    get=|c| Some(c.account.fomc_widening) set=|c, v| if let Some(v) = v { c.account.fomc_widening = v } />
            </div>
            <h3 class="subhead">"Rule thresholds"</h3>
            <div class="limits-grid">
                <NumberField state stacked=true label="P/CF threshold (R3)" unit="×" path="rules.pcf_threshold"
                    get=|c| Some(c.rules.pcf_threshold) set=|c, v| if let Some(v) = v { c.rules.pcf_threshold = v } />
                <NumberField state stacked=true label="Base ratio (R3)" unit="% of N" path="rules.base_ratio"
                    get=|c| Some(pct(c.rules.base_ratio)) set=|c, v| if let Some(v) = v { c.rules.base_ratio = from_pct(v) } />
                <NumberField state stacked=true label="Step per P/CF point (R3)" unit="% of N" path="rules.ratio_step"
                    get=|c| Some(pct(c.rules.ratio_step)) set=|c, v| if let Some(v) = v { c.rules.ratio_step = from_pct(v) } />
                <NumberField state stacked=true label="Max ratio (R3)" unit="% of N" path="rules.max_ratio"
                    get=|c| Some(pct(c.rules.max_ratio)) set=|c, v| if let Some(v) = v { c.rules.max_ratio = from_pct(v) } />
                <NumberField state stacked=true label="Bullish cap (R4)" unit="% of N" path="rules.bullish_cap"
                    get=|c| Some(pct(c.rules.bullish_cap)) set=|c, v| if let Some(v) = v { c.rules.bullish_cap = from_pct(v) } />
                <NumberField state stacked=true label="Neutral cap (R4)" unit="% of N" path="rules.neutral_cap"
                    get=|c| Some(pct(c.rules.neutral_cap)) set=|c, v| if let Some(v) = v { c.rules.neutral_cap = from_pct(v) } />
                <NumberField state stacked=true label="Beta cap (R12)" unit="|β|" path="rules.max_beta"
                    get=|c| Some(c.rules.max_beta) set=|c, v| if let Some(v) = v { c.rules.max_beta = v } />
                <NumberField state stacked=true label="Gross leverage cap (R13)" unit="×" path="rules.max_gross_leverage"
                    get=|c| Some(c.rules.max_gross_leverage) set=|c, v| if let Some(v) = v { c.rules.max_gross_leverage = v } />
                <NumberField state stacked=true label="P/E gate (R14)" unit="×" path="rules.max_pe"
                    get=|c| Some(c.rules.max_pe) set=|c, v| if let Some(v) = v { c.rules.max_pe = v } />
                <NumberField state stacked=true label="Vega tolerance (R9)" unit="$/vol pt" path="rules.vega_tolerance"
                    get=|c| Some(c.rules.vega_tolerance) set=|c, v| if let Some(v) = v { c.rules.vega_tolerance = v } />
                <NumberField state stacked=true label="Weekly hedge target (R11)" unit="bps" path="rules.min_weekly_bps"
                    get=|c| Some(c.rules.min_weekly_bps) set=|c, v| if let Some(v) = v { c.rules.min_weekly_bps = v } />
            </div>
        </Group>
    }
}
