//! Option pricing: Black-Scholes-Merton (SPX) and Black-76 (VIX options on the VIX future),
//! with analytic Greeks and implied volatility.
//!
//! Per-unit conventions (spec §1): delta = dV/dS (or dV/dF for Black-76), gamma = d2V/dS2,
//! vega = dV/dsigma per 1.00 of vol, theta = dV/dt per year of calendar time (the value change
//! as time passes, so usually negative for a long option), rho = dV/dr per 1.00 of rate.
//! Rates and dividend yields are continuously compounded decimals per year; `years` is the
//! time to expiry in years; prices are per unit of underlying (no contract multiplier).
//!
//! Domain (checked, every violation is a [`PricingError`] naming the field): spot, forward
//! and strike finite and in `[MIN_LEVEL, MAX_LEVEL]`; `years` finite in `[0, MAX_YEARS]`;
//! `vol` finite in `[MIN_VOL, MAX_VOL]`; `rate` and `div_yield` finite with magnitude at most
//! `MAX_ABS_RATE`. Within that domain every output is finite (no NaN, no infinity): the
//! bounds keep sigma sqrt(T) away from underflow and gamma ~ 1 / (S sigma sqrt T) and theta
//! ~ S sigma / sqrt(T) below overflow for every positive `years`.
//!
//! Methods, sources and measured accuracy: `docs/numerics.md`.

mod black76;
mod bsm;
mod implied;
mod normal;

pub use black76::black76;
pub use bsm::bsm;
pub use implied::{implied_vol_black76, implied_vol_bsm};
pub use normal::{erfc, norm_cdf, norm_cdf_pair, norm_pdf};

use serde::{Deserialize, Serialize};

/// Largest accepted volatility (decimal per year): 10.0 = 1000 vol points. Above this the
/// lognormal model says nothing useful for listed options, so it is rejected as an error.
pub const MAX_VOL: f64 = 10.0;

/// Smallest accepted volatility (decimal per year): 1e-6 = 0.0001 vol points.
pub const MIN_VOL: f64 = 1e-6;

/// Smallest accepted spot, forward or strike (price units).
pub const MIN_LEVEL: f64 = 1e-8;

/// Largest accepted spot, forward or strike (price units).
pub const MAX_LEVEL: f64 = 1e12;

/// Largest accepted time to expiry, in years.
pub const MAX_YEARS: f64 = 100.0;

/// Largest accepted magnitude of `rate` and `div_yield` (decimal per year, 1.0 = 100 %).
pub const MAX_ABS_RATE: f64 = 1.0;

/// Call or put.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptionKind {
    /// Right to buy at the strike.
    Call,
    /// Right to sell at the strike.
    Put,
}

impl OptionKind {
    /// +1 for a call, -1 for a put (the `w` of the unified formulas in `docs/numerics.md`).
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
    /// Present value, in the currency units of the underlying.
    pub price: f64,
    /// dV/dS (BSM) or dV/dF (Black-76).
    pub delta: f64,
    /// d2V/dS2 (BSM) or d2V/dF2 (Black-76).
    pub gamma: f64,
    /// dV/dsigma per 1.00 (100 vol points).
    pub vega: f64,
    /// dV/dt per year of calendar time passing.
    pub theta: f64,
    /// dV/dr per 1.00 of rate.
    pub rho: f64,
}

/// Why a price or an implied volatility could not be computed; names the offending input.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PricingError {
    /// The input is NaN or infinite.
    #[error("{field} must be a finite number (got {value})")]
    NotFinite {
        /// Name of the input.
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// The input must be strictly positive.
    #[error("{field} must be greater than zero (got {value})")]
    NotPositive {
        /// Name of the input.
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// The input must not be negative.
    #[error("{field} must not be negative (got {value})")]
    Negative {
        /// Name of the input.
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// The input is outside the supported domain (see the module documentation).
    #[error("{field} is out of range: {reason}")]
    OutOfRange {
        /// Name of the input.
        field: &'static str,
        /// What the accepted range is.
        reason: String,
    },
    /// An option price outside the model's no-arbitrage bounds, so no volatility reproduces it.
    #[error("price has no implied volatility: {reason}")]
    NoArbitrage {
        /// Which bound is violated, with the numbers.
        reason: String,
    },
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

/// A spot, forward or strike in `[MIN_LEVEL, MAX_LEVEL]`.
pub(crate) fn check_level(field: &'static str, value: f64) -> Result<f64, PricingError> {
    positive(field, value)?;
    if !(MIN_LEVEL..=MAX_LEVEL).contains(&value) {
        return Err(PricingError::OutOfRange {
            field,
            reason: format!("must be between {MIN_LEVEL:e} and {MAX_LEVEL:e} (got {value})"),
        });
    }
    Ok(value)
}

/// For `0 <= lo <= hi` finite: a word whose top bit is set unless `lo <= value <= hi` (NaN
/// included). Non-negative doubles are ordered as their bit patterns; with o = bits(value) -
/// bits(lo) (wrapping), value is in range iff o <= bits(hi) - bits(lo), i.e. iff neither o
/// nor bits(hi) - bits(lo) - o has the top bit set (a negative value or a NaN gives o >= 2^63
/// or above the range). Integer operations, so the six inputs of [`fast_domain`] combine with
/// `|` into one test and one branch (float comparisons compile to a branch each).
#[inline(always)]
fn out_of_range_bits(value: f64, lo: f64, hi: f64) -> u64 {
    let o = value.to_bits().wrapping_sub(lo.to_bits());
    o | (hi.to_bits() - lo.to_bits()).wrapping_sub(o)
}

/// Whether every input of [`bsm`] (with `div_yield`) or [`black76`] (with `div_yield` = 0) is
/// in the domain of the module documentation with `years > 0`: the one branch of the fast
/// path, true for exactly the inputs for which every `check_*` passes, less `years == 0`.
#[inline(always)]
pub(crate) fn fast_domain(
    underlying: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
    div_yield: f64,
) -> bool {
    let bad = out_of_range_bits(underlying, MIN_LEVEL, MAX_LEVEL)
        | out_of_range_bits(strike, MIN_LEVEL, MAX_LEVEL)
        | out_of_range_bits(years, f64::from_bits(1), MAX_YEARS)
        | out_of_range_bits(vol, MIN_VOL, MAX_VOL)
        | out_of_range_bits(rate.abs(), 0.0, MAX_ABS_RATE)
        | out_of_range_bits(div_yield.abs(), 0.0, MAX_ABS_RATE);
    bad >> 63 == 0
}

/// `years` in `[0, MAX_YEARS]`.
pub(crate) fn check_years(years: f64) -> Result<f64, PricingError> {
    non_negative("years", years)?;
    if years > MAX_YEARS {
        return Err(PricingError::OutOfRange {
            field: "years",
            reason: format!("must be at most {MAX_YEARS} (got {years})"),
        });
    }
    Ok(years)
}

/// `vol` in `[MIN_VOL, MAX_VOL]`.
pub(crate) fn check_vol(vol: f64) -> Result<f64, PricingError> {
    positive("vol", vol)?;
    if !(MIN_VOL..=MAX_VOL).contains(&vol) {
        return Err(PricingError::OutOfRange {
            field: "vol",
            reason: format!(
                "must be between {MIN_VOL:e} and {MAX_VOL} (1000 vol points) (got {vol})"
            ),
        });
    }
    Ok(vol)
}

/// A rate or yield with magnitude at most `MAX_ABS_RATE`.
pub(crate) fn check_rate(field: &'static str, value: f64) -> Result<f64, PricingError> {
    finite(field, value)?;
    if value.abs() > MAX_ABS_RATE {
        return Err(PricingError::OutOfRange {
            field,
            reason: format!("must be between -{MAX_ABS_RATE} and {MAX_ABS_RATE} (got {value})"),
        });
    }
    Ok(value)
}

/// ln(a / b) for positive finite a, b, to full relative accuracy even when a is close to b.
/// See [`log_ratio_parts`].
pub fn log_ratio(a: f64, b: f64) -> f64 {
    log_ratio_parts(a, b).0
}

/// (ln(a / b), a / b) for positive finite a, b in `[MIN_LEVEL, MAX_LEVEL]`, the logarithm to
/// full relative accuracy even when a is close to b.
///
/// `(a / b).ln()` alone would have an absolute error of up to half an ulp of 1.0 (the
/// rounding of r = a / b), a large relative error when the log is small; the log-moneyness
/// enters d1 divided by sigma sqrt(T), which is about 1e-4 one hour before expiry. So the
/// rounding is put back: a / b = r (1 + e / (r b)) with e = a - r b computed exactly (Dekker's
/// product r b = p + p_err with Veltkamp's split, and a - p is exact because p is within an
/// ulp of a), and ln(a / b) = ln(r) + e / a to second order in e / a (below 2^-53), with 1 / a
/// taken in parallel with the division. `ln` is accurate relative to its result near 1 (glibc
/// and the `libm` crate both evaluate log(1 + f) with f = r - 1 exact there), so the sum
/// carries about one rounding more than `ln`. The previous form, `ln_1p((a - b) / b)` for
/// 0.5 <= a/b <= 2, had the same accuracy at a higher cost (a slower function after a
/// subtraction and a division, and a branch). The second value is r, the F/K of the Gaussian
/// factors in [`normal::norm_cdf_pair_pdf`].
#[inline(always)]
pub(crate) fn log_ratio_parts(a: f64, b: f64) -> (f64, f64) {
    let r = a / b;
    let ln_r = r.ln();
    let inv_a = 1.0 / a;
    // Veltkamp's split into 26-bit halves (no overflow: r <= 1e20, b <= 1e12 here).
    let split = |v: f64| {
        let c = 134_217_729.0 * v;
        let hi = c - (c - v);
        (hi, v - hi)
    };
    let (rh, rl) = split(r);
    let (bh, bl) = split(b);
    let p = r * b;
    let p_err = ((rh * bh - p) + rh * bl + rl * bh) + rl * bl;
    let e = (a - p) - p_err;
    (ln_r + e * inv_a, r)
}

/// Standardized distance beyond which an out-of-the-money price is taken from Jaeckel's
/// normalised Black function instead of the difference of two tail probabilities. Below it
/// the ordinary formula's relative error, about eps h^3 / s, stays under 1e-11 for
/// s >= `SMALL_TOTAL_VOL`; above it the price is below about 1e-15 of the underlying.
const TAIL_H: f64 = 8.0;

/// Total volatility below which every price is taken from the normalised Black function.
const SMALL_TOTAL_VOL: f64 = 0.01;

/// Undiscounted Black price w (F - K)^+ + sqrt(F K) b(x, s) in the two regions where the
/// ordinary formula w (F N(w d1) - K N(w d2)) cancels, or `None` elsewhere (where it is
/// accurate and cheaper): out of the money with |x| > `TAIL_H` s, and any s < `SMALL_TOTAL_VOL`.
///
/// In the far wing the two terms are nearly equal tail probabilities whose ratio to the price
/// is about |d| / s, which multiplies the few-ulp errors of N(d) (7e-10 relative at a price of
/// 1e-81 in the reference grid); near the money with a small s they are both about 1/2 and the
/// price is about 0.4 s of them (1.9e-12 relative one hour out at 1 % vol). Jaeckel's
/// normalised Black function b(x, s) ("Let's Be Rational", 2015; via the `implied-vol`
/// crate) evaluates the time value without either cancellation (asymptotic
/// expansion, small-s Taylor series, erfcx forms). Here x = ln(F/K) and s = vol sqrt(T);
/// sqrt(F K) = K e^{x/2} and the intrinsic value K |expm1(x)| never round F.
pub(crate) fn normalised_price(w: f64, x: f64, s: f64, strike: f64) -> Option<f64> {
    if needs_normalised(w, x, s) {
        Some(normalised_value(w, x, s, strike))
    } else {
        None
    }
}

/// Whether [`normalised_price`] takes the normalised-Black branch (inlined into the loops).
#[inline(always)]
fn needs_normalised(w: f64, x: f64, s: f64) -> bool {
    let otm_wing = w * x < 0.0 && x.abs() > TAIL_H * s;
    otm_wing || s < SMALL_TOTAL_VOL
}

/// The normalised-Black price of [`normalised_price`], unconditionally.
fn normalised_value(w: f64, x: f64, s: f64, strike: f64) -> f64 {
    let b = implied_vol::PriceBlackScholesNormalised::builder()
        .log_moneyness(x)
        .total_volatility(s)
        .build_unchecked()
        .calculate::<implied_vol::DefaultSpecialFn>();
    let intrinsic = if w * x > 0.0 {
        strike * x.exp_m1().abs()
    } else {
        0.0
    };
    intrinsic + strike * (0.5 * x).exp() * b
}

/// Undiscounted Black price of a call (`w` = +1) or put (`w` = -1) struck at `strike`, from the
/// log-moneyness `x = ln(F/K)` and the total vol `s = vol sqrt(T) > 0`: price only, for inner
/// loops (P/L curves) that hoist the discounting and the forward. Same formulas as
/// [`bsm`]/[`black76`], including the normalised-Black branch where the ordinary formula
/// cancels; inputs are assumed valid (no checks).
pub fn black_price_undiscounted(w: f64, x: f64, s: f64, strike: f64) -> f64 {
    black_price_ratio(w, x, x.exp(), s, strike)
}

/// As [`black_price_undiscounted`] with `ratio` = e^x = F/K given as well (inner loops hold
/// F/K as a product, which saves the exponential and rounds less than exp of the log).
#[inline(always)]
pub fn black_price_ratio(w: f64, x: f64, ratio: f64, s: f64, strike: f64) -> f64 {
    if needs_normalised(w, x, s) {
        return floor_zero(normalised_value(w, x, s, strike));
    }
    let d1 = x / s + 0.5 * s;
    let d2 = d1 - s;
    let (n1, n2) = normal::norm_cdf_pair(w * d1, w * d2, ratio);
    floor_zero(w * strike * (ratio * n1 - n2))
}

/// max(v, 0), NaN to 0 (as `f64::max`), written out so size-optimised builds inline it.
#[inline(always)]
fn floor_zero(v: f64) -> f64 {
    if v > 0.0 {
        v
    } else {
        0.0
    }
}

/// The pieces of the Black formula for price and Greeks in one pass, for inner loops:
/// the undiscounted price as [`black_price_undiscounted`] gives it, N(w d1), N(w d2) and
/// phi(d1), from `x = ln(F/K)` and `s = vol sqrt(T) > 0`. Inputs are assumed valid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlackParts {
    /// Undiscounted price, per unit.
    pub price: f64,
    /// N(w d1).
    pub n1: f64,
    /// N(w d2).
    pub n2: f64,
    /// phi(d1).
    pub pdf1: f64,
}

/// [`BlackParts`] of a call (`w` = +1) or put (`w` = -1), with `ratio` = e^x = F/K: see
/// [`black_price_ratio`].
pub fn black_parts(w: f64, x: f64, ratio: f64, s: f64, strike: f64) -> BlackParts {
    let d1 = x / s + 0.5 * s;
    let d2 = d1 - s;
    // phi(w d1) = phi(d1): one Gaussian factor for the three (as `bsm` and `black76`).
    let (n1, n2, pdf1) = normal::norm_cdf_pair_pdf(w * d1, w * d2, ratio);
    let price = if needs_normalised(w, x, s) {
        normalised_value(w, x, s, strike)
    } else {
        w * strike * (ratio * n1 - n2)
    };
    BlackParts {
        price: floor_zero(price),
        n1,
        n2,
        pdf1,
    }
}

/// Valuation at expiry (`years == 0`): intrinsic value; the Greeks of the payoff's step are
/// taken as the limit away from the strike (delta 0 or +/-1, everything else 0).
pub(crate) fn at_expiry(kind: OptionKind, underlying: f64, strike: f64) -> Valuation {
    let w = kind.sign();
    let itm = w * (underlying - strike) > 0.0;
    Valuation {
        price: (w * (underlying - strike)).max(0.0),
        delta: if itm { w } else { 0.0 },
        gamma: 0.0,
        vega: 0.0,
        theta: 0.0,
        rho: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ratio_is_accurate_near_one() {
        let a = 100.0 + 1e-9;
        let u = (a - 100.0) / 100.0; // a - 100 is exact; u carries one rounding
        let exact = u - 0.5 * u * u; // ln(1 + u) to O(u^3) = 1e-33
        let got = log_ratio(a, 100.0);
        assert!(
            (got - exact).abs() <= 2.0 * f64::EPSILON * exact,
            "{got} vs {exact}"
        );
        // The naive form loses about five digits here.
        assert!(((a / 100.0).ln() - exact).abs() > 1e-6 * exact);
        assert_eq!(log_ratio(300.0, 100.0), 3.0f64.ln());
        assert_eq!(log_ratio(1.0, 1.0), 0.0);
    }

    #[test]
    fn fast_domain_is_the_checks_less_expiry() {
        // The one-branch test of the fast path accepts exactly what the field-by-field checks
        // accept, minus `years == 0` (which the checked path turns into the intrinsic value):
        // every bound and its neighbouring doubles, zeros, NaN, infinities and subnormals in
        // each position, then random bit patterns mixed with valid values.
        let checks = |v: [f64; 6]| {
            check_level("spot", v[0]).is_ok()
                && check_level("strike", v[1]).is_ok()
                && check_years(v[2]).is_ok()
                && v[2] != 0.0
                && check_vol(v[3]).is_ok()
                && check_rate("rate", v[4]).is_ok()
                && check_rate("div_yield", v[5]).is_ok()
        };
        let fast = |v: [f64; 6]| fast_domain(v[0], v[1], v[2], v[3], v[4], v[5]);
        let up = |x: f64| f64::from_bits(x.to_bits() + 1);
        let down = |x: f64| f64::from_bits(x.to_bits() - 1);
        let bounds = [
            MIN_LEVEL,
            MAX_LEVEL,
            MAX_YEARS,
            MIN_VOL,
            MAX_VOL,
            MAX_ABS_RATE,
            1.0,
            0.5,
        ];
        let mut specials = vec![
            0.0,
            -0.0,
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::from_bits(1),
            f64::MIN_POSITIVE,
            f64::MAX,
        ];
        for b in bounds {
            specials.extend([b, up(b), down(b), -b, -up(b), -down(b)]);
        }
        let base = [100.0, 95.0, 0.25, 0.2, 0.04, 0.01];
        let mut cases = 0;
        for i in 0..6 {
            for &x in &specials {
                let mut v = base;
                v[i] = x;
                assert_eq!(fast(v), checks(v), "{v:?}");
                cases += 1;
            }
        }
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let mut v = base;
            for x in v.iter_mut() {
                let r = next();
                match r % 4 {
                    0 => *x = f64::from_bits(next()),
                    1 => *x = specials[(r >> 8) as usize % specials.len()],
                    _ => {}
                }
            }
            assert_eq!(fast(v), checks(v), "{v:?}");
            cases += 1;
        }
        assert!(cases > 200_000);
    }

    #[test]
    fn batched_price_core_meets_the_reference_tolerance() {
        // The price-only core of the P/L curves (`black_price_undiscounted`, with the shared
        // Gaussian factor of `norm_cdf_pair`) against every 100-digit mpmath price of the
        // reference file, at the tolerance of tests/pricing_reference.rs: 1e-10 relative or
        // 1e-12 absolute.
        let csv = include_str!("../../tests/data/pricing_reference.csv");
        let mut rows = 0;
        let mut worst: f64 = 0.0;
        for line in csv.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let n = |j: usize| f[j].parse::<f64>().unwrap();
            let w = if f[1] == "call" { 1.0 } else { -1.0 };
            let (u, k, t, v, r, q, reference) = (n(2), n(3), n(4), n(5), n(6), n(7), n(8));
            if t == 0.0 {
                continue;
            }
            let (x, df) = match f[0] {
                "bsm" => (log_ratio(u, k) + (r - q) * t, (-r * t).exp()),
                _ => (log_ratio(u, k), (-r * t).exp()),
            };
            let got = df * black_price_undiscounted(w, x, v * t.sqrt(), k);
            let err = (got - reference).abs();
            let rel = if reference == 0.0 {
                err
            } else {
                err / reference
            };
            assert!(
                rel <= 1e-10 || err <= 1e-12,
                "{line}: got {got:e}, rel {rel:e}"
            );
            if reference >= 1e-12 {
                worst = worst.max(rel);
            }
            rows += 1;
        }
        assert!(rows > 1200, "{rows}");
        eprintln!("black_price_undiscounted: max relative error {worst:e} (price >= 1e-12)");
    }

    #[test]
    fn domain_errors_name_the_field() {
        assert!(matches!(
            check_vol(10.5),
            Err(PricingError::OutOfRange { field: "vol", .. })
        ));
        assert!(matches!(
            check_vol(0.0),
            Err(PricingError::NotPositive { field: "vol", .. })
        ));
        assert!(matches!(
            check_years(-1.0),
            Err(PricingError::Negative { field: "years", .. })
        ));
        assert!(matches!(
            check_years(101.0),
            Err(PricingError::OutOfRange { field: "years", .. })
        ));
        assert!(matches!(
            check_rate("rate", f64::NAN),
            Err(PricingError::NotFinite { .. })
        ));
        assert!(matches!(
            check_rate("div_yield", 1.5),
            Err(PricingError::OutOfRange {
                field: "div_yield",
                ..
            })
        ));
    }
}
