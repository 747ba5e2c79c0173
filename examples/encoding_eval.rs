//! How often encoding detection is right, refuses, or is wrong, by encoding and text length:
//! UTF-8 sample texts are cut into chunks, encoded in the legacy encodings of their language,
//! and decoded again as a corpus file would be.
//!
//!     cargo run --release --example encoding_eval -- SAMPLES
//!
//! `SAMPLES` holds UTF-8 files named by language: `fr.txt`, `de.txt`, `es.txt` (windows-1252),
//! `ja.txt` (Shift_JIS, EUC-JP), `ko.txt` (EUC-KR), `zh_CN.txt` (GBK), `zh_TW.txt` (Big5),
//! `ru.txt` (windows-1251, KOI8-R); any `.txt` file in a folder `SAMPLES/gbk/` is encoded whole
//! as GBK (real Chinese documents: none may be refused as mixed). A wrong decoding is the
//! failure that matters: it is indexed as garbage. Prints a Markdown table.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use encoding_rs::Encoding;
use treatysearch::formats::encoding::decode;

const SIZES: &[usize] = &[40, 100, 300, 1000, 3000];
const CHUNKS: usize = 200;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: encoding_eval SAMPLES");
        return ExitCode::from(2);
    };
    let plan: &[(&str, &[&'static Encoding])] = &[
        ("fr", &[encoding_rs::WINDOWS_1252]),
        ("de", &[encoding_rs::WINDOWS_1252]),
        ("es", &[encoding_rs::WINDOWS_1252]),
        ("ja", &[encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP]),
        ("ko", &[encoding_rs::EUC_KR]),
        ("zh_CN", &[encoding_rs::GBK]),
        ("zh_TW", &[encoding_rs::BIG5]),
        ("ru", &[encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R]),
    ];
    println!("| sample | encoding | bytes | chunks | right | refused | wrong |");
    println!("|---|---|---|---|---|---|---|");
    for (lang, encodings) in plan {
        let Ok(text) = fs::read_to_string(dir.join(format!("{lang}.txt"))) else {
            eprintln!("no {lang}.txt in {}", dir.display());
            continue;
        };
        for &encoding in *encodings {
            for &size in SIZES {
                let (mut n, mut right, mut refused, mut wrong) = (0, 0, 0, 0);
                let step = (text.len() / CHUNKS).max(1);
                for k in 0..CHUNKS {
                    let start = floor(&text, k * step);
                    let end = floor(&text, (start + size).min(text.len()));
                    let chunk = &text[start..end];
                    if chunk.is_ascii() || chunk.len() < size / 2 {
                        continue;
                    }
                    let (bytes, _, unmappable) = encoding.encode(chunk);
                    if unmappable {
                        continue;
                    }
                    n += 1;
                    match decode(&bytes) {
                        Ok(got) if got == chunk => right += 1,
                        Ok(got) => {
                            wrong += 1;
                            if std::env::var_os("SHOW_WRONG").is_some() {
                                eprintln!(
                                    "WRONG {lang} {}: {chunk:?}\n   => {got:?}",
                                    encoding.name()
                                );
                            }
                        }
                        Err(e) => {
                            refused += 1;
                            if std::env::var_os("SHOW_REFUSED").is_some_and(|l| l == *lang) {
                                eprintln!("REFUSED {lang} {}: {e}", encoding.name());
                            }
                        }
                    }
                }
                println!(
                    "| {lang} | {} | {size} | {n} | {right} | {refused} | {wrong} |",
                    encoding.name()
                );
            }
        }
    }
    if let Ok(entries) = fs::read_dir(dir.join("gbk")) {
        let (mut n, mut right, mut refused, mut wrong) = (0, 0, 0, 0);
        for entry in entries.flatten() {
            let Ok(text) = fs::read_to_string(entry.path()) else {
                continue;
            };
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
            if unmappable || text.is_ascii() {
                continue;
            }
            n += 1;
            match decode(&bytes) {
                Ok(got) if got == text => right += 1,
                Ok(_) => wrong += 1,
                Err(e) => {
                    refused += 1;
                    eprintln!("refused {}: {e}", entry.path().display());
                }
            }
        }
        println!("| gbk/ (whole documents) | GBK | whole | {n} | {right} | {refused} | {wrong} |");
    }
    ExitCode::SUCCESS
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
