//! The ALVH rules panel (spec §6, §11): one expandable chip per rule R1-R16, the regime with
//! its override, the sizing recommendation with Apply/Undo, the ratio table and the two-key
//! review (R16). Every number comes from `report.rules`; this module computes nothing.

use super::fields::{remove_at, RemoveButton, SelectField};
use super::format::{dollars, levels, number, percent};
use super::state::AppState;
use crate::config::{HedgeConfig, ReviewSignature, SizingInstrument};
use crate::indicators::Regime;
use crate::rules::{
    CalendarRecommendation, RuleVerdict, RulesReport, SizingRecommendation, Verdict,
};
use leptos::prelude::*;

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
fn rules_memo(state: AppState) -> Memo<Option<RulesReport>> {
    Memo::new(move |_| state.shown.with(|r| r.as_ref().map(|r| r.rules.clone())))
}

/// The whole panel, placed under the Greeks table.
#[component]
pub fn RulesPanel(state: AppState) -> impl IntoView {
    let rules = rules_memo(state);
    // The hedge in force before the last Apply, for Undo.
    let previous = RwSignal::new(None::<HedgeConfig>);
    view! {
        <section class="panel rules" id="rules" tabindex="-1" aria-labelledby="rules-title" data-testid="rules-panel">
            <h2 id="rules-title">"ALVH rules R1–R16"</h2>
            <p class="note">"Each rule shows its verdict by word and symbol (✓ pass, ▲ warn, ✖ fail, ℹ info); open a rule for its inputs and reasoning."</p>
            <RuleChips rules />
            <RegimeBlock state rules />
            <SizingBlock state rules previous />
            <RatioTableView rules />
            <ReviewBlock state rules />
        </section>
    }
}

/// One `<details>` per rule, kept across updates so an opened rule stays open.
#[component]
fn RuleChips(rules: Memo<Option<RulesReport>>) -> impl IntoView {
    let count = Memo::new(move |_| rules.with(|r| r.as_ref().map_or(0, |r| r.verdicts.len())));
    let items = move || {
        (0..count.get())
            .map(|i| {
                let verdict = Memo::new(move |_| {
                    rules.with(|r| r.as_ref().and_then(|r| r.verdicts.get(i).cloned()))
                });
                view! { <RuleChip verdict /> }
            })
            .collect_view()
    };
    view! { <ul class="rule-chips" data-testid="rule-chips">{items}</ul> }
}

#[component]
fn RuleChip(verdict: Memo<Option<RuleVerdict>>) -> impl IntoView {
    let get = move |f: fn(&RuleVerdict) -> String| {
        move || verdict.with(|v| v.as_ref().map(f).unwrap_or_default())
    };
    let look =
        move || verdict.with(|v| verdict_look(v.as_ref().map_or(Verdict::Info, |v| v.verdict)));
    let id = verdict.with_untracked(|v| v.as_ref().map(|v| v.id.clone()).unwrap_or_default());
    let inputs = move || {
        verdict.with(|v| {
            v.as_ref().map(|v| {
                v.inputs
                    .iter()
                    .map(|(k, val)| view! { <dt>{k.clone()}</dt><dd>{val.clone()}</dd> })
                    .collect_view()
            })
        })
    };
    view! {
        <li class=move || format!("rule {}", look().2) data-testid=format!("rule-{id}")
            data-verdict=move || look().0>
            // A failing or warning rule opens on its sentence, which says the smallest change
            // that passes it (issue 16 item 7).
            <details open=move || matches!(look().0, "fail" | "warn")>
                <summary>
                    <span class="rule-icon" aria-hidden="true">{move || look().1}</span>
                    <span class="rule-id">{get(|v| v.id.clone())}</span>
                    <span class="rule-title">{get(|v| v.title.clone())}</span>
                    <span class="rule-verdict" data-testid=format!("rule-{id}-verdict")>{move || look().0}</span>
                    <span class="rule-figure" data-testid=format!("rule-{id}-figure")>{get(|v| v.figure.clone())}</span>
                </summary>
                <div class="rule-body">
                    <p class="rule-sentence" data-testid=format!("rule-{id}-sentence")>{get(|v| v.sentence.clone())}</p>
                    <dl class="rule-inputs">{inputs}</dl>
                </div>
            </details>
        </li>
    }
}

const REGIME_CHOICES: [(Option<Regime>, &str); 4] = [
    (None, "Computed by R2"),
    (Some(Regime::Bullish), "Bullish (override)"),
    (Some(Regime::Neutral), "Neutral (override)"),
    (Some(Regime::Bearish), "Bearish (override)"),
];

#[component]
fn RegimeBlock(state: AppState, rules: Memo<Option<RulesReport>>) -> impl IntoView {
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
    view! {
        <div class="rules-sub regime" data-testid="regime">
            <h3>"Regime (R2)"</h3>
            <p>
                <strong class="regime-word" data-testid="regime-word">{regime}</strong>
                " — "<span data-testid="regime-reason">{reason}</span>
            </p>
            <SelectField state label="Regime used for the cap" path="indicators.regime_override"
                choices=REGIME_CHOICES.to_vec()
                get=|c| Some(c.indicators.regime_override)
                set=|c, v| c.indicators.regime_override = v />
        </div>
    }
}

#[component]
fn SizingBlock(
    state: AppState,
    rules: Memo<Option<RulesReport>>,
    previous: RwSignal<Option<HedgeConfig>>,
) -> impl IntoView {
    let sizing = Memo::new(move |_| rules.with(|r| r.as_ref().and_then(|r| r.sizing.clone())));
    let calendar = Memo::new(move |_| rules.with(|r| r.as_ref().and_then(|r| r.calendar.clone())));
    let r5_sentence = move || {
        rules.with(|r| {
            r.as_ref()
                .and_then(|r| r.verdict("R5"))
                .map(|v| v.sentence.clone())
                .unwrap_or_default()
        })
    };
    let apply = move |hedge: HedgeConfig| {
        let current = state.config.with_untracked(|c| c.hedge.clone());
        if current != hedge {
            previous.set(Some(current));
            state.config.update(|c| c.hedge = hedge);
        }
    };
    let undo = move |_| {
        if let Some(h) = previous.get_untracked() {
            state.config.update(|c| c.hedge = h);
            previous.set(None);
        }
    };
    let stale = state.stale;
    let field = move |f: fn(&SizingRecommendation) -> String| {
        move || sizing.with(|s| s.as_ref().map(f).unwrap_or_else(|| "—".into()))
    };
    let cal_field = move |f: fn(&CalendarRecommendation) -> String| {
        move || calendar.with(|s| s.as_ref().map(f).unwrap_or_else(|| "—".into()))
    };
    view! {
        <div class="rules-sub sizing" data-testid="sizing">
            <h3>"Sizing recommendation (R3–R5)"</h3>
            <Show when=move || sizing.with(|s| s.is_some())
                fallback=move || view! { <p class="note" data-testid="sizing-none">{r5_sentence}</p> }>
                <dl class="sizing-grid">
                    <dt>"Instrument"</dt><dd data-testid="sizing-instrument">{field(|s| instrument_name(s.instrument).to_string())}</dd>
                    <dt>"Expiry"</dt><dd data-testid="sizing-expiry">{field(|s| format!("{} ({} days)", s.expiry, s.days))}</dd>
                    <dt>"Future F"</dt><dd data-testid="sizing-future">{field(|s| format!("{} VIX pts (fitted {})", number(s.future, 2), number(s.future_fitted, 2)))}</dd>
                    <dt>"Strikes"</dt><dd data-testid="sizing-strikes">{field(|s| if s.strikes.is_empty() { "— (futures)".into() } else { levels(&s.strikes) })}</dd>
                    <dt>"Ratio"</dt><dd data-testid="sizing-ratio">{field(|s| format!("{} of N (R3 {}{})", percent(s.ratio, 0), percent(s.ratio_r3, 0), s.ratio_cap.map(|c| format!(", cap {}", percent(c, 0))).unwrap_or_default()))}</dd>
                    <dt>"Condor notional N"</dt><dd data-testid="sizing-condor-notional">{field(|s| dollars(s.condor_notional))}</dd>
                    <dt>"Hedge notional H"</dt><dd data-testid="sizing-notional">{field(|s| dollars(s.hedge_notional))}</dd>
                    <dt>"Quantity"</dt><dd data-testid="sizing-quantity">{field(|s| {
                        if s.quantity == s.rules_quantity { s.quantity.to_string() } else { format!("{} (rules alone: {})", s.quantity, s.rules_quantity) }
                    })}</dd>
                </dl>
                <p class="note" data-testid="sizing-note">{field(|s| s.note.clone())}</p>
            </Show>
            <div class="actions">
                <button type="button" class="primary" data-testid="sizing-apply"
                    disabled=move || stale.get() || sizing.with(|s| s.is_none())
                    on:click=move |_| { if let Some(s) = sizing.get_untracked() { apply(s.hedge) } }>
                    "Apply to hedge"
                </button>
                <button type="button" class="secondary" data-testid="sizing-undo"
                    disabled=move || previous.with(|p| p.is_none())
                    on:click=undo>
                    "Undo"
                </button>
            </div>
            <Show when=move || calendar.with(|c| c.is_some())>
                <div class="calendar-alt" data-testid="calendar-alt">
                    <h4>"Calendar alternative (R6)"</h4>
                    <p>
                        <span data-testid="calendar-summary">{cal_field(|c| format!(
                            "{} × long VIX {} call calendar: sell {}, buy {}; {} each, budget {}.",
                            c.quantity, number(c.strike, 0), c.near_expiry, c.far_expiry, dollars(c.debit_each), dollars(c.budget)
                        ))}</span>
                        " "
                        <button type="button" class="secondary" data-testid="calendar-apply"
                            disabled=move || stale.get()
                            on:click=move |_| { if let Some(c) = calendar.get_untracked() { apply(c.hedge) } }>
                            "Apply calendar"
                        </button>
                    </p>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn RatioTableView(rules: Memo<Option<RulesReport>>) -> impl IntoView {
    let table = Memo::new(move |_| {
        rules.with(|r| {
            r.as_ref()
                .map(|r| r.ratio_table.clone())
                .unwrap_or_default()
        })
    });
    let regime = move || table.with(|t| t.regime);
    let head = move |reg: Regime, label: &'static str| {
        view! {
            <th scope="col" class:in-force=move || regime() == reg>
                {label}{move || if regime() == reg { " (in force)" } else { "" }}
            </th>
        }
    };
    let rows = move || {
        table.with(|t| {
            t.rows
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    let reg = t.regime;
                    let cell = |r: Regime, v: f64| {
                        let here = row.current && reg == r;
                        view! {
                            <td class:in-force={reg == r} class:here=here>
                                {percent(v, 0)}{here.then_some(" ◀")}
                            </td>
                        }
                    };
                    view! {
                        <tr class:current=row.current data-testid=format!("ratio-row-{i}")
                            data-current={if row.current { "true" } else { "false" }}>
                            <th scope="row">{row.pcf_band.clone()}{row.current.then_some(" (current)")}</th>
                            <td>{percent(row.r3_ratio, 0)}</td>
                            {cell(Regime::Bullish, row.bullish)}
                            {cell(Regime::Neutral, row.neutral)}
                            {cell(Regime::Bearish, row.bearish)}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="rules-sub ratio" data-testid="ratio-table">
            <h3>"Layer ratio by P/CF and regime (of N)"</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways)">
                <table class="mini ratio-table">
                    <thead>
                        <tr>
                            <th scope="col">"S&P 500 P/CF"</th>
                            <th scope="col">"R3"</th>
                            {head(Regime::Bullish, "Bullish")}
                            {head(Regime::Neutral, "Neutral")}
                            {head(Regime::Bearish, "Bearish")}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn ReviewBlock(state: AppState, rules: Memo<Option<RulesReport>>) -> impl IntoView {
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
    let list = move || {
        rules.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.signatures
                        .iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let (word, icon) = if s.valid { ("valid", "✓") } else { ("invalid: inputs changed since signing", "✖") };
                            view! {
                                <li class:valid=s.valid class:invalid={!s.valid} data-testid=format!("signature-{i}")
                                    data-valid={if s.valid { "true" } else { "false" }}>
                                    <span aria-hidden="true" class="sig-icon">{icon}</span>
                                    <strong>{s.initials.clone()}</strong>
                                    " signed "<code>{s.fingerprint.clone()}</code>" — "
                                    <span data-testid=format!("signature-{i}-status")>{word}</span>
                                    <RemoveButton state label=format!("Remove signature {}", i + 1)
                                        testid=format!("signature-{i}-remove") index=i
                                        remove=|c, i| remove_at(&mut c.review, i) />
                                </li>
                            }
                        })
                        .collect_view()
                })
        })
    };
    view! {
        <div class="rules-sub review" data-testid="review">
            <h3>"Two-key review (R16)"</h3>
            <p>"Configuration fingerprint "<code data-testid="review-fingerprint">{fingerprint}</code></p>
            <form class="sign-form" on:submit=move |ev| { ev.prevent_default(); sign() }>
                <label for="review-initials">"Initials"</label>
                <input id="review-initials" type="text" autocomplete="off" maxlength="8" size="6"
                    data-testid="review-initials"
                    prop:value=move || initials.get()
                    on:input=move |ev| initials.set(event_target_value(&ev)) />
                <button type="submit" class="primary" data-testid="review-sign">"Sign"</button>
                <Show when=move || message.with(|m| m.is_some())>
                    <span class="field-error" role="alert" data-testid="review-error">{move || message.get()}</span>
                </Show>
            </form>
            <ul class="signatures" data-testid="signatures">{list}</ul>
        </div>
    }
}
