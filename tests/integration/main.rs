//! Integration tests: the real `treatysearch` binary on small corpora in temporary folders.

mod errors;
mod formats;
mod incremental;
mod json;
mod parse;
mod properties;
mod query;
mod util;
