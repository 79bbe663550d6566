//! What kind of input the bytes are, and the article text they hold.

use std::ops::Range;

use crate::document::Document;
use crate::error::{Error, Result};

use super::{decode, html, ingest_with_title, Title, MAX_INPUT_BYTES};

/// How to read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InputFormat {
    /// HTML when the first bytes look like markup ([`sniff`]), else text.
    #[default]
    Auto,
    /// Plain text, used as it is.
    Text,
    /// A web page: the article is extracted ([`html::extract`]).
    Html,
}

impl std::str::FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "auto" => InputFormat::Auto,
            "text" | "txt" => InputFormat::Text,
            "html" | "htm" => InputFormat::Html,
            _ => return Err(format!("unknown input format {s:?} (auto, text, html)")),
        })
    }
}

impl std::fmt::Display for InputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InputFormat::Auto => "auto",
            InputFormat::Text => "text",
            InputFormat::Html => "html",
        })
    }
}

/// Tags that open HTML documents and fragments. A plain-text article does
/// not start with one of these in angle brackets; a saved page or a pasted
/// fragment does.
const TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "title",
    "link",
    "base",
    "script",
    "style",
    "noscript",
    "template",
    "main",
    "article",
    "section",
    "header",
    "footer",
    "nav",
    "aside",
    "div",
    "span",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "br",
    "hr",
    "img",
    "figure",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "form",
    "iframe",
    "font",
    "center",
];

/// [`InputFormat::Html`] when the input starts, after a byte-order mark,
/// whitespace, comments and an XML declaration, with `<!DOCTYPE html` or
/// one of the [`TAGS`] (any case); [`InputFormat::Text`] otherwise. Looks
/// at a bounded prefix only.
pub fn sniff(bytes: &[u8]) -> InputFormat {
    let mut rest = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // Saved pages open with a "saved from url" comment; XHTML with `<?xml`.
    for _ in 0..8 {
        rest = rest.trim_ascii_start();
        let skip = if rest.starts_with(b"<!--") {
            find(rest, b"-->").map(|i| i + 3)
        } else if rest.starts_with(b"<?") {
            find(rest, b"?>").map(|i| i + 2)
        } else {
            break;
        };
        match skip {
            Some(n) => rest = &rest[n..],
            None => return InputFormat::Text,
        }
    }
    let head = |n: usize| rest.get(..n).map(<[u8]>::to_ascii_lowercase);
    if head(14).as_deref() == Some(b"<!doctype html") {
        return InputFormat::Html;
    }
    let Some(after) = rest.strip_prefix(b"<") else {
        return InputFormat::Text;
    };
    let name_len = after
        .iter()
        .take(16)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = after[..name_len].to_ascii_lowercase();
    // The name must end the tag's name: "<b>" and "<br/>", not "<bogus".
    let ends = matches!(
        after.get(name_len),
        Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
    );
    if ends && TAGS.iter().any(|t| t.as_bytes() == name) {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

/// Where `needle` starts in the first 64 KiB of `hay`: a comment or XML
/// declaration longer than that does not open a page.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay[..hay.len().min(64 * 1024)]
        .windows(needle.len())
        .position(|w| w == needle)
}

/// An input read as article text ([`prepare`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The input itself, or the article extracted from a page: the text of
    /// the document, into which every span indexes.
    pub text: String,
    /// How the input was read: [`InputFormat::Text`] or [`InputFormat::Html`].
    pub format: InputFormat,
    /// The headline's line in `text`, when a page gave one.
    pub title: Option<Range<usize>>,
    /// The headline came apart from the text (a batch record's `title`
    /// field): no line of `text` is taken for one.
    pub title_elsewhere: bool,
}

impl Prepared {
    /// The document of this text, its known headline the title.
    /// The text of a page, extracted, is also the document's
    /// [`Document::extracted_text`].
    pub fn ingest(self, id: Option<String>) -> Result<Document> {
        let extracted = (self.format == InputFormat::Html).then(|| self.text.clone());
        let title = match (self.title, self.title_elsewhere) {
            (_, true) => Title::Elsewhere,
            (Some(line), false) => Title::Line(line),
            (None, false) => Title::Search,
        };
        let mut doc = ingest_with_title(id, self.text, title)?;
        doc.extracted_text = extracted;
        Ok(doc)
    }

    /// Plain text, used as it is.
    pub fn text(text: String) -> Prepared {
        Prepared {
            text,
            format: InputFormat::Text,
            title: None,
            title_elsewhere: false,
        }
    }

    /// This input with its headline given apart from it.
    pub fn with_title_elsewhere(mut self) -> Prepared {
        self.title = None;
        self.title_elsewhere = true;
        self
    }
}

/// Read an input as article text: plain text as it is, or the article
/// extracted from a page ([`html::extract`]); with [`InputFormat::Auto`],
/// [`sniff`] decides.
///
/// Errors: over [`MAX_INPUT_BYTES`] (checked on the input, HTML included,
/// before any parsing), not UTF-8, or a page without text.
pub fn prepare(bytes: Vec<u8>, format: InputFormat) -> Result<Prepared> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::InputTooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let format = match format {
        InputFormat::Auto => sniff(&bytes),
        f => f,
    };
    let text = decode(bytes)?;
    Ok(match format {
        InputFormat::Html => {
            let page = html::extract(&text)?;
            Prepared {
                text: page.text,
                format: InputFormat::Html,
                title: page.title,
                title_elsewhere: false,
            }
        }
        _ => Prepared::text(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_pages_and_fragments() {
        for page in [
            "<!DOCTYPE html><html></html>",
            "\u{feff}  \n<!doctype HTML>",
            "<HTML lang=en>",
            "<head><title>x</title>",
            "<body>",
            "<p>Text</p>",
            "<br/>",
            "<DIV class=story>",
            "<!-- saved from url=(0030)http://example.com/ -->\r\n<html>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">",
        ] {
            assert_eq!(sniff(page.as_bytes()), InputFormat::Html, "{page:?}");
        }
    }

    #[test]
    fn text_is_text() {
        for text in [
            "",
            "Talks Resume\n\nThey met.",
            "<3 from the team",
            "<bogus> is not a tag",
            "<p",
            "<!-- an unclosed comment",
            "< html>",
            "Some text <p>with a tag</p> later",
            "\u{feff}",
        ] {
            assert_eq!(sniff(text.as_bytes()), InputFormat::Text, "{text:?}");
        }
    }

    fn prepared(bytes: &[u8], format: InputFormat) -> (String, InputFormat) {
        let p = prepare(bytes.to_vec(), format).unwrap();
        (p.text, p.format)
    }

    #[test]
    fn prepare_reads_text_as_is_and_extracts_pages() {
        let text = |s: &str| s.to_owned();
        assert_eq!(
            prepared(b"  Plain <b> text", InputFormat::Auto),
            (text("  Plain <b> text"), InputFormat::Text)
        );
        assert_eq!(
            prepared(b"<p>Caf&eacute; &amp; bar.</p>", InputFormat::Auto),
            (text("Café & bar."), InputFormat::Html)
        );
        // Forced text keeps the markup; forced HTML reads text as a page.
        assert_eq!(
            prepared(b"<p>x</p>", InputFormat::Text),
            (text("<p>x</p>"), InputFormat::Text)
        );
        assert_eq!(
            prepared(b"a &lt; b", InputFormat::Html),
            (text("a < b"), InputFormat::Html)
        );
    }

    #[test]
    fn the_headline_of_a_page_is_the_title_whatever_its_words() {
        // "Open" and "Watch" are words of banners: plain-text ingest takes
        // such a first line for furniture.
        let page = b"<title>Watch Crews Keep the Library Open</title>\
                     <p>The council voted on Tuesday. It was close.</p><p>More.</p>";
        let doc = prepare(page.to_vec(), InputFormat::Auto)
            .unwrap()
            .ingest(None)
            .unwrap();
        assert_eq!(
            doc.title.map(|t| t.text).as_deref(),
            Some("Watch Crews Keep the Library Open")
        );
        assert!(doc.boilerplate.is_empty(), "{:?}", doc.boilerplate);
        let plain = super::super::ingest(None, doc.text.clone()).unwrap();
        assert_ne!(
            plain.title.map(|t| t.text).as_deref(),
            Some("Watch Crews Keep the Library Open")
        );
    }

    #[test]
    fn the_size_limit_applies_to_the_page() {
        let mut page = b"<html><body><p>".to_vec();
        page.resize(MAX_INPUT_BYTES + 1, b'a');
        assert!(matches!(
            prepare(page, InputFormat::Html),
            Err(Error::InputTooLarge { .. })
        ));
    }

    #[test]
    fn formats_parse_and_print() {
        for f in [InputFormat::Auto, InputFormat::Text, InputFormat::Html] {
            assert_eq!(f.to_string().parse::<InputFormat>(), Ok(f));
        }
        assert!("pdf".parse::<InputFormat>().is_err());
    }
}
