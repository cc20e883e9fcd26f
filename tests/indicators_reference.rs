//! MACD(12,26,9) and RSI(14) against an independent implementation: the pandas computations
//! and the PyPI `ta` package values in tests/data/indicators_reference.csv, produced by
//! scripts/gen_indicator_reference.py.

use alvh::indicators::{macd, rsi_wilder, sample_spx_series, sample_vix_series};
use std::collections::BTreeMap;

struct Row {
    close: f64,
    cols: [Option<f64>; 8], // macd, signal, histogram, rsi, ta_macd, ta_signal, ta_histogram, ta_rsi
}

fn load() -> BTreeMap<String, Vec<Row>> {
    let text = include_str!("data/indicators_reference.csv");
    let mut out: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 11, "{line}");
        let opt = |s: &str| {
            if s.is_empty() {
                None
            } else {
                Some(s.parse::<f64>().expect("number"))
            }
        };
        let mut cols = [None; 8];
        for (k, c) in cols.iter_mut().enumerate() {
            *c = opt(f[3 + k]);
        }
        let rows = out.entry(f[0].to_string()).or_default();
        assert_eq!(f[1].parse::<usize>().unwrap(), rows.len());
        rows.push(Row {
            close: f[2].parse().unwrap(),
            cols,
        });
    }
    out
}

fn close_enough(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

#[test]
fn matches_pandas_reference_exactly() {
    let data = load();
    assert_eq!(data.len(), 3);
    for (name, rows) in &data {
        let closes: Vec<f64> = rows.iter().map(|r| r.close).collect();
        let m = macd(&closes, 12, 26, 9);
        let r = rsi_wilder(&closes, 14);
        let ours = [&m.macd, &m.signal, &m.histogram, &r];
        for (i, row) in rows.iter().enumerate() {
            for (k, series) in ours.iter().enumerate() {
                match (series[i], row.cols[k]) {
                    (None, None) => {}
                    (Some(a), Some(b)) => {
                        assert!(close_enough(a, b, 1e-10), "{name}[{i}] col {k}: {a} vs {b}")
                    }
                    (a, b) => panic!("{name}[{i}] col {k}: defined-ness differs: {a:?} vs {b:?}"),
                }
            }
        }
        assert_eq!(
            m.histogram.iter().position(Option::is_some),
            Some(33),
            "{name}"
        );
        assert_eq!(r.iter().position(Option::is_some), Some(14), "{name}");
    }
}

#[test]
fn converges_to_the_ta_package_on_a_long_series() {
    // `ta` seeds its EMAs with the first value rather than an SMA; the seed's weight decays
    // geometrically, so after a few hundred points the two agree closely.
    let data = load();
    let rows = &data["long"];
    let closes: Vec<f64> = rows.iter().map(|r| r.close).collect();
    let m = macd(&closes, 12, 26, 9);
    let r = rsi_wilder(&closes, 14);
    let ours = [&m.macd, &m.signal, &m.histogram, &r];
    let mut early_gap: f64 = 0.0;
    for (i, row) in rows.iter().enumerate() {
        for (k, series) in ours.iter().enumerate() {
            let (Some(a), Some(b)) = (series[i], row.cols[4 + k]) else {
                continue;
            };
            if i >= 300 {
                assert!(close_enough(a, b, 1e-7), "long[{i}] col {k}: {a} vs ta {b}");
            } else if i < 60 {
                early_gap = early_gap.max((a - b).abs());
            }
        }
    }
    // The seeding difference is real early on (this checks the comparison is not vacuous).
    assert!(early_gap > 1e-4, "{early_gap}");
}

#[test]
fn bundled_samples_are_the_reference_inputs() {
    let data = load();
    let vix: Vec<f64> = sample_vix_series().iter().map(|p| p.1).collect();
    let spx: Vec<f64> = sample_spx_series().iter().map(|p| p.1).collect();
    assert_eq!(
        vix,
        data["vix_sample"]
            .iter()
            .map(|r| r.close)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        spx,
        data["spx_sample"]
            .iter()
            .map(|r| r.close)
            .collect::<Vec<_>>()
    );
    assert!(vix.len() >= 60);
}
