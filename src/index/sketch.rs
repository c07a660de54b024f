//! Near-duplicate sketches: what lets a search fold the copies of one story.
//!
//! News comes in copies: a wire story filed again with a corrected figure,
//! the same report saved from two sites, a short version and its longer
//! update. Each article gets a small sketch of its text — the one-permutation
//! MinHash of its three-word shingles (Li, Owen and Zhang, 2012): every
//! shingle is hashed once, the hash's top bits pick one of 64 bins, and each
//! bin keeps the smallest hash that fell into it, cut to one byte. Two
//! articles' sketches agree in about as many bins as the share of shingles
//! they have in common, so comparing 68 bytes estimates how much of the
//! shorter article the longer one holds ([`Sketch::containment`]), whatever
//! their lengths, without reading either.
//!
//! The sketch is stored as a fast field beside each article and read only
//! for the hits a search ranks (`search::Searcher::search`).

/// Bins of a sketch.
const BINS: usize = 64;
/// Words per shingle.
const SHINGLE_WORDS: usize = 3;
/// Characters per shingle in Chinese and Japanese, where each character is
/// a word of its own here: three characters are a word or two, and stories
/// on one subject share most of them.
const SHINGLE_CHARS: usize = 6;
/// Bytes of a stored sketch: the shingle count (`u32`, little-endian), then
/// one byte per bin (0 for a bin no shingle fell into).
pub const BYTES: usize = 4 + BINS;

/// Shingles the shorter of two articles needs before they are compared:
/// below this a story is a line or two ("Qtly div three cts vs three cts
/// prior"), and articles that short share most of their words by their form
/// alone.
const MIN_SHINGLES: u32 = 20;

/// The share of the shorter article's shingles the longer must hold for the
/// two to be one story. Measured on the Reuters, BBC and Wikinews sets
/// (docs/search.md): copies that differ by a corrected figure, a dropped
/// ticker or an added paragraph hold 0.8–1.0 of each other; distinct stories
/// written from one template (money-market reports, dividend notices) hold
/// 0.4–0.6.
const CONTAINMENT: f64 = 0.8;

/// How much shorter than the other one article may be for the two to be
/// compared: the estimate of [`Sketch::containment`] rests on the bins the
/// two agree in, and a short article beside one forty times its length
/// agrees in too few for one chance match to be told from a copy.
const MIN_LENGTH_RATIO: f64 = 0.2;

/// A sketch of an article's text (see the module documentation).
#[derive(Clone, PartialEq, Eq)]
pub struct Sketch {
    shingles: u32,
    bins: [u8; BINS],
}

impl std::fmt::Debug for Sketch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sketch")
            .field("shingles", &self.shingles)
            .finish_non_exhaustive()
    }
}

impl Sketch {
    /// The sketch of an article's headline and body.
    pub fn of(title: &str, body: &str) -> Sketch {
        let mut mins = [u64::MAX; BINS];
        let mut window = [0u64; SHINGLE_CHARS];
        let mut words = 0usize;
        let mut shingles = 0u32;
        let mut buf = String::new();
        for text in [title, body] {
            for_each_word(text, &mut buf, |word, east_asian| {
                window.rotate_left(1);
                window[SHINGLE_CHARS - 1] = word;
                words += 1;
                let n = if east_asian {
                    SHINGLE_CHARS
                } else {
                    SHINGLE_WORDS
                };
                if words >= n {
                    let combined = window[SHINGLE_CHARS - n..]
                        .iter()
                        .fold(0u64, |h, &w| h.rotate_left(21) ^ w);
                    let hash = mix(combined);
                    let bin = (hash >> 58) as usize;
                    let value = hash & ((1 << 58) - 1);
                    if value < mins[bin] {
                        mins[bin] = value;
                    }
                    shingles = shingles.saturating_add(1);
                }
            });
        }
        let mut bins = [0u8; BINS];
        for (bin, min) in bins.iter_mut().zip(mins) {
            if min != u64::MAX {
                // The low byte of a mixed hash; 0 marks an empty bin.
                *bin = (min as u8).max(1);
            }
        }
        Sketch { shingles, bins }
    }

    /// The sketch as stored.
    pub fn to_bytes(&self) -> [u8; BYTES] {
        let mut bytes = [0u8; BYTES];
        bytes[..4].copy_from_slice(&self.shingles.to_le_bytes());
        bytes[4..].copy_from_slice(&self.bins);
        bytes
    }

    /// Reads a stored sketch (`None` when `bytes` is not one).
    pub fn from_bytes(bytes: &[u8]) -> Option<Sketch> {
        let (count, bins) = bytes.split_first_chunk::<4>()?;
        Some(Sketch {
            shingles: u32::from_le_bytes(*count),
            bins: bins.try_into().ok()?,
        })
    }

    /// Number of shingles (three-word runs) in the article.
    pub fn shingles(&self) -> u32 {
        self.shingles
    }

    /// Estimated Jaccard resemblance of the two articles' shingle sets:
    /// the share of bins, of those used by either, where the two agree
    /// (less the chance that two different one-byte values are equal).
    pub fn resemblance(&self, other: &Sketch) -> f64 {
        let mut used = 0u32;
        let mut same = 0u32;
        for (&a, &b) in self.bins.iter().zip(&other.bins) {
            if a == 0 && b == 0 {
                continue;
            }
            used += 1;
            if a == b {
                same += 1;
            }
        }
        if used == 0 {
            return 0.0;
        }
        let chance = 1.0 / 255.0;
        ((f64::from(same) / f64::from(used) - chance) / (1.0 - chance)).max(0.0)
    }

    /// Estimated share of the shorter article's shingles that the other
    /// holds: |A ∩ B| / min(|A|, |B|), from the resemblance and the sizes.
    pub fn containment(&self, other: &Sketch) -> f64 {
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        let smaller = a.min(b);
        if smaller == 0.0 {
            return 0.0;
        }
        let j = self.resemblance(other);
        let shared = j * (a + b) / (1.0 + j);
        (shared / smaller).min(1.0)
    }

    /// Whether the two articles are copies of one story (see [`CONTAINMENT`]).
    pub fn is_near_duplicate(&self, other: &Sketch) -> bool {
        let (short, long) = (
            self.shingles.min(other.shingles),
            self.shingles.max(other.shingles),
        );
        short >= MIN_SHINGLES
            && f64::from(short) >= MIN_LENGTH_RATIO * f64::from(long)
            && self.containment(other) >= CONTAINMENT
    }
}

/// Calls `f` with the hash of each word of `text`, lower-cased (runs of
/// letters and digits), and whether it is an East Asian character: those
/// are words on their own, as Chinese and Japanese put no spaces between
/// words.
fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(u64, bool)) {
    fn flush(buf: &mut String, east_asian: bool, f: &mut impl FnMut(u64, bool)) {
        if !buf.is_empty() {
            f(xxhash_rust::xxh3::xxh3_64(buf.as_bytes()), east_asian);
            buf.clear();
        }
    }
    buf.clear();
    for c in text.chars() {
        if super::words::is_cjk(c) {
            flush(buf, false, &mut f);
            buf.push(c);
            flush(buf, true, &mut f);
        } else if c.is_alphanumeric() {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        } else {
            flush(buf, false, &mut f);
        }
    }
    flush(buf, false, &mut f);
}

/// SplitMix64's finaliser: spreads the combined word hashes over all 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Central bank governor Chang Chi-cheng rejected a request by textile makers \
        to halt the rise of the Taiwan dollar against the U.S. dollar to stop them losing orders to \
        South Korea, Hong Kong and Singapore, a spokesman for the Taiwan Textile Federation said. \
        He quoted Chang as telling representatives of 19 textile associations last Saturday the \
        government could not fix the Taiwan dollar exchange rate at 35 to one U.S. dollar due to \
        U.S. pressure for an appreciation of the local currency. The federation asked the \
        government on February 19 to hold the exchange rate at that level.";

    #[test]
    fn a_corrected_copy_and_a_longer_version_are_the_same_story() {
        let original = Sketch::of("TAIWAN REJECTS TEXTILE MAKER PLEA ON EXCHANGE RATE", STORY);
        let corrected = Sketch::of(
            "TAIWAN REJECTS TEXTILE MAKERS EXCHANGE RATE PLEA",
            &STORY.replace("19 textile", "nineteen textile"),
        );
        let longer = Sketch::of(
            "TAIWAN REJECTS TEXTILE MAKER PLEA",
            &format!(
                "{STORY} The federation said textile exports fell in January, and that makers \
                 had lost orders worth millions of dollars to competitors in the region since \
                 the currency began to climb last year, and would ask again next month."
            ),
        );
        assert!(
            original.is_near_duplicate(&corrected),
            "{}",
            original.containment(&corrected)
        );
        assert!(
            original.is_near_duplicate(&longer),
            "{}",
            original.containment(&longer)
        );
        assert!(longer.is_near_duplicate(&corrected));
        assert_eq!(original.resemblance(&original), 1.0);
    }

    #[test]
    fn stories_from_one_template_or_on_one_subject_are_not() {
        let monday = Sketch::of(
            "U.K. MONEY MARKET DEFICIT FORECAST AT 800 MLN STG",
            "The Bank of England said it forecast a shortage of around 800 mln stg in the money \
             market today. Among the main factors affecting liquidity, bills maturing in official \
             hands and the take-up of treasury bills will drain some 1.61 billion stg. Partly \
             offsetting this outflow, exchequer transactions and a fall in note circulation will \
             add around 425 mln stg and 360 mln stg respectively.",
        );
        let tuesday = Sketch::of(
            "U.K. MONEY MARKET DEFICIT FORECAST AT 350 MLN STG",
            "The Bank of England said it forecast a shortage of around 350 mln stg in the money \
             market today. Among the main factors affecting liquidity, bills maturing in official \
             hands and the take-up of treasury bills will drain some 525 mln stg while bankers' \
             balances below target will take out around 175 mln stg. Partly offsetting these \
             outflows, exchequer transactions and a fall in note circulation will add some 300 mln \
             stg and 40 mln stg to the system respectively.",
        );
        assert!(
            !monday.is_near_duplicate(&tuesday),
            "{}",
            monday.containment(&tuesday)
        );
        let original = Sketch::of("TAIWAN REJECTS TEXTILE MAKER PLEA ON EXCHANGE RATE", STORY);
        let same_subject = Sketch::of(
            "TAIWAN DOLLAR RISES AGAIN",
            "The Taiwan dollar rose against the U.S. dollar again today, and textile makers said \
             they were losing orders to South Korea and Hong Kong. The central bank declined to \
             comment on the exchange rate, which has risen by a fifth since last year.",
        );
        assert!(!original.is_near_duplicate(&same_subject));
        // Two one-line notices are never compared at all.
        let a = Sketch::of(
            "SYSTEMATICS REGULAR PAYOUT",
            "Qtly div three cts vs three cts prior",
        );
        let b = Sketch::of(
            "SYSTEMATICS REGULAR PAYOUT",
            "Qtly div three cts vs three cts prior",
        );
        assert!(!a.is_near_duplicate(&b));
    }

    #[test]
    fn east_asian_text_is_shingled_by_character() {
        let a = Sketch::of(
            "",
            "東京都は二十日、新型コロナウイルスの感染者が新たに確認されたと発表した。",
        );
        assert!(a.shingles() > 20, "{}", a.shingles());
    }

    #[test]
    fn sketches_round_trip_through_bytes() {
        let sketch = Sketch::of("Five Eyes", STORY);
        assert_eq!(Sketch::from_bytes(&sketch.to_bytes()), Some(sketch));
        assert_eq!(Sketch::from_bytes(&[1, 2, 3]), None);
    }
}
