//! Windows: the runs of whole paragraphs (of `Document::paragraphs`) that
//! attribution analyses one at a time, each with its own tokens and
//! context, so that memory follows the window rather than the article. A
//! window is cut only where no rule can tell it from the whole text, so
//! the attributions are those of the whole text analysed at once.

use std::ops::Range;

use super::context::{sentence_at, Sentences};
use super::tokens::{self, Kind, Tok};

/// Bytes of text after which a window ends at the next safe boundary: large
/// enough that the work per window is small beside its text, small enough
/// that a window's tokens take little memory.
pub(super) const WINDOW_BYTES: usize = 64 * 1024;

/// The analysis windows: runs of whole paragraphs (indices into `paras`) of
/// `window_bytes` or more, cut only where no rule can tell the difference
/// between the window and the whole text. The rules work within a
/// sentence, reach one token before it (a comma or closing quotation mark
/// before an inverted cue) and two after it (a colon, comma or opening
/// quotation mark after a cue that ends the sentence), and follow
/// quotations, which stay within a paragraph; everything that combines
/// attributions (joining continued quotations, ending a report where the
/// next begins, nesting) works within a sentence or paragraph, or on spans
/// inside them, except that a paragraph opening with a quotation may
/// continue the quote before it. So a cut between paragraphs P and P+1 is safe when P ends
/// with a full stop, "!" or "?" (no comma or quotation mark), P+1 begins
/// with two words (no punctuation or quotation mark), and no sentence
/// holds tokens on both sides. Paragraphs tokenize alike alone and in the
/// whole text: they are separated by whitespace, where the tokenizer
/// treats the text's edge and whitespace the same way.
pub(super) fn windows(
    text: &str,
    paras: &[Range<usize>],
    sentences: &Sentences,
    window_bytes: usize,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut scratch = String::new();
    let mut cursor = sentences.next;
    let mut start = 0;
    for i in 0..paras.len() {
        let next = i + 1;
        if next == paras.len() {
            out.push(start..next);
            break;
        }
        if paras[i].end - paras[start].start < window_bytes {
            continue;
        }
        // The last token of paragraph i: that of its last whitespace-free run.
        let p = &text[paras[i].clone()];
        let tail_len = p.rsplit(char::is_whitespace).next().map_or(0, str::len);
        let tail_start = paras[i].end - tail_len;
        let tail = tokens::tokenize(&text[tail_start..paras[i].end], &mut scratch);
        let ends_sentence = tail
            .last()
            .is_some_and(|t| matches!(t.kind, Kind::Punct('.' | '!' | '?')));
        let last_start = tail
            .last()
            .map_or(tail_start, |t| tail_start + t.start as usize);
        drop(tail);
        // The first two tokens of paragraph i + 1: those of its first two
        // whitespace-free runs.
        let n = &text[paras[next].clone()];
        let head = tokens::tokenize(&n[..head_len(n, 2)], &mut scratch);
        let opens_with_words = head.len() >= 2 && head[..2].iter().all(Tok::is_word);
        drop(head);
        let one_sentence =
            sentence_at(&sentences.ranges, &mut cursor, last_start).is_some_and(|k| {
                sentence_at(&sentences.ranges, &mut cursor, paras[next].start) == Some(k)
            });
        if ends_sentence && opens_with_words && !one_sentence {
            out.push(start..next);
            start = next;
        }
    }
    out
}

/// Length of the first `runs` whitespace-free runs of `s` (with the
/// whitespace between them), or of all of `s`.
fn head_len(s: &str, runs: usize) -> usize {
    let mut seen = 0;
    let mut in_run = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_run {
                seen += 1;
                if seen == runs {
                    return i;
                }
            }
            in_run = false;
        } else {
            in_run = true;
        }
    }
    s.len()
}
