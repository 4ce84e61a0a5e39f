//! The widget for pages that are not built with Yew (the QMail web UI): a
//! `mount` function exported to JavaScript, and DOM events for the host.
//!
//! Built with the `embed` feature by `scripts/build-widget`; the custom
//! element `<qmail-task-cancel>` is a thin JavaScript shim over `mount`
//! (`client/embed/qmail-task-widget.js`), since wasm-bindgen cannot extend
//! `HTMLElement` itself.

mod events;
mod mount;
mod options;

pub use events::dispatch_state_events;
pub use mount::{WidgetHandle, mount};
pub use options::MountOptions;
