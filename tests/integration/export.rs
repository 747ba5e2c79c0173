//! `export`: the clauses for OpenSearch, Quickwit and Typesense, checked without a server:
//! every line is JSON, `_bulk` pairs alternate, ids are unique, each engine's definition names
//! the fields the data has, the token fields hold our analyzers' tokens, the selection flags
//! export a subset, `--out` keeps to folders of its own, a closed pipe ends it quietly.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value;

use crate::util::{Run, SEED_2013, SEED_2023, Workspace, repo_corpus};

/// The seeds with the shipped user dictionary, so that its words are words.
fn seeds() -> Workspace {
    let ws = Workspace::with_seeds();
    fs::copy(
        repo_corpus().join("userdict.dict"),
        ws.corpus().join("userdict.dict"),
    )
    .unwrap();
    ws
}

fn export(ws: &Workspace, args: &[&str]) -> Run {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    ws.run(&all)
}

fn read_lines(path: &std::path::Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

fn keys(records: &[Value]) -> BTreeSet<String> {
    records
        .iter()
        .flat_map(|r| r.as_object().unwrap().keys().cloned())
        .collect()
}

fn unique_ids(records: &[Value]) {
    let mut seen = HashSet::new();
    for r in records {
        let id = r["id"].as_str().unwrap();
        assert!(seen.insert(id.to_string()), "id {id} twice");
    }
}

#[test]
fn typesense_export_is_jsonl_and_its_schema_names_every_field() {
    let ws = seeds();
    let run = export(&ws, &["--format", "typesense", "--out", "ts"]).expect_code(0);
    let out = ws.path().join("ts");
    // The files written, one per line, for scripts; the summary on stderr.
    let listed: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(listed.len(), 3, "{}", run.stdout);
    assert!(run.stderr.contains("exported"), "{}", run.stderr);
    let records = read_lines(&out.join("documents.jsonl"));
    assert!(records.len() > 50, "{}", records.len());
    unique_ids(&records);
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(out.join("schema.json")).unwrap()).unwrap();
    assert_eq!(schema["name"], "treatysearch");
    let fields = schema["fields"].as_array().unwrap();
    let named: BTreeSet<String> = fields
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    for key in keys(&records) {
        assert!(
            key == "id" || named.contains(&key),
            "{key} is not in the schema"
        );
    }
    for f in fields {
        let name = f["name"].as_str().unwrap();
        if name.starts_with("body_") || name.starts_with("heading_") {
            // Typesense must not cut our words again.
            assert!(f.get("locale").is_none(), "{f}");
            assert_eq!(f["type"], "string");
        }
        // A field every record lacks would be an error of the schema, unless optional.
        if f["optional"] != true {
            assert!(records.iter().all(|r| r.get(name).is_some()), "{name}");
        }
    }
    assert!(
        fs::read_to_string(out.join("LOAD.md"))
            .unwrap()
            .contains("documents/import")
    );
}

#[test]
fn opensearch_bulk_pairs_an_action_with_each_clause_and_the_mapping_names_its_fields() {
    let ws = seeds();
    let run = export(&ws, &["--format", "opensearch"]).expect_code(0);
    let lines = run.json_lines();
    assert!(
        lines.len() > 100 && lines.len().is_multiple_of(2),
        "{}",
        lines.len()
    );
    let mut sources = Vec::new();
    for pair in lines.chunks(2) {
        let action = pair[0].as_object().unwrap();
        assert_eq!(action.len(), 1, "{}", pair[0]);
        let id = pair[0]["index"]["_id"].as_str().expect("an _id");
        assert_eq!(pair[1]["id"], id);
        assert!(pair[1].get("index").is_none());
        sources.push(pair[1].clone());
    }
    unique_ids(&sources);
    // The mapping comes with --out only.
    assert!(!ws.path().join("mapping.json").exists());
    export(&ws, &["--format", "elasticsearch", "--out", "os"]).expect_code(0);
    let mapping: Value =
        serde_json::from_str(&fs::read_to_string(ws.path().join("os/mapping.json")).unwrap())
            .unwrap();
    let analyzer = &mapping["settings"]["analysis"]["analyzer"]["treatysearch_tokens"];
    assert_eq!(analyzer["tokenizer"], "whitespace");
    let properties = mapping["mappings"]["properties"].as_object().unwrap();
    for key in keys(&sources) {
        assert!(properties.contains_key(&key), "{key} is not mapped");
    }
    assert_eq!(properties["body_zh"]["analyzer"], "treatysearch_tokens");
    assert_eq!(properties["body_en"]["index_options"], "positions");
    assert_eq!(properties["doc_id"]["type"], "keyword");
    assert_eq!(properties["parties"]["type"], "keyword");
    assert_eq!(properties["date"]["type"], "date");
    assert_eq!(mapping["mappings"]["dynamic"], "strict");
    // The same clauses with --out as on stdout.
    let bulk = read_lines(&ws.path().join("os/bulk.ndjson"));
    assert_eq!(bulk, lines);
}

#[test]
fn quickwit_config_records_positions_on_the_token_fields_it_names() {
    let ws = seeds();
    export(
        &ws,
        &[
            "--format",
            "quickwit",
            "--out",
            "qw",
            "--name",
            "treaties-1",
        ],
    )
    .expect_code(0);
    let out = ws.path().join("qw");
    let records = read_lines(&out.join("docs.ndjson"));
    unique_ids(&records);
    let config: Value =
        serde_json::from_str(&fs::read_to_string(out.join("index-config.json")).unwrap()).unwrap();
    assert_eq!(config["index_id"], "treaties-1");
    assert_eq!(config["doc_mapping"]["mode"], "strict");
    let mappings = config["doc_mapping"]["field_mappings"].as_array().unwrap();
    let field = |name: &str| {
        mappings
            .iter()
            .find(|m| m["name"] == name)
            .unwrap_or_else(|| panic!("{name} is not in the doc mapping"))
    };
    for key in keys(&records) {
        field(&key);
    }
    for name in ["body_zh", "body_en", "heading_zh", "heading_en"] {
        assert_eq!(field(name)["tokenizer"], "whitespace");
        assert_eq!(field(name)["record"], "position");
    }
    assert_eq!(field("body_zh_bigram")["tokenizer"], "whitespace");
    let searched = config["search_settings"]["default_search_fields"]
        .as_array()
        .unwrap();
    assert!(searched.iter().any(|f| f == "body_zh"));
    assert!(
        fs::read_to_string(out.join("LOAD.md"))
            .unwrap()
            .contains("quickwit index ingest --index treaties-1")
    );
}

#[test]
fn token_fields_hold_the_words_stems_and_bigrams_of_our_analyzers() {
    let ws = seeds();
    let records = export(&ws, &["--format", "typesense"])
        .expect_code(0)
        .json_lines();
    let tokens = |r: &Value, f: &str| -> Vec<String> {
        r[f].as_str()
            .unwrap_or_else(|| panic!("{} lacks {f}", r["id"]))
            .split(' ')
            .map(str::to_string)
            .collect()
    };
    // Chinese: the user dictionary's word whole, its parts as bigrams, no English field.
    let zh = records
        .iter()
        .find(|r| r["lang"] == "zh" && r["text"].as_str().unwrap().contains("建立全面战略伙伴关系"))
        .expect("the Chinese seed's clause");
    assert!(
        tokens(zh, "body_zh").contains(&"全面战略伙伴关系".to_string()),
        "{}",
        zh["body_zh"]
    );
    assert!(tokens(zh, "body_zh_bigram").contains(&"伙伴".to_string()));
    assert!(zh.get("body_en").is_none());
    // No punctuation in the tokens, and single spaces between them.
    for f in ["body_zh", "body_zh_bigram"] {
        assert!(
            tokens(zh, f)
                .iter()
                .all(|t| !t.is_empty() && t.chars().all(char::is_alphanumeric)),
            "{}",
            zh[f]
        );
    }
    // English: stems, lower case.
    let en = records
        .iter()
        .find(|r| r["lang"] == "en" && r["text"].as_str().unwrap().contains("cooperation"))
        .expect("an English clause on cooperation");
    let stems = tokens(en, "body_en");
    assert!(stems.contains(&"cooper".to_string()), "{stems:?}");
    assert!(
        !stems.iter().any(|t| t.contains("cooperation")),
        "{stems:?}"
    );
    assert!(en.get("body_zh").is_none());
    // The query finds what the export holds: a stem of the export is a word of the index.
    ws.run(&["query", "--strict", "--doc", SEED_2023, "cooper"])
        .expect_code(0);
}

#[test]
fn every_field_a_clause_shows_is_exported() {
    let ws = seeds();
    let records = export(&ws, &["--format", "typesense", "--doc", SEED_2013])
        .expect_code(0)
        .json_lines();
    let shown = ws
        .run(&["show", SEED_2013, "--json"])
        .expect_code(0)
        .json_lines();
    let doc = shown
        .iter()
        .find(|l| l["type"] == "document")
        .expect("a document line");
    let r = &records[0];
    assert_eq!(r["doc_id"], SEED_2013);
    assert_eq!(r["title"], doc["data"]["title"]);
    assert_eq!(r["lang"], "zh");
    assert_eq!(r["date"], "2013-07-16");
    assert_eq!(r["day"], 20130716);
    assert_eq!(r["dates"]["signed"], "2013-07-16");
    assert!(
        r["parties"].as_array().unwrap().len() >= 2,
        "{}",
        r["parties"]
    );
    assert!(r["line"].as_u64().unwrap() >= 1);
    assert!(records.iter().any(|r| r.get("article_number").is_some()));
    assert!(
        records
            .iter()
            .all(|r| r["kind"].is_string() && r["part"].is_string())
    );
}

#[test]
fn the_selection_flags_export_a_subset() {
    let ws = seeds();
    let all = export(&ws, &["--format", "quickwit"])
        .expect_code(0)
        .json_lines();
    let zh = export(&ws, &["--format", "quickwit", "--lang", "zh"])
        .expect_code(0)
        .json_lines();
    assert!(!zh.is_empty() && zh.len() < all.len());
    assert!(zh.iter().all(|r| r["lang"] == "zh"));
    let since = export(&ws, &["--format", "quickwit", "--since", "2020"])
        .expect_code(0)
        .json_lines();
    assert!(!since.is_empty() && since.len() < all.len());
    assert!(since.iter().all(|r| r["doc_id"] == SEED_2023));
    let doc = export(&ws, &["--format", "quickwit", "--doc", "004"])
        .expect_code(0)
        .json_lines();
    assert_eq!(doc.len(), since.len());
    // Nothing selected: no line, exit 1, said on stderr.
    let none = export(&ws, &["--format", "quickwit", "--since", "2090"]).expect_code(1);
    assert!(none.stdout.is_empty());
    assert!(
        none.stderr.contains("exported 0 clauses"),
        "{}",
        none.stderr
    );
    // What the flags cannot mean is refused before any work, on one line.
    for args in [
        &["--format", "quickwit", "--party", "Atlantis"][..],
        &["--format", "quickwit", "--since", "2020", "--until", "2010"],
        &["--format", "quickwit", "-x"],
        &["--format", "quickwit", "--name", "Bad Name"],
        &["--format", "quickwit", "--name", "ab"],
        &["--format", "solr"],
    ] {
        let run = export(&ws, args).expect_code(2);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.trim_start().starts_with("treatysearch") || run.stderr.contains("error"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn out_refuses_a_folder_it_did_not_make_and_reuses_its_own() {
    let ws = seeds();
    ws.write("theirs/notes.txt", "mine");
    let run = export(&ws, &["--format", "typesense", "--out", "theirs"]).expect_code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("treatysearch: "), "{}", run.stderr);
    assert!(run.stderr.contains("notes.txt"), "{}", run.stderr);
    let names: Vec<_> = fs::read_dir(ws.path().join("theirs")).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing may be added to a folder not ours");
    // Refused before the index is built.
    assert!(!ws.index().exists());
    // Not inside the corpus (it would be read as documents), nor the index folder itself.
    export(&ws, &["--format", "typesense", "--out", "corpus/export"]).expect_code(2);
    assert!(!ws.corpus().join("export").exists());
    export(&ws, &["--format", "typesense", "--out", "index"]).expect_code(2);
    // Our own folder: written again, a user's file in it left alone.
    export(&ws, &["--format", "typesense", "--out", "ours"]).expect_code(0);
    ws.write("ours/notes.txt", "mine");
    export(
        &ws,
        &["--format", "typesense", "--out", "ours", "--lang", "en"],
    )
    .expect_code(0);
    assert_eq!(
        fs::read_to_string(ws.path().join("ours/notes.txt")).unwrap(),
        "mine"
    );
    let records = read_lines(&ws.path().join("ours/documents.jsonl"));
    assert!(records.iter().all(|r| r["lang"] == "en"));
    // No temporary file is left behind.
    let left: Vec<String> = fs::read_dir(ws.path().join("ours"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // A file where the folder should be.
    ws.write("file", "x");
    export(&ws, &["--format", "typesense", "--out", "file"]).expect_code(2);
}

#[test]
fn a_closed_pipe_ends_the_export_quietly() {
    let ws = seeds();
    // Built first, so that the pipe closes while clauses are written.
    ws.run(&["index"]).expect_code(0);
    let mut child = ws
        .command(&["export", "--format", "opensearch"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"index\""), "{first}");
    // The reader is gone: the rest (over 100 KB, more than a pipe holds) cannot be written.
    let run = Workspace::finish(child);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("treatysearch: "), "{}", run.stderr);
}
