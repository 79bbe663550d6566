//! Stage 2: sentences, as exact byte spans into the original input.
//!
//! Why our own segmenter and not a crate: `sentencex` 0.1.33 (the fastest
//! rule-based one for Rust) measured 43/48 English Golden Rules and 84 MB/s on
//! the PolNeAR news text on this machine; it cannot split list items without
//! punctuation (rules 35, 36, 38, 39) nor a period followed by an ellipsis
//! (48), knows nothing of line structure (headlines, bylines, wrapped lines),
//! and its speed alone is under the 150 MB/s bar before any rule is added
//! around it. `unicode-segmentation` (UAX #29) passes 28 rules and splits at
//! every "Mr. Smith". So this module is one forward pass over bytes:
//!
//! - a 256-entry table finds the only bytes that can end a sentence (`.`, `!`,
//!   `?`, line breaks, and the lead byte of `…`), everything else is skipped
//!   without decoding;
//! - at each candidate, a bounded look around (the word before, the word after,
//!   at most a few dozen bytes) decides, so time is linear in the input;
//! - spans are trimmed of whitespace, lie on character boundaries, and cover
//!   every non-whitespace byte of the range.
//!
//! The file stays whole, above the house's ~700 lines, because one type is its
//! centre: the `Scanner` and its methods are the rules of that one pass, and
//! each rule reads the scanner's state; the word lists are in `words.rs`.

mod quotations;
mod words;

pub use quotations::quotations;

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use crate::document::{Document, Sentence};
use words::{
    abbreviation, is_opening_preposition, is_sentence_starter, is_speech_verb, is_time_follower,
    Abbrev,
};

/// Split the document into sentences and flag those inside boilerplate marks.
///
/// A boilerplate mark always starts and ends a sentence, whatever its
/// punctuation: a banner must never share a sentence with article text. The
/// title is one sentence of its own, so that `title` is a sentence's span.
pub fn segment(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut marks: Vec<(Range<usize>, bool)> = doc
        .boilerplate
        .iter()
        .map(|m| (m.clone(), true))
        .chain(doc.title.as_ref().map(|t| (t.range(), false)))
        .filter(|(m, _)| m.start < m.end && text.get(m.clone()).is_some())
        .collect();
    marks.sort_by_key(|(m, _)| m.start);
    let mut sentences = Vec::new();
    let mut push = |r: Range<usize>, boilerplate: bool| {
        sentences.push(Sentence {
            start: r.start,
            end: r.end,
            text: text[r].to_owned(),
            boilerplate,
        })
    };
    let mut cursor = crate::ingest::byte_order_mark_len(text);
    for (mark, boilerplate) in &marks {
        // Overlapping marks: the part already covered stays with the earlier one.
        let from = mark.start.max(cursor);
        if from >= mark.end {
            continue;
        }
        for_each_sentence(text, cursor..from, |r| push(r, false));
        if *boilerplate || from != mark.start {
            for_each_sentence(text, from..mark.end, |r| push(r, *boilerplate));
        } else {
            push(mark.clone(), false);
        }
        cursor = mark.end;
    }
    for_each_sentence(text, cursor..text.len(), |r| push(r, false));
    doc.sentences = sentences;
}

/// Sentence ranges within `range` of `text`, trimmed of whitespace.
///
/// # Panics
/// When `range` is out of bounds or not on character boundaries of `text`.
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for_each_sentence(text, range, |r| out.push(r));
    out
}

/// Call `emit` with each sentence range within `range` of `text`, in order,
/// without allocating.
///
/// # Panics
/// When `range` is out of bounds or not on character boundaries of `text`.
pub fn for_each_sentence(text: &str, range: Range<usize>, mut emit: impl FnMut(Range<usize>)) {
    assert!(
        text.get(range.clone()).is_some(),
        "{range:?} is not a character range of a {}-byte text",
        text.len()
    );
    Scanner {
        text,
        b: text.as_bytes(),
        lo: range.start,
        end: range.end,
    }
    .run(&mut emit);
}

/// Bytes at which a sentence can end: terminal punctuation, line breaks,
/// 0xE2, the lead byte of `…` (U+2026), and 0xE3 and 0xEF, the lead bytes
/// of the CJK full stops [`CJK_STOPS`].
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

const ELLIPSIS: &[u8] = "\u{2026}".as_bytes();

/// Ideographic full stop and fullwidth exclamation and question marks:
/// they end a sentence in Chinese and Japanese, where no space follows.
const CJK_STOPS: [&str; 3] = ["\u{3002}", "\u{ff01}", "\u{ff1f}"];

/// Closing quotation marks and brackets of CJK text, which belong to the
/// sentence they close: `」』）》` beside the Western ones.
const CJK_CLOSERS: &[char] = &[
    '"', '\'', ')', ']', '\u{201d}', '\u{2019}', '\u{bb}', '\u{300d}', '\u{300f}', '\u{ff09}',
    '\u{300b}',
];

/// Marks after which a sentence runs on even after a full stop and a
/// closing quote ("“好！”，他说"): commas, enumeration commas, colons.
const CJK_RUN_ON: &[char] = &[
    '\u{ff0c}', '\u{3001}', ',', '\u{ff1a}', ':', '\u{ff1b}', ';',
];

/// Longest token the boundary rules look at; anything longer is an ordinary
/// word (a URL, a run of symbols). Bounds the work at each candidate.
const MAX_TOKEN: usize = 64;

enum Step {
    /// No boundary: resume scanning here.
    Continue(usize),
    /// The sentence ends here (exclusive).
    Boundary(usize),
}

/// What the next sentence would start with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    Lower,
    Upper,
    Digit,
    /// Currency, number sign, bullet: can open a sentence, like a digit.
    Symbol,
    /// Dash, comma, colon and the like: the sentence runs on.
    Other,
}

/// A numbered, lettered or bulleted list running on within one line
/// ("1) The first item 2) The second item"): items are split even without
/// punctuation, but only where the markers count up from the line's first.
struct List {
    /// Where the next item starts.
    at: usize,
    line_end: usize,
    marker: Marker,
}

#[derive(Clone, Copy)]
enum Marker {
    Bullet(&'static str),
    /// Item `value` ("1", "a"), written with `suffix` (".", ")", ".)").
    Seq {
        value: u8,
        letter: bool,
        suffix: &'static str,
    },
}

/// Bullets that only ever mark list items. A hyphen or an asterisk may be a
/// dash or a footnote: they end a line's sentence when they open the next
/// line, but never split a sentence within a line.
const BULLETS: &[&str] = &[
    "\u{2022}", "\u{2043}", "\u{25e6}", "\u{25aa}", "\u{25cf}", "\u{2023}",
];

struct Scanner<'t> {
    text: &'t str,
    b: &'t [u8],
    lo: usize,
    end: usize,
}

impl Scanner<'_> {
    fn run(&self, emit: &mut impl FnMut(Range<usize>)) {
        let (b, end) = (self.b, self.end);
        let mut start = self.skip_ws(self.lo);
        let mut line_start = start;
        let mut list = self.list_at(start);
        let mut i = start;
        loop {
            let limit = list.as_ref().map_or(end, |l| l.at.min(end));
            i = match b[i.min(limit)..limit]
                .iter()
                .position(|&c| CANDIDATE[c as usize])
            {
                Some(k) => i.min(limit) + k,
                None => limit,
            };
            if i >= limit {
                let Some(l) = list.take() else { break };
                if l.at > start {
                    self.emit_trimmed(start..l.at, emit);
                    start = l.at;
                }
                i = i.max(start);
                list = self.next_item(l);
                continue;
            }
            let step = match b[i] {
                b'.' => self.period(i, start),
                b'!' | b'?' => self.exclamation(i),
                b'\n' | b'\r' => {
                    let nl = i;
                    let after = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') && i + 1 < end {
                        i + 2
                    } else {
                        i + 1
                    };
                    let next = self.skip_inline_ws(after);
                    let blank = next >= end || matches!(b[next], b'\n' | b'\r');
                    if blank || !self.line_continues(line_start, nl, next) {
                        self.emit_trimmed(start..nl, emit);
                        start = self.skip_ws(next);
                    }
                    i = if blank { start } else { next.max(start) };
                    line_start = i;
                    list = self.list_at(i);
                    continue;
                }
                _ if b[i..].starts_with(ELLIPSIS) => self.period(i, start),
                0xE3 | 0xEF if self.cjk_stop_len(i) > 0 => self.cjk_stop(i),
                _ => Step::Continue(i + 1),
            };
            match step {
                Step::Continue(j) => i = j,
                Step::Boundary(e) => {
                    self.emit_trimmed(start..e, emit);
                    start = self.skip_ws(e);
                    i = start;
                    if b[e..start].iter().any(|&c| c == b'\n' || c == b'\r') {
                        line_start = start;
                    }
                }
            }
        }
        self.emit_trimmed(start..end, emit);
    }

    fn emit_trimmed(&self, r: Range<usize>, emit: &mut impl FnMut(Range<usize>)) {
        if r.start >= r.end {
            return;
        }
        let s = &self.text[r.clone()];
        let t = s.trim_start();
        let start = r.start + (s.len() - t.len());
        let end = start + t.trim_end().len();
        if start < end {
            emit(start..end);
        }
    }

    /// First position at or after `i` that is not whitespace (line breaks included).
    fn skip_ws(&self, i: usize) -> usize {
        self.skip_whitespace(i, |c| matches!(c, b'\t'..=b'\r' | b' '))
    }

    /// First position at or after `i` that is not whitespace other than a line
    /// break: the next line's first character, or its line break when blank.
    fn skip_inline_ws(&self, i: usize) -> usize {
        self.skip_whitespace(i, |c| matches!(c, b'\t' | b'\x0b' | b'\x0c' | b' '))
    }

    /// First position at or after `i` that is neither an ASCII byte accepted
    /// by `ascii_ws` nor a non-ASCII whitespace character.
    #[inline]
    fn skip_whitespace(&self, mut i: usize, ascii_ws: impl Fn(u8) -> bool) -> usize {
        while i < self.end {
            let c = self.b[i];
            if c < 0x80 {
                if !ascii_ws(c) {
                    return i;
                }
                i += 1;
            } else {
                match self.text[i..self.end].chars().next() {
                    Some(ch) if ch.is_whitespace() => i += ch.len_utf8(),
                    _ => return i,
                }
            }
        }
        self.end
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..self.end)?.chars().next()
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text.get(self.lo..i)?.chars().next_back()
    }

    fn is_ws_at(&self, i: usize) -> bool {
        self.char_at(i).is_some_and(char::is_whitespace)
    }

    /// Past closing quotes and brackets: they belong to the sentence they close.
    fn skip_closers(&self, mut i: usize) -> usize {
        while let Some(c) = self.char_at(i) {
            if !matches!(
                c,
                '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '\u{bb}'
            ) {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// Classify the start of the would-be next sentence at `i` (not
    /// whitespace), looking past opening quotes and brackets; also says
    /// whether one was there.
    fn next_class(&self, mut i: usize) -> (Next, bool) {
        let mut opened = false;
        for _ in 0..4 {
            match self.char_at(i) {
                Some(c @ ('"' | '\'' | '(' | '[' | '\u{201c}' | '\u{2018}' | '\u{ab}')) => {
                    opened = true;
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
        let class = match self.char_at(i) {
            None => Next::Other,
            Some(c) if c.is_lowercase() => Next::Lower,
            Some(c) if c.is_uppercase() => Next::Upper,
            Some(c) if c.is_ascii_digit() => Next::Digit,
            // Scripts without case can start a sentence with any letter.
            Some(c) if c.is_alphabetic() => Next::Upper,
            Some('$' | '\u{a3}' | '\u{20ac}' | '\u{a5}' | '#') => Next::Symbol,
            Some(c) if BULLETS.iter().any(|b| b.starts_with(c)) => Next::Symbol,
            Some(_) => Next::Other,
        };
        (class, opened)
    }

    /// [`Self::next_class`] for a sentence that would start at `next`, after
    /// whitespace from `after`: on a new line, a dash or a tilde opens an item
    /// ("weekend.\n~ The New Yorker …") instead of continuing the sentence.
    fn next_class_after(&self, after: usize, next: usize) -> (Next, bool) {
        let (class, opened) = self.next_class(next);
        if class == Next::Other
            && self.b[after..next]
                .iter()
                .any(|&c| c == b'\n' || c == b'\r')
        {
            return (Next::Symbol, opened);
        }
        (class, opened)
    }

    /// The ASCII letters of the word at `i`, past opening quotes (at most 12).
    fn word_at(&self, mut i: usize) -> &[u8] {
        while let Some(c @ ('"' | '\'' | '(' | '[' | '\u{201c}' | '\u{2018}')) = self.char_at(i) {
            i += c.len_utf8();
        }
        let stop = (i + 12).min(self.end);
        let n = self.b[i..stop]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        &self.b[i..i + n]
    }

    /// The token ending at `i` (exclusive), back to the previous whitespace:
    /// its start, and the range of its core without surrounding punctuation.
    /// `None` when it is longer than [`MAX_TOKEN`].
    fn token_before(&self, i: usize) -> Option<(usize, Range<usize>)> {
        let floor = self.lo.max(i.saturating_sub(MAX_TOKEN));
        let mut s = i;
        while s > floor && !matches!(self.b[s - 1], b'\t'..=b'\r' | b' ') {
            s -= 1;
        }
        if s == floor && s > self.lo && !matches!(self.b[s - 1], b'\t'..=b'\r' | b' ') {
            return None;
        }
        // `s` follows ASCII whitespace or is `lo`, so it is a character boundary.
        let tok = &self.text[s..i];
        let trimmed = tok.trim_start_matches(|c: char| !c.is_alphanumeric());
        let core_start = s + tok.len() - trimmed.len();
        // The core ends after its last letter or digit and the combining
        // marks on it ("José" written `e` + U+0301).
        let letters = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric());
        let marks = trimmed[letters.len()..]
            .chars()
            .take_while(|&c| is_combining_mark(c))
            .map(char::len_utf8)
            .sum::<usize>();
        let core_end = core_start + letters.len() + marks;
        Some((s, core_start..core_end))
    }

    /// The first character of the word before the token starting at
    /// `tok_start`; `None` at the start of the range.
    fn prev_initial(&self, tok_start: usize) -> Option<char> {
        let mut j = tok_start;
        let floor = self.lo.max(tok_start.saturating_sub(8));
        while j > floor && matches!(self.b[j - 1], b' ' | b'\t') {
            j -= 1;
        }
        if j <= self.lo || j == tok_start {
            return None;
        }
        let (_, core) = self.token_before(j)?;
        self.text[core].chars().next()
    }

    fn period(&self, i: usize, start: usize) -> Step {
        let (run_end, dots, spaced, first_len) = self.dot_run(i);
        let after = self.skip_closers(run_end);
        if after < self.end && !self.is_ws_at(after) {
            // "U.S", "2.9", "example.com", "Jr.'s", "mean...see".
            return Step::Continue(run_end);
        }
        let next = self.skip_ws(after);
        if next >= self.end {
            return Step::Boundary(after);
        }
        let (class, opened) = self.next_class_after(after, next);
        if dots > 1 {
            return self.ellipsis(i, run_end, after, dots, spaced, first_len, class);
        }
        if matches!(class, Next::Lower | Next::Other) {
            return Step::Continue(after);
        }
        let Some((tok_start, core)) = self.token_before(i) else {
            return Step::Boundary(after);
        };
        let word = &self.b[core.clone()];
        // "(I-Vt.)." and "[sic]." end sentences whatever the word inside.
        if word.is_empty()
            || matches!(
                self.char_before(i),
                Some(')' | ']' | '"' | '\'' | '\u{201d}' | '\u{2019}')
            )
        {
            return Step::Boundary(after);
        }
        // A list marker opening the sentence: "1. The first item", "• 9. Item".
        let at_sentence_start = core.start >= start
            && core.start - start <= 8
            && !self.text[start..core.start].contains(char::is_alphanumeric);
        let marker_like = (word.len() <= 2 && word.iter().all(u8::is_ascii_digit))
            || (word.len() == 1 && word[0].is_ascii_alphabetic());
        if at_sentence_start && marker_like {
            return Step::Continue(after);
        }
        // "D-Mass", "Sino-U.S": the part after the last hyphen is the word.
        let word = match word.iter().rposition(|&c| c == b'-') {
            Some(h) => &word[h + 1..],
            None => word,
        };
        let kind = if word.len() == 1 && word[0].is_ascii_alphabetic() {
            self.single_letter(word[0], tok_start, start)
        } else {
            match abbreviation(word) {
                // "St. Louis" but "Main St." and "5th St.": after a name or an
                // ordinal it is a street, which may end the sentence.
                Abbrev::Prepositive
                    if word.eq_ignore_ascii_case(b"st")
                        && self
                            .prev_initial(tok_start)
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) =>
                {
                    Abbrev::Ambiguous
                }
                kind => kind,
            }
        };
        let ends = match (kind, class) {
            (Abbrev::Prepositive, _) => false,
            (Abbrev::None, _) => true,
            (Abbrev::Numeral | Abbrev::Month, Next::Upper) => true,
            (_, Next::Digit | Next::Symbol) => false,
            (Abbrev::Ambiguous, _) => {
                opened
                    || (is_sentence_starter(self.word_at(next))
                        && !self.short_opener(start, tok_start))
            }
            (Abbrev::Time, _) => {
                opened
                    || (!is_time_follower(self.word_at(next))
                        && !self.short_opener(start, tok_start))
            }
            (Abbrev::Numeral | Abbrev::Month, _) => true,
        };
        if ends {
            Step::Boundary(after)
        } else {
            Step::Continue(after)
        }
    }

    /// A one-letter word before a period: an initial ("George W. Bush"),
    /// the pronoun ("you and I."), or a letter of unknown use ("p. 55").
    fn single_letter(&self, c: u8, tok_start: usize, start: usize) -> Abbrev {
        if !c.is_ascii_uppercase() {
            return Abbrev::Ambiguous;
        }
        if tok_start <= start {
            return Abbrev::Prepositive;
        }
        match self.prev_initial(tok_start).map(char::is_uppercase) {
            Some(false) if c == b'I' => Abbrev::None,
            Some(true) | None => Abbrev::Prepositive,
            Some(false) => Abbrev::Ambiguous,
        }
    }

    /// "At 5 a.m. Mr. Smith left": the words before the abbreviation are an
    /// adverbial opener of at most three words, not a sentence.
    fn short_opener(&self, start: usize, tok_start: usize) -> bool {
        if tok_start <= start || tok_start - start > 40 {
            return false;
        }
        let head = &self.text[start..tok_start];
        let mut words = head.split_ascii_whitespace();
        let first = words.next().unwrap_or("");
        words.count() < 3 && is_opening_preposition(first.as_bytes())
    }

    /// Periods and `…` from `i`, glued ("....") or spaced (". . ."): end,
    /// number of dots (`…` counts three), whether spaced, length of the first.
    fn dot_run(&self, i: usize) -> (usize, usize, bool, usize) {
        let b = &self.b[..self.end];
        let first_len = if b[i] == b'.' { 1 } else { ELLIPSIS.len() };
        let (mut j, mut dots, mut spaced) = (i, 0, false);
        loop {
            if b.get(j) == Some(&b'.') {
                dots += 1;
                j += 1;
            } else if b[j..].starts_with(ELLIPSIS) {
                dots += 3;
                j += ELLIPSIS.len();
            } else if dots > 0 && b.get(j) == Some(&b' ') && b.get(j + 1) == Some(&b'.') {
                spaced = true;
                j += 1;
            } else {
                return (j, dots, spaced, first_len);
            }
        }
    }

    /// Ellipses end a sentence only where a new one visibly starts:
    /// "that.... She" (glued, after a word), "a period . . . . Next" (four
    /// spaced dots: an ellipsis and a period), "compounds. . . . The" (the
    /// word's period, then an ellipsis opening the next sentence). "really
    /// ... well", "is . . . I" and "[...]" run on.
    #[allow(clippy::too_many_arguments)]
    fn ellipsis(
        &self,
        i: usize,
        run_end: usize,
        after: usize,
        dots: usize,
        spaced: bool,
        first_len: usize,
        class: Next,
    ) -> Step {
        let before = self.char_before(i);
        if matches!(before, Some('[' | '(')) || !matches!(class, Next::Upper | Next::Digit) {
            return Step::Continue(run_end);
        }
        let attached = before.is_some_and(|c| !c.is_whitespace());
        if spaced {
            if dots < 4 {
                Step::Continue(run_end)
            } else if attached {
                Step::Boundary(i + first_len)
            } else {
                Step::Boundary(after)
            }
        } else if attached || dots >= 4 {
            Step::Boundary(after)
        } else {
            Step::Continue(run_end)
        }
    }

    /// Length of the CJK full stop at `i`, or 0.
    fn cjk_stop_len(&self, i: usize) -> usize {
        let rest = &self.b[i..self.end];
        CJK_STOPS
            .iter()
            .find(|s| rest.starts_with(s.as_bytes()))
            .map_or(0, |s| s.len())
    }

    /// A CJK full stop ends its sentence, with the stops and closing marks
    /// right after it, whatever follows (the scripts have no case to tell a
    /// new sentence by), unless a comma or colon goes on with it.
    fn cjk_stop(&self, i: usize) -> Step {
        let mut j = i;
        loop {
            let n = self.cjk_stop_len(j);
            if n > 0 {
                j += n;
            } else if matches!(self.b.get(j), Some(b'!' | b'?' | b'.')) && j < self.end {
                j += 1;
            } else {
                break;
            }
        }
        while let Some(c) = self.char_at(j).filter(|c| CJK_CLOSERS.contains(c)) {
            j += c.len_utf8();
        }
        if self.char_at(j).is_some_and(|c| CJK_RUN_ON.contains(&c)) {
            return Step::Continue(j);
        }
        Step::Boundary(j)
    }

    fn exclamation(&self, i: usize) -> Step {
        let run_end = i + self.b[i..self.end]
            .iter()
            .take_while(|&&c| c == b'!' || c == b'?')
            .count();
        let after = self.skip_closers(run_end);
        if after < self.end && !self.is_ws_at(after) {
            // "Jeb!," and "?q=" in URLs.
            return Step::Continue(run_end);
        }
        let next = self.skip_ws(after);
        if next >= self.end {
            return Step::Boundary(after);
        }
        let (class, _) = self.next_class_after(after, next);
        if matches!(class, Next::Lower | Next::Other) {
            // "Yahoo! in", `"Why?" she asked`.
            return Step::Continue(after);
        }
        // "Yahoo! News": the brand's "!" ends no sentence; it stands mid
        // sentence far more often than last ("won on Jeopardy! Then …" is
        // left a boundary).
        let word_start = self.b[..i]
            .iter()
            .rposition(|c| !c.is_ascii_alphabetic())
            .map_or(0, |p| p + 1);
        if run_end == i + 1 && &self.b[word_start..i] == b"Yahoo" {
            return Step::Continue(after);
        }
        let quoted = self.text[run_end..after].contains(['"', '\'', '\u{201d}', '\u{2019}']);
        if quoted && self.attribution_follows(next) {
            return Step::Continue(after);
        }
        Step::Boundary(after)
    }

    /// `"Why?" Tang asked.`: up to six capitalised words, then a speech verb.
    fn attribution_follows(&self, mut i: usize) -> bool {
        // Each word before the verb is one more capitalised name word.
        for names in 0..7 {
            let stop = (i + 24).min(self.end);
            let len = self.b[i..stop]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace())
                .count();
            let word = &self.b[i..i + len];
            let letters = word
                .iter()
                .position(|c| !c.is_ascii_alphabetic())
                .map_or(word, |n| &word[..n]);
            if is_speech_verb(letters) {
                return names > 0;
            }
            if !letters.first().is_some_and(u8::is_ascii_uppercase) || i + len >= stop {
                return false;
            }
            i += len;
            while i < self.end && self.b[i] == b' ' {
                i += 1;
            }
        }
        false
    }

    /// Whether the line `line_start..nl` runs on into the next line, whose
    /// first character is at `next`: a wrapped sentence does, a headline,
    /// byline or banner does not.
    fn line_continues(&self, line_start: usize, nl: usize, next: usize) -> bool {
        if line_start >= nl || self.list_marker_at(next) {
            return false;
        }
        if matches!(self.next_class(next).0, Next::Lower) {
            return true;
        }
        let line = self.text[line_start..nl].trim_end();
        if line.ends_with([')', ']']) {
            // A source or note in brackets closes the line: "… now. [CNN]".
            return false;
        }
        let body = line.trim_end_matches(['"', '\'', ')', ']', '\u{201d}', '\u{2019}']);
        match body.chars().next_back() {
            None => false,
            // Punctuation already decided; only a headline ending in an
            // abbreviation ("Talks With U.S.") still ends here.
            Some('.' | '!' | '?' | '\u{2026}') => !title_like(line),
            Some(',' | '(' | '-' | '\u{2013}' | '\u{2014}' | '&' | '/' | '+') => true,
            // Prose after a semicolon goes on in lowercase; a capital on a
            // new line is a second headline line ("… to her goals;\nClinching …").
            Some(':' | ';') => false,
            Some(_) => {
                let last = body.rsplit(char::is_whitespace).next().unwrap_or("");
                if last.starts_with(|c: char| c.is_lowercase()) {
                    !title_like(line)
                } else {
                    mostly_lowercase(line)
                }
            }
        }
    }

    /// A list item marker at `i`: a bullet, or "12." "3)" "a." "4.)" with a space after.
    fn list_marker_at(&self, i: usize) -> bool {
        self.bullet_at(i).is_some()
            || matches!(self.b.get(i), Some(b'-' | b'*'))
            || self.seq_marker_at(i).is_some()
    }

    fn bullet_at(&self, i: usize) -> Option<&'static str> {
        let rest = &self.b[i.min(self.end)..self.end];
        BULLETS
            .iter()
            .copied()
            .find(|b| rest.starts_with(b.as_bytes()))
    }

    /// `(value, letter, suffix, length)` of a numbered or lettered marker at `i`.
    fn seq_marker_at(&self, i: usize) -> Option<(u8, bool, &'static str, usize)> {
        let rest = &self.b[i.min(self.end)..self.end];
        let digits = rest
            .iter()
            .take(3)
            .take_while(|c| c.is_ascii_digit())
            .count();
        let (value, letter, n) = match digits {
            1 | 2 => (
                rest[..digits].iter().fold(0u8, |v, d| v * 10 + (d - b'0')),
                false,
                digits,
            ),
            0 if rest.first().is_some_and(u8::is_ascii_alphabetic) => (rest[0], true, 1),
            _ => return None,
        };
        let tail = &rest[n..];
        let suffix = [".)", ")", "."]
            .into_iter()
            .find(|s| tail.starts_with(s.as_bytes()))?;
        matches!(tail.get(suffix.len()), Some(b' ' | b'\t')).then_some((
            value,
            letter,
            suffix,
            n + suffix.len(),
        ))
    }

    /// Start a list at the line start `i` when the line opens with a bullet
    /// or with item 1 (or a) and the next item follows on the same line.
    fn list_at(&self, i: usize) -> Option<List> {
        let marker = if let Some(bullet) = self.bullet_at(i) {
            Marker::Bullet(bullet)
        } else {
            let (value, letter, suffix, _) = self.seq_marker_at(i)?;
            if !matches!(value, 1 | b'a' | b'A') {
                return None;
            }
            Marker::Seq {
                value,
                letter,
                suffix,
            }
        };
        let line_end = i + self.b[i..self.end]
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .unwrap_or(self.end - i);
        self.next_item(List {
            at: i,
            line_end,
            marker,
        })
    }

    /// The list with its next item located after the current one, if any.
    fn next_item(&self, list: List) -> Option<List> {
        let mut needle = [0u8; 8];
        let n = match list.marker {
            Marker::Bullet(b) => {
                needle[0] = b' ';
                needle[1..1 + b.len()].copy_from_slice(b.as_bytes());
                1 + b.len()
            }
            Marker::Seq {
                value,
                letter,
                suffix,
            } => {
                let next = value.checked_add(1)?;
                needle[0] = b' ';
                let mut n = 1;
                if letter {
                    if !next.is_ascii_alphabetic() {
                        return None;
                    }
                    needle[1] = next;
                    n += 1;
                } else {
                    if next > 99 {
                        return None;
                    }
                    if next >= 10 {
                        needle[n] = b'0' + next / 10;
                        n += 1;
                    }
                    needle[n] = b'0' + next % 10;
                    n += 1;
                }
                needle[n..n + suffix.len()].copy_from_slice(suffix.as_bytes());
                n += suffix.len();
                needle[n] = b' ';
                n + 1
            }
        };
        let needle = std::str::from_utf8(&needle[..n]).ok()?;
        let from = list.at + 1;
        if from >= list.line_end || !self.text.is_char_boundary(from) {
            // `at` starts a bullet: search from past it.
            let from = self.text[list.at..list.line_end]
                .char_indices()
                .nth(1)
                .map(|(k, _)| list.at + k)?;
            return self.find_item(list, from, needle);
        }
        self.find_item(list, from, needle)
    }

    fn find_item(&self, list: List, from: usize, needle: &str) -> Option<List> {
        let k = self.text[from..list.line_end].find(needle)?;
        let at = from + k + 1;
        let marker = match list.marker {
            Marker::Seq {
                value,
                letter,
                suffix,
            } => Marker::Seq {
                value: value + 1,
                letter,
                suffix,
            },
            bullet => bullet,
        };
        Some(List {
            at,
            line_end: list.line_end,
            marker,
        })
    }
}

/// A headline-like line: capitalised words, no long lowercase word ("Speaking
/// with One Voice to Solve the Climate Crisis"). Small words may be lowercase.
fn title_like(line: &str) -> bool {
    if line.len() > 200 {
        return false;
    }
    let mut capitalised = 0;
    for word in line.split_whitespace() {
        let letters = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        match letters.chars().next() {
            Some(c) if c.is_uppercase() || c.is_ascii_digit() => capitalised += 1,
            Some(c) if c.is_lowercase() && letters.len() >= 5 => return false,
            _ => {}
        }
    }
    capitalised >= 2
}

/// A long line of mostly lowercase words: wrapped body text, even where it
/// ends on a name ("met with President\nObama").
fn mostly_lowercase(line: &str) -> bool {
    if line.len() < 40 {
        return false;
    }
    let mut cut = line.len().saturating_sub(200);
    while !line.is_char_boundary(cut) {
        cut += 1;
    }
    let (mut lower, mut words) = (0, 0);
    for word in line[cut..].split_whitespace() {
        words += 1;
        if word.starts_with(|c: char| c.is_lowercase()) {
            lower += 1;
        }
    }
    lower * 2 >= words
}

#[cfg(test)]
mod tests;
