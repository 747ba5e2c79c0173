//! The JSON Schema of every command's `--json` lines, generated from the types that print
//! them (each printer owns its types; this module only collects and tightens their schemas).

use serde_json::Value;

/// The commands with `--json`, in the order of `treatysearch --help`.
pub const COMMANDS: [&str; 13] = [
    "query",
    "parse",
    "list",
    "show",
    "similar",
    "timeline",
    "compare",
    "kwic",
    "collocates",
    "keywords",
    "ngrams",
    "facets",
    "stats",
];

/// The JSON Schema (draft 2020-12) of the lines of `command --json`: one of its message
/// types, each `{"type": …, "data": …}`. Generated from the types that print them, so that
/// the checked-in `docs/schema/<command>.json` cannot drift from the code unnoticed.
pub fn schema(command: &str) -> Option<Value> {
    let schema = match command {
        "query" => super::json::query_schema(),
        "parse" => super::parse::schema(),
        "list" => super::documents::list_schema(),
        "show" => super::documents::show_schema(),
        "similar" => super::similar::schema(),
        "timeline" => super::timeline::schema(),
        "compare" => super::compare::schema(),
        "kwic" => super::kwic::schema(),
        "collocates" => super::collocates::schema(),
        "keywords" => super::keywords::schema(),
        "ngrams" => super::ngrams::schema(),
        "facets" => super::facets::schema(),
        "stats" => super::documents::stats_schema(),
        _ => return None,
    };
    Some(finish(schema, command))
}

/// Every command's schema, as `(command, schema)`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    COMMANDS
        .iter()
        .filter_map(|&c| schema(c).map(|s| (c, s)))
        .collect()
}

/// `"DocJson"` and `"#/$defs/DocJson"`: a definition's name as the Rust type has it.
static RUST_SUFFIX: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"("(?:#/\$defs/)?[A-Z][A-Za-z]*)Json""#).expect("a valid pattern")
});

/// The contract made strict: every property of every object is required (every field is
/// always present) and no other is allowed (a renamed field fails validation), the summary's
/// `command` is this command's name.
fn finish(mut schema: Value, command: &str) -> Value {
    fn walk(value: &mut Value, command: &str) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    let names: Vec<Value> = props.keys().cloned().map(Value::String).collect();
                    map.insert("required".into(), Value::Array(names));
                    map.insert("additionalProperties".into(), Value::Bool(false));
                }
                if let Some(Value::Object(props)) = map.get_mut("properties")
                    && let Some(Value::Object(name)) = props.get_mut("command")
                {
                    name.remove("type");
                    name.insert("const".into(), Value::String(command.into()));
                }
                for v in map.values_mut() {
                    walk(v, command);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, command)),
            _ => {}
        }
    }
    walk(&mut schema, command);
    // Definitions named as the JSON names them (`Doc`, not the Rust type `DocJson`).
    let text = serde_json::to_string(&schema).unwrap_or_default();
    let text = RUST_SUFFIX.replace_all(&text, "$1\"");
    let mut schema: Value = serde_json::from_str(&text).unwrap_or(schema);
    if let Value::Object(map) = &mut schema {
        map.insert(
            "title".into(),
            Value::String(format!("treatysearch {command} --json: one line")),
        );
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_strict_and_named_as_the_json_names_things() {
        for (command, schema) in schemas() {
            let text = schema.to_string();
            assert!(!text.contains("Json\""), "{command}: {text}");
            assert!(
                text.contains(&format!("\"const\":\"{command}\"")),
                "{command}: the summary names its command"
            );
            let defs = schema["$defs"].as_object().unwrap();
            for (name, def) in defs {
                if def.get("properties").is_some() {
                    assert_eq!(def["additionalProperties"], false, "{command} {name}");
                    assert_eq!(
                        def["required"].as_array().unwrap().len(),
                        def["properties"].as_object().unwrap().len(),
                        "{command} {name}: every field always present"
                    );
                }
            }
        }
    }
}
