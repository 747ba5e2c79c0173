//! OpenSearch and Elasticsearch: the index settings and mapping (`PUT /NAME`), with an
//! analyzer that only splits on whitespace for our token fields, and the `_bulk` NDJSON: an
//! `index` action naming the clause's `_id`, then its record, for every clause.

use std::io::Write;

use serde_json::{Map, Value, json};

use super::record::{FIELDS, Kind};

/// The data file of an `--out` folder.
pub const DATA: &str = "bulk.ndjson";
/// The settings and mapping of an `--out` folder.
pub const SCHEMA: &str = "mapping.json";
/// The analyzer of the token fields: whitespace only, no lower-casing or stemming (ours is
/// done).
pub const ANALYZER: &str = "treatysearch_tokens";

/// The body of `PUT /NAME`: settings with the whitespace analyzer, and a strict mapping (a
/// field the mapping does not name is refused, not guessed).
pub fn mapping() -> String {
    let mut properties = Map::new();
    for f in FIELDS {
        let mapping = match f.kind {
            Kind::Keyword | Kind::Keywords => json!({"type": "keyword"}),
            Kind::Display => json!({"type": "text", "index": false}),
            Kind::Tokens { positions } => json!({
                "type": "text",
                "analyzer": ANALYZER,
                "index_options": if positions { "positions" } else { "docs" },
            }),
            Kind::Day => json!({"type": "date", "format": "strict_date"}),
            Kind::Number => json!({"type": "long"}),
            // Roles vary by document (signed, published, effective …): each is a date.
            Kind::Dates => json!({"type": "object", "dynamic": true}),
        };
        properties.insert(f.name.to_string(), mapping);
    }
    let body = json!({
        "settings": {
            "analysis": {
                "analyzer": {
                    ANALYZER: {"type": "custom", "tokenizer": "whitespace"}
                }
            }
        },
        "mappings": {
            "dynamic": "strict",
            "dynamic_templates": [
                {"dates": {
                    "path_match": "dates.*",
                    "mapping": {"type": "date", "format": "strict_date"}
                }}
            ],
            "properties": Value::Object(properties),
        }
    });
    serde_json::to_string_pretty(&body).unwrap_or_default() + "\n"
}

/// The action line of `_bulk` before a record: index (create or replace) under `id`.
pub(super) fn write_action(out: &mut dyn Write, id: &str) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &json!({"index": {"_id": id}}))?;
    out.write_all(b"\n")
}

/// How to load an `--out` folder.
pub fn load(index: &str) -> String {
    format!(
        "# Loading this export into OpenSearch or Elasticsearch\n\n\
         Made by `treatysearch export --format opensearch`. `{SCHEMA}` creates the index \
         (whitespace analyzer on the token fields, keyword fields for ids, parties and \
         language, date fields); `{DATA}` is its `_bulk` body (an action line, then the \
         clause, for every clause).\n\n\
         ```sh\n\
         curl -sS -X PUT 'http://localhost:9200/{index}' -H 'Content-Type: application/json' --data-binary @{SCHEMA}\n\
         # _bulk takes up to about 100 MB per request: send a large file in parts of whole pairs\n\
         split -l 20000 -d {DATA} part-\n\
         for p in part-*; do\n\
         \x20 curl -sS -X POST 'http://localhost:9200/{index}/_bulk' -H 'Content-Type: application/x-ndjson' --data-binary @\"$p\" | grep -q '\"errors\":false' || echo \"errors in $p\"\n\
         done\n\
         ```\n\n\
         Queries go to the token fields with our analysis applied first: Chinese words as \
         jieba cuts them (`body_zh`), English stems (`body_en`), e.g. \
         `{{\"query\": {{\"match_phrase\": {{\"body_en\": \"belt and road\"}}}}}}`.\n"
    )
}
