//! Stage 5: the document as JSON (the `newsdigest/1` contract), or as a
//! human-readable digest in Markdown or plain text.

use std::fmt::Write;

use crate::document::{Document, Quote};

/// One document as pretty-printed JSON.
pub fn json(doc: &Document) -> String {
    serde_json::to_string_pretty(doc).expect("a Document always serializes")
}

/// One document as a single JSON line (for JSONL streams).
pub fn json_line(doc: &Document) -> String {
    serde_json::to_string(doc).expect("a Document always serializes")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
    Text,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "json" => Format::Json,
            "markdown" | "md" => Format::Markdown,
            "text" | "txt" => Format::Text,
            _ => return Err(format!("unknown format {s:?} (json, markdown, text)")),
        })
    }
}

/// "Name, description" for the speaker of a quote, or the raw source text.
pub fn attribution(doc: &Document, quote: &Quote) -> Option<String> {
    if let Some(speaker) = quote.speaker.as_deref().and_then(|id| doc.speaker(id)) {
        return Some(match speaker.descriptions.first() {
            Some(d) => format!("{}, {}", speaker.name, d),
            None => speaker.name.clone(),
        });
    }
    quote.source.as_ref().map(|s| s.text.clone())
}

fn title(doc: &Document, index: usize) -> String {
    doc.title
        .as_ref()
        .map(|t| t.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .or_else(|| doc.id.clone())
        .unwrap_or_else(|| format!("Article {}", index + 1))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Quotes worth showing in a digest: attributed ones, longest content first
/// within the article's order is less useful than order, so keep order.
fn key_quotes(doc: &Document) -> impl Iterator<Item = (&Quote, String)> {
    doc.quotes
        .iter()
        .filter_map(move |q| attribution(doc, q).map(|a| (q, a)))
}

/// A digest of several documents: per article its title, summary and key
/// quotes; then every quote grouped by speaker across articles.
pub fn digest(docs: &[Document], format: Format) -> String {
    let md = format == Format::Markdown;
    let mut out = String::new();
    if md {
        out.push_str("# News digest\n\n");
    }
    for (i, doc) in docs.iter().enumerate() {
        let t = title(doc, i);
        if md {
            let _ = writeln!(out, "## {t}\n");
        } else {
            let _ = writeln!(out, "{t}\n{}\n", "=".repeat(t.chars().count()));
        }
        if let Some(summary) = &doc.summary {
            let label = match summary.method {
                crate::SummaryMethod::Abstractive => format!("abstractive, {}", summary.model),
                crate::SummaryMethod::Extractive => format!("extractive, {}", summary.model),
            };
            if md {
                let _ = writeln!(out, "**Summary** ({label}): {}\n", one_line(&summary.text));
            } else {
                let _ = writeln!(out, "Summary ({label}): {}\n", one_line(&summary.text));
            }
        }
        let quotes: Vec<_> = key_quotes(doc).collect();
        if !quotes.is_empty() {
            let _ = writeln!(out, "{}", if md { "**Quotes**\n" } else { "Quotes:" });
            for (q, who) in quotes {
                let _ = writeln!(
                    out,
                    "- {who}: \u{201c}{}\u{201d}",
                    one_line(unquoted(&q.content.text))
                );
            }
            out.push('\n');
        }
    }
    let mut by_speaker: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        for (q, who) in key_quotes(doc) {
            let line = one_line(unquoted(&q.content.text));
            match by_speaker.iter_mut().find(|(w, _)| *w == who) {
                Some((_, v)) => v.push((i, line)),
                None => by_speaker.push((who, vec![(i, line)])),
            }
        }
    }
    if !by_speaker.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if md {
                "## Who said what\n"
            } else {
                "Who said what\n=============\n"
            }
        );
        for (who, lines) in by_speaker {
            let _ = writeln!(out, "{}", if md { format!("**{who}**") } else { who });
            for (i, line) in lines {
                let _ = writeln!(out, "- \u{201c}{line}\u{201d} ({})", title(&docs[i], i));
            }
            out.push('\n');
        }
    }
    out
}

/// Quote content without its own quotation marks: direct quotes keep their
/// marks in the span (as annotated corpora do), and the digest adds its own.
fn unquoted(content: &str) -> &str {
    content.trim().trim_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '\u{ab}' | '\u{bb}'
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{attribute::attribute, ingest::ingest, segment::segment};

    #[test]
    fn digest_shows_quotes_by_speaker() {
        let mut doc = ingest(None, "Talks Resume\n\n\"We agreed,\" Tang said.".into()).unwrap();
        segment(&mut doc);
        attribute(&mut doc);
        let md = digest(&[doc], Format::Markdown);
        assert!(md.contains("## Talks Resume"), "{md}");
        assert!(md.contains("- Tang: \u{201c}We agreed,\u{201d}"), "{md}");
        assert!(md.contains("## Who said what"), "{md}");
    }
}
