//! A flood of password checks, alone in its own process: the bound on concurrent hashing
//! is process-wide, and would slow other tests down.

mod common;

use common::{temp_db, TestServer};
use portal_server::HttpOptions;
use serde_json::{json, Value};
use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpSocket, TcpStream},
    sync::Barrier,
};

const FLOOD: usize = 250;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_sign_ins_is_bounded_not_queued_in_memory() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let server: SocketAddr = s
        .url("")
        .trim_start_matches("http://")
        .trim_end_matches("/api/v1")
        .parse()
        .unwrap();
    // Every connection is open before any request is sent, so the 250 checks reach the
    // server together however slow the machine is at opening connections.
    let all_connected = Arc::new(Barrier::new(FLOOD));
    let mut flood = Vec::new();
    for i in 0..FLOOD {
        // Many client addresses, so that throttling does not hide the hashing bound.
        let from: IpAddr = format!("127.0.{}.{}", 1 + i / 200, 2 + i % 200).parse().unwrap();
        let all_connected = all_connected.clone();
        flood.push(tokio::spawn(async move {
            let socket = TcpSocket::new_v4().unwrap();
            socket.bind(SocketAddr::new(from, 0)).unwrap();
            let mut stream = socket.connect(server).await.unwrap();
            all_connected.wait().await;
            sign_in_over(&mut stream, &format!("made-up-{i}")).await
        }));
    }
    // Whether the queue overflows here depends on how fast this machine writes each
    // attempt before its check (the password module's own tests overflow it on purpose);
    // every answer is a refusal or "busy", never an error or a hang.
    for task in flood {
        let (status, code) = task.await.unwrap();
        match status {
            401 => assert_eq!(code, "invalid_credentials"),
            503 => assert_eq!(code, "server_busy"),
            other => panic!("unexpected {other} {code}"),
        }
    }
    assert!(portal_server::password::peak_running() <= portal_server::password::hasher_limit());
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

/// One sign-in written by hand on an open connection: its status and error code.
async fn sign_in_over(stream: &mut TcpStream, account: &str) -> (u16, String) {
    let body = json!({"account": account, "password": "guess"}).to_string();
    let request = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: portal.test\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body: Value = answer
        .split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or_default();
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}
