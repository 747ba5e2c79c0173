//! The timeline as an SVG chart for a paper, always the same size whatever the query or the
//! span of years: two panels over one axis of years, the clauses that match above and the
//! documents they are in below, each bar with its value over it (where it fits), round ticks
//! on each panel's own y axis, and a title that names the query. With `--per N`, the panels
//! show rates instead: matching clauses per N clauses of that year, and the share of that
//! year's documents. Hand-written SVG 1.1, no scripts or external resources, so that any
//! browser, Inkscape or LaTeX (via rsvg-convert) renders it the same.

use std::fmt::Write as _;

use super::layout::thousands;
use super::timeline::{percent, quoted, rate};
use crate::timeline::{Timeline, Year};

/// Latin fonts first (a CJK font draws “ ” a full em wide), then fonts with Chinese glyphs,
/// which renderers fall back to for the characters the first ones lack.
const FONTS: &str = "'Noto Sans', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const CLAUSE_FILL: &str = "#4a90c2";
const DOC_FILL: &str = "#e08a3c";

/// The picture's size in pixels: fixed, so that charts of different queries sit side by side.
pub const WIDTH: f64 = 960.0;
pub const HEIGHT: f64 = 600.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 32.0;
const PLOT_W: f64 = WIDTH - LEFT - RIGHT;
/// Top and height of the clause panel and of the document panel.
const CLAUSES_TOP: f64 = 112.0;
const CLAUSES_H: f64 = 250.0;
const DOCS_TOP: f64 = CLAUSES_TOP + CLAUSES_H + 36.0;
const DOCS_H: f64 = 130.0;
const AXIS_Y: f64 = DOCS_TOP + DOCS_H;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A round tick step (1, 2 or 5 × 10^k) giving about `count` ticks up to `max`; at least 1
/// for counts.
fn tick_step(max: f64, count: f64, whole: bool) -> f64 {
    let raw = (max / count).max(if whole { 1.0 } else { f64::MIN_POSITIVE });
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude);
    if whole { step.round().max(1.0) } else { step }
}

/// Every how many years a year is written under the axis: a round step that leaves labels at
/// least `min_px` apart when a year takes `slot` pixels.
fn label_every(slot: f64, min_px: f64) -> u16 {
    const STEPS: [u16; 12] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];
    STEPS
        .into_iter()
        .find(|&step| f64::from(step) * slot >= min_px)
        .unwrap_or(1000)
}

/// About how wide `text` is at `size` px: East Asian characters a full em, others 0.62 em
/// (bold sans-serif). Enough to keep a long title inside the picture.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| char_width(c) * size).sum()
}

fn char_width(c: char) -> f64 {
    if super::layout::width(c.encode_utf8(&mut [0; 4])) == 2 {
        1.0
    } else {
        0.62
    }
}

/// `text` cut with an ellipsis so that it is at most `max_px` wide at `size` px.
fn fit(text: &str, size: f64, max_px: f64) -> String {
    if text_width(text, size) <= max_px {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = char_width('…') * size;
    for c in text.chars() {
        used += char_width(c) * size;
        if used > max_px {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// What a bar of a year stands for (`None`: nothing to draw).
type Value<'a> = &'a dyn Fn(&Year) -> Option<f64>;
/// A value as written over a bar.
type Label<'a> = &'a dyn Fn(f64) -> String;

/// One panel: what its bars show, and how.
struct Panel<'a> {
    top: f64,
    height: f64,
    title: &'a str,
    fill: &'a str,
    /// The bar's value, `None` where there is nothing to draw.
    value: Value<'a>,
    /// The value as written over the bar.
    label: Label<'a>,
    /// Whether the values are counts (whole ticks).
    whole: bool,
    /// The tooltip of a bar.
    tooltip: &'a dyn Fn(&Year) -> String,
}

fn draw_panel(s: &mut String, t: &Timeline, p: &Panel, slot: f64) {
    let max = t
        .years
        .iter()
        .filter_map(|y| (p.value)(y))
        .fold(0.0, f64::max);
    let count = if p.height > 200.0 { 5.0 } else { 3.0 };
    let step = tick_step(max, count, p.whole);
    // Ticks carry as many decimals as their step needs: 0.5, 1, 1.5 — not 500.0.
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    let percent_ticks = (p.label)(1.0).ends_with('%');
    let tick_label = |v: f64| {
        if percent_ticks {
            format!("{:.*}%", decimals.saturating_sub(2), v * 100.0)
        } else {
            format!("{v:.decimals$}")
        }
    };
    let y_max = ((max / step).ceil().max(1.0)) * step;
    let y_of = |v: f64| p.top + p.height - p.height * v / y_max;

    // Horizontal grid and y ticks.
    let mut i = 0.0;
    while i * step <= y_max * (1.0 + 1e-9) {
        let v = i * step;
        let y = y_of(v);
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="1"/>"##,
            LEFT + PLOT_W,
            if v == 0.0 { "#333" } else { "#e3e3e3" }
        );
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#333">{}</text>"##,
            LEFT - 8.0,
            y + 4.0,
            escape(&tick_label(v))
        );
        i += 1.0;
    }
    let _ = writeln!(
        s,
        r##"<line x1="{LEFT}" y1="{}" x2="{LEFT}" y2="{:.1}" stroke="#333" stroke-width="1"/>"##,
        p.top,
        p.top + p.height
    );
    let _ = writeln!(
        s,
        r##"<text transform="translate(18 {:.1}) rotate(-90)" font-size="13" text-anchor="middle" fill="{}">{}</text>"##,
        p.top + p.height / 2.0,
        p.fill,
        escape(p.title)
    );

    let bw = (slot * 0.72).clamp(1.0, 56.0);
    for (i, y) in t.years.iter().enumerate() {
        let Some(v) = (p.value)(y).filter(|v| *v > 0.0) else {
            continue;
        };
        let cx = LEFT + slot * (i as f64 + 0.5);
        let top_y = y_of(v);
        let _ = writeln!(
            s,
            r#"<rect x="{:.1}" y="{top_y:.1}" width="{bw:.1}" height="{:.1}" fill="{}"><title>{}</title></rect>"#,
            cx - bw / 2.0,
            p.top + p.height - top_y,
            p.fill,
            escape(&(p.tooltip)(y))
        );
        // The value over the bar, where it fits in the year's slot.
        let text = (p.label)(v);
        if let Some(size) = [11.0, 9.0]
            .into_iter()
            .find(|&size| text_width(&text, size) * 0.95 <= slot - 1.0)
        {
            let _ = writeln!(
                s,
                r##"<text x="{cx:.1}" y="{:.1}" font-size="{size}" text-anchor="middle" fill="#333">{}</text>"##,
                top_y - 4.0,
                escape(&text)
            );
        }
    }
}

/// The SVG document of a timeline; with `per`, of its rates.
pub fn svg(t: &Timeline, per: Option<u32>) -> String {
    let n = t.years.len().max(1);
    let slot = PLOT_W / n as f64;
    let title = match per {
        Some(k) => format!(
            "Clauses matching {} per {} clauses of each year",
            quoted(&t.query),
            thousands(u64::from(k))
        ),
        None => format!("Clauses matching {}, per year", quoted(&t.query)),
    };

    let mut s = String::new();
    let span = match (t.years.first(), t.years.last()) {
        (Some(a), Some(b)) if a.year != b.year => format!(", {}–{}", a.year, b.year),
        (Some(a), _) => format!(", {}", a.year),
        _ => String::new(),
    };
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut subtitle = format!(
        "{} in {}{span}",
        plural(t.total.clauses, "clause"),
        plural(t.total.documents, "document")
    );
    if t.undated.clauses > 0 {
        subtitle.push_str(&format!(
            " ({} undated, not shown)",
            plural(t.undated.clauses, "clause")
        ));
    }
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:.0}" height="{HEIGHT:.0}" viewBox="0 0 {WIDTH:.0} {HEIGHT:.0}" font-family="{FONTS}">"#
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&title));
    let _ = writeln!(
        s,
        r#"<rect x="0" y="0" width="{WIDTH:.0}" height="{HEIGHT:.0}" fill="white"/>"#
    );
    // A long query is cut in the picture; the <title> above has it whole.
    let _ = writeln!(
        s,
        r##"<text x="{LEFT}" y="34" font-size="20" font-weight="bold" fill="#222">{}</text>"##,
        escape(&fit(&title, 20.0, WIDTH - LEFT - RIGHT))
    );
    let _ = writeln!(
        s,
        r##"<text x="{LEFT}" y="58" font-size="13" fill="#555">{}</text>"##,
        escape(&fit(&subtitle, 13.0, WIDTH - LEFT - RIGHT))
    );

    let (clause_title, doc_title, clause_legend, doc_legend) = match per {
        Some(k) => (
            format!("per {} clauses", thousands(u64::from(k))),
            "share of documents".to_string(),
            format!(
                "matching clauses per {} clauses of the year",
                thousands(u64::from(k))
            ),
            "documents they are in, as a share of the year's documents".to_string(),
        ),
        None => (
            "clauses".to_string(),
            "documents".to_string(),
            "matching clauses".to_string(),
            "documents they are in".to_string(),
        ),
    };
    // Legend, under the subtitle: one entry per panel, in the panel's colour.
    let doc_x = LEFT + 17.0 + text_width(&clause_legend, 12.0) * 0.9 + 24.0;
    let _ = writeln!(
        s,
        r##"<rect x="{LEFT}" y="72" width="12" height="12" fill="{CLAUSE_FILL}"/><text x="{}" y="82" font-size="12" fill="#333">{}</text>"##,
        LEFT + 17.0,
        escape(&clause_legend)
    );
    let _ = writeln!(
        s,
        r##"<rect x="{doc_x:.1}" y="72" width="12" height="12" fill="{DOC_FILL}"/><text x="{:.1}" y="82" font-size="12" fill="#333">{}</text>"##,
        doc_x + 17.0,
        escape(&doc_legend)
    );

    let tooltip = |y: &Year| {
        let mut tip = format!(
            "{}: {} clauses in {} documents",
            y.year, y.clauses, y.documents
        );
        if let Some(k) = per {
            tip.push_str(&format!(
                " ({} per {} of its {} clauses; {} of its {} documents)",
                y.clauses_per(k).map_or_else(|| "–".into(), rate),
                thousands(u64::from(k)),
                y.corpus_clauses,
                y.documents_share().map_or_else(|| "–".into(), percent),
                y.corpus_documents
            ));
        }
        tip
    };
    let doc_tooltip = |y: &Year| {
        format!(
            "documents in {}: {} of {}",
            y.year, y.documents, y.corpus_documents
        )
    };
    let count = |y: &Year| Some(y.clauses as f64);
    let docs = |y: &Year| Some(y.documents as f64);
    let clause_rate = |y: &Year| per.and_then(|k| y.clauses_per(k));
    let doc_share = |y: &Year| y.documents_share();
    let whole = |v: f64| format!("{v:.0}");
    let percent_label = |v: f64| percent(v);
    let (clause_value, doc_value): (Value, Value) = match per {
        Some(_) => (&clause_rate, &doc_share),
        None => (&count, &docs),
    };
    let (clause_label, doc_label): (Label, Label) = match per {
        Some(_) => (&rate, &percent_label),
        None => (&whole, &whole),
    };
    draw_panel(
        &mut s,
        t,
        &Panel {
            top: CLAUSES_TOP,
            height: CLAUSES_H,
            title: &clause_title,
            fill: CLAUSE_FILL,
            value: clause_value,
            label: clause_label,
            whole: per.is_none(),
            tooltip: &tooltip,
        },
        slot,
    );
    draw_panel(
        &mut s,
        t,
        &Panel {
            top: DOCS_TOP,
            height: DOCS_H,
            title: &doc_title,
            fill: DOC_FILL,
            value: doc_value,
            label: doc_label,
            whole: per.is_none(),
            tooltip: &doc_tooltip,
        },
        slot,
    );
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" font-size="13" text-anchor="middle" fill="#333">year</text>"##,
        LEFT + PLOT_W / 2.0,
        HEIGHT - 14.0
    );
    if t.years.is_empty() {
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="14" text-anchor="middle" fill="#777">no dated clause matches</text>"##,
            LEFT + PLOT_W / 2.0,
            CLAUSES_TOP + CLAUSES_H / 2.0
        );
    }
    let every = label_every(slot, 40.0);
    for (i, y) in t.years.iter().enumerate() {
        if y.year % every == 0 || t.years.len() == 1 {
            let cx = LEFT + slot * (i as f64 + 0.5);
            for base in [CLAUSES_TOP + CLAUSES_H, AXIS_Y] {
                let _ = writeln!(
                    s,
                    r##"<line x1="{cx:.1}" y1="{base:.1}" x2="{cx:.1}" y2="{:.1}" stroke="#333" stroke-width="1"/>"##,
                    base + 5.0
                );
            }
            let _ = writeln!(
                s,
                r##"<text x="{cx:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#333">{}</text>"##,
                AXIS_Y + 20.0,
                y.year
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{Counts, Year};
    use std::time::Duration;

    fn timeline(query: &str, years: &[(u16, usize, usize)]) -> Timeline {
        Timeline {
            query: query.into(),
            years: years
                .iter()
                .map(|&(year, clauses, documents)| Year {
                    year,
                    clauses,
                    documents,
                    corpus_clauses: 100,
                    corpus_documents: 10,
                })
                .collect(),
            total: Counts {
                clauses: years.iter().map(|y| y.1).sum(),
                documents: 2,
            },
            undated: Counts::default(),
            first: None,
            last: None,
            elapsed: Duration::ZERO,
        }
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(0.0, 5.0, true), 1.0);
        assert_eq!(tick_step(4.0, 5.0, true), 1.0);
        assert_eq!(tick_step(9.0, 5.0, true), 2.0);
        assert_eq!(tick_step(23.0, 5.0, true), 5.0);
        assert_eq!(tick_step(480.0, 5.0, true), 100.0);
        assert_eq!(tick_step(0.9, 3.0, false), 0.5);
        assert_eq!(tick_step(0.04, 5.0, false), 0.01);
    }

    #[test]
    fn one_bar_per_year_and_the_query_in_the_title() {
        let svg = svg(
            &timeline(
                "\"Belt & Road\" <x>",
                &[(2013, 3, 1), (2014, 0, 0), (2015, 7, 2)],
            ),
            None,
        );
        assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("Clauses matching “&quot;Belt &amp; Road&quot; &lt;x&gt;”"));
        // A clause bar (with its tooltip) for each year with matches, none for the empty one.
        assert_eq!(svg.matches("<title>2013: 3 clauses").count(), 1);
        assert_eq!(svg.matches("<title>2015: 7 clauses").count(), 1);
        assert!(!svg.contains("<title>2014"));
        // Every year is labelled under the axis.
        for year in ["2013", "2014", "2015"] {
            assert!(svg.contains(&format!(">{year}</text>")), "{year}");
        }
    }

    #[test]
    fn year_labels_never_crowd() {
        assert_eq!(label_every(53.0, 40.0), 1);
        assert_eq!(label_every(15.7, 40.0), 5);
        assert_eq!(label_every(1.07, 40.0), 50);
    }

    #[test]
    fn long_spans_label_every_fifth_year() {
        let years: Vec<(u16, usize, usize)> = (1950..2020).map(|y| (y, 1, 1)).collect();
        let svg = svg(&timeline("x", &years), None);
        assert!(svg.contains(">1955</text>") && !svg.contains(">1956</text>"));
    }

    #[test]
    fn the_size_is_the_same_whatever_the_query_and_the_years() {
        let size = format!(r#"width="{WIDTH:.0}" height="{HEIGHT:.0}""#);
        let long = "全面战略伙伴关系 ".repeat(30);
        let forty: Vec<(u16, usize, usize)> = (1980..2020).map(|y| (y, 120, 3)).collect();
        for svg in [
            svg(&timeline("x", &[(2013, 1, 1)]), None),
            svg(&timeline(&long, &forty), None),
            svg(&timeline(&long, &forty), Some(1000)),
        ] {
            assert!(svg.starts_with(&format!("<svg xmlns=\"http://www.w3.org/2000/svg\" {size}")));
        }
        // The long query is cut in the picture and whole in its <title>.
        let svg = svg(&timeline(&long, &forty), None);
        let heading = svg
            .lines()
            .find(|l| l.contains("font-size=\"20\""))
            .unwrap();
        assert!(
            heading.contains('…') && heading.len() < long.len(),
            "{heading}"
        );
        assert!(svg.contains(&format!("<title>Clauses matching “{}”", long.trim())));
        // Forty years of three-digit counts: every count is written over its bar.
        assert_eq!(svg.matches(">120</text>").count(), 40);
    }

    #[test]
    fn per_shows_rates_and_shares() {
        // 3 of 100 clauses and 1 of 10 documents in 2013.
        let svg = svg(&timeline("x", &[(2013, 3, 1)]), Some(1000));
        assert!(svg.contains("Clauses matching “x” per 1,000 clauses of each year"));
        assert!(svg.contains(">30.0</text>"), "the rate over the bar");
        assert!(
            svg.contains(">10%</text>"),
            "the share over the document bar"
        );
        assert!(svg.contains("30.0 per 1,000 of its 100 clauses; 10% of its 10 documents"));
    }
}
