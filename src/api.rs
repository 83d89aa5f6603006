//! The only module that speaks HTTP. Every call returns the value or a typed
//! [`ApiError`], so pages can say exactly what went wrong and keep what was typed.

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_core::{
    api::{
        path, AcceptAgreementRequest, Agreement, AgreementAcceptance, AppDetail, AppSecret, AppSummary,
        CreateAppRequest, DecisionRequest, DeveloperInfo, DeveloperProfile, LicenceInfo, Me,
        PasswordConfirmation, Qualification, QualificationRequest, ReviewDetail, ReviewQueueItem,
        SignInRequest, SignInResponse,
    },
    error::code,
    ErrorBody, FieldError,
};
use serde::{de::DeserializeOwned, Serialize};

/// Everything that can go wrong with a call, as the user interface needs to tell it.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached (offline, DNS, CORS, server down).
    Network,
    /// No valid session: the token is missing, unknown or expired.
    SessionExpired,
    /// Sign-in refused: wrong account name or password.
    InvalidCredentials,
    Forbidden,
    NotFound,
    /// The request conflicts with the current state (e.g. a newer agreement version).
    Conflict(ErrorBody),
    /// The server's rules refused fields; shown beside the same inputs.
    Validation(Vec<FieldError>),
    /// Too many wrong passwords; trying again is allowed after this many seconds.
    TooManyAttempts(Option<u64>),
    /// 5xx or any status the app does not expect.
    Server(u16),
    /// A 2xx whose body could not be read.
    BadResponse,
}

impl ApiError {
    fn from_status(status: u16, body: Option<ErrorBody>) -> Self {
        let code = body.as_ref().map(|b| b.code.as_str()).unwrap_or_default();
        match status {
            401 if code == code::INVALID_CREDENTIALS => ApiError::InvalidCredentials,
            401 => ApiError::SessionExpired,
            403 => ApiError::Forbidden,
            404 => ApiError::NotFound,
            409 => ApiError::Conflict(body.unwrap_or_else(|| ErrorBody::new(code::CONFLICT, ""))),
            422 => ApiError::Validation(body.map(|b| b.fields).unwrap_or_default()),
            429 => ApiError::TooManyAttempts(body.and_then(|b| b.retry_after)),
            s => ApiError::Server(s),
        }
    }
}

/// A client for the portal API at `base` (absolute, no trailing slash).
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    base: String,
}

/// A client that carries a session token: only a successful sign-in makes one,
/// so an authenticated call cannot be made before signing in.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthApi {
    base: String,
    token: String,
    /// Sent with state-changing requests, so that a retry happens once.
    idempotency_key: Option<String>,
}

impl Api {
    pub fn new(base: impl Into<String>) -> Self {
        Self { base: base.into() }
    }

    pub async fn sign_in(&self, req: &SignInRequest) -> Result<(AuthApi, SignInResponse), ApiError> {
        let res: SignInResponse = send_json(Request::post(&self.url(path::SESSION)), req).await?;
        Ok((self.with_token(res.token.clone()), res))
    }

    /// Restores a client from a token kept by the browser (or handed over by a host page).
    pub fn with_token(&self, token: String) -> AuthApi {
        AuthApi {
            base: self.base.clone(),
            token,
            idempotency_key: None,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl AuthApi {
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The same client, sending `key` as `Idempotency-Key` with what it changes.
    pub fn with_idempotency_key(mut self, key: String) -> Self {
        self.idempotency_key = Some(key);
        self
    }

    pub async fn me(&self) -> Result<Me, ApiError> {
        receive(self.get(path::ME)).await
    }

    pub async fn sign_out(&self) -> Result<(), ApiError> {
        let res = send(self.auth(Request::delete(&self.url(path::SESSION)))).await?;
        check(res).await.map(|_| ())
    }

    pub async fn agreement(&self) -> Result<Agreement, ApiError> {
        receive(self.get(path::AGREEMENT)).await
    }

    pub async fn accept_agreement(
        &self,
        req: &AcceptAgreementRequest,
    ) -> Result<AgreementAcceptance, ApiError> {
        send_json(self.post(path::AGREEMENT_ACCEPTANCE), req).await
    }

    /// `None` while the developer information has not been given.
    pub async fn developer(&self) -> Result<Option<DeveloperProfile>, ApiError> {
        optional(receive(self.get(path::DEVELOPER)).await)
    }

    pub async fn save_developer(&self, info: &DeveloperInfo) -> Result<DeveloperProfile, ApiError> {
        send_json(self.put(path::DEVELOPER), info).await
    }

    /// Uploads the licence image as the raw request body.
    pub async fn upload_licence(&self, bytes: &[u8], file_name: &str) -> Result<LicenceInfo, ApiError> {
        let url = format!(
            "{}?file_name={}",
            self.url(path::LICENCE_UPLOADS),
            js_sys::encode_uri_component(file_name)
        );
        let body = js_sys::Uint8Array::from(bytes);
        let req = self
            .auth(Request::post(&url))
            .header("Content-Type", "application/octet-stream")
            .body(body)
            .map_err(|_| ApiError::BadResponse)?;
        let res = req.send().await.map_err(|_| ApiError::Network)?;
        decode(check(res).await?).await
    }

    /// The licence image's bytes (the API needs the bearer token, so no plain `<img src>`).
    pub async fn licence_image(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        let res = check(send(self.get(&path::LICENCE_UPLOAD.replace("{id}", id))).await?).await?;
        res.binary().await.map_err(|_| ApiError::BadResponse)
    }

    /// `None` before the first application.
    pub async fn qualification(&self) -> Result<Option<Qualification>, ApiError> {
        optional(receive(self.get(path::QUALIFICATION)).await)
    }

    pub async fn submit_qualification(&self, req: &QualificationRequest) -> Result<Qualification, ApiError> {
        send_json(self.put(path::QUALIFICATION), req).await
    }

    pub async fn apps(&self) -> Result<Vec<AppSummary>, ApiError> {
        receive(self.get(path::APPS)).await
    }

    pub async fn create_app(&self, req: &CreateAppRequest) -> Result<AppDetail, ApiError> {
        send_json(self.post(path::APPS), req).await
    }

    pub async fn app(&self, id: i64) -> Result<AppDetail, ApiError> {
        receive(self.get(&path::with_id(path::APP, id))).await
    }

    pub async fn reveal_secret(&self, id: i64, req: &PasswordConfirmation) -> Result<AppSecret, ApiError> {
        send_json(self.post(&path::with_id(path::APP_SECRET_REVEAL, id)), req).await
    }

    pub async fn reset_secret(&self, id: i64, req: &PasswordConfirmation) -> Result<AppSecret, ApiError> {
        send_json(self.post(&path::with_id(path::APP_SECRET_RESET, id)), req).await
    }

    pub async fn review_queue(&self) -> Result<Vec<ReviewQueueItem>, ApiError> {
        receive(self.get(path::REVIEW_APPLICATIONS)).await
    }

    pub async fn review_detail(&self, id: i64) -> Result<ReviewDetail, ApiError> {
        receive(self.get(&path::with_id(path::REVIEW_APPLICATION, id))).await
    }

    pub async fn decide(&self, id: i64, req: &DecisionRequest) -> Result<ReviewDetail, ApiError> {
        send_json(self.post(&path::with_id(path::REVIEW_DECISION, id)), req).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn auth(&self, req: RequestBuilder) -> RequestBuilder {
        req.header("Authorization", &format!("Bearer {}", self.token))
    }

    fn get(&self, path: &str) -> RequestBuilder {
        self.auth(Request::get(&self.url(path)))
    }

    fn post(&self, path: &str) -> RequestBuilder {
        self.writing(Request::post(&self.url(path)))
    }

    fn put(&self, path: &str) -> RequestBuilder {
        self.writing(Request::put(&self.url(path)))
    }

    /// A state-changing request: authorised, and with the idempotency key if there is one.
    fn writing(&self, req: RequestBuilder) -> RequestBuilder {
        let req = self.auth(req);
        match &self.idempotency_key {
            Some(key) => req.header("Idempotency-Key", key),
            None => req,
        }
    }
}

/// A 404 means "not there yet", which callers treat as a value, not a failure.
fn optional<T>(result: Result<T, ApiError>) -> Result<Option<T>, ApiError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(ApiError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

async fn send(req: RequestBuilder) -> Result<Response, ApiError> {
    req.send().await.map_err(|_| ApiError::Network)
}

async fn send_json<B: Serialize, T: DeserializeOwned>(req: RequestBuilder, body: &B) -> Result<T, ApiError> {
    let req = req.json(body).map_err(|_| ApiError::BadResponse)?;
    let res = req.send().await.map_err(|_| ApiError::Network)?;
    decode(check(res).await?).await
}

async fn receive<T: DeserializeOwned>(req: RequestBuilder) -> Result<T, ApiError> {
    decode(check(send(req).await?).await?).await
}

/// Turns a non-2xx response into its typed error.
async fn check(res: Response) -> Result<Response, ApiError> {
    if res.ok() {
        return Ok(res);
    }
    let status = res.status();
    let body = res.json::<ErrorBody>().await.ok();
    Err(ApiError::from_status(status, body))
}

async fn decode<T: DeserializeOwned>(res: Response) -> Result<T, ApiError> {
    res.json::<T>().await.map_err(|_| ApiError::BadResponse)
}
