//! Reviewers' side: the queue and the decision.

use super::{DeveloperInfo, Qualification, QualificationStatus};
use crate::{error::field_code, form::Form};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use validator::{Validate, ValidationError, ValidationErrors};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewQueueItem {
    pub id: i64,
    pub reference: String,
    pub account: String,
    pub software_name: String,
    pub status: QualificationStatus,
    pub submitted_at: String,
}

/// `GET /review/applications/{id}`: everything the reviewer needs to decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewDetail {
    pub id: i64,
    pub account: String,
    pub developer: Option<DeveloperInfo>,
    pub application: Qualification,
}

/// A row of the reviewers' list of apps asking to go online.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoLiveQueueItem {
    /// The app's id.
    pub app_id: i64,
    pub app_name: String,
    pub account: String,
    pub status: super::GoLiveStatus,
    pub requested_at: String,
}

/// `GET /review/go-live/{id}`: an app's request to go online, with its developer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoLiveReview {
    pub app_id: i64,
    pub app_name: String,
    pub account: String,
    pub developer: Option<DeveloperInfo>,
    pub request: super::GoLive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    #[default]
    Approve,
    Reject,
}

/// `POST /review/applications/{id}/decision`; a rejection needs its reasons.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionRequest {
    pub decision: Decision,
    #[serde(default)]
    pub reason: String,
}

impl DecisionRequest {
    /// The reason a rejection gives; none for an approval (whatever reason came with it).
    pub fn rejection(&self) -> Option<String> {
        (self.decision == Decision::Reject).then(|| self.reason.clone())
    }
}

pub const REASON_MAX: usize = 2000;

impl Validate for DecisionRequest {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.decision == Decision::Reject && self.reason.is_empty() {
            errors.add("reason", ValidationError::new(field_code::REQUIRED));
        } else if self.reason.chars().count() > REASON_MAX {
            let mut e = ValidationError::new(field_code::TOO_LONG);
            e.add_param(Cow::Borrowed("max"), &REASON_MAX);
            errors.add("reason", e);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl Form for DecisionRequest {
    const FIELDS: &'static [&'static str] = &["reason"];

    fn normalize(&mut self) {
        crate::form::trim_in_place(&mut self.reason);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_table() {
        let d = |decision, reason: &str| {
            DecisionRequest {
                decision,
                reason: reason.into(),
            }
            .errors()
        };
        assert!(d(Decision::Approve, "").is_empty());
        assert!(d(Decision::Reject, "The licence image is unreadable.").is_empty());
        assert_eq!(d(Decision::Reject, "  ")[0].code, "required");
        assert_eq!(d(Decision::Reject, &"x".repeat(2001))[0].code, "too_long");
    }
}
