//! Phase 2 for PDF-extracted text: lines to blocks.
use super::*;

pub fn parse(source: SourceFile, language: Option<Language>) -> Document {
    let lang = language.unwrap_or_else(|| crate::lang::detect(&source.text));
    Document::empty(source, Format::PdfText, lang)
}
