//! Where the CPU time of a build goes, stage by stage: per-thread CPU time (not wall time, so
//! that a shared, loaded machine does not blur the shares), summed over every thread that
//! reads, parses, analyzes or indexes. Off unless [`enable`] was called (the build benchmark
//! `examples/build_stages.rs` does): a build then pays one relaxed load per measured call.
//!
//! What tantivy itself does with the tokens (postings, positions, the doc store, merges) is
//! not measured here: it is the process's CPU time minus every stage below.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// A measured stage of a build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading a file and decoding it to text (`corpus::load`).
    Read,
    /// Structure: articles, dates, parties, title (`parse`).
    Parse,
    /// Turning clauses into tantivy documents (`index::stored`).
    Encode,
    /// NFKC, case and traditional-to-simplified folding, before any cut.
    Normalize,
    /// Chinese words: jieba's cut and the tokens around it.
    Jieba,
    /// Chinese character bigrams.
    Bigram,
    /// English words (stems are counted under tantivy: the filter runs as it reads them).
    English,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Read,
        Stage::Parse,
        Stage::Encode,
        Stage::Normalize,
        Stage::Jieba,
        Stage::Bigram,
        Stage::English,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read and decode",
            Stage::Parse => "parse",
            Stage::Encode => "encode clause documents",
            Stage::Normalize => "normalize",
            Stage::Jieba => "jieba words",
            Stage::Bigram => "bigrams",
            Stage::English => "English words",
        }
    }
}

static ON: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; 7] = [const { AtomicU64::new(0) }; 7];

/// Starts measuring (for the rest of the process).
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// CPU seconds spent in each stage so far, on every thread.
pub fn totals() -> Vec<(Stage, f64)> {
    Stage::ALL
        .iter()
        .map(|&s| (s, NANOS[s as usize].load(Ordering::Relaxed) as f64 / 1e9))
        .collect()
}

/// The CPU time of the calling thread, in nanoseconds.
fn thread_cpu() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant of the platform.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// A running measurement: [`Timer::stop`] adds the thread's CPU time since [`start`] to a stage.
pub struct Timer(Option<u64>);

/// Starts measuring a stage on this thread (nothing when measuring is off).
#[inline]
pub fn start() -> Timer {
    Timer(ON.load(Ordering::Relaxed).then(thread_cpu))
}

impl Timer {
    /// Adds the time since the start to `stage`, and starts again (for the next stage).
    #[inline]
    pub fn lap(&mut self, stage: Stage) {
        if let Some(from) = self.0 {
            let now = thread_cpu();
            NANOS[stage as usize].fetch_add(now.saturating_sub(from), Ordering::Relaxed);
            self.0 = Some(now);
        }
    }

    /// Adds the time since the start to `stage`.
    #[inline]
    pub fn stop(mut self, stage: Stage) {
        self.lap(stage);
    }
}
