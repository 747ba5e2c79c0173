//! The commands: each turns validated arguments into calls on the library and hands the result
//! to a printer. Owns the user-facing messages on stderr (what was built, what was skipped).

mod documents;
mod shell;
mod wording;

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::analyze::Analyzers;
use crate::cli::{Cli, ColorChoice, Command, IndexArgs, ParseArgs, QueryArgs};
use crate::index::lock::{Holder, IndexBusy, WhenLocked};
use crate::index::{self, ClauseIndex};
use crate::ingest::{self, UpdateOptions, UpdateReport};
use crate::output::progress::IndexProgress;
use crate::output::{self, Color};
use crate::request::{Folders, Output, Paging, Request};
use crate::search;
use crate::{corpus, parse};

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Hits found, or the command did its job.
    Success,
    /// The query matched nothing.
    NoHits,
    /// The command did its job but some input was skipped (warnings were printed).
    Incomplete,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::NoHits => ExitCode::from(1),
            Outcome::Incomplete => ExitCode::from(2),
        }
    }
}

/// True when the error is a closed stdout (`| head`): not worth a message.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

pub fn run(cli: &Cli) -> Result<Outcome> {
    // The global flags once, as every command needs them: where the corpus and the index are.
    let at = &Folders::from(cli);
    match &cli.command {
        Command::Query(args) => query(at, args),
        Command::Index(args) => index(at, args),
        Command::Parse(args) => parse_file(args),
        Command::List(args) => documents::list(at, args),
        Command::Show(args) => documents::show(at, args),
        Command::Stats(args) => documents::stats(at, args),
        Command::Similar(args) => wording::similar(at, args),
        Command::Timeline(args) => wording::timeline(at, args),
        Command::Compare(args) => wording::compare(at, args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    }
}

/// When to colour: `auto` asks the terminal and NO_COLOR.
fn color(choice: ColorChoice) -> Color {
    Output::new(false, choice).color
}

/// The outcome of a command that read the index: incomplete when the index could not be
/// brought up to date, no hits when it found nothing. Files of the corpus that are not indexed
/// do not change it: `index` reports them (with exit 2), and a corpus that keeps its source
/// PDFs beside their text would otherwise fail every query.
fn outcome(report: &UpdateReport, found: bool) -> Outcome {
    if !report.degraded.is_empty() {
        Outcome::Incomplete
    } else if found {
        Outcome::Success
    } else {
        Outcome::NoHits
    }
}

fn query(at: &Folders, args: &QueryArgs) -> Result<Outcome> {
    let text = args.query.join(" ");
    // Syntax errors and contradictory flags are reported before any indexing work.
    let parsed = search::Query::parse(&text).map_err(|e| anyhow::anyhow!("invalid query: {e}"))?;
    let request = Request::new(
        &args.select,
        Paging {
            limit: args.limit,
            offset: args.offset,
        },
        args.json,
        args.color,
    )?;
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = fresh_index(at, &analyzers)?;
    let filters = request.selection.filters(&index, &at.corpus)?;
    let expansion = if request.selection.cross_lingual {
        let glossary = crate::glossary::load(
            &at.corpus,
            request.selection.glossary.as_deref(),
            &analyzers,
        )?;
        Some(
            search::expansion::expand(&parsed, &glossary, &analyzers).unwrap_or(
                search::expansion::Expansion {
                    query: text.clone(),
                    node: parsed.node.clone(),
                    terms: Vec::new(),
                },
            ),
        )
    } else {
        None
    };
    let search_request = search::Request {
        query: expansion
            .as_ref()
            .map_or_else(|| parsed.clone(), search::expansion::Expansion::searched),
        limit: request.paging.limit,
        offset: request.paging.offset,
        filters,
    };
    let mut results = search::search(&index, &analyzers, &search_request)?;
    results.expansion = expansion;
    for hit in &mut results.hits {
        hit.doc.path = at.corpus.join(&hit.doc.path).display().to_string();
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if request.output.json {
        output::json::write_results(&mut out, &text, &results)?;
    } else {
        let paragraphs = documents::paragraphs(&index, &results.hits)?;
        output::text::write_results(&mut out, &results, &paragraphs, request.output.color)?;
    }
    out.flush()?;
    Ok(outcome(&report, results.total > 0))
}

/// The index, up to date with the corpus.
///
/// Whether it is takes one `stat` per corpus folder when the folders' modification times are
/// those of the last walk (`index::freshness`); otherwise the corpus is walked and the index
/// brought up to date first.
fn fresh_index(at: &Folders, analyzers: &Analyzers) -> Result<(ClauseIndex, UpdateReport)> {
    index::ownership::check_apart(&at.corpus, &at.index)?;
    if ClauseIndex::exists(&at.index)
        && at.corpus.is_dir()
        // Any failure to open is met again, and reported, on the way through `refresh`.
        && let Ok(Ok(index)) = ClauseIndex::open(&at.index, analyzers)
        && let Some(walk_warnings) =
            index::freshness::unchanged(&at.index, &at.corpus, &index.stamp.corpus, at.follow)
    {
        let mut report = ingest::unchanged_report(&index, &at.corpus);
        report.warnings.splice(0..0, walk_warnings);
        summarize_warnings(&report);
        return Ok((index, report));
    }
    refresh(at, analyzers)
}

/// Brings the index up to date before a query, saying so on stderr when it had to.
///
/// A query never waits for an `index` run in another process: it answers from the last
/// complete state, with a note. Nor does it fail because the index cannot be written (a
/// read-only folder, a full disk): the last complete state answers, with a warning, and the
/// exit code is 2 so that scripts notice. Only an index that cannot be read at all, or does
/// not exist yet, is waited for or reported as an error.
fn refresh(at: &Folders, analyzers: &Analyzers) -> Result<(ClauseIndex, UpdateReport)> {
    // Refused before a word about building: a folder of someone else's, or of the corpus.
    index::ownership::check_apart(&at.corpus, &at.index)?;
    index::ownership::inspect(&at.index)?;
    let existed = ClauseIndex::exists(&at.index);
    // Same wording as `index` for a missing corpus, before anything else is tried.
    let listing = corpus::list(&at.corpus, at.follow)?;
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
fn print_links(report: &UpdateReport) {
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
fn print_warnings(report: &UpdateReport) {
    for w in report.degraded.iter().chain(&report.warnings) {
        eprintln!("treatysearch: warning: {w}");
    }
}

/// What a command that reads the index says about the corpus files it could not index: one
/// line with their number (`index` names each), after any problem with the index itself.
fn summarize_warnings(report: &UpdateReport) {
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

fn index(at: &Folders, args: &IndexArgs) -> Result<Outcome> {
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    if args.check {
        return check_index(at, &analyzers);
    }
    index::ownership::check_apart(&at.corpus, &at.index)?;
    // A damaged index (a truncated file, flipped bytes) is built again from the corpus rather
    // than reported as up to date: its answers could be wrong without any error.
    let mut rebuild = args.rebuild;
    if !rebuild && let Some(check) = damaged_index(at, &analyzers)? {
        eprintln!(
            "treatysearch: warning: the index in {} is damaged ({} of {} files: {}); building it again from the corpus",
            at.index.display(),
            check.damaged.len(),
            check.files,
            check.list(3)
        );
        rebuild = true;
    }
    let progress = IndexProgress::for_stderr(args.quiet);
    let notice = |holder: &Holder| {
        progress.clear();
        eprintln!("treatysearch: waiting for {holder}, which is updating the index …");
    };
    let options = UpdateOptions {
        rebuild,
        follow: at.follow,
        progress: Some(&progress),
        when_locked: if args.no_wait {
            WhenLocked::Fail
        } else {
            WhenLocked::WaitNoticing(&notice)
        },
        verify: args.verify,
    };
    let (_, report) = ingest::update(&at.corpus, &at.index, &analyzers, &options, None)?;
    progress.clear();
    print_warnings(&report);
    print_links(&report);
    if let Some(why) = &report.rebuilt_because {
        eprintln!("treatysearch: rebuilt the index: {why}");
    }
    if report.dictionary_changed {
        eprintln!("treatysearch: the user dictionary changed: Chinese documents are cut again");
    }
    if !args.quiet {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        writeln!(
            out,
            "{}: {}; {} documents, {} clauses in the index ({:.2} s)",
            at.index.display(),
            report.counts(),
            report.documents,
            report.clauses,
            report.elapsed.as_secs_f64()
        )?;
    }
    Ok(if report.warnings.is_empty() {
        Outcome::Success
    } else {
        Outcome::Incomplete
    })
}

/// The damage of the index in `at.index`, if it opens and some file fails its check. A
/// file that went missing because another process committed meanwhile (and tidied up) is no
/// damage: the check is made again on the new commit.
fn damaged_index(at: &Folders, analyzers: &Analyzers) -> Result<Option<index::integrity::Check>> {
    let meta = at.index.join("meta.json");
    for _ in 0..3 {
        if !ClauseIndex::exists(&at.index) {
            return Ok(None);
        }
        let before = std::fs::read(&meta).ok();
        // An index that does not open is met again, and reported, by the update.
        let index = match ClauseIndex::open(&at.index, analyzers) {
            Ok(Ok(index)) => index,
            Ok(Err(index::Stale::Dictionary(index))) => *index,
            _ => return Ok(None),
        };
        let Ok(check) = index::integrity::check(&index) else {
            return Ok(None);
        };
        if check.damaged.is_empty() {
            return Ok(None);
        }
        if std::fs::read(&meta).ok() == before {
            return Ok(Some(check));
        }
    }
    Ok(None)
}

/// `index --check`: every file of the index against its checksum; changes nothing.
fn check_index(at: &Folders, analyzers: &Analyzers) -> Result<Outcome> {
    if !ClauseIndex::exists(&at.index) {
        anyhow::bail!(
            "there is no index in {} to check (`treatysearch index` builds it)",
            at.index.display()
        );
    }
    let index = match ClauseIndex::open(&at.index, analyzers)? {
        Ok(index) => index,
        Err(index::Stale::Dictionary(index)) => *index,
        Err(index::Stale::OtherVersion(why)) => anyhow::bail!(
            "the index in {} is from another version ({why}): `treatysearch index` builds it again",
            at.index.display()
        ),
    };
    let check = index::integrity::check(&index)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if check.damaged.is_empty() {
        writeln!(
            out,
            "{}: all {} files intact",
            at.index.display(),
            check.files
        )?;
        return Ok(Outcome::Success);
    }
    for damage in &check.damaged {
        writeln!(
            out,
            "{}: {}",
            at.index.join(&damage.file).display(),
            damage.what
        )?;
    }
    out.flush()?;
    anyhow::bail!(
        "the index in {} is damaged: {} of {} files fail their check (`treatysearch index` builds it again)",
        at.index.display(),
        check.damaged.len(),
        check.files
    )
}

fn parse_file(args: &ParseArgs) -> Result<Outcome> {
    let path: &Path = &args.file;
    // A file named on the command line is read even through a link, as ripgrep does.
    let loaded = corpus::load(path, true)
        .map_err(|reason| anyhow::anyhow!("{reason}"))
        .with_context(|| format!("cannot parse {}", path.display()))?;
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let doc = parse::parse_with_sidecar(&loaded.text, loaded.sidecar.as_deref(), &stem);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        output::parse::write_json(&mut out, &path.display().to_string(), &doc)?;
    } else {
        output::text::write_document(&mut out, &path.display().to_string(), &doc)?;
    }
    out.flush()?;
    for warning in &doc.warnings {
        let line = format!("{}: {warning}", path.display());
        eprintln!(
            "treatysearch: warning: {}",
            crate::terminal::printable(&line)
        );
    }
    Ok(if doc.warnings.is_empty() {
        Outcome::Success
    } else {
        Outcome::Incomplete
    })
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
