//! Thin wrappers over browser APIs (clock, location, history, clipboard, colour scheme).
//! Every failure is absorbed into an `Option`/`bool`: the page must never panic.

use crate::calendar::Date;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Today's date from the browser clock (local time zone).
pub fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).ok()?;
    let month = u8::try_from(now.get_month() + 1).ok()?;
    let day = u8::try_from(now.get_date()).ok()?;
    Date::from_ymd(year, month, day)
}

/// The URL fragment without its leading '#'.
pub fn location_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry or scrolling.
pub fn replace_fragment(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = format!("#{fragment}");
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page address without its fragment.
pub fn page_base() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Writes text to the clipboard; false when the page has no clipboard API (e.g. plain http
/// off localhost). A refused write is ignored rather than left as an unhandled rejection.
pub fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let has_api = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false);
    if !has_api {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
    let _ = promise.catch(&ignore);
    ignore.forget();
    true
}

/// Selects the text of the element with this id (fallback when there is no clipboard).
pub fn select_text(id: &str) {
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
        input.select();
    }
}

/// True when the user's system asks for a dark colour scheme.
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// True on a narrow (phone-sized) viewport, where the layout stacks.
pub fn is_narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 900px)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// Key under which the last valid configuration is kept in local storage.
pub const STORAGE_KEY: &str = "alvh.config.v1";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The stored configuration text, if any (None also when storage is unavailable).
pub fn load_stored() -> Option<String> {
    local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
}

/// Stores the configuration text; storage being full or disabled is ignored.
pub fn store(text: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(STORAGE_KEY, text);
    }
}

/// Removes the stored configuration (after it was found corrupt).
pub fn clear_stored() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

/// Sets `data-theme` on the root element ("light", "dark"), or removes it to follow the
/// system setting.
pub fn set_theme_attribute(theme: Option<&str>) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match theme {
            Some(t) => root.set_attribute("data-theme", t),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// Moves the keyboard focus to the element with `id` (an input, or a landmark with
/// `tabindex="-1"`), opening every folded `<details>` around it first; the browser scrolls it
/// into view, clear of the sticky header (`scroll-padding-top` in style/main.css). The address
/// and its `#c=` link are left alone. False when there is no such element.
pub fn focus_element(id: &str) -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return false;
    };
    let mut up = el.parent_element();
    while let Some(p) = up {
        if p.tag_name().eq_ignore_ascii_case("details") {
            let _ = p.set_attribute("open", "");
        }
        up = p.parent_element();
    }
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(html) => html.focus().is_ok(),
        Err(_) => false,
    }
}

/// Focuses the input that edits Config `path` (or the list box holding it, see
/// [`crate::config::labels::input_id_for`]); false when the page has none.
pub fn focus_field(path: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    crate::config::labels::input_id_for(path, |id| document.get_element_by_id(id).is_some())
        .is_some_and(|id| focus_element(&id))
}

/// The click handler of an in-page link (`<a href="#id">`): the default (which would put
/// `#id` in place of the `#c=` configuration, and inside an iframe replace its address) is
/// prevented and the target focused instead.
pub fn follow_in_page_link(ev: &web_sys::MouseEvent, id: &str) {
    ev.prevent_default();
    focus_element(id);
}

/// Scrolls the element with this id into view and focuses it (a heading with tabindex -1),
/// after the next frame so that an element just shown is laid out.
pub fn focus_element_next_frame(id: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            element.scroll_into_view();
            let _ = element.focus();
        }
    });
}
