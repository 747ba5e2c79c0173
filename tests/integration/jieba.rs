//! The partial dictionary a query uses cuts Chinese exactly as jieba-rs's full `Jieba::new()`:
//! on a fixed list, on the seeds, and on sentences sampled from the Chinese corpora in
//! `../shared/corpora/` when they are there.

use std::fs;
use std::path::{Path, PathBuf};

use jieba_rs::Jieba;
use treatysearch::analyze::{Dictionary, HanMode, ScriptTokenizer, Segmenter};

use crate::util::repo_corpus;

const FIXED: &[&str] = &[
    "中华人民共和国和白俄罗斯共和国关于建立全面战略伙伴关系的联合声明",
    "白方重申坚定奉行一个中国政策，反对任何形式的“台独”分裂活动。",
    "双方将共同推进“一带一路”建设，深化中白工业园合作。",
    "推动构建人类命运共同体",
    "上海合作组织成员国元首理事会",
    "南京市长江大桥",
    "他来到了网易杭研大厦",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "我们中出了一个叛徒",
    "结过婚的和尚未结过婚的",
    "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
    "第一条　为了规范城市环境卫生管理，根据《中华人民共和国固体废物污染环境防治法》，制定本条例。",
    "二〇二三年三月一日于北京",
    "中華人民共和國",
    "A股B超T恤4S店iPhone手机卡拉OK",
    "",
    "一",
    "。，、",
];

/// Sentences from the Chinese texts under `dir` (every `step`-th file, at most `limit`).
fn sentences(dir: &Path, step: usize, limit: usize) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files.iter().step_by(step) {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        out.extend(
            text.split(['。', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .take(40)
                .map(str::to_string),
        );
        if out.len() >= limit {
            out.truncate(limit);
            break;
        }
    }
    out
}

fn texts() -> Vec<String> {
    let mut texts: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    for entry in fs::read_dir(repo_corpus()).expect("corpus/") {
        let path = entry.expect("corpus entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = fs::read_to_string(&path).expect("seed text");
            texts.extend(text.split(['。', '\n', '　']).map(str::to_string));
        }
    }
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let mut sampled = 0;
    for (dir, step) in [
        ("bench/zh_lawref", 97),
        ("dev/zh_laws", 23),
        ("dev/zh_gov_reports", 7),
    ] {
        let found = sentences(&corpora.join(dir), step, 1500);
        sampled += found.len();
        texts.extend(found);
    }
    if sampled == 0 {
        eprintln!(
            "note: ../shared/corpora is absent: the jieba equality test ran on the fixed list and the seeds only"
        );
    }
    texts
}

fn cut(jieba: &Jieba, text: &str) -> Vec<(usize, usize)> {
    jieba
        .cut(text, true)
        .iter()
        .map(|t| (t.byte_start, t.byte_end))
        .collect()
}

#[test]
fn embedded_dictionary_is_the_one_jieba_rs_embeds() {
    let dict = Dictionary::embedded();
    let full = format!("{:?}", Jieba::new());
    assert_eq!(
        full,
        format!(
            "Jieba {{ records_len: {}, total_freq: {} }}",
            dict.len(),
            dict.total()
        ),
        "data/jieba/dict.txt differs from the dictionary of this jieba-rs: copy its src/data/dict.txt"
    );
}

#[test]
fn partial_dictionary_cuts_like_the_full_one() {
    let full = Jieba::new();
    let dict = Dictionary::embedded();
    let texts = texts();
    // One partial dictionary that grows over all the texts (as in a process that cuts many
    // clauses), and a fresh one for each text (as in a one-word query).
    let mut growing = dict.partial_jieba();
    for (i, text) in texts.iter().enumerate() {
        let expected = cut(&full, text);
        assert_eq!(cut(growing.prepare(text), text), expected, "{text}");
        if i % 10 == 0 {
            let mut fresh = dict.partial_jieba();
            assert_eq!(cut(fresh.prepare(text), text), expected, "{text}");
        }
    }
    assert!(texts.len() >= FIXED.len());
}

#[test]
fn analyzer_tokens_are_the_same_with_either_dictionary() {
    let lazy = Segmenter::new();
    let partial = ScriptTokenizer::new(HanMode::Jieba(lazy.clone()));
    let loaded = Segmenter::new();
    loaded.load_full();
    let full = ScriptTokenizer::new(HanMode::Jieba(loaded));
    let key = |t: &tantivy::tokenizer::Token| (t.text.clone(), t.offset_from, t.offset_to);
    for text in texts().iter().step_by(3) {
        let a: Vec<_> = partial.tokens(text).iter().map(key).collect();
        let b: Vec<_> = full.tokens(text).iter().map(key).collect();
        assert_eq!(a, b, "{text}");
    }
    assert!(
        !lazy.is_loaded(),
        "the sample was cut with the full dictionary"
    );
}
