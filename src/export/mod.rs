//! Every selected clause written out for a distributed search engine (OpenSearch or
//! Elasticsearch, Quickwit, Typesense), already analyzed by our analyzers: the jieba words
//! (with the corpus's user dictionary), the character bigrams and the English stems, each
//! field's tokens joined by single spaces, so that the engine's whitespace tokenizer indexes
//! the very terms our index holds. Beside them the clause as stored: text, document id,
//! title, dates, parties, language, document type, article and line.
//!
//! The tokens are those of the analyzers the index was built with, run again on the stored
//! text (the index keeps no positions for bigrams and headings, so the inverted index alone
//! cannot give them back); a test holds them equal to what the index has. Clauses are read
//! and written one at a time, segment by segment: memory does not grow with the export.
//!
//! Pure writers: what is written goes to the `io::Write` handed in, progress to a callback;
//! nothing here prints, and the folder written by `--out` is [`folder`]'s.

pub mod folder;
pub mod opensearch;
pub mod quickwit;
pub mod record;
pub mod typesense;

pub use record::{FIELDS, FieldSpec, Kind, Record, SEARCHED, Tokenizers};

use std::collections::HashSet;
use std::io::Write;

use anyhow::{Context, Result};
use tantivy::{Searcher, TantivyDocument};

use crate::analyze::Analyzers;
use crate::discourse::clauses::Clauses;
use crate::index::schema::Fields;
use crate::index::stored;
use crate::model::Lang;

/// The engines an export is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// OpenSearch and Elasticsearch: a mapping and `_bulk` NDJSON.
    OpenSearch,
    /// Quickwit: an index config and NDJSON.
    Quickwit,
    /// Typesense: a collection schema and JSONL.
    Typesense,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::OpenSearch => "opensearch",
            Engine::Quickwit => "quickwit",
            Engine::Typesense => "typesense",
        }
    }

    /// The file the clauses go to in an `--out` folder.
    pub fn data_file(self) -> &'static str {
        match self {
            Engine::OpenSearch => opensearch::DATA,
            Engine::Quickwit => quickwit::DATA,
            Engine::Typesense => typesense::DATA,
        }
    }

    /// What creates the index in the engine: file name and content (JSON), for `index` (the
    /// index or collection name).
    pub fn schema(self, index: &str) -> (&'static str, String) {
        match self {
            Engine::OpenSearch => (opensearch::SCHEMA, opensearch::mapping()),
            Engine::Quickwit => (quickwit::SCHEMA, quickwit::config(index)),
            Engine::Typesense => (typesense::SCHEMA, typesense::schema(index)),
        }
    }

    /// How to load the folder, as Markdown (the `LOAD.md` of an `--out` folder).
    pub fn load_instructions(self, index: &str) -> String {
        match self {
            Engine::OpenSearch => opensearch::load(index),
            Engine::Quickwit => quickwit::load(index),
            Engine::Typesense => typesense::load(index),
        }
    }

    /// Writes one clause: its record, and for OpenSearch the action line before it.
    fn write(self, out: &mut dyn Write, record: &record::Record) -> std::io::Result<()> {
        if self == Engine::OpenSearch {
            opensearch::write_action(out, &record.id)?;
        }
        serde_json::to_writer(&mut *out, record)?;
        out.write_all(b"\n")
    }
}

/// What an export wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub clauses: u64,
    pub chinese: u64,
    pub english: u64,
    /// Distinct documents the clauses belong to.
    pub documents: u64,
}

/// Writes every clause of `selected` for `engine` to `out`, segment by segment in index
/// order, calling `progress` with the number of clauses written so far now and then.
pub fn write(
    searcher: &Searcher,
    fields: &Fields,
    selected: &Clauses,
    analyzers: &Analyzers,
    engine: Engine,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary> {
    let mut tokens = record::Tokenizers::new(analyzers);
    let mut summary = Summary::default();
    // Document ids only (a document has many clauses): to count them in the summary.
    let mut documents: HashSet<String> = HashSet::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let ord = ord as u32;
        if selected.len_in(ord) == 0 {
            continue;
        }
        // A few decompressed blocks cached: the clauses are read in the order they are stored.
        let store = reader
            .get_store_reader(4)
            .context("cannot read the stored clauses of the index")?;
        for doc in selected.docs_in(ord) {
            let stored: TantivyDocument = store
                .get(doc)
                .context("cannot read a stored clause of the index")?;
            let (info, clause) = stored::decode(fields, &stored);
            let record = record::record(&info, &clause, &mut tokens);
            engine
                .write(out, &record)
                .context("cannot write the export")?;
            summary.clauses += 1;
            match info.lang {
                Lang::Zh => summary.chinese += 1,
                Lang::En => summary.english += 1,
            }
            if !documents.contains(&info.id) {
                documents.insert(info.id);
            }
            if summary.clauses.is_multiple_of(1024) {
                progress(summary.clauses);
            }
        }
    }
    progress(summary.clauses);
    summary.documents = documents.len() as u64;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discourse::clauses::fixture::Fixture;
    use crate::discourse::forward::{Forward, GAP, Layer, Vocab};

    fn export(fx: &Fixture, engine: Engine) -> Vec<serde_json::Value> {
        let searcher = fx.searcher();
        let mut out = Vec::new();
        let summary = write(
            &searcher,
            &fx.index.fields,
            &Clauses::all(&searcher),
            &fx.analyzers,
            engine,
            &mut out,
            &mut |_| {},
        )
        .unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let per_clause = if engine == Engine::OpenSearch { 2 } else { 1 };
        assert_eq!(lines.len() as u64, summary.clauses * per_clause);
        let documents: HashSet<&str> = lines.iter().filter_map(|l| l["doc_id"].as_str()).collect();
        assert_eq!(summary.documents, documents.len() as u64);
        lines
    }

    #[test]
    fn the_words_and_stems_are_those_the_index_holds() {
        let fx = Fixture::standard();
        let searcher = fx.searcher();
        let forward = Forward::read(
            &searcher,
            &fx.index.fields,
            &Clauses::all(&searcher),
            &Layer::BOTH,
            Vocab::default(),
        )
        .unwrap();
        let records = export(&fx, Engine::Typesense);
        assert_eq!(
            records
                .iter()
                .filter_map(|r| r["doc_id"].as_str())
                .collect::<HashSet<_>>()
                .len(),
            2
        );
        let mut compared = [0; 2];
        for clause in forward.clauses() {
            let d: TantivyDocument = searcher.doc(clause.address).unwrap();
            let (info, stored) = stored::decode(&fx.index.fields, &d);
            let id = format!("{}:{}", info.id, stored.index);
            let record = records.iter().find(|r| r["id"] == id.as_str()).unwrap();
            let (name, slot) = match clause.layer {
                Layer::Zh => ("body_zh", 0),
                Layer::En => ("body_en", 1),
            };
            // Positions the index leaves empty (an over-long English word) hold no term.
            let index_tokens: Vec<&str> = clause
                .tokens
                .iter()
                .filter(|&&t| t != GAP)
                .map(|&t| forward.vocab.term(t))
                .collect();
            let exported: Vec<&str> = record[name].as_str().unwrap().split(' ').collect();
            assert_eq!(exported, index_tokens, "{id}");
            compared[slot] += 1;
        }
        assert!(compared[0] >= 4 && compared[1] >= 5, "{compared:?}");
    }

    #[test]
    fn every_bigram_is_a_term_of_the_index_for_its_clause() {
        let fx = Fixture::standard();
        let searcher = fx.searcher();
        let records = export(&fx, Engine::Quickwit);
        let mut checked = 0;
        for record in records.iter().filter(|r| r["lang"] == "zh") {
            for bigram in record["body_zh_bigram"].as_str().unwrap().split(' ') {
                if bigram.is_empty() {
                    continue;
                }
                let term = tantivy::Term::from_field_text(fx.index.fields.body_zh_bigram, bigram);
                let id = tantivy::Term::from_field_text(
                    fx.index.fields.doc_id,
                    record["doc_id"].as_str().unwrap(),
                );
                let query = tantivy::query::BooleanQuery::intersection(vec![
                    Box::new(tantivy::query::TermQuery::new(
                        term,
                        tantivy::schema::IndexRecordOption::Basic,
                    )),
                    Box::new(tantivy::query::TermQuery::new(
                        id,
                        tantivy::schema::IndexRecordOption::Basic,
                    )),
                ]);
                let found = searcher.search(&query, &tantivy::collector::Count).unwrap();
                assert!(found > 0, "{bigram} of {}", record["id"]);
                checked += 1;
            }
        }
        assert!(checked > 50, "{checked}");
        // 建立全面战略伙伴关系 has the pair 伙伴 that jieba keeps inside 伙伴关系.
        assert!(records.iter().any(|r| {
            r["body_zh_bigram"]
                .as_str()
                .is_some_and(|b| b.split(' ').any(|t| t == "伙伴"))
        }));
    }

    #[test]
    fn heading_words_are_terms_of_the_index_for_their_clause() {
        let fx = Fixture::new(&[(
            "law.txt",
            "中华人民共和国数据安全法\n\n第一章 总则\n\n第一条 为了规范数据处理活动，保障数据安全，制定本法。\n\n\
             第二章 数据安全与发展\n\n第二条 国家统筹发展和安全，坚持以数据开发利用和产业发展促进数据安全。\n",
        )]);
        let searcher = fx.searcher();
        let records = export(&fx, Engine::Typesense);
        let mut checked = 0;
        for record in records.iter().filter(|r| r.get("heading_zh").is_some()) {
            for word in record["heading_zh"].as_str().unwrap().split(' ') {
                // The clauses whose heading has the word, by their number in the document.
                let query = tantivy::query::TermQuery::new(
                    tantivy::Term::from_field_text(fx.index.fields.heading_zh, word),
                    tantivy::schema::IndexRecordOption::Basic,
                );
                let found = searcher
                    .search(&query, &tantivy::collector::DocSetCollector)
                    .unwrap();
                let clauses: Vec<u64> = found
                    .into_iter()
                    .map(|address| {
                        let d: TantivyDocument = searcher.doc(address).unwrap();
                        stored::decode(&fx.index.fields, &d).1.index as u64
                    })
                    .collect();
                assert!(
                    clauses.contains(&record["clause"].as_u64().unwrap()),
                    "{word} of {}: {clauses:?}",
                    record["id"]
                );
                checked += 1;
            }
        }
        assert!(checked >= 2, "{checked} heading words: {records:#?}");
    }

    #[test]
    fn opensearch_pairs_an_action_with_each_record_and_ids_are_unique() {
        let fx = Fixture::standard();
        let lines = export(&fx, Engine::OpenSearch);
        let mut ids = HashSet::new();
        for pair in lines.chunks(2) {
            let id = pair[0]["index"]["_id"].as_str().unwrap();
            assert_eq!(pair[1]["id"], id);
            assert!(ids.insert(id.to_string()), "{id} twice");
        }
    }

    #[test]
    fn records_name_only_fields_of_the_list_and_every_always_field() {
        let fx = Fixture::standard();
        for record in export(&fx, Engine::Typesense) {
            let object = record.as_object().unwrap();
            for name in object.keys() {
                assert!(FIELDS.iter().any(|f| f.name == name), "{name}");
            }
            for f in FIELDS.iter().filter(|f| f.always) {
                assert!(
                    object.contains_key(f.name),
                    "{} lacks {}",
                    record["id"],
                    f.name
                );
            }
        }
    }
}
