//! Signing in, who is signed in, and the API use agreement.

use super::{QualificationStatus, Role};
use crate::form::{trim_in_place, Form};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// `POST /session`: sign in with the seller account and password.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    #[validate(custom(function = "crate::rules::account_name"))]
    pub account: String,
    /// Never trimmed: spaces may be part of a password.
    #[validate(custom(function = "crate::rules::password"))]
    pub password: String,
}

impl Form for SignInRequest {
    const FIELDS: &'static [&'static str] = &["account", "password"];

    fn normalize(&mut self) {
        trim_in_place(&mut self.account);
    }
}

/// `POST /session/host`: the embedding seller portal's signed token for its seller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HostSignInRequest {
    pub token: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub name: String,
    pub role: Role,
}

/// The answer to a successful sign-in: an opaque bearer token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInResponse {
    pub token: String,
    pub expires_at: String,
    pub account: Account,
}

/// Where the signed-in account stands with the API use agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementStatus {
    pub current_version: u32,
    pub accepted_version: Option<u32>,
    pub accepted_at: Option<String>,
}

impl AgreementStatus {
    /// A new agreement version asks again, even if an older one was accepted.
    pub fn needs_acceptance(&self) -> bool {
        self.accepted_version != Some(self.current_version)
    }
}

/// `GET /me`: the signed-in account and what it still has to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub account: Account,
    pub agreement: AgreementStatus,
    /// Whether the developer information has been given.
    pub developer_complete: bool,
    /// The status of the latest qualification application, if any.
    pub qualification: Option<QualificationStatus>,
    /// The developer's contact e-mail address, once given.
    #[serde(default)]
    pub contact_email: Option<String>,
    /// Whether that address was confirmed through its link (needed to submit the
    /// qualification application).
    #[serde(default)]
    pub email_verified: bool,
}

/// `GET /agreement`: the current API use agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agreement {
    pub version: u32,
    pub title: String,
    /// Plain text; paragraphs are separated by blank lines.
    pub body: String,
    pub published_at: String,
}

/// `POST /agreement/acceptance`: accept the version the reader was shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptAgreementRequest {
    pub version: u32,
    #[validate(custom(function = "crate::rules::accepted"))]
    pub confirmed: bool,
}

impl Form for AcceptAgreementRequest {
    const FIELDS: &'static [&'static str] = &["confirmed"];

    fn normalize(&mut self) {}
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementAcceptance {
    pub version: u32,
    pub accepted_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign_in(account: &str, password: &str) -> Result<SignInRequest, Vec<(String, String)>> {
        SignInRequest {
            account: account.into(),
            password: password.into(),
        }
        .check()
        .map_err(|es| es.into_iter().map(|e| (e.field, e.code)).collect())
    }

    type Expected = Vec<(String, String)>;

    fn pair(field: &str, code: &str) -> (String, String) {
        (field.to_owned(), code.to_owned())
    }

    #[test]
    fn sign_in_rules_table() {
        let long_account = "a".repeat(65);
        let long_password = "p".repeat(129);
        let max_password = "p".repeat(128);
        let cases: Vec<(&str, &str, Expected)> = vec![
            ("demo-seller", "secret", vec![]),
            ("  demo-seller  ", "secret", vec![]),
            ("卖家账号", " pass with spaces ", vec![]),
            ("", "secret", vec![pair("account", "required")]),
            ("   ", "secret", vec![pair("account", "required")]),
            ("demo", "", vec![pair("password", "required")]),
            (
                "",
                "",
                vec![pair("account", "required"), pair("password", "required")],
            ),
            (&long_account, "x", vec![pair("account", "too_long")]),
            ("demo", &long_password, vec![pair("password", "too_long")]),
            ("demo", &max_password, vec![]),
        ];
        for (account, password, want) in cases {
            let got = sign_in(account, password).err().unwrap_or_default();
            assert_eq!(got, want, "account {account:?} password {password:?}");
        }
    }

    #[test]
    fn sign_in_trims_account_but_not_password() {
        let ok = sign_in("  demo  ", " p ").unwrap();
        assert_eq!(ok.account, "demo");
        assert_eq!(ok.password, " p ");
    }

    #[test]
    fn field_errors_never_echo_the_value() {
        let errors = SignInRequest {
            account: "a".repeat(70),
            password: "x".into(),
        }
        .errors();
        assert_eq!(errors.len(), 1);
        assert!(!errors[0].params.contains_key("value"));
        assert_eq!(errors[0].param_u64("max"), Some(64));
    }

    #[test]
    fn agreement_needs_acceptance_table() {
        let status = |current, accepted| AgreementStatus {
            current_version: current,
            accepted_version: accepted,
            accepted_at: None,
        };
        assert!(status(1, None).needs_acceptance());
        assert!(!status(1, Some(1)).needs_acceptance());
        assert!(status(2, Some(1)).needs_acceptance());
    }

    #[test]
    fn accept_requires_confirmation() {
        let errors = AcceptAgreementRequest {
            version: 1,
            confirmed: false,
        }
        .errors();
        assert_eq!(errors, vec![crate::FieldError::new("confirmed", "must_accept")]);
        assert!(AcceptAgreementRequest {
            version: 1,
            confirmed: true
        }
        .check()
        .is_ok());
    }
}
