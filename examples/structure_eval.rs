//! Measures structure and date extraction against the gold sidecars of the development corpora
//! (`../shared/corpora/dev/*/*.json`): article-heading precision and recall per folder (a
//! heading counts when its line and its number are right) and the precision and recall of the
//! date a hit shows against the gold signing/version date. Skips, with a message, when the
//! corpora are absent.
//!
//! ```sh
//! cargo run --release --example structure_eval               # the table (Markdown)
//! cargo run --release --example structure_eval -- --show zh_laws   # plus every miss of a folder
//! ```
//!
//! Dates, per folder: a document *given* a date is one whose `Document::date()` is some date.
//! Of those, the ones with a gold date are **correct** or **wrong**; the ones without a gold
//! date are **unverifiable** (counted apart, listed by `--show`). Precision = correct /
//! (correct + wrong). Recall = correct / documents that **state** the gold date, where "state"
//! is decided by [`states_date`], a loose search that shares no code with the date finder: the
//! gold year written in any form (digits, Chinese numerals, English words), with the month (a
//! name or a number) and the day (a number, a numeral or an ordinal word) within 60 characters
//! of it (a date the text only cites counts as stated, so recall is a lower bound).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use treatysearch::corpus;
use treatysearch::model::{ClauseKind, Date, Document};
use treatysearch::parse::numerals::{chinese_to_u32, english_words_to_u32, roman_to_u32};
use treatysearch::parse::parse_with_sidecar;

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
    /// Documents with a gold date.
    gold_dated: usize,
    /// Documents whose text states the gold date ([`states_date`]).
    stated: usize,
    /// Documents given a date.
    given: usize,
    date_correct: usize,
    date_wrong: usize,
    unverifiable: usize,
    /// Correct and stated: the recall numerator.
    stated_correct: usize,
    /// Clauses, of which heading lines, lead-in stubs, clauses under a titled heading, and
    /// clauses over more than one line (hard-wrapped lines joined).
    clauses: usize,
    heading_lines: usize,
    stubs: usize,
    titled: usize,
    multiline: usize,
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
    let mut tallies = Vec::new();
    println!(
        "| folder | docs | gold headings | found | correct | precision | recall | gold dates | stated in text | given a date | date correct | date wrong | unverifiable | date precision | date recall |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
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
            "| {folder} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            t.docs,
            t.gold,
            t.predicted,
            t.correct,
            ratio(t.correct, t.predicted),
            ratio(t.correct, t.gold),
            t.gold_dated,
            t.stated,
            t.given,
            t.date_correct,
            t.date_wrong,
            t.unverifiable,
            ratio(t.date_correct, t.date_correct + t.date_wrong),
            ratio(t.stated_correct, t.stated),
        );
        tallies.push((folder, t));
    }
    println!();
    println!(
        "| folder | clauses | heading lines | stubs | under a titled heading | over several lines |"
    );
    println!("|---|---|---|---|---|---|");
    for (folder, t) in tallies {
        println!(
            "| {folder} | {} | {} | {} | {} | {} |",
            t.clauses, t.heading_lines, t.stubs, t.titled, t.multiline
        );
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
        for c in &doc.clauses {
            tally.clauses += 1;
            tally.heading_lines += usize::from(c.kind == ClauseKind::Heading);
            tally.stubs += usize::from(c.kind == ClauseKind::Stub);
            tally.titled += usize::from(c.heading.is_some());
            tally.multiline += usize::from(c.text.contains('\n'));
        }

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

        let shown = doc.date();
        let gold_date = gold_date(&gold);
        let stated = gold_date.is_some_and(|g| states_date(&loaded.text, g));
        tally.given += usize::from(shown.is_some());
        tally.gold_dated += usize::from(gold_date.is_some());
        tally.stated += usize::from(stated);
        match (gold_date, shown) {
            (Some(g), Some(s)) if g == s => {
                tally.date_correct += 1;
                tally.stated_correct += usize::from(stated);
            }
            (Some(g), Some(s)) => {
                tally.date_wrong += 1;
                if show {
                    println!(
                        "DATE WRONG {stem}: gold {g} ({}), shown {s} {}",
                        if stated {
                            "stated in the text"
                        } else {
                            "not in the text"
                        },
                        evidence(&doc)
                    );
                }
            }
            (Some(g), None) if stated && show => {
                println!("DATE MISSED {stem}: gold {g} stated in the text, none shown");
            }
            (None, Some(s)) => {
                tally.unverifiable += 1;
                if show {
                    println!("DATE UNVERIFIABLE {stem}: shown {s} {}", evidence(&doc));
                }
            }
            _ => {}
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

/// Why the document got its dates, for `--show`: role, line and the deciding words.
fn evidence(doc: &Document) -> String {
    doc.date_evidence
        .iter()
        .map(|e| format!("[{} {} line {:?}: {:?}]", e.role, e.date, e.line, e.phrase))
        .collect::<Vec<_>>()
        .join(" ")
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

/// One number or month name in the text, at a character offset.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Num(u32),
    Month(u32),
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name, its three-letter abbreviation (`Sept` too), or a full name glued to the word
/// before it by OCR (`ofAugust`).
fn month_of(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    MONTH_NAMES
        .iter()
        .position(|m| w == *m || (w.len() == 3 && m.starts_with(w)) || w == "sept")
        .or_else(|| {
            MONTH_NAMES
                .iter()
                .position(|m| m.len() > 3 && w.len() > m.len() && w.ends_with(m))
        })
        .map(|i| i as u32 + 1)
}

const ZH_NUMERAL: &str = "〇零○一二三四五六七八九十";

/// The numbers and month names of `text` with their character offsets, read independently of
/// the date finder: digit runs, runs of Chinese numerals (with the ASCII 0 of `二0一三`), runs of
/// English number words (cardinal or ordinal, `one thousand nine hundred and ninety-three`),
/// month names.
fn tokens(text: &str) -> Vec<(usize, Token)> {
    let chars: Vec<char> = text.chars().collect();
    let zh = |c: char| ZH_NUMERAL.contains(c);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut out = Vec::new();
    // Letter words since the last non-word gap: (offset, word), read as numbers together.
    let mut words: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if digit(c) || zh(c) {
            flush_words(&mut words, &mut out);
            while i < chars.len() && (digit(chars[i]) || zh(chars[i])) {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let value = if run.chars().any(zh) {
                chinese_to_u32(&run)
            } else {
                run.chars()
                    .map(|c| c.to_digit(10).or_else(|| Some(c as u32 - '０' as u32)))
                    .try_fold(0u32, |acc, d| acc.checked_mul(10)?.checked_add(d?))
            };
            if let Some(v) = value {
                out.push((start, Token::Num(v)));
            }
        } else if c.is_ascii_alphabetic() {
            while i < chars.len() && chars[i].is_ascii_alphabetic() {
                i += 1;
            }
            words.push((start, chars[start..i].iter().collect()));
        } else {
            if !(c == ' ' || c == '-') {
                flush_words(&mut words, &mut out);
            }
            i += 1;
        }
    }
    flush_words(&mut words, &mut out);
    out.sort_by_key(|t| t.0);
    out
}

/// Reads a run of words: the longest prefix that is a number, again and again; month names.
fn flush_words(words: &mut Vec<(usize, String)>, out: &mut Vec<(usize, Token)>) {
    let mut k = 0;
    while k < words.len() {
        let number = (k + 1..=words.len().min(k + 12)).rev().find_map(|end| {
            let phrase: Vec<&str> = words[k..end].iter().map(|w| w.1.as_str()).collect();
            english_words_to_u32(&phrase.join(" ")).map(|v| (end, v))
        });
        match number {
            Some((end, v)) => {
                out.push((words[k].0, Token::Num(v)));
                k = end;
            }
            None => {
                if let Some(m) = month_of(&words[k].1) {
                    out.push((words[k].0, Token::Month(m)));
                }
                k += 1;
            }
        }
    }
    words.clear();
}

/// Does `text` state `date` in some form? The year (as a number token) with the month (a name
/// or a number) and the day (a number) within [`NEAR`] characters, each a different token.
/// Deliberately loose and independent of `treatysearch::parse::dates`, so that recall is not
/// measured against the extractor's own idea of a date.
fn states_date(text: &str, date: Date) -> bool {
    const NEAR: usize = 60;
    let (y, m, d) = (
        u32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    );
    let toks = tokens(text);
    toks.iter().enumerate().any(|(i, &(pos, tok))| {
        if tok != Token::Num(y) {
            return false;
        }
        let near: Vec<(usize, Token)> = toks
            .iter()
            .enumerate()
            .filter(|&(j, &(p, _))| j != i && p.abs_diff(pos) <= NEAR)
            .map(|(j, &(_, t))| (j, t))
            .collect();
        near.iter().any(|&(jm, tm)| {
            (tm == Token::Month(m) || tm == Token::Num(m))
                && near.iter().any(|&(jd, td)| jd != jm && td == Token::Num(d))
        })
    })
}
