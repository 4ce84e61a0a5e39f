//! The keys of the message catalogue: one constant per key of the English
//! catalogue (`client/lang/en.json`, read by `build.rs`), holding English's
//! text, so a key English lacks does not compile and English needs no
//! catalogue read at run time.

/// A message's name, and its English forms for one and for other counts
/// (the same text for a message that counts nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// Only a build that reads other languages carries the names.
    #[cfg(i18n_runtime)]
    pub name: &'static str,
    pub one: &'static str,
    pub other: &'static str,
}

impl Key {
    #[cfg_attr(not(i18n_runtime), allow(unused_variables))]
    pub const fn new(name: &'static str, one: &'static str, other: &'static str) -> Key {
        Key {
            #[cfg(i18n_runtime)]
            name,
            one,
            other,
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/keys.rs"));

#[allow(unused_imports)]
pub(crate) use english;
