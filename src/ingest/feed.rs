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
///
/// A feed that is not well-formed XML (cut short by a download, or one item
/// with broken markup) is read again item by item, so that one bad item does
/// not lose the others: the items that read are kept and each one that does
/// not is a problem of its own.
pub fn parse_feed(bytes: &[u8]) -> Result<Parsed, String> {
    let kind = root_element(bytes).ok_or("not an RSS or Atom feed")?;
    let read = |bytes: &[u8]| match kind {
        Kind::Rss => rss_items(bytes),
        Kind::Atom => atom_entries(bytes),
    };
    let (articles, problems) = match read(bytes) {
        Ok(articles) => (articles, Vec::new()),
        Err(whole) => match salvage(bytes, kind, read) {
            Some(salvaged) if !salvaged.0.is_empty() => salvaged,
            _ => return Err(whole),
        },
    };
    if articles.is_empty() {
        return Err("feed holds no items".to_string());
    }
    Ok(Parsed {
        articles: articles.into_iter().enumerate().collect(),
        problems,
    })
}

/// The items of a damaged feed, each read inside the feed's own opening (its
/// root with the namespaces it declares, and the channel's details) and the
/// closing tags that opening needs. `None` when the items cannot be found or
/// the opening itself does not read.
fn salvage(
    bytes: &[u8],
    kind: Kind,
    read: impl Fn(&[u8]) -> Result<Vec<Article>, String>,
) -> Option<(Vec<Article>, Vec<String>)> {
    let (tag, close): (&[u8], &[u8]) = match kind {
        Kind::Rss => (b"item", b"</item>"),
        Kind::Atom => (b"entry", b"</entry>"),
    };
    let starts = element_starts(bytes, tag);
    let first = *starts.first()?;
    let opening = &bytes[..first];
    // The opening is read again with every item: past this much, a damaged
    // feed costs more than reading it is worth.
    if opening.len().saturating_mul(starts.len()) > SALVAGE_BUDGET {
        return None;
    }
    let closing = closing_tags(opening, kind);
    let wrap = |item: &[u8]| [opening, item, closing.as_bytes()].concat();
    // The opening must read on its own, or no item inside it will.
    read(&wrap(b"")).ok()?;
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let next = starts.get(n + 1).copied().unwrap_or(bytes.len());
        let item = &bytes[start..next];
        let item = match memchr::memmem::rfind(item, close) {
            Some(end) => &item[..end + close.len()],
            None => item,
        };
        match read(&wrap(item)) {
            Ok(mut read) if !read.is_empty() => articles.append(&mut read),
            Ok(_) => problems.push(format!("item {}: no item read", n + 1)),
            Err(e) => problems.push(format!("item {}: {e}", n + 1)),
        }
    }
    Some((articles, problems))
}

/// The bytes of feed openings [`salvage`] may read again, in all.
const SALVAGE_BUDGET: usize = 256 << 20;

/// Where each `<tag>` or `<tag …>` (or a prefixed `<atom:tag`) begins.
fn element_starts(bytes: &[u8], tag: &[u8]) -> Vec<usize> {
    memchr::memmem::find_iter(bytes, b"<")
        .filter(|&at| {
            let rest = &bytes[at + 1..];
            let rest = rest.strip_prefix(b"atom:").unwrap_or(rest);
            rest.starts_with(tag)
                && rest
                    .get(tag.len())
                    .is_some_and(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
        })
        .collect()
}

/// The end tags that close a feed's opening: its root, and an RSS 2.0
/// channel still open there.
fn closing_tags(opening: &[u8], kind: Kind) -> String {
    let text = String::from_utf8_lossy(opening);
    match kind {
        Kind::Atom if text.contains("<atom:feed") => "</atom:feed>".to_string(),
        Kind::Atom => "</feed>".to_string(),
        Kind::Rss if text.contains("<rdf:RDF") => "</rdf:RDF>".to_string(),
        Kind::Rss => {
            let channel_open = text.rfind("<channel") > text.rfind("</channel>");
            format!("{}</rss>", if channel_open { "</channel>" } else { "" })
        }
    }
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

    const TWO_ITEMS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
<language>en</language>
<item><title>Ferries resume</title><dc:creator>Ana Lima</dc:creator>
<description>Ferry services resumed.</description></item>
<item><title>Docks reopen</title><description>The docks reopened.</description></item>
</channel></rss>"#;

    #[test]
    fn a_feed_cut_short_keeps_the_items_it_holds_whole() {
        let cut = &TWO_ITEMS[..TWO_ITEMS.find("The docks").expect("text")];
        let parsed = parse_feed(cut.as_bytes()).expect("salvaged");
        assert_eq!(parsed.articles.len(), 1);
        let (_, first) = &parsed.articles[0];
        assert_eq!(first.title, "Ferries resume");
        assert_eq!(first.authors, ["Ana Lima"], "namespaces of the root kept");
        assert_eq!(
            first.lang.as_deref(),
            Some("en"),
            "the channel's details kept"
        );
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        assert!(parsed.problems[0].starts_with("item 2: invalid RSS feed"));
    }

    #[test]
    fn one_broken_item_does_not_lose_the_others() {
        let broken = TWO_ITEMS.replace("<title>Ferries resume", "<title>Ferries <b>resume");
        let parsed = parse_feed(broken.as_bytes()).expect("salvaged");
        let titles: Vec<&str> = parsed
            .articles
            .iter()
            .map(|(_, a)| a.title.as_str())
            .collect();
        assert_eq!(titles, ["Docks reopen"]);
        assert!(
            parsed.problems[0].starts_with("item 1: "),
            "{:?}",
            parsed.problems
        );
        // Atom, and RSS 1.0 whose items stand beside the channel.
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>One</title><updated>2024-01-02T00:00:00Z</updated><content>a &amp b</content></entry>
<entry><title>Two</title><updated>2024-01-03T00:00:00Z</updated><content>fine</content></entry>
</feed>"#;
        let parsed = parse_feed(atom.replace("&amp b", "<i>b").as_bytes()).expect("atom");
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].1.title, "Two");
        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="x"><title>T</title><items><rdf:Seq><rdf:li resource="a"/></rdf:Seq></items></channel>
<item rdf:about="a"><title>First</title><link>https://x.example/a</link></item>
<item rdf:about="b"><title>Second <b></title><link>https://x.example/b</link></item>
</rdf:RDF>"#;
        let parsed = parse_feed(rdf.as_bytes()).expect("rdf");
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].1.title, "First");
    }

    #[test]
    fn a_feed_broken_before_its_items_is_an_error() {
        let broken = TWO_ITEMS.replace("<title>T</title>", "<title>T<b></title>");
        assert!(
            parse_feed(broken.as_bytes())
                .unwrap_err()
                .starts_with("invalid RSS feed")
        );
        assert_eq!(
            parse_feed(b"<rss version=\"2.0\"><channel><title>T</title></channel></rss>")
                .unwrap_err(),
            "feed holds no items"
        );
    }

    #[test]
    fn rss_authors_lose_their_address() {
        assert_eq!(rss_author("jo@example.com (Jo Bloggs)"), "Jo Bloggs");
        assert_eq!(rss_author("Jo Bloggs"), "Jo Bloggs");
        assert_eq!(rss_author("Jo (Sports desk)"), "Jo (Sports desk)");
    }
}
