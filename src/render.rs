//! Stage 5: the document as JSON (the `newsdigest/1` contract), or as a
//! human-readable digest in Markdown or plain text.

use std::fmt::Write;

use serde_json::value::RawValue;

use crate::batch::Record;
use crate::document::{
    Document, Issue, IssueKind, Quote, QuoteKind, SpeakerKind, Summary, SummaryMethod,
    UnsupportedPolicy,
};

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

/// Key quotes shown per article in a digest.
pub const KEY_QUOTES: usize = 5;

/// Longest quote shown, in characters; longer ones are cut at a word with "…".
pub const MAX_QUOTE_CHARS: usize = 300;

/// What a digest shows of one article. Built from the serialized fields of a
/// [`Document`] only, so a digest renders the same from a live document as
/// from a line of `newsdigest batch` output.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub title: String,
    pub url: Option<String>,
    pub published: Option<String>,
    /// (label, text), e.g. ("extractive, lead-3", "…").
    pub summary: Option<(String, String)>,
    /// Summary sentences the article does not support (`summary.checks`):
    /// where each ends in the summary's text and why it is flagged.
    pub summary_flags: Vec<SummaryFlag>,
    /// Attributed quotes, in article order.
    pub quotes: Vec<EntryQuote>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntryQuote {
    /// The speaker's name, or the source's words when the quote has no
    /// resolved speaker.
    pub name: String,
    pub description: Option<String>,
    /// Every description of the speaker (for "Who said what").
    pub descriptions: Vec<String>,
    /// Grouping key for "Who said what": the lowercased name of a speaker
    /// that is not anonymous and whose name has a capital; `None` otherwise.
    pub group: Option<String>,
    /// The quote on one line, trimmed and shortened.
    pub text: String,
    /// Among the article's key quotes.
    pub key: bool,
    /// The speaker's own words (a direct or mixed quote), not a paraphrase.
    pub verbatim: bool,
}

/// A flagged summary sentence: the byte offset in [`Entry::summary`]'s
/// text where it ends, and the reason shown after it.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryFlag {
    pub end: usize,
    pub reason: String,
}

/// Why a summary sentence is flagged, in words: "name “Condoleezza Rice”
/// is not in the article; …".
pub fn flag_reason(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| {
            let t = one_line(&i.text);
            match i.kind {
                IssueKind::Entity => format!("name \u{201c}{t}\u{201d} is not in the article"),
                IssueKind::Number => format!("\u{201c}{t}\u{201d} is not in the article"),
                IssueKind::Quote => format!(
                    "\u{201c}{}\u{201d} is not quoted in the article",
                    unquoted(&t)
                ),
                IssueKind::Attribution => {
                    format!("the article does not give these words to \u{201c}{t}\u{201d}")
                }
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The summary on one line with the flags of its unsupported sentences,
/// and the label's note on what the `--unsupported` policy changed.
fn summary_with_flags(s: &Summary) -> (String, Vec<SummaryFlag>, Option<String>) {
    let note = s.revised.as_ref().map(|r| {
        let dropped = r.checks.iter().filter(|c| !c.supported).count();
        match (r.policy, s.method) {
            (UnsupportedPolicy::Drop, SummaryMethod::Abstractive) => format!(
                "{dropped} unsupported sentence{} dropped",
                if dropped == 1 { "" } else { "s" }
            ),
            _ => format!(
                "replacing a summary by {} the article does not support",
                r.model
            ),
        }
    });
    let Some(checks) = s.checks.as_ref().filter(|c| !c.is_empty()) else {
        return (one_line(&s.text), Vec::new(), note);
    };
    let mut text = String::new();
    let mut flags = Vec::new();
    for c in checks {
        let Some(sentence) = s.text.get(c.start..c.end) else {
            // Checks that do not fit the text (hand-edited output): no flags.
            return (one_line(&s.text), Vec::new(), note);
        };
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&one_line(sentence));
        if !c.supported {
            flags.push(SummaryFlag {
                end: text.len(),
                reason: flag_reason(&c.issues),
            });
        }
    }
    (text, flags, note)
}

impl EntryQuote {
    /// "Name, description", or "Name".
    pub fn who(&self) -> String {
        match &self.description {
            Some(d) => format!("{}, {d}", self.name),
            None => self.name.clone(),
        }
    }
}

impl Entry {
    /// The entry of a document, the `index`-th of the digest.
    pub fn new(doc: &Document, index: usize) -> Entry {
        let title = doc
            .title
            .as_ref()
            .map(|t| one_line(&t.text))
            .filter(|t| !t.is_empty())
            .or_else(|| doc.id.as_deref().map(one_line).filter(|t| !t.is_empty()))
            .unwrap_or_else(|| format!("Article {}", index + 1));
        let mut summary_flags = Vec::new();
        let summary = doc.summary.as_ref().map(|s| {
            let method = match s.method {
                SummaryMethod::Abstractive => "abstractive",
                SummaryMethod::Extractive => "extractive",
            };
            let (text, flags, note) = summary_with_flags(s);
            summary_flags = flags;
            let label = match note {
                Some(n) => format!("{method}, {}; {n}", one_line(&s.model)),
                None => format!("{method}, {}", one_line(&s.model)),
            };
            (label, text)
        });
        let mut quotes: Vec<EntryQuote> = doc
            .quotes
            .iter()
            .filter_map(|q| entry_quote(doc, q))
            .collect();
        mark_key_quotes(&mut quotes);
        Entry {
            title,
            url: None,
            published: None,
            summary,
            summary_flags,
            quotes,
        }
    }

    /// The entry of a record of `newsdigest batch` output (read back with
    /// [`OutputLine`](crate::batch::OutputLine)): its document, titled by the
    /// carried `input_title` when there is one, with its `url` and `published`.
    pub fn from_record(record: &Record, index: usize) -> Entry {
        let mut entry = Entry::new(&record.doc, index);
        // A string on one line, a number as JSON writes it; nothing else.
        let field =
            |raw: &Option<Box<RawValue>>| match serde_json::from_str(raw.as_deref()?.get()).ok()? {
                serde_json::Value::String(s) => Some(one_line(&s)).filter(|s| !s.is_empty()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            };
        if let Some(t) = field(&record.extras.title) {
            entry.title = t;
        }
        entry.url = field(&record.extras.url);
        entry.published = field(&record.extras.published);
        entry
    }
}

fn entry_quote(doc: &Document, quote: &Quote) -> Option<EntryQuote> {
    let text = quote_text(&quote.content.text);
    if text.is_empty() {
        return None;
    }
    let verbatim = quote.kind != QuoteKind::Indirect;
    if let Some(speaker) = quote.speaker.as_deref().and_then(|id| doc.speaker(id)) {
        let name = one_line(&speaker.name);
        if !name.is_empty() {
            let descriptions: Vec<String> = speaker
                .descriptions
                .iter()
                .map(|d| one_line(d))
                .filter(|d| !d.is_empty())
                .collect();
            // A name without a capital ("she", "officials") is no one to
            // group quotes under across articles.
            let named =
                speaker.kind != SpeakerKind::Anonymous && name.chars().any(char::is_uppercase);
            let group = named.then(|| name.to_lowercase());
            return Some(EntryQuote {
                name,
                description: descriptions.first().cloned(),
                descriptions,
                group,
                text,
                key: false,
                verbatim,
            });
        }
    }
    let source = one_line(&quote.source.as_ref()?.text);
    (!source.is_empty()).then(|| EntryQuote {
        name: source,
        description: None,
        descriptions: Vec::new(),
        group: None,
        text,
        key: false,
        verbatim,
    })
}

/// Key quotes: at most [`KEY_QUOTES`], preferring a named speaker, then the
/// speaker's own words over paraphrase, then sentences over fragments, then
/// longer quotes; shown in article order.
fn mark_key_quotes(quotes: &mut [EntryQuote]) {
    let mut ranked: Vec<usize> = (0..quotes.len()).collect();
    ranked.sort_by_key(|&i| {
        let q = &quotes[i];
        let words = q.text.split_whitespace().count();
        (
            std::cmp::Reverse(q.group.is_some()),
            std::cmp::Reverse(q.verbatim && words >= 4),
            std::cmp::Reverse(words >= 4),
            std::cmp::Reverse(words.min(60)),
            i,
        )
    });
    for i in ranked.into_iter().take(KEY_QUOTES) {
        quotes[i].key = true;
    }
}

/// Text from the input on one line and without control characters: each
/// run of whitespace (newlines included) is one space, and other control
/// characters (C0, DEL, C1; an ANSI escape sequence starts with one) are
/// dropped, so that no field can break the digest's lines or drive a terminal.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let kept = word.chars().filter(|c| !c.is_control());
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        let spaced = out.len();
        out.extend(kept);
        if out.len() == spaced {
            out.truncate(before); // the word was control characters only
        }
    }
    out
}

/// A quote on one line, without trailing commas, cut to [`MAX_QUOTE_CHARS`].
fn quote_text(s: &str) -> String {
    let s = one_line(unquoted(s));
    let s = s.trim_end_matches([',', ';', ':', ' ']);
    if s.chars().count() <= MAX_QUOTE_CHARS {
        return s.to_owned();
    }
    let cut: String = s.chars().take(MAX_QUOTE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX_QUOTE_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{} \u{2026}", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Markdown-escape text on one line so that its inline markup shows as
/// written: emphasis, code, links and images, HTML and autolinks,
/// strikethrough, and a character reference (`&amp;`). Ordinary punctuation
/// (apostrophes, periods, quotes, hyphens, parentheses, a lone `&`) stays as
/// it is, so that the Markdown source reads well too.
fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let markup = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' => true,
            '&' => is_character_reference(&s[i + 1..]),
            _ => false,
        };
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest` (after a `&`) makes a character reference: `name;`,
/// `#123;` or `#x1F;`.
fn is_character_reference(rest: &str) -> bool {
    let Some((body, _)) = rest.split_once(';') else {
        return false;
    };
    match body.strip_prefix('#') {
        Some(n) => match n.strip_prefix(['x', 'X']) {
            Some(hex) => (1..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => (1..=7).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()),
        },
        None => {
            body.starts_with(|c: char| c.is_ascii_alphabetic())
                && body.len() <= 32
                && body.chars().all(|c| c.is_ascii_alphanumeric())
        }
    }
}

/// [`md_inline`] for text that opens a block's content (a list item's
/// first words): a marker that would start a block there (`#` heading,
/// `-`/`+` list, `1.` ordered list, `>` quote) is escaped as well.
fn md_line_start(s: &str) -> String {
    let out = md_inline(s);
    let hashes = out.len() - out.trim_start_matches('#').len();
    let after_hashes = out[hashes..].chars().next();
    if (1..=6).contains(&hashes) && matches!(after_hashes, None | Some(' ')) {
        return format!("\\{out}");
    }
    if out.starts_with(['-', '+']) {
        return format!("\\{out}");
    }
    let digits = out.len() - out.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &out[digits..];
    if (1..=9).contains(&digits)
        && rest.starts_with(['.', ')'])
        && matches!(rest[1..].chars().next(), None | Some(' '))
    {
        return format!("{}\\{rest}", &out[..digits]);
    }
    out
}

/// [`md_inline`] for a heading's text: a closing run of `#` (which the
/// heading would drop) is kept.
fn md_heading(s: &str) -> String {
    let out = md_inline(s);
    let body = out.trim_end_matches('#');
    if body.len() < out.len() && (body.is_empty() || body.ends_with(' ')) {
        return format!("{body}\\{}", &out[body.len()..]);
    }
    out
}

/// An `http(s)` URL as a Markdown autolink; `None` for any other scheme
/// (`javascript:`, `data:` …) or a URL an autolink cannot hold as is.
fn md_autolink(url: &str) -> Option<String> {
    let scheme = url.split_once("://")?.0;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let holds =
        !url.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    (web && holds).then(|| format!("<{url}>"))
}

/// A digest of several documents: per article its title, summary and key
/// quotes; then every quote grouped by speaker across articles.
pub fn digest(docs: &[Document], format: Format) -> String {
    let entries: Vec<Entry> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| Entry::new(d, i))
        .collect();
    digest_entries(&entries, format, &[])
}

/// One speaker of "Who said what": display name, descriptions, and each
/// quote with the index of its article.
struct Group<'a> {
    name: &'a str,
    descriptions: Vec<&'a str>,
    quotes: Vec<(usize, &'a str)>,
}

/// Grouping keys after cross-article surname resolution: a one-word name
/// joins the only multi-word name that ends or starts with it ("smith" →
/// "john smith"; family name first: "tang" → "tang jiaxuan"), as a reader of
/// the day's news would; an ambiguous surname stays apart.
fn canonical_keys(entries: &[Entry]) -> std::collections::HashMap<&str, &str> {
    let keys: std::collections::BTreeSet<&str> = entries
        .iter()
        .flat_map(|e| e.quotes.iter().filter_map(|q| q.group.as_deref()))
        .collect();
    let mut canonical = std::collections::HashMap::new();
    for &key in &keys {
        if key.contains(' ') {
            continue;
        }
        let mut full = keys.iter().filter(|k| {
            k.strip_suffix(key).is_some_and(|head| head.ends_with(' '))
                || k.strip_prefix(key)
                    .is_some_and(|tail| tail.starts_with(' '))
        });
        if let (Some(&only), None) = (full.next(), full.next()) {
            canonical.insert(key, only);
        }
    }
    canonical
}

fn who_said_what(entries: &[Entry]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = Default::default();
    let canonical = canonical_keys(entries);
    // Create groups for full names first so that a group is named by its
    // most informative name even when the surname is quoted earlier.
    let mut order: Vec<(usize, &EntryQuote)> = entries
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.quotes.iter().map(move |q| (i, q)))
        .collect();
    order.sort_by_key(|(_, q)| {
        q.group
            .as_deref()
            .is_some_and(|k| canonical.contains_key(k))
    });
    for (i, q) in order {
        let Some(key) = q.group.as_deref() else {
            continue;
        };
        let key = canonical.get(key).copied().unwrap_or(key);
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                name: &q.name,
                descriptions: Vec::new(),
                quotes: Vec::new(),
            });
            groups.len() - 1
        });
        let group = &mut groups[g];
        for d in &q.descriptions {
            if !group.descriptions.iter().any(|x| x.eq_ignore_ascii_case(d)) {
                group.descriptions.push(d);
            }
        }
        if !group.quotes.iter().any(|&(j, t)| j == i && t == q.text) {
            group.quotes.push((i, &q.text));
        }
    }
    for g in &mut groups {
        g.quotes.sort_by_key(|&(article, _)| article);
    }
    // Most quoted first; ties in order of first appearance (a stable sort).
    groups.sort_by_key(|g| std::cmp::Reverse(g.quotes.len()));
    groups
}

/// A digest of `entries` in Markdown or plain text. `notes` are printed
/// under the header (e.g. records left out).
pub fn digest_entries(entries: &[Entry], format: Format, notes: &[String]) -> String {
    let md = format == Format::Markdown;
    // Everything below that comes from the input goes through one of these:
    // on one line, without control characters, and in Markdown escaped for
    // where it stands.
    let esc = |s: &str| {
        let s = one_line(s);
        if md {
            md_inline(&s)
        } else {
            s
        }
    };
    let esc_start = |s: &str| {
        let s = one_line(s);
        if md {
            md_line_start(&s)
        } else {
            s
        }
    };
    let esc_heading = |s: &str| {
        let s = one_line(s);
        if md {
            md_heading(&s)
        } else {
            s
        }
    };
    let mut out = String::new();
    let groups = who_said_what(entries);
    let quotes: usize = entries.iter().map(|e| e.quotes.len()).sum();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let overview = format!(
        "{}, {} attributed, {} named.",
        plural(entries.len(), "article", "articles"),
        plural(quotes, "quote", "quotes"),
        plural(groups.len(), "speaker", "speakers")
    );
    if md {
        let _ = writeln!(out, "# News digest\n\n{overview}\n");
    } else {
        let _ = writeln!(out, "News digest\n===========\n\n{overview}\n");
    }
    for note in notes {
        let _ = writeln!(
            out,
            "{}\n",
            if md {
                format!("*{}*", esc(note))
            } else {
                esc(note)
            }
        );
    }
    for entry in entries {
        let t = esc_heading(&entry.title);
        if md {
            let _ = writeln!(out, "## {t}\n");
        } else {
            let _ = writeln!(out, "{t}\n{}\n", "-".repeat(t.chars().count()));
        }
        let mut meta = Vec::new();
        if let Some(p) = &entry.published {
            meta.push(format!("Published: {}", esc(p)));
        }
        if let Some(u) = &entry.url {
            let u = one_line(u);
            let link = md.then(|| md_autolink(&u)).flatten();
            meta.push(format!("Source: {}", link.unwrap_or_else(|| esc(&u))));
        }
        if !meta.is_empty() {
            let _ = writeln!(out, "{}\n", meta.join(if md { " · " } else { " | " }));
        }
        if let Some((label, text)) = &entry.summary {
            let text = flagged(text, &entry.summary_flags, md, &esc);
            if md {
                let _ = writeln!(out, "**Summary** ({}): {}\n", esc(label), text);
            } else {
                let _ = writeln!(out, "Summary ({}): {}\n", esc(label), text);
            }
        }
        let key: Vec<&EntryQuote> = entry.quotes.iter().filter(|q| q.key).collect();
        if !key.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                if md {
                    "**Key quotes**\n"
                } else {
                    "Key quotes:"
                }
            );
            for q in key {
                let _ = writeln!(
                    out,
                    "- {}: \u{201c}{}\u{201d}",
                    esc_start(&q.who()),
                    esc(&q.text)
                );
            }
            out.push('\n');
        }
    }
    if !groups.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if md {
                "## Who said what\n"
            } else {
                "Who said what\n=============\n"
            }
        );
        for g in groups {
            let mut who = g.name.to_owned();
            if !g.descriptions.is_empty() {
                who = format!("{who}, {}", g.descriptions.join("; "));
            }
            let _ = writeln!(
                out,
                "{}",
                if md {
                    format!("### {}\n", esc_heading(&who))
                } else {
                    esc(&who)
                }
            );
            for (i, text) in g.quotes {
                let title = esc(&entries[i].title);
                let _ = if md {
                    writeln!(out, "- \u{201c}{}\u{201d} (*{title}*)", esc(text))
                } else {
                    writeln!(out, "  - \u{201c}{}\u{201d} ({title})", esc(text))
                };
            }
            out.push('\n');
        }
    }
    out
}

/// Summary text (escaped by `esc`) with a visible marker and the reason
/// after each flagged sentence.
fn flagged(text: &str, flags: &[SummaryFlag], md: bool, esc: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut at = 0;
    for f in flags
        .iter()
        .filter(|f| f.end <= text.len() && text.is_char_boundary(f.end))
    {
        out.push_str(&esc(&text[at..f.end]));
        if md {
            let _ = write!(
                out,
                " \u{26a0}\u{fe0f} **unsupported:** *{}*",
                esc(&f.reason)
            );
        } else {
            let _ = write!(out, " [UNSUPPORTED: {}]", f.reason);
        }
        at = f.end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// Quote content without its own quotation marks: direct quotes keep their
/// marks in the span (as annotated corpora do), and the digest adds its own.
/// Only a pair enclosing the whole content is removed; a mixed quote's inner
/// marks ("the talks \"produced …\"") stay balanced.
fn unquoted(content: &str) -> &str {
    let is_mark = |c: char| {
        matches!(
            c,
            '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '\u{ab}' | '\u{bb}'
        )
    };
    let t = content.trim();
    match (t.chars().next(), t.chars().last()) {
        (Some(a), Some(b)) if t.chars().count() >= 2 && is_mark(a) && is_mark(b) => {
            &t[a.len_utf8()..t.len() - b.len_utf8()]
        }
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{QuoteKind, Span, Speaker, Summary};
    use crate::{attribute::attribute, ingest::ingest, segment::segment};

    #[test]
    fn unsupported_summary_sentences_are_marked_with_the_reason() {
        let text = include_str!("../examples/cbs-us-china-rights-talks.txt");
        let mut doc = crate::Pipeline::analyze(None, text.to_owned()).unwrap();
        let summary = "Tang announced the plan.  Tang met Condoleezza Rice in *1998*.";
        doc.summary = Some(Summary {
            text: summary.into(),
            method: SummaryMethod::Abstractive,
            model: "m".into(),
            chunks: None,
            checks: None,
            revised: None,
        });
        let mut flagged = doc.clone();
        crate::check::apply(&mut flagged, UnsupportedPolicy::Flag);
        let md = digest(&[flagged.clone()], Format::Markdown);
        assert!(
            md.contains("**Summary** (abstractive, m): Tang announced the plan. Tang met Condoleezza Rice in \\*1998\\*. \u{26a0}\u{fe0f} **unsupported:** *name \u{201c}Condoleezza Rice\u{201d} is not in the article; \u{201c}1998\u{201d} is not in the article*\n"),
            "{md}"
        );
        let txt = digest(&[flagged], Format::Text);
        assert!(
            txt.contains("Tang met Condoleezza Rice in *1998*. [UNSUPPORTED: name \u{201c}Condoleezza Rice\u{201d} is not in the article;"),
            "{txt}"
        );
        crate::check::apply(&mut doc, UnsupportedPolicy::Drop);
        let md = digest(&[doc], Format::Markdown);
        assert!(
            md.contains("**Summary** (abstractive, m; 1 unsupported sentence dropped): Tang announced the plan.\n"),
            "{md}"
        );
    }

    #[test]
    fn digest_shows_quotes_by_speaker() {
        let mut doc = ingest(None, "Talks Resume\n\n\"We agreed,\" Tang said.".into()).unwrap();
        segment(&mut doc);
        attribute(&mut doc);
        let md = digest(&[doc], Format::Markdown);
        assert!(md.contains("## Talks Resume"), "{md}");
        assert!(md.contains("- Tang: \u{201c}We agreed\u{201d}"), "{md}");
        assert!(md.contains("## Who said what"), "{md}");
    }

    /// A document whose quotes are `(speaker name, description, kind, quote)`.
    fn doc(id: &str, title: &str, quotes: &[(&str, &str, SpeakerKind, &str)]) -> Document {
        let mut text = format!("{title}\n\n");
        let mut d = Document::new(Some(id.into()), String::new());
        d.title = Some(Span {
            start: 0,
            end: title.len(),
            text: title.into(),
        });
        for (i, (name, desc, kind, q)) in quotes.iter().enumerate() {
            let start = text.len() + 1;
            text.push_str(&format!("\"{q}\" said {name}. "));
            let sid = format!("s{i}");
            d.speakers.push(Speaker {
                id: sid.clone(),
                name: name.to_string(),
                kind: *kind,
                descriptions: if desc.is_empty() {
                    vec![]
                } else {
                    vec![desc.to_string()]
                },
                mentions: vec![],
            });
            d.quotes.push(Quote {
                kind: QuoteKind::Direct,
                content: Span {
                    start,
                    end: start + q.len(),
                    text: q.to_string(),
                },
                cue: None,
                source: None,
                speaker: Some(sid),
                speakers: vec![],
                confidence: None,
            });
        }
        d.text = text;
        d
    }

    #[test]
    fn quotes_name_the_speaker_with_description_and_group_across_articles() {
        use SpeakerKind::*;
        let a = doc(
            "a",
            "U.S., China To Resume Rights Talks",
            &[
                (
                    "Tang Jiaxuan",
                    "Chinese Foreign Minister",
                    Person,
                    "We have decided to resume dialogue on human rights issues",
                ),
                (
                    "officials",
                    "",
                    Anonymous,
                    "Nothing is settled yet, they insisted",
                ),
            ],
        );
        let mut b = doc(
            "b",
            "Talks Begin",
            &[(
                "Tang Jiaxuan",
                "",
                Person,
                "The talks went well for both sides",
            )],
        );
        b.summary = Some(Summary {
            text: "Talks  began.\n".into(),
            method: SummaryMethod::Extractive,
            model: "lead-3".into(),
            chunks: None,
            checks: None,
            revised: None,
        });
        let md = digest(&[a.clone(), b.clone()], Format::Markdown);
        assert!(
            md.contains("- Tang Jiaxuan, Chinese Foreign Minister: \u{201c}We have decided to resume dialogue on human rights issues\u{201d}"),
            "{md}"
        );
        assert!(
            md.contains("- officials: \u{201c}Nothing is settled"),
            "{md}"
        );
        assert!(
            md.contains("**Summary** (extractive, lead-3): Talks began.\n"),
            "{md}"
        );
        let who = &md[md.find("## Who said what").unwrap()..];
        assert!(who.starts_with("## Who said what\n\n### Tang Jiaxuan, Chinese Foreign Minister\n\n- \u{201c}We have decided"), "{who}");
        assert!(
            who.contains("- \u{201c}The talks went well for both sides\u{201d} (*Talks Begin*)"),
            "{who}"
        );
        // Anonymous speakers and pronouns are not a "who".
        assert!(!who.contains("officials"), "{who}");
        assert_eq!(who.matches("### ").count(), 1, "{who}");
        assert!(
            md.contains("2 articles, 3 quotes attributed, 1 speaker named."),
            "{md}"
        );

        let text = digest(&[a, b], Format::Text);
        assert!(
            text.contains("Key quotes:\n- Tang Jiaxuan, Chinese Foreign Minister: \u{201c}We have"),
            "{text}"
        );
        assert!(text.contains("Who said what\n=============\n\nTang Jiaxuan, Chinese Foreign Minister\n  - \u{201c}"), "{text}");
        assert!(!text.contains("**") && !text.contains("## "), "{text}");
    }

    #[test]
    fn key_quotes_are_few_named_and_long_and_markdown_is_escaped() {
        let qs: Vec<(String, &str, SpeakerKind, String)> = (0..8)
            .map(|i| {
                (
                    "Ann Lee".to_string(),
                    "",
                    SpeakerKind::Person,
                    format!("quote {i} {}", "word ".repeat(i)),
                )
            })
            .collect();
        let refs: Vec<(&str, &str, SpeakerKind, &str)> = qs
            .iter()
            .map(|(a, b, c, d)| (a.as_str(), *b, *c, d.as_str()))
            .collect();
        let mut d = doc("x", "#2 A *bold* [title]", &refs);
        let e = Entry::new(&d, 0);
        let key: Vec<&str> = e
            .quotes
            .iter()
            .filter(|q| q.key)
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(key.len(), KEY_QUOTES);
        assert!(
            key[0].starts_with("quote 3 ") && key[4].starts_with("quote 7 "),
            "{key:?}"
        );
        d.quotes.truncate(1);
        d.quotes[0].content.text = "long ".repeat(200);
        let md = digest(&[d], Format::Markdown);
        assert!(md.contains("## #2 A \\*bold\\* \\[title\\]"), "{md}");
        assert!(md.contains(" long \u{2026}\u{201d}"), "{md}");
    }

    #[test]
    fn entries_from_batch_lines_use_the_input_title_url_and_date() {
        use crate::batch::OutputLine;
        let d = doc(
            "7",
            "Detected Headline",
            &[("Ann Lee", "mayor", SpeakerKind::Person, "We will build it")],
        );
        let mut v: serde_json::Value = serde_json::from_str(&json_line(&d)).unwrap();
        v["input_title"] = "Feed\n Title".into();
        v["url"] = "https://example.com/a".into();
        v["published"] = 20240131.into();
        let line = serde_json::to_string(&v).unwrap();
        let OutputLine::Record(record) = OutputLine::parse(line.as_bytes()).unwrap() else {
            panic!("a document line");
        };
        let e = Entry::from_record(&record, 0);
        assert_eq!(e.title, "Feed Title");
        assert_eq!(e.published.as_deref(), Some("20240131"));
        assert_eq!(e.quotes[0].who(), "Ann Lee, mayor");
        let md = digest_entries(&[e], Format::Markdown, &[]);
        assert!(md.contains("Source: <https://example.com/a>"), "{md}");
        // A blank carried title or a field of another type leaves the default.
        v["input_title"] = " ".into();
        v["url"] = serde_json::json!(["x"]);
        let line = serde_json::to_string(&v).unwrap();
        let OutputLine::Record(record) = OutputLine::parse(line.as_bytes()).unwrap() else {
            panic!("a document line");
        };
        let e = Entry::from_record(&record, 0);
        assert_eq!((e.title.as_str(), e.url), ("Detected Headline", None));
    }
}
