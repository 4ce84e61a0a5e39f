//! The task list: many tasks at once, live status per row, selection and a
//! bulk cancel. Each row runs the widget's reducer
//! ([`crate::widget::state`]); [`state`] adds the selection, the bulk cancel
//! and the scheduler, [`TaskList`] renders it.

pub(crate) mod state;
mod task_list;
mod use_task_list;

pub use state::{Outcome, Summary};
pub use task_list::{TaskList, TaskListProps};
