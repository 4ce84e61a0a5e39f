//! The task list page trunk builds (at `tasks`): renders [`client::TaskListApp`].

fn main() {
    yew::Renderer::<client::TaskListApp>::new().render();
}
