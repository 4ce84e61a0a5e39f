//! The embedded widget and list in a host page of their own: a host's
//! `::part()` rules reach inside the shadow root, a right-to-left page
//! mirrors them (ids still read left to right), and the host element's
//! `theme` attribute picks the colour scheme. In the browser (`embed`).

#![cfg(all(target_arch = "wasm32", feature = "embed"))]

mod common;

use common::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A host element with a fresh id, with `attributes` set.
fn host(attributes: &[(&str, &str)]) -> Element {
    let host = fresh_root();
    host.set_id(&unique_id("host"));
    for (name, value) in attributes {
        host.set_attribute(name, value).expect("an attribute");
    }
    host
}

fn options(js: &str) -> JsValue {
    js_sys::eval(&format!("({js})")).expect("an options object")
}

fn mount(host: &Element, task_id: &str) -> client::embed::WidgetHandle {
    let options = options(&format!(
        "{{ taskId: '{task_id}', apiBase: '{MOCK}', pollIntervalMs: 20 }}"
    ));
    client::embed::mount(host.clone(), options, 0, None, None).expect("mounted")
}

/// The first element matching `selector` inside `host`'s shadow root.
fn inside(host: &Element, selector: &str) -> HtmlElement {
    host.shadow_root()
        .expect("a shadow root")
        .query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("{selector} is shown"))
        .unchecked_into()
}

async fn wait_for_running(host: &Element) {
    let shadow = host.shadow_root().expect("a shadow root");
    wait_until("the badge shows RUNNING", || {
        shadow
            .query_selector(".qtc-badge")
            .ok()
            .flatten()
            .and_then(|badge| badge.text_content())
            .is_some_and(|text| text.contains("RUNNING"))
    })
    .await;
}

fn computed(element: &Element, property: &str) -> String {
    js_sys::Function::new_with_args("e, p", "return getComputedStyle(e).getPropertyValue(p);")
        .call2(&JsValue::NULL, element, &property.into())
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// Adds `css` to the host page's own stylesheet.
fn page_style(css: &str) -> Element {
    let document = gloo_utils::document();
    let style = document.create_element("style").expect("a style element");
    style.set_text_content(Some(css));
    document
        .head()
        .expect("a head")
        .append_child(&style)
        .expect("added");
    style
}

#[wasm_bindgen_test]
async fn a_hosts_part_rules_reach_inside_the_shadow_root() {
    let task = running_for_a_minute("parts").await;
    let host = host(&[]);
    let id = host.id();
    let style = page_style(&format!(
        "#{id}::part(cancel-button) {{ outline: 3px dashed rgb(1, 2, 3); }}
         #{id}::part(badge) {{ text-transform: lowercase; }}
         #{id}::part(progress) {{ block-size: 7px; }}"
    ));
    let mut widget = mount(&host, &task);
    wait_for_running(&host).await;
    let button = inside(&host, ".qtc-cancel-button");
    assert_eq!(computed(&button, "outline-color"), "rgb(1, 2, 3)");
    assert_eq!(computed(&button, "outline-style"), "dashed");
    assert_eq!(
        computed(&inside(&host, ".qtc-badge"), "text-transform"),
        "lowercase"
    );
    assert_eq!(computed(&inside(&host, "progress"), "height"), "7px");

    // The confirmation and a notice are parts too.
    button.click();
    let confirm = host.shadow_root().expect("a shadow root");
    wait_until("the confirmation opens", || {
        confirm
            .query_selector("[part=confirm]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    widget.destroy();
    style.remove();
    host.remove();
}

#[wasm_bindgen_test]
async fn a_list_row_is_a_part() {
    let task = running_for_a_minute("row-part").await;
    let host = host(&[]);
    let id = host.id();
    let style = page_style(&format!(
        "#{id}::part(row) {{ background-color: rgb(4, 5, 6); }}"
    ));
    let options = options(&format!("{{ taskIds: ['{task}'], apiBase: '{MOCK}' }}"));
    let mut list = client::embed::mount_list(host.clone(), options).expect("mounted");
    wait_for_running(&host).await;
    let row = inside(&host, "tbody tr");
    assert_eq!(computed(&row, "background-color"), "rgb(4, 5, 6)");
    list.destroy();
    style.remove();
    host.remove();
}

#[wasm_bindgen_test]
async fn a_right_to_left_host_mirrors_the_widget_and_ids_stay_left_to_right() {
    let task = running_for_a_minute("rtl").await;
    let host = host(&[("dir", "rtl")]);
    let mut widget = mount(&host, &task);
    wait_for_running(&host).await;
    let title = inside(&host, ".qtc-title");
    let badge = inside(&host, ".qtc-badge");
    let (title_box, badge_box) = (
        title.get_bounding_client_rect(),
        badge.get_bounding_client_rect(),
    );
    assert!(
        title_box.left() > badge_box.left(),
        "the title starts on the right, the badge ends on the left: {} vs {}",
        title_box.left(),
        badge_box.left()
    );
    let bar = inside(&host, "progress");
    assert_eq!(
        computed(&bar, "direction"),
        "rtl",
        "the bar fills from the right"
    );
    assert_eq!(computed(&inside(&host, ".qtc-id"), "direction"), "ltr");
    widget.destroy();
    host.remove();
}

#[wasm_bindgen_test]
async fn the_theme_attribute_picks_the_colour_scheme() {
    let task = running_for_a_minute("theme").await;
    let background = |host: &Element| computed(&inside(host, ".qtc-widget"), "background-color");
    let dark = host(&[("theme", "dark")]);
    let mut dark_widget = mount(&dark, &task);
    wait_for_running(&dark).await;
    assert_eq!(background(&dark), "rgb(22, 27, 34)");
    // A change applies at once, without a remount.
    dark.set_attribute("theme", "light").expect("set");
    assert_eq!(background(&dark), "rgb(255, 255, 255)");
    dark_widget.destroy();
    dark.remove();
}
