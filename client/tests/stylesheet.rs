//! The stylesheet the embed carries inside its wasm: minified by the build
//! script, it reads the same in the browser as `client/style.css` (the
//! browser's own parser serializes every rule of both to the very same text),
//! and it is parsed once and adopted by every mount.

#![cfg(target_arch = "wasm32")]

#[cfg(feature = "embed-widget")]
mod common;

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

/// The stylesheets adopted by `host`'s shadow root.
#[cfg(feature = "embed-widget")]
fn adopted(host: &web_sys::Element) -> js_sys::Array {
    host.shadow_root()
        .expect("the mount opened a shadow root")
        .adopted_style_sheets()
}

#[cfg(feature = "embed-widget")]
#[wasm_bindgen_test]
fn every_mount_adopts_the_one_stylesheet_and_destroy_takes_back_only_its_own() {
    use common::{MOCK, fresh_root};
    let options = |task: &str| {
        js_sys::eval(&format!("({{ taskId: '{task}', apiBase: '{MOCK}' }})"))
            .expect("an options object")
    };
    let (host, elsewhere) = (fresh_root(), fresh_root());
    let mut first =
        client::embed::mount(host.clone(), options("a"), 0, None, None).expect("mounted");
    let mut second =
        client::embed::mount(host.clone(), options("b"), 0, None, None).expect("mounted");
    let mut third =
        client::embed::mount(elsewhere.clone(), options("c"), 0, None, None).expect("mounted");
    let sheet = adopted(&elsewhere).get(0);
    assert!(sheet.is_object(), "a stylesheet is adopted");
    assert_eq!(adopted(&host).length(), 2, "one entry per mount");
    assert!(
        adopted(&host).iter().all(|entry| entry == sheet),
        "one sheet for all"
    );

    first.destroy();
    assert_eq!(
        adopted(&host).length(),
        1,
        "the other mount keeps its styles"
    );
    second.destroy();
    assert_eq!(adopted(&host).length(), 0);
    assert_eq!(adopted(&elsewhere).length(), 1);
    third.destroy();
}
