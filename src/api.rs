//! The only module that speaks HTTP. Every call returns the value or a typed
//! [`ApiError`], so pages can say exactly what went wrong and keep what was typed.

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_core::{
    api::{
        headers, path, AcceptAgreementRequest, Agreement, AgreementAcceptance, AppDetail, AppSecret,
        AppSummary, CreateAppRequest, DecisionRequest, DeveloperInfo, DeveloperProfile, HostSignInRequest,
        LicenceInfo, Me, PasswordConfirmation, Qualification, QualificationRequest, ReviewDetail,
        ReviewQueueItem, ServiceInfo, SignInRequest, SignInResponse,
    },
    error::code,
    ErrorBody, FieldError,
};
use serde::{de::DeserializeOwned, Serialize};

/// Everything that can go wrong with a call, as the user interface needs to tell it.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The API at this base URL could not be reached (offline, DNS, CORS, server down).
    Network(String),
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
    /// Too many uploads lately; uploading again is allowed after this many seconds.
    UploadQuota(Option<u64>),
    /// The server is busy (or still working on the same request); try again shortly.
    Busy(Option<u64>),
    /// No answer in time (the app's own limit, or the server's).
    Timeout,
    /// What was sent is larger than the server takes.
    TooLarge,
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
            408 => ApiError::Timeout,
            409 if code == code::REQUEST_IN_PROGRESS => ApiError::Busy(body.and_then(|b| b.retry_after)),
            409 => ApiError::Conflict(body.unwrap_or_else(|| ErrorBody::new(code::CONFLICT, ""))),
            413 => ApiError::TooLarge,
            422 => ApiError::Validation(body.map(|b| b.fields).unwrap_or_default()),
            429 if code == code::UPLOAD_QUOTA => ApiError::UploadQuota(body.and_then(|b| b.retry_after)),
            429 => ApiError::TooManyAttempts(body.and_then(|b| b.retry_after)),
            503 if code == code::SERVER_BUSY => ApiError::Busy(body.and_then(|b| b.retry_after)),
            s => ApiError::Server(s),
        }
    }
}

/// A client for the portal API at `base` (absolute, no trailing slash).
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    base: String,
    /// How long to wait for an answer, in milliseconds.
    timeout_ms: u32,
}

/// A client that carries a session token: only a successful sign-in makes one,
/// so an authenticated call cannot be made before signing in.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthApi {
    base: String,
    timeout_ms: u32,
    token: String,
    /// Sent with state-changing requests, so that a retry happens once.
    idempotency_key: Option<String>,
}

impl Api {
    pub fn new(base: impl Into<String>, timeout_seconds: u32) -> Self {
        Self {
            base: base.into(),
            timeout_ms: timeout_seconds.saturating_mul(1000),
        }
    }

    pub async fn sign_in(&self, req: &SignInRequest) -> Result<(AuthApi, SignInResponse), ApiError> {
        let url = self.url(path::SESSION);
        let res: SignInResponse = decode(
            send(&self.base, self.timeout_ms, |signal| {
                Request::post(&url).abort_signal(signal).json(req)
            })
            .await?,
        )
        .await?;
        Ok((self.with_token(res.token.clone()), res))
    }

    /// What answers at the API base URL: the portal's API says so (see [`path::SERVICE`]).
    pub async fn service(&self) -> Result<ServiceInfo, ApiError> {
        let url = self.url(path::SERVICE);
        decode(
            send(&self.base, self.timeout_ms, |signal| {
                Request::get(&url).abort_signal(signal).build()
            })
            .await?,
        )
        .await
    }

    /// Signs in with the host page's token for its seller (`POST /session/host`).
    pub async fn sign_in_host(&self, token: String) -> Result<(AuthApi, SignInResponse), ApiError> {
        let url = self.url(path::SESSION_HOST);
        let body = HostSignInRequest { token };
        let res: SignInResponse = decode(
            send(&self.base, self.timeout_ms, |signal| {
                Request::post(&url).abort_signal(signal).json(&body)
            })
            .await?,
        )
        .await?;
        Ok((self.with_token(res.token.clone()), res))
    }

    /// Restores a client from a token kept by the browser (or handed over by a host page).
    pub fn with_token(&self, token: String) -> AuthApi {
        AuthApi {
            base: self.base.clone(),
            timeout_ms: self.timeout_ms,
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
    pub fn with_idempotency_key(mut self, key: Option<String>) -> Self {
        self.idempotency_key = key;
        self
    }

    pub async fn me(&self) -> Result<Me, ApiError> {
        self.get(path::ME).await
    }

    pub async fn sign_out(&self) -> Result<(), ApiError> {
        let url = self.url(path::SESSION);
        send(&self.base, self.timeout_ms, |signal| {
            self.auth(Request::delete(&url)).abort_signal(signal).build()
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

    pub async fn save_developer(&self, info: &DeveloperInfo) -> Result<DeveloperProfile, ApiError> {
        self.write(Method::Put, path::DEVELOPER, info).await
    }

    /// Uploads the licence image as the raw request body.
    pub async fn upload_licence(&self, bytes: &[u8], file_name: &str) -> Result<LicenceInfo, ApiError> {
        let url = format!(
            "{}?file_name={}",
            self.url(path::LICENCE_UPLOADS),
            js_sys::encode_uri_component(file_name)
        );
        let res = send(&self.base, self.timeout_ms, |signal| {
            self.writing(Request::post(&url))
                .abort_signal(signal)
                .header(headers::CONTENT_TYPE, "application/octet-stream")
                .body(js_sys::Uint8Array::from(bytes))
        })
        .await?;
        decode(res).await
    }

    /// The licence image's bytes (the API needs the bearer token, so no plain `<img src>`).
    pub async fn licence_image(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        let url = self.url(&path::LICENCE_UPLOAD.replace("{id}", id));
        let res = send(&self.base, self.timeout_ms, |signal| {
            self.auth(Request::get(&url)).abort_signal(signal).build()
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

    pub async fn reset_secret(&self, id: i64, req: &PasswordConfirmation) -> Result<AppSecret, ApiError> {
        self.write(Method::Post, &path::with_id(path::APP_SECRET_RESET, id), req)
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

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn auth(&self, req: RequestBuilder) -> RequestBuilder {
        req.header(headers::AUTHORIZATION, &format!("Bearer {}", self.token))
    }

    /// A read, decoded.
    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let url = self.url(path);
        decode(
            send(&self.base, self.timeout_ms, |signal| {
                self.auth(Request::get(&url)).abort_signal(signal).build()
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
        let url = self.url(path);
        let build = |signal: Option<&web_sys::AbortSignal>| {
            let req = match method {
                Method::Post => Request::post(&url),
                Method::Put => Request::put(&url),
            };
            self.writing(req).abort_signal(signal).json(body)
        };
        decode(send(&self.base, self.timeout_ms, build).await?).await
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

/// How often a request the server is still working on (same idempotency key) is asked
/// about again before the app gives up and says so.
const IN_PROGRESS_RETRIES: u32 = 10;

/// Sends the request `build` makes, within `timeout_ms`; a 2xx response, or its typed
/// error. While the server says the same request is still in progress (its first answer
/// was lost), waits as told and asks again with the same key.
async fn send(
    api_base: &str,
    timeout_ms: u32,
    build: impl Fn(Option<&web_sys::AbortSignal>) -> Result<Request, gloo_net::Error>,
) -> Result<Response, ApiError> {
    let mut waits = 0;
    loop {
        let deadline = Deadline::start(timeout_ms);
        let signal = deadline.controller.as_ref().map(|c| c.signal());
        let req = build(signal.as_ref()).map_err(|_| ApiError::BadResponse)?;
        let outcome = req.send().await;
        let timed_out = deadline.passed();
        drop(deadline);
        let res = match outcome {
            Ok(res) => res,
            Err(_) if timed_out => return Err(ApiError::Timeout),
            Err(_) => return Err(ApiError::Network(api_base.to_owned())),
        };
        match check(res).await {
            Err(ApiError::Busy(wait)) if waits < IN_PROGRESS_RETRIES => {
                waits += 1;
                sleep_ms(wait.unwrap_or(1).clamp(1, 5) as u32 * 1000).await;
            }
            other => return other,
        }
    }
}

/// Aborts a request when its time is up.
struct Deadline {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
    _on_time_up: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

impl Deadline {
    fn start(ms: u32) -> Self {
        use wasm_bindgen::JsCast;
        let controller = web_sys::AbortController::new().ok();
        let Some(c) = controller.clone() else {
            return Self {
                controller: None,
                timer: None,
                _on_time_up: None,
            };
        };
        let on_time_up = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || c.abort());
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_time_up.as_ref().unchecked_ref(),
                ms.min(i32::MAX as u32) as i32,
            )
            .ok()
        });
        Self {
            controller,
            timer,
            _on_time_up: Some(on_time_up),
        }
    }

    fn passed(&self) -> bool {
        self.controller.as_ref().is_some_and(|c| c.signal().aborted())
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(timer), Some(window)) = (self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
