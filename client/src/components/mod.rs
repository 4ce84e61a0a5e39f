//! The Yew components: the task widget and the app around it.

mod app;
mod cancel_panel;
mod code_snippets;
mod follow_timeline;
mod state_badge;
mod task_cancel;
mod task_details;
mod task_list;
mod task_list_page;
mod task_picker;
mod try_it_out_page;

pub use app::{App, TaskListApp, TryItOutApp};
pub use cancel_panel::CancelPanel;
pub use code_snippets::CodeSnippets;
pub use follow_timeline::FollowTimeline;
pub use state_badge::StateBadge;
pub use task_cancel::{TaskCancel, TaskCancelProps};
pub use task_details::TaskDetails;
pub use task_list::{TaskList, TaskListProps, outcome_title};
pub use task_list_page::TaskListPage;
pub use task_picker::{TaskPicker, TaskPickerProps};
pub use try_it_out_page::{TryItOutPage, TryItOutPageProps};
