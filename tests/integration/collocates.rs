//! `collocates`: window counts worked out by hand on a small corpus, the measures recomputed
//! from the counts the command reports, stop words, phrases, Chinese, and the refusals.

use serde_json::Value;

use crate::util::Workspace;

/// Two English statements and a Chinese one, short enough to count windows by hand.
fn workspace() -> Workspace {
    let ws = Workspace::empty();
    ws.write(
        "corpus/trade.txt",
        "Joint Statement on Trade\n\n1. Both sides oppose unilateral sanctions against any state.\n\n2. Unilateral sanctions harm trade and the people.\n\n3. Both sides support trade and investment.\n\nDone at Minsk on 12 May 2015.\n",
    );
    ws.write(
        "corpus/later.txt",
        "Joint Statement on Partnership\n\n1. The sides reject sanctions.\n\n2. The sides deepen the partnership in 2020.\n\nDone at Beijing on 3 June 2020.\n",
    );
    ws.write(
        "corpus/zh.txt",
        "中白联合声明\n\n一、双方反对单边制裁和任何制裁。\n\n二、非法制裁损害两国人民利益。\n\n三、双方反对对他国实施制裁。\n\n二〇一五年五月十二日于明斯克\n",
    );
    ws.run(&["index"]).expect_code(0);
    ws
}

fn collocates<'a>(lines: &'a [Value], word: &str) -> Option<&'a Value> {
    lines
        .iter()
        .find(|l| l["type"] == "collocate" && l["data"]["word"] == word)
        .map(|l| &l["data"])
}

/// Terminal columns: CJK characters take two.
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if matches!(c as u32, 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60) { 2 } else { 1 })
        .sum()
}

fn close(got: &Value, want: f64, what: &str) {
    let got = got.as_f64().unwrap_or_else(|| panic!("{what}: {got}"));
    assert!((got - want).abs() < 1e-9, "{what}: got {got}, want {want}");
}

#[test]
fn english_windows_counted_by_hand() {
    let ws = workspace();
    let lines = ws
        .run(&[
            "collocates",
            "sanctions",
            "--window",
            "2",
            "--min-freq",
            "1",
            "--json",
        ])
        .expect_code(0)
        .json_lines();
    let summary = &lines.last().unwrap()["data"];
    assert_eq!(summary["command"], "collocates");
    assert_eq!(summary["lang"], "en");
    assert_eq!(summary["terms"], serde_json::json!(["sanction"]));
    // Three occurrences: "oppose unilateral [sanctions] against any",
    // "2 unilateral [sanctions] harm trade" (the article number is a token of the clause,
    // then it starts), "sides reject [sanctions]" (the clause ends with it).
    assert_eq!(summary["node_count"], 3);
    assert_eq!(summary["node_clause_count"], 3);
    assert_eq!(summary["window_slot_count"], 4 + 4 + 2);
    let unilateral = collocates(&lines, "unilateral").expect("unilateral is a collocate");
    assert_eq!(
        (
            &unilateral["window_count"],
            &unilateral["left_count"],
            &unilateral["right_count"]
        ),
        (&Value::from(2), &Value::from(2), &Value::from(0))
    );
    assert_eq!(unilateral["term"], "unilater");
    assert_eq!(unilateral["selection_count"], 2);
    let harm = collocates(&lines, "harm").expect("harm");
    assert_eq!(
        (&harm["left_count"], &harm["right_count"]),
        (&Value::from(0), &Value::from(1))
    );
    // Beyond the window: "state" is 3 words right of the first occurrence.
    assert!(collocates(&lines, "state").is_none());
    // Only the English layer: no Chinese word among the collocates.
    assert!(
        lines
            .iter()
            .filter(|l| l["type"] == "collocate")
            .all(|l| l["data"]["lang"] == "en")
    );

    // The measures, recomputed from the counts the command reports.
    let n = summary["selection_token_count"].as_f64().unwrap();
    let r1 = summary["window_slot_count"].as_f64().unwrap();
    let node = summary["node_count"].as_f64().unwrap();
    for line in lines.iter().filter(|l| l["type"] == "collocate") {
        let d = &line["data"];
        let o11 = d["window_count"].as_f64().unwrap();
        let c1 = d["selection_count"].as_f64().unwrap();
        let e11 = r1 * c1 / n;
        close(&d["expected"], e11, "expected");
        close(&d["mi"], (o11 / e11).log2(), "mi");
        close(&d["t_score"], (o11 - e11) / o11.sqrt(), "t");
        close(
            &d["log_dice"],
            14.0 + (2.0 * o11 / (node + c1)).log2(),
            "logDice",
        );
        let ll = d["log_likelihood"].as_f64().unwrap();
        assert_eq!(ll >= 0.0, o11 >= e11, "LL is signed: {d}");
    }
    // Ranked by logDice, best first, ranks from 1.
    let dice: Vec<f64> = lines
        .iter()
        .filter(|l| l["type"] == "collocate")
        .map(|l| l["data"]["log_dice"].as_f64().unwrap())
        .collect();
    assert!(dice.windows(2).all(|p| p[0] >= p[1]), "{dice:?}");
    assert_eq!(lines[0]["data"]["rank"], 1);
}

#[test]
fn a_phrase_is_one_node_and_numbers_are_left_out() {
    let ws = workspace();
    let lines = ws
        .run(&[
            "collocates",
            "unilateral sanctions",
            "-w",
            "3",
            "--min-freq",
            "1",
            "--json",
        ])
        .expect_code(0)
        .json_lines();
    let summary = &lines.last().unwrap()["data"];
    assert_eq!(summary["node_count"], 2);
    assert_eq!(summary["terms"].as_array().unwrap().len(), 2);
    assert!(
        collocates(&lines, "unilateral").is_none(),
        "the node is not its own collocate"
    );
    assert_eq!(collocates(&lines, "oppose").unwrap()["left_count"], 1);
    assert_eq!(collocates(&lines, "harm").unwrap()["right_count"], 1);

    let lines = ws
        .run(&["collocates", "partnership", "--min-freq", "1", "--json"])
        .expect_code(0)
        .json_lines();
    assert!(collocates(&lines, "deepen").is_some());
    assert!(
        collocates(&lines, "2020").is_none(),
        "years are not collocates"
    );
}

#[test]
fn stop_words_built_in_or_from_a_file() {
    let ws = workspace();
    let words = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["collocates", "trade", "--min-freq", "1", "--json"];
        all.extend_from_slice(args);
        ws.run(&all)
            .expect_code(0)
            .json_lines()
            .iter()
            .filter(|l| l["type"] == "collocate")
            .map(|l| l["data"]["word"].as_str().unwrap().to_string())
            .collect()
    };
    let all = words(&[]);
    assert!(all.contains(&"and".to_string()) && all.contains(&"the".to_string()));
    let default = words(&["--stopwords", "default"]);
    assert!(!default.contains(&"and".to_string()) && !default.contains(&"the".to_string()));
    assert!(default.contains(&"harm".to_string()));
    ws.write("stop.txt", "# mine\nHarms\n");
    let mine = words(&["--stopwords", "stop.txt"]);
    assert!(
        !mine.contains(&"harm".to_string()),
        "stemmed as the index is: {mine:?}"
    );
    assert!(mine.contains(&"and".to_string()));
    let r = ws
        .run(&["collocates", "trade", "--stopwords", "missing.txt"])
        .expect_code(2);
    assert!(r.stderr.contains("missing.txt"), "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
}

#[test]
fn chinese_words_by_jieba_with_their_side() {
    let ws = workspace();
    let r = ws
        .run(&["collocates", "制裁", "--min-freq", "1"])
        .expect_code(0);
    let first_line = r.stdout.lines().next().unwrap();
    assert!(first_line.starts_with("制裁 (Chinese, ±5)"), "{}", r.stdout);
    let lines = ws
        .run(&["collocates", "制裁", "--min-freq", "1", "--json"])
        .expect_code(0)
        .json_lines();
    // 一、双方反对单边制裁和任何[制裁]。 二、非法[制裁]损害两国人民利益。
    // 三、双方反对对他国实施[制裁]。 (单边制裁 is one jieba word: not the node.)
    let summary = &lines.last().unwrap()["data"];
    assert_eq!(summary["node_count"], 3);
    assert_eq!(
        summary["inside"],
        serde_json::json!([{"word": "单边制裁", "count": 1}])
    );
    let oppose = collocates(&lines, "反对").expect("反对");
    assert_eq!(
        (&oppose["left_count"], &oppose["right_count"]),
        (&Value::from(2), &Value::from(0))
    );
    assert_eq!(collocates(&lines, "损害").unwrap()["right_count"], 1);
    assert_eq!(collocates(&lines, "单边制裁").unwrap()["left_count"], 1);
    assert!(
        collocates(&lines, "一").is_none(),
        "article numbers are numbers"
    );
    assert!(
        r.stdout
            .contains("not counted, the node inside longer words: 单边制裁 1")
    );
    assert!(collocates(&lines, "sanction").is_none());
    // The table: the header, the columns aligned by display width (CJK two columns).
    let table: Vec<&str> = r
        .stdout
        .lines()
        .skip(3)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(table[0].contains("logDice") && table[0].contains("window"));
    let ends: Vec<usize> = table.iter().map(|l| width(l)).collect();
    assert!(ends.windows(2).all(|p| p[0] == p[1]), "aligned: {table:#?}");
}

#[test]
fn csv_and_limits() {
    let ws = workspace();
    let r = ws
        .run(&[
            "collocates",
            "sanctions",
            "--min-freq",
            "1",
            "--csv",
            "-n",
            "2",
        ])
        .expect_code(0);
    let rows: Vec<&str> = r.stdout.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        rows[0],
        "rank,collocate,term,lang,window_count,left_count,right_count,selection_count,expected,log_dice,mi,log_likelihood,t_score"
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    let all = ws
        .run(&[
            "collocates",
            "sanctions",
            "--min-freq",
            "1",
            "--json",
            "--limit",
            "0",
        ])
        .expect_code(0)
        .json_lines();
    let summary = &all.last().unwrap()["data"];
    assert_eq!(
        all.len() - 1,
        summary["collocate_count"].as_u64().unwrap() as usize,
        "--limit 0 prints every collocate"
    );
}

#[test]
fn refusals_and_nothing_found() {
    let ws = workspace();
    for (args, what) in [
        (vec!["collocates", "trade", "--json", "--csv"], "--csv"),
        (vec!["collocates", "trade", "--window", "0"], "--window"),
        (vec!["collocates", "…!?"], "punctuation"),
        (vec!["collocates", "制裁", "--lang", "en"], "--lang"),
        (vec!["collocates", "trade", "-x"], "-x"),
        (
            vec!["collocates", "trade", "--since", "2020", "--until", "2015"],
            "--since",
        ),
        (
            vec!["collocates", "trade", "--party", "Atlantis"],
            "Atlantis",
        ),
    ] {
        let r = ws.run(&args).expect_code(2);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(r.stderr.contains(what), "{args:?}: {}", r.stderr);
    }
    let r = ws.run(&["collocates", "zeppelin"]).expect_code(1);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(r.stderr.contains("zeppelin"), "{}", r.stderr);
    // Seen, but no collocate often enough: the summary still comes in JSON.
    let r = ws
        .run(&["collocates", "sanctions", "--min-freq", "99", "--json"])
        .expect_code(1);
    let lines = r.json_lines();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["type"], "summary");
    assert!(r.stderr.contains("--min-freq"), "{}", r.stderr);
    // An empty selection says so.
    let r = ws
        .run(&["collocates", "sanctions", "--since", "2099"])
        .expect_code(1);
    assert!(
        r.stderr.contains("the selection has no English clause"),
        "{}",
        r.stderr
    );
    // Only before 2016: the 2020 statement's "reject sanctions" is not counted.
    let lines = ws
        .run(&[
            "collocates",
            "sanctions",
            "--until",
            "2016",
            "--min-freq",
            "1",
            "--json",
        ])
        .expect_code(0)
        .json_lines();
    assert_eq!(lines.last().unwrap()["data"]["node_count"], 2);
}

#[test]
fn every_measure_ranks() {
    let ws = workspace();
    for (by, field) in [
        ("logdice", "log_dice"),
        ("mi", "mi"),
        ("ll", "log_likelihood"),
        ("t", "t_score"),
        ("freq", "window_count"),
    ] {
        let lines = ws
            .run(&[
                "collocates",
                "sanctions",
                "--min-freq",
                "1",
                "--by",
                by,
                "--json",
            ])
            .expect_code(0)
            .json_lines();
        assert_eq!(lines.last().unwrap()["data"]["by"], by);
        let values: Vec<f64> = lines
            .iter()
            .filter(|l| l["type"] == "collocate")
            .map(|l| l["data"][field].as_f64().unwrap())
            .collect();
        assert!(values.len() > 3, "{by}: {values:?}");
        assert!(values.windows(2).all(|p| p[0] >= p[1]), "{by}: {values:?}");
    }
}

#[test]
fn a_query_with_operators_is_refused_as_ngrams_refuses_it() {
    let ws = workspace();
    for node in ["sanctions OR harm", "sanctions -harm"] {
        let run = ws.run(&["collocates", "--", node]).expect_code(2);
        assert!(
            run.stderr.contains("collocates takes one word or phrase"),
            "{node}: {}",
            run.stderr
        );
    }
}
