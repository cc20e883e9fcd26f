//! Smile and vol-of-vol parameters (spec §3.2, §3.3): the standardized-moneyness quadratic, or
//! a raw SVI slice the user fitted, and the VIX option skew.

use super::dom::{el, event_checked, El};
use super::fields::{number_field, required_number, Opts};
use super::state::AppState;
use crate::market::smile::SviParams;
use reactive_graph::computed::Memo;
use reactive_graph::prelude::*;

/// Vol points shown, decimal stored.
fn points(v: f64) -> f64 {
    v * 100.0
}
fn from_points(v: f64) -> f64 {
    v / 100.0
}

/// A starting SVI slice close to the default market (about 14% ATM at 45 days, put skew), for
/// the user to overwrite with their own fit.
pub const STARTING_SVI: SviParams = SviParams {
    a: 0.000_417,
    b: 0.02,
    rho: -0.6,
    m: 0.0,
    sigma: 0.1,
};

/// A field of the SVI slice, whose accessors are plain functions of the slice (one copy of
/// the closures for all five).
fn svi_field(
    state: AppState,
    (label, path): (&str, &str),
    get: fn(&SviParams) -> f64,
    set: fn(&mut SviParams, f64),
) -> El {
    number_field(
        state,
        label,
        "",
        path,
        move |c| c.market.smile.svi.as_ref().map(get),
        move |c, v| {
            if let (Some(s), Some(v)) = (c.market.smile.svi.as_mut(), v) {
                set(s, v)
            }
        },
        Opts::default(),
    )
}

/// The five SVI fields, shown while the SVI slice is on.
fn svi_fields(state: AppState) -> Vec<El> {
    vec![
        svi_field(
            state,
            ("SVI a (total variance)", "market.smile.svi.a"),
            |s| s.a,
            |s, v| s.a = v,
        ),
        svi_field(
            state,
            ("SVI b (wing slope)", "market.smile.svi.b"),
            |s| s.b,
            |s, v| s.b = v,
        ),
        svi_field(
            state,
            ("SVI rho (skew)", "market.smile.svi.rho"),
            |s| s.rho,
            |s, v| s.rho = v,
        ),
        svi_field(
            state,
            ("SVI m (shift, log-moneyness)", "market.smile.svi.m"),
            |s| s.m,
            |s, v| s.m = v,
        ),
        svi_field(
            state,
            ("SVI sigma (ATM curvature)", "market.smile.svi.sigma"),
            |s| s.sigma,
            |s, v| s.sigma = v,
        ),
    ]
}

/// The foldable "Smile and vol-of-vol" block inside the Market group.
pub fn smile_inputs(state: AppState) -> El {
    let svi_on = Memo::new(move |_| state.config.with(|c| c.market.smile.svi.is_some()));
    let svi_error = state.field_error("market.smile.svi".to_string());
    let checkbox = el("div")
        .class("field check")
        .html(
            "<label for=\"input-smile-svi\">Use a raw SVI slice instead (total variance, your \
             fit)</label>",
        )
        .child(
            el("span").class("control").child(
                el("input")
                    .id("input-smile-svi")
                    .attr("type", "checkbox")
                    .testid("input-smile-svi")
                    .dyn_prop_flag("checked", move || svi_on.get())
                    .on("change", move |ev| {
                        let on = event_checked(&ev);
                        state.replace(|c| c.market.smile.svi = on.then_some(STARTING_SVI));
                    }),
            ),
        );
    el("details")
        .class("subgroup")
        .testid("smile-inputs")
        .html("<summary>Smile and vol-of-vol</summary>")
        .children(vec![
            required_number(
                state,
                (
                    "Smile slope (per std. dev.)",
                    "vol pts",
                    "market.smile.slope",
                ),
                |c| points(c.market.smile.slope),
                |c, v| c.market.smile.slope = from_points(v),
                Opts::default(),
            ),
            required_number(
                state,
                (
                    "Smile curvature (per std. dev.²)",
                    "vol pts",
                    "market.smile.curvature",
                ),
                |c| points(c.market.smile.curvature),
                |c, v| c.market.smile.curvature = from_points(v),
                Opts::default(),
            ),
            required_number(
                state,
                ("Smile floor", "%", "market.smile.floor"),
                |c| points(c.market.smile.floor),
                |c, v| c.market.smile.floor = from_points(v),
                Opts::default(),
            ),
            required_number(
                state,
                ("VIX option call skew", "x ln(K/F)", "market.vov.skew"),
                |c| c.market.vov.skew,
                |c, v| c.market.vov.skew = v,
                Opts::default(),
            ),
            checkbox,
        ])
        .region(
            move || usize::from(svi_on.get()),
            move |on| {
                if on == 1 {
                    svi_fields(state)
                } else {
                    Vec::new()
                }
            },
        )
        // After the SVI fields, as it was inside their block: shown while the slice is on and
        // `evaluate` refuses it.
        .show(
            move || svi_on.get() && svi_error.with(Option::is_some),
            move || {
                el("p")
                    .class("field-error")
                    .attr("role", "alert")
                    .testid("error-smile-svi")
                    .dyn_text(move || svi_error.get().unwrap_or_default())
            },
        )
}
