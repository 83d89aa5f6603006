//! The commercial-developer qualification application and its business licence.

use crate::{
    form::{trim_in_place, Form},
    rules::normalize_mobile,
};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// `PUT /qualification`: every answer of the application (submit or resubmit).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualificationRequest {
    #[validate(custom(function = "crate::rules::name"))]
    pub contact_name: String,
    #[validate(custom(function = "crate::rules::mobile"))]
    pub contact_mobile: String,
    #[validate(custom(function = "crate::rules::email"))]
    pub email: String,
    #[validate(custom(function = "crate::rules::short_text"))]
    pub software_name: String,
    #[validate(custom(function = "crate::rules::long_text"))]
    pub software_function: String,
    /// The id `POST /uploads/licence` returned.
    #[validate(custom(function = "crate::rules::short_text"))]
    pub licence_id: String,
    /// Spanish sellers' CIF number; optional.
    #[validate(custom(function = "crate::rules::cif"))]
    pub cif: String,
    #[validate(custom(function = "crate::rules::name"))]
    pub it_name: String,
    #[validate(custom(function = "crate::rules::mobile"))]
    pub it_mobile: String,
    #[validate(custom(function = "crate::rules::email"))]
    pub it_email: String,
    /// People in the IT team, as typed (a whole number).
    #[validate(custom(function = "crate::rules::team_size"))]
    pub it_team_size: String,
    #[validate(custom(function = "crate::rules::long_text"))]
    pub market_planning: String,
    #[validate(custom(function = "crate::rules::long_text"))]
    pub server_config: String,
    #[validate(custom(function = "crate::rules::short_text"))]
    pub server_bandwidth: String,
    #[validate(custom(function = "crate::rules::short_text"))]
    pub dev_language: String,
    #[validate(custom(function = "crate::rules::short_text"))]
    pub database: String,
    #[validate(custom(function = "crate::rules::accepted"))]
    pub agreement_confirmed: bool,
}

impl Form for QualificationRequest {
    const FIELDS: &'static [&'static str] = &[
        "contact_name",
        "contact_mobile",
        "email",
        "software_name",
        "software_function",
        "licence_id",
        "cif",
        "it_name",
        "it_mobile",
        "it_email",
        "it_team_size",
        "market_planning",
        "server_config",
        "server_bandwidth",
        "dev_language",
        "database",
        "agreement_confirmed",
    ];

    fn normalize(&mut self) {
        for f in [
            &mut self.contact_name,
            &mut self.email,
            &mut self.software_name,
            &mut self.software_function,
            &mut self.licence_id,
            &mut self.it_name,
            &mut self.it_email,
            &mut self.it_team_size,
            &mut self.market_planning,
            &mut self.server_config,
            &mut self.server_bandwidth,
            &mut self.dev_language,
            &mut self.database,
        ] {
            trim_in_place(f);
        }
        self.cif = self.cif.trim().to_ascii_uppercase();
        self.contact_mobile = normalize_mobile(self.contact_mobile.trim());
        self.it_mobile = normalize_mobile(self.it_mobile.trim());
    }
}

/// Where an application is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QualificationStatus {
    Submitted,
    InReview,
    Approved,
    Rejected,
}

impl QualificationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::InReview => "in_review",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Submitted, Self::InReview, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    /// Waiting for a reviewer's decision.
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Submitted | Self::InReview)
    }
}

/// An uploaded business licence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceInfo {
    pub id: String,
    pub content_type: String,
    pub size: u64,
    pub file_name: String,
}

/// `GET /qualification`: the latest application and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Qualification {
    /// What to quote when contacting the platform, e.g. `QA-000042`.
    pub reference: String,
    pub status: QualificationStatus,
    pub answers: QualificationRequest,
    pub licence: Option<LicenceInfo>,
    pub submitted_at: String,
    pub review_started_at: Option<String>,
    pub decided_at: Option<String>,
    /// The reviewer's reasons, when rejected.
    pub rejection_reason: Option<String>,
    /// How many times it was submitted (1 at first, more after resubmissions).
    pub submissions: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn valid() -> QualificationRequest {
        QualificationRequest {
            contact_name: "Li Wei".into(),
            contact_mobile: "+86 138 0013 8000".into(),
            email: "li.wei@example.com".into(),
            software_name: "Shop Helper".into(),
            software_function: "Synchronises orders and stock.".into(),
            licence_id: "abc123".into(),
            cif: String::new(),
            it_name: "Li Wei".into(),
            it_mobile: "+8613800138000".into(),
            it_email: "it@example.com".into(),
            it_team_size: "12".into(),
            market_planning: "Order management for 500 sellers.".into(),
            server_config: "8 CPU, 32 GB memory, 1 TB disk".into(),
            server_bandwidth: "1 Gbps".into(),
            dev_language: "Java".into(),
            database: "MySQL".into(),
            agreement_confirmed: true,
        }
    }

    fn codes(q: QualificationRequest) -> Vec<(String, String)> {
        q.errors().into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_complete_application_passes_and_is_normalized() {
        let q = QualificationRequest {
            cif: " j99216582 ".into(),
            ..valid()
        }
        .check()
        .unwrap();
        assert_eq!(q.cif, "J99216582");
        assert_eq!(q.contact_mobile, "+8613800138000");
    }

    #[test]
    fn every_required_answer_is_reported_in_form_order() {
        let empty = QualificationRequest::default();
        let fields: Vec<String> = codes(empty).into_iter().map(|(f, _)| f).collect();
        let expected: Vec<&str> = QualificationRequest::FIELDS
            .iter()
            .copied()
            .filter(|f| *f != "cif")
            .collect();
        assert_eq!(fields, expected);
    }

    #[test]
    fn field_rules_apply_to_the_application() {
        let cases: Vec<(QualificationRequest, (&str, &str))> = vec![
            (
                QualificationRequest {
                    email: "li.wei@".into(),
                    ..valid()
                },
                ("email", "email_format"),
            ),
            (
                QualificationRequest {
                    it_mobile: "+86 128 0013 8000".into(),
                    ..valid()
                },
                ("it_mobile", "mobile_china"),
            ),
            (
                QualificationRequest {
                    cif: "J99216583".into(),
                    ..valid()
                },
                ("cif", "cif_control"),
            ),
            (
                QualificationRequest {
                    it_team_size: "0".into(),
                    ..valid()
                },
                ("it_team_size", "out_of_range"),
            ),
            (
                QualificationRequest {
                    market_planning: "x".repeat(2001),
                    ..valid()
                },
                ("market_planning", "too_long"),
            ),
            (
                QualificationRequest {
                    agreement_confirmed: false,
                    ..valid()
                },
                ("agreement_confirmed", "must_accept"),
            ),
        ];
        for (q, (field, code)) in cases {
            assert_eq!(codes(q), vec![(field.to_owned(), code.to_owned())]);
        }
    }

    #[test]
    fn status_round_trips() {
        for s in [
            QualificationStatus::Submitted,
            QualificationStatus::InReview,
            QualificationStatus::Approved,
            QualificationStatus::Rejected,
        ] {
            assert_eq!(QualificationStatus::parse(s.as_str()), Some(s));
        }
        assert!(QualificationStatus::InReview.is_pending());
        assert!(!QualificationStatus::Rejected.is_pending());
    }
}
