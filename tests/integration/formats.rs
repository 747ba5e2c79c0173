//! Inputs people really have: encodings, HTML pages, Markdown, CRLF, front matter,
//! traditional characters — each from a fixture in `tests/fixtures/`.

use serde_json::Value;

use crate::util::{self, Workspace};

fn with_fixtures(names: &[&str]) -> Workspace {
    util::with_fixtures("", names)
}

fn parse(ws: &Workspace, name: &str) -> Value {
    util::parse_json(ws, name)
}

fn hit_texts(ws: &Workspace, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["query", "--json", "--limit", "50"];
    all.extend_from_slice(args);
    let run = ws.run(&all);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json_lines()
        .into_iter()
        .filter(|l| l["type"] == "hit")
        .map(|l| {
            (
                l["data"]["doc"]["id"].as_str().unwrap().to_string(),
                l["data"]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_encoding_gives_the_same_document() {
    let names = [
        "zh_utf8_bom.txt",
        "zh_utf16le.txt",
        "zh_utf16be.txt",
        "zh_gb18030.txt",
    ];
    let ws = with_fixtures(&names);
    for name in names {
        let doc = parse(&ws, name);
        assert_eq!(
            doc["title"], "中华人民共和国和示例共和国联合声明（测试样例）",
            "{name}"
        );
        assert_eq!(doc["lang"], "zh");
        assert_eq!(doc["articles"].as_array().unwrap().len(), 3, "{name}");
        assert_eq!(doc["dates"]["signed"], "2024-05-20", "{name}");
        assert_eq!(doc["place"], "Beijing", "{name}");
        assert!(
            !doc["clauses"][0]["text"]
                .as_str()
                .unwrap()
                .starts_with('\u{feff}')
        );
    }
    let hits = hit_texts(&ws, &["--no-collapse", "上海合作组织"]);
    let mut docs: Vec<&str> = hits.iter().map(|h| h.0.as_str()).collect();
    docs.sort();
    assert_eq!(
        docs,
        ["zh_gb18030", "zh_utf16be", "zh_utf16le", "zh_utf8_bom"]
    );
}

#[test]
fn undecodable_bytes_are_a_warning_naming_the_file_and_the_reason() {
    let ws = with_fixtures(&["zh_gb18030.txt"]);
    ws.write(
        "corpus/noise.txt",
        [0x81u8, 0x20, 0xFF, 0xFE, 0x80, 0x81, 0x30, 0xC0],
    );
    let run = ws.run(&["index"]).expect_code(2);
    assert!(
        run.stderr.contains("noise.txt") && run.stderr.contains("not valid UTF-8"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("1 added"), "{}", run.stdout);
}

#[test]
fn html_pages_keep_their_paragraphs_and_lose_their_furniture() {
    let ws = with_fixtures(&["zh_page.html"]);
    let doc = parse(&ws, "zh_page.html");
    assert_eq!(
        doc["title"],
        "中华人民共和国和示例共和国关于深化合作的联合声明（测试样例）"
    );
    assert_eq!(doc["dates"]["signed"], "2024-06-01");
    assert_eq!(doc["place"], "Minsk");
    let numbers: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2"]);
    let all: String = doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    for furniture in [
        "not content",
        "首页",
        "版权所有",
        "打印本页",
        "<p>",
        "margin",
    ] {
        assert!(!all.contains(furniture), "{furniture} leaked into {all}");
    }
    let hits = hit_texts(&ws, &["一带一路"]);
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].1.contains("“一带一路”"),
        "entities decoded: {}",
        hits[0].1
    );
}

#[test]
fn markdown_headings_give_the_whole_path() {
    let ws = with_fixtures(&["en_treaty.md"]);
    let doc = parse(&ws, "en_treaty.md");
    assert_eq!(
        doc["title"],
        "Agreement on Scientific Cooperation (test fixture)"
    );
    assert_eq!(doc["divisions"].as_array().unwrap().len(), 2);
    let contact = doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap()
                .contains("contact points shall meet")
        })
        .unwrap();
    assert_eq!(
        contact["article"]["path"],
        serde_json::json!(["Chapter 1", "Article 2", "2."])
    );
    assert_eq!(doc["dates"]["signed"], "2021-03-03");
    let run = ws.run(&["query", "contact points meet"]).expect_code(0);
    assert!(
        // The article's own heading is not repeated beside its number; the chapter and the
        // numbered paragraph are shown.
        run.stdout.contains("art. 2 (Chapter 1 › 2.)"),
        "{}",
        run.stdout
    );
}

#[test]
fn crlf_text_has_clean_clauses() {
    let ws = with_fixtures(&["en_crlf.txt"]);
    let doc = parse(&ws, "en_crlf.txt");
    assert!(
        doc["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| !c["text"].as_str().unwrap().contains('\r'))
    );
    assert_eq!(doc["dates"]["signed"], "2015-06-17");
    assert_eq!(doc["place"], "Canberra");
    assert_eq!(doc["articles"][1]["line"], 8);
}

#[test]
fn front_matter_toml_and_yaml_override_and_keep_unknown_keys() {
    let ws = with_fixtures(&["en_toml_frontmatter.txt", "zh_yaml_frontmatter.txt"]);
    let toml = parse(&ws, "en_toml_frontmatter.txt");
    assert_eq!(toml["title"], "Memorandum on Fisheries (test fixture)");
    assert_eq!(toml["dates"]["signed"], "2019-09-09");
    assert_eq!(toml["place"], "Reykjavik");
    assert_eq!(toml["parties"], serde_json::json!(["Iceland", "China"]));
    assert_eq!(toml["meta"]["type"], "memorandum");
    let yaml = parse(&ws, "zh_yaml_frontmatter.txt");
    assert_eq!(yaml["title"], "示例议定书（测试样例）");
    assert_eq!(yaml["parties"], serde_json::json!(["China", "Belarus"]));
    assert_eq!(yaml["meta"]["curator"], "treatysearch tests");
    assert_eq!(yaml["articles"][0]["line"], 11);
    // Parties in either language find the same documents.
    assert_eq!(hit_texts(&ws, &["--party", "白俄罗斯", "农业"]).len(), 1);
    assert_eq!(
        hit_texts(&ws, &["--party", "Iceland", "fisheries"]).len(),
        1
    );
}

#[test]
fn traditional_characters_are_found_by_simplified_queries_and_shown_as_written() {
    let ws = with_fixtures(&["zh_traditional.txt"]);
    let run = ws.run(&["query", "--json", "一带一路"]).expect_code(0);
    let hit = &run.json_lines()[0]["data"];
    let text = hit["text"].as_str().unwrap();
    assert!(text.contains("「一帶一路」"), "{text}");
    let [s, e] = [
        hit["highlights"][0][0].as_u64().unwrap() as usize,
        hit["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    assert_eq!(&text[s..e], "一帶一路");
    // And the other way round.
    ws.run(&["query", "聯合國"]).expect_code(0);
    let doc = parse(&ws, "zh_traditional.txt");
    assert_eq!(doc["place"], "Beijing");
}

#[test]
fn party_filter_finds_both_seeds_in_either_language() {
    let ws = Workspace::with_seeds();
    for party in ["Belarus", "白俄罗斯", "Republic of Belarus"] {
        let run = ws.run(&[
            "query", "--json", "--limit", "100", "--party", party, "China",
        ]);
        let mut docs: Vec<String> = run
            .json_lines()
            .into_iter()
            .filter(|l| l["type"] == "hit")
            .map(|l| l["data"]["doc"]["id"].as_str().unwrap().to_string())
            .collect();
        docs.sort();
        docs.dedup();
        assert_eq!(
            docs.len(),
            1,
            "English query finds only the English seed: {docs:?}"
        );
        let zh = ws
            .run(&["query", "--json", "--party", party, "中国"])
            .expect_code(0);
        assert!(zh.json_lines().len() > 1);
    }
    // A party no document has is an error that names the parties there are, not "no hits".
    let run = ws
        .run(&["query", "--party", "Russia", "China"])
        .expect_code(2);
    assert!(
        run.stderr
            .contains("--party Russia: no document in the index has this party")
            && run.stderr.contains("Belarus (白俄罗斯)"),
        "{}",
        run.stderr
    );
}
