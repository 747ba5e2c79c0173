//! `query` when all the words find little (the query is relaxed, and says so) and when
//! several clauses have the same text (one hit with the number of the others).

use serde_json::Value;

use crate::util::Workspace;

/// The hits and the summary of `query --json ARGS`, with the exit code expected.
fn json(ws: &Workspace, args: &[&str], code: i32) -> (Vec<Value>, Value) {
    let mut all = vec!["query", "--json"];
    all.extend(args);
    let mut lines = ws.run(&all).expect_code(code).json_lines();
    let summary = lines.pop().expect("a summary line");
    assert_eq!(summary["type"], "summary");
    let hits = lines.into_iter().map(|l| l["data"].clone()).collect();
    (hits, summary["data"].clone())
}

/// Three statements in which 单边, 制裁 and 美国 never stand all three in one clause, and
/// English clauses whose words are spread the same way.
fn spread_words() -> Workspace {
    let ws = Workspace::empty();
    ws.write(
        "corpus/a.txt",
        "甲声明\n\n一、双方反对单边制裁。\n\n二、美国代表出席会议。\n\n三、双方加强经贸合作。\n",
    );
    ws.write(
        "corpus/b.txt",
        "乙声明\n\n一、双方反对任何单边制裁和长臂管辖。\n\n二、美国和中国加强对话。\n",
    );
    ws.write(
        "corpus/c.txt",
        "丙声明\n\n一、美国宣布对多国实施制裁。\n\n二、双方将加强美国问题研究。\n",
    );
    ws.write(
        "corpus/d.txt",
        "Statement\n\n1. The parties oppose unilateral sanctions.\n\n2. The parties discussed fisheries.\n\n3. Fisheries cooperation continues.\n",
    );
    ws
}

#[test]
fn words_never_together_give_the_relaxed_answer_and_say_so() {
    let ws = spread_words();
    let (hits, summary) = json(&ws, &["单边 制裁 美国"], 0);
    let relaxed = &summary["relaxed"];
    assert_eq!(
        relaxed["words"],
        serde_json::json!(["单边", "制裁", "美国"])
    );
    // 美国 is in the most clauses: it goes first, and 单边 制裁 together are enough.
    assert_eq!(relaxed["dropped"], serde_json::json!(["美国"]));
    assert_eq!(relaxed["required"], serde_json::json!(["单边", "制裁"]));
    assert_eq!(relaxed["all_count"], 0);
    let texts: Vec<&str> = hits.iter().map(|h| h["text"].as_str().unwrap()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts
            .iter()
            .all(|t| t.contains("单边") && t.contains("制裁"))
    );
    assert_eq!(summary["hit_count"], 2);

    let text = ws.run(&["query", "单边 制裁 美国"]).expect_code(0);
    assert!(
        text.stdout.contains(
            "no clause has all of 单边 制裁 美国; showing clauses with near forms (单边/单方面/单边主义), then with 2 of 3 words (without 美国)"
        ),
        "{}",
        text.stdout
    );
    // Written without spaces, the run of Chinese counts as its words.
    let (_, summary) = json(&ws, &["单边制裁美国"], 0);
    assert_eq!(summary["relaxed"]["dropped"], serde_json::json!(["美国"]));

    // --strict: the query as written, no hits, exit 1 as before.
    let (hits, summary) = json(&ws, &["--strict", "单边 制裁 美国"], 1);
    assert!(hits.is_empty());
    assert!(summary["relaxed"].is_null());
    let strict = ws
        .run(&["query", "--strict", "单边 制裁 美国"])
        .expect_code(1);
    assert!(
        !strict.stdout.contains("showing clauses"),
        "{}",
        strict.stdout
    );
}

#[test]
fn clauses_with_every_word_rank_before_the_relaxed_ones() {
    let ws = spread_words();
    ws.write(
        "corpus/e.txt",
        "Note\n\n1. Unilateral sanctions harm fisheries.\n",
    );
    // One clause has all three words: it comes first, then those without the most common.
    let (hits, summary) = json(&ws, &["unilateral sanctions fisheries"], 0);
    let relaxed = &summary["relaxed"];
    assert_eq!(relaxed["all_count"], 1);
    assert_eq!(relaxed["dropped"], serde_json::json!(["fisheries"]));
    assert_eq!(hits[0]["text"], "1. Unilateral sanctions harm fisheries.");
    assert_eq!(
        hits[1]["text"],
        "1. The parties oppose unilateral sanctions."
    );
    assert_eq!(hits.len(), 2);
    let text = ws
        .run(&["query", "unilateral sanctions fisheries"])
        .expect_code(0);
    assert!(
        text.stdout.contains(
            "only 1 clause has all of unilateral sanctions fisheries; then clauses with 2 of 3 words (without fisheries)"
        ),
        "{}",
        text.stdout
    );
    // An exclusion stays excluded, and a word that no clause has is dropped first.
    let (hits, summary) = json(&ws, &["unilateral sanctions zeppelin -harm"], 0);
    assert_eq!(
        summary["relaxed"]["dropped"],
        serde_json::json!(["zeppelin"])
    );
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0]["text"],
        "1. The parties oppose unilateral sanctions."
    );
}

/// Three documents with the same clause (spaces and case aside) and one with its own.
fn copies() -> Workspace {
    let ws = Workspace::empty();
    for (name, line) in [
        (
            "x",
            "Nothing in this Agreement shall prevent a Party from protecting its essential security interests.",
        ),
        (
            "y",
            "Nothing in this Agreement shall prevent a Party  from protecting its essential security interests.",
        ),
        (
            "z",
            "nothing in this agreement shall prevent a party from protecting its essential security interests.",
        ),
        (
            "w",
            "Each Party may take measures to protect its essential security interests in time of war.",
        ),
    ] {
        ws.write(
            &format!("corpus/{name}.txt"),
            format!("Agreement {name}\n\nArticle 1\n\nThe Parties agree on trade.\n\nArticle 2\n\n{line}\n"),
        );
    }
    ws
}

#[test]
fn identical_clauses_are_one_hit_with_the_others_named() {
    let ws = copies();
    let (hits, summary) = json(&ws, &["essential security interests"], 0);
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(summary["hit_count"], 4);
    assert_eq!(summary["distinct_count"], 2);
    assert_eq!(summary["collapsed"], true);
    let copied = hits
        .iter()
        .find(|h| h["identical_count"] == 2)
        .expect("the collapsed hit");
    let mut docs: Vec<&str> = copied["identical"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["doc"]["id"].as_str().unwrap())
        .chain([copied["doc"]["id"].as_str().unwrap()])
        .collect();
    docs.sort();
    assert_eq!(docs, ["x", "y", "z"]);
    assert!(copied["identical"][0]["line"].as_u64().unwrap() > 1);
    let single = hits.iter().find(|h| h["doc"]["id"] == "w").unwrap();
    assert_eq!(single["identical_count"], 0);
    // Ranks count hits, not copies.
    let ranks: Vec<u64> = hits.iter().map(|h| h["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, [1, 2]);

    let text = ws
        .run(&["query", "essential security interests"])
        .expect_code(0);
    assert!(
        text.stdout.contains("and 2 more identical"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("2 hits (4 clauses; identical texts shown once)"),
        "{}",
        text.stdout
    );

    // Paging is over collapsed hits: the second hit is the other text.
    let (second, summary) = json(
        &ws,
        &[
            "--limit",
            "1",
            "--offset",
            "1",
            "essential security interests",
        ],
        0,
    );
    assert_eq!(second.len(), 1);
    assert_eq!(second[0]["rank"], 2);
    assert_ne!(second[0]["text"], hits[0]["text"]);
    assert_eq!(summary["returned"], 1);

    // --no-collapse: every copy is a hit.
    let (all, summary) = json(&ws, &["--no-collapse", "essential security interests"], 0);
    assert_eq!(all.len(), 4);
    assert_eq!(summary["collapsed"], false);
    assert!(all.iter().all(|h| h["identical_count"] == 0));
    let text = ws
        .run(&["query", "--no-collapse", "essential security interests"])
        .expect_code(0);
    assert!(!text.stdout.contains("more identical"), "{}", text.stdout);
    assert!(text.stdout.contains("4 hits"), "{}", text.stdout);
}

#[test]
fn counting_commands_count_every_copy() {
    let ws = copies();
    let run = ws
        .run(&["timeline", "--json", "essential security interests"])
        .expect_code(0);
    let lines = run.json_lines();
    let summary = &lines.last().unwrap()["data"];
    assert_eq!(summary["clause_count"], 4, "{summary}");
    assert_eq!(summary["document_count"], 4, "{summary}");
}

#[test]
fn near_forms_of_the_glossary_count_before_words_are_dropped() {
    let ws = Workspace::empty();
    ws.write(
        "corpus/a.txt",
        "甲声明\n\n一、双方反对单方面实施制裁。\n\n二、双方加强合作。\n",
    );
    // 单边 and 单方面 both render `unilateral` in the shipped glossary (and 单边主义
    // `unilateralism`, which the stemmer joins with it).
    let (hits, summary) = json(&ws, &["单边 制裁"], 0);
    let relaxed = &summary["relaxed"];
    assert_eq!(
        relaxed["near_forms"],
        serde_json::json!([{"word": "单边", "forms": ["单方面", "单边主义"]}])
    );
    assert_eq!(relaxed["dropped"], serde_json::json!([]));
    assert_eq!(relaxed["required"], serde_json::json!(["单边", "制裁"]));
    assert_eq!(hits.len(), 1);
    assert!(hits[0]["text"].as_str().unwrap().contains("单方面"));
    let text = ws.run(&["query", "单边 制裁"]).expect_code(0);
    assert!(
        text.stdout.contains(
            "no clause has all of 单边 制裁; showing clauses with near forms (单边/单方面/单边主义)"
        ),
        "{}",
        text.stdout
    );
    ws.run(&["query", "--strict", "单边 制裁"]).expect_code(1);
}

#[test]
fn many_copies_above_a_text_do_not_hide_it() {
    let ws = Workspace::empty();
    // Fourteen short copies outrank the long clause: the window of ranked clauses widens
    // until the page has its two distinct texts.
    for i in 0..14 {
        ws.write(
            &format!("corpus/copy{i:02}.txt"),
            "Agreement\n\nArticle 1\n\nEssential security interests.\n",
        );
    }
    ws.write(
        "corpus/long.txt",
        "Agreement\n\nArticle 1\n\nNothing in this Agreement shall be construed to prevent a Party from applying measures that it considers necessary for the protection of its own essential security interests in time of war or other emergency in international relations.\n",
    );
    let (hits, summary) = json(&ws, &["--limit", "2", "essential security interests"], 0);
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0]["identical_count"], 13);
    assert_eq!(hits[0]["identical"].as_array().unwrap().len(), 5);
    assert_eq!(hits[1]["doc"]["id"], "long");
    assert_eq!(
        (
            summary["hit_count"].as_u64(),
            summary["distinct_count"].as_u64()
        ),
        (Some(15), Some(2))
    );
}
