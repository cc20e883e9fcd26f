//! Links made by older versions of alvh keep opening (issue #7).
//!
//! `tests/data/links/old-8780764.txt` is the share-link fragment of the default configuration
//! (valued 2026-11-24) written by commit 8780764, the first commit with the fragment codec
//! (see tests/data/links/README.md for how it was made). The Config schema has grown since:
//! that link's `indicators` and `rules` objects are empty, and later fields (smile model, IV
//! overrides, ...) are missing. Decoding must keep every field the link carried and give every
//! field it did not carry its default, with no notice: a missing field is not an error.

use alvh::calendar::Date;
use alvh::codec::link::{decode_fragment, encode_fragment, to_canonical_json};
use alvh::Config;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

const OLD_LINK: &str = include_str!("data/links/old-8780764.txt");

/// A "today" unlike the link's valuation date, to show the link's own date is kept.
fn today() -> Date {
    Date::from_ymd(2027, 3, 1).expect("valid date")
}

/// The JSON the old version put in the link, read independently of alvh's decoder.
fn old_json() -> Value {
    let payload = OLD_LINK.trim().strip_prefix("c=1.").expect("format 1 link");
    let packed = URL_SAFE_NO_PAD.decode(payload).expect("base64url");
    let json = miniz_oxide::inflate::decompress_to_vec(&packed).expect("raw deflate");
    serde_json::from_slice(&json).expect("JSON")
}

/// Every leaf (number, string, bool, null, empty array/object) with its JSON pointer.
fn leaves(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                leaves(v, format!("{path}/{k}"), out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{path}/{i}"), out);
            }
        }
        leaf => out.push((path, leaf.clone())),
    }
}

fn decoded_json() -> (Value, Vec<alvh::FieldError>) {
    let decoded = decode_fragment(OLD_LINK.trim(), today());
    let json = serde_json::from_str(&to_canonical_json(&decoded.config)).expect("canonical JSON");
    (json, decoded.notices)
}

#[test]
fn old_link_decodes_without_notices() {
    // Expected notices: none. The old link has fewer fields, all of them still valid; a
    // missing field takes its default silently. A "config" or "link" notice would mean the
    // whole link was thrown away.
    let (_, notices) = decoded_json();
    assert!(
        notices.is_empty(),
        "unexpected notices for an old link: {notices:?}"
    );
    let decoded = decode_fragment(OLD_LINK.trim(), today());
    assert!(!decoded.embed);
    assert_eq!(
        decoded.config.market.valuation_date,
        Date::from_ymd(2026, 11, 24).expect("valid date"),
        "the link's valuation date, not today's"
    );
}

#[test]
fn old_link_keeps_every_field_it_carried() {
    let old = old_json();
    let (new, _) = decoded_json();
    let mut carried = Vec::new();
    leaves(&old, String::new(), &mut carried);
    // An empty object in the old link ({} for indicators and rules) carried nothing.
    carried.retain(|(_, v)| v != &Value::Object(Default::default()));
    assert!(
        carried.len() > 40,
        "the old link carries {} fields",
        carried.len()
    );
    for (path, value) in carried {
        if path == "/version" {
            // Read as version 1 (the first revision's model), written back as today's.
            assert_eq!(value, Value::from(1));
            assert_eq!(new["version"], Value::from(alvh::config::CONFIG_VERSION));
            continue;
        }
        let now = new.pointer(&path);
        assert_eq!(now, Some(&value), "field {path} changed or was lost");
    }
    // Spot checks through the typed Config (in case a pointer path ever went stale).
    let config = decode_fragment(OLD_LINK.trim(), today()).config;
    assert_eq!(
        Some(config.condor.short_put),
        old["condor"]["short_put"].as_f64()
    );
    assert_eq!(
        Some(config.condor.short_call),
        old["condor"]["short_call"].as_f64()
    );
    assert_eq!(
        config.hedge.legs.len(),
        old["hedge"]["legs"].as_array().map_or(0, Vec::len)
    );
}

#[test]
fn fields_the_old_link_lacked_take_their_defaults() {
    let old = old_json();
    let (new, _) = decoded_json();
    let date = Date::from_ymd(2026, 11, 24).expect("valid date");
    // A version-1 link's missing fields take the first revision's defaults (the model it was
    // made with; spec revision of 2026-12-03), and its quotes were taken at its own VIX.
    let mut first = Config::defaults_for(date);
    alvh::codec::link::first_revision_defaults(&mut first);
    first.market.quotes_vix = old["market"]["vix"].as_f64().expect("the link's VIX");
    let defaults: Value = serde_json::from_str(&to_canonical_json(&first)).expect("JSON");
    let mut all = Vec::new();
    leaves(&new, String::new(), &mut all);
    let missing: Vec<_> = all
        .into_iter()
        .filter(|(path, _)| old.pointer(path).is_none())
        .collect();
    assert!(
        !missing.is_empty(),
        "the schema has grown since the old link; some fields must be new"
    );
    // Every field the old link lacked (whole new objects, new fields inside old objects and
    // inside its list items) must be the default of the model the link was made with.
    for (path, value) in missing {
        assert_eq!(
            defaults.pointer(&path),
            Some(&value),
            "new field {path} is not its default"
        );
    }
}

#[test]
fn old_link_evaluates_and_round_trips() {
    let decoded = decode_fragment(OLD_LINK.trim(), today());
    let report = alvh::evaluate(&decoded.config).expect("an old link evaluates");
    assert_eq!(report.fingerprint.len(), 10);
    assert!(report.summary.credit_dollars > 0.0);
    // Re-sharing writes today's format, which reads back identically with no notice.
    let again = decode_fragment(&encode_fragment(&decoded.config), today());
    assert!(again.notices.is_empty(), "{:?}", again.notices);
    assert_eq!(again.config, decoded.config);
}

#[test]
fn old_link_is_read_in_the_first_revisions_form_and_says_so() {
    // Issue 17: a link carrying the old vix_atm_spread / smile.slope / smile.curvature is read
    // in the old form, never silently reinterpreted, and the report says so beside the smile.
    use alvh::market::smile::SmileForm;
    let config = decode_fragment(OLD_LINK.trim(), today()).config;
    let m = &config.market;
    assert_eq!(m.vix_atm_spread, Some(2.0));
    assert_eq!(m.smile.form, SmileForm::AbsoluteV1);
    assert_eq!((m.smile.slope, m.smile.curvature), (-0.032, 0.007));
    assert_eq!(m.vov, alvh::market::vov::VovParams::first_revision());
    assert!(m.futures_locked);
    assert_eq!(m.quotes_vix, m.vix);
    assert_eq!(
        config.scenario,
        alvh::config::ScenarioConfig::first_revision()
    );
    let report = alvh::evaluate(&config).expect("evaluates");
    // ATM = VIX - 2 = 14 points, as when the link was made (not 0.85 x 16 = 13.6).
    assert!((report.market.atm_vol - 0.14).abs() < 1e-15);
    assert_eq!(report.market.atm_ratio, 1.0);
    let notice = report.market.smile_notice.expect("a smile notice");
    assert!(
        notice.contains("VIX - 2") && notice.contains("-0.032"),
        "{notice}"
    );
    assert!(report.market.futures_notice.is_some());
    // The scenario is the undamped first-revision link: -10% SPX takes VIX 16 to about 40.
    let model = alvh::engine::model::Model::build(&config).expect("model");
    let v = model.scenario.vix_at(6000.0 * 0.9, 0.0);
    assert!((v - 40.0).abs() < 4.0, "{v}");
    // Today's defaults carry no notice.
    let fresh = alvh::evaluate(&Config::defaults_for(today())).expect("evaluates");
    assert!(fresh.market.smile_notice.is_none() && fresh.market.futures_notice.is_none());
}

#[test]
fn a_version_2_document_without_quotes_vix_takes_its_own_quotes_at_its_vix() {
    use alvh::codec::link::from_json_lenient;
    // Own quotes without quotes_vix: quoted at the document's VIX, so they stay as typed.
    let text = r#"{"version":2,"market":{"valuation_date":"2026-11-24","vix":30.0,
        "futures":[{"expiry":"2026-12-16","price":28.0},{"expiry":"2027-01-20","price":27.0}]}}"#;
    let d = from_json_lenient(text, today());
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    assert_eq!(d.config.market.quotes_vix, 30.0);
    let r = alvh::evaluate(&d.config).expect("evaluates");
    assert_eq!(r.market.quotes, d.config.market.futures);
    // No quotes given: the default quotes (taken at VIX 16) follow the document's VIX 30.
    let d = from_json_lenient(
        r#"{"market":{"valuation_date":"2026-11-24","vix":30.0}}"#,
        today(),
    );
    assert_eq!(d.config.market.quotes_vix, 16.0);
    let r = alvh::evaluate(&d.config).expect("evaluates");
    assert!(r.market.quotes[0].price > d.config.market.futures[0].price + 5.0);
}
