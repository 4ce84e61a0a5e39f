//! The widget for pages that are not built with Yew (the QMail web UI): a
//! `mount` function exported to JavaScript, and DOM events for the host.
//!
//! `mountList` does the same for a list of tasks with bulk cancel.
//! Each lives in a core of its own (features `embed-widget` and
//! `embed-list`), so a host downloads only what it mounts.
//! Built with the `embed` feature by `scripts/build-widget`; the custom
//! elements `<qmail-task-cancel>` and `<qmail-task-list>` are thin
//! JavaScript shims over `mount` and `mountList`
//! (`client/embed/qmail-task-widget.js`), since wasm-bindgen cannot extend
//! `HTMLElement` itself.

mod events;
mod js_options;
#[cfg(feature = "embed-list")]
mod list;
#[cfg(feature = "embed-widget")]
mod list_check;
#[cfg(feature = "embed-list")]
mod list_events;
mod list_options;
#[cfg(feature = "embed-widget")]
mod mount;
mod mounted;
mod options;
mod shadow;
#[cfg(feature = "embed-widget")]
mod widget_events;

#[cfg(feature = "embed-list")]
pub use list::{ListHandle, mount_list};
#[cfg(feature = "embed-widget")]
pub use list_check::check_list_mount;
#[cfg(feature = "embed-widget")]
pub use mount::{WidgetHandle, mount};
#[cfg(feature = "embed-widget")]
pub use options::MountOptions;
#[cfg(feature = "embed-widget")]
pub use widget_events::dispatch_state_events;
