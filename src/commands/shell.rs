//! `completions` and `man`: shell completion scripts and manual pages, generated from the clap
//! definitions in `cli` so that they can never disagree with `--help`.

use std::fs;
use std::io::{self, Write};

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

use super::outcome::Outcome;
use crate::cli::{Cli, CompletionsArgs, ManArgs};

pub(super) fn completions(args: &CompletionsArgs) -> Result<Outcome> {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "treatysearch", &mut out);
    out.flush()?;
    Ok(Outcome::Success)
}

/// The variables treatysearch reads, for the ENVIRONMENT section. A test checks that every
/// `TREATYSEARCH_*` name in the sources is here.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "TREATYSEARCH_CORPUS",
        "The corpus folder, as --corpus (default: corpus).",
    ),
    (
        "TREATYSEARCH_INDEX",
        "The index folder, as --index (default: index).",
    ),
    (
        "TREATYSEARCH_FOLLOW",
        "1 or true: follow symbolic links in the corpus, as --follow.",
    ),
    (
        "TREATYSEARCH_MAX_FILE_MB",
        "The largest document file read, in megabytes (default 64); larger files are skipped with a warning.",
    ),
    (
        "TREATYSEARCH_PDF_SECONDS",
        "How long reading one PDF may take, in seconds (default 60).",
    ),
    (
        "TREATYSEARCH_TRUST_FOLDERS_FROM",
        "From how many documents a query trusts the modification times of the corpus folders instead of checking every file for changes (default 20000; 0: always).",
    ),
    (
        "TREATYSEARCH_TIMINGS",
        "1: print on stderr where a command's time went, stage by stage (wall and CPU time).",
    ),
    (
        "TREATYSEARCH_BUILD_WAIT",
        "How long a query waits for another process's first build of the index, in seconds (default 60).",
    ),
    (
        "TREATYSEARCH_WRITER_MB",
        "Memory of the index writer, in megabytes (default 200; at least 15 per indexing thread).",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colour with --color auto (no-color.org).",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Hits found, or success."),
    ("1", "No hits."),
    (
        "2",
        "An error, on stderr as one line: treatysearch: what went wrong.",
    ),
];

/// `text` escaped for roff: backslashes and hyphens, and a leading `.` or `'` that would be
/// read as a request.
fn roff_escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// A help text as roff: paragraphs at blank lines, and the indented lines (the table of the
/// query language, the examples) kept as they are, not filled into running text.
fn roff_paragraphs(text: &str) -> String {
    let mut out = String::new();
    let mut verbatim = false;
    for line in text.lines() {
        let indented = line.starts_with([' ', '\t']);
        if indented != verbatim {
            out.push_str(if indented {
                ".PP\n.nf\n.RS 2\n"
            } else {
                ".RE\n.fi\n.PP\n"
            });
            verbatim = indented;
        }
        if line.trim().is_empty() {
            out.push_str(if verbatim { "\n" } else { ".PP\n" });
        } else if verbatim {
            out.push_str(&roff_escape(line.trim_start_matches("  ")));
            out.push('\n');
        } else {
            out.push_str(&roff_escape(line));
            out.push('\n');
        }
    }
    if verbatim {
        out.push_str(".RE\n.fi\n");
    }
    out
}

/// What a command does in a few words, for the NAME line: its description up to the first
/// colon, full stop, dash or parenthesis (`whatis` and `apropos` show this line).
fn short_description(command: &clap::Command) -> String {
    let about = command
        .get_about()
        .or_else(|| command.get_long_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    let cut = [": ", ". ", " — ", " (", ", "]
        .iter()
        .filter_map(|sep| about.find(sep))
        .min()
        .unwrap_or(about.len());
    let short = about[..cut].trim_end_matches('.').trim();
    let mut chars = short.chars();
    match (chars.next(), chars.next()) {
        // "Search the corpus" → "search the corpus", but "PDF …" stays.
        (Some(first), Some(second)) if second.is_lowercase() => first
            .to_lowercase()
            .chain(short[first.len_utf8()..].chars())
            .collect(),
        _ => short.to_string(),
    }
}

fn section(page: &mut String, name: &str) {
    if name.contains(' ') {
        page.push_str(&format!(".SH \"{name}\"\n"));
    } else {
        page.push_str(&format!(".SH {name}\n"));
    }
}

fn tagged(page: &mut String, items: &[(&str, &str)], bold: bool) {
    for (tag, text) in items {
        let tag = roff_escape(tag);
        let tag = if bold { format!("\\fB{tag}\\fR") } else { tag };
        page.push_str(&format!(".TP\n{tag}\n{}\n", roff_escape(text)));
    }
}

/// The page of `command`: `treatysearch(1)` for the main command, `treatysearch-query(1)`
/// for a subcommand (as git names its pages). clap_mangen writes the title, synopsis, options
/// and the list of commands; the rest is written here, so that the NAME line stays short, the
/// indented tables stay tables, and EXIT STATUS and ENVIRONMENT are there.
fn render(command: clap::Command, sub: Option<&str>) -> Result<Vec<u8>> {
    // No `help` command in the list: it has no page of its own.
    let command = command.disable_help_subcommand(true);
    let command = match sub {
        Some(sub) => command
            .display_name(format!("treatysearch-{sub}"))
            .bin_name(format!("treatysearch {sub}")),
        None => command,
    };
    let name = match sub {
        Some(sub) => format!("treatysearch-{sub}"),
        None => "treatysearch".to_string(),
    };
    let man = clap_mangen::Man::new(command.clone())
        .source(format!("treatysearch {}", env!("CARGO_PKG_VERSION")))
        .manual("treatysearch manual");
    let mut generated = Vec::new();
    let mut piece = |render: &dyn Fn(&mut Vec<u8>) -> io::Result<()>| -> Result<String> {
        generated.clear();
        render(&mut generated).context("cannot render the manual page")?;
        let text = String::from_utf8_lossy(&generated);
        // Each piece repeats roff's preamble (the `Aq` string); the first one is enough.
        Ok(text
            .lines()
            .filter(|l| !l.starts_with(".ie \\n(.g .ds Aq") && !l.starts_with(".el .ds Aq"))
            .map(|l| format!("{l}\n"))
            .collect::<String>())
    };

    let mut page = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n".to_string();
    page.push_str(&piece(&|w| man.render_title(w))?);
    section(&mut page, "NAME");
    page.push_str(&format!(
        "{} \\- {}\n",
        roff_escape(&name),
        roff_escape(&short_description(&command))
    ));
    page.push_str(&piece(&|w| man.render_synopsis_section(w))?);
    section(&mut page, "DESCRIPTION");
    let description = command
        .get_long_about()
        .or_else(|| command.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    page.push_str(&roff_paragraphs(&description));
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        page.push_str(&piece(&|w| man.render_options_section(w))?);
    }
    if command.has_subcommands() {
        page.push_str(&piece(&|w| man.render_subcommands_section(w))?);
    }
    if let Some(after) = command
        .get_after_long_help()
        .or_else(|| command.get_after_help())
    {
        let after = after.to_string();
        // The exit status has a section of its own below.
        let kept: Vec<&str> = after
            .split("\n\n")
            .filter(|p| !p.trim_start().starts_with("Exit status:"))
            .collect();
        let text = kept.join("\n\n");
        match text.strip_prefix("Examples:\n") {
            Some(examples) => {
                section(&mut page, "EXAMPLES");
                page.push_str(&roff_paragraphs(examples));
            }
            None if !text.trim().is_empty() => {
                section(&mut page, "NOTES");
                page.push_str(&roff_paragraphs(&text));
            }
            None => {}
        }
    }
    section(&mut page, "EXIT STATUS");
    tagged(&mut page, EXIT_STATUS, false);
    section(&mut page, "ENVIRONMENT");
    tagged(&mut page, ENVIRONMENT, true);
    section(&mut page, "SEE ALSO");
    match sub {
        Some(_) => page.push_str("\\fBtreatysearch\\fR(1)\n"),
        None => page.push_str(
            "The page of each command: \\fBtreatysearch\\-query\\fR(1), \\fBtreatysearch\\-timeline\\fR(1), …\n",
        ),
    }
    if sub.is_none() {
        page.push_str(&piece(&|w| man.render_version_section(w))?);
    }
    Ok(page.into_bytes())
}

pub(super) fn man(args: &ManArgs) -> Result<Outcome> {
    let main = Cli::command();
    if let Some(dir) = &args.dir {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut pages = vec![("treatysearch".to_string(), render(main.clone(), None)?)];
        for sub in main.get_subcommands() {
            let name = sub.get_name();
            pages.push((
                format!("treatysearch-{name}"),
                render(sub.clone(), Some(name))?,
            ));
        }
        // Every page is written before any is listed: a closed stdout (`| head`) must not
        // leave the folder half done.
        let mut written = Vec::with_capacity(pages.len());
        for (name, page) in pages {
            let path = dir.join(format!("{name}.1"));
            fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))?;
            written.push(path);
        }
        let mut out = io::stdout().lock();
        for path in written {
            writeln!(out, "{}", path.display())?;
        }
        return Ok(Outcome::Success);
    }
    let page = match &args.command {
        None => render(main, None)?,
        Some(wanted) => match main.find_subcommand(wanted) {
            Some(sub) => render(sub.clone(), Some(wanted))?,
            None => {
                let names: Vec<&str> = main.get_subcommands().map(|s| s.get_name()).collect();
                bail!(
                    "no command `{wanted}`: the pages are for {}",
                    names.join(", ")
                );
            }
        },
    };
    let mut out = io::stdout().lock();
    out.write_all(&page)?;
    out.flush()?;
    Ok(Outcome::Success)
}
