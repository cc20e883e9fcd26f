//! The History backtest's equity chart: cumulative P/L of the program without the hedge
//! (condor only, dashed) and with it (combined, solid) against the date, from a backtest's
//! daily series ([`crate::history::backtest::Backtest::daily`]). Same theme, fonts and mesh as the P/L chart; no financial
//! arithmetic beyond the running sum of the daily P/L the backtest already computed.

use super::chart::{colours, theme_mesh, ChartTheme};
use crate::calendar::Date;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// X axis caption.
pub const EQUITY_X_LABEL: &str = "Date (year)";
/// Y axis caption.
pub const EQUITY_Y_LABEL: &str = "Cumulative P/L ($)";

/// A date as a fractional year (1990.5 is about 1 July 1990), for the x axis.
pub fn fractional_year(d: Date) -> f64 {
    let start = Date::from_ymd_clamped(d.year(), 1, 1);
    let next = Date::from_ymd_clamped(d.year() + 1, 1, 1);
    d.year() as f64 + start.days_until(d) as f64 / start.days_until(next) as f64
}

/// A curve's points: (fractional year, cumulative P/L $).
pub type EquityPoints = Vec<(f64, f64)>;

/// The two equity curves as (fractional year, cumulative $): condor only, and combined.
pub fn equity_curves(daily: &[(Date, f64, f64)]) -> (EquityPoints, EquityPoints) {
    let (mut c, mut comb) = (0.0, 0.0);
    daily
        .iter()
        .map(|&(d, dc, dcomb)| {
            c += dc;
            comb += dcomb;
            let x = fractional_year(d);
            ((x, c), (x, comb))
        })
        .unzip()
}

/// Draws the equity curves of the daily series `daily` (date, condor-only $, combined $) on
/// `area`. Errors (as text) when there is nothing to draw.
pub fn draw_equity<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    daily: &[(Date, f64, f64)],
    theme: ChartTheme,
) -> Result<(), String> {
    let c = colours(theme);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&c.background).map_err(err)?;
    let (condor, combined) = equity_curves(daily);
    let all = || condor.iter().chain(&combined).filter(|p| p.1.is_finite());
    let (mut x_lo, mut x_hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut y_lo, mut y_hi) = (0.0_f64, 0.0_f64);
    for &(x, y) in all() {
        x_lo = x_lo.min(x);
        x_hi = x_hi.max(x);
        y_lo = y_lo.min(y);
        y_hi = y_hi.max(y);
    }
    if !x_lo.is_finite() {
        return Err("the backtest has no days to draw".to_string());
    }
    let x_hi = x_hi.max(x_lo + 1.0 / 12.0);
    let pad = ((y_hi - y_lo) * 0.06).max(1.0);
    let (y_lo, y_hi) = (y_lo - pad, y_hi + pad);

    let (width, _) = area.dim_in_pixel();
    let compact = width < 520;
    let font_px = if compact { 11 } else { 12 };
    let text_style = (FontFamily::SansSerif, font_px).into_font().color(&c.text);
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(if compact { 56 } else { 72 })
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)
        .map_err(err)?;
    let x_fmt = |v: &f64| format!("{:.0}", v.floor());
    let y_fmt = |v: &f64| {
        if v.abs() >= 1e6 {
            format!("{:.1}M", v / 1e6)
        } else if v.abs() >= 1e3 {
            format!("{:.0}k", v / 1e3)
        } else {
            format!("{v:.0}")
        }
    };
    theme_mesh(&mut chart.configure_mesh(), &c, &text_style)
        .x_desc(EQUITY_X_LABEL)
        .y_desc(EQUITY_Y_LABEL)
        .x_labels(if compact { 5 } else { 8 })
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new(
            [(x_lo, 0.0), (x_hi, 0.0)],
            c.axis.stroke_width(1),
        ))
        .map_err(err)?;
    let (with_hedge, without) = (c.palette[0], c.palette[1]);
    chart
        .draw_series(std::iter::once(DashedPathElement::new(
            condor,
            6,
            4,
            without.stroke_width(2),
        )))
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new(combined, with_hedge.stroke_width(2)))
        .map_err(err)?;
    let plot = chart.plotting_area().strip_coord_spec();
    legend(&plot, &c, font_px, with_hedge, without).map_err(err)?;
    area.present().map_err(err)?;
    Ok(())
}

/// Legend boxed in the plot's upper left corner: solid = with the hedge, dashed = condor only.
fn legend<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    c: &super::chart::Colours,
    font_px: u32,
    with_hedge: RGBColor,
    without: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    const LABELS: [&str; 2] = ["with the hedge", "condor only (no hedge)"];
    let row_px = font_px as i32 + 8;
    let text_px = (LABELS[1].len() as f64 * f64::from(font_px) * 0.58) as i32;
    let (box_w, box_h) = (38 + text_px + 10, 2 * row_px + 8);
    let (x0, y0) = (8, 8);
    let corners = [(x0, y0), (x0 + box_w, y0 + box_h)];
    plot.draw(&Rectangle::new(corners, c.background.filled()))?;
    plot.draw(&Rectangle::new(corners, c.axis.stroke_width(1)))?;
    let text = (FontFamily::SansSerif, font_px)
        .into_font()
        .color(&c.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (i, label) in LABELS.into_iter().enumerate() {
        let y = y0 + 4 + row_px / 2 + i as i32 * row_px;
        let sample = vec![(x0 + 10, y), (x0 + 30, y)];
        if i == 0 {
            plot.draw(&PathElement::new(sample, with_hedge.stroke_width(2)))?;
        } else {
            plot.draw(&DashedPathElement::new(
                sample,
                6,
                4,
                without.stroke_width(2),
            ))?;
        }
        plot.draw(&Text::new(label, (x0 + 38, y), text.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curves_are_running_sums_on_fractional_years() {
        let d = Date::from_ymd(2020, 7, 2).unwrap();
        assert!((fractional_year(d) - 2020.5).abs() < 0.003);
        let (c, comb) = equity_curves(&[(d, 10.0, 5.0), (d.add_days(1), -4.0, 20.0)]);
        assert_eq!(c.iter().map(|p| p.1).collect::<Vec<_>>(), vec![10.0, 6.0]);
        assert_eq!(
            comb.iter().map(|p| p.1).collect::<Vec<_>>(),
            vec![5.0, 25.0]
        );
    }

    #[test]
    fn draws_to_svg_with_its_captions_and_refuses_an_empty_series() {
        let d = Date::from_ymd(2008, 1, 2).unwrap();
        let daily: Vec<_> = (0..300).map(|i| (d.add_days(i), 3.0, 2.0)).collect();
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
            draw_equity(area, &daily, ChartTheme::Light).unwrap();
        }
        assert!(svg.contains(EQUITY_Y_LABEL) && svg.contains("with the hedge"));
        assert!(svg.contains("2008"), "year ticks");
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
        assert!(draw_equity(area, &[], ChartTheme::Light).is_err());
    }
}
