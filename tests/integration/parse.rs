//! `treatysearch parse`: the document model of the seeds, structure and dates.

use serde_json::Value;

use crate::util::{SEED_2013, SEED_2023, Workspace, repo_corpus};

fn parse_json(ws: &Workspace, file: &str) -> Value {
    let run = ws.run(&["parse", "--json", file]).expect_code(0);
    let mut lines = run.json_lines();
    assert_eq!(lines.len(), 2, "a document and a summary expected");
    assert_eq!(lines[0]["type"], "document");
    assert_eq!(lines[1]["data"]["command"], "parse");
    lines[0]["data"].take()
}

/// The article of every clause, in order, collapsed: `preamble`, `1`, `2`, …, `signature`.
fn article_sequence(doc: &Value) -> Vec<String> {
    let mut seq: Vec<String> = Vec::new();
    for c in doc["clauses"].as_array().unwrap() {
        let a = &c["article"];
        let name = match a["part"].as_str().unwrap() {
            "article" => a["number"].as_str().unwrap().to_string(),
            other => other.to_string(),
        };
        if seq.last() != Some(&name) {
            seq.push(name);
        }
    }
    seq
}

fn expected(last: usize) -> Vec<String> {
    let mut v = vec!["preamble".to_string()];
    v.extend((1..=last).map(|n| n.to_string()));
    v.push("signature".into());
    v
}

#[test]
fn seed_2013_structure_dates_and_parties() {
    let ws = Workspace::with_seeds();
    let doc = parse_json(&ws, &format!("corpus/{SEED_2013}.txt"));
    assert_eq!(doc["lang"], "zh");
    assert_eq!(
        doc["title"],
        "中华人民共和国和白俄罗斯共和国关于建立全面战略伙伴关系的联合声明"
    );
    assert_eq!(doc["dates"]["published"], "2013-07-17");
    assert_eq!(doc["dates"]["signed"], "2013-07-16");
    assert_eq!(doc["place"], "Beijing");
    assert_eq!(doc["parties"], serde_json::json!(["China", "Belarus"]));
    assert_eq!(article_sequence(&doc), expected(10));
    let labels: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"
        ]
    );

    let clauses = doc["clauses"].as_array().unwrap();
    // Paragraphs split at the full-width spaces; boilerplate is not content.
    assert!(clauses.len() > 30);
    assert!(clauses.iter().all(|c| {
        let t = c["text"].as_str().unwrap();
        !t.contains("打印本页") && !t.contains("字体") && !t.starts_with('\u{3000}')
    }));
    let one_china = clauses
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap()
                .starts_with("白方重申坚定奉行一个中国政策")
        })
        .unwrap();
    assert_eq!(one_china["article"]["number"], "3");
    // Spans point at the text in the file.
    let source = std::fs::read_to_string(repo_corpus().join(format!("{SEED_2013}.txt"))).unwrap();
    for c in clauses {
        let [s, e] = [
            c["span"][0].as_u64().unwrap() as usize,
            c["span"][1].as_u64().unwrap() as usize,
        ];
        assert_eq!(&source[s..e], c["text"].as_str().unwrap());
        assert_eq!(c["line"], 1);
    }
    let signature: Vec<&str> = clauses
        .iter()
        .filter(|c| c["article"]["part"] == "signature")
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        signature
            .last()
            .unwrap()
            .ends_with("二0一三年七月十六日于北京")
    );
    assert!(
        signature.iter().all(|t| !t.contains("商定")),
        "{signature:?}"
    );
}

#[test]
fn seed_2023_structure_with_lost_article_1() {
    let ws = Workspace::with_seeds();
    let doc = parse_json(&ws, &format!("corpus/{SEED_2023}.txt"));
    assert_eq!(doc["lang"], "en");
    assert_eq!(doc["dates"]["published"], "2023-12-28");
    assert_eq!(doc["dates"]["signed"], "2023-03-01");
    assert_eq!(doc["place"], "Beijing");
    assert_eq!(doc["parties"], serde_json::json!(["China", "Belarus"]));
    assert_eq!(article_sequence(&doc), expected(14));
    let articles = doc["articles"].as_array().unwrap();
    assert_eq!(
        articles[0],
        serde_json::json!({"label": null, "number": "1", "line": 12})
    );
    assert_eq!(
        articles[1],
        serde_json::json!({"label": "2、", "number": "2", "line": 16})
    );
    assert_eq!(articles[13]["line"], 90);
    let first_article_clause = doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["article"]["number"] == "1")
        .unwrap();
    assert!(
        first_article_clause["text"]
            .as_str()
            .unwrap()
            .starts_with("Promote the great rejuvenation")
    );
}

#[test]
fn raw_seed_without_sidecar_infers_its_metadata() {
    let ws = Workspace::empty();
    std::fs::copy(
        repo_corpus().join(format!("{SEED_2023}.txt")),
        ws.path().join("s.txt"),
    )
    .unwrap();
    let doc = parse_json(&ws, "s.txt");
    assert_eq!(
        doc["title"],
        "Joint statement on the all-weather comprehensive strategic partnership between China and Belarus"
    );
    assert_eq!(doc["dates"]["signed"], "2023-03-01");
}

#[test]
fn text_output_is_readable() {
    let ws = Workspace::with_seeds();
    let run = ws
        .run(&["parse", &format!("corpus/{SEED_2013}.txt")])
        .expect_code(0);
    assert!(run.stdout.contains("signed 2013-07-16"), "{}", run.stdout);
    assert!(run.stdout.contains("parties:  China, Belarus"));
    assert!(run.stdout.contains("articles: 10"));
    // parse never touches the index.
    assert!(!ws.index().exists());
}
