//! Quotes as a journalist writes them: the speaker's own words in quotation
//! marks (the article's inner quotes nested as ‘…’), reported speech without
//! them, and only statements, never a noun phrase cut out of a sentence.

use crate::document::QuoteKind;

/// Whether `c` is a quotation mark the article may use around or inside a
/// quote (straight, curly, guillemets).
pub(super) fn is_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '\u{ab}' | '\u{bb}'
    )
}

/// The content with the two-character quotation marks of some archives
/// (``…'' and ''…'', as the New York Times' feed writes them) as one
/// straight double mark each, so that they are stripped and nested like
/// any other: left as they are, the digest printed “My advice was no,'”.
pub(super) fn single_char_marks(content: &str) -> std::borrow::Cow<'_, str> {
    if !content.contains("''") && !content.contains("``") {
        return content.into();
    }
    content.replace("``", "\"").replace("''", "\"").into()
}

/// Quote content without its own quotation marks: direct quotes keep their
/// marks in the span (as annotated corpora do), and the digest adds its own.
/// Only a pair enclosing the whole content is removed; a mixed quote's inner
/// marks ("the talks \"produced …\"") stay balanced.
pub(super) fn unquoted(content: &str) -> &str {
    let t = content.trim();
    match (t.chars().next(), t.chars().last()) {
        (Some(a), Some(b)) if t.chars().count() >= 2 && is_mark(a) && is_mark(b) => {
            let inner = &t[a.len_utf8()..t.len() - b.len_utf8()];
            // `"A," he said, "B"` opens and closes with marks but is two
            // quotations: stripping would leave `A," he said, "B`.
            if has_double_marks(inner) && !balanced_inside(inner) {
                t
            } else {
                inner
            }
        }
        _ => t,
    }
}

fn has_double_marks(s: &str) -> bool {
    s.contains(['"', '\u{201c}', '\u{201d}'])
}

/// Whether the double quotation marks of `s` pair up, each opening before
/// it closes (curly marks tell which is which; a straight one opens after a
/// space or at the start, and closes after a word).
fn balanced_inside(s: &str) -> bool {
    let mut open = false;
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let opening = match c {
            '\u{201c}' => Some(true),
            '\u{201d}' => Some(false),
            '"' => Some(opens_after(prev)),
            _ => None,
        };
        match opening {
            Some(o) if o == open => return false,
            Some(o) => open = o,
            None => {}
        }
        prev = Some(c);
    }
    !open
}

/// Whether a straight quotation mark after `prev` opens a quotation.
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '\u{2014}' | '\u{2013}'))
}

/// The content with its inner quotation marks as the digest prints them. A
/// direct quote is printed inside “…”, so the article's own double marks
/// inside it become single ones (‘…’); reported speech is printed without
/// marks, so a verbatim fragment in it keeps double curly marks (“…”).
/// Straight marks become curly: an opening one after a space or an opening
/// bracket, a closing one elsewhere. Apostrophes are left as written.
pub(super) fn nested_marks(content: &str, kind: QuoteKind) -> String {
    let (open, close) = match kind {
        QuoteKind::Direct => ('\u{2018}', '\u{2019}'),
        QuoteKind::Indirect | QuoteKind::Mixed => ('\u{201c}', '\u{201d}'),
    };
    let mut out = String::with_capacity(content.len());
    let mut prev: Option<char> = None;
    for c in content.chars() {
        let mapped = match c {
            '"' => {
                if opens_after(prev) {
                    open
                } else {
                    close
                }
            }
            '\u{201c}' => open,
            '\u{201d}' => close,
            _ => c,
        };
        out.push(mapped);
        prev = Some(c);
    }
    out
}

/// Auxiliaries, modals and common irregular verbs: a word of these makes a
/// clause of what would otherwise read as a noun phrase.
const VERBS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "won't",
    "can't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "hasn't",
    "haven't",
    "hadn't",
    "doesn't",
    "don't",
    "didn't",
    "wouldn't",
    "couldn't",
    "shouldn't",
    "it's",
    "that's",
    "there's",
    "he's",
    "she's",
    "we're",
    "they're",
    "i'm",
    "we'll",
    "they'll",
    "said",
    "says",
    "made",
    "makes",
    "went",
    "goes",
    "took",
    "takes",
    "gave",
    "gives",
    "got",
    "gets",
    "came",
    "comes",
    "knew",
    "knows",
    "thought",
    "thinks",
    "saw",
    "sees",
    "found",
    "finds",
    "told",
    "tells",
    "became",
    "becomes",
    "left",
    "felt",
    "feels",
    "brought",
    "began",
    "begins",
    "kept",
    "keeps",
    "held",
    "holds",
    "stood",
    "heard",
    "meant",
    "means",
    "met",
    "meets",
    "ran",
    "runs",
    "paid",
    "pays",
    "spoke",
    "led",
    "leads",
    "grew",
    "lost",
    "fell",
    "sent",
    "built",
    "won",
    "wins",
    "sought",
    "seeks",
    "bought",
    "caught",
    "fought",
    "taught",
    "sold",
    "put",
    "set",
    "let",
    "cut",
    "hit",
    "hurt",
    "cost",
    "costs",
    "shut",
    "quit",
    "spent",
    "lent",
    "dealt",
    "drove",
    "rose",
    "wrote",
    "chose",
    "broke",
    "spoke",
    "woke",
    "stole",
    "froze",
    "forgot",
    "understood",
    "withdrew",
    "need",
    "needs",
    "want",
    "wants",
    "plan",
    "plans",
    "believe",
    "believes",
    "expect",
    "expects",
    "remain",
    "remains",
    "seem",
    "seems",
    "appear",
    "appears",
    "intend",
    "intends",
    "hope",
    "hopes",
    "agree",
    "agrees",
    "support",
    "supports",
    "oppose",
    "opposes",
    "deny",
    "denies",
];

/// Words before a noun, never before a finite verb.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "these", "those",
    "every", "each", "no",
];

/// Words after which a word ending in `-s` is a verb ("it makes no sense",
/// "the plan calls for …") rather than a plural noun.
const OBJECT_STARTS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "that", "to", "it", "him",
    "them", "us", "me", "no", "not", "this", "these", "those", "for", "up", "out",
];

/// Whether the content of a reported quote is a statement a reader can take
/// as what someone said: a clause with a verb. A `by …` phrase (the agent of
/// a passive, "confirmed by U.S. officials") and a bare noun phrase ("The
/// plan") are fragments. A direct quote is the speaker's own words and is
/// always a statement.
pub(super) fn is_statement(content: &str, kind: QuoteKind) -> bool {
    if kind == QuoteKind::Direct {
        return !unquoted(content).trim().is_empty();
    }
    let words: Vec<String> = content
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
                .replace('\u{2019}', "'")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 || words[0] == "by" {
        return false;
    }
    words.iter().enumerate().any(|(i, w)| {
        // "the plan", "their needs": a noun after a determiner.
        if i > 0 && DETERMINERS.contains(&words[i - 1].as_str()) {
            return false;
        }
        if VERBS.contains(&w.as_str()) {
            return true;
        }
        let letters = w.chars().all(char::is_alphabetic);
        if letters && w.len() >= 4 && w.ends_with("ed") {
            return true;
        }
        let s_verb = letters
            && i > 0
            && w.len() >= 4
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is");
        s_verb
            && words
                .get(i + 1)
                .is_some_and(|next| OBJECT_STARTS.contains(&next.as_str()))
    })
}

/// Verbs of saying that take the listener as object ("told reporters"):
/// without it they do not read, so the neutral "said" stands in.
const NEEDS_OBJECT: &[&str] = &[
    "told", "informed", "assured", "reminded", "briefed", "notified",
];

/// Past tenses that are not `-ed`.
const IRREGULAR_PAST: &[&str] = &[
    "said",
    "wrote",
    "thought",
    "felt",
    "knew",
    "saw",
    "found",
    "held",
    "spoke",
    "put",
    "set",
    "let",
    "made",
    "gave",
    "swore",
    "foresaw",
    "forecast",
    "understood",
];

/// The verb that introduces reported speech: the article's cue when it is
/// one past-tense verb that reads without an object ("announced",
/// "insisted", "wrote"), the neutral "said" otherwise (a present tense, a
/// phrase such as "according to", "told").
pub(super) fn reporting_verb(cue: Option<&str>) -> String {
    let Some(cue) = cue else {
        return "said".to_owned();
    };
    let mut words = cue.split_whitespace();
    let (Some(word), None) = (words.next(), words.next()) else {
        return "said".to_owned();
    };
    let w = word.to_lowercase();
    let past = (w.len() >= 5 && w.ends_with("ed")) || IRREGULAR_PAST.contains(&w.as_str());
    if past && w.chars().all(char::is_alphabetic) && !NEEDS_OBJECT.contains(&w.as_str()) {
        w
    } else {
        "said".to_owned()
    }
}

/// Reported content ending a sentence: a period added unless it already
/// ends with one (or `?`, `!`, `…`), possibly inside a closing mark.
pub(super) fn as_sentence(content: &str) -> String {
    let core = content.trim_end_matches(|c: char| is_mark(c) || c == ')');
    if core.ends_with(['.', '?', '!', '\u{2026}']) {
        content.to_owned()
    } else {
        format!("{content}.")
    }
}

/// `s` with its first letter upper-cased (the start of a line).
pub(super) fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How an anonymous speaker is named in a digest: as the article described
/// them, with an indefinite article ("a U.S. official"), from the first
/// mention that has one ("A U.S. official") or else from the name ("an
/// aide"; a plural such as "officials" takes none).
pub(super) fn anonymous_label(name: &str, mentions: &[&str]) -> String {
    for m in mentions {
        let lower = m.to_lowercase();
        for article in ["a ", "an "] {
            if lower.starts_with(article) && m.len() > article.len() {
                return format!("{article}{}", m[article.len()..].trim());
            }
        }
    }
    let lower = name.to_lowercase();
    let determined = [
        "a ", "an ", "the ", "some ", "several ", "many ", "two ", "three ",
    ]
    .iter()
    .any(|d| lower.starts_with(d));
    if determined || lower.ends_with('s') {
        return name.to_owned();
    }
    let vowel = lower.starts_with(['a', 'e', 'i', 'o']);
    format!("{} {name}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_marks_nest_in_a_direct_quote_and_stay_double_in_reported_speech() {
        let d = nested_marks(
            unquoted("\"He called it \"a farce\" twice,\""),
            QuoteKind::Direct,
        );
        assert_eq!(d, "He called it \u{2018}a farce\u{2019} twice,");
        let d = nested_marks(
            unquoted("\u{201c}He said \u{201c}no.\u{201d}\u{201d}"),
            QuoteKind::Direct,
        );
        assert_eq!(d, "He said \u{2018}no.\u{2019}");
        let m = nested_marks(
            "the talks \"produced very concrete achievements.\"",
            QuoteKind::Mixed,
        );
        assert_eq!(
            m,
            "the talks \u{201c}produced very concrete achievements.\u{201d}"
        );
        // Apostrophes are not quotation marks.
        assert_eq!(
            nested_marks("China's \"most-favored nation\" status", QuoteKind::Mixed),
            "China's \u{201c}most-favored nation\u{201d} status"
        );
        // Two quotations joined by the cue keep their own marks.
        assert_eq!(unquoted("\"A,\" he said, \"B\""), "\"A,\" he said, \"B\"");
        assert_eq!(unquoted("\"We agreed,\""), "We agreed,");
    }

    #[test]
    fn statements_have_a_verb_and_fragments_do_not() {
        use QuoteKind::*;
        for fragment in [
            "The plan",
            "their plans for the year",
            "the will of the people",
            "by U.S. officials",
            "the new budget of the city",
            "by the end of the year",
        ] {
            assert!(!is_statement(fragment, Indirect), "{fragment}");
        }
        for clause in [
            "China and the United States also plan to collaborate on ways to cut off terrorists' financing",
            "it is making great progress in its own way",
            "China's harsh treatment of Tibetans demonstrates its lack of progress on the issue",
            "the two diplomats planned to discuss overall ties",
            "renewal of China's \"most-favored nation\" trade status be contingent on progress",
            "the talks \"produced very concrete achievements.\"",
            "Ambassador John Hanford would visit China next week",
        ] {
            assert!(is_statement(clause, Indirect), "{clause}");
        }
        // The speaker's own words are a statement however short.
        assert!(is_statement("\"Never.\"", Direct));
        assert!(!is_statement("\"\"", Direct));
    }

    #[test]
    fn the_reporting_verb_is_the_cue_in_the_past_or_said() {
        assert_eq!(reporting_verb(Some("announced")), "announced");
        assert_eq!(reporting_verb(Some("Insisted")), "insisted");
        assert_eq!(reporting_verb(Some("wrote")), "wrote");
        for other in [
            None,
            Some("say"),
            Some("insists"),
            Some("told"),
            Some("according to"),
            Some("said on Monday"),
        ] {
            assert_eq!(reporting_verb(other), "said", "{other:?}");
        }
    }

    #[test]
    fn anonymous_speakers_are_named_by_their_description() {
        assert_eq!(
            anonymous_label("U.S. official", &["A U.S. official", "The official"]),
            "a U.S. official"
        );
        assert_eq!(anonymous_label("aide", &["The aide"]), "an aide");
        assert_eq!(anonymous_label("officials", &[]), "officials");
        assert_eq!(anonymous_label("Senior official", &[]), "a Senior official");
        assert_eq!(as_sentence("he would go"), "he would go.");
        assert_eq!(
            as_sentence("it \u{201c}worked.\u{201d}"),
            "it \u{201c}worked.\u{201d}"
        );
        assert_eq!(capitalized("a U.S. official"), "A U.S. official");
    }
}
