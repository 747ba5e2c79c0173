//! A query checks that the index is current from the record of the last walk (folder times,
//! then each file's size and time) instead of walking the corpus: it must still see every
//! change a walk sees. And `TREATYSEARCH_TIMINGS` profiles a query.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::util::Workspace;

const EXTRA: &str = "Joint Communiqué on Zeppelin Cooperation\n\nBoth sides support zeppelin research.\n\nDone at Minsk on 2 May 2024.\n";

fn set_mtime(path: &Path, time: SystemTime) {
    fs::File::open(path)
        .and_then(|f| f.set_modified(time))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Every folder of the corpus set to one fixed time in the past: settled, so that a walk
/// records it, and put back exactly as recorded after a change.
fn settle(ws: &Workspace) {
    let hour_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    for dir in ["corpus", "corpus/treaties", "corpus/treaties/air"] {
        let path = ws.path().join(dir);
        if path.is_dir() {
            set_mtime(&path, hour_ago);
        }
    }
}

/// A corpus with a document two folders down, indexed and recorded.
fn recorded() -> Workspace {
    let ws = Workspace::with_seeds();
    ws.write("corpus/treaties/air/zeppelin.txt", EXTRA);
    ws.write(
        "corpus/treaties/air/zeppelin.meta",
        "title: Zeppelin accord\n",
    );
    settle(&ws);
    ws.run(&["index"]).expect_code(0);
    let record = fs::read_to_string(ws.index().join("corpus-folders.json")).unwrap();
    assert!(record.contains("treaties/air/zeppelin.txt"), "{record}");
    ws
}

/// The query's exit code 0 and its stderr.
fn query(ws: &Workspace, q: &str) -> String {
    let run = ws.run(&["query", "--json", q]).expect_code(0);
    run.stderr
}

#[test]
fn an_unchanged_corpus_is_not_walked_and_says_nothing() {
    let ws = recorded();
    assert_eq!(query(&ws, "zeppelin"), "");
    // The record answered: a walk would have rewritten it only if it differed, so look at
    // what the check did instead: it reports nothing and keeps the index as it is.
    let meta = fs::read(ws.index().join("meta.json")).unwrap();
    assert_eq!(query(&ws, "zeppelin"), "");
    assert_eq!(fs::read(ws.index().join("meta.json")).unwrap(), meta);
}

#[test]
fn a_file_overwritten_in_place_in_a_subfolder_is_seen() {
    let ws = recorded();
    ws.write(
        "corpus/treaties/air/zeppelin.txt",
        EXTRA.replace("zeppelin research", "dirigible research"),
    );
    // Its folders' times as they were: only the file's own time and size tell.
    settle(&ws);
    let stderr = query(&ws, "dirigible");
    assert!(stderr.contains("1 updated"), "{stderr}");
}

#[test]
fn a_sidecar_overwritten_in_place_is_seen() {
    let ws = recorded();
    ws.write(
        "corpus/treaties/air/zeppelin.meta",
        "title: Dirigible accord\n",
    );
    settle(&ws);
    let stderr = query(&ws, "zeppelin");
    assert!(stderr.contains("1 updated"), "{stderr}");
}

#[test]
fn a_file_added_or_removed_in_a_subfolder_is_seen() {
    let ws = recorded();
    ws.write(
        "corpus/treaties/air/airship.txt",
        EXTRA.replace("Zeppelin", "Airship"),
    );
    // The parent folders keep their times: the subfolder's own time tells.
    set_mtime(
        &ws.corpus(),
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
    );
    let stderr = query(&ws, "airship");
    assert!(stderr.contains("1 added"), "{stderr}");

    fs::remove_file(ws.corpus().join("treaties/air/zeppelin.txt")).unwrap();
    let run = ws.run(&["query", "--json", "zeppelin"]);
    assert!(run.stderr.contains("1 removed"), "{}", run.stderr);
}

#[test]
#[cfg(unix)]
fn a_linked_file_changed_where_it_lives_is_seen_with_follow() {
    let ws = Workspace::with_seeds();
    ws.write("elsewhere/zeppelin.txt", EXTRA);
    std::os::unix::fs::symlink(
        ws.path().join("elsewhere/zeppelin.txt"),
        ws.corpus().join("zeppelin.txt"),
    )
    .unwrap();
    settle(&ws);
    ws.run(&["index", "--follow"]).expect_code(0);
    assert!(ws.index().join("corpus-folders.json").is_file());
    ws.write(
        "elsewhere/zeppelin.txt",
        EXTRA.replace("zeppelin research", "dirigible research"),
    );
    let run = ws
        .run(&["query", "--follow", "--json", "dirigible"])
        .expect_code(0);
    assert!(run.stderr.contains("1 updated"), "{}", run.stderr);

    // Removed where it lives: the link in the corpus stays, dangling.
    fs::remove_file(ws.path().join("elsewhere/zeppelin.txt")).unwrap();
    let run = ws.run(&["query", "--follow", "--json", "dirigible"]);
    assert!(run.stderr.contains("1 removed"), "{}", run.stderr);
}

#[test]
fn a_damaged_record_costs_a_walk_not_an_answer() {
    let ws = recorded();
    fs::write(ws.index().join("corpus-folders.json"), "{\"corpus\": 3").unwrap();
    ws.write(
        "corpus/treaties/air/zeppelin.txt",
        EXTRA.replace("zeppelin research", "dirigible research"),
    );
    settle(&ws);
    let stderr = query(&ws, "dirigible");
    assert!(stderr.contains("1 updated"), "{stderr}");
}

#[test]
fn timings_show_each_stage_on_stderr_and_change_nothing_else() {
    let ws = recorded();
    let plain = ws.run(&["query", "--json", "zeppelin"]).expect_code(0);
    let timed = ws
        .run_env(
            &["query", "--json", "zeppelin"],
            &[("TREATYSEARCH_TIMINGS", "1")],
        )
        .expect_code(0);
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("elapsed_ms"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&timed.stdout), strip(&plain.stdout));
    for stage in [
        "arguments",
        "index open",
        "freshness confirmed",
        "search: reader open",
        "output",
    ] {
        assert!(
            timed
                .stderr
                .lines()
                .any(|l| l.starts_with("treatysearch: timing: ") && l.contains(stage)),
            "{stage}: {}",
            timed.stderr
        );
    }
    // Off (unset, empty or 0): not a word.
    let off = ws
        .run_env(
            &["query", "--json", "zeppelin"],
            &[("TREATYSEARCH_TIMINGS", "0")],
        )
        .expect_code(0);
    assert_eq!(off.stderr, "");
}
