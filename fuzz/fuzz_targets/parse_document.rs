//! Bytes as a corpus file (and, after a 0xFF 0x00 separator, its `.meta` sidecar): decoding,
//! HTML to text and parsing must never panic, and every clause must be a slice of the text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use treatysearch::{corpus, markup, parse};

fuzz_target!(|data: &[u8]| {
    let (body, sidecar) = match data.windows(2).position(|w| w == [0xFF, 0x00]) {
        Some(at) => (&data[..at], Some(&data[at + 2..])),
        None => (data, None),
    };
    let Ok(mut text) = corpus::decode(body) else {
        return;
    };
    if markup::looks_like_html(&text) {
        text = markup::html_to_text(&text);
    }
    let sidecar = sidecar.and_then(|s| corpus::decode(s).ok());
    let doc = parse::parse_with_sidecar(&text, sidecar.as_deref(), "fuzz");
    let mut last_end = 0;
    for (i, clause) in doc.clauses.iter().enumerate() {
        let [start, end] = clause.span;
        assert!(start <= end && end <= text.len(), "span {start}..{end} outside the text");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert!(start >= last_end, "clause {i} overlaps the one before");
        assert_eq!(&text[start..end], clause.text);
        assert_eq!(clause.index, i);
        last_end = end;
    }
    // Deterministic: the same input parses the same way.
    assert_eq!(doc, parse::parse_with_sidecar(&text, sidecar.as_deref(), "fuzz"));
});
