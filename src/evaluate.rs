//! The pure pipeline: Config -> Report (spec §4, §5). Deterministic; no I/O.

use crate::config::Config;
use crate::error::ConfigErrors;
use crate::model::{model_error, LayerPnl, Model};
use crate::pricing::PricingError;
use crate::report::*;
use crate::risk::{curve_figures, distribution_figures, Merton, FINE_FACTOR};
use crate::strategy::{years, Leg, LegKind};
use crate::validate::validate;

/// Relative step of the scenario-delta central difference.
const SCENARIO_BUMP: f64 = 1e-5;

/// Evaluates a configuration: validates every field (all problems reported at once), then
/// values the position along the scenario at every horizon.
pub fn evaluate(config: &Config) -> Result<Report, ConfigErrors> {
    let errors = validate(config);
    if !errors.is_empty() {
        return Err(ConfigErrors(errors));
    }
    let model = Model::build(config)?;
    let s0 = config.market.spot;
    let sc = &model.scenario;

    let mut legs = Vec::with_capacity(model.legs.len());
    let mut greeks: Layered<PositionGreeks> = Layered::default();
    let mut hedge_vega = 0.0;
    let mut spx_vega = 0.0;
    for leg in &model.legs {
        let (report, vix_vega) = leg_report(&model, leg).map_err(model_error)?;
        let layer = match leg.layer {
            Layer::Condor => &mut greeks.condor,
            Layer::Hedge => &mut greeks.hedge,
        };
        add_greeks(layer, &report.greeks);
        match leg.kind {
            LegKind::Spx { .. } => spx_vega += report.greeks.vega_per_point,
            _ => hedge_vega += vix_vega,
        }
        legs.push(report);
    }
    // Hedge layer vega is its VIX-point sensitivity through the full model (spec §11).
    greeks.hedge.vega_per_point = hedge_vega;
    greeks.combined = PositionGreeks {
        // Plain delta and gamma count the SPX legs with VIX held (spec §11).
        delta_dollars: greeks.condor.delta_dollars,
        gamma_dollars_per_pct: greeks.condor.gamma_dollars_per_pct,
        vega_per_point: spx_vega + hedge_vega,
        theta_per_day: greeks.condor.theta_per_day + greeks.hedge.theta_per_day,
        rho_per_pct: greeks.condor.rho_per_pct + greeks.hedge.rho_per_pct,
    };

    let h = s0 * SCENARIO_BUMP;
    let up = model.pnl(s0 + h, 0.0).map_err(model_error)?.combined();
    let dn = model.pnl(s0 - h, 0.0).map_err(model_error)?.combined();
    let scenario_delta_dollars = (up - dn) / (2.0 * h) * s0;

    let summary = summary(config, &model, &legs);
    let curves = curves(config, &model).map_err(model_error)?;
    let risk = risk_metrics(config, &model);
    let (gdays, glabel) = match config.view.slider_days {
        Some(d) => (d, format!("T+{d}d")),
        None => (0, "T+0".to_string()),
    };
    let greeks_curve =
        crate::analysis::greeks_curve(&model, &curves.spots, gdays, glabel).map_err(model_error)?;
    let efficiency = crate::analysis::hedge_efficiency(
        &model,
        summary.hedge_cost_dollars,
        summary.credit_dollars,
    )
    .map_err(model_error)?;
    let curve = sc.curve;
    let condor_days = model.condor_days;
    let mut report = Report {
        fingerprint: crate::state::fingerprint(config),
        market: MarketSummary {
            atm_vol: sc.atm_vol(sc.vix_at(s0, 0.0)),
            condor_days,
            curve_kappa: curve.kappa,
            curve_theta: curve.theta,
            curve_rmse: curve.rmse,
            curve_warning: curve.poor_fit(),
            spx_expiries: expiry_choices(config, crate::calendar::expiry::spx_monthlies_from),
            vix_expiries: expiry_choices(config, crate::calendar::expiry::vix_expiries_from),
            curve_samples: (0..=60)
                .map(|i| {
                    let d = 4.0 * i as f64;
                    (d, curve.future(years(d)))
                })
                .collect(),
        },
        legs,
        greeks,
        scenario_delta_dollars,
        hedge_vega_per_vix_point: hedge_vega,
        combined_vega_per_point: spx_vega + hedge_vega,
        summary,
        curves,
        greeks_curve,
        efficiency,
        risk,
        rules: Default::default(),
        assumptions: assumptions(config),
    };
    report.rules = crate::rules::evaluate_rules(config, &report);
    Ok(report)
}

/// Number of upcoming expirations offered in the pickers.
const EXPIRY_CHOICES: usize = 10;

fn expiry_choices(
    config: &Config,
    list: fn(crate::calendar::Date, usize) -> Vec<crate::calendar::Date>,
) -> Vec<ExpiryChoice> {
    let today = config.market.valuation_date;
    list(today.add_days(1), EXPIRY_CHOICES)
        .into_iter()
        .map(|date| ExpiryChoice {
            date,
            days: today.days_until(date),
        })
        .collect()
}

fn add_greeks(acc: &mut PositionGreeks, g: &PositionGreeks) {
    acc.delta_dollars += g.delta_dollars;
    acc.gamma_dollars_per_pct += g.gamma_dollars_per_pct;
    acc.vega_per_point += g.vega_per_point;
    acc.theta_per_day += g.theta_per_day;
    acc.rho_per_pct += g.rho_per_pct;
}

/// Leg report at T+0, S0; also returns the leg's $ change for +1 VIX point (full model).
fn leg_report(model: &Model, leg: &Leg) -> Result<(LegReport, f64), PricingError> {
    let sc = &model.scenario;
    let s0 = sc.s0;
    let vix0 = sc.vix_at(s0, 0.0);
    let st = leg.state_with_vix(sc, s0, vix0, 0.0)?;
    let v = st.valuation;
    let scale = leg.qty as f64 * leg.multiplier;
    let u = st.underlying;
    let mut g = PositionGreeks {
        delta_dollars: v.delta * u * scale,
        gamma_dollars_per_pct: v.gamma * u * u / 100.0 * scale,
        vega_per_point: v.vega / 100.0 * scale,
        theta_per_day: v.theta / 365.0 * scale,
        rho_per_pct: v.rho / 100.0 * scale,
    };
    let vix_vega = match leg.kind {
        LegKind::Spx { .. } => 0.0,
        _ => {
            let bumped = leg.state_with_vix(sc, s0, vix0 + 1.0, 0.0)?.valuation.price;
            let vv = (bumped - v.price) * scale;
            g.vega_per_point = vv;
            vv
        }
    };
    let report = LegReport {
        layer: leg.layer,
        label: leg.label.clone(),
        qty: leg.qty,
        multiplier: leg.multiplier,
        strike: leg.strike(),
        days: leg.expiry_days,
        vol: st.vol,
        underlying: u,
        model_price: v.price,
        entry_price: leg.entry,
        greeks: g,
    };
    Ok((report, vix_vega))
}

fn summary(config: &Config, model: &Model, legs: &[LegReport]) -> Summary {
    let c = &config.condor;
    let n = c.contracts as f64;
    let max_wing = c.put_wing.max(c.call_wing);
    let credit_dollars = model.credit * 100.0 * n;
    let hedge_cost_dollars: f64 = legs
        .iter()
        .filter(|l| l.layer == Layer::Hedge)
        .filter(|l| l.strike > 0.0)
        .map(|l| l.entry_price * l.qty as f64 * l.multiplier)
        .sum();
    Summary {
        credit_points: model.credit,
        credit_dollars,
        model_credit_points: model.model_credit,
        defined_risk_dollars: (max_wing - model.credit) * 100.0 * n,
        condor_notional: max_wing * 100.0 * n,
        hedge_cost_dollars,
        hedge_cost_ratio: if credit_dollars > 0.0 {
            hedge_cost_dollars / credit_dollars
        } else {
            0.0
        },
    }
}

/// The horizons to draw: (label, days, is_expiry, is_slider).
fn horizons(config: &Config, condor_days: i64) -> Vec<(String, i64, bool, bool)> {
    let mut days: Vec<i64> = config.view.horizon_days.clone();
    days.sort_unstable();
    days.dedup();
    let mut out: Vec<(String, i64, bool, bool)> = days
        .into_iter()
        .filter(|&d| !(config.view.include_expiry && d == condor_days))
        .map(|d| {
            (
                if d == 0 {
                    "T+0".to_string()
                } else {
                    format!("T+{d}d")
                },
                d,
                false,
                false,
            )
        })
        .collect();
    if config.view.include_expiry {
        out.push((
            format!("Expiry {}", config.condor.expiry),
            condor_days,
            true,
            false,
        ));
    }
    if let Some(d) = config.view.slider_days {
        out.push((format!("Slider T+{d}d"), d, false, true));
    }
    out
}

fn curves(config: &Config, model: &Model) -> Result<Curves, PricingError> {
    let s0 = config.market.spot;
    let range = config.view.range;
    let steps = config.view.steps + config.view.steps % 2;
    let lo = s0 * (1.0 - range);
    let hi = s0 * (1.0 + range);
    let spots: Vec<f64> = (0..=steps)
        .map(|i| lo + (hi - lo) * i as f64 / steps as f64)
        .collect();
    let spot_index = steps / 2;
    let strikes: Vec<f64> = model
        .spx_strikes()
        .into_iter()
        .filter(|k| *k > lo && *k < hi)
        .collect();
    let mut out = Vec::new();
    for (label, days, is_expiry, is_slider) in horizons(config, model.condor_days) {
        let hd = days as f64;
        let hy = years(hd);
        let vix: Vec<f64> = spots
            .iter()
            .map(|&s| model.scenario.vix_at(s, hy))
            .collect();
        let coarse = model.pnl_many(&spots, hd);
        let eval = |s: f64| model.pnl(s, hd).unwrap_or_default();
        let (fine, fine_vals) = fine_grid(&spots, &coarse, &strikes, &|xs| model.pnl_many(xs, hd));
        let fig = |pick: fn(&LayerPnl) -> f64| {
            let ys: Vec<f64> = fine_vals.iter().map(pick).collect();
            curve_figures(&|s| pick(&eval(s)), &fine, &ys)
        };
        out.push(HorizonCurve {
            label,
            days,
            is_expiry,
            is_slider,
            vix,
            pnl: Layered {
                condor: coarse.iter().map(|p| p.condor).collect(),
                hedge: coarse.iter().map(|p| p.hedge).collect(),
                combined: coarse.iter().map(|p| p.combined()).collect(),
            },
            figures: Layered {
                condor: fig(|p| p.condor),
                hedge: fig(|p| p.hedge),
                combined: fig(|p| p.combined()),
            },
        });
    }
    Ok(Curves {
        spots,
        spot_index,
        horizons: out,
    })
}

/// The search grid for break-evens and extremes (spec §11): every coarse interval is split
/// FINE_FACTOR times wherever a root or an extreme could hide in it, i.e. where the P/L at
/// the interval's ends is within four times the local variation of zero (a smooth curve
/// cannot cross zero and come back inside an interval whose ends are further than that),
/// or where the interval holds the largest or smallest coarse value; every strike is a node.
fn fine_grid(
    spots: &[f64],
    coarse: &[LayerPnl],
    strikes: &[f64],
    eval_many: &dyn Fn(&[f64]) -> Vec<LayerPnl>,
) -> (Vec<f64>, Vec<LayerPnl>) {
    let n = spots.len();
    let layers: [fn(&LayerPnl) -> f64; 3] = [|p| p.condor, |p| p.hedge, |p| p.combined()];
    let mut refine = vec![false; n.saturating_sub(1)];
    for pick in layers {
        let ys: Vec<f64> = coarse.iter().map(pick).collect();
        let (imax, imin) = ys.iter().enumerate().fold((0, 0), |(mx, mn), (i, &y)| {
            (
                if y > ys[mx] { i } else { mx },
                if y < ys[mn] { i } else { mn },
            )
        });
        for i in 0..n.saturating_sub(1) {
            let lo = i.saturating_sub(1);
            let hi = (i + 2).min(n - 1);
            let variation = (lo..hi)
                .map(|j| (ys[j + 1] - ys[j]).abs())
                .fold(0.0, f64::max);
            let near_zero =
                ys[i].abs().min(ys[i + 1].abs()) <= 4.0 * variation + crate::risk::ZERO_PNL;
            let near_extreme = [imax, imin].iter().any(|&k| k == i || k == i + 1);
            refine[i] |= near_zero || near_extreme;
        }
    }
    let mut xs = Vec::with_capacity(n * 2);
    for i in 0..n {
        xs.push(spots[i]);
        if i + 1 < n && refine[i] {
            for j in 1..FINE_FACTOR {
                xs.push(spots[i] + (spots[i + 1] - spots[i]) * j as f64 / FINE_FACTOR as f64);
            }
        }
    }
    for &k in strikes {
        let pos = xs.partition_point(|&x| x < k);
        if xs.get(pos) != Some(&k) {
            xs.insert(pos, k);
        }
    }
    // Coarse nodes keep their values; only the added points are valued (in one batch).
    let added: Vec<f64> = xs
        .iter()
        .copied()
        .filter(|x| spots.binary_search_by(|s| s.total_cmp(x)).is_err())
        .collect();
    let mut added_vals = eval_many(&added).into_iter();
    let mut coarse_vals = coarse.iter();
    let vals = xs
        .iter()
        .map(|x| {
            if spots.binary_search_by(|s| s.total_cmp(x)).is_ok() {
                coarse_vals.next().copied().unwrap_or_default()
            } else {
                added_vals.next().unwrap_or_default()
            }
        })
        .collect();
    (xs, vals)
}

fn risk_metrics(config: &Config, model: &Model) -> Option<RiskMetrics> {
    let v = &config.view;
    let sc = &model.scenario;
    let merton = Merton {
        s0: sc.s0,
        drift: sc.rate - sc.div_yield,
        vol: sc.atm_vol(sc.vix_at(sc.s0, 0.0)),
        intensity: v.jump_intensity,
        jump_mean: v.jump_mean,
        jump_vol: v.jump_vol,
    };
    let h = v.risk_horizon_days as f64;
    let comps = merton.components(years(h));
    // The three layers are integrated over the same nodes: value each node once.
    let all_nodes: Vec<f64> = comps.iter().flat_map(crate::risk::nodes).collect();
    let prefilled = all_nodes
        .iter()
        .map(|s| s.to_bits())
        .zip(model.pnl_many(&all_nodes, h));
    let cache =
        std::cell::RefCell::new(prefilled.collect::<std::collections::HashMap<u64, LayerPnl>>());
    let eval = |s: f64| -> LayerPnl {
        if let Some(v) = cache.borrow().get(&s.to_bits()) {
            return *v;
        }
        let v = model.pnl(s, h).unwrap_or_default();
        cache.borrow_mut().insert(s.to_bits(), v);
        v
    };
    Some(RiskMetrics {
        horizon_days: v.risk_horizon_days,
        metrics: Layered {
            condor: distribution_figures(&|s| eval(s).condor, &comps),
            hedge: distribution_figures(&|s| eval(s).hedge, &comps),
            combined: distribution_figures(&|s| eval(s).combined(), &comps),
        },
    })
}

/// The model's assumptions in words, for the assumptions panel.
fn assumptions(config: &Config) -> Vec<String> {
    let s = &config.scenario;
    let mode = match s.vix_mode {
        crate::config::VixMode::Hold => {
            "VIX holds at spot as time passes (only the SPX move changes it)"
        }
        crate::config::VixMode::Roll => "VIX rolls along the fitted futures curve as time passes",
    };
    vec![
        "SPX options: Black-Scholes-Merton, European, cash settled; time = calendar days / 365.".into(),
        "VIX options: Black-76 on the VIX future of the same expiry; VX/VXM futures are linear.".into(),
        format!(
            "VIX follows SPX: -{} x % for falls, -{} x % for rallies, fall convexity {}, shock {:+} pts.",
            s.beta_dn, s.beta_up, s.convexity, s.vix_shock
        ),
        mode.to_string(),
        "SPX ATM vol = (VIX - spread) / 100; each leg follows the smile re-centred on S (sticky moneyness).".into(),
        "A VIX future's quote over the fitted curve is a basis that fades linearly to zero at its expiry.".into(),
        "A VIX option at or past expiry is worth its intrinsic value on the scenario VIX (settlement approximated by VIX).".into(),
        "P/L is undiscounted, with no financing; entries are model values unless a fill is typed.".into(),
        "Distribution: lognormal with today's ATM vol (Merton jumps when the intensity is above 0), drift r - q.".into(),
    ]
}
