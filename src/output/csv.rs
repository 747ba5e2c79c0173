//! CSV for spreadsheets and R (RFC 4180): a header line, then one row per line of the table,
//! every cell quoted when it holds a comma, a quote or a line break. A text cell that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so that a
//! spreadsheet shows a clause that begins `=HYPERLINK(…)` instead of running it (OWASP's
//! advice on CSV injection); numbers are written as they are.

use std::io::{self, Write};

/// One cell of a row.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    /// Written with Rust's shortest round-trip form (`0.1`, `12`, `-3.5`); NaN and infinities
    /// as `NA`, R's missing value.
    Number(f64),
    Count(u64),
    /// An empty cell (R reads it as `NA`).
    Missing,
}

/// Writes one row, then CRLF as RFC 4180 asks.
pub fn write_row(out: &mut dyn Write, cells: &[Cell<'_>]) -> io::Result<()> {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        match *cell {
            Cell::Text(text) => write_text(out, text)?,
            Cell::Number(x) if x.is_finite() => write!(out, "{x}")?,
            Cell::Number(_) => out.write_all(b"NA")?,
            Cell::Count(n) => write!(out, "{n}")?,
            Cell::Missing => {}
        }
    }
    out.write_all(b"\r\n")
}

/// Writes the header row.
pub fn write_header(out: &mut dyn Write, names: &[&str]) -> io::Result<()> {
    let cells: Vec<Cell<'_>> = names.iter().map(|n| Cell::Text(n)).collect();
    write_row(out, &cells)
}

fn write_text(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let guard = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = guard || text.contains([',', '"', '\n', '\r']) || text.starts_with(' ');
    if !quote {
        return out.write_all(text.as_bytes());
    }
    out.write_all(b"\"")?;
    if guard {
        out.write_all(b"'")?;
    }
    out.write_all(text.replace('"', "\"\"").as_bytes())?;
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[Cell<'_>]) -> String {
        let mut out = Vec::new();
        write_row(&mut out, cells).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn cells_are_quoted_only_when_they_must_be() {
        assert_eq!(row(&[Cell::Text("合作"), Cell::Count(3)]), "合作,3\r\n");
        assert_eq!(
            row(&[Cell::Text("a, \"b\"\nc"), Cell::Number(0.5)]),
            "\"a, \"\"b\"\"\nc\",0.5\r\n"
        );
        assert_eq!(row(&[Cell::Missing, Cell::Number(f64::NAN)]), ",NA\r\n");
    }

    #[test]
    fn formulas_are_not_run_by_spreadsheets() {
        assert_eq!(
            row(&[Cell::Text("=HYPERLINK(\"x\")"), Cell::Number(-1.5)]),
            "\"'=HYPERLINK(\"\"x\"\")\",-1.5\r\n"
        );
        assert_eq!(row(&[Cell::Text("-Ukraine")]), "\"'-Ukraine\"\r\n");
    }
}
