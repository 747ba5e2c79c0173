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
