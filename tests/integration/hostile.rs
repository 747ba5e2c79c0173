//! Hostile or odd corpus files: each is reported by name with its reason, everything else is
//! indexed, the run exits 2 so that scripts notice, and nothing panics.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;

use crate::util::{Run, Workspace};

/// Asserts that stderr has a warning naming `file` and holding `reason`.
fn assert_warned(run: &Run, file: &str, reason: &str) {
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("treatysearch: warning: ")
                && l.contains(file)
                && l.contains(reason)),
        "no warning for {file} ({reason}) in:\n{}",
        run.stderr
    );
}

#[test]
fn odd_files_are_each_reported_by_name_and_the_rest_is_indexed() {
    let ws = Workspace::with_seeds();
    let c = ws.corpus();
    ws.write(
        "corpus/good.txt",
        "The parties welcome the Zanzibar initiative.\n",
    );
    ws.write(
        "corpus/report.pdf",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n",
    );
    ws.write("corpus/photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    ws.write("corpus/bundle.zip", b"PK\x03\x04\x14\0\0\0\x08\0");
    ws.write(
        "corpus/disguised.txt",
        b"%PDF-1.4\nstream\nx\x9c\xed\xbd\nendstream\n",
    );
    ws.write("corpus/nul.txt", b"Joint statement\0\0\0 with NUL bytes");
    ws.write(
        "corpus/garbage.txt",
        [0x80u8, 0xFF, 0xFE, 0x81, 0x20, 0xC3, 0x28, 0xA0],
    );
    ws.write("corpus/empty.txt", "");
    ws.write("corpus/blank.md", "  \n\n\t\n");
    ws.write(
        "corpus/unclosed.md",
        "---\ntitle: Never closed\nThe parties agree on Kilimanjaro cooperation.\n",
    );
    ws.write(
        "corpus/huge-front.md",
        format!(
            "---\n{}---\nThe parties agree on Serengeti cooperation.\n",
            "key: value\n".repeat(8_000)
        ),
    );
    symlink("loop2.txt", c.join("loop1.txt")).unwrap();
    symlink("loop1.txt", c.join("loop2.txt")).unwrap();
    symlink("nowhere.txt", c.join("dangling.txt")).unwrap();
    fs::create_dir(c.join("sub")).unwrap();
    symlink("..", c.join("sub/again")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(c.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let long = format!("{}.txt", "a".repeat(250));
    ws.write(
        &format!("corpus/{long}"),
        "The parties name the Kalahari fund.\n",
    );
    let zh_long = format!("{}.txt", "联合声明".repeat(20));
    ws.write(&format!("corpus/{zh_long}"), "双方同意设立喀拉哈里基金。\n");
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(c.join(latin1), "Not a UTF-8 name.\n").unwrap();

    let run = ws.run(&["index"]).expect_code(2);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for (file, reason) in [
        ("report.pdf", "not a readable PDF"),
        ("photo.png", "an image"),
        ("bundle.zip", "an archive"),
        ("disguised.txt", "not a readable PDF"),
        ("nul.txt", "NUL bytes"),
        ("garbage.txt", "not valid UTF-8"),
        ("empty.txt", "empty file"),
        ("blank.md", "only white space"),
        ("unclosed.md", "never closed"),
        ("huge-front.md", "runs past 64 KB"),
        ("pipe.txt", "a named pipe: not read"),
        ("caf", "not valid Unicode"),
    ] {
        assert_warned(&run, file, reason);
    }
    // Links are not followed (no --follow): one note for all of them, not a warning each.
    assert!(
        run.stderr
            .contains("note: 4 symbolic links in the corpus not followed"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning: skipped corpus/loop1.txt"));
    // Skipped files say so; files indexed with a warning do not.
    assert_warned(&run, "skipped", "empty.txt");
    assert!(!run.stderr.contains("skipped corpus/unclosed.md"));
    // Seeds, the good file, the two long names and the broken front matters (read as text).
    assert!(run.stdout.contains("7 added"), "{}", run.stdout);
    for (q, file) in [
        ("Zanzibar", "good.txt"),
        ("Kilimanjaro", "unclosed.md"),
        ("Serengeti", "huge-front.md"),
        ("Kalahari", long.as_str()),
        ("喀拉哈里", zh_long.as_str()),
    ] {
        let found = ws.run(&["query", q]).expect_code(0);
        assert!(found.stdout.contains(file), "{q}: {}", found.stdout);
    }
    let belt = ws.run(&["query", "Belt and Road"]).expect_code(0);
    assert_eq!(belt.stdout.matches("art. ").count(), 3, "{}", belt.stdout);

    // The next run reports the same files again, and still exits 2.
    let again = ws.run(&["index"]).expect_code(2);
    assert_warned(&again, "unclosed.md", "never closed");
    assert_warned(&again, "report.pdf", "not a readable PDF");
    assert!(
        again.stdout.contains("0 added, 0 updated"),
        "{}",
        again.stdout
    );
}

#[test]
fn a_100_mb_file_with_no_line_break_is_refused_by_its_size_before_it_is_read() {
    let ws = Workspace::with_seeds();
    let line = "cooperation in trade and energy ".repeat(32 * 1024);
    let mut big = String::with_capacity(100 * 1024 * 1024 + line.len());
    while big.len() < 100 * 1024 * 1024 {
        big.push_str(&line);
    }
    ws.write("corpus/huge.txt", big);
    let run = ws.run(&["index"]).expect_code(2);
    assert_warned(&run, "huge.txt", "over the 64 MB limit");
    assert!(run.stdout.contains("2 added"), "{}", run.stdout);
    // The limit can be changed.
    let run = ws.run_env(
        &["index", "--rebuild"],
        &[("TREATYSEARCH_MAX_FILE_MB", "1")],
    );
    assert_warned(&run, "huge.txt", "over the 1 MB limit");
}

#[test]
fn a_long_line_becomes_clauses_of_bounded_size() {
    let ws = Workspace::with_seeds();
    let mut line = "the parties agree to cooperate in trade and energy ".repeat(40_000);
    line.push_str("Okavango");
    ws.write("corpus/oneline.txt", line);
    ws.run(&["index"]).expect_code(0);
    let run = ws.run(&["query", "--json", "Okavango"]).expect_code(0);
    let hits = run.json_lines();
    let text = hits[0]["data"]["text"].as_str().unwrap();
    assert!(
        text.len() <= 8 * 1024 && text.ends_with("Okavango"),
        "{}",
        text.len()
    );
}

#[test]
fn a_hundred_thousand_tiny_paragraphs_are_all_indexed() {
    let ws = Workspace::empty();
    let text: Vec<String> = (0..100_000).map(|i| format!("p{i}")).collect();
    ws.write("corpus/tiny.txt", text.join("\n\n"));
    let run = ws.run(&["index"]).expect_code(0);
    assert!(run.stdout.contains("100000 clauses"), "{}", run.stdout);
    let run = ws.run(&["query", "p99999"]).expect_code(0);
    assert!(run.stdout.contains("tiny.txt:199999"), "{}", run.stdout);
}

/// Runs `treatysearch ARGS` as the unprivileged user `nobody` when this test runs as root
/// (root reads any file whatever its permissions), with a copy of the binary in the workspace.
fn run_unprivileged(ws: &Workspace, args: &[&str]) -> Option<Run> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some(ws.run(args));
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: running as root without setpriv to drop privileges");
        return None;
    }
    // A copy, not a link: the permissions below must not touch the built binary.
    let bin = ws.path().join("treatysearch-bin");
    if !bin.exists() {
        fs::copy(env!("CARGO_BIN_EXE_treatysearch"), &bin).unwrap();
    }
    for entry in walk(ws.path()) {
        let mode = if entry.is_dir() { 0o777 } else { 0o666 };
        let current = fs::symlink_metadata(&entry).unwrap();
        if !current.file_type().is_symlink()
            && current.permissions().mode() & 0o777 != 0
            && entry != bin
        {
            fs::set_permissions(&entry, fs::Permissions::from_mode(mode)).unwrap();
        }
    }
    fs::set_permissions(&bin, fs::Permissions::from_mode(0o755)).unwrap();
    Some(crate::util::run_as_nobody(ws, &bin, args))
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && !path.is_symlink() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_file_and_a_folder_that_cannot_be_read_are_reported_and_the_rest_indexed() {
    let ws = Workspace::with_seeds();
    ws.write(
        "corpus/secret.txt",
        "The parties keep this Atacama clause secret.\n",
    );
    ws.write("corpus/closed/inner.txt", "Locked away.\n");
    ws.write(
        "corpus/open.txt",
        "The parties publish the Patagonia clause.\n",
    );
    let mode = |p: &str, m: u32| {
        fs::set_permissions(ws.path().join(p), fs::Permissions::from_mode(m)).unwrap()
    };
    // Everything readable by anyone first (the workspace may be root's), then the two closed.
    let Some(_) = run_unprivileged(&ws, &["--version"]) else {
        return;
    };
    mode("corpus/secret.txt", 0o000);
    mode("corpus/closed", 0o000);
    let run = run_unprivileged(&ws, &["index"]).unwrap().expect_code(2);
    assert_warned(&run, "secret.txt", "Permission denied");
    assert_warned(&run, "closed", "Permission denied");
    assert!(
        run.stdout.contains("3 added"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    let found = run_unprivileged(&ws, &["query", "Patagonia"])
        .unwrap()
        .expect_code(0);
    assert!(found.stdout.contains("open.txt"), "{}", found.stdout);
}
