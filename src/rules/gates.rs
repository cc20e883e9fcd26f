//! R14-R16: the valuation gate, the macro tilt (advisory) and the two-key review.

use super::text::num;
use super::{RuleVerdict, Verdict};
use crate::config::thresholds::RuleThresholds;
use crate::config::ReviewSignature;
use crate::indicators::{IndicatorConfig, Trend};
use serde::{Deserialize, Serialize};

/// R14: the gate is closed when P/E is above the limit (the limit itself passes) or the
/// "cap expansion phase" flag is on.
pub fn valuation_gate_closed(ind: &IndicatorConfig, th: &RuleThresholds) -> bool {
    ind.pe > th.max_pe || ind.cap_expansion
}

/// R14 (spec §6, §11): open -> pass. Closed -> the sizing may not add to the layer: fail when
/// the rules' size is above the current layer (so the recommendation had to be capped), warn
/// when the layer is merely held.
pub fn r14_valuation_gate(
    ind: &IndicatorConfig,
    th: &RuleThresholds,
    would_increase: bool,
) -> RuleVerdict {
    let closed = valuation_gate_closed(ind, th);
    let verdict = match (closed, would_increase) {
        (false, _) => Verdict::Pass,
        (true, false) => Verdict::Warn,
        (true, true) => Verdict::Fail,
    };
    let mut v = RuleVerdict::new(
        "R14",
        "Valuation gate",
        verdict,
        format!(
            "P/E {}{}",
            num(ind.pe, 1),
            if closed { " (closed)" } else { " (open)" }
        ),
        Some(ind.pe),
    )
    .input("S&P 500 P/E", num(ind.pe, 2))
    .input("Limit", format!("P/E above {} closes the gate", th.max_pe))
    .input(
        "Cap expansion phase",
        if ind.cap_expansion { "yes" } else { "no" }.to_string(),
    );
    let why = if ind.pe > th.max_pe {
        format!("P/E {} is above {}", ind.pe, th.max_pe)
    } else {
        "the cap-expansion flag is on".to_string()
    };
    v.sentence = match (closed, would_increase) {
        (false, _) => format!("P/E {} is at or below {} and no cap-expansion phase is flagged: the layer may be added.", ind.pe, th.max_pe),
        (true, false) => format!("Gate closed ({why}): hold the layer, do not add to it."),
        (true, true) => format!(
            "Gate closed ({why}): the sizing rules ask for a larger layer than the current one, which the gate forbids; the recommendation is held at the current size."
        ),
    };
    v
}

/// R15's advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MacroTilt {
    /// Rebalance the layer as conditions change.
    DynamicRebalancing,
    /// Keep a static collar.
    StaticCollar,
}

/// R15 rule of this tool (the seed names the inputs but gives no rule): a static collar when
/// GDP is falling, or when |rate differential| exceeds the limit while the REER is moving;
/// otherwise dynamic rebalancing.
pub fn macro_tilt(ind: &IndicatorConfig, th: &RuleThresholds) -> MacroTilt {
    let wide = ind.rate_differential.abs() > th.r15_rate_diff_max;
    if ind.gdp_trend == Trend::Falling || (wide && ind.reer_trend != Trend::Flat) {
        MacroTilt::StaticCollar
    } else {
        MacroTilt::DynamicRebalancing
    }
}

/// R15 (advisory, always info).
pub fn r15_macro_tilt(ind: &IndicatorConfig, th: &RuleThresholds) -> RuleVerdict {
    let tilt = macro_tilt(ind, th);
    let word = match tilt {
        MacroTilt::DynamicRebalancing => "dynamic rebalancing",
        MacroTilt::StaticCollar => "static collar",
    };
    let mut v = RuleVerdict::new(
        "R15",
        "Macro tilt (advisory)",
        Verdict::Info,
        word.to_string(),
        None,
    )
    .input("Rate differential (pp)", num(ind.rate_differential, 2))
    .input("REER trend", ind.reer_trend.word().to_string())
    .input("GDP trend", ind.gdp_trend.word().to_string())
    .input("Wide differential above (pp)", num(th.r15_rate_diff_max, 2));
    v.sentence = format!(
        "Advisory only: {word} (static collar when GDP is falling or a differential wider than {} pp meets a moving REER). The methodology gives no tested rule for this; the tool's choice is shown so you can disagree.",
        th.r15_rate_diff_max
    );
    v
}

/// One review signature and whether it signs the current configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SignatureStatus {
    /// The reviewer's initials.
    pub initials: String,
    /// Fingerprint the reviewer signed.
    pub fingerprint: String,
    /// True iff `fingerprint` equals the report's fingerprint.
    pub valid: bool,
}

/// Checks each signature against the current fingerprint.
pub fn signature_statuses(review: &[ReviewSignature], fingerprint: &str) -> Vec<SignatureStatus> {
    review
        .iter()
        .map(|s| SignatureStatus {
            initials: s.initials.clone(),
            fingerprint: s.fingerprint.clone(),
            valid: s.fingerprint == fingerprint,
        })
        .collect()
}

/// R16 (spec §6): pass with at least `review_signatures` valid signatures from distinct
/// initials (trimmed; case-insensitive for ASCII letters: the bundle carries no Unicode case
/// tables for this alone, so "é" and "É" count as two reviewers); warn otherwise, naming
/// stale signatures.
pub fn r16_review(
    statuses: &[SignatureStatus],
    fingerprint: &str,
    th: &RuleThresholds,
) -> RuleVerdict {
    let mut distinct: Vec<String> = statuses
        .iter()
        .filter(|s| s.valid && !s.initials.trim().is_empty())
        .map(|s| s.initials.trim().to_ascii_uppercase())
        .collect();
    distinct.sort();
    distinct.dedup();
    let stale: Vec<&str> = statuses
        .iter()
        .filter(|s| !s.valid)
        .map(|s| s.initials.as_str())
        .collect();
    let ok = distinct.len() >= th.review_signatures;
    let mut v = RuleVerdict::new(
        "R16",
        "Two-key review",
        if ok { Verdict::Pass } else { Verdict::Warn },
        format!("{} of {} keys", distinct.len(), th.review_signatures),
        Some(distinct.len() as f64),
    )
    .input("Fingerprint", fingerprint.to_string());
    for s in statuses {
        v = v.input(
            format!("Signed by {}", s.initials),
            if s.valid {
                "valid".to_string()
            } else {
                format!("stale (signed {})", s.fingerprint)
            },
        );
    }
    let stale_note = if stale.is_empty() {
        String::new()
    } else {
        format!(
            " Stale signatures (inputs changed since signing): {}.",
            stale.join(", ")
        )
    };
    v.sentence = if ok {
        format!(
            "Signed by {} on this exact configuration.{stale_note}",
            distinct.join(", ")
        )
    } else {
        format!(
            "{} valid signature(s) with distinct initials; {} needed before the hedge is rolled.{stale_note}",
            distinct.len(),
            th.review_signatures
        )
    };
    v
}
