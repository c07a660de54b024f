//! Stemming with a memo of the words already seen.
//!
//! tantivy's [`Stemmer`] runs the Snowball algorithm on every token, and on
//! news text that is over a quarter of an index run's CPU time (`perf record`
//! on `bench_baseline`, docs/performance.md). News vocabulary is steep: a few
//! thousand words make up most tokens. [`MemoStemmer`] stems each distinct
//! word once per analyser and copies the remembered stem after that. It is a
//! drop-in: it runs tantivy's own stemmer on every word it has not seen, so
//! the tokens — and the index — are the same, which a property test checks.

use std::collections::HashMap;

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Distinct words remembered per analyser (about 4 MB at most); words met
/// after that are stemmed each time. Each indexing thread has its own.
const MAX_WORDS: usize = 1 << 16;

/// Longer words are rare enough not to be worth remembering.
const MAX_WORD_LEN: usize = 24;

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

struct Memo {
    language: Language,
    /// tantivy's stemmer over a whole word, for words not yet remembered.
    stemmer: TextAnalyzer,
    /// Word → its stem, or `None` when the stem is the word itself.
    stems: HashMap<Box<str>, Option<Box<str>>, foldhash::fast::RandomState>,
}

impl Memo {
    fn new(language: Language) -> Self {
        Memo {
            language,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(language))
                .build(),
            stems: HashMap::default(),
        }
    }

    fn stem_in_place(&mut self, word: &mut String) {
        let memorable = word.len() <= MAX_WORD_LEN;
        if memorable {
            if let Some(stem) = self.stems.get(word.as_str()) {
                if let Some(stem) = stem {
                    word.clear();
                    word.push_str(stem);
                }
                return;
            }
        }
        let stem = self.stem(word);
        if memorable && self.stems.len() < MAX_WORDS {
            let value = (stem != *word).then(|| stem.clone().into_boxed_str());
            self.stems.insert(word.as_str().into(), value);
        }
        *word = stem;
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
        for i in 0..MAX_WORDS + 10 {
            let mut w = format!("w{i}ing");
            memo.stem_in_place(&mut w);
        }
        assert_eq!(memo.stems.len(), MAX_WORDS);
        let mut w = String::from("nations");
        memo.stem_in_place(&mut w);
        assert_eq!(w, "nation");
    }

    proptest! {
        // Words drawn from a small alphabet repeat, so the memo is hit.
        #[test]
        fn memo_and_stemmer_agree(text in "([a-eA-EéÜ]{1,6}(ing|ed|s|ies|ly|ness)? ){1,60}") {
            let mut memo = chain(true);
            let want = tokens(&mut chain(false), &text);
            prop_assert_eq!(tokens(&mut memo, &text), want.clone());
            prop_assert_eq!(tokens(&mut memo, &text), want);
        }
    }
}
