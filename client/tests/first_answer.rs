//! A widget given the answer to a status read sent before it existed (the
//! `first_answer` prop, which the embed's `mount` fills in) starts from it:
//! its first render shows that answer, and it sends no read of its own.

#![cfg(target_arch = "wasm32")]

mod common;

use client::FirstAnswer;
use client::TaskCancelProps;
use common::*;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A poll interval no test waits for: every status read a test counts is
/// the first.
const NO_SECOND_READ_MS: u32 = 600_000;

fn with_answer(task_id: &str, status: u16, body: &str) -> TaskCancelProps {
    with_answer_from(&status_url(task_id), task_id, status, body)
}

fn status_url(task_id: &str) -> String {
    format!("{MOCK}{}", task_api::status_path(task_id))
}

/// The widget of `task_id` given an answer read from `url`.
fn with_answer_from(url: &str, task_id: &str, status: u16, body: &str) -> TaskCancelProps {
    TaskCancelProps {
        first_answer: Some(Rc::new(FirstAnswer {
            url: url.to_owned(),
            status,
            body: body.to_owned(),
        })),
        ..widget_props(task_id, NO_SECOND_READ_MS, 30, true)
    }
}

/// The mock's answer to a read of `task_id`'s status, as a page reading
/// ahead would have it: the status code and the body text.
async fn read_ahead(task_id: &str) -> (u16, String) {
    let response = gloo_net::http::Request::get(&format!("{MOCK}/api/task/status/{task_id}"))
        .send()
        .await
        .expect("the mock answers");
    (response.status(), response.text().await.expect("a body"))
}

#[wasm_bindgen_test]
async fn a_status_answer_is_the_first_render() {
    clear_faults().await;
    let id = running_for_a_minute("answer-running").await;
    let (status, body) = read_ahead(&id).await;
    let (root, handle) = mount_with(with_answer(&id, status, &body));
    // Only the scheduler's own work runs here, no network answer: whatever
    // the badge says now, the first render said.
    yew::scheduler::flush().await;
    let shown = badge(&root);
    assert!(shown.ends_with("RUNNING"), "the first render shows {shown}");
    let reads = requests_to("GET", &format!("/api/task/status/{id}")).await;
    assert_eq!(reads, 1, "the widget sent no read of its own");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn an_error_answer_is_read_as_the_widget_reads_one() {
    clear_faults().await;
    let id = unique_id("answer-missing");
    let (status, body) = read_ahead(&id).await;
    assert_eq!(status, 404);
    let (root, handle) = mount_with(with_answer(&id, status, &body));
    yew::scheduler::flush().await;
    let shown = text(&root);
    assert!(
        shown.contains("Task not found"),
        "the first render explains the 404: {shown}"
    );
    assert_eq!(
        requests_to("GET", &format!("/api/task/status/{id}")).await,
        1
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn without_an_answer_the_widget_reads_for_itself() {
    clear_faults().await;
    let id = running_for_a_minute("answer-none").await;
    let (root, handle) = mount_widget(&id, NO_SECOND_READ_MS, 30, true);
    yew::scheduler::flush().await;
    assert!(badge(&root).ends_with("LOADING"), "{}", badge(&root));
    wait_for_badge(&root, "RUNNING").await;
    assert_eq!(
        requests_to("GET", &format!("/api/task/status/{id}")).await,
        1
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn an_answer_read_for_another_task_is_not_taken_for_this_ones() {
    clear_faults().await;
    let other = running_for_a_minute("answer-other").await;
    let (status, body) = read_ahead(&other).await;
    let id = running_for_a_minute("answer-own").await;
    // Read from another address, or from this one but about another task.
    for props in [
        with_answer_from(&status_url(&other), &id, status, &body),
        with_answer_from(&status_url(&id), &id, status, &body),
    ] {
        let (root, handle) = mount_with(props);
        yew::scheduler::flush().await;
        assert!(badge(&root).ends_with("LOADING"), "{}", badge(&root));
        wait_for_badge(&root, "RUNNING").await;
        assert!(text(&root).contains(&id), "{}", text(&root));
        handle.destroy();
    }
}
