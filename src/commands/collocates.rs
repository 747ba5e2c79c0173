//! `collocates`: the words within a window of a node word, with their association measures.
//! Checks the flags, brings the index up to date, reads the clauses of the node from the
//! index (positions) and the frequencies of the selection (postings), and prints the table.

use std::io::{self, BufWriter, Write};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};

use super::fresh::refresh;
use super::outcome::{Outcome, outcome};
use crate::analyze::Analyzers;
use crate::cli::{AssociationMeasure, CollocatesArgs, ColorChoice};
use crate::discourse::clauses::Clauses;
use crate::discourse::collocates::{Node, Options, Rank, compounds, rank, window_counts};
use crate::discourse::forward::{Forward, Layer, Vocab, count_terms};
use crate::discourse::stopwords::StopWords;
use crate::discourse::surface::written_forms;
use crate::output::Format;
use crate::output::collocates::{self as print, Row, Summary};
use crate::output::json::millis;
use crate::request::{Folders, Paging, Request};
use crate::search::Query;

/// Largest `--window`: a clause is rarely longer, and a wider window is the whole clause.
const MAX_WINDOW: usize = 50;

/// A stop-word file larger than this is refused (a list of words, not a corpus).
const MAX_STOPWORDS_BYTES: u64 = 4 * 1024 * 1024;

/// The stop words of `--stopwords`: none, the built-in lists, or a file.
pub(super) fn stopwords(analyzers: &Analyzers, given: Option<&str>) -> Result<StopWords> {
    match given {
        None => Ok(StopWords::none()),
        Some("default") => Ok(StopWords::builtin(analyzers)),
        Some(file) => {
            let bytes = crate::input::read(file.as_ref(), MAX_STOPWORDS_BYTES, true)
                .map_err(|refusal| anyhow!("--stopwords {file}: {refusal}"))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| anyhow!("--stopwords {file}: not UTF-8 text"))?;
            Ok(StopWords::from_text(analyzers, &text))
        }
    }
}

fn measure(by: AssociationMeasure) -> (Rank, &'static str) {
    match by {
        AssociationMeasure::LogDice => (Rank::LogDice, "logdice"),
        AssociationMeasure::Mi => (Rank::Mi, "mi"),
        AssociationMeasure::LogLikelihood => (Rank::LogLikelihood, "ll"),
        AssociationMeasure::TScore => (Rank::TScore, "t"),
        AssociationMeasure::Freq => (Rank::Freq, "freq"),
    }
}

pub(super) fn run(at: &Folders, args: &CollocatesArgs) -> Result<Outcome> {
    let started = Instant::now();
    let word = args.word.join(" ");
    crate::discourse::word_or_phrase(&word, "collocates")?;
    if args.window == 0 || args.window > MAX_WINDOW {
        bail!("--window must be from 1 to {MAX_WINDOW} (words on each side of the node)");
    }
    if args.select.cross_lingual {
        bail!(
            "collocates reads one language at a time: leave out -x (the collocates of a Chinese word and of its English rendering are two runs)"
        );
    }
    let request = Request::new(
        &args.select,
        Paging {
            limit: args.limit,
            offset: 0,
        },
        args.format.json,
        ColorChoice::Never,
    )?;
    let format = Format::of(args.format.json, args.format.csv);
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let node = Node::analyze(&analyzers, &word, request.selection.lang)?;
    let stop = stopwords(&analyzers, args.stopwords.as_deref())?;
    let query = Query::parse(&node.query_text()).map_err(|e| anyhow!("invalid word: {e}"))?;
    let (index, report) = refresh(at, &analyzers)?;
    let filters = request.selection.filters(&index, &at.corpus)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let fields = &index.fields;
    let layer = node.layer;

    let selection = Clauses::selected(&searcher, &index, &filters)?;
    let with_node = Clauses::matching(&searcher, &index, &analyzers, &query, &filters)?;
    let mut vocab = Vocab::default();
    let ids: Vec<_> = node.terms.iter().map(|t| vocab.insert(layer, t)).collect();
    let mut forward = Forward::read(&searcher, fields, &with_node, &[layer], vocab)
        .context("cannot read the clauses of the node")?;
    let windows = window_counts(&forward, layer, &ids, args.window);
    let counts = count_terms(&searcher, fields, &selection, &[layer], &mut forward.vocab)
        .context("cannot count the words of the selection")?;
    let tokens = counts.tokens[Layer::BOTH.iter().position(|&l| l == layer).unwrap_or(0)];
    let (by, by_name) = measure(args.by);
    let ranked = rank(
        &windows,
        &forward.vocab,
        &counts,
        tokens,
        &Options {
            min_freq: args.min_freq,
            stop: &stop,
            by,
        },
    );
    let shown = if args.limit == 0 {
        &ranked[..]
    } else {
        &ranked[..ranked.len().min(args.limit)]
    };
    let terms: Vec<_> = shown.iter().map(|c| c.term).collect();
    let forms = written_forms(
        &searcher,
        fields,
        &analyzers,
        &forward.vocab,
        &terms,
        &with_node,
    )?;
    let inside: Vec<(String, u64)> = compounds(&node, &forward.vocab, &counts)
        .into_iter()
        .map(|(id, n)| (forward.vocab.term(id).to_string(), n))
        .collect();
    let lang = layer.lang().as_str();
    let rows: Vec<Row<'_>> = shown
        .iter()
        .zip(&forms)
        .enumerate()
        .map(|(i, (c, form))| Row {
            rank: i + 1,
            word: form,
            term: forward.vocab.term(c.term),
            lang,
            collocate: c,
        })
        .collect();
    let summary = Summary {
        node: &node.text,
        terms: &node.terms,
        lang,
        window: args.window,
        by: by_name,
        min_freq: args.min_freq.max(1),
        stopwords: args.stopwords.as_deref(),
        node_count: windows.node,
        node_clauses: windows.node_clauses,
        window_slots: windows.slots,
        selection_tokens: tokens,
        selection_clauses: counts.clause_count,
        collocate_count: ranked.len(),
        inside: &inside,
        elapsed_ms: millis(started.elapsed()),
    };
    let lang_name = if layer == Layer::Zh {
        "Chinese"
    } else {
        "English"
    };
    if counts.clause_count == 0 {
        eprintln!("treatysearch: the selection has no {lang_name} clause");
    } else if windows.node == 0 {
        let also = match inside.first() {
            Some((word, _)) => format!(
                " as a word of its own (only inside longer words, such as {word}: give one of them)"
            ),
            None => String::new(),
        };
        eprintln!(
            "treatysearch: {} is in no selected {lang_name} clause{also}",
            node.query_text(),
        );
    } else if ranked.is_empty() {
        eprintln!(
            "treatysearch: no collocate of {} is seen {} time{} or more in the windows (lower --min-freq, or widen --window)",
            node.query_text(),
            args.min_freq.max(1),
            if args.min_freq <= 1 { "" } else { "s" }
        );
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if !(format == Format::Text && ranked.is_empty()) {
        print::write(&mut out, &rows, &summary, format)?;
    }
    out.flush()?;
    Ok(outcome(&report, !ranked.is_empty()))
}
