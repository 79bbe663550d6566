//! Stage 1: take the raw input, keep it byte for byte, and mark what is not
//! article text (banners, navigation) and which line is the headline.
//!
//! Marks are byte ranges, never edits: the original input stays the single
//! source of offsets for every later stage.

mod format;
pub mod html;
pub mod language;
mod markup;

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use crate::document::Document;
use crate::error::{Error, Result};

pub use format::{prepare, sniff, InputFormat, Prepared};

/// Largest article accepted, in bytes. News articles are rarely over 100 kB;
/// 32 MB leaves room for whole scraped pages while bounding memory per record.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Decode `bytes` as UTF-8 and build a document from it.
pub fn ingest_bytes(id: Option<String>, bytes: Vec<u8>) -> Result<Document> {
    ingest(id, decode(bytes)?)
}

/// The input as text, or an error naming the first byte that is not UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Error::InvalidUtf8 {
            offset,
            byte: e.as_bytes()[offset],
        }
    })
}

/// Build a document from `text`, marking boilerplate and the title, and
/// finding its paragraphs.
pub fn ingest(id: Option<String>, text: String) -> Result<Document> {
    ingest_with_title(id, text, Title::Search)
}

/// Where a document's headline is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Title {
    /// Unknown: the headline line, if the text opens with one, is found.
    Search,
    /// A byte range of one whole line of the text (a web page's headline).
    Line(Range<usize>),
    /// Given apart from the text (a feed's or a batch record's `title`
    /// field): the text is all body, and no line of it is taken for a title.
    Elsewhere,
}

/// [`ingest`] with what is known of the headline.
pub fn ingest_with_title(id: Option<String>, text: String, title: Title) -> Result<Document> {
    match title {
        Title::Search => ingest_inner(id, text, None, true),
        Title::Line(r) => ingest_inner(id, text, Some(r), true),
        Title::Elsewhere => ingest_inner(id, text, None, false),
    }
}

/// [`ingest`] of a text whose headline is known: `title`, a byte range of
/// one whole line of `text` (the headline of a web page, [`prepare`]). It
/// is the title, and never page furniture, whatever its words ("… Keep the
/// Library Open" has an interface word). A range that is not a line of the
/// text is ignored.
pub fn ingest_titled(
    id: Option<String>,
    text: String,
    title: Option<Range<usize>>,
) -> Result<Document> {
    ingest_inner(id, text, title, true)
}

/// `search`: whether a headline is looked for in the text when `title`
/// does not give it.
fn ingest_inner(
    id: Option<String>,
    text: String,
    title: Option<Range<usize>>,
    search: bool,
) -> Result<Document> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::InputTooLarge {
            size: text.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let skip = byte_order_mark_len(&text);
    if text[skip..].trim().is_empty() {
        return Err(Error::EmptyInput);
    }
    let mut doc = Document::new(id, text);
    // The marks are found in the text after the byte-order mark, then
    // shifted back to offsets into the original input.
    let body = &doc.text[skip..];
    let shift = |r: Range<usize>| r.start + skip..r.end + skip;
    let body_paragraphs = paragraphs(body);
    let known = title.and_then(|t| Some(t.start.checked_sub(skip)?..t.end.checked_sub(skip)?));
    let (marks, headline) = fringes(body, known, search);
    let title = if search {
        find_title(body, &body_paragraphs, &marks, headline).map(shift)
    } else {
        None
    };
    // The document's paragraphs are those of the whole input, a
    // byte-order mark included, as attribution has always tokenized them.
    let all_paragraphs = if skip == 0 {
        body_paragraphs
    } else {
        paragraphs(&doc.text)
    };
    doc.boilerplate = marks.into_iter().map(shift).collect();
    doc.title = title.map(|r| doc.span(r.start, r.end));
    doc.paragraphs = all_paragraphs;
    doc.language = language::detect(body).map(str::to_owned);
    Ok(doc)
}

/// Length in bytes of a UTF-8 byte-order mark (U+FEFF) opening `text`, else 0.
///
/// Editors on Windows and some feeds write one. It is kept in the input (all
/// offsets stay offsets into the original bytes) but belongs to no sentence:
/// it is not text, and `char::is_whitespace` does not treat it as blank.
pub fn byte_order_mark_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
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

/// Words of page furniture rather than of headlines: calls to action of
/// apps, players, share, cookie and newsletter banners.
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

/// Imperatives that open a call to action ("Watch the full interview
/// below:", "Sign up for our newsletter").
const ACTION_VERBS: &[&str] = &[
    "watch",
    "view",
    "open",
    "continue",
    "share",
    "download",
    "subscribe",
    "sign",
    "log",
    "click",
    "tap",
    "follow",
    "accept",
    "skip",
    "enter",
    "join",
    "get",
];

/// Non-blank lines, trimmed of surrounding whitespace. A lone CR counts as a
/// line break, as it does for the segmenter.
pub fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            out.push(pos + lead..pos + lead + trimmed.len());
        }
        pos += line.len();
    }
    out
}

fn bare_word(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Ends like a sentence, a quotation or an introduction to one (in CJK
/// text too: `。！？` and the corner bracket closing a quotation).
fn ends_with_punctuation(line: &str) -> bool {
    line.ends_with([
        '.', '!', '?', '\u{2026}', '"', '\u{201d}', '\u{2019}', '\'', ':', ';', ',', ')', ']',
        '\u{bb}', '\u{203a}', '\u{3002}', '\u{ff01}', '\u{ff1f}', '\u{300d}',
    ])
}

/// "View CBS News In", "Chrome Safari Continue": at most five words, all
/// capitalised, no sentence punctuation. In the body such a line is a
/// subheading; at the fringes of a scraped page it is a banner or a menu.
fn few_capitalised_words(line: &str) -> bool {
    if letters(line) > 50 || ends_with_punctuation(line) {
        return false;
    }
    let mut n = 0;
    for word in line.split_whitespace() {
        n += 1;
        let first = word.chars().find(|c| c.is_alphanumeric());
        if n > 5 || first.is_some_and(|c| !c.is_uppercase() && !c.is_numeric()) {
            return false;
        }
    }
    n > 0
}

fn has_interface_word(line: &str) -> bool {
    line.split_whitespace()
        .any(|w| INTERFACE_WORDS.contains(&bare_word(w).as_str()))
}

/// "Watch the full interview below:": an imperative of the interface, short,
/// not a sentence ending in a period.
fn call_to_action(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let first = words.next().map(bare_word).unwrap_or_default();
    ACTION_VERBS.contains(&first.as_str())
        && words.count() < 10
        && !line.ends_with(['.', '!', '?', '"', '\u{201d}'])
}

/// Navigation crumbs ("Home › Politics › Elections") and separator lines.
fn crumb_or_rule(line: &str) -> bool {
    !line.contains(char::is_alphanumeric)
        || (!ends_with_punctuation(line)
            && line.split_whitespace().count() <= 12
            && (line.contains(['\u{203a}', '\u{bb}', '|']) || line.contains(" > ")))
}

/// Boilerplate marks and the headline, from the lines at the fringes.
///
/// At the start, a page shows banners and menus, then the headline, then
/// perhaps a byline, then the article. The header is the run of leading
/// lines without sentence punctuation; its first line of two or more words
/// free of interface words is the headline. Short capitalised lines before it
/// are page furniture; after it only interface lines are (a byline stays).
/// At the end, every trailing line that is a banner, a call to action or a
/// crumb is furniture, up to the first line of article text.
fn fringes(
    text: &str,
    known: Option<Range<usize>>,
    search: bool,
) -> (Vec<Range<usize>>, Option<Range<usize>>) {
    let lines = lines(text);
    let line = |i: usize| &text[lines[i].clone()];
    let header = lines
        .iter()
        .take_while(|r| {
            let l = &text[(*r).clone()];
            letters(l) <= 150 && !ends_with_punctuation(l)
        })
        .count()
        // The last line is article text, whatever its shape.
        .min(lines.len().saturating_sub(1));
    let known = known.and_then(|k| lines.iter().position(|l| *l == k));
    // A line that runs on into a lowercase line of its paragraph is a
    // hard-wrapped sentence of the lead, not a headline.
    let runs_on = |i: usize| {
        lines.get(i + 1).is_some_and(|n| {
            let gap = &text[lines[i].end..n.start];
            let breaks = gap.matches(['\n', '\r']).count() - gap.matches("\r\n").count();
            breaks <= 1 && text[n.clone()].starts_with(char::is_lowercase)
        })
    };
    let candidate = |i: usize| {
        let l = line(i);
        !runs_on(i)
            && l.split_whitespace().count() >= 2
            && !has_interface_word(l)
            && !crumb_or_rule(l)
            && !l.starts_with("By ")
    };
    let headline = known.or_else(|| {
        let first = (0..header).filter(|_| search).find(|&i| candidate(i))?;
        // A kicker over the headline ("ANALYSIS: CAMPAIGN 2016", "Election
        // 2016") is a short line followed by a longer candidate.
        let kicker = |i: usize| {
            let l = line(i);
            let n = l.split_whitespace().count();
            n <= 3 || (letters(l) <= 40 && !l.chars().any(char::is_lowercase))
        };
        let next = first + 1;
        Some(
            if next < header
                && kicker(first)
                && candidate(next)
                && line(next).split_whitespace().count() >= 4
            {
                next
            } else {
                first
            },
        )
    });
    let mut marked: Vec<Range<usize>> = (0..header)
        .filter(|&i| {
            let l = line(i);
            match headline {
                Some(h) if i == h => false,
                Some(h) if i > h => has_interface_word(l) || crumb_or_rule(l) || call_to_action(l),
                // Before the headline, short capitalised lines are menus and
                // banners; without one, such a line may be the title itself.
                Some(_) if few_capitalised_words(l) => true,
                _ => has_interface_word(l) || crumb_or_rule(l) || call_to_action(l),
            }
        })
        .map(|i| lines[i].clone())
        .collect();
    // A known headline may lie past the header (one ending in "?"); the
    // trailing furniture is after it.
    let tail_from = headline.map_or(header, |h| header.max(h + 1));
    let tail = (tail_from..lines.len())
        .rev()
        .take_while(|&i| {
            let l = line(i);
            few_capitalised_words(l) || call_to_action(l) || crumb_or_rule(l)
        })
        .count();
    marked.extend_from_slice(&lines[lines.len() - tail..]);
    (marked, headline.map(|h| lines[h].clone()))
}

/// The headline: the header's headline line when the page has a header;
/// otherwise the first line of the first paragraph of content, when that
/// paragraph is a short block followed by more text (a one-paragraph input
/// has no separate title).
fn find_title(
    text: &str,
    paragraphs: &[Range<usize>],
    boilerplate: &[Range<usize>],
    headline: Option<Range<usize>>,
) -> Option<Range<usize>> {
    if headline.is_some() {
        return headline;
    }
    // Marks are distinct lines in input order, so the only one that can hold
    // a paragraph is the last one starting at or before it: a binary search,
    // not a scan of every mark per paragraph (quadratic on a page of banners).
    let in_mark = |p: &Range<usize>| {
        let k = boilerplate.partition_point(|b| b.start <= p.start);
        k > 0 && p.end <= boilerplate[k - 1].end
    };
    debug_assert!(boilerplate.windows(2).all(|w| w[0].end <= w[1].start));
    let mut content = paragraphs.iter().filter(|p| !in_mark(p));
    let first = content.next()?;
    content.next()?;
    let head = &text[first.clone()];
    let first_line = lines(head).into_iter().next()?;
    // A second line that starts in lowercase continues a wrapped sentence.
    let continued = head
        .lines()
        .nth(1)
        .is_some_and(|l| l.trim_start().starts_with(char::is_lowercase));
    (letters(head) <= 250
        && head.lines().count() <= 2
        && !continued
        && headline_shaped(&head[first_line.clone()]))
    .then(|| first.start + first_line.start..first.start + first_line.end)
}

/// Whether a line may be a headline: of headline length, and not ending a
/// sentence (a final "?" or "!" may, as in "Is the Senate next?"; closing
/// quotation marks aside). A lead sentence ending in a period is content.
fn headline_shaped(line: &str) -> bool {
    let bare =
        line.trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'', ')', '\u{bb}', '\u{203a}']);
    // "… in the U.S.": an abbreviation's period, in a line with no other
    // sentence break.
    let abbreviation = bare
        .strip_suffix('.')
        .is_some_and(|b| b.ends_with(char::is_uppercase) && !b.contains(". "));
    let sentence_end = bare.ends_with(['.', '\u{2026}', '\u{3002}']) && !abbreviation;
    letters(line) <= 150 && line.split_whitespace().count() <= 20 && !sentence_end
}

/// The length of `s` in characters, combining marks not counted: the same
/// for an accent written precomposed (NFC) or decomposed (NFD), so that
/// whether a line is a headline never depends on how its accents are
/// encoded.
pub(crate) fn letters(s: &str) -> usize {
    s.chars().filter(|&c| !is_combining_mark(c)).count()
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
    fn the_document_carries_its_paragraphs() {
        let text = "Title\n\nFirst para\nwraps here.\n\n  Second.\n";
        let doc = ingest(None, text.into()).unwrap();
        let p: Vec<&str> = doc.paragraphs.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(p, ["Title", "First para\nwraps here.", "Second."]);
        // A byte-order mark is no whitespace: it opens the first paragraph,
        // blank line or not, while the title starts after it.
        let with_mark = "\u{feff}\nTitle\n\nBody text here.\n";
        let doc = ingest(None, with_mark.into()).unwrap();
        let p: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|r| &with_mark[r.clone()])
            .collect();
        assert_eq!(p, ["\u{feff}\nTitle", "Body text here."]);
        assert_eq!(doc.title.unwrap().text, "Title");
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

    fn marked(doc: &Document) -> Vec<&str> {
        doc.boilerplate
            .iter()
            .map(|r| &doc.text[r.clone()])
            .collect()
    }

    #[test]
    fn seed_article_banners_are_marked() {
        let text = include_str!("../../examples/cbs-us-china-rights-talks.txt");
        let doc = ingest(None, text.into()).unwrap();
        assert_eq!(
            marked(&doc),
            [
                "Watch CBS News",
                "View CBS News In",
                "CBS News App Open",
                "Chrome Safari Continue"
            ]
        );
        assert_eq!(
            doc.title.unwrap().text,
            "U.S., China To Resume Rights Talks"
        );
    }

    #[test]
    fn header_menus_before_the_headline_and_interface_lines_after_it_are_marked() {
        let text = "Home \u{203a} Politics \u{203a} Congress\nPolitics\n\
                    Senate Passes Budget Bill After Long Night\nBy Jane Doe\n\
                    Share This Article\n\nThe Senate passed the bill on Friday.\n\n\
                    It now goes to the House.\n\nSign up for our newsletter\n\
                    Accept All Cookies\n\u{2014}\nFollow Us\n";
        let doc = ingest(None, text.into()).unwrap();
        assert_eq!(
            marked(&doc),
            [
                "Home \u{203a} Politics \u{203a} Congress",
                "Politics",
                "Share This Article",
                "Sign up for our newsletter",
                "Accept All Cookies",
                "\u{2014}",
                "Follow Us"
            ]
        );
        assert_eq!(
            doc.title.unwrap().text,
            "Senate Passes Budget Bill After Long Night"
        );
    }

    #[test]
    fn a_short_headline_without_furniture_is_the_title_not_boilerplate() {
        let doc = ingest(None, "Talks Resume\n\nThey met. They agreed.".into()).unwrap();
        assert!(doc.boilerplate.is_empty());
        assert_eq!(doc.title.unwrap().text, "Talks Resume");
    }

    #[test]
    fn a_two_line_headline_block_gives_its_first_line() {
        let text = "Cruz channeling strategy he used in 2012;\n\
                    Question is whether it will pay off on a bigger stage.\n\n\
                    Three years ago, Ted Cruz surged.\n";
        let doc = ingest(None, text.into()).unwrap();
        assert!(doc.boilerplate.is_empty());
        assert_eq!(
            doc.title.unwrap().text,
            "Cruz channeling strategy he used in 2012;"
        );
    }

    #[test]
    fn a_title_does_not_depend_on_how_accents_are_encoded() {
        // A lead of 21 words ending in a guillemet-closed sentence: content,
        // whether its accents are precomposed (NFC) or decomposed (NFD),
        // whose byte lengths differ around the old 150-byte limit.
        let lead = "T\u{e1}ng Jiaxuan said: \u{201c}City of.\u{201d} \u{201c}Week the a talks government,\u{201d} added she. Foreign Minister T\u{e1}ng said: \u{ab}After rights after dialogue rights.\u{bb}";
        for text in [lead.to_owned(), lead.replace('\u{e1}', "a\u{301}")] {
            let doc = ingest(None, format!("\n\n{text}\n\nWatch CBS News")).unwrap();
            assert!(doc.title.is_none(), "{:?}", doc.title);
        }
        assert_eq!(letters("a\u{301}b"), letters("\u{e1}b"));
    }

    #[test]
    fn a_lead_paragraph_is_never_a_title() {
        let text = "The bill passed the House on Friday. It now goes to the Senate, where its fate is uncertain.\n\nIn other news, the mayor resigned.\n";
        let doc = ingest(None, text.into()).unwrap();
        assert!(doc.title.is_none(), "{:?}", doc.title);
        // A lead hard-wrapped after a line without punctuation neither.
        let text =
            "The bill passed the House on Friday and\nnow goes to the Senate.\n\nMore text.\n";
        assert!(ingest(None, text.into()).unwrap().title.is_none());
    }

    #[test]
    fn headlines_plain_with_a_question_and_under_a_kicker() {
        let doc = ingest(
            None,
            "Senate Passes Budget Bill\n\nThe Senate passed it. Then it slept.\n".into(),
        )
        .unwrap();
        assert_eq!(doc.title.unwrap().text, "Senate Passes Budget Bill");
        let doc = ingest(
            None,
            "Is the Senate next?\n\nThe House passed the bill. The Senate waits.\n".into(),
        )
        .unwrap();
        assert_eq!(doc.title.unwrap().text, "Is the Senate next?");
        let text = "ANALYSIS\nWhy the Budget Deal Fell Apart in the Senate\n\nWASHINGTON (AP) \u{2014} The deal collapsed on Friday.\n\nMore text.\n";
        let doc = ingest(None, text.into()).unwrap();
        assert_eq!(
            doc.title.unwrap().text,
            "Why the Budget Deal Fell Apart in the Senate"
        );
    }

    #[test]
    fn headline_shape_reads_any_script() {
        assert!(!headline_shaped("日本。"));
        assert!(headline_shaped("Talks in the U.S."));
        assert!(!headline_shaped("The talks resumed. Both sides met."));
    }

    #[test]
    fn a_title_given_elsewhere_is_not_looked_for() {
        let text = "Senate Passes Budget Bill\n\nThe Senate passed it.\n";
        let doc = ingest_with_title(None, text.into(), Title::Elsewhere).unwrap();
        assert!(doc.title.is_none());
        assert!(doc.boilerplate.is_empty());
    }

    #[test]
    fn closing_lines_of_article_text_are_kept() {
        let text =
            "Title Here\n\nBody.\n\n(Reporting by Jason Lange; Editing by Cynthia Osterman.)\n\
                    Do you support Dr. Ben Carson? Like the page:\n";
        let doc = ingest(None, text.into()).unwrap();
        assert!(doc.boilerplate.is_empty(), "{:?}", marked(&doc));
    }
}
