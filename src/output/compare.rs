//! Printer for `compare`: two clauses (or articles) with the words kept, removed and added, as
//! text (wdiff style `[-removed-]{+added+}`, coloured on a terminal) or JSON.
//!
//! The JSON contract (one line; fields may be added, never renamed or removed; every field is
//! always present, `null` when unknown):
//! ```text
//! {"type":"compare","data":{
//!   "a":{"doc":{"id","title","lang","date","path"},"article":{"label","number","part"},
//!        "paragraph":3|null,"text":"…"},
//!   "b":{…},
//!   "pieces":[{"op":"keep"|"remove"|"add","text":"…","a":[s,e]|null,"b":[s,e]|null},…],
//!   "changes":[{"from":"支持","to":"坚定支持"},…],
//!   "kept":40,"removed":3,"added":5,"similarity":0.87}}
//! ```
//! `text` of a side is its clauses joined by newlines; the spans of `pieces` are UTF-8 byte
//! spans into those texts; kept and added pieces in order give B, kept and removed give A.
//! `kept`/`removed`/`added` count words, not punctuation; `similarity` is
//! 2·kept / (words of A + words of B). `paragraph` is `null` when a whole article is compared.

use std::io::{self, Write};

use serde::Serialize;

use super::documents::article_name;
use super::json::{ArticleJson, DocJson, write_line};
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

#[derive(Serialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    Compare(CompareJson<'a>),
}

#[derive(Serialize)]
struct SideJson<'a> {
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    paragraph: Option<usize>,
    text: &'a str,
}

#[derive(Serialize)]
struct PieceJson<'a> {
    op: &'a str,
    text: &'a str,
    a: Option<[usize; 2]>,
    b: Option<[usize; 2]>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    from: &'a str,
    to: &'a str,
}

#[derive(Serialize)]
struct CompareJson<'a> {
    a: SideJson<'a>,
    b: SideJson<'a>,
    pieces: Vec<PieceJson<'a>>,
    changes: Vec<ChangeJson<'a>>,
    kept: usize,
    removed: usize,
    added: usize,
    similarity: f64,
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
        return write_line(
            out,
            &Message::Compare(CompareJson {
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
