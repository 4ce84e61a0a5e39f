//! The task list against the mock (manual clock): a bulk cancel over a mix
//! of running, pending, finished, racing, refused and missing tasks with a
//! fault on one cancel; every outcome told truthfully; and 200 tasks that
//! never have more than `max_in_flight` status reads in flight.

#![cfg(target_arch = "wasm32")]

mod common;

use client::{Outcome, Summary};
use client::{TaskList, TaskListProps};
use common::*;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};
use yew::{AppHandle, Callback};

wasm_bindgen_test_configure!(run_in_browser);

type Done = Rc<RefCell<Vec<Vec<(String, Outcome)>>>>;

/// A list of `task_ids` against the mock, at most `max_in_flight` requests
/// of each kind at once; what its done events said.
fn mount_list(
    task_ids: &[String],
    poll_interval_ms: u32,
    max_attempts: u32,
    max_in_flight: usize,
) -> (Element, AppHandle<TaskList>, Done) {
    let root = fresh_root();
    let done: Done = Rc::default();
    let heard = done.clone();
    let props = TaskListProps {
        task_ids: task_ids.to_vec(),
        api_base: MOCK.into(),
        poll_interval_ms,
        max_attempts,
        request_timeout_ms: client::api::DEFAULT_REQUEST_TIMEOUT_MS,
        max_in_flight,
        on_progress: Callback::from(|_: Summary| {}),
        on_done: Callback::from(move |outcomes| heard.borrow_mut().push(outcomes)),
        on_open: None,
        lang: Default::default(),
    };
    let handle = yew::Renderer::<TaskList>::with_root_and_props(root.clone(), props).render();
    (root, handle, done)
}

/// Cancels a task as another client would, behind the list's back.
async fn cancel_directly(task_id: &str) {
    let url = format!("{MOCK}{}", task_api::cancel_path(task_id));
    let response = gloo_net::http::Request::post(&url)
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 200);
}

/// The row of `task_id`.
fn row(root: &Element, task_id: &str) -> Option<Element> {
    let rows = root.query_selector_all("tbody tr").ok()?;
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .find(|row| {
            row.query_selector(".qtc-list-id")
                .ok()
                .flatten()
                .and_then(|cell| cell.text_content())
                .is_some_and(|id| id == task_id)
        })
}

fn cell(root: &Element, task_id: &str, selector: &str) -> String {
    row(root, task_id)
        .and_then(|row| row.query_selector(selector).ok().flatten())
        .and_then(|cell| cell.text_content())
        .unwrap_or_default()
}

fn checkbox(root: &Element, task_id: &str) -> Option<HtmlInputElement> {
    row(root, task_id)?
        .query_selector("input[type=checkbox]")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

async fn wait_for_cell(root: &Element, task_id: &str, selector: &str, wanted: &str) {
    let what = format!("{task_id}'s {selector} to say {wanted:?}");
    wait_until(&what, || cell(root, task_id, selector).contains(wanted)).await;
}

async fn select_all(root: &Element) {
    let all: HtmlInputElement = root
        .query_selector(".qtc-list-select-all input")
        .ok()
        .flatten()
        .and_then(|input| input.dyn_into().ok())
        .expect("the select-all box");
    all.click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn a_bulk_cancel_tells_each_outcome_truthfully() {
    clear_faults().await;
    // Scripts long enough that other tests' clock advances change nothing.
    const LONG: u64 = 2_000_000_000;
    let immediate = json!({"pending_ms": 0, "duration_ms": LONG, "cancel_mode": "immediate"});
    let with_id = |prefix: &str, script: &serde_json::Value| {
        let mut script = script.clone();
        script["id"] = json!(unique_id(prefix));
        script
    };
    let flaky = create_task(with_id("list-flaky", &immediate)).await;
    let running = create_task(with_id("list-running", &immediate)).await;
    let pending = create_task(with_id("list-pending", &json!({"pending_ms": LONG}))).await;
    let finished = create_task(with_id(
        "list-done",
        &json!({"pending_ms": 0, "duration_ms": 0}),
    ))
    .await;
    let refused = create_task(with_id("list-refused", &immediate)).await;
    let missing = create_task(with_id("list-missing", &immediate)).await;
    let ids = vec![
        flaky.clone(),
        running.clone(),
        pending.clone(),
        finished.clone(),
        refused.clone(),
        missing.clone(),
    ];
    // One read per task at the start, then none for a minute: nothing the
    // list learns after that comes from anything but the bulk cancel. One
    // request at a time, so the cancels reach the mock in row order and the
    // one 503 below meets the first row's.
    let (root, handle, done) = mount_list(&ids, 60_000, 3, 1);
    wait_for_text(&root, "Select all cancellable (5)").await;
    assert!(
        checkbox(&root, &finished).is_some_and(|b| b.disabled()),
        "a finished task cannot be selected"
    );

    select_all(&root).await;
    wait_for_text(&root, "5 selected").await;
    // Behind the list's back: another client cancels one, one disappears.
    cancel_directly(&refused).await;
    delete_task(&missing).await;
    add_fault(json!({"route": "cancel", "kind": "status", "code": 503, "times": 1})).await;

    click(&root, "Cancel 5 tasks").await;
    wait_for_text(&root, "Cancel 5 tasks?").await;
    click(&root, "Yes, cancel 5 tasks").await;
    wait_for_cell(&root, &running, ".qtc-list-outcome", "Cancelled").await;
    wait_for_cell(&root, &pending, ".qtc-list-outcome", "Cancelled").await;
    wait_for_cell(
        &root,
        &refused,
        ".qtc-list-outcome",
        "Refused: already CANCELLED",
    )
    .await;
    wait_for_cell(&root, &missing, ".qtc-list-outcome", "Not found").await;
    wait_for_cell(&root, &flaky, ".qtc-list-outcome", "Failed").await;
    assert_eq!(
        cell(&root, &flaky, ".qtc-badge"),
        "State: RUNNING",
        "a failed cancel is not a cancel"
    );
    assert_eq!(
        cell(&root, &finished, ".qtc-list-outcome"),
        "",
        "never selected, not in the summary"
    );
    wait_for_text(
        &root,
        "5 of 5 done: 2 cancelled, 1 refused, 1 not found, 1 failed",
    )
    .await;

    let first = done.borrow().first().cloned().expect("a done event");
    let outcome_of = |id: &str| first.iter().find(|(task, _)| task == id).map(|(_, o)| *o);
    assert_eq!(outcome_of(&flaky), Some(Outcome::Failed));
    assert_eq!(outcome_of(&missing), Some(Outcome::NotFound));

    // Only the failed group, then Retry failed.
    click(&root, "Failed (1)").await;
    assert!(
        row(&root, &running).is_none() && row(&root, &flaky).is_some(),
        "filtered to the failed task"
    );
    click(&root, "Retry failed (1)").await;
    wait_for_cell(&root, &flaky, ".qtc-list-outcome", "Cancelled").await;
    click(&root, "All (6)").await;
    wait_for_text(&root, "5 of 5 done: 3 cancelled, 1 refused, 1 not found").await;
    assert_eq!(
        requests_to("POST", &task_api::cancel_path(&finished)).await,
        0
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn finished_first_and_still_running_then_keep_waiting() {
    let racing = create_task(json!({
        "id": unique_id("list-race"), "pending_ms": 0, "duration_ms": 1500, "check_interval_ms": 60000
    }))
    .await;
    let stubborn = create_task(json!({
        "id": unique_id("list-stubborn"), "pending_ms": 0, "duration_ms": 600000, "cancel_mode": "ignore"
    }))
    .await;
    let (root, handle, _) = mount_list(&[racing.clone(), stubborn.clone()], 20, 3, 4);
    wait_for_text(&root, "Select all cancellable (2)").await;
    select_all(&root).await;
    click(&root, "Cancel 2 tasks").await;
    click(&root, "Yes, cancel 2 tasks").await;
    // Three reads each and neither has ended: both still running.
    wait_for_text(&root, "2 of 2 done: 2 still running").await;
    wait_for_cell(
        &root,
        &racing,
        ".qtc-list-outcome",
        "Still running after 3 reads",
    )
    .await;
    advance_clock(2_000).await;
    click(&root, "Keep waiting (2)").await;
    wait_for_cell(
        &root,
        &racing,
        ".qtc-list-outcome",
        "Finished first (COMPLETED)",
    )
    .await;
    wait_for_text(&root, "2 of 2 done: 1 finished first, 1 still running").await;
    advance_clock(600_000).await;
    click(&root, "Keep waiting (1)").await;
    wait_for_cell(
        &root,
        &stubborn,
        ".qtc-list-outcome",
        "Finished first (COMPLETED)",
    )
    .await;
    wait_for_text(&root, "2 of 2 done: 2 finished first").await;
    assert!(
        !text(&root).contains("ancelled ("),
        "nothing was cancelled: {}",
        text(&root)
    );
    handle.destroy();
}

/// Wraps `fetch` to count the status reads in flight and keep the most.
fn watch_concurrent_reads() {
    let _ = js_sys::eval(
        r#"(() => {
            if (window.__reads) return;
            window.__reads = { now: 0, most: 0, count: 0 };
            const original = window.fetch;
            window.fetch = (...args) => {
                const url = String(args[0]?.url ?? args[0]);
                if (!url.includes('/api/task/status/list-many-')) return original.apply(window, args);
                const reads = window.__reads;
                reads.now += 1; reads.count += 1;
                reads.most = Math.max(reads.most, reads.now);
                return original.apply(window, args).finally(() => { reads.now -= 1; });
            };
        })()"#,
    );
}

fn reads(field: &str) -> f64 {
    js_sys::eval(&format!("window.__reads.{field}"))
        .ok()
        .and_then(|value| value.as_f64())
        .unwrap_or(-1.0)
}

#[wasm_bindgen_test]
async fn two_hundred_tasks_never_have_more_than_four_reads_in_flight() {
    watch_concurrent_reads();
    record_request_times();
    let run = unique_id("list-many");
    let mut ids = Vec::new();
    for n in 0..200 {
        ids.push(
            create_task(
                json!({"id": format!("{run}-{n}"), "pending_ms": 0, "duration_ms": 600000}),
            )
            .await,
        );
    }
    let interval = 100;
    let (root, handle, _) = mount_list(&ids, interval, 30, 4);
    // Every task read at least twice: 400 reads, four at a time, so up to
    // 30 s on a busy machine rather than the usual five.
    let read_twice = || ids.iter().all(|id| request_times(id).len() >= 2);
    for _ in 0..600 {
        if read_twice() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    assert!(read_twice(), "not every task was read twice within 30 s");
    handle.destroy();
    assert!(
        reads("most") <= 4.0,
        "{} reads in flight at once",
        reads("most")
    );
    assert!(
        reads("most") >= 2.0,
        "the limit was not even reached: {}",
        reads("most")
    );
    for id in &ids {
        let times = request_times(id);
        for pair in times.windows(2) {
            // The next read is planned an interval after the answer.
            assert!(
                pair[1] - pair[0] >= f64::from(interval) - 1.0,
                "{id} read at {pair:?}"
            );
        }
    }
    drop(root);
}

fn focused() -> (String, String) {
    let element = gloo_utils::document().active_element();
    (
        element
            .as_ref()
            .map(|e| e.tag_name().to_ascii_lowercase())
            .unwrap_or_default(),
        element
            .and_then(|e| e.text_content())
            .unwrap_or_default()
            .trim()
            .to_owned(),
    )
}

fn press_escape() {
    let _ = js_sys::eval(
        "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))",
    );
}

#[wasm_bindgen_test]
async fn the_confirmation_takes_focus_escape_dismisses_it_and_focus_never_falls_to_the_page() {
    let a = create_task(json!({"id": unique_id("focus-a"), "pending_ms": 0, "duration_ms": 600000, "cancel_mode": "immediate"})).await;
    let b = create_task(json!({"id": unique_id("focus-b"), "pending_ms": 0, "duration_ms": 600000, "cancel_mode": "immediate"})).await;
    let (root, handle, _) = mount_list(&[a, b], 20, 30, 4);
    wait_for_text(&root, "Select all cancellable (2)").await;
    select_all(&root).await;
    click(&root, "Cancel 2 tasks").await;
    wait_until("the safe choice has focus", || {
        focused() == ("button".into(), "Keep them running".into())
    })
    .await;
    press_escape();
    wait_until("Escape closes it and focus returns to its opener", || {
        !text(&root).contains("Cancel 2 tasks?")
            && focused() == ("button".into(), "Cancel 2 tasks".into())
    })
    .await;
    click(&root, "Cancel 2 tasks").await;
    click(&root, "Yes, cancel 2 tasks").await;
    wait_until("focus is back on the opener, not the page", || {
        !text(&root).contains("Cancel 2 tasks?") && focused().0 == "button"
    })
    .await;
    wait_for_text(&root, "2 of 2 done: 2 cancelled").await;
    assert_eq!(focused().0, "button", "focus fell to {:?}", focused());
    handle.destroy();
}

/// Records every text `selector` (in `root`) comes to hold, by a
/// MutationObserver, into `window[key]`.
fn record_texts(root: &Element, selector: &str, key: &str) {
    let watch = js_sys::Function::new_with_args(
        "element, key",
        "window[key] = [];
         new MutationObserver(() => {
           const text = element.textContent;
           if (window[key].at(-1) !== text) window[key].push(text);
         }).observe(element, { childList: true, subtree: true, characterData: true });",
    );
    let element = root
        .query_selector(selector)
        .ok()
        .flatten()
        .expect(selector);
    let _ = watch.call2(&wasm_bindgen::JsValue::NULL, &element, &key.into());
}

fn recorded(key: &str) -> Vec<String> {
    let list = js_sys::Reflect::get(&js_sys::global(), &key.into()).unwrap_or_default();
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|text| text.as_string())
        .collect()
}

#[wasm_bindgen_test]
async fn a_bulk_cancel_is_announced_at_its_start_and_end_not_at_every_answer() {
    // Six cancels that take effect one mock second apart.
    let mut ids = Vec::new();
    for n in 0..6 {
        ids.push(
            create_task(
                json!({"id": unique_id(&format!("paced-{n}")), "pending_ms": 0,
                "duration_ms": 600000, "check_interval_ms": (n + 1) * 1000, "cleanup_ms": 0}),
            )
            .await,
        );
    }
    let (root, handle, _) = mount_list(&ids, 20, 1_000, 4);
    wait_for_text(&root, "Select all cancellable (6)").await;
    select_all(&root).await;
    click(&root, "Cancel 6 tasks").await;
    click(&root, "Yes, cancel 6 tasks").await;
    wait_for_text(&root, "0 of 6 done").await;
    // The live region that speaks for the summary (not the selection count).
    record_texts(&root, "[aria-live]:not(.qtc-list-count)", "__announced");
    for done in 1..=6 {
        advance_clock(1_000).await;
        wait_for_text(&root, &format!("{done} of 6 done")).await;
    }
    wait_until("the end is announced", || {
        recorded("__announced").last().map(String::as_str)
            == Some("Bulk cancel: 6 out of 6 done: 6 cancelled")
    })
    .await;
    let announced = recorded("__announced");
    assert!(
        announced.len() <= 3,
        "announced at every answer: {announced:?}"
    );
    handle.destroy();
}

/// A list embedded in a column `width` pixels wide, of `task_ids`.
#[cfg(feature = "embed")]
fn list_in_a_column(width: u32, task_ids: &[String]) -> (Element, client::embed::ListHandle) {
    let host = fresh_root();
    let _ = host.set_attribute("style", &format!("width: {width}px"));
    let ids: Vec<String> = task_ids.iter().map(|id| format!("'{id}'")).collect();
    let options = js_sys::eval(&format!(
        "({{ taskIds: [{}], apiBase: '{MOCK}', pollIntervalMs: 600000 }})",
        ids.join(", ")
    ))
    .expect("an options object");
    let handle = client::embed::mount_list(host.clone(), options).expect("mounted");
    (host, handle)
}

#[cfg(feature = "embed")]
#[wasm_bindgen_test]
async fn at_phone_widths_the_list_needs_no_sideways_scrolling() {
    let ids = vec![
        running_for_a_minute("narrow-a7f8c9d1-e234-56b7-8901-23c45de67f89").await,
        running_for_a_minute("narrow-b").await,
    ];
    for width in [360, 400] {
        let (host, mut handle) = list_in_a_column(width, &ids);
        let shadow = host.shadow_root().expect("a shadow root");
        wait_until("the rows show their state", || {
            shadow
                .text_content()
                .is_some_and(|text| text.matches("RUNNING").count() == 2)
        })
        .await;
        let list = shadow
            .query_selector(".qtc-list")
            .ok()
            .flatten()
            .expect("the list");
        assert!(
            list.scroll_width() <= host.client_width(),
            "{width} px: the list is {} px wide",
            list.scroll_width()
        );
        // The bulk action is inside the column, not off to its side.
        let button = shadow
            .query_selector(".qtc-list-toolbar .qtc-button--danger")
            .ok()
            .flatten()
            .expect("Cancel selected");
        let (shown, column) = (
            button.get_bounding_client_rect(),
            host.get_bounding_client_rect(),
        );
        assert!(
            shown.right() <= column.right() + 0.5,
            "{width} px: Cancel selected ends at {} of {}",
            shown.right(),
            column.right()
        );
        handle.destroy();
    }
}
