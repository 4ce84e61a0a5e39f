//! The client's folders depend one way (ARCHITECTURE.md): `api` ← `i18n` ← `widget`
//! ← `list` ← `pages`, and only `embed` wraps them for JavaScript. A new
//! import against that direction fails here. Reads the sources, so it runs
//! natively only.
#![cfg(not(target_arch = "wasm32"))]

use mock_server_test_support::layers::{Rules, crossings};
use std::path::Path;

/// Each folder under `src/`, and what its code must not name.
const RULES: Rules<'_> = &[
    (
        "api",
        &[
            "crate::i18n",
            "crate::widget",
            "crate::list",
            "crate::pages",
            "crate::embed",
        ],
    ),
    (
        "i18n",
        &[
            "crate::widget",
            "crate::list",
            "crate::pages",
            "crate::embed",
        ],
    ),
    ("widget", &["crate::list", "crate::pages", "crate::embed"]),
    ("list", &["crate::pages", "crate::embed"]),
    ("pages", &["crate::embed"]),
];

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let crossings = crossings(&src, RULES);
    assert!(crossings.is_empty(), "{}", crossings.join("\n"));
}
