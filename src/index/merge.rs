//! How segments are merged: tantivy's log merge policy, with merged segments
//! capped in size (as Lucene's tiered policy caps them).
//!
//! Without a cap the log policy keeps merging merged segments, so a
//! million-article run ends by rewriting most of the index in one merge: a
//! third of the run's time, and the whole index mapped into memory while it
//! is read. With a cap each article is rewritten once or twice, and a merge
//! never reads more than [`MAX_MERGED_DOCS`] articles. The price is more
//! segments in a large index (one per 100k articles), which a query visits
//! in turn at a few microseconds each.

use std::collections::HashMap;

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// No merge produces a segment of more articles than this.
pub const MAX_MERGED_DOCS: usize = 100_000;

/// The log merge policy with merged segments capped at `max_docs` articles.
#[derive(Debug)]
pub struct CappedMerges {
    inner: LogMergePolicy,
    max_docs: usize,
}

impl CappedMerges {
    /// A policy whose merges produce at most `max_docs` articles each.
    pub fn new(max_docs: usize) -> Self {
        let mut inner = LogMergePolicy::default();
        // Segments at the cap (counting live articles) are left alone until
        // deletes shrink them.
        inner.set_max_docs_before_merge(max_docs);
        CappedMerges { inner, max_docs }
    }
}

impl Default for CappedMerges {
    fn default() -> Self {
        CappedMerges::new(MAX_MERGED_DOCS)
    }
}

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, usize> = segments
            .iter()
            .map(|s| (s.id(), s.num_docs() as usize))
            .collect();
        let deleted: HashMap<SegmentId, bool> =
            segments.iter().map(|s| (s.id(), s.has_deletes())).collect();
        self.inner
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|MergeCandidate(ids)| {
                let sized: Vec<(SegmentId, usize)> = ids
                    .into_iter()
                    .map(|id| (id, docs.get(&id).copied().unwrap_or(0)))
                    .collect();
                split(sized, self.max_docs)
                    .into_iter()
                    // One segment alone is worth rewriting only to drop its deletes.
                    .filter(|group| {
                        group.len() > 1 || deleted.get(&group[0]).copied().unwrap_or(false)
                    })
                    .map(MergeCandidate)
            })
            .collect()
    }
}

/// Splits one merge of `(segment, articles)` into groups of at most `max_docs`
/// articles, smallest segments first so that small ones are merged together.
fn split<T: Copy>(mut segments: Vec<(T, usize)>, max_docs: usize) -> Vec<Vec<T>> {
    segments.sort_by_key(|&(_, n)| n);
    let mut groups = Vec::new();
    let mut group = Vec::new();
    let mut sum = 0;
    for (id, n) in segments {
        if !group.is_empty() && sum + n > max_docs {
            groups.push(std::mem::take(&mut group));
            sum = 0;
        }
        group.push(id);
        sum += n;
    }
    if !group.is_empty() {
        groups.push(group);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn merges_are_split_under_the_cap() {
        let eight = (0..8).map(|i| (i, 55_000)).collect();
        let groups = split(eight, 200_000);
        assert_eq!(groups, vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7]]);
    }

    #[test]
    fn small_segments_go_together_first() {
        let groups = split(vec![(0, 150), (1, 10), (2, 20), (3, 100)], 150);
        assert_eq!(groups, vec![vec![1, 2, 3], vec![0]]);
    }

    #[test]
    fn an_index_writer_merges_under_the_cap() {
        use tantivy::schema::{Schema, TEXT};
        use tantivy::{Index, IndexWriter, doc};

        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(super::CappedMerges::new(10)));
        for commit in 0..40 {
            for n in 0..3 {
                writer
                    .add_document(doc!(body => format!("article {commit} {n}")))
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        writer.wait_merging_threads().unwrap();

        let segments = index.searchable_segment_metas().unwrap();
        let sizes: Vec<u32> = segments.iter().map(|s| s.num_docs()).collect();
        assert_eq!(sizes.iter().sum::<u32>(), 120);
        assert!(
            sizes.iter().all(|&n| n <= 10),
            "a merge passed the cap: {sizes:?}"
        );
        assert!(segments.len() < 40, "nothing was merged: {sizes:?}");
    }

    #[test]
    fn a_merge_under_the_cap_stays_whole() {
        let groups = split(vec![(0, 10), (1, 10), (2, 10)], 1_000);
        assert_eq!(groups, vec![vec![0, 1, 2]]);
    }
}
