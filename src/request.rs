//! The validated request: what the flags of a command become before the library sees them
//! (ripgrep's LowArgs → HiArgs, fd's Opts → Config). The clap structs in `cli` mirror the
//! flags; a [`Request`] is built from them once, checked, and handed to the command, which
//! never reads the flags again.
//!
//! Two checks: what the flags alone can tell (`--since` after `--until`) when the request is
//! built, and what only the index knows (is there such a document, such a party?) when the
//! selection is turned into search [`Filters`] by [`Selection::filters`]. Either fails with
//! one line that says what to do, never with a silent "no hits". Prints nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::analyze::Analyzers;
use crate::catalog;
use crate::cli::{Cli, ColorChoice, SelectionArgs};
use crate::index::ClauseIndex;
use crate::model::{Date, Lang};
use crate::output::Color;
use crate::parse::parties;
use crate::search::{Filters, Query};

/// Where the corpus and the index are (the global flags `--corpus`, `--index`, `--follow`):
/// what every command that reads the index receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Follow symbolic links in the corpus.
    pub follow: bool,
}

impl From<&Cli> for Folders {
    fn from(cli: &Cli) -> Folders {
        Folders {
            corpus: cli.corpus.clone(),
            index: cli.index.clone(),
            follow: cli.follow,
        }
    }
}

/// Which clauses a command looks at, as the user gave them; checked against the index by
/// [`Selection::filters`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub lang: Option<Lang>,
    /// The party as typed (`China`, `白俄罗斯`, `Aldoria`).
    pub party: Option<String>,
    /// The document as typed: an id, a unique prefix of one, or a path.
    pub doc: Option<String>,
    /// The document type as typed (`joint statement`, `Treaty`, `joint-statement`).
    pub doc_type: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// Cross the languages through the glossary.
    pub cross_lingual: bool,
    /// An extra glossary file (only with `cross_lingual`).
    pub glossary: Option<PathBuf>,
}

impl Selection {
    /// The selection of the flags; `--since` after `--until` is an error.
    pub fn new(args: &SelectionArgs) -> Result<Selection> {
        if let (Some(since), Some(until)) = (args.since, args.until)
            && since > until
        {
            bail!(
                "--since {since} is after --until {until}: no date is in between (swap them, or leave one out)"
            );
        }
        Ok(Selection {
            lang: args.lang.map(Lang::from),
            party: args.party.clone(),
            doc: args.doc.clone(),
            doc_type: args.doc_type.clone(),
            since: args.since,
            until: args.until,
            cross_lingual: args.cross_lingual,
            glossary: args.glossary.clone(),
        })
    }

    /// The query as the commands that count matches search it: with `-x`, the glossary's
    /// renderings of its words too, as `query -x` searches; without, the query itself.
    pub fn searched(&self, query: &Query, corpus: &Path, analyzers: &Analyzers) -> Result<Query> {
        if !self.cross_lingual {
            return Ok(query.clone());
        }
        let glossary = crate::glossary::load(corpus, self.glossary.as_deref(), analyzers)?;
        Ok(
            crate::search::expansion::expand(query, &glossary, analyzers)
                .map_or_else(|| query.clone(), |e| e.searched()),
        )
    }

    /// The search filters of this selection in `index`: the document resolved to its id, the
    /// party to the names it is stored under. An unknown or ambiguous document, or a party no
    /// document of the index has, is an error naming the candidates.
    pub fn filters(&self, index: &ClauseIndex, corpus: &Path) -> Result<Filters> {
        let doc = match &self.doc {
            Some(reference) => Some(
                catalog::resolve(index, corpus, reference)
                    .with_context(|| format!("--doc {reference}"))?,
            ),
            None => None,
        };
        let (party, party_also) = match &self.party {
            Some(name) => {
                let stored = stored_parties(index)?;
                let (party, also) = party_names(name);
                if !std::iter::once(&party)
                    .chain(&also)
                    .any(|n| stored.contains(n))
                {
                    bail!("{}", unknown_party(name, &stored));
                }
                (Some(party), also)
            }
            None => (None, Vec::new()),
        };
        let doc_type = match &self.doc_type {
            Some(typed) => Some(doc_type_named(index, typed)?),
            None => None,
        };
        Ok(Filters {
            lang: self.lang,
            party,
            party_also,
            doc,
            doc_type,
            since: self.since,
            until: self.until,
        })
    }
}

/// Which hits to show: `limit` of them after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub limit: usize,
    pub offset: usize,
}

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    /// NDJSON instead of text.
    pub json: bool,
    pub color: Color,
    /// `query --explain`: what made each hit's score.
    pub explain: bool,
}

impl Output {
    /// `auto` colour asks the terminal and NO_COLOR.
    pub fn new(json: bool, color: ColorChoice) -> Output {
        let color = match color {
            ColorChoice::Auto => Color::auto(),
            ColorChoice::Always => Color::Always,
            ColorChoice::Never => Color::Never,
        };
        Output {
            json,
            color,
            explain: false,
        }
    }
}

/// Everything a command that selects clauses receives.
#[derive(Debug, Clone)]
pub struct Request {
    pub selection: Selection,
    pub paging: Paging,
    pub output: Output,
}

impl Request {
    pub fn new(
        select: &SelectionArgs,
        paging: Paging,
        json: bool,
        color: ColorChoice,
    ) -> Result<Request> {
        Ok(Request {
            selection: Selection::new(select)?,
            paging,
            output: Output::new(json, color),
        })
    }
}

/// The stored document type that `typed` names (case, hyphens and underscores aside), or an
/// error that lists the types the index has.
fn doc_type_named(index: &ClauseIndex, typed: &str) -> Result<String> {
    let wanted = normalized_type(typed);
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut stored = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment
            .inverted_index(index.fields.doc_type)
            .context("cannot read the document types of the index")?;
        let mut terms = inverted
            .terms()
            .stream()
            .context("cannot read the document types of the index")?;
        while terms.advance() {
            if let Ok(name) = std::str::from_utf8(terms.key()) {
                stored.insert(name.to_string());
            }
        }
    }
    if let Some(found) = stored.iter().find(|s| normalized_type(s) == wanted) {
        return Ok(found.clone());
    }
    let head = format!(
        "--type {}: no document in the index has this type",
        typed.trim()
    );
    if stored.is_empty() {
        bail!("{head} (no document of the index has a type)");
    }
    let all: Vec<&str> = stored.iter().map(String::as_str).collect();
    bail!("{head}; the types in the index: {}", all.join(", "))
}

/// A document type compared without case, and with hyphens and underscores read as spaces.
fn normalized_type(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name a party filter searches for, and the other names it may be stored under (the
/// written forms of a state the party table does not know: `Aldoria` → `Republic of
/// Aldoria`).
fn party_names(name: &str) -> (String, Vec<String>) {
    let party =
        parties::normalize_party(name).map_or_else(|| name.trim().to_string(), str::to_string);
    (party, parties::written_forms(name))
}

/// Every party name stored in the index.
fn stored_parties(index: &ClauseIndex) -> Result<BTreeSet<String>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut names = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment
            .inverted_index(index.fields.party)
            .context("cannot read the parties of the index")?;
        let mut terms = inverted
            .terms()
            .stream()
            .context("cannot read the parties of the index")?;
        while terms.advance() {
            if let Ok(name) = std::str::from_utf8(terms.key()) {
                names.insert(name.to_string());
            }
        }
    }
    Ok(names)
}

/// `--party Frnace: no document in the index has this party; the nearest: France (法国)`.
fn unknown_party(name: &str, stored: &BTreeSet<String>) -> String {
    let head = format!(
        "--party {}: no document in the index has this party",
        name.trim()
    );
    if stored.is_empty() {
        return format!("{head} (no document of the index names any party)");
    }
    let shown = |n: &String| match parties::chinese_name(n) {
        Some(zh) => format!("{n} ({zh})"),
        None => n.clone(),
    };
    let near = nearest(name, stored);
    if !near.is_empty() {
        let near: Vec<String> = near.into_iter().map(shown).collect();
        return format!("{head}; the nearest: {}", near.join(", "));
    }
    if stored.len() <= 8 {
        let all: Vec<String> = stored.iter().map(shown).collect();
        return format!("{head}; the parties in the index: {}", all.join(", "));
    }
    format!(
        "{head}; `treatysearch list` shows the parties of every document ({} in all)",
        stored.len()
    )
}

/// The stored parties nearest to `name`, nearest first, at most three: those whose name (in
/// English or Chinese) starts with what was typed or the other way round, and those a few
/// edits away.
fn nearest<'a>(name: &str, stored: &'a BTreeSet<String>) -> Vec<&'a String> {
    let typed = name.trim().to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let typed_len = typed.chars().count();
    let mut ranked: Vec<(usize, &String)> = stored
        .iter()
        .filter_map(|party| {
            let forms = std::iter::once(party.as_str()).chain(parties::chinese_name(party));
            forms
                .filter_map(|form| {
                    let form = form.to_lowercase();
                    if form.starts_with(&typed) || typed.starts_with(&form) {
                        return Some(0);
                    }
                    let d = edit_distance(&typed, &form);
                    let allowed = (typed_len.max(form.chars().count()) / 3).max(1);
                    (d <= allowed).then_some(d)
                })
                .min()
                .map(|d| (d, party))
        })
        .collect();
    ranked.sort();
    ranked.into_iter().take(3).map(|(_, p)| p).collect()
}

/// Levenshtein distance in characters (names are short; a crate is not worth it here).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        for (a, b, d) in [
            ("", "", 0),
            ("france", "france", 0),
            ("frnace", "france", 2),
            ("belaru", "belarus", 1),
            ("白俄罗", "白俄罗斯", 1),
            ("china", "chile", 2),
            ("", "abc", 3),
        ] {
            assert_eq!(edit_distance(a, b), d, "{a} → {b}");
        }
    }

    #[test]
    fn nearest_parties_by_prefix_or_a_few_edits() {
        let stored: BTreeSet<String> = ["Belarus", "China", "France", "Russia"]
            .into_iter()
            .map(String::from)
            .collect();
        let names = |typed: &str| -> Vec<&str> {
            nearest(typed, &stored)
                .into_iter()
                .map(String::as_str)
                .collect()
        };
        assert_eq!(names("Frnace"), ["France"]);
        assert_eq!(names("bel"), ["Belarus"]);
        assert_eq!(names("Chine"), ["China"]);
        assert_eq!(names("白俄罗"), ["Belarus"]);
        assert!(names("Zimbabwe").is_empty());
    }

    #[test]
    fn since_after_until_is_refused() {
        let args = |since, until| SelectionArgs {
            since: Date::new(since, 1, 1),
            until: Date::new(until, 1, 1),
            ..SelectionArgs::default()
        };
        assert!(Selection::new(&args(2013, 2023)).is_ok());
        assert!(Selection::new(&args(2013, 2013)).is_ok());
        let err = Selection::new(&args(2023, 2013)).unwrap_err().to_string();
        assert!(
            err.contains("--since 2023-01-01 is after --until 2013-01-01"),
            "{err}"
        );
    }
}
