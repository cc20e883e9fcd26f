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
