//! The widget page's first status read, which the page's loader
//! (`client/app-loader.js`) starts while the program is still downloading.
//!
//! The widget adopts that read instead of sending its own. When the answer is
//! already in as the widget is created, its first render shows the status
//! rather than LOADING: the page is laid out once, with the status, instead
//! of once with LOADING and again when the answer comes (BENCHMARKS.md).
//!
//! The loader leaves `globalThis.qmailFirstRead`: `{ url, answer, answered,
//! abort }`, where `answer` is a promise of `[status code, body text]`,
//! `answered` that pair once it has come, and `abort()` ends the request. A
//! read is adopted once, and only by a widget that would read that very URL.

use crate::api::client::{ApiClient, unreachable};
use crate::api::error::ApiError;
use crate::widget::first_answer::FirstAnswer;
use crate::widget::state::WidgetState;
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// Where the loader leaves its read.
const GLOBAL: &str = "qmailFirstRead";

/// A status read the loader started, taken from the page.
pub struct FirstRead {
    read: JsValue,
}

impl FirstRead {
    /// The loader's read of `url`, if it started one that nobody took yet.
    pub fn take(url: &str) -> Option<FirstRead> {
        let read = FirstRead::find(url)?;
        FirstRead::forget();
        Some(read)
    }

    /// The loader's answer for `url`, if it started that read and the answer
    /// has come; a read still under way stays for [`FirstRead::take`].
    pub fn take_answered(url: &str) -> Option<(u16, String)> {
        let answered = FirstRead::find(url)?.answered()?;
        FirstRead::forget();
        Some(answered)
    }

    /// The answer: the status code and the whole body. Aborting `abort` ends
    /// the request.
    pub async fn answer(self, abort: Option<&AbortController>) -> Result<(u16, String), ApiError> {
        if let (Some(abort), Ok(end)) = (abort, self.field("abort").dyn_into::<Function>()) {
            // The listener is the loader's own function: no closure to keep.
            let _ = abort
                .signal()
                .add_event_listener_with_callback("abort", &end);
        }
        let answer = self
            .field("answer")
            .dyn_into::<Promise>()
            .map_err(|_| unreachable("the page's first read has no answer"))?;
        let pair = JsFuture::from(answer).await.map_err(|error| {
            unreachable(
                error
                    .as_string()
                    .or_else(|| js_sys::Error::from(error).message().as_string())
                    .unwrap_or_default(),
            )
        })?;
        pair_of(&pair).ok_or_else(|| unreachable("the page's first read gave no answer"))
    }

    fn find(url: &str) -> Option<FirstRead> {
        let read = Reflect::get(&js_sys::global(), &GLOBAL.into()).ok()?;
        // Every later status read asks too: no object, no question (reading a
        // field of `undefined` would throw, and the throw would be caught).
        if !read.is_object() {
            return None;
        }
        let found = FirstRead { read };
        (found.field("url").as_string()? == url).then_some(found)
    }

    fn forget() {
        let _ = Reflect::delete_property(&js_sys::global(), &GLOBAL.into());
    }

    fn answered(&self) -> Option<(u16, String)> {
        pair_of(&self.field("answered"))
    }

    fn field(&self, name: &str) -> JsValue {
        Reflect::get(&self.read, &name.into()).unwrap_or(JsValue::UNDEFINED)
    }
}

/// `[status code, body text]`.
fn pair_of(value: &JsValue) -> Option<(u16, String)> {
    let pair = value.dyn_ref::<Array>()?;
    let status = pair.get(0).as_f64()?;
    let body = pair.get(1).as_string()?;
    (100.0..600.0)
        .contains(&status)
        .then_some((status as u16, body))
}

/// `state` with the loader's answer already applied, when the loader read
/// this widget's task from `api_base` and the answer has come: the widget's
/// first render then shows the status.
pub fn with_answer_in(state: WidgetState, api_base: &str) -> WidgetState {
    let url = ApiClient::new(api_base).status_url(&state.task_id);
    match FirstRead::take_answered(&url) {
        Some((status, body)) => FirstAnswer {
            url: url.clone(),
            status,
            body,
        }
        .apply(state, &url),
        None => state,
    }
}
