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

/// A typed answer of the application, by name: the form, the check page, the review page
/// and the drafts reach each answer through this, so a field is added in one compile-checked
/// place (here and in the request) instead of by string in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAnswer {
    ContactName,
    ContactMobile,
    Email,
    SoftwareName,
    SoftwareFunction,
    Cif,
    ItName,
    ItMobile,
    ItEmail,
    ItTeamSize,
    MarketPlanning,
    ServerConfig,
    ServerBandwidth,
    DevLanguage,
    Database,
}

impl TextAnswer {
    pub const ALL: [TextAnswer; 15] = [
        Self::ContactName,
        Self::ContactMobile,
        Self::Email,
        Self::SoftwareName,
        Self::SoftwareFunction,
        Self::Cif,
        Self::ItName,
        Self::ItMobile,
        Self::ItEmail,
        Self::ItTeamSize,
        Self::MarketPlanning,
        Self::ServerConfig,
        Self::ServerBandwidth,
        Self::DevLanguage,
        Self::Database,
    ];

    /// The IT person's answers and the contact answers they copy when the IT person is
    /// the contact.
    pub const SAME_AS_CONTACT: [(TextAnswer, TextAnswer); 3] = [
        (Self::ItName, Self::ContactName),
        (Self::ItMobile, Self::ContactMobile),
        (Self::ItEmail, Self::Email),
    ];

    /// Its name in the API's JSON and in field errors (one of [`QualificationRequest::FIELDS`]).
    pub fn name(self) -> &'static str {
        match self {
            Self::ContactName => "contact_name",
            Self::ContactMobile => "contact_mobile",
            Self::Email => "email",
            Self::SoftwareName => "software_name",
            Self::SoftwareFunction => "software_function",
            Self::Cif => "cif",
            Self::ItName => "it_name",
            Self::ItMobile => "it_mobile",
            Self::ItEmail => "it_email",
            Self::ItTeamSize => "it_team_size",
            Self::MarketPlanning => "market_planning",
            Self::ServerConfig => "server_config",
            Self::ServerBandwidth => "server_bandwidth",
            Self::DevLanguage => "dev_language",
            Self::Database => "database",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }
}

impl QualificationRequest {
    pub fn text(&self, answer: TextAnswer) -> &str {
        match answer {
            TextAnswer::ContactName => &self.contact_name,
            TextAnswer::ContactMobile => &self.contact_mobile,
            TextAnswer::Email => &self.email,
            TextAnswer::SoftwareName => &self.software_name,
            TextAnswer::SoftwareFunction => &self.software_function,
            TextAnswer::Cif => &self.cif,
            TextAnswer::ItName => &self.it_name,
            TextAnswer::ItMobile => &self.it_mobile,
            TextAnswer::ItEmail => &self.it_email,
            TextAnswer::ItTeamSize => &self.it_team_size,
            TextAnswer::MarketPlanning => &self.market_planning,
            TextAnswer::ServerConfig => &self.server_config,
            TextAnswer::ServerBandwidth => &self.server_bandwidth,
            TextAnswer::DevLanguage => &self.dev_language,
            TextAnswer::Database => &self.database,
        }
    }

    pub fn text_mut(&mut self, answer: TextAnswer) -> &mut String {
        match answer {
            TextAnswer::ContactName => &mut self.contact_name,
            TextAnswer::ContactMobile => &mut self.contact_mobile,
            TextAnswer::Email => &mut self.email,
            TextAnswer::SoftwareName => &mut self.software_name,
            TextAnswer::SoftwareFunction => &mut self.software_function,
            TextAnswer::Cif => &mut self.cif,
            TextAnswer::ItName => &mut self.it_name,
            TextAnswer::ItMobile => &mut self.it_mobile,
            TextAnswer::ItEmail => &mut self.it_email,
            TextAnswer::ItTeamSize => &mut self.it_team_size,
            TextAnswer::MarketPlanning => &mut self.market_planning,
            TextAnswer::ServerConfig => &mut self.server_config,
            TextAnswer::ServerBandwidth => &mut self.server_bandwidth,
            TextAnswer::DevLanguage => &mut self.dev_language,
            TextAnswer::Database => &mut self.database,
        }
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

    #[test]
    fn each_text_answer_is_the_request_field_of_its_name() {
        let mut req = QualificationRequest::default();
        for answer in TextAnswer::ALL {
            *req.text_mut(answer) = format!("value of {}", answer.name());
        }
        let json = serde_json::to_value(&req).unwrap();
        for answer in TextAnswer::ALL {
            assert_eq!(json[answer.name()], format!("value of {}", answer.name()));
            assert_eq!(req.text(answer), format!("value of {}", answer.name()));
            assert_eq!(TextAnswer::from_name(answer.name()), Some(answer));
        }
        // Every field of the form is a text answer, the upload or the confirmation.
        let mut names: Vec<&str> = TextAnswer::ALL.iter().map(|a| a.name()).collect();
        names.extend(["licence_id", "agreement_confirmed"]);
        let mut fields = QualificationRequest::FIELDS.to_vec();
        names.sort_unstable();
        fields.sort_unstable();
        assert_eq!(names, fields);
    }

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
