//! The config codec's unknown-key walk and its wording in user terms (issue 15, item 3): the
//! strict reader (the JS API) names every unknown key and every mistyped field with a message
//! a user can act on; the lenient reader (links, local storage, the CLI) keeps ignoring unknown
//! keys but lists them as notices.

use alvh::calendar::Date;
use alvh::codec::link::{from_value_lenient, from_value_strict, to_canonical_json, unknown_fields};
use alvh::{Config, FieldError};
use proptest::prelude::*;
use serde_json::{json, Value};

fn today() -> Date {
    Date::from_ymd(2026, 11, 24).unwrap()
}

fn canonical(config: &Config) -> Value {
    serde_json::from_str(&to_canonical_json(config)).unwrap()
}

/// A config with every optional section set, so that the walk below reaches every field:
/// an SVI smile, a fill credit, IV overrides, entry prices, a slider horizon, a signature.
fn full_config() -> Config {
    let mut c = Config::defaults_for(today());
    c.market.atm_iv_override = Some(0.15);
    c.market.smile.svi = Some(alvh::market::smile::SviParams {
        a: 0.002,
        b: 0.05,
        rho: -0.6,
        m: 0.02,
        sigma: 0.1,
    });
    c.condor.fill_credit = Some(11.85);
    c.condor.iv_overrides = [Some(0.2), None, Some(0.11), None];
    c.view.slider_days = Some(12);
    for leg in &mut c.hedge.legs {
        leg.entry = Some(1.25);
    }
    c.review.push(alvh::config::ReviewSignature {
        initials: "AB".into(),
        fingerprint: "0123456789".into(),
    });
    assert!(
        alvh::config::validate::validate(&c).is_empty(),
        "{:?}",
        alvh::config::validate::validate(&c)
    );
    c
}

/// Every (dotted path, JSON pointer, value) of a document, objects and list items included.
fn paths(value: &Value) -> Vec<(String, String, Value)> {
    fn walk(v: &Value, dotted: &str, pointer: &str, out: &mut Vec<(String, String, Value)>) {
        let children: Vec<(String, &Value)> = match v {
            Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v)).collect(),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect(),
            _ => Vec::new(),
        };
        for (key, child) in children {
            let d = if dotted.is_empty() {
                key.clone()
            } else {
                format!("{dotted}.{key}")
            };
            let p = format!("{pointer}/{key}");
            out.push((d.clone(), p.clone(), child.clone()));
            walk(child, &d, &p, out);
        }
    }
    let mut out = Vec::new();
    walk(value, "", "", &mut out);
    out
}

/// Every object member of the document (not list items): (dotted path, parent pointer, key).
fn members(value: &Value) -> Vec<(String, String, String)> {
    paths(value)
        .into_iter()
        .filter_map(|(dotted, pointer, _)| {
            let (parent, key) = pointer.rsplit_once('/')?;
            let parent_is_object = value.pointer(parent).is_some_and(Value::is_object)
                || parent.is_empty() && value.is_object();
            parent_is_object.then(|| (dotted, parent.to_string(), key.to_string()))
        })
        .collect()
}

fn strict_errors(doc: &Value) -> Vec<FieldError> {
    match from_value_strict(doc, today()) {
        Ok(_) => Vec::new(),
        Err(e) => e.0,
    }
}

/// Words that must never reach a user: Rust type names, serde's phrasing, the lenient repair.
fn assert_user_terms(errors: &[FieldError]) {
    for e in errors {
        let m = &e.message;
        for bad in [
            "f64",
            "f32",
            "u32",
            "u64",
            "i64",
            "usize",
            "invalid type",
            "expected",
            "default used",
            "today used",
            "struct",
            "variant",
            "`",
        ] {
            assert!(!m.contains(bad), "{}: {m:?} contains {bad:?}", e.field);
        }
    }
}

#[test]
fn a_misspelt_key_is_an_error_with_a_suggestion() {
    let mut doc = canonical(&Config::defaults_for(today()));
    doc["condor"]["contrcts"] = json!(5);
    let errors = strict_errors(&doc);
    assert_eq!(
        errors,
        vec![FieldError::new(
            "condor.contrcts",
            "unknown field; did you mean contracts?"
        )]
    );
    let message = alvh::ConfigErrors(errors).to_string();
    assert!(
        message.contains("condor.contrcts: unknown field; did you mean contracts?"),
        "{message}"
    );
}

#[test]
fn unknown_keys_are_named_at_every_depth_and_in_list_items() {
    let mut doc = json!({
        "condr": {"contracts": 2},
        "market": {"smile": {"slop": -0.03}, "futures": [{"expiry": "2026-12-16", "price": 18.0, "prise": 1}]},
        "hedge": {"legs": [
            {"instrument": "vix_call", "strike": 30.0, "expiry": "2027-01-20", "qty": 2, "entry": null, "qyt": 3},
            {"instrument": "vix_call", "strke": 40.0, "strike": 40.0, "expiry": "2027-01-20", "qty": 2, "entry": null, "zzzzzz": 1}
        ]}
    });
    doc["view"] = json!({"horizon_days": [0, 5], "include_expiry": true, "banana": 1});
    let mut fields: Vec<(String, String)> = strict_errors(&doc)
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect();
    fields.sort();
    let expected: Vec<(String, String)> = [
        ("condr", "unknown field; did you mean condor?"),
        ("hedge.legs.0.qyt", "unknown field; did you mean qty?"),
        ("hedge.legs.1.strke", "unknown field; did you mean strike?"),
        ("hedge.legs.1.zzzzzz", "unknown field"),
        (
            "market.futures.0.prise",
            "unknown field; did you mean price?",
        ),
        ("market.smile.slop", "unknown field; did you mean slope?"),
        ("view.banana", "unknown field"),
    ]
    .iter()
    .map(|(f, m)| (f.to_string(), m.to_string()))
    .collect();
    assert_eq!(fields, expected);
}

#[test]
fn the_lenient_reader_ignores_unknown_keys_and_lists_them_as_notices() {
    let base = Config::defaults_for(today());
    let mut doc = canonical(&base);
    doc["condor"]["contrcts"] = json!(5);
    doc["from_a_newer_alvh"] = json!({"x": 1});
    let decoded = from_value_lenient(doc, today());
    assert_eq!(decoded.config, base);
    let notices: Vec<String> = decoded.notices.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        notices,
        vec![
            "condor.contrcts: unknown field; did you mean contracts?; ignored".to_string(),
            "from_a_newer_alvh: unknown field; ignored".to_string(),
        ]
    );
}

#[test]
fn every_field_path_is_known_and_a_sibling_key_is_not() {
    let config = full_config();
    let doc = canonical(&config);
    assert!(unknown_fields(&doc, &config).is_empty());
    let all = members(&doc);
    assert!(all.len() > 100, "only {} members walked", all.len());
    for (dotted, parent, _) in &all {
        // An extra key beside each field is named, and only it.
        let mut extra = doc.clone();
        let target = if parent.is_empty() {
            &mut extra
        } else {
            extra.pointer_mut(parent).unwrap()
        };
        target
            .as_object_mut()
            .unwrap()
            .insert("qqqqqqqqqq".into(), json!(1));
        let parent_dotted = dotted.rsplit_once('.').map_or("", |(p, _)| p);
        let field = if parent_dotted.is_empty() {
            "qqqqqqqqqq".to_string()
        } else {
            format!("{parent_dotted}.qqqqqqqqqq")
        };
        assert_eq!(
            strict_errors(&extra),
            vec![FieldError::new(field, "unknown field")],
            "beside {dotted}"
        );
    }
}

#[test]
fn a_misspelling_of_every_field_suggests_the_field() {
    let config = full_config();
    let doc = canonical(&config);
    for (dotted, parent, key) in members(&doc) {
        if key.len() < 3 {
            continue; // "a", "b", "m": one letter off is another field or nothing near.
        }
        // Drop the key's last letter and keep the field itself, so that nothing else is wrong.
        let misspelt = &key[..key.len() - 1];
        let mut doc2 = doc.clone();
        let target = if parent.is_empty() {
            &mut doc2
        } else {
            doc2.pointer_mut(&parent).unwrap()
        };
        let object = target.as_object_mut().unwrap();
        if object.contains_key(misspelt) {
            continue;
        }
        let value = object[&key].clone();
        object.insert(misspelt.to_string(), value);
        let errors = strict_errors(&doc2);
        let field = match dotted.rsplit_once('.') {
            Some((p, _)) => format!("{p}.{misspelt}"),
            None => misspelt.to_string(),
        };
        assert_eq!(
            errors,
            vec![FieldError::new(
                field,
                format!("unknown field; did you mean {key}?")
            )],
            "{dotted}"
        );
    }
}

#[test]
fn a_wrong_kind_of_value_in_every_field_is_named_in_user_terms() {
    let config = full_config();
    let doc = canonical(&config);
    let mut checked = 0;
    for (dotted, pointer, value) in paths(&doc) {
        if dotted == "version" {
            continue; // Always rewritten to the current version.
        }
        let wrong = match &value {
            Value::Number(_) | Value::Bool(_) | Value::Array(_) | Value::Object(_) => json!("x"),
            Value::String(_) => json!(7),
            Value::Null => json!("x"),
        };
        let mut bad = doc.clone();
        *bad.pointer_mut(&pointer).unwrap() = wrong;
        let errors = strict_errors(&bad);
        assert!(!errors.is_empty(), "{dotted}: a wrong kind was accepted");
        assert!(
            errors.iter().any(|e| e.field == dotted),
            "{dotted} not named: {errors:?}"
        );
        assert_user_terms(&errors);
        checked += 1;
    }
    assert!(checked > 100, "only {checked} fields checked");
}

#[test]
fn wording_of_each_kind_of_field() {
    let base = canonical(&Config::defaults_for(today()));
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "/condor/contracts",
            json!(2.5),
            "condor.contracts",
            "must be a whole number",
        ),
        (
            "/condor/contracts",
            json!("two"),
            "condor.contracts",
            "must be a whole number",
        ),
        (
            "/view/steps",
            json!(-400),
            "view.steps",
            "must be a whole number, 0 or more",
        ),
        (
            "/market/spot",
            json!("<script>"),
            "market.spot",
            "must be a number",
        ),
        (
            "/market/spot",
            Value::Null,
            "market.spot",
            "must be a number",
        ),
        (
            "/condor/fill_credit",
            json!("x"),
            "condor.fill_credit",
            "must be a number",
        ),
        (
            "/hedge/legs/0/instrument",
            json!("call"),
            "hedge.legs.0.instrument",
            "must be one of vix_call, vix_put, vx, vxm",
        ),
        (
            "/hedge/legs/0/instrument",
            json!(3),
            "hedge.legs.0.instrument",
            "must be one of vix_call, vix_put, vx, vxm",
        ),
        (
            "/scenario/vix_mode",
            json!("up"),
            "scenario.vix_mode",
            "must be one of hold, roll",
        ),
        (
            "/condor/expiry",
            json!("next week"),
            "condor.expiry",
            "must be a date YYYY-MM-DD",
        ),
        (
            "/hedge/legs/0/expiry",
            json!(20270120),
            "hedge.legs.0.expiry",
            "must be a date YYYY-MM-DD",
        ),
        (
            "/market/valuation_date",
            json!("2026-02-30"),
            "market.valuation_date",
            "must be a date YYYY-MM-DD",
        ),
        (
            "/view/include_expiry",
            json!("yes"),
            "view.include_expiry",
            "must be true or false",
        ),
        (
            "/condor/iv_overrides",
            json!([0.2]),
            "condor.iv_overrides",
            "must be a list of 4 items",
        ),
        (
            "/view/horizon_days",
            json!(5),
            "view.horizon_days",
            "must be a list",
        ),
        (
            "/scenario",
            json!("<img src=x>"),
            "scenario",
            "must be an object",
        ),
        (
            "/condor/put_wing",
            json!(-5.0),
            "condor.put_wing",
            "Put wing must be between 0.05 and 100000 (got -5)",
        ),
    ];
    for (pointer, value, field, message) in cases {
        let mut doc = base.clone();
        *doc.pointer_mut(pointer).unwrap() = value.clone();
        let errors = strict_errors(&doc);
        assert_eq!(
            errors,
            vec![FieldError::new(field, message)],
            "{pointer} = {value}"
        );
    }
    // A hedge leg added without a strike names the missing member.
    let mut doc = base.clone();
    doc["hedge"]["legs"]
        .as_array_mut()
        .unwrap()
        .push(json!({"instrument": "vix_call", "expiry": "2027-01-20", "qty": 1, "entry": null}));
    let n = doc["hedge"]["legs"].as_array().unwrap().len() - 1;
    assert_eq!(
        strict_errors(&doc),
        vec![FieldError::new(
            format!("hedge.legs.{n}.strike"),
            "is required"
        )]
    );
    // Not an object at all.
    assert_eq!(
        strict_errors(&json!([1, 2])),
        vec![FieldError::new(
            "config",
            "the configuration must be an object"
        )]
    );
}

#[test]
fn every_invalid_field_is_named_at_once_and_notices_say_what_was_done() {
    let mut doc = canonical(&Config::defaults_for(today()));
    doc["market"]["spot"] = json!("abc");
    doc["condor"]["contracts"] = json!(2.5);
    doc["condor"]["put_wing"] = json!(-5.0);
    doc["hedge"]["legs"][0]["instrument"] = json!("call");
    doc["condor"]["contrcts"] = json!(1);
    let errors = strict_errors(&doc);
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    for f in [
        "market.spot",
        "condor.contracts",
        "condor.put_wing",
        "hedge.legs.0.instrument",
        "condor.contrcts",
    ] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    assert_user_terms(&errors);
    // The lenient reader's notices carry the same words plus what it did.
    let notices = from_value_lenient(doc, today()).notices;
    let spot = notices.iter().find(|n| n.field == "market.spot").unwrap();
    assert_eq!(spot.message, "must be a number; default used");
    let unknown = notices
        .iter()
        .find(|n| n.field == "condor.contrcts")
        .unwrap();
    assert_eq!(
        unknown.message,
        "unknown field; did you mean contracts?; ignored"
    );
}

#[test]
fn a_partial_config_takes_defaults_without_errors() {
    let doc = json!({"market": {"valuation_date": "2026-11-24", "spot": 6100}, "condor": {"contracts": 3}});
    let config = from_value_strict(&doc, today()).expect("a partial config reads");
    let mut expected = Config::defaults_for(today());
    expected.market.spot = 6100.0;
    expected.condor.contracts = 3;
    assert_eq!(config, expected);
}

fn arb_canonical_config() -> impl Strategy<Value = Config> {
    (
        0usize..4,
        1usize..9,
        0.5..4.0f64,
        any::<bool>(),
        any::<bool>(),
        prop::option::of(0.05..2.0f64),
        prop::option::of(0i64..60),
        0usize..3,
    )
        .prop_map(|(preset, legs, ratio, svi, iv, fill, slider, signatures)| {
            let base = Config::defaults_for(today());
            let mut c = match preset {
                0 => base.clone(),
                1 => alvh::config::presets::with_stress_distribution(&base),
                _ => {
                    let mut c = base.clone();
                    c.hedge.legs = alvh::config::presets::instrument_mix(&c, legs, ratio);
                    c
                }
            };
            if svi {
                c.market.smile.svi = full_config().market.smile.svi;
            }
            if iv {
                c.condor.iv_overrides = [Some(0.2), None, None, Some(0.1)];
            }
            c.condor.fill_credit = fill;
            c.view.slider_days = slider;
            for i in 0..signatures {
                c.review.push(alvh::config::ReviewSignature {
                    initials: format!("R{i}"),
                    fingerprint: "abcdef0123".into(),
                });
            }
            c
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_canonical_config_has_no_unknown_keys(config in arb_canonical_config()) {
        let doc = canonical(&config);
        prop_assert!(unknown_fields(&doc, &config).is_empty());
        let decoded = from_value_lenient(doc.clone(), config.market.valuation_date);
        prop_assert!(
            !decoded.notices.iter().any(|n| n.message.contains("unknown field")),
            "{:?}", decoded.notices
        );
        if alvh::config::validate::validate(&config).is_empty() {
            prop_assert_eq!(from_value_strict(&doc, today()), Ok(config));
        }
    }
}
