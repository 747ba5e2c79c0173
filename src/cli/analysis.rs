//! Arguments of the commands for people who compare statements: `list`, `show`, `similar`,
//! `timeline`, `compare`, `stats`, and of `completions` and `man`. Descriptions only; the
//! commands validate and run them.

use clap::{Args, ValueEnum};

use super::ColorChoice;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Order of the documents (undated documents come last by date).
    #[arg(long, value_enum, default_value_t = SortKey::Date, value_name = "KEY")]
    pub sort: SortKey,

    /// Print NDJSON: one `document` object per line, then a `list` summary.
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
    #[arg(value_name = "ARTICLE")]
    pub article: Option<String>,

    /// Print NDJSON: the `document`, one `clause` per line, then a `show` summary.
    #[arg(long)]
    pub json: bool,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}
