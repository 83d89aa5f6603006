//! The server as a real process: killed with SIGKILL in the middle of a burst of writes it
//! loses nothing it acknowledged and leaves no key in progress; SIGTERM stops it gracefully.

mod common;

use serde_json::{json, Value};
use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::Duration,
};

/// Starts the server binary on a free loopback port over `database` (a SQLite file's
/// path or a PostgreSQL URL, see `common::database`) with its sealing key in `dir`; returns
/// it and its API base.
fn start(database: &str, dir: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .env_remove("PORTAL_DIST")
        .arg("--database")
        .arg(database)
        .arg("--secret-key-file")
        .arg(dir.join("portal.key"))
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("the server printed its address").unwrap();
        if let Some(rest) = line.split("running at ").nth(1) {
            let url = rest.split_whitespace().next().unwrap();
            break url.trim_end_matches('/').trim_end_matches("/api/v1").to_owned();
        }
    };
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.by_ref() {});
    (child, base)
}

async fn sign_in(http: &reqwest::Client, api: &str) -> String {
    let res = http
        .post(format!("{api}/session"))
        .json(&json!({"account": "demo-seller", "password": "seller-demo-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    res.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_during_a_burst_of_writes_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portal.sqlite3");
    let database = common::database(&db).await;
    let (mut server, base) = start(&database, dir.path());
    let api = format!("{base}/api/v1");
    let http = reqwest::Client::new();
    let token = sign_in(&http, &api).await;

    // Four writers upload licences, each with its own key, until the server dies.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (http, api, token, acknowledged) =
            (http.clone(), api.clone(), token.clone(), acknowledged.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..5 {
                let res = http
                    .post(format!("{api}/uploads/licence?file_name=l{w}-{i}.png"))
                    .bearer_auth(&token)
                    .header("Idempotency-Key", format!("burst-{w}-{i}"))
                    .body(common::png(64 * 1024))
                    .send()
                    .await;
                match res {
                    Ok(res) if res.status().as_u16() == 201 => {
                        let id = res.json::<Value>().await.unwrap()["id"]
                            .as_str()
                            .unwrap()
                            .to_owned();
                        acknowledged.lock().unwrap().push(id);
                    }
                    _ => return,
                }
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < 6 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.kill().unwrap(); // SIGKILL: no chance to clean up
    server.wait().unwrap();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();

    let sqlite = !portal_server::store::is_postgres_url(&database);
    if sqlite {
        let check = common::pool_of(&database).await;
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&check)
            .await
            .unwrap();
        assert_eq!(integrity, "ok");
        check.close().await;
    }

    // After a restart every acknowledged upload is there.
    let (mut server, base) = start(&database, dir.path());
    let check = common::pool_of(&database).await;
    for id in &acknowledged {
        let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM licences WHERE id = $1")
            .bind(id)
            .fetch_one(&check)
            .await
            .unwrap();
        assert_eq!(found, 1, "acknowledged upload {id} lost");
    }
    // On a SQLite file the restarted server is the only one, so it lets go of the keys the
    // killed one held at once; replicas on PostgreSQL leave them to expire (a minute).
    if sqlite {
        let in_progress: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM idempotency_keys WHERE status IS NULL")
                .fetch_one(&check)
                .await
                .unwrap();
        assert_eq!(in_progress, 0);
    }
    // The server works again with the same session.
    let res = http
        .get(format!("{base}/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    server.kill().unwrap();
    server.wait().unwrap();
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(&dir.path().join("portal.sqlite3").to_string_lossy(), dir.path());
    let status = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = server.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
}

#[test]
fn without_dist_the_server_answers_the_api_only_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .env_remove("PORTAL_DIST")
        .arg("--database")
        .arg(dir.path().join("portal.sqlite3"))
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first.contains("API only"), "{first}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_is_logged_under_its_id_and_no_secret_reaches_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .env_remove("PORTAL_DIST")
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .arg("--database")
        .arg(dir.path().join("portal.sqlite3"))
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let api = loop {
        let line = lines.next().expect("the server printed its address").unwrap();
        if let Some(rest) = line.split("running at ").nth(1) {
            break rest
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_owned();
        }
    };
    let api = if api.ends_with("/api/v1") {
        api
    } else {
        format!("{api}/api/v1")
    };
    let stderr = child.stderr.take().unwrap();
    let log = Arc::new(Mutex::new(String::new()));
    let reader = {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                log.lock().unwrap().push_str(&(line + "\n"));
            }
        })
    };

    let http = reqwest::Client::new();
    let token = sign_in(&http, &api).await;
    let res = http
        .get(format!("{api}/me"))
        .bearer_auth(&token)
        .header("x-request-id", "report-4711")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["x-request-id"], "report-4711", "the id is echoed");
    // Without one, the server makes one up and says which.
    let res = http
        .get(format!("{api}/agreement"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let made_up = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(made_up.len(), 36, "{made_up}");
    // A failing request is logged under its id too.
    let res = http
        .get(format!("{api}/qualification"))
        .header("x-request-id", "report-4712")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);

    tokio::time::sleep(Duration::from_millis(300)).await;
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    let log = log.lock().unwrap().clone();
    let line_of = |id: &str| {
        log.lines()
            .find(|l| l.contains(id))
            .unwrap_or_default()
            .to_owned()
    };
    let me = line_of("report-4711");
    for part in ["GET", "/api/v1/me", "status=200", "latency="] {
        assert!(me.contains(part), "{part} in {me:?}\n{log}");
    }
    assert!(line_of(&made_up).contains("/api/v1/agreement"), "{log}");
    assert!(line_of("report-4712").contains("status=401"), "{log}");
    assert!(!log.contains(&token), "the bearer token is never logged");
    assert!(!log.contains("seller-demo-2026"), "the password is never logged");
}
