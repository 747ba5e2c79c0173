//! README.md stays true by construction: every `console` example of it runs on the shipped
//! corpus, on the real binary, and what it prints is compared with what the README shows (in
//! the spirit of trycmd and snapbox).
//!
//! - A block is a session: its `$ ` lines run in order through `sh`, in one folder shared by
//!   the whole README, which holds a copy of `corpus/` (indexed before the first example),
//!   `tests/` of the repository, and a `Documents/` folder with a note in it; `HOME` is that
//!   folder and `treatysearch` is the binary under test. Commands that need a program this
//!   machine lacks (`jq`) are skipped with a note.
//! - The lines under a command are its stdout; lines that start with `treatysearch: ` are
//!   expected on its stderr. A line `…` alone stands for any number of lines.
//! - Timings, sizes, BM25 scores and the path of the folder are masked before comparing.
//!
//! `TREATYSEARCH_BLESS=1 cargo test --test integration readme` writes what the program prints
//! into the README instead: it rewrites the output lines under the commands and nothing else
//! (commands, prose and the other blocks stay as they are). Examples on the dev corpora live
//! in docs/dev-corpora.md, made by tools/dev-examples.sh.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use regex::Regex;

use crate::util::Workspace;

const BLESS: &str = "TREATYSEARCH_BLESS";

/// One `$ command` of a console block and the lines under it.
#[derive(Debug)]
struct Example {
    command: String,
    /// 0-based line of the README where the command is.
    line: usize,
    /// The lines under the command, up to the next command or the end of the block.
    shown: Vec<String>,
}

/// The console blocks of `readme`, each a list of examples.
fn console_blocks(readme: &str) -> Vec<Vec<Example>> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<Example>> = None;
    for (i, line) in readme.lines().enumerate() {
        match current.as_mut() {
            None if line.trim_end() == "```console" => current = Some(Vec::new()),
            None => {}
            Some(_) if line.starts_with("```") => blocks.extend(current.take()),
            Some(block) => {
                if let Some(command) = line.strip_prefix("$ ") {
                    block.push(Example {
                        command: command.to_string(),
                        line: i,
                        shown: Vec::new(),
                    });
                } else if let Some(example) = block.last_mut() {
                    example.shown.push(line.to_string());
                }
            }
        }
    }
    blocks
}

/// What is masked before comparing: `(5.3 ms)`, `(0.02 s)`, `(71.3 kB)`, `"elapsed_ms":0.8`,
/// `score 18.73`, `"score":20.086`, and the folder the examples run in (shown as `~`).
struct Masks {
    numbers: Regex,
    folder: String,
}

impl Masks {
    fn new(folder: &Path) -> Masks {
        Masks {
            numbers: Regex::new(
                r#"(?x)
                  \b\d+(?:\.\d+)?(?P<unit>\ (?:ms|s|kB|MB|GB)\b)
                | (?P<key>"elapsed_ms":|"score":|\bscore\ )\d+(?:\.\d+)?"#,
            )
            .expect("regex"),
            folder: folder.display().to_string(),
        }
    }

    fn apply(&self, line: &str) -> String {
        let line = line.replace(&self.folder, "~");
        let line = self.numbers.replace_all(&line, |c: &regex::Captures| {
            match (c.name("unit"), c.name("key")) {
                (Some(unit), _) => format!("#{}", unit.as_str()),
                (_, Some(key)) => format!("{}#", key.as_str()),
                _ => unreachable!("one of the two alternatives matched"),
            }
        });
        line.trim_end().to_string()
    }
}

/// Whether `got` is what `shown` shows, a `…` line standing for any number of lines.
fn matches(shown: &[String], got: &[String]) -> bool {
    match shown.split_first() {
        None => got.is_empty(),
        Some((first, rest)) if first.trim() == "…" => {
            (0..=got.len()).any(|skip| matches(rest, &got[skip..]))
        }
        Some((first, rest)) => got
            .split_first()
            .is_some_and(|(g, got_rest)| g == first && matches(rest, got_rest)),
    }
}

/// The lines of `text` without the blank lines at its end.
fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// The output to write under a command when blessing: what it printed, elided where the
/// README elides. A `…` keeps its place: the lines shown before it are taken from the start,
/// those after the last one from the end, and each run between two from where its first line
/// begins as it does now (the same first word). `None` when that cannot be done.
fn reelided(shown: &[String], got: &[String]) -> Option<Vec<String>> {
    let runs: Vec<&[String]> = shown.split(|l| l.trim() == "…").collect();
    if runs.len() == 1 {
        return Some(got.to_vec());
    }
    let (first, rest) = runs.split_first()?;
    let (last, middle) = rest.split_last()?;
    let key = |l: &str| l.split_whitespace().next().unwrap_or("").to_string();
    let mut out: Vec<String> = got.get(..first.len())?.to_vec();
    let mut cursor = first.len();
    let dots = shown.iter().find(|l| l.trim() == "…")?.clone();
    for run in middle {
        out.push(dots.clone());
        let Some(head) = run.first() else { continue };
        let at = cursor + got[cursor..].iter().position(|g| key(g) == key(head))?;
        out.extend_from_slice(got.get(at..at + run.len())?);
        cursor = at + run.len();
    }
    out.push(dots);
    let tail = got.len().checked_sub(last.len())?;
    if tail < cursor {
        return None;
    }
    out.extend_from_slice(&got[tail..]);
    Some(out)
}

/// The programs a command line starts, beside `treatysearch`: the first word of each
/// pipeline or list element, outside quotes, before a `#` comment.
fn programs(command: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quote = None;
    let mut previous = ' ';
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => break,
            (None, '|' | ';' | '&') => parts.push(String::new()),
            (None, c) => parts.last_mut().unwrap().push(c),
        }
        previous = c;
    }
    parts
        .iter()
        .filter_map(|part| part.split_whitespace().next())
        .filter(|word| !word.contains('='))
        .map(str::to_string)
        .collect()
}

fn on_path(program: &str, path: &str) -> bool {
    std::env::split_paths(path).any(|dir| dir.join(program).is_file())
}

/// The folder the examples run in: the shipped corpus, indexed; the repository's tests (for
/// the fixtures the examples copy); a home folder with a note in `Documents/`.
fn session() -> (Workspace, String) {
    let ws = Workspace::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in fs::read_dir(repo.join("corpus")).expect("corpus/") {
        let path = entry.expect("corpus entry").path();
        if path.is_file() {
            fs::copy(&path, ws.corpus().join(path.file_name().unwrap())).expect("copy");
        }
    }
    std::os::unix::fs::symlink(repo.join("tests"), ws.path().join("tests")).expect("link tests");
    ws.write("Documents/notes.txt", "shopping list\n");
    ws.run(&["index"]).expect_code(0);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_treatysearch"));
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap()
    .to_string_lossy()
    .into_owned();
    (ws, path)
}

/// The README's examples that print something else than it shows, with what they print.
struct Difference {
    line: usize,
    command: String,
    shown: Vec<String>,
    /// What to write under the command when blessing (`None`: the elision cannot be kept).
    blessed: Option<Vec<String>>,
    diff: String,
}

#[test]
fn the_readme_examples_print_what_the_readme_shows() {
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = fs::read_to_string(&readme_path).expect("README.md");
    let blocks = console_blocks(&readme);
    let count: usize = blocks.iter().map(Vec::len).sum();
    assert!(count >= 20, "too few examples found: {count}");

    let (ws, path) = session();
    let masks = Masks::new(&fs::canonicalize(ws.path()).unwrap());
    let mut differences = Vec::new();
    let mut ran = 0;
    for block in &blocks {
        for example in block {
            if let Some(missing) = programs(&example.command)
                .into_iter()
                .find(|p| !on_path(p, &path) && !["cd", "export", "exit"].contains(&p.as_str()))
            {
                eprintln!(
                    "README.md:{}: skipped, `{missing}` is not installed: $ {}",
                    example.line + 1,
                    example.command
                );
                continue;
            }
            let output = Command::new("sh")
                .arg("-c")
                .arg(&example.command)
                .current_dir(ws.path())
                .env("PATH", &path)
                .env("HOME", ws.path())
                .env("NO_COLOR", "1")
                .env_remove("TREATYSEARCH_CORPUS")
                .env_remove("TREATYSEARCH_INDEX")
                .env_remove("TREATYSEARCH_FOLLOW")
                .env_remove("RUST_BACKTRACE")
                .stdin(Stdio::null())
                .output()
                .expect("run sh");
            ran += 1;
            let stdout = lines(&String::from_utf8_lossy(&output.stdout));
            let stderr = lines(&String::from_utf8_lossy(&output.stderr));
            // The README shows stderr lines where it says what treatysearch says on stderr.
            let (shown_err, shown_out): (Vec<&String>, Vec<&String>) = example
                .shown
                .iter()
                .partition(|l| l.starts_with("treatysearch: "));
            let mask_all = |ls: &[&String]| ls.iter().map(|l| masks.apply(l)).collect::<Vec<_>>();
            let want_out = mask_all(&shown_out);
            let got_out: Vec<String> = stdout.iter().map(|l| masks.apply(l)).collect();
            let got_err: Vec<String> = stderr.iter().map(|l| masks.apply(l)).collect();
            let want_out = lines(&want_out.join("\n"));
            let out_ok = matches(&want_out, &got_out);
            let err_ok = mask_all(&shown_err).iter().all(|l| got_err.contains(l));
            if out_ok && err_ok {
                continue;
            }
            let mut got = stdout.clone();
            if !shown_err.is_empty() {
                got.extend(stderr.iter().cloned());
            }
            let shown_now: Vec<String> = lines(&example.shown.join("\n"));
            let blessed = reelided(&shown_now, &got).map(|ls| {
                ls.into_iter()
                    .map(|l| l.replace(&masks.folder, "~"))
                    .collect()
            });
            let diff = similar::TextDiff::from_lines(
                &(shown_now.join("\n") + "\n"),
                &(blessed.clone().unwrap_or(got).join("\n") + "\n"),
            )
            .unified_diff()
            .header("README.md", "what it prints")
            .to_string();
            differences.push(Difference {
                line: example.line,
                command: example.command.clone(),
                shown: example.shown.clone(),
                blessed,
                diff,
            });
        }
    }
    assert!(ran >= 20, "too few examples ran: {ran}");

    if std::env::var_os(BLESS).is_some_and(|v| v == "1") && !differences.is_empty() {
        let unblessable: Vec<&Difference> =
            differences.iter().filter(|d| d.blessed.is_none()).collect();
        fs::write(&readme_path, blessed(&readme, &differences)).expect("write README.md");
        eprintln!(
            "README.md: wrote the output of {} examples",
            differences.len() - unblessable.len()
        );
        assert!(
            unblessable.is_empty(),
            "these elided examples cannot be written over; edit them by hand:\n{}",
            report(&unblessable)
        );
        return;
    }
    assert!(
        differences.is_empty(),
        "{} README examples print something else than README.md shows:\n\n{}\n\
         If the program is right, write its output into README.md with\n    \
         {BLESS}=1 cargo test --test integration readme\nand check `git diff README.md`.",
        differences.len(),
        report(&differences.iter().collect::<Vec<_>>())
    );
}

fn report(differences: &[&Difference]) -> String {
    let mut out = String::new();
    for d in differences {
        let _ = writeln!(out, "README.md:{}: $ {}\n{}", d.line + 1, d.command, d.diff);
    }
    out
}

/// `readme` with the output lines of each difference replaced by what it prints now; the
/// commands and every other line are kept as they are.
fn blessed(readme: &str, differences: &[Difference]) -> String {
    let by_line: HashMap<usize, &Difference> = differences
        .iter()
        .filter(|d| d.blessed.is_some())
        .map(|d| (d.line, d))
        .collect();
    let mut out = String::new();
    let mut skip = 0;
    for (i, line) in readme.lines().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if let Some(d) = by_line.get(&i) {
            for new in d.blessed.as_deref().unwrap_or_default() {
                out.push_str(new);
                out.push('\n');
            }
            skip = d.shown.len();
        }
    }
    if !readme.ends_with('\n') {
        out.pop();
    }
    out
}

#[test]
fn elisions_match_any_lines_and_are_kept_when_blessing() {
    let v = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    assert!(matches(&v("a\n…\nd"), &v("a\nb\nc\nd")));
    assert!(matches(&v("a\n…\nd"), &v("a\nd")));
    assert!(!matches(&v("a\n…\nd"), &v("a\nb\nc")));
    assert!(!matches(&v("a\nb"), &v("a\nb\nc")));
    assert_eq!(
        reelided(
            &v("head\n  …\n10 x\nclauses: 3\n  …\nlast"),
            &v("head\n1 x\n10 y\nclauses: 4\n0 z\n1 z\nend")
        ),
        Some(v("head\n  …\n10 y\nclauses: 4\n  …\nend"))
    );
    assert_eq!(reelided(&v("a\n…\nb\nc"), &v("a")), None);
}

#[test]
fn the_programs_of_a_command_line_are_found_outside_quotes_and_comments() {
    assert_eq!(
        programs(r#"treatysearch query --json "a | b" | jq -r '"\(.x) | y"' # a | comment"#),
        ["treatysearch", "jq"]
    );
    assert_eq!(
        programs("rm corpus/x.txt && treatysearch index"),
        ["rm", "treatysearch"]
    );
}

#[test]
fn blessing_rewrites_only_the_output_lines() {
    let readme = "# Title\n\nProse.\n\n```console\n$ treatysearch one\nold 1\nold 2\n$ treatysearch two\nkept\n```\n\nMore prose.\n";
    let blocks = console_blocks(readme);
    assert_eq!(blocks.len(), 1);
    let one = &blocks[0][0];
    let differences = [Difference {
        line: one.line,
        command: one.command.clone(),
        shown: one.shown.clone(),
        blessed: Some(vec!["new".to_string()]),
        diff: String::new(),
    }];
    assert_eq!(
        blessed(readme, &differences),
        "# Title\n\nProse.\n\n```console\n$ treatysearch one\nnew\n$ treatysearch two\nkept\n```\n\nMore prose.\n"
    );
    let masks = Masks::new(Path::new("/x/y"));
    assert_eq!(
        masks.apply("3 hits (5.3 ms) in /x/y/Documents · score 18.73 · 71.3 kB"),
        "3 hits (# ms) in ~/Documents · score # · # kB"
    );
    assert_eq!(
        masks.apply(r#"{"score":20.086,"elapsed_ms":0.8,"clauses":47}"#),
        r#"{"score":#,"elapsed_ms":#,"clauses":47}"#
    );
}
