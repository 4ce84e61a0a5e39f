//! The widget and the list in the page's language (feature `i18n`): a German
//! page gets no English in any state (checked against the catalogues, not by
//! hand), a change of `lang` while mounted re-renders, plurals follow each
//! language's rules, an Arabic page mirrors, a host's override of one key
//! shows, and times are the reader's with the exact instant in reach. In the
//! browser, against the mock server.

#![cfg(all(target_arch = "wasm32", feature = "i18n"))]

mod common;

use client::i18n::key;
use client::{TaskList, TaskListProps};
use common::*;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const EN: &str = include_str!("../lang/en.json");
const SHIPPED: [(&str, &str); 5] = [
    ("ar", include_str!("../lang/ar.json")),
    ("de", include_str!("../lang/de.json")),
    ("es", include_str!("../lang/es.json")),
    ("fr", include_str!("../lang/fr.json")),
    ("ja", include_str!("../lang/ja.json")),
];

/// Registers the shipped languages, as the module's loader would (under
/// what a host registers).
fn register_shipped() {
    for (tag, json) in SHIPPED {
        let messages = js_sys::JSON::parse(json).expect("a catalogue");
        client::i18n::register(tag, messages.unchecked_ref(), false);
    }
}

fn shipped(tag: &str) -> &'static str {
    SHIPPED
        .iter()
        .find(|(known, _)| *known == tag)
        .expect("shipped")
        .1
}

/// Every text of a catalogue, plural forms included.
fn texts(json: &str) -> Vec<String> {
    let catalogue: serde_json::Map<String, Value> =
        serde_json::from_str(json).expect("a catalogue");
    catalogue
        .values()
        .flat_map(|message| match message {
            Value::Object(forms) => forms.values().cloned().collect(),
            text => vec![text.clone()],
        })
        .filter_map(|text| text.as_str().map(str::to_owned))
        .collect()
}

/// The pieces of English's texts between placeholders that would betray
/// English on a page in `other`: four letters or more, and not in any of
/// `other`'s own texts (so `HTTP` or a shared word does not count).
fn english_pieces(other: &str) -> Vec<String> {
    let theirs = texts(other).join("\n");
    let mut pieces: Vec<String> = texts(EN)
        .iter()
        .flat_map(|text| {
            text.split(['{', '}'])
                .step_by(2)
                .map(|piece| {
                    piece
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_owned()
                })
                .collect::<Vec<_>>()
        })
        .filter(|piece| piece.chars().filter(char::is_ascii_alphabetic).count() >= 4)
        .filter(|piece| !theirs.contains(piece.as_str()))
        .collect();
    pieces.sort();
    pieces.dedup();
    pieces
}

/// What a person or a screen reader gets from `root` in the widget's own
/// words: its text, and every `aria-label` and `title`. The task's message is
/// the server's (`Task cancelled` from an English server stays English).
fn everything_said(root: &Element) -> String {
    let root: Element = root
        .clone_node_with_deep(true)
        .expect("a copy")
        .unchecked_into();
    let servers = root
        .query_selector_all(".qtc-message, .qtc-list-message")
        .expect("a selector");
    for message in (0..servers.length()).filter_map(|i| servers.item(i)) {
        message.set_text_content(None);
    }
    let mut said = text(&root);
    let all = root.query_selector_all("*").expect("a selector");
    for element in (0..all.length()).filter_map(|i| all.item(i)) {
        let element: Element = element.unchecked_into();
        for name in ["aria-label", "title"] {
            if let Some(value) = element.get_attribute(name) {
                said.push('\n');
                said.push_str(&value);
            }
        }
    }
    said
}

/// Fails, naming it, if `root` says any piece of English.
fn assert_no_english(root: &Element, pieces: &[String], when: &str) {
    let said = everything_said(root);
    let english: Vec<&String> = pieces
        .iter()
        .filter(|piece| said.contains(piece.as_str()))
        .collect();
    assert!(
        english.is_empty(),
        "{when}: English {english:?} in {said:?}"
    );
}

/// An element with `lang`, for a widget to follow.
fn region(lang: &str) -> Element {
    let region = fresh_root();
    region.set_attribute("lang", lang).expect("lang");
    region
}

/// The widget for `task_id`, rendered inside `parent` (whose language it
/// follows, unless `lang` names one).
fn widget_in(parent: &Element, task_id: &str, lang: &str) -> yew::AppHandle<client::TaskCancel> {
    let root = gloo_utils::document().create_element("div").expect("a div");
    parent.append_child(&root).expect("appended");
    let mut props = widget_props(task_id, 20, 30, true);
    props.lang = lang.to_owned().into();
    yew::Renderer::<client::TaskCancel>::with_root_and_props(root, props).render()
}

/// A running task whose own message is German (the server's, not ours).
async fn running_task(prefix: &str) -> String {
    cancellable_task(prefix, "Postfach wird archiviert").await
}

#[wasm_bindgen_test]
async fn a_german_page_gets_no_english_in_any_state_of_the_widget() {
    clear_faults().await;
    register_shipped();
    let pieces = english_pieces(shipped("de"));
    assert!(
        pieces.iter().any(|piece| piece == "Cancel task"),
        "{pieces:?}"
    );
    let page = region("de");

    let id = running_task("de-run").await;
    let widget = widget_in(&page, &id, "");
    wait_for_text(&page, "Status: Läuft").await;
    assert_no_english(&page, &pieces, "running");
    click(&page, "Aufgabe abbrechen").await;
    wait_for_text(&page, "Diese Aufgabe abbrechen?").await;
    assert_no_english(&page, &pieces, "confirming");
    click(&page, "Ja, Aufgabe abbrechen").await;
    wait_for_notice(&page, "Der Server hat die Anfrage angenommen").await;
    assert_no_english(&page, &pieces, "cancelling");
    advance_clock(1_500).await;
    wait_for_notice(&page, "Aufgabe abgebrochen").await;
    assert_no_english(&page, &pieces, "cancelled");
    widget.destroy();

    let failed = create_task(json!({
        "id": unique_id("de-fehler"), "pending_ms": 0, "duration_ms": 0,
        "outcome": "FAILED", "error": "Speicher voll", "message": "Abgebrochen"
    }))
    .await;
    let widget = widget_in(&page, &failed, "");
    wait_for_text(&page, "Fehler: Speicher voll").await;
    assert_no_english(&page, &pieces, "failed");
    widget.destroy();

    let done = create_task(json!({
        "id": unique_id("de-done"), "pending_ms": 0, "duration_ms": 0,
        "result": { "nachrichten": 12, "ordner": ["a", "b"] }, "message": "Fertig"
    }))
    .await;
    let widget = widget_in(&page, &done, "");
    wait_for_text(&page, "Ergebnis: nachrichten: 12, ordner: [2 Einträge]").await;
    assert_no_english(&page, &pieces, "completed");
    widget.destroy();

    let widget = widget_in(&page, &unique_id("de-missing"), "");
    wait_for_notice(&page, "Aufgabe nicht gefunden").await;
    assert_no_english(&page, &pieces, "not found");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_german_list_and_its_summary_have_no_english() {
    clear_faults().await;
    register_shipped();
    let pieces = english_pieces(shipped("de"));
    let page = region("de");
    let ids = vec![running_task("de-list").await, running_task("de-list").await];
    let cancels = ids
        .iter()
        .map(|id| format!("/api/task/cancel/{id}"))
        .collect::<Vec<_>>();
    let root = gloo_utils::document().create_element("div").expect("a div");
    page.append_child(&root).expect("appended");
    let props = TaskListProps {
        task_ids: ids,
        api_base: MOCK.into(),
        poll_interval_ms: 20,
        // Wall time runs on while the mock's clock stands still.
        max_attempts: 1_000,
        request_timeout_ms: client::api::DEFAULT_REQUEST_TIMEOUT_MS,
        max_in_flight: 4,
        on_progress: Callback::noop(),
        on_done: Callback::noop(),
        on_open: None,
        lang: Default::default(),
    };
    let list = yew::Renderer::<TaskList>::with_root_and_props(root, props).render();
    wait_for_text(&page, "Alle abbrechbaren auswählen (2)").await;
    assert_no_english(&page, &pieces, "the list");
    let select_all: web_sys::HtmlElement = page
        .query_selector(".qtc-list-select-all input")
        .ok()
        .flatten()
        .expect("select all")
        .unchecked_into();
    select_all.click();
    click(&page, "2 Aufgaben abbrechen").await;
    wait_for_text(&page, "2 Aufgaben abbrechen?").await;
    assert_no_english(&page, &pieces, "the list's confirmation");
    click(&page, "Ja, 2 Aufgaben abbrechen").await;
    // Both cancels reach the server before its clock moves on.
    for cancel in &cancels {
        for _ in 0..1_000 {
            if requests_to("POST", cancel).await > 0 {
                break;
            }
            gloo_timers::future::TimeoutFuture::new(5).await;
        }
    }
    advance_clock(1_500).await;
    wait_for_text(&page, "2 von 2 erledigt: 2 abgebrochen").await;
    assert_no_english(&page, &pieces, "the list's summary");
    list.destroy();
}

#[wasm_bindgen_test]
async fn a_change_of_lang_while_mounted_re_renders() {
    clear_faults().await;
    register_shipped();
    let id = running_task("follow").await;
    let page = region("en");
    let widget = widget_in(&page, &id, "");
    wait_for_text(&page, "State: RUNNING").await;
    page.set_attribute("lang", "de").expect("lang");
    wait_for_text(&page, "Status: Läuft").await;
    assert!(button(&page, "Aufgabe abbrechen").is_some());

    // With no `lang` of its own around it, the widget follows `<html lang>`.
    page.remove_attribute("lang").expect("removed");
    let html = gloo_utils::document().document_element().expect("<html>");
    let before = html.get_attribute("lang");
    html.set_attribute("lang", "fr").expect("lang");
    wait_for_text(&page, "État\u{a0}: En cours").await;
    match before {
        Some(lang) => html.set_attribute("lang", &lang).expect("lang"),
        None => html.remove_attribute("lang").expect("removed"),
    }
    wait_for_text(&page, "State: RUNNING").await;
    widget.destroy();
}

#[wasm_bindgen_test]
fn plurals_follow_each_languages_rules() {
    register_shipped();
    let arabic = |n: u32| String::from(js_sys::Number::from(n).to_locale_string("ar"));
    let cases: [(&str, [String; 5]); 4] = [
        (
            "en",
            [
                "Cancel 0 tasks",
                "Cancel 1 task",
                "Cancel 2 tasks",
                "Cancel 5 tasks",
                "Cancel 21 tasks",
            ]
            .map(String::from),
        ),
        (
            "de",
            [
                "0 Aufgaben abbrechen",
                "1 Aufgabe abbrechen",
                "2 Aufgaben abbrechen",
                "5 Aufgaben abbrechen",
                "21 Aufgaben abbrechen",
            ]
            .map(String::from),
        ),
        // French counts 0 as one.
        (
            "fr",
            [
                "Annuler 0 tâche",
                "Annuler 1 tâche",
                "Annuler 2 tâches",
                "Annuler 5 tâches",
                "Annuler 21 tâches",
            ]
            .map(String::from),
        ),
        // Arabic has a form for zero, one, two, a few (3 to 10) and many (11 to 99).
        (
            "ar",
            [
                format!("إلغاء {} مهمة", arabic(0)),
                "إلغاء مهمة واحدة".to_owned(),
                "إلغاء مهمتين".to_owned(),
                format!("إلغاء {} مهام", arabic(5)),
                format!("إلغاء {} مهمة", arabic(21)),
            ],
        ),
    ];
    for (tag, expected) in cases {
        let language = client::i18n::language(tag);
        let said: Vec<String> = [0, 1, 2, 5, 21]
            .into_iter()
            .map(|n| language.count(key::CANCEL_TASKS, n, &[]))
            .collect();
        assert_eq!(said, expected, "{tag}");
    }
}

#[wasm_bindgen_test]
async fn an_arabic_page_mirrors_and_ids_still_read_left_to_right() {
    clear_faults().await;
    register_shipped();
    let id = running_task("ar").await;
    // `lang="ar"` alone, on the embedded widget's host: no `dir` anywhere.
    let host = region("ar");
    let options = js_sys::JSON::parse(&format!(
        r#"{{ "taskId": "{id}", "apiBase": "{MOCK}", "pollIntervalMs": 20 }}"#
    ))
    .expect("options");
    let mut widget = client::embed::mount(host.clone(), options, 0, None, None).expect("mounted");
    let shadow = host.shadow_root().expect("a shadow root");
    let inside = |selector: &str| -> Element {
        shadow
            .query_selector(selector)
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("{selector}"))
    };
    wait_until("the Arabic Cancel button", || {
        shadow
            .text_content()
            .unwrap_or_default()
            .contains("إلغاء المهمة")
    })
    .await;
    let section = inside(".qtc-widget");
    assert_eq!(section.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(section.get_attribute("dir").as_deref(), Some("rtl"));
    let style = |element: &Element, property: &str| {
        js_sys::Function::new_with_args("e, p", "return getComputedStyle(e).getPropertyValue(p);")
            .call2(&wasm_bindgen::JsValue::NULL, element, &property.into())
            .ok()
            .and_then(|value| value.as_string())
            .unwrap_or_default()
    };
    assert_eq!(style(&section, "direction"), "rtl");
    assert_eq!(style(&inside(".qtc-id"), "direction"), "ltr");
    let (title, badge) = (inside(".qtc-title"), inside(".qtc-badge"));
    assert!(
        title.get_bounding_client_rect().left() > badge.get_bounding_client_rect().left(),
        "the title starts on the right, the badge ends on the left"
    );
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_hosts_override_of_one_key_shows_and_the_rest_falls_back_by_parts() {
    clear_faults().await;
    register_shipped();
    let messages = js_sys::JSON::parse(r#"{ "cancelTask": "Auftrag stoppen" }"#).expect("messages");
    client::i18n::register("de-CH", messages.unchecked_ref(), true);
    let id = running_task("override").await;
    let page = fresh_root();
    let widget = widget_in(&page, &id, "de-CH");
    wait_for_text(&page, "Auftrag stoppen").await;
    // de-CH has one key; the rest is German, not English.
    wait_for_text(&page, "Status: Läuft").await;
    assert_eq!(
        page.query_selector(".qtc-widget")
            .ok()
            .flatten()
            .and_then(|s| s.get_attribute("lang"))
            .as_deref(),
        Some("de-ch")
    );
    widget.destroy();
}

#[wasm_bindgen_test]
async fn times_are_the_readers_with_the_exact_instant_in_the_title() {
    clear_faults().await;
    register_shipped();
    let done =
        create_task(json!({ "id": unique_id("times"), "pending_ms": 0, "duration_ms": 0 })).await;
    let page = region("de");
    let widget = widget_in(&page, &done, "");
    wait_for_text(&page, "Erstellt").await;
    let time = page
        .query_selector(".qtc-times time")
        .ok()
        .flatten()
        .expect("a time");
    let exact = time
        .get_attribute("title")
        .expect("the exact instant as the title");
    assert!(exact.ends_with(" UTC"), "{exact}");
    let datetime = time.get_attribute("datetime").expect("datetime");
    assert!(datetime.ends_with('Z'), "{datetime}");
    let shown = time.text_content().unwrap_or_default();
    assert_ne!(shown, exact, "the reader's own form, not UTC");
    widget.destroy();
}
