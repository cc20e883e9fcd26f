//! Editable rule thresholds (spec §6, §11). Ratios are decimals (0.12 = 12% of N); the
//! break-even band is in percent of S0; money in USD.

use crate::config::error::FieldError;
use serde::{Deserialize, Serialize};

/// Which instrument the sizing panel recommends (spec §6 R5, §11 default: call spread).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizingInstrument {
    /// Long VIX call spread, strikes F + lower offset / F + upper offset.
    #[default]
    CallSpread,
    /// Long VX futures (multiplier 1000).
    Vx,
    /// Long VXM mini futures (multiplier 100).
    Vxm,
}

/// Every rule threshold; defaults are the seed methodology's numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleThresholds {
    /// R3: layer ratio while P/CF >= `pcf_threshold` (decimal of N). Default 0.12.
    pub base_ratio: f64,
    /// R3: added per whole P/CF point below the threshold (decimal). Default 0.04.
    pub ratio_step: f64,
    /// R3/R4: the largest ratio (decimal). Default 0.28.
    pub max_ratio: f64,
    /// R3: P/CF at or above which the base ratio applies. Default 11.
    pub pcf_threshold: f64,
    /// R4: ratio cap in a bullish regime (decimal). Default 0.18.
    pub bullish_cap: f64,
    /// R4: ratio cap in a neutral regime (decimal). Default 0.25.
    pub neutral_cap: f64,
    /// R5: instrument recommended by the sizing panel.
    pub hedge_instrument: SizingInstrument,
    /// R5: call-spread strikes = round(F + lower offset), round(F + upper offset); lower
    /// offset above F, VIX points. Default 2.
    pub spread_lower_offset: f64,
    /// R5: upper strike offset above F, VIX points. Default 7.
    pub spread_upper_offset: f64,
    /// R6: calendar budget as a fraction of the condor credit collected. Default 0.15.
    pub calendar_credit_fraction: f64,
    /// R8: target outward break-even shift, percent of S0, inclusive. Default 1.2-1.8.
    pub be_shift_min_pct: f64,
    /// R8: upper end of the band, percent of S0. Default 1.8.
    pub be_shift_max_pct: f64,
    /// R8: horizon in days from valuation; None = the condor-expiry curve.
    pub be_horizon_days: Option<i64>,
    /// R9: largest allowed combined vega, $ per vol point. Default 0.
    pub vega_tolerance: f64,
    /// R10: the rule applies when the FOMC is 0..=this many days away. Default 5.
    pub fomc_window_days: i64,
    /// R10: required hedge cash reserve as a multiple of event slippage. Default 1.8.
    pub reserve_multiple: f64,
    /// R11: required hedge contribution, basis points of capital per week. Default 40.
    pub min_weekly_bps: f64,
    /// R12: largest absolute portfolio beta. Default 0.35.
    pub max_beta: f64,
    /// R13: largest gross leverage (gross notional / capital). Default 3.2.
    pub max_gross_leverage: f64,
    /// R14: the gate closes when P/E is above this (24.0 itself passes). Default 24.
    pub max_pe: f64,
    /// R2: bearish when RSI is below this. Default 40.
    pub rsi_bearish_below: f64,
    /// R2: bullish needs RSI above this. Default 55.
    pub rsi_bullish_above: f64,
    /// R2: bullish needs VIX below this, VIX points. Default 20.
    pub vix_bullish_below: f64,
    /// R15: a rate differential wider than this (absolute, percentage points) with a moving
    /// REER favours a static collar. Default 2.0.
    pub r15_rate_diff_max: f64,
    /// R16: valid signatures with distinct initials needed to pass. Default 2 (two keys).
    pub review_signatures: usize,
}

impl Default for RuleThresholds {
    fn default() -> Self {
        RuleThresholds {
            base_ratio: 0.12,
            ratio_step: 0.04,
            max_ratio: 0.28,
            pcf_threshold: 11.0,
            bullish_cap: 0.18,
            neutral_cap: 0.25,
            hedge_instrument: SizingInstrument::CallSpread,
            spread_lower_offset: 2.0,
            spread_upper_offset: 7.0,
            calendar_credit_fraction: 0.15,
            be_shift_min_pct: 1.2,
            be_shift_max_pct: 1.8,
            be_horizon_days: None,
            vega_tolerance: 0.0,
            fomc_window_days: 5,
            reserve_multiple: 1.8,
            min_weekly_bps: 40.0,
            max_beta: 0.35,
            max_gross_leverage: 3.2,
            max_pe: 24.0,
            rsi_bearish_below: 40.0,
            rsi_bullish_above: 55.0,
            vix_bullish_below: 20.0,
            r15_rate_diff_max: 2.0,
            review_signatures: 2,
        }
    }
}

impl RuleThresholds {
    /// Every invalid threshold, as dotted paths under `rules.`.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errs = Vec::new();
        let fields = [
            ("base_ratio", self.base_ratio),
            ("ratio_step", self.ratio_step),
            ("max_ratio", self.max_ratio),
            ("pcf_threshold", self.pcf_threshold),
            ("bullish_cap", self.bullish_cap),
            ("neutral_cap", self.neutral_cap),
            ("spread_lower_offset", self.spread_lower_offset),
            ("spread_upper_offset", self.spread_upper_offset),
            ("calendar_credit_fraction", self.calendar_credit_fraction),
            ("be_shift_min_pct", self.be_shift_min_pct),
            ("be_shift_max_pct", self.be_shift_max_pct),
            ("vega_tolerance", self.vega_tolerance),
            ("reserve_multiple", self.reserve_multiple),
            ("min_weekly_bps", self.min_weekly_bps),
            ("max_beta", self.max_beta),
            ("max_gross_leverage", self.max_gross_leverage),
            ("max_pe", self.max_pe),
            ("rsi_bearish_below", self.rsi_bearish_below),
            ("rsi_bullish_above", self.rsi_bullish_above),
            ("vix_bullish_below", self.vix_bullish_below),
            ("r15_rate_diff_max", self.r15_rate_diff_max),
        ];
        let mut any_bad = false;
        for (name, v) in fields {
            if !v.is_finite() {
                errs.push(FieldError::new(
                    format!("rules.{name}"),
                    "must be a finite number",
                ));
                any_bad = true;
            } else if v.abs() > 1e6 {
                errs.push(FieldError::new(
                    format!("rules.{name}"),
                    "must be between -1000000 and 1000000",
                ));
                any_bad = true;
            }
        }
        if any_bad {
            return errs;
        }
        for (name, v) in [
            ("base_ratio", self.base_ratio),
            ("ratio_step", self.ratio_step),
            ("max_ratio", self.max_ratio),
            ("bullish_cap", self.bullish_cap),
            ("neutral_cap", self.neutral_cap),
            ("calendar_credit_fraction", self.calendar_credit_fraction),
        ] {
            if !(0.0..=1.0).contains(&v) {
                errs.push(FieldError::new(
                    format!("rules.{name}"),
                    "must be between 0 and 1 (a fraction)",
                ));
            }
        }
        let mut check = |ok: bool, field: &str, msg: &str| {
            if !ok {
                errs.push(FieldError::new(format!("rules.{field}"), msg));
            }
        };
        for (field, v) in [
            ("spread_lower_offset", self.spread_lower_offset),
            ("spread_upper_offset", self.spread_upper_offset),
        ] {
            check(
                (-50.0..=100.0).contains(&v),
                field,
                "must be between -50 and 100 VIX points",
            );
        }
        check(
            self.base_ratio <= self.max_ratio,
            "max_ratio",
            "must be at least the base ratio",
        );
        check(
            self.pcf_threshold > 0.0,
            "pcf_threshold",
            "must be above zero",
        );
        check(
            self.spread_lower_offset < self.spread_upper_offset,
            "spread_upper_offset",
            "must be above the lower offset",
        );
        check(
            self.be_shift_min_pct <= self.be_shift_max_pct,
            "be_shift_max_pct",
            "must be at least the minimum",
        );
        check(
            self.be_horizon_days.is_none_or(|d| d >= 0),
            "be_horizon_days",
            "must be 0 or more",
        );
        check(
            self.fomc_window_days >= 0,
            "fomc_window_days",
            "must be 0 or more",
        );
        check(
            self.reserve_multiple >= 0.0,
            "reserve_multiple",
            "must be 0 or more",
        );
        check(self.max_beta >= 0.0, "max_beta", "must be 0 or more");
        check(
            self.max_gross_leverage > 0.0,
            "max_gross_leverage",
            "must be above zero",
        );
        check(self.max_pe > 0.0, "max_pe", "must be above zero");
        check(
            self.r15_rate_diff_max >= 0.0,
            "r15_rate_diff_max",
            "must be 0 or more",
        );
        check(
            self.review_signatures >= 1,
            "review_signatures",
            "must be at least 1",
        );
        errs
    }
}
