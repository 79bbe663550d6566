//! Names: the runs of capitalised words of a text, and whether the
//! article licenses the ones a summary uses.
//!
//! Without a named-entity model, a name is a run of capitalised words
//! ("Chinese Foreign Minister Tang Jiaxuan", "Secretary of State Colin
//! Powell"), joined by "of", "and", hyphens; a capitalised word opening a
//! sentence is a name only when it is no common word. Titles ("Justice",
//! "Gov.") are left out on both sides, and the forms of a country are one
//! name ("U.S.", "United States", "American").
//!
//! A summary's run is supported when it can be cut into pieces that are each
//! a subsequence of one of the article's runs ("Tang" of "Tang Jiaxuan",
//! "President Bush" of "President George W. Bush"), where a cut lies only
//! between a piece that ends an article run and one that starts one ("U.S.",
//! then "Colin Powell", but not "Tang", then "Zemin"); or an acronym of words of
//! the article ("FDA", "MVP"); or words the article writes in lower case
//! ("Human Rights").

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::text::{norm, Tok};
use super::words::{
    alias, is_common_opener, is_month_lead, is_name_connector, is_title, month, MULTI_ALIASES,
    WEEKDAYS,
};

/// One capitalised word of a run.
#[derive(Debug, Clone)]
pub(super) struct NameWord {
    /// The compared form, aliases resolved ("#us" for "U.S.").
    pub(super) sym: String,
    /// The plain normal form ([`norm`]), for the lower-case licence.
    pub(super) plain: Vec<String>,
    pub(super) title: bool,
    /// Byte range in the text.
    pub(super) span: Range<usize>,
}

#[derive(Debug, Clone)]
pub(super) struct Run {
    pub(super) words: Vec<NameWord>,
    /// The run opens its sentence (or a quotation).
    pub(super) opening: bool,
}

impl Run {
    pub(super) fn span(&self) -> Range<usize> {
        self.words[0].span.start..self.words[self.words.len() - 1].span.end
    }

    /// The words to check: titles left out.
    pub(super) fn names(&self) -> impl Iterator<Item = &NameWord> {
        self.words.iter().filter(|w| !w.title)
    }
}

/// Where a token opens a sentence for capitalisation: first word of the
/// sentence, or right after an opening quotation mark, a colon, a bracket
/// or a dash.
fn openings(toks: &[Tok]) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    let mut seen_word = false;
    for (i, t) in toks.iter().enumerate() {
        let after_opener = i > 0 && {
            let p = &toks[i - 1];
            p.kind == super::text::TokKind::Mark
                && (matches!(
                    p.text,
                    ":" | "(" | "[" | "\u{2014}" | "\u{2013}" | "\u{201c}" | "\u{2018}" | "\u{ab}"
                ) || ((p.text == "\"" || p.text == "'") && p.space_before)
                    || (p.text == "-" && p.space_before))
        };
        out.push(!seen_word || after_opener);
        if t.kind != super::text::TokKind::Mark {
            seen_word = true;
        }
    }
    out
}

fn is_weekday(lower: &str) -> bool {
    WEEKDAYS.contains(&lower)
}

/// Whether `toks[i]`, a capitalised word, belongs to a name. `common` says
/// whether an opening word is a common word.
fn is_name_word(toks: &[Tok], i: usize, opening: bool, common: &dyn Fn(&str) -> bool) -> bool {
    let t = &toks[i];
    if !t.capitalized() || t.text == "I" {
        return false;
    }
    let lower = norm(t.text);
    if is_weekday(&lower) {
        return false;
    }
    if month(&lower).is_some() {
        // "May" is a name unless a date or a time phrase shows it a month.
        let dated = toks
            .get(i + 1)
            .is_some_and(|n| n.kind == super::text::TokKind::Number)
            || (i > 0 && {
                let before = norm(toks[i - 1].text);
                // Here "on May" and "this May" also show the month: a
                // name check must not take the month for a person.
                is_month_lead(&before) || matches!(before.as_str(), "on" | "this")
            });
        if lower != "may" || dated {
            return false;
        }
        if opening {
            return false;
        }
    }
    !(opening && !t.all_caps() && common(&lower))
}

/// The name runs of one sentence's tokens. `headline`: every word is
/// treated as opening (headlines capitalise common words).
pub(super) fn runs(toks: &[Tok], headline: bool, common: &dyn Fn(&str) -> bool) -> Vec<Run> {
    let open = openings(toks);
    let name: Vec<bool> = (0..toks.len())
        .map(|i| is_name_word(toks, i, headline || open[i], common))
        .collect();
    let mut out = Vec::new();
    let mut cur: Vec<(usize, bool)> = Vec::new();
    let mut i = 0;
    let close = |cur: &mut Vec<(usize, bool)>, out: &mut Vec<Run>| {
        if !cur.is_empty() {
            let idx: Vec<usize> = cur.iter().map(|&(i, _)| i).collect();
            out.push(make_run(toks, &idx, cur[0].1));
            cur.clear();
        }
    };
    while i < toks.len() {
        if name[i] {
            cur.push((i, headline || open[i]));
            i += 1;
            continue;
        }
        if !cur.is_empty() {
            let t = &toks[i];
            let lower = t.text.to_lowercase();
            let last = &toks[cur[cur.len() - 1].0];
            // "Gov. Bell": the period of an abbreviated title.
            let title_period = t.is_mark('.')
                && !t.space_before
                && is_title(&norm(last.text))
                && toks
                    .get(i + 1)
                    .is_some_and(|n| name.get(i + 1) == Some(&true) && n.space_before);
            let joined = (is_name_connector(&lower) || t.is_mark('&'))
                && (t.is_word() || !t.space_before || t.text == "&")
                && name.get(i + 1) == Some(&true)
                && !(t.is_mark('-') && toks[i + 1].space_before);
            if title_period || joined {
                i += 1;
                continue;
            }
        }
        close(&mut cur, &mut out);
        i += 1;
    }
    close(&mut cur, &mut out);
    out
}

fn make_run(toks: &[Tok], idx: &[usize], opening: bool) -> Run {
    let plain: Vec<String> = idx.iter().map(|&i| norm(toks[i].text)).collect();
    let mut words = Vec::new();
    let mut k = 0;
    while k < idx.len() {
        let multi = MULTI_ALIASES
            .iter()
            .find(|(a, b, _)| plain[k] == *a && plain.get(k + 1).is_some_and(|w| w == b));
        if let Some(&(_, _, sym)) = multi {
            words.push(NameWord {
                sym: sym.to_owned(),
                plain: vec![plain[k].clone(), plain[k + 1].clone()],
                title: false,
                span: toks[idx[k]].start..toks[idx[k + 1]].end,
            });
            k += 2;
            continue;
        }
        let w = &plain[k];
        words.push(NameWord {
            sym: alias(w).map_or_else(|| w.clone(), str::to_owned),
            plain: vec![w.clone()],
            title: is_title(w),
            span: toks[idx[k]].range(),
        });
        k += 1;
    }
    Run { words, opening }
}

/// The article's names, built once per article.
#[derive(Debug, Default)]
pub(super) struct NameIndex {
    /// Each run's compared forms, titles left out.
    runs: Vec<Vec<String>>,
    /// Runs each form occurs in.
    occurs: HashMap<String, Vec<usize>>,
    acronyms: HashSet<String>,
    /// Positions of each lower-case word of the article, in `stream`.
    lower_at: HashMap<String, Vec<usize>>,
    /// Every word of the article in plain normal form, in order.
    stream: Vec<String>,
    /// Words the article writes in lower case.
    pub(super) vocab_lower: HashSet<String>,
    /// The article's name words by their first three letters, for forms of
    /// one word ("Democrats" of "Democratic", "Fed" of "Federal").
    by_prefix: HashMap<String, Vec<String>>,
    /// Runs already indexed (an article repeats its names).
    seen: HashSet<Vec<String>>,
    /// Words that start, and that end, some run.
    starters: HashSet<String>,
    enders: HashSet<String>,
}

/// Longest run kept whole, in words; longest piece of a summary's run
/// looked up whole.
const MAX_RUN: usize = 32;
const MAX_PIECE: usize = 16;
/// Runs tried per piece: a word in more runs than this is a common one,
/// and enough of them have been tried to decide.
const MAX_RUNS_TRIED: usize = 256;
/// Lower-case uses of a word past which it is a common word, and a
/// phrase of it needs no lookup.
const COMMON_USES: usize = 10_000;

impl NameIndex {
    /// Start an index: the article's lower-case vocabulary must be known
    /// before its runs are found (an opening word the article also writes
    /// in lower case is a common word).
    pub(super) fn with_vocabulary(sentences: &[Vec<Tok>]) -> NameIndex {
        let mut ix = NameIndex::default();
        for toks in sentences {
            let open = openings(toks);
            for (i, t) in toks.iter().enumerate() {
                if !t.is_word() {
                    continue;
                }
                let w = norm(t.text);
                if !t.capitalized() {
                    ix.vocab_lower.insert(w.clone());
                    ix.lower_at
                        .entry(w.clone())
                        .or_default()
                        .push(ix.stream.len());
                } else if !open[i] {
                    // Not a lower-case use.
                }
                ix.stream.push(w);
            }
            ix.add_acronyms(toks);
        }
        ix
    }

    /// An opening word that is a common word, in this article.
    pub(super) fn is_common(&self, lower: &str) -> bool {
        is_common_opener(lower) || self.vocab_lower.contains(lower)
    }

    pub(super) fn add_run(&mut self, run: &Run) {
        let syms: Vec<String> = run.names().map(|w| w.sym.clone()).collect();
        // No name is this long: a longer run (a headline-cased page, a list
        // of names) is kept in pieces, which bounds the cost of a check.
        for part in syms.chunks(MAX_RUN) {
            self.add_syms(part.to_vec());
        }
        // Acronyms of the run's words ("ASEAN" of "Association of
        // Southeast Asian Nations"), titles included ("CEO").
        let initials: Vec<char> = run
            .words
            .iter()
            .flat_map(|w| w.plain.iter())
            .filter_map(|p| p.chars().next())
            .collect();
        add_windows(&mut self.acronyms, &initials);
    }

    fn add_syms(&mut self, syms: Vec<String>) {
        if syms.is_empty() || !self.seen.insert(syms.clone()) {
            return;
        }
        self.starters.insert(syms[0].clone());
        self.enders.insert(syms[syms.len() - 1].clone());
        let id = self.runs.len();
        for s in &syms {
            if let Some(p) = prefix(s) {
                let v = self.by_prefix.entry(p.to_owned()).or_default();
                if !v.contains(s) {
                    v.push(s.clone());
                }
            }
            let v = self.occurs.entry(s.clone()).or_default();
            if v.last() != Some(&id) {
                v.push(id);
            }
        }
        self.runs.push(syms);
    }

    /// Acronyms of every short window of the sentence's words, function
    /// words skipped ("mvp" of "most valuable player") or kept ("boe" of
    /// "Bank of England").
    fn add_acronyms(&mut self, toks: &[Tok]) {
        let words: Vec<String> = toks
            .iter()
            .filter(|t| t.is_word())
            .map(|t| norm(t.text))
            .collect();
        let all: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
        let content: Vec<char> = words
            .iter()
            .filter(|w| !is_name_connector(w) && *w != "the")
            .filter_map(|w| w.chars().next())
            .collect();
        add_windows(&mut self.acronyms, &all);
        add_windows(&mut self.acronyms, &content);
    }

    /// Whether a word of the summary is known to the article at all.
    pub(super) fn knows(&self, w: &NameWord) -> bool {
        self.occurs.contains_key(&w.sym)
            || self.acronyms.contains(&w.sym)
            || w.plain.iter().all(|p| self.vocab_lower.contains(p))
            || self.has_form_of(&w.sym)
    }

    /// Whether the article has another form of the name word `sym`: with
    /// an ending added or dropped ("Democrats", "Democratic"; "Iraq",
    /// "Iraqi"; "Canada", "Canadian"), or shortened ("Fed", "Federal").
    fn has_form_of(&self, sym: &str) -> bool {
        let Some(p) = prefix(sym) else {
            return false;
        };
        self.by_prefix
            .get(p)
            .is_some_and(|v| v.iter().any(|a| related_forms(sym, a)))
    }

    /// Whether the article licenses the summary's run `words` (titles
    /// already left out).
    pub(super) fn supports(&self, words: &[&NameWord]) -> bool {
        let n = words.len();
        if n == 0 {
            return true;
        }
        // reach[i][e]: the first i words are covered, the last piece
        // ending an article run (e = 1) or not (e = 0).
        let mut reach = vec![[false; 2]; n + 1];
        reach[0] = [false, true];
        for i in 0..n {
            if !reach[i][0] && !reach[i][1] {
                continue;
            }
            for j in i + 1..=n.min(i + MAX_PIECE) {
                let Some((starts, ends)) = self.piece(&words[i..j]) else {
                    continue;
                };
                if i == 0 || (reach[i][1] && starts) {
                    reach[j][usize::from(ends)] = true;
                }
            }
        }
        reach[n][0] || reach[n][1]
    }

    /// Whether `piece` is licensed by one article run (or an acronym, or
    /// lower-case words), and whether it can start / end an article run.
    fn piece(&self, piece: &[&NameWord]) -> Option<(bool, bool)> {
        if piece.len() == 1 && self.acronyms.contains(&piece[0].sym) {
            return Some((true, true));
        }
        if piece.len() == 1
            && !self.occurs.contains_key(&piece[0].sym)
            && self.has_form_of(&piece[0].sym)
        {
            return Some((true, true));
        }
        if self.lower_phrase(piece) {
            return Some((true, true));
        }
        let syms: Vec<&str> = piece.iter().map(|w| w.sym.as_str()).collect();
        if let [one] = syms.as_slice() {
            return self
                .occurs
                .contains_key(*one)
                .then(|| (self.starters.contains(*one), self.enders.contains(*one)));
        }
        let mut found: Option<(bool, bool)> = None;
        let runs = self.occurs.get(syms[0]).map_or(&[][..], Vec::as_slice);
        for &r in runs.iter().take(MAX_RUNS_TRIED) {
            if found == Some((true, true)) {
                break;
            }
            let run = &self.runs[r];
            if !is_subsequence(&syms, run) {
                continue;
            }
            let starts = run[0] == syms[0] && is_subsequence(&syms[1..], &run[1..]);
            let ends = run[run.len() - 1] == syms[syms.len() - 1]
                && is_subsequence(&syms[..syms.len() - 1], &run[..run.len() - 1]);
            let f = found.get_or_insert((false, false));
            f.0 |= starts;
            f.1 |= ends;
        }
        found
    }

    /// The piece's words stand together, in lower case, in the article.
    fn lower_phrase(&self, piece: &[&NameWord]) -> bool {
        let plain: Vec<&str> = piece
            .iter()
            .flat_map(|w| w.plain.iter().map(String::as_str))
            .collect();
        // Align on the word the article writes in lower case least often.
        let mut rarest: Option<(usize, &Vec<usize>)> = None;
        for (k, w) in plain.iter().enumerate() {
            let Some(at) = self.lower_at.get(*w) else {
                return false;
            };
            if rarest.is_none_or(|(_, r)| at.len() < r.len()) {
                rarest = Some((k, at));
            }
        }
        let Some((k0, starts)) = rarest else {
            return false;
        };
        if starts.len() > COMMON_USES {
            return true;
        }
        starts.iter().filter(|&&p| p >= k0).any(|&p| {
            let p = p - k0;
            plain.iter().enumerate().all(|(k, w)| {
                self.stream.get(p + k).is_some_and(|s| s == w)
                    && self
                        .lower_at
                        .get(*w)
                        .is_some_and(|v| v.binary_search(&(p + k)).is_ok())
            })
        })
    }
}

/// The first three letters of a name word (ASCII letters only).
fn prefix(sym: &str) -> Option<&str> {
    sym.get(..3)
        .filter(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Two forms of one name word: both are one stem with an ending names
/// take ("s", "ic", "an", "ian", "i", "ese" …) or none, a final vowel
/// dropped ("Democrats", "Democratic"; "Canada", "Canadian"); or the
/// shorter, of three letters or more, starts the longer ("Fed", "Federal").
fn related_forms(a: &str, b: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "s", "es", "ic", "ics", "n", "ns", "an", "ans", "ian", "ians", "i", "is", "ese", "ish",
        "ism", "ist", "ists", "ite", "ites", "a", "e", "y", "o",
    ];
    fn stems(w: &str) -> impl Iterator<Item = &str> {
        std::iter::once(w).chain(
            ENDINGS
                .iter()
                .filter_map(move |e| w.strip_suffix(e))
                .filter(|s| s.len() >= 3),
        )
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    stems(a).any(|x| stems(b).any(|y| x == y)) || (short.len() >= 3 && long.starts_with(short))
}

fn add_windows(set: &mut HashSet<String>, initials: &[char]) {
    for i in 0..initials.len() {
        for len in 2..=6.min(initials.len() - i) {
            set.insert(initials[i..i + len].iter().collect());
        }
    }
}

fn is_subsequence<S: AsRef<str>>(needle: &[&str], hay: &[S]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|n| it.any(|h| h.as_ref() == *n))
}

/// Endings of common words, not names: an opening word with one of these
/// that the article does not know is taken for a common word ("Wealthy
/// nations …", "Negotiators …").
pub(super) fn looks_common(lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ly", "ed", "ing", "y", "ous", "ful", "less", "ive", "able", "ible", "ment", "ments",
        "ness", "tion", "tions", "sion", "sions", "ity", "ities", "ance", "ence", "ers", "ors",
        "ists", "ies", "ship", "ward", "wards", "ical", "ial", "ant", "ants", "ent", "ents", "ics",
        "ism", "age", "ages", "ure", "ures",
    ];
    ENDINGS
        .iter()
        .any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_name() {
        for (a, b) in [
            ("democrats", "democratic"),
            ("democrat", "democratic"),
            ("iraq", "iraqi"),
            ("canada", "canadian"),
            ("kenya", "kenyan"),
            ("fed", "federal"),
            ("republican", "republicans"),
        ] {
            assert!(related_forms(a, b), "{a} {b}");
        }
        for (a, b) in [("tang", "jiang"), ("bush", "busan"), ("rice", "richard")] {
            assert!(!related_forms(a, b), "{a} {b}");
        }
    }
}
