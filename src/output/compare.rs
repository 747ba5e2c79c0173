//! Printer for `compare`: two clauses (or articles) with the words kept, removed and added, as
//! text (wdiff style `[-removed-]{+added+}`, coloured on a terminal) or JSON.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown):
//! ```text
//! {"type":"compare","data":{
//!   "a":{"doc":{"id","title","lang","date","path"},"article":{"label","number","part","path"},
//!        "paragraph":3|null,"text":"…"},
//!   "b":{…},
//!   "pieces":[{"op":"keep"|"remove"|"add","text":"…","a":[s,e]|null,"b":[s,e]|null},…],
//!   "changes":[{"from":"支持","to":"坚定支持"},…]}}
//! {"type":"summary","data":{"command":"compare","kept":40,"removed":3,"added":5,"similarity":0.87}}
//! ```
//! `text` of a side is its clauses joined by newlines; the spans of `pieces` are UTF-8 byte
//! spans into those texts; kept and added pieces in order give B, kept and removed give A.
//! `kept`/`removed`/`added` count words, not punctuation; `similarity` is
//! 2·kept / (words of A + words of B). `paragraph` is `null` when a whole article is compared.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::json::{ArticleJson, DocJson, schema_of, write_line};
use super::layout::article_name;
use super::text::Style;
use crate::model::ClauseArticle;
use crate::search::HitDoc;
use crate::terminal::printable;
use crate::wordiff::{Op, WordDiff};

/// One side of the comparison.
pub struct Side<'a> {
    pub doc: &'a HitDoc,
    pub article: &'a ClauseArticle,
    pub paragraph: Option<usize>,
    pub text: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// The two texts and what changed, first.
    Compare(Box<CompareJson<'a>>),
    /// The last line: the counts.
    Summary(SummaryJson),
}

#[derive(Serialize, JsonSchema)]
struct SideJson<'a> {
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    /// 1-based paragraph of the article; `null` when the whole article is compared.
    paragraph: Option<usize>,
    /// The clauses compared, joined by newlines.
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct PieceJson<'a> {
    /// `keep`, `remove` or `add`.
    #[schemars(schema_with = "super::json::op_schema")]
    op: &'a str,
    text: &'a str,
    /// UTF-8 byte span in A's text; `null` for an added piece.
    a: Option<[usize; 2]>,
    /// UTF-8 byte span in B's text; `null` for a removed piece.
    b: Option<[usize; 2]>,
}

#[derive(Serialize, JsonSchema)]
struct ChangeJson<'a> {
    from: &'a str,
    to: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct CompareJson<'a> {
    a: SideJson<'a>,
    b: SideJson<'a>,
    pieces: Vec<PieceJson<'a>>,
    changes: Vec<ChangeJson<'a>>,
}

#[derive(Serialize, JsonSchema)]
struct SummaryJson {
    /// `compare`.
    command: &'static str,
    /// Words kept.
    kept: usize,
    /// Words of A not in B.
    removed: usize,
    /// Words of B not in A.
    added: usize,
    /// 2·kept / (words of A + words of B), rounded to 3 decimals.
    similarity: f64,
}

pub(crate) fn schema() -> serde_json::Value {
    schema_of::<Message<'static>>()
}

fn side_json<'a>(side: &Side<'a>) -> SideJson<'a> {
    SideJson {
        doc: DocJson::of(side.doc),
        article: ArticleJson::of(side.article),
        paragraph: side.paragraph,
        text: side.text,
    }
}

/// Writes the comparison of `a` and `b`.
pub fn write(
    out: &mut dyn Write,
    a: &Side<'_>,
    b: &Side<'_>,
    diff: &WordDiff,
    style: &Style,
    json: bool,
) -> io::Result<()> {
    let similarity = (diff.similarity() * 1000.0).round() / 1000.0;
    if json {
        write_line(
            out,
            &Message::Compare(Box::new(CompareJson {
                a: side_json(a),
                b: side_json(b),
                pieces: diff
                    .pieces
                    .iter()
                    .map(|p| PieceJson {
                        op: p.op.as_str(),
                        text: &p.text,
                        a: p.a,
                        b: p.b,
                    })
                    .collect(),
                changes: diff
                    .changes
                    .iter()
                    .map(|c| ChangeJson {
                        from: &c.from,
                        to: &c.to,
                    })
                    .collect(),
            })),
        )?;
        return write_line(
            out,
            &Message::Summary(SummaryJson {
                command: "compare",
                kept: diff.kept,
                removed: diff.removed,
                added: diff.added,
                similarity,
            }),
        );
    }
    for (name, side) in [("A", a), ("B", b)] {
        let mut place = format!("{} › {}", side.doc.id, article_name(side.article));
        if let Some(p) = side.paragraph {
            place.push_str(&format!(" ¶{p}"));
        }
        writeln!(
            out,
            "{}  {}  {}  {}",
            style.title(name),
            style.date(side.doc.date.as_deref().unwrap_or("undated")),
            style.article(&place),
            style.dim(&side.doc.title)
        )?;
    }
    writeln!(out)?;
    let mut line = String::new();
    for p in &diff.pieces {
        if p.space_before && !line.is_empty() && !line.ends_with('\n') {
            line.push(' ');
        }
        let text = match (p.op, style.on) {
            (Op::Keep, _) => printable(&p.text).into_owned(),
            (Op::Remove, true) => style.paint("1;31;9", &p.text),
            (Op::Add, true) => style.paint("1;32", &p.text),
            (Op::Remove, false) => format!("[-{}-]", printable(&p.text)),
            (Op::Add, false) => format!("{{+{}+}}", printable(&p.text)),
        };
        line.push_str(&text);
    }
    writeln!(out, "{line}")?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "kept {} word{}, removed {}, added {} · similarity {similarity:.2}",
            diff.kept,
            if diff.kept == 1 { "" } else { "s" },
            diff.removed,
            diff.added
        ))
    )?;
    if diff.changes.is_empty() {
        return writeln!(out, "no change in wording");
    }
    writeln!(out, "changes:")?;
    for c in &diff.changes {
        let from = if c.from.is_empty() { "∅" } else { &c.from };
        let to = if c.to.is_empty() { "∅" } else { &c.to };
        writeln!(
            out,
            "  {} → {}",
            style.paint("31", from),
            style.paint("32", to)
        )?;
    }
    Ok(())
}
