//! The stored clause: the one place where a parsed clause becomes a tantivy document and a
//! tantivy document becomes a clause again, beside the schema that names the fields.
//!
//! Writers ([`ClauseEncoder`]) and readers ([`decode`], [`load_hit`]) of the index go through
//! here, so that a field's encoding (the date as `yyyymmdd` in `day`, the named dates as a
//! JSON object in `dates`, the part by name) has one owner. The types it fills are plain data
//! in [`crate::model`].

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::schema::Fields;
use crate::model::{
    Clause, ClauseArticle, ClauseKind, Date, DocInfo, Document, Hit, Lang, Part, StoredClause,
};

/// Bytes a value takes in a tantivy document beyond its text, about (type, length, address).
const VALUE_OVERHEAD: usize = 16;

/// A date as the `yyyymmdd` number stored in the `day` field (range filters, `timeline`).
pub fn day_number(d: Date) -> u64 {
    u64::from(d.year) * 10_000 + u64::from(d.month) * 100 + u64::from(d.day)
}

/// The date of a `day` value; `None` for a number that is no date.
pub fn day_date(day: u64) -> Option<Date> {
    Date::new(
        (day / 10_000) as u32,
        ((day / 100) % 100) as u32,
        (day % 100) as u32,
    )
}

/// Turns the clauses of one document into tantivy documents. What every clause repeats about
/// its document (id, title, dates, parties …) is worked out once.
pub struct ClauseEncoder<'a> {
    id: &'a str,
    rel: &'a str,
    doc: &'a Document,
    date: Option<(String, u64)>,
    dates_json: String,
    body: Field,
    heading: Field,
    /// Bytes of a tantivy document for these fields, without the clause's own.
    size: usize,
}

impl<'a> ClauseEncoder<'a> {
    /// The encoder for `doc`, stored under `id` and `rel` (its path relative to the corpus).
    pub fn new(f: &Fields, id: &'a str, rel: &'a str, doc: &'a Document) -> Result<Self> {
        let dates: BTreeMap<&str, String> = doc
            .dates
            .iter()
            .map(|(k, v)| (k.as_str(), v.to_string()))
            .collect();
        let dates_json = serde_json::to_string(&dates).context("cannot encode dates")?;
        let date = doc.date().map(|d| (d.to_string(), day_number(d)));
        let (body, heading) = match doc.lang {
            Lang::Zh => (f.body_zh, f.heading_zh),
            Lang::En => (f.body_en, f.heading_en),
        };
        let size = [
            id.len(),
            rel.len(),
            doc.title.len(),
            dates_json.len(),
            2,
            10,
        ]
        .into_iter()
        .chain(doc.place.iter().map(String::len))
        .chain(doc.parties.iter().map(String::len))
        .chain(doc.doc_type.iter().map(String::len))
        .map(|n| n + VALUE_OVERHEAD)
        .sum::<usize>()
            + 8 * VALUE_OVERHEAD;
        Ok(ClauseEncoder {
            id,
            rel,
            doc,
            date,
            dates_json,
            body,
            heading,
            size,
        })
    }

    /// The tantivy document of one clause.
    pub fn encode(&self, f: &Fields, clause: &Clause) -> TantivyDocument {
        let doc = self.doc;
        let texts = if doc.lang == Lang::Zh { 3 } else { 2 };
        let own = [&clause.article.label, &clause.article.number]
            .into_iter()
            .flatten()
            .chain(&clause.article.path)
            .map(|s| s.len() + VALUE_OVERHEAD)
            .sum::<usize>()
            + texts * (clause.text.len() + VALUE_OVERHEAD)
            + clause
                .heading
                .as_ref()
                .map_or(0, |h| 2 * (h.len() + VALUE_OVERHEAD))
            + 2 * VALUE_OVERHEAD;
        // `TantivyDocument::new` reserves 1 KB, most of it unused for a short clause.
        let mut d = TantivyDocument::with_capacity(self.size + own);
        d.add_text(f.doc_id, self.id);
        d.add_text(f.path, self.rel);
        d.add_text(f.title, &doc.title);
        d.add_text(f.lang, doc.lang.as_str());
        if let Some((date, day)) = &self.date {
            d.add_text(f.date, date);
            d.add_u64(f.day, *day);
        }
        d.add_text(f.dates, &self.dates_json);
        if let Some(place) = &doc.place {
            d.add_text(f.place, place);
        }
        for party in &doc.parties {
            d.add_text(f.party, party);
        }
        if let Some(doc_type) = &doc.doc_type {
            d.add_text(f.doc_type, doc_type);
        }
        d.add_text(f.part, clause.article.part.as_str());
        if let Some(label) = &clause.article.label {
            d.add_text(f.article_label, label);
        }
        if let Some(number) = &clause.article.number {
            d.add_text(f.article_number, number);
        }
        for heading in &clause.article.path {
            d.add_text(f.article_path, heading);
        }
        d.add_u64(f.clause, clause.index as u64);
        d.add_u64(f.line, clause.line as u64);
        d.add_u64(f.span_start, clause.span[0] as u64);
        d.add_u64(f.span_end, clause.span[1] as u64);
        d.add_text(f.text, &clause.text);
        d.add_text(self.body, &clause.text);
        if doc.lang == Lang::Zh {
            d.add_text(f.body_zh_bigram, &clause.text);
        }
        d.add_u64(f.kind, clause.kind.code());
        if let Some(heading) = &clause.heading {
            d.add_text(f.heading, heading);
            d.add_text(self.heading, heading);
        }
        d.add_u64(f.text_hash, text_hash(&clause.text));
        d
    }
}

/// The `text_hash` of a clause: 64-bit FNV-1a over the text with whitespace removed and case
/// folded (written out rather than `DefaultHasher`, whose output may change between Rust
/// releases and so between an index and the binary reading it).
pub fn text_hash(text: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut buf = [0u8; 4];
    for c in text
        .chars()
        .filter(|c| !crate::parse::segments::is_space(*c))
        .flat_map(char::to_lowercase)
    {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// One stored clause document read back: its document and the clause.
/// The text of the clause stored as `doc` in a segment's store: for ranking by where the words
/// of a query stand.
pub fn clause_text(
    store: &tantivy::store::StoreReader,
    f: &Fields,
    doc: tantivy::DocId,
) -> tantivy::Result<Option<String>> {
    let d: TantivyDocument = store.get(doc)?;
    Ok(d.get_first(f.text)
        .and_then(|v| v.as_str())
        .map(str::to_string))
}

pub fn decode(f: &Fields, doc: &TantivyDocument) -> (DocInfo, StoredClause) {
    let text = |field: Field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let texts = |field: Field| -> Vec<String> {
        doc.get_all(field)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let number = |field: Field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
    let dates: BTreeMap<String, Date> = text(f.dates)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let info = DocInfo {
        id: text(f.doc_id).unwrap_or_default(),
        path: text(f.path).unwrap_or_default(),
        title: text(f.title).unwrap_or_default(),
        lang: text(f.lang)
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or(Lang::En),
        date: text(f.date).as_deref().and_then(Date::parse_iso),
        dates,
        place: text(f.place),
        parties: texts(f.party),
        doc_type: text(f.doc_type),
    };
    let clause = StoredClause {
        article: ClauseArticle {
            part: Part::from_name(text(f.part).as_deref()),
            label: text(f.article_label),
            number: text(f.article_number),
            path: texts(f.article_path),
        },
        index: number(f.clause),
        line: number(f.line),
        span: [number(f.span_start), number(f.span_end)],
        text: text(f.text).unwrap_or_default(),
        kind: ClauseKind::from_code(
            doc.get_first(f.kind)
                .and_then(|v| v.as_u64())
                .unwrap_or_default(),
        ),
        heading: text(f.heading),
    };
    (info, clause)
}

/// Reads the stored clause at `address` as a hit (without highlights).
pub fn load_hit(
    searcher: &Searcher,
    f: &Fields,
    address: DocAddress,
    score: f32,
    rank: usize,
) -> Result<Hit> {
    let doc: TantivyDocument = searcher
        .doc(address)
        .context("cannot read a stored clause")?;
    let (info, clause) = decode(f, &doc);
    Ok(Hit::of_stored(&info, clause, score, rank))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_dates() {
        let d = Date::new(2013, 7, 16).unwrap();
        assert_eq!(day_number(d), 20130716);
        assert_eq!(day_date(20130716), Some(d));
        assert_eq!(day_date(0), None);
    }

    #[test]
    fn a_clause_comes_back_as_it_was_stored() {
        let schema = super::super::schema::build();
        let f = Fields::of(&schema).unwrap();
        let doc = crate::parse::parse_document(
            "联合声明\n\n2013年7月16日\n\n一、双方决定建立全面战略伙伴关系。\n",
            "x",
        );
        let encoder = ClauseEncoder::new(&f, "x", "zh/x.txt", &doc).unwrap();
        for clause in &doc.clauses {
            let (info, stored) = decode(&f, &encoder.encode(&f, clause));
            assert_eq!(info.id, "x");
            assert_eq!(info.path, "zh/x.txt");
            assert_eq!(info.title, doc.title);
            assert_eq!(info.lang, doc.lang);
            assert_eq!(info.date, doc.date());
            assert_eq!(info.dates, doc.dates);
            assert_eq!(info.parties, doc.parties);
            assert_eq!(info.doc_type.as_deref(), Some("joint statement"));
            assert_eq!(stored.article, clause.article);
            assert_eq!(
                (stored.index, stored.line, stored.span, stored.text.as_str()),
                (clause.index, clause.line, clause.span, clause.text.as_str())
            );
            assert_eq!(
                (stored.kind, &stored.heading),
                (clause.kind, &clause.heading)
            );
        }
    }

    #[test]
    fn the_text_hash_ignores_whitespace_and_case_and_is_stable() {
        assert_eq!(
            text_hash("Essential security interests;"),
            text_hash("essential  security\ninterests;")
        );
        assert_ne!(
            text_hash("essential security"),
            text_hash("security essential")
        );
        // FNV-1a of the empty string is its offset basis, of "a" the published value.
        assert_eq!(text_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(text_hash("A"), 0xaf63_dc4c_8601_ec8c);
    }
}
