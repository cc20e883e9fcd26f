//! Browser glue for downloads: text through a Blob and an object URL, a canvas as PNG, both
//! saved by clicking a temporary `<a download>`. Failures come back as text, never a panic.

use wasm_bindgen::{JsCast, JsValue};

fn js_error(context: &str, e: JsValue) -> String {
    let detail = e
        .as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_default();
    format!("{context} failed {detail}").trim_end().to_string()
}

/// Clicks a temporary, hidden `<a href=url download=file_name>` so the browser saves `url`.
fn click_link(url: &str, file_name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let body = document.body().ok_or("no page body")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| js_error("creating a link", e))?
        .dyn_into()
        .map_err(|_| "not a link element".to_string())?;
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    body.append_child(&anchor)
        .map_err(|e| js_error("adding the link", e))?;
    anchor.click();
    anchor.remove();
    Ok(())
}

/// Offers `text` as a file named `file_name` of type `mime` (e.g. "text/csv").
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| js_error("building the file", e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| js_error("making a download address", e))?;
    let clicked = click_link(&url, file_name);
    // The click has handed the Blob to the download; free the address once this task ends.
    gloo::timers::callback::Timeout::new(0, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    clicked
}

/// Saves the canvas's current pixels as a PNG file named `file_name`.
pub fn download_canvas_png(
    canvas: &web_sys::HtmlCanvasElement,
    file_name: &str,
) -> Result<(), String> {
    let url = canvas
        .to_data_url_with_type("image/png")
        .map_err(|e| js_error("reading the chart image", e))?;
    click_link(&url, file_name)
}

/// Saves the chart as a PNG with a caption drawn into the image below it (strikes, expiry,
/// valuation date, configuration fingerprint), so a pasted chart says what it shows. The
/// caption's lines are drawn in `text_colour` on `background`; returns the image's height in
/// pixels.
pub fn download_captioned_png(
    chart: &web_sys::HtmlCanvasElement,
    caption: &[String],
    (background, text_colour): (&str, &str),
    file_name: &str,
) -> Result<u32, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let image: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|e| js_error("making the image", e))?
        .dyn_into()
        .map_err(|_| "not a canvas".to_string())?;
    let width = chart.width().max(1);
    let font_px = (width / 64).clamp(12, 28);
    let line_px = font_px + font_px / 2;
    let height = chart.height() + line_px * caption.len() as u32 + font_px;
    image.set_width(width);
    image.set_height(height);
    let ctx: web_sys::CanvasRenderingContext2d = image
        .get_context("2d")
        .map_err(|e| js_error("drawing the image", e))?
        .ok_or("no 2d context")?
        .dyn_into()
        .map_err(|_| "not a 2d context".to_string())?;
    ctx.set_fill_style_str(background);
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    ctx.draw_image_with_html_canvas_element(chart, 0.0, 0.0)
        .map_err(|e| js_error("copying the chart", e))?;
    ctx.set_fill_style_str(text_colour);
    ctx.set_font(&format!("{font_px}px system-ui, sans-serif"));
    for (k, line) in caption.iter().enumerate() {
        let y = chart.height() + line_px * (k as u32 + 1);
        ctx.fill_text(line, f64::from(font_px), f64::from(y))
            .map_err(|e| js_error("writing the caption", e))?;
    }
    download_canvas_png(&image, file_name)?;
    Ok(height)
}
