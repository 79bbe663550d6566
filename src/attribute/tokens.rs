//! A tokenizer made for attribution: words keep internal apostrophes,
//! hyphens and abbreviation periods ("don't", "Sino-U.S.", "Mr."), and every
//! quotation mark is a token of its own with a guess at its direction, so the
//! quote scanner never has to look at raw characters again.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// A quotation mark; `double` is false for single marks (‘ ’ ').
    Quote {
        double: bool,
        dir: Dir,
    },
}

/// One token. Kept small, as attribution holds one per token of the whole
/// article (about one per five bytes of text): byte offsets are `u32` (the
/// attribution stage takes texts under 4 GiB) and the lowercase text is
/// borrowed, from the input itself when the word is lowercase already (most
/// words are), else from the arena [`tokenize`] fills.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    /// Lowercased text for words; empty otherwise.
    pub lower: &'a str,
    pub start: u32,
    pub end: u32,
    /// Content sentence of the token, [`NO_SENTENCE`] outside them (set by
    /// the attribution context; stored here because it fits in what would
    /// otherwise be padding).
    pub sent: u32,
    pub kind: Kind,
    /// Whether a word starts with an uppercase letter.
    pub cap: bool,
}

/// [`Tok::sent`] of a token outside the content sentences.
pub const NO_SENTENCE: u32 = u32::MAX;

impl Tok<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::Quote { .. })
    }
    pub fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.lower == word
    }
    /// Byte range in the text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

use unicode_normalization::char::is_combining_mark;

/// Words that keep a trailing period: titles and common abbreviations. A
/// period after them rarely ends a sentence and belongs to the name phrase.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "reps", "gov", "gen", "lt", "col", "sgt", "capt", "adm",
    "pres", "st", "jr", "sr", "inc", "corp", "co", "ltd", "prof", "rev", "hon", "messrs", "mt",
    "ft", "sens", "u.s", "u.n", "u.k", "d.c", "a.m", "p.m", "e.g", "i.e", "vs", "no",
];

/// Whether `c` can start a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `c` can continue a word: a combining mark (general category M)
/// belongs to the letter before it, so that a name with decomposed accents
/// ("José" as `e` + U+0301) stays one word. A mark after anything else is
/// left a token of its own, as before.
fn continues_word(c: char) -> bool {
    is_word_char(c) || is_combining_mark(c)
}

fn joins_word(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '.' | '-' | '\u{2011}' | '&' | '/' | ',' | '@' | '_'
    )
}

/// The tokens of `text`, which must be under 4 GiB. The lowercase forms of
/// words that are not lowercase already go to `arena` (cleared first), which
/// the tokens borrow.
///
/// Walks the text by byte offset, looking at most one character ahead and
/// one behind, rather than collecting its characters first: a
/// `(usize, char)` per character would cost 16 bytes per input byte.
pub fn tokenize<'a>(text: &'a str, arena: &'a mut String) -> Vec<Tok<'a>> {
    debug_assert!(u32::try_from(text.len()).is_ok(), "text over 4 GiB");
    arena.clear();
    // Where each arena piece ends, in the order of the words left with an
    // empty `lower` below, which get their pieces once the arena is done.
    let mut arena_ends: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(text.len() / 5);
    // The character starting at byte `b`, if any.
    let at = |b: usize| text[b..].chars().next();
    // The character ending at byte `b`, if any.
    let before = |b: usize| text[..b].chars().next_back();
    let mut b = 0;
    // A German „ opened a quotation that a “ has not closed yet.
    let mut low_opened = false;
    while let Some(c) = at(b) {
        if c.is_whitespace() {
            b += c.len_utf8();
            continue;
        }
        let start = b;
        if is_word_char(c) {
            b += c.len_utf8();
            while let Some(j) = at(b) {
                if continues_word(j) {
                    b += j.len_utf8();
                    continue;
                }
                let next = at(b + j.len_utf8());
                if !(joins_word(j) && next.is_some_and(is_word_char)) {
                    break;
                }
                // A comma joins only digits ("1,237"), not words.
                if j == ','
                    && !(before(b).is_some_and(|d| d.is_ascii_digit())
                        && next.is_some_and(|d| d.is_ascii_digit()))
                {
                    break;
                }
                b += j.len_utf8() + next.map_or(0, char::len_utf8);
            }
            let word = &text[start..b];
            if at(b) == Some('.') {
                let lower = word.to_lowercase();
                // One letter, whatever marks it carries ("É." decomposed).
                let initial = c.is_uppercase() && !word.chars().skip(1).any(is_word_char);
                // "R-Ky.", a party and a state's abbreviation.
                let party_state = lower.len() <= 6
                    && (lower.starts_with("r-")
                        || lower.starts_with("d-")
                        || lower.starts_with("i-"));
                if initial
                    || word.contains('.')
                    || ABBREVIATIONS.contains(&lower.as_str())
                    || party_state
                {
                    b += 1;
                }
            }
            let word = &text[start..b];
            let lower = if lowercase_into(word, arena) {
                arena_ends.push(arena.len());
                ""
            } else {
                word
            };
            out.push(Tok {
                lower,
                start: start as u32,
                end: b as u32,
                sent: NO_SENTENCE,
                kind: Kind::Word,
                cap: c.is_uppercase(),
            });
            continue;
        }
        let prev = before(start);
        let after = |b: usize| at(b + c.len_utf8());
        let kind = match c {
            '\u{201e}' => {
                low_opened = true;
                quote(true, Dir::Open)
            }
            '\u{300c}' => quote(true, Dir::Open),
            '\u{300d}' => quote(true, Dir::Close),
            // “ closes German „…“ (in English only a typo's, below); »…« is
            // German for « … »:
            // a mark glued to the word before it and free after it closes.
            '\u{201c}' if low_opened && guess(prev, after(b)) == Dir::Close => {
                low_opened = false;
                quote(true, Dir::Close)
            }
            // A typo's “ after the quotation's last punctuation, with space
            // after it ("…not,“ he said"), closes: nothing opens there.
            '\u{201c}'
                if prev.is_some_and(|p| ",.?!".contains(p))
                    && after(b).is_none_or(char::is_whitespace) =>
            {
                quote(true, Dir::Close)
            }
            '\u{ab}' if guess(prev, after(b)) == Dir::Close => quote(true, Dir::Close),
            '\u{201c}' | '\u{ab}' => quote(true, Dir::Open),
            '\u{bb}' if guess(prev, after(b)) == Dir::Open => quote(true, Dir::Open),
            '\u{201d}' | '\u{bb}' => quote(true, Dir::Close),
            '\u{300e}' => quote(false, Dir::Open),
            '\u{300f}' => quote(false, Dir::Close),
            '`' if after(b) == Some('`') => {
                b += 1;
                quote(true, Dir::Open)
            }
            // "…'Kosovo is a special case,'''": a single quote closing inside
            // a double one written as two marks; the last two of the three
            // close the double.
            '\'' if after(b) == Some('\'')
                && at(b + 2) == Some('\'')
                && guess(prev, at(b + 3)) == Dir::Close =>
            {
                quote(false, Dir::Close)
            }
            '\'' | '\u{2019}' if after(b) == Some(c) => {
                b += c.len_utf8();
                quote(true, guess(prev, after(b)))
            }
            '"' => quote(true, guess(prev, after(b))),
            '\u{2018}' => quote(false, Dir::Open),
            '\u{2019}' => quote(false, Dir::Close),
            '\'' => quote(false, guess(prev, after(b))),
            _ => Kind::Punct(c),
        };
        b += c.len_utf8();
        out.push(Tok {
            lower: "",
            start: start as u32,
            end: b as u32,
            sent: NO_SENTENCE,
            kind,
            cap: false,
        });
    }
    // The arena is complete: hand its pieces out.
    let arena: &'a String = arena;
    let mut from = 0;
    let mut ends = arena_ends.into_iter();
    for t in out.iter_mut().filter(|t| t.is_word() && t.lower.is_empty()) {
        let end = ends.next().expect("an arena piece per word left empty");
        t.lower = &arena[from..end];
        from = end;
    }
    out
}

/// Appends the lowercase form of `word` to `arena` unless the word is
/// lowercase already; whether it did. Same result as `str::to_lowercase`,
/// which only the non-ASCII words pay for.
fn lowercase_into(word: &str, arena: &mut String) -> bool {
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return false;
        }
        let from = arena.len();
        arena.push_str(word);
        arena[from..].make_ascii_lowercase();
        return true;
    }
    let lower = word.to_lowercase();
    if lower == word {
        return false;
    }
    arena.push_str(&lower);
    true
}

fn quote(double: bool, dir: Dir) -> Kind {
    Kind::Quote { double, dir }
}

/// Direction of a straight mark from its neighbours: after space or an
/// opening bracket it opens, before space or punctuation it closes.
fn guess(prev: Option<char>, next: Option<char>) -> Dir {
    let before_space = prev.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    let after_space = next.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-".contains(c));
    match (before_space, after_space) {
        (true, false) => Dir::Open,
        (false, true) => Dir::Close,
        _ => Dir::Either,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, &mut String::new())
            .iter()
            .map(|t| &text[t.range()])
            .collect()
    }

    #[test]
    fn keeps_abbreviations_contractions_and_numbers() {
        assert_eq!(
            words("Mr. Tang's U.S. visit, don’t 1,237 votes."),
            ["Mr.", "Tang's", "U.S.", "visit", ",", "don’t", "1,237", "votes", "."]
        );
    }

    #[test]
    fn combining_marks_belong_to_the_word_before_them() {
        // "José Álvarez" with decomposed accents (NFD): e + U+0301, A + U+0301.
        assert_eq!(
            words("Jose\u{301} A\u{301}lvarez said"),
            ["Jose\u{301}", "A\u{301}lvarez", "said"]
        );
        // Marks of every kind: nonspacing, spacing (Devanagari), enclosing.
        assert_eq!(
            words("a\u{20dd}b \u{915}\u{93e}"),
            ["a\u{20dd}b", "\u{915}\u{93e}"]
        );
        // An initial keeps its period, whatever marks it carries.
        assert_eq!(words("E\u{301}. Smith"), ["E\u{301}.", "Smith"]);
        // A mark after no letter is a token of its own.
        assert_eq!(
            words("\u{301}x \"\u{301}"),
            ["\u{301}", "x", "\"", "\u{301}"]
        );
        let mut arena = String::new();
        let toks = tokenize("A\u{301}LVAREZ", &mut arena);
        assert_eq!(toks[0].lower, "a\u{301}lvarez");
        assert!(toks[0].cap);
    }

    #[test]
    fn quote_marks_are_tokens_with_directions() {
        let mut arena = String::new();
        let toks = tokenize("He said \"no,\" and ''yes'' ‘maybe’", &mut arena);
        let dirs: Vec<_> = toks
            .iter()
            .filter_map(|t| match t.kind {
                Kind::Quote { double, dir } => Some((double, dir)),
                _ => None,
            })
            .collect();
        assert_eq!(
            dirs,
            [
                (true, Dir::Open),
                (true, Dir::Close),
                (true, Dir::Open),
                (true, Dir::Close),
                (false, Dir::Open),
                (false, Dir::Close)
            ]
        );
    }
}
