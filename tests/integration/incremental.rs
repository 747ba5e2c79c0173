//! `treatysearch index`: only what changed is re-indexed.

use std::fs;
use std::time::{Duration, SystemTime};

use crate::util::Workspace;

const EXTRA: &str = "Joint Communiqué on Zeppelin Cooperation\n\nBoth sides support zeppelin research.\n\nDone at Minsk on 2 May 2024.\n";

/// The clauses with every word of `q` (`--strict`: the words of an old text that has gone
/// must find nothing, not the clauses with some of them).
fn count_hits(ws: &Workspace, q: &str) -> usize {
    let run = ws.run(&["query", "--json", "--strict", q]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json_lines().last().unwrap()["data"]["hit_count"]
        .as_u64()
        .unwrap() as usize
}

#[test]
fn add_edit_delete_and_nothing_changed() {
    let ws = Workspace::with_seeds();
    let first = ws.run(&["index"]).expect_code(0);
    assert!(
        first
            .stdout
            .contains("2 added, 0 updated, 0 removed, 0 unchanged"),
        "{}",
        first.stdout
    );

    ws.write("corpus/zeppelin.txt", EXTRA);
    let added = ws.run(&["index"]).expect_code(0);
    assert!(
        added
            .stdout
            .contains("1 added, 0 updated, 0 removed, 2 unchanged"),
        "{}",
        added.stdout
    );
    assert_eq!(count_hits(&ws, "zeppelin research"), 1);

    // Nothing changed: no commit at all, so meta.json is byte-identical.
    let meta_before = fs::read(ws.index().join("meta.json")).unwrap();
    let same = ws.run(&["index"]).expect_code(0);
    assert!(
        same.stdout
            .contains("0 added, 0 updated, 0 removed, 3 unchanged"),
        "{}",
        same.stdout
    );
    assert_eq!(fs::read(ws.index().join("meta.json")).unwrap(), meta_before);

    ws.write(
        "corpus/zeppelin.txt",
        EXTRA.replace("zeppelin research", "airship research"),
    );
    let edited = ws.run(&["index"]).expect_code(0);
    assert!(
        edited
            .stdout
            .contains("0 added, 1 updated, 0 removed, 2 unchanged"),
        "{}",
        edited.stdout
    );
    assert_eq!(count_hits(&ws, "zeppelin research"), 0);
    assert_eq!(count_hits(&ws, "airship research"), 1);

    fs::remove_file(ws.corpus().join("zeppelin.txt")).unwrap();
    let removed = ws.run(&["index"]).expect_code(0);
    assert!(
        removed
            .stdout
            .contains("0 added, 0 updated, 1 removed, 2 unchanged"),
        "{}",
        removed.stdout
    );
    assert_eq!(count_hits(&ws, "airship"), 0);
    // No duplicates: the seeds still give their three Belt and Road clauses.
    assert_eq!(count_hits(&ws, "Belt and Road"), 3);
}

#[test]
fn query_brings_a_stale_index_up_to_date_and_says_so() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    ws.write("corpus/zeppelin.txt", EXTRA);
    let run = ws.run(&["query", "zeppelin"]).expect_code(0);
    assert!(run.stderr.contains("1 added"), "{}", run.stderr);
    assert!(run.stdout.contains("Zeppelin Cooperation"));
}

/// Sets the modification time of a file or folder.
fn set_mtime(path: &std::path::Path, time: SystemTime) {
    fs::File::open(path)
        .and_then(|f| f.set_modified(time))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn query_trusts_settled_folder_times_and_index_checks_every_file() {
    // Large corpora only (1000 documents by default); this one is made to count as large.
    let large = [("TREATYSEARCH_TRUST_FOLDERS_FROM", "0")];
    let ws = Workspace::with_seeds();
    ws.write("corpus/zeppelin.txt", EXTRA);
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    set_mtime(&ws.corpus(), hour_ago);
    ws.run_env(&["index"], &large).expect_code(0);

    // Overwritten in place, the folder's time unchanged: a query answers from the index as
    // it is, without looking at every file...
    ws.write(
        "corpus/zeppelin.txt",
        EXTRA.replace("zeppelin research", "dirigible and balloon research"),
    );
    set_mtime(&ws.corpus(), hour_ago);
    let stale = ws.run_env(&["query", "--json", "zeppelin research"], &large);
    assert_eq!(stale.code, 0, "{}", stale.stderr);
    assert_eq!(stale.stderr, "");
    // ...`index` checks every file and finds it.
    let index = ws.run_env(&["index"], &large).expect_code(0);
    assert!(index.stdout.contains("1 updated"), "{}", index.stdout);
    assert_eq!(count_hits(&ws, "dirigible"), 1);

    // A new file moves its folder's time: the next query sees it.
    ws.write("corpus/airship.txt", EXTRA.replace("Zeppelin", "Airship"));
    let run = ws
        .run_env(&["query", "--json", "airship"], &large)
        .expect_code(0);
    assert!(run.stderr.contains("1 added"), "{}", run.stderr);
}

#[test]
fn in_a_small_corpus_query_sees_a_file_overwritten_in_place_even_when_settled() {
    let ws = Workspace::with_seeds();
    ws.write("corpus/zeppelin.txt", EXTRA);
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    set_mtime(&ws.corpus(), hour_ago);
    ws.run(&["index"]).expect_code(0);
    ws.write(
        "corpus/zeppelin.txt",
        EXTRA.replace("zeppelin research", "dirigible and balloon research"),
    );
    set_mtime(&ws.corpus(), hour_ago);
    let run = ws.run(&["query", "--json", "dirigible"]).expect_code(0);
    assert!(run.stderr.contains("1 updated"), "{}", run.stderr);
}

#[test]
fn query_soon_after_an_update_sees_a_file_edited_in_place() {
    // Folder times this recent are not trusted (they may not have moved yet), so the query
    // checks every file.
    let ws = Workspace::with_seeds();
    ws.write("corpus/zeppelin.txt", EXTRA);
    ws.run(&["index"]).expect_code(0);
    assert_eq!(count_hits(&ws, "zeppelin research"), 1);
    ws.write(
        "corpus/zeppelin.txt",
        EXTRA.replace("zeppelin research", "dirigible and balloon research"),
    );
    let run = ws.run(&["query", "--json", "dirigible"]).expect_code(0);
    assert!(run.stderr.contains("1 updated"), "{}", run.stderr);
    assert_eq!(count_hits(&ws, "zeppelin research"), 0);
}

#[test]
fn the_index_keeps_two_manifests_at_most_and_a_small_commit_record() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    ws.write("corpus/zeppelin.txt", EXTRA);
    ws.run(&["index"]).expect_code(0);
    fs::remove_file(ws.corpus().join("zeppelin.txt")).unwrap();
    ws.run(&["index"]).expect_code(0);
    let manifests: Vec<String> = fs::read_dir(ws.index())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("manifest"))
        .collect();
    // The last commit's and the one before (written in turn, never by a pattern deleted).
    assert_eq!(manifests.len(), 2, "{manifests:?}");
    // Every query reads meta.json: the per-file records are not in it.
    let meta = fs::read_to_string(ws.index().join("meta.json")).unwrap();
    assert!(!meta.contains("mtime_ns"), "{meta}");
    assert!(manifests.iter().any(|m| meta.contains(m)), "{meta}");
}

#[test]
fn editing_a_sidecar_reindexes_its_document() {
    let ws = Workspace::with_seeds();
    ws.run(&["index"]).expect_code(0);
    ws.write(
        "corpus/004_ef6e819d78f3d240.meta",
        "title: Renamed statement\n",
    );
    let run = ws.run(&["index"]).expect_code(0);
    assert!(run.stdout.contains("1 updated"), "{}", run.stdout);
    let hit = ws
        .run(&["query", "--json", "color revolution"])
        .expect_code(0);
    assert_eq!(
        hit.json_lines()[0]["data"]["doc"]["title"],
        "Renamed statement"
    );
}

#[test]
fn environment_variables_choose_the_folders() {
    let ws = Workspace::with_seeds();
    fs::rename(ws.corpus(), ws.path().join("docs")).unwrap();
    let run = ws
        .run_env(
            &["query", "Belt and Road"],
            &[
                ("TREATYSEARCH_CORPUS", "docs"),
                ("TREATYSEARCH_INDEX", "idx"),
            ],
        )
        .expect_code(0);
    assert!(
        run.stdout.contains("docs/004_ef6e819d78f3d240.txt"),
        "{}",
        run.stdout
    );
    assert!(ws.path().join("idx/meta.json").is_file());
}

#[test]
fn the_user_dictionary_cuts_chinese_and_editing_it_reindexes() {
    let ws = Workspace::empty();
    ws.write(
        "corpus/dict.txt",
        "词典样例\n\n一、飞艇研究院今年成立。\n\n二、研究院的飞艇已经试飞。\n",
    );
    ws.write(
        "corpus/english.txt",
        "An English note\n\nIt mentions airships.\n",
    );
    ws.run(&["index"]).expect_code(0);
    ws.write("corpus/userdict.dict", "# ours\n飞艇研究院\n");
    let run = ws.run(&["query", "--json", "研究院"]).expect_code(0);
    assert!(
        run.stderr.contains("user dictionary changed"),
        "{}",
        run.stderr
    );
    // What it affects, the Chinese document, is cut again; the English one is left alone.
    assert!(
        run.stderr
            .contains("0 added, 1 updated, 0 removed, 1 unchanged"),
        "{}",
        run.stderr
    );
    let lines = run.json_lines();
    // 研究院 is a word of the second clause only: in the first it is inside 飞艇研究院 now,
    // found by its characters, ranked below.
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[0]["data"]["text"]
            .as_str()
            .unwrap()
            .starts_with("二、"),
        "{}",
        run.stdout
    );
    // Unchanged, it changes nothing.
    let again = ws.run(&["index"]).expect_code(0);
    assert!(
        again
            .stdout
            .contains("0 added, 0 updated, 0 removed, 2 unchanged"),
        "{}",
        again.stdout
    );
    // A broken entry is an error that names the line.
    ws.write("corpus/userdict.dict", "飞艇研究院 0\n");
    let bad = ws.run(&["index"]).expect_code(2);
    assert!(bad.stderr.contains("userdict.dict:1:"), "{}", bad.stderr);
}

#[test]
fn the_shipped_user_dictionary_keeps_diplomatic_terms_whole() {
    let ws = Workspace::with_seeds();
    std::fs::copy(
        crate::util::repo_corpus().join("userdict.dict"),
        ws.corpus().join("userdict.dict"),
    )
    .unwrap();
    // 全面战略伙伴关系 is one word now; its parts are still found through the bigrams.
    let run = ws.run(&["query", "--json", "战略伙伴"]).expect_code(0);
    assert!(run.json_lines().len() > 2);
    ws.run(&["query", "全面战略伙伴关系"]).expect_code(0);
}
