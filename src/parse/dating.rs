//! What the dates of a document mean: when it was signed (and where), adopted and amended
//! (laws: the latest of these is the version), delivered (reports and speeches), or dated (a
//! date line under a statement's title).
//!
//! Dates are found by `dates`; this module decides their role from where they stand and from
//! the words next to them, and keeps that evidence (line and deciding words) with each date.
//! Precision first: a date is only ever taken from evidence about *this* document — the header
//! lines above the first article (a law's `（…通过 …修正）`, a report's `——…在…会议上`, a date
//! line), the signature block, or a signing formula (`Done at …`, `本协定于…签订`) that stands
//! where a signing stands and names no other instrument. A date the body cites ("the Universal
//! Declaration of Human Rights adopted on 10 December 1948", "the Convention signed at
//! Brussels on 14 June 1983") is never one; with no evidence a document has no date.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{DateMatch, find_dates};
use super::places;
use super::segments::Segment;
use super::structure::Structure;
use crate::model::{Date, Part};

/// Header paragraphs looked at for adoption, amendment and delivery dates.
const HEADER_PARAGRAPHS: usize = 16;
/// Closing paragraphs searched for a signing sentence when there is no signature block.
const CLOSING_PARAGRAPHS: usize = 6;
/// Paragraphs before a formula searched for the witness clause that announces a signing.
const WITNESS_REACH: usize = 3;
/// Longest deciding phrase kept as evidence, in characters.
const MAX_PHRASE_CHARS: usize = 240;

static ADOPTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"通过|批准").expect("regex"));
static AMENDED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"修正|修订|修改").expect("regex"));
static DELIVERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"会议上|会議上|讲话|講話|报告|報告|致辞").expect("regex"));
/// A header line that records an event of the document itself opens with its date, perhaps
/// after a bracket, a dash or 根据 (`（1990年12月28日…通过）`, `——2017年3月5日在…`,
/// `根据2009年8月27日…修正`), or with an English event word (`Adopted by … on …`).
static EVENT_LINE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s(（\[【—–\-]*(?:根据|根據|於|于)?\s*$").expect("regex"));
static EVENT_LINE_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s(\[]*(?:Adopted|ADOPTED|Approved|APPROVED|Signed|SIGNED|Done|DONE|Issued|ISSUED|Delivered|DELIVERED)\b")
        .expect("regex")
});
static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    // "DONEatGeneva, this 10thdayofDecember 1992": the spaces lost by a text layer.
    Regex::new(r"(?:^|[.;:]\s*|\s{2,})(?:(?:Done|DONE|Signed|SIGNED|Concluded|CONCLUDED|Made|MADE),?\s+(?:at|in|on|this|and|by)\b|(?:Done|DONE|Signed|SIGNED)(?:at|in)\p{Lu})").expect("regex")
});
/// A label that opens the line and names the date after it as the signing date.
static SIGNING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s(\[]*(?:(?i:date\s+of\s+sign(?:ing|ature))|Signed\s+on|SIGNED\s+ON|签署日期|签订日期|签字日期)\s*[:：]?\s*$").expect("regex")
});
static SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"代表大会|常务委员会|會議|会议").expect("regex"));
static SIGNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:done|signed|concluded)\b|签订|签署|签字|簽訂|簽署").expect("regex")
});
/// The clause that announces the signatures: `IN WITNESS WHEREOF`, `为此`, `下列签字人`.
static WITNESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bin\s+witness\s+whereof\b|\bin\s+faith\s+whereof\b|\bhave\s+signed\s+th(?:is|e\s+present)\b|为此|下列签字|下列簽字|經正式授權|经正式授权").expect("regex")
});
/// A named instrument: when a signing sentence names one that is not "this" or "the present"
/// one, the date belongs to that instrument.
static INSTRUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:agreement|convention|treaty|protocol|declaration|charter|covenant|memorandum|arrangement|accord|resolution|decision|statute|act)s?\b|协定|协议|公约|条约|议定书|宣言|宪章|决议").expect("regex")
});
/// What makes an instrument this one: `this Agreement`, `the present Protocol`, `本协定`.
static THIS_INSTRUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:this|the\s+present|these|present)\s+(?:\w+\s+){0,3}$|本\s*$|本.{0,6}$")
        .expect("regex")
});

/// A date with the evidence for its role: the line it stands on and the words that decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub date: Date,
    pub line: usize,
    pub phrase: String,
}

/// The dates of a document by role, and the place of signing.
#[derive(Debug, Default)]
pub struct Dating {
    pub dates: BTreeMap<String, Found>,
    pub place: Option<String>,
}

/// Reads the roles of the dates in a parsed document.
pub fn date_document(text: &str, segs: &[Segment], structure: &Structure) -> Dating {
    let mut dating = Dating::default();
    header_dates(text, segs, structure, &mut dating.dates);
    if let Some((signed, found)) = signing_date(text, segs, structure) {
        dating.dates.insert("signed".into(), found);
        dating.place = signed.place.map(|p| places::normalize(&p));
    }
    dating
}

/// The evidence for a date found at `[start, end)` of the document, decided by the words from
/// `cue` (a byte offset at or before `start`) to the date's end.
fn found(text: &str, seg: &Segment, d: &DateMatch, base: usize, cue: usize) -> Found {
    let (start, end) = (base + d.start, base + d.end);
    let cue = cue.min(start);
    let line = seg.line + text[seg.start.min(start)..start].matches('\n').count();
    let words: Vec<&str> = text[cue..end].split_whitespace().collect();
    let mut phrase = words.join(" ");
    if phrase.chars().count() > MAX_PHRASE_CHARS {
        let skip = phrase.chars().count() - MAX_PHRASE_CHARS;
        phrase = format!("…{}", phrase.chars().skip(skip + 1).collect::<String>());
    }
    Found {
        date: d.date,
        line,
        phrase,
    }
}

/// Adoption, amendment, delivery and header dates stated above the first article, on lines
/// that record an event of the document itself (see [`EVENT_LINE_START`]) or that are little
/// more than a date.
fn header_dates(
    text: &str,
    segs: &[Segment],
    structure: &Structure,
    out: &mut BTreeMap<String, Found>,
) {
    let end = structure.body_start.min(HEADER_PARAGRAPHS).min(segs.len());
    let mut adopted: Option<Found> = None;
    let mut amended: Option<Found> = None;
    for seg in &segs[..end] {
        let t = seg.text(text);
        let found_dates = find_dates(t);
        let Some(first) = found_dates.first() else {
            continue;
        };
        let event_line = EVENT_LINE_START.is_match(&t[..first.start])
            || (EVENT_LINE_EN.is_match(t) && first.start <= 160);
        let label_line = SIGNING_LABEL.is_match(&t[..first.start]);
        // "Adopted by the Conference … on …" is this document's; "Signed … the Convention of …"
        // on a line of its own is another's.
        if EVENT_LINE_EN.is_match(t) && names_other_instrument(&t[..first.start]) {
            continue;
        }
        if !event_line && !label_line && !short_date_line(t, first) {
            continue;
        }
        // A line may hold several events: "1988年7月1日 …会议通过 根据1994年5月12日 …决定修正".
        // Each date takes the words up to the next date.
        for (k, d) in found_dates.iter().enumerate() {
            let until = found_dates.get(k + 1).map_or(t.len(), |next| next.start);
            let words = &t[d.end..until];
            // The words of this event: from the line's start for the first date, else from
            // a 根据 ("according to") just before the date.
            let from = if k == 0 {
                0
            } else {
                let before = t[..d.start].trim_end();
                ["根据", "根據"]
                    .iter()
                    .find_map(|w| before.strip_suffix(w).map(str::len))
                    .unwrap_or(d.start)
            };
            let ev = |cue: usize, stop: usize| {
                let mut f = found(text, seg, d, seg.start, seg.start + cue);
                let tail: Vec<&str> = t[d.end..stop]
                    .trim_end_matches(['）', ')', '　', ' ', '，', ','])
                    .split_whitespace()
                    .collect();
                if !tail.is_empty() {
                    f.phrase = format!("{} {}", f.phrase, tail.join(" "));
                }
                f
            };
            if label_line && k == 0 {
                // "Date of signing: September 17, 1994"
                out.entry("signed".into()).or_insert_with(|| ev(0, d.end));
            } else if !event_line {
                if k == 0 {
                    // "（2017年10月18日）", "(Baku, September 30, 1992)": the date of the document.
                    out.entry("dated".into()).or_insert_with(|| ev(0, t.len()));
                }
            } else if AMENDED.is_match(words) {
                let f = ev(from, until);
                if amended.as_ref().is_none_or(|a| f.date > a.date) {
                    amended = Some(f);
                }
            } else if DELIVERED.is_match(words) && !ADOPTED.is_match(words) {
                out.entry("delivered".into())
                    .or_insert_with(|| ev(from, until));
            } else if ADOPTED.is_match(words) || SESSION.is_match(words) {
                // SESSION: "2019年3月15日 第十三届全国人民代表大会第二次" with "会议通过" wrapped
                // onto the next line.
                let f = ev(from, until);
                if adopted.as_ref().is_none_or(|a| f.date < a.date) {
                    adopted = Some(f);
                }
            } else if k == 0 && EVENT_LINE_EN.is_match(t) {
                let role = if t
                    .trim_start_matches(['(', '[', ' '])
                    .to_ascii_lowercase()
                    .starts_with("adopted")
                    || t.trim_start_matches(['(', '[', ' '])
                        .to_ascii_lowercase()
                        .starts_with("approved")
                {
                    "adopted"
                } else if t
                    .trim_start_matches(['(', '[', ' '])
                    .to_ascii_lowercase()
                    .starts_with("delivered")
                {
                    "delivered"
                } else if t
                    .trim_start_matches(['(', '[', ' '])
                    .to_ascii_lowercase()
                    .starts_with("issued")
                {
                    "dated"
                } else {
                    "signed"
                };
                out.entry(role.into()).or_insert_with(|| ev(0, d.end));
            } else if k == 0 && short_date_line(t, d) {
                out.entry("dated".into()).or_insert_with(|| ev(0, t.len()));
            }
        }
    }
    let version = match (&adopted, &amended) {
        (Some(a), Some(m)) if m.date >= a.date => Some(m.clone()),
        (Some(a), _) => Some(a.clone()),
        (None, m) => m.clone(),
    };
    if let Some(a) = adopted {
        out.insert("adopted".into(), a);
    }
    if let Some(a) = amended {
        out.insert("amended".into(), a);
    }
    if let Some(v) = version {
        out.insert("version".into(), v);
    }
}

/// A line that is a date and at most a place: `（2017年10月18日）`, `(Baku, September 30,
/// 1992)`, `Beijing, 10 September 2021`, `二〇二一年九月十日于北京`. Not a wrapped piece of a
/// sentence (`in Geneva on 10 December 1991 ,`), a labelled date of something else (`Date of
/// ratification: March 19, 1999`, `2017年10月18日起施行`) or a date glued into a word.
fn short_date_line(t: &str, date: &DateMatch) -> bool {
    const MAX_REST_CHARS: usize = 24;
    if t[..date.start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    let mut rest = format!("{} {}", &t[..date.start], &t[date.end..]);
    if let Some(place) = &date.place {
        rest = rest.replacen(place.as_str(), " ", 1);
    }
    let rest = rest.trim_end();
    let words_ok = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().any(crate::script::is_han))
        .all(|w| {
            let first = w.chars().next().unwrap_or(' ');
            first.is_uppercase() && !w.chars().any(|c| c.is_ascii_digit())
        });
    let han_ok = !rest
        .chars()
        .any(|c| crate::script::is_han(c) && !"于於在".contains(c));
    words_ok && han_ok && !t.trim_end().ends_with(',') && rest.chars().count() <= MAX_REST_CHARS
}

/// A short signature line that ends with the date and place of signing, perhaps after the
/// last signatory's name: `亚·格·卢卡申科二0一三年七月十六日于北京`.
fn signed_at_place(t: &str, date: &DateMatch) -> bool {
    const MAX_NAME_CHARS: usize = 30;
    let Some(place) = &date.place else {
        return false;
    };
    let after =
        t[date.end..].trim_start_matches(|c: char| c.is_whitespace() || "于於在,".contains(c));
    let after = ["in ", "at "]
        .iter()
        .find_map(|w| after.strip_prefix(w))
        .unwrap_or(after)
        .trim_start();
    after.trim_end_matches(|c: char| !c.is_alphanumeric()) == place.as_str()
        && t[..date.start].chars().count() <= MAX_NAME_CHARS
}

/// A window of the document: paragraph `i` and the few after it, as written. Hard-wrapped
/// closing formulas break the date across lines (`… this twenty-eighth day of March One
/// thousand nine` / `hundred and eighty-two`); the date grammar reads across line breaks.
fn window<'a>(text: &'a str, segs: &[Segment], i: usize) -> &'a str {
    const FOLLOWING: usize = 3;
    let end = segs[(i + FOLLOWING).min(segs.len() - 1)].end;
    &text[segs[i].start..end]
}

/// The signing date: the date of a signing formula in the signature block; else a date line
/// of the block (`二〇二一年九月十日于北京`); else the first signing formula of the body that
/// stands where a signing stands (after the last article, or announced by a witness clause:
/// `DONE at Santiago, on the 5th day of December …` may stand before the annexes); else a
/// signing sentence about this instrument among the closing paragraphs.
fn signing_date(text: &str, segs: &[Segment], structure: &Structure) -> Option<(DateMatch, Found)> {
    let sig = structure.signature.unwrap_or(segs.len());
    for i in sig..segs.len() {
        if !SIGNING.is_match(segs[i].text(text)) {
            continue;
        }
        let w = window(text, segs, i);
        let base = segs[i].start;
        if let Some((d, cue)) =
            dated_formula(text, base, w).or_else(|| dated_after_cue(text, base, w))
        {
            let f = found(text, &segs[i], &d, segs[i].start, segs[i].start + cue);
            return Some((d, f));
        }
    }
    // Date lines of the block (`二〇二一年九月十日于北京`). Signatories who each date their
    // signature (`[M. CVOROVIC / 25 February 1972]`) sign on several days: no one date is the
    // document's then.
    let date_lines: Vec<(usize, DateMatch)> = (sig..segs.len())
        .filter_map(|i| {
            let t = segs[i].text(text);
            let d = find_dates(t)
                .into_iter()
                .find(|d| short_date_line(t, d) || signed_at_place(t, d))?;
            Some((i, d))
        })
        .collect();
    let block_dates: Vec<Date> = (sig..segs.len())
        .flat_map(|i| find_dates(segs[i].text(text)))
        .map(|d| d.date)
        .collect();
    // Signatures dated one by one run on above the block that the structure found (a long
    // list of signatories), so the lines before it are counted too.
    const SIGNATORY_REACH: usize = 30;
    let undated_lines = (sig
        .saturating_sub(SIGNATORY_REACH)
        .max(structure.body_start)..segs.len())
        .filter(|&i| {
            let t = segs[i].text(text);
            find_dates(t)
                .iter()
                .any(|d| d.place.is_none() && short_date_line(t, d))
        })
        .count();
    let per_signatory = undated_lines >= 2;
    if let Some((i, d)) = date_lines.first()
        && !per_signatory
        && block_dates.iter().all(|other| *other == d.date)
    {
        let mut f = found(text, &segs[*i], d, segs[*i].start, segs[*i].start);
        f.phrase = segs[*i]
            .text(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        return Some((d.clone(), f));
    }
    let from = structure.body_start.min(segs.len());
    let last_article = last_article_start(structure, segs.len());
    for i in from..segs.len() {
        if !FORMULA.is_match(segs[i].text(text)) {
            continue;
        }
        let placed = i >= last_article
            || (i.saturating_sub(WITNESS_REACH)..=i).any(|j| WITNESS.is_match(segs[j].text(text)));
        if !placed {
            continue;
        }
        let w = window(text, segs, i);
        if let Some((d, cue)) = dated_formula(text, segs[i].start, w) {
            let f = found(text, &segs[i], &d, segs[i].start, segs[i].start + cue);
            return Some((d, f));
        }
    }
    let from = segs
        .len()
        .saturating_sub(CLOSING_PARAGRAPHS)
        .max(structure.body_start)
        .max(last_article);
    for i in (from.min(segs.len())..segs.len()).rev() {
        let t = segs[i].text(text);
        if let Some((d, cue)) = dated_after_cue(text, segs[i].start, t) {
            let f = found(text, &segs[i], &d, segs[i].start, segs[i].start + cue);
            return Some((d, f));
        }
    }
    None
}

/// The index of the first paragraph of the last article (the whole body when there is none):
/// a signing formula after it stands where signings stand.
fn last_article_start(structure: &Structure, len: usize) -> usize {
    let last_number = structure
        .placement
        .iter()
        .rev()
        .find(|p| p.part == Part::Article)
        .map(|p| p.number.clone());
    match last_number {
        Some(n) => structure
            .placement
            .iter()
            .position(|p| p.part == Part::Article && p.number == n)
            .unwrap_or(len),
        None => structure.body_start.min(len),
    }
}

/// How far back, in bytes, the sentence of a signing formula is read for the instrument it
/// names: a cited treaty's name may stand lines before its "signed on" (wrapped text).
const SENTENCE_REACH: usize = 600;

/// Where the sentence holding byte `at` of `text` starts: after the last `.`, `;` or `。` before
/// it, at most [`SENTENCE_REACH`] bytes back. A blank line does not end it (page breaks cut
/// sentences in these texts).
fn sentence_start(text: &str, at: usize) -> usize {
    let mut from = at.saturating_sub(SENTENCE_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..at];
    head.rfind(['.', '。', ';', '；']).map_or(from, |i| {
        from + i + head[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Does the sentence of a signing formula name another instrument than this one, before the
/// date? "The Convention on the Harmonized System signed at Brussels on 14 June 1983", "the
/// Cooperation Agreement … signed on 29 April 1997": the date is that instrument's. `this
/// Agreement`, `the present Protocol`, `本协定` are this one. Offsets are into `text`.
fn cites_other_instrument(text: &str, cue: usize, date_start: usize) -> bool {
    let start = sentence_start(text, cue.min(date_start));
    let end = date_start.max(cue).min(text.len());
    names_other_instrument(&text[start..end])
}

/// Does `span` name an instrument that is not "this" one?
fn names_other_instrument(span: &str) -> bool {
    INSTRUMENT
        .find_iter(span)
        .any(|m| !THIS_INSTRUMENT.is_match(&span[..m.start()]))
}

/// The date of a signing formula that opens a sentence (`Done at Tokyo on …`, `SIGNED at …`),
/// capitalized as treaties write it: a lower-case `done at Marrakesh on 15 April 1994` in
/// running text cites another treaty. `w` starts at byte `base` of `text`; returns the date
/// (offsets into `w`) and the formula's offset in `w`.
fn dated_formula(text: &str, base: usize, w: &str) -> Option<(DateMatch, usize)> {
    const REACH: usize = 200;
    let formula = FORMULA.find(w)?;
    let lead = formula.as_str().len()
        - formula
            .as_str()
            .trim_start_matches(|c: char| !c.is_alphabetic())
            .len();
    let cue = formula.start() + lead;
    let d = find_dates(w)
        .into_iter()
        .find(|d| d.start >= formula.start() && d.start - formula.start() <= REACH)?;
    (!cites_other_instrument(text, base + cue, base + d.start)).then_some((d, cue))
}

/// The date nearest after a signing word of `w` (or just before it, as in
/// `本协定于2024年5月2日在明斯克签订`), when the sentence names no other instrument. `w`
/// starts at byte `base` of `text`.
fn dated_after_cue(text: &str, base: usize, w: &str) -> Option<(DateMatch, usize)> {
    const REACH: usize = 160;
    let dates = find_dates(w);
    for cue in SIGNING.find_iter(w).map(|m| m.start()) {
        if let Some(d) = dates
            .iter()
            .find(|d| d.start >= cue && d.start - cue <= REACH)
        {
            if !cites_other_instrument(text, base + cue, base + d.start) {
                return Some((d.clone(), cue));
            }
            continue;
        }
        if let Some(d) = dates
            .iter()
            .rev()
            .find(|d| d.end <= cue && cue - d.end <= 40)
            && !cites_other_instrument(text, base + d.start, base + cue)
        {
            let start = sentence_start(text, base + d.start).max(base) - base;
            return Some((d.clone(), start));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_document;

    fn dates(text: &str) -> BTreeMap<String, String> {
        parse_document(text, "t")
            .dates
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect()
    }

    #[test]
    fn law_adoption_and_amendments_make_the_version() {
        let d = dates(
            "中华人民共和国专利法\n\n1984年3月12日 第六届全国人民代表大会常务委员会第四次会议通过\n\n\
             2020年10月17日 第十三届全国人民代表大会常务委员会第二十二次会议《关于修改〈中华人民共和国专利法〉的决定》第四次修正\n\n\
             第一章 总则\n\n第一条 为了保护专利权人的合法权益，制定本法。\n\n第二条 本法所称的发明创造。",
        );
        assert_eq!(d["adopted"], "1984-03-12");
        assert_eq!(d["amended"], "2020-10-17");
        assert_eq!(d["version"], "2020-10-17");
        let d = dates(
            "某法\n\n（1990年12月28日第七届全国人民代表大会常务委员会第十七次会议通过）\n\n第一条 总则。\n\n第二条 定义。",
        );
        assert_eq!(d["version"], "1990-12-28");
        let d = dates(
            "某条例\n\n1988年7月1日 第七届全国人民代表大会常务委员会第二次会议通过根据1994年5月12日第八届全国人民代表大会常务委员会第七次会议《关于修改〈某条例〉的决定》修正\n\n第一条 总则。\n\n第二条 定义。",
        );
        assert_eq!(
            (d["adopted"].as_str(), d["version"].as_str()),
            ("1988-07-01", "1994-05-12")
        );
        let d = dates(
            "某法\n\n2019年3月15日 第十三届全国人民代表大会第二次\n\n会议通过）\n\n第一章 总则\n\n第一条 目的。\n\n第二条 定义。",
        );
        assert_eq!(d["version"], "2019-03-15");
    }

    #[test]
    fn report_delivery_date_in_the_header() {
        let d = dates(
            "政府工作报告\n\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n\n国务院总理 李克强\n\n各位代表：\n\n一、2016年工作回顾\n\n过去一年。\n\n二、2017年工作总体部署\n\n今年。",
        );
        assert_eq!(d["delivered"], "2017-03-05");
        let d = dates(
            "报告\n\n（2017年10月18日）\n\n同志们：\n\n一、过去五年的工作\n\n内容。\n\n二、新时代\n\n内容。",
        );
        assert_eq!(d["dated"], "2017-10-18");
        let d = dates(
            "FREE TRADE AGREEMENT\n\n(Baku, September 30, 1992)\n\nThe Parties agree as follows:\n\nArticle 1\nText.\n\nArticle 2\nText.",
        );
        assert_eq!(d["dated"], "1992-09-30");
        let d = dates(
            "AGREEMENT\n\nDate of signing: September 17, 1994\n\nArticle 1\nText.\n\nArticle 2\nText.",
        );
        assert_eq!(d["signed"], "1994-09-17");
    }

    #[test]
    fn signing_sentence_in_a_long_closing_paragraph() {
        let d = dates(
            "Agreement\n\nARTICLE 1: Scope\nText.\n\nARTICLE 2: Termination\nText.\n\n\
             IN WITNESS WHEREOF, the undersigned, being duly authorised by their respective Governments, have signed this Agreement.  DONE at Tokyo on this third day of April 2007, in duplicate in the English language. For Japan:  For the Kingdom of Thailand:",
        );
        assert_eq!(d["signed"], "2007-04-03");
        let doc = parse_document(
            "Agreement\n\nArticle 1\nText.\n\nArticle 2\nThis Agreement shall enter into force on 1 January 2001.\n\nDone at Geneva, 12 June 2000, in two originals.",
            "t",
        );
        assert_eq!(doc.dates["signed"].to_string(), "2000-06-12");
        assert_eq!(doc.place.as_deref(), Some("Geneva"));
    }

    #[test]
    fn signing_formula_before_the_annexes_and_not_a_cited_treaty() {
        let d = dates(
            "Agreement\n\nArticle 1\nThe WTO Agreement, done at Marrakesh on 15 April 1994, applies.\n\nArticle 2\nText.\n\n\
             IN WITNESS WHEREOF the undersigned have signed this Agreement.\n\n\
             DONE in Santiago, on the 5th day of December, 1996.\n\nANNEX 1\n\nSchedule of tariffs valid from 1 January 1997.\n\nNotes on 2 March 1998.",
        );
        assert_eq!(d["signed"], "1996-12-05");
        let d = dates(
            "A\n\nArticle 1\nT.\n\nArticle 2\nT.\n\nDONE in duplicate at Canberra this twenty-eighth day of March One thousand nine\nhundred and eighty-two.\n",
        );
        assert_eq!(d["signed"], "1982-03-28");
    }

    #[test]
    fn dates_inside_articles_are_not_signing_dates() {
        let d = dates(
            "Agreement\n\nArticle 1\nThe parties met on 1 March 2020.\n\nArticle 2\nIt ends on 5 May 2030.",
        );
        assert!(!d.contains_key("signed"), "{d:?}");
    }

    /// A treaty skeleton: title, two articles (the second with `article2`), then `closing`.
    fn treaty(article2: &str, closing: &str) -> String {
        format!(
            "AGREEMENT BETWEEN ALDORIA AND BORDURIA\n\nThe Parties have agreed as follows:\n\n\
             Article 1\nThe Parties shall cooperate.\n\nArticle 2\n{article2}\n\n{closing}\n"
        )
    }

    #[test]
    fn signing_evidence_positives() {
        // (closing lines, signing date, place)
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "IN WITNESS WHEREOF the undersigned have signed this Agreement.\n\nDone at México City, on the 10th day of April of 2000, in duplicate.",
                "2000-04-10",
                Some("México City"),
            ),
            (
                "IN WITNESS WHEREOF the undersigned have signed this Agreement.\n\nDONE at Valletta this eighteenth day of March 1993.",
                "1993-03-18",
                Some("Valletta"),
            ),
            (
                "IN WITNESS WHEREOF the undersigned have signed this Agreement.\n\nDONE at Sofia, this 18'h day ofAugust 2001, in two originals.",
                "2001-08-18",
                Some("Sofia"),
            ),
            (
                "Done at Rabat on the thirty-first day of March, one thousand, nine hundred and\nsixty-nine.\n\nFor the Council:",
                "1969-03-31",
                Some("Rabat"),
            ),
            (
                "IN WITNESS WHEREOF the undersigned have signed the present Agreement.DONE at The Hague, this 6th day of May, 1959.",
                "1959-05-06",
                Some("The Hague"),
            ),
            (
                "DONE, in Taipei City, in duplicate, this sixteenth day of June of the year two thousand and six.",
                "2006-06-16",
                None,
            ),
            (
                "Done in the city of Moscow “23” December2014 in a single original copy.",
                "2014-12-23",
                None,
            ),
            (
                "IN WITNESS WHEREOF the undersigned have signed this Agreement.\n\nDONEatGeneva, this 10thdayofDecember 1992, in a single original.",
                "1992-12-10",
                None,
            ),
            (
                "IN WITNESS WHEREOF the undersigned have signed this Agreement.\n\nDone at Brussels, this 29th day of June [2010].",
                "2010-06-29",
                Some("Brussels"),
            ),
            (
                "DONE at London this 8<sup>th</sup> day of June 2009, in duplicate.",
                "2009-06-08",
                Some("London"),
            ),
            (
                "For Aldoria            For Borduria\n\n二〇二一年九月十日于北京",
                "2021-09-10",
                Some("Beijing"),
            ),
            (
                "中华人民共和国主席　白俄罗斯共和国总统\n习近平　亚·格·卢卡申科二0一三年七月十六日于北京",
                "2013-07-16",
                Some("Beijing"),
            ),
            (
                "Republic of Aldoria, Republic of Borduria\n\nChairman, President\n\nMarch 1, 2023 in Beijing",
                "2023-03-01",
                Some("Beijing"),
            ),
            (
                "This Agreement was signed at Minsk on 2 May 2024.",
                "2024-05-02",
                None,
            ),
        ];
        for &(closing, date, place) in cases {
            let doc = parse_document(&treaty("It ends after five years.", closing), "t");
            assert_eq!(
                doc.dates.get("signed").map(|d| d.to_string()).as_deref(),
                Some(date),
                "{closing:?}: {:?}",
                doc.date_evidence
            );
            if let Some(place) = place {
                assert_eq!(doc.place.as_deref(), Some(place), "{closing:?}");
            }
            let ev = doc
                .date_evidence
                .iter()
                .find(|e| e.role == "signed")
                .expect("evidence for the signing date");
            assert_eq!(ev.date.to_string(), date);
            assert!(
                ev.line.is_some_and(|l| l >= 10),
                "{closing:?}: line {:?}",
                ev.line
            );
        }
    }

    #[test]
    fn cited_dates_are_never_the_document_date() {
        // (text of article 2, closing lines): no date may come out of any of these.
        let cases: &[(&str, &str)] = &[
            (
                "The Parties reaffirm the Universal Declaration of Human Rights adopted by the General Assembly on 10 December 1948.",
                "For Aldoria            For Borduria",
            ),
            (
                "Goods are classified under the International Convention on the Harmonized Commodity Description and Coding System signed at Brussels on 14 June 1983.",
                "For Aldoria            For Borduria",
            ),
            (
                "The Air Services Agreement between the Parties, Done at Ottawa on the 5th day of May 1967, remains in force.",
                "For Aldoria            For Borduria",
            ),
            (
                "Upon its entry into force, Articles 13 to 32 of the Cooperation Agreement between the Parties\nsigned on 29 April 1997 shall be suspended.",
                "",
            ),
            (
                "This Agreement shall enter into force on 1 January 2001.",
                "",
            ),
            (
                "The parties met on 1 March 2020 and will meet again on 5 May 2030.",
                "For Aldoria            For Borduria",
            ),
            (
                "It ends after five years.",
                "Recalling the Trade Agreement between Aldoria and Borduria\n\n\nsigned on 29 August 1925, the Parties agree.",
            ),
            (
                "It ends after five years.",
                "For Aldoria\n[A. SMITH\n25 February 1972]\nFor Borduria\n[B. JONES\n3 March 1972]",
            ),
            (
                "It ends after five years.",
                "For Aldoria\n[A. SMITH\n25 February 1972]\nFor Borduria\n[B. JONES\n25 February 1972]",
            ),
            (
                "It ends after five years.",
                "Done at Brussels on the twentieth day of November in the year one thousand.",
            ),
        ];
        for &(article2, closing) in cases {
            let doc = parse_document(&treaty(article2, closing), "t");
            assert_eq!(
                doc.date(),
                None,
                "{article2:?} / {closing:?}: {:?}",
                doc.date_evidence
            );
            assert!(doc.date_evidence.is_empty());
        }
    }

    #[test]
    fn a_formula_quoted_in_an_article_is_not_the_signing_but_the_final_one_is() {
        let text = treaty(
            "The Agreement on Air Services, Done at Ottawa on the 5th day of May 1967, is replaced.",
            "IN WITNESS WHEREOF the undersigned have signed this Agreement.\n\nDONE at Seoul this 22nd day of September 2014.",
        );
        let doc = parse_document(&text, "t");
        assert_eq!(
            doc.date().map(|d| d.to_string()).as_deref(),
            Some("2014-09-22")
        );
        let ev = &doc.date_evidence[0];
        assert_eq!(ev.role, "signed");
        assert_eq!(ev.phrase, "DONE at Seoul this 22nd day of September 2014");
        assert_eq!(ev.line, Some(13));
    }

    #[test]
    fn header_dates_need_a_line_of_their_own() {
        // (text, role, date); None: no date at all.
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "JOINT STATEMENT\n\nBeijing, 10 September 2021\n\n1. The two sides agree.\n\n2. They meet.",
                Some(("dated", "2021-09-10")),
            ),
            (
                "JOINT STATEMENT\n\nDate of signing: September 17, 1994\n\n1. The two sides agree.\n\n2. They meet.",
                Some(("signed", "1994-09-17")),
            ),
            (
                "DECLARATION\n\nAdopted by the Conference on 3 June 1992\n\n1. The States agree.\n\n2. They meet.",
                Some(("adopted", "1992-06-03")),
            ),
            (
                "声明\n\n（2023年3月1日）\n\n一、双方同意。\n\n二、双方会面。",
                Some(("dated", "2023-03-01")),
            ),
            (
                "JOINT STATEMENT\n\nDate of ratification: March 19, 1999\n\n1. The two sides agree.\n\n2. They meet.",
                None,
            ),
            (
                "JOINT STATEMENT\n\nRecalling the Charter signed\nin Geneva on 10 December 1991 ,\n\n1. The two sides agree.\n\n2. They meet.",
                None,
            ),
            (
                "条例\n\n自2017年10月18日起施行\n\n第一条 总则。\n\n第二条 定义。",
                None,
            ),
            (
                "公约\n\n回顾1948年12月10日联合国大会通过的世界人权宣言，\n\n第一条 总则。\n\n第二条 定义。",
                None,
            ),
            (
                "STATEMENT\n\nXYZ2008-08-05 ABC\n\n1. The two sides agree.\n\n2. They meet.",
                None,
            ),
        ];
        for &(text, want) in cases {
            let doc = parse_document(text, "t");
            match want {
                Some((role, date)) => assert_eq!(
                    doc.dates.get(role).map(|d| d.to_string()).as_deref(),
                    Some(date),
                    "{text:?}: {:?}",
                    doc.date_evidence
                ),
                None => assert_eq!(doc.date(), None, "{text:?}: {:?}", doc.date_evidence),
            }
        }
    }

    #[test]
    fn law_header_evidence_names_the_line_and_the_words() {
        let doc = parse_document(
            "中华人民共和国某法\n\n（1990年12月28日第七届全国人民代表大会常务委员会第十七次会议通过　根据2020年10月17日第十三届全国人民代表大会常务委员会第二十二次会议《关于修改〈某法〉的决定》修正）\n\n第一条 总则。\n\n第二条 定义。",
            "t",
        );
        let version = doc
            .date_evidence
            .iter()
            .find(|e| e.role == "version")
            .expect("version evidence");
        assert_eq!(version.date.to_string(), "2020-10-17");
        assert_eq!(version.line, Some(3));
        assert!(
            version.phrase.starts_with("根据2020年10月17日"),
            "{}",
            version.phrase
        );
        assert!(version.phrase.ends_with("修正"), "{}", version.phrase);
        assert_eq!(doc.dates["adopted"].to_string(), "1990-12-28");
    }
}
