//! Printer for `collocates`: (being built).

/// The schema of a `collocates --json` line.
pub(crate) fn schema() -> serde_json::Value {
    serde_json::json!({})
}
