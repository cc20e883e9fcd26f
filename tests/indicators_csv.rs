//! CSV parsing of `date,close` series: header optional, comments, errors by line number.

use alvh::indicators::{parse_series_csv, series_to_csv, IndicatorConfig, SeriesPoint};

#[test]
fn parses_with_and_without_header() {
    let with = "date,close\n2026-11-20,17.1\n2026-11-23,17.4\n";
    let without = "# comment\n\n2026-11-20, 17.1\n2026-11-23\t17.4\n";
    let a = parse_series_csv(with).unwrap();
    let b = parse_series_csv(without).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.len(), 2);
    assert_eq!(a[1].1, 17.4);
    assert_eq!(parse_series_csv(&series_to_csv(&a)).unwrap(), a);
}

#[test]
fn reports_every_bad_line_by_number() {
    let text = "date,close\n2026-11-20,17.1\n2026-13-01,17.2\n2026-11-24,abc\n2026-11-23,17.0\n2026-11-25,-1\n2026-11-26,1,2\n";
    let errs = parse_series_csv(text).unwrap_err();
    let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
    // Line 3 bad date, 4 bad close, 5 date not after the previous (line 4's 2026-11-24),
    // 6 negative close, 7 three fields.
    assert_eq!(lines, vec![3, 4, 5, 6, 7], "{errs:?}");
    assert!(errs[0].to_string().starts_with("line 3:"));
    assert!(parse_series_csv("").is_err());
    assert!(parse_series_csv("date,close\n").is_err());
    assert!(parse_series_csv("2026-11-20,NaN\n").is_err());
}

#[test]
fn config_validation_names_fields() {
    let mut c = IndicatorConfig::default();
    assert!(c.validate().is_empty());
    c.rsi = 101.0;
    c.cpi_min = 4.0;
    c.days_to_fomc = -1;
    let d = alvh::calendar::Date::parse("2026-11-20").unwrap();
    c.vix_series = Some(vec![SeriesPoint(d, 17.0), SeriesPoint(d, 17.5)]);
    let fields: Vec<String> = c.validate().into_iter().map(|e| e.field).collect();
    for f in [
        "indicators.rsi",
        "indicators.cpi_max",
        "indicators.days_to_fomc",
        "indicators.vix_series",
    ] {
        assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
    }
    let mut t = alvh::config::RuleThresholds::default();
    assert!(t.validate().is_empty());
    t.max_ratio = 0.1;
    t.spread_upper_offset = 1.0;
    let fields: Vec<String> = t.validate().into_iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["rules.max_ratio", "rules.spread_upper_offset"]);
}

#[test]
fn default_config_serializes_small() {
    let json = serde_json::to_string(&IndicatorConfig::default()).unwrap();
    assert!(json.len() < 500, "{}", json.len());
    assert!(json.contains("\"vix_series\":null"));
    let back: IndicatorConfig = serde_json::from_str(&json).unwrap();
    assert_eq!(back, IndicatorConfig::default());
    // Missing keys fall back to defaults.
    let partial: IndicatorConfig = serde_json::from_str("{\"pe\":25}").unwrap();
    assert_eq!(partial.pe, 25.0);
    assert_eq!(partial.rsi, 52.0);
    let with_series = IndicatorConfig {
        vix_series: Some(alvh::indicators::sample_vix_series()),
        ..Default::default()
    };
    let json = serde_json::to_string(&with_series).unwrap();
    assert!(
        json.contains("[\"2026-11-23\",17.46]"),
        "{}",
        &json[json.len() - 400..]
    );
}

#[test]
fn readout_keeps_recent_histogram_and_rsi_history_for_the_charts() {
    use alvh::indicators::{read_indicators, IndicatorConfig, HISTORY_BARS};
    let cfg = IndicatorConfig::default();
    let r = read_indicators(&cfg);
    assert_eq!(
        r.histogram_history.len(),
        HISTORY_BARS,
        "sample has enough closes"
    );
    assert_eq!(r.histogram_history.last(), r.histogram.as_ref());
    assert!(r.rsi_history.is_empty(), "typed RSI has no history");
    let spx: Vec<alvh::indicators::SeriesPoint> = alvh::indicators::sample_spx_series();
    let with_spx = IndicatorConfig {
        spx_series: Some(spx),
        ..cfg
    };
    let r = read_indicators(&with_spx);
    assert!(!r.rsi_history.is_empty() && r.rsi_history.len() <= HISTORY_BARS);
    assert_eq!(r.rsi_history.last().copied(), Some(r.rsi));
    assert!(r.rsi_history.iter().all(|v| (0.0..=100.0).contains(v)));
}

#[test]
fn a_decimal_comma_in_a_close_is_refused_with_a_hint_never_read_as_ten_times() {
    // Issue 16 item 2: "12,5" is not 125. With ; or tab between the fields a comma can sit
    // inside the close: in groups of three it separates thousands, otherwise it is an error.
    let ok = parse_series_csv("2026-11-20;6,000\n2026-11-23\t1,000,000.5\n").unwrap();
    assert_eq!(ok[0].1, 6000.0);
    assert_eq!(ok[1].1, 1_000_000.5);
    for line in [
        "2026-11-20;12,5\n",
        "2026-11-20\t0,04\n",
        "2026-11-20;1,00\n",
    ] {
        let errs = parse_series_csv(line).unwrap_err();
        assert_eq!(errs.len(), 1, "{line}: {errs:?}");
        let msg = errs[0].to_string();
        assert!(msg.starts_with("line 1:") && msg.contains("point"), "{msg}");
    }
    // Comma-separated, the decimal comma makes a third field: the error says why.
    let errs = parse_series_csv("date,close\n2026-11-20,12,5\n").unwrap_err();
    assert!(errs[0].to_string().contains("12.5"), "{errs:?}");
}
