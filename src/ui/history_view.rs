//! The History view (issue 19): the shipped SPX/VIX series fetched on first open (or the
//! user's own pasted or uploaded CSV), the episode replay, the calibration of the link, and
//! the place of the program backtest. Its state lives in one `RwSignal<HistoryState>` (plus
//! the program's settings) that the share link carries (`h=`, see codec::history_link).
//! Every number comes from `crate::history`; this file lays out and formats.

use super::backtest_panel::BacktestPanel;
use super::browser;
use super::canvas::observe_width;
use super::format::{dollars, number, signed_dollars};
use super::greeks_chart::{draw_on, theme};
use super::series::{Data, Series};
use super::state::AppState;
use crate::calendar::Date;
use crate::codec::history_link::{HistorySection, HistoryState};
use crate::draw::history::{draw_calibration, draw_replay, CalibrationPlot};
use crate::history::backtest::ProgramSettings;
use crate::history::calibrate::{LinkParams, VIX_LEVELS};
use crate::history::replay::{episodes, Replay, NOTE};
use crate::history::views::{self, Calibration, ReplayInputError};
use crate::history::DailyClose;
use crate::Config;
use leptos::html::Canvas;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The one-line provenance every History figure carries (issue 19 item 6).
const PROVENANCE: &str =
    "Daily closes, model-priced, no historical option quotes: every History figure is a model price from index closes.";

/// The History view. `history` and `program` are the link's state; `series` is the series in
/// use, shared with the chart's History band.
#[component]
pub fn HistoryView(
    state: AppState,
    #[prop(into)] dark: Signal<bool>,
    history: RwSignal<HistoryState>,
    program: RwSignal<ProgramSettings>,
    series: Series,
) -> impl IntoView {
    let load_shipped = move || series.load_shipped();
    // Fetched when the view first opens (never at start-up: the first chart must not wait).
    Effect::new(move |_| {
        if history.with(|h| h.open) {
            series.ensure();
        }
    });
    let open = move || history.with(|h| h.open);
    let toggle = move |_| history.update(|h| h.open = !h.open);
    let rows = Memo::new(move |_| series.rows());
    let section = move || history.with(|h| h.section);
    let tab = move |s: HistorySection, label: &'static str, id: &'static str| {
        view! {
            <button type="button" class="secondary tab" data-testid=id
                aria-pressed=move || if section() == s { "true" } else { "false" }
                on:click=move |_| history.update(|h| h.section = s)>{label}</button>
        }
    };
    let config_signal = Signal::derive(move || state.config.get());
    // The backtest panel's inputs: the series in use, the page's configuration, the link's
    // program settings.
    let csv_signal: Signal<Option<Arc<str>>> = series.csv.into();

    view! {
        <section class="panel history" id="history" aria-labelledby="history-title" data-testid="history-panel">
            <div class="panel-head">
                <h2 id="history-title" tabindex="-1">"History"</h2>
                <button type="button" class="secondary" data-testid="history-toggle"
                    aria-expanded=move || if open() { "true" } else { "false" } aria-controls="history-body"
                    on:click=toggle>{move || if open() { "Close History" } else { "Open History" }}</button>
            </div>
            <p class="note" data-testid="history-provenance">{PROVENANCE}</p>
            <Show when=open>
                <div id="history-body" class="history-body">
                    <DataSection series load_shipped=Callback::new(move |_| load_shipped()) />
                    <Show when=move || rows.with(|r| r.is_some())>
                        <div class="tabs" role="group" aria-label="History sections">
                            {tab(HistorySection::Replay, "Episode replay", "history-tab-replay")}
                            {tab(HistorySection::Calibration, "Calibration", "history-tab-calibration")}
                            {tab(HistorySection::Backtest, "Program backtest", "history-tab-backtest")}
                        </div>
                        <Show when=move || section() == HistorySection::Replay>
                            <ReplaySection state dark history rows />
                        </Show>
                        <Show when=move || section() == HistorySection::Calibration>
                            <CalibrationSection state dark history rows />
                        </Show>
                        <Show when=move || section() == HistorySection::Backtest>
                            <div class="history-backtest" data-testid="history-backtest">
                                <h3>"Program backtest"</h3>
                                <BacktestPanel csv=csv_signal config=config_signal settings=program />
                            </div>
                        </Show>
                    </Show>
                    <p class="note history-note" data-testid="history-note">{NOTE}</p>
                </div>
            </Show>
        </section>
    }
}

/// The series in use: its span and row count, the loading state or the fetch error, and the
/// field to paste or upload one's own CSV.
#[component]
fn DataSection(series: Series, load_shipped: Callback<()>) -> impl IntoView {
    let data = series.data;
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let use_text = move |t: String| match series.use_own(&t) {
        Ok(()) => errors.set(Vec::new()),
        Err(errs) => errors.set(errs),
    };
    let upload = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            leptos::task::spawn_local(async move {
                match JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                {
                    Some(t) => {
                        text.set(t.clone());
                        use_text(t);
                    }
                    None => errors.set(vec!["the file cannot be read as text".to_string()]),
                }
            });
        }
    };
    let summary = move || match data.get() {
        Data::NotLoaded => String::new(),
        Data::Loading => "Loading the SPX and VIX series…".to_string(),
        Data::Failed(why) => format!("The series could not be loaded: {why}"),
        Data::Loaded { rows, own } => match (rows.first(), rows.last()) {
            (Some(a), Some(b)) => format!(
                "{}: {} to {}, {} trading days.",
                if own {
                    "Your series"
                } else {
                    "Shipped series (assets/history/README.md)"
                },
                a.date,
                b.date,
                rows.len()
            ),
            _ => String::new(),
        },
    };
    let failed = move || matches!(data.get(), Data::Failed(_));
    let own = move || matches!(data.get(), Data::Loaded { own: true, .. });
    view! {
        <div class="history-data">
            <p data-testid="history-data-status" role="status" aria-live="polite"
                class:field-error=failed>{summary}</p>
            <Show when=failed>
                <button type="button" class="secondary" data-testid="history-retry"
                    on:click=move |_| load_shipped.run(())>"Try again"</button>
            </Show>
            <details class="history-own">
                <summary>"Use your own date,spx,vix CSV"</summary>
                <label for="history-csv">"CSV text (date YYYY-MM-DD, SPX close, VIX close; one trading day a line)"</label>
                <textarea id="history-csv" data-testid="history-csv" rows="6" spellcheck="false"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    aria-invalid=move || if errors.with(|e| e.is_empty()) { "false" } else { "true" }
                    aria-describedby="history-csv-errors"></textarea>
                <div class="actions">
                    <button type="button" class="primary" data-testid="history-csv-use"
                        on:click=move |_| use_text(text.get_untracked())>"Use this data"</button>
                    <label class="file-pick">"Upload a file "
                        <input type="file" accept=".csv,text/csv,text/plain" data-testid="history-csv-file" on:change=upload />
                    </label>
                    <button type="button" class="secondary" data-testid="history-restore"
                        disabled=move || !own()
                        on:click=move |_| { errors.set(Vec::new()); load_shipped.run(()) }>"Restore the shipped series"</button>
                </div>
                <div id="history-csv-errors">
                    <Show when=move || errors.with(|e| !e.is_empty())>
                        <ul class="field-error csv-errors" role="alert" tabindex="0" data-testid="history-csv-errors">
                            {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                        </ul>
                    </Show>
                </div>
            </details>
        </div>
    }
}

/// The canvas of a History chart and its drawing error.
fn history_height(width: u32) -> u32 {
    ((width as f64 * 0.55) as u32).clamp(300, 480)
}

/// Episode or start date and length, the replay's chart, figures and table.
#[component]
fn ReplaySection(
    state: AppState,
    dark: Signal<bool>,
    history: RwSignal<HistoryState>,
    rows: Memo<Option<Arc<Vec<DailyClose>>>>,
) -> impl IntoView {
    let list = episodes();
    let start_text = RwSignal::new(
        history.with_untracked(|h| h.start.map(|d| d.to_string()).unwrap_or_default()),
    );
    let days_text = RwSignal::new(history.with_untracked(|h| h.trading_days.to_string()));
    let local_error = RwSignal::new(None::<ReplayInputError>);
    // The replay of the valid configuration (the last valid one while the inputs are being
    // fixed) on the chosen day.
    let valid_config = Memo::new(move |prev: Option<&Option<Config>>| {
        if state.evaluation.with(|r| r.is_ok()) {
            Some(state.config.get())
        } else {
            prev.cloned().flatten()
        }
    });
    let request =
        Memo::new(move |_| history.with(|h| (h.episode.clone(), h.start, h.trading_days)));
    let result = Memo::new(move |_| {
        let rows = rows.get()?;
        let config = valid_config.get()?;
        let (episode, start, days) = request.get();
        Some(views::replay_for(&rows, &config, episode.as_deref(), start, Some(days)).map(Arc::new))
    });
    let replay =
        Memo::new(move |_| result.with(|r| r.as_ref().and_then(|r| r.as_ref().ok().cloned())));
    let error = move |field: &'static str| {
        move || {
            local_error
                .with(|e| {
                    e.as_ref()
                        .filter(|e| e.field == field)
                        .map(|e| e.message.clone())
                })
                .or_else(|| {
                    result.with(|r| match r {
                        Some(Err(e)) if e.field == field => Some(e.message.clone()),
                        _ => None,
                    })
                })
        }
    };
    let episode_value = move || history.with(|h| h.episode.clone().unwrap_or_default());
    let on_episode = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        local_error.set(None);
        history.update(|h| {
            if id.is_empty() {
                h.episode = None;
                if h.start.is_none() {
                    h.start = Date::parse(&start_text.get_untracked()).ok();
                }
            } else {
                h.trading_days =
                    crate::history::replay::episode(&id).map_or(60, |e| e.trading_days);
                h.episode = Some(id);
            }
        });
        days_text.set(history.with_untracked(|h| h.trading_days.to_string()));
    };
    let on_start = move |ev: leptos::ev::Event| {
        let t = event_target_value(&ev);
        start_text.set(t.clone());
        match Date::parse(t.trim()) {
            Ok(d) => {
                local_error.set(None);
                history.update(|h| {
                    h.start = Some(d);
                    h.episode = None;
                });
            }
            Err(e) => local_error.set(Some(ReplayInputError {
                field: "start",
                message: format!("Start date: {e} (YYYY-MM-DD)"),
            })),
        }
    };
    let on_days = move |ev: leptos::ev::Event| {
        let t = event_target_value(&ev);
        days_text.set(t.clone());
        match t.trim().parse::<usize>() {
            Ok(n) if n <= crate::codec::history_link::MAX_REPLAY_TRADING_DAYS => {
                local_error.set(None);
                history.update(|h| h.trading_days = n);
            }
            _ => local_error.set(Some(ReplayInputError {
                field: "trading_days",
                message:
                    "Length: a whole number of trading days, 0 to 5000 (0: to the condor's expiry)"
                        .into(),
            })),
        }
    };

    let canvas_ref = NodeRef::<Canvas>::new();
    let width = observe_width(canvas_ref);
    let draw_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let width = width.get();
        let theme = theme(dark.get());
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        replay.with(|r| {
            if let Some(r) = r {
                let result = draw_on(&canvas, width, history_height, |area| {
                    draw_replay(area, r, theme)
                });
                draw_error.set(result.err());
            }
        });
    });
    let copied = RwSignal::new(None::<String>);
    let copy = move |_| {
        let Some(r) = replay.get_untracked() else {
            return;
        };
        let ok = browser::copy_to_clipboard(&views::replay_tsv(&r));
        copied.set(Some(if ok {
            format!("Copied {} rows (tab-separated).", r.rows.len())
        } else {
            "This browser gives the page no clipboard: select the table and copy it.".to_string()
        }));
    };
    let fig = move |f: fn(&Replay) -> String| {
        move || replay.with(|r| r.as_deref().map(f).unwrap_or_default())
    };
    let err_view = move |field: &'static str, id: &'static str| {
        let e = error(field);
        view! {
            <Show when=move || e().is_some()>
                <p class="field-error" role="alert" data-testid=id>{move || e().unwrap_or_default()}</p>
            </Show>
        }
    };

    view! {
        <div class="history-replay" data-testid="history-replay">
            <h3>"Episode replay"</h3>
            <div class="history-controls">
                <div class="field">
                    <label for="history-episode">"Episode"</label>
                    <span class="control">
                        <select id="history-episode" data-testid="history-episode" on:change=on_episode
                            prop:value=episode_value>
                            {list.iter().map(|e| view! { <option value=e.id>{e.name}</option> }).collect_view()}
                            <option value="">"Custom start date…"</option>
                        </select>
                    </span>
                </div>
                {err_view("episode", "history-episode-error")}
                <div class="field">
                    <label for="history-start">"Start date"</label>
                    <span class="control">
                        <input id="history-start" type="text" inputmode="numeric" placeholder="YYYY-MM-DD"
                            data-testid="history-start" prop:value=move || start_text.get() on:change=on_start />
                    </span>
                </div>
                {err_view("start", "history-start-error")}
                <div class="field">
                    <label for="history-days">"Length"</label>
                    <span class="control">
                        <input id="history-days" type="text" inputmode="numeric" data-testid="history-days"
                            prop:value=move || days_text.get() on:change=on_days />
                        <span class="unit">"trading days"</span>
                    </span>
                </div>
                {err_view("trading_days", "history-days-error")}
                {err_view("placement", "history-placement-error")}
            </div>
            <Show when=move || replay.with(|r| r.is_some())>
                <dl class="history-figures" data-testid="history-figures">
                    <dt>"Placed"</dt><dd data-testid="history-placed">{fig(|r| format!(
                        "{} × condor {}/{}/{}/{} to {}, credit {}; hedge cost {} (regime {:?})",
                        r.placed.condor.contracts, number(r.placed.condor.short_put - r.placed.condor.put_wing, 0), number(r.placed.condor.short_put, 0),
                        number(r.placed.condor.short_call, 0), number(r.placed.condor.short_call + r.placed.condor.call_wing, 0), r.placed.condor.expiry,
                        dollars(r.credit_dollars), dollars(r.hedge_cost_dollars), r.regime))}</dd>
                    <dt>"Worst day"</dt><dd data-testid="history-worst">{fig(|r| match r.worst_day {
                        Some((d, v)) => format!("{d}: combined {} (the scenario at entry predicted {} for that SPX level and day)",
                            signed_dollars(v), r.worst_day_predicted.map(signed_dollars).unwrap_or_else(|| "—".into())),
                        None => "—".into(),
                    })}</dd>
                    <dt>"Hedge pays from"</dt><dd data-testid="history-hedge-pays">{fig(|r| r.hedge_first_pays.map(|d| d.to_string()).unwrap_or_else(|| "never in this window".into()))}</dd>
                    <dt>"Predicted vs replayed"</dt><dd data-testid="history-predicted">{fig(|r| match (r.final_predicted_vs_actual, r.rows.last()) {
                        (Some((p, a)), Some(last)) => format!("at SPX {} on {}, the scenario chart at entry predicted {} combined; the replay gives {}",
                            number(last.spx, 2), last.date, signed_dollars(p), signed_dollars(a)),
                        _ => "—".into(),
                    })}</dd>
                </dl>
            </Show>
            <canvas node_ref=canvas_ref class="history-chart" data-testid="history-replay-chart"
                role="img" aria-label="Condor, hedge and combined P/L by trading day, over the SPX closes"></canvas>
            <Show when=move || draw_error.with(|e| e.is_some())>
                <p class="field-error" role="alert">{move || draw_error.get().unwrap_or_default()}</p>
            </Show>
            <div class="actions">
                <button type="button" class="secondary" data-testid="history-copy-table"
                    disabled=move || replay.with(|r| r.is_none()) on:click=copy>"Copy table"</button>
                <span role="status" data-testid="history-copy-status">{move || copied.get().unwrap_or_default()}</span>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Replay table (scrolls)">
                <table class="history-table" data-testid="history-table">
                    <thead><tr><th scope="col">"Date"</th><th scope="col">"SPX"</th><th scope="col">"VIX"</th>
                        <th scope="col">"Condor ($)"</th><th scope="col">"Hedge ($)"</th><th scope="col">"Combined ($)"</th></tr></thead>
                    <tbody>
                        {move || replay.get().map(|r| r.rows.iter().map(|x| {
                            let worst = r.worst_day.is_some_and(|(d, _)| d == x.date);
                            view! {
                                <tr class:worst=worst data-date=x.date.to_string()>
                                    <td>{x.date.to_string()}</td><td>{number(x.spx, 2)}</td><td>{number(x.vix, 2)}</td>
                                    <td>{signed_dollars(x.condor)}</td><td>{signed_dollars(x.hedge)}</td><td>{signed_dollars(x.combined)}</td>
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// Horizon choice, scatter with the link now and fitted, the fit's figures, the bands, and
/// "Use the fitted link" with its Undo.
#[component]
fn CalibrationSection(
    state: AppState,
    dark: Signal<bool>,
    history: RwSignal<HistoryState>,
    rows: Memo<Option<Arc<Vec<DailyClose>>>>,
) -> impl IntoView {
    let level = RwSignal::new(0usize);
    let link = Memo::new(move |_| state.config.with(LinkParams::of_config));
    let horizon = Memo::new(move |_| history.with(|h| h.horizon_trading_days));
    // Pairs and fits once per horizon (and series, and link for the reference RMSE).
    let calibration: Memo<Option<Arc<Calibration>>> = Memo::new(move |_| {
        let rows = rows.get()?;
        let lv = VIX_LEVELS[level.get().min(VIX_LEVELS.len() - 1)];
        Some(Arc::new(views::calibration(
            &rows,
            horizon.get(),
            &link.get(),
            lv,
        )))
    });
    let canvas_ref = NodeRef::<Canvas>::new();
    let width = observe_width(canvas_ref);
    let draw_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let width = width.get();
        let theme = theme(dark.get());
        let current = link.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        calibration.with(|cal| {
            let Some(cal) = cal else { return };
            let points: Vec<(f64, f64)> = cal
                .pairs
                .iter()
                .map(|p| (p.spx_log_return, p.vix_log_ratio))
                .collect();
            let (lo, hi) = points
                .iter()
                .fold((0.0_f64, 0.0_f64), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
            let lv = cal.level;
            let vix_ref = views::level_reference_vix(lv);
            let now = views::link_curve(&current, vix_ref, lo, hi, 121);
            let fitted = cal
                .fit
                .as_ref()
                .ok()
                .map(|f| views::link_curve(&f.params, vix_ref, lo, hi, 121));
            let bands: Vec<_> = cal
                .bands
                .iter()
                .filter(|b| b.vix_range == lv)
                .cloned()
                .collect();
            let plot = CalibrationPlot {
                points: &points,
                current: &now,
                fitted: fitted.as_deref(),
                bands: &bands,
                theme,
            };
            let result = draw_on(&canvas, width, history_height, |area| {
                draw_calibration(area, &plot)
            });
            draw_error.set(result.err());
        });
    });
    let previous = RwSignal::new(None::<LinkParams>);
    let adopt_note = RwSignal::new(String::new());
    let set_link = move |p: LinkParams| {
        state.replace(|c| {
            c.scenario.beta_dn = p.beta_dn;
            c.scenario.beta_up = p.beta_up;
            c.scenario.convexity = p.convexity;
            c.scenario.level_damping = p.k;
        })
    };
    let use_fit = move |_| {
        let fit = calibration.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.fit.as_ref().ok().map(|f| f.params))
        });
        if let Some(p) = fit {
            let (p, notes) = views::adoptable(&p);
            adopt_note.set(notes.join("; "));
            previous.set(Some(link.get_untracked()));
            set_link(p);
        }
    };
    let undo = move |_| {
        if let Some(p) = previous.get_untracked() {
            set_link(p);
            previous.set(None);
            adopt_note.set(String::new());
        }
    };
    let fit_row = move |label: &'static str,
                        id: &'static str,
                        pick: fn(
        &Calibration,
    ) -> Result<crate::history::calibrate::LinkFit, String>| {
        let row = move || calibration.with(|c| c.as_deref().map(pick));
        view! {
            <tr data-testid=id>
                <th scope="row">{label}</th>
                {move || match row() {
                    Some(Ok(f)) => view! {
                        <td>{format!("{} ± {}", number(f.params.beta_dn, 2), number(f.std_errors[0], 2))}</td>
                        <td>{format!("{} ± {}", number(f.params.beta_up, 2), number(f.std_errors[1], 2))}</td>
                        <td>{format!("{} ± {}", number(f.params.convexity, 1), number(f.std_errors[2], 1))}</td>
                        <td>{number(f.params.k, 2)}</td>
                        <td data-testid=format!("{id}-rmse")>{number(f.rmse, 4)}</td>
                        <td>{f.n.to_string()}</td>
                    }.into_any(),
                    Some(Err(e)) => view! { <td colspan="6">{e}</td> }.into_any(),
                    None => view! { <td colspan="6">"—"</td> }.into_any(),
                }}
            </tr>
        }
    };
    let reference_rmse = move || {
        calibration.with(|c| {
            c.as_ref()
                .and_then(|c| c.fit.as_ref().ok().map(|f| number(f.rmse_at_reference, 4)))
                .unwrap_or_else(|| "—".into())
        })
    };
    let bands_rows = move || {
        let lv = VIX_LEVELS[level.get().min(VIX_LEVELS.len() - 1)];
        calibration.with(|c| {
            c.as_ref().map(|c| {
                c.bands
                    .iter()
                    .filter(|b| b.vix_range == lv)
                    .map(|b| {
                        let pct = |x: f64| number(x * 100.0, 1);
                        view! {
                            <tr>
                                <td>{format!("{} to {}", pct(b.return_range.0), pct(b.return_range.1))}</td>
                                <td>{b.log_ratio.n.to_string()}</td>
                                <td>{pct(b.log_ratio.median)}</td>
                                <td>{format!("{} to {}", pct(b.log_ratio.p10), pct(b.log_ratio.p90))}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let level_label = |(lo, hi): (f64, f64)| {
        if hi.is_finite() {
            format!("VIX {lo:.0} to {hi:.0} at the start")
        } else {
            format!("VIX {lo:.0} and above at the start")
        }
    };

    view! {
        <div class="history-calibration" data-testid="history-calibration">
            <h3>"Calibration of the SPX–VIX link (§4.1)"</h3>
            <div class="history-controls">
                <div class="field">
                    <label for="history-horizon">"Horizon"</label>
                    <span class="control">
                        <select id="history-horizon" data-testid="history-horizon"
                            prop:value=move || horizon.get().to_string()
                            on:change=move |ev| {
                                if let Ok(h) = event_target_value(&ev).parse::<usize>() {
                                    history.update(|s| s.horizon_trading_days = h);
                                }
                            }>
                            {crate::history::calibrate::HORIZONS_TRADING_DAYS.iter().map(|h| view! {
                                <option value=h.to_string()>{h.to_string()}</option>
                            }).collect_view()}
                        </select>
                        <span class="unit">"trading days"</span>
                    </span>
                </div>
                <div class="field">
                    <label for="history-level">"Fit, curves and bands for"</label>
                    <span class="control">
                        <select id="history-level" data-testid="history-level"
                            on:change=move |ev| level.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {VIX_LEVELS.iter().enumerate().map(|(i, l)| view! {
                                <option value=i.to_string()>{level_label(*l)}</option>
                            }).collect_view()}
                        </select>
                    </span>
                </div>
            </div>
            <canvas node_ref=canvas_ref class="history-chart" data-testid="history-calibration-chart"
                role="img" aria-label="SPX log return against VIX log ratio of every window, with the link now, the fit and the history's bands"></canvas>
            <Show when=move || draw_error.with(|e| e.is_some())>
                <p class="field-error" role="alert">{move || draw_error.get().unwrap_or_default()}</p>
            </Show>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Fit table (scrolls)">
                <table class="history-fit" data-testid="history-fit">
                    <thead><tr><th scope="col">"Link"</th><th scope="col">"β down"</th><th scope="col">"β up"</th>
                        <th scope="col">"Convexity"</th><th scope="col">"k"</th><th scope="col">"RMSE (log)"</th><th scope="col">"Windows"</th></tr></thead>
                    <tbody>
                        <tr data-testid="history-fit-now">
                            <th scope="row">"Now (the scenario's)"</th>
                            <td>{move || number(link.get().beta_dn, 2)}</td>
                            <td>{move || number(link.get().beta_up, 2)}</td>
                            <td>{move || number(link.get().convexity, 1)}</td>
                            <td>{move || number(link.get().k, 2)}</td>
                            <td data-testid="history-fit-now-rmse">{reference_rmse}</td>
                            <td></td>
                        </tr>
                        {fit_row("Least-squares fit (windows from the chosen VIX level)", "history-fit-free", |c| c.fit.clone())}
                        {fit_row("Fit with k held at the scenario's", "history-fit-held", |c| c.fit_k_held.clone())}
                    </tbody>
                </table>
            </div>
            <p class="note">"Windows overlap (one starts every trading day), so the ± standard errors understate the uncertainty, roughly by √horizon."</p>
            <div class="actions">
                <button type="button" class="primary" data-testid="history-use-fit"
                    disabled=move || calibration.with(|c| c.as_ref().is_none_or(|c| c.fit.is_err()))
                    on:click=use_fit>"Use the fitted link"</button>
                <button type="button" class="secondary" data-testid="history-use-fit-undo"
                    disabled=move || previous.with(|p| p.is_none()) on:click=undo>"Undo"</button>
                <span role="status" data-testid="history-use-fit-note">{move || adopt_note.get()}</span>
            </div>
            <h4>"History's VIX log ratio per SPX return bucket (%)"</h4>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Band table (scrolls)">
                <table class="history-bands" data-testid="history-bands">
                    <thead><tr><th scope="col">"SPX log return"</th><th scope="col">"Windows"</th>
                        <th scope="col">"Median"</th><th scope="col">"10–90%"</th></tr></thead>
                    <tbody>{bands_rows}</tbody>
                </table>
            </div>
        </div>
    }
}
