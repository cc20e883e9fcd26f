//! Criterion benchmarks of the whole pipeline: `evaluate` on the default configuration
//! (4 horizons, 401-point curves, 6 legs, distribution metrics) and on a many-leg hedge,
//! plus the URL fragment codec.
//!
//! Baseline in the same run: the plainest correct way to get just the curves, i.e.
//! `Model::pnl` (every leg priced through the checked BSM/Black-76 functions with all their
//! Greeks) at each of the 401 grid points of the four default horizons. `evaluate` does that
//! and much more (break-evens, extremes, Greeks across price, distribution figures, rules).
use alvh::calendar::Date;
use alvh::Config;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn config() -> Config {
    Config::defaults_for(Date::from_ymd(2026, 11, 24).expect("valid date"))
}

fn many_legs() -> Config {
    let mut cfg = config();
    cfg.hedge.legs = alvh::config::presets::instrument_mix(&cfg, 12, 1.0);
    cfg
}

fn bench(c: &mut Criterion) {
    let default = config();
    let many = many_legs();
    c.bench_function("evaluate/default", |b| {
        b.iter(|| alvh::evaluate(black_box(&default)))
    });
    c.bench_function("evaluate/16_legs", |b| {
        b.iter(|| alvh::evaluate(black_box(&many)))
    });
    let model = alvh::engine::model::Model::build(&default).expect("default model");
    let s0 = default.market.spot;
    let spots: Vec<f64> = (0..401)
        .map(|i| s0 * (0.85 + 0.30 * i as f64 / 400.0))
        .collect();
    let mut horizons: Vec<f64> = default
        .view
        .horizon_days
        .iter()
        .map(|&d| d as f64)
        .collect();
    horizons.push(model.condor_days as f64);
    c.bench_function("baseline/plain_curves_default", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for &h in &horizons {
                for &s in &spots {
                    sum += model
                        .pnl(black_box(s), h)
                        .map(|p| p.combined())
                        .unwrap_or(0.0);
                }
            }
            sum
        })
    });
    let frag = alvh::codec::link::encode_fragment(&default);
    let today = default.market.valuation_date;
    c.bench_function("state/encode_fragment", |b| {
        b.iter(|| alvh::codec::link::encode_fragment(black_box(&default)))
    });
    c.bench_function("state/decode_fragment", |b| {
        b.iter(|| alvh::codec::link::decode_fragment(black_box(&frag), today))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
