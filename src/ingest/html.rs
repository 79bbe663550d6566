//! Saved news pages: the article's text out of its HTML.
//!
//! The body is found by `dom_smoothie`, a Rust port of Mozilla's
//! Readability.js (the algorithm of Firefox's Reader View): it scores blocks
//! by their text and link density and drops what scores as page furniture
//! (menus, related-links lists, share bars, cookie banners, footers, comment
//! sections). html5ever, underneath, parses any input as a browser would
//! (malformed markup included) and decodes character references, so
//! `&ldquo;` arrives as `“`; `<script>`, `<style>` and `<template>` are
//! removed before any text is read.
//!
//! The extracted text is laid out as plain-text ingest expects: the headline
//! on the first line, then the body's blocks (paragraphs, subheadings, list
//! items, `<br><br>`-separated runs) as paragraphs separated by a blank line.
//! That text, not the HTML, becomes the document's text: every span indexes
//! into it.

use std::ops::Range;

use dom_smoothie::{Config, Readability, TextMode};

use super::markup;
use crate::error::{Error, Result};

/// Most elements a page may have. A long news page has a few thousand; the
/// parsed tree costs about 200 bytes per node, and readability's scoring is
/// superlinear in the worst case, so this bounds memory (≈ 200 MB) and time
/// per page. Counted on the raw bytes before parsing (each element needs a
/// `<`), so a hostile page is refused before any tree is built.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// Elements whose text is not part of the story, removed before extraction.
/// Readability keeps what sits inside the article's container; these are
/// the kinds of block news sites put there: picture captions and credits,
/// pull quotes (a repeat of a sentence of the body, which would be found as
/// a second quote), asides, forms and buttons (comment boxes, sign-ups),
/// advertisement slots and newsletter boxes.
const NOT_STORY: &str = "script, style, template, noscript, figcaption, aside, form, button, \
     [class*=pullquote], [class*=pull-quote], [class*=caption], \
     [class*=newsletter], [id*=newsletter], [class*=advert], [id*=advert], \
     [class~=ad], [class^=ad-], [class*=' ad-']";

/// Most steps the parser may take walking its stack of open elements
/// ([`markup::tree_work`]): a long page with a deep layout takes about a
/// million; this is reached by some 4,500 nested blocks, parsed in a
/// fraction of a second.
pub const MAX_PARSE_WORK: u64 = 10_000_000;

/// Deepest nesting of elements handed to readability. Real pages nest a few
/// dozen levels; readability's scoring recurses and, per element, walks its
/// ancestors, so depth costs stack and quadratic time. A deeper page (a
/// hostile one, or an old one with thousands of unclosed `<font>` tags) is
/// read as the whole text of its body instead.
pub const MAX_DEPTH: usize = 256;

/// The article of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Headline, blank line, paragraphs separated by blank lines.
    pub text: String,
    /// The headline's line in `text`, when the page has one (its `<title>`
    /// or first heading, as readability picks it, site name trimmed).
    pub title: Option<Range<usize>>,
}

/// The article of `html` as plain text: headline, blank line, paragraphs.
///
/// Errors when the page is over [`MAX_ELEMENTS`] or [`MAX_PARSE_WORK`], or
/// has no text.
pub fn extract(html: &str) -> Result<Page> {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let tags = html.bytes().filter(|&b| b == b'<').count();
    if tags > MAX_ELEMENTS {
        return Err(Error::Html(format!(
            "{tags} tags, over the limit of {MAX_ELEMENTS}"
        )));
    }
    let defused = markup::defuse(html);
    let html = defused.as_ref();
    if markup::tree_work(html.as_bytes(), MAX_PARSE_WORK).is_none() {
        return Err(Error::Html(format!(
            "elements nested too deeply (over {MAX_PARSE_WORK} steps to build the tree)"
        )));
    }
    let doc = dom_query::Document::from(html);
    doc.select(NOT_STORY).remove();
    let article = if deeper_than(&doc, MAX_DEPTH) {
        None
    } else {
        let config = Config {
            text_mode: TextMode::Formatted,
            ..Config::default()
        };
        Readability::with_document(doc, None, Some(config))
            .and_then(|mut r| r.parse())
            .ok()
    };
    let (title, body) = match article {
        Some(article) => (article.title, article.text_content.to_string()),
        None => {
            // Readability finds no article in a page of a few lines, and is
            // not given a page nested too deep: the page's whole text is
            // then the best guess. (Parsed again: readability has changed
            // the tree it was given.)
            let doc = dom_query::Document::from(html);
            doc.select(NOT_STORY).remove();
            let title = doc.select("title").text().to_string();
            let body = match doc.body() {
                Some(b) => b.formatted_text().to_string(),
                None => doc.formatted_text().to_string(),
            };
            (title, body)
        }
    };
    let title = one_line(&title);
    // A stray U+FEFF opening the text would read as a byte-order mark.
    let body = body.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut text = String::with_capacity(title.len() + body.len() + 2);
    let first = body.lines().next().unwrap_or("").trim_end();
    let title = if title.is_empty() {
        None
    } else if first == title {
        Some(0..first.len())
    } else {
        text.push_str(&title);
        text.push_str("\n\n");
        Some(0..title.len())
    };
    text.push_str(body);
    if text.trim().is_empty() {
        return Err(Error::Html("no text found in the page".into()));
    }
    Ok(Page { text, title })
}

/// Whether some node of `doc` lies more than `max` levels below the root.
/// A walk in document order with a depth counter: no recursion, so no
/// depth of input can exhaust the stack here.
fn deeper_than(doc: &dom_query::Document, max: usize) -> bool {
    let root = doc.root();
    let mut node = root;
    let mut depth = 0;
    loop {
        if let Some(child) = node.first_child() {
            depth += 1;
            if depth > max {
                return true;
            }
            node = child;
            continue;
        }
        loop {
            if node.id == root.id {
                return false;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => {
                    node = parent;
                    depth -= 1;
                }
                None => return false,
            }
        }
    }
}

/// `s` on one line, runs of whitespace as one space, without U+FEFF at
/// its ends (which would read as a byte-order mark).
fn one_line(s: &str) -> String {
    let line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    line.trim_matches('\u{feff}').trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_without_an_article_gives_its_text() {
        assert_eq!(
            extract("<p>Caf&eacute; &ldquo;open&rdquo;.</p>").unwrap(),
            Page {
                text: "Café “open”.".into(),
                title: None
            }
        );
    }

    #[test]
    fn a_page_without_text_is_an_error() {
        for page in [
            "<html></html>",
            "<script>var a = 1;</script>",
            "<p> \u{a0} </p>",
            "",
        ] {
            let err = extract(page).unwrap_err();
            assert!(matches!(err, Error::Html(_)), "{page:?}: {err}");
            assert!(err.to_string().contains("no text"), "{err}");
        }
    }

    #[test]
    fn depth_is_measured_without_recursion() {
        let nested = |n: usize| dom_query::Document::from("<div>".repeat(n).as_str());
        // html, body, then the divs.
        assert!(!deeper_than(&nested(10), 12));
        assert!(deeper_than(&nested(11), 12));
        assert!(deeper_than(&nested(2_000), MAX_DEPTH));
        // html, body, p, text.
        let flat = dom_query::Document::from("<p>a</p><p>b</p>");
        assert!(!deeper_than(&flat, 4));
        assert!(deeper_than(&flat, 3));
    }

    #[test]
    fn a_page_nested_too_deep_is_read_whole() {
        let page = format!(
            "<title>Deep</title>{}<p>The text.</p><aside>Related</aside>",
            "<div>".repeat(MAX_DEPTH + 1)
        );
        let page = extract(&page).unwrap();
        assert_eq!(page.text, "Deep\n\nThe text.");
        assert_eq!(page.title, Some(0..4));
    }

    #[test]
    fn too_many_tags_are_refused_before_parsing() {
        let page = "<b>".repeat(MAX_ELEMENTS + 1);
        let err = extract(&page).unwrap_err();
        assert!(err.to_string().contains("over the limit"), "{err}");
    }
}
