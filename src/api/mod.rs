//! The only module that speaks HTTP. Every call returns the value or a typed
//! [`ApiError`], so pages can say exactly what went wrong and keep what was typed.

use gloo_net::http::{Request, RequestBuilder};
use portal_core::api::{
    headers, path, AcceptAgreementRequest, Agreement, AgreementAcceptance, AllowedSources, AppDetail,
    AppSecret, AppSummary, AuditPage, CallbackUrls, CreateAppRequest, DecisionRequest, DeveloperInfo,
    DeveloperProfile, EmailVerificationRequest, EmailVerified, GoLiveQueueItem, GoLiveRequest, GoLiveReview,
    HostSignInRequest, LicenceInfo, Me, PasswordConfirmation, PermissionQueueItem, PermissionRequest,
    PermissionReview, Qualification, QualificationRequest, ResetSecretRequest, ReviewDetail, ReviewQueueItem,
    ServiceInfo, SignInRequest, SignInResponse, VerificationSent,
};
use serde::{de::DeserializeOwned, Serialize};

mod endpoint;
mod error;
mod transport;

pub use endpoint::Endpoint;
pub use error::ApiError;
use transport::{decode, send};

/// A client for the portal API at its [`Endpoint`].
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    endpoint: Endpoint,
}

/// A client that carries a session token: only a successful sign-in makes one,
/// so an authenticated call cannot be made before signing in.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthApi {
    endpoint: Endpoint,
    token: String,
    /// Sent with state-changing requests, so that a retry happens once.
    idempotency_key: Option<String>,
}

impl Api {
    /// A client for the API at `endpoint`, which calls wait for until it is known.
    pub fn new(endpoint: Endpoint) -> Self {
        Self { endpoint }
    }

    pub async fn sign_in(&self, req: &SignInRequest) -> Result<(AuthApi, SignInResponse), ApiError> {
        let res: SignInResponse = decode(
            send(&self.endpoint, path::SESSION, |url, signal| {
                Request::post(url).abort_signal(signal).json(req)
            })
            .await?,
        )
        .await?;
        Ok((self.with_token(res.token.clone()), res))
    }

    /// What answers at the API base URL: the portal's API says so (see [`path::SERVICE`]).
    pub async fn service(&self) -> Result<ServiceInfo, ApiError> {
        decode(
            send(&self.endpoint, path::SERVICE, |url, signal| {
                Request::get(url).abort_signal(signal).build()
            })
            .await?,
        )
        .await
    }

    /// Signs in with the host page's token for its seller (`POST /session/host`).
    pub async fn sign_in_host(&self, token: String) -> Result<(AuthApi, SignInResponse), ApiError> {
        let body = HostSignInRequest { token };
        let res: SignInResponse = decode(
            send(&self.endpoint, path::SESSION_HOST, |url, signal| {
                Request::post(url).abort_signal(signal).json(&body)
            })
            .await?,
        )
        .await?;
        Ok((self.with_token(res.token.clone()), res))
    }

    /// Opens an e-mail verification link (no session needed: the token is the proof).
    pub async fn open_verification_link(&self, token: &str) -> Result<EmailVerified, ApiError> {
        let body = EmailVerificationRequest {
            token: token.to_owned(),
        };
        decode(
            send(&self.endpoint, path::EMAIL_VERIFICATION, |url, signal| {
                Request::post(url).abort_signal(signal).json(&body)
            })
            .await?,
        )
        .await
    }

    /// Restores a client from a token kept by the browser (or handed over by a host page).
    pub fn with_token(&self, token: String) -> AuthApi {
        AuthApi {
            endpoint: self.endpoint.clone(),
            token,
            idempotency_key: None,
        }
    }
}

impl AuthApi {
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The same client, sending `key` as `Idempotency-Key` with what it changes.
    pub fn with_idempotency_key(mut self, key: Option<String>) -> Self {
        self.idempotency_key = key;
        self
    }

    pub async fn me(&self) -> Result<Me, ApiError> {
        self.get(path::ME).await
    }

    pub async fn sign_out(&self) -> Result<(), ApiError> {
        send(&self.endpoint, path::SESSION, |url, signal| {
            self.auth(Request::delete(url)).abort_signal(signal).build()
        })
        .await
        .map(|_| ())
    }

    pub async fn agreement(&self) -> Result<Agreement, ApiError> {
        self.get(path::AGREEMENT).await
    }

    pub async fn accept_agreement(
        &self,
        req: &AcceptAgreementRequest,
    ) -> Result<AgreementAcceptance, ApiError> {
        self.write(Method::Post, path::AGREEMENT_ACCEPTANCE, req).await
    }

    /// `None` while the developer information has not been given.
    pub async fn developer(&self) -> Result<Option<DeveloperProfile>, ApiError> {
        optional(self.get(path::DEVELOPER).await)
    }

    /// Sends the link that confirms the contact e-mail address again.
    pub async fn resend_verification(&self) -> Result<VerificationSent, ApiError> {
        self.write(Method::Post, path::DEVELOPER_EMAIL_VERIFICATION, &())
            .await
    }

    pub async fn save_developer(&self, info: &DeveloperInfo) -> Result<DeveloperProfile, ApiError> {
        self.write(Method::Put, path::DEVELOPER, info).await
    }

    /// Uploads the licence image as the raw request body.
    pub async fn upload_licence(&self, bytes: &[u8], file_name: &str) -> Result<LicenceInfo, ApiError> {
        let path = format!(
            "{}?file_name={}",
            path::LICENCE_UPLOADS,
            js_sys::encode_uri_component(file_name)
        );
        let res = send(&self.endpoint, &path, |url, signal| {
            self.writing(Request::post(url))
                .abort_signal(signal)
                .header(headers::CONTENT_TYPE, "application/octet-stream")
                .body(js_sys::Uint8Array::from(bytes))
        })
        .await?;
        decode(res).await
    }

    /// The licence image's bytes (the API needs the bearer token, so no plain `<img src>`).
    pub async fn licence_image(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        let path = path::LICENCE_UPLOAD.replace("{id}", id);
        let res = send(&self.endpoint, &path, |url, signal| {
            self.auth(Request::get(url)).abort_signal(signal).build()
        })
        .await?;
        res.binary().await.map_err(|_| ApiError::BadResponse)
    }

    /// `None` before the first application.
    pub async fn qualification(&self) -> Result<Option<Qualification>, ApiError> {
        optional(self.get(path::QUALIFICATION).await)
    }

    pub async fn submit_qualification(&self, req: &QualificationRequest) -> Result<Qualification, ApiError> {
        self.write(Method::Put, path::QUALIFICATION, req).await
    }

    pub async fn apps(&self) -> Result<Vec<AppSummary>, ApiError> {
        self.get(path::APPS).await
    }

    pub async fn create_app(&self, req: &CreateAppRequest) -> Result<AppDetail, ApiError> {
        self.write(Method::Post, path::APPS, req).await
    }

    pub async fn app(&self, id: i64) -> Result<AppDetail, ApiError> {
        self.get(&path::with_id(path::APP, id)).await
    }

    pub async fn reveal_secret(&self, id: i64, req: &PasswordConfirmation) -> Result<AppSecret, ApiError> {
        self.write(Method::Post, &path::with_id(path::APP_SECRET_REVEAL, id), req)
            .await
    }

    pub async fn reset_secret(&self, id: i64, req: &ResetSecretRequest) -> Result<AppSecret, ApiError> {
        self.write(Method::Post, &path::with_id(path::APP_SECRET_RESET, id), req)
            .await
    }

    /// Stops the secret the last reset replaced.
    pub async fn revoke_previous_secret(
        &self,
        id: i64,
        req: &PasswordConfirmation,
    ) -> Result<AppDetail, ApiError> {
        self.write(
            Method::Post,
            &path::with_id(path::APP_SECRET_REVOKE_PREVIOUS, id),
            req,
        )
        .await
    }

    /// A page of the app's audit log, newest first; `before` from the previous page.
    pub async fn audit(&self, id: i64, before: Option<i64>) -> Result<AuditPage, ApiError> {
        let path = path::with_id(path::APP_AUDIT, id);
        match before {
            Some(before) => self.get(&format!("{path}?before={before}")).await,
            None => self.get(&path).await,
        }
    }

    /// Replaces the app's callback URLs.
    pub async fn set_callback_urls(&self, id: i64, req: &CallbackUrls) -> Result<AppDetail, ApiError> {
        self.write(Method::Put, &path::with_id(path::APP_CALLBACK_URLS, id), req)
            .await
    }

    /// Replaces the app's IP allow-list.
    pub async fn set_allowed_sources(&self, id: i64, req: &AllowedSources) -> Result<AppDetail, ApiError> {
        self.write(Method::Put, &path::with_id(path::APP_ALLOWED_SOURCES, id), req)
            .await
    }

    /// Asks a reviewer to take the app online.
    pub async fn request_go_live(&self, id: i64, req: &GoLiveRequest) -> Result<AppDetail, ApiError> {
        self.write(Method::Post, &path::with_id(path::APP_GO_LIVE, id), req)
            .await
    }

    pub async fn request_permission(&self, id: i64, req: &PermissionRequest) -> Result<AppDetail, ApiError> {
        self.write(Method::Post, &path::with_id(path::APP_PERMISSIONS, id), req)
            .await
    }

    pub async fn permission_queue(&self) -> Result<Vec<PermissionQueueItem>, ApiError> {
        self.get(path::REVIEW_PERMISSIONS).await
    }

    pub async fn permission_review(&self, id: i64) -> Result<PermissionReview, ApiError> {
        self.get(&path::with_id(path::REVIEW_PERMISSION, id)).await
    }

    pub async fn decide_permission(
        &self,
        id: i64,
        req: &DecisionRequest,
    ) -> Result<PermissionReview, ApiError> {
        self.write(
            Method::Post,
            &path::with_id(path::REVIEW_PERMISSION_DECISION, id),
            req,
        )
        .await
    }

    pub async fn go_live_queue(&self) -> Result<Vec<GoLiveQueueItem>, ApiError> {
        self.get(path::REVIEW_GO_LIVE).await
    }

    pub async fn go_live_review(&self, id: i64) -> Result<GoLiveReview, ApiError> {
        self.get(&path::with_id(path::REVIEW_GO_LIVE_ITEM, id)).await
    }

    pub async fn decide_go_live(&self, id: i64, req: &DecisionRequest) -> Result<GoLiveReview, ApiError> {
        self.write(
            Method::Post,
            &path::with_id(path::REVIEW_GO_LIVE_DECISION, id),
            req,
        )
        .await
    }

    pub async fn review_queue(&self) -> Result<Vec<ReviewQueueItem>, ApiError> {
        self.get(path::REVIEW_APPLICATIONS).await
    }

    /// Opens an application for review (a submitted one is then "in review").
    pub async fn open_review(&self, id: i64) -> Result<ReviewDetail, ApiError> {
        self.write(Method::Post, &path::with_id(path::REVIEW_START, id), &())
            .await
    }

    pub async fn decide(&self, id: i64, req: &DecisionRequest) -> Result<ReviewDetail, ApiError> {
        self.write(Method::Post, &path::with_id(path::REVIEW_DECISION, id), req)
            .await
    }

    /// Authorised, in the reader's language (what the server writes back to them later,
    /// e-mails, is worded in it).
    fn auth(&self, req: RequestBuilder) -> RequestBuilder {
        req.header(headers::AUTHORIZATION, &format!("Bearer {}", self.token))
            .header(headers::ACCEPT_LANGUAGE, crate::i18n::current().tag())
    }

    /// A read, decoded.
    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        decode(
            send(&self.endpoint, path, |url, signal| {
                self.auth(Request::get(url)).abort_signal(signal).build()
            })
            .await?,
        )
        .await
    }

    /// A state-changing request with a JSON body, decoded.
    async fn write<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let build = |url: &str, signal: Option<&web_sys::AbortSignal>| {
            let req = match method {
                Method::Post => Request::post(url),
                Method::Put => Request::put(url),
            };
            self.writing(req).abort_signal(signal).json(body)
        };
        decode(send(&self.endpoint, path, build).await?).await
    }

    /// A state-changing request: authorised, and with the idempotency key if there is one.
    fn writing(&self, req: RequestBuilder) -> RequestBuilder {
        let req = self.auth(req);
        match &self.idempotency_key {
            Some(key) => req.header(headers::IDEMPOTENCY_KEY, key),
            None => req,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Method {
    Post,
    Put,
}

/// A 404 means "not there yet", which callers treat as a value, not a failure.
fn optional<T>(result: Result<T, ApiError>) -> Result<Option<T>, ApiError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(ApiError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}
