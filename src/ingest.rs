//! Stage 1: take the raw input, keep it byte for byte, and mark what is not
//! article text (banners, navigation) and which line is the headline.
//!
//! Marks are byte ranges, never edits: the original input stays the single
//! source of offsets for every later stage.

use std::ops::Range;

use crate::document::Document;
use crate::error::{Error, Result};

/// Largest article accepted, in bytes. News articles are rarely over 100 kB;
/// 32 MB leaves room for whole scraped pages while bounding memory per record.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Decode `bytes` as UTF-8 and build a document from it.
pub fn ingest_bytes(id: Option<String>, bytes: Vec<u8>) -> Result<Document> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Error::InvalidUtf8 {
            offset,
            byte: e.as_bytes()[offset],
        }
    })?;
    ingest(id, text)
}

/// Build a document from `text`, marking boilerplate and the title.
pub fn ingest(id: Option<String>, text: String) -> Result<Document> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::InputTooLarge {
            size: text.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if text.trim().is_empty() {
        return Err(Error::EmptyInput);
    }
    let mut doc = Document::new(id, text);
    let paragraphs = paragraphs(&doc.text);
    doc.boilerplate = boilerplate_lines(&doc.text);
    doc.title =
        find_title(&doc.text, &paragraphs, &doc.boilerplate).map(|r| doc.span(r.start, r.end));
    Ok(doc)
}

/// Paragraphs: runs of non-blank lines, trimmed of surrounding whitespace.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            end = pos + lead + trimmed.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

/// Words that appear on page furniture and almost never in a headline: calls
/// to action of apps, players, cookie and share banners, and browser names.
const INTERFACE_WORDS: &[&str] = &[
    "watch",
    "view",
    "open",
    "continue",
    "share",
    "download",
    "subscribe",
    "sign",
    "log",
    "login",
    "app",
    "apps",
    "cookie",
    "cookies",
    "accept",
    "advertisement",
    "skip",
    "menu",
    "newsletter",
    "chrome",
    "safari",
    "firefox",
    "edge",
    "browser",
    "click",
    "tap",
    "follow",
    "tweet",
    "email",
    "print",
    "comments",
    "related",
    "home",
    "play",
    "video",
];

/// Non-blank lines, trimmed of surrounding whitespace.
pub fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            out.push(pos + lead..pos + lead + trimmed.len());
        }
        pos += line.len();
    }
    out
}

/// A line is debris when it is short, has no sentence punctuation, is made
/// of capitalised words, and names an interface action. Only the fringes of
/// the text are considered: in the body such a line is a subheading.
fn is_debris_line(line: &str) -> bool {
    if line.len() > 60 || line.ends_with(['.', '!', '?', '"', '\u{201d}', ':', ',']) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let capitalised = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    });
    let interface = words.iter().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        INTERFACE_WORDS.contains(&w.as_str())
    });
    capitalised && interface
}

fn boilerplate_lines(text: &str) -> Vec<Range<usize>> {
    let lines = lines(text);
    let head = lines
        .iter()
        .take_while(|r| is_debris_line(&text[(*r).clone()]))
        .count();
    let tail = lines[head..]
        .iter()
        .rev()
        .take_while(|r| is_debris_line(&text[(*r).clone()]))
        .count();
    let mut marked = lines[..head].to_vec();
    marked.extend_from_slice(&lines[lines.len() - tail..]);
    marked
}

/// The headline: the first paragraph of content when it is a short block
/// followed by more text (a one-paragraph input has no separate title).
fn find_title(
    text: &str,
    paragraphs: &[Range<usize>],
    boilerplate: &[Range<usize>],
) -> Option<Range<usize>> {
    let mut content = paragraphs.iter().filter(|p| {
        !boilerplate
            .iter()
            .any(|b| b.start <= p.start && p.end <= b.end)
    });
    let first = content.next()?;
    content.next()?;
    let head = &text[first.clone()];
    let lines = head.lines().count();
    (head.len() <= 250 && lines <= 2).then(|| first.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = ingest_bytes(None, b"abc\xffdef".to_vec()).unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidUtf8 {
                    offset: 3,
                    byte: 0xff
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("byte offset 3"));
    }

    #[test]
    fn empty_and_blank_inputs_are_errors() {
        assert!(matches!(
            ingest(None, String::new()),
            Err(Error::EmptyInput)
        ));
        assert!(matches!(
            ingest(None, " \n\t\r\n".into()),
            Err(Error::EmptyInput)
        ));
    }

    #[test]
    fn paragraphs_are_trimmed_blocks() {
        let text = "  Title line \n\nFirst para\nwraps here.\n\n\nSecond.\n";
        let p: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(p, ["Title line", "First para\nwraps here.", "Second."]);
    }

    #[test]
    fn body_lines_are_never_marked() {
        let text =
            "Title\n\nWatch the video here, he said.\n\nShare Your Story\n\nLast real sentence.\n";
        let doc = ingest(None, text.into()).unwrap();
        assert!(doc.boilerplate.is_empty());
    }

    #[test]
    fn banners_at_the_fringes_are_marked_and_the_headline_is_the_title() {
        let text = "Watch CBS News\n\nU.S., China To Resume Rights Talks\n\nBody sentence one. Body two.\n\nView CBS News In\nCBS News App Open\n";
        let doc = ingest(None, text.into()).unwrap();
        let marked: Vec<&str> = doc.boilerplate.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            marked,
            ["Watch CBS News", "View CBS News In", "CBS News App Open"]
        );
        assert_eq!(
            doc.title.unwrap().text,
            "U.S., China To Resume Rights Talks"
        );
    }
}
