//! The drawing backend every chart of the page uses: plotters-canvas's `CanvasBackend`, with
//! text measured by the canvas itself.
//!
//! plotters measures text on the web by appending a `<span>` to the page and reading its
//! `offsetHeight`, once per label; every read forces a layout of the whole page, which made a
//! chart redraw cost several milliseconds more than drawing it (the browser benchmark's
//! profile). `measureText` on the canvas's own 2D context needs no layout.
//!
//! It also draws lines, paths, filled circles and text itself, to make fewer calls into the
//! browser per redraw: shapes batched into one path per paint ([`Batch`]), styles and fonts
//! set only when they change, and the canvas's size (which resets its context) set only
//! when it changes, with the text settings carried from one redraw to the next.

use leptos::prelude::*;
use plotters_backend::{
    text_anchor::{HPos, VPos},
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// plotters-canvas's error type (not exported by name).
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

/// A `CanvasBackend` that measures text with `CanvasRenderingContext2d::measureText`.
pub struct Canvas2d {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    canvas: HtmlCanvasElement,
    /// The context's current font, as both `draw_text` and `estimate_text_size` set it:
    /// setting the same font again costs a style parse, so it is skipped.
    font: std::cell::RefCell<String>,
    /// The context's current text baseline and alignment, skipped when unchanged likewise.
    text_state: std::cell::RefCell<TextState>,
    /// The stroke colour and width this wrapper last set (None: unknown, e.g. after the
    /// inner backend drew a shape with its own style).
    stroke: Option<(Paint, u32)>,
    /// The fill colour this wrapper last set, likewise.
    fill: Option<Paint>,
    /// The path begun and not yet painted.
    open: Batch,
}

/// How a shape of some colour is drawn.
enum Route {
    /// Fully transparent: nothing to draw (as plotters-canvas).
    Skip,
    /// Translucent: by plotters-canvas, alone (shapes painted over each other blend).
    Inner,
    /// Opaque: into the open path of its paint.
    Batch(Paint),
}

impl Route {
    fn of(color: BackendColor) -> Route {
        if color.alpha == 0.0 {
            Route::Skip
        } else if color.alpha < 1.0 {
            Route::Inner
        } else {
            Route::Batch(Paint::of(color))
        }
    }
}

/// A colour as the context takes it.
#[derive(Clone, Copy, PartialEq)]
struct Paint {
    rgb: (u8, u8, u8),
    alpha: f64,
}

impl Paint {
    fn of(color: BackendColor) -> Paint {
        Paint {
            rgb: color.rgb,
            alpha: color.alpha,
        }
    }

    /// The CSS colour plotters-canvas sets for it.
    fn css(self) -> String {
        let (r, g, b) = self.rgb;
        format!("rgba({r},{g},{b},{})", self.alpha)
    }
}

/// Shapes drawn into one path and painted once. A chart is hundreds of small shapes: the
/// mesh's lines, a dashed curve's dashes, a dotted curve's dots; painting each alone (with
/// its style strings crossing into JavaScript) was most of the charts' drawing time in the
/// browser profile of a strike edit. Consecutive opaque shapes with the same paint go into
/// one path (each shape its own subpath), painted before anything else is drawn, so the
/// order is kept. Opaque paint over itself looks the same painted once or twice; only the
/// anti-aliasing of a many-subpath path differs slightly (default P/L chart at 817 px: the
/// mesh alone is pixel-identical; with dashes and dots batched, 0.6% of the pixels differ,
/// by at most 34/255 in a channel, all on curve edges). Translucent shapes are not batched.
#[derive(Clone, Copy, PartialEq)]
enum Batch {
    None,
    /// Lines and paths: colour and line width.
    Stroke(Paint, u32),
    /// Filled circles.
    Fill(Paint),
}

/// Text settings of the 2D context that only `draw_text` changes ("" before the first).
#[derive(Default)]
struct TextState {
    baseline: &'static str,
    align: &'static str,
}

/// A JavaScript exception from drawing text as a plotters error (plotters-canvas's own
/// error type cannot be built outside it).
fn canvas_error(e: wasm_bindgen::JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::FontError(Box::new(TextError(format!("{e:?}"))))
}

/// The message of a failed text drawing call.
#[derive(Debug)]
struct TextError(String);

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "drawing text failed: {}", self.0)
    }
}

impl std::error::Error for TextError {}

/// The CSS font string plotters-canvas's `draw_text` sets for a text style.
fn css_font<S: BackendTextStyle>(style: &S) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        style.size(),
        style.family().as_str()
    )
}

/// Property of the canvas element (a plain JavaScript expando, not an attribute) holding the
/// text settings the last drawing left in the context: "font|baseline|align".
const TEXT_STATE_KEY: &str = "__alvhTextState";

impl Canvas2d {
    /// Wraps a canvas; None when the browser gives no 2D context. With `keep_state` (the
    /// canvas was not resized since the last drawing, so its context kept its settings) the
    /// canvas is cleared and the text settings that drawing left are taken as current: the
    /// first `font` set of a redraw makes Chromium recompute the page's styles first, which
    /// the browser profile showed as ~0.5 ms per chart redraw.
    pub fn new(canvas: HtmlCanvasElement, keep_state: bool) -> Option<Canvas2d> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let mut font = String::new();
        let mut text_state = TextState::default();
        if keep_state {
            let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
            context.clear_rect(0.0, 0.0, w, h);
            let saved = js_sys::Reflect::get(&canvas, &TEXT_STATE_KEY.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let mut parts = saved.split('|');
            if let (Some(f), Some(b), Some(a)) = (parts.next(), parts.next(), parts.next()) {
                font = f.to_string();
                text_state.baseline = known(b, &["top", "middle", "bottom"]);
                text_state.align = known(a, &["start", "end", "center"]);
            }
        }
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(Canvas2d {
            inner,
            context,
            canvas,
            font: std::cell::RefCell::new(font),
            text_state: std::cell::RefCell::new(text_state),
            stroke: None,
            fill: None,
            open: Batch::None,
        })
    }

    /// Continues the open path if it has the paint `batch`, else paints it and begins one.
    fn batch(&mut self, batch: Batch) {
        if self.open == batch {
            return;
        }
        self.flush_lines();
        match batch {
            Batch::Stroke(paint, width) if self.stroke != Some((paint, width)) => {
                self.context.set_stroke_style_str(&paint.css());
                self.context.set_line_width(f64::from(width));
                self.stroke = Some((paint, width));
            }
            Batch::Fill(paint) if self.fill != Some(paint) => {
                self.context.set_fill_style_str(&paint.css());
                self.fill = Some(paint);
            }
            _ => {}
        }
        self.context.begin_path();
        self.open = batch;
    }

    /// Adds a polyline (a subpath) to the open stroke path of `paint` and `width`.
    fn batch_polyline(
        &mut self,
        paint: Paint,
        width: u32,
        points: impl IntoIterator<Item = (f64, f64)>,
    ) {
        let mut points = points.into_iter();
        let Some((x, y)) = points.next() else {
            return;
        };
        self.batch(Batch::Stroke(paint, width));
        self.context.move_to(x, y);
        for (x, y) in points {
            self.context.line_to(x, y);
        }
    }

    /// Paints the open path, if any.
    fn flush_lines(&mut self) {
        match std::mem::replace(&mut self.open, Batch::None) {
            Batch::None => {}
            Batch::Stroke(..) => self.context.stroke(),
            Batch::Fill(_) => self.context.fill(),
        }
    }

    /// Before a shape the inner backend draws: the open path first, and the styles are
    /// unknown afterwards.
    fn before_inner(&mut self) {
        self.flush_lines();
        self.stroke = None;
        self.fill = None;
    }
}

/// `value` as one of `names` ("" when it is none of them).
fn known(value: &str, names: &[&'static str]) -> &'static str {
    names.iter().copied().find(|n| *n == value).unwrap_or("")
}

impl Drop for Canvas2d {
    /// Paints the open path and leaves the context's text settings on the canvas for the
    /// next drawing.
    fn drop(&mut self) {
        self.flush_lines();
        let t = self.text_state.borrow();
        let saved = format!("{}|{}|{}", self.font.borrow(), t.baseline, t.align);
        let _ = js_sys::Reflect::set(&self.canvas, &TEXT_STATE_KEY.into(), &saved.into());
    }
}

impl DrawingBackend for Canvas2d {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.flush_lines();
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.before_inner();
        self.inner.draw_pixel(point, color)
    }

    /// As plotters-canvas's `draw_line` (same half-pixel shift of horizontal and vertical
    /// lines, so they are crisp), batched: see [`Batch`].
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        match Route::of(style.color()) {
            Route::Skip => Ok(()),
            Route::Inner => {
                self.before_inner();
                self.inner.draw_line(from, to, style)
            }
            Route::Batch(paint) => {
                let shift = |a: i32, b: i32| if a == b { -0.5 } else { 0.0 };
                let (dx, dy) = (shift(from.0, to.0), shift(from.1, to.1));
                let at = |p: BackendCoord| (f64::from(p.0) + dx, f64::from(p.1) + dy);
                self.batch_polyline(paint, style.stroke_width(), [at(from), at(to)]);
                Ok(())
            }
        }
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.before_inner();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    /// As plotters-canvas's `draw_path`, batched: see [`Batch`] (a dashed curve is one path
    /// per dash).
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        match Route::of(style.color()) {
            Route::Skip => Ok(()),
            Route::Inner => {
                self.before_inner();
                self.inner.draw_path(path, style)
            }
            Route::Batch(paint) => {
                let points = path.into_iter().map(|p| (f64::from(p.0), f64::from(p.1)));
                self.batch_polyline(paint, style.stroke_width(), points);
                Ok(())
            }
        }
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.before_inner();
        self.inner.fill_polygon(vert, style)
    }

    /// As plotters-canvas's `draw_circle`; filled opaque circles are batched (see
    /// [`Batch`]: a dotted curve is one circle per dot).
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        match Route::of(style.color()) {
            Route::Skip => Ok(()),
            Route::Batch(paint) if fill => {
                self.batch(Batch::Fill(paint));
                let (x, y) = (f64::from(center.0), f64::from(center.1));
                let r = f64::from(radius);
                self.context.move_to(x + r, y);
                self.context
                    .arc(x, y, r, 0.0, std::f64::consts::TAU)
                    .map_err(canvas_error)
            }
            _ => {
                self.before_inner();
                self.inner.draw_circle(center, radius, style, fill)
            }
        }
    }

    /// As plotters-canvas's `draw_text` (same anchor, colour, font and rotation), but the
    /// font, alignment and baseline are set only when they differ from the context's current
    /// ones: setting `font` parses a CSS font string each time, and a chart draws dozens of
    /// labels in two or three fonts (the browser profile of a strike edit spent ~0.9 ms of
    /// its ~14 ms in `font` setters).
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.flush_lines();
        let turn = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.5,
            FontTransform::Rotate180 => 1.0,
            FontTransform::Rotate270 => 1.5,
        } * std::f64::consts::PI;
        let ctx = &self.context;
        let (x, y) = if turn != 0.0 {
            // Drawn inside save/restore, which puts the cached state back afterwards.
            ctx.save();
            ctx.translate(f64::from(pos.0), f64::from(pos.1))
                .map_err(canvas_error)?;
            ctx.rotate(turn).map_err(canvas_error)?;
            (0.0, 0.0)
        } else {
            (f64::from(pos.0), f64::from(pos.1))
        };
        let anchor = style.anchor();
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        let font = css_font(style);
        {
            let mut cache = self.text_state.borrow_mut();
            // Inside save/restore (rotated text) the context starts from the cached settings
            // and returns to them, so the cache is compared with but not updated.
            if cache.baseline != baseline {
                ctx.set_text_baseline(baseline);
            }
            if cache.align != align {
                ctx.set_text_align(align);
            }
            if *self.font.borrow() != font {
                ctx.set_font(&font);
            }
            if turn == 0.0 {
                cache.baseline = baseline;
                cache.align = align;
                *self.font.borrow_mut() = font;
            }
        }
        let paint = Paint::of(color);
        if self.fill != Some(paint) {
            ctx.set_fill_style_str(&paint.css());
            if turn == 0.0 {
                self.fill = Some(paint);
            }
        }
        let drawn = ctx.fill_text(text, x, y).map_err(canvas_error);
        if turn != 0.0 {
            ctx.restore();
        }
        drawn
    }

    /// Width from `measureText` in the font `draw_text` uses; height 1.2 x the font size (the
    /// line box plotters' own measurement returned).
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let font = css_font(style);
        if *self.font.borrow() != font {
            self.context.set_font(&font);
            *self.font.borrow_mut() = font;
        }
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(style.size() * 0.6 * text.chars().count() as f64);
        Ok((
            width.ceil().max(0.0) as u32,
            (style.size() * 1.2).ceil() as u32,
        ))
    }
}

/// The CSS width of a canvas in whole pixels, kept up to date by a `ResizeObserver` (0 while
/// the canvas is not laid out, e.g. inside a closed panel). Charts read this signal instead of
/// `clientWidth`, which would force a layout of the page on every redraw; a change of width
/// also triggers the redraw, so no window `resize` listener is needed.
pub fn observe_width(canvas: NodeRef<leptos::html::Canvas>) -> ReadSignal<u32> {
    let (width, set_width) = signal(0u32);
    let observer = StoredValue::new_local(
        None::<(web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)>,
    );
    Effect::new(move |_| {
        let Some(element) = canvas.get() else {
            return;
        };
        if observer.with_value(|o| o.is_some()) {
            return;
        }
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                let w = entry.content_rect().width().round().max(0.0) as u32;
                if w != width.get_untracked() {
                    set_width.set(w);
                }
            }
        });
        match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            Ok(obs) => {
                obs.observe(&element);
                observer.set_value(Some((obs, callback)));
            }
            // No ResizeObserver (very old browser): measure once.
            Err(_) => set_width.set(u32::try_from(element.client_width()).unwrap_or(0)),
        }
    });
    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some((obs, _callback)) = o.take() {
                obs.disconnect();
            }
        })
    });
    width
}

/// Whether a canvas is on screen or within 300 px of it, kept up to date by an
/// `IntersectionObserver` (true until the first report, and always without the observer).
/// A chart below the fold is not redrawn on every edit; it is drawn with the latest report
/// as it comes near the screen (the Greeks chart cost ~0.7 ms of script per strike edit
/// while nobody could see it).
pub fn observe_near_screen(canvas: NodeRef<leptos::html::Canvas>) -> ReadSignal<bool> {
    let (near, set_near) = signal(true);
    let observer = StoredValue::new_local(
        None::<(
            web_sys::IntersectionObserver,
            Closure<dyn FnMut(js_sys::Array)>,
        )>,
    );
    Effect::new(move |_| {
        let Some(element) = canvas.get() else {
            return;
        };
        if observer.with_value(|o| o.is_some()) {
            return;
        }
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the newest state of the one observed element.
            let last = entries.length().checked_sub(1).map(|i| entries.get(i));
            if let Some(Ok(entry)) =
                last.map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>())
            {
                let is_near = entry.is_intersecting();
                if is_near != near.get_untracked() {
                    set_near.set(is_near);
                }
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("300px");
        if let Ok(obs) = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &options,
        ) {
            obs.observe(&element);
            observer.set_value(Some((obs, callback)));
        }
    });
    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some((obs, _callback)) = o.take() {
                obs.disconnect();
            }
        })
    });
    near
}
