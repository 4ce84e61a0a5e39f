//! The widget page trunk builds: renders [`client::App`] into the page.

fn main() {
    yew::Renderer::<client::App>::new().render();
}
