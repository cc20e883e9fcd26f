//! The rules panel: verdict chips R1-R16, each expandable to its inputs and sentence, the
//! regime, and the sizing recommendation with its "apply" button. Text comes from the Report.

use super::format::{dollars, percent};
use super::state::AppState;
use crate::rules::{Regime, SizingInstrument, Verdict};

fn instrument_name(i: SizingInstrument) -> &'static str {
    match i {
        SizingInstrument::CallSpread => "VIX call spread",
        SizingInstrument::Vx => "VX future",
        SizingInstrument::Vxm => "VXM future",
    }
}

fn regime_name(r: Regime) -> &'static str {
    match r {
        Regime::Bullish => "bullish",
        Regime::Neutral => "neutral",
        Regime::Bearish => "bearish",
    }
}
use leptos::prelude::*;

/// Chip text and class: the verdict is spelled out, so colour is never the only signal.
fn verdict_style(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::Pass => ("✓ pass", "pass"),
        Verdict::Warn => ("! warn", "warn"),
        Verdict::Fail => ("✗ fail", "fail"),
        Verdict::Info => ("i info", "info"),
    }
}

/// Rule verdicts R1-R16, the regime and the sizing recommendation.
#[component]
pub fn RulesPanel(state: AppState) -> impl IntoView {
    let verdicts = move || {
        state.shown.with(|shown| {
            shown.as_ref().map(|r| {
                r.rules
                    .verdicts
                    .iter()
                    .map(|v| {
                        let (word, class) = verdict_style(v.verdict);
                        let inputs = v
                            .inputs
                            .iter()
                            .map(|(name, value)| view! { <tr><th scope="row">{name.clone()}</th><td>{value.clone()}</td></tr> })
                            .collect_view();
                        view! {
                            <details class=format!("rule {class}") data-testid=format!("rule-{}", v.id)>
                                <summary>
                                    <span class="rule-id">{v.id.clone()}</span>
                                    <span class="rule-title">{v.title.clone()}</span>
                                    <span class="rule-figure">{v.figure.clone()}</span>
                                    <span class=format!("chip {class}") data-testid=format!("verdict-{}", v.id)>{word}</span>
                                </summary>
                                <p class="rule-sentence">{v.sentence.clone()}</p>
                                <table class="mini rule-inputs"><tbody>{inputs}</tbody></table>
                            </details>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let regime = move || {
        state.shown.with(|shown| {
            shown.as_ref().map(|r| {
                let a = &r.rules.regime;
                format!(
                    "Regime: {}{} — {}",
                    regime_name(a.regime),
                    if a.overridden { " (override)" } else { "" },
                    a.reason
                )
            })
        })
    };
    let sizing = move || {
        state.shown.with(|shown| {
            let s = shown.as_ref()?.rules.sizing.clone()?;
            let strikes: Vec<String> = s.strikes.iter().map(|k| format!("{k:.0}")).collect();
            let summary = format!(
                "{} × {} {} (expiry {}, {} days){} — hedge notional {} = {} of the condor notional {}",
                s.quantity,
                instrument_name(s.instrument),
                if strikes.is_empty() { String::new() } else { strikes.join("/") },
                s.expiry,
                s.days,
                if s.capped_by_r14 { ", capped by R14" } else { "" },
                dollars(s.hedge_notional),
                percent(s.ratio, 1),
                dollars(s.condor_notional),
            );
            let current = state.config.with(|c| c.hedge == s.hedge);
            let hedge = s.hedge.clone();
            Some(view! {
                <div class="sizing" data-testid="sizing">
                    <h3>"Sizing recommendation (R3–R5)"</h3>
                    <p data-testid="sizing-summary">{summary}</p>
                    <p class="note">{s.note.clone()}</p>
                    <button type="button" class="primary" data-testid="apply-sizing" disabled=current
                        on:click=move |_| {
                            let hedge = hedge.clone();
                            state.config.update(|c| c.hedge = hedge);
                        }>
                        {if current { "Hedge matches the recommendation" } else { "Apply to the hedge layer" }}
                    </button>
                </div>
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="rules-title">
            <h2 id="rules-title">"ALVH rules"</h2>
            <p class="note" data-testid="regime">{regime}</p>
            <div class="rules" data-testid="rules">{verdicts}</div>
            {sizing}
            <ReviewSignatures state />
        </section>
    }
}

/// R16's two-key review: reviewers sign the current fingerprint with their initials. A
/// signature stays in the configuration but stops counting once anything changes.
#[component]
fn ReviewSignatures(state: AppState) -> impl IntoView {
    let initials = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let list = move || {
        state.shown.with(|shown| {
            shown.as_ref().map(|r| {
                r.rules
                    .signatures
                    .iter()
                    .map(|sig| {
                        let status = if sig.valid { "✓ signs this configuration" } else { "✗ signed another configuration" };
                        view! {
                            <li class:valid=sig.valid>
                                <strong>{sig.initials.clone()}</strong>" "<code>{sig.fingerprint.clone()}</code>" — "{status}
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let sign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = initials.get_untracked().trim().to_uppercase();
        if who.is_empty() || who.chars().count() > 8 {
            message.set(Some("Enter initials (1 to 8 characters)".into()));
            return;
        }
        let Some(fingerprint) = state
            .shown
            .with_untracked(|r| r.as_ref().map(|r| r.fingerprint.clone()))
        else {
            return;
        };
        if state.stale.get_untracked() {
            message.set(Some("Fix the invalid fields before signing".into()));
            return;
        }
        message.set(None);
        initials.set(String::new());
        state.config.update(|c| {
            c.review.push(crate::rules::ReviewSignature {
                initials: who,
                fingerprint,
            })
        });
    };
    view! {
        <div class="review" data-testid="review">
            <h3>"Two-key review (R16)"</h3>
            <ul class="signatures" data-testid="signatures">{list}</ul>
            <form class="sign" on:submit=sign>
                <label for="review-initials">"Your initials"</label>
                <input id="review-initials" type="text" maxlength="8" autocomplete="off" data-testid="review-initials"
                    prop:value=move || initials.get()
                    on:input=move |ev| initials.set(event_target_value(&ev)) />
                <button type="submit" class="secondary" data-testid="review-sign">"Sign this configuration"</button>
                <button type="button" class="secondary" data-testid="review-clear"
                    on:click=move |_| state.config.update(|c| c.review.clear())>"Clear signatures"</button>
            </form>
            <Show when=move || message.get().is_some()>
                <p class="field-error" role="alert">{move || message.get()}</p>
            </Show>
        </div>
    }
}

/// The model's assumptions in words, as the Report states them.
#[component]
pub fn AssumptionsPanel(state: AppState) -> impl IntoView {
    let items = move || {
        state.shown.with(|shown| {
            shown.as_ref().map(|r| {
                r.assumptions
                    .iter()
                    .map(|a| view! { <li>{a.clone()}</li> })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="panel" id="assumptions" aria-labelledby="assumptions-title">
            <h2 id="assumptions-title">"Assumptions behind the figures"</h2>
            <ul class="assumptions" data-testid="assumptions">{items}</ul>
        </section>
    }
}
