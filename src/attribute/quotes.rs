//! Quotation spans over whole paragraphs: straight, curly, single and
//! doubled-apostrophe marks, nested quotes kept inside their outer quote, and
//! quotes that run to the end of a paragraph without closing (the convention
//! for multi-paragraph quotes, where each paragraph reopens the quote).

use super::tokens::{Dir, Kind, Tok};

#[derive(Debug, Clone)]
pub struct Quoted {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, or of the paragraph's last token when
    /// the quote runs on.
    pub close: usize,
    pub closed: bool,
    pub words: usize,
}

/// Quotations in `toks[range]`, one paragraph, in order; never overlapping.
pub fn find(toks: &[Tok], range: std::ops::Range<usize>, out: &mut Vec<Quoted>) {
    // (token index, double) of the outermost open mark.
    let mut open: Option<(usize, bool)> = None;
    let mut inner_open = false;
    for i in range.clone() {
        let Kind::Quote { double, dir } = toks[i].kind else {
            continue;
        };
        match open {
            None => {
                // A single mark opens a top-level quote only when it clearly
                // opens: apostrophes ("Sanders' camp") must not start one.
                if dir == Dir::Open || (double && dir == Dir::Either) {
                    open = Some((i, double));
                    inner_open = false;
                }
            }
            Some((start, outer_double)) => {
                if double != outer_double {
                    // A nested quote of the other kind: track it so that its
                    // closing mark is not taken for ours.
                    if !double {
                        if dir == Dir::Open {
                            inner_open = true;
                        } else if dir == Dir::Close {
                            inner_open = false;
                        }
                    }
                    continue;
                }
                if dir == Dir::Open && double {
                    // An unclosed quote followed by a new one: end the first
                    // just before the new mark.
                    if i > start + 1 {
                        push(toks, start, i - 1, false, out);
                    }
                    open = Some((i, double));
                    continue;
                }
                if !double && inner_open {
                    continue;
                }
                push(toks, start, i, true, out);
                open = None;
            }
        }
    }
    if let Some((start, double)) = open {
        let last = range.end - 1;
        // Only double quotes run on to the paragraph's end; a lone single
        // mark is far more often an apostrophe.
        if double && last > start {
            push(toks, start, last, false, out);
        }
    }
}

fn push(toks: &[Tok], open: usize, close: usize, closed: bool, out: &mut Vec<Quoted>) {
    let words = toks[open..=close].iter().filter(|t| t.is_word()).count();
    if words > 0 {
        out.push(Quoted {
            open,
            close,
            closed,
            words,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        let mut arena = String::new();
        let toks = tokenize(text, &mut arena);
        let mut out = Vec::new();
        find(&toks, 0..toks.len(), &mut out);
        out.iter()
            .map(|q| &text[toks[q.open].range().start..toks[q.close].range().end])
            .collect()
    }

    #[test]
    fn pairs_marks_of_every_style() {
        assert_eq!(
            quoted("He said \"yes,\" then “no” and ''maybe''."),
            ["\"yes,\"", "“no”", "''maybe''"]
        );
        assert_eq!(quoted("‘We won,’ said O’Malley’s aide."), ["‘We won,’"]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(
            quoted("“He told me ‘go home’ today,” she said."),
            ["“He told me ‘go home’ today,”"]
        );
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end() {
        assert_eq!(
            quoted("“First part of a long quote."),
            ["“First part of a long quote."]
        );
    }

    #[test]
    fn pairs_the_marks_of_other_languages() {
        assert_eq!(
            quoted("„Wir schaffen das“, sagte sie. »Nein«, sagte er."),
            ["„Wir schaffen das“", "»Nein«"]
        );
        assert_eq!(
            quoted("« Nous avons gagné », a-t-il dit. «Oui»."),
            ["« Nous avons gagné »", "«Oui»"]
        );
        assert_eq!(
            quoted("他说：「我们会赢。」她说：“好。”"),
            ["「我们会赢。」", "“好。”"]
        );
    }

    #[test]
    fn a_typo_s_opening_mark_closes_only_after_a_quote_s_punctuation() {
        // Where a typo puts “ at a quote's end, after its comma or period
        // and before a space, it closes: read as an opening mark, it made
        // "he said." a quotation.
        assert_eq!(quoted("“Yes,“ he said. “No.”"), ["“Yes,“", "“No.”"]);
        // Anywhere else it opens.
        assert_eq!(quoted("He said “yes“ twice."), ["“yes", "“ twice."]);
    }

    #[test]
    fn apostrophes_do_not_open_quotes() {
        assert!(quoted("The Sanders' camp and the ’90s.").is_empty());
    }
}
