//! The widget for pages that are not built with Yew (the QMail web UI): a
//! `mount` function exported to JavaScript, and DOM events for the host.
//!
//! `mountList` does the same for a list of tasks with bulk cancel.
//! Built with the `embed` feature by `scripts/build-widget`; the custom
//! elements `<qmail-task-cancel>` and `<qmail-task-list>` are thin
//! JavaScript shims over `mount` and `mountList`
//! (`client/embed/qmail-task-widget.js`), since wasm-bindgen cannot extend
//! `HTMLElement` itself.

mod events;
mod js_options;
mod list;
mod mount;
mod mounted;
mod options;
mod shadow;

pub use events::dispatch_state_events;
pub use list::{ListHandle, mount_list};
pub use mount::{WidgetHandle, mount};
pub use options::MountOptions;
