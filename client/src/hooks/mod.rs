//! The widget's hooks: each carries out one kind of request the state asks for.

mod use_cancel_request;
mod use_paced_announcement;
mod use_status_polling;
mod use_task_list;

pub use use_cancel_request::use_cancel_request;
pub use use_paced_announcement::{ANNOUNCE_EVERY_MS, use_paced_announcement};
pub use use_status_polling::use_status_polling;
pub use use_task_list::{ListDriver, use_task_list};
