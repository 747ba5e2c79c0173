//! Where one process spends its time, stage by stage: the profile of a cold query.
//!
//! With `TREATYSEARCH_TIMINGS=1` in the environment, the code marks the end of each stage
//! ([`mark`]) and `main` prints, when the command has ended, one line per stage on stderr:
//! its wall time since the previous mark, the CPU time its thread spent meanwhile (on a
//! shared machine the wall time includes waiting for a core; the CPU time does not), and the
//! wall time since `main` began. A stage marked on another thread counts from the previous
//! mark of any thread for its wall time, and from the start of its thread for its CPU time.
//! Without the variable, a mark costs one load of a flag. What happens before `main` (the kernel starting the process, the dynamic
//! loader) and after it (unmapping, exit) is not seen here: `benches/cold_profile.sh` measures
//! it from outside.

use std::sync::Mutex;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The environment variable that turns the timings on.
pub const ENV: &str = "TREATYSEARCH_TIMINGS";

struct Marks {
    started: Instant,
    /// Stage, when it ended, the CPU time of its thread then, and the thread.
    stages: Vec<(&'static str, Instant, Duration, std::thread::ThreadId)>,
}

/// The CPU time of the calling thread so far.
#[cfg(unix)]
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a pointer to a timespec to fill.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        ts.tv_sec.max(0) as u64,
        ts.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

#[cfg(not(unix))]
fn thread_cpu() -> Duration {
    Duration::ZERO
}

static MARKS: OnceLock<Option<Mutex<Marks>>> = OnceLock::new();

fn marks() -> Option<&'static Mutex<Marks>> {
    MARKS
        .get_or_init(|| {
            let on = std::env::var_os(ENV).is_some_and(|v| !v.is_empty() && v != "0");
            on.then(|| {
                Mutex::new(Marks {
                    started: Instant::now(),
                    stages: Vec::new(),
                })
            })
        })
        .as_ref()
}

/// Starts the clock (when timings are on): the first thing `main` does.
pub fn start() {
    let _ = marks();
}

/// Marks the end of `stage`: the time since the previous mark is the stage's.
pub fn mark(stage: &'static str) {
    if let Some(marks) = marks() {
        let (now, cpu) = (Instant::now(), thread_cpu());
        marks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .stages
            .push((stage, now, cpu, std::thread::current().id()));
    }
}

/// One stage: its name, its wall time, its thread's CPU time, the wall time since the start.
pub type Stage = (&'static str, Duration, Duration, Duration);

/// Each stage in the order they ended; `None` when timings are off.
pub fn stages() -> Option<Vec<Stage>> {
    let marks = marks()?.lock().unwrap_or_else(|e| e.into_inner());
    let mut previous = marks.started;
    let mut cpu_of: Vec<(std::thread::ThreadId, Duration)> = Vec::new();
    Some(
        marks
            .stages
            .iter()
            .map(|&(stage, at, cpu, thread)| {
                let own = at.saturating_duration_since(previous);
                previous = at;
                let before = match cpu_of.iter_mut().find(|(t, _)| *t == thread) {
                    Some((_, last)) => std::mem::replace(last, cpu),
                    None => {
                        cpu_of.push((thread, cpu));
                        Duration::ZERO
                    }
                };
                let total = at.saturating_duration_since(marks.started);
                (stage, own, cpu.saturating_sub(before), total)
            })
            .collect(),
    )
}

/// The lines `main` prints: `timing: STAGE  0.123 ms wall  0.100 ms cpu  (total 1.234 ms)`.
pub fn lines() -> Vec<String> {
    let Some(stages) = stages() else {
        return Vec::new();
    };
    let width = stages.iter().map(|s| s.0.len()).max().unwrap_or(0);
    stages
        .into_iter()
        .map(|(stage, own, cpu, total)| {
            format!(
                "timing: {stage:<width$} {:>9.3} ms wall {:>9.3} ms cpu  (total {:.3} ms)",
                own.as_secs_f64() * 1e3,
                cpu.as_secs_f64() * 1e3,
                total.as_secs_f64() * 1e3
            )
        })
        .collect()
}

/// [`mark`], true: for a chain of `&&` conditions.
pub fn marked(stage: &'static str) -> bool {
    mark(stage);
    true
}
