//! Headline figures, the per-horizon break-even table and the Greeks table. Every number is
//! read from the shown Report and only formatted here.

use super::dom::{el, El};
use super::format::{dollars, levels, number, percent, signed_dollars};
use super::state::{has_report, panel_source, report_count, report_text, AppState, Source};
use crate::engine::report::{
    CurveFigures, DistributionFigures, HorizonCurve, PositionGreeks, Report,
};
use reactive_graph::traits::{Get, With};

/// One headline figure with a test id.
fn figure(label: &str, testid: &str, value: impl Fn() -> String + 'static) -> El {
    el("div")
        .class("figure")
        .child(el("dt").text(label))
        .child(el("dd").testid(testid).dyn_text(value))
}

/// A headline figure with a note under it.
fn noted_figure(
    label: &str,
    testid: &str,
    value: impl Fn() -> String + 'static,
    note: impl Fn() -> String + 'static,
) -> El {
    figure(label, testid, value).child(el("dd").class("figure-note").dyn_text(note))
}

/// The curve of the condor's expiry (or the last horizon when no expiry curve is drawn).
fn expiry_figures(report: &Report) -> crate::engine::report::Layered<CurveFigures> {
    report
        .curves
        .horizons
        .iter()
        .find(|h| h.is_expiry)
        .or_else(|| report.curves.horizons.last())
        .map(|h| h.figures.clone())
        .unwrap_or_default()
}

/// "at T+n d" for the risk figures.
fn risk_horizon(r: &Report) -> String {
    r.risk
        .as_ref()
        .map(|m| format!("at T+{}d", m.horizon_days))
        .unwrap_or_default()
}

/// The condor's distribution figures, if any.
fn condor_risk(r: &Report) -> Option<DistributionFigures> {
    r.risk.as_ref().map(|m| m.metrics.condor)
}

/// The combined position's distribution figures, if any.
fn combined_risk(r: &Report) -> Option<DistributionFigures> {
    r.risk.as_ref().map(|m| m.metrics.combined)
}

/// PoP of one layer's distribution figures, or a dash.
fn pop(f: Option<DistributionFigures>) -> String {
    f.map(|f| percent(f.pop, 1)).unwrap_or_else(|| "—".into())
}

/// CVaR with VaR of one layer, or a dash.
fn cvar(f: Option<DistributionFigures>) -> String {
    f.map(|f| format!("{} (VaR {})", dollars(f.cvar95), dollars(f.var95)))
        .unwrap_or_else(|| "—".into())
}

/// The condor's and the combined position's headline figures.
fn strip(src: Source) -> El {
    let t = move |f: fn(&Report) -> String| report_text(src, f);
    let condor = el("dl").children(vec![
        noted_figure(
            "Credit",
            "fig-credit",
            t(|r| dollars(r.summary.credit_dollars)),
            t(|r| format!("{} pts each", number(r.summary.credit_points, 2))),
        ),
        figure(
            "Defined risk",
            "fig-defined-risk",
            t(|r| dollars(r.summary.defined_risk_dollars)),
        ),
        figure(
            "Break-evens at expiry",
            "fig-condor-break-evens",
            t(|r| levels(&expiry_figures(r).condor.break_evens)),
        ),
        figure(
            "Max profit in range",
            "fig-condor-max-profit",
            t(|r| signed_dollars(expiry_figures(r).condor.max_profit)),
        ),
        figure(
            "Max loss in range",
            "fig-condor-max-loss",
            t(|r| signed_dollars(expiry_figures(r).condor.max_loss)),
        ),
        noted_figure(
            "Probability of profit",
            "fig-condor-pop",
            t(|r| pop(condor_risk(r))),
            t(risk_horizon),
        ),
        noted_figure(
            "95% CVaR (loss)",
            "fig-condor-cvar",
            t(|r| cvar(condor_risk(r))),
            t(risk_horizon),
        ),
    ]);
    let combined = el("dl").children(vec![
        noted_figure(
            "Hedge cost",
            "fig-hedge-cost",
            t(|r| dollars(r.summary.hedge_cost_dollars)),
            t(|r| format!("{} of credit", percent(r.summary.hedge_cost_ratio, 1))),
        ),
        figure(
            "Break-evens at expiry",
            "fig-combined-break-evens",
            t(|r| levels(&expiry_figures(r).combined.break_evens)),
        ),
        figure(
            "Max profit in range",
            "fig-combined-max-profit",
            t(|r| signed_dollars(expiry_figures(r).combined.max_profit)),
        ),
        figure(
            "Max loss in range",
            "fig-combined-max-loss",
            t(|r| signed_dollars(expiry_figures(r).combined.max_loss)),
        ),
        noted_figure(
            "Probability of profit",
            "fig-combined-pop",
            t(|r| pop(combined_risk(r))),
            t(risk_horizon),
        ),
        noted_figure(
            "95% CVaR (loss)",
            "fig-combined-cvar",
            t(|r| cvar(combined_risk(r))),
            t(risk_horizon),
        ),
        noted_figure(
            "Scenario $ delta",
            "fig-scenario-delta",
            t(|r| signed_dollars(r.scenario_delta_dollars)),
            || "slope of T+0 curve incl. VIX response".to_string(),
        ),
        noted_figure(
            "Combined vega",
            "fig-combined-vega",
            t(|r| format!("{} /vol pt", signed_dollars(r.combined_vega_per_point))),
            t(|r| {
                format!(
                    "hedge {} per VIX pt",
                    signed_dollars(r.hedge_vega_per_vix_point)
                )
            }),
        ),
    ]);
    el("div")
        .class("strip")
        .child(
            el("div")
                .class("figures condor")
                .testid("figures-condor")
                .html("<h3>Condor</h3>")
                .child(condor),
        )
        .child(
            el("div")
                .class("figures combined")
                .testid("figures-combined")
                .html("<h3>Condor + hedge</h3>")
                .child(combined),
        )
}

/// Headline figures for the condor and the combined position.
pub fn figures_strip(state: AppState) -> El {
    let src = panel_source(state);
    let shown = has_report(src);
    el("section")
        .class("panel")
        .attr("aria-labelledby", "figures-title")
        .html("<h2 id=\"figures-title\">Key figures</h2><p class=\"note\">Model values under the linked SPX–VIX scenario; see the <a href=\"#assumptions\">assumptions</a>.</p>")
        .show(move || shown.get(), move || strip(src))
}

/// Break-evens and extremes of every drawn horizon.
pub fn horizon_table(state: AppState) -> El {
    let src = panel_source(state);
    let count = report_count(src, |r| r.curves.horizons.len());
    let row = move |i: usize| {
        let cell = move |class: &str, f: fn(&HorizonCurve) -> String| {
            el("td").class(class).dyn_text(report_text(src, move |r| {
                r.curves.horizons.get(i).map(f).unwrap_or_default()
            }))
        };
        el("tr").testid(&format!("horizon-row-{i}")).children(vec![
            el("th")
                .attr("scope", "row")
                .dyn_text(report_text(src, move |r| {
                    r.curves
                        .horizons
                        .get(i)
                        .map(|h| h.label.clone())
                        .unwrap_or_default()
                })),
            cell("", |h| levels(&h.figures.condor.break_evens)),
            cell("num", |h| signed_dollars(h.figures.condor.max_profit)),
            cell("num", |h| signed_dollars(h.figures.condor.max_loss)),
            cell("", |h| levels(&h.figures.combined.break_evens)),
            cell("num", |h| signed_dollars(h.figures.combined.max_profit)),
            cell("num", |h| signed_dollars(h.figures.combined.max_loss)),
        ])
    };
    let table = el("table").class("data").testid("horizon-table")
        .html("<thead><tr><th scope=\"col\" rowspan=\"2\">Horizon</th><th scope=\"colgroup\" colspan=\"3\">Condor</th><th scope=\"colgroup\" colspan=\"3\">Combined</th></tr>\
<tr><th scope=\"col\">Break-evens (SPX pts)</th><th scope=\"col\">Max profit ($)</th><th scope=\"col\">Max loss ($)</th>\
<th scope=\"col\">Break-evens (SPX pts)</th><th scope=\"col\">Max profit ($)</th><th scope=\"col\">Max loss ($)</th></tr></thead>")
        .child(el("tbody").each(move || count.get(), row));
    el("section")
        .class("panel")
        .attr("aria-labelledby", "horizons-title")
        .html("<h2 id=\"horizons-title\">Break-evens and extremes per horizon</h2>")
        .child(el("div").class("table-scroll").child(table))
}

/// Appends the five Greek cells of the `pick`ed Greeks of the shown report to a row.
fn greek_cells(
    row: El,
    src: Source,
    pick: impl Fn(&Report) -> Option<PositionGreeks> + Copy + Send + Sync + 'static,
) -> El {
    let cell = move |f: fn(&PositionGreeks) -> f64| {
        el("td").class("num").dyn_text(report_text(src, move |r| {
            pick(r).map(|g| signed_dollars(f(&g))).unwrap_or_default()
        }))
    };
    row.children(vec![
        cell(|g| g.delta_dollars),
        cell(|g| g.gamma_dollars_per_pct),
        cell(|g| g.vega_per_point),
        cell(|g| g.theta_per_day),
        cell(|g| g.rho_per_pct),
    ])
}

/// Greeks per leg, per layer and combined, in trader units.
pub fn greeks_table(state: AppState) -> El {
    let src = panel_source(state);
    let legs = report_count(src, |r| r.legs.len());
    let shown = has_report(src);
    let leg_row = move |i: usize| {
        let text = move |f: fn(&crate::engine::report::LegReport) -> String| {
            report_text(src, move |r| r.legs.get(i).map(f).unwrap_or_default())
        };
        let cell = move |f| el("td").class("num").dyn_text(text(f));
        let row = el("tr").testid(&format!("greeks-leg-{i}")).children(vec![
            el("th")
                .attr("scope", "row")
                .dyn_text(text(|l| l.label.clone())),
            cell(|l| l.qty.to_string()),
            cell(|l| number(l.entry_price, 2)),
            cell(|l| {
                if l.vol > 0.0 {
                    percent(l.vol, 1)
                } else {
                    "—".into()
                }
            }),
        ]);
        greek_cells(row, src, move |r| r.legs.get(i).map(|l| l.greeks))
    };
    let total = move |testid: &str, label: &str, pick: fn(&Report) -> Option<PositionGreeks>| {
        let row = el("tr").testid(testid).html(&format!(
            "<th scope=\"row\">{label}</th><td></td><td></td><td></td>"
        ));
        greek_cells(row, src, pick)
    };
    let footnote = move || {
        state.shown.with(|shown| {
            shown.as_ref().map(|r| {
                format!(
                    "Scenario $ delta (slope of the T+0 combined curve, VIX and IV moving with SPX): {}. \
                     Combined vega {} per vol point = SPX legs {} + hedge {} per VIX point.",
                    signed_dollars(r.scenario_delta_dollars),
                    signed_dollars(r.combined_vega_per_point),
                    signed_dollars(r.greeks.condor.vega_per_point),
                    signed_dollars(r.hedge_vega_per_vix_point),
                )
            }).unwrap_or_default()
        })
    };
    let table = el("table").class("data").testid("greeks-table")
        .html("<thead><tr><th scope=\"col\">Leg</th><th scope=\"col\">Qty</th><th scope=\"col\">Entry (pts)</th>\
<th scope=\"col\">IV</th><th scope=\"col\">$ delta</th><th scope=\"col\">$ gamma per 1%</th>\
<th scope=\"col\">Vega ($/vol pt)</th><th scope=\"col\">Theta ($/day)</th><th scope=\"col\">Rho ($/1% rate)</th></tr></thead>")
        .child(el("tbody").each(move || legs.get(), leg_row))
        .show(move || shown.get(), move || el("tbody").class("totals").children(vec![
            total("greeks-condor", "Condor", |r| Some(r.greeks.condor)),
            total("greeks-hedge", "Hedge", |r| Some(r.greeks.hedge)),
            total("greeks-combined", "Combined", |r| Some(r.greeks.combined)),
        ]));
    el("section")
        .class("panel")
        .attr("aria-labelledby", "greeks-title")
        .html("<h2 id=\"greeks-title\">Greeks</h2>")
        .child(el("div").class("table-scroll").child(table))
        .child(
            el("p")
                .class("note")
                .testid("scenario-delta-note")
                .dyn_text(footnote),
        )
}
