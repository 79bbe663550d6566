use super::*;
use crate::ingest::ingest;

fn sentences(text: &str) -> Vec<String> {
    let mut doc = ingest(None, text.to_owned()).unwrap();
    segment(&mut doc);
    doc.sentences.into_iter().map(|s| s.text).collect()
}

fn split(text: &str) -> Vec<&str> {
    split_sentences(text, 0..text.len())
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn splits_at_terminal_punctuation_and_keeps_closing_quotes() {
    assert_eq!(
        sentences("He said the talks \"produced very concrete achievements.\" Then he left."),
        [
            "He said the talks \"produced very concrete achievements.\"",
            "Then he left."
        ]
    );
}

#[test]
fn spans_are_exact() {
    let text = "  Title\n\nOne. Two?\n";
    let mut doc = ingest(None, text.to_owned()).unwrap();
    segment(&mut doc);
    for s in &doc.sentences {
        assert_eq!(&text[s.start..s.end], s.text);
    }
    assert_eq!(doc.sentences.len(), 3);
    assert_eq!(split("a. b"), ["a. b"]);
}
