//! `treatysearch query`: the hits of the example queries on the two seeds.

use crate::util::{SEED_2013, SEED_2023, Workspace};

/// (doc id, article number, text) of each hit, from `--json`.
fn hits(ws: &Workspace, query: &str) -> Vec<(String, Option<String>, String)> {
    let run = ws
        .run(&["query", "--json", "--limit", "50", query])
        .expect_code(0);
    run.json_lines()
        .into_iter()
        .filter(|l| l["type"] == "hit")
        .map(|l| {
            let d = &l["data"];
            (
                d["doc"]["id"].as_str().unwrap().to_string(),
                d["article"]["number"].as_str().map(str::to_string),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn fresh_corpus_is_indexed_on_first_query_and_belt_and_road_finds_articles_4_6_8() {
    let ws = Workspace::with_seeds();
    let run = ws.run(&["query", "Belt and Road"]).expect_code(0);
    assert!(run.stderr.contains("building it"), "stderr: {}", run.stderr);
    assert!(ws.index().join("meta.json").is_file());
    assert!(!run.stdout.contains('\x1b'), "piped output must be plain");
    assert!(run.stdout.contains("2023-03-01"), "{}", run.stdout);
    assert!(
        run.stdout.contains("art. 4")
            && run.stdout.contains("art. 6")
            && run.stdout.contains("art. 8")
    );

    let mut found: Vec<String> = hits(&ws, "Belt and Road")
        .into_iter()
        .map(|(doc, article, text)| {
            assert_eq!(doc, SEED_2023);
            assert!(text.contains("Belt and Road"), "{text}");
            article.unwrap()
        })
        .collect();
    found.sort();
    assert_eq!(found, ["4", "6", "8"]);

    // The second query finds the index up to date and says nothing about it.
    let again = ws.run(&["query", "Belt and Road"]).expect_code(0);
    assert!(again.stderr.is_empty(), "stderr: {}", again.stderr);
}

#[test]
fn highlights_are_coloured_only_when_asked() {
    let ws = Workspace::with_seeds();
    let plain = ws.run(&["query", "color revolution"]).expect_code(0);
    assert!(!plain.stdout.contains('\x1b'));
    let coloured = ws
        .run(&["query", "--color", "always", "color revolution"])
        .expect_code(0);
    assert!(
        coloured
            .stdout
            .contains("\x1b[1;31mcolor revolution\x1b[0m"),
        "{}",
        coloured.stdout
    );
    let no_color = ws
        .run_env(
            &["query", "--color", "auto", "color revolution"],
            &[("NO_COLOR", "1")],
        )
        .expect_code(0);
    assert!(!no_color.stdout.contains('\x1b'));
}

#[test]
fn chinese_queries_find_their_articles() {
    let ws = Workspace::with_seeds();
    let one_china = hits(&ws, "一个中国");
    assert_eq!(one_china[0].0, SEED_2013);
    assert_eq!(one_china[0].1.as_deref(), Some("3"));
    assert!(
        one_china[0].2.starts_with("白方重申坚定奉行一个中国政策"),
        "{}",
        one_china[0].2
    );

    let partnership = hits(&ws, "全面战略伙伴关系");
    assert!(partnership.len() >= 3, "{partnership:?}");
    assert!(
        partnership
            .iter()
            .all(|h| h.0 == SEED_2013 && h.2.contains("全面战略伙伴关系"))
    );

    let chernobyl = hits(&ws, "切尔诺贝利");
    assert_eq!(chernobyl.len(), 1);
    assert_eq!(chernobyl[0].1.as_deref(), Some("7"));
}

#[test]
fn english_queries_are_stemmed_and_phrases_respected() {
    let ws = Workspace::with_seeds();
    let color = hits(&ws, "color revolution");
    assert_eq!(color.len(), 1);
    assert_eq!(
        (color[0].0.as_str(), color[0].1.as_deref()),
        (SEED_2023, Some("7"))
    );

    let cooperate = hits(&ws, "cooperate");
    assert!(
        cooperate
            .iter()
            .any(|h| h.2.contains("cooperation") && !h.2.contains("cooperate"))
    );

    // A phrase must be contiguous; the same words apart do not match it.
    assert!(hits(&ws, "\"Belt and Road\"").len() == 3);
    ws.run(&["query", "\"road and belt\""]).expect_code(1);
}

#[test]
fn exclusion_leaves_clauses_out() {
    let ws = Workspace::with_seeds();
    let all = hits(&ws, "Belt and Road");
    let without = hits(&ws, "Belt and Road -disaster");
    assert_eq!(without.len(), all.len() - 1);
    assert!(without.iter().all(|h| !h.2.contains("disaster")));
}

#[test]
fn limit_and_offset_page_through_hits() {
    let ws = Workspace::with_seeds();
    let all = hits(&ws, "cooperation");
    assert!(all.len() > 4);
    let run = ws
        .run(&[
            "query",
            "--json",
            "--limit",
            "2",
            "--offset",
            "2",
            "cooperation",
        ])
        .expect_code(0);
    let lines = run.json_lines();
    let texts: Vec<&str> = lines
        .iter()
        .filter(|l| l["type"] == "hit")
        .map(|l| l["data"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, [all[2].2.as_str(), all[3].2.as_str()]);
    let summary = lines.last().unwrap();
    assert_eq!(summary["data"]["hit_count"], all.len());
    assert_eq!(summary["data"]["returned"], 2);
}

#[test]
fn or_and_parentheses_combine() {
    let ws = Workspace::with_seeds();
    let democracy = hits(&ws, "democracy");
    let human_rights = hits(&ws, "人权");
    let either = hits(&ws, "democracy OR 人权");
    assert_eq!(either.len(), democracy.len() + human_rights.len());
    let grouped = hits(&ws, "(民主 OR 人权) 干涉");
    assert!(!grouped.is_empty());
    assert!(
        grouped
            .iter()
            .all(|h| h.2.contains("干涉") && (h.2.contains("民主") || h.2.contains("人权")))
    );
    let excluded = hits(&ws, "cooperation -(Belarus OR China)");
    assert!(
        excluded
            .iter()
            .all(|h| !h.2.contains("Belarus") && !h.2.contains("China"))
    );
}

#[test]
fn hostile_queries_are_clear_errors_never_panics() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    let long = "word ".repeat(20_000);
    for (q, needle) in [
        ("(Belt", "never closed"),
        ("Belt)", "no matching"),
        ("OR", "OR needs"),
        ("a OR", "OR needs"),
        ("，。！？", "no words"),
        ("🙂🙂", "no words"),
        ("\u{1}\u{2}", "empty"),
        (long.as_str(), "limit"),
    ] {
        let run = ws.run(&["query", "--", q]).expect_code(2);
        assert!(run.stderr.contains(needle), "{q:.20}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    // Mixed scripts and right-to-left text are sensible searches that find nothing here
    // with every word; relaxed, the mixed one finds the English words.
    ws.run(&["query", "--strict", "Belt 一带一路 Road"])
        .expect_code(1);
    let relaxed = ws.run(&["query", "Belt 一带一路 Road"]).expect_code(0);
    assert!(
        relaxed
            .stdout
            .contains("showing clauses with 2 of 3 words (without 一带一路)"),
        "{}",
        relaxed.stdout
    );
    for q in ["مرحبا بالعالم", "שלום"] {
        ws.run(&["query", q]).expect_code(1);
    }
}

#[test]
fn cross_lingual_search_crosses_in_both_directions() {
    let ws = Workspace::with_seeds();
    let run = ws
        .run(&[
            "query",
            "-x",
            "comprehensive strategic partnership",
            "--limit",
            "20",
        ])
        .expect_code(0);
    assert!(
        run.stdout.contains("2013-07-16") && run.stdout.contains("2023-03-01"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("cross-lingual: comprehensive strategic partnership → 全面战略伙伴关系")
    );
    // Without -x the Chinese term finds nothing in these two statements.
    ws.run(&["query", "颜色革命"]).expect_code(1);
    let run = ws
        .run(&["query", "--json", "-x", "颜色革命"])
        .expect_code(0);
    let lines = run.json_lines();
    assert_eq!(lines[0]["data"]["doc"]["id"], SEED_2023);
    assert_eq!(lines[0]["data"]["article"]["number"], "7");
    // Without a glossary term the query is searched as typed, and the summary says so.
    let run = ws.run(&["query", "-x", "glaciology"]).expect_code(1);
    assert!(run.stdout.contains("the glossary knows no word"));
    // A glossary of one's own extends the built-in one.
    ws.write("mine.tsv", "中白工业园\tGreat Stone\n");
    let run = ws.run(&[
        "query",
        "-x",
        "--glossary",
        "mine.tsv",
        "--json",
        "Great Stone",
    ]);
    let summary = run.json_lines().pop().unwrap();
    assert_eq!(
        summary["data"]["expansion"]["pairs"][0],
        serde_json::json!({"zh": "中白工业园", "en": "Great Stone"})
    );
}

#[test]
fn folding_of_width_quotes_case_and_script() {
    let ws = Workspace::with_seeds();
    ws.write(
        "corpus/folding.txt",
        "Folding fixture\n\n一、双方支持“一带一路”倡议，APEC会议于１９９２年举行。\n\n二、THE BELT AND ROAD IN CAPITALS.\n",
    );
    let texts = |q: &str| -> Vec<String> { hits(&ws, q).into_iter().map(|h| h.2).collect() };
    // Quotes and punctuation do not separate words from their compound.
    assert!(
        texts("一带一路倡议")
            .iter()
            .any(|t| t.contains("“一带一路”倡议"))
    );
    // Full-width forms are found by ASCII and the other way round.
    assert!(texts("ＢＥＬＴ").iter().any(|t| t.contains("CAPITALS")));
    assert!(texts("1992").iter().any(|t| t.contains("１９９２")));
    assert!(texts("ａｐｅｃ").iter().any(|t| t.contains("APEC")));
    // Case, and traditional characters in the query.
    assert!(texts("belt and road").len() >= 4);
    assert!(texts("一帶一路").iter().any(|t| t.contains("一带一路")));
}

#[test]
fn filters_restrict_hits_by_language_date_document() {
    let ws = Workspace::with_seeds();
    let count = |args: &[&str]| -> usize {
        let mut all = vec!["query", "--json", "--limit", "100"];
        all.extend_from_slice(args);
        let run = ws.run(&all);
        assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
        run.json_lines().last().unwrap()["data"]["hit_count"]
            .as_u64()
            .unwrap() as usize
    };
    let both = count(&["-x", "cooperation"]);
    let en = count(&["-x", "--lang", "en", "cooperation"]);
    let zh = count(&["-x", "--lang", "zh", "cooperation"]);
    assert!(en > 0 && zh > 0 && en + zh == both, "{en} + {zh} != {both}");
    assert_eq!(count(&["-x", "--since", "2020", "cooperation"]), en);
    assert_eq!(count(&["-x", "--until", "2013-07-16", "cooperation"]), zh);
    assert_eq!(count(&["-x", "--until", "2013-07-15", "cooperation"]), 0);
    assert_eq!(
        count(&["-x", "--since", "2013-07", "--until", "2013", "cooperation"]),
        zh
    );
    assert_eq!(count(&["--doc", SEED_2013, "-x", "cooperation"]), zh);
    let run = ws
        .run(&["query", "--since", "2023-02-30", "x"])
        .expect_code(2);
    assert!(run.stderr.contains("not a date"), "{}", run.stderr);
    ws.run(&["query", "--lang", "fr", "x"]).expect_code(2);
}

#[test]
fn words_inside_chinese_compounds_are_found_and_whole_words_rank_first() {
    let ws = Workspace::empty();
    ws.write(
        "corpus/compound.txt",
        "复合词样例\n\n一、中华人民共和国成立七十五周年。\n\n二、共和国的宪法是根本法。\n\n三、双方建立全面战略伙伴关系。\n",
    );
    let found = hits(&ws, "共和国");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].2.starts_with("二、"),
        "the whole word ranks first: {found:?}"
    );
    assert!(found[1].2.contains("中华人民共和国"));
    assert_eq!(hits(&ws, "人民共和国").len(), 1);
    assert_eq!(hits(&ws, "伙伴关系").len(), 1);
    // The highlight covers exactly the characters asked for, inside the compound.
    let run = ws.run(&["query", "--json", "人民共和国"]).expect_code(0);
    let hit = &run.json_lines()[0]["data"];
    let text = hit["text"].as_str().unwrap();
    let [s, e] = [
        hit["highlights"][0][0].as_u64().unwrap() as usize,
        hit["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    assert_eq!(&text[s..e], "人民共和国");
}
