//! Folding copies of one story: a ranked list in which the second, third…
//! copy of a story (a wire story filed again, the same report saved from two
//! sites) is not a hit of its own but is named under the first.
//!
//! Each article's [`Sketch`] is a fast field, so folding reads 68 bytes per
//! ranked article and no stored document; only the page shown is read.

use tantivy::columnar::BytesColumn;
use tantivy::{DocAddress, Searcher};

use crate::error::Result;
use crate::index::schema::names;
use crate::index::sketch::Sketch;

/// One story among the ranked articles: the best-ranked copy and the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Story {
    /// Index of the copy that leads, in the ranked list.
    pub lead: usize,
    /// Indexes of the other copies, in rank order.
    pub copies: Vec<usize>,
}

/// Groups `ranked` (best first) into stories, in the order of their best
/// copy: each article joins the first story above it whose lead it is a
/// near-duplicate of, or leads a story of its own.
pub(super) fn fold(searcher: &Searcher, ranked: &[(f32, DocAddress)]) -> Result<Vec<Story>> {
    let mut sketches = SketchReader::new(searcher);
    let mut stories: Vec<(Story, Option<Sketch>)> = Vec::new();
    for (i, &(_, address)) in ranked.iter().enumerate() {
        let sketch = sketches.get(address)?;
        let home = sketch.as_ref().and_then(|s| {
            stories
                .iter_mut()
                .find(|(_, lead)| lead.as_ref().is_some_and(|lead| lead.is_near_duplicate(s)))
        });
        match home {
            Some((story, _)) => story.copies.push(i),
            None => stories.push((
                Story {
                    lead: i,
                    copies: Vec::new(),
                },
                sketch,
            )),
        }
    }
    Ok(stories.into_iter().map(|(story, _)| story).collect())
}

/// Reads sketches from each segment's column, opened the first time a
/// segment is asked for.
struct SketchReader<'a> {
    searcher: &'a Searcher,
    columns: Vec<Option<Option<BytesColumn>>>,
    buf: Vec<u8>,
}

impl<'a> SketchReader<'a> {
    fn new(searcher: &'a Searcher) -> Self {
        SketchReader {
            searcher,
            columns: vec![None; searcher.segment_readers().len()],
            buf: Vec::with_capacity(crate::index::sketch::BYTES),
        }
    }

    fn get(&mut self, address: DocAddress) -> Result<Option<Sketch>> {
        let segment = address.segment_ord as usize;
        let column = match &mut self.columns[segment] {
            Some(column) => column,
            slot @ None => slot.insert(
                self.searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .bytes(names::SKETCH)?,
            ),
        };
        let Some(column) = column else {
            return Ok(None);
        };
        let Some(ord) = column.term_ords(address.doc_id).next() else {
            return Ok(None);
        };
        self.buf.clear();
        if !column
            .ord_to_bytes(ord, &mut self.buf)
            .map_err(tantivy::TantivyError::from)?
        {
            return Ok(None);
        }
        Ok(Sketch::from_bytes(&self.buf))
    }
}
