//! The JSON contract of `query --json`, held with `deny_unknown_fields`: a renamed, removed or
//! added field fails here first (after ripgrep's tests/json.rs). And the JSON Schemas of every
//! command in `docs/schema/`: regenerated from the types and compared with the checked-in
//! files, and every command's output on the shipped corpus validated against them.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::util::{SEED_2023, Workspace};

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum Message {
    Hit(Box<Hit>),
    Summary(Box<Summary>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hit {
    rank: usize,
    score: f64,
    doc: Doc,
    article: Article,
    clause: usize,
    paragraph: Option<usize>,
    line: usize,
    kind: String,
    heading: Option<String>,
    text: String,
    highlights: Vec<[usize; 2]>,
    highlights_chars: Vec<[usize; 2]>,
    identical_count: usize,
    identical: Vec<Identical>,
    explain: Option<Explain>,
}

/// Another clause with a hit's text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Identical {
    pub(crate) doc: Doc,
    pub(crate) line: usize,
}

/// `hit.explain` (`query --explain`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Explain {
    bm25: f64,
    words: Vec<WordPart>,
    window: Option<u32>,
    window_unit: String,
    located: usize,
    in_text: usize,
    coverage: f64,
    proximity: f64,
    tokens: u32,
    length: f64,
    heading_words: usize,
    structure: f64,
    kind: f64,
    score: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WordPart {
    word: String,
    field: String,
    score: f64,
}

/// `--explain` adds what made each score, and its product is the score; without it,
/// `explain` is `null`.
#[test]
fn explain_is_null_unless_asked_and_multiplies_to_the_score() {
    let ws = Workspace::with_seeds();
    let parse = |run: crate::util::Run| -> Vec<Hit> {
        run.stdout
            .lines()
            .filter_map(|l| match serde_json::from_str(l) {
                Ok(Message::Hit(h)) => Some(*h),
                Ok(_) => None,
                Err(e) => panic!("{e}: {l}"),
            })
            .collect()
    };
    let plain = parse(ws.run(&["query", "--json", "cooperation"]).expect_code(0));
    assert!(!plain.is_empty());
    assert!(plain.iter().all(|h| h.explain.is_none()));
    let explained = parse(
        ws.run(&["query", "--json", "--explain", "cooperation"])
            .expect_code(0),
    );
    assert_eq!(explained.len(), plain.len());
    for hit in &explained {
        let e = hit.explain.as_ref().expect("explain");
        let product = e.bm25 * e.coverage * e.proximity * e.length * e.structure * e.kind;
        assert!((product - e.score).abs() < 0.01, "{e:?}");
        assert!((e.score - hit.score).abs() < 0.01, "{e:?}");
        assert!(
            e.words
                .iter()
                .any(|w| w.word == "cooper" && w.field == "body"),
            "{e:?}"
        );
    }
}

/// The `doc` object of every message that names a document (shared with `json_analysis`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Doc {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) lang: String,
    pub(crate) date: Option<String>,
    pub(crate) path: String,
}

/// The `article` object of every message that places a clause.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Article {
    pub(crate) label: Option<String>,
    pub(crate) number: Option<String>,
    pub(crate) part: String,
    pub(crate) path: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    command: String,
    query: String,
    hit_count: usize,
    distinct_count: usize,
    collapsed: bool,
    returned: usize,
    offset: usize,
    elapsed_ms: f64,
    expansion: Option<Expansion>,
    relaxed: Option<Relaxed>,
}

/// A word of a relaxed query and the other forms it accepted.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NearForms {
    pub(crate) word: String,
    pub(crate) forms: Vec<String>,
}

/// How a query was relaxed when all its words found little.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Relaxed {
    pub(crate) words: Vec<String>,
    pub(crate) near_forms: Vec<NearForms>,
    pub(crate) required: Vec<String>,
    pub(crate) dropped: Vec<String>,
    pub(crate) all_count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expansion {
    query: String,
    pairs: Vec<Pair>,
}

/// A glossary pair, wherever one is printed.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Pair {
    pub(crate) zh: String,
    pub(crate) en: String,
}

fn messages(ws: &Workspace, query: &str) -> Vec<Message> {
    let run = ws.run(&["query", "--json", query]).expect_code(0);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The paragraph a hit gives is the one `similar DOC ARTICLE PARAGRAPH` takes: the source
/// it names is the hit's own clause, for every hit.
#[test]
fn hit_paragraph_is_the_one_similar_takes() {
    let ws = Workspace::with_seeds();
    let msgs = messages(&ws, "cooperation");
    let hits: Vec<&Hit> = msgs
        .iter()
        .filter_map(|m| match m {
            Message::Hit(h) => Some(h.as_ref()),
            _ => None,
        })
        .collect();
    assert!(hits.len() >= 5, "{} hits", hits.len());
    let mut checked = 0;
    for hit in hits {
        let (Some(number), Some(paragraph)) = (&hit.article.number, hit.paragraph) else {
            continue;
        };
        let run = ws.run(&[
            "similar",
            "--json",
            &hit.doc.id,
            number,
            &paragraph.to_string(),
        ]);
        let source: Value = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|v| v["type"] == "source")
            .unwrap_or_else(|| panic!("no source line: {}", run.stdout));
        assert_eq!(
            source["data"]["text"],
            hit.text.as_str(),
            "art. {number} ¶{paragraph}"
        );
        assert_eq!(source["data"]["paragraph"], paragraph);
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} hits had a paragraph");
}

/// A heading line, a lead-in stub, a hard-wrapped sentence and the clauses under a titled
/// heading, as hits show them: `kind` says which is which, `heading` carries the title words
/// without the number, and the wrapped lines are one clause (the exact source text, its first
/// line), shown on one line by the text printer.
#[test]
fn hits_carry_their_kind_the_title_of_their_heading_and_their_whole_paragraph() {
    let ws = Workspace::empty();
    ws.write(
        "corpus/treaty.txt",
        "Free Trade Agreement between Aldoria and Borduria\n\n\
         ARTICLE 7.1: Anti-Competitive Business Conduct\n\n\
         Each Party shall maintain or adopt competition laws that proscribe\n\
         anti-competitive business conduct, with the objective of promoting\n\
         economic efficiency and consumer welfare.\n\n\
         ARTICLE 7.2: Definitions\n\n\
         For the purposes of this Chapter:\n\n\
         (a) \"competition authority\" means the national authority.\n",
    );
    let hits = |query: &str| -> Vec<Hit> {
        messages(&ws, query)
            .into_iter()
            .filter_map(|m| match m {
                Message::Hit(h) => Some(*h),
                _ => None,
            })
            .collect()
    };
    // Words of the first and the last of the wrapped lines: one clause holds them all.
    let wrapped = hits("proscribe welfare");
    assert_eq!(wrapped.len(), 1, "{wrapped:?}");
    let w = &wrapped[0];
    assert_eq!(
        w.text,
        "Each Party shall maintain or adopt competition laws that proscribe\n\
         anti-competitive business conduct, with the objective of promoting\n\
         economic efficiency and consumer welfare."
    );
    assert_eq!(
        (w.kind.as_str(), w.heading.as_deref(), w.line),
        ("body", Some("Anti-Competitive Business Conduct"), 5)
    );
    let found = hits("competition");
    let definition = found
        .iter()
        .find(|h| h.text.starts_with("(a)"))
        .expect("the definition");
    assert_eq!(
        (definition.kind.as_str(), definition.heading.as_deref()),
        ("body", Some("Definitions"))
    );
    let heading = hits("anti-competitive business conduct");
    let line = heading
        .iter()
        .find(|h| h.text.starts_with("ARTICLE 7.1"))
        .expect("the heading line is a clause");
    assert_eq!(
        (line.kind.as_str(), line.heading.as_deref(), line.line),
        ("heading", Some("Anti-Competitive Business Conduct"), 3)
    );
    let stub = hits("purposes");
    assert_eq!(
        (
            stub[0].kind.as_str(),
            stub[0].heading.as_deref(),
            stub[0].line
        ),
        ("stub", Some("Definitions"), 11)
    );
    // The text printer shows the joined clause on one line.
    let text = ws
        .run(&["query", "--color", "never", "proscribe welfare"])
        .expect_code(0)
        .stdout;
    assert!(
        text.lines()
            .any(|l| l.contains("that proscribe anti-competitive business conduct, with")),
        "{text}"
    );
    assert!(!text.contains("\\n"), "{text}");
}

#[test]
fn hits_then_one_summary_with_every_field() {
    let ws = Workspace::with_seeds();
    let msgs = messages(&ws, "Belt and Road");
    let (last, hits) = msgs.split_last().unwrap();
    let Message::Summary(summary) = last else {
        panic!("last line must be the summary")
    };
    assert_eq!(summary.command, "query");
    assert_eq!(summary.query, "Belt and Road");
    assert_eq!(
        (summary.hit_count, summary.returned, summary.offset),
        (3, 3, 0)
    );
    assert_eq!((summary.distinct_count, summary.collapsed), (3, true));
    assert!(summary.elapsed_ms >= 0.0);
    assert!(summary.expansion.is_none());
    assert!(summary.relaxed.is_none());
    for (i, m) in hits.iter().enumerate() {
        let Message::Hit(hit) = m else {
            panic!("hits come before the summary")
        };
        assert_eq!(hit.rank, i + 1);
        assert!(hit.score > 0.0);
        assert_eq!(hit.identical_count, 0);
        assert!(hit.identical.is_empty());
        assert_eq!(hit.doc.lang, "en");
        assert_eq!(hit.doc.date.as_deref(), Some("2023-03-01"));
        assert!(hit.doc.path.ends_with("004_ef6e819d78f3d240.txt"));
        assert!(!hit.doc.title.is_empty() && !hit.doc.id.is_empty());
        assert_eq!(hit.article.part, "article");
        assert!(
            hit.article.label.as_deref().unwrap_or("").is_empty() || hit.article.label.is_some()
        );
        assert!(hit.article.number.is_some());
        assert_eq!(hit.article.path, [hit.article.label.clone().unwrap()]);
        assert!(hit.line > 1 && hit.clause > 0);
        let lit: Vec<&str> = hit
            .highlights
            .iter()
            .map(|&[s, e]| &hit.text[s..e])
            .collect();
        assert!(lit.contains(&"Belt and Road"), "{lit:?}");
        // `8、` before the match: the code-point spans start 2 before the byte spans.
        let chars: Vec<char> = hit.text.chars().collect();
        for (&[s, e], &[cs, ce]) in hit.highlights.iter().zip(&hit.highlights_chars) {
            assert_eq!(chars[cs..ce].iter().collect::<String>(), hit.text[s..e]);
            assert_eq!(s - cs, hit.text[..s].len() - hit.text[..s].chars().count());
        }
    }
}

/// A relaxed query's summary and a hit standing for identical clauses, field by field.
#[test]
fn relaxed_summary_and_identical_copies_have_their_fields() {
    let ws = Workspace::empty();
    for name in ["a", "b"] {
        ws.write(
            &format!("corpus/{name}.txt"),
            "Statement\n\n1. The parties oppose unilateral sanctions.\n",
        );
    }
    let msgs = messages(&ws, "unilateral sanctions zeppelin");
    let [Message::Hit(hit), Message::Summary(summary)] = msgs.as_slice() else {
        panic!("one hit and the summary: {msgs:?}")
    };
    assert_eq!(hit.identical_count, 1);
    let copy = &hit.identical[0];
    assert_ne!(copy.doc.id, hit.doc.id);
    assert_eq!(copy.line, hit.line);
    assert_eq!(
        (summary.hit_count, summary.distinct_count, summary.collapsed),
        (2, 1, true)
    );
    let relaxed = summary.relaxed.as_ref().expect("relaxed");
    assert_eq!(relaxed.words, ["unilateral", "sanctions", "zeppelin"]);
    assert!(relaxed.near_forms.is_empty());
    assert_eq!(relaxed.required, ["unilateral", "sanctions"]);
    assert_eq!(relaxed.dropped, ["zeppelin"]);
    assert_eq!(relaxed.all_count, 0);

    ws.write("corpus/c.txt", "声明\n\n一、双方反对单方面制裁。\n");
    let msgs = messages(&ws, "单边 制裁");
    let Some(Message::Summary(summary)) = msgs.last() else {
        panic!("the summary last")
    };
    let near = &summary.relaxed.as_ref().expect("relaxed").near_forms;
    assert_eq!(near[0].word, "单边");
    assert!(near[0].forms.contains(&"单方面".to_string()), "{near:?}");
}

#[test]
fn chinese_highlights_are_exact_byte_spans() {
    let ws = Workspace::with_seeds();
    for m in messages(&ws, "一个中国") {
        if let Message::Hit(hit) = m {
            assert_eq!(hit.doc.lang, "zh");
            assert_eq!(hit.doc.date.as_deref(), Some("2013-07-16"));
            for [s, e] in &hit.highlights {
                assert!(s < e && *e <= hit.text.len());
                assert!(hit.text.is_char_boundary(*s) && hit.text.is_char_boundary(*e));
            }
            let lit: Vec<&str> = hit
                .highlights
                .iter()
                .map(|&[s, e]| &hit.text[s..e])
                .collect();
            assert!(lit.contains(&"一个中国"), "{lit:?}");
            // The same spans in code points, as Python indexes a `str`.
            let chars: Vec<char> = hit.text.chars().collect();
            assert_eq!(hit.highlights_chars.len(), hit.highlights.len());
            for (&[s, e], &[cs, ce]) in hit.highlights.iter().zip(&hit.highlights_chars) {
                assert_eq!(chars[cs..ce].iter().collect::<String>(), hit.text[s..e]);
                assert!(cs < s, "a Chinese clause takes 3 bytes a character");
            }
        }
    }
}

#[test]
fn unknown_values_are_null_not_missing() {
    let ws = Workspace::empty();
    ws.write(
        "corpus/undated.txt",
        "A note without a date\n\nIt says something about zeppelins.\n",
    );
    let run = ws.run(&["query", "--json", "zeppelins"]).expect_code(0);
    let first: serde_json::Value =
        serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert!(first["data"]["doc"]["date"].is_null());
    assert!(first["data"]["article"]["number"].is_null());
    assert_eq!(first["data"]["article"]["part"], "preamble");
}

#[test]
fn cross_lingual_summary_names_the_expansion() {
    let ws = Workspace::with_seeds();
    let run = ws
        .run(&[
            "query",
            "--json",
            "-x",
            "comprehensive strategic partnership",
        ])
        .expect_code(0);
    let msgs: Vec<Message> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let Some(Message::Summary(summary)) = msgs.last() else {
        panic!("summary last")
    };
    let expansion = summary.expansion.as_ref().expect("an expansion with -x");
    assert_eq!(
        expansion.pairs,
        [Pair {
            zh: "全面战略伙伴关系".into(),
            en: "comprehensive strategic partnership".into()
        }]
    );
    assert!(expansion.query.contains("全面战略伙伴关系"));
    let langs: std::collections::BTreeSet<String> = msgs
        .iter()
        .filter_map(|m| match m {
            Message::Hit(h) => Some(h.doc.lang.clone()),
            Message::Summary(_) => None,
        })
        .collect();
    assert_eq!(langs.into_iter().collect::<Vec<_>>(), ["en", "zh"]);
}

#[test]
fn glossary_pairs_keep_their_sides_whatever_the_query_language() {
    let ws = Workspace::with_seeds();
    let run = ws.run(&["query", "--json", "-x", "借口"]).expect_code(0);
    let summary = run.json_lines().pop().unwrap();
    assert_eq!(
        summary["data"]["expansion"]["pairs"],
        serde_json::json!([{"zh": "借口", "en": "pretext"}])
    );
}

/// `docs/schema/` of the repository.
fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema")
}

fn pretty(schema: &Value) -> String {
    serde_json::to_string_pretty(schema).unwrap() + "\n"
}

#[test]
fn checked_in_schemas_match_the_types() {
    let bless = std::env::var_os("TREATYSEARCH_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    let schemas = treatysearch::output::schema::schemas();
    assert_eq!(schemas.len(), 13, "one schema per command with --json");
    for (command, schema) in &schemas {
        let path = schema_dir().join(format!("{command}.json"));
        let want = pretty(schema);
        if fs::read_to_string(&path).ok().as_deref() == Some(want.as_str()) {
            continue;
        }
        if bless {
            fs::create_dir_all(schema_dir()).unwrap();
            fs::write(&path, want).unwrap();
        } else {
            stale.push(format!("docs/schema/{command}.json"));
        }
    }
    let known: Vec<String> = schemas.iter().map(|(c, _)| format!("{c}.json")).collect();
    for entry in fs::read_dir(schema_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            known.contains(&name),
            "docs/schema/{name} is not the schema of any command"
        );
    }
    assert!(
        stale.is_empty(),
        "the JSON output changed: {} no longer match the types that print it. If the change is \
         meant (fields may be added, never renamed or removed), write them again with \
         `TREATYSEARCH_BLESS=1 cargo test --test integration json::checked_in` and commit them.",
        stale.join(", ")
    );
}

/// The checked-in schema of `command`.
fn validator(command: &str) -> jsonschema::Validator {
    let path = schema_dir().join(format!("{command}.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{command}.json: {e}"))
}

/// The errors of `line` against the schema (empty when it is valid).
fn errors(validator: &jsonschema::Validator, line: &Value) -> Vec<String> {
    validator
        .iter_errors(line)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_command_prints_what_its_schema_says() {
    let ws = Workspace::with_seeds();
    let seed = format!("corpus/{SEED_2023}.txt");
    let runs: Vec<(&str, Vec<&str>, &str)> = vec![
        ("query", vec!["query", "--json", "Belt and Road"], "query"),
        (
            "query",
            vec!["query", "--json", "--explain", "Belt and Road"],
            "query",
        ),
        (
            "query",
            vec!["query", "--json", "-x", "借口", "干涉"],
            "query",
        ),
        (
            "query",
            vec!["query", "--json", "-n", "0", "cooperation"],
            "query",
        ),
        ("parse", vec!["parse", "--json", &seed], "parse"),
        ("list", vec!["list", "--json"], "list"),
        ("show", vec!["show", "--json", "000"], "show"),
        ("show", vec!["show", "--json", "004", "7"], "show"),
        (
            "similar",
            vec!["similar", "--json", "004", "2", "1"],
            "similar",
        ),
        (
            "similar",
            vec!["similar", "--json", "000", "3", "3", "--cross-lingual"],
            "similar",
        ),
        (
            "similar",
            vec![
                "similar",
                "--json",
                "--text",
                "内政 干涉 借口",
                "--cross-lingual",
            ],
            "similar",
        ),
        (
            "timeline",
            vec!["timeline", "--json", "cooperation"],
            "timeline",
        ),
        (
            "timeline",
            vec!["timeline", "--json", "一带一路"],
            "timeline",
        ),
        (
            "compare",
            vec!["compare", "--json", "004:2", "004:3:1"],
            "compare",
        ),
        ("stats", vec!["stats", "--json"], "stats"),
    ];
    let mut types = std::collections::BTreeSet::new();
    for (command, args, name) in runs {
        let validator = validator(command);
        let run = ws.run(&args);
        assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
        let lines = run.json_lines();
        assert!(!lines.is_empty(), "{args:?} printed nothing");
        for line in &lines {
            let errs = errors(&validator, line);
            assert!(errs.is_empty(), "{args:?}: {line}\n{}", errs.join("\n"));
            types.insert(format!("{command}/{}", line["type"].as_str().unwrap()));
        }
        let last = lines.last().unwrap();
        assert_eq!(last["type"], "summary", "{args:?} ends with its summary");
        assert_eq!(last["data"]["command"], name);
    }
    // Every message type of every command was seen at least once.
    for t in [
        "query/hit",
        "parse/document",
        "list/document",
        "show/document",
        "show/clause",
        "similar/source",
        "similar/match",
        "timeline/year",
        "compare/compare",
    ] {
        assert!(types.contains(t), "{t} not seen in {types:?}");
    }
}

#[test]
fn a_renamed_or_missing_field_fails_the_schema() {
    let ws = Workspace::with_seeds();
    let validator = validator("query");
    let lines = ws
        .run(&["query", "--json", "Belt and Road"])
        .expect_code(0)
        .json_lines();
    let hit = lines[0].clone();
    assert!(errors(&validator, &hit).is_empty());
    let mut renamed = hit.clone();
    let data = renamed["data"].as_object_mut().unwrap();
    let value = data.remove("clause").unwrap();
    data.insert("index".into(), value);
    assert!(
        !errors(&validator, &renamed).is_empty(),
        "clause → index must fail"
    );
    let mut old_doc = hit.clone();
    old_doc["data"]["doc"] = Value::String("004".into());
    assert!(
        !errors(&validator, &old_doc).is_empty(),
        "a bare id for doc must fail"
    );
    let mut summary = lines.last().unwrap().clone();
    summary["data"]["command"] = Value::String("list".into());
    assert!(
        !errors(&validator, &summary).is_empty(),
        "another command's summary must fail"
    );
}
