//! `facets`: (being built).

use anyhow::{Result, bail};

use super::outcome::Outcome;
use crate::cli::FacetsArgs;
use crate::request::Folders;

pub(super) fn run(at: &Folders, args: &FacetsArgs) -> Result<Outcome> {
    let _ = (at, args);
    bail!("facets is being built")
}
