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
//!          "span":[s,e],"text":"…"}}                                        one per clause
//!        {"type":"summary","data":{"command":"show","doc":{…},"asked":"3"|null,
//!          "section_count":1,"clause_count":3}}
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
use super::text::Style;
use crate::catalog::{DocInfo, DocRecord, DocSummary, Figures, Section};
use crate::model::{ClauseArticle, Date, Part};
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
    /// The article asked for, as typed; `null` for the whole document.
    asked: Option<&'a str>,
    section_count: usize,
    clause_count: usize,
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

/// `art. 3 (三、)`, `art. 12`, `art. 12 (第二章 › 第十二条)`, `preamble`, `signature`: the
/// label (or the headings above the clause, when there are several) is shown when it says more
/// than the number; `art. 2 (2.)` and `art. 4 (Article 4)` would only say it twice.
pub(crate) fn article_name(article: &ClauseArticle) -> String {
    match (article.part, &article.number) {
        (Part::Article, Some(n)) => {
            let mut context: Vec<&str> = if article.path.len() > 1 {
                article.path.iter().map(|s| s.trim()).collect()
            } else {
                article
                    .label
                    .as_deref()
                    .map(str::trim)
                    .into_iter()
                    .collect()
            };
            // `CHAPTER 3 › ARTICLE 18` says `CHAPTER 3` more than the number; in
            // `Chapter 1 › Article 2 › 2.` the `2.` is a paragraph of the article, kept.
            let last = context.len().checked_sub(1);
            if last.is_some() && context.iter().position(|label| restates(label, n)) == last {
                context.pop();
            }
            context.retain(|s| !s.is_empty());
            if context.is_empty() {
                format!("art. {n}")
            } else {
                format!("art. {n} ({})", context.join(" › "))
            }
        }
        (Part::Division, _) if !article.path.is_empty() => article.path.join(" › "),
        (part, _) => part.as_str().to_string(),
    }
}

/// Whether an article's label says nothing but its number: `2.`, `4、`, `(3)`, `Article 12`,
/// `ARTICLE 12.`, `第12条`, `Art. 7:`. A label in other numerals (`三、`, `ARTICLE IV`) says
/// how the text writes it, which is worth showing.
fn restates(label: &str, number: &str) -> bool {
    let lower = label.trim().to_lowercase();
    let rest = ["article", "art.", "art", "第"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || "条.、:：()（）".contains(c));
    !rest.is_empty() && rest.trim_start_matches('0') == number.trim_start_matches('0')
}

/// Terminal columns a string takes: East Asian wide characters take two.
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// `s` cut to at most `max` columns (with `…`), then padded to `max`.
pub(crate) fn fit(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    if width(s) <= max {
        out.push_str(s);
        used = width(s);
    } else {
        for c in s.chars() {
            let w = width(c.encode_utf8(&mut [0; 4]));
            if used + w + 1 > max {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', max.saturating_sub(used)));
    out
}

/// `s` padded to `min` columns, never cut (an id must stay whole to be copied).
fn pad(s: &str, min: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', min.saturating_sub(width(s))));
    out
}

/// Columns of a title in the `list` table and in hit headers before it is cut (`--json` has
/// it whole).
const TITLE_COLUMNS: usize = 100;

/// A title as `list` and hit headers show it: control characters escaped, cut to
/// [`TITLE_COLUMNS`] columns with `…`.
pub(crate) fn short_title(title: &str) -> String {
    fit(&printable(title), TITLE_COLUMNS).trim_end().to_string()
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
    style: &Style,
    json: bool,
) -> io::Result<()> {
    let clauses: usize = sections.iter().map(|s| s.clauses.len()).sum();
    let all = doc.sections();
    let articles = all
        .iter()
        .filter(|s| s.article.part == Part::Article)
        .count();
    // Paragraphs count from 1 in each section of a whole document; across the sections of one
    // asked-for article (a number that repeats, as in an annex) they run on, as `similar` and
    // `compare` count them.
    let paragraphs: Vec<Vec<usize>> = {
        let mut next = 0;
        sections
            .iter()
            .map(|s| {
                if asked.is_none() {
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
            &ShowMessage::Document(document_json(&doc.info, articles, doc.clauses.len())),
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
            }),
        );
    }
    write_header(out, &doc.info, style)?;
    writeln!(
        out,
        "contents: {articles} article{}, {} clause{}",
        if articles == 1 { "" } else { "s" },
        doc.clauses.len(),
        if doc.clauses.len() == 1 { "" } else { "s" }
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
                printable(&c.text)
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
    fn wide_characters_take_two_columns() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("专利法"), 6);
        assert_eq!(fit("zhlaw_专利法_2020", 12), "zhlaw_专利… ");
        assert_eq!(width(&fit("zhlaw_专利法_2020", 12)), 12);
        assert_eq!(fit("ab", 4), "ab  ");
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(1_234_567), "1.2 MB");
    }

    #[test]
    fn article_names_show_labels_that_add_something() {
        let a = |label: Option<&str>, number: &str| ClauseArticle {
            part: Part::Article,
            label: label.map(str::to_string),
            number: Some(number.into()),
            path: Vec::new(),
        };
        assert_eq!(article_name(&a(Some("三、"), "3")), "art. 3 (三、)");
        assert_eq!(article_name(&a(Some("4、"), "4")), "art. 4");
        assert_eq!(article_name(&a(None, "1")), "art. 1");
        for label in [
            "2.",
            "(2)",
            "Article 2",
            "ARTICLE 2.",
            "第2条",
            "Art. 2:",
            "02.",
        ] {
            assert_eq!(article_name(&a(Some(label), "2")), "art. 2", "{label}");
        }
        for label in ["ARTICLE II", "二、", "2.1"] {
            assert_eq!(
                article_name(&a(Some(label), "2")),
                format!("art. 2 ({label})")
            );
        }
        let nested = ClauseArticle {
            path: vec!["第二章".into(), "第十二条".into()],
            ..a(Some("第十二条"), "12")
        };
        assert_eq!(article_name(&nested), "art. 12 (第二章 › 第十二条)");
        let nested = ClauseArticle {
            path: vec!["CHAPTER 3".into(), "ARTICLE 18".into()],
            ..a(Some("ARTICLE 18"), "18")
        };
        assert_eq!(article_name(&nested), "art. 18 (CHAPTER 3)");
        let nested = ClauseArticle {
            path: vec!["Chapter 1".into(), "Article 2".into(), "2.".into()],
            ..a(Some("2."), "2")
        };
        assert_eq!(article_name(&nested), "art. 2 (Chapter 1 › Article 2 › 2.)");
        assert_eq!(article_name(&ClauseArticle::preamble()), "preamble");
    }
}
