//! Quotations: words a summary puts in quotation marks must stand in the
//! article word for word. Quote style, case, punctuation and whitespace do
//! not count; an ellipsis may skip words, and bracketed words are the
//! summary's own.

use std::ops::Range;

use super::text::{is_quote_mark, Tok, TokKind};

/// A quotation of the summary: byte span (marks included) and the token
/// range of its words.
#[derive(Debug, Clone)]
pub(super) struct Quotation {
    pub(super) span: Range<usize>,
    pub(super) toks: Range<usize>,
}

fn opens(t: &Tok, next: Option<&Tok>) -> bool {
    match t.text {
        "\u{201c}" | "\u{2018}" | "\u{ab}" | "\u{201e}" => true,
        // A straight mark opens after a space, or at the start of the text.
        "\"" | "'" => t.space_before && next.is_some_and(|n| !n.space_before),
        _ => false,
    }
}

fn closes(t: &Tok) -> bool {
    matches!(t.text, "\u{201d}" | "\u{2019}" | "\u{bb}" | "\"" | "'")
}

/// The quotations of a text's tokens. An opening mark with no closing one
/// quotes to the end of the text (models drop closing marks).
pub(super) fn quotations(toks: &[Tok]) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in toks.iter().enumerate() {
        if t.kind != TokKind::Mark || !t.text.starts_with(is_quote_mark) {
            continue;
        }
        match open {
            None if opens(t, toks.get(i + 1)) => open = Some((i, t.text)),
            Some((o, style)) if closes(t) => {
                // A single mark closes only a single quotation; an
                // apostrophe after a word ("Tibetans'") closes nothing else.
                let single = |s: &str| matches!(s, "'" | "\u{2018}" | "\u{2019}");
                if single(style) != single(t.text) {
                    continue;
                }
                out.push(Quotation {
                    span: toks[o].start..t.end,
                    toks: o + 1..i,
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some((o, style)) = open {
        if !matches!(style, "'" | "\u{2018}") {
            let end = toks.last().map_or(toks[o].end, |t| t.end);
            out.push(Quotation {
                span: toks[o].start..end,
                toks: o + 1..toks.len(),
            });
        }
    }
    out
}

/// The form quoted words are compared in: lower case, curly apostrophes
/// straight.
fn word_form(t: &Tok) -> String {
    t.text
        .chars()
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The fragments of a quotation to find in the article: runs of words
/// between ellipses, bracketed words left out.
pub(super) fn fragments(toks: &[Tok], q: &Quotation) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    let mut dots = 0;
    let mut bracket = 0usize;
    for t in &toks[q.toks.clone()] {
        match t.kind {
            TokKind::Mark => {
                if t.text == "[" {
                    bracket += 1;
                } else if t.text == "]" {
                    bracket = bracket.saturating_sub(1);
                    out.push(Vec::new());
                } else if t.text == "\u{2026}" {
                    out.push(Vec::new());
                } else if t.text == "." {
                    dots += 1;
                    if dots == 3 {
                        out.push(Vec::new());
                    }
                    continue;
                }
                dots = 0;
            }
            _ if bracket > 0 => {}
            _ => {
                dots = 0;
                out.last_mut().expect("never empty").push(word_form(t));
            }
        }
    }
    out.retain(|f| !f.is_empty());
    out
}

/// The article's words in order, to find quoted words in: one string of
/// the words, each followed by a separator no word holds, so that finding
/// a quotation is one substring search (linear, whatever the texts).
#[derive(Debug)]
pub(super) struct WordStream {
    joined: String,
}

const SEP: char = '\u{1}';

impl Default for WordStream {
    fn default() -> WordStream {
        WordStream {
            joined: SEP.to_string(),
        }
    }
}

impl WordStream {
    pub(super) fn add(&mut self, toks: &[Tok]) {
        for t in toks.iter().filter(|t| t.kind != TokKind::Mark) {
            self.joined.push_str(&word_form(t));
            self.joined.push(SEP);
        }
    }

    /// Whether `words` stand together, in this order, in the article.
    pub(super) fn contains(&self, words: &[String]) -> bool {
        if words.is_empty() {
            return true;
        }
        let mut needle = String::from(SEP);
        for w in words {
            needle.push_str(w);
            needle.push(SEP);
        }
        self.joined.contains(&needle)
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn quoted(s: &str) -> Vec<&str> {
        let toks = tokenize(s, 0..s.len());
        quotations(&toks).into_iter().map(|q| &s[q.span]).collect()
    }

    #[test]
    fn pairs_marks_of_every_style() {
        assert_eq!(
            quoted("He said \u{201c}yes\u{201d} and \"no,\" not the Tibetans' 'maybe'."),
            ["\u{201c}yes\u{201d}", "\"no,\"", "'maybe'"]
        );
        assert_eq!(quoted("She said \"we won."), ["\"we won."]);
    }

    #[test]
    fn verbatim_with_ellipsis_and_brackets() {
        let article = "\u{201c}We have decided to resume dialogue on human rights issues within this year,\u{201d} Tang said.";
        let mut ws = WordStream::default();
        ws.add(&tokenize(article, 0..article.len()));
        let s = "Tang said \"we have decided ... [to restart] dialogue on human rights.\"";
        let toks = tokenize(s, 0..s.len());
        let q = &quotations(&toks)[0];
        let frags = fragments(&toks, q);
        assert_eq!(frags.len(), 2);
        assert!(frags.iter().all(|f| ws.contains(f)), "{frags:?}");
        assert!(!ws.contains(&["dialogue".into(), "on".into(), "trade".into()]));
    }
}
