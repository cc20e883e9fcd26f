//! Fuzz-style robustness tests (issue 7): the URL fragment decoder, the JSON decoder and
//! `evaluate` on whatever the decoders accept. Zero panics; no NaN or infinity in a Report.
//!
//! CI runs a short pass. The long run is opt-in: `ALVH_FUZZ_CASES=1000000 cargo test --release
//! --test fuzz` (each property then runs that many cases).

use alvh::calendar::Date;
use alvh::codec::link::{decode_fragment, encode_fragment, from_value_lenient};
use alvh::{evaluate, Config};
use base64::Engine;
use proptest::prelude::*;
use serde_json::{json, Value};

fn today() -> Date {
    Date::from_ymd(2026, 11, 24).unwrap()
}

fn cases(default: u32) -> u32 {
    std::env::var("ALVH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Keys whose value may legitimately be null (Option fields of the Report).
const NULLABLE: [&str; 20] = [
    "entry",
    "pays_below",
    "curve_warning",
    "risk",
    "value",
    "sizing",
    "calendar",
    "vix_last_date",
    "macd",
    "signal",
    "histogram",
    "contracting",
    "ad_slope",
    "ratio_cap",
    "be_horizon_days",
    "regime_override",
    "atm_iv_override",
    "futures_warning",
    "smile_notice",
    "futures_notice",
];

/// Every number in the serialized report is finite: serde_json writes NaN and infinity as
/// null, so a null anywhere but an Option field is a non-finite number.
fn assert_finite(v: &Value, key: &str, path: &str) {
    match v {
        Value::Null => assert!(NULLABLE.contains(&key), "non-finite number at {path}"),
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{path}"),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| assert_finite(x, key, &format!("{path}.{i}"))),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| assert_finite(x, k, &format!("{path}.{k}"))),
        _ => {}
    }
}

thread_local! {
    /// Canonical JSON hashes of the configs already evaluated in this thread. `evaluate` is a
    /// pure function, so a config seen before (most damaged links decode to the defaults)
    /// needs no second evaluation; this is what makes a million-case run affordable.
    static EVALUATED: std::cell::RefCell<std::collections::HashSet<u64>> = Default::default();
}

fn check(config: &Config) {
    use std::hash::{Hash, Hasher};
    assert!(alvh::config::validate::validate(config).is_empty());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    alvh::codec::link::to_canonical_json(config).hash(&mut hasher);
    let key = hasher.finish();
    if EVALUATED.with(|seen| seen.borrow().contains(&key)) {
        return;
    }
    let report = evaluate(config).expect("a decoded config evaluates");
    assert_finite(&serde_json::to_value(&report).unwrap(), "", "report");
    EVALUATED.with(|seen| {
        let mut seen = seen.borrow_mut();
        if seen.len() < 1_000_000 {
            seen.insert(key);
        }
    });
}

/// Random JSON values, nested a little, with hostile leaves.
fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|f| json!(f)),
        any::<i64>().prop_map(|i| json!(i)),
        Just(json!(1e308)),
        Just(json!(-0.0)),
        Just(json!("<script>alert(1)</script>")),
        Just(json!("NaN")),
        "\\PC{0,24}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::hash_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Paths of the default config's leaves, to aim mutations at real fields.
fn leaf_paths(v: &Value, prefix: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| leaf_paths(x, format!("{prefix}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| leaf_paths(x, format!("{prefix}/{i}"), out)),
        _ => out.push(prefix),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    #[test]
    fn mutated_configs_decode_to_valid_configs(
        picks in prop::collection::vec((any::<prop::sample::Index>(), arb_json()), 1..6)
    ) {
        let mut v = serde_json::to_value(Config::defaults_for(today())).unwrap();
        let mut paths = Vec::new();
        leaf_paths(&v, String::new(), &mut paths);
        for (idx, val) in picks {
            let p = idx.get(&paths).clone();
            if let Some(slot) = v.pointer_mut(&p) {
                *slot = val;
            }
        }
        let d = from_value_lenient(v, today());
        check(&d.config);
    }

    #[test]
    fn arbitrary_json_documents_decode(doc in arb_json()) {
        let d = from_value_lenient(doc, today());
        check(&d.config);
    }

    #[test]
    fn arbitrary_payload_bytes_decode(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
        let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(miniz_oxide::deflate::compress_to_vec(&bytes, 6));
        for frag in [format!("c=1.{raw}"), format!("#c=1.{packed}&embed=1")] {
            let d = decode_fragment(&frag, today());
            check(&d.config);
        }
    }

    #[test]
    fn corrupted_links_decode(cut in 0usize..900, flip in any::<u8>(), at in 0usize..900) {
        let mut frag = encode_fragment(&Config::defaults_for(today())).into_bytes();
        if !frag.is_empty() {
            let i = at % frag.len();
            frag[i] = b"ABCxyz019-_."[flip as usize % 12];
            frag.truncate(cut.max(1).min(frag.len()));
        }
        let d = decode_fragment(&String::from_utf8_lossy(&frag), today());
        check(&d.config);
    }
}
