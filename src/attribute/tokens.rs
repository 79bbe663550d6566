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

#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lowercased text for words; empty otherwise.
    pub lower: String,
    /// Whether a word starts with an uppercase letter.
    pub cap: bool,
}

impl Tok {
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
}

/// Words that keep a trailing period: titles and common abbreviations. A
/// period after them rarely ends a sentence and belongs to the name phrase.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "reps", "gov", "gen", "lt", "col", "sgt", "capt", "adm",
    "pres", "st", "jr", "sr", "inc", "corp", "co", "ltd", "prof", "rev", "hon", "messrs", "mt",
    "ft", "sens", "u.s", "u.n", "u.k", "d.c", "a.m", "p.m", "e.g", "i.e", "vs", "no",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn joins_word(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '.' | '-' | '\u{2011}' | '&' | '/' | ',' | '@' | '_'
    )
}

pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut k = 0;
    while k < n {
        let c = chars[k].1;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let start = k;
        if is_word_char(c) {
            k += 1;
            while k < n {
                let c = chars[k].1;
                if is_word_char(c) {
                    k += 1;
                } else if joins_word(c) && at(k + 1).is_some_and(is_word_char) {
                    // A comma joins only digits ("1,237"), not words.
                    if c == ','
                        && !(chars[k - 1].1.is_ascii_digit()
                            && at(k + 1).is_some_and(|d| d.is_ascii_digit()))
                    {
                        break;
                    }
                    k += 2;
                } else {
                    break;
                }
            }
            let word = &text[byte(start)..byte(k)];
            if at(k) == Some('.') {
                let lower = word.to_lowercase();
                let initial = word.chars().count() == 1 && c.is_uppercase();
                if initial || word.contains('.') || ABBREVIATIONS.contains(&lower.as_str()) {
                    k += 1;
                }
            }
            let (s, e) = (byte(start), byte(k));
            out.push(Tok {
                start: s,
                end: e,
                kind: Kind::Word,
                lower: text[s..e].to_lowercase(),
                cap: c.is_uppercase(),
            });
            continue;
        }
        let prev = if start > 0 {
            Some(chars[start - 1].1)
        } else {
            None
        };
        let kind = match c {
            '\u{201c}' | '\u{201e}' | '\u{ab}' => quote(true, Dir::Open),
            '\u{201d}' | '\u{bb}' => quote(true, Dir::Close),
            '`' if at(k + 1) == Some('`') => {
                k += 1;
                quote(true, Dir::Open)
            }
            '\'' | '\u{2019}' if at(k + 1) == Some(c) => {
                k += 1;
                quote(true, guess(prev, at(k + 1)))
            }
            '"' => quote(true, guess(prev, at(k + 1))),
            '\u{2018}' => quote(false, Dir::Open),
            '\u{2019}' => quote(false, Dir::Close),
            '\'' => quote(false, guess(prev, at(k + 1))),
            _ => Kind::Punct(c),
        };
        k += 1;
        out.push(Tok {
            start: byte(start),
            end: byte(k),
            kind,
            lower: String::new(),
            cap: false,
        });
    }
    out
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
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
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
    fn quote_marks_are_tokens_with_directions() {
        let toks = tokenize("He said \"no,\" and ''yes'' ‘maybe’");
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
