//! Bytes to text: BOM, declared charset, UTF-8 with stray legacy bytes, then
//! detection (`chardetng`) and decoding (`encoding_rs`).

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

/// Decodes `bytes` to text.
///
/// `declared` is the encoding the file names for itself (an HTML `<meta
/// charset>`); it wins over detection but not over a BOM or valid UTF-8.
/// Returns the text and the encoding used.
pub fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&'static Encoding>,
) -> (Cow<'a, str>, &'static Encoding) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), UTF_8);
    }
    if let Some(encoding) = declared.filter(|e| *e != UTF_8) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text, encoding);
    }
    let (valid_multibyte, invalid) = utf8_census(bytes);
    if valid_multibyte >= invalid || declared == Some(UTF_8) {
        // UTF-8 text with a few stray legacy bytes (a "£" saved as Latin-1):
        // keep the UTF-8 and read each stray byte as windows-1252.
        return (Cow::Owned(decode_patched_utf8(bytes)), UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text, encoding)
}

/// Whether the first kilobytes look like binary data rather than text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
}

/// The charset an HTML page declares in its first 4 KB, if any.
pub fn sniff_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)|<\?xml[^>]*encoding\s*=\s*["']([a-z0-9_:.\-]+)"#)
            .expect("valid regex")
    });
    let head = &bytes[..bytes.len().min(4096)];
    let caps = META.captures(head)?;
    let label = caps.get(1).or_else(|| caps.get(2))?;
    let encoding = Encoding::for_label(label.as_bytes())?;
    // A page that declares UTF-16 but was parsed as ASCII-compatible bytes
    // is really UTF-8 (the HTML standard's rule).
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(encoding)
}

fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let (mut valid_multibyte, mut invalid) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                return (valid_multibyte, invalid);
            }
            Err(e) => {
                let good = e.valid_up_to();
                // Safe slicing: `good` is a char boundary by construction.
                valid_multibyte += std::str::from_utf8(&rest[..good])
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                let bad = e.error_len().unwrap_or(rest.len() - good);
                invalid += bad;
                rest = &rest[good + bad..];
            }
        }
    }
}

fn decode_patched_utf8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good);
                let (patch, _) = WINDOWS_1252.decode_without_bom_handling(&rest[good..good + bad]);
                out.push_str(&patch);
                rest = &rest[good + bad..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_borrowed() {
        let (text, enc) = decode("Pompeo £5".as_bytes(), None);
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!((text.as_ref(), enc), ("Pompeo £5", UTF_8));
    }

    #[test]
    fn one_stray_latin1_byte_keeps_the_whole_text() {
        // "£" as UTF-8 then "£" as a lone Latin-1 byte (the BBC sport/199 case).
        let bytes = b"cost \xc2\xa310m and \xa35m more";
        let (text, _) = decode(bytes, None);
        assert_eq!(text, "cost £10m and £5m more");
    }

    #[test]
    fn a_whole_latin1_file_is_detected() {
        let bytes = b"Caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la fran\xe7aise, d\xe9j\xe0 vu";
        let (text, _) = decode(bytes, None);
        assert_eq!(text, "Café crème brûlée à la française, déjà vu");
    }

    #[test]
    fn declared_charset_wins_over_detection() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><body>\x93quoted\x94</body></html>";
        let declared = sniff_html_charset(page);
        assert_eq!(declared, Some(WINDOWS_1252));
        let (text, _) = decode(page, declared);
        assert!(text.contains("\u{201c}quoted\u{201d}"));
    }

    #[test]
    fn http_equiv_and_xml_declarations_are_sniffed() {
        let page = br#"<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">"#;
        assert_eq!(sniff_html_charset(page), Some(encoding_rs::SHIFT_JIS));
        let xml = br#"<?xml version="1.0" encoding="ISO-8859-2"?><html>"#;
        assert_eq!(sniff_html_charset(xml), Some(encoding_rs::ISO_8859_2));
    }

    #[test]
    fn bom_decides_utf16() {
        let bytes = [0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(decode(&bytes, None).0, "hi");
        assert!(!looks_binary(&bytes));
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
    }
}
