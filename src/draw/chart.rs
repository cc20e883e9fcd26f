//! The P/L chart: one drawing function from a [`Report`] and any plotters backend.
//!
//! The page draws it on a `<canvas>` (plotters-canvas); tests and docs draw the very same
//! picture to SVG. This module turns curves that `evaluate` already computed into pixels and
//! does no financial arithmetic: every y value is a `Report` P/L, every x value a grid spot.
//!
//! Encoding: one colour per horizon; condor dashed, hedge dotted, combined solid. A zero line
//! and a vertical marker at today's SPX spot are drawn under the curves.

pub use crate::engine::report::nearest_index;
use crate::engine::report::{HorizonCurve, Report};
use crate::history::band::LinkBand;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::Shift;
use plotters::element::{DashedPathElement, DottedPathElement};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
    /// Page colours (light or dark).
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
/// Colours per theme: the page's crosshair swatches repeat them as CSS classes
/// (`.swatch-light-N`, `.swatch-dark-N` in style/chart.css); change both together.
pub const PALETTE_LEN: usize = 6;

const LIGHT_PALETTE: [RGBColor; PALETTE_LEN] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(120, 94, 240),
    RGBColor(90, 90, 90),
];
const DARK_PALETTE: [RGBColor; PALETTE_LEN] = [
    RGBColor(86, 180, 233),
    RGBColor(240, 160, 60),
    RGBColor(60, 210, 160),
    RGBColor(230, 150, 200),
    RGBColor(170, 150, 255),
    RGBColor(210, 210, 210),
];

/// The theme's colours, shared by every chart of the product.
pub(crate) struct Colours {
    pub(crate) background: RGBColor,
    pub(crate) text: RGBColor,
    pub(crate) grid: RGBColor,
    pub(crate) axis: RGBColor,
    /// One colour per series (horizon, Greek, curve), in order.
    pub(crate) palette: &'static [RGBColor; 6],
}

/// The mesh styling every chart shares: `text` for tick labels and axis names, the theme's
/// axis colour, grid lines in the grid colour and no minor lines.
pub(crate) fn theme_mesh<'m, 'a, 'b, X, Y, XT, YT, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    c: &Colours,
    text: &TextStyle<'b>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
    DB: DrawingBackend,
{
    mesh.label_style(text.clone())
        .axis_desc_style(text.clone())
        .axis_style(c.axis)
        .bold_line_style(c.grid)
        .light_line_style(c.background)
}

pub(crate) fn colours(theme: ChartTheme) -> Colours {
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
pub(crate) fn dollars_tick(value: f64) -> String {
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
fn y_range(report: &Report, opts: &ChartOptions, band: Option<&LinkBand>) -> (f64, f64) {
    let mut lo = 0.0_f64;
    let mut hi = 0.0_f64;
    let band_layers = band.map(|b| {
        [
            (opts.show_hedge, &b.hedge_lo[..]),
            (opts.show_hedge, &b.hedge_hi[..]),
            (opts.show_combined, &b.combined_lo[..]),
            (opts.show_combined, &b.combined_hi[..]),
        ]
    });
    let curves = report.curves.horizons.iter().flat_map(|h| layers(h, opts));
    for (show, values) in curves.chain(band_layers.into_iter().flatten()) {
        if !show {
            continue;
        }
        for v in values.iter().copied().filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
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

/// How a legend sample line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stroke {
    Solid,
    Dashed,
    Dotted,
    /// A filled swatch (the History band).
    Band,
}

/// One legend entry: a sample line and its text.
struct LegendEntry {
    label: String,
    colour: RGBColor,
    stroke: Stroke,
}

/// Horizons (colour, solid sample), the three line styles (text colour), then the History
/// band when one is drawn.
fn legend_entries(
    report: &Report,
    opts: &ChartOptions,
    band: Option<(&LinkBand, usize)>,
) -> Vec<LegendEntry> {
    let c = colours(opts.theme);
    let mut entries: Vec<LegendEntry> = report
        .curves
        .horizons
        .iter()
        .enumerate()
        .map(|(i, h)| LegendEntry {
            label: h.label.clone(),
            colour: horizon_colour(opts.theme, i),
            stroke: Stroke::Solid,
        })
        .collect();
    let styles = [
        (opts.show_condor, "condor (dashed)", Stroke::Dashed),
        (opts.show_hedge, "hedge (dotted)", Stroke::Dotted),
        (opts.show_combined, "combined (solid)", Stroke::Solid),
    ];
    for (shown, label, stroke) in styles {
        if shown {
            entries.push(LegendEntry {
                label: label.to_string(),
                colour: c.text,
                stroke,
            });
        }
    }
    if let Some((b, index)) = band {
        entries.push(LegendEntry {
            label: format!("history: VIX 10-90% ({} trading days)", b.trading_days),
            colour: horizon_colour(opts.theme, index),
            stroke: Stroke::Band,
        });
    }
    entries
}

/// Opacity of the History band's fill.
const BAND_ALPHA: f64 = 0.22;

/// The runs of consecutive grid points where both edges are finite, each as a closed
/// polygon: along the upper edge, back along the lower one.
fn band_polygons(spots: &[f64], lo: &[f64], hi: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let finite = |i: usize| spots[i].is_finite() && lo[i].is_finite() && hi[i].is_finite();
    for i in 0..=spots.len().min(lo.len()).min(hi.len()) {
        if i < spots.len().min(lo.len()).min(hi.len()) && finite(i) {
            run.push(i);
            continue;
        }
        if run.len() >= 2 {
            let upper = run.iter().map(|&j| (spots[j], hi[j]));
            let lower = run.iter().rev().map(|&j| (spots[j], lo[j]));
            out.push(upper.chain(lower).collect());
        }
        run.clear();
    }
    out
}

const SAMPLE_PX: i32 = 24;

/// Position of one legend entry: row and left edge in pixels.
struct Placed {
    row: usize,
    x: i32,
}

/// Flows the entries left to right, wrapping at `width` (text width estimated from the font
/// size, which is all a backend-independent layout can know).
fn legend_layout(entries: &[LegendEntry], width: u32, font_px: u32) -> Vec<Placed> {
    let max_x = width as i32 - 10;
    let (mut row, mut x) = (0usize, 12i32);
    entries
        .iter()
        .map(|e| {
            let w = SAMPLE_PX
                + 6
                + (e.label.chars().count() as f64 * font_px as f64 * 0.58) as i32
                + 18;
            if x + w > max_x && x > 12 {
                row += 1;
                x = 12;
            }
            let placed = Placed { row, x };
            x += w;
            placed
        })
        .collect()
}

/// Draws the legend rows in their own strip under the plot, so no curve is ever covered.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    c: &Colours,
    font_px: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width, _) = area.dim_in_pixel();
    let row_px = (font_px + 9) as i32;
    let text = (FontFamily::SansSerif, font_px)
        .into_font()
        .color(&c.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (e, p) in entries.iter().zip(legend_layout(entries, width, font_px)) {
        let y = 4 + row_px / 2 + p.row as i32 * row_px;
        let line = vec![(p.x, y), (p.x + SAMPLE_PX, y)];
        let colour = e.colour;
        match e.stroke {
            Stroke::Solid => area.draw(&PathElement::new(line, colour.stroke_width(3)))?,
            Stroke::Dashed => {
                area.draw(&DashedPathElement::new(line, 6, 4, colour.stroke_width(2)))?
            }
            Stroke::Dotted => area.draw(&DottedPathElement::new(line, 0, 5, move |q| {
                Circle::new(q, 1, colour.filled())
            }))?,
            Stroke::Band => area.draw(&Rectangle::new(
                [(p.x, y - 5), (p.x + SAMPLE_PX, y + 5)],
                colour.mix(BAND_ALPHA * 2.0).filled(),
            ))?,
        }
        area.draw(&Text::new(
            e.label.clone(),
            (p.x + SAMPLE_PX + 6, y),
            text.clone(),
        ))?;
    }
    Ok(())
}

/// Where the plot sits on the drawing and which values its edges stand for, so a pointer
/// position can be turned into an SPX level (the crosshair) without redrawing.
///
/// Pixel fields are in the drawing's pixels (CSS pixels on the page, where the canvas is
/// drawn at its CSS size): `left`/`right` are the pixel columns of `x_min`/`x_max`, `top`
/// and `bottom` the rows of `y_max`/`y_min` (plotters' own mapping). `x_*` are SPX levels
/// (index points) and `y_*` P/L in $.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotFrame {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl PlotFrame {
    /// The SPX level under horizontal pixel `px`, clamped to the plotted range.
    pub fn spx_at(&self, px: f64) -> f64 {
        let width = self.right - self.left;
        if width.is_nan() || width <= 0.0 || !px.is_finite() {
            return self.x_min;
        }
        let t = ((px - self.left) / width).clamp(0.0, 1.0);
        self.x_min + t * (self.x_max - self.x_min)
    }

    /// The horizontal pixel of SPX level `spx` (the inverse of [`PlotFrame::spx_at`] inside
    /// the range; not clamped).
    pub fn px_at(&self, spx: f64) -> f64 {
        let span = self.x_max - self.x_min;
        if span.is_nan() || span <= 0.0 {
            return self.left;
        }
        self.left + (spx - self.x_min) / span * (self.right - self.left)
    }

    /// The vertical pixel of P/L `pnl` in $ (top is the largest P/L; not clamped).
    pub fn py_at(&self, pnl: f64) -> f64 {
        let span = self.y_max - self.y_min;
        if span.is_nan() || span <= 0.0 {
            return self.bottom;
        }
        self.bottom - (pnl - self.y_min) / span * (self.bottom - self.top)
    }

    /// The same frame with every pixel field multiplied by `factor` (drawing pixels to CSS
    /// pixels when a canvas is shown at another size than it was drawn).
    pub fn scaled(&self, factor: f64) -> PlotFrame {
        PlotFrame {
            left: self.left * factor,
            right: self.right * factor,
            top: self.top * factor,
            bottom: self.bottom * factor,
            ..*self
        }
    }

    /// Index of the grid point of `spots` (ascending SPX levels) nearest to the level under
    /// pixel `px`; None for an empty grid.
    pub fn nearest_index(&self, spots: &[f64], px: f64) -> Option<usize> {
        nearest_index(spots, self.spx_at(px))
    }
}

/// Draws the P/L curves of every horizon in `report` onto `area`.
///
/// Returns where the plot landed ([`PlotFrame`]), for pointer read-outs. Errors (a backend
/// failure, or a report without a usable grid) come back as text; the function never panics.
pub fn draw_pnl<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    report: &Report,
    opts: &ChartOptions,
) -> Result<PlotFrame, String> {
    draw_pnl_with_band(area, report, opts, None)
}

/// [`draw_pnl`] with the History band (issue 19 item 2) filled under the hedge and combined
/// curves of its horizon, in that horizon's colour, where history has windows (gaps left
/// open). A band on another grid than the report's is not drawn.
pub fn draw_pnl_with_band<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    report: &Report,
    opts: &ChartOptions,
    band: Option<&LinkBand>,
) -> Result<PlotFrame, String> {
    let band = band
        .filter(|b| b.spots == report.curves.spots)
        .and_then(|b| {
            let index = report
                .curves
                .horizons
                .iter()
                .position(|h| h.days == b.days)?;
            Some((b, index))
        });
    let c = colours(opts.theme);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&c.background).map_err(err)?;

    let spots = &report.curves.spots;
    let (x_lo, x_hi) = match (spots.first(), spots.last()) {
        (Some(a), Some(b)) if a.is_finite() && b.is_finite() && b > a => (*a, *b),
        _ => return Err("the report has no SPX grid to draw".to_string()),
    };
    let (y_lo, y_hi) = y_range(report, opts, band.map(|b| b.0));

    let (width, _) = area.dim_in_pixel();
    let compact = width < 520;
    let font_px = if compact { 11 } else { 13 };
    let text_style = (FontFamily::SansSerif, font_px).into_font().color(&c.text);

    let legend = legend_entries(report, opts, band);
    let legend_rows = legend_layout(&legend, width, font_px)
        .last()
        .map_or(0, |e| e.row + 1);
    let legend_height = legend_rows as u32 * (font_px + 9) + 8;
    let (_, height) = area.dim_in_pixel();
    let (plot_area, legend_area) = area.split_vertically(height.saturating_sub(legend_height));

    let mut chart = ChartBuilder::on(&plot_area)
        .margin(10)
        .x_label_area_size(if compact { 34 } else { 42 })
        .y_label_area_size(if compact { 48 } else { 62 })
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)
        .map_err(err)?;

    let y_fmt = |v: &f64| dollars_tick(*v);
    let x_fmt = |v: &f64| format!("{v:.0}");
    theme_mesh(&mut chart.configure_mesh(), &c, &text_style)
        .x_desc(X_AXIS_LABEL)
        .y_desc(Y_AXIS_LABEL)
        .x_labels(if compact { 5 } else { 9 })
        .y_labels(8)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
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

    if let Some((b, index)) = band {
        let fill = horizon_colour(opts.theme, index).mix(BAND_ALPHA).filled();
        let edges = [
            (opts.show_hedge, &b.hedge_lo, &b.hedge_hi),
            (opts.show_combined, &b.combined_lo, &b.combined_hi),
        ];
        for (_, lo, hi) in edges.into_iter().filter(|e| e.0) {
            chart
                .draw_series(
                    band_polygons(spots, lo, hi)
                        .into_iter()
                        .map(|pts| Polygon::new(pts, fill)),
                )
                .map_err(err)?;
        }
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
            // The hedge's own emphasis: besides its horizon's colour, each horizon's dotted
            // hedge line has its own marker (small dot, ring, large dot, wide ring), so the
            // hedge lines of four horizons, often close together, can be told apart. One
            // marker type for all (one copy of the drawing code in the bundle).
            const MARKERS: [(i32, bool, u32); 4] =
                [(2, true, 6), (3, false, 9), (3, true, 11), (4, false, 12)];
            let (radius, filled, gap) = MARKERS[index % MARKERS.len()];
            let style = ShapeStyle {
                color: colour.to_rgba(),
                filled,
                stroke_width: 1,
            };
            let pts = points(spots, &h.pnl.hedge);
            chart
                .draw_series(DottedLineSeries::new(pts, 0, gap, move |p| {
                    Circle::new(p, radius, style)
                }))
                .map_err(err)?;
        }
        if opts.show_combined {
            let pts = points(spots, &h.pnl.combined);
            chart
                .draw_series(LineSeries::new(pts, colour.stroke_width(3)))
                .map_err(err)?;
        }
    }

    // Plotters maps the ranges onto the plot's first to last pixel (its end is exclusive).
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let frame = PlotFrame {
        left: f64::from(xs.start),
        right: f64::from(xs.end - 1),
        top: f64::from(ys.start),
        bottom: f64::from(ys.end - 1),
        x_min: x_lo,
        x_max: x_hi,
        y_min: y_lo,
        y_max: y_hi,
    };

    draw_legend(&legend_area, &legend, &c, font_px).map_err(err)?;
    area.present().map_err(err)?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;
    use crate::Config;

    /// The default configuration's report (a fixed valuation date, so the test is stable).
    fn default_report() -> Report {
        let date = Date::from_ymd(2026, 11, 24).expect("a valid date");
        crate::evaluate(&Config::defaults_for(date)).expect("the defaults evaluate")
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
    fn band_polygons_leave_gaps_open() {
        let spots = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let nan = f64::NAN;
        let lo = [0.0, 0.0, nan, 0.0, 0.0, 0.0];
        let hi = [1.0, 2.0, 3.0, 4.0, nan, 6.0];
        let polys = band_polygons(&spots, &lo, &hi);
        // [1, 2] is a run; 3 has no lower edge, 5 no upper; [4] and [6] are single points.
        assert_eq!(
            polys,
            vec![vec![(1.0, 1.0), (2.0, 2.0), (2.0, 0.0), (1.0, 0.0)]]
        );
    }

    #[test]
    fn the_history_band_is_filled_under_its_horizon_and_named_in_the_legend() {
        let report = default_report();
        let spots = &report.curves.spots;
        let h = report.curves.horizons.last().expect("a horizon");
        let n = spots.len();
        // A synthetic band: the curve +/- $500 over the middle half of the grid.
        let mid = |v: &Vec<f64>, d: f64| -> Vec<f64> {
            v.iter()
                .enumerate()
                .map(|(i, x)| {
                    if i > n / 4 && i < 3 * n / 4 {
                        x + d
                    } else {
                        f64::NAN
                    }
                })
                .collect()
        };
        let band = LinkBand {
            days: h.days,
            trading_days: 35,
            vix_start_range: (12.8, 20.0),
            windows: 4000,
            span: (
                Date::from_ymd(1990, 1, 2).unwrap(),
                Date::from_ymd(2026, 7, 7).unwrap(),
            ),
            spots: spots.clone(),
            vix_lo: mid(&h.vix, -2.0),
            vix_hi: mid(&h.vix, 2.0),
            hedge_lo: mid(&h.pnl.hedge, -500.0),
            hedge_hi: mid(&h.pnl.hedge, 500.0),
            combined_lo: mid(&h.pnl.combined, -500.0),
            combined_hi: mid(&h.pnl.combined, 500.0),
        };
        let draw = |band: Option<&LinkBand>, opts: &ChartOptions| {
            let mut svg = String::new();
            {
                let area = SVGBackend::with_string(&mut svg, (900, 500)).into_drawing_area();
                draw_pnl_with_band(area, &report, opts, band).expect("drawn");
            }
            svg
        };
        let plain = draw(None, &ChartOptions::default());
        let with = draw(Some(&band), &ChartOptions::default());
        assert_eq!(plain, render_svg(&report, &ChartOptions::default()));
        assert!(!plain.contains("<polygon"));
        // One polygon for the hedge band, one for the combined band (the swatch is a rect).
        assert_eq!(with.matches("<polygon").count(), 2, "{}", with.len());
        assert!(with.contains("history: VIX 10-90% (35 trading days)"));
        let hedge_only = draw(
            Some(&band),
            &ChartOptions {
                show_combined: false,
                ..ChartOptions::default()
            },
        );
        assert_eq!(hedge_only.matches("<polygon").count(), 1);
        // A band on another grid is not drawn.
        let mut other = band.clone();
        other.spots[0] += 1.0;
        assert!(!draw(Some(&other), &ChartOptions::default()).contains("<polygon"));
    }

    #[test]
    fn svg_has_curves_axes_and_legend() {
        let report = default_report();
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
        assert!(
            report.curves.horizons.len() >= 3,
            "the defaults draw several horizons"
        );
        // One solid polyline per combined curve at least, plus the dashed condor pieces.
        let polylines = svg.matches("<polyline").count();
        assert!(
            polylines >= 2 * report.curves.horizons.len(),
            "only {polylines} paths"
        );
        assert!(
            svg.matches("<circle").count() > 50,
            "no dotted hedge markers"
        );
    }

    #[test]
    fn hiding_layers_removes_their_marks() {
        let report = default_report();
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
        let mut report = default_report();
        report.curves.spots.clear();
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
        assert!(draw_pnl(area, &report, &ChartOptions::default()).is_err());
    }

    #[test]
    fn dark_theme_changes_the_background() {
        let report = default_report();
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

#[cfg(test)]
mod frame_tests {
    use super::*;
    use crate::calendar::Date;
    use crate::Config;

    fn frame() -> PlotFrame {
        PlotFrame {
            left: 60.0,
            right: 860.0,
            top: 10.0,
            bottom: 410.0,
            x_min: 5000.0,
            x_max: 7000.0,
            y_min: -4000.0,
            y_max: 1000.0,
        }
    }

    #[test]
    fn pixels_and_levels_map_both_ways() {
        let f = frame();
        assert_eq!(f.spx_at(60.0), 5000.0);
        assert_eq!(f.spx_at(860.0), 7000.0);
        assert_eq!(f.spx_at(460.0), 6000.0);
        assert_eq!(f.spx_at(160.0), 5250.0);
        assert_eq!(f.px_at(6500.0), 660.0);
        for px in [60.0, 123.4, 500.0, 859.5] {
            assert!((f.px_at(f.spx_at(px)) - px).abs() < 1e-9);
        }
        assert_eq!(f.py_at(1000.0), 10.0);
        assert_eq!(f.py_at(-4000.0), 410.0);
        assert_eq!(f.py_at(0.0), 90.0);
    }

    #[test]
    fn pointer_outside_the_plot_clamps_to_the_range() {
        let f = frame();
        assert_eq!(f.spx_at(0.0), 5000.0);
        assert_eq!(f.spx_at(2000.0), 7000.0);
        assert_eq!(f.spx_at(f64::NAN), 5000.0);
        let flat = PlotFrame {
            right: 60.0,
            ..frame()
        };
        assert_eq!(flat.spx_at(300.0), 5000.0);
    }

    #[test]
    fn nearest_grid_point() {
        let spots = [5000.0, 5010.0, 5020.0, 5030.0];
        assert_eq!(nearest_index(&spots, 4000.0), Some(0));
        assert_eq!(nearest_index(&spots, 5004.9), Some(0));
        assert_eq!(nearest_index(&spots, 5005.0), Some(0), "ties go low");
        assert_eq!(nearest_index(&spots, 5005.1), Some(1));
        assert_eq!(nearest_index(&spots, 5020.0), Some(2));
        assert_eq!(nearest_index(&spots, 5026.0), Some(3));
        assert_eq!(nearest_index(&spots, 9000.0), Some(3));
        assert_eq!(nearest_index(&[], 5000.0), None);
        let f = PlotFrame {
            x_min: 5000.0,
            x_max: 5030.0,
            ..frame()
        };
        // 800 px for 30 points: pixel 60 + 800 * 21/30 = 620 is SPX 5021.
        assert_eq!(f.nearest_index(&spots, 620.0), Some(2));
        assert_eq!(f.nearest_index(&spots, 10_000.0), Some(3));
    }

    #[test]
    fn scaling_changes_pixels_only() {
        let f = frame().scaled(0.5);
        assert_eq!(
            (f.left, f.right, f.top, f.bottom),
            (30.0, 430.0, 5.0, 205.0)
        );
        assert_eq!(
            (f.x_min, f.x_max, f.y_min, f.y_max),
            (5000.0, 7000.0, -4000.0, 1000.0)
        );
        assert_eq!(f.spx_at(230.0), 6000.0);
    }

    /// The frame `draw_pnl` returns is where plotters really drew: the zero line lies at
    /// `py_at(0)` and spans `px_at(x_min)..px_at(x_max)`.
    #[test]
    fn draw_pnl_returns_the_plot_box() {
        let date = Date::from_ymd(2026, 11, 24).expect("a valid date");
        let report = crate::evaluate(&Config::defaults_for(date)).expect("evaluates");
        let mut svg = String::new();
        let f = {
            let area = SVGBackend::with_string(&mut svg, (900, 500)).into_drawing_area();
            draw_pnl(area, &report, &ChartOptions::default()).expect("drawn")
        };
        assert!(0.0 < f.left && f.left < f.right && f.right <= 900.0);
        assert!(0.0 < f.top && f.top < f.bottom && f.bottom < 500.0);
        assert_eq!(f.x_min, report.curves.spots[0]);
        assert_eq!(Some(&f.x_max), report.curves.spots.last());
        assert!(f.y_min < 0.0 && f.y_max > 0.0);
        // Plotters rounds x down and y up to whole pixels.
        let zero = (f.py_at(0.0) - 1e-3).ceil();
        let expected = format!(
            "points=\"{},{zero} {},{zero} \"",
            f.px_at(f.x_min),
            f.px_at(f.x_max)
        );
        assert!(svg.contains(&expected), "no zero line at {expected}");
        let s0 = report.curves.spots[report.curves.spot_index];
        let marker = format!("points=\"{},{} ", (f.px_at(s0) + 1e-3).floor(), f.bottom);
        assert!(svg.contains(&marker), "no spot marker at {marker}");
        // The wide layout differs from the phone one: the frame follows the drawing size.
        let mut small = String::new();
        let g = {
            let area = SVGBackend::with_string(&mut small, (375, 400)).into_drawing_area();
            draw_pnl(area, &report, &ChartOptions::default()).expect("drawn")
        };
        assert!(g.right <= 375.0 && g.right - g.left < f.right - f.left);
    }
}
