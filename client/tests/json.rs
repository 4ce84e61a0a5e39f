//! Bodies read by the browser's own `JSON.parse` into the wire types: what
//! the wasm reads in place of a JSON parser of its own, in a real browser.

#![cfg(target_arch = "wasm32")]

use client::api::parse_json as parse;
use client::api::read_status;
use task_api::{Json, TaskState};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn values_of_every_kind_are_read_and_written_back() {
    let text = r#"{"s":"quote \" backslash \\ \n é 🦀","n":[0,-7,1.5,1e21],"b":[true,false],"z":null,"o":{"deep":[{}]}}"#;
    let json = parse(text).expect("valid JSON");
    assert_eq!(
        json.to_string(),
        r#"{"s":"quote \" backslash \\ \n é 🦀","n":[0,-7,1.5,1e+21],"b":[true,false],"z":null,"o":{"deep":[{}]}}"#
    );
    assert_eq!(
        json.get("n").map(ToString::to_string).as_deref(),
        Some("[0,-7,1.5,1e+21]")
    );
}

#[wasm_bindgen_test]
fn a_status_object_reads_as_the_native_reader_reads_it() {
    let body = r#"{"task_id":"t","state":"PAUSED","progress":40.6,"message":"m","result":{"b":1,"a":"x"},"error":null,"created_at":"c","started_at":null,"completed_at":null,"is_finished":false,"is_successful":false,"cancel_requested":true,"zone":"eu"}"#;
    let status = read_status(200, body).expect("a status");
    assert_eq!(status.state, TaskState::Unknown);
    assert_eq!(status.state_label(), "PAUSED");
    assert_eq!(status.progress, Some(41));
    assert!(status.cancel_requested);
    assert_eq!(
        status.result.map(|result| result.to_string()).as_deref(),
        Some(r#"{"b":1,"a":"x"}"#)
    );
    assert_eq!(
        status.extra,
        [("zone".to_owned(), Json::String("eu".to_owned()))]
    );
}

#[wasm_bindgen_test]
fn broken_and_hostile_bodies_are_errors_not_panics() {
    let error = parse(r#"{"task_id": "#).expect_err("cut short");
    assert!(!error.is_empty());
    assert!(parse("OK").is_err());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let error = parse(&deep).expect_err("too deep");
    assert!(error.contains("nested"), "{error}");
    let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(parse(&fine).is_ok());
}
