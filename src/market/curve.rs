//! VIX futures term structure: F(tau) = theta + (VIX - theta) exp(-kappa tau) (spec §3.4).

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

/// Fallback when fewer than two points are given.
pub const FALLBACK_KAPPA: f64 = 3.0;
pub const FALLBACK_THETA: f64 = 21.0;

impl TermStructure {
    /// Future price at `tau` years.
    pub fn future(&self, tau: f64) -> f64 {
        self.theta + (self.vix - self.theta) * (-self.kappa * tau.max(0.0)).exp()
    }

    /// Least-squares fit over kappa (bounded search), theta in closed form for each kappa.
    /// `points` are (tau in years, price). Fewer than two points -> the fallback parameters.
    pub fn fit(vix: f64, points: &[(f64, f64)]) -> TermStructure {
        if points.len() < 2 {
            return TermStructure {
                vix,
                kappa: FALLBACK_KAPPA,
                theta: FALLBACK_THETA,
                rmse: 0.0,
            };
        }
        let sse = |kappa: f64| -> (f64, f64) {
            let (mut ab, mut bb) = (0.0, 0.0);
            for &(t, f) in points {
                let e = (-kappa * t).exp();
                let a = f - vix * e;
                let b = 1.0 - e;
                ab += a * b;
                bb += b * b;
            }
            let theta = if bb > 0.0 { ab / bb } else { vix };
            let err: f64 = points
                .iter()
                .map(|&(t, f)| {
                    let model = theta + (vix - theta) * (-kappa * t).exp();
                    (f - model) * (f - model)
                })
                .sum();
            (err, theta)
        };
        // Coarse log grid then golden-section refinement on ln(kappa).
        let (lo, hi) = (0.05f64.ln(), 50.0f64.ln());
        let n = 60;
        let mut best = (f64::INFINITY, lo);
        for i in 0..=n {
            let x = lo + (hi - lo) * i as f64 / n as f64;
            let (e, _) = sse(x.exp());
            if e < best.0 {
                best = (e, x);
            }
        }
        let step = (hi - lo) / n as f64;
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
        let kappa = (0.5 * (a + b)).exp();
        let (err, theta) = sse(kappa);
        TermStructure {
            vix,
            kappa,
            theta,
            rmse: (err / points.len() as f64).sqrt(),
        }
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
    }

    #[test]
    fn fallback_with_one_point() {
        let fit = TermStructure::fit(16.0, &[(0.1, 17.0)]);
        assert_eq!((fit.kappa, fit.theta), (FALLBACK_KAPPA, FALLBACK_THETA));
    }
}
