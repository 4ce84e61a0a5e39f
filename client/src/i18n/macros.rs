//! `text!`, `fill!`, `count!` and `around!`: a message of the catalogue at
//! its call site. With the `i18n` runtime they read the page's language
//! ([`Language`](super::Language)); without it they are English's own
//! literals, `format!`ted where the code is, so an English-only build costs
//! what hand-written English did.
//!
//! Numbers go in as the language writes them (`number!(lang, n)`), except
//! `count!`'s own `{count}`.

/// `key`'s text, an `AttrValue`: `text!(lang, CANCEL_TASK)`.
macro_rules! text {
    ($lang:expr, $key:ident) => {{
        #[cfg(i18n_runtime)]
        let text = $lang.text($crate::i18n::key::$key);
        #[cfg(not(i18n_runtime))]
        let text = {
            let _ = &$lang;
            yew::AttrValue::Static($crate::i18n::key::english!($key))
        };
        text
    }};
}

/// `key`'s text with its placeholders filled, a `String`:
/// `fill!(lang, TASK_NOT_FOUND, id = task_id)`.
macro_rules! fill {
    ($lang:expr, $key:ident $(, $name:ident = $value:expr)* $(,)?) => {{
        #[cfg(i18n_runtime)]
        let text = $lang.fill($crate::i18n::key::$key, &[$((stringify!($name), &$value[..])),*]);
        #[cfg(not(i18n_runtime))]
        let text = {
            let _ = &$lang;
            format!($crate::i18n::key::english!($key) $(, $name = $value)*)
        };
        text
    }};
}

/// `key`'s form for `n` with `{count}` and the other placeholders filled, a
/// `String`: `count!(lang, CANCEL_TASKS, selected)`.
macro_rules! count {
    ($lang:expr, $key:ident, $n:expr $(, $name:ident = $value:expr)* $(,)?) => {{
        let n: usize = $n;
        #[cfg(i18n_runtime)]
        let text = $lang.count($crate::i18n::key::$key, n, &[$((stringify!($name), &$value[..])),*]);
        #[cfg(not(i18n_runtime))]
        let text = {
            let _ = &$lang;
            if n == 1 {
                format!($crate::i18n::key::english!($key, one), count = n $(, $name = $value)*)
            } else {
                format!($crate::i18n::key::english!($key), count = n $(, $name = $value)*)
            }
        };
        text
    }};
}

/// `key`'s text before and after its `{name}`, for a placeholder that is
/// markup: `around!(lang, TASK_TITLE, "id")`.
macro_rules! around {
    ($lang:expr, $key:ident, $name:tt) => {{
        #[cfg(i18n_runtime)]
        let parts = $lang.around($crate::i18n::key::$key, $name);
        #[cfg(not(i18n_runtime))]
        let parts = {
            let _ = &$lang;
            let (before, after) = $crate::i18n::key::english!($key, $name);
            (
                yew::AttrValue::Static(before),
                yew::AttrValue::Static(after),
            )
        };
        parts
    }};
}

/// `n` as the language writes numbers, for a placeholder: in English `n`
/// itself, which `format!` writes where it is used.
macro_rules! number {
    ($lang:expr, $n:expr) => {{
        #[cfg(i18n_runtime)]
        let n = $lang.number($n);
        #[cfg(not(i18n_runtime))]
        let n = {
            let _ = &$lang;
            $n
        };
        n
    }};
}

pub(crate) use {around, count, fill, number, text};
