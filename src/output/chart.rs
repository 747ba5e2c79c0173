//! The timeline as an SVG bar chart for a paper: one bar per year (clauses that match, with
//! the documents they come from as a narrower bar inside), axes with ticks and labels, and a
//! title that names the query. Hand-written SVG 1.1, no scripts or external resources, so that
//! any browser, Inkscape or LaTeX (via rsvg-convert) renders it the same.

use std::fmt::Write as _;

use crate::timeline::Timeline;

/// Fonts with Chinese glyphs first, so that a Chinese query shows in the title.
const FONTS: &str = "'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const CLAUSE_FILL: &str = "#9ecae1";
const DOC_FILL: &str = "#2b6ca3";

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

/// A round tick step (1, 2 or 5 × 10^k, at least 1) giving about five ticks up to `max`.
fn tick_step(max: usize) -> usize {
    let raw = (max as f64 / 5.0).max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    (step as usize).max(1)
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
    text.chars()
        .map(|c| {
            if super::documents::width(c.encode_utf8(&mut [0; 4])) == 2 {
                1.0
            } else {
                0.62
            }
        })
        .sum::<f64>()
        * size
}

/// The SVG document of a timeline.
pub fn svg(t: &Timeline) -> String {
    let n = t.years.len().max(1);
    let (left, right, top, bottom) = (72.0, 32.0, 108.0, 64.0);
    let title = format!(
        "Clauses matching {}, per year",
        super::timeline::quoted(&t.query)
    );
    // Wide enough for the title, and for the years.
    let plot_w = ((n * 32) as f64)
        .clamp(480.0, 1100.0)
        .max(text_width(&title, 20.0) + 24.0 - right);
    let plot_h = 300.0;
    let width = left + plot_w + right;
    let height = top + plot_h + bottom;
    let slot = plot_w / n as f64;
    let max = t.years.iter().map(|y| y.clauses).max().unwrap_or(0);
    let step = tick_step(max);
    let y_max = max.div_ceil(step).max(1) * step;
    let y_of = |v: usize| top + plot_h - plot_h * v as f64 / y_max as f64;

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
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONTS}">"#
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&title));
    let _ = writeln!(
        s,
        r#"<rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="white"/>"#
    );
    let _ = writeln!(
        s,
        r##"<text x="{left}" y="34" font-size="20" font-weight="bold" fill="#222">{}</text>"##,
        escape(&title)
    );
    let _ = writeln!(
        s,
        r##"<text x="{left}" y="58" font-size="13" fill="#555">{}</text>"##,
        escape(&subtitle)
    );

    // Legend, under the subtitle, clear of the value above the highest bar.
    let _ = writeln!(
        s,
        r##"<rect x="{left}" y="70" width="12" height="12" fill="{CLAUSE_FILL}"/><text x="{}" y="80" font-size="12" fill="#333">clauses</text>"##,
        left + 17.0
    );
    let _ = writeln!(
        s,
        r##"<rect x="{}" y="70" width="12" height="12" fill="{DOC_FILL}"/><text x="{}" y="80" font-size="12" fill="#333">documents they are in</text>"##,
        left + 85.0,
        left + 102.0
    );

    // Horizontal grid and y ticks.
    let mut v = 0;
    while v <= y_max {
        let y = y_of(v);
        let _ = writeln!(
            s,
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="1"/>"##,
            left + plot_w,
            if v == 0 { "#333" } else { "#e3e3e3" }
        );
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#333">{v}</text>"##,
            left - 8.0,
            y + 4.0
        );
        v += step;
    }
    // Axes and their titles.
    let _ = writeln!(
        s,
        r##"<line x1="{left}" y1="{top}" x2="{left}" y2="{:.1}" stroke="#333" stroke-width="1"/>"##,
        top + plot_h
    );
    let _ = writeln!(
        s,
        r##"<text transform="translate(20 {:.1}) rotate(-90)" font-size="13" text-anchor="middle" fill="#333">clauses (documents)</text>"##,
        top + plot_h / 2.0
    );
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" font-size="13" text-anchor="middle" fill="#333">year</text>"##,
        left + plot_w / 2.0,
        height - 16.0
    );

    if t.years.is_empty() {
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="14" text-anchor="middle" fill="#777">no dated clause matches</text>"##,
            left + plot_w / 2.0,
            top + plot_h / 2.0
        );
    }
    let every = label_every(slot, 40.0);
    let show_values = t.years.len() <= 40;
    for (i, y) in t.years.iter().enumerate() {
        let cx = left + slot * (i as f64 + 0.5);
        // A lone year is a bar, not a wall.
        let bw = (slot * 0.72).clamp(1.0, 56.0);
        if y.clauses > 0 {
            let top_y = y_of(y.clauses);
            let _ = writeln!(
                s,
                r#"<rect x="{:.1}" y="{top_y:.1}" width="{bw:.1}" height="{:.1}" fill="{CLAUSE_FILL}"><title>{}: {} clauses in {} documents</title></rect>"#,
                cx - bw / 2.0,
                top + plot_h - top_y,
                y.year,
                y.clauses,
                y.documents
            );
            let dw = (bw * 0.45).max(1.0);
            let dy = y_of(y.documents);
            let _ = writeln!(
                s,
                r#"<rect x="{:.1}" y="{dy:.1}" width="{dw:.1}" height="{:.1}" fill="{DOC_FILL}"/>"#,
                cx - dw / 2.0,
                top + plot_h - dy
            );
            if show_values {
                let _ = writeln!(
                    s,
                    r##"<text x="{cx:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#333">{}</text>"##,
                    top_y - 5.0,
                    y.clauses
                );
            }
        }
        if y.year % every == 0 || t.years.len() == 1 {
            let _ = writeln!(
                s,
                r##"<line x1="{cx:.1}" y1="{:.1}" x2="{cx:.1}" y2="{:.1}" stroke="#333" stroke-width="1"/>"##,
                top + plot_h,
                top + plot_h + 5.0
            );
            let _ = writeln!(
                s,
                r##"<text x="{cx:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#333">{}</text>"##,
                top + plot_h + 20.0,
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
        assert_eq!(tick_step(0), 1);
        assert_eq!(tick_step(4), 1);
        assert_eq!(tick_step(9), 2);
        assert_eq!(tick_step(23), 5);
        assert_eq!(tick_step(480), 100);
    }

    #[test]
    fn one_bar_per_year_and_the_query_in_the_title() {
        let svg = svg(&timeline(
            "\"Belt & Road\" <x>",
            &[(2013, 3, 1), (2014, 0, 0), (2015, 7, 2)],
        ));
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
        let svg = svg(&timeline("x", &years));
        assert!(svg.contains(">1955</text>") && !svg.contains(">1956</text>"));
    }
}
