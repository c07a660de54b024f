//! Stemming in the article's own language.
//!
//! tantivy chooses an analyser per field, not per document, and English
//! stemming leaves German, Italian or Spanish plurals apart from their
//! singulars ("Regierungen" → "regierungen", "Regierung" → "regierung";
//! "bambini", "bambino"). byline therefore marks the headline and body of an
//! article in one of the other languages Snowball stems with one private-use
//! character ahead of the text; the field's analyser ([`LangTokenizer`])
//! reads the mark, drops it and stems the rest in that language. Articles in
//! English, in a language without a stemmer, or of no known language carry
//! no mark and are analysed exactly as before. Stored values keep the mark;
//! [`unmarked`] takes it off when an article is read back.
//!
//! A query does not say its language, so a search analyses each word in
//! English and in every other stemmed language the index holds
//! (`crate::search::compile`): a stem that differs is searched only in the
//! articles of its language, so that the German stem of "rates" ("rat")
//! never finds English articles about rats.

use std::borrow::Cow;

use tantivy::tokenizer::{Language, Tokenizer};

/// Each stemmed language besides English, with the codes articles name it
/// by (ISO 639-1, and ISO 639-3 as some sources write it). Its place in
/// this list (plus one) is its slot; slot 0 is English, the default.
pub const STEMMED: &[(Language, &[&str])] = &[
    (Language::Arabic, &["ar", "ara"]),
    (Language::Danish, &["da", "dan"]),
    (Language::Dutch, &["nl", "nld"]),
    (Language::Finnish, &["fi", "fin"]),
    (Language::French, &["fr", "fra", "fre"]),
    (Language::German, &["de", "deu", "ger"]),
    (Language::Greek, &["el", "ell", "gre"]),
    (Language::Hungarian, &["hu", "hun"]),
    (Language::Italian, &["it", "ita"]),
    (
        Language::Norwegian,
        &["no", "nb", "nn", "nor", "nob", "nno"],
    ),
    (Language::Portuguese, &["pt", "por"]),
    (Language::Romanian, &["ro", "ron", "rum"]),
    (Language::Russian, &["ru", "rus"]),
    (Language::Spanish, &["es", "spa"]),
    (Language::Swedish, &["sv", "swe"]),
    (Language::Tamil, &["ta", "tam"]),
    (Language::Turkish, &["tr", "tur"]),
];

/// Slots: English and each of [`STEMMED`].
const SLOTS: usize = STEMMED.len() + 1;

/// The first mark; slot `n` is marked by `MARK_BASE + n`. Supplementary
/// Private Use Area-A: no text a publisher writes starts with it. English
/// text needs no mark, but takes `MARK_BASE` itself if it happens to start
/// with one, so that its first character is kept and it stays English.
const MARK_BASE: u32 = 0xF_0000;

/// The slot of a language code (`"de"` → German's); `None` for English and
/// for languages analysed as English (no stemmer of their own).
pub fn slot_of(lang: &str) -> Option<usize> {
    STEMMED
        .iter()
        .position(|(_, codes)| codes.contains(&lang))
        .map(|i| i + 1)
}

/// The mark that makes [`LangTokenizer`] stem in `slot`'s language.
fn mark(slot: usize) -> char {
    debug_assert!(slot > 0 && slot < SLOTS);
    // Slots are few: MARK_BASE + slot is always a valid char.
    char::from_u32(MARK_BASE + slot as u32).unwrap_or('\u{F0000}')
}

/// `text` as indexed for an article in `lang`: marked when its language has
/// a stemmer of its own, else as it is.
pub fn marked<'a>(text: &'a str, lang: Option<&str>) -> Cow<'a, str> {
    match lang.and_then(slot_of) {
        Some(slot) => Cow::Owned(marked_in(slot, text)),
        None if text.chars().next().is_some_and(is_mark) => Cow::Owned(format!(
            "{}{text}",
            char::from_u32(MARK_BASE).unwrap_or_default()
        )),
        None => Cow::Borrowed(text),
    }
}

/// `text` marked to be analysed in `slot`'s language (a query's word, in
/// each language the index holds).
pub fn marked_in(slot: usize, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    out.push(mark(slot));
    out.push_str(text);
    out
}

fn is_mark(c: char) -> bool {
    (c as u32).wrapping_sub(MARK_BASE) < SLOTS as u32
}

/// The slot a text is marked for, and the text after the mark.
fn split(text: &str) -> (usize, &str) {
    let mut chars = text.chars();
    if let Some(c) = chars.next()
        && is_mark(c)
    {
        return ((c as u32 - MARK_BASE) as usize, chars.as_str());
    }
    (0, text)
}

/// A stored headline or body without its mark.
pub fn unmarked(text: &str) -> &str {
    split(text).1
}

/// A tokenizer that stems each text in the language its mark names (English
/// when unmarked), with one analyser chain per language, built the first
/// time a text of that language comes.
#[derive(Clone)]
pub struct LangTokenizer<T> {
    chains: Vec<Option<T>>,
    make: fn(Language) -> T,
}

impl<T> std::fmt::Debug for LangTokenizer<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let built: Vec<usize> = (0..SLOTS).filter(|&s| self.chains[s].is_some()).collect();
        f.debug_struct("LangTokenizer")
            .field("built", &built)
            .finish_non_exhaustive()
    }
}

impl<T: Tokenizer> LangTokenizer<T> {
    /// A tokenizer whose chain for a language is `make(language)`.
    pub fn new(make: fn(Language) -> T) -> Self {
        let mut chains: Vec<Option<T>> = (0..SLOTS).map(|_| None).collect();
        chains[0] = Some(make(Language::English));
        LangTokenizer { chains, make }
    }
}

/// The language a slot stems in.
pub fn language(slot: usize) -> Language {
    match slot.checked_sub(1).and_then(|i| STEMMED.get(i)) {
        Some((language, _)) => *language,
        None => Language::English,
    }
}

impl<T: Tokenizer> Tokenizer for LangTokenizer<T> {
    type TokenStream<'a> = T::TokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let (slot, rest) = split(text);
        let make = self.make;
        self.chains[slot]
            .get_or_insert_with(|| make(language(slot)))
            .token_stream(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_read_back_and_taken_off() {
        for (i, (_, codes)) in STEMMED.iter().enumerate() {
            let text = marked("Die Regierungen", Some(codes[0]));
            assert_eq!(split(&text), (i + 1, "Die Regierungen"));
            assert_eq!(unmarked(&text), "Die Regierungen");
        }
        assert_eq!(marked("The governments", Some("en")), "The governments");
        assert_eq!(marked("政府", Some("ja")), "政府");
        assert_eq!(marked("x", None), "x");
        assert_eq!(split("plain"), (0, "plain"));
        assert_eq!(split(""), (0, ""));
        // Text that starts with a mark of its own keeps it, and its language.
        let odd = "\u{F0006}Odd";
        let english = marked(odd, Some("en"));
        assert_eq!(split(&english), (0, odd));
        let german = marked(odd, Some("de"));
        assert_eq!(unmarked(&german), odd);
        assert_eq!(slot_of("de"), slot_of("deu"));
        assert_eq!(slot_of("en"), None);
    }
}
