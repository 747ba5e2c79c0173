//! The JSON contract of `query --json`, held with `deny_unknown_fields`: a renamed, removed or
//! added field fails here first (after ripgrep's tests/json.rs).

use serde::Deserialize;

use crate::util::Workspace;

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum Message {
    Hit(Box<Hit>),
    Summary(Summary),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hit {
    rank: usize,
    score: f64,
    doc: Doc,
    article: Article,
    clause: usize,
    line: usize,
    text: String,
    highlights: Vec<[usize; 2]>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    id: String,
    title: String,
    lang: String,
    date: Option<String>,
    path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Article {
    label: Option<String>,
    number: Option<String>,
    part: String,
    path: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    query: String,
    hits: usize,
    returned: usize,
    offset: usize,
    elapsed_ms: f64,
    expansion: Option<Expansion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expansion {
    query: String,
    terms: Vec<ExpandedTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpandedTerm {
    term: String,
    to: Vec<String>,
}

fn messages(ws: &Workspace, query: &str) -> Vec<Message> {
    let run = ws.run(&["query", "--json", query]).expect_code(0);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn hits_then_one_summary_with_every_field() {
    let ws = Workspace::with_seeds();
    let msgs = messages(&ws, "Belt and Road");
    let (last, hits) = msgs.split_last().unwrap();
    let Message::Summary(summary) = last else {
        panic!("last line must be the summary")
    };
    assert_eq!(summary.query, "Belt and Road");
    assert_eq!((summary.hits, summary.returned, summary.offset), (3, 3, 0));
    assert!(summary.elapsed_ms >= 0.0);
    assert!(summary.expansion.is_none());
    for (i, m) in hits.iter().enumerate() {
        let Message::Hit(hit) = m else {
            panic!("hits come before the summary")
        };
        assert_eq!(hit.rank, i + 1);
        assert!(hit.score > 0.0);
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
    }
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
        expansion.terms[0].term,
        "comprehensive strategic partnership"
    );
    assert_eq!(expansion.terms[0].to, ["全面战略伙伴关系"]);
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
