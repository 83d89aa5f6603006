//! The reader against the shapes the app reads: tables of answers it takes and answers it
//! refuses with a reason, and properties over any JSON value.

use super::from_str;
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    InReview,
    Approved,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Inner {
    code: String,
    #[serde(default)]
    params: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Answer {
    name: String,
    count: u32,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    status: Option<Status>,
    #[serde(flatten)]
    inner: Inner,
}

fn answer() -> Answer {
    Answer {
        name: "Shop".into(),
        count: 3,
        note: None,
        tags: Vec::new(),
        status: None,
        inner: Inner {
            code: "ok".into(),
            params: BTreeMap::new(),
        },
    }
}

#[test]
fn answers_it_takes() {
    let with = |change: fn(&mut Answer)| {
        let mut a = answer();
        change(&mut a);
        a
    };
    let table: [(&str, Answer); 7] = [
        (r#"{"name":"Shop","count":3,"code":"ok"}"#, answer()),
        // null and a missing member are both "none"; unknown members are ignored.
        (
            r#"{"name":"Shop","count":3,"code":"ok","note":null,"status":null,"extra":[1,{"a":2}]}"#,
            answer(),
        ),
        (
            r#"{"name":"Shop","count":3,"code":"ok","note":"hi","tags":["a","b"]}"#,
            with(|a| {
                a.note = Some("hi".into());
                a.tags = vec!["a".into(), "b".into()];
            }),
        ),
        (
            r#"{"name":"Shop","count":3,"code":"ok","status":"in_review"}"#,
            with(|a| a.status = Some(Status::InReview)),
        ),
        (
            r#"{"count":4294967295,"name":"Shop","code":"ok"}"#,
            with(|a| a.count = u32::MAX),
        ),
        // Whole numbers stay integers among the parameters, as serde_json reads them.
        (
            r#"{"name":"Shop","count":3,"code":"ok","params":{"max":2097152,"min":-1,"share":0.5,"char":"。"}}"#,
            with(|a| {
                a.inner.params = BTreeMap::from([
                    ("max".to_owned(), json!(2_097_152)),
                    ("min".to_owned(), json!(-1)),
                    ("share".to_owned(), json!(0.5)),
                    ("char".to_owned(), json!("。")),
                ])
            }),
        ),
        (r#"{"name":"Shop","count":3.0,"code":"ok"}"#, answer()),
    ];
    for (text, expected) in table {
        assert_eq!(from_str::<Answer>(text), Ok(expected), "{text}");
    }
}

#[test]
fn answers_it_refuses_say_why() {
    let table = [
        (
            r#"{"name":"Shop","count":"3","code":"ok"}"#,
            "invalid type: string \"3\", expected u32",
        ),
        // A float is named, never printed.
        (
            r#"{"name":"Shop","count":1.5,"code":"ok"}"#,
            "invalid type: a number, expected u32",
        ),
        (
            r#"{"name":"Shop","count":-1,"code":"ok"}"#,
            "invalid value: integer `-1`, expected u32",
        ),
        (
            r#"{"name":"Shop","count":4294967296,"code":"ok"}"#,
            "invalid value: integer `4294967296`",
        ),
        (
            r#"{"name":"Shop","count":3,"code":"ok","status":"lost"}"#,
            "unknown variant `lost`",
        ),
        (
            r#"{"name":"Shop","count":3,"code":"ok","status":7}"#,
            "invalid type",
        ),
        (r#"{"count":3,"code":"ok"}"#, "missing field `name`"),
        (r#"{"name":"Shop","count":3}"#, "missing field `code`"),
        (
            r#"{"name":"Shop","count":3,"code":"ok","tags":"a"}"#,
            "invalid type: string \"a\", expected a sequence",
        ),
        (r#"["Shop",3]"#, "invalid type"),
        (r#"{"name": "#, "EOF while parsing"),
    ];
    for (text, reason) in table {
        let error = from_str::<Answer>(text).unwrap_err();
        assert!(error.contains(reason), "{text}: {error}");
    }
}

#[test]
fn the_portals_own_answers_read_as_serde_json_reads_them() {
    let body = r#"{"code":"validation","message":"m","fields":[{"field":"app_name","code":"too_long","params":{"max":30,"length":32}}]}"#;
    assert_eq!(
        from_str::<portal_core::ErrorBody>(body),
        Ok(serde_json::from_str::<portal_core::ErrorBody>(body).unwrap())
    );
}

/// `value` with its whole numbers up to 2^53 as integers: a double in the browser.
fn as_the_browser_has_it(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_991.0 => match f >= 0.0
            {
                true => Value::from(f as u64),
                false => Value::from(f as i64),
            },
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(as_the_browser_has_it).collect()),
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(key, value)| (key, as_the_browser_has_it(value)))
                .collect(),
        ),
        other => other,
    }
}

/// Any JSON value: numbers as the browser has them (doubles, integers exact up to 2^53).
fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-(1i64 << 53)..(1i64 << 53)).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite() && n.fract() != 0.0)
            .prop_map(Value::from),
        ".*".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".*", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Compared with serde_json's own reading, not `value`: without its `float_roundtrip`
    /// feature serde_json may read a float back one bit off, even as a whole number, which
    /// the browser cannot tell from an integer.
    #[test]
    fn any_value_reads_as_serde_json_reads_it(value in any_value()) {
        let text = serde_json::to_string(&value).unwrap();
        let read = as_the_browser_has_it(serde_json::from_str::<Value>(&text).unwrap());
        prop_assert_eq!(from_str::<Value>(&text), Ok(read));
    }

    #[test]
    fn any_answer_reads_back_as_itself(
        name in ".*",
        count in any::<u32>(),
        note in proptest::option::of(".*"),
        tags in prop::collection::vec(".*", 0..4),
        in_review in proptest::option::of(any::<bool>()),
        code in ".*",
    ) {
        let status = in_review.map(|yes| if yes { Status::InReview } else { Status::Approved });
        let sent = Answer { name, count, note, tags, status, inner: Inner { code, params: BTreeMap::new() } };
        let text = serde_json::to_string(&sent).unwrap();
        prop_assert_eq!(from_str::<Answer>(&text), Ok(sent));
    }
}
