//! Compiles jieba's dictionary (`data/jieba/dict.txt`) into an `fst` map, word → frequency,
//! that the crate embeds: the query path looks words up in it without loading the whole
//! dictionary into a `Jieba` (see `src/analyze/dictionary.rs`).

use std::env;
use std::fs;
use std::path::PathBuf;

const DICT: &str = "data/jieba/dict.txt";

fn main() {
    println!("cargo:rerun-if-changed={DICT}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(DICT).unwrap_or_else(|e| panic!("cannot read {DICT}: {e}"));

    // Parsed exactly as jieba-rs parses its embedded copy (`Jieba::load_default_dict`): words
    // split on ASCII whitespace, a missing frequency is 0, the tag is ignored here.
    let mut entries: Vec<(&str, u64)> = Vec::with_capacity(text.len() / 14);
    for (n, line) in text.lines().enumerate() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = match fields.next() {
            Some(f) => f
                .parse::<u64>()
                .unwrap_or_else(|e| panic!("{DICT}:{}: bad frequency {f:?}: {e}", n + 1)),
            None => 0,
        };
        entries.push((word, freq));
    }
    entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    if let Some(pair) = entries.windows(2).find(|p| p[0].0 == p[1].0) {
        // jieba-rs would count both entries in its total but look up only one: keep the file
        // free of duplicates so that the map and the full dictionary cannot disagree.
        panic!("{DICT}: duplicate word {:?}", pair[0].0);
    }
    let total: u64 = entries.iter().map(|e| e.1).sum();

    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let fst = fst::Map::from_iter(entries.iter().map(|&(w, f)| (w, f)))
        .unwrap_or_else(|e| panic!("cannot build the dictionary map: {e}"));
    fs::write(out.join("jieba_dict.fst"), fst.as_fst().as_bytes()).expect("write jieba_dict.fst");
    fs::write(
        out.join("jieba_dict.rs"),
        format!(
            "/// Number of words in the dictionary.\npub const WORDS: usize = {};\n\
             /// Sum of the frequencies of all words (jieba's `total`).\npub const TOTAL: u64 = {total};\n",
            entries.len()
        ),
    )
    .expect("write jieba_dict.rs");
}
