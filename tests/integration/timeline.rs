//! `timeline`: a formulation counted per year, first and last use, terminal bars and SVG.

use serde_json::Value;

use crate::util::{SEED_2023, Workspace};

/// A third statement, from 2015, that says "Belt and Road" twice, and an undated note.
fn workspace() -> Workspace {
    let ws = Workspace::with_seeds();
    ws.write(
        "corpus/2015.txt",
        "Joint Communiqué of 2015\n\n1、 Both sides support the Belt and Road initiative.\n\n2、 They will build the Belt and Road together.\n\n3、 Both sides support trade.\n\nDone at Minsk on 12 May 2015.\n",
    );
    ws.write(
        "corpus/note.txt",
        "A note without a date\n\nIt mentions the Belt and Road once.\n",
    );
    ws
}

#[test]
fn counts_per_year_with_gaps_first_and_last_use() {
    let ws = workspace();
    let lines = ws
        .run(&["timeline", "--json", "Belt and Road"])
        .expect_code(0)
        .json_lines();
    let years: Vec<&Value> = lines.iter().filter(|l| l["type"] == "year").collect();
    let numbers: Vec<u64> = years
        .iter()
        .map(|y| y["data"]["year"].as_u64().unwrap())
        .collect();
    assert_eq!(
        numbers,
        (2015..=2023).collect::<Vec<u64>>(),
        "every year, gaps included"
    );
    let year = |n: u64| &years[(n - 2015) as usize]["data"];
    assert_eq!(
        year(2015),
        &serde_json::json!({"year": 2015, "clause_count": 2, "document_count": 1,
            "corpus_clause_count": 5, "corpus_document_count": 1,
            "clauses_per": null, "documents_share": 1.0})
    );
    assert_eq!(year(2019)["clause_count"], 0);
    assert_eq!(year(2023)["clause_count"], 3);
    assert_eq!(year(2023)["corpus_clause_count"], 47);

    let summary = &lines.last().unwrap()["data"];
    assert_eq!(summary["query"], "Belt and Road");
    assert_eq!(
        (
            summary["clause_count"].as_u64(),
            summary["document_count"].as_u64()
        ),
        (Some(6), Some(3))
    );
    assert_eq!(
        summary["undated"],
        serde_json::json!({"clause_count": 1, "document_count": 1})
    );
    assert_eq!(summary["first"]["doc"]["id"], "2015");
    assert_eq!(summary["first"]["date"], "2015-05-12");
    assert_eq!(summary["first"]["article"]["number"], "1");
    assert_eq!(summary["last"]["doc"]["id"], SEED_2023);
    assert_eq!(
        summary["last"]["article"]["number"], "8",
        "the latest clause of the latest document"
    );
}

#[test]
fn terminal_chart_has_a_bar_per_year_scaled_to_the_largest() {
    let ws = workspace();
    let out = ws.run(&["timeline", "Belt and Road"]).expect_code(0).stdout;
    assert!(
        out.starts_with("“Belt and Road”: 6 clauses in 3 documents, 2015–2023\n"),
        "{out}"
    );
    assert!(out.contains("first use  2015-05-12  art. 1  2015"), "{out}");
    let row = |year: &str| {
        out.lines()
            .find(|l| l.starts_with(year))
            .unwrap()
            .to_string()
    };
    assert_eq!(row("2023").matches('█').count(), 40, "{out}");
    assert!(row("2015").matches('█').count() > 20 && row("2015").matches('█').count() < 40);
    assert_eq!(
        row("2016"),
        "2016–2022  none",
        "a quiet run of years is one line"
    );
    assert!(row("2015").contains("1 of 1"));
    assert!(out.contains("undated: 1 clause in 1 document"), "{out}");
}

#[test]
fn svg_chart_names_the_query_and_has_one_bar_per_year_with_matches() {
    let ws = workspace();
    let run = ws
        .run(&["timeline", "Belt and Road", "--svg", "chart.svg"])
        .expect_code(0);
    assert!(
        run.stderr.contains("wrote the chart to chart.svg"),
        "{}",
        run.stderr
    );
    let svg = std::fs::read_to_string(ws.path().join("chart.svg")).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("<title>Clauses matching “Belt and Road”, per year</title>"));
    assert!(svg.contains("<title>2015: 2 clauses in 1 documents</title>"));
    assert!(svg.contains("<title>2023: 3 clauses in 1 documents</title>"));
    assert_eq!(
        svg.matches("<title>20").count(),
        2,
        "no bar for empty years"
    );
    for label in [
        ">2015</text>",
        ">2019</text>",
        ">2023</text>",
        ">year</text>",
        ">clauses</text>",
    ] {
        assert!(svg.contains(label), "{label}");
    }
    assert!(svg.contains("1 clause undated, not shown"));
    // Documents are a series of their own, with their own axis and tooltips.
    assert!(svg.contains("<title>documents in 2015: 1 of 1</title>"));
    assert!(svg.contains(">documents</text>"));
    // The count over each bar: 2 and 3 clauses; 1 document in each year.
    for count in [">2</text>", ">3</text>"] {
        assert!(svg.contains(count), "{count}");
    }
    // CJK fonts in the stack, so that a Chinese query has glyphs.
    assert!(
        svg.contains("'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei'")
    );
}

/// The `width` and `height` of an SVG file's root element.
fn svg_size(svg: &str) -> (String, String) {
    let attr = |name: &str| {
        let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[start..].split('"').next().unwrap().to_string()
    };
    (attr("width"), attr("height"))
}

#[test]
fn svg_chart_has_one_size_whatever_the_query_and_a_title_without_nested_quotes() {
    let ws = workspace();
    let long = "Belt and Road initiative together with the support of trade between both sides";
    ws.run(&["timeline", "Belt", "--svg", "short.svg"])
        .expect_code(0);
    ws.run(&["timeline", long, "--svg", "long.svg"]);
    ws.run(&["timeline", "\"Belt and Road\"", "--svg", "phrase.svg"])
        .expect_code(0);
    let read = |name: &str| std::fs::read_to_string(ws.path().join(name)).unwrap();
    let short = read("short.svg");
    assert_eq!(svg_size(&short), svg_size(&read("long.svg")));
    assert_eq!(svg_size(&short), svg_size(&read("phrase.svg")));
    let phrase = read("phrase.svg");
    assert!(
        phrase.contains("<title>Clauses matching “Belt and Road”, per year</title>"),
        "{phrase}"
    );
    assert!(!phrase.contains("“&quot;"), "no nested quotes");
}

#[test]
fn svg_chart_escapes_the_query() {
    let ws = workspace();
    ws.run(&["timeline", "Belt <b>&amp; \"Road\"", "--svg", "chart.svg"]);
    let svg = std::fs::read_to_string(ws.path().join("chart.svg")).unwrap();
    assert!(
        svg.contains("Clauses matching “Belt &lt;b&gt;&amp;amp; &quot;Road&quot;”"),
        "{svg}"
    );
    assert!(!svg.contains("<b>"));
}

#[test]
fn per_1000_gives_rates_in_text_json_and_svg() {
    let ws = workspace();
    // 2015: 2 of the 5 clauses of the one 2015 document; 2023: 3 of 47.
    let lines = ws
        .run(&["timeline", "--json", "--per", "1000", "Belt and Road"])
        .expect_code(0)
        .json_lines();
    let year = |n: u64| {
        lines
            .iter()
            .find(|l| l["type"] == "year" && l["data"]["year"] == n)
            .unwrap()["data"]
            .clone()
    };
    assert_eq!(year(2015)["clauses_per"], 400.0);
    assert_eq!(year(2015)["documents_share"], 1.0);
    assert_eq!(year(2023)["clauses_per"], 63.83);
    assert_eq!(
        year(2019)["clauses_per"],
        serde_json::Value::Null,
        "no clause in 2019"
    );
    assert_eq!(lines.last().unwrap()["data"]["per"], 1000);
    // Without --per the rate is null and the share is still there.
    let lines = ws
        .run(&["timeline", "--json", "Belt and Road"])
        .expect_code(0)
        .json_lines();
    let y2015 = &lines[0]["data"];
    assert_eq!(y2015["clauses_per"], serde_json::Value::Null);
    assert_eq!(y2015["documents_share"], 1.0);
    assert_eq!(
        lines.last().unwrap()["data"]["per"],
        serde_json::Value::Null
    );

    let out = ws
        .run(&["timeline", "--per", "1000", "Belt and Road"])
        .expect_code(0)
        .stdout;
    assert!(
        out.contains("year  clauses  per 1,000  documents  share"),
        "{out}"
    );
    let row = |year: &str| {
        out.lines()
            .find(|l| l.starts_with(year))
            .unwrap()
            .to_string()
    };
    assert!(
        row("2015").contains("  400.0  ") && row("2015").contains("100%"),
        "{out}"
    );
    assert!(row("2023").contains("  63.8  "), "{out}");
    // The bars show the rate: 2015 (400 per 1,000) is the longest, not 2023 (3 clauses).
    assert_eq!(row("2015").matches('█').count(), 40, "{out}");
    assert!(row("2023").matches('█').count() < 10, "{out}");

    ws.run(&[
        "timeline",
        "--per",
        "1000",
        "Belt and Road",
        "--svg",
        "rate.svg",
    ])
    .expect_code(0);
    let svg = std::fs::read_to_string(ws.path().join("rate.svg")).unwrap();
    assert!(svg.contains("Clauses matching “Belt and Road” per 1,000 clauses of each year"));
    assert!(
        svg.contains(">400.0</text>") && svg.contains(">63.8</text>"),
        "{svg}"
    );
    assert!(svg.contains(">100%</text>"));
    ws.run(&["timeline", "--per", "0", "Belt"]).expect_code(2);
}

#[test]
fn no_match_exits_1_and_bad_queries_2() {
    let ws = workspace();
    let run = ws.run(&["timeline", "zeppelin"]).expect_code(1);
    assert!(
        run.stdout.contains("0 clauses in 0 documents"),
        "{}",
        run.stdout
    );
    let run = ws.run(&["timeline", "--", "-Belt"]).expect_code(2);
    assert!(
        run.stderr.starts_with("treatysearch: invalid query"),
        "{}",
        run.stderr
    );
    let run = ws
        .run(&["timeline", "Belt", "--svg", "no/such/folder/chart.svg"])
        .expect_code(2);
    assert!(
        run.stderr.contains("cannot write the chart"),
        "{}",
        run.stderr
    );
}

#[test]
fn chinese_formulations_are_counted_too() {
    let ws = Workspace::with_seeds();
    let lines = ws
        .run(&["timeline", "--json", "全面战略伙伴关系"])
        .expect_code(0)
        .json_lines();
    let years: Vec<&Value> = lines.iter().filter(|l| l["type"] == "year").collect();
    assert_eq!(years.len(), 1);
    assert_eq!(years[0]["data"]["year"], 2013);
    assert!(years[0]["data"]["clause_count"].as_u64().unwrap() >= 3);
}
