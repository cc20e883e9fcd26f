//! MACD (Appel) with SMA-seeded exponential moving averages (spec §7, §11 "R7").
//!
//! EMA(n): alpha = 2 / (n + 1); the first value, at index n - 1, is the simple average of the
//! first n inputs; afterwards `ema += alpha x (x - ema)`. MACD = EMA(fast) - EMA(slow) (first at
//! index slow - 1); signal = EMA(signal) of the MACD values, seeded by the simple average of
//! the first `signal` MACD values; histogram = MACD - signal. For (12, 26, 9) the first
//! histogram value is at index 33.

/// The conventional MACD periods (fast, slow, signal).
pub const MACD_PERIODS: (usize, usize, usize) = (12, 26, 9);

/// MACD output aligned with the input: `None` where the value is not yet defined.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Macd {
    /// EMA(fast) - EMA(slow), input units.
    pub macd: Vec<Option<f64>>,
    /// EMA(signal) of the MACD line.
    pub signal: Vec<Option<f64>>,
    /// MACD - signal.
    pub histogram: Vec<Option<f64>>,
}

/// Exponential moving average with alpha = 2 / (n + 1), seeded at index n - 1 by the simple
/// average of the first n values. All `None` when n = 0 or there are fewer than n values.
pub fn ema_sma_seeded(values: &[f64], n: usize) -> Vec<Option<f64>> {
    let mut out = vec![None; values.len()];
    if n == 0 || values.len() < n {
        return out;
    }
    let alpha = 2.0 / (n as f64 + 1.0);
    let mut ema = values[..n].iter().sum::<f64>() / n as f64;
    out[n - 1] = Some(ema);
    for (i, &x) in values.iter().enumerate().skip(n) {
        ema += alpha * (x - ema);
        out[i] = Some(ema);
    }
    out
}

/// MACD(fast, slow, signal) of `values` (spec §7).
pub fn macd(values: &[f64], fast: usize, slow: usize, signal: usize) -> Macd {
    let fast_ema = ema_sma_seeded(values, fast);
    let slow_ema = ema_sma_seeded(values, slow);
    let line: Vec<Option<f64>> = fast_ema
        .iter()
        .zip(&slow_ema)
        .map(|(f, s)| match (f, s) {
            (Some(f), Some(s)) => Some(f - s),
            _ => None,
        })
        .collect();
    let mut sig = vec![None; values.len()];
    if let Some(start) = line.iter().position(Option::is_some) {
        let defined: Vec<f64> = line[start..].iter().map(|v| v.unwrap_or(0.0)).collect();
        for (k, v) in ema_sma_seeded(&defined, signal).into_iter().enumerate() {
            sig[start + k] = v;
        }
    }
    let histogram = line
        .iter()
        .zip(&sig)
        .map(|(m, s)| match (m, s) {
            (Some(m), Some(s)) => Some(m - s),
            _ => None,
        })
        .collect();
    Macd {
        macd: line,
        signal: sig,
        histogram,
    }
}

/// Fewest closes for R7's test with MACD(fast, slow, signal): the first histogram value is at
/// index (slow - 1) + (signal - 1), and "contracting" needs `bars` histogram values, so
/// slow + signal - 2 + bars closes (36 for 12, 26, 9 and 3 bars).
pub fn min_closes_for_contraction(slow: usize, signal: usize, bars: usize) -> usize {
    (slow + signal + bars).saturating_sub(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ema_seed_and_recursion_by_hand() {
        // n = 3, alpha = 0.5: seed = (1 + 2 + 3) / 3 = 2, then 2 + 0.5 (4 - 2) = 3, 3 + 0.5 (8 - 3) = 5.5.
        let e = ema_sma_seeded(&[1.0, 2.0, 3.0, 4.0, 8.0], 3);
        assert_eq!(e, vec![None, None, Some(2.0), Some(3.0), Some(5.5)]);
        assert!(ema_sma_seeded(&[1.0, 2.0], 3).iter().all(Option::is_none));
        assert!(ema_sma_seeded(&[1.0, 2.0], 0).iter().all(Option::is_none));
    }

    #[test]
    fn first_defined_indices_match_spec() {
        let v: Vec<f64> = (0..40).map(|i| 20.0 + (i as f64 * 0.7).sin()).collect();
        let m = macd(&v, 12, 26, 9);
        assert_eq!(m.macd.iter().position(Option::is_some), Some(25));
        assert_eq!(m.signal.iter().position(Option::is_some), Some(33));
        assert_eq!(m.histogram.iter().position(Option::is_some), Some(33));
        // Signal seed = mean of the first 9 MACD values.
        let seed: f64 = m.macd[25..34].iter().map(|x| x.unwrap()).sum::<f64>() / 9.0;
        assert!((m.signal[33].unwrap() - seed).abs() < 1e-14);
        assert_eq!(min_closes_for_contraction(26, 9, 3), 36);
    }

    #[test]
    fn constant_series_has_zero_macd() {
        let m = macd(&[17.0; 50], 12, 26, 9);
        assert!(m.histogram[33..].iter().all(|h| h.unwrap().abs() < 1e-12));
    }
}
