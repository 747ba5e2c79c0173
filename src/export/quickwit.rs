//! Quickwit: the index config (doc mapping with the whitespace tokenizer on our token fields,
//! `record: position` where phrases are matched) and the NDJSON of `quickwit index ingest`.

use serde_json::{Value, json};

use super::record::{FIELDS, Kind, SEARCHED};

/// The data file of an `--out` folder.
pub const DATA: &str = "docs.ndjson";
/// The index config of an `--out` folder (Quickwit reads JSON as well as YAML).
pub const SCHEMA: &str = "index-config.json";

/// The index config for an index named `index`.
pub fn config(index: &str) -> String {
    let mappings: Vec<Value> = FIELDS
        .iter()
        .map(|f| {
            let name = f.name;
            match f.kind {
                Kind::Keyword => {
                    json!({"name": name, "type": "text", "tokenizer": "raw", "fast": true})
                }
                Kind::Keywords => json!({"name": name, "type": "array<text>", "tokenizer": "raw"}),
                Kind::Display => json!({"name": name, "type": "text", "indexed": false}),
                Kind::Tokens { positions } => json!({
                    "name": name,
                    "type": "text",
                    "tokenizer": "whitespace",
                    "record": if positions { "position" } else { "basic" },
                    "fieldnorms": true,
                }),
                Kind::Day => json!({
                    "name": name,
                    "type": "datetime",
                    // A date alone is read as midnight UTC.
                    "input_formats": ["%Y-%m-%d"],
                    "fast": true,
                }),
                Kind::Number => json!({"name": name, "type": "u64", "fast": true}),
                Kind::Dates => json!({"name": name, "type": "json", "tokenizer": "raw"}),
            }
        })
        .collect();
    let body = json!({
        "version": "0.8",
        "index_id": index,
        "doc_mapping": {
            "mode": "strict",
            "field_mappings": mappings,
        },
        "search_settings": {
            "default_search_fields": SEARCHED,
        },
    });
    serde_json::to_string_pretty(&body).unwrap_or_default() + "\n"
}

/// How to load an `--out` folder.
pub fn load(index: &str) -> String {
    format!(
        "# Loading this export into Quickwit\n\n\
         Made by `treatysearch export --format quickwit`. `{SCHEMA}` is the index config \
         (whitespace tokenizer and positions on the token fields); `{DATA}` one clause per \
         line.\n\n\
         ```sh\n\
         quickwit index create --index-config {SCHEMA}\n\
         quickwit index ingest --index {index} --input-path {DATA} --force\n\
         quickwit index search --index {index} --query 'body_en:\"belt and road\"'\n\
         ```\n\n\
         Query the token fields with our analysis applied first: Chinese words as jieba cuts \
         them (`body_zh`), English stems (`body_en`).\n"
    )
}
