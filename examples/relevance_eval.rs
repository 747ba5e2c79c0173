//! Measures ranking quality on the judged queries in `tests/relevance/judged.json`: nDCG@10
//! and recall@10 of treatysearch, and of a plain substring search on the same clauses (what
//! `rg -F QUERY` would find, in corpus order). A clause answers a query of that set when the
//! query's `rule` holds for it (see `Rule`): the rule is applied to the clauses the parser makes
//! now, so the set stays a fair check when clause units change (its `relevant` lists name the
//! clauses the rule found when it was judged). The corpus is `corpus/` (as `seeds/`) and the
//! development corpora next to the repository (`../shared/corpora/dev/*`); the example skips,
//! with a message, when those are absent.
//!
//! ```sh
//! cargo run --release --example relevance_eval            # summary table (Markdown)
//! cargo run --release --example relevance_eval -- --each  # one row per query as well
//! cargo run --release --example relevance_eval -- --graded # the graded set (below)
//! cargo run --release --example relevance_eval -- --strict --no-collapse  # as before both
//! ```
//!
//! `--strict` keeps every word required when all of them find little (no relaxed tiers);
//! `--no-collapse` ranks every copy of identical clauses. The count of relaxed queries is
//! printed on stderr. They apply to both sets.
//!
//! With `--graded [FILE]` it reads the graded set `tests/relevance/graded.json` instead (judged
//! 0/1/2 by pooling the top tens of treatysearch and its peers, see the file's `note`) and
//! prints graded nDCG@10 (gains are the grades, the ideal list the query's best ten judged
//! grades), P@10 (clauses graded 1 or 2 in the top ten) and the share of the top ten that is
//! judged, for all queries, per language, and for the two halves of the set: the queries ranking
//! changes may be tuned on (g01, g02, g05, g06, …: every other pair of a Chinese and an English
//! query) and the held-out ones (g03, g04, g07, g08, …).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;
use treatysearch::analyze::Analyzers;
use treatysearch::corpus;
use treatysearch::ingest;
use treatysearch::parse::parse_with_sidecar;
use treatysearch::search::{self, Request};

const DEV_FOLDERS: &[&str] = &[
    "tota_en",
    "zh_laws",
    "zh_gov_reports",
    "nl_treaties",
    "ungdc",
];
const K: usize = 10;

#[derive(Deserialize)]
struct Judged {
    queries: Vec<JudgedQuery>,
}

#[derive(Deserialize)]
struct JudgedQuery {
    id: String,
    query: String,
    lang: String,
    rule: String,
}

/// A query with the (nDCG@K, recall@K) of treatysearch and of the substring search.
/// A query with its number of relevant clauses and the (nDCG@K, recall@K) of treatysearch and
/// of the substring search.
type Row<'a> = (&'a JudgedQuery, usize, (f64, f64), (f64, f64));

/// A returned clause: what the rule is applied to.
struct Returned {
    text: String,
}

#[derive(Deserialize)]
struct Graded {
    queries: Vec<GradedQuery>,
}

#[derive(Deserialize)]
struct GradedQuery {
    id: String,
    query: String,
    lang: String,
    judgments: Vec<Grade>,
}

#[derive(Deserialize)]
struct Grade {
    doc: String,
    line: usize,
    text: String,
    grade: u8,
    /// The length of the whole judged clause: with `text`, what tells identical clauses.
    chars: usize,
}

/// A graded query with (nDCG@K, P@K, judged share of what the top K returned) of treatysearch.
type GradedRow<'a> = (&'a GradedQuery, (f64, f64, f64));

/// A named group of graded queries for the summary table.
type Group<'a> = (&'a str, &'a dyn Fn(&GradedQuery) -> bool);

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let each = args.iter().any(|a| a == "--each");
    let graded = args.iter().position(|a| a == "--graded").map(|i| {
        args.get(i + 1)
            .filter(|a| !a.starts_with("--"))
            .map_or_else(
                || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance/graded.json"),
                PathBuf::from,
            )
    });
    let strict = args.iter().any(|a| a == "--strict");
    let no_collapse = args.iter().any(|a| a == "--no-collapse");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dev = repo.join("../shared/corpora/dev");
    if !dev.is_dir() {
        eprintln!(
            "relevance_eval: skipped: the development corpora are not at {} (they live next to the repository as shared/corpora/dev)",
            dev.display()
        );
        return Ok(());
    }
    let judged: Judged = serde_json::from_str(
        &fs::read_to_string(repo.join("tests/relevance/judged.json"))
            .context("cannot read the judged queries")?,
    )?;

    let work = repo.join("target/relevance");
    let corpus_dir = work.join("corpus");
    link_corpus(&corpus_dir, &repo.join("corpus"), &dev)?;
    // The shipped corpus's user dictionary, as `treatysearch` would use it there.
    let analyzers = Analyzers::for_corpus(&repo.join("corpus"))?;
    // The corpora are linked into one folder: links must be followed.
    let options = ingest::UpdateOptions {
        follow: true,
        ..Default::default()
    };
    let (clause_index, report) =
        ingest::update(&corpus_dir, &work.join("index"), &analyzers, &options, None)?;
    eprintln!(
        "relevance_eval: {} documents, {} clauses ({})",
        report.documents,
        report.clauses,
        report.counts()
    );
    if let Some(path) = graded {
        return graded_eval(&path, &clause_index, &analyzers, each, strict, no_collapse);
    }
    let clauses = all_clauses(&corpus_dir)?;

    let mut rows: Vec<Row> = Vec::new();
    let mut relaxed_queries = 0;
    for q in &judged.queries {
        let rule = Rule::new(&q.rule, &q.lang)?;
        // The relevant clauses of the units the parser makes now (hard-wrapped lines joined):
        // those the rule holds for, identical texts once.
        let relevant: HashSet<String> = clauses
            .iter()
            .filter(|c| rule.holds(&c.text))
            .map(|c| squeeze(&c.text))
            .collect();
        let request = request_for(&q.query, strict, no_collapse)?;
        let results = search::search(&clause_index, &analyzers, &request)?;
        if let Some(relaxed) = &results.relaxed {
            relaxed_queries += 1;
            eprintln!(
                "relevance_eval: {} {:?} relaxed: {} with every word, dropped {:?}",
                q.id, q.query, relaxed.all_count, relaxed.dropped
            );
        }
        let ours: Vec<Returned> = results
            .hits
            .into_iter()
            .map(|h| Returned { text: h.text })
            .collect();
        let substring: Vec<Returned> = clauses
            .iter()
            .filter(|c| c.text.contains(&q.query))
            .take(K)
            .map(|c| Returned {
                text: c.text.clone(),
            })
            .collect();
        rows.push((
            q,
            relevant.len(),
            score(&ours, &rule, relevant.len()),
            score(&substring, &rule, relevant.len()),
        ));
    }

    eprintln!(
        "relevance_eval: {relaxed_queries} of {} queries relaxed",
        judged.queries.len()
    );
    if each {
        println!(
            "| id | query | relevant | treatysearch nDCG@10 | recall@10 | substring nDCG@10 | recall@10 |"
        );
        println!("|---|---|---|---|---|---|---|");
        for (q, relevant, ours, base) in &rows {
            println!(
                "| {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
                q.id, q.query, relevant, ours.0, ours.1, base.0, base.1
            );
        }
        println!();
    }
    println!(
        "| queries | n | treatysearch nDCG@10 | treatysearch recall@10 | substring nDCG@10 | substring recall@10 |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, filter) in [
        ("all", None),
        ("Chinese", Some("zh")),
        ("English", Some("en")),
    ] {
        let chosen: Vec<_> = rows
            .iter()
            .filter(|(q, _, _, _)| filter.is_none_or(|l| q.lang == l))
            .collect();
        let n = chosen.len() as f64;
        let mean = |f: &dyn Fn(&Row) -> f64| chosen.iter().map(|r| f(r)).sum::<f64>() / n;
        println!(
            "| {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
            chosen.len(),
            mean(&|r| r.2.0),
            mean(&|r| r.2.1),
            mean(&|r| r.3.0),
            mean(&|r| r.3.1),
        );
    }
    Ok(())
}

/// The request `treatysearch query` makes for `query`: the top ten, relaxed when all words find
/// little and identical clauses collapsed unless asked otherwise, near-forms from the shipped
/// glossary.
fn request_for(query: &str, strict: bool, no_collapse: bool) -> Result<Request> {
    Ok(Request {
        query: search::Query::parse(query)?,
        limit: K,
        relax: !strict,
        collapse: !no_collapse,
        glossary: Some(search::fallback::GlossarySource {
            corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
            extra: None,
        }),
        ..Request::default()
    })
}

/// The graded set: treatysearch's top ten of every query scored against the grades.
fn graded_eval(
    path: &Path,
    clause_index: &treatysearch::index::ClauseIndex,
    analyzers: &Analyzers,
    each: bool,
    strict: bool,
    no_collapse: bool,
) -> Result<()> {
    let set: Graded = serde_json::from_str(
        &fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?,
    )
    .with_context(|| format!("{} is not a graded set", path.display()))?;
    let mut rows: Vec<GradedRow> = Vec::new();
    // A query with no clause graded 1 or 2 cannot be scored (its ideal list is empty): left out,
    // as trec_eval leaves out topics without relevant documents, and counted in the table.
    let unanswered = set
        .queries
        .iter()
        .filter(|q| q.judgments.iter().all(|j| j.grade == 0))
        .count();
    for q in set
        .queries
        .iter()
        .filter(|q| q.judgments.iter().any(|j| j.grade > 0))
    {
        let request = request_for(&q.query, strict, no_collapse)?;
        let hits = search::search(clause_index, analyzers, &request)?.hits;
        let returned: Vec<(String, usize, String)> = hits
            .into_iter()
            .map(|h| (h.doc.id, h.line, h.text))
            .collect();
        rows.push((q, graded_score(&returned, &q.judgments)));
    }
    if each {
        println!("| id | query | judged | relevant | nDCG@10 | P@10 | judged@10 |");
        println!("|---|---|---|---|---|---|---|");
        for (q, (ndcg, p, judged)) in &rows {
            let relevant = q.judgments.iter().filter(|j| j.grade > 0).count();
            println!(
                "| {} | {} | {} | {relevant} | {ndcg:.3} | {p:.3} | {judged:.3} |",
                q.id,
                q.query,
                q.judgments.len()
            );
        }
        println!();
    }
    // Chinese and English queries alternate (g01 zh, g02 en, …): the tuning half is every
    // other pair (g01, g02, g05, g06, …), so that both halves hold both languages.
    let tuning = |q: &GradedQuery| {
        q.id.trim_start_matches(|c: char| !c.is_ascii_digit())
            .parse::<u32>()
            .is_ok_and(|n| n % 4 == 1 || n % 4 == 2)
    };
    if unanswered > 0 {
        println!("{unanswered} queries without a clause graded 1 or 2 are left out.\n");
    }
    println!("| queries | n | nDCG@10 | P@10 | judged@10 |");
    println!("|---|---|---|---|---|");
    let groups: [Group; 5] = [
        ("all", &|_| true),
        ("Chinese", &|q| q.lang == "zh"),
        ("English", &|q| q.lang == "en"),
        ("tuning (g01, g02, g05, g06, …)", &|q| tuning(q)),
        ("held out (g03, g04, g07, g08, …)", &|q| !tuning(q)),
    ];
    for (name, keep) in groups {
        let chosen: Vec<_> = rows.iter().filter(|(q, _)| keep(q)).collect();
        let n = chosen.len().max(1) as f64;
        let mean =
            |f: &dyn Fn(&(f64, f64, f64)) -> f64| chosen.iter().map(|r| f(&r.1)).sum::<f64>() / n;
        println!(
            "| {name} | {} | {:.3} | {:.3} | {:.3} |",
            chosen.len(),
            mean(&|s| s.0),
            mean(&|s| s.1),
            mean(&|s| s.2)
        );
    }
    Ok(())
}

/// Text compared for judgments: no whitespace, case folded.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A judged text shorter than this (squeezed) applies only to a clause starting on its line.
const MIN_CONTAINED: usize = 25;

/// (nDCG@K, P@K, judged share of the clauses returned in the top K) of a ranked list of (doc,
/// line, text) against graded judgments, as `benches/peers/peers.py` computes it: a judgment
/// applies to a returned clause of its document that starts on its line with its text, or whose
/// text contains the judged text when that is at least `MIN_CONTAINED` characters long (joined
/// lines keep their grades); both squeezed. The best grade that applies counts. Identical clauses
/// are one answer: a clause whose text repeats one ranked above it gains nothing, and copies are
/// one entry of the ideal list.
fn graded_score(returned: &[(String, usize, String)], judgments: &[Grade]) -> (f64, f64, f64) {
    let squeezed: Vec<(&str, String)> = judgments
        .iter()
        .map(|j| (j.doc.as_str(), squeeze(&j.text)))
        .collect();
    let mut best: std::collections::HashMap<(&str, usize), u8> = std::collections::HashMap::new();
    for (j, (_, text)) in judgments.iter().zip(&squeezed) {
        let grade = best.entry((text.as_str(), j.chars)).or_default();
        *grade = (*grade).max(j.grade);
    }
    let mut grades: Vec<u8> = best.into_values().collect();
    grades.sort_unstable_by(|a, b| b.cmp(a));
    let discount = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let ideal: f64 = grades
        .iter()
        .take(K)
        .enumerate()
        .map(|(i, &g)| f64::from(g) * discount(i))
        .sum();
    if ideal == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    let (mut dcg, mut relevant, mut judged) = (0.0, 0, 0);
    let mut seen = HashSet::new();
    for (i, (doc, line, text)) in returned.iter().take(K).enumerate() {
        let flat = squeeze(text);
        let repeat = !seen.insert(flat.clone());
        let grade = judgments
            .iter()
            .zip(&squeezed)
            .filter(|(j, (d, t))| {
                d == doc
                    && ((j.line == *line && flat.starts_with(t.as_str()))
                        || (t.chars().count() >= MIN_CONTAINED && flat.contains(t.as_str())))
            })
            .map(|(j, _)| j.grade)
            .max();
        if let Some(g) = grade {
            judged += 1;
            if repeat {
                continue;
            }
            relevant += usize::from(g > 0);
            dcg += f64::from(g) * discount(i);
        }
    }
    (
        dcg / ideal,
        relevant as f64 / K as f64,
        judged as f64 / returned.len().clamp(1, K) as f64,
    )
}

/// (nDCG@K, recall@K) of a ranked list against the rule of the first set, with `relevant`
/// clauses in all: a clause is relevant when the rule holds for it; a text repeated further down
/// counts once.
fn score(returned: &[Returned], rule: &Rule, relevant: usize) -> (f64, f64) {
    if relevant == 0 {
        return (0.0, 0.0);
    }
    let mut seen = HashSet::new();
    let mut dcg = 0.0;
    let mut found = 0;
    for (i, r) in returned.iter().take(K).enumerate() {
        if rule.holds(&r.text) && seen.insert(squeeze(&r.text)) {
            dcg += 1.0 / ((i + 2) as f64).log2();
            found += 1;
        }
    }
    let ideal: f64 = (0..relevant.min(K))
        .map(|i| 1.0 / ((i + 2) as f64).log2())
        .sum();
    (dcg / ideal, found as f64 / relevant as f64)
}

/// The rule of a query of the first set: regular expressions joined by ` AND `, all of which a
/// relevant clause has (case-insensitive for English). The set was judged on clauses cut at
/// every line break; the rule is applied to the clauses the parser makes now, with the line
/// breaks of a joined paragraph read as a space (English) or as nothing (Chinese).
struct Rule {
    zh: bool,
    patterns: Vec<regex::Regex>,
}

impl Rule {
    fn new(rule: &str, lang: &str) -> Result<Rule> {
        let zh = lang == "zh";
        let patterns = rule
            .split(" AND ")
            .map(|p| {
                let p = if zh {
                    p.to_string()
                } else {
                    format!("(?i){p}")
                };
                regex::Regex::new(&p).with_context(|| format!("bad rule {rule:?}"))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Rule { zh, patterns })
    }

    fn holds(&self, text: &str) -> bool {
        let flat: String = if self.zh {
            text.chars().filter(|c| !c.is_whitespace()).collect()
        } else {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        self.patterns.iter().all(|p| p.is_match(&flat))
    }
}

struct CorpusClause {
    text: String,
}

/// Every clause of the corpus in corpus order (documents sorted by path, clauses in order):
/// the order a substring search over the files reports them in.
fn all_clauses(corpus_dir: &Path) -> Result<Vec<CorpusClause>> {
    let files = corpus::list(corpus_dir, true)?.files;
    let mut out = Vec::new();
    for file in files {
        let Ok(loaded) = corpus::load(&file.path, true) else {
            continue;
        };
        let doc = parse_with_sidecar(&loaded.text, loaded.sidecar.as_deref(), &file.id());
        for c in doc.clauses {
            out.push(CorpusClause { text: c.text });
        }
    }
    Ok(out)
}

/// A corpus folder of links: `seeds/` to the shipped corpus, one folder per development corpus.
fn link_corpus(dir: &Path, seeds: &Path, dev: &Path) -> Result<()> {
    let mut sources: Vec<(String, PathBuf)> = vec![("seeds".into(), seeds.to_path_buf())];
    sources.extend(DEV_FOLDERS.iter().map(|f| (f.to_string(), dev.join(f))));
    for (name, source) in sources {
        let target = dir.join(&name);
        fs::create_dir_all(&target)?;
        for entry in
            fs::read_dir(&source).with_context(|| format!("cannot list {}", source.display()))?
        {
            let path = entry?.path();
            let keep = path.extension().is_some_and(|e| e == "txt" || e == "meta");
            let Some(file_name) = path.file_name() else {
                continue;
            };
            let link = target.join(file_name);
            if keep && !link.exists() {
                link_file(&path, &link)?;
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn link_file(from: &Path, to: &Path) -> Result<()> {
    let from = fs::canonicalize(from)?;
    std::os::unix::fs::symlink(from, to).with_context(|| format!("cannot link {}", to.display()))
}

#[cfg(not(unix))]
fn link_file(_from: &Path, _to: &Path) -> Result<()> {
    anyhow::bail!("relevance_eval links the corpora into one folder and needs a Unix system")
}
