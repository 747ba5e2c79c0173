//! `kwic`: the concordance of a query — every occurrence of its words and phrases in the
//! clauses it matches, one line each with its context, sorted as asked. The index is brought
//! up to date first, as `query` does.

use std::io::{self, BufWriter, Write};
use std::time::Instant;

use anyhow::{Result, anyhow, bail};

use super::fresh::refresh;
use super::outcome::{Outcome, outcome};
use crate::analyze::Analyzers;
use crate::catalog::ClauseOwners;
use crate::cli::{ContextUnit, KwicArgs, KwicSort};
use crate::discourse::clauses::Clauses;
use crate::discourse::forward::{ClauseTokens, Forward, Layer, Vocab};
use crate::discourse::kwic::{self, Context, Needles, SortKey};
use crate::output::Format;
use crate::output::kwic::{self as print, Concordance};
use crate::output::layout::width;
use crate::output::text::Style;
use crate::request::{Folders, Paging, Request};
use crate::search;

/// Widest context a line may ask for, in columns or words: wider would not be a line.
const MAX_WIDTH: usize = 1000;

pub(super) fn run(at: &Folders, args: &KwicArgs) -> Result<Outcome> {
    let started = Instant::now();
    let text = args.query.join(" ");
    // Syntax errors and contradictory flags are reported before any indexing work.
    let query = search::Query::parse(&text).map_err(|e| anyhow!("invalid query: {e}"))?;
    if args.width > MAX_WIDTH {
        bail!(
            "--width {} is more than a line can hold (at most {MAX_WIDTH})",
            args.width
        );
    }
    let request = Request::new(
        &args.select,
        Paging {
            limit: args.limit,
            offset: args.offset,
        },
        args.format.json,
        args.color,
    )?;
    let format = Format::of(args.format.json, args.format.csv);
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let filters = request.selection.filters(&index, &at.corpus)?;
    // With --cross-lingual, the glossary's renderings of the query's terms are lines too, as
    // `query -x` finds them.
    let query = request.selection.searched(&query, &at.corpus, &analyzers)?;
    let sequences = search::sequences(&index, &analyzers, &query)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let matching = Clauses::matching(&searcher, &index, &analyzers, &query, &filters)?;
    let layers: Vec<Layer> = match request.selection.lang {
        Some(lang) => vec![Layer::of_lang(lang)],
        None => Layer::BOTH.to_vec(),
    };
    let forward = Forward::read(
        &searcher,
        &index.fields,
        &matching,
        &layers,
        Vocab::default(),
    )?;
    let clauses: Vec<ClauseTokens> = forward.clauses().collect();
    let needles = Needles::new(&forward.vocab, &sequences);
    let mut found = kwic::occurrences(&needles, &clauses);
    let owners = ClauseOwners::read(&searcher, &index.fields)?;
    let owner = |address| owners.owner(address);
    let key = match args.sort {
        KwicSort::Doc => SortKey::Doc,
        KwicSort::Date => SortKey::Date,
        KwicSort::L1 => SortKey::Left(1),
        KwicSort::L2 => SortKey::Left(2),
        KwicSort::L3 => SortKey::Left(3),
        KwicSort::R1 => SortKey::Right(1),
        KwicSort::R2 => SortKey::Right(2),
        KwicSort::R3 => SortKey::Right(3),
    };
    kwic::sort(&mut found, &clauses, &forward.vocab, &owner, key);
    let totals = kwic::totals(&found, &clauses, &owner);
    let from = args.offset.min(found.len());
    let to = match args.limit {
        0 => found.len(),
        n => from.saturating_add(n).min(found.len()),
    };
    let context = match args.unit {
        ContextUnit::Chars => Context::Columns(args.width),
        ContextUnit::Words => Context::Words(args.width),
    };
    let columns = |c: char| width(c.encode_utf8(&mut [0; 4]));
    let (mut lines, unplaced) = kwic::lines(
        &searcher,
        &index.fields,
        &analyzers,
        &forward.vocab,
        &clauses,
        &found[from..to],
        context,
        &columns,
    )?;
    // Paths as in hits: joined to the corpus folder as given.
    for line in &mut lines {
        line.doc.path = at.corpus.join(&line.doc.path).display().to_string();
    }
    let sort = format!("{:?}", args.sort).to_lowercase();
    let concordance = Concordance {
        query: &text,
        lines: &lines,
        totals,
        offset: args.offset,
        sort: &sort,
        unit: match args.unit {
            ContextUnit::Chars => "chars",
            ContextUnit::Words => "words",
        },
        width: args.width,
        unplaced,
        elapsed: started.elapsed(),
    };
    if totals.lines == 0 && format == Format::Text {
        eprintln!(
            "treatysearch: no line: {} occurs in no clause{}",
            crate::output::timeline::quoted(&text),
            if filters_narrow(&request) {
                " of the selection"
            } else {
                ""
            }
        );
        return Ok(outcome(&report, false));
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print::write(
        &mut out,
        &concordance,
        &Style::new(request.output.color),
        format,
    )?;
    out.flush()?;
    Ok(outcome(&report, totals.lines > 0))
}

/// Whether selection flags narrow the clauses looked at.
fn filters_narrow(request: &Request) -> bool {
    let s = &request.selection;
    s.lang.is_some()
        || s.party.is_some()
        || s.doc.is_some()
        || s.since.is_some()
        || s.until.is_some()
}
