//! `similar`: clauses in other documents that say the same thing, in the same language or,
//! with `--cross-lingual`, through the glossary — and how well that works on the seeds.

use serde_json::Value;

use crate::util::{SEED_2013, SEED_2023, Workspace};

fn matches(ws: &Workspace, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["similar", "--json"];
    all.extend_from_slice(args);
    let run = ws.run(&all);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json_lines()
        .into_iter()
        .filter(|l| l["type"] == "match")
        .map(|l| l["data"].clone())
        .collect()
}

#[test]
fn the_2013_clause_finds_its_2023_counterpart_across_languages() {
    let ws = Workspace::with_seeds();
    let found = matches(&ws, &["000", "3", "3", "--cross-lingual", "-n", "3"]);
    let top = &found[0];
    assert_eq!(top["doc"]["id"], SEED_2023);
    assert_eq!(top["article"]["number"], "2");
    assert_eq!(top["via"], "glossary");
    let text = top["text"].as_str().unwrap();
    assert!(text.contains(
        "opposes external forces interfering in Belarus's internal affairs under any pretext"
    ));
    let shared: Vec<String> = top["shared_concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} = {}",
                p["zh"].as_str().unwrap(),
                p["en"].as_str().unwrap()
            )
        })
        .collect();
    for pair in [
        "外部势力 = external forces",
        "内政 = internal affairs",
        "借口 = pretext",
    ] {
        assert!(shared.iter().any(|s| s == pair), "{pair} not in {shared:?}");
    }
    let lit: Vec<&str> = top["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &text[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize])
        .collect();
    assert!(lit.iter().any(|l| l.contains("external forces")), "{lit:?}");
    let score = top["score"].as_f64().unwrap();
    assert!(score > 0.3 && score <= 1.0, "{score}");
    assert!(
        found
            .windows(2)
            .all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64())
    );

    // And back: the 2023 clause finds the 2013 one first.
    let back = matches(&ws, &["004", "2", "1", "--cross-lingual", "-n", "1"]);
    assert_eq!(back[0]["doc"]["id"], SEED_2013);
    assert!(
        back[0]["text"]
            .as_str()
            .unwrap()
            .contains("反对外部势力以任何借口干涉白俄罗斯内政")
    );
}

#[test]
fn without_cross_lingual_only_other_documents_of_the_same_language_count() {
    let ws = Workspace::with_seeds();
    // The seeds are one Chinese and one English document: nothing else in Chinese.
    let run = ws.run(&["similar", "000", "3", "3"]).expect_code(1);
    assert!(run.stdout.contains("no similar clause"), "{}", run.stdout);
    // A third document that repeats the 2013 wording is found, ranked above a looser one.
    ws.write(
        "corpus/2015.txt",
        "中白联合公报\n\n一、中方支持白俄罗斯维护国家独立和主权，反对外部势力以任何借口干涉白俄罗斯内政。\n\n二、双方将加强文化交流。\n",
    );
    let found = matches(&ws, &["000", "3", "3"]);
    assert_eq!(found[0]["doc"]["id"], "2015");
    assert_eq!(found[0]["article"]["number"], "1");
    assert_eq!(found[0]["via"], "words");
    assert!(
        found.iter().all(|m| m["doc"]["id"] != SEED_2013),
        "the source document is left out"
    );
    assert!(found.len() == 1 || found[0]["score"].as_f64() > found[1]["score"].as_f64());
}

#[test]
fn a_pasted_text_in_either_language() {
    let ws = Workspace::with_seeds();
    let en = matches(
        &ws,
        &[
            "--text",
            "opposes external forces interfering in internal affairs",
        ],
    );
    assert_eq!(en[0]["doc"]["id"], SEED_2023);
    assert_eq!(en[0]["article"]["number"], "2");
    let zh = matches(&ws, &["--text", "反对外部势力干涉内政"]);
    assert_eq!(zh[0]["doc"]["id"], SEED_2013);
    assert!(zh[0]["text"].as_str().unwrap().contains("干涉白俄罗斯内政"));
    let run = ws
        .run(&["similar", "--json", "--text", "反对外部势力干涉内政"])
        .expect_code(0);
    let source = &run.json_lines()[0];
    assert_eq!(source["type"], "source");
    assert_eq!(source["data"]["lang"], "zh");
    assert!(source["data"]["doc"].is_null() && source["data"]["article"].is_null());
}

#[test]
fn the_glossary_of_the_corpus_extends_the_built_in_one() {
    let ws = Workspace::empty();
    ws.write(
        "corpus/zh.txt",
        "合作声明\n\n一、双方将开展飞艇研究。\n\n二、双方另行商定。\n",
    );
    ws.write(
        "corpus/en.txt",
        "Statement\n\n1、 The parties will study airships.\n\n2、 Other matters.\n",
    );
    // Nothing in the built-in glossary links the two.
    let run = ws
        .run(&["similar", "zh", "1", "--cross-lingual"])
        .expect_code(1);
    assert!(run.stdout.contains("no similar clause"), "{}", run.stdout);
    ws.write("corpus/glossary.tsv", "# ours\n飞艇\tairship\n");
    let found = matches(&ws, &["zh", "1", "--cross-lingual"]);
    assert_eq!(found[0]["doc"]["id"], "en");
    assert_eq!(
        found[0]["shared_concepts"][0],
        serde_json::json!({"zh": "飞艇", "en": "airships"})
    );
    // A broken line is an error that says where.
    ws.write("corpus/glossary.tsv", "飞艇 airship\n");
    let run = ws
        .run(&["similar", "zh", "1", "--cross-lingual"])
        .expect_code(2);
    assert!(
        run.stderr.contains("glossary.tsv:1: expected"),
        "{}",
        run.stderr
    );
    // --glossary adds a file of one's own.
    ws.write("corpus/glossary.tsv", "");
    ws.write("mine.tsv", "飞艇\tairships\n");
    let found = matches(
        &ws,
        &["zh", "1", "--cross-lingual", "--glossary", "mine.tsv"],
    );
    assert_eq!(found[0]["doc"]["id"], "en");
}

#[test]
fn similar_errors() {
    let ws = Workspace::with_seeds();
    let run = ws.run(&["similar", "004", "2", "9"]).expect_code(2);
    assert!(run.stderr.contains("has 4 paragraphs"), "{}", run.stderr);
    let run = ws.run(&["similar", "004"]).expect_code(2);
    assert!(run.stderr.contains("ARTICLE"), "{}", run.stderr);
    ws.run(&["similar", "--text", "  "]).expect_code(2);
}

/// The counterparts in the 2013 statement of articles of the 2023 one: a 2013 article counts
/// when it covers the same subject, judged by reading both texts. 2023 articles 5 (transport,
/// flights), 8 (disaster management) and 9 (climate) have none.
const COUNTERPARTS: &[(&str, &[&str])] = &[
    ("1", &["3"]),      // respect for the chosen development path, support for stability
    ("2", &["3", "9"]), // core interests, non-interference; human rights, unilateral sanctions
    ("3", &["2"]),      // government-level mechanisms and contacts (loose)
    ("4", &["4", "6"]), // trade, investment, industrial park; local cooperation
    ("6", &["4"]),      // science and technology cooperation
    ("7", &["9"]),      // terrorism, crime, subversion of governments
    ("10", &["7"]),     // culture, education, language teaching, Confucius Institute
    ("11", &["9"]),     // the UN, its Charter, sanctions, multipolarity
    ("12", &["9"]),     // peaceful settlement of regional conflicts (loose)
    ("13", &["9"]),     // global challenges and security threats (loose)
    ("14", &["9"]),     // the SCO and other multilateral frameworks
];

#[test]
fn cross_lingual_top_3_on_the_seeds() {
    let ws = Workspace::with_seeds();
    let mut in_top_3 = 0;
    let mut report = Vec::new();
    for (article, counterparts) in COUNTERPARTS {
        let found = matches(
            &ws,
            &["004", article, "--cross-lingual", "--lang", "zh", "-n", "3"],
        );
        let got: Vec<String> = found
            .iter()
            .map(|m| m["article"]["number"].as_str().unwrap_or("-").to_string())
            .collect();
        let hit = got.iter().any(|g| counterparts.contains(&g.as_str()));
        in_top_3 += usize::from(hit);
        report.push(format!(
            "2023 art. {article} → 2013 {counterparts:?}: top 3 {got:?}"
        ));
    }
    eprintln!("{}", report.join("\n"));
    // 10 of 11 when this was written (2023 art. 3 misses): a regression fails here.
    assert!(
        in_top_3 >= 10,
        "{in_top_3} of {}:\n{}",
        COUNTERPARTS.len(),
        report.join("\n")
    );
}
