//! Daily SPX and VIX closes: the `date,spx,vix` CSV the History view and the command line
//! read (the shipped file is `assets/history/spx_vix_daily.csv`, provenance in its README).

use crate::calendar::Date;
use crate::config::decimal::parse_f64;
use crate::indicators::series::CsvError;
use serde::{Deserialize, Serialize};

/// One trading day: SPX close (index points) and VIX close (VIX points).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyClose {
    pub date: Date,
    /// S&P 500 price index close, index points (no dividends).
    pub spx: f64,
    /// Cboe VIX close, VIX points.
    pub vix: f64,
}

/// sha256 of the shipped `assets/history/spx_vix_daily.csv` (from its README).
pub const SHIPPED_SHA256: &str = "24f9d12cd29f249112eb8a38a0a950450920c3732c35b3b63dfbc07fb8869314";

/// Number of rows in the shipped file.
pub const SHIPPED_ROWS: usize = 9190;

/// Largest number of errors listed one by one; after that one line says how many more.
/// Every error is still counted (a pasted file of garbage does not build a huge list).
pub const MAX_LISTED_ERRORS: usize = 200;

/// Parses `date,spx,vix` lines (comma, semicolon or tab separated). Blank lines and lines
/// starting with `#` are skipped; the first remaining line is a header when its date field
/// is not a date. Dates are `YYYY-MM-DD`, strictly increasing; both closes finite and above
/// zero (numbers read by [`crate::config::decimal::parse_f64`]: "6,000" is refused, not misread).
/// Every bad line is reported with its 1-based number (up to [`MAX_LISTED_ERRORS`], then a
/// count); nothing panics. At least two rows are needed to compute anything.
pub fn parse_history_csv(text: &str) -> Result<Vec<DailyClose>, Vec<CsvError>> {
    let mut rows = Vec::new();
    let mut errors: Vec<CsvError> = Vec::new();
    let mut extra_errors = 0usize;
    let mut push = |errors: &mut Vec<CsvError>, line: usize, message: String| {
        if errors.len() < MAX_LISTED_ERRORS {
            errors.push(CsvError { line, message });
        } else {
            extra_errors += 1;
        }
    };
    let mut first = true;
    let mut last: Option<Date> = None;
    for (idx, raw) in text.lines().enumerate() {
        let line_no = idx + 1;
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split([',', ';', '\t']).map(str::trim).collect();
        let was_first = std::mem::replace(&mut first, false);
        if was_first
            && Date::parse(fields[0]).is_err()
            && fields.iter().skip(1).all(|f| parse_f64(f).is_none())
        {
            continue; // header, e.g. "date,spx_close,vix_close"
        }
        if fields.len() != 3 {
            push(
                &mut errors,
                line_no,
                format!("expected 3 fields (date,spx,vix), found {}", fields.len()),
            );
            continue;
        }
        let date = match Date::parse(fields[0]) {
            Ok(d) => Some(d),
            Err(_) => {
                push(
                    &mut errors,
                    line_no,
                    format!("date {:?} is not YYYY-MM-DD", fields[0]),
                );
                None
            }
        };
        let mut close =
            |i: usize, name: &str, errors: &mut Vec<CsvError>| match parse_f64(fields[i]) {
                Some(v) if v > 0.0 => Some(v),
                Some(v) => {
                    push(
                        errors,
                        line_no,
                        format!("{name} close must be above zero (got {v})"),
                    );
                    None
                }
                None => {
                    push(
                        errors,
                        line_no,
                        format!("{name} close {:?} is not a number", fields[i]),
                    );
                    None
                }
            };
        let spx = close(1, "SPX", &mut errors);
        let vix = close(2, "VIX", &mut errors);
        if let Some(d) = date {
            if let Some(prev) = last {
                if d <= prev {
                    push(
                        &mut errors,
                        line_no,
                        format!("date {d} is not after the previous date {prev}"),
                    );
                }
            }
            last = Some(d);
        }
        if let (Some(date), Some(spx), Some(vix)) = (date, spx, vix) {
            rows.push(DailyClose { date, spx, vix });
        }
    }
    if extra_errors > 0 {
        errors.push(CsvError {
            line: 0,
            message: format!("and {extra_errors} more bad lines"),
        });
    }
    if errors.is_empty() && rows.len() < 2 {
        errors.push(CsvError {
            line: 0,
            message: format!("at least 2 data lines are needed, found {}", rows.len()),
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Index of the first row dated on or after `date` (None past the end).
pub fn index_on_or_after(rows: &[DailyClose], date: Date) -> Option<usize> {
    let i = rows.partition_point(|r| r.date < date);
    (i < rows.len()).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_optional_and_every_bad_line_is_listed() {
        let ok = parse_history_csv("2020-03-13,2711.02,57.83\n2020-03-16,2386.13,82.69\n").unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].vix, 82.69);
        let text = "date,spx,vix\n2020-03-13,2711.02,57.83\n2020-03-12,x,57\n\n2020-03-16,2386.13\n2020-03-17,-1,1e400\n2020-03-18,2398.10,76.45\n";
        let errs = parse_history_csv(text).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        // line 3: bad SPX and a date out of order; line 5: two fields; line 6: both closes.
        assert_eq!(lines, vec![3, 3, 5, 6, 6], "{errs:?}");
        assert!(errs[0].message.contains("SPX close \"x\""));
    }

    #[test]
    fn a_comma_decimal_and_an_empty_text_are_refused() {
        assert!(parse_history_csv("2020-03-16;2386,13;82.69\n2020-03-17;2529.19;75.91").is_err());
        let e = parse_history_csv("").unwrap_err();
        assert_eq!(e[0].line, 0);
    }

    #[test]
    fn a_flood_of_bad_lines_is_counted_not_listed() {
        let text: String = (0..1000).map(|_| "junk,1\n").collect();
        let e = parse_history_csv(&text).unwrap_err();
        assert_eq!(e.len(), MAX_LISTED_ERRORS + 1);
        assert!(
            e.last().unwrap().message.contains("800 more"),
            "{:?}",
            e.last()
        );
    }
}
