//! Property tests: the parser, the decoder, the analyzers and the query syntax never panic,
//! whatever the input, and what they return is well formed (spans on character boundaries,
//! ordered, inside the text) and deterministic.

use std::sync::LazyLock;

use proptest::prelude::*;
use treatysearch::analyze::Analyzers;
use treatysearch::corpus::decode;
use treatysearch::parse::parse_document;
use treatysearch::search::syntax;

/// One set of analyzers for every case: jieba's dictionary is loaded once.
static ANALYZERS: LazyLock<Analyzers> = LazyLock::new(Analyzers::new);

/// Text that looks like the documents: CJK, numerals, heading and date fragments, full-width
/// and ideographic spaces, quotes, line breaks, and any other character now and then.
fn documentish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("第一条 ".to_string()),
        Just("第十二条之一".to_string()),
        Just("一、".to_string()),
        Just("（三）".to_string()),
        Just("2、".to_string()),
        Just("ARTICLE 1.1: ".to_string()),
        Just("Article XXIV of GATT 1994".to_string()),
        Just("CHAPTER I\n".to_string()),
        Just("### ".to_string()),
        Just("二0一三年七月十六日于北京".to_string()),
        Just("Done at Canberra on this 17th day of June in the year 2015.".to_string()),
        Just("2023-12-28 18:40".to_string()),
        Just("\u{3000}\u{3000}".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("“一带一路”".to_string()),
        Just("中華人民共和國".to_string()),
        Just("ＡＰＥＣ１２３".to_string()),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("+++\ntitle = \"x\"\n".to_string()),
        "[\\PC\\s]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn parsing_is_total_well_formed_and_deterministic(text in documentish()) {
        let doc = parse_document(&text, "t");
        let mut last_end = 0;
        for c in &doc.clauses {
            let [s, e] = c.span;
            prop_assert!(s < e && e <= text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            prop_assert!(s >= last_end, "clauses overlap or go back");
            prop_assert_eq!(&text[s..e], c.text.as_str());
            // A lone CR (old Mac files) breaks a line as LF does.
            let breaks = treatysearch::parse::line_breaks(&text).matches('\n').count();
            prop_assert!(c.line >= 1 && c.line <= breaks + 1);
            last_end = e;
        }
        for a in &doc.articles {
            prop_assert!(!a.number.is_empty());
        }
        prop_assert_eq!(parse_document(&text, "t"), doc);
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(text) = decode(&bytes) {
            let _ = parse_document(&text, "t");
        }
    }

    #[test]
    fn analyzer_tokens_are_exact_spans(text in documentish()) {
        for mut analyzer in [ANALYZERS.zh(), ANALYZERS.en()] {
            let mut stream = analyzer.token_stream(&text);
            let mut position = 0;
            let mut last_start = 0;
            while let Some(t) = stream.next() {
                prop_assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
                prop_assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
                prop_assert!(t.offset_from >= last_start);
                prop_assert_eq!(t.position, position);
                prop_assert!(!t.text.is_empty());
                position += 1;
                last_start = t.offset_from;
            }
        }
    }

    #[test]
    fn query_syntax_is_total(query in "[\\PC\\s\"“”()（）\\-]{0,60}|(?:OR |\\( |\\) |- |a |\" ){0,12}") {
        match syntax::parse(&query) {
            Ok(node) => prop_assert!(!node.positives().is_empty()),
            Err(e) => prop_assert!(e.position <= query.chars().count()),
        }
    }
}
