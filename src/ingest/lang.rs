//! Language detection for articles whose source does not say (`whatlang`),
//! reported as ISO 639-1 codes like the `lang` attributes pages carry.

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
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    two_letter(info.lang().code())
}

/// Language detection for the articles of one file (a JSON Lines export, a
/// newswire archive): once several articles in a row agree, only every
/// sixteenth is checked, and any disagreement returns to checking every
/// article. Detection costs tens of microseconds an article, a large share of
/// reading a million-line export; files from one source rarely switch
/// language, and a mixed file is caught within a few articles.
#[derive(Debug, Default)]
pub struct FileLanguage {
    current: Option<&'static str>,
    agreeing: u32,
    unchecked: u32,
}

impl FileLanguage {
    /// Agreeing detections before the language is trusted.
    const TRUST_AFTER: u32 = 4;
    /// Articles assumed between two checks once trusted.
    const CHECK_EVERY: u32 = 16;

    /// The language of the next article of the file.
    pub fn detect(&mut self, title: &str, body: &str) -> Option<&'static str> {
        if self.agreeing >= Self::TRUST_AFTER && self.unchecked + 1 < Self::CHECK_EVERY {
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

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// ISO 639-3 (as whatlang names languages) to ISO 639-1.
fn two_letter(code: &str) -> Option<&'static str> {
    Some(match code {
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
    fn too_little_text_is_not_guessed() {
        assert_eq!(detect("Huawei"), None);
        assert_eq!(detect(""), None);
    }
}
