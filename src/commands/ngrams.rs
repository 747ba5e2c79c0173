//! `ngrams`: recurring word sequences of the selection, or of the clauses that hold a word,
//! ranked by the documents that share them. The index is brought up to date first, as `query`
//! does.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::time::Instant;

use anyhow::{Result, anyhow, bail};

use super::fresh::refresh;
use super::outcome::{Outcome, outcome};
use crate::analyze::Analyzers;
use crate::catalog::ClauseOwners;
use crate::cli::NgramsArgs;
use crate::discourse::clauses::Clauses;
use crate::discourse::forward::{ClauseTokens, Forward, Layer, Vocab};
use crate::discourse::kwic::Needles;
use crate::discourse::ngrams::{self, ClauseDoc, Options, Texts};
use crate::output::Format;
use crate::output::ngrams::{self as print, Row, Table};
use crate::output::text::Style;
use crate::request::{Folders, Paging, Request};
use crate::search;

pub(super) fn run(at: &Folders, args: &NgramsArgs) -> Result<Outcome> {
    let started = Instant::now();
    let text = args.word.join(" ");
    let word = if text.trim().is_empty() {
        if !args.word.is_empty() {
            bail!("the word is empty: give a word or phrase, or none for all n-grams");
        }
        None
    } else {
        Some(crate::discourse::word_or_phrase(&text, "ngrams")?)
    };
    let sizes = ngrams::parse_sizes(&args.size).map_err(|e| anyhow!(e))?;
    let request = Request::new(
        &args.select,
        Paging {
            limit: args.limit,
            offset: 0,
        },
        args.format.json,
        args.color,
    )?;
    if request.selection.cross_lingual {
        bail!(
            "ngrams does not take --cross-lingual: an n-gram is a sequence of words of one \
             language (choose one with --lang)"
        );
    }
    let format = Format::of(args.format.json, args.format.csv);
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let filters = request.selection.filters(&index, &at.corpus)?;
    let sequences = match &word {
        Some(q) => Some(search::sequences(&index, &analyzers, q)?),
        None => None,
    };
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let selected = match &word {
        Some(q) => Clauses::matching(&searcher, &index, &analyzers, q, &filters)?,
        None => Clauses::selected(&searcher, &index, &filters)?,
    };
    let layers: Vec<Layer> = match request.selection.lang {
        Some(lang) => vec![Layer::of_lang(lang)],
        None => Layer::BOTH.to_vec(),
    };
    let forward = Forward::read(
        &searcher,
        &index.fields,
        &selected,
        &layers,
        Vocab::default(),
    )?;
    let clauses: Vec<ClauseTokens> = forward.clauses().collect();
    let needles = sequences.map(|s| Needles::new(&forward.vocab, &s));
    let owners = ClauseOwners::read(&searcher, &index.fields)?;
    let ordinals: HashMap<&str, u32> = owners
        .owners
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i as u32))
        .collect();
    let docs: Vec<Option<ClauseDoc>> = clauses
        .iter()
        .map(|c| {
            owners.owner(c.address).map(|o| ClauseDoc {
                ordinal: ordinals[o.id.as_str()],
                year: o.date.map(|d| d.year),
            })
        })
        .collect();
    let mut counted = ngrams::count(
        &clauses,
        &docs,
        needles.as_ref(),
        &Options {
            sizes: sizes.clone(),
            min_freq: args.min_freq,
            min_docs: args.min_docs,
        },
    );
    // The written form of the n-grams shown, those that run across the end of a sentence
    // left out.
    let limit = match args.limit {
        0 => usize::MAX,
        n => n,
    };
    let mut texts = Texts::default();
    let mut rows: Vec<Row> = Vec::new();
    let mut crossing = 0;
    let mut ties_end = 0;
    for i in 0..counted.ngrams.len() {
        if rows.len() >= limit {
            break;
        }
        if i == ties_end {
            ties_end = ngrams::order_ties(&mut counted.ngrams, i, &clauses, &forward.vocab);
        }
        let g = &counted.ngrams[i];
        let Some(mut written) = texts.written(
            &searcher,
            &index.fields,
            &analyzers,
            &forward.vocab,
            &clauses,
            g,
        )?
        else {
            continue;
        };
        if written.crosses_a_sentence() {
            crossing += 1;
            continue;
        }
        written.doc.path = at.corpus.join(&written.doc.path).display().to_string();
        let tokens: Vec<&str> = g
            .tokens(&clauses)
            .iter()
            .map(|&t| forward.vocab.term(t))
            .collect();
        rows.push(Row {
            rank: rows.len() + 1,
            ngram: g.clone(),
            tokens: tokens.join(" "),
            written,
        });
    }
    let table = Table {
        word: word.as_ref().map(|q| q.text.as_str()),
        sizes: (*sizes.start(), *sizes.end()),
        min_freq: args.min_freq,
        min_docs: args.min_docs,
        rows: &rows,
        ngrams: counted.ngrams.len(),
        crossing,
        clauses: counted.clauses,
        elapsed: started.elapsed(),
    };
    if rows.is_empty() && format == Format::Text {
        eprintln!(
            "treatysearch: no n-gram{} occurs at least {} time{} in {} document{}{}",
            word.as_ref()
                .map(|q| format!(" with {}", crate::output::timeline::quoted(&q.text)))
                .unwrap_or_default(),
            args.min_freq.max(1),
            if args.min_freq > 1 { "s" } else { "" },
            args.min_docs.max(1),
            if args.min_docs > 1 { "s" } else { "" },
            if counted.clauses == 0 {
                " (no clause of the selection has one)"
            } else {
                " (lower --min-freq or --min-docs)"
            }
        );
        return Ok(outcome(&report, false));
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print::write(&mut out, &table, &Style::new(request.output.color), format)?;
    out.flush()?;
    Ok(outcome(&report, !rows.is_empty()))
}
