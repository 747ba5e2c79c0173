//! Analyzer throughput on the two seed statements: Chinese with the full jieba dictionary (as
//! when indexing) and with a fresh partial one (as a query cuts a long clause to highlight
//! it), and English. Each iteration checks the token count, so a broken path cannot look fast.
//!
//!     cargo bench --bench analyzer

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use treatysearch::analyze::Analyzers;

const ZH: &str = "000_73d20a8071c9b808.txt";
const EN: &str = "004_ef6e819d78f3d240.txt";

fn seed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn count(analyzer: &mut TextAnalyzer, text: &str) -> usize {
    let mut stream = analyzer.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        n += 1;
    }
    n
}

fn analyzers(c: &mut Criterion) {
    let (zh, en) = (seed(ZH), seed(EN));
    let indexing = Analyzers::new();
    indexing.segmenter().load_full();
    let mut group = c.benchmark_group("analyze");

    let mut zh_analyzer = indexing.zh();
    let zh_tokens = count(&mut zh_analyzer, &zh);
    assert!(zh_tokens > 1_000, "{zh_tokens} tokens");
    group.throughput(Throughput::Bytes(zh.len() as u64));
    group.bench_function("zh_full_dictionary", |b| {
        b.iter(|| assert_eq!(count(&mut zh_analyzer, black_box(&zh)), zh_tokens))
    });
    group.bench_function("zh_partial_dictionary_cold", |b| {
        b.iter(|| {
            let fresh = Analyzers::new();
            assert_eq!(count(&mut fresh.zh(), black_box(&zh)), zh_tokens);
            assert!(!fresh.segmenter().is_loaded());
        })
    });

    let mut en_analyzer = indexing.en();
    let en_tokens = count(&mut en_analyzer, &en);
    assert!(en_tokens > 1_000, "{en_tokens} tokens");
    group.throughput(Throughput::Bytes(en.len() as u64));
    group.bench_function("en", |b| {
        b.iter(|| assert_eq!(count(&mut en_analyzer, black_box(&en)), en_tokens))
    });
    group.finish();
}

criterion_group!(benches, analyzers);
criterion_main!(benches);
