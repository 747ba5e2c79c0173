//! `completions` and `man`: generated from the clap definitions, without touching an index.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::Workspace;

#[test]
fn completions_for_bash_zsh_and_fish_know_the_commands() {
    let ws = Workspace::empty();
    let bash = ws.run(&["completions", "bash"]).expect_code(0).stdout;
    assert!(bash.contains("_treatysearch()") && bash.contains("complete -F _treatysearch"));
    let zsh = ws.run(&["completions", "zsh"]).expect_code(0).stdout;
    assert!(zsh.starts_with("#compdef treatysearch"), "{zsh}");
    let fish = ws.run(&["completions", "fish"]).expect_code(0).stdout;
    for command in ["query", "similar", "timeline", "compare", "stats"] {
        assert!(
            fish.contains(&format!("-a \"{command}\"")),
            "{command} missing from fish completions"
        );
    }
    assert!(
        fish.contains("-l cross-lingual"),
        "similar's flags are completed"
    );
    assert!(!ws.index().exists(), "no index is built for completions");
    ws.run(&["completions", "tcsh"]).expect_code(2);
}

#[test]
fn man_pages_for_the_program_and_each_command() {
    let ws = Workspace::empty();
    let main = ws.run(&["man"]).expect_code(0).stdout;
    assert!(main.contains(".TH treatysearch 1 "), "{main}");
    assert!(main.contains("treatysearch manual") && main.contains("timeline"));
    let similar = ws.run(&["man", "similar"]).expect_code(0).stdout;
    assert!(similar.contains(".TH treatysearch-similar 1 "), "{similar}");
    assert!(
        similar.contains("\\fBtreatysearch similar\\fR"),
        "synopsis: {similar}"
    );
    assert!(similar.contains("cross\\-lingual"));
    let run = ws.run(&["man", "nonsense"]).expect_code(2);
    assert!(
        run.stderr.contains("no command `nonsense`"),
        "{}",
        run.stderr
    );

    let run = ws.run(&["man", "--dir", "man1"]).expect_code(0);
    let mut pages: Vec<String> = std::fs::read_dir(ws.path().join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(pages.contains(&"treatysearch.1".to_string()));
    assert!(pages.contains(&"treatysearch-compare.1".to_string()));
    assert_eq!(pages.len(), run.stdout.lines().count());
    assert!(!ws.index().exists());
}

/// Every `TREATYSEARCH_*` name in the sources.
fn variables_read(dir: &Path, found: &mut std::collections::BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            variables_read(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, _) in text.match_indices("TREATYSEARCH_") {
                let name: String = text[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                // `TREATYSEARCH_*` in a comment is the prefix, not a variable.
                if !name.ends_with('_') {
                    found.insert(name);
                }
            }
        }
    }
}

/// The lines of section `name` of a roff page, up to the next `.SH`.
fn roff_section<'a>(page: &'a str, name: &str) -> Vec<&'a str> {
    let heading = [format!(".SH {name}"), format!(".SH \"{name}\"")];
    page.lines()
        .skip_while(|l| !heading.iter().any(|h| l == h))
        .skip(1)
        .take_while(|l| !l.starts_with(".SH"))
        .collect()
}

#[test]
fn man_pages_have_a_short_name_exit_status_and_every_variable() {
    let ws = Workspace::empty();
    let mut variables = std::collections::BTreeSet::new();
    variables_read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut variables,
    );
    assert!(variables.len() >= 8, "{variables:?}");
    for page in [None, Some("query"), Some("timeline")] {
        let args: Vec<&str> = std::iter::once("man").chain(page).collect();
        let roff = ws.run(&args).expect_code(0).stdout;
        let name = roff_section(&roff, "NAME");
        assert_eq!(name.len(), 1, "{name:?}");
        assert!(
            name[0].len() < 80 && !name[0].contains(':'),
            "a NAME line is a few words: {}",
            name[0]
        );
        let status = roff_section(&roff, "EXIT STATUS").join("\n");
        for code in ["0", "1", "2"] {
            assert!(status.contains(&format!(".TP\n{code}\n")), "{status}");
        }
        let environment = roff_section(&roff, "ENVIRONMENT").join("\n");
        for variable in &variables {
            let roffed = variable.replace('-', "\\-");
            assert!(
                environment.contains(&format!("\\fB{roffed}\\fR")),
                "{variable} is read by the code but not in ENVIRONMENT of {page:?}"
            );
        }
        assert!(!roff.contains("treatysearch\\-help"), "no page for `help`");
    }
    assert_eq!(
        roff_section(&ws.run(&["man", "query"]).stdout, "NAME"),
        ["treatysearch\\-query \\- search the corpus"]
    );
}

#[test]
fn the_query_language_table_is_kept_as_a_table() {
    let ws = Workspace::empty();
    let roff = ws.run(&["man", "query"]).expect_code(0).stdout;
    // The rows stay lines of their own, in a no-fill block.
    let lines: Vec<&str> = roff.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.starts_with("Belt Road "))
        .unwrap_or_else(|| panic!("no table row: {roff}"));
    let nf = lines[..row].iter().rposition(|l| *l == ".nf").unwrap();
    let fi = lines[..row].iter().rposition(|l| *l == ".fi");
    assert!(fi.is_none_or(|fi| fi < nf), "the row is inside .nf … .fi");
    assert!(
        lines[row + 1].starts_with("\"Belt and Road\""),
        "{}",
        lines[row + 1]
    );

    // As man shows it, where man is installed: the columns line up.
    let page = ws.path().join("treatysearch-query.1");
    std::fs::write(&page, &roff).unwrap();
    let shown = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .stdin(Stdio::null())
        .output();
    let Some(shown) = shown.ok().filter(|o| o.status.success()) else {
        eprintln!("man is not installed here: the rendered table is not checked");
        return;
    };
    let text = String::from_utf8_lossy(&shown.stdout);
    let column = |start: &str, word: &str| {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line {start}: {text}"));
        line.find(word).unwrap()
    };
    assert_eq!(
        column("Belt Road", "every word"),
        column("\"Belt and Road\"", "exact phrase"),
        "{text}"
    );
}
