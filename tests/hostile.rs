//! Named hostile inputs (issue 7, part 3). Each one finishes, and answers
//! either with a digest holding every property of `support/invariants.rs`
//! or with a clear error. The sizes are the issue's: a 5 MB line, 100,000
//! quotation marks, a 20 MB article. Throughput and memory by size are
//! measured by `scripts/bench_bounds`, not here.

#[path = "support/invariants.rs"]
mod invariants;
#[path = "support/cli.rs"]
mod support_cli;

use std::process::Output;

use invariants::{analyze_and_check, ingest_bytes_and_check};
use newsdigest::ingest::{ingest, ingest_bytes, MAX_INPUT_BYTES};
use newsdigest::{Document, Error};
use support_cli::{newsdigest, stderr};

const SEED: &str = include_str!("../examples/cbs-us-china-rights-talks.txt");
const MB: usize = 1024 * 1024;

/// The digest of `input`, checked; the input must have content.
fn digest(input: &str) -> Document {
    analyze_and_check(input).expect("input with content gives a document")
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.sentences.iter().map(|s| s.text.as_str()).collect()
}

/// `unit` repeated to at least `bytes` bytes.
fn repeated(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

fn cli_on_bytes(bytes: &[u8]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    std::fs::write(&path, bytes).unwrap();
    newsdigest(&["digest", "--no-summary", path.to_str().unwrap()])
}

#[test]
fn empty_file() {
    assert!(matches!(
        ingest_bytes(None, Vec::new()),
        Err(Error::EmptyInput)
    ));
    assert!(analyze_and_check("").is_none());
    let out = cli_on_bytes(b"");
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("input is empty"), "{}", stderr(&out));
}

#[test]
fn whitespace_only() {
    for blank in [
        " ",
        "\n",
        "\r",
        "\r\n\r\n",
        "\t \x0b\x0c",
        "\u{a0}\u{85}\u{2028}\u{2029}\u{3000}\u{2003}\u{200a}",
        &" \n".repeat(500_000),
    ] {
        assert!(
            matches!(ingest(None, blank.to_owned()), Err(Error::EmptyInput)),
            "{:?}",
            invariants::excerpt(blank)
        );
        assert!(analyze_and_check(blank).is_none());
    }
    let out = cli_on_bytes(b" \r\n\t\n");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("input is empty"), "{}", stderr(&out));
}

#[test]
fn a_single_5_mb_line_without_punctuation() {
    let line = repeated("officials met again and talks went on ", 5 * MB);
    let doc = digest(&line);
    assert_eq!(texts(&doc), [line.trim_end()], "one line, one sentence");
    assert!(doc.quotes.is_empty());
    // Without even spaces: one 5 MB token.
    let token = "x".repeat(5 * MB);
    assert_eq!(digest(&token).sentences.len(), 1);
}

#[test]
fn one_hundred_thousand_quotation_marks() {
    // Marks alone, straight and curly: nothing is quoted (no content).
    for mark in ["\"", "\u{201c}", "\u{201d}", "\u{201c}\u{201d}", "'"] {
        let n = 100_000 / mark.chars().count();
        let doc = digest(&mark.repeat(n));
        assert!(doc.quotes.is_empty(), "{mark}: {:?}", &doc.quotes[..1]);
        assert!(doc.speakers.is_empty(), "{mark}: {:?}", &doc.speakers[..1]);
    }
    // And as 50,000 attributed quotes, one per sentence.
    let doc = digest(&"\"We agreed,\" Tang said. ".repeat(50_000));
    assert_eq!(doc.sentences.len(), 50_000);
    assert_eq!(doc.quotes.len(), 50_000);
    assert!(doc
        .quotes
        .iter()
        .all(|q| q.speaker == doc.quotes[0].speaker));
}

/// 100,000 marks around words in one sentence without terminal
/// punctuation: 50,000 quotations, none with an attribution cue after it.
/// (The attribution before the rewrite scanned the sentence from its start
/// for every quotation: 40 s at 256 kB in a release build.)
#[test]
fn one_hundred_thousand_quotation_marks_in_one_sentence() {
    let doc = digest(&"\"yes\" and ".repeat(50_000));
    assert_eq!(doc.sentences.len(), 1);
    let doc = digest(&"Tang said \"yes\" and ".repeat(50_000));
    assert_eq!(doc.sentences.len(), 1);
}

#[test]
fn unbalanced_and_nested_quotes_across_paragraphs() {
    // The news convention: a quotation running over paragraphs reopens each
    // one and closes only at its end.
    let multi = "Powell Meets Tang\n\n\
        \u{201c}We have decided to resume dialogue,\u{201d} Tang said. \u{201c}The talks were \
        useful.\n\n\
        \u{201c}They produced \u{2018}very concrete\u{2019} achievements, and \u{2018}we will \
        meet again.\u{201d}\n\n\
        Powell agreed.";
    let doc = digest(multi);
    let quotes: Vec<(&str, Option<&str>)> = doc
        .quotes
        .iter()
        .map(|q| {
            let source = q.source.as_ref().map(|s| s.text.as_str());
            (q.content.text.as_str(), source)
        })
        .collect();
    // The second paragraph: "“A,” Tang said. “B" is one quote (the
    // annotations' convention for a quotation continued after its
    // attribution), and the unclosed “B runs to the paragraph's end. The
    // third paragraph reopens the quotation (with nested single marks) and
    // is a quotation alone: by the convention it goes on with Tang's words,
    // and the quote ends where its closing mark does, before "Powell agreed."
    assert_eq!(
        quotes,
        [(
            "\u{201c}We have decided to resume dialogue,\u{201d} Tang said. \u{201c}The talks were useful.\n\n\u{201c}They produced \u{2018}very concrete\u{2019} achievements, and \u{2018}we will meet again.\u{201d}",
            Some("Tang")
        )]
    );
    let names: Vec<&str> = doc.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Tang"]);

    // A mark opened and never closed must not swallow the quotes after it.
    let stray = format!(
        "Talks Resume\n\n\u{201c}An opening mark that never closes.\n\n{}\
         \"We will win,\" Smith said.\n\nThe end\u{201d} came \u{201d} twice\u{201d}.",
        "A paragraph between. It has \u{2018}one single mark.\n\n".repeat(50)
    );
    let doc = digest(&stray);
    let quotes: Vec<(&str, Option<&str>)> = doc
        .quotes
        .iter()
        .map(|q| {
            let source = q.source.as_ref().map(|s| s.text.as_str());
            (q.content.text.as_str(), source)
        })
        .collect();
    assert_eq!(
        quotes,
        [("\"We will win,\"", Some("Smith"))],
        "the balanced quote after the stray mark, and nothing else"
    );

    // Closers without openers, openers without closers, crossed nesting.
    for text in [
        "He said \u{201d}no\u{201d} and \u{201d}yes.\n\nShe said \"maybe.\n\n\"Fine,\" he said.",
        "\u{201c}a \u{2018}b \u{201c}c\u{2019} d\u{201d} e\u{2019}\u{201d}.\n\n'x \"y' z\".",
        "\"\n\n\"\n\n\"Done,\" said Jane Doe.\n\n\"",
        &"\u{201c}Unclosed, paragraph after paragraph.\n\n".repeat(10_000),
        &"\u{201c}\u{2018}\u{ab}\u{2039}".repeat(10_000),
    ] {
        digest(text);
    }
}

#[test]
fn crlf_and_lone_cr_line_ends() {
    let lf = SEED;
    let crlf = SEED.replace('\n', "\r\n");
    let cr = SEED.replace('\n', "\r");
    let a = digest(lf);
    let b = digest(&crlf);
    let c = digest(&cr);
    let norm = |d: &Document| -> Vec<String> {
        d.sentences
            .iter()
            .map(|s| s.text.replace("\r\n", "\n").replace('\r', "\n"))
            .collect()
    };
    let quotes =
        |d: &Document| -> Vec<String> { d.quotes.iter().map(|q| q.content.text.clone()).collect() };
    assert_eq!(norm(&b), norm(&a), "CRLF splits as LF does");
    assert_eq!(norm(&c), norm(&a), "lone CR splits as LF does");
    assert_eq!(quotes(&b), quotes(&a));
    assert_eq!(quotes(&c), quotes(&a));
    let title = |d: &Document| d.title.as_ref().map(|t| t.text.clone());
    assert_eq!(title(&b), title(&a));
    assert_eq!(title(&c), title(&a));
    // Mixed, doubled and dangling line ends.
    for text in [
        "One.\r\rTwo.\n\rThree.\r\n\r\nFour.\r",
        "\r\r\r\rA line\rwrapped\r\nhere\n\r\n",
        &"x\r".repeat(100_000),
        &"\r\n".repeat(100_000).replace("\r\n\r\n", "\r\nWord.\r\n"),
    ] {
        digest(text);
    }
}

#[test]
fn nul_and_other_control_bytes() {
    let controls: String = (0u8..0x20)
        .chain([0x7f])
        .map(char::from)
        .chain('\u{80}'..='\u{9f}')
        .collect();
    // Between words, at sentence ends, in quotes, alone.
    let text = format!(
        "Title\0Here\n\n\"We\0agreed,\x07\" Tang\x1b said.\0 Next\x08sentence.\x7f\n\n{controls}\n\nEnd."
    );
    let doc = digest(&text);
    assert!(doc.sentences.len() >= 3);
    digest(&controls);
    digest(&"\0".repeat(1_000_000));
    digest(&repeated(&controls, MB));
    // NUL is valid UTF-8: bytes with NULs are a document, not an encoding error.
    let bytes = b"Hello\0world. \"Hi,\" he\0 said.".to_vec();
    assert!(ingest_bytes_and_check(&bytes).is_some());
    let out = cli_on_bytes(&bytes);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn right_to_left_and_combining_characters() {
    let rtl = "\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{5e2}\u{5d5}\u{5dc}\u{5dd}. \
        \u{627}\u{644}\u{633}\u{644}\u{627}\u{645} \u{639}\u{644}\u{64a}\u{643}\u{645}\u{61f} \
        \u{202b}embedded\u{202c} \u{202e}overridden.\u{202c} \u{200f}\u{200e}\
        \u{201c}\u{5e9}\u{5dc}\u{5d5}\u{5dd},\u{201d} \u{5d0}\u{5de}\u{5e8} Tang.";
    digest(rtl);
    let zalgo: String = "He said \"yes.\" Then left."
        .chars()
        .flat_map(|c| std::iter::once(c).chain(('\u{300}'..='\u{36f}').take(30)))
        .collect();
    digest(&zalgo);
    // A combining mark at the start, after a period, after a quote, alone.
    for text in [
        "\u{301}Start.",
        "End.\u{301} Next.",
        "End. \u{301}Next.",
        "\"\u{301}\" said \u{301}X.",
        "\u{301}",
        &"e\u{301}\u{302}\u{303}. ".repeat(100_000),
        &"\u{301}".repeat(500_000),
    ] {
        digest(text);
    }
}

#[test]
fn emoji() {
    let text = "Fans Cheer 🎉🎉\n\n\
        \"We won 🏆,\" Coach Smith said. \"🎉,\" 👩\u{200d}👩\u{200d}👧 said. Flags 🇫🇷🇺🇸 \
        waved!🙂 Next👍🏽. \u{201c}🔥\u{201d} said Jane Doe. Math 𝐀𝐁. 𝐂 again.\n\n🙂";
    let doc = digest(text);
    let won = doc.quotes.iter().find(|q| q.content.text.contains('🏆'));
    let source = won.and_then(|q| q.source.as_ref()).map(|s| s.text.as_str());
    assert_eq!(source, Some("Coach Smith"), "{:?}", doc.quotes);
    digest(&"👩\u{200d}👩\u{200d}👧.".repeat(100_000));
    digest(&"🇫".repeat(250_001));
}

#[test]
fn a_20_mb_article() {
    let copy = format!("{SEED}\n\n");
    let article = repeated(&copy, 20 * MB);
    let doc = digest(&article);
    let copies = article.len() / copy.len();
    // Each copy of the seed article keeps its quotes: the seed's own, of the
    // same type, at the same place in the copy, by a speaker of the same name.
    let seed = digest(SEED);
    let per_copy = seed.quotes.len();
    assert!(per_copy >= 10, "{per_copy} quotes in the seed");
    assert_eq!(doc.quotes.len(), per_copy * copies);
    let name = |d: &Document, q: &newsdigest::Quote| -> Option<String> {
        let id = q.speaker.as_deref()?;
        d.speaker(id).map(|s| s.name.clone())
    };
    for (i, q) in doc.quotes.iter().enumerate() {
        let (k, s) = (i / per_copy, &seed.quotes[i % per_copy]);
        assert_eq!(
            (q.content.start, q.content.text.as_str(), q.kind),
            (
                k * copy.len() + s.content.start,
                s.content.text.as_str(),
                s.kind
            ),
            "copy {k}"
        );
        assert_eq!(
            name(&doc, q),
            name(&seed, s),
            "copy {k}: {}",
            q.content.text
        );
    }
    assert!(doc.sentences.len() > 15 * copies);
}

#[test]
fn over_the_size_limit_is_a_clear_error() {
    let text = "a".repeat(MAX_INPUT_BYTES + 1);
    let err = ingest(None, text.clone()).unwrap_err();
    assert!(matches!(err, Error::InputTooLarge { .. }), "{err}");
    assert!(err.to_string().contains(&MAX_INPUT_BYTES.to_string()));
    assert!(analyze_and_check(&text).is_none());
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let seed = SEED.as_bytes();
    let cases: Vec<(Vec<u8>, usize)> = vec![
        (vec![0xff], 0),
        (vec![0x80, b'a'], 0),
        ([b"Talks.".as_slice(), &[0xc3]].concat(), 6), // truncated 2-byte sequence
        ([b"ab".as_slice(), &[0xe2, 0x80]].concat(), 2), // truncated `…`
        ([b"x".as_slice(), &[0xc0, 0x80]].concat(), 1), // overlong NUL
        ([b"x".as_slice(), &[0xed, 0xa0, 0x80]].concat(), 1), // surrogate
        ([b"x".as_slice(), &[0xf4, 0x90, 0x80, 0x80]].concat(), 1), // over U+10FFFF
        ([seed, &[0xfe], seed].concat(), seed.len()),
        // Latin-1 text: "café" with é as 0xe9.
        (b"Le caf\xe9 est ferm\xe9.".to_vec(), 6),
    ];
    for (bytes, offset) in cases {
        let err = ingest_bytes(None, bytes.clone()).unwrap_err();
        match err {
            Error::InvalidUtf8 { offset: o, byte } => {
                assert_eq!(o, offset);
                assert_eq!(byte, bytes[offset]);
            }
            ref other => panic!("{other}"),
        }
        assert!(
            err.to_string().contains(&format!("byte offset {offset}")),
            "{err}"
        );
        ingest_bytes_and_check(&bytes);
    }
    // Deep in a large article.
    let mut big = repeated(SEED, 5 * MB).into_bytes();
    let at = big.len() - 1000;
    big[at] = 0xff;
    let err = ingest_bytes(None, big).unwrap_err();
    assert!(
        err.to_string().contains(&format!("byte offset {at}")),
        "{err}"
    );
    // The command line says it too, and names the file.
    let out = cli_on_bytes(b"Caf\xe9 talks.");
    assert!(!out.status.success());
    let msg = stderr(&out);
    assert!(
        msg.contains("byte offset 3") && msg.contains("0xe9"),
        "{msg}"
    );
    assert!(msg.contains("article.txt"), "{msg}");
}

#[test]
fn a_page_of_banner_lines() {
    // 300,000 interface lines around one sentence: every line is a
    // boilerplate mark (this was quadratic in ingest).
    let page = format!(
        "{}Talks resumed on Monday.\n\n{}",
        "Share\n\n".repeat(150_000),
        "Follow Us\n".repeat(150_000)
    );
    let doc = digest(&page);
    assert_eq!(doc.content_sentences().count(), 1);
    assert_eq!(doc.sentences.len(), 300_001);
}

#[test]
fn runs_of_sentence_punctuation() {
    for text in [
        ".".repeat(MB),
        "!".repeat(MB),
        "?!".repeat(MB / 2),
        "\u{2026}".repeat(MB / 3),
        ". ".repeat(MB / 2),
        "A. ".repeat(MB / 3),
        "Mr. ".repeat(MB / 4),
        "1. a 2. b 3. c ".repeat(MB / 15),
        "\u{2022} item ".repeat(MB / 8),
    ] {
        digest(&text);
    }
}

#[test]
fn a_byte_order_mark_belongs_to_no_sentence() {
    let with_bom = format!("\u{feff}{SEED}");
    let doc = digest(&with_bom);
    let plain = digest(SEED);
    // Everything is where it was, three bytes on; the first sentence (the
    // "Watch CBS News" banner) starts after the mark, not on it.
    let title = doc.title.as_ref().expect("the seed has a title");
    let plain_title = plain.title.as_ref().unwrap();
    assert_eq!(title.start, plain_title.start + 3);
    assert_eq!(title.text, plain_title.text);
    assert_eq!(doc.sentences[0].start, 3);
    assert!(doc.sentences[0].boilerplate);
    assert_eq!(texts(&doc), texts(&plain));
    let shifted: Vec<_> = plain
        .boilerplate
        .iter()
        .map(|m| m.start + 3..m.end + 3)
        .collect();
    assert_eq!(doc.boilerplate, shifted);
    assert_eq!(doc.quotes.len(), plain.quotes.len());

    // A mark alone, or before blanks only, is an empty input.
    for blank in ["\u{feff}", "\u{feff} \n\t"] {
        assert!(matches!(
            ingest(None, blank.to_owned()),
            Err(Error::EmptyInput)
        ));
        assert!(analyze_and_check(blank).is_none());
    }
    // Elsewhere U+FEFF is a character like any other (a zero-width no-break
    // space, which is not whitespace) and stays in a sentence.
    let doc = digest("He left.\u{feff} She stayed.");
    assert!(texts(&doc).iter().any(|s| s.contains('\u{feff}')));
}

/// Issue 17: a name written with decomposed accents (NFD: "José" as `e` +
/// U+0301) is one word, and the speaker's name is the whole name.
#[test]
fn names_with_decomposed_accents_are_whole() {
    use newsdigest::QuoteKind;
    let jose = "Jose\u{301} A\u{301}lvarez";
    let amelie = "Ame\u{301}lie Poulain";
    let text = format!(
        "Officials met on Monday in Madrid.\n\n\
         \"We will not give up,\" said {jose}, the mayor. \
         Later, {amelie} said that the plan would fail. Jose\u{301} said he was sure.\n"
    );
    let doc = digest(&text);
    let found: Vec<_> = doc
        .quotes
        .iter()
        .map(|q| {
            let source = q.source.as_ref().expect("every quote here has a source");
            assert_eq!(&text[source.start..source.end], source.text);
            (q.kind, q.content.text.as_str(), source.text.as_str())
        })
        .collect();
    // The source keeps its apposition and the content its "that", as
    // PolNeAR marks them (issue 13); the name inside stays whole.
    let jose_the_mayor = format!("{jose}, the mayor");
    assert_eq!(
        found,
        [
            (
                QuoteKind::Direct,
                "\"We will not give up,\"",
                jose_the_mayor.as_str()
            ),
            (QuoteKind::Indirect, "that the plan would fail", amelie),
            (QuoteKind::Indirect, "he was sure", "Jose\u{301}"),
        ]
    );
    let names: Vec<_> = doc.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, [jose, amelie]);
    assert_eq!(doc.quotes[0].speaker, doc.quotes[2].speaker);
}

/// Issue 17: the same person spelled in NFC and in NFD within one article
/// is one speaker; every mention keeps the bytes of its own spelling.
#[test]
fn nfc_and_nfd_spellings_of_a_name_are_one_speaker() {
    let (nfc, nfd) = ("Jos\u{e9} \u{c1}lvarez", "Jose\u{301} A\u{301}lvarez");
    let text = format!(
        "Officials met on Monday in Madrid.\n\n\
         \"We will not give up,\" said {nfd}, the mayor of the city.\n\n\
         The council voted on Tuesday.\n\n\
         {nfc} said the vote was a mistake. \"We will appeal,\" \u{c1}lvarez said.\n"
    );
    let doc = digest(&text);
    assert_eq!(doc.quotes.len(), 3);
    assert_eq!(doc.speakers.len(), 1, "{:?}", doc.speakers);
    let speaker = &doc.speakers[0];
    assert_eq!(speaker.name, nfd, "the name as first written");
    let mentions: Vec<_> = speaker.mentions.iter().map(|m| m.text.as_str()).collect();
    // The first mention is the whole source, apposition included.
    let first = format!("{nfd}, the mayor of the city");
    assert_eq!(mentions, [first.as_str(), nfc, "\u{c1}lvarez"]);
    assert!(doc
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some(speaker.id.as_str())));
}

/// Combining marks continue a word however many there are: a 2 MB run on
/// one letter of a source's name is read whole.
#[test]
fn a_name_under_a_megabyte_of_combining_marks() {
    let name = format!("Jose{}", "\u{301}".repeat(MB));
    let text = format!("Officials met.\n\n\"Yes,\" said {name}. \"No,\" {name} said.\n");
    let doc = digest(&text);
    assert_eq!(doc.quotes.len(), 2);
    assert_eq!(doc.speakers.len(), 1);
    assert_eq!(doc.speakers[0].name, name);
    for q in &doc.quotes {
        assert_eq!(q.source.as_ref().unwrap().text, name);
    }
}
