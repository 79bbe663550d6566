//! Reading one source phrase: its proper name split from titles and
//! appositions ("Chinese Foreign Minister Tang Jiaxuan" → "Tang Jiaxuan",
//! "Chinese Foreign Minister"), its head noun when it has no name ("a U.S.
//! official"), and the kind of speaker its words suggest.

use crate::document::SpeakerKind;
use unicode_normalization::char::is_combining_mark;

/// Capitalised words that are titles or roles, not parts of a name.
const TITLES: &[&str] = &[
    "president",
    "vice",
    "minister",
    "prime",
    "foreign",
    "secretary",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "gov.",
    "governor",
    "mayor",
    "ambassador",
    "general",
    "gen.",
    "chief",
    "deputy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "judge",
    "justice",
    "attorney",
    "speaker",
    "leader",
    "majority",
    "minority",
    "house",
    "senate",
    "state",
    "defense",
    "interior",
    "treasury",
    "former",
    "democratic",
    "republican",
    "gop",
    "u.s.",
    "us",
    "white",
    "commander",
    "officer",
    "adviser",
    "advisor",
    "aide",
    "candidate",
    "nominee",
    "presidential",
    "congressman",
    "congresswoman",
    "sheriff",
    "lt.",
    "col.",
    "capt.",
    "sgt.",
    "adm.",
    "dr.",
    "prof.",
    "rev.",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "sir",
    "lord",
    "host",
    "anchor",
    "moderator",
    "professor",
    "ceo",
    "executive",
    "founder",
    "pastor",
    "bishop",
    "cardinal",
    "ex",
    "acting",
    "assistant",
    "national",
    "security",
    "economic",
    "campaign",
    "manager",
    "chairmen",
    "of",
    "the",
];
const HONORIFICS: &[&str] = &["mr.", "mrs.", "ms.", "messrs.", "mr", "mrs", "ms"];
const ORG_WORDS: &[&str] = &[
    "agency",
    "ministry",
    "party",
    "inc.",
    "inc",
    "corp.",
    "corp",
    "co.",
    "ltd",
    "news",
    "times",
    "post",
    "journal",
    "committee",
    "council",
    "department",
    "office",
    "association",
    "institute",
    "foundation",
    "center",
    "centre",
    "university",
    "bureau",
    "commission",
    "network",
    "press",
    "reuters",
    "cnn",
    "administration",
    "government",
    "senate",
    "house",
    "congress",
    "court",
    "campaign",
    "pac",
    "union",
    "organization",
    "organisation",
    "company",
    "bank",
    "fund",
    "service",
    "board",
    "xinhua",
    "politico",
    "tribune",
    "herald",
    "magazine",
    "daily",
    "telegraph",
    "guardian",
    "gazette",
    "channel",
    "radio",
    "television",
    "tv",
    "group",
    "coalition",
    "alliance",
    "federation",
    "league",
    "club",
    "society",
    "police",
    "army",
    "military",
    "pentagon",
    "kremlin",
    "embassy",
    "firm",
    "project",
    "review",
    "report",
    "poll",
    "survey",
    "study",
    "statement",
    "website",
    "blog",
    "twitter",
    "facebook",
    "google",
    "fox",
    "nbc",
    "cbs",
    "abc",
    "msnbc",
    "bbc",
    "npr",
    "ap",
];
/// States and blocs: quoted as institutions ("China insists …").
const COUNTRIES: &[&str] = &[
    "china",
    "russia",
    "iran",
    "iraq",
    "israel",
    "japan",
    "india",
    "pakistan",
    "france",
    "germany",
    "britain",
    "britain's",
    "mexico",
    "canada",
    "cuba",
    "syria",
    "turkey",
    "egypt",
    "beijing",
    "moscow",
    "washington",
    "tehran",
    "pyongyang",
    "north korea",
    "south korea",
    "the united states",
    "united states",
    "the u.s.",
    "u.s.",
    "america",
    "ukraine",
    "saudi arabia",
    "nato",
    "the european union",
    "european union",
    "eu",
    "the un",
    "u.n.",
    "the united nations",
    "united nations",
    "taiwan",
    "vietnam",
    "brazil",
    "venezuela",
    "australia",
    "italy",
    "spain",
    "greece",
    "libya",
    "afghanistan",
    "the kremlin",
    "the white house",
    "white house",
    "the pentagon",
    "the vatican",
    "congress",
    "the state department",
];
const GROUP_NAMES: &[&str] = &[
    "democrats",
    "republicans",
    "americans",
    "conservatives",
    "liberals",
    "progressives",
    "evangelicals",
    "muslims",
    "christians",
    "latinos",
    "hispanics",
    "independents",
];
/// Nouns naming someone whose identity is withheld.
const ANONYMOUS_NOUNS: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "aide",
    "aides",
    "person",
    "people",
    "someone",
    "insider",
    "insiders",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "staffer",
    "staffers",
    "diplomat",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "observer",
    "analyst",
];
const INDEFINITE: &[&str] = &[
    "a", "an", "one", "some", "two", "three", "several", "many", "few", "another", "other",
];

/// What a source phrase says about its speaker.
#[derive(Debug, Clone)]
pub(super) struct Parsed {
    pub(super) name: Option<String>,
    pub(super) descriptions: Vec<String>,
    pub(super) kind: SpeakerKind,
    /// Lowercased head noun of a description-only phrase ("official").
    pub(super) head: Option<String>,
    pub(super) definite: bool,
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn lower(w: &str) -> String {
    // Combining marks stay: they end a word with a decomposed accent.
    w.trim_matches(|c: char| !c.is_alphanumeric() && !is_combining_mark(c) && c != '.')
        .to_lowercase()
}

fn clean(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || ",;:()—–-".contains(c))
        .to_owned()
}

/// Split a source phrase into a name, descriptions and a kind.
pub(super) fn parse(text: &str) -> Parsed {
    // Appositions and parentheticals are descriptions of the core phrase.
    let mut parts: Vec<String> = text
        .split([',', '(', ')', '—', '–'])
        .map(clean)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        parts.push(clean(text));
    }
    // The core is the first part that holds a name, else the first part.
    let core_at = parts
        .iter()
        .position(|p| name_run(&words(p)).is_some())
        .unwrap_or(0);
    let core = parts[core_at].clone();
    let mut descriptions: Vec<String> = parts
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != core_at)
        .map(|(_, p)| p.clone())
        .collect();
    let w = words(&core);
    let first = w.first().map(|x| lower(x)).unwrap_or_default();
    let definite = matches!(first.as_str(), "the" | "this" | "that")
        || first.ends_with("'s")
        || first.ends_with("’s");
    let core_lower = core.to_lowercase();
    // "many in the U.S. Congress", "a spokeswoman for Fiorina": the head is
    // before the preposition, and the name after it only qualifies it.
    let head_of = w
        .iter()
        .position(|x| matches!(*x, "of" | "in" | "for" | "at" | "from"))
        .filter(|&p| {
            p > 0
                && w[..p]
                    .iter()
                    .all(|x| !is_cap(x) || INDEFINITE.contains(&lower(x).as_str()))
        });
    let named = if head_of.is_some() {
        None
    } else {
        name_run(&w)
    };
    if let Some((s, e)) = named {
        let name = w[s..e].join(" ");
        let before: Vec<&str> = w[..s]
            .iter()
            .copied()
            .filter(|x| !HONORIFICS.contains(&lower(x).as_str()))
            .collect();
        let desc = before.join(" ");
        let desc = desc.trim_start_matches("the ").trim_start_matches("The ");
        if !desc.is_empty() && !matches!(desc.to_lowercase().as_str(), "a" | "an" | "the") {
            descriptions.insert(0, desc.to_owned());
        }
        let name_lower = name.to_lowercase();
        let name_words: Vec<String> = w[s..e].iter().map(|x| lower(x)).collect();
        let kind = if COUNTRIES.contains(&name_lower.as_str())
            || COUNTRIES.contains(&core_lower.as_str())
            || name_words.iter().any(|x| ORG_WORDS.contains(&x.as_str()))
            || is_acronym(&name)
        {
            SpeakerKind::Organization
        } else if name_words.len() == 1 && GROUP_NAMES.contains(&name_words[0].as_str()) {
            SpeakerKind::Group
        } else {
            SpeakerKind::Person
        };
        return Parsed {
            name: Some(name),
            descriptions,
            kind,
            head: None,
            definite,
        };
    }
    // A description only: "a U.S. official", "Western diplomats".
    let head = head_of
        .map(|p| lower(w[p - 1]))
        .or_else(|| w.last().map(|x| lower(x)))
        .unwrap_or_default();
    let indefinite = INDEFINITE.contains(&first.as_str());
    let plural = head.ends_with('s') && !head.ends_with("ss")
        || matches!(head.as_str(), "people" | "police" | "men" | "women");
    let quantifier = matches!(
        head.as_str(),
        "many" | "some" | "most" | "several" | "few" | "others" | "all" | "both"
    );
    let kind = if quantifier {
        SpeakerKind::Group
    } else if ORG_WORDS.contains(&head.as_str()) {
        SpeakerKind::Organization
    } else if ANONYMOUS_NOUNS.contains(&head.as_str())
        && (indefinite || (plural && w.len() <= 2 && !definite))
    {
        SpeakerKind::Anonymous
    } else if plural || GROUP_NAMES.contains(&head.as_str()) {
        SpeakerKind::Group
    } else if indefinite {
        SpeakerKind::Anonymous
    } else {
        SpeakerKind::Other
    };
    let name = if head_of.is_some() || quantifier {
        w.join(" ")
    } else if definite && !first.ends_with('s')
        || INDEFINITE.contains(&first.as_str()) && w.len() > 1 && !plural
    {
        w[1..].join(" ")
    } else {
        w.join(" ")
    };
    Parsed {
        name: (!name.is_empty()).then_some(name),
        descriptions,
        kind,
        head: (!head.is_empty()).then_some(head),
        definite,
    }
}

fn is_acronym(name: &str) -> bool {
    // Marks are no letters of their own, even those Unicode calls alphabetic.
    let letters: Vec<char> = name
        .chars()
        .filter(|&c| c.is_alphabetic() && !is_combining_mark(c))
        .collect();
    letters.len() >= 2 && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

/// The proper name in a phrase: the last run of capitalised words, with
/// leading titles and nationality adjectives split off ("Chinese Foreign
/// Minister Tang Jiaxuan" → "Tang Jiaxuan"). `None` when nothing is left.
fn name_run(w: &[&str]) -> Option<(usize, usize)> {
    let mut end = w.len();
    // Possessives and lowercase words end the run from the right.
    while end > 0 && !is_cap(w[end - 1]) {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    let mut start = end;
    while start > 0 {
        let x = w[start - 1];
        let connector =
            matches!(x, "of" | "for" | "and" | "&" | "the") && start >= 2 && is_cap(w[start - 2]);
        if is_cap(x) && !x.ends_with("'s") && !x.ends_with("’s") || connector {
            start -= 1;
        } else {
            break;
        }
    }
    // Organisation names keep their titles ("Senate Judiciary Committee").
    let is_org = w[start..end]
        .iter()
        .any(|x| ORG_WORDS.contains(&lower(x).as_str()));
    if !is_org {
        while start < end - 1 {
            let l = lower(w[start]);
            let nationality = l.ends_with("ese")
                || l.ends_with("an") && !l.ends_with("man") && end - start > 2
                || l.ends_with("ish")
                || l == "western"
                || l == "eastern";
            if TITLES.contains(&l.as_str())
                || HONORIFICS.contains(&l.as_str())
                || nationality
                || l.ends_with("-at-large")
            {
                start += 1;
            } else {
                break;
            }
        }
    }
    while start < end && matches!(w[start], "of" | "for" | "and" | "&" | "the") {
        start += 1;
    }
    let name: Vec<&str> = w[start..end].to_vec();
    // A lone capitalised title or country adjective is no name.
    if name.len() == 1 {
        let l = lower(name[0]);
        if TITLES.contains(&l.as_str()) || GROUP_NAMES.contains(&l.as_str()) && w.len() > 1 {
            return None;
        }
    }
    // A capitalised first word followed by lowercase nouns is a description
    // ("Western diplomats", "Human rights groups").
    if end < w.len() && !is_org {
        return None;
    }
    (start < end).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_split_from_names() {
        let p = parse("Chinese Foreign Minister Tang Jiaxuan");
        assert_eq!(p.name.as_deref(), Some("Tang Jiaxuan"));
        assert_eq!(p.descriptions, ["Chinese Foreign Minister"]);
        assert_eq!(p.kind, SpeakerKind::Person);
        let p = parse("Tang, the foreign minister,");
        assert_eq!(p.name.as_deref(), Some("Tang"));
        assert_eq!(p.descriptions, ["the foreign minister"]);
    }

    #[test]
    fn kinds_from_the_phrase() {
        assert_eq!(
            parse("China's official Xinhua News Agency").kind,
            SpeakerKind::Organization
        );
        assert_eq!(parse("A U.S. official").kind, SpeakerKind::Anonymous);
        assert_eq!(parse("Western diplomats").kind, SpeakerKind::Group);
        assert_eq!(parse("Human rights groups").kind, SpeakerKind::Group);
        assert_eq!(parse("officials").kind, SpeakerKind::Anonymous);
        assert_eq!(parse("China").kind, SpeakerKind::Organization);
    }
}
