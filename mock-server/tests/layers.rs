//! The crate's folders depend one way (ARCHITECTURE.md): the engine knows no
//! HTTP, the document's rules know no server, and the HTTP layer knows
//! nothing of the tools built on it. A new import across a layer fails here.

use mock_server_test_support::layers::{Rules, crossings};
use std::path::Path;

/// Each folder or file under `src/`, and what its code must not name.
const RULES: Rules<'_> = &[
    (
        "engine",
        &[
            "crate::http",
            "crate::contract",
            "crate::verify",
            "crate::outbound",
            "crate::server",
            "crate::config",
            "warp::",
        ],
    ),
    ("outbound.rs", &["crate::"]),
    (
        "contract",
        &[
            "crate::engine",
            "crate::http",
            "crate::verify",
            "crate::server",
        ],
    ),
    ("http", &["crate::verify", "crate::server", "crate::config"]),
    ("verify", &["crate::engine", "crate::http", "crate::server"]),
];

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let crossings = crossings(&src, RULES);
    assert!(crossings.is_empty(), "{}", crossings.join("\n"));
}
