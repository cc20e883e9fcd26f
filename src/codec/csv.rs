//! CSV exports of a [`Report`]: the P/L curves and the Greeks across the SPX grid.
//!
//! Pure text builders (no browser API): the page offers their output as downloads, and tests
//! read them back. RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a
//! comma, a double quote or a line break (quotes doubled inside). Numbers are plain decimals
//! (`.` as the point, no thousands separators, no exponent): SPX levels to 1/100 of a point,
//! dollars and VIX points to four decimals, so every value round-trips well within a cent. A
//! value that is not finite, or missing because a series is shorter than the grid, is an
//! empty field.

use crate::engine::report::Report;

/// Decimal places of the SPX column (index points).
const SPX_DECIMALS: usize = 2;
/// Decimal places of dollar and VIX columns.
const VALUE_DECIMALS: usize = 4;

/// One CSV field, quoted per RFC 4180 when it needs to be.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A number with `decimals` places; empty when absent or not finite; never "-0.00".
fn number(value: Option<f64>, decimals: usize) -> String {
    match value {
        Some(v) if v.is_finite() => {
            let text = format!("{v:.decimals$}");
            if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
                text[1..].to_string()
            } else {
                text
            }
        }
        _ => String::new(),
    }
}

/// Joins already-formatted fields into one CRLF-terminated record.
fn record(fields: &[String], out: &mut String) {
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// Header of the SPX column, shared by both exports.
pub const SPX_HEADER: &str = "SPX (index points)";

/// The P/L curves as CSV: one row per SPX grid point (`report.curves.spots`), the SPX level
/// first, then for each horizon in report order four columns: the scenario VIX there (VIX
/// points) and the condor, hedge and combined P/L ($), each header prefixed with the
/// horizon's label (e.g. `T+0 combined P/L ($)`).
pub fn curves_csv(report: &Report) -> String {
    let curves = &report.curves;
    let mut out = String::new();
    let mut header = vec![field(SPX_HEADER)];
    for h in &curves.horizons {
        for name in [
            "VIX (points)",
            "condor P/L ($)",
            "hedge P/L ($)",
            "combined P/L ($)",
        ] {
            header.push(field(&format!("{} {name}", h.label)));
        }
    }
    record(&header, &mut out);
    for (i, spot) in curves.spots.iter().enumerate() {
        let mut row = vec![number(Some(*spot), SPX_DECIMALS)];
        for h in &curves.horizons {
            for series in [&h.vix, &h.pnl.condor, &h.pnl.hedge, &h.pnl.combined] {
                row.push(number(series.get(i).copied(), VALUE_DECIMALS));
            }
        }
        record(&row, &mut out);
    }
    out
}

/// The combined Greeks as CSV: one row per SPX grid point, columns SPX level, $ delta,
/// $ gamma per 1% move, vega in $ per vol point and theta in $ per calendar day, all at the
/// Greeks curve's horizon (`report.greeks_curve.label`, named in every Greek's header).
pub fn greeks_csv(report: &Report) -> String {
    let g = &report.greeks_curve;
    let mut out = String::new();
    let mut header = vec![field(SPX_HEADER)];
    for name in [
        "delta ($)",
        "gamma ($ per 1% move)",
        "vega ($ per vol point)",
        "theta ($ per day)",
    ] {
        header.push(field(&format!("{} {name}", g.label)));
    }
    record(&header, &mut out);
    for (i, spot) in report.curves.spots.iter().enumerate() {
        let mut row = vec![number(Some(*spot), SPX_DECIMALS)];
        for series in [
            &g.delta_dollars,
            &g.gamma_dollars_per_pct,
            &g.vega_per_point,
            &g.theta_per_day,
        ] {
            row.push(number(series.get(i).copied(), VALUE_DECIMALS));
        }
        record(&row, &mut out);
    }
    out
}

/// File name for an export: `alvh-<kind>-<fingerprint>.<ext>` (or `alvh-<fingerprint>.<ext>`
/// when `kind` is empty). Characters other than ASCII letters, digits, `-` and `_` in the
/// fingerprint are dropped, so the name is safe on every file system.
pub fn file_name(kind: &str, fingerprint: &str, ext: &str) -> String {
    let fp: String = fingerprint
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if kind.is_empty() {
        format!("alvh-{fp}.{ext}")
    } else {
        format!("alvh-{kind}-{fp}.{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;
    use crate::Config;

    fn default_report() -> Report {
        let date = Date::from_ymd(2026, 11, 24).expect("a valid date");
        crate::evaluate(&Config::defaults_for(date)).expect("the defaults evaluate")
    }

    /// Minimal RFC 4180 reader for the tests: records of fields, quotes honoured.
    fn parse(csv: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        let mut chars = csv.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cur.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cur.push(c),
                (false, '"') => quoted = true,
                (false, ',') => fields.push(std::mem::take(&mut cur)),
                (false, '\r') => {}
                (false, '\n') => {
                    fields.push(std::mem::take(&mut cur));
                    records.push(std::mem::take(&mut fields));
                }
                (false, c) => cur.push(c),
            }
        }
        assert!(
            cur.is_empty() && fields.is_empty(),
            "text after the last CRLF"
        );
        records
    }

    #[test]
    fn curves_header_names_every_horizon_with_units() {
        let report = default_report();
        let rows = parse(&curves_csv(&report));
        let header = &rows[0];
        assert_eq!(header[0], SPX_HEADER);
        assert_eq!(header.len(), 1 + 4 * report.curves.horizons.len());
        for (k, h) in report.curves.horizons.iter().enumerate() {
            assert_eq!(header[1 + 4 * k], format!("{} VIX (points)", h.label));
            assert_eq!(header[4 + 4 * k], format!("{} combined P/L ($)", h.label));
        }
        assert!(report.curves.horizons.len() >= 3);
    }

    #[test]
    fn one_row_per_grid_point_with_the_reports_values() {
        let report = default_report();
        let text = curves_csv(&report);
        assert!(text.ends_with("\r\n") && !text.contains("\r\n\r\n"));
        let rows = parse(&text);
        assert_eq!(rows.len(), 1 + report.curves.spots.len());
        assert!(rows.iter().all(|r| r.len() == rows[0].len()));
        let i = report.curves.spot_index;
        let row = &rows[1 + i];
        let spx: f64 = row[0].parse().expect("a number");
        assert!((spx - report.curves.spots[i]).abs() < 0.005);
        for (k, h) in report.curves.horizons.iter().enumerate() {
            let combined: f64 = row[4 + 4 * k].parse().expect("a number");
            assert!(
                (combined - h.pnl.combined[i]).abs() < 0.001,
                "{}: {combined} vs {}",
                h.label,
                h.pnl.combined[i]
            );
            let vix: f64 = row[1 + 4 * k].parse().expect("a number");
            assert!((vix - h.vix[i]).abs() < 0.001);
        }
        // The last row is the top of the grid, every P/L cell a number.
        let last = rows.last().expect("rows");
        let top: f64 = last[0].parse().expect("a number");
        assert!((top - report.curves.spots.last().copied().unwrap_or(0.0)).abs() < 0.005);
        assert!(last[1..].iter().all(|f| f.parse::<f64>().is_ok()));
    }

    #[test]
    fn greeks_csv_has_units_the_horizon_and_the_values() {
        let report = default_report();
        let rows = parse(&greeks_csv(&report));
        let label = &report.greeks_curve.label;
        assert_eq!(
            rows[0],
            vec![
                SPX_HEADER.to_string(),
                format!("{label} delta ($)"),
                format!("{label} gamma ($ per 1% move)"),
                format!("{label} vega ($ per vol point)"),
                format!("{label} theta ($ per day)"),
            ]
        );
        assert_eq!(rows.len(), 1 + report.curves.spots.len());
        let i = report.curves.spot_index + 3;
        let g = &report.greeks_curve;
        let cells: Vec<f64> = rows[1 + i][1..]
            .iter()
            .map(|f| f.parse().expect("a number"))
            .collect();
        let expected = [
            g.delta_dollars[i],
            g.gamma_dollars_per_pct[i],
            g.vega_per_point[i],
            g.theta_per_day[i],
        ];
        for (got, want) in cells.iter().zip(expected) {
            assert!((got - want).abs() < 0.001, "{got} vs {want}");
        }
    }

    #[test]
    fn labels_with_commas_and_quotes_are_quoted() {
        let mut report = default_report();
        report.curves.horizons[0].label = "Expiry, \"Jan\"".to_string();
        let text = curves_csv(&report);
        let first_line = text.lines().next().expect("a header");
        assert!(
            first_line.contains("\"Expiry, \"\"Jan\"\" VIX (points)\""),
            "{first_line}"
        );
        let rows = parse(&text);
        assert_eq!(rows[0][1], "Expiry, \"Jan\" VIX (points)");
        assert_eq!(rows[0].len(), 1 + 4 * report.curves.horizons.len());
    }

    #[test]
    fn missing_and_non_finite_values_are_empty_fields() {
        let mut report = default_report();
        report.curves.horizons[0].pnl.hedge[0] = f64::NAN;
        report.curves.horizons[0].vix.truncate(1);
        let rows = parse(&curves_csv(&report));
        assert_eq!(rows[1][3], "");
        assert!(!rows[1][1].is_empty());
        assert_eq!(rows[2][1], "");
        assert_eq!(rows.len(), 1 + report.curves.spots.len());
    }

    #[test]
    fn numbers_keep_sub_cent_precision_and_no_negative_zero() {
        assert_eq!(number(Some(-1234.56789), 4), "-1234.5679");
        assert_eq!(number(Some(-0.00001), 4), "0.0000");
        assert_eq!(number(Some(f64::INFINITY), 4), "");
        assert_eq!(number(None, 2), "");
        assert_eq!(number(Some(9_876_543.21), 4), "9876543.2100");
    }

    #[test]
    fn file_names_carry_the_fingerprint() {
        assert_eq!(file_name("", "a1b2c3", "png"), "alvh-a1b2c3.png");
        assert_eq!(
            file_name("curves", "a1/b2 c3", "csv"),
            "alvh-curves-a1b2c3.csv"
        );
    }
}
