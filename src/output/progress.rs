//! The progress bar of long `index` runs: documents done / total, MB/s and time left, on
//! stderr, cleared when the run ends (the one-line summary follows).
//!
//! Drawn with `indicatif`, and only when it helps: when stderr is a terminal (never into a
//! pipe or a log file), not with `--quiet`, and only once the run has lasted a moment, so that
//! the usual quick update does not flash a bar.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ingest::Progress;

/// How long a run goes on before its bar appears.
const REVEAL_AFTER: Duration = Duration::from_millis(300);

/// A progress bar for [`crate::ingest::update`]; hidden until it is worth showing.
pub struct IndexProgress {
    bar: ProgressBar,
    /// False when the bar must never be drawn (stderr is not a terminal, or `--quiet`).
    may_draw: bool,
    shown: AtomicBool,
    started: Mutex<Option<Instant>>,
    documents: AtomicUsize,
    done: AtomicUsize,
}

impl IndexProgress {
    /// A bar that draws on stderr if it is a terminal and `quiet` is off.
    pub fn for_stderr(quiet: bool) -> IndexProgress {
        IndexProgress::new(!quiet && std::io::stderr().is_terminal())
    }

    /// A bar that draws only if `may_draw`.
    pub fn new(may_draw: bool) -> IndexProgress {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} indexing [{bar:30}] {msg}  {decimal_bytes_per_sec}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        IndexProgress {
            bar,
            may_draw,
            shown: AtomicBool::new(false),
            started: Mutex::new(None),
            documents: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
        }
    }

    /// True once the bar has been drawn.
    pub fn is_shown(&self) -> bool {
        self.shown.load(Ordering::Relaxed)
    }

    fn reveal_if_due(&self) {
        if !self.may_draw || self.is_shown() {
            return;
        }
        let due = self
            .started
            .lock()
            .ok()
            .and_then(|s| *s)
            .is_some_and(|s| s.elapsed() >= REVEAL_AFTER);
        if due && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Removes the bar from the terminal.
    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for IndexProgress {
    fn start(&self, documents: usize, bytes: u64) {
        if let Ok(mut started) = self.started.lock() {
            *started = Some(Instant::now());
        }
        self.documents.store(documents, Ordering::Relaxed);
        self.bar.set_length(bytes);
        self.bar.set_message(format!("0/{documents} documents"));
    }

    fn advance(&self, bytes: u64) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let documents = self.documents.load(Ordering::Relaxed);
        self.bar
            .set_message(format!("{done}/{documents} documents"));
        self.bar.inc(bytes);
        self.reveal_if_due();
    }

    fn finish(&self) {
        // What is left — tantivy's threads indexing the last documents and writing the
        // segments — has no count: a spinner says that work goes on.
        self.bar.set_style(
            ProgressStyle::with_template("{spinner} indexing: writing the index …")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.bar.enable_steady_tick(Duration::from_millis(120));
        self.reveal_if_due();
    }
}

impl Drop for IndexProgress {
    fn drop(&mut self) {
        self.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_drawn_where_it_may_not_be() {
        let progress = IndexProgress::new(false);
        progress.start(3, 300);
        std::thread::sleep(REVEAL_AFTER + Duration::from_millis(20));
        progress.advance(100);
        progress.finish();
        assert!(!progress.is_shown());
    }

    #[test]
    fn drawn_only_after_a_moment() {
        let progress = IndexProgress::new(true);
        progress.start(3, 300);
        progress.advance(100);
        assert!(!progress.is_shown(), "a quick run must not flash a bar");
        std::thread::sleep(REVEAL_AFTER + Duration::from_millis(20));
        progress.advance(100);
        assert!(progress.is_shown());
        progress.clear();
    }
}
