//! The grouped inputs: Market, Condor, Hedge layer, Scenario. Each field names its unit.

use super::expiry_pick::{ExpiryKind, ExpiryPicker};
use super::fields::{remove_at, DateField, NumberField, NumberKind, RemoveButton, SelectField};
use super::format::{dollars, number, percent};
use super::smile_inputs::SmileInputs;
use super::state::{report_text, AppState};
use crate::config::{FuturePoint, HedgeLeg, Instrument, VixMode};
use crate::engine::report::{Layer, LegReport};
use leptos::prelude::*;

/// Percent shown, decimal stored.
fn pct(v: f64) -> f64 {
    v * 100.0
}
fn from_pct(v: f64) -> f64 {
    v / 100.0
}

/// A text for the Report-derived hint, or empty while there is no report.
fn report_hint(
    state: AppState,
    f: impl Fn(&crate::Report) -> Option<String> + Send + Sync + 'static,
) -> Signal<String> {
    Signal::derive(report_text(state.shown, move |r| f(r).unwrap_or_default()))
}

/// A foldable input group; its summary line shows the group's key figures when folded.
#[component]
pub fn Group(
    title: &'static str,
    testid: &'static str,
    #[prop(into)] key_figures: Signal<String>,
    children: Children,
) -> impl IntoView {
    // Phones start with the groups folded so the chart is one scroll away.
    let open = !super::browser::is_narrow();
    view! {
        <details class="group" open=open data-testid=testid>
            <summary>
                <span class="group-title">{title}</span>
                <span class="group-key" data-testid=format!("{testid}-key")>{move || key_figures.get()}</span>
            </summary>
            <div class="group-body" role="group" aria-label=title>{children()}</div>
        </details>
    }
}

/// The report line of hedge leg `index` (hedge legs follow the condor legs in `legs`).
fn hedge_leg(report: &crate::Report, index: usize) -> Option<&LegReport> {
    report
        .legs
        .iter()
        .filter(|l| l.layer == Layer::Hedge)
        .nth(index)
}

fn market_key(state: AppState) -> Signal<String> {
    Signal::derive(move || {
        let (spot, vix) = state.config.with(|c| (c.market.spot, c.market.vix));
        let atm = state.shown.with(|r| {
            r.as_ref()
                .map(|r| format!(" · ATM IV {}", percent(r.market.atm_vol, 1)))
        });
        format!(
            "SPX {} · VIX {}{}",
            number(spot, 0),
            number(vix, 1),
            atm.unwrap_or_default()
        )
    })
}

fn condor_key(state: AppState) -> Signal<String> {
    Signal::derive(move || {
        let (put, call) = state
            .config
            .with(|c| (c.condor.short_put, c.condor.short_call));
        let rest = state.shown.with(|r| {
            r.as_ref().map(|r| {
                format!(
                    " · {} DTE · credit {}",
                    r.market.condor_days,
                    dollars(r.summary.credit_dollars)
                )
            })
        });
        format!(
            "{}/{}{}",
            number(put, 0),
            number(call, 0),
            rest.unwrap_or_default()
        )
    })
}

fn hedge_key(state: AppState) -> Signal<String> {
    Signal::derive(move || {
        let legs = state.config.with(|c| c.hedge.legs.len());
        let cost = state.shown.with(|r| {
            r.as_ref()
                .map(|r| format!(" · cost {}", dollars(r.summary.hedge_cost_dollars)))
        });
        format!(
            "{legs} leg{}{}",
            if legs == 1 { "" } else { "s" },
            cost.unwrap_or_default()
        )
    })
}

fn scenario_key(state: AppState) -> Signal<String> {
    Signal::derive(move || {
        state.config.with(|c| {
            let s = &c.scenario;
            let mode = match s.vix_mode {
                VixMode::Hold => "hold",
                VixMode::Roll => "roll",
            };
            format!(
                "β {}/{} · shock {} pts · {mode}",
                number(s.beta_dn, 1),
                number(s.beta_up, 1),
                number(s.vix_shock, 1)
            )
        })
    })
}

/// Market group: valuation date, SPX, rates, VIX, ATM ratio (or an old link's spread), ATM IV,
/// vol-of-vol, smile, futures curve.
#[component]
pub fn MarketInputs(state: AppState) -> impl IntoView {
    let spread_form = Memo::new(move |_| state.config.with(|c| c.market.vix_atm_spread.is_some()));
    view! {
        <Group title="Market" testid="group-market" key_figures=market_key(state)>
            <DateField state label="Valuation date" path="market.valuation_date"
                get=|c| Some(c.market.valuation_date) set=|c, d| c.market.valuation_date = d />
            <NumberField state label="SPX spot" unit="pts" path="market.spot"
                get=|c| Some(c.market.spot) set=|c, v| if let Some(v) = v { c.market.spot = v } />
            <NumberField state label="Risk-free rate" unit="% /yr" path="market.rate"
                get=|c| Some(pct(c.market.rate)) set=|c, v| if let Some(v) = v { c.market.rate = from_pct(v) } />
            <NumberField state label="Dividend yield" unit="% /yr" path="market.div_yield"
                get=|c| Some(pct(c.market.div_yield)) set=|c, v| if let Some(v) = v { c.market.div_yield = from_pct(v) } />
            <NumberField state label="VIX" unit="pts" path="market.vix"
                get=|c| Some(c.market.vix) set=|c, v| if let Some(v) = v { c.market.vix = v } />
            <NumberField state label="ATM ratio (SPX ATM vol ÷ VIX)" unit="×" path="market.atm_ratio"
                get=|c| Some(c.market.atm_ratio) set=|c, v| if let Some(v) = v { c.market.atm_ratio = v } />
            // Only a link made before the 2026-12-03 revision carries the spread; it then sets
            // the ATM vol (VIX - spread) and the ratio above is not used.
            <Show when=move || spread_form.get()>
                <NumberField state label="VIX − ATM spread, vol pts (first-revision form)" unit="vol pts" path="market.vix_atm_spread"
                    get=|c| c.market.vix_atm_spread set=|c, v| if let Some(v) = v { c.market.vix_atm_spread = Some(v) } />
            </Show>
            <NumberField state label="ATM IV override" unit="%" path="market.atm_iv_override" optional=true
                placeholder="from VIX"
                hint=report_hint(state, |r| Some(format!("used {}%", number(r.market.atm_vol * 100.0, 2))))
                get=|c| c.market.atm_iv_override.map(pct) set=|c, v| c.market.atm_iv_override = v.map(from_pct) />
            <NumberField state label="VIX vol-of-vol (30-day ATM)" unit="%" path="market.vov.vov_30d"
                get=|c| Some(pct(c.market.vov.vov_30d)) set=|c, v| if let Some(v) = v { c.market.vov.vov_30d = from_pct(v) } />
            <SmileInputs state />
            <FuturesTable state />
        </Group>
    }
}

/// The quotes as they stand at the current spot VIX (spec §3.4), from the core: what the
/// futures fields show, so that raising VIX moves them unless the curve is locked.
fn current_quote(c: &crate::Config, i: usize) -> Option<FuturePoint> {
    c.market.effective_futures(&c.scenario).get(i).cloned()
}

/// Writes the shown quotes into the Config (the core's `rebase_quotes`) before an edit of the
/// curve, so that what was shown is what is kept.
fn rebase(c: &mut crate::Config) {
    c.market.rebase_quotes(&c.scenario);
}

/// The VIX futures curve: the quotes as they stand now (moved with spot VIX unless locked),
/// the lock, and the report's warning (a locked curve that contradicts spot) and notice (an
/// old link's curve response).
#[component]
fn FuturesTable(state: AppState) -> impl IntoView {
    let count = Memo::new(move |_| state.config.with(|c| c.market.futures.len()));
    let locked = Memo::new(move |_| state.config.with(|c| c.market.futures_locked));
    let rows = move || {
        (0..count.get())
            .map(|i| {
                view! {
                    <tr data-testid=format!("future-row-{i}")>
                        <td>
                            <DateField state compact=true label="Future expiry" path=format!("market.futures.{i}.expiry")
                                get=move |c| c.market.futures.get(i).map(|f| f.expiry)
                                set=move |c, d| { rebase(c); if let Some(f) = c.market.futures.get_mut(i) { f.expiry = d } } />
                        </td>
                        <td>
                            <NumberField state compact=true label="Future price" unit="pts" path=format!("market.futures.{i}.price")
                                get=move |c| current_quote(c, i).map(|f| f.price)
                                set=move |c, v| { rebase(c); if let (Some(f), Some(v)) = (c.market.futures.get_mut(i), v) { f.price = v } } />
                        </td>
                        <td>
                            <RemoveButton state label=format!("Remove future {}", i + 1) index=i
                                remove=|c, i| { rebase(c); remove_at(&mut c.market.futures, i) } />
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let add = move |_| {
        state.config.update(|c| {
            rebase(c);
            let next = c.market.futures.last().cloned().map(|f| FuturePoint {
                expiry: f.expiry.add_days(28),
                price: f.price,
            });
            if let Some(point) = next {
                c.market.futures.push(point);
            }
        })
    };
    let lock = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        state.config.update(|c| {
            rebase(c);
            c.market.futures_locked = on;
        });
    };
    let text = move |f: fn(&crate::Report) -> Option<String>| {
        move || state.shown.with(|r| r.as_deref().and_then(f))
    };
    let warning = text(|r| r.market.futures_warning.clone());
    let notice = text(|r| r.market.futures_notice.clone());
    view! {
        <details class="subgroup" open>
            <summary>"VIX futures curve"</summary>
            <div class="field check">
                <label for="input-market-futures_locked">"Lock quotes to spot VIX (keep them as typed when VIX changes)"</label>
                <span class="control">
                    <input id="input-market-futures_locked" type="checkbox" data-testid="input-market-futures_locked"
                        prop:checked=move || locked.get() on:change=lock />
                </span>
            </div>
            <table class="mini" data-testid="futures-table">
                <thead><tr><th scope="col">"Expiry"</th><th scope="col">"Price now (VIX pts)"</th><th><span class="sr-only">"Remove"</span></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <button type="button" class="secondary" on:click=add data-testid="add-future">"Add future (+28 days)"</button>
            <Show when=move || warning().is_some()>
                <p class="warning" role="status" data-testid="futures-warning">"⚠ "{warning}</p>
            </Show>
            <Show when=move || notice().is_some()>
                <p class="note" role="status" data-testid="futures-notice">{notice}</p>
            </Show>
        </details>
    }
}

/// Condor group: expiry, strikes (5-point grid), wings, contracts, fill credit.
#[component]
pub fn CondorInputs(state: AppState) -> impl IntoView {
    view! {
        <Group title="Condor (short SPX iron condor)" testid="group-condor" key_figures=condor_key(state)>
            <DateField state label="Expiry" path="condor.expiry"
                hint=report_hint(state, |r| Some(format!("{} days", r.market.condor_days)))
                get=|c| Some(c.condor.expiry) set=|c, d| c.condor.expiry = d />
            <ExpiryPicker state kind=ExpiryKind::Spx testid="condor-expiry" path="condor.expiry"
                get=|c| Some(c.condor.expiry) set=|c, d| c.condor.expiry = d />
            <NumberField state label="Short put strike" unit="pts" path="condor.short_put" snap=5.0
                get=|c| Some(c.condor.short_put) set=|c, v| if let Some(v) = v { c.condor.short_put = v } />
            <NumberField state label="Short call strike" unit="pts" path="condor.short_call" snap=5.0
                get=|c| Some(c.condor.short_call) set=|c, v| if let Some(v) = v { c.condor.short_call = v } />
            <NumberField state label="Put wing width" unit="pts" path="condor.put_wing" snap=5.0
                get=|c| Some(c.condor.put_wing) set=|c, v| if let Some(v) = v { c.condor.put_wing = v } />
            <NumberField state label="Call wing width" unit="pts" path="condor.call_wing" snap=5.0
                get=|c| Some(c.condor.call_wing) set=|c, v| if let Some(v) = v { c.condor.call_wing = v } />
            <NumberField state label="Contracts" unit="condors" path="condor.contracts" kind=NumberKind::Integer
                get=|c| Some(c.condor.contracts as f64) set=|c, v| if let Some(v) = v { c.condor.contracts = v as i64 } />
            <NumberField state label="Fill credit" unit="pts" path="condor.fill_credit" optional=true placeholder="model"
                hint=report_hint(state, |r| Some(format!("model {}", number(r.summary.model_credit_points, 2))))
                get=|c| c.condor.fill_credit set=|c, v| c.condor.fill_credit = v />
        </Group>
    }
}

const INSTRUMENTS: [(Instrument, &str); 4] = [
    (Instrument::VixCall, "VIX call"),
    (Instrument::VixPut, "VIX put"),
    (Instrument::Vx, "VX future"),
    (Instrument::Vxm, "VXM future"),
];

/// Hedge layer group: a card per VIX option or future leg, with add/remove.
#[component]
pub fn HedgeInputs(state: AppState) -> impl IntoView {
    let count = Memo::new(move |_| state.config.with(|c| c.hedge.legs.len()));
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let base = format!("hedge.legs.{i}");
                view! {
                    <div class="leg-card" data-testid=format!("hedge-row-{i}") role="group" aria-label=format!("Hedge leg {}", i + 1)>
                        <div class="leg-head">
                            <span>{format!("Leg {}", i + 1)}</span>
                            <RemoveButton state label=format!("Remove hedge leg {}", i + 1)
                                testid=format!("remove-hedge-{i}") index=i
                                remove=|c, i| remove_at(&mut c.hedge.legs, i) />
                        </div>
                        <div class="leg-grid">
                            <SelectField state stacked=true label="Instrument" path=format!("{base}.instrument")
                                choices=INSTRUMENTS.to_vec()
                                get=move |c| c.hedge.legs.get(i).map(|l| l.instrument)
                                set=move |c, v| if let Some(l) = c.hedge.legs.get_mut(i) { l.instrument = v } />
                            <NumberField state stacked=true label="Strike (VIX pts)" unit="" path=format!("{base}.strike")
                                get=move |c| c.hedge.legs.get(i).map(|l| l.strike)
                                set=move |c, v| if let (Some(l), Some(v)) = (c.hedge.legs.get_mut(i), v) { l.strike = v } />
                            <NumberField state stacked=true label="Qty (long > 0)" unit="" path=format!("{base}.qty")
                                kind=NumberKind::Integer
                                get=move |c| c.hedge.legs.get(i).map(|l| l.qty as f64)
                                set=move |c, v| if let (Some(l), Some(v)) = (c.hedge.legs.get_mut(i), v) { l.qty = v as i64 } />
                            <DateField state stacked=true label="Expiry" path=format!("{base}.expiry")
                                hint=report_hint(state, move |r| hedge_leg(r, i).map(|l| format!("{} days", l.days)))
                                get=move |c| c.hedge.legs.get(i).map(|l| l.expiry)
                                set=move |c, d| if let Some(l) = c.hedge.legs.get_mut(i) { l.expiry = d } />
                            <ExpiryPicker state kind=ExpiryKind::Vix testid=format!("hedge-{i}-expiry") path=format!("{base}.expiry") hedge_leg=i
                                get=move |c| c.hedge.legs.get(i).map(|l| l.expiry)
                                set=move |c, d| if let Some(l) = c.hedge.legs.get_mut(i) { l.expiry = d } />
                            <NumberField state stacked=true label="Entry (VIX pts)" unit="" path=format!("{base}.entry")
                                optional=true placeholder="model"
                                hint=report_hint(state, move |r| hedge_leg(r, i).map(|l| format!("model {}", number(l.model_price, 2))))
                                get=move |c| c.hedge.legs.get(i).and_then(|l| l.entry)
                                set=move |c, v| if let Some(l) = c.hedge.legs.get_mut(i) { l.entry = v } />
                        </div>
                    </div>
                }
            })
            .collect_view()
    };
    let add = move |_| {
        state.config.update(|c| {
            let leg = c.hedge.legs.last().cloned().unwrap_or_else(|| HedgeLeg {
                instrument: Instrument::VixCall,
                strike: 20.0,
                expiry: c
                    .market
                    .futures
                    .first()
                    .map(|f| f.expiry)
                    .unwrap_or(c.condor.expiry),
                qty: 1,
                entry: None,
            });
            c.hedge.legs.push(leg);
        })
    };
    view! {
        <Group title="Hedge layer (VIX)" testid="group-hedge" key_figures=hedge_key(state)>
            <p class="note">"Any VIX options and futures; quantity in contracts (long > 0, short < 0); a blank entry uses the model price."</p>
            <div class="legs" data-testid="hedge-table">{rows}</div>
            <button type="button" class="secondary" on:click=add data-testid="add-hedge-leg">"Add leg"</button>
        </Group>
    }
}

/// Scenario group: VIX elasticities, convexity, level damping, the futures' response beta(tau),
/// parallel shock, hold/roll.
#[component]
pub fn ScenarioInputs(state: AppState) -> impl IntoView {
    view! {
        <Group title="Scenario (VIX response to SPX)" testid="group-scenario" key_figures=scenario_key(state)>
            <NumberField state label="β down (VIX % per 1% SPX fall)" unit="×" path="scenario.beta_dn"
                get=|c| Some(c.scenario.beta_dn) set=|c, v| if let Some(v) = v { c.scenario.beta_dn = v } />
            <NumberField state label="β up (VIX % per 1% SPX rally)" unit="×" path="scenario.beta_up"
                get=|c| Some(c.scenario.beta_up) set=|c, v| if let Some(v) = v { c.scenario.beta_up = v } />
            <NumberField state label="Convexity of falls" unit="γ" path="scenario.convexity"
                get=|c| Some(c.scenario.convexity) set=|c, v| if let Some(v) = v { c.scenario.convexity = v } />
            <NumberField state label="Level damping k" unit="on VIX/16" path="scenario.level_damping"
                get=|c| Some(c.scenario.level_damping) set=|c, v| if let Some(v) = v { c.scenario.level_damping = v } />
            <NumberField state label="Futures beta floor b" unit="×" path="scenario.futures_beta_floor"
                get=|c| Some(c.scenario.futures_beta_floor) set=|c, v| if let Some(v) = v { c.scenario.futures_beta_floor = v } />
            <NumberField state label="Futures beta decay, per year" unit="/yr" path="scenario.futures_beta_kappa"
                get=|c| Some(c.scenario.futures_beta_kappa) set=|c, v| if let Some(v) = v { c.scenario.futures_beta_kappa = v } />
            <NumberField state label="VIX shock" unit="pts" path="scenario.vix_shock"
                get=|c| Some(c.scenario.vix_shock) set=|c, v| if let Some(v) = v { c.scenario.vix_shock = v } />
            <SelectField state label="VIX over time" path="scenario.vix_mode"
                choices=vec![(VixMode::Hold, "Hold at spot VIX"), (VixMode::Roll, "Roll down the futures curve")]
                get=|c| Some(c.scenario.vix_mode) set=|c, v| c.scenario.vix_mode = v />
        </Group>
    }
}
