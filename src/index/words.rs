//! Splitting text into words for the index, in every script.
//!
//! Letters and digits of alphabetic scripts form words between spaces and
//! punctuation, as tantivy's [`SimpleTokenizer`] splits them. Chinese and
//! Japanese put no spaces between words, and a whole run of ideographs and
//! kana between two punctuation marks would otherwise be one token: a
//! search for 人工智能 would miss "…人工智能迈上新台阶". So East Asian text
//! (Han, kana, Hangul) is indexed as overlapping pairs of characters —
//! 人工, 工智, 智能 — the way Lucene's and Elasticsearch's `cjk` analysers do;
//! a query is split the same way and its pairs searched as a phrase, which
//! finds the word wherever it stands, without a dictionary. A character
//! standing alone between other scripts or punctuation is its own token.
//!
//! Chinese and Japanese corpora are often shipped word-segmented, a space
//! between every two words ("熊本 県 で 地震"); a single space between two
//! of their characters does not end the run, so 熊本県 is found there as in
//! the unspaced original. Korean writes spaces between words, and its runs
//! end at them.
//!
//! [`SimpleTokenizer`]: tantivy::tokenizer::SimpleTokenizer

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The East Asian scripts, written without spaces between words (Korean
/// aside, which spaces its words but is paired all the same).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EastAsian {
    /// Han ideographs, with the iteration marks 々, 〆 and 〇.
    Han,
    /// Hiragana and katakana (full and half width).
    Kana,
    /// Hangul syllables and jamo.
    Hangul,
}

/// The East Asian script of `c`, if it is written in one.
pub fn east_asian(c: char) -> Option<EastAsian> {
    Some(match c {
        '\u{30fb}' => return None, // the katakana middle dot is punctuation
        '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}' => {
            EastAsian::Kana
        }
        '\u{3005}'..='\u{3007}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}' => EastAsian::Han,
        '\u{1100}'..='\u{11ff}'
        | '\u{3130}'..='\u{318f}'
        | '\u{a960}'..='\u{a97f}'
        | '\u{ac00}'..='\u{d7ff}' => EastAsian::Hangul,
        _ => return None,
    })
}

/// Whether `c` is East Asian: Han, kana or Hangul.
pub fn is_cjk(c: char) -> bool {
    // Everything East Asian lies above U+10FF.
    c > '\u{10ff}' && east_asian(c).is_some()
}

/// Whether `c` is Korean. Korean puts spaces between words, so its pairs
/// never reach across one.
fn is_hangul(c: char) -> bool {
    east_asian(c) == Some(EastAsian::Hangul)
}

/// Words of alphabetic scripts as [`SimpleTokenizer`] makes them; East Asian
/// runs as overlapping character pairs (see the module documentation).
///
/// [`SimpleTokenizer`]: tantivy::tokenizer::SimpleTokenizer
#[derive(Clone, Debug, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The [`TokenStream`] of a [`WordTokenizer`].
#[derive(Debug)]
pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset of the next char to look at.
    pos: usize,
    /// Whether the char before `pos` was East Asian and already stood as the
    /// first of a pair: when the run ends there, it needs no token of its own.
    paired: bool,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            pos: 0,
            paired: false,
            token: &mut self.token,
        }
    }
}

impl WordStream<'_> {
    /// The char at byte `at`, if any.
    fn char_at(&self, at: usize) -> Option<char> {
        self.text[at..].chars().next()
    }

    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.text.push_str(&self.text[from..to]);
        true
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            let start = self.pos;
            let b = bytes[start];
            if b.is_ascii() {
                self.paired = false;
                if !b.is_ascii_alphanumeric() {
                    self.pos += 1;
                    continue;
                }
                self.pos = self.word_end(start + 1);
                return self.emit(start, self.pos);
            }
            let Some(c) = self.char_at(start) else {
                break;
            };
            let after = start + c.len_utf8();
            if is_cjk(c) {
                // The pair's second char: the next one, or the one after a
                // single space in Chinese or Japanese (word-segmented text).
                let partner = match self.char_at(after) {
                    Some(n) if is_cjk(n) => Some((after, n)),
                    Some(' ') if !is_hangul(c) => self
                        .char_at(after + 1)
                        .filter(|&n| is_cjk(n) && !is_hangul(n))
                        .map(|n| (after + 1, n)),
                    _ => None,
                };
                let was_paired = std::mem::replace(&mut self.paired, partner.is_some());
                match partner {
                    Some((at, n)) => {
                        self.pos = at;
                        self.token.offset_from = start;
                        self.token.offset_to = at + n.len_utf8();
                        // The pair's text leaves out a space between.
                        self.token.text.push(c);
                        self.token.text.push(n);
                        return true;
                    }
                    // The last of a run: already the second of a pair.
                    None if was_paired => {
                        self.pos = after;
                        continue;
                    }
                    None => {
                        self.pos = after;
                        return self.emit(start, after);
                    }
                }
            }
            self.paired = false;
            self.pos = after;
            if c.is_alphanumeric() {
                self.pos = self.word_end(after);
                return self.emit(start, self.pos);
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl WordStream<'_> {
    /// The end of the word going on at byte `from`: the first char that is
    /// neither a letter nor a digit, or that is East Asian.
    fn word_end(&self, mut from: usize) -> usize {
        let bytes = self.text.as_bytes();
        while from < bytes.len() {
            let b = bytes[from];
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    return from;
                }
                from += 1;
                continue;
            }
            match self.char_at(from) {
                Some(c) if c.is_alphanumeric() && !is_cjk(c) => from += c.len_utf8(),
                _ => return from,
            }
        }
        from
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::SimpleTokenizer;

    fn tokens(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        stream.process(&mut |t| out.push((t.text.clone(), t.position, t.offset_from, t.offset_to)));
        out
    }

    fn texts(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn east_asian_runs_are_indexed_as_overlapping_pairs() {
        assert_eq!(texts("人工智能"), ["人工", "工智", "智能"]);
        assert_eq!(
            texts("DeepMind新电脑已可利用记忆自学"),
            [
                "DeepMind", "新电", "电脑", "脑已", "已可", "可利", "利用", "用记", "记忆", "忆自",
                "自学"
            ]
        );
        // Punctuation, other scripts and double spaces end a run; a char
        // alone is its own token; positions run on without gaps.
        assert_eq!(
            tokens("米 Intel は、667 MHz"),
            [
                ("米".to_string(), 0, 0, 3),
                ("Intel".to_string(), 1, 4, 9),
                ("は".to_string(), 2, 10, 13),
                ("667".to_string(), 3, 16, 19),
                ("MHz".to_string(), 4, 20, 23),
            ]
        );
        assert_eq!(
            texts("東京都は、日本の首都"),
            ["東京", "京都", "都は", "日本", "本の", "の首", "首都"]
        );
        assert_eq!(texts("삼성전자 Galaxy"), ["삼성", "성전", "전자", "Galaxy"]);
        // Word-segmented Japanese pairs across single spaces, as unspaced
        // text does; Korean words stay apart.
        assert_eq!(texts("熊本 県 で"), ["熊本", "本県", "県で"]);
        assert_eq!(tokens("熊本 県")[1], ("本県".to_string(), 1, 3, 10));
        assert_eq!(texts("地震  発生"), ["地震", "発生"]);
        assert_eq!(texts("삼성 전자"), ["삼성", "전자"]);
        assert_eq!(
            texts("コンピューター・ウイルス"),
            [
                "コン", "ンピ", "ピュ", "ュー", "ータ", "ター", "ウイ", "イル", "ルス"
            ]
        );
    }

    proptest! {
        // Without East Asian text the tokens are tantivy's own.
        #[test]
        fn other_text_is_split_as_tantivy_splits_it(text in "[a-zA-Z0-9éüßΩж .,'’\\-\n—€]{0,80}") {
            let mut simple = SimpleTokenizer::default();
            let mut expected = Vec::new();
            simple.token_stream(&text).process(&mut |t| {
                expected.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
            });
            prop_assert_eq!(tokens(&text), expected);
        }

        // Every East Asian char is covered, pairs overlap by one char, and
        // offsets always fall on char boundaries.
        #[test]
        fn every_char_of_a_run_is_covered(text in "[a-z人工智能東京の한국 、。]{0,40}") {
            let found = tokens(&text);
            for (t, _, from, to) in &found {
                prop_assert_eq!(text[*from..*to].replace(' ', ""), t.as_str());
            }
            for (i, c) in text.char_indices().filter(|(_, c)| is_cjk(*c)) {
                prop_assert!(
                    found.iter().any(|(_, _, from, to)| *from <= i && i < *to),
                    "{} at {} not covered", c, i
                );
            }
        }
    }
}
