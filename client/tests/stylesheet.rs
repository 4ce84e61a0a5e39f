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

/// A computed colour as the browser writes it, `rgb(r, g, b)` or (a mix)
/// `color(srgb r g b)`, as linear luminance (WCAG 2.1).
fn luminance(color: &str) -> f64 {
    let (text, scale) = match color.strip_prefix("color(srgb ") {
        Some(rest) => (rest, 1.0),
        None => (
            color.trim_start_matches("rgba(").trim_start_matches("rgb("),
            255.0,
        ),
    };
    let channels: Vec<f64> = text
        .trim_end_matches(')')
        .split([',', ' '])
        .filter(|c| !c.is_empty())
        .take(3)
        .filter_map(|c| c.trim().parse::<f64>().ok())
        .map(|c| {
            let c = c / scale;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        })
        .collect();
    assert_eq!(channels.len(), 3, "{color}");
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
           root.innerHTML = `<div class=\"qtc-widget\">${html}</div>`;
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

/// Every text colour of the widget and the list against the background it
/// sits on, in both colour schemes (the host's `theme` attribute), meets
/// WCAG AA (4.5:1).
#[wasm_bindgen_test]
fn every_text_meets_aa_contrast_in_the_light_and_the_dark_scheme() {
    let read = js_sys::Function::new_with_args(
        "css, theme",
        "const host = document.body.appendChild(document.createElement('div'));
         host.setAttribute('theme', theme);
         const root = host.attachShadow({ mode: 'open' });
         const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
         root.adoptedStyleSheets = [sheet];
         const badges = ['loading', 'pending', 'running', 'completed', 'failed', 'cancelled', 'missing', 'unknown']
           .map((b) => `<span class=\"qtc-badge qtc-badge--${b}\">${b}</span>`).join('');
         const notices = ['info', 'success', 'warning', 'error']
           .map((t) => `<p class=\"qtc-notice qtc-notice--${t}\">${t}</p>`).join('');
         root.innerHTML = `<div class=\"qtc-embed-root\"><section class=\"qtc-widget\">
           <h2 class=\"qtc-title\">title</h2>${badges}<p class=\"qtc-message\">message</p>
           <p class=\"qtc-task-error\">error</p><dl class=\"qtc-times\"><dt>dt</dt><dd>dd</dd></dl>
           <div class=\"qtc-cancel\">${notices}<button class=\"qtc-button\">button</button>
           <button class=\"qtc-button qtc-button--danger\">danger</button>
           <button class=\"qtc-button\" disabled>disabled</button></div>
           <div class=\"qtc-list\"><span class=\"qtc-list-count\">count</span><button class=\"qtc-link\">link</button>
           <table class=\"qtc-list-table\"><tr><th>th</th></tr><tr class=\"qtc-list-row--selected\"><td>selected</td></tr></table></div>
         </section></div>`;
         const backgroundOf = (element) => {
           for (let e = element; e; e = e.parentElement) {
             const bg = getComputedStyle(e).backgroundColor;
             if (bg !== 'transparent' && bg !== 'rgba(0, 0, 0, 0)') return bg;
           }
           return 'rgb(255, 255, 255)';
         };
         const pairs = [...root.querySelectorAll('.qtc-widget *')]
           .filter((e) => e.children.length === 0 && e.textContent.trim())
           .map((e) => [e.textContent.trim(), getComputedStyle(e).color, backgroundOf(e)]);
         host.remove();
         return JSON.stringify(pairs);",
    );
    for theme in ["light", "dark"] {
        let pairs = read
            .call2(
                &JsValue::NULL,
                &include_str!("../style.css").into(),
                &theme.into(),
            )
            .expect("styled")
            .as_string()
            .expect("text");
        let pairs: Vec<(String, String, String)> = serde_json::from_str(&pairs).expect("JSON");
        assert!(pairs.len() > 20, "{pairs:?}");
        let surface = &pairs[0].2;
        let expected_surface = if theme == "dark" {
            "rgb(22, 27, 34)"
        } else {
            "rgb(255, 255, 255)"
        };
        assert_eq!(surface, expected_surface, "{theme}: the widget's surface");
        for (text, color, background) in &pairs {
            let (a, b) = (luminance(color), luminance(background));
            let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(
                ratio >= 4.5,
                "{theme}: {text}: {color} on {background} is {ratio:.2}:1"
            );
        }
    }
}
