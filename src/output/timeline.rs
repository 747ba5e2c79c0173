//! Printer for `timeline`: counts per year with a bar chart in the terminal, or NDJSON.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown):
//! ```text
//! {"type":"year","data":{"year":2013,"clause_count":3,"document_count":1,
//!   "corpus_clause_count":34,"corpus_document_count":1,
//!   "clauses_per":88.235|null,"documents_share":1.0|null}}
//!                                     one per year, first use to last, gaps included
//! {"type":"summary","data":{"command":"timeline","query":"…","per":1000|null,
//!   "clause_count":4,"document_count":2,"undated":{"clause_count":0,"document_count":0},
//!   "first":{"date":"2013-07-16","doc":{…},"article":{…},"clause":9,"line":1,"text":"…"}|null,
//!   "last":{…}|null,"elapsed_ms":3.2}}
//! ```
//! `corpus_*` count all the clauses and documents of the index dated that year, to turn counts
//! into shares; `clause_count`/`document_count` of the summary count every match, dated or not.
//! `clauses_per` is the matching clauses per `per` clauses of that year (`--per N`; `null`
//! without it), `documents_share` the matching documents over that year's documents (0–1);
//! both are `null` for a year the index has nothing of.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::json::{ArticleJson, DocJson, millis, schema_of, write_line};
use super::layout::{article_name, thousands};
use super::text::Style;
use crate::model::ClauseArticle;
use crate::search::Hit;
use crate::terminal::printable;
use crate::timeline::Timeline;

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// One per year from the first use to the last, years without a match included.
    Year(YearJson),
    /// The last line.
    Summary(Box<SummaryJson<'a>>),
}

#[derive(Serialize, JsonSchema)]
struct YearJson {
    year: u16,
    /// Matching clauses of documents dated that year.
    clause_count: usize,
    /// Documents dated that year with at least one match.
    document_count: usize,
    /// All clauses of the index dated that year.
    corpus_clause_count: usize,
    /// All documents of the index dated that year.
    corpus_document_count: usize,
    /// Matching clauses per `per` clauses of that year (`--per N`); `null` without it or when
    /// the index has nothing of that year.
    clauses_per: Option<f64>,
    /// Matching documents over that year's documents (0–1); `null` when the index has nothing
    /// of that year.
    documents_share: Option<f64>,
}

#[derive(Serialize, JsonSchema)]
struct CountJson {
    clause_count: usize,
    document_count: usize,
}

/// A use of the query: the earliest or the latest matching clause.
#[derive(Serialize, JsonSchema)]
struct UseJson<'a> {
    /// The document's date (as `doc.date`).
    date: Option<&'a str>,
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    /// 0-based position of the clause in its document.
    clause: usize,
    line: usize,
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct SummaryJson<'a> {
    /// `timeline`.
    command: &'static str,
    query: &'a str,
    /// N of `--per N`, or `null`.
    per: Option<u32>,
    /// Every matching clause, dated or not.
    clause_count: usize,
    /// Every document with a match, dated or not.
    document_count: usize,
    /// Matches in undated documents (not in any year).
    undated: CountJson,
    /// The earliest dated use; `null` when no dated clause matches.
    first: Option<UseJson<'a>>,
    /// The latest dated use; `null` when no dated clause matches.
    last: Option<UseJson<'a>>,
    elapsed_ms: f64,
}

pub(crate) fn schema() -> serde_json::Value {
    schema_of::<Message<'static>>()
}

fn use_json(hit: &Hit) -> UseJson<'_> {
    UseJson {
        date: hit.doc.date.as_deref(),
        doc: DocJson::of(&hit.doc),
        article: ArticleJson::of_hit(hit),
        clause: hit.clause,
        line: hit.line,
        text: &hit.text,
    }
}

/// Columns of the longest bar.
const BAR: usize = 40;
/// Years without a match in a row from which they are printed as one line.
const QUIET_RUN: usize = 5;

/// The query between typographic quotes, once: `"color revolution"` (a phrase query) and
/// `color revolution` both read “color revolution”.
pub(crate) fn quoted(query: &str) -> String {
    let q = query.trim();
    let is_quote = |c: char| matches!(c, '"' | '“' | '”');
    let inner = q
        .strip_prefix(is_quote)
        .and_then(|r| r.strip_suffix(is_quote))
        .filter(|inner| !inner.contains(is_quote));
    format!("“{}”", inner.unwrap_or(q))
}

/// A bar of `value` out of `max`, in eighths of a column.
fn bar(value: f64, max: f64) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    if max <= 0.0 || value <= 0.0 {
        return String::new();
    }
    // At least one eighth, so that a year with one match is never blank.
    let eighths = ((value * (BAR * 8) as f64 / max).ceil() as usize).clamp(1, BAR * 8);
    "█".repeat(eighths / 8) + PARTS[eighths % 8]
}

/// A rate as a column shows it: two decimals below 10, one below 1000, none above.
pub(crate) fn rate(value: f64) -> String {
    if value == 0.0 {
        "0".to_string()
    } else if value < 10.0 {
        format!("{value:.2}")
    } else if value < 1000.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    }
}

/// A share as a percentage; a share above zero never reads 0%.
pub(crate) fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 0.5 {
        "<1%".to_string()
    } else {
        format!("{p:.0}%")
    }
}

/// Rounded for JSON, so that 0.1 + 0.2 does not show its binary noise.
fn rounded(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Writes the timeline; with `per`, the rates of each year beside the counts, and bars of the
/// rate.
pub fn write(
    out: &mut dyn Write,
    t: &Timeline,
    style: &Style,
    json: bool,
    per: Option<u32>,
) -> io::Result<()> {
    let elapsed_ms = millis(t.elapsed);
    if json {
        for y in &t.years {
            write_line(
                out,
                &Message::Year(YearJson {
                    year: y.year,
                    clause_count: y.clauses,
                    document_count: y.documents,
                    corpus_clause_count: y.corpus_clauses,
                    corpus_document_count: y.corpus_documents,
                    clauses_per: per.and_then(|n| y.clauses_per(n)).map(|v| rounded(v, 3)),
                    documents_share: y.documents_share().map(|v| rounded(v, 4)),
                }),
            )?;
        }
        return write_line(
            out,
            &Message::Summary(Box::new(SummaryJson {
                command: "timeline",
                query: &t.query,
                per,
                clause_count: t.total.clauses,
                document_count: t.total.documents,
                undated: CountJson {
                    clause_count: t.undated.clauses,
                    document_count: t.undated.documents,
                },
                first: t.first.as_ref().map(use_json),
                last: t.last.as_ref().map(use_json),
                elapsed_ms,
            })),
        );
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let span = match (t.years.first(), t.years.last()) {
        (Some(a), Some(b)) if a.year == b.year => format!(", {}", a.year),
        (Some(a), Some(b)) => format!(", {}–{}", a.year, b.year),
        _ => String::new(),
    };
    writeln!(
        out,
        "{}: {} in {}{span}",
        style.title(&quoted(&t.query)),
        plural(t.total.clauses, "clause"),
        plural(t.total.documents, "document")
    )?;
    for (name, hit) in [("first use", &t.first), ("last use ", &t.last)] {
        if let Some(hit) = hit {
            let article = ClauseArticle {
                part: hit.part,
                label: hit.article_label.clone(),
                number: hit.article_number.clone(),
                path: hit.article_path.clone(),
            };
            writeln!(
                out,
                "{name}  {}  {}  {}  {}",
                style.date(hit.doc.date.as_deref().unwrap_or("undated")),
                style.article(&article_name(&article)),
                style.dim(&hit.doc.id),
                printable(&hit.doc.title)
            )?;
        }
    }
    if !t.years.is_empty() {
        writeln!(out)?;
        // With --per, the bars show the rate: a year with a small index is not drowned by a
        // big one.
        let value = |y: &crate::timeline::Year| match per {
            Some(n) => y.clauses_per(n).unwrap_or(0.0),
            None => y.clauses as f64,
        };
        let max = t.years.iter().map(value).fold(0.0, f64::max);
        let per_head = per.map(|n| format!("per {}", thousands(u64::from(n))));
        // The rate column is as wide as its header or its widest value.
        let per_width = per.map_or(0, |n| {
            t.years
                .iter()
                .filter_map(|y| y.clauses_per(n))
                .map(|v| rate(v).len())
                .chain(per_head.as_ref().map(String::len))
                .max()
                .unwrap_or(0)
        });
        let header = match &per_head {
            Some(head) => format!("year  clauses  {head:>per_width$}  documents  share"),
            None => "year  clauses  documents".to_string(),
        };
        writeln!(out, "{}", style.dim(&header))?;
        let mut i = 0;
        while i < t.years.len() {
            let y = &t.years[i];
            // A long run of years without a match is one line, not a screenful.
            let empty = t.years[i..].iter().take_while(|y| y.clauses == 0).count();
            if empty >= QUIET_RUN {
                let to = t.years[i + empty - 1].year;
                writeln!(out, "{}", style.dim(&format!("{}–{to}  none", y.year)))?;
                i += empty;
                continue;
            }
            i += 1;
            let docs = format!("{} of {}", y.documents, y.corpus_documents);
            let bar = style.paint("34", &bar(value(y), max));
            match per {
                Some(n) => {
                    let r = y.clauses_per(n).map_or_else(|| "–".to_string(), rate);
                    let share = y.documents_share().map_or_else(|| "–".to_string(), percent);
                    writeln!(
                        out,
                        "{}  {:>7}  {r:>per_width$}  {docs:>9}  {share:>5}  {bar}",
                        y.year, y.clauses
                    )?
                }
                None => writeln!(out, "{}  {:>7}  {docs:>9}  {bar}", y.year, y.clauses)?,
            }
        }
    }
    if t.undated.clauses > 0 {
        writeln!(
            out,
            "undated: {} in {} (not in the chart)",
            plural(t.undated.clauses, "clause"),
            plural(t.undated.documents, "document")
        )?;
    }
    writeln!(out, "{}", style.dim(&format!("({elapsed_ms:.1} ms)")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_once() {
        assert_eq!(quoted("color revolution"), "“color revolution”");
        assert_eq!(quoted("\"color revolution\""), "“color revolution”");
        assert_eq!(quoted("\"a\" -\"b\""), "“\"a\" -\"b\"”");
    }

    #[test]
    fn bars_scale_to_the_longest_and_never_vanish() {
        assert_eq!(bar(10.0, 10.0).chars().count(), BAR);
        assert_eq!(bar(5.0, 10.0), "█".repeat(BAR / 2));
        assert_eq!(bar(1.0, 1000.0), "▏");
        assert_eq!(bar(0.0, 10.0), "");
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10), "10");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(rate(0.5234), "0.52");
        assert_eq!(rate(0.0), "0");
        assert_eq!(rate(42.57), "42.6");
        assert_eq!(rate(1500.0), "1500");
        assert_eq!(percent(0.004), "<1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
    }
}
