//! Every example line of `treatysearch --help` and of each command's `--help` works on the
//! shipped corpus: run in a temporary copy of it, each exits 0 and prints something (or writes
//! the file it was asked to). Output files and redirections go to the temporary folder; a
//! `| jq …` pipe runs when jq is installed and is left off when not; `| man -l -` is left off.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Run, Workspace, repo_corpus};

/// The example commands under `Examples:` in the help of `args`.
fn examples(ws: &Workspace, args: &[&str]) -> Vec<String> {
    let mut help_args = args.to_vec();
    help_args.push("--help");
    let run = ws.run(&help_args).expect_code(0);
    run.stdout
        .lines()
        .skip_while(|l| l.trim() != "Examples:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .filter(|l| l.starts_with("treatysearch "))
        .map(command_of)
        .collect()
}

/// The command of an example line, without the description that follows it after two spaces
/// or more (outside quotes) or after `#`.
fn command_of(line: &str) -> String {
    let mut quote: Option<char> = None;
    let mut spaces = 0;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') => return line[..i].trim_end().to_string(),
            (None, ' ') => {
                spaces += 1;
                if spaces == 2 {
                    return line[..i].trim_end().to_string();
                }
                continue;
            }
            _ => {}
        }
        spaces = 0;
    }
    line.to_string()
}

/// The commands listed in the top-level help.
fn commands(ws: &Workspace) -> Vec<String> {
    let run = ws.run(&["--help"]).expect_code(0);
    run.stdout
        .lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

fn has_jq() -> bool {
    Command::new("jq")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The example made safe to run in `dir`: redirections and `--dir` into it, pipes to programs
/// that may be missing left off. Returns the command and the files or folders it writes.
fn sandboxed(example: &str, dir: &Path, n: usize, jq: bool) -> (String, Vec<PathBuf>) {
    let mut cmd = example.to_string();
    if let Some(at) = cmd.find(" | man") {
        cmd.truncate(at);
    }
    if !jq && let Some(at) = cmd.find(" | jq") {
        cmd.truncate(at);
    }
    let mut writes = Vec::new();
    if let Some(at) = cmd.find(" > ") {
        let file = dir.join(format!("out-{n}"));
        cmd = format!("{} > {}", &cmd[..at], file.display());
        writes.push(file);
    }
    if let Some(at) = cmd.find(" --dir ") {
        let rest = &cmd[at + " --dir ".len()..];
        let end = rest.find(' ').unwrap_or(rest.len());
        let folder = dir.join(format!("pages-{n}"));
        fs::create_dir_all(&folder).unwrap();
        cmd = format!("{} --dir {}{}", &cmd[..at], folder.display(), &rest[end..]);
        writes.push(folder);
    }
    if let Some(at) = cmd.find(" --svg ") {
        let rest = &cmd[at + " --svg ".len()..];
        let name = rest.split(' ').next().unwrap_or("");
        assert!(
            !name.starts_with('/') && !name.starts_with('~'),
            "an example writes a chart outside the working folder: {example}"
        );
        writes.push(dir.join(name));
    }
    (cmd, writes)
}

fn wrote_something(path: &Path) -> bool {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => fs::read_dir(path).is_ok_and(|mut d| d.next().is_some()),
        Ok(m) => m.len() > 0,
        Err(_) => false,
    }
}

#[test]
fn every_help_example_works_on_the_shipped_corpus() {
    let ws = Workspace::empty();
    for entry in fs::read_dir(repo_corpus()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            fs::copy(entry.path(), ws.corpus().join(entry.file_name())).unwrap();
        }
    }
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_treatysearch"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let jq = has_jq();
    if !jq {
        eprintln!("jq is not installed: examples piped into jq run without the pipe");
    }
    let mut all = examples(&ws, &[]);
    let names = commands(&ws);
    assert!(names.len() >= 10, "commands in --help: {names:?}");
    for name in &names {
        let found = examples(&ws, &[name]);
        assert!(!found.is_empty(), "`{name} --help` has no examples");
        all.extend(found);
    }
    assert!(all.len() >= 30, "examples found: {all:#?}");
    let mut failures = Vec::new();
    for (n, example) in all.iter().enumerate() {
        let (cmd, writes) = sandboxed(example, ws.path(), n, jq);
        let output = Command::new("bash")
            .args(["-o", "pipefail", "-c", &cmd])
            .current_dir(ws.path())
            .env("PATH", &path)
            .env_remove("TREATYSEARCH_CORPUS")
            .env_remove("TREATYSEARCH_INDEX")
            .env_remove("RUST_BACKTRACE")
            .output()
            .unwrap();
        let run = Run::from_output(output);
        let printed =
            !run.stdout.trim().is_empty() && run.stdout.lines().any(|l| l.trim() != "null");
        let wrote = writes.iter().any(|w| wrote_something(w));
        if run.code != 0 || !(printed || wrote) {
            failures.push(format!(
                "{example}\n  ran: {cmd}\n  exit {}; stdout {:?}; stderr {:?}",
                run.code,
                run.stdout.chars().take(200).collect::<String>(),
                run.stderr.chars().take(300).collect::<String>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} help examples fail on the shipped corpus:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn example_lines_are_cut_before_their_description() {
    for (line, cmd) in [
        (
            "treatysearch query \"Belt and Road\"          ranked clauses",
            "treatysearch query \"Belt and Road\"",
        ),
        (
            "treatysearch query '(民主 OR 人权)  干涉' --lang zh",
            "treatysearch query '(民主 OR 人权)  干涉' --lang zh",
        ),
        (
            "treatysearch index --no-wait   # exit 2 if another process is updating",
            "treatysearch index --no-wait",
        ),
        ("treatysearch list", "treatysearch list"),
    ] {
        assert_eq!(command_of(line), cmd);
    }
}
