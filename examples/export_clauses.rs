//! Writes every clause of an index as JSONL, one `{doc, line, lang, text, date, title}` object
//! per line, in document and clause order: the units that the peer engines of
//! `benches/peers/` index, read back from the index through the library so that every engine
//! sees exactly the clauses (and the text) that treatysearch ranks.
//!
//! ```sh
//! cargo run --release --example export_clauses -- --index DIR [--corpus DIR] [--out FILE]
//! ```
//!
//! `--corpus` names the corpus whose user dictionary the index was cut with (default
//! `corpus`); it is only needed to open the index, whose stored text does not depend on it.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use treatysearch::analyze::Analyzers;
use treatysearch::catalog;
use treatysearch::index::{ClauseIndex, Stale};

#[derive(Serialize)]
struct Exported<'a> {
    doc: &'a str,
    line: usize,
    lang: &'a str,
    text: &'a str,
    date: Option<String>,
    title: &'a str,
}

struct Args {
    index: PathBuf,
    corpus: PathBuf,
    out: Option<PathBuf>,
}

fn args() -> Result<Args> {
    let mut index = None;
    let mut corpus = PathBuf::from("corpus");
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .with_context(|| format!("{arg} needs a value"))
                .map(PathBuf::from)
        };
        match arg.as_str() {
            "--index" => index = Some(value()?),
            "--corpus" => corpus = value()?,
            "--out" => out = Some(value()?),
            other => bail!(
                "unknown argument {other} (usage: export_clauses --index DIR [--corpus DIR] [--out FILE])"
            ),
        }
    }
    Ok(Args {
        index: index.context("--index DIR is required")?,
        corpus,
        out,
    })
}

fn main() -> Result<()> {
    let args = args()?;
    let analyzers = Analyzers::for_corpus(&args.corpus)?;
    if !ClauseIndex::exists(&args.index) {
        bail!(
            "no index in {} (build it first with `treatysearch index`)",
            args.index.display()
        );
    }
    let index = match ClauseIndex::open(&args.index, &analyzers)? {
        Ok(index) => index,
        // Only stored fields are read: a changed user dictionary does not change them.
        Err(Stale::Dictionary(index)) => *index,
        Err(Stale::OtherVersion(why)) => bail!(
            "the index in {} cannot be read: {why} (run `treatysearch index --rebuild`)",
            args.index.display()
        ),
    };
    let sink: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut sink = BufWriter::new(sink);
    let (mut documents, mut clauses) = (0, 0);
    for summary in catalog::summaries(&index)? {
        let Some(record) = catalog::document(&index, &summary.info.id)? else {
            continue;
        };
        documents += 1;
        let info = &record.info;
        let date = info.date.map(|d| d.to_string());
        for clause in &record.clauses {
            let row = Exported {
                doc: &info.id,
                line: clause.line,
                lang: info.lang.as_str(),
                text: &clause.text,
                date: date.clone(),
                title: &info.title,
            };
            serde_json::to_writer(&mut sink, &row)?;
            sink.write_all(b"\n")?;
            clauses += 1;
        }
    }
    sink.flush()?;
    eprintln!("export_clauses: {documents} documents, {clauses} clauses");
    Ok(())
}
