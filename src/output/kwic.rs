//! Printer for `kwic`: (being built).

/// The schema of a `kwic --json` line.
pub(crate) fn schema() -> serde_json::Value {
    serde_json::json!({})
}
