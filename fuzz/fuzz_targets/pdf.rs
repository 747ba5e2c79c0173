//! Bytes as a PDF file: the reader must never panic past its guard (a panic inside the PDF
//! crate is caught and becomes a reason), never hang, and what it returns must be text in
//! paragraphs, without the private marks or NUL characters that would confuse the parser.

#![no_main]

use libfuzzer_sys::fuzz_target;
use treatysearch::formats::pdf;

fuzz_target!(|data: &[u8]| {
    quiet_caught_panics();
    let mut bytes = b"%PDF-1.4\n".to_vec();
    // Most inputs start as a PDF, so that the fuzzer spends its time inside the reader.
    if !data.starts_with(b"%PDF-") {
        bytes.extend_from_slice(data);
    } else {
        bytes = data.to_vec();
    }
    match pdf::read(&bytes) {
        Ok(text) => {
            assert!(!text.trim().is_empty(), "empty text returned as a success");
            assert!(text.ends_with('\n'));
            assert!(!text.contains("\n\n\n"), "paragraphs are one blank line apart");
        }
        Err(reason) => assert!(!reason.is_empty()),
    }
});

/// libFuzzer's hook aborts on every panic, even one that the reader catches on purpose;
/// a panic that escapes the reader still aborts (libfuzzer-sys catches it at the top).
fn quiet_caught_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|_| {})));
}
