//! The yardstick of the throughput benchmark: a bare warp server that answers
//! every request with the same fixed JSON body. `bench` starts it next to the
//! mock and compares the two.
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
        warp::http::Response::builder()
            .header("content-type", "application/json")
            .body(body)
    });
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .await
        .expect("bind");
    println!("http://{}", listener.local_addr().expect("address"));
    warp::serve(route).incoming(listener).run().await;
}
