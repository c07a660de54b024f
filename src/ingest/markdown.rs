//! Markdown articles: pages clipped to notes by Obsidian Web Clipper,
//! MarkDownload and the like, or written by hand.
//!
//! ```text
//! ---                                        ← front matter (YAML): the metadata
//! title: "Harbour wall to be rebuilt"
//! author: ["[[Jane Doe]]"]
//! published: 2023-03-01
//! source: "https://example-news.com/harbour-wall"
//! tags: [clippings]
//! ---
//! # Harbour wall to be rebuilt              ← the headline, when no title is given
//! The harbour wall that **collapsed** …      ← body: the text without its markup
//! ```
//!
//! The Markdown is read by `pulldown-cmark` and the front matter by
//! `yaml-rust2`; the text then goes through the plain-text layout reader
//! (byline and date lines, furniture). Front matter that is not valid YAML is
//! passed over and the text still read.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use yaml_rust2::{Yaml, YamlLoader};

use crate::article::Article;
use crate::ingest::clean::collapse_whitespace;
use crate::ingest::date::parse_date_zoned;
use crate::ingest::text::read_paragraphs;

/// Reads a Markdown article.
pub fn parse_markdown(text: &str) -> Article {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let (front, body) = split_front_matter(&text);
    let mut article = Article::default();
    if let Some(front) = front {
        read_front_matter(front, &mut article);
    }
    let (heading, paragraphs) = blocks(body);
    if article.title.is_empty()
        && let Some(heading) = heading
    {
        article.title = heading;
    }
    let title_key = article.title.to_lowercase();
    // The headline repeated as the first heading is not body.
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .skip_while(|p| !title_key.is_empty() && p.to_lowercase() == title_key)
        .collect();
    read_paragraphs(&paragraphs, article)
}

/// The front matter between `---` lines at the very top, and the rest.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let start = text.trim_start_matches('\u{feff}');
    let Some(rest) = start.strip_prefix("---\n") else {
        return (None, text);
    };
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return (Some(&rest[..at]), &rest[at + line.len()..]);
        }
        at += line.len();
    }
    (None, text)
}

/// Takes the metadata fields clippers and static-site generators write.
fn read_front_matter(front: &str, article: &mut Article) {
    let Ok(docs) = YamlLoader::load_from_str(front) else {
        return;
    };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return;
    };
    let field = |keys: &[&str]| -> Vec<String> {
        map.iter()
            .find(|(k, v)| {
                k.as_str()
                    .is_some_and(|k| keys.contains(&k.to_lowercase().as_str()))
                    && !matches!(v, Yaml::Null)
            })
            .map(|(_, v)| strings(v))
            .unwrap_or_default()
    };
    if let Some(title) = field(&["title", "headline"]).into_iter().next() {
        article.title = collapse_whitespace(&title);
    }
    article.authors = field(&["author", "authors", "byline", "creator", "by"])
        .iter()
        .map(|a| unlink(a))
        .filter(|a| !a.is_empty())
        .collect();
    // "created" and "clipped" are when the note was made, not the story.
    if let Some(date) = field(&[
        "published",
        "date",
        "pubdate",
        "date_published",
        "publish_date",
    ])
    .iter()
    .find_map(|d| parse_date_zoned(d))
    {
        article.set_date(date);
    }
    article.url = field(&[
        "source",
        "url",
        "link",
        "canonical",
        "canonical_url",
        "original_url",
    ])
    .into_iter()
    .find(|u| u.starts_with("http://") || u.starts_with("https://"));
    article.site = field(&["site", "site_name", "sitename", "publisher"])
        .into_iter()
        .next();
    article.lang = field(&["lang", "language"]).into_iter().next();
    article.tags = field(&["tags", "keywords", "categories"])
        .iter()
        .flat_map(|t| {
            t.split(',')
                .map(|t| unlink(t).trim_start_matches('#').to_string())
        })
        .filter(|t| !t.is_empty())
        .collect();
}

/// A scalar or a list of them, as text.
fn strings(value: &Yaml) -> Vec<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => vec![s.trim().to_string()],
        Yaml::Integer(n) => vec![n.to_string()],
        Yaml::Array(items) => items.iter().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// A note tool's link around a name, taken off: "[[Jane Doe]]" → "Jane Doe",
/// "[[people/Jane Doe|Jane Doe]]" → "Jane Doe".
fn unlink(s: &str) -> String {
    let s = s.trim();
    let inner = s
        .strip_prefix("[[")
        .and_then(|t| t.strip_suffix("]]"))
        .unwrap_or(s);
    let shown = inner.rsplit('|').next().unwrap_or(inner);
    collapse_whitespace(shown)
}

/// The first level-one heading, and the text's blocks as paragraphs without
/// their markup: links keep their text, images and raw HTML go, list items
/// and table rows are paragraphs of their own.
fn blocks(markdown: &str) -> (Option<String>, Vec<String>) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut heading = None;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_image = 0usize;
    let mut in_h1 = false;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let text = collapse_whitespace(current);
        if !text.is_empty() {
            paragraphs.push(text);
        }
        current.clear();
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if heading.is_none() => {
                flush(&mut current, &mut paragraphs);
                in_h1 = true;
            }
            Event::End(TagEnd::Heading(_)) if in_h1 => {
                in_h1 = false;
                let text = collapse_whitespace(&current);
                current.clear();
                if !text.is_empty() {
                    heading = Some(text);
                }
            }
            Event::Text(t) | Event::Code(t) if in_image == 0 => current.push_str(&t),
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => current.push('\n'),
            Event::End(TagEnd::TableCell) => current.push_str(" | "),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::FootnoteDefinition,
            )
            | Event::Rule => {
                let row = current.trim_end().trim_end_matches('|').to_string();
                current = row;
                flush(&mut current, &mut paragraphs);
            }
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    (heading, paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clipped_page_with_front_matter() {
        let a = parse_markdown(
            "---\ntitle: \"Harbour wall to be rebuilt\"\nsource: \"https://example-news.com/harbour-wall\"\n\
             author:\n  - \"[[Jane Doe]]\"\n  - \"[[Ian Ross]]\"\npublished: 2023-03-01\ncreated: 2024-05-06\n\
             tags:\n  - \"clippings\"\n---\n# Harbour wall to be rebuilt\n\n\
             ![The old wall](https://example-news.com/wall.jpg)\n\n\
             The harbour wall that **collapsed** during the storm will be rebuilt in [stone](https://x.example).\n\n\
             - Work begins in spring\n- It takes eighteen months\n",
        );
        assert_eq!(a.title, "Harbour wall to be rebuilt");
        assert_eq!(a.authors, ["Jane Doe", "Ian Ross"]);
        assert_eq!(
            a.date.map(crate::article::format_date).as_deref(),
            Some("2023-03-01T00:00:00Z")
        );
        assert_eq!(
            a.url.as_deref(),
            Some("https://example-news.com/harbour-wall")
        );
        assert_eq!(a.tags, ["clippings"]);
        assert_eq!(
            a.body,
            "The harbour wall that collapsed during the storm will be rebuilt in stone.\n\n\
             Work begins in spring\n\nIt takes eighteen months"
        );
    }

    #[test]
    fn without_front_matter_the_heading_and_byline_lines_are_read() {
        let a = parse_markdown(
            "# Harbour wall to be rebuilt\n\n*By Jane Doe*\n\n1 March 2023, 09:30\n\n\
             The harbour wall will be rebuilt in stone.\n",
        );
        assert_eq!(a.title, "Harbour wall to be rebuilt");
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(
            a.date.map(crate::article::format_date).as_deref(),
            Some("2023-03-01T09:30:00Z")
        );
        assert_eq!(a.body, "The harbour wall will be rebuilt in stone.");
    }

    #[test]
    fn broken_front_matter_loses_no_text() {
        let a = parse_markdown("---\ntitle: [unclosed\n---\n# Heading\n\nBody text here.\n");
        assert_eq!(a.title, "Heading");
        assert_eq!(a.body, "Body text here.");
        // A rule at the top with no closing one is no front matter.
        let b = parse_markdown("---\n# Heading\n\nBody text here.\n");
        assert_eq!(b.title, "Heading");
    }
}
