//! Standard normal density and distribution function.

/// Standard normal density phi(x).
pub fn norm_pdf(x: f64) -> f64 {
    const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;
    INV_SQRT_2PI * (-0.5 * x * x).exp()
}

/// Standard normal CDF N(x) = erfc(-x / sqrt 2) / 2, via musl's erfc (libm crate), which keeps
/// full relative accuracy in the lower tail where 1 - N(-x) would cancel.
pub fn norm_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * std::f64::consts::FRAC_1_SQRT_2)
}
