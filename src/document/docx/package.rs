//! Phase 1: the OOXML package. Opens the zip with limits (entry count, size of every
//! part read, total decompressed bytes) so that a zip bomb costs a bounded amount of
//! memory and time, and recognises what is not a Word package at all (an encrypted
//! document, an old binary `.doc`, a zip without `word/document.xml`).

use std::io::{Cursor, Read};

use super::super::load::LoadError;

/// Most entries a package may list.
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes one XML part may decompress to.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes all parts read may decompress to together.
pub const MAX_TOTAL_BYTES: u64 = 160 * 1024 * 1024;

/// The OLE compound-file signature (old `.doc`, and encrypted OOXML).
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// An opened package: the zip and how many bytes have been decompressed so far.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    read_total: u64,
}

/// The UTF-16LE form of an ASCII name, as OLE directory entries store it.
fn utf16(name: &str) -> Vec<u8> {
    name.bytes().flat_map(|b| [b, 0]).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// True for an OLE compound file (what `sniff` hands on for `.doc` and encrypted
/// `.docx`).
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE_MAGIC)
}

/// Why an OLE compound file is not readable.
fn ole_error(bytes: &[u8]) -> LoadError {
    if contains(bytes, &utf16("EncryptionInfo")) || contains(bytes, &utf16("EncryptedPackage")) {
        LoadError::new(
            "the Word document is password-protected (encrypted); save an unprotected copy to lint it",
        )
    } else if contains(bytes, &utf16("WordDocument")) {
        LoadError::new(
            "this is an old binary Word document (.doc); save it as .docx (Word or LibreOffice: Save As) to lint it",
        )
    } else {
        LoadError::new("this is an OLE compound file, not a Word (.docx) package")
    }
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, LoadError> {
        if is_ole(bytes) {
            return Err(ole_error(bytes));
        }
        if bytes.starts_with(b"{\\rtf") {
            return Err(LoadError::new(
                "this is an RTF file, not a Word package; save it as .docx to lint it",
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| LoadError::new(format!("not a readable Word package (zip): {e}")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(LoadError::new(format!(
                "the Word package lists {} entries (more than {MAX_ENTRIES}); not read",
                zip.len()
            )));
        }
        let package = Package { zip, read_total: 0 };
        if package.zip.index_for_name("word/document.xml").is_none() {
            return Err(LoadError::new(
                "the zip has no word/document.xml: not a Word document",
            ));
        }
        Ok(package)
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Read a part as UTF-8 text; `Ok(None)` when the package does not have it. The
    /// declared size is not trusted: reading stops at the limit.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, LoadError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut file = self
            .zip
            .by_index(index)
            .map_err(|e| LoadError::new(format!("cannot read {name} in the Word package: {e}")))?;
        if file.encrypted() {
            return Err(LoadError::new(format!(
                "{name} is encrypted in the zip; save an unprotected copy to lint it"
            )));
        }
        let left = MAX_TOTAL_BYTES.saturating_sub(self.read_total);
        let limit = MAX_PART_BYTES.min(left);
        if file.size() > limit {
            return Err(too_big(name, limit));
        }
        let mut buf = Vec::with_capacity(file.size().min(limit) as usize);
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| LoadError::new(format!("cannot decompress {name}: {e}")))?;
        if buf.len() as u64 > limit {
            return Err(too_big(name, limit));
        }
        self.read_total += buf.len() as u64;
        let text = String::from_utf8(buf)
            .map_err(|_| LoadError::new(format!("{name} is not UTF-8 XML; not read")))?;
        Ok(Some(text))
    }
}

fn too_big(name: &str, limit: u64) -> LoadError {
    LoadError::new(format!(
        "{name} decompresses to more than {} MiB (a zip bomb or a damaged file); not read",
        limit / (1024 * 1024)
    ))
}
