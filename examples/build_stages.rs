//! Where a full build's CPU time goes: the stages of `treatysearch index --rebuild` measured
//! in process with per-thread CPU clocks (`analyze::stages`), beside a bare jieba-rs cut of the
//! same `.txt` files in the same process (one thread, as `examples/bare_cut.rs`).
//!
//!     cargo run --release --example build_stages -- CORPUS INDEX [--no-cut]
//!
//! INDEX is a folder of treatysearch's own (or a new one): it is rebuilt. Prints Markdown.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use treatysearch::analyze::Analyzers;
use treatysearch::analyze::stages;
use treatysearch::ingest::{UpdateOptions, update};

/// User and system CPU seconds of the whole process so far.
fn process_cpu() -> f64 {
    // SAFETY: `usage` is a valid, writable rusage.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(corpus), Some(index)) = (args.first(), args.get(1)) else {
        eprintln!("usage: build_stages CORPUS INDEX [--no-cut]");
        return ExitCode::from(2);
    };
    let (corpus, index) = (PathBuf::from(corpus), PathBuf::from(index));
    let cut = !args.iter().any(|a| a == "--no-cut");

    let mut bare = None;
    if cut {
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(&corpus) {
            Ok(entries) => entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect(),
            Err(e) => {
                eprintln!("build_stages: cannot list {}: {e}", corpus.display());
                return ExitCode::from(2);
            }
        };
        paths.sort();
        let (wall, cpu) = (Instant::now(), process_cpu());
        let jieba = jieba_rs::Jieba::new();
        let mut tokens = 0;
        for path in &paths {
            if let Ok(text) = std::fs::read_to_string(path) {
                tokens += jieba.cut(&text, true).len();
            }
        }
        drop(jieba);
        bare = Some((wall.elapsed().as_secs_f64(), process_cpu() - cpu, tokens));
    }

    stages::enable();
    let analyzers = match Analyzers::for_corpus(&corpus) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("build_stages: {e}");
            return ExitCode::from(2);
        }
    };
    let (wall, cpu) = (Instant::now(), process_cpu());
    let options = UpdateOptions {
        rebuild: true,
        ..UpdateOptions::default()
    };
    let report = match update(&corpus, &index, &analyzers, &options, None) {
        Ok((_, report)) => report,
        Err(e) => {
            eprintln!("build_stages: {e:#}");
            return ExitCode::from(2);
        }
    };
    let (wall, cpu) = (wall.elapsed().as_secs_f64(), process_cpu() - cpu);

    println!(
        "{} documents, {} clauses; build {wall:.2} s wall, {cpu:.2} s CPU",
        report.documents, report.clauses
    );
    if let Some((cut_wall, cut_cpu, tokens)) = bare {
        println!(
            "bare jieba cut (one thread, same process, before the build): {cut_wall:.2} s wall, {cut_cpu:.2} s CPU, {tokens} tokens; build / cut: {:.2}× wall, {:.2}× CPU",
            wall / cut_wall,
            cpu / cut_cpu
        );
    }
    println!("\n| stage | CPU s | share of build CPU |\n|---|---|---|");
    let mut measured = 0.0;
    for (stage, secs) in stages::totals() {
        measured += secs;
        println!(
            "| {} | {secs:.2} | {:.1}% |",
            stage.name(),
            100.0 * secs / cpu
        );
    }
    let rest = cpu - measured;
    println!(
        "| tantivy (indexing, stems, doc store, merges) and the rest | {rest:.2} | {:.1}% |",
        100.0 * rest / cpu
    );
    ExitCode::SUCCESS
}
