//! The README's examples on the shipped corpus, run on the real binary: what README.md shows
//! is what a user gets. Timings and sizes are masked; examples that change the corpus, read
//! another corpus, pipe into other programs or elide their output (`…` on a line of its own)
//! are left out, and so are the blocks that change the corpus with other commands.

use std::fs;

use crate::util::Workspace;

/// The `$ treatysearch …` commands of README.md's console blocks with the lines they print.
fn examples() -> Vec<(String, Vec<String>)> {
    let readme =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let mut out = Vec::new();
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("```").next().unwrap_or("");
        // A block that runs other programs (`cp`, `rm`, `export`) changes the corpus or the
        // environment for what follows in it: left out whole.
        if block
            .lines()
            .any(|l| l.starts_with("$ ") && !l.starts_with("$ treatysearch "))
        {
            continue;
        }
        let mut current: Option<(String, Vec<String>)> = None;
        for line in block.lines() {
            if let Some(cmd) = line.strip_prefix("$ ") {
                out.extend(current.take());
                current = Some((cmd.to_string(), Vec::new()));
            } else if let Some((_, lines)) = current.as_mut() {
                lines.push(line.to_string());
            }
        }
        out.extend(current.take());
    }
    out.retain(|(cmd, lines)| {
        !cmd.contains("--corpus")
            && !cmd.contains('|')
            && !cmd.contains('#')
            && !cmd.contains('~')
            && !cmd.contains("man ")
            && !cmd.contains("completions")
            && !lines.iter().any(|l| l.trim() == "…")
    });
    out
}

/// A line with its timings and sizes masked: `(5.3 ms)`, `"elapsed_ms":0.8`, `(71.3 kB)`.
fn masked(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let end = tail
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(tail.len());
        let unit = &tail[end..];
        let timed = [" ms", " s)", " kB", " MB"]
            .iter()
            .any(|u| unit.starts_with(u))
            || head.ends_with("\"elapsed_ms\":");
        if timed {
            out.push('#');
        } else {
            out.push_str(&tail[..end]);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_readme_examples_print_what_the_readme_shows() {
    let examples = examples();
    assert!(
        examples.len() >= 10,
        "too few examples found: {}",
        examples.len()
    );
    // The shipped corpus as it is: the seeds, their sidecars, the user dictionary, the glossary.
    let ws = Workspace::empty();
    for entry in fs::read_dir(crate::util::repo_corpus()).expect("corpus/") {
        let path = entry.expect("corpus entry").path();
        if path.is_file() {
            fs::copy(&path, ws.corpus().join(path.file_name().unwrap())).expect("copy");
        }
    }
    ws.run(&["index"]).expect_code(0);
    let mut wrong = Vec::new();
    for (cmd, expected) in &examples {
        let args = shell_words(cmd.strip_prefix("treatysearch ").unwrap_or(cmd));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = ws.run_env(&args, &[("NO_COLOR", "1")]);
        // stderr lines shown in the README (`treatysearch: …`) are checked on stderr.
        let (want_err, want_out): (Vec<&String>, Vec<&String>) = expected
            .iter()
            .filter(|l| !l.trim().is_empty())
            .partition(|l| l.starts_with("treatysearch: "));
        let got_out: Vec<String> = run
            .stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(masked)
            .collect();
        let want_out: Vec<String> = want_out.iter().map(|l| masked(l)).collect();
        if got_out != want_out {
            wrong.push(format!(
                "$ {cmd}\n--- README\n{}\n--- got\n{}",
                want_out.join("\n"),
                got_out.join("\n")
            ));
        }
        for line in want_err {
            if !run.stderr.lines().any(|l| masked(l) == masked(line)) {
                wrong.push(format!(
                    "$ {cmd}\n--- README says on stderr\n{line}\n--- got\n{}",
                    run.stderr
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} README examples differ:\n\n{}",
        wrong.len(),
        wrong.join("\n\n")
    );
}

/// Splits a command line as a POSIX shell would for these examples: words, '…' and "…".
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    word.push(c);
                }
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        c => word.push(c),
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}
