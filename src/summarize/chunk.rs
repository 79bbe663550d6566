//! Long articles, never silently truncated: content sentences are packed
//! into chunks that fit the model, each chunk is summarized, and the joined
//! partial summaries are summarized again (map-reduce).

/// Group consecutive `pieces` into chunks of at most `budget` tokens.
/// A piece longer than the budget is split at word boundaries so that no
/// input text is dropped.
pub(crate) fn chunks<'a>(
    pieces: &[&'a str],
    budget: usize,
    count: &dyn Fn(&str) -> usize,
) -> Vec<String> {
    let budget = budget.max(1);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_tokens = 0;
    let mut push =
        |piece: &str, tokens: usize, current: &mut String, current_tokens: &mut usize| {
            if !current.is_empty() && *current_tokens + tokens > budget {
                out.push(std::mem::take(current));
                *current_tokens = 0;
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(piece);
            *current_tokens += tokens;
        };
    for piece in pieces {
        let tokens = count(piece);
        if tokens <= budget {
            push(piece, tokens, &mut current, &mut current_tokens);
            continue;
        }
        for part in split_long(piece, budget, count) {
            let tokens = count(&part);
            push(&part, tokens, &mut current, &mut current_tokens);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Split an over-long piece into runs of words that each fit `budget`.
/// Word counts are added up rather than recounted per candidate run, which
/// keeps this linear; byte-level BPE and SentencePiece both split at spaces
/// first, so the sum is the count of the run.
fn split_long(piece: &str, budget: usize, count: &dyn Fn(&str) -> usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut tokens = 0;
    for word in piece.split_whitespace() {
        let word_tokens = count(word).max(1);
        if !current.is_empty() && tokens + word_tokens > budget {
            out.push(std::mem::take(&mut current));
            tokens = 0;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        tokens += word_tokens;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> usize {
        s.split_whitespace().count()
    }

    #[test]
    fn packs_sentences_without_losing_any() {
        let pieces = ["a b c", "d e", "f g h i", "j"];
        let c = chunks(&pieces, 5, &words);
        assert_eq!(c, ["a b c d e", "f g h i j"]);
    }

    #[test]
    fn splits_a_sentence_longer_than_the_chunk() {
        let long = "w1 w2 w3 w4 w5 w6 w7";
        let c = chunks(&[long, "x"], 3, &words);
        assert_eq!(c, ["w1 w2 w3", "w4 w5 w6", "w7 x"]);
        assert_eq!(c.join(" "), format!("{long} x"));
    }
}
