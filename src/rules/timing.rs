//! R7: entry timing from the MACD histogram of the VIX futures series and CPI/PPI ranges.

use super::text::num;
use super::{RuleVerdict, Verdict};
use crate::indicators::{IndicatorConfig, IndicatorReadout, CONTRACTION_BARS};

/// R7 (spec §6, §11): "enter" when the last three MACD(12,26,9) histogram values are strictly
/// rising and the last is below zero, and CPI and PPI are inside their inclusive ranges;
/// otherwise "wait" (warn) with the reasons; fewer than 36 closes -> warn "not enough data".
pub fn r7_entry_timing(readout: &IndicatorReadout, ind: &IndicatorConfig) -> RuleVerdict {
    let cpi_ok = ind.cpi_yoy >= ind.cpi_min && ind.cpi_yoy <= ind.cpi_max;
    let ppi_ok = ind.ppi_yoy >= ind.ppi_min && ind.ppi_yoy <= ind.ppi_max;
    let tail: Vec<String> = readout.histogram_tail.iter().map(|h| num(*h, 4)).collect();
    let mut v = RuleVerdict::new(
        "R7",
        "Entry timing",
        Verdict::Warn,
        String::new(),
        readout.histogram,
    )
    .input(
        "VIX futures series",
        format!("{} ({} closes)", readout.vix_source, readout.vix_closes),
    )
    .input(
        "MACD histogram, last values (oldest first)",
        tail.join(", "),
    )
    .input(
        "CPI y/y",
        format!("{}% (range {}-{}%)", ind.cpi_yoy, ind.cpi_min, ind.cpi_max),
    )
    .input(
        "PPI y/y",
        format!("{}% (range {}-{}%)", ind.ppi_yoy, ind.ppi_min, ind.ppi_max),
    );
    let Some(contracting) = readout.contracting else {
        v.figure = format!("{} closes", readout.vix_closes);
        v.sentence = format!(
            "Not enough data: MACD(12,26,9) needs at least {} closes to judge {CONTRACTION_BARS} histogram bars; wait.",
            readout.min_closes
        );
        return v;
    };
    let last = readout.histogram.unwrap_or(f64::NAN);
    v.figure = format!("histogram {}", num(last, 4));
    let mut reasons = Vec::new();
    if !contracting {
        if last >= 0.0 {
            reasons.push("the histogram is not below zero".to_string());
        } else {
            reasons.push(format!(
                "the last {CONTRACTION_BARS} histogram values are not strictly rising"
            ));
        }
    }
    if !cpi_ok {
        reasons.push(format!(
            "CPI {}% is outside {}-{}%",
            ind.cpi_yoy, ind.cpi_min, ind.cpi_max
        ));
    }
    if !ppi_ok {
        reasons.push(format!(
            "PPI {}% is outside {}-{}%",
            ind.ppi_yoy, ind.ppi_min, ind.ppi_max
        ));
    }
    if reasons.is_empty() {
        v.verdict = Verdict::Pass;
        v.sentence = "Enter: the MACD histogram is below zero and contracting, and CPI and PPI are inside their ranges (a timing heuristic, not a forecast).".to_string();
    } else {
        v.sentence = format!("Wait: {}.", reasons.join("; "));
    }
    v
}
