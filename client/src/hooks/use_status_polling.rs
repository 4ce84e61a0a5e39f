//! Makes the status read the widget state plans, after its delay.

use crate::api_client::ApiClient;
use crate::error::ApiError;
use crate::widget_state::{Action, PollPlan, WidgetState};
use gloo_timers::callback::Timeout;
use std::cell::Cell;
use std::rc::Rc;
use task_api::TaskStatus;
use web_sys::AbortController;
use yew::prelude::*;

/// Reads the status when `plan` says so. A new plan, or unmounting, drops
/// the pending timer and aborts a read in flight, so at most one read is
/// ever under way and none outlives the widget.
#[hook]
pub fn use_status_polling(
    client: Rc<ApiClient>,
    task_id: String,
    plan: Option<PollPlan>,
    dispatcher: UseReducerDispatcher<WidgetState>,
) {
    use_effect_with((task_id, plan), move |(task_id, plan)| {
        let wanted = Rc::new(Cell::new(true));
        let pending = plan.map(|plan| {
            let abort = web_sys::AbortController::new().ok();
            let task_id = task_id.clone();
            let wanted = wanted.clone();
            let request_abort = abort.clone();
            let read = move || {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = first_or_own_read(&client, &task_id, request_abort).await;
                    if wanted.get() {
                        dispatcher.dispatch(Action::Polled {
                            seq: plan.seq,
                            result,
                        });
                    }
                });
            };
            // A read due now starts now, not behind a zero timer, which would
            // also wait for any layout and paint the browser has pending.
            let timer = if plan.delay_ms == 0 {
                read();
                None
            } else {
                Some(Timeout::new(plan.delay_ms, read))
            };
            (timer, abort)
        });
        move || {
            wanted.set(false);
            if let Some((timer, abort)) = pending {
                if let Some(timer) = timer {
                    timer.cancel();
                }
                if let Some(controller) = abort {
                    controller.abort();
                }
            }
        }
    });
}

/// A status read: the one the page's loader started, when it started this
/// one and no widget took it yet (`first-read`), else a request of our own.
async fn first_or_own_read(
    client: &ApiClient,
    task_id: &str,
    abort: Option<AbortController>,
) -> Result<TaskStatus, ApiError> {
    #[cfg(feature = "first-read")]
    if let Some(read) = crate::first_read::FirstRead::take(&client.status_url(task_id)) {
        return client.adopt_status(read, abort).await;
    }
    client.status(task_id, abort).await
}
