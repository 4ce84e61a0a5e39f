//! `checkListMount(element, options)`: what `mountList` would refuse,
//! refused by the widget core. The list lives in a core of its own that
//! loads on first use, so `mountList` asks this one first and can throw at
//! once, as a synchronous call should, for bad options or an element that
//! cannot hold a shadow root.

use super::list_options::{invalid_list_options, read_list_options};
use super::shadow::shadow_root_of;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Throws the error `mountList` would throw for `element` and `options`.
/// Opens `element`'s shadow root, which the list then reuses.
#[wasm_bindgen(js_name = checkListMount)]
pub fn check_list_mount(element: &Element, options: &JsValue) -> Result<(), JsError> {
    read_list_options(options).map_err(|error| JsError::new(&invalid_list_options(&error)))?;
    shadow_root_of(element, "qmail-task-list").map_err(|error| JsError::new(&error))?;
    Ok(())
}
