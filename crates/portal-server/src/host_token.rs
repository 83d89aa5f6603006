//! Host sign-in: a seller portal that embeds the developer portal vouches for its signed-in
//! seller with a short-lived JWT signed by its Ed25519 key (EdDSA). The server checks it with
//! the host's public key and opens an ordinary portal session. Only EdDSA with that key is
//! accepted: `none`, HMAC tokens signed with the public key and other keys are refused.

use crate::error::AppError;
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

/// A token may live at most this long (its `exp` at most this far ahead of now).
pub const MAX_LIFETIME_SECS: i64 = 10 * 60;
/// Clocks of the host and of this server may differ by this much.
const LEEWAY_SECS: i64 = 30;
/// The audience a host token must name unless configured otherwise.
pub const DEFAULT_AUDIENCE: &str = "developer-portal";

/// How host tokens are checked.
#[derive(Clone)]
pub struct HostTokens {
    key: DecodingKey,
    audience: String,
    issuer: Option<String>,
}

impl std::fmt::Debug for HostTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostTokens")
            .field("audience", &self.audience)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Deserialize)]
struct Claims {
    sub: String,
    exp: i64,
    iat: i64,
}

impl HostTokens {
    /// From a PEM Ed25519 public key (`-----BEGIN PUBLIC KEY-----`).
    pub fn from_pem(pem: &[u8], audience: &str, issuer: Option<String>) -> Result<Self, String> {
        let key =
            DecodingKey::from_ed_pem(pem).map_err(|e| format!("not an Ed25519 public key in PEM: {e}"))?;
        Ok(Self {
            key,
            audience: audience.to_owned(),
            issuer,
        })
    }

    /// The host's account name for the seller `token` vouches for at `now`.
    pub fn verify(&self, token: &str, now: i64) -> Result<String, AppError> {
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "sub", "aud", "iat"]);
        if let Some(issuer) = &self.issuer {
            // Checked only when present unless required as well.
            validation.set_required_spec_claims(&["exp", "sub", "aud", "iat", "iss"]);
            validation.set_issuer(&[issuer]);
        }
        // Times are checked below against the server's clock, not the library's.
        validation.validate_exp = false;
        let claims = decode::<Claims>(token, &self.key, &validation)
            .map_err(|_| AppError::InvalidHostToken)?
            .claims;
        let fresh = claims.exp + LEEWAY_SECS > now
            && claims.exp <= now + MAX_LIFETIME_SECS + LEEWAY_SECS
            && claims.iat <= now + LEEWAY_SECS
            && claims.iat < claims.exp;
        if !fresh {
            return Err(AppError::InvalidHostToken);
        }
        Ok(claims.sub)
    }
}
