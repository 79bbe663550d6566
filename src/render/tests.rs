use super::*;
use crate::document::{QuoteKind, Span, Speaker, Summary};
use crate::{attribute::attribute, ingest::ingest, segment::segment};

#[test]
fn unsupported_summary_sentences_are_marked_with_the_reason() {
    let text = include_str!("../../examples/cbs-us-china-rights-talks.txt");
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
            content_parts: vec![],
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
        md.contains("- Officials: \u{201c}Nothing is settled"),
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
    // An anonymous speaker is listed under its description, after the
    // most quoted.
    assert!(
        who.contains("### Officials\n\n- \u{201c}Nothing is settled yet, they insisted\u{201d} (*U.S., China To Resume Rights Talks*)"),
        "{who}"
    );
    assert_eq!(who.matches("### ").count(), 2, "{who}");
    assert!(
        md.contains("2 articles, 3 quotes attributed, 2 speakers."),
        "{md}"
    );

    let text = digest(&[a, b], Format::Text);
    assert!(
        text.contains("Key quotes:\n- Tang Jiaxuan, Chinese Foreign Minister: \u{201c}We have"),
        "{text}"
    );
    assert!(
        text.contains(
            "Who said what\n=============\n\nTang Jiaxuan, Chinese Foreign Minister\n  - \u{201c}"
        ),
        "{text}"
    );
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

/// A document of `text` with `quotes` given as (kind, content, cue, source,
/// speaker index), each span the first occurrence of its words, and
/// `speakers` as (name, kind, description, mentions).
#[allow(clippy::type_complexity)]
fn spoken(
    text: &str,
    quotes: &[(QuoteKind, &str, &str, &str, Option<usize>)],
    speakers: &[(&str, SpeakerKind, &str, &[&str])],
) -> Document {
    let mut d = Document::new(Some("t".into()), text.to_owned());
    let span = |words: &str| {
        let at = text.find(words).unwrap_or_else(|| panic!("{words:?}"));
        Span::new(text, at, at + words.len())
    };
    let first_line = text.lines().next().unwrap();
    d.title = Some(span(first_line));
    let mut sentences = Vec::new();
    let mut at = 0;
    for piece in text.split_inclusive(['\n', '.']) {
        let t = piece.trim();
        if !t.is_empty() {
            let start = at + piece.find(t).unwrap();
            sentences.push(crate::document::Sentence {
                start,
                end: start + t.len(),
                text: t.to_owned(),
                boilerplate: false,
            });
        }
        at += piece.len();
    }
    let quotes = quotes
        .iter()
        .map(|&(kind, content, cue, source, who)| Quote {
            kind,
            content: span(content),
            content_parts: vec![],
            cue: (!cue.is_empty()).then(|| span(cue)),
            source: (!source.is_empty()).then(|| span(source)),
            speaker: who.map(|i| format!("s{i}")),
            speakers: vec![],
            confidence: None,
        })
        .collect();
    let speakers = speakers
        .iter()
        .enumerate()
        .map(|(i, &(name, kind, desc, mentions))| Speaker {
            id: format!("s{i}"),
            name: name.into(),
            kind,
            descriptions: if desc.is_empty() {
                vec![]
            } else {
                vec![desc.into()]
            },
            mentions: mentions.iter().map(|m| span(m)).collect(),
        })
        .collect();
    d.sentences = sentences;
    d.quotes = quotes;
    d.speakers = speakers;
    d
}

const BUDGET: &str = "Budget Passes\n\n\
    Mayor Ann Lee said the budget would pass. Lee said the plan was \"a disaster for the city.\"\n\n\
    \"We have a \"deal\" now,\" Lee said. The plan was announced by Lee.\n\n\
    A city official said the vote was close. Critics say it favors the rich.";

fn budget() -> Document {
    use QuoteKind::*;
    use SpeakerKind::*;
    spoken(
        BUDGET,
        &[
            (
                Indirect,
                "the budget would pass",
                "said",
                "Mayor Ann Lee",
                Some(0),
            ),
            (
                Mixed,
                "the plan was \"a disaster for the city.\"",
                "said",
                "Lee said the",
                Some(0),
            ),
            (
                Direct,
                "\"We have a \"deal\" now,\"",
                "said. The",
                "Lee said. The",
                Some(0),
            ),
            (Indirect, "The plan", "announced", "by Lee", Some(0)),
            (
                Indirect,
                "the vote was close",
                "said",
                "A city official",
                Some(1),
            ),
            (Indirect, "it favors the rich", "say", "Critics", Some(2)),
        ],
        &[
            ("Ann Lee", Person, "Mayor", &["Mayor Ann Lee"]),
            ("city official", Anonymous, "", &["A city official"]),
            ("Critics", Group, "", &["Critics"]),
        ],
    )
}

#[test]
fn reported_speech_has_no_quotation_marks_and_direct_quotes_nest_inner_ones() {
    let md = digest(&[budget()], Format::Markdown);
    for line in [
        // Key quotes: the speaker with the description.
        "- Ann Lee, Mayor: \u{201c}We have a \u{2018}deal\u{2019} now\u{201d}\n",
        "- A city official said the vote was close.\n",
        "- Critics said it favors the rich.\n",
        // Who said what: under the name.
        "- Ann Lee said the budget would pass. (*Budget Passes*)",
        "- Ann Lee said the plan was \u{201c}a disaster for the city.\u{201d} (*Budget Passes*)",
        "- \u{201c}We have a \u{2018}deal\u{2019} now\u{201d} (*Budget Passes*)",
    ] {
        assert!(md.contains(line), "{line:?} missing:\n{md}");
    }
    // A paraphrase is never in quotation marks; a `by …` phrase and a bare
    // noun phrase are no statements.
    assert!(!md.contains("\u{201c}the budget would pass"), "{md}");
    assert!(!md.contains("The plan.") && !md.contains("by Lee"), "{md}");
    assert!(!md.contains("\""), "straight marks left: {md}");
    let text = digest(&[budget()], Format::Text);
    assert!(
        text.contains("  - Ann Lee said the budget would pass. (Budget Passes)"),
        "{text}"
    );
}

#[test]
fn key_quotes_give_each_speaker_a_turn_before_a_second_quote() {
    use QuoteKind::*;
    use SpeakerKind::*;
    let text = "T\n\n\"One two three four five,\" Lee said. \"Six seven eight nine ten,\" Lee said. \
        \"Eleven twelve thirteen fourteen,\" Lee said. \"Fifteen sixteen seventeen eighteen,\" Lee said. \
        \"Nineteen twenty twenty-one twenty-two,\" Lee said. \"Yes indeed,\" Ray said. Officials said it was over.";
    let q = |c| (Direct, c, "", "", Some(0));
    let d = spoken(
        text,
        &[
            q("\"One two three four five,\""),
            q("\"Six seven eight nine ten,\""),
            q("\"Eleven twelve thirteen fourteen,\""),
            q("\"Fifteen sixteen seventeen eighteen,\""),
            q("\"Nineteen twenty twenty-one twenty-two,\""),
            (Direct, "\"Yes indeed,\"", "", "", Some(1)),
            (Indirect, "it was over", "said", "Officials", Some(2)),
        ],
        &[
            ("Ann Lee", Person, "", &[]),
            ("Bo Ray", Person, "", &[]),
            ("officials", Anonymous, "", &["Officials"]),
        ],
    );
    let e = Entry::new(&d, 0);
    let key: Vec<&str> = e
        .quotes
        .iter()
        .filter(|q| q.key)
        .map(|q| q.text.as_str())
        .collect();
    assert_eq!(key.len(), KEY_QUOTES);
    assert!(
        key.contains(&"Yes indeed") && key.contains(&"it was over"),
        "{key:?}"
    );
}

#[test]
fn anonymous_and_group_speakers_are_grouped_within_an_article_only() {
    let a = budget();
    let mut b = budget();
    b.title.as_mut().unwrap().text = "Budget Passes Again".into();
    let md = digest(&[a, b], Format::Markdown);
    let who = &md[md.find("## Who said what").unwrap()..];
    // Ann Lee, named, is one group across both articles; the city official
    // and the critics are one per article.
    assert_eq!(who.matches("### Ann Lee").count(), 1, "{who}");
    assert_eq!(who.matches("### A city official\n").count(), 2, "{who}");
    assert_eq!(who.matches("### Critics\n").count(), 2, "{who}");
    assert!(
        md.contains("2 articles, 12 quotes attributed, 5 speakers."),
        "{md}"
    );
}

/// The attributes of every element of `class` (a class token) in `html`,
/// as (data-kind, data-speaker, data-quote).
fn elements(html: &str, class: &str) -> Vec<(String, String, String)> {
    let attr = |tag: &str, name: &str| {
        let key = format!(" {name}=\"");
        let at = tag.find(&key).map(|i| i + key.len())?;
        Some(tag[at..at + tag[at..].find('"')?].to_owned())
    };
    html.split('<')
        .filter(|tag| attr(tag, "class").is_some_and(|c| c.split(' ').any(|t| t == class)))
        .map(|tag| {
            (
                attr(tag, "data-kind").unwrap_or_default(),
                attr(tag, "data-speaker").unwrap_or_default(),
                attr(tag, "data-quote").unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn html_highlights_every_quote_for_its_speaker_and_lists_every_speaker() {
    let mut d = budget();
    // A quote without a resolved speaker is highlighted too, in grey.
    d.quotes[5].speaker = None;
    let html = digest(std::slice::from_ref(&d), Format::Html);
    let quotes = elements(&html, "quote");
    let expected: Vec<(String, String, String)> = d
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let kind = serde_json::to_value(q.kind).unwrap();
            (
                kind.as_str().unwrap().to_owned(),
                q.speaker.clone().unwrap_or_default(),
                i.to_string(),
            )
        })
        .collect();
    let mut sorted = quotes.clone();
    sorted.sort_by_key(|(_, _, i)| i.parse::<usize>().unwrap());
    assert_eq!(sorted, expected, "{html}");
    assert!(
        html.contains("class=\"quote cx\" data-kind=\"indirect\" data-speaker=\"\""),
        "{html}"
    );
    let legend: Vec<String> = elements(&html, "speaker")
        .into_iter()
        .map(|e| e.1)
        .collect();
    assert_eq!(legend, ["s0", "s1", "s2"], "{html}");
    assert!(
        html.contains("<strong>A city official</strong> <span class=\"kind\">anonymous</span>"),
        "{html}"
    );
    // Self-contained: no script, no resource from anywhere.
    for absent in ["<script", "<link", "<img", "src=", "http"] {
        assert!(!html.contains(absent), "{absent}: {html}");
    }
    // The quote's words, with the article's own marks, inside the element.
    assert!(html.contains("data-quote=\"2\" title=\"Ann Lee, direct\">&quot;We have a &quot;deal&quot; now,&quot;</span>"), "{html}");
}

#[test]
fn html_shows_markup_in_the_article_as_text() {
    use QuoteKind::*;
    let text = "Mayor's <script>alert('t')</script> plan\n\n\
        Ann Lee said <img src=x onerror=alert(1)> was \"a <b>win</b>\" & more.";
    let d = spoken(
        text,
        &[(
            Mixed,
            "<img src=x onerror=alert(1)> was \"a <b>win</b>\" & more",
            "said",
            "Ann Lee",
            Some(0),
        )],
        &[("Ann <i>Lee</i>", SpeakerKind::Person, "<u>mayor</u>", &[])],
    );
    let html = digest(&[d], Format::Html);
    for absent in ["<script", "<img", "<b>", "<i>", "<u>", "onerror=alert(1)>"] {
        assert!(!html.contains(absent), "{absent}: {html}");
    }
    assert!(
        html.contains("<h2>Mayor&#39;s &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; plan</h2>"),
        "{html}"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; was &quot;a &lt;b&gt;win&lt;/b&gt;&quot; &amp; more</span>"), "{html}");
    assert!(
        html.contains("<strong>Ann &lt;i&gt;Lee&lt;/i&gt;</strong>"),
        "{html}"
    );
}

#[test]
fn crossing_spans_stay_nested_with_one_quote_element_each() {
    use QuoteKind::*;
    // The second quote's content starts inside the first's and ends after
    // it: the first is closed and reopened as a continuation.
    let text = "T\n\nAlpha beta gamma delta epsilon zeta.";
    let d = spoken(
        text,
        &[
            (Indirect, "Alpha beta gamma delta", "", "", Some(0)),
            (Indirect, "gamma delta epsilon zeta", "", "", Some(1)),
        ],
        &[
            ("Ann Lee", SpeakerKind::Person, "", &[]),
            ("Bo Ray", SpeakerKind::Person, "", &[]),
        ],
    );
    let html = digest(&[d], Format::Html);
    let body = &html[html.find("<div class=\"article-text\">").unwrap()..];
    let body = &body[..body.find("</div>").unwrap()];
    assert_eq!(elements(body, "quote").len(), 2, "{body}");
    assert_eq!(
        body.matches("<span").count(),
        body.matches("</span>").count(),
        "{body}"
    );
    assert!(body.contains("quote-cont"), "{body}");
    // Every word once, in order.
    let words: String = body
        .split('<')
        .map(|t| t.split_once('>').map_or(t, |(_, w)| w))
        .collect();
    assert_eq!(words, "Alpha beta gamma delta epsilon zeta.");
}

#[test]
fn html_of_hand_edited_spans_shows_what_fits_and_holds_no_more_than_the_spans() {
    let mut d = budget();
    // A span claimed far into a 32 MB input: kept at its offset, but the
    // page's text holds only the spans' own bytes.
    let far = 30_000_000;
    d.quotes[4].content = Span {
        start: far,
        end: far + 5,
        text: "faraway".get(..5).unwrap().into(),
    };
    d.quotes[4].cue = None;
    d.quotes[4].source = None;
    // A span whose text is not its length, and one that contradicts the text.
    d.quotes[5].content.end += 3;
    // (Quote 1's source overlaps quote 0's, placed first.)
    let source = d.quotes[1].source.as_mut().unwrap();
    source.text = source.text.to_uppercase();
    let e = Entry::new(&d, 0);
    let held: usize = e.article.runs.iter().map(|r| r.text.len()).sum();
    assert!(held < BUDGET.len(), "{held}");
    assert_eq!(e.article.unplaced, 2, "{:?}", e.article);
    let html = digest_entries(&[e], Format::Html, &[]);
    assert_eq!(elements(&html, "quote").len(), 4, "{html}");
    assert!(!html.contains("data-quote=\"1\""), "{html}");
    assert!(
        html.contains("data-kind=\"indirect\" data-speaker=\"s1\" data-quote=\"4\""),
        "{html}"
    );
    assert!(
        html.contains("2 quotes not highlighted: their spans do not match the article text."),
        "{html}"
    );
}

#[test]
fn reported_speech_starts_with_its_words_and_pronouns_are_no_one_to_list() {
    use QuoteKind::*;
    let text = "T\n\nAs Ann Lee observed, the vote was close. We think it was fair.";
    let d = spoken(
        text,
        &[
            (
                Indirect,
                ", the vote was close",
                "observed",
                "Ann Lee",
                Some(0),
            ),
            (Indirect, "it was fair", "think", "We", Some(1)),
        ],
        &[
            ("Ann Lee", SpeakerKind::Person, "", &[]),
            ("We", SpeakerKind::Other, "", &[]),
        ],
    );
    let md = digest(&[d.clone(), d], Format::Markdown);
    assert!(
        md.contains("- Ann Lee observed the vote was close.\n"),
        "{md}"
    );
    let who = &md[md.find("## Who said what").unwrap()..];
    assert!(
        who.contains("### Ann Lee\n") && !who.contains("### We"),
        "{who}"
    );
    // Nor is a pronoun anyone to quote among the key quotes.
    assert!(!md.contains("- We "), "{md}");
}

/// "A and B said": both sources are listed with the words they share, and
/// the quote is a key quote once, not once per speaker.
#[test]
fn coordinated_speakers_each_show_the_shared_quote() {
    use QuoteKind::*;
    use SpeakerKind::*;
    const TEXT: &str = "Deal Reached\n\n\
        Senator Mary Major and Senator John Roe said the deal would cut taxes for families.";
    let mut doc = spoken(
        TEXT,
        &[(
            Indirect,
            "the deal would cut taxes for families",
            "said",
            "Senator Mary Major and Senator John Roe",
            Some(0),
        )],
        &[
            ("Mary Major", Person, "Senator", &["Senator Mary Major"]),
            ("John Roe", Person, "Senator", &["Senator John Roe"]),
        ],
    );
    doc.quotes[0].speakers = vec!["s0".into(), "s1".into()];
    let md = digest(std::slice::from_ref(&doc), Format::Markdown);
    let who = &md[md.find("## Who said what").expect("Who said what")..];
    for name in ["### Mary Major", "### John Roe"] {
        assert!(who.contains(name), "{name} missing:\n{md}");
    }
    assert_eq!(
        who.matches("the deal would cut taxes for families").count(),
        2,
        "{md}"
    );
    let entry = Entry::new(&doc, 0);
    let keys = entry.quotes.iter().filter(|q| q.key).count();
    assert_eq!(keys, 1, "{:#?}", entry.quotes);
}

#[test]
fn an_interrupted_quote_shows_its_parts_never_the_attribution_inside() {
    let text = "Vote Delayed\n\n\"We are ready to vote,\" Mayor Lee said on Friday. \"The council is not.\"";
    let whole = "\"We are ready to vote,\" Mayor Lee said on Friday. \"The council is not.\"";
    let mut d = spoken(
        text,
        &[(QuoteKind::Direct, whole, "said", "Mayor Lee", Some(0))],
        &[("Ann Lee", SpeakerKind::Person, "Mayor", &["Mayor Lee"])],
    );
    let part = |words: &str| {
        let at = text.find(words).unwrap();
        Span::new(text, at, at + words.len())
    };
    d.quotes[0].content_parts = vec![
        part("\"We are ready to vote,\""),
        part("\"The council is not.\""),
    ];
    let shown = "We are ready to vote \u{2026} The council is not.";
    for format in [Format::Markdown, Format::Text, Format::Html] {
        let out = digest(std::slice::from_ref(&d), format);
        assert!(out.contains(shown), "{format:?}: {shown:?} missing:\n{out}");
        assert!(
            !out.contains("vote,\u{201d} Mayor Lee said") && !out.contains("vote,&quot; Mayor"),
            "{format:?} shows the cue inside the quote:\n{out}"
        );
    }
    // Without parts, the whole extent is what there is to show.
    d.quotes[0].content_parts.clear();
    let md = digest(&[d], Format::Markdown);
    assert!(!md.contains(shown), "{md}");
}

/// The header counts a quote once however many speakers share it, and
/// does not call a quote whose source names no one attributed; a shared
/// key quote names all its speakers.
#[test]
fn header_and_key_quotes_account_for_every_speaker() {
    let text = "Levy Vote\n\n\u{201c}We will not pay,\u{201d} Lee said. Neither Lee nor Roe \
                said the levy \u{201c}would hurt families.\u{201d} Ann Park and Joe Kim said \
                the vote \u{201c}was fair.\u{201d}";
    let mut doc = ingest(None, text.into()).unwrap();
    segment(&mut doc);
    attribute(&mut doc);
    let with_speaker = doc.quotes.iter().filter(|q| q.speaker.is_some()).count();
    assert_eq!(with_speaker, 2, "{:?}", doc.quotes);
    let md = digest(std::slice::from_ref(&doc), Format::Markdown);
    assert!(
        md.contains("1 article, 2 quotes attributed, 3 speakers. 1 quote with no speaker named.\n"),
        "{md}"
    );
    assert!(
        md.contains("- Ann Park and Joe Kim said the vote \u{201c}was fair.\u{201d}\n"),
        "{md}"
    );
    assert!(md.contains("### Joe Kim\n"), "{md}");
    let html = digest(&[doc], Format::Html);
    assert!(
        html.contains("<p class=\"overview\">1 article, 2 quotes attributed, 3 speakers. 1 quote with no speaker named.</p>"),
        "{html}"
    );
}

/// Archives that write quotation marks as two apostrophes (''…'') get the
/// same marks as any other quote, with no apostrophe left over.
#[test]
fn two_apostrophe_quotation_marks_are_printed_as_quotation_marks() {
    let text = "Levy Vote\n\n''We will not pay,'' Lee said. ''It is a tax on families.''\n\n\
                Roe said the plan was ''dead on arrival.''";
    let mut doc = ingest(None, text.into()).unwrap();
    segment(&mut doc);
    attribute(&mut doc);
    let md = digest(&[doc], Format::Markdown);
    assert!(
        md.contains("- Lee: \u{201c}We will not pay \u{2026} It is a tax on families.\u{201d}\n"),
        "{md}"
    );
    assert!(
        md.contains("- Roe said the plan was \u{201c}dead on arrival.\u{201d}\n"),
        "{md}"
    );
    assert!(!md.contains("''"), "{md}");
}
