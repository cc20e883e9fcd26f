//! VIX futures term-structure fit (spec §3.4): noisy data, backwardation, poor-fit flags.

use alvh::market::curve::{TermStructure, KAPPA_MAX, POOR_FIT_RMSE};

/// Taus of the default six-future curve (about monthly), in years.
const TAUS: [f64; 6] = [0.06, 0.14, 0.22, 0.31, 0.39, 0.47];

/// Deterministic pseudo-noise in [-1, 1] (fixed sequence so the test is reproducible).
fn noise(i: usize) -> f64 {
    [0.8, -0.6, 0.3, -0.9, 0.5, -0.2][i % 6]
}

fn curve(vix: f64, kappa: f64, theta: f64) -> TermStructure {
    TermStructure {
        vix,
        kappa,
        theta,
        rmse: 0.0,
    }
}

#[test]
fn spec_default_curve_fits_well() {
    // Spec §2 default curve: VIX 16, futures about 17.2, 18.3, 19.0, 19.6, 20.0, 20.3.
    let prices = [17.2, 18.3, 19.0, 19.6, 20.0, 20.3];
    let pts: Vec<(f64, f64)> = TAUS.iter().copied().zip(prices).collect();
    let fit = TermStructure::fit(16.0, &pts);
    assert!(fit.rmse < 0.2, "{fit:?}");
    assert!(fit.poor_fit().is_none(), "{:?}", fit.poor_fit());
    assert!(fit.theta > 20.3 && fit.theta < 24.0, "{fit:?}");
    for (t, f) in pts {
        assert!(
            (fit.future(t) - f).abs() < 0.4,
            "{t}: {} vs {f}",
            fit.future(t)
        );
    }
}

#[test]
fn small_noise_keeps_parameters_close() {
    let truth = curve(16.0, 2.5, 21.0);
    let pts: Vec<(f64, f64)> = TAUS
        .iter()
        .enumerate()
        .map(|(i, &t)| (t, truth.future(t) + 0.05 * noise(i)))
        .collect();
    let fit = TermStructure::fit(16.0, &pts);
    assert!((fit.kappa - 2.5).abs() < 0.3, "{fit:?}");
    assert!((fit.theta - 21.0).abs() < 0.3, "{fit:?}");
    // The RMSE is at most the noise RMS (least squares beats the true parameters).
    let noise_rms = (TAUS
        .iter()
        .enumerate()
        .map(|(i, _)| (0.05 * noise(i)).powi(2))
        .sum::<f64>()
        / 6.0)
        .sqrt();
    assert!(fit.rmse <= noise_rms + 1e-12, "{} > {noise_rms}", fit.rmse);
    assert!(fit.rmse > 0.0);
    assert!(fit.poor_fit().is_none());
}

#[test]
fn large_noise_is_flagged() {
    let truth = curve(16.0, 2.5, 21.0);
    let pts: Vec<(f64, f64)> = TAUS
        .iter()
        .enumerate()
        .map(|(i, &t)| (t, truth.future(t) + 1.5 * noise(i)))
        .collect();
    let fit = TermStructure::fit(16.0, &pts);
    assert!(fit.rmse > POOR_FIT_RMSE, "{fit:?}");
    let why = fit.poor_fit().expect("flagged");
    assert!(why.contains("RMS"), "{why}");
    assert!(fit.kappa.is_finite() && fit.theta.is_finite());
}

#[test]
fn backwardation_recovered() {
    // Stress: VIX 35 above the whole curve, reverting towards 20 at kappa 4.
    let truth = curve(35.0, 4.0, 20.0);
    let pts: Vec<(f64, f64)> = TAUS.iter().map(|&t| (t, truth.future(t))).collect();
    assert!(
        pts.windows(2).all(|w| w[1].1 < w[0].1),
        "backwardated input"
    );
    let fit = TermStructure::fit(35.0, &pts);
    assert!((fit.kappa - 4.0).abs() < 1e-4, "{fit:?}");
    assert!((fit.theta - 20.0).abs() < 1e-4, "{fit:?}");
    assert!(fit.poor_fit().is_none());
    assert!(fit.future(0.0) == 35.0 && fit.future(1.0) < fit.future(0.5));
}

#[test]
fn noisy_backwardation() {
    let truth = curve(30.0, 3.0, 19.0);
    let pts: Vec<(f64, f64)> = TAUS
        .iter()
        .enumerate()
        .map(|(i, &t)| (t, truth.future(t) + 0.1 * noise(i)))
        .collect();
    let fit = TermStructure::fit(30.0, &pts);
    assert!((fit.kappa - 3.0).abs() < 0.5, "{fit:?}");
    assert!((fit.theta - 19.0).abs() < 0.5, "{fit:?}");
    assert!(fit.poor_fit().is_none());
}

#[test]
fn instant_reversion_hits_the_upper_bound_and_is_flagged() {
    // Every future already at 21 while VIX is 16: the data want kappa -> infinity.
    let pts: Vec<(f64, f64)> = TAUS.iter().map(|&t| (t, 21.0)).collect();
    let fit = TermStructure::fit(16.0, &pts);
    assert!((fit.kappa / KAPPA_MAX - 1.0).abs() < 1e-6, "{fit:?}");
    let why = fit.poor_fit().expect("flagged");
    assert!(why.contains("upper bound"), "{why}");
}

#[test]
fn two_points_fit_exactly() {
    let truth = curve(18.0, 5.0, 22.0);
    let pts = [(0.1, truth.future(0.1)), (0.3, truth.future(0.3))];
    let fit = TermStructure::fit(18.0, &pts);
    assert!(fit.rmse < 1e-8, "{fit:?}");
    assert!(
        (fit.kappa - 5.0).abs() < 1e-3 && (fit.theta - 22.0).abs() < 1e-3,
        "{fit:?}"
    );
}
