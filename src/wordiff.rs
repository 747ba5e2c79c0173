//! Word-level differences between two texts: which words were kept, removed or added, and the
//! changes as a reader names them (`支持 → 坚定支持`). Prints nothing.
//!
//! Words are the tokens of the analyzers' tokenizer (jieba for Chinese, letters and digits for
//! English), compared normalized (case, width) but not stemmed: `supports` against `support`
//! is a change in wording. Punctuation marks count as units of their own so that they line
//! up, but not as words in the figures. The alignment is Myers' diff from the `similar` crate.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::analyze::{Analyzers, HanMode, ScriptTokenizer};

/// What happened to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Keep,
    Remove,
    Add,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Keep => "keep",
            Op::Remove => "remove",
            Op::Add => "add",
        }
    }
}

/// A run of units with the same fate. Text and spans are of text A for removed runs, of text
/// B for added ones, and of both for kept ones (`text` is then B's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub op: Op,
    pub text: String,
    /// Byte span in text A (`None` for an addition).
    pub a: Option<[usize; 2]>,
    /// Byte span in text B (`None` for a removal).
    pub b: Option<[usize; 2]>,
    /// Whitespace precedes the run in its text (for printing).
    pub space_before: bool,
}

/// One change as a reader says it: `from → to`. A pure insertion or deletion is anchored on the
/// next kept word (the previous one at the end), so that it reads `支持 → 坚定支持`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub from: String,
    pub to: String,
}

/// The differences between A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct WordDiff {
    pub pieces: Vec<Piece>,
    pub changes: Vec<Change>,
    /// Words (not punctuation) kept, removed and added.
    pub kept: usize,
    pub removed: usize,
    pub added: usize,
}

impl WordDiff {
    /// Share of words in common, `2·kept / (words of A + words of B)`, in [0, 1].
    pub fn similarity(&self) -> f64 {
        let total = 2 * self.kept + self.removed + self.added;
        if total == 0 {
            1.0
        } else {
            (2 * self.kept) as f64 / total as f64
        }
    }
}

/// A word or a punctuation mark.
#[derive(Debug, Clone)]
struct Unit {
    key: String,
    span: [usize; 2],
    word: bool,
}

fn units(tokenizer: &ScriptTokenizer, text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut at = 0;
    let gap = |out: &mut Vec<Unit>, from: usize, to: usize| {
        for (i, c) in text[from..to].char_indices() {
            if !c.is_whitespace() {
                out.push(Unit {
                    key: c.to_string(),
                    span: [from + i, from + i + c.len_utf8()],
                    word: false,
                });
            }
        }
    };
    for token in tokenizer.tokens(text) {
        if token.offset_from < at {
            continue;
        }
        gap(&mut out, at, token.offset_from);
        out.push(Unit {
            key: token.text,
            span: [token.offset_from, token.offset_to],
            word: true,
        });
        at = token.offset_to;
    }
    gap(&mut out, at, text.len());
    out
}

/// Compares text A with text B.
pub fn diff(analyzers: &Analyzers, a: &str, b: &str) -> WordDiff {
    let tokenizer = ScriptTokenizer::new(HanMode::Jieba(analyzers.segmenter().clone()));
    let ua = units(&tokenizer, a);
    let ub = units(&tokenizer, b);
    let ka: Vec<&str> = ua.iter().map(|u| u.key.as_str()).collect();
    let kb: Vec<&str> = ub.iter().map(|u| u.key.as_str()).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &ka, &kb);

    let span = |units: &[Unit], from: usize, len: usize| -> Option<[usize; 2]> {
        (len > 0).then(|| [units[from].span[0], units[from + len - 1].span[1]])
    };
    let space_before = |text: &str, at: usize| text[..at].ends_with(char::is_whitespace);
    let words = |units: &[Unit], from: usize, len: usize| {
        units[from..from + len].iter().filter(|u| u.word).count()
    };

    let mut out = WordDiff {
        pieces: Vec::new(),
        changes: Vec::new(),
        kept: 0,
        removed: 0,
        added: 0,
    };
    let push = |out: &mut WordDiff, op: Op, sa: Option<[usize; 2]>, sb: Option<[usize; 2]>| {
        let (text, space) = match (op, sa, sb) {
            (Op::Remove, Some([s, e]), _) => (&a[s..e], space_before(a, s)),
            (_, _, Some([s, e])) => (&b[s..e], space_before(b, s)),
            _ => return,
        };
        out.pieces.push(Piece {
            op,
            text: text.to_string(),
            a: sa,
            b: sb,
            space_before: space,
        });
    };
    // Hunks of consecutive changes, as unit ranges [a_from, a_to) and [b_from, b_to).
    let mut hunks: Vec<([usize; 2], [usize; 2])> = Vec::new();
    let extend = |hunks: &mut Vec<([usize; 2], [usize; 2])>, ra: [usize; 2], rb: [usize; 2]| {
        if let Some(last) = hunks.last_mut()
            && last.0[1] == ra[0]
            && last.1[1] == rb[0]
        {
            last.0[1] = ra[1];
            last.1[1] = rb[1];
        } else {
            hunks.push((ra, rb));
        }
    };
    for op in &ops {
        match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                out.kept += words(&ua, old_index, len);
                push(
                    &mut out,
                    Op::Keep,
                    span(&ua, old_index, len),
                    span(&ub, new_index, len),
                );
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                out.removed += words(&ua, old_index, old_len);
                push(&mut out, Op::Remove, span(&ua, old_index, old_len), None);
                extend(
                    &mut hunks,
                    [old_index, old_index + old_len],
                    [new_index, new_index],
                );
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                out.added += words(&ub, new_index, new_len);
                push(&mut out, Op::Add, None, span(&ub, new_index, new_len));
                extend(
                    &mut hunks,
                    [old_index, old_index],
                    [new_index, new_index + new_len],
                );
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.removed += words(&ua, old_index, old_len);
                out.added += words(&ub, new_index, new_len);
                push(&mut out, Op::Remove, span(&ua, old_index, old_len), None);
                push(&mut out, Op::Add, None, span(&ub, new_index, new_len));
                extend(
                    &mut hunks,
                    [old_index, old_index + old_len],
                    [new_index, new_index + new_len],
                );
            }
        }
    }
    for (mut ra, mut rb) in hunks {
        // Anchor a pure insertion or deletion on a kept unit so that it can be read.
        if ra[0] == ra[1] || rb[0] == rb[1] {
            if ra[1] < ua.len() && rb[1] < ub.len() {
                ra[1] += 1;
                rb[1] += 1;
            } else if ra[0] > 0 && rb[0] > 0 {
                ra[0] -= 1;
                rb[0] -= 1;
            }
        }
        let text = |units: &[Unit], source: &str, r: [usize; 2]| {
            span(units, r[0], r[1] - r[0]).map_or(String::new(), |[s, e]| source[s..e].to_string())
        };
        out.changes.push(Change {
            from: text(&ua, a, ra),
            to: text(&ub, b, rb),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(a: &str, b: &str) -> Vec<String> {
        diff(&Analyzers::new(), a, b)
            .changes
            .into_iter()
            .map(|c| format!("{} → {}", c.from, c.to))
            .collect()
    }

    #[test]
    fn an_insertion_reads_with_its_anchor() {
        assert_eq!(
            changes("双方支持白俄罗斯的努力。", "双方坚定支持白俄罗斯的努力。"),
            ["支持 → 坚定支持"]
        );
        assert_eq!(
            changes("China supports Belarus.", "China firmly supports Belarus."),
            ["supports → firmly supports"]
        );
    }

    #[test]
    fn kept_removed_added_and_reconstruction() {
        let a = "Both sides will strengthen cooperation in trade.";
        let b = "Both sides will further strengthen cooperation in trade and investment.";
        let d = diff(&Analyzers::new(), a, b);
        assert_eq!((d.kept, d.removed, d.added), (7, 0, 3));
        // Kept and added runs, with the spaces before them, give B back.
        let mut rebuilt = String::new();
        for p in d.pieces.iter().filter(|p| p.op != Op::Remove) {
            if p.space_before && !rebuilt.is_empty() {
                rebuilt.push(' ');
            }
            rebuilt.push_str(&p.text);
        }
        assert_eq!(rebuilt, b);
        assert!((d.similarity() - 14.0 / 17.0).abs() < 1e-9);
    }

    #[test]
    fn words_compare_without_case_but_not_stemmed() {
        let d = diff(
            &Analyzers::new(),
            "Support the Charter",
            "support the charter",
        );
        assert_eq!((d.kept, d.removed, d.added), (3, 0, 0));
        let d = diff(&Analyzers::new(), "supports", "support");
        assert_eq!((d.kept, d.removed, d.added), (0, 1, 1));
        assert_eq!(changes("supports", "support"), ["supports → support"]);
    }

    #[test]
    fn identical_and_empty_texts() {
        let d = diff(&Analyzers::new(), "反对干涉内政。", "反对干涉内政。");
        assert!(d.changes.is_empty());
        assert_eq!(d.similarity(), 1.0);
        let d = diff(&Analyzers::new(), "", "新增");
        assert_eq!(d.added, 1);
        assert_eq!(changes("", "新增"), [" → 新增"]);
    }
}
