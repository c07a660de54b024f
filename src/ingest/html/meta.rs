//! Page metadata, in order of trust: JSON-LD, OpenGraph and `article:` meta
//! tags, other `<meta>` names, `<time>`, `itemprop`, `rel=author`, byline
//! classes, and finally the page's own text.
//!
//! One exception to that order: a date printed with the headline that names
//! another day than the declared one wins (see `printed_instead`), since
//! the declared date is then a content system's stamp, not what readers see.

use chrono::{DateTime, FixedOffset};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::body::{class_words, is_block, words};
use crate::ingest::clean::{byline_names, clean_authors, collapse_whitespace, text_key};
use crate::ingest::date::{date_in_url, find_date_zoned, parse_date, parse_date_zoned};

/// What the page says about itself.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// Headline candidates in order of trust (before suffix clean-up).
    pub title: Option<String>,
    /// The document's `<title>`.
    pub html_title: Option<String>,
    /// Visible `<h1>` headlines (kicker labels left out), those inside the
    /// article first.
    pub h1s: Vec<String>,
    /// Authors, in byline order.
    pub authors: Vec<String>,
    /// Publication date.
    pub date: Option<DateTime<FixedOffset>>,
    /// Canonical URL.
    pub url: Option<String>,
    /// The name the site gives itself (`og:site_name`, publisher).
    pub site_name: Option<String>,
    /// Language from the markup.
    pub lang: Option<String>,
    /// `articleBody` from JSON-LD, when present.
    pub ld_body: Option<String>,
    /// The page's summary (`description`, `og:description`, JSON-LD
    /// `description`): often the standfirst printed above the story.
    pub description: Option<String>,
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
selector!(A_HREF, "a[href]");
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
// hAtom's publication stamp: `<abbr class="published" title="2011-03-12T09:14:00Z">`.
selector!(ABBR_PUBLISHED, r#"abbr[class~="published" i][title]"#);
selector!(REL_AUTHOR, r#"a[rel~="author" i]"#);
selector!(
    BYLINE_CLASS,
    r#"[class*="byline" i], [class*="author-name" i], [class*="authorname" i], [class*="author__name" i], [class*="author-info" i], [class*="node__submitted" i], [class~="submitted" i], [class~="author" i], [id*="byline" i], [class*="article-author" i], [class*="post-author" i], [class*="entry-author" i]"#
);

/// Reads the metadata of a parsed page.
pub fn read(doc: &Html) -> PageMeta {
    let mut meta = PageMeta::default();
    let (ld, ld_ids) = json_ld_articles(doc);
    let tags = MetaTags::collect(doc);
    let short = ShortTexts::collect(doc);

    // Title.
    meta.html_title = doc
        .select(&TITLE)
        .next()
        .map(|t| collapse_whitespace(&decode_entities(&text_of(t))))
        .filter(|t| !t.is_empty());
    // A headline anywhere in the JSON-LD beats an article's name, which
    // beats the meta tags; a `WebPage`'s name (often the site's: "Sports.fr")
    // comes after them.
    let is_article = |v: &&Value| {
        type_names(v.get("@type"))
            .iter()
            .any(|t| ARTICLE_TYPES.contains(&t.as_str()))
    };
    meta.title = ld
        .iter()
        .find_map(|a| str_field(a, &["headline"]))
        .or_else(|| {
            ld.iter()
                .filter(is_article)
                .find_map(|a| str_field(a, &["name", "alternativeHeadline"]))
        })
        .or_else(|| {
            tags.first(&[
                "dc:title",
                "dc.title",
                "dcterm:title",
                "og:title",
                "twitter:title",
                "title",
                "sailthru.title",
                "parsely-title",
            ])
        })
        .or_else(|| ld.iter().find_map(|a| str_field(a, &["name"])))
        .or_else(|| meta.html_title.clone())
        .filter(|t| !t.is_empty());
    meta.h1s = headlines(doc);
    meta.description = tags
        .first(&["description", "og:description", "twitter:description"])
        .or_else(|| ld.iter().find_map(|a| str_field(a, &["description"])));

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
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .or_else(|| saved_from(doc));
    meta.site_name = tags
        .first(&["og:site_name", "application-name", "twitter:site"])
        .map(|s| s.trim_start_matches('@').to_string())
        .or_else(|| {
            ld.iter().find_map(|a| {
                a.get("publisher")
                    .and_then(|p| names_of(p).into_iter().next())
            })
        });
    // Date: what the page declares, unless the date printed with the
    // headline tells readers otherwise (see `printed_instead`).
    // A declared date in the future is a placeholder or an embargo stamp
    // (a day of slack covers time zones): the next declaration stands.
    let not_future =
        |d: &DateTime<FixedOffset>| d.to_utc() <= chrono::Utc::now() + chrono::TimeDelta::days(1);
    let declared = ld
        .iter()
        .filter_map(|a| str_field(a, &["datePublished", "dateCreated", "uploadDate"]))
        .filter_map(|d| parse_date_zoned(&d))
        .find(not_future)
        .or_else(|| {
            PUBLISHED_KEYS
                .iter()
                .filter_map(|k| tags.first(&[k]).and_then(|d| parse_date_zoned(&d)))
                .find(not_future)
        });
    meta.date = match declared {
        Some(declared) => {
            Some(printed_instead(doc, &short, declared, &ld, &tags).unwrap_or(declared))
        }
        None => markup_date(doc, &short)
            .or_else(|| {
                meta.url
                    .as_deref()
                    .and_then(date_in_url)
                    .map(|d| d.fixed_offset())
            })
            .or_else(|| {
                ld.iter()
                    .find_map(|a| str_field(a, &["dateModified"]))
                    .and_then(|d| parse_date_zoned(&d))
            })
            .or_else(|| {
                tags.first(&["article:modified_time", "og:updated_time", "last-modified"])
                    .and_then(|d| parse_date_zoned(&d))
            }),
    };

    // Authors: the first source that names someone other than the site; a
    // source naming only the site or a desk is the last resort.
    let site = meta
        .site_name
        .clone()
        .or_else(|| meta.url.as_deref().and_then(crate::article::site_from_url));
    let names_a_person = |names: &[String]| {
        clean_authors(names, site.as_deref()).iter().any(|k| {
            site.as_deref().is_none_or(|s| text_key(s) != text_key(k))
                && !k.split_whitespace().any(|w| {
                    crate::ingest::clean::looks_like_domain(
                        w.trim_matches(|c: char| !c.is_alphanumeric()),
                    )
                })
                && !crate::ingest::clean::is_staff_credit(k)
        })
    };
    // (names, whether they are all organisations: a publisher or a desk
    // credited as author yields to a person named anywhere else)
    let from_ld = ld.iter().find_map(|a| {
        a.get("author").or_else(|| a.get("creator")).and_then(|v| {
            let v = resolve(v, &ld_ids);
            let names = names_of(&v);
            (!names.is_empty()).then(|| (names, only_organisations(&v)))
        })
    });
    let from_tags = [
        "dc:creator",
        "dc.creator",
        "dcterm:creator",
        "author",
        "article:author",
        "byl",
        "dcterms.creator",
        "parsely-author",
        "sailthru.author",
        "citation_author",
        "og:article:author",
    ]
    .iter()
    .map(|key| {
        let found: Vec<String> = tags
            .all(key)
            .filter(|v| !v.contains("://") && !v.starts_with("www."))
            .collect();
        (*key, found)
    })
    .find(|(_, found)| !found.is_empty())
    .or_else(|| written_by_card(&tags).map(|name| ("twitter:data", vec![name])));
    // The site's own name counts only when the page states it as the
    // article's author (`article:author`) and nothing else names anyone; a
    // generic `<meta name=author>` holding the site's name is the site
    // talking about itself.
    let mut fallback: Option<Vec<String>> = None;
    if let Some((candidate, orgs)) = &from_ld
        && names_a_person(candidate)
        && !orgs
    {
        meta.authors = candidate.clone();
    } else if let Some((key, candidate)) = from_tags {
        if names_a_person(&candidate) {
            meta.authors = candidate;
        } else if key.ends_with("article:author")
            || key.ends_with("creator")
                && meta.site_name.as_deref().is_some_and(|site| {
                    candidate
                        .iter()
                        .all(|name| text_key(name) == text_key(site))
                })
        {
            // The page names the publication itself as the article's
            // author or creator (`DC.creator` "Mac & i", its
            // `og:site_name`): a credit, when nobody else is named.
            fallback = Some(candidate);
        }
    }
    if meta.authors.is_empty() {
        let markup = markup_authors(doc, &short);
        let organisation = from_ld
            .filter(|(names, orgs)| *orgs && names_a_person(names))
            .map(|(names, _)| names);
        meta.authors = if names_a_person(&markup) {
            markup
        } else {
            organisation.or(fallback).unwrap_or(markup)
        };
    }

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

/// The author a Twitter card states in a labelled pair, as WordPress's Yoast
/// SEO and Ghost write it: `twitter:label1` "Written by" (or "Verfasst von",
/// "Écrit par", …) and `twitter:data1` "Jane Doe".
fn written_by_card(tags: &MetaTags) -> Option<String> {
    static WRITTEN_BY: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:written\s+by|author|verfasst\s+von|geschrieben\s+von|autor(?:in)?|(?:é|e)crit\s+par|auteur|escrito\s+por|scritto\s+da|geschreven\s+door|napisane\s+przez)$",
        )
        .expect("valid regex")
    });
    (1..=4).find_map(|i| {
        let label = tags.first(&[&format!("twitter:label{i}")])?;
        if !WRITTEN_BY.is_match(label.trim()) {
            return None;
        }
        tags.first(&[&format!("twitter:data{i}")])
            .map(|name| collapse_whitespace(&name))
            .filter(|name| plausible_name(name))
    })
}

/// `<meta>` tags by lower-cased `name`/`property`/`itemprop`/`http-equiv`.
struct MetaTags {
    pairs: Vec<(String, String)>,
}

impl MetaTags {
    fn collect(doc: &Html) -> Self {
        let mut pairs = Vec::new();
        for m in doc.select(&META) {
            let el = m.value();
            let Some(value) = el.attr("content") else {
                continue;
            };
            let value = collapse_whitespace(&decode_entities(value));
            if value.is_empty() {
                continue;
            }
            // `property="x:title dc:title"` names several keys at once.
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                for key in el.attr(attr).into_iter().flat_map(str::split_whitespace) {
                    pairs.push((key.to_ascii_lowercase(), value.clone()));
                }
            }
        }
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

/// Decodes character references left in text that was escaped twice
/// (`&amp;#8217;`, `&#x00E4;`, `&bull;`) or never parsed (JSON-LD strings).
/// The address in the comment a browser or a page-saving tool writes atop
/// a page it saves, for a page that names no address of its own: a
/// browser's `<!-- saved from url=(0057)https://… -->`, SingleFile's
/// `<!-- Page saved with SingleFile` / `url: https://…` / `saved date: … -->`.
fn saved_from(doc: &Html) -> Option<String> {
    // The comment comes first, before `<html>` or just inside it.
    doc.tree.root().descendants().take(12).find_map(|node| {
        let scraper::Node::Comment(comment) = node.value() else {
            return None;
        };
        let comment = comment.trim();
        let rest = if let Some(rest) = comment.strip_prefix("saved from url=") {
            rest.strip_prefix('(')
                .and_then(|r| r.split_once(')'))
                .map_or(rest, |(_, r)| r)
        } else if comment.starts_with("Page saved with SingleFile") {
            comment
                .lines()
                .find_map(|l| l.trim().strip_prefix("url:"))?
                .trim_start()
        } else {
            return None;
        };
        let url = rest.split_whitespace().next()?;
        (url.starts_with("http://") || url.starts_with("https://")).then(|| url.to_string())
    })
}

pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    // The HTML parser knows every named reference; let it do the work.
    let doc = Html::parse_fragment(&s.replace('<', "&lt;"));
    let once: String = doc.root_element().text().collect();
    if once.contains('&') && once != s {
        let again = Html::parse_fragment(&once.replace('<', "&lt;"));
        return again.root_element().text().collect();
    }
    once
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
/// Replaces `{"@id": …}` references (to a Person elsewhere in the graph)
/// with the objects they name, one level deep.
fn resolve(value: &Value, ids: &HashMap<String, Value>) -> Value {
    match value {
        Value::Object(m) if m.get("name").is_none() => m
            .get("@id")
            .and_then(Value::as_str)
            .and_then(|id| ids.get(id))
            .cloned()
            .unwrap_or_else(|| value.clone()),
        Value::Array(items) => Value::Array(items.iter().map(|v| resolve(v, ids)).collect()),
        other => other.clone(),
    }
}

/// JSON-LD article objects, most specific first, and every object with an
/// `@id` (for resolving references).
fn json_ld_articles(doc: &Html) -> (Vec<Value>, HashMap<String, Value>) {
    let mut articles = Vec::new();
    let mut pages = Vec::new();
    let mut ids = HashMap::new();
    for script in doc.select(&LD_JSON) {
        let raw: String = script.text().collect();
        // Wrappers seen in the wild: <!-- -->, <![CDATA[ ]]>, //, trailing ';'.
        let raw = raw.replace("<![CDATA[", "").replace("]]>", "");
        let Some(start) = raw.find(['{', '[']) else {
            continue;
        };
        let close = if raw[start..].starts_with('{') {
            '}'
        } else {
            ']'
        };
        let Some(end) = raw.rfind(close) else {
            continue;
        };
        if end < start {
            continue;
        }
        let raw = &raw[start..=end];
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
                    if let Some(id) = map.get("@id").and_then(Value::as_str)
                        && map.len() > 1
                    {
                        ids.insert(id.to_string(), v.clone());
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
    (articles, ids)
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

/// Whether a JSON-LD `author` names organisations only (`Organization`,
/// `NewsMediaOrganization`, …), never a person or a bare string.
fn only_organisations(value: &Value) -> bool {
    let is_org = |t: &Value| {
        t.as_str()
            .is_some_and(|t| t.ends_with("Organization") || t == "Corporation")
    };
    match value {
        Value::Array(items) => !items.is_empty() && items.iter().all(only_organisations),
        Value::Object(m) => m.get("@type").is_some_and(|t| match t {
            Value::Array(types) => types.iter().any(is_org),
            t => is_org(t),
        }),
        _ => false,
    }
}

/// Names from a JSON-LD `author`: a string, a Person/Organization, or a list.
pub fn names_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![collapse_whitespace(s)],
        Value::Array(items) => items.iter().flat_map(names_of).collect(),
        Value::Object(m) => {
            // A name, or a list of them ("name": ["A", "B"]).
            let named = ["name", "alternateName", "legalName"]
                .iter()
                .filter_map(|k| m.get(*k))
                .map(|v| match v {
                    Value::String(_) | Value::Array(_) => names_of(v),
                    _ => Vec::new(),
                })
                .find(|names| names.iter().any(|n| !n.is_empty()));
            let names = named.unwrap_or_else(|| {
                let given = m.get("givenName").and_then(Value::as_str);
                let family = m.get("familyName").and_then(Value::as_str).unwrap_or("");
                given
                    .map(|given| vec![collapse_whitespace(&format!("{given} {family}"))])
                    .unwrap_or_default()
            });
            names.into_iter().filter(|n| !n.is_empty()).collect()
        }
        _ => Vec::new(),
    }
}

fn text_of(el: ElementRef<'_>) -> String {
    collapse_whitespace(&el.text().collect::<String>())
}

/// The visible text of every element whose text is short, gathered in one
/// pass over the page (so pathological nesting costs linear time, not
/// quadratic).
struct ShortTexts {
    /// Text on one line: block boundaries read as spaces.
    texts: HashMap<ego_tree::NodeId, String, foldhash::fast::RandomState>,
    /// The same text with its block boundaries as line breaks, for the
    /// texts that have any ("By A and B" above "Associated Press").
    lined: HashMap<ego_tree::NodeId, String, foldhash::fast::RandomState>,
    /// Elements in document order.
    order: Vec<ego_tree::NodeId>,
}

/// Ends the current line of `all`. A trailing space becomes the break in
/// place, so offsets already taken into `all` stay valid.
fn line_break(all: &mut String) {
    if all.ends_with(' ') {
        all.pop();
        all.push('\n');
    } else if !all.is_empty() && !all.ends_with('\n') {
        all.push('\n');
    }
}

/// Longest text kept per element, in characters.
const SHORT: usize = 160;

impl ShortTexts {
    fn collect(doc: &Html) -> Self {
        use ego_tree::iter::Edge;
        let mut all = String::new();
        let mut open: Vec<(ego_tree::NodeId, usize)> = Vec::new();
        let mut invisible_depth = 0usize;
        let mut texts = HashMap::default();
        let mut lined = HashMap::default();
        let mut order = Vec::new();
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if let Some(el) = node.value().as_element() {
                        if invisible_depth > 0
                            || matches!(
                                el.name(),
                                "script" | "style" | "noscript" | "template" | "head"
                            )
                        {
                            invisible_depth += 1;
                        }
                        if is_block(el.name()) {
                            line_break(&mut all);
                        }
                        open.push((node.id(), all.len()));
                        order.push(node.id());
                    } else if let Some(t) = node.value().as_text()
                        && invisible_depth == 0
                    {
                        for c in t.chars() {
                            if c.is_whitespace() {
                                if !all.ends_with([' ', '\n']) {
                                    all.push(' ');
                                }
                            } else {
                                all.push(c);
                            }
                        }
                    }
                }
                Edge::Close(node) => {
                    let Some(el) = node.value().as_element() else {
                        continue;
                    };
                    invisible_depth = invisible_depth.saturating_sub(1);
                    if let Some((id, start)) = open.pop() {
                        let text = all[start..].trim();
                        if !text.is_empty() && text.chars().count() <= SHORT {
                            if text.contains('\n') {
                                lined.insert(id, text.to_string());
                                texts.insert(id, text.replace('\n', " "));
                            } else {
                                texts.insert(id, text.to_string());
                            }
                        }
                    }
                    if is_block(el.name()) {
                        line_break(&mut all);
                    }
                }
            }
        }
        ShortTexts {
            texts,
            lined,
            order,
        }
    }

    /// The text of `el`, block boundaries as line breaks, if it is at most
    /// `max` characters.
    fn lines_of(&self, el: ElementRef<'_>, max: usize) -> Option<&str> {
        self.lined
            .get(&el.id())
            .map(String::as_str)
            .filter(|t| t.chars().count() <= max)
            .or_else(|| self.of(el, max))
    }

    /// The text of `el` if it is at most `max` characters.
    fn of(&self, el: ElementRef<'_>, max: usize) -> Option<&str> {
        self.texts
            .get(&el.id())
            .map(String::as_str)
            .filter(|t| t.chars().count() <= max)
    }

    /// Short texts of the elements named `tags`, in document order.
    fn of_tags<'a>(
        &'a self,
        doc: &'a Html,
        tags: &'a [&str],
        max: usize,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.order.iter().filter_map(move |id| {
            let el = ElementRef::wrap(doc.tree.get(*id)?)?;
            if !tags.contains(&el.value().name()) {
                return None;
            }
            self.of(el, max)
        })
    }
}

selector!(
    ARTICLE_H1,
    "article h1, main h1, [itemprop~=\"headline\" i]"
);

// hAtom's entry title, which blog themes (Blogger, older WordPress) put on
// an `<h2>` or `<h3>` when the `<h1>` is the blog's name.
selector!(
    ENTRY_TITLE,
    "h1[class~=\"entry-title\" i], h2[class~=\"entry-title\" i], h3[class~=\"entry-title\" i]"
);

/// Class words of labels printed above or inside a headline, not part of it.
const KICKER_WORDS: &[&str] = &[
    "kicker",
    "overline",
    "topline",
    "dachzeile",
    "eyebrow",
    "supertitle",
    "pretitle",
    "label",
    "category",
    "rubric",
    "visually-hidden",
    "sr-only",
    "screen-reader-text",
];

/// Headline text without kicker labels or screen-reader-only parts.
fn headline_text(el: ElementRef<'_>) -> String {
    let is_kicker = |e: &scraper::node::Element| {
        e.attr("class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            KICKER_WORDS.iter().any(|k| c.contains(k))
        })
    };
    let text = collapse_whitespace(&text_skipping(el, is_kicker, false));
    text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | '-' | '–'))
        .to_string()
}

/// The text of `el` without the descendants `skip` names (with what they
/// hold). With `lines`, block boundaries are line breaks and inline
/// elements' edges part words ("<a>Lucas Nolan</a><a class=bycount>651</a>"
/// is not "Nolan651", but "wien.ORF.at/<a>Agenturen</a>" is one credit);
/// without, the text nodes are joined as they stand.
fn text_skipping(
    el: ElementRef<'_>,
    skip: impl Fn(&scraper::node::Element) -> bool,
    lines: bool,
) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<usize> = None;
    let mut depth = 0usize;
    // An inline element's edge lies between the text before and after.
    let mut gap = false;
    for edge in el.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                depth += 1;
                if skip_depth.is_some() {
                    continue;
                }
                if let Some(child) = node.value().as_element() {
                    if node.id() != el.id() && skip(child) {
                        skip_depth = Some(depth);
                    } else if lines && is_block(child.name()) {
                        out.push('\n');
                    } else {
                        gap = true;
                    }
                } else if let Some(t) = node.value().as_text() {
                    if lines
                        && gap
                        && out.ends_with(char::is_alphanumeric)
                        && t.starts_with(char::is_alphanumeric)
                    {
                        out.push(' ');
                    }
                    gap = false;
                    out.push_str(t);
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skip_depth == Some(depth) {
                    skip_depth = None;
                } else if skip_depth.is_none()
                    && let Some(e) = node.value().as_element()
                {
                    if lines && is_block(e.name()) {
                        out.push('\n');
                    } else {
                        gap = true;
                    }
                }
                depth -= 1;
            }
        }
    }
    out
}

/// An `<h1>` that is the site's name linking to its home page (a blog's
/// masthead: `<h1><a href="https://emacspeak.blogspot.com/">EMACSPEAK</a>`),
/// not a story's headline.
fn is_masthead(h1: ElementRef<'_>) -> bool {
    let Some(link) = h1.select(&A_HREF).next() else {
        return false;
    };
    let home = link.attr("href").is_some_and(|href| {
        let href = href.split(['?', '#']).next().unwrap_or_default();
        let path = href.rsplit_once("://").map_or(href, |(_, rest)| {
            rest.find('/').map_or("/", |slash| &rest[slash..])
        });
        matches!(path, "" | "/" | "./" | "/index.html" | "/index.php")
    });
    home && collapse_whitespace(&link.text().collect::<String>())
        == collapse_whitespace(&h1.text().collect::<String>())
}

/// Visible `<h1>` headlines: inside the article first, then the rest, then
/// hAtom entry titles.
fn headlines(doc: &Html) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for el in doc
        .select(&ARTICLE_H1)
        .chain(doc.select(&H1))
        .chain(doc.select(&ENTRY_TITLE))
    {
        if is_masthead(el) {
            continue;
        }
        let text = headline_text(el);
        if !text.is_empty() && !out.contains(&text) {
            out.push(text);
        }
        if out.len() >= 3 {
            break;
        }
    }
    out
}

/// Authors from microdata, `rel=author` links and byline-classed elements.
fn markup_authors(doc: &Html, short: &ShortTexts) -> Vec<String> {
    for el in doc.select(&ITEMPROP_AUTHOR) {
        let name = el
            .select(&ITEMPROP_NAME)
            .next()
            .map(|n| n.attr("content").map_or_else(|| text_of(n), str::to_string))
            .or_else(|| el.attr("content").map(str::to_string))
            .unwrap_or_else(|| short.lines_of(el, SHORT).unwrap_or_default().to_string());
        let names = byline_names(&name);
        if !names.is_empty() {
            return names;
        }
    }
    for el in doc.select(&BYLINE_CLASS) {
        if in_comments(el) || credits_a_picture(el) {
            continue;
        }
        let Some(text) = short.lines_of(el, SHORT) else {
            continue;
        };
        // The outlet is credited only when no person is named.
        let mut names = byline_names(&byline_text(el));
        if names.is_empty() {
            names = byline_names(text);
        }
        if !names.is_empty() {
            return names;
        }
    }
    // Author links: the byline's, not every "more by" link down the page.
    let mut linked: Vec<String> = Vec::new();
    for name in doc.select(&REL_AUTHOR).map(text_of) {
        if plausible_name(&name) && !linked.contains(&name) {
            linked.push(name);
        }
        if linked.len() == 2 {
            break;
        }
    }
    if !linked.is_empty() {
        return linked;
    }
    let profiles = profile_links(doc, short);
    if !profiles.is_empty() {
        return profiles;
    }
    printed_byline(doc, short)
}

/// Names linked to an author's page just after the headline
/// (`<a href="/author/jane-doe/">Jane Doe</a>`, El País's `/autor/…`): a
/// byline with no class or `rel` to say so. Links after the story's first
/// paragraph (a sidebar's "more by") are not looked at.
fn profile_links(doc: &Html, short: &ShortTexts) -> Vec<String> {
    /// Elements after the headline that are looked at.
    const NEAR: usize = 30;
    /// Path segments of an author's page.
    const SEGMENTS: &[&str] = &[
        "author",
        "authors",
        "autor",
        "autoren",
        "autore",
        "autori",
        "auteur",
        "auteurs",
        "autores",
        "journalist",
        "journalists",
        "journalisten",
        "profile",
        "profiles",
        "people",
        "staff",
        "reporters",
        "columnists",
        "writers",
    ];
    let Some(near) = after_headline(doc, short, NEAR) else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    for el in near {
        // The story's first paragraph ends the byline's place.
        if el.value().name() == "p" && el.text().map(str::len).sum::<usize>() > 100 {
            break;
        }
        if el.value().name() != "a" || in_comments(el) {
            continue;
        }
        let link = el;
        let Some(href) = link.attr("href") else {
            continue;
        };
        let path = href.split(['?', '#']).next().unwrap_or_default();
        let path = path.rsplit_once("://").map_or(path, |(_, rest)| {
            rest.find('/').map_or("", |slash| &rest[slash..])
        });
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        // The profile segment, then the person's own.
        if !segments.any(|s| SEGMENTS.contains(&s.to_ascii_lowercase().as_str()))
            || segments.next().is_none()
        {
            continue;
        }
        let name = collapse_whitespace(&text_of(link));
        if plausible_name(&name)
            && name.chars().next().is_some_and(char::is_uppercase)
            && !names.contains(&name)
        {
            names.push(name);
        }
        if names.len() == 3 {
            break;
        }
    }
    names
}

/// Class words of the parts of a byline that are not names: the outlet, the
/// writer's job, the date (`<span class="author">Elliot Brownstein</span>
/// <span class="publication">Florida Today</span>`); any word ending in
/// "date" or "time" too (`bydate`, `pubdate`, `posttime`).
const NOT_NAME_WORDS: &[&str] = &[
    "publication",
    "publisher",
    "source",
    "outlet",
    "organization",
    "organisation",
    "affiliation",
    "role",
    "jobtitle",
    "position",
    "date",
    "time",
    "timestamp",
];

/// The text of a byline element, block boundaries as line breaks, without
/// the parts whose class says they are not names.
fn byline_text(el: ElementRef<'_>) -> String {
    let not_name = |e: &scraper::node::Element| {
        matches!(e.name(), "script" | "style" | "noscript")
            || e.attr("class").is_some_and(|c| {
                c.split_whitespace().any(|t| {
                    words(&class_words(t)).any(|w| {
                        NOT_NAME_WORDS.contains(&w) || w.ends_with("date") || w.ends_with("time")
                    })
                })
            })
    };
    text_skipping(el, not_name, true)
}

/// Elements a printed byline or dateline may sit in.
const SHORT_TAGS: &[&str] = &[
    "p", "span", "div", "address", "em", "i", "small", "strong", "b", "li", "h4", "h5", "h6", "td",
    "time",
];

/// Whether an element sits in the readers' comments, whose bylines name
/// commenters.
fn in_comments(el: ElementRef<'_>) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let v = a.value();
        v.attr("class")
            .into_iter()
            .flat_map(str::split_whitespace)
            .chain(v.attr("id"))
            .any(|t| {
                let t = t.to_ascii_lowercase();
                t.contains("comment") || t.contains("reaction")
            })
    })
}

/// Whether a byline-classed element credits a picture rather than the story:
/// it sits in a `<figure>`, or its class says caption or image
/// (`cutline-byline-container`, `byline-image`, `photo-byline`).
fn credits_a_picture(el: ElementRef<'_>) -> bool {
    // `byline-image` credits a picture; `byline--with-image` is a byline
    // shown beside the writer's portrait.
    let says_picture = |e: ElementRef<'_>| {
        e.value().attr("class").is_some_and(|c| {
            c.split_whitespace().any(|t| {
                let joined = class_words(t);
                let beside = words(&joined).any(|w| matches!(w, "with" | "has"));
                words(&joined).any(|w| {
                    matches!(w, "caption" | "cutline" | "figure")
                        || !beside && matches!(w, "image" | "img" | "photo" | "picture")
                })
            })
        })
    };
    let mut ancestors = el.ancestors().filter_map(ElementRef::wrap);
    says_picture(el)
        || ancestors.clone().take(3).any(says_picture)
        || ancestors.any(|a| matches!(a.value().name(), "figure" | "figcaption"))
}

/// Elements that may hold a label ("Autor:") whose value follows them.
const LABEL_TAGS: &[&str] = &[
    "h5", "h6", "strong", "b", "span", "dt", "th", "label", "em", "i", "small",
];

/// A byline printed in the page: a short element reading "By …", "von …",
/// "Posted on … by …", "Autor: …".
fn printed_byline(doc: &Html, short: &ShortTexts) -> Vec<String> {
    static STARTS_BYLINE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:[-–—]+\s*)?(?:(?:written|posted|reported|words|story)\s+by|eingestellt\s+von|verfasst\s+von|by|von|par|por|di|door|av|przez|(?:autor(?:in|e|a)?|auteure?|author|text)\s*:|posted\s+on\s+.{4,30}\s+by)\s+\S",
        )
        .expect("valid regex")
    });
    // "<h5>Autor:</h5> Peter Maahn": a label whose name follows it.
    static LABEL_ONLY: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:autor(?:in|e|a)?|auteure?|author|written\s+by|text|von|by)\s*:?$",
        )
        .expect("valid regex")
    });
    for id in &short.order {
        let Some(el) = doc.tree.get(*id).and_then(ElementRef::wrap) else {
            continue;
        };
        if !LABEL_TAGS.contains(&el.value().name())
            || !short.of(el, 20).is_some_and(|t| LABEL_ONLY.is_match(t))
        {
            continue;
        }
        let mut after = String::new();
        for sibling in el.next_siblings() {
            match sibling.value() {
                scraper::Node::Text(t) => after.push_str(t),
                scraper::Node::Element(e)
                    if !matches!(
                        e.name(),
                        "br" | "p" | "div" | "li" | "h4" | "h5" | "h6" | "dt"
                    ) =>
                {
                    if let Some(e) = ElementRef::wrap(sibling) {
                        after.push_str(&text_of(e));
                        after.push(' ');
                    }
                }
                scraper::Node::Element(_) => break,
                _ => {}
            }
            if after.chars().count() > 80 {
                break;
            }
        }
        let after = collapse_whitespace(&after);
        if after.is_empty() || after.chars().count() > 80 {
            continue;
        }
        let names = byline_names(&format!("By {after}"));
        if !names.is_empty()
            && names
                .iter()
                .all(|n| n.chars().next().is_some_and(char::is_uppercase))
        {
            return names;
        }
    }
    for text in short.of_tags(doc, SHORT_TAGS, 120) {
        if !STARTS_BYLINE.is_match(text) {
            continue;
        }
        let names = byline_names(text);
        if !names.is_empty()
            && names
                .iter()
                .all(|n| n.chars().next().is_some_and(char::is_uppercase))
        {
            return names;
        }
    }
    Vec::new()
}

fn plausible_name(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=8).contains(&words)
        && s.chars().count() <= 80
        && s.chars().next().is_some_and(char::is_alphabetic)
        && !s.contains("://")
        && parse_date(s).is_none()
}

/// `<meta>` keys that declare the publication date, in order of trust.
const PUBLISHED_KEYS: &[&str] = &[
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
];

/// `<meta>` keys that declare the last modification.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "last-modified",
    "datemodified",
    "dateupdated",
];

/// The date printed with the headline, when readers are told a different
/// day than the page declares: the declared date is then a content system's
/// stamp (a draft's creation, a migration), and the printed one is what the
/// page publishes. It is not believed when the difference is a time zone's
/// worth (a UTC instant shown on the publisher's clock), nor when it is the
/// declared modification day and nothing declares it as the publication.
fn printed_instead(
    doc: &Html,
    short: &ShortTexts,
    declared: DateTime<FixedOffset>,
    ld: &[Value],
    tags: &MetaTags,
) -> Option<DateTime<FixedOffset>> {
    /// The widest offset from UTC most news is published at.
    const ZONE: chrono::TimeDelta = chrono::TimeDelta::hours(10);
    let printed = printed_with_headline(doc, short)?;
    let day = printed.date_naive();
    if day == declared.date_naive() {
        return None;
    }
    let zone_apart = |delta: chrono::TimeDelta| declared.checked_add_signed(delta);
    if declared.offset().local_minus_utc() == 0
        && let (Some(earliest), Some(latest)) = (zone_apart(-ZONE), zone_apart(ZONE))
        && earliest.date_naive() <= day
        && day <= latest.date_naive()
    {
        return None;
    }
    let days = |ld_keys: &[&str], meta_keys: &[&str]| -> Vec<chrono::NaiveDate> {
        ld.iter()
            .filter_map(|a| str_field(a, ld_keys))
            .chain(meta_keys.iter().flat_map(|k| tags.all(k)))
            .filter_map(|d| parse_date_zoned(&d))
            .map(|d| d.date_naive())
            .collect()
    };
    if days(&["dateModified"], MODIFIED_KEYS).contains(&day)
        && !days(&["datePublished", "dateCreated"], PUBLISHED_KEYS).contains(&day)
    {
        return None;
    }
    Some(printed)
}

/// The first date printed just after the story's headline, as a `<time>` or
/// a short line ("04.02.2022 | 15:33 Uhr", "By A. Writer - 2019-04-10"),
/// leaving out one marked as an update ("Updated …", `class="updated"`,
/// `itemprop="dateModified"`) and the readers' comments.
fn printed_with_headline(doc: &Html, short: &ShortTexts) -> Option<DateTime<FixedOffset>> {
    /// Elements after the headline that are looked at.
    const NEAR: usize = 40;
    /// Longest line a printed date is read from, in characters.
    const LINE: usize = 60;
    /// Most words besides the date's numbers a dateline holds ("By A.
    /// Writer - Nov 19, 2019, 10:31 pm CST").
    const DATELINE_WORDS: usize = 6;
    static UPDATE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:updated?|modified|last\s+changed|aktualisiert|geändert|mis\s+à\s+jour|actualizado|aggiornato)\b",
        )
        .expect("valid regex")
    });
    // `itemprop` says what a date is; else a class naming a modification,
    // or hAtom's "updated" without "published" (WordPress marks an unchanged
    // post's date "published updated").
    let marked = |el: ElementRef<'_>| {
        let v = el.value();
        let itemprop = v.attr("itemprop").unwrap_or_default().to_ascii_lowercase();
        if itemprop.contains("datepublished") {
            return false;
        }
        let class = v.attr("class").unwrap_or_default().to_ascii_lowercase();
        itemprop.contains("datemodified")
            || itemprop.contains("dateupdated")
            || class.contains("modified")
            || (class.contains("updated") && !class.contains("published"))
    };
    after_headline(doc, short, NEAR)?
        .filter(|el| !in_comments(*el))
        .find_map(|el| {
            // A whole line first ("Nov 19, 2019, 10:31 pm CST" keeps its
            // time and zone), else the first date in it.
            let read = |line: &str| parse_date_zoned(line).or_else(|| find_date_zoned(line));
            let (date, label) = if el.value().name() == "time" {
                let date = el
                    .attr("datetime")
                    .and_then(parse_date_zoned)
                    .or_else(|| short.of(el, LINE).and_then(read))?;
                // The words before it in its line: "Updated <time>".
                let own = short.of(el, LINE).unwrap_or_default();
                let line = el
                    .parent()
                    .and_then(ElementRef::wrap)
                    .and_then(|p| short.of(p, LINE * 2))
                    .unwrap_or_default();
                let label = line.find(own).map_or("", |at| &line[..at]);
                (date, label.to_string())
            } else if SHORT_TAGS.contains(&el.value().name())
                // A line holding a <time> is read through it, with its marks.
                && el.select(&TIME).next().is_none()
            {
                let line = short.of(el, LINE)?;
                // A dateline, not a sentence that names a day ("Am 12. März
                // spielt die Band in der Stadthalle").
                let words = line
                    .split_whitespace()
                    .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
                    .count();
                if words > DATELINE_WORDS {
                    return None;
                }
                let date = read(line)?;
                let label = line
                    .find(|c: char| c.is_ascii_digit())
                    .map_or(line, |at| &line[..at]);
                (date, label.to_string())
            } else {
                return None;
            };
            let parent_marked = el.parent().and_then(ElementRef::wrap).is_some_and(marked);
            let update = marked(el) || parent_marked || UPDATE.is_match(&label);
            // An update stamp is passed over; the publication may follow it.
            (!update).then_some(date)
        })
}

/// `<time datetime>` marked as the publication date, else the first one,
/// else hAtom's `<abbr class="published" title>`, else a printed date.
fn markup_date(doc: &Html, short: &ShortTexts) -> Option<DateTime<FixedOffset>> {
    let attr_date = |el: ElementRef<'_>| {
        el.attr("datetime")
            .or_else(|| el.attr("content"))
            .and_then(parse_date_zoned)
            .or_else(|| short.of(el, 100).and_then(parse_date_zoned))
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
            doc.select(&ABBR_PUBLISHED)
                .find_map(|el| el.attr("title").and_then(parse_date_zoned))
        })
        .or_else(|| {
            // A printed dateline: "Sunday, January 5, 2020" in a date-classed element.
            doc.select(&DATE_CLASS)
                .filter_map(|el| short.of(el, 100))
                .find_map(|t| parse_date_zoned(t).or_else(|| find_date_zoned(t)))
        })
        .or_else(|| dateline_under_headline(doc, short))
        .or_else(|| {
            // "Datum: 03.11.2021", "Erstellt am …", "Posted on …" anywhere short.
            static LABEL: LazyLock<regex::Regex> = LazyLock::new(|| {
                regex::Regex::new(
                    r"(?i)\b(?:datum|date|erstellt|veröffentlicht|publiziert|aktualisiert|letzte\s+änderung|stand|am|published|posted|updated|publié|publicado|pubblicato|opublikowano|dodano)\b",
                )
                .expect("valid regex")
            });
            short
                .of_tags(doc, SHORT_TAGS, 100)
                .filter(|t| LABEL.is_match(t))
                .find_map(find_date_zoned)
        })
}

/// A dateline printed just under the headline, with no label or class to
/// say so: "Hamburg, 2. November 2021", "01. November 2021 | Naturschutz".
/// Only short texts among the first elements after the story's `<h1>` count,
/// so a date inside the body's sentences or a list further down does not.
fn dateline_under_headline(doc: &Html, short: &ShortTexts) -> Option<DateTime<FixedOffset>> {
    /// Elements after the headline that are looked at.
    const NEAR: usize = 15;
    /// Longest dateline, in characters.
    const DATELINE: usize = 60;
    after_headline(doc, short, NEAR)?
        .filter(|el| SHORT_TAGS.contains(&el.value().name()))
        .filter_map(|el| short.of(el, DATELINE))
        .find_map(find_date_zoned)
}

/// The first `n` elements after the story's `<h1>` in document order,
/// leaving out the headline's own children; `None` without a headline.
fn after_headline<'a>(
    doc: &'a Html,
    short: &'a ShortTexts,
    n: usize,
) -> Option<impl Iterator<Item = ElementRef<'a>> + 'a> {
    let headline = doc
        .select(&ARTICLE_H1)
        .find(|el| el.value().name() == "h1")
        .or_else(|| doc.select(&H1).next())?
        .id();
    let at = short.order.iter().position(|id| *id == headline)?;
    Some(
        short.order[at + 1..]
            .iter()
            .take(n)
            .filter_map(|id| ElementRef::wrap(doc.tree.get(*id)?))
            .filter(move |el| !el.ancestors().any(|a| a.id() == headline)),
    )
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
            m.date
                .map(|d| crate::article::format_date(d.to_utc()))
                .as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
        assert_eq!(m.site_name.as_deref(), Some("LBC"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn json_ld_names_in_a_list_and_a_future_date_passed_over() {
        let m = meta(
            r#"<head><script type="application/ld+json">
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour wall",
             "author":{"@type":"Person","name":["Jane Doe","Ian Ross"]},
             "datePublished":"2999-03-01T09:00:00Z"}</script>
            <meta property="article:published_time" content="2023-03-01T09:00:00Z"></head>"#,
        );
        assert_eq!(m.authors, ["Jane Doe", "Ian Ross"]);
        assert_eq!(
            m.date.map(|d| d.date_naive().to_string()).as_deref(),
            Some("2023-03-01")
        );
    }

    #[test]
    fn a_twitter_card_labelled_written_by_names_the_author() {
        let m = meta(
            r#"<head><meta name="twitter:label1" content="Est. reading time">
            <meta name="twitter:data1" content="4 minutes">
            <meta name="twitter:label2" content="Written by">
            <meta name="twitter:data2" content="Priya Raman"></head>"#,
        );
        assert_eq!(m.authors, ["Priya Raman"]);
        let none = meta(
            r#"<head><meta name="twitter:label1" content="Est. reading time">
            <meta name="twitter:data1" content="4 minutes"></head>"#,
        );
        assert!(none.authors.is_empty(), "{:?}", none.authors);
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
    fn a_saved_page_names_the_address_it_was_saved_from() {
        let saved = "<!DOCTYPE html>\n<!-- saved from url=(0047)https://www.example-news.com/2021/03/04/story -->\n\
            <html><head><title>Story</title></head><body><p>Text.</p></body></html>";
        let m = read(&Html::parse_document(saved));
        assert_eq!(
            m.url.as_deref(),
            Some("https://www.example-news.com/2021/03/04/story")
        );
        // Its date then comes from the address, as for any page.
        assert_eq!(
            m.date.map(|d| d.date_naive().to_string()).as_deref(),
            Some("2021-03-04")
        );
        // The page's own address wins, and a local file is no address.
        let canonical = saved.replace(
            "<title>",
            "<link rel=\"canonical\" href=\"https://www.example-news.com/story\"><title>",
        );
        assert_eq!(
            read(&Html::parse_document(&canonical)).url.as_deref(),
            Some("https://www.example-news.com/story")
        );
        let single_file = "<!DOCTYPE html> <html lang=\"en\"><!--\n Page saved with SingleFile \n \
            url: https://news.example.org/2022/05/06/harbour \n saved date: Fri May 06 2022 10:00:00 GMT+0200\n-->\
            <head><title>Harbour</title></head><body><p>Text.</p></body></html>";
        assert_eq!(
            read(&Html::parse_document(single_file)).url.as_deref(),
            Some("https://news.example.org/2022/05/06/harbour")
        );
        let local =
            "<!-- saved from url=(0014)about:internet --><html><body><p>x</p></body></html>";
        assert_eq!(read(&Html::parse_document(local)).url, None);
    }

    #[test]
    fn the_date_printed_with_the_headline_beats_a_declared_stamp() {
        let day = |head: &str, body: &str| {
            let html = format!(
                r#"<html><head>{head}</head><body><article><h1>Warten lohnt sich</h1>{body}
                <p>Der Text des Artikels ist lang genug, um ein Artikel zu sein, und er geht weiter.</p>
                </article></body></html>"#
            );
            meta(&html).date.map(|d| d.date_naive().to_string())
        };
        let declared = r#"<meta name="pubdate" content="2021-12-14T15:41:07+01:00">"#;
        // Weeks apart: the page prints the day it published.
        assert_eq!(
            day(declared, "<p>04.02.2022 | 15:33 Uhr</p>").as_deref(),
            Some("2022-02-04")
        );
        // Marked as an update, by its words, itemprop or class: passed over.
        for update in [
            "<p>Updated <time datetime=\"2022-02-04\">Feb 4, 2022</time></p>",
            "<p><time itemprop=\"dateModified\" datetime=\"2022-02-04\">4. Februar 2022</time></p>",
            "<p><time class=\"updated\" datetime=\"2022-02-04\">4. Februar 2022</time></p>",
            "<p>Aktualisiert am 04.02.2022</p>",
        ] {
            assert_eq!(
                day(declared, update).as_deref(),
                Some("2021-12-14"),
                "{update}"
            );
        }
        // WordPress marks an unchanged post's date "published updated".
        assert_eq!(
            day(
                declared,
                "<p><time class=\"entry-date published updated\" datetime=\"2022-02-04\">4. Februar 2022</time></p>"
            )
            .as_deref(),
            Some("2022-02-04")
        );
        // The declared modification day, declared as nothing else: the
        // theme prints when the post was last changed.
        let modified = r#"<meta name="pubdate" content="2021-12-14T15:41:07+01:00">
            <meta property="article:modified_time" content="2022-02-04T10:00:00+01:00">"#;
        assert_eq!(
            day(modified, "<p>By A. Writer - 2022-02-04</p>").as_deref(),
            Some("2021-12-14")
        );
        // ... unless a publication key declares that day too.
        let both = format!(r#"{modified}<meta name="DC.date.issued" content="2022-02-04">"#);
        assert_eq!(
            day(&both, "<p>By A. Writer - 2022-02-04</p>").as_deref(),
            Some("2022-02-04")
        );
        // A sentence naming a day is not a dateline.
        assert_eq!(
            day(
                declared,
                "<p>Am 12. März 2023 spielt die Band in der großen Stadthalle</p>"
            )
            .as_deref(),
            Some("2021-12-14")
        );
        // A UTC instant shown on the publisher's clock is the same moment.
        let utc = r#"<meta property="article:published_time" content="2019-11-20T03:15:00Z">"#;
        assert_eq!(
            day(utc, "<p>Nov 19, 2019</p>").as_deref(),
            Some("2019-11-20")
        );
        // A printed time and zone are kept.
        let wrong_zone =
            r#"<meta property="article:published_time" content="2019-11-20T04:31:13-06:00">"#;
        let html = format!(
            r#"<html><head>{wrong_zone}</head><body><h1>A weird EV wagon</h1>
            <div><span>Chris Davies</span> - <span>Nov 19, 2019, 10:31 pm CST</span></div>
            <p>Text.</p></body></html>"#
        );
        assert_eq!(
            meta(&html).date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2019-11-19T22:31:00-06:00")
        );
    }

    #[test]
    fn a_dateline_under_the_headline_is_the_date() {
        let day = |html: &str| {
            meta(html)
                .date
                .map(|d| crate::article::format_date(d.to_utc()))
        };
        assert_eq!(
            day(r#"<body><nav><p>Home</p></nav><h1>Neue Ideen</h1>
            <p class="news-subtitle"><span>Hamburg, 2. November 2021 </span></p>
            <p>Am 5. Oktober 2021 begann der Wettbewerb, und viele Schüler nahmen teil.</p></body>"#)
            .as_deref(),
            Some("2021-11-02T00:00:00Z")
        );
        // A date in the headline itself, or only in the body's sentences, is not a dateline.
        assert_eq!(
            day(r#"<body><h1>Die Wahl vom <span>3. November 2020</span></h1>
            <p>Am 5. Oktober 2021 begann der Wettbewerb, und viele Schülerinnen und Schüler aus dem
            ganzen Land nahmen mit ihren Ideen daran teil.</p></body>"#),
            None
        );
    }

    #[test]
    fn a_web_pages_name_yields_to_the_og_title() {
        let m = meta(
            r#"<head><script type="application/ld+json">{"@context":"http://schema.org","@type":"WebPage","name":"Sports.fr"}</script>
            <meta property="og:title" content="Lorient vs Olympique Lyonnais"><title>Sports.fr</title></head>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Lorient vs Olympique Lyonnais"));
        // An article's name still comes first.
        let m = meta(
            r#"<head><script type="application/ld+json">{"@type":"NewsArticle","name":"Pompeo warns UK"}</script>
            <meta property="og:title" content="Pompeo warns UK | LBC"></head>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Pompeo warns UK"));
    }

    #[test]
    fn a_publication_named_as_creator_is_credited_when_nobody_else_is() {
        let m = meta(
            r#"<head><meta content="Mac &amp; i" property="og:site_name"><meta content="Mac &amp; i" name="DC.creator"></head><body><p>Text</p></body>"#,
        );
        assert_eq!(m.authors, ["Mac & i"]);
        // A web agency as creator is not the article's author.
        let m = meta(
            r#"<head><meta content="Gipfelbuch" property="og:site_name"><meta content="bergportal GmbH; digvis GmbH" name="DC.creator"></head><body><p>Text</p></body>"#,
        );
        assert!(m.authors.is_empty(), "{:?}", m.authors);
    }

    #[test]
    fn a_pictures_credit_is_not_the_stories_byline() {
        let m = meta(
            r#"<body><figure><img src="a.jpg"><div class="cutline-byline-container"><span class="cutline-text"><p>Juan Orlando Hernández (izquierda) y Joaquín Guzmán Loera (derecha) podrían verse cara a cara.</p></span>
            <span class="byline-image">Fotos: EL HERALDO/ AFP</span></div></figure>
            <div class="story"><p>Text</p></div></body>"#,
        );
        assert!(m.authors.is_empty(), "{:?}", m.authors);
        // A byline beside the writer's portrait is still the byline.
        let m = meta(
            r#"<body><div class="byline byline--with-image"><img src="fj.jpg">By Fiona Jones</div><p>Text</p></body>"#,
        );
        assert_eq!(m.authors, ["Fiona Jones"]);
    }

    #[test]
    fn block_boundaries_part_the_words_of_a_byline() {
        let m = meta(
            r#"<body><div class="ap-story-byline"><div class="field">By DANICA KIRKA and JILL LAWLESS</div><div class="field">Associated Press</div></div>
            <p>Text</p></body>"#,
        );
        // Three credits, not "JILL LAWLESSAssociated Press"; cleaning drops
        // the agency once people are named.
        assert_eq!(
            m.authors,
            ["DANICA KIRKA", "JILL LAWLESS", "Associated Press"]
        );
        let m = meta(
            r#"<body><div class="author-info"><span>By</span><div>Scott Cunningham</div><div>Ad Operations at IAB</div></div></body>"#,
        );
        assert_eq!(m.authors, ["Scott Cunningham"]);
        // The outlet beside the name is not part of it, but stands alone
        // when nobody is named.
        let m = meta(
            r#"<body><div class="byline-section"><div class="attribution"><span class="author">Elliot Brownstein</span> <span class="publication">Florida Today</span></div></div></body>"#,
        );
        assert_eq!(m.authors, ["Elliot Brownstein"]);
        let m = meta(
            r#"<body><div class="byline-section"><span class="author"> </span> <span class="publication">Detroit News wire services</span></div></body>"#,
        );
        assert_eq!(m.authors, ["Detroit News wire services"]);
        // Inline parts are words apart; the date and the comment count go.
        let m = meta(
            r#"<body><p class="byline"><span class="by-author"><span class="by">by</span> <a class="byauthor" href="/author/lnolan/">Lucas Nolan</a></span><span class="bydate">22 Dec 2016</span><a class="bycount" href="/#disqus_thread">651</a></p></body>"#,
        );
        assert_eq!(m.authors, ["Lucas Nolan"]);
        // A date printed in two blocks is not glued into "201916:46".
        let m = meta(
            r#"<body><article><h1>Head</h1><div class="date"><div>15 November 2019</div><div>16:46</div></div><p>Text</p></article></body>"#,
        );
        assert_eq!(
            m.date
                .map(|d| crate::article::format_date(d.to_utc()))
                .map(|d| d[..10].to_string())
                .as_deref(),
            Some("2019-11-15")
        );
    }

    #[test]
    fn markup_fallbacks_time_and_byline_class() {
        let m = meta(
            r#"<title>Plain title</title><body><article><h1>Head</h1>
            <div class="byline">By Fiona Jones | 30 January 2020</div>
            <time datetime="2020-01-30T16:46">30 Jan</time><p>Text</p></article></body>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Plain title"));
        assert_eq!(m.h1s, ["Head"]);
        assert_eq!(m.authors, ["Fiona Jones"]);
        assert_eq!(
            m.date
                .map(|d| crate::article::format_date(d.to_utc()))
                .as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
    }

    #[test]
    fn a_person_in_the_page_beats_an_organisation_credited_as_author() {
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H",
            "author":{"@type":"Organization","name":"LN"}}</script>"#;
        let m = meta(&format!(
            "{ld}<body><article><p>Text of the story.</p><p><em>Von <span>Cosima Künzel</span></em></p></article></body>"
        ));
        assert_eq!(m.authors, ["Cosima Künzel"]);
        // Nobody else named: the organisation stands.
        let m = meta(&format!("{ld}<body><p>Text of the story.</p></body>"));
        assert_eq!(m.authors, ["LN"]);
    }

    #[test]
    fn an_author_info_box_names_the_author_not_its_date() {
        let m = meta(
            r#"<body><h1>Altersvorsorge</h1><div class="author-info__txt inline-block">
            <span class="font-size-l">Sara Zinnecker</span>
            <span class="nowrap">Stand: 05. Februar 2020</span></div><p>Text.</p></body>"#,
        );
        assert_eq!(m.authors, ["Sara Zinnecker"]);
    }

    #[test]
    fn an_hatom_published_stamp_gives_the_time() {
        // Blogger prints the day in a header and the time in an <abbr>
        // whose title holds the whole stamp.
        let m = meta(
            r#"<body><h2 class="date-header"><span>Saturday, March 12, 2011</span></h2>
            <div class="post hentry"><h3 class="entry-title">Walking the Ridgeway</h3>
            <div class="entry-content"><p>Text</p></div>
            <span class="post-author vcard">Posted by <span class="fn">Margaret Hale</span></span>
            <span class="post-timestamp">at <abbr class="published" title="2011-03-12T09:14:00+01:00">9:14 AM</abbr></span>
            </div></body>"#,
        );
        assert_eq!(
            m.date
                .map(|d| crate::article::format_date(d.to_utc()))
                .as_deref(),
            Some("2011-03-12T08:14:00Z")
        );
        assert_eq!(m.authors, ["Margaret Hale"]);
    }

    #[test]
    fn a_drupal_submitted_line_names_the_author() {
        let m = meta(
            r#"<body><h1>Mit Digitaler Mündigkeit</h1><div class="node__submitted submitted">
            <span><a href="/user/leena-simon">Leena Simon</a></span> Veröffentlicht am 06.10.2023
            (Letztes Update: 06.10.2023)</div><p>Text.</p></body>"#,
        );
        assert_eq!(m.authors, ["Leena Simon"]);
    }

    #[test]
    fn a_staff_credit_stands_when_nobody_is_named() {
        let m = meta(
            r#"<body><h1>Fans</h1><div class="author-name"><span>By Staff Writer</span></div>
            <p>Text.</p></body>"#,
        );
        assert_eq!(clean_authors(&m.authors, None), ["Staff Writer"]);
        let m = meta(
            r#"<head><meta name="author" content="Ann Smith"></head><body><h1>Fans</h1>
            <div class="author-name"><span>By Staff Writer</span></div><p>Text.</p></body>"#,
        );
        assert_eq!(clean_authors(&m.authors, None), ["Ann Smith"]);
    }

    #[test]
    fn labelled_bylines_and_commenters() {
        let m = meta(
            r#"<body><p><h5>Datum: </h5>03.11.2021 <br> <h5 class="title-inline">Autor: </h5>Peter Maahn/SP-X</p></body>"#,
        );
        // The desk code goes when the article is normalised.
        assert_eq!(clean_authors(&m.authors, None), ["Peter Maahn"]);
        let m = meta(
            r#"<head><meta name="author" content="Deutsche Welle (www.dw.com)"></head>
            <body><div class="longText"><p>Auteur : Kossivi Tiassou </p></div></body>"#,
        );
        assert_eq!(m.authors, ["Kossivi Tiassou"]);
        let m = meta(
            r#"<body><div id="comments"><div class="byline"><div class="username">Sam Reader</div></div></div>
            <article><div class="author-name">Nataliya Vasilyeva</div><p>Text.</p></article></body>"#,
        );
        assert_eq!(m.authors, ["Nataliya Vasilyeva"]);
        // A credit set off by dashes, under an editor's credit in markup.
        let m = meta(
            r#"<body><span itemprop="author">Revised Edition Edited by Adrian Parr</span>
            <div><span><strong><em>---- by Kenneth Surin</em></strong></span></div><p>Text.</p></body>"#,
        );
        assert_eq!(m.authors, ["Kenneth Surin"]);
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><title>T</title>"#,
        );
        assert_eq!(m.title.as_deref(), Some("T"));
    }
}
