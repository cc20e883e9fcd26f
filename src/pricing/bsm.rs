//! Black-Scholes-Merton European option on a spot paying a continuous dividend yield.
//!
//! Formulas: Merton (1973), "Theory of Rational Option Pricing", Bell J. Econ. 4, the price
//! with a continuous dividend yield; price and Greeks as in Haug, "The Complete Guide to
//! Option Pricing Formulas", 2nd ed. (2007), generalized Black-Scholes-Merton with cost of
//! carry b = r - q (ch. 1) and its Greeks (ch. 2). Unified call/put form with w = +1 / -1 as
//! in Jaeckel, "Let's Be Rational" (2015). Derivations: docs/numerics.md.

use super::normal::norm_cdf_pair_pdf;
use super::{
    at_expiry, check_level, check_rate, check_vol, check_years, fast_domain, log_ratio,
    normalised_price,
};
use super::{OptionKind, PricingError, Valuation};

/// Black-Scholes-Merton value and analytic Greeks of a European option.
///
/// Inputs: `spot` and `strike` in price units (in `[MIN_LEVEL, MAX_LEVEL]`), `years` to
/// expiry (in `[0, MAX_YEARS]`), `vol` as a
/// decimal per year (0.16 = 16 vol points, in `[MIN_VOL, MAX_VOL]`), `rate` and `div_yield`
/// continuously compounded decimals per year.
///
/// With x = ln(S/K), s = vol sqrt(T), d1 = (x + (r - q) T) / s + s / 2, d2 = d1 - s:
/// price = w (S e^{-qT} N(w d1) - K e^{-rT} N(w d2)); delta = w e^{-qT} N(w d1);
/// gamma = e^{-qT} phi(d1) / (S s); vega = S e^{-qT} phi(d1) sqrt(T);
/// theta = -S e^{-qT} phi(d1) vol / (2 sqrt T) - w r K e^{-rT} N(w d2) + w q S e^{-qT} N(w d1);
/// rho = w K T e^{-rT} N(w d2). N is evaluated through erfc so that N(w d) keeps full
/// relative accuracy in the tail (no 1 - N(x) anywhere); x uses `log_ratio`. Far out of the
/// money (|ln(F/K)| > 8 vol sqrt T) and for vol sqrt T < 0.01 the price comes from Jaeckel's
/// normalised Black function instead of the cancelling difference above
/// (see `normalised_price`).
///
/// `years == 0` returns the intrinsic value (delta 0 or +/-1, other Greeks 0).
///
/// # Errors
/// [`PricingError`] naming the first invalid input (see the module documentation).
pub fn bsm(
    kind: OptionKind,
    spot: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
    div_yield: f64,
) -> Result<Valuation, PricingError> {
    // One branch for the whole domain check (NaN fails every comparison); errors and
    // `years == 0` take the cold path, which names the first invalid input.
    let valid = fast_domain(spot, strike, years, vol, rate, div_yield);
    if !valid {
        return bsm_checked(kind, spot, strike, years, vol, rate, div_yield);
    }
    Ok(bsm_valid(kind, spot, strike, years, vol, rate, div_yield))
}

/// The checks of [`bsm`] one by one, for an input outside the domain or `years == 0`.
#[cold]
#[inline(never)]
fn bsm_checked(
    kind: OptionKind,
    spot: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
    div_yield: f64,
) -> Result<Valuation, PricingError> {
    check_level("spot", spot)?;
    check_level("strike", strike)?;
    check_years(years)?;
    check_vol(vol)?;
    check_rate("rate", rate)?;
    check_rate("div_yield", div_yield)?;
    if years == 0.0 {
        return Ok(at_expiry(kind, spot, strike));
    }
    Ok(bsm_valid(kind, spot, strike, years, vol, rate, div_yield))
}

/// [`bsm`] for inputs inside the domain with `years > 0`.
#[inline(always)]
fn bsm_valid(
    kind: OptionKind,
    spot: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
    div_yield: f64,
) -> Valuation {
    // The three library calls first, while few values are live across them.
    let df_r = (-rate * years).exp();
    let df_q = (-div_yield * years).exp();
    let x = log_ratio(spot, strike) + (rate - div_yield) * years;
    let w = kind.sign();
    let sqrt_t = years.sqrt();
    let s = vol * sqrt_t;
    let d1 = x / s + 0.5 * s;
    let d2 = d1 - s;
    let spot_q = spot * df_q;
    let strike_r = strike * df_r;
    // e^x = S e^{-qT} / (K e^{-rT}), the factor between the Gaussians of d1 and d2.
    let (n1, n2, pdf1) = norm_cdf_pair_pdf(w * d1, w * d2, spot_q / strike_r);
    let price = match normalised_price(w, x, s, strike) {
        Some(undiscounted) => df_r * undiscounted,
        None => w * (spot_q * n1 - strike_r * n2),
    };
    Valuation {
        price: price.max(0.0),
        delta: w * df_q * n1,
        gamma: df_q * pdf1 / (spot * s),
        vega: spot_q * pdf1 * sqrt_t,
        theta: -spot_q * pdf1 * vol / (2.0 * sqrt_t) - w * rate * strike_r * n2
            + w * div_yield * spot_q * n1,
        rho: w * strike_r * years * n2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_value() {
        // Worked example in Hull, "Options, Futures and Other Derivatives" (BSM chapter):
        // S = 42, K = 40, r = 10 %, sigma = 20 %, T = 0.5 -> call 4.76, put 0.81.
        let c = bsm(OptionKind::Call, 42.0, 40.0, 0.5, 0.2, 0.1, 0.0).unwrap();
        let p = bsm(OptionKind::Put, 42.0, 40.0, 0.5, 0.2, 0.1, 0.0).unwrap();
        assert!((c.price - 4.76).abs() < 0.005, "{}", c.price);
        assert!((p.price - 0.81).abs() < 0.005, "{}", p.price);
    }

    #[test]
    fn expiry_is_intrinsic() {
        let c = bsm(OptionKind::Call, 105.0, 100.0, 0.0, 0.2, 0.05, 0.0).unwrap();
        assert_eq!((c.price, c.delta, c.gamma), (5.0, 1.0, 0.0));
        let p = bsm(OptionKind::Put, 105.0, 100.0, 0.0, 0.2, 0.05, 0.0).unwrap();
        assert_eq!((p.price, p.delta), (0.0, 0.0));
    }

    #[test]
    fn invalid_inputs_name_the_field() {
        let e = |r: Result<Valuation, PricingError>| match r {
            Err(PricingError::NotFinite { field, .. })
            | Err(PricingError::NotPositive { field, .. })
            | Err(PricingError::Negative { field, .. })
            | Err(PricingError::OutOfRange { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        };
        let c = OptionKind::Call;
        assert_eq!(e(bsm(c, f64::NAN, 100.0, 1.0, 0.2, 0.0, 0.0)), "spot");
        assert_eq!(e(bsm(c, 100.0, 0.0, 1.0, 0.2, 0.0, 0.0)), "strike");
        assert_eq!(e(bsm(c, 100.0, 100.0, -1e-9, 0.2, 0.0, 0.0)), "years");
        assert_eq!(e(bsm(c, 100.0, 100.0, 1.0, 0.0, 0.0, 0.0)), "vol");
        assert_eq!(e(bsm(c, 100.0, 100.0, 1.0, 10.01, 0.0, 0.0)), "vol");
        assert_eq!(
            e(bsm(c, 100.0, 100.0, 1.0, 0.2, f64::INFINITY, 0.0)),
            "rate"
        );
        assert_eq!(
            e(bsm(c, 100.0, 100.0, 1.0, 0.2, 0.0, f64::NAN)),
            "div_yield"
        );
    }
}
