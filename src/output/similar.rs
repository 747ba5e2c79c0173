//! Printer for `similar`: the source, then the similar clauses ranked, as text or NDJSON.
//!
//! The JSON contract (fields may be added, never renamed or removed; every field is always
//! present, `null` when unknown):
//! ```text
//! {"type":"source","data":{"doc":{"id","title","lang","date","path"}|null,
//!   "article":{"label","number","part"}|null,"paragraph":2|null,"lang":"zh","text":"…",
//!   "concepts":["外部势力 = external forces",…]}}
//! {"type":"match","data":{"rank":1,"score":0.62,"via":"words"|"glossary",
//!   "doc":{…},"article":{…},"clause":9,"line":16,"text":"…","highlights":[[s,e],…],
//!   "shared":["internal affairs",…]}}                               one per similar clause
//! {"type":"similar","data":{"cross_lingual":true,"candidates":47,"returned":3,"elapsed_ms":4.1}}
//! ```
//! `score` is the cosine similarity in [0, 1]; `via` says whether the clause shares words
//! (same language) or glossary concepts (other language, `--cross-lingual`); `concepts` are
//! the glossary concepts found in the source (empty without `--cross-lingual`); `shared` what
//! source and match have in common, most telling first; `highlights` are UTF-8 byte spans of
//! it in `text`. `doc`, `article` and `paragraph` of the source are `null` for `--text`.

use std::io::{self, Write};

use serde::Serialize;

use super::documents::{article_name, short_title};
use super::json::{ArticleJson, DocJson, write_line};
use super::text::{Style, hit_place, snippet};
use crate::model::ClauseArticle;
use crate::search::HitDoc;
use crate::similarity::Similar;
use crate::terminal::printable;

/// What the similar clauses were looked for.
pub struct SourceView<'a> {
    pub doc: Option<&'a HitDoc>,
    pub article: Option<&'a ClauseArticle>,
    pub paragraph: Option<usize>,
    pub lang: &'a str,
    pub text: &'a str,
}

#[derive(Serialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    Source(SourceJson<'a>),
    Match(MatchJson<'a>),
    Similar(SummaryJson),
}

#[derive(Serialize)]
struct SourceJson<'a> {
    doc: Option<DocJson<'a>>,
    article: Option<ArticleJson<'a>>,
    paragraph: Option<usize>,
    lang: &'a str,
    text: &'a str,
    concepts: &'a [String],
}

#[derive(Serialize)]
struct MatchJson<'a> {
    rank: usize,
    score: f32,
    via: &'a str,
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    clause: usize,
    line: usize,
    text: &'a str,
    highlights: &'a [[usize; 2]],
    shared: &'a [String],
}

#[derive(Serialize)]
struct SummaryJson {
    cross_lingual: bool,
    candidates: usize,
    returned: usize,
    elapsed_ms: f64,
}

/// Writes the source, the matches and the summary.
pub fn write(
    out: &mut dyn Write,
    source: &SourceView<'_>,
    found: &Similar,
    paragraphs: &[Option<usize>],
    cross_lingual: bool,
    style: &Style,
    json: bool,
) -> io::Result<()> {
    let elapsed_ms = (found.elapsed.as_secs_f64() * 10_000.0).round() / 10.0;
    if json {
        write_line(
            out,
            &Message::Source(SourceJson {
                doc: source.doc.map(DocJson::of),
                article: source.article.map(ArticleJson::of),
                paragraph: source.paragraph,
                lang: source.lang,
                text: source.text,
                concepts: &found.concepts,
            }),
        )?;
        for m in &found.matches {
            let hit = &m.hit;
            write_line(
                out,
                &Message::Match(MatchJson {
                    rank: hit.rank,
                    score: (hit.score * 1000.0).round() / 1000.0,
                    via: m.via.as_str(),
                    doc: DocJson::of(&hit.doc),
                    article: ArticleJson::of_hit(hit),
                    clause: hit.clause,
                    line: hit.line,
                    text: &hit.text,
                    highlights: &hit.highlights,
                    shared: &m.shared,
                }),
            )?;
        }
        return write_line(
            out,
            &Message::Similar(SummaryJson {
                cross_lingual,
                candidates: found.candidates,
                returned: found.matches.len(),
                elapsed_ms,
            }),
        );
    }

    let mut origin = match (source.doc, source.article) {
        (Some(doc), Some(article)) => {
            let mut s = format!(
                "{} › {}",
                printable(&doc.id),
                printable(&article_name(article))
            );
            if let Some(p) = source.paragraph {
                s.push_str(&format!(" ¶{p}"));
            }
            if let Some(date) = &doc.date {
                s.push_str(&format!(" ({date})"));
            }
            s
        }
        _ => "the text".to_string(),
    };
    origin.push(':');
    writeln!(out, "{} {}", style.dim("similar to"), origin)?;
    // The paragraphs of a whole article are joined by newlines: one line here, as a hit's
    // text is (`printable` would show them as `\n`).
    let one_line = source.text.replace(['\n', '\r'], " ");
    writeln!(out, "    {}", snippet(&one_line, &[], style))?;
    if cross_lingual {
        let concepts = match found.concepts.len() {
            0 => "none (the glossary knows none of its terms)".to_string(),
            n if n > 12 => format!("{} (+{})", found.concepts[..12].join(" · "), n - 12),
            _ => found.concepts.join(" · "),
        };
        writeln!(
            out,
            "{} {}",
            style.dim("glossary concepts:"),
            printable(&concepts)
        )?;
    }
    writeln!(out)?;
    for (i, m) in found.matches.iter().enumerate() {
        let hit = &m.hit;
        let date = hit.doc.date.as_deref().unwrap_or("undated");
        writeln!(
            out,
            "{}  {}  {}  {}",
            style.dim(&format!("{:>2}.", hit.rank)),
            style.mark(&format!("{:.2}", hit.score)),
            style.date(date),
            style.title(&short_title(&hit.doc.title))
        )?;
        let place = hit_place(hit, paragraphs.get(i).copied().flatten());
        writeln!(
            out,
            "    {}  {}",
            style.article(&place),
            style.dim(&format!(
                "{}:{} · {} · via {}",
                hit.doc.path,
                hit.line,
                hit.doc.id,
                m.via.as_str()
            ))
        )?;
        writeln!(out, "    {}", snippet(&hit.text, &hit.highlights, style))?;
        if !m.shared.is_empty() {
            let shown: Vec<&str> = m.shared.iter().take(8).map(String::as_str).collect();
            let more = if m.shared.len() > shown.len() {
                format!(" (+{})", m.shared.len() - shown.len())
            } else {
                String::new()
            };
            writeln!(
                out,
                "    {} {}{more}",
                style.dim("shared:"),
                printable(&shown.join(" · "))
            )?;
        }
        writeln!(out)?;
    }
    let n = found.matches.len();
    let summary = if n == 0 {
        format!(
            "no similar clause among {} candidates ({elapsed_ms:.1} ms)",
            found.candidates
        )
    } else {
        format!(
            "{n} similar clause{} out of {} candidates ({elapsed_ms:.1} ms)",
            if n == 1 { "" } else { "s" },
            found.candidates
        )
    };
    writeln!(out, "{}", style.dim(&summary))
}
