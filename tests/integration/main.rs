//! Integration tests: the real `treatysearch` binary on small corpora in temporary folders.

mod errors;
mod incremental;
mod jieba;
mod json;
mod parse;
mod progress;
mod query;
mod util;
