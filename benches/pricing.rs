//! Criterion benchmarks of the pricing core against plain textbook implementations and
//! against calling the `implied-vol` crate directly, on the same inputs in the same run.
//!
//! Run: `cargo bench --bench pricing -- --warm-up-time 1 --measurement-time 3`
//! (figures and ratios are recorded in docs/numerics.md).
//!
//! Before the Criterion groups, a paired measurement prints the ratio of each pair: the two
//! sides alternate in 301 short rounds and the median of the per-round time ratios is
//! reported. On a loaded machine (a shared CI box) that ratio is far steadier than the ratio
//! of two Criterion medians taken seconds apart. The paired part always runs first; a
//! Criterion filter that matches no group (`cargo bench --bench pricing -- paired_only`) runs
//! only it.

use alvh::pricing::{black76, bsm, implied_vol_black76, implied_vol_bsm, OptionKind, Valuation};
use criterion::{black_box, criterion_group, BenchmarkId, Criterion};
use implied_vol::{DefaultSpecialFn, ImpliedBlackVolatility};
use std::time::Instant;

/// One option of the benchmark chain.
#[derive(Clone, Copy)]
struct Case {
    kind: OptionKind,
    underlying: f64,
    strike: f64,
    years: f64,
    vol: f64,
    rate: f64,
    div_yield: f64,
}

/// 64 strikes from 0.7 to 1.3 of the underlying, alternating calls and puts, with a simple
/// skew: the shape of an SPX (or, with underlying 18, a VIX) chain at 30 days.
fn chain(underlying: f64, vol: f64) -> Vec<Case> {
    (0..64)
        .map(|i| {
            let m = 0.7 + 0.6 * f64::from(i) / 63.0;
            Case {
                kind: if i % 2 == 0 {
                    OptionKind::Put
                } else {
                    OptionKind::Call
                },
                underlying,
                strike: underlying * m,
                years: 30.0 / 365.0,
                vol: vol * (1.0 - 0.3 * (m - 1.0)),
                rate: 0.045,
                div_yield: 0.013,
            }
        })
        .collect()
}

fn textbook_n(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

fn textbook_phi(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// Textbook BSM price and Greeks (Hull's formulas), no validation, no special cases.
fn textbook_bsm(c: &Case) -> Valuation {
    let w = c.kind.sign();
    let (s, k, t, v, r, q) = (c.underlying, c.strike, c.years, c.vol, c.rate, c.div_yield);
    let sd = v * t.sqrt();
    let d1 = ((s / k).ln() + (r - q + 0.5 * v * v) * t) / sd;
    let d2 = d1 - sd;
    let (dq, dr) = ((-q * t).exp(), (-r * t).exp());
    let (n1, n2, p1) = (textbook_n(w * d1), textbook_n(w * d2), textbook_phi(d1));
    Valuation {
        price: w * (s * dq * n1 - k * dr * n2),
        delta: w * dq * n1,
        gamma: dq * p1 / (s * sd),
        vega: s * dq * p1 * t.sqrt(),
        theta: -s * dq * p1 * v / (2.0 * t.sqrt()) - w * r * k * dr * n2 + w * q * s * dq * n1,
        rho: w * k * t * dr * n2,
    }
}

/// Textbook Black-76 price and Greeks.
fn textbook_black76(c: &Case) -> Valuation {
    let w = c.kind.sign();
    let (f, k, t, v, r) = (c.underlying, c.strike, c.years, c.vol, c.rate);
    let sd = v * t.sqrt();
    let d1 = ((f / k).ln() + 0.5 * v * v * t) / sd;
    let d2 = d1 - sd;
    let dr = (-r * t).exp();
    let (n1, n2, p1) = (textbook_n(w * d1), textbook_n(w * d2), textbook_phi(d1));
    let price = dr * w * (f * n1 - k * n2);
    Valuation {
        price,
        delta: w * dr * n1,
        gamma: dr * p1 / (f * sd),
        vega: dr * f * p1 * t.sqrt(),
        theta: -dr * f * p1 * v / (2.0 * t.sqrt()) + r * price,
        rho: -t * price,
    }
}

/// The implied-vol crate called directly on the undiscounted price (BSM via its forward).
fn direct_iv(kind: OptionKind, price: f64, forward: f64, strike: f64, years: f64, df: f64) -> f64 {
    ImpliedBlackVolatility::builder()
        .option_price(price / df)
        .forward(forward)
        .strike(strike)
        .expiry(years)
        .is_call(kind == OptionKind::Call)
        .build_unchecked()
        .calculate::<DefaultSpecialFn>()
        .unwrap_or(f64::NAN)
}

fn sum(v: &Valuation) -> f64 {
    v.price + v.delta + v.gamma + v.vega + v.theta + v.rho
}

fn pricing(c: &mut Criterion) {
    let spx = chain(6000.0, 0.15);
    let vix = chain(18.0, 0.9);

    let mut g = c.benchmark_group("bsm_price_greeks_x64");
    g.bench_function("alvh", |b| {
        b.iter(|| {
            black_box(&spx).iter().fold(0.0, |acc, o| {
                let v = bsm(
                    o.kind,
                    o.underlying,
                    o.strike,
                    o.years,
                    o.vol,
                    o.rate,
                    o.div_yield,
                );
                acc + v.map_or(0.0, |v| sum(&v))
            })
        })
    });
    g.bench_function("textbook", |b| {
        b.iter(|| {
            black_box(&spx)
                .iter()
                .fold(0.0, |acc, o| acc + sum(&textbook_bsm(o)))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("black76_price_greeks_x64");
    g.bench_function("alvh", |b| {
        b.iter(|| {
            black_box(&vix).iter().fold(0.0, |acc, o| {
                let v = black76(o.kind, o.underlying, o.strike, o.years, o.vol, o.rate);
                acc + v.map_or(0.0, |v| sum(&v))
            })
        })
    });
    g.bench_function("textbook", |b| {
        b.iter(|| {
            black_box(&vix)
                .iter()
                .fold(0.0, |acc, o| acc + sum(&textbook_black76(o)))
        })
    });
    g.finish();

    let spx_prices: Vec<(Case, f64)> = spx.iter().map(|o| (*o, textbook_bsm(o).price)).collect();
    let mut g = c.benchmark_group("iv_bsm_x64");
    g.bench_function(BenchmarkId::new("alvh", "implied_vol_bsm"), |b| {
        b.iter(|| {
            black_box(&spx_prices).iter().fold(0.0, |acc, (o, p)| {
                let iv = implied_vol_bsm(
                    o.kind,
                    *p,
                    o.underlying,
                    o.strike,
                    o.years,
                    o.rate,
                    o.div_yield,
                );
                acc + iv.unwrap_or(0.0)
            })
        })
    });
    g.bench_function(BenchmarkId::new("implied_vol_crate", "direct"), |b| {
        b.iter(|| {
            black_box(&spx_prices).iter().fold(0.0, |acc, (o, p)| {
                let df = (-o.rate * o.years).exp();
                let fwd = o.underlying * ((o.rate - o.div_yield) * o.years).exp();
                acc + direct_iv(o.kind, *p, fwd, o.strike, o.years, df)
            })
        })
    });
    g.finish();

    let vix_prices: Vec<(Case, f64)> = vix
        .iter()
        .map(|o| (*o, textbook_black76(o).price))
        .collect();
    let mut g = c.benchmark_group("iv_black76_x64");
    g.bench_function(BenchmarkId::new("alvh", "implied_vol_black76"), |b| {
        b.iter(|| {
            black_box(&vix_prices).iter().fold(0.0, |acc, (o, p)| {
                let iv = implied_vol_black76(o.kind, *p, o.underlying, o.strike, o.years, o.rate);
                acc + iv.unwrap_or(0.0)
            })
        })
    });
    g.bench_function(BenchmarkId::new("implied_vol_crate", "direct"), |b| {
        b.iter(|| {
            black_box(&vix_prices).iter().fold(0.0, |acc, (o, p)| {
                let df = (-o.rate * o.years).exp();
                acc + direct_iv(o.kind, *p, o.underlying, o.strike, o.years, df)
            })
        })
    });
    g.finish();
}

/// Median over alternating rounds of time(a) / time(b), and the median time of `a` per call.
fn paired(name: &str, mut a: impl FnMut() -> f64, mut b: impl FnMut() -> f64) {
    const ROUNDS: usize = 301;
    const REPS: u32 = 50;
    let mut ratios = Vec::with_capacity(ROUNDS);
    let mut times_a = Vec::with_capacity(ROUNDS);
    let mut sink = 0.0;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for _ in 0..REPS {
            sink += a();
        }
        let ta = start.elapsed().as_secs_f64();
        let start = Instant::now();
        for _ in 0..REPS {
            sink += b();
        }
        let tb = start.elapsed().as_secs_f64();
        ratios.push(ta / tb);
        times_a.push(ta / f64::from(REPS));
    }
    ratios.sort_by(f64::total_cmp);
    times_a.sort_by(f64::total_cmp);
    black_box(sink);
    println!(
        "paired {name}: median ratio {:.2} (alvh {:.2} us per 64-option chain)",
        ratios[ROUNDS / 2],
        times_a[ROUNDS / 2] * 1e6
    );
}

fn paired_ratios() {
    let spx = chain(6000.0, 0.15);
    let vix = chain(18.0, 0.9);
    paired(
        "bsm price+greeks alvh/textbook",
        || {
            black_box(&spx).iter().fold(0.0, |acc, o| {
                let v = bsm(
                    o.kind,
                    o.underlying,
                    o.strike,
                    o.years,
                    o.vol,
                    o.rate,
                    o.div_yield,
                );
                acc + v.map_or(0.0, |v| sum(&v))
            })
        },
        || {
            black_box(&spx)
                .iter()
                .fold(0.0, |acc, o| acc + sum(&textbook_bsm(o)))
        },
    );
    paired(
        "black76 price+greeks alvh/textbook",
        || {
            black_box(&vix).iter().fold(0.0, |acc, o| {
                let v = black76(o.kind, o.underlying, o.strike, o.years, o.vol, o.rate);
                acc + v.map_or(0.0, |v| sum(&v))
            })
        },
        || {
            black_box(&vix)
                .iter()
                .fold(0.0, |acc, o| acc + sum(&textbook_black76(o)))
        },
    );
    let spx_prices: Vec<(Case, f64)> = spx.iter().map(|o| (*o, textbook_bsm(o).price)).collect();
    paired(
        "implied_vol_bsm alvh/implied-vol direct",
        || {
            black_box(&spx_prices).iter().fold(0.0, |acc, (o, p)| {
                let iv = implied_vol_bsm(
                    o.kind,
                    *p,
                    o.underlying,
                    o.strike,
                    o.years,
                    o.rate,
                    o.div_yield,
                );
                acc + iv.unwrap_or(0.0)
            })
        },
        || {
            black_box(&spx_prices).iter().fold(0.0, |acc, (o, p)| {
                let df = (-o.rate * o.years).exp();
                let fwd = o.underlying * ((o.rate - o.div_yield) * o.years).exp();
                acc + direct_iv(o.kind, *p, fwd, o.strike, o.years, df)
            })
        },
    );
    let vix_prices: Vec<(Case, f64)> = vix
        .iter()
        .map(|o| (*o, textbook_black76(o).price))
        .collect();
    paired(
        "implied_vol_black76 alvh/implied-vol direct",
        || {
            black_box(&vix_prices).iter().fold(0.0, |acc, (o, p)| {
                let iv = implied_vol_black76(o.kind, *p, o.underlying, o.strike, o.years, o.rate);
                acc + iv.unwrap_or(0.0)
            })
        },
        || {
            black_box(&vix_prices).iter().fold(0.0, |acc, (o, p)| {
                let df = (-o.rate * o.years).exp();
                acc + direct_iv(o.kind, *p, o.underlying, o.strike, o.years, df)
            })
        },
    );
}

criterion_group!(benches, pricing);

fn main() {
    paired_ratios();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
