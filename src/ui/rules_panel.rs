//! The ALVH rules panel (spec §6, §11): one expandable chip per rule R1-R16, the regime with
//! its override, the sizing recommendation with Apply/Undo, the ratio table and the two-key
//! review (R16). Every number comes from `report.rules`; this module computes nothing.

use super::dom::{el, event_value, El};
use super::fields::{remove_button, select_field, Opts};
use super::format::{dollars, escape, levels, number, percent};
use super::state::AppState;
use crate::config::{HedgeConfig, ReviewSignature, SizingInstrument};
use crate::indicators::Regime;
use crate::rules::{
    CalendarRecommendation, RuleVerdict, RulesReport, SizingRecommendation, Verdict,
};
use reactive_graph::computed::Memo;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;

/// Word, icon and CSS class of a verdict: the icon's shape and the word carry the meaning, so
/// colour is never the only cue.
fn verdict_look(v: Verdict) -> (&'static str, &'static str, &'static str) {
    match v {
        Verdict::Pass => ("pass", "✓", "v-pass"),
        Verdict::Warn => ("warn", "▲", "v-warn"),
        Verdict::Fail => ("fail", "✖", "v-fail"),
        Verdict::Info => ("info", "ℹ", "v-info"),
    }
}

/// Display name of the recommended instrument.
fn instrument_name(i: SizingInstrument) -> &'static str {
    match i {
        SizingInstrument::CallSpread => "VIX call spread",
        SizingInstrument::Vx => "VX future",
        SizingInstrument::Vxm => "VXM mini future",
    }
}

/// The rules part of the shown report (empty before the first valid report).
type Rules = Memo<Option<RulesReport>>;

/// The whole panel, placed under the Greeks table.
pub fn rules_panel(state: AppState) -> El {
    let rules: Rules =
        Memo::new(move |_| state.shown.with(|r| r.as_ref().map(|r| r.rules.clone())));
    // The hedge in force before the last Apply, for Undo.
    let previous = RwSignal::new(None::<HedgeConfig>);
    el("section")
        .class("panel rules")
        .attr("aria-labelledby", "rules-title")
        .testid("rules-panel")
        .html(
            "<h2 id=\"rules-title\">ALVH rules R1–R16</h2><p class=\"note\">Each rule shows its \
             verdict by word and symbol (✓ pass, ▲ warn, ✖ fail, ℹ info); open a rule for its \
             inputs and reasoning.</p>",
        )
        .child(rule_chips(rules))
        .child(regime_block(state, rules))
        .child(sizing_block(state, rules, previous))
        .child(ratio_table(rules))
        .child(review_block(state, rules))
}

/// One `<details>` per rule, kept across updates so an opened rule stays open.
fn rule_chips(rules: Rules) -> El {
    let count = move || rules.with(|r| r.as_ref().map_or(0, |r| r.verdicts.len()));
    el("ul")
        .class("rule-chips")
        .testid("rule-chips")
        .each(count, move |i| {
            rule_chip(Memo::new(move |_| {
                rules.with(|r| r.as_ref().and_then(|r| r.verdicts.get(i).cloned()))
            }))
        })
}

fn rule_chip(verdict: Memo<Option<RuleVerdict>>) -> El {
    let get = move |f: fn(&RuleVerdict) -> String| {
        move || verdict.with(|v| v.as_ref().map(f).unwrap_or_default())
    };
    let look =
        move || verdict.with(|v| verdict_look(v.as_ref().map_or(Verdict::Info, |v| v.verdict)));
    let id = verdict.with_untracked(|v| v.as_ref().map(|v| v.id.clone()).unwrap_or_default());
    let inputs = move || {
        verdict.with(|v| {
            let mut html = String::new();
            for (k, val) in v.iter().flat_map(|v| &v.inputs) {
                html.push_str(&format!("<dt>{}</dt><dd>{}</dd>", escape(k), escape(val)));
            }
            html
        })
    };
    let summary = el("summary")
        .child(
            el("span")
                .class("rule-icon")
                .attr("aria-hidden", "true")
                .dyn_text(move || look().1.to_string()),
        )
        .child(el("span").class("rule-id").dyn_text(get(|v| v.id.clone())))
        .child(
            el("span")
                .class("rule-title")
                .dyn_text(get(|v| v.title.clone())),
        )
        .child(
            el("span")
                .class("rule-verdict")
                .testid(&format!("rule-{id}-verdict"))
                .dyn_text(move || look().0.to_string()),
        )
        .child(
            el("span")
                .class("rule-figure")
                .testid(&format!("rule-{id}-figure"))
                .dyn_text(get(|v| v.figure.clone())),
        );
    let body = el("div")
        .class("rule-body")
        .child(
            el("p")
                .class("rule-sentence")
                .testid(&format!("rule-{id}-sentence"))
                .dyn_text(get(|v| v.sentence.clone())),
        )
        .child(el("dl").class("rule-inputs").dyn_html(inputs));
    el("li")
        .dyn_attr("class", move || Some(format!("rule {}", look().2)))
        .testid(&format!("rule-{id}"))
        .dyn_attr("data-verdict", move || Some(look().0.to_string()))
        .child(el("details").child(summary).child(body))
}

const REGIME_CHOICES: [(Option<Regime>, &str); 4] = [
    (None, "Computed by R2"),
    (Some(Regime::Bullish), "Bullish (override)"),
    (Some(Regime::Neutral), "Neutral (override)"),
    (Some(Regime::Bearish), "Bearish (override)"),
];

fn regime_block(state: AppState, rules: Rules) -> El {
    let regime = move || {
        rules.with(|r| {
            r.as_ref()
                .map(|r| r.regime.regime.word().to_string())
                .unwrap_or_default()
        })
    };
    let reason = move || {
        rules.with(|r| {
            r.as_ref()
                .map(|r| {
                    if r.regime.overridden {
                        format!(
                            "Overridden; the rule alone gives {}: {}.",
                            r.regime.computed.word(),
                            r.regime.reason
                        )
                    } else {
                        format!("{}.", r.regime.reason)
                    }
                })
                .unwrap_or_default()
        })
    };
    el("div")
        .class("rules-sub regime")
        .testid("regime")
        .html("<h3>Regime (R2)</h3>")
        .child(
            el("p")
                .child(
                    el("strong")
                        .class("regime-word")
                        .testid("regime-word")
                        .dyn_text(regime),
                )
                .text(" — ")
                .child(el("span").testid("regime-reason").dyn_text(reason)),
        )
        .child(select_field(
            state,
            "Regime used for the cap",
            "indicators.regime_override",
            REGIME_CHOICES.to_vec(),
            |c| Some(c.indicators.regime_override),
            |c, v| c.indicators.regime_override = v,
            Opts::default(),
        ))
}

fn sizing_block(state: AppState, rules: Rules, previous: RwSignal<Option<HedgeConfig>>) -> El {
    let sizing = Memo::new(move |_| rules.with(|r| r.as_ref().and_then(|r| r.sizing.clone())));
    let calendar = Memo::new(move |_| rules.with(|r| r.as_ref().and_then(|r| r.calendar.clone())));
    let apply = move |hedge: HedgeConfig| {
        let current = state.config.with_untracked(|c| c.hedge.clone());
        if current != hedge {
            previous.set(Some(current));
            state.config.update(|c| c.hedge = hedge);
        }
    };
    let stale = state.stale;
    let field = move |f: fn(&SizingRecommendation) -> String| {
        move || sizing.with(|s| s.as_ref().map(f).unwrap_or_else(|| "—".into()))
    };
    let cal_field = move |f: fn(&CalendarRecommendation) -> String| {
        move || calendar.with(|s| s.as_ref().map(f).unwrap_or_else(|| "—".into()))
    };
    let recommendation = move || {
        let item = |label: &str, testid: &str, f: fn(&SizingRecommendation) -> String| {
            vec![
                el("dt").text(label),
                el("dd").testid(testid).dyn_text(field(f)),
            ]
        };
        let grid = el("dl").class("sizing-grid").children(
            [
                item("Instrument", "sizing-instrument", |s| {
                    instrument_name(s.instrument).to_string()
                }),
                item("Expiry", "sizing-expiry", |s| {
                    format!("{} ({} days)", s.expiry, s.days)
                }),
                item("Future F", "sizing-future", |s| {
                    format!(
                        "{} VIX pts (fitted {})",
                        number(s.future, 2),
                        number(s.future_fitted, 2)
                    )
                }),
                item("Strikes", "sizing-strikes", |s| {
                    if s.strikes.is_empty() {
                        "— (futures)".into()
                    } else {
                        levels(&s.strikes)
                    }
                }),
                item("Ratio", "sizing-ratio", |s| {
                    format!(
                        "{} of N (R3 {}{})",
                        percent(s.ratio, 0),
                        percent(s.ratio_r3, 0),
                        s.ratio_cap
                            .map(|c| format!(", cap {}", percent(c, 0)))
                            .unwrap_or_default()
                    )
                }),
                item("Condor notional N", "sizing-condor-notional", |s| {
                    dollars(s.condor_notional)
                }),
                item("Hedge notional H", "sizing-notional", |s| {
                    dollars(s.hedge_notional)
                }),
                item("Quantity", "sizing-quantity", |s| {
                    if s.quantity == s.rules_quantity {
                        s.quantity.to_string()
                    } else {
                        format!("{} (rules alone: {})", s.quantity, s.rules_quantity)
                    }
                }),
            ]
            .into_iter()
            .flatten()
            .collect(),
        );
        vec![
            grid,
            el("p")
                .class("note")
                .testid("sizing-note")
                .dyn_text(field(|s| s.note.clone())),
        ]
    };
    let none = move || {
        let r5_sentence = move || {
            rules.with(|r| {
                r.as_ref()
                    .and_then(|r| r.verdict("R5"))
                    .map(|v| v.sentence.clone())
                    .unwrap_or_default()
            })
        };
        vec![el("p")
            .class("note")
            .testid("sizing-none")
            .dyn_text(r5_sentence)]
    };
    let actions = el("div")
        .class("actions")
        .child(
            el("button")
                .attr("type", "button")
                .class("primary")
                .testid("sizing-apply")
                .dyn_flag("disabled", move || {
                    stale.get() || sizing.with(|s| s.is_none())
                })
                .on("click", move |_| {
                    if let Some(s) = sizing.get_untracked() {
                        apply(s.hedge)
                    }
                })
                .text("Apply to hedge"),
        )
        .child(
            el("button")
                .attr("type", "button")
                .class("secondary")
                .testid("sizing-undo")
                .dyn_flag("disabled", move || previous.with(|p| p.is_none()))
                .on("click", move |_| {
                    if let Some(h) = previous.get_untracked() {
                        state.config.update(|c| c.hedge = h);
                        previous.set(None);
                    }
                })
                .text("Undo"),
        );
    let calendar_alt = move || {
        el("div")
            .class("calendar-alt")
            .testid("calendar-alt")
            .html("<h4>Calendar alternative (R6)</h4>")
            .child(
                el("p")
                    .child(
                        el("span")
                            .testid("calendar-summary")
                            .dyn_text(cal_field(|c| {
                                format!(
                            "{} × long VIX {} call calendar: sell {}, buy {}; {} each, budget {}.",
                            c.quantity,
                            number(c.strike, 0),
                            c.near_expiry,
                            c.far_expiry,
                            dollars(c.debit_each),
                            dollars(c.budget)
                        )
                            })),
                    )
                    .text(" ")
                    .child(
                        el("button")
                            .attr("type", "button")
                            .class("secondary")
                            .testid("calendar-apply")
                            .dyn_flag("disabled", move || stale.get())
                            .on("click", move |_| {
                                if let Some(c) = calendar.get_untracked() {
                                    apply(c.hedge)
                                }
                            })
                            .text("Apply calendar"),
                    ),
            )
    };
    el("div")
        .class("rules-sub sizing")
        .testid("sizing")
        .html("<h3>Sizing recommendation (R3–R5)</h3>")
        .region(
            move || usize::from(sizing.with(|s| s.is_some())),
            move |k| if k == 1 { recommendation() } else { none() },
        )
        .child(actions)
        .show(move || calendar.with(|c| c.is_some()), calendar_alt)
}

/// The ratio table's markup (static text and numbers from the report, all escaped).
fn ratio_table_html(rules: &Option<RulesReport>) -> String {
    let Some(t) = rules.as_ref().map(|r| &r.ratio_table) else {
        return String::new();
    };
    let reg = t.regime;
    let head = |r: Regime, label: &str| {
        if reg == r {
            format!("<th scope=\"col\" class=\"in-force\">{label} (in force)</th>")
        } else {
            format!("<th scope=\"col\">{label}</th>")
        }
    };
    let mut html = format!(
        "<thead><tr><th scope=\"col\">S&amp;P 500 P/CF</th><th scope=\"col\">R3</th>{}{}{}</tr></thead><tbody>",
        head(Regime::Bullish, "Bullish"),
        head(Regime::Neutral, "Neutral"),
        head(Regime::Bearish, "Bearish")
    );
    for (i, row) in t.rows.iter().enumerate() {
        let cell = |r: Regime, v: f64| {
            let here = row.current && reg == r;
            let class = match (reg == r, here) {
                (true, true) => " class=\"in-force here\"",
                (true, false) => " class=\"in-force\"",
                _ => "",
            };
            format!(
                "<td{class}>{}{}</td>",
                percent(v, 0),
                if here { " ◀" } else { "" }
            )
        };
        html.push_str(&format!(
            "<tr{} data-testid=\"ratio-row-{i}\" data-current=\"{}\"><th scope=\"row\">{}{}</th><td>{}</td>{}{}{}</tr>",
            if row.current { " class=\"current\"" } else { "" },
            row.current,
            escape(&row.pcf_band),
            if row.current { " (current)" } else { "" },
            percent(row.r3_ratio, 0),
            cell(Regime::Bullish, row.bullish),
            cell(Regime::Neutral, row.neutral),
            cell(Regime::Bearish, row.bearish),
        ));
    }
    html.push_str("</tbody>");
    html
}

fn ratio_table(rules: Rules) -> El {
    el("div")
        .class("rules-sub ratio")
        .testid("ratio-table")
        .html("<h3>Layer ratio by P/CF and regime (of N)</h3>")
        .child(
            el("div").class("table-scroll").child(
                el("table")
                    .class("mini ratio-table")
                    .dyn_html(move || rules.with(ratio_table_html)),
            ),
        )
}

fn review_block(state: AppState, rules: Rules) -> El {
    let initials = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let fingerprint = move || {
        state.shown.with(|r| {
            r.as_ref()
                .map(|r| r.fingerprint.clone())
                .unwrap_or_default()
        })
    };
    let sign = move || {
        let typed = initials.get_untracked().trim().to_string();
        if typed.is_empty() {
            message.set(Some("Type your initials first".into()));
            return;
        }
        if typed.chars().count() > 8 {
            message.set(Some("Initials: at most 8 characters".into()));
            return;
        }
        // Sign only what evaluates now: a stale report's fingerprint is not what is on screen.
        let current = state
            .evaluation
            .with_untracked(|r| r.as_ref().ok().map(|r| r.fingerprint.clone()));
        match current {
            Some(fp) => {
                message.set(None);
                state.config.update(|c| {
                    c.review.push(ReviewSignature {
                        initials: typed,
                        fingerprint: fp,
                    })
                });
                initials.set(String::new());
            }
            None => message.set(Some("Fix the invalid fields before signing".into())),
        }
    };
    let count = move || rules.with(|r| r.as_ref().map_or(0, |r| r.signatures.len()));
    let signature = move |i: usize| {
        let sig = move |f: fn(&crate::rules::SignatureStatus) -> String| {
            move || {
                rules.with(|r| {
                    r.as_ref()
                        .and_then(|r| r.signatures.get(i))
                        .map(f)
                        .unwrap_or_default()
                })
            }
        };
        let valid = move || {
            rules.with(|r| {
                r.as_ref()
                    .and_then(|r| r.signatures.get(i))
                    .is_some_and(|s| s.valid)
            })
        };
        el("li")
            .testid(&format!("signature-{i}"))
            .dyn_class("valid", valid)
            .dyn_class("invalid", move || !valid())
            .dyn_attr("data-valid", move || Some(valid().to_string()))
            .child(
                el("span")
                    .attr("aria-hidden", "true")
                    .class("sig-icon")
                    .dyn_text(move || if valid() { "✓" } else { "✖" }.to_string()),
            )
            .child(el("strong").dyn_text(sig(|s| s.initials.clone())))
            .text(" signed ")
            .child(el("code").dyn_text(sig(|s| s.fingerprint.clone())))
            .text(" — ")
            .child(
                el("span")
                    .testid(&format!("signature-{i}-status"))
                    .dyn_text(move || {
                        if valid() {
                            "valid"
                        } else {
                            "invalid: inputs changed since signing"
                        }
                        .to_string()
                    }),
            )
            .child(remove_button(
                state,
                (
                    &format!("Remove signature {}", i + 1),
                    &format!("signature-{i}-remove"),
                ),
                i,
                |c| &mut c.review,
            ))
    };
    let form = el("form")
        .class("sign-form")
        .on("submit", move |ev| {
            ev.prevent_default();
            sign()
        })
        .html("<label for=\"review-initials\">Initials</label>")
        .child(
            el("input")
                .id("review-initials")
                .attr("type", "text")
                .attr("autocomplete", "off")
                .attr("maxlength", "8")
                .attr("size", "6")
                .testid("review-initials")
                .dyn_value(move || initials.get())
                .on("input", move |ev| initials.set(event_value(&ev))),
        )
        .html("<button type=\"submit\" class=\"primary\" data-testid=\"review-sign\">Sign</button>")
        .show(
            move || message.with(|m| m.is_some()),
            move || {
                el("span")
                    .class("field-error")
                    .attr("role", "alert")
                    .testid("review-error")
                    .dyn_text(move || message.get().unwrap_or_default())
            },
        );
    el("div")
        .class("rules-sub review")
        .testid("review")
        .html("<h3>Two-key review (R16)</h3>")
        .child(
            el("p").text("Configuration fingerprint ").child(
                el("code")
                    .testid("review-fingerprint")
                    .dyn_text(fingerprint),
            ),
        )
        .child(form)
        .child(
            el("ul")
                .class("signatures")
                .testid("signatures")
                .each(count, signature),
        )
}
