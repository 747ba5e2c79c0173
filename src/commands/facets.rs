//! `facets`: the clauses a query matches in the selection, counted by year, party, language
//! and document type (see [`crate::discourse::facets`]); and the same counts for
//! `query --facets`. Brings the index up to date first, as `query` does.

use std::io::{self, BufWriter, Write};
use std::time::Instant;

use anyhow::{Result, anyhow};

use super::fresh::refresh;
use super::outcome::{Outcome, outcome};
use crate::analyze::Analyzers;
use crate::cli::FacetsArgs;
use crate::discourse::clauses::Clauses;
use crate::discourse::facets::{self, Facets};
use crate::index::ClauseIndex;
use crate::output::Format;
use crate::output::facets as print_facets;
use crate::request::{Folders, Paging, Request, Selection};
use crate::search::{Filters, Query};

pub(super) fn run(at: &Folders, args: &FacetsArgs) -> Result<Outcome> {
    let text = args.query.join(" ");
    // Syntax errors and contradictory flags are reported before any indexing work.
    let query = Query::parse(&text).map_err(|e| anyhow!("invalid query: {e}"))?;
    let request = Request::new(
        &args.select,
        Paging {
            limit: args.limit,
            offset: 0,
        },
        args.format.json,
        crate::cli::ColorChoice::Never,
    )?;
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let filters = request.selection.filters(&index, &at.corpus)?;
    let started = Instant::now();
    let counted = count(at, &index, &analyzers, &request.selection, &query, &filters)?;
    let format = Format::of(args.format.json, args.format.csv);
    let found = counted.total.clauses > 0;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if found || format != Format::Text {
        print_facets::write(
            &mut out,
            &text,
            &counted,
            args.limit,
            format,
            started.elapsed(),
        )?;
    }
    out.flush()?;
    if !found {
        eprintln!(
            "treatysearch: no clause {} has all the words of {}",
            if filters.queries(&index.fields).is_empty() {
                "of the index"
            } else {
                "of the selection"
            },
            crate::terminal::printable(&crate::output::timeline::quoted(&text))
        );
    }
    Ok(outcome(&report, found))
}

/// The facets of every clause that has all the words of `query` among those `filters` select
/// (with `-x`, the glossary's renderings of its words too, as `query -x` searches).
pub(super) fn count(
    at: &Folders,
    index: &ClauseIndex,
    analyzers: &Analyzers,
    selection: &Selection,
    query: &Query,
    filters: &Filters,
) -> Result<Facets> {
    let searched = selection.searched(query, &at.corpus, analyzers)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let clauses = Clauses::matching(&searcher, index, analyzers, &searched, filters)?;
    facets::count(&searcher, &index.fields, &clauses)
}
