//! Writes the widget's stylesheet, minified, for the embed to carry inside its
//! wasm (`src/embed/shadow.rs`): `$OUT_DIR/style.min.css`, and
//! `$OUT_DIR/widget.min.css` without the task list's rules for the widget's
//! own core. Also `$OUT_DIR/keys.rs`: a constant for each key of the English
//! message catalogue (`lang/en.json`), so a key the catalogue lacks does not
//! compile (`src/i18n/key.rs`). And the `i18n_runtime` cfg, for a browser
//! build with feature `i18n`.

#[path = "src/css_minify.rs"]
mod css_minify;

use std::{env, fs, path::PathBuf};

/// The comment in `style.css` after which the task list's rules begin.
const LIST_RULES: &str = "/* == The task list's rules";

fn main() {
    println!("cargo::rerun-if-changed=style.css");
    println!("cargo::rerun-if-changed=src/css_minify.rs");
    println!("cargo::rerun-if-changed=lang/en.json");
    let css = fs::read_to_string("style.css").expect("client/style.css is readable");
    // The widget's own core needs none of the list's rules, which come last.
    let (widget_css, _) = css
        .split_once(LIST_RULES)
        .expect("client/style.css marks where the list's rules begin");
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (file, css) in [
        ("style.min.css", css.as_str()),
        ("widget.min.css", widget_css),
    ] {
        fs::write(out_dir.join(file), css_minify::minify_css(css)).expect("OUT_DIR is writable");
    }
    fs::write(out_dir.join("keys.rs"), key_constants()).expect("OUT_DIR is writable");
    // `i18n_runtime`: the page's languages at run time (feature `i18n`, in
    // a browser); without it every text is the built-in English.
    println!("cargo::rustc-check-cfg=cfg(i18n_runtime)");
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && env::var_os("CARGO_FEATURE_I18N").is_some() {
        println!("cargo::rustc-cfg=i18n_runtime");
    }
}

/// `pub const CANCEL_TASK: Key = Key::new("cancelTask", "Cancel task", "Cancel task");`,
/// one per key of `lang/en.json`: its name, and English's `one` and `other`
/// forms (a plain text is both); and the `english!` macro, English's texts
/// as literals. A constant a build does not use is not in its wasm.
fn key_constants() -> String {
    let text = fs::read_to_string("lang/en.json").expect("client/lang/en.json is readable");
    let catalogue: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).expect("client/lang/en.json is a JSON object");
    let mut rust = String::new();
    let mut english = String::from(
        "/// English's text of each key, as a literal (a format string, for\n\
         /// `fill!` and `count!`): `english!(KEY)` its form for many (or its only\n\
         /// text), `english!(KEY, one)` its form for one, `english!(KEY, \"id\")`\n\
         /// the text before and after `{id}`.\n\
         #[allow(unused_macros)]\nmacro_rules! english {\n",
    );
    for (key, message) in &catalogue {
        let mut name = String::new();
        for c in key.chars() {
            if c.is_ascii_uppercase() {
                name.push('_');
            }
            name.push(c.to_ascii_uppercase());
        }
        let form = |category: &str| match message {
            serde_json::Value::String(text) => text.clone(),
            forms => forms[category]
                .as_str()
                .unwrap_or_else(|| panic!("en.json: {key}.{category} is a string"))
                .to_owned(),
        };
        rust.push_str(&format!(
            "pub const {name}: Key = Key::new({key:?}, {:?}, {:?});\n",
            form("one"),
            form("other")
        ));
        english.push_str(&format!(
            "    ({name}) => {{ {:?} }};\n    ({name}, one) => {{ {:?} }};\n",
            form("other"),
            form("one")
        ));
        // `english!(KEY, "name")`: the text before and after `{name}`.
        let other = form("other");
        for (start, _) in other.match_indices('{') {
            if let Some(end) = other[start..].find('}') {
                let placeholder = &other[start + 1..start + end];
                english.push_str(&format!(
                    "    ({name}, {placeholder:?}) => {{ ({:?}, {:?}) }};\n",
                    &other[..start],
                    &other[start + end + 1..]
                ));
            }
        }
    }
    english.push_str("}\n");
    rust + &english
}
