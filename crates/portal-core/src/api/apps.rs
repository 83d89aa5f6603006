//! Apps and their credentials.

use crate::form::{trim_in_place, Form};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// `POST /apps`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateAppRequest {
    #[validate(custom(function = "crate::rules::app_name"))]
    pub name: String,
}

impl Form for CreateAppRequest {
    const FIELDS: &'static [&'static str] = &["name"];

    fn normalize(&mut self) {
        trim_in_place(&mut self.name);
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppType {
    /// An ISV's app, serving sellers; needs an approved qualification.
    #[default]
    CommercialDeveloper,
}

/// Create App, step one: the kind of app, which decides what the developer needs first.
/// Only the app's own form; nothing is sent to the server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
pub struct AppTypeChoice {
    pub app_type: AppType,
}

impl Form for AppTypeChoice {
    const FIELDS: &'static [&'static str] = &["app_type"];

    fn normalize(&mut self) {}
}

/// A new app is in test, with a daily call limit and a limit on authorised sellers, until
/// a reviewer lets it go online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppStatus {
    Test,
    Online,
}

impl AppStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AppStatus::Test => "test",
            AppStatus::Online => "online",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "test" => Some(AppStatus::Test),
            "online" => Some(AppStatus::Online),
            _ => None,
        }
    }
}

/// What an app in test may do (the operator's settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestLimits {
    /// Successful verifications a day (UTC); beyond them the gateway's check refuses.
    pub daily_calls: u64,
    /// Sellers who may authorise the app.
    pub authorised_sellers: u64,
}

/// `POST /apps/{id}/go-live`: what the app does in production and the calls it expects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoLiveRequest {
    #[validate(custom(function = "crate::rules::long_text"))]
    pub production_use: String,
    /// A whole number, as typed.
    #[validate(custom(function = "crate::rules::expected_daily_calls"))]
    pub expected_daily_calls: String,
}

impl Form for GoLiveRequest {
    const FIELDS: &'static [&'static str] = &["production_use", "expected_daily_calls"];

    fn normalize(&mut self) {
        trim_in_place(&mut self.production_use);
        trim_in_place(&mut self.expected_daily_calls);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GoLiveStatus {
    Pending,
    Approved,
    Rejected,
}

/// The latest request to take an app online, and the reviewer's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoLive {
    pub status: GoLiveStatus,
    pub production_use: String,
    pub expected_daily_calls: u64,
    pub requested_at: String,
    pub decided_at: Option<String>,
    /// Why it was rejected.
    pub reason: Option<String>,
}

/// A row of the app list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppSummary {
    pub id: i64,
    pub name: String,
    pub app_type: AppType,
    pub status: AppStatus,
    pub created_at: String,
}

/// `GET /apps/{id}`: the console; the secret itself only through reveal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppDetail {
    pub app: AppSummary,
    pub app_key: String,
    /// The secret in force and the one it replaced, while that still works.
    pub secrets: SecretStates,
    /// Successful verifications of the app's credentials per day (UTC), the last
    /// [`USAGE_DAYS`] days, oldest first, days without calls included.
    #[serde(default)]
    pub calls_per_day: Vec<DailyCalls>,
    /// Where sellers may be sent back after authorising the app, in the developer's order.
    #[serde(default)]
    pub callback_urls: Vec<String>,
    /// The addresses and ranges the app's calls may come from (empty: any).
    #[serde(default)]
    pub allowed_sources: Vec<String>,
    /// The limits while in test; none once online.
    #[serde(default)]
    pub limits: Option<TestLimits>,
    /// The latest request to go online, if any.
    #[serde(default)]
    pub go_live: Option<GoLive>,
    /// Every permission group the platform offers, with the app's request for it.
    #[serde(default)]
    pub permissions: Vec<super::AppPermission>,
}

/// Step-up before a secret is shown or reset: the account password again or, for an
/// account that signs in through its seller portal, a fresh token from that portal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordConfirmation {
    #[serde(default)]
    pub password: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_token: Option<String>,
}

/// A host token is a few hundred characters; far longer is not one.
pub const HOST_TOKEN_MAX: usize = 8 * 1024;

/// The password's rules, unless a host token stands in for it (errors on `password`, the
/// one field a person sees).
impl Validate for PasswordConfirmation {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        let checked = match &self.host_token {
            Some(token) if token.is_empty() || token.len() > HOST_TOKEN_MAX => Err(
                validator::ValidationError::new(crate::error::field_code::REQUIRED),
            ),
            Some(_) => Ok(()),
            None => crate::rules::password(&self.password),
        };
        let mut errors = validator::ValidationErrors::new();
        if let Err(error) = checked {
            errors.add("password", error);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl Form for PasswordConfirmation {
    const FIELDS: &'static [&'static str] = &["password"];

    fn normalize(&mut self) {}
}

/// `POST /apps/{id}/secret/reset`: the step-up, and how long the secret in force keeps
/// working once replaced.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetSecretRequest {
    #[serde(flatten)]
    pub confirmation: PasswordConfirmation,
    /// Hours the replaced secret keeps working, one of [`crate::rules::OLD_SECRET_HOURS`]
    /// (0: it stops now); absent, the operator's default grace period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_secret_hours: Option<u32>,
}

impl Validate for ResetSecretRequest {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        let mut errors = match self.confirmation.validate() {
            Ok(()) => validator::ValidationErrors::new(),
            Err(errors) => errors,
        };
        if let Some(Err(error)) = self.old_secret_hours.map(crate::rules::old_secret_hours) {
            errors.add("old_secret_hours", error);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl Form for ResetSecretRequest {
    const FIELDS: &'static [&'static str] = &["old_secret_hours", "password"];

    fn normalize(&mut self) {}
}

/// One AppSecret's state; never the secret itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecretState {
    pub issued_at: String,
    /// When it stops working; none for the secret in force.
    pub expires_at: Option<String>,
    /// The latest successful verification with it, if any.
    pub last_used_at: Option<String>,
}

/// The secret in force and, while it still works, the one the last reset replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecretStates {
    pub current: SecretState,
    pub previous: Option<SecretState>,
}

/// How many days of calls the console charts.
pub const USAGE_DAYS: usize = 14;

/// The calls counted on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DailyCalls {
    /// The day, `YYYY-MM-DD` (UTC).
    pub day: String,
    pub calls: u64,
}

/// The AppSecret, answered by reveal and by reset, with both secrets' state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppSecret {
    pub app_secret: String,
    pub secrets: SecretStates,
}

/// `POST /credentials/verify`: would the platform accept this key and secret now?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyCredentialsRequest {
    pub app_key: String,
    pub app_secret: String,
    /// Where the gateway is about to send a seller back after authorisation: checked
    /// against the app's callback URLs, character for character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// The address the call the gateway is checking came from: refused when the app has
    /// an allow-list that does not hold it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyCredentialsResponse {
    pub valid: bool,
    /// Given a `redirect_uri`: whether it is one of the app's callback URLs (always false
    /// when the credentials are not valid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri_allowed: Option<bool>,
    /// Why credentials that are right were refused anyway (`source_not_allowed`: the
    /// call's address is not on the app's allow-list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// The codes of the permission groups the app holds (only when valid).
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// [`VerifyCredentialsResponse::refused`]: the call came from outside the allow-list.
pub const SOURCE_NOT_ALLOWED: &str = "source_not_allowed";
/// [`VerifyCredentialsResponse::refused`]: an app in test used up today's calls.
pub const DAILY_LIMIT_REACHED: &str = "daily_limit_reached";

/// Entries per page of an app's audit log.
pub const AUDIT_PAGE_SIZE: usize = 20;

/// What was done to an app, by whom, when and from where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// `secret.reveal`, `secret.reset`, `secret.revoke_previous`, `callback_urls.update`,
    /// `allowed_sources.update`, …
    pub action: String,
    /// The account that acted.
    pub actor: String,
    /// The address the request came from.
    pub address: String,
    pub at: String,
    /// What the action was about beyond the app, named for the reader (a permission group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

/// `GET /apps/{id}/audit?before={id}`: a page of the app's audit log, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Where the next, older page starts (`before`), when there is one.
    pub older: Option<i64>,
}

/// The query of `GET /apps/{id}/audit`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// Only entries older than this one.
    pub before: Option<i64>,
}
