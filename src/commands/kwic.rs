//! `kwic`: (being built).

use anyhow::{Result, bail};

use super::outcome::Outcome;
use crate::cli::KwicArgs;
use crate::request::Folders;

pub(super) fn run(at: &Folders, args: &KwicArgs) -> Result<Outcome> {
    let _ = (at, args);
    bail!("kwic is being built")
}
