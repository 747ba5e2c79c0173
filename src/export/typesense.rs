//! Typesense: the collection schema (`POST /collections`) and the JSONL of
//! `documents/import`.
//!
//! Typesense cuts a string field on spaces and drops the punctuation left (it keeps letters,
//! digits and Han characters: ours are all there is). A field with `locale: zh` would be cut
//! again by Typesense's own segmenter, so the token fields have no locale: each of our words
//! stays one term. Typesense has no date type: `day` (`yyyymmdd`) is the number to filter and
//! sort on; `dates` is stored, not indexed.

use serde_json::{Value, json};

use super::record::{FIELDS, Kind};

/// The data file of an `--out` folder.
pub const DATA: &str = "documents.jsonl";
/// The collection schema of an `--out` folder.
pub const SCHEMA: &str = "schema.json";

/// The schema of a collection named `collection`.
pub fn schema(collection: &str) -> String {
    let fields: Vec<Value> = FIELDS
        .iter()
        // Typesense takes the document's `id` as its own, without a schema entry.
        .filter(|f| f.name != "id")
        .map(|f| {
            let name = f.name;
            let optional = !f.always;
            match f.kind {
                Kind::Keyword => {
                    json!({"name": name, "type": "string", "facet": true, "optional": optional})
                }
                Kind::Keywords => {
                    json!({"name": name, "type": "string[]", "facet": true, "optional": true})
                }
                Kind::Display | Kind::Day => {
                    json!({"name": name, "type": "string", "index": false, "optional": true})
                }
                Kind::Tokens { .. } => json!({"name": name, "type": "string", "optional": true}),
                Kind::Number => json!({"name": name, "type": "int64", "optional": optional}),
                Kind::Dates => {
                    json!({"name": name, "type": "object", "index": false, "optional": true})
                }
            }
        })
        .collect();
    let body = json!({
        "name": collection,
        "enable_nested_fields": true,
        "fields": fields,
    });
    serde_json::to_string_pretty(&body).unwrap_or_default() + "\n"
}

/// How to load an `--out` folder.
pub fn load(collection: &str) -> String {
    format!(
        "# Loading this export into Typesense\n\n\
         Made by `treatysearch export --format typesense`. `{SCHEMA}` creates the collection \
         (no `locale` on the token fields: Typesense must not cut our words again); `{DATA}` \
         one clause per line.\n\n\
         ```sh\n\
         curl -sS -X POST 'http://localhost:8108/collections' -H \"X-TYPESENSE-API-KEY: $KEY\" \
         -H 'Content-Type: application/json' --data-binary @{SCHEMA}\n\
         curl -sS -X POST 'http://localhost:8108/collections/{collection}/documents/import?action=upsert' \
         -H \"X-TYPESENSE-API-KEY: $KEY\" -H 'Content-Type: text/plain' --data-binary @{DATA} \
         | grep -v '\"success\":true' | head\n\
         ```\n\n\
         Search the token fields with our analysis applied first, every word required: \
         `q=<tokens>&query_by=body_zh,body_en&prefix=false&num_typos=0&drop_tokens_threshold=0`; \
         a phrase is `q=\"<tokens>\"`.\n"
    )
}
