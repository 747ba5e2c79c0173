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
            "corpus_clause_count": 5, "corpus_document_count": 1})
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
        ">clauses (documents)</text>",
    ] {
        assert!(svg.contains(label), "{label}");
    }
    assert!(svg.contains("1 clause undated, not shown"));
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
