//! Input decoding: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252.
//! Binary input (NUL bytes outside UTF-16) is refused.

use crate::source::{Encoding, SourceFile};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("binary file (contains NUL bytes); policylint reads text only")]
    Binary,
}

/// Decode raw file bytes into a [`SourceFile`].
pub fn decode(path: &str, bytes: &[u8]) -> Result<SourceFile, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(rest);
        return Ok(SourceFile::new(path, text.into_owned(), Encoding::Utf8Bom));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let (enc, kind) = if le {
            (encoding_rs::UTF_16LE, Encoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, Encoding::Utf16Be)
        };
        let (text, _) = enc.decode_without_bom_handling(&bytes[2..]);
        if text.contains('\0') {
            return Err(DecodeError::Binary);
        }
        return Ok(SourceFile::new(path, text.into_owned(), kind));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(SourceFile::new(path, s.to_string(), Encoding::Utf8)),
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
        let u16 = decode("a", b"\xff\xfea\x00\xe9\x00").unwrap();
        assert_eq!(u16.text, "aé");
        let u16be = decode("a", b"\xfe\xff\x00a\x00\xe9").unwrap();
        assert_eq!(u16be.text, "aé");
        assert_eq!(decode("a", b"ab\0cd").unwrap_err(), DecodeError::Binary);
    }
}
