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

/// Scrolls the element with this id into view and focuses it (a heading with tabindex -1),
/// after the next frame so that an element just shown is laid out.
pub fn focus_element(id: &'static str) {
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
