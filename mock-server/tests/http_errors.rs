//! Every error is JSON, and CORS lets in only the pages it should.

mod common;

use common::*;
use mock_server::http::cors::CorsPolicy;

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
    mock: &mock_server::http::state::SharedState,
    path: &str,
    origin: &str,
) -> warp::http::Response<warp::hyper::body::Bytes> {
    let headers = [
        ("origin", origin),
        ("access-control-request-method", "POST"),
        ("access-control-request-headers", "content-type"),
    ];
    send_with(mock, "OPTIONS", path, &headers, "").await
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
    let headers = [
        ("origin", "https://evil.example"),
        ("content-type", "application/json"),
    ];
    let response = send_with(&mock, "POST", "/__mock/tasks", &headers, "{}").await;
    assert_eq!(response.status(), 403);
    assert!(mock.tasks.is_empty());
}

#[tokio::test]
async fn allowed_origin_gets_cors_headers_on_answers_and_errors() {
    let mock = mock();
    let path = "/api/task/status/none";
    let response = send_with(
        &mock,
        "GET",
        path,
        &[("origin", "http://localhost:8000")],
        "",
    )
    .await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://localhost:8000"
    );
    let elsewhere = [("origin", "https://elsewhere.example")];
    let other = send_with(&mock, "GET", path, &elsewhere, "").await;
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn a_refused_task_api_preflight_names_the_task_api() {
    let mock = mock();
    let response = preflight(&mock, "/api/task/cancel/x", "https://evil.example").await;
    assert_eq!(response.status(), 403);
    let message = json(&response)["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(message.contains("may not call the task API"), "{message}");
    assert!(!message.contains("control API"), "{message}");
}

#[tokio::test]
async fn options_on_an_unknown_path_is_404_and_head_is_not_advertised() {
    let mock = mock();
    for path in [
        "/",
        "/nothing",
        "/api/task/status/",
        "/__mock/nothing",
        "/api/task/cancel/a/b",
    ] {
        let response = preflight(&mock, path, "http://localhost:8000").await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(json(&response)["error"], "Not found", "{path}");
    }
    let granted = preflight(&mock, "/api/task/status/x", "http://localhost:8000").await;
    assert_eq!(granted.status(), 204);
    let methods = granted.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap_or_default();
    assert!(
        !methods.contains("HEAD"),
        "HEAD is advertised but answered 405: {methods}"
    );
}

#[tokio::test]
async fn every_route_grants_a_preflight_for_exactly_its_methods() {
    let mock = mock();
    for route in mock_server::http::route_table::ROUTES {
        let path = route.path.replace("{id}", "1");
        let granted = preflight(&mock, &path, "http://localhost:8000").await;
        assert_eq!(granted.status(), 204, "OPTIONS {path}");
        let methods = granted.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(methods, format!("{}, OPTIONS", route.allow), "{path}");
        assert_eq!(granted.headers()["allow"], methods.as_str(), "{path}");
        // Each advertised method is answered on that path by a handler: not
        // refused, and not the catch-all "nothing is served here".
        for method in route.allow.split(", ") {
            let response = send_json(&mock, method, &path, "{}").await;
            assert_ne!(response.status(), 405, "{method} {path}");
            let body: serde_json::Value =
                serde_json::from_slice(response.body()).unwrap_or_default();
            assert_ne!(body["error"], "Not found", "{method} {path} has no handler");
        }
        let with_slash = format!("{path}/");
        let granted = preflight(&mock, &with_slash, "http://localhost:8000").await;
        assert_eq!(
            granted.status(),
            204,
            "OPTIONS {with_slash}, served as {path} is"
        );
    }
}

#[tokio::test]
async fn reset_and_scenario_grant_a_preflight_to_an_allowed_dashboard() {
    let mock = mock_with_cors(CorsPolicy::new(["https://dashboard.example"]));
    for path in ["/__mock/reset", "/__mock/scenario"] {
        let granted = preflight(&mock, path, "https://dashboard.example").await;
        assert_eq!(granted.status(), 204, "OPTIONS {path}");
        assert_eq!(
            granted.headers()["access-control-allow-origin"],
            "https://dashboard.example"
        );
    }
}

async fn with_host(
    mock: &mock_server::http::state::SharedState,
    method: &str,
    path: &str,
    host: &str,
) -> warp::http::Response<warp::hyper::body::Bytes> {
    send_with(mock, method, path, &[("host", host)], "").await
}

#[tokio::test]
async fn the_control_api_refuses_a_rebound_host() {
    let mock = mock();
    for host in [
        "attacker.example:8080",
        "attacker.example",
        "localhost.attacker.example",
    ] {
        let response = with_host(&mock, "DELETE", "/__mock/tasks", host).await;
        assert_eq!(response.status(), 403, "{host}");
        let body = json(&response);
        assert_eq!(body["error"], "Host not allowed");
        // The advice is what the flag takes: a host name, not host:port.
        let wanted = format!("--allow-host {} ", host.split(':').next().unwrap_or(host));
        let message = body["message"].as_str().unwrap_or_default();
        assert!(message.contains(&wanted), "{message}");
    }
    for host in ["localhost:8080", "127.0.0.1:8080", "[::1]:8080"] {
        let response = with_host(&mock, "GET", "/__mock/health", host).await;
        assert_eq!(response.status(), 200, "{host}");
    }
    // The task API stays open to any host, as a real server would be.
    let id = create(&mock, "{}").await;
    let status = with_host(
        &mock,
        "GET",
        &format!("/api/task/status/{id}"),
        "attacker.example",
    )
    .await;
    assert_eq!(status.status(), 200);
}

#[tokio::test]
async fn allow_host_lets_a_named_host_use_the_control_api() {
    let mock = mock_server::http::state::MockState::new(
        mock_server::engine::clock::Clock::new(mock_server::engine::clock::ClockMode::Manual, 1.0),
        CorsPolicy::default(),
        mock_server::http::host_check::HostPolicy::new(
            std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            ["mock.internal"],
        ),
    );
    let response = with_host(&mock, "GET", "/__mock/health", "mock.internal:8080").await;
    assert_eq!(response.status(), 200);
    let other = with_host(&mock, "GET", "/__mock/health", "other.internal:8080").await;
    assert_eq!(other.status(), 403);
}

#[tokio::test]
async fn a_malformed_cors_origin_flag_stops_the_start_with_a_clear_error() {
    let config = mock_server::Config {
        cors_origins: vec!["docs.example.com".into()],
        ..mock_server::Config::for_tests()
    };
    let error = match mock_server::spawn(config).await {
        Ok(_) => panic!("started with a bad --cors-origin"),
        Err(error) => error.to_string(),
    };
    assert!(error.contains("scheme://host[:port]"), "{error}");
}
