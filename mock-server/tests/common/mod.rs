//! Helpers shared by the integration tests: a fresh mock on a manual clock
//! and one-line requests through warp's test client.

#![allow(dead_code)]

pub mod wrong_server;

// Not every test binary uses both.
#[allow(unused_imports)]
pub use mock_server_test_support::{http, process};

use mock_server::engine::clock::{Clock, ClockMode};
use mock_server::http::cors::CorsPolicy;
use mock_server::http::state::{MockState, SharedState};
use serde_json::Value;
use warp::http::Response;
use warp::hyper::body::Bytes;

/// A mock with no tasks on a manual clock starting at a fixed time.
pub fn mock() -> SharedState {
    mock_with_cors(CorsPolicy::default())
}

/// Serves `routes` on a free loopback port until the test ends; its URL.
pub async fn serve_filter<F>(routes: F) -> String
where
    F: warp::Filter<Extract = (warp::reply::Response,), Error = std::convert::Infallible>
        + Clone
        + Send
        + Sync
        + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(mock_server::http::connections::serve(
        listener,
        mock_server::http::connections::filter_service(routes),
        mock_server::http::connections::HEADER_READ_TIMEOUT,
        std::future::pending::<std::time::Duration>(),
    ));
    url
}

/// [`mock`] that holds at most `max_tasks` tasks (`--max-tasks`).
pub fn mock_holding(max_tasks: usize) -> SharedState {
    MockState::with_max_tasks(
        Clock::starting_at(ClockMode::Manual, 1.0, 1_800_000_000_000),
        CorsPolicy::default(),
        mock_server::http::host_check::HostPolicy::default(),
        max_tasks,
    )
}

pub fn mock_with_cors(cors: CorsPolicy) -> SharedState {
    MockState::new(
        Clock::starting_at(ClockMode::Manual, 1.0, 1_800_000_000_000),
        cors,
        mock_server::http::host_check::HostPolicy::default(),
    )
}

pub async fn send(state: &SharedState, method: &str, path: &str) -> Response<Bytes> {
    warp::test::request()
        .method(method)
        .path(path)
        .reply(&mock_server::routes(state.clone()))
        .await
}

pub async fn send_json(
    state: &SharedState,
    method: &str,
    path: &str,
    body: &str,
) -> Response<Bytes> {
    warp::test::request()
        .method(method)
        .path(path)
        .header("content-type", "application/json")
        .body(body)
        .reply(&mock_server::routes(state.clone()))
        .await
}

pub fn json(response: &Response<Bytes>) -> Value {
    serde_json::from_slice(response.body()).unwrap_or_else(|error| {
        panic!(
            "body is not JSON ({error}): {}",
            String::from_utf8_lossy(response.body())
        )
    })
}

/// Creates a task through the control API and returns its id.
pub async fn create(state: &SharedState, body: &str) -> String {
    let response = send_json(state, "POST", "/__mock/tasks", body).await;
    assert_eq!(
        response.status(),
        201,
        "{}",
        String::from_utf8_lossy(response.body())
    );
    json(&response)["task_id"].as_str().unwrap().to_owned()
}

pub async fn advance(state: &SharedState, ms: u64) {
    let response = send_json(
        state,
        "POST",
        "/__mock/clock/advance",
        &format!(r#"{{"ms":{ms}}}"#),
    )
    .await;
    assert_eq!(response.status(), 200);
}

pub async fn state_of(state: &SharedState, id: &str) -> String {
    let response = send(state, "GET", &format!("/api/task/status/{id}")).await;
    assert_eq!(response.status(), 200);
    json(&response)["state"].as_str().unwrap().to_owned()
}
