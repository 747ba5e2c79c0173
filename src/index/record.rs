//! The record of what an index holds, as committed with it: the [`Stamp`] (tantivy's commit
//! payload) and the [`Manifest`] (one entry per corpus file), and the names of the files the
//! manifest is written to. Plain data: reading and writing them is `ClauseIndex`'s.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What the index knows about one corpus file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub id: String,
    pub size: u64,
    pub mtime_ns: u64,
    pub hash: u64,
    pub clauses: usize,
    /// The document's language (`zh`, `en`): a new user dictionary re-indexes the Chinese ones.
    #[serde(default)]
    pub lang: Option<String>,
    /// What the parser could not read as written, reported by every update and query.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The record of indexed files, keyed by path relative to the corpus.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub files: BTreeMap<String, FileEntry>,
}

/// What the commit payload says about the index (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub version: u32,
    /// The treatysearch release that wrote the index: a new release may parse documents
    /// differently, so its index is rebuilt rather than mixed with the old one.
    #[serde(default)]
    pub writer: String,
    /// Fingerprint of the corpus listing the index was last brought up to date with
    /// ([`crate::corpus::fingerprint`]).
    #[serde(default)]
    pub corpus: String,
    /// Documents and clauses in the index.
    #[serde(default)]
    pub documents: usize,
    #[serde(default)]
    pub clauses: usize,
    /// Files of that listing that could not be read, and why: every query reports them again.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
    /// File name of the manifest, in the index folder.
    #[serde(default)]
    pub manifest: String,
    /// xxh3 of the manifest's bytes (hex), for `index --check` (empty before this field).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub manifest_hash: String,
    /// Fingerprint of the user dictionary the Chinese was cut with (empty: none).
    #[serde(default)]
    pub user_dictionary: String,
}

/// A corpus file that could not be read, or was indexed with a warning (`indexed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub rel: String,
    pub reason: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub indexed: bool,
}

/// The release recorded in the stamp.
pub const WRITER: &str = env!("CARGO_PKG_VERSION");

/// The two manifest files, written in turn (see the module docs), and the temporary file they
/// are written through.
pub const MANIFEST_SLOTS: [&str; 2] = [
    "treatysearch-manifest.0.json",
    "treatysearch-manifest.1.json",
];
pub const MANIFEST_TMP: &str = "treatysearch-manifest.tmp";
