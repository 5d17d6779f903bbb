//! Input decoding: UTF-8 (with or without BOM), UTF-16 (with a BOM, or recognised by
//! its NUL pattern), Windows-1252. Binary input (NUL bytes that are not UTF-16) is
//! refused.
//!
//! One encoding is chosen per file, on evidence, and the text is never changed
//! silently: bytes that cannot be decoded are replaced by U+FFFD and recorded in
//! [`SourceFile::replaced`] (reported as PLX004 with line, column and file byte).
//! A file that is UTF-8 except for a few stray bytes stays UTF-8; only a file whose
//! non-ASCII bytes are mostly not UTF-8 is read as Windows-1252.

use crate::source::{Encoding, Replaced, SourceFile};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("binary file (contains NUL bytes); policylint reads text only")]
    Binary,
}

/// Decode raw file bytes into a [`SourceFile`].
pub fn decode(path: &str, bytes: &[u8]) -> Result<SourceFile, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let (text, replaced) = utf8_lossy(rest, 3);
        return Ok(with(path, text, Encoding::Utf8Bom, replaced));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let (text, replaced) = utf16_lossy(&bytes[2..], le, 2);
        if text.contains('\0') {
            return Err(DecodeError::Binary);
        }
        let kind = if le {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        return Ok(with(path, text, kind, replaced));
    }
    if bytes.contains(&0) {
        // UTF-16 without a BOM: ASCII-heavy text has a NUL in (nearly) every other
        // byte, all on the same side of each pair.
        return match utf16_without_bom(bytes) {
            Some(le) => {
                let (text, replaced) = utf16_lossy(bytes, le, 0);
                if text.contains('\0') {
                    return Err(DecodeError::Binary);
                }
                let kind = if le {
                    Encoding::Utf16Le
                } else {
                    Encoding::Utf16Be
                };
                // No BOM to skip: offsets map as for a BOM of zero bytes.
                let mut source = with(path, text, kind, replaced);
                source.encoding = kind;
                Ok(source)
            }
            None => Err(DecodeError::Binary),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(SourceFile::new(path, s.to_string(), Encoding::Utf8)),
        Err(_) if mostly_utf8(bytes) => {
            let (text, replaced) = utf8_lossy(bytes, 0);
            Ok(with(path, text, Encoding::Utf8, replaced))
        }
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(SourceFile::new(
                path,
                text.into_owned(),
                Encoding::Windows1252,
            ))
        }
    }
}

fn with(path: &str, text: String, encoding: Encoding, replaced: Vec<Replaced>) -> SourceFile {
    let mut source = SourceFile::new(path, text, encoding);
    source.replaced = replaced;
    source
}

/// Does the evidence say UTF-8: at least as many valid multi-byte sequences as
/// invalid bytes?
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.bytes().filter(|b| *b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                valid += rest[..good].iter().filter(|b| **b >= 0xC0).count();
                let bad = e.error_len().unwrap_or(rest.len() - good);
                invalid += 1;
                rest = &rest[good + bad..];
            }
        }
    }
    valid > 0 && valid >= invalid
}

/// UTF-8 with each invalid sequence replaced by U+FFFD and recorded; `base` is the
/// file offset of `bytes[0]`.
fn utf8_lossy(bytes: &[u8], base: usize) -> (String, Vec<Replaced>) {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = Vec::new();
    let mut rest = bytes;
    let mut at = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                text.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: the prefix is valid UTF-8 by `valid_up_to`.
                text.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good);
                replaced.push(Replaced {
                    text: text.len(),
                    file: base + at + good,
                    len: bad,
                    bytes: rest[good..good + bad.min(4)].to_vec(),
                    what: "invalid UTF-8",
                });
                text.push('\u{FFFD}');
                at += good + bad;
                rest = &rest[good + bad..];
            }
        }
    }
    (text, replaced)
}

/// UTF-16 with unpaired surrogates and an odd final byte replaced and recorded.
fn utf16_lossy(bytes: &[u8], le: bool, base: usize) -> (String, Vec<Replaced>) {
    let units = bytes.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = Vec::new();
    let mut file = base;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                text.push(c);
                file += 2 * c.len_utf16();
            }
            Err(_) => {
                replaced.push(Replaced {
                    text: text.len(),
                    file,
                    len: 2,
                    bytes: bytes[file - base..(file - base + 2).min(bytes.len())].to_vec(),
                    what: "an unpaired UTF-16 surrogate",
                });
                text.push('\u{FFFD}');
                file += 2;
            }
        }
    }
    if bytes.len() % 2 == 1 {
        replaced.push(Replaced {
            text: text.len(),
            file: base + bytes.len() - 1,
            len: 1,
            bytes: vec![bytes[bytes.len() - 1]],
            what: "an odd byte at the end of UTF-16 text",
        });
        text.push('\u{FFFD}');
    }
    (text, replaced)
}

/// `Some(little_endian)` when the NUL bytes sit on one side of the byte pairs, as in
/// UTF-16 text that is mostly ASCII; `None` for anything else (binary).
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let pairs = bytes.len() / 2;
    if pairs < 8 {
        return None;
    }
    let text_byte = |b: u8| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    // (pairs with a NUL first, with a NUL second, of those whose other byte is text)
    let (mut even, mut odd, mut even_text, mut odd_text) = (0usize, 0usize, 0usize, 0usize);
    for p in bytes.chunks_exact(2) {
        if p[0] == 0 {
            even += 1;
            even_text += usize::from(text_byte(p[1]));
        }
        if p[1] == 0 {
            odd += 1;
            odd_text += usize::from(text_byte(p[0]));
        }
    }
    // Most pairs have their NUL on one side, (almost) none on the other, and the
    // byte beside the NUL is ASCII text.
    if odd * 10 >= pairs * 3 && even * 50 <= pairs && odd_text * 10 >= odd * 9 {
        Some(true)
    } else if even * 10 >= pairs * 3 && odd * 50 <= pairs && even_text * 10 >= even * 9 {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_encodings_real_exports_use() {
        assert_eq!(decode("a", b"caf\xc3\xa9").unwrap().text, "café");
        let bom = decode("a", b"\xef\xbb\xbfab").unwrap();
        assert_eq!((bom.text.as_str(), bom.encoding), ("ab", Encoding::Utf8Bom));
        let cp = decode("a", b"caf\xe9 \x93q\x94").unwrap();
        assert_eq!(
            (cp.text.as_str(), cp.encoding),
            ("café “q”", Encoding::Windows1252)
        );
        assert!(cp.replaced.is_empty());
        let u16 = decode("a", b"\xff\xfea\x00\xe9\x00").unwrap();
        assert_eq!(u16.text, "aé");
        let u16be = decode("a", b"\xfe\xff\x00a\x00\xe9").unwrap();
        assert_eq!(u16be.text, "aé");
        assert_eq!(decode("a", b"ab\0cd").unwrap_err(), DecodeError::Binary);
    }

    #[test]
    fn a_stray_byte_in_utf8_text_stays_utf8_and_is_recorded() {
        // A single Windows-1252 quote byte among proper UTF-8.
        let mut bytes = "Tweeëntwintig coördinaties, één \u{2019}x\u{2019}.\nfout: "
            .as_bytes()
            .to_vec();
        let at = bytes.len();
        bytes.push(0x93);
        bytes.extend_from_slice(" hier\n".as_bytes());
        let s = decode("a", &bytes).unwrap();
        assert_eq!(s.encoding, Encoding::Utf8);
        assert!(s.text.contains("Tweeëntwintig coördinaties"), "{}", s.text);
        assert_eq!(s.replaced.len(), 1);
        let r = &s.replaced[0];
        assert_eq!((r.file, r.len), (at, 1));
        assert_eq!(&s.text[r.text..r.text + 3], "\u{FFFD}");
        // Offsets after the replacement map back to the file's bytes.
        let end = s.text.len();
        assert_eq!(s.file_offset(end), bytes.len());
    }

    #[test]
    fn invalid_bytes_after_a_bom_and_an_odd_utf16_tail_are_recorded() {
        let s = decode("a", b"\xef\xbb\xbfab\xffcd").unwrap();
        assert_eq!(s.text, "ab\u{FFFD}cd");
        assert_eq!(s.replaced[0].file, 5);
        let s = decode("a", b"\xff\xfea\x00b\x00c").unwrap();
        assert_eq!(s.text, "ab\u{FFFD}");
        assert_eq!(s.replaced[0].file, 6);
        assert_eq!(s.replaced[0].what, "an odd byte at the end of UTF-16 text");
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_not_called_binary() {
        let text = "De Commissie zal in 2021 een verslag uitbrengen.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let s = decode("a", &le).unwrap();
        assert_eq!((s.text.as_str(), s.encoding), (text, Encoding::Utf16Le));
        let s = decode("a", &be).unwrap();
        assert_eq!((s.text.as_str(), s.encoding), (text, Encoding::Utf16Be));
        // Real binary: NULs on both sides.
        assert_eq!(
            decode("a", b"\x00\x01\x00\x00\x02\x00\x00\x00\x13\x00").unwrap_err(),
            DecodeError::Binary
        );
    }
}
