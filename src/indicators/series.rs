//! Daily close series: CSV parsing with line-numbered errors, and the least-squares slope
//! used for the advance-decline trend (spec §7, §9).

use crate::calendar::Date;
use crate::config::decimal::{parse_f64, parse_typed_number};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One daily close: (date, close). Serialized as a two-element array to keep URLs short.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint(pub Date, pub f64);

impl SeriesPoint {
    /// The close (input units: VIX points or index points).
    pub fn close(&self) -> f64 {
        self.1
    }
}

/// One bad CSV line: 1-based line number in the pasted text and the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvError {
    /// 1-based line number (0 when the error concerns the whole text).
    pub line: usize,
    /// What is wrong with the line.
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

/// Parses `date,close` lines (comma, semicolon or tab separated; with a semicolon or tab the
/// close may use thousands commas, read by [`parse_typed_number`]). Blank lines and lines starting
/// with `#` are skipped; the first remaining line is taken as a header when its close field is
/// not a number. Dates are `YYYY-MM-DD` and must be strictly increasing; closes finite and
/// greater than zero. Every bad line is reported, with its number; nothing panics.
pub fn parse_series_csv(text: &str) -> Result<Vec<SeriesPoint>, Vec<CsvError>> {
    let mut points = Vec::new();
    let mut errors = Vec::new();
    let mut seen_data_line = false;
    let mut last_date: Option<Date> = None;
    for (idx, raw) in text.lines().enumerate() {
        let line_no = idx + 1;
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // A line with a semicolon or a tab is split there only, so a close may carry a
        // thousands comma ("2026-01-02;6,000"); otherwise the comma separates the fields.
        let fields: Vec<&str> = if line.contains([';', '\t']) {
            line.split([';', '\t']).map(str::trim).collect()
        } else {
            line.split(',').map(str::trim).collect()
        };
        let first = !seen_data_line;
        seen_data_line = true;
        if fields.len() != 2 {
            if first && fields.iter().all(|f| parse_f64(f).is_none()) {
                continue; // a header with other column names
            }
            // "2026-01-02,12,5": a decimal comma split the close in two (spec §9: never
            // read as 125).
            let hint = if fields.len() == 3 && line.contains(',') {
                "; a comma inside the close is not a decimal point: write 12.5, or separate \
                 the fields with ; or a tab"
            } else {
                ""
            };
            errors.push(CsvError {
                line: line_no,
                message: format!(
                    "expected 2 fields (date,close), found {}{hint}",
                    fields.len()
                ),
            });
            continue;
        }
        let close = parse_typed_number(fields[1]);
        if first && close.is_err() && Date::parse(fields[0]).is_err() {
            continue; // header line such as "date,close"
        }
        let date = match Date::parse(fields[0]) {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(CsvError {
                    line: line_no,
                    message: format!("date {:?} is not YYYY-MM-DD", fields[0]),
                });
                None
            }
        };
        let close = match close {
            Ok(c) if c.is_finite() && c > 0.0 => Some(c),
            Ok(c) => {
                errors.push(CsvError {
                    line: line_no,
                    message: format!("close must be a finite number above zero (got {c})"),
                });
                None
            }
            Err(why) => {
                errors.push(CsvError {
                    line: line_no,
                    message: format!("close: {why}"),
                });
                None
            }
        };
        if let Some(d) = date {
            if let Some(prev) = last_date {
                if d <= prev {
                    errors.push(CsvError {
                        line: line_no,
                        message: format!("date {d} is not after the previous date {prev}"),
                    });
                }
            }
            last_date = Some(d);
        }
        if let (Some(d), Some(c)) = (date, close) {
            points.push(SeriesPoint(d, c));
        }
    }
    if errors.is_empty() && points.is_empty() {
        errors.push(CsvError {
            line: 0,
            message: "no data lines found".to_string(),
        });
    }
    if errors.is_empty() {
        Ok(points)
    } else {
        Err(errors)
    }
}

/// Writes a series as `date,close` CSV with a header (the inverse of [`parse_series_csv`]).
pub fn series_to_csv(points: &[SeriesPoint]) -> String {
    let mut out = String::from("date,close\n");
    for p in points {
        out.push_str(&format!("{},{}\n", p.0, p.1));
    }
    out
}

/// Problems with an already-parsed series (non-finite or non-positive closes, dates not
/// strictly increasing), as messages with the 0-based point index.
pub fn series_problems(points: &[SeriesPoint]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in points.iter().enumerate() {
        if !(p.1.is_finite() && p.1 > 0.0) {
            out.push(format!(
                "point {i}: close must be a finite number above zero"
            ));
        }
        if i > 0 && p.0 <= points[i - 1].0 {
            out.push(format!(
                "point {i}: date {} is not after {}",
                p.0,
                points[i - 1].0
            ));
        }
    }
    out
}

/// Ordinary least-squares slope of `values` against their index 0, 1, 2, ... over the last
/// `window` values (all of them when fewer). None with fewer than two values or a non-finite
/// value in the window. Units: input units per observation.
pub fn least_squares_slope(values: &[f64], window: usize) -> Option<f64> {
    let tail = &values[values.len().saturating_sub(window)..];
    if tail.len() < 2 || tail.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let n = tail.len() as f64;
    let mean_x = (n - 1.0) / 2.0;
    let mean_y = tail.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (i, y) in tail.iter().enumerate() {
        let dx = i as f64 - mean_x;
        sxy += dx * (y - mean_y);
        sxx += dx * dx;
    }
    Some(sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slope_by_hand() {
        // Last 3 of [9, 1, 2, 4]: x = 0,1,2, y = 1,2,4 -> slope = 1.5.
        assert_eq!(least_squares_slope(&[9.0, 1.0, 2.0, 4.0], 3), Some(1.5));
        assert_eq!(least_squares_slope(&[1.0], 10), None);
        assert_eq!(least_squares_slope(&[3.0, 3.0, 3.0], 10), Some(0.0));
    }
}
