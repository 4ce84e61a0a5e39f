//! Every error is JSON, and CORS lets in only the pages it should.

mod common;

use common::*;
use mock_server::cors::CorsPolicy;

#[tokio::test]
async fn unknown_route_is_json_404() {
    let mock = mock();
    for path in [
        "/",
        "/api/task/status/",
        "/api/task/status/a/b",
        "/__mock/nothing",
    ] {
        let response = send(&mock, "GET", path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(json(&response)["error"], "Not found", "{path}");
    }
}

#[tokio::test]
async fn wrong_method_is_json_405_with_allow() {
    let mock = mock();
    let cases = [
        ("DELETE", "/api/task/cancel/x", "POST"),
        ("GET", "/api/task/cancel/x", "POST"),
        ("POST", "/api/task/status/x", "GET"),
        ("PUT", "/__mock/tasks", "GET, POST, DELETE"),
        ("PATCH", "/__mock/clock", "GET"),
    ];
    for (method, path, allow) in cases {
        let response = send(&mock, method, path).await;
        assert_eq!(response.status(), 405, "{method} {path}");
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
        assert_eq!(json(&response)["error"], "Method not allowed");
    }
}

async fn preflight(
    mock: &mock_server::state::SharedState,
    path: &str,
    origin: &str,
) -> warp::http::Response<warp::hyper::body::Bytes> {
    warp::test::request()
        .method("OPTIONS")
        .path(path)
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .reply(&mock_server::routes(mock.clone()))
        .await
}

#[tokio::test]
async fn preflight_is_granted_to_loopback_and_listed_origins() {
    let mock = mock_with_cors(CorsPolicy::new(["https://docs.example"]));
    for origin in [
        "http://localhost:8000",
        "http://127.0.0.1:43125",
        "https://docs.example",
    ] {
        let response = preflight(&mock, "/__mock/tasks", origin).await;
        assert_eq!(response.status(), 204, "{origin}");
        assert_eq!(response.headers()["access-control-allow-origin"], origin);
        assert!(
            response.headers()["access-control-allow-headers"]
                .to_str()
                .unwrap()
                .contains("content-type")
        );
    }
}

#[tokio::test]
async fn preflight_from_other_origins_is_refused() {
    let mock = mock_with_cors(CorsPolicy::new(["*"]));
    let response = preflight(&mock, "/__mock/tasks", "https://evil.example").await;
    assert_eq!(response.status(), 403);
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    // `*` opens the task API, never the control API.
    let api = preflight(&mock, "/api/task/cancel/x", "https://evil.example").await;
    assert_eq!(api.status(), 204);
}

#[tokio::test]
async fn control_writes_from_other_origins_are_refused() {
    let mock = mock();
    let response = warp::test::request()
        .method("POST")
        .path("/__mock/tasks")
        .header("origin", "https://evil.example")
        .header("content-type", "application/json")
        .body("{}")
        .reply(&mock_server::routes(mock.clone()))
        .await;
    assert_eq!(response.status(), 403);
    assert!(mock.tasks.is_empty());
}

#[tokio::test]
async fn allowed_origin_gets_cors_headers_on_answers_and_errors() {
    let mock = mock();
    let response = warp::test::request()
        .method("GET")
        .path("/api/task/status/none")
        .header("origin", "http://localhost:8000")
        .reply(&mock_server::routes(mock.clone()))
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://localhost:8000"
    );
    let other = warp::test::request()
        .method("GET")
        .path("/api/task/status/none")
        .header("origin", "https://elsewhere.example")
        .reply(&mock_server::routes(mock.clone()))
        .await;
    assert!(other.headers().get("access-control-allow-origin").is_none());
}
