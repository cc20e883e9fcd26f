//! The page's DOM builder: every element is made once, and its changing parts (texts,
//! attributes, classes, properties, conditional and repeated children) are bound to Leptos's
//! reactive system by `RenderEffect`s, which update only what changed.
//!
//! Why not Leptos's `view!` macro: its typed views compile every element tree of the page
//! into its own build/rebuild/mount code, and that code was most of the bundle (see
//! docs/performance.md, "Bundle"). Here each builder method is one small non-generic function:
//! a closure given to a binding is boxed at once, so the page's code is its own logic plus one
//! copy of this module. Signals, memos and effects are Leptos's (`reactive_graph`), so data
//! still flows one way: Config signal -> Report memo -> bindings.
//!
//! Ownership: bindings, event listeners and region contents are kept alive by the reactive
//! [`Owner`] current when they are made, and dropped when it is cleaned up (a region's
//! contents when the region is rebuilt). [`start_root`] sets the page's root owner.

use reactive_graph::computed::Memo;
use reactive_graph::effect::RenderEffect;
use reactive_graph::graph::untrack;
use reactive_graph::owner::Owner;
use reactive_graph::traits::Get;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue, UnwrapThrowExt};
use web_sys::{Element, Event};

thread_local! {
    static DOCUMENT: web_sys::Document = web_sys::window()
        .and_then(|w| w.document())
        .expect_throw("alvh needs a document");
}

/// The page's document.
pub fn document() -> web_sys::Document {
    DOCUMENT.with(Clone::clone)
}

/// Sets up the executor that runs effects and a root owner for the page's lifetime.
pub fn start_root() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.set();
    // The page lives as long as the document: its root owner is never cleaned up.
    std::mem::forget(owner);
}

/// Keeps `value` alive until the current owner is cleaned up.
pub fn keep<T: 'static>(value: T) {
    // Single-threaded wasm: the wrapper is created and dropped on the same thread.
    let value = SendWrapper::new(value);
    Owner::on_cleanup(move || drop(value));
}

/// An element being built. Methods take and return it, so a tree reads top-down.
pub struct El(pub Element);

/// A new element with this tag name.
pub fn el(tag: &str) -> El {
    El(document().create_element(tag).unwrap_throw())
}

/// A computed string bound to some part of the DOM; None removes (an attribute) or clears.
type Compute = Box<dyn Fn() -> Option<String>>;
/// Puts a computed value into the DOM.
type Apply = Box<dyn Fn(Option<&str>)>;

/// The one effect behind every binding: recomputes when what `compute` reads changes and
/// touches the DOM only when the value differs from the last one.
fn bind(compute: Compute, apply: Apply) {
    let effect = RenderEffect::new(move |previous: Option<Option<String>>| {
        let value = compute();
        if previous.as_ref() != Some(&value) {
            apply(value.as_deref());
        }
        value
    });
    keep(effect);
}

/// Keeps an event listener on `target` for the current owner's lifetime.
pub fn listen(target: &web_sys::EventTarget, event: &str, handler: Box<dyn FnMut(Event)>) {
    let closure = Closure::wrap(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    keep(closure);
}

impl El {
    /// Sets an attribute.
    pub fn attr(self, name: &str, value: &str) -> El {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets an attribute when `on` (boolean attributes such as `hidden`).
    pub fn flag(self, name: &str, on: bool) -> El {
        if on {
            let _ = self.0.set_attribute(name, "");
        }
        self
    }

    /// The `class` attribute; an empty list sets nothing (as Leptos left it off).
    pub fn class(self, value: &str) -> El {
        if value.is_empty() {
            return self;
        }
        self.attr("class", value)
    }

    /// The `id` attribute.
    pub fn id(self, value: &str) -> El {
        self.attr("id", value)
    }

    /// The `data-testid` attribute (tests find elements by it); empty sets nothing.
    pub fn testid(self, value: &str) -> El {
        if value.is_empty() {
            return self;
        }
        self.attr("data-testid", value)
    }

    /// Appends a text.
    pub fn text(self, text: &str) -> El {
        let _ = self.0.append_with_str_1(text);
        self
    }

    /// Appends a child element.
    pub fn child(self, child: El) -> El {
        let _ = self.0.append_child(&child.0);
        self
    }

    /// Appends child elements.
    pub fn children(self, children: Vec<El>) -> El {
        for child in children {
            let _ = self.0.append_child(&child.0);
        }
        self
    }

    /// Appends static markup (trusted text of this crate, never user input).
    pub fn html(self, markup: &str) -> El {
        let _ = self.0.insert_adjacent_html("beforeend", markup);
        self
    }

    /// Appends a text that follows `f`.
    pub fn dyn_text(self, f: impl Fn() -> String + 'static) -> El {
        self.dyn_text_boxed(Box::new(move || Some(f())))
    }

    fn dyn_text_boxed(self, compute: Compute) -> El {
        let node = document().create_text_node("");
        let _ = self.0.append_child(&node);
        bind(compute, Box::new(move |v| node.set_data(v.unwrap_or(""))));
        self
    }

    /// An attribute that follows `f`; None removes it.
    pub fn dyn_attr(self, name: &'static str, f: impl Fn() -> Option<String> + 'static) -> El {
        let node = self.0.clone();
        bind(
            Box::new(f),
            Box::new(move |v| {
                let _ = match v {
                    Some(v) => node.set_attribute(name, v),
                    None => node.remove_attribute(name),
                };
            }),
        );
        self
    }

    /// A class present while `f` is true.
    pub fn dyn_class(self, name: &'static str, f: impl Fn() -> bool + 'static) -> El {
        let node = self.0.clone();
        bind(
            Box::new(move || f().then(String::new)),
            Box::new(move |v| {
                let _ = node.class_list().toggle_with_force(name, v.is_some());
            }),
        );
        self
    }

    /// A boolean attribute (`hidden`, `disabled`) present while `f` is true.
    pub fn dyn_flag(self, name: &'static str, f: impl Fn() -> bool + 'static) -> El {
        self.dyn_attr(name, move || f().then(String::new))
    }

    /// A string property (an input's `value`) that follows `f`.
    pub fn dyn_value(self, f: impl Fn() -> String + 'static) -> El {
        let node = self.0.clone();
        bind(
            Box::new(move || Some(f())),
            Box::new(move |v| set_property(&node, "value", &JsValue::from_str(v.unwrap_or("")))),
        );
        self
    }

    /// A boolean property (`checked`, `selected`) that follows `f`.
    pub fn dyn_prop_flag(self, name: &'static str, f: impl Fn() -> bool + 'static) -> El {
        let node = self.0.clone();
        bind(
            Box::new(move || f().then(String::new)),
            Box::new(move |v| set_property(&node, name, &JsValue::from_bool(v.is_some()))),
        );
        self
    }

    /// The element's markup, following `f` (trusted markup built by this crate, with every
    /// text from data escaped).
    pub fn dyn_html(self, f: impl Fn() -> String + 'static) -> El {
        let node = self.0.clone();
        bind(
            Box::new(move || Some(f())),
            Box::new(move |v| node.set_inner_html(v.unwrap_or(""))),
        );
        self
    }

    /// Handles an event on this element.
    pub fn on(self, event: &str, handler: impl FnMut(Event) + 'static) -> El {
        listen(&self.0, event, Box::new(handler));
        self
    }

    /// Children rebuilt whenever `key` changes: `build(key)` makes them, with its own
    /// bindings, which are dropped at the next rebuild. What `build` reads is not tracked.
    pub fn region(
        self,
        key: impl Fn() -> usize + Send + Sync + 'static,
        build: impl Fn(usize) -> Vec<El> + 'static,
    ) -> El {
        let key = Memo::new(move |_| key());
        self.region_boxed(key, Box::new(build))
    }

    fn region_boxed(self, key: Memo<usize>, build: Box<dyn Fn(usize) -> Vec<El>>) -> El {
        let anchor = document().create_comment("");
        let _ = self.0.append_child(&anchor);
        // The effect's owner is cleaned up before each run: the previous contents' bindings go.
        let effect = RenderEffect::new(move |previous: Option<Vec<Element>>| {
            let k = key.get();
            for node in previous.into_iter().flatten() {
                node.remove();
            }
            let parent = anchor.parent_node();
            untrack(|| build(k))
                .into_iter()
                .map(|child| {
                    if let Some(parent) = &parent {
                        let _ = parent.insert_before(&child.0, Some(&anchor));
                    }
                    child.0
                })
                .collect()
        });
        keep(effect);
        self
    }

    /// A child present while `when` is true (built anew each time it turns true).
    pub fn show(
        self,
        when: impl Fn() -> bool + Send + Sync + 'static,
        build: impl Fn() -> El + 'static,
    ) -> El {
        self.region(
            move || usize::from(when()),
            move |k| if k == 1 { vec![build()] } else { Vec::new() },
        )
    }

    /// `count` children, rebuilt when the count changes: `row(i)` makes the i-th.
    pub fn each(
        self,
        count: impl Fn() -> usize + Send + Sync + 'static,
        row: impl Fn(usize) -> El + 'static,
    ) -> El {
        self.region(count, move |n| (0..n).map(&row).collect())
    }
}

/// Sets a JavaScript property of a DOM node.
fn set_property(node: &Element, name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(node, &JsValue::from_str(name), value);
}

/// The `value` of the element an event fired on ("" when it has none).
pub fn event_value(ev: &Event) -> String {
    ev.target()
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("value")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The `checked` state of the element an event fired on.
pub fn event_checked(ev: &Event) -> bool {
    ev.target()
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("checked")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
