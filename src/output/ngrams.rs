//! Printer for `ngrams`: a ranked table of recurring word sequences as written, with their
//! frequency, number of documents, years and an example document; as NDJSON, or as CSV.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown):
//! ```text
//! {"type":"ngram","data":{"rank":1,"text":"互不干涉内政","tokens":"互不 干涉 内政","size":3,
//!   "occurrence_count":120,"document_count":80,"first_year":1990,"last_year":2023,
//!   "example":{"doc":{…},"article":{…},"clause":4,"line":9,"start":12,"end":30,
//!   "start_char":4,"end_char":10}}}        one per n-gram shown, the most shared first
//! {"type":"summary","data":{"command":"ngrams","word":"内政"|null,"size_min":3,"size_max":3,
//!   "min_freq":2,"min_docs":2,"ngram_count":812,"crossing_count":3,"returned":20,
//!   "clause_count":5120,"elapsed_ms":80.2}}
//! ```
//! `text` is the n-gram as its first occurrence writes it (punctuation inside kept), `tokens`
//! its terms as the index holds them (folded Chinese words, English stems) joined by spaces;
//! `start`/`end` are its byte span in the example clause's text (`start_char`/`end_char` in
//! characters). `first_year`/`last_year` are `null` when no document it occurs in is dated.

use std::io::{self, Write};
use std::time::Duration;

use schemars::JsonSchema;
use serde::Serialize;

use super::Format;
use super::csv::{Cell, write_header, write_row};
use super::json::{ArticleJson, DocJson, char_spans, millis, schema_of, write_line};
use super::kwic::flat;
use super::layout::thousands;
use super::layout::{article_name, fit, pad, width};
use super::text::Style;
use crate::discourse::ngrams::{Ngram, Written};

/// An n-gram to show.
pub struct Row {
    pub rank: usize,
    pub ngram: Ngram,
    /// Its terms joined by spaces.
    pub tokens: String,
    pub written: Written,
}

/// The n-grams shown and what they were counted over.
pub struct Table<'a> {
    /// The word or phrase every n-gram holds; `None`: all n-grams.
    pub word: Option<&'a str>,
    pub sizes: (usize, usize),
    pub min_freq: u64,
    pub min_docs: usize,
    /// Paths already joined to the corpus folder.
    pub rows: &'a [Row],
    /// N-grams that reach the minimums.
    pub ngrams: usize,
    /// Of those looked at, left out because they run across the end of a sentence.
    pub crossing: usize,
    /// Clauses counted (with at least one n-gram of the sizes asked).
    pub clauses: usize,
    pub elapsed: Duration,
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// One per n-gram shown.
    Ngram(Box<NgramJson<'a>>),
    /// The last line.
    Summary(SummaryJson<'a>),
}

#[derive(Serialize, JsonSchema)]
struct NgramJson<'a> {
    rank: usize,
    /// As its first occurrence writes it.
    text: &'a str,
    /// Its terms as indexed, joined by spaces.
    tokens: &'a str,
    /// Words in it.
    size: usize,
    /// Occurrences.
    occurrence_count: u64,
    /// Documents it occurs in.
    document_count: usize,
    /// Year of the earliest dated document it occurs in; `null` when none is dated.
    first_year: Option<u16>,
    last_year: Option<u16>,
    /// Its first occurrence.
    example: ExampleJson<'a>,
}

#[derive(Serialize, JsonSchema)]
struct ExampleJson<'a> {
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    /// 0-based position of the clause in its document.
    clause: usize,
    line: usize,
    /// Byte span of the n-gram in the clause's text.
    start: usize,
    end: usize,
    start_char: usize,
    end_char: usize,
}

#[derive(Serialize, JsonSchema)]
struct SummaryJson<'a> {
    /// `ngrams`.
    command: &'static str,
    /// The word or phrase every n-gram holds; `null` without one.
    word: Option<&'a str>,
    size_min: usize,
    size_max: usize,
    min_freq: u64,
    min_docs: usize,
    /// N-grams that reach both minimums.
    ngram_count: usize,
    /// N-grams looked at and left out because their example runs across the end of a
    /// sentence (。；;？！?!).
    crossing_count: usize,
    /// N-grams printed.
    returned: usize,
    /// Clauses counted.
    clause_count: usize,
    elapsed_ms: f64,
}

pub(crate) fn schema() -> serde_json::Value {
    schema_of::<Message<'static>>()
}

const COLUMNS: [&str; 13] = [
    "rank",
    "ngram",
    "tokens",
    "size",
    "occurrence_count",
    "document_count",
    "first_year",
    "last_year",
    "example_doc",
    "example_date",
    "example_article",
    "example_clause",
    "example_line",
];

/// Columns of the n-gram in the text table, at most.
const NGRAM_COLUMNS: usize = 60;

pub fn write(out: &mut dyn Write, t: &Table<'_>, style: &Style, format: Format) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, t),
        Format::Csv => write_csv(out, t),
        Format::Text => write_text(out, t, style),
    }
}

fn write_json(out: &mut dyn Write, t: &Table<'_>) -> io::Result<()> {
    for row in t.rows {
        let w = &row.written;
        let doc = w.doc.hit_doc();
        let [[start_char, end_char]] =
            char_spans(&w.clause.text, &[[w.span.start, w.span.end]])[..]
        else {
            unreachable!("one span in, one out")
        };
        write_line(
            out,
            &Message::Ngram(Box::new(NgramJson {
                rank: row.rank,
                text: &w.text,
                tokens: &row.tokens,
                size: row.ngram.len,
                occurrence_count: row.ngram.freq,
                document_count: row.ngram.docs,
                first_year: row.ngram.years.map(|y| y.0),
                last_year: row.ngram.years.map(|y| y.1),
                example: ExampleJson {
                    doc: DocJson::of(&doc),
                    article: ArticleJson::of(&w.clause.article),
                    clause: w.clause.index,
                    line: w.clause.line,
                    start: w.span.start,
                    end: w.span.end,
                    start_char,
                    end_char,
                },
            })),
        )?;
    }
    write_line(
        out,
        &Message::Summary(SummaryJson {
            command: "ngrams",
            word: t.word,
            size_min: t.sizes.0,
            size_max: t.sizes.1,
            min_freq: t.min_freq,
            min_docs: t.min_docs,
            ngram_count: t.ngrams,
            crossing_count: t.crossing,
            returned: t.rows.len(),
            clause_count: t.clauses,
            elapsed_ms: millis(t.elapsed),
        }),
    )
}

fn write_csv(out: &mut dyn Write, t: &Table<'_>) -> io::Result<()> {
    write_header(out, &COLUMNS)?;
    for row in t.rows {
        let w = &row.written;
        let g = &row.ngram;
        let year = |y: Option<u16>| y.map_or(Cell::Missing, |y| Cell::Count(u64::from(y)));
        let date = w.doc.date.map(|d| d.to_string());
        let article = article_name(&w.clause.article);
        write_row(
            out,
            &[
                Cell::Count(row.rank as u64),
                Cell::Text(&w.text),
                Cell::Text(&row.tokens),
                Cell::Count(g.len as u64),
                Cell::Count(g.freq),
                Cell::Count(g.docs as u64),
                year(g.years.map(|y| y.0)),
                year(g.years.map(|y| y.1)),
                Cell::Text(&w.doc.id),
                date.as_deref().map_or(Cell::Missing, Cell::Text),
                Cell::Text(&article),
                Cell::Count(w.clause.index as u64),
                Cell::Count(w.clause.line as u64),
            ],
        )?;
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{} {word}{}", count(n), if n == 1 { "" } else { "s" })
}

fn count(n: usize) -> String {
    thousands(n as u64)
}

fn write_text(out: &mut dyn Write, t: &Table<'_>, style: &Style) -> io::Result<()> {
    let size = match t.sizes {
        (a, b) if a == b => format!("{a}-grams"),
        (a, b) => format!("{a}- to {b}-grams"),
    };
    let holding = t
        .word
        .map(|w| format!(" with {}", super::timeline::quoted(w)))
        .unwrap_or_default();
    writeln!(
        out,
        "{}: {} in {} (at least {} in {})",
        style.title(&format!("{size}{holding}")),
        count(t.ngrams),
        plural(t.clauses, "clause"),
        plural(t.min_freq.max(1) as usize, "time"),
        plural(t.min_docs.max(1), "document"),
    )?;
    if t.rows.is_empty() {
        return writeln!(
            out,
            "{}",
            style.dim(&format!("({:.1} ms)", millis(t.elapsed)))
        );
    }
    let texts: Vec<String> = t
        .rows
        .iter()
        .map(|r| {
            let s = flat(&r.written.text);
            if width(&s) > NGRAM_COLUMNS {
                fit(&s, NGRAM_COLUMNS).trim_end().to_string()
            } else {
                s
            }
        })
        .collect();
    let years = |g: &Ngram| match g.years {
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a}–{b}"),
        None => "undated".to_string(),
    };
    let rank_w = t
        .rows
        .iter()
        .map(|r| r.rank.to_string().len())
        .max()
        .unwrap_or(1)
        .max(4);
    let text_w = texts.iter().map(|s| width(s)).max().unwrap_or(0).max(6);
    let freq_w = t
        .rows
        .iter()
        .map(|r| r.ngram.freq.to_string().len())
        .max()
        .unwrap_or(0)
        .max(4);
    let docs_w = t
        .rows
        .iter()
        .map(|r| r.ngram.docs.to_string().len())
        .max()
        .unwrap_or(0)
        .max(4);
    let years_w = t
        .rows
        .iter()
        .map(|r| width(&years(&r.ngram)))
        .max()
        .unwrap_or(0)
        .max(5);
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "{:>rank_w$}  {}  {:>freq_w$}  {:>docs_w$}  {}  example",
            "rank",
            pad("n-gram", text_w),
            "freq",
            "docs",
            pad("years", years_w)
        ))
    )?;
    for (row, text) in t.rows.iter().zip(&texts) {
        let line = format!(
            "{:>rank_w$}  {}  {:>freq_w$}  {:>docs_w$}  {}  {}",
            row.rank,
            pad(text, text_w),
            row.ngram.freq,
            row.ngram.docs,
            pad(&years(&row.ngram), years_w),
            style.dim(&crate::terminal::printable(&row.written.doc.id)),
        );
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    let mut notes = Vec::new();
    if t.rows.len() < t.ngrams {
        notes.push(format!("{} of {} shown", t.rows.len(), count(t.ngrams)));
    }
    if t.crossing > 0 {
        notes.push(format!(
            "{} left out: {} across the end of a sentence",
            t.crossing,
            if t.crossing == 1 {
                "it runs"
            } else {
                "they run"
            }
        ));
    }
    notes.push(format!("{:.1} ms", millis(t.elapsed)));
    writeln!(out, "{}", style.dim(&format!("({})", notes.join("; "))))
}
