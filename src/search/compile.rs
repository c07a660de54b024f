//! From the syntax tree to a tantivy query, analysing each word with the
//! analyser of the field it is searched in, and gathering what the snippet
//! should highlight.

use std::ops::Bound;

use regex::escape;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, RegexPhraseQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, Searcher, Term};

use crate::index::Fields;
use crate::index::lang;
use crate::index::schema::{key_of, site_key};
use crate::index::words::is_cjk;
use crate::search::Filters;
use crate::search::highlight::Matcher;
use crate::search::query::{Node, Scope, WordKind};

/// Weight of a match in the headline relative to one in the body.
pub const TITLE_BOOST: f32 = 2.0;
/// Weight of a match in the author names.
pub const AUTHOR_BOOST: f32 = 1.0;
/// Weight of two words typed side by side found side by side, relative to
/// the words' own weight (the pair scores as a phrase of both words).
pub const PROXIMITY_BOOST: f32 = 1.0;
/// Words allowed between two words typed side by side for them to count as
/// found together ("Mike Pompeo" in "Mike R. Pompeo").
const PROXIMITY_SLOP: u32 = 1;

/// The compiled query and what to highlight.
pub struct Compiled {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// Terms to highlight in the headline.
    pub title: Matcher,
    /// Terms to highlight in the body.
    pub body: Matcher,
    /// Whether the query has words to rank by. Without (a lone `*`,
    /// filters, dates), every match scores alike and relevance means nothing.
    pub scores: bool,
    /// Words typed side by side, as phrases that decide no match: what they
    /// score is added to the best-ranked matches of `query` (`docs/ranking.md`).
    pub proximity: Vec<Proximity>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

/// Most distinct pairs a lone East Asian character of a query is searched
/// in, each scored as a word of its own; a character found in more (the
/// commonest, in a large corpus) is searched in all of them unscored.
const MAX_PAIRS_SCORED: usize = 512;

struct Compiler<'a> {
    index: &'a Index,
    searcher: &'a Searcher,
    fields: &'a Fields,
    title: Matcher,
    body: Matcher,
    near: Vec<Proximity>,
    /// The index's stemmed languages besides English.
    languages: Vec<StemmedLanguage>,
    /// One analyser per field, cloned from the index once per query.
    analyzers: Vec<(Field, TextAnalyzer)>,
}

/// A language the index holds articles in that has a stemmer of its own
/// ([`lang`]): a word is analysed in it too, and what differs from the
/// English analysis is searched in that language's articles only.
struct StemmedLanguage {
    /// Its [`lang`] slot: a word is marked for it to be analysed in it.
    slot: usize,
    /// Its articles (their `lang` codes).
    articles: Box<dyn Query>,
}

/// Two words typed side by side, as a phrase in one field, and the weight
/// of finding them so.
#[derive(Debug)]
pub struct Proximity {
    /// The two words, one word between them allowed.
    pub phrase: PhraseQuery,
    /// The field's weight times [`PROXIMITY_BOOST`].
    pub boost: f32,
}

/// Compiles a parsed query for the index `searcher` reads. `langs`, when not
/// empty, are the only languages searched (`--lang`).
pub fn compile(
    node: &Node,
    searcher: &Searcher,
    fields: &Fields,
    langs: &[String],
) -> tantivy::Result<Compiled> {
    let mut c = Compiler {
        index: searcher.index(),
        searcher,
        fields,
        title: Matcher::default(),
        body: Matcher::default(),
        near: Vec::new(),
        languages: languages(searcher, fields, langs)?,
        analyzers: Vec::new(),
    };
    let query = c.node(node, false)?.unwrap_or_else(|| Box::new(EmptyQuery));
    Ok(Compiled {
        query,
        title: c.title,
        body: c.body,
        scores: scores(node),
        proximity: c.near,
    })
}

/// The stemmed languages besides English that the index holds articles in
/// (of `wanted`, when it names any), by their [`lang`] slot, with the codes
/// the articles name them by.
pub(crate) fn stemmed_languages(
    searcher: &Searcher,
    fields: &Fields,
    wanted: &[String],
) -> tantivy::Result<std::collections::BTreeMap<usize, Vec<String>>> {
    let mut codes = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.lang)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            if let Ok(code) = std::str::from_utf8(terms.key()) {
                codes.insert(code.to_string());
            }
        }
    }
    let wanted: Vec<String> = wanted
        .iter()
        .map(|l| crate::ingest::lang::code_of(l))
        .collect();
    let mut by_slot: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    for code in codes {
        if !wanted.is_empty() && !wanted.contains(&code) {
            continue;
        }
        if let Some(slot) = lang::slot_of(&code) {
            by_slot.entry(slot).or_default().push(code);
        }
    }
    Ok(by_slot)
}

/// [`stemmed_languages`] with the query that finds each one's articles.
fn languages(
    searcher: &Searcher,
    fields: &Fields,
    wanted: &[String],
) -> tantivy::Result<Vec<StemmedLanguage>> {
    Ok(stemmed_languages(searcher, fields, wanted)?
        .into_iter()
        .map(|(slot, codes)| {
            let mut articles: Vec<(Occur, Box<dyn Query>)> = codes
                .iter()
                .map(|code| (Occur::Should, term_query(fields.lang, code)))
                .collect();
            StemmedLanguage {
                slot,
                articles: match articles.len() {
                    1 => articles.remove(0).1,
                    _ => Box::new(BooleanQuery::new(articles)),
                },
            }
        })
        .collect())
}

/// Whether a match of `node` is scored by words: a word or phrase outside
/// any NOT.
fn scores(node: &Node) -> bool {
    match node {
        Node::And(items) | Node::Or(items) => items.iter().any(scores),
        Node::Word { .. } | Node::Phrase { .. } => true,
        Node::Not(_) | Node::All | Node::DateRange { .. } => false,
    }
}

impl Compiler<'_> {
    /// `None` means the node matches nothing of itself and should be left out
    /// (a word made only of punctuation).
    fn node(&mut self, node: &Node, negated: bool) -> tantivy::Result<Option<Box<dyn Query>>> {
        Ok(match node {
            Node::And(items) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for item in items {
                    if let Node::Not(inner) = item {
                        if let Some(q) = self.node(inner, !negated)? {
                            clauses.push((Occur::MustNot, q));
                        }
                    } else if let Some(q) = self.node(item, negated)? {
                        clauses.push((Occur::Must, q));
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) && !clauses.is_empty() {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                if !negated {
                    self.proximity(items)?;
                }
                (!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
            }
            Node::Or(items) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for item in items {
                    if let Some(q) = self.node(item, negated)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                (!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
            }
            Node::Not(inner) => self.node(inner, !negated)?.map(|q| {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, q),
                ])) as Box<dyn Query>
            }),
            Node::Word { scope, text, kind } => self.word(*scope, text, *kind, negated)?,
            Node::Phrase { scope, text, slop } => self.phrase(*scope, text, *slop, negated)?,
            Node::All => Some(Box::new(AllQuery)),
            Node::DateRange { start, end } => {
                let bound = |d: Option<chrono::DateTime<chrono::Utc>>, inclusive: bool| match d {
                    None => Bound::Unbounded,
                    Some(d) => {
                        let term = Term::from_field_date(
                            self.fields.local_date,
                            tantivy::DateTime::from_timestamp_secs(d.timestamp()),
                        );
                        if inclusive {
                            Bound::Included(term)
                        } else {
                            Bound::Excluded(term)
                        }
                    }
                };
                Some(Box::new(RangeQuery::new(
                    bound(*start, true),
                    bound(*end, false),
                )))
            }
        })
    }

    /// The fields a scope searches, with their boosts.
    fn targets(&self, scope: Option<Scope>) -> Vec<(Field, f32)> {
        let f = self.fields;
        match scope {
            None => vec![
                (f.title, TITLE_BOOST),
                (f.body, 1.0),
                (f.author, AUTHOR_BOOST),
            ],
            Some(Scope::Title) => vec![(f.title, 1.0)],
            Some(Scope::Body) => vec![(f.body, 1.0)],
            Some(Scope::Author) => vec![(f.author, 1.0)],
            Some(Scope::Site) => vec![(f.site, 1.0)],
            Some(Scope::Lang) => vec![(f.lang, 1.0)],
            Some(Scope::Tag) => vec![(f.tags, 1.0)],
            Some(Scope::Date) => Vec::new(),
        }
    }

    fn analyzer(&mut self, field: Field) -> tantivy::Result<&mut TextAnalyzer> {
        let at = match self.analyzers.iter().position(|(f, _)| *f == field) {
            Some(at) => at,
            None => {
                let analyzer = self.index.tokenizer_for_field(field)?;
                self.analyzers.push((field, analyzer));
                self.analyzers.len() - 1
            }
        };
        Ok(&mut self.analyzers[at].1)
    }

    fn tokens(&mut self, field: Field, text: &str) -> tantivy::Result<Vec<(usize, String)>> {
        let analyzer = self.analyzer(field)?;
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        stream.process(&mut |t| out.push((t.position, t.text.clone())));
        Ok(out)
    }

    /// Records what to highlight. Words searched in the headline are also
    /// lit in the body's snippet: the snippet then shows them in context.
    fn remember(&mut self, field: Field, exact: &[String], kind: WordKind, raw: &str) {
        let matchers: Vec<&mut Matcher> = if field == self.fields.title {
            vec![&mut self.title, &mut self.body]
        } else if field == self.fields.body {
            vec![&mut self.body]
        } else {
            return;
        };
        let lone = match exact {
            [one] => lone_east_asian(one),
            _ => None,
        };
        for matcher in matchers {
            match kind {
                WordKind::Exact if lone.is_some() => matcher.chars.extend(lone),
                WordKind::Exact => matcher.exact.extend(exact.iter().cloned()),
                WordKind::Prefix => matcher.prefixes.push(key_of(raw)),
                WordKind::Fuzzy(d) => matcher.fuzzy.extend(exact.iter().map(|t| (t.clone(), d))),
            }
        }
    }

    fn word(
        &mut self,
        scope: Option<Scope>,
        text: &str,
        kind: WordKind,
        negated: bool,
    ) -> tantivy::Result<Option<Box<dyn Query>>> {
        if let Some(exact @ (Scope::Site | Scope::Lang | Scope::Tag)) = scope {
            let field = self.targets(scope)[0].0;
            let value = match exact {
                Scope::Site => site_key(text),
                Scope::Lang if kind != WordKind::Prefix => crate::ingest::lang::code_of(text),
                _ => crate::ingest::clean::collapse_whitespace(text).to_lowercase(),
            };
            return Ok(Some(match kind {
                WordKind::Prefix => Box::new(RegexQuery::from_pattern(
                    &format!("{}.*", escape(&value)),
                    field,
                )?),
                _ if exact == Scope::Site => site_query(field, &value)?,
                _ => term_query(field, &value),
            }));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in self.targets(scope) {
            let tokens = self.tokens(field, text)?;
            if tokens.is_empty() {
                continue;
            }
            let stems: Vec<String> = tokens.iter().map(|(_, t)| t.clone()).collect();
            if !negated {
                self.remember(field, &stems, kind, text);
            }
            let query: Box<dyn Query> = match kind {
                WordKind::Exact => {
                    let english = if tokens.len() == 1 {
                        self.term_or_char(field, &stems[0])?
                    } else {
                        // "covid-19" is two tokens: search them as a phrase.
                        phrase_query(field, &tokens, 0)
                    };
                    self.in_languages(field, text, &tokens, english, 0, negated)?
                }
                WordKind::Prefix => self.prefix_query(field, text, &tokens)?,
                WordKind::Fuzzy(d) => {
                    let fuzzy: Vec<(Occur, Box<dyn Query>)> = stems
                        .iter()
                        .map(|s| {
                            let q: Box<dyn Query> = Box::new(FuzzyTermQuery::new(
                                Term::from_field_text(field, s),
                                d,
                                true,
                            ));
                            (Occur::Must, q)
                        })
                        .collect();
                    Box::new(BooleanQuery::new(fuzzy))
                }
            };
            clauses.push((Occur::Should, boosted(query, boost)));
        }
        Ok(match clauses.len() {
            0 => None,
            1 => clauses.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(clauses))),
        })
    }

    /// A word or phrase searched as English analyses it (`english`, from
    /// `tokens`) and, in the articles of each other stemmed language of the
    /// index, as that language analyses it, where that differs:
    /// "Regierungen" is also the German stem "regier" in German articles.
    fn in_languages(
        &mut self,
        field: Field,
        text: &str,
        tokens: &[(usize, String)],
        english: Box<dyn Query>,
        slop: u32,
        negated: bool,
    ) -> tantivy::Result<Box<dyn Query>> {
        if field != self.fields.title && field != self.fields.body {
            return Ok(english);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, english)];
        for i in 0..self.languages.len() {
            let marked = lang::marked_in(self.languages[i].slot, text);
            let theirs = self.tokens(field, &marked)?;
            if theirs.is_empty() || theirs == tokens {
                continue;
            }
            if !negated {
                let stems: Vec<String> = theirs.iter().map(|(_, t)| t.clone()).collect();
                self.remember(field, &stems, WordKind::Exact, text);
            }
            let query = match theirs.as_slice() {
                [(_, one)] => term_query(field, one),
                _ => phrase_query(field, &theirs, slop),
            };
            let only_there: Box<dyn Query> = Box::new(ConstScoreQuery::new(
                self.languages[i].articles.box_clone(),
                0.0,
            ));
            clauses.push((
                Occur::Should,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, query),
                    (Occur::Must, only_there),
                ])),
            ));
        }
        Ok(match clauses.len() {
            1 => clauses.remove(0).1,
            _ => Box::new(BooleanQuery::new(clauses)),
        })
    }

    /// The query for one analysed term. A lone Chinese, Japanese or Korean
    /// character (猫) is a word of its own in those languages, but the index
    /// holds East Asian text in pairs (小猫, 猫咪): it is searched in every
    /// pair that holds it, and where it stands alone.
    fn term_or_char(&self, field: Field, term: &str) -> tantivy::Result<Box<dyn Query>> {
        if lone_east_asian(term).is_none() {
            return Ok(term_query(field, term));
        }
        let pattern = format!("{c}|{c}.|.{c}", c = escape(term));
        let automaton = tantivy_fst::Regex::new(&pattern)
            .map_err(|e| tantivy::TantivyError::InvalidArgument(e.to_string()))?;
        let mut terms = std::collections::BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().search(&automaton).into_stream()?;
            while stream.advance() {
                if let Ok(pair) = std::str::from_utf8(stream.key()) {
                    terms.insert(pair.to_string());
                }
                if terms.len() > MAX_PAIRS_SCORED {
                    return Ok(Box::new(RegexQuery::from_pattern(&pattern, field)?));
                }
            }
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .map(|pair| (Occur::Should, term_query(field, &pair)))
            .collect();
        Ok(match clauses.len() {
            0 => Box::new(EmptyQuery),
            _ => Box::new(BooleanQuery::new(clauses)),
        })
    }

    /// A prefix matches the word as typed and its stem ("decision*" must
    /// find the indexed stem "decis").
    fn prefix_query(
        &self,
        field: Field,
        raw: &str,
        tokens: &[(usize, String)],
    ) -> tantivy::Result<Box<dyn Query>> {
        let plain = key_of(raw);
        let plain_tokens: Vec<&str> = plain
            .split(|c: char| !c.is_alphanumeric())
            .filter(|s| !s.is_empty())
            .collect();
        if tokens.len() > 1 {
            // "covid-1*": all but the last word as a phrase, the last as a prefix.
            let mut terms: Vec<(usize, Term)> = tokens[..tokens.len() - 1]
                .iter()
                .map(|(p, t)| (*p, Term::from_field_text(field, t)))
                .collect();
            let last_pos = tokens.last().map_or(0, |(p, _)| *p);
            let last = plain_tokens.last().copied().unwrap_or_default();
            terms.push((last_pos, Term::from_field_text(field, last)));
            return Ok(Box::new(PhrasePrefixQuery::new_with_offset(terms)));
        }
        let stem = tokens.first().map_or("", |(_, t)| t.as_str());
        let word = plain_tokens.first().copied().unwrap_or(stem);
        let pattern = if stem.is_empty() || stem == word {
            format!("{}.*", escape(word))
        } else {
            format!("({}|{}).*", escape(word), escape(stem))
        };
        Ok(Box::new(RegexQuery::from_pattern(&pattern, field)?))
    }

    /// Ranks articles that hold words typed side by side also side by side
    /// above those that hold them far apart: `five eyes` puts "the Five Eyes
    /// alliance" before "five ... eyes". Each pair of neighbouring plain words
    /// of a conjunction becomes a phrase, in every field both are searched
    /// in; it adds to the score and never decides a match.
    fn proximity(&mut self, items: &[Node]) -> tantivy::Result<()> {
        for pair in items.windows(2) {
            let [
                Node::Word {
                    scope,
                    text: first,
                    kind: WordKind::Exact,
                },
                Node::Word {
                    scope: second_scope,
                    text: second,
                    kind: WordKind::Exact,
                },
            ] = pair
            else {
                continue;
            };
            if scope != second_scope
                || !matches!(
                    scope,
                    None | Some(Scope::Title | Scope::Body | Scope::Author)
                )
            {
                continue;
            }
            for (field, boost) in self.targets(*scope) {
                // As English analyses the words and, in the headline and
                // body, as each other stemmed language of the index does:
                // a German article holds "neu regier" for "neue Regierung".
                let text_field = field == self.fields.title || field == self.fields.body;
                let mut slots = vec![None];
                if text_field {
                    slots.extend(self.languages.iter().map(|l| Some(l.slot)));
                }
                let mut pairs: Vec<(String, String)> = Vec::new();
                for slot in slots {
                    let analysed = |word: &str| match slot {
                        Some(slot) => lang::marked_in(slot, word),
                        None => word.to_string(),
                    };
                    let a = self.tokens(field, &analysed(first))?;
                    let b = self.tokens(field, &analysed(second))?;
                    // One word each, not East Asian (indexed in overlapping
                    // pairs of characters, where adjacency means something else).
                    let ([(_, a)], [(_, b)]) = (a.as_slice(), b.as_slice()) else {
                        continue;
                    };
                    if a == b
                        || a.chars().chain(b.chars()).any(is_cjk)
                        || pairs.iter().any(|(x, y)| x == a && y == b)
                    {
                        continue;
                    }
                    pairs.push((a.clone(), b.clone()));
                    let terms = vec![
                        (0, Term::from_field_text(field, a)),
                        (1, Term::from_field_text(field, b)),
                    ];
                    self.near.push(Proximity {
                        phrase: PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP),
                        boost: boost * PROXIMITY_BOOST,
                    });
                }
            }
        }
        Ok(())
    }

    fn phrase(
        &mut self,
        scope: Option<Scope>,
        text: &str,
        slop: u32,
        negated: bool,
    ) -> tantivy::Result<Option<Box<dyn Query>>> {
        if matches!(scope, Some(Scope::Site | Scope::Lang | Scope::Tag)) {
            return self.word(scope, text, WordKind::Exact, negated);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in self.targets(scope) {
            let tokens = self.tokens(field, text)?;
            if tokens.is_empty() {
                continue;
            }
            if !negated {
                let stems: Vec<String> = tokens.iter().map(|(_, t)| t.clone()).collect();
                self.remember(field, &stems, WordKind::Exact, text);
            }
            let english = if tokens.len() == 1 {
                self.term_or_char(field, &tokens[0].1)?
            } else if scope == Some(Scope::Author) && slop == 0 {
                // A name, as `--author` takes one: initials may stand between its words.
                author_query(field, &tokens)
            } else {
                phrase_query(field, &tokens, slop)
            };
            let query = self.in_languages(field, text, &tokens, english, slop, negated)?;
            clauses.push((Occur::Should, boosted(query, boost)));
        }
        Ok(match clauses.len() {
            0 => None,
            1 => clauses.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(clauses))),
        })
    }
}

/// The queries that enforce `filters`, one per kind of filter set.
pub fn filters(
    filters: &Filters,
    index: &Index,
    fields: &Fields,
) -> tantivy::Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let any = |queries: Vec<Box<dyn Query>>| -> Option<Box<dyn Query>> {
        match queries.len() {
            0 => None,
            1 => queries.into_iter().next(),
            _ => Some(Box::new(BooleanQuery::new(
                queries.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))),
        }
    };
    let mut authors = Vec::new();
    for name in &filters.authors {
        let mut analyzer = index.tokenizer_for_field(fields.author)?;
        let mut stream = analyzer.token_stream(name);
        let mut tokens = Vec::new();
        stream.process(&mut |t| tokens.push((t.position, t.text.clone())));
        authors.push(author_query(fields.author, &tokens));
    }
    out.extend(any(authors));
    out.extend(any(filters
        .sites
        .iter()
        .map(|s| site_query(fields.site, &site_key(s)))
        .collect::<tantivy::Result<_>>()?));
    out.extend(any(filters
        .langs
        .iter()
        .map(|l| term_query(fields.lang, &crate::ingest::lang::code_of(l)))
        .collect()));
    if filters.since.is_some() || filters.until.is_some() {
        out.push(date_range(fields.local_date, filters.since, filters.until));
    }
    Ok(out)
}

/// Articles published in `[start, end)` on the publisher's clock (`field` is
/// the local date column).
fn date_range(
    field: Field,
    start: Option<chrono::DateTime<chrono::Utc>>,
    end: Option<chrono::DateTime<chrono::Utc>>,
) -> Box<dyn Query> {
    let term = |d: chrono::DateTime<chrono::Utc>| {
        Term::from_field_date(field, tantivy::DateTime::from_timestamp_secs(d.timestamp()))
    };
    let lower = start.map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
    let upper = end.map_or(Bound::Unbounded, |d| Bound::Excluded(term(d)));
    Box::new(RangeQuery::new(lower, upper))
}

/// The char of a term that is one East Asian char.
fn lone_east_asian(term: &str) -> Option<char> {
    let mut chars = term.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_cjk(c) => Some(c),
        _ => None,
    }
}

/// Articles from a site (`key` as [`site_key`] makes it): that host or any
/// host under it, as a search engine's `site:` reads it — `bbc.co.uk` takes
/// in `news.bbc.co.uk`, `wikinews.org` `en.wikinews.org`. A site known only
/// by its name ("bbc news") is matched whole.
fn site_query(field: Field, key: &str) -> tantivy::Result<Box<dyn Query>> {
    if key.contains('.') && !key.contains(char::is_whitespace) {
        let pattern = format!(r"(.*\.)?{}", escape(key));
        Ok(Box::new(RegexQuery::from_pattern(&pattern, field)?))
    } else {
        Ok(term_query(field, key))
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// Articles by an author named as typed, or with one or two initials
/// between two of its words: "Markus Haefliger" finds "Markus M. Haefliger",
/// "George Bush" "George H. W. Bush". An initial typed stands for any name
/// it begins: "M. Haefliger" finds "Markus Haefliger", "G. W. Bush" "George
/// W. Bush". Each author is a value of its own in the field, so words of two
/// authors never make one name.
fn author_query(field: Field, tokens: &[(usize, String)]) -> Box<dyn Query> {
    match tokens.len() {
        0 => return Box::new(EmptyQuery),
        1 => return term_query(field, &tokens[0].1),
        _ => {}
    }
    let typed_initial = tokens.iter().any(|(_, word)| is_initial(word));
    let pattern = |word: &str| {
        if is_initial(word) {
            format!("{}.*", escape(word))
        } else {
            escape(word)
        }
    };
    let mut variants = vec![if typed_initial {
        let terms = tokens.iter().map(|(pos, w)| (*pos, pattern(w))).collect();
        Box::new(RegexPhraseQuery::new_with_offset(field, terms))
    } else {
        phrase_query(field, tokens, 0)
    }];
    for gap in 1..tokens.len() {
        for initials in 1..=2 {
            let mut terms: Vec<(usize, String)> = Vec::with_capacity(tokens.len() + initials);
            for (i, (pos, word)) in tokens.iter().enumerate() {
                if i == gap {
                    terms.extend((0..initials).map(|k| (pos + k, "[a-z]".to_string())));
                }
                let shift = if i >= gap { initials } else { 0 };
                terms.push((pos + shift, pattern(word)));
            }
            variants.push(Box::new(RegexPhraseQuery::new_with_offset(field, terms)));
        }
    }
    Box::new(BooleanQuery::union(variants))
}

/// A one-letter word of a name: an initial ("M." is indexed as "m").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

fn phrase_query(field: Field, tokens: &[(usize, String)], slop: u32) -> Box<dyn Query> {
    let terms = tokens
        .iter()
        .map(|(pos, t)| (*pos, Term::from_field_text(field, t)))
        .collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}
