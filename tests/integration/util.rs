//! A temporary workspace with a corpus and an index folder, and a runner for the real binary
//! that shows stdout and stderr when an assertion fails (after ripgrep's `rgtest!` and fd's
//! `TestEnv`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SEED_2013: &str = "000_73d20a8071c9b808";
pub const SEED_2023: &str = "004_ef6e819d78f3d240";

pub struct Workspace {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from_output(output: Output) -> Run {
        Run::from(output)
    }

    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts the exit code, showing the output when it differs.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The parsed NDJSON lines of stdout.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }
}

impl Workspace {
    /// An empty workspace with an empty `corpus/`.
    pub fn empty() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("corpus")).expect("corpus dir");
        Workspace { dir }
    }

    /// A workspace whose corpus holds the two seed statements shipped in `corpus/`, with
    /// their metadata sidecars.
    pub fn with_seeds() -> Workspace {
        let ws = Workspace::empty();
        for name in [SEED_2013, SEED_2023] {
            for ext in ["txt", "meta"] {
                let from = repo_corpus().join(format!("{name}.{ext}"));
                fs::copy(&from, ws.corpus().join(format!("{name}.{ext}")))
                    .unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
            }
        }
        ws
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn corpus(&self) -> PathBuf {
        self.path().join("corpus")
    }

    pub fn index(&self) -> PathBuf {
        self.path().join("index")
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, content).expect("write");
    }

    /// Runs `treatysearch ARGS` in the workspace (default `corpus/` and `index/`).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run::from(cmd.output().expect("run treatysearch"))
    }

    /// The command `treatysearch ARGS` in the workspace, to spawn or to run.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_treatysearch"));
        cmd.args(args)
            .current_dir(self.path())
            .env_remove("TREATYSEARCH_CORPUS")
            .env_remove("TREATYSEARCH_INDEX")
            .env_remove("NO_COLOR")
            .env_remove("RUST_BACKTRACE");
        cmd
    }

    /// Waits for a spawned command and returns what it did.
    pub fn finish(child: std::process::Child) -> Run {
        Run::from(child.wait_with_output().expect("wait for treatysearch"))
    }
}

/// The repo's `corpus/` folder.
pub fn repo_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A file of `tests/fixtures/`, e.g. `formats/statement_en.pdf`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// A workspace whose corpus holds these files of `tests/fixtures/DIR` (`DIR` may be empty).
pub fn with_fixtures(dir: &str, names: &[&str]) -> Workspace {
    let ws = Workspace::empty();
    for name in names {
        let from = fixture(&Path::new(dir).join(name).to_string_lossy());
        fs::copy(&from, ws.corpus().join(name))
            .unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
    }
    ws
}

/// `parse --json` of `corpus/NAME`: the document object (the `data` of its first line).
pub fn parse_json(ws: &Workspace, name: &str) -> serde_json::Value {
    let run = ws
        .run(&["parse", "--json", &format!("corpus/{name}")])
        .expect_code(0);
    let mut first = run.json_lines().remove(0);
    assert_eq!(first["type"], "document", "{first}");
    first["data"].take()
}

/// Runs `bin` (a copy of the binary the caller has made readable) with ARGS in the workspace
/// as the user `nobody`, through `setpriv`.
pub fn run_as_nobody(ws: &Workspace, bin: &Path, args: &[&str]) -> Run {
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin)
        .args(args)
        .current_dir(ws.path())
        .env_remove("TREATYSEARCH_CORPUS")
        .env_remove("TREATYSEARCH_INDEX")
        .output()
        .expect("run setpriv");
    Run::from_output(output)
}
