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

/// Inputs that would take quadratic time if any look-around were unbounded.
#[test]
fn pathological_inputs_take_linear_time() {
    // 5 MB for the line without punctuation, 1 MB for the rest: enough for
    // quadratic work to show, small enough for an unoptimised test build.
    let big = 1024 * 1024;
    let cases: Vec<String> = vec![
        "a".repeat(5 * big),
        " ".repeat(big),
        "\n".repeat(big / 4),
        "\"".repeat(100_000) + ". A" + &"”".repeat(100_000),
        ". ".repeat(big / 2),
        "a.".repeat(big / 2),
        "Mr. ".repeat(big / 4),
        "!?".repeat(big / 2),
        ".".repeat(big),
        "1. ".repeat(big / 3),
        "1. a 2. b ".repeat(big / 10),
        "• ".repeat(big / 4),
        "\u{2026}".repeat(big / 3),
        "A\n".repeat(big / 2),
        "word, ".repeat(big / 6) + "\nNext",
        "\"Why?\" ".repeat(big / 8),
        "。".repeat(big / 3),
        "。」".repeat(big / 6),
        "！，".repeat(big / 6),
        "字。".repeat(big / 6),
    ];
    for text in &cases {
        let t = std::time::Instant::now();
        check_invariants(text);
        assert!(
            t.elapsed().as_secs() < 10,
            "{:?}… took {:?}",
            &text[..12],
            t.elapsed()
        );
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
