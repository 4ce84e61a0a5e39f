//! The Yew components: the task widget and the app around it.

mod app;
mod cancel_panel;
mod state_badge;
mod task_cancel;
mod task_details;
mod task_picker;

pub use app::App;
pub use cancel_panel::CancelPanel;
pub use state_badge::StateBadge;
pub use task_cancel::{TaskCancel, TaskCancelProps};
pub use task_details::TaskDetails;
pub use task_picker::TaskPicker;
