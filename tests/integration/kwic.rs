//! `kwic`: concordance lines of a query's words in the clauses it matches, with their context,
//! sorted, paged, and printed as aligned text, NDJSON or CSV.

use serde_json::Value;

use crate::util::Workspace;

/// Three small documents: two English (2015, undated) and one Chinese (2019), with a clause
/// that holds control characters and one that says the phrase twice.
fn workspace() -> Workspace {
    let ws = Workspace::empty();
    ws.write(
        "corpus/a2015.txt",
        "Joint Statement of 2015\n\n1、 Both sides oppose interference in the internal affairs of other countries.\n\n2、 Zeta parties respect internal affairs and the internal affairs of others.\n\n3、 Trade grows \x1b[31mred\x1b[0m between internal affairs offices.\n\nDone at Minsk on 12 May 2015.\n",
    );
    ws.write(
        "corpus/note.txt",
        "A note without a date\n\nAlpha internal affairs come last by date.\n",
    );
    ws.write(
        "corpus/z2019.txt",
        "2019年联合声明\n\n一、双方重申互不干涉内政原则。\n\n二、任何国家不得干涉中国内政。\n\n2019年5月1日订于北京。\n",
    );
    ws
}

fn lines(run: &crate::util::Run) -> Vec<Value> {
    run.json_lines()
        .into_iter()
        .filter(|l| l["type"] == "line")
        .map(|l| l["data"].clone())
        .collect()
}

#[test]
fn every_occurrence_is_a_line_with_its_span_in_the_clause() {
    let ws = workspace();
    let run = ws
        .run(&["kwic", "--json", "\"internal affairs\""])
        .expect_code(0);
    let found = lines(&run);
    assert_eq!(found.len(), 5, "twice in one clause: two lines");
    for line in &found {
        assert_eq!(line["match"], "internal affairs");
        let text = format!(
            "{}{}{}",
            line["left"].as_str().unwrap(),
            line["match"].as_str().unwrap(),
            line["right"].as_str().unwrap()
        );
        let (start, end) = (
            line["start"].as_u64().unwrap(),
            line["end"].as_u64().unwrap(),
        );
        assert_eq!(end - start, "internal affairs".len() as u64);
        assert_eq!(
            line["end_char"].as_u64().unwrap() - line["start_char"].as_u64().unwrap(),
            16
        );
        assert!(text.contains("internal affairs"), "{text}");
    }
    let summary = run.json_lines().last().unwrap()["data"].clone();
    assert_eq!(summary["command"], "kwic");
    assert_eq!(summary["line_count"], 5);
    assert_eq!(summary["clause_count"], 4);
    assert_eq!(summary["document_count"], 2);
    assert_eq!(summary["returned"], 5);
    assert!(summary["elapsed_ms"].is_number());
}

#[test]
fn a_chinese_word_is_found_inside_longer_words_and_in_context() {
    let ws = workspace();
    let run = ws.run(&["kwic", "--json", "内政"]).expect_code(0);
    let found = lines(&run);
    assert_eq!(found.len(), 2);
    for line in &found {
        assert_eq!(line["match"], "内政");
        assert_eq!(line["lang"], "zh");
        assert_eq!(line["doc"]["id"], "z2019");
    }
    assert!(found[0]["left"].as_str().unwrap().ends_with("干涉"));
}

#[test]
fn lines_sort_by_the_word_left_of_the_match_and_by_date() {
    let ws = workspace();
    let left = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["kwic", "--json", "--lang", "en", "\"internal affairs\""];
        all.extend(args);
        lines(&ws.run(&all).expect_code(0))
            .iter()
            .map(|l| l["left"].as_str().unwrap().trim_end().to_string())
            .collect()
    };
    let by_l1: Vec<String> = left(&["--sort", "L1"])
        .iter()
        .map(|l| l.rsplit(' ').next().unwrap().to_string())
        .collect();
    // Folded words in Unicode order: alpha, between, respect, the, the.
    assert_eq!(by_l1, ["Alpha", "between", "respect", "the", "the"]);
    let by_date = left(&["--sort", "date"]);
    assert!(
        by_date.last().unwrap().ends_with("Alpha"),
        "undated last: {by_date:?}"
    );
}

#[test]
fn context_is_cut_to_the_width_and_words_unit_counts_words() {
    let ws = workspace();
    let run = ws
        .run(&["kwic", "--json", "--width", "6", "\"internal affairs\""])
        .expect_code(0);
    for line in lines(&run) {
        assert!(
            line["left"].as_str().unwrap().chars().count() <= 6,
            "{line}"
        );
        assert!(
            line["right"].as_str().unwrap().chars().count() <= 6,
            "{line}"
        );
    }
    let run = ws
        .run(&[
            "kwic", "--json", "--unit", "words", "--width", "2", "--doc", "a2015", "oppose",
        ])
        .expect_code(0);
    let line = &lines(&run)[0];
    assert_eq!(line["left"], "Both sides ");
    assert_eq!(line["right"], " interference in");
}

#[test]
fn text_output_is_aligned_and_escapes_control_characters() {
    let ws = workspace();
    let run = ws
        .run(&[
            "kwic",
            "--color",
            "never",
            "--lang",
            "en",
            "\"internal affairs\"",
        ])
        .expect_code(0);
    assert!(!run.stdout.contains('\x1b'), "{}", run.stdout);
    assert!(run.stdout.contains("\\x1b[31m"), "{}", run.stdout);
    let colored = ws
        .run(&[
            "kwic",
            "--color",
            "always",
            "--lang",
            "en",
            "\"internal affairs\"",
        ])
        .expect_code(0);
    let mark = "\x1b[1;31minternal affairs\x1b[0m";
    let rows: Vec<&str> = colored
        .stdout
        .lines()
        .filter(|l| l.contains(mark))
        .collect();
    assert_eq!(rows.len(), 5, "{}", colored.stdout);
    // The left context is right-aligned: every match starts in the same column.
    let at: Vec<usize> = rows
        .iter()
        .map(|r| {
            r[..r.find(mark).unwrap()]
                .chars()
                .map(|c| if c >= '\u{2e80}' { 2 } else { 1 })
                .sum::<usize>()
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] == w[1]), "aligned: {rows:#?}");
    assert!(run.stdout.contains("undated"));
    let colored = ws
        .run(&[
            "kwic",
            "--color",
            "always",
            "--lang",
            "en",
            "\"internal affairs\"",
        ])
        .expect_code(0);
    assert!(colored.stdout.contains("\x1b[1;31minternal affairs\x1b[0m"));
}

#[test]
fn paging_and_csv() {
    let ws = workspace();
    let run = ws
        .run(&[
            "kwic",
            "--json",
            "--limit",
            "2",
            "--offset",
            "1",
            "\"internal affairs\"",
        ])
        .expect_code(0);
    let found = lines(&run);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["n"], 2);
    let summary = run.json_lines().last().unwrap()["data"].clone();
    assert_eq!(
        (summary["returned"].as_u64(), summary["offset"].as_u64()),
        (Some(2), Some(1))
    );
    let all = lines(
        &ws.run(&["kwic", "--json", "--limit", "0", "affairs"])
            .expect_code(0),
    );
    assert_eq!(all.len(), 5);

    let csv = ws
        .run(&["kwic", "--csv", "--limit", "0", "内政"])
        .expect_code(0);
    let rows: Vec<&str> = csv.stdout.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert!(rows[0].starts_with("n,doc,date,article,clause,line,lang,left,match,right"));
    assert_eq!(rows.len(), 3);
    assert!(rows[1].contains(",内政,"), "{}", rows[1]);
}

#[test]
fn nothing_found_and_bad_input() {
    let ws = workspace();
    let none = ws.run(&["kwic", "sovereignty"]).expect_code(1);
    assert!(none.stdout.is_empty());
    assert!(none.stderr.contains("no line"), "{}", none.stderr);
    let json = ws.run(&["kwic", "--json", "sovereignty"]).expect_code(1);
    assert_eq!(json.json_lines().last().unwrap()["data"]["line_count"], 0);
    let past = ws
        .run(&["kwic", "--offset", "99", "--color", "never", "affairs"])
        .expect_code(0);
    assert!(
        past.stdout.contains("no line after --offset 99"),
        "{}",
        past.stdout
    );
    for args in [
        &["kwic", "--json", "--csv", "affairs"][..],
        &["kwic", "--sort", "L4", "affairs"],
        &["kwic", "--width", "100000", "affairs"],
        &["kwic", "(affairs"],
        &["kwic", "、。！"],
        &["kwic", "--since", "2020", "--until", "2010", "affairs"],
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
