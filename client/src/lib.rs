//! A Yew widget that shows a QMail task's live status and cancels it, as the
//! task API document describes: `POST /api/task/cancel/{id}`, then read
//! `GET /api/task/status/{id}` until it says `CANCELLED`, the task finished
//! some other way, or the attempts run out.
//!
//! The tour: [`api_client`] talks HTTP, [`response`] reads answers into typed
//! outcomes, [`widget_state`] is the widget's pure reducer, [`polling`] its
//! timing rules, and [`components`] renders it all.

pub mod address;
#[cfg(target_arch = "wasm32")]
mod allocator;
pub mod api_client;
pub mod components;
#[cfg(test)]
mod css_minify;
#[cfg(any(feature = "embed-widget", feature = "embed-list"))]
pub mod embed;
pub mod error;
pub mod first_answer;
#[cfg(feature = "first-read")]
pub mod first_read;
pub mod format;
pub mod hooks;
pub mod json;
pub mod messages;
pub mod mock_control;
pub mod polling;
pub mod response;
pub mod task_list_state;
pub mod try_it_out;
pub mod widget_state;

pub use components::{
    App, TaskCancel, TaskCancelProps, TaskListApp, TryItOutApp, TryItOutPage, TryItOutPageProps,
};
