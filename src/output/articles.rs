//! Whole articles: `byline extract` and `byline show`.

use std::io::{self, Write};

use super::Format;
use crate::article::{Article, format_local_date};

/// Writes articles: a JSON array (`Json`), JSON Lines (`Jsonl`), or a
/// readable dump (anything else).
pub fn write_articles<'a>(
    w: &mut dyn Write,
    articles: impl IntoIterator<Item = &'a Article>,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            for a in articles {
                serde_json::to_writer(&mut *w, &a.to_record())?;
                writeln!(w)?;
            }
            Ok(())
        }
        Format::Json => {
            let records: Vec<_> = articles.into_iter().map(Article::to_record).collect();
            serde_json::to_writer_pretty(&mut *w, &records)?;
            writeln!(w)
        }
        _ => {
            for a in articles {
                write_text(w, a)?;
            }
            Ok(())
        }
    }
}

/// Writes one article: a JSON object, or readable text.
pub fn write_article(w: &mut dyn Write, article: &Article, format: Format) -> io::Result<()> {
    match format {
        Format::Json | Format::Jsonl => {
            serde_json::to_writer_pretty(&mut *w, &article.to_record())?;
            writeln!(w)
        }
        _ => write_text(w, article),
    }
}

fn write_text(w: &mut dyn Write, a: &Article) -> io::Result<()> {
    writeln!(w, "{}", a.title)?;
    let mut meta = Vec::new();
    if let Some(author) = a.author_display() {
        meta.push(author);
    }
    if let Some(date) = a.local_date() {
        meta.push(format_local_date(date));
    }
    if let Some(site) = &a.site {
        meta.push(site.clone());
    }
    if let Some(lang) = &a.lang {
        meta.push(lang.clone());
    }
    writeln!(w, "{}", meta.join(" · "))?;
    if let Some(url) = &a.url {
        writeln!(w, "{url}")?;
    }
    writeln!(w, "{}", a.path.display())?;
    if !a.tags.is_empty() {
        writeln!(w, "tags: {}", a.tags.join(", "))?;
    }
    writeln!(w, "id: {}\n\n{}\n", a.id, a.body)
}
