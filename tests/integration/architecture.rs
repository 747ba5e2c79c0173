//! The shape of the code, kept: the `crate::`/`super::` dependencies read from `src/` form no
//! cycle, neither between top-level modules nor between the files of a folder module, and the
//! cheap layering rules of STYLE.md and ARCHITECTURE.md hold (`parse`, `model` and `script`
//! never import tantivy, `output` never queries, `search` never prints, and nothing but
//! `commands` and `main` prints).
//!
//! What counts as a dependency of a file: every path that starts with `crate::`, `super::` or
//! `self::` (inside `use` groups too), and in a folder's own file (`mod.rs`, or `x.rs` beside
//! `x/`) a path through one of its children (`batch::Batch`). Comments, string literals and
//! `#[cfg(test)]` modules are left out: tests may use the whole crate as a fixture. So are a
//! folder's `pub use child::…` re-exports, which make the folder's face, not its workings.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The node of a folder's own file in the graph of its files.
const FOLDER_FILE: &str = "(mod)";

/// `text` without comments, string and character literals, and `#[cfg(test)] mod … { … }`.
fn strip(text: &str) -> String {
    without_test_modules(&without_literals(text))
}

/// `text` without `#[cfg(test)] mod name { … }` (its literals already gone, so that every
/// brace left is code).
fn without_test_modules(text: &str) -> String {
    const ATTR: &str = "#[cfg(test)]";
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(k) = text[i..].find(ATTR) {
        let at = i + k;
        out.push_str(&text[i..at]);
        let after = &text[at + ATTR.len()..];
        let trimmed = after.trim_start();
        let module = trimmed.starts_with("mod ")
            && trimmed
                .find('{')
                .is_some_and(|open| trimmed[..open].split_whitespace().count() == 2);
        i = if module {
            let open =
                at + ATTR.len() + (after.len() - trimmed.len()) + trimmed.find('{').unwrap_or(0);
            block_end(text, open)
        } else {
            at + ATTR.len()
        };
    }
    out.push_str(&text[i..]);
    out
}

/// `text` without comments, and with every string and character literal emptied.
fn without_literals(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if let Some(len) = raw_string_len(rest, i == 0 || !is_ident(b[i - 1])) {
            out.push_str("\"\"");
            i += len;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = (j + 1).min(b.len());
        } else if b[i] == b'\'' && char_literal_len(rest).is_some() {
            out.push_str("' '");
            i += char_literal_len(rest).unwrap_or(1);
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Length of the raw string literal (`r"…"`, `br#"…"#`) that `rest` starts with.
fn raw_string_len(rest: &str, at_word_start: bool) -> Option<usize> {
    if !at_word_start {
        return None;
    }
    let r = rest.strip_prefix('b').unwrap_or(rest).strip_prefix('r')?;
    let hashes = r.len() - r.trim_start_matches('#').len();
    let body = r[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let end = body.find(&close).map_or(body.len(), |e| e + close.len());
    Some(rest.len() - body.len() + end)
}

/// Length of the character literal `rest` starts with (`'a'`, `'\n'`, `'\u{3007}'`), not a
/// lifetime.
fn char_literal_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices().skip(1);
    let (_, c) = chars.next()?;
    if c == '\\' {
        // After the escaped character: `'\''` is one literal.
        let close = rest.get(3..)?.find('\'')?;
        return Some(close + 4);
    }
    let (j, next) = chars.next()?;
    (next == '\'').then_some(j + 1)
}

/// The byte after the `}` that closes the block opening at `open`.
fn block_end(text: &str, open: usize) -> usize {
    let mut depth = 0usize;
    for (k, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + k + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// The first two segments of each path that follows a `crate::`/`super::` at `pos`: one for
/// `a::b`, one per item of a group `{a::b, c}`.
fn paths_at(text: &str, pos: usize) -> Vec<(String, Option<String>)> {
    let rest = &text[pos..];
    let items: Vec<&str> = if rest.starts_with('{') {
        let end = block_end(text, pos) - pos;
        let inner = &rest[1..end.saturating_sub(1)];
        let mut items = Vec::new();
        let (mut depth, mut start) = (0usize, 0usize);
        for (k, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(&inner[start..k]);
                    start = k + 1;
                }
                _ => {}
            }
        }
        items.push(&inner[start..]);
        items
    } else {
        vec![rest]
    };
    items
        .into_iter()
        .filter_map(|item| {
            let mut segments = item.trim_start().split("::").map(|s| {
                let s = s.trim_start();
                let end = s.find(|c: char| !c.is_alphanumeric() && c != '_');
                &s[..end.unwrap_or(s.len())]
            });
            let first = segments.next().filter(|s| !s.is_empty())?.to_string();
            let second = segments
                .next()
                .filter(|s| !s.is_empty())
                .map(str::to_string);
            Some((first, second))
        })
        .collect()
}

/// Every `kw::` (not itself after `::` or inside a word) in `text`, with the offset after it.
fn occurrences(text: &str, kw: &str) -> Vec<usize> {
    let needle = format!("{kw}::");
    let b = text.as_bytes();
    text.match_indices(&needle)
        .filter(|(i, _)| *i == 0 || !(is_ident(b[i - 1]) || b[i - 1] == b':'))
        .map(|(i, _)| i + needle.len())
        .collect()
}

/// The line of `text` around byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

struct Source {
    /// Module path: `["index", "stored"]`, `["index"]` for `index/mod.rs`, `[]` for lib.rs.
    module: Vec<String>,
    /// Children when the file is a folder's own file.
    children: BTreeSet<String>,
    text: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn children_of(dir: &Path) -> BTreeSet<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return BTreeSet::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let name = name.strip_suffix(".rs").unwrap_or(&name).to_string();
            (name != "mod").then_some(name)
        })
        .collect()
}

fn read_sources(src: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(src)
                .expect("under src")
                .with_extension("");
            let mut module: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod") {
                module.pop();
            }
            if module == ["lib"] || module == ["main"] {
                module.clear();
            }
            let folder = src.join(module.join("/"));
            let children = if module.is_empty() || !folder.is_dir() {
                BTreeSet::new()
            } else {
                children_of(&folder)
            };
            let text = strip(&fs::read_to_string(&path).expect("read a source file"));
            Source {
                module,
                children,
                text,
            }
        })
        .collect()
}

/// The dependencies between top-level modules, and per folder module between its files.
fn graphs(sources: &[Source]) -> (Graph, BTreeMap<String, Graph>) {
    let tops: BTreeSet<&str> = sources
        .iter()
        .filter_map(|s| s.module.first().map(String::as_str))
        .collect();
    let mut top = Graph::new();
    let mut folders: BTreeMap<String, Graph> = BTreeMap::new();
    for s in sources {
        let Some(me_top) = s.module.first() else {
            continue;
        };
        top.entry(me_top.clone()).or_default();
        let is_folder_file = s.module.len() == 1 && !s.children.is_empty();
        // The file's node in its folder's graph, and that folder's children.
        let in_folder: Option<(&str, BTreeSet<String>)> = if is_folder_file {
            Some((FOLDER_FILE, s.children.clone()))
        } else if s.module.len() == 2 {
            let siblings = sources
                .iter()
                .find(|o| o.module.len() == 1 && o.module[0] == *me_top)
                .map(|o| o.children.clone())
                .unwrap_or_default();
            Some((s.module[1].as_str(), siblings))
        } else {
            None
        };
        let mut folder_edge = |target: &str| {
            if let Some((me, _)) = &in_folder
                && *me != target
            {
                folders
                    .entry(me_top.clone())
                    .or_default()
                    .entry(me.to_string())
                    .or_default()
                    .insert(target.to_string());
            }
        };
        let within = |name: &str| -> String {
            match &in_folder {
                Some((_, kids)) if kids.contains(name) => name.to_string(),
                _ => FOLDER_FILE.to_string(),
            }
        };
        for pos in occurrences(&s.text, "crate") {
            for (first, second) in paths_at(&s.text, pos) {
                if first != *me_top {
                    if tops.contains(first.as_str()) {
                        top.entry(me_top.clone()).or_default().insert(first);
                    }
                } else if let Some(second) = second {
                    folder_edge(&within(&second));
                }
            }
        }
        for pos in occurrences(&s.text, "super") {
            for (first, _) in paths_at(&s.text, pos) {
                if s.module.len() == 1 {
                    if first != *me_top && tops.contains(first.as_str()) {
                        top.entry(me_top.clone()).or_default().insert(first);
                    }
                } else if first != "super" {
                    folder_edge(&within(&first));
                }
            }
        }
        if is_folder_file {
            for child in &s.children {
                let refs = occurrences(&s.text, child).into_iter().chain(
                    occurrences(&s.text, "self")
                        .into_iter()
                        .filter(|&p| paths_at(&s.text, p).iter().any(|(f, _)| f == child)),
                );
                for pos in refs {
                    let line = line_at(&s.text, pos).trim_start();
                    if line.starts_with("pub use ") || line.starts_with("pub(crate) use ") {
                        continue;
                    }
                    folder_edge(child);
                }
            }
        }
    }
    (top, folders)
}

/// The cycles of a graph: its strongly connected components of more than one node (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(st: &mut State<'a>, v: &'a str) {
        let n = st.index.len();
        st.index.insert(v, n);
        st.low.insert(v, n);
        st.stack.push(v);
        st.on_stack.insert(v);
        for w in st.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !st.index.contains_key(w) {
                visit(st, w);
                let low = st.low[v].min(st.low[w]);
                st.low.insert(v, low);
            } else if st.on_stack.contains(w) {
                let low = st.low[v].min(st.index[w]);
                st.low.insert(v, low);
            }
        }
        if st.low[v] == st.index[v] {
            let mut component = Vec::new();
            while let Some(w) = st.stack.pop() {
                st.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                st.found.push(component);
            }
        }
    }
    let mut st = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    let nodes: BTreeSet<&str> = graph
        .iter()
        .flat_map(|(k, vs)| std::iter::once(k.as_str()).chain(vs.iter().map(String::as_str)))
        .collect();
    for v in nodes {
        if !st.index.contains_key(v) {
            visit(&mut st, v);
        }
    }
    st.found
}

/// A cycle, named with the edges that make it: `index -> search -> index`.
fn describe(graph: &Graph, component: &[String]) -> String {
    let edges: Vec<String> = component
        .iter()
        .flat_map(|from| {
            graph
                .get(from)
                .into_iter()
                .flatten()
                .filter(|to| component.contains(to))
                .map(move |to| format!("{from} -> {to}"))
        })
        .collect();
    format!("{{{}}} via {}", component.join(", "), edges.join(", "))
}

/// Folders whose cycle is known and being taken apart on another line of work, each with
/// the cycle as [`describe`] names it. An entry whose cycle is gone, or has changed, fails
/// the test as well: the list can only shrink.
const KNOWN_CYCLES: &[(&str, &str)] = &[];

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let sources = read_sources(&src_dir());
    let (top, folders) = graphs(&sources);
    // The reader must see the dependencies that are known to exist, or it proves nothing.
    assert!(top["search"].contains("index"), "{top:?}");
    assert!(top["ingest"].contains("parse"), "{top:?}");
    assert!(
        folders["ingest"][FOLDER_FILE].contains("batch"),
        "{folders:?}"
    );
    let mut found: Vec<String> = cycles(&top)
        .iter()
        .map(|c| format!("top-level modules {}", describe(&top, c)))
        .collect();
    for (folder, graph) in &folders {
        let known = KNOWN_CYCLES.iter().find(|(f, _)| f == folder);
        let described: Vec<String> = cycles(graph).iter().map(|c| describe(graph, c)).collect();
        if let Some((_, cycle)) = known
            && described != [*cycle]
        {
            found.push(format!(
                "src/{folder}/ is listed in KNOWN_CYCLES with {cycle}, but has {described:?}: \
                 update or remove the entry"
            ));
            continue;
        }
        if known.is_none() {
            found.extend(
                described
                    .into_iter()
                    .map(|c| format!("files of src/{folder}/ {c}")),
            );
        }
    }
    assert!(
        found.is_empty(),
        "dependency cycles (move what both sides need into a module below them):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_cycle_finder_finds_cycles() {
    // A cycle written into a module, as a reader of `src/` would see it.
    let text = strip(
        "use crate::search::Hit; // crate::output\nfn f() { let s = \"crate::output\"; }\n\
         #[cfg(test)]\nmod tests { use crate::output; }\n",
    );
    let found: Vec<_> = occurrences(&text, "crate")
        .into_iter()
        .flat_map(|p| paths_at(&text, p))
        .collect();
    assert_eq!(found, [("search".to_string(), Some("Hit".to_string()))]);
    let grouped = strip("use super::{batch::Batch, lock, stored::{decode, load_hit}};");
    let firsts: Vec<String> = occurrences(&grouped, "super")
        .into_iter()
        .flat_map(|p| paths_at(&grouped, p))
        .map(|(first, _)| first)
        .collect();
    assert_eq!(firsts, ["batch", "lock", "stored"]);

    let graph: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "d")]
        .into_iter()
        .fold(Graph::new(), |mut g, (from, to)| {
            g.entry(from.into()).or_default().insert(to.into());
            g
        });
    let found = cycles(&graph);
    assert_eq!(found, [vec!["a".to_string(), "b".into(), "c".into()]]);
    assert_eq!(
        describe(&graph, &found[0]),
        "{a, b, c} via a -> b, b -> c, c -> a"
    );
}

#[test]
fn layers_keep_to_their_jobs() {
    let sources = read_sources(&src_dir());
    let mut broken = Vec::new();
    for s in &sources {
        let Some(top) = s.module.first().map(String::as_str) else {
            continue;
        };
        let name = s.module.join("::");
        let imports_tantivy = !occurrences(&s.text, "tantivy").is_empty()
            || !occurrences(&s.text, "tantivy_tokenizer_api").is_empty();
        if matches!(top, "parse" | "model" | "script") && imports_tantivy {
            broken.push(format!(
                "{name} uses tantivy: it must stay pure data and text"
            ));
        }
        if top == "output" && imports_tantivy {
            broken.push(format!(
                "{name} uses tantivy: output prints, it never queries"
            ));
        }
        let prints = ["println!", "print!", "eprintln!", "eprint!"]
            .iter()
            .any(|m| s.text.contains(m));
        if top == "search" && prints {
            broken.push(format!(
                "{name} prints: search returns hits, output prints them"
            ));
        } else if top != "commands" && prints {
            broken.push(format!(
                "{name} prints: only commands talk to the user (output writes to the \
                 io::Write it is given)"
            ));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
