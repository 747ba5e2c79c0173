//! `keywords`: the words of a focus selection that stand out against a reference selection.
//! Reads the two selections (`--focus`, `--ref`) on top of the selection flags, checks them
//! as the flags are checked, counts the words of both from the index's postings with one
//! vocabulary, and prints the ranked table.

use std::io::{self, BufWriter, Write};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use clap::ValueEnum;

use super::collocates::stopwords;
use super::fresh::refresh;
use super::outcome::{Outcome, outcome};
use crate::analyze::Analyzers;
use crate::cli::{KeynessMeasure, KeywordsArgs, LangChoice, SelectionArgs};
use crate::discourse::clauses::Clauses;
use crate::discourse::forward::{Layer, Vocab, count_terms};
use crate::discourse::keywords::{Options, Rank, Spec, rank};
use crate::discourse::surface::written_forms;
use crate::index::ClauseIndex;
use crate::model::Lang;
use crate::output::Format;
use crate::output::json::millis;
use crate::output::keywords::{self as print, Row, Side, Summary, Tokens};
use crate::request::{Folders, Selection};
use crate::search::{Filters, Query};

/// A selection of `--focus` or `--ref` with the selection flags folded in.
struct Resolved {
    selection: Selection,
    query: Option<Query>,
}

/// The selection flags narrowed by the items of `spec`; `flag` (`--focus`, `--ref`) names it
/// in errors. A key given both as a flag and as an item must agree (dates narrow: the later
/// `since`, the earlier `until`).
fn resolve(flag: &str, common: &SelectionArgs, items: &[(String, String)]) -> Result<Resolved> {
    let mut args = common.clone();
    let mut query = None;
    let same = |key: &str, given: &Option<String>, value: &str| -> Result<()> {
        match given {
            Some(g) if !g.trim().eq_ignore_ascii_case(value.trim()) => {
                bail!("{flag} {key}:{value} and --{key} {g} cannot both hold (give the {key} once)")
            }
            _ => Ok(()),
        }
    };
    for (key, value) in items {
        let bad = |e: String| anyhow!("{flag} {key}:{value}: {e}");
        match key.as_str() {
            "since" => {
                let date = crate::cli::parse_since(value).map_err(bad)?;
                args.since = Some(args.since.map_or(date, |d| d.max(date)));
            }
            "until" => {
                let date = crate::cli::parse_until(value).map_err(bad)?;
                args.until = Some(args.until.map_or(date, |d| d.min(date)));
            }
            "party" => {
                same("party", &args.party, value)?;
                args.party = Some(value.clone());
            }
            "doc" => {
                same("doc", &args.doc, value)?;
                args.doc = Some(value.clone());
            }
            "type" => {
                same("type", &args.doc_type, value)?;
                args.doc_type = Some(value.clone());
            }
            "lang" => {
                let lang = LangChoice::from_str(value, true)
                    .map_err(|_| anyhow!("{flag} lang:{value}: not a language (zh or en)"))?;
                if let Some(given) = args.lang
                    && given != lang
                {
                    bail!(
                        "{flag} lang:{value} and --lang cannot both hold (give the language once)"
                    );
                }
                args.lang = Some(lang);
            }
            "query" => {
                query = Some(
                    Query::parse(value)
                        .map_err(|e| anyhow!("{flag} query:{value}: invalid query: {e}"))?,
                );
            }
            other => bail!("{flag}: unknown key {other:?}"),
        }
    }
    let selection = Selection::new(&args).with_context(|| flag.to_string())?;
    Ok(Resolved { selection, query })
}

/// A selection in words: `Chinese, party Russia, from 2018-01-01, clauses matching “制裁”`.
fn describe(filters: &Filters, query: Option<&Query>) -> String {
    let mut parts = Vec::new();
    match filters.lang {
        Some(Lang::Zh) => parts.push("Chinese".to_string()),
        Some(Lang::En) => parts.push("English".to_string()),
        None => {}
    }
    if let Some(party) = &filters.party {
        parts.push(format!("party {party}"));
    }
    if let Some(doc) = &filters.doc {
        parts.push(format!("document {doc}"));
    }
    if let Some(doc_type) = &filters.doc_type {
        parts.push(format!("type {doc_type}"));
    }
    match (filters.since, filters.until) {
        (Some(s), Some(u)) => parts.push(format!("dated {s} to {u}")),
        (Some(s), None) => parts.push(format!("dated from {s}")),
        (None, Some(u)) => parts.push(format!("dated up to {u}")),
        (None, None) => {}
    }
    if let Some(q) = query {
        parts.push(format!(
            "clauses matching {}",
            crate::output::timeline::quoted(&q.text)
        ));
    }
    if parts.is_empty() {
        "every clause".to_string()
    } else {
        parts.join(", ")
    }
}

fn measure(by: KeynessMeasure) -> (Rank, &'static str) {
    match by {
        KeynessMeasure::LogLikelihood => (Rank::LogLikelihood, "ll"),
        KeynessMeasure::LogRatio => (Rank::LogRatio, "log-ratio"),
        KeynessMeasure::SimpleMaths => (Rank::SimpleMaths, "simple-maths"),
    }
}

/// The clauses of a resolved selection and their description.
fn clauses_of(
    flag: &str,
    at: &Folders,
    index: &ClauseIndex,
    searcher: &tantivy::Searcher,
    analyzers: &Analyzers,
    resolved: &Resolved,
) -> Result<(Clauses, String)> {
    let filters = resolved
        .selection
        .filters(index, &at.corpus)
        .with_context(|| flag.to_string())?;
    let clauses = match &resolved.query {
        Some(q) => Clauses::matching(searcher, index, analyzers, q, &filters)?,
        None => Clauses::selected(searcher, index, &filters)?,
    };
    Ok((clauses, describe(&filters, resolved.query.as_ref())))
}

pub(super) fn run(at: &Folders, args: &KeywordsArgs) -> Result<Outcome> {
    let started = Instant::now();
    if args.select.cross_lingual {
        bail!(
            "keywords compares the words of two selections as written: leave out -x (a query: item of a selection is read as `query` reads it without -x)"
        );
    }
    if !(args.smoothing.is_finite() && args.smoothing > 0.0) {
        bail!("--smoothing must be a number above 0 (1 is Sketch Engine's default)");
    }
    let focus_spec =
        Spec::parse(&args.focus).map_err(|e| anyhow!("--focus {}: {e}", args.focus))?;
    let ref_spec =
        Spec::parse(&args.reference).map_err(|e| anyhow!("--ref {}: {e}", args.reference))?;
    let common = Selection::new(&args.select)?;
    let focus = match &focus_spec {
        Spec::Rest => bail!(
            "--focus rest: `rest` is the reference's default, not a focus (give key:value items, or `all`)"
        ),
        Spec::All => Resolved {
            selection: common.clone(),
            query: None,
        },
        Spec::Items(items) => resolve("--focus", &args.select, items)?,
    };
    let reference = match &ref_spec {
        Spec::Items(items) => Some(resolve("--ref", &args.select, items)?),
        Spec::Rest | Spec::All => None,
    };
    let format = Format::of(args.format.json, args.format.csv);
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let stop = stopwords(&analyzers, args.stopwords.as_deref())?;
    let (index, report) = refresh(at, &analyzers)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let fields = &index.fields;

    let (focus_clauses, focus_words) =
        clauses_of("--focus", at, &index, &searcher, &analyzers, &focus)?;
    let (ref_clauses, ref_words) = match &reference {
        Some(r) => clauses_of("--ref", at, &index, &searcher, &analyzers, r)?,
        None => {
            let filters = common.filters(&index, &at.corpus)?;
            let all = Clauses::selected(&searcher, &index, &filters)?;
            let words = describe(&filters, None);
            match ref_spec {
                Spec::Rest => (
                    all.difference(&focus_clauses),
                    if words == "every clause" {
                        "every clause not in the focus".to_string()
                    } else {
                        format!("{words}, not in the focus")
                    },
                ),
                _ => (all, words),
            }
        }
    };
    if focus_clauses.is_empty() {
        bail!("--focus {}: selects no clause ({focus_words})", args.focus);
    }
    if ref_clauses.is_empty() {
        bail!(
            "--ref {}: selects no clause ({ref_words}){}",
            args.reference,
            if ref_spec == Spec::Rest {
                "; the focus holds every selected clause"
            } else {
                ""
            }
        );
    }
    let overlap = focus_clauses.intersection(&ref_clauses).len();
    if overlap > 0 && ref_spec != Spec::All {
        eprintln!(
            "treatysearch: warning: {overlap} clause{} in both the focus and the reference (their words count on both sides)",
            if overlap == 1 { " is" } else { "s are" }
        );
    }
    let layers: Vec<Layer> = match common.lang {
        Some(lang) => vec![Layer::of_lang(lang)],
        None => Layer::BOTH.to_vec(),
    };
    let mut vocab = Vocab::default();
    let focus_counts = count_terms(&searcher, fields, &focus_clauses, &layers, &mut vocab)
        .context("cannot count the words of the focus")?;
    let ref_counts = count_terms(&searcher, fields, &ref_clauses, &layers, &mut vocab)
        .context("cannot count the words of the reference")?;
    for (i, layer) in Layer::BOTH.iter().enumerate() {
        if focus_counts.tokens[i] > 0 && ref_counts.tokens[i] == 0 {
            let lang = if *layer == Layer::Zh {
                "Chinese"
            } else {
                "English"
            };
            eprintln!(
                "treatysearch: warning: the reference has no {lang} words, so the {lang} words of the focus are not compared (each word is compared within its language)"
            );
        }
    }
    let (by, by_name) = measure(args.by);
    let ranked = rank(
        &vocab,
        &focus_counts,
        &ref_counts,
        &Options {
            min_freq: args.min_freq,
            stop: &stop,
            by,
            smoothing: args.smoothing,
            negative: args.negative,
        },
    );
    let shown = if args.limit == 0 {
        &ranked[..]
    } else {
        &ranked[..ranked.len().min(args.limit)]
    };
    let terms: Vec<_> = shown.iter().map(|k| k.term).collect();
    let within = if args.negative {
        &ref_clauses
    } else {
        &focus_clauses
    };
    let forms = written_forms(&searcher, fields, &analyzers, &vocab, &terms, within)?;
    let rows: Vec<Row<'_>> = shown
        .iter()
        .zip(&forms)
        .enumerate()
        .map(|(i, (k, form))| Row {
            rank: i + 1,
            word: form,
            term: vocab.term(k.term),
            lang: vocab.layer(k.term).lang().as_str(),
            keyword: k,
        })
        .collect();
    let tokens = |c: &crate::discourse::forward::Counts| Tokens {
        zh: c.tokens[0],
        en: c.tokens[1],
    };
    let summary = Summary {
        focus: Side {
            spec: &args.focus,
            description: &focus_words,
            clauses: focus_counts.clause_count,
            tokens: tokens(&focus_counts),
        },
        reference: Side {
            spec: &args.reference,
            description: &ref_words,
            clauses: ref_counts.clause_count,
            tokens: tokens(&ref_counts),
        },
        overlap_clauses: overlap,
        by: by_name,
        smoothing: args.smoothing,
        min_freq: args.min_freq.max(1),
        negative: args.negative,
        stopwords: args.stopwords.as_deref(),
        keyword_count: ranked.len(),
        elapsed_ms: millis(started.elapsed()),
    };
    if ranked.is_empty() {
        eprintln!(
            "treatysearch: no word is relatively {} in the focus and seen {} time{} or more {} (lower --min-freq)",
            if args.negative {
                "rarer"
            } else {
                "more frequent"
            },
            args.min_freq.max(1),
            if args.min_freq <= 1 { "" } else { "s" },
            if args.negative {
                "in the reference"
            } else {
                "in the focus"
            },
        );
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if !(format == Format::Text && ranked.is_empty()) {
        print::write(&mut out, &rows, &summary, format)?;
    }
    out.flush()?;
    Ok(outcome(&report, !ranked.is_empty()))
}
