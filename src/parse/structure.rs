//! Document structure: which paragraphs open an article, which belong to the preamble and which
//! form the closing signature block.
//!
//! Headings are recognised by their form at the start of a paragraph (`三、`, `4、`, `第十二条`,
//! `Article 7`) and accepted only where they continue a numbered sequence, so that a stray
//! `1、` inside an article or an in-text reference (`Article XXIV of GATT 1994`) does not open
//! an article. A list whose first heading was lost (it starts at `2、`) gets its article 1
//! back: the paragraphs after the introduction that ends with a colon.

use std::sync::LazyLock;

use regex::Regex;

use super::numerals::{chinese_to_u32, roman_to_u32};
use super::segments::{Segment, is_space};
use crate::model::{Article, ClauseArticle, Part};

/// The heading forms, one numbering sequence each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `一、`
    ChineseList,
    /// `1、`
    ArabicList,
    /// `第一条`
    ChineseArticle,
    /// `Article 1`, `ARTICLE IV`
    EnglishArticle,
}

/// A paragraph that looks like a heading.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    segment: usize,
    style: Style,
    /// Length in bytes of the label (`三、`) at the start of the paragraph.
    label_len: usize,
    number: u32,
}

static CHINESE_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十百零〇两]{1,5})[ \t]*、").expect("regex"));
static ARABIC_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9０-９]{1,3})[ \t]*、").expect("regex"));
static CHINESE_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第[ \t]*([一二三四五六七八九十百千零〇两0-9０-９]{1,7})[ \t]*条").expect("regex")
});
static ENGLISH_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:article)[ \t]+([0-9]{1,3}|[IVXLCivxlc]{1,7})([ \t]*[.:\-–—])?(?:[ \t]|$)")
        .expect("regex")
});
static IN_TEXT_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:of|in|and|or|to|shall|paragraph|above|below|hereof|thereof)\b")
        .expect("regex")
});
static SIGNATORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:for the (?:government|republic|people|kingdom|state)|in witness whereof|done (?:at|in)|signed (?:at|in)|president|chairman|prime minister|minister|premier)\b|主席|总统|总理|首相|部长|签字|签署|签订",
    )
    .expect("regex")
});

/// A closing formula that opens the signature block even though it is a full sentence.
static SIGNING_FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:done|signed|made)\s+(?:at|in)\b|^in\s+witness\s+whereof|^本(?:协定|条约|公约|议定书|声明|公报)于.{0,30}签[订署字]",
    )
    .expect("regex")
});

/// The structure of a document's paragraphs.
#[derive(Debug)]
pub struct Structure {
    pub articles: Vec<Article>,
    /// For every segment, the part and article it belongs to.
    pub placement: Vec<ClauseArticle>,
    /// Index of the first segment of the signature block, if there is one.
    pub signature: Option<usize>,
}

/// Finds the articles and the signature block. May split the last article paragraph in two
/// where the signatures follow its final sentence on the same line.
pub fn analyze(text: &str, segments: &mut Vec<Segment>) -> Structure {
    let candidates: Vec<Candidate> = segments
        .iter()
        .enumerate()
        .filter_map(|(i, s)| candidate(i, s.text(text)))
        .collect();
    let headings = accept_sequence(&candidates);
    let first_body = headings.first().map_or(1, |h| h.segment + 1);
    let signature = signature_block(text, segments, &headings, first_body);

    let mut articles = Vec::new();
    let mut placement = vec![ClauseArticle::preamble(); segments.len()];
    if let Some(first) = headings.first()
        && first.number == 2
        && let Some(start) = lost_first_article(text, segments, first.segment)
    {
        articles.push(Article {
            label: None,
            number: "1".into(),
            line: segments[start].line,
        });
        let one = article_placement(None, "1");
        placement[start..first.segment].fill(one);
    }
    let end = signature.unwrap_or(segments.len());
    for (k, h) in headings.iter().enumerate() {
        let seg = &segments[h.segment];
        let label = clean_label(&text[seg.start..seg.start + h.label_len]);
        let number = h.number.to_string();
        articles.push(Article {
            label: Some(label.clone()),
            number: number.clone(),
            line: seg.line,
        });
        let until = headings
            .get(k + 1)
            .map_or(end, |next| next.segment)
            .min(end);
        let here = article_placement(Some(label), &number);
        for slot in placement.iter_mut().take(until).skip(h.segment) {
            *slot = here.clone();
        }
    }
    if let Some(s) = signature {
        placement[s..].fill(ClauseArticle::signature());
    }
    Structure {
        articles,
        placement,
        signature,
    }
}

fn article_placement(label: Option<String>, number: &str) -> ClauseArticle {
    ClauseArticle {
        part: Part::Article,
        label,
        number: Some(number.to_string()),
    }
}

fn clean_label(label: &str) -> String {
    label.trim_matches(is_space).to_string()
}

fn candidate(segment: usize, text: &str) -> Option<Candidate> {
    let found = |style, caps: regex::Captures<'_>, number: Option<u32>| {
        let whole = caps.get(0)?;
        Some(Candidate {
            segment,
            style,
            label_len: whole.as_str().trim_end_matches(is_space).len(),
            number: number.filter(|&n| n > 0)?,
        })
    };
    if let Some(caps) = CHINESE_LIST.captures(text) {
        let n = chinese_to_u32(&caps[1]);
        return found(Style::ChineseList, caps, n);
    }
    if let Some(caps) = ARABIC_LIST.captures(text) {
        let n = ascii_digits(&caps[1]).parse().ok();
        return found(Style::ArabicList, caps, n);
    }
    if let Some(caps) = CHINESE_ARTICLE.captures(text) {
        let digits = ascii_digits(&caps[1]);
        let n = digits.parse().ok().or_else(|| chinese_to_u32(&caps[1]));
        return found(Style::ChineseArticle, caps, n);
    }
    if let Some(caps) = ENGLISH_ARTICLE.captures(text) {
        let rest = &text[caps.get(0)?.end()..];
        if IN_TEXT_REFERENCE.is_match(rest.trim_start()) {
            return None;
        }
        let n = caps[1].parse().ok().or_else(|| roman_to_u32(&caps[1]));
        return found(Style::EnglishArticle, caps, n);
    }
    None
}

/// Full-width digits as ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect()
}

/// The headings of the article sequence: the style that numbers the most paragraphs in order,
/// keeping each heading that continues the sequence (a skipped number is tolerated, a step
/// back or a jump is not).
fn accept_sequence(candidates: &[Candidate]) -> Vec<Candidate> {
    let styles = [
        Style::ChineseArticle,
        Style::EnglishArticle,
        Style::ChineseList,
        Style::ArabicList,
    ];
    let mut best: Vec<Candidate> = Vec::new();
    for style in styles {
        let mut run: Vec<Candidate> = Vec::new();
        for c in candidates.iter().filter(|c| c.style == style) {
            let fits = match run.last() {
                None => c.number <= 3,
                Some(last) => c.number > last.number && c.number <= last.number + 2,
            };
            if fits {
                run.push(*c);
            }
        }
        if run.len() > best.len() {
            best = run;
        }
    }
    best
}

/// Where article 1 starts when the list begins at 2: after the last preamble paragraph that
/// ends with a colon, if any paragraph follows it.
fn lost_first_article(text: &str, segments: &[Segment], first_heading: usize) -> Option<usize> {
    let colon = (0..first_heading).rev().find(|&i| {
        let t = segments[i].text(text).trim_end_matches(is_space);
        t.ends_with(':') || t.ends_with('：')
    })?;
    (colon + 1 < first_heading).then_some(colon + 1)
}

/// Ends like a sentence (closing quotes and brackets aside).
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| is_space(c) || "\"'”’」』)）]】".contains(c));
    t.ends_with(['.', '。', '!', '！', '?', '？', ';', '；'])
}

/// The trailing paragraphs that carry no sentence and hold signatories or the date of
/// signing. The paragraph before them is split where signatures follow its last sentence.
fn signature_block(
    text: &str,
    segments: &mut Vec<Segment>,
    headings: &[Candidate],
    first_body: usize,
) -> Option<usize> {
    const MAX_PARAGRAPHS: usize = 12;
    const MAX_CHARS: usize = 200;
    let is_heading = |i: usize| headings.iter().any(|h| h.segment == i);
    let mut start = segments.len();
    while start > first_body && segments.len() - start < MAX_PARAGRAPHS {
        let i = start - 1;
        let t = segments[i].text(text);
        let formula = SIGNING_FORMULA.is_match(t);
        if is_heading(i) || (ends_sentence(t) && !formula) || t.chars().count() > MAX_CHARS {
            break;
        }
        start = i;
    }
    // "…商定。 中华人民共和国主席　白俄罗斯共和国总统习近平": the signatories share a line with
    // the last sentence of the last article.
    if start > 0 && start >= first_body.saturating_sub(1) {
        let prev = segments[start - 1];
        let t = prev.text(text);
        if let Some(cut) = t.rfind(['。', '.', '；', ';', '！', '!', '？', '?']) {
            let cut = cut + t[cut..].chars().next().map_or(0, char::len_utf8);
            let tail = t[cut..].trim_start_matches(is_space);
            if !tail.is_empty() && !ends_sentence(tail) && SIGNATORY.is_match(tail) {
                let tail_start = prev.start + (t.len() - tail.len());
                let head_end = prev.start + t[..cut].len();
                segments[start - 1].end = head_end;
                segments.insert(
                    start,
                    Segment {
                        start: tail_start,
                        end: prev.end,
                        line: prev.line + text[prev.start..tail_start].matches('\n').count(),
                    },
                );
            }
        }
    }
    let block = &segments[start..];
    let signed = block.iter().any(|s| {
        let t = s.text(text);
        SIGNATORY.is_match(t) || !super::dates::find_dates(t).is_empty()
    });
    (signed && !block.is_empty()).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::segments::segments;

    type Outline = (Vec<(Option<String>, String, usize)>, Vec<String>);

    fn outline(text: &str) -> Outline {
        let mut segs = segments(text, 0);
        let s = analyze(text, &mut segs);
        let articles = s
            .articles
            .into_iter()
            .map(|a| (a.label, a.number, a.line))
            .collect();
        let placement = s
            .placement
            .iter()
            .map(ClauseArticle::display_name)
            .collect();
        (articles, placement)
    }

    #[test]
    fn chinese_list_headings() {
        let text = "标题\n\n序言：\n\n一、第一条内容。\n\n补充。\n\n二、第二条。\n\n三、第三条。";
        let (articles, placement) = outline(text);
        assert_eq!(
            articles,
            [
                (Some("一、".into()), "1".into(), 5),
                (Some("二、".into()), "2".into(), 9),
                (Some("三、".into()), "3".into(), 11)
            ]
        );
        assert_eq!(
            placement,
            [
                "preamble", "preamble", "art. 1", "art. 1", "art. 2", "art. 3"
            ]
        );
    }

    #[test]
    fn lost_first_number_is_restored_after_the_colon() {
        let text =
            "Title\nIntro.\nWe state as follows:\nFirst point.\nMore.\n2、 Second.\n3、 Third.";
        let (articles, placement) = outline(text);
        assert_eq!(articles[0], (None, "1".into(), 4));
        assert_eq!(articles[1], (Some("2、".into()), "2".into(), 6));
        assert_eq!(
            placement,
            [
                "preamble", "preamble", "preamble", "art. 1", "art. 1", "art. 2", "art. 3"
            ]
        );
    }

    #[test]
    fn in_text_references_and_out_of_sequence_numbers_are_not_headings() {
        let text = "Title\nArticle 1\nText.\nArticle XXIV of GATT 1994 applies.\nArticle 2\n\
                    1、 an item.\nArticle 9\nArticle 3\nText.";
        let (articles, _) = outline(text);
        let numbers: Vec<&str> = articles.iter().map(|a| a.1.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "3"]);
    }

    #[test]
    fn chinese_article_and_roman_headings() {
        let (articles, _) = outline("法\n第一条 总则。\n第二条 定义。\n第十条 无。");
        let numbers: Vec<&str> = articles.iter().map(|a| a.1.as_str()).collect();
        assert_eq!(numbers, ["1", "2"]);
        let (articles, _) = outline("T\nARTICLE I\nx.\nARTICLE II\ny.\nARTICLE III.\nz.");
        let labels: Vec<String> = articles.into_iter().filter_map(|a| a.0).collect();
        assert_eq!(labels, ["ARTICLE I", "ARTICLE II", "ARTICLE III."]);
    }

    #[test]
    fn signature_block_after_the_last_sentence() {
        let text = "T\n一、内容。\n二、最后。 中华人民共和国主席　白俄罗斯共和国总统\n习近平\n二0一三年七月十六日于北京";
        let mut segs = segments(text, 0);
        let s = analyze(text, &mut segs);
        let sig = s.signature.expect("signature block");
        assert_eq!(segs[sig - 1].text(text), "二、最后。");
        assert_eq!(
            segs[sig].text(text),
            "中华人民共和国主席　白俄罗斯共和国总统"
        );
        assert_eq!(s.placement.len(), segs.len());
        assert_eq!(s.placement[sig].part, Part::Signature);
        assert_eq!(s.placement.last().map(|p| p.part), Some(Part::Signature));
    }

    #[test]
    fn signing_formulas_open_the_signature_block_despite_their_full_stop() {
        for closing in [
            "Done at Minsk on 2 May 2024.",
            "IN WITNESS WHEREOF, the undersigned have signed this Agreement.",
            "本协定于2024年5月2日在明斯克签订。",
        ] {
            let text = format!("T\nArticle 1\nOne.\nArticle 2\nTwo.\n{closing}");
            let mut segs = segments(&text, 0);
            let s = analyze(&text, &mut segs);
            assert_eq!(s.signature, Some(segs.len() - 1), "{closing}");
        }
    }

    #[test]
    fn unterminated_last_paragraph_without_signatories_is_not_a_signature() {
        let text = "T\n1、 One.\n2、 Two.\nSee also the annex";
        let mut segs = segments(text, 0);
        assert_eq!(analyze(text, &mut segs).signature, None);
    }
}
