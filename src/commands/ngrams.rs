//! `ngrams`: (being built).

use anyhow::{Result, bail};

use super::outcome::Outcome;
use crate::cli::NgramsArgs;
use crate::request::Folders;

pub(super) fn run(at: &Folders, args: &NgramsArgs) -> Result<Outcome> {
    let _ = (at, args);
    bail!("ngrams is being built")
}
