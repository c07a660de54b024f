//! Language detection for articles whose source does not say (`whatlang`),
//! reported as ISO 639-1 codes like the `lang` attributes pages carry.

/// Detects the language of `text`; `None` when unsure or when the language
/// has no two-letter code.
pub fn detect(text: &str) -> Option<&'static str> {
    // A few thousand characters decide as well as a whole article.
    let sample = match text.char_indices().nth(3000) {
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
    fn too_little_text_is_not_guessed() {
        assert_eq!(detect("Huawei"), None);
        assert_eq!(detect(""), None);
    }
}
