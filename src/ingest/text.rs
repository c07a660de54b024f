//! Plain-text articles.
//!
//! Two layouts are read. The simple one: the first line is the headline, the
//! rest the body (the BBC News collection). The saved-page one:
//!
//! ```text
//! Exclusive                                  ← kicker: not the title
//! US won't share intelligence with the UK…   ← title
//! 30 January 2020, 16:46                     ← date line
//! By Fiona Jones                             ← byline
//! US Secretary of State Mike Pompeo…         ← body …
//! US Secretary … decision. Picture: PA/LBC   ← caption with credit: furniture
//! More Latest News                           ← everything from here is furniture
//! ```
//!
//! Lines may be separated by blank lines or not; hard-wrapped paragraphs are
//! joined back together.

use std::sync::LazyLock;

use regex::Regex;

use crate::article::Article;
use crate::ingest::clean::collapse_whitespace;
use crate::ingest::date::{parse_date, parse_date_zoned};

/// Reads a plain-text article.
pub fn parse_text(text: &str) -> Article {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let paragraphs: Vec<String> = blocks(&text)
        .iter()
        .flat_map(|b| block_paragraphs(b))
        .collect();
    read_paragraphs(&paragraphs, Article::default())
}

/// Reads an article laid out in `paragraphs` into `article`: the kicker,
/// headline, date and byline lines at the top (the headline only when
/// `article` has none yet), then the body without its furniture.
pub(crate) fn read_paragraphs(paragraphs: &[String], mut article: Article) -> Article {
    let mut i = 0;
    // Before the title: kicker, and sometimes a date or byline.
    while i < paragraphs.len() && article.title.is_empty() {
        let line = paragraphs[i].as_str();
        if !take_meta(&mut article, line) {
            if is_kicker(line, &paragraphs[i + 1..]) {
                // Section label or "Exclusive": not part of the article.
            } else if title_like(line) {
                article.title = line.to_string();
            } else {
                break;
            }
        }
        i += 1;
    }
    // After the title: date and byline lines, in either order.
    while i < paragraphs.len() && take_meta(&mut article, &paragraphs[i]) {
        i += 1;
    }
    article.body = body(&paragraphs[i..]);
    article
}

/// Takes a date or byline line into `article`; false when it is neither.
fn take_meta(article: &mut Article, line: &str) -> bool {
    if take_header(article, line) {
        return true;
    }
    // The byline first: "By Jane Doe | 1 March 2023" holds a date too.
    if article.authors.is_empty()
        && let Some((authors, date)) = parse_byline(line)
    {
        article.authors = authors;
        article.date = article.date.or(date);
        return true;
    }
    if article.date.is_none()
        && let Some(date) = parse_date_zoned(line)
    {
        article.set_date(date);
        return true;
    }
    false
}

/// A labelled header line, as scrapers and note tools write them above the
/// text: "Title: …", "Author: …", "Date: …", "URL: …", "Tags: …". False for
/// any other line, and for a label whose field is already known.
fn take_header(article: &mut Article, line: &str) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let value = value.trim();
    if value.is_empty() || key.len() > 20 {
        return false;
    }
    match key.trim().to_lowercase().as_str() {
        "title" | "headline" | "titel" | "titre" | "título" if article.title.is_empty() => {
            article.title = collapse_whitespace(value);
        }
        "author" | "authors" | "byline" | "autor" | "autoren" | "auteur" | "auteurs"
            if article.authors.is_empty() =>
        {
            article.authors = vec![collapse_whitespace(value)];
        }
        "date" | "published" | "publication date" | "pubdate" | "datum" | "fecha"
            if article.date.is_none() =>
        {
            let Some(date) = parse_date_zoned(value) else {
                return false;
            };
            article.set_date(date);
        }
        "url" | "link" | "source" | "source url" | "canonical"
            if article.url.is_none()
                && (value.starts_with("http://") || value.starts_with("https://")) =>
        {
            article.url = Some(value.to_string());
        }
        "language" | "lang" if article.lang.is_none() && value.len() <= 20 => {
            article.lang = Some(value.to_string());
        }
        "tags" | "keywords" | "categories" if article.tags.is_empty() => {
            article.tags = value
                .split([',', ';'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
        }
        _ => return false,
    }
    true
}

/// Groups lines into blocks of consecutive non-empty lines.
fn blocks(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The paragraphs of the body, furniture removed, joined by blank lines.
fn body(candidates: &[String]) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for para in candidates {
        if !paragraphs.is_empty() && is_end_marker(para) {
            break;
        }
        if !is_furniture(para) {
            paragraphs.push(para.clone());
        }
    }
    drop_repeated_captions(&mut paragraphs);
    paragraphs.join("\n\n")
}

/// A block's lines are one hard-wrapped paragraph when every line but the
/// last has the width of a wrapped line; otherwise each line is a paragraph.
fn block_paragraphs(block: &[&str]) -> Vec<String> {
    let wrapped = block.len() > 1
        && block[..block.len() - 1]
            .iter()
            .all(|l| (30..=100).contains(&l.trim().chars().count()) && !ends_sentence(l));
    let wrapped = wrapped || block.len() > 1 && looks_hard_wrapped(block);
    if wrapped {
        vec![collapse_whitespace(&block.join(" "))]
    } else {
        block.iter().map(|l| collapse_whitespace(l)).collect()
    }
}

/// Wire copy wrapped at a fixed column: most lines are about the same width.
fn looks_hard_wrapped(block: &[&str]) -> bool {
    let widths: Vec<usize> = block[..block.len() - 1]
        .iter()
        .map(|l| l.trim_end().chars().count())
        .collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    (40..=100).contains(&max) && widths.iter().all(|w| *w + 20 >= max)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '"', '”', '’', '\'', ':'])
}

fn title_like(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    (1..=30).contains(&words) && line.chars().count() <= 250 && !line.ends_with(['.', ',', ';'])
        || line.ends_with("...")
}

const KICKERS: &[&str] = &[
    "exclusive",
    "breaking",
    "breaking news",
    "live",
    "analysis",
    "opinion",
    "comment",
    "explainer",
    "review",
    "interview",
    "updated",
    "watch",
    "video",
    "news",
    "world",
    "uk",
    "us",
    "politics",
    "business",
    "sport",
    "tech",
    "technology",
    "health",
    "science",
    "entertainment",
    "fact check",
    "world news",
    "uk news",
    "us news",
    "latest news",
    "long read",
    "feature",
    "special report",
    "investigation",
    "podcast",
    "editorial",
    "obituary",
    "exclusive interview",
];

/// A kicker is a known section label, or a short line followed by a headline
/// and then a date or byline line.
fn is_kicker(line: &str, rest: &[String]) -> bool {
    let lower = line.trim().trim_end_matches(':').to_lowercase();
    let next_is_title = rest.first().is_some_and(|next| title_like(next));
    if !next_is_title {
        return false;
    }
    if KICKERS.contains(&lower.as_str()) {
        return true;
    }
    let short = lower.split_whitespace().count() <= 3 && lower.chars().count() <= 30;
    let then_meta = rest
        .get(1)
        .is_some_and(|l| parse_date(l).is_some() || parse_byline(l).is_some());
    short && !ends_sentence(line) && then_meta
}

/// "By Fiona Jones", "By Fiona Jones and Ann Smith | 30 January 2020".
fn parse_byline(line: &str) -> Option<(Vec<String>, Option<chrono::DateTime<chrono::Utc>>)> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:(by|written by|words by)|(par|von|por|door|di|av|przez))\s*:?\s+(.+)$")
            .expect("valid regex")
    });
    let caps = BY.captures(line.trim())?;
    let rest = caps.get(3)?.as_str();
    // In other languages the keyword also opens sentences ("Von den 300
    // Gästen …"): a credit there is names only, each word capitalised.
    if caps.get(2).is_some() {
        const PARTICLES: &[&str] = &[
            "von", "van", "de", "der", "den", "da", "di", "du", "del", "la", "le", "y", "e", "und",
            "et", "en", "i",
        ];
        let names = rest.split([',', '|', '•', '·']).next().unwrap_or_default();
        let words: Vec<&str> = names.split_whitespace().collect();
        if words.is_empty()
            || words.len() > 8
            || !words
                .iter()
                .all(|w| PARTICLES.contains(w) || w.chars().next().is_some_and(char::is_uppercase))
        {
            return None;
        }
    }
    // "By Fiona Jones, 30 January 2020, 16:46": find where a date starts.
    let mut names = rest;
    let mut date = None;
    for (pos, _) in rest.match_indices([',', '|', '•', '·', '-', '–']) {
        if let Some(d) = parse_date(&rest[pos + 1..]) {
            names = &rest[..pos];
            date = Some(d);
            break;
        }
    }
    let names = names.trim();
    let first = names.chars().next()?;
    let words = names.split_whitespace().count();
    let lower = names.to_lowercase();
    let common_start = ["the ", "a ", "an ", "this ", "that ", "then ", "now "]
        .iter()
        .any(|w| lower.starts_with(w));
    if !first.is_uppercase() || words > 12 || common_start || ends_sentence(names) {
        return None;
    }
    Some((vec![names.to_string()], date))
}

/// Lines after which nothing belongs to the article.
fn is_end_marker(para: &str) -> bool {
    const MARKERS: &[&str] = &[
        "more latest news",
        "latest news",
        "more news",
        "related",
        "related articles",
        "related stories",
        "related news",
        "related content",
        "related topics",
        "read more",
        "more on this story",
        "more from",
        "most read",
        "most popular",
        "most viewed",
        "you may also like",
        "you might also like",
        "recommended",
        "recommended for you",
        "top stories",
        "trending",
        "trending now",
        "see also",
        "comments",
        "share this article",
        "around the web",
        "from the web",
    ];
    let lower = para.trim().trim_end_matches(':').to_lowercase();
    MARKERS.contains(&lower.as_str())
}

/// Lines that are page furniture wherever they appear.
fn is_furniture(para: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[\s.])(?:pictures?|photos?|photograph|image|credit|illustration)\s*:\s*\S[^.]{0,60}$")
            .expect("valid regex")
    });
    static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:see more\b.*|share(?: this)?(?: article| story)?|advertisement|skip advert|click to share.*|follow us.*|sign up.*newsletter.*|image copyright.*|image caption.*|media caption.*)$")
            .expect("valid regex")
    });
    CREDIT.is_match(para) || FURNITURE.is_match(para.trim())
}

/// Drops a caption that repeats a sentence already in the body.
/// A caption quotes the body: it is the opening of another paragraph, or (when
/// short) a sentence inside one. Only the first characters of each paragraph
/// are compared, so the check stays linear in the article's length.
fn drop_repeated_captions(paragraphs: &mut Vec<String>) {
    let keys: Vec<String> = paragraphs.iter().map(|p| caption_key(p)).collect();
    let mut keep = vec![true; paragraphs.len()];
    for (i, key) in keys.iter().enumerate() {
        let len = key.chars().count();
        if !(20..=400).contains(&len) {
            continue;
        }
        // A caption inside a sentence reads as a fragment: no full stop.
        let short = len <= 200 && keys.len() <= 40 && !ends_sentence(&paragraphs[i]);
        let repeated = keys.iter().enumerate().any(|(j, other)| {
            j != i
                && keep[j]
                && other.len() > key.len()
                && (other.starts_with(key.as_str()) || short && other.contains(key.as_str()))
        });
        if repeated {
            keep[i] = false;
        }
    }
    let mut flags = keep.into_iter();
    paragraphs.retain(|_| flags.next().unwrap_or(true));
}

fn caption_key(p: &str) -> String {
    p.trim()
        .trim_end_matches(['.', '!', '?', ' '])
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../sample-corpus/text/000_abee573b57598475.txt");

    #[test]
    fn seed_title_author_and_date() {
        let a = parse_text(SEED);
        assert_eq!(
            a.title,
            "US won't share intelligence with the UK after Huawei decision, Mike Pompeo suggests"
        );
        assert_eq!(a.authors, ["Fiona Jones"]);
        assert_eq!(
            a.date.map(crate::article::format_date).as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
    }

    #[test]
    fn seed_body_runs_from_first_sentence_to_last_and_no_further() {
        let a = parse_text(SEED);
        assert!(a.body.starts_with(
            "US Secretary of State Mike Pompeo suggests the US will not share intelligence"
        ));
        assert!(a.body.ends_with("the US Secretary for State said."));
        for furniture in [
            "More Latest News",
            "Netanyahu",
            "Timberlake",
            "Picture: PA/LBC",
            "Exclusive",
        ] {
            assert!(!a.body.contains(furniture), "body holds {furniture:?}");
        }
        // The caption repeated the first sentence: it appears once, not twice.
        assert_eq!(
            a.body
                .matches("Boris Johnson's \"disappointing\" Huawei decision")
                .count(),
            1
        );
    }

    #[test]
    fn simple_layout_first_line_is_title() {
        let a = parse_text(
            "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n\nThe firm said so.\n",
        );
        assert_eq!(a.title, "Ad sales boost Time Warner profit");
        assert_eq!(a.authors, Vec::<String>::new());
        assert_eq!(a.date, None);
        assert_eq!(
            a.body,
            "Quarterly profits at US media giant TimeWarner jumped 76%.\n\nThe firm said so."
        );
    }

    #[test]
    fn short_title_is_not_mistaken_for_a_kicker() {
        let a = parse_text("Blair rejects advice\n\nThe prime minister has rejected advice.\n");
        assert_eq!(a.title, "Blair rejects advice");
    }

    #[test]
    fn unknown_kicker_before_title_and_date_is_dropped() {
        let a = parse_text(
            "Cyber Security\nHuawei gets a limited role in UK 5G\n30 January 2020\nBody text here.",
        );
        assert_eq!(a.title, "Huawei gets a limited role in UK 5G");
        assert!(a.date.is_some());
        assert_eq!(a.body, "Body text here.");
    }

    #[test]
    fn byline_with_date_on_the_same_line() {
        let a =
            parse_text("Title here\n\nBy Ann Smith and Bob Jones, 30 January 2020, 16:46\n\nBody.");
        assert_eq!(a.authors, ["Ann Smith and Bob Jones"]);
        assert_eq!(
            a.date.map(crate::article::format_date).as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
    }

    #[test]
    fn a_labelled_header_block_is_metadata() {
        let a = parse_text(
            "Title: Harbour wall to be rebuilt\nAuthor: Jane Doe\nDate: 2023-03-01\n\
             URL: https://example-news.com/harbour-wall\nTags: harbours, storms\n\n\
             The harbour wall that collapsed will be rebuilt in stone.\n\nWork begins in spring.",
        );
        assert_eq!(a.title, "Harbour wall to be rebuilt");
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(
            a.date.map(crate::article::format_date).as_deref(),
            Some("2023-03-01T00:00:00Z")
        );
        assert_eq!(
            a.url.as_deref(),
            Some("https://example-news.com/harbour-wall")
        );
        assert_eq!(a.tags, ["harbours", "storms"]);
        assert!(a.body.starts_with("The harbour wall"), "{}", a.body);
        // A headline with a colon is still a headline.
        let b = parse_text("Brexit: what happens next\n\nThe talks resume on Monday.");
        assert_eq!(b.title, "Brexit: what happens next");
    }

    #[test]
    fn bylines_in_other_languages() {
        let a = parse_text(
            "Le mur du port sera reconstruit\n\nPar Jean Dupont\nPublié le 1er mars 2023 à 09h30\n\n\
             Le mur du port qui s'est effondré sera reconstruit en pierre.",
        );
        assert_eq!(a.authors, ["Jean Dupont"]);
        assert_eq!(
            a.date.map(crate::article::format_date).as_deref(),
            Some("2023-03-01T09:30:00Z")
        );
        assert!(a.body.starts_with("Le mur du port qui"), "{}", a.body);
        // The same words opening a sentence are no credit.
        assert!(parse_byline("Von den 300 Gästen kamen nur wenige.").is_none());
        assert!(parse_byline("Par ailleurs, la mairie a confirmé les travaux.").is_none());
        assert!(parse_byline("Von Anna Müller").is_some());
    }

    #[test]
    fn a_sentence_starting_with_by_is_not_a_byline() {
        assert!(parse_byline("By the time police arrived, the crowd had gone.").is_none());
        assert!(parse_byline("by 2030 the plan will be done").is_none());
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let a = parse_text(
            "Title\n\nThe first paragraph is wrapped at a fixed column like\nwire copy used to be, and goes on for a while before\nit ends.\n\nSecond.",
        );
        assert_eq!(
            a.body,
            "The first paragraph is wrapped at a fixed column like wire copy used to be, and goes on for a while before it ends.\n\nSecond."
        );
    }
}
