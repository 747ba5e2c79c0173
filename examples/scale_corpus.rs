//! Generated inputs for the scale benchmarks, made from real text (never copied into the
//! repository: they are written to the folder given):
//!
//! - `document`: one huge statement of real paragraphs under `一、 二、 …` headings, the shape
//!   that made `show` and `similar` slow (issue 16): article 1 alone holds `--big` paragraphs
//!   (a whole archive pasted under one heading), every other article `--per` paragraphs, up to
//!   `--clauses` paragraphs or `--max-mb` megabytes in all.
//! - `corpus`: copies of the text files of the given folders, until `--mb` megabytes: the first
//!   copy as it is, each further copy under new file names (new document ids) with its
//!   paragraphs shuffled (headings stay where they are), so that every copy is a document of
//!   its own and the index grows as with new documents, not as with duplicates.
//!
//! ```text
//! cargo run --release --example scale_corpus -- document --out huge/statement.txt \
//!     --clauses 200000 --big 100000 --per 200 ../shared/corpora/dev/zh_gov_reports ../shared/corpora/dev/zh_laws
//! cargo run --release --example scale_corpus -- corpus --out scale/1G --mb 1000 \
//!     ../shared/corpora/bench/zh_lawref ../shared/corpora/dev/tota_en ../shared/corpora/dev/zh_laws
//! ```
//!
//! Deterministic: the same arguments write the same bytes. Refuses to write into a folder that
//! has files already (`corpus`) or over an existing file (`document`).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scale_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    mode: String,
    out: PathBuf,
    sources: Vec<PathBuf>,
    clauses: usize,
    big: usize,
    per: usize,
    max_mb: u64,
    mb: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mode = it.next().ok_or(USAGE)?;
    let mut args = Args {
        mode,
        out: PathBuf::new(),
        sources: Vec::new(),
        clauses: 200_000,
        big: 100_000,
        per: 200,
        max_mb: 60,
        mb: 1000,
    };
    while let Some(a) = it.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match a.as_str() {
            "--out" => args.out = it.next().ok_or("--out needs a path")?.into(),
            "--clauses" => args.clauses = number("--clauses")? as usize,
            "--big" => args.big = number("--big")? as usize,
            "--per" => args.per = (number("--per")? as usize).max(1),
            "--max-mb" => args.max_mb = number("--max-mb")?,
            "--mb" => args.mb = number("--mb")?,
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n{USAGE}")),
            _ => args.sources.push(a.into()),
        }
    }
    if args.out.as_os_str().is_empty() || args.sources.is_empty() {
        return Err(USAGE.into());
    }
    Ok(args)
}

const USAGE: &str = "usage: scale_corpus document --out FILE [--clauses N] [--big N] [--per N] [--max-mb N] FOLDER…\n       scale_corpus corpus --out DIR [--mb N] FOLDER…";

fn run() -> Result<(), String> {
    let args = parse_args()?;
    match args.mode.as_str() {
        "document" => document(&args),
        "corpus" => corpus(&args),
        _ => Err(USAGE.into()),
    }
}

/// A small deterministic generator (xorshift64*): no dependency, same bytes every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// The `.txt` files of a folder, in name order (not recursive, as the benchmark's reference
/// tools read them).
fn text_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Does a paragraph start like a heading or a numbered item (一、 （一） 第三条 Article 3 1.)?
/// Those keep their place in a shuffled copy and are not used as plain paragraphs.
fn numbered(p: &str) -> bool {
    let p = p.trim_start_matches([' ', '\u{3000}', '\t']);
    let Some(first) = p.chars().next() else {
        return false;
    };
    if "一二三四五六七八九十百（(第〇零".contains(first) || first.is_ascii_digit() {
        return true;
    }
    let lower = p.get(..9).unwrap_or(p).to_ascii_lowercase();
    ["article", "chapter", "section", "annex", "part "]
        .iter()
        .any(|w| lower.starts_with(w))
}

/// 1 → 一, 24 → 二十四, 305 → 三百零五 (up to 999, as the statements number their items).
fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (h, t, u) = (n / 100 % 10, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(D[h]);
        s.push('百');
        if t == 0 && u > 0 {
            s.push('零');
        }
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push_str(D[t]);
        }
        s.push('十');
    }
    if u > 0 {
        s.push_str(D[u]);
    }
    s
}

fn document(args: &Args) -> Result<(), String> {
    if args.out.exists() {
        return Err(format!("{} exists: not overwritten", args.out.display()));
    }
    // Plain paragraphs of real text, 20 to 300 characters, no headings.
    let mut paragraphs = Vec::new();
    for dir in &args.sources {
        for file in text_files(dir)? {
            let Ok(text) = fs::read_to_string(&file) else {
                continue;
            };
            for line in text.lines() {
                let p = line.trim();
                let n = p.chars().count();
                if (20..=300).contains(&n) && !numbered(p) && !p.starts_with(['{', '"', '#']) {
                    paragraphs.push(p.to_string());
                }
            }
        }
    }
    if paragraphs.is_empty() {
        return Err("no paragraphs of 20 to 300 characters in the folders given".into());
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let file = fs::File::create(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let mut out = BufWriter::new(file);
    let cap = args.max_mb * 1_000_000;
    let mut written: u64 = 0;
    let put = |out: &mut BufWriter<fs::File>, written: &mut u64, s: &str| {
        *written += s.len() as u64;
        out.write_all(s.as_bytes()).map_err(|e| e.to_string())
    };
    put(
        &mut out,
        &mut written,
        "中华人民共和国和阿尔多利亚共和国关于深化全面合作的联合声明（汇编）\n\n2023年5月1日\n\n",
    )?;
    let (mut article, mut in_article, mut clauses) = (1, 0, 0);
    while clauses < args.clauses {
        let size = if article == 1 { args.big } else { args.per };
        let p = &paragraphs[rng.below(paragraphs.len())];
        let line = if in_article == 0 {
            format!("{}、{p}\n\n", chinese_number(article))
        } else {
            format!("{p}\n\n")
        };
        if written + line.len() as u64 > cap {
            break;
        }
        put(&mut out, &mut written, &line)?;
        clauses += 1;
        in_article += 1;
        if in_article >= size {
            article += 1;
            in_article = 0;
            if article > 999 {
                break;
            }
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    eprintln!(
        "scale_corpus: {}: {clauses} paragraphs in {} articles, {:.1} MB",
        args.out.display(),
        article - usize::from(in_article == 0),
        written as f64 / 1e6
    );
    Ok(())
}

fn corpus(args: &Args) -> Result<(), String> {
    if args.out.exists()
        && fs::read_dir(&args.out)
            .map_err(|e| e.to_string())?
            .next()
            .is_some()
    {
        return Err(format!(
            "{} is not empty: nothing written",
            args.out.display()
        ));
    }
    fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let mut sources = Vec::new();
    for dir in &args.sources {
        let tag = dir
            .file_name()
            .map_or("src".into(), |n| n.to_string_lossy().into_owned());
        for f in text_files(dir)? {
            sources.push((tag.clone(), f));
        }
    }
    if sources.is_empty() {
        return Err("no .txt files in the folders given".into());
    }
    let target = args.mb * 1_000_000;
    let (mut bytes, mut files) = (0u64, 0usize);
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    'copies: for copy in 0.. {
        for (tag, src) in &sources {
            if bytes >= target {
                break 'copies;
            }
            let text = fs::read_to_string(src).map_err(|e| format!("{}: {e}", src.display()))?;
            let name = src.file_name().ok_or("a file without a name")?;
            let name = format!("c{copy:02}_{tag}_{}", name.to_string_lossy());
            let text = if copy == 0 {
                text
            } else {
                shuffled(&text, &mut rng)
            };
            fs::write(args.out.join(&name), &text).map_err(|e| format!("{name}: {e}"))?;
            bytes += text.len() as u64;
            files += 1;
        }
    }
    eprintln!(
        "scale_corpus: {}: {files} files, {:.1} MB",
        args.out.display(),
        bytes as f64 / 1e6
    );
    Ok(())
}

/// The text with its paragraphs (blocks between blank lines, or lines when there are none)
/// in another order: the first two (title, date) and every numbered one stay in place, the
/// others trade places among themselves.
fn shuffled(text: &str, rng: &mut Rng) -> String {
    let sep = if text.contains("\n\n") { "\n\n" } else { "\n" };
    let mut blocks: Vec<&str> = text.split(sep).collect();
    let movable: Vec<usize> = (2..blocks.len())
        .filter(|&i| !blocks[i].trim().is_empty() && !numbered(blocks[i]))
        .collect();
    let mut order = movable.clone();
    rng.shuffle(&mut order);
    let original = blocks.clone();
    for (slot, from) in movable.iter().zip(&order) {
        blocks[*slot] = original[*from];
    }
    blocks.join(sep)
}
