//! Hard-wrapped lines joined into their paragraph.
//!
//! Trade agreements, speeches and text taken from PDFs wrap a sentence over several lines with
//! no blank line between (`…the Parties shall` / `endeavour to …`); read line by line, each
//! half is a clause of its own that says nothing alone. A line is joined to the paragraph
//! before it when that paragraph does not end a sentence and the line does not open anything
//! of its own: a heading, a list item, a signature or a date line, a title. Never across a
//! blank line or a full-width paragraph indent (`　　`), and never past
//! [`MAX_SEGMENT_BYTES`]. The joined segment's span covers the lines, so its text is the
//! exact source slice, line breaks included; its line is the first line.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::find_dates;
use super::headings::{Style, recognize};
use super::segments::{MAX_SEGMENT_BYTES, Segment, ends_sentence, is_space};
use crate::script::is_han;

/// Lines that belong to the signature block: who signs, where and when.
static SIGNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:for\s+the\s+(?:government|republic|people|kingdom|state|united|federal)|in\s+witness\s+whereof|done\s+(?:at|in)\b|signed\s+(?:at|in)\b)|签字|签署于|于.{0,12}签订",
    )
    .expect("regex")
});

/// Words a sentence cut by a line break may end with before an in-text reference
/// (`…in accordance with` / `Article 21.8 …`).
const BEFORE_REFERENCE: &[&str] = &[
    "of",
    "to",
    "in",
    "with",
    "under",
    "by",
    "see",
    "pursuant",
    "from",
    "than",
    "per",
    "paragraph",
    "paragraphs",
    "subparagraph",
    "article",
    "articles",
    "annex",
    "chapter",
    "section",
];

/// Chinese lines are wrapped, when they are, at about this many characters; a shorter line
/// that ends without punctuation is a title or ends where the writer ended it.
const HAN_WRAP: usize = 30;

/// Words a title does not end with (a sentence broken across lines does).
const OPEN_ENDINGS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "that", "which", "shall", "may", "will", "its", "their", "be", "is", "are",
];

/// A line shorter than this share of the document's usual line width ends where the writer
/// ended it (a title, an address, a table cell), not where the wrap did.
const SHORT_LINE: f64 = 0.5;

/// `segments` with hard-wrapped lines joined into their paragraph.
pub fn join(text: &str, segments: Vec<Segment>) -> Vec<Segment> {
    let width = usual_width(text);
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for seg in segments {
        if let Some(prev) = out.last_mut()
            && continues(text, *prev, seg, width)
        {
            prev.end = seg.end;
            continue;
        }
        out.push(seg);
    }
    out
}

/// The width (in characters) that most full lines of `text` reach: the 80th percentile of
/// the lengths of its lines under 200 characters (longer ones are unwrapped paragraphs).
fn usual_width(text: &str) -> usize {
    let mut lengths: Vec<usize> = text
        .lines()
        .map(|l| l.trim_matches(is_space).chars().count())
        .filter(|&n| n > 0 && n < 200)
        .collect();
    if lengths.is_empty() {
        return 0;
    }
    lengths.sort_unstable();
    lengths[lengths.len() * 4 / 5]
}

/// Whether `next` continues the paragraph `prev` (which ends on the line before).
fn continues(text: &str, prev: Segment, next: Segment, width: usize) -> bool {
    let Some(gap) = text.get(prev.end..next.start) else {
        return false;
    };
    // The next line, right after this one: one line break, no blank line, no full-width
    // paragraph indent.
    if gap.matches('\n').count() != 1 || gap.contains('\u{3000}') || !gap.chars().all(is_space) {
        return false;
    }
    if next.end - prev.start > MAX_SEGMENT_BYTES {
        return false;
    }
    let whole = prev.text(text);
    let last = whole
        .rsplit('\n')
        .next()
        .unwrap_or(whole)
        .trim_matches(is_space);
    let first = !whole.contains('\n');
    let line = next.text(text).split('\n').next().unwrap_or("");
    let glued = starts_glued(line);
    // A row of a Markdown table is a line of its own.
    if ends_sentence(last) || last.ends_with([':', '：', '|']) || line.starts_with('|') {
        return false;
    }
    if ends_closed(last) && !glued {
        return false;
    }
    if is_date_or_signature(last) || is_date_or_signature(line) {
        return false;
    }
    // A heading line stays alone (`ARTICLE 7.1: Title`, `Article 5`); its title line too.
    if first && opens_titled_heading(whole) {
        return false;
    }
    let reference = match recognize(line) {
        // An in-text reference that a wrap put at the start of a line.
        Some(c) => {
            let named = names_a_division(c.style);
            if !named || !last_word(last).is_some_and(|w| BEFORE_REFERENCE.contains(&w.as_str())) {
                return false;
            }
            true
        }
        None => false,
    };
    // Punctuation at the start of a line opens nothing.
    if line.starts_with(|c: char| "，、；：。）》」』,;)".contains(c)) {
        return true;
    }
    // A line that ends with `of`, `the`, `and` … goes on, whatever the next looks like.
    let open = last_word(last).is_some_and(|w| OPEN_ENDINGS.contains(&w.as_str()));
    if opens_bullet(line) || is_title_like(last) || (!reference && !open && is_title_like(line)) {
        return false;
    }
    // Nor does a lower-case letter.
    if glued {
        return true;
    }
    if last.ends_with(',') && opens_recital(line) {
        return false;
    }
    let han = last.chars().filter(|&c| is_han(c)).count();
    if han > 0 {
        return last.ends_with(['《', '「', '『', '“', '（', '、']) || han >= HAN_WRAP;
    }
    if line.starts_with(|c: char| c.is_ascii_digit())
        && !last_word(last).is_some_and(|w| BEFORE_REFERENCE.contains(&w.as_str()))
    {
        // A row of a table, a number that starts something.
        return false;
    }
    let long = last.chars().count() as f64 >= SHORT_LINE * width as f64;
    long || last.chars().count() >= 40
}

/// A line that can only continue something: it starts with a lower-case letter or with
/// punctuation that never opens a sentence (`，也可能…`, `, and …`).
fn starts_glued(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || "，、；：。）》」』,;)".contains(c))
}

/// Ends with a closing quote or bracket: the end of a quotation or of a parenthesis that a
/// writer may end a line with on purpose.
fn ends_closed(line: &str) -> bool {
    line.ends_with(|c: char| "\"'”’」』)）]】》".contains(c))
}

/// A line of a date alone, or of who signs where.
fn is_date_or_signature(line: &str) -> bool {
    if SIGNING.is_match(line) {
        return true;
    }
    line.chars().count() <= 60 && !find_dates(line).is_empty() && {
        // The date and little else: a dateline, not a sentence that cites a date.
        let words = line.split(is_space).filter(|w| !w.is_empty()).count();
        words <= 8 || line.chars().filter(|&c| is_han(c)).count() <= 20
    }
}

/// A heading style that names what it opens (`Article`, `第…条`, `Chapter`, `Section`, `Part`):
/// the styles an in-text reference is written in too.
fn names_a_division(style: Style) -> bool {
    matches!(
        style,
        Style::EnArticle | Style::ZhArticle | Style::EnChapter | Style::EnSection | Style::EnPart
    )
}

/// A paragraph that opens a heading whose line holds nothing but its label and title:
/// `ARTICLE 7.1: Anti-Competitive Business Conduct`, `Article 5`, `第五章 法律责任`.
fn opens_titled_heading(paragraph: &str) -> bool {
    let Some(c) = recognize(paragraph) else {
        return false;
    };
    let heading = names_a_division(c.style)
        || matches!(
            c.style,
            Style::ZhChapter | Style::ZhSection | Style::ZhPart | Style::NumberColon
        );
    let rest = paragraph[c.label_end..]
        .trim_matches(|ch: char| is_space(ch) || matches!(ch, ':' | '：' | '.' | '-' | '–' | '—'));
    heading && (rest.is_empty() || is_title_like(rest) || c.strong && !has_verb(rest))
}

/// A recital of a preamble, which follows a line ending with a comma: `Recognizing …`,
/// `Desiring …`, `Resolved …`.
fn opens_recital(line: &str) -> bool {
    let word: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
    word.chars().next().is_some_and(char::is_uppercase)
        && word.len() > 4
        && (word.ends_with("ing")
            || word.ends_with("ed")
            || word.ends_with("ING")
            || word.ends_with("ED"))
}

/// A bullet that opens a list item: `-`, `•`, `*`, `–`.
fn opens_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(chars.next(), Some('-' | '•' | '*' | '–' | '·' | '▪'))
        && chars.next().is_some_and(is_space)
}

/// A title: all capitals, or most longer words capitalized, with no punctuation of a
/// sentence and no open ending; or a short line of Han characters without punctuation.
fn is_title_like(line: &str) -> bool {
    let line = line.trim_matches(is_space);
    if line.is_empty() || ends_sentence(line) {
        return false;
    }
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4 && letters.iter().all(|c| !c.is_lowercase() && !is_han(*c)) {
        // Capitals: the title block of a treaty, wrapped or not.
        return true;
    }
    if line.contains([',', ';', '，', '；', '。']) {
        return false;
    }
    let han = line.chars().filter(|&c| is_han(c)).count();
    if han > 0 {
        return han <= 15 && !line.ends_with(['《', '「', '『', '“', '（']);
    }
    if last_word(line).is_some_and(|w| OPEN_ENDINGS.contains(&w.as_str())) {
        return false;
    }
    let long: Vec<&str> = line
        .split(is_space)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    let capitalized = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    line.chars().count() <= 100
        && long.len() >= 2
        && capitalized * 5 >= long.len() * 4
        && !has_verb(line)
}

/// A verb or modal that makes a line a sentence rather than a title.
fn has_verb(line: &str) -> bool {
    const VERBS: &[&str] = &[
        "shall", "may", "will", "must", "should", "agree", "agrees", "agreed", "is", "are", "was",
        "were", "has", "have",
    ];
    line.split(is_space).any(|w| {
        VERBS.contains(
            &w.trim_matches(|c: char| !c.is_alphabetic())
                .to_lowercase()
                .as_str(),
        )
    })
}

/// The last word of a line, lower-cased, without punctuation.
fn last_word(line: &str) -> Option<String> {
    line.split(is_space)
        .rev()
        .find(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::segments::segments;

    /// The paragraphs of `text` after joining, with their first line.
    fn joined(text: &str) -> Vec<(&str, usize)> {
        join(text, segments(text, 0))
            .into_iter()
            .map(|s| (s.text(text), s.line))
            .collect()
    }

    #[test]
    fn wrapped_sentences_are_joined_and_their_ends_kept() {
        let text = "Agreement on Trade\n\n\
                    ARTICLE 7.1: Anti-Competitive Business Conduct\n\
                    1. Each Party shall maintain or adopt measures to proscribe\n\
                    anti-competitive business conduct, and the Parties shall\n\
                    endeavour to cooperate on this matter.\n\
                    2. Each Party shall ensure transparency.\n";
        assert_eq!(
            joined(text),
            [
                ("Agreement on Trade", 1),
                ("ARTICLE 7.1: Anti-Competitive Business Conduct", 3),
                (
                    "1. Each Party shall maintain or adopt measures to proscribe\n\
                     anti-competitive business conduct, and the Parties shall\n\
                     endeavour to cooperate on this matter.",
                    4
                ),
                ("2. Each Party shall ensure transparency.", 7),
            ]
        );
    }

    #[test]
    fn what_is_not_joined() {
        for (text, why) in [
            (
                "The Parties shall cooperate in:\n(a) trade; and\n(b) investment.",
                "a line ending in `and` before a list item",
            ),
            (
                "The Parties shall cooperate in trade and\n- investment.",
                "a bullet",
            ),
            (
                "Article 5\nRules of Origin\n",
                "a bare heading and its title",
            ),
            (
                "ARTICLE 7.1: Anti-Competitive Business Conduct\nEach Party shall adopt measures.",
                "a titled heading",
            ),
            (
                "The Parties shall cooperate in the fields of trade and\n\nsecurity.",
                "a blank line",
            ),
            (
                "双方同意加强合作并在以下领域开展交流与合作以促进共同发展\n\u{3000}\u{3000}二、双方同意。",
                "a full-width paragraph indent",
            ),
            (
                "中华人民共和国和白俄罗斯共和国联合声明\n双方一致认为，两国关系发展良好。",
                "a Chinese title that ends without punctuation",
            ),
            (
                "AGREEMENT BETWEEN JAPAN AND THE KINGDOM OF THAILAND\nFOR AN ECONOMIC PARTNERSHIP",
                "title lines in capitals",
            ),
            (
                "The Parties have signed this Agreement in the English language\nDone at Tokyo on 3 April 2007",
                "a signing line",
            ),
            (
                "The Parties shall cooperate in the fields of energy, trade and\n1 March 2023",
                "a date line",
            ),
            (
                "The objectives of this Agreement are set out in the annex (the \"Objectives\")\nFurther provisions follow in the next chapter of this text.",
                "a closing bracket",
            ),
            (
                "Tariff schedule of the Parties for goods\n0101.10 Live horses",
                "a table row",
            ),
            ("Heading\nThe Parties shall cooperate.", "a short line"),
            (
                "| Name | First names | Place of birth |\n| --- | --- | --- |",
                "rows of a table",
            ),
            (
                "The Government of the United States and the Government of Bahrain,\nRecognizing the strong bonds of friendship;",
                "a recital after the parties",
            ),
        ] {
            assert!(joined(text).len() > 1, "{why}: {:?}", joined(text));
        }
    }

    #[test]
    fn what_is_joined() {
        for (text, why) in [
            (
                "Each Party shall accord treatment in accordance with\nArticle 21.8 (Institutional Arrangements).",
                "an in-text reference at the start of a line",
            ),
            (
                "Brazil, together with India and South Africa, finances projects in\nHaiti, Guinea-Bissau, Cape Verde, Palestine, and elsewhere.",
                "a line of names",
            ),
            (
                "认真做好实施《\n中华人民共和国公务员法》的工作。",
                "Chinese broken mid-sentence",
            ),
            (
                "中国大陆\n，也可能在其他管辖区。",
                "a line that starts with a comma",
            ),
            (
                "The Government of Japan and the Government of the Kingdom of\nThailand have agreed as follows.",
                "a sentence that ends with `of`",
            ),
        ] {
            assert_eq!(joined(text).len(), 1, "{why}: {:?}", joined(text));
        }
    }

    #[test]
    fn joined_paragraphs_stay_under_the_cap() {
        let line = "the Parties shall cooperate in the fields of trade and energy and\n";
        let text = line.repeat(400);
        let segs = join(&text, segments(&text, 0));
        assert!(segs.len() > 1);
        assert!(segs.iter().all(|s| s.end - s.start <= MAX_SEGMENT_BYTES));
        let dense = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let all: String = segs.iter().map(|s| dense(s.text(&text))).collect();
        assert_eq!(all, dense(&text));
    }
}
