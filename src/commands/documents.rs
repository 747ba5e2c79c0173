//! `list`, `show` and `stats`: what the index holds, document by document. Each brings the index
//! up to date first, as `query` does.

use std::io::{self, BufWriter, Write};

use anyhow::{Result, anyhow, bail};

use super::fresh::refresh;
use super::outcome::{Outcome, color, outcome};
use crate::analyze::Analyzers;
use crate::catalog::{self, ArticleSpec, DocRecord, Section};
use crate::cli::{ListArgs, ShowArgs, SortKey, StatsArgs};
use crate::index::ClauseIndex;
use crate::output::documents as print;
use crate::output::text::Style;
use crate::request::Folders;

pub(super) fn list(at: &Folders, args: &ListArgs) -> Result<Outcome> {
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let mut docs = catalog::summaries(&index)?;
    for d in &mut docs {
        d.info.path = at.corpus.join(&d.info.path).display().to_string();
    }
    match args.sort {
        // Undated documents last; ties by id (summaries come sorted by id).
        SortKey::Date => docs.sort_by_key(|d| (d.info.date.is_none(), d.info.date)),
        SortKey::Title => docs.sort_by(|a, b| a.info.title.cmp(&b.info.title)),
        SortKey::Id => {}
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print::write_list(&mut out, &docs, args.sort.as_str(), args.json)?;
    out.flush()?;
    Ok(outcome(&report, !docs.is_empty()))
}

/// The document `reference` names, with its path as the user sees it.
pub(super) fn load(at: &Folders, index: &ClauseIndex, reference: &str) -> Result<DocRecord> {
    let id = catalog::resolve(index, &at.corpus, reference)?;
    let mut doc = catalog::document(index, &id)?.ok_or_else(|| {
        anyhow!("document {id} is listed in the index but has no clauses in it (run `treatysearch index --rebuild`)")
    })?;
    doc.info.path = at.corpus.join(&doc.info.path).display().to_string();
    Ok(doc)
}

/// The paragraph of each hit in its article, numbered as `show` prints them and as
/// `similar DOC ARTICLE CLAUSE` and `compare DOC:ARTICLE:CLAUSE` take them: the position of
/// the clause among all clauses of the sections its article number names. `None` for a
/// clause outside numbered articles, preamble and signature.
pub(super) fn paragraphs<'a>(
    index: &ClauseIndex,
    hits: impl IntoIterator<Item = &'a crate::search::Hit>,
) -> Result<Vec<Option<usize>>> {
    // The clauses of each (document, article) once, however many hits fall in it.
    let mut articles: std::collections::HashMap<
        (String, String),
        Option<Vec<crate::model::StoredClause>>,
    > = std::collections::HashMap::new();
    let mut out = Vec::new();
    // One searcher for every article: opening a reader per article, and decompressing the
    // same blocks of stored clauses again each time, was most of a cold query.
    let mut searcher = None;
    for hit in hits {
        let spec = match (hit.part, &hit.article_number) {
            // The number as the index stores it: read again as a user's reference
            // (`ArticleSpec::parse`), it would compile the parser's heading patterns, a
            // few milliseconds of every cold query, to give back the same digits.
            (crate::model::Part::Article, Some(n)) => Some(ArticleSpec::Number {
                number: n.clone(),
                label: n.clone(),
            }),
            (part @ (crate::model::Part::Preamble | crate::model::Part::Signature), _) => {
                Some(ArticleSpec::Part(part))
            }
            _ => None,
        };
        let Some(spec) = spec else {
            out.push(None);
            continue;
        };
        let key = (hit.doc.id.clone(), spec.to_string());
        if !articles.contains_key(&key) {
            if searcher.is_none() {
                searcher = Some(index.reader()?.searcher());
            }
            let clauses =
                catalog::article_clauses_in(index, searcher.as_ref(), &hit.doc.id, &spec)?;
            articles.insert(key.clone(), clauses);
        }
        let paragraph = articles[&key]
            .as_ref()
            .and_then(|clauses| clauses.iter().position(|c| c.index == hit.clause))
            .map(|p| p + 1);
        out.push(paragraph);
    }
    Ok(out)
}

/// The sections of `doc` that `article` names; the error lists what the document has.
pub(super) fn sections<'a>(doc: &'a DocRecord, article: &str) -> Result<Vec<Section<'a>>> {
    let spec = ArticleSpec::parse(article)?;
    let found = doc.select(&spec);
    if found.is_empty() {
        let numbers = doc.article_numbers();
        let has = match numbers.as_slice() {
            [] => "it has no numbered articles (only preamble and signature: try `preamble`)"
                .to_string(),
            [one] => format!("its only article is {one}"),
            [first, .., last] if numbers.len() > 12 => format!(
                "its articles are {first} … {last} ({} in all)",
                numbers.len()
            ),
            all => format!("its articles are {}", all.join(", ")),
        };
        bail!("{} has no {spec}: {has}", doc.info.id);
    }
    Ok(found)
}

pub(super) fn show(at: &Folders, args: &ShowArgs) -> Result<Outcome> {
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let doc = load(at, &index, &args.doc)?;
    let selected = match &args.article {
        Some(article) => sections(&doc, article)?,
        None => doc.sections(),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print::write_show(
        &mut out,
        &doc,
        &selected,
        args.article.as_deref(),
        &Style::new(color(args.color)),
        args.json,
    )?;
    out.flush()?;
    Ok(outcome(&report, true))
}

pub(super) fn stats(at: &Folders, args: &StatsArgs) -> Result<Outcome> {
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let docs = catalog::summaries(&index)?;
    let figures = catalog::figures(&index, &docs);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print::write_stats(
        &mut out,
        &figures,
        &at.corpus.display().to_string(),
        &at.index.display().to_string(),
        args.json,
    )?;
    out.flush()?;
    Ok(outcome(&report, true))
}
