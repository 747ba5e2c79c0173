//! What reading stored clauses costs: opens an index and reads N stored clauses at random
//! addresses with no block cache (each read decompresses its block, as the first hit of a
//! cold query does), then prints the median and mean time per clause.
//!
//!     cargo run --release --example store_read -- INDEX [N]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use tantivy::TantivyDocument;
use treatysearch::analyze::Analyzers;
use treatysearch::index::ClauseIndex;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: store_read INDEX [N]");
        return ExitCode::from(2);
    };
    let n: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(2000);
    let index = match ClauseIndex::open(&dir, &Analyzers::new()) {
        Ok(Ok(index)) => index,
        _ => {
            eprintln!("store_read: cannot open the index in {}", dir.display());
            return ExitCode::from(2);
        }
    };
    let reader = index.reader().expect("reader");
    let searcher = reader.searcher();
    if args.iter().any(|a| a == "--usage") {
        usage(&searcher);
    }
    let segments: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|s| (s.max_doc(), s.get_store_reader(0).expect("store")))
        .collect();
    // A fixed pseudo-random sequence (xorshift), the same for every index.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut times = Vec::with_capacity(n);
    let mut bytes = 0;
    for _ in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let (max, store) = &segments[(x % segments.len() as u64) as usize];
        let doc = ((x >> 20) % u64::from(*max)) as u32;
        let t = Instant::now();
        let d: TantivyDocument = store.get(doc).expect("stored clause");
        times.push(t.elapsed().as_secs_f64() * 1e6);
        bytes += treatysearch::index::stored::decode(&index.fields, &d)
            .1
            .text
            .len();
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let mean = times.iter().sum::<f64>() / n as f64;
    println!(
        "{n} stored clauses read, no cache: median {:.0} µs, mean {mean:.0} µs ({bytes} bytes of text)",
        times[n / 2]
    );
    ExitCode::SUCCESS
}

/// Bytes per field and per kind of file, summed over the segments (tantivy's space usage).
fn usage(searcher: &tantivy::Searcher) {
    let usage = searcher.space_usage().expect("space usage");
    let mut rows: std::collections::BTreeMap<String, [usize; 5]> = Default::default();
    let mut store = 0;
    for seg in usage.segments() {
        let kinds = [
            seg.postings(),
            seg.positions(),
            seg.termdict(),
            seg.fast_fields(),
            seg.fieldnorms(),
        ];
        for (k, per) in kinds.iter().enumerate() {
            for u in per.fields() {
                rows.entry(u.field_name().to_string()).or_default()[k] +=
                    u.total().get_bytes() as usize;
            }
        }
        store += seg.store().total().get_bytes() as usize;
    }
    println!(
        "| field | postings | positions | terms | fast | norms | total |\n|---|---|---|---|---|---|---|"
    );
    let mb = |b: usize| format!("{:.2}", b as f64 / 1e6);
    for (name, r) in &rows {
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} |",
            mb(r[0]),
            mb(r[1]),
            mb(r[2]),
            mb(r[3]),
            mb(r[4]),
            mb(r.iter().sum())
        );
    }
    println!("| (doc store) | | | | | | {} |", mb(store));
}
