//! Integration tests: the real `treatysearch` binary on small corpora in temporary folders.

mod bounds;
mod compare;
mod dating;
mod dev_corpus;
mod documents;
mod errors;
mod faults;
mod formats;
mod hostile;
mod incremental;
mod jieba;
mod json;
mod json_analysis;
mod metadata;
mod ownership;
mod parse;
mod progress;
mod properties;
mod query;
mod readers;
mod readme;
mod shell;
mod similar;
mod terminal;
mod timeline;
mod util;
