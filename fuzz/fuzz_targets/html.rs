//! Bytes as an HTML page: main-content extraction must never panic, its text must hold no
//! link marks, and a title, when there is one, is one line of text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use treatysearch::markup;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let page = markup::html_to_page(&html);
    assert!(page.text.ends_with('\n'));
    assert!(!page.text.contains(['\u{E000}', '\u{E001}']), "a link mark leaked");
    if let Some(title) = &page.title {
        assert!(!title.contains('\n'), "title on several lines: {title:?}");
        assert!(!title.trim().is_empty());
    }
    // Deterministic.
    assert_eq!(page, markup::html_to_page(&html));
});
