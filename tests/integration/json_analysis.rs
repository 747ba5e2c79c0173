//! The JSON contract of `list`, `show`, `similar`, `timeline`, `compare` and `stats`, held with
//! `deny_unknown_fields`: a renamed, removed or added field fails here first.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::util::{SEED_2023, Workspace};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    id: String,
    title: String,
    lang: String,
    date: Option<String>,
    path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Article {
    label: Option<String>,
    number: Option<String>,
    part: String,
    path: Vec<String>,
}

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
    articles: usize,
    clauses: usize,
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
    List {
        documents: usize,
        clauses: usize,
        sort: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Clause {
    doc: String,
    article: Article,
    paragraph: usize,
    clause: usize,
    line: usize,
    span: [usize; 2],
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
    Show {
        doc: String,
        article: Option<String>,
        sections: usize,
        clauses: usize,
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
    concepts: Vec<String>,
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
    line: usize,
    text: String,
    highlights: Vec<[usize; 2]>,
    shared: Vec<String>,
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
    Similar {
        cross_lingual: bool,
        candidates: usize,
        returned: usize,
        elapsed_ms: f64,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Year {
    year: u16,
    clauses: usize,
    documents: usize,
    corpus_clauses: usize,
    corpus_documents: usize,
    clauses_per: Option<f64>,
    documents_share: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Counts {
    clauses: usize,
    documents: usize,
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
    query: String,
    per: Option<u32>,
    clauses: usize,
    documents: usize,
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
    Timeline(Box<TimelineSummary>),
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LangCount {
    lang: String,
    documents: usize,
    clauses: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearCount {
    year: u16,
    documents: usize,
    clauses: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stats {
    corpus: String,
    index: String,
    index_bytes: u64,
    documents: usize,
    clauses: usize,
    articles: usize,
    languages: Vec<LangCount>,
    years: Vec<YearCount>,
    undated: Counts,
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum StatsMessage {
    Stats(Box<Stats>),
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
        matches!(list.last(), Some(ListMessage::List { documents: 2, clauses: 81, sort }) if sort == "date")
    );
    let ListMessage::Document(first) = &list[0] else {
        panic!("documents first")
    };
    assert_eq!(
        (first.lang.as_str(), first.articles, first.clauses),
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
        (c.doc.as_str(), c.paragraph, c.article.number.as_deref()),
        (SEED_2023, 1, Some("7"))
    );
    assert_eq!(
        (c.article.label.as_deref(), c.article.part.as_str()),
        (Some("7、"), "article")
    );
    assert_eq!(c.article.path, ["7、"]);
    assert!(
        c.clause > 0 && c.line > 1 && c.span[0] < c.span[1] && c.text.contains("color revolution")
    );
    assert!(
        matches!(show.last(), Some(ShowMessage::Show { article: Some(a), sections: 1, clauses: 1, doc }) if a == "7" && doc == SEED_2023)
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
    let SimilarMessage::Match(m) = &similar[1] else {
        panic!("then matches")
    };
    assert_eq!(
        (m.rank, m.via.as_str(), m.doc.id.as_str()),
        (1, "glossary", SEED_2023)
    );
    assert!(
        m.score > 0.0
            && m.clause > 0
            && m.line > 1
            && !m.highlights.is_empty()
            && !m.shared.is_empty()
    );
    assert!(!m.doc.title.is_empty() && m.doc.path.ends_with(".txt") && m.article.part == "article");
    assert!(!m.text.is_empty() && m.article.label.is_some());
    assert!(
        matches!(similar.last(), Some(SimilarMessage::Similar { cross_lingual: true, returned: 2, candidates, elapsed_ms }) if *candidates >= 2 && *elapsed_ms >= 0.0)
    );

    let timeline: Vec<TimelineMessage> = parse(&ws, &["timeline", "--json", "cooperation"]);
    let TimelineMessage::Year(y) = &timeline[0] else {
        panic!("years first")
    };
    assert_eq!(
        (y.year, y.documents, y.corpus_documents, y.corpus_clauses),
        (2023, 1, 1, 47)
    );
    assert!(y.clauses > 10);
    assert!(y.clauses_per.is_none() && y.documents_share == Some(1.0));
    assert!(matches!(timeline.last(), Some(TimelineMessage::Timeline(t)) if t.per.is_none()));
    let Some(TimelineMessage::Timeline(t)) = timeline.last() else {
        panic!("summary last")
    };
    assert_eq!(
        (
            t.query.as_str(),
            t.documents,
            t.undated.clauses,
            t.undated.documents
        ),
        ("cooperation", 1, 0, 0)
    );
    assert!(t.clauses == y.clauses && t.elapsed_ms >= 0.0);
    let first = t.first.as_ref().unwrap();
    assert_eq!(
        (first.date.as_deref(), first.doc.id.as_str()),
        (Some("2023-03-01"), SEED_2023)
    );
    assert!(first.clause <= t.last.as_ref().unwrap().clause && first.line > 0);
    assert!(first.text.contains("cooperation") && first.article.part == "preamble");

    let compare: Vec<CompareMessage> = parse(&ws, &["compare", "004:9", "004:13", "--json"]);
    let CompareMessage::Compare(c) = &compare[0];
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
    assert!(c.kept + c.removed + c.added > 0 && c.similarity > 0.0 && c.similarity < 1.0);

    let stats: Vec<StatsMessage> = parse(&ws, &["stats", "--json"]);
    let StatsMessage::Stats(s) = &stats[0];
    assert_eq!((s.corpus.as_str(), s.index.as_str()), ("corpus", "index"));
    assert!(s.index_bytes > 0 && s.documents == 2 && s.clauses == 81 && s.articles == 24);
    assert_eq!(
        s.languages
            .iter()
            .map(|l| (l.lang.as_str(), l.documents, l.clauses))
            .collect::<Vec<_>>(),
        [("en", 1, 47), ("zh", 1, 34)]
    );
    assert_eq!(
        s.years
            .iter()
            .map(|y| (y.year, y.documents, y.clauses))
            .collect::<Vec<_>>(),
        [(2013, 1, 34), (2023, 1, 47)]
    );
    assert_eq!((s.undated.clauses, s.undated.documents), (0, 0));
}
