//! `mount()`'s options read the way a host page passes them: JavaScript
//! objects through serde-wasm-bindgen, in the browser (the `embed` feature).

#![cfg(all(target_arch = "wasm32", feature = "embed"))]

mod common;

use common::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts with the options object written in JavaScript; the error message
/// if `mount` refuses it.
fn mount_js(options: &str) -> Result<client::embed::WidgetHandle, String> {
    let options = js_sys::eval(&format!("({options})")).expect("a JavaScript value");
    client::embed::mount(fresh_root(), options, 0, None, None).map_err(|error| {
        let value: JsValue = error.into();
        js_sys::Reflect::get(&value, &"message".into())
            .ok()
            .and_then(|message| message.as_string())
            .unwrap_or_default()
    })
}

#[wasm_bindgen_test]
fn every_documented_option_is_accepted() {
    let options = format!(
        "{{ taskId: 'x', apiBase: '{MOCK}', pollIntervalMs: 500, maxAttempts: 3, requestTimeoutMs: 2000, confirm: false }}"
    );
    let mut handle = mount_js(&options).expect("mounts");
    handle.destroy();
}

#[wasm_bindgen_test]
fn bad_options_are_named() {
    let cases = [
        ("{ taskid: 'x' }", "unknown option `taskid`"),
        ("{ taskId: 'x', pollIntervalMs: 'fast' }", "pollIntervalMs"),
        (
            "{ taskId: 'x', requestTimeoutMs: 5 }",
            "requestTimeoutMs must be at least 100",
        ),
        ("{ taskId: 'x', requestTimeoutMs: -1 }", "requestTimeoutMs"),
        (
            "{ taskId: 'x', maxAttempts: 0 }",
            "maxAttempts must be at least 1",
        ),
        ("{ taskId: '  ' }", "taskId must not be empty"),
        (
            "{ taskId: 'x', headingLevel: 7 }",
            "headingLevel must be from 1 to 6",
        ),
        ("{ taskId: 'a\\uD800b' }", "taskId is not well-formed text"),
        ("{ taskId: 7 }", "taskId"),
        ("'x'", "options must be an object"),
        ("null", "options must be an object"),
        ("() => 1", "options must be an object"),
    ];
    for (options, wanted) in cases {
        match mount_js(options) {
            Ok(mut handle) => {
                handle.destroy();
                panic!("{options} was accepted");
            }
            Err(message) => {
                assert!(message.contains("invalid options"), "{options}: {message}");
                assert!(message.contains(wanted), "{options}: {message}");
            }
        }
    }
}
