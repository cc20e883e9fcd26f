//! Smile and vol-of-vol parameters (spec §3.2, §3.3): the standardized-moneyness quadratic
//! (relative to ATM, or an old link's absolute form, labelled as such with the report's
//! notice), or a raw SVI slice the user fitted, and the VIX options' skew and term exponents.

use super::fields::NumberField;
use super::state::AppState;
use crate::market::smile::{SmileForm, SviParams};
use leptos::prelude::*;

/// Vol points shown, decimal stored (the absolute smile form and the floor).
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

/// The foldable "Smile and vol-of-vol" block inside the Market group.
#[component]
pub fn SmileInputs(state: AppState) -> impl IntoView {
    let svi_on = Memo::new(move |_| state.config.with(|c| c.market.smile.svi.is_some()));
    // Relative form (revised spec §3.2): s and c are plain numbers; the first revision's
    // absolute form (old links) keeps them in decimal vol, shown in vol points.
    let relative = Memo::new(move |_| {
        state
            .config
            .with(|c| c.market.smile.form == SmileForm::Relative)
    });
    let notice = move || {
        state
            .shown
            .with(|r| r.as_ref().and_then(|r| r.market.smile_notice.clone()))
    };
    let svi_error = state.field_error("market.smile.svi".to_string());
    let svi =
        |f: fn(&SviParams) -> f64| move |c: &crate::Config| c.market.smile.svi.as_ref().map(f);
    view! {
        <Show when=move || notice().is_some()>
            <p class="note" role="status" data-testid="smile-notice">{notice}</p>
        </Show>
        <details class="subgroup" data-testid="smile-inputs">
            <summary>"Smile and vol-of-vol"</summary>
            <Show when=move || relative.get()
                fallback=move || view! {
                    <NumberField state label="Smile slope, absolute (first-revision form, per std. dev.)" unit="vol pts" path="market.smile.slope"
                        get=|c| Some(points(c.market.smile.slope)) set=|c, v| if let Some(v) = v { c.market.smile.slope = from_points(v) } />
                    <NumberField state label="Smile curvature, absolute (first-revision form, per std. dev.²)" unit="vol pts" path="market.smile.curvature"
                        get=|c| Some(points(c.market.smile.curvature)) set=|c, v| if let Some(v) = v { c.market.smile.curvature = from_points(v) } />
                }>
                <NumberField state label="Smile slope s (relative to ATM, per std. dev.)" unit="× ATM" path="market.smile.slope"
                    get=|c| Some(c.market.smile.slope) set=|c, v| if let Some(v) = v { c.market.smile.slope = v } />
                <NumberField state label="Smile curvature c (relative to ATM, per std. dev.²)" unit="× ATM" path="market.smile.curvature"
                    get=|c| Some(c.market.smile.curvature) set=|c, v| if let Some(v) = v { c.market.smile.curvature = v } />
            </Show>
            <NumberField state label="Smile floor" unit="%" path="market.smile.floor"
                get=|c| Some(points(c.market.smile.floor)) set=|c, v| if let Some(v) = v { c.market.smile.floor = from_points(v) } />
            <NumberField state label="VIX call skew at 30 d" unit="× ln(K/F)" path="market.vov.skew"
                get=|c| Some(c.market.vov.skew) set=|c, v| if let Some(v) = v { c.market.vov.skew = v } />
            <NumberField state label="Vol-of-vol term exponent" unit="on τ/30 d" path="market.vov.term_exponent"
                get=|c| Some(c.market.vov.term_exponent) set=|c, v| if let Some(v) = v { c.market.vov.term_exponent = v } />
            <NumberField state label="Skew term exponent" unit="on τ/30 d" path="market.vov.skew_term_exponent"
                get=|c| Some(c.market.vov.skew_term_exponent) set=|c, v| if let Some(v) = v { c.market.vov.skew_term_exponent = v } />
            <div class="field check">
                <label for="input-smile-svi">"Use a raw SVI slice instead (total variance, your fit)"</label>
                <span class="control">
                    <input id="input-smile-svi" type="checkbox" data-testid="input-smile-svi"
                        prop:checked=move || svi_on.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.replace(|c| c.market.smile.svi = on.then_some(STARTING_SVI));
                        } />
                </span>
            </div>
            <Show when=move || svi_on.get()>
                <NumberField state label="SVI a (total variance)" unit="" path="market.smile.svi.a"
                    get=svi(|s| s.a) set=|c, v| if let (Some(s), Some(v)) = (c.market.smile.svi.as_mut(), v) { s.a = v } />
                <NumberField state label="SVI b (wing slope)" unit="" path="market.smile.svi.b"
                    get=svi(|s| s.b) set=|c, v| if let (Some(s), Some(v)) = (c.market.smile.svi.as_mut(), v) { s.b = v } />
                <NumberField state label="SVI rho (skew)" unit="" path="market.smile.svi.rho"
                    get=svi(|s| s.rho) set=|c, v| if let (Some(s), Some(v)) = (c.market.smile.svi.as_mut(), v) { s.rho = v } />
                <NumberField state label="SVI m (shift, log-moneyness)" unit="" path="market.smile.svi.m"
                    get=svi(|s| s.m) set=|c, v| if let (Some(s), Some(v)) = (c.market.smile.svi.as_mut(), v) { s.m = v } />
                <NumberField state label="SVI sigma (ATM curvature)" unit="" path="market.smile.svi.sigma"
                    get=svi(|s| s.sigma) set=|c, v| if let (Some(s), Some(v)) = (c.market.smile.svi.as_mut(), v) { s.sigma = v } />
                {move || svi_error.get().map(|e| view! {
                    <p class="field-error" role="alert" data-testid="error-smile-svi">{e}</p>
                })}
            </Show>
        </details>
    }
}
