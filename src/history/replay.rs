//! Episode replay: place the position on a historical day the way a configuration places it,
//! then mark it every trading day with the engine's model on that day's SPX and VIX closes.
//!
//! Model-priced from index closes, not from historical option quotes: SPX vols come from the
//! day's VIX through the ATM rule and the smile; VIX futures from the fitted curve re-anchored
//! to the day's VIX; VIX options settle on the VIX close of their expiry day (the real
//! settlement is a special opening quotation), SPX monthlies (AM-settled on the opening
//! prints) are approximated by the close of their expiry day. A leg whose expiry day has no
//! row in the series settles on the last close before it.

use super::data::{index_on_or_after, DailyClose};
use crate::calendar::expiry::{spx_monthly_nearest_days, spxw_expiries_from};
use crate::calendar::Date;
use crate::config::{Config, HedgeConfig};
use crate::engine::model::Model;
use crate::engine::report::Layer;
use crate::indicators::Regime;
use crate::indicators::{latest_rsi, series::least_squares_slope, Trend};
use crate::market::curve::TermStructure;
use crate::rules::regime::{assess_regime, RegimeInputs};
use crate::rules::sizing::{recommend, SizingInputs};
use serde::{Deserialize, Serialize};

/// Why a replay or a backtest cannot run.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum HistoryError {
    #[error("no trading day in the series on or after {0}")]
    NoDataAfter(Date),
    #[error("the position placed on {date} is not valid: {reason}")]
    Placement { date: Date, reason: String },
    #[error("{0}")]
    BadInput(String),
    #[error("cancelled after {done} of {total} entries")]
    Cancelled { done: usize, total: usize },
}

/// Which SPX expirations the condor uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryKind {
    /// Standard monthly SPX (third Friday, AM-settled).
    Monthly,
    /// SPXW on any trading day (PM-settled).
    Weekly,
}

/// How a position is placed on any day: what a configuration means as a rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// Target calendar days to the condor's expiry (the expiry nearest it is used).
    pub target_dte: i64,
    pub expiry_kind: ExpiryKind,
    /// Absolute model delta of the short put and short call at entry.
    pub put_delta: f64,
    pub call_delta: f64,
    /// Wings as a fraction of SPX (the configuration's wing / its spot), rounded to the
    /// 5-point grid at placement, at least 5 points.
    pub put_wing_fraction: f64,
    pub call_wing_fraction: f64,
    /// Condor notional to keep, $ (R1's max wing x 100 x contracts of the configuration):
    /// contracts on a day are round(notional / (max wing x 100)), at least 1, so the dollar
    /// risk is comparable across 35 years of index levels.
    pub notional_dollars: f64,
    /// SPX level of the configuration, points: the SPX half-spread of its account is scaled by
    /// the day's SPX / this (a 0.50 half-spread at SPX 6000 is 0.03 at SPX 360).
    pub config_spot: f64,
    /// Place the R3-R5 hedge (false: the condor alone).
    pub hedge: bool,
    /// Everything else (rates, smile, vol-of-vol, scenario, rule thresholds, P/CF, P/E, the
    /// regime override) comes from this configuration.
    pub template: Config,
}

impl Placement {
    /// The placement rule of a valid configuration: its DTE, its shorts' model deltas at
    /// T+0, its wings as fractions of spot, its contracts, a hedge when it has one.
    pub fn from_config(config: &Config) -> Result<Placement, HistoryError> {
        let errs = crate::config::validate::validate(config);
        if !errs.is_empty() {
            return Err(HistoryError::BadInput(
                errs.iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            ));
        }
        let model = Model::build(config).map_err(|e| HistoryError::BadInput(e.to_string()))?;
        let delta = |i: usize| -> Result<f64, HistoryError> {
            let leg = &model.legs[i];
            leg.state(&model.scenario, config.market.spot, 0.0)
                .map(|s| s.valuation.delta.abs())
                .map_err(|e| HistoryError::BadInput(e.to_string()))
        };
        let spot = config.market.spot;
        Ok(Placement {
            target_dte: model.condor_days.max(1),
            expiry_kind: ExpiryKind::Monthly,
            put_delta: delta(1)?,
            call_delta: delta(2)?,
            put_wing_fraction: config.condor.put_wing / spot,
            call_wing_fraction: config.condor.call_wing / spot,
            notional_dollars: crate::rules::sizing::condor_notional(&config.condor),
            config_spot: spot,
            hedge: !config.hedge.legs.is_empty(),
            template: config.clone(),
        })
    }

    /// The configuration this rule places on `rows[i]`, with the regime R4 used.
    pub fn place(&self, rows: &[DailyClose], i: usize) -> Result<(Config, Regime), HistoryError> {
        let day = rows
            .get(i)
            .ok_or_else(|| HistoryError::BadInput(format!("row {i} is past the series")))?;
        let bad = |reason: String| HistoryError::Placement {
            date: day.date,
            reason,
        };
        let mut cfg = self.template.clone();
        cfg.review.clear();
        let m = &mut cfg.market;
        m.valuation_date = day.date;
        m.spot = day.spx;
        m.vix = day.vix;
        // No futures quotes in the series: the fallback curve at the day's VIX.
        m.futures.clear();
        // An ATM override cannot carry across 35 years: the VIX rule sets the ATM vol.
        m.atm_iv_override = None;
        cfg.condor.expiry = match self.expiry_kind {
            ExpiryKind::Monthly => spx_monthly_nearest_days(day.date, self.target_dte),
            ExpiryKind::Weekly => {
                let target = day.date.add_days(self.target_dte);
                spxw_expiries_from(day.date.add_days(1), (self.target_dte.max(1) as usize) + 5)
                    .into_iter()
                    .min_by_key(|d| d.days_until(target).abs())
                    .ok_or_else(|| bad("no SPXW expiry found".into()))?
            }
        };
        let wing = |f: f64| ((f * day.spx / 5.0).round() * 5.0).max(5.0);
        let (put_wing, call_wing) = (wing(self.put_wing_fraction), wing(self.call_wing_fraction));
        let per_contract = put_wing.max(call_wing) * crate::engine::strategy::SPX_MULTIPLIER;
        cfg.condor.contracts = ((self.notional_dollars / per_contract).round() as i64).max(1);
        cfg.account.half_spread_spx *= day.spx / self.config_spot;
        cfg.condor.fill_credit = None;
        cfg.condor.iv_overrides = [None; 4];
        cfg.hedge.legs.clear();
        cfg = crate::config::presets::condor_by_delta(
            &cfg,
            self.put_delta,
            self.call_delta,
            put_wing,
            call_wing,
        );
        let curve = TermStructure::fit(day.vix, &[]);
        let regime = regime_on(rows, i, &cfg, curve.theta);
        if self.hedge {
            let gate_closed =
                crate::rules::gates::valuation_gate_closed(&cfg.indicators, &cfg.rules);
            let empty = HedgeConfig { legs: Vec::new() };
            let rec = recommend(
                &SizingInputs {
                    valuation: day.date,
                    condor: &cfg.condor,
                    curve,
                    quotes: &[],
                    pcf: cfg.indicators.pcf,
                    regime,
                    gate_closed,
                    current: &empty,
                },
                &cfg.rules,
            )
            .map_err(bad)?;
            cfg.hedge = rec.hedge;
        }
        // The chart's horizons belong to the page, not to the placed position: keep only those
        // inside it (a 10-day SPXW condor cannot show T+30, spec §9) so they never refuse a trade.
        let last = crate::config::validate::last_expiry_days(&cfg);
        cfg.view.horizon_days.retain(|&h| h <= last);
        cfg.view.slider_days = None;
        cfg.view.risk_horizon_days = cfg.view.risk_horizon_days.min(last);
        let errs = crate::config::validate::validate(&cfg);
        if !errs.is_empty() {
            return Err(bad(errs
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")));
        }
        Ok((cfg, regime))
    }
}

/// Closes of RSI's look-back: Wilder's smoothing forgets its seed within a few hundred bars.
const RSI_LOOKBACK: usize = 250;

/// R2 on day `i` from the series (spec §7): RSI(14) of the SPX closes up to that day, the A/D
/// trend proxied by the sign of the SPX closes' least-squares slope over the last 10 days (the
/// series has no breadth data), VIX against the fitted long-run level `long_run`; the
/// configuration's override wins.
pub fn regime_on(rows: &[DailyClose], i: usize, cfg: &Config, long_run: f64) -> Regime {
    let from = (i + 1).saturating_sub(RSI_LOOKBACK);
    let closes: Vec<f64> = rows[from..=i.min(rows.len() - 1)]
        .iter()
        .map(|r| r.spx)
        .collect();
    let rsi = latest_rsi(&closes, 14).unwrap_or(cfg.indicators.rsi);
    let ad = least_squares_slope(&closes, 10).map_or(Trend::Flat, Trend::from_slope);
    let vix = rows[i.min(rows.len() - 1)].vix;
    assess_regime(
        RegimeInputs {
            rsi,
            ad,
            vix,
            long_run,
        },
        &cfg.rules,
        cfg.indicators.regime_override,
    )
    .regime
}

/// A placed position and its daily marks.
pub(crate) struct Marker {
    pub model: Model,
    /// The date of entry.
    pub start: Date,
    /// Settled price of each leg once its expiry has passed.
    settled: Vec<Option<f64>>,
    prices: Vec<f64>,
}

impl Marker {
    pub fn new(config: &Config) -> Result<Marker, HistoryError> {
        let model = Model::build(config).map_err(|e| HistoryError::Placement {
            date: config.market.valuation_date,
            reason: e.to_string(),
        })?;
        let n = model.legs.len();
        Ok(Marker {
            model,
            start: config.market.valuation_date,
            settled: vec![None; n],
            prices: Vec::with_capacity(n),
        })
    }

    /// P/L ($) of each layer on `day`, with the next row's date `next` (to settle a leg whose
    /// expiry day is missing from the series on its last close).
    pub fn mark(&mut self, day: &DailyClose, next: Option<Date>) -> (f64, f64) {
        let h = self.start.days_until(day.date);
        let next_h = next.map(|d| self.start.days_until(d));
        let at = self.model.at_horizon(h as f64);
        at.leg_prices_with_vix(day.spx, day.vix, &mut self.prices);
        let (mut condor, mut hedge) = (0.0, 0.0);
        for (k, leg) in self.model.legs.iter().enumerate() {
            let price = match self.settled[k] {
                Some(p) => p,
                None if h >= leg.expiry_days => {
                    self.settled[k] = Some(self.prices[k]);
                    self.prices[k]
                }
                None if next_h.is_some_and(|n| n > leg.expiry_days) => {
                    // The expiry day has no row in the series: settle on this close.
                    let mut one = Vec::new();
                    self.model
                        .at_horizon(leg.expiry_days as f64)
                        .leg_prices_with_vix(day.spx, day.vix, &mut one);
                    self.settled[k] = Some(one[k]);
                    one[k]
                }
                None => self.prices[k],
            };
            let pnl = leg.pnl(price);
            match leg.layer {
                Layer::Condor => condor += pnl,
                Layer::Hedge => hedge += pnl,
            }
        }
        (condor, hedge)
    }
}

/// A named episode: a start date picked from the series (the last close before the fall
/// began, usually the SPX peak) and its name.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Episode {
    pub id: &'static str,
    pub name: &'static str,
    pub start: Date,
    /// Trading days to replay by default (the position may end earlier, at its expiry).
    pub trading_days: usize,
}

const fn ep(
    id: &'static str,
    name: &'static str,
    y: i32,
    m: u8,
    d: u8,
    days: usize,
) -> (&'static str, &'static str, i32, u8, u8, usize) {
    (id, name, y, m, d, days)
}

const EPISODES: [(&str, &str, i32, u8, u8, usize); 9] = [
    ep(
        "1998-08",
        "1998 LTCM and Russia (SPX peak 1998-07-17)",
        1998,
        7,
        17,
        60,
    ),
    ep(
        "2008-10",
        "October 2008 (after Lehman, from 2008-09-19)",
        2008,
        9,
        19,
        60,
    ),
    ep(
        "2011-08",
        "August 2011 US downgrade (from 2011-07-22)",
        2011,
        7,
        22,
        60,
    ),
    ep(
        "2015-08",
        "August 2015 yuan devaluation and flash crash (from 2015-08-14)",
        2015,
        8,
        14,
        60,
    ),
    ep(
        "2018-02",
        "February 2018 Volmageddon (SPX peak 2018-01-26)",
        2018,
        1,
        26,
        60,
    ),
    ep(
        "2020-03",
        "March 2020 Covid crash (SPX peak 2020-02-19)",
        2020,
        2,
        19,
        60,
    ),
    ep(
        "2022",
        "2022 bear market (SPX peak 2022-01-03)",
        2022,
        1,
        3,
        60,
    ),
    ep(
        "2024-08",
        "August 2024 yen carry unwind (SPX peak 2024-07-16)",
        2024,
        7,
        16,
        60,
    ),
    ep(
        "2025-04",
        "April 2025 tariff shock (SPX peak 2025-02-19)",
        2025,
        2,
        19,
        60,
    ),
];

/// The named episodes, oldest first (start dates are closes present in the shipped series).
pub fn episodes() -> Vec<Episode> {
    EPISODES
        .iter()
        .map(|&(id, name, y, m, d, days)| Episode {
            id,
            name,
            start: Date::from_ymd_clamped(y, m, d),
            trading_days: days,
        })
        .collect()
}

/// The episode with this id.
pub fn episode(id: &str) -> Option<Episode> {
    episodes().into_iter().find(|e| e.id == id)
}

/// One replayed day. $ figures are P/L since entry.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplayRow {
    pub date: Date,
    /// SPX close, points.
    pub spx: f64,
    /// VIX close, points.
    pub vix: f64,
    pub condor: f64,
    pub hedge: f64,
    pub combined: f64,
    /// What the scenario (at entry) gave for this SPX level at this horizon: VIX (points).
    pub scenario_vix: f64,
    /// ... and the combined P/L ($).
    pub scenario_combined: f64,
}

/// A replayed position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Replay {
    /// The configuration placed on the start day.
    pub placed: Config,
    /// Regime R4 used for the hedge size.
    pub regime: Regime,
    /// Condor credit at entry, $ (model mid).
    pub credit_dollars: f64,
    /// Hedge cost at entry, $ (model mid; negative for a credit).
    pub hedge_cost_dollars: f64,
    pub rows: Vec<ReplayRow>,
    /// Date and combined P/L ($) of the worst day.
    pub worst_day: Option<(Date, f64)>,
    /// What the scenario at entry gave for the worst day's SPX level and horizon, $.
    pub worst_day_predicted: Option<f64>,
    /// First day after entry on which the hedge's P/L is above $1.
    pub hedge_first_pays: Option<Date>,
    /// Last row: the scenario's combined P/L at the SPX level reached against the replay's.
    pub final_predicted_vs_actual: Option<(f64, f64)>,
    /// What the figures are, in words.
    pub note: String,
}

/// Replays the position `placement` places on the first trading day on or after `start`,
/// for at most `trading_days` rows (0: until the condor's expiry), ending at the condor's
/// expiry at the latest.
pub fn replay(
    rows: &[DailyClose],
    placement: &Placement,
    start: Date,
    trading_days: usize,
) -> Result<Replay, HistoryError> {
    let i0 = index_on_or_after(rows, start).ok_or(HistoryError::NoDataAfter(start))?;
    let (placed, regime) = placement.place(rows, i0)?;
    let mut marker = Marker::new(&placed)?;
    let expiry = placed.condor.expiry;
    let limit = if trading_days == 0 {
        usize::MAX
    } else {
        trading_days
    };
    let mut out = Vec::new();
    for (j, day) in rows[i0..].iter().enumerate() {
        if day.date > expiry || j >= limit {
            break;
        }
        let next = rows.get(i0 + j + 1).map(|r| r.date);
        let (condor, hedge) = marker.mark(day, next);
        let h = marker.start.days_until(day.date) as f64;
        let sc = &marker.model.scenario;
        let scenario_vix = sc.vix_at(day.spx, h / 365.0);
        let predicted = marker.model.at_horizon(h).pnl(day.spx).combined();
        out.push(ReplayRow {
            date: day.date,
            spx: day.spx,
            vix: day.vix,
            condor,
            hedge,
            combined: condor + hedge,
            scenario_vix,
            scenario_combined: predicted,
        });
    }
    let legs = &marker.model.legs;
    let cost = |layer: Layer| -> f64 {
        legs.iter()
            .filter(|l| l.layer == layer)
            .map(|l| l.qty as f64 * l.multiplier * l.entry)
            .sum()
    };
    let worst = out.iter().min_by(|a, b| a.combined.total_cmp(&b.combined));
    let worst_day = worst.map(|r| (r.date, r.combined));
    let worst_day_predicted = worst.map(|r| r.scenario_combined);
    // After the entry day, by more than a dollar (rounding of the entry mark is not a payoff).
    let hedge_first_pays = out.iter().skip(1).find(|r| r.hedge > 1.0).map(|r| r.date);
    let final_predicted_vs_actual = out.last().map(|r| (r.scenario_combined, r.combined));
    Ok(Replay {
        regime,
        credit_dollars: -cost(Layer::Condor),
        hedge_cost_dollars: cost(Layer::Hedge),
        rows: out,
        worst_day,
        worst_day_predicted,
        hedge_first_pays,
        final_predicted_vs_actual,
        note: NOTE.to_string(),
        placed,
    })
}

/// The label every History figure carries.
pub const NOTE: &str = "Model-priced from daily SPX and VIX closes (no historical option quotes): SPX vols from the day's VIX and the model's smile, VIX futures from the curve re-anchored to the day's VIX, VIX options settled on the VIX close, SPX monthlies (AM-settled) approximated by the close. The model's smile is milder than real crisis skews.";

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(n: usize, spx: f64, vix: f64) -> Vec<DailyClose> {
        let mut d = Date::from_ymd(2021, 1, 4).unwrap();
        let mut out = Vec::new();
        while out.len() < n {
            if crate::calendar::expiry::is_business_day(d) {
                out.push(DailyClose { date: d, spx, vix });
            }
            d = d.add_days(1);
        }
        out
    }

    fn placement() -> Placement {
        Placement::from_config(&Config::defaults_for(Date::from_ymd(2026, 11, 24).unwrap()))
            .unwrap()
    }

    #[test]
    fn the_placement_reads_the_configuration() {
        let p = placement();
        assert!((0.10..0.22).contains(&p.put_delta), "{}", p.put_delta);
        assert!((0.10..0.22).contains(&p.call_delta), "{}", p.call_delta);
        assert!((30..=60).contains(&p.target_dte));
        assert!(p.hedge);
    }

    #[test]
    fn on_a_flat_path_the_condor_keeps_its_credit_at_expiry() {
        let rows = flat(80, 4000.0, 16.0);
        let r = replay(&rows, &placement(), rows[0].date, 0).unwrap();
        let last = r.rows.last().unwrap();
        assert_eq!(
            last.date, r.placed.condor.expiry,
            "settles on the expiry close"
        );
        assert!(
            (last.condor - r.credit_dollars).abs() < 1e-6,
            "{} vs {}",
            last.condor,
            r.credit_dollars
        );
        // The first row is the entry: no P/L.
        assert!(r.rows[0].combined.abs() < 1e-6);
        // The hedge loses at most its cost.
        assert!(last.hedge >= -r.hedge_cost_dollars - 1e-6);
    }

    #[test]
    fn every_episode_starts_on_a_close_of_the_shipped_series() {
        for e in episodes() {
            assert!(
                crate::calendar::expiry::is_business_day(e.start),
                "{}",
                e.id
            );
        }
        assert!(episode("2020-03").is_some() && episode("nope").is_none());
    }
}
