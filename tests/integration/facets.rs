//! `facets` and `query --facets`: matching clauses and documents per year, party, language and
//! document type, with the buckets of clauses without a value, in text, JSON and CSV.

use std::path::Path;

use serde_json::{Value, json};

use crate::util::Workspace;

/// Four documents: a Chinese joint statement of 2015 (China, Belarus) with 合作 in two
/// clauses, an English agreement of 2019 (Canada, South Korea) with cooperation in three, an
/// English statement of 2019 (China alone) with cooperation in one, and an undated note
/// without parties or type with cooperation in one.
fn workspace() -> Workspace {
    let ws = Workspace::empty();
    ws.write(
        "corpus/zh2015.txt",
        "---\nparties: [China, Belarus]\nsigned: 2015-05-12\n---\n中华人民共和国和白俄罗斯共和国联合声明\n\n一、双方同意加强经贸合作。\n\n二、双方愿深化人文合作。\n\n三、双方支持对方的发展道路。\n",
    );
    ws.write(
        "corpus/agreement.txt",
        "---\nparties: [Canada, South Korea]\nsigned: 2019-03-01\n---\nFree Trade Agreement between Canada and Korea\n\nArticle 1\n\nThe Parties shall promote cooperation in trade.\n\nArticle 2\n\nThe Parties shall strengthen cooperation in customs.\n\nArticle 3\n\nCooperation shall extend to investment.\n\nArticle 4\n\nThis Agreement enters into force on signature.\n",
    );
    ws.write(
        "corpus/statement.txt",
        "---\nparties: [China]\ndate: 2019-06-01\ntype: Press Release\n---\nStatement on the Summit\n\nChina welcomes cooperation with all.\n",
    );
    ws.write(
        "corpus/note.txt",
        "Notes of a reader\n\nCooperation is mentioned here once.\n",
    );
    ws
}

/// The `facet` lines of a run as (facet, value, clauses, documents).
fn facet_lines(lines: &[Value]) -> Vec<(String, Option<String>, u64, u64)> {
    lines
        .iter()
        .filter(|l| l["type"] == "facet")
        .map(|l| {
            let d = &l["data"];
            (
                d["facet"].as_str().unwrap().to_string(),
                d["value"].as_str().map(str::to_string),
                d["clause_count"].as_u64().unwrap(),
                d["document_count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn row(
    facet: &str,
    value: Option<&str>,
    clauses: u64,
    documents: u64,
) -> (String, Option<String>, u64, u64) {
    (
        facet.to_string(),
        value.map(str::to_string),
        clauses,
        documents,
    )
}

fn validator(command: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("docs/schema/{command}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn assert_valid(command: &str, lines: &[Value]) {
    let v = validator(command);
    for line in lines {
        let errors: Vec<String> = v.iter_errors(line).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{line}\n{}", errors.join("\n"));
    }
}

#[test]
fn counts_every_facet_with_the_buckets_that_make_them_add_up() {
    let ws = workspace();
    let run = ws.run(&["facets", "--json", "cooperation"]).expect_code(0);
    let lines = run.json_lines();
    assert_valid("facets", &lines);
    assert_eq!(
        facet_lines(&lines),
        vec![
            row("year", Some("2019"), 4, 2),
            row("year", None, 1, 1),
            row("party", Some("Canada"), 3, 1),
            row("party", Some("South Korea"), 3, 1),
            row("party", Some("China"), 1, 1),
            row("party", None, 1, 1),
            row("language", Some("en"), 5, 3),
            row("doc_type", Some("treaty"), 3, 1),
            row("doc_type", Some("press release"), 1, 1),
            row("doc_type", None, 1, 1),
        ]
    );
    let summary = &lines.last().unwrap()["data"];
    assert_eq!(summary["command"], "facets");
    assert_eq!(summary["query"], "cooperation");
    assert_eq!(
        (
            summary["clause_count"].as_u64(),
            summary["document_count"].as_u64()
        ),
        (Some(5), Some(3))
    );
    assert_eq!(summary["limit"], 10);
    assert_eq!(
        summary["facets"][1],
        json!({"facet": "party", "value_count": 3, "left_out_count": 0, "left_out_clause_count": 0})
    );
    assert!(summary["elapsed_ms"].is_number());
}

#[test]
fn chinese_matches_count_by_their_jieba_words_and_document_type() {
    let ws = workspace();
    let lines = ws
        .run(&["facets", "--json", "合作"])
        .expect_code(0)
        .json_lines();
    assert_eq!(
        facet_lines(&lines),
        vec![
            row("year", Some("2015"), 2, 1),
            row("party", Some("Belarus"), 2, 1),
            row("party", Some("China"), 2, 1),
            row("language", Some("zh"), 2, 1),
            row("doc_type", Some("joint statement"), 2, 1),
        ]
    );
}

#[test]
fn the_selection_flags_narrow_what_is_counted() {
    let ws = workspace();
    let lines = ws
        .run(&["facets", "--json", "cooperation", "--party", "China", "-x"])
        .expect_code(0)
        .json_lines();
    // With -x, 合作 is found as well; --party China keeps the statement and the joint statement.
    let years: Vec<_> = facet_lines(&lines)
        .into_iter()
        .filter(|r| r.0 == "year")
        .collect();
    assert_eq!(
        years,
        vec![
            row("year", Some("2015"), 2, 1),
            row("year", Some("2019"), 1, 1)
        ]
    );
    let lines = ws
        .run(&["facets", "--json", "cooperation", "--until", "2018-12-31"])
        .expect_code(1)
        .json_lines();
    assert_eq!(facet_lines(&lines), vec![]);
    assert_eq!(lines.last().unwrap()["data"]["clause_count"], 0);
}

#[test]
fn a_limit_sums_the_values_left_out() {
    let ws = workspace();
    let run = ws
        .run(&["facets", "cooperation", "--limit", "1"])
        .expect_code(0);
    assert!(
        run.stdout.contains("… 2 more parties with 4 clauses"),
        "{}",
        run.stdout
    );
    let lines = ws
        .run(&["facets", "--json", "cooperation", "-n", "1"])
        .expect_code(0)
        .json_lines();
    let parties: Vec<_> = facet_lines(&lines)
        .into_iter()
        .filter(|r| r.0 == "party")
        .collect();
    assert_eq!(
        parties,
        vec![row("party", Some("Canada"), 3, 1), row("party", None, 1, 1)]
    );
    assert_eq!(
        lines.last().unwrap()["data"]["facets"][1],
        json!({"facet": "party", "value_count": 3, "left_out_count": 2, "left_out_clause_count": 4})
    );
    // 0: every value.
    let lines = ws
        .run(&["facets", "--json", "cooperation", "-n", "0"])
        .expect_code(0)
        .json_lines();
    assert_eq!(facet_lines(&lines).len(), 10);
}

#[test]
fn text_output_is_aligned_facet_by_facet() {
    let ws = workspace();
    let run = ws.run(&["facets", "cooperation"]).expect_code(0);
    let out = &run.stdout;
    assert!(
        out.starts_with("“cooperation”: 5 clauses in 3 documents\n"),
        "{out}"
    );
    for header in ["year", "party", "language", "document type"] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(header) && l.contains("clauses")),
            "no block {header}:\n{out}"
        );
    }
    assert!(out.contains("  undated"), "{out}");
    assert!(out.contains("  no party"), "{out}");
    assert!(out.contains("  untyped"), "{out}");
    // The clause counts end in the column where the header `clauses` ends.
    let end = |line: &str, word: &str| line.find(word).map(|at| at + word.len());
    let header_end = out
        .lines()
        .find(|l| l.starts_with("year"))
        .and_then(|l| end(l, "clauses"))
        .unwrap();
    for line in out
        .lines()
        .filter(|l| l.starts_with("  ") && !l.contains('…'))
    {
        let chars: Vec<char> = line.chars().collect();
        let before: String = chars[..header_end.min(chars.len())].iter().collect();
        assert!(
            before.ends_with(|c: char| c.is_ascii_digit()),
            "count not aligned in {line:?}:\n{out}"
        );
    }
}

#[test]
fn csv_has_one_row_per_value_and_an_empty_cell_for_the_missing_one() {
    let ws = workspace();
    let run = ws.run(&["facets", "--csv", "cooperation"]).expect_code(0);
    let rows: Vec<&str> = run.stdout.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows[0], "facet,value,clause_count,document_count");
    assert_eq!(rows[1], "year,2019,4,2");
    assert_eq!(rows[2], "year,,1,1");
    assert_eq!(rows.len(), 11);
}

#[test]
fn nothing_to_count_exits_1_with_a_message() {
    let ws = workspace();
    let run = ws.run(&["facets", "zyxwvut"]).expect_code(1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("no clause of the index has all the words of “zyxwvut”"),
        "{}",
        run.stderr
    );
    // Only punctuation: nothing to look for.
    let run = ws.run(&["facets", "，。"]);
    assert!(run.code == 1 || run.code == 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn json_and_csv_together_are_refused() {
    let ws = workspace();
    let run = ws
        .run(&["facets", "--json", "--csv", "cooperation"])
        .expect_code(2);
    assert!(run.stderr.contains("--csv"), "{}", run.stderr);
}

#[test]
fn control_characters_of_a_value_are_not_sent_to_the_terminal() {
    let ws = workspace();
    ws.write(
        "corpus/evil.txt",
        "---\nparties: [\"Evil\u{1b}[31mLand\"]\ntype: \"memo\u{1b}[2J\"\n---\nA memo\n\nCooperation ahead.\n",
    );
    let run = ws.run(&["facets", "cooperation"]).expect_code(0);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}

#[test]
fn query_facets_count_every_match_not_only_the_hits_shown() {
    let ws = workspace();
    let lines = ws
        .run(&["query", "--json", "--facets", "-n", "1", "cooperation"])
        .expect_code(0)
        .json_lines();
    assert_valid("query", &lines);
    assert_eq!(lines.iter().filter(|l| l["type"] == "hit").count(), 1);
    let facets = ws
        .run(&["facets", "--json", "-n", "0", "cooperation"])
        .expect_code(0)
        .json_lines();
    assert_eq!(facet_lines(&lines), facet_lines(&facets));
    // Facet lines come after the hits and before the summary.
    let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(types.first(), Some(&"hit"));
    assert_eq!(types.last(), Some(&"summary"));
    assert!(types[1..types.len() - 1].iter().all(|t| *t == "facet"));

    let run = ws
        .run(&["query", "--facets", "-n", "1", "cooperation"])
        .expect_code(0);
    let facet_block = run.stdout.find("\nyear").expect("a year block");
    let summary = run.stdout.find("hits").or(run.stdout.find("hit")).unwrap();
    assert!(summary < facet_block, "{}", run.stdout);
    assert!(run.stdout.contains("South Korea"), "{}", run.stdout);
    // No hit: no facet block; hits of a relaxed query (no clause has every word): a note.
    let run = ws.run(&["query", "--facets", "zyxwvut"]).expect_code(1);
    assert!(!run.stdout.contains("year"), "{}", run.stdout);
    let run = ws
        .run(&["query", "--facets", "cooperation", "zyxwvut"])
        .expect_code(0);
    assert!(
        run.stdout
            .contains("facets: no clause has all the words of the query"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("\nyear"), "{}", run.stdout);
    // Without --facets, no facet line.
    let lines = ws
        .run(&["query", "--json", "cooperation"])
        .expect_code(0)
        .json_lines();
    assert!(lines.iter().all(|l| l["type"] != "facet"));
}

#[test]
fn parse_shows_the_document_type() {
    let ws = workspace();
    let doc = |name: &str| {
        let run = ws
            .run(&["parse", "--json", &format!("corpus/{name}")])
            .expect_code(0);
        run.json_lines()[0]["data"]["doc_type"].clone()
    };
    assert_eq!(doc("zh2015.txt"), "joint statement");
    assert_eq!(doc("agreement.txt"), "treaty");
    assert_eq!(doc("statement.txt"), "press release");
    assert_eq!(doc("note.txt"), Value::Null);
}
