//! A flood of password checks, alone in its own process: the bound on concurrent hashing
//! is process-wide, and would slow other tests down.

mod common;

use common::{client_from, temp_db, TestServer};
use portal_server::HttpOptions;
use serde_json::{json, Value};

#[tokio::test]
async fn a_flood_of_sign_ins_is_bounded_not_queued_in_memory() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let mut flood = Vec::new();
    for i in 0..250 {
        // Many client addresses, so that throttling does not hide the hashing bound.
        let http = client_from(&format!("127.0.{}.{}", 1 + i / 200, 2 + i % 200));
        let url = s.url("/session");
        flood.push(tokio::spawn(async move {
            let res = http
                .post(url)
                .json(&json!({"account": format!("made-up-{i}"), "password": "guess"}))
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap();
            (status, body["code"].as_str().unwrap_or_default().to_owned())
        }));
    }
    let mut busy = 0;
    for task in flood {
        let (status, code) = task.await.unwrap();
        match status {
            401 => assert_eq!(code, "invalid_credentials"),
            503 => {
                assert_eq!(code, "server_busy");
                busy += 1;
            }
            other => panic!("unexpected {other} {code}"),
        }
    }
    assert!(portal_server::password::peak_running() <= portal_server::password::hasher_limit());
    assert!(busy > 0, "250 at once must overflow the queue");
    // The memory of the checks is reused, not left with the allocator (it was gigabytes).
    let rss_kib: u64 = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    assert!(rss_kib < 400 * 1024, "{rss_kib} KiB resident after the flood");
    // The server still answers a signed-in user.
    assert_eq!(s.sign_in_seller().await.len(), 64);
}
