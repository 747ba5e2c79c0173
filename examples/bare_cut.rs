//! The reference of the build benchmark: a bare jieba-rs `cut` pass (one thread, HMM on, the
//! dictionary jieba-rs embeds) over every `.txt` file of a folder, as a process of its own.
//!
//!     cargo run --release --example bare_cut -- FOLDER
//!
//! Prints the number of files, bytes and tokens on stderr.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use jieba_rs::Jieba;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: bare_cut FOLDER");
        return ExitCode::from(2);
    };
    let mut paths: Vec<PathBuf> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect(),
        Err(e) => {
            eprintln!("bare_cut: cannot list {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    paths.sort();
    let jieba = Jieba::new();
    let (mut bytes, mut tokens) = (0, 0);
    for path in &paths {
        match fs::read_to_string(path) {
            Ok(text) => {
                bytes += text.len();
                tokens += jieba.cut(&text, true).len();
            }
            Err(e) => eprintln!("bare_cut: skipped {}: {e}", path.display()),
        }
    }
    eprintln!("{} files, {bytes} bytes, {tokens} tokens", paths.len());
    ExitCode::SUCCESS
}
