//! Any string as a query: parsing and searching the seed statements must never panic; a query
//! either fails with a syntax error that points inside it or gives results.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use treatysearch::analyze::Analyzers;
use treatysearch::index::ClauseIndex;
use treatysearch::ingest;
use treatysearch::search::{self, Filters, Request};

struct Seeds {
    _dir: tempfile::TempDir,
    analyzers: Analyzers,
    index: ClauseIndex,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let analyzers = Analyzers::new();
        let (index, _) =
            ingest::update(&corpus, &dir.path().join("index"), &analyzers, &Default::default(), None)
                .expect("index");
        Seeds {
            _dir: dir,
            analyzers,
            index,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    match search::Query::parse(query) {
        Err(e) => assert!(e.position <= query.chars().count(), "{e:?}"),
        Ok(parsed) => {
            let seeds = seeds();
            let request = Request {
                query: parsed,
                limit: 5,
                offset: 0,
                filters: Filters::default(),
                relax: true,
                collapse: true,
                identical_listed: 5,
                glossary: None,
            };
            // A query of nothing searchable is refused with a message; anything else answers.
            let Ok(results) = search::search(&seeds.index, &seeds.analyzers, &request) else {
                return;
            };
            for hit in &results.hits {
                let mut last_end = 0;
                for &[start, end] in &hit.highlights {
                    assert!(last_end <= start && start < end && end <= hit.text.len());
                    assert!(hit.text.is_char_boundary(start) && hit.text.is_char_boundary(end));
                    last_end = end;
                }
            }
        }
    }
});
