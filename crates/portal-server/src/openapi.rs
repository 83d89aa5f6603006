//! The OpenAPI document, generated from the route table (paths, methods, what each takes
//! and answers) and the core's types (their schemas, derived with `utoipa`), so it cannot
//! drift from what the server serves.

use crate::routes::ApiRoute;
use std::{borrow::Cow, sync::OnceLock};
use utoipa::{
    openapi::{
        path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItemBuilder},
        request_body::RequestBodyBuilder,
        schema::{ArrayBuilder, ObjectBuilder, Type},
        security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme},
        ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApiBuilder, PathsBuilder, Ref, RefOr,
        ResponseBuilder, Schema, ServerBuilder,
    },
    ToSchema,
};

type Schemas = Vec<(String, RefOr<Schema>)>;

/// A JSON shape from the core: one value or a list of them.
#[derive(Clone, Copy)]
pub struct Shape {
    name: fn() -> Cow<'static, str>,
    collect: fn(&mut Schemas),
    list: bool,
}

/// What a route takes or answers.
#[derive(Clone, Copy)]
pub enum Body {
    Json(Shape),
    /// Raw image bytes (the licence upload and download).
    Image,
    /// JSON not described here (this document itself).
    AnyJson,
}

pub fn one<T: ToSchema>() -> Body {
    Body::Json(shape::<T>(false))
}

pub fn many<T: ToSchema>() -> Body {
    Body::Json(shape::<T>(true))
}

fn shape<T: ToSchema>(list: bool) -> Shape {
    Shape {
        name: T::name,
        collect: |schemas| {
            schemas.push((T::name().into_owned(), T::schema()));
            T::schemas(schemas);
        },
        list,
    }
}

/// How a route is described.
#[derive(Clone)]
pub struct Doc {
    pub summary: &'static str,
    pub signed_in: bool,
    pub takes: Option<Body>,
    pub status: u16,
    pub answers: Option<Body>,
    pub errors: &'static [u16],
    /// Query parameters (names; all strings).
    pub query: &'static [&'static str],
}

const INTRO: &str = "Every non-2xx response has the ErrorBody shape. Authenticated calls send \
`Authorization: Bearer <token>` from POST /session. Times are RFC 3339 in UTC. State-changing calls \
may send `Idempotency-Key` (1-100 visible ASCII characters, per account): a successful response is \
kept for 24 h and replayed for the same key with `Idempotent-Replayed: true`; the same key on \
another request answers 409 `idempotency_key_reused`, and while the first is still running 409 \
`request_in_progress`. Every response carries `x-request-id` (the caller's own, if it sent one), \
which the server's logs name.";

/// The document as served (built once).
pub fn json() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        serde_json::to_string_pretty(&document(&crate::routes::api_routes())).unwrap_or_default()
    })
}

pub fn document(routes: &[ApiRoute]) -> utoipa::openapi::OpenApi {
    let mut schemas = Schemas::new();
    (shape::<portal_core::ErrorBody>(false).collect)(&mut schemas);
    let mut paths = PathsBuilder::new();
    for route in routes {
        let doc = &route.doc;
        let mut op = OperationBuilder::new().summary(Some(doc.summary));
        if doc.signed_in {
            op = op.security(SecurityRequirement::new("bearer", Vec::<String>::new()));
        }
        if route.path.contains("{id}") {
            // Licence uploads are named by a random text id; everything else by number.
            let id_type = if route.path.starts_with("/uploads") {
                Type::String
            } else {
                Type::Integer
            };
            op = op.parameter(
                ParameterBuilder::new()
                    .name("id")
                    .parameter_in(ParameterIn::Path)
                    .required(utoipa::openapi::Required::True)
                    .schema(Some(ObjectBuilder::new().schema_type(id_type))),
            );
        }
        for name in doc.query {
            op = op.parameter(
                ParameterBuilder::new()
                    .name(*name)
                    .parameter_in(ParameterIn::Query)
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String))),
            );
        }
        if let Some(body) = doc.takes {
            let (content_type, content) = content(body, &mut schemas);
            op = op.request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(utoipa::openapi::Required::True))
                    .content(content_type, content)
                    .build(),
            ));
        }
        let mut answer = ResponseBuilder::new().description(status_text(doc.status));
        if let Some(body) = doc.answers {
            let (content_type, content) = content(body, &mut schemas);
            answer = answer.content(content_type, content);
        }
        op = op.response(doc.status.to_string(), answer.build());
        for status in doc.errors {
            op = op.response(status.to_string(), Ref::from_response_name("Error"));
        }
        paths = paths.path(
            route.path,
            PathItemBuilder::new()
                .operation(http_method(&route.method), op.build())
                .build(),
        );
    }
    schemas.sort_by(|a, b| a.0.cmp(&b.0));
    schemas.dedup_by(|a, b| a.0 == b.0);
    let error = ResponseBuilder::new()
        .description("See `code`")
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build();
    let components = ComponentsBuilder::new()
        .schemas_from_iter(schemas)
        .response("Error", error)
        .security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        )
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Developer portal API")
                .version("1")
                .description(Some(INTRO)),
        )
        .servers(Some([ServerBuilder::new().url("/api/v1").build()]))
        .paths(paths)
        .components(Some(components))
        .build()
}

fn content(body: Body, schemas: &mut Schemas) -> (&'static str, utoipa::openapi::Content) {
    match body {
        Body::Json(shape) => {
            (shape.collect)(schemas);
            let reference = Ref::from_schema_name((shape.name)());
            let schema: RefOr<Schema> = if shape.list {
                ArrayBuilder::new().items(reference).build().into()
            } else {
                reference.into()
            };
            (
                "application/json",
                ContentBuilder::new().schema(Some(schema)).build(),
            )
        }
        Body::Image => (
            "application/octet-stream",
            ContentBuilder::new()
                .schema(Some(ObjectBuilder::new().schema_type(Type::String).format(Some(
                    utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Binary),
                ))))
                .build(),
        ),
        Body::AnyJson => ("application/json", ContentBuilder::new().build()),
    }
}

fn http_method(method: &axum::http::Method) -> HttpMethod {
    match *method {
        axum::http::Method::POST => HttpMethod::Post,
        axum::http::Method::PUT => HttpMethod::Put,
        axum::http::Method::DELETE => HttpMethod::Delete,
        _ => HttpMethod::Get,
    }
}

fn status_text(status: u16) -> &'static str {
    match status {
        201 => "Created",
        204 => "No content",
        _ => "OK",
    }
}
