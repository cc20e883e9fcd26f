//! Prints the default report's headline figures as JSON (debug aid).
fn main() {
    let date = alvh::calendar::Date::parse(&std::env::args().nth(1).unwrap_or("2026-11-24".into()))
        .unwrap();
    let cfg = alvh::Config::defaults_for(date);
    let t = std::time::Instant::now();
    let r = alvh::evaluate(&cfg).unwrap();
    eprintln!("evaluate: {:?}", t.elapsed());
    println!("{}", serde_json::to_string_pretty(&cfg).unwrap());
    println!("summary {:?}", r.summary);
    println!("greeks {:?}", r.greeks);
    println!(
        "scen delta {} hedge vega {} combined vega {}",
        r.scenario_delta_dollars, r.hedge_vega_per_vix_point, r.combined_vega_per_point
    );
    for l in &r.legs {
        println!(
            "{} qty {} K {} vol {:.4} u {:.2} px {:.4} entry {:.4} {:?}",
            l.label, l.qty, l.strike, l.vol, l.underlying, l.model_price, l.entry_price, l.greeks
        );
    }
    for h in &r.curves.horizons {
        println!(
            "{} {:?}\n   combined {:?}",
            h.label, h.figures.condor, h.figures.combined
        );
    }
    println!("risk {:?}", r.risk);
    println!(
        "fp {} market {:?}",
        r.fingerprint,
        (
            r.market.atm_vol,
            r.market.curve_kappa,
            r.market.curve_theta,
            r.market.curve_rmse
        )
    );
    let fragment = alvh::codec::link::encode_fragment(&cfg);
    println!("fragment length {}", fragment.len());
    // The default link's fragment, as docs/embed.html's iframe carries it.
    println!("fragment {fragment}");
}
