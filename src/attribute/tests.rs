use super::*;
use crate::document::{Quote, QuoteKind, SpeakerKind};
use crate::{ingest::ingest, segment::segment};

pub(super) fn run(text: &str) -> Document {
    let mut doc = ingest(None, text.to_owned()).unwrap();
    segment(&mut doc);
    attribute(&mut doc);
    doc
}

fn speaker_of<'a>(doc: &'a Document, q: &Quote) -> &'a str {
    &doc.speaker(q.speaker.as_deref().unwrap()).unwrap().name
}

/// The speaker of the first quote whose source is `source` ("he").
fn speaker_of_source<'a>(doc: &'a Document, source: &str) -> &'a str {
    let q = doc
        .quotes
        .iter()
        .find(|q| q.source.as_ref().is_some_and(|s| s.text == source))
        .unwrap_or_else(|| panic!("no quote with the source {source:?}"));
    speaker_of(doc, q)
}

#[test]
fn direct_quote_with_trailing_attribution() {
    let doc = run(
        "Title\n\n\"We have decided to resume dialogue,\" Tang said. \"It went well,\" he said.",
    );
    assert_eq!(doc.quotes.len(), 2);
    let q = &doc.quotes[0];
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.content.text, "\"We have decided to resume dialogue,\"");
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    assert_eq!(q.source.as_ref().unwrap().text, "Tang");
    assert_eq!(
        doc.quotes[1].speaker, q.speaker,
        "the pronoun resolves to Tang"
    );
}

#[test]
fn inverted_and_leading_attribution() {
    let doc = run("\"Yes, we will,\" said Jane Doe. Smith told reporters: \"No, we won't.\"");
    assert_eq!(doc.quotes[0].source.as_ref().unwrap().text, "Jane Doe");
    assert_eq!(doc.quotes[1].source.as_ref().unwrap().text, "Smith");
    assert_eq!(doc.quotes[1].content.text, "\"No, we won't.\"");
    assert_eq!(doc.speakers.len(), 2);
}

#[test]
fn indirect_mixed_and_according_to() {
    let doc = run("Title\n\nThe minister said that talks would resume soon. He said the talks “produced very concrete achievements.” According to Reuters, the deal is done. Prices will rise, analysts said.");
    let kinds: Vec<_> = doc
        .quotes
        .iter()
        .map(|q| (q.kind, q.content.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (QuoteKind::Indirect, "that talks would resume soon"),
            (
                QuoteKind::Mixed,
                "the talks “produced very concrete achievements.”"
            ),
            (QuoteKind::Indirect, "the deal is done"),
            (QuoteKind::Indirect, "Prices will rise"),
        ]
    );
    assert_eq!(speaker_of(&doc, &doc.quotes[3]), "analysts");
    assert_eq!(
        doc.speaker(doc.quotes[2].speaker.as_deref().unwrap())
            .unwrap()
            .kind,
        SpeakerKind::Organization
    );
}

#[test]
fn apposition_and_relative_sources() {
    let doc = run("Title\n\nTang, the foreign minister, said relations were improving. Critics include Chris Christie, who says the plan will fail.");
    assert_eq!(
        doc.quotes[0].source.as_ref().unwrap().text,
        "Tang, the foreign minister,"
    );
    let tang = doc
        .speaker(doc.quotes[0].speaker.as_deref().unwrap())
        .unwrap();
    assert_eq!(tang.name, "Tang");
    assert_eq!(tang.descriptions, ["the foreign minister"]);
    assert_eq!(speaker_of(&doc, &doc.quotes[1]), "Chris Christie");
}

#[test]
fn a_name_with_its_party_and_state_then_an_apposition() {
    // The parenthesis stood between the name and the apposition's comma,
    // and no source was found, so the report was lost.
    let doc =
        run("Title\n\nRep. Jane Roe (D-Calif.), a longtime critic, said the bill would fail.");
    assert_eq!(
        triples(&doc),
        [(
            Some("Rep. Jane Roe (D-Calif.), a longtime critic,"),
            "said",
            "the bill would fail"
        )]
    );
    assert_eq!(speaker_of(&doc, &doc.quotes[0]), "Jane Roe");
}

#[test]
fn an_inverted_source_keeps_its_party_tag_and_apposition() {
    let doc = run("Title\n\n“The harbor is safe,” said Sen. Jane Roe (D-Conn.), a longtime critic.\n\n“The vote was rigged,” said Rep. Lee Park (R-Ohio).");
    assert_eq!(
        sources(&doc),
        [
            Some("Sen. Jane Roe (D-Conn.), a longtime critic"),
            Some("Rep. Lee Park (R-Ohio)")
        ]
    );
    assert_eq!(speaker_names(&doc), ["Jane Roe", "Lee Park"]);
}

#[test]
fn a_source_ends_where_the_annotations_end_it() {
    // A contracted verb is not part of its pronoun, and a participle after
    // an inverted name opens the next report, not an apposition.
    let doc = run("Title\n\nJane Roe spoke on Monday. She’s said that the plan will fail.\n\n“The harbor is safe,” said Lee Park, adding that he would vote no.");
    assert_eq!(
        sources_and_contents(&doc),
        [
            (Some("She"), "that the plan will fail"),
            (Some("Lee Park"), "“The harbor is safe,”"),
            (Some("Lee Park"), "that he would vote no."),
        ]
    );
}

#[test]
fn according_to_ends_the_report_before_it() {
    // Neither report takes the "according to" phrase or the relative
    // clause on its source.
    let doc = run("Title\n\nThe group has previously called for attacks using trucks, according to the monitoring service, which tracks extremist posts.\n\nFact-checkers soon noted that the figure was wrong.\n\nRepublicans also denounced the deal, which would cut the rate to 17 percent, according to Harbor Analytics, a research firm.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("the monitoring service"),
                "according to",
                "The group has previously called for attacks using trucks"
            ),
            (
                Some("The group"),
                "has previously called",
                "attacks using trucks"
            ),
            (
                Some("Fact-checkers"),
                "soon noted",
                "that the figure was wrong"
            ),
            (
                Some("Harbor Analytics, a research firm"),
                "according to",
                "Republicans also denounced the deal, which would cut the rate to 17 percent"
            ),
            (
                Some("Republicans"),
                "also denounced",
                "the deal, which would cut the rate to 17 percent"
            ),
        ]
    );
}

#[test]
fn a_raising_verb_hedges_the_subject_s_own_report() {
    // Before a reporting verb, "seemed to" hedges the subject's report
    // (the subject is its source, the hedge part of its cue); before "be"
    // it is the reporter's sourceless judgement.
    let doc = run("Title\n\nRoe seemed to blame the council for the delays.\n\nLee did not appear to imply that the plan would fail.\n\nThe mayor appeared to be shrinking from the fight.\n\nPark went on to say that the vote was rigged.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "seemed to blame", "the council for the delays"),
            (
                Some("Lee"),
                "did not appear to imply",
                "that the plan would fail"
            ),
            (
                None,
                "appeared",
                "The mayor appeared to be shrinking from the fight"
            ),
            (Some("Park"), "went on to say", "that the vote was rigged"),
        ]
    );
}

#[test]
fn a_long_clausal_apposition_or_a_party_tag_before_the_comma_keeps_the_source() {
    // Both reports were lost: no source was found before "said".
    let doc = run("Title\n\nRich Heffley, a top operative who played a major role in the 2008 race and is now running the early-vote effort in the state, said the absentee program is critical.\n\nOn Tuesday, after winning the primary, Gov. Jane Roe (R-Ohio), said, “We are ready.”");
    assert_eq!(
        sources_and_contents(&doc),
        [
            (
                Some("Rich Heffley, a top operative who played a major role in the 2008 race and is now running the early-vote effort in the state,"),
                "the absentee program is critical"
            ),
            (Some("Gov. Jane Roe (R-Ohio)"), "“We are ready.”"),
        ]
    );
    assert_eq!(speaker_names(&doc), ["Rich Heffley", "Jane Roe"]);
}

#[test]
fn a_quoted_title_before_the_source_is_no_content() {
    // The show's title had been Roe's direct quote, and what she admitted
    // was lost.
    let doc = run("Title\n\nSpeaking Sunday on CBS’s “Harbor Report,” Roe admitted that the figure in her book was wrong, but said her office would correct it.\n\n“We won,” Lee said.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Roe"),
                "admitted",
                "that the figure in her book was wrong"
            ),
            (Some("Roe"), "said", "her office would correct it"),
            (Some("Lee"), "said", "“We won,”"),
        ]
    );
}

#[test]
fn an_inverted_name_may_be_followed_by_when_it_spoke() {
    let doc = run("Title\n\n“That is treason,” said harbor resident Dan Park when asked about the vote.\n\n“We can win,” said Roe as she left the stage.");
    assert_eq!(
        sources_and_contents(&doc),
        [
            (Some("harbor resident Dan Park"), "“That is treason,”"),
            (None, "the vote"),
            (Some("Roe"), "“We can win,”"),
        ]
    );
}

#[test]
fn but_said_after_a_clause_that_reports_nothing_takes_its_subject() {
    let doc = run("Title\n\nCouncilman Dan Park used to back the mayor, but now said the mayor had “lost his way.”");
    assert_eq!(
        triples(&doc),
        [(
            Some("Councilman Dan Park"),
            "now said",
            "the mayor had “lost his way.”"
        )]
    );
}

#[test]
fn a_title_case_headline_may_name_its_source_last() {
    let doc = run("Title\n\nThe Harbor Plan Is Doomed, Jane Roe Says\n\nRoe spoke on Monday.");
    assert_eq!(
        triples(&doc),
        [(Some("Jane Roe"), "Says", "The Harbor Plan Is Doomed")]
    );
}

#[test]
fn a_parenthetical_said_after_an_opening_phrase_joins_both_parts() {
    // The content had been the opening phrase alone ("In the early 1990s").
    let doc = run("Title\n\nIn the early 1990s, Ms. Roe said, the firm was much smaller.\n\nIn Dayton, Lee said, when the plant closed, the town emptied.");
    assert_eq!(
        sources_and_contents(&doc),
        [
            (
                Some("Ms. Roe"),
                "In the early 1990s, Ms. Roe said, the firm was much smaller"
            ),
            (
                Some("Lee"),
                "In Dayton, Lee said, when the plant closed, the town emptied"
            )
        ]
    );
    assert_eq!(
        doc.quotes[0]
            .content_parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>(),
        ["In the early 1990s", "the firm was much smaller"]
    );
}

#[test]
fn a_sourceless_stance_inside_a_report_is_part_of_it() {
    // "is expected" or "was asked" inside what Roe said is part of her
    // report, not the reporter's sourceless stance: one record, not two.
    let doc = run("Title\n\nRoe said that the harbor bill is expected to pass.\n\nLee told reporters that Roe was asked about the plan.\n\nThe harbor talks appear to have stalled.\n\nPark said it seems that the vote was rigged.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Roe"),
                "said",
                "that the harbor bill is expected to pass"
            ),
            (Some("Lee"), "told", "that Roe was asked about the plan"),
            (None, "appear", "The harbor talks appear to have stalled"),
            (Some("Park"), "said", "it seems that the vote was rigged"),
        ]
    );
}

#[test]
fn a_party_and_state_names_no_one() {
    let doc = run("Title\n\nThe senator (R-Texas) said the plan would fail.");
    let id = doc.quotes[0].speaker.as_deref().unwrap();
    let senator = doc.speaker(id).unwrap();
    assert_eq!(senator.name, "senator");
    assert_eq!(senator.descriptions, ["R-Texas"]);
}

#[test]
fn a_nominal_cue_reports_its_object_not_the_sentence_verb() {
    // "was rejected" is what happened to the call, not what Roe called for.
    let doc = run("Title\n\nRoe's call for a recount was rejected.\n\nThe council's criticism of the plan was harsh.");
    let contents: Vec<&str> = doc.quotes.iter().map(|q| q.content.text.as_str()).collect();
    assert_eq!(contents, ["a recount", "the plan"]);
    // A verb inside a clause of the object stays: it is not the
    // sentence's. Nor is "he's" a possessor.
    let doc = run("Title\n\nLee's embrace of her husband's legacy comes after she has spent a year on it.\n\nHe's hoping for a deal he can sign this week.");
    let contents: Vec<&str> = doc.quotes.iter().map(|q| q.content.text.as_str()).collect();
    assert_eq!(
        contents,
        [
            "her husband's legacy comes after she has spent a year on it",
            "a deal he can sign this week"
        ]
    );
}

#[test]
fn title_case_headlines_after_a_plural_subject_keep_their_whole_report() {
    let doc = run("Residents Say Harbor Plan Is Too Costly\n\nThe plan would cost more than expected, officials said.\n\nSenator Urges Vote On Gun Bill\n\nThe bill has stalled.");
    assert_eq!(
        triples(&doc)[..1],
        [(Some("Residents"), "Say", "Harbor Plan Is Too Costly")]
    );
    assert!(
        triples(&doc).contains(&(Some("Senator"), "Urges", "Vote On Gun Bill")),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn put_it_introduces_a_direct_quote() {
    let doc = run("Title\n\nAs the governor put it, “Nobody wins a shutdown.”\n\nRoe put it bluntly: “The plan is dead.”");
    let found: Vec<(QuoteKind, Option<&str>, &str)> = doc
        .quotes
        .iter()
        .map(|q| {
            (
                q.kind,
                q.source.as_ref().map(|s| s.text.as_str()),
                q.content.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                QuoteKind::Direct,
                Some("the governor"),
                "“Nobody wins a shutdown.”"
            ),
            (QuoteKind::Direct, Some("Roe"), "“The plan is dead.”"),
        ]
    );
}

#[test]
fn a_cue_phrase_ending_in_a_colon_introduces_a_quote() {
    let doc = run("Title\n\nThe mayor had a simple message for the council: “Pass the budget or explain yourselves.”\n\nRoe was blunt: “The plan is dead.”\n\nThe rule is simple: “No shirt, no service.”\n\nLee's response: “We will appeal.”");
    let found: Vec<(QuoteKind, Option<&str>, &str, &str)> = doc
        .quotes
        .iter()
        .map(|q| {
            (
                q.kind,
                q.source.as_ref().map(|s| s.text.as_str()),
                q.cue.as_ref().map_or("", |c| c.text.as_str()),
                q.content.text.as_str(),
            )
        })
        .collect();
    // "The rule" names no one, and the phrase says nothing of speech.
    assert_eq!(
        found,
        [
            (
                QuoteKind::Direct,
                Some("The mayor"),
                "had a simple message for the council:",
                "“Pass the budget or explain yourselves.”"
            ),
            (
                QuoteKind::Direct,
                Some("Roe"),
                "was blunt:",
                "“The plan is dead.”"
            ),
            (
                QuoteKind::Direct,
                Some("Lee's"),
                "response:",
                "“We will appeal.”"
            ),
        ]
    );
    assert_eq!(speaker_of(&doc, &doc.quotes[2]), "Lee");
}

#[test]
fn a_content_left_as_a_whole_quotation_is_a_direct_quote() {
    // The rules take "a grim assessment: “…”" after "offered"; the
    // boundary ranker leaves the quotation alone, which is a direct quote.
    let doc = run("Title\n\nThe governor offered a grim assessment: “We are broke.”");
    assert_eq!(doc.quotes.len(), 1);
    assert_eq!(doc.quotes[0].content.text, "“We are broke.”");
    assert_eq!(doc.quotes[0].kind, QuoteKind::Direct);
}

#[test]
fn progressive_reporting_verbs_are_reports() {
    // "is telling" was taken for a passive, which has no source: the
    // report was lost.
    let doc = run("Title\n\nThe mayor is telling voters that the harbor is safe.\n\nRoe was arguing that the plan would fail.");
    assert_eq!(
        triples(&doc),
        [
            (Some("The mayor"), "is telling", "that the harbor is safe"),
            (Some("Roe"), "was arguing", "that the plan would fail"),
        ]
    );
}

#[test]
fn circumstances_after_a_post_posed_said_are_no_content() {
    // "…, Roe said while campaigning" had reported "while campaigning".
    let doc = run("Title\n\nThe harbor plan will fail, Roe said while campaigning in Iowa.\n\nThe vote was rigged, the senator said before introducing the mayor.\n\nIn a statement, the council said in March that the budget was cut.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "said", "The harbor plan will fail"),
            (Some("the senator"), "said", "The vote was rigged"),
            (Some("the council"), "said", "that the budget was cut"),
        ]
    );
}

#[test]
fn an_attitude_adjective_after_be_is_a_stance_of_the_subject() {
    let doc = run("Title\n\nRoe is worried that the vote will be delayed.\n\nAides are confident the plan will pass.\n\nLee has been critical of the harbor budget.\n\nIt is clear that the plan failed.\n\nThe harbor is full of boats.\n\nDiplomats say the mayor is eager to sign the deal.");
    // The diplomats' report holds the mayor's eagerness: their claim, not
    // the mayor's stance.
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "is worried", "that the vote will be delayed"),
            (Some("Aides"), "are confident", "the plan will pass"),
            (Some("Lee"), "has been critical", "the harbor budget"),
            (
                Some("Diplomats"),
                "say",
                "the mayor is eager to sign the deal"
            ),
        ]
    );
}

#[test]
fn a_stance_inside_a_report_is_the_reporter_s_claim() {
    // "she actually thinks …" is part of what Roe says, not a second
    // record that would cut Roe's report short at its comma.
    let doc = run("Title\n\nRoe says that even though she would replace the chief, she actually thinks he has done a fine job.");
    assert_eq!(
        triples(&doc),
        [(
            Some("Roe"),
            "says",
            "that even though she would replace the chief, she actually thinks he has done a fine job"
        )]
    );
}

#[test]
fn a_cue_keeps_its_auxiliaries_and_negation() {
    // A reader of the cue alone must see "didn't say", never "say".
    let doc = run("Title\n\nRoe didn't say whether the plan was dead.\n\nLee has not said when the vote will be held.\n\nThe mayor strongly criticized the harbor plan.");
    let cues: Vec<&str> = doc
        .quotes
        .iter()
        .map(|q| q.cue.as_ref().unwrap().text.as_str())
        .collect();
    assert_eq!(cues, ["didn't say", "has not said", "strongly criticized"]);
}

#[test]
fn dashes_set_off_an_apposition_and_sign_a_quote() {
    let doc = run("Title\n\nRoe — a longtime critic — said the harbor plan was dead.\n\n“We will be back.” — Jane Roe\n\n“It is over” — and the crowd cheered.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Roe — a longtime critic —"),
                "said",
                "the harbor plan was dead"
            ),
            (Some("Jane Roe"), "—", "“We will be back.”"),
        ]
    );
    // The surname and the signed full name are one speaker.
    assert_eq!(speaker_of(&doc, &doc.quotes[0]), "Jane Roe");
}

/// Each quote's source, as text.
fn sources(doc: &Document) -> Vec<Option<&str>> {
    doc.quotes
        .iter()
        .map(|q| q.source.as_ref().map(|s| s.text.as_str()))
        .collect()
}

/// Each quote's source and content, as text.
fn sources_and_contents(doc: &Document) -> Vec<(Option<&str>, &str)> {
    doc.quotes
        .iter()
        .map(|q| {
            (
                q.source.as_ref().map(|s| s.text.as_str()),
                q.content.text.as_str(),
            )
        })
        .collect()
}

/// The names of the document's speakers.
fn speaker_names(doc: &Document) -> Vec<&str> {
    doc.speakers.iter().map(|s| s.name.as_str()).collect()
}

pub(super) fn triples(doc: &Document) -> Vec<(Option<&str>, &str, &str)> {
    doc.quotes
        .iter()
        .map(|q| {
            (
                q.source.as_ref().map(|s| s.text.as_str()),
                q.cue.as_ref().unwrap().text.as_str(),
                q.content.text.as_str(),
            )
        })
        .collect()
}

#[test]
fn coordinated_reports_long_subjects_and_sourceless_stances() {
    let doc = run("Title\n\nChris Christie appeared to end his bid.\n\nPaul Begala, a former adviser to Mr. Clinton and a friend of the couple, said the campaign was over.\n\nMr. Obama said the deal was good and praised the negotiators.");
    assert_eq!(
        triples(&doc),
        [
            (None, "appeared", "Chris Christie appeared to end his bid"),
            (
                Some("Paul Begala, a former adviser to Mr. Clinton and a friend of the couple,"),
                "said",
                "the campaign was over"
            ),
            (Some("Mr. Obama"), "said", "the deal was good"),
            (Some("Mr. Obama"), "praised", "the negotiators"),
        ]
    );
}

#[test]
fn windows_change_nothing() {
    let paragraphs = [
        "\u{201c}We agreed,\u{201d} Tang said.",
        "Sen. Bernie Sanders said the plan was dead. He told reporters:",
        "\u{201c}It is over and done with, for now.\u{201d}",
        "Christie, who said the deal was bad, appeared to end his bid.",
        "The talks, according to officials, went on for hours.",
        "Trump said he would win. \u{201c}Big,\u{201d} he said.",
        "\u{201c}We will talk,\u{201d} said a U.S. official.",
        "The talks went on.",
        "\"It continues here,\" she said, adding that more was to come.",
        "Tang said the talks would resume, and Perry said they would not.",
    ];
    // Paragraphs in many orders, cut at every safe place and not at all.
    let mut seed: u64 = 1;
    for _ in 0..20 {
        let mut text = String::new();
        for _ in 0..40 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let r = (seed >> 33) as usize;
            text.push_str(paragraphs[r % paragraphs.len()]);
            text.push_str(if r.is_multiple_of(5) { "\n" } else { "\n\n" });
        }
        let mut doc = ingest(None, text.clone()).unwrap();
        segment(&mut doc);
        let cut = windows::windows(&text, &doc.paragraphs, &Sentences::of(&doc), 0).len();
        assert!(cut > 5, "{cut} windows");
        let mut whole = doc.clone();
        attribute_in_windows(&mut whole, CueModel::builtin(), usize::MAX);
        attribute_in_windows(&mut doc, CueModel::builtin(), 0);
        assert!(!whole.quotes.is_empty());
        assert_eq!(doc.quotes, whole.quotes);
        assert_eq!(doc.speakers, whole.speakers);
    }
}

#[test]
fn pathological_inputs_stay_linear_and_safe() {
    let marks = "\"".repeat(100_000);
    let doc = run(&marks);
    assert!(doc.quotes.len() <= 1);
    // Linearity itself is measured by scripts/bench_bounds, not timed here.
    let long = "word said ".repeat(50_000);
    let doc = run(&long);
    for q in &doc.quotes {
        assert_eq!(&doc.text[q.content.start..q.content.end], q.content.text);
    }
    for s in [
        "“",
        "”‘’'\"",
        "é said “x",
        "a: b c d",
        "According to",
        "said,",
        "— said “",
    ] {
        run(s);
    }
}

#[test]
fn agentive_passives_never_quote_the_by_phrase() {
    let doc = run("Title\n\nThe plan was announced Wednesday by China's foreign minister and confirmed by U.S. officials.\n\nThe deal was approved by the board and signed by the mayor.");
    for q in &doc.quotes {
        assert!(
            !q.content.text.starts_with("by "),
            "a quote of the agent: {q:?}"
        );
    }
    let plan: Vec<_> = doc
        .quotes
        .iter()
        .filter(|q| q.content.text == "The plan")
        .collect();
    assert!(!plan.is_empty());
    // Each record of the plan has its own source: the minister, or the
    // officials, never the minister for the officials' part.
    for q in &plan {
        let source = q.source.as_ref().unwrap().text.as_str();
        let cue = q.cue.as_ref().unwrap().text.as_str();
        // The cue holds its auxiliary ("was announced").
        match cue.rsplit(' ').next().unwrap() {
            "announced" => assert_eq!(source, "China's foreign minister"),
            "confirmed" => assert_eq!(source, "U.S. officials"),
            other => panic!("cue {other:?}"),
        }
    }
}

#[test]
fn coordinated_sources_are_several_speakers_of_one_quote() {
    let doc = run("Title Here\n\nSanders and Clinton said the debate was fair. Both Mr. Lee and Mr. Park said the vote would be close. The Policy Institute and the Budget Center said costs would rise.");
    let q = &doc.quotes[0];
    let names: Vec<&str> = q
        .speakers
        .iter()
        .map(|id| doc.speaker(id).unwrap().name.as_str())
        .collect();
    assert_eq!(names, ["Sanders", "Clinton"]);
    assert_eq!(q.speaker.as_deref(), Some(q.speakers[0].as_str()));
    let names: Vec<&str> = doc.quotes[1]
        .speakers
        .iter()
        .map(|id| doc.speaker(id).unwrap().name.as_str())
        .collect();
    assert_eq!(names, ["Lee", "Park"]);
    assert_eq!(doc.quotes[2].speakers.len(), 2, "{:?}", doc.quotes[2]);
    // One speaker: no list.
    let doc =
        run("Title Here\n\nThe Center for Economic and Policy Research said costs would rise.");
    assert!(doc.quotes[0].speakers.is_empty());
    assert_eq!(doc.speakers.len(), 1);
}

#[test]
fn listed_and_described_speakers_are_all_named() {
    let names = |doc: &Document, q: &Quote| -> Vec<String> {
        q.speakers
            .iter()
            .map(|id| doc.speaker(id).unwrap().name.clone())
            .collect()
    };
    for (text, source, speakers) in [
        (
            "Ann Roe, a Democrat, and Tom Lee, a Republican, said the count was wrong.",
            "Ann Roe, a Democrat, and Tom Lee, a Republican,",
            &["Ann Roe", "Tom Lee"][..],
        ),
        (
            "Ann Roe, a nurse, and her brother said the clinic had closed.",
            "Ann Roe, a nurse, and her brother",
            &["Ann Roe", "her brother"][..],
        ),
        (
            "Roe, Lee and Park said the count was wrong.",
            "Roe, Lee and Park",
            &["Roe", "Lee", "Park"][..],
        ),
        (
            "“The count was wrong,” Ann Roe, a Democrat, and Tom Lee, a Republican, said.",
            "Ann Roe, a Democrat, and Tom Lee, a Republican,",
            &["Ann Roe", "Tom Lee"][..],
        ),
    ] {
        let doc = run(&format!("Title Here\n\n{text}"));
        let q = &doc.quotes[0];
        assert_eq!(q.source.as_ref().unwrap().text, source, "{text}");
        assert_eq!(names(&doc, q), speakers, "{text}");
    }
    // An object before ", and", or an opening adverb, is no speaker.
    for (text, source) in [
        (
            "He met Ann Roe, a Democrat, and Lee said the talks went well.",
            "Lee",
        ),
        (
            "Afterward, Roe and Lee said the count was wrong.",
            "Roe and Lee",
        ),
        (
            "In Ohio, Roe and Lee said the count was wrong.",
            "Roe and Lee",
        ),
    ] {
        let doc = run(&format!("Title Here\n\n{text}"));
        assert_eq!(
            doc.quotes[0].source.as_ref().unwrap().text,
            source,
            "{text}"
        );
    }
}

#[test]
fn headline_words_are_no_speakers() {
    let doc = run("Talks Stall Again\n\nTalks between the two sides stalled on Friday, officials said. \"We will return,\" Tang said.");
    let names = speaker_names(&doc);
    assert!(!names.iter().any(|n| n.contains("Talks")), "{names:?}");
    // A headline quote by someone the article names again keeps its speaker.
    let doc = run("Sanders: Endorsements prove Clinton is the establishment.\n\nSanders said on Monday that the endorsements were no surprise.");
    assert!(doc.speakers.iter().any(|s| s.name == "Sanders"));
    assert!(doc
        .quotes
        .iter()
        .filter(|q| q.speaker.is_some())
        .all(|q| speaker_of(&doc, q) == "Sanders"));
}

#[test]
fn two_people_sharing_a_surname_stay_apart() {
    let doc = run("Title\n\nBill Clinton said the economy was strong. Hillary Clinton said the plan was sound. Mrs. Clinton said it would pass.");
    let names = speaker_names(&doc);
    assert_eq!(names, ["Bill Clinton", "Hillary Clinton"]);
    assert_eq!(doc.quotes[1].speaker, doc.quotes[2].speaker);
}

#[test]
fn content_spans_follow_the_corpus_conventions() {
    // PolNeAR puts the complementiser inside the content, and the cue's
    // preposition outside it; an infinitive's "to" stays in.
    let doc = run("Title\n\nThe mayor said on Friday that the bridge would reopen in May. The council warned about the rising costs of the repairs. The governor promised to cut the tolls next year.");
    let contents: Vec<_> = doc.quotes.iter().map(|q| q.content.text.as_str()).collect();
    assert!(
        contents.contains(&"that the bridge would reopen in May"),
        "{contents:?}"
    );
    assert!(
        contents.contains(&"the rising costs of the repairs"),
        "{contents:?}"
    );
    assert!(
        contents.contains(&"to cut the tolls next year"),
        "{contents:?}"
    );
}

#[test]
fn an_inverted_source_keeps_its_closing_apposition() {
    let doc = run("Title\n\n“The budget is a fiction,” said Ana Ruiz, a professor of economics at the state university.\n\n“It will pass,” said Tom Baker, who chairs the committee, adding that the vote was close.");
    let first = &doc.quotes[0];
    assert_eq!(
        first.source.as_ref().unwrap().text,
        "Ana Ruiz, a professor of economics at the state university"
    );
    assert_eq!(speaker_of(&doc, first), "Ana Ruiz");
    // Another cue follows: the apposition ends before it, never taking
    // in what the speaker added (with its closing comma, as marked).
    let second = doc
        .quotes
        .iter()
        .find(|q| q.content.text.contains("It will pass"))
        .unwrap();
    assert_eq!(
        second.source.as_ref().unwrap().text,
        "Tom Baker, who chairs the committee,"
    );
}

#[test]
fn an_adverbial_opener_is_no_part_of_the_source() {
    let doc = run("Title\n\nSpeaking in Maplewood, Doe, without naming him, also accused Roe of lying. At a rally in Springfield on Monday, the senator said taxes would fall.");
    let sources: Vec<&str> = doc
        .quotes
        .iter()
        .filter_map(|q| q.source.as_ref().map(|s| s.text.as_str()))
        .collect();
    assert!(sources.contains(&"Doe, without naming him,"), "{sources:?}");
    assert!(sources.contains(&"the senator"), "{sources:?}");
    let names = speaker_names(&doc);
    assert!(names.contains(&"Doe"), "{names:?}");
    assert!(!names.contains(&"Maplewood"), "{names:?}");
    let doe = doc.speakers.iter().find(|s| s.name == "Doe").unwrap();
    assert!(doe.descriptions.is_empty(), "a clause is no description");
    // An agent is no setting: "by Jane Roe, about the war," keeps Roe.
    let doc = run(
        "Title\n\nHis favourite novel, by Jane Roe, about the Harbor War, drove that point home.",
    );
    let names = speaker_names(&doc);
    assert_eq!(names, ["Jane Roe"]);
}

#[test]
fn documents_places_and_clause_words_are_no_speakers() {
    let doc = run("Title\n\nThe survey found that voters were worried. The Charter mandates a vote every year. Vermont and Maine, the two smallest prizes, are not waiting. Question: Will you run again?\n\nPolls in Vermont show Doe ahead, Roe said.");
    let names = speaker_names(&doc);
    for no_one in [
        "survey",
        "Vermont and Maine",
        "Question",
        "Vermont",
        "Polls in Vermont",
    ] {
        assert!(!names.contains(&no_one), "{no_one} in {names:?}");
    }
    assert!(names.contains(&"Roe"), "{names:?}");
}

#[test]
fn title_case_headline_cues() {
    let doc = run("Mayor Doe Slams Harbor Budget Plan\n\nThe harbor lies east of the old town.");
    assert_eq!(
        triples(&doc),
        [(Some("Mayor Doe"), "Slams", "Harbor Budget Plan")]
    );
    let doc = run("Senator Roe Says Taxes Will Rise Next Year\n\nThe vote is due in May.");
    assert_eq!(
        triples(&doc),
        [(Some("Senator Roe"), "Says", "Taxes Will Rise Next Year")]
    );
    // No lexicon verb, or a sentence in ordinary case: no headline cue.
    let doc = run("Mayor Doe Visits The Harbor Museum\n\nThe Harbor Museum Says nothing about it, the guide joked on Friday afternoon in the rain.");
    assert!(
        doc.quotes
            .iter()
            .all(|q| q.cue.as_ref().unwrap().text != "Says"),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn verbless_labels_in_round_ups() {
    let doc = run("Title\n\nJane Doe, Daily Planet: “The debate was a draw.”\n\nJohn Roe, Evening Post: “Nobody won tonight.”");
    assert_eq!(
        triples(&doc),
        [
            (Some("Jane Doe"), ":", "“The debate was a draw.”"),
            (Some("John Roe"), ":", "“Nobody won tonight.”"),
        ]
    );
    // A label with no quotation after it is no attribution.
    let doc = run("Title\n\nJane Doe, Daily Planet: the debate was a draw.");
    assert!(doc.quotes.is_empty(), "{:?}", triples(&doc));
}

#[test]
fn a_quantifier_alone_is_a_source() {
    let doc = run("Title\n\n“The numbers are not good,” one said. “We knew that,” another said.");
    assert_eq!(
        triples(&doc),
        [
            (Some("one"), "said", "“The numbers are not good,”"),
            (Some("another"), "said", "“We knew that,”"),
        ]
    );
    // A numeral inside a phrase stays no source of its own.
    let doc = run("Title\n\nThe vote was one said to be close.");
    assert!(
        doc.quotes
            .iter()
            .all(|q| q.source.as_ref().map(|s| s.text.as_str()) != Some("one")),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn evidential_and_cognition_cues() {
    let doc = run("Title\n\nRecent polls show that the governor has lost ground in the suburbs.\n\nMany residents fear that the mill will close before the winter.\n\nThe mayor hopes the new bridge will open by the summer.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Recent polls"),
                "show",
                "that the governor has lost ground in the suburbs"
            ),
            (
                Some("Many residents"),
                "fear",
                "that the mill will close before the winter"
            ),
            (
                Some("The mayor"),
                "hopes",
                "the new bridge will open by the summer"
            ),
        ]
    );
}

#[test]
fn a_participle_report_takes_the_sentence_subject() {
    let doc = run("Title\n\nThe governor toured the flooded town on Monday, saying the damage was the worst in a century.\n\nMs. Roe spoke for an hour, saying that rents would rise.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("The governor"),
                "saying",
                "the damage was the worst in a century"
            ),
            (Some("Ms. Roe"), "saying", "that rents would rise"),
        ]
    );
}

#[test]
fn a_fronted_setting_is_no_subject_and_a_prepositions_object_no_source() {
    let doc = run("Title\n\nHere in Dayton, Ms. Roe stepped up her attacks, saying the plant would close.\n\nSome residents who were once charmed by Mr. Lee now regard him as a threat.");
    let names: Vec<&str> = doc
        .quotes
        .iter()
        .filter(|q| q.speaker.is_some())
        .map(|q| speaker_of(&doc, q))
        .collect();
    assert!(names.contains(&"Roe"), "{names:?}");
    assert!(
        !names.iter().any(|n| *n == "Here" || n.contains("Lee")),
        "{names:?}"
    );
}

#[test]
fn closed_class_words_are_neither_cues_nor_sources() {
    let doc = run("Title\n\nIn what may be the first time the two parties have ever agreed on anything, the union is calling on the mayor to resign.\n\nIt was the first time Democrats and the Harbor Party had ever agreed on a budget, Ms. Roe said.");
    for q in &doc.quotes {
        let cue = q
            .cue
            .as_ref()
            .map_or(String::new(), |c| c.text.to_lowercase());
        assert!(!matches!(cue.as_str(), "ever" | "once" | "always"), "{q:?}");
        if let Some(source) = &q.source {
            let first = source.text.split_whitespace().next().unwrap_or("");
            assert!(!matches!(first, "ever" | "may" | "have"), "{q:?}");
        }
    }
}

#[test]
fn possessive_roles_are_appositions_and_a_medium_is_no_source() {
    let doc = run("Title\n\n\"It works,\" Jane Roe, Clinton's spokesman, said.\n\n\"It fails,\" Jane Roe, Sanders' spokesman, said.\n\nThe plan would fail, said in a statement the group that ran the harbor.\n\nMSNBC's Alex Doe and Reuters' Lu Park argued that the plan was naive.");
    let sources = sources(&doc);
    assert_eq!(sources[0], Some("Jane Roe, Clinton's spokesman,"));
    assert_eq!(sources[1], Some("Jane Roe, Sanders' spokesman,"));
    assert!(!sources.contains(&Some("in a statement")), "{sources:?}");
    let names = speaker_names(&doc);
    assert!(
        names.contains(&"Alex Doe") && names.contains(&"Lu Park"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains(" and ")), "{names:?}");
}

#[test]
fn sources_with_a_time_adverb_or_a_participle_modifier_are_found() {
    let doc = run("Title\n\n\"I would have been in prison,\" Mr. Lee, now 81 and retired in Maine, said.\n\n\"The message is clear,\" said Phil Doe of digital consulting firm Harbor Media.");
    let sources = sources(&doc);
    assert_eq!(
        sources,
        [
            Some("Mr. Lee, now 81 and retired in Maine,"),
            Some("Phil Doe of digital consulting firm Harbor Media")
        ]
    );
}

#[test]
fn a_single_quote_closing_inside_a_double_of_two_marks_keeps_the_quote() {
    let doc = run("Title\n\n''Voters will not be satisfied with 'We will bomb them,''' said Senator John Doe of Arizona.\n\n''We are told all the time, 'Kosovo is a special case,''' Mr. Lee said. ''It is all lies.''");
    let found = sources_and_contents(&doc);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, Some("Senator John Doe of Arizona"));
    assert!(found[0].1.ends_with("them,'''"), "{found:?}");
    assert_eq!(found[1].0, Some("Mr. Lee"));
    assert_eq!(
        parts(&doc)[1],
        [
            "''We are told all the time, 'Kosovo is a special case,'''",
            "''It is all lies.''"
        ]
    );
}

#[test]
fn sources_with_roles_parties_and_modifiers_are_found_and_named() {
    let doc = run("Title\n\n\"He needs to stop,\" the conservative-leaning newspaper wrote.\n\n\"We did the opposite,\" said the former top aide to President George Doe.\n\n\"The odds are long,\" said one person with knowledge of the dilemma.\n\n\"You need to act,\" Representative Jane Roe, Democrat of Ohio, told the president.\n\n\"We survey advertisers,\" Mr. Mahaney, of Harbor Capital Markets, said.\n\n\"It is inevitable,\" Robert Peck, managing director at Harbor Trust, told me.\n\n\"The odds are even,\" said another leading advocate, Andrew Pincus of the law firm Mayer Brown.");
    let sources = sources(&doc);
    assert_eq!(
        sources,
        [
            Some("the conservative-leaning newspaper"),
            Some("the former top aide to President George Doe"),
            Some("one person with knowledge of the dilemma"),
            Some("Representative Jane Roe, Democrat of Ohio,"),
            Some("Mr. Mahaney, of Harbor Capital Markets,"),
            Some("Robert Peck, managing director at Harbor Trust,"),
            Some("another leading advocate, Andrew Pincus of the law firm Mayer Brown"),
        ]
    );
    // The aide is not the president, and the advocate not his firm.
    let names = speaker_names(&doc);
    assert!(!names.contains(&"George Doe"), "{names:?}");
    assert!(names.contains(&"Andrew Pincus"), "{names:?}");
    assert!(!names.contains(&"Mayer Brown"), "{names:?}");
}

#[test]
fn a_bare_report_after_a_quote_and_an_inverted_opener_find_their_quotes() {
    let doc = run("Title\n\nThe town mourned.\n\n\"Find the emails.\" Roe said.\n\nSaid Jane Roe, \"We were proud.\"\n\nSaid Lee, who grew up there, \"We were proud.\"\n\n\"We won.\" Doe says he will run again.");
    let found = sources_and_contents(&doc);
    assert_eq!(found[0], (Some("Roe"), "\"Find the emails.\""));
    assert_eq!(found[1], (Some("Jane Roe"), "\"We were proud.\""));
    assert_eq!(
        found[2],
        (Some("Lee, who grew up there,"), "\"We were proud.\"")
    );
    // A quotation that ends its sentence is no content of a report that
    // says something else.
    assert!(!found.contains(&(Some("Doe"), "\"We won.\"")), "{found:?}");
}

#[test]
fn newsroom_descriptions_of_sources_are_found() {
    let doc = run("Title\n\n\"We have work to do,\" said a person close to the mayor.\n\n\"It was not convincing,\" said one official familiar with the talks.\n\n\"The ad spend will be huge,\" said one Republican involved in the planning.\n\n\"The kids do not like him,\" this source told the Gazette.\n\n\"Let me be clear,\" Senate Majority Leader Mitch Doe, R-Ky., said.");
    let found = sources_and_contents(&doc);
    assert_eq!(
        found,
        [
            (
                Some("a person close to the mayor"),
                "\"We have work to do,\""
            ),
            (
                Some("one official familiar with the talks"),
                "\"It was not convincing,\""
            ),
            (
                Some("one Republican involved in the planning"),
                "\"The ad spend will be huge,\""
            ),
            (Some("this source"), "\"The kids do not like him,\""),
            (
                Some("Senate Majority Leader Mitch Doe, R-Ky.,"),
                "\"Let me be clear,\""
            ),
        ]
    );
}

#[test]
fn settings_and_subordinate_clauses_before_a_subject_are_skipped() {
    let doc = run("Title\n\nOn Monday, after weeks of silence, Mr. Lee spoke for an hour, saying the plan was dead.\n\nInstead of calling himself a liberal, Ms. Roe said, \"I am a realist.\"");
    let sources = sources(&doc);
    assert!(sources.contains(&Some("Mr. Lee")), "{sources:?}");
    assert!(sources.contains(&Some("Ms. Roe")), "{sources:?}");
    assert!(
        !sources
            .iter()
            .flatten()
            .any(|s| s.contains("weeks") || *s == "of"),
        "{sources:?}"
    );
}

/// Each quote's content parts, as text (empty for a one-part content).
fn parts(doc: &Document) -> Vec<Vec<&str>> {
    doc.quotes
        .iter()
        .map(|q| q.content_parts.iter().map(|p| p.text.as_str()).collect())
        .collect()
}

#[test]
fn relative_clauses_and_raised_subjects_part_as_the_corpus_marks_them() {
    let doc = run("Title\n\nThe mill is expected to close in May.\n\nIt was a finish that he said defied expectations.\n\nRoe argued that Lee said the plan had failed.\n\nThe plan, which critics say hurts farms, is now law.\n\nThe bill, which critics say hurts farms, dairies and orchards, passed.");
    assert_eq!(
        parts(&doc),
        [
            // The auxiliary goes with the cue, not the subject.
            vec!["The mill", "to close in May"],
            // A relative pronoun opens the reported clause.
            vec!["that", "defied expectations"],
            vec![],
            // A complementizer after a cue is the other report's.
            vec![],
            // Between commas, the relative clause ends at its comma when
            // the main clause's verb follows it, and not inside a list.
            vec!["which", "hurts farms"],
            vec!["which", "hurts farms, dairies and orchards, passed"],
        ]
    );
    assert_eq!(doc.quotes[3].content.text, "the plan had failed");
}

#[test]
fn an_interrupted_quote_has_its_parts_without_the_attribution() {
    let doc = run("Title\n\n“The bridge will reopen,” Mayor Dana Roe said on Monday. “Crews are ahead of schedule.”\n\nThe ferry runs at noon.");
    assert_eq!(doc.quotes.len(), 1, "{:?}", triples(&doc));
    let q = &doc.quotes[0];
    // The whole extent stays the content; the parts leave out all that is
    // outside the marks between them.
    assert!(q.content.text.contains("said on Monday"));
    assert_eq!(
        parts(&doc),
        [[
            "“The bridge will reopen,”",
            "“Crews are ahead of schedule.”"
        ]]
    );
    // A quote the attribution only follows or precedes is one part.
    let doc =
        run("Title\n\n“The bridge will reopen,” Roe said. She told reporters: “Crews are ahead.”");
    assert!(parts(&doc).iter().all(Vec::is_empty), "{:?}", parts(&doc));
}

#[test]
fn an_attribution_between_commas_reports_its_whole_sentence() {
    let doc =
        run("Title\n\nThe harbour plan, the mayor said Monday, will cost less than the bridge.");
    assert_eq!(
        triples(&doc),
        [(
            Some("the mayor"),
            "said",
            "The harbour plan, the mayor said Monday, will cost less than the bridge"
        )]
    );
    assert_eq!(
        parts(&doc),
        [["The harbour plan", "will cost less than the bridge"]]
    );
    // What follows is the attribution's own clause or another report: the
    // content stays the words before it.
    let doc = run("Title\n\nThe harbour plan is cheaper, Roe said, as she left the hall.");
    assert_eq!(
        triples(&doc),
        [(Some("Roe"), "said", "The harbour plan is cheaper")]
    );
    let doc =
        run("Title\n\nThe harbour plan is cheaper, Roe said, adding that the bridge would wait.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "said", "The harbour plan is cheaper"),
            (Some("Roe"), "adding", "that the bridge would wait"),
        ]
    );
}

#[test]
fn adding_after_a_direct_quote_is_a_second_record_of_its_own_words() {
    let doc = run(
        "Title\n\n“The ferry is safe,” Captain Ola Berg said, adding that repairs would end soon.",
    );
    assert_eq!(
        triples(&doc),
        [
            (Some("Captain Ola Berg"), "said", "“The ferry is safe,”"),
            (
                Some("Captain Ola Berg"),
                "adding",
                "that repairs would end soon"
            ),
        ]
    );
    assert_eq!(doc.quotes[0].speaker, doc.quotes[1].speaker);
}

#[test]
fn the_medium_belongs_to_the_cue_not_the_source() {
    let doc = run("Title\n\n“The ferry is safe,” said Captain Ola Berg in an interview. Berg wrote on Twitter that repairs would end soon.");
    let cues: Vec<(&str, &str)> = doc
        .quotes
        .iter()
        .map(|q| {
            (
                q.source.as_ref().unwrap().text.as_str(),
                q.cue.as_ref().unwrap().text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        cues,
        [("Captain Ola Berg", "said"), ("Berg", "wrote on Twitter")]
    );
    let doc = run("Title\n\n“The ferry is safe,” Berg said in a statement.");
    assert_eq!(
        triples(&doc),
        [(Some("Berg"), "said in a statement", "“The ferry is safe,”")]
    );
}

#[test]
fn a_content_ends_before_the_attribution_that_reports_it() {
    let doc = run("Title\n\nRoe said the harbour was closed, Berg told reporters.");
    let mut got = triples(&doc);
    got.sort();
    assert_eq!(
        got,
        [
            (Some("Berg"), "told", "Roe said the harbour was closed"),
            (Some("Roe"), "said", "the harbour was closed"),
        ]
    );
}

#[test]
fn a_quote_of_several_sentences_stays_one_record() {
    let doc = run(
        "Title\n\n“The harbour is closed. The ferries wait. Nobody knows for how long,” Berg said.",
    );
    assert_eq!(
        triples(&doc),
        [(
            Some("Berg"),
            "said",
            "“The harbour is closed. The ferries wait. Nobody knows for how long,”"
        )]
    );
    assert!(doc.sentences.len() >= 3, "the segmenter splits the quote");
}

#[test]
fn a_source_with_its_title_keeps_to_its_own_quote() {
    let doc = run("Title\n\n“The harbour is closed,” Ola Berg, the harbour master, said in a statement. “We reopen soon,” Dana Roe said.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Ola Berg, the harbour master,"),
                "said in a statement",
                "“The harbour is closed,”"
            ),
            (Some("Dana Roe"), "said", "“We reopen soon,”"),
        ]
    );
}

#[test]
fn a_clause_between_a_subject_and_its_verb_ends_at_its_comma() {
    let doc = run("Title\n\nThe governor, who called the ruling “a betrayal,” told reporters the state would appeal.\n\nThe mayor, citing the budget gap, said the library would close in June.\n\n“The vote, which we lost, was fair,” said Lena Park.\n\nThe bill, which critics say hurts farms, dairies and orchards, passed.");
    assert_eq!(
        triples(&doc),
        [
            // The relative clause's closing comma stands inside the
            // quotation it ends: the marks go with its words, and the
            // subject before the clause is the speaker of the main verb.
            (Some("who"), "called", "the ruling “a betrayal,”"),
            (Some("The governor"), "told", "the state would appeal"),
            // A participle between commas reports up to its comma.
            (Some("The mayor"), "citing", "the budget gap"),
            (Some("The mayor"), "said", "the library would close in June"),
            // A quotation that opens the clause is the content, and a
            // "who" or "which" inside it is nobody's subject.
            (
                Some("Lena Park"),
                "said",
                "“The vote, which we lost, was fair,”"
            ),
            // A comma followed by no verb may be inside what was said.
            (
                Some("critics"),
                "say",
                "which critics say hurts farms, dairies and orchards, passed"
            ),
        ]
    );
}

#[test]
fn a_cue_in_a_fronted_clause_takes_the_main_clause_subject_or_none() {
    let doc = run("Title\n\nWhen asked about the budget, Mayor Lena Park said the city would borrow.\n\nWhile criticizing the plan, the senator voted for it.\n\nAfter praising the deal, the union said its members would vote.");
    let found = triples(&doc);
    // Nobody is named as the one who asked, and the subordinator is never
    // a speaker; the one asked is not the speaker of the question.
    assert!(
        found
            .iter()
            .all(|(s, _, _)| !matches!(*s, Some("When" | "While" | "After"))),
        "{found:?}"
    );
    assert!(
        found.iter().all(|(s, c, _)| *c != "asked" || s.is_none()),
        "{found:?}"
    );
    assert!(found.contains(&(Some("Mayor Lena Park"), "said", "the city would borrow")));
    // A gerund's speaker is the main clause's subject, and what it reports
    // ends at the fronted clause's comma.
    assert!(
        found.contains(&(Some("the senator"), "criticizing", "the plan")),
        "{found:?}"
    );
    assert!(
        found.contains(&(Some("the union"), "praising", "the deal")),
        "{found:?}"
    );
}

#[test]
fn a_sourceless_stance_ends_where_a_named_report_begins() {
    let doc = run("Title\n\nMany delegates were deemed ineligible, and Jane Roe, the state party chairwoman, said she had received threats.");
    let found = triples(&doc);
    assert!(
        found.contains(&(None, "were deemed", "Many delegates were deemed ineligible")),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Some("Jane Roe, the state party chairwoman,"),
            "said",
            "she had received threats"
        )),
        "{found:?}"
    );
}

#[test]
fn an_evidential_verb_that_closes_its_sentence_reports_the_clause_before() {
    let doc = run("Title\n\nRoe raised two million dollars in March, new filings show.\n\nMost voters believe the levy is unfair, a new poll found.\n\nThe figures are in, and the numbers show.");
    let found = triples(&doc);
    assert!(
        found.contains(&(
            Some("new filings"),
            "show",
            "Roe raised two million dollars in March"
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Some("a new poll"),
            "found",
            "Most voters believe the levy is unfair"
        )),
        "{found:?}"
    );
    // The stance inside the finding is a record of its own.
    assert!(
        found.contains(&(Some("Most voters"), "believe", "the levy is unfair")),
        "{found:?}"
    );
    // "and the numbers show" has no subject clause of its own to report.
    assert_eq!(found.len(), 3, "{found:?}");
    // Filings and polls are texts, not speakers.
    assert!(
        doc.quotes
            .iter()
            .filter(|q| q.cue.as_ref().is_some_and(|c| c.text != "believe"))
            .all(|q| q.speaker.is_none()),
        "{:?}",
        doc.quotes
    );
}

#[test]
fn a_plural_inverted_report_set_into_its_sentence_names_the_group() {
    let doc = run("Title\n\nThe real danger, say economists, is inflation.\n\nPart of the trouble, say experts like Ann Roe, a hydrologist, is the soil itself.\n\nA tax on, say, gasoline would hurt.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("economists"),
                "say",
                "The real danger, say economists, is inflation"
            ),
            (
                Some("experts like Ann Roe, a hydrologist,"),
                "say",
                "Part of the trouble, say experts like Ann Roe, a hydrologist, is the soil itself"
            ),
        ]
    );
    assert_eq!(parts(&doc)[0], ["The real danger", "is inflation"]);
}

#[test]
fn a_quote_with_words_outside_its_quotation_marks_is_never_direct() {
    // A digest prints a direct quote inside quotation marks: "on Monday"
    // and "because" were never said, so these quotes are mixed.
    for text in [
        "Title\n\nLee told WXYZ’s “Morning Show” on Monday. “I could hardly hear the question.”",
        "Title\n\nThe crowd chanted “Recall the mayor” and “No new taxes.”",
        "Title\n\nRoe said the levy was “a mistake” because “families cannot pay it.”",
    ] {
        let doc = run(text);
        assert!(!doc.quotes.is_empty(), "{text}");
        for q in &doc.quotes {
            let words_outside = q.content.text.contains(" on Monday")
                || q.content.text.contains(" and “")
                || q.content.text.contains(" because ");
            assert!(
                !(q.kind == QuoteKind::Direct && words_outside),
                "{text}: {:?}",
                doc.quotes
            );
        }
    }
    // The programme named in quotation marks is part of the attribution.
    let doc = run("Title\n\n“I had a bad earpiece,” Lee told WXYZ’s “Morning Show” on Monday. “I could hardly hear the question.”");
    assert_eq!(
        parts(&doc),
        [[
            "“I had a bad earpiece,”",
            "“I could hardly hear the question.”"
        ]]
    );
    assert_eq!(doc.quotes[0].kind, QuoteKind::Direct, "{:?}", doc.quotes);
    // A quotation whose attribution interrupts it stays direct.
    let doc = run("Title\n\n“We will not pay,” Lee said on Monday, “and neither will you.”");
    assert_eq!(doc.quotes[0].kind, QuoteKind::Direct, "{:?}", doc.quotes);
}

#[test]
fn a_stance_in_a_relative_clause_ends_with_the_clause() {
    // The stance describes the one who speaks; its content stops at the
    // clause's closing comma and leaves the speaker's report whole.
    let doc = run("Title\n\nThe council, which is seen as friendly to developers, voted to approve the tower. Jane Roe, whose campaign was widely seen as a long shot, said that she would run again.");
    let found = triples(&doc);
    assert!(
        found.contains(&(None, "is seen", "which is seen as friendly to developers")),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Some("Jane Roe, whose campaign was widely seen as a long shot,"),
            "said",
            "that she would run again"
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(_, _, content)| !content.contains("said") && !content.contains("voted")),
        "{found:?}"
    );
    // Without a closing comma the stance makes no record at all.
    let doc = run("Title\n\nLee, who is expected to win and who has led every poll since May said he was confident.");
    let found = triples(&doc);
    assert!(
        found.iter().all(|(_, cue, _)| *cue != "is expected"),
        "{found:?}"
    );
}

#[test]
fn a_quotation_after_a_long_attribution_continues_the_quote() {
    // However long the speaker's description, nothing but the attribution
    // stands between the two quotations.
    let doc = run("Title\n\n“We will not back down,” said Jane Roe, a lawyer who has advised three campaigns on ballot access in the state since 2010. “The law is on our side.”");
    assert_eq!(
        parts(&doc),
        [["“We will not back down,”", "“The law is on our side.”"]]
    );
    // So does a quotation paragraph after a saying with its circumstances.
    let doc = run("Title\n\n“We expected a fight,” Roe said, standing in front of the shuttered plant where her father once worked.\n\n“Nobody expected this.”");
    assert_eq!(
        parts(&doc),
        [["“We expected a fight,”", "“Nobody expected this.”"]]
    );
    // A report that only describes the attribution does not end the
    // speaker's turn: a clause of the saying with the same source, or a
    // relative clause of the speaker's description.
    let doc = run("Title\n\n“There is a real change in the city,” Park said, referring to the growing middle class.\n\n“So I think there is resistance to it.”");
    assert_eq!(
        parts(&doc)[0],
        [
            "“There is a real change in the city,”",
            "“So I think there is resistance to it.”"
        ]
    );
    let doc = run("Title\n\n“What the mayor did is a model,” said Tom Hale, a party leader who had endorsed Roe in the spring. “There are pages in his book that are blank.”");
    assert_eq!(
        parts(&doc)[0],
        [
            "“What the mayor did is a model,”",
            "“There are pages in his book that are blank.”"
        ]
    );
    // Another report between them keeps the second quotation from the
    // first speaker.
    let doc = run("Title\n\n“We will not back down,” said Jane Roe, a lawyer who has advised three campaigns on ballot access in the state, and Lee Park told reporters she agreed. “The law is on our side.”");
    assert!(doc
        .quotes
        .iter()
        .all(|q| !q.content.text.contains("The law is on our side")
            || !q.content.text.contains("We will not back down")));
}

#[test]
fn words_before_a_quotation_in_its_sentence_are_a_mixed_quote() {
    let doc =
        run("Title\n\nThe policy group is less likely to be “overrun with zealots,” Hoover said.");
    assert_eq!(
        triples(&doc),
        [(
            Some("Hoover"),
            "said",
            "The policy group is less likely to be “overrun with zealots,”"
        )]
    );
    assert_eq!(doc.quotes[0].kind, QuoteKind::Mixed);
    // A quotation after it continues it, as after a direct quote.
    let doc = run("Title\n\nThe group is less likely to be “overrun with zealots,” Hoover said. “We made sure of that.”");
    assert_eq!(
        parts(&doc),
        [[
            "The group is less likely to be “overrun with zealots,”",
            "“We made sure of that.”"
        ]]
    );
    // A report before the quotation is what a named speaker relays: both
    // are records, the inner one inside the outer one's content.
    let doc = run("Title\n\nHe called the plan “a betrayal of voters,” Hoover said.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Hoover"),
                "said",
                "He called the plan “a betrayal of voters,”"
            ),
            (Some("He"), "called", "the plan “a betrayal of voters,”"),
        ]
    );
}

#[test]
fn a_manner_phrase_before_a_quoted_sentence_is_no_part_of_it() {
    let doc = run("Title\n\nLee said with a broad smile “We will carry every county.”");
    assert_eq!(
        triples(&doc),
        [(Some("Lee"), "said", "“We will carry every county.”")]
    );
    assert_eq!(doc.quotes[0].kind, QuoteKind::Direct);
    // A quoted word inside the phrase keeps the phrase: it is what was said.
    let doc = run("Title\n\nLee warned of the plan's “disastrous” cost.");
    assert_eq!(
        triples(&doc),
        [(Some("Lee"), "warned", "the plan's “disastrous” cost")]
    );
}

#[test]
fn the_words_before_a_parenthetical_attribution_open_what_was_said() {
    let doc = run("Title\n\nOtherwise, she said, countries may simply steal growth from one another.\n\nIf the bill passes, the mayor warned in a letter, the library will close.");
    assert_eq!(
        parts(&doc),
        [
            vec![
                "Otherwise",
                "countries may simply steal growth from one another"
            ],
            vec!["If the bill passes", "the library will close"],
        ]
    );
    // Also with the saying's setting before its closing comma.
    let doc = run("Title\n\nThe real problem, she said in an interview afterward, is that the campaign forgets small towns.\n\nOtherwise, he said Tuesday, the town will lose its library.");
    assert_eq!(
        parts(&doc),
        [
            vec![
                "The real problem",
                "is that the campaign forgets small towns"
            ],
            vec!["Otherwise", "the town will lose its library"],
        ]
    );
    // A quotation that goes on with the lead's clause takes it in, as a
    // mixed quote; one that opens a sentence of its own does not.
    let doc = run("Title\n\nThe surplus, he said, “is something we have long expected.”\n\nAt the same time, Roe said, “We lost the vote.”");
    assert_eq!(
        parts(&doc),
        [
            vec!["The surplus", "“is something we have long expected.”"],
            vec![],
        ]
    );
    assert_eq!(doc.quotes[0].kind, QuoteKind::Mixed);
    assert_eq!(doc.quotes[1].content.text, "“We lost the vote.”");
}

#[test]
fn an_apposition_ends_before_the_saying_s_participle() {
    // The comma that closes the apposition is marked with it.
    let doc = run("Title\n\n“We expected a fight,” said Jane Roe, a veteran organizer, referring to the debate in Iowa.");
    assert_eq!(
        doc.quotes[0].source.as_ref().unwrap().text,
        "Jane Roe, a veteran organizer,"
    );
}

#[test]
fn the_circumstances_of_a_saying_are_no_part_of_its_source() {
    for (text, source) in [
        ("“We will not back down,” said Ann Roe, a Democrat, after the vote.", "Ann Roe, a Democrat,"),
        ("“It is a chance,” said Tom Hale, a friend who left the team in May, in a recent interview.", "Tom Hale, a friend who left the team in May,"),
        ("“We will win,” said Ann Roe, 67, of Exeter, after listening to him.", "Ann Roe, 67, of Exeter,"),
        ("“We will win,” said Ann Roe, at the rally.", "Ann Roe"),
    ] {
        let doc = run(&format!("Title\n\n{text}"));
        assert_eq!(doc.quotes.len(), 1, "{text}");
        assert_eq!(doc.quotes[0].source.as_ref().unwrap().text, source, "{text}");
    }
}

#[test]
fn the_one_who_asked_is_the_source_of_the_question() {
    let doc = run(
        "Title\n\nRubio was asked by moderator Gerard Baker whether his plan would risk a deficit.",
    );
    assert_eq!(
        triples(&doc),
        [(
            Some("moderator Gerard Baker"),
            "was asked",
            "whether his plan would risk a deficit"
        )]
    );
}

#[test]
fn appearing_somewhere_is_no_stance() {
    let doc = run("Title\n\nLanny Davis appeared on Fox on Sunday.\n\nThe senator appeared with the mayor at a rally in Ohio.\n\nThe senator appeared to waver on the bill.");
    let cues: Vec<&str> = doc
        .quotes
        .iter()
        .map(|q| q.cue.as_ref().unwrap().text.as_str())
        .collect();
    assert_eq!(cues, ["appeared"], "{:?}", triples(&doc));
    assert!(doc.quotes[0].content.text.contains("to waver on the bill"));
}

#[test]
fn a_report_ends_where_another_speaker_s_report_begins() {
    let doc = run("Title\n\nAfter Clinton accused him of sexism, he warned, “Certainly that will be fair game.”\n\nRoe criticized the media, though she added that the coverage helped her.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Clinton"), "accused", "him of sexism"),
            (Some("he"), "warned", "“Certainly that will be fair game.”"),
            (Some("Roe"), "criticized", "the media"),
            (Some("she"), "added", "that the coverage helped her"),
        ]
    );
    // A relative clause that holds a report of its own.
    let doc = run("Title\n\nHe spoke warmly, talking about his two adult daughters, who he said were living in Russia.");
    assert_eq!(
        triples(&doc),
        [
            (Some("He"), "spoke", "his two adult daughters"),
            (Some("he"), "said", "were living in Russia"),
        ]
    );
}

#[test]
fn a_second_predicate_of_the_subject_ends_the_first_report() {
    let doc = run("Title\n\nRoe called him divisive and accused him of lying to voters.\n\nLee was calling him a “stiff” and mocking his speeches.\n\nPark said the firm lied and cheated customers.");
    let found = triples(&doc);
    assert!(
        found.contains(&(Some("Roe"), "called", "him divisive")),
        "{found:?}"
    );
    assert!(
        found.contains(&(Some("Lee"), "was calling", "him a “stiff”")),
        "{found:?}"
    );
    // Inside what was said, the "and" joins the content's own verbs.
    assert!(
        found.contains(&(Some("Park"), "said", "the firm lied and cheated customers")),
        "{found:?}"
    );
}

#[test]
fn a_typo_s_opening_mark_after_a_quote_s_last_comma_closes_it() {
    let doc = run("Title\n\n“Apparently not,“ he said. “A leopard doesn’t change its spots.”");
    assert_eq!(
        parts(&doc),
        [["“Apparently not,“", "“A leopard doesn’t change its spots.”"]]
    );
}

#[test]
fn a_participle_after_the_saying_s_setting_is_not_what_was_said() {
    let doc = run("Title\n\nThe tariffs are a mistake, Roe said Tuesday in Ohio, noting that farmers “will pay the price.”");
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "said", "The tariffs are a mistake"),
            (Some("Roe"), "noting", "that farmers “will pay the price.”"),
        ]
    );
}

#[test]
fn page_labels_before_a_colon_are_no_speakers() {
    let doc = run("Title\n\nCorrection: An earlier version of this story misstated the date of the vote.\n\nDelegate Update: Clinton now holds a narrow lead of about two hundred delegates.\n\nRoe: The vote was a victory for every family in the state.");
    let sources: Vec<&str> = doc
        .quotes
        .iter()
        .filter_map(|q| q.source.as_ref().map(|s| s.text.as_str()))
        .collect();
    assert_eq!(sources, ["Roe"]);
}

#[test]
fn the_one_asked_and_an_expletive_it_are_no_part_of_a_sourceless_stance() {
    let doc = run("Title\n\nThe senator was asked whether she would back the bill.\n\nIt seems a near certainty that the mayor will stay.");
    assert_eq!(
        triples(&doc),
        [
            (None, "was asked", "whether she would back the bill"),
            (None, "seems", "a near certainty that the mayor will stay"),
        ]
    );
}

#[test]
fn a_lone_word_that_names_no_one_is_never_a_source() {
    let doc = run("Title\n\nAn aide said the parts of the network that were stolen suggested the thieves wanted trade secrets.\n\nAmong voters under thirty, women speak of the race with more worry than men do.");
    let sources: Vec<&str> = doc
        .quotes
        .iter()
        .filter_map(|q| q.source.as_ref().map(|s| s.text.as_str()))
        .collect();
    assert!(!sources.contains(&"stolen"), "{sources:?}");
    assert!(sources.contains(&"An aide"), "{sources:?}");
    assert!(sources.contains(&"women"), "{sources:?}");
    // A quantifier standing for people is a source too.
    let doc = run("Title\n\n“The vote was rigged,” several said.");
    assert_eq!(
        triples(&doc),
        [(Some("several"), "said", "“The vote was rigged,”")]
    );
}

#[test]
fn an_adverbial_in_particular_is_neither_cue_nor_source() {
    let doc =
        run("Title\n\nLocal critics have in particular noted the heavy spending on the campaign.");
    assert_eq!(
        triples(&doc),
        [(
            Some("Local critics"),
            "noted",
            "the heavy spending on the campaign"
        )]
    );
}

#[test]
fn a_degree_word_before_an_adverb_is_no_part_of_the_source() {
    let doc = run("Title\n\nThe senator most recently defended the use of the image.");
    let sources: Vec<&str> = doc
        .quotes
        .iter()
        .filter_map(|q| q.source.as_ref().map(|s| s.text.as_str()))
        .collect();
    assert_eq!(sources, ["The senator"]);
}

#[test]
fn it_remains_to_be_seen_is_nobody_s_stance() {
    let doc = run("Title\n\nIt remains to be seen whether a new chain of command can fix the problem.\n\nThe plan is widely seen as a failure.");
    assert_eq!(
        triples(&doc),
        [(
            None,
            "is widely seen",
            "The plan is widely seen as a failure"
        )]
    );
}

#[test]
fn according_to_between_commas_reports_the_words_on_both_sides() {
    // A clause after the source goes on with what was reported; an
    // apposition to the source does not.
    let doc = run("Title\n\nOver the coming decade, according to the budget office, the rise in deficits is mainly due to the aging of the population.\n\nThe plan failed, according to Harbor Analytics, a research firm that is based in Ohio.");
    assert_eq!(
        parts(&doc),
        [
            vec![
                "Over the coming decade",
                "the rise in deficits is mainly due to the aging of the population"
            ],
            vec![],
        ]
    );
    assert_eq!(doc.quotes[1].content.text, "The plan failed");
    // A lone word before it is no report of its own, and a time word
    // there opens the content rather than joining the cue.
    let doc = run("Title\n\nNow, according to the poll, Roe leads the race in Ohio.\n\nRight now, according to the latest poll, some counties are swinging.");
    assert_eq!(
        parts(&doc),
        [
            ["Now", "Roe leads the race in Ohio"],
            ["Right now", "some counties are swinging"],
        ]
    );
}

#[test]
fn as_the_source_reported_after_a_clause_reports_that_clause() {
    let doc = run("Title\n\nLee, the former chairman of the firm, also met with the mayor that day, as The Ledger reported on Tuesday, and he will help prepare the mayor for the debate.\n\nStaff discussed a walkout in the event of the ouster, as the Courier reported a few days later.");
    let reported: Vec<(&str, &str)> = doc
        .quotes
        .iter()
        .filter(|q| q.cue.as_ref().is_some_and(|c| c.text == "reported"))
        .map(|q| {
            (
                q.source.as_ref().unwrap().text.as_str(),
                q.content.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        reported,
        [
            (
                "The Ledger",
                "Lee, the former chairman of the firm, also met with the mayor that day"
            ),
            (
                "the Courier",
                "Staff discussed a walkout in the event of the ouster"
            ),
        ]
    );
    // Before a clause of its own, "as X reported" reports that clause.
    let doc = run(
        "Title\n\nHowever, as the Courier has reported, cases that led to charges were different.",
    );
    assert_eq!(
        doc.quotes[0].content.text,
        "cases that led to charges were different"
    );
}

#[test]
fn a_second_speaker_after_and_is_never_hidden_in_the_first_report() {
    // The phrase before the second verb coordinates the first report's
    // object, or its verb, with the second speaker.
    let doc = run("Title\n\nRoe said the party does not care about the town and Lee said the party was hostile.\n\nPark said the plan does not work and Hale said the council knew it.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Roe"),
                "said",
                "the party does not care about the town"
            ),
            (Some("Lee"), "said", "the party was hostile"),
            (Some("Park"), "said", "the plan does not work"),
            (Some("Hale"), "said", "the council knew it"),
        ]
    );
    // A coordinated subject stays whole.
    let doc = run("Title\n\nRoe and Lee said the party was hostile.");
    assert_eq!(
        triples(&doc),
        [(Some("Roe and Lee"), "said", "the party was hostile")]
    );
}

#[test]
fn a_second_speaker_s_quotation_is_never_given_to_the_first() {
    // The detector scores a speech verb just after another cue low; the
    // quotation it opens would join the first speaker's quote.
    let doc = run("Title\n\n“The plan is dead,” Roe said; then Lee said “the vote was rigged.”\n\n“The plan is dead,” Roe said, but Lee said “the vote was rigged.”");
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "said", "“The plan is dead,”"),
            (Some("Lee"), "said", "“the vote was rigged.”"),
            (Some("Roe"), "said", "“The plan is dead,”"),
            (Some("Lee"), "said", "“the vote was rigged.”"),
        ]
    );
}

#[test]
fn two_post_posed_reports_a_conjunction_links_keep_their_own_words() {
    let doc = run("Title\n\nThe plan is dead, Roe said, and the vote was rigged, Lee added.");
    let got = triples(&doc);
    assert_eq!(got[0], (Some("Roe"), "said", "The plan is dead"));
    assert_eq!(got[1].0, Some("Lee"));
    assert!(
        got[1].2.ends_with("the vote was rigged") && !got[1].2.contains("Roe"),
        "{got:?}"
    );
}

#[test]
fn a_stance_a_conjunction_links_to_a_report_is_a_report_of_its_own() {
    let doc = run("Title\n\nRoe said the plan is dead, but the mayor believes the vote was rigged.\n\nRoe believes the plan is dead, and Lee thinks the vote was rigged.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "said", "the plan is dead"),
            (Some("the mayor"), "believes", "the vote was rigged"),
            (Some("Roe"), "believes", "the plan is dead"),
            (Some("Lee"), "thinks", "the vote was rigged"),
        ]
    );
    // A stance inside a report, with no conjunction, stays the reporter's
    // claim.
    let doc = run("Title\n\nRoe said voters want change.");
    assert_eq!(triples(&doc), [(Some("Roe"), "said", "voters want change")]);
    // So does one after an adverb ("but now").
    let doc = run(
        "Title\n\nAnn Roe said the levy is unfair, but now Tom Lee believes the budget was padded.",
    );
    assert_eq!(
        triples(&doc),
        [
            (Some("Ann Roe"), "said", "the levy is unfair"),
            (Some("Tom Lee"), "believes", "the budget was padded"),
        ]
    );
    // A named subject after "and", with no comma, still reports beside
    // the report before; coordinated subjects inside it stay its content.
    let doc = run("Title\n\nAnn Roe said the levy is unfair and Tom Lee thinks the budget was padded.\n\nRoe said Biden and Trump believe the count was padded.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Ann Roe"), "said", "the levy is unfair"),
            (Some("Tom Lee"), "thinks", "the budget was padded"),
            (
                Some("Roe"),
                "said",
                "Biden and Trump believe the count was padded"
            ),
        ]
    );
}

#[test]
fn the_one_asked_is_no_asker_and_still_the_speaker_after() {
    // "Roe, asked whether …, said …": Roe was asked, by someone the text
    // does not name, and Roe's answer is Roe's.
    let doc = run("Title\n\nRoe, asked whether the plan was dead, said the plan was alive.\n\nLee, when asked about the budget, said it was balanced.");
    assert_eq!(
        triples(&doc),
        [
            (None, "asked", "whether the plan was dead"),
            (Some("Roe"), "said", "the plan was alive"),
            (None, "asked", "the budget"),
            (Some("Lee"), "said", "it was balanced"),
        ]
    );
    // The asker stays the asker.
    let doc = run("Title\n\nRoe asked whether the plan was dead.");
    assert_eq!(
        triples(&doc),
        [(Some("Roe"), "asked", "whether the plan was dead")]
    );
}

#[test]
fn a_parenthetical_report_ends_at_a_semicolon() {
    let doc = run("Title\n\nThe mayor, Roe said, is a liar; Lee said the mayor is honest.");
    assert_eq!(parts(&doc), [vec!["The mayor", "is a liar"], vec![]]);
    assert_eq!(
        triples(&doc)[1],
        (Some("Lee"), "said", "the mayor is honest")
    );
}

#[test]
fn what_a_source_told_someone_is_not_the_addressee() {
    // "what" is the object of "told": the addressee after the cue is no
    // part of what was said.
    let doc =
        run("Title\n\nThat is what Roe told the council on Monday.\n\nRoe did what Lee told her.");
    assert_eq!(
        triples(&doc),
        [(Some("Roe"), "told", "what"), (Some("Lee"), "told", "what")]
    );
    assert!(doc.quotes.iter().all(|q| q.content_parts.is_empty()));
}

#[test]
fn a_participle_s_speaker_is_no_fronted_time_or_setting() {
    let doc = run("Title\n\nHours later, Roe returned the compliment to Lee, telling reporters, “He is a fine man.”\n\nDuring the Tuesday night debate, Roe made a call for an end to subsidies, calling them “corporate welfare.”");
    let sources: Vec<&str> = doc
        .quotes
        .iter()
        .map(|q| q.source.as_ref().unwrap().text.as_str())
        .collect();
    assert_eq!(sources, ["Roe", "Roe"]);
}

#[test]
fn a_cue_noun_s_possessor_is_its_source_without_the_verb_before() {
    let doc = run("Title\n\nBiden rubbished Lee’s claim to understand the middle class.");
    assert!(
        triples(&doc).contains(&(Some("Lee’s"), "claim", "to understand the middle class")),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn a_rejected_claim_is_not_the_rejecter_s_words() {
    for (text, cue, content) in [
        (
            "Biden rejected his claim that the count was rigged.",
            "rejected",
            "his claim that the count was rigged",
        ),
        (
            "Biden attacked Lee's assertion that the count was rigged.",
            "attacked",
            "Lee's assertion that the count was rigged",
        ),
        (
            "Biden attacked the claim that the count was rigged.",
            "attacked",
            "the claim that the count was rigged",
        ),
    ] {
        let doc = run(&format!("Title\n\n{text}"));
        let biden: Vec<_> = triples(&doc)
            .into_iter()
            .filter(|t| t.0 == Some("Biden"))
            .collect();
        assert_eq!(biden, [(Some("Biden"), cue, content)], "{text}");
    }
    // An addressee before "that" is still skipped.
    let doc = run("Title\n\nLee told reporters that the count was rigged.");
    assert_eq!(
        triples(&doc),
        [(Some("Lee"), "told", "that the count was rigged")]
    );
}

#[test]
fn adding_to_something_reports_nothing() {
    let doc =
        run("Title\n\nRoe won the primary in Ohio, adding to her run of victories in the state.");
    assert!(doc.quotes.is_empty(), "{:?}", triples(&doc));
    // Adding something to someone still does.
    let doc = run("Title\n\nRoe added to reporters: “We will win.”\n\n“It was a big night,” Lee added to the Ledger.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "added", "“We will win.”"),
            (Some("Lee"), "added", "“It was a big night,”"),
        ]
    );
}

#[test]
fn a_participle_set_off_with_its_setting_reports_the_phrase_it_describes() {
    // "announced Friday" describes the deal; "Friday, would last four
    // years" was never announced.
    let doc = run("Title\n\nThe tentative deal, announced Friday, would last four years.");
    assert_eq!(triples(&doc), [(None, "announced", "The tentative deal")]);
}

#[test]
fn a_speaker_described_by_whom_or_whose_keeps_the_report() {
    // "whom"/"whose" open a relative clause like "who": Lee's report was
    // lost after "whom Roe called “a liar,”".
    let doc = run("Title\n\nLee, whom Roe called “a liar,” said the plan was dead.\n\nHale, whose aide called Roe “a fraud,” said the vote was rigged.");
    let got = triples(&doc);
    assert!(
        got.contains(&(Some("Lee"), "said", "the plan was dead")),
        "{got:?}"
    );
    assert!(
        got.contains(&(Some("Hale"), "said", "the vote was rigged")),
        "{got:?}"
    );
    assert!(
        got.contains(&(Some("whose aide"), "called", "Roe “a fraud,”")),
        "{got:?}"
    );
    // A relative clause's report ends at its closing comma before the
    // main verb.
    let doc = run("Title\n\nLee, who said the plan was dead, walked out.");
    assert_eq!(triples(&doc), [(Some("who"), "said", "the plan was dead")]);
}

#[test]
fn the_writer_s_comment_after_a_post_posed_report_is_not_what_was_said() {
    for text in [
        "Exams take up far too much class time, Ann Roe said on Monday, a reversal of her stance in 2019.",
        "Exams take up far too much class time, Ann Roe said this week at a forum in Ohio — an apparent reversal of her stance in 2019.",
    ] {
        let doc = run(&format!("Title\n\n{text}"));
        assert_eq!(
            triples(&doc),
            [(Some("Ann Roe"), "said", "Exams take up far too much class time")],
            "{text}"
        );
    }
    // After an opening phrase, the clause after the report is what was
    // said, even one that opens with "a".
    let doc = run("Title\n\nIf the levy passes next year, the mayor warned, a library will close.");
    assert_eq!(
        parts(&doc),
        [["If the levy passes next year", "a library will close"]]
    );
}

#[test]
fn a_parenthetical_report_ends_before_the_writer_s_contrast() {
    let doc = run("Title\n\nThe plan, Roe insisted, was not dead, though Lee disagreed.");
    assert_eq!(parts(&doc), [["The plan", "was not dead"]]);
}

#[test]
fn cannot_is_an_auxiliary_not_a_cue_or_part_of_the_speaker() {
    let doc = run("Title\n\nAnn Roe cannot say that the levy was fair.");
    assert_eq!(
        triples(&doc),
        [(Some("Ann Roe"), "cannot say", "that the levy was fair")]
    );
}

#[test]
fn the_one_accused_of_a_crime_is_no_speaker_of_the_charge() {
    for text in [
        "The clerk accused of selling the ballots will stay in jail.",
        "A contractor charged with fraud has left the state.",
    ] {
        let doc = run(&format!("Title\n\n{text}"));
        assert!(triples(&doc).is_empty(), "{text}: {:?}", triples(&doc));
    }
    // The accuser, before an object or as a relative clause's subject,
    // still reports.
    let doc = run("Title\n\nRoe accused the clerk of selling the ballots.");
    assert_eq!(
        triples(&doc),
        [(Some("Roe"), "accused", "the clerk of selling the ballots")]
    );
}

#[test]
fn according_to_a_gerund_names_who_did_it() {
    let doc =
        run("Title\n\nTurnout fell by a third, according to polling by the Harbor Institute.");
    assert_eq!(
        triples(&doc),
        [(
            Some("polling by the Harbor Institute"),
            "according to",
            "Turnout fell by a third"
        )]
    );
}

#[test]
fn a_report_in_an_opening_subordinate_clause_ends_with_it() {
    let doc = run("Title\n\nWhen Tom Lee noted that Roe calls it a tax, Ann Roe seized on the word, repeating her claim that the levy would fail.\n\nAfter Lee said the levy was dead, Roe attacked him, calling him a liar.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Tom Lee"), "noted", "that Roe calls it a tax"),
            (
                Some("Ann Roe"),
                "repeating",
                "her claim that the levy would fail"
            ),
            (Some("Lee"), "said", "the levy was dead"),
            (Some("Roe"), "calling", "him a liar"),
        ]
    );
    // A lowercase subject opens the main clause too; a relative clause or
    // a predicate after a comma goes on with the subordinate one.
    let doc = run("Title\n\nWhile Lee claimed that the tapes exist, local officials searched the archive for weeks.\n\nWhen Lee said that the levy, which failed, was fair, voters laughed.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Lee"), "claimed", "that the tapes exist"),
            (Some("Lee"), "said", "that the levy, which failed, was fair"),
        ]
    );
    // A comma inside the quotation that closes the clause closes it too.
    let doc = run("Title\n\nWhen Lee noted that Roe calls it “a tax,” Roe seized on the word.");
    assert_eq!(
        triples(&doc),
        [(Some("Lee"), "noted", "that Roe calls it “a tax,”")]
    );
}

#[test]
fn a_passive_stance_has_no_speaker_even_without_be() {
    // "with X expected to …": an absolute phrase, passive.
    let doc = run("Title\n\nThe runoff is set for May 3, with Roe and Lee expected to advance.");
    assert_eq!(doc.quotes.len(), 1, "{:?}", triples(&doc));
    assert!(doc.quotes[0].source.is_none(), "{:?}", triples(&doc));
    // "is best known for": a degree word between "be" and the participle.
    let doc = run("Title\n\nShe is best known for her columns on the budget.");
    assert!(
        doc.quotes.iter().all(|q| q.source.is_none()),
        "{:?}",
        triples(&doc)
    );
    // A source familiar with something still speaks.
    let doc = run("Title\n\nAn aide familiar with the talks said the deal was close.");
    assert_eq!(
        triples(&doc),
        [(
            Some("An aide familiar with the talks"),
            "said",
            "the deal was close"
        )]
    );
}

#[test]
fn the_target_of_criticism_is_not_the_critic() {
    let doc = run("Title\n\nRoe faced criticism for her vote.\n\nLee drew criticism from unions for his budget.");
    assert_eq!(
        triples(&doc),
        [
            (None, "criticism", "her vote"),
            (Some("unions"), "criticism", "his budget"),
        ]
    );
    // With adjectives before the criticism, and with auxiliaries before
    // the verb: the one criticised is never its source.
    let doc = run("Title\n\nLee drew sharp criticism from unions for his budget.\n\nThe plan has drawn harsh criticism from fellow council members.\n\nRoe is already receiving harsh criticism for her vote.");
    let found = triples(&doc);
    assert_eq!(
        found,
        [
            (Some("unions"), "criticism", "his budget"),
            (Some("fellow council members"), "criticism", "The plan"),
            (None, "criticism", "her vote"),
        ]
    );
}

#[test]
fn a_set_off_passive_stance_has_no_speaker() {
    let doc = run("Title\n\nAnn Roe, widely expected to win, said the race was close.\n\nThe levy - considered harsher than any in years - is angering farmers.");
    assert_eq!(
        triples(&doc),
        [(
            Some("Ann Roe, widely expected to win,"),
            "said",
            "the race was close"
        )]
    );
}

#[test]
fn a_relative_clause_that_lists_places_is_no_description_of_a_name() {
    let doc = run("Title\n\nAnn Roe, who will retire soon after serving in Peru, Chile and Spain, praised the treaty.");
    let q = &doc.quotes[0];
    assert!(
        q.source.as_ref().unwrap().text.starts_with("Ann Roe"),
        "{:?}",
        triples(&doc)
    );
    assert_eq!(speaker_of(&doc, q), "Ann Roe");
}

#[test]
fn a_post_posed_report_inside_another_s_content_is_its_own() {
    let doc = run("Title\n\nMembers are asked to rank the bids, and the board is less likely to be “swayed by donors,” Lee said.\n\nRoe said the levy is dead, and the board is “swayed by donors,” Lee said.");
    assert_eq!(
        triples(&doc),
        [
            (None, "are asked", "to rank the bids"),
            (
                Some("Lee"),
                "said",
                "the board is less likely to be “swayed by donors,”"
            ),
            (Some("Roe"), "said", "the levy is dead"),
            (Some("Lee"), "said", "the board is “swayed by donors,”"),
        ]
    );
}

#[test]
fn a_post_posed_report_after_a_quoted_phrase_reports_the_whole_clause() {
    for (text, source, content) in [
        (
            "The mayor plans to rebuild the harbor by fostering a culture of “thrift and daring,” Ann Roe said Monday.",
            "Ann Roe",
            "The mayor plans to rebuild the harbor by fostering a culture of “thrift and daring,”",
        ),
        (
            "In one such email, Lee explored how he had hidden a note card in a “safe room,” the Ledger reported.",
            "the Ledger",
            "In one such email, Lee explored how he had hidden a note card in a “safe room,”",
        ),
    ] {
        let doc = run(&format!("Title\n\n{text}"));
        let found: Vec<_> = triples(&doc)
            .into_iter()
            .filter(|t| t.0 == Some(source))
            .collect();
        assert_eq!(found.len(), 1, "{text}: {:?}", triples(&doc));
        assert_eq!(found[0].2, content, "{text}");
        // No other record holds the report's source and cue.
        assert!(
            doc.quotes
                .iter()
                .all(|q| !q.content.text.ends_with(&format!("{source} said"))
                    && !q.content.text.ends_with(&format!("{source} reported"))),
            "{text}: {:?}",
            triples(&doc)
        );
    }
}

#[test]
fn a_long_participle_phrase_after_a_tagged_name_leaves_the_name_the_speaker() {
    let doc = run("Title\n\nSen. Ann Roe (D-Ore.), facing a stiff reelection challenge from former Harbor County Sheriff Tom Lee, noted that the levy had passed.");
    assert_eq!(
        triples(&doc),
        [(
            Some("Sen. Ann Roe (D-Ore.)"),
            "noted",
            "that the levy had passed"
        )]
    );
}

#[test]
fn the_noun_phrase_of_an_absolute_with_is_the_participle_s_speaker() {
    let doc = run("Title\n\nFarmers were among the first backers of the levy, with the Harbor Growers Union calling it “a lifeline.”\n\nLee turned on Roe, with the campaign of the former mayor saying she was “no friend of farmers.”");
    let sources: Vec<_> = triples(&doc)
        .into_iter()
        .filter(|t| matches!(t.1, "calling" | "saying"))
        .map(|t| t.0)
        .collect();
    assert_eq!(
        sources,
        [
            Some("the Harbor Growers Union"),
            Some("the campaign of the former mayor")
        ]
    );
}

#[test]
fn a_noun_and_a_past_verb_are_a_clause_not_a_speaker() {
    let doc = run("Title\n\nA campaign memo was released as the polls closed stating that the loss was \"long anticipated.\"");
    assert!(
        doc.quotes.iter().all(|q| q
            .source
            .as_ref()
            .is_none_or(|s| s.text != "the polls closed")),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn one_given_a_name_is_no_speaker_of_it() {
    let doc = run("Title\n\nAnn Roe, dubbed “the Iron Lady,” said the levy would pass.\n\nKyle, referred to as the finest sniper of his era, has long been a hero to some.");
    let t = triples(&doc);
    assert!(
        t.contains(&(Some("Ann Roe"), "said", "the levy would pass")),
        "{t:?}"
    );
    assert!(
        t.iter().all(|q| !matches!(q.1, "dubbed" | "referred")),
        "{t:?}"
    );
}

#[test]
fn a_subordinate_clause_inside_a_that_clause_is_part_of_it() {
    let doc = run("Title\n\nThe survey showed that although Roe has touted her record, voters rated the two about the same.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("The survey"),
                "showed",
                "that although Roe has touted her record, voters rated the two about the same"
            ),
            (Some("Roe"), "has touted", "her record"),
        ]
    );
}

#[test]
fn an_inverted_report_set_into_its_sentence_names_the_speaker_after_the_verb() {
    let doc = run("Title\n\nAnd the mayor, said Ann Roe, who has known him for years, does not forgive.\n\nThe levy, said Tom Lee, is dead.\n\nThe levy is dead, said Tom Lee, a farmer near Salem.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Ann Roe, who has known him for years,"),
                "said",
                "the mayor, said Ann Roe, who has known him for years, does not forgive"
            ),
            (Some("Tom Lee"), "said", "The levy, said Tom Lee, is dead"),
            (
                Some("Tom Lee, a farmer near Salem"),
                "said",
                "The levy is dead"
            ),
        ]
    );
    assert_eq!(
        parts(&doc)[0],
        ["the mayor", "does not forgive"],
        "{:?}",
        parts(&doc)
    );
}

#[test]
fn the_object_of_as_after_a_participle_is_no_subject() {
    let doc = run("Title\n\nLee said Tuesday that some residents who were voting as independents in town elections complained about the ballot.");
    assert!(
        triples(&doc)
            .iter()
            .all(|t| t.0 != Some("independents in town elections")),
        "{:?}",
        triples(&doc)
    );
    assert_eq!(
        triples(&doc)[0],
        (
            Some("Lee"),
            "said",
            "that some residents who were voting as independents in town elections complained about the ballot"
        )
    );
    // "As" that opens a clause still leads to its subject.
    let doc = run("Title\n\nAs Roe said, the levy is dead.");
    assert_eq!(triples(&doc), [(Some("Roe"), "said", "the levy is dead")]);
}

#[test]
fn a_name_after_an_object_and_and_has_its_own_stance() {
    let doc = run("Title\n\nRoe wants the votes and Lee wants to be a hero.\n\nAnn said that only people such as Tom and Jim Park wanted “open borders.”");
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "wants", "the votes"),
            (Some("Lee"), "wants", "to be a hero"),
            (
                Some("Ann"),
                "said",
                "that only people such as Tom and Jim Park wanted “open borders.”"
            ),
        ]
    );
}

#[test]
fn a_predicate_of_be_is_no_word_of_the_next_subject() {
    let doc = run("Title\n\nShe was pleased Lee had said the plan would fail.");
    let sources: Vec<_> = doc
        .quotes
        .iter()
        .filter_map(|q| q.source.as_ref().map(|s| s.text.as_str()))
        .collect();
    assert!(sources.contains(&"Lee"), "{sources:?}");
    assert!(
        sources.iter().all(|s| !s.contains("pleased")),
        "{sources:?}"
    );
}

#[test]
fn an_infinitive_after_the_cue_s_object_keeps_its_verb() {
    for (text, infinitive) in [
        (
            "Roe told reporters to expect a vote soon.",
            "to expect a vote soon",
        ),
        (
            "Lee urged the senators to reject the bill.",
            "to reject the bill",
        ),
    ] {
        let doc = run(&format!("Title\n\n{text}"));
        let content = &doc.quotes[0].content.text;
        assert!(content.ends_with(infinitive), "{text}: {content}");
    }
}

#[test]
fn a_quotation_a_verb_of_the_lead_introduces_stays_that_verb_s() {
    let doc =
        run("Title\n\nRoe said the talks were slow but added, “We will get there,” Roe said.");
    let added = doc
        .quotes
        .iter()
        .find(|q| q.content.text == "“We will get there,”");
    assert!(added.is_some_and(|q| q.cue.as_ref().unwrap().text == "added"));
    assert!(doc
        .quotes
        .iter()
        .all(|q| !q.content.text.starts_with("Roe said")));
}

#[test]
fn what_an_agent_called_something_is_no_part_of_the_agent() {
    let doc = run("Title\n\nThe bill was criticized by Democrats as a giveaway to the rich.");
    assert_eq!(
        doc.quotes[0].source.as_ref().unwrap().text,
        "Democrats",
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn a_pronoun_stands_for_the_person_named_just_before_it() {
    let doc = run("Title\n\n“We have no plans to raise taxes,” said Governor Ann Roe.\n\nSenator Tom Lee disagreed. “The numbers don’t add up,” he told reporters.\n\nSenator Jim Park left early.");
    assert_eq!(speaker_of_source(&doc, "he"), "Tom Lee");
    // A person the article only names, whom no source stands for, is no
    // speaker.
    let names: Vec<&str> = doc.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ann Roe", "Tom Lee"]);
    assert_eq!(doc.speakers[1].id, "s2");
    assert_eq!(doc.speakers[1].mentions.len(), 1);
}

#[test]
fn capitals_that_open_a_sentence_are_no_person_without_firm_ground() {
    // No title, and no source with that surname: "Puerto Rico" and
    // "Chasing Trump" are no antecedents.
    let doc = run("Title\n\n“We will pay,” said Governor Ann Roe.\n\nPuerto Rico remains in debt. Chasing Trump is hard. “It is a long road,” she said.");
    assert_eq!(speaker_of_source(&doc, "she"), "Ann Roe");
}

#[test]
fn a_territory_that_opens_a_sentence_is_no_antecedent() {
    // "Puerto Rico has warned" made the territory a person, whose surname
    // "Rico" then gave firm ground to the sentence that opens with it.
    let doc = run("Title\n\n“We will pay,” said Ann Roe, the finance chief.\n\nPuerto Rico has warned that it is running out of cash. Investors in Puerto Rico are nervous.\n\nPuerto Rico owes $70 billion. “It is a long road,” she said.");
    assert_eq!(speaker_of_source(&doc, "she"), "Ann Roe");
    assert!(doc.speakers.iter().all(|s| s.name != "Puerto Rico"));
}

#[test]
fn a_naming_participle_after_a_medium_reports_its_own_quotation() {
    // After "wrote on Twitter" the detector scores "calling" low; the
    // quotation it names is still its report, never part of the one before.
    let doc = run("Title\n\n“It’s a scam,” Lee wrote on Twitter, calling the proposal “a giveaway to the rich.”");
    assert_eq!(
        triples(&doc),
        [
            (Some("Lee"), "wrote on Twitter", "“It’s a scam,”"),
            (Some("Lee"), "calling", "“a giveaway to the rich.”"),
        ]
    );
    // The same with another medium or naming verb: two records, and the
    // first quotation never runs on over the second.
    let doc =
        run("Title\n\n“It’s over,” Ann Roe wrote in a statement, dubbing the ruling “a disgrace.”");
    assert_eq!(
        triples(&doc),
        [
            (Some("Ann Roe"), "wrote in a statement", "“It’s over,”"),
            (Some("Ann Roe"), "dubbing", "the ruling “a disgrace.”"),
        ]
    );
}

#[test]
fn a_medium_after_a_cue_is_no_content() {
    // "on Twitter late Sunday" says where and when, not what.
    let doc = run("Title\n\nTom Lee weighed in on Twitter late Sunday.");
    assert!(doc.quotes.is_empty(), "{:?}", triples(&doc));
    // What is said there is still reported.
    let doc = run("Title\n\nRoe said on Twitter that the plan was dead.");
    assert_eq!(
        triples(&doc),
        [(Some("Roe"), "said on Twitter", "that the plan was dead")]
    );
}

#[test]
fn a_noun_that_sums_up_a_report_is_what_the_second_speaker_denied() {
    // Roe denied the charge, not Lee's words: read as Roe's content, the
    // clause before put Lee's quotation into Roe's mouth.
    let doc =
        run("Title\n\nLee said Roe “lied to voters,” an allegation Roe has repeatedly denied.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Lee"), "said", "Roe “lied to voters,”"),
            (Some("Roe"), "has repeatedly denied", "an allegation"),
        ]
    );
    // With "that", and a subject the detector alone does not take for one.
    let doc = run(
        "Title\n\nTom Lee accused Ann Roe of “lying,” a charge that the Roe campaign disputes.",
    );
    assert_eq!(
        triples(&doc),
        [
            (Some("Tom Lee"), "accused", "Ann Roe of “lying,”"),
            (Some("the Roe campaign"), "disputes", "a charge"),
        ]
    );
    // A decision others react to is summed up the same way; without a cue
    // of its own the apposition is the writer's, no part of the report.
    let doc = run("Title\n\nRoe said she would run, a decision that her allies praised.\n\nLee said the levy was “a scam,” a view many voters share.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Roe"), "said", "she would run"),
            (Some("her allies"), "praised", "a decision"),
            (Some("Lee"), "said", "the levy was “a scam,”"),
        ]
    );
    // A clause that goes on after its verb, or a noun that is the object of
    // a report's own clause, is no such apposition.
    let doc = run("Title\n\nLee made a false claim, Roe said.");
    assert_eq!(
        triples(&doc),
        [(Some("Roe"), "said", "Lee made a false claim")]
    );
}

#[test]
fn a_source_that_denies_the_saying_names_no_speaker() {
    // Listing Roe as the speaker would have a digest say she responded.
    let doc = run("Title\n\nAnn Roe said the levy was dead.\n\nNeither Tom Lee nor Roe responded to requests for comment.\n\nNobody from the campaign commented on the report.");
    let negated: Vec<_> = doc
        .quotes
        .iter()
        .filter(|q| {
            q.source
                .as_ref()
                .is_some_and(|s| !s.text.contains("Ann Roe"))
        })
        .collect();
    assert_eq!(negated.len(), 2, "{:?}", triples(&doc));
    assert!(
        negated.iter().all(|q| q.speaker.is_none()),
        "{:?}",
        doc.quotes
    );
    // Ann Roe's own report keeps her; Tom Lee, named only in the denial,
    // is no speaker.
    let names: Vec<_> = doc.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ann Roe"]);
}

#[test]
fn the_one_quoted_as_saying_is_the_speaker() {
    // The outlet reports the quoting; the quoted words are the minister's,
    // never the outlet's own direct quote.
    let doc = run("Title\n\nThe Herald quoted the minister as saying, “We will not pay.”");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("The Herald"),
                "quoted",
                "the minister as saying, “We will not pay.”"
            ),
            (Some("the minister"), "saying", "“We will not pay.”"),
        ]
    );
    // Passive, with or without the agent; a set-off clause ends at its comma.
    let doc = run("Title\n\nAnn Roe was quoted as saying the levy was dead.\n\nThe minister, quoted by the Herald as saying that the levy was “theft,” left early.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Ann Roe"), "saying", "the levy was dead"),
            (Some("The minister"), "saying", "that the levy was “theft,”"),
        ]
    );
}

#[test]
fn a_role_of_someone_named_in_the_possessive_then_the_name_is_the_source() {
    // "he" is the subject of what was said, not the speaker.
    let doc = run("Title\n\nLee’s wife, Mary, said he “never wanted to run.”\n\nThe mayor's spokesman, Tom Park, said the report was “false.”");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Lee’s wife, Mary,"),
                "said",
                "he “never wanted to run.”"
            ),
            (
                Some("The mayor's spokesman, Tom Park,"),
                "said",
                "the report was “false.”"
            ),
        ]
    );
    assert_eq!(speaker_of(&doc, &doc.quotes[0]), "Mary");
}

#[test]
fn an_age_and_a_description_after_a_name_keep_the_name_the_source() {
    // Read as "…, said the levy", the phrase after the verb hid Roe and
    // made the levy the speaker of her quotation.
    let doc = run("Title\n\nAnn Roe, 54, a former teacher, said the levy “hurts families.”");
    assert_eq!(
        triples(&doc),
        [(
            Some("Ann Roe, 54, a former teacher,"),
            "said",
            "the levy “hurts families.”"
        )]
    );
    assert_eq!(speaker_of(&doc, &doc.quotes[0]), "Ann Roe");
    // An inverted source still takes a quotation that opens its sentence
    // or follows it.
    let doc = run("Title\n\nSaid Jane Roe, a neighbor, “We were proud.”\n\n“It’s over,” said Lee.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Jane Roe, a neighbor,"), "Said", "“We were proud.”"),
            (Some("Lee"), "said", "“It’s over,”"),
        ]
    );
}

#[test]
fn a_floated_quantifier_is_neither_source_nor_cue() {
    let doc = run("Title\n\nTom Lee and Ann Roe both said the levy was “unfair.”\n\nThe senators each said the levy would pass.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("Tom Lee and Ann Roe"),
                "said",
                "the levy was “unfair.”"
            ),
            (Some("The senators"), "said", "the levy would pass"),
        ]
    );
}

#[test]
fn aides_to_someone_speak_for_them_and_are_not_them() {
    // The aides' words given to Roe would put them in her mouth; "and Lee"
    // inside the phrase names no second speaker.
    let doc = run("Title\n\nAides to Ann Roe said the talks had failed.\n\nStrategists for Ann Roe and Tom Lee agree that the ad hurt her.");
    let names: Vec<_> = doc.quotes.iter().map(|q| speaker_of(&doc, q)).collect();
    assert_eq!(
        names,
        ["Aides to Ann Roe", "Strategists for Ann Roe and Tom Lee"]
    );
    assert!(doc.quotes.iter().all(|q| q.speakers.is_empty()));
}

#[test]
fn another_after_an_inverted_verb_is_a_second_speaker() {
    // Read as no source, "said another" joined the second quotation to the
    // first speaker's.
    let doc = run("Title\n\n“It’s a tax,” said one voter. “A tax on us,” said another.");
    assert_eq!(
        triples(&doc),
        [
            (Some("one voter"), "said", "“It’s a tax,”"),
            (Some("another"), "said", "“A tax on us,”"),
        ]
    );
}

#[test]
fn a_participle_after_before_shares_the_report_s_subject() {
    let doc = run("Title\n\n“I’m not going to answer that,” Ann Roe said, before adding: “Next question.”\n\nTom Lee said the levy was dead, before adding that it “could return.”");
    assert_eq!(
        triples(&doc),
        [
            (Some("Ann Roe"), "said", "“I’m not going to answer that,”"),
            (Some("Ann Roe"), "adding", "“Next question.”"),
            (Some("Tom Lee"), "said", "the levy was dead"),
            (Some("Tom Lee"), "adding", "that it “could return.”"),
        ]
    );
}

#[test]
fn a_campaign_is_none_of_another_s_people() {
    // Lee's campaign is not Roe's campaign manager.
    let doc = run("Title\n\nAnn Roe’s campaign manager said Lee “lied.” Lee’s campaign said Roe was “desperate.”");
    let names: Vec<_> = doc.quotes.iter().map(|q| speaker_of(&doc, q)).collect();
    assert_eq!(names, ["Ann Roe’s campaign manager", "Lee’s campaign"]);
    // "The campaign" is not an attorney with the Campaign Legal Center
    // named after it.
    let doc = run("Title\n\nThe campaign declined to comment on the levy.\n\n“It’s unusual,” said Tom Park, an attorney with the Campaign Legal Center.");
    let names: Vec<_> = doc.quotes.iter().map(|q| speaker_of(&doc, q)).collect();
    assert_eq!(names, ["campaign", "Tom Park"]);
}

#[test]
fn a_naming_passive_reports_the_agent_s_quotation() {
    let doc = run("Title\n\nAnn Roe was called “reckless” by Tom Lee.\n\nThe levy was described as “a disaster” by the mayor.");
    assert_eq!(
        triples(&doc),
        [
            (Some("Tom Lee"), "was called", "“reckless”"),
            (Some("the mayor"), "was described", "“a disaster”"),
        ]
    );
}

#[test]
fn nouns_and_adjectives_spelt_like_adverbs_open_a_source() {
    let doc = run("Title\n\nThe family said the search would go on. Turnout rose, a family spokesman said. Lee led among young voters, according to an early tally.");
    assert_eq!(
        triples(&doc),
        [
            (Some("The family"), "said", "the search would go on"),
            (Some("a family spokesman"), "said", "Turnout rose"),
            (
                Some("an early tally"),
                "according to",
                "Lee led among young voters"
            ),
        ]
    );
}

#[test]
fn an_opening_according_to_runs_to_the_comma_that_closes_it() {
    let doc = run("Title\n\nAccording to early results of exit polls conducted for the Ledger and two radio stations by Harbor Research, most voters in each county distrust the council.\n\nAccording to talks with a dozen of Roe's friends, aides and donors, she wants to run again.");
    assert_eq!(
        triples(&doc),
        [
            (
                Some("early results of exit polls conducted for the Ledger and two radio stations by Harbor Research"),
                "According to",
                "most voters in each county distrust the council"
            ),
            (
                Some("talks with a dozen of Roe's friends, aides and donors"),
                "According to",
                "she wants to run again"
            ),
        ]
    );
}

#[test]
fn a_clause_after_an_inverted_verb_is_no_source() {
    // "the Roe family deserved better" is what Lee said, not who said it;
    // "a spokesman based in Ohio" is a source.
    let doc = run("Title\n\nTom Lee, a lawyer who has declined to back the mayor, said the Roe family deserved better.\n\nThe levy will pass, said a spokesman based in Ohio.");
    let t = triples(&doc);
    assert!(
        t.iter()
            .all(|(s, _, _)| *s != Some("the Roe family deserved better")),
        "{t:?}"
    );
    assert!(
        t.contains(&(
            Some("a spokesman based in Ohio"),
            "said",
            "The levy will pass"
        )),
        "{t:?}"
    );
}

#[test]
fn a_poll_reports_its_finding_with_in() {
    let doc = run("Title\n\nIn a Harbor Ledger poll released Sunday, Ann Roe held a 12-point lead over Tom Lee. Lee trails the mayor badly in the latest surveys.\n\nHer lead in the polls has grown. In a new poll, most voters said the levy was unfair.\n\nKim came a distant second in the count on Monday, although Park moved up in the latest polls.");
    let t = triples(&doc);
    assert!(
        t.contains(&(
            Some("a Harbor Ledger poll released Sunday"),
            "In",
            "Ann Roe held a 12-point lead over Tom Lee"
        )),
        "{t:?}"
    );
    assert!(
        t.contains(&(
            Some("the latest surveys"),
            "in",
            "Lee trails the mayor badly"
        )),
        "{t:?}"
    );
    // A poll in mid sentence is the writer's; a finding with a cue of its
    // own is that cue's report.
    assert_eq!(
        t.iter()
            .filter(|(_, c, _)| c.eq_ignore_ascii_case("in"))
            .count(),
        3,
        "{t:?}"
    );
    assert!(
        t.contains(&(Some("the latest polls"), "in", "Park moved up")),
        "{t:?}"
    );
    assert!(
        t.contains(&(Some("most voters"), "said", "the levy was unfair")),
        "{t:?}"
    );
}

#[test]
fn a_question_when_asked_is_a_record_asked_by_no_one_named() {
    let doc = run("Title\n\n“We will see,” Roe said when asked whether she would run again.\n\nWhen asked by a reporter whether the levy would pass, Lee laughed.\n\nAsked by Tom Lee whether she had practiced, she said no.");
    let t = triples(&doc);
    for want in [
        (None, "asked", "whether she would run again"),
        (Some("a reporter"), "asked", "whether the levy would pass"),
        (None, "Asked", "whether she had practiced"),
    ] {
        assert!(t.contains(&want), "{want:?} in {t:?}");
    }
    // The answer is not the asker's: a named asker is no speaker.
    let doc_speakers: Vec<&str> = doc.speakers.iter().map(|s| s.name.as_str()).collect();
    assert!(!doc_speakers.contains(&"Tom Lee"), "{doc_speakers:?}");
}

#[test]
fn an_interview_answer_that_reports_is_its_own_attribution() {
    let doc = run("Title\n\nQ: What do you make of the race?\n\nA: I think the mayor is right about the levy.\n\nA: The levy was a mistake from the start.\n\nA: I felt that nobody listened to us.");
    let t = triples(&doc);
    assert!(
        t.contains(&(Some("I"), "think", "the mayor is right about the levy")),
        "{t:?}"
    );
    assert!(
        t.contains(&(Some("A"), ":", "The levy was a mistake from the start")),
        "{t:?}"
    );
    assert!(
        !t.iter()
            .any(|(s, _, c)| *s == Some("A") && c.contains("mayor")),
        "{t:?}"
    );
    // Only a hedge that opens the answer: a feeling told stays the
    // answer's.
    assert!(
        t.iter()
            .any(|(s, _, c)| *s == Some("A") && c.contains("nobody listened")),
        "{t:?}"
    );
}

#[test]
fn a_nounish_verb_after_its_subject_is_a_cue() {
    let doc = run("Title\n\nMost students support the new levy. Roe plans to unveil a new tax plan.\n\nTheir support for the levy is strong. Should they continue to rebuff the mayor, the levy will fail.");
    let t = triples(&doc);
    assert!(
        t.contains(&(Some("Most students"), "support", "the new levy")),
        "{t:?}"
    );
    assert!(
        t.contains(&(Some("Roe"), "plans", "to unveil a new tax plan")),
        "{t:?}"
    );
    // A noun before its preposition, and an aspect verb, report nothing.
    assert!(
        t.iter()
            .all(|(_, c, _)| !c.contains("support for") && !c.starts_with("continue")),
        "{t:?}"
    );
    assert_eq!(t.len(), 2, "{t:?}");
}

#[test]
fn a_purpose_infinitive_reports_for_the_subject_of_its_clause() {
    let doc = run("Title\n\nTom Lee went on television to say the levy was dead. Ann Roe used her speech to argue that taxes must rise.\n\nLee declined to say whether he would run.");
    let t = triples(&doc);
    for want in [
        (Some("Tom Lee"), "say", "the levy was dead"),
        (Some("Ann Roe"), "argue", "that taxes must rise"),
    ] {
        assert!(t.contains(&want), "{want:?} in {t:?}");
    }
    // The verb the infinitive hangs on is no cue of its own.
    assert!(
        t.iter().all(|(_, c, _)| *c != "went" && *c != "used"),
        "{t:?}"
    );
    assert!(t.iter().any(|(s, _, _)| *s == Some("Lee")), "{t:?}");
}

#[test]
fn they_is_no_one_described_in_the_singular() {
    let doc = run("Title\n\nA woman at the rally said the mayor was a liar. They said the council could wait.");
    let they = doc
        .quotes
        .iter()
        .find(|q| q.source.as_ref().is_some_and(|s| s.text == "They"))
        .expect("a quote of \"They\"");
    assert!(they.speaker.is_none(), "{:?}", they.speaker);
}

#[test]
fn a_quotation_an_opening_participle_governs_is_not_what_the_cue_reports() {
    let doc = run("Title\n\nCiting “pressing duties at home,” the mayor’s spokeswoman told the Ledger that Roe would skip the summit.\n\nCiting “pressing duties at home,” the mayor declined.");
    let t = triples(&doc);
    assert!(
        t.contains(&(
            Some("the mayor’s spokeswoman"),
            "told",
            "that Roe would skip the summit"
        )),
        "{t:?}"
    );
    assert!(
        t.iter()
            .all(|(_, c, content)| *c != "told" || !content.contains("Citing")),
        "{t:?}"
    );
}
