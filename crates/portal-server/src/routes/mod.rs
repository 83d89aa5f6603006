//! The API's routes: one table, from which both the router and the OpenAPI document are made.

mod agreement;
mod app_audit;
mod app_secrets;
pub mod apps;
mod developer;
mod email_verification;
mod go_live;
mod guard;
mod permissions;
mod qualification;
mod review;
mod session;
pub mod uploads;
pub mod verify;

use crate::openapi::{many, one, Body, Doc};
use crate::{
    error::AppError,
    idempotency::{self, Replay},
    AppState,
};
use axum::{
    extract::DefaultBodyLimit,
    http::{header, HeaderValue, Method},
    response::IntoResponse,
    routing::{delete, get, post, put, MethodRouter},
    Router,
};
use portal_core::api::*;
use tower_http::set_header::SetResponseHeaderLayer;

/// One endpoint under `/api/v1`.
pub struct ApiRoute {
    pub method: Method,
    pub path: &'static str,
    /// What the route does with an `Idempotency-Key`.
    pub replay: Replay,
    /// What the OpenAPI document says of it.
    pub doc: Doc,
    handler: MethodRouter<AppState>,
}

/// A route that answers `answers` with 200 to a signed-in caller, or one of `errors`.
fn route(
    method: Method,
    path: &'static str,
    handler: MethodRouter<AppState>,
    summary: &'static str,
    answers: Option<Body>,
    errors: &'static [u16],
) -> ApiRoute {
    let replay = if method == Method::GET {
        Replay::None
    } else {
        Replay::Kept
    };
    ApiRoute {
        method,
        path,
        replay,
        doc: Doc {
            summary,
            signed_in: true,
            takes: None,
            status: 200,
            answers,
            errors,
            query: &[],
        },
        handler,
    }
}

impl ApiRoute {
    fn replay(mut self, replay: Replay) -> Self {
        self.replay = replay;
        self
    }

    /// The request body it takes.
    fn takes(mut self, body: Body) -> Self {
        self.doc.takes = Some(body);
        self
    }

    /// Needs no session.
    fn public(mut self) -> Self {
        self.doc.signed_in = false;
        self
    }

    /// Answers with this status instead of 200.
    fn status(mut self, status: u16) -> Self {
        self.doc.status = status;
        self
    }

    fn query(mut self, names: &'static [&'static str]) -> Self {
        self.doc.query = names;
        self
    }
}

/// JSON request bodies are small forms; only the licence upload (read by its own route,
/// up to its own limit) is larger.
pub const JSON_BODY_MAX: usize = 64 * 1024;

/// Every endpoint of the API, as served and as documented.
pub fn api_routes() -> Vec<ApiRoute> {
    use Method as M;
    const WRITE: &[u16] = &[400, 401, 403, 409, 422];
    const STEP_UP: &[u16] = &[400, 401, 403, 404, 422, 429, 503];
    vec![
        route(M::POST, path::SESSION, post(session::sign_in), "Sign in with account name and password",
            Some(one::<SignInResponse>()), &[400, 401, 422, 429, 503])
            .takes(one::<SignInRequest>()).public().replay(Replay::Repeat),
        route(M::POST, path::SESSION_HOST, post(session::sign_in_host),
            "Sign in through the embedding seller portal: exchange its EdDSA-signed JWT (claims sub, aud, iat, \
             exp at most 10 minutes ahead; iss when configured) for a session of the seller account named by \
             sub, created on first use. Exists only when the server has the host's public key (--host-token-key)",
            Some(one::<SignInResponse>()), &[400, 401, 404, 409])
            .takes(one::<HostSignInRequest>()).public().replay(Replay::Repeat),
        route(M::DELETE, path::SESSION, delete(session::sign_out), "Sign out (ends this session)", None, &[401])
            .status(204).replay(Replay::Repeat),
        route(M::DELETE, path::SESSIONS, delete(session::sign_out_everywhere),
            "Sign out everywhere: end every session of the signed-in account", None, &[401])
            .status(204).replay(Replay::Repeat),
        route(M::GET, path::ME, get(session::me), "The signed-in account and where it stands in the journey",
            Some(one::<Me>()), &[401]),
        route(M::GET, path::AGREEMENT, get(agreement::current), "The current API use agreement",
            Some(one::<Agreement>()), &[401]),
        route(M::POST, path::AGREEMENT_ACCEPTANCE, post(agreement::accept), "Accept the current agreement version",
            Some(one::<AgreementAcceptance>()), &[400, 401, 409, 422])
            .takes(one::<AcceptAgreementRequest>()),
        route(M::GET, path::DEVELOPER, get(developer::get), "The developer information",
            Some(one::<DeveloperProfile>()), &[401, 403, 404]),
        route(M::PUT, path::DEVELOPER, put(developer::put),
            "Save the developer information (needs the current agreement accepted)",
            Some(one::<DeveloperProfile>()), WRITE)
            .takes(one::<DeveloperInfo>()),
        route(M::POST, path::DEVELOPER_EMAIL_VERIFICATION, post(email_verification::resend),
            "Send the link that confirms the contact e-mail address again (a minute apart, five a day: 429 \
             mail_quota with retry_after); 409 email_already_verified once it is confirmed",
            Some(one::<VerificationSent>()), &[401, 403, 404, 409, 429]),
        route(M::POST, path::EMAIL_VERIFICATION, post(email_verification::open),
            "Open a verification link: its token (from the link's fragment) confirms the address it was sent \
             to; works once, for 24 hours (409 verification_used or verification_expired; 404 for no such link)",
            Some(one::<EmailVerified>()), &[400, 404, 409])
            .takes(one::<EmailVerificationRequest>()).public().replay(Replay::Repeat),
        route(M::POST, path::LICENCE_UPLOADS, post(uploads::upload),
            "Upload the business licence: the raw JPG or PNG as the body (at most 2,097,152 bytes; type from \
             its first bytes). Field errors name `licence_id`.",
            Some(one::<LicenceInfo>()), &[401, 403, 422, 429])
            .takes(Body::Image).status(201).query(&["file_name"]),
        route(M::GET, path::LICENCE_UPLOAD, get(uploads::download), "The licence image (its owner and reviewers)",
            Some(Body::Image), &[401, 404]),
        route(M::GET, path::QUALIFICATION, get(qualification::get), "The latest qualification application",
            Some(one::<Qualification>()), &[401, 403, 404]),
        route(M::PUT, path::QUALIFICATION, put(qualification::put),
            "Submit the application, or resubmit it after a rejection",
            Some(one::<Qualification>()), WRITE)
            .takes(one::<QualificationRequest>()),
        route(M::GET, path::APPS, get(apps::list), "The developer's apps", Some(many::<AppSummary>()), &[401, 403]),
        route(M::POST, path::APPS, post(apps::create), "Create an app (needs an approved qualification)",
            Some(one::<AppDetail>()), WRITE)
            .takes(one::<CreateAppRequest>()).status(201),
        route(M::GET, path::APP, get(apps::get), "An app's console (without the secret)",
            Some(one::<AppDetail>()), &[401, 403, 404]),
        route(M::POST, path::APP_SECRET_REVEAL, post(app_secrets::reveal),
            "Show the AppSecret after the account password is given again; audited",
            Some(one::<AppSecret>()), STEP_UP)
            .takes(one::<PasswordConfirmation>()).replay(Replay::Repeat),
        route(M::POST, path::APP_SECRET_RESET, post(app_secrets::reset),
            "Issue a new AppSecret; the old one keeps working for the hours chosen (0, 1, 24, 72 or 168; \
             absent: the server's default, 24 h unless configured); audited and e-mailed to the developer",
            Some(one::<AppSecret>()), STEP_UP)
            .takes(one::<ResetSecretRequest>()).replay(Replay::Guarded),
        route(M::POST, path::APP_SECRET_REVOKE_PREVIOUS, post(app_secrets::revoke_previous),
            "Stop the AppSecret a reset replaced now, before its grace period ends (409 when it already has); \
             audited and e-mailed to the developer",
            Some(one::<AppDetail>()), &[400, 401, 403, 404, 409, 422, 429, 503])
            .takes(one::<PasswordConfirmation>()),
        route(M::GET, path::APP_AUDIT, get(app_audit::page),
            "The app's audit log, newest first, 20 entries a page; `before` (an entry id, from `older`) for \
             the next page",
            Some(one::<AuditPage>()), &[400, 401, 404])
            .query(&["before"]),
        route(M::PUT, path::APP_CALLBACK_URLS, put(apps::set_callback_urls),
            "Replace the app's callback URLs (at most 5; https, or http to localhost); no new review; audited",
            Some(one::<AppDetail>()), &[400, 401, 403, 404, 422])
            .takes(one::<CallbackUrls>()),
        route(M::PUT, path::APP_ALLOWED_SOURCES, put(apps::set_allowed_sources),
            "Replace the app's IP allow-list (at most 20 addresses or CIDR ranges; empty allows any); audited",
            Some(one::<AppDetail>()), &[400, 401, 403, 404, 422])
            .takes(one::<AllowedSources>()),
        route(M::POST, path::APP_GO_LIVE, post(go_live::request),
            "Ask a reviewer to take the app from test (limited calls a day and authorised sellers) to online; \
             409 already_online or go_live_pending; audited",
            Some(one::<AppDetail>()), &[400, 401, 403, 404, 409, 422])
            .takes(one::<GoLiveRequest>()),
        route(M::POST, path::APP_PERMISSIONS, post(permissions::request),
            "Ask a reviewer for an API permission group for the app, with the business reason (required for a \
             sensitive group); a rejected group may be asked for again; 409 permission_active or \
             permission_pending; audited",
            Some(one::<AppDetail>()), &[400, 401, 403, 404, 409, 422])
            .takes(one::<PermissionRequest>()),
        route(M::POST, path::CREDENTIALS_VERIFY, post(verify::verify),
            "Whether an AppKey and AppSecret work now from this source address, whether a redirect URI is one of \
             the app's callback URLs, and the permission groups the app holds (the gateway's check)",
            Some(one::<VerifyCredentialsResponse>()), &[400, 429])
            .takes(one::<VerifyCredentialsRequest>()).public().replay(Replay::Repeat),
        route(M::GET, path::REVIEW_APPLICATIONS, get(review::queue), "Reviewers: every application, pending first",
            Some(many::<ReviewQueueItem>()), &[401, 403]),
        route(M::GET, path::REVIEW_APPLICATION, get(review::detail),
            "Reviewers: one application, as it stands (reading changes nothing)",
            Some(one::<ReviewDetail>()), &[401, 403, 404]),
        route(M::POST, path::REVIEW_START, post(review::start),
            "Reviewers: open an application; a submitted one is put in review",
            Some(one::<ReviewDetail>()), &[401, 403, 404])
            .replay(Replay::Repeat),
        route(M::POST, path::REVIEW_DECISION, post(review::decide),
            "Reviewers: approve, or reject with reasons; e-mails the developer",
            Some(one::<ReviewDetail>()), &[400, 401, 403, 404, 409, 422])
            .takes(one::<DecisionRequest>()),
        route(M::GET, path::REVIEW_GO_LIVE, get(go_live::queue), "Reviewers: apps asking to go online, pending first",
            Some(many::<GoLiveQueueItem>()), &[401, 403]),
        route(M::GET, path::REVIEW_GO_LIVE_ITEM, get(go_live::detail), "Reviewers: one app's request to go online",
            Some(one::<GoLiveReview>()), &[401, 403, 404]),
        route(M::POST, path::REVIEW_GO_LIVE_DECISION, post(go_live::decide),
            "Reviewers: approve (the app goes online, its limits lift) or reject with a reason; audited",
            Some(one::<GoLiveReview>()), &[400, 401, 403, 404, 409, 422])
            .takes(one::<DecisionRequest>()),
        route(M::GET, path::REVIEW_PERMISSIONS, get(permissions::queue),
            "Reviewers: apps' requests for permission groups, pending first",
            Some(many::<PermissionQueueItem>()), &[401, 403]),
        route(M::GET, path::REVIEW_PERMISSION, get(permissions::detail),
            "Reviewers: one request for a permission group, with the app's developer",
            Some(one::<PermissionReview>()), &[401, 403, 404]),
        route(M::POST, path::REVIEW_PERMISSION_DECISION, post(permissions::decide),
            "Reviewers: grant the group (the gateway's check lists it) or reject with a reason; audited",
            Some(one::<PermissionReview>()), &[400, 401, 403, 404, 409, 422])
            .takes(one::<DecisionRequest>()),
        route(M::GET, path::OPENAPI, get(openapi), "This document", Some(Body::AnyJson), &[]).public(),
        route(M::GET, path::SERVICE, get(service),
            "What answers here (no session needed): lets the app check at start-up that config.json points at \
             this API",
            Some(one::<ServiceInfo>()), &[])
            .public(),
    ]
}

async fn service() -> axum::Json<ServiceInfo> {
    axum::Json(ServiceInfo {
        service: SERVICE_NAME.into(),
        api_version: 1,
    })
}

/// The API description, generated from this table and the core's types.
async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::json(),
    )
}

/// `/api`: version 1 of the API, and JSON 404s for anything else under it.
pub fn api_router(state: AppState, faults: Option<crate::faults::Faults>) -> Router {
    let v1 = api_routes()
        .into_iter()
        .fold(Router::new(), |router, r| {
            let handler = match &faults {
                Some(faults) => r.handler.layer(axum::middleware::from_fn_with_state(
                    faults.clone(),
                    crate::faults::inside,
                )),
                None => r.handler,
            };
            let handler = match r.replay {
                Replay::Kept | Replay::Guarded => handler.layer(axum::middleware::from_fn_with_state(
                    (state.clone(), r.replay),
                    idempotency::layer,
                )),
                Replay::None | Replay::Repeat => handler,
            };
            router.route(r.path, handler)
        })
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(JSON_BODY_MAX))
        .with_state(state);
    Router::new()
        .nest("/v1", v1)
        .fallback(not_found)
        // Answers may carry secrets and personal data: never cached, never sniffed,
        // and no page the API links to learns where the reader came from.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

async fn not_found() -> AppError {
    AppError::NotFound
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
