//! `completions` and `man`: generated from the clap definitions, without touching an index.

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
