//! Text → [`Document`]: title, language, dates, parties, articles and clauses.
//!
//! Pure functions over decoded text: no I/O, no index. What a front-matter block states wins
//! over what is inferred from the text.

pub mod dates;
mod dating;
pub mod doctype;
pub mod frontmatter;
pub mod headings;
pub mod numerals;
pub mod parties;
mod party_evidence;
mod places;
pub mod segments;
pub mod structure;
pub mod title;
pub mod units;
pub mod wrap;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Clause, Date, DateEvidence, Document, Lang};
use frontmatter::FrontMatter;
use segments::{Segment, is_space};

/// A publication timestamp as websites print it: `2023-12-28 18:40`, `2013-07-17`.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
        .expect("regex")
});

/// Front-matter keys that `parse_with_sidecar` interprets; the others are kept in `meta`.
const INTERPRETED: &[&str] = &[
    "title",
    "lang",
    "date",
    "published",
    "signed",
    "adopted",
    "version",
    "place",
    "parties",
];

/// Parses the decoded text of one file. `fallback_title` (usually the file name) is used when
/// neither front matter nor text give a title.
pub fn parse_document(text: &str, fallback_title: &str) -> Document {
    parse_with_sidecar(text, None, fallback_title)
}

/// Parses a document whose metadata sidecar (`NAME.meta`) holds `sidecar`; the sidecar wins
/// over the front matter, which wins over the text.
pub fn parse_with_sidecar(text: &str, sidecar: Option<&str>, fallback_title: &str) -> Document {
    // Clause texts are sliced from the source as given: a clause joined from wrapped lines
    // keeps its lone carriage returns (the normalized text has the same byte offsets).
    let source = text;
    let text = &*line_breaks(text);
    let mut front = FrontMatter::parse(text);
    if let Some(sidecar) = sidecar {
        front.override_with(FrontMatter::parse_sidecar(&line_breaks(sidecar)));
    }
    let bounded = segments::bounded(text, front.body_start, segments::MAX_PARAGRAPHS);
    // Paragraphs merged because there are too many are not joined again.
    let mut segs = if bounded.merged > 1 {
        bounded.segments
    } else {
        wrap::join(text, bounded.segments)
    };
    let published = take_header_stamps(text, &mut segs);
    let mut warnings: Vec<String> = front.problem.take().into_iter().collect();
    let mut structure = if bounded.merged > 1 {
        // Headings read at the start of merged paragraphs would number them wrongly.
        warnings.push(format!(
            "{} paragraphs, over the limit of {} for one document: read in clauses of up to {} \
             paragraphs each, without its article structure",
            bounded.paragraphs,
            segments::MAX_PARAGRAPHS,
            bounded.merged
        ));
        structure::flat(segs.len())
    } else {
        structure::analyze(text, &mut segs)
    };

    let dating = dating::date_document(text, &segs, &structure);
    let units = units::units(text, &segs, &structure);
    let clauses: Vec<Clause> = segs
        .iter()
        .zip(std::mem::take(&mut structure.placement))
        .zip(units)
        .enumerate()
        .map(|(index, ((seg, article), (kind, heading)))| Clause {
            article,
            index,
            text: source
                .get(seg.start..seg.end)
                .unwrap_or_else(|| seg.text(text))
                .to_string(),
            line: seg.line,
            span: [seg.start, seg.end],
            kind,
            heading,
        })
        .collect();

    let mut evidence: BTreeMap<String, DateEvidence> = dating
        .dates
        .into_iter()
        .map(|(role, f)| {
            let e = DateEvidence {
                role: role.clone(),
                date: f.date,
                line: Some(f.line),
                phrase: f.phrase,
            };
            (role, e)
        })
        .collect();
    let mut place = dating.place;
    if let Some(stamp) = published {
        evidence.insert("published".to_string(), stamp);
    }
    for (key, name) in [
        ("date", "published"),
        ("published", "published"),
        ("signed", "signed"),
        ("adopted", "adopted"),
        ("version", "version"),
    ] {
        if let Some(d) = front.get(key).and_then(Date::parse_iso) {
            let e = DateEvidence {
                role: name.to_string(),
                date: d,
                line: None,
                phrase: format!("front matter: {key}"),
            };
            evidence.insert(name.to_string(), e);
        }
    }
    let dates = evidence.iter().map(|(k, e)| (k.clone(), e.date)).collect();
    if let Some(p) = front.get("place") {
        place = Some(p.to_string());
    }

    let body = &text[front.body_start..];
    let lang = front
        .get("lang")
        .and_then(Lang::from_code)
        .unwrap_or_else(|| crate::script::detect_lang(body));
    // The document's own title: front matter or sidecar, else its title lines; a text
    // without one gets a title derived from its kind and parties, else the file name.
    let given = front.get("title").map(|t| t.trim().to_string());
    let written = given
        .clone()
        .or_else(|| title::from_text(text, &segs, structure.body_start));

    let listed = front.list("parties");
    let parties = if listed.is_empty() {
        party_evidence::infer(text, written.as_deref(), &segs, &structure)
    } else {
        listed
            .iter()
            .map(|p| parties::normalize_party(p).map_or_else(|| p.clone(), str::to_string))
            .collect()
    };
    let (title, title_derived) = match (given, written) {
        (Some(t), _) => (t, false),
        (None, Some(t)) => (t, false),
        (None, None) => (
            title::derive(body, &parties).unwrap_or_else(|| fallback_title.to_string()),
            true,
        ),
    };

    let mut opening = String::new();
    for seg in &segs {
        if opening.chars().count() >= doctype::OPENING_CHARS {
            break;
        }
        opening.push_str(seg.text(text));
        opening.push('\n');
    }
    let doc_type = doctype::classify(
        &title,
        front.get("type"),
        &dates,
        &opening,
        title::kind_of(body).as_deref(),
    );
    Document {
        title,
        title_derived,
        doc_type,
        lang,
        dates,
        date_evidence: evidence.into_values().collect(),
        place,
        parties,
        divisions: structure.divisions,
        articles: structure.articles,
        clauses,
        meta: front
            .fields
            .iter()
            .filter(|(k, _)| !INTERPRETED.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        warnings,
    }
}

/// `text` with every lone carriage return (the line break of old Mac files) made a line feed.
/// One byte for one, so that clause spans still point at the clause in the file; a `\r\n`
/// pair is a line break already and stays as it is.
pub fn line_breaks(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        out.push(if rest.starts_with('\n') { '\r' } else { '\n' });
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Removes publication stamps from the header paragraphs (those before the first sentence):
/// a paragraph that is only a stamp is dropped, a trailing stamp is cut off. Returns the first
/// stamp's date with its evidence.
fn take_header_stamps(text: &str, segs: &mut Vec<Segment>) -> Option<DateEvidence> {
    let mut found = None;
    let mut i = 0;
    while i < segs.len() && i < 8 {
        let t = segs[i].text(text);
        if t.ends_with(['。', '.', '；', ';', ':', '：']) {
            break;
        }
        if let Some(caps) = STAMP.captures(t) {
            let date = Date::new(
                caps[1].parse().unwrap_or(0),
                caps[2].parse().unwrap_or(0),
                caps[3].parse().unwrap_or(0),
            );
            if let Some(date) = date {
                let cut = caps.get(0).map_or(t.len(), |m| m.start());
                found.get_or_insert_with(|| DateEvidence {
                    role: "published".to_string(),
                    date,
                    line: Some(segs[i].line),
                    phrase: t[cut..].trim().to_string(),
                });
                let kept = t[..cut].trim_end_matches(is_space).len();
                if kept == 0 {
                    segs.remove(i);
                    continue;
                }
                segs[i].end = segs[i].start + kept;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_stamp_becomes_the_publication_date() {
        let doc = parse_document("A joint statement\n\n2023-12-28 18:40\n\nText.\n", "f");
        assert_eq!(doc.title, "A joint statement");
        assert_eq!(doc.dates["published"].to_string(), "2023-12-28");
        let texts: Vec<&str> = doc.clauses.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["A joint statement", "Text."]);
    }

    #[test]
    fn front_matter_overrides_inference() {
        let text = "---\ntitle: Given\nlang: en\nsigned: 2020-01-02\nparties: [中国, Belarus]\n---\n标题\n正文。\n";
        let doc = parse_document(text, "f");
        assert_eq!(doc.title, "Given");
        assert_eq!(doc.lang, Lang::En);
        assert_eq!(doc.dates["signed"].to_string(), "2020-01-02");
        assert_eq!(doc.parties, ["China", "Belarus"]);
        assert_eq!(doc.clauses[0].line, 7);
    }

    #[test]
    fn spans_point_at_the_clause_text() {
        let text = "标题\u{3000}\u{3000}一、正文。\u{3000}\u{3000}二、更多。";
        let doc = parse_document(text, "f");
        for c in &doc.clauses {
            assert_eq!(&text[c.span[0]..c.span[1]], c.text);
        }
        assert_eq!(doc.lang, Lang::Zh);
    }

    #[test]
    fn lone_carriage_returns_are_line_breaks_and_spans_stay_those_of_the_file() {
        for (text, want) in [
            ("a\rb", "a\nb"),
            ("a\r\nb", "a\r\nb"),
            ("a\r\rb\r", "a\n\nb\n"),
            ("中\r文\r\n", "中\n文\r\n"),
            ("no break", "no break"),
            ("\r", "\n"),
        ] {
            assert_eq!(line_breaks(text), want, "{text:?}");
        }
        let text = "Joint Statement on Trade\r\rArticle 1\rFirst.\rArticle 2\rSecond.\r";
        let doc = parse_document(text, "f");
        assert_eq!(doc.title, "Joint Statement on Trade");
        let numbers: Vec<&str> = doc.articles.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2"]);
        let lines: Vec<usize> = doc.clauses.iter().map(|c| c.line).collect();
        assert_eq!(lines, [1, 3, 4, 5, 6]);
        for c in &doc.clauses {
            assert_eq!(&text[c.span[0]..c.span[1]], c.text);
        }
        let doc = parse_with_sidecar("Body.\r", Some("title: Given\rlang: en\r"), "f");
        assert_eq!(doc.title, "Given");
    }

    #[test]
    fn a_document_of_too_many_paragraphs_is_read_in_merged_clauses_losing_no_text() {
        let lines: Vec<String> = (0..segments::MAX_PARAGRAPHS + 5_000)
            .map(|i| format!("{}、x{i}", i + 1))
            .collect();
        let text = format!("Joint Statement on Trade\n{}\n", lines.join("\n"));
        let doc = parse_document(&text, "f");
        assert!(
            doc.clauses.len() <= segments::MAX_PARAGRAPHS,
            "{}",
            doc.clauses.len()
        );
        assert!(doc.clauses.len() > segments::MAX_PARAGRAPHS / 3);
        assert_eq!(doc.title, "Joint Statement on Trade");
        assert!(doc.articles.is_empty());
        assert!(
            doc.warnings[0].contains("105001 paragraphs"),
            "{:?}",
            doc.warnings
        );
        let (mut next, mut line) = (0, 1);
        for c in &doc.clauses {
            assert_eq!(&text[c.span[0]..c.span[1]], c.text);
            assert!(c.span[0] >= next);
            line += text[next..c.span[0]].matches('\n').count();
            assert_eq!(c.line, line);
            line += c.text.matches('\n').count();
            next = c.span[1];
        }
        let all: String = doc.clauses.iter().map(|c| c.text.as_str()).collect();
        assert!(all.contains("105000、x104999"));
        let words = doc
            .clauses
            .iter()
            .flat_map(|c| c.text.lines())
            .filter(|l| l.contains('x'))
            .count();
        assert_eq!(words, lines.len());
    }

    #[test]
    fn empty_text_gives_the_fallback_title() {
        let doc = parse_document("", "file");
        assert_eq!(doc.title, "file");
        assert!(doc.clauses.is_empty());
    }
}
