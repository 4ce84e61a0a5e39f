//! The app's addresses: the three pages (the widget page, the task list at
//! `tasks`, the Try It Out page at `try-it-out`, all beside each other), the
//! query they read (`?task=`, `?api=`), and links between them that keep
//! `?api=`.

/// A value of the page's query, e.g. `query_param("task")`; `None` when
/// absent or blank.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name).filter(|value| !value.trim().is_empty())
}

/// The folder the app's pages are in, e.g. `/` or `/qmail/`, from a page's
/// path (`…/`, `…/tasks` or `…/try-it-out`, with or without a final `/` or
/// `index.html`).
fn folder_of(path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let trimmed = path.trim_end_matches('/');
    let Some((parent, last)) = trimmed.rsplit_once('/') else {
        return "/".to_owned();
    };
    if last == "tasks" || last == "try-it-out" || !path.ends_with('/') {
        format!("{parent}/")
    } else {
        format!("{trimmed}/")
    }
}

fn app_folder() -> String {
    let path = web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .unwrap_or_default();
    folder_of(&path)
}

/// A link to one of the app's pages (`""` for the widget page, `"tasks"`,
/// `"try-it-out"`) with these query values, and this page's `?api=`.
pub fn page_link(page: &str, query: &[(&str, &str)]) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return format!("{}{page}", app_folder());
    };
    for (name, value) in query {
        params.append(name, value);
    }
    if let Some(api) = query_param("api") {
        params.append("api", &api);
    }
    let query = String::from(params.to_string());
    let separator = if query.is_empty() { "" } else { "?" };
    format!("{}{page}{separator}{query}", app_folder())
}

/// Puts the chosen task in the address bar, so the page can be shared or
/// reloaded.
pub fn remember_task(id: &str) {
    edit_query(|params| params.set("task", id));
}

/// Changes the address bar's query in place, without a new history entry.
fn edit_query(edit: impl FnOnce(&web_sys::UrlSearchParams)) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(search) = window.location().search() else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    edit(&params);
    let query = String::from(params.to_string());
    let url = if query.is_empty() {
        window.location().pathname().unwrap_or_default()
    } else {
        format!("?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Goes to another address (a full page load: each page is its own program).
pub fn go_to(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(url);
    }
}

#[cfg(test)]
mod tests {
    use super::folder_of;

    #[test]
    fn every_page_finds_the_same_folder() {
        for (path, folder) in [
            ("/", "/"),
            ("", "/"),
            ("/tasks", "/"),
            ("/tasks/", "/"),
            ("/try-it-out", "/"),
            ("/index.html", "/"),
            ("/qmail/", "/qmail/"),
            ("/qmail/tasks", "/qmail/"),
            ("/qmail/try-it-out/", "/qmail/"),
            ("/tasks/index.html", "/"),
            ("/qmail/index.html", "/qmail/"),
        ] {
            assert_eq!(folder_of(path), folder, "{path}");
        }
    }
}
