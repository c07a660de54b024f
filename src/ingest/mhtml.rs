//! Pages saved as one file (a browser's "Webpage, Single File": `.mhtml`,
//! `.mht`): a MIME `multipart/related` message holding the page, quoted-printable
//! or base64 encoded, beside its style sheets, images and frames. byline reads
//! the page itself and the address it was saved from; the rest is passed over.

use encoding_rs::Encoding;
use mailparse::{MailHeaderMap, ParsedMail};

/// The page inside a saved archive.
#[derive(Debug)]
pub struct SavedPage {
    /// The page's HTML, transfer encoding undone (still in its own charset).
    pub html: Vec<u8>,
    /// The charset the archive declares for the page, if it does.
    pub charset: Option<&'static Encoding>,
    /// The address the page was saved from.
    pub url: Option<String>,
}

/// Whether content starts like a MIME archive of a page: mail-style headers
/// that declare a `multipart/related` body (or a lone HTML part).
pub fn looks_like_archive(head: &[u8]) -> bool {
    let head = &head[..head.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let starts_with_header = [
        &b"from:"[..],
        b"mime-version:",
        b"content-type:",
        b"snapshot-content-location:",
        b"subject:",
        b"date:",
    ]
    .iter()
    .any(|h| lower.starts_with(h));
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    starts_with_header && has(b"mime-version:") && has(b"multipart/related")
}

/// The page a saved archive holds: the HTML part saved from the archive's
/// own address, else its first HTML part. An archive without one is an error
/// naming what it holds.
pub fn main_page(bytes: &[u8]) -> Result<SavedPage, String> {
    let mail =
        mailparse::parse_mail(bytes).map_err(|e| format!("not a readable MHTML archive ({e})"))?;
    let location = web_address(
        mail.headers
            .get_first_value("Snapshot-Content-Location")
            .or_else(|| mail.headers.get_first_value("Content-Location")),
    );
    let mut pages = Vec::new();
    html_parts(&mail, &mut pages);
    let part = pages
        .iter()
        .find(|p| location.is_some() && part_location(p) == location)
        .or_else(|| pages.first())
        .ok_or_else(|| {
            format!(
                "MHTML archive holds no HTML page (its content is {})",
                mail.ctype.mimetype
            )
        })?;
    let html = part
        .get_body_raw()
        .map_err(|e| format!("MHTML page cannot be decoded ({e})"))?;
    let charset = part
        .ctype
        .params
        .get("charset")
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()));
    Ok(SavedPage {
        html,
        charset,
        url: location.or_else(|| part_location(part)),
    })
}

/// The `text/html` parts of a message, depth first.
fn html_parts<'a>(part: &'a ParsedMail<'a>, out: &mut Vec<&'a ParsedMail<'a>>) {
    if part.subparts.is_empty() {
        if part.ctype.mimetype.eq_ignore_ascii_case("text/html") {
            out.push(part);
        }
    } else {
        for sub in &part.subparts {
            html_parts(sub, out);
        }
    }
}

fn part_location(part: &ParsedMail<'_>) -> Option<String> {
    web_address(part.headers.get_first_value("Content-Location"))
}

/// A location's value when it is a web address (not `cid:` or a file).
pub(super) fn web_address(location: Option<String>) -> Option<String> {
    location
        .map(|l| l.trim().to_string())
        .filter(|l| l.starts_with("http://") || l.starts_with("https://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDARY: &str = "----MultipartBoundary--abc----";

    fn archive(parts: &[(&str, &str, &str, &str)]) -> Vec<u8> {
        let mut out = format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/story\r\n\
             Subject: Story\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\
             \ttype=\"text/html\";\r\n\tboundary=\"{BOUNDARY}\"\r\n\r\n\r\n"
        );
        for (ctype, encoding, location, body) in parts {
            out.push_str(&format!(
                "--{BOUNDARY}\r\nContent-Type: {ctype}\r\nContent-Transfer-Encoding: {encoding}\r\n\
                 Content-Location: {location}\r\n\r\n{body}\r\n"
            ));
        }
        out.push_str(&format!("--{BOUNDARY}--\r\n"));
        out.into_bytes()
    }

    #[test]
    fn the_saved_page_is_found_and_its_transfer_encoding_undone() {
        let bytes = archive(&[
            (
                "text/html",
                "quoted-printable",
                "https://ads.example/frame",
                "<p>an advert</p>",
            ),
            (
                "text/css",
                "quoted-printable",
                "cid:css@mhtml.blink",
                "p { color: red }",
            ),
            (
                "text/html; charset=windows-1252",
                "quoted-printable",
                "https://news.example/story",
                "<html lang=3D\"en\"><p>What=E2=80=99s under=\r\nneath</p></html>",
            ),
        ]);
        assert!(looks_like_archive(&bytes));
        let page = main_page(&bytes).expect("page");
        assert_eq!(
            String::from_utf8(page.html).expect("utf-8"),
            "<html lang=\"en\"><p>What\u{2019}s underneath</p></html>"
        );
        assert_eq!(page.url.as_deref(), Some("https://news.example/story"));
        assert_eq!(page.charset, Some(encoding_rs::WINDOWS_1252));
    }

    #[test]
    fn base64_pages_and_archives_without_a_matching_address_are_read() {
        let bytes = archive(&[(
            "text/html",
            "base64",
            "https://elsewhere.example/",
            "PGgxPkhlYWRsaW5lPC9oMT4=",
        )]);
        let page = main_page(&bytes).expect("page");
        assert_eq!(page.html, b"<h1>Headline</h1>");
        assert_eq!(page.charset, None);
    }

    #[test]
    fn an_archive_without_a_page_is_an_error_and_plain_pages_are_not_archives() {
        let bytes = archive(&[("image/png", "base64", "https://x.example/a.png", "iVBO")]);
        let err = main_page(&bytes).expect_err("no page");
        assert!(err.contains("no HTML page"), "{err}");
        assert!(!looks_like_archive(b"<!DOCTYPE html><html></html>"));
        assert!(!looks_like_archive(
            b"From: a reader\nSubject: a letter\n\nDear editor, multipart/related"
        ));
    }
}
