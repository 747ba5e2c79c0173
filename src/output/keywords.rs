//! Printer for `keywords`: (being built).

/// The schema of a `keywords --json` line.
pub(crate) fn schema() -> serde_json::Value {
    serde_json::json!({})
}
