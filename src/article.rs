//! The one normalised record every reader produces and the index stores.
//!
//! Readers fill an [`Article`] loosely; [`Article::normalise`] then applies the
//! rules every format shares (whitespace, title suffixes, author clean-up,
//! future dates, site from the URL), so the index never sees two spellings of
//! the same fact.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::Serialize;

/// A news article, whatever file it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Stable identifier: a hash of the source path and the article's place in it.
    pub id: String,
    /// The headline.
    pub title: String,
    /// Authors in byline order; empty when unknown.
    pub authors: Vec<String>,
    /// Publication time in UTC.
    pub date: Option<DateTime<Utc>>,
    /// The UTC offset the source stated with the date (`+01:00` in
    /// "2022-01-15T00:48+01:00"); `None` when it stated none or UTC. Kept so
    /// the date can be shown on the day the publisher printed.
    pub utc_offset: Option<FixedOffset>,
    /// Plain text, paragraphs separated by a blank line.
    pub body: String,
    /// Canonical URL when known.
    pub url: Option<String>,
    /// Publisher's site (host name without `www.`, or the name it gives itself).
    pub site: Option<String>,
    /// ISO 639-1 language code when known.
    pub lang: Option<String>,
    /// Topics, places, keywords or categories the source assigns.
    pub tags: Vec<String>,
    /// The file the article was read from.
    pub path: PathBuf,
    /// The article's place in its file (0 for single-article files).
    pub ordinal: usize,
}

impl Article {
    /// Authors joined for display: `"A; B"`, or `None` when there are none.
    pub fn author_display(&self) -> Option<String> {
        (!self.authors.is_empty()).then(|| self.authors.join("; "))
    }

    /// Sets the publication time and the offset the source stated with it.
    pub fn set_date(&mut self, date: DateTime<FixedOffset>) {
        self.date = Some(date.to_utc());
        self.utc_offset = stated_offset(date);
    }

    /// The publication time in the publisher's own offset when known, else
    /// in UTC.
    pub fn local_date(&self) -> Option<DateTime<FixedOffset>> {
        self.date.map(|d| local_time(d, self.utc_offset))
    }

    /// Sets `path`, `ordinal` and the `id` derived from them.
    pub fn locate(&mut self, path: &Path, ordinal: usize) {
        self.path = path.to_path_buf();
        self.ordinal = ordinal;
        self.id = article_id(path, ordinal);
    }

    /// Applies the clean-up rules every format shares. Idempotent.
    pub fn normalise(&mut self) {
        self.title = crate::ingest::clean::clean_title(&self.title, self.site.as_deref());
        self.authors = crate::ingest::clean::clean_authors(&self.authors, self.site.as_deref());
        self.body = crate::ingest::clean::clean_body(&self.body);
        crate::ingest::clean::cut_dated_headline_list(&mut self.body);
        crate::ingest::clean::cut_cited_sources(&mut self.body);
        crate::ingest::clean::join_segmented_words(&mut [&mut self.title, &mut self.body]);
        if let Some(date) = self.date {
            // A publication date in the future is a template placeholder or a
            // parse of the wrong thing; a day of slack covers time zones.
            if date > Utc::now() + chrono::Duration::days(1) {
                self.date = None;
            }
        }
        if self.date.is_none() || self.utc_offset.is_some_and(|o| o.local_minus_utc() == 0) {
            self.utc_offset = None;
        }
        self.url = self
            .url
            .take()
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        if self.site.as_deref().is_none_or(str::is_empty) {
            self.site = self.url.as_deref().and_then(site_from_url);
        }
        self.site = self
            .site
            .take()
            .map(|s| crate::index::schema::site_key(&s))
            .filter(|s| !s.is_empty());
        self.lang = self.lang.take().and_then(|l| normalise_lang(&l));
        let mut tags: Vec<String> = Vec::new();
        for tag in self.tags.drain(..) {
            let tag = crate::ingest::clean::collapse_whitespace(&tag).to_lowercase();
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        self.tags = tags;
        if self.title.is_empty() {
            self.title = first_words(&self.body, 12);
        }
    }

    /// Keys that identify the article's content for duplicate detection: its
    /// canonical URL (when known) and its normalised title and body. Two
    /// articles sharing either key are the same article.
    pub fn dedup_keys(&self) -> Vec<u64> {
        let mut keys = Vec::with_capacity(2);
        if let Some(url) = self.url.as_deref().and_then(canonical_url) {
            keys.push(xxhash_rust::xxh3::xxh3_64(format!("url\0{url}").as_bytes()));
        }
        // Lower-cased words joined by single spaces, written into a buffer
        // kept per thread (this runs for every article indexed) and hashed once.
        thread_local! {
            static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let key = BUF.with_borrow_mut(|buf| {
            buf.clear();
            fold_for_key(buf, "text", usize::MAX);
            fold_for_key(buf, &self.title, usize::MAX);
            fold_for_key(buf, &self.body, 20_000);
            xxhash_rust::xxh3::xxh3_64(buf)
        });
        keys.push(key);
        keys
    }

    /// The JSON shape of `byline extract` and `byline show`.
    pub fn to_record(&self) -> ArticleRecord<'_> {
        ArticleRecord {
            id: &self.id,
            path: self.path.to_string_lossy().into_owned(),
            title: &self.title,
            author: self.author_display(),
            authors: &self.authors,
            date: self.date.map(format_date),
            local_date: self.local_date().map(format_local_date),
            body: &self.body,
            url: self.url.as_deref(),
            site: self.site.as_deref(),
            lang: self.lang.as_deref(),
            tags: &self.tags,
        }
    }
}

/// Serialisable view of an [`Article`]: the keys scripts rely on.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    /// See [`Article::id`].
    pub id: &'a str,
    /// Source file.
    pub path: String,
    /// Headline.
    pub title: &'a str,
    /// Authors joined with `"; "`, or null.
    pub author: Option<String>,
    /// Authors one by one.
    pub authors: &'a [String],
    /// RFC 3339 in UTC, or null.
    pub date: Option<String>,
    /// The same time in RFC 3339 with the publisher's UTC offset (`Z` when
    /// the source stated none), or null.
    pub local_date: Option<String>,
    /// Plain text, paragraphs separated by a blank line.
    pub body: &'a str,
    /// URL or null.
    pub url: Option<&'a str>,
    /// Site or null.
    pub site: Option<&'a str>,
    /// Language or null.
    pub lang: Option<&'a str>,
    /// Tags (lower-cased), possibly empty.
    pub tags: &'a [String],
}

/// Formats a date the way every byline output does: RFC 3339, UTC, `Z`.
pub fn format_date(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// RFC 3339 with the offset: `2022-01-15T00:48:00+01:00`, or `…Z` in UTC.
pub fn format_local_date(date: DateTime<FixedOffset>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `date` seen in `offset` (UTC when `None`).
pub fn local_time(date: DateTime<Utc>, offset: Option<FixedOffset>) -> DateTime<FixedOffset> {
    date.with_timezone(&offset.unwrap_or(chrono::Offset::fix(&Utc)))
}

/// The offset a parsed time states, `None` for UTC.
fn stated_offset(date: DateTime<FixedOffset>) -> Option<FixedOffset> {
    Some(*date.offset()).filter(|o| o.local_minus_utc() != 0)
}

/// The stable id of the `ordinal`-th article in `path`: 16 hex digits.
pub fn article_id(path: &Path, ordinal: usize) -> String {
    let mut key = path.to_string_lossy().into_owned().into_bytes();
    key.push(0);
    key.extend_from_slice(ordinal.to_string().as_bytes());
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&key))
}

/// Appends the first `limit` chars of `text` to `buf` lower-cased, each run of
/// white space (white space before the first word counts too) as one space
/// before the next word, then a NUL: the text a content key hashes.
///
/// Eight bytes are taken at once while they are printable ASCII with single
/// spaces between words (most of a news body): they are checked and
/// lower-cased as one `u64`. Anything else goes one char at a time.
fn fold_for_key(buf: &mut Vec<u8>, text: &str, limit: usize) {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    let bytes = text.as_bytes();
    let (mut i, mut chars, mut pending) = (0usize, 0usize, false);
    while i < bytes.len() && chars < limit {
        if chars.saturating_add(8) <= limit
            && let Some(chunk) = bytes.get(i..i + 8)
            && let Ok(chunk) = <[u8; 8]>::try_from(chunk)
        {
            let x = u64::from_le_bytes(chunk);
            // Per byte, the high bit of `at_least(n)` says `byte >= n`
            // (exact for ASCII: no borrow crosses a byte).
            let at_least = |n: u8| ((x | HIGH) - ONES * u64::from(n)) & HIGH;
            let space = at_least(b' ') & !at_least(b' ' + 1);
            let printable = at_least(b' ') & !at_least(0x7f);
            if x & HIGH == 0
                && printable == HIGH
                && space & (space << 8) == 0
                && space >> 63 == 0
                && !(pending && space & 0x80 != 0)
            {
                if pending {
                    buf.push(b' ');
                    pending = false;
                }
                let upper = at_least(b'A') & !at_least(b'Z' + 1);
                buf.extend_from_slice(&(x | upper >> 2).to_le_bytes());
                i += 8;
                chars += 8;
                continue;
            }
        }
        let b = bytes[i];
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        i += c.len_utf8();
        chars += 1;
        if c.is_whitespace() {
            pending = true;
            continue;
        }
        if pending {
            buf.push(b' ');
            pending = false;
        }
        if b.is_ascii() {
            buf.push(b.to_ascii_lowercase());
        } else {
            for lower in c.to_lowercase() {
                buf.extend_from_slice(lower.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
    }
    buf.push(0);
}

/// A URL reduced to what identifies the page: no scheme, `www.`, fragment,
/// tracking parameters, doubled or trailing slashes; host lower-cased.
/// `None` for something that is not an absolute URL.
pub fn canonical_url(url: &str) -> Option<String> {
    let (_, rest) = url.trim().split_once("://")?;
    let rest = rest.split('#').next()?;
    let (location, query) = match rest.split_once('?') {
        Some((l, q)) => (l, Some(q)),
        None => (rest, None),
    };
    let (host, path) = location.split_once('/').unwrap_or((location, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host.is_empty() {
        return None;
    }
    let path: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let mut out = format!("{host}/{}", path.join("/"));
    if let Some(query) = query {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| {
                let name = p.split('=').next().unwrap_or("").to_lowercase();
                !p.is_empty()
                    && !name.starts_with("utm_")
                    && !matches!(name.as_str(), "fbclid" | "gclid" | "ref" | "cmp" | "ocid")
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    Some(out.trim_end_matches('/').to_string())
}

/// The host of a URL without `www.`, lower-cased: `https://www.lbc.co.uk/x` → `lbc.co.uk`.
pub fn site_from_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_start_matches("www.");
    (host.contains('.') && !host.contains(char::is_whitespace)).then(|| host.to_lowercase())
}

/// The code a source's language is stored under, as `--lang` and `lang:` name
/// it: "en-GB", "en_US", "EN", "eng" and "English" are all "en"; anything that
/// is not a plausible code or a language's name is dropped (and the language
/// is detected from the text instead).
fn normalise_lang(lang: &str) -> Option<String> {
    let code = crate::ingest::lang::code_of(lang);
    ((2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphabetic())).then_some(code)
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    if words.len() > n {
        format!("{}…", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The content key as first defined: one char at a time.
    fn content_key_reference(title: &str, body: &str) -> u64 {
        let mut buf = String::new();
        let mut feed = |text: &str, limit: usize| {
            let mut pending_space = false;
            for c in text.chars().take(limit) {
                if c.is_whitespace() {
                    pending_space = true;
                } else {
                    if pending_space {
                        buf.push(' ');
                        pending_space = false;
                    }
                    buf.extend(c.to_lowercase());
                }
            }
            buf.push('\0');
        };
        feed("text", usize::MAX);
        feed(title, usize::MAX);
        feed(body, 20_000);
        xxhash_rust::xxh3::xxh3_64(buf.as_bytes())
    }

    proptest! {
        #[test]
        fn content_key_matches_its_definition(
            title in "[ a-zA-ZÉé\t]{0,30}",
            body in "[ a-zA-Z.\n\u{a0}ÄİẞΣ🙂]{0,50}",
            repeat in 0usize..600,
        ) {
            // Long bodies cross the 20,000-character limit mid-word.
            let body = body.repeat(repeat);
            let a = Article { title: title.clone(), body: body.clone(), ..Article::default() };
            prop_assert_eq!(a.dedup_keys(), vec![content_key_reference(&title, &body)]);
        }

        // Mostly ASCII with the bytes the eight-at-a-time path must refuse:
        // control chars, DEL, doubled and trailing spaces, upper case.
        #[test]
        fn content_key_matches_its_definition_on_ascii(
            body in r"([ -~]{0,12}[ \t\n\x0b\x0c\r\x00\x1f\x7f@\[`{AZaz]{0,3}é?){0,40}",
            repeat in 1usize..700,
        ) {
            let body = body.repeat(repeat);
            let a = Article { body: body.clone(), ..Article::default() };
            prop_assert_eq!(a.dedup_keys(), vec![content_key_reference("", &body)]);
        }
    }

    #[test]
    fn site_is_the_host_without_www() {
        assert_eq!(
            site_from_url("https://www.lbc.co.uk/news/x/").as_deref(),
            Some("lbc.co.uk")
        );
        assert_eq!(
            site_from_url("http://EN.wikinews.org:80/wiki/A").as_deref(),
            Some("en.wikinews.org")
        );
        assert_eq!(site_from_url("not a url"), None);
    }

    #[test]
    fn canonical_urls_ignore_decoration() {
        let c = |u: &str| canonical_url(u);
        assert_eq!(
            c("https://www.LBC.co.uk/news/x/?utm_source=t#top"),
            Some("lbc.co.uk/news/x".into())
        );
        assert_eq!(
            c("http://lbc.co.uk//news/x"),
            c("https://lbc.co.uk/news/x/")
        );
        assert_eq!(
            c("https://a.com/p?id=3&utm_medium=x"),
            Some("a.com/p?id=3".into())
        );
        assert_eq!(c("not a url"), None);
    }

    #[test]
    fn the_same_story_in_two_files_shares_a_key() {
        let a = Article {
            title: "Huawei  ban".into(),
            body: "Text of the story.".into(),
            ..Article::default()
        };
        let mut b = a.clone();
        b.title = "huawei ban".into();
        b.url = Some("https://x.com/a".into());
        assert!(a.dedup_keys().iter().any(|k| b.dedup_keys().contains(k)));
        let mut c = a.clone();
        c.body = "A different story.".into();
        assert!(!a.dedup_keys().iter().any(|k| c.dedup_keys().contains(k)));
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = article_id(Path::new("/a/b.json"), 0);
        assert_eq!(a, article_id(Path::new("/a/b.json"), 0));
        assert_ne!(a, article_id(Path::new("/a/b.json"), 1));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn lang_codes_are_reduced_to_the_primary_subtag() {
        assert_eq!(normalise_lang("en-GB").as_deref(), Some("en"));
        assert_eq!(normalise_lang("pt_BR").as_deref(), Some("pt"));
        assert_eq!(normalise_lang("eng").as_deref(), Some("en"));
        assert_eq!(normalise_lang("English").as_deref(), Some("en"));
        assert_eq!(normalise_lang("ger").as_deref(), Some("de"));
        assert_eq!(normalise_lang("zh-Hant-TW").as_deref(), Some("zh"));
        assert_eq!(normalise_lang("Klingonish"), None);
        assert_eq!(normalise_lang("x1"), None);
    }

    #[test]
    fn future_dates_are_dropped() {
        let mut a = Article {
            title: "T".into(),
            date: Some(Utc::now() + chrono::Duration::days(400)),
            ..Article::default()
        };
        a.normalise();
        assert_eq!(a.date, None);
    }

    #[test]
    fn a_stated_offset_is_kept_beside_the_utc_date() {
        let mut a = Article {
            title: "T".into(),
            ..Article::default()
        };
        let berlin = chrono::DateTime::parse_from_rfc3339("2022-01-15T00:48:00+01:00").unwrap();
        a.set_date(berlin);
        a.normalise();
        let record = a.to_record();
        assert_eq!(record.date.as_deref(), Some("2022-01-14T23:48:00Z"));
        assert_eq!(
            record.local_date.as_deref(),
            Some("2022-01-15T00:48:00+01:00")
        );
        // UTC, stated or not, is no offset.
        a.set_date(chrono::DateTime::parse_from_rfc3339("2022-01-15T00:48:00Z").unwrap());
        assert_eq!(a.utc_offset, None);
        assert_eq!(
            a.to_record().local_date.as_deref(),
            Some("2022-01-15T00:48:00Z")
        );
        // An offset without a date means nothing.
        a.date = None;
        a.utc_offset = chrono::FixedOffset::east_opt(3600);
        a.normalise();
        assert_eq!(a.utc_offset, None);
    }
}
