//! The History view's part of the share link (`h=`, src/codec/history_link.rs): any state
//! round-trips through the whole fragment beside the configuration, old links (without `h=`)
//! decode exactly as before, and the default state adds nothing to a link.

use alvh::calendar::Date;
use alvh::codec::history_link::{encode_history, HistorySection, HistoryState};
use alvh::codec::link::{decode_fragment, encode_fragment};
use alvh::history::backtest::ProgramSettings;
use alvh::history::calibrate::HORIZONS_TRADING_DAYS;
use alvh::history::replay::episodes;
use alvh::Config;
use proptest::prelude::*;

fn today() -> Date {
    Date::from_ymd(2026, 11, 24).expect("valid date")
}

fn fragment(config: &Config, history: &HistoryState) -> String {
    let mut f = encode_fragment(config);
    if let Some(part) = encode_history(history) {
        f.push('&');
        f.push_str(&part);
    }
    f
}

fn date() -> impl Strategy<Value = Date> {
    (1990i32..2030, 1u8..13, 1u8..29)
        .prop_map(|(y, m, d)| Date::from_ymd(y, m, d).expect("day 1-28"))
}

fn multiple() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![Just(None), (0.05f64..10.0).prop_map(Some)]
}

fn state() -> impl Strategy<Value = HistoryState> {
    let ids: Vec<String> = episodes().iter().map(|e| e.id.to_string()).collect();
    (
        any::<bool>(),
        prop_oneof![
            Just(HistorySection::Replay),
            Just(HistorySection::Calibration),
            Just(HistorySection::Backtest)
        ],
        prop_oneof![Just(None), proptest::sample::select(ids).prop_map(Some)],
        proptest::option::of(date()),
        0usize..5000,
        proptest::sample::select(HORIZONS_TRADING_DAYS.to_vec()),
        (
            any::<bool>(),
            proptest::option::of(date()),
            proptest::option::of(date()),
            multiple(),
            multiple(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(open, section, episode, start, trading_days, horizon, p)| HistoryState {
                open,
                section,
                episode,
                start,
                trading_days,
                horizon_trading_days: horizon,
                program: ProgramSettings {
                    weekly: p.0,
                    first_entry: p.1,
                    last_entry: p.2,
                    profit_target: p.3,
                    stop_loss: p.4,
                    slippage: p.5,
                },
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_history_state_round_trips_through_the_link(h in state(), embed in any::<bool>()) {
        let config = Config::defaults_for(today());
        let mut f = fragment(&config, &h);
        if embed {
            f.push_str("&embed=1");
        }
        let back = decode_fragment(&f, today());
        prop_assert!(back.notices.is_empty(), "{:?}", back.notices);
        prop_assert_eq!(back.embed, embed);
        prop_assert_eq!(&back.config, &config);
        if h == HistoryState::default() {
            prop_assert_eq!(back.history, None);
        } else {
            prop_assert_eq!(back.history, Some(h));
        }
    }
}

#[test]
fn old_links_decode_unchanged_and_carry_no_history() {
    let old = include_str!("data/links/old-8780764.txt").trim();
    let decoded = decode_fragment(old, Date::from_ymd(2027, 3, 1).expect("date"));
    assert!(decoded.notices.is_empty(), "{:?}", decoded.notices);
    assert_eq!(decoded.history, None);
    // The default History state writes nothing: the link is exactly the configuration's.
    let config = Config::defaults_for(today());
    assert_eq!(
        fragment(&config, &HistoryState::default()),
        encode_fragment(&config)
    );
}

#[test]
fn a_damaged_history_part_keeps_the_configuration_and_says_why() {
    let config = Config::defaults_for(today());
    let f = format!("{}&h=1.!!!&utm=x", encode_fragment(&config));
    let back = decode_fragment(&f, today());
    assert_eq!(back.config, config);
    assert_eq!(back.history, Some(HistoryState::default()));
    assert_eq!(back.notices.len(), 1);
    assert_eq!(back.notices[0].field, "history");
}
