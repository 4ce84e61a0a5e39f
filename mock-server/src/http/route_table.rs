//! Every path the mock serves and the methods each one takes: the one list
//! that the handlers' 405 answers, the CORS preflight and the OpenAPI test
//! all read, so a route added to the handlers but not to the preflight (or
//! the other way round) cannot happen.

/// A served path and the methods it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// As the OpenAPI document writes it; `{id}` stands for one non-empty
    /// path segment.
    pub path: &'static str,
    /// The methods, as an `Allow` header lists them.
    pub allow: &'static str,
}

/// `GET /api/task/status/{id}`
pub const TASK_STATUS: Route = Route {
    path: "/api/task/status/{id}",
    allow: "GET",
};
/// `POST /api/task/cancel/{id}`
pub const TASK_CANCEL: Route = Route {
    path: "/api/task/cancel/{id}",
    allow: "POST",
};
/// `GET /api/openapi.json`
pub const OPENAPI: Route = Route {
    path: "/api/openapi.json",
    allow: "GET",
};
/// `/__mock/tasks`: list, create, clear.
pub const TASKS: Route = Route {
    path: "/__mock/tasks",
    allow: "GET, POST, DELETE",
};
/// `/__mock/tasks/{id}`: read, delete.
pub const TASK: Route = Route {
    path: "/__mock/tasks/{id}",
    allow: "GET, DELETE",
};
/// `GET /__mock/clock`
pub const CLOCK: Route = Route {
    path: "/__mock/clock",
    allow: "GET",
};
/// `POST /__mock/clock/advance`
pub const CLOCK_ADVANCE: Route = Route {
    path: "/__mock/clock/advance",
    allow: "POST",
};
/// `/__mock/faults`: list, add, clear.
pub const FAULTS: Route = Route {
    path: "/__mock/faults",
    allow: "GET, POST, DELETE",
};
/// `DELETE /__mock/faults/{id}`
pub const FAULT: Route = Route {
    path: "/__mock/faults/{id}",
    allow: "DELETE",
};
/// `/__mock/requests`: the journal, read and clear.
pub const REQUESTS: Route = Route {
    path: "/__mock/requests",
    allow: "GET, DELETE",
};
/// `GET /__mock/scenario`
pub const SCENARIO: Route = Route {
    path: "/__mock/scenario",
    allow: "GET",
};
/// `POST /__mock/reset`
pub const RESET: Route = Route {
    path: "/__mock/reset",
    allow: "POST",
};
/// `GET /__mock/health`
pub const HEALTH: Route = Route {
    path: "/__mock/health",
    allow: "GET",
};

/// Every route of the mock.
pub const ROUTES: [Route; 13] = [
    TASK_STATUS,
    TASK_CANCEL,
    OPENAPI,
    TASKS,
    TASK,
    CLOCK,
    CLOCK_ADVANCE,
    FAULTS,
    FAULT,
    REQUESTS,
    SCENARIO,
    RESET,
    HEALTH,
];

impl Route {
    /// Whether `path` (as sent, still percent-encoded) is this route's. One
    /// trailing `/` is allowed, as the handlers' warp paths allow it.
    pub fn matches(&self, path: &str) -> bool {
        let path = match path.strip_suffix('/') {
            Some(trimmed) if !trimmed.is_empty() => trimmed,
            _ => path,
        };
        let mut sent = path.split('/');
        let mut pattern = self.path.split('/');
        loop {
            match (pattern.next(), sent.next()) {
                (None, None) => return true,
                (Some("{id}"), Some(segment)) if !segment.is_empty() => {}
                (Some(expected), Some(segment)) if expected == segment => {}
                _ => return false,
            }
        }
    }
}

/// The route `path` belongs to, if the mock serves it.
pub fn route_of(path: &str) -> Option<Route> {
    ROUTES.into_iter().find(|route| route.matches(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_routes() {
        let cases = [
            ("/api/task/status/abc", Some(TASK_STATUS)),
            ("/api/task/status/a%2Fb", Some(TASK_STATUS)),
            ("/api/task/cancel/abc", Some(TASK_CANCEL)),
            ("/api/openapi.json", Some(OPENAPI)),
            ("/__mock/tasks", Some(TASKS)),
            ("/__mock/tasks/t1", Some(TASK)),
            ("/__mock/clock/advance", Some(CLOCK_ADVANCE)),
            ("/__mock/reset", Some(RESET)),
            ("/__mock/scenario", Some(SCENARIO)),
            ("/api/task/status/", None),
            ("/api/task/status/a/b", None),
            ("/api/task/status", None),
            ("/__mock/tasks/", Some(TASKS)),
            ("/api/task/status/a/", Some(TASK_STATUS)),
            ("/__mock/tasks//", None),
            ("/__mock/nothing", None),
            ("/", None),
        ];
        for (path, route) in cases {
            assert_eq!(route_of(path), route, "{path}");
        }
    }

    #[test]
    fn no_two_routes_share_a_path() {
        for (n, route) in ROUTES.iter().enumerate() {
            assert!(
                ROUTES[n + 1..].iter().all(|other| other.path != route.path),
                "{} twice",
                route.path
            );
        }
    }
}
