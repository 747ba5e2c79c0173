//! The scale benchmark of BENCHMARKS.md: whole `treatysearch` processes on ~100 MB of
//! Chinese and English text (`../shared/corpora/bench/zh_lawref` + `../shared/corpora/dev/tota_en`),
//! each figure side by side with its reference in the same run, commands alternating so that
//! the machine's noise falls on both alike:
//!
//! - full index build vs a bare jieba-rs cut of the same text (`examples/bare_cut.rs`);
//! - `index` after adding one statement vs the full build;
//! - cold `query` (whole process, median) vs `rg -F` over the same files;
//! - index size vs raw text; peak RSS (`/usr/bin/time`) of a build and of a query;
//! - the same at 10%, 30% and 100% of the corpus;
//! - with `--max 300M` or `--max 1G`, the scale curve: larger corpora made by
//!   `examples/scale_corpus.rs` from all the real ones (`bench/zh_lawref` and every `dev/`
//!   folder; each further copy under new file names, its paragraphs shuffled) in a temporary
//!   folder, and at each point one build (wall, CPU, peak RSS, index size) and cold queries
//!   (median, peak RSS) against `rg -F`. `--curve-only` skips the figures at 100%.
//!
//! Run it with `benches/scale.sh` (builds the binaries first). It prints Markdown tables.
//! Without the corpora it says so and does nothing.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const ZH_CORPUS: &str = "../shared/corpora/bench/zh_lawref";
const EN_CORPUS: &str = "../shared/corpora/dev/tota_en";
const ENGLISH: &[&str] = &["customs duties", "dispute settlement"];
const CHINESE: &[&str] = &["人民政府", "法律责任"];
/// The statements added for the incremental figure: the two seeds shipped in `corpus/`.
const STATEMENTS: &[(&str, &str)] = &[
    ("Chinese", "000_73d20a8071c9b808.txt"),
    ("English", "004_ef6e819d78f3d240.txt"),
];

struct Config {
    /// Runs of each cold query (and of its `rg`).
    query_runs: usize,
    /// Rounds of each build and incremental measurement.
    build_rounds: usize,
    /// The largest corpus of the scale curve, in MB (none above 100).
    max_mb: u64,
    /// Runs of each cold query at each point of the curve.
    curve_runs: usize,
    /// Only the scale curve.
    curve_only: bool,
}

struct Tools {
    treatysearch: PathBuf,
    bare_cut: PathBuf,
    scale_corpus: PathBuf,
    time: Option<PathBuf>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_driver: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (zh, en) = (repo.join(ZH_CORPUS), repo.join(EN_CORPUS));
    if !zh.is_dir() || !en.is_dir() {
        println!(
            "bench_driver: skipped: {ZH_CORPUS} and {EN_CORPUS} are not there (the corpora are not part of the repository)"
        );
        return Ok(());
    }
    let mut config = Config {
        query_runs: 30,
        build_rounds: 5,
        max_mb: 100,
        curve_runs: 10,
        curve_only: false,
    };
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--curve-only") {
        config.curve_only = true;
        args.remove(i);
    }
    for pair in args.chunks(2) {
        let value = |p: &[String]| -> Result<usize, String> {
            p.get(1)
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{} needs a number", p[0]))
        };
        match pair[0].as_str() {
            "--query-runs" => config.query_runs = value(pair)?.max(20),
            "--build-rounds" => config.build_rounds = value(pair)?.max(1),
            "--curve-runs" => config.curve_runs = value(pair)?.max(3),
            "--max" => {
                let v = pair.get(1).ok_or("--max needs a size (300M, 1G)")?;
                config.max_mb =
                    megabytes(v).ok_or(format!("--max {v}: a size such as 300M or 1G"))?;
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    let tools = tools()?;
    let work = tempfile::tempdir().map_err(|e| format!("cannot create a work folder: {e}"))?;
    let work = work.path();

    // The corpus, copied (the index must not point at files that are not ours), and its 10%
    // and 30% subsets: every tenth file, and three files in ten, in name order.
    let mut sources = text_files(&zh)?;
    sources.extend(text_files(&en)?);
    sources.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    let mut scales = Vec::new();
    for (percent, keep) in [(10, &[0][..]), (30, &[0, 3, 6][..]), (100, &[][..])] {
        let dir = work.join(format!("corpus{percent}"));
        fs::create_dir(&dir).map_err(|e| e.to_string())?;
        let mut bytes = 0;
        for (i, src) in sources.iter().enumerate() {
            if keep.is_empty() || keep.contains(&(i % 10)) {
                let name = src.file_name().ok_or("a corpus file has no name")?;
                bytes += fs::copy(src, dir.join(name)).map_err(|e| e.to_string())?;
            }
        }
        scales.push((percent, dir, work.join(format!("index{percent}")), bytes));
    }

    println!("# treatysearch scale benchmark\n");
    println!("{}\n", machine());
    if config.curve_only {
        return curve(&tools, &config, repo, work, &scales);
    }
    let (_, corpus, index, raw) = &scales[2];
    println!(
        "Corpus: {ZH_CORPUS} + {EN_CORPUS}: {} files, {:.1} MB of text.\n",
        text_files(corpus)?.len(),
        mb(*raw)
    );

    // Full build against the bare cut.
    let build = ts_args(&tools, corpus, index, &["index", "--rebuild", "--quiet"]);
    let cut = vec![tools.bare_cut.clone().into(), corpus.clone().into()];
    let times = alternate(&[&build, &cut], config.build_rounds, 0)?;
    let (build_time, cut_time) = (median(&times[0]), median(&times[1]));
    let build_rss = max_rss(&tools, &build)?;
    let index_bytes = folder_bytes(index)?;

    // One statement added to the indexed corpus, against the full build.
    let mut incremental = Vec::new();
    for (lang, name) in STATEMENTS {
        let seed = repo.join("corpus").join(name);
        let target = corpus.join(format!("added_{name}"));
        let update = ts_args(&tools, corpus, index, &["index", "--quiet"]);
        let mut times = Vec::new();
        for _ in 0..config.build_rounds {
            let _ = fs::remove_file(&target);
            status(&update)?;
            fs::copy(&seed, &target).map_err(|e| e.to_string())?;
            times.push(timed(&update)?);
        }
        // The timed runs must have added exactly the one statement.
        let _ = fs::remove_file(&target);
        status(&update)?;
        fs::copy(&seed, &target).map_err(|e| e.to_string())?;
        let said = stdout(&ts_args(&tools, corpus, index, &["index"]))?;
        if !said.contains("1 added, 0 updated, 0 removed") {
            return Err(format!("adding {name} did not add one document: {said}"));
        }
        let _ = fs::remove_file(&target);
        status(&update)?;
        incremental.push((*lang, median(&times)));
    }

    // Cold queries against rg, on a settled corpus (its last change more than two seconds
    // old, as a user's corpus is): a query then checks the folders' times instead of every
    // file (src/index/freshness.rs). Right after a change it checks every file once.
    std::thread::sleep(Duration::from_millis(2500));
    status(&ts_args(&tools, corpus, index, &["index", "--quiet"]))?;
    let mut queries = Vec::new();
    for (lang, list) in [("English", ENGLISH), ("Chinese", CHINESE)] {
        for q in list.iter() {
            let ours = ts_args(&tools, corpus, index, &["query", "--json", q]);
            let rg = rg_args(corpus, q);
            let times = alternate(&[&ours, &rg], config.query_runs, 3)?;
            let rss = max_rss(&tools, &ours)?;
            queries.push((lang, *q, median(&times[0]), median(&times[1]), rss));
        }
    }

    println!("## Figures at 100%\n");
    println!("| figure | treatysearch | reference (same run) | ratio | target |");
    println!("|---|---|---|---|---|");
    println!(
        "| full index build, wall | {} | bare jieba cut: {} | {:.2}× | ≤ 1.0× |",
        secs(build_time),
        secs(cut_time),
        ratio(build_time, cut_time)
    );
    for (lang, t) in &incremental {
        println!(
            "| `index` after adding one {lang} statement | {} | full build: {} | {:.2}% | ≤ 0.5 s and ≤ 2% |",
            secs(*t),
            secs(build_time),
            100.0 * ratio(*t, build_time)
        );
    }
    for (lang, q, ours, rg, _) in &queries {
        println!(
            "| cold `query` {lang} `{q}`, median of {} | {} | `rg -F`: {} | {:.1}× faster | {} |",
            config.query_runs,
            ms(*ours),
            ms(*rg),
            ratio(*rg, *ours),
            if *lang == "English" {
                "≤ 10 ms, ≥ 5× faster"
            } else {
                "≤ 15 ms, ≥ 5× faster"
            }
        );
    }
    println!(
        "| index size on disk | {:.1} MB | raw text: {:.1} MB | {:.2}× | ≤ 1.0× |",
        mb(index_bytes),
        mb(*raw),
        ratio_bytes(index_bytes, *raw)
    );
    println!(
        "| peak memory (max RSS), full build | {} | — | | ≤ 1.5 GB |",
        rss_text(build_rss)
    );
    let query_rss = queries.iter().filter_map(|q| q.4).max();
    println!(
        "| peak memory (max RSS), query (largest of the {}) | {} | — | | ≤ 150 MB |",
        queries.len(),
        rss_text(query_rss)
    );

    // How cost grows.
    println!("\n## How cost grows\n");
    println!(
        "| corpus | text | build | bare cut | build / cut | query en `{}` | rg | query zh `{}` | rg |",
        ENGLISH[0], CHINESE[0]
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (percent, corpus, index, raw) in &scales {
        let build = ts_args(&tools, corpus, index, &["index", "--rebuild", "--quiet"]);
        let cut = vec![tools.bare_cut.clone().into(), corpus.clone().into()];
        let rounds = config.build_rounds.min(3);
        let times = alternate(&[&build, &cut], rounds, 0)?;
        let (b, c) = (median(&times[0]), median(&times[1]));
        let mut cells = Vec::new();
        for q in [ENGLISH[0], CHINESE[0]] {
            let ours = ts_args(&tools, corpus, index, &["query", "--json", q]);
            let rg = rg_args(corpus, q);
            let times = alternate(&[&ours, &rg], config.query_runs.min(20), 3)?;
            cells.push(format!(
                "{} | {}",
                ms(median(&times[0])),
                ms(median(&times[1]))
            ));
        }
        println!(
            "| {percent}% | {:.1} MB | {} | {} | {:.2}× | {} | {} |",
            mb(*raw),
            secs(b),
            secs(c),
            ratio(b, c),
            cells[0],
            cells[1]
        );
    }
    if config.max_mb > 100 {
        curve(&tools, &config, repo, work, &scales)?;
    }
    Ok(())
}

/// `300M`, `1G`, `1000` (MB) → megabytes.
fn megabytes(s: &str) -> Option<u64> {
    let s = s.trim();
    let (number, unit) = match s.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&s[..i], s[i..].to_ascii_uppercase()),
        None => (s, "M".to_string()),
    };
    let n: f64 = number.parse().ok()?;
    let mb = match unit.trim_end_matches('B') {
        "M" => n,
        "G" => n * 1000.0,
        _ => return None,
    };
    (mb >= 1.0).then_some(mb as u64)
}

/// The scale curve: each point built once and queried, from 10% of the 100 MB corpus to
/// `--max`, in one table.
fn curve(
    tools: &Tools,
    config: &Config,
    repo: &Path,
    work: &Path,
    scales: &[(u32, PathBuf, PathBuf, u64)],
) -> Result<(), String> {
    let mut points: Vec<(String, PathBuf, PathBuf, u64)> = scales
        .iter()
        .map(|(p, c, i, b)| (format!("{p}% of 100 MB"), c.clone(), i.clone(), *b))
        .collect();
    let sources: Vec<PathBuf> = [
        "../shared/corpora/bench/zh_lawref",
        "../shared/corpora/dev/tota_en",
        "../shared/corpora/dev/zh_laws",
        "../shared/corpora/dev/zh_gov_reports",
        "../shared/corpora/dev/nl_treaties",
        "../shared/corpora/dev/ungdc",
    ]
    .iter()
    .map(|d| repo.join(d))
    .filter(|d| d.is_dir())
    .collect();
    let mut sizes: Vec<u64> = [300, 1000]
        .into_iter()
        .filter(|&mb| mb <= config.max_mb)
        .collect();
    if config.max_mb > 100 && !sizes.contains(&config.max_mb) {
        sizes.push(config.max_mb);
    }
    for mb in sizes {
        let dir = work.join(format!("corpus{mb}M"));
        let mut cmd = Command::new(&tools.scale_corpus);
        cmd.arg("corpus")
            .arg("--out")
            .arg(&dir)
            .arg("--mb")
            .arg(mb.to_string())
            .args(&sources);
        let out = cmd.output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "scale_corpus failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let bytes = text_files(&dir)?
            .iter()
            .filter_map(|f| f.metadata().ok())
            .map(|m| m.len())
            .sum();
        points.push((
            format!("{mb} MB, copies"),
            dir,
            work.join(format!("index{mb}M")),
            bytes,
        ));
    }
    println!("\n## Scale curve\n");
    println!(
        "Each point built once from nothing (`index --rebuild`) and measured with GNU time; \
         cold queries `query --json` median of {} runs, alternating with `rg -F` over the same \
         files; query RSS the larger of the two queries.\n",
        config.curve_runs
    );
    println!(
        "| corpus | files | text | clauses | build wall | build CPU | wall per 100 MB | build peak RSS | index / text | bare cut | query en `{}` | rg | query zh `{}` | rg | query peak RSS |",
        ENGLISH[0], CHINESE[0]
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (name, corpus, index, raw) in &points {
        let build = ts_args(tools, corpus, index, &["index", "--rebuild", "--quiet"]);
        let (wall, cpu, rss) = measured(tools, &build)?;
        let index_bytes = folder_bytes(index)?;
        let cut = vec![tools.bare_cut.clone().into(), corpus.clone().into()];
        let cut_time = timed(&cut)?;
        std::thread::sleep(Duration::from_millis(2500));
        status(&ts_args(tools, corpus, index, &["index", "--quiet"]))?;
        let stats = stdout(&ts_args(tools, corpus, index, &["stats", "--json"]))?;
        let clauses = stats
            .split("\"clause_count\":")
            .nth(1)
            .and_then(|s| s.split([',', '}']).next())
            .and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or(0);
        let mut cells = Vec::new();
        let mut query_rss = None;
        for q in [ENGLISH[0], CHINESE[0]] {
            let ours = ts_args(tools, corpus, index, &["query", "--json", q]);
            let rg = rg_args(corpus, q);
            let times = alternate(&[&ours, &rg], config.curve_runs, 2)?;
            cells.push(format!(
                "{} | {}",
                ms(median(&times[0])),
                ms(median(&times[1]))
            ));
            query_rss = query_rss.max(max_rss(tools, &ours)?);
        }
        println!(
            "| {name} | {} | {:.1} MB | {} | {} | {} | {} | {} | {:.2}× | {} | {} | {} | {} |",
            text_files(corpus)?.len(),
            mb(*raw),
            clauses,
            secs(wall),
            cpu.map_or("n/a".into(), secs),
            secs(Duration::from_secs_f64(
                wall.as_secs_f64() * 1e8 / (*raw as f64).max(1.0)
            )),
            rss_text(rss),
            ratio_bytes(index_bytes, *raw),
            secs(cut_time),
            cells[0],
            cells[1],
            rss_text(query_rss)
        );
    }
    Ok(())
}

/// Wall time, CPU time (user + system) and peak RSS of one run, from GNU time when there is
/// one (wall time alone otherwise).
fn measured(
    tools: &Tools,
    args: &[OsString],
) -> Result<(Duration, Option<Duration>, Option<u64>), String> {
    let Some(time) = &tools.time else {
        return Ok((timed(args)?, None, None));
    };
    let started = Instant::now();
    let out = Command::new(time)
        .arg("-f")
        .arg("MEASURED=%U %S %M")
        .args(args)
        .stdout(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    let wall = started.elapsed();
    if !out.status.success() {
        return Err(format!("{args:?} exited with {}", out.status));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fields: Vec<f64> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("MEASURED="))
        .flat_map(|l| l.split_whitespace().filter_map(|v| v.parse().ok()))
        .collect();
    match fields.as_slice() {
        [user, sys, kb] => Ok((
            wall,
            Some(Duration::from_secs_f64(user + sys)),
            Some(*kb as u64 * 1024),
        )),
        _ => Ok((wall, None, None)),
    }
}

fn tools() -> Result<Tools, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    // target/release/examples/bench_driver → target/release/treatysearch
    let examples = exe.parent().ok_or("where is this binary?")?;
    let release = examples.parent().ok_or("where is this binary?")?;
    let tools = Tools {
        treatysearch: release.join("treatysearch"),
        bare_cut: examples.join("bare_cut"),
        scale_corpus: examples.join("scale_corpus"),
        time: Some(PathBuf::from("/usr/bin/time")).filter(|p| p.is_file()),
    };
    for (path, build) in [
        (&tools.treatysearch, "cargo build --release"),
        (&tools.bare_cut, "cargo build --release --example bare_cut"),
        (
            &tools.scale_corpus,
            "cargo build --release --example scale_corpus",
        ),
    ] {
        if !path.is_file() {
            return Err(format!("{} is missing: run `{build}`", path.display()));
        }
    }
    if Command::new("rg").arg("--version").output().is_err() {
        return Err("rg is not installed (apt-get install ripgrep)".into());
    }
    if tools.time.is_none() {
        eprintln!("bench_driver: /usr/bin/time is missing (apt-get install time): no RSS figures");
    }
    Ok(tools)
}

fn ts_args(tools: &Tools, corpus: &Path, index: &Path, args: &[&str]) -> Vec<OsString> {
    let mut v: Vec<OsString> = vec![
        tools.treatysearch.clone().into(),
        "--corpus".into(),
        corpus.into(),
        "--index".into(),
        index.into(),
    ];
    v.extend(args.iter().map(OsString::from));
    v
}

fn rg_args(corpus: &Path, query: &str) -> Vec<OsString> {
    vec![
        "rg".into(),
        "-F".into(),
        "--".into(),
        query.into(),
        corpus.into(),
    ]
}

fn command(args: &[OsString]) -> Command {
    let mut cmd = Command::new(&args[0]);
    cmd.args(&args[1..]);
    cmd
}

/// Runs a command to completion, output discarded; fails unless it exits 0.
fn status(args: &[OsString]) -> Result<(), String> {
    let status = command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("{}: {e}", args[0].to_string_lossy()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{args:?} exited with {status}"))
    }
}

fn stdout(args: &[OsString]) -> Result<String, String> {
    let out = command(args).output().map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Wall time of one run of a whole process (which must succeed: a query with no hits would
/// measure nothing).
fn timed(args: &[OsString]) -> Result<Duration, String> {
    let started = Instant::now();
    status(args)?;
    Ok(started.elapsed())
}

/// `runs` timed runs of each command, taking turns, after `warmup` untimed turns.
fn alternate(
    cmds: &[&Vec<OsString>],
    runs: usize,
    warmup: usize,
) -> Result<Vec<Vec<Duration>>, String> {
    let mut times = vec![Vec::with_capacity(runs); cmds.len()];
    for round in 0..warmup + runs {
        for (i, cmd) in cmds.iter().enumerate() {
            let t = timed(cmd)?;
            if round >= warmup {
                times[i].push(t);
            }
        }
    }
    Ok(times)
}

/// Peak resident memory of one run, in bytes, from `/usr/bin/time -f %M`.
fn max_rss(tools: &Tools, args: &[OsString]) -> Result<Option<u64>, String> {
    let Some(time) = &tools.time else {
        return Ok(None);
    };
    let out = Command::new(time)
        .arg("-f")
        .arg("RSS_KB=%M")
        .args(args)
        .stdout(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    Ok(stderr
        .lines()
        .filter_map(|l| l.strip_prefix("RSS_KB="))
        .find_map(|kb| kb.trim().parse::<u64>().ok())
        .map(|kb| kb * 1024))
}

fn text_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect())
}

fn folder_bytes(dir: &Path) -> Result<u64, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(entries
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum())
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

fn ratio_bytes(a: u64, b: u64) -> f64 {
    a as f64 / (b as f64).max(1.0)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn rss_text(bytes: Option<u64>) -> String {
    bytes.map_or("n/a".to_string(), |b| format!("{:.0} MB", mb(b)))
}

/// Date, CPU, cores and memory, from the system.
fn machine() -> String {
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    let load = fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_default();
    format!(
        "{date} · {model}, {cores} cores, {mem_gib:.0} GiB · load average at start {load} · release build, warm page cache"
    )
}
