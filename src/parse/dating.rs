//! What the dates of a document mean: when it was signed (and where), adopted and amended
//! (laws: the latest of these is the version), delivered (reports and speeches), or published.
//!
//! Dates are found by `dates`; this module decides their role from where they stand (the
//! header before the first article, the signature block, the closing paragraphs) and from the
//! words next to them (通过, 修正, 会议上, Done at …).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{DateMatch, find_dates};
use super::places;
use super::segments::Segment;
use super::structure::Structure;
use crate::model::Date;

/// Header paragraphs looked at for adoption, amendment and delivery dates.
const HEADER_PARAGRAPHS: usize = 16;
/// Closing paragraphs searched for a signing sentence when there is no signature block.
const CLOSING_PARAGRAPHS: usize = 6;

static ADOPTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"通过|批准").expect("regex"));
static AMENDED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"修正|修订|修改").expect("regex"));
static DELIVERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"会议上|会議上|讲话|講話|报告|報告|致辞").expect("regex"));
static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.;:]\s+|\s{2,})(?:Done|DONE|Signed|SIGNED|Concluded|CONCLUDED|Made|MADE)\s+(?:at|in|on|this|and|by)\b").expect("regex")
});
static SIGNING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)date of signing|signed on|签署日期|签订日期|签字日期").expect("regex")
});
static SIGNED_LATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bsigned\b").expect("regex"));
static ADOPTED_LATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\badopted\b").expect("regex"));
static SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"代表大会|常务委员会|會議|会议").expect("regex"));
static SIGNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:done|signed|concluded)\b|签订|签署|签字|簽訂|簽署").expect("regex")
});

/// The dates of a document by role, and the place of signing.
#[derive(Debug, Default)]
pub struct Dating {
    pub dates: BTreeMap<String, Date>,
    pub place: Option<String>,
}

/// Reads the roles of the dates in a parsed document.
pub fn date_document(text: &str, segs: &[Segment], structure: &Structure) -> Dating {
    let mut dating = Dating::default();
    header_dates(text, segs, structure, &mut dating.dates);
    if let Some(signed) = signing_date(text, segs, structure) {
        dating.dates.insert("signed".into(), signed.date);
        dating.place = signed.place.map(|p| places::normalize(&p));
    } else if dating.dates.is_empty() {
        // Nothing stated where such dates stand: the first "signed …"/"adopted on …" date in
        // the text is the best evidence left (an interim agreement that names the agreement
        // it prepares, a decision adopted on a date).
        let body = &segs[structure.body_start.min(segs.len())..];
        for (role, cue) in [("signed", &*SIGNED_LATE), ("adopted", &*ADOPTED_LATE)] {
            if let Some(d) = (0..body.len()).find_map(|i| {
                let t = body[i].text(text);
                cue.find(t).and_then(|m| {
                    find_dates(t)
                        .into_iter()
                        .find(|d| d.start >= m.end() && d.start - m.end() <= 60)
                })
            }) {
                dating.dates.insert(role.into(), d.date);
                break;
            }
        }
    }
    dating
}

/// Adoption, amendment and delivery dates stated above the first article.
fn header_dates(
    text: &str,
    segs: &[Segment],
    structure: &Structure,
    out: &mut BTreeMap<String, Date>,
) {
    let end = structure.body_start.min(HEADER_PARAGRAPHS).min(segs.len());
    let mut adopted: Option<Date> = None;
    let mut amended: Option<Date> = None;
    for seg in &segs[..end] {
        let t = seg.text(text);
        let found = find_dates(t);
        // A line may hold several events: "1988年7月1日 …会议通过 根据1994年5月12日 …决定修正".
        // Each date takes the words up to the next date.
        for (k, d) in found.iter().enumerate() {
            let until = found.get(k + 1).map_or(t.len(), |next| next.start);
            let words = &t[d.end..until];
            if AMENDED.is_match(words) {
                amended = amended.max(Some(d.date));
            } else if ADOPTED.is_match(words) {
                adopted = Some(adopted.map_or(d.date, |a| a.min(d.date)));
            } else if SIGNING_LABEL.is_match(&t[..d.start]) {
                // "Date of signing: September 17, 1994"
                out.entry("signed".into()).or_insert(d.date);
            } else if DELIVERED.is_match(words) {
                out.entry("delivered".into()).or_insert(d.date);
            } else if SESSION.is_match(words) {
                // "2019年3月15日 第十三届全国人民代表大会第二次" with "会议通过" wrapped onto the next line.
                adopted = Some(adopted.map_or(d.date, |a| a.min(d.date)));
            } else if k == 0 && short_date_line(t, d) {
                // "（2017年10月18日）", "(Baku, September 30, 1992)": the date of the document.
                out.entry("dated".into()).or_insert(d.date);
            }
        }
    }
    if let Some(a) = adopted {
        out.insert("adopted".into(), a);
    }
    if let Some(a) = amended {
        out.insert("amended".into(), a);
    }
    if let Some(v) = adopted.max(amended) {
        out.insert("version".into(), v);
    }
}

/// A header line that is little more than a date (and a place): `（2017年10月18日）`,
/// `(Baku, September 30, 1992)`.
fn short_date_line(t: &str, date: &DateMatch) -> bool {
    t.chars().count() <= date_chars(t, date) + 24
}

fn date_chars(t: &str, date: &DateMatch) -> usize {
    t.get(date.start..date.end).map_or(0, |s| s.chars().count())
}

/// The signing date: the date of the signature block's signing formula; else the first
/// signing formula of the body (`DONE at Santiago, on the 5th day of December …` may stand
/// before the annexes, and a protocol appended later has its own); else the last date of the
/// signature block; else a signing sentence among the closing paragraphs.
fn signing_date(text: &str, segs: &[Segment], structure: &Structure) -> Option<DateMatch> {
    let sig = structure.signature.unwrap_or(segs.len());
    let block = &segs[sig..];
    let in_block_formula = (sig..segs.len()).find_map(|i| {
        SIGNING
            .is_match(segs[i].text(text))
            .then(|| {
                let t = joined(text, segs, i);
                dated_formula(&t).or_else(|| dated_after_cue(&t))
            })
            .flatten()
    });
    if in_block_formula.is_some() {
        return in_block_formula;
    }
    let from = structure.body_start.min(segs.len());
    let formula_at = |i: usize| FORMULA.is_match(segs[i].text(text));
    if let Some(found) = (from..segs.len())
        .filter(|&i| formula_at(i))
        .find_map(|i| dated_formula(&joined(text, segs, i)))
    {
        return Some(found);
    }
    if let Some(found) = block
        .iter()
        .rev()
        .find_map(|s| find_dates(s.text(text)).pop())
    {
        return Some(found);
    }
    let from = segs
        .len()
        .saturating_sub(CLOSING_PARAGRAPHS)
        .max(structure.body_start);
    segs[from.min(segs.len())..]
        .iter()
        .rev()
        .find_map(|s| dated_after_cue(s.text(text)))
}

/// Paragraph `i` and the few after it as one line: hard-wrapped closing formulas break the
/// date across lines (`… this twenty-eighth day of March One thousand nine` / `hundred and
/// eighty-two`). The dates found in it carry offsets into this string, not the document.
fn joined(text: &str, segs: &[Segment], i: usize) -> String {
    const FOLLOWING: usize = 3;
    let end = segs[(i + FOLLOWING).min(segs.len() - 1)].end;
    text[segs[i].start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The date of a signing formula that opens a sentence (`Done at Tokyo on …`, `SIGNED at …`),
/// capitalized as treaties write it: a lower-case `done at Marrakesh on 15 April 1994` in
/// running text cites another treaty.
fn dated_formula(t: &str) -> Option<DateMatch> {
    const REACH: usize = 200;
    let formula = FORMULA.find(t)?;
    find_dates(t)
        .into_iter()
        .find(|d| d.start >= formula.start() && d.start - formula.start() <= REACH)
}

/// The date nearest after the first signing word of `t` (or just before it, as in
/// `本协定于2024年5月2日在明斯克签订`).
fn dated_after_cue(t: &str) -> Option<DateMatch> {
    const REACH: usize = 160;
    let cues: Vec<usize> = SIGNING.find_iter(t).map(|m| m.start()).collect();
    let dates = find_dates(t);
    for &cue in &cues {
        if let Some(d) = dates
            .iter()
            .find(|d| d.start >= cue && d.start - cue <= REACH)
        {
            return Some(d.clone());
        }
        if let Some(d) = dates
            .iter()
            .rev()
            .find(|d| d.end <= cue && cue - d.end <= 40)
        {
            return Some(d.clone());
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
}
