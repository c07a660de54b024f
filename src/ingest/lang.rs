//! Language detection for articles whose source does not say (`whatlang`),
//! reported as ISO 639-1 codes like the `lang` attributes pages carry.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::index::words::{self, EastAsian, is_cjk};

/// How much text decides: trigram detection is as sure on a few hundred
/// characters of prose as on a whole article, and its cost grows with the
/// sample (it was most of the time spent reading JSON Lines at 3000).
const SAMPLE_CHARS: usize = 400;

/// Detects the language of `text`; `None` when unsure or when the language
/// has no two-letter code.
pub fn detect(text: &str) -> Option<&'static str> {
    let sample = match text.char_indices().nth(SAMPLE_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    if sample.split_whitespace().count() < 4 && !sample.chars().any(is_cjk) {
        return None;
    }
    if let Some(lang) = east_asian(sample) {
        return Some(lang);
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    two_letter(info.lang().code())
}

/// Language detection over a run of articles (one file, or one worker's
/// files). Detection costs tens of microseconds an article, more than all
/// other reading of a JSON Lines export. Once several articles in a row agree,
/// an article is taken to share the language when its own function words say
/// so (a cheap check: "the", "and", "of"… for English), and whatlang runs
/// again on any article they do not confirm, at least every 64th
/// article, and on every article after a disagreement.
#[derive(Debug, Default)]
pub struct FileLanguage {
    current: Option<&'static str>,
    agreeing: u32,
    unchecked: u32,
}

impl FileLanguage {
    /// Agreeing detections before the language is trusted.
    const TRUST_AFTER: u32 = 4;
    /// Articles assumed between two full detections once trusted.
    const CHECK_EVERY: u32 = 64;

    /// The language of the next article.
    pub fn detect(&mut self, title: &str, body: &str) -> Option<&'static str> {
        if self.agreeing >= Self::TRUST_AFTER
            && self.unchecked + 1 < Self::CHECK_EVERY
            && let Some(current) = self.current
            && function_words_confirm(current, body)
        {
            self.unchecked += 1;
            return self.current;
        }
        self.unchecked = 0;
        let sample: String = title
            .chars()
            .chain(['\n'])
            .chain(body.chars().take(SAMPLE_CHARS))
            .collect();
        let found = detect(&sample);
        if found.is_some() && found == self.current {
            self.agreeing += 1;
        } else {
            self.agreeing = u32::from(found.is_some());
            self.current = found;
        }
        found
    }
}

/// The commonest function words of the languages news is most often in.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "as", "are",
            "by", "it", "from", "at", "has", "said", "have",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "sich", "auf", "für",
            "ein", "eine", "auch", "dem", "des", "im", "zu", "es",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "des", "est", "que", "une", "dans", "pour", "qui", "pas",
            "sur", "au", "du", "par", "plus", "il", "ce", "avec",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "que", "y", "en", "del", "se", "por", "con", "para", "una",
            "es", "al", "su", "lo", "como", "más", "pero",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "e", "la", "per", "un", "in", "del", "della", "non", "sono", "una",
            "le", "con", "si", "da", "gli", "al", "è",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "de", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os",
            "no", "se", "na", "por", "mais", "as",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "dat", "op", "te", "in", "niet", "met", "voor",
            "zijn", "er", "aan", "ook", "als", "maar", "bij",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "na", "się", "z", "nie", "do", "to", "że", "jest", "o", "jak", "po", "od",
            "ale", "za", "dla", "co", "są", "przez",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har",
            "de", "inte", "om", "ett", "var", "men", "från",
        ],
    ),
];

/// Whether the first words of `body` read as `lang`: at least four of its
/// function words, and more than of any other listed language. Always false
/// for languages without a list (they are detected every time).
fn function_words_confirm(lang: &str, body: &str) -> bool {
    let Some(own) = FUNCTION_WORDS.iter().position(|(l, _)| *l == lang) else {
        return false;
    };
    let table = function_word_languages();
    let mut hits = [0u32; FUNCTION_WORDS.len()];
    for word in first_words(body).take(WORDS_CHECKED) {
        if let Some(&langs) = packed_lowercase(word).and_then(|w| table.get(&w)) {
            let mut bits = langs;
            while bits != 0 {
                hits[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    }
    let best_other = hits
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != own)
        .map(|(_, h)| *h)
        .max()
        .unwrap_or(0);
    hits[own] >= 4 && hits[own] > best_other
}

/// Words (runs of letters) of up to [`WORD_BYTES`] bytes checked per article.
const WORDS_CHECKED: usize = 60;
/// The longest word looked up: every function word fits in eight bytes.
const WORD_BYTES: usize = 8;

/// The runs of letters in `text` of at most [`WORD_BYTES`] bytes, in order.
/// ASCII is classified a byte at a time; other chars by `char::is_alphabetic`.
fn first_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_alphabetic() {
                    i += 1;
                } else if b.is_ascii() {
                    break;
                } else {
                    match text[i..].chars().next() {
                        Some(c) if c.is_alphabetic() => i += c.len_utf8(),
                        _ => break,
                    }
                }
            }
            if i == start {
                // Not a letter: step over this char.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            if i - start <= WORD_BYTES {
                return Some(&text[start..i]);
            }
        }
        None
    })
}

/// `word` lower-cased and packed little-endian into a `u64` (zero-padded),
/// if it still fits.
fn packed_lowercase(word: &str) -> Option<u64> {
    let mut bytes = [0u8; WORD_BYTES];
    let mut n = 0;
    if word.is_ascii() {
        for &b in word.as_bytes() {
            *bytes.get_mut(n)? = b.to_ascii_lowercase();
            n += 1;
        }
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                *bytes.get_mut(n)? = b;
                n += 1;
            }
        }
    }
    Some(u64::from_le_bytes(bytes))
}

/// Function words (packed by [`packed_lowercase`]) to language bits, hashed
/// with foldhash: the table is fixed and small, and sixty lookups an article
/// are most of the check's cost.
type WordTable = HashMap<u64, u16, foldhash::fast::FixedState>;

/// Each function word with the languages it belongs to, one bit per entry of
/// [`FUNCTION_WORDS`]: one lookup a word instead of a scan of every list.
fn function_word_languages() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    const _: () = assert!(FUNCTION_WORDS.len() <= 16, "one bit per language in a u16");
    TABLE.get_or_init(|| {
        let mut table = WordTable::default();
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for word in *words {
                if let Some(key) = packed_lowercase(word) {
                    *table.entry(key).or_insert(0) |= 1 << i;
                }
            }
        }
        table
    })
}

/// Japanese, Chinese or Korean, told by script, when at least a third of the
/// sample's letters are East Asian. whatlang picks the script with the most
/// letters, so a Japanese story naming "Intel", "Itanium" and "MHz" in
/// Latin letters could read as Latin; but one kanji or kana stands for a
/// word or syllable, a Latin letter for a sound. Kana (at least one East
/// Asian letter in twenty) is Japanese; Hangul, when it outnumbers the rest,
/// is Korean; Han alone is Chinese.
fn east_asian(sample: &str) -> Option<&'static str> {
    let (mut latin, mut han, mut kana, mut hangul) = (0usize, 0usize, 0usize, 0usize);
    for c in sample.chars() {
        match words::east_asian(c) {
            Some(EastAsian::Kana) => kana += 1,
            Some(EastAsian::Han) => han += 1,
            Some(EastAsian::Hangul) => hangul += 1,
            None if c.is_alphabetic() => latin += 1,
            None => {}
        }
    }
    let east = han + kana + hangul;
    if east == 0 || east * 3 < east + latin {
        return None;
    }
    Some(if kana * 20 >= east {
        "ja"
    } else if hangul * 2 > east {
        "ko"
    } else {
        "zh"
    })
}

/// The code byline stores for a language as a user names it: `de`, `de-DE`,
/// `deu`, `German` and `Deutsch` are all `de` (ISO 639-1 where the language
/// has one); anything else is kept, lower-cased.
pub fn code_of(name: &str) -> String {
    let name = name.trim().to_lowercase();
    let primary = name.split(['-', '_']).next().unwrap_or_default();
    if primary.len() == 2 && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return primary.to_string();
    }
    if let Some(two) = two_letter(primary) {
        return two.to_string();
    }
    whatlang::Lang::all()
        .iter()
        .find(|l| l.eng_name().to_lowercase() == name || l.name().to_lowercase() == name)
        .map(|l| two_letter(l.code()).unwrap_or(l.code()).to_string())
        .unwrap_or(name)
}

/// ISO 639-3 (as whatlang names languages) and ISO 639-2/B (as library
/// catalogues and some feeds do: `ger`, `fre`, `chi`) to ISO 639-1.
fn two_letter(code: &str) -> Option<&'static str> {
    Some(match code {
        "alb" | "sqi" => "sq",
        "arm" => "hy",
        "baq" | "eus" => "eu",
        "bur" => "my",
        "chi" | "zho" => "zh",
        "cze" => "cs",
        "dut" => "nl",
        "fas" | "per" => "fa",
        "fre" => "fr",
        "geo" => "ka",
        "ger" => "de",
        "gle" => "ga",
        "glg" => "gl",
        "gre" => "el",
        "ice" | "isl" => "is",
        "mac" => "mk",
        "may" | "msa" | "zsm" => "ms",
        "nor" => "no",
        "nno" => "nn",
        "rum" => "ro",
        "slo" => "sk",
        "wel" => "cy",
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The check by its definition: split on non-letters, lower-case, look
    /// the word up in every list.
    fn function_words_confirm_reference(lang: &str, body: &str) -> bool {
        let Some(own) = FUNCTION_WORDS.iter().position(|(l, _)| *l == lang) else {
            return false;
        };
        let mut hits = [0u32; FUNCTION_WORDS.len()];
        for raw in body
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty() && w.len() <= 8)
            .take(60)
        {
            let word: String = raw.chars().flat_map(char::to_lowercase).collect();
            for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
                hits[i] += u32::from(words.contains(&word.as_str()));
            }
        }
        let best_other = (0..hits.len()).filter(|i| *i != own).map(|i| hits[i]).max();
        hits[own] >= 4 && hits[own] > best_other.unwrap_or(0)
    }

    #[test]
    fn languages_are_named_by_code_tag_or_name() {
        for name in [
            "de", "DE", "de-DE", "de_AT", "deu", "German", "deutsch", " german ",
        ] {
            assert_eq!(code_of(name), "de", "{name}");
        }
        assert_eq!(code_of("Japanese"), "ja");
        assert_eq!(code_of("ger"), "de");
        assert_eq!(code_of("fre"), "fr");
        assert_eq!(code_of("chi"), "zh");
        assert_eq!(code_of("klingon"), "klingon");
    }

    proptest! {
        // Function words of several languages, in any case, between letters,
        // digits, punctuation and long words.
        #[test]
        fn function_word_check_matches_its_definition(
            words in proptest::collection::vec(prop_oneof![
                prop::sample::select(vec![
                    "the", "The", "AND", "of", "der", "Die", "und", "le", "la", "et",
                    "el", "que", "è", "È", "não", "się", "że", "på", "är", "más", "Más",
                    "für", "FÜR", "İ", "said", "sagte", "oil",
                ]).prop_map(str::to_string),
                "[a-zA-Zéß]{1,12}",
            ], 0..90),
            seps in proptest::collection::vec("[ ,.'\n0-9€—-]{1,2}", 90),
            lang in prop::sample::select(vec!["en", "de", "fr", "es", "it", "pt", "pl", "sv", "ja"]),
        ) {
            let body: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            prop_assert_eq!(
                function_words_confirm(lang, &body),
                function_words_confirm_reference(lang, &body),
                "{}", body
            );
        }
    }

    #[test]
    fn common_news_languages() {
        assert_eq!(
            detect(
                "The government agreed to give the Chinese tech giant a limited role in the network."
            ),
            Some("en")
        );
        assert_eq!(
            detect(
                "Le gouvernement français a ouvert le débat sur la place de Huawei dans les réseaux."
            ),
            Some("fr")
        );
        assert_eq!(
            detect(
                "Die Bundesregierung hat am Mittwoch über die Rolle von Huawei beim Ausbau des Netzes beraten."
            ),
            Some("de")
        );
        assert_eq!(
            detect("気象庁によると、地震の規模はマグニチュード6.8と推定される。"),
            Some("ja")
        );
    }

    #[test]
    fn a_file_in_one_language_is_sampled_and_a_switch_is_caught() {
        let en =
            "The government agreed to give the Chinese tech giant a limited role in the network.";
        let fr =
            "Le gouvernement français a ouvert le débat sur la place de Huawei dans les réseaux.";
        let mut file = FileLanguage::default();
        for _ in 0..40 {
            assert_eq!(file.detect("Title", en), Some("en"));
        }
        // A French article slips through until the next check at most, then
        // every article is checked again.
        let answers: Vec<_> = (0..20).map(|_| file.detect("Titre", fr)).collect();
        let first_fr = answers
            .iter()
            .position(|a| *a == Some("fr"))
            .expect("caught");
        assert!(first_fr < 16, "{first_fr}");
        assert!(
            answers[first_fr..first_fr + 4]
                .iter()
                .all(|a| *a == Some("fr"))
        );
    }

    #[test]
    fn east_asian_text_naming_latin_brands_keeps_its_language() {
        // Word-segmented Japanese (as corpora ship it) full of product names:
        // more Latin letters than kana or kanji of any one kind.
        let ja = "Intel 、 667 MHzFSB 搭載 の Itanium 2 発表\n米 Intel は 7 月 18 日 ( 米国 時間 )、 FSB \
                  ( フロント サイド バス ) クロック を 従来 の 400 MHz から 667 MHz に 引き上げ た \
                  Itanium 2 プロセッサ 2 種類 を 発表 し た。";
        assert_eq!(detect(ja), Some("ja"));
        assert_eq!(
            detect("苹果公司发布了新款 iPhone 和 MacBook Pro，售价与去年相同。"),
            Some("zh")
        );
        assert_eq!(
            detect("삼성전자는 오늘 새로운 Galaxy 스마트폰을 공개했다고 밝혔다."),
            Some("ko")
        );
        // An English story quoting a Japanese name is still English.
        assert_eq!(
            detect(
                "The company, known in Japan as 任天堂, said on Tuesday that sales of the console rose."
            ),
            Some("en")
        );
    }

    #[test]
    fn too_little_text_is_not_guessed() {
        assert_eq!(detect("Huawei"), None);
        assert_eq!(detect(""), None);
    }
}
