//! The business licence image: JPG or PNG by its first bytes, not its name; not empty;
//! at most 2 MB (2,097,152 bytes). Checked in the browser and again by the server.

use super::{error, error_with, RuleResult};
use crate::error::field_code;

pub const LICENCE_MAX_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

impl ImageKind {
    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
        }
    }

    pub fn from_mime(mime: &str) -> Option<Self> {
        match mime {
            "image/png" => Some(ImageKind::Png),
            "image/jpeg" => Some(ImageKind::Jpeg),
            _ => None,
        }
    }

    /// Recognises the image by its signature.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if bytes.starts_with(PNG) {
            Some(ImageKind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageKind::Jpeg)
        } else {
            None
        }
    }
}

/// The size check alone, so the browser can refuse a large file before reading it.
pub fn licence_size(len: u64) -> RuleResult {
    if len == 0 {
        Err(error(field_code::FILE_EMPTY))
    } else if len > LICENCE_MAX_BYTES {
        Err(error_with(field_code::FILE_TOO_LARGE, "max", LICENCE_MAX_BYTES))
    } else {
        Ok(())
    }
}

/// The whole check of the file's content.
pub fn licence(bytes: &[u8]) -> Result<ImageKind, validator::ValidationError> {
    licence_size(bytes.len() as u64)?;
    ImageKind::sniff(bytes).ok_or_else(|| error(field_code::FILE_TYPE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(bytes: &[u8]) -> Result<ImageKind, String> {
        licence(bytes).map_err(|e| e.code.into_owned())
    }

    fn png(len: usize) -> Vec<u8> {
        let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        v.resize(len, 0);
        v
    }

    #[test]
    fn licence_table() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
        assert_eq!(code(&png(64)), Ok(ImageKind::Png));
        assert_eq!(code(&jpeg), Ok(ImageKind::Jpeg));
        assert_eq!(code(b"GIF89a\x01\x00"), Err("file_type".into()));
        assert_eq!(
            code(b"this is a text file renamed licence.png"),
            Err("file_type".into())
        );
        assert_eq!(code(b"%PDF-1.7"), Err("file_type".into()));
        assert_eq!(code(&[0x89, b'P', b'N', b'G']), Err("file_type".into())); // truncated signature
        assert_eq!(code(b""), Err("file_empty".into()));
        assert_eq!(code(&png(2_097_152)), Ok(ImageKind::Png));
        assert_eq!(code(&png(2_097_153)), Err("file_too_large".into()));
    }

    #[test]
    fn size_check_alone() {
        assert!(licence_size(1).is_ok());
        assert!(licence_size(LICENCE_MAX_BYTES).is_ok());
        let e = licence_size(LICENCE_MAX_BYTES + 1).unwrap_err();
        assert_eq!(e.params.get("max"), Some(&serde_json::json!(2_097_152)));
        assert_eq!(licence_size(0).unwrap_err().code, "file_empty");
    }
}
