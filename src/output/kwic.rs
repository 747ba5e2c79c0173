//! Printer for `kwic`: concordance lines aligned on the match (the left context right-aligned,
//! the match, the right context, then the document, its date and the article), as NDJSON, or
//! as CSV.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown):
//! ```text
//! {"type":"line","data":{"n":1,"doc":{…},"article":{…},"clause":3,"line":12,"lang":"zh",
//!   "left":"…","match":"内政","right":"…","position":7,"start":21,"end":27,
//!   "start_char":7,"end_char":9}}          one per line shown, in the order asked
//! {"type":"summary","data":{"command":"kwic","query":"内政","sort":"l1","unit":"chars",
//!   "width":30,"line_count":412,"clause_count":380,"document_count":96,"returned":50,
//!   "offset":0,"unplaced_count":0,"elapsed_ms":48.1}}
//! ```
//! `left`, `match` and `right` are exact slices of the clause's text, one after the other;
//! `start`/`end` are the byte span of the match in that text, `start_char`/`end_char` the same
//! in characters (Unicode scalar values), as hits count their highlights. `position` is the
//! token position of the match in the clause (`--unit words` counts these tokens).

use std::io::{self, Write};
use std::time::Duration;

use schemars::JsonSchema;
use serde::Serialize;

use super::Format;
use super::csv::{Cell, write_header, write_row};
use super::json::{ArticleJson, DocJson, char_spans, millis, schema_of, write_line};
use super::layout::{article_name, pad, width};
use super::text::Style;
use super::timeline::quoted;
use crate::discourse::kwic::{Line, Totals};
use crate::terminal::printable;

/// A page of concordance lines and what it is a page of.
pub struct Concordance<'a> {
    pub query: &'a str,
    /// The lines shown, paths already joined to the corpus folder.
    pub lines: &'a [Line],
    pub totals: Totals,
    /// Lines skipped before the first shown.
    pub offset: usize,
    /// `--sort` as typed on the command line, in lower case.
    pub sort: &'a str,
    /// `chars` or `words`.
    pub unit: &'a str,
    pub width: usize,
    /// Occurrences of the page whose tokens could not be placed in their text.
    pub unplaced: usize,
    pub elapsed: Duration,
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// One per line shown.
    Line(Box<LineJson<'a>>),
    /// The last line.
    Summary(SummaryJson<'a>),
}

#[derive(Serialize, JsonSchema)]
struct LineJson<'a> {
    /// 1-based number of the line in the sorted concordance (`--offset` included).
    n: usize,
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    /// 0-based position of the clause in its document.
    clause: usize,
    /// 1-based line of the file where the clause starts.
    line: usize,
    /// `zh` or `en`: the language of the clause's tokens.
    #[schemars(schema_with = "super::json::lang_schema")]
    lang: &'static str,
    /// The context before the match, as written (cut to `--width`).
    left: &'a str,
    /// The match as written.
    #[serde(rename = "match")]
    matched: &'a str,
    /// The context after the match, as written.
    right: &'a str,
    /// Token position of the match's first token in the clause (0-based).
    position: usize,
    /// Byte span of the match in the clause's text.
    start: usize,
    end: usize,
    /// The same span in characters.
    start_char: usize,
    end_char: usize,
}

#[derive(Serialize, JsonSchema)]
struct SummaryJson<'a> {
    /// `kwic`.
    command: &'static str,
    query: &'a str,
    /// `doc`, `date`, `l1`–`l3`, `r1`–`r3`.
    sort: &'a str,
    /// What `width` counts: `chars` (terminal columns: a Chinese character counts two) or
    /// `words`.
    unit: &'a str,
    width: usize,
    /// Every occurrence of the query's words and phrases in the matching clauses.
    line_count: usize,
    /// Clauses with at least one line.
    clause_count: usize,
    /// Documents with at least one line.
    document_count: usize,
    /// Lines printed.
    returned: usize,
    /// Lines skipped before the first printed (`--offset`).
    offset: usize,
    /// Occurrences of the page left out because their words could not be placed in the
    /// clause's text (0 but for a corrupted index).
    unplaced_count: usize,
    elapsed_ms: f64,
}

pub(crate) fn schema() -> serde_json::Value {
    schema_of::<Message<'static>>()
}

/// The CSV columns.
const COLUMNS: [&str; 16] = [
    "n",
    "doc",
    "date",
    "article",
    "clause",
    "line",
    "lang",
    "left",
    "match",
    "right",
    "position",
    "start",
    "end",
    "start_char",
    "end_char",
    "title",
];

/// Writes the concordance.
pub fn write(
    out: &mut dyn Write,
    c: &Concordance<'_>,
    style: &Style,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, c),
        Format::Csv => write_csv(out, c),
        Format::Text => write_text(out, c, style),
    }
}

fn write_json(out: &mut dyn Write, c: &Concordance<'_>) -> io::Result<()> {
    for (i, line) in c.lines.iter().enumerate() {
        let doc = line.doc.hit_doc();
        let [[start_char, end_char]] =
            char_spans(&line.clause.text, &[[line.matched.start, line.matched.end]])[..]
        else {
            unreachable!("one span in, one out")
        };
        write_line(
            out,
            &Message::Line(Box::new(LineJson {
                n: c.offset + i + 1,
                doc: DocJson::of(&doc),
                article: ArticleJson::of(&line.clause.article),
                clause: line.clause.index,
                line: line.clause.line,
                lang: line.layer.lang().as_str(),
                left: line.left_text(),
                matched: line.matched_text(),
                right: line.right_text(),
                position: line.position,
                start: line.matched.start,
                end: line.matched.end,
                start_char,
                end_char,
            })),
        )?;
    }
    write_line(
        out,
        &Message::Summary(SummaryJson {
            command: "kwic",
            query: c.query,
            sort: c.sort,
            unit: c.unit,
            width: c.width,
            line_count: c.totals.lines,
            clause_count: c.totals.clauses,
            document_count: c.totals.documents,
            returned: c.lines.len(),
            offset: c.offset,
            unplaced_count: c.unplaced,
            elapsed_ms: millis(c.elapsed),
        }),
    )
}

fn write_csv(out: &mut dyn Write, c: &Concordance<'_>) -> io::Result<()> {
    write_header(out, &COLUMNS)?;
    for (i, line) in c.lines.iter().enumerate() {
        let [[start_char, end_char]] =
            char_spans(&line.clause.text, &[[line.matched.start, line.matched.end]])[..]
        else {
            unreachable!("one span in, one out")
        };
        let date = line.doc.date.map(|d| d.to_string());
        let article = article_name(&line.clause.article);
        let count = |n: usize| Cell::Count(n as u64);
        write_row(
            out,
            &[
                count(c.offset + i + 1),
                Cell::Text(&line.doc.id),
                date.as_deref().map_or(Cell::Missing, Cell::Text),
                Cell::Text(&article),
                count(line.clause.index),
                count(line.clause.line),
                Cell::Text(line.layer.lang().as_str()),
                Cell::Text(line.left_text()),
                Cell::Text(line.matched_text()),
                Cell::Text(line.right_text()),
                count(line.position),
                count(line.matched.start),
                count(line.matched.end),
                count(start_char),
                count(end_char),
                Cell::Text(&line.doc.title),
            ],
        )?;
    }
    Ok(())
}

/// A piece of clause text for one terminal line: each run of whitespace (line breaks and tabs
/// included) one space, control characters escaped.
pub(crate) fn flat(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(ch);
            space = false;
        }
    }
    printable(&out).into_owned()
}

/// The last `max` columns of `s` (cut on the left).
fn tail(s: &str, max: usize) -> &str {
    let mut used = 0;
    let mut from = s.len();
    for (i, ch) in s.char_indices().rev() {
        used += width(ch.encode_utf8(&mut [0; 4]));
        if used > max {
            break;
        }
        from = i;
    }
    &s[from..]
}

/// The first `max` columns of `s` (cut on the right).
fn head(s: &str, max: usize) -> &str {
    let mut used = 0;
    let mut to = 0;
    for (i, ch) in s.char_indices() {
        used += width(ch.encode_utf8(&mut [0; 4]));
        if used > max {
            break;
        }
        to = i + ch.len_utf8();
    }
    &s[..to]
}

fn plural(n: usize, word: &str) -> String {
    format!("{} {word}{}", thousands(n), if n == 1 { "" } else { "s" })
}

fn thousands(n: usize) -> String {
    super::layout::thousands(n as u64)
}

fn write_text(out: &mut dyn Write, c: &Concordance<'_>, style: &Style) -> io::Result<()> {
    let t = &c.totals;
    writeln!(
        out,
        "{}: {} in {} of {}{}",
        style.title(&quoted(c.query)),
        plural(t.lines, "line"),
        plural(t.clauses, "clause"),
        plural(t.documents, "document"),
        match c.sort {
            "doc" => String::new(),
            "date" => ", sorted by date".to_string(),
            sort => format!(", sorted by {}", sort.to_uppercase()),
        }
    )?;
    if c.lines.is_empty() {
        if t.lines > 0 {
            writeln!(
                out,
                "{}",
                style.dim(&format!(
                    "(no line after --offset {}: there are {})",
                    c.offset, t.lines
                ))
            )?;
        }
        return writeln!(
            out,
            "{}",
            style.dim(&format!("({:.1} ms)", millis(c.elapsed)))
        );
    }
    // The sides as shown: flat, and no wider than asked in columns (an escaped control
    // character takes several).
    let sides: Vec<(String, String, String)> = c
        .lines
        .iter()
        .map(|l| {
            let left = flat(l.left_text());
            let right = flat(l.right_text());
            let (left, right) = if c.unit == "chars" {
                (
                    tail(left.trim_end(), c.width).to_string(),
                    head(right.trim_start(), c.width).to_string(),
                )
            } else {
                (left.trim_end().to_string(), right.trim_start().to_string())
            };
            (left, flat(l.matched_text()), right)
        })
        .collect();
    let left_w = sides.iter().map(|s| width(&s.0)).max().unwrap_or(0);
    let match_w = sides.iter().map(|s| width(&s.1)).max().unwrap_or(0);
    let right_w = sides.iter().map(|s| width(&s.2)).max().unwrap_or(0);
    let id_w = c
        .lines
        .iter()
        .map(|l| width(&printable(&l.doc.id)))
        .max()
        .unwrap_or(0);
    writeln!(out)?;
    for (line, (left, matched, right)) in c.lines.iter().zip(&sides) {
        let date = line
            .doc
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let row = format!(
            "{}{left} {}{} {}  {}  {}  {}",
            " ".repeat(left_w - width(left)),
            style.mark(matched),
            " ".repeat(match_w - width(matched)),
            pad(right, right_w),
            style.dim(&pad(&printable(&line.doc.id), id_w)),
            style.date(&pad(&date, 10)),
            style.article(&article_name(&line.clause.article)),
        );
        writeln!(out, "{}", row.trim_end())?;
    }
    writeln!(out)?;
    let shown = if c.lines.len() == t.lines {
        format!("all {}", plural(t.lines, "line"))
    } else {
        let last = c.offset + c.lines.len();
        let more = if last < t.lines {
            format!(" (--offset {last} for the next)")
        } else {
            String::new()
        };
        format!(
            "lines {}–{} of {}{more}",
            c.offset + 1,
            last,
            thousands(t.lines)
        )
    };
    if c.unplaced > 0 {
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "{} could not be placed in the text of their clause and are left out",
                plural(c.unplaced, "line")
            ))
        )?;
    }
    writeln!(
        out,
        "{}",
        style.dim(&format!("{shown} ({:.1} ms)", millis(c.elapsed)))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_are_flat_and_cut_away_from_the_match() {
        assert_eq!(flat("a\n\t b\x1b[2J"), "a b\\x1b[2J");
        assert_eq!(tail("互不干涉", 5), "干涉");
        assert_eq!(tail("abc", 10), "abc");
        assert_eq!(head("原则和", 4), "原则");
        assert_eq!(head("abc", 0), "");
    }
}
