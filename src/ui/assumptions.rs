//! The assumptions panel: the model statements of `report.assumptions`, and the fitted VIX
//! futures curve drawn against the quoted futures with its kappa, theta, fit error and any
//! poor-fit warning.

use super::canvas::observe_width;
use super::dom::{el, El};
use super::fields::with_alert;
use super::format::{escape, number};
use super::greeks_chart::{chart_canvas, draw_on, theme};
use super::state::{report_text, AppState};
use crate::draw::greeks::draw_futures_curve;
use crate::Report;
use reactive_graph::computed::Memo;
use reactive_graph::effect::Effect;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use reactive_graph::wrappers::read::Signal;

/// Height of the futures-curve chart for a canvas width, CSS pixels.
fn curve_height(width: u32) -> u32 {
    ((width as f64 * 0.45) as u32).clamp(240, 360)
}

/// One figure of the curve fit: `<div class="figure"><dt>label</dt><dd>value</dd></div>`.
fn fit_figure(state: AppState, label: &str, testid: &str, f: fn(&Report) -> String) -> El {
    el("div").class("figure").child(el("dt").text(label)).child(
        el("dd")
            .testid(testid)
            .dyn_text(report_text(state.shown, f)),
    )
}

/// Model assumptions in words and the fitted VIX futures curve against its quotes.
pub fn assumptions_panel(state: AppState, dark: Signal<bool>) -> El {
    let (canvas, node) = chart_canvas("curve-chart");
    let width = observe_width(&node);
    let draw_error = RwSignal::new(None::<String>);
    // Quoted futures as (days from valuation, price): calendar arithmetic, not pricing.
    let quotes = Memo::new(move |_| {
        state.config.with(|c| {
            c.market
                .futures
                .iter()
                .map(|f| (c.market.valuation_date.days_until(f.expiry) as f64, f.price))
                .collect::<Vec<_>>()
        })
    });

    // Redraw only when what the chart shows changes, not on every new Report.
    let market = Memo::new(move |_| state.shown.with(|r| r.as_ref().map(|r| r.market.clone())));
    Effect::new(move |_| {
        let width = width.get();
        let theme = theme(dark.get());
        let q = quotes.get();
        market.with(|market| {
            let Some(market) = market else { return };
            let result = draw_on(&node, width, curve_height, &mut |area| {
                draw_futures_curve(area, market, &q, theme)
            });
            draw_error.set(result.err());
        });
    });

    // The statements as list items (read-only, so one markup string; the text escaped).
    let sentences = move || {
        state.shown.with(|r| {
            r.iter()
                .flat_map(|r| &r.assumptions)
                .map(|s| format!("<li>{}</li>", escape(s)))
                .collect::<String>()
        })
    };
    let warning = move || {
        state
            .shown
            .with(|r| r.as_ref().and_then(|r| r.market.curve_warning.clone()))
    };

    let fit = el("dl").class("curve-fit").children(vec![
        fit_figure(state, "κ (mean reversion)", "curve-kappa", |r| {
            format!("{} /yr", number(r.market.curve_kappa, 2))
        }),
        fit_figure(state, "θ (long-run level)", "curve-theta", |r| {
            format!("{} VIX pts", number(r.market.curve_theta, 2))
        }),
        fit_figure(state, "Fit error (RMSE)", "curve-rmse", |r| {
            format!("{} VIX pts", number(r.market.curve_rmse, 3))
        }),
    ]);
    let section = el("section")
        .class("panel assumptions")
        .attr("aria-labelledby", "assumptions-title")
        .testid("assumptions-panel")
        .html("<h2 id=\"assumptions-title\">Assumptions</h2>")
        .child(
            el("ul")
                .class("assumption-list")
                .testid("assumptions-list")
                .dyn_html(sentences),
        )
        .html("<h3>Fitted VIX futures curve</h3>")
        .child(fit)
        .show(
            move || warning().is_some(),
            move || {
                el("p")
                    .class("warning")
                    .attr("role", "status")
                    .testid("curve-warning")
                    .text("⚠ Poor fit: ")
                    .dyn_text(move || warning().unwrap_or_default())
            },
        )
        .child(
            el("div")
                .class("chart-wrap")
                .dyn_class("is-stale", move || state.stale.get())
                .child(canvas.attr(
                    "aria-label",
                    "Fitted VIX futures curve (line) against the quoted futures (dots), VIX \
                     points against days to expiry",
                )),
        );
    with_alert(section, "", draw_error)
}
