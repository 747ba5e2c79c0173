//! Any string as a query: parsing and searching the seed statements must never panic; a query
//! either fails with a syntax error that points inside it or gives results.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use treatysearch::analyze::Analyzers;
use treatysearch::index::{self, ClauseIndex};
use treatysearch::search::{self, Filters, Request, syntax};

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
            index::update(&corpus, &dir.path().join("index"), &analyzers, false).expect("index");
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
    match syntax::parse(query) {
        Err(e) => assert!(e.position <= query.chars().count(), "{e:?}"),
        Ok(_) => {
            let seeds = seeds();
            let request = Request {
                query: query.to_string(),
                limit: 5,
                offset: 0,
                filters: Filters::default(),
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
