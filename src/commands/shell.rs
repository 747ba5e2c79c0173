//! `completions` and `man`: shell completion scripts and manual pages, generated from the clap
//! definitions in `cli` so that they can never disagree with `--help`.

use std::fs;
use std::io::{self, Write};

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

use super::Outcome;
use crate::cli::{Cli, CompletionsArgs, ManArgs};

pub(super) fn completions(args: &CompletionsArgs) -> Result<Outcome> {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "treatysearch", &mut out);
    out.flush()?;
    Ok(Outcome::Success)
}

/// The page of `command`: `treatysearch(1)` for the main command, `treatysearch-query(1)`
/// for a subcommand (as git names its pages).
fn render(command: clap::Command, sub: Option<&str>) -> Result<Vec<u8>> {
    let command = match sub {
        Some(sub) => command
            .display_name(format!("treatysearch-{sub}"))
            .bin_name(format!("treatysearch {sub}")),
        None => command,
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .source(format!("treatysearch {}", env!("CARGO_PKG_VERSION")))
        .manual("treatysearch manual")
        .render(&mut page)
        .context("cannot render the manual page")?;
    Ok(page)
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
