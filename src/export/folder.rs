//! The `--out` folder of an export, under the rule of the index folder (`index::ownership`):
//! treatysearch writes only in a folder it made or found empty, which it marks with
//! [`MARKER`], and there only files it names exactly. A folder holding anything else is
//! someone else's and is refused before anything is written; a user's file in a folder of
//! ours is never touched.
//!
//! Each file is written under a temporary name (with the process id, so that two exports at
//! once do not write into one file) and renamed over the old one when complete: a reader
//! never sees half a file, and a run killed midway leaves the previous export whole.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The marker of a folder made by `treatysearch export`.
pub const MARKER: &str = "treatysearch-export.json";

/// The instructions written beside the data.
pub const LOAD: &str = "LOAD.md";

/// An export folder that is ours to write in.
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
}

/// Whether `dir` may take an export, without writing anything: it is missing, empty, or
/// carries our marker. `corpus` and `index` must not hold it, nor it them (an export inside
/// the corpus would be read as documents on the next update).
pub fn check(dir: &Path, corpus: &Path, index: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() {
        bail!("--out is an empty path: name a folder");
    }
    let out = crate::index::ownership::resolve(dir);
    for (other, what) in [(corpus, "corpus"), (index, "index folder")] {
        let Ok(other_real) = fs::canonicalize(other) else {
            continue;
        };
        if out == other_real || out.starts_with(&other_real) || other_real.starts_with(&out) {
            bail!(
                "the export folder {} and the {what} {} must be apart (neither inside the other): choose another --out",
                dir.display(),
                other.display()
            );
        }
    }
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot read the export folder {}", dir.display()));
        }
        Ok(_) if !dir.is_dir() => {
            bail!(
                "the export folder {} is not a folder: choose another --out",
                dir.display()
            );
        }
        Ok(_) => {}
    }
    if dir.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(dir)
        .with_context(|| format!("cannot read the export folder {}", dir.display()))?;
    if let Some(entry) = entries.next() {
        let name = entry
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .unwrap_or_default();
        bail!(
            "the export folder {} is not empty and treatysearch did not make it (it holds {name}); \
             treatysearch writes only in an empty or new folder, which it marks with {MARKER}: \
             choose another --out",
            dir.display()
        );
    }
    Ok(())
}

impl Folder {
    /// Makes `dir` ours (creates it and its marker, or finds the marker), after [`check`].
    pub fn claim(dir: &Path, corpus: &Path, index: &Path) -> Result<Folder> {
        check(dir, corpus, index)?;
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the export folder {}", dir.display()))?;
        let marker = dir.join(MARKER);
        if !marker.is_file() {
            let made_by = serde_json::json!({
                "made_by": format!("treatysearch {}", env!("CARGO_PKG_VERSION")),
                "what": "an export of clauses for a search engine; treatysearch overwrites \
                         only the files it writes here, by name",
            });
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&marker)
            {
                Ok(mut file) => {
                    file.write_all(made_by.to_string().as_bytes())
                        .and_then(|()| file.write_all(b"\n"))
                        .with_context(|| format!("cannot write {}", marker.display()))?;
                }
                // Another export claimed it at the same moment.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot write {}", marker.display()));
                }
            }
        }
        Ok(Folder {
            dir: dir.to_path_buf(),
        })
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Writes `name` through `fill`, under a temporary name renamed over `name` once complete.
    /// Returns what `fill` returned and the bytes written.
    pub fn write<T>(
        &self,
        name: &str,
        fill: impl FnOnce(&mut dyn Write) -> Result<T>,
    ) -> Result<(T, u64)> {
        let target = self.dir.join(name);
        let tmp = self
            .dir
            .join(format!(".{name}.{}.partial", std::process::id()));
        let file = File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
        let mut out = Counting {
            inner: BufWriter::with_capacity(1 << 16, file),
            bytes: 0,
        };
        let done = fill(&mut out).and_then(|value| {
            out.flush()
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            out.inner
                .get_ref()
                .sync_all()
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            Ok(value)
        });
        let bytes = out.bytes;
        drop(out);
        match done {
            Ok(value) => {
                fs::rename(&tmp, &target).with_context(|| {
                    format!("cannot rename {} to {}", tmp.display(), target.display())
                })?;
                Ok((value, bytes))
            }
            Err(err) => {
                // Our own temporary file, by its exact name.
                let _ = fs::remove_file(&tmp);
                Err(err)
            }
        }
    }
}

/// A writer that counts the bytes it passes on.
struct Counting<W: Write> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_foreign_folder_is_refused_and_ours_is_reused() {
        let root = tempfile::tempdir().unwrap();
        let corpus = root.path().join("corpus");
        let index = root.path().join("index");
        fs::create_dir(&corpus).unwrap();
        let theirs = root.path().join("theirs");
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join("notes.txt"), "mine").unwrap();
        let err = Folder::claim(&theirs, &corpus, &index).unwrap_err();
        assert!(err.to_string().contains("notes.txt"), "{err}");
        assert_eq!(
            fs::read_to_string(theirs.join("notes.txt")).unwrap(),
            "mine"
        );
        assert!(!theirs.join(MARKER).exists());

        let ours = root.path().join("new/export");
        let folder = Folder::claim(&ours, &corpus, &index).unwrap();
        folder
            .write("a.json", |w| Ok(w.write_all(b"{}\n")?))
            .unwrap();
        fs::write(ours.join("notes.txt"), "mine").unwrap();
        // Ours (the marker): claimed again, the user's file left alone.
        let folder = Folder::claim(&ours, &corpus, &index).unwrap();
        let ((), bytes) = folder
            .write("a.json", |w| Ok(w.write_all(b"{\"b\":1}\n")?))
            .unwrap();
        assert_eq!(bytes, 8);
        assert_eq!(
            fs::read_to_string(ours.join("a.json")).unwrap(),
            "{\"b\":1}\n"
        );
        assert_eq!(fs::read_to_string(ours.join("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn a_failed_write_leaves_the_last_file_whole() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let folder = Folder::claim(&out, &root.path().join("c"), &root.path().join("i")).unwrap();
        folder
            .write("d.jsonl", |w| Ok(w.write_all(b"1\n")?))
            .unwrap();
        let failed: Result<((), u64)> = folder.write("d.jsonl", |w| {
            w.write_all(b"2\n")?;
            bail!("stopped")
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(out.join("d.jsonl")).unwrap(), "1\n");
        let names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn the_corpus_and_the_index_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let corpus = root.path().join("corpus");
        fs::create_dir(&corpus).unwrap();
        let index = root.path().join("index");
        assert!(check(&corpus.join("export"), &corpus, &index).is_err());
        assert!(check(&corpus, &corpus, &index).is_err());
        assert!(check(root.path(), &corpus, &index).is_err());
        assert!(check(&root.path().join("export"), &corpus, &index).is_ok());
    }
}
