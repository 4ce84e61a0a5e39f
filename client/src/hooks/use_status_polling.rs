//! Makes the status read the widget state plans, after its delay.

use crate::api_client::ApiClient;
use crate::widget_state::{Action, PollPlan, WidgetState};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
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
        let pending = plan.map(|plan| {
            let abort = web_sys::AbortController::new().ok();
            let signal = abort.as_ref().map(|controller| controller.signal());
            let task_id = task_id.clone();
            let timer = Timeout::new(plan.delay_ms, move || {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = client.status(&task_id, signal.as_ref()).await;
                    if signal.as_ref().is_some_and(|signal| signal.aborted()) {
                        return;
                    }
                    dispatcher.dispatch(Action::Polled {
                        seq: plan.seq,
                        result,
                    });
                });
            });
            (timer, abort)
        });
        move || {
            if let Some((timer, abort)) = pending {
                timer.cancel();
                if let Some(controller) = abort {
                    controller.abort();
                }
            }
        }
    });
}
