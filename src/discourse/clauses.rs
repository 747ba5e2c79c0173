//! A set of clauses of one searcher — per segment, a bitset of live clause ids — as the
//! selection flags, a query, or both pick them. Every analysis starts from one.

use anyhow::{Context, Result};
use tantivy::query::{BooleanQuery, EnableScoring, Query as TantivyQuery};
use tantivy::{BitSet, DocAddress, DocId, Searcher};

use crate::analyze::Analyzers;
use crate::index::ClauseIndex;
use crate::search::{self, Filters, Query};

/// Live clauses of one searcher, per segment.
#[derive(Debug, Clone)]
pub struct Clauses {
    sets: Vec<BitSet>,
    len: usize,
}

impl Clauses {
    /// Every live clause.
    pub fn all(searcher: &Searcher) -> Clauses {
        let sets: Vec<BitSet> = searcher
            .segment_readers()
            .iter()
            .map(|reader| {
                let max = reader.max_doc();
                match reader.alive_bitset() {
                    None => BitSet::with_max_value_and_full(max),
                    Some(alive) => {
                        let mut set = BitSet::with_max_value(max);
                        for doc in alive.iter_alive() {
                            set.insert(doc);
                        }
                        set
                    }
                }
            })
            .collect();
        Clauses::from_sets(sets)
    }

    /// The clauses `filters` select (every live clause when they select everything).
    pub fn selected(
        searcher: &Searcher,
        index: &ClauseIndex,
        filters: &Filters,
    ) -> Result<Clauses> {
        let queries = filters.queries(&index.fields);
        if queries.is_empty() {
            return Ok(Clauses::all(searcher));
        }
        Clauses::of_query(searcher, &BooleanQuery::new(queries))
    }

    /// The clauses that match `query` among those `filters` select: every word required (no
    /// relaxing), identical clauses each counted (no collapsing), as `timeline` counts.
    pub fn matching(
        searcher: &Searcher,
        index: &ClauseIndex,
        analyzers: &Analyzers,
        query: &Query,
        filters: &Filters,
    ) -> Result<Clauses> {
        match search::matching_query(index, analyzers, query, filters)? {
            Some(q) => Clauses::of_query(searcher, &q),
            None => Ok(Clauses::none(searcher)),
        }
    }

    /// No clause (with the segments of `searcher`, so that it combines with the others).
    pub fn none(searcher: &Searcher) -> Clauses {
        let sets = searcher
            .segment_readers()
            .iter()
            .map(|reader| BitSet::with_max_value(reader.max_doc()))
            .collect();
        Clauses::from_sets(sets)
    }

    /// The live clauses that match a tantivy query, unscored.
    pub fn of_query(searcher: &Searcher, query: &dyn TantivyQuery) -> Result<Clauses> {
        let weight = query
            .weight(EnableScoring::disabled_from_searcher(searcher))
            .context("search failed")?;
        let mut sets = Vec::with_capacity(searcher.segment_readers().len());
        for reader in searcher.segment_readers() {
            let mut set = BitSet::with_max_value(reader.max_doc());
            let alive = reader.alive_bitset();
            weight
                .for_each_no_score(reader, &mut |docs| {
                    for &doc in docs {
                        if alive.is_none_or(|a| a.is_alive(doc)) {
                            set.insert(doc);
                        }
                    }
                })
                .context("search failed")?;
            sets.push(set);
        }
        Ok(Clauses::from_sets(sets))
    }

    /// The clauses of `addresses` (of `searcher`); addresses beyond its segments are ignored.
    pub fn from_addresses(
        searcher: &Searcher,
        addresses: impl IntoIterator<Item = DocAddress>,
    ) -> Clauses {
        let mut none = Clauses::none(searcher);
        for address in addresses {
            if let Some(set) = none.sets.get_mut(address.segment_ord as usize)
                && address.doc_id < set.max_value()
            {
                set.insert(address.doc_id);
            }
        }
        Clauses::from_sets(none.sets)
    }

    fn from_sets(sets: Vec<BitSet>) -> Clauses {
        let len = sets.iter().map(BitSet::len).sum();
        Clauses { sets, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn contains(&self, address: DocAddress) -> bool {
        self.sets
            .get(address.segment_ord as usize)
            .is_some_and(|s| address.doc_id < s.max_value() && s.contains(address.doc_id))
    }

    /// The set of one segment (`None` past the last): to test many documents of a segment
    /// without looking the segment up each time.
    pub fn segment(&self, segment_ord: u32) -> Option<&BitSet> {
        self.sets.get(segment_ord as usize)
    }

    /// Number of segments (those of the searcher the set was made with).
    pub fn segments(&self) -> usize {
        self.sets.len()
    }

    /// Number of clauses in segment `segment_ord`.
    pub fn len_in(&self, segment_ord: u32) -> usize {
        self.sets.get(segment_ord as usize).map_or(0, BitSet::len)
    }

    /// The clauses of one segment, in order.
    pub fn docs_in(&self, segment_ord: u32) -> impl Iterator<Item = DocId> + '_ {
        self.sets
            .get(segment_ord as usize)
            .into_iter()
            .flat_map(bits)
    }

    /// The clauses in index order.
    pub fn iter(&self) -> impl Iterator<Item = DocAddress> + '_ {
        self.sets
            .iter()
            .enumerate()
            .flat_map(|(ord, set)| bits(set).map(move |doc| DocAddress::new(ord as u32, doc)))
    }

    /// The clauses in both.
    pub fn intersection(&self, other: &Clauses) -> Clauses {
        self.combine(other, |a, b| a & b)
    }

    /// The clauses of `self` not in `other`.
    pub fn difference(&self, other: &Clauses) -> Clauses {
        self.combine(other, |a, b| a & !b)
    }

    /// The clauses in either.
    pub fn union(&self, other: &Clauses) -> Clauses {
        let mut sets = Vec::new();
        for ord in 0..self.sets.len().max(other.sets.len()) {
            let (a, b) = (self.sets.get(ord), other.sets.get(ord));
            let max = a
                .map_or(0, BitSet::max_value)
                .max(b.map_or(0, BitSet::max_value));
            let mut set = BitSet::with_max_value(max);
            for doc in a.into_iter().chain(b).flat_map(bits) {
                set.insert(doc);
            }
            sets.push(set);
        }
        Clauses::from_sets(sets)
    }

    /// Word by word (64 documents at a time) over the segments of `self`.
    fn combine(&self, other: &Clauses, op: impl Fn(u64, u64) -> u64) -> Clauses {
        let sets = self
            .sets
            .iter()
            .enumerate()
            .map(|(ord, a)| {
                let mut set = BitSet::with_max_value(a.max_value());
                let b = other.sets.get(ord);
                for bucket in 0..buckets(a) {
                    let theirs = b.map_or(0, |b| word(b, bucket));
                    let mut both = op(word(a, bucket), theirs);
                    while both != 0 {
                        let low = both.trailing_zeros();
                        both &= both - 1;
                        set.insert(bucket * 64 + low);
                    }
                }
                set
            })
            .collect();
        Clauses::from_sets(sets)
    }
}

/// The 64 documents of `bucket` as bits (0 past the end of the set).
fn word(set: &BitSet, bucket: u32) -> u64 {
    if bucket >= buckets(set) {
        return 0;
    }
    u64::from_le_bytes(set.tinyset(bucket).into_bytes())
}

fn buckets(set: &BitSet) -> u32 {
    set.max_value().div_ceil(64)
}

/// The members of `set`, in order.
fn bits(set: &BitSet) -> impl Iterator<Item = DocId> + '_ {
    (0..buckets(set)).flat_map(move |bucket| {
        let mut w = word(set, bucket);
        std::iter::from_fn(move || {
            (w != 0).then(|| {
                let low = w.trailing_zeros();
                w &= w - 1;
                bucket * 64 + low
            })
        })
    })
}

/// A small index built through the real ingest path, for the tests of this folder.
#[cfg(test)]
pub(crate) mod fixture {
    use std::path::Path;

    use tantivy::Searcher;

    use crate::analyze::Analyzers;
    use crate::index::ClauseIndex;
    use crate::ingest::{self, UpdateOptions};

    pub(crate) const ZH_DOC: &str = "中华人民共和国和白俄罗斯共和国联合声明\n\n\
        一、双方决定建立全面战略伙伴关系，深化经贸领域互利合作，扩大人文合作。\n\n\
        二、双方高度重视开展政治对话，密切两国立法机构之间的交流与合作。\n\n\
        三、白方重申坚定奉行一个中国政策，反对任何形式的“台独”。\n\n\
        四、中華人民共和國與ＡＰＥＣ成員在２０１９年加強合作，推動「一帶一路」建設。\n";

    pub(crate) const EN_DOC: &str = "Joint Statement between the Republic of Aldoria and the Kingdom of Borlund\n\n\
        1. The two sides agreed to deepen cooperation in trade, investment and culture.\n\n\
        2. Both sides reaffirmed their commitment to non-interference in internal affairs.\n\n\
        3. The Parties shall cooperate closely; cooperation between the Parties is COOPERATIVE and cooperating.\n\n\
        4. They welcomed the Ｂｅｌｔ and Road Initiative of 2013 and the visit to 北京.\n\n\
        5. See www.example.org/Averyveryveryveryveryveryveryveryveryveryveryverylongpathsegmentwithoutbreaks for the text of the agreement.\n";

    /// The analyzers, the index and a searcher over `files` (relative path, text), with the
    /// folders kept alive as long as the index is used.
    pub(crate) struct Fixture {
        pub analyzers: Analyzers,
        pub index: ClauseIndex,
        _corpus: tempfile::TempDir,
        _index_dir: tempfile::TempDir,
    }

    impl Fixture {
        pub(crate) fn new(files: &[(&str, &str)]) -> Fixture {
            let corpus = tempfile::tempdir().unwrap();
            let index_dir = tempfile::tempdir().unwrap();
            let analyzers = Analyzers::new();
            for (rel, text) in files {
                std::fs::write(corpus.path().join(rel), text).unwrap();
            }
            let index = update(corpus.path(), index_dir.path(), &analyzers);
            Fixture {
                analyzers,
                index,
                _corpus: corpus,
                _index_dir: index_dir,
            }
        }

        /// The two documents above.
        pub(crate) fn standard() -> Fixture {
            Fixture::new(&[("zh.txt", ZH_DOC), ("en.txt", EN_DOC)])
        }

        /// Deletes the clauses that have `term` in `field` (and nothing else), as an update
        /// leaves the old clauses of a changed file in their segment.
        pub(crate) fn delete(&mut self, field: tantivy::schema::Field, term: &str) {
            let mut writer: tantivy::IndexWriter = self.index.index.writer(15_000_000).unwrap();
            writer.delete_term(tantivy::Term::from_field_text(field, term));
            writer.commit().unwrap();
        }

        pub(crate) fn searcher(&self) -> Searcher {
            self.index.reader().unwrap().searcher()
        }
    }

    fn update(corpus: &Path, index: &Path, analyzers: &Analyzers) -> ClauseIndex {
        ingest::update(corpus, index, analyzers, &UpdateOptions::default(), None)
            .unwrap()
            .0
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::Fixture;
    use super::*;
    use crate::model::Lang;

    fn lang_of(fx: &Fixture, searcher: &Searcher, address: DocAddress) -> String {
        let d: tantivy::TantivyDocument = searcher.doc(address).unwrap();
        let (info, _) = crate::index::stored::decode(&fx.index.fields, &d);
        info.lang.as_str().to_string()
    }

    #[test]
    fn all_selected_and_matching_agree_with_search() {
        let fx = Fixture::standard();
        let searcher = fx.searcher();
        let all = Clauses::all(&searcher);
        assert_eq!(all.len(), searcher.num_docs() as usize);
        assert_eq!(all.iter().count(), all.len());
        assert!(all.iter().all(|a| all.contains(a)));

        let everything = Clauses::selected(&searcher, &fx.index, &Filters::default()).unwrap();
        assert_eq!(
            everything.iter().collect::<Vec<_>>(),
            all.iter().collect::<Vec<_>>()
        );

        let zh = Filters {
            lang: Some(Lang::Zh),
            ..Filters::default()
        };
        let chinese = Clauses::selected(&searcher, &fx.index, &zh).unwrap();
        assert!(!chinese.is_empty() && chinese.len() < all.len());
        assert!(chinese.iter().all(|a| lang_of(&fx, &searcher, a) == "zh"));
        let expected = search::selected(&searcher, &fx.index, &zh)
            .unwrap()
            .unwrap();
        assert_eq!(chinese.iter().collect::<Vec<_>>(), expected);

        for (text, filters) in [
            ("合作", &Filters::default()),
            ("cooperation", &Filters::default()),
            ("合作", &zh),
        ] {
            let query = Query::parse(text).unwrap();
            let matching =
                Clauses::matching(&searcher, &fx.index, &fx.analyzers, &query, filters).unwrap();
            let expected =
                search::all_matches_in(&searcher, &fx.index, &fx.analyzers, &query, filters)
                    .unwrap();
            assert!(!expected.is_empty(), "{text}");
            assert_eq!(matching.iter().collect::<Vec<_>>(), expected, "{text}");
            assert_eq!(matching.len(), expected.len());
        }
        let absent = Query::parse("zzyzx").unwrap();
        let none = Clauses::matching(&searcher, &fx.index, &fx.analyzers, &absent, &zh).unwrap();
        assert!(none.is_empty());
        assert_eq!(none.iter().count(), 0);
    }

    #[test]
    fn deleted_clauses_are_left_out() {
        let mut fx = Fixture::standard();
        let before = Clauses::all(&fx.searcher()).len();
        let trade = Query::parse("trade").unwrap();
        let gone = search::all_matches_in(
            &fx.searcher(),
            &fx.index,
            &fx.analyzers,
            &trade,
            &Filters::default(),
        )
        .unwrap()
        .len();
        assert!(gone > 0);
        fx.delete(fx.index.fields.body_en, "trade");
        let searcher = fx.searcher();
        assert!(
            searcher
                .segment_readers()
                .iter()
                .any(|r| r.num_deleted_docs() > 0),
            "the fixture should leave deleted clauses behind"
        );
        let all = Clauses::all(&searcher);
        assert_eq!(all.len(), before - gone);
        assert_eq!(all.len(), searcher.num_docs() as usize);
        for address in all.iter() {
            let reader = searcher.segment_reader(address.segment_ord);
            assert!(!reader.is_deleted(address.doc_id));
        }
        let query = Query::parse("cooperation").unwrap();
        let matching = Clauses::matching(
            &searcher,
            &fx.index,
            &fx.analyzers,
            &query,
            &Filters::default(),
        )
        .unwrap();
        let expected = search::all_matches_in(
            &searcher,
            &fx.index,
            &fx.analyzers,
            &query,
            &Filters::default(),
        )
        .unwrap();
        assert_eq!(matching.iter().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn set_operations() {
        let fx = Fixture::standard();
        let searcher = fx.searcher();
        let all = Clauses::all(&searcher);
        let zh = Clauses::selected(
            &searcher,
            &fx.index,
            &Filters {
                lang: Some(Lang::Zh),
                ..Filters::default()
            },
        )
        .unwrap();
        let en = all.difference(&zh);
        assert_eq!(en.len() + zh.len(), all.len());
        assert!(en.intersection(&zh).is_empty());
        assert_eq!(
            all.intersection(&zh).iter().collect::<Vec<_>>(),
            zh.iter().collect::<Vec<_>>()
        );
        assert_eq!(
            en.union(&zh).iter().collect::<Vec<_>>(),
            all.iter().collect::<Vec<_>>()
        );
        assert!(en.iter().all(|a| !zh.contains(a) && all.contains(a)));
        let picked: Vec<DocAddress> = all.iter().step_by(2).collect();
        let some = Clauses::from_addresses(&searcher, picked.clone());
        assert_eq!(some.iter().collect::<Vec<_>>(), picked);
        assert_eq!(some.len(), picked.len());
        assert!(Clauses::none(&searcher).is_empty());
        assert!(!all.contains(DocAddress::new(99, 0)));
        assert!(!all.contains(DocAddress::new(0, u32::MAX - 1)));
    }

    #[test]
    fn bits_cross_word_boundaries() {
        let mut set = BitSet::with_max_value(200);
        for doc in [0, 1, 63, 64, 65, 127, 128, 199] {
            set.insert(doc);
        }
        assert_eq!(
            bits(&set).collect::<Vec<_>>(),
            [0, 1, 63, 64, 65, 127, 128, 199]
        );
        let a = Clauses::from_sets(vec![set]);
        let mut other = BitSet::with_max_value(70);
        other.insert(63);
        other.insert(65);
        let b = Clauses::from_sets(vec![other]);
        let d = a.difference(&b);
        assert_eq!(d.docs_in(0).collect::<Vec<_>>(), [0, 1, 64, 127, 128, 199]);
        assert_eq!(d.len(), 6);
        assert_eq!(a.intersection(&b).docs_in(0).collect::<Vec<_>>(), [63, 65]);
    }
}
