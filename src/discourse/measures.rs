//! Association measures of `collocates` and keyness measures of `keywords`: pure arithmetic
//! over counts, no index.
//!
//! # Collocates: the window-based contingency table (Evert 2008, "Corpora and collocations",
//! § 3, "co-occurrence in a window")
//!
//! For a node x and a candidate collocate y in a selection of N tokens:
//!
//! | cell | meaning |
//! |------|---------|
//! | O11  | occurrences of y inside the windows around x |
//! | R1   | window slots: summed over the occurrences of x, the token positions actually in its window (clipped at the clause's edges, x itself left out) |
//! | C1   | occurrences of y in the selection |
//! | N    | tokens in the selection |
//! | O12  | R1 − O11 |
//! | O21  | C1 − O11 |
//! | O22  | N − R1 − C1 + O11, **clamped at 0**: windows of nearby occurrences of x overlap, so a token can fill two slots and R1 + C1 can exceed N + O11 for a very frequent node |
//! | Eij  | Ri·Cj / N (E11 = R1·C1/N) |
//!
//! The measures:
//! - MI = log2(O11 / E11) (Church & Hanks 1990; Evert 2008, "MI");
//! - t-score = (O11 − E11) / √O11 (Church et al. 1991; Evert 2008, "t-score");
//! - G² = 2 Σij Oij·ln(Oij / Eij) over the four cells, 0·ln 0 = 0 (Dunning 1993), **signed**:
//!   negative when O11 < E11 (the pair repels), as Evert's "simple-ll"/"local-MI" tables and
//!   CQPweb show it, so that ranking by LL puts attraction first;
//! - logDice = 14 + log2(2·O11 / (f(x) + f(y))) (Rychlý 2008, "A lexicographer-friendly
//!   association score"), f = frequencies in the selection: f(x) the occurrences of the node,
//!   f(y) = C1. At most 14 (every x with y, every y with x); independent of N.
//!
//! Worked by hand (the first pair of the fixture of `tests/fixtures/measures/reference.py`):
//! O11 = 10, R1 = 100, C1 = 50, N = 10 000, f(x) = 20. E11 = 100·50/10 000 = 0.5;
//! MI = log2(10/0.5) = log2 20 = 4.321928; t = (10 − 0.5)/√10 = 3.004164;
//! logDice = 14 + log2(20/70) = 14 − 1.807355 = 12.192645; the other cells O12 = 90, O21 = 40,
//! O22 = 9 860 with E12 = 99.5, E21 = 49.5, E22 = 9 850.5, and
//! G² = 2·(10 ln 20 + 90 ln(90/99.5) + 40 ln(40/49.5) + 9 860 ln(9 860/9 850.5)) = 43.813712.
//!
//! # Keywords: focus (a of A tokens) against reference (b of B tokens)
//!
//! - G² over the 2×2 table word / other words × focus / reference, four cells, signed + when
//!   the word is relatively more frequent in the focus (a/A > b/B), − when less (Rayson &
//!   Garside 2000, "Comparing corpora using frequency profiling"; Dunning 1993). The UCREL
//!   log-likelihood wizard sums only the two cells of the word's row; the two agree closely
//!   when a ≪ A and b ≪ B, as they are for words of a corpus;
//! - log ratio = log2((a/A) / (b/B)) (Hardie 2014, "Log Ratio: an informal introduction"),
//!   a zero frequency replaced by 0.5 so that a word of one side only still gets a finite
//!   value (as Hardie and CQPweb do); A or B zero gives `NaN` (nothing to compare);
//! - simple maths = (fpm(a) + n) / (fpm(b) + n), fpm = per million tokens, n the smoothing
//!   constant (Kilgarriff 2009, "Simple maths for keywords"; 1 by default as Sketch Engine's).

/// The window counts of one node–collocate pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// Occurrences of the collocate in the node's windows.
    pub o11: u64,
    /// Window slots around every occurrence of the node.
    pub r1: u64,
    /// Occurrences of the collocate in the selection.
    pub c1: u64,
    /// Tokens of the selection.
    pub n: u64,
    /// Occurrences of the node in the selection.
    pub node: u64,
}

/// The association scores of one pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Association {
    pub expected: f64,
    pub mi: f64,
    pub t_score: f64,
    /// Signed G²: negative when the pair co-occurs less often than expected.
    pub log_likelihood: f64,
    pub log_dice: f64,
}

/// `o·ln(o/e)`, 0 when o is 0.
fn term(o: f64, e: f64) -> f64 {
    if o <= 0.0 || e <= 0.0 {
        0.0
    } else {
        o * (o / e).ln()
    }
}

/// G² of a 2×2 table of observed counts (rows r1 = o11 + o12, r2; columns c1, c2), always ≥ 0.
fn g2(o11: f64, o12: f64, o21: f64, o22: f64) -> f64 {
    let (r1, r2) = (o11 + o12, o21 + o22);
    let (c1, c2) = (o11 + o21, o12 + o22);
    let n = r1 + r2;
    if n <= 0.0 {
        return 0.0;
    }
    let g = 2.0
        * (term(o11, r1 * c1 / n)
            + term(o12, r1 * c2 / n)
            + term(o21, r2 * c1 / n)
            + term(o22, r2 * c2 / n));
    // Rounding can leave a tiny negative value for a table at independence.
    g.max(0.0)
}

impl Window {
    /// The measures of the module doc. `n` zero gives `NaN`s (no table).
    pub fn association(&self) -> Association {
        let o11 = self.o11 as f64;
        let r1 = self.r1 as f64;
        let c1 = self.c1 as f64;
        let n = self.n as f64;
        let expected = if n > 0.0 { r1 * c1 / n } else { f64::NAN };
        let o12 = (r1 - o11).max(0.0);
        let o21 = (c1 - o11).max(0.0);
        let o22 = (n - r1 - c1 + o11).max(0.0);
        let g = g2(o11, o12, o21, o22);
        let log_likelihood = if o11 < expected { -g } else { g };
        let log_dice = 14.0 + (2.0 * o11 / (self.node as f64 + c1)).log2();
        Association {
            expected,
            mi: (o11 / expected).log2(),
            t_score: (o11 - expected) / o11.sqrt(),
            log_likelihood,
            log_dice,
        }
    }
}

/// The keyness scores of one word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keyness {
    /// Signed G²: + when relatively more frequent in the focus.
    pub log_likelihood: f64,
    pub log_ratio: f64,
    pub simple_maths: f64,
}

/// Per million tokens; 0 when there are no tokens.
pub fn per_million(count: u64, tokens: u64) -> f64 {
    if tokens == 0 {
        0.0
    } else {
        count as f64 * 1e6 / tokens as f64
    }
}

/// Keyness of a word seen `a` times in a focus of `focus_tokens` tokens and `b` times in a
/// reference of `ref_tokens`, with `smoothing` the n of simple maths.
pub fn keyness(a: u64, focus_tokens: u64, b: u64, ref_tokens: u64, smoothing: f64) -> Keyness {
    let (af, bf) = (a as f64, b as f64);
    let (total_a, total_b) = (focus_tokens as f64, ref_tokens as f64);
    let g = g2(af, bf, (total_a - af).max(0.0), (total_b - bf).max(0.0));
    let more_in_focus = af * total_b > bf * total_a;
    let log_likelihood = if more_in_focus { g } else { -g };
    let log_ratio = if focus_tokens == 0 || ref_tokens == 0 {
        f64::NAN
    } else {
        let a0 = if a == 0 { 0.5 } else { af };
        let b0 = if b == 0 { 0.5 } else { bf };
        ((a0 / total_a) / (b0 / total_b)).log2()
    };
    let simple_maths =
        (per_million(a, focus_tokens) + smoothing) / (per_million(b, ref_tokens) + smoothing);
    Keyness {
        log_likelihood,
        log_ratio,
        simple_maths,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64) {
        assert!(
            (got - want).abs() < 1e-6,
            "got {got}, want {want} (diff {})",
            got - want
        );
    }

    /// Values printed by `tests/fixtures/measures/reference.py` (Python, standard library
    /// only), kept in `tests/fixtures/measures/reference.txt`.
    #[test]
    fn association_matches_the_reference_script() {
        // (o11, r1, c1, n, node) → expected, MI, t, signed G², logDice
        let cases: [(Window, [f64; 5]); 4] = [
            (
                Window {
                    o11: 10,
                    r1: 100,
                    c1: 50,
                    n: 10_000,
                    node: 20,
                },
                [0.5, 4.321928095, 3.004163777, 43.813711972, 12.192645078],
            ),
            (
                Window {
                    o11: 3,
                    r1: 400,
                    c1: 2_000,
                    n: 50_000,
                    node: 40,
                },
                [16.0, -2.415037499, -7.505553499, -16.479907070, 5.590609064],
            ),
            (
                Window {
                    o11: 7,
                    r1: 7,
                    c1: 7,
                    n: 1_000,
                    node: 2,
                },
                [0.049, 7.158429363, 2.627231052, 83.416717084, 14.637429921],
            ),
            (
                Window {
                    o11: 120,
                    r1: 900,
                    c1: 600,
                    n: 1_300,
                    node: 100,
                },
                [
                    415.384615385,
                    -1.791413378,
                    -26.964802831,
                    -1182.726885722,
                    12.455679484,
                ],
            ),
        ];
        for (window, [e, mi, t, ll, dice]) in cases {
            let a = window.association();
            close(a.expected, e);
            close(a.mi, mi);
            close(a.t_score, t);
            close(a.log_likelihood, ll);
            close(a.log_dice, dice);
        }
    }

    #[test]
    fn keyness_matches_the_reference_script() {
        // (a, A, b, B, n) → signed G², log ratio, simple maths
        type Case = ((u64, u64, u64, u64, f64), [f64; 3]);
        let cases: [Case; 4] = [
            (
                (100, 100_000, 50, 200_000, 1.0),
                [69.352239945, 2.0, 3.988047809],
            ),
            (
                (5, 1_000_000, 80, 500_000, 1.0),
                [-141.808553262, -5.0, 0.037267081],
            ),
            (
                (12, 20_000, 0, 300_000, 1.0),
                [66.548880769, 8.491853096, 601.0],
            ),
            ((40, 1_000_000, 40, 1_000_000, 100.0), [0.0, 0.0, 1.0]),
        ];
        for ((a, ta, b, tb, n), [ll, lr, sm]) in cases {
            let k = keyness(a, ta, b, tb, n);
            close(k.log_likelihood, ll);
            close(k.log_ratio, lr);
            close(k.simple_maths, sm);
        }
    }

    #[test]
    fn empty_sides_give_no_ratio() {
        let k = keyness(3, 100, 0, 0, 1.0);
        assert!(k.log_ratio.is_nan());
        assert!(
            Window {
                o11: 0,
                r1: 0,
                c1: 0,
                n: 0,
                node: 0
            }
            .association()
            .mi
            .is_nan()
        );
    }

    #[test]
    fn overlapping_windows_clamp_the_last_cell() {
        // R1 + C1 > N + O11: O22 would be −50.
        let a = Window {
            o11: 50,
            r1: 900,
            c1: 200,
            n: 1_000,
            node: 300,
        }
        .association();
        assert!(a.log_likelihood.is_finite());
    }
}
