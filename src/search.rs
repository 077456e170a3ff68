//! Incremental search over a dataset: district names, short names, head offices, municipalities,
//! project names, partners, target groups and themes.
//!
//! "Incremental" as the user sees it: every keystroke runs a complete query, fast enough (see below)
//! that no state needs to be kept between keystrokes. Folding is prefix-monotone (see
//! [`crate::text::fold`]), so the hits for a longer query are always a subset of the shorter one's.
//!
//! Matching ignores case and diacritics and accepts the usual ASCII spellings of the Nordic letters; the
//! scheme and its known false matches are documented in [`crate::text::fold`]. A query matches a text when its
//! literal form occurs in the text's literal form, or its canonical form in the text's canonical form.
//!
//! Ranking, best first: whole word, then word prefix, then any substring; within that, names (district
//! name or short name, project name) before other fields; then districts before projects, each in file
//! order. A target has one hit for its name (its best name match) and one per other field and text
//! (`København` as head office and as municipality are two hits; identical ones are one).
//! Punctuation is a word break, or left out: `pinpoint`, `pin point` and `pin-point` all find
//! `Pin-point` ([`crate::text::fold::fold_search`], [`crate::text::fold::fold_joined`]).
//!
//! Speed: the index folds every distinct text once at build time and keeps all of them in two contiguous
//! buffers (one per form), so a query is two SIMD substring scans (`memchr::memmem`) over those buffers
//! plus a walk over the matching texts' postings. Measured numbers are in the report of the `tools`
//! branch and in `query_timing_on_100k_projects` (an ignored test that prints them).

/// The index's maps: building the search index looks up every text of the file (about 4 per
/// project), and SipHash was a large part of that. foldhash (already built as hashbrown's hasher) is
/// seeded per process, so a hostile file still cannot pick texts that all collide.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

use memchr::memmem;

use crate::data::Dataset;
use crate::locale::Locale;
use crate::text::fold::{collapse, fold_joined, fold_search};

/// How many hits [`SearchIndex::query`] returns at most.
pub const DEFAULT_LIMIT: usize = 200;

/// How many characters of a query are searched; the rest is not read. Longer than any name or
/// partner a person types, short enough that a keystroke in a pasted page of text costs no more
/// than one in a word (a 20,000-character paste, one query per character, took seconds when every
/// query folded and searched all of it). [`SearchResults::capped`] says when a query was cut.
pub const MAX_QUERY_CHARS: usize = 256;

/// The part of `query` that is searched: its first [`MAX_QUERY_CHARS`] characters.
pub fn searched_part(query: &str) -> &str {
    query
        .char_indices()
        .nth(MAX_QUERY_CHARS)
        .map_or(query, |(end, _)| &query[..end])
}

/// What a hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// Index into `Dataset::districts`.
    District(usize),
    /// Index into `Dataset::projects`.
    Project(usize),
}

/// Which field of the target matched. List fields carry the index of the matching item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    DistrictName,
    DistrictShort,
    Hq,
    /// Index into `District::municipalities`.
    Municipality(usize),
    ProjectName,
    /// Index into `Project::partners`.
    Partner(usize),
    Target,
    /// Index into `Project::themes`.
    Theme(usize),
}

impl Field {
    /// Names rank before every other field.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            Field::DistrictName | Field::DistrictShort | Field::ProjectName
        )
    }

    /// The field's label for a result line, e.g. `partner`.
    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Field::DistrictName | Field::DistrictShort, Locale::Da) => "politikreds",
            (Field::DistrictName | Field::DistrictShort, Locale::En) => "district",
            (Field::Hq, Locale::Da) => "hovedsæde",
            (Field::Hq, Locale::En) => "head office",
            (Field::Municipality(_), Locale::Da) => "kommune",
            (Field::Municipality(_), Locale::En) => "municipality",
            (Field::ProjectName, Locale::Da) => "projekt",
            (Field::ProjectName, Locale::En) => "project",
            (Field::Partner(_), Locale::Da) => "partner",
            (Field::Partner(_), Locale::En) => "partner",
            (Field::Target, Locale::Da) => "målgruppe",
            (Field::Target, Locale::En) => "target group",
            (Field::Theme(_), Locale::Da) => "tema",
            (Field::Theme(_), Locale::En) => "theme",
        }
    }
}

/// How well the query matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchKind {
    /// The query is a whole word (or several whole words) of the text.
    WholeWord,
    /// The query starts a word of the text.
    Prefix,
    /// The query occurs inside a word.
    Substring,
}

/// One search result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hit {
    pub target: Target,
    pub field: Field,
    pub kind: MatchKind,
}

impl Hit {
    /// The text that matched, as it is in the dataset (sanitised at load). Empty if the dataset is not
    /// the one the index was built from and the field no longer exists.
    pub fn text<'a>(&self, ds: &'a Dataset) -> &'a str {
        let district = |i: usize| ds.districts.get(i);
        let project = |i: usize| ds.projects.get(i);
        let found = match (self.target, self.field) {
            (Target::District(d), Field::DistrictName) => district(d).map(|d| d.name.as_str()),
            (Target::District(d), Field::DistrictShort) => {
                district(d).and_then(|d| d.short.as_deref())
            }
            (Target::District(d), Field::Hq) => district(d).and_then(|d| d.hq.as_deref()),
            (Target::District(d), Field::Municipality(i)) => {
                district(d).and_then(|d| d.municipalities.get(i).map(String::as_str))
            }
            (Target::Project(p), Field::ProjectName) => project(p).map(|p| p.name()),
            (Target::Project(p), Field::Partner(i)) => project(p).and_then(|p| p.partners().nth(i)),
            (Target::Project(p), Field::Target) => project(p).and_then(|p| p.target()),
            (Target::Project(p), Field::Theme(i)) => project(p).and_then(|p| p.themes().nth(i)),
            _ => None,
        };
        found.unwrap_or("")
    }

    /// The district the hit belongs to (for a project: its district).
    pub fn district(&self, ds: &Dataset) -> Option<usize> {
        match self.target {
            Target::District(d) => (d < ds.districts.len()).then_some(d),
            Target::Project(p) => ds
                .projects
                .get(p)
                .map(|p| p.district)
                .filter(|&d| d < ds.districts.len()),
        }
    }

    /// A one-line description for a result list, e.g.
    /// `Vollsmose — målgruppe i projekt Bekæmpelse af … (Fyns Politi)`. Untruncated: the caller fits it
    /// to the width with `text::truncate`.
    pub fn describe(&self, ds: &Dataset, locale: Locale) -> String {
        let text = self.text(ds);
        let district_name = self
            .district(ds)
            .and_then(|d| ds.districts.get(d))
            .map(|d| d.name.as_str())
            .unwrap_or("");
        let (in_project, in_district) = match locale {
            Locale::Da => ("i projekt", "i"),
            Locale::En => ("in project", "in"),
        };
        match self.target {
            Target::District(_)
                if matches!(self.field, Field::DistrictName | Field::DistrictShort) =>
            {
                district_name.to_string()
            }
            Target::District(_) => format!(
                "{text} — {} {in_district} {district_name}",
                self.field.label(locale)
            ),
            Target::Project(p) => {
                let name = ds.projects.get(p).map(|p| p.name()).unwrap_or("");
                if matches!(self.field, Field::ProjectName) {
                    format!("{text} ({district_name})")
                } else if names_itself_a_project(name) {
                    // `partner i Projekt Hele vejen rundt`, not `partner i projekt Projekt …`.
                    format!(
                        "{text} — {} {in_district} {name} ({district_name})",
                        self.field.label(locale)
                    )
                } else {
                    format!(
                        "{text} — {} {in_project} {name} ({district_name})",
                        self.field.label(locale)
                    )
                }
            }
        }
    }
}

/// Whether a project's name starts with the word "project" (in Danish or English, any case:
/// `Projekt Pin-point`), so a description need not say "project" before it.
fn names_itself_a_project(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    first.eq_ignore_ascii_case("projekt") || first.eq_ignore_ascii_case("project")
}

/// The hits of one query, best first, and how many targets matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// Number of hits in all (may exceed `hits.len()`, which is limited).
    pub total: usize,
    /// Whether the query was longer than [`MAX_QUERY_CHARS`] and only its start was searched.
    pub capped: bool,
}

/// All distinct texts of one form, separated by `\n` (which folding never produces).
#[derive(Debug, Default)]
struct Forms {
    buf: Vec<u8>,
    /// `starts[i]` is where text `i` begins; one extra entry at the end (`buf.len()`), so text `i`
    /// is `buf[starts[i]..starts[i + 1] - 1]` (without its separator).
    starts: Vec<u32>,
    /// Per text: which ASCII letters and digits occur, start a word, or are a word by themselves.
    masks: Vec<Masks>,
}

impl Forms {
    fn push(&mut self, text: &str) {
        self.masks.push(Masks::of(text.as_bytes()));
        self.starts.push(self.buf.len() as u32);
        self.buf.extend_from_slice(text.as_bytes());
        self.buf.push(b'\n');
    }

    fn finish(&mut self) {
        self.starts.push(self.buf.len() as u32);
    }

    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// For every text containing `needle`, lowers `best[text]` to the best match kind in it.
    fn scan(&self, needle: &[u8], best: &mut [u8]) {
        if let [b] = needle
            && let Some(bit) = byte_bit(*b)
        {
            return self.scan_byte(bit, best);
        }
        self.scan_finder(needle, best);
    }

    /// The general path: SIMD substring search over the whole buffer.
    fn scan_finder(&self, needle: &[u8], best: &mut [u8]) {
        if needle.is_empty() {
            return;
        }
        let finder = memmem::Finder::new(needle);
        let mut pos = 0usize;
        let mut text = 0usize;
        while let Some(found) = self.buf.get(pos..).and_then(|rest| finder.find(rest)) {
            let at = pos + found;
            // Advance to the text containing `at` (matches never span the `\n` separators).
            text = self.text_at(text, at);
            let (Some(&start), Some(&end)) = (self.starts.get(text), self.starts.get(text + 1))
            else {
                break;
            };
            let (start, end) = (start as usize, (end as usize).saturating_sub(1));
            let text_bytes = self.buf.get(start..end).unwrap_or(&[]);
            // `at` is the first occurrence in this text: look for better ones after it, then go on
            // with the next text (one search call per matching text, not per occurrence).
            let kind = best_kind(text_bytes, needle, at.saturating_sub(start));
            if let Some(slot) = best.get_mut(text) {
                *slot = (*slot).min(kind as u8);
            }
            pos = end + 1;
        }
    }

    /// The text containing byte `at`, searching forward from text `from` (galloping: matches are
    /// usually in one of the next few texts, so this is cheaper than a binary search over all).
    fn text_at(&self, from: usize, at: usize) -> usize {
        let ahead = self.starts.get(from + 1..).unwrap_or(&[]);
        let mut bound = 1;
        while bound < ahead.len() && ahead.get(bound).is_some_and(|&s| s as usize <= at) {
            bound *= 2;
        }
        let window = ahead.get(..bound.min(ahead.len())).unwrap_or(&[]);
        from + window.partition_point(|&s| s as usize <= at)
    }

    /// One ASCII letter or digit: answered from the precomputed masks, no scan at all.
    fn scan_byte(&self, bit: u32, best: &mut [u8]) {
        let flag = 1u64 << bit;
        for (slot, m) in best.iter_mut().zip(&self.masks) {
            let kind = if m.single & flag != 0 {
                MatchKind::WholeWord
            } else if m.word_start & flag != 0 {
                MatchKind::Prefix
            } else if m.has & flag != 0 {
                MatchKind::Substring
            } else {
                continue;
            };
            *slot = (*slot).min(kind as u8);
        }
    }
}

/// Which letters and digits a text has, starts words with, and has as one-character words.
#[derive(Debug, Clone, Copy, Default)]
struct Masks {
    has: u64,
    word_start: u64,
    single: u64,
}

impl Masks {
    fn of(text: &[u8]) -> Masks {
        let mut m = Masks::default();
        for (i, &b) in text.iter().enumerate() {
            let Some(bit) = byte_bit(b) else { continue };
            let flag = 1u64 << bit;
            m.has |= flag;
            if i == 0 || text.get(i - 1).is_none_or(|&p| !is_word_byte(p)) {
                m.word_start |= flag;
                if text.get(i + 1).is_none_or(|&n| !is_word_byte(n)) {
                    m.single |= flag;
                }
            }
        }
        m
    }
}

/// Bit number of an ASCII letter (0..26) or digit (26..36).
fn byte_bit(b: u8) -> Option<u32> {
    match b {
        b'a'..=b'z' => Some(u32::from(b - b'a')),
        b'0'..=b'9' => Some(26 + u32::from(b - b'0')),
        _ => None,
    }
}

/// The best kind of match of `needle` in `text`, given its first occurrence at `first`. Later
/// occurrences can only be better when they start a word, so only the positions of the needle's
/// first byte are visited (`memchr`, SIMD), not every byte: for `ko` in `… Kommune` texts this is
/// one short `memchr` per text instead of a byte loop over the rest of it.
fn best_kind(text: &[u8], needle: &[u8], first: usize) -> MatchKind {
    let mut best = classify(text, first, needle.len());
    let Some(&lead) = needle.first() else {
        return best;
    };
    let mut from = first + 1;
    while best != MatchKind::WholeWord {
        let Some(found) = text.get(from..).and_then(|rest| memchr::memchr(lead, rest)) else {
            break;
        };
        let i = from + found;
        let at_word_start = i == 0 || text.get(i - 1).is_some_and(|&p| !is_word_byte(p));
        if at_word_start && text.get(i..).is_some_and(|rest| rest.starts_with(needle)) {
            best = best.min(classify(text, i, needle.len()));
        }
        from = i + 1;
    }
    best
}

fn is_word_byte(b: u8) -> bool {
    // Non-ASCII bytes belong to letters of other scripts (folding removed Latin diacritics).
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn classify(text: &[u8], at: usize, len: usize) -> MatchKind {
    let starts_word = at == 0 || text.get(at - 1).is_none_or(|&b| !is_word_byte(b));
    if !starts_word {
        return MatchKind::Substring;
    }
    let ends_word = text.get(at + len).is_none_or(|&b| !is_word_byte(b));
    if ends_word {
        MatchKind::WholeWord
    } else {
        MatchKind::Prefix
    }
}

/// One place a text occurs: which target and field. `order` is districts first, then projects.
/// Packed to 12 bytes (700,000 of them at 100,000 projects); list indices above `u32::MAX` cannot
/// occur in memory-sized data and are clamped.
#[derive(Debug, Clone, Copy)]
struct Posting {
    order: u32,
    item: u32,
    tag: u8,
}

impl Posting {
    fn new(order: usize, field: Field) -> Posting {
        let clamp = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let (tag, item) = match field {
            Field::DistrictName => (0, 0),
            Field::DistrictShort => (1, 0),
            Field::Hq => (2, 0),
            Field::Municipality(i) => (3, clamp(i)),
            Field::ProjectName => (4, 0),
            Field::Partner(i) => (5, clamp(i)),
            Field::Target => (6, 0),
            Field::Theme(i) => (7, clamp(i)),
        };
        Posting {
            order: clamp(order),
            item,
            tag,
        }
    }

    fn field(self) -> Field {
        let item = self.item as usize;
        match self.tag {
            0 => Field::DistrictName,
            1 => Field::DistrictShort,
            2 => Field::Hq,
            3 => Field::Municipality(item),
            4 => Field::ProjectName,
            5 => Field::Partner(item),
            6 => Field::Target,
            _ => Field::Theme(item),
        }
    }

    fn is_name(self) -> bool {
        matches!(self.tag, 0 | 1 | 4)
    }
}

/// The search index over one dataset. Build once per (re)load (off the UI thread for big files: see
/// `watch::Prepared`); query on every keystroke.
#[derive(Default)]
pub struct SearchIndex {
    /// The canonical form of every text; text ids index it.
    canonical: Forms,
    /// Literal forms of only the texts whose literal form differs from the canonical one (those
    /// with `aa`, `ae` or `oe`); `literal_ids[i]` is the text id of its `i`-th entry. For the other
    /// texts the literal form *is* the canonical form, searched in `canonical` (see `query_with_limit`).
    literal: Forms,
    literal_ids: Vec<u32>,
    /// Canonical forms with punctuation left out (`pinpoint` for `Pin-point`), of only the texts
    /// with punctuation; `joined_ids[i]` is the text id of its `i`-th entry.
    joined: Forms,
    joined_ids: Vec<u32>,
    /// Postings of text `i`: `postings[posting_starts[i]..posting_starts[i + 1]]`, in target order.
    posting_starts: Vec<u32>,
    postings: Vec<Posting>,
    districts: usize,
    targets: usize,
}

impl std::fmt::Debug for SearchIndex {
    /// A summary: the buffers run to megabytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("texts", &self.canonical.len())
            .field(
                "bytes",
                &(self.literal.buf.len() + self.canonical.buf.len()),
            )
            .field("postings", &self.postings.len())
            .field("targets", &self.targets)
            .finish()
    }
}

impl SearchIndex {
    /// Folds every searchable text of `ds` once. Identical texts (after folding) are stored once.
    pub fn build<'d>(ds: &'d Dataset) -> SearchIndex {
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut lists: Vec<Vec<Posting>> = Vec::new();
        let mut literal = Forms::default();
        let mut canonical = Forms::default();
        let mut literal_ids = Vec::new();
        let mut joined = Forms::default();
        let mut joined_ids = Vec::new();
        // Partners, themes and target groups repeat as written: fold each distinct spelling once.
        let mut raw_ids: HashMap<&'d str, u32> = HashMap::default();
        let mut add = |text: &'d str, order: usize, field: Field| {
            let posting = Posting::new(order, field);
            if let Some(&id) = raw_ids.get(text) {
                if let Some(list) = lists.get_mut(id as usize) {
                    list.push(posting);
                }
                return;
            }
            let lit = fold_search(text);
            let lit = lit.trim();
            if lit.is_empty() {
                return;
            }
            if let Some(&id) = ids.get(lit) {
                if let Some(list) = lists.get_mut(id as usize) {
                    list.push(posting);
                }
                raw_ids.insert(text, id);
                return;
            }
            let id = lists.len() as u32;
            raw_ids.insert(text, id);
            let canon = collapse(lit);
            canonical.push(&canon);
            if canon != lit {
                literal.push(lit);
                literal_ids.push(id);
            }
            let join = collapse(fold_joined(text).trim());
            if join != canon {
                joined.push(&join);
                joined_ids.push(id);
            }
            ids.insert(lit.to_string(), id);
            lists.push(vec![posting]);
        };
        for (i, d) in ds.districts.iter().enumerate() {
            add(&d.name, i, Field::DistrictName);
            if let Some(s) = &d.short {
                add(s, i, Field::DistrictShort);
            }
            if let Some(hq) = &d.hq {
                add(hq, i, Field::Hq);
            }
            for (m, name) in d.municipalities.iter().enumerate() {
                add(name, i, Field::Municipality(m));
            }
        }
        let base = ds.districts.len();
        for (i, p) in ds.projects.iter().enumerate() {
            let order = base + i;
            add(p.name(), order, Field::ProjectName);
            for (k, partner) in p.partners().enumerate() {
                add(partner, order, Field::Partner(k));
            }
            if let Some(t) = p.target() {
                add(t, order, Field::Target);
            }
            for (k, theme) in p.themes().enumerate() {
                add(theme, order, Field::Theme(k));
            }
        }
        literal.finish();
        canonical.finish();
        joined.finish();
        let mut posting_starts = Vec::with_capacity(lists.len() + 1);
        let mut postings = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for list in lists {
            posting_starts.push(postings.len() as u32);
            postings.extend(list);
        }
        posting_starts.push(postings.len() as u32);
        SearchIndex {
            literal,
            canonical,
            literal_ids,
            joined,
            joined_ids,
            posting_starts,
            postings,
            districts: ds.districts.len(),
            targets: ds.districts.len() + ds.projects.len(),
        }
    }

    /// Number of distinct folded texts in the index.
    pub fn texts(&self) -> usize {
        self.canonical.len()
    }

    /// The best [`DEFAULT_LIMIT`] hits for `query`. An empty or blank query has no hits.
    pub fn query(&self, query: &str) -> Vec<Hit> {
        self.query_with_limit(query, DEFAULT_LIMIT).hits
    }

    /// The best `limit` hits for `query`, and the number of matching targets in all.
    /// Only the first [`MAX_QUERY_CHARS`] characters of `query` are searched, so a query costs the
    /// same whatever its length.
    pub fn query_with_limit(&self, query: &str, limit: usize) -> SearchResults {
        let part = searched_part(query);
        let capped = part.len() < query.len();
        SearchResults {
            capped,
            ..self.query_part(part, limit)
        }
    }

    fn query_part(&self, query: &str, limit: usize) -> SearchResults {
        let lit = fold_search(query);
        let lit = lit.trim();
        if lit.is_empty() || self.targets == 0 {
            return SearchResults::default();
        }
        let canon = collapse(lit);
        let join = collapse(fold_joined(query).trim());
        // A text matches when the query's literal form is in its literal form, or the query's
        // canonical form in its canonical form. Most texts have no `aa`/`ae`/`oe`, so their literal
        // form is their canonical form and one scan of `canonical` answers for them: with equal
        // query forms the two tests are the same test, and otherwise the query's literal form holds
        // a digraph that such a text cannot contain. Only the texts with a digraph need the literal
        // scan too. So a query costs one full scan plus a small one (every match costs a search call
        // and a classification: for `ko` over the 100k file this was most of the time).
        let mut best = vec![u8::MAX; self.canonical.len()];
        self.canonical.scan(canon.as_bytes(), &mut best);
        let mut other = vec![u8::MAX; self.literal.len()];
        self.literal.scan(lit.as_bytes(), &mut other);
        for (&id, kind) in self.literal_ids.iter().zip(other) {
            if let Some(slot) = best.get_mut(id as usize) {
                *slot = (*slot).min(kind);
            }
        }
        // Punctuation joins words too: `pinpoint` finds `Pin-point` (in the joined forms), and
        // `pin-point` finds `Pinpoint` (its joined form in the canonical ones).
        if !join.is_empty() {
            let mut joined = vec![u8::MAX; self.joined.len()];
            self.joined.scan(join.as_bytes(), &mut joined);
            for (&id, kind) in self.joined_ids.iter().zip(joined) {
                if let Some(slot) = best.get_mut(id as usize) {
                    *slot = (*slot).min(kind);
                }
            }
            if join != canon {
                self.canonical.scan(join.as_bytes(), &mut best);
            }
        }

        // One hit per target for its name (its best name match: district name and short name
        // read the same in the list) and one per other field and text (`København` as the head
        // office and as a municipality of Københavns Politi are two hits; a partner named twice in
        // one project is one).
        let mut names = vec![u64::MAX; self.targets];
        // Other-field hits per kind: how many, and the first `limit` in target order (a bounded
        // max-heap: a common word like `ko` has tens of thousands; keeping them all and sorting
        // cost more than the scans).
        let mut others: [std::collections::BinaryHeap<(u32, u8, u32, u32)>; 3] = Default::default();
        let mut other_counts = [0usize; 3];
        for (text, &kind) in best.iter().enumerate() {
            if kind == u8::MAX {
                continue;
            }
            let (Some(&from), Some(&to)) = (
                self.posting_starts.get(text),
                self.posting_starts.get(text + 1),
            ) else {
                continue;
            };
            let mut last: Option<(u32, u8)> = None;
            for (idx, p) in
                (from..to).zip(self.postings.get(from as usize..to as usize).unwrap_or(&[]))
            {
                if p.is_name() {
                    let key = (u64::from(kind) << 40) | u64::from(idx);
                    if let Some(slot) = names.get_mut(p.order as usize) {
                        *slot = (*slot).min(key);
                    }
                } else if last != Some((p.order, p.tag)) {
                    // A text's postings are in target order, a target's fields in file order: the
                    // same field of the same target with this text is the one just seen.
                    last = Some((p.order, p.tag));
                    let k = usize::from(kind);
                    if let (Some(heap), Some(n)) = (others.get_mut(k), other_counts.get_mut(k)) {
                        *n += 1;
                        let key = (p.order, p.tag, p.item, idx);
                        if heap.len() < limit {
                            heap.push(key);
                        } else if heap.peek().is_some_and(|top| key < *top) {
                            heap.pop();
                            heap.push(key);
                        }
                    }
                }
            }
        }
        // Order: kind, then names before other fields, then target order (then field order).
        let mut by_kind: [Vec<u32>; 3] = Default::default();
        for &key in &names {
            if key != u64::MAX
                && let Some(v) = by_kind.get_mut((key >> 40) as usize)
            {
                v.push(key as u32);
            }
        }
        let total =
            by_kind.iter().map(Vec::len).sum::<usize>() + other_counts.iter().sum::<usize>();
        let mut ranked: Vec<(usize, u32)> = Vec::with_capacity(limit.min(total));
        for (kind, (names, rest)) in by_kind.into_iter().zip(others).enumerate() {
            for idx in names {
                if ranked.len() >= limit {
                    break;
                }
                ranked.push((kind, idx));
            }
            if ranked.len() >= limit {
                break;
            }
            for (_, _, _, idx) in rest.into_sorted_vec() {
                if ranked.len() >= limit {
                    break;
                }
                ranked.push((kind, idx));
            }
        }
        let hits = ranked
            .iter()
            .filter_map(|&(kind, idx)| {
                let p = self.postings.get(idx as usize)?;
                let kind = match kind {
                    0 => MatchKind::WholeWord,
                    1 => MatchKind::Prefix,
                    _ => MatchKind::Substring,
                };
                let order = p.order as usize;
                let target = if order < self.districts {
                    Target::District(order)
                } else {
                    Target::Project(order - self.districts)
                };
                Some(Hit {
                    target,
                    field: p.field(),
                    kind,
                })
            })
            .collect();
        SearchResults {
            hits,
            total,
            capped: false,
        }
    }
}

/// The key a theme is grouped and filtered by: trimmed and lower-cased (Unicode-aware).
pub fn theme_key(theme: &str) -> String {
    theme.trim().to_lowercase()
}

/// Whether `project` has `theme`, compared case-insensitively (see [`theme_key`]). Allocation-free, so
/// filtering 100,000 projects stays cheap.
pub fn project_has_theme(project: &crate::data::Project, theme: &str) -> bool {
    project.themes().any(|t| same_theme(t, theme))
}

/// Whether two theme names are the same theme: equal after trimming and lower-casing.
pub fn same_theme(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    // Lower-casing ASCII never changes its length, so two ASCII strings that were not equal above
    // cannot be equal below; only non-ASCII text needs the Unicode comparison.
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The themes of the dataset with the number of projects carrying each, for the theme pick list.
/// Themes that differ only in case are one theme, shown as first written in the file. Sorted by name
/// (Danish order, see [`crate::text::fold::collation_key`]); use [`themes_by_count`] for most-used first.
/// For repeated use on big data, build a [`ThemeIndex`] once per load instead.
pub fn themes(ds: &Dataset) -> Vec<(String, usize)> {
    ThemeIndex::build(ds).themes(Locale::Da)
}

/// [`themes`], most-used first; ties in Danish name order.
pub fn themes_by_count(ds: &Dataset) -> Vec<(String, usize)> {
    let mut out = themes(ds);
    out.sort_by_key(|t| std::cmp::Reverse(t.1));
    out
}

/// Which projects carry each theme (case-insensitively), built once per load (`watch::Prepared`). Makes the theme pick
/// list and a theme filter over 100,000 projects cheap: the filter walks only the matching projects
/// instead of every project's theme strings (which are scattered over the heap).
#[derive(Debug, Clone, Default)]
pub struct ThemeIndex {
    /// Display name (first spelling in the file) and project indices in file order, deduplicated.
    entries: Vec<(String, Vec<u32>)>,
    by_key: HashMap<String, usize>,
}

impl ThemeIndex {
    pub fn build(ds: &Dataset) -> ThemeIndex {
        // Themes repeat across projects as written: look the raw text up first, so each distinct
        // spelling is lower-cased once, not once per project.
        let mut by_raw: HashMap<&str, Option<usize>> = HashMap::default();
        let mut index = ThemeIndex::default();
        for (pi, p) in ds.projects.iter().enumerate() {
            for t in p.themes() {
                let slot = *by_raw.entry(t).or_insert_with(|| {
                    let key = theme_key(t);
                    if key.is_empty() {
                        return None;
                    }
                    let entries = &mut index.entries;
                    Some(*index.by_key.entry(key).or_insert_with(|| {
                        entries.push((t.trim().to_string(), Vec::new()));
                        entries.len() - 1
                    }))
                });
                let Some(slot) = slot else { continue };
                if let Some((_, projects)) = index.entries.get_mut(slot) {
                    // Projects are visited in order, so a repeat within one project is the last entry.
                    if projects.last() != Some(&(pi as u32)) {
                        projects.push(pi as u32);
                    }
                }
            }
        }
        index
    }

    /// Number of distinct themes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Theme names with project counts, in the name order of `locale`.
    pub fn themes(&self, locale: Locale) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = self
            .entries
            .iter()
            .map(|(name, projects)| (name.clone(), projects.len()))
            .collect();
        out.sort_by_cached_key(|(name, _)| crate::text::fold::collation_key(name, locale));
        out
    }

    /// Indices of the projects carrying `theme` (any case), in file order; empty for an unknown theme.
    pub fn projects_with(&self, theme: &str) -> &[u32] {
        self.by_key
            .get(&theme_key(theme))
            .and_then(|&i| self.entries.get(i))
            .map(|(_, p)| p.as_slice())
            .unwrap_or(&[])
    }
}

/// A freshly loaded dataset with the indexes the dashboard needs, all built off the UI thread (at
/// 100,000 projects the search index takes ~0.3 s to build; the swap-in itself is then free).
#[derive(Debug)]
pub struct Prepared {
    pub dataset: Dataset,
    pub search: SearchIndex,
    pub themes: ThemeIndex,
    /// `search` is left empty, to be built after the first frame (see [`Prepared::without_search`]).
    pub search_pending: bool,
}

impl Prepared {
    /// Builds the indexes for `dataset` on the calling thread (also used for the first load).
    pub fn new(dataset: Dataset) -> Prepared {
        // The two indexes only read the dataset: build the theme index on a second thread while
        // this one folds the texts, so the first frame of a big file waits for the search index
        // alone. Where no thread can be started, both are built here.
        let (search, themes) = std::thread::scope(|s| {
            let themes =
                std::thread::Builder::new().spawn_scoped(s, || ThemeIndex::build(&dataset));
            let search = SearchIndex::build(&dataset);
            let themes = match themes.map(|h| h.join()) {
                Ok(Ok(themes)) => themes,
                _ => ThemeIndex::build(&dataset),
            };
            (search, themes)
        });
        Prepared {
            dataset,
            search,
            themes,
            search_pending: false,
        }
    }

    /// The dataset with its theme index only (the first frame's figures need it), for the
    /// dashboard's start-up: the search index is built on another thread after the first frame is
    /// on the screen (`Msg::SearchIndexBuilt`). At 1,000,000 projects it takes as long as the load
    /// itself, which the first frame then no longer waits for.
    pub fn without_search(dataset: Dataset) -> Prepared {
        let themes = ThemeIndex::build(&dataset);
        Prepared {
            dataset,
            search: SearchIndex::default(),
            themes,
            search_pending: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::testdata::{danish, dataset, district, project};

    /// The targets hit, in rank order, each once.
    fn targets(index: &SearchIndex, q: &str) -> Vec<Target> {
        let mut out: Vec<Target> = Vec::new();
        for h in index.query(q) {
            if !out.contains(&h.target) {
                out.push(h.target);
            }
        }
        out
    }

    #[test]
    fn ascii_spellings_find_danish_names() {
        let ds = danish();
        let index = SearchIndex::build(&ds);
        for q in [
            "kobenhavn",
            "koebenhavn",
            "københavn",
            "KØBENHAVN",
            "Kobenhavns",
        ] {
            let t = targets(&index, q);
            assert!(t.contains(&Target::District(0)), "{q}: {t:?}");
            assert!(t.contains(&Target::District(1)), "{q}: {t:?}");
        }
        for q in ["aarhus", "århus", "arhus", "Århus"] {
            let t = targets(&index, q);
            assert_eq!(t, [Target::District(3), Target::Project(3)], "{q}");
        }
        assert_eq!(targets(&index, "aero"), [Target::District(2)], "Ærø");
        assert_eq!(targets(&index, "roenne"), [Target::District(4)], "Rønne");
        assert_eq!(targets(&index, "ronne"), [Target::District(4)]);
        assert_eq!(targets(&index, "ekstraordinaert"), [Target::Project(3)]);
    }

    #[test]
    fn vollsmose_is_found_while_typing() {
        let ds = danish();
        let index = SearchIndex::build(&ds);
        for n in 3..="vollsmose".len() {
            let q = &"vollsmose"[..n];
            let hits = index.query(q);
            // The project's name and its target group: one project.
            assert!(hits.iter().all(|h| h.target == Target::Project(0)), "{q}");
            assert_eq!(hits[0].field, Field::ProjectName, "{q}");
        }
        let hit = index.query("Vollsmose")[0];
        // The project name ends in "i Vollsmose": a whole word in a name beats the target field.
        assert_eq!(hit.field, Field::ProjectName);
        assert_eq!(hit.kind, MatchKind::WholeWord);
        assert_eq!(
            hit.describe(&ds, Locale::Da),
            "Bekæmpelse af rocker- og bandeproblematikker i Vollsmose (Fyns Politi)"
        );
    }

    #[test]
    fn hits_know_their_field_and_text() {
        let ds = danish();
        let index = SearchIndex::build(&ds);
        let hits = index.query("herlev");
        // The municipality (district 1) and the partner (project 1).
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].target, Target::District(1));
        assert_eq!(hits[0].field, Field::Municipality(1));
        assert_eq!(hits[0].text(&ds), "Herlev");
        assert_eq!(hits[1].target, Target::Project(1));
        assert_eq!(hits[1].field, Field::Partner(0));
        assert_eq!(hits[1].text(&ds), "Herlev Kommune");
        assert_eq!(hits[1].district(&ds), Some(1));
        assert_eq!(
            hits[1].describe(&ds, Locale::Da),
            "Herlev Kommune — partner i Projekt partnerskabsaftaler (Københavns Vestegns Politi)"
        );
        assert_eq!(
            hits[1].describe(&ds, Locale::En),
            "Herlev Kommune — partner in Projekt partnerskabsaftaler (Københavns Vestegns Politi)"
        );
        // A name that does not start with the word keeps it: `tema i projekt Bekæmpelse af …`.
        let tryghed = index.query("tryghed")[0];
        assert_eq!(
            tryghed.describe(&ds, Locale::Da),
            "tryghed — tema i projekt Bekæmpelse af rocker- og bandeproblematikker i Vollsmose \
             (Fyns Politi)"
        );
        assert_eq!(
            tryghed.describe(&ds, Locale::En),
            "tryghed — theme in project Bekæmpelse af rocker- og bandeproblematikker i Vollsmose \
             (Fyns Politi)"
        );
        assert!(names_itself_a_project("PROJEKT x") && names_itself_a_project("Project"));
        assert!(!names_itself_a_project("Projektet x") && !names_itself_a_project(""));
        assert_eq!(
            hits[0].describe(&ds, Locale::En),
            "Herlev — municipality in Københavns Vestegns Politi"
        );
        let theme = index.query("rekruttering")[0];
        assert_eq!(theme.field, Field::Theme(1));
        assert_eq!(theme.text(&ds), "rekruttering");
    }

    #[test]
    fn ranking_whole_word_then_prefix_then_substring_names_first() {
        let mut a = project(0, "Sikker by", "1", &[]).parts();
        a.partners = vec!["Bystyret".into()];
        let a = crate::data::Project::from(a);
        let b = project(0, "Tryg by", "1", &[]);
        let c = project(0, "Byrådets pulje", "1", &["by"]);
        let d = project(0, "Nabohjælp", "1", &[]);
        let e = project(0, "Rybyen", "1", &[]);
        let ds = dataset(
            None,
            vec![district("d", "Ådalen", (0, 0))],
            vec![a, b, c, d, e],
        );
        let index = SearchIndex::build(&ds);
        let hits = index.query("by");
        let got: Vec<(Target, MatchKind, bool)> = hits
            .iter()
            .map(|h| (h.target, h.kind, h.field.is_name()))
            .collect();
        assert_eq!(
            got,
            [
                (Target::Project(0), MatchKind::WholeWord, true),
                (Target::Project(1), MatchKind::WholeWord, true),
                // Whole word in a theme beats a prefix in its own name.
                (Target::Project(2), MatchKind::WholeWord, false),
                (Target::Project(2), MatchKind::Prefix, true),
                (Target::Project(0), MatchKind::Prefix, false),
                (Target::Project(4), MatchKind::Substring, true),
            ]
        );
        // A target shows once per field and text: project 0's name and its partner are two
        // lines; project 2's theme and its name too.
        assert_eq!(hits[0].field, Field::ProjectName);
        assert_eq!(hits[4].field, Field::Partner(0));
        let prefix = index.query("byr");
        assert_eq!(prefix[0].kind, MatchKind::Prefix);
        assert_eq!(prefix[0].target, Target::Project(2));
    }

    #[test]
    fn literal_form_finds_what_collapsing_hides() {
        let p = project(0, "Israel og Michael", "1", &[]);
        let ds = dataset(None, vec![district("d", "D", (0, 0))], vec![p]);
        let index = SearchIndex::build(&ds);
        assert_eq!(targets(&index, "el"), [Target::Project(0)]);
        assert_eq!(targets(&index, "ae"), [Target::Project(0)]);
        assert_eq!(targets(&index, "michael"), [Target::Project(0)]);
        // A documented false match of the canonical form.
        assert_eq!(targets(&index, "michal"), [Target::Project(0)]);
        assert!(targets(&index, "mikael").is_empty());
    }

    #[test]
    fn limit_total_and_blank_queries() {
        let projects: Vec<_> = (0..50)
            .map(|i| project(0, &format!("Projekt {i}"), "1", &[]))
            .collect();
        let ds = dataset(None, vec![district("d", "D", (0, 0))], projects);
        let index = SearchIndex::build(&ds);
        let r = index.query_with_limit("projekt", 10);
        assert_eq!(r.total, 50);
        assert_eq!(r.hits.len(), 10);
        let order: Vec<Target> = r.hits.iter().map(|h| h.target).collect();
        assert_eq!(order, (0..10).map(Target::Project).collect::<Vec<_>>());
        assert_eq!(index.query_with_limit("projekt", 0).hits.len(), 0);
        assert!(index.query("").is_empty());
        assert!(index.query("   ").is_empty());
        assert!(index.query("\n").is_empty());
        assert!(index.query("zzz").is_empty());
        // Identical texts are stored once.
        assert!(index.texts() <= 52);
    }

    #[test]
    fn a_query_of_any_length_is_searched_by_its_first_characters() {
        let projects = vec![
            project(0, &"a".repeat(MAX_QUERY_CHARS + 50), "1", &[]),
            project(0, "Projekt b", "1", &[]),
        ];
        let ds = dataset(None, vec![district("d", "D", (0, 0))], projects);
        let index = SearchIndex::build(&ds);
        // A pasted page of text costs what its first characters cost: the rest is not read.
        let long = "å".repeat(100_000);
        assert_eq!(searched_part(&long).chars().count(), MAX_QUERY_CHARS);
        assert_eq!(searched_part(&long).len(), MAX_QUERY_CHARS * 'å'.len_utf8());
        assert_eq!(searched_part("kobenhavn"), "kobenhavn");
        let long = "a".repeat(100_000);
        let r = index.query_with_limit(&long, 10);
        assert!(r.capped, "the prompt can say that the query was cut");
        let cut = index.query_with_limit(&"a".repeat(MAX_QUERY_CHARS), 10);
        assert!(!cut.capped);
        assert_eq!(r.hits, cut.hits);
        assert_eq!(r.hits.len(), 1, "the long name is found by its start");
        assert!(!index.query_with_limit("projekt", 10).capped);
        assert!(
            !index
                .query_with_limit(&"b".repeat(MAX_QUERY_CHARS), 10)
                .capped
        );
    }

    #[test]
    fn empty_dataset_and_odd_queries_do_not_panic() {
        let ds = dataset(None, vec![], vec![]);
        let index = SearchIndex::build(&ds);
        assert!(index.query("a").is_empty());
        let ds = danish();
        let index = SearchIndex::build(&ds);
        for q in [
            "\u{0}",
            "é",
            "\u{301}",
            "a\nb",
            "🦀",
            "ø ø",
            &"x".repeat(10_000),
        ] {
            let _ = index.query(q);
        }
        // A hit from another dataset resolves to nothing instead of panicking.
        let stale = Hit {
            target: Target::Project(99),
            field: Field::Partner(7),
            kind: MatchKind::Substring,
        };
        assert_eq!(stale.text(&ds), "");
        assert_eq!(stale.district(&ds), None);
    }

    #[test]
    fn hits_only_shrink_as_the_query_grows() {
        let ds = danish();
        let index = SearchIndex::build(&ds);
        let word = "københavns vestegns politi";
        let mut previous: Option<Vec<Target>> = None;
        for (i, _) in word.char_indices().skip(1) {
            let mut now = targets(&index, &word[..i]);
            now.sort();
            if let Some(prev) = &previous {
                assert!(now.iter().all(|t| prev.contains(t)), "{}", &word[..i]);
            }
            previous = Some(now);
        }
    }

    #[test]
    fn themes_are_counted_case_insensitively_and_sorted() {
        let ds = danish();
        assert_eq!(
            themes(&ds),
            [
                ("bander".to_string(), 3),
                ("misbrug".to_string(), 1),
                ("rekruttering".to_string(), 1),
                ("rockere".to_string(), 1),
                ("tryghed".to_string(), 1),
                ("unge".to_string(), 2),
            ]
        );
        assert_eq!(
            themes_by_count(&ds)[..2],
            [("bander".to_string(), 3), ("unge".to_string(), 2)]
        );
        let p = project(0, "x", "1", &["Tryghed", "tryghed ", "Ældre"]);
        let ds2 = dataset(None, vec![district("d", "D", (0, 0))], vec![p.clone()]);
        assert_eq!(
            themes(&ds2),
            [("Tryghed".to_string(), 1), ("Ældre".to_string(), 1)]
        );
        let ti = ThemeIndex::build(&ds);
        assert_eq!(ti.len(), 6);
        assert_eq!(ti.projects_with("BANDER"), [0, 1, 2]);
        assert_eq!(ti.projects_with(" unge "), [1, 3]);
        assert!(ti.projects_with("nope").is_empty());
        assert_eq!(ti.themes(Locale::En), themes(&ds));
        let ti2 = ThemeIndex::build(&ds2);
        assert_eq!(
            ti2.projects_with("tryghed"),
            [0],
            "counted once per project"
        );
        assert!(project_has_theme(&p, "TRYGHED"));
        assert!(project_has_theme(&p, "ældre"));
        assert!(!project_has_theme(&p, "tryg"));
    }

    #[test]
    fn postings_pack_and_unpack_every_field() {
        for field in [
            Field::DistrictName,
            Field::DistrictShort,
            Field::Hq,
            Field::Municipality(9),
            Field::ProjectName,
            Field::Partner(3),
            Field::Target,
            Field::Theme(70_000),
        ] {
            let p = Posting::new(12, field);
            assert_eq!(p.field(), field);
            assert_eq!(p.is_name(), field.is_name());
            assert_eq!(p.order, 12);
        }
        assert_eq!(std::mem::size_of::<Posting>(), 12);
    }

    #[test]
    fn district_hits_describe_the_district() {
        let ds = danish();
        let index = SearchIndex::build(&ds);
        let hit = index.query("fyn")[0];
        assert_eq!(hit.target, Target::District(2));
        assert_eq!(hit.describe(&ds, Locale::Da), "Fyns Politi");
        let hq = index.query("glostrup")[0];
        assert_eq!(hq.field, Field::Hq);
        assert_eq!(
            hq.describe(&ds, Locale::Da),
            "Glostrup — hovedsæde i Københavns Vestegns Politi"
        );
    }

    #[test]
    fn every_field_that_matches_shows_not_only_the_district_name() {
        let ds = crate::data::load_embedded();
        let index = SearchIndex::build(&ds);
        let lines: Vec<String> = index
            .query("kobenhavn")
            .iter()
            .map(|h| h.describe(&ds, Locale::Da))
            .collect();
        for want in [
            "Københavns Politi",
            "Københavns Vestegns Politi",
            "København — kommune i Københavns Politi",
            "København — hovedsæde i Københavns Politi",
        ] {
            assert!(lines.iter().any(|l| l == want), "{want}: {lines:#?}");
        }
        // Identical lines are shown once.
        let mut unique = lines.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), lines.len(), "{lines:#?}");
    }

    #[test]
    fn punctuation_folds_so_hyphenated_names_are_found_every_way() {
        let ds = crate::data::load_embedded();
        let index = SearchIndex::build(&ds);
        let pin = ds
            .projects
            .iter()
            .position(|p| p.name() == "Projekt Pin-point")
            .unwrap();
        for q in [
            "pinpoint",
            "pin point",
            "pin-point",
            "Pin-Point",
            "PIN–POINT",
            "pinp",
        ] {
            assert!(
                targets(&index, q).contains(&Target::Project(pin)),
                "{q}: {:?}",
                index.query(q)
            );
        }
        // And the other way: a query with a hyphen finds the word written together.
        let p = project(0, "Pinpoint", "1", &[]);
        let one = dataset(None, vec![district("d", "D", (0, 0))], vec![p]);
        let one = SearchIndex::build(&one);
        for q in ["pin-point", "pinpoint", "pin"] {
            assert_eq!(targets(&one, q), [Target::Project(0)], "{q}");
        }
        // The other folding rules still hold with punctuation about.
        assert!(targets(&index, "ringkobing-skjern").contains(&Target::District(2)));
        assert!(targets(&index, "ikast brande").contains(&Target::District(2)));
    }

    #[test]
    fn a_limited_query_is_the_prefix_of_the_full_ranking() {
        let ds = crate::data::testdata::generated(20, 15);
        let index = SearchIndex::build(&ds);
        for q in ["k", "ko", "a", "aa", "oe", "e", "nord", "1", "zz"] {
            let all = index.query_with_limit(q, usize::MAX);
            assert_eq!(all.total, all.hits.len(), "{q}");
            // The full ranking is sorted by (kind, names first, districts then projects in order);
            // a target has at most one name hit and no two hits of the same field and text.
            let key = |h: &Hit| (h.kind, !h.field.is_name(), h.target);
            assert!(all.hits.windows(2).all(|w| key(&w[0]) <= key(&w[1])), "{q}");
            let mut seen = std::collections::HashSet::new();
            for h in &all.hits {
                let kind = if h.field.is_name() {
                    "name".to_string()
                } else {
                    format!("{} {}", h.field.label(Locale::En), fold_search(h.text(&ds)))
                };
                assert!(seen.insert((h.target, kind)), "{q}: {h:?}");
            }
            for limit in [0, 1, 2, 7, 50, all.total, all.total + 1] {
                let some = index.query_with_limit(q, limit);
                assert_eq!(some.total, all.total, "{q} {limit}");
                assert_eq!(
                    some.hits[..],
                    all.hits[..limit.min(all.total)],
                    "{q} {limit}"
                );
            }
        }
    }

    #[test]
    fn single_character_fast_path_agrees_with_the_scan() {
        let ds = danish();
        let index = SearchIndex::build(&ds);
        for forms in [&index.literal, &index.canonical] {
            for b in (b'a'..=b'z').chain(b'0'..=b'9') {
                let mut fast = vec![u8::MAX; forms.len()];
                let mut slow = vec![u8::MAX; forms.len()];
                forms.scan(&[b], &mut fast);
                forms.scan_finder(&[b], &mut slow);
                assert_eq!(fast, slow, "{}", b as char);
            }
        }
    }

    #[test]
    fn matches_agree_with_a_brute_force_reference() {
        let ds = danish();
        let index = SearchIndex::build(&ds);
        let fields: Vec<(Target, String)> = ds
            .districts
            .iter()
            .enumerate()
            .flat_map(|(i, d)| {
                [d.name.clone()]
                    .into_iter()
                    .chain(d.short.clone())
                    .chain(d.hq.clone())
                    .chain(d.municipalities.clone())
                    .map(move |t| (Target::District(i), t))
            })
            .chain(ds.projects.iter().enumerate().flat_map(|(i, p)| {
                [p.name().to_string()]
                    .into_iter()
                    .chain(p.partners().map(str::to_string))
                    .chain(p.target().map(str::to_string))
                    .chain(p.themes().map(str::to_string))
                    .map(move |t| (Target::Project(i), t))
            }))
            .collect();
        let queries = [
            "a",
            "e",
            "ø",
            "æ",
            "å",
            "ko",
            "koe",
            "kø",
            "ob",
            "ben",
            "havns v",
            "po",
            "li",
            "ti",
            "i ",
            " i",
            "r-",
            "-p",
            "aa",
            "ae",
            "oe",
            "an",
            "de",
            "unge",
            "sø",
            "so",
            "samso",
            "ærø",
            "æro",
            "pinpoint",
            "pin point",
            "pin-point",
            "-",
            "ikastbrande",
        ];
        for q in queries {
            let ql = fold_search(q).trim().to_string();
            let qc = collapse(&ql);
            let qj = collapse(fold_joined(q).trim());
            let mut want: Vec<Target> = fields
                .iter()
                .filter(|(_, t)| {
                    let l = fold_search(t);
                    let c = collapse(l.trim());
                    let j = collapse(fold_joined(t).trim());
                    !ql.is_empty() && l.contains(&ql)
                        || !qc.is_empty() && c.contains(&qc)
                        || (!qj.is_empty() && (j.contains(&qj) || c.contains(&qj)))
                })
                .map(|(t, _)| *t)
                .collect();
            want.sort();
            want.dedup();
            let mut got = targets(&index, q);
            got.sort();
            got.dedup();
            assert_eq!(got, want, "{q:?}");
        }
    }
}
