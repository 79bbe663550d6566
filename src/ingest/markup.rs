//! What parsing a page will cost, found on the raw bytes before parsing.
//!
//! html5ever builds the tree as a browser does, with no limits of its own,
//! and two of its algorithms turn small hostile inputs into large work:
//!
//! - **the stack walks**: a block start tag closes an open `<p>` in scope,
//!   an end tag looks for its element; each walks the stack of open
//!   elements, so n nested `<div>`s cost n²/2 steps (10,000 of them, 50 kB,
//!   take seconds). [`tree_work`] counts those steps from above, in one
//!   linear pass that stops at a budget.
//! - **the reconstruction of active formatting elements**: formatting
//!   elements (`<b>`, `<i>`, `<font>` …) that a block end tag closed are
//!   created again before the next text, as many as were open; 16 kB of
//!   `<b class=N>` and `<div>x</div>` make 300,000 elements. [`defuse`]
//!   removes those tags before parsing. They carry no text of their own, and
//!   readability does not look at them. `<a>` stays (link density is how
//!   readability tells menus from prose): an `<a>` start tag closes an open
//!   one, so at most one is ever re-created.

use std::borrow::Cow;

/// Formatting elements other than `a`, as the HTML standard lists them.
const FORMATTING: &[&[u8]] = &[
    b"b", b"big", b"code", b"em", b"font", b"i", b"nobr", b"s", b"small", b"strike", b"strong",
    b"tt", b"u",
];

/// Elements that never have content: they do not deepen the stack.
const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"source",
    b"track",
    b"wbr",
    b"param",
    b"keygen",
    b"image",
    b"basefont",
    b"bgsound",
    b"frame",
];

/// Elements whose start tag closes an open one of their kind, or that live
/// only in tables, where cells and rows are scope boundaries: a run of them
/// stays flat however long. Left out of the modelled stack.
const SELF_CLOSING_KIN: &[&[u8]] = &[
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"option",
    b"optgroup",
    b"tr",
    b"td",
    b"th",
    b"tbody",
    b"thead",
    b"tfoot",
    b"rb",
    b"rt",
    b"rtc",
    b"rp",
    b"colgroup",
    b"caption",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Elements of the standard's "special" category that the stack model
/// keeps (and [`FOREIGN`]): an end tag of another element does not close
/// past them.
const SPECIAL: &[&[u8]] = &[
    b"address",
    b"applet",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"button",
    b"center",
    b"details",
    b"dir",
    b"div",
    b"dl",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"frameset",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"header",
    b"hgroup",
    b"html",
    b"listing",
    b"main",
    b"marquee",
    b"menu",
    b"nav",
    b"noscript",
    b"object",
    b"ol",
    b"pre",
    b"search",
    b"section",
    b"select",
    b"summary",
    b"table",
    b"template",
    b"ul",
];

/// Elements at which "in scope" stops (and [`FOREIGN`]): an end tag of a
/// special element does not close past them.
const SCOPE: &[&[u8]] = &[
    b"applet",
    b"caption",
    b"html",
    b"table",
    b"td",
    b"th",
    b"marquee",
    b"object",
    b"template",
];

/// The MathML and SVG integration points (and their roots): both special
/// and scope boundaries, as the standard lists them in both categories.
const FOREIGN: &[&[u8]] = &[
    b"math",
    b"svg",
    b"foreignobject",
    b"desc",
    b"mi",
    b"mo",
    b"mn",
    b"ms",
    b"mtext",
    b"annotation-xml",
];

fn is(set: &[&[u8]], name: &[u8]) -> bool {
    set.iter().any(|t| t.eq_ignore_ascii_case(name))
}

fn is_special(name: &[u8]) -> bool {
    is(SPECIAL, name) || is(FOREIGN, name)
}

fn is_scope(name: &[u8]) -> bool {
    is(SCOPE, name) || is(FOREIGN, name)
}

/// A start or end tag of the input.
#[derive(Debug, PartialEq, Eq)]
struct Tag<'a> {
    /// Byte range of the whole tag, `<` to `>`.
    start: usize,
    end: usize,
    name: &'a [u8],
    end_tag: bool,
}

/// The tags of a page in order, as the tokenizer finds them: comments,
/// doctypes and processing instructions skipped, and the content of raw
/// text elements (`<script>`, `<style>` …) not read as markup. Each step
/// moves forward, so a pass is linear in the input.
struct Tags<'a> {
    html: &'a [u8],
    i: usize,
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let html = self.html;
        loop {
            let lt = self.i + html.get(self.i..)?.iter().position(|&b| b == b'<')?;
            let rest = &html[lt + 1..];
            let end_tag = rest.first() == Some(&b'/');
            let name = name_at(html, lt + 1 + usize::from(end_tag));
            if name.is_empty() {
                self.i = if rest.starts_with(b"!--") {
                    comment_end(html, lt + 4)
                } else if matches!(rest.first(), Some(b'!' | b'?' | b'/')) {
                    // Doctype, CDATA, "<?…>", "</ …>": up to '>'.
                    find(html, lt + 1, b">").map_or(html.len(), |k| k + 1)
                } else {
                    // A '<' that opens no tag is text.
                    lt + 1
                };
                continue;
            }
            let end = tag_end(html, lt + 1 + usize::from(end_tag) + name.len());
            self.i = end;
            if !end_tag && is(RAW_TEXT, name) {
                self.i = raw_text_end(html, end, name);
            } else if !end_tag && name.eq_ignore_ascii_case(b"plaintext") {
                // The rest of the page is text.
                self.i = html.len();
            }
            return Some(Tag {
                start: lt,
                end,
                name,
                end_tag,
            });
        }
    }
}

/// The tag name at `i`: a letter, then anything up to whitespace, `/` or `>`.
fn name_at(html: &[u8], i: usize) -> &[u8] {
    let rest = html.get(i..).unwrap_or_default();
    if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
        return &[];
    }
    let len = rest
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(rest.len());
    &rest[..len]
}

/// The end of the tag whose attributes start at `i`: after its `>`, a `>`
/// inside a quoted attribute value not counting.
fn tag_end(html: &[u8], mut i: usize) -> usize {
    let mut after_equals = false;
    while let Some(&b) = html.get(i) {
        match b {
            b'>' => return i + 1,
            b'=' => after_equals = true,
            b'"' | b'\'' if after_equals => {
                i = find(html, i + 1, &[b]).unwrap_or(html.len());
                after_equals = false;
            }
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    html.len()
}

/// Where `needle` next starts at or after `i`.
fn find(html: &[u8], i: usize, needle: &[u8]) -> Option<usize> {
    html.get(i..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| i + k)
}

/// The end of a comment whose text starts at `i`: after `-->` or `--!>`,
/// or the abrupt `<!-->` and `<!--->`, as the tokenizer ends it.
fn comment_end(html: &[u8], i: usize) -> usize {
    let rest = html.get(i..).unwrap_or_default();
    if rest.starts_with(b">") {
        return i + 1;
    }
    if rest.starts_with(b"->") {
        return i + 2;
    }
    let mut j = i;
    while let Some(k) = find(html, j, b"--") {
        let after = k + 2;
        if html[after..].starts_with(b">") {
            return after + 1;
        }
        if html[after..].starts_with(b"!>") {
            return after + 2;
        }
        j = k + 1;
    }
    html.len()
}

/// Where the end tag `</name` closing raw text from `i` starts, or the end.
fn raw_text_end(html: &[u8], i: usize, name: &[u8]) -> usize {
    let mut j = i;
    while let Some(at) = find(html, j, b"</") {
        let candidate = html.get(at + 2..at + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return at;
        }
        j = at + 2;
    }
    html.len()
}

/// `html` without the start and end tags of the [`FORMATTING`] elements.
pub fn defuse(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    for tag in (Tags { html: bytes, i: 0 }) {
        if is(FORMATTING, tag.name) {
            // Tags start at '<' and end after '>' or at the end: ASCII
            // positions, so character boundaries.
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..tag.start]);
            copied = tag.end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

/// An upper estimate of the stack-walking steps of building the tree of
/// `html` (after [`defuse`]), or `None` as soon as it is over `budget`.
///
/// Each tag is charged the depth of the stack of open elements, which is
/// modelled as the elements opened and not yet closed. Void elements and
/// those that close their kin are left out (they cannot nest without a
/// modelled element between them); an end tag closes what the parser's
/// would, or less: past elements that are not special only, for an element
/// that is not special itself; past anything but a scope boundary for a
/// special element. So the real stack is never much deeper than the model.
pub fn tree_work(html: &[u8], budget: u64) -> Option<u64> {
    // (name, special, scope boundary) of each modelled open element.
    let mut stack: Vec<(&[u8], bool, bool)> = Vec::new();
    let mut work: u64 = 0;
    for tag in (Tags { html, i: 0 }) {
        work += stack.len() as u64 + 1;
        if work > budget {
            return None;
        }
        if !tag.end_tag {
            if !is(VOID, tag.name) && !is(SELF_CLOSING_KIN, tag.name) {
                stack.push((tag.name, is_special(tag.name), is_scope(tag.name)));
            }
            continue;
        }
        let Some(at) = stack
            .iter()
            .rposition(|(open, ..)| open.eq_ignore_ascii_case(tag.name))
        else {
            continue;
        };
        let (_, special, _) = stack[at];
        let above = &stack[at + 1..];
        let closes = if special {
            !above.iter().any(|&(_, _, scope)| scope)
        } else {
            !above.iter().any(|&(_, special, _)| special)
        };
        if closes {
            stack.truncate(at);
        }
    }
    Some(work)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(html: &str) -> u64 {
        tree_work(html.as_bytes(), u64::MAX).unwrap()
    }

    fn names(html: &str) -> Vec<String> {
        Tags {
            html: html.as_bytes(),
            i: 0,
        }
        .map(|t| {
            let slash = if t.end_tag { "/" } else { "" };
            format!("{slash}{}", String::from_utf8_lossy(t.name))
        })
        .collect()
    }

    #[test]
    fn tags_skip_comments_raw_text_and_quoted_brackets() {
        assert_eq!(
            names("<!DOCTYPE html><p a=\"x>y\" b='<i>'>t</p><!-- <b> --><br/>"),
            ["p", "/p", "br"]
        );
        assert_eq!(
            names("<script>if (a<b) document.write('<div>')</script><div>"),
            ["script", "/script", "div"]
        );
        assert_eq!(names("<title><b>x</TITLE><i>"), ["title", "/TITLE", "i"]);
        // The tokenizer ends these comments early: what follows is markup.
        assert_eq!(names("<!--><b><!---><i><!-- a --!><u>"), ["b", "i", "u"]);
        assert_eq!(names("<plaintext><div></div>"), ["plaintext"]);
        assert_eq!(names("a < b <1> </ x> <? y ?> <![CDATA[<b>]]> <s"), ["s"]);
    }

    #[test]
    fn formatting_tags_are_removed_and_everything_else_kept() {
        assert_eq!(
            defuse("<p>A <b class=\"x>\">bold</b>, <I>it</I> and <a href=u><strong>link</strong></a>.</p>"),
            "<p>A bold, it and <a href=u>link</a>.</p>"
        );
        assert_eq!(
            defuse("<script>'<b>'</script><!-- <i> -->é"),
            "<script>'<b>'</script><!-- <i> -->é"
        );
        assert!(matches!(defuse("<p>plain</p>"), Cow::Borrowed(_)));
        assert_eq!(defuse("<b"), "");
    }

    #[test]
    fn nesting_costs_its_square_and_flat_pages_little() {
        assert!(work(&"<div>".repeat(1000)) >= 1000 * 999 / 2);
        assert!(work(&"<div></div>".repeat(1000)) <= 3000);
        assert!(work(&"<p>text".repeat(1000)) <= 1000);
        assert!(work(&"<br><img src=x><li>".repeat(1000)) <= 3000);
        // Misnested inline elements closed by their block stay flat.
        assert!(work(&"<div><span>x</div>".repeat(1000)) <= 6000);
    }

    #[test]
    fn end_tags_close_no_more_than_the_parser_does() {
        // "</span>" does not close past a div: the divs stay open.
        let page = format!("<span>{}", "<div></span>".repeat(1000));
        assert!(work(&page) >= 1000 * 999 / 2);
        // "</div>" does not close past a table.
        let page = format!("<div>{}", "<table></div>".repeat(1000));
        assert!(work(&page) >= 1000 * 999 / 2);
        // Nor past the MathML and SVG roots, special and scope boundaries both.
        let page = format!("<div>{}", "<svg></div>".repeat(1000));
        assert!(work(&page) >= 1000 * 999 / 2);
        let page = format!("<span>{}", "<math></span>".repeat(1000));
        assert!(work(&page) >= 1000 * 999 / 2);
        // Nor do end tags that match nothing.
        let page = format!("{}{}", "<span>".repeat(1000), "</x>".repeat(1000));
        assert!(work(&page) >= 1_000_000);
    }

    #[test]
    fn the_budget_stops_the_count() {
        assert_eq!(tree_work("<div>".repeat(10_000).as_bytes(), 1000), None);
        assert_eq!(tree_work(b"<div>", 1000), Some(1));
    }
}
