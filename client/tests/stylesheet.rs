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

/// `rgb(r, g, b)` as the browser writes a computed colour, as linear
/// luminance (WCAG 2.1).
fn luminance(rgb: &str) -> f64 {
    let channels: Vec<f64> = rgb
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .filter_map(|c| c.trim().parse::<f64>().ok())
        .map(|c| {
            let c = c / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        })
        .collect();
    assert_eq!(channels.len(), 3, "{rgb}");
    0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
}

#[wasm_bindgen_test]
fn an_inactive_button_keeps_aa_contrast() {
    let style = js_sys::Function::new_with_args(
        "css",
        "const host = document.body.appendChild(document.createElement('div'));
         const root = host.attachShadow({ mode: 'open' });
         const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
         root.adoptedStyleSheets = [sheet];
         const result = {};
         for (const [name, html] of [
           ['cancelling', '<button class=\"qtc-button qtc-button--danger qtc-cancel-button\" aria-disabled=\"true\">Cancelling…</button>'],
           ['disabled', '<button class=\"qtc-button\" disabled>Retry</button>'],
         ]) {
           root.innerHTML = html;
           const button = root.querySelector('button');
           button.focus();
           const computed = getComputedStyle(button);
           result[name] = [computed.color, computed.backgroundColor, computed.opacity];
         }
         host.remove();
         return JSON.stringify(result);",
    );
    let read = style
        .call1(&JsValue::NULL, &include_str!("../style.css").into())
        .expect("styled")
        .as_string()
        .expect("text");
    let read: serde_json::Value = serde_json::from_str(&read).expect("JSON");
    for name in ["cancelling", "disabled"] {
        let [color, background, opacity] =
            [0, 1, 2].map(|n| read[name][n].as_str().unwrap_or_default().to_owned());
        assert_eq!(opacity, "1", "{name}: faded");
        let (a, b) = (luminance(&color), luminance(&background));
        let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
        assert!(
            ratio >= 4.5,
            "{name}: {color} on {background} is {ratio:.2}:1"
        );
    }
}
