//! The page's side of the History backtest worker (`src/bin/alvh_worker.rs`): starts the
//! worker module (Trunk's loader shim `alvh-worker_loader.js`, fetched only now, never at page
//! load), sends it the job once it says it is ready, and hands every reply to a callback.
//! Dropping the [`WorkerRun`] terminates the worker: that is how a run is cancelled.

use crate::history::job::{BacktestJob, PageReply};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The worker's loader script, next to index.html in dist/ (Trunk's `data-loader-shim`).
pub const WORKER_SCRIPT: &str = "./alvh-worker_loader.js";

/// A running backtest in its own worker. Dropping it terminates the worker.
pub struct WorkerRun {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerRun {
    /// Starts a worker for `job`; `on_reply` receives its progress and its one final reply
    /// (`Done` or `Failed`; a worker that dies or cannot load is reported as `Failed`).
    pub fn start(
        job: &BacktestJob,
        on_reply: impl Fn(PageReply) + 'static,
    ) -> Result<WorkerRun, String> {
        let message = serde_wasm_bindgen::to_value(job)
            .map_err(|e| format!("the backtest could not be sent to its worker: {e}"))?;
        let worker = Worker::new(WORKER_SCRIPT)
            .map_err(|e| format!("the backtest worker could not start: {}", describe(&e)))?;
        let on_reply = std::rc::Rc::new(on_reply);
        let mut pending = Some(message);
        let on_message = {
            let worker = worker.clone();
            let on_reply = on_reply.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                match serde_wasm_bindgen::from_value::<PageReply>(event.data()) {
                    Ok(PageReply::Ready) => {
                        if let Some(job) = pending.take() {
                            if let Err(e) = worker.post_message(&job) {
                                on_reply(PageReply::Failed {
                                    message: format!(
                                        "the backtest could not be sent to its worker: {}",
                                        describe(&e)
                                    ),
                                });
                            }
                        }
                    }
                    Ok(reply) => on_reply(reply),
                    Err(e) => on_reply(PageReply::Failed {
                        message: format!("the backtest worker sent an unreadable reply: {e}"),
                    }),
                }
            })
        };
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            let what = event.message();
            on_reply(PageReply::Failed {
                message: if what.is_empty() {
                    "the backtest worker could not be loaded (alvh-worker_loader.js, \
                     alvh-worker.js and alvh-worker_bg.wasm must be served next to the page)"
                        .to_string()
                } else {
                    format!("the backtest worker stopped: {what}")
                },
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerRun {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }
}

impl Drop for WorkerRun {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// A thrown JavaScript value in words.
fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
