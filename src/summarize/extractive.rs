//! The lead baseline: a news article's first sentences are its summary more
//! often than any other extractive choice (the "lead-3" baseline of news
//! summarization research), so it is the fallback when no model is at hand.

use crate::document::{Document, Summary, SummaryMethod};

pub const METHOD_NAME: &str = "lead-3";

/// The first `count` content sentences, skipping the title and boilerplate.
pub fn lead(doc: &Document, count: usize) -> Summary {
    let picked: Vec<&str> = doc
        .body_sentences()
        .take(count)
        .map(|s| s.text.as_str())
        .collect();
    Summary {
        text: picked.join(" "),
        method: SummaryMethod::Extractive,
        model: METHOD_NAME.to_owned(),
        chunks: None,
        checks: None,
        revised: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest::ingest, segment::segment};

    #[test]
    fn takes_the_first_content_sentences_after_title_and_banners() {
        let mut doc = ingest(
            None,
            "Watch CBS News\n\nHeadline Here\n\nOne. Two. Three. Four.".into(),
        )
        .unwrap();
        segment(&mut doc);
        let s = lead(&doc, 3);
        assert_eq!(s.text, "One. Two. Three.");
        assert_eq!(s.method, SummaryMethod::Extractive);
    }

    #[test]
    fn a_body_only_input_keeps_its_lead_as_sentences_and_in_the_summary() {
        let text = "The bill passed the House on Friday. It now goes to the Senate, where its fate is uncertain.\n\nIn other news, the mayor resigned.";
        let mut doc = ingest(None, text.into()).unwrap();
        segment(&mut doc);
        assert!(doc.title.is_none());
        let first: Vec<&str> = doc
            .sentences
            .iter()
            .take(2)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(
            first,
            [
                "The bill passed the House on Friday.",
                "It now goes to the Senate, where its fate is uncertain."
            ]
        );
        assert!(lead(&doc, 3)
            .text
            .starts_with("The bill passed the House on Friday. It now goes to the Senate"));
    }
}
