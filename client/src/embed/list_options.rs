//! The options object a host passes to `mountList`, read and checked. The
//! module checks them the same way, with the same words, while no core with
//! the list has loaded, so `mountList` can refuse bad options at once
//! (`listOptionsFault` in `client/embed/qmail-task-widget.js`;
//! `client/e2e/task-list.test.mjs` holds the two to the same answers).

use super::js_options::JsOptions;
use super::options::check_limits;
use crate::api::client::DEFAULT_REQUEST_TIMEOUT_MS;
use crate::list::state::DEFAULT_MAX_IN_FLIGHT;
use wasm_bindgen::JsValue;

/// The keys `mountList` understands.
pub const LIST_KEYS: [&str; 7] = [
    "taskIds",
    "apiBase",
    "pollIntervalMs",
    "maxAttempts",
    "requestTimeoutMs",
    "maxInFlight",
    "lang",
];

/// `mountList`'s options, defaults filled in.
pub struct ListOptions {
    pub task_ids: Vec<String>,
    pub api_base: String,
    pub poll_interval_ms: u32,
    pub max_attempts: u32,
    pub request_timeout_ms: u32,
    pub max_in_flight: usize,
    /// Empty: the page's language around the element.
    #[cfg(feature = "i18n")]
    pub lang: String,
}

/// Reads `mountList`'s options object; every error names the option at fault.
pub fn read_list_options(options: &JsValue) -> Result<ListOptions, String> {
    let options = JsOptions::new(options, &LIST_KEYS, "{ taskIds: ['…', '…'] }")?;
    let task_ids = options.strings("taskIds")?.ok_or("taskIds is required")?;
    let poll_interval_ms = options.whole("pollIntervalMs")?.unwrap_or(1_000);
    let request_timeout_ms = options
        .whole("requestTimeoutMs")?
        .unwrap_or(DEFAULT_REQUEST_TIMEOUT_MS);
    let max_attempts = options.whole("maxAttempts")?.unwrap_or(30);
    check_limits(
        Some(poll_interval_ms),
        Some(request_timeout_ms),
        Some(max_attempts),
    )?;
    let max_in_flight = options
        .whole("maxInFlight")?
        .map_or(DEFAULT_MAX_IN_FLIGHT, |n| n as usize);
    if max_in_flight == 0 {
        return Err("maxInFlight must be at least 1".to_owned());
    }
    let api_base = options.text("apiBase")?.unwrap_or_default();
    // Checked by every core; a core without languages speaks English
    // whatever it says (the module gives other languages the core with them).
    #[cfg_attr(not(feature = "i18n"), allow(unused_variables))]
    let lang = options.text("lang")?.unwrap_or_default();
    Ok(ListOptions {
        task_ids,
        api_base,
        poll_interval_ms,
        max_attempts,
        request_timeout_ms,
        max_in_flight,
        #[cfg(feature = "i18n")]
        lang,
    })
}

/// The error `mountList` throws for bad options.
pub fn invalid_list_options(error: &str) -> String {
    format!("qmail-task-list: invalid options: {error}")
}
