//! Dates on the real binary: a hit's date comes only from evidence about its own document, and
//! `parse --json` shows that evidence; cited dates never reach `list`, `timeline` or `--since`.

use serde::Deserialize;
use serde_json::Value;

use crate::util::{SEED_2013, SEED_2023, Workspace};

/// One `date_evidence` record, held to the contract (`parse --json` here and in
/// `json_analysis`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Evidence {
    pub(crate) role: String,
    pub(crate) date: String,
    pub(crate) line: Option<usize>,
    pub(crate) phrase: String,
}

fn evidence(ws: &Workspace, file: &str) -> (Value, Vec<Evidence>) {
    let run = ws.run(&["parse", "--json", file]).expect_code(0);
    let doc = run.json_lines().into_iter().next().expect("one object")["data"].take();
    let ev: Vec<Evidence> =
        serde_json::from_value(doc["date_evidence"].clone()).expect("date_evidence records");
    (doc, ev)
}

/// A 2014 agreement whose body cites a 1948 declaration, a 1983 convention and a 1967
/// agreement done "at … on the … day", and whose closing formula is split over a line break.
const CITING: &str = "FREE TRADE AGREEMENT BETWEEN ALDORIA AND BORDURIA\n\n\
Recalling the Universal Declaration of Human Rights adopted by the General Assembly on 10 December 1948,\n\n\
ARTICLE 1\nGoods are classified under the International Convention on the Harmonized Commodity Description and Coding System signed at Brussels on 14 June 1983.\n\n\
ARTICLE 2\nThe Air Services Agreement, Done at Ottawa on the 5th day of May 1967, remains in force.\n\n\
ARTICLE 3\nThis Agreement shall enter into force on 1 January 2015.\n\n\
IN WITNESS WHEREOF, the undersigned have signed this Agreement.\n\n\
DONE at México City, on the 10th day of\nSeptember of 2014, in duplicate.\n\n\
FOR ALDORIA            FOR BORDURIA\n";

/// The same body without any closing formula: nothing states its own date.
const UNDATED: &str = "TRADE AGREEMENT BETWEEN ALDORIA AND BORDURIA\n\n\
Recalling the Universal Declaration of Human Rights adopted by the General Assembly on 10 December 1948,\n\n\
ARTICLE 1\nThe Parties shall apply the Convention signed at Brussels on 14 June 1983.\n\n\
ARTICLE 2\nThe agreement shall remain in force for five years.\n";

#[test]
fn signing_formula_with_evidence_and_cited_dates_ignored() {
    let ws = Workspace::empty();
    ws.write("corpus/citing.txt", CITING);
    let (doc, ev) = evidence(&ws, "corpus/citing.txt");
    assert_eq!(doc["dates"], serde_json::json!({"signed": "2014-09-10"}));
    assert_eq!(doc["place"], "México City");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].role, "signed");
    assert_eq!(ev[0].date, "2014-09-10");
    assert_eq!(ev[0].line, Some(16));
    assert_eq!(
        ev[0].phrase,
        "DONE at México City, on the 10th day of September of 2014"
    );
}

#[test]
fn no_evidence_no_date() {
    let ws = Workspace::empty();
    ws.write("corpus/undated.txt", UNDATED);
    let (doc, ev) = evidence(&ws, "corpus/undated.txt");
    assert_eq!(doc["dates"], serde_json::json!({}));
    assert!(ev.is_empty());
    assert_eq!(doc["place"], Value::Null);
}

#[test]
fn list_timeline_and_since_use_only_the_documents_own_dates() {
    let ws = Workspace::empty();
    ws.write("corpus/citing.txt", CITING);
    ws.write("corpus/undated.txt", UNDATED);
    let docs: Vec<Value> = ws
        .run(&["list", "--json"])
        .expect_code(0)
        .json_lines()
        .into_iter()
        .filter(|l| l["type"] == "document")
        .collect();
    let date_of = |id: &str| {
        docs.iter()
            .find(|d| d["data"]["id"] == id)
            .map(|d| d["data"]["date"].clone())
    };
    assert_eq!(date_of("citing"), Some(Value::from("2014-09-10")));
    assert_eq!(date_of("undated"), Some(Value::Null));

    let lines = ws
        .run(&["timeline", "--json", "Universal Declaration"])
        .expect_code(0)
        .json_lines();
    let years: Vec<u64> = lines
        .iter()
        .filter(|l| l["type"] == "year")
        .map(|l| l["data"]["year"].as_u64().unwrap())
        .collect();
    assert_eq!(years, [2014], "no bar in 1948");
    let summary = &lines.last().unwrap()["data"];
    assert_eq!(
        summary["undated"],
        serde_json::json!({"clause_count": 1, "document_count": 1})
    );

    // Both documents cite the 1983 convention; neither is dated in the 1980s.
    ws.run(&[
        "query",
        "--json",
        "--since",
        "1980-01-01",
        "--until",
        "1999-12-31",
        "Harmonized",
    ])
    .expect_code(1);
    let hits = ws
        .run(&["query", "--json", "--since", "2014-01-01", "Harmonized"])
        .expect_code(0)
        .json_lines();
    assert!(
        hits.iter()
            .filter(|l| l["type"] == "hit")
            .all(|h| h["data"]["doc"]["id"] == "citing" && h["data"]["doc"]["date"] == "2014-09-10")
    );
}

#[test]
fn seeds_keep_their_signing_and_publication_dates() {
    let ws = Workspace::with_seeds();
    for (seed, signed, published, place) in [
        (SEED_2013, "2013-07-16", "2013-07-17", "Beijing"),
        (SEED_2023, "2023-03-01", "2023-12-28", "Beijing"),
    ] {
        let (doc, ev) = evidence(&ws, &format!("corpus/{seed}.txt"));
        assert_eq!(doc["dates"]["signed"], signed, "{seed}");
        assert_eq!(doc["dates"]["published"], published, "{seed}");
        assert_eq!(doc["place"], place, "{seed}");
        let roles: Vec<&str> = ev.iter().map(|e| e.role.as_str()).collect();
        assert_eq!(roles, ["published", "signed"], "{seed}");
        assert!(ev.iter().all(|e| e.line.is_some() && !e.phrase.is_empty()));
    }
}

#[test]
fn hostile_date_text_never_panics_and_stays_undated() {
    let ws = Workspace::empty();
    let mut huge = String::from("AGREEMENT\n\nARTICLE 1\n");
    for _ in 0..2000 {
        huge.push_str(
            "signed on 31 April 2015, done at \u{1b}[31mX\u{7} on the 99th day of Smarch 20155; ",
        );
    }
    huge.push_str(
        "\n\nDone at Brussels on the twentieth day of November in the year one thousand.\n",
    );
    ws.write("corpus/hostile.txt", &huge);
    ws.write(
        "corpus/future.txt",
        "STATEMENT\n\n1 January 2999\n\n1. The sides agree.\n\n2. They meet.\n",
    );
    for file in ["corpus/hostile.txt", "corpus/future.txt"] {
        let (doc, ev) = evidence(&ws, file);
        assert_eq!(doc["dates"], serde_json::json!({}), "{file}");
        assert!(ev.is_empty(), "{file}");
    }
}
