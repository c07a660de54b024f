//! The `byline` command: parses arguments, turns them into library requests,
//! prints what comes back, and maps the outcome to an exit status
//! (0 found, 1 nothing found, 2 error).

mod cli;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use clap::Parser;

use byline::index::run::{Event, IndexOptions, index_paths};
use byline::ingest::{self, Found, ReadOptions};
use byline::output::{self, Format, JsonOptions, TextOptions};
use byline::{ArticleIndex, Error, SearchRequest, Searcher};
use cli::{
    Cli, ColorWhen, Command, ExtractArgs, IndexArgs, OutputFormat, ReportFormat, SearchArgs,
};

/// How a command ended.
enum Status {
    /// Something was found / everything was read.
    Success,
    /// The search matched nothing.
    NoMatch,
    /// Some input was skipped; the rest was done.
    Partial,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::NoMatch) => ExitCode::from(1),
        Ok(Status::Partial) => ExitCode::from(2),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("byline: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<Status> {
    let color = use_color(cli.color);
    match cli.command {
        Command::Index(args) => index(index_dir(cli.index)?, args),
        Command::Search(args) => search(&index_dir(cli.index)?, args, color),
        Command::Extract(args) => extract(args),
    }
}

fn index_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    flag.or_else(byline::index::default_dir).ok_or_else(|| {
        anyhow!("no home folder to keep the index in; pass --index DIR or set BYLINE_INDEX")
    })
}

fn use_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                && io::stdout().is_terminal()
        }
    }
}

fn index(dir: PathBuf, args: IndexArgs) -> Result<Status> {
    let index = if args.rebuild {
        ArticleIndex::recreate(&dir)?
    } else {
        ArticleIndex::open_or_create(&dir)?
    };
    let options = IndexOptions {
        paths: args.paths,
        follow_links: args.follow,
        read: ReadOptions {
            max_file_size: args.max_file_size,
        },
        memory_budget: usize::try_from(args.memory)
            .unwrap_or(usize::MAX)
            .max(15 << 20),
    };
    let report = index_paths(&index, &options, |event| {
        if let Event::Skipped(skipped) = event {
            eprintln!("byline: {}: {}", skipped.path.display(), skipped.reason);
        }
    })?;
    let format = match args.format {
        ReportFormat::Text => Format::Text,
        ReportFormat::Json => Format::Json,
    };
    if !args.quiet || format == Format::Json {
        let mut out = io::stdout().lock();
        output::write_report(&mut out, &report, &dir, format)?;
        out.flush()?;
    }
    Ok(if report.skipped.is_empty() && report.partial.is_empty() {
        Status::Success
    } else {
        Status::Partial
    })
}

fn search(dir: &Path, args: SearchArgs, color: bool) -> Result<Status> {
    let index = ArticleIndex::open(dir).map_err(|e| match e {
        Error::IndexMissing { path } => anyhow!(
            "no index yet at {}; create one with `byline index FOLDER` (e.g. byline index sample-corpus)",
            path.display()
        ),
        other => other.into(),
    })?;
    let searcher = Searcher::new(&index)?;
    let request = SearchRequest {
        query: args.query.join(" "),
        limit: args.limit,
        offset: args.offset,
        snippet_chars: args.snippet_chars,
    };
    let results = searcher.search(&request)?;
    let highlight = match (args.highlight_pre, args.highlight_post) {
        (None, None) => None,
        (pre, post) => Some((pre.unwrap_or_default(), post.unwrap_or_default())),
    };
    let json = match &highlight {
        Some((pre, post)) => JsonOptions {
            pre: pre.clone(),
            post: post.clone(),
        },
        None => JsonOptions::default(),
    };
    let text = TextOptions {
        color,
        highlight,
        cwd: std::env::current_dir()
            .ok()
            .and_then(|d| d.canonicalize().ok()),
    };
    let mut out = io::stdout().lock();
    output::write_results(&mut out, &results, format_of(args.format), &text, &json)
        .context("writing results")?;
    out.flush().context("writing results")?;
    Ok(if results.total > 0 {
        Status::Success
    } else {
        Status::NoMatch
    })
}

fn extract(args: ExtractArgs) -> Result<Status> {
    let mut articles = Vec::new();
    let mut failed = false;
    let options = ReadOptions::default();
    for found in ingest::walk(&args.files, false) {
        let result = match found {
            Found::File(path) => ingest::read_file(&path, &options),
            Found::Problem(err) => Err(err),
        };
        match result {
            Ok(Some(file)) => {
                for problem in &file.problems {
                    eprintln!("byline: {}: {problem}", file.path.display());
                    failed = true;
                }
                articles.extend(file.articles);
            }
            Ok(None) => {}
            Err(err) => {
                eprintln!("byline: {err}");
                failed = true;
            }
        }
    }
    let mut out = io::stdout().lock();
    output::write_articles(&mut out, &articles, format_of(args.format))
        .context("writing articles")?;
    out.flush().context("writing articles")?;
    Ok(if failed {
        Status::Partial
    } else {
        Status::Success
    })
}

fn format_of(format: OutputFormat) -> Format {
    match format {
        OutputFormat::Text => Format::Text,
        OutputFormat::Json => Format::Json,
        OutputFormat::Jsonl => Format::Jsonl,
    }
}
