//! The `treatysearch` binary: parses arguments, runs the command, maps the outcome to an exit
//! code (0 hits or success, 1 no hits, 2 error) and prints errors once, on one line.

use std::process::ExitCode;

use clap::Parser;
use treatysearch::cli::Cli;
use treatysearch::commands;
use treatysearch::terminal::printable;
use treatysearch::timings;

fn main() -> ExitCode {
    timings::start();
    let cli = Cli::parse();
    timings::mark("arguments");
    // A panic (a bug, or tantivy reading a damaged index) ends with one line too, not a
    // backtrace; RUST_BACKTRACE=1 shows the backtrace as usual.
    let quiet_panics = std::env::var_os("RUST_BACKTRACE").is_none();
    if quiet_panics {
        std::panic::set_hook(Box::new(|info| {
            // `tantivy-common-0.27.0/src/vint.rs:129`, not the whole path of the build machine.
            let place = info.location().map_or_else(String::new, |l| {
                let parts: Vec<&str> = l.file().rsplit('/').take(3).collect();
                let file: Vec<&str> = parts.into_iter().rev().collect();
                format!(" at {}:{}", file.join("/"), l.line())
            });
            let message = treatysearch::panic_message(info.payload());
            // tantivy panics on some damaged files; a panic anywhere else is a bug of ours.
            let in_index = info
                .location()
                .is_some_and(|l| l.file().contains("tantivy"));
            *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) =
                Some((format!("{message}{place}"), in_index));
        }));
    }
    let ran = std::panic::catch_unwind(|| commands::run(&cli));
    timings::mark("command");
    for line in timings::lines() {
        eprintln!("treatysearch: {line}");
    }
    match ran {
        Ok(Ok(outcome)) => outcome.exit_code(),
        Ok(Err(err)) if commands::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Ok(Err(err)) => {
            // An error can quote a file name or a line of a document.
            eprintln!("treatysearch: {}", printable(&format!("{err:#}")));
            ExitCode::from(2)
        }
        Err(_) => {
            let (what, in_index) = LAST_PANIC
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .unwrap_or_default();
            let what = printable(&what);
            if in_index {
                eprintln!(
                    "treatysearch: internal error reading the index ({what}); if the index is \
                     damaged, `treatysearch index --rebuild` builds it again"
                );
            } else {
                eprintln!(
                    "treatysearch: internal error ({what}): a bug in treatysearch; please \
                     report it with the command that caused it"
                );
            }
            ExitCode::from(2)
        }
    }
}

/// What the last panic said, and whether it was raised inside tantivy (reading the index).
static LAST_PANIC: std::sync::Mutex<Option<(String, bool)>> = std::sync::Mutex::new(None);

/// A build allocates for every clause and every token (tantivy's documents and postings, the
/// parser's strings) on several threads at once; mimalloc does that with 12% less CPU than
/// the system allocator (measured on the 100 MB benchmark corpus; see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
