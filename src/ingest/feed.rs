//! News feeds (RSS 0.9x–2.0, RSS 1.0/RDF, Atom) saved to disk: every item or
//! entry is an article, with its headline, link, date, authors, categories
//! as tags, and its full content when the feed carries it (else its summary),
//! read from HTML into paragraphs. Parsing is the `rss` and
//! `atom_syndication` crates' (their XML reader honours the feed's declared
//! encoding); this module maps their records onto [`Article`].

use crate::article::Article;
use crate::ingest::Parsed;
use crate::ingest::date::parse_date_zoned;
use crate::ingest::html::meta::decode_entities;
use crate::ingest::html::{fragment_to_text, looks_like_markup};

/// Whether content starts like a feed: an `<rss>`, `<rdf:RDF>` or Atom
/// `<feed>` root after the XML declaration and comments.
pub fn looks_like_feed(head: &[u8]) -> bool {
    root_element(head).is_some()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rss,
    Atom,
}

fn root_element(head: &[u8]) -> Option<Kind> {
    let head = &head[..head.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    // Skip the declaration, processing instructions, comments and doctype.
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = after.split_once('>')?.1.trim_start();
        } else {
            break;
        }
    }
    let name: String = rest
        .strip_prefix('<')?
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    match name.as_str() {
        "rss" | "rdf:RDF" => Some(Kind::Rss),
        // Atom's root, with or without a namespace prefix.
        "feed" | "atom:feed" => Some(Kind::Atom),
        _ => None,
    }
}

/// Reads every item of a feed. `Err` says why the file is not a readable feed.
pub fn parse_feed(bytes: &[u8]) -> Result<Parsed, String> {
    let articles = match root_element(bytes) {
        Some(Kind::Rss) => rss_items(bytes)?,
        Some(Kind::Atom) => atom_entries(bytes)?,
        None => return Err("not an RSS or Atom feed".to_string()),
    };
    if articles.is_empty() {
        return Err("feed holds no items".to_string());
    }
    Ok(Parsed {
        articles: articles.into_iter().enumerate().collect(),
        problems: Vec::new(),
    })
}

fn rss_items(bytes: &[u8]) -> Result<Vec<Article>, String> {
    let channel = rss::Channel::read_from(bytes).map_err(|e| format!("invalid RSS feed: {e}"))?;
    let lang = channel.language().map(str::to_string);
    Ok(channel
        .items()
        .iter()
        .map(|item| {
            let dc = item.dublin_core_ext();
            let mut authors: Vec<String> = item
                .author()
                .map(rss_author)
                .into_iter()
                .chain(dc.into_iter().flat_map(|d| d.creators().iter().cloned()))
                .filter(|a| !a.trim().is_empty())
                .collect();
            authors.dedup();
            let link = item.link().map(str::to_string).or_else(|| {
                item.guid()
                    .filter(|g| g.is_permalink() && g.value().starts_with("http"))
                    .map(|g| g.value().to_string())
            });
            let date = item
                .pub_date()
                .and_then(parse_date_zoned)
                .or_else(|| dc.and_then(|d| d.dates().iter().find_map(|d| parse_date_zoned(d))));
            let body = item.content().or(item.description()).unwrap_or_default();
            let mut article = Article {
                title: plain(item.title().unwrap_or_default()),
                authors,
                body: text_of(body),
                url: link,
                lang: lang.clone(),
                tags: item
                    .categories()
                    .iter()
                    .map(|c| c.name().to_string())
                    .collect(),
                ..Article::default()
            };
            if let Some(date) = date {
                article.set_date(date);
            }
            article
        })
        .collect())
}

/// RSS's `<author>` is an e-mail address, often with the name in brackets:
/// `jo@example.com (Jo Bloggs)` → `Jo Bloggs`. A bare address is kept for
/// the author clean-up to judge.
fn rss_author(author: &str) -> String {
    match author.split_once('(') {
        Some((address, name)) if address.contains('@') => {
            name.trim_end().trim_end_matches(')').trim().to_string()
        }
        _ => author.trim().to_string(),
    }
}

fn atom_entries(bytes: &[u8]) -> Result<Vec<Article>, String> {
    let feed =
        atom_syndication::Feed::read_from(bytes).map_err(|e| format!("invalid Atom feed: {e}"))?;
    let lang = feed.lang().map(str::to_string);
    Ok(feed
        .entries()
        .iter()
        .map(|entry| {
            let link = entry
                .links()
                .iter()
                .find(|l| l.rel() == "alternate")
                .or_else(|| entry.links().first())
                .map(|l| l.href().to_string());
            let body = entry
                .content()
                .and_then(|c| c.value())
                .or_else(|| entry.summary().map(|s| s.as_str()))
                .unwrap_or_default();
            let mut article = Article {
                title: plain(entry.title().as_str()),
                authors: entry
                    .authors()
                    .iter()
                    .map(|p| p.name().to_string())
                    .collect(),
                body: text_of(body),
                url: link,
                lang: lang.clone(),
                tags: entry
                    .categories()
                    .iter()
                    .map(|c| c.label().unwrap_or(c.term()).to_string())
                    .collect(),
                ..Article::default()
            };
            // An entry without a date of its own reads as the epoch.
            let date = entry.published().copied().or(Some(*entry.updated()));
            if let Some(date) = date.filter(|d| d.timestamp() > 0) {
                article.set_date(date);
            }
            article
        })
        .collect())
}

/// Feed text is HTML more often than not, whatever the feed declares, and
/// HTML's named references (`&nbsp;`, `&eacute;`) reach it unescaped, which
/// XML does not know.
fn text_of(content: &str) -> String {
    if looks_like_markup(content) {
        fragment_to_text(content)
    } else {
        decode_entities(content.trim())
    }
}

fn plain(title: &str) -> String {
    if looks_like_markup(title) {
        fragment_to_text(title).replace("\n\n", " ")
    } else {
        decode_entities(title.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_roots_are_recognised_after_declarations_and_comments() {
        assert!(looks_like_feed(
            b"<?xml version=\"1.0\"?>\n<!-- generator -->\n<rss version=\"2.0\"><channel>"
        ));
        assert!(looks_like_feed(
            b"\xef\xbb\xbf<?xml version='1.0'?><?xml-stylesheet href='a.xsl'?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
        ));
        assert!(looks_like_feed(b"<rdf:RDF xmlns:rdf=\"x\">"));
        assert!(!looks_like_feed(b"<?xml version=\"1.0\"?><svg></svg>"));
        assert!(!looks_like_feed(b"<html><body>rss</body></html>"));
    }

    #[test]
    fn html_references_in_feed_text_are_decoded() {
        let feed = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>Caf&eacute; owners protest</title><link>https://x.example/a</link>
            <description>Owners&nbsp;said &ldquo;no&rdquo; &amp; left.</description></item>
            </channel></rss>"#;
        let parsed = parse_feed(feed).expect("feed");
        let (_, item) = &parsed.articles[0];
        assert_eq!(item.title, "Café owners protest");
        assert_eq!(item.body, "Owners\u{a0}said \u{201c}no\u{201d} & left.");
    }

    #[test]
    fn rss_authors_lose_their_address() {
        assert_eq!(rss_author("jo@example.com (Jo Bloggs)"), "Jo Bloggs");
        assert_eq!(rss_author("Jo Bloggs"), "Jo Bloggs");
        assert_eq!(rss_author("Jo (Sports desk)"), "Jo (Sports desk)");
    }
}
