//! Page metadata, in order of trust: JSON-LD, OpenGraph and `article:` meta
//! tags, other `<meta>` names, `<time>`, `itemprop`, `rel=author`, byline
//! classes, and finally the page's own text.

use chrono::{DateTime, Utc};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

use crate::ingest::clean::collapse_whitespace;
use crate::ingest::date::parse_date;

/// What the page says about itself.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// Headline candidates in order of trust (before suffix clean-up).
    pub title: Option<String>,
    /// The first `<h1>`, used to check the headline.
    pub h1: Option<String>,
    /// Authors, in byline order.
    pub authors: Vec<String>,
    /// Publication date.
    pub date: Option<DateTime<Utc>>,
    /// Canonical URL.
    pub url: Option<String>,
    /// The name the site gives itself (`og:site_name`, publisher).
    pub site_name: Option<String>,
    /// Language from the markup.
    pub lang: Option<String>,
    /// `articleBody` from JSON-LD, when present.
    pub ld_body: Option<String>,
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

macro_rules! selector {
    ($name:ident, $css:expr) => {
        static $name: LazyLock<Selector> = LazyLock::new(|| sel($css));
    };
}

selector!(LD_JSON, r#"script[type="application/ld+json" i]"#);
selector!(META, "meta");
selector!(TITLE, "title");
selector!(H1, "h1");
selector!(LINK_CANONICAL, r#"link[rel~="canonical" i]"#);
selector!(HTML, "html");
selector!(TIME, "time");
selector!(ITEMPROP_AUTHOR, r#"[itemprop~="author" i]"#);
selector!(ITEMPROP_NAME, r#"[itemprop~="name" i]"#);
selector!(ITEMPROP_DATE, r#"[itemprop~="datePublished" i]"#);
selector!(
    DATE_CLASS,
    r#"[class*="date" i], [class*="time" i], [class*="published" i], [id*="date" i]"#
);
selector!(REL_AUTHOR, r#"a[rel~="author" i]"#);
selector!(
    BYLINE_CLASS,
    r#"[class*="byline" i], [class*="author-name" i], [class*="authorname" i], [class*="author__name" i], [class~="author" i], [id*="byline" i], [class*="article-author" i], [class*="post-author" i], [class*="entry-author" i]"#
);

/// Reads the metadata of a parsed page.
pub fn read(doc: &Html) -> PageMeta {
    let mut meta = PageMeta::default();
    let ld = json_ld_articles(doc);
    let tags = MetaTags::collect(doc);

    // Title.
    meta.title = ld
        .iter()
        .find_map(|a| str_field(a, &["headline", "name", "alternativeHeadline"]))
        .or_else(|| {
            tags.first(&[
                "og:title",
                "twitter:title",
                "title",
                "dc.title",
                "sailthru.title",
                "parsely-title",
            ])
        })
        .or_else(|| doc.select(&TITLE).next().map(|t| text_of(t)))
        .filter(|t| !t.is_empty());
    meta.h1 = doc.select(&H1).map(text_of).find(|t| !t.is_empty());

    // Authors.
    meta.authors = ld
        .iter()
        .find_map(|a| a.get("author").or_else(|| a.get("creator")).map(names_of))
        .filter(|n| !n.is_empty())
        .unwrap_or_default();
    if meta.authors.is_empty() {
        for key in [
            "author",
            "article:author",
            "byl",
            "dc.creator",
            "dcterms.creator",
            "parsely-author",
            "sailthru.author",
            "citation_author",
            "og:article:author",
        ] {
            let found: Vec<String> = tags
                .all(key)
                .filter(|v| !v.contains("://") && !v.starts_with("www."))
                .collect();
            if !found.is_empty() {
                meta.authors = found;
                break;
            }
        }
    }
    if meta.authors.is_empty() {
        meta.authors = markup_authors(doc);
    }

    // Date.
    meta.date = ld
        .iter()
        .find_map(|a| str_field(a, &["datePublished", "dateCreated", "uploadDate"]))
        .and_then(|d| parse_date(&d))
        .or_else(|| {
            [
                "article:published_time",
                "og:published_time",
                "og:article:published_time",
                "published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.date",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
                "citation_publication_date",
                "citation_date",
                "originalpublicationdate",
            ]
            .iter()
            .find_map(|k| tags.first(&[k]).and_then(|d| parse_date(&d)))
        })
        .or_else(|| markup_date(doc))
        .or_else(|| {
            ld.iter()
                .find_map(|a| str_field(a, &["dateModified"]))
                .and_then(|d| parse_date(&d))
        })
        .or_else(|| {
            tags.first(&["article:modified_time", "og:updated_time", "last-modified"])
                .and_then(|d| parse_date(&d))
        });

    // URL, site, language.
    meta.url = doc
        .select(&LINK_CANONICAL)
        .find_map(|l| l.attr("href"))
        .map(str::to_string)
        .or_else(|| tags.first(&["og:url", "twitter:url"]))
        .or_else(|| {
            ld.iter()
                .find_map(|a| str_field(a, &["url", "mainEntityOfPage"]))
        })
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    meta.site_name = tags
        .first(&["og:site_name", "application-name", "twitter:site"])
        .map(|s| s.trim_start_matches('@').to_string())
        .or_else(|| {
            ld.iter().find_map(|a| {
                a.get("publisher")
                    .and_then(|p| names_of(p).into_iter().next())
            })
        });
    meta.lang = doc
        .select(&HTML)
        .next()
        .and_then(|h| h.attr("lang").or_else(|| h.attr("xml:lang")))
        .map(str::to_string)
        .or_else(|| tags.first(&["content-language", "og:locale", "language", "dc.language"]))
        .or_else(|| ld.iter().find_map(|a| str_field(a, &["inLanguage"])));
    meta.ld_body = ld
        .iter()
        .find_map(|a| str_field(a, &["articleBody"]))
        .filter(|b| b.len() > 200);
    meta
}

/// `<meta>` tags by lower-cased `name`/`property`/`itemprop`/`http-equiv`.
struct MetaTags {
    pairs: Vec<(String, String)>,
}

impl MetaTags {
    fn collect(doc: &Html) -> Self {
        let pairs = doc
            .select(&META)
            .filter_map(|m| {
                let el = m.value();
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .or_else(|| el.attr("http-equiv"))?;
                let value = el.attr("content")?;
                let value = collapse_whitespace(&decode_entities(value));
                (!value.is_empty()).then(|| (key.trim().to_ascii_lowercase(), value))
            })
            .collect();
        MetaTags { pairs }
    }

    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = String> + 'a {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.all(k).next())
    }
}

/// Content attributes are already entity-decoded by the parser, but some
/// pages double-encode them (`&amp;#39;`).
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}

const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "satiricalarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "discussionforumposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "medicalscholarlyarticle",
    "advertisercontentarticle",
];

/// Every JSON-LD object on the page whose `@type` is an article type, most
/// specific first; a `WebPage` is kept as a last resort.
fn json_ld_articles(doc: &Html) -> Vec<Value> {
    let mut articles = Vec::new();
    let mut pages = Vec::new();
    for script in doc.select(&LD_JSON) {
        let raw: String = script.text().collect();
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>")
            .trim()
            .trim_end_matches(';');
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.into_iter().rev()),
                Value::Object(ref map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph.clone());
                    }
                    let types = type_names(map.get("@type"));
                    if types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())) {
                        articles.push(v);
                    } else if types.iter().any(|t| t.ends_with("webpage")) {
                        if let Some(main) = map.get("mainEntity") {
                            stack.push(main.clone());
                        }
                        pages.push(v);
                    }
                }
                _ => {}
            }
        }
    }
    articles.extend(pages);
    articles
}

fn type_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.rsplit('/').next().unwrap_or(s).to_ascii_lowercase()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.rsplit('/').next().unwrap_or(s).to_ascii_lowercase())
            .collect(),
        _ => Vec::new(),
    }
}

/// The first of `keys` that holds a non-empty string (or an object with `@id`/`name`).
fn str_field(obj: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        let v = obj.get(*k)?;
        let s = match v {
            Value::String(s) => s.clone(),
            Value::Array(items) => items.iter().find_map(Value::as_str)?.to_string(),
            Value::Object(m) => m
                .get("@id")
                .or_else(|| m.get("name"))
                .and_then(Value::as_str)?
                .to_string(),
            _ => return None,
        };
        let s = collapse_whitespace(&decode_entities(&s));
        (!s.is_empty()).then_some(s)
    })
}

/// Names from a JSON-LD `author`: a string, a Person/Organization, or a list.
pub fn names_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![collapse_whitespace(s)],
        Value::Array(items) => items.iter().flat_map(names_of).collect(),
        Value::Object(m) => {
            let name = ["name", "alternateName", "legalName"]
                .iter()
                .find_map(|k| m.get(*k).and_then(Value::as_str).map(collapse_whitespace))
                .or_else(|| {
                    let given = m.get("givenName").and_then(Value::as_str)?;
                    let family = m.get("familyName").and_then(Value::as_str).unwrap_or("");
                    Some(collapse_whitespace(&format!("{given} {family}")))
                });
            name.into_iter().filter(|n| !n.is_empty()).collect()
        }
        _ => Vec::new(),
    }
}

fn text_of(el: ElementRef<'_>) -> String {
    collapse_whitespace(&el.text().collect::<String>())
}

/// Authors from microdata, `rel=author` links and byline-classed elements.
fn markup_authors(doc: &Html) -> Vec<String> {
    for el in doc.select(&ITEMPROP_AUTHOR) {
        let name = el
            .select(&ITEMPROP_NAME)
            .next()
            .map(|n| n.attr("content").map_or_else(|| text_of(n), str::to_string))
            .or_else(|| el.attr("content").map(str::to_string))
            .unwrap_or_else(|| text_of(el));
        if plausible_name(&name) {
            return vec![name];
        }
    }
    let linked: Vec<String> = doc
        .select(&REL_AUTHOR)
        .map(text_of)
        .filter(|n| plausible_name(n))
        .collect();
    if !linked.is_empty() {
        let mut unique: Vec<String> = Vec::new();
        for n in linked {
            if !unique.contains(&n) {
                unique.push(n);
            }
        }
        return unique;
    }
    for el in doc.select(&BYLINE_CLASS) {
        let text = text_of(el);
        let text = strip_byline_noise(&text);
        if plausible_name(&text) {
            return vec![text];
        }
    }
    Vec::new()
}

/// "By Fiona Jones | 30 January 2020" → "Fiona Jones".
fn strip_byline_noise(text: &str) -> String {
    let mut s = text.trim();
    for sep in [" | ", " - ", " – ", " — ", " • ", " · ", "\n"] {
        if let Some((head, tail)) = s.split_once(sep)
            && parse_date(tail).is_some()
        {
            s = head;
        }
    }
    let lower = s.to_lowercase();
    for prefix in [
        "by ",
        "by:",
        "written by ",
        "von ",
        "par ",
        "por ",
        "di ",
        "door ",
    ] {
        if lower.starts_with(prefix) {
            s = s[prefix.len()..].trim();
            break;
        }
    }
    s.to_string()
}

fn plausible_name(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=8).contains(&words)
        && s.chars().count() <= 80
        && s.chars().next().is_some_and(char::is_alphabetic)
        && !s.contains("://")
        && parse_date(s).is_none()
}

/// `<time datetime>` marked as the publication date, else the first one.
fn markup_date(doc: &Html) -> Option<DateTime<Utc>> {
    let attr_date = |el: ElementRef<'_>| {
        el.attr("datetime")
            .or_else(|| el.attr("content"))
            .and_then(parse_date)
            .or_else(|| parse_date(&text_of(el)))
    };
    doc.select(&ITEMPROP_DATE)
        .find_map(attr_date)
        .or_else(|| {
            doc.select(&TIME)
                .filter(|t| t.attr("pubdate").is_some())
                .find_map(attr_date)
        })
        .or_else(|| doc.select(&TIME).find_map(attr_date))
        .or_else(|| {
            // A printed dateline: "Sunday, January 5, 2020" in a date-classed element.
            doc.select(&DATE_CLASS)
                .filter(|el| el.text().map(str::len).sum::<usize>() <= 80)
                .find_map(|el| parse_date(&text_of(el)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> PageMeta {
        read(&Html::parse_document(html))
    }

    #[test]
    fn json_ld_in_a_graph_with_a_person_list() {
        let m = meta(
            r#"<html lang="en-GB"><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"LBC"},
              {"@type":["NewsArticle"],"headline":"Pompeo &amp; Huawei",
               "author":[{"@type":"Person","name":"Fiona Jones"},{"@type":"Person","name":"Ann Smith"}],
               "datePublished":"2020-01-30T16:46:00+00:00","publisher":{"@type":"Organization","name":"LBC"}}]}
            </script></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Pompeo & Huawei"));
        assert_eq!(m.authors, ["Fiona Jones", "Ann Smith"]);
        assert_eq!(
            m.date.map(crate::article::format_date).as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
        assert_eq!(m.site_name.as_deref(), Some("LBC"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn opengraph_and_article_tags() {
        let m = meta(
            r#"<head><meta property="og:title" content="OG title">
            <meta property="article:author" content="https://example.com/fiona">
            <meta name="author" content="Fiona Jones">
            <meta property="article:published_time" content="2020-01-30T16:46:00Z">
            <meta property="og:url" content="https://www.lbc.co.uk/news/x/">
            <meta property="og:site_name" content="LBC"></head>"#,
        );
        assert_eq!(m.title.as_deref(), Some("OG title"));
        assert_eq!(m.authors, ["Fiona Jones"]);
        assert!(m.date.is_some());
        assert_eq!(m.url.as_deref(), Some("https://www.lbc.co.uk/news/x/"));
    }

    #[test]
    fn markup_fallbacks_time_and_byline_class() {
        let m = meta(
            r#"<title>Plain title</title><body><article><h1>Head</h1>
            <div class="byline">By Fiona Jones | 30 January 2020</div>
            <time datetime="2020-01-30T16:46">30 Jan</time><p>Text</p></article></body>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Plain title"));
        assert_eq!(m.h1.as_deref(), Some("Head"));
        assert_eq!(m.authors, ["Fiona Jones"]);
        assert_eq!(
            m.date.map(crate::article::format_date).as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><title>T</title>"#,
        );
        assert_eq!(m.title.as_deref(), Some("T"));
    }
}
