//! Criterion benchmarks of the whole pipeline: `evaluate` on the default configuration
//! (4 horizons, 401-point curves, 6 legs, distribution metrics) and on a many-leg hedge,
//! plus the URL fragment codec.
use alvh::calendar::Date;
use alvh::config::{HedgeLeg, Instrument};
use alvh::Config;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn config() -> Config {
    Config::defaults_for(Date::from_ymd(2026, 11, 24).expect("valid date"))
}

fn many_legs() -> Config {
    let mut cfg = config();
    let expiries: Vec<Date> = cfg.market.futures.iter().map(|f| f.expiry).collect();
    cfg.hedge.legs = (0..12)
        .map(|i| HedgeLeg {
            instrument: match i % 4 {
                0 => Instrument::VixCall,
                1 => Instrument::VixPut,
                2 => Instrument::Vx,
                _ => Instrument::Vxm,
            },
            strike: 15.0 + i as f64,
            expiry: expiries[i % expiries.len()],
            qty: if i % 2 == 0 { 3 } else { -2 },
            entry: None,
        })
        .collect();
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
    let frag = alvh::state::encode_fragment(&default);
    let today = default.market.valuation_date;
    c.bench_function("state/encode_fragment", |b| {
        b.iter(|| alvh::state::encode_fragment(black_box(&default)))
    });
    c.bench_function("state/decode_fragment", |b| {
        b.iter(|| alvh::state::decode_fragment(black_box(&frag), today))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
