//! Black-76: European option on a forward or future, premium paid at the start.
//!
//! Formulas: Black (1976), "The pricing of commodity contracts", J. Financial Economics 3,
//! the call on a futures price and the put by parity; Greeks as in Haug, "The Complete Guide
//! to Option Pricing Formulas", 2nd ed. (2007), generalized BSM with cost of carry b = 0
//! (ch. 1-2). Unified call/put form with w = +1 / -1 as in Jaeckel, "Let's Be Rational"
//! (2015). Derivations: docs/numerics.md.

use super::normal::norm_cdf_pair_pdf;
use super::{
    at_expiry, check_level, check_rate, check_vol, check_years, fast_domain, log_ratio_parts,
    normalised_price,
};
use super::{OptionKind, PricingError, Valuation};

/// Black-76 value and analytic Greeks of a European option on `forward`, discounted at `rate`.
///
/// Inputs: `forward` and `strike` in price units (in `[MIN_LEVEL, MAX_LEVEL]`), `years`
/// to expiry (in `[0, MAX_YEARS]`), `vol` as a
/// decimal per year (in `[MIN_VOL, MAX_VOL]`), `rate` continuously compounded per year.
///
/// With x = ln(F/K), s = vol sqrt(T), d1 = x / s + s / 2, d2 = d1 - s, D = e^{-rT}:
/// price = D w (F N(w d1) - K N(w d2)); delta = dV/dF = D w N(w d1);
/// gamma = d2V/dF2 = D phi(d1) / (F s); vega = D F phi(d1) sqrt(T);
/// theta = -D F phi(d1) vol / (2 sqrt T) + r price (the forward held fixed as time passes);
/// rho = -T price (the forward held fixed; only the discount factor moves).
/// Far out of the money (|ln(F/K)| > 8 vol sqrt T) and for vol sqrt T < 0.01 the price comes
/// from Jaeckel's normalised Black function instead of the cancelling difference (see
/// `normalised_price`).
///
/// `years == 0` returns the intrinsic value (delta 0 or +/-1, other Greeks 0).
///
/// # Errors
/// [`PricingError`] naming the first invalid input (see the module documentation).
pub fn black76(
    kind: OptionKind,
    forward: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
) -> Result<Valuation, PricingError> {
    // One branch for the whole domain check, as in `bsm`.
    let valid = fast_domain(forward, strike, years, vol, rate, 0.0);
    if !valid {
        return black76_checked(kind, forward, strike, years, vol, rate);
    }
    Ok(black76_valid(kind, forward, strike, years, vol, rate))
}

/// The checks of [`black76`] one by one, for an input outside the domain or `years == 0`.
#[cold]
#[inline(never)]
fn black76_checked(
    kind: OptionKind,
    forward: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
) -> Result<Valuation, PricingError> {
    check_level("forward", forward)?;
    check_level("strike", strike)?;
    check_years(years)?;
    check_vol(vol)?;
    check_rate("rate", rate)?;
    if years == 0.0 {
        return Ok(at_expiry(kind, forward, strike));
    }
    Ok(black76_valid(kind, forward, strike, years, vol, rate))
}

/// [`black76`] for inputs inside the domain with `years > 0`.
#[inline(always)]
fn black76_valid(
    kind: OptionKind,
    forward: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
) -> Valuation {
    // The two library calls first, while few values are live across them.
    let df = (-rate * years).exp();
    let (x, ratio) = log_ratio_parts(forward, strike);
    let w = kind.sign();
    let sqrt_t = years.sqrt();
    let s = vol * sqrt_t;
    let d1 = x / s + 0.5 * s;
    let d2 = d1 - s;
    let (n1, n2, pdf1) = norm_cdf_pair_pdf(w * d1, w * d2, ratio);
    let undiscounted = match normalised_price(w, x, s, strike) {
        Some(normalised) => normalised,
        None => w * (forward * n1 - strike * n2),
    };
    let price = (df * undiscounted).max(0.0);
    Valuation {
        price,
        delta: w * df * n1,
        gamma: df * pdf1 / (forward * s),
        vega: df * forward * pdf1 * sqrt_t,
        theta: -df * forward * pdf1 * vol / (2.0 * sqrt_t) + rate * price,
        rho: -years * price,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_value() {
        // Worked example in Hull, "Options, Futures and Other Derivatives" (Black's model):
        // F = 20, K = 20, r = 9 %, sigma = 25 %, T = 4/12 -> put 1.12.
        let p = black76(OptionKind::Put, 20.0, 20.0, 4.0 / 12.0, 0.25, 0.09).unwrap();
        assert!((p.price - 1.12).abs() < 0.005, "{}", p.price);
    }

    #[test]
    fn atm_call_equals_put() {
        let c = black76(OptionKind::Call, 20.0, 20.0, 0.1, 0.9, 0.04).unwrap();
        let p = black76(OptionKind::Put, 20.0, 20.0, 0.1, 0.9, 0.04).unwrap();
        assert_eq!(c.price, p.price);
        assert_eq!(c.vega, p.vega);
    }

    #[test]
    fn invalid_inputs_name_the_field() {
        let c = OptionKind::Call;
        assert!(matches!(
            black76(c, -1.0, 20.0, 0.1, 0.9, 0.0),
            Err(PricingError::NotPositive {
                field: "forward",
                ..
            })
        ));
        assert!(matches!(
            black76(c, 20.0, 20.0, f64::NAN, 0.9, 0.0),
            Err(PricingError::NotFinite { field: "years", .. })
        ));
    }
}
