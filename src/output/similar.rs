//! Printer for `similar`: the source, then the similar clauses ranked, as text or NDJSON.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown):
//! ```text
//! {"type":"source","data":{"doc":{"id","title","lang","date","path"}|null,
//!   "article":{"label","number","part","path"}|null,"paragraph":2|null,"lang":"zh","text":"…",
//!   "concepts":[{"zh":"外部势力","en":"external forces"},…],"clause_count":3|null,
//!   "truncated":false}}
//! {"type":"match","data":{"rank":1,"score":0.62,"via":"words"|"glossary",
//!   "doc":{…},"article":{…},"clause":9,"line":16,"text":"…","highlights":[[s,e],…],
//!   "highlights_chars":[[s,e],…],"shared_words":["internal affairs",…],
//!   "shared_concepts":[{"zh","en"},…]}}                             one per similar clause
//! {"type":"summary","data":{"command":"similar","cross_lingual":true,"candidate_count":47,
//!   "returned":3,"elapsed_ms":4.1}}
//! ```
//! `score` is the cosine similarity in [0, 1]; `via` says whether the clause shares words
//! (same language) or glossary concepts (other language, `--cross-lingual`); `concepts` are
//! the glossary concepts found in the source (empty without `--cross-lingual`), each as the
//! source writes it and its shortest rendering; `shared_words` (via words) and
//! `shared_concepts` (via the glossary, as the two texts write them) what source and match
//! have in common, most telling first, the other one empty; `highlights` are UTF-8 byte spans
//! of them in `text`, `highlights_chars` the same in code points. `doc`, `article` and
//! `paragraph` of the source are `null` for `--text`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::json::{ArticleJson, DocJson, PairJson, char_spans, millis, schema_of, write_line};
use super::layout::{article_name, one_line, short_title};
use super::text::{Style, hit_place, snippet};
use crate::model::{ClauseArticle, Lang};
use crate::search::HitDoc;
use crate::similarity::{Pair, Similar};
use crate::terminal::printable;

/// What the similar clauses were looked for.
pub struct SourceView<'a> {
    pub doc: Option<&'a HitDoc>,
    pub article: Option<&'a ClauseArticle>,
    pub paragraph: Option<usize>,
    pub lang: &'a str,
    pub text: &'a str,
    /// For an article: its clauses taken as the source, and its clauses in all (more when
    /// an article too long to compare whole was cut).
    pub clauses: Option<(usize, usize)>,
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// What similar clauses were looked for, first.
    Source(SourceJson<'a>),
    /// One per similar clause, best first.
    Match(MatchJson<'a>),
    /// The last line.
    Summary(SummaryJson),
}

#[derive(Serialize, JsonSchema)]
struct SourceJson<'a> {
    /// `null` for `--text`.
    doc: Option<DocJson<'a>>,
    /// `null` for `--text`.
    article: Option<ArticleJson<'a>>,
    /// 1-based paragraph of the article; `null` for a whole article or `--text`.
    paragraph: Option<usize>,
    /// The language of the source text: `zh` or `en`.
    #[schemars(schema_with = "super::json::lang_schema")]
    lang: &'a str,
    text: &'a str,
    /// Glossary concepts found in the source (cross-lingual only), most telling first.
    concepts: Vec<PairJson<'a>>,
    /// Clauses of the article or paragraph asked for; `null` for `--text`.
    clause_count: Option<usize>,
    /// Whether `text` is only the first of them (an article of more than 1,000 clauses).
    truncated: bool,
}

#[derive(Serialize, JsonSchema)]
struct MatchJson<'a> {
    rank: usize,
    /// Cosine similarity in [0, 1], rounded to 3 decimals.
    score: f32,
    /// `words` (same language) or `glossary` (other language).
    #[schemars(schema_with = "super::json::via_schema")]
    via: &'a str,
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    /// 0-based position of the clause in its document.
    clause: usize,
    /// 1-based paragraph of the clause in its article (as `show` numbers them).
    paragraph: Option<usize>,
    line: usize,
    text: &'a str,
    /// UTF-8 byte spans of what is shared, in `text`.
    highlights: &'a [[usize; 2]],
    /// The same spans in Unicode scalar values (code points).
    highlights_chars: Vec<[usize; 2]>,
    /// Words shared with the source (via words), most telling first.
    shared_words: &'a [String],
    /// Glossary concepts shared with the source (via the glossary), most telling first.
    shared_concepts: Vec<PairJson<'a>>,
}

#[derive(Serialize, JsonSchema)]
struct SummaryJson {
    /// `similar`.
    command: &'static str,
    cross_lingual: bool,
    /// Clauses scored.
    candidate_count: usize,
    /// Matches printed.
    returned: usize,
    elapsed_ms: f64,
}

pub(crate) fn schema() -> serde_json::Value {
    schema_of::<Message<'static>>()
}

fn pairs(pairs: &[Pair]) -> Vec<PairJson<'_>> {
    pairs
        .iter()
        .map(|p| PairJson {
            zh: &p.zh,
            en: &p.en,
        })
        .collect()
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
    let elapsed_ms = millis(found.elapsed);
    let source_lang = Lang::from_code(source.lang).unwrap_or(Lang::En);
    if json {
        write_line(
            out,
            &Message::Source(SourceJson {
                doc: source.doc.map(DocJson::of),
                article: source.article.map(ArticleJson::of),
                paragraph: source.paragraph,
                lang: source.lang,
                text: source.text,
                concepts: pairs(&found.concepts),
                clause_count: source.clauses.map(|c| c.1),
                truncated: source.clauses.is_some_and(|(used, all)| used < all),
            }),
        )?;
        for (i, m) in found.matches.iter().enumerate() {
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
                    paragraph: paragraphs.get(i).copied().flatten(),
                    line: hit.line,
                    text: &hit.text,
                    highlights: &hit.highlights,
                    highlights_chars: char_spans(&hit.text, &hit.highlights),
                    shared_words: &m.shared,
                    shared_concepts: pairs(&m.concepts),
                }),
            )?;
        }
        return write_line(
            out,
            &Message::Summary(SummaryJson {
                command: "similar",
                cross_lingual,
                candidate_count: found.candidates,
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
    // The paragraphs of a whole article are joined by newlines, and a clause may hold the
    // breaks of its wrapped lines: one line here, as a hit's text is (`printable` would show
    // them as `\n`).
    let flat = one_line(source.text, 0, source.text.len());
    writeln!(out, "    {}", snippet(&flat, &[], style))?;
    if cross_lingual {
        let shown: Vec<String> = found
            .concepts
            .iter()
            .map(|p| p.shown_from(source_lang))
            .collect();
        let concepts = match shown.len() {
            0 => "none (the glossary knows none of its terms)".to_string(),
            n if n > 12 => format!("{} (+{})", shown[..12].join(" · "), n - 12),
            _ => shown.join(" · "),
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
        let shared: Vec<String> = m
            .concepts
            .iter()
            .map(|p| p.shown_from(source_lang))
            .chain(m.shared.iter().cloned())
            .collect();
        if !shared.is_empty() {
            let shown: Vec<&str> = shared.iter().take(8).map(String::as_str).collect();
            let more = if shared.len() > shown.len() {
                format!(" (+{})", shared.len() - shown.len())
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
