//! What a live region says, paced: a screen reader hears a text that
//! changes many times a second (a bulk cancel of 200 tasks) as a stream of
//! interruptions. The first text and a final one are said at once; changes
//! in between at most once per [`ANNOUNCE_EVERY_MS`], the latest winning.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// The least time between two announcements of a changing text.
pub const ANNOUNCE_EVERY_MS: u32 = 5_000;

/// `text` as the live region should hold it now; `final_text` says it is the
/// end of what is being announced, to be said without waiting.
#[hook]
pub fn use_paced_announcement(text: String, final_text: bool) -> String {
    let said = use_state(String::new);
    let said_at = use_mut_ref(|| None::<f64>);
    let pending = use_mut_ref(|| None::<Timeout>);
    {
        let said = said.clone();
        use_effect_with((text, final_text), move |(text, final_text)| {
            if text.is_empty() || *text == *said {
                pending.borrow_mut().take();
                return;
            }
            let now = js_sys::Date::now();
            let wait = said_at
                .borrow()
                .map_or(0.0, |at| at + f64::from(ANNOUNCE_EVERY_MS) - now);
            if *final_text || wait <= 0.0 {
                pending.borrow_mut().take();
                *said_at.borrow_mut() = Some(now);
                said.set(text.clone());
            } else {
                let text = text.clone();
                let said_at = said_at.clone();
                *pending.borrow_mut() = Some(Timeout::new(wait as u32, move || {
                    *said_at.borrow_mut() = Some(js_sys::Date::now());
                    said.set(text);
                }));
            }
        });
    }
    (*said).clone()
}
