//! Makes the status read the widget state plans, after its delay; while the
//! page is hidden (a background tab) a read that falls due waits until the
//! page shows again, then goes at once.

use crate::api::client::ApiClient;
use crate::api::error::ApiError;
use crate::widget::state::{Action, PollPlan, WidgetState};
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use task_api::TaskStatus;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::AbortController;
use yew::prelude::*;

/// Reads the status when `plan` says so, or when the page shows again if
/// it is hidden then. A new plan, or unmounting, drops the pending timer
/// and aborts a read in flight, so at most one read is ever under way and
/// none outlives the widget.
#[hook]
pub fn use_status_polling(
    client: Rc<ApiClient>,
    task_id: String,
    plan: Option<PollPlan>,
    dispatcher: UseReducerDispatcher<WidgetState>,
) {
    use_effect_with((task_id, plan), move |(task_id, plan)| {
        let wanted = Rc::new(Cell::new(true));
        let waiting: Rc<RefCell<Option<WhenShown>>> = Rc::default();
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
            let due = {
                let waiting = waiting.clone();
                move || {
                    if gloo_utils::document().hidden() {
                        *waiting.borrow_mut() = WhenShown::new(read);
                    } else {
                        read();
                    }
                }
            };
            // A read due now starts now, not behind a zero timer, which would
            // also wait for any layout and paint the browser has pending.
            let timer = if plan.delay_ms == 0 {
                due();
                None
            } else {
                Some(Timeout::new(plan.delay_ms, due))
            };
            (timer, abort)
        });
        move || {
            wanted.set(false);
            waiting.borrow_mut().take();
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

/// Runs a read once the page is no longer hidden; dropping it stops waiting.
struct WhenShown {
    listener: js_sys::Function,
    _closure: Closure<dyn FnMut()>,
}

impl WhenShown {
    fn new(read: impl FnOnce() + 'static) -> Option<WhenShown> {
        let document = gloo_utils::document();
        let mut read = Some(read);
        let closure = Closure::<dyn FnMut()>::new({
            let document = document.clone();
            move || {
                if !document.hidden()
                    && let Some(read) = read.take()
                {
                    read();
                }
            }
        });
        let listener: js_sys::Function =
            closure.as_ref().unchecked_ref::<js_sys::Function>().clone();
        document
            .add_event_listener_with_callback("visibilitychange", &listener)
            .ok()?;
        Some(WhenShown {
            listener,
            _closure: closure,
        })
    }
}

impl Drop for WhenShown {
    fn drop(&mut self) {
        let _ = gloo_utils::document()
            .remove_event_listener_with_callback("visibilitychange", &self.listener);
    }
}

/// A status read: the one the page's loader started, when it started this
/// one and no widget took it yet (`first-read`), else a request of our own.
async fn first_or_own_read(
    client: &ApiClient,
    task_id: &str,
    abort: Option<AbortController>,
) -> Result<TaskStatus, ApiError> {
    #[cfg(feature = "first-read")]
    if let Some(read) = crate::widget::first_read::FirstRead::take(&client.status_url(task_id)) {
        let abort = abort.or_else(|| AbortController::new().ok());
        return client
            .status_from(read.answer(abort.as_ref()), abort.clone())
            .await;
    }
    client.status(task_id, abort).await
}
