//! Newswire archives in the Reuters-21578 SGML layout: many `<REUTERS>`
//! stories per file, each with `<DATE>`, `<TOPICS>`/`<PLACES>` category
//! lists, wire noise in `<UNKNOWN>`, and `<TEXT>` holding `<AUTHOR>`,
//! `<DATELINE>`, `<TITLE>` and `<BODY>`. The markup is not XML, so it is read
//! leniently by hand.

use std::sync::LazyLock;

use regex::Regex;

use crate::article::Article;
use crate::ingest::Parsed;
use crate::ingest::date::parse_date;

/// Whether text looks like a Reuters-style SGML archive.
pub fn looks_like_newswire(head: &str) -> bool {
    head.contains("<REUTERS") || head.contains("<!DOCTYPE lewis")
}

/// Reads every story in an archive.
pub fn parse_newswire(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut rest = text;
    let mut ordinal = 0;
    while let Some(start) = rest.find("<REUTERS") {
        let after = &rest[start..];
        let (story, next) = match after.find("</REUTERS>") {
            Some(end) => (&after[..end], &after[end + "</REUTERS>".len()..]),
            None => (after, ""),
        };
        match story_article(story) {
            Some(article) => parsed.articles.push((ordinal, article)),
            None => parsed
                .problems
                .push(format!("story {}: no title or text", ordinal + 1)),
        }
        ordinal += 1;
        rest = next;
    }
    parsed
}

fn story_article(story: &str) -> Option<Article> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\d{1,2}-[A-Za-z]{3}-\d{4}(?: \d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)")
            .expect("valid regex")
    });
    let title = element(story, "TITLE").map(decode).unwrap_or_default();
    let text_el = element(story, "TEXT").unwrap_or_default();
    let body_raw = match element(story, "BODY") {
        Some(body) => body.to_string(),
        // Unprocessed stories keep their text directly inside <TEXT>.
        None if !text_el.contains("<TITLE>") => text_el.to_string(),
        None => String::new(),
    };
    let body = paragraphs(&decode(&body_raw));
    if title.trim().is_empty() && body.trim().is_empty() {
        return None;
    }
    let date = element(story, "DATE")
        .and_then(|d| DATE.captures(d))
        .and_then(|c| parse_date(&c[1]));
    let authors = element(story, "AUTHOR")
        .map(|a| vec![decode(a)])
        .unwrap_or_default();
    let mut tags = Vec::new();
    for list in ["TOPICS", "PLACES"] {
        if let Some(items) = element(story, list) {
            tags.extend(items_of(items));
        }
    }
    Some(Article {
        title: title.trim().to_string(),
        authors,
        date,
        body,
        tags,
        lang: Some("en".to_string()),
        ..Article::default()
    })
}

/// The text between `<NAME …>` and `</NAME>` (the first such element).
fn element<'a>(story: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let start = story.find(&open)?;
    let after_open = &story[start + open.len()..];
    // `<TITLE>` or `<TEXT TYPE="BRIEF">`, but not `<TITLEX>`.
    if !after_open.starts_with(['>', ' ']) {
        return None;
    }
    let content_start = after_open.find('>')? + 1;
    let content = &after_open[content_start..];
    let end = content.find(&format!("</{name}>")).unwrap_or(content.len());
    Some(&content[..end])
}

fn items_of(list: &str) -> Vec<String> {
    list.split("<D>")
        .filter_map(|item| item.split("</D>").next())
        .map(|s| decode(s).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Decodes the entities wire copy uses: `&lt;`, `&amp;`, and `&#N;` control
/// characters (dropped later with other control characters).
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let semi = tail.find(';').filter(|&i| i <= 8);
        let replaced = semi.and_then(|i| {
            let name = &tail[1..i];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                n if n.starts_with('#') => n[1..].parse::<u32>().ok().and_then(char::from_u32),
                _ => None,
            }?;
            Some((c, i + 1))
        });
        match replaced {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Rejoins wire copy wrapped at 70 columns: an indented line starts a new
/// paragraph; the closing "Reuter" sign-off is dropped.
fn paragraphs(body: &str) -> String {
    let mut paras: Vec<String> = Vec::new();
    for line in body.lines() {
        let starts_paragraph = line.starts_with([' ', '\t']) || paras.is_empty();
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match paras.last_mut() {
            Some(last) if !starts_paragraph => {
                last.push(' ');
                last.push_str(line);
            }
            _ => paras.push(line.to_string()),
        }
    }
    // The sign-off is typed in any case ("Reuter", "REUTER", "reuter").
    let sign_off = |text: &str| {
        let text = text.trim_end_matches(|c: char| c.is_control() || c.is_whitespace());
        text.len()
            .checked_sub("reuter".len())
            .filter(|&at| text.is_char_boundary(at) && text[at..].eq_ignore_ascii_case("reuter"))
            .map(|at| text[..at].trim_end().len())
    };
    while paras.last().is_some_and(|p| {
        let p = p.trim_matches(|c: char| c.is_control() || c.is_whitespace());
        p.is_empty() || sign_off(p) == Some(0)
    }) {
        paras.pop();
    }
    if let Some(last) = paras.last_mut()
        && let Some(end) = sign_off(last)
        // Only a sign-off after the last sentence, not a word ending one.
        && last[end..].starts_with(char::is_whitespace)
    {
        last.truncate(end);
    }
    paras.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARCHIVE: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
<REUTERS TOPICS=\"YES\" NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
<TOPICS><D>cocoa</D></TOPICS>\n<PLACES><D>el-salvador</D><D>usa</D></PLACES>\n\
<UNKNOWN> \n&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute\nu f BC-COCOA-ZONE-REVIEW   02-26 0105</UNKNOWN>\n\
<TEXT>&#2;\n<TITLE>COCOA ZONE WEEKLY REVIEW</TITLE>\n<AUTHOR>    by Ann Writer, Reuters</AUTHOR>\n\
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Rain fell across the cocoa zone for most\n\
of the week &amp; beyond, easing a dry spell.\n    Growers said the harvest \
will still start late this year.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n\
<REUTERS NEWID=\"2\">\n<DATE>26-FEB-1987 15:02:20.00  noise</DATE>\n<TEXT TYPE=\"BRIEF\">&#2;\n\
<TITLE>STANDARD OIL &lt;SRD> TO FORM FINANCIAL UNIT\n</TITLE>\n</TEXT>\n</REUTERS>\n";

    #[test]
    fn stories_with_fields_tags_and_no_wire_noise() {
        let parsed = parse_newswire(ARCHIVE);
        assert_eq!(parsed.articles.len(), 2);
        let (ordinal, a) = &parsed.articles[0];
        assert_eq!(*ordinal, 0);
        assert_eq!(a.title, "COCOA ZONE WEEKLY REVIEW");
        assert_eq!(a.authors, ["    by Ann Writer, Reuters"]);
        assert_eq!(
            a.date.map(crate::article::format_date).as_deref(),
            Some("1987-02-26T15:01:01Z")
        );
        assert_eq!(a.tags, ["cocoa", "el-salvador", "usa"]);
        assert_eq!(
            a.body,
            "Rain fell across the cocoa zone for most of the week & beyond, easing a dry spell.\n\nGrowers said the harvest will still start late this year."
        );
        assert!(!a.body.contains("BC-BAHIA"));
    }

    #[test]
    fn the_sign_off_goes_in_any_case() {
        for (body, expected) in [
            (
                "Rockwell received a contract.\n\n reuter\n\u{3}",
                "Rockwell received a contract.",
            ),
            (
                "Rockwell received a contract. REUTER",
                "Rockwell received a contract.",
            ),
            (
                "Rockwell received a contract.\n Reuter",
                "Rockwell received a contract.",
            ),
            // A word that ends like the sign-off stays.
            ("Shares of Freuter rose.\n", "Shares of Freuter rose."),
            ("The line ended with Reuter", "The line ended with"),
        ] {
            assert_eq!(paragraphs(body), expected, "{body:?}");
        }
    }

    #[test]
    fn brief_stories_are_title_only() {
        let parsed = parse_newswire(ARCHIVE);
        let a = &parsed.articles[1].1;
        assert_eq!(a.title, "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT");
        assert_eq!(a.body, "");
        assert!(a.date.is_some());
    }

    #[test]
    fn truncated_archives_keep_what_is_complete() {
        let cut = &ARCHIVE[..ARCHIVE.len() / 2];
        let parsed = parse_newswire(cut);
        assert_eq!(parsed.articles.len(), 1);
    }
}
