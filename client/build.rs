//! Writes the widget's stylesheet, minified, for the embed to carry inside its
//! wasm (`src/embed/shadow.rs`): `$OUT_DIR/style.min.css`, and
//! `$OUT_DIR/widget.min.css` without the task list's rules for the widget's
//! own core.

#[path = "src/css_minify.rs"]
mod css_minify;

use std::{env, fs, path::PathBuf};

/// The comment in `style.css` after which the task list's rules begin.
const LIST_RULES: &str = "/* == The task list's rules";

fn main() {
    println!("cargo::rerun-if-changed=style.css");
    println!("cargo::rerun-if-changed=src/css_minify.rs");
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
}
