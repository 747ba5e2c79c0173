//! `ngrams`: recurring word sequences within clauses, ranked by the documents that share them,
//! shown as written; all of the selection, or only those that hold a word.

use serde_json::Value;

use crate::util::Workspace;

/// Three English documents that share "reaffirm their commitment to" and one Chinese one.
fn workspace() -> Workspace {
    let ws = Workspace::empty();
    for (name, year, extra) in [
        ("a", 2015, "They trade tea."),
        ("b", 2017, "They trade tea; They trade tea."),
        ("c", 2019, "Nothing else."),
    ] {
        ws.write(
            &format!("corpus/{name}.txt"),
            format!(
                "Statement {name}\n\n1、 Both sides reaffirmed their commitment to peace.\n\n2、 {extra}\n\nDone at Minsk on 12 May {year}.\n"
            ),
        );
    }
    ws.write(
        "corpus/z.txt",
        "联合声明\n\n一、双方坚定支持彼此核心利益。\n\n二、双方坚定支持彼此核心利益和发展。\n\n2019年5月1日订于北京。\n",
    );
    ws
}

fn ngrams(run: &crate::util::Run) -> Vec<Value> {
    run.json_lines()
        .into_iter()
        .filter(|l| l["type"] == "ngram")
        .map(|l| l["data"].clone())
        .collect()
}

#[test]
fn shared_ngrams_come_first_as_written() {
    let ws = workspace();
    let run = ws
        .run(&[
            "ngrams",
            "--json",
            "--size",
            "4",
            "--lang",
            "en",
            "--min-docs",
            "3",
        ])
        .expect_code(0);
    let found = ngrams(&run);
    let texts: Vec<&str> = found.iter().map(|g| g["text"].as_str().unwrap()).collect();
    assert!(
        texts.contains(&"reaffirmed their commitment to"),
        "{texts:?}"
    );
    let g = found
        .iter()
        .find(|g| g["text"] == "reaffirmed their commitment to")
        .unwrap();
    assert_eq!(g["document_count"], 3);
    assert_eq!(g["occurrence_count"], 3);
    assert_eq!(g["size"], 4);
    assert_eq!(
        (g["first_year"].as_u64(), g["last_year"].as_u64()),
        (Some(2015), Some(2019))
    );
    assert_eq!(g["tokens"].as_str().unwrap().split(' ').count(), 4);
    let summary = run.json_lines().last().unwrap()["data"].clone();
    assert_eq!(summary["command"], "ngrams");
    assert_eq!(summary["word"], Value::Null);
    assert_eq!(
        (summary["size_min"].as_u64(), summary["size_max"].as_u64()),
        (Some(4), Some(4))
    );
}

#[test]
fn with_a_word_only_the_ngrams_that_hold_it() {
    let ws = workspace();
    let run = ws
        .run(&[
            "ngrams",
            "--json",
            "--size",
            "2-3",
            "--min-docs",
            "1",
            "核心利益",
        ])
        .expect_code(0);
    let found = ngrams(&run);
    assert!(!found.is_empty());
    for g in &found {
        assert!(g["text"].as_str().unwrap().contains("核心"), "{g}");
        assert_eq!(g["document_count"], 1);
    }
    // Counted within clauses: the frequency is that of the clauses it is in.
    assert!(found.iter().any(|g| g["occurrence_count"] == 2));
    assert_eq!(run.json_lines().last().unwrap()["data"]["word"], "核心利益");
}

#[test]
fn ngrams_across_the_end_of_a_sentence_are_left_out() {
    let ws = workspace();
    let run = ws
        .run(&[
            "ngrams",
            "--json",
            "--size",
            "4",
            "--min-docs",
            "1",
            "--min-freq",
            "1",
            "--lang",
            "en",
            "--limit",
            "0",
        ])
        .expect_code(0);
    let texts: Vec<String> = ngrams(&run)
        .iter()
        .map(|g| g["text"].as_str().unwrap().to_string())
        .collect();
    assert!(texts.iter().all(|t| !t.contains(';')), "{texts:?}");
    assert!(
        run.json_lines().last().unwrap()["data"]["crossing_count"]
            .as_u64()
            .unwrap()
            > 0
    );
}

#[test]
fn text_and_csv() {
    let ws = workspace();
    let run = ws
        .run(&[
            "ngrams",
            "--size",
            "4",
            "--color",
            "never",
            "--min-docs",
            "3",
        ])
        .expect_code(0);
    assert!(run.stdout.contains("rank"), "{}", run.stdout);
    assert!(
        run.stdout.contains("reaffirmed their commitment to"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2015–2019"), "{}", run.stdout);
    let csv = ws
        .run(&["ngrams", "--csv", "--size", "4", "--min-docs", "3"])
        .expect_code(0);
    assert!(csv.stdout.starts_with(
        "rank,ngram,tokens,size,occurrence_count,document_count,first_year,last_year,example_doc"
    ));
}

#[test]
fn nothing_found_and_bad_input() {
    let ws = workspace();
    let none = ws.run(&["ngrams", "--min-docs", "50"]).expect_code(1);
    assert!(none.stderr.contains("no n-gram"), "{}", none.stderr);
    assert!(none.stdout.is_empty());
    ws.run(&["ngrams", "sovereignty"]).expect_code(1);
    for args in [
        &["ngrams", "--size", "7"][..],
        &["ngrams", "--size", "1"],
        &["ngrams", "--size", "5-3"],
        &["ngrams", "--size", "x"],
        &["ngrams", "peace OR tea"],
        &["ngrams", "--json", "--csv"],
        &["ngrams", "-x", "peace"],
    ] {
        let run = ws.run(args).expect_code(2);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        let first = run.stderr.lines().next().unwrap_or("");
        assert!(
            first.starts_with("error:") || first.starts_with("treatysearch: "),
            "{args:?}: {}",
            run.stderr
        );
    }
}
