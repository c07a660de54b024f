//! The `byline` command: parses arguments, turns them into library requests,
//! prints what comes back, and maps the outcome to an exit status
//! (0 found, 1 nothing found, 2 error).

/// mimalloc returns freed memory to the system where glibc's per-thread arenas hold on to it: an
/// index run keeps parse buffers on every core, and its peak memory is what a user sees.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;

use byline::index::run::{Event, IndexOptions, index_paths};
use byline::ingest::{self, Found, ReadOptions};
use byline::output::{self, DataOptions, Format, TextOptions};
use byline::search::{Facet, Filters, Sort};
use byline::{ArticleIndex, Error, SearchRequest, Searcher};
use cli::{
    Cli, ColorWhen, Command, ExtractArgs, ExtractFormat, FacetArg, FilterArgs, IndexArgs,
    OutputFormat, ReportFormat, SearchArgs, ShowArgs, ShowFormat, SimilarArgs, SortArg, StatsArgs,
    StatsFormat,
};

/// How a command ended.
enum Status {
    /// Something was found / everything was read.
    Success,
    /// The search matched nothing.
    NoMatch,
    /// Some input was skipped or some query failed; the rest was done.
    Partial,
    /// Stopped by Ctrl-C after committing what was done.
    Interrupted,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::NoMatch) => ExitCode::from(1),
        Ok(Status::Partial) => ExitCode::from(2),
        Ok(Status::Interrupted) => ExitCode::from(130),
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
        Command::Search(args) => {
            // A batch answers its queries on every core at once, so each
            // query keeps to one thread.
            let threads = args.batch.is_some().then_some(1);
            with_searcher(cli.index, threads, |s| search(s, args, color))
        }
        Command::Show(args) => with_searcher(cli.index, None, |s| show(s, args)),
        Command::Similar(args) => with_searcher(cli.index, None, |s| similar(s, args, color)),
        Command::Stats(args) => with_searcher(cli.index, None, |s| stats(s, args, color)),
        Command::Extract(args) => extract(args),
        Command::Completions(args) => {
            // Written to a buffer first: clap_complete panics on a write
            // error, and a closed pipe is not a panic.
            let mut script = Vec::new();
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "byline", &mut script);
            io::stdout().lock().write_all(&script)?;
            Ok(Status::Success)
        }
    }
}

fn index_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    flag.or_else(byline::index::default_dir).ok_or_else(|| {
        anyhow!("no home folder to keep the index in; pass --index DIR or set BYLINE_INDEX")
    })
}

/// Runs a read-only command, then leaves its searcher to the operating
/// system: the process is about to exit, and the kernel drops the mapped index
/// files and the search threads at once, where dropping them unmaps file after
/// file (1–1.5 ms of a 10 ms search over a million articles). `threads`
/// overrides how many threads each query may use.
fn with_searcher(
    flag: Option<PathBuf>,
    threads: Option<usize>,
    command: impl FnOnce(&Searcher) -> Result<Status>,
) -> Result<Status> {
    let searcher = open_searcher(flag, threads)?;
    let status = command(&searcher);
    std::mem::forget(searcher);
    status
}

fn open_searcher(flag: Option<PathBuf>, threads: Option<usize>) -> Result<Searcher> {
    let dir = index_dir(flag)?;
    let index = ArticleIndex::open(&dir).map_err(|e| match e {
        Error::IndexMissing { path } => anyhow!(
            "no index yet at {}; create one with `byline index FOLDER` (e.g. byline index sample-corpus)",
            path.display()
        ),
        other => other.into(),
    })?;
    Ok(match threads {
        Some(n) => Searcher::with_threads(&index, n)?,
        None => Searcher::new(&index)?,
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

fn text_options(color: bool, highlight: Option<(String, String)>) -> TextOptions {
    let width = terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(80);
    TextOptions {
        color,
        highlight,
        cwd: std::env::current_dir()
            .ok()
            .and_then(|d| d.canonicalize().ok()),
        width,
    }
}

fn index(dir: PathBuf, args: IndexArgs) -> Result<Status> {
    let index = if args.rebuild {
        ArticleIndex::recreate(&dir)?
    } else {
        ArticleIndex::open_or_create(&dir)?
    };
    // Ctrl-C stops at the next file and commits what is done; a second one
    // leaves at once (the last commit stays intact).
    let interrupt = Arc::new(AtomicBool::new(false));
    {
        let flag = Arc::clone(&interrupt);
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let options = IndexOptions {
        paths: args.paths,
        follow_links: args.follow,
        read: ReadOptions {
            max_file_size: args.max_file_size,
        },
        memory_budget: usize::try_from(args.memory)
            .unwrap_or(usize::MAX)
            .max(15 << 20),
        prune: args.prune,
        wait: args.wait,
        interrupt: Some(Arc::clone(&interrupt)),
        commit_every: Duration::from_secs_f64(args.commit_every.max(0.0)),
    };
    let progress = (!args.quiet && io::stderr().is_terminal()).then(|| progress_bar(&options));
    let report = index_paths(&index, &options, |event| match event {
        Event::Skipped(skipped) => {
            let line = format!("byline: {}: {}", skipped.path.display(), skipped.reason);
            match &progress {
                Some(bar) => bar.suspend(|| eprintln!("{line}")),
                None => eprintln!("{line}"),
            }
        }
        Event::Waiting => eprintln!(
            "byline: another byline process is indexing into {}; waiting for it",
            dir.display()
        ),
        Event::File { .. } => {
            if let Some(bar) = &progress {
                bar.inc(1);
            }
        }
        Event::Committing => {
            if let Some(bar) = &progress {
                bar.set_message("committing");
            }
        }
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if report.interrupted {
        eprintln!(
            "byline: interrupted; what was indexed is committed, run the same command again to finish"
        );
    }
    let format = match args.format {
        ReportFormat::Text => Format::Text,
        ReportFormat::Json => Format::Json,
    };
    if !args.quiet || format == Format::Json {
        let mut out = io::stdout().lock();
        output::write_report(&mut out, &report, &dir, format)?;
        out.flush()?;
    }
    Ok(if report.interrupted {
        Status::Interrupted
    } else if report.skipped.is_empty() && report.partial.is_empty() {
        Status::Success
    } else {
        Status::Partial
    })
}

/// A progress bar on standard error, sized by a walk of the paths in the
/// background (so indexing starts at once).
fn progress_bar(options: &IndexOptions) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {pos}/{len} files {per_sec} eta {eta} {wide_bar} {msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(120));
    let counter = bar.clone();
    let paths = options.paths.clone();
    let follow = options.follow_links;
    std::thread::spawn(move || {
        let total = ingest::walk(&paths, follow)
            .filter(|f| matches!(f, Found::File(_)))
            .count();
        counter.set_length(total as u64);
    });
    bar
}

fn filters(args: FilterArgs) -> Filters {
    Filters {
        authors: args.author,
        since: args.since,
        until: args.until,
        sites: args.site,
        langs: args.lang,
    }
}

fn format_of(format: OutputFormat) -> Format {
    match format {
        OutputFormat::Text => Format::Text,
        OutputFormat::Json => Format::Json,
        OutputFormat::Jsonl => Format::Jsonl,
        OutputFormat::Csv => Format::Csv,
        OutputFormat::Tsv => Format::Tsv,
    }
}

fn data_options(
    format: Format,
    highlight: &Option<(String, String)>,
    fields: Vec<String>,
) -> DataOptions {
    let mut data = match (highlight, format) {
        (Some((pre, post)), _) => DataOptions {
            pre: pre.clone(),
            post: post.clone(),
            fields: Vec::new(),
        },
        (None, Format::Csv | Format::Tsv) => DataOptions::plain(),
        (None, _) => DataOptions::json(),
    };
    data.fields = fields;
    data
}

fn search(searcher: &Searcher, args: SearchArgs, color: bool) -> Result<Status> {
    let highlight = match (args.highlight_pre, args.highlight_post) {
        (None, None) => None,
        (pre, post) => Some((pre.unwrap_or_default(), post.unwrap_or_default())),
    };
    let format = format_of(args.format);
    let data = data_options(format, &highlight, args.fields);
    let template = SearchRequest {
        query: args.query.join(" "),
        filters: filters(args.filters),
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        },
        limit: args.limit,
        offset: args.offset,
        snippet_chars: args.snippet_chars,
        fold_duplicates: !args.duplicates,
    };
    if let Some(batch) = args.batch {
        return run_batch(searcher, &batch, &template, &data, args.count);
    }
    if template.query.trim().is_empty() && template.filters.is_empty() {
        bail!(
            "give a query, a filter (--author, --since, --until, --site, --lang) or --batch FILE"
        );
    }
    let mut out = io::stdout().lock();
    if args.count {
        let total = searcher.count(&template)?;
        writeln!(out, "{total}").context("writing the count")?;
        out.flush().context("writing the count")?;
        return Ok(if total > 0 {
            Status::Success
        } else {
            Status::NoMatch
        });
    }
    let mut results = searcher.search(&template)?;
    // A likely misspelling is told to a reader, and to a script that takes
    // the whole answer as one JSON object; lines and tables stay hits only.
    if results.total == 0 && matches!(format, Format::Text | Format::Json) {
        results.suggestion = searcher.suggest(&template)?;
        results.without_filters = searcher.unfiltered(&template)?;
    }
    let text = text_options(color, highlight);
    output::write_results(&mut out, &results, format, &text, &data).context("writing results")?;
    out.flush().context("writing results")?;
    Ok(if results.total > 0 {
        Status::Success
    } else {
        Status::NoMatch
    })
}

/// One query per line; the index is opened once. Queries are answered on
/// every core, a block of lines at a time, and printed in the order given.
/// Status: 2 if any query failed, else 0 if any matched, else 1.
fn run_batch(
    searcher: &Searcher,
    path: &Path,
    template: &SearchRequest,
    data: &DataOptions,
    count: bool,
) -> Result<Status> {
    use rayon::prelude::*;
    /// Queries read ahead and answered together.
    const BLOCK: usize = 256;

    let reader: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        let file = std::fs::File::open(path)
            .with_context(|| format!("{}: cannot open the batch file", path.display()))?;
        Box::new(io::BufReader::new(file))
    };
    // One answer: its JSON line, whether it matched, whether it failed.
    let answer = |query: &String| -> (Vec<u8>, bool, bool) {
        let request = SearchRequest {
            query: query.clone(),
            ..template.clone()
        };
        let outcome = if count {
            searcher.count(&request).map(|total| byline::SearchResults {
                query: request.query.clone(),
                total,
                ..byline::SearchResults::default()
            })
        } else {
            searcher.search(&request)
        };
        let (hit, error) = match &outcome {
            Ok(results) => (results.total > 0, false),
            Err(_) => (false, true),
        };
        let mut line = Vec::new();
        let outcome = outcome.as_ref().map_err(|e| e.to_string());
        // Writing to a Vec cannot fail.
        let _ = output::write_batch_line(&mut line, query, outcome, data, count);
        (line, hit, error)
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (mut any_hit, mut any_error) = (false, false);
    let mut lines = reader.lines().enumerate();
    let mut block: Vec<String> = Vec::with_capacity(BLOCK);
    let mut unreadable = None;
    loop {
        block.clear();
        for (n, line) in lines.by_ref() {
            let line = match line {
                Ok(line) => line,
                Err(e) => {
                    // Answer what came before, then report the line.
                    unreadable = Some(anyhow::Error::new(e).context(format!(
                        "{}: line {}",
                        path.display(),
                        n + 1
                    )));
                    break;
                }
            };
            let query = line.trim();
            if !query.is_empty() {
                block.push(query.to_string());
                if block.len() == BLOCK {
                    break;
                }
            }
        }
        if block.is_empty() {
            break;
        }
        let answers: Vec<(Vec<u8>, bool, bool)> = block.par_iter().map(answer).collect();
        for (line, hit, error) in answers {
            any_hit |= hit;
            any_error |= error;
            out.write_all(&line).context("writing results")?;
        }
        if unreadable.is_some() {
            break;
        }
    }
    out.flush().context("writing results")?;
    if let Some(e) = unreadable {
        return Err(e);
    }
    Ok(match (any_error, any_hit) {
        (true, _) => Status::Partial,
        (false, true) => Status::Success,
        (false, false) => Status::NoMatch,
    })
}

fn show(searcher: &Searcher, args: ShowArgs) -> Result<Status> {
    let Some(article) = searcher.article(&args.id)? else {
        bail!(
            "no article with id, URL or file {} in the index",
            args.id.trim()
        );
    };
    let format = match args.format {
        ShowFormat::Text => Format::Text,
        ShowFormat::Json => Format::Json,
    };
    let mut out = io::stdout().lock();
    output::write_article(&mut out, &article, format).context("writing the article")?;
    out.flush().context("writing the article")?;
    Ok(Status::Success)
}

fn similar(searcher: &Searcher, args: SimilarArgs, color: bool) -> Result<Status> {
    let request = SearchRequest {
        limit: args.limit,
        fold_duplicates: !args.duplicates,
        ..SearchRequest::new("")
    };
    let results = match searcher.similar(&args.id, &request)? {
        Some(results) => results,
        // A file the index does not hold (a page just saved) is read as
        // `byline extract` reads it.
        None if Path::new(args.id.trim()).is_file() => {
            let article = one_article(Path::new(args.id.trim()))?;
            let mut results = searcher.similar_to(&article, &request)?;
            results.query = format!("similar:{}", args.id.trim());
            results
        }
        None => bail!(
            "no article with id, URL or file {} in the index",
            args.id.trim()
        ),
    };
    let format = format_of(args.format);
    let data = data_options(format, &None, args.fields);
    let mut out = io::stdout().lock();
    output::write_results(
        &mut out,
        &results,
        format,
        &text_options(color, None),
        &data,
    )
    .context("writing results")?;
    out.flush().context("writing results")?;
    Ok(if results.total > 0 {
        Status::Success
    } else {
        Status::NoMatch
    })
}

/// The one article a file holds, read as `byline extract` reads it.
fn one_article(path: &Path) -> Result<byline::Article> {
    let file = ingest::read_file(path, &ReadOptions::default())?;
    let mut articles = file.map(|f| f.articles).unwrap_or_default();
    match articles.len() {
        1 => Ok(articles.remove(0)),
        0 => bail!("{}: no article found", path.display()),
        n => bail!(
            "{}: holds {n} articles; give one article's file, or an indexed article's id",
            path.display()
        ),
    }
}

fn stats(searcher: &Searcher, args: StatsArgs, color: bool) -> Result<Status> {
    let format = match args.format {
        StatsFormat::Text => Format::Text,
        StatsFormat::Json => Format::Json,
        StatsFormat::Csv => Format::Csv,
        StatsFormat::Tsv => Format::Tsv,
    };
    let request = SearchRequest {
        query: args.query.join(" "),
        filters: filters(args.filters),
        ..SearchRequest::new("")
    };
    let mut out = io::stdout().lock();
    let Some(by) = args.by else {
        if !request.query.trim().is_empty() || !request.filters.is_empty() {
            bail!("a query or filter needs --by (author, site, lang, tag, year, month or day)");
        }
        let summary = searcher.summary()?;
        output::write_summary(&mut out, &summary, format).context("writing the summary")?;
        out.flush().context("writing the summary")?;
        return Ok(Status::Success);
    };
    let facet = match by {
        FacetArg::Author => Facet::Author,
        FacetArg::Site => Facet::Site,
        FacetArg::Lang => Facet::Lang,
        FacetArg::Tag => Facet::Tag,
        FacetArg::Year => Facet::Year,
        FacetArg::Month => Facet::Month,
        FacetArg::Day => Facet::Day,
    };
    let counts = searcher.facet(&request, facet)?;
    output::write_facets(
        &mut out,
        &counts,
        format,
        &text_options(color, None),
        args.limit,
    )
    .context("writing the counts")?;
    out.flush().context("writing the counts")?;
    Ok(if counts.total > 0 {
        Status::Success
    } else {
        Status::NoMatch
    })
}

fn extract(args: ExtractArgs) -> Result<Status> {
    let format = match args.format {
        ExtractFormat::Text => Format::Text,
        ExtractFormat::Json => Format::Json,
        ExtractFormat::Jsonl => Format::Jsonl,
    };
    // JSON is one array, so it is written at the end; text and JSON Lines are
    // written as each file (or each chunk of a streamed JSON Lines file) is read,
    // so a million-line export never sits in memory.
    let mut held = Vec::new();
    let mut out = io::stdout().lock();
    let mut emit = |articles: Vec<byline::Article>| -> Result<()> {
        if format == Format::Json {
            held.extend(articles);
        } else {
            output::write_articles(&mut out, &articles, format).context("writing articles")?;
        }
        Ok(())
    };
    let mut failed = false;
    let options = ReadOptions::default();
    for found in ingest::walk(&args.files, false) {
        let path = match found {
            Found::File(path) => path,
            Found::Problem(err) => {
                eprintln!("byline: {err}");
                failed = true;
                continue;
            }
        };
        if ingest::stream::is_streamed(&path) && path.is_file() {
            let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            let mut stream = match ingest::stream::JsonLines::open(&path, &canonical) {
                Ok(stream) => stream,
                Err(err) => {
                    eprintln!("byline: {err}");
                    failed = true;
                    continue;
                }
            };
            while let Some(chunk) = stream.next_chunk() {
                for problem in &chunk.problems {
                    eprintln!("byline: {}: {problem}", path.display());
                    failed = true;
                }
                emit(chunk.articles)?;
            }
            continue;
        }
        match ingest::read_file(&path, &options) {
            Ok(Some(file)) => {
                for problem in &file.problems {
                    eprintln!("byline: {}: {problem}", file.path.display());
                    failed = true;
                }
                emit(file.articles)?;
            }
            // A file named on the command line is reported, as `index` does;
            // one found in a folder is passed over quietly.
            Ok(None) if args.files.contains(&path) => {
                eprintln!(
                    "byline: {}: {}",
                    path.display(),
                    ingest::detect::NOT_AN_ARTICLE
                );
                failed = true;
            }
            Ok(None) => {}
            Err(err) => {
                eprintln!("byline: {err}");
                failed = true;
            }
        }
    }
    if format == Format::Json {
        output::write_articles(&mut out, &held, format).context("writing articles")?;
    }
    out.flush().context("writing articles")?;
    Ok(if failed {
        Status::Partial
    } else {
        Status::Success
    })
}
