//! The only module that speaks HTTP. Every call returns the value or a typed
//! [`ApiError`], so pages can say exactly what went wrong and keep what was typed.

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_core::{
    api::{path, AcceptAgreementRequest, Agreement, AgreementAcceptance, Me, SignInRequest, SignInResponse},
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
        self.auth(Request::post(&self.url(path)))
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
