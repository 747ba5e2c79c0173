//! Measures structure and date extraction against the gold sidecars of the development corpora
//! (`../shared/corpora/dev/*/*.json`): article-heading precision and recall per folder (a
//! heading counts when its line and its number are right) and how often the signing/version
//! date is found. Skips, with a message, when the corpora are absent.
//!
//! ```sh
//! cargo run --release --example structure_eval               # the table (Markdown)
//! cargo run --release --example structure_eval -- --show zh_laws   # plus every miss of a folder
//! ```

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use treatysearch::corpus;
use treatysearch::model::{Date, Document};
use treatysearch::parse::numerals::{english_words_to_u32, roman_to_u32};
use treatysearch::parse::{dates, parse_with_sidecar};

const FOLDERS: &[&str] = &[
    "tota_en",
    "zh_laws",
    "zh_gov_reports",
    "nl_treaties",
    "ungdc",
];

#[derive(Default)]
struct Tally {
    docs: usize,
    gold: usize,
    predicted: usize,
    correct: usize,
    dated: usize,
    date_in_text: usize,
    date_found: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/dev");
    if !root.is_dir() {
        eprintln!(
            "structure_eval: skipped: the development corpora are not at {} (they live next to the repository as shared/corpora/dev)",
            root.display()
        );
        return;
    }
    println!(
        "| folder | docs | gold headings | found | correct | precision | recall | docs with date in text | date found | rate |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for folder in FOLDERS {
        let dir = root.join(folder);
        if !dir.is_dir() {
            eprintln!(
                "structure_eval: skipped {folder}: no folder {}",
                dir.display()
            );
            continue;
        }
        let t = evaluate(&dir, show.as_deref() == Some(folder));
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                "–".to_string()
            } else {
                format!("{:.4}", a as f64 / b as f64)
            }
        };
        println!(
            "| {folder} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            t.docs,
            t.gold,
            t.predicted,
            t.correct,
            ratio(t.correct, t.predicted),
            ratio(t.correct, t.gold),
            t.date_in_text,
            t.date_found,
            ratio(t.date_found, t.date_in_text),
        );
        let _ = t.dated;
    }
}

fn evaluate(dir: &Path, show: bool) -> Tally {
    let mut tally = Tally::default();
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for gold_path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let text_path = gold_path.with_extension("txt");
        let (Ok(gold_text), Ok(loaded)) = (
            fs::read_to_string(gold_path),
            corpus::load(&text_path, true),
        ) else {
            continue;
        };
        let Ok(gold) = serde_json::from_str::<Value>(&gold_text) else {
            continue;
        };
        let stem = text_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = parse_with_sidecar(&loaded.text, None, &stem);
        tally.docs += 1;

        let expected = gold_headings(&gold);
        let found: BTreeSet<(usize, String)> = doc
            .articles
            .iter()
            .map(|a| (a.line, normalize_number(&a.number)))
            .collect();
        tally.gold += expected.len();
        tally.predicted += found.len();
        tally.correct += expected.intersection(&found).count();
        if show {
            for miss in expected.difference(&found) {
                println!("MISSED {stem}:{} {}", miss.0, miss.1);
            }
            for extra in found.difference(&expected) {
                println!("EXTRA  {stem}:{} {}", extra.0, extra.1);
            }
        }

        if let Some(date) = gold_date(&gold) {
            tally.dated += 1;
            let in_text = dates::find_dates(&loaded.text)
                .iter()
                .any(|m| m.date == date);
            if in_text {
                tally.date_in_text += 1;
                if doc_date(&doc) == Some(date) {
                    tally.date_found += 1;
                } else if show {
                    println!("DATE   {stem}: gold {date}, got {:?}", doc.dates);
                }
            }
        }
    }
    tally
}

/// Gold article headings as (line, normalized number): `articles`, or for the government
/// reports the level-1 `sections` (their top-level divisions are the articles).
fn gold_headings(gold: &Value) -> BTreeSet<(usize, String)> {
    let list = match gold.get("articles").and_then(Value::as_array) {
        Some(a) => a.clone(),
        None => gold
            .get("sections")
            .and_then(Value::as_array)
            .map(|s| s.iter().filter(|x| x["level"] == 1).cloned().collect())
            .unwrap_or_default(),
    };
    list.iter()
        .filter_map(|a| {
            let line = a.get("line")?.as_u64()? as usize;
            let number = match a.get("number")? {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            Some((line, normalize_number(&number)))
        })
        .collect()
}

/// The document's signing, version or delivery date, as a hit shows it.
fn doc_date(doc: &Document) -> Option<Date> {
    doc.date()
}

fn gold_date(gold: &Value) -> Option<Date> {
    ["date_signed", "date_version", "date_in_text"]
        .iter()
        .find_map(|k| gold.get(*k).and_then(Value::as_str))
        .and_then(Date::parse_iso)
}

/// Numbers compared the same way on both sides: each part of `1.2`, `I.1`, `ONE`, `G-01` as
/// an integer where it is one (Roman and English words included), upper case otherwise.
fn normalize_number(n: &str) -> String {
    let n = n.trim().trim_start_matches(['-', ' ']).to_uppercase();
    if let Some(v) = english_words_to_u32(&n) {
        return v.to_string();
    }
    let mut out = String::new();
    let mut part = String::new();
    let flush = |part: &mut String, out: &mut String| {
        if part.is_empty() {
            return;
        }
        let value = part
            .parse::<u32>()
            .ok()
            .or_else(|| roman_to_u32(part))
            .or_else(|| english_words_to_u32(part));
        match value {
            Some(v) => out.push_str(&v.to_string()),
            None => out.push_str(part),
        }
        part.clear();
    };
    for c in n.chars() {
        if c == '.' || c == '-' || c == ' ' {
            flush(&mut part, &mut out);
            out.push(if c == ' ' { ' ' } else { c });
        } else {
            part.push(c);
        }
    }
    flush(&mut part, &mut out);
    out
}
