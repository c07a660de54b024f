//! Stemming with a memo of the words already seen.
//!
//! tantivy's [`Stemmer`] runs the Snowball algorithm on every token, and on
//! news text that is over a quarter of an index run's CPU time (`perf record`
//! on `bench_baseline`, docs/performance.md). News vocabulary is steep: a few
//! thousand words make up most tokens. [`MemoStemmer`] stems each distinct
//! word once per analyser and applies the remembered stem after that (the
//! commonest short words from a small table that stays in cache). It is a
//! drop-in: it runs tantivy's own stemmer on every word it has not seen, so
//! the tokens — and the index — are the same, which a property test checks.

use std::collections::HashMap;

use super::words::is_cjk;

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words remembered per analyser; words met after that are stemmed each time.
/// The table holds at most 7/8 of its slots, so 57,344 words keep it at 65,536
/// slots of 33 bytes (2.1 MB): one more word would double it. Each indexing
/// thread has its own analysers (headline and body), and a million-article run
/// must stay under 500 MB.
const MAX_WORDS: usize = 57_344;

/// Words and stems of up to 16 bytes are remembered, packed into one integer
/// each; longer words are rare enough to stem each time.
const WORD_BYTES: usize = 16;

/// A [`TokenFilter`] that stems like [`Stemmer`], remembering each word's stem.
#[derive(Clone, Copy, Debug)]
pub struct MemoStemmer {
    language: Language,
}

impl MemoStemmer {
    /// A memoising stemmer for `language`.
    pub fn new(language: Language) -> Self {
        MemoStemmer { language }
    }
}

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            memo: Memo::new(self.language),
        }
    }
}

/// The tokenizer [`MemoStemmer`] wraps around the one before it.
pub struct MemoStemmerFilter<T> {
    inner: T,
    memo: Memo,
}

/// A clone starts with an empty memo: tantivy clones the registered analyser
/// for each segment it writes, and the threads must not share one.
impl<T: Clone> Clone for MemoStemmerFilter<T> {
    fn clone(&self) -> Self {
        MemoStemmerFilter {
            inner: self.inner.clone(),
            memo: Memo::new(self.memo.language),
        }
    }
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
        }
    }
}

impl<T> std::fmt::Debug for MemoStemmerFilter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoStemmerFilter")
            .field("language", &self.memo.language)
            .field("words", &self.memo.stems.len())
            .finish_non_exhaustive()
    }
}

/// The token stream of [`MemoStemmerFilter`].
pub struct MemoStemmerStream<'a, S> {
    tail: S,
    memo: &'a mut Memo,
}

impl<S> std::fmt::Debug for MemoStemmerStream<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoStemmerStream").finish_non_exhaustive()
    }
}

impl<S: TokenStream> TokenStream for MemoStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.memo.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Word → stem, both packed into integers and held in the table itself: a
/// lookup hashes and compares integers and follows no pointer. (Keys and stems
/// as boxed strings cost a second cache miss per token: with them `memcmp`
/// took 7.9% of an index run's CPU samples, against 2.3% packed.)
struct Memo {
    language: Language,
    /// tantivy's stemmer over a whole word, for words not yet remembered.
    stemmer: TextAnalyzer,
    stems: HashMap<u128, u128, foldhash::fast::RandomState>,
    /// The last words of up to 8 bytes met in each of [`HOT_SLOTS`] slots,
    /// with their stems (0 marks an empty slot: words are never empty). The
    /// table above spans megabytes and, beside tantivy's own tables, lives
    /// out of cache; the commonest words ("the", "said", "oil") are most of
    /// the tokens and are answered from these 64 KiB.
    hot: Box<[(u64, u64)]>,
}

/// Words up to this many bytes are kept in the hot slots.
const HOT_BYTES: usize = 8;
/// Hot slots per analyser (a power of two).
const HOT_SLOTS: usize = 4096;

/// The hot slot of a packed word: the top bits of a multiplicative hash.
fn hot_slot(key: u128) -> usize {
    let mixed = (key as u64 ^ (key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> (64 - HOT_SLOTS.trailing_zeros())) as usize
}

/// Replaces `text` (packed as `key`) by the packed `stem`; false if the stem
/// is not whole UTF-8 (never the case for a stem that came from a `String`).
fn apply(stem: u128, key: u128, text: &mut String) -> bool {
    // The high bytes are the padding.
    let len = WORD_BYTES - (stem.leading_zeros() / 8) as usize;
    if key & low_bytes(len) == stem {
        // Most stems are the word cut short ("rates" → "rate"): no copy. The
        // cut is a char boundary, since the stem is whole UTF-8 and the word
        // goes on with a new char.
        text.truncate(len);
        return true;
    }
    let bytes = stem.to_le_bytes();
    match std::str::from_utf8(&bytes[..len]) {
        Ok(stem) => {
            text.clear();
            text.push_str(stem);
            true
        }
        Err(_) => false,
    }
}

/// The word as little-endian bytes padded with zeros, if it is not empty,
/// short enough and free of NUL bytes (which would make the padding ambiguous;
/// words from a tokenizer never hold one, but the filter takes any token).
///
/// Read as two overlapping fixed-size loads (first and last 8 or 4 bytes)
/// rather than a copy of `len` bytes, which compiles to a `memcpy` call per
/// token; the NUL check is one word-at-a-time test.
fn packed(word: &[u8]) -> Option<u128> {
    let n = word.len();
    let v = match word {
        [] => return None,
        [a] => u128::from(*a),
        [a, b] => u128::from(u16::from_le_bytes([*a, *b])),
        [a, b, c] => u128::from(u16::from_le_bytes([*a, *b])) | u128::from(*c) << 16,
        [a, b, c, d, ..] if n < 8 => {
            let [w, x, y, z] = [word[n - 4], word[n - 3], word[n - 2], word[n - 1]];
            u128::from(u32::from_le_bytes([*a, *b, *c, *d]))
                | u128::from(u32::from_le_bytes([w, x, y, z])) << (8 * (n - 4))
        }
        _ if n <= WORD_BYTES => {
            let (head, tail) = (&word[..8], &word[n - 8..]);
            let load = |s: &[u8]| {
                u128::from(u64::from_le_bytes([
                    s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7],
                ]))
            };
            load(head) | load(tail) << (8 * (n - 8))
        }
        _ => return None,
    };
    // Any zero byte among the word's own bytes (the padding set to 0xff).
    const ONES: u128 = u128::from_le_bytes([0x01; WORD_BYTES]);
    const HIGHS: u128 = u128::from_le_bytes([0x80; WORD_BYTES]);
    let x = v | !low_bytes(n);
    if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
        return None;
    }
    Some(v)
}

/// A mask of the low `n` bytes (`n` ≤ 16).
fn low_bytes(n: usize) -> u128 {
    if n >= WORD_BYTES {
        u128::MAX
    } else {
        (1u128 << (8 * n)) - 1
    }
}

impl Memo {
    fn new(language: Language) -> Self {
        Memo {
            language,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(language))
                .build(),
            stems: HashMap::default(),
            hot: vec![(0, 0); HOT_SLOTS].into_boxed_slice(),
        }
    }

    fn stem_in_place(&mut self, text: &mut String) {
        // Numbers and East Asian pairs have nothing to stem in any language
        // tantivy stems, and East Asian pairs are too many to remember.
        if text.chars().all(|c| c.is_ascii_digit() || is_cjk(c)) {
            return;
        }
        let Some(key) = packed(text.as_bytes()) else {
            *text = self.stem(text);
            return;
        };
        let short = text.len() <= HOT_BYTES;
        let slot = hot_slot(key);
        if short && self.hot[slot].0 == key as u64 && apply(u128::from(self.hot[slot].1), key, text)
        {
            return;
        }
        if let Some(&stem) = self.stems.get(&key) {
            if short && stem >> (8 * HOT_BYTES) == 0 {
                self.hot[slot] = (key as u64, stem as u64);
            }
            if apply(stem, key, text) {
                return;
            }
        }
        let stem = self.stem(text);
        if let Some(packed_stem) = packed(stem.as_bytes())
            && self.stems.len() < MAX_WORDS
        {
            self.stems.insert(key, packed_stem);
        }
        *text = stem;
    }

    fn stem(&mut self, word: &str) -> String {
        let mut stream = self.stemmer.token_stream(word);
        if stream.advance() {
            std::mem::take(&mut stream.token_mut().text)
        } else {
            word.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t| out.push(t.clone()));
        out
    }

    fn chain(memo: bool) -> TextAnalyzer {
        let b = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter);
        if memo {
            b.filter(MemoStemmer::new(Language::English)).build()
        } else {
            b.filter(Stemmer::new(Language::English)).build()
        }
    }

    #[test]
    fn stems_like_tantivy_on_first_and_later_sight() {
        let text = "Running runners ran; the happy ponies were running happily. Running!";
        let mut memo = chain(true);
        let want = tokens(&mut chain(false), text);
        assert_eq!(tokens(&mut memo, text), want);
        // The second pass is answered from the memo.
        assert_eq!(tokens(&mut memo, text), want);
        assert_eq!(want[0].text, "run");
        assert_eq!(want[5].text, "poni");
    }

    #[test]
    fn a_clone_starts_empty() {
        let mut a = chain(true);
        tokens(&mut a, "elections");
        let mut b = a.clone();
        assert_eq!(tokens(&mut b, "elections")[0].text, "elect");
    }

    #[test]
    fn a_full_memo_still_stems() {
        let mut memo = Memo::new(Language::English);
        for i in 0..MAX_WORDS * 2 {
            let word = format!("walk{i}ing");
            let mut w = word.clone();
            memo.stem_in_place(&mut w);
            assert_eq!(w, memo.stem(&word));
        }
        assert_eq!(memo.stems.len(), MAX_WORDS);
        // The table did not double past 65,536 slots.
        assert!(memo.stems.capacity() <= 65_536, "{}", memo.stems.capacity());
        let mut w = String::from("nations");
        memo.stem_in_place(&mut w);
        assert_eq!(w, "nation");
    }

    #[test]
    fn a_word_ending_in_nul_is_not_taken_for_another() {
        let mut memo = Memo::new(Language::English);
        for word in ["cats", "cats\0", "cats", "cats\0"] {
            let mut w = word.to_string();
            memo.stem_in_place(&mut w);
            assert_eq!(w, memo.stem(word), "{word:?}");
        }
    }

    #[test]
    fn words_of_every_length_come_back_whole() {
        let mut memo = Memo::new(Language::English);
        for word in [
            "a",
            "nations",
            "happily",
            "sixteenletterwrd",
            "seventeenlettersx",
            "élections",
        ] {
            let mut memoised = word.to_string();
            memo.stem_in_place(&mut memoised);
            memo.stem_in_place(&mut word.to_string());
            let mut again = word.to_string();
            memo.stem_in_place(&mut again);
            assert_eq!(memoised, memo.stem(word));
            assert_eq!(again, memoised);
        }
    }

    #[test]
    fn words_sharing_a_hot_slot_keep_their_own_stems() {
        let mut memo = Memo::new(Language::English);
        let slot = |w: &str| hot_slot(packed(w.as_bytes()).expect("packs"));
        let first = "nations";
        let rival = (0..100_000)
            .map(|i| format!("w{i}ing"))
            .find(|w| slot(w) == slot(first))
            .expect("a word in the same slot");
        for _ in 0..3 {
            for word in [first, rival.as_str()] {
                let mut w = word.to_string();
                memo.stem_in_place(&mut w);
                assert_eq!(w, memo.stem(word), "{word}");
            }
        }
    }

    /// [`packed`] by its definition: the bytes copied into a zeroed array.
    fn packed_reference(word: &[u8]) -> Option<u128> {
        if word.is_empty() || word.len() > WORD_BYTES || word.contains(&0) {
            return None;
        }
        let mut bytes = [0u8; WORD_BYTES];
        bytes[..word.len()].copy_from_slice(word);
        Some(u128::from_le_bytes(bytes))
    }

    proptest! {
        #[test]
        fn packing_matches_its_definition(word in proptest::collection::vec(
            prop_oneof![Just(0u8), Just(0x80u8), Just(0xffu8), any::<u8>()],
            0..20,
        )) {
            prop_assert_eq!(packed(&word), packed_reference(&word));
        }

        // Words drawn from a small alphabet repeat, so the memo is hit.
        #[test]
        fn memo_and_stemmer_agree(text in "([a-eA-EéÜ0-9]{1,6}(ing|ed|s|ies|ly|ness)? |[人工智能東京の]{1,4} ){1,60}") {
            let mut memo = chain(true);
            let want = tokens(&mut chain(false), &text);
            prop_assert_eq!(tokens(&mut memo, &text), want.clone());
            prop_assert_eq!(tokens(&mut memo, &text), want);
        }
    }
}
