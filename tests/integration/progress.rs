//! `treatysearch index` on a corpus of some size: the progress bar never reaches a pipe, and
//! the one-line summary is printed (or not, with `--quiet`).

use crate::util::Workspace;

/// A corpus of `n` short statements.
fn many_documents(n: usize) -> Workspace {
    let ws = Workspace::empty();
    for i in 0..n {
        let body: String = (0..40)
            .map(|k| {
                format!(
                    "Article {}\n\nThe parties shall cooperate on matter {i}-{k}.\n\n",
                    k + 1
                )
            })
            .collect();
        ws.write(
            &format!("corpus/statement_{i:04}.txt"),
            format!("Joint Statement number {i}\n\n{body}Done at Minsk on 2 May 2024.\n"),
        );
    }
    ws
}

#[test]
fn index_into_a_pipe_prints_the_summary_and_no_progress() {
    let ws = many_documents(300);
    let run = ws.run(&["index"]).expect_code(0);
    assert_eq!(
        run.stderr, "",
        "nothing but warnings may reach a piped stderr"
    );
    let summary = run.stdout.trim_end();
    assert_eq!(summary.lines().count(), 1, "{summary}");
    assert!(
        summary.contains("300 added, 0 updated, 0 removed, 0 unchanged; 300 documents"),
        "{summary}"
    );
}

#[test]
fn quiet_index_prints_nothing() {
    let ws = many_documents(40);
    let run = ws.run(&["index", "--quiet"]).expect_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}
