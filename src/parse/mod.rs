//! Text → [`Document`]: title, language, dates, parties, articles and clauses.
//!
//! Pure functions over decoded text: no I/O, no index. What a front-matter block states wins
//! over what is inferred from the text.

pub mod dates;
mod dating;
pub mod frontmatter;
pub mod headings;
pub mod numerals;
pub mod parties;
mod places;
pub mod segments;
pub mod structure;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::analyze::is_han;
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
    let mut front = FrontMatter::parse(text);
    if let Some(sidecar) = sidecar {
        front.override_with(FrontMatter::parse_sidecar(sidecar));
    }
    let mut segs = segments::segments(text, front.body_start);
    let published = take_header_stamps(text, &mut segs);
    let structure = structure::analyze(text, &mut segs);

    let clauses: Vec<Clause> = segs
        .iter()
        .zip(&structure.placement)
        .enumerate()
        .map(|(index, (seg, article))| Clause {
            article: article.clone(),
            index,
            text: seg.text(text).to_string(),
            line: seg.line,
            span: [seg.start, seg.end],
        })
        .collect();

    let dating = dating::date_document(text, &segs, &structure);
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
        .unwrap_or_else(|| detect_lang(body));
    let title = front
        .get("title")
        .map(str::to_string)
        .or_else(|| {
            // A Markdown title is shown without its `#`.
            segs.first()
                .map(|s| s.text(text).trim_start_matches('#').trim().to_string())
        })
        .unwrap_or_else(|| fallback_title.to_string());

    let listed = front.list("parties");
    let parties = if listed.is_empty() {
        infer_parties(text, &title, &segs, &structure)
    } else {
        listed
            .iter()
            .map(|p| parties::normalize_party(p).map_or_else(|| p.clone(), str::to_string))
            .collect()
    };

    Document {
        title,
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
        warnings: front.problem.into_iter().collect(),
    }
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

/// Chinese when Han characters make up a noticeable share of the letters.
fn detect_lang(text: &str) -> Lang {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if is_han(c) {
            han += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if han * 4 >= letters && han > 0 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Parties named in the title; else in the signature block; else in the opening paragraphs.
fn infer_parties(
    text: &str,
    title: &str,
    segs: &[Segment],
    structure: &structure::Structure,
) -> Vec<String> {
    let sig = structure.signature;
    let owned = |v: Vec<&'static str>| v.into_iter().map(str::to_string).collect::<Vec<_>>();
    let in_title = parties::find_parties(title);
    if in_title.len() >= 2 {
        return owned(in_title);
    }
    if let Some(sig) = sig {
        let block = &text[segs[sig].start..segs.last().map_or(segs[sig].end, |s| s.end)];
        let found = parties::find_parties(block);
        if found.len() >= 2 {
            return owned(found);
        }
    }
    // The opening paragraphs before the first article (at most five).
    let opening_count = structure.body_start.clamp(1, 5);
    let opening_end = segs
        .get(opening_count - 1)
        .or(segs.last())
        .map_or(0, |s| s.end);
    let opening = &text[segs.first().map_or(0, |s| s.start)..opening_end];
    let mut found = in_title;
    for p in parties::find_parties(opening) {
        if !found.contains(&p) && !parties::ORGANIZATIONS.contains(&p) {
            found.push(p);
        }
    }
    owned(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_stamp_becomes_the_publication_date() {
        let doc = parse_document("A statement\n\n2023-12-28 18:40\n\nText.\n", "f");
        assert_eq!(doc.title, "A statement");
        assert_eq!(doc.dates["published"].to_string(), "2023-12-28");
        let texts: Vec<&str> = doc.clauses.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["A statement", "Text."]);
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
    fn empty_text_gives_the_fallback_title() {
        let doc = parse_document("", "file");
        assert_eq!(doc.title, "file");
        assert!(doc.clauses.is_empty());
    }
}
