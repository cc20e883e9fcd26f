//! The program backtest panel of the History view (issue 19, item 4): the program's settings
//! (monthly or weekly SPXW entries, entry dates, profit target and stop as multiples of the
//! credit, slippage), a Run button that hands the job to the backtest worker
//! ([`super::history_worker`]), a progress bar and a Cancel button while it runs, and the
//! result: equity curves with and without the hedge, the summary figures, the per-year table
//! (copyable) and the honest label. Every figure comes from the worker's `Backtest`; this file
//! formats and lays out.

use super::browser::copy_to_clipboard;
use super::canvas::observe_width;
use super::format::{dollars, number, percent, signed_dollars};
use super::greeks_chart::{draw_on, theme};
use super::history_worker::WorkerRun;
use crate::calendar::Date;
use crate::config::decimal::parse_f64;
use crate::draw::equity::draw_equity;
use crate::history::backtest::{CurveStats, ProgramSettings};
use crate::history::job::{BacktestJob, BacktestView, PageReply};
use crate::Config;
use leptos::html::Canvas;
use leptos::prelude::*;
use std::sync::Arc;

/// Where a run stands.
#[derive(Clone, Debug, PartialEq)]
enum RunState {
    Idle,
    /// Started; `total` is known from the worker's first message.
    Running {
        done: usize,
        total: Option<usize>,
    },
    Cancelled {
        done: usize,
        total: Option<usize>,
    },
    Failed(String),
    Finished,
}

/// Height of the equity chart for a canvas width, CSS pixels.
fn chart_height(width: u32) -> u32 {
    ((width as f64 * 0.42) as u32).clamp(240, 380)
}

/// A date setting: empty = the series' own first / last day.
fn parse_date(text: &str, label: &str) -> Result<Option<Date>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Date::parse(t)
        .map(Some)
        .map_err(|_| format!("{label} (YYYY-MM-DD): {t:?} is not a date"))
}

/// A multiple of the credit (× credit), positive.
fn parse_multiple(text: &str, label: &str) -> Result<f64, String> {
    match parse_f64(text.trim()) {
        Some(v) if v.is_finite() && v > 0.0 && v <= 100.0 => Ok(v),
        Some(v) => Err(format!(
            "{label} (× credit): must be above 0 and at most 100 (got {v})"
        )),
        None => Err(format!(
            "{label} (× credit): {:?} is not a number",
            text.trim()
        )),
    }
}

fn date_text(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A ratio with two decimals, or "n/a" when undefined (no losing month, no variance).
fn ratio(v: f64) -> String {
    if v.is_finite() {
        number(v, 2)
    } else {
        "n/a".to_string()
    }
}

fn worst_month(s: &CurveStats) -> String {
    s.worst_month
        .map(|(y, m, p)| format!("{y}-{m:02}: {}", signed_dollars(p)))
        .unwrap_or_else(|| "n/a".to_string())
}

/// The per-year table as tab-separated text (pastes into a spreadsheet).
fn years_tsv(bt: &BacktestView) -> String {
    let mut out = String::from(
        "year\ttrades\tcondor P/L $\thedge P/L $\tcombined P/L $\tcondor drawdown $\tcombined drawdown $\n",
    );
    for y in &bt.years {
        out.push_str(&format!(
            "{}\t{}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\n",
            y.year, y.trades, y.condor, y.hedge, y.combined, y.condor_drawdown, y.combined_drawdown
        ));
    }
    out
}

/// The program backtest: settings, run / cancel with progress, results. Disabled with a
/// message while `csv` is None (the History data not loaded yet).
#[component]
pub fn BacktestPanel(
    csv: Signal<Option<Arc<str>>>,
    config: Signal<Config>,
    settings: RwSignal<ProgramSettings>,
) -> impl IntoView {
    let initial = settings.get_untracked();
    let first_text = RwSignal::new(date_text(initial.first_entry));
    let last_text = RwSignal::new(date_text(initial.last_entry));
    let target_on = RwSignal::new(initial.profit_target.is_some());
    let stop_on = RwSignal::new(initial.stop_loss.is_some());
    let target_text = RwSignal::new(number(initial.profit_target.unwrap_or(0.5), 2));
    let stop_text = RwSignal::new(number(initial.stop_loss.unwrap_or(2.0), 2));

    // Field-level errors, from the texts; valid texts are written into `settings`.
    let first_error = Signal::derive(move || parse_date(&first_text.get(), "First entry").err());
    let last_error = Signal::derive(move || parse_date(&last_text.get(), "Last entry").err());
    let target_error = Signal::derive(move || {
        target_on
            .get()
            .then(|| parse_multiple(&target_text.get(), "Profit target").err())
            .flatten()
    });
    let stop_error = Signal::derive(move || {
        stop_on
            .get()
            .then(|| parse_multiple(&stop_text.get(), "Stop").err())
            .flatten()
    });
    let order_error = Signal::derive(move || {
        let (Ok(Some(a)), Ok(Some(b))) = (
            parse_date(&first_text.get(), ""),
            parse_date(&last_text.get(), ""),
        ) else {
            return None;
        };
        (b < a).then(|| format!("Last entry (YYYY-MM-DD): {b} is before the first entry {a}"))
    });
    Effect::new(move |_| {
        let (Ok(first), Ok(last)) = (
            parse_date(&first_text.get(), ""),
            parse_date(&last_text.get(), ""),
        ) else {
            return;
        };
        let target = if target_on.get() {
            match parse_multiple(&target_text.get(), "") {
                Ok(v) => Some(v),
                Err(_) => return,
            }
        } else {
            None
        };
        let stop = if stop_on.get() {
            match parse_multiple(&stop_text.get(), "") {
                Ok(v) => Some(v),
                Err(_) => return,
            }
        } else {
            None
        };
        settings.update(|s| {
            s.first_entry = first;
            s.last_entry = last;
            s.profit_target = target;
            s.stop_loss = stop;
        });
    });
    let has_errors = move || {
        first_error.get().is_some()
            || last_error.get().is_some()
            || target_error.get().is_some()
            || stop_error.get().is_some()
            || order_error.get().is_some()
    };

    let run_state = RwSignal::new(RunState::Idle);
    let result = RwSignal::new(None::<Arc<BacktestView>>);
    // The worker's own time for the last run (parse and backtest), ms.
    let compute_ms = RwSignal::new(None::<f64>);
    let worker = StoredValue::new_local(None::<WorkerRun>);
    let running = move || matches!(run_state.get(), RunState::Running { .. });

    let run = move |_| {
        let Some(text) = csv.get_untracked() else {
            return;
        };
        let job = BacktestJob {
            csv: text.to_string(),
            config: config.get_untracked(),
            settings: settings.get_untracked(),
        };
        run_state.set(RunState::Running {
            done: 0,
            total: None,
        });
        let started = WorkerRun::start(&job, move |reply| match reply {
            PageReply::Ready => {}
            PageReply::Progress { done, total } => {
                if matches!(run_state.get_untracked(), RunState::Running { .. }) {
                    run_state.set(RunState::Running {
                        done,
                        total: Some(total),
                    });
                }
            }
            PageReply::Done {
                backtest,
                compute_ms: ms,
            } => {
                compute_ms.set(Some(ms));
                result.set(Some(Arc::new(*backtest)));
                run_state.set(RunState::Finished);
                worker.set_value(None);
            }
            PageReply::Failed { message } => {
                run_state.set(RunState::Failed(message));
                worker.set_value(None);
            }
        });
        match started {
            Ok(w) => worker.set_value(Some(w)),
            Err(message) => run_state.set(RunState::Failed(message)),
        }
    };
    let cancel = move |_| {
        // Dropping the run terminates its worker.
        worker.set_value(None);
        if let RunState::Running { done, total } = run_state.get_untracked() {
            run_state.set(RunState::Cancelled { done, total });
        }
    };
    on_cleanup(move || worker.set_value(None));

    let status = move || match run_state.get() {
        RunState::Idle => String::new(),
        RunState::Running { done, total } => match total {
            Some(t) => format!("Running: {done} of {t} entries"),
            None => "Starting the backtest worker…".to_string(),
        },
        RunState::Cancelled { done, total } => match total {
            Some(t) => format!("Backtest cancelled after {done} of {t} entries."),
            None => "Backtest cancelled before its first entry.".to_string(),
        },
        RunState::Failed(m) => format!("Backtest failed: {m}"),
        RunState::Finished => "Backtest finished.".to_string(),
    };
    let progress_max = move || match run_state.get() {
        RunState::Running { total: Some(t), .. } => t.max(1).to_string(),
        _ => "1".to_string(),
    };
    let progress_value = move || match run_state.get() {
        RunState::Running {
            done,
            total: Some(_),
        } => Some(done.to_string()),
        _ => None,
    };

    // The equity chart, redrawn when the result, the width or the theme changes.
    let canvas_ref = NodeRef::<Canvas>::new();
    let width = observe_width(canvas_ref);
    let draw_error = RwSignal::new(None::<String>);
    let dark = super::browser::prefers_dark();
    Effect::new(move |_| {
        let width = width.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        result.with(|r| {
            if let Some(bt) = r {
                let drawn = draw_on(&canvas, width, chart_height, |area| {
                    draw_equity(area, &bt.daily, theme(dark))
                });
                draw_error.set(drawn.err());
            }
        });
    });

    let copied = RwSignal::new(false);

    let field = move |id: &'static str,
                      label: &'static str,
                      text: RwSignal<String>,
                      error: Signal<Option<String>>,
                      placeholder: &'static str| {
        let err_id = format!("{id}-error");
        let err_id2 = err_id.clone();
        view! {
            <div class="bt-field" class:invalid=move || error.get().is_some()>
                <label for=id>{label}</label>
                <input
                    id=id
                    type="text"
                    inputmode="numeric"
                    data-testid=id
                    placeholder=placeholder
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=move || error.get().map(|_| err_id2.clone())
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
                <p class="field-error" id=err_id data-testid=format!("{id}-error") role="alert">
                    {move || error.get()}
                </p>
            </div>
        }
    };
    let multiple = move |id: &'static str,
                         label: &'static str,
                         on: RwSignal<bool>,
                         text: RwSignal<String>,
                         error: Signal<Option<String>>| {
        let check_id = format!("{id}-on");
        let err_id = format!("{id}-error");
        let err_id2 = err_id.clone();
        view! {
            <div class="bt-field" class:invalid=move || error.get().is_some()>
                <span class="bt-multiple">
                    <input
                        id=check_id.clone()
                        type="checkbox"
                        data-testid=check_id.clone()
                        prop:checked=move || on.get()
                        on:change=move |ev| on.set(event_target_checked(&ev))
                    />
                    <label for=check_id.clone()>{label}</label>
                </span>
                <span class="control">
                    <input
                        id=id
                        type="text"
                        inputmode="decimal"
                        data-testid=id
                        aria-label=format!("{label} (× credit)")
                        disabled=move || !on.get()
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || error.get().map(|_| err_id2.clone())
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                    <span class="unit">"× credit"</span>
                    <span class="unit" class:hidden=move || on.get()>"(off)"</span>
                </span>
                <p class="field-error" id=err_id data-testid=format!("{id}-error") role="alert">
                    {move || error.get()}
                </p>
            </div>
        }
    };

    view! {
        <section class="panel backtest" aria-labelledby="bt-title" data-testid="backtest-panel">
            <h2 id="bt-title">"Program backtest"</h2>
            <p class="bt-intro">
                "The hedged condor as a program: a condor placed the way the current configuration places it, "
                "opened on the first trading day of every month (or week), hedged by R3-R6, closed at the profit "
                "target, the stop or expiry."
            </p>
            <p class="bt-no-data" data-testid="bt-no-data" class:hidden=move || csv.with(|c| c.is_some())>
                "The backtest needs the history data: it is enabled once the SPX and VIX series is loaded."
            </p>
            <fieldset class="bt-settings" disabled=move || csv.with(|c| c.is_none()) || running()>
                <legend class="sr-only">"Program settings"</legend>
                <div class="bt-field">
                    <label for="bt-schedule">"Entries"</label>
                    <select
                        id="bt-schedule"
                        data-testid="bt-schedule"
                        on:change=move |ev| {
                            let weekly = event_target_value(&ev) == "weekly";
                            settings.update(|s| s.weekly = weekly);
                        }
                    >
                        <option value="monthly" selected=move || !settings.with(|s| s.weekly)>
                            "Monthly (SPX monthlies)"
                        </option>
                        <option value="weekly" selected=move || settings.with(|s| s.weekly)>
                            "Weekly (SPXW)"
                        </option>
                    </select>
                </div>
                {field("bt-first", "First entry (YYYY-MM-DD)", first_text, first_error, "series start")}
                {field("bt-last", "Last entry (YYYY-MM-DD)", last_text, last_error, "series end")}
                {multiple("bt-target", "Profit target", target_on, target_text, target_error)}
                {multiple("bt-stop", "Stop", stop_on, stop_text, stop_error)}
                <div class="bt-field">
                    <span class="bt-multiple">
                        <input
                            id="bt-slippage"
                            type="checkbox"
                            data-testid="bt-slippage"
                            prop:checked=move || settings.with(|s| s.slippage)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                settings.update(|s| s.slippage = on);
                            }
                        />
                        <label for="bt-slippage">"Slippage (the account's half-spreads)"</label>
                    </span>
                </div>
                <p class="field-error" data-testid="bt-order-error" role="alert">{move || order_error.get()}</p>
            </fieldset>
            <div class="bt-actions">
                <button
                    type="button"
                    data-testid="bt-run"
                    disabled=move || csv.with(|c| c.is_none()) || running() || has_errors()
                    on:click=run
                >
                    "Run backtest"
                </button>
                <button
                    type="button"
                    class="secondary"
                    data-testid="bt-cancel"
                    class:hidden=move || !running()
                    on:click=cancel
                >
                    "Cancel"
                </button>
                <progress
                    data-testid="bt-progress"
                    aria-label="Backtest progress (entries)"
                    class:hidden=move || !running()
                    max=progress_max
                    value=progress_value
                ></progress>
                <span class="bt-status" data-testid="bt-status" role="status" aria-live="polite">
                    {status}
                </span>
            </div>
            <div class="bt-results" class:hidden=move || result.with(|r| r.is_none())>
                <canvas
                    node_ref=canvas_ref
                    class="bt-chart"
                    data-testid="bt-chart"
                    role="img"
                    aria-label="Equity curves of the program: cumulative P/L in dollars by year, with the hedge (solid) and condor only (dashed)"
                ></canvas>
                <p class="field-error" role="alert">{move || draw_error.get()}</p>
                {move || result.get().map(|bt| results_view(&bt, compute_ms.get_untracked(), copied))}
            </div>
        </section>
    }
}

/// One row of the summary table: a figure without and with the hedge.
fn stat_row(
    name: &'static str,
    key: &'static str,
    condor: String,
    combined: String,
) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td class="num" data-testid=format!("bt-{key}-condor")>{condor}</td>
            <td class="num" data-testid=format!("bt-{key}-combined")>{combined}</td>
        </tr>
    }
}

/// The figures of a finished backtest, drawn once per result (static: no reactive closure per
/// cell, which keeps the page's first-load wasm small).
fn results_view(
    bt: &Arc<BacktestView>,
    compute_ms: Option<f64>,
    copied: RwSignal<bool>,
) -> impl IntoView {
    let row = |name, key, f: fn(&CurveStats) -> String| {
        stat_row(name, key, f(&bt.condor), f(&bt.combined))
    };
    let hedge_share = if bt.hedge_cost_share_of_credit.is_finite() {
        percent(bt.hedge_cost_share_of_credit, 1)
    } else {
        "n/a".to_string()
    };
    let tsv = years_tsv(bt);
    let copy = move |_| copied.set(copy_to_clipboard(&tsv));
    let year_rows = bt
        .years
        .iter()
        .map(|y| {
            view! {
                <tr data-testid=format!("bt-year-{}", y.year)>
                    <th scope="row">{y.year}</th>
                    <td class="num">{y.trades}</td>
                    <td class="num">{signed_dollars(y.condor)}</td>
                    <td class="num">{signed_dollars(y.hedge)}</td>
                    <td class="num">{signed_dollars(y.combined)}</td>
                    <td class="num">{dollars(y.condor_drawdown)}</td>
                    <td class="num">{dollars(y.combined_drawdown)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="bt-note" data-testid="bt-note">
            <strong>"What these figures are: "</strong>
            {bt.note.clone()}
        </p>
        <table class="bt-summary" data-testid="bt-summary">
            <caption>"Program figures ($ unless stated)"</caption>
            <thead>
                <tr>
                    <th scope="col"></th>
                    <th scope="col">"Condor only"</th>
                    <th scope="col">"With the hedge"</th>
                </tr>
            </thead>
            <tbody>
                {row("Total P/L", "total", |s| signed_dollars(s.total))}
                {row("Max drawdown", "max-drawdown", |s| {
                    format!("{} ({})", dollars(s.max_drawdown), percent(s.max_drawdown_fraction, 1))
                })}
                {row("Worst month", "worst-month", worst_month)}
                {row("CVaR 95% of monthly P/L (mean loss of the worst 5% of months)", "cvar", |s| {
                    dollars(s.monthly_cvar_95)
                })}
                {row("Sharpe ratio (annualised, monthly)", "sharpe", |s| ratio(s.sharpe))}
                {row("Sortino ratio (annualised, monthly)", "sortino", |s| ratio(s.sortino))}
            </tbody>
        </table>
        <dl class="bt-facts">
            <dt>"Hedge cost as a share of the condor credit"</dt>
            <dd data-testid="bt-hedge-share">{hedge_share}</dd>
            <dt>"Trades"</dt>
            <dd data-testid="bt-trades">{bt.trades.0}</dd>
            <dt>"Entries skipped (placement not valid that day)"</dt>
            <dd data-testid="bt-skipped">{bt.skipped.0}</dd>
            <dt>"Computed in (the worker's time: parse and backtest)"</dt>
            <dd data-testid="bt-compute-ms">{compute_ms.map(|ms| format!("{} ms", number(ms, 0)))}</dd>
            <dt>"Capital the ratios use"</dt>
            <dd data-testid="bt-capital">{dollars(bt.capital)}</dd>
        </dl>
        <div class="bt-years-head">
            <h3>"By year"</h3>
            <button type="button" class="secondary" data-testid="bt-copy-years" on:click=copy>
                "Copy table"
            </button>
            <span role="status" class="bt-copied">{move || copied.get().then_some("Copied.")}</span>
        </div>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Per-year table (scrolls)">
            <table class="bt-years" data-testid="bt-years">
                <caption class="sr-only">"Program P/L by calendar year, $"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Year"</th>
                        <th scope="col">"Trades"</th>
                        <th scope="col">"Condor P/L"</th>
                        <th scope="col">"Hedge P/L"</th>
                        <th scope="col">"Combined P/L"</th>
                        <th scope="col">"Condor drawdown"</th>
                        <th scope="col">"Combined drawdown"</th>
                    </tr>
                </thead>
                <tbody>{year_rows}</tbody>
            </table>
        </div>
    }
}
