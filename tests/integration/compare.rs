//! `compare`: two clauses word by word, jieba words for Chinese.

use crate::util::{SEED_2013, Workspace};

fn statements() -> Workspace {
    let ws = Workspace::with_seeds();
    ws.write(
        "corpus/a.txt",
        "联合声明甲\n\n一、双方支持白俄罗斯维护国家独立。\n\n二、双方将加强文化交流。\n",
    );
    ws.write(
        "corpus/b.txt",
        "联合声明乙\n\n一、双方坚定支持白俄罗斯维护国家独立和主权。\n\n二、双方将加强文化交流。\n",
    );
    ws
}

#[test]
fn chinese_words_added_and_kept() {
    let ws = statements();
    let run = ws.run(&["compare", "a:1", "b:1"]).expect_code(0);
    let out = &run.stdout;
    assert!(out.contains("A  undated  a › art. 1"), "{out}");
    assert!(out.contains("{+坚定+}支持白俄罗斯"), "{out}");
    assert!(out.contains("  支持 → 坚定支持"), "{out}");
    assert!(out.contains("kept 7 words, removed 0, added 3"), "{out}");

    let json = ws
        .run(&["compare", "a:1", "b:1", "--json"])
        .expect_code(0)
        .json_lines();
    assert_eq!(json.len(), 2);
    assert_eq!(json[1]["data"]["command"], "compare");
    let d = &json[0]["data"];
    assert_eq!(
        d["changes"][0],
        serde_json::json!({"from": "支持", "to": "坚定支持"})
    );
    // Spans rebuild both texts.
    for (side, skip) in [("a", "add"), ("b", "remove")] {
        let text = d[side]["text"].as_str().unwrap();
        let rebuilt: String = d["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["op"] != skip)
            .map(|p| {
                let s = &p[side];
                &text[s[0].as_u64().unwrap() as usize..s[1].as_u64().unwrap() as usize]
            })
            .collect();
        assert_eq!(rebuilt, text.replace(char::is_whitespace, ""), "{side}");
    }
    let same = ws.run(&["compare", "a:2", "b:2"]).expect_code(0).stdout;
    assert!(
        same.contains("no change in wording") && same.contains("similarity 1.00"),
        "{same}"
    );
}

#[test]
fn one_paragraph_of_an_article() {
    let ws = Workspace::with_seeds();
    let json = ws
        .run(&["compare", "004:2:1", "004:11:1", "--json"])
        .expect_code(0)
        .json_lines();
    let d = &json[0]["data"];
    assert_eq!(d["a"]["paragraph"], 1);
    assert_eq!(d["b"]["article"]["number"], "11");
    assert!(
        d["a"]["text"]
            .as_str()
            .unwrap()
            .starts_with("2、 Both sides emphasize")
    );
    let d = &json[1]["data"];
    let (kept, removed, added) = (
        d["kept"].as_u64().unwrap(),
        d["removed"].as_u64().unwrap(),
        d["added"].as_u64().unwrap(),
    );
    let similarity = d["similarity"].as_f64().unwrap();
    assert!(kept > 0 && removed > 0 && added > removed);
    assert!((similarity - 2.0 * kept as f64 / (2 * kept + removed + added) as f64).abs() < 0.001);
}

#[test]
fn compare_errors() {
    let ws = statements();
    let run = ws
        .run(&["compare", &format!("{SEED_2013}:3"), "004:2"])
        .expect_code(2);
    assert!(run.stderr.contains("across languages"), "{}", run.stderr);
    let run = ws.run(&["compare", "a", "b:1"]).expect_code(2);
    assert!(run.stderr.contains("is not DOC:ARTICLE"), "{}", run.stderr);
    let run = ws.run(&["compare", "a:9", "b:1"]).expect_code(2);
    assert!(run.stderr.contains("a has no article 9"), "{}", run.stderr);
    let run = ws.run(&["compare", "a:1:5", "b:1"]).expect_code(2);
    assert!(run.stderr.contains("has 1 paragraph"), "{}", run.stderr);
}
