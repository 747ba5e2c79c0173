//! The commands: each turns validated arguments into calls on the library and hands the result
//! to a printer. Owns the user-facing messages on stderr (what was built, what was skipped).

mod collocates;
mod documents;
mod export;
mod facets;
mod fresh;
mod keywords;
mod kwic;
mod ngrams;
mod outcome;
mod shell;
mod wording;

pub use outcome::{Outcome, is_broken_pipe};

use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::analyze::Analyzers;
use crate::cli::{Cli, Command, IndexArgs, ParseArgs, QueryArgs};
use crate::index::lock::{Holder, WhenLocked};
use crate::index::{self, ClauseIndex};
use crate::ingest::{self, UpdateOptions};
use crate::output;
use crate::output::progress::IndexProgress;
use crate::request::{Folders, Paging, Request};
use crate::search;
use crate::{corpus, parse};

use fresh::{print_links, print_warnings};
use outcome::outcome;

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
        Command::Kwic(args) => kwic::run(at, args),
        Command::Collocates(args) => collocates::run(at, args),
        Command::Keywords(args) => keywords::run(at, args),
        Command::Ngrams(args) => ngrams::run(at, args),
        Command::Facets(args) => facets::run(at, args),
        Command::Export(args) => export::run(at, args),
        Command::Similar(args) => wording::similar(at, args),
        Command::Timeline(args) => wording::timeline(at, args),
        Command::Compare(args) => wording::compare(at, args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    }
}

fn query(at: &Folders, args: &QueryArgs) -> Result<Outcome> {
    let text = args.query.join(" ");
    // Syntax errors and contradictory flags are reported before any indexing work.
    let parsed = search::Query::parse(&text).map_err(|e| anyhow::anyhow!("invalid query: {e}"))?;
    let mut request = Request::new(
        &args.select,
        Paging {
            limit: args.limit,
            offset: args.offset,
        },
        args.json,
        args.color,
    )?;
    request.output.explain = args.explain;
    crate::timings::mark("query parse");
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    crate::timings::mark("user dictionary");
    // The search runs while a second thread checks that the index is up to date; nothing is
    // shown before it says so. When the corpus changed, the index is brought up to date and
    // searched again.
    let (_index, report, answer) = match fresh::open_while_checking(at, &analyzers)? {
        Some((index, checking)) => {
            let first = answer(at, args, &text, &parsed, &request, &index, &analyzers);
            match checking.confirmed(&index, at) {
                Some(report) => (index, report, first?),
                None => {
                    drop(first);
                    let (index, report) = fresh::refresh(at, &analyzers)?;
                    let answer = answer(at, args, &text, &parsed, &request, &index, &analyzers)?;
                    (index, report, answer)
                }
            }
        }
        None => {
            let (index, report) = fresh::refresh(at, &analyzers)?;
            let answer = answer(at, args, &text, &parsed, &request, &index, &analyzers)?;
            (index, report, answer)
        }
    };
    let Answer {
        results,
        facets,
        paragraphs,
    } = answer;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if request.output.json {
        output::json::write_results(
            &mut out,
            &text,
            &results,
            &paragraphs,
            request.output.explain,
            facets.as_ref(),
        )?;
    } else {
        output::text::write_results(
            &mut out,
            &results,
            &paragraphs,
            request.output.color,
            request.output.explain,
        )?;
        if let Some(facets) = facets.as_ref().filter(|_| results.total > 0) {
            output::facets::write_after_hits(&mut out, facets)?;
        }
    }
    out.flush()?;
    crate::timings::mark("output");
    Ok(outcome(&report, results.total > 0))
}

/// What `query` shows: the results, the facets when asked for, the paragraph of each hit.
struct Answer {
    results: search::Results,
    facets: Option<crate::discourse::facets::Facets>,
    paragraphs: Vec<Option<usize>>,
}

/// The answer to `query` from `index`, not yet shown.
fn answer(
    at: &Folders,
    args: &QueryArgs,
    text: &str,
    parsed: &search::Query,
    request: &Request,
    index: &ClauseIndex,
    analyzers: &Analyzers,
) -> Result<Answer> {
    let filters = request.selection.filters(index, &at.corpus)?;
    crate::timings::mark("filters");
    let expansion = if request.selection.cross_lingual {
        let glossary =
            crate::glossary::load(&at.corpus, request.selection.glossary.as_deref(), analyzers)?;
        Some(
            search::expansion::expand(parsed, &glossary, analyzers).unwrap_or(
                search::expansion::Expansion {
                    query: text.to_string(),
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
        relax: !args.strict,
        collapse: !args.no_collapse,
        // Text output shows how many copies there are, JSON also names the first ones.
        identical_listed: if request.output.json {
            search::collapse::COPIES_LISTED
        } else {
            0
        },
        glossary: Some(search::fallback::GlossarySource {
            corpus: at.corpus.clone(),
            extra: request.selection.glossary.clone(),
        }),
    };
    // Counted before the search takes the filters, over every clause with all the words.
    let facets = if args.facets {
        Some(facets::count(
            at,
            index,
            analyzers,
            &request.selection,
            parsed,
            &search_request.filters,
        )?)
    } else {
        None
    };
    let mut results = search::search(index, analyzers, &search_request)?;
    results.expansion = expansion;
    for hit in &mut results.hits {
        hit.doc.path = at.corpus.join(&hit.doc.path).display().to_string();
    }
    let paragraphs = documents::paragraphs(index, &results.hits)?;
    crate::timings::mark("paragraphs (stored articles)");
    Ok(Answer {
        results,
        facets,
        paragraphs,
    })
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
