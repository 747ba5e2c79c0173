//! The selection flags (`--lang`, `--party`, `--doc`, `--since`, `--until`, `-x`) are the same
//! on `query`, `timeline` and `similar`, are checked against the index (exit 2 with one line
//! that says why, never a silent "no hits"), and select the same clauses everywhere. Also what
//! a hit shows: its paragraph (¶), a shortened title, and a summary that says what was shown.

use crate::util::{Run, SEED_2013, SEED_2023, Workspace};

/// The three commands that select clauses, each with the selection flags `extra`.
fn each_command(ws: &Workspace, extra: &[&str]) -> Vec<(&'static str, Run)> {
    ws.run(&["index"]).expect_code(0);
    let commands: [(&str, &[&str]); 3] = [
        ("query", &["query", "partnership"]),
        ("timeline", &["timeline", "partnership"]),
        ("similar", &["similar", "004", "2", "1", "-x"]),
    ];
    commands
        .into_iter()
        .map(|(name, args)| {
            let mut all = args.to_vec();
            all.extend_from_slice(extra);
            (name, ws.run(&all))
        })
        .collect()
}

fn one_line_error(run: &Run, says: &[&str]) {
    assert_eq!(run.code, 2, "stdout {}\nstderr {}", run.stdout, run.stderr);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("treatysearch: ") && !l.contains("indexed"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    for s in says {
        assert!(errors[0].contains(s), "{s:?} not in {}", errors[0]);
    }
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn an_unknown_or_ambiguous_doc_is_an_error_naming_the_candidates_everywhere() {
    let ws = Workspace::with_seeds();
    for (name, run) in each_command(&ws, &["--doc", "0"]) {
        eprintln!("{name}");
        one_line_error(
            &run,
            &["--doc 0", "could be 2 documents", SEED_2013, SEED_2023],
        );
    }
    for (name, run) in each_command(&ws, &["--doc", "nothing-like-it"]) {
        eprintln!("{name}");
        one_line_error(
            &run,
            &["--doc nothing-like-it", "no document `nothing-like-it`"],
        );
    }
}

#[test]
fn doc_takes_an_id_a_prefix_or_a_path() {
    let ws = Workspace::with_seeds();
    let path = format!("corpus/{SEED_2023}.txt");
    for doc in [SEED_2023, "004", path.as_str()] {
        let run = ws
            .run(&["query", "--json", "--limit", "100", "--doc", doc, "China"])
            .expect_code(0);
        let ids: Vec<String> = run
            .json_lines()
            .iter()
            .filter(|l| l["type"] == "hit")
            .map(|l| l["data"]["doc"]["id"].as_str().unwrap().to_string())
            .collect();
        assert!(ids.len() > 3, "{doc}: {ids:?}");
        assert!(ids.iter().all(|id| id == SEED_2023), "{doc}: {ids:?}");
    }
}

#[test]
fn an_unknown_party_names_the_nearest_known_ones_everywhere() {
    let ws = Workspace::with_seeds();
    for (typed, near) in [
        ("Belaru", "Belarus (白俄罗斯)"),
        ("白俄罗", "Belarus (白俄罗斯)"),
    ] {
        for (name, run) in each_command(&ws, &["--party", typed]) {
            eprintln!("{name} --party {typed}");
            one_line_error(
                &run,
                &[
                    &format!("--party {typed}: no document in the index has this party"),
                    &format!("the nearest: {near}"),
                ],
            );
        }
    }
    // Nothing near: the parties there are.
    ws.run(&["index"]).expect_code(0);
    let run = ws.run(&["query", "--party", "Zimbabwe", "China"]);
    one_line_error(
        &run,
        &["the parties in the index: Belarus (白俄罗斯), China (中国)"],
    );
    // Known parties in either language, and the official name, still select.
    for party in ["belarus", "白俄罗斯", "Republic of Belarus", "中国"] {
        ws.run(&["query", "--party", party, "China"]).expect_code(0);
    }
}

#[test]
fn since_after_until_is_an_error_everywhere() {
    let ws = Workspace::with_seeds();
    for (name, run) in each_command(&ws, &["--since", "2020", "--until", "2014-06"]) {
        eprintln!("{name}");
        one_line_error(
            &run,
            &[
                "--since 2020-01-01 is after --until 2014-06-30",
                "swap them",
            ],
        );
    }
}

#[test]
fn timeline_counts_only_the_selected_clauses() {
    let ws = Workspace::with_seeds();
    let years = |extra: &[&str]| -> Vec<(u64, u64)> {
        let mut args = vec!["timeline", "--json", "partnership", "-x"];
        args.extend_from_slice(extra);
        let run = ws.run(&args);
        run.json_lines()
            .iter()
            .filter(|l| l["type"] == "year")
            .filter(|l| l["data"]["clause_count"].as_u64() > Some(0))
            .map(|l| {
                (
                    l["data"]["year"].as_u64().unwrap(),
                    l["data"]["clause_count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let all = years(&[]);
    assert_eq!(
        all.iter().map(|y| y.0).collect::<Vec<_>>(),
        [2013, 2023],
        "with -x, the Chinese statement counts too: {all:?}"
    );
    // Without -x, the English word is not in the Chinese statement.
    let english = ws.run(&["timeline", "--json", "partnership"]);
    assert!(
        !english.stdout.contains("\"year\":2013,\"clauses\""),
        "{}",
        english.stdout
    );
    assert_eq!(years(&["--since", "2020"]), vec![all[1]]);
    assert_eq!(years(&["--lang", "zh"]), vec![all[0]]);
    assert_eq!(years(&["--doc", "000"]), vec![all[0]]);
    ws.run(&["timeline", "partnership", "--until", "2012"])
        .expect_code(1);
}

#[test]
fn similar_takes_x_and_returns_only_selected_candidates() {
    let ws = Workspace::with_seeds();
    let docs = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["similar", "--json", "-n", "50", "004", "2", "1", "-x"];
        args.extend_from_slice(extra);
        let run = ws.run(&args);
        run.json_lines()
            .iter()
            .filter(|l| l["type"] == "match")
            .map(|l| l["data"]["doc"]["id"].as_str().unwrap().to_string())
            .collect()
    };
    let all = docs(&[]);
    assert!(all.iter().any(|d| d == SEED_2013), "{all:?}");
    assert!(docs(&["--since", "2020"]).is_empty());
    assert!(docs(&["--lang", "en"]).is_empty());
    let only = docs(&["--doc", "000", "--party", "China"]);
    assert!(!only.is_empty() && only.iter().all(|d| d == SEED_2013));
    // `--text` too.
    let run = ws
        .run(&[
            "similar",
            "--text",
            "opposes interference in internal affairs",
            "--until",
            "2014",
        ])
        .expect_code(1);
    assert!(run.stdout.contains("no similar clause"), "{}", run.stdout);
}

#[test]
fn hits_show_the_paragraph_that_similar_takes() {
    let ws = Workspace::with_seeds();
    let run = ws
        .run(&["query", "Belt and Road", "--color", "never"])
        .expect_code(0);
    // `art. 6 ¶3  corpus/004_….txt:64 · …`
    let place = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("art. ") && l.contains('¶'))
        .unwrap_or_else(|| panic!("no ¶ in\n{}", run.stdout));
    let (article, rest) = place.trim().split_once(" ¶").unwrap();
    let paragraph = rest.split_whitespace().next().unwrap();
    let article = article
        .trim_start_matches("art. ")
        .split(' ')
        .next()
        .unwrap();
    let hit_text = run
        .stdout
        .lines()
        .skip_while(|l| *l != place)
        .nth(1)
        .unwrap()
        .trim()
        .to_string();
    let json = ws
        .run(&["similar", "--json", "004", article, paragraph])
        .json_lines();
    let source = json.iter().find(|l| l["type"] == "source").unwrap();
    assert_eq!(
        source["data"]["text"].as_str().unwrap().trim(),
        hit_text.trim_start_matches('…').trim_end_matches('…'),
        "¶{paragraph} of art. {article} is not the hit"
    );
}

#[test]
fn hit_headers_shorten_long_titles_as_list_does() {
    let ws = Workspace::with_seeds();
    let run = ws
        .run(&["query", "Belt and Road", "-n", "1"])
        .expect_code(0);
    let header = run.stdout.lines().next().unwrap();
    assert!(header.ends_with("on Further Developing…"), "{header}");
    let list = ws.run(&["list"]).expect_code(0);
    let title = header.split("  ").last().unwrap();
    assert!(list.stdout.contains(title), "{}", list.stdout);
}

#[test]
fn a_label_that_restates_the_number_is_not_repeated() {
    let ws = Workspace::empty();
    ws.write(
        "corpus/agreement.txt",
        "Agreement on Things\n\nArticle 1\n\nThe parties cooperate on widgets.\n\nArticle 2\n\nThe parties cooperate on gadgets.\n",
    );
    let run = ws
        .run(&["query", "cooperate", "--color", "never"])
        .expect_code(0);
    assert!(run.stdout.contains("    art. 2 ¶"), "{}", run.stdout);
    assert!(!run.stdout.contains("(Article"), "{}", run.stdout);
}

#[test]
fn limit_0_and_an_offset_past_the_end_say_what_happened() {
    let ws = Workspace::with_seeds();
    let summary = |args: &[&str]| -> String {
        let run = ws.run(args).expect_code(0);
        run.stdout.lines().last().unwrap().to_string()
    };
    let total = ws
        .run(&["query", "--json", "--limit", "1000", "合作"])
        .json_lines()
        .iter()
        .filter(|l| l["type"] == "hit")
        .count();
    assert!(total > 3);
    let s = summary(&["query", "合作", "--offset", "100"]);
    assert!(
        s.starts_with(&format!("{total} hits; none shown from rank 101 (")),
        "{s}"
    );
    let s = summary(&["query", "合作", "--limit", "0"]);
    assert!(
        s.starts_with(&format!("{total} hits; none shown (--limit 0) (")),
        "{s}"
    );
    let last = (total - 1).to_string();
    let s = summary(&["query", "合作", "--offset", &last]);
    assert!(s.starts_with(&format!("hit {total} of {total} (")), "{s}");
    let s = summary(&["query", "合作", "-n", "2", "--offset", "1"]);
    assert!(s.starts_with(&format!("hits 2–3 of {total} (")), "{s}");
}

#[test]
fn lang_is_completed_with_zh_and_en() {
    let ws = Workspace::empty();
    let run = ws.run(&["completions", "bash"]).expect_code(0);
    // bash's completion of `query --lang`, `timeline --lang` and `similar --lang`.
    let mut cases = 0;
    let lines: Vec<&str> = run.stdout.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.trim() == "--lang)" {
            cases += 1;
            let next = lines[i + 1];
            assert!(
                next.contains("compgen -W \"zh en"),
                "`--lang` completes with {next}"
            );
        }
    }
    assert!(cases >= 3, "--lang completed in {cases} commands");
    // Other spellings are still accepted, and a wrong one is refused with the right ones.
    let ws = Workspace::with_seeds();
    ws.run(&["query", "--lang", "Chinese", "合作"])
        .expect_code(0);
    let run = ws.run(&["query", "--lang", "fr", "合作"]).expect_code(2);
    assert!(
        run.stderr.contains("[possible values: zh, en]"),
        "{}",
        run.stderr
    );
}

#[test]
fn timeline_totals_of_a_year_are_those_of_the_selection() {
    let ws = Workspace::with_seeds();
    // A second document of 2023, in Chinese: the 2023 total is 2 documents, 1 of them English.
    ws.write(
        "corpus/zh_2023.txt",
        "---\ntitle: 关于合作的联合声明\ndate: 2023-05-01\nlang: zh\n---\n一、双方同意加强伙伴关系。\n\n二、双方同意深化合作。\n",
    );
    let year_2023 = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["timeline", "--json", "partnership"];
        args.extend_from_slice(extra);
        let run = ws.run(&args).expect_code(0);
        run.json_lines()
            .into_iter()
            .find(|l| l["type"] == "year" && l["data"]["year"] == 2023)
            .unwrap_or_else(|| panic!("no 2023 in {}", run.stdout))["data"]
            .clone()
    };
    let all = year_2023(&[]);
    assert_eq!(all["corpus_document_count"], 2, "{all}");
    let english = year_2023(&["--lang", "en"]);
    assert_eq!(english["corpus_document_count"], 1, "{english}");
    assert_eq!(english["document_count"], 1, "{english}");
    assert!(
        english["corpus_clause_count"].as_u64() < all["corpus_clause_count"].as_u64(),
        "{english} {all}"
    );
}

#[test]
fn a_whole_article_as_source_is_shown_on_one_line() {
    let ws = Workspace::empty();
    ws.write(
        "corpus/a.txt",
        "Agreement A\n\nArticle 1\n\nThe parties cooperate on widgets.\n\nThey meet every year.\n",
    );
    ws.write(
        "corpus/b.txt",
        "Agreement B\n\nArticle 1\n\nThe parties cooperate on widgets and gadgets.\n",
    );
    let run = ws.run(&["similar", "a", "1", "--color", "never"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let source = run.stdout.lines().nth(1).unwrap();
    assert!(
        source.contains("widgets.") && source.contains(" They meet every year."),
        "{source}"
    );
    assert!(!source.contains("\\n"), "{source}");
}

#[test]
fn help_lists_the_same_selection_flags_under_one_heading() {
    let ws = Workspace::empty();
    let mut sections = Vec::new();
    for command in ["query", "timeline", "similar"] {
        let run = ws.run(&[command, "--help"]).expect_code(0);
        let flags: Vec<String> = run
            .stdout
            .lines()
            .skip_while(|l| l.trim() != "Selection:")
            .skip(1)
            .take_while(|l| !l.ends_with(':') || l.starts_with(' '))
            .filter_map(|l| {
                let l = l.trim_start();
                l.starts_with('-')
                    .then(|| l.split_whitespace().find(|w| w.starts_with("--")))
                    .flatten()
                    .map(|w| w.trim_end_matches(',').to_string())
            })
            .collect();
        sections.push(flags);
    }
    let want = [
        "--lang",
        "--party",
        "--doc",
        "--type",
        "--since",
        "--until",
        "--cross-lingual",
        "--glossary",
    ];
    for flags in &sections {
        assert_eq!(flags, &want, "{sections:?}");
    }
}

#[test]
fn type_selects_documents_of_one_kind_and_an_unknown_type_names_the_known_ones() {
    let ws = Workspace::with_seeds();
    ws.write(
        "corpus/treaty.txt",
        "Agreement between Aldoria and Borduria on Trade\n\nArticle 1\n\nThe Parties shall promote cooperation in trade.\n",
    );
    // Both seeds are joint statements; the agreement is a treaty.
    let statements = ws
        .run(&[
            "query",
            "cooperation",
            "--type",
            "Joint-Statement",
            "--json",
            "-n",
            "50",
        ])
        .expect_code(0)
        .json_lines();
    let hits: Vec<&serde_json::Value> = statements.iter().filter(|l| l["type"] == "hit").collect();
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h["data"]["doc"]["id"] != "treaty"),
        "{hits:?}"
    );
    let treaties = ws
        .run(&["query", "cooperation", "--type", "treaty", "--json"])
        .expect_code(0)
        .json_lines();
    let ids: Vec<&str> = treaties
        .iter()
        .filter(|l| l["type"] == "hit")
        .map(|l| l["data"]["doc"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["treaty"]);
    let err = ws
        .run(&["query", "cooperation", "--type", "memo"])
        .expect_code(2)
        .stderr;
    assert!(
        err.contains("--type memo: no document in the index has this type")
            && err.contains("joint statement")
            && err.contains("treaty"),
        "{err}"
    );
    // The same key in a keywords selection.
    ws.run(&["keywords", "--focus", "type:treaty", "--min-freq", "1"])
        .expect_code(0);
}
