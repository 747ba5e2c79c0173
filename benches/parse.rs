//! Structure parsing throughput on the two seed statements: text → document with title, dates,
//! parties, articles and clauses. Each iteration checks the number of articles.
//!
//!     cargo bench --bench parse

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use treatysearch::parse::parse_document;

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, articles) in [("000_73d20a8071c9b808", 10), ("004_ef6e819d78f3d240", 14)] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(format!("{name}.txt"));
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(parse_document(&text, name).articles.len(), articles);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let doc = parse_document(black_box(&text), name);
                assert_eq!(doc.articles.len(), articles);
                doc
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
