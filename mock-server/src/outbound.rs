//! The plain HTTP/1.1 client that `verify` and the validating proxy talk to
//! another server with: one connection per request, a time limit on each,
//! and every exchange kept whole so a failed check can show it.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use std::fmt;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use warp::http::{HeaderMap, Method, Request, StatusCode, Uri, header};

/// The server under test: where to connect and the path the API hangs off.
#[derive(Clone, Debug)]
pub struct Target {
    /// `host:port`, as dialled and as sent in `Host`.
    authority: String,
    /// The base URL's path without its trailing `/` (usually empty).
    prefix: String,
    timeout: Duration,
}

/// Why a base URL cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BadBaseUrl {
    #[error("{0:?} has no scheme: did you mean \"http://{0}\"?")]
    NoScheme(String),
    #[error("{0:?} is not a URL: {1}")]
    Unparsable(String, String),
    #[error(
        "{0:?}: only http:// URLs are supported (put a TLS-terminating proxy in front for https)"
    )]
    NotHttp(String),
    #[error("{0:?} has no host")]
    NoHost(String),
    #[error("{0:?} must not have a query or fragment")]
    HasQuery(String),
}

impl Target {
    pub fn parse(base_url: &str, timeout: Duration) -> Result<Target, BadBaseUrl> {
        // `localhost:8080` parses as a URL whose scheme is `localhost`.
        if !base_url.contains("://") {
            return Err(BadBaseUrl::NoScheme(base_url.to_owned()));
        }
        let uri: Uri = base_url
            .parse()
            .map_err(|error: warp::http::uri::InvalidUri| {
                BadBaseUrl::Unparsable(base_url.to_owned(), error.to_string())
            })?;
        if uri.scheme_str() != Some("http") {
            return Err(BadBaseUrl::NotHttp(base_url.to_owned()));
        }
        let authority = uri
            .authority()
            .filter(|authority| !authority.host().is_empty())
            .ok_or_else(|| BadBaseUrl::NoHost(base_url.to_owned()))?;
        if uri.query().is_some() || base_url.contains('#') {
            return Err(BadBaseUrl::HasQuery(base_url.to_owned()));
        }
        let authority = match authority.port_u16() {
            Some(_) => authority.to_string(),
            None => format!("{}:80", authority.host()),
        };
        Ok(Target {
            authority,
            prefix: uri.path().trim_end_matches('/').to_owned(),
            timeout,
        })
    }

    /// The base URL, as it would be written: `http://host:port/prefix`.
    pub fn base_url(&self) -> String {
        format!("http://{}{}", self.authority, self.prefix)
    }

    /// The same server under another base path (`""` for its root).
    pub fn with_prefix(&self, prefix: &str) -> Target {
        Target {
            prefix: prefix.trim_end_matches('/').to_owned(),
            ..self.clone()
        }
    }

    /// The base path without its trailing `/` (usually empty).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The full URL of `path` (which starts with `/`), for reports.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}{path}", self.authority, self.prefix)
    }

    /// Sends a request without a body and reads the whole answer.
    pub async fn send(&self, method: Method, path: &str) -> Exchange {
        self.request(method, path, Bytes::new(), HeaderMap::new())
            .await
    }

    /// [`Target::send`] with `headers` added (they replace a default such
    /// as `Accept`; `Host` is always the target's).
    pub async fn send_with(&self, method: Method, path: &str, headers: HeaderMap) -> Exchange {
        self.request(method, path, Bytes::new(), headers).await
    }

    /// Sends a request with a JSON body (the mock's control API).
    pub async fn send_json(
        &self,
        method: Method,
        path: &str,
        body: &serde_json::Value,
    ) -> Exchange {
        self.request(
            method,
            path,
            Bytes::from(body.to_string()),
            HeaderMap::new(),
        )
        .await
    }

    async fn request(
        &self,
        method: Method,
        path: &str,
        body: Bytes,
        headers: HeaderMap,
    ) -> Exchange {
        let started = Instant::now();
        let sent = (!body.is_empty()).then(|| String::from_utf8_lossy(&body).into_owned());
        let answer =
            tokio::time::timeout(self.timeout, self.exchange(&method, path, body, headers))
                .await
                .unwrap_or_else(|_| {
                    Err(format!("no answer within {} ms", self.timeout.as_millis()))
                });
        Exchange {
            method,
            url: self.url(path),
            sent,
            answer,
            elapsed: started.elapsed(),
        }
    }

    async fn exchange(
        &self,
        method: &Method,
        path: &str,
        body: Bytes,
        extra: HeaderMap,
    ) -> Result<Answer, String> {
        let stream = TcpStream::connect(&self.authority)
            .await
            .map_err(|error| format!("could not connect to {}: {error}", self.authority))?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|error| format!("HTTP handshake failed: {error}"))?;
        tokio::spawn(connection);
        let mut request = Request::builder()
            .method(method.clone())
            .uri(format!("{}{path}", self.prefix))
            .header(header::HOST, &self.authority)
            .header(header::ACCEPT, "application/json");
        if !body.is_empty() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        let mut request = request
            .body(Full::new(body))
            .map_err(|error| format!("could not build the request: {error}"))?;
        let headers = request.headers_mut();
        for name in extra.keys() {
            if name != header::HOST {
                headers.remove(name);
            }
        }
        for (name, value) in &extra {
            if name != header::HOST {
                headers.append(name.clone(), value.clone());
            }
        }
        let response = sender
            .send_request(request)
            .await
            .map_err(|error| format!("the request failed: {error}"))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|error| format!("the answer's body broke off: {error}"))?
            .to_bytes();
        Ok(Answer {
            status,
            headers,
            body,
        })
    }
}

/// One request and what came of it.
#[derive(Debug)]
pub struct Exchange {
    pub method: Method,
    pub url: String,
    /// The JSON body sent, if any.
    pub sent: Option<String>,
    pub answer: Result<Answer, String>,
    pub elapsed: Duration,
}

/// A server's answer, whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    /// The body as JSON, or what is wrong with it.
    pub fn json(&self) -> Result<serde_json::Value, String> {
        serde_json::from_slice(&self.body).map_err(|error| {
            format!(
                "the body is not JSON ({error}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(200)])
            )
        })
    }
}

impl Exchange {
    /// The request as a command someone can paste into a shell.
    pub fn curl(&self) -> Curl<'_> {
        Curl(self)
    }
}

/// Renders an exchange's request as a `curl` line.
pub struct Curl<'a>(&'a Exchange);

impl fmt::Display for Curl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Single quotes keep the shell off the text; a quote inside is
        // closed, escaped and reopened.
        let quote = |text: &str| format!("'{}'", text.replace('\'', r"'\''"));
        write!(f, "curl -sS -i")?;
        if self.0.method != Method::GET {
            write!(f, " -X {}", self.0.method)?;
        }
        if let Some(body) = &self.0.sent {
            write!(f, " -H 'content-type: application/json' -d {}", quote(body))?;
        }
        write!(f, " {}", quote(&self.0.url))
    }
}
