//! The one document model every stage reads and extends.
//!
//! A [`Document`] owns the original input unchanged; everything a stage finds
//! is a byte range into it, so offsets survive every stage (the way spaCy's
//! `Doc`/`Span` and HF `tokenizers`' offsets do). The serialized form is the
//! `newsdigest/1` JSON contract documented in `docs/schema.md`.

use serde::{Deserialize, Serialize};

/// Identifier of the JSON contract. Later versions only add fields.
pub const SCHEMA: &str = "newsdigest/1";

/// The code [`Document::language`] gives English (ISO 639-3), the one
/// language attribution supports.
pub const ENGLISH: &str = "eng";

/// A byte range into the original input, with its text.
///
/// Invariant: `text == input[start..end]`, and both ends are UTF-8 character
/// boundaries of the input. Construct through [`Span::new`], which checks it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Span {
    /// The span `input[start..end]`.
    ///
    /// # Panics
    /// When the range is out of bounds or not on character boundaries: that is
    /// a bug in the stage that computed it, never a property of the input.
    pub fn new(input: &str, start: usize, end: usize) -> Span {
        let text = input.get(start..end).unwrap_or_else(|| {
            panic!(
                "span {start}..{end} is not a character range of a {}-byte input",
                input.len()
            )
        });
        Span {
            start,
            end,
            text: text.to_owned(),
        }
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One sentence (or headline, byline, banner line) of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Page debris (share/app banners, navigation): kept so that sentences
    /// still cover the input, but left out of attribution and summaries.
    pub boilerplate: bool,
}

impl Sentence {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The words are in quotation marks.
    Direct,
    /// Reported speech without quotation marks ("X said that …").
    Indirect,
    /// Reported speech with a quoted fragment.
    Mixed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Quote {
    #[serde(rename = "type")]
    pub kind: QuoteKind,
    /// The whole extent of the quoted or reported words, with any
    /// attribution that interrupts them ("“A,” Smith said. “B.”").
    pub content: Span,
    /// The content without the attribution that interrupts it, in text
    /// order ("“A,”" and "“B.”"): what a reader may be shown as the
    /// speaker's words. Empty (and absent from JSON) when the content is
    /// one contiguous part, `content` itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_parts: Vec<Span>,
    pub cue: Option<Span>,
    pub source: Option<Span>,
    /// Id of an entry in [`Document::speakers`].
    pub speaker: Option<String>,
    /// Every speaker of a source that names several ("Sanders and Clinton
    /// said"), in the source's order, `speaker` first; empty (and absent
    /// from JSON) when the source names one speaker or none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    /// How likely the attribution is right (see [`Confidence`]); absent
    /// for quotes found without attribution (a text in another language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// A probability in 0–1, kept in hundredths so that a [`Quote`] stays
/// `Eq` and its JSON holds two decimals (`0.87`): the share of quotes of
/// that confidence that were right attributions on the PolNeAR train
/// split, under cross-validation (`scripts/calibrate_confidence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Confidence(u8);

impl Confidence {
    /// The probability `p`, rounded to hundredths and clamped to 0–1 (NaN
    /// is 0).
    pub fn from_probability(p: f32) -> Confidence {
        let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
        // In 0..=100 after the clamp, so the cast cannot truncate.
        Confidence((p * 100.0).round() as u8)
    }

    /// The probability, in 0–1.
    pub fn get(self) -> f32 {
        f32::from(self.0) / 100.0
    }
}

impl Serialize for Confidence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(f64::from(self.0) / 100.0)
    }
}

// By hand: the derive would describe the hundredths, not the number the
// JSON holds.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Confidence {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Confidence".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A probability in 0–1 with two decimals.",
            "type": "number",
            "minimum": 0.0,
            "maximum": 1.0
        })
    }
}

impl<'de> Deserialize<'de> for Confidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Confidence, D::Error> {
        let p = f64::deserialize(d)?;
        if !(0.0..=1.0).contains(&p) {
            return Err(serde::de::Error::custom(format!(
                "confidence {p} is outside 0–1"
            )));
        }
        // In 0..=100 after the check, so the cast cannot truncate.
        Ok(Confidence((p * 100.0).round() as u8))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organization,
    Group,
    Anonymous,
    Other,
}

/// An entity that some quotes are attributed to, resolved across the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Speaker {
    pub id: String,
    /// The most informative name found ("Tang Jiaxuan", "Xinhua News Agency").
    pub name: String,
    pub kind: SpeakerKind,
    /// Titles and roles split from the name ("Chinese Foreign Minister").
    pub descriptions: Vec<String>,
    /// Every span that refers to this speaker, in input order.
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum SummaryMethod {
    Abstractive,
    Extractive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Summary {
    pub text: String,
    pub method: SummaryMethod,
    /// Model name for abstractive summaries; the extractive method's name otherwise.
    pub model: String,
    /// Number of windows a long article was split into (map-reduce); absent
    /// when the article fit the model's window in one piece.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub chunks: Option<usize>,
    /// What the article supports of each sentence (the check stage,
    /// [`crate::check`]); absent when the summary was not checked.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub checks: Option<Vec<SentenceCheck>>,
    /// The summary as generated, when the `--unsupported` policy changed it
    /// (`drop`, `extractive`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub revised: Option<Box<Revised>>,
}

/// One sentence of a summary and what the article does not support in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SentenceCheck {
    /// Byte range of the sentence in `summary.text`.
    pub start: usize,
    pub end: usize,
    /// No issue found.
    pub supported: bool,
    pub issues: Vec<Issue>,
}

/// Something a summary says that its article does not support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Issue {
    pub kind: IssueKind,
    /// `summary.text[start..end]`.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum IssueKind {
    /// A person, organization or place name absent from the article.
    Entity,
    /// A number, amount, percentage, date or weekday absent from the article.
    Number,
    /// Words in quotation marks that are not verbatim in the article.
    Quote,
    /// Words said to be someone's that the article gives to someone else,
    /// or to no one.
    Attribution,
}

impl IssueKind {
    pub const ALL: [IssueKind; 4] = [
        IssueKind::Entity,
        IssueKind::Number,
        IssueKind::Quote,
        IssueKind::Attribution,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::Entity => "entity",
            IssueKind::Number => "number",
            IssueKind::Quote => "quote",
            IssueKind::Attribution => "attribution",
        }
    }
}

/// What to do with a summary sentence the article does not support.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum UnsupportedPolicy {
    /// Keep it, marked by `summary.checks` (and in rendered digests).
    #[default]
    Flag,
    /// Remove it; a summary left empty is replaced by the extractive one.
    Drop,
    /// Replace the whole summary by the extractive one.
    Extractive,
}

impl std::str::FromStr for UnsupportedPolicy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "flag" => UnsupportedPolicy::Flag,
            "drop" => UnsupportedPolicy::Drop,
            "extractive" => UnsupportedPolicy::Extractive,
            _ => return Err(format!("unknown policy {s:?} (flag, drop, extractive)")),
        })
    }
}

/// A summary as generated, before a policy replaced or shortened it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Revised {
    /// The policy that changed it.
    pub policy: UnsupportedPolicy,
    pub text: String,
    pub method: SummaryMethod,
    pub model: String,
    /// Its checks: spans into this `text`.
    pub checks: Vec<SentenceCheck>,
}

/// An article and everything the pipeline found in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Document {
    #[cfg_attr(feature = "schema", schemars(extend("const" = "newsdigest/1")))]
    pub schema: String,
    pub id: Option<String>,
    /// ISO 639-3 code of the article's language (`eng`, `deu`, `cmn`), set
    /// at ingest; `None` when the text is too short to tell. Attribution is
    /// English-only. Absent from JSON written before it existed.
    #[serde(default)]
    pub language: Option<String>,
    /// The original input, byte for byte. Not serialized: every span carries
    /// its own text, and a digest should not repeat the whole article.
    #[serde(skip)]
    pub text: String,
    pub title: Option<Span>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    pub speakers: Vec<Speaker>,
    pub summary: Option<Summary>,
    /// The article text extracted from a web page, which every span indexes
    /// (`text` in the JSON, so that spans can be checked against it).
    /// `None`, and absent from the JSON, for plain-text input: there the
    /// spans index the input itself, which the caller has.
    #[serde(rename = "text", default, skip_serializing_if = "Option::is_none")]
    pub extracted_text: Option<String>,
    /// Byte ranges the ingest stage marked as page debris; the segment stage
    /// flags the sentences inside them. Surfaced only through those flags.
    #[serde(skip)]
    pub boilerplate: Vec<std::ops::Range<usize>>,
    /// Byte ranges of the paragraphs of `text` (runs of non-blank lines,
    /// trimmed of whitespace), found once by the ingest stage for the
    /// stages after it. A byte-order mark opening the text is no
    /// whitespace, so it begins the first paragraph. Not serialized.
    #[serde(skip)]
    pub paragraphs: Vec<std::ops::Range<usize>>,
}

impl Document {
    /// A document holding `text` with nothing found in it yet.
    pub fn new(id: Option<String>, text: String) -> Document {
        Document {
            schema: SCHEMA.to_owned(),
            id,
            language: None,
            text,
            title: None,
            sentences: Vec::new(),
            quotes: Vec::new(),
            speakers: Vec::new(),
            summary: None,
            extracted_text: None,
            boilerplate: Vec::new(),
            paragraphs: Vec::new(),
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(&self.text, start, end)
    }

    /// Sentences that carry article content (not page debris).
    pub fn content_sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences.iter().filter(|s| !s.boilerplate)
    }

    /// Content sentences outside the title: the article's body text.
    pub fn body_sentences(&self) -> impl Iterator<Item = &Sentence> {
        let title = self.title.as_ref().map(Span::range);
        self.content_sentences().filter(move |s| {
            title
                .as_ref()
                .is_none_or(|t| !(t.start <= s.start && s.end <= t.end))
        })
    }

    /// ISO 639-3 code of the article's language, if it was determined.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// Whether the article was detected as English. `false` for an article
    /// too short to tell: see [`Document::other_language`] for a notice.
    pub fn is_english(&self) -> bool {
        self.language() == Some(ENGLISH)
    }

    /// The code of the article's language when it was detected and is not
    /// English: the case where quotes and speakers, English-only, are
    /// missing for want of support rather than of quotes, which callers
    /// should tell the reader (name it with [`crate::ingest::language::name`]).
    pub fn other_language(&self) -> Option<&str> {
        self.language().filter(|l| *l != ENGLISH)
    }

    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.id == id)
    }

    /// Rewrite every offset, UTF-8 bytes until now, as Unicode code points
    /// (what Python's `str` and spaCy index): spans into the text, and
    /// summary checks into their summary's text. A last step before
    /// serializing: afterwards the byte invariant of [`Span`] no longer
    /// holds, so no stage may read the document.
    pub fn use_char_offsets(&mut self) {
        let text = CharIndex::new(&self.text);
        let span = |s: &mut Span| (s.start, s.end) = (text.of(s.start), text.of(s.end));
        if let Some(t) = &mut self.title {
            span(t);
        }
        for s in &mut self.sentences {
            (s.start, s.end) = (text.of(s.start), text.of(s.end));
        }
        for q in &mut self.quotes {
            span(&mut q.content);
            q.content_parts.iter_mut().for_each(span);
            q.cue.iter_mut().chain(q.source.iter_mut()).for_each(span);
        }
        self.speakers
            .iter_mut()
            .flat_map(|s| s.mentions.iter_mut())
            .for_each(span);
        if let Some(summary) = &mut self.summary {
            if let Some(checks) = &mut summary.checks {
                checks_in_chars(&summary.text, checks);
            }
            if let Some(revised) = &mut summary.revised {
                checks_in_chars(&revised.text, &mut revised.checks);
            }
        }
    }
}

fn checks_in_chars(text: &str, checks: &mut [SentenceCheck]) {
    let text = CharIndex::new(text);
    for c in checks {
        (c.start, c.end) = (text.of(c.start), text.of(c.end));
        for i in &mut c.issues {
            (i.start, i.end) = (text.of(i.start), text.of(i.end));
        }
    }
}

/// Byte offset to code point offset, in O(log n) per offset.
struct CharIndex(Vec<usize>);

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        CharIndex(starts)
    }

    /// The code point offset of character boundary `byte` (a byte offset
    /// inside a character, a bug upstream, counts as the character's start).
    fn of(&self, byte: usize) -> usize {
        self.0
            .binary_search(&byte)
            .unwrap_or_else(|i| i.saturating_sub(1))
    }
}
