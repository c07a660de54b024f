//! Ingest: from paths on disk to normalised [`Article`]s.
//!
//! [`walk`] finds files (hidden files and byline indexes skipped),
//! [`read_file`] decodes one ([`decode`]), picks its reader ([`detect`]) and
//! runs it ([`text`], [`html`], [`json`]); every article then goes through
//! [`Article::normalise`]. Nothing here holds more than one file at a time.

pub mod clean;
pub mod date;
pub mod decode;
pub mod delimited;
pub mod detect;
pub mod email;
pub mod feed;
pub mod html;
pub mod json;
pub mod lang;
pub mod markdown;
pub mod mhtml;
pub mod sgml;
pub mod stream;
pub mod text;
pub mod webarchive;
pub mod wikitext;

use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::error::{Error, Result};
use crate::index::is_index_dir;
pub use detect::Format;

/// The version of the readers. Raise it with every change that makes a file
/// read differently (a new rule in extraction, clean-up or decoding): an
/// index run reads again every file that an older version read, even when
/// the file has not changed, so that upgrading byline and indexing the same
/// folder brings every article up to date.
pub const READER_VERSION: u64 = 21;

/// What a reader made of one file: articles with their place in the file, and
/// problems with parts of it (a bad JSON line) that did not stop the rest.
#[derive(Debug, Default)]
pub struct Parsed {
    /// `(ordinal, article)` pairs; the ordinal feeds the article's stable id.
    pub articles: Vec<(usize, Article)>,
    /// One line per part of the file that could not be read.
    pub problems: Vec<String>,
}

/// The articles of one file, normalised and located.
#[derive(Debug)]
pub struct FileArticles {
    /// The file as found (canonical when possible).
    pub path: PathBuf,
    /// Which reader was used.
    pub format: Format,
    /// Its articles, in file order.
    pub articles: Vec<Article>,
    /// Parts of the file that were skipped, one line each.
    pub problems: Vec<String>,
}

/// Limits that apply to every file read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this many bytes are skipped with a reason.
    pub max_file_size: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: 64 * 1024 * 1024,
        }
    }
}

/// Reads one file. `Ok(None)` means the file is not an article format and
/// was passed over (a stylesheet, an image).
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<Option<FileArticles>> {
    if detect::kind_of(path) == detect::PathKind::NotArticle {
        return Ok(None);
    }
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if metadata.is_dir() {
        return Err(Error::unreadable(path, "is a directory"));
    }
    if !metadata.is_file() {
        // A FIFO or device would block or never end.
        return Err(Error::unreadable(path, "not a regular file"));
    }
    if metadata.len() > options.max_file_size {
        return Err(Error::unreadable(
            path,
            format!(
                "file too large ({} > limit {}; see --max-file-size)",
                human_bytes(metadata.len()),
                human_bytes(options.max_file_size)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    parse_bytes_with_limit(&canonical, &bytes, options.max_file_size).map_err(|e| e.with_path(path))
}

/// Reads decoded text in its format; `Err` is the reason the whole file is
/// unusable.
fn read_text(format: Format, text: &str) -> std::result::Result<Parsed, String> {
    let one = |article| Parsed {
        articles: vec![(0, article)],
        problems: Vec::new(),
    };
    Ok(match format {
        Format::Text => one(text::parse_text(text)),
        Format::Markdown => one(markdown::parse_markdown(text)),
        Format::Html | Format::Mhtml | Format::WebArchive => {
            if html::nesting_depth(text, html::MAX_NESTING) > html::MAX_NESTING {
                return Err(format!(
                    "HTML nested too deeply (over {} levels)",
                    html::MAX_NESTING
                ));
            }
            one(html::parse_html(text))
        }
        Format::Json => json::parse_json(text)?,
        Format::JsonLines => json::parse_json_lines(text),
        Format::Newswire => sgml::parse_newswire(text),
        Format::Feed => feed::parse_feed(text.as_bytes())?,
        Format::Email => email::parse_email(text.as_bytes())?,
        Format::Csv => delimited::parse_delimited(text, b',')?,
        Format::Tsv => delimited::parse_delimited(text, b'\t')?,
    })
}

/// Parses a file's bytes as if read from `path` (used for its name and the
/// articles' ids). Gzip-compressed content is decompressed first.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Option<FileArticles>> {
    parse_bytes_with_limit(path, bytes, ReadOptions::default().max_file_size)
}

/// [`parse_bytes`] with a limit on the decompressed size of gzip content.
pub fn parse_bytes_with_limit(
    path: &Path,
    bytes: &[u8],
    max_size: u64,
) -> Result<Option<FileArticles>> {
    parse_bytes_in(path, bytes, max_size, &mut lang::FileLanguage::default())
}

/// [`parse_bytes_with_limit`], detecting languages with `language` (shared by
/// the files one worker reads in a row).
pub fn parse_bytes_in(
    path: &Path,
    bytes: &[u8],
    max_size: u64,
    language: &mut lang::FileLanguage,
) -> Result<Option<FileArticles>> {
    let inflated;
    let (bytes, detect_path) = if bytes.starts_with(&[0x1f, 0x8b]) {
        inflated = gunzip(bytes, max_size).map_err(|reason| Error::unreadable(path, reason))?;
        // "page.html.gz" is read as "page.html".
        let inner = if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
        {
            path.with_extension("")
        } else {
            path.to_path_buf()
        };
        (inflated.as_slice(), inner)
    } else if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        return Err(Error::unreadable(
            path,
            "not gzip data despite the .gz name",
        ));
    } else {
        (bytes, path.to_path_buf())
    };
    let format = match detect::detect(&detect_path, bytes) {
        Ok(Some(format)) => format,
        Ok(None) => return Ok(None),
        Err(reason) => return Err(Error::unreadable(path, reason)),
    };
    let saved;
    let (bytes, saved_from, declared) = match format {
        Format::Mhtml | Format::WebArchive => {
            let unpack = if format == Format::Mhtml {
                mhtml::main_page
            } else {
                webarchive::main_page
            };
            saved = unpack(bytes).map_err(|reason| Error::unreadable(path, reason))?;
            let declared = saved
                .charset
                .or_else(|| decode::sniff_html_charset(&saved.html));
            (saved.html.as_slice(), saved.url.as_deref(), declared)
        }
        Format::Html => (bytes, None, decode::sniff_html_charset(bytes)),
        _ => (bytes, None, None),
    };
    let parsed = match format {
        // The feed's XML reader decodes what the feed declares.
        Format::Feed => feed::parse_feed(bytes),
        // A message's parts declare their own charsets.
        Format::Email => email::parse_email(bytes),
        _ => read_text(format, &decode::decode(bytes, declared).0),
    }
    .map_err(|reason| Error::unreadable(path, reason))?;
    let mut articles = Vec::with_capacity(parsed.articles.len());
    let mut problems = parsed.problems;
    for (ordinal, mut article) in parsed.articles {
        article.locate(path, ordinal);
        if let (None, Some(url)) = (&article.url, saved_from) {
            // The address a page was saved from, when it names none itself.
            article.url = Some(url.to_string());
            if article.site.is_none() {
                article.site = crate::article::site_from_url(url);
            }
        }
        article.normalise();
        if article.lang.is_none() {
            article.lang = language
                .detect(&article.title, &article.body)
                .map(str::to_string);
        }
        if article.body.is_empty() && article.title.is_empty() {
            problems.push(
                if ordinal == 0
                    && matches!(
                        format,
                        Format::Text
                            | Format::Markdown
                            | Format::Html
                            | Format::Mhtml
                            | Format::WebArchive
                            | Format::Email
                    )
                {
                    "no article text found".to_string()
                } else {
                    format!("article {}: no text found", ordinal + 1)
                },
            );
            continue;
        }
        articles.push(article);
    }
    if articles.is_empty() && problems.is_empty() {
        problems.push("no articles found".to_string());
    }
    if articles.is_empty() {
        // Nothing usable: the file as a whole is the problem.
        let reason = if problems.len() == 1 {
            problems.remove(0)
        } else {
            format!(
                "no usable articles ({} problems, first: {})",
                problems.len(),
                problems[0]
            )
        };
        return Err(Error::unreadable(path, reason));
    }
    Ok(Some(FileArticles {
        path: path.to_path_buf(),
        format,
        articles,
        problems,
    }))
}

/// Decompresses gzip data, refusing to grow past `max_size` bytes.
fn gunzip(bytes: &[u8], max_size: u64) -> std::result::Result<Vec<u8>, String> {
    use std::io::Read;
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    match decoder.take(max_size + 1).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > max_size => Err(format!(
            "decompressed content larger than the limit {} (see --max-file-size)",
            human_bytes(max_size)
        )),
        Ok(_) => Ok(out),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err("truncated gzip data".to_string())
        }
        Err(e) => Err(format!("corrupt gzip data: {e}")),
    }
}

/// One thing found while walking.
#[derive(Debug)]
pub enum Found {
    /// A file to read.
    File(PathBuf),
    /// A path that could not be walked (missing, unreadable, a link loop).
    Problem(Error),
}

/// Walks `paths` (files and folders, recursively) in a stable order.
///
/// Hidden files and folders are skipped, as is any byline index found inside
/// the paths (so an index kept beside the articles is never read as input).
/// Symbolic links are followed when `follow_links` is set.
pub fn walk(paths: &[PathBuf], follow_links: bool) -> impl Iterator<Item = Found> + use<> {
    let mut builder = match paths.split_first() {
        Some((first, rest)) => {
            let mut b = ignore::WalkBuilder::new(first);
            for p in rest {
                b.add(p);
            }
            b
        }
        None => ignore::WalkBuilder::new("."),
    };
    builder
        .standard_filters(false)
        .hidden(true)
        .follow_links(follow_links)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(|entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && entry.depth() > 0
                && (is_index_dir(entry.path()) || holds_saved_page_resources(entry.path())))
        });
    builder.build().filter_map(|entry| match entry {
        Ok(entry) => {
            let kind = entry.file_type();
            let is_file = kind.is_some_and(|t| t.is_file() || t.is_symlink());
            let is_dir = kind.is_some_and(|t| t.is_dir());
            if is_file {
                Some(Found::File(entry.into_path()))
            } else if entry.depth() == 0 && !is_dir {
                // Named on the command line but a FIFO, socket or device.
                Some(Found::Problem(Error::unreadable(
                    entry.into_path(),
                    "not a regular file",
                )))
            } else {
                None
            }
        }

        Err(err) => Some(Found::Problem(walk_error(err))),
    })
}

/// Whether a folder holds the resources of a page saved beside it (a
/// browser's "Webpage, Complete": `Story.html` and `Story_files/`). Its
/// frames and widgets are HTML too, but adverts and embeds, not articles.
fn holds_saved_page_resources(dir: &Path) -> bool {
    let Some(stem) = dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix("_files"))
        .filter(|s| !s.is_empty())
    else {
        return false;
    };
    ["html", "htm", "xhtml", "shtml"]
        .iter()
        .any(|ext| dir.with_file_name(format!("{stem}.{ext}")).is_file())
}

fn walk_error(err: ignore::Error) -> Error {
    walk_error_at(err, None)
}

/// Unwraps the walker's layers (path, depth) down to the cause.
fn walk_error_at(err: ignore::Error, at: Option<PathBuf>) -> Error {
    match err {
        ignore::Error::WithPath { path, err } => walk_error_at(*err, Some(path)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_at(*err, at)
        }
        ignore::Error::Loop { child, ancestor } => Error::unreadable(
            child,
            format!("symbolic link loop (back to {})", ancestor.display()),
        ),
        // The walker words its own message around the OS error: keep the OS's.
        ignore::Error::Io(io) => {
            let path = at.unwrap_or_default();
            match os_error_code(&io) {
                Some(code) => Error::io(path, std::io::Error::from_raw_os_error(code)),
                None => Error::io(path, io),
            }
        }
        other => Error::unreadable(at.unwrap_or_default(), other.to_string()),
    }
}

/// The OS error code inside an I/O error, looking through the walker's wrapping.
fn os_error_code(err: &std::io::Error) -> Option<i32> {
    err.raw_os_error().or_else(|| {
        let mut cause = err
            .get_ref()
            .map(|e| e as &(dyn std::error::Error + 'static));
        while let Some(e) = cause {
            if let Some(code) = e
                .downcast_ref::<std::io::Error>()
                .and_then(std::io::Error::raw_os_error)
            {
                return Some(code);
            }
            cause = e.source();
        }
        None
    })
}

/// `1536` → `"1.5 KB"`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_is_read_through_and_truncation_is_an_error() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"<html><title>Zipped</title><body><p>Inside a gzip file, long enough to be text, with commas, yes.</p></body></html>")
            .expect("compress");
        let gz = enc.finish().expect("compress");
        let file = parse_bytes(Path::new("/x/page.html.gz"), &gz)
            .expect("reads")
            .expect("article");
        assert_eq!(file.format, Format::Html);
        assert_eq!(file.articles[0].title, "Zipped");
        let err =
            parse_bytes(Path::new("/x/page.html.gz"), &gz[..gz.len() / 2]).expect_err("truncated");
        assert!(err.to_string().contains("truncated gzip"), "{err}");
        let err =
            parse_bytes_with_limit(Path::new("/x/page.html.gz"), &gz, 10).expect_err("too big");
        assert!(err.to_string().contains("larger than the limit"), "{err}");
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(200 * 1024 * 1024), "200.0 MB");
    }

    #[test]
    fn parse_bytes_locates_and_normalises() {
        let file = parse_bytes(Path::new("/x/a.txt"), b"Title  here\n\nBody   text.")
            .expect("reads")
            .expect("is an article");
        let a = &file.articles[0];
        assert_eq!(a.title, "Title here");
        assert_eq!(a.body, "Body text.");
        assert_eq!(a.id, crate::article::article_id(Path::new("/x/a.txt"), 0));
    }

    #[test]
    fn a_page_with_no_text_is_an_error_naming_the_file() {
        let err = parse_bytes(
            Path::new("/x/empty.html"),
            b"<html><body><nav>x</nav></body></html>",
        )
        .expect_err("no article");
        let msg = err.to_string();
        assert!(msg.starts_with("/x/empty.html: "), "{msg}");
    }
}
