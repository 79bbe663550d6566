use std::time::{Duration, Instant};

use super::*;
use crate::ingest::ingest;

fn sentences(text: &str) -> Vec<String> {
    let mut doc = ingest(None, text.to_owned()).unwrap();
    segment(&mut doc);
    doc.sentences.into_iter().map(|s| s.text).collect()
}

fn split(text: &str) -> Vec<&str> {
    split_sentences(text, 0..text.len())
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn splits_at_terminal_punctuation_and_keeps_closing_quotes() {
    assert_eq!(
        sentences("He said the talks \"produced very concrete achievements.\" Then he left."),
        [
            "He said the talks \"produced very concrete achievements.\"",
            "Then he left."
        ]
    );
}

#[test]
fn spans_are_exact() {
    let text = "  Title\n\nOne. Two?\n";
    let mut doc = ingest(None, text.to_owned()).unwrap();
    segment(&mut doc);
    for s in &doc.sentences {
        assert_eq!(&text[s.start..s.end], s.text);
    }
    assert_eq!(doc.sentences.len(), 3);
    assert_eq!(split("a. b"), ["a. b"]);
}

/// Sentences are in order, trimmed, on character boundaries, and together
/// with the whitespace between them cover the whole range.
fn check_invariants(text: &str) {
    let spans = split_sentences(text, 0..text.len());
    let mut cursor = 0;
    for r in &spans {
        assert!(
            cursor <= r.start && r.start < r.end,
            "{spans:?} in {text:?}"
        );
        let gap = text.get(cursor..r.start).expect("char boundary");
        assert!(gap.trim().is_empty(), "uncovered {gap:?} in {text:?}");
        let s = text.get(r.clone()).expect("char boundary");
        assert_eq!(s, s.trim(), "untrimmed {s:?}");
        cursor = r.end;
    }
    assert!(
        text[cursor..].trim().is_empty(),
        "uncovered tail in {text:?}"
    );
}

#[test]
fn random_text_keeps_the_span_invariants() {
    const PIECES: &[&str] = &[
        "a", "Mr", "U.S", "I", "1", "12", "x", "The", ".", ".", ".", "!", "?", "…", "\"", "”", "“",
        "'", "’", "(", ")", "[", "]", " ", " ", " ", "\n", "\n", "\r", "\r\n", "\t", "\u{a0}",
        "\u{2028}", "\u{3000}", "é", "Ω", "日本", "🙂", "e\u{301}", "•", "⁃", "-", "—", ":", ";",
        ",", "$", "°", "\0", "\u{7f}", "\u{feff}", "a.m", "Sept", "Fla", "。", "！", "？", "」",
        "「", "，", "中文",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize % n
    };
    for _ in 0..20_000 {
        let len = next(40);
        let text: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
        check_invariants(&text);
    }
}

#[test]
fn sub_ranges_stay_inside_the_range() {
    let text = "Intro. Watch CBS News\nBody text here. More.";
    let spans = split_sentences(text, 7..21);
    assert_eq!(
        spans.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
        ["Watch CBS News"]
    );
}

/// The time `split_sentences` takes on `text`, `reps` times over.
fn time_split(text: &str, reps: u32) -> Duration {
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(split_sentences(std::hint::black_box(text), 0..text.len()));
    }
    t.elapsed()
}

/// An input made to a size in bytes (about).
type MakeInput = fn(usize) -> String;

/// Inputs that would take quadratic time if any look-around were unbounded.
///
/// Growth, not a time limit: a limit fails on a busy machine and is loose
/// enough to let a slowdown through. Each input is timed at n and 4n bytes:
/// linear work takes about 4 times as long at 4n, quadratic 16 times; 8
/// separates them with room for noise. Each timing is short (a tenth of a
/// millisecond for n, repeated as often as that takes) and the fastest of
/// many, interleaved: on a loaded machine a short window often runs
/// uninterrupted and a long one never does (windows of 2 and 20 ms gave 10
/// for linear work here). n stays small too: with 4n beyond the level-2
/// cache the larger input runs at memory speed, the smaller at cache speed.
#[test]
fn pathological_inputs_take_linear_time() {
    const RUNS: usize = 31;
    const MEASURABLE: Duration = Duration::from_micros(100);
    const MAX_N: usize = 64 << 10;
    let cases: Vec<(&str, MakeInput)> = vec![
        ("letters", |n| "a".repeat(n)),
        ("spaces", |n| " ".repeat(n)),
        ("line feeds", |n| "\n".repeat(n)),
        ("quotation marks", |n| {
            "\"".repeat(n / 2) + ". A" + &"”".repeat(n / 6)
        }),
        ("period space", |n| ". ".repeat(n / 2)),
        ("letter period", |n| "a.".repeat(n / 2)),
        ("Mr.", |n| "Mr. ".repeat(n / 4)),
        ("!?", |n| "!?".repeat(n / 2)),
        ("periods", |n| ".".repeat(n)),
        ("list numbers", |n| "1. ".repeat(n / 3)),
        ("CJK full stops", |n| "。".repeat(n / 3)),
        ("CJK stop and bracket", |n| "。」".repeat(n / 6)),
        ("CJK bang and comma", |n| "！，".repeat(n / 6)),
        ("CJK character and stop", |n| "字。".repeat(n / 6)),
        ("numbered items", |n| "1. a 2. b ".repeat(n / 10)),
        ("bullets", |n| "• ".repeat(n / 4)),
        ("ellipses", |n| "\u{2026}".repeat(n / 3)),
        ("short lines", |n| "A\n".repeat(n / 2)),
        ("one long clause", |n| "word, ".repeat(n / 6) + "\nNext"),
        ("short quoted questions", |n| "\"Why?\" ".repeat(n / 8)),
    ];
    for (name, make) in cases {
        let mut n = 1024;
        while n < MAX_N && time_split(&make(n), 1) < MEASURABLE {
            n *= 4;
        }
        let (small, large) = (make(n), make(4 * n));
        let once = time_split(&small, 1).max(Duration::from_micros(1));
        let reps = (MEASURABLE.as_nanos() / once.as_nanos()).clamp(1, 10_000) as u32;
        let (mut t_small, mut t_large) = (Duration::MAX, Duration::MAX);
        for _ in 0..RUNS {
            t_small = t_small.min(time_split(&small, reps));
            t_large = t_large.min(time_split(&large, reps));
        }
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
        assert!(
            ratio < 8.0,
            "{name}: {} bytes took {t_large:?}, {} bytes {t_small:?} ({reps} runs each): \
             {ratio:.1} times as long",
            large.len(),
            small.len()
        );
        check_invariants(&large);
    }
}

#[test]
fn a_word_with_decomposed_accents_ends_a_sentence_like_its_precomposed_form() {
    // A single letter with an accent is no initial ("E." is one): the
    // combining mark of its decomposed form (NFD) counts as part of the word.
    for nfc in [
        "The prize went to \u{c9}. The crowd cheered.",
        "They met Jos\u{e9}. Then they left.",
        "It cost 5 \u{e9}. Nobody paid.",
    ] {
        let nfd = nfc
            .replace('\u{c9}', "E\u{301}")
            .replace('\u{e9}', "e\u{301}");
        let expected: Vec<String> = split(nfc)
            .iter()
            .map(|s| {
                s.replace('\u{c9}', "E\u{301}")
                    .replace('\u{e9}', "e\u{301}")
            })
            .collect();
        assert_eq!(split(&nfd), expected, "{nfd:?}");
    }
}

#[test]
fn cjk_full_stops_end_sentences_without_a_space() {
    assert_eq!(
        split("北京今天下雨。会议推迟了！你去吗？我不去。"),
        ["北京今天下雨。", "会议推迟了！", "你去吗？", "我不去。"]
    );
    // Closing quotes and brackets stay with their sentence; a run of stops is one end.
    assert_eq!(
        split("他说：“我们会赢。”她笑了。「真的吗？！」（是的。）好。"),
        [
            "他说：“我们会赢。”",
            "她笑了。",
            "「真的吗？！」",
            "（是的。）",
            "好。"
        ]
    );
    // Japanese, and a space or line break after the stop.
    assert_eq!(
        split("今日は雨です。 明日は晴れ。\n次の文。"),
        ["今日は雨です。", "明日は晴れ。", "次の文。"]
    );
}

#[test]
fn a_comma_after_a_cjk_quote_runs_on() {
    assert_eq!(
        split("“好！”，他说。然后走了。"),
        ["“好！”，他说。", "然后走了。"]
    );
}

#[test]
fn other_characters_of_the_same_lead_bytes_do_not_split() {
    // U+3001 (、), U+FF0C (，), kana and fullwidth letters share 0xE3/0xEF
    // lead bytes with the full stops; a BOM-like U+FEFF too.
    let text = "東京、大阪，ＡＢＣ。カタカナ\u{feff}です。";
    assert_eq!(
        split(text),
        ["東京、大阪，ＡＢＣ。", "カタカナ\u{feff}です。"]
    );
    check_invariants(text);
    check_invariants("。");
    check_invariants("！？。」』");
    check_invariants("a。b");
}

#[test]
fn the_brand_yahoo_ends_no_sentence_with_its_mark() {
    assert_eq!(
        split("Lee told Yahoo! News that he would run. He left. They cheered! Then they left."),
        [
            "Lee told Yahoo! News that he would run.",
            "He left.",
            "They cheered!",
            "Then they left."
        ]
    );
}
