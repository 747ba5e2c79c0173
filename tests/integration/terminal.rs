//! What reaches the user's terminal and files from untrusted input: control characters in
//! documents and file names, paths that are not UTF-8, absurd numbers, an `--svg` file that
//! already exists, a document reference that could name several files.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;

use crate::util::{Run, SEED_2023, Workspace};

/// A statement whose title, text and file name carry escape sequences: an OSC that retitles
/// the terminal, one that writes the clipboard, a screen clear, BEL, a C1 CSI, a bidi override.
const EVIL: &str = "Joint Statement \x1b]0;PWNED\x07on Cooperation\x1b[2J\n\n\
    Article 1\n\nBoth sides agree on \x1b]52;c;ZXZpbA==\x07 cooperation and \u{9b}31m friendship \u{202e}desrever.\n\n\
    Article 2\n\nBoth sides agree on cooperation again\r and more.\n";
const EVIL_NAME: &str = "corpus/evil\nname\x1b[31m.txt";

/// True when `s` holds a control character other than newline, tab and the colour codes
/// (`ESC [ digits ; … m`) that the printers themselves write.
fn has_raw_control(s: &str) -> Option<String> {
    for (i, c) in s.char_indices() {
        if c == '\x1b' {
            let rest = &s[i + 1..];
            let sgr = rest.strip_prefix('[').is_some_and(|r| {
                let end = r.find(|c: char| !c.is_ascii_digit() && c != ';');
                end.is_some_and(|e| r[e..].starts_with('m'))
            });
            if !sgr {
                return Some(format!(
                    "ESC at byte {i}: {:?}",
                    &s[i..(i + 12).min(s.len())]
                ));
            }
        } else if (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            return Some(format!("{c:?} at byte {i}"));
        }
    }
    None
}

fn assert_clean(what: &str, run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if let Some(found) = has_raw_control(text) {
            panic!("{what}: raw control character on {stream}: {found}\n--- {stream}\n{text}");
        }
    }
}

#[test]
fn control_characters_from_documents_and_file_names_never_reach_the_terminal_raw() {
    let ws = Workspace::with_seeds();
    ws.write(EVIL_NAME, EVIL);
    ws.run(&["index"]).expect_code(0);
    let commands: [&[&str]; 9] = [
        &["query", "cooperation", "--color", "always"],
        &["query", "cooperation", "--color", "never"],
        &["list"],
        &["show", "evil"],
        &["stats"],
        &["timeline", "cooperation", "--color", "always"],
        &[
            "similar",
            "--text",
            "agree on cooperation",
            "--color",
            "always",
        ],
        &["compare", "evil:1", "evil:2", "--color", "always"],
        &["compare", "evil:1", "evil:2", "--color", "never"],
    ];
    for args in commands {
        let run = ws.run(args);
        assert!(run.code == 0, "{args:?} failed\n{}", run.stderr);
        assert_clean(&format!("{args:?}"), &run);
    }
    let parse = ws.run(&["parse", EVIL_NAME]).expect_code(0);
    assert_clean("parse", &parse);
    assert!(
        parse.stdout.contains(r"\x1b]0;PWNED\x07") && parse.stdout.contains(r"evil\nname\x1b[31m"),
        "escapes are shown, not dropped:\n{}",
        parse.stdout
    );
    // The printers' own colours still work.
    let coloured = ws.run(&["query", "cooperation", "--color", "always"]);
    assert!(
        coloured.stdout.contains("\x1b[1;31m"),
        "{}",
        coloured.stdout
    );
}

#[test]
fn json_keeps_the_text_exact() {
    let ws = Workspace::empty();
    ws.write("corpus/evil.txt", EVIL);
    let run = ws.run(&["query", "friendship", "--json"]).expect_code(0);
    let lines = run.json_lines();
    let text = lines[0]["data"]["text"].as_str().expect("text");
    assert!(
        text.contains("\x1b]52;c;ZXZpbA==\x07") && text.contains('\u{202e}'),
        "{text:?}"
    );
}

#[test]
fn a_warning_about_a_file_name_with_control_characters_is_one_escaped_line() {
    let ws = Workspace::with_seeds();
    ws.write(
        "corpus/bad\nname\x1b]0;x\x07.txt",
        b"text\x00with a NUL byte",
    );
    let run = ws.run(&["index"]).expect_code(2);
    assert_clean("index", &run);
    let warning: Vec<&str> = run.stderr.lines().filter(|l| l.contains("bad")).collect();
    assert_eq!(warning.len(), 1, "{}", run.stderr);
    assert!(
        warning[0].contains(r"bad\nname\x1b]0;x\x07.txt"),
        "{}",
        run.stderr
    );
}

#[test]
fn paths_that_are_not_utf8_work_as_arguments() {
    let ws = Workspace::with_seeds();
    let corpus = ws.path().join(OsStr::from_bytes(b"corp_\xe9t\xe9"));
    fs::rename(ws.corpus(), &corpus).unwrap();
    let index = ws.path().join(OsStr::from_bytes(b"idx_\xff"));
    let run = |args: &[&OsStr]| {
        let mut cmd = ws.command(&[]);
        cmd.arg("--corpus").arg(&corpus).arg("--index").arg(&index);
        cmd.args(args);
        Run::from_output(cmd.output().unwrap())
    };
    let os = |s: &str| OsStr::new(s).to_owned();
    run(&[&os("index")]).expect_code(0);
    let found = run(&[&os("query"), &os("Belarus")]).expect_code(0);
    assert!(found.stdout.contains(SEED_2023), "{}", found.stdout);
    assert!(!found.stderr.contains("internal error"), "{}", found.stderr);
    let file = corpus.join(format!("{SEED_2023}.txt"));
    run(&[&os("parse"), file.as_os_str()]).expect_code(0);
    let glossary = ws.path().join(OsStr::from_bytes(b"gloss_\xe9.tsv"));
    fs::write(&glossary, "合作\tcooperation\n").unwrap();
    run(&[
        &os("query"),
        &os("-x"),
        &os("--glossary"),
        glossary.as_os_str(),
        &os("合作"),
    ])
    .expect_code(0);
}

#[test]
fn absurd_limits_and_offsets_are_clamped_to_what_exists() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    for limit in ["10000000000000", "18446744073709551615"] {
        let run = ws
            .run(&["query", "Belarus", "--limit", limit])
            .expect_code(0);
        assert!(
            run.stdout.contains("hits (") || run.stdout.contains("hit ("),
            "{}",
            run.stdout
        );
        assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
    }
    let run = ws
        .run(&[
            "query",
            "Belarus",
            "--offset",
            "18446744073709551615",
            "--limit",
            "18446744073709551615",
        ])
        .expect_code(0);
    assert!(
        run.stdout
            .contains("hits; none shown from rank 18446744073709551615 ("),
        "{}",
        run.stdout
    );
    let run = ws
        .run(&[
            "query",
            "Belarus",
            "--json",
            "--offset",
            "1000000000000000000",
        ])
        .expect_code(0);
    let summary = run.json_lines().pop().unwrap();
    assert_eq!(summary["data"]["returned"], 0);
    assert_eq!(summary["data"]["offset"], 1_000_000_000_000_000_000u64);
    let run = ws
        .run(&[
            "similar",
            "--text",
            "strategic partnership",
            "--limit",
            "18446744073709551615",
        ])
        .expect_code(0);
    assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
}

#[test]
fn timeline_svg_never_replaces_a_file_that_is_not_a_chart() {
    let ws = Workspace::with_seeds();
    ws.write("important.txt", "my notes\n");
    let important = ws.path().join("important.txt");
    symlink(&important, ws.path().join("link.svg")).unwrap();

    let run = ws
        .run(&["timeline", "Belarus", "--svg", "important.txt"])
        .expect_code(2);
    assert!(
        run.stderr.contains("not an SVG file") && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    let run = ws
        .run(&["timeline", "Belarus", "--svg", "link.svg"])
        .expect_code(2);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&important).unwrap(), "my notes\n");

    ws.run(&["timeline", "Belarus", "--svg", "chart.svg"])
        .expect_code(0);
    ws.run(&["timeline", "Belarus", "--svg", "chart.svg"])
        .expect_code(0);
    assert!(
        fs::read_to_string(ws.path().join("chart.svg"))
            .unwrap()
            .contains("<svg")
    );

    ws.run(&["timeline", "Belarus", "--svg", "important.txt", "--force"])
        .expect_code(0);
    assert!(fs::read_to_string(&important).unwrap().contains("<svg"));
    ws.run(&["timeline", "Belarus", "--svg", "/dev/null"])
        .expect_code(0);
    let leftovers: Vec<_> = fs::read_dir(ws.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_reference_that_could_name_several_files_is_an_error_listing_them() {
    let ws = Workspace::empty();
    for ext in ["txt", "md", "html"] {
        ws.write(
            &format!("corpus/a.{ext}"),
            format!("Statement {ext}\n\nArticle 1\n\nText of {ext}.\n"),
        );
    }
    ws.write(
        "corpus/sub/a.txt",
        "Sub statement\n\nArticle 1\n\nText of sub.\n",
    );
    ws.run(&["index"]).expect_code(0);
    let run = ws.run(&["show", "a"]).expect_code(2);
    for id in ["a.txt", "a.md", "a.html", "sub/a"] {
        assert!(run.stderr.contains(id), "{id} not listed: {}", run.stderr);
    }
    let run = ws.run(&["show", "a.md"]).expect_code(0);
    assert!(run.stdout.contains("Statement md"), "{}", run.stdout);
}
