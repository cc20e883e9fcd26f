//! RSI (Wilder, 1978) with Wilder's smoothing (spec §7, §11).
//!
//! Changes d_i = x_i - x_{i-1}; average gain and loss are seeded by the simple average of the
//! first n gains and losses (so the first RSI is at index n) and then smoothed as
//! avg = (avg x (n - 1) + new) / n. RSI = 100 - 100 / (1 + avg_gain / avg_loss); a flat stretch
//! (no gains, no losses) gives 50, no losses gives 100.

/// The conventional RSI period.
pub const RSI_PERIOD: usize = 14;

fn rsi_from(avg_gain: f64, avg_loss: f64) -> f64 {
    if avg_loss == 0.0 && avg_gain == 0.0 {
        50.0
    } else if avg_loss == 0.0 {
        100.0
    } else {
        100.0 - 100.0 / (1.0 + avg_gain / avg_loss)
    }
}

/// RSI(n) aligned with the input (`None` before index n, and everywhere when n = 0 or there are
/// at most n values). Values in [0, 100].
pub fn rsi_wilder(values: &[f64], n: usize) -> Vec<Option<f64>> {
    let mut out = vec![None; values.len()];
    if n == 0 || values.len() <= n {
        return out;
    }
    let changes: Vec<f64> = values.windows(2).map(|w| w[1] - w[0]).collect();
    let nf = n as f64;
    let mut gain = changes[..n].iter().map(|d| d.max(0.0)).sum::<f64>() / nf;
    let mut loss = changes[..n].iter().map(|d| (-d).max(0.0)).sum::<f64>() / nf;
    out[n] = Some(rsi_from(gain, loss));
    for (k, d) in changes.iter().enumerate().skip(n) {
        gain = (gain * (nf - 1.0) + d.max(0.0)) / nf;
        loss = (loss * (nf - 1.0) + (-d).max(0.0)) / nf;
        out[k + 1] = Some(rsi_from(gain, loss));
    }
    out
}

/// The latest RSI(n), if the series is long enough (more than n values).
pub fn latest_rsi(values: &[f64], n: usize) -> Option<f64> {
    rsi_wilder(values, n).last().copied().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_and_one_sided_series() {
        assert_eq!(latest_rsi(&[10.0; 20], 14), Some(50.0));
        let up: Vec<f64> = (0..20).map(f64::from).collect();
        assert_eq!(latest_rsi(&up, 14), Some(100.0));
        let down: Vec<f64> = (0..20).map(|i| 100.0 - f64::from(i)).collect();
        assert_eq!(latest_rsi(&down, 14), Some(0.0));
        assert_eq!(latest_rsi(&up[..14], 14), None);
    }

    #[test]
    fn small_period_by_hand() {
        // n = 2 on 1, 3, 2, 4: changes +2, -1, +2. Seed gain 1, loss 0.5 -> RSI 100 - 100/3.
        // Next: gain (1 + 2) / 2 = 1.5, loss (0.5 + 0) / 2 = 0.25 -> RS 6 -> RSI 100 - 100/7.
        let r = rsi_wilder(&[1.0, 3.0, 2.0, 4.0], 2);
        assert_eq!(r[..2], [None, None]);
        assert!((r[2].unwrap() - (100.0 - 100.0 / 3.0)).abs() < 1e-12);
        assert!((r[3].unwrap() - (100.0 - 100.0 / 7.0)).abs() < 1e-12);
    }
}
