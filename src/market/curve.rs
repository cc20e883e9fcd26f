//! VIX futures term structure (spec §3.4): F(tau) = theta + (VIX - theta) exp(-kappa tau).
//!
//! Fit: least squares over kappa; for each kappa the model is linear in theta,
//! F - VIX e = theta (1 - e) with e = exp(-kappa tau), so the best theta is closed form,
//! theta(kappa) = sum (F - VIX e)(1 - e) / sum (1 - e)^2, and the search is one-dimensional
//! (a log-spaced grid over [`KAPPA_MIN`], [`KAPPA_MAX`] followed by golden-section refinement
//! in ln kappa around the best grid node).

use serde::{Deserialize, Serialize};

/// Fitted mean-reverting term structure. `tau` in years.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermStructure {
    /// VIX spot the curve starts from.
    pub vix: f64,
    /// Mean-reversion speed per year.
    pub kappa: f64,
    /// Long-run level, VIX points.
    pub theta: f64,
    /// Root-mean-square fit error over the input points, VIX points (0 for the fallback).
    pub rmse: f64,
}

/// Fallback mean-reversion speed (per year) when fewer than two points are given.
pub const FALLBACK_KAPPA: f64 = 3.0;
/// Fallback long-run level when fewer than two points are given: theta = this + slope x VIX
/// (spec §3.4: the typical curve at a VIX level, fitted to 3,711 daily VX curves 2007-2021;
/// a constant 21 missed by 4-6 points above VIX 20). VIX points.
pub const FALLBACK_THETA_BASE: f64 = 17.2;
/// Slope of the fallback long-run level on spot VIX (points per point), see
/// [`FALLBACK_THETA_BASE`].
pub const FALLBACK_THETA_PER_VIX: f64 = 0.31;

/// The fallback curve's long-run level at spot `vix`, VIX points: 17.2 + 0.31 x VIX.
pub fn fallback_theta(vix: f64) -> f64 {
    FALLBACK_THETA_BASE + FALLBACK_THETA_PER_VIX * vix
}

/// Default floor b of the futures' response to spot VIX (spec §4.3).
pub const DEFAULT_BETA_FLOOR: f64 = 0.21;
/// Default decay speed kappa_d of the futures' response, per year (spec §4.3).
pub const DEFAULT_BETA_KAPPA: f64 = 7.6;

/// Response of a VIX future `tau_years` from expiry to a move of spot VIX (spec §4.3):
/// beta(tau) = b + (1 - b) exp(-kappa_d tau), so beta(0) = 1 (a future at expiry is VIX).
/// Defaults b = 0.21, kappa_d = 7.6 per year, fitted to 10-trading-day changes of
/// constant-maturity VIX futures against spot VIX 2007-2021 (0.61, 0.45, 0.35, 0.29, 0.24,
/// 0.21 at 30-180 days). Negative `tau_years` counts as 0.
pub fn futures_beta(tau_years: f64, floor: f64, kappa_per_year: f64) -> f64 {
    floor + (1.0 - floor) * (-kappa_per_year * tau_years.max(0.0)).exp()
}
/// Lower end of the kappa search, per year (half-life about 14 years).
pub const KAPPA_MIN: f64 = 0.05;
/// Upper end of the kappa search, per year (half-life about 5 days).
pub const KAPPA_MAX: f64 = 50.0;
/// RMSE (VIX points) above which a fit is reported as poor.
pub const POOR_FIT_RMSE: f64 = 0.5;

impl TermStructure {
    /// Future price at `tau` years (negative tau counts as 0), written as the weighted mean
    /// VIX e + theta (1 - e), e = exp(-kappa tau), with 1 - e = -expm1(-kappa tau): exact
    /// VIX at tau = 0 and no cancellation for small tau.
    pub fn future(&self, tau: f64) -> f64 {
        let x = -self.kappa * tau.max(0.0);
        self.vix * x.exp() - self.theta * x.exp_m1()
    }

    /// Least-squares fit over kappa (bounded search), theta in closed form for each kappa.
    /// `points` are (tau in years, price). Points with a non-finite value, a negative tau or
    /// a non-positive price are ignored; fewer than two usable points -> the fallback
    /// parameters (kappa 3, theta 17.2 + 0.31 VIX, rmse 0). `vix` is assumed validated
    /// (finite, > 0).
    pub fn fit(vix: f64, points: &[(f64, f64)]) -> TermStructure {
        let pts: Vec<(f64, f64)> = points
            .iter()
            .copied()
            .filter(|&(t, f)| t.is_finite() && f.is_finite() && t >= 0.0 && f > 0.0)
            .collect();
        if pts.len() < 2 {
            return TermStructure {
                vix,
                kappa: FALLBACK_KAPPA,
                theta: fallback_theta(vix),
                rmse: 0.0,
            };
        }
        let sse = |kappa: f64| -> (f64, f64) {
            let (mut ab, mut bb) = (0.0, 0.0);
            for &(t, f) in &pts {
                let e = (-kappa * t).exp();
                let a = f - vix * e;
                let b = 1.0 - e;
                ab += a * b;
                bb += b * b;
            }
            // All points at tau = 0 carry no information on theta: keep the level flat.
            let theta = if bb > 0.0 { ab / bb } else { vix };
            let err: f64 = pts
                .iter()
                .map(|&(t, f)| {
                    let model = theta + (vix - theta) * (-kappa * t).exp();
                    (f - model) * (f - model)
                })
                .sum();
            (err, theta)
        };
        let (lo, hi) = (KAPPA_MIN.ln(), KAPPA_MAX.ln());
        let n = 60;
        let mut best = (f64::INFINITY, lo);
        for i in 0..=n {
            let x = lo + (hi - lo) * f64::from(i) / f64::from(n);
            let (e, _) = sse(x.exp());
            if e < best.0 {
                best = (e, x);
            }
        }
        let step = (hi - lo) / f64::from(n);
        let (mut a, mut b) = ((best.1 - step).max(lo), (best.1 + step).min(hi));
        let g = 0.5 * (5f64.sqrt() - 1.0);
        for _ in 0..80 {
            let c = b - g * (b - a);
            let d = a + g * (b - a);
            if sse(c.exp()).0 < sse(d.exp()).0 {
                b = d;
            } else {
                a = c;
            }
        }
        // The bracket is clamped to the search range, so a minimum at a bound converges onto it.
        let kappa = (0.5 * (a + b)).exp();
        let (err, theta) = sse(kappa);
        TermStructure {
            vix,
            kappa,
            theta,
            rmse: (err / pts.len() as f64).sqrt(),
        }
    }

    /// Why this fit should not be trusted, if it should not: RMSE above [`POOR_FIT_RMSE`]
    /// VIX points (the curve is not of the mean-reverting shape), kappa at a search bound
    /// (the data ask for faster or slower reversion than the model allows, so kappa and
    /// theta are poorly identified), or a non-positive long-run level. `None` for a good fit
    /// and for the fallback.
    pub fn poor_fit(&self) -> Option<String> {
        let mut reasons = Vec::new();
        if self.rmse > POOR_FIT_RMSE {
            reasons.push(format!(
                "fit error {:.2} VIX points RMS is above {POOR_FIT_RMSE}: the futures do not follow one mean-reverting curve",
                self.rmse
            ));
        }
        let rel = |bound: f64| ((self.kappa / bound).ln()).abs() < 1e-3;
        if rel(KAPPA_MIN) {
            reasons.push(format!(
                "mean-reversion speed hit its lower bound {KAPPA_MIN} per year: the curve barely reverts, so the long-run level is an extrapolation"
            ));
        } else if rel(KAPPA_MAX) {
            reasons.push(format!(
                "mean-reversion speed hit its upper bound {KAPPA_MAX} per year: the front future is already at the long-run level"
            ));
        }
        if self.theta <= 0.0 {
            reasons.push(format!("long-run level {:.2} is not positive", self.theta));
        }
        if reasons.is_empty() {
            None
        } else {
            Some(reasons.join("; "))
        }
    }
}

/// Gap (VIX points) between the front quote and the curve anchored at spot beyond which
/// locked quotes are said to contradict spot (spec §3.4).
pub const LOCKED_FRONT_GAP: f64 = 2.0;

/// Why locked quotes contradict spot VIX (spec §3.4), if they do: the front quote differs by
/// more than [`LOCKED_FRONT_GAP`] points from the curve anchored at spot at its tenor, either
/// the fitted curve `fit` or the typical curve at spot (kappa 3, theta 17.2 + 0.31 VIX; a fit
/// anchored at spot can bend to meet contradicting quotes with a fast kappa), or the quotes
/// fall with tenor (inverted) while spot sits below the fitted long-run level. `quotes` are
/// (tau in years, price), any order; fewer than one usable quote gives None.
pub fn locked_curve_warning(fit: &TermStructure, quotes: &[(f64, f64)]) -> Option<String> {
    let mut q: Vec<(f64, f64)> = quotes
        .iter()
        .copied()
        .filter(|&(t, f)| t.is_finite() && f.is_finite() && t > 0.0)
        .collect();
    q.sort_by(|a, b| a.0.total_cmp(&b.0));
    let &(tau, front) = q.first()?;
    let vix = fit.vix;
    let typical = TermStructure {
        vix,
        kappa: FALLBACK_KAPPA,
        theta: fallback_theta(vix),
        rmse: 0.0,
    };
    let days = (tau * 365.0).round();
    let mut reasons = Vec::new();
    for (curve, what) in [(fit, "the fitted curve"), (&typical, "the typical curve")] {
        let at = curve.future(tau);
        if (front - at).abs() > LOCKED_FRONT_GAP {
            reasons.push(format!(
                "the front future ({front:.2}, {days} days) is {:.2} points from {what} anchored at spot VIX {vix:.2} ({at:.2})",
                (front - at).abs()
            ));
            break;
        }
    }
    let last = q.last().map_or(front, |l| l.1);
    if q.len() >= 2 && last < front && vix < fit.theta {
        reasons.push(format!(
            "the quotes fall with tenor ({front:.2} to {last:.2}) while spot VIX {vix:.2} is below the long-run level {:.2}",
            fit.theta
        ));
    }
    if reasons.is_empty() {
        None
    } else {
        Some(format!(
            "Locked futures quotes contradict spot VIX: {}. Unlock them to let them follow spot, or retype them.",
            reasons.join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_known_parameters() {
        let truth = TermStructure {
            vix: 16.0,
            kappa: 2.5,
            theta: 21.0,
            rmse: 0.0,
        };
        let pts: Vec<(f64, f64)> = [0.05, 0.13, 0.21, 0.3, 0.38, 0.46]
            .iter()
            .map(|&t| (t, truth.future(t)))
            .collect();
        let fit = TermStructure::fit(16.0, &pts);
        assert!((fit.kappa - 2.5).abs() < 1e-4, "{fit:?}");
        assert!((fit.theta - 21.0).abs() < 1e-4, "{fit:?}");
        assert!(fit.rmse < 1e-6 && fit.poor_fit().is_none());
    }

    #[test]
    fn fallback_with_one_point() {
        let fit = TermStructure::fit(16.0, &[(0.1, 17.0)]);
        assert_eq!(
            (fit.kappa, fit.theta),
            (FALLBACK_KAPPA, fallback_theta(16.0))
        );
        let fit = TermStructure::fit(16.0, &[]);
        assert_eq!(
            (fit.kappa, fit.theta, fit.rmse),
            (FALLBACK_KAPPA, fallback_theta(16.0), 0.0)
        );
        // Bad points do not count.
        let fit = TermStructure::fit(16.0, &[(0.1, 17.0), (f64::NAN, 18.0), (0.2, -1.0)]);
        assert_eq!(
            (fit.kappa, fit.theta),
            (FALLBACK_KAPPA, fallback_theta(16.0))
        );
    }
}
