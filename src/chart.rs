//! The P/L chart: one drawing function from a [`Report`] and any plotters backend.
//!
//! The page draws it on a `<canvas>` (plotters-canvas); tests and docs draw the very same
//! picture to SVG. This module turns curves that `evaluate` already computed into pixels and
//! does no financial arithmetic: every y value is a `Report` P/L, every x value a grid spot.
//!
//! Encoding: one colour per horizon; condor dashed, hedge dotted, combined solid. A zero line
//! and a vertical marker at today's SPX spot are drawn under the curves.

use crate::report::{HorizonCurve, Report};
use plotters::coord::Shift;
use plotters::element::{DashedPathElement, DottedPathElement};
use plotters::prelude::*;

/// Light or dark page colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ChartTheme {
    #[default]
    Light,
    Dark,
}

/// Which layers to draw and in which colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartOptions {
    pub theme: ChartTheme,
    /// Draw the condor-alone curves (dashed).
    pub show_condor: bool,
    /// Draw the hedge-alone curves (dotted).
    pub show_hedge: bool,
    /// Draw the combined curves (solid).
    pub show_combined: bool,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            theme: ChartTheme::Light,
            show_condor: true,
            show_hedge: true,
            show_combined: true,
        }
    }
}

/// X axis caption (units stated, as every chart of the product must).
pub const X_AXIS_LABEL: &str = "SPX level (index points)";
/// Y axis caption.
pub const Y_AXIS_LABEL: &str = "P/L ($)";

/// Colours per horizon, chosen to stay distinguishable on white and on near-black
/// (Okabe-Ito-like hues, which also survive the common colour-vision deficiencies).
const LIGHT_PALETTE: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(120, 94, 240),
    RGBColor(90, 90, 90),
];
const DARK_PALETTE: [RGBColor; 6] = [
    RGBColor(86, 180, 233),
    RGBColor(240, 160, 60),
    RGBColor(60, 210, 160),
    RGBColor(230, 150, 200),
    RGBColor(170, 150, 255),
    RGBColor(210, 210, 210),
];

struct Colours {
    background: RGBColor,
    text: RGBColor,
    grid: RGBColor,
    axis: RGBColor,
    palette: &'static [RGBColor; 6],
}

fn colours(theme: ChartTheme) -> Colours {
    match theme {
        ChartTheme::Light => Colours {
            background: RGBColor(255, 255, 255),
            text: RGBColor(30, 30, 30),
            grid: RGBColor(232, 232, 232),
            axis: RGBColor(120, 120, 120),
            palette: &LIGHT_PALETTE,
        },
        ChartTheme::Dark => Colours {
            background: RGBColor(24, 26, 31),
            text: RGBColor(225, 225, 225),
            grid: RGBColor(52, 56, 64),
            axis: RGBColor(150, 150, 150),
            palette: &DARK_PALETTE,
        },
    }
}

/// The colour of horizon `index` (the same colour the legend shows).
pub fn horizon_colour(theme: ChartTheme, index: usize) -> RGBColor {
    let palette = colours(theme).palette;
    palette[index % palette.len()]
}

/// Short axis tick label for a dollar amount: "-12.5k", "300", "1.2M".
fn dollars_tick(value: f64) -> String {
    let a = value.abs();
    if a >= 1e6 {
        format!("{:.1}M", value / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", value / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", value / 1e3)
    } else {
        format!("{value:.0}")
    }
}

/// Y range covering every drawn curve, padded 6% so no curve touches the frame; never empty.
fn y_range(report: &Report, opts: &ChartOptions) -> (f64, f64) {
    let mut lo = 0.0_f64;
    let mut hi = 0.0_f64;
    for h in &report.curves.horizons {
        for (show, values) in layers(h, opts) {
            if !show {
                continue;
            }
            for v in values.iter().copied().filter(|v| v.is_finite()) {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    let pad = ((hi - lo) * 0.06).max(1.0);
    (lo - pad, hi + pad)
}

fn layers<'a>(h: &'a HorizonCurve, opts: &ChartOptions) -> [(bool, &'a [f64]); 3] {
    [
        (opts.show_condor, &h.pnl.condor),
        (opts.show_hedge, &h.pnl.hedge),
        (opts.show_combined, &h.pnl.combined),
    ]
}

/// Finite (spot, P/L) pairs of one curve.
fn points<'a>(spots: &'a [f64], pnl: &'a [f64]) -> Vec<(f64, f64)> {
    spots
        .iter()
        .zip(pnl)
        .filter(|(s, v)| s.is_finite() && v.is_finite())
        .map(|(s, v)| (*s, *v))
        .collect()
}

/// Draws the P/L curves of every horizon in `report` onto `area`.
///
/// Errors (a backend failure, or a report without a usable grid) come back as text; the
/// function never panics.
pub fn draw_pnl<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    report: &Report,
    opts: &ChartOptions,
) -> Result<(), String> {
    let c = colours(opts.theme);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&c.background).map_err(err)?;

    let spots = &report.curves.spots;
    let (x_lo, x_hi) = match (spots.first(), spots.last()) {
        (Some(a), Some(b)) if a.is_finite() && b.is_finite() && b > a => (*a, *b),
        _ => return Err("the report has no SPX grid to draw".to_string()),
    };
    let (y_lo, y_hi) = y_range(report, opts);

    let (width, _) = area.dim_in_pixel();
    let compact = width < 520;
    let font_px = if compact { 11 } else { 13 };
    let text_style = ("sans-serif", font_px).into_font().color(&c.text);

    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .x_label_area_size(if compact { 34 } else { 42 })
        .y_label_area_size(if compact { 48 } else { 62 })
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)
        .map_err(err)?;

    let y_fmt = |v: &f64| dollars_tick(*v);
    let x_fmt = |v: &f64| format!("{v:.0}");
    chart
        .configure_mesh()
        .x_desc(X_AXIS_LABEL)
        .y_desc(Y_AXIS_LABEL)
        .x_labels(if compact { 5 } else { 9 })
        .y_labels(8)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .label_style(text_style.clone())
        .axis_desc_style(text_style.clone())
        .axis_style(c.axis)
        .bold_line_style(c.grid)
        .light_line_style(c.background)
        .draw()
        .map_err(err)?;

    // Zero line and today's spot, under the curves.
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(x_lo, 0.0), (x_hi, 0.0)],
            c.axis.stroke_width(1),
        )))
        .map_err(err)?;
    if let Some(s0) = spots.get(report.curves.spot_index).copied() {
        chart
            .draw_series(std::iter::once(DashedPathElement::new(
                vec![(s0, y_lo), (s0, y_hi)],
                4,
                4,
                c.axis.stroke_width(1),
            )))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("spot {s0:.0}"),
                (s0, y_hi),
                text_style.clone(),
            )))
            .map_err(err)?;
    }

    for (index, h) in report.curves.horizons.iter().enumerate() {
        let colour = horizon_colour(opts.theme, index);
        if opts.show_condor {
            let pts = points(spots, &h.pnl.condor);
            chart
                .draw_series(DashedLineSeries::new(pts, 7, 5, colour.stroke_width(2)))
                .map_err(err)?;
        }
        if opts.show_hedge {
            let pts = points(spots, &h.pnl.hedge);
            chart
                .draw_series(DottedLineSeries::new(pts, 0, 5, move |p| {
                    Circle::new(p, 1, colour.filled())
                }))
                .map_err(err)?;
        }
        // The combined curve carries the horizon's legend entry (solid, like the curve).
        let pts = if opts.show_combined {
            points(spots, &h.pnl.combined)
        } else {
            Vec::new()
        };
        chart
            .draw_series(LineSeries::new(pts, colour.stroke_width(3)))
            .map_err(err)?
            .label(h.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 22, y)], colour.stroke_width(3))
            });
    }

    // Legend entries for the line styles, in the text colour.
    let key = c.text;
    let style_entries: [(&str, bool); 3] = [
        ("condor (dashed)", opts.show_condor),
        ("hedge (dotted)", opts.show_hedge),
        ("combined (solid)", opts.show_combined),
    ];
    for (name, shown) in style_entries {
        if !shown {
            continue;
        }
        let anno = chart
            .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())
            .map_err(err)?
            .label(name);
        match name {
            "condor (dashed)" => anno.legend(move |(x, y)| {
                DashedPathElement::new(vec![(x, y), (x + 22, y)], 5, 3, key.stroke_width(2))
                    .into_dyn()
            }),
            "hedge (dotted)" => anno.legend(move |(x, y)| {
                DottedPathElement::new(vec![(x, y), (x + 22, y)], 0, 4, move |p| {
                    Circle::new(p, 1, key.filled())
                })
                .into_dyn()
            }),
            _ => anno.legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 22, y)], key.stroke_width(3)).into_dyn()
            }),
        };
    }

    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerMiddle)
        .label_font(text_style)
        .background_style(c.background.mix(0.85))
        .border_style(c.axis)
        .draw()
        .map_err(err)?;

    area.present().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{CurveFigures, Curves, Layered};

    /// A structurally complete report whose curves are simple shapes (no pricing): enough to
    /// exercise the drawing code independently of `evaluate`.
    fn synthetic_report() -> Report {
        let spots: Vec<f64> = (0..=400).map(|i| 5100.0 + 4.5 * i as f64).collect();
        let tent = |s: f64, k: f64| (2000.0 - (s - 6000.0).abs() * k).max(-48_000.0);
        let horizons = (0..3)
            .map(|i| {
                let k = 20.0 + 10.0 * i as f64;
                let condor: Vec<f64> = spots.iter().map(|s| tent(*s, k)).collect();
                let hedge: Vec<f64> = spots
                    .iter()
                    .map(|s| ((6000.0 - s) * 8.0).max(-900.0))
                    .collect();
                let combined = condor.iter().zip(&hedge).map(|(a, b)| a + b).collect();
                crate::report::HorizonCurve {
                    label: format!("T+{}d", 5 * i),
                    days: 5 * i,
                    is_expiry: false,
                    is_slider: false,
                    vix: vec![16.0; spots.len()],
                    pnl: Layered {
                        condor,
                        hedge,
                        combined,
                    },
                    figures: Layered::<CurveFigures>::default(),
                }
            })
            .collect();
        let default_json = serde_json::json!({
            "fingerprint": "test",
            "market": {"atm_vol": 0.14, "condor_days": 45, "curve_kappa": 1.0, "curve_theta": 20.0,
                        "curve_rmse": 0.0, "curve_samples": []},
            "legs": [],
            "greeks": Layered::<crate::report::PositionGreeks>::default(),
            "scenario_delta_dollars": 0.0,
            "hedge_vega_per_vix_point": 0.0,
            "combined_vega_per_point": 0.0,
            "summary": {"credit_points": 0.0, "credit_dollars": 0.0, "model_credit_points": 0.0,
                        "defined_risk_dollars": 0.0, "condor_notional": 0.0,
                        "hedge_cost_dollars": 0.0, "hedge_cost_ratio": 0.0},
            "curves": Curves { spots: spots.clone(), spot_index: 200, horizons },
            "risk": null,
            "rules": serde_json::to_value(crate::rules::RulesReport::default()).unwrap_or_default(),
            "assumptions": [],
        });
        serde_json::from_value(default_json).expect("synthetic report deserializes")
    }

    fn render_svg(report: &Report, opts: &ChartOptions) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (900, 500)).into_drawing_area();
            draw_pnl(area, report, opts).expect("drawing succeeds");
        }
        svg
    }

    #[test]
    fn svg_has_curves_axes_and_legend() {
        let report = synthetic_report();
        let svg = render_svg(&report, &ChartOptions::default());
        assert!(svg.starts_with("<svg"), "not an SVG document");
        assert!(
            svg.contains(X_AXIS_LABEL) && svg.contains(Y_AXIS_LABEL),
            "axis captions"
        );
        for h in &report.curves.horizons {
            assert!(svg.contains(&h.label), "legend lacks {}", h.label);
        }
        assert!(svg.contains("combined (solid)") && svg.contains("condor (dashed)"));
        // Three solid combined polylines at least, plus dashed and dotted pieces.
        assert!(svg.matches("<polyline").count() >= 3 + 3, "too few paths");
        assert!(
            svg.matches("<circle").count() > 50,
            "no dotted hedge markers"
        );
    }

    #[test]
    fn hiding_layers_removes_their_marks() {
        let report = synthetic_report();
        let all = render_svg(&report, &ChartOptions::default());
        let opts = ChartOptions {
            show_hedge: false,
            ..ChartOptions::default()
        };
        let no_hedge = render_svg(&report, &opts);
        assert!(no_hedge.matches("<circle").count() < all.matches("<circle").count());
        assert!(!no_hedge.contains("hedge (dotted)"));
    }

    #[test]
    fn empty_grid_is_an_error_not_a_panic() {
        let mut report = synthetic_report();
        report.curves.spots.clear();
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
        assert!(draw_pnl(area, &report, &ChartOptions::default()).is_err());
    }

    #[test]
    fn dark_theme_changes_the_background() {
        let report = synthetic_report();
        let light = render_svg(&report, &ChartOptions::default());
        let dark = render_svg(
            &report,
            &ChartOptions {
                theme: ChartTheme::Dark,
                ..ChartOptions::default()
            },
        );
        assert_ne!(light, dark);
        assert!(dark.contains("#181A1F") || dark.contains("#181a1f"));
    }
}
