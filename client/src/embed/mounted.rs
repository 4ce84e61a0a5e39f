//! A Yew component rendered into a shadow root by `mount` or `mountList`:
//! its props to update and everything to take down again.

use super::shadow::ShadowMount;
use wasm_bindgen::JsError;
use yew::{AppHandle, BaseComponent};

pub struct Mounted<C: BaseComponent> {
    app: Option<AppHandle<C>>,
    props: C::Properties,
    shadow: ShadowMount,
    /// The error for a call after `destroy`.
    destroyed: &'static str,
}

impl<C> Mounted<C>
where
    C: BaseComponent,
    C::Properties: Clone,
{
    /// Renders `C` with `props` into the shadow mount's root; `destroyed`
    /// is the error for a call after `destroy`.
    pub fn render(shadow: ShadowMount, props: C::Properties, destroyed: &'static str) -> Self {
        let app =
            yew::Renderer::<C>::with_root_and_props(shadow.root.clone(), props.clone()).render();
        Mounted {
            app: Some(app),
            props,
            shadow,
            destroyed,
        }
    }

    /// Changes the props and re-renders; an error once destroyed.
    pub fn update(&mut self, change: impl FnOnce(&mut C::Properties)) -> Result<(), JsError> {
        let Some(app) = self.app.as_mut() else {
            return Err(JsError::new(self.destroyed));
        };
        change(&mut self.props);
        app.update(self.props.clone());
        Ok(())
    }

    /// Removes the DOM and stops every timer and request. Calling it twice
    /// does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.shadow.remove();
    }
}
