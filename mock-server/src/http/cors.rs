//! Which web pages may call the mock from another origin.
//!
//! The task API answers any page on this machine (loopback origins: trunk's
//! dev server, the browser test runner's random port) plus the origins given
//! with `--cors-origin`; `--cors-origin '*'` opens the task API to every
//! origin. The control API is never opened to `*`: its writes need
//! `Content-Type: application/json`, hence a preflight, and preflights are
//! granted only to loopback and explicitly listed origins, so an arbitrary web
//! page the developer visits cannot script the mock.

use crate::http::authority::parse_origin;
use warp::http::header::{self, HeaderMap, HeaderValue};

/// The part of the mock a request is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// The documented task API under `/api/`.
    TaskApi,
    /// The control API under `/__mock/`.
    Control,
}

impl Area {
    pub fn of_path(path: &str) -> Area {
        if path == "/__mock" || path.starts_with("/__mock/") {
            Area::Control
        } else {
            Area::TaskApi
        }
    }
}

/// The origins allowed beyond loopback.
#[derive(Clone, Debug, Default)]
pub struct CorsPolicy {
    listed: Vec<String>,
    any_origin_for_api: bool,
}

impl CorsPolicy {
    /// A policy from `--cors-origin` values: exact origins such as
    /// `https://docs.example.com`, or `*`.
    pub fn new<I, S>(origins: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut policy = CorsPolicy::default();
        for origin in origins {
            let origin = origin.as_ref().trim().trim_end_matches('/');
            if origin == "*" {
                policy.any_origin_for_api = true;
            } else if !origin.is_empty() {
                policy
                    .listed
                    .push(same_origin_form(origin).unwrap_or_else(|| origin.to_ascii_lowercase()));
            }
        }
        policy
    }

    /// Whether a page from `origin` may use `area`.
    pub fn allows(&self, origin: &str, area: Area) -> bool {
        let origin = origin.to_ascii_lowercase();
        is_loopback_origin(&origin)
            || same_origin_form(&origin).is_some_and(|origin| self.listed.contains(&origin))
            || (area == Area::TaskApi && self.any_origin_for_api)
    }

    /// Adds the CORS headers an allowed cross-origin answer needs.
    pub fn add_headers(&self, origin: Option<&str>, area: Area, headers: &mut HeaderMap) {
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
        let Some(origin) = origin.filter(|origin| self.allows(origin, area)) else {
            return;
        };
        if let Ok(value) = HeaderValue::from_str(origin) {
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
            headers.insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("Location, X-Contract-Violations"),
            );
        }
    }

    /// Adds the headers that grant a preflight for `methods`.
    pub fn add_preflight_headers(&self, headers: &mut HeaderMap, methods: HeaderValue) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, methods);
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("content-type"),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
    }
}

/// An origin written so that two spellings of the same origin are equal:
/// lower case, and without the scheme's default port (`https://x:443` is
/// `https://x`, as a browser sends it). `None` if it is not an origin.
fn same_origin_form(origin: &str) -> Option<String> {
    let origin = origin.to_ascii_lowercase();
    let authority = parse_origin(&origin)?;
    let scheme = if origin.starts_with("https://") {
        "https"
    } else {
        "http"
    };
    let default_port = if scheme == "https" { 443 } else { 80 };
    let host = if authority.host.contains(':') {
        format!("[{}]", authority.host)
    } else {
        authority.host.to_owned()
    };
    Some(match authority.port {
        Some(port) if port != default_port => format!("{scheme}://{host}:{port}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// `http(s)://localhost`, `127.x.x.x` or `[::1]`, with any port.
fn is_loopback_origin(origin: &str) -> bool {
    parse_origin(origin).is_some_and(|authority| authority.is_loopback())
}

/// Checks a `--cors-origin` value: `*`, or `scheme://host[:port]`.
pub fn check_origin_flag(value: &str) -> Result<(), String> {
    let origin = value.trim().trim_end_matches('/');
    if origin == "*" || parse_origin(origin).is_some() {
        Ok(())
    } else {
        Err(format!(
            "--cors-origin {value:?} is not an origin: use scheme://host[:port], e.g. https://docs.example.com, or *"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_origins_are_allowed_everywhere() {
        let policy = CorsPolicy::new(Vec::<String>::new());
        for origin in [
            "http://localhost:8000",
            "http://127.0.0.1:41234",
            "http://[::1]:8080",
            "https://localhost",
        ] {
            assert!(policy.allows(origin, Area::Control), "{origin}");
        }
        for origin in [
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example",
            "null",
            "http://localhost:99999",
            "http://localhost::80",
            "http://[::1]8080",
        ] {
            assert!(!policy.allows(origin, Area::TaskApi), "{origin}");
        }
    }

    #[test]
    fn star_opens_the_task_api_but_not_the_control_api() {
        let policy = CorsPolicy::new(["*"]);
        assert!(policy.allows("https://docs.example", Area::TaskApi));
        assert!(!policy.allows("https://docs.example", Area::Control));
    }

    #[test]
    fn cors_origin_flags_must_be_origins() {
        for ok in ["*", "https://docs.example.com", "http://10.0.0.5:8000/"] {
            assert!(check_origin_flag(ok).is_ok(), "{ok}");
        }
        for bad in [
            "docs.example.com",
            "https://docs.example.com/path",
            "http://a::1",
            "",
        ] {
            assert!(check_origin_flag(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn origins_compare_as_origins_with_default_ports() {
        let policy = CorsPolicy::new([
            "https://x.example:443",
            "http://y.example",
            "https://z.example:8443",
        ]);
        for origin in [
            "https://x.example",
            "https://x.example:443",
            "http://y.example:80",
            "HTTP://Y.EXAMPLE",
            "https://z.example:8443",
        ] {
            assert!(policy.allows(origin, Area::Control), "{origin}");
        }
        for origin in [
            "http://x.example",
            "https://x.example:8443",
            "https://y.example",
            "https://z.example",
        ] {
            assert!(!policy.allows(origin, Area::Control), "{origin}");
        }
    }

    #[test]
    fn listed_origin_is_allowed_everywhere() {
        let policy = CorsPolicy::new(["https://Docs.Example/"]);
        assert!(policy.allows("https://docs.example", Area::Control));
        assert!(!policy.allows("https://other.example", Area::TaskApi));
    }
}
