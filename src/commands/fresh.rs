//! The index brought up to date before a command reads it, and what a command says on stderr
//! about the corpus files it could not index.

use anyhow::Result;

use crate::analyze::Analyzers;
use crate::corpus;
use crate::index::lock::{Holder, IndexBusy, WhenLocked};
use crate::index::{self, ClauseIndex};
use crate::ingest::{self, UpdateOptions, UpdateReport};
use crate::output::progress::IndexProgress;
use crate::request::Folders;
use crate::timings;

/// The index opened while a second thread checks that it is up to date with the corpus
/// (`index::freshness::check`): a query searches meanwhile, and asks [`Checking::confirmed`]
/// before it shows anything. `None` when there is no index to open or it cannot be used as
/// it is: the caller goes through [`refresh`].
pub(super) fn open_while_checking(
    at: &Folders,
    analyzers: &Analyzers,
) -> Result<Option<(ClauseIndex, Checking)>> {
    index::ownership::check_apart(&at.corpus, &at.index)?;
    if !ClauseIndex::exists(&at.index) || !at.corpus.is_dir() {
        return Ok(None);
    }
    let (index_dir, corpus, follow) = (at.index.clone(), at.corpus.clone(), at.follow);
    let check = std::thread::Builder::new()
        .name("freshness".into())
        .spawn(move || {
            let unchanged = index::freshness::check(&index_dir, &corpus, follow);
            timings::mark("freshness check (second thread)");
            unchanged
        });
    // Without a thread (a process limit), the check runs when it is asked for.
    let check = check.map_err(|_| (at.index.clone(), at.corpus.clone(), at.follow));
    // Any failure to open is met again, and reported, on the way through `refresh`.
    let Ok(Ok(index)) = ClauseIndex::open(&at.index, analyzers) else {
        return Ok(None);
    };
    timings::mark("index open");
    Ok(Some((index, Checking { check })))
}

/// The check of [`open_while_checking`], under way.
pub(super) struct Checking {
    check: std::result::Result<
        std::thread::JoinHandle<Option<index::freshness::Unchanged>>,
        (std::path::PathBuf, std::path::PathBuf, bool),
    >,
}

impl Checking {
    /// What a command reports on an index found up to date (its warnings printed), or `None`
    /// when the corpus changed since (or the check failed): then the command must go through
    /// [`refresh`].
    pub(super) fn confirmed(self, index: &ClauseIndex, at: &Folders) -> Option<UpdateReport> {
        let unchanged = match self.check {
            // A panic in the check is a corpus to walk.
            Ok(handle) => handle.join().ok().flatten(),
            Err((index_dir, corpus, follow)) => {
                index::freshness::check(&index_dir, &corpus, follow)
            }
        };
        timings::mark("freshness confirmed");
        let unchanged = unchanged.filter(|u| u.vouches_for(&index.stamp.corpus))?;
        let mut report = ingest::unchanged_report(index, &at.corpus);
        report.warnings.splice(0..0, unchanged.warnings);
        summarize_warnings(&report);
        Some(report)
    }
}

/// Brings the index up to date before a query, saying so on stderr when it had to.
///
/// A query never waits for an `index` run in another process: it answers from the last
/// complete state, with a note. Nor does it fail because the index cannot be written (a
/// read-only folder, a full disk): the last complete state answers, with a warning, and the
/// exit code is 2 so that scripts notice. Only an index that cannot be read at all, or does
/// not exist yet, is waited for or reported as an error.
pub(super) fn refresh(at: &Folders, analyzers: &Analyzers) -> Result<(ClauseIndex, UpdateReport)> {
    // Refused before a word about building: a folder of someone else's, or of the corpus.
    index::ownership::check_apart(&at.corpus, &at.index)?;
    index::ownership::inspect(&at.index)?;
    let existed = ClauseIndex::exists(&at.index);
    // Same wording as `index` for a missing corpus, before anything else is tried.
    let listing = corpus::list(&at.corpus, at.follow)?;
    timings::mark("refresh: corpus walk");
    let progress = IndexProgress::for_stderr(false);
    let options = UpdateOptions {
        progress: Some(&progress),
        when_locked: WhenLocked::Fail,
        follow: at.follow,
        ..UpdateOptions::default()
    };
    let started = std::time::Instant::now();
    let updated = if existed {
        ingest::update(&at.corpus, &at.index, analyzers, &options, Some(listing))
    } else {
        eprintln!(
            "treatysearch: no index in {} yet: building it from {} …",
            at.index.display(),
            at.corpus.display()
        );
        let options = UpdateOptions {
            when_locked: WhenLocked::WaitAtMost(build_wait(), &waiting_for_a_build),
            ..options
        };
        ingest::update(&at.corpus, &at.index, analyzers, &options, Some(listing))
    };
    progress.clear();
    timings::mark("refresh: index open, update");
    let (index, report) = match updated {
        Ok(done) => done,
        Err(err) => last_complete_state(at, analyzers, err, started)?,
    };
    summarize_warnings(&report);
    if report.changed() || !existed {
        print_links(&report);
    }
    if let Some(why) = &report.rebuilt_because {
        eprintln!(
            "treatysearch: rebuilt the index ({why}): {} documents, {} clauses",
            report.documents, report.clauses
        );
    } else if report.dictionary_changed {
        eprintln!(
            "treatysearch: the user dictionary changed; Chinese documents cut again: {}",
            report.counts()
        );
    } else if !existed {
        eprintln!(
            "treatysearch: indexed {} documents, {} clauses in {:.2} s",
            report.documents,
            report.clauses,
            report.elapsed.as_secs_f64()
        );
    } else if report.changed() {
        eprintln!(
            "treatysearch: the corpus changed; index updated: {}",
            report.counts()
        );
    }
    Ok((index, report))
}

/// The index as last committed, for a query whose update failed with `err`; `err` itself when
/// that state cannot answer. Busy (another process is updating): a note. Any other failure:
/// a warning that makes the exit code 2.
fn last_complete_state(
    at: &Folders,
    analyzers: &Analyzers,
    err: anyhow::Error,
    started: std::time::Instant,
) -> Result<(ClauseIndex, UpdateReport)> {
    let committed = match ClauseIndex::open(&at.index, analyzers) {
        // An index that has never been committed (a first build under way) has no state to
        // answer from.
        Ok(Ok(index)) if !index.stamp.corpus.is_empty() => Some(index),
        _ => None,
    };
    let Some(index) = committed else {
        if err.downcast_ref::<IndexBusy>().is_some() {
            // A first build, or another version's index being rebuilt: wait for it.
            let options = UpdateOptions {
                when_locked: WhenLocked::WaitAtMost(build_wait(), &waiting_for_a_build),
                follow: at.follow,
                ..UpdateOptions::default()
            };
            return ingest::update(&at.corpus, &at.index, analyzers, &options, None);
        }
        return Err(err);
    };
    let mut report = ingest::unchanged_report(&index, &at.corpus);
    report.elapsed = started.elapsed();
    if let Some(busy) = err.downcast_ref::<IndexBusy>() {
        eprintln!(
            "treatysearch: note: {} is updating the index; answering from its last complete state",
            busy.holder
        );
    } else {
        report.degraded.push(
            corpus::Warning::noted(
                at.index.clone(),
                format!("{err:#}; answering from the index as last completed, which may lag behind the corpus"),
            ),
        );
    }
    Ok((index, report))
}

/// How long a query waits for another process's first build: 60 s, or
/// `TREATYSEARCH_BUILD_WAIT` seconds. A build that hangs (or a process that keeps the lock)
/// must not hang every query behind it.
fn build_wait() -> std::time::Duration {
    let secs = std::env::var("TREATYSEARCH_BUILD_WAIT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(60);
    std::time::Duration::from_secs(secs)
}

/// What a query says when it must wait for another process to build the index first.
fn waiting_for_a_build(holder: &Holder) {
    eprintln!("treatysearch: waiting for {holder}, which is building the index …");
}

/// One line for the symbolic links that were not followed: they are left out on purpose (as
/// ripgrep does), so they are a note, not a warning, and do not change the exit code.
pub(super) fn print_links(report: &UpdateReport) {
    let Some(first) = report.links.first() else {
        return;
    };
    let n = report.links.len();
    let more = match n {
        1 => String::new(),
        2 => format!(
            " and {}",
            crate::terminal::printable(&report.links[1].display().to_string())
        ),
        _ => format!(" and {} more", n - 1),
    };
    eprintln!(
        "treatysearch: note: {} not followed: {}{more} (--follow or TREATYSEARCH_FOLLOW=1 indexes what links point to)",
        if n == 1 {
            "1 symbolic link in the corpus".to_string()
        } else {
            format!("{n} symbolic links in the corpus")
        },
        crate::terminal::printable(&first.display().to_string())
    );
}

/// Every warning, one line each: what `index` says.
pub(super) fn print_warnings(report: &UpdateReport) {
    for w in report.degraded.iter().chain(&report.warnings) {
        eprintln!("treatysearch: warning: {w}");
    }
}

/// What a command that reads the index says about the corpus files it could not index: one
/// line with their number (`index` names each), after any problem with the index itself.
pub(super) fn summarize_warnings(report: &UpdateReport) {
    for w in &report.degraded {
        eprintln!("treatysearch: warning: {w}");
    }
    if let Some(line) = not_indexed_line(&report.warnings) {
        eprintln!("treatysearch: {line}");
    }
}

/// `3 files in the corpus are not indexed (`treatysearch index` lists them)`, or `None`.
fn not_indexed_line(warnings: &[corpus::Warning]) -> Option<String> {
    let skipped: std::collections::BTreeSet<_> = warnings
        .iter()
        .filter(|w| w.skipped)
        .map(|w| &w.path)
        .collect();
    let noted: std::collections::BTreeSet<_> = warnings
        .iter()
        .filter(|w| !w.skipped && !skipped.contains(&w.path))
        .map(|w| &w.path)
        .collect();
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    let what = match (skipped.len(), noted.len()) {
        (0, 0) => return None,
        (n, 0) => format!(
            "{n} {} in the corpus {} not indexed",
            files(n),
            if n == 1 { "is" } else { "are" }
        ),
        (0, m) => format!(
            "{m} {} in the corpus {} indexed with a warning",
            files(m),
            if m == 1 { "was" } else { "were" }
        ),
        (n, m) => format!(
            "{n} {} in the corpus {} not indexed and {m} {} indexed with a warning",
            files(n),
            if n == 1 { "is" } else { "are" },
            if m == 1 { "was" } else { "were" }
        ),
    };
    Some(format!("{what} (`treatysearch index` lists them)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn files_not_indexed_are_counted_in_one_line() {
        let skipped = |p: &str| corpus::Warning::skipped(PathBuf::from(p), "why");
        let noted = |p: &str| corpus::Warning::noted(PathBuf::from(p), "why");
        for (warnings, line) in [
            (vec![], None),
            (
                vec![skipped("a.pdf")],
                Some("1 file in the corpus is not indexed"),
            ),
            (
                vec![skipped("a.pdf"), skipped("b.pdf"), skipped("c.png")],
                Some("3 files in the corpus are not indexed"),
            ),
            (
                vec![noted("a.md"), noted("a.md")],
                Some("1 file in the corpus was indexed with a warning"),
            ),
            (
                vec![skipped("a.pdf"), noted("b.md"), noted("c.md")],
                Some("1 file in the corpus is not indexed and 2 were indexed with a warning"),
            ),
        ] {
            let got = not_indexed_line(&warnings);
            match line {
                None => assert_eq!(got, None),
                Some(line) => assert_eq!(
                    got.as_deref(),
                    Some(format!("{line} (`treatysearch index` lists them)").as_str())
                ),
            }
        }
    }
}
