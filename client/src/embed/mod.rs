//! The widget for pages that are not built with Yew (the QMail web UI): a
//! `mount` function exported to JavaScript, and DOM events for the host.
//!
//! `mountList` does the same for a list of tasks with bulk cancel.
//! `scripts/build-widget` builds two cores: the widget's (feature
//! `embed-widget`, `mount` alone) and the full one (feature `embed`, both),
//! so a host that shows only widgets does not download the list. The custom
//! elements `<qmail-task-cancel>` and `<qmail-task-list>` are thin
//! JavaScript shims over `mount` and `mountList`
//! (`client/embed/qmail-task-widget.js`), since wasm-bindgen cannot extend
//! `HTMLElement` itself.

mod events;
mod js_options;
// The run-time languages are the browser's (`i18n_runtime`, client/build.rs).
#[cfg(all(feature = "i18n", target_arch = "wasm32"))]
mod languages;
#[cfg(feature = "embed")]
mod list;
#[cfg(feature = "embed")]
mod list_events;
#[cfg(feature = "embed")]
mod list_options;
#[cfg(feature = "embed-widget")]
mod mount;
mod mounted;
mod options;
mod shadow;
#[cfg(feature = "embed-widget")]
mod widget_events;

#[cfg(all(feature = "i18n", target_arch = "wasm32"))]
pub use languages::{register_language, set_language_loader};
#[cfg(feature = "embed")]
pub use list::{ListHandle, mount_list};
#[cfg(feature = "embed-widget")]
pub use mount::{WidgetHandle, mount};
#[cfg(feature = "embed-widget")]
pub use options::MountOptions;
#[cfg(feature = "embed-widget")]
pub use widget_events::dispatch_state_events;
