//! The formats people really have, on the real binary: one statement as text, an HTML page,
//! a two-page PDF with a running header and page numbers, Word and OpenDocument files
//! (`tests/fixtures/formats/`, made by its `generate.py` with LibreOffice); a scan without a
//! text layer; legacy encodings; and hostile PDFs and archives.

use std::io::Write;

use serde_json::Value;

use crate::util::{self, Workspace};

fn fixture(name: &str) -> std::path::PathBuf {
    util::fixture(&format!("formats/{name}"))
}

fn with_fixtures(names: &[&str]) -> Workspace {
    util::with_fixtures("formats", names)
}

fn parse(ws: &Workspace, name: &str) -> Value {
    util::parse_json(ws, name)
}

/// What a reader cites of a document: its title, language, dates, place, parties, and its
/// articles (label and number; lines differ between formats).
fn citable(doc: &Value) -> Value {
    let articles: Vec<Value> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| serde_json::json!([a["label"], a["number"]]))
        .collect();
    serde_json::json!({
        "title": doc["title"],
        "lang": doc["lang"],
        "dates": doc["dates"],
        "place": doc["place"],
        "parties": doc["parties"],
        "articles": articles,
    })
}

fn clause_texts(doc: &Value) -> Vec<String> {
    doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

const FORMATS: &[&str] = &["txt", "html", "pdf", "docx", "odt"];

#[test]
fn the_same_statement_in_every_format_is_the_same_document() {
    for (stem, articles, title_start) in [
        (
            "statement_zh",
            5,
            "中华人民共和国和白俄罗斯共和国关于深化全面战略伙伴关系的联合声明",
        ),
        (
            "statement_en",
            5,
            "Joint Statement between the People's Republic of China",
        ),
    ] {
        let names: Vec<String> = FORMATS.iter().map(|e| format!("{stem}.{e}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let ws = with_fixtures(&refs);
        let text = parse(&ws, &names[0]);
        let want = citable(&text);
        // The reference itself is right, so that agreeing with it means something.
        assert!(
            want["title"].as_str().unwrap().starts_with(title_start),
            "{want}"
        );
        assert_eq!(
            want["articles"].as_array().unwrap().len(),
            articles,
            "{want}"
        );
        assert_eq!(want["dates"]["signed"], "2024-04-10", "{want}");
        assert_eq!(
            want["parties"],
            serde_json::json!(["China", "Belarus"]),
            "{want}"
        );
        for name in &names[1..] {
            let doc = parse(&ws, name);
            assert_eq!(citable(&doc), want, "{name} differs from the .txt");
            // Word, OpenDocument and PDF give the very same paragraphs; HTML too.
            assert_eq!(clause_texts(&doc), clause_texts(&text), "{name}");
        }
    }
}

#[test]
fn the_pdf_has_no_running_header_or_page_number_and_its_lines_are_joined() {
    let ws = with_fixtures(&["statement_en.pdf", "statement_zh.pdf"]);
    for (name, header) in [
        ("statement_en.pdf", "China–Belarus Joint Statement (2024)"),
        ("statement_zh.pdf", "中白联合声明"),
    ] {
        let doc = parse(&ws, name);
        for clause in clause_texts(&doc) {
            assert!(!clause.contains(header), "{name}: header in {clause:?}");
            assert!(
                !clause.contains("- 1 -") && !clause.contains("-1-"),
                "{clause:?}"
            );
            assert!(
                !clause.contains('\n'),
                "{name}: a wrapped line left in {clause:?}"
            );
        }
    }
}

#[test]
fn a_phrase_across_a_wrapped_pdf_line_or_a_page_break_is_found() {
    let ws = with_fixtures(&["statement_en.pdf", "statement_zh.pdf"]);
    ws.run(&["index"]).expect_code(0);
    for phrase in [
        // `international` ends a line of the PDF, `landscape` starts the next.
        "\"changing international landscape\"",
        // Page 1 ends with `exchanges`; page 2 starts, after its header, with `and support`.
        "\"people-to-people exchanges and support universities\"",
        // `一带一` ends a line, `路` starts the next.
        "\"一带一路\"",
    ] {
        let run = ws.run(&["query", "--json", phrase]).expect_code(0);
        let hits: Vec<Value> = run
            .json_lines()
            .into_iter()
            .filter(|l| l["type"] == "hit")
            .collect();
        assert!(!hits.is_empty(), "{phrase}: {}", run.stdout);
        assert!(
            hits[0]["data"]["doc"]["path"]
                .as_str()
                .unwrap()
                .ends_with(".pdf")
        );
    }
}

#[test]
fn a_scan_without_a_text_layer_is_a_warning_and_the_rest_is_indexed() {
    let ws = with_fixtures(&["scan.pdf", "statement_en.docx"]);
    let run = ws.run(&["index"]).expect_code(2);
    assert!(
        run.stderr.contains("scan.pdf") && run.stderr.contains("no text layer"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("1 added"), "{}", run.stdout);
    assert_found(&ws, "Belt and Road", "statement_en");
}

/// Runs a query that must find `doc`. The run may end with 2 when the corpus holds a file
/// that was skipped, or with 0.
fn assert_found(ws: &Workspace, query: &str, doc: &str) {
    let run = ws.run(&["query", "--json", query]);
    assert!(run.code == 0 || run.code == 2, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!("\"id\":\"{doc}\"")),
        "{query}: {}",
        run.stdout
    );
}

#[test]
fn the_html_page_is_its_main_content_and_its_title_has_no_site_name() {
    let ws = with_fixtures(&["statement_zh.html", "statement_en.html"]);
    let zh = parse(&ws, "statement_zh.html");
    assert_eq!(
        zh["title"],
        "中华人民共和国和白俄罗斯共和国关于深化全面战略伙伴关系的联合声明"
    );
    let en = parse(&ws, "statement_en.html");
    assert!(
        !en["title"].as_str().unwrap().contains("Ministry"),
        "{}",
        en["title"]
    );
    for doc in [&zh, &en] {
        for clause in clause_texts(doc) {
            for furniture in [
                "版权所有",
                "首页",
                "Copyright",
                "Sitemap",
                "Related link",
                "Home",
                "Policies",
                "Print",
                "not text",
                "color: red",
            ] {
                assert!(!clause.contains(furniture), "{furniture} in {clause:?}");
            }
        }
    }
    ws.run(&["index"]).expect_code(0);
    ws.run(&["query", "网站地图"]).expect_code(1);
    ws.run(&["query", "首页"]).expect_code(1);
}

#[test]
fn legacy_encodings_are_decoded_or_refused_by_name() {
    let ws = with_fixtures(&[
        "fr_latin1.txt",
        "ja_shift_jis.txt",
        "zh_big5.txt",
        "ko_euc_kr.txt",
        "mixed_utf8_gbk.txt",
    ]);
    let run = ws.run(&["index"]).expect_code(2);
    assert!(
        run.stderr.contains("mixed_utf8_gbk.txt") && run.stderr.contains("mixes UTF-8"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("4 added"), "{}", run.stdout);
    for (query, doc) in [
        ("République", "fr_latin1"),
        ("経済協力", "ja_shift_jis"),
        ("部長級會議", "zh_big5"),
        ("공동성명", "ko_euc_kr"),
    ] {
        assert_found(&ws, query, doc);
    }
    // Never the GB18030 mojibake of before.
    let fr = parse(&ws, "fr_latin1.txt");
    assert!(fr["title"].as_str().unwrap().contains("République"));
}

#[test]
fn a_short_file_in_an_unknown_east_asian_encoding_is_refused_not_guessed() {
    let ws = Workspace::empty();
    // `中国` in GBK: the same bytes are two Hangul syllables in EUC-KR, two kanji in Shift-JIS.
    ws.write("corpus/short.txt", [0xD6u8, 0xD0, 0xB9, 0xFA, b'\n']);
    ws.write("corpus/ok.txt", "The parties agree.\n");
    let run = ws.run(&["index"]).expect_code(2);
    assert!(
        run.stderr.contains("short.txt") && run.stderr.contains("cannot be told"),
        "{}",
        run.stderr
    );
}

fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn hostile_pdfs_and_archives_are_warnings_never_a_crash() {
    let ws = with_fixtures(&["statement_en.txt"]);
    let pdf = std::fs::read(fixture("statement_en.pdf")).unwrap();
    // Cut in half: no cross-reference table, objects missing.
    ws.write("corpus/truncated.pdf", &pdf[..pdf.len() / 2]);
    // Every 97th byte flipped.
    let mut flipped = pdf.clone();
    for b in flipped.iter_mut().step_by(97).skip(1) {
        *b ^= 0x5A;
    }
    ws.write("corpus/flipped.pdf", &flipped);
    ws.write("corpus/header-only.pdf", b"%PDF-1.7\n");
    // A Word file whose body inflates to 80 MB of spaces (a zip bomb of 80 KB).
    let spaces = vec![b' '; 80 << 20];
    ws.write(
        "corpus/bomb.docx",
        zip(&[("word/document.xml", spaces.as_slice())]),
    );
    ws.write(
        "corpus/broken-xml.docx",
        zip(&[(
            "word/document.xml",
            b"<w:document><w:body><w:p><w:t>x</w:p>",
        )]),
    );
    ws.write("corpus/not-word.docx", zip(&[("readme.txt", b"hello")]));
    ws.write("corpus/renamed.odt", "plain text, not a zip\n");
    let run = ws.run(&["index"]).expect_code(2);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for (file, reason) in [
        ("truncated.pdf", "PDF"),
        ("header-only.pdf", "PDF"),
        ("bomb.docx", "zip bomb"),
        ("broken-xml.docx", "damaged XML"),
        ("not-word.docx", "neither a Word"),
        ("renamed.odt", "named as an OpenDocument file"),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(file) && l.contains(reason)),
            "no warning for {file} ({reason}) in:\n{}",
            run.stderr
        );
    }
    // The statement is indexed whatever became of the flipped PDF.
    assert_found(&ws, "Belt and Road", "statement_en");
}
