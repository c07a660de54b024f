//! Snippets: the passage of about 200 characters that best shows why an
//! article matched, with the matched words marked.
//!
//! The text is analysed with the same analyser as the index, so "decisions"
//! in the text lights up for the query word "decision"; prefix and fuzzy
//! words light up what they matched. The window holding the most distinct
//! query words wins (then the most matches, then the earliest), and it is
//! widened to a sentence start when one is near.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;
use tantivy::tokenizer::TextAnalyzer;

use crate::index::schema::key_of;
use crate::index::words::is_cjk;

/// What to highlight: analysed terms, prefixes and fuzzy terms.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Analysed (stemmed) terms.
    pub exact: HashSet<String>,
    /// Lower-cased, accent-folded prefixes.
    pub prefixes: Vec<String>,
    /// Analysed terms with their edit distance.
    pub fuzzy: Vec<(String, u8)>,
    /// East Asian characters searched on their own: lit wherever they stand,
    /// inside the pairs East Asian text is indexed in.
    pub chars: Vec<char>,
}

impl Matcher {
    /// Whether there is nothing to highlight.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
            && self.prefixes.is_empty()
            && self.fuzzy.is_empty()
            && self.chars.is_empty()
    }

    /// The part of a token (`original`, at byte `from` of the text) that a
    /// lone East Asian character of the query lights: from the first such
    /// character in it to the end of the last.
    fn chars_in(&self, original: &str, from: usize) -> Option<(Range<usize>, String)> {
        if self.chars.is_empty() {
            return None;
        }
        let mut found = original
            .char_indices()
            .filter(|(_, c)| self.chars.contains(c));
        let (first, c) = found.next()?;
        let (last, last_c) = found.next_back().unwrap_or((first, c));
        Some((from + first..from + last + last_c.len_utf8(), c.to_string()))
    }

    /// Which query term (an opaque key) a token matches, if any.
    fn term_for(&self, analysed: &str, original: &str) -> Option<String> {
        if self.exact.contains(analysed) {
            return Some(analysed.to_string());
        }
        if !self.prefixes.is_empty() {
            let plain = key_of(original);
            if let Some(p) = self
                .prefixes
                .iter()
                .find(|p| plain.starts_with(p.as_str()) || analysed.starts_with(p.as_str()))
            {
                return Some(format!("{p}*"));
            }
        }
        self.fuzzy
            .iter()
            .find(|(t, d)| edit_distance(analysed, t) <= *d as usize)
            .map(|(t, d)| format!("{t}~{d}"))
    }
}

/// Text with marked ranges (byte offsets into `text`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Highlighted {
    /// The text.
    pub text: String,
    /// Marked byte ranges, in order, not overlapping.
    pub highlights: Vec<Range<usize>>,
}

impl Highlighted {
    /// Renders the text with `pre` and `post` around each marked range.
    pub fn render(&self, pre: &str, post: &str) -> String {
        let mut out = String::with_capacity(
            self.text.len() + self.highlights.len() * (pre.len() + post.len()),
        );
        let mut last = 0;
        for r in &self.highlights {
            out.push_str(&self.text[last..r.start]);
            out.push_str(pre);
            out.push_str(&self.text[r.start..r.end]);
            out.push_str(post);
            last = r.end;
        }
        out.push_str(&self.text[last..]);
        out
    }
}

struct Hit {
    range: Range<usize>,
    term: String,
}

fn find_hits(text: &str, matcher: &Matcher, analyzer: &mut TextAnalyzer) -> Vec<Hit> {
    let mut hits = Vec::new();
    if matcher.is_empty() {
        return hits;
    }
    let mut stream = analyzer.token_stream(text);
    stream.process(&mut |t| {
        let range = t.offset_from..t.offset_to;
        let Some(original) = text.get(range.clone()) else {
            return;
        };
        let found = match matcher.term_for(&t.text, original) {
            Some(term) => Some((range, term)),
            None => matcher.chars_in(original, t.offset_from),
        };
        if let Some((range, term)) = found {
            match hits.last_mut() {
                // East Asian text is indexed in overlapping pairs (人工, 工智,
                // 智能): matched pairs that overlap mark one stretch.
                Some(last) if range.start < last.range.end => {
                    last.range.end = last.range.end.max(range.end);
                    if !last.term.ends_with(&term) {
                        last.term.push(' ');
                        last.term.push_str(&term);
                    }
                }
                _ => hits.push(Hit { range, term }),
            }
        }
    });
    hits
}

/// Marks every match in a short text (a headline), keeping all of it.
pub fn highlight_all(text: &str, matcher: &Matcher, analyzer: &mut TextAnalyzer) -> Highlighted {
    Highlighted {
        text: text.to_string(),
        highlights: find_hits(text, matcher, analyzer)
            .into_iter()
            .map(|h| h.range)
            .collect(),
    }
}

/// The best passage of about `max_chars` characters, on one line, with `…`
/// where it was cut. Without any match, the opening of the text.
pub fn snippet(
    text: &str,
    matcher: &Matcher,
    analyzer: &mut TextAnalyzer,
    max_chars: usize,
) -> Highlighted {
    let max_chars = max_chars.max(20);
    // East Asian characters take two columns each: a snippet of them holds
    // half as many, to fill the same width.
    let max_chars = if mostly_wide(text) {
        max_chars / 2
    } else {
        max_chars
    };
    let hits = find_hits(text, matcher, analyzer);
    let char_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let total_chars = char_at.len();
    let byte_to_char = |b: usize| char_at.partition_point(|&x| x < b);
    let char_to_byte = |c: usize| char_at.get(c).copied().unwrap_or(text.len());

    // Best window of hits.
    let (mut start_c, mut end_c, chosen) = if hits.is_empty() {
        (0, max_chars.min(total_chars), 0..0)
    } else {
        // The window with the most distinct terms; of those, the one where
        // most of them stand together ("Five Eyes" rather than "five ... eyes"),
        // then the one with the most matches.
        let together: Vec<bool> = hits
            .windows(2)
            .map(|w| {
                w[0].term != w[1].term && side_by_side(&text[w[0].range.end..w[1].range.start])
            })
            .collect();
        let mut best = (0usize, 0usize, 0usize, 0usize, 0usize); // (distinct, together, count, i, j)
        for i in 0..hits.len() {
            let from = byte_to_char(hits[i].range.start);
            let mut seen: Vec<&str> = Vec::new();
            let mut j = i;
            while j < hits.len() && byte_to_char(hits[j].range.end) - from <= max_chars {
                if !seen.contains(&hits[j].term.as_str()) {
                    seen.push(&hits[j].term);
                }
                j += 1;
            }
            let j = j.max(i + 1);
            let pairs = together[i..j - 1].iter().filter(|&&t| t).count();
            let candidate = (seen.len().max(1), pairs, j - i, i, j);
            if (candidate.0, candidate.1, candidate.2) > (best.0, best.1, best.2) {
                best = candidate;
            }
        }
        let (_, _, _, i, j) = best;
        let first = byte_to_char(hits[i].range.start);
        let last = byte_to_char(hits[j - 1].range.end);
        let spare = max_chars.saturating_sub(last - first);
        // Lead-in: back to a sentence start when one is close, else a third of the spare room.
        let mut start = first.saturating_sub(spare / 3);
        if let Some(sentence) = sentence_start(text, &char_at, first, spare) {
            start = sentence;
        }
        let end = (start + max_chars).max(last).min(total_chars);
        (start, end, i..j)
    };
    // Snap to word boundaries.
    if start_c > 0 {
        while start_c < total_chars && !is_boundary_before(text, &char_at, start_c) {
            start_c += 1;
        }
    }
    if end_c < total_chars {
        let min_end = chosen
            .clone()
            .last()
            .map_or(0, |k| byte_to_char(hits[k].range.end));
        let mut e = end_c;
        while e > min_end && !is_boundary_before(text, &char_at, e) {
            e -= 1;
        }
        if e > start_c {
            end_c = e;
        }
    }
    let (start_b, end_b) = (char_to_byte(start_c), char_to_byte(end_c));

    // Write the window on one line, mapping hit offsets as we go.
    let mut out = String::with_capacity(max_chars * 2);
    let mut highlights = Vec::new();
    if start_b > 0 {
        out.push('…');
    }
    let mut cursor = start_b;
    let push_plain = |out: &mut String, s: &str| {
        for c in s.chars() {
            if c.is_whitespace() {
                if !out.ends_with(' ') && !out.is_empty() && !out.ends_with('…') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
    };
    for hit in &hits {
        if hit.range.start < start_b || hit.range.end > end_b {
            continue;
        }
        push_plain(&mut out, &text[cursor..hit.range.start]);
        let from = out.len();
        out.push_str(&text[hit.range.clone()]);
        highlights.push(from..out.len());
        cursor = hit.range.end;
    }
    push_plain(&mut out, &text[cursor..end_b]);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if end_b < text.len() {
        out.push('…');
    }
    Highlighted {
        text: out,
        highlights,
    }
}

/// Whether two matches with `between` them stand together: nothing between
/// but spaces and punctuation, or one short word ("Mike R. Pompeo").
fn side_by_side(between: &str) -> bool {
    between.chars().count() <= 12
        && between
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count()
            <= 1
}

/// Whether most letters at the start of `text` are East Asian (wide).
fn mostly_wide(text: &str) -> bool {
    let (mut wide, mut narrow) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphanumeric()).take(400) {
        if is_cjk(c) {
            wide += 1;
        } else {
            narrow += 1;
        }
    }
    wide > narrow
}

/// A word starts at char `c` (the char before it is white space or punctuation).
fn is_boundary_before(text: &str, char_at: &[usize], c: usize) -> bool {
    let prev = text[..char_at[c]].chars().next_back();
    let cur = text[char_at[c]..].chars().next();
    match (prev, cur) {
        // East Asian text has no spaces: each of its chars may start a word.
        (Some(p), Some(n)) => {
            p.is_whitespace()
                || (!p.is_alphanumeric() && !n.is_alphanumeric())
                || is_cjk(p)
                || is_cjk(n)
        }
        _ => true,
    }
}

/// The start of the sentence holding char `first`, if it lies within `room` chars.
fn sentence_start(text: &str, char_at: &[usize], first: usize, room: usize) -> Option<usize> {
    let lowest = first.saturating_sub(room);
    let mut c = first;
    while c > lowest {
        let before = &text[..char_at[c]];
        let trimmed = before.trim_end();
        if trimmed.len() < before.len() {
            // White space before c: is it after a sentence end or a paragraph break?
            if trimmed.is_empty()
                || before[trimmed.len()..].contains('\n')
                || trimmed.ends_with(['.', '!', '?', '"', '”', '»', '。'])
            {
                return Some(c);
            }
        }
        c -= 1;
    }
    (lowest == 0).then_some(0)
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions).
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > 2 {
        return n.abs_diff(m);
    }
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::text_analyzer;

    fn matcher(words: &[&str]) -> Matcher {
        let mut analyzer = text_analyzer();
        let mut m = Matcher::default();
        for w in words {
            let mut s = analyzer.token_stream(w);
            s.process(&mut |t| {
                m.exact.insert(t.text.clone());
            });
        }
        m
    }

    const TEXT: &str = "US Secretary of State Mike Pompeo suggests the US will not share intelligence.\n\n\
        Many other sentences follow here about networks and suppliers and the wider market for telecoms equipment in Europe.\n\n\
        \"Could it affect the Five Eyes arrangement?\" asked Iain, referring to the intelligence treaty, \"would you withhold intelligence from Britain?\"\n\n\
        \"We would certainly never put American information in a place that we don't deem it safe,\" he said.";

    #[test]
    fn window_holds_both_phrase_words_and_starts_at_a_sentence() {
        let s = snippet(TEXT, &matcher(&["five", "eyes"]), &mut text_analyzer(), 200);
        assert_eq!(s.render("[", "]").matches('[').count(), 2, "{}", s.text);
        assert!(s.render("[", "]").contains("[Five] [Eyes]"));
        assert!(s.text.starts_with("…\"Could it affect"), "{}", s.text);
        assert!(s.text.chars().count() <= 205, "{}", s.text.chars().count());
        assert!(!s.text.contains('\n'));
    }

    #[test]
    fn the_passage_where_the_words_stand_together_wins() {
        let text = "Five of the seven ministers met. Their eyes were on the budget, and five more \
            questions about eyes followed.\n\nLater the talk turned to the Five Eyes alliance.";
        let s = snippet(text, &matcher(&["five", "eyes"]), &mut text_analyzer(), 60);
        assert!(s.render("[", "]").contains("[Five] [Eyes]"), "{}", s.text);
    }

    #[test]
    fn stemmed_forms_are_highlighted() {
        let s = snippet(
            "The decisions were made. A decision.",
            &matcher(&["decision"]),
            &mut text_analyzer(),
            200,
        );
        assert_eq!(
            s.render("<", ">"),
            "The <decisions> were made. A <decision>."
        );
    }

    #[test]
    fn no_match_gives_the_opening() {
        let s = snippet(TEXT, &Matcher::default(), &mut text_analyzer(), 60);
        assert!(s.text.starts_with("US Secretary of State"));
        assert!(s.text.ends_with('…'));
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn prefixes_and_fuzzy_terms_light_up() {
        let m = Matcher {
            prefixes: vec!["intel".into()],
            fuzzy: vec![("pompeo".into(), 1)],
            ..Matcher::default()
        };
        let s = snippet(
            "Pompeo shared intelligence, Pompei did not.",
            &m,
            &mut text_analyzer(),
            200,
        );
        assert_eq!(
            s.render("<", ">"),
            "<Pompeo> shared <intelligence>, <Pompei> did not."
        );
    }

    #[test]
    fn osa_distance() {
        assert_eq!(edit_distance("huawie", "huawei"), 1);
        assert_eq!(edit_distance("huawei", "huawei"), 0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn a_word_inside_unspaced_east_asian_text_is_found_and_marked_once() {
        let text = "谷歌公司的研究团队周三表示。".repeat(20)
            + "DeepMind新电脑已可利用记忆自学，人工智能迈上新台阶。"
            + &"这项研究发表在自然杂志上。".repeat(20);
        let s = snippet(&text, &matcher(&["人工智能"]), &mut text_analyzer(), 60);
        let rendered = s.render("<", ">");
        // The overlapping pairs 人工, 工智, 智能 light up as one word, and the
        // window is not pushed past it looking for a space to start at.
        assert!(rendered.contains("<人工智能>迈上"), "{rendered}");
        assert_eq!(s.highlights.len(), 1, "{rendered}");
        // Half as many wide chars fill the width of 60 narrow ones.
        assert!(s.text.chars().count() <= 32, "{rendered}");
    }

    #[test]
    fn a_lone_east_asian_character_is_lit_inside_the_pairs_that_hold_it() {
        let text = "东京和北京都是首都。京京";
        let m = Matcher {
            chars: vec!['京'],
            ..Matcher::default()
        };
        let s = highlight_all(text, &m, &mut text_analyzer());
        // Only the character, not the pair (东京) it was found in; the two
        // pairs that hold one 京 (北京, 京都) light it once, and 京京 is one mark.
        assert_eq!(s.render("<", ">"), "东<京>和北<京>都是首都。<京京>");
    }

    #[test]
    fn multibyte_text_is_cut_on_char_boundaries() {
        let text = "日本語のテキスト。".repeat(40) + " Huawei " + &"続きの文章です。".repeat(40);
        let s = snippet(&text, &matcher(&["huawei"]), &mut text_analyzer(), 50);
        assert!(s.render("<", ">").contains("<Huawei>"));
    }
}
