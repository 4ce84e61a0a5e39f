//! Accepting and serving connections: HTTP/1.1 with a header-read timeout, so
//! a client that sends half its headers and goes silent is closed, and a
//! graceful stop that lets requests in flight finish.
//!
//! warp's own `serve` sets no timer, which leaves hyper's header-read timeout
//! off; this loop is the same few lines with the timer set.

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::Service;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use warp::Filter;
use warp::http::Request;
use warp::reply::Response;

/// How long a client may take to send a request's headers, by default.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A warp filter as the service [`serve`] takes.
pub fn filter_service<F>(
    routes: F,
) -> impl Service<Request<Incoming>, Response = Response, Error = Infallible, Future: Send + 'static>
+ Clone
+ Send
+ 'static
where
    F: Filter<Extract = (Response,), Error = Infallible> + Clone + Send + Sync + 'static,
{
    TowerToHyperService::new(warp::service(routes))
}

/// Serves `service` on `listener` until `stop` resolves with a drain limit,
/// then lets the connections still open finish their requests for at most
/// that long, and closes the rest: when this returns, no connection it
/// accepted is open or can still answer. A connection whose request headers
/// take longer than `header_read_timeout` is closed.
pub async fn serve<S>(
    listener: TcpListener,
    service: S,
    header_read_timeout: Duration,
    stop: impl Future<Output = Duration>,
) where
    S: Service<Request<Incoming>, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    let graceful = GracefulShutdown::new();
    // Every connection's task, so the ones that outlive the drain can be
    // ended rather than left answering after the server stopped.
    let mut open = JoinSet::new();
    let mut stop = std::pin::pin!(stop);
    let drain = loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors and the like: wait, then go on.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            drain = &mut stop => break drain,
        };
        // Forget the connections that ended, so the set stays small.
        while open.try_join_next().is_some() {}
        let connection =
            graceful.watch(http.serve_connection(TokioIo::new(stream), service.clone()));
        open.spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    };
    drop(listener);
    if tokio::time::timeout(drain, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "requests still open after {} ms; closing them",
            drain.as_millis()
        );
    }
    // Ends what is left and waits until each task is gone.
    open.shutdown().await;
}
