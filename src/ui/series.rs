//! The SPX/VIX daily series the History view and the chart's History band work on: the
//! shipped file, fetched from the page's own origin the first time either needs it (never at
//! start-up: the first chart must not wait), or the user's own pasted or uploaded CSV.

use crate::history::DailyClose;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the shipped series is served (same origin; copied by index.html).
const SHIPPED_URL: &str = "history/spx_vix_daily.csv";

/// The series' state.
#[derive(Clone)]
pub enum Data {
    NotLoaded,
    Loading,
    Failed(String),
    Loaded {
        rows: Arc<Vec<DailyClose>>,
        /// True for the user's own CSV, false for the shipped series.
        own: bool,
    },
}

/// The series in use, shared by the History view and the chart (`Copy`).
#[derive(Clone, Copy)]
pub struct Series {
    pub data: RwSignal<Data>,
    /// The text of the series in use (for the program backtest's worker).
    pub csv: RwSignal<Option<Arc<str>>>,
}

impl Series {
    pub fn new() -> Series {
        Series {
            data: RwSignal::new(Data::NotLoaded),
            csv: RwSignal::new(None),
        }
    }

    /// Fetches and parses the shipped series (again, after a failure or to restore it).
    pub fn load_shipped(self) {
        self.data.set(Data::Loading);
        leptos::task::spawn_local(async move {
            match fetch_text(SHIPPED_URL).await {
                Ok(text) => match parse(&text) {
                    Ok(rows) => {
                        self.csv.set(Some(Arc::from(text.as_str())));
                        self.data.set(Data::Loaded {
                            rows: Arc::new(rows),
                            own: false,
                        });
                    }
                    Err(errs) => self.data.set(Data::Failed(format!(
                        "the shipped series does not parse: {}",
                        errs.join("; ")
                    ))),
                },
                Err(why) => self.data.set(Data::Failed(why)),
            }
        });
    }

    /// Starts loading the shipped series unless a series is loaded, loading or failed.
    pub fn ensure(self) {
        if matches!(self.data.get_untracked(), Data::NotLoaded) {
            self.load_shipped();
        }
    }

    /// Uses the user's own CSV text, or returns its errors one per line.
    pub fn use_own(self, text: &str) -> Result<(), Vec<String>> {
        let rows = parse(text)?;
        self.csv.set(Some(Arc::from(text)));
        self.data.set(Data::Loaded {
            rows: Arc::new(rows),
            own: true,
        });
        Ok(())
    }

    /// The rows, once loaded (tracked).
    pub fn rows(self) -> Option<Arc<Vec<DailyClose>>> {
        match self.data.get() {
            Data::Loaded { rows, .. } => Some(rows),
            _ => None,
        }
    }
}

/// Fetches a same-origin text file.
async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("this page has no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be fetched (network error)"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: no HTTP response"))?;
    if !response.ok() {
        return Err(format!(
            "{url}: HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let text = response
        .text()
        .map_err(|_| format!("{url}: the body cannot be read"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url}: the body is not text"))
}

/// The rows of a CSV text, or its errors one per line ("line N: why").
fn parse(text: &str) -> Result<Vec<DailyClose>, Vec<String>> {
    crate::history::parse_history_csv(text).map_err(|errs| {
        errs.iter()
            .map(|e| {
                if e.line == 0 {
                    e.message.clone()
                } else {
                    format!("line {}: {}", e.line, e.message)
                }
            })
            .collect()
    })
}
