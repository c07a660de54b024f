//! Command-line arguments (clap derive). Doc comments are the help text.
//! Nothing here is seen by the library: `main.rs` turns these into library
//! types.

use std::path::PathBuf;

use byline::output::HIT_FIELDS;
use chrono::{DateTime, Utc};
use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

const QUERY_HELP: &str = "\
Query language:
  five eyes              articles with both words (all words are required)
  huawei OR zte          either word (OR binds tighter than the implicit AND)
  huawei -germany        leave out articles with a word (also NOT germany)
  \"five eyes\"            an exact phrase;  \"five eyes\"~2 allows 2 words between
  huaw*                  words starting with huaw
  huawie~1               words within 1 edit of huawie (~2 for two edits)
  title:huawei           in the headline; also author:, body:, site:, lang:, tag:
  author:\"fiona jones\"   an author (case and accents do not matter)
  title:(huawei OR zte)  a group inside one field
  date:2020-01           in January 2020; date:[2020-01-01 TO 2020-02-15], date:>=2020

Examples:
  byline search huawei --since 2020-01 --author \"Fiona Jones\"
  byline search '\"five eyes\" -germany' --sort newest --format json
  byline search --batch queries.txt --since 1987-03 > results.jsonl

Quote a query that holds \"phrases\" or -words, or put it after --.
Exit status: 0 when something matched, 1 when nothing did, 2 on error.";

/// Full-text search for folders of news articles.
///
/// byline reads saved web pages, plain-text articles, JSON and CSV exports and
/// newswire archives, normalises each article into title, author, date and
/// body, and searches them with ranked, highlighted results.
#[derive(Debug, Parser)]
#[command(name = "byline", version, about, long_about = None)]
#[command(after_help = "Start with: byline index FOLDER, then: byline search WORDS")]
pub struct Cli {
    /// Index folder (default: the per-user data folder, e.g. ~/.local/share/byline/index)
    #[arg(long, global = true, env = "BYLINE_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to use colours
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read files and folders of articles into the index
    Index(IndexArgs),
    /// Search the index
    #[command(after_help = QUERY_HELP)]
    Search(SearchArgs),
    /// Print one indexed article in full
    Show(ShowArgs),
    /// List the articles most like one article
    Similar(SimilarArgs),
    /// Count matching articles by author, site, language, tag or time; without
    /// --by, summarise the index
    #[command(
        after_help = "Examples:\n  byline stats\n  byline stats huawei --by month\n  byline stats --by author --since 2020"
    )]
    Stats(StatsArgs),
    /// Print articles as byline reads them, without indexing (to check extraction)
    Extract(ExtractArgs),
    /// Print a completion script for a shell
    #[command(after_help = "Install it where the shell looks, e.g.:
  byline completions bash > ~/.local/share/bash-completion/completions/byline
  byline completions zsh > ~/.zfunc/_byline    (with fpath+=~/.zfunc before compinit)
  byline completions fish > ~/.config/fish/completions/byline.fish")]
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index (folders are read recursively; hidden files are skipped)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Delete the index and build it again from PATHs
    #[arg(long)]
    pub rebuild: bool,

    /// Remove articles whose files are gone from under PATHs
    #[arg(long)]
    pub prune: bool,

    /// Wait for another byline process that is indexing to finish, instead of failing
    #[arg(long)]
    pub wait: bool,

    /// Commit at least every SECONDS, so that a long run's progress survives a crash
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    pub commit_every: f64,

    /// Follow symbolic links
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// Skip files larger than this (e.g. 64M, 1G)
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Memory for the index writer (e.g. 512M)
    // Keep in step with byline::index::DEFAULT_MEMORY_BUDGET.
    #[arg(long, value_name = "SIZE", default_value = "224M", value_parser = parse_size)]
    pub memory: u64,

    /// Summary format
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Print nothing but errors (no progress bar, no summary)
    #[arg(short, long)]
    pub quiet: bool,
}

/// Restrictions shared by search and stats.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only articles by this author (repeat for any of several; case and accents do not matter;
    /// "M. Haefliger" finds "Markus Haefliger")
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,

    /// Only articles published on or after this date: 2020, 2020-01, 2020-01-30 or RFC 3339, or a
    /// span back from now: 30d, 2weeks, 6months, 1y
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<DateTime<Utc>>,

    /// Only articles published on or before this date (the whole year, month or day given), or
    /// before a span back from now (1y: more than a year ago)
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<DateTime<Utc>>,

    /// Only articles from this site and its subdomains, e.g. bbc.co.uk (news.bbc.co.uk too; repeat
    /// for any of several)
    #[arg(long, value_name = "SITE")]
    pub site: Vec<String>,

    /// Only articles in this language: a code, a tag or a name (en, de-DE, German; repeat for any of
    /// several)
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to search for; several words are joined. May be left out when filters are given.
    #[arg(value_name = "QUERY", num_args = 0..)]
    pub query: Vec<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Order of hits
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Number of hits to show
    #[arg(short = 'n', long = "limit", default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Hits to skip before the first one shown (for paging)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Hit fields to print in json, jsonl, csv and tsv, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "FIELDS", value_parser = PossibleValuesParser::new(HIT_FIELDS))]
    pub fields: Vec<String>,

    /// Print only the number of matching articles
    #[arg(long)]
    pub count: bool,

    /// Run one query per line of FILE (- for standard input) and print JSON Lines
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub batch: Option<PathBuf>,

    /// Mark before each matched word (default: colour on a terminal, <b> in JSON)
    #[arg(long, value_name = "TEXT")]
    pub highlight_pre: Option<String>,

    /// Mark after each matched word (default: colour on a terminal, </b> in JSON)
    #[arg(long, value_name = "TEXT")]
    pub highlight_post: Option<String>,

    /// Snippet length in characters
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub snippet_chars: usize,

    /// Show copies of one story as hits of their own (by default a story filed again or
    /// saved twice is one hit, its other copies named under it)
    #[arg(long)]
    pub duplicates: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id, as printed in search results, its URL, or the file it was read from (when that gave one article)
    #[arg(value_name = "ID|URL|FILE")]
    pub id: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// Article id, as printed in search results, its URL, or a file of one article (indexed or not)
    #[arg(value_name = "ID|URL|FILE")]
    pub id: String,

    /// Number of articles to list
    #[arg(short = 'n', long = "limit", default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Hit fields to print in json, jsonl, csv and tsv, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "FIELDS", value_parser = PossibleValuesParser::new(HIT_FIELDS))]
    pub fields: Vec<String>,

    /// Show copies of one story as articles of their own (by default they are named under
    /// the first)
    #[arg(long)]
    pub duplicates: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Count only articles matching this query (default: all)
    #[arg(value_name = "QUERY", num_args = 0..)]
    pub query: Vec<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// What to count by; without it, print the index summary
    #[arg(long, value_enum)]
    pub by: Option<FacetArg>,

    /// Output format
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,

    /// Rows to show in a text table of authors, sites, languages or tags
    #[arg(short = 'n', long = "limit", default_value_t = 20, value_name = "N")]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable text
    Text,
    /// One JSON document
    Json,
    /// One JSON object per line
    Jsonl,
    /// Comma-separated values with a header row
    Csv,
    /// Tab-separated values with a header row
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Readable text
    Text,
    /// One JSON array
    Json,
    /// One JSON object per line
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Readable text
    Text,
    /// One JSON object
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// A table, or a histogram for time
    Text,
    /// One JSON object
    Json,
    /// Comma-separated values with a header row
    Csv,
    /// Tab-separated values with a header row
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Readable text
    Text,
    /// One JSON object
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first (newest first when the query has no words to rank by)
    Relevance,
    /// Latest first (undated last)
    Newest,
    /// Earliest first (undated last)
    Oldest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FacetArg {
    /// Each author
    Author,
    /// Site
    Site,
    /// Language
    Lang,
    /// Tag (topic, place, keyword)
    Tag,
    /// Year of publication (a timeline)
    Year,
    /// Month of publication (a timeline)
    Month,
    /// Day of publication (a timeline)
    Day,
}

const DATE_FORMS: &str = "use 2020, 2020-01, 2020-01-30, RFC 3339, or a span back from now such as 30d, 2weeks or 6months";

fn parse_since(s: &str) -> Result<DateTime<Utc>, String> {
    parse_bound(s, false)
}

fn parse_until(s: &str) -> Result<DateTime<Utc>, String> {
    parse_bound(s, true)
}

/// A date's first moment (or, for `end`, the moment after its last), or the
/// moment a span such as "30d" or "2weeks" back from now.
fn parse_bound(s: &str, end: bool) -> Result<DateTime<Utc>, String> {
    if let Some((first, after)) = byline::search::query::date_span(s) {
        return Ok(if end { after } else { first });
    }
    humantime::parse_duration(s.trim())
        .ok()
        .and_then(|ago| chrono::Duration::from_std(ago).ok())
        .and_then(|ago| Utc::now().checked_sub_signed(ago))
        .ok_or_else(|| format!("not a date: {DATE_FORMS}"))
}

/// `"64M"` → 67108864. Accepts B, K/KB/KiB, M, G, T (powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("'{s}' is not a size such as 512K, 64M or 1G"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        other => return Err(format!("unknown size unit '{other}' (use K, M, G or T)")),
    };
    Ok((number * factor as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1.5k"), Ok(1536));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5X").is_err());
    }

    #[test]
    fn since_and_until_cover_whole_periods() {
        assert_eq!(
            parse_since("2020-01").map(|d| d.to_rfc3339()),
            Ok("2020-01-01T00:00:00+00:00".into())
        );
        assert_eq!(
            parse_until("2020-01").map(|d| d.to_rfc3339()),
            Ok("2020-02-01T00:00:00+00:00".into())
        );
        assert!(parse_since("January").is_err());
    }
}
