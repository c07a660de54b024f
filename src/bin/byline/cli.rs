//! Command-line arguments (clap derive). Doc comments are the help text.
//! Nothing here is seen by the library: `main.rs` turns these into library
//! types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const QUERY_HELP: &str = "\
Query language:
  five eyes              articles with both words (all words are required)
  huawei OR zte          either word (OR binds tighter than the implicit AND)
  huawei -germany        leave out articles with a word (also NOT germany)
  \"five eyes\"            an exact phrase;  \"five eyes\"~2 allows 2 words between
  huaw*                  words starting with huaw
  huawie~1               words within 1 edit of huawie (~2 for two edits)
  title:huawei           in the headline; also author:, body:, site:, lang:
  title:(huawei OR zte)  a group inside one field
  date:2020-01           in January 2020; date:[2020-01-01 TO 2020-02-15], date:>=2020

Exit status: 0 when something matched, 1 when nothing did, 2 on error.";

/// Full-text search for folders of news articles.
///
/// byline reads saved web pages, plain-text articles and JSON exports,
/// normalises each into title, author, date and body, and searches them with
/// ranked, highlighted results.
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
    /// Print articles as byline reads them, without indexing (to check extraction)
    Extract(ExtractArgs),
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index (folders are read recursively; hidden files are skipped)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Delete the index and build it again from PATHs
    #[arg(long)]
    pub rebuild: bool,

    /// Follow symbolic links
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// Skip files larger than this (e.g. 64M, 1G)
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Memory for the index writer (e.g. 256M)
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub memory: u64,

    /// Summary format
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to search for; several words are joined (quote a query that holds -words or
    /// "phrases", or put it after --)
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,

    /// Number of hits to show
    #[arg(short = 'n', long = "limit", default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Hits to skip before the first one shown (for paging)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Mark before each matched word (default: colour on a terminal, <b> in JSON)
    #[arg(long, value_name = "TEXT")]
    pub highlight_pre: Option<String>,

    /// Mark after each matched word (default: colour on a terminal, </b> in JSON)
    #[arg(long, value_name = "TEXT")]
    pub highlight_post: Option<String>,

    /// Snippet length in characters
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub snippet_chars: usize,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Readable text
    Text,
    /// One JSON object
    Json,
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
}
