//! The article's main text: which part of a page is the story.
//!
//! One iterative pass over the DOM (no recursion, so pathological nesting
//! cannot overflow the stack) marks boilerplate (navigation, headers, footers,
//! asides, forms, figures, share bars, related-link lists, hidden elements)
//! and gathers text and link-text lengths per element. Paragraphs then vote
//! for their ancestors, as in Arc90's readability: long, comma-rich text
//! scores, links do not. The best-scoring container, with the siblings that
//! look like more of the same story, is written out as plain paragraphs.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use crate::ingest::clean::{collapse_whitespace, text_key};

/// Per-node facts, keyed by node: hashed with foldhash, as SipHash's
/// resistance to chosen keys buys nothing for a page's own node numbers and
/// costs a measurable share of extraction.
type NodeMap<V> = HashMap<NodeId, V, foldhash::fast::RandomState>;

/// Per-element figures from the first pass.
#[derive(Debug, Clone, Copy, Default)]
struct Info {
    /// Characters of text (white space excluded) outside boilerplate.
    text: u32,
    /// Of which inside links.
    link: u32,
    /// Readability score gathered from descendant paragraphs.
    score: f32,
    /// Boilerplate itself or inside boilerplate.
    excluded: bool,
    /// Visible characters, boilerplate or not (0 when hidden).
    raw_text: u32,
}

impl Info {
    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }
}

struct Frame {
    id: NodeId,
    /// Inside an `<article>` or `<main>`.
    in_article: bool,
    paragraph_like: bool,
    /// Inside a paragraph-like element (this one or an ancestor).
    in_paragraph: bool,
    /// Inside a reference list: written where it stands, but its items do
    /// not make a container the story.
    in_references: bool,
    /// Visible characters before any boilerplate decision.
    raw_text: u32,
    list_item: bool,
    is_div_like: bool,
    excluded: bool,
    text: u32,
    link: u32,
    commas: u32,
    direct_text: u32,
    score: f32,
}

/// Extracts the article body of a page as paragraphs.
pub fn extract(doc: &Html) -> Vec<String> {
    extract_with_lead(doc, None)
}

/// Extracts the article body of a page as paragraphs; `description` is the
/// page's summary, which many sites print as the standfirst above (and
/// outside) the story's column: when it is printed there, it leads the body.
pub fn extract_with_lead(doc: &Html, description: Option<&str>) -> Vec<String> {
    let infos = measure(doc);
    let Some(top) = best_candidate(doc, &infos) else {
        // No paragraph anywhere: whatever visible text the page has.
        let mut out = Vec::new();
        write_paragraphs(*doc.root_element(), &infos, &mut out);
        return out;
    };
    let chosen = story_blocks(doc, top, &infos);
    let captions = told_in_captions(doc, &chosen, &infos);
    let mut out = Vec::new();
    for &id in &chosen {
        if let Some(node) = doc.tree.get(id) {
            write_story(node, &infos, captions, &mut out);
        }
    }
    if let Some(lead) = description
        .and_then(|d| printed_lead(doc, d, &chosen, &infos))
        .or_else(|| marked_lead(doc, &chosen, &infos))
        && let Some(node) = doc.tree.get(lead)
    {
        let mut lead_paragraphs = Vec::new();
        if infos.get(&lead).is_some_and(|i| i.excluded) {
            // Printed in the page's header band, which is not the story's.
            if let Some(el) = ElementRef::wrap(node) {
                lead_paragraphs.push(collapse_whitespace(&el.text().collect::<String>()));
            }
        } else {
            write_paragraphs(node, &infos, &mut lead_paragraphs);
        }
        lead_paragraphs.append(&mut out);
        out = lead_paragraphs;
    }
    out
}

/// A gallery told in its captions (a listicle of costumes, each a picture and
/// a paragraph): at least five visible captions of a sentence or more inside
/// the story's blocks, holding together more than twice the story's own text.
/// Captions are otherwise left out (credits and picture descriptions).
fn told_in_captions(doc: &Html, chosen: &[NodeId], infos: &NodeMap<Info>) -> bool {
    let (mut count, mut chars) = (0usize, 0usize);
    for &id in chosen {
        let Some(node) = doc.tree.get(id) else {
            continue;
        };
        for caption in node.descendants().filter_map(ElementRef::wrap) {
            if caption.value().name() != "figcaption"
                || caption
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| is_invisible(a.value()))
                || is_invisible(caption.value())
            {
                continue;
            }
            let len = caption
                .text()
                .flat_map(str::chars)
                .filter(|c| !c.is_whitespace())
                .count();
            if len >= 40 {
                count += 1;
                chars += len;
            }
        }
    }
    let story: usize = chosen
        .iter()
        .filter_map(|id| infos.get(id))
        .map(|i| i.text as usize)
        .sum();
    count >= 5 && chars > 2 * story
}

/// The element before the story that microdata marks as the article's
/// description (`itemprop="description"`), when it holds a sentence or two:
/// a standfirst that rewords the meta description.
fn marked_lead(doc: &Html, chosen: &[NodeId], infos: &NodeMap<Info>) -> Option<NodeId> {
    let first = *chosen.iter().min()?;
    doc.tree
        .nodes()
        .take_while(|n| n.id() < first)
        .filter(|n| {
            ElementRef::wrap(*n).is_some_and(|e| {
                e.value().attr("itemprop") == Some("description")
                    && !matches!(e.value().name(), "meta" | "link" | "figcaption")
            })
        })
        .filter(|n| {
            infos
                .get(&n.id())
                .is_some_and(|i| (60..=1000).contains(&i.raw_text))
        })
        // Not a picture's caption (an ImageObject's description).
        .filter(|n| {
            !n.ancestors().any(|a| {
                ElementRef::wrap(a)
                    .is_some_and(|e| matches!(e.value().name(), "figure" | "figcaption"))
            })
        })
        // Not a wrapper of the story itself.
        .find(|n| !within(doc, first, n.id()))
        .map(|n| n.id())
}

/// Whether an element's text, read as [`text_key`] reads it, starts with
/// `prefix`: compared as it is read, stopping at the first difference (most
/// elements differ at once; this runs for every element before the story).
fn key_starts_with(el: ElementRef<'_>, prefix: &str) -> bool {
    let mut want = prefix.chars();
    for piece in el.text() {
        for c in piece
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
        {
            match want.next() {
                None => return true,
                Some(w) if w == c => {}
                Some(_) => return false,
            }
        }
    }
    want.next().is_none()
}

/// The element before the story that prints the page's description: the
/// smallest visible one whose text starts with it and is not much longer.
/// None when no such element precedes the story's first block, or the
/// description is too short to recognise.
fn printed_lead(
    doc: &Html,
    description: &str,
    chosen: &[NodeId],
    infos: &NodeMap<Info>,
) -> Option<NodeId> {
    let key = text_key(description);
    let key_chars = key.chars().count();
    if key_chars < 60 {
        return None;
    }
    // A description cut short ends mid-word: compare all but its tail.
    let prefix: String = key.chars().take(key_chars - 8).collect();
    let first = *chosen.iter().min()?;
    let mut ancestors = Vec::new();
    let mut node = doc.tree.get(first).and_then(|n| n.parent());
    while let Some(n) = node {
        ancestors.push(n.id());
        node = n.parent();
    }
    let mut best: Option<(u32, NodeId)> = None;
    for node in doc.tree.nodes() {
        let id = node.id();
        if id >= first {
            continue;
        }
        let Some(info) = infos.get(&id) else { continue };
        // Boilerplate by name is allowed (a standfirst printed in the
        // page's header band); hidden text is not (raw_text is 0).
        let size = info.raw_text as usize;
        if size < prefix.chars().count()
            || size > (key_chars * 3).max(key_chars + 400)
            || ancestors.contains(&id)
            || best.is_some_and(|(b, _)| info.raw_text >= b)
        {
            continue;
        }
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if !matches!(
            el.value().name(),
            "p" | "div" | "span" | "section" | "header" | "strong" | "b" | "em" | "h2" | "h3"
        ) {
            continue;
        }
        if key_starts_with(el, &prefix) {
            best = Some((info.raw_text, id));
        }
    }
    best.map(|(_, id)| id)
}

/// A report of how the body was chosen: the best candidates with their
/// scores, and the elements written out. For `examples/explain_extract.rs`.
#[doc(hidden)]
pub fn explain(doc: &Html) -> String {
    let infos = measure(doc);
    let mut scored: Vec<(f32, NodeId)> = infos
        .iter()
        .filter(|(_, i)| !i.excluded && i.score > 0.0)
        .filter_map(|(&id, info)| {
            let el = element(doc, id)?;
            let v = el.value();
            Some((
                (info.score + tag_weight(v.name()) + class_weight(v)) * (1.0 - info.link_density()),
                id,
            ))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let describe = |id: NodeId| {
        let info = infos.get(&id).copied().unwrap_or_default();
        element(doc, id).map_or_else(String::new, |el| {
            let v = el.value();
            format!(
                "<{} id={:?} class={:?}> text {} links {:.2} raw score {:.1}",
                v.name(),
                v.attr("id").unwrap_or(""),
                v.attr("class").unwrap_or(""),
                info.text,
                info.link_density(),
                info.score
            )
        })
    };
    let mut out = String::from("candidates:\n");
    for (score, id) in scored.iter().take(8) {
        out.push_str(&format!("  {score:8.1}  {}\n", describe(*id)));
    }
    if let Some(top) = best_candidate(doc, &infos) {
        out.push_str("chosen:\n");
        for id in story_blocks(doc, top, &infos) {
            out.push_str(&format!("  {}\n", describe(id)));
        }
        out.push_str("ancestors of the top candidate:\n");
        let mut node = doc.tree.get(top).and_then(|n| n.parent());
        while let Some(n) = node {
            if ElementRef::wrap(n).is_some() {
                out.push_str(&format!(
                    "  {}{}\n",
                    describe(n.id()),
                    if infos.get(&n.id()).is_some_and(|i| i.excluded) {
                        " EXCLUDED"
                    } else {
                        ""
                    }
                ));
            }
            node = n.parent();
        }
    }
    out
}

/// Plain text of an HTML fragment (a JSON body holding markup), all of it.
pub fn fragment_text(doc: &Html) -> Vec<String> {
    let infos = measure(doc);
    let mut out = Vec::new();
    write_paragraphs(doc.tree.root(), &infos, &mut out);
    out
}

/// Size of an element before any boilerplate decision.
#[derive(Debug, Clone, Copy, Default)]
struct RawSize {
    /// Visible characters.
    text: u32,
    /// Of which inside links.
    link: u32,
    /// Of which inside paragraphs (`p`, `pre`, `blockquote`).
    para: u32,
}

/// Sizes of every element, before any boilerplate decision (only what is
/// never visible is left out).
fn measure_raw(doc: &Html) -> NodeMap<RawSize> {
    let mut sizes = NodeMap::default();
    let mut stack: Vec<(NodeId, bool, RawSize)> = Vec::new();
    let mut link_depth = 0usize;
    let mut para_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    match el.name() {
                        "a" => link_depth += 1,
                        "p" | "pre" | "blockquote" => para_depth += 1,
                        _ => {}
                    }
                    let invisible = stack.last().is_some_and(|f| f.1) || is_invisible(el);
                    stack.push((node.id(), invisible, RawSize::default()));
                }
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut().filter(|f| !f.1) {
                        let n = visible_chars(t);
                        top.2.text += n;
                        if link_depth > 0 {
                            top.2.link += n;
                        }
                        if para_depth > 0 {
                            top.2.para += n;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                match el.name() {
                    "a" => link_depth = link_depth.saturating_sub(1),
                    "p" | "pre" | "blockquote" => para_depth = para_depth.saturating_sub(1),
                    _ => {}
                }
                let Some((id, _, size)) = stack.pop() else {
                    continue;
                };
                if let Some(parent) = stack.last_mut() {
                    parent.2.text += size.text;
                    parent.2.link += size.link;
                    parent.2.para += size.para;
                }
                sizes.insert(id, size);
            }
        }
    }
    sizes
}

fn visible_chars(t: &str) -> u32 {
    t.chars().filter(|c| !c.is_whitespace()).count() as u32
}

fn measure(doc: &Html) -> NodeMap<Info> {
    let raw = measure_raw(doc);
    let page = raw
        .get(&doc.root_element().id())
        .copied()
        .unwrap_or_default();
    let mut infos = NodeMap::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut link_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let parent_excluded = stack.last().is_some_and(|f| f.excluded);
                    let in_article = stack.last().is_some_and(|f| f.in_article);
                    let in_paragraph = stack.last().is_some_and(|f| f.in_paragraph);
                    let in_references =
                        stack.last().is_some_and(|f| f.in_references) || names_references(el);
                    let name = el.name();
                    let paragraph_like = matches!(name, "p" | "pre" | "blockquote" | "td" | "dd");
                    if name == "a" {
                        link_depth += 1;
                    }
                    let size = raw.get(&node.id()).copied().unwrap_or_default();
                    stack.push(Frame {
                        id: node.id(),
                        in_article: in_article || matches!(name, "article" | "main"),
                        paragraph_like,
                        in_paragraph: in_paragraph || paragraph_like,
                        in_references,
                        raw_text: size.text,
                        list_item: name == "li",
                        is_div_like: matches!(
                            name,
                            "div" | "section" | "article" | "main" | "center"
                        ),
                        excluded: parent_excluded
                            || is_boilerplate(el, size, page, in_article, in_paragraph),
                        text: 0,
                        link: 0,
                        commas: 0,
                        direct_text: 0,
                        score: 0.0,
                    });
                }
                Node::Text(t) => {
                    // Text of an excluded element with nothing visible in it
                    // (a script's, a style sheet's: often most of a page's
                    // bytes) counts for nothing: it is not summed upwards.
                    if let Some(top) = stack
                        .last_mut()
                        .filter(|f| !(f.excluded && f.raw_text == 0))
                    {
                        let n = visible_chars(t);
                        top.text += n;
                        top.direct_text += n;
                        top.commas += t.matches([',', '，', '、']).count() as u32;
                        if link_depth > 0 {
                            top.link += n;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                if el.name() == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                let Some(frame) = stack.pop() else { continue };
                // List items vote when they are prose, not menus of links.
                let prose_item =
                    frame.list_item && frame.direct_text >= 25 && frame.link * 3 < frame.text;
                let votes = !frame.excluded
                    && !frame.in_references
                    && frame.text >= 25
                    && (frame.paragraph_like
                        || prose_item
                        || frame.is_div_like && frame.direct_text >= 25);
                if votes {
                    let score =
                        1.0 + frame.commas.min(10) as f32 + (frame.text as f32 / 100.0).min(3.0);
                    let n = stack.len();
                    for level in 0..5.min(n) {
                        let divider = match level {
                            0 => 1.0,
                            1 => 2.0,
                            l => l as f32 * 3.0,
                        };
                        stack[n - 1 - level].score += score / divider;
                    }
                }
                if !frame.excluded
                    && let Some(parent) = stack.last_mut()
                {
                    parent.text += frame.text;
                    parent.link += frame.link;
                    parent.commas += frame.commas;
                }
                infos.insert(
                    frame.id,
                    Info {
                        text: frame.text,
                        link: frame.link,
                        score: frame.score,
                        excluded: frame.excluded,
                        raw_text: frame.raw_text,
                    },
                );
            }
        }
    }
    infos
}

/// Words that, as a part of a class or id (`article-share`, `related_links`),
/// name page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "shares",
    "social",
    "socials",
    "newsletter",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "paywall",
    "promo",
    "promos",
    "advert",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "adslot",
    "dfp",
    "outbrain",
    "taboola",
    "related",
    "recommended",
    "recommendations",
    "recirc",
    "trending",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "bylines",
    "comment",
    "comments",
    "disqus",
    "footer",
    "header",
    "masthead",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "toolbar",
    "popup",
    "modal",
    "overlay",
    "signup",
    "tags",
    "taglist",
    "print",
    "caption",
    "credit",
    "credits",
    "sponsor",
    "sponsored",
    "pagination",
    "pager",
    "mostread",
];
/// Two-word furniture names (`more-stories`, `most_read`).
const FURNITURE_PAIRS: &[(&str, &str)] = &[
    ("more", "stories"),
    ("most", "read"),
    ("most", "popular"),
    ("author", "bio"),
    ("tag", "list"),
    ("jump", "link"),
    ("skip", "link"),
    ("read", "more"),
    // MediaWiki's tagline under the headline ("From Wikipedia, the free
    // encyclopedia"), `siteSub`.
    ("site", "sub"),
];

/// A class or id token lower-cased, with a `-` before each camelCase hump:
/// its words are then the parts between `-` and `_`
/// (`InlineImage-imageEmbedCredit` reads "inline", "image", "image", "embed",
/// "credit"). This runs for every token of every element: a token without
/// capitals is its own reading.
pub(super) fn class_words(token: &str) -> Cow<'_, str> {
    if !token.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(token);
    }
    let mut out = String::with_capacity(token.len() + 4);
    let mut prev_lower = false;
    for c in token.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('-');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_lowercase());
    }
    Cow::Owned(out)
}

/// The words of a token read by [`class_words`].
pub(super) fn words(joined: &str) -> impl Iterator<Item = &str> {
    joined.split(['-', '_']).filter(|w| !w.is_empty())
}

/// A scholarly reference list (`c-article-references`, Wikipedia's
/// `reflist`): a journal page whose abstract is all the prose it shows
/// must not be read as its bibliography.
fn names_references(el: &Element) -> bool {
    el.attr("class")
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(el.attr("id"))
        .any(|t| {
            words(&class_words(t)).any(|w| matches!(w, "references" | "bibliography" | "reflist"))
        })
}

/// Content shown on hover names itself by the popup and a part:
/// `rollover-people-block`, `tooltip-content`, `popover-body`. The popup's
/// name alone (`tooltip`, `rollover-people`) is the anchor it hangs on — a
/// name or a number in the sentence — and stays.
const POPUP_WORDS: &[&str] = &["tooltip", "popover", "hovercard", "rollover"];
const POPUP_PARTS: &[&str] = &[
    "block", "content", "body", "inner", "box", "panel", "card", "text",
];

/// Whether a class or id token names furniture: one of its words is a
/// furniture word, and no word says the element merely sits beside
/// furniture (`content-with-sidebar`, `has-comments`, MathJax's
/// `CtxtMenu_Attached_0` on every formula).
fn names_furniture(token: &str) -> bool {
    let joined = class_words(token);
    let parts: Vec<&str> = words(&joined).collect();
    if parts.iter().any(|p| {
        matches!(
            *p,
            "with" | "has" | "no" | "non" | "and" | "without" | "not" | "attached"
        )
    }) {
        return false;
    }
    // A "social-media-embed" is a post quoted in the story, not a share bar.
    if parts
        .last()
        .is_some_and(|p| matches!(*p, "embed" | "embeds" | "embedded"))
    {
        return false;
    }
    let popup_part = parts
        .iter()
        .position(|p| POPUP_WORDS.contains(p))
        .is_some_and(|i| parts[i + 1..].iter().any(|p| POPUP_PARTS.contains(p)));
    popup_part
        || parts.iter().any(|p| FURNITURE_WORDS.contains(p))
        // Run together: "relatedposts", "relatedarticles".
        || parts
            .iter()
            .any(|p| p.len() > "related".len() && p.starts_with("related"))
        || parts
            .windows(2)
            .any(|w| FURNITURE_PAIRS.contains(&(w[0], w[1])))
}

/// A print stylesheet's "leave this out" mark (`noprint`, `no-print`,
/// `hidden-print`, `u-hide-print`, Bootstrap's `d-print-none`): what a site
/// leaves off paper is furniture — Wikipedia's "From Wikipedia, the free
/// encyclopedia", share and citation buttons, pagers.
fn not_printed(token: &str) -> bool {
    const MARKS: &[&str] = &[
        "noprint",
        "no-print",
        "hidden-print",
        "hide-print",
        "print-hide",
        "u-hide-print",
        "u-print-hide",
        "d-print-none",
        "print-none",
    ];
    MARKS.iter().any(|m| token.eq_ignore_ascii_case(m))
}

static WEAK_NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)-ad-|hidden|banner|combx|com-|contact|footer|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|comment")
        .expect("valid regex")
});

static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story")
        .expect("valid regex")
});

/// Elements that are never seen on the page.
fn is_invisible(el: &Element) -> bool {
    if matches!(
        el.name(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            // MathML is read (a formula is part of the text); its TeX or
            // XML source annotations repeat it.
            | "annotation"
            | "annotation-xml"
            | "head"
            | "title"
            | "link"
            | "meta"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "dialog"
    ) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Elements that are not part of the story: invisible ones, page furniture
/// by tag or role, and elements whose class or id names furniture. A
/// container holding most of the page's paragraph text is never furniture by
/// its name alone (ASP.NET wraps whole pages in a `<form>`, themes put the
/// story in a "content-with-sidebar" box), and a link inside a paragraph is
/// part of its sentence whatever its class says (`<a class="NavNode">` in a
/// glossary link).
fn is_boilerplate(
    el: &Element,
    size: RawSize,
    page: RawSize,
    in_article: bool,
    in_paragraph: bool,
) -> bool {
    if is_invisible(el) {
        return true;
    }
    let name = el.name();
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let holds_the_page = page.para > 200 && size.para as f32 > 0.5 * page.para as f32;
    if matches!(name, "figure" | "figcaption" | "h1" | "label") {
        return true;
    }
    // An article's own <header> holds its standfirst; its headline, byline
    // and date are dropped by their own tags and names.
    if name == "header" && in_article {
        return false;
    }
    if matches!(
        name,
        "nav" | "header" | "footer" | "aside" | "form" | "menu"
    ) {
        return !holds_the_page;
    }
    if let Some(role) = el.attr("role")
        && matches!(
            role.to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "dialog"
                | "menu"
                | "menubar"
                | "alert"
                | "toolbar"
        )
    {
        return !holds_the_page;
    }
    if name == "a" && in_paragraph {
        return false;
    }
    let tokens = el
        .attr("class")
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(el.attr("id"));
    // Inside an article, an "entry-header" / "article-header" box holds
    // the standfirst: judge it by what is in it, not by its name.
    let furniture = tokens.into_iter().any(|t| {
        not_printed(t)
            || names_furniture(t) && !(in_article && words(&class_words(t)).any(|p| p == "header"))
    });
    if furniture {
        return !holds_the_page;
    }
    false
}

fn class_weight(el: &Element) -> f32 {
    let mut weight = 0.0;
    for attr in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        if WEAK_NEGATIVE.is_match(attr) {
            weight -= 25.0;
        }
        if POSITIVE.is_match(attr) {
            weight += 25.0;
        }
    }
    if el
        .attr("itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        weight += 50.0;
    }
    weight
}

fn tag_weight(name: &str) -> f32 {
    match name {
        "div" | "article" | "main" => 5.0,
        "section" => 3.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn element(doc: &Html, id: NodeId) -> Option<ElementRef<'_>> {
    doc.tree.get(id).and_then(ElementRef::wrap)
}

/// A candidate's final score: what its paragraphs gave it, its tag and class
/// hints, discounted by its share of link text.
fn final_score(doc: &Html, id: NodeId, info: &Info) -> Option<f32> {
    let el = element(doc, id)?;
    let v = el.value();
    // Hints from names weigh in proportion to the text they would promote:
    // a "body" class on a caption span is no reason to pick it.
    let hint_weight = (info.text as f32 / 500.0).min(1.0);
    let hints = (tag_weight(v.name()) + class_weight(v)) * hint_weight;
    Some((info.score + hints) * (1.0 - info.link_density()))
}

fn best_candidate(doc: &Html, infos: &NodeMap<Info>) -> Option<NodeId> {
    let mut ranked: Vec<(f32, NodeId)> = infos
        .iter()
        .filter(|(_, info)| !info.excluded && info.score > 0.0)
        .filter_map(|(&id, info)| Some((final_score(doc, id, info)?, id)))
        .collect();
    // Best first; ties go to the earlier element for determinism.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let &(top_score, mut id) = ranked.first()?;

    // A story split into several similar blocks (steps, sections) shows up as
    // several close candidates: the ancestor holding three of them wins.
    let ancestors_of = |id: NodeId| -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut node = doc.tree.get(id).and_then(|n| n.parent());
        while let Some(n) = node {
            out.push(n.id());
            node = n.parent();
        }
        out
    };
    let alternatives: Vec<Vec<NodeId>> = ranked[1..ranked.len().min(5)]
        .iter()
        .filter(|(score, _)| *score >= 0.75 * top_score)
        .map(|(_, alt)| ancestors_of(*alt))
        .collect();
    // A close candidate that contains the top one and holds several times its
    // prose is the story, of which the top is one section.
    let top_text = infos.get(&id).map_or(0, |i| i.text);
    if let Some(&(_, outer)) = ranked[1..ranked.len().min(5)].iter().find(|(score, alt)| {
        *score >= 0.75 * top_score
            && infos
                .get(alt)
                .is_some_and(|i| i.text >= 3 * top_text && i.link_density() < 0.15)
            && ancestors_of(id).contains(alt)
    }) {
        id = outer;
    } else if alternatives.len() >= 3 {
        for ancestor in ancestors_of(id) {
            let is_page =
                element(doc, ancestor).is_none_or(|e| matches!(e.value().name(), "body" | "html"));
            if is_page || infos.get(&ancestor).is_some_and(|i| i.excluded) {
                break;
            }
            if alternatives
                .iter()
                .filter(|chain| chain.contains(&ancestor))
                .count()
                >= 3
            {
                id = ancestor;
                break;
            }
        }
    }

    // Climb while the parent scores higher (more of the story lies beside
    // this block), or while this block is nearly all of its parent's text.
    let mut node_score = infos
        .get(&id)
        .and_then(|i| final_score(doc, id, i))
        .unwrap_or(top_score);
    while let Some(parent) = doc.tree.get(id).and_then(|n| n.parent()) {
        let (Some(pinfo), Some(pel)) = (infos.get(&parent.id()), ElementRef::wrap(parent)) else {
            break;
        };
        let info = infos.get(&id).copied().unwrap_or_default();
        if pinfo.excluded || matches!(pel.value().name(), "body" | "html") || pinfo.text == 0 {
            break;
        }
        let share = info.text as f32 / pinfo.text as f32;
        let pscore = final_score(doc, parent.id(), pinfo).unwrap_or(0.0);
        let wraps = share > 0.85 && pinfo.link_density() < 0.3 && pscore >= node_score * 0.5;
        let richer = pscore > node_score && pinfo.link_density() < 0.3;
        // The story continues beside this block (steps, sections): the
        // parent holds much more text, and it is prose, not links.
        let continues = share < 0.67 && pinfo.link_density() < 0.25 && pinfo.score > 0.0;
        if wraps || richer || continues {
            id = parent.id();
            node_score = node_score.max(pscore);
        } else {
            break;
        }
    }
    Some(id)
}

/// The least score of a block joining the story beside the top candidate:
/// a few paragraphs of prose.
const SECTION_SCORE: f32 = 10.0;

/// The top candidate plus siblings that read like more of the same story.
fn with_siblings(doc: &Html, top: NodeId, infos: &NodeMap<Info>) -> Vec<NodeId> {
    let Some(node) = doc.tree.get(top) else {
        return vec![top];
    };
    let Some(parent) = node.parent() else {
        return vec![top];
    };
    let top_info = infos.get(&top).copied().unwrap_or_default();
    let top_class = ElementRef::wrap(node).and_then(|e| e.value().attr("class"));
    let threshold = (top_info.score * 0.2).max(SECTION_SCORE);
    let top_classes: Vec<&str> = top_class
        .map(|c| c.split_whitespace().collect())
        .unwrap_or_default();
    let mut chosen = Vec::new();
    let mut before_top = true;
    let siblings: Vec<_> = parent.children().collect();
    for (i, sibling) in siblings.iter().copied().enumerate() {
        if sibling.id() == top {
            chosen.push(top);
            before_top = false;
            continue;
        }
        let Some(el) = ElementRef::wrap(sibling) else {
            continue;
        };
        let Some(info) = infos.get(&sibling.id()) else {
            continue;
        };
        if info.excluded || info.text == 0 {
            continue;
        }
        // Siblings styled like the top candidate (sharing most of its class
        // names) are likely more of the same column.
        let mut bonus = 0.0;
        let classes: Vec<&str> = el
            .value()
            .attr("class")
            .map(|c| c.split_whitespace().collect())
            .unwrap_or_default();
        let shared = classes.iter().filter(|c| top_classes.contains(c)).count();
        if !top_classes.is_empty() && shared * 2 >= top_classes.len().max(classes.len()) {
            bonus = top_info.score * 0.2;
        }
        // The block just before the story is often its standfirst.
        let standfirst = before_top
            && siblings.get(i + 1).is_some_and(|next| next.id() == top)
            && info.text >= 50
            && info.link_density() < 0.2;
        let take = if standfirst || info.score + bonus >= threshold && info.link_density() < 0.5 {
            true
        } else if el.value().name() == "p" {
            let density = info.link_density();
            let text = collapse_whitespace(&el.text().collect::<String>());
            (info.text > 80 && density < 0.25)
                || (info.text > 0 && density == 0.0 && text.ends_with(['.', '!', '?', '"', '”']))
        } else {
            false
        };
        if take {
            chosen.push(sibling.id());
        }
    }
    chosen
}

/// The story's other sections: elements elsewhere on the page whose class
/// attribute is exactly the chosen block's, holding prose of their own. A
/// story broken by full-width figures or quotes puts each section in its own
/// wrapper, so the sections are not siblings. A section holds a few
/// paragraphs of prose (the score a sibling needs at least): the same
/// component class also prints a press release's one-paragraph summary and
/// its "About us" blurb. A block already chosen (a sibling of the same
/// class), inside one or holding one is left out: nothing is written twice.
fn same_class_sections(
    doc: &Html,
    top: NodeId,
    chosen: &[NodeId],
    infos: &NodeMap<Info>,
) -> Vec<NodeId> {
    let Some(class) = element(doc, top)
        .and_then(|e| e.value().attr("class"))
        .filter(|c| !c.trim().is_empty())
    else {
        return Vec::new();
    };
    let mut found: Vec<NodeId> = Vec::new();
    for node in doc.tree.nodes() {
        let id = node.id();
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if el.value().attr("class") != Some(class) {
            continue;
        }
        let Some(info) = infos.get(&id) else { continue };
        if info.excluded || info.score < SECTION_SCORE || info.link_density() >= 0.25 {
            continue;
        }
        if chosen
            .iter()
            .chain(&found)
            .any(|&c| within(doc, id, c) || within(doc, c, id))
        {
            continue;
        }
        found.push(id);
    }
    found
}

/// Whether `id` is `outer` or lies inside it.
fn within(doc: &Html, id: NodeId, outer: NodeId) -> bool {
    let mut node = doc.tree.get(id);
    while let Some(n) = node {
        if n.id() == outer {
            return true;
        }
        node = n.parent();
    }
    false
}

/// The blocks that make the story, in document order: the top candidate,
/// the siblings that read like more of it, and its sections elsewhere.
fn story_blocks(doc: &Html, top: NodeId, infos: &NodeMap<Info>) -> Vec<NodeId> {
    let mut chosen = with_siblings(doc, top, infos);
    let sections = same_class_sections(doc, top, &chosen, infos);
    chosen.extend(sections);
    chosen.sort();
    chosen
}

/// Elements whose boundaries end a line of text (a paragraph here; a line of
/// a byline in `meta`).
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "figure"
            | "figcaption"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "body"
            | "fieldset"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
    )
}

/// A row of a data table: two or more cells, each a short run of text, at
/// most wrapped in a paragraph ("North", "61%", "Alice Brown"). Written as
/// one line, its cells kept apart by " | ", rather than a paragraph per
/// cell. A layout table's cells hold paragraphs, line breaks or long text,
/// and are left to be paragraphs.
fn is_data_row(tr: ego_tree::NodeRef<'_, Node>) -> bool {
    const MAX_CELL: u32 = 160;
    let mut cells = 0;
    for child in tr.children() {
        let Some(el) = child.value().as_element() else {
            continue;
        };
        if !matches!(el.name(), "td" | "th") {
            return false;
        }
        cells += 1;
        let (mut chars, mut wrappers) = (0, 0);
        for d in child.descendants().skip(1) {
            match d.value() {
                // One paragraph in a cell, as content systems wrap them
                // (`p`, or a `div` around a `p`).
                Node::Element(e) if matches!(e.name(), "p" | "div") => {
                    wrappers += 1;
                    if wrappers > 2 {
                        return false;
                    }
                }
                Node::Element(e) if is_block(e.name()) => return false,
                Node::Text(t) => chars += visible_chars(t),
                _ => {}
            }
        }
        if chars > MAX_CELL {
            return false;
        }
    }
    cells >= 2
}

/// Is this element, inside the story, a list of links or other debris?
fn is_junk(node: ego_tree::NodeRef<'_, Node>, el: &Element, infos: &NodeMap<Info>) -> bool {
    let info = infos.get(&node.id()).copied().unwrap_or_default();
    if info.excluded {
        return true;
    }
    let density = info.link_density();
    match el.name() {
        "ul" | "ol" => density > 0.5 && info.text < 1500 && !holds_prose_item(node, infos),
        "div" | "section" | "table" | "dl" => density > 0.5 && info.text < 1500,
        "p" | "li" => density > 0.8,
        _ => false,
    }
}

/// Whether a list has an item of prose: a sentence or more without a link.
/// A list of links is debris, but a story's list can hold both ("In
/// progress:" and a sublist of linked bug titles beside a plain item), and
/// the plain item is the story's; its linked items are judged one by one.
fn holds_prose_item(list: ego_tree::NodeRef<'_, Node>, infos: &NodeMap<Info>) -> bool {
    list.children().any(|item| {
        item.value().as_element().is_some_and(|e| e.name() == "li")
            && infos
                .get(&item.id())
                .is_some_and(|i| !i.excluded && i.link == 0 && i.text >= PROSE_ITEM_CHARS)
    })
}

/// Characters of a list item that make it prose rather than a label.
const PROSE_ITEM_CHARS: u32 = 80;

fn write_paragraphs(
    root: ego_tree::NodeRef<'_, Node>,
    infos: &NodeMap<Info>,
    out: &mut Vec<String>,
) {
    write_story(root, infos, false, out);
}

/// [`write_paragraphs`], with `captions` also writing visible figure
/// captions (each as one paragraph): for a gallery told in its captions.
fn write_story(
    root: ego_tree::NodeRef<'_, Node>,
    infos: &NodeMap<Info>,
    captions: bool,
    out: &mut Vec<String>,
) {
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let para = collapse_whitespace(current);
        if !para.is_empty() {
            out.push(para);
        }
        current.clear();
    };
    let mut skipping: Option<NodeId> = None;
    // A row of a data table being written as one line, its cells apart.
    let mut row: Option<NodeId> = None;
    let mut cell_apart = false;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let info = infos.get(&node.id()).copied().unwrap_or_default();
                        if captions && !is_invisible(el) {
                            if el.name() == "figcaption" {
                                // Its paragraphs, whatever their exclusion
                                // as part of a caption.
                                flush(&mut current, out);
                                for part in node.traverse() {
                                    match part {
                                        Edge::Open(n) | Edge::Close(n)
                                            if n.value()
                                                .as_element()
                                                .is_some_and(|e| is_block(e.name())) =>
                                        {
                                            flush(&mut current, out);
                                        }
                                        Edge::Open(n) => {
                                            if let Node::Text(t) = n.value() {
                                                current.push_str(t);
                                            }
                                        }
                                        Edge::Close(_) => {}
                                    }
                                }
                                flush(&mut current, out);
                                skipping = Some(node.id());
                                continue;
                            }
                            if el.name() == "figure" {
                                continue;
                            }
                        }
                        // In a gallery, a slide's wrapper whose only other
                        // text is its linked title is not a link list.
                        let holds_caption = || {
                            captions
                                && node.descendants().any(|d| {
                                    d.value()
                                        .as_element()
                                        .is_some_and(|e| e.name() == "figcaption")
                                })
                        };
                        if node.id() != root.id() && is_junk(node, el, infos) && !holds_caption()
                            || info.excluded
                        {
                            skipping = Some(node.id());
                            continue;
                        }
                        if row.is_some() && matches!(el.name(), "td" | "th") {
                            // Apart from the cells before, once it shows text
                            // (empty cells are passed over).
                            cell_apart = !current.trim().is_empty();
                            continue;
                        }
                        if row.is_none() && el.name() == "tr" && is_data_row(node) {
                            flush(&mut current, out);
                            row = Some(node.id());
                            continue;
                        }
                        if row.is_some() && is_block(el.name()) {
                            // A cell's paragraph is part of the row's line.
                            current.push(' ');
                        } else if el.name() == "br" || is_block(el.name()) {
                            flush(&mut current, out);
                        } else if matches!(el.name(), "img") {
                            current.push(' ');
                        }
                    }
                    Node::Text(t) => {
                        if cell_apart && !t.trim().is_empty() {
                            current.push_str(" | ");
                            cell_apart = false;
                        }
                        current.push_str(t);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if row == Some(node.id()) {
                    flush(&mut current, out);
                    row = None;
                    cell_apart = false;
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if row.is_some() && is_block(el.name()) {
                        current.push(' ');
                    } else if is_block(el.name()) {
                        flush(&mut current, out);
                    } else if matches!(el.name(), "td" | "th" | "mi" | "mn" | "mo" | "ms" | "mtext")
                    {
                        // Cells and the tokens of a formula are words apart.
                        current.push(' ');
                    }
                }
            }
        }
    }
    flush(&mut current, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_names() {
        for name in [
            "article-share",
            "related_links",
            "site-footer",
            "more-stories",
            "c-ad",
            "mostRead",
            "InlineImage-imageEmbedCredit",
            "rollover-people-block",
            "tooltip-content",
            "jp-relatedposts",
        ] {
            assert!(names_furniture(name), "{name}");
        }
        for name in [
            "content-with-sidebar-wrp",
            "has-comments",
            "CtxtMenu_Attached_0",
            "rollover-people",
            "wprm-recipe-servings-adjustable-tooltip",
            "social-media-embed",
            "lead",
            "header-image-caption-no",
            "article-body",
            "shadow",
        ] {
            assert!(!names_furniture(name), "{name}");
        }
    }

    fn body(html: &str) -> Vec<String> {
        extract(&Html::parse_document(html))
    }

    #[test]
    fn a_gallery_told_in_its_captions_is_read_from_them() {
        let slide = |n: usize| {
            format!(
                "<div class=\"item\"><h2><a href=\"/s/{n}\">{n}. Costume</a></h2><figure><img src=\"{n}.jpg\">\
                 <figcaption><p>Costume number {n} is easy.</p><p><strong>What you need:</strong> a hat, a scarf and an old coat from the back of the wardrobe.</p></figcaption></figure></div>"
            )
        };
        let slides: String = (1..=8).map(slide).collect();
        let out = body(&format!(
            "<body><article class=\"gallery\"><p>Cheap and easy costumes are all that matter this year, and these ideas can be made at the last minute.</p>{slides}</article></body>"
        ));
        assert!(out[0].starts_with("Cheap and easy costumes"), "{out:?}");
        assert!(
            out.contains(&"Costume number 8 is easy.".to_string()),
            "{out:?}"
        );
        assert!(
            out.iter()
                .any(|p| p.starts_with("What you need: a hat, a scarf")),
            "{out:?}"
        );
        // A story with a few captioned pictures keeps its captions out.
        let pictures: String = (1..=3).map(slide).collect();
        let out = body(&format!(
            "<body><article>{STORY}{pictures}</article></body>"
        ));
        assert!(!out.iter().any(|p| p.contains("What you need")), "{out:?}");
    }

    const STORY: &str = "<p>US Secretary of State Mike Pompeo suggests the US will not share intelligence with the UK, after a decision that was, he said, disappointing.</p>\
        <p>This is after the government agreed to give the Chinese tech giant a limited role in the network, despite concerns, warnings and letters.</p>\
        <p>\"We would certainly never put American information in a place that we don't deem it safe,\" he said, in the interview.</p>";

    #[test]
    fn picks_the_story_not_the_furniture() {
        let page = format!(
            r##"<html><body>
            <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
            <div class="layout">
              <article><h1>Headline</h1><div class="article-body">{STORY}</div>
                <div class="share-tools"><a href="#">Share on Facebook</a></div>
                <figure><img src="x.jpg"><figcaption>Mike Pompeo. Picture: PA</figcaption></figure>
              </article>
              <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Netanyahu meets Trump, again and again</a></li></ul></aside>
            </div>
            <div class="related-articles"><ul><li><a href="/b">Timberlake not intoxicated, lawyer says</a></li></ul></div>
            <footer>© LBC</footer>
            <script>var x = "Netanyahu";</script>
            </body></html>"##
        );
        let paras = body(&page);
        assert_eq!(paras.len(), 3, "{paras:#?}");
        assert!(paras[0].starts_with("US Secretary of State"));
        let all = paras.join("\n");
        for junk in [
            "Netanyahu",
            "Timberlake",
            "Share on",
            "Picture",
            "Home",
            "Headline",
            "©",
        ] {
            assert!(!all.contains(junk), "{junk} leaked into {all}");
        }
    }

    #[test]
    fn what_a_site_leaves_off_paper_is_not_body() {
        let page = format!(
            r##"<html><body><div id="content" class="mw-body">
            <h1 id="firstHeading">Hermitian matrix</h1>
            <div id="bodyContent"><div id="siteSub">From Wikipedia, the free encyclopedia</div>
            <div class="mw-parser-output">{STORY}
            <p>It can be shown<sup class="noprint Inline-Template Template-Fact">[citation needed]</sup> that,
            for a given matrix, the Rayleigh quotient reaches its minimum value at its smallest eigenvalue.</p>
            <div class="share-row no-print"><a href="/p">Print this page</a> Send it to a friend</div>
            </div></div></div></body></html>"##
        );
        let all = body(&page).join("\n");
        assert!(
            all.contains("It can be shown that, for a given matrix"),
            "{all}"
        );
        for furniture in ["free encyclopedia", "citation needed", "Send it"] {
            assert!(!all.contains(furniture), "{furniture} in {all}");
        }
    }

    #[test]
    fn a_list_keeps_its_prose_items_and_loses_its_links() {
        let links = "<li><a href=\"/1\">Bug 1677080 – Fullscreen window is affected by switching video source</a></li>\
                     <li><a href=\"/2\">Bug 1677107 – Add telemetry for tracking multiple windows</a></li>\
                     <li><a href=\"/3\">Bug 1681796 – Prevent superfluous actors from being associated</a></li>";
        let page = format!(
            r##"<html><body><article><div class="entry-content">{STORY}
            <ul><li>We have the green light for another round of students hacking on this next semester, with two mentors.</li>
                <li>In progress:<ul>{links}</ul></li></ul>
            <ul>{links}</ul>
            </div></article></body></html>"##
        );
        let all = body(&page).join("\n");
        assert!(all.contains("We have the green light"), "{all}");
        // The linked titles go, in the mixed list and in the list of links.
        assert!(!all.contains("Bug 16"), "{all}");
    }

    #[test]
    fn a_sentence_keeps_its_links_and_loses_its_hover_cards() {
        let page = format!(
            r#"<body><div class=content>{STORY}<p>The office said it had warned <a class="NavNode" href="/radon">Radon</a> users, and Rep. <span class="rollover-people"><a href="/p/omar">Ilhan Omar</a><span class="rollover-people-block"><a href="/x">Hillicon Valley: funding bill</a> <a href="/y">MORE</a></span></span> (D-Minn.) agreed.</p></div></body>"#
        );
        let all = body(&page).join("\n");
        assert!(
            all.contains("had warned Radon users, and Rep. Ilhan Omar (D-Minn.) agreed."),
            "{all}"
        );
        assert!(!all.contains("Hillicon"), "{all}");
    }

    #[test]
    fn a_story_broken_by_figures_is_read_in_all_its_sections() {
        // Sections of unequal length, as in a feature: the first is the
        // top candidate by far.
        let section = |n: u32, paragraphs: usize| {
            let prose = format!("<p>Section {n} goes on, with more commas, more clauses, and more words than a caption.</p>").repeat(paragraphs);
            format!(
                r#"<section class="outer"><div class="post__section wysiwyg"><p>Section {n} opens with a long sentence, with commas, clauses, and enough words to count as prose.</p>{prose}</div></section>"#
            )
        };
        let page = format!(
            r#"<body><div class="post">{}<section class="outer"><figure><img src="a.jpg"><figcaption>A cell</figcaption></figure></section>{}<section class="outer"><blockquote class="pullquote">A quote</blockquote></section>{}</div>
            <div class="more"><div class="post__section wysiwyg"><p>Acme is a global provider of widgets, with offices in 15 countries, and employs around 1,300 people.</p><p>Acme shares are listed on the exchange in Zurich.</p></div></div></body>"#,
            section(1, 12),
            section(2, 3),
            section(3, 3)
        );
        let all = body(&page).join("\n");
        for n in 1..=3 {
            assert!(all.contains(&format!("Section {n} opens")), "{all}");
        }
        assert!(all.find("Section 1").unwrap() < all.find("Section 3").unwrap());
        assert!(!all.contains("Acme"), "{all}");
        // Sections that are siblings are joined once, not again as sections.
        // (A link list beside them keeps their parent from winning.)
        let links = r#"<ul><li><a href="/a">A long link to another story on the site, read it</a></li></ul>"#.repeat(30);
        let siblings = format!(
            r#"<body><div class="post">{}{links}{}</div></body>"#,
            section(1, 12)
                .replace(r#"<section class="outer">"#, "")
                .replace("</section>", ""),
            section(2, 6)
                .replace(r#"<section class="outer">"#, "")
                .replace("</section>", "")
        );
        let all = body(&siblings).join("\n");
        assert_eq!(all.matches("Section 2 opens").count(), 1, "{all}");
    }

    #[test]
    fn a_reference_list_does_not_make_a_page_its_story() {
        let reference = "<li>Smith J, Jones K, Brown L, et al. A long study of things, with results, in a journal. J Things. 2016;12(3):45-67.</li>";
        let journal = format!(
            r#"<body><section><div class="abstract"><p>The purpose of the review is to summarise the drugs implicated, with their doses, timing, and outcomes.</p><p>The most commonly reported drugs are allopurinol, sulfasalazine, and others, in that order.</p></div></section>
            <section><div class="bib-content"><ol class="c-article-references">{}</ol></div></section></body>"#,
            reference.repeat(40)
        );
        let all = body(&journal).join("\n");
        assert!(all.starts_with("The purpose of the review"), "{all}");
        assert!(!all.contains("Smith J"), "{all}");
        // Inside the story's own container, the list stays where it is.
        let article = format!(
            r#"<body><div class="content">{STORY}<ol class="references">{}</ol></div></body>"#,
            reference.repeat(3)
        );
        assert!(body(&article).join("\n").contains("Smith J"));
    }

    #[test]
    fn paragraphs_split_on_br_and_headings() {
        let page = format!(
            "<body><div class=content>{STORY}<h2>What next</h2>A loose paragraph of text that is long enough, with commas, to count.<br><br>And another line.</div></body>"
        );
        let paras = body(&page);
        assert!(paras.contains(&"What next".to_string()), "{paras:#?}");
        assert!(paras.contains(&"And another line.".to_string()));
    }

    #[test]
    fn a_data_table_is_read_a_row_to_a_line() {
        let page = format!(
            "<body><article>{STORY}<table><thead><tr><th>District</th><th>Turnout</th><th></th><th>Winner</th></tr></thead>
            <tbody><tr><td><p>North</p></td><td>61%</td><td></td><td><p><b>Alice</b> Brown</p></td></tr></tbody></table></article></body>"
        );
        let paras = body(&page);
        assert!(
            paras.contains(&"District | Turnout | Winner".to_string()),
            "{paras:#?}"
        );
        assert!(
            paras.contains(&"North | 61% | Alice Brown".to_string()),
            "{paras:#?}"
        );
        // A layout table's cells hold paragraphs and stay paragraphs.
        let page = format!(
            "<body><table><tr><td><p>Menu</p><p>Home</p></td><td>{STORY}</td></tr></table></body>"
        );
        let paras = body(&page);
        assert!(paras.iter().all(|p| !p.contains(" | ")), "{paras:#?}");
    }

    #[test]
    fn formulas_are_read_once() {
        let page = format!(
            r#"<body><div class=content>{STORY}<p>The roots of <math><semantics><mrow><mi>a</mi><mo>+</mo><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">a+x^2</annotation></semantics></math> are real.</p></div></body>"#
        );
        let paras = body(&page);
        assert!(
            paras.contains(&"The roots of a + x 2 are real.".to_string()),
            "{paras:#?}"
        );
    }

    #[test]
    fn the_printed_standfirst_leads_the_body() {
        const DEK: &str = "Pubs and bars face penalties for playing loud music or allowing singing and dancing, under the new rules.";
        let page = |hero: &str, description: &str| {
            let html = format!(
                r#"<body><div class=hero><h1>Headline</h1><p class=dek>{hero}</p></div>
                <div class=layout><div class=column><div class=text>{STORY}</div></div>
                <aside>Most read</aside></div></body>"#
            );
            extract_with_lead(&Html::parse_document(&html), Some(description))
        };
        // Printed above the column: it leads.
        let paras = page(DEK, DEK);
        assert_eq!(paras[0], DEK, "{paras:#?}");
        assert!(paras[1].starts_with("US Secretary of State"));
        // A description cut short ("…") still finds the printed paragraph.
        let cut = format!("{}…", &DEK[..80]);
        assert_eq!(page(DEK, &cut)[0], DEK);
        // A description the page does not print adds nothing.
        let paras = page("Sponsored: win a holiday", DEK);
        assert!(paras[0].starts_with("US Secretary of State"), "{paras:#?}");
        // Nor one the story itself holds: it is not repeated.
        let lead = "US Secretary of State Mike Pompeo suggests the US will not share intelligence with the UK";
        let paras = page("Another teaser entirely", lead);
        assert!(paras[0].starts_with("US Secretary of State"), "{paras:#?}");
        assert_eq!(
            paras
                .iter()
                .filter(|p| p.starts_with("US Secretary"))
                .count(),
            1
        );
        // Printed in the page's header band (boilerplate by name): it leads;
        // hidden there: it does not.
        let banded = |attrs: &str| {
            let html = format!(
                r#"<body><header class="article-header"><h1>Headline</h1><p{attrs}>{DEK}</p></header>
                <div class=layout><div class=text>{STORY}</div></div></body>"#
            );
            extract_with_lead(&Html::parse_document(&html), Some(DEK))
        };
        assert_eq!(banded("")[0], DEK);
        assert!(banded(" hidden")[0].starts_with("US Secretary of State"));
        // Marked as the article's description by microdata, it leads even
        // when it rewords the meta description; a picture's caption does not.
        let marked = |block: &str| {
            let html = format!(
                r#"<body><div class=hero><h1>Headline</h1>{block}</div>
                <div class=layout><div class=text>{STORY}</div></div></body>"#
            );
            extract_with_lead(
                &Html::parse_document(&html),
                Some("Something else entirely, long enough to be recognised as a description."),
            )
        };
        assert_eq!(
            marked(&format!(
                r#"<div itemprop="description"><p><strong>{DEK}</strong></p></div>"#
            ))[0],
            DEK
        );
        assert!(
            marked(&format!(r#"<figure><img src=a.jpg><figcaption itemprop="description">{DEK}</figcaption></figure>"#))[0]
                .starts_with("US Secretary of State")
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 20_000;
        let page = format!(
            "{}{}{}",
            "<div>".repeat(depth),
            STORY,
            "</div>".repeat(depth)
        );
        let paras = body(&page);
        assert!(!paras.is_empty());
    }

    #[test]
    fn a_page_without_text_has_no_body() {
        assert!(body("<html><body><nav><a href=/>Home</a></nav></body></html>").is_empty());
    }
}
