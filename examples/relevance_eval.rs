//! Measures ranking quality on the judged queries in `tests/relevance/judged.json`: nDCG@10
//! and recall@10 of treatysearch, and of a plain substring search on the same clauses (what
//! `rg -F QUERY` would find, in corpus order). The corpus is `corpus/` (as `seeds/`) and the
//! development corpora next to the repository (`../shared/corpora/dev/*`); the example skips,
//! with a message, when those are absent.
//!
//! ```sh
//! cargo run --release --example relevance_eval            # summary table (Markdown)
//! cargo run --release --example relevance_eval -- --each  # one row per query as well
//! cargo run --release --example relevance_eval -- --strict --no-collapse  # as before both
//! ```
//! `--strict` keeps every word required when all of them find little (no relaxed tiers);
//! `--no-collapse` ranks every copy of identical clauses. The count of relaxed queries is
//! printed on stderr.

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
    relevant: Vec<Judgement>,
}

#[derive(Deserialize, Clone)]
struct Judgement {
    doc: String,
    line: usize,
    text: String,
}

/// A query with the (nDCG@K, recall@K) of treatysearch and of the substring search.
type Row<'a> = (&'a JudgedQuery, (f64, f64), (f64, f64));

/// A returned clause, as the judgements identify clauses.
struct Returned {
    doc: String,
    line: usize,
    text: String,
}

fn main() -> Result<()> {
    let each = std::env::args().any(|a| a == "--each");
    let strict = std::env::args().any(|a| a == "--strict");
    let no_collapse = std::env::args().any(|a| a == "--no-collapse");
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
    let clauses = all_clauses(&corpus_dir)?;

    let mut rows: Vec<Row> = Vec::new();
    let mut relaxed_queries = 0;
    for q in &judged.queries {
        let request = Request {
            query: search::Query::parse(&q.query)?,
            limit: K,
            relax: !strict,
            collapse: !no_collapse,
            // Near-forms from the shipped glossary, as `treatysearch query` has them.
            glossary: Some(search::fallback::GlossarySource {
                corpus: repo.join("corpus"),
                extra: None,
            }),
            ..Request::default()
        };
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
            .map(|h| Returned {
                doc: h.doc.id,
                line: h.line,
                text: h.text,
            })
            .collect();
        let substring: Vec<Returned> = clauses
            .iter()
            .filter(|c| c.text.contains(&q.query))
            .take(K)
            .map(|c| Returned {
                doc: c.doc.clone(),
                line: c.line,
                text: c.text.clone(),
            })
            .collect();
        rows.push((q, score(&ours, &q.relevant), score(&substring, &q.relevant)));
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
        for (q, ours, base) in &rows {
            println!(
                "| {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
                q.id,
                q.query,
                q.relevant.len(),
                ours.0,
                ours.1,
                base.0,
                base.1
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
            .filter(|(q, _, _)| filter.is_none_or(|l| q.lang == l))
            .collect();
        let n = chosen.len() as f64;
        let mean = |f: &dyn Fn(&Row) -> f64| chosen.iter().map(|r| f(r)).sum::<f64>() / n;
        println!(
            "| {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
            chosen.len(),
            mean(&|r| r.1.0),
            mean(&|r| r.1.1),
            mean(&|r| r.2.0),
            mean(&|r| r.2.1),
        );
    }
    Ok(())
}

/// (nDCG@K, recall@K) of a ranked list with binary judgements.
fn score(returned: &[Returned], relevant: &[Judgement]) -> (f64, f64) {
    let is_relevant = |r: &Returned| {
        relevant
            .iter()
            .any(|j| j.doc == r.doc && j.line == r.line && r.text.starts_with(&j.text))
    };
    let mut seen = HashSet::new();
    let mut dcg = 0.0;
    let mut found = 0;
    for (i, r) in returned.iter().take(K).enumerate() {
        if is_relevant(r) && seen.insert((r.doc.clone(), r.line, r.text.clone())) {
            dcg += 1.0 / ((i + 2) as f64).log2();
            found += 1;
        }
    }
    let ideal: f64 = (0..relevant.len().min(K))
        .map(|i| 1.0 / ((i + 2) as f64).log2())
        .sum();
    if relevant.is_empty() {
        return (0.0, 0.0);
    }
    (dcg / ideal, found as f64 / relevant.len() as f64)
}

struct CorpusClause {
    doc: String,
    line: usize,
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
            out.push(CorpusClause {
                doc: file.id(),
                line: c.line,
                text: c.text,
            });
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
