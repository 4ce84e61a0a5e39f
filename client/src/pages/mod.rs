//! The three pages trunk builds (`src/bin/`): the widget page, the task list
//! and the Try It Out page, with what only pages need: their addresses and
//! the mock's control calls that create demo tasks.

mod address;
mod app;
mod mock_control;
mod task_list_page;
mod task_picker;
mod try_it_out;

pub use app::{App, TaskListApp, TryItOutApp};
use task_list_page::TaskListPage;
pub use task_picker::{TaskPicker, TaskPickerProps};
pub use try_it_out::{TryItOutPage, TryItOutPageProps, pretty_body};
