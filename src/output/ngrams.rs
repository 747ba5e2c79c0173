//! Printer for `ngrams`: (being built).

/// The schema of a `ngrams --json` line.
pub(crate) fn schema() -> serde_json::Value {
    serde_json::json!({})
}
