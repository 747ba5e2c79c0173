//! The relevance judgments are data that evaluations trust: the graded set is checked for shape,
//! and (where the development corpora are present) every judged clause for being in its file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Graded {
    note: String,
    grades: serde_json::Map<String, serde_json::Value>,
    matching: String,
    split: String,
    queries: Vec<GradedQuery>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GradedQuery {
    id: String,
    query: String,
    lang: String,
    need: String,
    judgments: Vec<Judgment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Judgment {
    doc: String,
    line: usize,
    text: String,
    grade: u8,
    chars: usize,
    #[serde(default)]
    note: Option<String>,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn graded() -> Graded {
    let text = std::fs::read_to_string(repo().join("tests/relevance/graded.json")).unwrap();
    serde_json::from_str(&text).expect("tests/relevance/graded.json has the documented shape")
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn the_graded_set_has_the_shape_its_evaluations_expect() {
    let set = graded();
    assert!(!set.note.is_empty() && !set.matching.is_empty() && !set.split.is_empty());
    assert_eq!(
        set.grades.keys().collect::<Vec<_>>(),
        ["0", "1", "2"],
        "grades 0, 1, 2 are described"
    );
    assert!(set.queries.len() >= 80, "{} queries", set.queries.len());
    let zh = set.queries.iter().filter(|q| q.lang == "zh").count();
    assert!(
        2 * zh >= set.queries.len(),
        "half the queries are Chinese: {zh}"
    );
    let mut ids = HashSet::new();
    for (i, q) in set.queries.iter().enumerate() {
        assert_eq!(
            q.id,
            format!("g{:02}", i + 1),
            "ids are g01, g02, … in order"
        );
        assert!(ids.insert(&q.id));
        assert!(
            q.lang == "zh" || q.lang == "en",
            "{}: lang {}",
            q.id,
            q.lang
        );
        assert_eq!(
            has_han(&q.query),
            q.lang == "zh",
            "{}: lang of {:?}",
            q.id,
            q.query
        );
        assert!(q.need.len() > 10, "{}: the need is stated", q.id);
        let mut places = HashSet::new();
        for j in &q.judgments {
            assert!(j.grade <= 2, "{}: grade {}", q.id, j.grade);
            assert!(
                j.line >= 1 && !j.text.trim().is_empty(),
                "{}: {}",
                q.id,
                j.doc
            );
            let n = j.text.chars().count();
            assert!(
                n <= 80 && n <= j.chars && (n == 80 || n == j.chars),
                "{}: text cut to 80 of {}",
                q.id,
                j.chars
            );
            assert!(j.doc.contains('/'), "{}: doc ids name their folder", q.id);
            assert!(
                places.insert((&j.doc, j.line)),
                "{}: {} line {} judged twice",
                q.id,
                j.doc,
                j.line
            );
            assert!(j.note.as_ref().is_none_or(|n| !n.is_empty()));
        }
    }
    let judged = set
        .queries
        .iter()
        .filter(|q| q.judgments.iter().any(|j| j.grade > 0));
    assert!(judged.count() >= 75, "most queries have a relevant clause");
}

/// The file a judged document id names: `seeds/…` is the shipped corpus, the rest the dev corpora.
fn source(dev: &Path, doc: &str) -> PathBuf {
    match doc.split_once('/') {
        Some(("seeds", name)) => repo().join("corpus").join(format!("{name}.txt")),
        Some((folder, name)) => dev.join(folder).join(format!("{name}.txt")),
        None => unreachable!("checked above"),
    }
}

fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[test]
fn every_judged_clause_is_in_its_file_on_its_line() {
    let dev = repo().join("../shared/corpora/dev");
    if !dev.is_dir() {
        eprintln!(
            "skipping: {} not found (the shared dev corpora sit next to the repository)",
            dev.display()
        );
        return;
    }
    let set = graded();
    let mut files = std::collections::HashMap::new();
    for q in &set.queries {
        for j in &q.judgments {
            let text = files.entry(j.doc.clone()).or_insert_with(|| {
                let path = source(&dev, &j.doc);
                std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            });
            // The clause starts on its line (a paragraph that opens with full-width spaces, or a
            // line read as several paragraphs, starts inside it).
            let from = text
                .split('\n')
                .take(j.line - 1)
                .map(|l| l.len() + 1)
                .sum::<usize>();
            assert!(
                from <= text.len(),
                "{}: {} has no line {}",
                q.id,
                j.doc,
                j.line
            );
            let rest = squeeze(&text[from..].chars().take(400).collect::<String>());
            let line = squeeze(text[from..].split('\n').next().unwrap_or(""));
            let judged = squeeze(&j.text);
            assert!(
                line.contains(&judged) || rest.starts_with(&judged),
                "{}: {} line {} does not hold {:?}",
                q.id,
                j.doc,
                j.line,
                j.text
            );
        }
    }
}
