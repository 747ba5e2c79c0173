//! What each clause is as a unit of text, and the heading it stands under.
//!
//! A heading line (`ARTICLE 7.1: Anti-Competitive Business Conduct`, `第五章 法律责任`,
//! `Article 5` with its title on the next line) stays a clause, so that `show` and paragraph
//! numbering keep its text, but it is marked [`ClauseKind::Heading`]; a lead-in that only
//! introduces what follows (`"customs duty" means:`, `双方同意：`) is a [`ClauseKind::Stub`].
//! Every clause under a titled heading carries that title (without its number): a word that
//! stands only in the heading belongs to the clauses under it. Ranking decides what to do
//! with both; this module only says what the text is.

use super::headings::recognize;
use super::segments::{Segment, ends_sentence, is_space};
use super::structure::Structure;
use crate::model::{ClauseKind, Part};

/// Longest heading title, in words of Latin script.
const MAX_TITLE_WORDS: usize = 15;
/// Longest heading title, in Han characters.
const MAX_TITLE_HAN: usize = 30;
/// Longest lead-in stub, in words of Latin script.
const MAX_STUB_WORDS: usize = 12;
/// Longest lead-in stub, in Han characters.
const MAX_STUB_HAN: usize = 25;

/// Small words a title does not end with; a line that ends with one is a sentence broken
/// across lines (`Each Party shall endeavour to`).
const OPEN_ENDINGS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "that", "which", "shall", "may", "will", "its", "their", "be", "is", "are",
];

/// Words of a sentence, not of a title.
const VERBS: &[&str] = &[
    "shall", "may", "will", "must", "should", "agree", "agrees", "agreed", "is", "are", "was",
    "were", "has", "have",
];

/// The kind and heading title of every segment, in order.
pub fn units(
    text: &str,
    segments: &[Segment],
    structure: &Structure,
) -> Vec<(ClauseKind, Option<String>)> {
    let mut out = Vec::with_capacity(segments.len());
    // The title of the open heading at each level (parts, chapters, sections, articles).
    let mut titles: Vec<(u8, Option<String>)> = Vec::new();
    let mut title_line = None;
    for (i, seg) in segments.iter().enumerate() {
        let t = seg.text(text);
        let mut kind = None;
        if let Some(opening) = structure.openings.get(i).copied().flatten() {
            let mut title = None;
            if let Some(label_end) = opening.label_end {
                let rest = t.get(label_end..).unwrap_or("");
                let rest_title = trim_title(rest);
                if rest_title.is_empty() {
                    kind = Some(ClauseKind::Heading);
                    // `Article 5` with its title on the next line.
                    let next = i + 1;
                    if let Some(n) = segments.get(next)
                        && structure.openings.get(next).copied().flatten().is_none()
                        && is_title_line(n.text(text))
                    {
                        title = Some(trim_title(n.text(text)).to_string());
                        title_line = Some(next);
                    }
                } else if is_title(rest) {
                    kind = Some(ClauseKind::Heading);
                    title = Some(rest_title.to_string());
                }
            }
            titles.retain(|(level, _)| *level < opening.level);
            titles.push((opening.level, title));
        }
        if title_line == Some(i) {
            kind = Some(ClauseKind::Heading);
        }
        let part = structure.placement.get(i).map(|p| p.part);
        let heading = if matches!(part, Some(Part::Signature | Part::Preamble)) {
            None
        } else {
            titles.iter().rev().find_map(|(_, t)| t.clone())
        };
        let kind = kind.unwrap_or_else(|| {
            if is_stub(t) {
                ClauseKind::Stub
            } else {
                ClauseKind::Body
            }
        });
        out.push((kind, heading));
    }
    out
}

/// A heading's title words: without the separators between label and title, Markdown
/// emphasis and a closing colon or full stop.
fn trim_title(rest: &str) -> &str {
    rest.trim_matches(|c: char| {
        is_space(c)
            || matches!(
                c,
                ':' | '：' | '.' | '．' | '-' | '–' | '—' | '|' | '*' | '#'
            )
    })
}

/// Latin-script words and Han characters of `text`.
fn measure(text: &str) -> (usize, usize) {
    let han = text.chars().filter(|&c| crate::script::is_han(c)).count();
    let words = text
        .split(is_space)
        .filter(|w| w.chars().any(char::is_alphanumeric) && !w.chars().any(crate::script::is_han))
        .count();
    (words, han)
}

/// Whether what follows a heading's label on its line is a title rather than running text:
/// short, no sentence, no lead-in colon.
fn is_title(rest: &str) -> bool {
    let t = rest.trim_end_matches(is_space);
    if t.ends_with([':', '：']) || ends_sentence(t) {
        return false;
    }
    let title = trim_title(t);
    if !title.chars().any(char::is_alphanumeric) {
        return false;
    }
    let (words, han) = measure(title);
    words <= MAX_TITLE_WORDS && han <= MAX_TITLE_HAN && !reads_as_sentence(title)
}

/// Whether a line of its own is the title of the bare heading above it (`Article 5` /
/// `Rules of Origin`): no numbering of its own, short, capitalized, no sentence and not a
/// sentence broken across lines.
fn is_title_line(line: &str) -> bool {
    if recognize(line).is_some() || !is_title(line) {
        return false;
    }
    let first = line.chars().find(|c| c.is_alphabetic());
    first.is_some_and(|c| !c.is_lowercase())
}

/// English words that make a line a sentence (a verb, a modal) or a sentence cut short (it
/// ends with an article or preposition).
fn reads_as_sentence(title: &str) -> bool {
    let words: Vec<String> = title
        .split(is_space)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let ends_open = words
        .last()
        .is_some_and(|w| OPEN_ENDINGS.contains(&w.as_str()));
    ends_open || words.iter().any(|w| VERBS.contains(&w.as_str()))
}

/// A lead-in that only introduces what follows: a short line ending with a colon that holds
/// no sentence of its own (`"customs duty" means:`, `For the purposes of this Chapter:`,
/// `双方同意：`).
pub fn is_stub(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| is_space(c) || "\"'”’」』".contains(c));
    let Some(body) = t.strip_suffix([':', '：']) else {
        return false;
    };
    if body.contains(['。', '；', ';', '!', '！', '?', '？']) || body.contains(". ") {
        return false;
    }
    let (words, han) = measure(body);
    (words > 0 || han > 0) && words <= MAX_STUB_WORDS && han <= MAX_STUB_HAN
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::segments::segments;
    use crate::parse::structure::analyze;

    fn units_of(text: &str) -> Vec<(String, ClauseKind, Option<String>)> {
        let mut segs = segments(text, 0);
        let s = analyze(text, &mut segs);
        let u = units(text, &segs, &s);
        segs.iter()
            .zip(u)
            .map(|(seg, (k, h))| (seg.text(text).to_string(), k, h))
            .collect()
    }

    #[test]
    fn stubs_are_short_lead_ins() {
        for (text, stub) in [
            ("\"customs duty\" means:", true),
            ("For the purposes of this Chapter:", true),
            ("双方同意：", true),
            ("The Parties have agreed as follows:", true),
            ("“关税”是指：", true),
            // A full sentence before the colon.
            (
                "Each Party shall ensure that its measures are transparent. To this end:",
                false,
            ),
            ("双方重申，将继续深化全面战略伙伴关系。为此：", false),
            // Long lead-ins say something by themselves.
            (
                "Each Party shall, in accordance with its laws and regulations and subject to the availability of resources, endeavour to:",
                false,
            ),
            (
                "双方认为，在当前国际形势下，加强战略协作对于维护地区和世界和平稳定具有重要意义：",
                false,
            ),
            ("The Parties shall cooperate.", false),
            (":", false),
        ] {
            assert_eq!(is_stub(text), stub, "{text}");
        }
    }

    #[test]
    fn titled_headings_attach_to_the_clauses_under_them() {
        let text = "Agreement\nPreamble text.\nCHAPTER 7 Competition Policy\n\
                    ARTICLE 7.1: Anti-Competitive Business Conduct\n\
                    1. Each Party shall adopt measures.\n\
                    ARTICLE 7.2: Definitions\nFor the purposes of this Chapter:\n\
                    (a) \"measure\" means a law.";
        let u = units_of(text);
        let got: Vec<(&str, ClauseKind, Option<&str>)> = u
            .iter()
            .map(|(t, k, h)| (t.as_str(), *k, h.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Agreement", ClauseKind::Body, None),
                ("Preamble text.", ClauseKind::Body, None),
                (
                    "CHAPTER 7 Competition Policy",
                    ClauseKind::Heading,
                    Some("Competition Policy")
                ),
                (
                    "ARTICLE 7.1: Anti-Competitive Business Conduct",
                    ClauseKind::Heading,
                    Some("Anti-Competitive Business Conduct")
                ),
                (
                    "1. Each Party shall adopt measures.",
                    ClauseKind::Body,
                    Some("Anti-Competitive Business Conduct")
                ),
                (
                    "ARTICLE 7.2: Definitions",
                    ClauseKind::Heading,
                    Some("Definitions")
                ),
                (
                    "For the purposes of this Chapter:",
                    ClauseKind::Stub,
                    Some("Definitions")
                ),
                (
                    "(a) \"measure\" means a law.",
                    ClauseKind::Body,
                    Some("Definitions")
                ),
            ]
        );
    }

    #[test]
    fn a_bare_heading_takes_the_title_on_the_next_line() {
        let text = "Agreement\nArticle 1\nRules of Origin\nThe Parties shall apply the rules.\n\
                    Article 2\nEach Party shall endeavour to\nensure transparency.\nArticle 3\nText.";
        let u = units_of(text);
        let kinds: Vec<ClauseKind> = u.iter().map(|x| x.1).collect();
        let headings: Vec<Option<&str>> = u.iter().map(|x| x.2.as_deref()).collect();
        use ClauseKind::*;
        assert_eq!(
            kinds,
            [
                Body, Heading, Heading, Body, Heading, Body, Body, Heading, Body
            ]
        );
        assert_eq!(
            headings,
            [
                None,
                Some("Rules of Origin"),
                Some("Rules of Origin"),
                Some("Rules of Origin"),
                // A sentence broken across lines is no title; `Article 2` has none.
                None,
                None,
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn chinese_chapters_give_their_title_to_untitled_articles() {
        let text = "某某法\n第一章 总则\n第一条 为了规范管理，制定本法。\n第五章　法律责任\n\
                    第十二条 违反本法规定的，依法追究责任。\n第十三条 下列行为：\n（一）甲；";
        let u = units_of(text);
        let got: Vec<(ClauseKind, Option<&str>)> =
            u.iter().map(|(_, k, h)| (*k, h.as_deref())).collect();
        use ClauseKind::*;
        assert_eq!(
            got,
            [
                (Body, None),
                (Heading, Some("总则")),
                (Body, Some("总则")),
                (Heading, Some("法律责任")),
                (Body, Some("法律责任")),
                (Stub, Some("法律责任")),
                (Body, Some("法律责任")),
            ]
        );
    }

    #[test]
    fn an_article_number_alone_has_no_title() {
        let text = "法\n第一条\n为了规范管理，制定本法。\n第二条\n本法适用于全国。";
        let u = units_of(text);
        assert!(u.iter().all(|(_, _, h)| h.is_none()), "{u:?}");
        assert_eq!(u[1].1, ClauseKind::Heading);
        assert_eq!(u[2].1, ClauseKind::Body);
    }
}
