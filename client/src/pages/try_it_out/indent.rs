//! Indenting a JSON text without reading it into values: every token stays
//! exactly as the server wrote it (the order of keys, `1.0`, integers past
//! 2^53, escapes), so the page shows the wire, only laid out.

/// `json` with two spaces of indentation per level, one member or item per
/// line and a space after each `:`. Whitespace outside strings is replaced;
/// nothing else changes. `json` must already be known to be JSON.
pub fn indent_json(json: &str) -> String {
    let chars: Vec<char> = json.chars().collect();
    let mut out = String::with_capacity(json.len() + json.len() / 2);
    let mut depth = 0usize;
    let mut n = 0;
    while n < chars.len() {
        let c = chars[n];
        n += 1;
        match c {
            '"' => n = copy_string(&chars, n, &mut out),
            '{' | '[' => {
                out.push(c);
                let after = skip_whitespace(&chars, n);
                if chars
                    .get(after)
                    .is_some_and(|&next| next == '}' || next == ']')
                {
                    // An empty object or array stays `{}` or `[]`.
                    out.push(chars[after]);
                    n = after + 1;
                } else {
                    depth += 1;
                    new_line(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                new_line(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Copies a string's text after its opening quote, up to and including the
/// closing quote; returns where the text goes on.
fn copy_string(chars: &[char], mut n: usize, out: &mut String) -> usize {
    out.push('"');
    let mut escaped = false;
    while let Some(&c) = chars.get(n) {
        out.push(c);
        n += 1;
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => break,
            _ => {}
        }
    }
    n
}

fn skip_whitespace(chars: &[char], mut n: usize) -> usize {
    while chars.get(n).is_some_and(|c| c.is_whitespace()) {
        n += 1;
    }
    n
}

fn new_line(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_only_changes() {
        assert_eq!(
            indent_json(r#"{"task_id":"t","error":"x","a":[1]}"#),
            "{\n  \"task_id\": \"t\",\n  \"error\": \"x\",\n  \"a\": [\n    1\n  ]\n}"
        );
    }

    #[test]
    fn keys_numbers_and_escapes_stay_as_sent() {
        let sent =
            r#"{"b":1,"2":2.0,"1":12345678901234567890,"e":1E+2,"s":"a\"b\\","u":"\u00e9 {,:}"}"#;
        let shown = indent_json(sent);
        assert_eq!(
            shown,
            "{\n  \"b\": 1,\n  \"2\": 2.0,\n  \"1\": 12345678901234567890,\n  \"e\": 1E+2,\n  \"s\": \"a\\\"b\\\\\",\n  \"u\": \"\\u00e9 {,:}\"\n}"
        );
        let tokens =
            |text: &str| -> String { text.chars().filter(|c| !c.is_whitespace()).collect() };
        assert_eq!(tokens(&shown.replace(": ", ":")), tokens(sent));
    }

    #[test]
    fn empty_containers_and_existing_whitespace() {
        assert_eq!(indent_json("{ }"), "{}");
        assert_eq!(indent_json("[\n]"), "[]");
        assert_eq!(
            indent_json("{\n \"a\" : [ ] ,\"b\":{}}"),
            "{\n  \"a\": [],\n  \"b\": {}\n}"
        );
        assert_eq!(indent_json("  \"text\"  "), "\"text\"");
        assert_eq!(indent_json("null"), "null");
    }
}
