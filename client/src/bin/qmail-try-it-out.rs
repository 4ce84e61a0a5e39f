//! The Try It Out page trunk builds: renders [`client::TryItOutApp`].

fn main() {
    yew::Renderer::<client::TryItOutApp>::new().render();
}
