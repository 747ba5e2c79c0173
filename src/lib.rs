//! treatysearch: full-text search for diplomatic documents in Chinese and English.

pub mod analyze;
pub mod corpus;
pub mod model;
pub mod parse;
