//! The task widget rendered into a page, driven against the mock server on
//! its manual clock.

#![cfg(target_arch = "wasm32")]

mod common;

use client::{TaskCancel, TaskCancelProps};
use common::*;
use serde_json::json;
use wasm_bindgen_test::*;
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

fn mount(task_id: &str, confirm: bool) -> (web_sys::Element, AppHandle<TaskCancel>) {
    mount_widget(task_id, 20, 30, confirm)
}

/// A task that runs for a minute of mock time, cancellable in about 1.5 s.
async fn running_task(prefix: &str) -> String {
    cancellable_task(prefix, "Archiving mail").await
}

#[wasm_bindgen_test]
async fn shows_the_live_status() {
    clear_faults().await;
    let id = running_task("live").await;
    let (root, handle) = mount(&id, true);
    wait_for_badge(&root, "RUNNING").await;
    wait_for_text(&root, "Archiving mail").await;
    assert!(text(&root).contains(&id));
    advance_clock(30_000).await;
    wait_for_text(&root, "50%").await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn cancel_reaches_task_cancelled() {
    clear_faults().await;
    let id = running_task("cancel").await;
    let (root, handle) = mount(&id, true);
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    wait_for_text(&root, "Cancel this task?").await;
    // The safe choice has the focus.
    let focused = gloo_utils::document()
        .active_element()
        .and_then(|element| element.text_content());
    assert_eq!(focused.as_deref(), Some("Keep running"));
    click(&root, "Yes, cancel task").await;
    wait_for_notice(&root, "the server accepted the request").await;
    // Not instantaneous: until the task's next check it still runs.
    assert!(!text(&root).contains("Task cancelled"));
    assert!(
        button(&root, "Cancel task").is_none_or(|b| is_disabled(&b)),
        "no second cancel while cancelling"
    );
    advance_clock(1_500).await;
    wait_for_notice(&root, "Task cancelled").await;
    wait_for_badge(&root, "CANCELLED").await;
    assert!(
        button(&root, "Cancel task").is_none(),
        "a dead Cancel button stays after CANCELLED"
    );
    let cancels = requests_to("POST", &format!("/api/task/cancel/{id}")).await;
    assert_eq!(cancels, 1, "exactly one cancel request");
    handle.destroy();
}

fn focused_text() -> Option<String> {
    gloo_utils::document()
        .active_element()
        .and_then(|element| element.text_content())
}

#[wasm_bindgen_test]
async fn escape_dismisses_the_confirmation_and_focus_returns_to_cancel() {
    clear_faults().await;
    let id = running_task("keys").await;
    let (root, handle) = mount(&id, true);
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    wait_until("Keep running has the focus", || {
        focused_text().as_deref() == Some("Keep running")
    })
    .await;
    let _ = js_sys::eval(
        "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))",
    );
    wait_until("the confirmation closes", || {
        !text(&root).contains("Cancel this task?")
    })
    .await;
    wait_until("Cancel task has the focus", || {
        focused_text().as_deref() == Some("Cancel task")
    })
    .await;
    assert_eq!(
        requests_to("POST", &format!("/api/task/cancel/{id}")).await,
        0,
        "Escape sent nothing"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn task_that_finishes_first_is_not_reported_cancelled() {
    clear_faults().await;
    let id = create_task(json!({
        "id": unique_id("race"),
        "pending_ms": 0,
        "duration_ms": 5000,
        "check_interval_ms": 3600000
    }))
    .await;
    let (root, handle) = mount(&id, false);
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "the server accepted the request").await;
    advance_clock(5_000).await;
    wait_for_notice(&root, "before the cancellation took effect").await;
    assert_eq!(badge(&root), "State: COMPLETED");
    assert!(!notices(&root).contains("Task cancelled"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn unknown_task_says_task_not_found() {
    clear_faults().await;
    let (root, handle) = mount(&unique_id("ghost"), false);
    wait_for_notice(&root, "Task not found").await;
    let cancel = button(&root, "Cancel task").expect("a Cancel button");
    assert!(is_disabled(&cancel));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn server_error_then_retry_recovers() {
    clear_faults().await;
    let id = running_task("retry").await;
    let (root, handle) = mount(&id, false);
    wait_for_badge(&root, "RUNNING").await;
    add_fault(json!({ "route": "cancel", "kind": "status", "code": 500, "times": 1 })).await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "The cancel request failed").await;
    wait_for_notice(&root, "HTTP 500").await;
    click(&root, "Retry").await;
    wait_for_notice(&root, "the server accepted the request").await;
    advance_clock(1_500).await;
    wait_for_notice(&root, "Task cancelled").await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn status_errors_are_explained_and_polling_recovers() {
    clear_faults().await;
    let id = running_task("flaky").await;
    add_fault(json!({ "route": "status", "kind": "status", "code": 503, "times": 2 })).await;
    let (root, handle) = mount(&id, false);
    wait_for_notice(&root, "Could not refresh the status").await;
    wait_for_badge(&root, "RUNNING").await;
    wait_until("the error is gone", || {
        !text(&root).contains("Could not refresh the status")
    })
    .await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn refused_cancel_shows_the_server_message_and_real_state() {
    clear_faults().await;
    let id =
        create_task(json!({ "id": unique_id("done"), "pending_ms": 0, "duration_ms": 1000 })).await;
    // A long poll interval, so no read sees the task complete before the click.
    let (root, handle) = mount_widget(&id, 60_000, 30, false);
    wait_for_badge(&root, "RUNNING").await;
    // The task completes between the last status read and the click.
    advance_clock(1_000).await;
    click(&root, "Cancel task").await;
    wait_for_notice(
        &root,
        "Cannot cancel: Task has already finished (state: COMPLETED)",
    )
    .await;
    wait_for_badge(&root, "COMPLETED").await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn unmount_stops_polling() {
    clear_faults().await;
    let id = running_task("unmount").await;
    // Reads are counted as the page sends them (not as the mock journals
    // them), so a read already on its way when the widget goes is not
    // mistaken for one sent after.
    record_request_times();
    let (root, handle) = mount(&id, false);
    wait_for_badge(&root, "RUNNING").await;
    wait_until("a few polls", || request_times(&id).len() >= 3).await;
    handle.destroy();
    let sent_before_unmount = request_times(&id).len();
    // Twenty poll intervals (20 ms each) give any stray timer its chance.
    let started = js_sys::Date::now();
    wait_until("twenty poll intervals pass", || {
        js_sys::Date::now() - started > 400.0
    })
    .await;
    assert_eq!(
        request_times(&id).len(),
        sent_before_unmount,
        "polling went on after unmount"
    );
}

#[wasm_bindgen_test]
async fn html_in_ids_and_messages_is_shown_as_text() {
    clear_faults().await;
    let id = create_task(json!({
        "id": format!("<img src=x onerror=window.__pwned=1>{}", unique_id("x")),
        "pending_ms": 0,
        "message": "<img src=y onerror=window.__pwned=2><b>bold</b>"
    }))
    .await;
    let (root, handle) = mount(&id, false);
    wait_for_text(&root, "<b>bold</b>").await;
    wait_for_text(&root, "<img src=x onerror=window.__pwned=1>").await;
    assert!(root.query_selector("img").ok().flatten().is_none());
    assert!(root.query_selector("b").ok().flatten().is_none());
    // Had either been parsed as HTML, its broken image would have run this by now.
    let mut checks = 0;
    wait_until("an image error would have fired", || {
        checks += 1;
        checks > 20
    })
    .await;
    let pwned = js_sys::Reflect::get(&gloo_utils::window(), &"__pwned".into())
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    assert!(pwned.is_undefined(), "injected markup ran: {pwned:?}");
    handle.destroy();
}

/// The same mock under another address, as a second server would be.
fn other_base() -> String {
    MOCK.replace("127.0.0.1", "localhost")
}

#[wasm_bindgen_test]
async fn a_new_api_base_starts_afresh_and_never_ends_a_cancel_on_its_answer() {
    clear_faults().await;
    let id = running_task("new-base").await;
    let mut props = widget_props(&id, 20, 30, false);
    let (root, mut handle) = mount_with(props.clone());
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    wait_for_text(&root, "Cancelling…").await;
    // The host points the widget at another server.
    props.api_base = other_base().into();
    handle.update(props);
    wait_until("the cancel in play is forgotten", || {
        !notices(&root).contains("Cancelling")
    })
    .await;
    assert!(button(&root, "Cancel task").is_some(), "{}", text(&root));
    advance_clock(2_000).await;
    wait_for_badge(&root, "CANCELLED").await;
    assert!(
        !notices(&root).contains("Task cancelled"),
        "a cancel sent to one server ended on another's answer: {}",
        notices(&root)
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn new_settings_keep_a_cancel_the_server_accepted() {
    clear_faults().await;
    let id = running_task("new-settings").await;
    // Attempts enough that the cancel never runs out of them in wall time:
    // only the mock's clock decides when the task stops.
    let mut props = widget_props(&id, 20, 100_000, true);
    let (root, mut handle) = mount_with(props.clone());
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    click(&root, "Yes, cancel task").await;
    // Accepted, not only sent: a clock moved before the cancel arrives
    // would leave the task's next check in a future that never comes.
    wait_for_notice(&root, "the server accepted the request").await;
    props.confirm = false;
    props.poll_interval_ms = 30;
    handle.update(props);
    advance_clock(2_000).await;
    wait_for_badge(&root, "CANCELLED").await;
    wait_for_notice(&root, "Task cancelled").await;
    handle.destroy();
}

/// Makes the page look hidden (a background tab) or shown, as the browser
/// does when the tab changes.
fn set_page_hidden(hidden: bool) {
    let _ = js_sys::eval(&format!(
        "Object.defineProperty(document, 'hidden', {{ value: {hidden}, configurable: true }});
         document.dispatchEvent(new Event('visibilitychange'));"
    ));
}

#[wasm_bindgen_test]
async fn a_hidden_page_pauses_the_reads_and_reads_at_once_when_shown() {
    clear_faults().await;
    let id = running_task("hidden").await;
    let (root, handle) = mount(&id, false);
    let path = format!("/api/task/status/{id}");
    wait_for_badge(&root, "RUNNING").await;
    set_page_hidden(true);
    // At most the read already under way lands after the page hides.
    let hidden_at = requests_to("GET", &path).await;
    let mut checks = 0;
    wait_until("twenty poll intervals pass", || {
        checks += 1;
        checks > 80
    })
    .await;
    let while_hidden = requests_to("GET", &path).await - hidden_at;
    set_page_hidden(false);
    assert!(
        while_hidden <= 1,
        "{while_hidden} reads while the page was hidden"
    );
    advance_clock(60_000).await;
    wait_for_badge(&root, "COMPLETED").await;
    handle.destroy();
}

fn mount_picker(api_base: &str) -> (web_sys::Element, AppHandle<client::TaskPicker>) {
    let root = fresh_root();
    let props = client::TaskPickerProps {
        api_base: api_base.to_owned().into(),
        selected: None,
        on_select: yew::Callback::noop(),
    };
    let handle =
        yew::Renderer::<client::TaskPicker>::with_root_and_props(root.clone(), props).render();
    (root, handle)
}

#[wasm_bindgen_test]
async fn new_demo_task_is_offered_only_where_the_mock_answers() {
    let (root, handle) = mount_picker(MOCK);
    wait_until("the mock is found", || {
        button(&root, "New demo task").is_some()
    })
    .await;
    handle.destroy();

    // A server without the mock's control API (here the mock under a path
    // where it serves nothing, so its health check is a 404).
    record_request_times();
    let elsewhere = format!("{MOCK}/elsewhere");
    let (root, handle) = mount_picker(&elsewhere);
    let health = format!("{elsewhere}/__mock/health");
    wait_until("the health check is sent", || {
        js_sys::eval("window.__requestTimes ?? {}")
            .ok()
            .and_then(|table| js_sys::Reflect::has(&table, &health.as_str().into()).ok())
            .unwrap_or(false)
    })
    .await;
    let mut checks = 0;
    wait_until("its answer is in", || {
        checks += 1;
        checks > 40
    })
    .await;
    assert!(
        button(&root, "New demo task").is_none(),
        "a mock-only control in front of a server that is not the mock: {}",
        text(&root)
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_heading_fits_the_host_outline_and_labels_the_region() {
    clear_faults().await;
    let id = running_task("heading").await;
    let (root, handle) = mount_with(TaskCancelProps {
        heading_level: 3,
        ..widget_props(&id, 600_000, 30, false)
    });
    wait_for_badge(&root, "RUNNING").await;
    let heading = root
        .query_selector("h3.qtc-title")
        .ok()
        .flatten()
        .expect("an h3");
    assert!(root.query_selector("h2").ok().flatten().is_none());
    let region = root
        .query_selector("section.qtc-widget")
        .ok()
        .flatten()
        .expect("a region");
    assert_eq!(
        region.get_attribute("aria-labelledby"),
        Some(heading.id()),
        "the region is named by its heading"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn focus_stays_in_the_widget_when_a_focused_cancel_button_goes() {
    clear_faults().await;
    let id = running_task("focus-finish").await;
    let (root, handle) = mount(&id, true);
    wait_for_badge(&root, "RUNNING").await;
    let cancel = button(&root, "Cancel task").expect("a Cancel button");
    let _ = cancel.focus();
    // The task completes on its own: nothing is left to cancel.
    advance_clock(60_000).await;
    wait_for_badge(&root, "COMPLETED").await;
    wait_until("the Cancel button goes", || {
        button(&root, "Cancel task").is_none()
    })
    .await;
    let focused = gloo_utils::document().active_element();
    assert!(
        focused.is_some_and(|element| root.contains(Some(&element))),
        "focus fell out of the widget"
    );
    handle.destroy();
}

fn live_region(root: &web_sys::Element) -> String {
    root.query_selector("[aria-live]")
        .ok()
        .flatten()
        .and_then(|region| region.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn task_cancelled_is_said_once_where_focus_takes_it_or_by_the_live_region() {
    clear_faults().await;
    // The Cancel button holds focus as the task ends: focus moves to the
    // notice, which is read out there, so the live region leaves it out.
    let id = running_task("said-once").await;
    let (root, handle) = mount(&id, false);
    wait_for_badge(&root, "RUNNING").await;
    let cancel = button(&root, "Cancel task").expect("a Cancel button");
    let _ = cancel.focus();
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "the server accepted the request").await;
    assert!(live_region(&root).contains("Cancelling"));
    advance_clock(1_500).await;
    wait_for_badge(&root, "CANCELLED").await;
    wait_until("focus is on the notice", || {
        focused_text().as_deref() == Some("Task cancelled")
    })
    .await;
    advance_clock(5_000).await;
    assert!(
        !live_region(&root).contains("Task cancelled"),
        "said twice: {:?}",
        live_region(&root)
    );
    handle.destroy();

    // Focus is elsewhere: the live region is what says it.
    let id = running_task("said-once-live").await;
    let (root, handle) = mount(&id, false);
    wait_for_badge(&root, "RUNNING").await;
    click(&root, "Cancel task").await;
    wait_for_notice(&root, "the server accepted the request").await;
    advance_clock(1_500).await;
    wait_for_badge(&root, "CANCELLED").await;
    wait_until("the live region says it", || {
        live_region(&root).contains("Task cancelled")
    })
    .await;
    assert_ne!(focused_text().as_deref(), Some("Task cancelled"));
    handle.destroy();
}
