//! Reading one source phrase: its proper name split from titles and
//! appositions ("Chinese Foreign Minister Tang Jiaxuan" → "Tang Jiaxuan",
//! "Chinese Foreign Minister"), its head noun when it has no name ("a U.S.
//! official"), and the kind of speaker its words suggest.

use super::words::{possessor_stem, FINITE_AUX, POSSESSIVES};
use crate::document::SpeakerKind;
use unicode_normalization::char::is_combining_mark;

/// Capitalised words of a title or role that no name follows in our
/// rules: qualifiers of a title ("Vice", "House", "State", "Former") and
/// roles ("Rabbi", "Supporter"). With [`PERSON_TITLES`] they are the words
/// that are not parts of a name ([`is_title`]).
const TITLE_WORDS: &[&str] = &[
    "vice",
    "prime",
    "foreign",
    "general",
    "deputy",
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
    "presidential",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "sir",
    "lord",
    "executive",
    "cardinal",
    "ex",
    "acting",
    "assistant",
    "national",
    "security",
    "economic",
    "campaign",
    "chairmen",
    "rival",
    "senators",
    "staff",
    "city",
    "county",
    "district",
    "writer",
    "operative",
    "activist",
    "lawmaker",
    "legislator",
    "rabbi",
    "imam",
    "reverend",
    "supporter",
    "volunteer",
    "veteran",
    "of",
    "the",
];

/// Whether a capitalised word (lowercased) is a title or role, not part of
/// a name.
fn is_title(lower: &str) -> bool {
    PERSON_TITLES.contains(&lower) || TITLE_WORDS.contains(&lower)
}
/// Capitalised words that open a clause or a sentence, never a name: "But
/// Clinton said", "What Mr. Doe wants", "Had Republicans nominated …", and
/// the "Question:" of an interview transcript.
const CLAUSE_OPENERS: &[&str] = &[
    "but",
    "and",
    "or",
    "so",
    "yet",
    "nor",
    "had",
    "has",
    "have",
    "what",
    "when",
    "where",
    "why",
    "how",
    "who",
    "whom",
    "whose",
    "which",
    "if",
    "while",
    "as",
    "after",
    "before",
    "following",
    "alongside",
    "although",
    "though",
    "because",
    "since",
    "once",
    "unlike",
    "like",
    "still",
    "even",
    "also",
    "then",
    "now",
    "meanwhile",
    "instead",
    "however",
    "question",
    "answer",
    "q",
    "asked",
    "during",
    "despite",
    "until",
    "unless",
    "whether",
    "with",
    "without",
    "for",
    "from",
    "in",
    "on",
    "at",
    "by",
    "to",
    "is",
    "was",
    "were",
    "are",
    "did",
    "does",
    "do",
    "both",
    "neither",
    "either",
    "not",
    "only",
    "just",
    "among",
    "including",
    "said",
    "says",
];
/// Possessive determiners: "his office", "Her campaign workers" describe
/// someone without naming them.
const HONORIFICS: &[&str] = &["mr.", "mrs.", "ms.", "messrs.", "mr", "mrs", "ms"];
/// Words that mark an organisation's name but say no kind of body
/// ("Inc.", "Times", "Reuters"); with [`KIND_WORDS`], all that do.
const ORG_WORDS: &[&str] = &[
    "inc.",
    "inc",
    "corp.",
    "corp",
    "co.",
    "ltd",
    "times",
    "post",
    "journal",
    "network",
    "press",
    "reuters",
    "cnn",
    "administration",
    "government",
    "senate",
    "house",
    "congress",
    "campaign",
    "pac",
    "organization",
    "organisation",
    "company",
    "bank",
    "fund",
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
    "the state department",
];
/// U.S. states and regions: places, not speakers.
const PLACES: &[&str] = &[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "west virginia",
    "wisconsin",
    "wyoming",
    "n.c.",
    "s.c.",
    "n.h.",
    "washington",
    "puerto rico",
    "guam",
    "district of columbia",
];
/// The last words of the names of seas, rivers and other features of the
/// land ("the South China Sea", "the Rio Grande River"): places that a
/// sentence may open with, as it opens with a person's name. Not those
/// that are also surnames ("Celinda Lake", "Michael Bay", "Frank Ocean").
const PLACE_HEADS: &[&str] = &[
    "sea",
    "river",
    "gulf",
    "strait",
    "straits",
    "peninsula",
    "island",
    "islands",
    "mountains",
    "canal",
    "desert",
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
    "officials",
    "investors",
    "lawmakers",
    "legislators",
    "senators",
    "proponents",
    "opponents",
    "critics",
    "supporters",
    "voters",
    "analysts",
    "experts",
    "economists",
    "residents",
    "activists",
    "advocates",
    "protesters",
    "leaders",
    "scholars",
    "researchers",
    "scientists",
    "observers",
    "members",
    "findings",
    "polls",
    "surveys",
    "congress",
    "parliament",
    "partisans",
    "moderates",
    "others",
    "students",
    "workers",
    "officers",
    "diplomats",
    "candidates",
    "rivals",
];
/// Documents and findings: what a source phrase headed by one of these
/// cites is a text ("the survey found", "The Constitution mandates",
/// "Wednesday's leak of the report"), not someone who speaks.
const DOCUMENTS: &[&str] = &[
    "report",
    "reports",
    "poll",
    "polls",
    "survey",
    "surveys",
    "study",
    "studies",
    "findings",
    "data",
    "analysis",
    "leak",
    "memo",
    "ruling",
    "constitution",
    "law",
    "bill",
    "document",
    "documents",
    "figures",
    "numbers",
    "results",
    "census",
    "statement",
    "statements",
    "review",
    "record",
    "records",
    "research",
    "filing",
    "filings",
    "estimates",
    "projections",
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
    /// Whether the phrase names or describes someone at all: a place ("N.C.",
    /// "Florida and Ohio"), a document ("the survey") or a clause word
    /// ("But", "Question") is no speaker.
    pub(super) speaker: bool,
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
/// For a source that denies the saying ("Neither Lee nor Roe", "Nobody
/// from the campaign", "None of the candidates"), the byte ranges in
/// `text` of the names it mentions ("Lee", "Roe"); `None` for any other
/// source.
pub(super) fn negated_parts(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let lower = text.to_lowercase();
    // Lowercasing keeps these ASCII prefixes' byte lengths.
    if ["nobody", "no one", "none of "]
        .iter()
        .any(|n| lower.starts_with(n))
    {
        return Some(Vec::new());
    }
    let rest = "neither ".len();
    if !lower.starts_with("neither ") {
        return None;
    }
    let mut parts = Vec::new();
    let mut start = rest;
    for (at, _) in text[rest..].match_indices(" nor ") {
        parts.push(start..rest + at);
        start = rest + at + " nor ".len();
    }
    parts.push(start..text.len());
    Some(
        parts
            .into_iter()
            .map(|r| {
                let part = &text[r.clone()];
                let lead = part.len() - part.trim_start().len();
                r.start + lead..r.start + part.trim_end().len()
            })
            .filter(|r| !r.is_empty())
            .collect(),
    )
}

pub(super) fn parse(text: &str) -> Parsed {
    // "Roe's words: …", "Clinton's claim that …": a source that ends in a
    // possessive is the possessor, named without it.
    if let Some(possessor) = possessor_stem(text.trim_end())
        .filter(|p| p.chars().next_back().is_some_and(char::is_alphabetic))
    {
        return parse(possessor);
    }
    // "Clinton herself", "the senator himself": an emphatic reflexive
    // adds nothing to whom the phrase names.
    if let Some((named, last)) = text.trim_end().rsplit_once(char::is_whitespace) {
        if matches!(
            last.trim_end_matches(',').to_lowercase().as_str(),
            "himself" | "herself" | "themselves" | "itself"
        ) && !named.trim().is_empty()
        {
            return parse(named);
        }
    }
    let t = text.trim_start();
    // "Had Republicans", "But Mr. Doe": the clause's first word is no part
    // of the phrase.
    if let Some((first, rest)) = t.split_once(char::is_whitespace) {
        if is_cap(first)
            && CLAUSE_OPENERS.contains(&lower(first).as_str())
            && !rest.trim().is_empty()
        {
            return parse(rest);
        }
    }
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
    // A part that is a name with its titles ("Ileana Ros-Lehtinen") before
    // one that only ends in a name ("two members of Congress from Florida").
    // A party and state ("The senator (R-Texas)") describes; it names no
    // one.
    let party_state = |p: &str| super::sources::is_party_state(&p.to_lowercase());
    let core_at = parts
        .iter()
        .position(|p| {
            let w = words(p);
            !party_state(p) && name_run(&w).is_some_and(|(s, _)| w[..s].iter().all(|x| is_cap(x)))
        })
        .or_else(|| {
            parts
                .iter()
                .position(|p| !party_state(p) && name_run(&words(p)).is_some())
        })
        .unwrap_or(0);
    let mut core = parts[core_at].clone();
    // "Roe, in a statement, said": where or how it was said describes the
    // saying, not the speaker.
    let medium = |p: &str| {
        let l = p.to_lowercase();
        [
            "in a ",
            "in an ",
            "in the ",
            "on ",
            "during ",
            "via ",
            "through ",
            "speaking ",
        ]
        .iter()
        .any(|m| l.starts_with(m))
    };
    let mut descriptions: Vec<String> = parts
        .iter()
        .enumerate()
        .filter(|&(i, p)| i != core_at && !medium(p))
        .map(|(_, p)| p.clone())
        .collect();
    // "Andrew Pincus of the law firm Mayer Brown": a person's name, then
    // where they work; the name at the end is the firm's.
    if let Some(k) = core.find(" of the ").or_else(|| core.find(" of a ")) {
        let head = words(&core[..k]);
        let personal = head.len() >= 2
            && head.iter().all(|x| is_cap(x))
            && !head
                .iter()
                .any(|x| is_organisational(x) || is_title(&lower(x)));
        if personal {
            descriptions.insert(0, core[k + 1..].to_owned());
            core.truncate(k);
        }
    }
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
        .position(|x| matches!(*x, "of" | "in" | "for" | "at" | "from" | "to"))
        .filter(|&p| {
            p > 0
                && (w[..p]
                    .iter()
                    .all(|x| !is_cap(x) || INDEFINITE.contains(&lower(x).as_str()))
                    // "Republican members of Congress", "Republicans in
                    // Washington", "Polls in New Hampshire": a common noun,
                    // a group or a document before the preposition is the
                    // head, whatever capitalised words qualify it.
                    || is_common_head(w[p - 1]))
        });
    let possessive = POSSESSIVES.contains(&first.as_str());
    // "Mr. Doe has taken on a larger campaign": a phrase with a finite
    // verb is a clause that ran into the source, not a name; so is a
    // phrase whose head part is one ("Mr. Trump has trampled …, from his
    // treatment of Mr. Rubio and Mr. Bush" names neither).
    let clause = has_finite_verb(&w) || core_at != 0 && has_finite_verb(&words(&parts[0]));
    // "Nobody", "No one": a source that names no one; "I'm", "They’re":
    // a pronoun with its verb, which a name is not.
    let contraction = core_lower
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .replace('’', "'")
        .split_once('\'')
        .is_some_and(|(p, v)| {
            super::sources::PRONOUNS.contains(&p)
                && matches!(v, "m" | "re" | "s" | "ll" | "ve" | "d")
        });
    if clause || contraction || matches!(core_lower.as_str(), "nobody" | "no one" | "none") {
        return Parsed {
            name: Some(core.clone()),
            descriptions: Vec::new(),
            kind: SpeakerKind::Other,
            head: None,
            definite,
            speaker: false,
        };
    }
    let named = if head_of.is_some() || possessive {
        None
    } else {
        name_run(&w)
    };
    if let Some((s, e)) = named {
        let name = w[s..e].join(" ");
        let before: Vec<&str> = w[..s]
            .iter()
            .copied()
            .skip_while(|x| CLAUSE_OPENERS.contains(&lower(x).as_str()))
            .filter(|x| !HONORIFICS.contains(&lower(x).as_str()))
            .collect();
        let desc = before.join(" ");
        let desc = desc.trim_start_matches("the ").trim_start_matches("The ");
        if !desc.is_empty() && !matches!(desc.to_lowercase().as_str(), "a" | "an" | "the") {
            // Only a name that ends the phrase is the body the adjective
            // rates: in "another leading Supreme Court advocate" it rates
            // the advocate.
            let desc = if e == w.len() {
                described_as_its_kind(desc, &w[s..e])
            } else {
                desc.to_owned()
            };
            descriptions.insert(0, desc);
        }
        // "of Texas" after a person's name.
        if e < w.len() && w[e] == "of" {
            descriptions.insert(usize::from(!descriptions.is_empty()), w[e..].join(" "));
        }
        let name_lower = name.to_lowercase();
        let name_words: Vec<String> = w[s..e].iter().map(|x| lower(x)).collect();
        let document = name_words.len() == 1 && DOCUMENTS.contains(&name_words[0].as_str());
        let speaker = !is_place(&name) && !document;
        // "Republicans", "Kentucky Republicans", "House Democrats": a group
        // with the capitalised words that qualify it.
        let group = name_words
            .last()
            .is_some_and(|x| GROUP_NAMES.contains(&x.as_str()));
        let kind = if group {
            SpeakerKind::Group
        } else if e == w.len() && w.len() == 2 && matches!(first.as_str(), "a" | "an") {
            // "A German", "a Democrat": someone described by a capitalised
            // word, not named.
            SpeakerKind::Anonymous
        } else if is_place(&name) {
            // A state or a region named as a source is rarely anyone's
            // voice ("Florida and Ohio … aren't waiting").
            SpeakerKind::Other
        } else if COUNTRIES.contains(&name_lower.as_str())
            || COUNTRIES.contains(&core_lower.as_str())
            || name_words.iter().any(|x| is_org_word(x))
            || is_acronym(&name)
        {
            SpeakerKind::Organization
        } else {
            SpeakerKind::Person
        };
        return Parsed {
            name: Some(name),
            descriptions: descriptions.iter().filter_map(|d| description(d)).collect(),
            kind,
            head: None,
            definite,
            speaker,
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
    let opener = w.first().is_some_and(|x| is_cap(x)) && CLAUSE_OPENERS.contains(&first.as_str());
    let document = DOCUMENTS.contains(&head.as_str());
    let kind = if possessive || opener {
        // "his office", "Her campaign workers": someone described, not
        // named; "Following Wednesday's leak …": a clause, no one.
        if plural && !opener {
            SpeakerKind::Group
        } else {
            SpeakerKind::Other
        }
    } else if quantifier {
        SpeakerKind::Group
    } else if is_org_word(&head) {
        // "the company", "a ministry": an organisation described but not
        // named, unless capitalised words name it ("the Mexican
        // government", "the Sanders campaign").
        if w.iter().any(|x| {
            is_cap(x)
                && !INDEFINITE.contains(&lower(x).as_str())
                && !matches!(lower(x).as_str(), "the" | "this" | "that")
        }) {
            SpeakerKind::Organization
        } else {
            SpeakerKind::Other
        }
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
        descriptions: descriptions.iter().filter_map(|d| description(d)).collect(),
        kind,
        head: (!head.is_empty()).then_some(head),
        definite,
        // A lone clause word ("But", "Question:") is no phrase at all.
        speaker: !document && !(w.len() == 1 && (opener || possessive)),
    }
}

/// "China's official Xinhua News Agency": an adjective before an
/// organisation's name says what kind of body the name's own last words
/// name, and alone ("China's official") describes nothing; the
/// description takes those words ("China's official news agency"). A name
/// without them ("RIA Novosti") keeps the adjective as it is.
fn described_as_its_kind(desc: &str, name: &[&str]) -> String {
    let ends_in_standing = desc
        .rsplit(' ')
        .next()
        .is_some_and(|x| STANDING_ADJECTIVES.contains(&lower(x).as_str()));
    let kind = name
        .iter()
        .rev()
        .take_while(|x| KIND_WORDS.contains(&lower(x).as_str()))
        .count();
    if !ends_in_standing || kind == 0 || kind == name.len() {
        return desc.to_owned();
    }
    let kind: Vec<String> = name[name.len() - kind..].iter().map(|x| lower(x)).collect();
    format!("{desc} {}", kind.join(" "))
}

/// Whether a lowercase word marks an organisation's name.
fn is_org_word(lower: &str) -> bool {
    ORG_WORDS.contains(&lower) || KIND_WORDS.contains(&lower)
}

/// Adjectives that rate an organisation before its name ("the nonpartisan
/// Congressional Budget Office", "Iran's semi-official Fars News Agency").
const STANDING_ADJECTIVES: &[&str] = &[
    "official",
    "semi-official",
    "semiofficial",
    "state-run",
    "state-owned",
    "state-controlled",
    "state-backed",
    "government-run",
    "government-backed",
    "independent",
    "nonpartisan",
    "non-partisan",
    "bipartisan",
    "conservative",
    "liberal",
    "progressive",
    "libertarian",
    "right-wing",
    "left-wing",
];

/// The last words of an organisation's name that say what kind of body it
/// is ("News Agency", "Foundation", "Budget Office" ends in "Office"); they
/// mark an organisation as [`ORG_WORDS`] do.
const KIND_WORDS: &[&str] = &[
    "news",
    "agency",
    "ministry",
    "party",
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
    "union",
    "court",
    "service",
];

/// Whether a word can head a description that capitalised words qualify:
/// a lowercase plural ("members"), a group ("Republicans") or a document
/// ("Polls"); a capitalised name ("Cruz" of "Ted Cruz of Texas") cannot, nor
/// a singular role that a name may follow ("director of communications
/// Jane Doe").
fn is_common_head(x: &str) -> bool {
    let l = lower(x);
    (!is_cap(x) && l.ends_with('s') && !l.ends_with("ss") && l.chars().all(char::is_alphabetic))
        || GROUP_NAMES.contains(&l.as_str())
        || DOCUMENTS.contains(&l.as_str())
        // "Aides to Roe said": capitalised only as the sentence's first
        // word, a role's plural is no surname, as "Williams of Texas" is.
        || is_role_plural(&l)
}

/// Whether `lower` is the plural of a role that speaks for someone.
fn is_role_plural(lower: &str) -> bool {
    ANONYMOUS_NOUNS.contains(&lower) && lower.ends_with('s') || ROLE_PLURALS.contains(&lower)
}

/// Plural roles that speak for the one a preposition names after them
/// ("Lawyers for Roe", "Allies of the governor").
const ROLE_PLURALS: &[&str] = &[
    "strategists",
    "lawyers",
    "attorneys",
    "allies",
    "supporters",
    "critics",
    "friends",
    "members",
    "associates",
    "backers",
    "opponents",
    "relatives",
    "colleagues",
    "representatives",
    "spokesmen",
    "spokeswomen",
    "spokespeople",
];

/// Whether a name is a place, or places joined by "and" ("Florida and
/// Ohio"): a state or a region named as a source is rarely anyone's voice.
fn is_place(name: &str) -> bool {
    name.split(" and ").all(|p| {
        let p = p.trim().to_lowercase();
        PLACES.contains(&p.as_str())
            || p.rsplit(' ')
                .next()
                .is_some_and(|last| p.contains(' ') && PLACE_HEADS.contains(&last))
    })
}

/// Whether a lowercased phrase is one clause word alone ("but", "question").
pub(super) fn is_clause_word(lower: &str) -> bool {
    CLAUSE_OPENERS.contains(&lower)
}

/// The name a source phrase gives, if it names someone (a person or an
/// organization, not a description such as "a U.S. official").
pub(super) fn name_of(text: &str) -> Option<String> {
    let p = parse(text);
    p.name
        .filter(|_| p.head.is_none() && p.speaker)
        .filter(|_| matches!(p.kind, SpeakerKind::Person | SpeakerKind::Organization))
}

/// A description as a noun phrase: a dateline before it goes ("WASHINGTON
/// -- President" → "President"), a relative clause after it goes ("a
/// plumbing contractor who attended the rally" → "a plumbing contractor"),
/// and a clause ("speaking to a union hall in Ohio"), an age alone or a
/// bare function word is none.
fn description(d: &str) -> Option<String> {
    let mut d = d;
    for dash in [" -- ", " - ", "--"] {
        if let Some(at) = d.rfind(dash) {
            d = &d[at + dash.len()..];
        }
    }
    let w = words(d);
    let cut = w
        .iter()
        .position(|x| {
            matches!(
                lower(x).as_str(),
                "who" | "which" | "that" | "whose" | "whom"
            )
        })
        .unwrap_or(w.len());
    let w = &w[..cut];
    let first = lower(w.first()?);
    // "without naming him", "after meeting voters": a preposition before a
    // gerund opens a clause.
    let gerund = w.len() > 1
        && matches!(
            first.as_str(),
            "without" | "after" | "before" | "by" | "while" | "when" | "since" | "despite"
        )
        && w[1].ends_with("ing");
    let clause = gerund
        || first.ends_with("ing") && !is_cap(w[0])
        || w.len() == 1 && CLAUSE_OPENERS.contains(&first.as_str())
        || matches!(
            first.as_str(),
            "said" | "says" | "told" | "added" | "who" | "is" | "was"
        );
    let number = w
        .iter()
        .all(|x| x.chars().all(|c| c.is_ascii_digit() || c == ','));
    if clause || number {
        return None;
    }
    Some(clean(&w.join(" "))).filter(|d| !d.is_empty())
}

/// The byte ranges in `text` of the speakers a coordinated source names
/// ("Sanders and Clinton", "Both Mr. Lee and Mr. Park", "the Policy
/// Institute and the Budget Center"), or `text` whole when it names one:
/// each side must be a name of its own, so "the Bureau of Alcohol and
/// Tobacco" or "Republican business leaders and their lobbying groups" stay
/// one phrase.
pub(super) fn conjuncts(text: &str) -> Vec<std::ops::Range<usize>> {
    if let Some(listed) = listed_conjuncts(text) {
        return listed;
    }
    let whole: Vec<_> = std::iter::once(0..text.len()).collect();
    let mut cuts = Vec::new();
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            // "Bill Doe, the pollster for The Daily News and NBC News": an
            // "and" after a named speaker's comma is inside an apposition,
            // which describes that one speaker ("two members of Congress,
            // Jane Roe and John Doe," name theirs after the comma).
            ',' | '—' | '–'
                if depth == 0 && {
                    let p = parse(&text[..i]);
                    p.name.is_some() && p.head.is_none()
                } =>
            {
                break
            }
            ' ' if depth == 0 && text[i..].starts_with(" and ") => {
                // "Talks and and minister": an "and" that overlaps the last
                // one joins no names.
                if cuts.last().is_some_and(|&c| i < c + " and ".len()) {
                    return whole;
                }
                cuts.push(i);
            }
            _ => {}
        }
    }
    if cuts.is_empty() || cuts.len() > 3 {
        return whole;
    }
    let mut pieces = Vec::new();
    let mut from = 0;
    for &cut in &cuts {
        pieces.push(from..cut);
        from = cut + " and ".len();
    }
    pieces.push(from..text.len());
    let mut out = Vec::new();
    for mut r in pieces {
        // "Both Mr. Lee": the quantifier is no part of the first name.
        for lead in ["Both ", "both "] {
            if text[r.clone()].starts_with(lead) {
                r.start += lead.len();
            }
        }
        let piece = &text[r.clone()];
        let trimmed = piece.trim_matches(|c: char| c.is_whitespace() || ",;:".contains(c));
        if trimmed.is_empty() {
            return whole;
        }
        let start = r.start
            + (piece.len()
                - piece
                    .trim_start_matches(|c: char| c.is_whitespace() || ",;:".contains(c))
                    .len());
        let p = parse(trimmed);
        // A comma list ("Matthews, MSNBC's Alex Seitz-Wald and …") or an
        // apposition left of "and" is not split: it may be one speaker.
        let named = p.name.is_some()
            && p.head.is_none()
            && matches!(
                p.kind,
                SpeakerKind::Person | SpeakerKind::Organization | SpeakerKind::Group
            );
        if !named {
            return whole;
        }
        // "Strategists for Barack Obama and Clinton": a name that a
        // preposition governs is coordinated inside its phrase; the
        // strategists are the one speaker, and Clinton none.
        // ("Aides to Roe and Lee"): a role's plural, then the preposition.
        let governed = out.is_empty() && {
            let w = words(trimmed);
            w.len() >= 3
                && is_role_plural(&lower(w[0]))
                && matches!(w[1], "for" | "to" | "of" | "at" | "with" | "from")
        };
        if governed {
            return whole;
        }
        // "Center for Economic and Policy Research" is one organization;
        // "… Institute and the Budget Center" two.
        if out.len() == 1
            && parse(text).kind == SpeakerKind::Organization
            && !trimmed.starts_with(|c: char| c.is_lowercase())
            && !trimmed.starts_with("The ")
        {
            return whole;
        }
        out.push(start..start + trimmed.len());
    }
    out
}

/// The speakers of a coordination with commas: a list of names ("Roe, Lee
/// and Park", "Roe, Lee, and Park"), or described speakers joined by ",
/// and" ("Roe, a Democrat, and Lee, a Republican,", "Jane Roe, a lawyer,
/// and her husband"). `None` when `text` is no such list: then a comma
/// after a name opens its apposition, which [`conjuncts`] keeps whole.
fn listed_conjuncts(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    // Cheap tests first: most sources hold no list at all, and parsing
    // each piece is not cheap.
    if text.contains(['(', ')']) || !text.contains(", ") || !text.contains(" and ") {
        return None;
    }
    let trim = |r: std::ops::Range<usize>| {
        // A cut before `from` (a comma the leading trim passed) makes an
        // empty piece, never a backward range.
        if r.start >= r.end {
            return None;
        }
        let piece = &text[r.clone()];
        let lead = piece.len()
            - piece
                .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
                .len();
        let body = piece.trim_matches(|c: char| c.is_whitespace() || c == ',');
        (!body.is_empty()).then(|| r.start + lead..r.start + lead + body.len())
    };
    let bare_name = |r: &std::ops::Range<usize>| {
        let p = parse(&text[r.clone()]);
        p.name.is_some()
            && p.head.is_none()
            && p.descriptions.is_empty()
            && matches!(p.kind, SpeakerKind::Person | SpeakerKind::Organization)
            && !text[r.clone()].contains(" and ")
    };
    let commas: Vec<usize> = text.match_indices(", ").map(|(at, _)| at).collect();
    let joined: Vec<usize> = text.match_indices(", and ").map(|(at, _)| at).collect();
    if let [at] = joined[..] {
        // Left of ", and": a list of bare names, or one described name.
        let left = trim(0..at)?;
        let right = trim(at + ", and ".len()..text.len())?;
        let mut out = Vec::new();
        let mut from = left.start;
        for cut in commas.iter().copied().filter(|&c| c < left.end) {
            out.push(trim(from..cut)?);
            from = cut + 1;
        }
        out.push(trim(from..left.end)?);
        if out.len() == 1 || !out.iter().all(bare_name) {
            let p = parse(&text[left.clone()]);
            if p.name.is_none() || !text[left.clone()].contains(',') {
                return None;
            }
            out = vec![left];
        }
        let p = parse(&text[right.clone()]);
        if !p.speaker || text[right.clone()].contains(" and ") {
            return None;
        }
        out.push(right);
        return Some(out);
    }
    // "Roe, Lee and Park": names between commas, the last two joined.
    let last = *commas.last()?;
    let and = text[last..].find(" and ")? + last;
    let mut out = Vec::new();
    let mut from = 0;
    for cut in commas.iter().copied().chain([and]) {
        out.push(trim(from..cut)?);
        from = if cut == and {
            cut + " and ".len()
        } else {
            cut + 1
        };
    }
    out.push(trim(from..text.len())?);
    out.iter().all(bare_name).then_some(out)
}

/// Whether `phrase` is a person's name after a title or honorific that
/// opens it ("Senator Tom Lee", "Former Gov. Ann Roe", "Ms. Malik"): a
/// word before the title that is none ("Witness Mr. Trump") is no part of
/// a name.
pub(super) fn is_titled_name(phrase: &str) -> bool {
    let lower: Vec<String> = words(phrase).iter().map(|w| w.to_lowercase()).collect();
    let personal =
        |w: &String| PERSON_TITLES.contains(&w.as_str()) || HONORIFICS.contains(&w.as_str());
    let Some(at) = lower.iter().position(personal) else {
        return false;
    };
    at + 1 < lower.len() && lower[..at].iter().all(|w| is_title(w))
}

/// Titles that a person's name follows ("Sheriff", "Leader", "Sen."), as
/// against the words that only qualify a title ("House", "State",
/// "National") or begin an organisation's name ("General Motors").
const PERSON_TITLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "gov.",
    "governor",
    "mayor",
    "ambassador",
    "gen.",
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
    "commander",
    "officer",
    "adviser",
    "advisor",
    "aide",
    "candidate",
    "nominee",
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
    "professor",
    "ceo",
    "founder",
    "pastor",
    "bishop",
    "manager",
    "correspondent",
    "reporter",
    "columnist",
    "editor",
    "analyst",
    "strategist",
    "pollster",
    "economist",
    "lawyer",
    "publisher",
    "delegate",
    "councilman",
    "councilwoman",
    "commissioner",
    "committeeman",
    "committeewoman",
    "prosecutor",
    "inspector",
    "lieutenant",
    "colonel",
    "captain",
    "sergeant",
    "admiral",
    "advocate",
    "treasurer",
    "comptroller",
    "chancellor",
    "chief",
    "whip",
    "recorder",
    "clerk",
    "auditor",
    "superintendent",
    "coach",
    "host",
    "anchor",
    "moderator",
];

/// Where the name starts in `w[start..end]` when a person's title stands
/// inside the run after other words: after the last title and the title
/// words that follow it ("Secretary of State"), when what is left is a
/// name of capitalised words with no organisation's word in it.
fn name_after_title(w: &[&str], start: usize, end: usize) -> Option<usize> {
    let title = (start..end.saturating_sub(1))
        .rev()
        .find(|&i| PERSON_TITLES.contains(&lower(w[i]).as_str()))?;
    let mut at = title + 1;
    while at < end && is_title(&lower(w[at])) {
        at += 1;
    }
    let rest = &w[at..end];
    let name_like = !rest.is_empty() && rest.iter().all(|x| is_cap(x) && !is_organisational(x));
    name_like.then_some(at)
}

/// Whether a word after the first is a finite auxiliary or modal.
fn has_finite_verb(w: &[&str]) -> bool {
    w.iter()
        .skip(1)
        .any(|x| FINITE_AUX.contains(&x.to_lowercase().as_str()))
}

/// A day's name, which a source may end with ("… published Friday") but
/// which names no one.
fn is_day(w: &str) -> bool {
    matches!(
        lower(w).as_str(),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
    )
}

/// A word of an organisation's or a country's name, or an acronym: no part
/// of a person's name.
fn is_organisational(word: &str) -> bool {
    let l = lower(word);
    is_org_word(&l) || COUNTRIES.contains(&l.as_str()) || is_acronym(word)
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
/// leading titles, nationality adjectives and clause openers split off
/// ("Chinese Foreign Minister Tang Jiaxuan" → "Tang Jiaxuan", "But Mr. Doe"
/// → "Doe"), and a person's "of …" left out ("Ted Cruz of Texas" → "Ted
/// Cruz"). `None` when nothing is left.
fn name_run(w: &[&str]) -> Option<(usize, usize)> {
    let mut end = w.len();
    // Possessives and lowercase words end the run from the right, and so
    // does a day ("a Wall Street Journal article published Friday" names
    // no "Friday").
    while end > 0 && (!is_cap(w[end - 1]) || is_day(w[end - 1])) {
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
        // A possessive ("Reuters’ Luciana Lopez", "MSNBC's Alex Doe") is
        // whose the person is, not part of the name.
        let possessive = x.ends_with("'s") || x.ends_with("’s") || x.ends_with(['\'', '’']);
        if is_cap(x) && !possessive || connector {
            start -= 1;
        } else {
            break;
        }
    }
    // A capitalised first word followed by lowercase nouns is a description
    // ("Western diplomats", "Human rights groups").
    let is_org_run = |s: usize, e: usize| w[s..e].iter().any(|x| is_org_word(&lower(x)));
    if end < w.len() && !is_org_run(start, end) {
        return None;
    }
    // "But Doe", "All the Democrats": a clause word or a quantifier
    // opening the sentence is no part of a name.
    while start < end
        && (CLAUSE_OPENERS.contains(&lower(w[start]).as_str())
            || matches!(
                lower(w[start]).as_str(),
                "all" | "many" | "some" | "most" | "several" | "few"
            ))
    {
        start += 1;
    }
    if start == end {
        return None;
    }
    // "Ted Cruz of Texas", "David Woodard of Clemson University": a
    // person's name before "of" (no word of an organisation in it: "Bureau
    // of Labor Statistics" stays whole).
    let mut name_end = end;
    if let Some(of) = (start + 2..end).find(|&i| w[i] == "of") {
        let before = &w[start..of];
        // "Former Secretary of State Jane Roe": titles before "of" make a
        // title, and the name follows it.
        let titles = before.iter().all(|x| is_title(&lower(x)));
        let personal = before.len() >= 2 && !titles && !before.iter().any(|x| is_organisational(x));
        if personal {
            name_end = of;
        }
    }
    // "Texas Sen. Ted Cruz", "Senate Majority Leader Jane Doe", "Clark
    // County Sheriff John Roe": a person's title after a place or an
    // organisation; the name is what follows the last such title.
    if let Some(after) = name_after_title(w, start, name_end) {
        start = after;
    }
    // Organisation names keep their titles ("Senate Judiciary Committee").
    if !is_org_run(start, name_end) {
        while start < name_end - 1 {
            let l = lower(w[start]);
            let nationality = l.ends_with("ese")
                || l.ends_with("an") && !l.ends_with("man") && name_end - start > 2
                || l.ends_with("ish")
                || l == "western"
                || l == "eastern";
            // "RNC Chairman Reince Priebus": an acronym before a title is
            // the title's organisation.
            let org_of_title = is_acronym(w[start])
                && is_title(&lower(w[start + 1]))
                && !matches!(lower(w[start + 1]).as_str(), "of" | "the");
            if is_title(&l)
                || HONORIFICS.contains(&l.as_str())
                || nationality
                || org_of_title
                || l.ends_with("-at-large")
            {
                start += 1;
            } else {
                break;
            }
        }
    }
    while start < name_end && matches!(w[start], "of" | "for" | "and" | "&" | "the") {
        start += 1;
    }
    let name: Vec<&str> = w[start..name_end].to_vec();
    // A lone capitalised title, country adjective or clause word is no name
    // (but "U.S." is a country, and "Mr. Prince" a surname).
    if name.len() == 1 {
        let l = lower(name[0]);
        let honored = start > 0 && HONORIFICS.contains(&lower(w[start - 1]).as_str());
        if is_title(&l) && !COUNTRIES.contains(&l.as_str()) && !honored
            || CLAUSE_OPENERS.contains(&l.as_str())
            || GROUP_NAMES.contains(&l.as_str()) && w.len() > 1
        {
            return None;
        }
    }
    (start < name_end).then_some((start, name_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_with_of_and_a_medium_are_no_names() {
        let p = parse("Former Secretary of State Jane Roe");
        assert_eq!(p.name.as_deref(), Some("Jane Roe"));
        assert_eq!(p.descriptions, ["Former Secretary of State"]);
        assert_eq!(p.kind, SpeakerKind::Person);
        let p = parse("Roe, in a statement,");
        assert_eq!(p.name.as_deref(), Some("Roe"));
        assert!(p.descriptions.is_empty(), "{:?}", p.descriptions);
    }

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
    fn names_alone_with_roles_places_and_tags_as_descriptions() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("City Attorney John Doe", "John Doe", &["City Attorney"]),
            ("John Doe of New York", "John Doe", &["of New York"]),
            (
                "Senator Ted Cruz of Texas",
                "Ted Cruz",
                &["Senator", "of Texas"],
            ),
            ("Rival Jane Roe", "Jane Roe", &["Rival"]),
            (
                "RNC Chief of Staff Katie Walsh",
                "Katie Walsh",
                &["RNC Chief of Staff"],
            ),
            (
                "Sen. Lindsey Graham, R-S.C.,",
                "Lindsey Graham",
                &["Sen.", "R-S.C."],
            ),
            ("But Mr. Doe", "Doe", &[]),
            (
                "Keith Hutto, a plumbing contractor who attended the rally",
                "Keith Hutto",
                &["a plumbing contractor"],
            ),
            (
                "John Doe, speaking to a union hall in Ohio",
                "John Doe",
                &[],
            ),
            ("WASHINGTON -- President Bush", "Bush", &["President"]),
            (
                "China's official Xinhua News Agency",
                "Xinhua News Agency",
                &["China's official news agency"],
            ),
            (
                "the nonpartisan Congressional Budget Office",
                "Congressional Budget Office",
                &["nonpartisan office"],
            ),
            // A name that says no kind, or a role before a name, as written.
            (
                "Russia's state-run RIA Novosti",
                "RIA Novosti",
                &["Russia's state-run"],
            ),
            ("the agency's chief Tom Lee", "Tom Lee", &["agency's chief"]),
            (
                "Bureau of Labor Statistics",
                "Bureau of Labor Statistics",
                &[],
            ),
        ];
        for (phrase, name, descriptions) in cases {
            let p = parse(phrase);
            assert_eq!(p.name.as_deref(), Some(*name), "{phrase}");
            assert_eq!(p.descriptions, *descriptions, "{phrase}");
        }
    }

    #[test]
    fn groups_are_not_organizations() {
        for g in [
            "Lawmakers",
            "Republicans",
            "Proponents",
            "Congress",
            "critics",
        ] {
            assert_eq!(parse(g).kind, SpeakerKind::Group, "{g}");
        }
        assert_eq!(parse("his office").kind, SpeakerKind::Other);
        assert_eq!(parse("Had Republicans").kind, SpeakerKind::Group);
    }

    #[test]
    fn seas_rivers_and_territories_are_places_and_surnames_stay_people() {
        for place in [
            "The South China Sea",
            "the Rio Grande River",
            "Puerto Rico",
            "the Korean Peninsula",
        ] {
            let p = parse(place);
            assert!(!p.speaker, "{place}");
            assert_ne!(p.kind, SpeakerKind::Person, "{place}");
        }
        // A one-word name is no place by its head; surnames that are
        // also features of the land are left out of the list.
        for person in ["Celinda Lake", "Michael Bay", "Jim Sea-Smith", "River"] {
            assert!(parse(person).speaker, "{person}");
        }
    }

    #[test]
    fn days_clauses_and_qualified_groups_name_no_person() {
        // A day ending the phrase is no name; the paper before it is
        // described, not named by its last word.
        let p = parse("a Harbor Gazette report published Friday");
        assert_ne!(p.name.as_deref(), Some("Friday"));
        assert_ne!(p.kind, SpeakerKind::Person);
        for g in ["Ohio Democrats", "House Republicans"] {
            assert_eq!(parse(g).kind, SpeakerKind::Group, "{g}");
        }
        // A clause whose head part has a finite verb names neither person
        // in its other parts.
        let p = parse(
            "Mr. Roe has angered the town in many ways, from his treatment of Mr. Lee and Ms. Park",
        );
        assert_eq!(p.kind, SpeakerKind::Other);
        // An apposition's relative clause is no such head.
        let p = parse("Jane Roe, who has led the group since 2010,");
        assert_eq!(p.name.as_deref(), Some("Jane Roe"));
        assert_eq!(p.kind, SpeakerKind::Person);
    }

    #[test]
    fn coordinated_names_split_and_organisation_names_stay_whole() {
        let parts = |t: &str| -> Vec<String> {
            conjuncts(t).into_iter().map(|r| t[r].to_owned()).collect()
        };
        assert_eq!(parts("Sanders and Clinton"), ["Sanders", "Clinton"]);
        assert_eq!(parts("Both Mr. Lee and Mr. Park"), ["Mr. Lee", "Mr. Park"]);
        assert_eq!(parts("Major and Mr. Doe"), ["Major", "Mr. Doe"]);
        assert_eq!(
            parts("Center for Economic and Policy Research"),
            ["Center for Economic and Policy Research"]
        );
        assert_eq!(
            parts("Republican business leaders and their lobbying groups"),
            ["Republican business leaders and their lobbying groups"]
        );
    }

    #[test]
    fn groups_qualified_by_capitalised_words_are_no_names() {
        for (phrase, head) in [
            ("Republican members of Congress", "members"),
            ("Democrats in Washington", "democrats"),
            ("Local leaders of the Harbor Party", "leaders"),
        ] {
            let p = parse(phrase);
            assert_eq!(p.kind, SpeakerKind::Group, "{phrase}");
            assert_eq!(p.head.as_deref(), Some(head), "{phrase}");
        }
        // A name or a singular role before "of" is no group head.
        assert_eq!(parse("Ted Cruz of Texas").name.as_deref(), Some("Ted Cruz"));
        assert_eq!(
            parse("Secretary of State Jane Roe").name.as_deref(),
            Some("Jane Roe")
        );
    }

    #[test]
    fn documents_places_and_clause_words_name_no_one() {
        for phrase in [
            "the survey",
            "The Constitution",
            "a new poll",
            "a WXYZ poll",
            "the robust United States jobs report",
            "Tuesday's leak of the report",
            "Polls in New Hampshire",
            "N.C.",
            "Florida and Ohio",
            "But",
            "Question",
        ] {
            assert!(!parse(phrase).speaker, "{phrase}");
        }
        for phrase in [
            "Jane Doe",
            "the Harbor Institute",
            "China",
            "A U.S. official",
            "critics",
        ] {
            assert!(parse(phrase).speaker, "{phrase}");
        }
        // A poll's named sponsor speaks for it.
        let p = parse("a Harbor Research Center poll");
        assert_eq!(p.name.as_deref(), Some("Harbor Research Center"));
        assert!(p.speaker);
    }

    #[test]
    fn an_and_inside_an_apposition_joins_no_speakers() {
        let t = "Bill Doe, the pollster for The Daily Ledger and NBC News,";
        assert_eq!(conjuncts(t), vec![0..t.len()]);
        let t = "two members of the council, Jane Doe and Ann Roe,";
        let parts: Vec<&str> = conjuncts(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(parts, ["two members of the council, Jane Doe", "Ann Roe"]);
        let t = "Doe and Roe, the two rivals,";
        let parts: Vec<&str> = conjuncts(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(parts, ["Doe", "Roe, the two rivals"]);
    }

    #[test]
    fn a_doubled_and_joins_no_names() {
        // Found by the property tests: the second "and" begins inside the
        // first, and the piece between them ran backwards.
        for t in ["Talks and and minister", "Doe and and Roe and Lee"] {
            assert_eq!(conjuncts(t), vec![0..t.len()], "{t}");
        }
        // Nor does a list whose comma stands before its first name.
        for t in [", Roe, and Lee", ", , Roe, Lee and Park", "Roe, , and Lee"] {
            for r in conjuncts(t) {
                assert!(r.start <= r.end && r.end <= t.len(), "{t}: {r:?}");
            }
        }
    }

    #[test]
    fn titles_after_a_place_or_an_organisation_go_to_descriptions() {
        let cases: &[(&str, &str, &str)] = &[
            ("Ohio Sen. Jane Doe", "Jane Doe", "Ohio Sen."),
            (
                "Harbor County Sheriff Joe Roe",
                "Joe Roe",
                "Harbor County Sheriff",
            ),
            (
                "Senate Majority Leader Ann Major",
                "Ann Major",
                "Senate Majority Leader",
            ),
            (
                "Harbor Party Committee Chairman Bob Doe",
                "Bob Doe",
                "Harbor Party Committee Chairman",
            ),
            (
                "Harbor Police Chief Al Doe",
                "Al Doe",
                "Harbor Police Chief",
            ),
            (
                "Secretary of State Jane Roe",
                "Jane Roe",
                "Secretary of State",
            ),
        ];
        for (phrase, name, description) in cases {
            let p = parse(phrase);
            assert_eq!(p.name.as_deref(), Some(*name), "{phrase}");
            assert_eq!(p.descriptions, [*description], "{phrase}");
            assert_eq!(p.kind, SpeakerKind::Person, "{phrase}");
        }
        // Organisations whose names hold a title word stay whole.
        for org in ["Senate Judiciary Committee", "Speaker of the House"] {
            assert_ne!(parse(org).kind, SpeakerKind::Person, "{org}");
        }
        assert_eq!(parse("Mr. Bishop").name.as_deref(), Some("Bishop"));
        assert_eq!(parse("U.S.").kind, SpeakerKind::Organization);
    }

    #[test]
    fn unnamed_organisations_and_quantified_groups_are_no_names() {
        assert_eq!(parse("the company").kind, SpeakerKind::Other);
        assert_eq!(parse("a ministry").kind, SpeakerKind::Other);
        assert_eq!(parse("the Harbor campaign").kind, SpeakerKind::Organization);
        assert_eq!(parse("All the Democrats").kind, SpeakerKind::Group);
        assert!(!parse("Their").speaker);
        assert_eq!(parse("A Canadian").kind, SpeakerKind::Anonymous);
        assert!(!parse("Nobody").speaker);
        assert!(!parse("All I'm").speaker);
        assert!(!parse("They’re").speaker);
        for clause in [
            "Doe has taken on a larger campaign",
            "the Harbor administration is preparing a plan",
        ] {
            assert!(!parse(clause).speaker, "{clause}");
        }
        assert!(!parse("in a statement").speaker);
    }

    #[test]
    fn a_gerund_clause_is_no_description() {
        assert_eq!(
            parse("Doe, without naming him,").descriptions,
            Vec::<String>::new()
        );
        assert_eq!(
            parse("Doe, after meeting voters,").descriptions,
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_denial_mentions_its_names_and_names_no_speaker() {
        fn parts(t: &str) -> Option<Vec<&str>> {
            negated_parts(t).map(|p| p.into_iter().map(|r| &t[r]).collect())
        }
        assert_eq!(
            parts("Neither Lee nor Ann Roe"),
            Some(vec!["Lee", "Ann Roe"])
        );
        assert_eq!(parts("neither side"), Some(vec!["side"]));
        assert_eq!(parts("Nobody from the campaign"), Some(vec![]));
        assert_eq!(parts("None of the three"), Some(vec![]));
        assert_eq!(parts("Nonetheless Roe"), None);
        assert_eq!(parts("Noah Lee"), None);
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
