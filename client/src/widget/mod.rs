//! The task widget: one task's live status and its Cancel button, following
//! the document's cancel-then-poll protocol.
//!
//! [`state`] is the pure reducer; the hooks carry out the requests it asks
//! for; the components render it. [`messages`] and [`format`] hold the text a
//! person reads. The list reuses the reducer, the badge and the messages.

mod cancel_panel;
pub(crate) mod first_answer;
#[cfg(feature = "first-read")]
pub(crate) mod first_read;
pub(crate) mod format;
pub(crate) mod messages;
pub(crate) mod state;
mod state_badge;
mod task_cancel;
mod task_details;
mod use_cancel_request;
mod use_paced_announcement;
mod use_status_polling;

use cancel_panel::CancelPanel;
pub use first_answer::FirstAnswer;
pub(crate) use state_badge::StateBadge;
pub use task_cancel::{TaskCancel, TaskCancelProps};
use task_details::TaskDetails;
use use_cancel_request::use_cancel_request;
pub(crate) use use_paced_announcement::use_paced_announcement;
use use_status_polling::use_status_polling;
