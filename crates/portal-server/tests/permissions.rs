//! API permission groups over real HTTP and a real SQLite file: the seeded groups in the
//! reader's language; a developer's request with the shared rules (a sensitive group needs
//! a reason), owner-only; the reviewers' list and decision, reviewer-only; the groups the
//! gateway's check returns; an operator's own group from the command line; every step in
//! the app's audit log.

mod common;

use common::{field_codes, temp_db, TestServer};
use portal_server::{seed, HttpOptions};
use serde_json::{json, Value};
use std::process::Command;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect()
}

/// Each group's code and the app's standing with it (`-` for never asked).
fn standing(detail: &Value) -> Vec<(String, String)> {
    detail["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let status = p["grant"]["status"].as_str().unwrap_or("-");
            (p["group"]["code"].as_str().unwrap().to_owned(), status.to_owned())
        })
        .collect()
}

async fn gateway_groups(s: &TestServer, key: &str, secret: &str) -> Value {
    let body = json!({"app_key": key, "app_secret": secret});
    let (status, body) = s.call("POST", "/credentials/verify", None, Some(body)).await;
    assert_eq!(status, 200, "{body}");
    body["permissions"].clone()
}

#[tokio::test]
async fn a_reviewer_grants_or_rejects_each_group_an_app_asks_for() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let console = format!("/apps/{id}");
    let path = format!("/apps/{id}/permissions");

    // Every group offered, none asked for yet.
    let (_, detail) = s.call("GET", &console, Some(&seller), None).await;
    assert_eq!(
        standing(&detail),
        pairs(&[
            ("products", "-"),
            ("orders", "-"),
            ("logistics", "-"),
            ("finance", "-"),
            ("messages", "-")
        ])
    );
    assert_eq!(detail["permissions"][1]["group"]["name"], "Orders");
    assert_eq!(detail["permissions"][1]["group"]["sensitive"], true);
    assert_eq!(detail["permissions"][0]["group"]["sensitive"], false);

    // The shared rules, and the server's own knowledge of which groups exist and which
    // are sensitive (what a request claims about sensitivity is never read).
    let (status, _) = s.call("POST", &path, Some(&seller), Some(json!({}))).await;
    assert_eq!(status, 400);
    for (body, expected) in [
        (json!({"group": ""}), pairs(&[("group", "required")])),
        (json!({"group": "Orders"}), pairs(&[("group", "not_a_choice")])),
        (json!({"group": "payroll"}), pairs(&[("group", "not_a_choice")])),
        (
            json!({"group": "orders", "business_reason": "  ", "sensitive": false}),
            pairs(&[("business_reason", "required")]),
        ),
        (
            json!({"group": "finance", "business_reason": "x".repeat(2001)}),
            pairs(&[("business_reason", "too_long")]),
        ),
    ] {
        let (status, answer) = s.call("POST", &path, Some(&seller), Some(body.clone())).await;
        assert_eq!((status, field_codes(&answer)), (422, expected), "{body}");
    }

    // Only its developer asks.
    let ask_orders =
        json!({"group": "orders", "business_reason": "We print shipping labels for our sellers' orders."});
    let (status, _) = s.call("POST", &path, None, Some(ask_orders.clone())).await;
    assert_eq!(status, 401);
    let other = s.second_seller().await;
    let (status, _) = s
        .call("POST", &path, Some(&other), Some(ask_orders.clone()))
        .await;
    assert_eq!(status, 404);
    let reviewer = s.reviewer().await;
    let (status, _) = s
        .call("POST", &path, Some(&reviewer), Some(ask_orders.clone()))
        .await;
    assert_eq!(status, 403);

    // Products needs no reason; Orders has one. Both wait for a reviewer.
    let (status, detail) = s
        .call("POST", &path, Some(&seller), Some(json!({"group": "products"})))
        .await;
    assert_eq!(status, 200, "{detail}");
    let (status, detail) = s
        .call("POST", &path, Some(&seller), Some(ask_orders.clone()))
        .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(
        standing(&detail)[..2],
        pairs(&[("products", "pending"), ("orders", "pending")])
    );
    let orders = &detail["permissions"][1]["grant"];
    assert_eq!(
        orders["business_reason"],
        "We print shipping labels for our sellers' orders."
    );
    assert!(orders["requested_at"].as_str().is_some());
    let (status, body) = s
        .call("POST", &path, Some(&seller), Some(ask_orders.clone()))
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("permission_pending")));

    // Reviewers only: the list, the request, the decision.
    let (status, _) = s.call("GET", "/review/permissions", Some(&seller), None).await;
    assert_eq!(status, 403);
    let (status, queue) = s.call("GET", "/review/permissions", Some(&reviewer), None).await;
    assert_eq!(status, 200);
    let queued: Vec<(&str, &str)> = queue
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["group"]["code"].as_str().unwrap(),
                i["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(queued, [("orders", "pending"), ("products", "pending")]);
    assert_eq!(queue[0]["account"], seed::DEMO_SELLER.0);
    let orders_id = queue[0]["id"].as_i64().unwrap();
    let products_id = queue[1]["id"].as_i64().unwrap();
    let item = format!("/review/permissions/{orders_id}");
    let (status, review) = s.call("GET", &item, Some(&reviewer), None).await;
    assert_eq!(status, 200, "{review}");
    assert_eq!(review["app_id"], id);
    assert_eq!(review["group"]["sensitive"], true);
    assert_eq!(review["developer"]["email"], "dev@example.com");
    let (status, _) = s.call("GET", &item, Some(&seller), None).await;
    assert_eq!(status, 403);
    let (status, _) = s
        .call("GET", "/review/permissions/999", Some(&reviewer), None)
        .await;
    assert_eq!(status, 404);

    // Orders rejected with a reason (required); the developer sees it and asks again.
    let decision = format!("{item}/decision");
    let (status, body) = s
        .call(
            "POST",
            &decision,
            Some(&reviewer),
            Some(json!({"decision": "reject"})),
        )
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (422, pairs(&[("reason", "required")]))
    );
    let reject = json!({"decision": "reject", "reason": "Name the order fields you store."});
    let (status, _) = s
        .call("POST", &decision, Some(&seller), Some(reject.clone()))
        .await;
    assert_eq!(status, 403);
    let (status, review) = s
        .call("POST", &decision, Some(&reviewer), Some(reject.clone()))
        .await;
    assert_eq!(
        (status, review["grant"]["status"].as_str()),
        (200, Some("rejected"))
    );
    let (status, body) = s.call("POST", &decision, Some(&reviewer), Some(reject)).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("already_decided")));
    let (status, _) = s
        .call(
            "POST",
            "/review/permissions/999/decision",
            Some(&reviewer),
            Some(json!({"decision": "approve"})),
        )
        .await;
    assert_eq!(status, 404);
    let (_, detail) = s.call("GET", &console, Some(&seller), None).await;
    let orders = &detail["permissions"][1]["grant"];
    assert_eq!(orders["status"], "rejected");
    assert_eq!(orders["reason"], "Name the order fields you store.");
    assert!(orders["decided_at"].as_str().is_some());

    // Products granted: the gateway's check lists it, and nothing else.
    let approve = json!({"decision": "approve"});
    let (status, _) = s
        .call(
            "POST",
            &format!("/review/permissions/{products_id}/decision"),
            Some(&reviewer),
            Some(approve.clone()),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = s
        .call("POST", &path, Some(&seller), Some(json!({"group": "products"})))
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("permission_active")));
    let secret = s.revealed_secret(&seller, id).await;
    assert_eq!(gateway_groups(&s, &key, &secret).await, json!(["products"]));
    // Wrong credentials learn nothing about the app's groups.
    assert_eq!(gateway_groups(&s, &key, "not-the-secret").await, json!([]));

    // Asked again with more detail, then granted: both groups, in the platform's order.
    let again = json!({"group": "orders", "business_reason": "We store the order id and the address only, for labels."});
    let (status, detail) = s.call("POST", &path, Some(&seller), Some(again)).await;
    assert_eq!(status, 200);
    assert_eq!(detail["permissions"][1]["grant"]["reason"], Value::Null);
    let (status, _) = s.call("POST", &decision, Some(&reviewer), Some(approve)).await;
    assert_eq!(status, 200);
    assert_eq!(
        gateway_groups(&s, &key, &secret).await,
        json!(["products", "orders"])
    );

    // The app's log: each step, by whom, naming the group in the reader's language.
    let (_, log) = s
        .call_in("GET", &format!("/apps/{id}/audit"), Some(&seller), "es")
        .await;
    let steps: Vec<(String, String, String)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"].as_str().unwrap().starts_with("permission."))
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["about"].as_str().unwrap().to_owned(),
                e["actor"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let (dev, rev) = (seed::DEMO_SELLER.0, seed::DEMO_REVIEWER.0);
    let step = |a: &str, g: &str, who: &str| (a.to_owned(), g.to_owned(), who.to_owned());
    assert_eq!(
        steps,
        [
            step("permission.approved", "Pedidos", rev),
            step("permission.requested", "Pedidos", dev),
            step("permission.approved", "Productos", rev),
            step("permission.rejected", "Pedidos", rev),
            step("permission.requested", "Pedidos", dev),
            step("permission.requested", "Productos", dev),
        ]
    );
}

#[tokio::test]
async fn groups_are_named_in_the_readers_language_and_operators_add_their_own() {
    let (dir, db) = temp_db();
    let database = common::database(&db).await;
    let out = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .arg("--database")
        .arg(&database)
        .args([
            "permission-group",
            "customs_data",
            "--name",
            "Customs data",
            "--description",
            "Read the customs declarations of cross-border parcels.",
            "--sensitive",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let refused = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .arg("--database")
        .arg(&database)
        .args([
            "permission-group",
            "Customs Data",
            "--name",
            "x",
            "--description",
            "y",
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not_a_choice"));

    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, _) = s.seller_with_app(&seller).await;
    let (_, zh) = s
        .call_in("GET", &format!("/apps/{id}"), Some(&seller), "zh-CN")
        .await;
    let names: Vec<&str> = zh["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["group"]["name"].as_str().unwrap())
        .collect();
    // The operator's group is last, in the words the operator gave.
    assert_eq!(names, ["商品", "订单", "物流", "财务", "消息", "Customs data"]);
    assert_eq!(zh["permissions"][5]["group"]["sensitive"], true);
    let (status, body) = s
        .call(
            "POST",
            &format!("/apps/{id}/permissions"),
            Some(&seller),
            Some(json!({"group": "customs_data"})),
        )
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (422, pairs(&[("business_reason", "required")]))
    );
    drop(dir);
}
