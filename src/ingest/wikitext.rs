//! MediaWiki markup in exported bodies (Wikinews and Wikipedia dumps): the
//! text a reader of the page sees, and the date a `{{date|…}}` template
//! gives.
//!
//! Links show their label (`[[w:Hu Jintao|Hu Jintao]]`, `{{w|Target|label}}`,
//! `[http://… label]`); files, categories and other templates are not text;
//! bold and italic quotes go. A template the export cut in two (an opening
//! `{{name|` with no close in its paragraph) loses only its opening.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use crate::ingest::date::parse_date_zoned;

/// Whether `text` is written in wiki markup: it holds a link or a template
/// naming a page (`[[Brazil]]`, `{{w|…}}`), which prose never does.
pub fn looks_like_wikitext(text: &str) -> bool {
    let pair = |open: &str, close: &str| {
        let Some(last_close) = text.rfind(close) else {
            return false;
        };
        text.match_indices(open).any(|(i, _)| {
            i + 2 < last_close
                && text[i + 2..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
        })
    };
    pair("[[", "]]") || pair("{{", "}}")
}

/// The text of a wikitext body, paragraph breaks kept, and the date of its
/// first `{{date|…}}` template.
pub fn to_text(text: &str) -> (String, Option<DateTime<FixedOffset>>) {
    let mut out = Render::default();
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.text.push_str("\n\n");
        }
        out.base = paragraph.as_ptr() as usize;
        out.closes = closes(paragraph);
        out.inline(paragraph, 0);
    }
    let paragraphs: Vec<String> = out
        .text
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !is_debris(l))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
        .collect();
    (paragraphs.join("\n\n"), out.date)
}

/// A line left holding only braces and a word: a template broken by the
/// export (`{publish}}`).
fn is_debris(line: &str) -> bool {
    let core = line.trim().trim_matches(['{', '}']);
    line.trim() != core && core.chars().all(|c| c.is_alphanumeric() || c == '-')
}

#[derive(Default)]
struct Render {
    text: String,
    date: Option<DateTime<FixedOffset>>,
    /// Address of the paragraph being read: offsets in `closes` count from it.
    base: usize,
    /// Where each `{{` and `[[` of the paragraph is closed (see [`closes`]).
    closes: HashMap<usize, usize>,
}

/// Links and templates nested deeper than this are not read (real pages
/// nest two or three; the limit keeps a hostile file from exhausting the
/// stack).
const MAX_DEPTH: usize = 16;

/// Link prefixes whose target is not shown as text.
const HIDDEN_LINKS: &[&str] = &["file", "image", "category", "media"];

impl Render {
    /// The offset, from `after`, of the close of the construct whose
    /// two-byte opening ends where `after` starts.
    fn close_of(&self, after: &str) -> Option<usize> {
        let open = after.as_ptr() as usize - 2 - self.base;
        let close = *self.closes.get(&open)?;
        Some(close - open - 2)
    }

    fn inline(&mut self, s: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let mut rest = s;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("{{") {
                match self.close_of(after) {
                    Some(end) => {
                        self.template(&after[..end], depth);
                        rest = &after[end + 2..];
                    }
                    None => {
                        // Cut by the export: drop "{{name|" and read on.
                        let name_end = after.find(['|', '}', '\n']).map_or(after.len(), |i| i + 1);
                        rest = &after[name_end..];
                    }
                }
            } else if let Some(after) = rest.strip_prefix("{|") {
                // A table (infobox or data): not running text. Without its
                // close, its first line goes.
                let end = after
                    .find("|}")
                    .map(|i| i + 2)
                    .or_else(|| after.find('\n'))
                    .unwrap_or(after.len());
                rest = &after[end..];
            } else if let Some(after) = rest.strip_prefix("[[") {
                match self.close_of(after) {
                    Some(end) => {
                        self.link(&after[..end], depth);
                        rest = &after[end + 2..];
                    }
                    None => rest = after,
                }
            } else if let Some(after) = rest.strip_prefix('[')
                && (after.starts_with("http://") || after.starts_with("https://"))
                && let Some(end) = after.find(']')
            {
                // [http://example.com label]: the label, if any.
                if let Some((_, label)) = after[..end].split_once(' ') {
                    self.inline(label, depth + 1);
                }
                rest = &after[end + 1..];
            } else if let Some(after) = rest.strip_prefix('[')
                && after.starts_with("w:")
                && let Some(end) = after[..after.find('\n').unwrap_or(after.len())].find("]]")
            {
                // A link whose first bracket the export lost ("[w:Zambia|Zambia]]").
                self.link(&after[..end], depth);
                rest = &after[end + 2..];
            } else if let Some(after) = rest.strip_prefix("]]").or_else(|| rest.strip_prefix("}}"))
            {
                // The close of a link or template whose opening was lost.
                rest = after;
            } else if let Some(after) = rest.strip_prefix("''") {
                // Bold ''' and italic '' marks.
                rest = after.trim_start_matches('\'');
            } else {
                let first = rest.chars().next().map_or(1, char::len_utf8);
                let next = rest[first..]
                    .find(['{', '[', ']', '}', '\''])
                    .map_or(rest.len(), |i| i + first);
                self.text.push_str(&rest[..next]);
                rest = &rest[next..];
            }
        }
    }

    /// `{{w|Target|label}}` shows its label (or target); `{{date|…}}` dates
    /// the article; other templates (boxes, notices) are not text.
    fn template(&mut self, inner: &str, depth: usize) {
        let args = split_args(inner);
        let name = args.first().map_or("", |n| n.trim()).to_lowercase();
        match name.as_str() {
            "w" | "wikipedia" => {
                if let Some(shown) = args.get(2).or(args.get(1)) {
                    self.inline(shown, depth + 1);
                }
            }
            "date" if self.date.is_none() => {
                self.date = args.get(1).and_then(|d| parse_date_zoned(d.trim()));
            }
            _ => {}
        }
    }

    /// `[[Target|label]]` shows its label, `[[Target]]` and `[[w:Target]]`
    /// their target; files and categories are not text.
    fn link(&mut self, inner: &str, depth: usize) {
        let args = split_args(inner);
        let target = args.first().map_or("", |t| t.trim());
        if let Some((prefix, _)) = target.split_once(':')
            && HIDDEN_LINKS.contains(&prefix.trim().to_lowercase().as_str())
        {
            return;
        }
        match args.last() {
            Some(label) if args.len() > 1 => self.inline(label, depth + 1),
            _ => {
                // An interwiki prefix (w:, wikipedia:, de:) is not shown.
                let shown = match target.split_once(':') {
                    Some((prefix, name))
                        if prefix.len() <= 9 && prefix.chars().all(|c| c.is_ascii_alphabetic()) =>
                    {
                        name
                    }
                    _ => target,
                };
                self.inline(shown, depth + 1);
            }
        }
    }
}

/// Where each `{{` and `[[` of `paragraph` is closed: the offset of its
/// `}}` or `]]`, counting nested openings of the same kind, found in one pass
/// (a search from every opening would take time growing with the square of
/// the paragraph on markup that never closes).
fn closes(paragraph: &str) -> HashMap<usize, usize> {
    let mut closes = HashMap::new();
    let (mut curly, mut square) = (Vec::new(), Vec::new());
    let bytes = paragraph.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let stack = match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') | (b'[', b'[') => {
                if bytes[i] == b'{' {
                    &mut curly
                } else {
                    &mut square
                }
                .push(i);
                i += 2;
                continue;
            }
            (b'}', b'}') => &mut curly,
            (b']', b']') => &mut square,
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some(open) = stack.pop() {
            closes.insert(open, i);
        }
        i += 2;
    }
    closes
}

/// Splits on the `|`s that are not inside a nested link or template.
fn split_args(s: &str) -> Vec<&str> {
    let mut args = Vec::new();
    let (mut depth, mut start, mut i) = (0usize, 0usize, 0usize);
    let bytes = s.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' if bytes.get(i + 1) == Some(&bytes[i]) => {
                depth += 1;
                i += 2;
                continue;
            }
            b']' | b'}' if bytes.get(i + 1) == Some(&bytes[i]) => {
                depth = depth.saturating_sub(1);
                i += 2;
                continue;
            }
            b'|' if depth == 0 => {
                args.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    args.push(&s[start..]);
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        to_text(s).0
    }

    #[test]
    fn links_show_their_labels() {
        assert_eq!(
            text(
                "{{w|Hu Jintao|Hu Jintao}}, the {{w|President of the People's Republic of China|President}} of the [[People's Republic of China]] had lunch with [[w:Luiz Inácio Lula da Silva|Lula]]."
            ),
            "Hu Jintao, the President of the People's Republic of China had lunch with Lula."
        );
        assert_eq!(text("{{w|Reuters}} said [[w:Tokyo]]"), "Reuters said Tokyo");
        assert_eq!(
            text("See [http://example.com/a the report] and [http://example.com/b]."),
            "See the report and ."
        );
    }

    #[test]
    fn files_templates_and_quote_marks_go() {
        assert_eq!(
            text(
                "{{United States infobox}}[[File:Gross-Powell.jpg|thumb|left|[[Colin Powell]] in 2004]]''The '''Tribune''' said''"
            ),
            "The Tribune said"
        );
        assert_eq!(
            text("Before.\n{| border=1\n|-\n| a || b\n|}\nAfter."),
            "Before.\n\nAfter."
        );
        assert_eq!(
            text("Lunch.\n\n{{haveyoursay}}\n{publish}}\n{{archive}}\n{{PD-Article}}"),
            "Lunch."
        );
        // Links and templates cut by the export lose their broken marks.
        assert_eq!(
            text(
                "date[w:Paul Volcker|Paul Volcker]], a former official. Rating 4]] (December 24, 2004)"
            ),
            "datePaul Volcker, a former official. Rating 4 (December 24, 2004)"
        );
        // A template cut by the export loses its opening only.
        assert_eq!(
            text(
                "{{byline|datehe ''{{w|San Gabriel Valley Tribune}}'' said that Powell often had disputes."
            ),
            "datehe San Gabriel Valley Tribune said that Powell often had disputes."
        );
    }

    #[test]
    fn the_date_template_dates_the_article() {
        let (body, date) = to_text("{{date|November 13, 2004}}\n{{Brazil}}\n\nLunch was served.");
        assert_eq!(body, "Lunch was served.");
        assert_eq!(
            date.map(|d| d.date_naive().to_string()).as_deref(),
            Some("2004-11-13")
        );
    }

    #[test]
    fn markup_that_never_closes_or_nests_deep_is_read_in_one_pass() {
        // Quadratic work or one stack frame per level would not finish here.
        let open = "{{w|[[a|".repeat(100_000);
        assert!(looks_like_wikitext(&format!("{open}]]")));
        let (body, _) = to_text(&format!("{open} text"));
        assert!(
            body.ends_with("text"),
            "{}",
            &body[body.len().saturating_sub(40)..]
        );
        let nested = format!("{}x{}", "{{w|".repeat(100_000), "}}".repeat(100_000));
        assert_eq!(text(&nested), "");
        assert!(!looks_like_wikitext(&"[[a".repeat(100_000)));
    }

    #[test]
    fn prose_is_not_taken_for_wikitext() {
        assert!(!looks_like_wikitext(
            "He said: \"We [the council] will decide.\" {Braces} stay."
        ));
        assert!(looks_like_wikitext(
            "The government of [[w:Zambia|Zambia]] has launched"
        ));
        assert!(!looks_like_wikitext(
            "Arrays like a[[0]] are rare; x{{ is not a template"
        ));
    }
}
