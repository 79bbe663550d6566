//! Stage 5: the document as JSON (the `newsdigest/1` contract), or as a
//! human-readable digest in Markdown, plain text or HTML.
//!
//! A digest prints quotes as a newsroom does (`speech`): the speaker's own
//! words in quotation marks, reported speech without them, statements only.
//! `markdown` writes Markdown and text, `html` one self-contained page whose
//! markup contract is docs/html.md; `article` rebuilds an article's text and
//! quote spans from the serialized document, `palette` gives speakers their
//! colours.

use std::collections::HashMap;

use serde_json::value::RawValue;

use crate::batch::Record;
use crate::document::{
    Document, Issue, IssueKind, Quote, QuoteKind, Speaker, SpeakerKind, Summary, SummaryMethod,
    UnsupportedPolicy,
};

mod article;
mod html;
mod markdown;
pub mod palette;
mod speech;

pub use article::{Article, Mark, MarkRole, Run, SpeakerEntry};

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
    Html,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "json" => Format::Json,
            "markdown" | "md" => Format::Markdown,
            "text" | "txt" => Format::Text,
            "html" => Format::Html,
            _ => return Err(format!("unknown format {s:?} (json, markdown, text, html)")),
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
    /// The article text with every quote's spans, and its speakers, for
    /// the HTML digest.
    pub article: Article,
}

/// Whom "Who said what" lists a quote under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Who {
    /// A named person or organization, by lowercased name: one group across
    /// articles, as a reader of the day's news would have it.
    Named(String),
    /// An anonymous or group speaker ("a U.S. official", "Western
    /// diplomats"): the speaker's id in the `article`-th entry. Such a
    /// description names someone only within its article.
    Local { article: usize, speaker: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntryQuote {
    /// The speaker's name; an anonymous speaker's description with its
    /// article ("a U.S. official"); the source's words when the quote has no
    /// resolved speaker.
    pub name: String,
    pub description: Option<String>,
    /// Every description of the speaker (for "Who said what").
    pub descriptions: Vec<String>,
    /// Grouping key for "Who said what"; `None` for a speaker that is no one
    /// to list (a pronoun, an unresolved source).
    pub group: Option<Who>,
    /// The speaker's id in the document, if resolved.
    pub speaker: Option<String>,
    /// The content on one line, shortened, with its quotation marks as
    /// printed for its kind (see [`EntryQuote::said`]).
    pub text: String,
    /// The cue's words ("said", "according to"), on one line.
    pub cue: Option<String>,
    pub kind: QuoteKind,
    /// A clause or the speaker's own words, not a noun-phrase fragment: only
    /// statements are key quotes or listed in "Who said what".
    pub statement: bool,
    /// Among the article's key quotes.
    pub key: bool,
    /// The same quote as the entry before, for a second or later speaker of
    /// a coordinated source ("A and B said"): listed under this speaker too,
    /// never a key quote twice.
    pub shared: bool,
    /// On the first entry of a quote with several speakers, the names of
    /// the others, so that the key quote names everyone who said it ("Ann
    /// Park and Joe Kim said …") rather than the first of them alone.
    pub co_speakers: Vec<String>,
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
                    speech::unquoted(&t)
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
    /// "Name, description", or "Name"; "A, B and C" for a quote they share.
    pub fn who(&self) -> String {
        if !self.co_speakers.is_empty() {
            return self.all_speakers();
        }
        match &self.description {
            Some(d) => format!("{}, {d}", self.name),
            None => self.name.clone(),
        }
    }

    /// Every speaker of a shared quote by name: "A and B", "A, B and C".
    fn all_speakers(&self) -> String {
        let (last, rest) = match self.co_speakers.split_last() {
            Some((last, rest)) => (last, rest),
            None => return self.name.clone(),
        };
        let mut names = vec![self.name.as_str()];
        names.extend(rest.iter().map(String::as_str));
        format!("{} and {last}", names.join(", "))
    }

    /// The quote as a news report prints it, with its speaker: the speaker's
    /// own words in quotation marks (`Name, description: “…”`); reported
    /// speech without them (`Name (description) said …`), where a mixed
    /// quote's verbatim fragment keeps its marks.
    pub fn said(&self) -> String {
        match self.kind {
            QuoteKind::Direct => format!(
                "{}: \u{201c}{}\u{201d}",
                speech::capitalized(&self.who()),
                self.text
            ),
            QuoteKind::Indirect | QuoteKind::Mixed => {
                let who = match &self.description {
                    _ if !self.co_speakers.is_empty() => self.all_speakers(),
                    Some(d) => format!("{} ({d})", self.name),
                    None => self.name.clone(),
                };
                self.reported(&who)
            }
        }
    }

    /// The quote under its speaker's heading ("Who said what"): the words in
    /// quotation marks, or the reported speech with the speaker's name.
    pub fn said_under_name(&self) -> String {
        match self.kind {
            QuoteKind::Direct => format!("\u{201c}{}\u{201d}", self.text),
            QuoteKind::Indirect | QuoteKind::Mixed => self.reported(&self.name),
        }
    }

    fn reported(&self, who: &str) -> String {
        format!(
            "{} {} {}",
            speech::capitalized(who),
            speech::reporting_verb(self.cue.as_deref()),
            speech::as_sentence(&self.text)
        )
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
            .flat_map(|q| entry_quotes(doc, q, index))
            .collect();
        mark_key_quotes(&mut quotes);
        Entry {
            title,
            url: None,
            published: None,
            summary,
            summary_flags,
            quotes,
            article: Article::new(doc),
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

const PRONOUNS: &[&str] = &[
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "me",
    "us",
    "him",
    "her",
    "them",
    "one",
    "someone",
    "somebody",
    "everyone",
    "everybody",
];

/// How a speaker is named in a digest, and under whom its quotes are
/// listed: a named person or organization by name across articles; an
/// anonymous or group speaker by its description within its article; a
/// pronoun ("she", never resolved to a name) not at all.
fn speaker_label(speaker: &Speaker, article: usize) -> Option<(String, Option<Who>)> {
    let name = one_line(&speaker.name);
    if name.is_empty() {
        return None;
    }
    let local = Who::Local {
        article,
        speaker: speaker.id.clone(),
    };
    Some(match speaker.kind {
        SpeakerKind::Anonymous => {
            let mentions: Vec<String> =
                speaker.mentions.iter().map(|m| one_line(&m.text)).collect();
            let mentions: Vec<&str> = mentions.iter().map(String::as_str).collect();
            (speech::anonymous_label(&name, &mentions), Some(local))
        }
        SpeakerKind::Group => (name, Some(local)),
        // A pronoun left unresolved ("We", "You") is no one to list.
        _ if PRONOUNS.contains(&name.to_lowercase().as_str()) => (name, None),
        _ if name.chars().any(char::is_uppercase) => {
            let key = name.to_lowercase();
            (name, Some(Who::Named(key)))
        }
        _ => (name, None),
    })
}

/// The entries of one quote: one per speaker, so that each source of "A and
/// B said" is shown with the words they share ([`Quote::speakers`]).
fn entry_quotes(doc: &Document, quote: &Quote, article: usize) -> Vec<EntryQuote> {
    if quote.speakers.len() < 2 {
        return entry_quote(doc, quote, article).into_iter().collect();
    }
    let mut entries: Vec<EntryQuote> = Vec::new();
    for id in &quote.speakers {
        let one = Quote {
            speaker: Some(id.clone()),
            ..quote.clone()
        };
        if let Some(mut entry) = entry_quote(doc, &one, article) {
            entry.shared = !entries.is_empty();
            entries.push(entry);
        }
    }
    let others: Vec<String> = entries.iter().skip(1).map(|e| e.name.clone()).collect();
    if let Some(first) = entries.first_mut() {
        first.co_speakers = others;
    }
    entries
}

fn entry_quote(doc: &Document, quote: &Quote, article: usize) -> Option<EntryQuote> {
    let content = shown_content(quote);
    let text = quote_text(&content, quote.kind);
    if text.is_empty() {
        return None;
    }
    let statement = speech::is_statement(&content, quote.kind);
    let cue = quote
        .cue
        .as_ref()
        .map(|c| one_line(&c.text))
        .filter(|c| !c.is_empty());
    let base = EntryQuote {
        name: String::new(),
        description: None,
        descriptions: Vec::new(),
        group: None,
        speaker: None,
        text,
        cue,
        kind: quote.kind,
        statement,
        key: false,
        shared: false,
        co_speakers: Vec::new(),
    };
    if let Some(speaker) = quote.speaker.as_deref().and_then(|id| doc.speaker(id)) {
        if let Some((name, group)) = speaker_label(speaker, article) {
            let descriptions: Vec<String> = speaker
                .descriptions
                .iter()
                .map(|d| one_line(d))
                .filter(|d| !d.is_empty())
                .collect();
            return Some(EntryQuote {
                name,
                description: descriptions.first().cloned(),
                descriptions,
                group,
                speaker: Some(speaker.id.clone()),
                ..base
            });
        }
    }
    let source = one_line(&quote.source.as_ref()?.text);
    (!source.is_empty()).then_some(EntryQuote {
        name: source,
        ..base
    })
}

/// Key quotes: at most [`KEY_QUOTES`] statements whose speaker has a name
/// or description, ranked by what a reader
/// needs: each speaker's best quote before anyone's second, then the
/// speaker's own words over paraphrase, a named speaker over a described
/// one, sentences over short phrases, longer over shorter; shown in
/// article order.
fn mark_key_quotes(quotes: &mut [EntryQuote]) {
    // A quote that names its speaker only by a pronoun nothing resolved
    // ("He said …", "We think …"), or by a clause that opens with one
    // ("It means said …"), tells the reader of a key quote nothing of who
    // said it; it stays in the JSON and the article view.
    // A source no speaker was resolved for that runs on for more than a
    // noun phrase's length ("He has carefully avoided alienating
    // supporters of Carson") is a clause taken for a source: no one to
    // quote either.
    let unnamed = |q: &EntryQuote| {
        let first = q.name.split_whitespace().next().unwrap_or("");
        PRONOUNS.contains(&first.to_lowercase().as_str())
            || q.speaker.is_none() && q.name.split_whitespace().count() > 6
    };
    let mut ranked: Vec<usize> = (0..quotes.len())
        .filter(|&i| quotes[i].statement && !quotes[i].shared && !unnamed(&quotes[i]))
        .collect();
    ranked.sort_by_key(|&i| {
        let q = &quotes[i];
        let words = q.text.split_whitespace().count();
        (
            std::cmp::Reverse(q.kind == QuoteKind::Direct && words >= 4),
            std::cmp::Reverse(matches!(q.group, Some(Who::Named(_)))),
            std::cmp::Reverse(q.kind != QuoteKind::Indirect),
            std::cmp::Reverse(words >= 4),
            std::cmp::Reverse(words.min(60)),
            i,
        )
    });
    // Round-robin over speakers: the n-th best quote of a speaker ranks
    // after every speaker's (n-1)-th.
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    let mut turns: Vec<(usize, usize)> = ranked
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let who = quotes[i].speaker.as_deref().unwrap_or(&quotes[i].name);
            let n = seen.entry(who).or_insert(0);
            *n += 1;
            (*n, rank)
        })
        .collect();
    turns.sort();
    let chosen: Vec<usize> = turns
        .into_iter()
        .take(KEY_QUOTES)
        .map(|(_, rank)| ranked[rank])
        .collect();
    for i in chosen {
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

/// The words a reader is shown as the speaker's: the content, or its parts
/// joined with " … " when an attribution interrupts it (never "“A,” Smith
/// said. “B.”" as one quotation).
fn shown_content(quote: &Quote) -> String {
    if quote.content_parts.is_empty() {
        return speech::single_char_marks(&quote.content.text).into_owned();
    }
    let parts: Vec<std::borrow::Cow<str>> = quote
        .content_parts
        .iter()
        .map(|p| speech::single_char_marks(&p.text))
        .collect();
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| match quote.kind {
            QuoteKind::Direct => speech::unquoted(p),
            QuoteKind::Indirect | QuoteKind::Mixed => p.trim(),
        })
        .map(|p| p.trim_end_matches([',', ';', ':', ' ']))
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(" \u{2026} ")
}

/// A quote on one line, without trailing commas, its inner quotation marks
/// as printed for its kind, cut to [`MAX_QUOTE_CHARS`] (closing a
/// quotation the cut leaves open).
fn quote_text(s: &str, kind: QuoteKind) -> String {
    let s = match kind {
        QuoteKind::Direct => speech::unquoted(s),
        // Reported speech starts a clause: no punctuation left from the cue
        // (", the biggest victor was …").
        QuoteKind::Indirect | QuoteKind::Mixed => s.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '\u{2014}')
        }),
    };
    let s = speech::nested_marks(&one_line(s), kind);
    let s = s.trim_end_matches([',', ';', ':', ' ']);
    if s.chars().count() <= MAX_QUOTE_CHARS {
        return s.to_owned();
    }
    let cut: String = s.chars().take(MAX_QUOTE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX_QUOTE_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    let cut = cut.trim_end_matches([',', ';', ':', ' ']);
    let (open, close) = match kind {
        QuoteKind::Direct => ('\u{2018}', '\u{2019}'),
        QuoteKind::Indirect | QuoteKind::Mixed => ('\u{201c}', '\u{201d}'),
    };
    let unclosed = cut.matches(open).count() > cut.matches(close).count();
    let closing = if unclosed {
        close.to_string()
    } else {
        String::new()
    };
    format!("{cut} \u{2026}{closing}")
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
/// statement with the index of its article.
pub(crate) struct Group<'a> {
    pub(crate) name: &'a str,
    pub(crate) descriptions: Vec<&'a str>,
    /// The article an anonymous or group speaker belongs to; `None` for a
    /// named one.
    pub(crate) article: Option<usize>,
    pub(crate) quotes: Vec<(usize, &'a EntryQuote)>,
}

/// Grouping keys after cross-article surname resolution: a one-word name
/// joins the only multi-word name that ends or starts with it ("smith" →
/// "john smith"; family name first: "tang" → "tang jiaxuan"), as a reader of
/// the day's news would; an ambiguous surname stays apart.
fn canonical_keys(entries: &[Entry]) -> HashMap<&str, &str> {
    let keys: std::collections::BTreeSet<&str> = entries
        .iter()
        .flat_map(|e| e.quotes.iter())
        .filter_map(|q| match &q.group {
            Some(Who::Named(k)) => Some(k.as_str()),
            _ => None,
        })
        .collect();
    let mut canonical = HashMap::new();
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

/// Every statement of the digest grouped by speaker: named speakers across
/// articles, anonymous and group speakers within theirs.
pub(crate) fn who_said_what(entries: &[Entry]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<Who, usize> = HashMap::new();
    let canonical = canonical_keys(entries);
    let key_of = |q: &EntryQuote| -> Option<Who> {
        Some(match q.group.as_ref()? {
            Who::Named(k) => Who::Named(canonical.get(k.as_str()).copied().unwrap_or(k).to_owned()),
            local => local.clone(),
        })
    };
    // Create groups for full names first so that a group is named by its
    // most informative name even when the surname is quoted earlier.
    let mut order: Vec<(usize, &EntryQuote)> = entries
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.quotes.iter().map(move |q| (i, q)))
        .filter(|(_, q)| q.statement)
        .collect();
    order.sort_by_key(
        |(_, q)| matches!(&q.group, Some(Who::Named(k)) if canonical.contains_key(k.as_str())),
    );
    for (i, q) in order {
        let Some(key) = key_of(q) else {
            continue;
        };
        let article = match &key {
            Who::Local { article, .. } => Some(*article),
            Who::Named(_) => None,
        };
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                name: &q.name,
                descriptions: Vec::new(),
                article,
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
        if !group
            .quotes
            .iter()
            .any(|&(j, other)| j == i && other.text == q.text && other.kind == q.kind)
        {
            group.quotes.push((i, q));
        }
    }
    for g in &mut groups {
        g.quotes.sort_by_key(|&(article, _)| article);
    }
    // Most quoted first; ties in order of first appearance (a stable sort).
    groups.sort_by_key(|g| std::cmp::Reverse(g.quotes.len()));
    groups
}

/// The digest's opening line: "2 articles, 5 quotes attributed, 3
/// speakers." A quote counts as attributed when it has a speaker (once, however
/// many speakers share it), as in the JSON; quotes whose source names no one
/// ("Neither Lee nor Roe said …") are counted on their own, so that the
/// header never claims a speaker for words the digest lists without one.
pub(crate) fn overview(entries: &[Entry], speakers: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let all = entries.iter().flat_map(|e| e.quotes.iter());
    let attributed = all
        .clone()
        .filter(|q| q.speaker.is_some() && !q.shared)
        .count();
    let unattributed = all.filter(|q| q.speaker.is_none()).count();
    let mut line = format!(
        "{}, {} attributed, {}.",
        plural(entries.len(), "article", "articles"),
        plural(attributed, "quote", "quotes"),
        plural(speakers, "speaker", "speakers")
    );
    if unattributed > 0 {
        line.push_str(&format!(
            " {} with no speaker named.",
            plural(unattributed, "quote", "quotes")
        ));
    }
    line
}

/// A digest of `entries`. `notes` are printed under the header (e.g.
/// records left out). JSON is one document per line of input and has no
/// digest: [`Format::Json`] gives the Markdown one.
pub fn digest_entries(entries: &[Entry], format: Format, notes: &[String]) -> String {
    match format {
        Format::Html => html::digest(entries, notes),
        Format::Text => markdown::digest(entries, false, notes),
        Format::Json | Format::Markdown => markdown::digest(entries, true, notes),
    }
}

#[cfg(test)]
mod tests;
