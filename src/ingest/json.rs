//! JSON exports from scrapers and news APIs: one article object, an array of
//! them, an API response wrapping them (`articles`, `results`, `docs`,
//! `hits`…), or JSON Lines. Field names are matched case-insensitively
//! against the names scrapers and APIs use.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use crate::article::Article;
use crate::ingest::Parsed;
use crate::ingest::clean::collapse_whitespace;
use crate::ingest::date::{from_timestamp, parse_date_zoned};
use crate::ingest::html::{fragment_to_text, looks_like_markup, meta::names_of};
use crate::ingest::wikitext::{self, looks_like_wikitext};

const TITLE: &[&str] = &[
    "title", "headline", "webTitle", "heading", "header", "name", "subject",
];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "articleBody",
    "article_body",
    "bodyText",
    "body_text",
    "fulltext",
    "full_text",
    "maintext",
    "main_text",
    "story",
    "article",
    "content_text",
    "content:encoded",
    "html",
];
const SUMMARY: &[&str] = &[
    "description",
    "summary",
    "abstract",
    "lead_paragraph",
    "excerpt",
    "snippet",
    "lede",
];
const AUTHOR: &[&str] = &[
    "author",
    "authors",
    "byline",
    "creator",
    "dc:creator",
    "creators",
    "writer",
    "writers",
    "byl",
    "author_name",
    "authorName",
];
const DATE: &[&str] = &[
    "date",
    "published",
    "publishedAt",
    "published_at",
    "pubDate",
    "pub_date",
    "datePublished",
    "date_published",
    "publication_date",
    "publicationDate",
    "publishDate",
    "publish_date",
    "webPublicationDate",
    "firstPublished",
    "created_at",
    "createdAt",
    "created",
    "dateCreated",
    "timestamp",
    "time",
    "datetime",
    "isoDate",
    "updated",
    "updated_at",
    "modified",
    "dateModified",
];
const URL: &[&str] = &[
    "url",
    "link",
    "webUrl",
    "web_url",
    "canonical_url",
    "canonicalUrl",
    "permalink",
    "uri",
    "href",
    "source_url",
];
const SITE: &[&str] = &[
    "site",
    "source",
    "sitename",
    "site_name",
    "siteName",
    "publisher",
    "domain",
    "source_name",
    "feed",
    "outlet",
];
const LANG: &[&str] = &["lang", "language", "inLanguage", "locale"];
const TAGS: &[&str] = &[
    "tags",
    "keywords",
    "categories",
    "topics",
    "subjects",
    "section",
    "category",
];
/// Keys under which API responses put their list of articles.
const CONTAINERS: &[&str] = &[
    "articles",
    "results",
    "data",
    "items",
    "docs",
    "entries",
    "stories",
    "posts",
    "hits",
    "documents",
    "news",
    "response",
    "value",
    "records",
];

/// Reads a `.json` file: one article, an array, or a wrapped list.
pub fn parse_json(text: &str) -> Result<Parsed, String> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // Several objects one after another: JSON Lines saved as .json.
        Err(e) if e.is_syntax() && e.to_string().contains("trailing characters") => {
            return Ok(parse_json_lines(text));
        }
        Err(e) => return Err(format!("invalid JSON: {e}")),
    };
    let items = article_values(&value).ok_or_else(|| {
        format!(
            "no articles found: expected an object with a title or body, or a list of them{}",
            keys_hint(&value)
        )
    })?;
    let mut parsed = Parsed::default();
    for (i, item) in items.into_iter().enumerate() {
        match article_from_value(item) {
            Ok(a) => parsed.articles.push((i, a)),
            Err(reason) if parsed_single(&value) => return Err(reason),
            Err(reason) => parsed.problems.push(format!("item {}: {reason}", i + 1)),
        }
    }
    Ok(parsed)
}

fn parsed_single(value: &Value) -> bool {
    value.is_object() && article_values(value).is_some_and(|v| v.len() == 1)
}

/// Reads JSON Lines: each line an article; a bad line is reported with its
/// number and the others are kept.
pub fn parse_json_lines(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let result = serde_json::from_str::<Value>(line)
            .map_err(|e| format!("invalid JSON: {e}"))
            .and_then(|v| article_from_value(&v));
        match result {
            Ok(a) => parsed.articles.push((i, a)),
            Err(reason) => parsed.problems.push(format!("line {}: {reason}", i + 1)),
        }
    }
    parsed
}

/// The article objects inside a JSON document, or `None` when there are none.
fn article_values(value: &Value) -> Option<Vec<&Value>> {
    match value {
        Value::Array(items) => Some(items.iter().map(unwrap_hit).collect()),
        // A list of article objects under a container key wins over the
        // wrapper's own fields ({"name": "feed", "items": [...]}).
        Value::Object(map) => CONTAINERS
            .iter()
            .find_map(|key| {
                let inner = get(map, key)?;
                match inner {
                    Value::Array(items) if items.iter().any(Value::is_object) => {
                        Some(items.iter().map(unwrap_hit).collect())
                    }
                    Value::Object(_) if !is_article(map) => article_values(inner),
                    _ => None,
                }
            })
            .or_else(|| is_article(map).then(|| vec![value])),
        _ => None,
    }
}

/// Search-engine hits keep the document under `_source`.
fn unwrap_hit(v: &Value) -> &Value {
    v.get("_source").unwrap_or(v)
}

fn is_article(map: &Map<String, Value>) -> bool {
    TITLE
        .iter()
        .chain(BODY)
        .chain(SUMMARY)
        .any(|k| get(map, k).is_some())
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "an empty string",
        Value::Array(_) => "a list of non-strings",
        Value::Object(_) => "an object",
    }
}

fn keys_hint(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<String> = map
                .keys()
                .take(4)
                .map(|k| match k.char_indices().nth(24) {
                    Some((cut, _)) => format!("{}…", &k[..cut]),
                    None => k.clone(),
                })
                .collect();
            if map.len() > 4 {
                keys.push(format!("… {} keys in all", map.len()));
            }
            format!(" (keys: {})", keys.join(", "))
        }
        Value::String(_) => " (found a string)".into(),
        Value::Number(_) => " (found a number)".into(),
        _ => String::new(),
    }
}

/// Builds an article from one JSON object.
pub fn article_from_value(value: &Value) -> Result<Article, String> {
    let Value::Object(map) = value else {
        return Err(format!("expected an article object{}", keys_hint(value)));
    };
    // Guardian- and WordPress-style responses nest the text one level down.
    let nested = ["fields", "_source", "properties"]
        .iter()
        .filter_map(|k| get(map, k).and_then(Value::as_object))
        .collect::<Vec<_>>();
    let lookup = |keys: &[&str]| -> Option<&Value> {
        keys.iter()
            .find_map(|k| {
                get(map, k).filter(|v| text_of(v).is_some() || v.is_array() || v.is_number())
            })
            .or_else(|| {
                nested
                    .iter()
                    .find_map(|m| keys.iter().find_map(|k| get(m, k)))
            })
    };

    let title = first_text(map, &nested, TITLE).unwrap_or_default();
    let mut wiki_date = None;
    let body = first_text(map, &nested, BODY)
        .or_else(|| summaries(map, &nested))
        .map(|b| {
            if looks_like_wikitext(&b) {
                let (text, date) = wikitext::to_text(&b);
                wiki_date = date;
                text
            } else if looks_like_markup(&b) {
                fragment_to_text(&b)
            } else {
                b
            }
        })
        .map(|mut b| {
            // A prefix of the body: cut in place, no copy.
            b.truncate(without_truncation_mark(&b).len());
            b
        })
        .unwrap_or_default();
    if title.trim().is_empty() && body.trim().is_empty() {
        // Say what the fields are when they exist but hold no text.
        let wrong: Vec<String> = TITLE
            .iter()
            .chain(BODY)
            .filter_map(|k| get(map, k).map(|v| format!("{k} is {}", type_name(v))))
            .collect();
        if !wrong.is_empty() {
            return Err(format!("no text in title or body ({})", wrong.join(", ")));
        }
        return Err(format!("no title or body{}", keys_hint(value)));
    }
    let authors = AUTHOR
        .iter()
        .find_map(|k| {
            let v = get(map, k).or_else(|| nested.iter().find_map(|m| get(m, k)))?;
            let names = author_names(v);
            (!names.is_empty()).then_some(names)
        })
        .unwrap_or_default();
    let date = DATE
        .iter()
        .find_map(|k| {
            let v = get(map, k).or_else(|| nested.iter().find_map(|m| get(m, k)))?;
            match v {
                Value::String(s) => parse_date_zoned(s),
                Value::Number(n) => n
                    .as_f64()
                    .and_then(from_timestamp)
                    .map(|d| d.fixed_offset()),
                Value::Object(o) => o
                    .get("$date")
                    .and_then(Value::as_str)
                    .and_then(parse_date_zoned),
                _ => None,
            }
        })
        // A wiki export's date is inside its markup ({{date|…}}).
        .or(wiki_date);
    let url = lookup(URL).and_then(text_of).filter(|u| u.contains("://"));
    let site = SITE.iter().find_map(|k| {
        let v = get(map, k)?;
        match v {
            Value::Object(o) => ["name", "title", "id", "domain"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str).map(str::to_string)),
            other => text_of(other),
        }
    });
    let lang = LANG.iter().find_map(|k| get(map, k).and_then(text_of));
    let tags = TAGS
        .iter()
        .find_map(|k| {
            let tags: Vec<String> = match get(map, k)? {
                Value::String(s) => s.split([',', ';']).map(str::to_string).collect(),
                Value::Array(items) => items.iter().filter_map(tag_of).collect(),
                _ => return None,
            };
            (!tags.is_empty()).then_some(tags)
        })
        .unwrap_or_default();
    let mut article = Article {
        title,
        authors,
        body,
        url,
        site,
        lang,
        tags,
        ..Article::default()
    };
    if let Some(date) = date {
        article.set_date(date);
    }
    Ok(article)
}

/// NewsAPI's free tier cuts `content` and says by how much ("… [+3250
/// chars]"): the count is not text.
fn without_truncation_mark(body: &str) -> &str {
    static MARK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*\[\+\d+ chars\]\s*$").expect("constant regex"));
    if !body.trim_end().ends_with(" chars]") {
        return body;
    }
    match MARK.find(body) {
        Some(m) => &body[..m.start()],
        None => body,
    }
}

/// An article known only by its summaries (the NYT's `abstract` and
/// `lead_paragraph`): each distinct one, in the order of [`SUMMARY`]; one
/// that another holds whole is left out.
fn summaries(map: &Map<String, Value>, nested: &[&Map<String, Value>]) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for text in SUMMARY.iter().filter_map(|k| {
        get(map, k)
            .or_else(|| nested.iter().find_map(|m| get(m, k)))
            .and_then(text_of)
    }) {
        let text = text.trim().to_string();
        if found.iter().any(|f| f.contains(&text)) {
            continue;
        }
        found.retain(|f| !text.contains(f.as_str()));
        found.push(text);
    }
    (!found.is_empty()).then(|| found.join("\n\n"))
}

/// A tag as APIs give one: a string, or an object naming it (the NYT's
/// `{"name": "subject", "value": "Harbors"}`, the Guardian's `webTitle`,
/// `label`, `term`, `name`).
fn tag_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => ["value", "webTitle", "label", "term", "name", "title"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            .map(str::to_string)
            .or_else(|| names_of(value).into_iter().next()),
        _ => None,
    }
    .filter(|t| !t.trim().is_empty())
}

fn first_text(
    map: &Map<String, Value>,
    nested: &[&Map<String, Value>],
    keys: &[&str],
) -> Option<String> {
    keys.iter()
        .find_map(|k| get(map, k).and_then(text_of))
        .or_else(|| {
            nested
                .iter()
                .find_map(|m| keys.iter().find_map(|k| get(m, k).and_then(text_of)))
        })
}

/// Case-insensitive key lookup.
fn get<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key)
        .or_else(|| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
        .filter(|v| !v.is_null())
}

/// Text from a string, a list of strings (paragraphs), or an object wrapping
/// one (`{"rendered": …}`, `{"main": …}`, `{"#text": …}`).
fn text_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n\n"),
        Value::Object(o) => ["rendered", "main", "#text", "value", "text", "original"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))?
            .to_string(),
        _ => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

fn author_names(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![collapse_whitespace(s)],
        Value::Object(o) => {
            // NYT: {"original": "By A and B", "person": [...]}.
            if let Some(original) = o.get("original").and_then(Value::as_str) {
                return vec![original.to_string()];
            }
            if let Some(people) = o.get("person") {
                return author_names(people);
            }
            let mut names = names_of(value);
            if names.is_empty() {
                let first = o.get("firstname").and_then(Value::as_str).unwrap_or("");
                let last = o.get("lastname").and_then(Value::as_str).unwrap_or("");
                let full = collapse_whitespace(&format!("{first} {last}"));
                if !full.is_empty() {
                    names.push(full);
                }
            }
            names
        }
        Value::Array(items) => items.iter().flat_map(author_names).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> Article {
        let parsed = parse_json(json).expect("parses");
        assert_eq!(parsed.articles.len(), 1, "{:?}", parsed.problems);
        parsed
            .articles
            .into_iter()
            .next()
            .map(|(_, a)| a)
            .expect("one article")
    }

    #[test]
    fn a_plain_article_object() {
        let a = one(
            r#"{"title":"Five Eyes","author":"Fiona Jones","date":"2020-01-30T16:46:00Z","body":"Text.","url":"https://lbc.co.uk/x"}"#,
        );
        assert_eq!(a.title, "Five Eyes");
        assert_eq!(a.authors, ["Fiona Jones"]);
        assert!(a.date.is_some());
        assert_eq!(a.url.as_deref(), Some("https://lbc.co.uk/x"));
    }

    #[test]
    fn schema_org_names_and_author_objects() {
        let a = one(
            r#"{"headline":"H","authors":[{"name":"A One"},{"name":"B Two"}],"datePublished":"Thu, 30 Jan 2020 16:46:00 GMT","articleBody":"<p>One</p><p>Two</p>"}"#,
        );
        assert_eq!(a.authors, ["A One", "B Two"]);
        assert_eq!(a.body, "One\n\nTwo");
    }

    #[test]
    fn wiki_exports_are_read_as_text_and_dated_from_their_markup() {
        let a = one(
            r#"{"title": "President of China lunches with Brazilian President",
                "text": ["{{date|November 13, 2004}}\n{{Brazil}}", "{{w|Hu Jintao|Hu Jintao}} had lunch with [[w:Luiz Inácio Lula da Silva|Lula]] at the ''Granja do Torto''.", "{{haveyoursay}}\n{{archive}}"]}"#,
        );
        assert_eq!(
            a.body,
            "Hu Jintao had lunch with Lula at the Granja do Torto."
        );
        assert_eq!(
            a.date.map(|d| d.date_naive().to_string()).as_deref(),
            Some("2004-11-13")
        );
    }

    #[test]
    fn the_news_apis_truncation_mark_is_not_text() {
        let a = one(
            r#"{"title": "T", "content": "The government agreed to give the firm a limited role… [+3250 chars]"}"#,
        );
        assert_eq!(
            a.body,
            "The government agreed to give the firm a limited role…"
        );
    }

    #[test]
    fn newsapi_response() {
        let parsed = parse_json(
            r#"{"status":"ok","totalResults":2,"articles":[
              {"source":{"id":null,"name":"BBC News"},"author":"BBC News","title":"A","description":"d","publishedAt":"2020-01-30T10:00:00Z","content":"c"},
              {"source":{"name":"LBC"},"author":null,"title":"B","publishedAt":"2020-01-31T10:00:00Z","content":"c2"}]}"#,
        )
        .expect("parses");
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[0].1.site.as_deref(), Some("BBC News"));
        assert_eq!(parsed.articles[1].1.authors, Vec::<String>::new());
    }

    #[test]
    fn nyt_search_response_keeps_its_summaries_and_keyword_values() {
        let a = parse_json(
            r#"{"status":"OK","response":{"docs":[{"abstract":"The council voted on a plan.",
              "lead_paragraph":"The City Council voted on Thursday to approve a sweeping plan for the harbor.",
              "headline":{"main":"Council Approves Harbor Plan"},"pub_date":"2020-01-30T21:05:12+0000",
              "keywords":[{"name":"subject","value":"Harbors"},{"name":"glocations","value":"New York City"}]}]}}"#,
        )
        .expect("parses")
        .articles
        .remove(0)
        .1;
        assert_eq!(a.title, "Council Approves Harbor Plan");
        assert_eq!(
            a.body,
            "The council voted on a plan.\n\nThe City Council voted on Thursday to approve a sweeping plan for the harbor."
        );
        assert_eq!(a.tags, ["Harbors", "New York City"]);
        // A summary the other holds whole is not repeated.
        let b = one(r#"{"title":"T","abstract":"Short.","lead_paragraph":"Short. And more."}"#);
        assert_eq!(b.body, "Short. And more.");
    }

    #[test]
    fn guardian_response_with_fields() {
        let a = parse_json(
            r#"{"response":{"status":"ok","results":[{"webTitle":"G","webUrl":"https://www.theguardian.com/x","webPublicationDate":"2020-01-30T16:46:00Z","fields":{"bodyText":"Body","byline":"Ann Smith"}}]}}"#,
        )
        .expect("parses")
        .articles
        .remove(0)
        .1;
        assert_eq!((a.title.as_str(), a.body.as_str()), ("G", "Body"));
        assert_eq!(a.authors, ["Ann Smith"]);
        assert!(a.date.is_some());
        let tagged = one(
            r#"{"webTitle":"G","fields":{"bodyText":"Body"},"tags":[{"id":"technology/huawei","type":"keyword","webTitle":"Huawei"}]}"#,
        );
        assert_eq!(tagged.tags, ["Huawei"]);
    }

    #[test]
    fn epoch_dates_and_wordpress_rendered_fields() {
        let a = one(
            r#"{"title":{"rendered":"WP"},"content":{"rendered":"<p>Hi</p>"},"date":1580402760}"#,
        );
        assert_eq!(a.title, "WP");
        assert_eq!(a.body, "Hi");
        assert_eq!(
            a.date.map(crate::article::format_date).as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
    }

    #[test]
    fn json_lines_keep_good_lines_and_report_bad_ones() {
        let parsed = parse_json_lines(
            "{\"title\":\"one\",\"body\":\"b\"}\n{not json\n\n{\"title\":2,\"body\":[1]}\n{\"title\":\"four\"}\n",
        );
        let titles: Vec<&str> = parsed
            .articles
            .iter()
            .map(|(_, a)| a.title.as_str())
            .collect();
        assert_eq!(titles, ["one", "four"]);
        assert_eq!(parsed.problems.len(), 2);
        assert!(
            parsed.problems[0].starts_with("line 2: invalid JSON"),
            "{:?}",
            parsed.problems
        );
        assert!(
            parsed.problems[1].starts_with("line 4: no text in title or body (title is a number"),
            "{:?}",
            parsed.problems
        );
    }

    #[test]
    fn wrong_shapes_are_clear_errors() {
        assert!(parse_json("[1, 2").unwrap_err().starts_with("invalid JSON"));
        assert!(
            parse_json("{\"foo\": 1}")
                .unwrap_err()
                .contains("keys: foo")
        );
        assert!(parse_json("42").unwrap_err().contains("found a number"));
    }
}
