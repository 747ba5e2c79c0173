//! `list`, `show` and `stats`: what the index holds, document by document. Each brings the index
//! up to date first, as `query` does.

use std::io::{self, BufWriter, Write};

use anyhow::{Result, anyhow, bail};

use super::fresh::refresh;
use super::outcome::{Outcome, color, outcome};
use crate::analyze::Analyzers;
use crate::catalog::{self, ArticleSpec, DocRecord, Scope, Section};
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
    // Each from a few stored clauses (a binary search in the article's clauses), not the
    // whole article: an article may have tens of thousands of clauses (issue 16).
    let mut out = Vec::new();
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
        out.push(match spec {
            Some(spec) => catalog::paragraph(index, &hit.doc.id, &spec, hit.clause)?,
            None => None,
        });
    }
    Ok(out)
}

/// Clauses of the article (or of its paragraph) that `similar` looks for, at most: enough
/// words for any comparison, bounded for an article of tens of thousands of clauses.
pub(super) const SOURCE_CLAUSES: usize = 1000;

/// The source of `similar DOC ARTICLE [CLAUSE]`: the paragraph, or the first
/// [`SOURCE_CLAUSES`] of the article, read without the rest of the document.
pub(super) fn source_passage(
    at: &Folders,
    index: &ClauseIndex,
    reference: &str,
    article: &str,
    paragraph: Option<usize>,
) -> Result<catalog::Page> {
    let id = catalog::resolve(index, &at.corpus, reference)?;
    let spec = ArticleSpec::parse(article)?;
    let (offset, limit) = match paragraph {
        Some(p) => (p.saturating_sub(1), 1),
        None => (0, SOURCE_CLAUSES),
    };
    let page = catalog::page(index, &id, &Scope::Article(spec.clone()), offset, Some(limit))?
        .ok_or_else(|| {
            anyhow!("document {id} is listed in the index but has no clauses in it (run `treatysearch index --rebuild`)")
        })?;
    if page.in_scope == 0 {
        // The error lists what the document has: worth reading it whole, once.
        sections(&load(at, index, &id)?, article)?;
        bail!("{id} has no {spec}");
    }
    if paragraph == Some(0) || page.clauses.is_empty() {
        let n = page.in_scope;
        let first = catalog::page(index, &id, &Scope::Article(spec.clone()), 0, Some(1))?;
        let name = first
            .and_then(|p| {
                p.clauses
                    .first()
                    .map(|c| crate::output::layout::article_name(&c.article))
            })
            .unwrap_or_else(|| spec.to_string());
        bail!(
            "{id} › {name} has {n} paragraph{} (numbered from 1, as `show` prints them), not {}",
            if n == 1 { "" } else { "s" },
            paragraph.unwrap_or(0)
        );
    }
    let mut page = page;
    page.info.path = at.corpus.join(&page.info.path).display().to_string();
    Ok(page)
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
    // What the flags alone can tell is checked before any indexing work.
    let scope = match (&args.article, &args.articles) {
        (Some(article), _) => Scope::Article(ArticleSpec::parse(article)?),
        (None, Some(range)) => article_range(range)?,
        (None, None) => Scope::Document,
    };
    let limit = (args.limit > 0).then_some(args.limit);
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let id = catalog::resolve(&index, &at.corpus, &args.doc)?;
    // A page of the document, read without the rest of it (a document may have a hundred
    // thousand clauses: reading them all took seconds for the first screen).
    let page = catalog::page(&index, &id, &scope, args.offset, limit)?.ok_or_else(|| {
        anyhow!("document {id} is listed in the index but has no clauses in it (run `treatysearch index --rebuild`)")
    })?;
    if page.in_scope == 0
        && let Some(article) = &args.article
    {
        // The error lists what the document has: worth reading it whole, once.
        sections(&load(at, &index, &id)?, article)?;
    }
    let mut doc = DocRecord {
        info: page.info.clone(),
        clauses: page.clauses,
    };
    doc.info.path = at.corpus.join(&doc.info.path).display().to_string();
    let whole = matches!(scope, Scope::Document) && doc.clauses.len() == page.document_clauses;
    let extent = print::Extent {
        // Exact from the sections when the page is the whole document; otherwise the
        // distinct article numbers, from the postings (the same figure unless a number
        // repeats, as in an annex).
        articles: if whole {
            doc.sections()
                .iter()
                .filter(|s| s.article.part == crate::model::Part::Article)
                .count()
        } else {
            catalog::article_numbers(&index, &id)?
        },
        clauses: page.document_clauses,
        in_scope: page.in_scope,
        skipped: page.skipped,
        lead: page.lead,
        one_article: args.article.is_some(),
    };
    let selected = doc.sections();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print::write_show(
        &mut out,
        &doc,
        &selected,
        args.article.as_deref().or(args.articles.as_deref()),
        &extent,
        &Style::new(color(args.color)),
        args.json,
    )?;
    out.flush()?;
    let shown = doc.clauses.len();
    if extent.truncated(shown) {
        let what = match (&args.article, &args.articles) {
            (Some(a), _) => format!("{id} › {a}"),
            (None, Some(r)) => format!("{id} › articles {r}"),
            (None, None) => id.clone(),
        };
        let all = thousands(page.in_scope);
        let shown_part = if shown == 0 {
            format!(
                "--offset {} is past the {all} clauses of {what}",
                args.offset
            )
        } else {
            format!(
                "showed clauses {}–{} of the {all} of {what}: --offset {} for the next ones",
                thousands(page.skipped + 1),
                thousands(page.skipped + shown),
                page.skipped + shown,
            )
        };
        eprintln!(
            "treatysearch: {shown_part}, --limit 0 for all{}",
            if args.article.is_none() && args.articles.is_none() {
                ", --articles 3-5 for some articles"
            } else {
                ""
            }
        );
    }
    Ok(outcome(&report, true))
}

/// `3-5`, `preamble-2`, `7-` (to the end), `3`: the first and last article of a range.
fn article_range(range: &str) -> Result<Scope> {
    let (from, to) = match range.split_once('-') {
        Some((from, to)) => (from.trim(), to.trim()),
        None => (range.trim(), range.trim()),
    };
    if from.is_empty() {
        bail!("--articles {range}: give the first article of the range (3-5, 7-, preamble-2)");
    }
    let first = ArticleSpec::parse(from)?;
    if to.is_empty() {
        return Ok(Scope::From(first));
    }
    Ok(Scope::Range(first, ArticleSpec::parse(to)?))
}

fn thousands(n: usize) -> String {
    crate::output::layout::thousands(n as u64)
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
