//! Bytes as a text file: decoding never panics; valid UTF-8 comes back unchanged; what a
//! legacy encoding gives holds no NUL; and a refusal says why.

#![no_main]

use libfuzzer_sys::fuzz_target;
use treatysearch::formats::encoding;

fuzz_target!(|data: &[u8]| {
    match encoding::decode(data) {
        Ok(text) => {
            assert!(!text.contains('\0'), "NUL in decoded text");
            if let Ok(utf8) = std::str::from_utf8(data)
                && !data.starts_with(b"\xEF\xBB\xBF")
                && !data.contains(&0)
            {
                assert_eq!(text, utf8, "valid UTF-8 changed by decoding");
            }
        }
        Err(reason) => assert!(!reason.is_empty()),
    }
    // The same bytes named as other formats: never a panic (PDF and zip bytes have their
    // own targets).
    if !data.starts_with(b"%PDF-") && !data.starts_with(b"PK") {
        for ext in ["txt", "html", "pdf", "docx"] {
            let _ = treatysearch::formats::to_text(data, ext);
        }
    }
});
