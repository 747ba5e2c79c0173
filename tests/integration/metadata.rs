//! Titles and parties on documents written for these tests (not in the repo's corpus): a
//! statement with a state the party table does not know, an FTA whose title spans lines, a
//! treaty without a title line, a page with a breadcrumb, a statement numbered only （一）.

use std::fs;

use serde_json::Value;

use crate::util::{SEED_2013, Workspace, repo_corpus};

fn parse(ws: &Workspace, rel: &str, text: &str) -> Value {
    ws.write(&format!("corpus/{rel}"), text);
    let run = ws
        .run(&["parse", "--json", &format!("corpus/{rel}")])
        .expect_code(0);
    run.json_lines()
        .into_iter()
        .next()
        .expect("one JSON object")["data"]
        .take()
}

const ALDORIA_ZH: &str = "首页 > 外交部 > 双边关系\n\n中华人民共和国和阿尔多利亚共和国联合声明（全文）\n\n2024-05-06 10:00\n\n应中华人民共和国主席邀请，阿尔多利亚共和国总统于2024年5月4日至6日对中国进行国事访问。\n\n一、双方同意深化合作。\n\n二、双方支持多边主义。挪威王国和瑞典王国的经验值得借鉴。\n";

const ALDORIA_EN: &str = "Joint Statement between the People's Republic of China and the Republic of Aldoria on Comprehensive Partnership\n\nThe two sides held talks.\n\n1. Both sides agree to deepen cooperation, as the Kingdom of Norway and the Republic of Finland did.\n\n2. Both sides support multilateralism.\n";

#[test]
fn an_unknown_state_is_a_party_as_written_and_never_the_breadcrumb() {
    let ws = Workspace::empty();
    let zh = parse(&ws, "aldoria_zh.txt", ALDORIA_ZH);
    assert_eq!(zh["title"], "中华人民共和国和阿尔多利亚共和国联合声明");
    assert_eq!(zh["title_derived"], false);
    assert_eq!(
        zh["parties"],
        serde_json::json!(["China", "阿尔多利亚共和国"])
    );
    let en = parse(&ws, "aldoria_en.txt", ALDORIA_EN);
    assert_eq!(
        en["parties"],
        serde_json::json!(["China", "Republic of Aldoria"]),
        "third countries in the body are not parties"
    );
}

#[test]
fn party_filter_finds_an_unknown_state_by_its_short_name() {
    let ws = Workspace::empty();
    ws.write("corpus/aldoria_zh.txt", ALDORIA_ZH);
    ws.write("corpus/aldoria_en.txt", ALDORIA_EN);
    ws.write(
        "corpus/other.txt",
        "Joint Statement between China and Belarus\n\nBoth sides agree to deepen cooperation.\n",
    );
    let hits = |party: &str, query: &str| -> Vec<String> {
        let run = ws.run(&["query", "--json", "--party", party, query]);
        run.json_lines()
            .iter()
            .filter(|l| l["type"] == "hit")
            .map(|l| l["data"]["doc"]["path"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let en = hits("Aldoria", "cooperation");
    assert!(
        !en.is_empty() && en.iter().all(|p| p.ends_with("aldoria_en.txt")),
        "{en:?}"
    );
    let en = hits("Republic of Aldoria", "cooperation");
    assert!(
        !en.is_empty() && en.iter().all(|p| p.ends_with("aldoria_en.txt")),
        "{en:?}"
    );
    let zh = hits("阿尔多利亚", "合作");
    assert!(
        !zh.is_empty() && zh.iter().all(|p| p.ends_with("aldoria_zh.txt")),
        "{zh:?}"
    );
    assert!(hits("Atlantis", "cooperation").is_empty());
}

#[test]
fn a_title_spanning_lines_is_joined_and_its_parties_found() {
    let ws = Workspace::empty();
    let doc = parse(
        &ws,
        "fta.txt",
        "FREE TRADE AGREEMENT\nBETWEEN\nTHE REPUBLIC OF ALDORIA\nAND\nTHE UNITED MEXICAN STATES\n\n\nPREAMBLE\n\nThe Republic of Aldoria and the United Mexican States (hereinafter \"the Parties\"), recalling their agreements with the Kingdom of Norway,\n\nARTICLE 1\nObjectives\n\nThe Parties establish a free trade area.\n\nARTICLE 2\nCumulation\n\nMaterials originating in Switzerland may be used.\n\nDone at Mexico City, this 10th day of April 2000.\n\nFor the Republic of Aldoria\n\nFor the United Mexican States\n",
    );
    assert_eq!(
        doc["title"],
        "Free Trade Agreement between the Republic of Aldoria and the United Mexican States"
    );
    assert_eq!(
        doc["parties"],
        serde_json::json!(["Republic of Aldoria", "Mexico"])
    );
}

#[test]
fn a_text_without_a_title_line_gets_a_derived_title() {
    let ws = Workspace::empty();
    let doc = parse(
        &ws,
        "untitled.txt",
        "Preamble  Japan and the Kingdom of Thailand (hereinafter referred to in this Agreement as \"the Parties\"),  Conscious of their ties with Singapore;\n\nArticle 1\nGeneral\n\nThe Parties shall cooperate.\n\nArticle 2\nMore\n\nThe Parties shall trade.\n",
    );
    assert_eq!(doc["title"], "Agreement — Japan, Thailand");
    assert_eq!(doc["title_derived"], true);
    assert_eq!(doc["parties"], serde_json::json!(["Japan", "Thailand"]));

    // Neither title nor kind nor parties: the file name, marked derived.
    let doc = parse(
        &ws,
        "speech_1970.txt",
        "1.\tMay I congratulate you, Sir.\n\n2.\tWe meet again.\n",
    );
    assert_eq!(doc["title"], "speech_1970");
    assert_eq!(doc["title_derived"], true);
}

#[test]
fn a_statement_numbered_only_with_parenthesized_numbers_has_articles() {
    let ws = Workspace::empty();
    let doc = parse(
        &ws,
        "paren.txt",
        "中华人民共和国和白俄罗斯共和国联合公报\n\n双方一致同意：\n\n（一）加强政治互信。\n\n（二）扩大经贸合作。\n\n（三）深化人文交流。\n",
    );
    let numbers: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
    assert_eq!(doc["parties"], serde_json::json!(["China", "Belarus"]));
}

#[test]
fn the_2013_seed_without_its_sidecar_drops_the_category_tag() {
    let ws = Workspace::empty();
    let text = fs::read(repo_corpus().join(format!("{SEED_2013}.txt"))).expect("seed");
    ws.write("corpus/seed.txt", text);
    let run = ws
        .run(&["parse", "--json", "corpus/seed.txt"])
        .expect_code(0);
    let doc = &run.json_lines()[0]["data"];
    assert_eq!(
        doc["title"],
        "中华人民共和国和白俄罗斯共和国关于建立全面战略伙伴关系的联合声明"
    );
    assert_eq!(doc["title_derived"], false);
    assert_eq!(doc["parties"], serde_json::json!(["China", "Belarus"]));
}

#[test]
fn party_filter_in_either_language_finds_the_seeds() {
    let ws = Workspace::with_seeds();
    for party in [
        "Belarus",
        "白俄罗斯",
        "the Republic of Belarus",
        "白俄罗斯共和国",
    ] {
        let run = ws
            .run(&["query", "--json", "--party", party, "Belt and Road"])
            .expect_code(0);
        let hits = run
            .json_lines()
            .iter()
            .filter(|l| l["type"] == "hit")
            .count();
        assert!(hits > 0, "--party {party}");
    }
}

#[test]
fn hostile_heads_give_no_title_fragment() {
    let ws = Workspace::empty();
    for (name, text) in [
        ("ctrl.txt", "\u{1b}[31mARTICLE 1\u{7}\n\nText.\n"),
        ("long.txt", &"Agreement ".repeat(200)),
        (
            "crumb.txt",
            "Home > News > Statements\n\nArticle 1\n\nText.\n",
        ),
        (
            "dates.txt",
            "2024-01-01\n\nMarch 1, 2023\n\n第一条 内容。\n",
        ),
    ] {
        let doc = parse(&ws, name, text);
        let title = doc["title"].as_str().unwrap();
        assert!(
            !title.contains("ARTICLE") && !title.contains('>'),
            "{name}: {title:?}"
        );
        assert!(title.chars().count() <= 300, "{name}");
    }
}
