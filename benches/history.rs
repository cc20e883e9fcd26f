//! Criterion benchmarks of the History program backtest on the shipped series (1990-2026):
//! monthly entries (about 440 condors, each marked daily to its exit) and weekly SPXW entries
//! (about 1,900), the default configuration's placement, target 50% / stop 200% of the credit.
//! Issue 19's targets are < 250 ms monthly and < 1 s weekly in wasm; these are native figures.
use alvh::calendar::Date;
use alvh::history::backtest::{self, ProgramParams};
use alvh::history::data::parse_history_csv;
use alvh::Config;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const SHIPPED: &str = include_str!("../assets/history/spx_vix_daily.csv");

fn bench(c: &mut Criterion) {
    let rows = parse_history_csv(SHIPPED).expect("shipped series");
    let cfg = Config::defaults_for(Date::from_ymd(2026, 11, 24).expect("date"));
    let (first, last) = (rows[0].date, rows[rows.len() - 1].date);
    let monthly = ProgramParams::from_config(&cfg, false, first, last).expect("monthly");
    let weekly = ProgramParams::from_config(&cfg, true, first, last).expect("weekly");
    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    group.bench_function("parse_series", |b| {
        b.iter(|| parse_history_csv(black_box(SHIPPED)))
    });
    group.bench_function("backtest_monthly_35y", |b| {
        b.iter(|| backtest::run(black_box(&rows), &monthly, &mut |_| true).expect("runs"))
    });
    group.bench_function("backtest_weekly_spxw_35y", |b| {
        b.iter(|| backtest::run(black_box(&rows), &weekly, &mut |_| true).expect("runs"))
    });
    // The chart's History band at the condor's expiry (issue 19 item 2), on the chart's grid:
    // what the page recomputes on each edit while the band is on.
    let spots = alvh::evaluate(&cfg).expect("defaults").curves.spots;
    group.bench_function("band_expiry_451_levels", |b| {
        b.iter(|| {
            alvh::history::band::link_band(black_box(&cfg), &spots, &rows, 52).expect("a band")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
