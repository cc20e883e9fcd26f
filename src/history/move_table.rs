//! History's VIX after each SPX move of the Assumptions panel (issue 17): the median and
//! 10-90% band of VIX_end / VIX_start over 10 trading days from a VIX of 12-20, by the bucket
//! rule of [`super::calibrate::MoveRule::default`], over the shipped series
//! (`assets/history/spx_vix_daily.csv`). The page multiplies these ratios by the
//! configuration's VIX, which is what [`super::calibrate::vix_after_move`] does with
//! `vix_ref` = that VIX.
//!
//! GENERATED from the data file by [`render`] over `vix_after_move(rows,
//! &engine::evaluate::SCENARIO_MOVES, 1.0, &MoveRule::default())`; `tests/history.rs`
//! recomputes it and fails when it differs (regenerate with
//! `ALVH_REGENERATE=1 cargo test --test history move_table`). The page carries this small
//! table instead of the 227 KB series, so the panel shows history beside the model on the
//! first load without fetching anything.

use super::calibrate::MoveBand;

/// History's ratio band after one SPX move.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoveRatio {
    /// SPX simple return over the window (-0.10 = -10%).
    pub spx_move: f64,
    /// Half-width of the return bucket used (0.01 or, with fewer than 5 windows, 0.02).
    pub half_width: f64,
    /// Overlapping windows in the bucket (0: none; the ratios are then NaN).
    pub windows: usize,
    /// 10th percentile, median and 90th percentile of VIX_end / VIX_start.
    pub p10: f64,
    pub median: f64,
    pub p90: f64,
}

/// The series' first and last dates the table was generated from.
pub const SPAN: (&str, &str) = ("1990-01-02", "2026-07-07");

/// The Rust source of a table of `bands` (computed with `vix_ref` = 1), for this file.
pub fn render(bands: &[MoveBand]) -> String {
    let f = |x: f64| {
        if x.is_nan() {
            "f64::NAN".to_string()
        } else {
            format!("{x:?}")
        }
    };
    let mut out = String::from("pub const MOVE_RATIOS: [MoveRatio; ");
    out.push_str(&format!("{}] = [\n", bands.len()));
    for b in bands {
        out.push_str(&format!(
            "    MoveRatio {{\n        spx_move: {},\n        half_width: {},\n        windows: {},\n        p10: {},\n        median: {},\n        p90: {},\n    }},\n",
            f(b.spx_move),
            f(b.half_width),
            b.vix.n,
            f(b.vix.p10),
            f(b.vix.median),
            f(b.vix.p90)
        ));
    }
    out.push_str("];\n");
    out
}

// --- generated below this line ---
pub const MOVE_RATIOS: [MoveRatio; 5] = [
    MoveRatio {
        spx_move: -0.2,
        half_width: 0.02,
        windows: 0,
        p10: f64::NAN,
        median: f64::NAN,
        p90: f64::NAN,
    },
    MoveRatio {
        spx_move: -0.15,
        half_width: 0.02,
        windows: 2,
        p10: 2.537689334870161,
        median: 2.765966054195765,
        p90: 2.9942427735213686,
    },
    MoveRatio {
        spx_move: -0.1,
        half_width: 0.01,
        windows: 9,
        p10: 1.75605061254094,
        median: 2.4555035128805622,
        p90: 2.7680540670458567,
    },
    MoveRatio {
        spx_move: -0.05,
        half_width: 0.01,
        windows: 153,
        p10: 1.1424160530587522,
        median: 1.3380355276907,
        p90: 1.6123307612594246,
    },
    MoveRatio {
        spx_move: 0.05,
        half_width: 0.01,
        windows: 131,
        p10: 0.7655398037077425,
        median: 0.8714733542319749,
        p90: 1.061998931052913,
    },
];
