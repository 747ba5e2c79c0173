//! Printer for `collocates`: an aligned table (CJK two columns wide), NDJSON or CSV.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown):
//! ```text
//! {"type":"collocate","data":{"rank":1,"word":"单边","term":"单边","lang":"zh",
//!   "window_count":12,"left_count":11,"right_count":1,"selection_count":40,"expected":0.41,
//!   "log_dice":11.2,"mi":4.86,
//!   "log_likelihood":70.3,"t_score":3.35}}          one per collocate, best first
//! {"type":"summary","data":{"command":"collocates","node":"制裁","terms":["制裁"],"lang":"zh",
//!   "window":5,"by":"logdice","min_freq":3,"stopwords":"default"|null,"node_count":60,
//!   "node_clause_count":52,"window_slot_count":540,"selection_token_count":2100000,
//!   "selection_clause_count":150000,"collocate_count":88,
//!   "inside":[{"word":"单边制裁","count":31}],"elapsed_ms":412.0}}
//! ```
//! `word` is the collocate as written (an English stem's commonest spelling), `term` as
//! indexed; `window_count` is O11 (left + right), `selection_count` its frequency in the
//! selection (C1),
//! `expected` E11; `log_likelihood` is signed (negative: fewer than expected). A measure that
//! cannot be computed is `null`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::Format;
use super::csv::{Cell, write_header, write_row};
use super::json::{schema_of, write_line};
use super::layout::{pad, thousands, width};
use crate::discourse::collocates::Collocate;
use crate::terminal::printable;

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub rank: usize,
    /// As written.
    pub word: &'a str,
    /// As indexed.
    pub term: &'a str,
    pub lang: &'a str,
    pub collocate: &'a Collocate,
}

/// What the table was made from.
#[derive(Debug, Clone)]
pub struct Summary<'a> {
    pub node: &'a str,
    pub terms: &'a [String],
    pub lang: &'a str,
    pub window: usize,
    pub by: &'a str,
    pub min_freq: u64,
    pub stopwords: Option<&'a str>,
    pub node_count: u64,
    pub node_clauses: usize,
    pub window_slots: u64,
    pub selection_tokens: u64,
    pub selection_clauses: usize,
    pub collocate_count: usize,
    /// Chinese words that hold the node inside them, with their frequency in the selection.
    pub inside: &'a [(String, u64)],
    pub elapsed_ms: f64,
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// One per collocate, best first.
    Collocate(CollocateJson<'a>),
    /// The last line.
    Summary(SummaryJson<'a>),
}

#[derive(Serialize, JsonSchema)]
struct CollocateJson<'a> {
    /// 1 for the best.
    rank: usize,
    /// As written (an English stem as its commonest spelling).
    word: &'a str,
    /// As indexed (a folded jieba word, an English stem).
    term: &'a str,
    /// `zh` or `en`: the layer of the node and its collocates.
    lang: &'a str,
    /// Occurrences in the windows around the node (O11): `left` + `right`.
    window_count: u64,
    left_count: u64,
    right_count: u64,
    /// Occurrences in the whole selection (C1).
    selection_count: u64,
    /// Expected occurrences in the windows (E11 = R1·C1/N).
    expected: Option<f64>,
    /// 14 + log2(2·O11 / (f(node) + C1)).
    log_dice: Option<f64>,
    /// log2(O11 / E11).
    mi: Option<f64>,
    /// Signed G²: negative when the pair co-occurs less often than expected.
    log_likelihood: Option<f64>,
    /// (O11 − E11) / √O11.
    t_score: Option<f64>,
}

#[derive(Serialize, JsonSchema)]
struct SummaryJson<'a> {
    /// `collocates`.
    command: &'static str,
    /// The node as given.
    node: &'a str,
    /// The node's terms as indexed (several: a phrase).
    terms: &'a [String],
    /// `zh` or `en`: which analyzed text was read.
    lang: &'a str,
    /// Words on each side.
    window: usize,
    /// The measure of the ranking: logdice, mi, ll, t or freq.
    by: &'a str,
    min_freq: u64,
    /// `default`, the file given, or `null` (no stop words).
    stopwords: Option<&'a str>,
    /// Occurrences of the node in the selection (f(node)).
    node_count: u64,
    /// Clauses with the node.
    node_clause_count: usize,
    /// Window positions around all occurrences (R1).
    window_slot_count: u64,
    /// Tokens of the node's language in the selection (N).
    selection_token_count: u64,
    /// Clauses of the selection.
    selection_clause_count: usize,
    /// Collocates that pass the filters (before `--limit`).
    collocate_count: usize,
    /// Chinese words that hold the node inside them (单边制裁 for 制裁), the ten most
    /// frequent in the selection: jieba keeps them whole, so they are not occurrences of the
    /// node. Empty for English and for phrases.
    inside: Vec<InsideJson<'a>>,
    elapsed_ms: f64,
}

#[derive(Serialize, JsonSchema)]
struct InsideJson<'a> {
    word: &'a str,
    /// Occurrences in the selection.
    count: u64,
}

/// Words holding the node that are listed.
const INSIDE_SHOWN: usize = 10;

pub(crate) fn schema() -> serde_json::Value {
    schema_of::<Message<'static>>()
}

pub(crate) fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// `x` with `places` decimals and commas between thousands, `–` when it cannot be computed.
pub(crate) fn number(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.places$}", x.abs());
    let (whole, decimals) = text.split_at(text.find('.').unwrap_or(text.len()));
    let whole = thousands(whole.parse().unwrap_or(0));
    let sign = if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    format!("{sign}{whole}{decimals}")
}

/// Right-aligned in `w` columns.
pub(crate) fn right(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
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
        let c = row.collocate;
        write_line(
            out,
            &Message::Collocate(CollocateJson {
                rank: row.rank,
                word: row.word,
                term: row.term,
                lang: row.lang,
                window_count: c.window,
                left_count: c.left,
                right_count: c.right,
                selection_count: c.selection,
                expected: finite(c.scores.expected),
                log_dice: finite(c.scores.log_dice),
                mi: finite(c.scores.mi),
                log_likelihood: finite(c.scores.log_likelihood),
                t_score: finite(c.scores.t_score),
            }),
        )?;
    }
    write_line(
        out,
        &Message::Summary(SummaryJson {
            command: "collocates",
            node: s.node,
            terms: s.terms,
            lang: s.lang,
            window: s.window,
            by: s.by,
            min_freq: s.min_freq,
            stopwords: s.stopwords,
            node_count: s.node_count,
            node_clause_count: s.node_clauses,
            window_slot_count: s.window_slots,
            selection_token_count: s.selection_tokens,
            selection_clause_count: s.selection_clauses,
            collocate_count: s.collocate_count,
            inside: s
                .inside
                .iter()
                .take(INSIDE_SHOWN)
                .map(|(word, count)| InsideJson {
                    word,
                    count: *count,
                })
                .collect(),
            elapsed_ms: s.elapsed_ms,
        }),
    )
}

const CSV_HEADER: [&str; 13] = [
    "rank",
    "collocate",
    "term",
    "lang",
    "window_count",
    "left_count",
    "right_count",
    "selection_count",
    "expected",
    "log_dice",
    "mi",
    "log_likelihood",
    "t_score",
];

fn write_csv(out: &mut dyn Write, rows: &[Row<'_>]) -> io::Result<()> {
    write_header(out, &CSV_HEADER)?;
    for row in rows {
        let c = row.collocate;
        write_row(
            out,
            &[
                Cell::Count(row.rank as u64),
                Cell::Text(row.word),
                Cell::Text(row.term),
                Cell::Text(row.lang),
                Cell::Count(c.window),
                Cell::Count(c.left),
                Cell::Count(c.right),
                Cell::Count(c.selection),
                Cell::Number(c.scores.expected),
                Cell::Number(c.scores.log_dice),
                Cell::Number(c.scores.mi),
                Cell::Number(c.scores.log_likelihood),
                Cell::Number(c.scores.t_score),
            ],
        )?;
    }
    Ok(())
}

/// Columns of the collocate before it is cut.
const WORD_COLUMNS: usize = 24;

fn write_text(out: &mut dyn Write, rows: &[Row<'_>], s: &Summary<'_>) -> io::Result<()> {
    let words: Vec<String> = rows
        .iter()
        .map(|r| super::layout::fit(&printable(r.word), WORD_COLUMNS))
        .map(|w| w.trim_end().to_string())
        .collect();
    let header = [
        "rank",
        "collocate",
        "window",
        "left",
        "right",
        "selection",
        "logDice",
        "MI",
        "LL",
        "t",
    ];
    let cells: Vec<[String; 10]> = rows
        .iter()
        .zip(&words)
        .map(|(r, w)| {
            let c = r.collocate;
            [
                r.rank.to_string(),
                w.clone(),
                thousands(c.window),
                thousands(c.left),
                thousands(c.right),
                thousands(c.selection),
                number(c.scores.log_dice, 2),
                number(c.scores.mi, 2),
                number(c.scores.log_likelihood, 1),
                number(c.scores.t_score, 2),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let lang = if s.lang == "zh" { "Chinese" } else { "English" };
    let phrase = if s.terms.len() > 1 {
        format!(", {} words in a row", s.terms.len())
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} ({lang}{phrase}, ±{}): {} in {}, {} window positions; N = {} {lang} words in {}",
        printable(s.node),
        s.window,
        plural(s.node_count, "occurrence"),
        plural(s.node_clauses as u64, "clause"),
        thousands(s.window_slots),
        thousands(s.selection_tokens),
        plural(s.selection_clauses as u64, "selected clause"),
    )?;
    if !s.inside.is_empty() {
        let shown: Vec<String> = s
            .inside
            .iter()
            .take(INSIDE_SHOWN)
            .map(|(w, n)| format!("{} {}", printable(w), thousands(*n)))
            .collect();
        writeln!(
            out,
            "not counted, the node inside longer words: {}{}",
            shown.join(", "),
            if s.inside.len() > INSIDE_SHOWN {
                format!(" … ({} words)", thousands(s.inside.len() as u64))
            } else {
                String::new()
            }
        )?;
    }
    writeln!(out)?;
    let line = |cells: &[String]| -> String {
        let mut parts = Vec::new();
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            parts.push(if i == 1 { pad(cell, w) } else { right(cell, w) });
        }
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
    writeln!(
        out,
        "{} of {} seen at least {} in the windows ({stop}; numbers left out), ranked by {}.",
        rows.len(),
        plural(s.collocate_count as u64, "collocate"),
        plural(s.min_freq, "time"),
        measure_name(s.by),
    )?;
    writeln!(out, "({:.1} ms)", s.elapsed_ms)
}

/// `1 clause`, `2,000 clauses`.
pub(crate) fn plural(n: u64, what: &str) -> String {
    format!("{} {what}{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// The measure of `--by` as the table's header names it.
pub(crate) fn measure_name(by: &str) -> &str {
    match by {
        "logdice" => "logDice",
        "mi" => "MI",
        "ll" => "log-likelihood (LL)",
        "t" => "t-score",
        "freq" => "frequency in the windows",
        "log-ratio" => "log ratio",
        "simple-maths" => "simple maths",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_thousands_and_a_sign() {
        assert_eq!(number(12345.678, 1), "12,345.7");
        assert_eq!(number(-1182.72, 1), "-1,182.7");
        assert_eq!(number(-0.001, 2), "0.00");
        assert_eq!(number(0.5, 2), "0.50");
        assert_eq!(number(f64::NAN, 2), "–");
        assert_eq!(number(999.99, 1), "1,000.0");
    }
}
