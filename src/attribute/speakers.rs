//! Grouping source mentions into speaker entities: names split from titles,
//! kinds from lexical cues, surnames to full names, definite descriptions
//! and pronouns to earlier mentions.

use crate::document::{Span, Speaker, SpeakerKind};

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

#[derive(Debug, Clone)]
struct Parsed {
    name: Option<String>,
    descriptions: Vec<String>,
    kind: SpeakerKind,
    /// Lowercased head noun of a description-only phrase ("official").
    head: Option<String>,
    definite: bool,
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
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .to_lowercase()
}

fn clean(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || ",;:()—–-".contains(c))
        .to_owned()
}

/// Split a source phrase into a name, descriptions and a kind.
fn parse(text: &str) -> Parsed {
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
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
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

const MAX_CANDIDATES: usize = 500;

/// One source mention to resolve, in text order.
pub struct Mention {
    pub span: Span,
    /// For relative pronouns: the phrase they stand for.
    pub antecedent: Option<String>,
}

/// Resolve mentions to speakers; returns the speaker id of each mention.
pub fn resolve(mentions: &[Mention]) -> (Vec<Speaker>, Vec<Option<String>>) {
    let mut speakers: Vec<Speaker> = Vec::new();
    // Index of the mention that last touched each speaker, for recency.
    let mut last_seen: Vec<usize> = Vec::new();
    let mut ids = Vec::with_capacity(mentions.len());
    let parsed: Vec<Parsed> = mentions
        .iter()
        .map(|m| parse(m.antecedent.as_deref().unwrap_or(&m.span.text)))
        .collect();
    for (m_at, m) in mentions.iter().enumerate() {
        let surface = m.antecedent.clone().unwrap_or_else(|| m.span.text.clone());
        let lower_surface = surface.trim().to_lowercase();
        let pronoun = match lower_surface.as_str() {
            "he" | "she" | "him" | "her" | "his" => Some(&[SpeakerKind::Person][..]),
            "they" | "them" => Some(
                &[
                    SpeakerKind::Group,
                    SpeakerKind::Organization,
                    SpeakerKind::Anonymous,
                ][..],
            ),
            "it" | "its" | "which" => Some(&[SpeakerKind::Organization][..]),
            "we" | "i" | "you" | "who" => Some(&[][..]),
            _ => None,
        };
        let found = if let Some(kinds) = pronoun {
            if kinds.is_empty() {
                None
            } else {
                most_recent(&speakers, &last_seen, |s| kinds.contains(&s.kind))
            }
        } else {
            let mut p = parsed[m_at].clone();
            match_entity(&p, &speakers, &last_seen)
                .or_else(|| {
                    // "China's foreign minister … Foreign Minister Tang
                    // Jiaxuan said": a description introduced before the name
                    // it describes takes the later named mention's identity.
                    let head = p.head.clone().filter(|_| p.definite)?;
                    let later = parsed[m_at + 1..].iter().take(MAX_CANDIDATES).find(|q| {
                        q.head.is_none()
                            && q.name.is_some()
                            && q.descriptions
                                .iter()
                                .any(|d| d.to_lowercase().split_whitespace().any(|w| w == head))
                    })?;
                    let mut description = p.name.clone();
                    p = later.clone();
                    if let Some(d) = description.take() {
                        p.descriptions.push(d);
                    }
                    None
                })
                .or_else(|| {
                    let id = format!("s{}", speakers.len() + 1);
                    speakers.push(Speaker {
                        id,
                        name: p.name.clone().unwrap_or_else(|| surface.trim().to_owned()),
                        kind: p.kind,
                        descriptions: Vec::new(),
                        mentions: Vec::new(),
                    });
                    last_seen.push(m_at);
                    Some(speakers.len() - 1)
                })
                .inspect(|&i| merge(&mut speakers[i], &p))
        };
        let i = match found {
            Some(i) => i,
            None => {
                if pronoun.is_some_and(|k| !k.is_empty()) || lower_surface.is_empty() {
                    ids.push(None);
                    continue;
                }
                speakers.push(Speaker {
                    id: format!("s{}", speakers.len() + 1),
                    name: m.span.text.trim().to_owned(),
                    kind: SpeakerKind::Other,
                    descriptions: Vec::new(),
                    mentions: Vec::new(),
                });
                last_seen.push(m_at);
                speakers.len() - 1
            }
        };
        speakers[i].mentions.push(m.span.clone());
        last_seen[i] = m_at;
        ids.push(Some(speakers[i].id.clone()));
    }
    for s in &mut speakers {
        s.mentions.sort_by_key(|m| m.start);
        s.mentions.dedup();
    }
    (speakers, ids)
}

fn most_recent(
    speakers: &[Speaker],
    last_seen: &[usize],
    ok: impl Fn(&Speaker) -> bool,
) -> Option<usize> {
    // Only the latest speakers are candidates: keeps resolution linear on
    // inputs with hundreds of thousands of distinct sources.
    (speakers.len().saturating_sub(MAX_CANDIDATES)..speakers.len())
        .filter(|&i| ok(&speakers[i]))
        .max_by_key(|&i| last_seen[i])
}

fn match_entity(p: &Parsed, speakers: &[Speaker], last_seen: &[usize]) -> Option<usize> {
    if let Some(name) = p.name.as_deref().filter(|_| p.head.is_none()) {
        let last = name.split_whitespace().last().unwrap_or(name);
        return most_recent(speakers, last_seen, |s| {
            s.name == name
                || (s.kind == p.kind
                    && p.kind == SpeakerKind::Person
                    && (s.name.split_whitespace().last() == Some(last)
                        || (!name.contains(' ') && s.name.split_whitespace().any(|w| w == name))))
        });
    }
    // Indefinite phrases introduce someone new ("a U.S. official").
    if !p.definite {
        let name = p.name.as_deref()?;
        return most_recent(speakers, last_seen, |s| {
            s.name == name && s.kind != SpeakerKind::Anonymous
        });
    }
    let head = p.head.as_deref()?;
    let media = matches!(
        head,
        "newspaper"
            | "paper"
            | "daily"
            | "network"
            | "agency"
            | "channel"
            | "broadcaster"
            | "outlet"
    );
    most_recent(speakers, last_seen, |s| {
        let mentions_head = |x: &str| x.to_lowercase().split_whitespace().any(|w| w == head);
        mentions_head(&s.name)
            || s.descriptions.iter().any(|d| mentions_head(d))
            || (media && s.kind == SpeakerKind::Organization)
    })
}

fn merge(s: &mut Speaker, p: &Parsed) {
    if let Some(name) = &p.name {
        // Keep the most informative name: a full name over a surname.
        if p.head.is_none()
            && s.kind == p.kind
            && name.len() > s.name.len()
            && name.ends_with(s.name.as_str())
        {
            s.name = name.clone();
        }
    }
    for d in &p.descriptions {
        if !s.descriptions.iter().any(|x| x.eq_ignore_ascii_case(d)) && d.len() <= 120 {
            s.descriptions.push(d.clone());
        }
    }
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

    fn mention(text: &str, at: usize) -> Mention {
        Mention {
            span: Span {
                start: at,
                end: at + text.len(),
                text: text.to_owned(),
            },
            antecedent: None,
        }
    }

    #[test]
    fn surnames_pronouns_and_descriptions_resolve() {
        let ms = [
            mention("Chinese Foreign Minister Tang Jiaxuan", 0),
            mention("Tang", 100),
            mention("A U.S. official", 200),
            mention("he", 300),
            mention("The official", 400),
            mention("the minister", 500),
        ];
        let (speakers, ids) = resolve(&ms);
        assert_eq!(speakers.len(), 2);
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[0], ids[3]);
        assert_eq!(ids[2], ids[4]);
        assert_eq!(ids[0], ids[5]);
        assert_eq!(speakers[0].name, "Tang Jiaxuan");
    }
}
