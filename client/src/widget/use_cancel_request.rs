//! Sends the cancel request the widget state asks for.

use crate::api::client::ApiClient;
use crate::widget::state::{Action, WidgetState};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Sends `POST /api/task/cancel/{id}` once per request number. The request
/// is not aborted on unmount (it has reached the server either way); its
/// answer is just not delivered to a widget that is gone.
#[hook]
pub fn use_cancel_request(
    client: Rc<ApiClient>,
    task_id: String,
    request: Option<u64>,
    dispatcher: UseReducerDispatcher<WidgetState>,
) {
    use_effect_with((task_id, request), move |(task_id, request)| {
        let wanted = Rc::new(Cell::new(true));
        if let Some(seq) = *request {
            let wanted = wanted.clone();
            let task_id = task_id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = client.cancel(&task_id).await;
                if wanted.get() {
                    dispatcher.dispatch(Action::CancelAnswered { seq, result });
                }
            });
        }
        move || wanted.set(false)
    });
}
