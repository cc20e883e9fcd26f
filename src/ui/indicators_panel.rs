//! The "Macro & indicators" and "Account & limits" input groups (spec §6, §7, §11).
//!
//! Numeric fields reuse [`required_number`]; the two close series are pasted as `date,close` CSV,
//! parsed by the core's [`parse_series_csv`], and a text with bad lines leaves the Config as
//! it was while the line-numbered errors are listed beside the box.

use super::dom::{el, event_checked, event_value, El};
use super::fields::{aria_invalid, required_number, select_field, test_id, Opts};
use super::format::{escape, number};
use super::state::{report_text, AppState};
use crate::indicators::{parse_series_csv, series_to_csv, IndicatorReadout, SeriesPoint, Trend};
use crate::Config;
use reactive_graph::computed::Memo;
use reactive_graph::effect::Effect;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use std::fmt::Write;

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
    f: fn(&IndicatorReadout) -> String,
) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    report_text(state.shown, move |r| f(&r.rules.indicators))
}

/// A required numeric field: label, unit, Config path, and the value in displayed units
/// (read, write). Plain function pointers, so that every such field shares one copy of the
/// field widget (bundle size).
type Num = (
    &'static str,
    &'static str,
    &'static str,
    fn(&Config) -> f64,
    fn(&mut Config, f64),
);

/// A required numeric field (a blank text is an error, so the setter always gets a value).
fn num(state: AppState, (label, unit, path, get, set): Num, opts: Opts) -> El {
    required_number(state, (label, unit, path), get, set, opts)
}

/// Numeric fields with the small label above the input (grids of cards).
fn stacked(state: AppState, rows: &[Num]) -> Vec<El> {
    rows.iter()
        .map(|&row| {
            let opts = Opts {
                stacked: true,
                ..Opts::default()
            };
            num(state, row, opts)
        })
        .collect()
}

/// A `<select>` of [`TRENDS`] bound to one Config trend.
fn trend_field(
    state: AppState,
    label: &str,
    path: &str,
    get: fn(&Config) -> Trend,
    set: fn(&mut Config, Trend),
) -> El {
    select_field(
        state,
        label,
        path,
        TRENDS.to_vec(),
        move |c| Some(get(c)),
        set,
        Opts::default(),
    )
}

/// A pasted `date,close` series bound to an optional Config series (None = not given).
#[derive(Clone, Copy)]
struct Series {
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
    source: fn(&IndicatorReadout) -> String,
}

const VIX_SERIES: Series = Series {
    label: "VIX futures closes (CSV, VIX pts)",
    path: "indicators.vix_series",
    none_means: "bundled illustrative sample",
    reset_label: "Use bundled illustrative sample",
    get: |c| c.indicators.vix_series.clone(),
    set: |c, v| c.indicators.vix_series = v,
    source: |r| format!("MACD from the {} ({} closes)", r.vix_source, r.vix_closes),
};

const SPX_SERIES: Series = Series {
    label: "SPX closes (CSV, index pts, optional)",
    path: "indicators.spx_series",
    none_means: "use the typed RSI",
    reset_label: "Clear (use typed RSI)",
    get: |c| c.indicators.spx_series.clone(),
    set: |c, v| c.indicators.spx_series = v,
    source: |r| format!("RSI {} from the {}", number(r.rsi, 1), r.rsi_source),
};

/// The text of a box for a Config series ("" for None).
fn series_text(v: &Option<Vec<SeriesPoint>>) -> String {
    v.as_deref().map(series_to_csv).unwrap_or_default()
}

/// The series a box's text means: None when blank, else the parsed closes or the bad lines.
fn parse_box(text: &str) -> Result<Option<Vec<SeriesPoint>>, Vec<String>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_series_csv(text)
            .map(Some)
            .map_err(|list| list.iter().map(ToString::to_string).collect())
    }
}

/// A series box: the text is committed when the box is left; a blank box means None. Bad
/// lines are listed with their line numbers and leave the Config untouched.
fn series_field(state: AppState, s: Series) -> El {
    let Series {
        label,
        path,
        none_means,
        reset_label,
        get,
        set,
        source,
    } = s;
    let tid = test_id(path);
    let input_id = format!("input-{tid}");
    let error_id = format!("error-{tid}");
    let value = Memo::new(move |_| state.config.with(get));
    let text = RwSignal::new(value.with_untracked(series_text));
    let errors = RwSignal::new(Vec::<String>::new());
    let validation = state.field_error(path.to_string());

    // Follow the Config when it changes elsewhere (a link, the sample button).
    Effect::new(move |_| {
        let v = value.get();
        let same = text.with_untracked(|t| parse_box(t).ok().as_ref() == Some(&v));
        if !same && errors.with_untracked(Vec::is_empty) {
            text.set(series_text(&v));
        }
    });

    let commit = move |typed: String| {
        let parsed = parse_box(&typed);
        text.set(typed);
        match parsed {
            Ok(series) => {
                errors.set(Vec::new());
                if value.with_untracked(|v| *v != series) {
                    state.config.update(|c| set(c, series));
                }
            }
            Err(list) => errors.set(list),
        }
    };
    let invalid = move || errors.with(|e| !e.is_empty()) || validation.with(Option::is_some);
    let source = readout_text(state, source);
    let meta_text = move || {
        let count = value.with(|v| v.as_ref().map_or(0, Vec::len));
        let mut line = String::new();
        if count > 0 {
            let _ = write!(line, "{count} closes pasted · ");
        }
        line.push_str(&source());
        line
    };
    // The error box: a heading and one item per bad line, then evaluate's message if any.
    let errors_html = move || {
        let mut html = String::from(if errors.with(Vec::is_empty) {
            "<p>Series not accepted:</p><ul>"
        } else {
            "<p>Not applied; fix these lines:</p><ul>"
        });
        let mut item = |e: &String| {
            let _ = write!(html, "<li>{}</li>", escape(e));
        };
        errors.with(|list| list.iter().for_each(&mut item));
        validation.with(|v| v.iter().for_each(&mut item));
        html.push_str("</ul>");
        html
    };
    let textarea = el("textarea")
        .id(&input_id)
        .testid(&input_id)
        .attr("rows", "5")
        .attr("spellcheck", "false")
        .attr(
            "placeholder",
            &format!("date,close per line, e.g. 2026-01-02,18.45 — blank: {none_means}"),
        );
    let textarea = aria_invalid(textarea, error_id.clone(), invalid)
        .dyn_value(move || text.get())
        .on("change", move |ev| commit(event_value(&ev)));
    let reset = el("button")
        .attr("type", "button")
        .class("secondary")
        .testid(&format!("{tid}-reset"))
        .on("click", move |_| {
            errors.set(Vec::new());
            text.set(String::new());
            state.config.update(|c| set(c, None));
        })
        .text(reset_label);
    el("div")
        .class("series-field")
        .dyn_class("invalid", invalid)
        .child(el("label").attr("for", &input_id).text(label))
        .child(textarea)
        .child(
            el("div")
                .class("series-meta")
                .child(
                    el("span")
                        .class("note")
                        .testid(&format!("{tid}-source"))
                        .dyn_text(meta_text),
                )
                .child(reset),
        )
        .show(invalid, move || {
            el("div")
                .class("field-error csv-errors")
                .id(&error_id)
                .attr("role", "alert")
                .testid(&error_id)
                .dyn_html(errors_html)
        })
}

/// A labelled checkbox bound to one boolean Config field.
fn check_field(
    state: AppState,
    label: &str,
    path: &str,
    get: fn(&Config) -> bool,
    set: fn(&mut Config, bool),
) -> El {
    let input_id = format!("input-{}", test_id(path));
    let input = el("input")
        .id(&input_id)
        .attr("type", "checkbox")
        .testid(&input_id)
        .dyn_prop_flag("checked", move || state.config.with(get))
        .on("change", move |ev| {
            let on = event_checked(&ev);
            state.config.update(|c| set(c, on));
        });
    el("div")
        .class("field check")
        .child(el("label").attr("for", &input_id).text(label))
        .child(el("span").class("control").child(input))
}

/// The opening of a sparkline's SVG (100 x 40 user units, stretched to the figure).
const SPARK_SVG: &str =
    "<svg viewBox=\"0 0 100 40\" preserveAspectRatio=\"none\" role=\"img\" aria-hidden=\"true\">";

/// The markup of the MACD histogram figure: bars above/below a zero line for `history`, and
/// the `tail` values in text. Only numbers are written, so nothing needs escaping.
fn histogram_html(history: &[f64], tail: &[f64]) -> String {
    let mut html = String::from(SPARK_SVG);
    html.push_str("<line x1=\"0\" y1=\"20\" x2=\"100\" y2=\"20\" class=\"zero\"></line>");
    let max = history.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let w = 100.0 / history.len().max(1) as f64;
    for (i, v) in history.iter().enumerate() {
        let h = if max > 0.0 && v.is_finite() {
            v.abs() / max * 18.0
        } else {
            0.0
        };
        let (y, class) = if *v >= 0.0 {
            (20.0 - h, "bar-up")
        } else {
            (20.0, "bar-down")
        };
        let _ = write!(
            html,
            "<rect x=\"{:.2}\" y=\"{y:.2}\" width=\"{:.2}\" height=\"{:.2}\" class=\"{class}\"></rect>",
            i as f64 * w + w * 0.15,
            w * 0.7,
            h.max(0.5)
        );
    }
    html.push_str("</svg><figcaption>MACD histogram, last bars (VIX pts): <span data-testid=\"macd-histogram-values\">");
    for (i, v) in tail.iter().enumerate() {
        if i > 0 {
            html.push_str(", ");
        }
        html.push_str(&number(*v, 3));
    }
    html.push_str("</span></figcaption>");
    html
}

/// Small inline SVG of the recent MACD histogram bars from the report (R7), bars above/below a
/// zero line; a text list carries the last five numbers for screen readers.
fn histogram_sparkline(state: AppState) -> El {
    el("figure")
        .class("sparkline")
        .testid("macd-histogram")
        .dyn_html(move || {
            state.shown.with(|r| match r {
                Some(r) => histogram_html(
                    &r.rules.indicators.histogram_history,
                    &r.rules.indicators.histogram_tail,
                ),
                None => histogram_html(&[], &[]),
            })
        })
}

/// The markup of the RSI figure for `history` (0-100, guides at 40 and 55, latest value in
/// text). Only numbers are written, so nothing needs escaping.
fn rsi_html(history: &[f64]) -> String {
    let mut html = String::from(SPARK_SVG);
    html.push_str(
        "<line x1=\"0\" y1=\"24\" x2=\"100\" y2=\"24\" class=\"zero\"></line>\
         <line x1=\"0\" y1=\"18\" x2=\"100\" y2=\"18\" class=\"zero\"></line><polyline points=\"",
    );
    let n = history.len().max(2) as f64 - 1.0;
    for (i, v) in history.iter().enumerate() {
        let sep = if i > 0 { " " } else { "" };
        let _ = write!(
            html,
            "{sep}{:.2},{:.2}",
            i as f64 / n * 100.0,
            40.0 - v.clamp(0.0, 100.0) * 0.4
        );
    }
    html.push_str(
        "\" class=\"rsi-line\" fill=\"none\"></polyline></svg><figcaption>RSI(14) of the SPX \
         closes, recent days (guides at 40 and 55): latest <span data-testid=\"rsi-chart-last\">",
    );
    if let Some(v) = history.last() {
        html.push_str(&number(*v, 1));
    }
    html.push_str("</span></figcaption>");
    html
}

/// Appends the small inline SVG of the recent RSI(14) of the SPX series to `parent`; shown
/// only when an SPX series drives the RSI.
fn with_rsi_sparkline(parent: El, state: AppState) -> El {
    let len = move || {
        state.shown.with(|r| {
            r.as_ref()
                .map_or(0, |r| r.rules.indicators.rsi_history.len())
        })
    };
    parent.show(
        move || len() >= 2,
        move || {
            el("figure")
                .class("sparkline")
                .testid("rsi-chart")
                .dyn_html(move || {
                    state.shown.with(|r| {
                        rsi_html(
                            r.as_ref()
                                .map_or(&[][..], |r| &r.rules.indicators.rsi_history),
                        )
                    })
                })
        },
    )
}

/// The MACD readout line.
fn macd_text(r: &IndicatorReadout) -> String {
    match (r.macd, r.signal, r.histogram) {
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
    }
}

/// The CPI and PPI figures, in a row of three.
#[rustfmt::skip]
const CPI_PPI: [Num; 6] = [
    ("CPI y/y", "%", "indicators.cpi_yoy", |c| c.indicators.cpi_yoy, |c, v| c.indicators.cpi_yoy = v),
    ("CPI range min", "%", "indicators.cpi_min", |c| c.indicators.cpi_min, |c, v| c.indicators.cpi_min = v),
    ("CPI range max", "%", "indicators.cpi_max", |c| c.indicators.cpi_max, |c, v| c.indicators.cpi_max = v),
    ("PPI y/y", "%", "indicators.ppi_yoy", |c| c.indicators.ppi_yoy, |c, v| c.indicators.ppi_yoy = v),
    ("PPI range min", "%", "indicators.ppi_min", |c| c.indicators.ppi_min, |c, v| c.indicators.ppi_min = v),
    ("PPI range max", "%", "indicators.ppi_max", |c| c.indicators.ppi_max, |c, v| c.indicators.ppi_max = v),
];

/// Single numeric fields of the "Macro & indicators" group.
#[rustfmt::skip]
const TYPED_RSI: Num = ("SPX RSI(14), typed", "0–100", "indicators.rsi", |c| c.indicators.rsi, |c, v| c.indicators.rsi = v);
#[rustfmt::skip]
const DAYS_TO_FOMC: Num = ("Days to next FOMC", "days", "indicators.days_to_fomc", |c| c.indicators.days_to_fomc as f64, |c, v| c.indicators.days_to_fomc = v as i64);
#[rustfmt::skip]
const PE: Num = ("S&P 500 P/E", "×", "indicators.pe", |c| c.indicators.pe, |c, v| c.indicators.pe = v);
#[rustfmt::skip]
const PCF: Num = ("S&P 500 P/CF", "×", "indicators.pcf", |c| c.indicators.pcf, |c, v| c.indicators.pcf = v);
#[rustfmt::skip]
const RATE_DIFFERENTIAL: Num = ("Rate differential (domestic − foreign)", "pp", "indicators.rate_differential", |c| c.indicators.rate_differential, |c, v| c.indicators.rate_differential = v);

/// The "Macro & indicators" input group.
pub fn indicator_inputs(state: AppState) -> El {
    let group = el("fieldset")
        .class("group indicators")
        .testid("group-indicators")
        .html("<legend>Macro &amp; indicators</legend>")
        .child(series_field(state, VIX_SERIES))
        .child(
            el("p")
                .class("note")
                .testid("macd-readout")
                .dyn_text(readout_text(state, macd_text)),
        )
        .child(histogram_sparkline(state))
        .child(series_field(state, SPX_SERIES));
    let plain = Opts::default;
    with_rsi_sparkline(group, state)
        .child(num(state, TYPED_RSI, plain()))
        .child(trend_field(
            state,
            "Advance–decline trend",
            "indicators.ad_trend",
            |c| c.indicators.ad_trend,
            |c, v| c.indicators.ad_trend = v,
        ))
        .child(el("div").class("triple").children(stacked(state, &CPI_PPI)))
        .child(num(
            state,
            DAYS_TO_FOMC,
            Opts {
                integer: true,
                ..plain()
            },
        ))
        .child(num(state, PE, plain()))
        .child(num(state, PCF, plain()))
        .child(check_field(
            state,
            "Market-cap expansion phase (closes the R14 gate)",
            "indicators.cap_expansion",
            |c| c.indicators.cap_expansion,
            |c, v| c.indicators.cap_expansion = v,
        ))
        .child(num(state, RATE_DIFFERENTIAL, plain()))
        .child(trend_field(
            state,
            "Real effective exchange rate trend",
            "indicators.reer_trend",
            |c| c.indicators.reer_trend,
            |c, v| c.indicators.reer_trend = v,
        ))
        .child(trend_field(
            state,
            "GDP growth trend",
            "indicators.gdp_trend",
            |c| c.indicators.gdp_trend,
            |c, v| c.indicators.gdp_trend = v,
        ))
}

/// The account figures of the "Account & limits" group.
#[rustfmt::skip]
const ACCOUNT: [Num; 6] = [
    ("Capital", "$", "account.capital", |c| c.account.capital, |c, v| c.account.capital = v),
    ("Hedge cash reserve", "$", "account.hedge_cash_reserve", |c| c.account.hedge_cash_reserve, |c, v| c.account.hedge_cash_reserve = v),
    ("SPX option half-spread", "pts", "account.half_spread_spx", |c| c.account.half_spread_spx, |c, v| c.account.half_spread_spx = v),
    ("VIX option half-spread", "pts", "account.half_spread_vix_option", |c| c.account.half_spread_vix_option, |c, v| c.account.half_spread_vix_option = v),
    ("VX/VXM half-spread", "pts", "account.half_spread_vix_future", |c| c.account.half_spread_vix_future, |c, v| c.account.half_spread_vix_future = v),
    ("FOMC spread widening", "×", "account.fomc_widening", |c| c.account.fomc_widening, |c, v| c.account.fomc_widening = v),
];

/// The main rule thresholds of the "Account & limits" group.
#[rustfmt::skip]
const THRESHOLDS: [Num; 11] = [
    ("P/CF threshold (R3)", "×", "rules.pcf_threshold", |c| c.rules.pcf_threshold, |c, v| c.rules.pcf_threshold = v),
    ("Base ratio (R3)", "% of N", "rules.base_ratio", |c| pct(c.rules.base_ratio), |c, v| c.rules.base_ratio = from_pct(v)),
    ("Step per P/CF point (R3)", "% of N", "rules.ratio_step", |c| pct(c.rules.ratio_step), |c, v| c.rules.ratio_step = from_pct(v)),
    ("Max ratio (R3)", "% of N", "rules.max_ratio", |c| pct(c.rules.max_ratio), |c, v| c.rules.max_ratio = from_pct(v)),
    ("Bullish cap (R4)", "% of N", "rules.bullish_cap", |c| pct(c.rules.bullish_cap), |c, v| c.rules.bullish_cap = from_pct(v)),
    ("Neutral cap (R4)", "% of N", "rules.neutral_cap", |c| pct(c.rules.neutral_cap), |c, v| c.rules.neutral_cap = from_pct(v)),
    ("Beta cap (R12)", "|β|", "rules.max_beta", |c| c.rules.max_beta, |c, v| c.rules.max_beta = v),
    ("Gross leverage cap (R13)", "×", "rules.max_gross_leverage", |c| c.rules.max_gross_leverage, |c, v| c.rules.max_gross_leverage = v),
    ("P/E gate (R14)", "×", "rules.max_pe", |c| c.rules.max_pe, |c, v| c.rules.max_pe = v),
    ("Vega tolerance (R9)", "$/vol pt", "rules.vega_tolerance", |c| c.rules.vega_tolerance, |c, v| c.rules.vega_tolerance = v),
    ("Weekly hedge target (R11)", "bps", "rules.min_weekly_bps", |c| c.rules.min_weekly_bps, |c, v| c.rules.min_weekly_bps = v),
];

/// The "Account & limits" input group: account figures and the main rule thresholds.
pub fn account_inputs(state: AppState) -> El {
    el("fieldset")
        .class("group account")
        .testid("group-account")
        .html("<legend>Account &amp; limits</legend>")
        .child(
            el("div")
                .class("limits-grid")
                .children(stacked(state, &ACCOUNT)),
        )
        .html("<h3 class=\"subhead\">Rule thresholds</h3>")
        .child(
            el("div")
                .class("limits-grid")
                .children(stacked(state, &THRESHOLDS)),
        )
}
