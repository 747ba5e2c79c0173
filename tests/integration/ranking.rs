//! Ranking beyond BM25: proximity of the query's words, length, the heading a clause stands
//! under, and `query --explain`, on the real binary.

use crate::util::Workspace;

/// The `data` of each hit of `query --json --explain`.
fn explained(ws: &Workspace, query: &str) -> Vec<serde_json::Value> {
    ws.run(&["query", "--json", "--explain", "--limit", "20", query])
        .expect_code(0)
        .json_lines()
        .into_iter()
        .filter(|l| l["type"] == "hit")
        .map(|l| l["data"].clone())
        .collect()
}

fn number(v: &serde_json::Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn words_together_outrank_words_far_apart_and_explain_says_why() {
    let ws = Workspace::empty();
    // Two clauses of about the same length, each word once: the first is a little shorter
    // (BM25 prefers it) and has the words far apart, the second has them side by side.
    let filler = "the parties shall consult each other on the matters set out in this chapter and report to the joint committee every year";
    ws.write(
        "corpus/trade.txt",
        format!(
            "Agreement on Trade\n\nArticle 1\n\nDrawback of duties applies, {filler}, and cumulation follows.\n\nArticle 2\n\nThe rules on cumulation drawback apply, {filler}, as agreed between them.\n"
        ),
    );
    let hits = explained(&ws, "drawback cumulation");
    assert_eq!(hits.len(), 2, "{hits:?}");
    let (near, far) = (&hits[0], &hits[1]);
    assert_eq!(
        near["article"]["number"], "2",
        "words together rank first: {hits:?}"
    );
    let (near_e, far_e) = (&near["explain"], &far["explain"]);
    // BM25 alone would have put the other clause first: proximity decided.
    assert!(
        number(&far_e["bm25"]) > number(&near_e["bm25"]),
        "{near_e} {far_e}"
    );
    assert!(number(&near_e["proximity"]) > number(&far_e["proximity"]));
    assert_eq!(near_e["window"], 2, "{near_e}");
    assert!(number(&far_e["window"]) > 20.0, "{far_e}");
    // The score is the product the explanation shows.
    for e in [near_e, far_e] {
        let product = number(&e["bm25"])
            * number(&e["coverage"])
            * number(&e["proximity"])
            * number(&e["length"])
            * number(&e["structure"])
            * number(&e["kind"]);
        assert!((product - number(&e["score"])).abs() < 0.01, "{e}");
    }
    assert!(!near_e["words"].as_array().unwrap().is_empty(), "{near_e}");

    // The text output shows the same under each hit, only when asked.
    let text = ws
        .run(&["query", "--explain", "drawback cumulation"])
        .expect_code(0)
        .stdout;
    assert!(
        text.contains("× proximity 1.50 (2 words in 2 tokens)"),
        "{text}"
    );
    assert!(text.contains("bm25 "), "{text}");
    let plain = ws
        .run(&["query", "drawback cumulation"])
        .expect_code(0)
        .stdout;
    assert!(!plain.contains("× proximity"), "{plain}");
    let json = ws
        .run(&["query", "--json", "drawback cumulation"])
        .expect_code(0)
        .json_lines();
    assert!(json[0]["data"]["explain"].is_null(), "{:?}", json[0]);
}

#[test]
fn chinese_words_together_outrank_a_long_paragraph_that_scatters_them() {
    let ws = Workspace::empty();
    // A long report paragraph that mentions every word, far apart and more than once, and a
    // short article that has them together.
    let report = "香港经济保持增长。".repeat(3)
        + &"各地区各部门认真落实各项政策，推动经济社会持续健康发展，".repeat(12)
        + "特别行政区政府依法施政。"
        + &"坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，".repeat(12)
        + "支持地方自治。";
    ws.write(
        "corpus/report.txt",
        format!("政府工作报告\n\n一、回顾\n\n{report}\n"),
    );
    ws.write(
        "corpus/basic.txt",
        "基本法\n\n第一章 总则\n\n第二条 香港作为特别行政区，依照本法实行自治。\n",
    );
    let hits = explained(&ws, "香港 特别行政区 自治");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(
        hits[0]["text"].as_str().unwrap().starts_with("第二条"),
        "the clause with the words together first: {hits:?}"
    );
    let (first, second) = (&hits[0]["explain"], &hits[1]["explain"]);
    assert_eq!(first["located"], 3, "{first}");
    assert!(number(&first["proximity"]) > number(&second["proximity"]));
    assert!(
        number(&second["length"]) < 1.0,
        "the long paragraph is damped: {second}"
    );
}

#[test]
fn a_word_only_in_the_heading_matches_and_a_heading_ranks_below_its_body() {
    let ws = Workspace::empty();
    ws.write(
        "corpus/origin.txt",
        "Agreement on Trade in Goods\n\n\
         ARTICLE 5.1: Rules of Origin\n\n\
         Bilateral cumulation applies to materials of either Party used in the production of a good.\n\n\
         These rules of origin apply to all goods.\n\n\
         ARTICLE 5.2: Transparency\n\n\
         Each Party shall publish its rules of origin promptly, and origin rules shall apply in a uniform manner.\n",
    );
    // `cumulation` is in the body, `rules` and `origin` only in its heading.
    let hits = explained(&ws, "rules of origin cumulation");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(
        hits[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Bilateral cumulation")
    );
    assert_eq!(hits[0]["heading"], "Rules of Origin");
    let e = &hits[0]["explain"];
    assert!(number(&e["structure"]) > 1.0, "{e}");
    assert!(
        e["words"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["field"] == "heading" && w["word"] == "origin"),
        "{e}"
    );

    // `rules of origin`: a body clause of about the heading's length that says them ranks
    // above the heading line that only names them; the heading is marked as such in the
    // explanation.
    let hits = explained(&ws, "rules of origin");
    let position = |kind: &str| {
        hits.iter()
            .position(|h| h["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} hit: {hits:?}"))
    };
    let (heading, body) = (position("heading"), position("body"));
    assert!(body < heading, "{hits:?}");
    assert!(number(&hits[heading]["explain"]["kind"]) < 1.0);
    assert_eq!(number(&hits[body]["explain"]["kind"]), 1.0);
}
