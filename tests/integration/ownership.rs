//! The user's files and the index's integrity: treatysearch deletes or overwrites only files it
//! can prove it made, refuses folders that are not its own, keeps the corpus and the index
//! apart, and says when the index is damaged.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::util::{Run, Workspace};

const MARKER: &str = "treatysearch-index.json";
const LOCK: &str = ".treatysearch-writer.lock";

/// Every file under `dir` (relative path → bytes).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, fs::read(&path).unwrap_or_default());
            }
        }
    }
    out
}

/// The user's files of the issue: names that an earlier release took for its own.
const USER_FILES: [(&str, &str); 5] = [
    ("notes.txt", "my notes"),
    ("manifest.json", "{\"my\": \"manifest\"}"),
    ("manifest.old.txt", "an older one"),
    (
        "d41d8cd98f00b204e9800998ecf8427e.jpg",
        "\u{ff}\u{d8} a photo",
    ),
    ("corpus-folders.json.bak", "mine too"),
];

fn write_user_files(ws: &Workspace, folder: &str) {
    for (name, content) in USER_FILES {
        ws.write(&format!("{folder}/{name}"), content);
    }
}

fn assert_user_files_kept(ws: &Workspace, folder: &str) {
    for (name, content) in USER_FILES {
        let path = ws.path().join(folder).join(name);
        assert_eq!(
            fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            content,
            "{name}"
        );
    }
}

/// Asserts a refusal: exit 2, one line naming `folder`, never suggesting `--rebuild`.
fn assert_refused(run: Run, folder: &str) -> Run {
    let run = run.expect_code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains(folder), "{}", run.stderr);
    assert!(!run.stderr.contains("--rebuild"), "{}", run.stderr);
    run
}

#[test]
fn a_folder_of_the_users_is_refused_by_index_rebuild_and_query_and_nothing_in_it_changes() {
    let ws = Workspace::with_seeds();
    write_user_files(&ws, "mine");
    let before = snapshot(&ws.path().join("mine"));
    for args in [
        &["--index", "mine", "index"][..],
        &["--index", "mine", "index", "--rebuild"],
        &["--index", "mine", "query", "Belt and Road"],
        &["--index", "mine", "list"],
    ] {
        let run = assert_refused(ws.run(args), "mine");
        assert!(
            run.stderr.contains("choose another --index"),
            "{}",
            run.stderr
        );
        // Not a file added (no lock, no marker), changed or deleted.
        assert_eq!(snapshot(&ws.path().join("mine")), before, "{args:?}");
    }
}

#[test]
fn rebuild_refuses_a_folder_with_a_users_meta_json_and_leaves_no_lock() {
    let ws = Workspace::with_seeds();
    write_user_files(&ws, "photos");
    ws.write(
        "photos/meta.json",
        "{\"album\": \"holidays\", \"segments\": []}",
    );
    ws.write("photos/0cc175b9c0f1b6a831c399e269772661.png", "png");
    let before = snapshot(&ws.path().join("photos"));
    for args in [
        &["--index", "photos", "index", "--rebuild"][..],
        &["--index", "photos", "index"],
        &["--index", "photos", "query", "Belt"],
    ] {
        let run = assert_refused(ws.run(args), "photos");
        assert!(run.stderr.contains("meta.json"), "{}", run.stderr);
        assert_eq!(snapshot(&ws.path().join("photos")), before, "{args:?}");
    }
    assert!(!ws.path().join("photos").join(LOCK).exists());
}

#[test]
fn files_a_user_puts_in_our_index_folder_survive_updates_rebuilds_and_tantivys_clean_up() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    assert!(ws.index().join(MARKER).is_file());
    write_user_files(&ws, "index");
    // A `.managed.json` that lists them (tantivy deletes what it lists and no longer uses):
    // only segment files by tantivy's naming are ever deleted.
    let managed = ws.index().join(".managed.json");
    let mut listed: Vec<String> = serde_json::from_slice(&fs::read(&managed).unwrap()).unwrap();
    listed.extend(USER_FILES.iter().map(|(n, _)| n.to_string()));
    listed.push("../corpus/000_73d20a8071c9b808.txt".into());
    fs::write(&managed, serde_json::to_vec(&listed).unwrap()).unwrap();
    let corpus_before = snapshot(&ws.corpus());

    for i in 0..4 {
        ws.write(
            &format!("corpus/new{i}.txt"),
            format!("The parties agree on the Okavango fund number {i}.\n"),
        );
        ws.run(&["index"]).expect_code(0);
    }
    ws.run(&["index", "--rebuild"]).expect_code(0);
    ws.write("index/meta.json", "{ damaged");
    ws.run(&["index", "--rebuild"]).expect_code(0);
    assert_user_files_kept(&ws, "index");
    let run = ws.run(&["query", "Okavango"]).expect_code(0);
    assert!(run.stdout.contains("new3.txt"), "{}", run.stdout);
    let corpus_after = snapshot(&ws.corpus());
    for (name, bytes) in &corpus_before {
        assert_eq!(corpus_after.get(name), Some(bytes), "{name}");
    }
}

#[test]
fn an_index_equal_to_inside_or_around_the_corpus_is_refused_before_anything_is_touched() {
    let ws = Workspace::with_seeds();
    ws.write(
        "corpus/notes.txt",
        "The parties note the Zambezi project.\n",
    );
    ws.write("corpus/manifest.json", "{}");
    ws.write("corpus/d41d8cd98f00b204e9800998ecf8427e.jpg", "jpg");
    let before = snapshot(&ws.corpus());
    for (corpus, index, needle) in [
        ("corpus", "corpus", "is the corpus folder itself"),
        ("corpus", "corpus/", "is the corpus folder itself"),
        (
            "corpus",
            "./corpus/../corpus",
            "is the corpus folder itself",
        ),
        ("corpus", "corpus/index", "is inside the corpus"),
        ("corpus", "corpus/new/deeper", "is inside the corpus"),
        ("corpus", ".", "is inside the index folder"),
    ] {
        for command in [
            &["index"][..],
            &["index", "--rebuild"],
            &["query", "Zambezi"],
        ] {
            let mut args = vec!["--corpus", corpus, "--index", index];
            args.extend_from_slice(command);
            let run = ws.run(&args).expect_code(2);
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
            assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
            assert!(
                run.stderr.contains("--index folder outside"),
                "{}",
                run.stderr
            );
            assert!(!run.stderr.contains("--rebuild"), "{}", run.stderr);
            assert_eq!(snapshot(&ws.corpus()), before, "{args:?}");
        }
    }
    assert!(!ws.path().join(MARKER).exists());
    // Apart, the same corpus indexes (exit 2: the .jpg is reported, not indexed).
    let run = ws.run(&["index"]).expect_code(2);
    assert!(run.stdout.contains("3 added"), "{}", run.stdout);
    assert_eq!(snapshot(&ws.corpus()), before);
}

#[test]
fn an_index_of_an_earlier_release_is_adopted_when_it_holds_only_its_own_files() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    // An earlier release wrote no marker, and named the manifest after its content.
    fs::remove_file(ws.index().join(MARKER)).unwrap();
    let meta_path = ws.index().join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&fs::read(&meta_path).unwrap()).unwrap();
    let mut stamp: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    let current = stamp["manifest"].as_str().unwrap().to_string();
    let bytes = fs::read(ws.index().join(&current)).unwrap();
    let earlier = format!("manifest.{:016x}.json", xxhash_rust::xxh3::xxh3_64(&bytes));
    let earlier = earlier.as_str();
    fs::rename(ws.index().join(&current), ws.index().join(earlier)).unwrap();
    stamp["manifest"] = earlier.into();
    stamp.as_object_mut().unwrap().remove("manifest_hash");
    meta["payload"] = stamp.to_string().into();
    fs::write(&meta_path, meta.to_string()).unwrap();
    ws.run(&["query", "Belt and Road"]).expect_code(0);
    ws.write("corpus/new.txt", "The parties agree on the Limpopo fund.\n");
    let run = ws.run(&["index"]).expect_code(0);
    assert!(run.stdout.contains("1 added"), "{}", run.stdout);
    assert!(ws.index().join(MARKER).is_file(), "adopted");
    assert!(
        !ws.index().join(earlier).exists(),
        "the manifest its commit named is replaced"
    );

    // With a file that is not its own, it is left as it is.
    fs::remove_file(ws.index().join(MARKER)).unwrap();
    ws.write("index/notes.txt", "mine");
    ws.write(
        "corpus/newer.txt",
        "The parties agree on the Orange fund.\n",
    );
    let before = snapshot(&ws.index());
    for args in [&["index"][..], &["index", "--rebuild"]] {
        let run = assert_refused(ws.run(args), "index");
        assert!(run.stderr.contains("notes.txt"), "{}", run.stderr);
        assert!(
            run.stderr.contains("earlier treatysearch"),
            "{}",
            run.stderr
        );
        assert_eq!(snapshot(&ws.index()), before);
    }
}

#[test]
fn a_marker_of_a_later_format_is_refused() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    ws.write(&format!("index/{MARKER}"), "{\"format\": 7}");
    let before = snapshot(&ws.index());
    let run = assert_refused(ws.run(&["index", "--rebuild"]), "format 7");
    assert!(run.stderr.contains("index"), "{}", run.stderr);
    assert_eq!(snapshot(&ws.index()), before);
}

/// Runs the shell `script` with `$BIN` the binary, in the workspace.
fn sh(ws: &Workspace, script: &str) -> Run {
    let output = std::process::Command::new("sh")
        .args(["-c", script])
        .current_dir(ws.path())
        .env("BIN", env!("CARGO_BIN_EXE_treatysearch"))
        .env_remove("TREATYSEARCH_CORPUS")
        .env_remove("TREATYSEARCH_INDEX")
        .output()
        .unwrap();
    Run::from_output(output)
}

/// Runs `treatysearch ARGS` as the user `nobody` (through `setpriv`) when the tests run as
/// root, with a copy of the binary; the workspace and the corpus are opened to others, the
/// index is left as treatysearch made it. `None` where that cannot be done.
fn run_as_nobody(ws: &Workspace, args: &[&str]) -> Option<Run> {
    use std::os::unix::fs::PermissionsExt;
    let uid = std::process::Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        eprintln!("skipped: not root, so no second user to run as");
        return None;
    }
    if std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no setpriv to run as a second user");
        return None;
    }
    let bin = ws.path().join("treatysearch-bin");
    fs::copy(env!("CARGO_BIN_EXE_treatysearch"), &bin).unwrap();
    let open = |p: &Path, mode: u32| fs::set_permissions(p, fs::Permissions::from_mode(mode));
    open(&bin, 0o755).unwrap();
    open(ws.path(), 0o755).unwrap();
    open(&ws.corpus(), 0o755).unwrap();
    for entry in fs::read_dir(ws.corpus()).unwrap() {
        open(&entry.unwrap().path(), 0o644).unwrap();
    }
    Some(crate::util::run_as_nobody(ws, &bin, args))
}

#[test]
fn index_files_follow_the_umask_so_that_a_colleague_can_query_a_shared_index() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::with_seeds();
    sh(&ws, "umask 022; \"$BIN\" index && \"$BIN\" index --rebuild").expect_code(0);
    ws.write("corpus/new.txt", "The parties agree on the Mekong fund.\n");
    sh(&ws, "umask 022; \"$BIN\" index").expect_code(0);
    let mut seen = 0;
    for entry in fs::read_dir(ws.index()).unwrap() {
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        let name = entry.file_name().to_string_lossy().into_owned();
        assert_eq!(mode & 0o044, 0o044, "{name} is {mode:o}");
        seen += 1;
    }
    assert!(seen > 8, "{seen} files");
    // A stricter umask is respected too.
    sh(&ws, "umask 077; \"$BIN\" index --rebuild").expect_code(0);
    let meta = fs::metadata(ws.index().join("meta.json")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o077, 0);
    sh(&ws, "umask 022; \"$BIN\" index --rebuild").expect_code(0);

    let Some(run) = run_as_nobody(&ws, &["query", "Mekong"]) else {
        return;
    };
    let run = run.expect_code(0);
    assert!(run.stdout.contains("new.txt"), "{}", run.stdout);
}

#[test]
fn query_exits_by_its_hits_and_counts_the_files_not_indexed_in_one_line() {
    let ws = Workspace::with_seeds();
    ws.write("corpus/source1.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
    ws.write("corpus/source2.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n");
    ws.write("corpus/scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    // `index` names each, with its reason, and exits 2.
    let run = ws.run(&["index"]).expect_code(2);
    for name in ["source1.pdf", "source2.pdf", "scan.png"] {
        assert!(run.stderr.contains(name), "{}", run.stderr);
    }
    let line = "treatysearch: 3 files in the corpus are not indexed \
                (`treatysearch index` lists them)\n";
    for _ in 0..2 {
        let run = ws.run(&["query", "Belt and Road"]).expect_code(0);
        assert_eq!(run.stderr, line);
        let run = ws.run(&["query", "zeppelin"]).expect_code(1);
        assert_eq!(run.stderr, line);
        ws.run(&["list"]).expect_code(0);
    }
    // A query that brings the index up to date says the same.
    ws.write("corpus/new.txt", "The parties agree on the Mekong fund.\n");
    let run = ws.run(&["query", "Mekong"]).expect_code(0);
    assert!(run.stderr.contains(line), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("not indexed").count(),
        1,
        "{}",
        run.stderr
    );
    ws.run(&["index"]).expect_code(2);
}

/// Runs the shell `script` in a private mount namespace (where it may mount a small file
/// system); `None`, with a message, where that is not allowed (not root, no namespaces).
fn in_mount_namespace(ws: &Workspace, script: &str) -> Option<()> {
    let allowed = std::process::Command::new("unshare")
        .args(["-m", "true"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !allowed {
        eprintln!("skipped: `unshare -m` is not allowed here (needs root and mount namespaces)");
        return None;
    }
    let run = sh(
        ws,
        &format!("unshare -m sh -c '{}'", script.replace('\'', "'\\''")),
    );
    assert_eq!(run.code, 0, "script failed: {}", run.stderr);
    Some(())
}

#[test]
fn a_disk_filling_up_while_segments_are_written_says_so_and_blames_no_document() {
    let ws = Workspace::with_seeds();
    // 11 MB of words that neither compress nor repeat (a stand-in for a large corpus): more
    // than a 15 MB writer keeps in memory, so segments are written while documents are still
    // being handed over (with 5 MB, the disk fills only at the commit), and more than the
    // small disk holds.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for d in 0..200 {
        let mut text = format!("Agreement number {d}\n\n");
        for k in 0..400 {
            text.push_str(&format!("{}. The parties", k + 1));
            for _ in 0..14 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(&format!(" w{:x}", seed >> 40));
            }
            text.push_str(".\n\n");
        }
        ws.write(&format!("big/doc{d:03}.txt"), text);
    }
    let script = r#"
        set -e
        mkdir small
        mount -t tmpfs -o size=1m tmpfs small
        "$BIN" --index small/index index >out0 2>err0
        cp -r big corpus/big
        TREATYSEARCH_WRITER_MB=15 "$BIN" --index small/index index >out1 2>err1 || echo $? >code1
        "$BIN" --index small/index query "Belt and Road" >out2 2>err2 || echo $? >code2
    "#;
    if in_mount_namespace(&ws, script).is_none() {
        return;
    }
    let read = |name: &str| fs::read_to_string(ws.path().join(name)).unwrap_or_default();
    let err1 = read("err1");
    assert_eq!(read("code1").trim(), "2", "{err1}");
    assert_eq!(err1.lines().count(), 1, "{err1}");
    assert!(err1.contains("No space left on device"), "{err1}");
    assert!(err1.contains("cannot write the index"), "{err1}");
    assert!(!err1.contains("cannot index"), "{err1}");
    assert!(!err1.contains("doc"), "{err1}");
    // The last commit answers.
    assert_eq!(read("out2").matches("art. ").count(), 3, "{}", read("err2"));
}

/// The index files of `ws` with extension `ext`.
fn index_files(ws: &Workspace, ext: &str) -> Vec<std::path::PathBuf> {
    fs::read_dir(ws.index())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

/// Flips one byte in the middle of `path` (inside the data, before tantivy's footer).
fn flip_a_byte(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x5A;
    fs::write(path, bytes).unwrap();
}

#[test]
fn index_check_names_damaged_files_and_index_rebuilds_a_damaged_index() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    let run = ws.run(&["index", "--check"]).expect_code(0);
    let intact = run.stdout.trim().to_string();
    assert!(
        intact.starts_with("index: all ") && intact.ends_with(" files intact"),
        "{intact}"
    );
    let phrase = |ws: &Workspace| {
        let out = ws.run(&["query", "--json", "\"Belt and Road\""]).stdout;
        out.lines()
            .filter(|l| !l.contains("\"summary\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let answer = phrase(&ws);

    // Flipped bytes in positions, a truncated term dictionary, a damaged manifest.
    let pos = index_files(&ws, "pos");
    for path in &pos {
        flip_a_byte(path);
    }
    let term = &index_files(&ws, "term")[0];
    let bytes = fs::read(term).unwrap();
    fs::write(term, &bytes[..bytes.len() / 2]).unwrap();
    let before = snapshot(&ws.index());
    let run = ws.run(&["index", "--check"]).expect_code(2);
    for path in &pos {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(
            run.stdout.contains(&format!("{name}: checksum mismatch")),
            "{}",
            run.stdout
        );
    }
    let term_name = term.file_name().unwrap().to_string_lossy();
    assert!(run.stdout.contains(&*term_name), "{}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("is damaged"), "{}", run.stderr);
    assert_eq!(snapshot(&ws.index()), before, "--check changes nothing");

    // `index` does not call it up to date: it builds it again, and says why.
    let run = ws.run(&["index"]).expect_code(0);
    assert!(run.stderr.contains("is damaged"), "{}", run.stderr);
    assert!(run.stderr.contains("building it again"), "{}", run.stderr);
    ws.run(&["index", "--check"]).expect_code(0);
    assert_eq!(phrase(&ws), answer);
    let run = ws.run(&["index"]).expect_code(0);
    assert!(run.stdout.contains("0 added, 0 updated"), "{}", run.stdout);
}

#[test]
fn flipped_bytes_in_a_positions_file_never_pass_an_index_run_as_intact() {
    // Each flip of one byte, anywhere in every .pos file: after `index`, phrase queries give
    // the answers of an intact index.
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    let queries = ["\"Belt and Road\"", "\"color revolution\"", "\"一带一路\""];
    let answers: Vec<String> = queries
        .iter()
        .map(|q| ws.run(&["query", "--json", "--limit", "50", q]).stdout)
        .collect();
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("\"summary\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for step in 0..4 {
        for path in index_files(&ws, "pos") {
            let mut bytes = fs::read(&path).unwrap();
            // Spread over the file, footer excluded.
            let at = (bytes.len().saturating_sub(16)) * (step * 2 + 1) / 8;
            bytes[at] ^= 0x01;
            fs::write(&path, bytes).unwrap();
        }
        let run = ws.run(&["index", "--quiet"]).expect_code(0);
        assert!(
            run.stderr.contains("is damaged"),
            "flip {step}: {}",
            run.stderr
        );
        for (q, answer) in queries.iter().zip(&answers) {
            let now = ws.run(&["query", "--json", "--limit", "50", q]).stdout;
            assert_eq!(strip(&now), strip(answer), "{q} after flip {step}");
        }
    }
}

#[test]
fn index_verify_finds_a_same_size_edit_whose_time_was_restored() {
    let ws = Workspace::with_seeds();
    let path = ws.corpus().join("edited.txt");
    ws.write(
        "corpus/edited.txt",
        "The parties agree on the Amazon fund.\n",
    );
    ws.run(&["index"]).expect_code(0);
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    ws.write(
        "corpus/edited.txt",
        "The parties agree on the Zambia fund.\n",
    );
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    // Size and time as recorded: an ordinary run trusts them.
    let run = ws.run(&["index"]).expect_code(0);
    assert!(run.stdout.contains("0 added, 0 updated"), "{}", run.stdout);
    ws.run(&["query", "Zambia"]).expect_code(1);
    // --verify reads every file again.
    let run = ws.run(&["index", "--verify"]).expect_code(0);
    assert!(
        run.stdout
            .contains("0 added, 1 updated, 0 removed, 2 unchanged"),
        "{}",
        run.stdout
    );
    ws.run(&["query", "Zambia"]).expect_code(0);
    ws.run(&["query", "Amazon"]).expect_code(1);
    let run = ws.run(&["index", "--verify"]).expect_code(0);
    assert!(
        run.stdout
            .contains("0 added, 0 updated, 0 removed, 3 unchanged"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_query_waiting_for_a_first_build_gives_up_after_a_bounded_wait_naming_the_process() {
    let ws = Workspace::with_seeds();
    // Another process holds the writer lock of a first build and never finishes.
    ws.write(&format!("index/{MARKER}"), "{\"format\": 1}");
    let lock = ws.index().join(LOCK);
    // `--close`: the lock is flock's own, not inherited by `sleep`, and dies with it.
    let mut holder = std::process::Command::new("flock")
        .arg("--close")
        .arg(&lock)
        .args(["sleep", "60"])
        .spawn()
        .expect("flock (util-linux)");
    let pid = holder.id();
    fs::write(
        &lock,
        format!("{{\"pid\":{pid},\"command\":\"treatysearch index\",\"since\":1}}"),
    )
    .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while treatysearch::index::lock::WriterLock::holder(&ws.index()).is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "flock never took the lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let started = std::time::Instant::now();
    let run = ws.run_env(&["query", "Belt"], &[("TREATYSEARCH_BUILD_WAIT", "2")]);
    let waited = started.elapsed();
    let _ = holder.kill();
    let _ = holder.wait();
    let run = run.expect_code(2);
    assert!(waited < std::time::Duration::from_secs(20), "{waited:?}");
    assert!(
        run.stderr.contains(&format!("waiting for process {pid}")),
        "{}",
        run.stderr
    );
    let last = run.stderr.lines().last().unwrap();
    assert!(
        last.contains(&format!("gave up after 2 s waiting for process {pid}")),
        "{last}"
    );
    // Once the lock is free, the query builds the index and answers.
    ws.run(&["query", "Belt"]).expect_code(0);
}
