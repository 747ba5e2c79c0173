//! In-process query latency on an index of the two seed statements (built once, in a
//! temporary folder): searching an opened index, and opening it and searching as a `query`
//! process does. Each iteration checks the number of hits.
//!
//!     cargo bench --bench query

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use treatysearch::analyze::Analyzers;
use treatysearch::index::ClauseIndex;
use treatysearch::ingest;
use treatysearch::search::{self, Request};

const QUERIES: &[&str] = &[
    "Belt and Road",
    "\"color revolution\"",
    "cooperate",
    "一个中国",
    "全面战略伙伴关系",
];

fn request(query: &str) -> Request {
    Request {
        query: search::Query::parse(query).expect("a valid query"),
        limit: 10,
        ..Request::default()
    }
}

fn query(c: &mut Criterion) {
    let work = tempfile::tempdir().expect("temporary folder");
    let corpus = work.path().join("corpus");
    fs::create_dir(&corpus).expect("corpus folder");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in fs::read_dir(&seeds).expect("corpus/") {
        let path = entry.expect("corpus entry").path();
        if let Some(name) = path.file_name() {
            fs::copy(&path, corpus.join(name)).expect("copy a seed");
        }
    }
    let index_dir = work.path().join("index");
    let analyzers = Analyzers::new();
    let (index, _) =
        ingest::update(&corpus, &index_dir, &analyzers, &Default::default(), None).expect("index");

    let mut group = c.benchmark_group("query");
    for &q in QUERIES {
        let hits = search::search(&index, &analyzers, &request(q))
            .expect("search")
            .total;
        assert!(hits > 0, "{q}: no hits");
        group.bench_function(format!("search/{q}"), |b| {
            b.iter(|| {
                let results = search::search(&index, &analyzers, black_box(&request(q)));
                assert_eq!(results.expect("search").total, hits);
            })
        });
        group.bench_function(format!("open_and_search/{q}"), |b| {
            b.iter(|| {
                // A fresh process: new analyzers (no jieba loaded), the index opened anew.
                let analyzers = Analyzers::new();
                let index = match ClauseIndex::open(&index_dir, &analyzers) {
                    Ok(Ok(index)) => index,
                    _ => panic!("cannot open the index"),
                };
                let results = search::search(&index, &analyzers, black_box(&request(q)));
                assert_eq!(results.expect("search").total, hits);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
