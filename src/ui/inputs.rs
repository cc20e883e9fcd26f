//! The grouped inputs: Market, Condor, Hedge layer, Scenario. Each field names its unit.

use super::dom::{el, El};
use super::expiry_pick::{expiry_picker, ExpiryKind};
use super::fields::{
    date_field, hint, number_field, remove_button, required_number, select_field, Opts, Text,
};
use super::format::{dollars, number, percent};
use super::smile_inputs::smile_inputs;
use super::state::{report_text, AppState};
use crate::config::{FuturePoint, HedgeLeg, Instrument, VixMode};
use crate::engine::report::{Layer, LegReport};
use reactive_graph::prelude::*;

/// Percent shown, decimal stored.
fn pct(v: f64) -> f64 {
    v * 100.0
}
fn from_pct(v: f64) -> f64 {
    v / 100.0
}

/// A foldable input group; its summary line shows the group's key figures when folded.
fn group(title: &str, testid: &str, key_figures: Text, children: Vec<El>) -> El {
    // Phones start with the groups folded so the chart is one scroll away.
    let open = !super::browser::is_narrow();
    el("details")
        .class("group")
        .flag("open", open)
        .testid(testid)
        .child(
            el("summary")
                .child(el("span").class("group-title").text(title))
                .child(
                    el("span")
                        .class("group-key")
                        .testid(&format!("{testid}-key"))
                        .dyn_text(key_figures),
                ),
        )
        .child(
            el("div")
                .class("group-body")
                .attr("role", "group")
                .attr("aria-label", title)
                .children(children),
        )
}

/// The report line of hedge leg `index` (hedge legs follow the condor legs in `legs`).
fn hedge_leg(report: &crate::Report, index: usize) -> Option<&LegReport> {
    report
        .legs
        .iter()
        .filter(|l| l.layer == Layer::Hedge)
        .nth(index)
}

/// Key figures of the Market group: SPX, VIX and, once there is a report, the ATM IV.
fn market_key(state: AppState) -> Text {
    Box::new(move || {
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

/// Key figures of the Condor group: credit and defined risk.
fn condor_key(state: AppState) -> Text {
    Box::new(report_text(state.shown, |r| {
        format!(
            "credit {} · risk {}",
            dollars(r.summary.credit_dollars),
            dollars(r.summary.defined_risk_dollars)
        )
    }))
}

/// Key figures of the Hedge group: the number of legs and, once there is a report, the cost.
fn hedge_key(state: AppState) -> Text {
    Box::new(move || {
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

/// Key figures of the Scenario group: the betas, the VIX shock and hold/roll.
fn scenario_key(state: AppState) -> Text {
    Box::new(move || {
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

/// Market group: valuation date, SPX, rates, VIX, ATM IV, vol-of-vol, futures curve.
pub fn market_inputs(state: AppState) -> El {
    let plain = Opts::default;
    group(
        "Market",
        "group-market",
        market_key(state),
        vec![
            date_field(
                state,
                "Valuation date",
                "market.valuation_date",
                |c| Some(c.market.valuation_date),
                |c, d| c.market.valuation_date = d,
                plain(),
            ),
            required_number(
                state,
                ("SPX spot", "pts", "market.spot"),
                |c| c.market.spot,
                |c, v| c.market.spot = v,
                plain(),
            ),
            required_number(
                state,
                ("Rate", "% /yr", "market.rate"),
                |c| pct(c.market.rate),
                |c, v| c.market.rate = from_pct(v),
                plain(),
            ),
            required_number(
                state,
                ("Dividend yield", "% /yr", "market.div_yield"),
                |c| pct(c.market.div_yield),
                |c, v| c.market.div_yield = from_pct(v),
                plain(),
            ),
            required_number(
                state,
                ("VIX", "pts", "market.vix"),
                |c| c.market.vix,
                |c, v| c.market.vix = v,
                plain(),
            ),
            required_number(
                state,
                ("VIX − ATM IV spread", "vol pts", "market.vix_atm_spread"),
                |c| c.market.vix_atm_spread,
                |c, v| c.market.vix_atm_spread = v,
                plain(),
            ),
            number_field(
                state,
                "ATM IV override",
                "%",
                "market.atm_iv_override",
                |c| c.market.atm_iv_override.map(pct),
                |c, v| c.market.atm_iv_override = v.map(from_pct),
                Opts {
                    optional: true,
                    placeholder: "from VIX",
                    hint: hint(state, |r| {
                        Some(format!("used {}%", number(r.market.atm_vol * 100.0, 2)))
                    }),
                    ..plain()
                },
            ),
            required_number(
                state,
                ("VIX vol-of-vol (30-day ATM)", "%", "market.vov.vov_30d"),
                |c| pct(c.market.vov.vov_30d),
                |c, v| c.market.vov.vov_30d = from_pct(v),
                plain(),
            ),
            smile_inputs(state),
            futures_table(state),
        ],
    )
}

/// One row of the futures table: expiry, price and a remove button.
fn future_row(state: AppState, i: usize) -> El {
    let compact = || Opts {
        compact: true,
        ..Opts::default()
    };
    let expiry = date_field(
        state,
        "Future expiry",
        &format!("market.futures.{i}.expiry"),
        move |c| c.market.futures.get(i).map(|f| f.expiry),
        move |c, d| {
            if let Some(f) = c.market.futures.get_mut(i) {
                f.expiry = d
            }
        },
        compact(),
    );
    let price = number_field(
        state,
        "Future price",
        "pts",
        &format!("market.futures.{i}.price"),
        move |c| c.market.futures.get(i).map(|f| f.price),
        move |c, v| {
            if let (Some(f), Some(v)) = (c.market.futures.get_mut(i), v) {
                f.price = v
            }
        },
        compact(),
    );
    let remove = remove_button(state, (&format!("Remove future {}", i + 1), ""), i, |c| {
        &mut c.market.futures
    });
    el("tr")
        .testid(&format!("future-row-{i}"))
        .child(el("td").child(expiry))
        .child(el("td").child(price))
        .child(el("td").child(remove))
}

/// The VIX futures curve: a row per future, rebuilt when their number changes.
fn futures_table(state: AppState) -> El {
    let count = move || state.config.with(|c| c.market.futures.len());
    let add = move |_| {
        state.config.update(|c| {
            let next = c.market.futures.last().cloned().map(|f| FuturePoint {
                expiry: f.expiry.add_days(28),
                price: f.price,
            });
            if let Some(point) = next {
                c.market.futures.push(point);
            }
        })
    };
    el("details")
        .class("subgroup")
        .flag("open", true)
        .html("<summary>VIX futures curve</summary>")
        .child(
            el("table")
                .class("mini")
                .testid("futures-table")
                .html(
                    "<thead><tr><th scope=\"col\">Expiry</th><th scope=\"col\">Price (VIX pts)\
                     </th><th><span class=\"sr-only\">Remove</span></th></tr></thead>",
                )
                .child(el("tbody").each(count, move |i| future_row(state, i))),
        )
        .child(
            el("button")
                .attr("type", "button")
                .class("secondary")
                .on("click", add)
                .testid("add-future")
                .text("Add future (+28 days)"),
        )
}

/// Condor group: expiry, strikes (5-point grid), wings, contracts, fill credit.
pub fn condor_inputs(state: AppState) -> El {
    let strike = || Opts {
        snap: Some(5.0),
        ..Opts::default()
    };
    group(
        "Condor (short SPX iron condor)",
        "group-condor",
        condor_key(state),
        vec![
            date_field(
                state,
                "Expiry",
                "condor.expiry",
                |c| Some(c.condor.expiry),
                |c, d| c.condor.expiry = d,
                Opts {
                    hint: hint(state, |r| Some(format!("{} days", r.market.condor_days))),
                    ..Opts::default()
                },
            ),
            expiry_picker(
                state,
                ExpiryKind::Spx,
                "condor-expiry",
                |c| Some(c.condor.expiry),
                |c, d| c.condor.expiry = d,
            ),
            required_number(
                state,
                ("Short put strike", "pts", "condor.short_put"),
                |c| c.condor.short_put,
                |c, v| c.condor.short_put = v,
                strike(),
            ),
            required_number(
                state,
                ("Short call strike", "pts", "condor.short_call"),
                |c| c.condor.short_call,
                |c, v| c.condor.short_call = v,
                strike(),
            ),
            required_number(
                state,
                ("Put wing width", "pts", "condor.put_wing"),
                |c| c.condor.put_wing,
                |c, v| c.condor.put_wing = v,
                strike(),
            ),
            required_number(
                state,
                ("Call wing width", "pts", "condor.call_wing"),
                |c| c.condor.call_wing,
                |c, v| c.condor.call_wing = v,
                strike(),
            ),
            required_number(
                state,
                ("Contracts", "condors", "condor.contracts"),
                |c| c.condor.contracts as f64,
                |c, v| c.condor.contracts = v as i64,
                Opts {
                    integer: true,
                    ..Opts::default()
                },
            ),
            number_field(
                state,
                "Fill credit",
                "pts",
                "condor.fill_credit",
                |c| c.condor.fill_credit,
                |c, v| c.condor.fill_credit = v,
                Opts {
                    optional: true,
                    placeholder: "model",
                    hint: hint(state, |r| {
                        Some(format!(
                            "model {}",
                            number(r.summary.model_credit_points, 2)
                        ))
                    }),
                    ..Opts::default()
                },
            ),
        ],
    )
}

const INSTRUMENTS: [(Instrument, &str); 4] = [
    (Instrument::VixCall, "VIX call"),
    (Instrument::VixPut, "VIX put"),
    (Instrument::Vx, "VX future"),
    (Instrument::Vxm, "VXM future"),
];

/// A number field of hedge leg `i` whose accessors are plain functions of the leg (one copy
/// of the closures for every such field).
fn leg_number(
    state: AppState,
    i: usize,
    (label, name): (&str, &str),
    get: fn(&HedgeLeg) -> Option<f64>,
    set: fn(&mut HedgeLeg, Option<f64>),
    opts: Opts,
) -> El {
    number_field(
        state,
        label,
        "",
        &format!("hedge.legs.{i}.{name}"),
        move |c| c.hedge.legs.get(i).and_then(get),
        move |c, v| {
            if let Some(l) = c.hedge.legs.get_mut(i) {
                set(l, v)
            }
        },
        opts,
    )
}

/// The card of hedge leg `i`: instrument, strike, quantity, expiry with its picker, entry.
fn leg_card(state: AppState, i: usize) -> El {
    let stacked = || Opts {
        stacked: true,
        ..Opts::default()
    };
    let head = el("div")
        .class("leg-head")
        .child(el("span").text(&format!("Leg {}", i + 1)))
        .child(remove_button(
            state,
            (
                &format!("Remove hedge leg {}", i + 1),
                &format!("remove-hedge-{i}"),
            ),
            i,
            |c| &mut c.hedge.legs,
        ));
    let grid = el("div").class("leg-grid").children(vec![
        select_field(
            state,
            "Instrument",
            &format!("hedge.legs.{i}.instrument"),
            INSTRUMENTS.to_vec(),
            move |c| c.hedge.legs.get(i).map(|l| l.instrument),
            move |c, v| {
                if let Some(l) = c.hedge.legs.get_mut(i) {
                    l.instrument = v
                }
            },
            stacked(),
        ),
        leg_number(
            state,
            i,
            ("Strike (VIX pts)", "strike"),
            |l| Some(l.strike),
            |l, v| {
                if let Some(v) = v {
                    l.strike = v
                }
            },
            stacked(),
        ),
        leg_number(
            state,
            i,
            ("Qty (long > 0)", "qty"),
            |l| Some(l.qty as f64),
            |l, v| {
                if let Some(v) = v {
                    l.qty = v as i64
                }
            },
            Opts {
                integer: true,
                ..stacked()
            },
        ),
        date_field(
            state,
            "Expiry",
            &format!("hedge.legs.{i}.expiry"),
            move |c| c.hedge.legs.get(i).map(|l| l.expiry),
            move |c, d| {
                if let Some(l) = c.hedge.legs.get_mut(i) {
                    l.expiry = d
                }
            },
            Opts {
                hint: hint(state, move |r| {
                    hedge_leg(r, i).map(|l| format!("{} days", l.days))
                }),
                ..stacked()
            },
        ),
        expiry_picker(
            state,
            ExpiryKind::Vix,
            &format!("hedge-{i}-expiry"),
            move |c| c.hedge.legs.get(i).map(|l| l.expiry),
            move |c, d| {
                if let Some(l) = c.hedge.legs.get_mut(i) {
                    l.expiry = d
                }
            },
        ),
        leg_number(
            state,
            i,
            ("Entry (VIX pts)", "entry"),
            |l| l.entry,
            |l, v| l.entry = v,
            Opts {
                optional: true,
                placeholder: "model",
                hint: hint(state, move |r| {
                    hedge_leg(r, i).map(|l| format!("model {}", number(l.model_price, 2)))
                }),
                ..stacked()
            },
        ),
    ]);
    el("div")
        .class("leg-card")
        .testid(&format!("hedge-row-{i}"))
        .attr("role", "group")
        .attr("aria-label", &format!("Hedge leg {}", i + 1))
        .child(head)
        .child(grid)
}

/// Hedge layer group: a card per VIX option or future leg, with add/remove.
pub fn hedge_inputs(state: AppState) -> El {
    let count = move || state.config.with(|c| c.hedge.legs.len());
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
    group(
        "Hedge layer (VIX)",
        "group-hedge",
        hedge_key(state),
        vec![
            el("p").class("note").text(
                "Any VIX options and futures; quantity in contracts (long > 0, short < 0); a \
                 blank entry uses the model price.",
            ),
            el("div")
                .class("legs")
                .testid("hedge-table")
                .each(count, move |i| leg_card(state, i)),
            el("button")
                .attr("type", "button")
                .class("secondary")
                .on("click", add)
                .testid("add-hedge-leg")
                .text("Add leg"),
        ],
    )
}

/// Scenario group: VIX elasticities, convexity, parallel shock, hold/roll.
pub fn scenario_inputs(state: AppState) -> El {
    let plain = Opts::default;
    group(
        "Scenario (VIX response to SPX)",
        "group-scenario",
        scenario_key(state),
        vec![
            required_number(
                state,
                ("β down (VIX % per 1% SPX fall)", "×", "scenario.beta_dn"),
                |c| c.scenario.beta_dn,
                |c, v| c.scenario.beta_dn = v,
                plain(),
            ),
            required_number(
                state,
                ("β up (VIX % per 1% SPX rally)", "×", "scenario.beta_up"),
                |c| c.scenario.beta_up,
                |c, v| c.scenario.beta_up = v,
                plain(),
            ),
            required_number(
                state,
                ("Convexity of falls", "γ", "scenario.convexity"),
                |c| c.scenario.convexity,
                |c, v| c.scenario.convexity = v,
                plain(),
            ),
            required_number(
                state,
                ("VIX shock", "pts", "scenario.vix_shock"),
                |c| c.scenario.vix_shock,
                |c, v| c.scenario.vix_shock = v,
                plain(),
            ),
            select_field(
                state,
                "VIX over time",
                "scenario.vix_mode",
                vec![
                    (VixMode::Hold, "Hold at spot VIX"),
                    (VixMode::Roll, "Roll down the futures curve"),
                ],
                |c| Some(c.scenario.vix_mode),
                |c, v| c.scenario.vix_mode = v,
                plain(),
            ),
        ],
    )
}
