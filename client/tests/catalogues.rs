//! The shipped translations (`client/lang/*.json`) against English: each
//! has every key English has and no other, each message is a text or plural
//! forms named as `Intl.PluralRules` names them (with `other`), and no text
//! has a placeholder that English's message lacks (it would show as
//! written). Reads the files, so it runs natively only.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{Map, Value};
use std::path::Path;

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn read(path: &Path) -> Map<String, Value> {
    let text = std::fs::read_to_string(path).expect("a catalogue is readable");
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// A message's texts: the one, or each plural form's.
fn texts<'a>(key: &str, message: &'a Value) -> Result<Vec<&'a str>, String> {
    match message {
        Value::String(text) => Ok(vec![text]),
        Value::Object(forms) if forms.contains_key("other") => forms
            .iter()
            .map(|(category, text)| match text {
                Value::String(text) if CATEGORIES.contains(&category.as_str()) => Ok(text.as_str()),
                _ => Err(format!("{key}.{category}: not a plural form with a text")),
            })
            .collect(),
        _ => Err(format!(
            "{key}: neither a text nor plural forms with `other`"
        )),
    }
}

/// The `{name}`s of `text`.
fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

/// What is wrong with `translation` as a translation of `english`.
fn problems(english: &Map<String, Value>, translation: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    for key in english.keys().filter(|key| !translation.contains_key(*key)) {
        problems.push(format!("{key}: missing"));
    }
    for (key, message) in translation {
        let Some(original) = english.get(key) else {
            problems.push(format!("{key}: no such key in English"));
            continue;
        };
        let known: Vec<&str> = texts(key, original)
            .unwrap_or_default()
            .into_iter()
            .flat_map(placeholders)
            .collect();
        match texts(key, message) {
            Ok(texts) => {
                for name in texts.into_iter().flat_map(placeholders) {
                    if !known.contains(&name) {
                        problems.push(format!(
                            "{key}: {{{name}}} is not a placeholder of English's"
                        ));
                    }
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    problems
}

#[test]
fn every_shipped_language_has_every_key_and_only_englishs_placeholders() {
    let lang = Path::new(env!("CARGO_MANIFEST_DIR")).join("lang");
    let english = read(&lang.join("en.json"));
    assert!(
        problems(&english, &english).is_empty(),
        "{:?}",
        problems(&english, &english)
    );
    let mut checked = Vec::new();
    for entry in std::fs::read_dir(&lang).expect("client/lang is readable") {
        let path = entry.expect("a directory entry").path();
        let tag = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let problems = problems(&english, &read(&path));
        assert!(problems.is_empty(), "{tag}: {}", problems.join("; "));
        checked.push(tag);
    }
    checked.sort();
    assert_eq!(checked, ["ar", "de", "en", "es", "fr", "ja"]);
}

#[test]
fn the_check_finds_a_missing_key_a_stray_placeholder_and_a_bad_plural() {
    let english: Map<String, Value> = serde_json::from_value(serde_json::json!({
        "cancelTask": "Cancel task {id}",
        "cancelTasks": { "one": "Cancel {count} task", "other": "Cancel {count} tasks" },
        "retry": "Retry",
    }))
    .unwrap();
    let broken: Map<String, Value> = serde_json::from_value(serde_json::json!({
        "cancelTask": "Abbrechen {taskId}",
        "cancelTasks": { "one": "{count} Aufgabe", "several": "{count} Aufgaben" },
        "retri": "Nochmal",
    }))
    .unwrap();
    assert_eq!(
        problems(&english, &broken),
        [
            "retry: missing",
            "cancelTask: {taskId} is not a placeholder of English's",
            "cancelTasks: neither a text nor plural forms with `other`",
            "retri: no such key in English",
        ]
    );
}
