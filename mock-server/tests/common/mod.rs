//! Helpers shared by the integration tests: a fresh mock on a manual clock
//! and one-line requests to it over a real socket, served as `main` serves.

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

/// Sends a request without a body to `state`'s server; see [`send_with`].
pub async fn send(state: &SharedState, method: &str, path: &str) -> Response<Bytes> {
    send_with(state, method, path, &[], Bytes::new()).await
}

/// Sends a request with a JSON body to `state`'s server; see [`send_with`].
pub async fn send_json(
    state: &SharedState,
    method: &str,
    path: &str,
    body: &str,
) -> Response<Bytes> {
    let content_type = [("content-type", "application/json")];
    send_with(state, method, path, &content_type, body.to_owned()).await
}

/// Sends one request over TCP to the server [`mock_server::server::serve`]
/// runs for `state` (started at its first request): the status fast path,
/// the routes and the connection handling production traffic goes through.
/// `headers` may replace `Host`, which is otherwise the server's address.
/// A connection that ends without an answer panics with the reason.
pub async fn send_with(
    state: &SharedState,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Response<Bytes> {
    use http_body_util::{BodyExt, Full};
    let authority = server_for(state).await;
    let stream = tokio::net::TcpStream::connect(&authority)
        .await
        .unwrap_or_else(|error| panic!("could not connect to {authority}: {error}"));
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("an HTTP/1.1 handshake");
    tokio::spawn(connection);
    let mut request = warp::http::Request::builder().method(method).uri(path);
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        request = request.header("host", &authority);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Full::new(body.into())).expect("a request");
    let response = sender
        .send_request(request)
        .await
        .unwrap_or_else(|error| panic!("{method} {path}: no answer: {error}"));
    let (parts, body) = response.into_parts();
    let body = body
        .collect()
        .await
        .unwrap_or_else(|error| panic!("{method} {path}: the body broke off: {error}"))
        .to_bytes();
    Response::from_parts(parts, body)
}

/// The `host:port` of the server serving `state`, started on first use.
/// Each state keeps its own server (and stays alive, so no later state can
/// take its address) until the test's runtime ends.
async fn server_for(state: &SharedState) -> String {
    use std::sync::{Arc, Mutex};
    type Servers = Vec<(SharedState, String, mock_server::RunningServer)>;
    static SERVERS: Mutex<Servers> = Mutex::new(Vec::new());
    let find = |servers: &Servers| {
        servers
            .iter()
            .find(|(served, ..)| Arc::ptr_eq(served, state))
            .map(|(_, authority, _)| authority.clone())
    };
    if let Some(authority) = find(&SERVERS.lock().expect("no test panicked holding it")) {
        return authority;
    }
    let server = mock_server::server::serve(state.clone(), &mock_server::Config::for_tests())
        .await
        .expect("the mock listens on a free port");
    let mut servers = SERVERS.lock().expect("no test panicked holding it");
    if let Some(authority) = find(&servers) {
        return authority;
    }
    let authority = server.addr().to_string();
    servers.push((state.clone(), authority.clone(), server));
    authority
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

/// Creates `task` (a `POST /__mock/tasks` body) on the mock at `target`,
/// through its control API like any client; the test fails unless it is 201.
pub async fn create_task(target: &mock_server::verify::Target, task: &Value) {
    let created = target
        .send_json(warp::http::Method::POST, "/__mock/tasks", task)
        .await;
    assert_eq!(
        created.answer.expect("an answer").status,
        warp::http::StatusCode::CREATED,
        "{task}"
    );
}
