//! The page: header (fingerprint, copy link, stale badge), inputs column, results column.

use super::assumptions::assumptions_panel;
use super::browser;
use super::chart_view::chart_panel;
use super::dom::{el, event_value, listen, El};
use super::figures::{figures_strip, greeks_table, horizon_table};
use super::format::escape;
use super::greeks_chart::greeks_chart;
use super::implied_vol::implied_vol_panel;
use super::indicators_panel::{account_inputs, indicator_inputs};
use super::inputs::{condor_inputs, hedge_inputs, market_inputs, scenario_inputs};
use super::presets_bar::presets_bar;
use super::risk_panel::risk_panel;
use super::rules_panel::rules_panel;
use super::state::AppState;
use crate::calendar::Date;
use crate::codec::link::Decoded;
use crate::config::presets::{apply_market_preset, with_stress_distribution, MarketPreset};
use crate::Config;
use gloo::timers::callback::Timeout;
use reactive_graph::computed::Memo;
use reactive_graph::effect::Effect;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use reactive_graph::wrappers::read::Signal;
use std::cell::RefCell;
use std::rc::Rc;

/// How long the inputs must be still before the link and local storage are written.
const PERSIST_DELAY_MS: u32 = 150;

/// A fixed fallback should the browser clock give an impossible date.
fn fallback_date() -> Option<Date> {
    Date::from_ymd(2026, 1, 2)
}

/// The configuration to start from: a link's fragment first, else the last configuration kept
/// in local storage (a corrupt one is discarded with a notice), else the defaults.
fn initial_config(today: Date) -> Decoded {
    let fragment = browser::location_fragment();
    let from_link = crate::codec::link::decode_fragment(&fragment, today);
    let has_link = fragment.split('&').any(|p| p.starts_with("c="));
    if has_link {
        return from_link;
    }
    let Some(stored) = browser::load_stored() else {
        return from_link;
    };
    let mut decoded = crate::codec::link::from_json_lenient(&stored, today);
    decoded.embed = from_link.embed;
    if decoded.notices.iter().any(|n| n.field == "config") {
        browser::clear_stored();
    }
    for n in &mut decoded.notices {
        n.message = format!("stored configuration: {}", n.message);
    }
    decoded
}

/// `text` cut to at most `max` characters with "…": a notice may quote a value from a link,
/// which can be hundreds of kilobytes long.
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Applies a preset menu choice ("market-N", "stress", "reset").
fn apply_preset(state: AppState, choice: &str, today: Date) {
    if let Some(index) = choice
        .strip_prefix("market-")
        .and_then(|i| i.parse::<usize>().ok())
    {
        if let Some(preset) = MarketPreset::ALL.get(index).copied() {
            state.replace(|c| *c = apply_market_preset(c, preset));
        }
    } else if choice == "stress" {
        state.replace(|c| *c = with_stress_distribution(c));
    } else if choice == "reset" {
        state.replace(|c| *c = Config::defaults_for(today));
    }
}

/// Puts a `<select>` back on its placeholder after a one-shot menu choice.
fn reset_select(ev: &web_sys::Event) {
    if let Some(target) = ev.target() {
        let _ = js_sys::Reflect::set(&target, &"value".into(), &"".into());
    }
}

/// A `<label>` + `<select>` menu of the header, hidden in embed mode.
fn menu(id: &str, label: &str, embed: bool, options: &str) -> (El, El) {
    (
        el("label")
            .class("menu-label")
            .attr("for", id)
            .flag("hidden", embed)
            .text(label),
        el("select")
            .id(id)
            .testid(id)
            .flag("hidden", embed)
            .html(options),
    )
}

/// The header: name, fingerprint, stale badge, menus and the copy-link button.
fn header(
    state: AppState,
    today: Date,
    embed: bool,
    share_link: Memo<String>,
    theme: RwSignal<Option<&'static str>>,
) -> El {
    let copied = RwSignal::new(false);
    let fingerprint = move || {
        state.shown.with(|r| {
            r.as_ref()
                .map(|r| r.fingerprint.clone())
                .unwrap_or_else(|| "—".into())
        })
    };
    let errors = state.errors();
    let stale_text = move || {
        let n = errors.with(|e| e.len());
        format!("stale: {n} invalid field{}", if n == 1 { "" } else { "s" })
    };
    let mut presets = String::from("<option value=\"\" selected>Choose…</option>");
    for (i, p) in MarketPreset::ALL.iter().enumerate() {
        presets.push_str(&format!(
            "<option value=\"market-{i}\">Market: {}</option>",
            escape(p.label())
        ));
    }
    presets.push_str(
        "<option value=\"stress\">Distribution: stress (jumps)</option>\
         <option value=\"reset\">Reset everything to defaults</option>",
    );
    let (preset_label, preset_menu) = menu("preset-menu", "Presets", embed, &presets);
    let preset_menu = preset_menu.on("change", move |ev| {
        apply_preset(state, &event_value(&ev), today);
        reset_select(&ev);
    });
    let (theme_label, theme_menu) = menu(
        "theme-menu",
        "Theme",
        embed,
        "<option value=\"system\" selected>System</option><option value=\"light\">Light</option>\
         <option value=\"dark\">Dark</option>",
    );
    let theme_menu = theme_menu.on("change", move |ev| {
        let picked = match event_value(&ev).as_str() {
            "light" => Some("light"),
            "dark" => Some("dark"),
            _ => None,
        };
        browser::set_theme_attribute(picked);
        theme.set(picked);
    });
    let copy = el("button")
        .attr("type", "button")
        .class("primary")
        .testid("copy-link")
        .flag("hidden", embed)
        .on("click", move |_| {
            let ok = browser::copy_to_clipboard(&share_link.get_untracked());
            if !ok {
                browser::select_text("share-link");
            }
            copied.set(ok);
        })
        .dyn_text(move || {
            if copied.get() {
                "Link copied"
            } else {
                "Copy link"
            }
            .to_string()
        });
    let mut status = el("div")
        .class("status")
        .child(
            el("span")
                .class("fingerprint")
                .attr("title", "Fingerprint of the configuration (R16)")
                .text("Config ")
                .child(el("code").testid("fingerprint").dyn_text(fingerprint)),
        )
        .show(
            move || state.stale.get(),
            move || {
                el("span")
                    .class("badge stale")
                    .testid("stale-badge")
                    .attr("role", "status")
                    .dyn_text(stale_text)
            },
        );
    // Embedded (an iframe): a link to the full page instead of the menus.
    if embed {
        status = status.child(
            el("a")
                .class("open-full")
                .testid("open-full")
                .dyn_attr("href", move || Some(share_link.get()))
                .attr("target", "_blank")
                .attr("rel", "noopener")
                .text("Open in alvh ↗"),
        );
    }
    el("header")
        .class("top")
        .child(
            el("div").class("brand").html("<h1>alvh</h1>").child(
                el("span")
                    .class("tagline")
                    .flag("hidden", embed)
                    .text("SPX iron condor + layered VIX hedge calculator"),
            ),
        )
        .child(status.children(vec![
            preset_label,
            preset_menu,
            theme_label,
            theme_menu,
            copy,
        ]))
}

/// `<li><code>field</code>: message</li>` items, escaped.
fn field_items<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    items
        .map(|(field, message)| {
            format!(
                "<li><code>{}</code>: {}</li>",
                escape(&clip(field, 120)),
                escape(&clip(message, 300))
            )
        })
        .collect()
}

/// The notices of a repaired link or stored configuration, the error summary and the
/// "valued on another day" note.
fn with_notes(
    page: El,
    state: AppState,
    today: Date,
    embed: bool,
    notices: RwSignal<Vec<crate::FieldError>>,
) -> El {
    let errors = state.errors();
    page.show(
        move || notices.with(|n| !n.is_empty()),
        move || {
            el("div")
                .class("notices")
                .attr("role", "status")
                .testid("notices")
                .child(el("ul").dyn_html(move || {
                    notices.with(|n| field_items(n.iter().map(|n| (n.field.as_str(), n.message.as_str()))))
                }))
                .child(
                    el("button")
                        .attr("type", "button")
                        .class("secondary")
                        .on("click", move |_| notices.set(Vec::new()))
                        .text("Dismiss"),
                )
        },
    )
    .show(
        move || state.stale.get(),
        move || {
            el("div")
                .class("notices errors")
                .attr("role", "status")
                .testid("error-summary")
                .child(
                    el("div")
                        .html("<strong>The figures below are from the last valid configuration. To update them, fix:</strong>")
                        .child(el("ul").dyn_html(move || {
                            errors.with(|e| field_items(e.iter().map(|e| (e.field.as_str(), e.message.as_str()))))
                        })),
                )
        },
    )
    .show(
        move || !embed && state.config.with(|c| c.market.valuation_date != today),
        move || {
            el("div")
                .class("notices")
                .attr("role", "status")
                .testid("date-note")
                .child(el("span").dyn_text(move || {
                    format!(
                        "This configuration is valued on {}; today is {}.",
                        state.config.with(|c| c.market.valuation_date),
                        today
                    )
                }))
                .child(
                    el("button")
                        .attr("type", "button")
                        .class("secondary")
                        .testid("move-to-today")
                        .on("click", move |_| {
                            state.config.update(|c| c.market.valuation_date = today)
                        })
                        .text("Move to today"),
                )
        },
    )
}

/// The share section: the link and the iframe snippet.
fn share_panel(share_link: Memo<String>) -> El {
    let readonly = |id: &str| {
        el("input")
            .id(id)
            .attr("type", "text")
            .attr("readonly", "")
            .testid(id)
    };
    el("section")
        .class("panel share")
        .attr("aria-labelledby", "share-title")
        .html(
            "<h2 id=\"share-title\">Share</h2><label for=\"share-link\">Link to this configuration \
             (kept in the fragment, never sent to a server)</label>",
        )
        .child(readonly("share-link").dyn_value(move || share_link.get()))
        .html("<label for=\"embed-snippet\">Embed the chart and key figures in a page (iframe)</label>")
        .child(readonly("embed-snippet").dyn_value(move || {
            format!(
                "<iframe src=\"{}&embed=1\" width=\"900\" height=\"760\" title=\"alvh P/L chart\" loading=\"lazy\"></iframe>",
                share_link.get()
            )
        }))
}

/// Keeps the fragment and local storage in step with every valid configuration. The writes
/// wait until the input has been still for PERSIST_DELAY_MS (history.replaceState and
/// localStorage cost about 2.5 ms per call, too much to pay on every step of a dragged
/// slider), and a pending write is flushed when the page is hidden or closed. The
/// configuration the page opens with is written at once.
fn persist_changes(state: AppState, fragment: Memo<String>, embed: bool) {
    let pending: Rc<RefCell<Option<Timeout>>> = Rc::new(RefCell::new(None));
    let persist = move || {
        if state.evaluation.with_untracked(|r| r.is_err()) {
            return;
        }
        let mut fragment = fragment.get_untracked();
        if embed {
            fragment.push_str("&embed=1");
        } else {
            browser::store(
                &state
                    .config
                    .with_untracked(crate::codec::link::to_canonical_json),
            );
        }
        browser::replace_fragment(&fragment);
    };
    let timer = pending.clone();
    Effect::new(move |first_run_done: Option<()>| {
        if state.evaluation.with(|r| r.is_ok()) {
            // Dropping a pending timeout cancels it.
            let later = first_run_done.map(|_| Timeout::new(PERSIST_DELAY_MS, persist));
            if later.is_none() {
                persist();
            }
            *timer.borrow_mut() = later;
        }
    });
    if let Some(window) = web_sys::window() {
        listen(
            &window,
            "pagehide",
            Box::new(move |_| {
                if pending.borrow_mut().take().is_some() {
                    persist();
                }
            }),
        );
    }
}

/// The whole page, built into `body`.
pub fn app(body: El) -> El {
    let today = browser::today().or_else(fallback_date);
    let Some(today) = today else {
        return body.child(
            el("p")
                .attr("role", "alert")
                .text("This browser reports no usable date."),
        );
    };
    let decoded = initial_config(today);
    let notices = RwSignal::new(decoded.notices);
    let embed = decoded.embed;
    let state = AppState::new(decoded.config);
    let system_dark = browser::prefers_dark();
    let theme = RwSignal::new(None::<&'static str>);
    let dark = Signal::derive(move || match theme.get() {
        Some(t) => t == "dark",
        None => system_dark,
    });
    // The configuration's fragment, encoded (deflated) once per change for both the link on
    // the page and the debounced write to the address bar.
    let fragment = Memo::new(move |_| state.config.with(crate::codec::link::encode_fragment));
    persist_changes(state, fragment, embed);
    let base = browser::page_base();
    let share_link = Memo::new(move |_| format!("{base}#{}", fragment.get()));

    let inputs = el("aside")
        .class("inputs")
        .attr("aria-label", "Inputs")
        .flag("hidden", embed)
        .children(vec![
            presets_bar(state),
            market_inputs(state),
            condor_inputs(state),
            hedge_inputs(state),
            scenario_inputs(state),
            indicator_inputs(state),
            account_inputs(state),
        ]);
    let details = el("div").flag("hidden", embed).children(vec![
        horizon_table(state),
        risk_panel(state),
        greeks_chart(state, dark),
        greeks_table(state),
        implied_vol_panel(state),
        rules_panel(state),
        assumptions_panel(state, dark),
        share_panel(share_link),
    ]);
    let results = el("div")
        .class("results")
        .child(chart_panel(state, dark))
        .child(figures_strip(state))
        .child(details);
    let main = el("main")
        .class(if embed { "layout embed" } else { "layout" })
        .child(inputs)
        .child(results);
    let page = body.child(header(state, today, embed, share_link, theme));
    with_notes(page, state, today, embed, notices).child(main)
}
