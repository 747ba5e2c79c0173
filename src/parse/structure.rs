//! Document structure: which paragraphs open divisions (chapters, parts), which open articles,
//! which number items inside an article, and which form the preamble and the closing signature
//! block — and from that, the path of every paragraph (`第二章 › 第十二条 › （三）`).
//!
//! Heading forms come from `headings`. The article level is the most specific numbering scheme
//! that numbers the document in sequence (`第X条` before `Article N` before `一、` before `1、`
//! before `1.`); a candidate is accepted only where it continues that sequence (or is laid out
//! as a heading), so that a stray `1、` inside an article or an in-text reference does not open
//! an article. A list whose first heading was lost (it starts at `2、`) gets its article 1 back:
//! the paragraphs after the introduction that ends with a colon.

use std::sync::LazyLock;

use regex::Regex;

use super::headings::{Candidate, Style, recognize};
use super::segments::{Segment, ends_sentence, is_space};
use crate::model::{Article, ClauseArticle, Division, Part};

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
    pub divisions: Vec<Division>,
    pub articles: Vec<Article>,
    /// For every segment, the part, article and path it belongs to.
    pub placement: Vec<ClauseArticle>,
    /// Index of the first segment of the signature block, if there is one.
    pub signature: Option<usize>,
    /// Index of the first segment after the preamble.
    pub body_start: usize,
    /// For every segment, the heading it opens, if any (a division or an article).
    pub openings: Vec<Option<Opening>>,
}

/// A heading that a segment opens: its depth and where its label ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    /// 1 for parts, 2 for chapters, 3 for sections, [`ARTICLE_LEVEL`] for articles.
    pub level: u8,
    /// Byte length of the label at the start of the segment; `None` for an article whose
    /// heading was lost (its number is inferred).
    pub label_end: Option<usize>,
}

/// The level of an article in [`Opening::level`]: below every division.
pub const ARTICLE_LEVEL: u8 = 4;

/// The structure of paragraphs read without their headings: all of them in the preamble.
pub fn flat(segments: usize) -> Structure {
    Structure {
        divisions: Vec::new(),
        articles: Vec::new(),
        placement: vec![ClauseArticle::preamble(); segments],
        signature: None,
        // As `analyze` without headings or prose: the first paragraph may be the title.
        body_start: segments.min(1),
        openings: vec![None; segments],
    }
}

/// What a segment opens.
#[derive(Debug, Clone)]
enum Opens {
    Nothing,
    Division(Candidate),
    Article(Candidate),
    Item(Candidate),
}

/// Finds divisions, articles, items and the signature block. May split the last article
/// paragraph in two where the signatures follow its final sentence on the same line.
pub fn analyze(text: &str, segments: &mut Vec<Segment>) -> Structure {
    let mut candidates: Vec<Option<Candidate>> =
        segments.iter().map(|s| recognize(s.text(text))).collect();
    demote_wrapped(text, segments, &mut candidates);
    let mut opens = classify(&candidates, segments, text);
    // Without headings, the body starts at the first paragraph of prose.
    let body_start = opens
        .iter()
        .position(|o| matches!(o, Opens::Division(_) | Opens::Article(_)))
        .unwrap_or_else(|| {
            segments
                .iter()
                .position(|s| {
                    let t = s.text(text);
                    ends_sentence(t) && t.chars().count() > 40
                })
                .unwrap_or(segments.len().min(1))
        });
    let heading_at: Vec<bool> = opens
        .iter()
        .map(|o| matches!(o, Opens::Division(_) | Opens::Article(_)))
        .collect();
    let signature = signature_block(text, segments, &heading_at, body_start + 1);
    if segments.len() > opens.len() {
        // The last article paragraph was split: the new segment opens nothing.
        opens.insert(
            opens.len().min(signature.unwrap_or(opens.len())),
            Opens::Nothing,
        );
    }
    let end = signature.unwrap_or(segments.len());

    // A list that starts at 2: article 1 is what follows the introductory colon.
    let lost_first = opens
        .iter()
        .position(|o| matches!(o, Opens::Article(_)))
        .and_then(|first| {
            let Opens::Article(c) = &opens[first] else {
                return None;
            };
            (c.key == [2] && c.style != Style::EnArticle)
                .then(|| lost_first_article(text, segments, first))
                .flatten()
        });

    let mut divisions = Vec::new();
    let mut articles = Vec::new();
    let mut placement = Vec::with_capacity(segments.len());
    let mut division_path: Vec<(u8, String)> = Vec::new();
    let mut article: Option<(Option<String>, String)> = None;
    let mut items: Vec<(Style, String)> = Vec::new();
    let mut openings = vec![None; segments.len()];
    for (i, seg) in segments.iter().enumerate() {
        if i >= end {
            placement.push(ClauseArticle::signature());
            continue;
        }
        if let Some(start) = lost_first
            && i == start
        {
            openings[i] = Some(Opening {
                level: ARTICLE_LEVEL,
                label_end: None,
            });
            articles.push(Article {
                label: None,
                number: "1".into(),
                line: seg.line,
            });
            article = Some((None, "1".into()));
            items.clear();
        }
        match &opens[i] {
            Opens::Division(c) => {
                let level = c.style.division_level().unwrap_or(2);
                openings[i] = Some(Opening {
                    level,
                    label_end: Some(c.label_end),
                });
                division_path.retain(|(l, _)| *l < level);
                division_path.push((level, path_label(&c.label)));
                let title = seg.text(text)[c.label_end..]
                    .trim_matches(|ch: char| is_space(ch) || ch == ':' || ch == '：' || ch == '.');
                divisions.push(Division {
                    level,
                    label: c.label.clone(),
                    number: c.number.clone(),
                    title: (!title.is_empty()).then(|| title.to_string()),
                    line: seg.line,
                });
                article = None;
                items.clear();
            }
            Opens::Article(c) => {
                openings[i] = Some(Opening {
                    level: ARTICLE_LEVEL,
                    label_end: Some(c.label_end),
                });
                articles.push(Article {
                    label: Some(c.label.clone()),
                    number: c.number.clone(),
                    line: seg.line,
                });
                article = Some((Some(c.label.clone()), c.number.clone()));
                items.clear();
            }
            Opens::Item(c) if article.is_some() => {
                if let Some(pos) = items.iter().position(|(s, _)| *s == c.style) {
                    items.truncate(pos);
                }
                items.push((c.style, path_label(&c.label)));
            }
            _ => {}
        }
        let mut path: Vec<String> = division_path.iter().map(|(_, l)| l.clone()).collect();
        let clause = match &article {
            Some((label, number)) => {
                path.push(label.as_deref().map_or_else(|| number.clone(), path_label));
                path.extend(items.iter().map(|(_, l)| l.clone()));
                ClauseArticle {
                    part: Part::Article,
                    label: label.clone(),
                    number: Some(number.clone()),
                    path,
                }
            }
            None if !division_path.is_empty() => ClauseArticle {
                part: Part::Division,
                label: None,
                number: None,
                path,
            },
            None => ClauseArticle::preamble(),
        };
        placement.push(clause);
    }
    Structure {
        divisions,
        articles,
        placement,
        signature,
        body_start,
        openings,
    }
}

/// A heading-like line that continues the line before it (no blank line between, the previous
/// line not ending a sentence) or that is indented is more likely a wrapped cross-reference
/// (`…in accordance with` / `    Article 21.8 (Institutional …`) than a heading: it keeps only
/// the weight of its number.
fn demote_wrapped(text: &str, segments: &[Segment], candidates: &mut [Option<Candidate>]) {
    for i in 0..segments.len() {
        let Some(c) = candidates[i].as_mut().filter(|c| c.strong) else {
            continue;
        };
        let seg = segments[i];
        let line_start = text[..seg.start].rfind('\n').map_or(0, |p| p + 1);
        let indented = text[line_start..seg.start]
            .chars()
            .filter(|&ch| ch == ' ')
            .count()
            >= 4;
        let continues = i > 0 && {
            let prev = segments[i - 1];
            let t = prev.text(text);
            prev.line + 1 == seg.line
                && !ends_sentence(t)
                && !t.ends_with([':', '：'])
                && !recognize(t).is_some_and(|p| p.strong)
        };
        if indented || continues {
            c.strong = false;
        }
    }
}

/// A label as a path element: without trailing colons and spaces (`ARTICLE 1:` → `ARTICLE 1`).
fn path_label(label: &str) -> String {
    label
        .trim_end_matches(|c: char| is_space(c) || c == ':' || c == '：')
        .to_string()
}

/// Decides for every segment whether it opens a division, an article or an item.
fn classify(candidates: &[Option<Candidate>], segments: &[Segment], text: &str) -> Vec<Opens> {
    let mut opens = vec![Opens::Nothing; candidates.len()];
    let article_style = Style::ARTICLE_STYLES.into_iter().find(|&style| {
        let accepted = accept_sequence(candidates, style);
        if style == Style::Numbered {
            // `1.` numbers articles only where it numbers the text itself (a speech in a verbatim
            // record, a statement of numbered points): most paragraphs from the first one on.
            // Elsewhere it numbers lists, which restart and leave prose between them.
            let from = accepted.first().copied().unwrap_or(0);
            let paragraphs = candidates.len() - from;
            return accepted.len() >= 2 && accepted.len() * 2 >= paragraphs;
        }
        accepted.len() >= 2
            || accepted.iter().any(|&i| {
                candidates[i].as_ref().is_some_and(|c| {
                    c.strong && matches!(style, Style::ZhArticle | Style::EnArticle)
                })
            })
    });
    // A statement numbered only `（一）（二）…`, with no `一、` or `第一条` above: its items are
    // its articles.
    let article_style = article_style.or_else(|| {
        let higher = candidates.iter().flatten().any(|c| {
            matches!(
                c.style,
                Style::ZhArticle | Style::ZhList | Style::EnArticle | Style::ArabicList
            ) || c.style.division_level().is_some()
        });
        (!higher && accept_sequence(candidates, Style::ZhParen).len() >= 2)
            .then_some(Style::ZhParen)
    });
    if let Some(style) = article_style {
        for i in accept_sequence(candidates, style) {
            if let Some(c) = &candidates[i] {
                opens[i] = Opens::Article(c.clone());
            }
        }
    }
    for (i, c) in candidates.iter().enumerate() {
        let Some(c) = c else { continue };
        if !matches!(opens[i], Opens::Nothing) {
            continue;
        }
        if c.style.division_level().is_some() {
            let short = segments[i].text(text).chars().count() <= 40;
            if c.strong || short {
                opens[i] = Opens::Division(c.clone());
            }
        } else if Some(c.style) != article_style
            && !matches!(
                c.style,
                Style::ZhArticle | Style::EnArticle | Style::NumberColon
            )
        {
            opens[i] = Opens::Item(c.clone());
        }
    }
    opens
}

/// The segments whose candidate of `style` continues the numbering.
fn accept_sequence(candidates: &[Option<Candidate>], style: Style) -> Vec<usize> {
    let of_style: Vec<(usize, &Candidate)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.as_ref().filter(|c| c.style == style).map(|c| (i, c)))
        .collect();
    // Open sequences, outermost first: a list numbered inside a section of the same style
    // (`二、` … `一、` `二、` … `三、`) restarts at 1 and later returns to the outer count.
    const MAX_DEPTH: usize = 4;
    let mut accepted = Vec::new();
    let mut stack: Vec<&Candidate> = Vec::new();
    for (k, &(i, c)) in of_style.iter().enumerate() {
        if stack.is_empty() {
            // A sequence may start anywhere (speeches in verbatim records continue the
            // numbering of the meeting) when the next number confirms it.
            let starts = c.strong
                || c.key.iter().all(|&n| n <= 3)
                || of_style.get(k + 1).is_some_and(|(_, next)| {
                    next.key.len() == 1 && c.key.len() == 1 && next.key[0] == c.key[0] + 1
                });
            if starts {
                accepted.push(i);
                stack.push(c);
            }
            continue;
        }
        if let Some(depth) = (0..stack.len()).rev().find(|&d| follows(stack[d], c)) {
            stack.truncate(depth + 1);
            stack[depth] = c;
            accepted.push(i);
        } else if restarts(c) {
            if stack.len() == MAX_DEPTH {
                stack.pop();
            }
            stack.push(c);
            accepted.push(i);
        }
    }
    accepted
}

/// A new sequence starting at 1 inside the current one: a heading laid out as such (the
/// articles of an annex), or a Chinese list.
fn restarts(c: &Candidate) -> bool {
    let one = c.key.iter().all(|&n| n <= 1) && c.key.last() == Some(&1);
    one && (c.strong || matches!(c.style, Style::ZhList | Style::ArabicList))
}

/// Whether `next` can follow `prev` in one numbering sequence.
fn follows(prev: &Candidate, next: &Candidate) -> bool {
    if next.bis {
        return next.key >= prev.key;
    }
    if next.key.len() != prev.key.len() {
        return next.strong;
    }
    let Some(i) = (0..next.key.len()).find(|&i| next.key[i] != prev.key[i]) else {
        return false;
    };
    if next.key[i] < prev.key[i] {
        return false;
    }
    let gap = next.key[i] - prev.key[i];
    if next.strong {
        // Laid out as a heading, any step forward is a new article: numbering such as
        // 101, 102, 201 (chapter and article in one number) jumps.
        true
    } else if i + 1 == next.key.len() {
        gap <= 2
    } else {
        gap <= 1 && next.key[i + 1..].iter().all(|&n| n <= 1)
    }
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

/// The trailing paragraphs that carry no sentence and hold signatories or the date of
/// signing, or that open with a closing formula (`Done at …`, `IN WITNESS WHEREOF`). The
/// paragraph before them is split where signatures follow its last sentence.
fn signature_block(
    text: &str,
    segments: &mut Vec<Segment>,
    heading_at: &[bool],
    first_body: usize,
) -> Option<usize> {
    const MAX_PARAGRAPHS: usize = 12;
    const MAX_CHARS: usize = 200;
    let is_heading = |i: usize| heading_at.get(i).copied().unwrap_or(false);
    let mut start = segments.len();
    while start > first_body && segments.len() - start < MAX_PARAGRAPHS {
        let i = start - 1;
        let t = segments[i].text(text);
        let formula = SIGNING_FORMULA.is_match(t);
        if is_heading(i) || (!formula && (ends_sentence(t) || t.chars().count() > MAX_CHARS)) {
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

    fn paths(text: &str) -> Vec<String> {
        let mut segs = segments(text, 0);
        analyze(text, &mut segs)
            .placement
            .iter()
            .map(ClauseArticle::path_display)
            .collect()
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
    fn parenthesized_numbers_are_articles_when_nothing_is_above_them() {
        let numbers = |text: &str| -> Vec<String> {
            outline(text).0.into_iter().map(|(_, n, _)| n).collect()
        };
        let text = "联合声明\n双方同意：\n（一）加强合作。\n（二）扩大贸易。\n（三）深化交流。";
        assert_eq!(numbers(text), ["1", "2", "3"]);
        assert_eq!(outline(text).1[2..], ["art. 1", "art. 2", "art. 3"]);
        // Under `一、` they stay items of the article.
        let text = "声明\n一、总体\n（一）加强合作。\n（二）扩大贸易。\n二、其他\n内容。";
        assert_eq!(numbers(text), ["1", "2"]);
        // Under `第一条` too.
        let text = "法\n第一条 下列：\n（一）甲；\n（二）乙。\n第二条 其他。";
        assert_eq!(numbers(text), ["1", "2"]);
        // One `（一）` alone is no sequence.
        assert!(numbers("声明\n（一）加强合作。\n正文。").is_empty());
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
                    1、 an item.\nArticle 3\nText.";
        let (articles, _) = outline(text);
        let numbers: Vec<&str> = articles.iter().map(|a| a.1.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "3"]);
        let (articles, _) =
            outline("法\n第一条 总则。\n第二条 定义。\n第九十条规定的情形除外。\n第三条 无。");
        let numbers: Vec<&str> = articles.iter().map(|a| a.1.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "3"]);
    }

    #[test]
    fn nested_chinese_law_paths() {
        let text = "某某法\n第一章 总则\n第一条 目的。\n第二章 审查\n第一节 一般规定\n第二条 下列情形：\n（一）甲；\n（二）乙；\n说明。\n第三条 其他。";
        assert_eq!(
            paths(text),
            [
                "preamble",
                "第一章",
                "第一章 › 第一条",
                "第二章",
                "第二章 › 第一节",
                "第二章 › 第一节 › 第二条",
                "第二章 › 第一节 › 第二条 › （一）",
                "第二章 › 第一节 › 第二条 › （二）",
                "第二章 › 第一节 › 第二条 › （二）",
                "第二章 › 第一节 › 第三条",
            ]
        );
    }

    #[test]
    fn english_treaty_with_chapters_numbered_articles_and_items() {
        let text = "Agreement\nPreamble text.\nCHAPTER 1 General Provisions\nARTICLE 1.1: Objectives\n\
                    1. The objectives are:\n(a) trade;\n(b) investment.\nARTICLE 1.2: Definitions\nText.\n\
                    CHAPTER 2 Trade\nARTICLE 2.1: Scope\nText.";
        let mut segs = segments(text, 0);
        let s = analyze(text, &mut segs);
        let numbers: Vec<&str> = s.articles.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(numbers, ["1.1", "1.2", "2.1"]);
        assert_eq!(s.divisions.len(), 2);
        assert_eq!(s.divisions[0].title.as_deref(), Some("General Provisions"));
        let p: Vec<String> = s
            .placement
            .iter()
            .map(ClauseArticle::path_display)
            .collect();
        assert_eq!(p[6], "CHAPTER 1 › ARTICLE 1.1 › 1. › (b)");
        assert_eq!(p[2], "CHAPTER 1");
        assert_eq!(s.placement[2].part, Part::Division);
    }

    #[test]
    fn a_nested_list_of_the_same_style_returns_to_the_outer_count() {
        let (articles, _) =
            outline("T\n一、甲\n内容。\n二、乙\n一、细目\n二、细目\n三、丙\n四、丁");
        let numbers: Vec<&str> = articles.iter().map(|a| a.1.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "1", "2", "3", "4"]);
    }

    #[test]
    fn numbered_speech_paragraphs_are_articles() {
        let (articles, _) = outline(
            "1.\tMr. President, I congratulate you.\n2.\tThe world is changing.\n3.\tThank you.",
        );
        assert_eq!(articles.len(), 3);
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
