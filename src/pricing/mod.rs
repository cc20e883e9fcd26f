//! Option pricing: Black-Scholes-Merton (SPX) and Black-76 (VIX options on the VIX future).
//!
//! Per-unit conventions (spec §1): delta = dV/dS (or dV/dF for Black-76), gamma = d2V/dS2,
//! vega = dV/dsigma per 1.00 of vol, theta = dV/dt per year of calendar time (the value change
//! as time passes, so usually negative for a long option), rho = dV/dr per 1.00 of rate.

mod normal;

pub use normal::{norm_cdf, norm_pdf};

use serde::{Deserialize, Serialize};

/// Call or put.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptionKind {
    Call,
    Put,
}

impl OptionKind {
    /// +1 for a call, -1 for a put.
    pub fn sign(self) -> f64 {
        match self {
            OptionKind::Call => 1.0,
            OptionKind::Put => -1.0,
        }
    }
}

/// Price and analytic Greeks of one option, per unit of underlying (no multiplier).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Valuation {
    pub price: f64,
    pub delta: f64,
    pub gamma: f64,
    /// dV/dsigma per 1.00 (100 vol points).
    pub vega: f64,
    /// dV/dt per year of calendar time passing.
    pub theta: f64,
    /// dV/dr per 1.00 of rate.
    pub rho: f64,
}

/// Why a price could not be computed; names the offending input.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PricingError {
    #[error("{field} must be a finite number (got {value})")]
    NotFinite { field: &'static str, value: f64 },
    #[error("{field} must be greater than zero (got {value})")]
    NotPositive { field: &'static str, value: f64 },
    #[error("{field} must not be negative (got {value})")]
    Negative { field: &'static str, value: f64 },
    #[error("{field} is out of range: {reason}")]
    OutOfRange { field: &'static str, reason: String },
}

pub(crate) fn finite(field: &'static str, value: f64) -> Result<f64, PricingError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(PricingError::NotFinite { field, value })
    }
}

pub(crate) fn positive(field: &'static str, value: f64) -> Result<f64, PricingError> {
    finite(field, value)?;
    if value > 0.0 {
        Ok(value)
    } else {
        Err(PricingError::NotPositive { field, value })
    }
}

pub(crate) fn non_negative(field: &'static str, value: f64) -> Result<f64, PricingError> {
    finite(field, value)?;
    if value >= 0.0 {
        Ok(value)
    } else {
        Err(PricingError::Negative { field, value })
    }
}

/// Black-Scholes-Merton European option on a spot paying a continuous dividend yield.
///
/// `years` may be zero (the option is worth its intrinsic value; Greeks of a step function
/// are returned as the limit away from the strike: delta 0 or +/-1, others 0).
pub fn bsm(
    kind: OptionKind,
    spot: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
    div_yield: f64,
) -> Result<Valuation, PricingError> {
    positive("spot", spot)?;
    positive("strike", strike)?;
    non_negative("years", years)?;
    positive("vol", vol)?;
    finite("rate", rate)?;
    finite("div_yield", div_yield)?;
    let w = kind.sign();
    if years == 0.0 {
        let itm = w * (spot - strike) > 0.0;
        return Ok(Valuation {
            price: (w * (spot - strike)).max(0.0),
            delta: if itm { w } else { 0.0 },
            gamma: 0.0,
            vega: 0.0,
            theta: 0.0,
            rho: 0.0,
        });
    }
    let sqrt_t = years.sqrt();
    let sig_sqrt_t = vol * sqrt_t;
    let df_r = (-rate * years).exp();
    let df_q = (-div_yield * years).exp();
    let d1 = ((spot / strike).ln() + (rate - div_yield + 0.5 * vol * vol) * years) / sig_sqrt_t;
    let d2 = d1 - sig_sqrt_t;
    let nd1 = norm_cdf(w * d1);
    let nd2 = norm_cdf(w * d2);
    let pdf1 = norm_pdf(d1);
    let price = w * (spot * df_q * nd1 - strike * df_r * nd2);
    let delta = w * df_q * nd1;
    let gamma = df_q * pdf1 / (spot * sig_sqrt_t);
    let vega = spot * df_q * pdf1 * sqrt_t;
    let theta = -spot * df_q * pdf1 * vol / (2.0 * sqrt_t) - w * rate * strike * df_r * nd2
        + w * div_yield * spot * df_q * nd1;
    let rho = w * strike * years * df_r * nd2;
    Ok(Valuation {
        price: price.max(0.0),
        delta,
        gamma,
        vega,
        theta,
        rho,
    })
}

/// Black-76 European option on a forward/future `forward`, discounted at `rate`.
/// Delta and gamma are with respect to the forward.
pub fn black76(
    kind: OptionKind,
    forward: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
) -> Result<Valuation, PricingError> {
    positive("forward", forward)?;
    positive("strike", strike)?;
    non_negative("years", years)?;
    positive("vol", vol)?;
    finite("rate", rate)?;
    let w = kind.sign();
    if years == 0.0 {
        let itm = w * (forward - strike) > 0.0;
        return Ok(Valuation {
            price: (w * (forward - strike)).max(0.0),
            delta: if itm { w } else { 0.0 },
            gamma: 0.0,
            vega: 0.0,
            theta: 0.0,
            rho: 0.0,
        });
    }
    let sqrt_t = years.sqrt();
    let sig_sqrt_t = vol * sqrt_t;
    let df = (-rate * years).exp();
    let d1 = ((forward / strike).ln() + 0.5 * vol * vol * years) / sig_sqrt_t;
    let d2 = d1 - sig_sqrt_t;
    let nd1 = norm_cdf(w * d1);
    let nd2 = norm_cdf(w * d2);
    let pdf1 = norm_pdf(d1);
    let undiscounted = w * (forward * nd1 - strike * nd2);
    let price = df * undiscounted;
    let delta = w * df * nd1;
    let gamma = df * pdf1 / (forward * sig_sqrt_t);
    let vega = df * forward * pdf1 * sqrt_t;
    let theta = -df * forward * pdf1 * vol / (2.0 * sqrt_t) + rate * price;
    let rho = -years * price;
    Ok(Valuation {
        price: price.max(0.0),
        delta,
        gamma,
        vega,
        theta,
        rho,
    })
}
