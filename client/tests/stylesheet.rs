//! The stylesheet the embed carries inside its wasm, minified by the build
//! script, reads the same in the browser as `client/style.css`: the browser's
//! own parser serializes every rule of both to the very same text.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every rule of `css` as the browser reads it, one per line.
fn rules_as_read(css: &str) -> String {
    let read = js_sys::Function::new_with_args(
        "css",
        "const sheet = new CSSStyleSheet(); sheet.replaceSync(css); \
         return [...sheet.cssRules].map((rule) => rule.cssText).join('\\n');",
    );
    read.call1(&JsValue::NULL, &css.into())
        .expect("the browser parses the stylesheet")
        .as_string()
        .expect("rules as text")
}

#[wasm_bindgen_test]
fn the_minified_stylesheet_reads_as_the_original() {
    let original = rules_as_read(include_str!("../style.css"));
    let minified = rules_as_read(include_str!(concat!(env!("OUT_DIR"), "/style.min.css")));
    assert!(original.lines().count() > 40, "{original}");
    assert_eq!(minified, original);
}
