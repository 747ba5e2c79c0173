//! Printer for `facets` (and the facet block of `query --facets`): the matching clauses and
//! documents per year, party, language and document type, as aligned text, NDJSON or CSV.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown):
//! ```text
//! {"type":"facet","data":{"facet":"year","value":"2019","clause_count":12,"document_count":3}}
//!       one per value shown, facet by facet (year, party, language, doc_type), the largest
//!       first; "value":null for the clauses without one (undated, no party, untyped)
//! {"type":"summary","data":{"command":"facets","query":"…","clause_count":40,
//!   "document_count":9,"limit":10,"facets":[{"facet":"year","value_count":7,
//!   "left_out_count":0,"left_out_clause_count":0},…],"elapsed_ms":12.5}}
//! ```
//! `value_count` counts the values of a facet (the `null` bucket aside), `left_out_count` those
//! `--limit` left out and `left_out_clause_count` their clauses. A facet's clause counts add
//! up to `clause_count`, except `party`: a document with two parties counts under both.
//! CSV: `facet,value,clause_count,document_count`, the missing value an empty cell.

use std::io::{self, Write};
use std::time::Duration;

use schemars::JsonSchema;
use serde::Serialize;

use super::Format;
use super::csv::{Cell, write_header, write_row};
use super::json::{FacetJson, millis, schema_of, write_line};
use super::layout::thousands;
use super::layout::{fit, pad, width};
use super::timeline::quoted;
use crate::discourse::facets::{Facet, FacetCounts, Facets, shown};
use crate::terminal::printable;

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// One value of a facet.
    Facet(FacetJson<'a>),
    /// The last line.
    Summary(SummaryJson<'a>),
}

#[derive(Serialize, JsonSchema)]
struct SummaryJson<'a> {
    /// `facets`.
    command: &'static str,
    query: &'a str,
    /// Every matching clause.
    clause_count: usize,
    /// Every document with a match.
    document_count: usize,
    /// Values printed per facet (`--limit`); 0 for all.
    limit: usize,
    /// Per facet, how many values it has and what `--limit` left out.
    facets: Vec<FacetSummaryJson>,
    elapsed_ms: f64,
}

#[derive(Serialize, JsonSchema)]
struct FacetSummaryJson {
    #[schemars(schema_with = "super::json::facet_schema")]
    facet: &'static str,
    /// Values of the facet, the clauses without one aside.
    value_count: usize,
    /// Values not printed because of `--limit`.
    left_out_count: usize,
    /// Their clauses.
    left_out_clause_count: usize,
}

pub(crate) fn schema() -> serde_json::Value {
    schema_of::<Message<'static>>()
}

/// Columns of the longest bar.
const BAR: usize = 24;
/// Columns of the widest value shown (a long party name is cut).
const VALUE_COLUMNS: usize = 36;

/// How the text output names a facet, and the clauses without a value in it.
fn names(facet: Facet) -> (&'static str, &'static str) {
    match facet {
        Facet::Year => ("year", "undated"),
        Facet::Party => ("party", "no party"),
        Facet::Language => ("language", "no language"),
        Facet::DocType => ("document type", "untyped"),
    }
}

/// Values of a facet, one and many.
fn values_noun(facet: Facet) -> (&'static str, &'static str) {
    match facet {
        Facet::Year => ("year", "years"),
        Facet::Party => ("party", "parties"),
        Facet::Language => ("language", "languages"),
        Facet::DocType => ("type", "types"),
    }
}

fn count(n: usize) -> String {
    thousands(n as u64)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// A bar of `value` out of `max`, in eighths of a column; never blank above zero.
fn bar(value: usize, max: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    if max == 0 || value == 0 {
        return String::new();
    }
    let eighths = (value * BAR * 8).div_ceil(max).clamp(1, BAR * 8);
    "█".repeat(eighths / 8) + PARTS[eighths % 8]
}

/// Writes the facets of `query` in `format`, `limit` values per facet (0: all).
pub fn write(
    out: &mut dyn Write,
    query: &str,
    facets: &Facets,
    limit: usize,
    format: Format,
    elapsed: Duration,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, query, facets, limit, elapsed),
        Format::Csv => {
            write_header(out, &["facet", "value", "clause_count", "document_count"])?;
            for f in &facets.facets {
                for v in shown(&f.values, limit).0 {
                    write_row(
                        out,
                        &[
                            Cell::Text(f.facet.name()),
                            v.value.as_deref().map_or(Cell::Missing, Cell::Text),
                            Cell::Count(v.count.clauses as u64),
                            Cell::Count(v.count.documents as u64),
                        ],
                    )?;
                }
            }
            Ok(())
        }
        Format::Text => {
            writeln!(
                out,
                "{}: {} in {}",
                printable(&quoted(query)),
                plural(facets.total.clauses, "clause", "clauses"),
                plural(facets.total.documents, "document", "documents"),
            )?;
            write_blocks(out, facets, limit)?;
            writeln!(out)?;
            writeln!(
                out,
                "A document with several parties counts under each; \"documents\" of a value \
                 are those with at least one of its clauses."
            )
        }
    }
}

fn write_json(
    out: &mut dyn Write,
    query: &str,
    facets: &Facets,
    limit: usize,
    elapsed: Duration,
) -> io::Result<()> {
    let mut summaries = Vec::new();
    for f in &facets.facets {
        let (values, left_out, left_out_clauses) = shown(&f.values, limit);
        for v in values {
            write_line(out, &Message::Facet(FacetJson::of(f.facet, v)))?;
        }
        summaries.push(FacetSummaryJson {
            facet: f.facet.name(),
            value_count: f.values.iter().filter(|v| v.value.is_some()).count(),
            left_out_count: left_out,
            left_out_clause_count: left_out_clauses,
        });
    }
    write_line(
        out,
        &Message::Summary(SummaryJson {
            command: "facets",
            query,
            clause_count: facets.total.clauses,
            document_count: facets.total.documents,
            limit,
            facets: summaries,
            elapsed_ms: millis(elapsed),
        }),
    )
}

/// The block `query --facets` prints after the hits: every value of every facet, over all
/// the clauses with every word of the query.
pub fn write_after_hits(out: &mut dyn Write, facets: &Facets) -> io::Result<()> {
    writeln!(out)?;
    if facets.total.clauses == 0 {
        // The hits above come from a relaxed query: no clause has every word.
        return writeln!(out, "facets: no clause has all the words of the query");
    }
    write!(
        out,
        "facets of every clause with all the words: {} in {}",
        plural(facets.total.clauses, "clause", "clauses"),
        plural(facets.total.documents, "document", "documents"),
    )?;
    writeln!(out)?;
    write_blocks(out, facets, 0)
}

/// The facets as aligned blocks, one per facet: value, clauses, documents, a bar of the
/// clauses.
fn write_blocks(out: &mut dyn Write, facets: &Facets, limit: usize) -> io::Result<()> {
    let shown_facets: Vec<(&FacetCounts, Vec<Row>)> =
        facets.facets.iter().map(|f| (f, rows(f, limit))).collect();
    let value_width = shown_facets
        .iter()
        .flat_map(|(f, rows)| {
            rows.iter()
                .filter(|(_, counts)| counts.is_some())
                .map(|(label, _)| width(label))
                .chain([width(names(f.facet).0)])
        })
        .max()
        .unwrap_or(0)
        .min(VALUE_COLUMNS);
    let clause_width = count(facets.total.clauses).len().max("clauses".len());
    let doc_width = count(facets.total.documents).len().max("documents".len());
    for (f, rows) in shown_facets {
        writeln!(out)?;
        writeln!(
            out,
            "{}  {:>clause_width$}  {:>doc_width$}",
            pad(names(f.facet).0, value_width),
            "clauses",
            "documents"
        )?;
        if rows.is_empty() {
            writeln!(out, "  (none)")?;
            continue;
        }
        // One scale for the values and the bucket without one, so that bars compare.
        let max = f.values.iter().map(|v| v.count.clauses).max().unwrap_or(0);
        for (label, counts) in rows {
            let label = match counts {
                Some(_) => pad(&fit(&label, value_width), value_width),
                None => label,
            };
            match counts {
                Some((clauses, documents)) => writeln!(
                    out,
                    "{label}  {:>clause_width$}  {:>doc_width$}  {}",
                    count(clauses),
                    count(documents),
                    bar(clauses, max)
                )?,
                // Values left out: their clauses; their documents may overlap.
                None => writeln!(out, "{}", label.trim_end())?,
            }
        }
    }
    Ok(())
}

/// A line of a facet block: its label, and the clauses and documents (`None` for the line that
/// sums the values left out).
type Row = (String, Option<(usize, usize)>);

/// The lines of one facet: a row per value shown, the values left out as one line, then the
/// bucket without a value.
fn rows(f: &FacetCounts, limit: usize) -> Vec<Row> {
    let (values, left_out, left_out_clauses) = shown(&f.values, limit);
    let missing_name = names(f.facet).1;
    let mut rows = Vec::new();
    let (named, missing): (Vec<_>, Vec<_>) = values.into_iter().partition(|v| v.value.is_some());
    for v in named {
        let label = printable(v.value.as_deref().unwrap_or_default()).into_owned();
        rows.push((
            format!("  {label}"),
            Some((v.count.clauses, v.count.documents)),
        ));
    }
    if left_out > 0 {
        rows.push((
            format!(
                "  … {} more {} with {}",
                count(left_out),
                if left_out == 1 {
                    values_noun(f.facet).0
                } else {
                    values_noun(f.facet).1
                },
                plural(left_out_clauses, "clause", "clauses"),
            ),
            None,
        ));
    }
    for v in missing {
        rows.push((
            format!("  {missing_name}"),
            Some((v.count.clauses, v.count.documents)),
        ));
    }
    rows
}
