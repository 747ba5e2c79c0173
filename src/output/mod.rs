//! Printers: results and documents as human text or JSON, over any `io::Write`, and the
//! progress bar of long index runs. Printers never query or parse; they only format what they
//! are given.

pub mod chart;
pub mod collocates;
pub mod compare;
pub mod csv;
pub mod documents;
pub mod facets;
pub mod json;
pub mod keywords;
pub mod kwic;
pub mod layout;
pub mod ngrams;
pub mod parse;
pub mod progress;
pub mod schema;
pub mod similar;
pub mod text;
pub mod timeline;

/// Whether to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Always,
    Never,
}

impl Color {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set (no-color.org).
    pub fn auto() -> Color {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if std::io::stdout().is_terminal() && !no_color {
            Color::Always
        } else {
            Color::Never
        }
    }
}

/// How the table of a corpus analysis is printed: aligned text, NDJSON or CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

impl Format {
    /// The format of `--json` and `--csv` (clap refuses the two together).
    pub fn of(json: bool, csv: bool) -> Format {
        match (json, csv) {
            (true, _) => Format::Json,
            (_, true) => Format::Csv,
            _ => Format::Text,
        }
    }
}
