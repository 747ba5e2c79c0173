//! `collocates`: (being built).

use anyhow::{Result, bail};

use super::outcome::Outcome;
use crate::cli::CollocatesArgs;
use crate::request::Folders;

pub(super) fn run(at: &Folders, args: &CollocatesArgs) -> Result<Outcome> {
    let _ = (at, args);
    bail!("collocates is being built")
}
