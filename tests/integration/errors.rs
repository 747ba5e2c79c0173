//! Exit codes and error messages: 0 hits, 1 no hits, 2 error with one line on stderr.

use crate::util::Workspace;

fn assert_one_line_error(stderr: &str, needle: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(lines[0].starts_with("treatysearch: "), "{stderr}");
    assert!(
        lines[0].contains(needle),
        "expected {needle:?} in: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn no_hits_exits_1() {
    let ws = Workspace::with_seeds();
    let run = ws.run(&["query", "zeppelin"]).expect_code(1);
    assert!(run.stdout.contains("no hits"));
    let run = ws.run(&["query", "--json", "zeppelin"]).expect_code(1);
    assert_eq!(run.json_lines().last().unwrap()["data"]["hit_count"], 0);
}

#[test]
fn missing_corpus_folder_is_one_clear_error() {
    let ws = Workspace::empty();
    let run = ws
        .run(&["--corpus", "nowhere", "query", "Belt"])
        .expect_code(2);
    assert_one_line_error(&run.stderr, "nowhere");
    let run = ws.run(&["--corpus", "nowhere", "index"]).expect_code(2);
    assert_one_line_error(&run.stderr, "cannot read corpus folder");
}

#[test]
fn empty_or_broken_queries_are_errors() {
    let ws = Workspace::with_seeds();
    for q in ["", "   ", "-Belt", "\"unclosed"] {
        let run = ws.run(&["query", "--", q]).expect_code(2);
        assert_one_line_error(&run.stderr, "invalid query");
    }
}

#[test]
fn unreadable_index_is_one_clear_error() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    ws.write("index/meta.json", "{ this is not json");
    let run = ws.run(&["query", "Belt"]).expect_code(2);
    assert_one_line_error(&run.stderr, "index --rebuild");
    // The fix that the message names works.
    ws.run(&["index", "--rebuild"]).expect_code(0);
    ws.run(&["query", "Belt"]).expect_code(0);
}

#[test]
fn rebuild_refuses_a_folder_that_is_not_an_index() {
    let ws = Workspace::with_seeds();
    ws.write("notes/thesis.docx", "precious");
    let run = ws
        .run(&["--index", "notes", "index", "--rebuild"])
        .expect_code(2);
    assert_one_line_error(&run.stderr, "refusing");
    assert!(ws.path().join("notes/thesis.docx").exists());
}

#[test]
fn a_file_that_is_not_text_is_a_warning_and_exit_2_but_the_rest_is_indexed() {
    let ws = Workspace::with_seeds();
    ws.write("corpus/broken.txt", b"Joint statement\x00\x00\x01binary");
    let run = ws.run(&["index"]).expect_code(2);
    assert!(
        run.stderr.contains("broken.txt") && run.stderr.contains("NUL"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("2 added"), "{}", run.stdout);
    // Every later query says so in one line, and exits by its hits.
    for _ in 0..2 {
        let query = ws.run(&["query", "--json", "Belt and Road"]).expect_code(0);
        assert_eq!(
            query.stderr,
            "treatysearch: 1 file in the corpus is not indexed (`treatysearch index` lists them)\n"
        );
        assert_eq!(query.json_lines().last().unwrap()["data"]["hit_count"], 3);
    }
}

#[test]
fn parse_of_a_missing_file_is_an_error() {
    let ws = Workspace::empty();
    let run = ws.run(&["parse", "missing.txt"]).expect_code(2);
    assert_one_line_error(&run.stderr, "missing.txt");
}

#[test]
fn an_index_from_another_version_is_rebuilt_with_a_message() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    // Rewrite the manifest (the commit payload) as an older release would have left it.
    let meta_path = ws.index().join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let mut manifest: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    manifest["writer"] = "0.0.1".into();
    meta["payload"] = manifest.to_string().into();
    std::fs::write(&meta_path, meta.to_string()).unwrap();

    let run = ws.run(&["query", "Belt and Road"]).expect_code(0);
    assert!(
        run.stderr.contains("rebuilt the index") && run.stderr.contains("0.0.1"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout.matches("art. ").count(), 3, "{}", run.stdout);
}

#[test]
fn missing_segment_files_name_the_fix() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    for entry in std::fs::read_dir(ws.index()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "store") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let run = ws.run(&["query", "Belt"]).expect_code(2);
    assert_one_line_error(&run.stderr, "index --rebuild");
    ws.run(&["index", "--rebuild"]).expect_code(0);
    ws.run(&["query", "Belt"]).expect_code(0);
}

#[test]
fn damaged_index_files_give_one_line_naming_the_fix_never_a_panic() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    let pristine: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(ws.index())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    let restore = || {
        for (path, bytes) in &pristine {
            std::fs::write(path, bytes).unwrap();
        }
    };
    // Truncated meta.json; then segment files truncated, or with bytes flipped inside.
    type Damage = fn(&mut Vec<u8>);
    let damages: [(&str, Damage); 3] = [
        ("truncated", |b| b.truncate(b.len() / 2)),
        ("cut to 100 bytes", |b| b.truncate(100)),
        ("flipped", |b| {
            for i in (0..b.len().saturating_sub(64)).step_by(97) {
                b[i] ^= 0x5A;
            }
        }),
    ];
    for ext in ["json", "term", "idx", "pos", "store", "fast", "fieldnorm"] {
        for (how, damage) in &damages {
            restore();
            for (path, bytes) in &pristine {
                let name = path.file_name().unwrap().to_string_lossy();
                let hit = if ext == "json" {
                    name == "meta.json"
                } else {
                    path.extension().is_some_and(|e| e == ext)
                };
                if hit {
                    let mut damaged = bytes.clone();
                    damage(&mut damaged);
                    std::fs::write(path, damaged).unwrap();
                }
            }
            let run = ws.run(&["query", "Belt and Road"]);
            if run.code == 0 {
                // Damage that changes no answer (a flipped byte in unused data) is no error.
                continue;
            }
            assert_eq!(run.code, 2, ".{ext} {how}: {}", run.stderr);
            assert_one_line_error(&run.stderr, "index --rebuild");
            ws.run(&["index", "--rebuild"]).expect_code(0);
            ws.run(&["query", "Belt and Road"]).expect_code(0);
        }
    }
}
