//! Risk at the chosen horizon (`Report.risk_at_horizon`, labelled with its date: PoP,
//! expected P/L, VaR and CVaR 95% for condor, hedge and combined), the
//! "stress (jumps)" toggle, and the hedge-efficiency table. Every figure comes from the Report;
//! losses carry a minus sign, never colour alone.

use super::fields::{NumberField, NumberKind};

use super::format::{dollars, levels, number, percent, signed_dollars};
use super::state::{has_report, panel_source, report_count, report_text, AppState, Source};
use crate::config::presets::with_stress_distribution;
use crate::engine::report::DistributionFigures;
use leptos::prelude::*;

/// One metric row: label, test id stem, and how to format it from a layer's figures.
type MetricRow = (
    &'static str,
    &'static str,
    fn(&DistributionFigures) -> String,
);

/// The rows of the risk table. VaR and CVaR are positive dollar losses, shown as such (the
/// Key figures use the same convention and label).
const METRICS: [MetricRow; 4] = [
    ("Probability of profit", "pop", |f| percent(f.pop, 1)),
    ("Expected P/L", "expected", |f| {
        signed_dollars(f.expected_pnl)
    }),
    ("VaR 95% (loss)", "var95", |f| dollars(f.var95)),
    ("CVaR 95% (loss, mean of the worst 5%)", "cvar95", |f| {
        dollars(f.cvar95)
    }),
];

/// Risk metrics at the editable risk horizon, the stress toggle and the hedge efficiency.
#[component]
pub fn RiskPanel(state: AppState) -> impl IntoView {
    let stressed = move || state.config.with(|c| c.view.jump_intensity > 0.0);
    let toggle_stress = move |on: bool| {
        state.config.update(|c| {
            if on {
                *c = with_stress_distribution(c);
            } else {
                c.view.jump_intensity = 0.0;
            }
        })
    };
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

    let has_risk = Memo::new(move |_| {
        state
            .shown
            .with(|r| r.as_deref().map(|r| r.risk_at_horizon.is_some()))
    });
    let table = move || {
        match has_risk.get() {
        None => ().into_any(),
        Some(false) => view! { <p class="note" data-testid="risk-unavailable">"No distribution figures for this horizon."</p> }.into_any(),
        Some(true) => risk_table(panel_source(state)).into_any(),
    }
    };

    view! {
        <section class="panel risk" aria-labelledby="risk-title" data-testid="risk-panel">
            <h2 id="risk-title">"Risk at a horizon"</h2>
            <div class="risk-controls">
                <NumberField state label="Risk horizon" unit="days" path="view.risk_horizon_days"
                    kind=NumberKind::Integer
                    get=|c| Some(c.view.risk_horizon_days as f64)
                    set=|c, v| if let Some(v) = v { c.view.risk_horizon_days = v as i64 } />
                <label class="toggle">
                    <input type="checkbox" data-testid="toggle-stress"
                        prop:checked=stressed
                        on:change=move |ev| toggle_stress(event_target_checked(&ev)) />
                    "Stress (jumps)"
                </label>
            </div>
            <p class="note" data-testid="risk-distribution">{distribution}</p>
            {table}
            <EfficiencyTable state />
        </section>
    }
}

/// The risk table; its cells follow the shown report.
fn risk_table(src: Source) -> impl IntoView {
    let rows = METRICS
        .iter()
        .map(|&(label, id, fmt)| {
            let cell = move |pick: fn(&crate::engine::report::RiskMetrics) -> DistributionFigures| {
                report_text(src, move |r| {
                    r.risk_at_horizon
                        .as_ref()
                        .map(|m| fmt(&pick(m)))
                        .unwrap_or_default()
                })
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="num" data-testid=format!("risk-{id}-condor")>{cell(|m| m.metrics.condor)}</td>
                    <td class="num" data-testid=format!("risk-{id}-hedge")>{cell(|m| m.metrics.hedge)}</td>
                    <td class="num" data-testid=format!("risk-{id}-combined")>{cell(|m| m.metrics.combined)}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = report_text(src, |r| {
        r.risk_at_horizon
            .as_ref()
            .map(|m| {
                if m.at_condor_expiry {
                    format!(
                        "At T+{} days ({}, the condor's expiry)",
                        m.horizon_days, m.date
                    )
                } else {
                    format!("At T+{} days ({})", m.horizon_days, m.date)
                }
            })
            .unwrap_or_default()
    });
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways)">
            <table class="data" data-testid="risk-table">
                <caption data-testid="risk-caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Metric"</th>
                        <th scope="col">"Condor"</th>
                        <th scope="col">"Hedge"</th>
                        <th scope="col">"Combined"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Hedge cost, where the hedge starts paying, and gap P/L with and without it.
#[component]
fn EfficiencyTable(state: AppState) -> impl IntoView {
    let src = panel_source(state);
    let gaps = report_count(src, |r| r.efficiency.gaps.len());
    let shown = has_report(src);
    let rows = move || {
        (0..gaps.get())
            .map(|i| {
                let cell = move |f: fn(&crate::engine::report::GapRow) -> String| {
                    report_text(src, move |r| r.efficiency.gaps.get(i).map(f).unwrap_or_default())
                };
                view! {
                    <tr data-testid=format!("gap-row-{i}")>
                        <th scope="row">{cell(|g| format!("{}%", number(g.move_pct, 0)))}</th>
                        <td class="num">{cell(|g| format!("T+{}", g.days))}</td>
                        <td class="num" data-testid=format!("gap-condor-{i}")>{cell(|g| signed_dollars(g.condor))}</td>
                        <td class="num" data-testid=format!("gap-combined-{i}")>{cell(|g| signed_dollars(g.combined))}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let body = move || {
        let cost = report_text(src, |r| {
            format!("{} of credit", percent(r.efficiency.cost_ratio, 1))
        });
        let pays = report_text(src, |r| match r.efficiency.pays_below {
            Some(level) => format!("Hedge alone pays below SPX {} (at T+5)", levels(&[level])),
            None => "Hedge alone does not pay down to −50% (at T+5)".to_string(),
        });
        view! {
            <dl class="eff-figures">
                <div class="figure">
                    <dt>"Hedge cost"</dt>
                    <dd data-testid="eff-cost-ratio">{cost}</dd>
                </div>
                <div class="figure">
                    <dt>"Protection"</dt>
                    <dd data-testid="eff-pays-below">{pays}</dd>
                </div>
            </dl>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways)">
                <table class="data" data-testid="gap-table">
                    <caption>"P/L after an SPX gap ($)"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"SPX gap"</th>
                            <th scope="col">"Day"</th>
                            <th scope="col">"Condor ($)"</th>
                            <th scope="col">"Condor + hedge ($)"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };
    view! {
        <div class="efficiency" data-testid="efficiency">
            <h3>"Hedge efficiency"</h3>
            <Show when=move || shown.get()>{body()}</Show>
        </div>
    }
}
