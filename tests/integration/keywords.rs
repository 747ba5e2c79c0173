//! `keywords`: one period against another on a small corpus, the measures recomputed from the
//! counts the command reports, the selection syntax and its refusals.

use serde_json::Value;

use crate::util::Workspace;

/// A 2015 statement about trade, a 2020 one about the pandemic, and a Chinese one of 2021.
fn workspace() -> Workspace {
    let ws = Workspace::empty();
    ws.write(
        "corpus/trade.txt",
        "Joint Statement on Trade\n\n1. Both sides will expand trade and investment.\n\n2. Trade between the two countries grew, and trade in services grew too.\n\n3. The sides support free trade.\n\nDone at Minsk on 12 May 2015.\n",
    );
    ws.write(
        "corpus/pandemic.txt",
        "Joint Statement on the Pandemic\n\n1. The pandemic tests both countries; the sides fight the pandemic together.\n\n2. Vaccines against the pandemic are a public good, and vaccines will be shared.\n\n3. Trade continues.\n\nDone at Beijing on 3 June 2020.\n",
    );
    ws.write(
        "corpus/zh.txt",
        "中白联合声明\n\n一、双方共同抗击疫情，疫情面前团结合作。\n\n二、双方支持疫苗合作。\n\n二〇二一年五月十二日于明斯克\n",
    );
    ws.run(&["index"]).expect_code(0);
    ws
}

fn keywords(lines: &[Value]) -> Vec<&Value> {
    lines
        .iter()
        .filter(|l| l["type"] == "keyword")
        .map(|l| &l["data"])
        .collect()
}

fn words(lines: &[Value]) -> Vec<String> {
    keywords(lines)
        .iter()
        .map(|k| k["word"].as_str().unwrap().to_string())
        .collect()
}

fn close(got: &Value, want: f64, what: &str) {
    let got = got.as_f64().unwrap_or_else(|| panic!("{what}: {got}"));
    assert!((got - want).abs() < 1e-9, "{what}: got {got}, want {want}");
}

#[test]
fn one_period_against_another() {
    let ws = workspace();
    let lines = ws
        .run(&[
            "keywords",
            "--lang",
            "en",
            "--focus",
            "since:2018",
            "--ref",
            "until:2017",
            "--min-freq",
            "2",
            "--json",
        ])
        .expect_code(0)
        .json_lines();
    let found = keywords(&lines);
    assert_eq!(found[0]["word"], "pandemic", "{found:#?}");
    // Three times in the articles, once in the title.
    assert_eq!(
        (&found[0]["focus_count"], &found[0]["reference_count"]),
        (&Value::from(4), &Value::from(0))
    );
    let w = words(&lines);
    assert!(w.contains(&"vaccines".to_string()), "{w:?}");
    assert!(
        !w.contains(&"trade".to_string()),
        "trade is rarer since 2018: {w:?}"
    );
    assert!(
        w.iter().all(|w| !w.chars().all(|c| c.is_ascii_digit())),
        "{w:?}"
    );
    let summary = &lines.last().unwrap()["data"];
    assert_eq!(summary["command"], "keywords");
    assert_eq!(summary["focus"]["spec"], "since:2018");
    assert_eq!(
        summary["focus"]["description"],
        "English, dated from 2018-01-01"
    );
    assert_eq!(
        summary["reference"]["description"],
        "English, dated up to 2017-12-31"
    );
    assert_eq!(summary["focus"]["token_count"]["zh"], 0);
    assert_eq!(summary["overlap_clause_count"], 0);
    // The measures, recomputed from the counts the command reports.
    let ta = summary["focus"]["token_count"]["en"].as_f64().unwrap();
    let tb = summary["reference"]["token_count"]["en"].as_f64().unwrap();
    for k in &found {
        let a = k["focus_count"].as_f64().unwrap();
        let b = k["reference_count"].as_f64().unwrap();
        close(&k["focus_per_million"], a * 1e6 / ta, "per million");
        let b0 = if b == 0.0 { 0.5 } else { b };
        close(&k["log_ratio"], ((a / ta) / (b0 / tb)).log2(), "log ratio");
        close(
            &k["simple_maths"],
            (a * 1e6 / ta + 1.0) / (b * 1e6 / tb + 1.0),
            "simple maths",
        );
        let e1 = ta * (a + b) / (ta + tb);
        let e2 = tb * (a + b) / (ta + tb);
        let (c, d) = (ta - a, tb - b);
        let (e3, e4) = (ta * (c + d) / (ta + tb), tb * (c + d) / (ta + tb));
        let t = |o: f64, e: f64| if o == 0.0 { 0.0 } else { o * (o / e).ln() };
        let g2 = 2.0 * (t(a, e1) + t(b, e2) + t(c, e3) + t(d, e4));
        close(&k["log_likelihood"], g2, "G²");
    }

    // The other way round: what the focus uses less.
    let lines = ws
        .run(&[
            "keywords",
            "--lang",
            "en",
            "--focus",
            "since:2018",
            "--ref",
            "until:2017",
            "--min-freq",
            "2",
            "--negative",
            "--json",
        ])
        .expect_code(0)
        .json_lines();
    assert_eq!(words(&lines)[0], "trade");
    assert!(
        keywords(&lines)
            .iter()
            .all(|k| k["log_likelihood"].as_f64().unwrap() < 0.0)
    );
}

#[test]
fn the_reference_is_the_rest_by_default_and_languages_apart() {
    let ws = workspace();
    let r = ws
        .run(&["keywords", "--focus", "since:2018", "--min-freq", "2"])
        .expect_code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[0].starts_with("focus     since:2018: dated from 2018-01-01 — "),
        "{}",
        r.stdout
    );
    assert!(
        lines[1].starts_with("reference rest: every clause not in the focus — "),
        "{}",
        r.stdout
    );
    // Both languages, each word against the tokens of its own: the rest (2015) has no
    // Chinese, so the Chinese statement of 2021 has nothing to be compared with.
    assert!(r.stdout.contains("pandemic"), "{}", r.stdout);
    assert!(!r.stdout.contains("疫情"), "{}", r.stdout);
    assert!(
        r.stderr.contains("the reference has no Chinese words"),
        "{}",
        r.stderr
    );
    let json = ws
        .run(&[
            "keywords",
            "--focus",
            "query:pandemic",
            "--ref",
            "all",
            "--min-freq",
            "1",
            "--json",
        ])
        .expect_code(0)
        .json_lines();
    let summary = &json.last().unwrap()["data"];
    assert_eq!(
        summary["focus"]["description"],
        "clauses matching “pandemic”"
    );
    assert_eq!(
        summary["focus"]["clause_count"], 3,
        "the title and two articles"
    );
    assert_eq!(summary["overlap_clause_count"], 3);
}

#[test]
fn csv_header() {
    let ws = workspace();
    let r = ws
        .run(&[
            "keywords",
            "--focus",
            "lang:en since:2018",
            "--csv",
            "--min-freq",
            "1",
        ])
        .expect_code(0);
    assert!(r.stdout.starts_with(
        "rank,word,term,lang,focus_count,focus_per_million,reference_count,reference_per_million,log_likelihood,log_ratio,simple_maths\r\n"
    ), "{}", r.stdout);
}

#[test]
fn selections_that_cannot_be() {
    let ws = workspace();
    for (args, what) in [
        (vec!["keywords", "--focus", "year:2018"], "unknown key"),
        (vec!["keywords", "--focus", "since 2018"], "key:value"),
        (vec!["keywords", "--focus", "since:20x8"], "not a date"),
        (vec!["keywords", "--focus", "rest"], "rest"),
        (vec!["keywords", "--focus", "all"], "every selected clause"),
        (
            vec!["keywords", "--focus", "since:2030"],
            "selects no clause",
        ),
        (
            vec![
                "keywords",
                "--focus",
                "since:2018",
                "--ref",
                "party:Atlantis",
            ],
            "Atlantis",
        ),
        (
            vec!["keywords", "--focus", "lang:zh", "--lang", "en"],
            "--lang",
        ),
        (
            vec!["keywords", "--focus", "since:2018 until:2015"],
            "--since",
        ),
        (
            vec!["keywords", "--focus", "query:(a OR", "--json"],
            "parenthesis",
        ),
        (
            vec!["keywords", "--focus", "since:2018", "--smoothing", "0"],
            "--smoothing",
        ),
        (
            vec!["keywords", "--focus", "since:2018", "--json", "--csv"],
            "--csv",
        ),
        (vec!["keywords", "--focus", "since:2018", "-x"], "-x"),
        (
            vec![
                "keywords",
                "--focus",
                "since:2018",
                "--stopwords",
                "nope.txt",
            ],
            "nope.txt",
        ),
    ] {
        let r = ws.run(&args).expect_code(2);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(r.stderr.contains(what), "{args:?}: {}", r.stderr);
        if what != "--csv" {
            // One line (clap's own usage errors excepted).
            assert_eq!(r.stderr.trim().lines().count(), 1, "{args:?}: {}", r.stderr);
        }
    }
    // Overlapping selections are compared, with a warning.
    let r = ws
        .run(&[
            "keywords",
            "--lang",
            "en",
            "--focus",
            "since:2015",
            "--ref",
            "until:2020",
            "--min-freq",
            "1",
        ])
        .expect_code(1);
    assert!(
        r.stderr.contains("in both the focus and the reference"),
        "{}",
        r.stderr
    );
}

#[test]
fn every_measure_ranks() {
    let ws = workspace();
    for (by, field) in [
        ("ll", "log_likelihood"),
        ("log-ratio", "log_ratio"),
        ("simple-maths", "simple_maths"),
    ] {
        let lines = ws
            .run(&[
                "keywords",
                "--lang",
                "en",
                "--focus",
                "since:2018",
                "--min-freq",
                "1",
                "--by",
                by,
                "--json",
            ])
            .expect_code(0)
            .json_lines();
        assert_eq!(lines.last().unwrap()["data"]["by"], by);
        let values: Vec<f64> = keywords(&lines)
            .iter()
            .map(|k| k[field].as_f64().unwrap())
            .collect();
        assert!(values.len() > 3, "{by}: {values:?}");
        assert!(values.windows(2).all(|p| p[0] >= p[1]), "{by}: {values:?}");
    }
}
