//! The analysis commands on the seeds and a sample of `../shared/corpora/dev/` indexed
//! together: English treaties and speeches, Chinese laws and reports beside the two statements.
//! The files are linked into the temporary corpus, never copied; the test is skipped (with a
//! message) where that folder is absent.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{SEED_2013, SEED_2023, Workspace};

const FOLDERS: &[&str] = &[
    "tota_en",
    "zh_laws",
    "zh_gov_reports",
    "nl_treaties",
    "ungdc",
];
/// Two versions of one law, for `compare` and same-language `similar`.
const LAW_2018: &str = "zhlaw_野生动物保护法_2018_10_26";
const LAW_2022: &str = "zhlaw_野生动物保护法_2022_12_30";

fn dev_corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/dev");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: {} not found (the shared dev corpora sit next to the repository)",
            dir.display()
        );
        None
    }
}

/// The seeds plus the first few documents of every dev folder (and the two law versions),
/// linked into `corpus/dev/<folder>/`. Returns the number of linked documents.
#[cfg(unix)]
fn link_sample(ws: &Workspace, dev: &Path) -> usize {
    let mut linked = 0;
    for folder in FOLDERS {
        let target = ws.corpus().join("dev").join(folder);
        std::fs::create_dir_all(&target).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dev.join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        let mut chosen: Vec<String> = names.iter().take(4).cloned().collect();
        for law in [LAW_2018, LAW_2022] {
            let name = format!("{law}.txt");
            if *folder == "zh_laws" && names.contains(&name) && !chosen.contains(&name) {
                chosen.push(name);
            }
        }
        for name in chosen {
            // Copied, not linked: links in a corpus are not followed without --follow.
            std::fs::copy(dev.join(folder).join(&name), target.join(&name)).unwrap();
            linked += 1;
        }
    }
    linked
}

fn json(ws: &Workspace, args: &[&str]) -> Vec<Value> {
    ws.run(args).expect_code(0).json_lines()
}

#[cfg(unix)]
#[test]
fn analysis_commands_on_the_seeds_and_the_dev_corpus_together() {
    let Some(dev) = dev_corpus() else { return };
    let ws = Workspace::with_seeds();
    let linked = link_sample(&ws, &dev);

    let list = json(&ws, &["list", "--json"]);
    let summary = &list.last().unwrap()["data"];
    assert_eq!(summary["document_count"], 2 + linked);
    let stats = json(&ws, &["stats", "--json"]);
    let languages = stats[0]["data"]["languages"].as_array().unwrap();
    assert!(
        languages
            .iter()
            .all(|l| l["document_count"].as_u64().unwrap() > 3),
        "{languages:?}"
    );

    // Ids with folders resolve by their unique file name.
    let show = json(&ws, &["show", "tota_1", "1", "--json"]);
    assert_eq!(show[0]["data"]["id"], "dev/tota_en/tota_1");
    assert!(show.iter().any(|l| l["type"] == "clause"));

    // The cross-lingual pair of the seeds is still found among Chinese laws and reports.
    let similar = json(
        &ws,
        &[
            "similar",
            SEED_2013,
            "3",
            "3",
            "--cross-lingual",
            "-n",
            "3",
            "--json",
        ],
    );
    assert!(
        similar.iter().any(|l| l["type"] == "match"
            && l["data"]["doc"]["id"] == SEED_2023
            && l["data"]["article"]["number"] == "2"),
        "{similar:?}"
    );

    let timeline = json(&ws, &["timeline", "--json", "internal affairs"]);
    assert!(
        timeline.last().unwrap()["data"]["clause_count"]
            .as_u64()
            .unwrap()
            >= 2
    );

    // Two versions of one law: an article finds its other version, and compares closely.
    let (old, new) = (
        format!("dev/zh_laws/{LAW_2018}"),
        format!("dev/zh_laws/{LAW_2022}"),
    );
    let similar = json(&ws, &["similar", &old, "1", "--json", "-n", "1"]);
    assert_eq!(similar[1]["data"]["doc"]["id"], new.as_str());
    let compare = json(
        &ws,
        &[
            "compare",
            &format!("{old}:1"),
            &format!("{new}:1"),
            "--json",
        ],
    );
    let similarity = compare[1]["data"]["similarity"].as_f64().unwrap();
    assert!(similarity > 0.5, "{similarity}");
}
