//! Two replicas of the reference server on two ports against one PostgreSQL, behind nginx as
//! `deploy/replicas.conf` says: each request goes to the next replica, so every step of the
//! journey in the browser is read by the replica that did not write it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::seed::DEMO_SELLER;
use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};
use support::{free_port, problems, Browser, Nginx, Portal};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_behind_a_load_balancer_walk_the_journey_to_an_app_key() {
    let database = support::postgres_database().await;
    let key = [7u8; 32];
    let served = [Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0))];
    let first = Portal::start_replica(&database, key, served[0].clone()).await;
    let second = Portal::start_replica(&database, key, served[1].clone()).await;
    let port = free_port();
    let _balancer = Nginx::balance(port, &[&first.base, &second.base]);
    let site = format!("http://127.0.0.1:{port}/");

    let browser = Browser::start().await;
    browser.goto(&site).await;
    let app_key = support::journey_to_an_app_key(&browser, &first).await;
    // A refresh reads the app back, whichever replica answers.
    browser.client.refresh().await.unwrap();
    browser.wait_text("h1", "ShopHelper").await;
    assert_eq!(browser.text("#app-key").await, app_key);
    assert_eq!(problems(&browser).await, Vec::<String>::new());

    // Both replicas answered a fair share of the calls, and the one database holds the app.
    let counts = served.each_ref().map(|n| n.load(Ordering::Relaxed));
    assert!(
        counts.iter().all(|n| *n >= 10),
        "API calls per replica: {counts:?}"
    );
    let seller = support::account_id(&second.store, DEMO_SELLER.0).await;
    assert_eq!(second.store.apps(seller).await.unwrap().len(), 1);
    browser.close().await;
}
