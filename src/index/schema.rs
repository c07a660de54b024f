//! The index layout: one struct of tantivy [`Field`]s built once, and the
//! analysers the text fields use.

use tantivy::Index;

use super::lang::{self, LangTokenizer};
use super::stem::MemoStemmer;
use super::words::WordTokenizer;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer,
    TextAnalyzer, TextAnalyzerBuilder, TokenFilter, Tokenizer,
};

/// The on-disk layout version. Bump it whenever [`Fields::schema`] or an
/// analyser changes so an old index is refused with a clear message instead
/// of answering wrongly.
pub const FORMAT_VERSION: u32 = 7;

/// Analyser for headline and body: words, lower-cased, accents folded, stemmed
/// in the article's language ([`super::lang`]).
pub const TEXT_ANALYZER: &str = "byline_text";
/// Analyser for author names in free text: words, lower-cased, accents folded.
pub const NAME_ANALYZER: &str = "byline_name";

/// Field names, as stored in the schema.
pub mod names {
    /// Stable article id.
    pub const ID: &str = "id";
    /// Source file.
    pub const PATH: &str = "path";
    /// Headline.
    pub const TITLE: &str = "title";
    /// Author names (one value per author), searchable by word.
    pub const AUTHOR: &str = "author";
    /// Author names exactly as written, for counting by author.
    pub const AUTHOR_EXACT: &str = "author_exact";
    /// Publication date.
    pub const DATE: &str = "date";
    /// The UTC offset the source stated with the date, in seconds (stored
    /// only when it stated one other than UTC).
    pub const UTC_OFFSET: &str = "utc_offset";
    /// The publication time on the publisher's clock (the UTC date moved by
    /// the stated offset): what date filters and counts by period read, so
    /// that an article printed on 15 January counts on 15 January.
    pub const LOCAL_DATE: &str = "local_date";
    /// Body text.
    pub const BODY: &str = "body";
    /// Canonical URL.
    pub const URL: &str = "url";
    /// Site.
    pub const SITE: &str = "site";
    /// Language.
    pub const LANG: &str = "lang";
    /// Tags (topics, places, keywords).
    pub const TAGS: &str = "tags";
    /// The article's position in its file.
    pub const ORDINAL: &str = "ordinal";
    /// Size of the source file when it was read, in bytes.
    pub const FILE_SIZE: &str = "file_size";
    /// Modification time of the source file when it was read (ns since the epoch).
    pub const FILE_MTIME: &str = "file_mtime";
    /// Hash of the source file's bytes.
    pub const FILE_HASH: &str = "file_hash";
    /// [`crate::ingest::READER_VERSION`] of the code that read the file.
    pub const READER: &str = "reader";
    /// Hash identifying the article's content (canonical URL, or title and body).
    pub const DEDUP: &str = "dedup";
    /// The article's near-duplicate sketch ([`crate::index::sketch`]).
    pub const SKETCH: &str = "sketch";
}

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// See [`names::ID`].
    pub id: Field,
    /// See [`names::PATH`].
    pub path: Field,
    /// See [`names::TITLE`].
    pub title: Field,
    /// See [`names::AUTHOR`].
    pub author: Field,
    /// See [`names::AUTHOR_EXACT`].
    pub author_exact: Field,
    /// See [`names::DATE`].
    pub date: Field,
    /// See [`names::UTC_OFFSET`].
    pub utc_offset: Field,
    /// See [`names::LOCAL_DATE`].
    pub local_date: Field,
    /// See [`names::BODY`].
    pub body: Field,
    /// See [`names::URL`].
    pub url: Field,
    /// See [`names::SITE`].
    pub site: Field,
    /// See [`names::LANG`].
    pub lang: Field,
    /// See [`names::TAGS`].
    pub tags: Field,
    /// See [`names::ORDINAL`].
    pub ordinal: Field,
    /// See [`names::FILE_SIZE`].
    pub file_size: Field,
    /// See [`names::FILE_MTIME`].
    pub file_mtime: Field,
    /// See [`names::FILE_HASH`].
    pub file_hash: Field,
    /// See [`names::READER`].
    pub reader: Field,
    /// See [`names::DEDUP`].
    pub dedup: Field,
    /// See [`names::SKETCH`].
    pub sketch: Field,
}

impl Fields {
    /// Builds the schema and the field handles.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = |analyzer: &str, stored: bool| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let options = TextOptions::default().set_indexing_options(indexing);
            if stored {
                options.set_stored()
            } else {
                options
            }
        };
        let fields = Fields {
            id: b.add_text_field(names::ID, STRING | STORED),
            path: b.add_text_field(names::PATH, STRING | STORED | FAST),
            title: b.add_text_field(names::TITLE, text(TEXT_ANALYZER, true)),
            author: b.add_text_field(names::AUTHOR, text(NAME_ANALYZER, true)),
            author_exact: b.add_text_field(names::AUTHOR_EXACT, STRING | FAST),
            // A fast field, not indexed: every date query is a range, and
            // tantivy answers ranges on fast fields from the column. Indexing
            // it would add a term for nearly every article (format 1 did).
            date: b.add_date_field(
                names::DATE,
                DateOptions::default()
                    .set_stored()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            utc_offset: b.add_i64_field(names::UTC_OFFSET, STORED),
            local_date: b.add_date_field(
                names::LOCAL_DATE,
                DateOptions::default()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            body: b.add_text_field(names::BODY, text(TEXT_ANALYZER, true)),
            url: b.add_text_field(names::URL, STRING | STORED),
            site: b.add_text_field(names::SITE, STRING | STORED | FAST),
            lang: b.add_text_field(names::LANG, STRING | STORED | FAST),
            tags: b.add_text_field(names::TAGS, STRING | STORED | FAST),
            ordinal: b.add_u64_field(names::ORDINAL, STORED),
            file_size: b.add_u64_field(names::FILE_SIZE, FAST),
            file_mtime: b.add_u64_field(names::FILE_MTIME, FAST),
            file_hash: b.add_u64_field(names::FILE_HASH, FAST),
            reader: b.add_u64_field(names::READER, FAST),
            // A fast field only: duplicates are looked up from the column
            // (`state::DuplicateFinder`), not through a term per article.
            dedup: b.add_u64_field(names::DEDUP, FAST),
            // Read from the column for the hits a search ranks, to fold
            // copies of one story; never searched.
            sketch: b.add_bytes_field(names::SKETCH, FAST),
        };
        (b.build(), fields)
    }

    /// Looks the fields up in an opened index's schema.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f(names::ID)?,
            path: f(names::PATH)?,
            title: f(names::TITLE)?,
            author: f(names::AUTHOR)?,
            author_exact: f(names::AUTHOR_EXACT)?,
            date: f(names::DATE)?,
            utc_offset: f(names::UTC_OFFSET)?,
            local_date: f(names::LOCAL_DATE)?,
            body: f(names::BODY)?,
            url: f(names::URL)?,
            site: f(names::SITE)?,
            lang: f(names::LANG)?,
            tags: f(names::TAGS)?,
            ordinal: f(names::ORDINAL)?,
            file_size: f(names::FILE_SIZE)?,
            file_mtime: f(names::FILE_MTIME)?,
            file_hash: f(names::FILE_HASH)?,
            reader: f(names::READER)?,
            dedup: f(names::DEDUP)?,
            sketch: f(names::SKETCH)?,
        })
    }
}

/// Registers byline's analysers on an index (needed on every open).
pub fn register_analyzers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(TEXT_ANALYZER, text_analyzer());
    tokenizers.register(NAME_ANALYZER, name_analyzer());
}

/// Words (East Asian text in pairs of characters, [`super::words`]),
/// lower-cased and accent-folded: what every text analyser starts with.
fn words() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

/// The author analyser: words, lower-cased and accent-folded, not stemmed.
pub fn name_analyzer() -> TextAnalyzer {
    words().build()
}

/// The headline/body analyser on its own: English, or the language a text's
/// mark names ([`super::lang`]).
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(LangTokenizer::new(stemmed_words))
}

/// The headline/body analysers for unmarked text (articles read back, to
/// build their snippets), one per language, each built when first needed.
#[derive(Default)]
pub struct TextAnalyzers {
    by_slot: Vec<(usize, TextAnalyzer)>,
}

impl std::fmt::Debug for TextAnalyzers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let slots: Vec<usize> = self.by_slot.iter().map(|(s, _)| *s).collect();
        f.debug_struct("TextAnalyzers")
            .field("slots", &slots)
            .finish()
    }
}

impl TextAnalyzers {
    /// The analyser for text in `lang` (English when unknown).
    pub fn of(&mut self, lang: Option<&str>) -> &mut TextAnalyzer {
        let slot = lang.and_then(lang::slot_of).unwrap_or(0);
        let at = match self.by_slot.iter().position(|(s, _)| *s == slot) {
            Some(at) => at,
            None => {
                let analyzer = TextAnalyzer::from(stemmed_words(lang::language(slot)));
                self.by_slot.push((slot, analyzer));
                self.by_slot.len() - 1
            }
        };
        &mut self.by_slot[at].1
    }
}

/// The chain of [`words`] and a memoising stemmer for `language`, as one
/// tokenizer type whatever the language.
fn stemmed_words(language: Language) -> impl Tokenizer {
    let words = RemoveLongFilter::limit(40).transform(WordTokenizer::default());
    let words = AsciiFoldingFilter.transform(LowerCaser.transform(words));
    MemoStemmer::new(language).transform(words)
}

/// [`text_analyzer`] with tantivy's own stemmer: the same tokens, with every
/// word stemmed afresh. The benchmark baseline indexes with it, so that byline
/// is measured against tantivy as it comes.
pub fn stock_text_analyzer() -> TextAnalyzer {
    words().filter(Stemmer::new(Language::English)).build()
}

/// The whole value as one lower-cased, accent-folded token.
fn key_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Lower-cases and folds accents: `"Frédéric  Müller"` → `"frederic muller"`.
pub fn key_of(value: &str) -> String {
    let collapsed = crate::ingest::clean::collapse_whitespace(value);
    let mut analyzer = key_analyzer();
    let mut stream = analyzer.token_stream(&collapsed);
    let mut out = String::new();
    stream.process(&mut |t| out.push_str(&t.text));
    out
}

/// The site key stored and searched: a host without `www.` (taken from a
/// URL if one is given), or a site name, lower-cased.
pub fn site_key(value: &str) -> String {
    let value = value.trim();
    crate::article::site_from_url(value)
        .unwrap_or_else(|| crate::ingest::clean::collapse_whitespace(value).to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_keys_come_from_hosts_or_urls() {
        assert_eq!(site_key("www.LBC.co.uk"), "lbc.co.uk");
        assert_eq!(site_key("https://www.lbc.co.uk/news/x"), "lbc.co.uk");
        assert_eq!(site_key("Example News"), "example news");
    }

    #[test]
    fn the_index_analyser_makes_tantivys_tokens() {
        let text = include_str!("../../sample-corpus/text/000_abee573b57598475.txt");
        let tokens = |mut analyzer: TextAnalyzer| {
            let mut out = Vec::new();
            // Twice over, so that the second pass comes from the memo.
            for _ in 0..2 {
                analyzer
                    .token_stream(text)
                    .process(&mut |t| out.push(t.clone()));
            }
            out
        };
        let ours = tokens(text_analyzer());
        assert!(ours.len() > 1000, "{} tokens", ours.len());
        assert_eq!(ours, tokens(stock_text_analyzer()));
    }

    #[test]
    fn a_marked_text_is_stemmed_in_its_language() {
        let stems = |analyzer: &mut TextAnalyzer, text: &str| {
            let mut out = Vec::new();
            analyzer
                .token_stream(text)
                .process(&mut |t| out.push(t.text.clone()));
            out
        };
        let mut analyzer = text_analyzer();
        let text = "Die Regierungen, Wahlen";
        assert_eq!(stems(&mut analyzer, text), ["die", "regierungen", "wahlen"]);
        let german = lang::marked(text, Some("de"));
        assert_eq!(stems(&mut analyzer, &german), ["die", "regier", "wahl"]);
        // The same analyser goes back to English for the next unmarked text.
        assert_eq!(stems(&mut analyzer, "governments"), ["govern"]);
        // Read back, the text is analysed by its language without the mark,
        // with offsets into the text itself.
        let mut analyzers = TextAnalyzers::default();
        let mut offsets = Vec::new();
        analyzers
            .of(Some("de"))
            .token_stream(text)
            .process(&mut |t| offsets.push((t.text.clone(), t.offset_from)));
        assert_eq!(offsets[1], ("regier".to_string(), 4));
        assert_eq!(stems(analyzers.of(None), text)[1], "regierungen");
    }

    #[test]
    fn keys_fold_case_and_accents() {
        assert_eq!(key_of("  Frédéric   Müller "), "frederic muller");
    }

    #[test]
    fn schema_round_trips_through_field_lookup() {
        let (schema, fields) = Fields::schema();
        let again = Fields::from_schema(&schema).expect("all fields present");
        assert_eq!(fields.body, again.body);
        assert_eq!(fields.lang, again.lang);
    }
}
