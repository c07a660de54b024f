//! Which reader a file needs: by its extension first, then by sniffing its
//! first bytes (a `.txt` that is really a saved page is read as HTML).

use std::path::Path;

/// The formats byline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A plain-text article (headline first, optional kicker, date and byline lines).
    Text,
    /// A Markdown article, with or without YAML front matter (a clipped page).
    Markdown,
    /// A saved web page.
    Html,
    /// A web page saved as one file with its resources (`.mhtml`, `.mht`).
    Mhtml,
    /// A web page saved by Safari as one file (`.webarchive`, a property list).
    WebArchive,
    /// An e-mail message saved to disk (`.eml`): a newsletter or news alert.
    Email,
    /// An RSS or Atom feed, one article per item.
    Feed,
    /// One JSON article, an array of them, or an API response holding them.
    Json,
    /// One JSON article per line.
    JsonLines,
    /// A newswire archive in the Reuters-21578 SGML layout.
    Newswire,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
}

impl Format {
    /// Lower-case name used in messages and summaries.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Mhtml => "mhtml",
            Format::WebArchive => "webarchive",
            Format::Feed => "feed",
            Format::Email => "email",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Newswire => "sgml",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }
}

/// Why a file named on the command line is passed over when it is none of
/// the formats above.
pub const NOT_AN_ARTICLE: &str = "not an article format byline reads (web pages, saved pages, text, Markdown, JSON, CSV, feeds, e-mail, SGML)";

/// What a path's name says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// The extension names a format byline reads.
    Known(Format),
    /// The extension names something that is never an article (images,
    /// scripts, style sheets, archives…): not opened at all.
    NotArticle,
    /// No extension, or one byline does not know: look at the content.
    Unknown,
}

/// Whether a Markdown file's name is one a project or data set gives its own
/// documentation.
fn is_folder_documentation(path: &Path) -> bool {
    const NAMES: &[&str] = &[
        "readme",
        "license",
        "licence",
        "changelog",
        "changes",
        "contributing",
        "copying",
        "authors",
        "notice",
        "code_of_conduct",
        "security",
        "provenance",
    ];
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|stem| NAMES.contains(&stem.to_ascii_lowercase().as_str()))
}

/// Classifies a path by its extension (case-insensitive; `.gz` is looked through).
pub fn kind_of(path: &Path) -> PathKind {
    let Some(mut ext) = path.extension().and_then(|e| e.to_str()) else {
        return PathKind::Unknown;
    };
    if ext.eq_ignore_ascii_case("gz") {
        // Compressed: what counts is the name inside, "page.html.gz" → "html".
        match Path::new(path.file_stem().unwrap_or_default())
            .extension()
            .and_then(|e| e.to_str())
        {
            Some(inner) => ext = inner,
            None => return PathKind::Unknown,
        }
    }
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" | "xhtml" | "shtml" => PathKind::Known(Format::Html),
        "mhtml" | "mht" => PathKind::Known(Format::Mhtml),
        "webarchive" => PathKind::Known(Format::WebArchive),
        "rss" | "atom" => PathKind::Known(Format::Feed),
        "eml" => PathKind::Known(Format::Email),
        "json" => PathKind::Known(Format::Json),
        "jsonl" | "ndjson" | "jsonlines" => PathKind::Known(Format::JsonLines),
        "txt" | "text" => PathKind::Known(Format::Text),
        // A folder's own documentation (README.md, LICENSE.md…) is no article.
        "md" | "markdown" | "mdown" | "mkd" if is_folder_documentation(path) => {
            PathKind::NotArticle
        }
        "md" | "markdown" | "mdown" | "mkd" => PathKind::Known(Format::Markdown),
        "sgm" | "sgml" => PathKind::Known(Format::Newswire),
        "csv" => PathKind::Known(Format::Csv),
        "tsv" | "tab" => PathKind::Known(Format::Tsv),
        "css" | "js" | "mjs" | "map" | "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "ico"
        | "bmp" | "tif" | "tiff" | "avif" | "woff" | "woff2" | "ttf" | "otf" | "eot" | "mp3"
        | "mp4" | "m4a" | "webm" | "ogg" | "wav" | "mov" | "avi" | "pdf" | "zip" | "tar" | "7z"
        | "rar" | "bz2" | "xz" | "zst" | "exe" | "dll" | "so" | "dylib" | "o" | "a" | "class"
        | "jar" | "wasm" | "pyc" | "db" | "sqlite" | "lock" | "rs" | "py" | "c" | "h" | "go"
        | "java" | "toml" | "yaml" | "yml" | "ini" | "cfg" | "sh" | "bat" | "ps1" | "swp"
        | "tmp" | "part" | "crdownload" => PathKind::NotArticle,
        _ => PathKind::Unknown,
    }
}

/// Guesses a format from content, or `None` when it is not an article format.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if crate::ingest::webarchive::looks_like_archive(bytes) {
        return Some(Format::WebArchive);
    }
    let head = &bytes[..bytes.len().min(2048)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    let lower: Vec<u8> = head.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if has(b"<!doctype lewis") || lower.starts_with(b"<reuters") {
        return Some(Format::Newswire);
    }
    // A message's headers can run past the head (long `Received:` chains).
    if crate::ingest::email::looks_like_message(bytes.trim_ascii_start()) {
        return Some(Format::Email);
    }
    if crate::ingest::mhtml::looks_like_archive(head) {
        return Some(Format::Mhtml);
    }
    if crate::ingest::feed::looks_like_feed(head) {
        return Some(Format::Feed);
    }
    if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<") && (has(b"<html") || has(b"<head") || has(b"<body")))
    {
        return Some(Format::Html);
    }
    match head[0] {
        b'[' => Some(Format::Json),
        b'{' => {
            // Several objects on separate lines → JSON Lines.
            let first_line_end = head.iter().position(|&b| b == b'\n');
            match first_line_end {
                Some(end)
                    if head[..end].trim_ascii_end().ends_with(b"}")
                        && head[end..].trim_ascii_start().starts_with(b"{") =>
                {
                    Some(Format::JsonLines)
                }
                _ => Some(Format::Json),
            }
        }
        _ if crate::ingest::decode::looks_binary(bytes) => None,
        _ => Some(Format::Text),
    }
}

/// Decides the format of a file from its name and content.
///
/// `Ok(None)` means the file is not an article and should be passed over
/// quietly; `Err` says why a file that claims to be an article is not one.
pub fn detect(path: &Path, bytes: &[u8]) -> Result<Option<Format>, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    let sniffed = sniff(bytes);
    match kind_of(path) {
        PathKind::NotArticle => Ok(None),
        PathKind::Known(format) => match (format, sniffed) {
            (_, None) => Err(format!(
                "binary content, not {}",
                match format {
                    Format::Html => "an HTML page",
                    Format::Mhtml => "a saved page (MHTML)",
                    Format::WebArchive => "a Safari web archive",
                    Format::Feed => "an RSS or Atom feed",
                    Format::Email => "an e-mail message",
                    Format::Text => "text",
                    Format::Markdown => "Markdown",
                    Format::Json | Format::JsonLines => "JSON",
                    Format::Newswire => "an SGML archive",
                    Format::Csv | Format::Tsv => "a table",
                }
            )),
            // A page saved as .txt, or JSON Lines saved as .json.
            (Format::Text, Some(Format::Html)) => Ok(Some(Format::Html)),
            (Format::Json, Some(Format::JsonLines)) => Ok(Some(Format::JsonLines)),
            (Format::JsonLines, Some(Format::Json)) => Ok(Some(Format::Json)),
            (Format::Text, Some(Format::Newswire)) => Ok(Some(Format::Newswire)),
            // A page saved as one file under another name, or a plain page
            // named .mhtml.
            (Format::Html | Format::Text, Some(Format::Mhtml)) => Ok(Some(Format::Mhtml)),
            (Format::Mhtml, Some(Format::Html)) => Ok(Some(Format::Html)),
            // A Safari archive under another name; a plain page named .webarchive.
            (_, Some(Format::WebArchive)) => Ok(Some(Format::WebArchive)),
            (Format::WebArchive, Some(Format::Html)) => Ok(Some(Format::Html)),
            // A feed saved as .txt, or a page named .rss.
            (Format::Text, Some(Format::Feed)) => Ok(Some(Format::Feed)),
            (Format::Feed, Some(Format::Html)) => Ok(Some(Format::Html)),
            // A message saved as .txt.
            (Format::Text, Some(Format::Email)) => Ok(Some(Format::Email)),
            (format, Some(_)) => Ok(Some(format)),
        },
        PathKind::Unknown => Ok(match sniffed {
            // Unknown extensions are only read when the content is plainly an
            // article format; a bare text file must have no extension at all.
            Some(Format::Text) if path.extension().is_some() => None,
            other => other,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_decide_first() {
        assert_eq!(
            kind_of(Path::new("a/B.HTML")),
            PathKind::Known(Format::Html)
        );
        assert_eq!(
            kind_of(Path::new("a.ndjson")),
            PathKind::Known(Format::JsonLines)
        );
        assert_eq!(kind_of(Path::new("logo.png")), PathKind::NotArticle);
        assert_eq!(kind_of(Path::new("README")), PathKind::Unknown);
        assert_eq!(
            kind_of(Path::new("Clippings/Harbour wall.md")),
            PathKind::Known(Format::Markdown)
        );
        assert_eq!(kind_of(Path::new("README.md")), PathKind::NotArticle);
        assert_eq!(
            kind_of(Path::new("corpus/PROVENANCE.md")),
            PathKind::NotArticle
        );
        assert_eq!(
            kind_of(Path::new("p.html.gz")),
            PathKind::Known(Format::Html)
        );
        assert_eq!(kind_of(Path::new("a.tsv.GZ")), PathKind::Known(Format::Tsv));
        assert_eq!(kind_of(Path::new("logs.tar.gz")), PathKind::NotArticle);
    }

    #[test]
    fn content_is_sniffed() {
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Some(Format::Html));
        assert_eq!(sniff(b"\xef\xbb\xbf[{\"title\":1}]"), Some(Format::Json));
        assert_eq!(sniff(b"{\"a\":1}\n{\"a\":2}\n"), Some(Format::JsonLines));
        assert_eq!(sniff(b"{\n  \"a\": 1\n}"), Some(Format::Json));
        assert_eq!(sniff(b"Headline\n\nBody."), Some(Format::Text));
        assert_eq!(sniff(b"\x00\x01\x02binary"), None);
    }

    #[test]
    fn pages_saved_as_one_file_are_archives_whatever_their_name() {
        let archive = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n";
        assert_eq!(
            kind_of(Path::new("Story.MHT")),
            PathKind::Known(Format::Mhtml)
        );
        for name in ["story.mhtml", "story.html", "story.txt", "story"] {
            assert_eq!(
                detect(Path::new(name), archive),
                Ok(Some(Format::Mhtml)),
                "{name}"
            );
        }
        assert_eq!(
            detect(Path::new("page.mhtml"), b"<html><body>x</body></html>"),
            Ok(Some(Format::Html))
        );
    }

    #[test]
    fn feeds_are_known_by_name_or_by_their_root() {
        let rss = b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>";
        assert_eq!(
            kind_of(Path::new("news.RSS")),
            PathKind::Known(Format::Feed)
        );
        for name in ["news.rss", "news.xml", "news.txt", "news"] {
            assert_eq!(
                detect(Path::new(name), rss),
                Ok(Some(Format::Feed)),
                "{name}"
            );
        }
        // Other XML is passed over.
        assert_eq!(
            detect(
                Path::new("drawing.xml"),
                b"<?xml version=\"1.0\"?><svg></svg>"
            ),
            Ok(None)
        );
    }

    #[test]
    fn a_page_saved_as_txt_is_html() {
        let got = detect(Path::new("page.txt"), b"<html><body>x</body></html>");
        assert_eq!(got, Ok(Some(Format::Html)));
    }

    #[test]
    fn binary_named_html_is_an_error_and_empty_files_too() {
        assert!(detect(Path::new("x.html"), b"\x89PNG\0\0\0").is_err());
        assert_eq!(
            detect(Path::new("x.txt"), b" \n "),
            Err("empty file".into())
        );
    }

    #[test]
    fn unknown_extensions_need_markup() {
        assert_eq!(detect(Path::new("notes.bin"), b"# Title\n\ntext"), Ok(None));
        assert_eq!(
            detect(Path::new("page.php"), b"<!doctype html><p>x"),
            Ok(Some(Format::Html))
        );
        assert_eq!(
            detect(Path::new("STORY"), b"Title\n\nBody"),
            Ok(Some(Format::Text))
        );
    }
}
