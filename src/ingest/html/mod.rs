//! Saved web pages: metadata from where publishers put it ([`meta`]), the
//! story from the page's main text ([`body`]).

pub mod body;
pub mod furniture;
pub mod meta;

use scraper::Html;

use crate::article::Article;
use crate::ingest::clean::{clean_title, collapse_whitespace, text_key};
use crate::ingest::date::{find_date_zoned, parse_date_zoned};

/// Deepest element nesting byline parses. Real pages stay under a few
/// hundred levels; parsers take quadratic time on deeper trees.
pub const MAX_NESTING: usize = 5000;

/// An upper estimate of how deeply a page's elements nest, counting only
/// elements that must be closed explicitly (an unclosed `<p>` or `<li>` is
/// closed by the next one). Stops counting past `limit`.
pub fn nesting_depth(html: &str, limit: usize) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody",
        "thead", "tfoot", "colgroup", "rb", "rt", "rp",
    ];
    const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        i += offset + 1;
        let Some(&next) = bytes.get(i) else { break };
        if next == b'/' {
            depth = depth.saturating_sub(1);
            continue;
        }
        if !next.is_ascii_alphabetic() {
            continue;
        }
        let name_end = bytes[i..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .map_or(bytes.len(), |p| i + p);
        let name = &bytes[i..name_end];
        let is = |names: &[&str]| {
            names
                .iter()
                .any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
        };
        let tag_end =
            memchr::memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |p| name_end + p);
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        if is(RAW_TEXT) {
            // Raw text: skip to its end tag.
            match end_tag(bytes, tag_end.min(bytes.len()), name) {
                Some(p) => i = p,
                None => break,
            }
            continue;
        }
        if !self_closing && !is(VOID) {
            depth += 1;
            max = max.max(depth);
            if max > limit {
                return max;
            }
        }
        i = tag_end.min(bytes.len());
    }
    max
}

/// Where the end tag `</name` (in any case) begins, from `from` on.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(&bytes[from..], b"</")
        .map(|p| from + p)
        .find(|&at| {
            bytes
                .get(at + 2..at + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
}

/// Reads one article from a page's decoded text.
pub fn parse_html(text: &str) -> Article {
    let doc = Html::parse_document(text);
    let meta = meta::read(&doc);
    let mut paragraphs = body::extract_with_lead(&doc, meta.description.as_deref());

    let title = choose_title(&meta);
    let host = meta.url.as_deref().and_then(crate::article::site_from_url);
    let credited = furniture::Credited::new(
        meta.authors
            .iter()
            .map(String::as_str)
            .chain(meta.site_name.as_deref())
            .chain(host.as_deref()),
    );
    let printed_date = strip_leading_furniture(&mut paragraphs, &title, &credited);
    for p in &mut paragraphs {
        let kept = furniture::trim_read_more(p).len();
        p.truncate(kept);
    }
    paragraphs.retain(|p| !furniture::is_furniture(p) && !credited.is_credit_line(p));
    while paragraphs.last().is_some_and(|p| furniture::dangles(p)) {
        paragraphs.pop();
    }
    let mut body = paragraphs.join("\n\n");
    // JSON-LD carries the whole story on some sites whose markup hides it.
    if let Some(ld) = &meta.ld_body
        && ld.len() > body.len() * 2
    {
        body = ld.clone();
    }

    let site = host.or_else(|| meta.site_name.clone());
    let mut article = Article {
        title,
        authors: meta.authors,
        body,
        url: meta.url,
        site,
        lang: meta.lang,
        ..Article::default()
    };
    if let Some(date) = meta.date.or(printed_date) {
        article.set_date(date);
    }
    article
}

/// Plain text of an HTML fragment, paragraphs separated by blank lines.
pub fn fragment_to_text(fragment: &str) -> String {
    if nesting_depth(fragment, MAX_NESTING) > MAX_NESTING {
        // Too deep to parse in reasonable time: keep the text between tags.
        static TAG: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new(r"<[^>]*>").expect("valid regex"));
        return collapse_whitespace(&TAG.replace_all(fragment, " "));
    }
    let doc = Html::parse_fragment(fragment);
    body::fragment_text(&doc).join("\n\n")
}

/// Whether a string holds markup rather than plain text.
pub fn looks_like_markup(s: &str) -> bool {
    let lower = s.get(..s.len().min(4096)).unwrap_or(s).to_ascii_lowercase();
    [
        "<p>", "<p ", "</p>", "<br", "<div", "</a>", "<li>", "<h2", "<span",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

/// The headline: the metadata title without its site suffix; or the `<h1>`
/// when a metadata title is the `<h1>` plus decoration (site name, section,
/// kicker); or the `<h1>` when the metadata title is only the site's name or
/// a section label.
fn choose_title(meta: &meta::PageMeta) -> String {
    let host = meta.url.as_deref().and_then(crate::article::site_from_url);
    let site = meta.site_name.as_deref().or(host.as_deref());
    let raw = meta
        .title
        .as_deref()
        .map(collapse_whitespace)
        .unwrap_or_default();
    let cleaned = clean_title(&raw, site);
    let names_site = |t: &str| {
        let key = text_key(t);
        !key.is_empty()
            && (meta
                .site_name
                .as_deref()
                .is_some_and(|s| text_key(s) == key)
                || host
                    .as_deref()
                    .and_then(|h| h.split('.').next())
                    .is_some_and(|label| text_key(label) == key))
    };
    let h1s: Vec<&String> = meta
        .h1s
        .iter()
        .filter(|h| h.chars().count() >= 8 && !names_site(h))
        .collect();
    let raw_html = meta.html_title.as_deref().unwrap_or_default();
    let words = |s: &str| s.split_whitespace().count();
    for h1 in &h1s {
        if **h1 != cleaned && (raw.contains(h1.as_str()) || raw_html.contains(h1.as_str())) {
            return (*h1).clone();
        }
    }
    match h1s.first() {
        Some(h1) if cleaned.is_empty() || names_site(&cleaned) => (*h1).clone(),
        Some(h1) if words(&cleaned) <= 2 && words(h1) >= 4 => (*h1).clone(),
        // "gipfelbuch.ch - Outdoornews": the title names only the site and a
        // section; the page's headline is the story's.
        Some(h1)
            if words(h1) >= 3
                && cleaned
                    .split([' ', '|', '-', '–', '—'])
                    .any(crate::ingest::clean::looks_like_domain) =>
        {
            (*h1).clone()
        }
        _ => cleaned,
    }
}

/// Drops a repeated headline, byline or date line at the top of the body,
/// returning the date such a line printed. `credited` names the article's
/// authors and its site.
fn strip_leading_furniture(
    paragraphs: &mut Vec<String>,
    title: &str,
    credited: &furniture::Credited,
) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let title_key = collapse_whitespace(title).to_lowercase();
    let mut printed_date = None;
    while let Some(first) = paragraphs.first() {
        let lower = first.to_lowercase();
        let is_title = !title_key.is_empty() && lower == title_key;
        // "By …" in English; in other languages the keyword could open a
        // sentence ("Von den 300 Gästen …"), so a credited name must follow.
        let is_byline = first.chars().count() < 120
            && (lower.starts_with("by ")
                || ["von ", "par ", "por ", "door ", "di ", "av ", "przez "]
                    .iter()
                    .any(|k| {
                        lower
                            .strip_prefix(k)
                            .is_some_and(|rest| credited.starts_with_name(rest))
                    }));
        let is_credit = credited.is_credit_line(first) || credited.is_dateline(first);
        let date =
            parse_date_zoned(first).or_else(|| is_credit.then(|| find_date_zoned(first)).flatten());
        if date.is_some() {
            printed_date = printed_date.or(date);
        }
        if is_title || is_byline || is_credit || date.is_some() {
            paragraphs.remove(0);
        } else {
            break;
        }
    }
    printed_date
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_page() {
        let a = parse_html(
            r#"<!doctype html><html lang="en"><head>
            <title>Pompeo warns UK over Huawei | LBC</title>
            <meta property="og:site_name" content="LBC">
            <link rel="canonical" href="https://www.lbc.co.uk/news/pompeo/">
            <meta property="article:published_time" content="2020-01-30T16:46:00Z">
            </head><body><article><h1>Pompeo warns UK over Huawei</h1>
            <p class="byline">By Fiona Jones</p>
            <p>US Secretary of State Mike Pompeo suggests the US will not share intelligence with the UK, he said on Thursday, in an interview.</p>
            <p>"We would certainly never put American information in a place that we don't deem it safe," he said, adding more.</p>
            </article></body></html>"#,
        );
        assert_eq!(a.title, "Pompeo warns UK over Huawei");
        assert_eq!(a.authors, ["Fiona Jones"]);
        assert_eq!(a.site.as_deref(), Some("lbc.co.uk"));
        assert!(a.body.starts_with("US Secretary of State"), "{}", a.body);
        assert!(!a.body.contains("By Fiona Jones"));
    }

    #[test]
    fn credit_and_dateline_lines_are_not_body() {
        let a = parse_html(
            r#"<html><head><meta name="author" content="Adi Tzlil"></head><body><article>
            <h1>Items We Never Knew We Wanted</h1>
            <p>Posted on September 21, 2020 by Adi Tzlil</p>
            <p>Some things you only miss once you have them, and these ten gadgets made the list this year.</p>
            <p>Adi Tzlil - Sep 21, 2020, 10:31 pm CST</p>
            <p>The first is a kettle that tells you when the water is ready for green tea, not boiling.</p>
            </article></body></html>"#,
        );
        assert!(a.body.starts_with("Some things"), "{}", a.body);
        assert!(!a.body.contains("Adi Tzlil"), "{}", a.body);
        assert!(a.body.ends_with("not boiling."), "{}", a.body);
        // The page states no date elsewhere: the dateline's is the article's.
        assert_eq!(
            a.date.map(|d| d.date_naive().to_string()).as_deref(),
            Some("2020-09-21")
        );
    }

    #[test]
    fn a_blogs_entry_title_is_the_headline() {
        // Blogger's default: the <title> is "Blog name: Post title", the
        // post's title an hAtom `entry-title` <h3>, and no <h1>.
        let a = parse_html(
            r#"<title>Downs and Dales: Walking the Ridgeway</title><body><div class="post hentry">
            <h3 class="post-title entry-title"><a href="/2011/03/ridgeway.html">Walking the Ridgeway</a></h3>
            <div class="post-body entry-content">
            <p>We set off from Avebury early in the morning, with the mist still lying over the fields.</p>
            <p>By noon we had reached Barbury Castle, an Iron Age hill fort with views across three counties.</p>
            </div></div></body>"#,
        );
        assert_eq!(a.title, "Walking the Ridgeway");
        assert!(a.body.starts_with("We set off"), "{}", a.body);
    }

    #[test]
    fn a_drupal_submitted_line_is_the_credit_not_body() {
        let a = parse_html(
            r#"<title>Library extends opening hours | Hillside Town Council</title><body>
            <h1 class="page-title">Library extends opening hours</h1><div class="node node-article">
            <div class="submitted">Submitted by <span class="username">jwalters</span> on Tue, 14/03/2017 - 10:22</div>
            <div class="field-name-body"><p>From April the central library will open until 8pm on weekdays, following a consultation.</p>
            <p>The change is funded by a grant from the county's community fund and will be reviewed after a year.</p></div>
            </div></body>"#,
        );
        assert_eq!(a.authors, ["jwalters"]);
        assert!(a.body.starts_with("From April"), "{}", a.body);
    }

    #[test]
    fn a_link_to_the_authors_page_is_the_byline() {
        let page = |credit: &str| {
            parse_html(&format!(
                r#"<html lang="es"><head><meta name="author" content="{credit}"></head><body><article><h1>El muro del puerto será reconstruido</h1>
                <div class="a_md"><a href="/autor/maria-garcia/">María García</a></div>
                <div class="a_md_f"><span>Madrid - </span><time datetime="2023-03-01T09:00:00+01:00">01 mar 2023 - 09:00 CET</time></div>
                <p>El muro del puerto que se derrumbó durante la tormenta del invierno pasado será reconstruido en piedra.</p>
                <p>Los ingenieros habían propuesto una barrera de hormigón más barata, pero los vecinos se opusieron.</p>
                </article><aside><a href="/autor/otro-autor/">Otro Autor</a></aside></body></html>"#
            ))
        };
        let a = page("");
        assert_eq!(a.authors, ["María García"]);
        // The place and date over the story are no body.
        assert!(a.body.starts_with("El muro del puerto que"), "{}", a.body);
    }

    #[test]
    fn a_byline_in_another_language_opens_no_body() {
        let a = parse_html(
            r#"<html><head><meta name="author" content="Anna Müller, DER SPIEGEL"></head><body><article>
            <h1>Hafenmauer wird nach Sturm neu gebaut</h1><div>Von Anna Müller, Hamburg</div>
            <p>Von den dreihundert Fischern im Hafen sind nur noch wenige übrig, sagt der Vorsitzende der Genossenschaft.</p>
            <p>Die Arbeiten sollen im Frühjahr beginnen und etwa achtzehn Monate dauern, sagte die Stadt am Montag.</p>
            </article></body></html>"#,
        );
        // The credit goes; a sentence opening with the same word stays.
        assert!(a.body.starts_with("Von den dreihundert"), "{}", a.body);
    }

    #[test]
    fn a_reading_time_beside_the_date_is_not_body() {
        let a = parse_html(
            r#"<title>Why small newsrooms should share their data</title><body><article>
            <h1>Why small newsrooms should share their data</h1>
            <div class="meta"><time datetime="2022-09-14">Sep 14, 2022</time> <span>4 min read</span></div>
            <section><p>Local newsrooms collect an enormous amount of data: court records, planning applications, school results.</p>
            <p>Sharing that data lets other newsrooms check their own reporting against it and spot trends.</p></section>
            </article></body>"#,
        );
        assert!(a.body.starts_with("Local newsrooms"), "{}", a.body);
        assert!(!a.body.contains("min read"), "{}", a.body);
    }

    #[test]
    fn a_title_naming_only_the_site_yields_to_the_headline() {
        let a = parse_html(
            "<title>gipfelbuch.ch - Outdoornews</title><body><article><h1>Hochaufgelöste Schneekarten für die Alpen</h1>\
             <p>Neue Karten zeigen die Schneehöhe, Tag für Tag, in allen Regionen der Schweizer Alpen.</p></article></body>",
        );
        assert_eq!(a.title, "Hochaufgelöste Schneekarten für die Alpen");
    }

    #[test]
    fn a_masthead_linking_home_is_not_the_headline() {
        let page = |home: &str| {
            parse_html(&format!(
                "<title>EMACSPEAK The Complete Audio Desktop: Meta-Programming In Emacs Using Defadvice</title>\
                 <meta property='og:title' content='Meta-Programming In Emacs Using Defadvice'>\
                 <body><h1 class='title'><a href='{home}'>EMACSPEAK The Complete Audio Desktop</a></h1>\
                 <h3 class='post-title'>Meta-Programming In Emacs Using Defadvice</h3>\
                 <p>Emacs Lisp lets a package wrap any function with advice, and this post shows how that works in practice.</p></body>"
            ))
            .title
        };
        assert_eq!(
            page("https://emacspeak.blogspot.com/"),
            "Meta-Programming In Emacs Using Defadvice"
        );
        assert_eq!(
            page("https://web.archive.org/web/2015/http://emacspeak.blogspot.com/"),
            "Meta-Programming In Emacs Using Defadvice"
        );
        // The same words linking to a story are that story's headline.
        assert_eq!(
            page("https://emacspeak.blogspot.com/2019/10/audio-desktop.html"),
            "EMACSPEAK The Complete Audio Desktop"
        );
    }

    #[test]
    fn nesting_is_estimated_without_counting_self_closing_paragraphs() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b<p>c</div></body></html>", 100),
            3
        );
        assert_eq!(nesting_depth(&"<div>".repeat(10_000), 5000), 5001);
        assert_eq!(
            nesting_depth("<script>if (a<b) { x = '<div>'; }</script><div></div>", 100),
            1
        );
        assert_eq!(nesting_depth(&"<li>item".repeat(20_000), 100), 0);
        // End tags in any case; a script that never ends ends the count.
        assert_eq!(
            nesting_depth(
                "<SCRIPT>x = '<div><div>';</Script><div><Style>p{}</STYLE></div>",
                100
            ),
            1
        );
        assert_eq!(nesting_depth("<div><script>x = '<div><div>';", 100), 1);
    }

    #[test]
    fn markup_is_recognised_and_flattened() {
        assert!(looks_like_markup("<p>One</p><p>Two</p>"));
        assert!(!looks_like_markup("Plain text, 3 < 4."));
        assert_eq!(
            fragment_to_text("<p>One <b>bold</b></p><p>Two</p>"),
            "One bold\n\nTwo"
        );
    }
}
