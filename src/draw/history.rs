//! The History view's charts, on any plotters backend (canvas in the page, SVG in tests):
//! an episode replay (condor, hedge and combined P/L by trading day over the SPX path) and the
//! calibration scatter (SPX log return against VIX log ratio, with the link's curves and the
//! history's conditional bands). Pixels only: every value comes from `crate::history`.
//!
//! Line encoding as on the P/L chart: condor dashed, hedge dotted, combined solid.

use super::chart::{colours, dollars_tick, theme_mesh, ChartTheme};
use crate::history::calibrate::BucketBand;
use crate::history::replay::Replay;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Replay chart's y caption (upper panel).
pub const REPLAY_Y_LABEL: &str = "P/L since entry ($)";
/// Replay chart's y caption (lower panel).
pub const SPX_Y_LABEL: &str = "SPX close (points)";
/// Calibration chart's x caption.
pub const CALIBRATION_X_LABEL: &str = "SPX log return over the window (%)";
/// Calibration chart's y caption.
pub const CALIBRATION_Y_LABEL: &str = "VIX log ratio over the window (%)";

fn finite_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    (lo <= hi).then(|| {
        let pad = ((hi - lo) * 0.06).max(1e-9 + hi.abs().max(lo.abs()) * 0.01);
        (lo - pad, hi + pad)
    })
}

/// Draws a replay: P/L lines by trading day (upper 70%) and the SPX closes (lower 30%), with
/// the worst day and the first day the hedge pays marked.
pub fn draw_replay<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    replay: &Replay,
    theme: ChartTheme,
) -> Result<(), String> {
    let c = colours(theme);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&c.background).map_err(err)?;
    let rows = &replay.rows;
    if rows.len() < 2 {
        return Err("the replay has fewer than two days to draw".to_string());
    }
    let last = (rows.len() - 1) as f64;
    let pnl = rows
        .iter()
        .flat_map(|r| [r.condor, r.hedge, r.combined, 0.0]);
    let (y_lo, y_hi) = finite_range(pnl).ok_or("the replay has no finite P/L")?;
    let (s_lo, s_hi) =
        finite_range(rows.iter().map(|r| r.spx)).ok_or("the replay has no finite SPX close")?;

    let (width, height) = area.dim_in_pixel();
    let compact = width < 520;
    let font_px = if compact { 11 } else { 12 };
    let text = (FontFamily::SansSerif, font_px).into_font().color(&c.text);
    let (top, bottom) = area.split_vertically(height * 7 / 10);
    let date_at = |v: &f64| {
        let i = v.round().clamp(0.0, last) as usize;
        rows[i].date.to_string()
    };
    let y_label_px = if compact { 48 } else { 62 };

    let mut chart = ChartBuilder::on(&top)
        .margin(10)
        .x_label_area_size(10)
        .y_label_area_size(y_label_px)
        .build_cartesian_2d(0.0..last, y_lo..y_hi)
        .map_err(err)?;
    let y_fmt = |v: &f64| dollars_tick(*v);
    theme_mesh(&mut chart.configure_mesh(), &c, &text)
        .y_desc(REPLAY_Y_LABEL)
        .x_labels(0)
        .y_labels(7)
        .y_label_formatter(&y_fmt)
        .draw()
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (last, 0.0)],
            c.axis.stroke_width(1),
        )))
        .map_err(err)?;
    let series = |f: fn(&crate::history::replay::ReplayRow) -> f64| -> Vec<(f64, f64)> {
        rows.iter()
            .enumerate()
            .map(|(i, r)| (i as f64, f(r)))
            .filter(|(_, y)| y.is_finite())
            .collect()
    };
    let (condor, hedge, combined) = (c.palette[0], c.palette[1], c.palette[2]);
    chart
        .draw_series(DashedLineSeries::new(
            series(|r| r.condor),
            7,
            5,
            condor.stroke_width(2),
        ))
        .map_err(err)?;
    chart
        .draw_series(DottedLineSeries::new(series(|r| r.hedge), 0, 5, move |p| {
            Circle::new(p, 1, hedge.filled())
        }))
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new(
            series(|r| r.combined),
            combined.stroke_width(2),
        ))
        .map_err(err)?;
    if let Some((date, value)) = replay.worst_day {
        if let Some(i) = rows.iter().position(|r| r.date == date) {
            chart
                .draw_series(std::iter::once(Circle::new(
                    (i as f64, value),
                    5,
                    combined.stroke_width(2),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    format!("worst {date}"),
                    (i as f64, value),
                    text.clone().pos(Pos::new(
                        if (i as f64) < last / 2.0 {
                            HPos::Left
                        } else {
                            HPos::Right
                        },
                        VPos::Top,
                    )),
                )))
                .map_err(err)?;
        }
    }
    if let Some(date) = replay.hedge_first_pays {
        if let Some(i) = rows.iter().position(|r| r.date == date) {
            chart
                .draw_series(std::iter::once(DashedPathElement::new(
                    vec![(i as f64, y_lo), (i as f64, y_hi)],
                    3,
                    4,
                    hedge.stroke_width(1),
                )))
                .map_err(err)?;
        }
    }
    let plot = chart.plotting_area().strip_coord_spec();
    draw_legend(
        &plot,
        &c.background,
        &c.axis,
        &c.text,
        font_px,
        &[
            ("condor", condor, Stroke::Dashed),
            ("hedge", hedge, Stroke::Dotted),
            ("combined", combined, Stroke::Solid),
        ],
    )
    .map_err(err)?;

    let mut spx = ChartBuilder::on(&bottom)
        .margin(10)
        .x_label_area_size(if compact { 30 } else { 34 })
        .y_label_area_size(y_label_px)
        .build_cartesian_2d(0.0..last, s_lo..s_hi)
        .map_err(err)?;
    let s_fmt = |v: &f64| format!("{v:.0}");
    theme_mesh(&mut spx.configure_mesh(), &c, &text)
        .y_desc(SPX_Y_LABEL)
        .x_labels(if compact { 3 } else { 6 })
        .y_labels(3)
        .x_label_formatter(&date_at)
        .y_label_formatter(&s_fmt)
        .draw()
        .map_err(err)?;
    spx.draw_series(LineSeries::new(series(|r| r.spx), c.text.stroke_width(1)))
        .map_err(err)?;
    area.present().map_err(err)?;
    Ok(())
}

/// How a legend sample is drawn.
#[derive(Clone, Copy)]
enum Stroke {
    Solid,
    Dashed,
    Dotted,
    Dots,
}

/// A boxed legend in the plot's upper right corner (drawn by hand, as the futures chart's).
fn draw_legend<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    background: &RGBColor,
    frame: &RGBColor,
    text_colour: &RGBColor,
    font_px: u32,
    entries: &[(&str, RGBColor, Stroke)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width, _) = plot.dim_in_pixel();
    let row_px = font_px as i32 + 8;
    let longest = entries.iter().map(|e| e.0.len()).max().unwrap_or(0);
    let text_px = (longest as f64 * f64::from(font_px) * 0.58) as i32;
    let (box_w, box_h) = (38 + text_px + 10, entries.len() as i32 * row_px + 8);
    let (x0, y0) = (width as i32 - box_w - 8, 8);
    let corners = [(x0, y0), (x0 + box_w, y0 + box_h)];
    plot.draw(&Rectangle::new(corners, background.filled()))?;
    plot.draw(&Rectangle::new(corners, frame.stroke_width(1)))?;
    let style = (FontFamily::SansSerif, font_px)
        .into_font()
        .color(text_colour)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, colour, stroke)) in entries.iter().enumerate() {
        let y = y0 + 4 + row_px / 2 + i as i32 * row_px;
        match stroke {
            Stroke::Solid => plot.draw(&PathElement::new(
                vec![(x0 + 10, y), (x0 + 30, y)],
                colour.stroke_width(2),
            ))?,
            Stroke::Dashed => plot.draw(&DashedPathElement::new(
                vec![(x0 + 10, y), (x0 + 30, y)],
                5,
                3,
                colour.stroke_width(2),
            ))?,
            Stroke::Dotted => {
                for x in [x0 + 11, x0 + 17, x0 + 23, x0 + 29] {
                    plot.draw(&Circle::new((x, y), 1, colour.filled()))?;
                }
            }
            Stroke::Dots => plot.draw(&Circle::new((x0 + 20, y), 3, colour.filled()))?,
        }
        plot.draw(&Text::new(*label, (x0 + 38, y), style.clone()))?;
    }
    Ok(())
}

/// What the calibration chart draws. Log values are drawn in percent (x 100).
pub struct CalibrationPlot<'a> {
    /// (SPX log return, VIX log ratio) of every window.
    pub points: &'a [(f64, f64)],
    /// The link at the configuration's parameters, sampled over the returns.
    pub current: &'a [(f64, f64)],
    /// The least-squares fit's link, if there is a fit.
    pub fitted: Option<&'a [(f64, f64)]>,
    /// The conditional bands of one starting VIX level.
    pub bands: &'a [BucketBand],
    /// Page colours.
    pub theme: ChartTheme,
}

/// Draws the calibration scatter with the two link curves and the bands (median dot and
/// 10-90% bar per return bucket).
pub fn draw_calibration<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    plot: &CalibrationPlot,
) -> Result<(), String> {
    let c = colours(plot.theme);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&c.background).map_err(err)?;
    let pct = |(x, y): (f64, f64)| (x * 100.0, y * 100.0);
    let (x_lo, x_hi) = finite_range(plot.points.iter().map(|p| p.0 * 100.0))
        .ok_or("no windows to draw: the series is shorter than the horizon")?;
    let (y_lo, y_hi) = finite_range(plot.points.iter().map(|p| p.1 * 100.0))
        .ok_or("no windows to draw: the series is shorter than the horizon")?;
    let (width, _) = area.dim_in_pixel();
    let compact = width < 520;
    let font_px = if compact { 11 } else { 12 };
    let text = (FontFamily::SansSerif, font_px).into_font().color(&c.text);
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .x_label_area_size(if compact { 34 } else { 40 })
        .y_label_area_size(if compact { 44 } else { 56 })
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)
        .map_err(err)?;
    let fmt = |v: &f64| format!("{v:.0}");
    theme_mesh(&mut chart.configure_mesh(), &c, &text)
        .x_desc(CALIBRATION_X_LABEL)
        .y_desc(CALIBRATION_Y_LABEL)
        .x_labels(if compact { 5 } else { 9 })
        .y_labels(7)
        .x_label_formatter(&fmt)
        .y_label_formatter(&fmt)
        .draw()
        .map_err(err)?;
    // The windows: small opaque dots (one batched path on the page's canvas), in the grid's
    // colour darkened so that 9,000 of them read as a cloud under the curves.
    let dot = RGBColor(
        c.grid.0.saturating_sub(60).max(c.grid.0 / 2),
        c.grid.1.saturating_sub(60).max(c.grid.1 / 2),
        c.grid.2.saturating_sub(50).max(c.grid.2 / 2),
    );
    let dot = if plot.theme == ChartTheme::Dark {
        RGBColor(100, 106, 118)
    } else {
        dot
    };
    chart
        .draw_series(
            plot.points
                .iter()
                .map(|&p| pct(p))
                .filter(|(x, y)| x.is_finite() && y.is_finite())
                .map(|p| Circle::new(p, 1, dot.filled())),
        )
        .map_err(err)?;
    let band = c.palette[2];
    for b in plot.bands {
        let x = 50.0 * (b.return_range.0 + b.return_range.1);
        let (p10, med, p90) = (
            b.log_ratio.p10 * 100.0,
            b.log_ratio.median * 100.0,
            b.log_ratio.p90 * 100.0,
        );
        if !(x.is_finite() && p10.is_finite() && p90.is_finite()) {
            continue;
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x, p10), (x, p90)],
                band.stroke_width(2),
            )))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Circle::new((x, med), 3, band.filled())))
            .map_err(err)?;
    }
    let (current, fitted) = (c.palette[0], c.palette[1]);
    chart
        .draw_series(LineSeries::new(
            plot.current.iter().map(|&p| pct(p)),
            current.stroke_width(2),
        ))
        .map_err(err)?;
    if let Some(f) = plot.fitted {
        chart
            .draw_series(DashedLineSeries::new(
                f.iter().map(|&p| pct(p)),
                7,
                5,
                fitted.stroke_width(2),
            ))
            .map_err(err)?;
    }
    let area_plot = chart.plotting_area().strip_coord_spec();
    let mut entries = vec![("link now", current, Stroke::Solid)];
    if plot.fitted.is_some() {
        entries.push(("least-squares fit", fitted, Stroke::Dashed));
    }
    entries.push(("history median, 10-90%", band, Stroke::Dots));
    draw_legend(
        &area_plot,
        &c.background,
        &c.axis,
        &c.text,
        font_px,
        &entries,
    )
    .map_err(err)?;
    area.present().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;
    use crate::history::calibrate::LinkParams;
    use crate::history::views;
    use crate::Config;

    fn rows() -> Vec<crate::history::DailyClose> {
        crate::history::parse_history_csv(include_str!("../../assets/history/spx_vix_daily.csv"))
            .expect("parses")
    }

    fn config() -> Config {
        Config::defaults_for(Date::from_ymd(2026, 11, 24).expect("date"))
    }

    #[test]
    fn the_replay_chart_draws_three_lines_the_spx_path_and_its_labels() {
        let r = views::replay_for(&rows(), &config(), Some("2020-03"), None, None).expect("replay");
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 480)).into_drawing_area();
            draw_replay(area, &r, ChartTheme::Light).expect("draws");
        }
        assert!(svg.contains(REPLAY_Y_LABEL) && svg.contains(SPX_Y_LABEL));
        assert!(svg.contains("2020-02-19"), "dates on the x axis");
        assert!(svg.contains("combined") && svg.contains("worst "));
        assert!(svg.matches("<polyline").count() >= 3);
        let mut short = r.clone();
        short.rows.truncate(1);
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
        assert!(draw_replay(area, &short, ChartTheme::Dark).is_err());
    }

    #[test]
    fn the_calibration_chart_draws_every_window() {
        let rows = rows();
        let p = LinkParams::of_config(&config());
        let cal = views::calibration(&rows, 21, &p, (12.0, 20.0));
        let points: Vec<(f64, f64)> = cal
            .pairs
            .iter()
            .map(|q| (q.spx_log_return, q.vix_log_ratio))
            .collect();
        let curve = views::link_curve(&p, 16.0, -0.3, 0.2, 50);
        let bands: Vec<BucketBand> = cal
            .bands
            .iter()
            .filter(|b| b.vix_range.0 == 12.0)
            .cloned()
            .collect();
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (700, 420)).into_drawing_area();
            let plot = CalibrationPlot {
                points: &points,
                current: &curve,
                fitted: Some(&curve),
                bands: &bands,
                theme: ChartTheme::Light,
            };
            draw_calibration(area, &plot).expect("draws");
        }
        assert!(svg.contains(CALIBRATION_X_LABEL) && svg.contains("least-squares fit"));
        assert!(svg.matches("<circle").count() >= points.len() + bands.len());
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
        let empty = CalibrationPlot {
            points: &[],
            current: &curve,
            fitted: None,
            bands: &[],
            theme: ChartTheme::Dark,
        };
        assert!(draw_calibration(area, &empty).is_err());
    }
}
