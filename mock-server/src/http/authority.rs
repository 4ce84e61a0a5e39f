//! Reading `host[:port]` as it appears in an `Origin` or a `Host` header,
//! strictly: anything that is not exactly one host and at most one port is
//! refused, so `http://localhost::80` or `http://[::1]8080` never passes for
//! loopback.

use std::net::IpAddr;

/// A host and an optional port. `host` holds an IPv6 address without its
/// brackets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Authority<'a> {
    pub host: &'a str,
    pub port: Option<u16>,
}

impl<'a> Authority<'a> {
    /// `name`, `name:port`, `1.2.3.4:port`, `[::1]` or `[::1]:port`.
    pub fn parse(text: &'a str) -> Option<Authority<'a>> {
        if let Some(bracketed) = text.strip_prefix('[') {
            let (host, rest) = bracketed.split_once(']')?;
            host.parse::<std::net::Ipv6Addr>().ok()?;
            let port = match rest {
                "" => None,
                _ => Some(port(rest.strip_prefix(':')?)?),
            };
            return Some(Authority { host, port });
        }
        let (host, port) = match text.split_once(':') {
            Some((host, rest)) => (host, Some(port(rest)?)),
            None => (text, None),
        };
        let name = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        name.then_some(Authority { host, port })
    }

    /// `localhost`, `127.x.x.x` or `::1`.
    pub fn is_loopback(&self) -> bool {
        self.host.eq_ignore_ascii_case("localhost")
            || self
                .host
                .parse::<IpAddr>()
                .is_ok_and(|address| address.is_loopback())
    }
}

/// A web origin, `scheme://host[:port]` with an `http` or `https` scheme and
/// nothing after the authority.
pub fn parse_origin(origin: &str) -> Option<Authority<'_>> {
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))?;
    Authority::parse(rest)
}

/// 1 to 5 digits that fit a port number.
fn port(text: &str) -> Option<u16> {
    let digits = !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_authorities_read() {
        let cases = [
            ("localhost", "localhost", None),
            ("localhost:8000", "localhost", Some(8000)),
            ("127.0.0.1:41234", "127.0.0.1", Some(41234)),
            ("[::1]", "::1", None),
            ("[::1]:8080", "::1", Some(8080)),
            ("docs.example.com", "docs.example.com", None),
        ];
        for (text, host, port) in cases {
            assert_eq!(
                Authority::parse(text),
                Some(Authority { host, port }),
                "{text}"
            );
        }
    }

    #[test]
    fn malformed_authorities_are_refused() {
        for text in [
            "",
            ":80",
            "localhost::80",
            "localhost:",
            "localhost:99999",
            "localhost:8a",
            "localhost:+80",
            "[::1]8080",
            "[::1",
            "[nothost]:80",
            "::1",
            "a b",
            "a/b",
            "localhost:80/x",
            "user@localhost",
        ] {
            assert_eq!(Authority::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn loopback_hosts() {
        for text in [
            "localhost",
            "LOCALHOST:1",
            "127.0.0.1",
            "127.9.9.9:80",
            "[::1]:8080",
        ] {
            assert!(Authority::parse(text).unwrap().is_loopback(), "{text}");
        }
        for text in [
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "10.0.0.1",
            "[::2]",
        ] {
            assert!(!Authority::parse(text).unwrap().is_loopback(), "{text}");
        }
    }

    #[test]
    fn origins_have_a_web_scheme_and_nothing_after_the_authority() {
        assert!(parse_origin("http://localhost:8000").is_some());
        assert!(parse_origin("https://docs.example").is_some());
        for origin in [
            "ftp://localhost",
            "localhost:8000",
            "http://localhost::80",
            "http://[::1]8080",
            "http://localhost/",
            "null",
            "http://",
        ] {
            assert_eq!(parse_origin(origin), None, "{origin}");
        }
    }
}
