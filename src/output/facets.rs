//! Printer for `facets`: (being built).

/// The schema of a `facets --json` line.
pub(crate) fn schema() -> serde_json::Value {
    serde_json::json!({})
}
