//! From a file's bytes to a [`Document`]: recognise the input kind (PDF, Word, text,
//! Markdown) from its bytes and name, and hand it to that kind's front end.
//!
//! Every command (`check`, `dump`, `commitments`) loads through [`load`], so a new front
//! end is wired in one place.

use serde::Serialize;

use super::Document;
use crate::lang::Language;

/// The kinds of input policylint recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// A PDF file (`%PDF-` within the first KiB, as readers accept it).
    Pdf,
    /// A Word document (an OOXML zip package).
    Docx,
    /// Text: an extract of a PDF, a typed draft, or Markdown.
    Text,
}

/// Why a file could not be made into a document. The message names the cause; the
/// caller adds the path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct LoadError {
    pub message: String,
}

impl LoadError {
    pub fn new(message: impl Into<String>) -> Self {
        LoadError {
            message: message.into(),
        }
    }
}

/// Recognise the input kind from the bytes first (a renamed file is still what it is),
/// then from the name.
pub fn sniff(path: &str, bytes: &[u8]) -> InputKind {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return InputKind::Pdf;
    }
    // An OLE compound file: an old binary .doc or an encrypted (password-protected)
    // .docx; the Word front end says which.
    if super::docx::package::is_ole(bytes) {
        return InputKind::Docx;
    }
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".docx") || lower.ends_with(".docm") || lower.ends_with(".doc") {
        // Named as Word: the Word front end says what it really is.
        return InputKind::Docx;
    }
    // A zip local file header; a Word package is told apart by its parts when read.
    if bytes.starts_with(b"PK\x03\x04") && contains(bytes, b"word/") {
        return InputKind::Docx;
    }
    InputKind::Text
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Build the document model of one file.
pub fn load(path: &str, bytes: &[u8], language: Option<Language>) -> Result<Document, LoadError> {
    match sniff(path, bytes) {
        InputKind::Pdf => super::pdf::load(path, bytes, language),
        InputKind::Docx => super::docx::load(path, bytes, language),
        InputKind::Text => {
            let source = crate::decode::decode(path, bytes)
                .map_err(|e| LoadError::new(format!("cannot decode file: {e}")))?;
            Ok(super::parse(source, language))
        }
    }
}

/// Build the document model of one file with the packs in force: a project's pack
/// additions (`[pack.<code>]`) reach the parser's sentence splitter. Sentences are
/// split last by every front end, so splitting again with the extended pack gives
/// what splitting with it in the front end would.
pub fn load_configured(
    path: &str,
    bytes: &[u8],
    language: Option<Language>,
    packs: &crate::pack::PackSet,
) -> Result<Document, LoadError> {
    let mut doc = load(path, bytes, language)?;
    if packs.extends(doc.language) {
        doc.sentences = super::sentences::split_document_with(&doc, packs.get(doc.language));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_kinds_by_content_first() {
        assert_eq!(sniff("a.txt", b"%PDF-1.7\n"), InputKind::Pdf);
        assert_eq!(sniff("a.pdf", b"plain text"), InputKind::Text);
        assert_eq!(sniff("a.docx", b"PK\x03\x04rest"), InputKind::Docx);
        assert_eq!(
            sniff("a.zip", b"PK\x03\x04...word/document.xml"),
            InputKind::Docx
        );
        assert_eq!(sniff("a.zip", b"PK\x03\x04other"), InputKind::Text);
    }

    #[test]
    fn text_loads_through_the_text_front_end() {
        let doc = load("a.txt", b"Hello world.\n", None).unwrap();
        assert_eq!(doc.text(), "Hello world.\n");
        assert!(load("a.txt", b"a\0b", None).is_err());
    }
}
