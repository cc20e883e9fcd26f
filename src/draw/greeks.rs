//! Two secondary charts drawn from a [`Report`] onto any plotters backend: the combined
//! Greeks across the SPX range (four small panels, one per Greek, since their units differ)
//! and the fitted VIX futures curve against the quoted points.
//!
//! Like [`crate::draw::chart`], this module only turns numbers that `evaluate` already computed into
//! pixels: every y value is a `Report` figure, every x value a grid spot or a day count.

use crate::draw::chart::{colours, dollars_tick, theme_mesh, ChartTheme};
use crate::engine::report::Report;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// X axis caption of the Greeks panels.
pub const GREEKS_X_LABEL: &str = "SPX level (index points)";
/// X axis caption of the futures-curve chart.
pub const CURVE_X_LABEL: &str = "Days to VIX future expiry";
/// Y axis caption of the futures-curve chart.
pub const CURVE_Y_LABEL: &str = "VIX future (VIX points)";

/// Panel titles with units, in drawing order (delta, gamma, vega, theta).
pub const GREEK_TITLES: [&str; 4] = [
    "$ delta ($)",
    "$ gamma ($ per 1% SPX move)",
    "Vega ($ per vol point)",
    "Theta ($ per day)",
];

/// Short tick label for a dollar amount: "-12k", "300", "1.2M".
fn short_tick(value: f64) -> String {
    if value.abs() < 10.0 && value != 0.0 {
        format!("{value:.1}")
    } else {
        dollars_tick(value)
    }
}

/// A y range holding every finite value and zero, padded 8%; never empty.
fn padded_range(values: &[f64]) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
    for v in values.iter().copied().filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let pad = ((hi - lo) * 0.08).max(1.0);
    (lo - pad, hi + pad)
}

/// Draws the four combined Greeks of `report.greeks_curve` across `report.curves.spots`.
///
/// Four panels (2 x 2, or 4 x 1 below 520 px width) share the SPX axis; each has a zero line,
/// a dashed marker at today's spot and its title with units. Errors come back as text.
pub fn draw_greeks<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    report: &Report,
    theme: ChartTheme,
) -> Result<(), String> {
    let c = colours(theme);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&c.background).map_err(err)?;

    let spots = &report.curves.spots;
    let (x_lo, x_hi) = match (spots.first(), spots.last()) {
        (Some(a), Some(b)) if a.is_finite() && b.is_finite() && b > a => (*a, *b),
        _ => return Err("the report has no SPX grid to draw".to_string()),
    };
    let g = &report.greeks_curve;
    let series: [&[f64]; 4] = [
        &g.delta_dollars,
        &g.gamma_dollars_per_pct,
        &g.vega_per_point,
        &g.theta_per_day,
    ];
    if series.iter().any(|s| s.len() != spots.len()) {
        return Err("the Greeks curve does not match the SPX grid".to_string());
    }

    let (width, _) = area.dim_in_pixel();
    let compact = width < 520;
    let font_px = if compact { 11 } else { 12 };
    let text_style = (FontFamily::SansSerif, font_px).into_font().color(&c.text);
    // Titles in the labels' font: one font per canvas means the browser never has to set
    // (and resolve against the page's styles) a font again once the chart is first drawn.
    let title_style = text_style.clone();
    let panels = if compact {
        area.split_evenly((4, 1))
    } else {
        area.split_evenly((2, 2))
    };
    let s0 = spots.get(report.curves.spot_index).copied();

    for (i, (panel, values)) in panels.iter().zip(series).enumerate() {
        let (y_lo, y_hi) = padded_range(values);
        let title = format!("{} at {}", GREEK_TITLES[i], g.label);
        let mut chart = ChartBuilder::on(panel)
            .margin(8)
            .caption(title, title_style.clone())
            .x_label_area_size(if compact { 20 } else { 34 })
            .y_label_area_size(if compact { 44 } else { 52 })
            .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)
            .map_err(err)?;
        let y_fmt = |v: &f64| short_tick(*v);
        let x_fmt = |v: &f64| format!("{v:.0}");
        let mut mesh = chart.configure_mesh();
        theme_mesh(&mut mesh, &c, &text_style)
            .x_labels(if compact { 4 } else { 5 })
            .y_labels(5)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt);
        if !compact {
            mesh.x_desc(GREEKS_X_LABEL);
        }
        mesh.draw().map_err(err)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x_lo, 0.0), (x_hi, 0.0)],
                c.axis.stroke_width(1),
            )))
            .map_err(err)?;
        if let Some(s0) = s0 {
            chart
                .draw_series(std::iter::once(DashedPathElement::new(
                    vec![(s0, y_lo), (s0, y_hi)],
                    4,
                    4,
                    c.axis.stroke_width(1),
                )))
                .map_err(err)?;
        }
        let pts: Vec<(f64, f64)> = spots
            .iter()
            .zip(values)
            .filter(|(s, v)| s.is_finite() && v.is_finite())
            .map(|(s, v)| (*s, *v))
            .collect();
        chart
            .draw_series(LineSeries::new(pts, c.palette[i].stroke_width(2)))
            .map_err(err)?;
    }
    area.present().map_err(err)?;
    Ok(())
}

/// Draws the fitted VIX futures curve (`market.curve_samples` of a Report, a line) against the
/// quoted futures `quotes` as (days to expiry, price in VIX points) circles.
pub fn draw_futures_curve<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    market: &crate::engine::report::MarketSummary,
    quotes: &[(f64, f64)],
    theme: ChartTheme,
) -> Result<(), String> {
    let c = colours(theme);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&c.background).map_err(err)?;
    let samples: Vec<(f64, f64)> = market
        .curve_samples
        .iter()
        .copied()
        .filter(|(d, p)| d.is_finite() && p.is_finite())
        .collect();
    let quotes: Vec<(f64, f64)> = quotes
        .iter()
        .copied()
        .filter(|(d, p)| d.is_finite() && p.is_finite())
        .collect();
    let all = samples.iter().chain(&quotes);
    let (mut x_hi, mut y_lo, mut y_hi) = (1.0_f64, f64::INFINITY, f64::NEG_INFINITY);
    for (d, p) in all {
        x_hi = x_hi.max(*d);
        y_lo = y_lo.min(*p);
        y_hi = y_hi.max(*p);
    }
    if !y_lo.is_finite() || !y_hi.is_finite() {
        return Err("the report has no futures curve to draw".to_string());
    }
    let pad = ((y_hi - y_lo) * 0.1).max(0.5);
    let (y_lo, y_hi) = ((y_lo - pad).max(0.0), y_hi + pad);

    let (width, _) = area.dim_in_pixel();
    let compact = width < 520;
    let font_px = if compact { 11 } else { 12 };
    let text_style = (FontFamily::SansSerif, font_px).into_font().color(&c.text);
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(if compact { 44 } else { 56 })
        .build_cartesian_2d(0.0..x_hi * 1.03, y_lo..y_hi)
        .map_err(err)?;
    let y_fmt = |v: &f64| format!("{v:.1}");
    let x_fmt = |v: &f64| format!("{v:.0}");
    theme_mesh(&mut chart.configure_mesh(), &c, &text_style)
        .x_desc(CURVE_X_LABEL)
        .y_desc(CURVE_Y_LABEL)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()
        .map_err(err)?;
    let (line, dot) = (c.palette[0], c.palette[1]);
    // The legend goes in the right-hand corner the curve's end does not reach: the bottom
    // one when the curve ends in the upper half (contango), else the top one.
    let legend_at_bottom = samples
        .last()
        .is_some_and(|&(_, p)| p > (y_lo + y_hi) / 2.0);
    chart
        .draw_series(LineSeries::new(samples, line.stroke_width(2)))
        .map_err(err)?;
    chart
        .draw_series(
            quotes
                .iter()
                .map(|&(d, p)| Circle::new((d, p), 4, dot.filled())),
        )
        .map_err(err)?;
    let plot = chart.plotting_area().strip_coord_spec();
    draw_curve_legend(&plot, &c, (font_px, legend_at_bottom), line, dot).map_err(err)?;
    area.present().map_err(err)?;
    Ok(())
}

/// The futures chart's legend, boxed in the plot's upper or (`at_bottom`) lower right corner,
/// clear of the curve's end: a line sample for the
/// fitted curve and a dot for the quotes. Drawn here rather than by plotters' series-label box,
/// which looks its default font family up by name (Unicode case tables in the bundle).
fn draw_curve_legend<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    c: &crate::draw::chart::Colours,
    (font_px, at_bottom): (u32, bool),
    line: RGBColor,
    dot: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    const LABELS: [&str; 2] = ["fitted curve", "quoted futures"];
    let (width, height) = plot.dim_in_pixel();
    let row_px = font_px as i32 + 8;
    // Text width estimated from the font size, as the P/L chart's legend does.
    let text_px = (LABELS[1].len() as f64 * f64::from(font_px) * 0.58) as i32;
    let (box_w, box_h) = (38 + text_px + 10, 2 * row_px + 8);
    let y0 = if at_bottom {
        (height as i32 - box_h - 8).max(8)
    } else {
        8
    };
    let x0 = width as i32 - box_w - 8;
    let corners = [(x0, y0), (x0 + box_w, y0 + box_h)];
    plot.draw(&Rectangle::new(corners, c.background.filled()))?;
    plot.draw(&Rectangle::new(corners, c.axis.stroke_width(1)))?;
    let text = (FontFamily::SansSerif, font_px)
        .into_font()
        .color(&c.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (i, label) in LABELS.into_iter().enumerate() {
        let y = y0 + 4 + row_px / 2 + i as i32 * row_px;
        if i == 0 {
            plot.draw(&PathElement::new(
                vec![(x0 + 10, y), (x0 + 30, y)],
                line.stroke_width(2),
            ))?;
        } else {
            plot.draw(&Circle::new((x0 + 20, y), 4, dot.filled()))?;
        }
        plot.draw(&Text::new(label, (x0 + 38, y), text.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;
    use crate::Config;

    fn config() -> Config {
        Config::defaults_for(Date::from_ymd(2026, 11, 24).expect("a valid date"))
    }

    fn report_of(c: &Config) -> Report {
        crate::evaluate(c).expect("the defaults evaluate")
    }

    fn greeks_svg(report: &Report, size: (u32, u32)) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            draw_greeks(area, report, ChartTheme::Light).expect("drawing succeeds");
        }
        svg
    }

    fn quotes(c: &Config) -> Vec<(f64, f64)> {
        c.market
            .futures
            .iter()
            .map(|f| (c.market.valuation_date.days_until(f.expiry) as f64, f.price))
            .collect()
    }

    #[test]
    fn greeks_svg_has_four_titled_panels() {
        let report = report_of(&config());
        let svg = greeks_svg(&report, (900, 560));
        assert!(svg.starts_with("<svg"));
        for title in GREEK_TITLES {
            assert!(svg.contains(title), "missing panel title {title}");
        }
        assert!(svg.contains(&report.greeks_curve.label));
        // One Greek line plus zero line per panel at least.
        assert!(svg.matches("<polyline").count() >= 4, "too few lines");
        assert!(svg.contains(GREEKS_X_LABEL));
    }

    #[test]
    fn greeks_chart_follows_the_slider_horizon() {
        let mut c = config();
        let t0 = greeks_svg(&report_of(&c), (900, 560));
        c.view.slider_days = Some(20);
        let report = report_of(&c);
        assert_eq!(report.greeks_curve.days, 20);
        let t20 = greeks_svg(&report, (900, 560));
        assert_ne!(t0, t20, "a later horizon draws different Greeks");
        assert!(t20.contains(&report.greeks_curve.label));
    }

    #[test]
    fn greeks_chart_stacks_on_narrow_widths_and_rejects_a_bad_grid() {
        let report = report_of(&config());
        let narrow = greeks_svg(&report, (360, 900));
        assert!(narrow.contains(GREEK_TITLES[3]));
        let mut broken = report.clone();
        broken.greeks_curve.delta_dollars.pop();
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
        assert!(draw_greeks(area, &broken, ChartTheme::Light).is_err());
    }

    #[test]
    fn futures_curve_draws_the_fit_and_every_quote() {
        let c = config();
        let report = report_of(&c);
        let q = quotes(&c);
        assert!(!q.is_empty());
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (700, 360)).into_drawing_area();
            draw_futures_curve(area, &report.market, &q, ChartTheme::Dark)
                .expect("drawing succeeds");
        }
        assert!(svg.contains(CURVE_X_LABEL) && svg.contains(CURVE_Y_LABEL));
        assert!(svg.contains("fitted curve") && svg.contains("quoted futures"));
        // One filled circle per quote plus the legend sample.
        assert!(svg.matches("<circle").count() > q.len(), "quotes not drawn");
    }

    #[test]
    fn futures_curve_without_data_is_an_error() {
        let mut report = report_of(&config());
        report.market.curve_samples.clear();
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
        assert!(draw_futures_curve(area, &report.market, &[], ChartTheme::Light).is_err());
    }
}
