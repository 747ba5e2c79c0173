//! The `treatysearch` binary: parses arguments, runs the command, maps the outcome to an exit
//! code (0 hits or success, 1 no hits, 2 error) and prints errors once, on one line.

use std::process::ExitCode;

use clap::Parser;
use treatysearch::cli::Cli;
use treatysearch::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(&cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if commands::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("treatysearch: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A build allocates for every clause and every token (tantivy's documents and postings, the
/// parser's strings) on several threads at once; mimalloc does that with 12% less CPU than
/// the system allocator (measured on the 100 MB benchmark corpus; see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
