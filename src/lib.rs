//! policylint: a linter for policy texts.
//!
//! The library parses a text into a [`document::Document`], runs the rules of
//! [`rules::registry`] over it and returns [`finding::Finding`]s; `report` renders them.
//! The library does no printing except through `cli`, the binary's entry point.

pub mod abstain;
pub mod baseline;
pub mod config;
pub mod config_suppress;
pub mod decode;
pub mod document;
pub mod engine;
pub mod files;
pub mod finding;
pub mod hash;
pub mod iso_date;
pub mod isolate;
pub mod lang;
pub mod lazy_regex;
#[cfg(test)]
mod narrow_agreement;
pub mod ordered;
pub mod pack;
pub mod pipeline;
pub mod report;
pub mod rule;
pub mod rules;
pub mod settings;
pub mod source;
pub mod suppress;
