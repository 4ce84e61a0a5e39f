//! A Yew widget that shows a QMail task's live status and cancels it, as the
//! task API document describes: `POST /api/task/cancel/{id}`, then read
//! `GET /api/task/status/{id}` until it says `CANCELLED`, the task finished
//! some other way, or the attempts run out.
//!
//! The tour, in the direction the dependencies point: [`api`] talks HTTP and
//! reads answers into typed outcomes; [`i18n`] holds what a person reads, in
//! the page's language; `widget` is [`TaskCancel`] (a pure
//! reducer, the hooks that carry out its requests, the components that render
//! it); `list` is [`TaskList`], many widgets' reducers under one bulk cancel;
//! `pages` are the three programs trunk builds; [`embed`] (feature `embed`)
//! mounts the widget and the list into pages not built with Yew.

#[cfg(target_arch = "wasm32")]
mod allocator;
pub mod api;
#[cfg(test)]
mod css_minify;
#[cfg(feature = "embed-widget")]
pub mod embed;
pub mod i18n;
mod list;
mod pages;
mod widget;

pub use list::{Outcome, Summary, TaskList, TaskListProps};
pub use pages::{
    App, TaskListApp, TaskPicker, TaskPickerProps, TryItOutApp, TryItOutPage, TryItOutPageProps,
    pretty_body,
};
pub use widget::{FirstAnswer, TaskCancel, TaskCancelProps};
