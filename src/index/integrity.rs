//! Whether the index on disk is as it was written: every segment file against the checksum
//! tantivy keeps in its footer, the manifest against the hash its commit records.
//!
//! tantivy trusts the bytes it reads: a truncated file fails (or panics) when opened, but a
//! flipped byte inside a positions file silently changes which phrases match. The footer
//! checksums (CRC32 of each file) catch both; reading every file costs about as much as
//! reading the index once, which `index` can afford and a query cannot.

use std::path::PathBuf;

use anyhow::{Context, Result};
use tantivy::index::SegmentComponent;

use super::ClauseIndex;

/// One file that is not as it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// The file's name in the index folder.
    pub file: String,
    /// `checksum mismatch`, `missing`, `truncated or unreadable: …`
    pub what: String,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.file, self.what)
    }
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Check {
    /// Files checked (meta.json, the manifest, every segment file).
    pub files: usize,
    pub damaged: Vec<Damage>,
}

/// Checks every file of the last commit of `index`.
pub fn check(index: &ClauseIndex) -> Result<Check> {
    let metas = index
        .index
        .load_metas()
        .with_context(|| format!("cannot read the index in {}", index.dir.display()))?;
    // meta.json was read to open the index; its content has no checksum of its own.
    let mut report = Check {
        files: 1,
        ..Check::default()
    };
    let directory = index.index.directory();
    let components = ["idx", "pos", "term", "store", "fast", "fieldnorm"]
        .into_iter()
        .map(String::from)
        .chain(metas.persisted_custom_extensions.iter().cloned());
    let components: Vec<String> = components.collect();
    for segment in &metas.segments {
        let mut paths: Vec<PathBuf> = components
            .iter()
            .map(|ext| segment.relative_path(SegmentComponent::Custom(ext.clone())))
            .collect();
        if segment.has_deletes() {
            paths.push(segment.relative_path(SegmentComponent::Delete));
        }
        for path in paths {
            report.files += 1;
            let what = match directory.validate_checksum(&path) {
                Ok(true) => continue,
                Ok(false) => "checksum mismatch".to_string(),
                Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_)) => {
                    "missing".to_string()
                }
                Err(e) => format!("truncated or unreadable: {e}"),
            };
            report.damaged.push(Damage {
                file: path.display().to_string(),
                what,
            });
        }
    }
    if !index.stamp.manifest.is_empty() {
        report.files += 1;
        if let Some(what) = manifest_damage(index) {
            report.damaged.push(Damage {
                file: index.stamp.manifest.clone(),
                what,
            });
        }
    }
    report.damaged.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(report)
}

/// What is wrong with the manifest the commit names, if anything.
fn manifest_damage(index: &ClauseIndex) -> Option<String> {
    let bytes = match std::fs::read(index.dir.join(&index.stamp.manifest)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Some("missing".into()),
        Err(e) => return Some(format!("unreadable: {e}")),
    };
    // Recorded in the commit; earlier releases put it in the file name instead.
    let expected = if index.stamp.manifest_hash.is_empty() {
        index
            .stamp
            .manifest
            .strip_prefix("manifest.")
            .and_then(|n| n.strip_suffix(".json"))
            .unwrap_or_default()
            .to_string()
    } else {
        index.stamp.manifest_hash.clone()
    };
    let actual = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes));
    if !expected.is_empty() && expected != actual {
        return Some("checksum mismatch".into());
    }
    if serde_json::from_slice::<super::Manifest>(&bytes).is_err() {
        return Some("not a manifest".into());
    }
    None
}

impl Check {
    /// `a.pos (checksum mismatch), b.idx (missing)`, at most `max` of them.
    pub fn list(&self, max: usize) -> String {
        let mut shown: Vec<String> = self
            .damaged
            .iter()
            .take(max)
            .map(|d| d.to_string())
            .collect();
        if self.damaged.len() > max {
            shown.push(format!("and {} more", self.damaged.len() - max));
        }
        shown.join(", ")
    }
}
