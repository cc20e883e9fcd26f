//! The one canonical serialization of a Config (spec §8): the URL fragment, local storage,
//! the fingerprint (R16) and the JS API all use it, so they cannot disagree.
//!
//! Fragment format (version 1): `c=1.<payload>[&h=1.<history>][&embed=1]` where payload is
//! the canonical JSON of the Config, raw-deflated (miniz_oxide, level 9) and base64url-encoded
//! without padding; `h=` is the History view's state ([`super::history_link`]).
//! Unknown `key=value` pairs are ignored. Decoding is lenient: every field that is missing,
//! of the wrong type or invalid falls back to its default and is reported as a notice.

use crate::calendar::Date;
use crate::config::error::{ConfigErrors, FieldError};
use crate::config::Config;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;
use serde_json::Value;

/// Format version written into the fragment payload.
pub const FRAGMENT_VERSION: &str = "1";
/// Longest fragment accepted, characters.
pub const MAX_FRAGMENT_LEN: usize = 64 * 1024;
/// Largest inflated JSON accepted, bytes.
pub const MAX_JSON_LEN: usize = 512 * 1024;

/// A configuration read from a link or storage, with what had to be repaired.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub config: Config,
    /// One entry per field that was ignored or replaced by its default, with the reason.
    pub notices: Vec<FieldError>,
    /// The fragment asked for embed mode (chart and key figures only).
    pub embed: bool,
    /// The History view's state from the fragment's `h=` part (None when it has none).
    pub history: Option<crate::codec::history_link::HistoryState>,
}

/// Canonical JSON of a config (struct field order, shortest round-trip floats).
pub fn to_canonical_json(config: &Config) -> String {
    serde_json::to_string(config).unwrap_or_default()
}

/// Short hex fingerprint (40 bits of SHA-256) of the canonical configuration, review
/// signatures excluded so that signing does not change what was signed.
pub fn fingerprint(config: &Config) -> String {
    use sha2::{Digest, Sha256};
    let mut unsigned = config.clone();
    unsigned.review.clear();
    let digest = Sha256::digest(to_canonical_json(&unsigned).as_bytes());
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// The URL fragment for a config, without the leading `#`.
pub fn encode_fragment(config: &Config) -> String {
    let json = to_canonical_json(config);
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("c={FRAGMENT_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Reads a URL fragment (with or without `#`). Never fails: a missing or unreadable payload
/// gives the defaults for `today` with a notice saying why.
pub fn decode_fragment(fragment: &str, today: Date) -> Decoded {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut payload = None;
    let mut embed = false;
    let mut history = None;
    if fragment.len() > MAX_FRAGMENT_LEN {
        return fallback(
            today,
            "link",
            "the link is too long to be a configuration; defaults used",
        );
    }
    for pair in fragment.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "c" => payload = Some(value),
            "embed" => embed = matches!(value, "" | "1" | "true"),
            crate::codec::history_link::HISTORY_KEY => history = Some(value),
            _ => {}
        }
    }
    let mut decoded = match payload.map(|p| p.split_once('.')) {
        None => Decoded {
            config: Config::defaults_for(today),
            notices: Vec::new(),
            embed,
            history: None,
        },
        Some(Some((FRAGMENT_VERSION, data))) => match unpack(data) {
            Ok(json) => from_json_lenient(&json, today),
            Err(why) => fallback(today, "link", &why),
        },
        Some(Some((v, _))) => fallback(
            today,
            "link",
            &format!("link format version {v:?} is not supported; defaults used"),
        ),
        Some(None) => fallback(
            today,
            "link",
            "the link has no format version; defaults used",
        ),
    };
    decoded.embed = embed;
    if let Some(value) = history {
        let (state, notices) = crate::codec::history_link::decode_history(value);
        decoded.history = Some(state);
        decoded.notices.extend(notices);
    }
    decoded
}

fn unpack(data: &str) -> Result<String, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| {
            "the link's configuration is not valid base64url; defaults used".to_string()
        })?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_JSON_LEN).map_err(|_| {
            "the link's configuration is damaged (cannot be inflated); defaults used".to_string()
        })?;
    String::from_utf8(json)
        .map_err(|_| "the link's configuration is not UTF-8 text; defaults used".to_string())
}

fn fallback(today: Date, field: &str, why: &str) -> Decoded {
    Decoded {
        config: Config::defaults_for(today),
        notices: vec![FieldError::new(field, why)],
        embed: false,
        history: None,
    }
}

/// Reads a config from JSON text (storage, JS API, CLI) leniently: unknown keys are ignored;
/// every missing, mistyped or invalid field falls back to its default with a notice.
pub fn from_json_lenient(text: &str, today: Date) -> Decoded {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => from_value_lenient(v, today),
        Err(e) => fallback(
            today,
            "config",
            &format!("not valid JSON ({e}); defaults used"),
        ),
    }
}

/// As `from_json_lenient`, from a parsed JSON value. Unknown keys (a misspelt field, or one
/// a newer alvh wrote) are ignored, for forward compatibility, and listed as notices.
pub fn from_value_lenient(provided: Value, today: Date) -> Decoded {
    let (config, problems) = decode_value(&provided, today);
    let mut notices: Vec<FieldError> = problems
        .iter()
        .map(|p| match p.repair {
            "" => p.error.clone(),
            repair => FieldError::new(&p.error.field, format!("{}; {repair}", p.error.message)),
        })
        .collect();
    for unknown in unknown_fields_besides(&provided, &config, &problems) {
        let message = format!("{}; ignored", unknown.message);
        notices.push(FieldError::new(unknown.field, message));
    }
    Decoded {
        config,
        notices,
        embed: false,
        history: None,
    }
}

/// Reads a config strictly (the JS API): fields left out take their defaults, but every field
/// that is present and invalid, and every unknown key (nested ones and those inside list items
/// included), is an error worded in user terms, with no word of a default: the caller gets
/// nothing to evaluate.
pub fn from_value_strict(provided: &Value, today: Date) -> Result<Config, ConfigErrors> {
    let (config, problems) = decode_value(provided, today);
    let unknown = unknown_fields_besides(provided, &config, &problems);
    if problems.is_empty() && unknown.is_empty() {
        return Ok(config);
    }
    let mut errors: Vec<FieldError> = problems.into_iter().map(|p| p.error).collect();
    errors.extend(unknown);
    Err(ConfigErrors(errors))
}

/// One problem the decoder found: the field and what is wrong with it in user terms, and what
/// the lenient decoder did about it ("" when nothing was repaired).
struct Problem {
    error: FieldError,
    repair: &'static str,
}

impl Problem {
    fn new(field: &str, message: impl Into<String>, repair: &'static str) -> Self {
        Problem {
            error: FieldError::new(field, message),
            repair,
        }
    }
}

/// The lenient decoder's core: the provided document overlaid on the defaults for its
/// valuation date (or `today`), every field that does not read or validate put back to its
/// default, one at a time, each with a problem in user terms.
fn decode_value(provided: &Value, today: Date) -> (Config, Vec<Problem>) {
    let mut problems = Vec::new();
    if !provided.is_object() {
        problems.push(Problem::new(
            "config",
            "the configuration must be an object",
            "defaults used",
        ));
        return (Config::defaults_for(today), problems);
    }
    let date = match provided.pointer("/market/valuation_date") {
        None => today,
        Some(v) => match v.as_str().map(Date::parse) {
            Some(Ok(d)) => d,
            _ => {
                problems.push(Problem::new(
                    "market.valuation_date",
                    MUST_BE_DATE,
                    "today used",
                ));
                today
            }
        },
    };
    let provided_version = provided.get("version").and_then(Value::as_u64);
    let mut defaults = Config::defaults_for(date);
    if provided_version.is_some_and(|v| v < 2) {
        // A version-1 document means the first revision's model: its missing fields take
        // that revision's defaults, and the fields whose meaning changed are read in the old
        // form (spec revision of 2026-12-03), never reinterpreted.
        first_revision_defaults(&mut defaults);
    }
    // Through the canonical text rather than `serde_json::to_value`, so that the wasm bundle
    // carries one Config serializer, not two.
    let default_value = serde_json::from_str(&to_canonical_json(&defaults)).unwrap_or(Value::Null);
    let mut merged = default_value.clone();
    merge(&mut merged, provided);
    carry_optional_market_fields(&mut merged, provided);
    if let Some(version) = provided_version {
        if version > u64::from(crate::config::CONFIG_VERSION) {
            problems.push(Problem::new(
                "version",
                "made by a newer version of alvh; some fields may be ignored",
                "",
            ));
        }
    }
    set_path(&mut merged, &default_value, "version");
    let already_named =
        |problems: &[Problem], field: &str| problems.iter().any(|p| p.error.field == field);
    for _ in 0..64 {
        let config = match Config::deserialize(&merged) {
            Ok(c) => c,
            Err(e) => {
                let field = locate_error(&merged, &default_value).unwrap_or_default();
                let field = if field.is_empty() {
                    "config".to_string()
                } else {
                    field
                };
                let (named, message) = user_terms(&e.to_string(), &field, &merged, &default_value);
                let repair = set_path(&mut merged, &default_value, &field);
                if !already_named(&problems, &named) {
                    problems.push(Problem::new(&named, message, repair.suffix()));
                }
                if repair == Repair::Failed {
                    break;
                }
                continue;
            }
        };
        let errors = crate::config::validate::validate(&config);
        let Some(first) = errors.first() else {
            return (config, problems);
        };
        let repair = set_path(&mut merged, &default_value, &first.field);
        problems.push(Problem::new(
            &first.field,
            first.message.clone(),
            repair.suffix(),
        ));
        if repair == Repair::Failed {
            break;
        }
    }
    problems.push(Problem::new(
        "config",
        "the configuration could not be read",
        "defaults used",
    ));
    (defaults, problems)
}

/// The wording of a field that must hold a date.
const MUST_BE_DATE: &str = "must be a date YYYY-MM-DD";

/// The integer types serde names in "expected ..." (every whole-number Config field is one).
const WHOLE_NUMBER_TYPES: [&str; 10] = [
    "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "isize",
];

/// A serde error on the field at dotted `field` of `merged`, said in user terms: "must be a
/// number", "must be a whole number", "must be one of vix_call, vix_put, vx, vxm", "must be a
/// date YYYY-MM-DD", ... never a Rust type name. A missing member of an object that has no
/// default (a hedge leg added without a strike, say) is named itself: returns the field to
/// name and the message.
fn user_terms(
    serde_error: &str,
    field: &str,
    merged: &Value,
    defaults: &Value,
) -> (String, String) {
    // serde_json appends " at line L column C" when reading text; not from a Value, but be safe.
    let error = serde_error.split(" at line ").next().unwrap_or(serde_error);
    if let Some(rest) = error.strip_prefix("missing field `") {
        let member = rest.split('`').next().unwrap_or_default();
        let named = if field == "config" || field.is_empty() {
            member.to_string()
        } else {
            format!("{field}.{member}")
        };
        return (named, "is required".to_string());
    }
    let path: Vec<String> = field.split('.').map(str::to_string).collect();
    let default_here = template_at(defaults, &path);
    let is_date = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .is_some_and(|s| Date::parse(s).is_ok())
    };
    if is_date(default_here) {
        return (field.to_string(), MUST_BE_DATE.to_string());
    }
    let message = if let Some(variants) = variants_in(error) {
        format!("must be one of {variants}")
    } else if error.contains("expected string or map") || error.contains("variant identifier") {
        // An enum field given a value of the wrong kind: serde's message does not list the
        // choices, so ask the enum by giving it a name no variant has.
        let mut probe = merged.clone();
        let pointer: String = path.iter().map(|p| format!("/{p}")).collect();
        match probe.pointer_mut(&pointer) {
            Some(slot) => {
                *slot = Value::String(String::new());
                Config::deserialize(&probe)
                    .err()
                    .and_then(|e| variants_in(&e.to_string()))
                    .map(|v| format!("must be one of {v}"))
                    .unwrap_or_else(|| "must be one of the listed choices".to_string())
            }
            None => "must be one of the listed choices".to_string(),
        }
    } else if error.ends_with("expected f64") || error.ends_with("expected f32") {
        "must be a number".to_string()
    } else if WHOLE_NUMBER_TYPES
        .iter()
        .any(|t| error.ends_with(&format!("expected {t}")))
    {
        if error.starts_with("invalid value: integer `-") {
            "must be a whole number, 0 or more".to_string()
        } else {
            "must be a whole number".to_string()
        }
    } else if error.ends_with("expected a boolean") {
        "must be true or false".to_string()
    } else if error.ends_with("expected a string") {
        "must be text".to_string()
    } else if let Some(n) = error
        .split("expected an array of length ")
        .nth(1)
        .and_then(|n| n.parse::<usize>().ok())
    {
        format!("must be a list of {n} items")
    } else if error.ends_with("expected a sequence") {
        "must be a list".to_string()
    } else if error.contains("expected struct") || error.ends_with("expected a map") {
        "must be an object".to_string()
    } else if error.starts_with("invalid date") || error.contains("YYYY-MM-DD") {
        MUST_BE_DATE.to_string()
    } else {
        "has a value of the wrong kind".to_string()
    };
    (field.to_string(), message)
}

/// The choices serde lists in "unknown variant `x`, expected one of `a`, `b`" (or "expected
/// `a` or `b`", "expected `a`"), as "a, b".
fn variants_in(error: &str) -> Option<String> {
    let (_, expected) = error
        .strip_prefix("unknown variant")?
        .split_once("expected ")?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Every key of `provided` that the Config has no field for, nested ones and those inside
/// list items included, named by dotted path (`condor.contrcts`, `hedge.legs.1.strke`), with
/// the closest known key of the same object as a suggestion when one is near. The known keys
/// are those of `config` as the canonical codec writes it (the decoded config, so an optional
/// section that was given is known with its members); members of list items are checked
/// against the item at the same index, or the first item. Keys at or under a field that
/// already has a problem are not listed again.
pub fn unknown_fields(provided: &Value, config: &Config) -> Vec<FieldError> {
    unknown_fields_besides(provided, config, &[] as &[Problem])
}

/// As [`unknown_fields`], leaving out keys at or under the fields of `problems`.
fn unknown_fields_besides(
    provided: &Value,
    config: &Config,
    problems: &[impl AsRef<str>],
) -> Vec<FieldError> {
    let known: Value = serde_json::from_str(&to_canonical_json(config)).unwrap_or(Value::Null);
    let mut found = Vec::new();
    walk_unknown(provided, &known, "", problems, &mut found);
    found
}

impl AsRef<str> for Problem {
    fn as_ref(&self) -> &str {
        &self.error.field
    }
}

fn walk_unknown(
    provided: &Value,
    known: &Value,
    path: &str,
    problems: &[impl AsRef<str>],
    found: &mut Vec<FieldError>,
) {
    let covered = |p: &str| {
        problems.iter().any(|q| {
            let q = q.as_ref();
            let under =
                |a: &str, b: &str| a.strip_prefix(b).is_some_and(|rest| rest.starts_with('.'));
            p == q || under(p, q) || under(q, p)
        })
    };
    let child = |path: &str, key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (provided, known) {
        (Value::Object(given), Value::Object(fields)) => {
            for (key, value) in given {
                let field = child(path, key);
                match fields.get(key) {
                    Some(k) => walk_unknown(value, k, &field, problems, found),
                    None if covered(&field) => {}
                    None => {
                        let message = match closest_key(key, fields.keys()) {
                            Some(near) => format!("unknown field; did you mean {near}?"),
                            None => "unknown field".to_string(),
                        };
                        found.push(FieldError::new(field, message));
                    }
                }
            }
        }
        (Value::Array(items), Value::Array(templates)) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(k) = templates.get(i).or_else(|| templates.first()) {
                    walk_unknown(item, k, &child(path, &i.to_string()), problems, found);
                }
            }
        }
        _ => {}
    }
}

/// The known key nearest to a misspelt `key` (case ignored), if it is within a third of its
/// length in edits (at least one edit allowed; "contrcts" -> "contracts").
fn closest_key<'a>(key: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    let lower = key.to_ascii_lowercase();
    let limit = (key.chars().count() / 3).max(1);
    known
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.as_str())
}

/// Edit distance between two strings, in characters: insertions, deletions, substitutions and
/// transpositions of two adjacent characters each count one (the optimal-string-alignment
/// variant of the Damerau-Levenshtein distance), so a swapped pair such as "qyt" -> "qty" is
/// one edit, as a typist would count it.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // d[i][j]: distance between the first i characters of a and the first j of b.
    let width = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * width];
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// The first revision's model in `config` (spec before 2026-12-03): ATM = VIX - 2, the smile
/// in absolute vol points (s = -0.032, c = 0.007), vol-of-vol 0.90 with exponent -0.25 and a
/// flat skew 0.5, the undamped link (beta_dn 4.5, convexity 40) with the curve's own futures
/// response, and locked quotes (they did not follow spot VIX). A version-1 document's fields
/// are read against these.
pub fn first_revision_defaults(config: &mut Config) {
    use crate::market::smile::SmileForm;
    let m = &mut config.market;
    m.vix_atm_spread = Some(2.0);
    m.smile.form = SmileForm::AbsoluteV1;
    m.smile.slope = -0.032;
    m.smile.curvature = 0.007;
    m.vov = crate::market::vov::VovParams::first_revision();
    m.futures_locked = true;
    config.scenario = crate::config::ScenarioConfig::first_revision();
}

/// Fields of the market that the canonical JSON leaves out when unset, and so are not in the
/// merge template: the first revision's `vix_atm_spread` (a number keeps the old ATM rule);
/// and `quotes_vix`, which a document that does not carry it takes from its own VIX when it
/// carries its own futures quotes (they were quoted at that VIX) or is of version 1.
/// Without either, the default quotes (quoted at VIX 16) follow the document's VIX.
fn carry_optional_market_fields(merged: &mut Value, provided: &Value) {
    let Some(market) = merged.get_mut("market").and_then(Value::as_object_mut) else {
        return;
    };
    let given = provided.get("market");
    if let Some(spread) = given.and_then(|m| m.get("vix_atm_spread")) {
        if spread.is_number() || spread.is_null() {
            market.insert("vix_atm_spread".into(), spread.clone());
        }
    }
    let has = |key: &str| given.and_then(|m| m.get(key)).is_some();
    let version_1 = provided
        .get("version")
        .and_then(Value::as_u64)
        .is_some_and(|v| v < 2);
    if !has("quotes_vix") && (has("futures") || version_1) {
        if let Some(vix) = market.get("vix").cloned() {
            market.insert("quotes_vix".into(), vix);
        }
    }
}

/// Dotted path of the field where deserializing `merged` as a Config first fails, found by
/// deserializing trial documents: within each object or list, the members are restored to
/// their defaults from the end backwards until the document reads; the last member restored
/// holds the error, and the search descends into it. Serde reports no path itself, and
/// `serde_path_to_error` would add a second copy of every Config deserializer to the wasm
/// bundle; this costs a few extra deserializations, only for a link that has an error.
fn locate_error(merged: &Value, defaults: &Value) -> Option<String> {
    let mut trial = merged.clone();
    let mut path: Vec<String> = Vec::new();
    loop {
        let pointer: String = path.iter().map(|p| format!("/{p}")).collect();
        let default_here = template_at(defaults, &path);
        let keys: Vec<String> = match trial.pointer(&pointer)? {
            Value::Object(map) => map.keys().cloned().collect(),
            Value::Array(items) => (0..items.len()).map(|i| i.to_string()).collect(),
            _ => return Some(path.join(".")),
        };
        // Restore members from the last one backwards; the member whose restoration makes
        // the document read is where (the first) error is.
        let mut culprit = None;
        for key in keys.iter().rev() {
            let member_default = default_here.and_then(|d| match d {
                Value::Object(m) => m.get(key).cloned(),
                Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i).cloned()),
                _ => None,
            });
            let no_default = member_default.is_none();
            let Some(node) = trial.pointer_mut(&pointer) else {
                return Some(path.join("."));
            };
            let saved = match node {
                Value::Object(map) => match member_default {
                    Some(d) => map.insert(key.clone(), d),
                    None => map.remove(key),
                },
                Value::Array(items) => {
                    let i: usize = key.parse().ok()?;
                    match member_default {
                        Some(d) => Some(std::mem::replace(&mut items[i], d)),
                        None => Some(items.remove(i)),
                    }
                }
                _ => None,
            };
            // Without a default to restore (inside an optional section, say), the member is
            // left out instead; then it is the culprit if the only complaint left is its absence.
            let fixed = match Config::deserialize(&trial) {
                Ok(_) => true,
                Err(e) => {
                    no_default && e.to_string().starts_with(&format!("missing field `{key}`"))
                }
            };
            if fixed {
                // Put the culprit back so that the search can descend into it.
                let node = trial.pointer_mut(&pointer)?;
                match (node, saved) {
                    (Value::Object(map), Some(v)) => {
                        map.insert(key.clone(), v);
                    }
                    (Value::Array(items), Some(v)) => {
                        let i: usize = key.parse().ok()?;
                        if i < items.len() && default_here.and_then(|d| d.get(i)).is_some() {
                            items[i] = v;
                        } else {
                            items.insert(i.min(items.len()), v);
                        }
                    }
                    _ => {}
                }
                culprit = Some(key.clone());
                break;
            }
            if no_default {
                // Not this member of an object: put it back, so that its absence is not blamed
                // on the next one. (A list item without a default stays out: the items before
                // it are what is being searched.)
                if let (Some(Value::Object(map)), Some(v)) = (trial.pointer_mut(&pointer), saved) {
                    map.insert(key.clone(), v);
                }
            }
        }
        match culprit {
            Some(key) => path.push(key),
            None => return Some(path.join(".")),
        }
    }
}

/// The defaults' value at `path`, where a list index the defaults lack reads as their first
/// item (the template for an extra hedge leg, say).
fn template_at<'a>(defaults: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut node = defaults;
    for part in path {
        node = match node {
            Value::Object(map) => map.get(part)?,
            Value::Array(items) => {
                let i: usize = part.parse().ok()?;
                items.get(i).or_else(|| items.first())?
            }
            _ => return None,
        };
    }
    Some(node)
}

/// Overlays `provided` onto `base`: objects key by key, everything else replaced wholesale.
/// Keys `base` lacks are copied too: an optional section the canonical form leaves out when
/// unset (`market.smile.svi`) must reach the deserializer; keys the Config has no field for
/// are skipped by it (and listed by [`unknown_fields`]).
fn merge(base: &mut Value, provided: &Value) {
    match (base, provided) {
        (Value::Object(b), Value::Object(p)) => {
            for (key, pv) in p {
                match b.get_mut(key) {
                    Some(slot) => merge(slot, pv),
                    None => {
                        b.insert(key.clone(), pv.clone());
                    }
                }
            }
        }
        (slot, p) => *slot = p.clone(),
    }
}

/// What [`set_path`] did to repair a field.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Repair {
    /// The field (or the nearest enclosing one the defaults have) took its default.
    Defaulted,
    /// The field is inside a list item the defaults do not have; that item was dropped.
    Dropped,
    /// Nothing could be changed.
    Failed,
}

impl Repair {
    /// The end of a notice saying what was done.
    fn suffix(self) -> &'static str {
        match self {
            Repair::Defaulted | Repair::Failed => "default used",
            Repair::Dropped => "that list item was left out",
        }
    }
}

/// Replaces the value at dotted `path` in `target` by the default's. Where the path runs
/// through a list item the defaults do not have (an extra hedge leg, say), that item is
/// dropped rather than resetting the whole list; otherwise the nearest enclosing path that
/// the defaults have is replaced.
fn set_path(target: &mut Value, defaults: &Value, path: &str) -> Repair {
    let parts: Vec<&str> = path.split('.').filter(|p| !p.is_empty()).collect();
    for len in (1..=parts.len()).rev() {
        let pointer: String = parts[..len].iter().map(|p| format!("/{p}")).collect();
        if let Some(default) = defaults.pointer(&pointer) {
            if let Some(slot) = target.pointer_mut(&pointer) {
                if slot == default {
                    return Repair::Failed;
                }
                *slot = default.clone();
                return Repair::Defaulted;
            }
        }
        let parent: String = parts[..len - 1].iter().map(|p| format!("/{p}")).collect();
        match target.pointer_mut(&parent) {
            Some(Value::Array(items)) => {
                if let Ok(index) = parts[len - 1].parse::<usize>() {
                    if index < items.len() {
                        items.remove(index);
                        return Repair::Dropped;
                    }
                }
            }
            // A member the defaults leave out (an optional section, unset): leaving it out
            // is its default.
            Some(Value::Object(map))
                if defaults.pointer(&parent).is_some() && map.contains_key(parts[len - 1]) =>
            {
                map.remove(parts[len - 1]);
                return Repair::Defaulted;
            }
            _ => {}
        }
    }
    Repair::Failed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::from_ymd(2026, 11, 24).unwrap()
    }

    #[test]
    fn edit_distance_counts_a_swapped_pair_as_one_edit() {
        assert_eq!(edit_distance("qyt", "qty"), 1);
        assert_eq!(edit_distance("contrcts", "contracts"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("ca", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        let known: Vec<String> = ["qty", "strike", "expiry"].map(String::from).to_vec();
        assert_eq!(closest_key("qyt", known.iter()), Some("qty"));
        assert_eq!(closest_key("zzzzzz", known.iter()), None);
    }

    #[test]
    fn a_complete_config_reads_directly_as_the_lenient_decoder_reads_it() {
        // The JS API's fast path (src/api/mod.rs): a complete, current, valid config read
        // straight from its JSON is the Config the lenient decoder makes of it.
        let base = Config::defaults_for(today());
        let mut mix = base.clone();
        mix.hedge.legs = crate::config::presets::instrument_mix(&mix, 8, 2.0);
        mix.condor.iv_overrides = [Some(0.2), None, Some(0.11), None];
        let stress = crate::config::presets::with_stress_distribution(&base);
        for config in [base, mix, stress] {
            let text = to_canonical_json(&config);
            let value: Value = serde_json::from_str(&text).unwrap();
            let direct = Config::deserialize(&value).unwrap();
            let lenient = from_json_lenient(&text, Date::from_ymd(2030, 1, 1).unwrap());
            assert!(lenient.notices.is_empty(), "{:?}", lenient.notices);
            assert_eq!(direct, lenient.config);
            assert_eq!(direct, config);
            assert!(crate::config::validate::validate(&direct).is_empty());
        }
    }

    #[test]
    fn fragment_round_trips_exactly() {
        let mut cfg = Config::defaults_for(today());
        cfg.market.spot = 6012.37;
        cfg.condor.fill_credit = Some(11.85);
        let frag = encode_fragment(&cfg);
        let back = decode_fragment(&format!("#{frag}&embed=1&utm=x"), today());
        assert!(back.notices.is_empty(), "{:?}", back.notices);
        assert!(back.embed);
        assert_eq!(back.config, cfg);
        assert_eq!(fingerprint(&back.config), fingerprint(&cfg));
        assert_eq!(encode_fragment(&back.config), frag);
    }

    #[test]
    fn invalid_fields_fall_back_one_by_one() {
        let mut v = serde_json::to_value(Config::defaults_for(today())).unwrap();
        v["market"]["spot"] = Value::String("<script>alert(1)</script>".into());
        v["condor"]["put_wing"] = serde_json::json!(-5.0);
        v["condor"]["contracts"] = serde_json::json!(2.5);
        v["market"]["vix"] = serde_json::json!(1e308);
        v["unknown"] = serde_json::json!({"x": 1});
        let d = from_value_lenient(v, today());
        let fields: Vec<&str> = d.notices.iter().map(|n| n.field.as_str()).collect();
        for f in [
            "market.spot",
            "condor.put_wing",
            "condor.contracts",
            "market.vix",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
        assert_eq!(d.config.market.spot, 6000.0);
        assert_eq!(d.config.condor.put_wing, 50.0);
        assert!(crate::config::validate::validate(&d.config).is_empty());
    }

    #[test]
    fn errors_are_located_inside_lists_and_extra_items_are_dropped() {
        let defaults = Config::defaults_for(today());
        let mut v = serde_json::to_value(&defaults).unwrap();
        let legs = v["hedge"]["legs"].as_array().unwrap().len();
        assert!(legs >= 1);
        let mut extra = v["hedge"]["legs"][0].clone();
        extra["strike"] = serde_json::json!("high");
        v["hedge"]["legs"]
            .as_array_mut()
            .unwrap()
            .push(extra.clone());
        let mut good_extra = v["hedge"]["legs"][0].clone();
        good_extra["qty"] = serde_json::json!(1);
        v["hedge"]["legs"].as_array_mut().unwrap().push(good_extra);
        v["hedge"]["legs"][0]["qty"] = serde_json::json!("two");
        let d = from_value_lenient(v, today());
        let fields: Vec<&str> = d.notices.iter().map(|n| n.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "hedge.legs.0.qty".to_string(),
                format!("hedge.legs.{legs}.strike")
            ],
            "{:?}",
            d.notices
        );
        assert!(d.notices[0].message.ends_with("default used"));
        assert!(
            d.notices[1].message.ends_with("left out"),
            "{}",
            d.notices[1].message
        );
        // The first leg took its default quantity; the bad extra leg is gone, the good one kept.
        assert_eq!(d.config.hedge.legs.len(), legs + 1);
        assert_eq!(d.config.hedge.legs[0].qty, defaults.hedge.legs[0].qty);
        assert_eq!(d.config.hedge.legs[legs].qty, 1);
    }

    #[test]
    fn a_wrong_type_for_a_whole_section_is_named() {
        let mut v = serde_json::to_value(Config::defaults_for(today())).unwrap();
        v["scenario"] = serde_json::json!("<img src=x onerror=alert(1)>");
        let d = from_value_lenient(v, today());
        assert_eq!(d.notices.len(), 1, "{:?}", d.notices);
        assert_eq!(d.notices[0].field, "scenario");
        assert_eq!(d.config, Config::defaults_for(today()));
    }

    #[test]
    fn an_svi_smile_survives_a_link() {
        // The canonical form leaves `svi` out when unset, so the defaults have no such key;
        // the decoder must still carry a given SVI smile through.
        let mut cfg = Config::defaults_for(today());
        cfg.market.smile.svi = Some(crate::market::smile::SviParams {
            a: 0.002,
            b: 0.05,
            rho: -0.6,
            m: 0.02,
            sigma: 0.1,
        });
        assert!(crate::config::validate::validate(&cfg).is_empty());
        let back = decode_fragment(&encode_fragment(&cfg), today());
        assert!(back.notices.is_empty(), "{:?}", back.notices);
        assert_eq!(back.config, cfg);
        // A bad SVI member is named, and the smile falls back to the quadratic default.
        let mut v: Value = serde_json::from_str(&to_canonical_json(&cfg)).unwrap();
        v["market"]["smile"]["svi"]["rho"] = Value::String("x".into());
        let d = from_value_lenient(v, today());
        assert_eq!(
            d.notices,
            vec![FieldError::new(
                "market.smile.svi.rho",
                "must be a number; default used"
            )]
        );
        assert_eq!(d.config.market.smile.svi, None);
    }

    #[test]
    fn garbage_gives_defaults_with_a_notice() {
        for frag in ["c=1.!!!", "c=1.AAAA", "c=9.abc", "c=abc", "c=1."] {
            let d = decode_fragment(frag, today());
            assert_eq!(d.config, Config::defaults_for(today()), "{frag}");
            assert!(!d.notices.is_empty(), "{frag}");
        }
        let d = decode_fragment("", today());
        assert!(d.notices.is_empty());
    }
}
