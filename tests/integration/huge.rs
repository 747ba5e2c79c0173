//! Bounded `show`, `similar` and `query` on a document of thousands of clauses (issue 16): a
//! page of `show` is the same clauses, numbered the same way, as the whole listing; a cut is
//! said on stderr and in the JSON; `similar` on a long article takes a bounded source and
//! says so. Shape and content only, never time.

use serde_json::Value;

use crate::util::Workspace;

/// Paragraphs of article 1 (more than `show`'s default page and `similar`'s source cap).
const BIG: usize = 2500;
/// Articles 2 to 11, of this many paragraphs each.
const PER: usize = 30;
/// The paragraph of article 1 carrying a word found nowhere else.
const MARKED: usize = 1800;

fn numeral(n: usize) -> &'static str {
    [
        "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
    ][n]
}

/// A statement of 2,800 paragraphs: article 1 of 2,500, articles 2 to 11 of 30 each, every
/// paragraph a different sentence.
fn statement() -> String {
    let mut s = String::from("中华人民共和国和阿尔多利亚共和国联合声明\n\n2023年5月1日\n\n");
    for article in 1..=11 {
        let n = if article == 1 { BIG } else { PER };
        for p in 1..=n {
            if p == 1 {
                s.push_str(numeral(article));
                s.push('、');
            }
            if article == 1 && p == MARKED {
                s.push_str("双方同意共同保护鹦鹉螺栖息地。\n\n");
            } else {
                s.push_str(&format!(
                    "双方同意在第{article}条第{p}项所列领域加强务实合作，编号{article}x{p}。\n\n"
                ));
            }
        }
    }
    s
}

fn workspace() -> Workspace {
    let ws = Workspace::empty();
    ws.write("corpus/big.txt", statement());
    ws.write(
        "corpus/other.txt",
        "联合声明\n\n2020年1月1日\n\n一、双方同意在务实领域加强合作。\n\n二、双方同意保护鹦鹉螺。\n",
    );
    ws.run(&["index", "--quiet"]).expect_code(0);
    ws
}

fn of_type(lines: &[Value], kind: &str) -> Vec<Value> {
    lines
        .iter()
        .filter(|l| l["type"] == kind)
        .map(|l| l["data"].clone())
        .collect()
}

/// (clause, article number, paragraph) of each clause line.
fn keys(clauses: &[Value]) -> Vec<(u64, String, u64)> {
    clauses
        .iter()
        .map(|c| {
            (
                c["clause"].as_u64().unwrap(),
                c["article"]["number"].as_str().unwrap_or("").to_string(),
                c["paragraph"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn huge_show_pages_are_the_whole_listing_cut() {
    let ws = workspace();
    let all = ws
        .run(&["show", "big", "--limit", "0", "--json"])
        .expect_code(0);
    assert!(all.stderr.is_empty(), "{}", all.stderr);
    let lines = all.json_lines();
    let whole = keys(&of_type(&lines, "clause"));
    let total = whole.len();
    assert!(total > BIG + 10 * PER - 5, "{total} clauses");
    // In document order, numbered 0, 1, 2, …; paragraphs from 1 in each article.
    assert!(whole.iter().enumerate().all(|(i, k)| k.0 == i as u64));
    let marked = whole
        .iter()
        .find(|k| k.1 == "1" && k.2 == MARKED as u64)
        .expect("paragraph 1800 of article 1");
    let summary = &of_type(&lines, "summary")[0];
    assert_eq!(summary["truncated"], false);
    assert_eq!(summary["scope_clause_count"], total);

    // The default page: the first 1,000, said to be cut.
    let first = ws.run(&["show", "big", "--json"]).expect_code(0);
    let lines = first.json_lines();
    assert_eq!(keys(&of_type(&lines, "clause")), whole[..1000]);
    let summary = &of_type(&lines, "summary")[0];
    assert_eq!(summary["truncated"], true);
    assert_eq!(summary["clause_count"], 1000);
    assert_eq!(summary["scope_clause_count"], total);
    assert_eq!(of_type(&lines, "document")[0]["clause_count"], total);
    assert_eq!(of_type(&lines, "document")[0]["article_count"], 11);
    assert!(
        first.stderr.contains("showed clauses 1–1,000 of the")
            && first.stderr.contains("--offset 1000"),
        "{}",
        first.stderr
    );

    // Pages of 700 put together are the whole listing, paragraphs included.
    let mut paged = Vec::new();
    for page in 0..total.div_ceil(700) {
        let offset = (page * 700).to_string();
        let run = ws
            .run(&[
                "show", "big", "--limit", "700", "--offset", &offset, "--json",
            ])
            .expect_code(0);
        paged.extend(keys(&of_type(&run.json_lines(), "clause")));
    }
    assert_eq!(paged, whole);

    // Inside the long article: paragraphs run from the offset.
    let run = ws
        .run(&[
            "show", "big", "1", "--offset", "1797", "--limit", "5", "--json",
        ])
        .expect_code(0);
    let lines = run.json_lines();
    let page = keys(&of_type(&lines, "clause"));
    assert_eq!(
        page.iter().map(|k| k.2).collect::<Vec<_>>(),
        [1798, 1799, 1800, 1801, 1802]
    );
    assert!(page.contains(marked));
    assert_eq!(of_type(&lines, "summary")[0]["scope_clause_count"], BIG);

    // A range of articles: exactly their clauses.
    let run = ws
        .run(&["show", "big", "--articles", "3-四", "--json"])
        .expect_code(0);
    let range: Vec<_> = whole
        .iter()
        .filter(|k| k.1 == "3" || k.1 == "4")
        .cloned()
        .collect();
    assert_eq!(range.len(), 2 * PER);
    assert_eq!(keys(&of_type(&run.json_lines(), "clause")), range);
    let run = ws.run(&["show", "big", "--articles", "10-"]).expect_code(0);
    assert!(run.stdout.contains("art. 11") && !run.stdout.contains("art. 9 "));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn huge_show_refuses_what_it_cannot_show() {
    let ws = workspace();
    for (args, needle) in [
        (&["show", "big", "--articles", "5-3"][..], "comes before"),
        (&["show", "big", "--articles=-3"][..], "first article"),
        (&["show", "big", "--articles", "3-99"][..], "no article 99"),
        (
            &["show", "big", "--articles", "3", "2"][..],
            "cannot be used with",
        ),
    ] {
        let run = ws.run(args).expect_code(2);
        assert!(
            run.stderr.contains(needle) && run.stdout.is_empty(),
            "{args:?}: {}",
            run.stderr
        );
    }
    // Past the end: the header, no clause, and the reason.
    let run = ws
        .run(&["show", "big", "--offset", "100000", "--json"])
        .expect_code(0);
    assert!(of_type(&run.json_lines(), "clause").is_empty());
    assert!(run.stderr.contains("is past the"), "{}", run.stderr);
}

#[test]
fn huge_similar_takes_a_bounded_source_and_says_so() {
    let ws = workspace();
    // Exit 1 when nothing is similar enough: the source is what is checked here.
    let run = ws.run(&["similar", "big", "1", "--json"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let lines = run.json_lines();
    let source = &of_type(&lines, "source")[0];
    assert_eq!(source["truncated"], true);
    assert_eq!(source["clause_count"], BIG);
    assert_eq!(source["text"].as_str().unwrap().lines().count(), 1000);
    assert!(
        run.stderr.contains("first 1000 of the 2500"),
        "{}",
        run.stderr
    );
    // One paragraph: the whole of it, no note.
    let run = ws
        .run(&["similar", "big", "1", &MARKED.to_string(), "--json"])
        .expect_code(0);
    let lines = run.json_lines();
    let source = &of_type(&lines, "source")[0];
    assert_eq!(source["truncated"], false);
    assert!(source["text"].as_str().unwrap().contains("鹦鹉螺"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let matches = of_type(&lines, "match");
    assert_eq!(matches[0]["doc"]["id"], "other");
}

#[test]
fn huge_query_hits_carry_their_paragraph_in_a_long_article() {
    let ws = workspace();
    let run = ws
        .run(&["query", "鹦鹉螺", "--doc", "big", "--json"])
        .expect_code(0);
    let hits = of_type(&run.json_lines(), "hit");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["paragraph"], MARKED);
}
