//! The History view's part of the share link (issue 19 item 8): `h=1.<payload>` beside the
//! configuration's `c=1.<payload>` in the fragment, the payload being the JSON of a
//! [`HistoryState`], raw-deflated and base64url-encoded like the configuration's.
//!
//! The key is written only when the state differs from [`HistoryState::default`], so a link
//! of a page whose History view was never touched is exactly what it was before the view
//! existed, and links without `h=` decode as before. Decoding is lenient in the
//! configuration's way: a field that is missing takes its default silently; one that is of
//! the wrong type or out of range takes its default with a notice; an unknown key is ignored
//! with a notice.

use crate::calendar::Date;
use crate::config::error::FieldError;
use crate::history::backtest::ProgramSettings;
use crate::history::calibrate::HORIZONS_TRADING_DAYS;
use crate::history::replay;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Format version written into the `h=` payload.
pub const HISTORY_VERSION: &str = "1";
/// The fragment key of the History view's state.
pub const HISTORY_KEY: &str = "h";
/// Longest replay accepted from a link, trading days (about 20 years).
pub const MAX_REPLAY_TRADING_DAYS: usize = 5_000;
/// Largest inflated `h=` JSON accepted, bytes.
const MAX_HISTORY_JSON_LEN: usize = 16 * 1024;

/// Which part of the History view is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistorySection {
    /// Episode replay.
    #[default]
    Replay,
    /// Calibration of the SPX-VIX link against history.
    Calibration,
    /// The program backtest.
    Backtest,
}

/// What the History view shows, as a link carries it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryState {
    /// The view is open (its data is fetched when a page opens with this set).
    pub open: bool,
    /// The section shown.
    pub section: HistorySection,
    /// The named episode replayed (an id of [`replay::episodes`]); `None`: the custom
    /// `start` date.
    pub episode: Option<String>,
    /// Start date of a custom replay (the first close on or after it is the entry day).
    pub start: Option<Date>,
    /// Trading days replayed; 0 = until the condor's expiry.
    pub trading_days: usize,
    /// Calibration horizon, trading days (one of [`HORIZONS_TRADING_DAYS`]).
    pub horizon_trading_days: usize,
    /// The program backtest's settings.
    pub program: ProgramSettings,
}

impl Default for HistoryState {
    /// Closed, on the March 2020 replay over its default length, a 10-day calibration
    /// horizon and the program's default settings.
    fn default() -> Self {
        HistoryState {
            open: false,
            section: HistorySection::Replay,
            episode: Some("2020-03".to_string()),
            start: None,
            trading_days: 60,
            horizon_trading_days: 10,
            program: ProgramSettings::default(),
        }
    }
}

/// The `h=1.<payload>` fragment part for `state`, or `None` when it is the default (the
/// key is then left out).
pub fn encode_history(state: &HistoryState) -> Option<String> {
    if *state == HistoryState::default() {
        return None;
    }
    let json = serde_json::to_string(state).ok()?;
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    Some(format!(
        "{HISTORY_KEY}={HISTORY_VERSION}.{}",
        URL_SAFE_NO_PAD.encode(packed)
    ))
}

/// Reads the value of the `h=` key (`1.<payload>`). Never fails: what cannot be read takes
/// its default, with one notice per field (field names start with `history.`).
pub fn decode_history(value: &str) -> (HistoryState, Vec<FieldError>) {
    let mut notices = Vec::new();
    let json = match value.split_once('.') {
        Some((HISTORY_VERSION, data)) => unpack(data),
        Some((v, _)) => Err(format!(
            "History link format version {v:?} is not supported; the History view's defaults used"
        )),
        None => Err("the History link part has no format version; defaults used".to_string()),
    };
    let provided = json.and_then(|text| {
        serde_json::from_str::<Value>(&text)
            .map_err(|e| format!("the History link part is not valid JSON ({e}); defaults used"))
    });
    let state = match provided {
        Ok(v) => from_value_lenient(&v, &mut notices),
        Err(why) => {
            notices.push(FieldError::new("history", why));
            HistoryState::default()
        }
    };
    (state, notices)
}

fn unpack(data: &str) -> Result<String, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| "the History link part is not valid base64url; defaults used".to_string())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_HISTORY_JSON_LEN)
        .map_err(|_| "the History link part is damaged; defaults used".to_string())?;
    String::from_utf8(json)
        .map_err(|_| "the History link part is not UTF-8 text; defaults used".to_string())
}

/// A [`HistoryState`] from a JSON value, field by field (see the module's rules).
pub fn from_value_lenient(provided: &Value, notices: &mut Vec<FieldError>) -> HistoryState {
    let mut state: HistoryState = merge_lenient(
        &HistoryState::default(),
        provided,
        "history",
        notices,
        &["program"],
    );
    check_ranges(&mut state, notices);
    state
}

/// `default` with each member of the object `provided` laid over it one at a time: a member
/// that makes the whole fail to deserialize is dropped with a notice, an unknown one is
/// ignored with a notice. Members named in `nested` are objects merged the same way.
fn merge_lenient<T: Serialize + DeserializeOwned + Clone>(
    default: &T,
    provided: &Value,
    path: &str,
    notices: &mut Vec<FieldError>,
    nested: &[&str],
) -> T {
    let Value::Object(given) = provided else {
        notices.push(FieldError::new(path, "not an object; defaults used"));
        return default.clone();
    };
    let Ok(Value::Object(mut merged)) = serde_json::to_value(default) else {
        return default.clone();
    };
    for (key, value) in given {
        let field = format!("{path}.{key}");
        let Some(before) = merged.get(key).cloned() else {
            notices.push(FieldError::new(field, "unknown field; ignored"));
            continue;
        };
        let value = if nested.contains(&key.as_str()) {
            match serde_json::from_value::<ProgramSettings>(before.clone()) {
                Ok(inner_default) => {
                    serde_json::to_value(merge_lenient(&inner_default, value, &field, notices, &[]))
                        .unwrap_or(before.clone())
                }
                Err(_) => before.clone(),
            }
        } else {
            value.clone()
        };
        merged.insert(key.clone(), value);
        if let Err(e) = serde_json::from_value::<T>(Value::Object(merged.clone())) {
            notices.push(FieldError::new(
                field,
                format!("{}; default used", first_clause(&e.to_string())),
            ));
            merged.insert(key.clone(), before);
        }
    }
    serde_json::from_value(Value::Object(merged)).unwrap_or_else(|_| default.clone())
}

/// serde_json's message without its " at line 1 column 42" tail.
fn first_clause(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// Values that deserialize but mean nothing (an unknown episode, a horizon the view does not
/// offer, a multiple of the credit that is not positive) take their defaults with a notice.
fn check_ranges(state: &mut HistoryState, notices: &mut Vec<FieldError>) {
    let default = HistoryState::default();
    if let Some(id) = &state.episode {
        if replay::episode(id).is_none() {
            notices.push(FieldError::new(
                "history.episode",
                format!("no episode is named {id:?}; the default episode used"),
            ));
            state.episode = default.episode.clone();
        }
    }
    if !HORIZONS_TRADING_DAYS.contains(&state.horizon_trading_days) {
        notices.push(FieldError::new(
            "history.horizon_trading_days",
            format!(
                "{} trading days is not one of 1, 5, 10, 21; 10 used",
                state.horizon_trading_days
            ),
        ));
        state.horizon_trading_days = default.horizon_trading_days;
    }
    if state.trading_days > MAX_REPLAY_TRADING_DAYS {
        notices.push(FieldError::new(
            "history.trading_days",
            format!(
                "{} trading days is longer than {MAX_REPLAY_TRADING_DAYS}; {} used",
                state.trading_days, default.trading_days
            ),
        ));
        state.trading_days = default.trading_days;
    }
    let program_default = ProgramSettings::default();
    let multiples = [
        (
            "profit_target",
            &mut state.program.profit_target,
            program_default.profit_target,
        ),
        (
            "stop_loss",
            &mut state.program.stop_loss,
            program_default.stop_loss,
        ),
    ];
    for (name, value, fallback) in multiples {
        if let Some(x) = *value {
            if !(x.is_finite() && x > 0.0) {
                notices.push(FieldError::new(
                    format!("history.program.{name}"),
                    format!("{x} is not a positive multiple of the credit; default used"),
                ));
                *value = fallback;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_state_writes_no_key() {
        assert_eq!(encode_history(&HistoryState::default()), None);
    }

    #[test]
    fn a_changed_state_round_trips() {
        let state = HistoryState {
            open: true,
            section: HistorySection::Calibration,
            episode: None,
            start: Date::from_ymd(2008, 9, 2),
            trading_days: 45,
            horizon_trading_days: 21,
            program: ProgramSettings {
                weekly: true,
                profit_target: None,
                ..ProgramSettings::default()
            },
        };
        let part = encode_history(&state).expect("not the default");
        let value = part.strip_prefix("h=").expect("the h key");
        let (back, notices) = decode_history(value);
        assert_eq!(back, state);
        assert!(notices.is_empty(), "{notices:?}");
    }

    fn pack(json: &str) -> String {
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
        format!("1.{}", URL_SAFE_NO_PAD.encode(packed))
    }

    #[test]
    fn bad_fields_take_their_defaults_with_a_notice_each() {
        let (state, notices) = decode_history(&pack(
            r#"{"open":true,"section":"nowhere","episode":"1929-10","horizon_trading_days":7,
               "trading_days":"many","colour":"red","program":{"weekly":true,"stop_loss":-1,"x":1}}"#,
        ));
        let d = HistoryState::default();
        assert!(state.open);
        assert!(state.program.weekly);
        assert_eq!(state.section, d.section);
        assert_eq!(state.episode, d.episode);
        assert_eq!(state.horizon_trading_days, d.horizon_trading_days);
        assert_eq!(state.trading_days, d.trading_days);
        assert_eq!(state.program.stop_loss, d.program.stop_loss);
        let fields: Vec<&str> = notices.iter().map(|n| n.field.as_str()).collect();
        for f in [
            "history.section",
            "history.episode",
            "history.horizon_trading_days",
            "history.trading_days",
            "history.colour",
            "history.program.x",
            "history.program.stop_loss",
        ] {
            assert!(fields.contains(&f), "no notice for {f}: {fields:?}");
        }
    }

    #[test]
    fn missing_fields_are_silent_and_garbage_is_one_notice() {
        let (state, notices) = decode_history(&pack(r#"{"open":true}"#));
        assert!(state.open && notices.is_empty(), "{notices:?}");
        for bad in ["1.***", "9.abc", "nodot", &pack("[1,2]")] {
            let (state, notices) = decode_history(bad);
            assert!(!state.open, "{bad}");
            assert_eq!(notices.len(), 1, "{bad}: {notices:?}");
        }
    }
}
