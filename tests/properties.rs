//! Property tests (issue 7, part 1): for arbitrary Unicode, arbitrary bytes
//! and generated news-like text, the digest holds every property of
//! `support/invariants.rs` (exact spans on character boundaries, ordered
//! sentences covering every non-whitespace byte, quotes and speakers inside
//! the input, identical output on a second run), or the error is the right
//! one for the input.

#[path = "support/invariants.rs"]
mod invariants;

use invariants::{analyze_and_check, ingest_bytes_and_check};
use proptest::prelude::*;
use proptest::sample::select;

/// Pieces that stress the segmenter and the quote finder: terminal
/// punctuation, abbreviations, quotation marks of every kind, line breaks of
/// every kind, Unicode whitespace, combining and right-to-left characters,
/// controls, emoji, list markers, reporting verbs and names.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "a", "the", "Mr", "Dr", "U.S", "I", "1", "12", "x", "The", "He", "she", "Tang", "Jane Doe",
    "said", "told", "asked", "says", "according", "to", ".", ".", ".", "!", "?", "…", "...", ". . .",
    "\"", "\"", "\u{201c}", "\u{201d}", "'", "\u{2018}", "\u{2019}", "\u{ab}", "\u{bb}", "(",
    ")", "[", "]", " ", " ", " ", " ", "\n", "\n", "\n\n", "\r", "\r\n", "\t", "\u{a0}",
    "\u{2028}", "\u{2029}", "\u{3000}", "\u{85}", "é", "e\u{301}", "\u{5e9}\u{5dc}\u{5d5}\u{5dd}",
    "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645}", "\u{200f}", "\u{202e}", "\u{200d}", "Ω",
    "日本", "。", "🙂", "👩\u{200d}👩\u{200d}👧", "🇫🇷", "•", "⁃", "-", "—", ":", ";", ",", "$",
    "°", "\0", "\u{7}", "\u{1b}", "\u{7f}", "\u{feff}", "\u{fffd}", "a.m", "Sept", "Fla", "1.",
    "2)", "a.", "›", "|", "Share", "Watch", "By", "Follow Us", "http://x.com/a?b=1",
];

fn pieces(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(PIECES), 0..max).prop_map(|v| v.concat())
}

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "talks", "officials", "minister", "government", "week", "agreement", "rights", "dialogue",
    "meeting", "city", "council", "plan", "economy", "percent", "vote", "report", "police",
    "market", "the", "a", "of", "on", "in", "with", "and", "after", "before", "about", "new",
];
const NAMES: &[&str] = &[
    "Tang Jiaxuan",
    "Colin Powell",
    "Powell",
    "Mr. Smith",
    "Dr. Ana García",
    "Jane O'Neil",
    "the ministry",
    "Xinhua News Agency",
    "a senior official",
    "he",
    "she",
    "they",
    "Foreign Minister Tang",
    "U.S. Secretary of State Colin Powell",
];
const CUES: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "added",
    "asked",
    "stated",
    "wrote",
    "explained",
    "warned",
    "insisted",
];
const OPEN: &[(&str, &str)] = &[
    ("\"", "\""),
    ("\u{201c}", "\u{201d}"),
    ("'", "'"),
    ("\u{ab}", "\u{bb}"),
];
const BANNERS: &[&str] = &[
    "Watch CBS News",
    "Share This Article",
    "Home \u{203a} Politics \u{203a} World",
    "Sign up for our newsletter",
    "Accept All Cookies",
    "Follow Us",
    "Advertisement",
    "\u{2014}",
    "View CBS News In",
];

fn clause() -> impl Strategy<Value = String> {
    prop::collection::vec(select(WORDS), 1..12).prop_map(|w| w.join(" "))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One sentence of news prose, often with a quotation, sometimes broken
/// (a quotation mark never closed, a closing mark never opened).
fn sentence() -> impl Strategy<Value = String> {
    let end = select(&[".", ".", ".", "?", "!", "...", ""][..]);
    prop_oneof![
        (clause(), end.clone()).prop_map(|(c, e)| format!("{}{e}", capitalise(&c))),
        // "…," Name said.
        (clause(), select(OPEN), select(NAMES), select(CUES))
            .prop_map(|(c, (o, cl), n, v)| { format!("{o}{},{cl} {n} {v}.", capitalise(&c)) }),
        // "…," said Name.
        (clause(), select(OPEN), select(NAMES), select(CUES))
            .prop_map(|(c, (o, cl), n, v)| { format!("{o}{},{cl} {v} {}.", capitalise(&c), n) }),
        // Name said: "…."
        (clause(), select(OPEN), select(NAMES), select(CUES)).prop_map(|(c, (o, cl), n, v)| {
            format!("{} {v}: {o}{}.{cl}", capitalise(n), capitalise(&c))
        }),
        // Name said the plan was "…."  (mixed)
        (clause(), clause(), select(NAMES), select(CUES)).prop_map(|(a, b, n, v)| {
            format!("{} {v} that {a} \u{201c}{b}.\u{201d}", capitalise(n))
        }),
        // Unbalanced: opened, never closed (continues in a later paragraph).
        (clause(), select(OPEN)).prop_map(|(c, (o, _))| format!("{o}{}.", capitalise(&c))),
        // Closed, never opened.
        (clause(), select(OPEN)).prop_map(|(c, (_, cl))| format!("{}.{cl}", capitalise(&c))),
        // Nested quotation.
        (clause(), clause(), select(NAMES)).prop_map(|(a, b, n)| {
            format!(
                "\u{201c}{} \u{2018}{b}\u{2019} {a},\u{201d} {n} said.",
                capitalise(&a)
            )
        }),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..5).prop_map(|s| s.join(" "))
}

/// An article the way scrapers deliver them: banners, a headline, a byline,
/// paragraphs, trailing page furniture; LF, CRLF or lone CR line ends.
fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(select(BANNERS), 0..3),
        prop::option::of(clause()),
        any::<bool>(),
        prop::collection::vec(paragraph(), 1..6),
        prop::collection::vec(select(BANNERS), 0..3),
        select(&["\n", "\r\n", "\r"][..]),
        any::<bool>(),
    )
        .prop_map(|(head, headline, byline, paras, tail, eol, wrap)| {
            let mut lines: Vec<String> = head.iter().map(|s| s.to_string()).collect();
            if let Some(h) = headline {
                lines.push(capitalise(&h));
            }
            if byline {
                lines.push("By Jane Doe, Staff Writer".into());
            }
            let mut blocks = vec![lines.join(eol)];
            for p in paras {
                // Hard-wrapped paragraphs break lines mid-sentence.
                let p = if wrap { p.replacen(' ', eol, 2) } else { p };
                blocks.push(p);
            }
            blocks.push(tail.join(eol));
            let sep = format!("{eol}{eol}");
            blocks.join(&sep)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_strings(text in any::<String>()) {
        analyze_and_check(&text);
    }

    #[test]
    fn strings_of_hostile_pieces(text in pieces(120)) {
        analyze_and_check(&text);
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        ingest_bytes_and_check(&bytes);
    }

    #[test]
    fn text_with_one_bad_byte_names_its_offset(
        text in pieces(40),
        at in any::<prop::sample::Index>(),
        bad in select(&[0x80u8, 0xbf, 0xc0, 0xc1, 0xe2, 0xf0, 0xf5, 0xff][..]),
    ) {
        let mut bytes = text.into_bytes();
        let at = at.index(bytes.len() + 1);
        bytes.insert(at, bad);
        prop_assert!(std::str::from_utf8(&bytes).is_err());
        ingest_bytes_and_check(&bytes);
    }

    #[test]
    fn news_like_articles(text in article()) {
        let doc = analyze_and_check(&text).expect("a generated article has content");
        prop_assert!(!doc.sentences.is_empty());
    }

    #[test]
    fn news_like_articles_with_hostile_pieces_inserted(
        text in article(),
        noise in pieces(12),
        at in any::<prop::sample::Index>(),
    ) {
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mixed = format!("{}{noise}{}", &text[..at], &text[at..]);
        analyze_and_check(&mixed);
    }
}

/// The generator does produce attributed quotes, so the quote properties are
/// exercised on real quotes, not vacuously.
#[test]
fn generated_articles_contain_attributed_quotes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut quotes, mut speakers) = (0, 0);
    for _ in 0..50 {
        let text = article().new_tree(&mut runner).unwrap().current();
        let doc = analyze_and_check(&text).unwrap();
        quotes += doc.quotes.len();
        speakers += doc.quotes.iter().filter(|q| q.speaker.is_some()).count();
    }
    assert!(quotes >= 50, "only {quotes} quotes in 50 articles");
    assert!(speakers >= 25, "only {speakers} quotes with a speaker");
}

/// Combining marks of every kind (general category M): nonspacing
/// (U+0300–U+036F, U+20D0–U+20DC), enclosing (U+0488–U+0489,
/// U+20DD–U+20E0) and spacing ones (Devanagari U+0903, U+093E).
fn mark() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('\u{300}', '\u{36f}'),
        prop::char::range('\u{488}', '\u{489}'),
        prop::char::range('\u{20d0}', '\u{20f0}'),
        Just('\u{903}'),
        Just('\u{93e}'),
    ]
}

/// Zalgo text: hostile pieces, each followed by a run of combining marks.
fn zalgo() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (select(PIECES), prop::collection::vec(mark(), 0..40)),
        0..60,
    )
    .prop_map(|v| {
        v.into_iter()
            .flat_map(|(piece, marks)| piece.chars().chain(marks))
            .collect()
    })
}

/// `text` with `marks` (in turn, 0 to 3 at a time) after its letters: names,
/// cues and quotes under marks.
fn with_marks_on_letters(text: &str, marks: &[char]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut next = marks.iter().cycle();
    for (i, c) in text.chars().enumerate() {
        out.push(c);
        if c.is_alphabetic() {
            out.extend(next.by_ref().take(i % 4));
        }
    }
    out
}

/// Names with accents, for the articles of the NFC/NFD property.
fn accented(text: &str) -> String {
    text.replace("Tang", "T\u{e1}ng")
        .replace("Powell", "P\u{f6}well")
        .replace("Jane", "J\u{e2}ne")
        .replace("Smith", "Sm\u{ed}th")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn zalgo_text(text in zalgo()) {
        analyze_and_check(&text);
    }

    #[test]
    fn news_like_articles_under_combining_marks(
        text in article(),
        marks in prop::collection::vec(mark(), 1..20),
    ) {
        analyze_and_check(&with_marks_on_letters(&text, &marks));
    }

    /// An article written with decomposed accents (NFD) is read as the same
    /// article written with precomposed ones (NFC): the same sentences,
    /// quotes, sources and speakers, each in its own spelling.
    #[test]
    fn decomposed_accents_read_like_precomposed_ones(text in article()) {
        use unicode_normalization::UnicodeNormalization;
        let nfc: String = accented(&text).nfc().collect();
        let nfd: String = nfc.nfd().collect();
        prop_assume!(nfc != nfd);
        let a = analyze_and_check(&nfc).expect("a generated article has content");
        let b = analyze_and_check(&nfd).expect("a generated article has content");
        let d = |s: &str| s.nfd().collect::<String>();
        let sentences = |doc: &newsdigest::Document, f: &dyn Fn(&str) -> String| {
            doc.sentences.iter().map(|s| f(&s.text)).collect::<Vec<_>>()
        };
        prop_assert_eq!(sentences(&a, &d), sentences(&b, &|s| s.to_owned()));
        let quotes = |doc: &newsdigest::Document, f: &dyn Fn(&str) -> String| {
            doc.quotes
                .iter()
                .map(|q| {
                    (
                        q.kind,
                        f(&q.content.text),
                        q.source.as_ref().map(|s| f(&s.text)),
                        q.speaker.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(quotes(&a, &d), quotes(&b, &|s| s.to_owned()));
        let speakers = |doc: &newsdigest::Document, f: &dyn Fn(&str) -> String| {
            doc.speakers
                .iter()
                .map(|s| (s.id.clone(), f(&s.name), s.kind, s.mentions.len()))
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(speakers(&a, &d), speakers(&b, &|s| s.to_owned()));
    }
}

/// The NFC/NFD property above compares attributions, not empty lists: the
/// accented articles have speakers whose names carry accents.
#[test]
fn accented_articles_have_accented_speakers() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut accented_speakers = 0;
    for _ in 0..50 {
        let text = accented(&article().new_tree(&mut runner).unwrap().current());
        let doc = analyze_and_check(&text).unwrap();
        accented_speakers += doc.speakers.iter().filter(|s| !s.name.is_ascii()).count();
    }
    assert!(
        accented_speakers >= 10,
        "only {accented_speakers} speakers with accents in 50 articles"
    );
}
