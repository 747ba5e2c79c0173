//! `list`, `show` and `stats` on the seeds: what the index holds, document by document.

use serde_json::Value;

use crate::util::{SEED_2013, SEED_2023, Workspace, repo_corpus};

fn one_line_error(stderr: &str, needle: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line: {stderr}");
    assert!(
        lines[0].starts_with("treatysearch: ") && lines[0].contains(needle),
        "{stderr}"
    );
}

fn data(lines: &[Value], kind: &str) -> Vec<Value> {
    lines
        .iter()
        .filter(|l| l["type"] == kind)
        .map(|l| l["data"].clone())
        .collect()
}

#[test]
fn list_shows_both_seeds_oldest_first_and_builds_the_index() {
    let ws = Workspace::with_seeds();
    let run = ws.run(&["list"]).expect_code(0);
    assert!(run.stderr.contains("building it"), "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert!(rows[0].starts_with("id "), "{}", run.stdout);
    assert!(rows[1].starts_with(SEED_2013) && rows[2].starts_with(SEED_2023));
    // id, date, language, parties, articles, clauses, title.
    let cells: Vec<&str> = rows[1].split_whitespace().collect();
    assert_eq!(
        &cells[..7],
        [
            SEED_2013,
            "2013-07-16",
            "zh",
            "China,",
            "Belarus",
            "10",
            "34"
        ]
    );
    assert!(rows[2].contains("2023-03-01") && rows[2].contains(" 14 ") && rows[2].contains(" 47 "));
    assert_eq!(rows[3], "2 documents, 81 clauses");

    let json = ws.run(&["list", "--json"]).expect_code(0).json_lines();
    let docs = data(&json, "document");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["dates"]["published"], "2023-12-28");
    assert_eq!(docs[1]["dates"]["signed"], "2023-03-01");
    assert_eq!(docs[1]["place"], "Beijing");
    assert_eq!(docs[1]["parties"], serde_json::json!(["China", "Belarus"]));
    assert_eq!(docs[1]["path"], format!("corpus/{SEED_2023}.txt"));
    assert_eq!(json.last().unwrap()["data"]["clause_count"], 81);

    // By title: "Joint…" sorts before "中华…".
    let by_title = ws
        .run(&["list", "--sort", "title", "--json"])
        .expect_code(0);
    let ids: Vec<Value> = data(&by_title.json_lines(), "document")
        .iter()
        .map(|d| d["id"].clone())
        .collect();
    assert_eq!(ids, [SEED_2023, SEED_2013]);
}

#[test]
fn list_of_an_empty_corpus_exits_1_and_glossary_is_not_a_document() {
    let ws = Workspace::empty();
    let run = ws.run(&["list"]).expect_code(1);
    assert!(run.stdout.contains("0 documents"), "{}", run.stdout);
    let ws = Workspace::with_seeds();
    ws.write("corpus/glossary.tsv", "外部势力\texternal forces\n");
    let stats = ws.run(&["stats", "--json"]).expect_code(0).json_lines();
    assert_eq!(stats[0]["data"]["document_count"], 2);
}

#[test]
fn show_one_article_by_prefix_with_its_structure_and_dates() {
    let ws = Workspace::with_seeds();
    let run = ws.run(&["show", "000", "三"]).expect_code(0);
    let out = &run.stdout;
    assert!(
        out.starts_with("中华人民共和国和白俄罗斯共和国关于建立全面战略伙伴关系的联合声明\n"),
        "{out}"
    );
    assert!(out.contains("published 2013-07-17, signed 2013-07-16 (place: Beijing)"));
    assert!(
        out.contains(&format!("{SEED_2013} › art. 3 (三、)")),
        "{out}"
    );
    assert!(out.contains("¶2 白方重申坚定奉行一个中国政策"), "{out}");
    assert!(out.contains("¶3 中方重申理解并尊重白俄罗斯共和国"), "{out}");
    assert!(!out.contains("四、"), "only article 3: {out}");

    // The same article by number and by path; JSON clauses with spans into the file.
    let json = ws
        .run(&["show", &format!("corpus/{SEED_2023}.txt"), "2", "--json"])
        .expect_code(0)
        .json_lines();
    let doc = &data(&json, "document")[0];
    assert_eq!(
        (doc["id"].as_str(), doc["article_count"].as_u64()),
        (Some(SEED_2023), Some(14))
    );
    let clauses = data(&json, "clause");
    assert_eq!(clauses.len(), 4);
    let source = std::fs::read_to_string(repo_corpus().join(format!("{SEED_2023}.txt"))).unwrap();
    for (i, c) in clauses.iter().enumerate() {
        assert_eq!(c["paragraph"], i + 1);
        assert_eq!(c["article"]["number"], "2");
        let [s, e] = [
            c["span"][0].as_u64().unwrap() as usize,
            c["span"][1].as_u64().unwrap() as usize,
        ];
        assert_eq!(&source[s..e], c["text"].as_str().unwrap());
    }
    assert!(
        clauses[0]["text"]
            .as_str()
            .unwrap()
            .contains("opposes external forces")
    );
    let summary = &json.last().unwrap()["data"];
    assert_eq!(
        (summary["asked"].as_str(), summary["clause_count"].as_u64()),
        (Some("2"), Some(4))
    );
}

#[test]
fn show_a_whole_document_every_clause_in_order() {
    let ws = Workspace::with_seeds();
    let json = ws
        .run(&["show", SEED_2013, "--json"])
        .expect_code(0)
        .json_lines();
    let clauses = data(&json, "clause");
    assert_eq!(clauses.len(), 34);
    let indexes: Vec<u64> = clauses
        .iter()
        .map(|c| c["clause"].as_u64().unwrap())
        .collect();
    assert_eq!(indexes, (0..34).collect::<Vec<u64>>());
    assert_eq!(clauses[0]["article"]["part"], "preamble");
    assert_eq!(clauses[33]["article"]["part"], "signature");
    let text = ws.run(&["show", SEED_2013]).expect_code(0).stdout;
    for n in ["preamble", "art. 1 (一、)", "art. 10 (十、)", "signature"] {
        assert!(text.contains(&format!("{SEED_2013} › {n}")), "{n}: {text}");
    }
}

#[test]
fn show_errors_name_the_problem() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    let run = ws.run(&["show", "0"]).expect_code(2);
    one_line_error(&run.stderr, "could be 2 documents");
    assert!(run.stderr.contains(SEED_2013) && run.stderr.contains(SEED_2023));
    let run = ws.run(&["show", "zeppelin"]).expect_code(2);
    one_line_error(&run.stderr, "no document `zeppelin`");
    let run = ws.run(&["show", "004", "15"]).expect_code(2);
    one_line_error(&run.stderr, "has no article 15: its articles are 1 … 14");
}

#[test]
fn stats_count_documents_clauses_languages_years_and_bytes() {
    let ws = Workspace::with_seeds();
    let json = ws.run(&["stats", "--json"]).expect_code(0).json_lines();
    assert_eq!(json.len(), 1);
    let s = &json[0]["data"];
    assert_eq!(
        (s["document_count"].as_u64(), s["clause_count"].as_u64()),
        (Some(2), Some(81))
    );
    assert_eq!(s["article_count"], 24);
    assert_eq!(
        s["languages"],
        serde_json::json!([
            {"lang": "en", "document_count": 1, "clause_count": 47},
            {"lang": "zh", "document_count": 1, "clause_count": 34}
        ])
    );
    assert_eq!(
        s["years"],
        serde_json::json!([
            {"year": 2013, "document_count": 1, "clause_count": 34},
            {"year": 2023, "document_count": 1, "clause_count": 47}
        ])
    );
    assert_eq!(
        s["undated"],
        serde_json::json!({"document_count": 0, "clause_count": 0})
    );
    let on_disk: u64 = std::fs::read_dir(ws.index())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert_eq!(s["index_bytes"], on_disk);
    let text = ws.run(&["stats"]).expect_code(0).stdout;
    assert!(
        text.contains("documents:  2") && text.contains("years:      2013–2023"),
        "{text}"
    );
}
