//! Counting matching articles by author, site, language, tag or time, read
//! from fast fields (no stored document is opened), and the index summary.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::AllQuery;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::Result;
use crate::index::schema::names;
use crate::search::{SearchRequest, Searcher};

/// What to count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    /// Each author separately.
    Author,
    /// Site.
    Site,
    /// Language.
    Lang,
    /// Tag (topic, place, keyword).
    Tag,
    /// Publication year.
    Year,
    /// Publication month.
    Month,
    /// Publication day.
    Day,
}

impl Facet {
    /// Whether buckets are periods of time (drawn as a timeline).
    pub fn is_time(self) -> bool {
        matches!(self, Facet::Year | Facet::Month | Facet::Day)
    }

    /// The facet's name.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Author => "author",
            Facet::Site => "site",
            Facet::Lang => "lang",
            Facet::Tag => "tag",
            Facet::Year => "year",
            Facet::Month => "month",
            Facet::Day => "day",
        }
    }

    fn field(self) -> &'static str {
        match self {
            Facet::Author => names::AUTHOR_EXACT,
            Facet::Site => names::SITE,
            Facet::Lang => names::LANG,
            Facet::Tag => names::TAGS,
            // Periods as the publisher dated the article.
            Facet::Year | Facet::Month | Facet::Day => names::LOCAL_DATE,
        }
    }
}

/// One bucket: a value and how many matching articles have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// The author, site, language, tag, or period (`2020`, `2020-01`, `2020-01-30`).
    pub key: String,
    /// Matching articles in the bucket.
    pub count: u64,
}

/// Counts of matching articles by one facet.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCounts {
    /// The facet counted.
    pub by: Facet,
    /// Matching articles (each counted once, however many buckets it is in).
    pub total: u64,
    /// Matching articles with no value for the facet (no author, no date…).
    pub missing: u64,
    /// Buckets: by count (then name) for values, in time order for periods,
    /// with empty periods between the first and last filled in.
    pub buckets: Vec<Bucket>,
}

/// What an index holds.
#[derive(Debug, Clone, Serialize)]
pub struct IndexSummary {
    /// Where the index lives.
    pub path: Option<PathBuf>,
    /// Articles.
    pub articles: u64,
    /// Earliest publication date.
    pub earliest: Option<String>,
    /// Latest publication date.
    pub latest: Option<String>,
    /// Articles without a date.
    pub undated: u64,
    /// Distinct authors.
    pub authors: usize,
    /// Distinct sites.
    pub sites: usize,
    /// Articles per language, most first.
    pub languages: Vec<Bucket>,
    /// Bytes on disk.
    pub size_bytes: u64,
}

impl Searcher {
    /// Counts the articles matching `request` by `facet`.
    pub fn facet(&self, request: &SearchRequest, facet: Facet) -> Result<FacetCounts> {
        let compiled = self.compile(request)?;
        let searcher = self.reader.searcher();
        let raw = searcher.search(&compiled.query, &FacetCollector { facet })?;
        Ok(raw.into_counts(facet))
    }

    /// Summarises the whole index.
    pub fn summary(&self) -> Result<IndexSummary> {
        let searcher = self.reader.searcher();
        let count = |facet| -> Result<FacetCounts> {
            Ok(searcher
                .search(&AllQuery, &FacetCollector { facet })?
                .into_counts(facet))
        };
        let days = count(Facet::Day)?;
        let authors = count(Facet::Author)?;
        let sites = count(Facet::Site)?;
        let languages = count(Facet::Lang)?;
        let size_bytes = self
            .index
            .dir()
            .map(|dir| {
                std::fs::read_dir(dir)
                    .map(|entries| {
                        entries
                            .filter_map(|e| e.ok()?.metadata().ok())
                            .filter(|m| m.is_file())
                            .map(|m| m.len())
                            .sum()
                    })
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        let filled: Vec<&Bucket> = days.buckets.iter().filter(|b| b.count > 0).collect();
        Ok(IndexSummary {
            path: self.index.dir().map(PathBuf::from),
            articles: searcher.num_docs(),
            earliest: filled.first().map(|b| b.key.clone()),
            latest: filled.last().map(|b| b.key.clone()),
            undated: days.missing,
            authors: authors.buckets.len(),
            sites: sites.buckets.len(),
            languages: languages.buckets,
            size_bytes,
        })
    }
}

struct FacetCollector {
    facet: Facet,
}

/// Per-segment or merged counts before they become buckets.
#[derive(Default)]
struct RawCounts {
    total: u64,
    missing: u64,
    values: HashMap<String, u64>,
    /// Periods as sortable integers (see `period_key`).
    periods: HashMap<i64, u64>,
}

enum Source {
    Str(StrColumn),
    Date(Column<tantivy::DateTime>),
    None,
}

struct FacetSegment {
    facet: Facet,
    source: Source,
    ords: HashMap<u64, u64>,
    counts: RawCounts,
}

impl Collector for FacetCollector {
    type Fruit = RawCounts;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let fast = segment.fast_fields();
        let source = if self.facet.is_time() {
            fast.date(self.facet.field())
                .map_or(Source::None, Source::Date)
        } else {
            fast.str(self.facet.field())?
                .map_or(Source::None, Source::Str)
        };
        Ok(FacetSegment {
            facet: self.facet,
            source,
            ords: HashMap::new(),
            counts: RawCounts::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<RawCounts>) -> tantivy::Result<RawCounts> {
        let mut merged = RawCounts::default();
        for fruit in fruits {
            merged.total += fruit.total;
            merged.missing += fruit.missing;
            for (k, v) in fruit.values {
                *merged.values.entry(k).or_default() += v;
            }
            for (k, v) in fruit.periods {
                *merged.periods.entry(k).or_default() += v;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = RawCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.counts.total += 1;
        match &self.source {
            Source::Str(column) => {
                let mut any = false;
                for ord in column.term_ords(doc) {
                    *self.ords.entry(ord).or_default() += 1;
                    any = true;
                }
                if !any {
                    self.counts.missing += 1;
                }
            }
            Source::Date(column) => match column.first(doc) {
                Some(date) => {
                    *self
                        .counts
                        .periods
                        .entry(period_key(self.facet, date.into_timestamp_secs()))
                        .or_default() += 1;
                }
                None => self.counts.missing += 1,
            },
            Source::None => self.counts.missing += 1,
        }
    }

    fn harvest(mut self) -> RawCounts {
        if let Source::Str(column) = &self.source {
            let mut name = String::new();
            for (ord, count) in self.ords {
                name.clear();
                if column.ord_to_str(ord, &mut name).unwrap_or(false) {
                    *self.counts.values.entry(name.clone()).or_default() += count;
                }
            }
        }
        self.counts
    }
}

/// A period as a sortable integer: 2020, 202001, 20200130.
fn period_key(facet: Facet, secs: i64) -> i64 {
    let date = DateTime::<Utc>::from_timestamp(secs, 0).unwrap_or_default();
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    match facet {
        Facet::Year => y,
        Facet::Month => y * 100 + m,
        _ => y * 10_000 + m * 100 + d,
    }
}

fn period_label(facet: Facet, key: i64) -> String {
    match facet {
        Facet::Year => format!("{key:04}"),
        Facet::Month => format!("{:04}-{:02}", key / 100, key % 100),
        _ => format!(
            "{:04}-{:02}-{:02}",
            key / 10_000,
            key / 100 % 100,
            key % 100
        ),
    }
}

/// The period after `key`.
fn next_period(facet: Facet, key: i64) -> Option<i64> {
    match facet {
        Facet::Year => Some(key + 1),
        Facet::Month => Some(if key % 100 == 12 {
            (key / 100 + 1) * 100 + 1
        } else {
            key + 1
        }),
        _ => {
            let date = NaiveDate::from_ymd_opt(
                (key / 10_000) as i32,
                (key / 100 % 100) as u32,
                (key % 100) as u32,
            )?;
            let next = date.succ_opt()?;
            Some(
                i64::from(next.year()) * 10_000
                    + i64::from(next.month()) * 100
                    + i64::from(next.day()),
            )
        }
    }
}

/// At most this many empty periods are filled in between the first and the
/// last (a decade of days); beyond that only filled periods are listed.
const MAX_FILLED_PERIODS: usize = 4000;

impl RawCounts {
    fn into_counts(self, facet: Facet) -> FacetCounts {
        let buckets = if facet.is_time() {
            let mut keys: Vec<i64> = self.periods.keys().copied().collect();
            keys.sort_unstable();
            let mut buckets = Vec::new();
            if let (Some(&first), Some(&last)) = (keys.first(), keys.last()) {
                let mut key = first;
                let mut steps = 0;
                while key <= last && steps <= MAX_FILLED_PERIODS {
                    buckets.push(Bucket {
                        key: period_label(facet, key),
                        count: self.periods.get(&key).copied().unwrap_or(0),
                    });
                    steps += 1;
                    match next_period(facet, key) {
                        Some(next) => key = next,
                        None => break,
                    }
                }
                if key <= last {
                    // Too long a span to fill: list the filled periods only.
                    buckets = keys
                        .iter()
                        .map(|k| Bucket {
                            key: period_label(facet, *k),
                            count: self.periods[k],
                        })
                        .collect();
                }
            }
            buckets
        } else {
            let mut buckets: Vec<Bucket> = self
                .values
                .into_iter()
                .map(|(key, count)| Bucket { key, count })
                .collect();
            buckets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
            buckets
        };
        FacetCounts {
            by: facet,
            total: self.total,
            missing: self.missing,
            buckets,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_step_across_year_ends_and_months() {
        assert_eq!(next_period(Facet::Month, 201912), Some(202001));
        assert_eq!(next_period(Facet::Day, 20200229), Some(20200301));
        assert_eq!(next_period(Facet::Day, 20191231), Some(20200101));
        assert_eq!(period_label(Facet::Day, 20200130), "2020-01-30");
        assert_eq!(period_label(Facet::Month, 202001), "2020-01");
    }

    #[test]
    fn empty_periods_between_are_filled() {
        let mut raw = RawCounts::default();
        raw.periods.insert(201911, 2);
        raw.periods.insert(202002, 1);
        let counts = raw.into_counts(Facet::Month);
        let keys: Vec<&str> = counts.buckets.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys, ["2019-11", "2019-12", "2020-01", "2020-02"]);
        assert_eq!(counts.buckets[1].count, 0);
    }
}
