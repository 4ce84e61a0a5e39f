//! Filling a message's `{name}` placeholders.

/// `template` with each `{name}` of `args` replaced by its value; other
/// braces are left as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        text.push_str(&rest[..start]);
        rest = &rest[start + 1..];
        let value = rest.find('}').and_then(|end| {
            let name = &rest[..end];
            let value = args.iter().find(|(arg, _)| *arg == name)?.1;
            Some((value, end))
        });
        match value {
            Some((value, end)) => {
                text.push_str(value);
                rest = &rest[end + 1..];
            }
            None => text.push('{'),
        }
    }
    text.push_str(rest);
    text
}

/// `template`'s text before and after its `{name}`, for a placeholder that
/// is markup (an id in `<code>`); all of it is before when it has none.
pub fn around<'a>(template: &'a str, name: &str) -> (&'a str, &'a str) {
    let mut from = 0;
    while let Some(start) = template[from..].find('{') {
        let at = from + start;
        let after = &template[at + 1..];
        if after.starts_with(name) && after[name.len()..].starts_with('}') {
            return (&template[..at], &after[name.len() + 1..]);
        }
        from = at + 1;
    }
    (template, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        assert_eq!(
            fill("Task {id} ({n})", &[("id", "t-1"), ("n", "2")]),
            "Task t-1 (2)"
        );
        assert_eq!(fill("{a} {unknown} {", &[("a", "x")]), "x {unknown} {");
        assert_eq!(fill("{a}{a}", &[("a", "{a}")]), "{a}{a}");
    }

    #[test]
    fn a_placeholder_splits_its_template() {
        assert_eq!(around("Task {id}", "id"), ("Task ", ""));
        assert_eq!(around("タスク {id} を選択", "id"), ("タスク ", " を選択"));
        assert_eq!(around("{ids} {id}!", "id"), ("{ids} ", "!"));
        assert_eq!(around("No id", "id"), ("No id", ""));
    }
}
