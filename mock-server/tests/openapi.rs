//! The OpenAPI document stays true: it is what the server serves, every
//! documented operation is routed, every routed path documents all its
//! methods, and the status object has exactly the documented fields.
//! (`scripts/fuzz` then checks every answer against it with schemathesis.)

mod common;

use common::*;
use mock_server::http::openapi::OPENAPI_JSON;
use serde_json::Value;
use std::collections::BTreeSet;

const METHODS: [&str; 5] = ["GET", "POST", "DELETE", "PUT", "PATCH"];

fn document() -> Value {
    serde_json::from_str(OPENAPI_JSON).expect("openapi.json is JSON")
}

/// A documented path with sample values in place of its parameters.
fn concrete(path: &str) -> String {
    path.replace("/__mock/faults/{id}", "/__mock/faults/1")
        .replace("{id}", "sample-id")
}

#[tokio::test]
async fn the_document_is_served_as_written() {
    let mock = mock();
    let response = send(&mock, "GET", "/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.body().as_ref(), OPENAPI_JSON.as_bytes());
    assert_eq!(document()["openapi"], "3.1.0");
}

#[tokio::test]
async fn every_documented_operation_is_routed_and_no_other_method_is() {
    let mock = mock();
    let doc = document();
    let paths = doc["paths"].as_object().expect("paths");
    for (path, operations) in paths {
        let documented: BTreeSet<String> = operations
            .as_object()
            .expect("operations")
            .keys()
            .map(|method| method.to_uppercase())
            .collect();
        for method in METHODS {
            let response = send_json(&mock, method, &concrete(path), "{}").await;
            let body = json(&response);
            if documented.contains(method) {
                assert_ne!(
                    response.status(),
                    405,
                    "{method} {path} is documented but refused: {body}"
                );
                assert_ne!(
                    body["error"], "Not found",
                    "{method} {path} is documented but not routed"
                );
                let code = response.status().as_u16().to_string();
                let responses = &operations[method.to_lowercase()]["responses"];
                assert!(
                    responses.get(&code).is_some(),
                    "{method} {path} answered {code}, which is not documented: {body}"
                );
            } else {
                assert_eq!(
                    response.status(),
                    405,
                    "{method} {path} is routed but not documented"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_status_object_has_exactly_the_documented_fields() {
    let mock = mock();
    let id = create(&mock, r#"{"pending_ms":0}"#).await;
    let status = json(&send(&mock, "GET", &format!("/api/task/status/{id}")).await);
    let schema = &document()["components"]["schemas"]["TaskStatus"];
    let properties: BTreeSet<&str> = schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .map(String::as_str)
        .collect();
    let sent: BTreeSet<&str> = status
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(sent, properties, "the status object and its schema differ");
    for required in schema["required"].as_array().expect("required") {
        assert!(
            status.get(required.as_str().expect("name")).is_some(),
            "{required} missing"
        );
    }
    let states = document()["components"]["schemas"]["TaskState"]["enum"].clone();
    assert!(states.as_array().expect("enum").contains(&status["state"]));
}

#[test]
fn the_route_table_is_the_documents_paths_and_methods() {
    let doc = document();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .map(|(path, operations)| {
            let mut methods: Vec<String> = operations
                .as_object()
                .expect("operations")
                .keys()
                .map(|method| method.to_uppercase())
                .collect();
            methods.sort();
            (path.clone(), methods.join(", "))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = mock_server::http::route_table::ROUTES
        .iter()
        .map(|route| {
            let mut methods: Vec<&str> = route.allow.split(", ").collect();
            methods.sort();
            (route.path.to_owned(), methods.join(", "))
        })
        .collect();
    assert_eq!(documented, routed);
}
