//! The yardstick of the throughput benchmark: a bare warp handler that
//! answers every request with the same fixed JSON body, served by the same
//! connection loop as the mock (`mock_server::http::connections`), so the ratio
//! measures the mock's own work. `bench` starts it next to the mock.
//!
//! `cargo run --release -p mock-server --example bare_handler -- PORT BODY_BYTES`

use std::net::{Ipv4Addr, SocketAddr};
use warp::Filter;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let size: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(300);
    // A JSON object of exactly `size` bytes.
    let padding = "x".repeat(size.saturating_sub(r#"{"pad":""}"#.len()));
    let body: &'static str = Box::leak(format!(r#"{{"pad":"{padding}"}}"#).into_boxed_str());
    let route = warp::any().map(move || {
        let mut response = warp::reply::Response::new(body.into());
        response.headers_mut().insert(
            warp::http::header::CONTENT_TYPE,
            warp::http::HeaderValue::from_static("application/json"),
        );
        response
    });
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .await
        .expect("bind");
    println!("http://{}", listener.local_addr().expect("address"));
    mock_server::http::connections::serve(
        listener,
        mock_server::http::connections::filter_service(route),
        mock_server::http::connections::HEADER_READ_TIMEOUT,
        std::future::pending::<std::time::Duration>(),
    )
    .await;
}
