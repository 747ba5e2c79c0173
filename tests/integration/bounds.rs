//! Reads that must end: special files (named pipes, devices, `/proc`) are never opened,
//! symbolic links are followed only with `--follow`, every read has a cap, and memory stays
//! bounded whatever the shape of a file. Each run has a deadline: a hang fails the test
//! instead of stalling the suite.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::util::{Run, Workspace};

/// Runs `treatysearch ARGS` with `env`, killing it (and failing) after `secs` seconds.
fn run_within(ws: &Workspace, args: &[&str], env: &[(&str, &str)], secs: u64) -> Run {
    let mut cmd = ws.command(args);
    cmd.env_remove("TREATYSEARCH_FOLLOW");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run treatysearch");
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if child.try_wait().expect("wait").is_some() {
            return Workspace::finish(child);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let run = Workspace::finish(child);
            panic!(
                "`treatysearch {}` still running after {secs} s\n--- stderr\n{}",
                args.join(" "),
                run.stderr
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn go(ws: &Workspace, args: &[&str]) -> Run {
    run_within(ws, args, &[], 60)
}

fn mkfifo(path: &Path) -> bool {
    let made = Command::new("mkfifo").arg(path).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo failed");
        return false;
    }
    true
}

fn assert_says(run: &Run, what: &[&str]) {
    for w in what {
        assert!(run.stderr.contains(w), "{w:?} not in\n{}", run.stderr);
    }
}

#[test]
fn a_named_pipe_as_a_sidecar_is_refused_and_the_rest_indexed() {
    let ws = Workspace::with_seeds();
    ws.write(
        "corpus/x.txt",
        "The parties welcome the Okavango initiative.\n",
    );
    ws.write(
        "corpus/y.txt",
        "The parties welcome the Limpopo initiative.\n",
    );
    if !mkfifo(&ws.corpus().join("x.meta")) {
        return;
    }
    let index = go(&ws, &["index"]).expect_code(2);
    assert_says(
        &index,
        &["x.meta: a named pipe: not read", "skipped corpus/x.txt"],
    );
    assert!(index.stdout.contains("3 added"), "{}", index.stdout);
    let query = go(&ws, &["query", "Limpopo"]).expect_code(0);
    assert!(query.stdout.contains("y.txt"), "{}", query.stdout);
}

#[test]
fn a_named_pipe_as_the_user_dictionary_is_an_error_for_every_command_not_a_hang() {
    let ws = Workspace::with_seeds();
    if !mkfifo(&ws.corpus().join("userdict.dict")) {
        return;
    }
    for args in [&["index"][..], &["query", "一带一路"], &["list"]] {
        let run = go(&ws, args).expect_code(2);
        assert_says(&run, &["userdict.dict: a named pipe: not read"]);
    }
}

#[test]
fn a_named_pipe_or_a_device_as_a_glossary_is_an_error_not_a_hang() {
    let ws = Workspace::with_seeds();
    let fifo = ws.path().join("terms.tsv");
    if !mkfifo(&fifo) {
        return;
    }
    let fifo = fifo.to_string_lossy().into_owned();
    for (glossary, why) in [
        (fifo.as_str(), "a named pipe: not read"),
        ("/dev/zero", "a character device: not read"),
    ] {
        let run = go(&ws, &["query", "-x", "--glossary", glossary, "sovereignty"]).expect_code(2);
        assert_says(&run, &["cannot read the glossary", why]);
    }
    symlink("/dev/zero", ws.corpus().join("glossary.tsv")).unwrap();
    let run = go(&ws, &["query", "-x", "sovereignty"]).expect_code(2);
    assert_says(&run, &["glossary.tsv: a character device: not read"]);
    fs::remove_file(ws.corpus().join("glossary.tsv")).unwrap();
    if mkfifo(&ws.corpus().join("glossary.tsv")) {
        let run = go(
            &ws,
            &["similar", "--cross-lingual", "--text", "sovereignty"],
        );
        assert_says(&run, &["glossary.tsv: a named pipe: not read"]);
    }
}

#[test]
fn links_to_system_files_and_devices_are_never_read_even_with_follow() {
    let ws = Workspace::with_seeds();
    let c = ws.corpus();
    ws.write(
        "corpus/z.txt",
        "The parties welcome the Zambezi initiative.\n",
    );
    for (link, target) in [
        ("kmsg.txt", "/proc/kmsg"),
        ("status.txt", "/proc/self/status"),
        ("zero.txt", "/dev/zero"),
        ("z.meta", "/dev/zero"),
        ("devices", "/sys/devices"),
    ] {
        symlink(target, c.join(link)).unwrap();
    }
    let plain = go(&ws, &["index"]).expect_code(0);
    assert_says(
        &plain,
        &["note: 5 symbolic links in the corpus not followed"],
    );
    let followed = go(&ws, &["--follow", "index", "--rebuild"]).expect_code(2);
    for link in ["kmsg.txt", "status.txt", "zero.txt", "z.meta", "devices"] {
        assert!(
            followed
                .stderr
                .lines()
                .any(|l| l.contains(link) && l.contains("a folder of system files: not followed")),
            "{link}: {}",
            followed.stderr
        );
    }
    // The document whose sidecar is a device is skipped, naming it; the rest answers.
    assert_says(
        &followed,
        &[
            "skipped corpus/z.txt: its .meta sidecar",
            "z.meta: a character device: not read",
        ],
    );
    let found = go(&ws, &["--follow", "query", "Belt and Road"]).expect_code(0);
    assert!(found.stdout.contains("art. "), "{}", found.stdout);

    // Named on the command line, or as the user dictionary, they are refused too.
    let parse = go(&ws, &["parse", "/proc/self/status"]).expect_code(2);
    assert_says(&parse, &["in /proc, a folder of system files: not read"]);
    let corpus = go(&ws, &["--corpus", "/proc/self", "index"]).expect_code(2);
    assert_says(&corpus, &["corpus /proc/self is in /proc"]);
    symlink("/dev/zero", c.join("userdict.dict")).unwrap();
    let dict = go(&ws, &["query", "Zambezi"]).expect_code(2);
    assert_says(&dict, &["userdict.dict: a character device: not read"]);
}

#[test]
fn links_out_of_the_corpus_are_followed_only_when_asked() {
    let ws = Workspace::empty();
    ws.write("outside/secret.txt", "The vault code is Kestrelwing.\n");
    ws.write("outside/shelf/book.txt", "A shelf about Marabou storks.\n");
    ws.write(
        "corpus/own.txt",
        "The parties welcome the Zambezi initiative.\n",
    );
    let c = ws.corpus();
    symlink(ws.path().join("outside/secret.txt"), c.join("secret.txt")).unwrap();
    symlink(ws.path().join("outside/shelf"), c.join("shelf")).unwrap();
    // A link to a document of the corpus: that document is indexed once, by its own name.
    symlink("own.txt", c.join("alias.txt")).unwrap();
    // A loop, which --follow must list once.
    fs::create_dir(c.join("sub")).unwrap();
    symlink("..", c.join("sub/up")).unwrap();

    let index = go(&ws, &["index"]).expect_code(0);
    assert!(index.stdout.contains("1 added"), "{}", index.stdout);
    assert_says(
        &index,
        &["note: 4 symbolic links in the corpus not followed"],
    );
    assert!(!index.stderr.contains("warning"), "{}", index.stderr);
    go(&ws, &["query", "Kestrelwing"]).expect_code(1);
    let own = go(&ws, &["query", "Zambezi"]).expect_code(0);
    assert!(!own.stdout.contains("alias.txt"), "{}", own.stdout);

    let follow = go(&ws, &["--follow", "index"]).expect_code(0);
    assert!(follow.stdout.contains("3 added"), "{}", follow.stdout);
    let secret = go(&ws, &["query", "--follow", "Kestrelwing"]).expect_code(0);
    assert!(secret.stdout.contains("secret.txt"), "{}", secret.stdout);
    let env = run_within(
        &ws,
        &["query", "Marabou"],
        &[("TREATYSEARCH_FOLLOW", "1")],
        60,
    )
    .expect_code(0);
    assert!(env.stdout.contains("shelf/book.txt"), "{}", env.stdout);
    // Without the flag again, what the links pointed to leaves the index.
    go(&ws, &["index"]).expect_code(0);
    go(&ws, &["query", "Kestrelwing"]).expect_code(1);
}

#[test]
fn an_oversized_sidecar_is_refused_naming_the_cap() {
    let ws = Workspace::with_seeds();
    ws.write(
        "corpus/x.txt",
        "The parties welcome the Okavango initiative.\n",
    );
    ws.write("corpus/x.meta", "title: x\n".repeat(10_000));
    let run = go(&ws, &["index"]).expect_code(2);
    assert_says(&run, &["x.meta: 87.9 KB, over the 64 KB limit: not read"]);
}

#[test]
fn lone_carriage_returns_break_lines_as_line_feeds_do() {
    let ws = Workspace::empty();
    let text = "Agreement on Rivers\r\rArticle 1\rThe parties protect the Zambezi.\r\
                Article 2\rThe parties share the Limpopo.\r";
    ws.write("corpus/mac.txt", text);
    let parsed = go(&ws, &["parse", "corpus/mac.txt", "--json"]).expect_code(0);
    let doc = &parsed.json_lines()[0]["data"];
    assert_eq!(doc["title"], "Agreement on Rivers");
    assert_eq!(doc["articles"].as_array().unwrap().len(), 2, "{doc}");
    for clause in doc["clauses"].as_array().unwrap() {
        let [start, end] = [0, 1].map(|i| clause["span"][i].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], clause["text"], "{clause}");
    }
    let hit = go(&ws, &["query", "Limpopo", "--json"]).expect_code(0);
    let hit = &hit.json_lines()[0]["data"];
    assert_eq!(hit["line"], 6, "{hit}");
    assert_eq!(hit["article"]["number"], "2", "{hit}");
}

/// Peak resident memory of `treatysearch ARGS` in KB, with GNU time; `None` without it.
fn peak_kb(ws: &Workspace, args: &[&str]) -> Option<u64> {
    if !Path::new("/usr/bin/time").exists() {
        eprintln!("skipped the memory check: no /usr/bin/time");
        return None;
    }
    let output = Command::new("/usr/bin/time")
        .args(["-f", "peak %M"])
        .arg(env!("CARGO_BIN_EXE_treatysearch"))
        .args(args)
        .current_dir(ws.path())
        .env_remove("TREATYSEARCH_CORPUS")
        .env_remove("TREATYSEARCH_INDEX")
        .env_remove("TREATYSEARCH_FOLLOW")
        .output()
        .expect("run /usr/bin/time");
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("peak ")?.trim().parse().ok())
}

#[test]
fn a_file_of_two_hundred_thousand_one_line_items_is_indexed_in_bounded_memory_losing_none() {
    let ws = Workspace::empty();
    let n = 200_000;
    let text: String = (1..=n).map(|i| format!("{i}、w{i}\n")).collect();
    ws.write("corpus/items.txt", &text);
    if let Some(kb) = peak_kb(&ws, &["index"]) {
        // It peaked at 640 MB (1.8 KB per item) before clauses were bounded.
        assert!(kb < 300_000, "peak {kb} KB");
    } else {
        go(&ws, &["index"]);
    }
    let index = go(&ws, &["index"]).expect_code(2);
    assert_says(&index, &["200000 paragraphs, over the limit of 100000"]);
    for i in [1, 77_777, n] {
        let hit = go(&ws, &["query", &format!("w{i}"), "--json"]).expect_code(0);
        let lines = hit.json_lines();
        assert_eq!(lines[0]["type"], "hit", "w{i}: {}", hit.stdout);
        let data = &lines[0]["data"];
        let start = data["line"].as_u64().unwrap();
        let clause = data["text"].as_str().unwrap();
        // The hit's clause holds the item, starting on its line or a few lines above.
        let offset = clause
            .lines()
            .position(|l| l == format!("{i}、w{i}"))
            .unwrap_or_else(|| panic!("w{i} not in {clause:?}"));
        assert_eq!(start + offset as u64, i as u64, "w{i}: {data}");
    }
}
