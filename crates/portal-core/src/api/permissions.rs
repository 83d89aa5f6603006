//! API permission groups: what the platform offers, what a developer asks for an app, and
//! the reviewer's decision on each request.

use super::DeveloperInfo;
use crate::form::{trim_in_place, Form};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationErrors};

/// A group of API operations an app may be granted (Products, Orders, …), named and
/// described in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionGroup {
    /// The group's code, as requests and the gateway's check name it.
    pub code: String,
    pub name: String,
    pub description: String,
    /// Touches buyers' personal data or money: a request must say why.
    pub sensitive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PermissionStatus {
    /// Waiting for a reviewer.
    Pending,
    /// Granted: the gateway's check lists the group.
    Active,
    Rejected,
}

impl PermissionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PermissionStatus::Pending => "pending",
            PermissionStatus::Active => "active",
            PermissionStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(PermissionStatus::Pending),
            "active" => Some(PermissionStatus::Active),
            "rejected" => Some(PermissionStatus::Rejected),
            _ => None,
        }
    }
}

/// An app's latest request for one group, and the decision on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionGrant {
    /// The request's id (the reviewers' pages name it).
    pub id: i64,
    pub status: PermissionStatus,
    /// Why the developer asked (may be empty for a group that is not sensitive).
    pub business_reason: String,
    pub requested_at: String,
    pub decided_at: Option<String>,
    /// Why the reviewer rejected it.
    pub reason: Option<String>,
}

/// One group as an app's console shows it: the group, and where the app stands with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppPermission {
    pub group: PermissionGroup,
    /// None: never requested.
    pub grant: Option<PermissionGrant>,
}

/// `POST /apps/{id}/permissions`: ask for a group, saying why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionRequest {
    /// The group's code.
    pub group: String,
    /// Required when the group is sensitive.
    #[serde(default)]
    pub business_reason: String,
    /// Whether the group asked for is sensitive: never sent; the form sets it from the
    /// groups it shows and the server from its own, so one rule serves both.
    #[serde(skip)]
    #[cfg_attr(feature = "openapi", schema(ignore))]
    pub sensitive: bool,
}

impl Validate for PermissionRequest {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if let Err(e) = crate::rules::permission_group(&self.group) {
            errors.add("group", e);
        }
        if let Err(e) = crate::rules::business_reason(&self.business_reason, self.sensitive) {
            errors.add("business_reason", e);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl Form for PermissionRequest {
    const FIELDS: &'static [&'static str] = &["group", "business_reason"];

    fn normalize(&mut self) {
        trim_in_place(&mut self.group);
        trim_in_place(&mut self.business_reason);
    }
}

/// A row of the reviewers' list of permission requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionQueueItem {
    /// The request's id.
    pub id: i64,
    pub app_name: String,
    pub account: String,
    pub group: PermissionGroup,
    pub status: PermissionStatus,
    pub requested_at: String,
}

/// `GET /review/permissions/{id}`: one request, its app and developer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionReview {
    pub app_id: i64,
    pub app_name: String,
    pub account: String,
    pub developer: Option<DeveloperInfo>,
    pub group: PermissionGroup,
    pub grant: PermissionGrant,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(req: PermissionRequest) -> Vec<(String, String)> {
        req.check()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn the_reason_is_required_only_for_sensitive_groups() {
        let ask = |group: &str, reason: &str, sensitive| PermissionRequest {
            group: group.into(),
            business_reason: reason.into(),
            sensitive,
        };
        assert!(fields(ask("products", "", false)).is_empty());
        assert_eq!(
            fields(ask("orders", "  ", true)),
            [("business_reason".to_owned(), "required".to_owned())]
        );
        assert!(fields(ask(" orders ", " Labels for shipped orders ", true)).is_empty());
        assert_eq!(
            fields(ask("", "", true)),
            [
                ("group".to_owned(), "required".to_owned()),
                ("business_reason".to_owned(), "required".to_owned())
            ]
        );
    }

    #[test]
    fn sensitivity_never_crosses_the_wire() {
        let req = PermissionRequest {
            group: "finance".into(),
            business_reason: String::new(),
            sensitive: true,
        };
        let json = serde_json::to_string(&req).unwrap();
        assert_eq!(json, r#"{"group":"finance","business_reason":""}"#);
        let back: PermissionRequest =
            serde_json::from_str(r#"{"group":"finance","sensitive":true}"#).unwrap();
        assert!(!back.sensitive);
    }
}
