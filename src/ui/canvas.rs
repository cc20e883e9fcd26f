//! The drawing backend every chart of the page uses: plotters-canvas's `CanvasBackend`, with
//! text measured by the canvas itself.
//!
//! plotters measures text on the web by appending a `<span>` to the page and reading its
//! `offsetHeight`, once per label; every read forces a layout of the whole page, which made a
//! chart redraw cost several milliseconds more than drawing it (the browser benchmark's
//! profile). `measureText` on the canvas's own 2D context needs no layout.

use leptos::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
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
    /// The context's current font, as both `draw_text` and `estimate_text_size` set it:
    /// setting the same font again costs a style parse, so it is skipped.
    font: std::cell::RefCell<String>,
}

/// The CSS font string plotters-canvas's `draw_text` sets for a text style.
fn css_font<S: BackendTextStyle>(style: &S) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        style.size(),
        style.family().as_str()
    )
}

impl Canvas2d {
    /// Wraps a canvas; None when the browser gives no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Canvas2d> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(Canvas2d {
            inner,
            context,
            font: std::cell::RefCell::new(String::new()),
        })
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
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let result = self.inner.draw_text(text, style, pos);
        // The inner backend has just set this font (unless it skipped a transparent text).
        if style.color().alpha != 0.0 {
            *self.font.borrow_mut() = css_font(style);
        }
        result
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
