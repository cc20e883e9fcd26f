//! The History backtest's Web Worker (issue 19): a second wasm module, built by Trunk from
//! index.html's `data-type="worker"` link and started by the page (`src/ui/history_worker.rs`)
//! only when a backtest first runs, so the program's run never blocks the page.
//!
//! Protocol ([`alvh::history::job`], values moved with serde-wasm-bindgen): the worker posts
//! `Ready` once its module is initialised; the page then posts one `BacktestJob`; the worker
//! answers with `Progress` messages (throttled to one per [`PROGRESS_INTERVAL_MS`], plus the
//! first and the last) and one `Done` or `Failed`. Cancelling is the page's: it terminates the
//! worker (the run is one synchronous call, so a cancel message could not be read before it
//! ends) and starts a new one next time. Natively this binary is a placeholder.

/// Shortest time between two progress messages, ms.
#[cfg(target_arch = "wasm32")]
const PROGRESS_INTERVAL_MS: f64 = 50.0;

#[cfg(target_arch = "wasm32")]
fn main() {
    use alvh::history::job::{run_job, BacktestJob, ProgressThrottle, WorkerReply};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        move |reply: &WorkerReply| {
            // A reply that cannot be converted is a bug; say so rather than go silent.
            let value = serde_wasm_bindgen::to_value(reply).unwrap_or_else(|e| {
                serde_wasm_bindgen::to_value(&WorkerReply::Failed {
                    message: format!("the worker could not send its result: {e}"),
                })
                .unwrap_or(JsValue::NULL)
            });
            // postMessage fails only for values that cannot be cloned, which these are not.
            let _ = scope.post_message(&value);
        }
    };
    // The worker's clock, ms (Date.now: millisecond resolution, enough for runs of 100 ms+).
    fn now_ms(_scope: &DedicatedWorkerGlobalScope) -> f64 {
        js_sys::Date::now()
    }
    let on_message = {
        let post = post.clone();
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let job: BacktestJob = match serde_wasm_bindgen::from_value(event.data()) {
                Ok(job) => job,
                Err(e) => {
                    post(&WorkerReply::Failed {
                        message: format!("the worker received an unreadable job: {e}"),
                    });
                    return;
                }
            };
            let mut throttle = ProgressThrottle::new(PROGRESS_INTERVAL_MS);
            let started_ms = now_ms(&scope);
            let result = run_job(&job, &mut |p| {
                if throttle.should_send(p, now_ms(&scope)) {
                    post(&WorkerReply::Progress {
                        done: p.done,
                        total: p.total,
                    });
                }
                true
            });
            post(&match result {
                Ok(backtest) => WorkerReply::Done {
                    backtest: Box::new(backtest),
                    compute_ms: now_ms(&scope) - started_ms,
                },
                Err(message) => WorkerReply::Failed { message },
            });
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&WorkerReply::Ready);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "alvh-worker is the browser's History backtest worker; natively use `alvh backtest`."
    );
}
