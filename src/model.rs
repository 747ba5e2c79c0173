//! The document model: what the ingester understood of one file.
//!
//! Plain data and no I/O: `parse` produces it, `index` stores it, `output` prints it. Every
//! type here serializes to the JSON that `treatysearch parse --json` prints.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The language a document is analyzed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh-hant" | "zh-tw" | "chinese" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A calendar date. Serialized as ISO 8601 (`2013-07-16`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date if it exists in the proleptic Gregorian calendar.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        if !(1000..=2999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if leap => 29,
            _ => 28,
        };
        (day <= days).then_some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        Date::new(y, m, d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

/// Why a document has one of its named dates: the role, where the evidence stands and the
/// words that decided it. `parse --json` prints these as `date_evidence`, one per named date:
///
/// ```json
/// {"role":"signed","date":"2014-09-22","line":4108,"phrase":"DONE in duplicate at Ottawa this 22nd day of September 2014"}
/// ```
///
/// `role` is the key of the date in [`Document::dates`]: `signed`, `dated` (the date line
/// under a statement's title), `adopted`, `amended`, `version` (a law's latest adoption or
/// amendment), `delivered` (a report or speech), `published` (the stamp at the top). `line` is
/// 1-based and `null` for a date given in front matter or a sidecar; `phrase` is the
/// deciding words as written (whitespace collapsed), or `front matter: KEY` there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateEvidence {
    pub role: String,
    pub date: Date,
    pub line: Option<usize>,
    pub phrase: String,
}

/// Which part of a document a clause belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// Everything before the first article: title lines, recitals, the introduction.
    Preamble,
    /// A numbered article (or an article whose number was inferred).
    Article,
    /// The closing block: signatories, date and place of signing.
    Signature,
    /// Under a chapter or part heading, before its first article (usually the heading itself).
    Division,
}

impl Part {
    /// The part named by [`Part::as_str`]; anything else is the preamble.
    pub fn from_name(name: Option<&str>) -> Part {
        match name {
            Some("article") => Part::Article,
            Some("signature") => Part::Signature,
            Some("division") => Part::Division,
            _ => Part::Preamble,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Preamble => "preamble",
            Part::Article => "article",
            Part::Signature => "signature",
            Part::Division => "division",
        }
    }
}

/// An article heading found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The heading as written (`三、`, `4、`, `Article 12`); `None` when the number was
    /// inferred because the source lost it.
    pub label: Option<String>,
    /// The number in Arabic digits (`三、` → `3`).
    pub number: String,
    /// 1-based line of the heading (of the article's first paragraph when inferred).
    pub line: usize,
}

/// A heading above the articles: `第二章`, `CHAPTER 2`, `PART I`, `第一节`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Division {
    /// 1 for parts (编), 2 for chapters (章), 3 for sections (节).
    pub level: u8,
    pub label: String,
    pub number: String,
    /// The heading's title when it has one on the same line (`总则`, `General Provisions`).
    pub title: Option<String>,
    pub line: usize,
}

/// Where a clause sits: preamble, an article, or the signature block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseArticle {
    pub part: Part,
    pub label: Option<String>,
    pub number: Option<String>,
    /// The whole path of headings down to the clause: `["第二章", "第十二条", "（三）"]`.
    pub path: Vec<String>,
}

impl ClauseArticle {
    pub fn preamble() -> ClauseArticle {
        ClauseArticle {
            part: Part::Preamble,
            label: None,
            number: None,
            path: Vec::new(),
        }
    }

    pub fn signature() -> ClauseArticle {
        ClauseArticle {
            part: Part::Signature,
            label: None,
            number: None,
            path: Vec::new(),
        }
    }

    /// The path as shown to readers: `第二章 › 第十二条 › （三）`; the part name when there is
    /// no heading above the clause.
    pub fn path_display(&self) -> String {
        if self.path.is_empty() {
            self.part.as_str().to_string()
        } else {
            self.path.join(" › ")
        }
    }

    /// How the article is shown to a reader: `art. 4`, `preamble`, `signature`.
    pub fn display_name(&self) -> String {
        match (&self.part, &self.number) {
            (Part::Article, Some(n)) => format!("art. {n}"),
            (part, _) => part.as_str().to_string(),
        }
    }
}

/// What a clause is as a unit of text: a paragraph that says something (`body`), a heading
/// line alone (`heading`), or a lead-in that only introduces what follows (`stub`:
/// `"customs duty" means:`, `For the purposes of this Chapter:`, `双方同意：`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClauseKind {
    #[default]
    Body,
    Heading,
    Stub,
}

impl ClauseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClauseKind::Body => "body",
            ClauseKind::Heading => "heading",
            ClauseKind::Stub => "stub",
        }
    }

    /// The number the index stores (`kind` field): 0 body, 1 heading, 2 stub.
    pub fn code(self) -> u64 {
        match self {
            ClauseKind::Body => 0,
            ClauseKind::Heading => 1,
            ClauseKind::Stub => 2,
        }
    }

    /// The kind of a stored number; anything unknown is a body.
    pub fn from_code(code: u64) -> ClauseKind {
        match code {
            1 => ClauseKind::Heading,
            2 => ClauseKind::Stub,
            _ => ClauseKind::Body,
        }
    }
}

impl fmt::Display for ClauseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One unit of retrieval: a paragraph inside an article, the preamble or the signature block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    pub article: ClauseArticle,
    /// 0-based position of the clause in its document.
    pub index: usize,
    /// The clause text exactly as in the (decoded) source.
    pub text: String,
    /// 1-based line where the clause starts.
    pub line: usize,
    /// Byte span `[start, end)` of `text` in the decoded source.
    pub span: [usize; 2],
    /// Body text, a heading line, or a lead-in stub.
    #[serde(default)]
    pub kind: ClauseKind,
    /// The title words of the nearest heading the clause stands under (`Rules of Origin`,
    /// `法律责任`), without its number; `None` when that heading has no title or there is none.
    #[serde(default)]
    pub heading: Option<String>,
}

/// A document as understood by the parser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub title: String,
    /// `true` when the text has no title of its own and `title` was made from the document's
    /// kind and parties ("Free Trade Agreement — Canada, South Korea") or is the file name.
    #[serde(default)]
    pub title_derived: bool,
    /// What the document is (`treaty`, `joint statement`, `law`, `speech` …, see
    /// [`crate::parse::doctype`]); `None` when neither its metadata nor its title say.
    #[serde(default)]
    pub doc_type: Option<String>,
    pub lang: Lang,
    /// Named dates: `published`, `signed`, `adopted`, ….
    pub dates: BTreeMap<String, Date>,
    /// Why each named date was given, in the order of `dates`' keys (see [`DateEvidence`]).
    #[serde(default)]
    pub date_evidence: Vec<DateEvidence>,
    /// Where it was signed, when the text says.
    pub place: Option<String>,
    /// Parties, normalized to one English name each (`中华人民共和国` → `China`).
    pub parties: Vec<String>,
    /// Chapters, parts and sections, in document order.
    pub divisions: Vec<Division>,
    pub articles: Vec<Article>,
    pub clauses: Vec<Clause>,
    /// Front-matter or sidecar keys that treatysearch does not interpret (`source`, `type`, …),
    /// kept as given.
    pub meta: BTreeMap<String, String>,
    /// What the parser could not read as written (a broken front matter), for the user.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Document {
    /// The date a hit shows: the version of a law (its latest adoption or amendment), else
    /// the signing date, else the date a report was delivered, else the date under the title,
    /// else the publication date, else the earliest date known. Every one of these comes from
    /// evidence about this document (see [`DateEvidence`]); a document without any is undated.
    pub fn date(&self) -> Option<Date> {
        ["version", "signed", "delivered", "dated", "published"]
            .iter()
            .find_map(|k| self.dates.get(*k))
            .or_else(|| self.dates.values().min())
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_validate_the_calendar() {
        assert_eq!(
            Date::new(2024, 2, 29).map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        assert_eq!(Date::new(2023, 2, 29), None);
        assert_eq!(Date::new(2023, 13, 1), None);
        assert_eq!(Date::new(2023, 4, 31), None);
        assert_eq!(Date::parse_iso("2013-07-17"), Date::new(2013, 7, 17));
        assert_eq!(Date::parse_iso("2013-7"), None);
    }

    #[test]
    fn shown_date_prefers_signing() {
        let mut doc = Document {
            title: String::new(),
            title_derived: false,
            doc_type: None,
            lang: Lang::En,
            dates: BTreeMap::new(),
            date_evidence: vec![],
            place: None,
            parties: vec![],
            divisions: vec![],
            articles: vec![],
            clauses: vec![],
            meta: BTreeMap::new(),
            warnings: vec![],
        };
        doc.dates
            .insert("published".into(), Date::new(2023, 12, 28).unwrap());
        assert_eq!(doc.date(), Date::new(2023, 12, 28));
        doc.dates
            .insert("signed".into(), Date::new(2023, 3, 1).unwrap());
        assert_eq!(doc.date(), Date::new(2023, 3, 1));
    }
}

/// One clause as the index stores it and gives it back (`show`, `compare`, `similar`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClause {
    pub article: ClauseArticle,
    /// 0-based position in the document (the `clause` of a hit).
    pub index: usize,
    /// 1-based line where it starts in the file.
    pub line: usize,
    /// Byte span in the decoded file.
    pub span: [usize; 2],
    pub text: String,
    /// Body text, a heading line, or a lead-in stub.
    pub kind: ClauseKind,
    /// The title words of the nearest heading above the clause (see [`Clause::heading`]).
    pub heading: Option<String>,
}

/// What every stored clause of a document repeats about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    pub id: String,
    /// Path relative to the corpus folder.
    pub path: String,
    pub title: String,
    pub lang: Lang,
    /// The date hits show (signed, else published).
    pub date: Option<Date>,
    pub dates: BTreeMap<String, Date>,
    pub place: Option<String>,
    pub parties: Vec<String>,
    /// What the document is (see [`Document::doc_type`]).
    pub doc_type: Option<String>,
}

impl DocInfo {
    /// The document as hits show it (`path` as stored: relative to the corpus).
    pub fn hit_doc(&self) -> HitDoc {
        HitDoc {
            id: self.id.clone(),
            title: self.title.clone(),
            lang: self.lang,
            date: self.date.map(|d| d.to_string()),
            path: self.path.clone(),
        }
    }
}

/// The document a hit belongs to.
#[derive(Debug, Clone)]
pub struct HitDoc {
    pub id: String,
    pub title: String,
    pub lang: Lang,
    pub date: Option<String>,
    pub path: String,
}

/// One ranked clause.
#[derive(Debug, Clone)]
pub struct Hit {
    /// 1-based rank over all hits (offset included).
    pub rank: usize,
    pub score: f32,
    pub doc: HitDoc,
    pub part: Part,
    pub article_label: Option<String>,
    pub article_number: Option<String>,
    /// The headings above the clause, outermost first: `["第二章", "第十二条", "（三）"]`.
    pub article_path: Vec<String>,
    pub clause: usize,
    pub line: usize,
    pub text: String,
    /// Body text, a heading line, or a lead-in stub.
    pub kind: ClauseKind,
    /// The title words of the nearest heading above the clause (see [`Clause::heading`]).
    pub heading: Option<String>,
    /// Byte spans `[start, end)` of the matched words in `text`, ordered, not overlapping.
    pub highlights: Vec<[usize; 2]>,
    /// How many other matching clauses have the same text (whitespace and case aside), shown
    /// as this one hit; 0 when none do or copies are not collapsed.
    pub identical_count: usize,
    /// Some of those clauses (a capped list), in index order.
    pub identical: Vec<IdenticalClause>,
    /// What made the score (`query --explain`), where the hit was ranked by `search`.
    pub explain: Option<Explain>,
}

/// Another clause with the text of a hit, collapsed into it.
#[derive(Debug, Clone)]
pub struct IdenticalClause {
    pub doc: HitDoc,
    /// 1-based line where the clause starts.
    pub line: usize,
}

/// What made a hit's score: tantivy's BM25 score of the query, multiplied by the factors of
/// the re-ranking. `score` is their product and the hit's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Explain {
    pub bm25: f32,
    /// The BM25 part of each query term found in the clause, per field (`body`, `heading`);
    /// the rest of `bm25` comes from the exact-phrase bonus and character bigrams.
    pub words: Vec<WordPart>,
    /// Tokens from the first to the last of the closest occurrences of the query's words,
    /// when at least one of them was located in the clause.
    pub window: Option<u32>,
    /// Whether `window` counts characters (a Chinese query of several words) rather than tokens.
    pub window_in_chars: bool,
    /// How many query words were located in the clause's text.
    pub located: usize,
    /// How many query words the clause's text has (located, or inside longer Chinese words).
    pub in_text: usize,
    /// The share of the query's words in the text: a word found only in the heading counts
    /// for less.
    pub coverage: f32,
    pub proximity: f32,
    /// The clause's length in tokens (as the index's field norms keep it: approximate above 40).
    pub tokens: u32,
    pub length: f32,
    /// How many query words stand in the heading the clause stands under.
    pub heading_words: usize,
    pub structure: f32,
    /// 1 for a body clause, less for a heading or a stub.
    pub kind: f32,
    pub score: f32,
}

impl Explain {
    /// A score that nothing changed.
    pub fn neutral(bm25: f32) -> Explain {
        Explain {
            bm25,
            words: Vec::new(),
            window: None,
            window_in_chars: false,
            located: 0,
            in_text: 0,
            coverage: 1.0,
            proximity: 1.0,
            tokens: 0,
            length: 1.0,
            heading_words: 0,
            structure: 1.0,
            kind: 1.0,
            score: bm25,
        }
    }
}

/// The BM25 part of one query term in one field of a clause.
#[derive(Debug, Clone, PartialEq)]
pub struct WordPart {
    /// The term as the index has it (stemmed English, a jieba word).
    pub word: String,
    /// `body` or `heading`.
    pub field: String,
    pub score: f32,
}

impl Hit {
    /// A stored clause as a hit, without highlights.
    pub fn of_stored(info: &DocInfo, clause: StoredClause, score: f32, rank: usize) -> Hit {
        Hit {
            rank,
            score,
            doc: info.hit_doc(),
            part: clause.article.part,
            article_label: clause.article.label,
            article_number: clause.article.number,
            article_path: clause.article.path,
            clause: clause.index,
            line: clause.line,
            text: clause.text,
            kind: clause.kind,
            heading: clause.heading,
            highlights: Vec::new(),
            identical_count: 0,
            identical: Vec::new(),
            explain: None,
        }
    }
}

/// Byte spans of `text` sorted and merged where they overlap, touch or only whitespace
/// separates them: the form of [`Hit::highlights`] (query and `similar` alike). A gap that does
/// not fall on character boundaries is never sliced: its spans stay apart.
pub fn merge_spans(text: &str, mut spans: Vec<[usize; 2]>) -> Vec<[usize; 2]> {
    spans.sort_unstable();
    let mut merged: Vec<[usize; 2]> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(last) = merged.last_mut()
            && (span[0] <= last[1]
                || text
                    .get(last[1]..span[0])
                    .is_some_and(|gap| gap.chars().all(char::is_whitespace)))
        {
            last[1] = last[1].max(span[1]);
            continue;
        }
        merged.push(span);
    }
    merged
}

#[cfg(test)]
mod span_tests {
    use super::merge_spans;

    #[test]
    fn spans_merge_across_spaces_only() {
        let text = "internal affairs, and pretext";
        assert_eq!(
            merge_spans(text, vec![[9, 16], [0, 8], [22, 29]]),
            [[0, 16], [22, 29]]
        );
        assert_eq!(merge_spans(text, vec![[0, 8], [4, 12]]), [[0, 12]]);
    }

    #[test]
    fn a_gap_off_character_boundaries_is_not_sliced() {
        // Byte 1 is inside 中: the gap [1, 3) is no string, so the spans stay apart.
        let text = "中 国";
        assert_eq!(merge_spans(text, vec![[3, 4], [0, 1]]), [[0, 1], [3, 4]]);
        assert_eq!(merge_spans(text, vec![[4, 7], [0, 3]]), [[0, 7]]);
    }
}
