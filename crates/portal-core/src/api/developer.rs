//! Who the developer is.

use crate::{
    form::{trim_in_place, Form},
    rules::normalize_mobile,
};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// `PUT /developer`, and what `GET /developer` returns in `info`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeveloperInfo {
    /// A person's name or a company's.
    #[validate(custom(function = "crate::rules::name"))]
    pub developer_name: String,
    /// ISO 3166-1 alpha-2 code.
    #[validate(custom(function = "crate::rules::country"))]
    pub country: String,
    #[validate(custom(function = "crate::rules::email"))]
    pub email: String,
    /// E.164 once normalized.
    #[validate(custom(function = "crate::rules::mobile"))]
    pub mobile: String,
    /// Optional.
    #[validate(custom(function = "crate::rules::optional_url"))]
    pub website: String,
}

impl Form for DeveloperInfo {
    const FIELDS: &'static [&'static str] = &["developer_name", "country", "email", "mobile", "website"];

    fn normalize(&mut self) {
        for f in [
            &mut self.developer_name,
            &mut self.country,
            &mut self.email,
            &mut self.website,
        ] {
            trim_in_place(f);
        }
        self.mobile = normalize_mobile(self.mobile.trim());
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeveloperProfile {
    pub info: DeveloperInfo,
    pub updated_at: String,
    /// When the contact e-mail address was confirmed through its link; none until then
    /// (and again after it changes).
    #[serde(default)]
    pub email_verified_at: Option<String>,
}

/// `POST /email-verification`: the token from the link a verification e-mail carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailVerificationRequest {
    pub token: String,
}

/// The address a link confirmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailVerified {
    pub email: String,
    pub verified_at: String,
}

/// `POST /developer/email-verification`: a new link was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationSent {
    pub sent_to: String,
    /// When the link stops working.
    pub expires_at: String,
}

/// How long a verification link works.
pub const EMAIL_VERIFICATION_HOURS: i64 = 24;

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> DeveloperInfo {
        DeveloperInfo {
            developer_name: "Shenzhen Example Trading Co.".into(),
            country: "CN".into(),
            email: "dev@example.com".into(),
            mobile: "+86 138 0013 8000".into(),
            website: String::new(),
        }
    }

    #[test]
    fn developer_info_normalizes_and_validates() {
        let ok = DeveloperInfo {
            developer_name: "  Example  ".into(),
            ..valid()
        }
        .check()
        .unwrap();
        assert_eq!(ok.developer_name, "Example");
        assert_eq!(ok.mobile, "+8613800138000");
        let codes = |d: DeveloperInfo| {
            d.errors()
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(valid()), vec![]);
        assert_eq!(
            codes(DeveloperInfo {
                developer_name: " ".into(),
                country: "XX".into(),
                email: "nope".into(),
                mobile: "138".into(),
                website: "example".into()
            }),
            vec![
                ("developer_name".into(), "required".into()),
                ("country".into(), "country_unknown".into()),
                ("email".into(), "email_format".into()),
                ("mobile".into(), "mobile_format".into()),
                ("website".into(), "url_format".into()),
            ]
        );
    }
}
