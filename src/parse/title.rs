//! The title of a document when neither front matter nor a sidecar gives one: the title lines
//! at the head of the text, or else a title derived from the document's type and parties.
//!
//! Owns what may and may not be a title. A title is never an article heading (`ARTICLE 1`,
//! `PREAMBLE`, `第一条`), a numbered paragraph, a date line, a website breadcrumb
//! (`首页 > 外交部`), a salutation (`同志们！`) or the first words of a wrapped body paragraph;
//! when the head of the text has no title line there is none, and the caller derives one.

use std::sync::LazyLock;

use regex::Regex;

use super::headings;
use super::segments::{Segment, is_space};
use crate::script::is_han;

/// How many paragraphs at the head of a document may hold its title.
const HEAD: usize = 8;
/// Longer than this it is a paragraph, not a title (characters).
const MAX_CHARS: usize = 300;

/// A line that is only a date: `2013年7月16日`, `二〇二三年十二月`, `March 1, 2023`, `1 March 2023`.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s(（\[]*(?:
            [0-9０-９〇零一二三四五六七八九十○Ｏ]{2,4}\s*年(?:\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月(?:\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日)?)?
          | \d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?
          | (?:[a-z]+\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}
          | (?:[a-z]+,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
        )[\s)）\]]*$",
    )
    .expect("date line regex")
});

/// Website navigation: `首页 > 外交部 > 双边关系`, `Home » News`, `当前位置：…`.
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s[>›»/|]\s|[>›»]|^(?:首页|当前位置|您现在的位置|你的位置|home)\b|^(?:首页|当前位置)",
    )
    .expect("breadcrumb regex")
});

/// What a title may end in after the title proper: `（全文）`, `(Full Text)`, `– full text`.
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*(?:[（(【\[]\s*(?:全文|摘要|摘登|附全文|中英文|中文|英文|译文|草案|节选|full\s+text|summary|excerpts?|unofficial\s+translation|translation)\s*[）)】\]]|[-–—:：]\s*(?:full\s+text|全文))\s*$",
    )
    .expect("suffix regex")
});

/// What a title may start with before the title proper: `Full text:`, `全文：`.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:full\s+text(?:\s+of)?|全文|摘要)\s*[:：]?\s+|^\s*(?:全文|摘要)[:：]\s*")
        .expect("prefix regex")
});

/// The kind of instrument, as a Chinese title ends: `…联合声明`, `…协定`.
static ZH_KIND_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:声明|公报|宣言|协定|条约|公约|议定书|备忘录|纲要|计划|规划|议程|倡议|法|条例|决定|报告|讲话|致辞|文件|协议|宪章|谅解)$")
        .expect("kind regex")
});

/// The kind of an instrument in a title: English, Dutch (bilingual treaty series), French,
/// Spanish and German.
static KIND_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:agreement|treaty|convention|protocol|memorandum|arrangement|d[eé]claration|statement|communiqu[eé]|charter|accord|exchange\s+of\s+(?:notes|letters)|verdrag|overeenkomst|protocol|verklaring|regeling|briefwisseling|trait[eé]|protocole|d[eé]claraci[oó]n|acuerdo|tratado|convenio|comunicado|protocolo|memor[aá]ndum|abkommen|vertrag|erkl[aä]rung)\b")
        .expect("kind word regex")
});

/// A numbered paragraph that the heading recognizer does not take for a heading.
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}\s*[.)、．]").expect("numbered regex"));

/// Words that start a Chinese party name in a title (the country, a government, an
/// organisation): where a category tag glued in front of the title ends.
const ZH_PARTY_STARTS: &[&str] = &["中华人民共和国", "中国", "中國", "中華人民共和國"];

/// English words that stay lower case inside a title.
const SMALL_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "at",
    "between",
    "by",
    "concerning",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "or",
    "regarding",
    "relating",
    "the",
    "to",
    "with",
    "within",
    "among",
    "amongst",
    "upon",
    "under",
];

/// Words that continue an English title on its next line (`… Agreement` / `between …`).
const CONTINUES: &[&str] = &[
    "between",
    "and",
    "of",
    "on",
    "concerning",
    "for",
    "relating",
    "regarding",
    "to",
    "with",
    "among",
    "amongst",
    "establishing",
    "the",
];

/// The title written at the head of the text: the first title-like paragraph before the first
/// article, joined with the lines that continue it; `None` when the head has none.
pub fn from_text(text: &str, segs: &[Segment], body_start: usize) -> Option<String> {
    let head = body_start.min(HEAD).min(segs.len());
    let mut found: Vec<String> = Vec::new();
    let mut i = 0;
    while i < head {
        let t = clean_line(segs[i].text(text));
        if t.is_empty() || skippable(t) {
            i += 1;
            continue;
        }
        if !title_like(t) || opens_the_text(t) {
            break;
        }
        let mut parts = vec![t.to_string()];
        let mut last = i;
        let upper = is_upper(t);
        while last + 1 < head {
            let next = &segs[last + 1];
            let prev = parts.last().map_or("", String::as_str);
            // A title whose line ends in "between" or "of the", or whose next line starts
            // with "between" or "and" ("FREE TRADE AGREEMENT / BETWEEN / THE EFTA STATES / AND
            // / THE SACU STATES", each centred with blank lines around it), goes on after
            // blank lines too.
            let n = clean_line(next.text(text));
            // The title written again (a running head, a cover page): it ends here.
            if folded(n).starts_with(&folded(&parts[0])) {
                break;
            }
            let gap = next.line.saturating_sub(end_line(text, &segs[last]) + 1);
            if gap > usize::from(unfinished(prev) || links(n)) * 2 {
                break;
            }
            if !continues(prev, n, upper) {
                break;
            }
            parts.push(n.to_string());
            last += 1;
        }
        // A title stands alone: a next line right below that starts in lower case is the rest
        // of a wrapped paragraph whose first words we were looking at ("My / delegation joins").
        if let Some(next) = segs.get(last + 1)
            && next.line == end_line(text, &segs[last]) + 1
            && clean_line(next.text(text))
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        {
            break;
        }
        let title = tidy(&join(&parts));
        if !acceptable(&title) || unfinished(&title) {
            break;
        }
        found.push(title);
        i = last + 1;
        if found.len() == 3 {
            break;
        }
    }
    // A bilingual head ("Verdrag tussen …" over "Agreement between …"): the English title is
    // the one a reader of the English text cites.
    let english = |t: &String| {
        !t.chars().any(is_han)
            && t.split_whitespace().any(|w| {
                ["the", "of", "between", "on", "and"].contains(&w.to_ascii_lowercase().as_str())
            })
    };
    match found.iter().position(english) {
        Some(k) if k > 0 && !found[0].chars().any(is_han) && !english(&found[0]) => {
            Some(found.swap_remove(k))
        }
        _ => found.into_iter().next(),
    }
}

/// The first line of the text itself rather than a title: the parties clause ("The Government
/// of X and the Government of Y,") or a recital.
fn opens_the_text(t: &str) -> bool {
    [
        "the government of",
        "the governments of",
        "the parties",
        "the contracting parties",
        "for the government of",
        "on behalf of",
    ]
    .iter()
    .any(|w| starts_with_word(t, w))
}

/// Letters and digits only, in lower case: to compare a line with another.
fn folded(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Starts with a word that joins it to the line before ("BETWEEN", "and the Government of …").
fn links(t: &str) -> bool {
    let first = t
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    [
        "between",
        "and",
        "of",
        "concerning",
        "on",
        "among",
        "amongst",
    ]
    .contains(&first.as_str())
}

/// Ends in a word that needs more words ("… between", "… of the", "… and").
fn unfinished(t: &str) -> bool {
    let last = t
        .trim_end_matches(|c: char| c == ',' || is_space(c))
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    CONTINUES.contains(&last.as_str()) || ["a", "an", "in", "by", "at"].contains(&last.as_str())
}

/// A title made from the kind of document and its parties, for a text that has no title line:
/// `Free Trade Agreement — Canada, South Korea`. `None` without a kind or without parties.
pub fn derive(text: &str, parties: &[String]) -> Option<String> {
    if parties.is_empty() {
        return None;
    }
    let kind = kind_of(text)?;
    // A plurilateral agreement names its first parties and counts the others.
    const SHOWN: usize = 4;
    let mut names = parties[..parties.len().min(SHOWN)].join(", ");
    if parties.len() > SHOWN {
        names.push_str(&format!(" and {} more", parties.len() - SHOWN));
    }
    Some(format!("{kind} — {names}"))
}

/// The kind of instrument a text calls itself ("this Free Trade Agreement", "本协定"),
/// read from its first few thousand bytes.
pub(crate) fn kind_of(text: &str) -> Option<String> {
    static EN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(?:this|the\s+present)\s+((?:[A-Z][A-Za-z-]+\s+){0,4}(?:Agreement|Treaty|Convention|Protocol|Memorandum\s+of\s+Understanding|Arrangement|Accord|Charter|Joint\s+Statement|Joint\s+Communiqu[eé]|Declaration))\b",
        )
        .expect("kind regex")
    });
    static ZH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"本(协定|条约|公约|议定书|联合声明|声明|联合公报|公报|宣言|备忘录|协议)")
            .expect("kind regex")
    });
    let mut end = text.len().min(6000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let en = EN
        .captures(head)
        .map(|c| (c.get(0).map_or(0, |m| m.start()), c[1].to_string()));
    let zh = ZH
        .captures(head)
        .map(|c| (c.get(0).map_or(0, |m| m.start()), c[1].to_string()));
    let (_, kind) = match (en, zh) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }?;
    Some(kind.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The line without Markdown heading marks and emphasis.
fn clean_line(t: &str) -> &str {
    t.trim_matches(is_space)
        .trim_start_matches('#')
        .trim_matches(|c: char| is_space(c) || c == '*')
}

/// The 1-based line on which a segment ends.
fn end_line(text: &str, seg: &Segment) -> usize {
    seg.line + seg.text(text).matches('\n').count()
}

/// Head-of-page lines that are neither the title nor the start of the text: dates, stamps,
/// breadcrumbs, separators.
fn skippable(t: &str) -> bool {
    // A file stamp glued into a line by the conversion ("…AGREEMENTDTM2016-12-15BIM").
    static STAMP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[A-Za-z]{2}\d{4}[-\d]*[A-Za-z]{2}").expect("regex"));
    STAMP.is_match(t)
        || DATE_LINE.is_match(t)
        || BREADCRUMB.is_match(t)
        || !t.chars().any(char::is_alphabetic)
        || t.chars().count() <= 1
}

/// Whether a paragraph can be (the first line of) a title.
fn title_like(t: &str) -> bool {
    title_like_line(t, false)
}

/// [`title_like`] for a line that continues a title, which may start in lower case
/// ("and the Government of …").
fn title_like_line(t: &str, continuation: bool) -> bool {
    let first = t.chars().next();
    let words = t.split_whitespace().count();
    !(headings::recognize(t).is_some()
        || t.starts_with("Preamble")
        || t.starts_with("PREAMBLE")
        || starts_with_word(t, "annex")
        || first.is_some_and(|c| c.is_lowercase() && !continuation)
        || NUMBERED.is_match(t)
        || t.chars().count() > MAX_CHARS
        || t.trim_end_matches(|c: char| is_space(c) || "\"'”’」』".contains(c))
            .ends_with(['.', '。', '!', '！', '?', '？', ';', '；', ',', '，', ':', '：', '、'])
        || t.contains('。')
        // An English sentence ("Mr. President, I am glad …") rather than a heading: many words,
        // most of them in lower case.
        || (words > 12
            && !is_upper(t)
            && lower_share(t) > 0.6
            && !t.chars().any(is_han)
            && !KIND_WORD.is_match(t)))
}

fn starts_with_word(t: &str, word: &str) -> bool {
    t.get(..word.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(word))
        && !t[word.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
}

/// Whether `next` continues the title whose last line is `prev`.
fn continues(prev: &str, next: &str, upper: bool) -> bool {
    if next.is_empty()
        || skippable(next)
        || !title_like_line(next, true)
        || next.chars().count() > 120
    {
        return false;
    }
    let han = |s: &str| s.chars().any(is_han);
    if han(prev) && han(next) {
        // A Chinese title broken over lines: the first line does not yet name its kind.
        return !ZH_KIND_END.is_match(prev);
    }
    if upper {
        return is_upper(next);
    }
    if opens_the_text(next) {
        return false;
    }
    let first_word = |s: &str| {
        s.split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let last_word = prev
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    CONTINUES.contains(&first_word(next).as_str()) || CONTINUES.contains(&last_word.as_str())
}

/// Letters all in capitals (at least three of them).
fn is_upper(t: &str) -> bool {
    let letters: Vec<char> = t
        .chars()
        .filter(|c| c.is_alphabetic() && !is_han(*c))
        .collect();
    letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase())
}

/// The share of words that start in lower case.
fn lower_share(t: &str) -> f64 {
    let words: Vec<&str> = t.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    lower as f64 / words.len().max(1) as f64
}

/// Lines of one title joined: Chinese without a space, English with one.
fn join(parts: &[String]) -> String {
    let mut out = String::new();
    for part in parts {
        let glue = out.chars().next_back().is_some_and(|c| !is_han(c))
            || part.chars().next().is_some_and(|c| !is_han(c));
        if !out.is_empty() && glue {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// The title proper: suffixes such as `（全文）` and prefixes such as `Full text:` dropped, a
/// category tag glued before a Chinese title dropped, an all-capitals English title in title
/// case, runs of spaces made one.
pub fn tidy(title: &str) -> String {
    let mut t: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = t.len();
        t = SUFFIX.replace(&t, "").into_owned();
        t = PREFIX.replace(&t, "").into_owned();
        if t.len() == before {
            break;
        }
    }
    let t = drop_category_tag(t.trim());
    if is_upper(&t) && !t.chars().any(is_han) {
        title_case(&t)
    } else {
        t
    }
}

/// `2013年全面战略合作伙伴关系中华人民共和国和白俄罗斯共和国…联合声明` → `中华人民共和国和…联合声明`:
/// a website's category tag glued in front of a Chinese title that names its first party
/// and ends in its kind. A title that reads on into the party (`关于中华人民共和国…`,
/// `新时代中国…`) keeps it: the tag must start with a year.
fn drop_category_tag(t: &str) -> String {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[0-9０-９]{4}年[^0-9０-９月]").expect("tag regex"));
    if !TAG.is_match(t) || !ZH_KIND_END.is_match(t) {
        return t.to_string();
    }
    let start = ZH_PARTY_STARTS
        .iter()
        .filter_map(|p| t.find(p))
        .chain(super::parties::find_spans(t).into_iter().map(|(s, _, _)| s))
        .filter(|&s| s > 0)
        .min();
    match start {
        Some(s) if !t[..s].ends_with(['的', '与', '和', '同', '及', '、', '在', '对', '于']) => {
            t[s..].to_string()
        }
        _ => t.to_string(),
    }
}

/// `FREE TRADE AGREEMENT BETWEEN CANADA AND THE REPUBLIC OF KOREA` → `Free Trade Agreement
/// between Canada and the Republic of Korea`. Acronyms that name a party (EFTA, ASEAN) and
/// Roman numerals stay in capitals.
fn title_case(t: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for (k, word) in t.split(' ').enumerate() {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = word.to_lowercase();
        let keep = super::parties::is_acronym(core) || is_roman(core);
        if keep {
            out.push(word.to_string());
        } else if k > 0 && SMALL_WORDS.contains(&core.to_lowercase().as_str()) {
            out.push(lower);
        } else {
            let mut capitalize_next = true;
            let mut w = String::new();
            for c in lower.chars() {
                if capitalize_next && c.is_alphabetic() {
                    w.extend(c.to_uppercase());
                    capitalize_next = false;
                } else {
                    w.push(c);
                }
                if c == '-' || c == '(' || c == '/' {
                    capitalize_next = true;
                }
            }
            out.push(w);
        }
    }
    out.join(" ")
}

fn is_roman(w: &str) -> bool {
    (1..=5).contains(&w.len()) && w.chars().all(|c| "IVXL".contains(c))
}

/// A title worth showing: some letters, not only a kind word.
fn acceptable(t: &str) -> bool {
    let han = t.chars().filter(|&c| is_han(c)).count();
    let words = t.split_whitespace().count();
    !t.is_empty() && (han >= 4 || words >= 3) && t.chars().count() <= MAX_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::segments;

    fn title(text: &str) -> Option<String> {
        let segs = segments::segments(text, 0);
        from_text(text, &segs, segs.len())
    }

    #[test]
    fn titles_at_the_head() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "FREE TRADE AGREEMENT\nBETWEEN\nCANADA\nAND\nTHE REPUBLIC OF KOREA\n\n\nCANADA AND KOREA, resolved to:\n",
                Some("Free Trade Agreement between Canada and the Republic of Korea"),
            ),
            (
                "FREE TRADE AGREEMENT\n\n\nBETWEEN\n\n\nTHE EFTA STATES\n\n\nAND\n\n\nTHE SACU STATES\n\n\nPREAMBLE\n\nThe Republic of Iceland …\n",
                Some("Free Trade Agreement between the EFTA States and the SACU States"),
            ),
            (
                // A conversion stamp above, the title written again below.
                "FREE TRADE AGREEMENTFREE TRADE AGREEMENTDTM2016-12-15BIM\nFREE TRADE AGREEMENT\n\nBETWEEN\n\nTHE REPUBLIC OF ALDORIA\n\nAND\n\nTHE REPUBLIC OF MOLDOVA\n  FREE TRADE AGREEMENT BETWEENTHE REPUBLIC OF ALDORIA AND THE REPUBLIC OF MOLDOVAPREAMBLE\nThe Republic of Aldoria and the Republic of Moldova (hereinafter the Parties),\n",
                Some(
                    "Free Trade Agreement between the Republic of Aldoria and the Republic of Moldova",
                ),
            ),
            (
                // Blank lines end a title when the next line does not join it.
                "AGREEMENT ON TRADE\n\n\nTHE SACU STATES\n\nText.\n",
                Some("Agreement on Trade"),
            ),
            (
                "Agreement between the Government of the Kingdom of Aldoria\nand the Government of Belarus on Air Services\n\nThe Government of …\n",
                Some(
                    "Agreement between the Government of the Kingdom of Aldoria and the Government of Belarus on Air Services",
                ),
            ),
            (
                "2013年全面战略合作伙伴关系中华人民共和国和白俄罗斯共和国关于建立全面战略伙伴关系的联合声明（全文）\n应邀。\n",
                Some("中华人民共和国和白俄罗斯共和国关于建立全面战略伙伴关系的联合声明"),
            ),
            (
                "首页 > 外交部 > 双边关系\n\n中华人民共和国和阿尔多利亚共和国联合声明\n\n正文。\n",
                Some("中华人民共和国和阿尔多利亚共和国联合声明"),
            ),
            (
                "2023-12-28 18:40\n\nJoint Statement of China and Belarus (Full Text)\n\nText.\n",
                Some("Joint Statement of China and Belarus"),
            ),
            (
                "Déclaration conjointe de la République populaire de Chine et de la République française\n\nFait à Pékin, le 10 avril 2024.\n",
                Some(
                    "Déclaration conjointe de la République populaire de Chine et de la République française",
                ),
            ),
            (
                "Acuerdo de cooperación económica entre la República de Chile y la República Popular China\n\nLas Partes.\n",
                Some(
                    "Acuerdo de cooperación económica entre la República de Chile y la República Popular China",
                ),
            ),
            (
                "中华人民共和国专利法\n\n1984年3月12日 通过\n",
                Some("中华人民共和国专利法"),
            ),
            ("ARTICLE 1: Objectives\n1. The Parties shall.\n", None),
            ("PREAMBLE\n\nThe Parties,\n", None),
            (
                "Preamble  Japan and the Kingdom of Thailand (hereinafter …),\n",
                None,
            ),
            ("1.\tMay I be allowed to come to this rostrum.\n", None),
            ("My\ndelegation joins previous speakers\n", None),
            ("同志们！\n\n中国共产党第十次全国代表大会。\n", None),
            (
                "Mr. President, I am glad to have the opportunity today.\n",
                None,
            ),
            ("第一条 为了保护专利权人的合法权益。\n", None),
            ("一、总体要求\n\n内容。\n", None),
            ("March 1, 2023\n\nThe Parties agree.\n", None),
            ("Agreement\n\nThe Parties agree.\n", None),
            (
                "For the Government of the Kingdom of Xland\n\nText.\n",
                None,
            ),
            ("", None),
        ];
        for &(text, want) in cases {
            assert_eq!(title(text).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn tidy_keeps_what_belongs_to_the_title() {
        let cases: &[(&str, &str)] = &[
            (
                "关于中华人民共和国和白俄罗斯共和国的联合声明",
                "关于中华人民共和国和白俄罗斯共和国的联合声明",
            ),
            (
                "新时代中华人民共和国和白俄罗斯共和国联合声明",
                "新时代中华人民共和国和白俄罗斯共和国联合声明",
            ),
            (
                "2023年中华人民共和国政府工作报告",
                "中华人民共和国政府工作报告",
            ),
            ("2023年7月政府工作报告", "2023年7月政府工作报告"),
            (
                "AGREEMENT BETWEEN EFTA AND THE REPUBLIC OF ALBANIA",
                "Agreement between EFTA and the Republic of Albania",
            ),
            (
                "PROTOCOL II TO THE AGREEMENT",
                "Protocol II to the Agreement",
            ),
            ("Full text: Joint Statement", "Joint Statement"),
            ("联合声明（摘要）", "联合声明"),
        ];
        for &(raw, want) in cases {
            assert_eq!(tidy(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn derived_titles_name_kind_and_parties() {
        let parties = vec!["Japan".to_string(), "Thailand".to_string()];
        assert_eq!(
            derive(
                "Japan and Thailand (hereinafter referred to in this Agreement as the Parties)",
                &parties
            )
            .as_deref(),
            Some("Agreement — Japan, Thailand")
        );
        assert_eq!(
            derive("the Parties to this Free Trade Agreement agree", &parties).as_deref(),
            Some("Free Trade Agreement — Japan, Thailand")
        );
        assert_eq!(
            derive("双方同意本协定自签字之日起生效。", &parties).as_deref(),
            Some("协定 — Japan, Thailand")
        );
        assert_eq!(derive("no kind named here", &parties), None);
        assert_eq!(derive("this Agreement", &[]), None);
    }

    #[test]
    fn never_panics_on_odd_heads() {
        for text in [
            "\u{0}\u{1}\n\n\u{202e}",
            "#\n#\n#",
            "  \n　　\n",
            "A\nB\nC\nD\nE\nF\nG\nH\nI\nJ",
            "（全文）",
            "2013年",
        ] {
            let _ = title(text);
            let _ = tidy(text);
        }
    }
}
