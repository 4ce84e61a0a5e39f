//! Which `Host` the control API answers, against DNS rebinding.
//!
//! A page on `http://attacker.example` that re-points its name at 127.0.0.1
//! talks to the mock from its own origin (no CORS check applies) but sends
//! `Host: attacker.example`. The control API answers only requests addressed
//! to a loopback name or address, the address the mock is bound to, or a
//! name given with `--allow-host`.

use crate::http::authority::Authority;
use std::net::IpAddr;

/// The hosts the control API answers beyond loopback.
#[derive(Clone, Debug, Default)]
pub struct HostPolicy {
    /// The address the mock listens on, when it is a specific one.
    bound: Option<IpAddr>,
    /// `--allow-host` names, lower case.
    allowed: Vec<String>,
}

impl HostPolicy {
    pub fn new<S: AsRef<str>>(bound: IpAddr, allowed: impl IntoIterator<Item = S>) -> Self {
        HostPolicy {
            bound: (!bound.is_unspecified()).then_some(bound),
            allowed: allowed
                .into_iter()
                .map(|host| host.as_ref().trim().to_ascii_lowercase())
                .filter(|host| !host.is_empty())
                .collect(),
        }
    }

    /// Whether a request with this `Host` header may use the control API. A
    /// request without one (HTTP/1.0 clients, tests) names no foreign host.
    pub fn allows(&self, host_header: Option<&str>) -> bool {
        let Some(header) = host_header else {
            return true;
        };
        let Some(authority) = Authority::parse(header) else {
            return false;
        };
        authority.is_loopback()
            || self
                .bound
                .is_some_and(|bound| authority.host.parse::<IpAddr>() == Ok(bound))
            || self
                .allowed
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(authority.host))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    #[test]
    fn loopback_bound_and_allowed_hosts_pass_others_do_not() {
        let policy = HostPolicy::new(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 5)), ["mock.test"]);
        for host in [
            None,
            Some("localhost:8080"),
            Some("127.0.0.1:8080"),
            Some("[::1]:8080"),
            Some("10.0.0.5:8080"),
            Some("MOCK.test:8080"),
        ] {
            assert!(policy.allows(host), "{host:?}");
        }
        for host in [
            "attacker.example:8080",
            "10.0.0.6",
            "localhost.attacker.example",
            "",
            "a b",
        ] {
            assert!(!policy.allows(Some(host)), "{host}");
        }
    }

    #[test]
    fn an_unspecified_bind_address_allows_no_host_by_itself() {
        let policy = HostPolicy::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), Vec::<String>::new());
        assert!(!policy.allows(Some("0.0.0.0:8080")));
        assert!(!policy.allows(Some("192.168.1.5:8080")));
    }
}
