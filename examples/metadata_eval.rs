//! Measures titles and parties against the gold sidecars of the development corpora
//! (`../shared/corpora/dev/*/*.json`) and the seed statements in `corpus/` (parsed without their
//! `.meta` sidecars). Skips, with a message, when the corpora are absent.
//!
//! ```sh
//! cargo run --release --example metadata_eval                         # the tables (Markdown)
//! cargo run --release --example metadata_eval -- --suspicious-titles  # every suspicious title
//! cargo run --release --example metadata_eval -- --show tota_en       # party and title misses
//! ```
//!
//! Suspicious titles are found by rules of their own, independent of the title chooser: a
//! title that starts like a heading (ARTICLE, CHAPTER, PREAMBLE, ANNEX, 第X条, 一、, `1.`), has
//! fewer than 3 words (4 Han characters) and is not marked derived, ends mid-sentence (a comma,
//! a connective such as "and" / "of"), is longer than 300 characters, or holds ` > `.
//!
//! Parties are counted per party against ToTA's `parties_iso3` (`tota_en`): precision =
//! correct / parties we give, recall = correct / gold parties. ToTA lists the member states of
//! the European Communities / Union where the EC or EU signed; so on both sides the states that
//! were ever EC/EU members count as one party "EU" in a treaty whose gold lists six or more of
//! them, and our "European Union" / "European Communities" are that party too. ToTA has no
//! other organisations: one we name (EFTA, ASEAN, Mercosur, the WTO) is left out of the count,
//! neither right nor wrong; the member states it lists count as usual.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde_json::Value;
use treatysearch::corpus;
use treatysearch::model::Document;
use treatysearch::parse::{parse_with_sidecar, parties};

const FOLDERS: &[&str] = &[
    "tota_en",
    "zh_laws",
    "zh_gov_reports",
    "nl_treaties",
    "ungdc",
];

/// States that were ever members of the European Communities or the European Union.
const EU_EVER: &[&str] = &[
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
    "SWE", "GBR",
];

#[derive(Default)]
struct Tally {
    docs: usize,
    derived: usize,
    file_name: usize,
    suspicious: usize,
    gold_titles: usize,
    title_match: usize,
    gold_parties: usize,
    our_parties: usize,
    correct_parties: usize,
    no_party: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list_suspicious = args.iter().any(|a| a == "--suspicious-titles");
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.join("../shared/corpora/dev");
    let mut folders: Vec<(String, PathBuf)> = vec![("seeds".into(), manifest.join("corpus"))];
    if root.is_dir() {
        folders.extend(FOLDERS.iter().map(|f| (f.to_string(), root.join(f))));
    } else {
        eprintln!(
            "metadata_eval: skipped the development corpora: not at {} (they live next to the repository as shared/corpora/dev)",
            root.display()
        );
    }
    let mut total_suspicious = 0;
    let mut rows = Vec::new();
    for (name, dir) in &folders {
        if !dir.is_dir() {
            eprintln!("metadata_eval: skipped {name}: no folder {}", dir.display());
            continue;
        }
        let t = evaluate(
            name,
            dir,
            list_suspicious,
            show.as_deref() == Some(name.as_str()),
        );
        total_suspicious += t.suspicious;
        rows.push((name.clone(), t));
    }
    if list_suspicious {
        eprintln!("metadata_eval: {total_suspicious} suspicious titles");
        return;
    }
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            "–".to_string()
        } else {
            format!("{:.3}", a as f64 / b as f64)
        }
    };
    println!(
        "| folder | docs | titles derived | file name | suspicious | gold titles | title matches | title precision | gold parties | our parties | correct | party precision | party recall | docs without party |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (name, t) in rows {
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            t.docs,
            t.derived,
            t.file_name,
            t.suspicious,
            t.gold_titles,
            t.title_match,
            ratio(t.title_match, t.gold_titles),
            t.gold_parties,
            t.our_parties,
            t.correct_parties,
            ratio(t.correct_parties, t.our_parties),
            ratio(t.correct_parties, t.gold_parties),
            t.no_party,
        );
    }
}

fn evaluate(folder: &str, dir: &Path, list_suspicious: bool, show: bool) -> Tally {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let mut t = Tally::default();
    for path in files {
        let Ok(loaded) = corpus::load(&path, false) else {
            continue;
        };
        let stem = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        // No sidecar: what the text alone gives is what is measured.
        let doc = parse_with_sidecar(&loaded.text, None, &stem);
        t.docs += 1;
        if doc.title_derived {
            t.derived += 1;
            if doc.title == stem {
                t.file_name += 1;
            }
        }
        if let Some(why) = suspicious(&doc) {
            t.suspicious += 1;
            if list_suspicious {
                println!("{folder}/{stem}: {why}: {:?}", doc.title);
            }
        }
        if doc.parties.is_empty() {
            t.no_party += 1;
        }
        let gold: Option<Value> = fs::read_to_string(path.with_extension("json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok());
        if folder == "seeds" {
            // The two seeds are statements of China and Belarus.
            let want: BTreeSet<String> = ["CHN", "BLR"].map(String::from).into();
            count_parties(&mut t, &want, &ours(&doc, &want), show, &stem, &doc);
        }
        let Some(gold) = gold else { continue };
        if matches!(folder, "nl_treaties" | "zh_laws")
            && let Some(g) = gold["title"].as_str()
        {
            t.gold_titles += 1;
            if title_matches(&doc.title, g) {
                t.title_match += 1;
            } else if show {
                println!("{stem}: title {:?} — gold {g:?}", doc.title);
            }
        }
        if let Some(list) = gold["parties_iso3"].as_array() {
            let raw: BTreeSet<String> = list
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
            let want = collapse_eu(&raw);
            let got = ours(&doc, &raw);
            count_parties(&mut t, &want, &got, show, &stem, &doc);
        }
    }
    t
}

fn count_parties(
    t: &mut Tally,
    want: &BTreeSet<String>,
    got: &BTreeSet<String>,
    show: bool,
    stem: &str,
    doc: &Document,
) {
    t.gold_parties += want.len();
    t.our_parties += got.len();
    t.correct_parties += got.intersection(want).count();
    if show && got != want {
        println!(
            "{stem}: parties {:?} → {got:?} — gold {want:?} (title {:?})",
            doc.parties, doc.title
        );
    }
}

/// Our parties as codes, with the EU rule of the gold applied (see the module comment).
fn ours(doc: &Document, raw_gold: &BTreeSet<String>) -> BTreeSet<String> {
    let codes: BTreeSet<String> = doc
        .parties
        .iter()
        .filter(|p| !parties::is_organization(p) || matches!(parties::code(p), Some("EC" | "EU")))
        .map(|p| match parties::code(p) {
            Some("EC") | Some("EU") => "EU".to_string(),
            Some(code) => code.to_string(),
            None => p.clone(),
        })
        .collect();
    // ToTA lists Serbia and Montenegro (2003–2006) as its two successors.
    let codes: BTreeSet<String> = codes
        .into_iter()
        .flat_map(|c| {
            if c == "SCG" && raw_gold.contains("SRB") && raw_gold.contains("MNE") {
                vec!["SRB".to_string(), "MNE".to_string()]
            } else {
                vec![c]
            }
        })
        .collect();
    if eu_treaty(raw_gold) {
        collapse(&codes)
    } else {
        codes
    }
}

fn eu_treaty(gold: &BTreeSet<String>) -> bool {
    gold.iter()
        .filter(|c| EU_EVER.contains(&c.as_str()))
        .count()
        >= 6
}

fn collapse_eu(gold: &BTreeSet<String>) -> BTreeSet<String> {
    if eu_treaty(gold) {
        collapse(gold)
    } else {
        gold.clone()
    }
}

fn collapse(codes: &BTreeSet<String>) -> BTreeSet<String> {
    codes
        .iter()
        .map(|c| {
            if EU_EVER.contains(&c.as_str()) {
                "EU".to_string()
            } else {
                c.clone()
            }
        })
        .collect()
}

/// Our title matches the gold one when, normalized (case, punctuation, spaces), one holds the
/// other or they share 80% of the gold's words (characters for Chinese).
fn title_matches(ours: &str, gold: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (o, g) = (norm(ours), norm(gold));
    if o.is_empty() || g.is_empty() {
        return false;
    }
    if o.contains(&g) || (g.contains(&o) && o.chars().count() * 2 >= g.chars().count()) {
        return true;
    }
    let tokens = |s: &str| -> BTreeSet<String> {
        if s.chars().any(treatysearch::script::is_han) {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .map(String::from)
                .collect()
        } else {
            s.split_whitespace().map(String::from).collect()
        }
    };
    let (ot, gt) = (tokens(&o), tokens(&g));
    let shared = gt.intersection(&ot).count();
    shared * 5 >= gt.len() * 4 && shared * 5 >= ot.len() * 4
}

/// Why a title looks wrong, by rules that do not share code with the title chooser.
fn suspicious(doc: &Document) -> Option<&'static str> {
    let heading = Regex::new(
        r"(?i)^\s*(?:article|chapter|preamble|annex|part\s+[ivx\d]|section\s+\d|第[一二三四五六七八九十百零〇\d]+[条章节编]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+\s*[.、)])",
    )
    .expect("regex");
    let t = doc.title.trim();
    if heading.is_match(t) {
        return Some("starts like a heading");
    }
    if t.contains(" > ") || t.contains('>') {
        return Some("holds a breadcrumb");
    }
    if t.chars().count() > 300 {
        return Some("longer than 300 characters");
    }
    let han = t
        .chars()
        .filter(|&c| treatysearch::script::is_han(c))
        .count();
    let words = t.split_whitespace().count();
    if !doc.title_derived && han < 4 && words < 3 {
        return Some("fewer than 3 words");
    }
    let last = t
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    if t.ends_with([',', '，', '、', ';', '；', ':', '：'])
        || ["and", "of", "the", "between", "to", "for", "on", "in", "a"].contains(&last.as_str())
    {
        return Some("ends mid-sentence");
    }
    None
}
