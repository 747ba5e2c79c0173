//! How a command ended (and so the exit code), and the colour choice every printer gets.

use std::io;
use std::process::ExitCode;

use crate::cli::ColorChoice;
use crate::ingest::UpdateReport;
use crate::output::Color;
use crate::request::Output;

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Hits found, or the command did its job.
    Success,
    /// The query matched nothing.
    NoHits,
    /// The command did its job but some input was skipped (warnings were printed).
    Incomplete,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::NoHits => ExitCode::from(1),
            Outcome::Incomplete => ExitCode::from(2),
        }
    }
}

/// True when the error is a closed stdout (`| head`): not worth a message.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// When to colour: `auto` asks the terminal and NO_COLOR.
pub(super) fn color(choice: ColorChoice) -> Color {
    Output::new(false, choice).color
}

/// The outcome of a command that read the index: incomplete when the index could not be
/// brought up to date, no hits when it found nothing. Files of the corpus that are not indexed
/// do not change it: `index` reports them (with exit 2), and a corpus that keeps its source
/// PDFs beside their text would otherwise fail every query.
pub(super) fn outcome(report: &UpdateReport, found: bool) -> Outcome {
    if !report.degraded.is_empty() {
        Outcome::Incomplete
    } else if found {
        Outcome::Success
    } else {
        Outcome::NoHits
    }
}
