//! Heading forms: what a numbered heading at the start of a paragraph looks like, one style per
//! numbering scheme, with its number read into a comparable key.
//!
//! This module judges one paragraph at a time; whether a candidate really opens an article
//! (it continues a sequence, it is not an in-text reference) is decided in `structure`.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::numerals::{chinese_to_u32, english_words_to_u32, roman_to_u32};

/// A numbering scheme. Divisions group articles; articles are the unit a hit reports; items
/// number the paragraphs inside an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// `第一编`
    ZhPart,
    /// `第一章`
    ZhChapter,
    /// `第一节`
    ZhSection,
    /// `PART I`
    EnPart,
    /// `CHAPTER 1`, `Chapter One`
    EnChapter,
    /// `SECTION A`
    EnSection,
    /// `第一条`
    ZhArticle,
    /// `Article 1`, `ARTICLE 1.1`, `ARTICLE I`, `ARTICLE ONE`, `ARTICLE 1-01`, `ARTICLE G-01`
    EnArticle,
    /// `1: Title` on a line of its own
    NumberColon,
    /// `一、`
    ZhList,
    /// `1、`
    ArabicList,
    /// `1.` (numbered paragraphs of speeches and treaties)
    Numbered,
    /// `（一）`
    ZhParen,
    /// `(1)`
    ArabicParen,
    /// `(a)`, `a)`
    LetterParen,
    /// `(i)`, `(iv)`
    RomanParen,
    /// `①`
    Circled,
}

impl Style {
    /// Division level (1 = outermost) for division styles.
    pub fn division_level(self) -> Option<u8> {
        match self {
            Style::ZhPart | Style::EnPart => Some(1),
            Style::ZhChapter | Style::EnChapter => Some(2),
            Style::ZhSection | Style::EnSection => Some(3),
            _ => None,
        }
    }

    /// Styles that can number articles, most specific first.
    pub const ARTICLE_STYLES: [Style; 6] = [
        Style::ZhArticle,
        Style::EnArticle,
        Style::NumberColon,
        Style::ZhList,
        Style::ArabicList,
        Style::Numbered,
    ];
}

/// A paragraph that starts like a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub style: Style,
    /// The label as written (`第十二条`, `ARTICLE 1.1`, `三、`), without a Markdown `#`.
    pub label: String,
    /// Byte length of the paragraph prefix that the label (and any `#`) takes.
    pub label_end: usize,
    /// The number as shown to users: Arabic digits where the label has numerals
    /// (`三` → `3`, `IV` → `4`, `ONE` → `1`), else as written (`G-01`).
    pub number: String,
    /// The number as comparable components: `1.2` → [1, 2], `G-01` → [7, 1].
    pub key: Vec<u32>,
    /// `26 BIS`: an article inserted after 26.
    pub bis: bool,
    /// Laid out as a heading (own line, Markdown `#`, short title) rather than a number in
    /// front of running text: strong evidence on its own.
    pub strong: bool,
}

const ZH_NUM: &str = "[一二三四五六七八九十百千零〇两0-9０-９]";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("heading pattern")
}

static MARKDOWN: LazyLock<Regex> = LazyLock::new(|| re(r"^(#{1,6})[ \t]+"));
static ZH_DIVISION: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^第[ \t]*({ZH_NUM}{{1,6}})[ \t]*([编章节])")));
/// `第十七条之一` is an article inserted after 17: same number, `之一` kept in the label.
static ZH_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^第[ \t]*({ZH_NUM}{{1,7}})[ \t]*条(之[一二三四五六七八九十]{{1,3}})?"
    ))
});
static EN_DIVISION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(part|chapter|section)[ \t]+([0-9]{1,3}|[ivxlc]{1,7}|[a-z]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b\.?",
    )
});
static EN_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^articles?[ \t]*(?:[-–—][ \t]*)?((?:[0-9]{1,4}|[a-z]-?[0-9]{1,3})(?:[.\-][0-9]{1,3}){0,3}(?:[ \t]?(?:bis|ter|quater)\b)?|[ivxlc]{1,7}(?:\.[0-9]{1,3}){0,2}\b|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[ \-])?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b|first|second|third)",
    )
});
static NUMBER_COLON: LazyLock<Regex> = LazyLock::new(|| re(r"^([0-9]{1,3})[ \t]*:[ \t]+\S"));
static ZH_LIST: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([一二三四五六七八九十百零〇两]{1,5})[ \t]*[、，]"));
static ARABIC_LIST: LazyLock<Regex> = LazyLock::new(|| re(r"^([0-9０-９]{1,3})[ \t]*、"));
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{1,3})[ \t]*[.．](?:[ \t\u{3000}]+|$)"));
static ZH_PAREN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(][ \t]*([一二三四五六七八九十百零〇两]{1,5})[ \t]*[)）]"));
static ARABIC_PAREN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(][ \t]*([0-9０-９]{1,3})[ \t]*[)）]"));
static ROMAN_PAREN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\(((?:i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xv))\)"));
static LETTER_PAREN: LazyLock<Regex> = LazyLock::new(|| re(r"^\(?([a-z])\)"));
/// Words after an `Article N` that make it an in-text reference, not a heading.
static REFERENCE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:of|in|and|or|to|shall|may|above|below|hereof|thereof|under|with|by|as|is|are|was|were|has|have|applies|apply|provides|sets)\b|[,;])",
    )
});

/// Recognizes the heading that opens `paragraph`, if any.
pub fn recognize(paragraph: &str) -> Option<Candidate> {
    let (mut offset, markdown) = match MARKDOWN.find(paragraph) {
        Some(m) => (m.end(), true),
        None => (0, false),
    };
    let body = paragraph[offset..].trim_start_matches("**");
    offset = paragraph.len() - body.len();
    let mut c = recognize_body(body)?;
    c.label_end += offset;
    c.strong |= markdown;
    Some(c)
}

/// The article number that `text` names, as headings store it: a label (`第十四条`,
/// `Article 12`, `三、`, `（二）`) or a bare number (`3`, `03`, `三`, `IV`, `ONE`, `1.2`,
/// `G-01`). The one reader of article numbers, for the parser's headings and for the
/// references users type (`show DOC 14`); `None` when `text` names no number.
pub fn article_number(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(c) = recognize(text).filter(|c| text[c.label_end..].trim().is_empty()) {
        return Some(c.number);
    }
    if let Some(n) = chinese_to_u32(text) {
        return Some(n.to_string());
    }
    read_en_number(text).map(|(number, _)| number)
}

fn recognize_body(text: &str) -> Option<Candidate> {
    if let Some(caps) = ZH_DIVISION.captures(text) {
        let style = match &caps[2] {
            "编" => Style::ZhPart,
            "章" => Style::ZhChapter,
            _ => Style::ZhSection,
        };
        let rest = &text[caps.get(0)?.end()..];
        let strong = rest.is_empty() || rest.starts_with(char::is_whitespace);
        return zh_numbered(style, &caps, &caps[1], strong);
    }
    if let Some(caps) = ZH_ARTICLE.captures(text) {
        let rest = &text[caps.get(0)?.end()..];
        // 第三条 followed by a space is a heading; 第三条规定… at a paragraph start may be a reference.
        let strong = rest.is_empty() || rest.starts_with(char::is_whitespace);
        let mut c = zh_numbered(Style::ZhArticle, &caps, &caps[1], strong)?;
        c.bis = caps.get(2).is_some();
        return Some(c);
    }
    if let Some(caps) = EN_DIVISION.captures(text) {
        let style = match caps[1].to_ascii_lowercase().as_str() {
            "part" => Style::EnPart,
            "chapter" => Style::EnChapter,
            _ => Style::EnSection,
        };
        let whole = caps.get(0)?;
        let rest = &text[whole.end()..];
        if REFERENCE_TAIL.is_match(rest.trim_start()) || !heading_like(text, rest) {
            return None;
        }
        let (number, key) = read_en_number(&caps[2])?;
        return Some(candidate(
            style,
            whole.as_str(),
            whole.end(),
            number,
            key,
            false,
            true,
        ));
    }
    if let Some(caps) = EN_ARTICLE.captures(text) {
        let whole = caps.get(0)?;
        let rest = &text[whole.end()..];
        if rest.starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        if REFERENCE_TAIL.is_match(rest.trim_start()) {
            return None;
        }
        let raw = caps[1].trim();
        let bis = ["bis", "ter", "quater"]
            .iter()
            .any(|s| raw.to_ascii_lowercase().ends_with(s));
        let (number, key) = read_en_number(raw)?;
        let strong = heading_like(text, rest);
        return Some(candidate(
            Style::EnArticle,
            whole.as_str(),
            whole.end(),
            number,
            key,
            bis,
            strong,
        ));
    }
    if let Some(caps) = NUMBER_COLON.captures(text) {
        let colon = text.find(':')?;
        if !heading_like(text, &text[colon..]) {
            return None;
        }
        let n: u32 = caps[1].parse().ok()?;
        return Some(candidate(
            Style::NumberColon,
            &text[..colon + 1],
            colon + 1,
            n.to_string(),
            vec![n],
            false,
            true,
        ));
    }
    let simple: [(&Regex, Style, ReadNumber); 8] = [
        (&ZH_LIST, Style::ZhList, chinese_to_u32),
        (&ARABIC_LIST, Style::ArabicList, arabic),
        (&NUMBERED, Style::Numbered, arabic),
        (&ZH_PAREN, Style::ZhParen, chinese_to_u32),
        (&ARABIC_PAREN, Style::ArabicParen, arabic),
        (&ROMAN_PAREN, Style::RomanParen, roman_to_u32),
        (&LETTER_PAREN, Style::LetterParen, letter),
        (&CIRCLED_RE, Style::Circled, circled),
    ];
    for (pattern, style, read) in simple {
        if let Some(caps) = pattern.captures(text) {
            let whole = caps.get(0)?;
            let n = read(&caps[1]).filter(|&n| n > 0)?;
            let label = whole.as_str().trim_end();
            return Some(candidate(
                style,
                label,
                label.len(),
                n.to_string(),
                vec![n],
                false,
                false,
            ));
        }
    }
    None
}

/// Reads the number of a simple list label.
type ReadNumber = fn(&str) -> Option<u32>;

static CIRCLED_RE: LazyLock<Regex> = LazyLock::new(|| re(r"^([①-⑳])"));

fn circled(s: &str) -> Option<u32> {
    s.chars().next().map(|c| c as u32 - '①' as u32 + 1)
}

fn letter(s: &str) -> Option<u32> {
    s.chars()
        .next()
        .filter(char::is_ascii_lowercase)
        .map(|c| c as u32 - 'a' as u32 + 1)
}

fn arabic(s: &str) -> Option<u32> {
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect();
    ascii.parse().ok()
}

fn zh_numbered(
    style: Style,
    caps: &Captures<'_>,
    numeral: &str,
    strong: bool,
) -> Option<Candidate> {
    let whole = caps.get(0)?;
    let n = arabic(numeral)
        .or_else(|| chinese_to_u32(numeral))
        .filter(|&n| n > 0)?;
    Some(candidate(
        style,
        whole.as_str(),
        whole.end(),
        n.to_string(),
        vec![n],
        false,
        strong,
    ))
}

fn candidate(
    style: Style,
    label: &str,
    label_end: usize,
    number: String,
    key: Vec<u32>,
    bis: bool,
    strong: bool,
) -> Candidate {
    Candidate {
        style,
        label: label.trim().to_string(),
        label_end,
        number,
        key,
        bis,
        strong,
    }
}

/// A heading line rather than a sentence: nothing after the label, or a short title after
/// `:`/`.`/`-`/a space, with no sentence running on.
fn heading_like(paragraph: &str, rest: &str) -> bool {
    let rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    let title = rest
        .trim_start_matches([':', '.', '-', '–', '—', ' '])
        .trim();
    let chars = paragraph.chars().count();
    chars <= 160
        && !title.ends_with([',', ';'])
        && !(title.ends_with('.') && title.split_whitespace().count() > 12)
}

/// Reads `1`, `1.2`, `1-01`, `G-01`, `IV`, `I.1`, `ONE`, `twenty-one`, `26 BIS`.
fn read_en_number(raw: &str) -> Option<(String, Vec<u32>)> {
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    let core = ["bis", "ter", "quater"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .map(|c| c.trim().to_string())
        .unwrap_or(lower.clone());
    if let Some(n) = english_words_to_u32(&core).filter(|_| {
        core.chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == ' ')
            && core.len() > 1
            && roman_to_u32(&core).is_none()
    }) {
        return Some((n.to_string(), vec![n]));
    }
    let mut key = Vec::new();
    let mut shown = Vec::new();
    for (i, part) in core.split(['.', '-']).enumerate() {
        if part.is_empty() {
            return None;
        }
        if let Ok(n) = part.parse::<u32>() {
            key.push(n);
            shown.push(if i > 0 && part.len() > 1 && part.starts_with('0') {
                part.to_string()
            } else {
                n.to_string()
            });
        } else if i == 0
            && part.len() == 1
            && (core.contains('-') || core.len() == 1)
            && roman_to_u32(part).is_none()
        {
            // `G-01`: an annex letter, kept as written.
            let c = part.chars().next()?;
            key.push(c as u32 - 'a' as u32 + 1);
            shown.push(c.to_ascii_uppercase().to_string());
        } else if let Some(n) = roman_to_u32(part) {
            key.push(n);
            shown.push(n.to_string());
        } else if let Some(letter) = part
            .strip_prefix(|c: char| c.is_ascii_alphabetic())
            .filter(|_| part.len() > 1)
        {
            // `G01`
            let n: u32 = letter.parse().ok()?;
            key.push(part.chars().next()? as u32 - 'a' as u32 + 1);
            key.push(n);
            shown.push(part.to_ascii_uppercase());
        } else {
            return None;
        }
    }
    let sep = if core.contains('-') { "-" } else { "." };
    let mut number = shown.join(sep);
    if core.len() < lower.len() {
        number.push_str(&raw[core.len()..].to_ascii_lowercase().replace(' ', ""));
        number = number.replacen("bis", " bis", 1).replacen("ter", " ter", 1);
    }
    Some((number, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Expected<'a> = Option<(Style, &'a str, &'a str, bool)>;

    fn read(p: &str) -> Option<(Style, String, String, bool)> {
        recognize(p).map(|c| (c.style, c.label, c.number, c.strong))
    }

    #[test]
    fn chinese_forms() {
        use Style::*;
        let cases: &[(&str, Expected)] = &[
            ("第一章 总则", Some((ZhChapter, "第一章", "1", true))),
            ("第二节　审查", Some((ZhSection, "第二节", "2", true))),
            ("第三编", Some((ZhPart, "第三编", "3", true))),
            (
                "第十二条 为了保护",
                Some((ZhArticle, "第十二条", "12", true)),
            ),
            (
                "第一百零五条　国务院",
                Some((ZhArticle, "第一百零五条", "105", true)),
            ),
            ("第20条 规定", Some((ZhArticle, "第20条", "20", true))),
            (
                "第十七条之一 已满",
                Some((ZhArticle, "第十七条之一", "17", true)),
            ),
            (
                "第二十条规定的情形",
                Some((ZhArticle, "第二十条", "20", false)),
            ),
            ("三、双方强调", Some((ZhList, "三、", "3", false))),
            ("十四、 合作", Some((ZhList, "十四、", "14", false))),
            ("2、 Both sides", Some((ArabicList, "2、", "2", false))),
            ("（三）加强合作", Some((ZhParen, "（三）", "3", false))),
            ("(十二) 其他", Some((ZhParen, "(十二)", "12", false))),
            ("（1）具体", Some((ArabicParen, "（1）", "1", false))),
            ("①第一项", Some((Circled, "①", "1", false))),
            ("依照本法第三条", None),
            ("根据第二十条的规定", None),
            ("一带一路", None),
        ];
        for (p, want) in cases {
            let want = want.map(|(s, l, n, st)| (s, l.to_string(), n.to_string(), st));
            assert_eq!(read(p), want, "{p}");
        }
    }

    #[test]
    fn english_forms() {
        use Style::*;
        let cases: &[(&str, Expected)] = &[
            ("Article 1", Some((EnArticle, "Article 1", "1", true))),
            (
                "ARTICLE 1: Objectives",
                Some((EnArticle, "ARTICLE 1", "1", true)),
            ),
            (
                "ARTICLE 1.1: Establishment Of A Free Trade Area",
                Some((EnArticle, "ARTICLE 1.1", "1.1", true)),
            ),
            (
                "ARTICLE I: Objectives",
                Some((EnArticle, "ARTICLE I", "1", true)),
            ),
            ("ARTICLE I.1", Some((EnArticle, "ARTICLE I.1", "1.1", true))),
            ("ARTICLE ONE", Some((EnArticle, "ARTICLE ONE", "1", true))),
            (
                "ARTICLE THIRTY-THREE: Review",
                Some((EnArticle, "ARTICLE THIRTY-THREE", "33", true)),
            ),
            (
                "ARTICLE 1-01: Establishment",
                Some((EnArticle, "ARTICLE 1-01", "1-01", true)),
            ),
            (
                "ARTICLE - 1: Definitions",
                Some((EnArticle, "ARTICLE - 1", "1", true)),
            ),
            (
                "ARTICLE G-01: Scope",
                Some((EnArticle, "ARTICLE G-01", "G-01", true)),
            ),
            (
                "ARTICLE 26 BIS: Cooperation",
                Some((EnArticle, "ARTICLE 26 BIS", "26 bis", true)),
            ),
            (
                "ARTICLE 1001: Scope And Coverage",
                Some((EnArticle, "ARTICLE 1001", "1001", true)),
            ),
            ("### Article 4", Some((EnArticle, "Article 4", "4", true))),
            ("CHAPTER I", Some((EnChapter, "CHAPTER I", "1", true))),
            (
                "CHAPTER 2 Trade In Goods",
                Some((EnChapter, "CHAPTER 2", "2", true)),
            ),
            ("PART II", Some((EnPart, "PART II", "2", true))),
            (
                "SECTION A: General",
                Some((EnSection, "SECTION A", "A", true)),
            ),
            (
                "1: Application Of Concessions",
                Some((NumberColon, "1:", "1", true)),
            ),
            ("60.\tThe Assembly", Some((Numbered, "60.", "60", false))),
            (
                "1. For the purpose of this Agreement:",
                Some((Numbered, "1.", "1", false)),
            ),
            ("(a) the term", Some((LetterParen, "(a)", "1", false))),
            ("b)the term", Some((LetterParen, "b)", "2", false))),
            ("(iv) services", Some((RomanParen, "(iv)", "4", false))),
            ("Article XXIV of GATT 1994 applies.", None),
            ("Article 5 shall apply mutatis mutandis.", None),
            ("Articles 3 and 4 of the Convention", None),
            ("Section 3 of the Act provides that", None),
            ("1.5 million people", None),
            ("Articleship", None),
        ];
        for (p, want) in cases {
            let want = want.map(|(s, l, n, st)| (s, l.to_string(), n.to_string(), st));
            assert_eq!(read(p), want, "{p}");
        }
    }

    #[test]
    fn keys_compare_in_document_order() {
        let key = |p: &str| recognize(p).unwrap().key;
        assert!(key("ARTICLE 1.2") < key("ARTICLE 1.10"));
        assert!(key("ARTICLE 1.10") < key("ARTICLE 2.1"));
        assert!(key("ARTICLE A-01") < key("ARTICLE B-01"));
        assert!(recognize("ARTICLE 26 BIS").unwrap().bis);
    }
}
