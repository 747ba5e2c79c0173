//! `keywords`: (being built).

use anyhow::{Result, bail};

use super::outcome::Outcome;
use crate::cli::KeywordsArgs;
use crate::request::Folders;

pub(super) fn run(at: &Folders, args: &KeywordsArgs) -> Result<Outcome> {
    let _ = (at, args);
    bail!("keywords is being built")
}
