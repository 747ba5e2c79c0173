//! Printers for `list`, `show` and `stats`: documents, their clauses and the figures of the
//! index, as text or NDJSON.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown; counts are `<thing>_count`):
//! ```text
//! list:  {"type":"document","data":{"id","title","lang","date","dates":{"signed":"…",…},
//!          "place","parties":[…],"path","article_count":14,"clause_count":47}}   one per document
//!        {"type":"summary","data":{"command":"list","document_count":2,"clause_count":81,"sort":"date"}}
//! show:  {"type":"document","data":{…as in list…}}
//!        {"type":"clause","data":{"doc":{"id","title","lang","date","path"},
//!          "article":{"label","number","part","path"},"paragraph":1,"clause":10,"line":1,
//!          "span":[s,e],"kind":"body","heading":"…"|null,"text":"…"}}     one per clause
//!        {"type":"summary","data":{"command":"show","doc":{…},"asked":"3"|null,
//!          "section_count":1,"clause_count":3,"scope_clause_count":3,"offset":0,
//!          "truncated":false}}
//! stats: {"type":"summary","data":{"command":"stats","corpus","index","index_bytes",
//!          "document_count","clause_count","article_count",
//!          "languages":[{"lang","document_count","clause_count"}],
//!          "years":[{"year","document_count","clause_count"}],
//!          "undated":{"document_count","clause_count"}}}
//! ```
//! `paragraph` is 1-based within its article (as `similar DOC ARTICLE CLAUSE` and `compare`
//! take it), `clause` the 0-based index in the document (as in `query` hits and `parse`),
//! `span` the byte span in the decoded file.

use std::collections::BTreeMap;
use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::json::{ArticleJson, DocJson, schema_of, write_line};
use super::layout::{article_name, fit, one_line, pad, short_title, width};
use super::text::Style;
use crate::catalog::{DocInfo, DocRecord, DocSummary, Figures, Section};
use crate::model::Date;
use crate::terminal::printable;

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum ListMessage<'a> {
    /// One per document.
    Document(DocumentJson<'a>),
    /// The last line.
    Summary(ListSummary<'a>),
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum ShowMessage<'a> {
    /// The document, first.
    Document(DocumentJson<'a>),
    /// One per clause shown.
    Clause(ClauseJson<'a>),
    /// The last line.
    Summary(ShowSummary<'a>),
}

/// A document with its metadata, as `list` and `show` give it.
#[derive(Serialize, JsonSchema)]
struct DocumentJson<'a> {
    id: &'a str,
    title: &'a str,
    #[schemars(schema_with = "super::json::lang_schema")]
    lang: &'a str,
    /// The date hits show (see `dates`); `null` when undated.
    date: Option<String>,
    /// Every named date: `signed`, `published`, `adopted`, … → ISO 8601.
    #[schemars(with = "BTreeMap<String, String>")]
    dates: &'a BTreeMap<String, Date>,
    place: Option<&'a str>,
    parties: &'a [String],
    path: &'a str,
    /// Numbered articles.
    article_count: usize,
    clause_count: usize,
}

#[derive(Serialize, JsonSchema)]
struct ClauseJson<'a> {
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    /// 1-based within its article, as `similar` and `compare` take it.
    paragraph: usize,
    /// 0-based position in the document, as in hits.
    clause: usize,
    line: usize,
    /// Byte span `[start, end)` in the decoded file.
    span: [usize; 2],
    /// `body`, `heading` or `stub`, as in hits.
    #[schemars(schema_with = "super::json::kind_schema")]
    kind: &'static str,
    /// The title of the nearest titled heading above the clause, as in hits.
    heading: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct ListSummary<'a> {
    /// `list`.
    command: &'static str,
    document_count: usize,
    clause_count: usize,
    /// `date`, `title` or `id`.
    sort: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct ShowSummary<'a> {
    /// `show`.
    command: &'static str,
    doc: DocJson<'a>,
    /// The article (or `--articles` range) asked for, as typed; `null` for the whole
    /// document.
    asked: Option<&'a str>,
    /// Sections (articles, preamble, signature) of the clauses shown.
    section_count: usize,
    /// Clauses shown.
    clause_count: usize,
    /// Clauses of what was asked for (the document, the article, the range of articles),
    /// shown or not.
    scope_clause_count: usize,
    /// Clauses of it skipped before the first shown (`--offset`).
    offset: usize,
    /// Whether clauses of it are left out (`--limit`, `--offset`).
    truncated: bool,
}

/// What a page of `show` is a page of: the figures of the whole document and of the part
/// asked for, which the page's own clauses cannot tell.
#[derive(Debug, Clone, Copy)]
pub struct Extent {
    /// Numbered articles of the document.
    pub articles: usize,
    /// Clauses of the document.
    pub clauses: usize,
    /// Clauses of the part asked for (the whole document when none was).
    pub in_scope: usize,
    /// Clauses of that part before the first shown.
    pub skipped: usize,
    /// Clauses of the first shown clause's section before it: its paragraph is `lead + 1`.
    pub lead: usize,
    /// One article was asked for: its paragraphs run on across its sections (a number that
    /// repeats, as in an annex), as `similar` and `compare` count them.
    pub one_article: bool,
}

impl Extent {
    /// Whether the page leaves clauses of the part out.
    pub fn truncated(&self, shown: usize) -> bool {
        self.skipped > 0 || self.skipped + shown < self.in_scope
    }
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum StatsMessage<'a> {
    /// The only line.
    Summary(StatsJson<'a>),
}

#[derive(Serialize, JsonSchema)]
struct StatsJson<'a> {
    /// `stats`.
    command: &'static str,
    corpus: &'a str,
    index: &'a str,
    index_bytes: u64,
    document_count: usize,
    clause_count: usize,
    article_count: usize,
    languages: Vec<LangJson<'a>>,
    years: Vec<YearJson>,
    undated: CountJson,
}

#[derive(Serialize, JsonSchema)]
struct LangJson<'a> {
    #[schemars(schema_with = "super::json::lang_schema")]
    lang: &'a str,
    document_count: usize,
    clause_count: usize,
}

#[derive(Serialize, JsonSchema)]
struct YearJson {
    year: u16,
    document_count: usize,
    clause_count: usize,
}

#[derive(Serialize, JsonSchema)]
struct CountJson {
    document_count: usize,
    clause_count: usize,
}

pub(crate) fn list_schema() -> serde_json::Value {
    schema_of::<ListMessage<'static>>()
}

pub(crate) fn show_schema() -> serde_json::Value {
    schema_of::<ShowMessage<'static>>()
}

pub(crate) fn stats_schema() -> serde_json::Value {
    schema_of::<StatsMessage<'static>>()
}

fn document_json(info: &DocInfo, articles: usize, clauses: usize) -> DocumentJson<'_> {
    DocumentJson {
        id: &info.id,
        title: &info.title,
        lang: info.lang.as_str(),
        date: info.date.map(|d| d.to_string()),
        dates: &info.dates,
        place: info.place.as_deref(),
        parties: &info.parties,
        path: &info.path,
        article_count: articles,
        clause_count: clauses,
    }
}

/// `list` as a table, or NDJSON.
pub fn write_list(
    out: &mut dyn Write,
    docs: &[DocSummary],
    sort: &str,
    json: bool,
) -> io::Result<()> {
    let clauses = docs.iter().map(|d| d.clauses).sum();
    if json {
        for d in docs {
            write_line(
                out,
                &ListMessage::Document(document_json(&d.info, d.articles, d.clauses)),
            )?;
        }
        return write_line(
            out,
            &ListMessage::Summary(ListSummary {
                command: "list",
                document_count: docs.len(),
                clause_count: clauses,
                sort,
            }),
        );
    }
    // Ids are padded to the longest up to 48 columns; a longer one pushes its row.
    let id_w = docs
        .iter()
        .map(|d| width(&printable(&d.info.id)))
        .max()
        .unwrap_or(2)
        .clamp(2, 48);
    let party_w = docs
        .iter()
        .map(|d| width(&printable(&d.info.parties.join(", "))))
        .max()
        .unwrap_or(7)
        .clamp(7, 24);
    writeln!(
        out,
        "{}  {:<10}  lang  {}  articles  clauses  title",
        pad("id", id_w),
        "date",
        fit("parties", party_w)
    )?;
    for d in docs {
        let date = d
            .info
            .date
            .map_or_else(|| "-".to_string(), |d| d.to_string());
        let parties = if d.info.parties.is_empty() {
            "-".to_string()
        } else {
            printable(&d.info.parties.join(", ")).into_owned()
        };
        writeln!(
            out,
            "{}  {date:<10}  {:<4}  {}  {:>8}  {:>7}  {}",
            pad(&printable(&d.info.id), id_w),
            d.info.lang.as_str(),
            fit(&parties, party_w),
            d.articles,
            d.clauses,
            short_title(&d.info.title)
        )?;
    }
    writeln!(
        out,
        "{} document{}, {clauses} clause{}",
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        if clauses == 1 { "" } else { "s" }
    )
}

/// The heading lines of a document in `show`.
fn write_header(out: &mut dyn Write, info: &DocInfo, style: &Style) -> io::Result<()> {
    writeln!(out, "{}", style.title(&info.title))?;
    writeln!(out, "id:       {}", printable(&info.id))?;
    let mut dates: Vec<String> = info.dates.iter().map(|(k, v)| format!("{k} {v}")).collect();
    if dates.is_empty() {
        dates.push("-".into());
    }
    let place = info
        .place
        .as_deref()
        .map_or(String::new(), |p| format!(" (place: {})", printable(p)));
    writeln!(out, "dates:    {}{place}", style.date(&dates.join(", ")))?;
    writeln!(out, "language: {}", info.lang)?;
    let parties = if info.parties.is_empty() {
        "-".to_string()
    } else {
        printable(&info.parties.join(", ")).into_owned()
    };
    writeln!(out, "parties:  {parties}")?;
    writeln!(out, "file:     {}", printable(&info.path))
}

/// `show`: the document's header and the clauses of `sections` (all of them, or the article
/// asked for), each section under its structure path.
pub fn write_show(
    out: &mut dyn Write,
    doc: &DocRecord,
    sections: &[Section<'_>],
    asked: Option<&str>,
    extent: &Extent,
    style: &Style,
    json: bool,
) -> io::Result<()> {
    let clauses: usize = sections.iter().map(|s| s.clauses.len()).sum();
    let articles = extent.articles;
    // Paragraphs count from 1 in each section of a whole document; across the sections of one
    // asked-for article (a number that repeats, as in an annex) they run on, as `similar` and
    // `compare` count them. A page that starts inside a section starts at its paragraph.
    let paragraphs: Vec<Vec<usize>> = {
        let mut next = extent.lead;
        sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if !extent.one_article && i > 0 {
                    next = 0;
                }
                (0..s.clauses.len())
                    .map(|_| {
                        next += 1;
                        next
                    })
                    .collect()
            })
            .collect()
    };
    if json {
        let hit_doc = doc.info.hit_doc();
        write_line(
            out,
            &ShowMessage::Document(document_json(&doc.info, articles, extent.clauses)),
        )?;
        for (section, numbers) in sections.iter().zip(&paragraphs) {
            for (c, &paragraph) in section.clauses.iter().zip(numbers) {
                write_line(
                    out,
                    &ShowMessage::Clause(ClauseJson {
                        doc: DocJson::of(&hit_doc),
                        article: ArticleJson::of(&c.article),
                        paragraph,
                        clause: c.index,
                        line: c.line,
                        span: c.span,
                        kind: c.kind.as_str(),
                        heading: c.heading.as_deref(),
                        text: &c.text,
                    }),
                )?;
            }
        }
        return write_line(
            out,
            &ShowMessage::Summary(ShowSummary {
                command: "show",
                doc: DocJson::of(&hit_doc),
                asked,
                section_count: sections.len(),
                clause_count: clauses,
                scope_clause_count: extent.in_scope,
                offset: extent.skipped,
                truncated: extent.truncated(clauses),
            }),
        );
    }
    write_header(out, &doc.info, style)?;
    writeln!(
        out,
        "contents: {articles} article{}, {} clause{}",
        if articles == 1 { "" } else { "s" },
        extent.clauses,
        if extent.clauses == 1 { "" } else { "s" }
    )?;
    for (section, numbers) in sections.iter().zip(&paragraphs) {
        writeln!(out)?;
        let first_line = section.clauses.first().map_or(0, |c| c.line);
        let path = format!(
            "{} › {}",
            printable(&doc.info.id),
            style.article(&article_name(section.article))
        );
        writeln!(out, "{path}  {}", style.dim(&format!("line {first_line}")))?;
        for (c, paragraph) in section.clauses.iter().zip(numbers) {
            writeln!(
                out,
                "  {} {}",
                style.dim(&format!("¶{paragraph}")),
                printable(&one_line(&c.text, 0, c.text.len()))
            )?;
        }
    }
    Ok(())
}

/// `stats`.
pub fn write_stats(
    out: &mut dyn Write,
    figures: &Figures,
    corpus: &str,
    index: &str,
    json: bool,
) -> io::Result<()> {
    if json {
        return write_line(
            out,
            &StatsMessage::Summary(StatsJson {
                command: "stats",
                corpus,
                index,
                index_bytes: figures.index_bytes,
                document_count: figures.documents,
                clause_count: figures.clauses,
                article_count: figures.articles,
                languages: figures
                    .languages
                    .iter()
                    .map(|(lang, (d, c))| LangJson {
                        lang,
                        document_count: *d,
                        clause_count: *c,
                    })
                    .collect(),
                years: figures
                    .years
                    .iter()
                    .map(|(year, (d, c))| YearJson {
                        year: *year,
                        document_count: *d,
                        clause_count: *c,
                    })
                    .collect(),
                undated: CountJson {
                    document_count: figures.undated.0,
                    clause_count: figures.undated.1,
                },
            }),
        );
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(out, "corpus:     {}", printable(corpus))?;
    writeln!(
        out,
        "index:      {index} ({})",
        human_bytes(figures.index_bytes)
    )?;
    writeln!(out, "documents:  {}", figures.documents)?;
    writeln!(
        out,
        "clauses:    {} (in {})",
        figures.clauses,
        plural(figures.articles, "article")
    )?;
    for (lang, (d, c)) in &figures.languages {
        writeln!(
            out,
            "  {:<8} {:>15} {:>15}",
            format!("{lang}:"),
            plural(*d, "document"),
            plural(*c, "clause")
        )?;
    }
    if !figures.years.is_empty() {
        let (first, last) = (
            figures.years.keys().next().copied().unwrap_or_default(),
            figures
                .years
                .keys()
                .next_back()
                .copied()
                .unwrap_or_default(),
        );
        writeln!(out, "years:      {first}–{last}")?;
        for (year, (d, c)) in &figures.years {
            writeln!(
                out,
                "  {year}     {:>15} {:>15}",
                plural(*d, "document"),
                plural(*c, "clause")
            )?;
        }
    }
    if figures.undated.0 > 0 {
        writeln!(
            out,
            "undated:    {}, {}",
            plural(figures.undated.0, "document"),
            plural(figures.undated.1, "clause")
        )?;
    }
    Ok(())
}

/// `1.2 MB`.
fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "kB", "MB", "GB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(1_234_567), "1.2 MB");
    }
}
