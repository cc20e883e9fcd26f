//! Risk at a horizon (PoP, expected P/L, VaR and CVaR 95% for condor, hedge and combined), the
//! "stress (jumps)" toggle, and the hedge-efficiency table. Every figure comes from the Report;
//! losses carry a minus sign, never colour alone.

use super::dom::{el, event_checked, El};
use super::fields::{number_field, Opts};
use super::format::{dollars, levels, number, percent, signed_dollars};
use super::state::{has_report, panel_source, report_count, report_text, AppState, Source};
use crate::config::presets::with_stress_distribution;
use crate::engine::report::{DistributionFigures, GapRow, Report, RiskMetrics};
use reactive_graph::prelude::*;

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
            2 => vec![el("div").class("table-scroll").child(risk_table(src))],
            _ => Vec::new(),
        })
        .child(efficiency(src))
}

/// The risk table, built once; each cell's text follows the shown report (an edit rewrites only
/// the texts that changed, not the table).
fn risk_table(src: Source) -> El {
    let rows = METRICS
        .iter()
        .map(|&(label, id, fmt)| {
            let cell = move |layer: &str, pick: fn(&RiskMetrics) -> DistributionFigures| {
                el("td")
                    .class("num")
                    .testid(&format!("risk-{id}-{layer}"))
                    .dyn_text(report_text(src, move |r| {
                        r.risk.as_ref().map(|m| fmt(&pick(m))).unwrap_or_default()
                    }))
            };
            el("tr")
                .child(el("th").attr("scope", "row").text(label))
                .child(cell("condor", |m| m.metrics.condor))
                .child(cell("hedge", |m| m.metrics.hedge))
                .child(cell("combined", |m| m.metrics.combined))
        })
        .collect();
    let caption = report_text(src, |r| {
        r.risk
            .as_ref()
            .map(|m| format!("At T+{} days", m.horizon_days))
            .unwrap_or_default()
    });
    el("table")
        .class("data")
        .testid("risk-table")
        .child(el("caption").dyn_text(caption))
        .html(
            "<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Condor</th>\
             <th scope=\"col\">Hedge</th><th scope=\"col\">Combined</th></tr></thead>",
        )
        .child(el("tbody").children(rows))
}

/// Row `i` of the gap table; its cells follow the shown report.
fn gap_row(src: Source, i: usize) -> El {
    let text = move |f: fn(&GapRow) -> String| {
        report_text(src, move |r| {
            r.efficiency.gaps.get(i).map(f).unwrap_or_default()
        })
    };
    let num = move |testid: &str, f: fn(&GapRow) -> String| {
        el("td").class("num").testid(testid).dyn_text(text(f))
    };
    el("tr")
        .testid(&format!("gap-row-{i}"))
        .child(
            el("th")
                .attr("scope", "row")
                .dyn_text(text(|g| format!("{}%", number(g.move_pct, 0)))),
        )
        .child(num("", |g| format!("T+{}", g.days)))
        .child(num(&format!("gap-condor-{i}"), |g| {
            signed_dollars(g.condor)
        }))
        .child(num(&format!("gap-combined-{i}"), |g| {
            signed_dollars(g.combined)
        }))
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
    let gaps = report_count(src, |r| r.efficiency.gaps.len());
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
            .child(el("tbody").each(move || gaps.get(), move |i| gap_row(src, i)));
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
