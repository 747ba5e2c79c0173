//! The JSON contract of `parse`, `list`, `show`, `similar`, `timeline`, `compare` and `stats`,
//! held with `deny_unknown_fields`: a renamed, removed or added field fails here first.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::json::{Article, Doc, Pair};
use crate::util::{SEED_2013, SEED_2023, Workspace};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    id: String,
    title: String,
    lang: String,
    date: Option<String>,
    dates: BTreeMap<String, String>,
    place: Option<String>,
    parties: Vec<String>,
    path: String,
    article_count: usize,
    clause_count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum ListMessage {
    Document(Box<Document>),
    Summary {
        command: String,
        document_count: usize,
        clause_count: usize,
        sort: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Clause {
    doc: Doc,
    article: Article,
    paragraph: usize,
    clause: usize,
    line: usize,
    span: [usize; 2],
    kind: String,
    heading: Option<String>,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum ShowMessage {
    Document(Box<Document>),
    Clause(Box<Clause>),
    Summary {
        command: String,
        doc: Doc,
        asked: Option<String>,
        section_count: usize,
        clause_count: usize,
        scope_clause_count: usize,
        offset: usize,
        truncated: bool,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    doc: Option<Doc>,
    article: Option<Article>,
    paragraph: Option<usize>,
    lang: String,
    text: String,
    concepts: Vec<Pair>,
    clause_count: Option<usize>,
    truncated: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Match {
    rank: usize,
    score: f64,
    via: String,
    doc: Doc,
    article: Article,
    clause: usize,
    paragraph: Option<usize>,
    line: usize,
    text: String,
    highlights: Vec<[usize; 2]>,
    highlights_chars: Vec<[usize; 2]>,
    shared_words: Vec<String>,
    shared_concepts: Vec<Pair>,
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum SimilarMessage {
    Source(Box<Source>),
    Match(Box<Match>),
    Summary {
        command: String,
        cross_lingual: bool,
        candidate_count: usize,
        returned: usize,
        elapsed_ms: f64,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Year {
    year: u16,
    clause_count: usize,
    document_count: usize,
    corpus_clause_count: usize,
    corpus_document_count: usize,
    clauses_per: Option<f64>,
    documents_share: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Counts {
    clause_count: usize,
    document_count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Use {
    date: Option<String>,
    doc: Doc,
    article: Article,
    clause: usize,
    line: usize,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineSummary {
    command: String,
    query: String,
    per: Option<u32>,
    clause_count: usize,
    document_count: usize,
    undated: Counts,
    first: Option<Use>,
    last: Option<Use>,
    elapsed_ms: f64,
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum TimelineMessage {
    Year(Year),
    Summary(Box<TimelineSummary>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Side {
    doc: Doc,
    article: Article,
    paragraph: Option<usize>,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Piece {
    op: String,
    text: String,
    a: Option<[usize; 2]>,
    b: Option<[usize; 2]>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    from: String,
    to: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Compare {
    a: Side,
    b: Side,
    pieces: Vec<Piece>,
    changes: Vec<Change>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompareSummary {
    command: String,
    kept: usize,
    removed: usize,
    added: usize,
    similarity: f64,
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum CompareMessage {
    Compare(Box<Compare>),
    Summary(CompareSummary),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LangCount {
    lang: String,
    document_count: usize,
    clause_count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearCount {
    year: u16,
    document_count: usize,
    clause_count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Counted {
    document_count: usize,
    clause_count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stats {
    command: String,
    corpus: String,
    index: String,
    index_bytes: u64,
    document_count: usize,
    clause_count: usize,
    article_count: usize,
    languages: Vec<LangCount>,
    years: Vec<YearCount>,
    undated: Counted,
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum StatsMessage {
    Summary(Box<Stats>),
}

fn parse<T: DeserializeOwned>(ws: &Workspace, args: &[&str]) -> Vec<T> {
    let run = ws.run(args).expect_code(0);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn list_and_show() {
    let ws = Workspace::with_seeds();
    let list: Vec<ListMessage> = parse(&ws, &["list", "--json"]);
    assert!(
        matches!(list.last(), Some(ListMessage::Summary { command, document_count: 2, clause_count: 81, sort }) if sort == "date" && command == "list")
    );
    let ListMessage::Document(first) = &list[0] else {
        panic!("documents first")
    };
    assert_eq!(
        (first.lang.as_str(), first.article_count, first.clause_count),
        ("zh", 10, 34)
    );
    assert!(!first.title.is_empty() && first.path.ends_with(".txt") && first.date.is_some());
    assert!(first.place.is_some() && first.parties.len() == 2 && first.dates.len() == 2);
    assert!(!first.id.is_empty());

    let show: Vec<ShowMessage> = parse(&ws, &["show", "004", "7", "--json"]);
    assert!(matches!(&show[0], ShowMessage::Document(d) if d.id == SEED_2023));
    let ShowMessage::Clause(c) = &show[1] else {
        panic!("then clauses")
    };
    assert_eq!(
        (c.doc.id.as_str(), c.paragraph, c.article.number.as_deref()),
        (SEED_2023, 1, Some("7"))
    );
    assert_eq!(
        (c.article.label.as_deref(), c.article.part.as_str()),
        (Some("7、"), "article")
    );
    assert_eq!(c.article.path, ["7、"]);
    // A statement numbered `7、` has no heading titles: a body clause under none.
    assert_eq!((c.kind.as_str(), c.heading.as_deref()), ("body", None));
    // The same `doc` object as in hits, the path as in `list`.
    assert_eq!(
        (c.doc.lang.as_str(), c.doc.date.as_deref()),
        ("en", Some("2023-03-01"))
    );
    assert_eq!(c.doc.path, format!("corpus/{SEED_2023}.txt"));
    assert!(c.doc.title.starts_with("Joint Statement"));
    assert!(
        c.clause > 0 && c.line > 1 && c.span[0] < c.span[1] && c.text.contains("color revolution")
    );
    assert!(
        matches!(show.last(), Some(ShowMessage::Summary { command, asked: Some(a), section_count: 1, clause_count: 1, doc, scope_clause_count: 1, offset: 0, truncated: false }) if a == "7" && doc.id == SEED_2023 && command == "show")
    );
}

#[test]
fn similar_timeline_compare_and_stats() {
    let ws = Workspace::with_seeds();
    let similar: Vec<SimilarMessage> = parse(
        &ws,
        &[
            "similar",
            "000",
            "3",
            "3",
            "--cross-lingual",
            "--json",
            "-n",
            "2",
        ],
    );
    let SimilarMessage::Source(source) = &similar[0] else {
        panic!("source first")
    };
    assert_eq!((source.lang.as_str(), source.paragraph), ("zh", Some(3)));
    assert!(
        source
            .doc
            .as_ref()
            .is_some_and(|d| d.lang == "zh" && d.date.as_deref() == Some("2013-07-16"))
    );
    assert!(
        source
            .article
            .as_ref()
            .is_some_and(|a| a.number.as_deref() == Some("3")
                && a.label.is_some()
                && a.part == "article")
    );
    assert!(source.text.ends_with("内政。") && !source.concepts.is_empty());
    // One paragraph: the whole of it.
    assert_eq!((source.clause_count, source.truncated), (Some(1), false));
    // A Chinese source: each concept with its Chinese side as the source writes it.
    assert!(source.concepts.contains(&Pair {
        zh: "借口".into(),
        en: "pretext".into()
    }));
    assert!(source.concepts.iter().all(|p| source.text.contains(&p.zh)));
    let SimilarMessage::Match(m) = &similar[1] else {
        panic!("then matches")
    };
    assert_eq!(
        (m.rank, m.via.as_str(), m.doc.id.as_str()),
        (1, "glossary", SEED_2023)
    );
    // A clause of a numbered article (or preamble, signature) has its paragraph; a clause
    // under a heading without a number has none.
    assert_eq!(
        m.paragraph.is_some(),
        (m.article.part == "article" && m.article.number.is_some())
            || m.article.part == "preamble"
            || m.article.part == "signature",
        "{m:?}"
    );
    assert!(
        m.score > 0.0
            && m.clause > 0
            && m.line > 1
            && !m.highlights.is_empty()
            && !m.shared_concepts.is_empty()
            && m.shared_words.is_empty()
    );
    // Shared concepts as the two texts write them: Chinese from the source, English from the
    // match, in that order although the source is Chinese and the match English.
    assert!(
        m.shared_concepts
            .iter()
            .all(|p| source.text.contains(&p.zh) && m.text.contains(&p.en))
    );
    assert!(m.shared_concepts.contains(&Pair {
        zh: "借口".into(),
        en: "pretext".into()
    }));
    let chars: Vec<char> = m.text.chars().collect();
    for (&[s, e], &[cs, ce]) in m.highlights.iter().zip(&m.highlights_chars) {
        assert_eq!(chars[cs..ce].iter().collect::<String>(), m.text[s..e]);
    }
    assert!(!m.doc.title.is_empty() && m.doc.path.ends_with(".txt") && m.article.part == "article");
    assert!(!m.text.is_empty() && m.article.label.is_some());
    assert!(
        matches!(similar.last(), Some(SimilarMessage::Summary { command, cross_lingual: true, returned: 2, candidate_count, elapsed_ms }) if *candidate_count >= 2 && *elapsed_ms >= 0.0 && command == "similar")
    );

    let timeline: Vec<TimelineMessage> = parse(&ws, &["timeline", "--json", "cooperation"]);
    let TimelineMessage::Year(y) = &timeline[0] else {
        panic!("years first")
    };
    assert_eq!(
        (
            y.year,
            y.document_count,
            y.corpus_document_count,
            y.corpus_clause_count
        ),
        (2023, 1, 1, 47)
    );
    assert!(y.clause_count > 10);
    assert!(y.clauses_per.is_none() && y.documents_share == Some(1.0));
    assert!(matches!(timeline.last(), Some(TimelineMessage::Summary(t)) if t.per.is_none()));
    let Some(TimelineMessage::Summary(t)) = timeline.last() else {
        panic!("summary last")
    };
    assert_eq!(
        (
            t.command.as_str(),
            t.query.as_str(),
            t.document_count,
            t.undated.clause_count,
            t.undated.document_count
        ),
        ("timeline", "cooperation", 1, 0, 0)
    );
    assert!(t.clause_count == y.clause_count && t.elapsed_ms >= 0.0);
    let first = t.first.as_ref().unwrap();
    assert_eq!(
        (first.date.as_deref(), first.doc.id.as_str()),
        (Some("2023-03-01"), SEED_2023)
    );
    assert!(first.clause <= t.last.as_ref().unwrap().clause && first.line > 0);
    assert!(first.text.contains("cooperation") && first.article.part == "preamble");
    // The path as hits give it, not a bare file name.
    assert_eq!(first.doc.path, format!("corpus/{SEED_2023}.txt"));

    let compare: Vec<CompareMessage> = parse(&ws, &["compare", "004:9", "004:13", "--json"]);
    let CompareMessage::Compare(c) = &compare[0] else {
        panic!("the comparison first")
    };
    let Some(CompareMessage::Summary(counts)) = compare.last() else {
        panic!("summary last")
    };
    assert_eq!(compare.len(), 2);
    assert_eq!((c.a.paragraph, c.b.doc.id.as_str()), (None, SEED_2023));
    assert_eq!(c.a.article.number.as_deref(), Some("9"));
    assert!(c.b.text.contains("White Party"));
    assert!(
        c.pieces
            .iter()
            .all(|p| !p.text.is_empty() && (p.a.is_some() || p.b.is_some()))
    );
    assert!(c.pieces.iter().any(|p| p.op == "keep") && !c.changes.is_empty());
    assert!(
        c.changes
            .iter()
            .all(|ch| !ch.from.is_empty() || !ch.to.is_empty())
    );
    assert_eq!(counts.command, "compare");
    assert!(
        counts.kept + counts.removed + counts.added > 0
            && counts.similarity > 0.0
            && counts.similarity < 1.0
    );

    let stats: Vec<StatsMessage> = parse(&ws, &["stats", "--json"]);
    assert_eq!(stats.len(), 1);
    let StatsMessage::Summary(s) = &stats[0];
    assert_eq!(
        (s.command.as_str(), s.corpus.as_str(), s.index.as_str()),
        ("stats", "corpus", "index")
    );
    assert!(
        s.index_bytes > 0 && s.document_count == 2 && s.clause_count == 81 && s.article_count == 24
    );
    assert_eq!(
        s.languages
            .iter()
            .map(|l| (l.lang.as_str(), l.document_count, l.clause_count))
            .collect::<Vec<_>>(),
        [("en", 1, 47), ("zh", 1, 34)]
    );
    assert_eq!(
        s.years
            .iter()
            .map(|y| (y.year, y.document_count, y.clause_count))
            .collect::<Vec<_>>(),
        [(2013, 1, 34), (2023, 1, 47)]
    );
    assert_eq!((s.undated.clause_count, s.undated.document_count), (0, 0));
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Division {
    level: u8,
    label: String,
    number: String,
    title: Option<String>,
    line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Heading {
    label: Option<String>,
    number: String,
    line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParsedClause {
    article: Article,
    clause: usize,
    line: usize,
    span: [usize; 2],
    kind: String,
    heading: Option<String>,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Parsed {
    path: String,
    title: String,
    title_derived: bool,
    doc_type: Option<String>,
    lang: String,
    date: Option<String>,
    dates: BTreeMap<String, String>,
    date_evidence: Vec<crate::dating::Evidence>,
    place: Option<String>,
    parties: Vec<String>,
    divisions: Vec<Division>,
    articles: Vec<Heading>,
    clauses: Vec<ParsedClause>,
    meta: BTreeMap<String, String>,
    warnings: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum ParseMessage {
    Document(Box<Parsed>),
    Summary {
        command: String,
        path: String,
        article_count: usize,
        clause_count: usize,
        warning_count: usize,
    },
}

#[test]
fn parse_is_a_document_then_a_summary() {
    let ws = Workspace::with_seeds();
    let file = format!("corpus/{SEED_2023}.txt");
    let lines: Vec<ParseMessage> = parse(&ws, &["parse", "--json", &file]);
    assert_eq!(lines.len(), 2);
    let ParseMessage::Document(doc) = &lines[0] else {
        panic!("the document first")
    };
    assert_eq!(
        (doc.path.as_str(), doc.lang.as_str()),
        (file.as_str(), "en")
    );
    assert_eq!(doc.date.as_deref(), Some("2023-03-01"));
    assert_eq!(doc.dates["signed"], "2023-03-01");
    assert!(!doc.title_derived && doc.title.starts_with("Joint Statement"));
    assert_eq!(doc.doc_type.as_deref(), Some("joint statement"));
    assert_eq!(doc.place.as_deref(), Some("Beijing"));
    assert_eq!(doc.parties, ["China", "Belarus"]);
    assert!(doc.divisions.is_empty() && doc.warnings.is_empty());
    assert_eq!(doc.articles.len(), 14);
    assert_eq!(
        (
            doc.articles[1].label.as_deref(),
            doc.articles[1].number.as_str()
        ),
        (Some("2、"), "2")
    );
    assert!(
        doc.date_evidence
            .iter()
            .any(|e| e.role == "signed" && e.line.is_some())
    );
    assert!(
        doc.date_evidence
            .iter()
            .all(|e| !e.phrase.is_empty() && !e.date.is_empty())
    );
    assert_eq!(doc.meta["type"], "joint statement");
    // `clause` counts from 0 as in hits: the hit of `query` names the same clause.
    for (i, c) in doc.clauses.iter().enumerate() {
        assert_eq!(c.clause, i);
        assert!(c.span[0] < c.span[1] && c.line > 0 && !c.text.is_empty());
    }
    let hit = ws
        .run(&["query", "--json", "-n", "1", "color revolution"])
        .expect_code(0)
        .json_lines()
        .remove(0);
    let at = hit["data"]["clause"].as_u64().unwrap() as usize;
    assert_eq!(doc.clauses[at].text, hit["data"]["text"]);
    assert_eq!(
        doc.clauses[at].article.number.as_deref(),
        hit["data"]["article"]["number"].as_str()
    );
    assert!(
        matches!(&lines[1], ParseMessage::Summary { command, path, article_count: 14, clause_count: 47, warning_count: 0 } if command == "parse" && *path == file)
    );
    assert_eq!(doc.articles[1].line, 16);

    // Chapters: `divisions` with their level, label, number, title and line.
    ws.write(
        "corpus/law.txt",
        "某某法\n\n第一章 总则\n\n第一条 为了规范管理，制定本法。\n\n第二章 附则\n\n第二条 本法自公布之日起施行。\n",
    );
    let lines: Vec<ParseMessage> = parse(&ws, &["parse", "--json", "corpus/law.txt"]);
    let ParseMessage::Document(law) = &lines[0] else {
        panic!("the document first")
    };
    let chapters: Vec<(u8, &str, &str, Option<&str>, usize)> = law
        .divisions
        .iter()
        .map(|d| {
            (
                d.level,
                d.label.as_str(),
                d.number.as_str(),
                d.title.as_deref(),
                d.line,
            )
        })
        .collect();
    assert_eq!(
        chapters,
        [
            (2, "第一章", "1", Some("总则"), 3),
            (2, "第二章", "2", Some("附则"), 7)
        ]
    );
    // The chapter lines are headings; the articles under them carry the chapter's title.
    let units: Vec<(&str, &str, Option<&str>)> = law
        .clauses
        .iter()
        .map(|c| (c.text.as_str(), c.kind.as_str(), c.heading.as_deref()))
        .collect();
    assert_eq!(
        units,
        [
            ("某某法", "body", None),
            ("第一章 总则", "heading", Some("总则")),
            ("第一条 为了规范管理，制定本法。", "body", Some("总则")),
            ("第二章 附则", "heading", Some("附则")),
            ("第二条 本法自公布之日起施行。", "body", Some("附则")),
        ]
    );
}

#[test]
fn glossary_pairs_keep_their_sides_from_an_english_source() {
    let ws = Workspace::with_seeds();
    let similar: Vec<SimilarMessage> = parse(
        &ws,
        &[
            "similar",
            "004",
            "2",
            "1",
            "--cross-lingual",
            "--lang",
            "zh",
            "--json",
            "-n",
            "1",
        ],
    );
    let SimilarMessage::Source(source) = &similar[0] else {
        panic!("source first")
    };
    assert_eq!(source.lang, "en");
    // The English side as the source writes it, the Chinese side a rendering: the pair does
    // not flip with the source language.
    assert!(source.concepts.contains(&Pair {
        zh: "借口".into(),
        en: "pretext".into()
    }));
    assert!(
        source
            .concepts
            .iter()
            .all(|p| source.text.contains(&p.en) && p.zh.chars().any(|c| c > '\u{2e80}'))
    );
    let SimilarMessage::Match(m) = &similar[1] else {
        panic!("then a match")
    };
    assert_eq!((m.via.as_str(), m.doc.id.as_str()), ("glossary", SEED_2013));
    assert!(!m.shared_concepts.is_empty());
    assert!(
        m.shared_concepts
            .iter()
            .all(|p| source.text.contains(&p.en) && m.text.contains(&p.zh))
    );
}
