//! AppSecrets are stored sealed (ChaCha20-Poly1305 under the server's key), so that a
//! copy of the database alone does not give away working credentials, while reveal can
//! still show them.

use chacha20poly1305::{
    aead::{Aead, KeyInit},
    ChaCha20Poly1305, Key, Nonce,
};
use std::path::Path;

const PREFIX: &str = "v1:";
const NONCE_LEN: usize = 12;

#[derive(Clone)]
pub struct SecretBox {
    cipher: ChaCha20Poly1305,
    /// A separate key, derived from the same file, for request fingerprints.
    fingerprint_key: [u8; 32],
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(..)") // never print the key
    }
}

impl SecretBox {
    pub fn new(key: [u8; 32]) -> Self {
        let mut fingerprint_key = [0u8; 32];
        hkdf::Hkdf::<sha2::Sha256>::new(None, &key)
            .expand(b"portal idempotency fingerprint v1", &mut fingerprint_key)
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        Self {
            cipher: ChaCha20Poly1305::new(Key::from_slice(&key)),
            fingerprint_key,
        }
    }

    /// A keyed digest (HMAC-SHA256) of `parts`: equal requests give equal fingerprints, and
    /// a copy of the database cannot be used to test guesses of a password a body held.
    pub fn fingerprint(&self, parts: &[&[u8]]) -> String {
        use hmac::Mac;
        let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.fingerprint_key)
            .expect("HMAC takes a key of any length");
        for part in parts {
            // Each part's length first, so that parts cannot run into each other.
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        crate::token::hex(&mac.finalize().into_bytes())
    }

    /// A box with a fresh random key (tests, throwaway databases).
    pub fn random() -> Self {
        let mut key = [0u8; 32];
        getrandom::getrandom(&mut key).expect("the operating system's random generator failed");
        Self::new(key)
    }

    /// The key in `path`, created (32 random bytes, readable by the owner only) if missing.
    pub fn from_key_file(path: &Path) -> Result<Self, String> {
        let shown = path.display();
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            let mut key = [0u8; 32];
            getrandom::getrandom(&mut key).map_err(|e| e.to_string())?;
            write_private(path, &key).map_err(|e| format!("{shown}: {e}"))?;
        }
        let bytes = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| format!("{shown}: a key file holds exactly 32 bytes"))?;
        Ok(Self::new(key))
    }

    /// `v1:` and the hex of nonce ‖ ciphertext.
    pub fn seal(&self, plain: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::getrandom(&mut nonce).expect("the operating system's random generator failed");
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
            .expect("encrypting a short secret cannot fail");
        let mut out = String::from(PREFIX);
        for b in nonce.iter().chain(&sealed) {
            out.push_str(&format!("{b:02x}"));
        }
        out
    }

    /// The plain secret, or `None` if it was sealed under another key or altered.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let hex = sealed.strip_prefix(PREFIX)?;
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
            .collect::<Option<_>>()?;
        if bytes.len() <= NONCE_LEN {
            return None;
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        let plain = self.cipher.decrypt(Nonce::from_slice(nonce), body).ok()?;
        String::from_utf8(plain).ok()
    }
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::{io::Write, os::unix::fs::OpenOptionsExt};
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?
        .write_all(bytes)
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

/// Equal strings, compared without an early exit (no timing hint about the secret).
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_and_open_round_trip_with_fresh_nonces() {
        let secrets = SecretBox::random();
        let a = secrets.seal("3f5e1c0a9b");
        let b = secrets.seal("3f5e1c0a9b");
        assert!(a.starts_with("v1:") && !a.contains("3f5e1c0a9b"));
        assert_ne!(a, b, "a fresh nonce each time");
        assert_eq!(secrets.open(&a).as_deref(), Some("3f5e1c0a9b"));
        assert_eq!(SecretBox::random().open(&a), None, "another key cannot open it");
        let mut altered = a.clone();
        altered.replace_range(a.len() - 2.., "00");
        assert_eq!(secrets.open(&altered), None, "an altered value is refused");
        assert_eq!(secrets.open("plain"), None);
    }

    #[test]
    fn the_key_file_is_created_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/portal.key");
        let sealed = SecretBox::from_key_file(&path).unwrap().seal("x");
        assert_eq!(
            SecretBox::from_key_file(&path).unwrap().open(&sealed).as_deref(),
            Some("x")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        std::fs::write(dir.path().join("short.key"), b"123").unwrap();
        assert!(SecretBox::from_key_file(&dir.path().join("short.key")).is_err());
    }

    #[test]
    fn same_compares_whole_strings() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
