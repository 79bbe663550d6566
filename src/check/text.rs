//! The light tokenization every check reads: words, numbers and marks with
//! their byte ranges, and the normal forms names and words are compared in.
//!
//! One tokenizer for the article and the summary, so that a sentence the
//! summary copies from the article yields the very same tokens (which is
//! what makes extractive summaries come out supported).

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokKind {
    /// Letters (and digits after a letter): "China's", "U.S.", "G8".
    Word,
    /// Digits with inner commas, periods or colons: "1,300", "6.4", "4:52".
    Number,
    /// Any other character that is not whitespace.
    Mark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tok<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: &'a str,
    pub(super) kind: TokKind,
    /// Whitespace (or the start of the text) comes before it.
    pub(super) space_before: bool,
}

impl<'a> Tok<'a> {
    pub(super) fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub(super) fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    pub(super) fn is_mark(&self, c: char) -> bool {
        self.kind == TokKind::Mark && self.text.starts_with(c)
    }

    /// First character upper case: "Tang", "U.S.", "ASEAN".
    pub(super) fn capitalized(&self) -> bool {
        self.kind == TokKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Every letter upper case, at least two: "ASEAN", "U.S.", "EU".
    pub(super) fn all_caps(&self) -> bool {
        let mut letters = 0;
        for c in self.text.chars() {
            if c.is_lowercase() {
                return false;
            }
            if c.is_alphabetic() {
                letters += 1;
            }
        }
        self.kind == TokKind::Word && letters >= 2
    }
}

/// Quotation marks of every style; `'` and `’` are also apostrophes.
pub(super) fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201c}'
            | '\u{201d}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{ab}'
            | '\u{bb}'
            | '\u{201e}'
            | '\u{201f}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Tokens of `text[range]`, offsets into `text`.
pub(super) fn tokenize(text: &str, range: Range<usize>) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let base = range.start;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut i = 0;
    let mut space_before = true;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            space_before = true;
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let kind = if c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic()) {
            // Digits, with separators between digits: 1,300,000 · 6.4 · 4:52.
            while let Some(d) = at(j) {
                if d.is_ascii_digit() {
                    j += 1;
                } else if matches!(d, ',' | '.' | ':')
                    && at(j + 1).is_some_and(|e| e.is_ascii_digit())
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // An ordinal or unit glued on ("14th", "3rd", "5m") stays in the token.
            if at(j).is_some_and(char::is_alphabetic) {
                while at(j).is_some_and(char::is_alphanumeric) {
                    j += 1;
                }
                TokKind::Word
            } else {
                TokKind::Number
            }
        } else if c.is_alphabetic() {
            loop {
                match at(j) {
                    Some(d) if d.is_alphanumeric() => j += 1,
                    // "China's", "don't": an apostrophe between letters.
                    Some(d) if is_apostrophe(d) && at(j + 1).is_some_and(char::is_alphabetic) => {
                        j += 2
                    }
                    // "U.S.", "p.m.", "Ph.D.": single letters (or two) with periods.
                    Some('.') if initialism_continues(&chars, i, j) => j += 1,
                    _ => break,
                }
            }
            TokKind::Word
        } else {
            TokKind::Mark
        };
        let end = chars.get(j).map_or(s.len(), |&(o, _)| o);
        out.push(Tok {
            start: base + start,
            end: base + end,
            text: &text[base + start..base + end],
            kind,
            space_before,
        });
        space_before = false;
        i = j;
    }
    out
}

/// Whether the period at `chars[j]`, inside a word that began at `i`, is
/// part of an initialism: every part so far is one or two letters, and
/// either a letter follows ("U.S") or the word already has a period ("U.S.").
fn initialism_continues(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let word: String = chars[i..j].iter().map(|&(_, c)| c).collect();
    let parts_short = word
        .split('.')
        .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic));
    if !parts_short {
        return false;
    }
    let next = chars.get(j + 1).map(|&(_, c)| c);
    match next {
        Some(c) if c.is_alphabetic() => {
            // "U.S" continues only into another short part ("U.S.A"), not
            // into a word ("end.Next").
            let run = chars[j + 1..]
                .iter()
                .take_while(|&&(_, c)| c.is_alphabetic())
                .count();
            run <= 2
        }
        _ => word.contains('.'),
    }
}

/// The form words are compared in: lower case, no possessive, no periods,
/// curly apostrophes straight. "China's" → "china", "U.S." → "us".
pub(super) fn norm(word: &str) -> String {
    let mut w: String = word
        .chars()
        .filter(|&c| c != '.')
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if w.ends_with("'s") {
        w.truncate(w.len() - 2);
    }
    w
}

/// A crude stem for comparing content words: plural, past and gerund
/// endings off ("talks" → "talk", "decided" → "decid", "holding" → "hold").
pub(super) fn stem(w: &str) -> &str {
    let n = w.len();
    if (n > 5 && w.ends_with("ing")) || (n > 4 && (w.ends_with("ied") || w.ends_with("ies"))) {
        &w[..n - 3]
    } else if n > 4 && w.ends_with("ed") {
        &w[..n - 2]
    } else if n > 4 && (w.ends_with('e') || w.ends_with('y')) {
        // "decide" as "decided", "country" as "countries".
        &w[..n - 1]
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") {
        let w = &w[..n - 1];
        // "decides" → "decide" → "decid", as "decided" above.
        if w.len() > 4 && w.ends_with('e') {
            &w[..w.len() - 1]
        } else {
            w
        }
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len()).iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens() {
        assert_eq!(
            words("China's U.S.-China ties, 1,300,000 people; 6.4 at 4:52 a.m."),
            [
                "China's",
                "U.S.",
                "-",
                "China",
                "ties",
                ",",
                "1,300,000",
                "people",
                ";",
                "6.4",
                "at",
                "4:52",
                "a.m."
            ]
        );
        assert_eq!(
            words("the 14th vote, 5-2."),
            ["the", "14th", "vote", ",", "5", "-", "2", "."]
        );
        assert_eq!(
            words("\u{201c}We won,\u{201d} he said."),
            ["\u{201c}", "We", "won", ",", "\u{201d}", "he", "said", "."]
        );
        assert_eq!(words("in the U.S. How"), ["in", "the", "U.S.", "How"]);
        assert_eq!(words("end.Next"), ["end", ".", "Next"]);
        assert_eq!(words("Tibetans' rights"), ["Tibetans", "'", "rights"]);
    }

    #[test]
    fn forms() {
        assert_eq!(norm("China\u{2019}s"), "china");
        assert_eq!(norm("U.S."), "us");
        assert_eq!(stem("talks"), "talk");
        assert_eq!(stem("decided"), stem("decides"));
        assert_eq!(stem("decided"), stem("decide"));
        assert_eq!(stem("holding"), "hold");
        assert_eq!(stem("country"), stem("countries"));
    }
}
