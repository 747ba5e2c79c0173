//! Faults: an `index` killed at any moment, concurrent runs, stale and live locks. The index
//! is checked from the inside (every stored clause) after each fault, not only through queries.

use std::collections::BTreeMap;
use std::process::Stdio;
use std::thread::sleep;
use std::time::{Duration, Instant};

use tantivy::schema::Value;
use tantivy::{TantivyDocument, collector::DocSetCollector, query::AllQuery};
use treatysearch::analyze::Analyzers;
use treatysearch::index::ClauseIndex;

use crate::util::Workspace;

/// Documents of the generated corpus and paragraphs per document: big enough that an update
/// takes a second or two in a debug build (reading, parsing, indexing, committing, merging).
const DOCS: usize = 200;
const PARAGRAPHS: usize = 100;

/// Whether document `d` exists at version `v` (0 or 1): some exist only in one of them.
fn exists(d: usize, v: usize) -> bool {
    !matches!((d % 10, v), (0, 1) | (1, 0))
}

/// Clauses of document `d` at version `v`: versions differ in length, so that a document
/// half old and half new, or duplicated, shows in the count.
fn clauses(d: usize, v: usize) -> usize {
    PARAGRAPHS + v * (1 + d % 3)
}

/// Writes version `v` of the corpus (documents of the other version that do not exist in
/// this one are deleted).
fn write_version(ws: &Workspace, v: usize) {
    for d in 0..DOCS {
        let path = ws.corpus().join(format!("doc{d:03}.txt"));
        if !exists(d, v) {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        let mut text = format!("Joint Statement number {d}\n\n");
        for k in 0..clauses(d, v) {
            text.push_str(&format!(
                "{}. The parties (marker v{v}d{d}) agree to deepen cooperation in trade, \
                 energy and culture, and to hold consultations number {k} every year.\n\n",
                k + 1
            ));
        }
        std::fs::write(path, text).unwrap();
    }
}

/// The version of each document in the index, checked to be whole: every clause of the
/// document carries the same version and there are exactly as many as that version has.
fn versions_in_index(ws: &Workspace) -> BTreeMap<usize, usize> {
    let analyzers = Analyzers::for_corpus(&ws.corpus()).unwrap();
    let index = match ClauseIndex::open(&ws.index(), &analyzers).expect("index opens") {
        Ok(index) => index,
        Err(_) => panic!("index is from another version"),
    };
    let searcher = index.reader().unwrap().searcher();
    let addresses = searcher.search(&AllQuery, &DocSetCollector).unwrap();
    let mut seen: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for address in &addresses {
        let doc: TantivyDocument = searcher.doc(*address).unwrap();
        let text = doc
            .get_first(index.fields.text)
            .and_then(|v| v.as_str())
            .unwrap()
            .to_string();
        let id = doc
            .get_first(index.fields.doc_id)
            .and_then(|v| v.as_str())
            .unwrap()
            .to_string();
        let d: usize = id.trim_start_matches("doc").parse().unwrap();
        if let Some(at) = text.find("(marker v") {
            let v = text[at + 9..at + 10].parse().unwrap();
            seen.entry(d).or_default().push(v);
        } else {
            seen.entry(d).or_default();
        }
    }
    let mut versions = BTreeMap::new();
    for (d, marks) in seen {
        let v = marks[0];
        assert!(
            marks.iter().all(|&m| m == v),
            "doc{d:03} is half old, half new"
        );
        // The title line is a clause too.
        assert_eq!(
            marks.len(),
            clauses(d, v),
            "doc{d:03} has {} clauses of version {v} (duplicated or partial)",
            marks.len()
        );
        versions.insert(d, v);
    }
    assert_eq!(
        index.stamp.clauses,
        addresses.len(),
        "the commit record and the index disagree: {:?}; documents found: {:?}",
        index.stamp,
        versions
    );
    versions
}

/// Asserts that every document is wholly at version `old` or `new` (or absent where that
/// version has no such document); returns how many are at `new`.
fn assert_each_old_or_new(ws: &Workspace, old: usize, new: usize) -> usize {
    let versions = versions_in_index(ws);
    for d in 0..DOCS {
        match versions.get(&d) {
            Some(&v) => assert!(
                (v == old && exists(d, old)) || (v == new && exists(d, new)),
                "doc{d:03} at version {v}"
            ),
            None => assert!(
                !exists(d, old) || !exists(d, new),
                "doc{d:03} lost: it exists at both versions"
            ),
        }
    }
    versions.values().filter(|&&v| v == new).count()
}

#[test]
fn index_killed_at_30_moments_leaves_each_document_old_or_new_and_the_next_run_finishes() {
    let ws = Workspace::empty();
    write_version(&ws, 0);
    ws.run(&["index", "--quiet"]).expect_code(0);
    assert_each_old_or_new(&ws, 0, 0);

    // How long an update from one version to the other takes, unkilled.
    write_version(&ws, 1);
    let started = Instant::now();
    ws.run(&["index", "--quiet"]).expect_code(0);
    let full = started.elapsed();
    assert_each_old_or_new(&ws, 1, 1);

    const KILLS: usize = 30;
    let (mut killed_before_commit, mut killed_after_commit) = (0, 0);
    let mut version = 1;
    for i in 0..KILLS {
        let (old, new) = (version, 1 - version);
        write_version(&ws, new);
        // Moments spread over the whole run, and a little beyond its usual end.
        let moment = full.mul_f64((i as f64 + 0.5) / KILLS as f64 * 1.2);
        let mut child = ws
            .command(&["index", "--quiet"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        sleep(moment);
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();

        let at_new = assert_each_old_or_new(&ws, old, new);
        if at_new == 0 {
            killed_before_commit += 1;
        } else {
            killed_after_commit += 1;
        }
        // A query answers after any kill (and finishes the job); so does the next `index`.
        if i % 2 == 0 {
            let run = ws.run(&["query", "consultations"]).expect_code(0);
            assert!(run.stdout.contains(&format!("v{new}d")), "{}", run.stdout);
        } else {
            ws.run(&["index", "--quiet"]).expect_code(0);
        }
        let versions = versions_in_index(&ws);
        assert!(versions.values().all(|&v| v == new), "update not finished");
        assert_eq!(
            versions.len(),
            (0..DOCS).filter(|&d| exists(d, new)).count()
        );
        version = new;
    }
    eprintln!(
        "{KILLS} kills over a {:.2} s update: {killed_before_commit} before its commit, \
         {killed_after_commit} after",
        full.as_secs_f64()
    );
    assert!(
        killed_before_commit > 0,
        "no kill landed before the commit: the corpus is too small to test anything"
    );
}

#[test]
fn rebuild_killed_half_way_leaves_the_old_index_answering() {
    let ws = Workspace::empty();
    write_version(&ws, 0);
    let started = Instant::now();
    ws.run(&["index", "--quiet"]).expect_code(0);
    let full = started.elapsed();
    let mut child = ws
        .command(&["index", "--rebuild", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    sleep(full / 3);
    let _ = child.kill();
    child.wait().unwrap();
    let old_docs = (0..DOCS).filter(|&d| exists(d, 0)).count();
    assert_eq!(assert_each_old_or_new(&ws, 0, 0), old_docs);
    ws.run(&["query", "consultations"]).expect_code(0);
}

#[test]
fn a_lock_left_by_a_killed_index_is_taken_over_without_a_word() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    // What a killed run leaves: lock files naming a process that no longer holds them.
    ws.write(
        "index/.treatysearch-writer.lock",
        r#"{"pid":4194303,"command":"treatysearch index","since":1}"#,
    );
    ws.write("index/.tantivy-writer.lock", "");
    ws.write(
        "corpus/new.txt",
        "The parties welcome the new Silk Road fund.\n",
    );
    let run = ws.run(&["index"]).expect_code(0);
    assert!(!run.stderr.contains("waiting"), "{}", run.stderr);
    assert!(run.stdout.contains("1 added"), "{}", run.stdout);
}

/// Spawns an `index` of a corpus big enough to run for a while, and waits until it holds the
/// writer lock.
fn spawn_long_index(ws: &Workspace) -> std::process::Child {
    let child = ws
        .command(&["index", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while treatysearch::index::lock::WriterLock::holder(&ws.index()).is_none() {
        assert!(Instant::now() < deadline, "index never took the lock");
        sleep(Duration::from_millis(5));
    }
    child
}

#[test]
fn a_second_index_waits_for_the_first_naming_it_or_refuses_with_no_wait() {
    let ws = Workspace::empty();
    write_version(&ws, 0);
    ws.run(&["index", "--quiet"]).expect_code(0);
    write_version(&ws, 1);
    let first = spawn_long_index(&ws);
    let pid = first.id();

    let refused = ws.run(&["index", "--no-wait"]).expect_code(2);
    assert!(
        refused
            .stderr
            .contains(&format!("being updated by process {pid}")),
        "pid {pid}: {}",
        refused.stderr
    );
    let second = ws.run(&["index"]).expect_code(0);
    assert!(
        second.stderr.contains(&format!(
            "waiting for process {pid} (`treatysearch index --quiet`"
        )),
        "{}",
        second.stderr
    );
    Workspace::finish(first).expect_code(0);
    // The second found the first's work done.
    assert!(
        second.stdout.contains("0 added, 0 updated"),
        "{}",
        second.stdout
    );
    assert_each_old_or_new(&ws, 1, 1);
}

#[test]
fn query_during_an_index_answers_from_the_last_commit_without_waiting() {
    let ws = Workspace::empty();
    write_version(&ws, 0);
    ws.run(&["index", "--quiet"]).expect_code(0);
    write_version(&ws, 1);
    let indexer = spawn_long_index(&ws);
    let mut answered_old = 0;
    while WriterLockHeld::now(&ws) {
        let run = ws.run(&["query", "--json", "--limit", "1", "marker"]);
        if !WriterLockHeld::now(&ws) {
            break;
        }
        let run = run.expect_code(0);
        if run.stderr.contains("is updating the index") {
            // The last commit: the old version, or the new one whole when the indexer has
            // committed but not yet released its lock (the note names the holder, not the
            // state read). Never a mix.
            let (old, new) = (run.stdout.contains("v0d"), run.stdout.contains("v1d"));
            assert!(old != new, "{}", run.stdout);
            answered_old += usize::from(old);
        } else {
            // The indexer has committed and is tidying up: the new version, whole.
            assert!(run.stdout.contains("v1d"), "{}\n{}", run.stdout, run.stderr);
        }
    }
    Workspace::finish(indexer).expect_code(0);
    assert!(answered_old > 0, "the index finished before any query ran");
    let run = ws.run(&["query", "marker"]).expect_code(0);
    assert!(run.stdout.contains("v1d") && !run.stdout.contains("v0d"));
}

struct WriterLockHeld;

impl WriterLockHeld {
    fn now(ws: &Workspace) -> bool {
        treatysearch::index::lock::WriterLock::holder(&ws.index()).is_some()
    }
}

/// Runs the shell `script` in a private mount namespace (so that it may mount a small or a
/// read-only file system over a folder of the workspace), with `$BIN` the binary; `None`, and
/// a message, where the system does not allow that (not root, no namespaces).
fn in_mount_namespace(ws: &Workspace, script: &str) -> Option<std::process::Output> {
    let allowed = std::process::Command::new("unshare")
        .args(["-m", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !allowed {
        eprintln!("skipped: `unshare -m` is not allowed here (needs root and mount namespaces)");
        return None;
    }
    let output = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .current_dir(ws.path())
        .env("BIN", env!("CARGO_BIN_EXE_treatysearch"))
        .env_remove("TREATYSEARCH_CORPUS")
        .env_remove("TREATYSEARCH_INDEX")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(output)
}

fn read(ws: &Workspace, name: &str) -> String {
    std::fs::read_to_string(ws.path().join(name)).unwrap_or_default()
}

#[test]
fn a_full_disk_is_one_clear_error_and_the_last_index_still_answers() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    ws.write(
        "corpus/new.txt",
        "The parties agree to build a Silk Road data centre.\n".repeat(400),
    );
    let script = r#"
        set -e
        mkdir small
        mount -t tmpfs -o size=8m tmpfs small
        cp -r index small/index
        dd if=/dev/zero of=small/filler bs=64k 2>/dev/null || true
        "$BIN" --index small/index index >out1 2>err1 || echo $? >code1
        "$BIN" --index small/index query "Belt and Road" >out2 2>err2 || echo $? >code2
        rm small/filler
        "$BIN" --index small/index index >out3 2>err3 || echo $? >code3
        "$BIN" --index small/index query "data centre" >out4 2>err4 || echo $? >code4
    "#;
    if in_mount_namespace(&ws, script).is_none() {
        return;
    }
    let err1 = read(&ws, "err1");
    assert_eq!(read(&ws, "code1").trim(), "2", "{err1}");
    assert_eq!(err1.lines().count(), 1, "{err1}");
    assert!(err1.contains("No space left on device"), "{err1}");
    // The last complete index answers, and the query says it could not be brought up to date.
    let (out2, err2) = (read(&ws, "out2"), read(&ws, "err2"));
    assert_eq!(read(&ws, "code2").trim(), "2", "{err2}");
    assert_eq!(out2.matches("art. ").count(), 3, "{out2}");
    assert!(
        err2.contains("answering from the index as last completed"),
        "{err2}"
    );
    // Once there is room, the next run finishes the job.
    assert_eq!(read(&ws, "code3"), "", "{}", read(&ws, "err3"));
    assert_eq!(read(&ws, "code4"), "", "{}", read(&ws, "err4"));
    assert!(read(&ws, "out4").contains("new.txt"));
}

#[test]
fn a_read_only_index_answers_and_index_says_why_it_cannot_update() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    let script = r#"
        set -e
        mount --bind index index
        mount -o remount,bind,ro index
        "$BIN" query "Belt and Road" >out1 2>err1 || echo $? >code1
        echo "The parties agree to open a Silk Road museum." > corpus/new.txt
        "$BIN" index >out2 2>err2 || echo $? >code2
        "$BIN" query "Belt and Road" >out3 2>err3 || echo $? >code3
    "#;
    if in_mount_namespace(&ws, script).is_none() {
        return;
    }
    // Up to date: a read-only index answers as any other.
    assert_eq!(read(&ws, "code1"), "", "{}", read(&ws, "err1"));
    assert_eq!(read(&ws, "out1").matches("art. ").count(), 3);
    let err2 = read(&ws, "err2");
    assert_eq!(read(&ws, "code2").trim(), "2", "{err2}");
    assert_eq!(err2.lines().count(), 1, "{err2}");
    assert!(err2.contains("Read-only file system"), "{err2}");
    let err3 = read(&ws, "err3");
    assert_eq!(read(&ws, "code3").trim(), "2", "{err3}");
    assert_eq!(read(&ws, "out3").matches("art. ").count(), 3);
    assert!(err3.contains("Read-only file system"), "{err3}");
}

#[test]
fn query_during_a_first_build_waits_for_it_rather_than_answer_from_nothing() {
    let ws = Workspace::empty();
    write_version(&ws, 0);
    let indexer = spawn_long_index(&ws);
    let run = ws.run(&["query", "--limit", "1", "marker"]).expect_code(0);
    assert!(
        run.stderr
            .contains(&format!("waiting for process {}", indexer.id())),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("v0d"), "{}", run.stdout);
    Workspace::finish(indexer).expect_code(0);
}
