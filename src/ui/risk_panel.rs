//! Risk at a horizon (PoP, expected P/L, VaR and CVaR 95% for condor, hedge and combined), the
//! "stress (jumps)" toggle, and the hedge-efficiency table. Every figure comes from the Report;
//! losses carry a minus sign, never colour alone.

use super::dom::{el, event_checked, El};
use super::fields::{number_field, Opts};
use super::format::{dollars, levels, number, percent, signed_dollars};
use super::state::{has_report, panel_source, report_text, AppState, Source};
use crate::presets::with_stress_distribution;
use crate::report::{DistributionFigures, Report};
use reactive_graph::prelude::*;
use std::fmt::Write;

/// One metric row: label, test id stem, and how to format it from a layer's figures.
type MetricRow = (
    &'static str,
    &'static str,
    fn(&DistributionFigures) -> String,
);

/// The rows of the risk table. VaR and CVaR are reported as positive losses; they are shown
/// as losses, with a minus sign.
const METRICS: [MetricRow; 4] = [
    ("Probability of profit", "pop", |f| percent(f.pop, 1)),
    ("Expected P/L", "expected", |f| {
        signed_dollars(f.expected_pnl)
    }),
    ("VaR 95% (loss)", "var95", |f| dollars(-f.var95)),
    ("CVaR 95% (mean loss in worst 5%)", "cvar95", |f| {
        dollars(-f.cvar95)
    }),
];

/// Risk metrics at the editable risk horizon, the stress toggle and the hedge efficiency.
pub fn risk_panel(state: AppState) -> El {
    let src = panel_source(state);
    let distribution = move || {
        state.config.with(|c| {
            if c.view.jump_intensity > 0.0 {
                format!(
                    "Merton jumps: {} a year, mean log jump {}, jump vol {}",
                    number(c.view.jump_intensity, 2),
                    percent(c.view.jump_mean, 1),
                    percent(c.view.jump_vol, 1)
                )
            } else {
                "Lognormal at the ATM implied vol (no jumps)".to_string()
            }
        })
    };
    let horizon = number_field(
        state,
        "Risk horizon",
        "days",
        "view.risk_horizon_days",
        |c| Some(c.view.risk_horizon_days as f64),
        |c, v| {
            if let Some(v) = v {
                c.view.risk_horizon_days = v as i64
            }
        },
        Opts {
            integer: true,
            ..Opts::default()
        },
    );
    let stress = el("input")
        .attr("type", "checkbox")
        .testid("toggle-stress")
        .dyn_prop_flag("checked", move || {
            state.config.with(|c| c.view.jump_intensity > 0.0)
        })
        .on("change", move |ev| {
            let on = event_checked(&ev);
            state.config.update(|c| {
                if on {
                    *c = with_stress_distribution(c);
                } else {
                    c.view.jump_intensity = 0.0;
                }
            })
        });
    // 0: no report, 1: a report without distribution figures, 2: with them.
    let has_risk = move || {
        state.shown.with(|r| {
            r.as_deref()
                .map_or(0, |r| 1 + usize::from(r.risk.is_some()))
        })
    };
    el("section")
        .class("panel risk")
        .attr("aria-labelledby", "risk-title")
        .testid("risk-panel")
        .html("<h2 id=\"risk-title\">Risk at a horizon</h2>")
        .child(
            el("div").class("risk-controls").child(horizon).child(
                el("label")
                    .class("toggle")
                    .child(stress)
                    .text("Stress (jumps)"),
            ),
        )
        .child(
            el("p")
                .class("note")
                .testid("risk-distribution")
                .dyn_text(distribution),
        )
        .region(has_risk, move |k| match k {
            1 => vec![el("p")
                .class("note")
                .testid("risk-unavailable")
                .text("No distribution figures for this horizon.")],
            2 => vec![el("div").class("table-scroll").child(
                el("table")
                    .class("data")
                    .testid("risk-table")
                    .dyn_html(report_text(src, risk_table_html)),
            )],
            _ => Vec::new(),
        })
        .child(efficiency(src))
}

/// The risk table's markup (static labels and formatted numbers, nothing to escape).
fn risk_table_html(r: &Report) -> String {
    let Some(m) = r.risk.as_ref() else {
        return String::new();
    };
    let mut html = format!(
        "<caption>At T+{} days</caption><thead><tr><th scope=\"col\">Metric</th>\
         <th scope=\"col\">Condor</th><th scope=\"col\">Hedge</th>\
         <th scope=\"col\">Combined</th></tr></thead><tbody>",
        m.horizon_days
    );
    for (label, id, fmt) in METRICS {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{label}</th>\
             <td class=\"num\" data-testid=\"risk-{id}-condor\">{}</td>\
             <td class=\"num\" data-testid=\"risk-{id}-hedge\">{}</td>\
             <td class=\"num\" data-testid=\"risk-{id}-combined\">{}</td></tr>",
            fmt(&m.metrics.condor),
            fmt(&m.metrics.hedge),
            fmt(&m.metrics.combined)
        );
    }
    html.push_str("</tbody>");
    html
}

/// The gap table's rows (formatted numbers, nothing to escape).
fn gap_rows_html(r: &Report) -> String {
    let mut html = String::new();
    for (i, g) in r.efficiency.gaps.iter().enumerate() {
        let _ = write!(
            html,
            "<tr data-testid=\"gap-row-{i}\"><th scope=\"row\">{}%</th>\
             <td class=\"num\">T+{}</td>\
             <td class=\"num\" data-testid=\"gap-condor-{i}\">{}</td>\
             <td class=\"num\" data-testid=\"gap-combined-{i}\">{}</td></tr>",
            number(g.move_pct, 0),
            g.days,
            signed_dollars(g.condor),
            signed_dollars(g.combined)
        );
    }
    html
}

/// One figure of the efficiency block.
fn eff_figure(src: Source, label: &str, testid: &str, f: fn(&Report) -> String) -> El {
    el("div")
        .class("figure")
        .child(el("dt").text(label))
        .child(el("dd").testid(testid).dyn_text(report_text(src, f)))
}

/// Hedge cost, where the hedge starts paying, and gap P/L with and without it.
fn efficiency(src: Source) -> El {
    let shown = has_report(src);
    let body = move || {
        let figures =
            el("dl")
                .class("eff-figures")
                .child(eff_figure(src, "Hedge cost", "eff-cost-ratio", |r| {
                    format!("{} of credit", percent(r.efficiency.cost_ratio, 1))
                }))
                .child(eff_figure(src, "Protection", "eff-pays-below", |r| match r
                    .efficiency
                    .pays_below
                {
                    Some(level) => {
                        format!("Hedge alone pays below SPX {} (at T+5)", levels(&[level]))
                    }
                    None => "Hedge alone does not pay down to −50% (at T+5)".to_string(),
                }));
        let table = el("table")
            .class("data")
            .testid("gap-table")
            .html(
                "<caption>P/L after an SPX gap ($)</caption><thead><tr>\
                 <th scope=\"col\">SPX gap</th><th scope=\"col\">Day</th>\
                 <th scope=\"col\">Condor ($)</th><th scope=\"col\">Condor + hedge ($)</th>\
                 </tr></thead>",
            )
            .child(el("tbody").dyn_html(report_text(src, gap_rows_html)));
        vec![figures, el("div").class("table-scroll").child(table)]
    };
    el("div")
        .class("efficiency")
        .testid("efficiency")
        .html("<h3>Hedge efficiency</h3>")
        .region(
            move || usize::from(shown.get()),
            move |k| if k == 1 { body() } else { Vec::new() },
        )
}
