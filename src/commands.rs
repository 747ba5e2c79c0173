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
use crate::index::{self, ClauseIndex, UpdateOptions, UpdateReport};
use crate::output::progress::IndexProgress;
use crate::output::{self, Color};
use crate::search::{self, Filters, Request};
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
    match &cli.command {
        Command::Query(args) => query(cli, args),
        Command::Index(args) => index(cli, args),
        Command::Parse(args) => parse_file(args),
        Command::List(args) => documents::list(cli, args),
        Command::Show(args) => documents::show(cli, args),
        Command::Stats(args) => documents::stats(cli, args),
        Command::Similar(args) => wording::similar(cli, args),
        Command::Timeline(args) => wording::timeline(cli, args),
        Command::Compare(args) => wording::compare(cli, args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    }
}

/// When to colour: `auto` asks the terminal and NO_COLOR.
fn color(choice: ColorChoice) -> Color {
    match choice {
        ColorChoice::Auto => Color::auto(),
        ColorChoice::Always => Color::Always,
        ColorChoice::Never => Color::Never,
    }
}

/// The outcome of a command that read the index: incomplete when the refresh skipped files
/// (as `query`), no hits when it found nothing.
fn outcome(report: &UpdateReport, found: bool) -> Outcome {
    if !report.warnings.is_empty() {
        Outcome::Incomplete
    } else if found {
        Outcome::Success
    } else {
        Outcome::NoHits
    }
}

fn query(cli: &Cli, args: &QueryArgs) -> Result<Outcome> {
    let text = args.query.join(" ");
    // Syntax errors are reported before any indexing work.
    search::syntax::parse(&text).map_err(|e| anyhow::anyhow!("invalid query: {e}"))?;
    let analyzers = Analyzers::for_corpus(&cli.corpus)?;
    let party = args.party.as_deref().map(|p| {
        crate::parse::parties::normalize_party(p)
            .map_or_else(|| p.trim().to_string(), str::to_string)
    });
    let party_also = args
        .party
        .as_deref()
        .map(crate::parse::parties::written_forms)
        .unwrap_or_default();
    let expansion = if args.cross_lingual {
        let glossary = wording::load_glossary(&cli.corpus, args.glossary.as_deref(), &analyzers)?;
        Some(
            search::expansion::expand(&text, &glossary, &analyzers).unwrap_or(
                search::expansion::Expansion {
                    query: text.clone(),
                    terms: Vec::new(),
                },
            ),
        )
    } else {
        None
    };
    let request = Request {
        query: expansion
            .as_ref()
            .map_or_else(|| text.clone(), |e| e.query.clone()),
        limit: args.limit,
        offset: args.offset,
        filters: Filters {
            lang: args.lang,
            party,
            party_also,
            doc: args.doc.clone(),
            since: args.since,
            until: args.until,
        },
    };
    let (mut results, report) = search_fresh(cli, &analyzers, &request)?;
    results.expansion = expansion;
    for hit in &mut results.hits {
        hit.doc.path = cli.corpus.join(&hit.doc.path).display().to_string();
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        output::json::write_results(&mut out, &text, args.offset, &results)?;
    } else {
        output::text::write_results(&mut out, &results, color(args.color))?;
    }
    out.flush()?;
    Ok(if !report.warnings.is_empty() {
        Outcome::Incomplete
    } else if results.total == 0 {
        Outcome::NoHits
    } else {
        Outcome::Success
    })
}

/// Answers a request from an index that is up to date with the corpus.
///
/// Whether it is takes one `stat` per corpus folder when the folders' modification times are
/// those of the last walk (`index::freshness`); otherwise the corpus is walked and the index
/// brought up to date first.
fn search_fresh(
    cli: &Cli,
    analyzers: &Analyzers,
    request: &Request,
) -> Result<(search::Results, UpdateReport)> {
    if ClauseIndex::exists(&cli.index)
        && cli.corpus.is_dir()
        // Any failure to open is met again, and reported, on the way through `refresh`.
        && let Ok(Ok(index)) = ClauseIndex::open(&cli.index, analyzers)
        && let Some(walk_warnings) =
            index::freshness::unchanged(&cli.index, &cli.corpus, &index.stamp.corpus)
    {
        let mut report = index::unchanged_report(&index, &cli.corpus);
        report.warnings.splice(0..0, walk_warnings);
        print_warnings(&report);
        return Ok((search::search(&index, analyzers, request)?, report));
    }
    let (index, report) = refresh(cli, analyzers)?;
    Ok((search::search(&index, analyzers, request)?, report))
}

/// Brings the index up to date before a query, saying so on stderr when it had to.
///
/// A query never waits for an `index` run in another process: it answers from the last
/// complete state, with a note. Nor does it fail because the index cannot be written (a
/// read-only folder, a full disk): the last complete state answers, with a warning, and the
/// exit code is 2 so that scripts notice. Only an index that cannot be read at all, or does
/// not exist yet, is waited for or reported as an error.
fn refresh(cli: &Cli, analyzers: &Analyzers) -> Result<(ClauseIndex, UpdateReport)> {
    let existed = ClauseIndex::exists(&cli.index);
    // Same wording as `index` for a missing corpus, before anything else is tried.
    let listing = corpus::list(&cli.corpus)?;
    let progress = IndexProgress::for_stderr(false);
    let options = UpdateOptions {
        progress: Some(&progress),
        when_locked: WhenLocked::Fail,
        ..UpdateOptions::default()
    };
    let started = std::time::Instant::now();
    let updated = if existed {
        index::update_walked(listing, &cli.corpus, &cli.index, analyzers, &options)
    } else {
        eprintln!(
            "treatysearch: no index in {} yet: building it from {} …",
            cli.index.display(),
            cli.corpus.display()
        );
        let options = UpdateOptions {
            when_locked: WhenLocked::WaitNoticing(&waiting_for_a_build),
            ..options
        };
        index::update_walked(listing, &cli.corpus, &cli.index, analyzers, &options)
    };
    progress.clear();
    let (index, report) = match updated {
        Ok(done) => done,
        Err(err) => last_complete_state(cli, analyzers, err, started)?,
    };
    print_warnings(&report);
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
    cli: &Cli,
    analyzers: &Analyzers,
    err: anyhow::Error,
    started: std::time::Instant,
) -> Result<(ClauseIndex, UpdateReport)> {
    let committed = match ClauseIndex::open(&cli.index, analyzers) {
        // An index that has never been committed (a first build under way) has no state to
        // answer from.
        Ok(Ok(index)) if !index.stamp.corpus.is_empty() => Some(index),
        _ => None,
    };
    let Some(index) = committed else {
        if err.downcast_ref::<IndexBusy>().is_some() {
            // A first build, or another version's index being rebuilt: wait for it.
            let options = UpdateOptions {
                when_locked: WhenLocked::WaitNoticing(&waiting_for_a_build),
                ..UpdateOptions::default()
            };
            return index::update_with(&cli.corpus, &cli.index, analyzers, &options);
        }
        return Err(err);
    };
    let mut report = index::unchanged_report(&index, &cli.corpus);
    report.elapsed = started.elapsed();
    if let Some(busy) = err.downcast_ref::<IndexBusy>() {
        eprintln!(
            "treatysearch: note: {} is updating the index; answering from its last complete state",
            busy.holder
        );
    } else {
        report.warnings.insert(
            0,
            corpus::Warning::noted(
                cli.index.clone(),
                format!("{err:#}; answering from the index as last completed, which may lag behind the corpus"),
            ),
        );
    }
    Ok((index, report))
}

/// What a query says when it must wait for another process to build the index first.
fn waiting_for_a_build(holder: &Holder) {
    eprintln!("treatysearch: waiting for {holder}, which is building the index …");
}

fn print_warnings(report: &UpdateReport) {
    for w in &report.warnings {
        eprintln!("treatysearch: warning: {w}");
    }
}

fn index(cli: &Cli, args: &IndexArgs) -> Result<Outcome> {
    let analyzers = Analyzers::for_corpus(&cli.corpus)?;
    let progress = IndexProgress::for_stderr(args.quiet);
    let notice = |holder: &Holder| {
        progress.clear();
        eprintln!("treatysearch: waiting for {holder}, which is updating the index …");
    };
    let options = UpdateOptions {
        rebuild: args.rebuild,
        progress: Some(&progress),
        when_locked: if args.no_wait {
            WhenLocked::Fail
        } else {
            WhenLocked::WaitNoticing(&notice)
        },
    };
    let (_, report) = index::update_with(&cli.corpus, &cli.index, &analyzers, &options)?;
    progress.clear();
    print_warnings(&report);
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
            cli.index.display(),
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

fn parse_file(args: &ParseArgs) -> Result<Outcome> {
    let path: &Path = &args.file;
    let loaded = corpus::load(path)
        .map_err(|reason| anyhow::anyhow!("{reason}"))
        .with_context(|| format!("cannot parse {}", path.display()))?;
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let doc = parse::parse_with_sidecar(&loaded.text, loaded.sidecar.as_deref(), &stem);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        #[derive(serde::Serialize)]
        struct Parsed<'a> {
            path: String,
            #[serde(flatten)]
            doc: &'a crate::model::Document,
        }
        output::json::write_line(
            &mut out,
            &Parsed {
                path: path.display().to_string(),
                doc: &doc,
            },
        )?;
    } else {
        output::text::write_document(&mut out, &path.display().to_string(), &doc)?;
    }
    out.flush()?;
    for warning in &doc.warnings {
        eprintln!("treatysearch: warning: {}: {warning}", path.display());
    }
    Ok(if doc.warnings.is_empty() {
        Outcome::Success
    } else {
        Outcome::Incomplete
    })
}
