//! Writes the widget's stylesheet, minified, for the embed to carry inside its
//! wasm (`src/embed/shadow.rs`): `$OUT_DIR/style.min.css`.

#[path = "src/css_minify.rs"]
mod css_minify;

use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=style.css");
    println!("cargo::rerun-if-changed=src/css_minify.rs");
    let css = fs::read_to_string("style.css").expect("client/style.css is readable");
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out_dir.join("style.min.css"), css_minify::minify_css(&css))
        .expect("OUT_DIR is writable");
}
