//! Articles in other languages (issue 17): the language is detected and
//! carried in the JSON, so that callers can say that attribution is
//! English-only; what does not depend on the language (spans, sentences at
//! `。！？`, the headline) still works.

#[path = "support/invariants.rs"]
mod invariants;

use invariants::analyze_and_check;
use newsdigest::ingest::language;
use newsdigest::Document;

const GERMAN: &str = "Stadtrat beschließt neuen Radweg am Fluss\n\n\
    Der Stadtrat hat am Dienstagabend mit knapper Mehrheit beschlossen, einen neuen Radweg \
    entlang des Flussufers zu bauen. Die Arbeiten sollen im Frühjahr beginnen.\n\n\
    „Wir haben lange genug darüber gesprochen“, sagte die Bürgermeisterin nach der Sitzung. \
    Kritiker befürchten dagegen, dass die Kosten deutlich höher ausfallen werden als geplant.\n";

const FRENCH: &str = "La mairie rouvre la piscine municipale\n\n\
    Après deux ans de travaux, la piscine municipale rouvrira ses portes samedi prochain. \
    Les habitants pourront de nouveau nager dans le grand bassin extérieur pendant tout l'été.\n\n\
    « Nous attendions ce moment depuis longtemps », a déclaré l'adjointe chargée des sports.\n";

const CHINESE: &str = "市政府宣布扩建图书馆\n\n\
    市政府周二宣布，将在明年扩建中央图书馆。新馆将增加三千个座位！\
    负责该项目的官员说：“我们希望每个孩子都能找到安静的学习空间。”\
    工程何时开始？预计在春季。\n";

const ENGLISH: &str = "Council Approves New Bike Path\n\n\
    The city council voted on Tuesday to build a bike path along the river. \
    \"We have talked about this for long enough,\" the mayor said after the meeting. \
    Work is expected to begin in the spring.\n";

fn analyze(text: &str) -> Document {
    analyze_and_check(text).expect("an article")
}

#[test]
fn the_language_of_each_article_is_detected() {
    for (text, code, name) in [
        (GERMAN, "deu", "German"),
        (FRENCH, "fra", "French"),
        (CHINESE, "cmn", "Mandarin"),
        (ENGLISH, "eng", "English"),
    ] {
        let doc = analyze(text);
        assert_eq!(doc.language(), Some(code), "{text}");
        assert_eq!(doc.is_english(), code == language::ENGLISH);
        let other = doc.other_language();
        assert_eq!(other, (code != language::ENGLISH).then_some(code));
        assert_eq!(language::name(code), Some(name));
    }
}

#[test]
fn a_text_too_short_to_tell_has_no_language_and_no_notice() {
    let doc = analyze("Talks resume.");
    assert_eq!(doc.language(), None);
    assert!(!doc.is_english());
    assert_eq!(doc.other_language(), None);
}

#[test]
fn the_json_carries_the_language_and_reads_documents_without_it() {
    let doc = analyze(GERMAN);
    let json: serde_json::Value = serde_json::from_str(&newsdigest::render::json(&doc)).unwrap();
    assert_eq!(json["language"], "deu");
    let short = analyze("Talks resume.");
    let json: serde_json::Value =
        serde_json::from_str(&newsdigest::render::json_line(&short)).unwrap();
    assert!(json["language"].is_null());
    // A line written before the field existed still renders.
    let mut old = serde_json::to_value(&doc).unwrap();
    old.as_object_mut().unwrap().remove("language");
    let line = format!("{}\n", serde_json::to_string(&old).unwrap());
    let newsdigest::batch::OutputLine::Record(record) =
        newsdigest::batch::OutputLine::parse(line.as_bytes()).unwrap()
    else {
        panic!("a document line reads as a record");
    };
    let entry = newsdigest::render::Entry::from_record(&record, 0);
    assert_eq!(entry.title, "Stadtrat beschließt neuen Radweg am Fluss");
}

#[test]
fn chinese_sentences_end_at_full_stops_and_the_headline_is_the_title() {
    let doc = analyze(CHINESE);
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("市政府宣布扩建图书馆")
    );
    let sentences: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        sentences,
        [
            "市政府宣布扩建图书馆",
            "市政府周二宣布，将在明年扩建中央图书馆。",
            "新馆将增加三千个座位！",
            "负责该项目的官员说：“我们希望每个孩子都能找到安静的学习空间。”",
            "工程何时开始？",
            "预计在春季。",
        ]
    );
}

#[test]
fn german_and_french_sentences_and_headlines_are_found() {
    let doc = analyze(GERMAN);
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("Stadtrat beschließt neuen Radweg am Fluss")
    );
    assert_eq!(doc.sentences.len(), 5);
    assert!(doc.sentences[3].text.starts_with("„Wir haben lange genug"));
    let doc = analyze(FRENCH);
    assert_eq!(doc.sentences.len(), 4);
    assert!(doc.sentences[3].text.starts_with("« Nous attendions"));
}

#[test]
fn detection_reads_a_bounded_sample() {
    // A long article in one language with a long tail in another: the
    // start decides, and the time does not grow with the length.
    let text = format!("{}\n{}", GERMAN.repeat(40), ENGLISH.repeat(20_000));
    let t = std::time::Instant::now();
    assert_eq!(language::detect(&text), Some("deu"));
    assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
}

/// The quotes of `doc`: content text, and whether a cue or source was given.
fn quotes(doc: &Document) -> Vec<(&str, bool)> {
    doc.quotes
        .iter()
        .map(|q| {
            (
                q.content.text.as_str(),
                q.cue.is_some() || q.source.is_some() || q.speaker.is_some(),
            )
        })
        .collect()
}

#[test]
fn direct_quotes_in_each_language_s_own_marks_are_found_without_an_english_cue() {
    assert_eq!(
        quotes(&analyze(GERMAN)),
        [("„Wir haben lange genug darüber gesprochen“", false)]
    );
    // English cues misread French ("tout l'été" as an indirect quote):
    // another language gets only what its marks show.
    assert_eq!(
        quotes(&analyze(FRENCH)),
        [("« Nous attendions ce moment depuis longtemps »", false)]
    );
    let chinese =
        format!("{CHINESE}另一位官员表示「我们会尽快完成这项工程」。所谓“智慧馆”是新名字。\n");
    assert_eq!(
        quotes(&analyze(&chinese)),
        [
            ("“我们希望每个孩子都能找到安静的学习空间。”", false),
            ("「我们会尽快完成这项工程」", false)
        ]
    );
    for text in [GERMAN, FRENCH, CHINESE] {
        let doc = analyze(text);
        assert!(doc.speakers.is_empty());
        assert!(doc
            .quotes
            .iter()
            .all(|q| q.kind == newsdigest::QuoteKind::Direct));
    }
}

#[test]
fn english_and_undetermined_texts_keep_english_attribution() {
    // The pipeline's attribution of an English text, or of one too short
    // to tell, is the attribute stage's, unchanged.
    for text in [ENGLISH, "\"We agreed,\" Tang said."] {
        let doc = analyze(text);
        let mut plain = newsdigest::ingest::ingest(None, text.into()).unwrap();
        newsdigest::segment::segment(&mut plain);
        newsdigest::attribute::attribute(&mut plain);
        assert_eq!(doc.quotes, plain.quotes, "{text}");
        assert_eq!(doc.speakers, plain.speakers, "{text}");
        assert!(doc.quotes.iter().any(|q| q.speaker.is_some()), "{text}");
    }
}
