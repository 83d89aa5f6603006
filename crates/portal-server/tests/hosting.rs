//! Hosting the portal anywhere: the API called from another origin (CORS built from the
//! shared list of headers the app sends and reads), and the SPA's files served by name at
//! any depth, precompressed, with caching that fits each file.

mod common;

use common::{temp_db, TestServer};
use portal_core::api::headers;
use portal_server::HttpOptions;

const SITE: &str = "https://seller.example.com";

async fn cross_origin_server() -> (tempfile::TempDir, TestServer) {
    let (dir, db) = temp_db();
    let s = TestServer::start(
        db,
        HttpOptions {
            cors_origins: vec![SITE.into()],
            ..Default::default()
        },
    )
    .await;
    (dir, s)
}

/// A header's value as text, or "" when it is missing.
fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

#[tokio::test]
async fn a_preflight_allows_every_header_and_method_the_app_sends() {
    let (_dir, s) = cross_origin_server().await;
    for method in headers::METHODS {
        for sent in headers::SENT {
            let res = s
                .http
                .request(reqwest::Method::OPTIONS, s.url("/apps"))
                .header("Origin", SITE)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", sent.to_ascii_lowercase())
                .send()
                .await
                .unwrap();
            assert!(res.status().is_success(), "{method} {sent}: {}", res.status());
            assert_eq!(header(&res, "access-control-allow-origin"), SITE);
            let allowed = header(&res, "access-control-allow-headers");
            assert!(
                allowed.split(',').any(|h| h.trim() == sent.to_ascii_lowercase()),
                "{sent} not in {allowed:?}"
            );
            let methods = header(&res, "access-control-allow-methods").to_ascii_uppercase();
            assert!(
                methods.split(',').any(|m| m.trim() == method),
                "{method} not in {methods:?}"
            );
            let max_age: u64 = header(&res, "access-control-max-age").parse().unwrap_or(0);
            assert!(max_age >= 600, "preflight cached for {max_age} s");
        }
    }
}

#[tokio::test]
async fn answers_expose_every_header_the_app_may_read() {
    let (_dir, s) = cross_origin_server().await;
    let res = s
        .http
        .get(s.url("/agreement"))
        .header("Origin", SITE)
        .send()
        .await
        .unwrap();
    assert_eq!(header(&res, "access-control-allow-origin"), SITE);
    let exposed = header(&res, "access-control-expose-headers");
    for read in headers::READ {
        assert!(
            exposed.split(',').any(|h| h.trim() == read.to_ascii_lowercase()),
            "{read} not in {exposed:?}"
        );
    }
}

#[tokio::test]
async fn another_origin_gets_no_cors_headers() {
    let (_dir, s) = cross_origin_server().await;
    let preflight = s
        .http
        .request(reqwest::Method::OPTIONS, s.url("/session"))
        .header("Origin", "https://attacker.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&preflight, "access-control-allow-origin"), "");
    let get = s
        .http
        .get(s.url("/agreement"))
        .header("Origin", "https://attacker.example")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&get, "access-control-allow-origin"), "");
}

/// A built app as Trunk and `cargo xtask` make it, with fake contents.
fn fake_dist(config: &str) -> tempfile::TempDir {
    let dist = tempfile::tempdir().unwrap();
    let files: [(&str, &[u8]); 7] = [
        ("index.html", b"<title>portal</title>"),
        ("404.html", b"<title>portal</title>"),
        ("embed.js", b"// embed"),
        ("portal-web-370527af708ae341_bg.wasm", b"\0asm plain"),
        ("portal-web-370527af708ae341_bg.wasm.br", b"brotli bytes"),
        ("portal-web-370527af708ae341_bg.wasm.gz", b"gzip bytes"),
        ("config.json", config.as_bytes()),
    ];
    for (name, bytes) in files {
        std::fs::write(dist.path().join(name), bytes).unwrap();
    }
    dist
}

async fn spa_server(config: &str) -> (tempfile::TempDir, tempfile::TempDir, TestServer) {
    let (dir, db) = temp_db();
    let dist = fake_dist(config);
    let s = TestServer::start(
        db,
        HttpOptions {
            dist: Some(dist.path().to_owned()),
            ..Default::default()
        },
    )
    .await;
    (dir, dist, s)
}

#[tokio::test]
async fn hashed_files_are_precompressed_and_immutable_the_page_is_revalidated() {
    let (_dir, _dist, s) = spa_server(r#"{"api_base_url":"api/v1"}"#).await;
    let get = |path: &str, encoding: &str| {
        s.http
            .get(format!("{}{path}", s.base))
            .header("Accept-Encoding", encoding)
            .send()
    };
    // The wasm, asked for from the root and from a deep link's directory.
    for path in [
        "/portal-web-370527af708ae341_bg.wasm",
        "/apps/12/portal-web-370527af708ae341_bg.wasm",
    ] {
        let res = get(path, "br, gzip").await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(header(&res, "content-encoding"), "br", "{path}");
        assert_eq!(header(&res, "content-type"), "application/wasm", "{path}");
        assert_eq!(
            header(&res, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert!(header(&res, "vary").contains("accept-encoding"));
        assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli bytes");
    }
    let gzip = get("/portal-web-370527af708ae341_bg.wasm", "gzip").await.unwrap();
    assert_eq!(header(&gzip, "content-encoding"), "gzip");
    assert_eq!(gzip.bytes().await.unwrap().as_ref(), b"gzip bytes");
    let plain = get("/portal-web-370527af708ae341_bg.wasm", "identity")
        .await
        .unwrap();
    assert_eq!(header(&plain, "content-encoding"), "");
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm plain");

    // Deep links get the page; the page, the host module and config are never stale.
    for path in [
        "/",
        "/apps/12",
        "/qualification/check",
        "/config.json",
        "/apps/12/embed.js",
    ] {
        let res = get(path, "identity").await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(header(&res, "cache-control"), "no-cache", "{path}");
        assert!(
            header(&res, "content-security-policy").contains("script-src 'self'"),
            "{path}"
        );
    }
    assert_eq!(
        get("/apps/12/embed.js", "identity")
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "// embed"
    );
    // A file that is not there (an old hash after a deploy) is not answered with the page.
    let missing = get("/portal-web-0000000000000000.js", "identity").await.unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_page_may_call_an_api_on_another_origin_named_in_config_json() {
    let (_dir, _dist, s) = spa_server(r#"{"api_base_url":"https://api.example.com:8443/api/v1"}"#).await;
    let res = s.http.get(format!("{}/apps", s.base)).send().await.unwrap();
    let csp = header(&res, "content-security-policy");
    assert!(
        csp.contains("connect-src 'self' https://api.example.com:8443;"),
        "{csp}"
    );
    let (_dir, _dist, same) = spa_server(r#"{"api_base_url":"api/v1"}"#).await;
    let res = same.http.get(format!("{}/apps", same.base)).send().await.unwrap();
    assert!(header(&res, "content-security-policy").contains("connect-src 'self';"));
}

#[tokio::test]
async fn the_api_says_what_it_is_without_a_session() {
    let (_dir, s) = cross_origin_server().await;
    let (status, body) = s.call("GET", "/service", None, None).await;
    assert_eq!(status, 200);
    assert_eq!(body["service"], portal_core::api::SERVICE_NAME);
    assert_eq!(body["api_version"], 1);
}
