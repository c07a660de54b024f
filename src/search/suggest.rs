//! "Did you mean": when a query finds nothing because one of its words is in
//! no article, the nearest word the index holds.
//!
//! The index holds stems ("govern" for "government"), so a misspelt word is
//! stemmed and looked up among the stems within one edit of it, two for a
//! word of nine letters or more (a Levenshtein automaton run over the term
//! dictionary, as tantivy's fuzzy queries do). A stem is not a word to show,
//! so each near stem is shown as the form of it the articles use that is
//! nearest to what was typed ("goverment" → "government", not "governed"),
//! and that form must be as near to the typed word; the nearest form wins,
//! then the commonest stem. A slip in a word's ending can leave a stem far
//! from the right one ("electoin" stems to itself, "election" to "elect"),
//! so the stems that begin the typed word's stem, or are one edit from its
//! beginning, are candidates too, and so are the stems near the word as
//! typed ("compnay" is two edits from "compani", one from "company"). A
//! suggestion is only made when it finds something.

use std::cmp::Reverse;
use std::collections::HashMap;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use regex::Regex;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{TantivyDocument, Term};

use super::compile;
use super::highlight::edit_distance;
use super::query::{self, Node, Scope, WordKind};
use super::{SearchRequest, Searcher};
use crate::error::Result;
use crate::index::lang;
use crate::index::schema::{TextAnalyzers, text_analyzer};
use crate::index::words::is_cjk;

/// Shortest word (in chars, as typed) that is corrected: shorter ones have
/// too many neighbours to guess from.
const MIN_CHARS: usize = 4;
/// Words up to this long are corrected by one edit, longer ones by two
/// (most misspellings are one edit; two let too many real words in).
const ONE_EDIT_UP_TO: usize = 8;
/// Most edits between the word as typed and a stem found near it (see
/// [`Searcher::nearest`]): three let in too many, and cost too much.
const MAX_EDITS_FROM_TYPED: u8 = 2;
/// Stems near a word whose forms are looked at.
const CANDIDATES: usize = 8;
/// Combinations of replacements tried against the index.
const MAX_TRIES: usize = 16;
/// Articles read to find the forms a stem takes.
const SAMPLE_ARTICLES: usize = 10;
/// How much shorter than a word's own stem the stems that begin it may be
/// (see [`Searcher::nearest`]).
const PREFIX_SHORTER_BY: usize = 4;

/// A Levenshtein DFA as an automaton over the term dictionary.
struct Within<'a>(&'a DFA);

impl tantivy_fst::Automaton for Within<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

impl Searcher {
    /// The request's query with each word that no article holds replaced by
    /// a near one that some do, such that the query finds something under
    /// the same filters. `None` when no word is unknown or nothing near
    /// helps.
    pub fn suggest(&self, request: &SearchRequest) -> Result<Option<String>> {
        // Filters alone: no word to respell.
        if request.query.trim().is_empty() {
            return Ok(None);
        }
        let parsed = query::parse(&request.query)?;
        let mut words = Vec::new();
        searched_words(&parsed, false, &mut words);
        // Each unknown word with its replacements, best first.
        let mut choices: Vec<(Regex, Vec<String>)> = Vec::new();
        for word in words {
            let nearest = self.nearest(&word)?;
            if nearest.is_empty() {
                continue;
            }
            let pattern = format!(r"(?i)\b{}\b", regex::escape(&word));
            if let Ok(re) = Regex::new(&pattern) {
                let nearest = nearest.iter().map(|f| in_the_case_of(f, &word)).collect();
                choices.push((re, nearest));
            }
        }
        if choices.is_empty() {
            return Ok(None);
        }
        // The best replacement of one word may not stand with the others
        // ("five eyse": "else" is commoner than "eyes"): combinations are
        // tried best first, and the first that finds something is told.
        let mut picks = vec![0usize; choices.len()];
        for _ in 0..MAX_TRIES {
            let mut suggested = request.query.clone();
            for ((re, nearest), &pick) in choices.iter().zip(&picks) {
                suggested = re
                    .replace(&suggested, regex::NoExpand(&nearest[pick]))
                    .into_owned();
            }
            let probe = SearchRequest {
                query: suggested.clone(),
                ..request.clone()
            };
            if suggested != request.query && self.count(&probe)? > 0 {
                return Ok(Some(suggested));
            }
            // The next combination, as an odometer over the choices.
            let mut i = 0;
            loop {
                let Some(pick) = picks.get_mut(i) else {
                    return Ok(None);
                };
                *pick += 1;
                if *pick < choices[i].1.len() {
                    break;
                }
                *pick = 0;
                i += 1;
            }
        }
        Ok(None)
    }

    /// The words to put for `word`, best first, if no article holds it:
    /// forms of the stems near its stem that are as near to it.
    fn nearest(&self, word: &str) -> Result<Vec<String>> {
        let fields = self.index.fields();
        let mut analyzer = text_analyzer();
        let stems = tokens(&mut analyzer, word);
        let [stem] = stems.as_slice() else {
            return Ok(Vec::new());
        };
        let chars = word.chars().count();
        if chars < MIN_CHARS || stem.chars().any(|c| c.is_ascii_digit() || is_cjk(c)) {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let held = |text: &str| -> Result<u64> {
            let in_field = |field: Field| searcher.doc_freq(&Term::from_field_text(field, text));
            Ok(in_field(fields.body)?.max(in_field(fields.title)?))
        };
        if held(stem)? > 0 {
            return Ok(Vec::new());
        }
        // Nor is a word missing that the articles of another language hold
        // in their stem of it ("Regierung", German "regier").
        for slot in compile::stemmed_languages(&searcher, fields, &[])?.into_keys() {
            let marked = lang::marked_in(slot, word);
            if let [theirs] = tokens(&mut analyzer, &marked).as_slice()
                && theirs != stem
                && held(theirs)? > 0
            {
                return Ok(Vec::new());
            }
        }
        let edits = if chars <= ONE_EDIT_UP_TO { 1 } else { 2 };
        let dfa = LevenshteinAutomatonBuilder::new(edits, true).build_dfa(stem);
        // Each stem near it: (edits, articles holding it).
        let mut near = self.terms_within(&dfa)?;
        // A slip in a word's ending can hide its stem: "electoin" stems to
        // itself, while "election" is indexed as "elect", and "inflaiton"
        // is one edit from "inflation" but three from "inflat". Stems that
        // begin the word's own are candidates too, after the near ones, and
        // then stems one edit from its beginning; the form shown must still
        // be as near to what was typed.
        let stem_chars: Vec<char> = stem.chars().collect();
        let shortest = MIN_CHARS.max(stem_chars.len().saturating_sub(PREFIX_SHORTER_BY));
        let one_edit = LevenshteinAutomatonBuilder::new(1, true);
        for len in (shortest..stem_chars.len()).rev() {
            let prefix: String = stem_chars[..len].iter().collect();
            for (term, (d, n)) in self.terms_within(&one_edit.build_dfa(&prefix))? {
                near.entry(term).or_insert((edits + 1 + d, n));
            }
        }
        // Stemming can move a misspelt word's stem away from the right
        // one's: "compnay" stems to itself, "company" to "compani", two
        // edits apart though the words are one. Stems near the word as
        // typed are candidates too, after the near ones.
        let typed = word.to_lowercase();
        let reach = (edits + 1).min(MAX_EDITS_FROM_TYPED);
        if reach > edits || typed != *stem {
            let dfa = LevenshteinAutomatonBuilder::new(reach, true).build_dfa(&typed);
            for (term, (_, n)) in self.terms_within(&dfa)? {
                near.entry(term).or_insert((edits + 1, n));
            }
        }
        // The closest first, then the commonest; each stem's nearest form
        // must itself be as near to what was typed.
        let mut near: Vec<(String, (u8, u64))> = near.into_iter().collect();
        near.sort_by(|(a, (da, na)), (b, (db, nb))| da.cmp(db).then(nb.cmp(na)).then(a.cmp(b)));
        let mut forms: Vec<(usize, Reverse<u64>, String)> = Vec::new();
        let mut analyzers = TextAnalyzers::default();
        for (stem, (_, held)) in near.into_iter().take(CANDIDATES) {
            if let Some(form) = self.form_of(&stem, &typed, &mut analyzers)? {
                let d = edit_distance(&form, &typed);
                if d <= usize::from(edits) {
                    forms.push((d, Reverse(held), form));
                }
            }
        }
        forms.sort();
        Ok(forms.into_iter().map(|(_, _, form)| form).collect())
    }

    /// The terms of the headline and body fields that `dfa` accepts, each
    /// with its distance and the articles holding it.
    fn terms_within(&self, dfa: &DFA) -> Result<HashMap<String, (u8, u64)>> {
        let fields = self.index.fields();
        let searcher = self.reader.searcher();
        let mut near: HashMap<String, (u8, u64)> = HashMap::new();
        // Headline words count too: a name may be in a headline only.
        for field in [fields.body, fields.title] {
            let mut in_field: HashMap<String, (u8, u64)> = HashMap::new();
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted
                    .terms()
                    .search(Within(dfa))
                    .into_stream()
                    .map_err(tantivy::TantivyError::from)?;
                while stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let Distance::Exact(d) = dfa.eval(term) else {
                        continue;
                    };
                    let entry = in_field.entry(term.to_string()).or_insert((d, 0));
                    entry.1 += u64::from(stream.value().doc_freq);
                }
            }
            // An article holding the word in both fields counts once, as
            // near as can be told without reading it.
            for (term, (d, n)) in in_field {
                let entry = near.entry(term).or_insert((d, 0));
                entry.1 = entry.1.max(n);
            }
        }
        Ok(near)
    }

    /// Of the forms the articles use for `stem`, the one nearest to `typed`
    /// (then the commonest).
    fn form_of(
        &self,
        stem: &str,
        typed: &str,
        analyzers: &mut TextAnalyzers,
    ) -> Result<Option<String>> {
        let fields = self.index.fields();
        let searcher = self.reader.searcher();
        let query = BooleanQuery::new(
            [fields.body, fields.title]
                .into_iter()
                .map(|field| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(field, stem),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect(),
        );
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(SAMPLE_ARTICLES).order_by_score(),
        )?;
        let mut forms: HashMap<String, usize> = HashMap::new();
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let article = self.index.article(&doc);
            // Each article as the index analysed it, in its own language.
            let analyzer = analyzers.of(article.lang.as_deref());
            for text in [&article.title, &article.body] {
                let mut stream = analyzer.token_stream(text);
                stream.process(&mut |t| {
                    if t.text == stem
                        && let Some(original) = text.get(t.offset_from..t.offset_to)
                    {
                        *forms.entry(original.to_lowercase()).or_default() += 1;
                    }
                });
            }
        }
        let typed = typed.to_lowercase();
        Ok(forms
            .into_iter()
            .min_by(|(a, na), (b, nb)| {
                edit_distance(a, &typed)
                    .cmp(&edit_distance(b, &typed))
                    .then(nb.cmp(na))
                    .then(a.cmp(b))
            })
            .map(|(form, _)| form))
    }
}

/// The words a match depends on: plain words and the words of phrases in
/// the headline, body or default fields, outside any NOT.
fn searched_words(node: &Node, negated: bool, out: &mut Vec<String>) {
    match node {
        Node::And(items) | Node::Or(items) => {
            for item in items {
                searched_words(item, negated, out);
            }
        }
        Node::Not(inner) => searched_words(inner, !negated, out),
        Node::Word {
            scope: None | Some(Scope::Title | Scope::Body),
            text,
            kind: WordKind::Exact,
        } if !negated => out.push(text.clone()),
        Node::Phrase {
            scope: None | Some(Scope::Title | Scope::Body),
            text,
            ..
        } if !negated => out.extend(text.split_whitespace().map(str::to_string)),
        _ => {}
    }
}

/// `form` (lower case) written as `typed` is: "Olympque" → "Olympique",
/// "NETANYAHOO" → "NETANYAHU".
fn in_the_case_of(form: &str, typed: &str) -> String {
    let mut letters = typed.chars().filter(|c| c.is_alphabetic());
    match letters.next() {
        Some(first) if first.is_uppercase() => {
            if typed.chars().filter(|c| c.is_alphabetic()).count() > 1
                && letters.all(char::is_uppercase)
            {
                form.to_uppercase()
            } else {
                let mut chars = form.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        }
        _ => form.to_string(),
    }
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |t| out.push(t.text.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggestion_is_written_in_the_case_of_the_typed_word() {
        assert_eq!(in_the_case_of("olympique", "Olympque"), "Olympique");
        assert_eq!(in_the_case_of("netanyahu", "NETANYAHOO"), "NETANYAHU");
        assert_eq!(in_the_case_of("pompeo", "pompoe"), "pompeo");
        assert_eq!(in_the_case_of("éxito", "Exto"), "Éxito");
    }

    #[test]
    fn words_are_gathered_outside_negations_and_exact_only() {
        let parsed =
            query::parse(r#"huwaei "five eyse" -germny title:pompoe huaw* zte~1 site:x.com"#)
                .expect("parses");
        let mut words = Vec::new();
        searched_words(&parsed, false, &mut words);
        assert_eq!(words, ["huwaei", "five", "eyse", "pompoe"]);
    }
}
