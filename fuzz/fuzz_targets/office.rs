//! Bytes as a Word `.docx` or OpenDocument `.odt` file (a zip archive): the readers must never
//! panic, must refuse what inflates past their cap, and what they return is paragraphs of
//! text. The input is used both as the raw file and as `word/document.xml` / `content.xml`
//! inside a valid archive, so that the XML readers are fuzzed as well as the zip reader.

#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use treatysearch::formats;

fuzz_target!(|data: &[u8]| {
    for ext in ["docx", "odt"] {
        check(formats::to_text(data, ext));
    }
    for (member, ext) in [("word/document.xml", "docx"), ("content.xml", "odt")] {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", options).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.text").unwrap();
        zip.start_file(member, options).unwrap();
        zip.write_all(data).unwrap();
        if ext == "docx" {
            // The numbering part too, from the same bytes.
            zip.start_file("word/numbering.xml", options).unwrap();
            zip.write_all(data).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        check(formats::to_text(&bytes, ext));
    }
});

fn check(result: Result<String, String>) {
    match result {
        Ok(text) => {
            assert!(!text.trim().is_empty(), "empty text returned as a success");
            assert!(!text.contains("\n\n\n"), "paragraphs are one blank line apart");
        }
        Err(reason) => assert!(!reason.is_empty()),
    }
}
