//! The success body of `POST /api/task/cancel/{id}`.

/// The message the documentation gives for an accepted cancel.
pub const CANCEL_ACCEPTED_MESSAGE: &str = "Task cancellation requested successfully";

/// The 200 body of `POST /api/task/cancel/{id}`: the cancel was *requested*.
///
/// `status` reads `"cancelled"` as documented, yet the task itself is not
/// cancelled until `GET /api/task/status/{id}` says `CANCELLED`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CancelAccepted {
    pub task_id: String,
    pub status: String,
    pub message: String,
}

impl CancelAccepted {
    /// The documented body for `task_id`.
    pub fn new(task_id: impl Into<String>) -> Self {
        CancelAccepted {
            task_id: task_id.into(),
            status: "cancelled".to_owned(),
            message: CANCEL_ACCEPTED_MESSAGE.to_owned(),
        }
    }
}
