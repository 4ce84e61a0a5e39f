//! A JSON value as a server sent it: what the status object carries where the
//! contract fixes no shape (`result`, and fields it does not name).
//!
//! The type has no parser of its own. The browser client builds it from its
//! own `JSON.parse` (no JSON parser in the wasm), everything else reads it
//! through serde (the `serde` feature). It writes itself back as compact JSON, escaped as
//! serde_json escapes, so a status read and written again is the text the
//! server sent.

use std::fmt;

/// A JSON value. Objects keep their members in the order they came.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(JsonNumber),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// A number: its value, and the text it is written back as (`42`, `1.5`).
#[derive(Clone, Debug, PartialEq)]
pub struct JsonNumber {
    value: f64,
    text: String,
}

impl JsonNumber {
    /// A number whose JSON text is `text`; the caller names both, so that no
    /// float is printed or parsed here (in the browser, the browser does it).
    pub fn new(value: f64, text: impl Into<String>) -> Self {
        JsonNumber {
            value,
            text: text.into(),
        }
    }

    pub fn value(&self) -> f64 {
        self.value
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

impl Json {
    /// The member `key` of an object (the last one, should the key repeat,
    /// as browsers read it); `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members
                .iter()
                .rev()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(number) => Some(number.value),
            _ => None,
        }
    }

    /// Appends the value to `out` as compact JSON.
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
            Json::Number(number) => out.push_str(&number.text),
            Json::String(text) => write_string(out, text),
            Json::Array(items) => {
                out.push('[');
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (n, (key, value)) in members.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    write_string(out, key);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Compact JSON, e.g. `{"mailbox":"inbox","ids":[1,2]}`.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

/// Appends `text` to `out` as a JSON string: quotes, backslashes and control
/// characters escaped exactly as serde_json escapes them, nothing else.
pub fn write_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let code = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[code >> 4]));
                out.push(char::from(HEX[code & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(feature = "serde")]
mod with_serde {
    //! Reading [`Json`] through serde, for everything but the browser
    //! client. (It writes itself: [`Json::write`].)

    use super::{Json, JsonNumber};
    use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    impl<'de> Deserialize<'de> for Json {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(JsonVisitor)
        }
    }

    struct JsonVisitor;

    impl<'de> Visitor<'de> for JsonVisitor {
        type Value = Json;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON value")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
            Ok(Json::Null)
        }

        fn visit_none<E: de::Error>(self) -> Result<Json, E> {
            Ok(Json::Null)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
            Json::deserialize(deserializer)
        }

        fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Json, E> {
            Ok(Json::Bool(flag))
        }

        fn visit_i64<E: de::Error>(self, number: i64) -> Result<Json, E> {
            Ok(Json::Number(JsonNumber::new(
                number as f64,
                number.to_string(),
            )))
        }

        fn visit_u64<E: de::Error>(self, number: u64) -> Result<Json, E> {
            Ok(Json::Number(JsonNumber::new(
                number as f64,
                number.to_string(),
            )))
        }

        fn visit_f64<E: de::Error>(self, number: f64) -> Result<Json, E> {
            Ok(Json::Number(JsonNumber::new(number, number.to_string())))
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Json, E> {
            Ok(Json::String(text.to_owned()))
        }

        fn visit_string<E: de::Error>(self, text: String) -> Result<Json, E> {
            Ok(Json::String(text))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(Json::Array(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
            let mut members = Vec::new();
            while let Some(member) = map.next_entry()? {
                members.push(member);
            }
            Ok(Json::Object(members))
        }
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    fn read(text: &str) -> Json {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn writes_back_the_text_it_read() {
        for text in [
            r#"{"b":1,"a":[true,false,null,-7,1.5,"x"],"":{}}"#,
            r#"[]"#,
            r#""quote \" backslash \\ controls \n\r\t\b\f\u0001\u001f é ✓ 🦀 </script>""#,
            r#"18446744073709551615"#,
        ] {
            assert_eq!(read(text).to_string(), text);
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let nasty: String = (0u8..0x80).map(char::from).chain("é✓🦀".chars()).collect();
        let mut out = String::new();
        write_string(&mut out, &nasty);
        assert_eq!(out, serde_json::to_string(&nasty).unwrap());
    }

    #[test]
    fn members_are_found_by_name_the_last_one_winning() {
        let object = read(r#"{"a":1,"b":"two","a":3}"#);
        assert_eq!(object.get("a").and_then(Json::as_f64), Some(3.0));
        assert_eq!(object.get("b").and_then(Json::as_str), Some("two"));
        assert_eq!(object.get("c"), None);
        assert_eq!(read("[1]").get("a"), None);
    }
}
