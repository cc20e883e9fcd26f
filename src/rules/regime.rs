//! R2: market regime from RSI, the advance-decline trend and VIX (spec §7, §11).

use crate::config::thresholds::RuleThresholds;
use crate::indicators::{Regime, Trend};
use serde::{Deserialize, Serialize};

/// The regime in force, the rule's own answer and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegimeAssessment {
    /// Regime used by R4 (the override when set).
    pub regime: Regime,
    /// Regime the R2 rule computes from the indicators.
    pub computed: Regime,
    /// True when the user's override replaced the computed regime.
    pub overridden: bool,
    /// One sentence: which condition decided.
    pub reason: String,
}

/// Inputs of the R2 rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegimeInputs {
    /// SPX RSI(14), 0-100.
    pub rsi: f64,
    /// Advance-decline trend.
    pub ad: Trend,
    /// VIX spot, points.
    pub vix: f64,
    /// Fitted long-run VIX level (term-structure theta), points.
    pub long_run: f64,
}

/// R2 (spec §7, §11): bearish is tested first — RSI < 40, or the A/D line falling while VIX is
/// above its fitted long-run level; then bullish — RSI > 55 and A/D rising and VIX < 20; else
/// neutral. All inequalities strict; thresholds from `th`.
pub fn assess_regime(
    inp: RegimeInputs,
    th: &RuleThresholds,
    override_regime: Option<Regime>,
) -> RegimeAssessment {
    let (computed, why) = if inp.rsi < th.rsi_bearish_below {
        (
            Regime::Bearish,
            format!("RSI {:.1} is below {}", inp.rsi, th.rsi_bearish_below),
        )
    } else if inp.ad == Trend::Falling && inp.vix > inp.long_run {
        (
            Regime::Bearish,
            format!(
                "the A/D line is falling while VIX {:.2} is above its fitted long-run level {:.2}",
                inp.vix, inp.long_run
            ),
        )
    } else if inp.rsi > th.rsi_bullish_above
        && inp.ad == Trend::Rising
        && inp.vix < th.vix_bullish_below
    {
        (
            Regime::Bullish,
            format!(
                "RSI {:.1} is above {}, the A/D line is rising and VIX {:.2} is below {}",
                inp.rsi, th.rsi_bullish_above, inp.vix, th.vix_bullish_below
            ),
        )
    } else {
        let mut missing = Vec::new();
        if inp.rsi <= th.rsi_bullish_above {
            missing.push(format!(
                "RSI {:.1} is not above {}",
                inp.rsi, th.rsi_bullish_above
            ));
        }
        if inp.ad != Trend::Rising {
            missing.push(format!("the A/D line is {}", inp.ad.word()));
        }
        if inp.vix >= th.vix_bullish_below {
            missing.push(format!(
                "VIX {:.2} is not below {}",
                inp.vix, th.vix_bullish_below
            ));
        }
        (
            Regime::Neutral,
            format!(
                "no bearish condition holds and not bullish: {}",
                missing.join(", ")
            ),
        )
    };
    match override_regime {
        Some(r) => RegimeAssessment {
            regime: r,
            computed,
            overridden: true,
            reason: format!(
                "set to {} by the user; the rule alone gives {} ({why})",
                r.word(),
                computed.word()
            ),
        },
        None => RegimeAssessment {
            regime: computed,
            computed,
            overridden: false,
            reason: format!("{}: {why}", capitalize(computed.word())),
        },
    }
}

/// The word with its first letter in upper case (the regime words are ASCII).
fn capitalize(w: &str) -> String {
    let mut word = w.to_string();
    if let Some(first) = word.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    word
}
