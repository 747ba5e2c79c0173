//! Arguments of `export`: every selected clause, analyzed, for a distributed search engine.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::SelectionArgs;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The engine to write for: its index definition and its bulk format.
    #[arg(long, value_enum, ignore_case = true, value_name = "ENGINE")]
    pub format: ExportFormat,

    /// Write the index definition, the data and LOAD.md (how to load them) into this folder,
    /// created when missing; a folder that is not empty must be one an earlier export made.
    /// Without it, the data goes to stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Name of the index (OpenSearch, Quickwit) or collection (Typesense) in the files
    /// written: a lower-case letter, then lower-case letters, digits, - or _ (3 to 100 in all, as
    /// Quickwit requires).
    #[arg(long, default_value = "treatysearch", value_name = "NAME")]
    pub name: String,

    #[command(flatten)]
    pub select: SelectionArgs,
}

/// An engine `export` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// OpenSearch or Elasticsearch: mapping.json, bulk.ndjson (`_bulk` body).
    #[value(alias = "elasticsearch", alias = "es")]
    Opensearch,
    /// Quickwit: index-config.json, docs.ndjson.
    Quickwit,
    /// Typesense: schema.json, documents.jsonl.
    Typesense,
}
