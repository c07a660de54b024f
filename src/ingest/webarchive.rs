//! Pages saved by Safari ("Web Archive", `.webarchive`): a property list,
//! usually binary, whose `WebMainResource` holds the page's bytes, its MIME
//! type, its text encoding and the address it was saved from, beside
//! `WebSubresources` (images, style sheets, scripts) and `WebSubframeArchives`
//! (frames, often adverts). byline reads the main resource; the rest is passed
//! over, as in a saved MHTML archive.

use encoding_rs::Encoding;

use super::mhtml::SavedPage;

/// The key every web archive holds at its root.
const MAIN_RESOURCE: &[u8] = b"WebMainResource";

/// Whether content is a web archive: a binary property list (`bplist00`) or an
/// XML one that names a `WebMainResource`. Other property lists (settings,
/// bookmarks) are not articles.
pub fn looks_like_archive(bytes: &[u8]) -> bool {
    let xml_plist = || {
        let head = &bytes[..bytes.len().min(1024)];
        head.trim_ascii_start().starts_with(b"<?xml")
            && memchr::memmem::find(head, b"<plist").is_some()
    };
    (bytes.starts_with(b"bplist00") || xml_plist())
        && memchr::memmem::find(bytes, MAIN_RESOURCE).is_some()
}

/// The page a web archive holds. An archive whose main resource is not a page
/// (an image or PDF saved from Safari) is an error naming what it holds.
pub fn main_page(bytes: &[u8]) -> Result<SavedPage, String> {
    let root = plist::Value::from_reader(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable Safari web archive ({e})"))?;
    let main = root
        .as_dictionary()
        .and_then(|d| d.get("WebMainResource"))
        .and_then(plist::Value::as_dictionary)
        .ok_or("Safari web archive without a main resource")?;
    let text = |key: &str| main.get(key).and_then(plist::Value::as_string);
    let mime = text("WebResourceMIMEType").unwrap_or("text/html");
    if !is_page(mime) {
        // A damaged archive can name anything here: keep the message one short line.
        let mime: String = mime.chars().take(40).flat_map(char::escape_debug).collect();
        return Err(format!(
            "Safari web archive holds no HTML page (its main resource is {mime})"
        ));
    }
    let html = main
        .get("WebResourceData")
        .and_then(plist::Value::as_data)
        .ok_or("Safari web archive's main resource has no data")?
        .to_vec();
    Ok(SavedPage {
        html,
        charset: text("WebResourceTextEncodingName")
            .and_then(|label| Encoding::for_label(label.trim().as_bytes())),
        url: super::mhtml::web_address(text("WebResourceURL").map(str::to_string)),
    })
}

fn is_page(mime: &str) -> bool {
    let mime = mime.trim();
    ["text/html", "application/xhtml+xml"]
        .iter()
        .any(|page| mime.eq_ignore_ascii_case(page))
}

#[cfg(test)]
mod tests {
    use super::*;
    use plist::{Dictionary, Value};

    fn resource(mime: &str, encoding: Option<&str>, url: &str, data: &[u8]) -> Value {
        let mut d = Dictionary::new();
        d.insert("WebResourceData".into(), Value::Data(data.to_vec()));
        d.insert("WebResourceFrameName".into(), Value::String(String::new()));
        d.insert("WebResourceMIMEType".into(), Value::String(mime.into()));
        if let Some(encoding) = encoding {
            d.insert(
                "WebResourceTextEncodingName".into(),
                Value::String(encoding.into()),
            );
        }
        d.insert("WebResourceURL".into(), Value::String(url.into()));
        Value::Dictionary(d)
    }

    fn archive(main: Value, binary: bool) -> Vec<u8> {
        let mut root = Dictionary::new();
        root.insert("WebMainResource".into(), main);
        root.insert(
            "WebSubresources".into(),
            Value::Array(vec![resource(
                "text/css",
                None,
                "https://news.example/site.css",
                b"p { color: red }",
            )]),
        );
        let mut out = Vec::new();
        if binary {
            Value::Dictionary(root).to_writer_binary(&mut out)
        } else {
            Value::Dictionary(root).to_writer_xml(&mut out)
        }
        .expect("plist written");
        out
    }

    #[test]
    fn the_main_resource_is_the_page() {
        for binary in [true, false] {
            let bytes = archive(
                resource(
                    "text/html",
                    Some("ISO-8859-1"),
                    "https://news.example/story",
                    b"<html><p>Caf\xe9 society</p></html>",
                ),
                binary,
            );
            assert!(looks_like_archive(&bytes), "binary: {binary}");
            let page = main_page(&bytes).expect("page");
            assert_eq!(page.html, b"<html><p>Caf\xe9 society</p></html>");
            assert_eq!(page.charset, Some(encoding_rs::WINDOWS_1252));
            assert_eq!(page.url.as_deref(), Some("https://news.example/story"));
        }
    }

    #[test]
    fn an_archive_of_an_image_is_refused_by_name() {
        let bytes = archive(
            resource("image/png", None, "https://news.example/a.png", b"\x89PNG"),
            true,
        );
        assert_eq!(
            main_page(&bytes).unwrap_err(),
            "Safari web archive holds no HTML page (its main resource is image/png)"
        );
        let odd = "text/ht\nml".repeat(20);
        let bytes = archive(resource(&odd, None, "https://news.example/", b"x"), true);
        let message = main_page(&bytes).unwrap_err();
        assert!(!message.contains('\n') && message.len() < 140, "{message}");
    }

    #[test]
    fn other_property_lists_are_not_archives() {
        let mut settings = Dictionary::new();
        settings.insert("ShowTabBar".into(), Value::Boolean(true));
        let mut bytes = Vec::new();
        Value::Dictionary(settings)
            .to_writer_binary(&mut bytes)
            .expect("plist written");
        assert!(!looks_like_archive(&bytes));
        assert!(!looks_like_archive(b"bplist00"));
        assert!(
            main_page(b"bplist00WebMainResource")
                .unwrap_err()
                .starts_with("not a readable Safari web archive")
        );
    }

    #[test]
    fn a_file_address_is_not_the_article_url() {
        let bytes = archive(
            resource(
                "text/html",
                Some("UTF-8"),
                "file:///Users/a/x.html",
                b"<p>x</p>",
            ),
            true,
        );
        assert_eq!(main_page(&bytes).expect("page").url, None);
    }
}
