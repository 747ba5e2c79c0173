//! `export`: every selected clause, analyzed by our analyzers, for a distributed search engine.
//! The index is brought up to date first, as `query` does; the clauses stream to stdout, or
//! into an `--out` folder with the engine's index definition and LOAD.md. Progress on stderr
//! when it is a terminal, then one summary line.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::fresh::refresh;
use super::outcome::{Outcome, outcome};
use crate::analyze::Analyzers;
use crate::cli::{ExportArgs, ExportFormat};
use crate::discourse::clauses::Clauses;
use crate::export::folder::{self, Folder};
use crate::export::{self, Engine, Summary};
use crate::request::Selection;

/// How long an export goes on before its bar appears (as `index`'s).
const REVEAL_AFTER: Duration = Duration::from_millis(300);

pub(super) fn run(at: &crate::request::Folders, args: &ExportArgs) -> Result<Outcome> {
    let started = Instant::now();
    let selection = Selection::new(&args.select)?;
    if selection.cross_lingual {
        bail!("export has no query for --cross-lingual to carry across languages: leave it out");
    }
    check_name(&args.name)?;
    let engine = match args.format {
        ExportFormat::Opensearch => Engine::OpenSearch,
        ExportFormat::Quickwit => Engine::Quickwit,
        ExportFormat::Typesense => Engine::Typesense,
    };
    // Refused before any indexing work: a folder of someone else's, or inside the corpus.
    if let Some(out) = &args.out {
        folder::check(out, &at.corpus, &at.index)?;
    }
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let filters = selection.filters(&index, &at.corpus)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let selected = Clauses::selected(&searcher, &index, &filters)?;
    // Not over the data itself when both go to the terminal.
    let bar = Bar::new(
        selected.len() as u64,
        args.out.is_some() || !io::stdout().is_terminal(),
    );
    let mut progress = |done: u64| bar.set(done);
    let written = |out: &mut dyn Write, progress: &mut dyn FnMut(u64)| {
        export::write(
            &searcher,
            &index.fields,
            &selected,
            &analyzers,
            engine,
            out,
            progress,
        )
    };
    let (summary, place) = match &args.out {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
            let summary = written(&mut out, &mut progress)?;
            out.flush()?;
            (summary, "stdout".to_string())
        }
        Some(dir) => {
            let folder = Folder::claim(dir, &at.corpus, &at.index)?;
            let (summary, bytes) =
                folder.write(engine.data_file(), |out| written(out, &mut progress))?;
            let (schema_name, schema) = engine.schema(&args.name);
            folder.write(schema_name, |out| Ok(out.write_all(schema.as_bytes())?))?;
            let load = engine.load_instructions(&args.name);
            folder.write(folder::LOAD, |out| Ok(out.write_all(load.as_bytes())?))?;
            // The files written, for scripts (`| xargs ls -l`); the summary goes to stderr.
            let mut stdout = io::stdout().lock();
            for name in [engine.data_file(), schema_name, folder::LOAD] {
                writeln!(stdout, "{}", folder.path(name).display())?;
            }
            stdout.flush()?;
            (
                summary,
                format!(
                    "{} ({})",
                    folder.path(engine.data_file()).display(),
                    megabytes(bytes)
                ),
            )
        }
    };
    bar.clear();
    print_summary(&summary, engine, &place, started.elapsed());
    Ok(outcome(&report, summary.clauses > 0))
}

/// A name every engine takes for an index or collection.
fn check_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let fits = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && (3..=100).contains(&name.len());
    if !fits {
        bail!(
            "--name {name:?} is not a name every engine takes: a lower-case letter, then lower-case letters, digits, - or _ (3 to 100 in all)"
        );
    }
    Ok(())
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn print_summary(summary: &Summary, engine: Engine, place: &str, took: Duration) {
    eprintln!(
        "treatysearch: exported {} clauses ({} Chinese, {} English) of {} documents for {} in {:.1} s to {place}",
        summary.clauses,
        summary.chinese,
        summary.english,
        summary.documents,
        engine.name(),
        took.as_secs_f64()
    );
}

/// The progress bar of an export: clauses written of those selected, on stderr when it is a
/// terminal, shown only once the export has lasted a moment.
struct Bar {
    bar: ProgressBar,
    may_draw: bool,
    started: Instant,
    shown: std::cell::Cell<bool>,
}

impl Bar {
    fn new(total: u64, may_draw: bool) -> Bar {
        let bar = ProgressBar::hidden();
        bar.set_length(total);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} exporting [{bar:30}] {human_pos}/{human_len} clauses  {per_sec}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Bar {
            bar,
            may_draw: may_draw && io::stderr().is_terminal(),
            started: Instant::now(),
            shown: std::cell::Cell::new(false),
        }
    }

    fn set(&self, done: u64) {
        self.bar.set_position(done);
        if self.may_draw && !self.shown.get() && self.started.elapsed() >= REVEAL_AFTER {
            self.shown.set(true);
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn clear(&self) {
        self.bar.finish_and_clear();
    }
}
