//! Arguments of the commands for people who compare statements: `list`, `show`, `similar`,
//! `timeline`, `compare`, `stats`, and of `completions` and `man`. Descriptions only; the
//! commands validate and run them.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{ColorChoice, SelectionArgs};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Order of the documents (undated documents come last by date).
    #[arg(long, value_enum, default_value_t = SortKey::Date, value_name = "KEY")]
    pub sort: SortKey,

    /// Print NDJSON: one `document` object per line, then a `summary`.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// Oldest first (signing date, else publication date).
    Date,
    Title,
    Id,
}

impl SortKey {
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Title => "title",
            SortKey::Id => "id",
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The document: its id as shown in hits and by `list`, a unique prefix of it, or the path
    /// of its file.
    #[arg(value_name = "DOC")]
    pub doc: String,

    /// Only this article: its number (3), as written (三、, 第十四条, Article IV), or
    /// `preamble` / `signature`.
    #[arg(value_name = "ARTICLE", conflicts_with = "articles")]
    pub article: Option<String>,

    /// Only the articles from one to another, in document order: `3-5`, `preamble-2`, `7-`
    /// (to the end), `3` (as ARTICLE, but with what lies between its sections).
    #[arg(long, value_name = "FROM-TO")]
    pub articles: Option<String>,

    /// At most this many clauses (0: all of them). A longer document or part is cut, and
    /// the cut is said on stderr and in the JSON summary.
    #[arg(long, short = 'n', default_value_t = 1000, value_name = "N")]
    pub limit: usize,

    /// Skip this many clauses of the document or part first (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Print NDJSON: the `document`, one `clause` per line, then a `summary`.
    #[arg(long)]
    pub json: bool,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The document the clause comes from (id, unique prefix or path).
    #[arg(
        value_name = "DOC",
        required_unless_present = "text",
        conflicts_with = "text"
    )]
    pub doc: Option<String>,

    /// The article (3, 三, Article IV, preamble); the whole article when no CLAUSE is given.
    #[arg(value_name = "ARTICLE", required_unless_present = "text")]
    pub article: Option<String>,

    /// The paragraph of the article, 1-based, as `show DOC ARTICLE` numbers it (¶2).
    #[arg(value_name = "CLAUSE")]
    pub clause: Option<usize>,

    /// Look for clauses similar to this text instead (its language is detected).
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,

    #[command(flatten)]
    pub select: SelectionArgs,

    /// Number of similar clauses to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Print NDJSON: the `source`, one `match` per line, then a `summary`.
    #[arg(long)]
    pub json: bool,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The formulation, in the query language of `query` (words, "exact phrase", -exclusion).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Print NDJSON: one `year` object per line, then a `summary`.
    #[arg(long)]
    pub json: bool,

    /// Normalize by the size of each year: matching clauses per N clauses of that year in the
    /// index (`--per 1000`), and documents as a share of that year's documents. Bars and the
    /// SVG chart show the rates; --json adds them to each year.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub per: Option<u32>,

    #[command(flatten)]
    pub select: SelectionArgs,

    /// Also write the chart as an SVG file (axes, labels, the query in the title).
    /// An existing file is replaced only when it is an SVG file (a chart made before).
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,

    /// With --svg: replace FILE even when it is not an SVG file (a symbolic link is replaced,
    /// not followed).
    #[arg(long, requires = "svg")]
    pub force: bool,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first text: `DOC:ARTICLE` (a whole article) or `DOC:ARTICLE:CLAUSE` (one
    /// paragraph of it, as `show` numbers them).
    #[arg(value_name = "DOC_A:ARTICLE")]
    pub a: String,

    /// The second text, in the same form.
    #[arg(value_name = "DOC_B:ARTICLE")]
    pub b: String,

    /// Print NDJSON: a `compare` object (both texts, the pieces kept/removed/added and the
    /// changes), then a `summary` with the counts.
    #[arg(long)]
    pub json: bool,

    /// When to colour the output (without colour, [-removed-] and {+added+} mark changes).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print NDJSON: one `summary` object with the figures.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The page of one command (`treatysearch-query(1)`) instead of the main page.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,

    /// Write every page (treatysearch.1, treatysearch-query.1, …) into this folder instead of
    /// printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}
