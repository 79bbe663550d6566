//! News conventions of the sentence segmenter, on text written the way wire
//! and web articles are.

use newsdigest::ingest::ingest;
use newsdigest::segment::{segment, split_sentences};

fn split(text: &str) -> Vec<&str> {
    split_sentences(text, 0..text.len())
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn quotation_with_attribution_stays_one_sentence() {
    assert_eq!(
        split(
            "\"We have decided to resume dialogue on human rights issues within this year,\" \
             Tang said shortly after meeting with Powell. He said the talks \"produced very \
             concrete achievements.\""
        ),
        [
            "\"We have decided to resume dialogue on human rights issues within this year,\" \
             Tang said shortly after meeting with Powell.",
            "He said the talks \"produced very concrete achievements.\"",
        ]
    );
}

#[test]
fn question_in_quotes_keeps_its_speaker() {
    assert_eq!(
        split(
            "\u{201c}Is this the end of the talks?\u{201d} Foreign Minister Tang asked reporters. \
             \u{201c}Why now?\u{201d} she asked. \u{201c}No!\u{201d} The crowd fell silent."
        ),
        [
            "\u{201c}Is this the end of the talks?\u{201d} Foreign Minister Tang asked reporters.",
            "\u{201c}Why now?\u{201d} she asked.",
            "\u{201c}No!\u{201d}",
            "The crowd fell silent.",
        ]
    );
}

#[test]
fn closing_quote_after_the_period_belongs_to_the_sentence() {
    assert_eq!(
        split("He called the plan \u{201c}a disaster.\u{201d} Aides disagreed. 'Never.' It ended."),
        [
            "He called the plan \u{201c}a disaster.\u{201d}",
            "Aides disagreed.",
            "'Never.'",
            "It ended.",
        ]
    );
}

#[test]
fn titles_and_honorifics() {
    assert_eq!(
        split(
            "Sen. Bernie Sanders met Gov. Chris Christie, Rep. Nancy Pelosi and Dr. Ben Carson. \
             Lt. Gen. Michael Flynn, Adm. Mike Mullen and Pres. Obama were absent. Mr. and Mrs. \
             Smith and Ms. Jones visited St. Louis, then Mt. Vernon on Main St. They left."
        ),
        [
            "Sen. Bernie Sanders met Gov. Chris Christie, Rep. Nancy Pelosi and Dr. Ben Carson.",
            "Lt. Gen. Michael Flynn, Adm. Mike Mullen and Pres. Obama were absent.",
            "Mr. and Mrs. Smith and Ms. Jones visited St. Louis, then Mt. Vernon on Main St.",
            "They left.",
        ]
    );
}

#[test]
fn initials_and_the_pronoun_i() {
    assert_eq!(
        split(
            "President George W. Bush met Jiang. J.K. Rowling and E. B. White wrote books. \
             You and I. That is all."
        ),
        [
            "President George W. Bush met Jiang.",
            "J.K. Rowling and E. B. White wrote books.",
            "You and I.",
            "That is all.",
        ]
    );
}

#[test]
fn state_abbreviations() {
    assert_eq!(
        split(
            "The rally in Newark, N.J., drew 5,000 people. Rep. Joe Kennedy (D-Mass.) spoke in \
             Tallahassee, Fla. The crowd cheered for Sen. Bernie Sanders (I-Vt.). Clinton won."
        ),
        [
            "The rally in Newark, N.J., drew 5,000 people.",
            "Rep. Joe Kennedy (D-Mass.) spoke in Tallahassee, Fla.",
            "The crowd cheered for Sen. Bernie Sanders (I-Vt.).",
            "Clinton won.",
        ]
    );
}

#[test]
fn months() {
    assert_eq!(
        split(
            "The vote is set for Jan. 15. The debate was on Sept. 16, and results came Oct. 3. \
             It was held in Feb. Nobody came."
        ),
        [
            "The vote is set for Jan. 15.",
            "The debate was on Sept. 16, and results came Oct. 3.",
            "It was held in Feb.",
            "Nobody came.",
        ]
    );
}

#[test]
fn corporate_suffixes() {
    assert_eq!(
        split(
            "Shares of Apple Inc. rose while Exxon Mobil Corp. fell. The deal was signed by \
             Pitt, Briggs & Co. It closed yesterday. Samsung Co. Ltd. declined to comment."
        ),
        [
            "Shares of Apple Inc. rose while Exxon Mobil Corp. fell.",
            "The deal was signed by Pitt, Briggs & Co.",
            "It closed yesterday.",
            "Samsung Co. Ltd. declined to comment.",
        ]
    );
}

#[test]
fn country_initialisms() {
    assert_eq!(
        split(
            "The U.S. Senate and the U.N. Security Council met. Officials in the U.K. said \
             little. They left the U.S. The talks ended."
        ),
        [
            "The U.S. Senate and the U.N. Security Council met.",
            "Officials in the U.K. said little.",
            "They left the U.S.",
            "The talks ended.",
        ]
    );
}

#[test]
fn times_of_day() {
    assert_eq!(
        split(
            "Polls open at 7 a.m. and close at 8 p.m. Results are expected by 11 p.m. Eastern \
             time. At 6 a.m. Mr. Smith voted."
        ),
        [
            "Polls open at 7 a.m. and close at 8 p.m.",
            "Results are expected by 11 p.m. Eastern time.",
            "At 6 a.m. Mr. Smith voted.",
        ]
    );
}

#[test]
fn numbers_and_money() {
    assert_eq!(
        split(
            "The company lost $1.5 million, or 2.9 percent, in 2015. It has 3.5 million users \
             and 1.3 billion people live there. No. 2 was next. It cost $100.00. Done."
        ),
        [
            "The company lost $1.5 million, or 2.9 percent, in 2015.",
            "It has 3.5 million users and 1.3 billion people live there.",
            "No. 2 was next.",
            "It cost $100.00.",
            "Done.",
        ]
    );
}

#[test]
fn datelines() {
    assert_eq!(
        split(
            "WASHINGTON (AP) \u{2014} The Senate voted 51-49 on Tuesday. Democrats objected.\n\n\
             PORTSMOUTH, N.H. \u{2014} He may be a big underdog. But he runs.\n\n\
             MANCHESTER, N.H. -- The National Review hosted a party."
        ),
        [
            "WASHINGTON (AP) \u{2014} The Senate voted 51-49 on Tuesday.",
            "Democrats objected.",
            "PORTSMOUTH, N.H. \u{2014} He may be a big underdog.",
            "But he runs.",
            "MANCHESTER, N.H. -- The National Review hosted a party.",
        ]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        split(
            "He paused\u{2026} Then he spoke again. \u{201c}We will win \u{2026} eventually,\
             \u{201d} he said. They waited... and waited. It was over.... Nobody left."
        ),
        [
            "He paused\u{2026}",
            "Then he spoke again.",
            "\u{201c}We will win \u{2026} eventually,\u{201d} he said.",
            "They waited... and waited.",
            "It was over....",
            "Nobody left.",
        ]
    );
}

#[test]
fn urls_and_email_addresses() {
    assert_eq!(
        split(
            "Read more at www.cbsnews.com. Send tips to tips@cbsnews.com. Or visit \
             https://example.com/a.b?c=d!e. Thanks!"
        ),
        [
            "Read more at www.cbsnews.com.",
            "Send tips to tips@cbsnews.com.",
            "Or visit https://example.com/a.b?c=d!e.",
            "Thanks!",
        ]
    );
}

#[test]
fn paragraph_breaks_always_end_a_sentence() {
    assert_eq!(
        split("The talks continue with Mr.\n\nSmith left\n \t\nthe room"),
        ["The talks continue with Mr.", "Smith left", "the room"]
    );
}

#[test]
fn headline_byline_and_dateline_lines_end_sentences() {
    assert_eq!(
        split(
            "U.S., China To Resume Rights Talks\nBy JOHN SMITH\nAssociated Press Writer\n\
             BEIJING (AP) \u{2014}\nChina said Wednesday it will resume talks. [CNN]\nWHAT\u{2019}S NEXT\n\
             Officials said they would meet;\nRights Groups Doubt It"
        ),
        [
            "U.S., China To Resume Rights Talks",
            "By JOHN SMITH",
            "Associated Press Writer",
            "BEIJING (AP) \u{2014}\nChina said Wednesday it will resume talks.",
            "[CNN]",
            "WHAT\u{2019}S NEXT",
            "Officials said they would meet;",
            "Rights Groups Doubt It",
        ]
    );
}

#[test]
fn wrapped_sentences_stay_whole() {
    assert_eq!(
        split(
            "Washington and Beijing plan to resume discussions about\nhuman rights, one of \
             the biggest sticking points.\nTalks resumed in October after President\nGeorge W. \
             Bush met Jiang at a summit with Sen.\nJohn Kerry and\nothers."
        ),
        [
            "Washington and Beijing plan to resume discussions about\nhuman rights, one of the \
             biggest sticking points.",
            "Talks resumed in October after President\nGeorge W. Bush met Jiang at a summit \
             with Sen.\nJohn Kerry and\nothers.",
        ]
    );
}

#[test]
fn lists_split_into_items() {
    assert_eq!(
        split("Three demands:\n1. Release prisoners\n2. Open talks\n\u{2022} one \u{2022} two"),
        [
            "Three demands:",
            "1. Release prisoners",
            "2. Open talks",
            "\u{2022} one",
            "\u{2022} two"
        ]
    );
    // Numbers that do not count up from 1 are not a list.
    assert_eq!(
        split("He won 3) votes 4) times"),
        ["He won 3) votes 4) times"]
    );
}

#[test]
fn crlf_and_lone_cr_are_line_breaks() {
    assert_eq!(
        split("Rights Talks Resume\r\nBody one. Body two.\r\n\r\nNext para.\rLast Line\r"),
        [
            "Rights Talks Resume",
            "Body one.",
            "Body two.",
            "Next para.",
            "Last Line"
        ]
    );
}

#[test]
fn seed_article_sentences_and_boilerplate() {
    let text = include_str!("../examples/cbs-us-china-rights-talks.txt");
    let mut doc = ingest(None, text.to_owned()).unwrap();
    segment(&mut doc);
    let marked: Vec<&str> = doc
        .sentences
        .iter()
        .filter(|s| s.boilerplate)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        marked,
        [
            "Watch CBS News",
            "View CBS News In",
            "CBS News App Open",
            "Chrome Safari Continue"
        ]
    );
    let title = doc.title.as_ref().unwrap();
    assert_eq!(title.text, "U.S., China To Resume Rights Talks");
    assert!(doc
        .sentences
        .iter()
        .any(|s| s.range() == title.range() && !s.boilerplate));
    let texts: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
    assert!(texts.contains(
        &"\"We have decided to resume dialogue on human rights issues within this year,\" Tang \
          said shortly after meeting with Powell."
    ));
    assert!(texts.contains(&"He said the talks \"produced very concrete achievements.\""));
    assert!(texts.contains(&"Hundreds, perhaps thousands, died."));
    assert!(texts.contains(
        &"Talks were suspended after U.S. jets on a NATO mission bombed the Chinese Embassy in \
          Belgrade in 1999, but China and the United States re-opened dialogue in October last \
          year after President George W. Bush met Jiang at an Asia Pacific summit in Shanghai."
    ));
    assert_eq!(doc.sentences.len(), 25);
}
