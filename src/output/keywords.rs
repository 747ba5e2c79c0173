//! Printer for `keywords`: the two selections in words, then an aligned table (CJK two
//! columns wide), or NDJSON, or CSV.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown):
//! ```text
//! {"type":"keyword","data":{"rank":1,"word":"新时代","term":"新时代","lang":"zh",
//!   "focus_count":120,"focus_per_million":310.2,"reference_count":4,"reference_per_million":8.1,
//!   "log_likelihood":402.5,"log_ratio":5.25,"simple_maths":34.6}}   one per word, best first
//! {"type":"summary","data":{"command":"keywords",
//!   "focus":{"spec":"since:2018","description":"…","clause_count":12000,
//!   "token_count":{"zh":380000,"en":0}},"reference":{"spec":"until:2017",…},
//!   "overlap_clause_count":0,"by":"ll","smoothing":1.0,
//!   "min_freq":3,"negative":false,"stopwords":"default"|null,"keyword_count":5000,
//!   "elapsed_ms":640.0}}
//! ```
//! `log_likelihood` is signed: + when the word is relatively more frequent in the focus.
//! Frequencies per million count the tokens of the word's own language. A measure that cannot
//! be computed is `null`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::Format;
use super::collocates::{finite, measure_name, number, plural, right};
use super::csv::{Cell, write_header, write_row};
use super::json::{schema_of, write_line};
use super::layout::thousands;
use super::layout::{fit, pad, width};
use crate::discourse::keywords::Keyword;
use crate::terminal::printable;

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub rank: usize,
    pub word: &'a str,
    pub term: &'a str,
    pub lang: &'a str,
    pub keyword: &'a Keyword,
}

/// One of the two selections.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Side<'a> {
    /// As given to --focus / --ref.
    pub spec: &'a str,
    /// What it selects, in words (the selection flags included).
    pub description: &'a str,
    /// Clauses with at least one token.
    #[serde(rename = "clause_count")]
    pub clauses: usize,
    /// Tokens per language.
    #[serde(rename = "token_count")]
    pub tokens: Tokens,
}

#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub struct Tokens {
    pub zh: u64,
    pub en: u64,
}

/// What the table was made from.
#[derive(Debug, Clone)]
pub struct Summary<'a> {
    pub focus: Side<'a>,
    pub reference: Side<'a>,
    pub overlap_clauses: usize,
    pub by: &'a str,
    pub smoothing: f64,
    pub min_freq: u64,
    pub negative: bool,
    pub stopwords: Option<&'a str>,
    pub keyword_count: usize,
    pub elapsed_ms: f64,
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// One per word, best first.
    Keyword(KeywordJson<'a>),
    /// The last line.
    Summary(SummaryJson<'a>),
}

#[derive(Serialize, JsonSchema)]
struct KeywordJson<'a> {
    /// 1 for the best.
    rank: usize,
    /// As written (an English stem as its commonest spelling in the focus).
    word: &'a str,
    /// As indexed (a folded jieba word, an English stem).
    term: &'a str,
    /// `zh` or `en`.
    lang: &'a str,
    /// Occurrences in the focus.
    focus_count: u64,
    /// Per million tokens of the word's language in the focus.
    focus_per_million: f64,
    /// Occurrences in the reference.
    reference_count: u64,
    reference_per_million: f64,
    /// Signed G² (+: relatively more frequent in the focus).
    log_likelihood: Option<f64>,
    /// log2 of the ratio of relative frequencies, a zero count taken as 0.5.
    log_ratio: Option<f64>,
    /// (focus per million + N) / (reference per million + N).
    simple_maths: Option<f64>,
}

#[derive(Serialize, JsonSchema)]
struct SummaryJson<'a> {
    /// `keywords`.
    command: &'static str,
    focus: Side<'a>,
    reference: Side<'a>,
    /// Clauses in both selections (the reference `all` holds the whole focus).
    overlap_clause_count: usize,
    /// The measure of the ranking: ll, log-ratio or simple-maths.
    by: &'a str,
    /// N of simple maths.
    smoothing: f64,
    min_freq: u64,
    /// True: the words the focus uses less (underused) were listed.
    negative: bool,
    /// `default`, the file given, or `null`.
    stopwords: Option<&'a str>,
    /// Words that pass the filters (before `--limit`).
    keyword_count: usize,
    elapsed_ms: f64,
}

pub(crate) fn schema() -> serde_json::Value {
    schema_of::<Message<'static>>()
}

pub fn write(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    summary: &Summary<'_>,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Text => write_text(out, rows, summary),
        Format::Csv => write_csv(out, rows),
        Format::Json => write_json(out, rows, summary),
    }
}

fn write_json(out: &mut dyn Write, rows: &[Row<'_>], s: &Summary<'_>) -> io::Result<()> {
    for row in rows {
        let k = row.keyword;
        write_line(
            out,
            &Message::Keyword(KeywordJson {
                rank: row.rank,
                word: row.word,
                term: row.term,
                lang: row.lang,
                focus_count: k.focus,
                focus_per_million: k.focus_per_million,
                reference_count: k.reference,
                reference_per_million: k.reference_per_million,
                log_likelihood: finite(k.scores.log_likelihood),
                log_ratio: finite(k.scores.log_ratio),
                simple_maths: finite(k.scores.simple_maths),
            }),
        )?;
    }
    write_line(
        out,
        &Message::Summary(SummaryJson {
            command: "keywords",
            focus: s.focus.clone(),
            reference: s.reference.clone(),
            overlap_clause_count: s.overlap_clauses,
            by: s.by,
            smoothing: s.smoothing,
            min_freq: s.min_freq,
            negative: s.negative,
            stopwords: s.stopwords,
            keyword_count: s.keyword_count,
            elapsed_ms: s.elapsed_ms,
        }),
    )
}

const CSV_HEADER: [&str; 11] = [
    "rank",
    "word",
    "term",
    "lang",
    "focus_count",
    "focus_per_million",
    "reference_count",
    "reference_per_million",
    "log_likelihood",
    "log_ratio",
    "simple_maths",
];

fn write_csv(out: &mut dyn Write, rows: &[Row<'_>]) -> io::Result<()> {
    write_header(out, &CSV_HEADER)?;
    for row in rows {
        let k = row.keyword;
        write_row(
            out,
            &[
                Cell::Count(row.rank as u64),
                Cell::Text(row.word),
                Cell::Text(row.term),
                Cell::Text(row.lang),
                Cell::Count(k.focus),
                Cell::Number(k.focus_per_million),
                Cell::Count(k.reference),
                Cell::Number(k.reference_per_million),
                Cell::Number(k.scores.log_likelihood),
                Cell::Number(k.scores.log_ratio),
                Cell::Number(k.scores.simple_maths),
            ],
        )?;
    }
    Ok(())
}

/// Columns of a word before it is cut.
const WORD_COLUMNS: usize = 24;

fn side_line(name: &str, side: &Side<'_>) -> String {
    let mut tokens = Vec::new();
    if side.tokens.zh > 0 {
        tokens.push(format!("{} Chinese", thousands(side.tokens.zh)));
    }
    if side.tokens.en > 0 {
        tokens.push(format!("{} English", thousands(side.tokens.en)));
    }
    let tokens = if tokens.is_empty() {
        "no words".to_string()
    } else {
        format!("{} words", tokens.join(" + "))
    };
    format!(
        "{name}{}: {} — {}, {tokens}",
        printable(side.spec),
        printable(side.description),
        plural(side.clauses as u64, "clause"),
    )
}

fn write_text(out: &mut dyn Write, rows: &[Row<'_>], s: &Summary<'_>) -> io::Result<()> {
    writeln!(out, "{}", side_line("focus     ", &s.focus))?;
    writeln!(out, "{}", side_line("reference ", &s.reference))?;
    if s.overlap_clauses > 0 {
        writeln!(
            out,
            "          (both hold the same {})",
            plural(s.overlap_clauses as u64, "clause")
        )?;
    }
    writeln!(out)?;
    let header = [
        "rank",
        "word",
        "focus",
        "per M",
        "reference",
        "per M",
        "LL",
        "log ratio",
        "simple maths",
    ];
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|r| {
            let k = r.keyword;
            [
                r.rank.to_string(),
                fit(&printable(r.word), WORD_COLUMNS).trim_end().to_string(),
                thousands(k.focus),
                number(k.focus_per_million, 1),
                thousands(k.reference),
                number(k.reference_per_million, 1),
                number(k.scores.log_likelihood, 1),
                number(k.scores.log_ratio, 2),
                number(k.scores.simple_maths, 2),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| if i == 1 { pad(cell, w) } else { right(cell, w) })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    writeln!(out, "{}", line(&head))?;
    for row in &cells {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(out)?;
    let stop = match s.stopwords {
        Some(list) => format!("stop words: {}", printable(list)),
        None => "no stop words".to_string(),
    };
    let (which, there) = if s.negative {
        ("rarer in the focus", "in the reference")
    } else {
        ("more frequent in the focus", "there")
    };
    writeln!(
        out,
        "{} of {} {which}, seen at least {} {there} ({stop}; numbers left out), ranked by {}; simple maths with N = {}.",
        rows.len(),
        plural(s.keyword_count as u64, "word"),
        plural(s.min_freq, "time"),
        measure_name(s.by),
        s.smoothing,
    )?;
    writeln!(out, "({:.1} ms)", s.elapsed_ms)
}
