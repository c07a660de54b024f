//! JSON Lines files read as a stream of chunks, each chunk's lines parsed and
//! normalised in parallel: a million-line export is never held in memory
//! whole, and all cores work on it.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use crate::article::Article;
use crate::error::{Error, Result};
use crate::ingest::json::article_from_value;
use crate::ingest::lang::FileLanguage;

/// Lines parsed together.
pub const CHUNK_LINES: usize = 2048;

/// Whether a file is read as a stream (JSON Lines, plain or gzipped).
pub fn is_streamed(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".jsonlines")
}

/// One chunk of a streamed file.
#[derive(Debug, Default)]
pub struct Chunk {
    /// Its articles, normalised and located.
    pub articles: Vec<Article>,
    /// Lines that could not be read, one message each.
    pub problems: Vec<String>,
}

/// A JSON Lines file being read chunk by chunk.
pub struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    canonical: PathBuf,
    path: PathBuf,
    line: usize,
    language: FileLanguage,
    done: bool,
}

impl std::fmt::Debug for JsonLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonLines")
            .field("path", &self.path)
            .field("line", &self.line)
            .finish()
    }
}

impl JsonLines {
    /// Opens `path` (gzip is looked through); articles are located at `canonical`.
    pub fn open(path: &Path, canonical: &Path) -> Result<Self> {
        let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
        let mut magic = [0u8; 2];
        let gz = file.read_exact(&mut magic).is_ok() && magic == [0x1f, 0x8b];
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let reader: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(file),
            ))
        } else {
            Box::new(BufReader::with_capacity(1 << 16, file))
        };
        Ok(JsonLines {
            reader,
            canonical: canonical.to_path_buf(),
            path: path.to_path_buf(),
            line: 0,
            language: FileLanguage::default(),
            done: false,
        })
    }

    /// The next chunk, or `None` at the end. A read failure (truncated gzip)
    /// ends the stream with a problem line; earlier chunks stand.
    pub fn next_chunk(&mut self) -> Option<Chunk> {
        if self.done {
            return None;
        }
        // Lines stay bytes here; checking and decoding them is left to the
        // parallel parse below, so that this loop only splits the stream.
        let mut lines: Vec<(usize, Vec<u8>)> = Vec::with_capacity(CHUNK_LINES);
        let mut problems = Vec::new();
        let mut buf = Vec::new();
        while lines.len() < CHUNK_LINES {
            buf.clear();
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(_) => {
                    if !buf.iter().all(u8::is_ascii_whitespace) {
                        // The next line gets a buffer sized like this one, so
                        // reading it does not grow from empty.
                        let size = buf.len();
                        let line = std::mem::replace(&mut buf, Vec::with_capacity(size));
                        lines.push((self.line, line));
                    }
                    self.line += 1;
                }
                Err(e) => {
                    self.done = true;
                    let reason = if e.kind() == std::io::ErrorKind::UnexpectedEof {
                        "truncated gzip data".to_string()
                    } else {
                        e.to_string()
                    };
                    problems.push(format!(
                        "line {}: {reason}; the rest of the file was not read",
                        self.line + 1
                    ));
                    break;
                }
            }
        }
        if lines.is_empty() && problems.is_empty() {
            return None;
        }
        let canonical = &self.canonical;
        let parsed: Vec<(usize, std::result::Result<Article, String>)> = lines
            .par_iter()
            .filter_map(|(i, bytes)| {
                // A stray invalid byte is replaced rather than losing the line;
                // valid UTF-8 (nearly every line) is checked by the fast path.
                let line = match std::str::from_utf8(bytes) {
                    Ok(line) => std::borrow::Cow::Borrowed(line),
                    Err(_) => String::from_utf8_lossy(bytes),
                };
                let line = line.trim();
                if line.is_empty() {
                    return None;
                }
                let result = serde_json::from_str::<Value>(line)
                    .map_err(|e| format!("invalid JSON: {e}"))
                    .and_then(|v| article_from_value(&v))
                    .map(|mut a| {
                        a.locate(canonical, *i);
                        a.normalise();
                        a
                    });
                Some((*i, result))
            })
            .collect();
        let mut chunk = Chunk {
            articles: Vec::with_capacity(parsed.len()),
            problems: Vec::new(),
        };
        for (i, result) in parsed {
            match result {
                Ok(mut a) if !(a.title.is_empty() && a.body.is_empty()) => {
                    if a.lang.is_none() {
                        a.lang = self.language.detect(&a.title, &a.body).map(str::to_string);
                    }
                    chunk.articles.push(a);
                }
                Ok(_) => chunk
                    .problems
                    .push(format!("line {}: no text found", i + 1)),
                Err(reason) => chunk.problems.push(format!("line {}: {reason}", i + 1)),
            }
        }
        chunk.problems.extend(problems);
        Some(chunk)
    }
}

/// Hashes a file's bytes without holding them (xxh3, as [`FileState`](crate::index::FileState)).
pub fn hash_file(path: &Path) -> std::io::Result<u64> {
    let mut file = File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hasher.digest());
        }
        hasher.update(&buf[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_line_in_order_and_report_bad_ones() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("feed.jsonl");
        let mut text = String::new();
        for i in 0..(CHUNK_LINES + 10) {
            if i == 5 {
                text.push_str("{broken\n");
            } else {
                text.push_str(&format!("{{\"title\":\"Story {i}\",\"body\":\"The story number {i} is told here in English words.\"}}\n"));
            }
        }
        std::fs::write(&path, text).expect("write");
        let mut stream = JsonLines::open(&path, &path).expect("opens");
        let first = stream.next_chunk().expect("first chunk");
        let second = stream.next_chunk().expect("second chunk");
        assert!(stream.next_chunk().is_none());
        assert_eq!(
            first.articles.len() + second.articles.len(),
            CHUNK_LINES + 9
        );
        assert_eq!(first.problems.len(), 1);
        assert!(first.problems[0].starts_with("line 6: invalid JSON"));
        assert_eq!(first.articles[0].title, "Story 0");
        assert_eq!(
            second.articles.last().map(|a| a.ordinal),
            Some(CHUNK_LINES + 9)
        );
        assert_eq!(first.articles[0].id, crate::article::article_id(&path, 0));
        assert_eq!(first.articles[0].lang.as_deref(), Some("en"));
    }

    #[test]
    fn blank_lines_are_skipped_and_a_stray_byte_is_replaced() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("feed.jsonl");
        let mut bytes = b"{\"title\":\"One\",\"body\":\"First story.\"}\n  \t\n".to_vec();
        bytes.extend("\u{3000}\n".as_bytes());
        bytes.extend(b"{\"title\":\"Caf\xe9 society\",\"body\":\"Second story.\"}\n\n");
        bytes.extend(b"{\"title\":\"Three\"\n");
        std::fs::write(&path, bytes).expect("write");
        let mut stream = JsonLines::open(&path, &path).expect("opens");
        let chunk = stream.next_chunk().expect("a chunk");
        let titles: Vec<&str> = chunk.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["One", "Caf\u{fffd} society"]);
        assert_eq!(chunk.articles[1].ordinal, 3);
        assert_eq!(chunk.problems.len(), 1, "{:?}", chunk.problems);
        assert!(chunk.problems[0].starts_with("line 6: invalid JSON"));
    }

    #[test]
    fn a_truncated_gzip_stream_keeps_what_was_read() {
        use std::io::Write;
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("feed.jsonl.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        for i in 0..5000 {
            writeln!(
                enc,
                "{{\"title\":\"Story {i}\",\"body\":\"Body {i} with some words in it.\"}}"
            )
            .expect("write");
        }
        let gz = enc.finish().expect("gz");
        std::fs::write(&path, &gz[..gz.len() * 2 / 3]).expect("write");
        let mut stream = JsonLines::open(&path, &path).expect("opens");
        let mut articles = 0;
        let mut problems = Vec::new();
        while let Some(chunk) = stream.next_chunk() {
            articles += chunk.articles.len();
            problems.extend(chunk.problems);
        }
        assert!(articles > 1000 && articles < 5000, "{articles}");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("truncated gzip data"), "{problems:?}");
    }
}
