//! Whether a crate's folders depend one way: each folder's code checked for
//! the names it must not use (ARCHITECTURE.md lists the rules per crate).

use std::path::Path;

/// Each part of a crate's `src/` (a folder or a file) and what its code must
/// not name, e.g. `("engine", &["crate::http"])`.
pub type Rules<'a> = &'a [(&'a str, &'a [&'a str])];

/// Every line under `src` that names what its part must not, as
/// `file:line names what: code`; empty when the layers hold. Comments are
/// skipped, so a doc link to a layer above is not an import.
///
/// # Panics
///
/// When a part in `rules` no longer exists (the rules would pass vacuously)
/// or a source file cannot be read.
pub fn crossings(src: &Path, rules: Rules<'_>) -> Vec<String> {
    let mut crossings = Vec::new();
    for (part, forbidden) in rules {
        for (file, line_number, line) in code_lines(&src.join(part)) {
            for name in forbidden.iter().filter(|name| line.contains(*name)) {
                crossings.push(format!("{file}:{line_number} names {name}: {line}"));
            }
        }
    }
    crossings
}

/// Every line of Rust under `path` that is not a comment.
fn code_lines(path: &Path) -> Vec<(String, usize, String)> {
    let mut lines = Vec::new();
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .expect("a folder of the crate")
            .map(|entry| entry.expect("a readable entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            lines.extend(code_lines(&entry));
        }
    } else if path.extension().is_some_and(|ext| ext == "rs") {
        let text = std::fs::read_to_string(path).expect("a readable source file");
        for (index, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if !code.starts_with("//") {
                lines.push((path.display().to_string(), index + 1, code.to_owned()));
            }
        }
    }
    assert!(path.exists(), "{} is gone; update RULES", path.display());
    lines
}
