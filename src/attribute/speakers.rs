//! Grouping source mentions into speaker entities: surnames to full
//! names, definite descriptions and pronouns to earlier mentions. Each
//! phrase is read by [`super::names`].

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::names::{parse, Parsed};
use crate::document::{Span, Speaker, SpeakerKind};

const MAX_CANDIDATES: usize = 500;

/// One source mention to resolve, in text order.
pub struct Mention {
    pub span: Span,
    /// For relative pronouns: the phrase they stand for.
    pub antecedent: Option<String>,
    /// A person named in the text who is no source ([`super::emit::named_subjects`]):
    /// resolved like a source, so that a pronoun after it can stand for
    /// it, but listed as a speaker only if a source resolves to it too.
    pub context: bool,
}

/// Resolve mentions to speakers; returns the speaker id of each mention.
pub fn resolve(mentions: &[Mention]) -> (Vec<Speaker>, Vec<Option<String>>) {
    let mut speakers: Vec<Speaker> = Vec::new();
    // Index of the mention that last touched each speaker, for recency.
    let mut last_seen: Vec<usize> = Vec::new();
    // The [`key`] of each speaker's name, which comparisons use; the name
    // itself stays as the text spells it.
    let mut keys: Vec<String> = Vec::new();
    // What the article tells of each speaker's gender so far, for "he"
    // and "she" to skip a person of the other.
    let mut genders: Vec<Option<Gender>> = Vec::new();
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
        if pronoun.is_none()
            && (!parsed[m_at].speaker
                || lone_function_word(&lower_surface)
                || opens_with_subject_pronoun(&lower_surface))
        {
            // A place, a document or a clause word: the quote keeps its
            // source span, but no one is listed for it.
            ids.push(None);
            continue;
        }
        let pronoun_gender = match lower_surface.as_str() {
            "he" | "him" | "his" => Some(Gender::Male),
            "she" | "her" => Some(Gender::Female),
            _ => None,
        };
        let found = if let Some(kinds) = pronoun {
            if kinds.is_empty() {
                None
            } else {
                // "they" is no one described in the singular ("a woman
                // at the rally", "an aide").
                let plural = matches!(lower_surface.as_str(), "they" | "them");
                // The latest person of that kind whose gender, as far as
                // the article has told it, is not the other one.
                latest(speakers.len(), &last_seen, |i| {
                    kinds.contains(&speakers[i].kind)
                        && !(plural && singular_description(&speakers[i].name))
                        && (pronoun_gender.is_none()
                            || genders[i].is_none()
                            || genders[i] == pronoun_gender)
                })
            }
        } else {
            let mut p = parsed[m_at].clone();
            match_entity(&p, &speakers, &keys, &last_seen)
                .or_else(|| {
                    // "China's foreign minister … Foreign Minister Tang
                    // Jiaxuan said": a description introduced before the name
                    // it describes takes the later named mention's identity.
                    let head = p.head.as_deref().filter(|_| p.definite).map(key)?;
                    // The description's own head: "an attorney with the
                    // Campaign Legal Center" describes no campaign.
                    let headed_by = |d: &str| {
                        key(&d.to_lowercase()).split_whitespace().last() == Some(head.as_ref())
                    };
                    let later = parsed[m_at + 1..].iter().take(MAX_CANDIDATES).find(|q| {
                        q.head.is_none()
                            && q.name.is_some()
                            && q.descriptions.iter().any(|d| headed_by(d))
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
                    let name = p.name.clone().unwrap_or_else(|| surface.trim().to_owned());
                    keys.push(key(&name).into_owned());
                    speakers.push(Speaker {
                        id,
                        name,
                        kind: p.kind,
                        descriptions: Vec::new(),
                        mentions: Vec::new(),
                    });
                    last_seen.push(m_at);
                    genders.push(None);
                    Some(speakers.len() - 1)
                })
                .inspect(|&i| merge(&mut speakers[i], &mut keys[i], &p))
        };
        let i = match found {
            Some(i) => i,
            None => {
                // A pronoun ("I", "we", "he" with no one before) or a lone
                // clause word names no one.
                if pronoun.is_some() || lower_surface.is_empty() || p_is_clause_word(&lower_surface)
                {
                    ids.push(None);
                    continue;
                }
                let name = m.span.text.trim().to_owned();
                keys.push(key(&name).into_owned());
                speakers.push(Speaker {
                    id: format!("s{}", speakers.len() + 1),
                    name,
                    kind: SpeakerKind::Other,
                    descriptions: Vec::new(),
                    mentions: Vec::new(),
                });
                last_seen.push(m_at);
                genders.push(None);
                speakers.len() - 1
            }
        };
        // Only what the article says of the person, never a pronoun
        // resolved to them: a wrong guess would then steer the next ones.
        if genders[i].is_none() && pronoun.is_none() {
            genders[i] = gender_of(&surface, &parsed[m_at]);
        }
        if !m.context {
            speakers[i].mentions.push(m.span.clone());
        }
        last_seen[i] = m_at;
        ids.push(Some(speakers[i].id.clone()));
    }
    // Those only the context named are no speakers; the rest are numbered
    // in order again.
    let mut renamed = std::collections::HashMap::new();
    speakers.retain(|s| !s.mentions.is_empty());
    for (n, s) in speakers.iter_mut().enumerate() {
        let id = format!("s{}", n + 1);
        renamed.insert(std::mem::replace(&mut s.id, id.clone()), id);
        s.mentions.sort_by_key(|m| m.start);
        s.mentions.dedup();
    }
    for (id, m) in ids.iter_mut().zip(mentions) {
        *id = id
            .take()
            .filter(|_| !m.context)
            .and_then(|old| renamed.get(&old).cloned());
    }
    (speakers, ids)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
}

/// A person's gender as a mention tells it, by an honorific before their
/// name ("Mr. Lee", "Ms. Roe") or a gendered role that heads a description of
/// them ("Roe, a spokeswoman for …", "Lee's wife, Mary", "campaign
/// spokeswoman Hope Hicks"); `None` for the rest. Words further on in a
/// source ("Schilling, through a spokeswoman,", "Roe, whose husband …")
/// describe someone else. Hand-written: the few words that settle it in
/// news English; a name alone settles nothing here. "Spokesman" is left
/// out: newsrooms still write it of women.
fn gender_of(surface: &str, p: &Parsed) -> Option<Gender> {
    const FEMALE: &[&str] = &[
        "spokeswoman",
        "congresswoman",
        "chairwoman",
        "businesswoman",
        "councilwoman",
        "assemblywoman",
        "wife",
        "mother",
        "daughter",
        "sister",
        "widow",
        "grandmother",
        "actress",
        "woman",
        "girl",
        "aunt",
        "niece",
        "queen",
        "princess",
    ];
    const MALE: &[&str] = &[
        "congressman",
        "businessman",
        "councilman",
        "assemblyman",
        "husband",
        "father",
        "son",
        "brother",
        "widower",
        "grandfather",
        "man",
        "boy",
        "uncle",
        "nephew",
        "king",
        "prince",
    ];
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    // The honorific of the one named, before any apposition ("Nick
    // Merrill, a spokesman for Mrs. Clinton," is no Mrs.).
    let named = surface.split(',').next().unwrap_or(surface);
    let words: Vec<&str> = named.split_whitespace().collect();
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let next_is_name = words
            .get(i + 1)
            .is_some_and(|n| n.starts_with(char::is_uppercase));
        match bare(w).as_str() {
            "Mr" if next_is_name => found.push(Gender::Male),
            "Mrs" | "Ms" | "Miss" if next_is_name => found.push(Gender::Female),
            _ => {}
        }
    }
    // The words before the name, and each description up to where it
    // goes on about something else.
    let before_name = p
        .name
        .as_deref()
        .and_then(|n| surface.find(n))
        .map_or("", |at| &surface[..at]);
    let heads = std::iter::once(before_name)
        .chain(p.head.as_deref())
        .chain(p.descriptions.iter().map(String::as_str));
    for w in heads.flat_map(head_words) {
        // Roles are lowercase words: "Billie Jean King" is no king.
        if w.starts_with(char::is_uppercase) {
            continue;
        }
        let lower = bare(w).to_lowercase();
        if FEMALE.contains(&lower.as_str()) {
            found.push(Gender::Female);
        } else if MALE.contains(&lower.as_str()) {
            found.push(Gender::Male);
        }
    }
    // Both in one mention settles nothing.
    let first = *found.first()?;
    found.iter().all(|&g| g == first).then_some(first)
}

/// "He leaves behind a furious backlash …", "It means": a source that
/// opens with a subject pronoun and goes on is a clause the rules took for
/// a source, and names no one.
fn opens_with_subject_pronoun(lower: &str) -> bool {
    let mut words = lower.split_whitespace();
    // "He and his aides" is a coordinated source, no clause.
    matches!(
        words.next(),
        Some("he" | "she" | "it" | "they" | "we" | "i" | "you")
    ) && words
        .next()
        .is_some_and(|w| !matches!(w, "and" | "or" | "nor"))
}

/// A source that is one closed-class word ("That said …", "These calls
/// …", "About half support …", "A: …" of a transcript) names no one; as a
/// speaker it would also take the pronouns after it ("he said" → "That").
fn lone_function_word(lower: &str) -> bool {
    let mut words = lower.split_whitespace();
    let (Some(w), None) = (words.next(), words.next()) else {
        return false;
    };
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    // Not every stop word: "Will", "May" and "Day" are surnames too.
    super::sources::is_function_word(w)
        || matches!(
            w,
            "these"
                | "those"
                | "about"
                | "there"
                | "here"
                | "what"
                | "how"
                | "why"
                | "whether"
                | "plus"
                | "having"
                | "mostly"
                | "repeatedly"
        )
}

fn p_is_clause_word(lower: &str) -> bool {
    super::names::is_clause_word(lower)
}

/// The form in which names are compared: NFC, so that a name written with
/// precomposed accents and the same name written with combining marks
/// ("José" as `e` + U+0301) are one. Borrowed when `s` is in NFC already, as
/// all ASCII text is.
fn key(s: &str) -> Cow<'_, str> {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Whether `phrase`, lowercased, has the word `head` (a lowercase [`key`]).
fn has_word(phrase: &str, head: &str) -> bool {
    key(&phrase.to_lowercase())
        .split_whitespace()
        .any(|w| w == head)
}

/// The head noun of a description, as a lowercase [`key`]: its last word
/// before what modifies it ("Roe's campaign manager" → "manager", "a
/// spokeswoman for the mayor" → "spokeswoman"). "The campaign" is no
/// description of the campaign's manager.
fn description_head(d: &str) -> String {
    let lower = key(&d.to_lowercase()).into_owned();
    head_words(&lower)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .last()
        .unwrap_or("")
        .to_owned()
}

/// The words of a description up to where it goes on about something
/// else: a preposition, a relative pronoun or a conjunction ("a
/// spokeswoman [for the mayor]"), or past a comma.
fn head_words(phrase: &str) -> impl Iterator<Item = &str> {
    let mut done = false;
    phrase.split_whitespace().map_while(move |w| {
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let modifier = matches!(
            bare.as_str(),
            "for"
                | "of"
                | "at"
                | "in"
                | "with"
                | "from"
                | "on"
                | "who"
                | "whose"
                | "that"
                | "which"
                | "to"
                | "and"
                | "through"
                | "by"
        );
        if done || modifier {
            return None;
        }
        done = w.ends_with(',');
        Some(w)
    })
}

/// The most recently seen speaker that passes `ok`, which gets the speaker
/// and the [`key`] of its name.
fn most_recent(
    speakers: &[Speaker],
    keys: &[String],
    last_seen: &[usize],
    ok: impl Fn(&Speaker, &str) -> bool,
) -> Option<usize> {
    latest(speakers.len(), last_seen, |i| ok(&speakers[i], &keys[i]))
}

/// Of the first `count` speakers, the most recently seen whose index
/// passes `ok`.
fn latest(count: usize, last_seen: &[usize], ok: impl Fn(usize) -> bool) -> Option<usize> {
    // Only the latest speakers are candidates: keeps resolution linear on
    // inputs with hundreds of thousands of distinct sources.
    (count.saturating_sub(MAX_CANDIDATES)..count)
        .filter(|&i| ok(i))
        .max_by_key(|&i| last_seen[i])
}

fn match_entity(
    p: &Parsed,
    speakers: &[Speaker],
    keys: &[String],
    last_seen: &[usize],
) -> Option<usize> {
    if let Some(name) = p.name.as_deref().filter(|_| p.head.is_none()) {
        let name = key(name);
        let name = name.as_ref();
        let last = name.split_whitespace().last().unwrap_or(name);
        return most_recent(speakers, keys, last_seen, |s, s_name| {
            // Two full names sharing a surname ("Bill Clinton", "Hillary
            // Clinton") are two people; a surname alone goes to the latest.
            let same_first = || {
                !name.contains(' ')
                    || !s_name.contains(' ')
                    || s_name.split_whitespace().next() == name.split_whitespace().next()
            };
            s_name == name
                || (s.kind == p.kind
                    && p.kind == SpeakerKind::Person
                    && (s_name.split_whitespace().last() == Some(last) && same_first()
                        || (!name.contains(' ') && s_name.split_whitespace().any(|w| w == name))))
        });
    }
    // Indefinite phrases introduce someone new ("a U.S. official").
    if !p.definite {
        let name = key(p.name.as_deref()?);
        return most_recent(speakers, keys, last_seen, |s, s_name| {
            s_name == name && s.kind != SpeakerKind::Anonymous
        });
    }
    let head = key(p.head.as_deref()?);
    let head = head.as_ref();
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
    // "Lee's campaign" is no one of "Roe's campaign manager": a named
    // possessor must be the candidate's too.
    let possessor = p
        .name
        .as_deref()
        .and_then(|n| n.split_whitespace().next())
        .filter(|w| {
            super::words::possessor_stem(w).is_some()
                && w.chars().next().is_some_and(char::is_uppercase)
        })
        .map(|w| key(&w.to_lowercase()).into_owned());
    most_recent(speakers, keys, last_seen, |s, s_name| {
        let same_possessor = possessor
            .as_deref()
            .is_none_or(|o| has_word(s_name, o) || s.descriptions.iter().any(|d| has_word(d, o)));
        same_possessor
            && (has_word(s_name, head)
                || s.descriptions.iter().any(|d| description_head(d) == head)
                || (media && s.kind == SpeakerKind::Organization))
    })
}

/// Merges the mention `p` into the speaker `s`, whose name has the key
/// `s_key`.
fn merge(s: &mut Speaker, s_key: &mut String, p: &Parsed) {
    if let Some(name) = &p.name {
        // Keep the most informative name: a full name over a surname.
        let name_key = key(name);
        if p.head.is_none()
            && s.kind == p.kind
            && name_key.len() > s_key.len()
            && name_key.ends_with(s_key.as_str())
        {
            s.name = name.clone();
            *s_key = name_key.into_owned();
        }
    }
    for d in &p.descriptions {
        let d_key = key(d);
        if !s
            .descriptions
            .iter()
            .any(|x| key(x).eq_ignore_ascii_case(&d_key))
            && crate::ingest::letters(d) <= 120
        {
            s.descriptions.push(d.clone());
        }
    }
}

/// Whether a speaker's name is a description of one ("a woman at the
/// rally", "an aide", "one voter").
fn singular_description(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    matches!(
        first.to_lowercase().as_str(),
        "a" | "an" | "one" | "another"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, at: usize) -> Mention {
        Mention {
            span: Span {
                start: at,
                end: at + text.len(),
                text: text.to_owned(),
            },
            antecedent: None,
            context: false,
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

    #[test]
    fn names_match_in_nfc_and_keep_their_spelling() {
        let (nfc, nfd) = ("Jos\u{e9} \u{c1}lvarez", "Jose\u{301} A\u{301}lvarez");
        // A surname in NFD, then the full name in NFC: one speaker, who
        // takes the full name as written.
        let ms = [
            mention("A\u{301}lvarez", 0),
            mention(nfc, 100),
            mention(nfd, 200),
            mention("Alvarez", 300),
        ];
        let (speakers, ids) = resolve(&ms);
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[0], ids[2]);
        assert_ne!(ids[0], ids[3], "an unaccented name is another name");
        assert_eq!(speakers[0].name, nfc);
        let spelled: Vec<&str> = speakers[0].mentions.iter().map(|m| &m.text[..]).collect();
        assert_eq!(spelled, ["A\u{301}lvarez", nfc, nfd]);
    }

    #[test]
    fn he_and_she_skip_a_person_the_article_gives_the_other_gender() {
        // "she" after Mr. Lee is Ms. Roe, the latest woman; "he" after her
        // is Mr. Lee.
        let ms = [
            mention("Ms. Roe", 0),
            mention("Mr. Lee", 100),
            mention("she", 200),
            mention("he", 300),
        ];
        let (_, ids) = resolve(&ms);
        assert_eq!(ids[2], ids[0]);
        assert_eq!(ids[3], ids[1]);
        // A role that heads a description tells it; a role further on in
        // the source, or a capitalised name word, tells nothing of the one
        // named.
        let ms = [
            mention("Curt Hill, through a spokeswoman,", 0),
            mention("Jane Doe, a spokeswoman for the mayor,", 100),
            mention("he", 200),
            mention("Billie Jean King", 300),
            mention("Mr. Lee", 400),
            mention("she", 500),
        ];
        let (_, ids) = resolve(&ms);
        assert_eq!(ids[2], ids[0], "Curt Hill may be a he");
        assert_eq!(ids[5], ids[3], "Billie Jean King may be a she");
        let ms = [
            mention("Jane Doe, a spokeswoman for the mayor,", 0),
            mention("Nick Lee, a spokesman for Mrs. Roe,", 100),
            mention("she", 200),
        ];
        let (_, ids) = resolve(&ms);
        assert_eq!(ids[2], ids[1], "nothing tells Nick Lee's gender");
        // Without anything said of gender, the latest person.
        let ms = [
            mention("Ann Roe", 0),
            mention("Tom Lee", 100),
            mention("she", 200),
        ];
        let (_, ids) = resolve(&ms);
        assert_eq!(ids[2], ids[1]);
        // A woman named, then only men: "she" is no one of them.
        let ms = [
            mention("Mrs. Roe", 0),
            mention("Mr. Lee", 100),
            mention("Mr. Park", 200),
            mention("she", 300),
        ];
        let (_, ids) = resolve(&ms);
        assert_eq!(ids[3], ids[0]);
    }

    #[test]
    fn a_lone_function_word_is_no_speaker_and_takes_no_pronoun() {
        let ms = [
            mention("Ann Roe", 0),
            mention("That", 100),
            mention("These", 200),
            mention("she", 300),
            mention("Will", 400),
        ];
        let (speakers, ids) = resolve(&ms);
        assert_eq!(ids[1], None);
        assert_eq!(ids[2], None);
        assert_eq!(ids[3], ids[0], "she is Ann Roe, not \"That\"");
        // A surname that is also a word stays a name.
        assert!(ids[4].is_some());
        let names: Vec<&str> = speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Ann Roe", "Will"]);
    }

    #[test]
    fn a_description_matches_a_speaker_by_its_head_noun() {
        // "The campaign" is not the campaign's manager; "the manager" is.
        let ms = [
            mention("Roe's campaign manager, Ann Lee,", 0),
            mention("Roe's campaign", 100),
            mention("The campaign", 200),
            mention("the manager", 300),
        ];
        let (_, ids) = resolve(&ms);
        assert_ne!(ids[1], ids[0]);
        assert_eq!(ids[2], ids[1]);
        assert_eq!(ids[3], ids[0]);
        assert_eq!(
            description_head("a spokeswoman for the mayor"),
            "spokeswoman"
        );
        assert_eq!(description_head("Roe's campaign manager"), "manager");
    }

    #[test]
    fn an_emphatic_reflexive_names_the_same_speaker() {
        let ms = [
            mention("Sen. Ted Cruz", 0),
            mention("Cruz himself", 100),
            mention("Voters themselves", 200),
        ];
        let (speakers, ids) = resolve(&ms);
        assert_eq!(ids[1], ids[0]);
        let names: Vec<&str> = speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Ted Cruz", "Voters"]);
    }

    #[test]
    fn a_clause_opening_with_a_pronoun_is_no_speaker() {
        let ms = [
            mention("Ann Roe", 0),
            mention("He leaves behind a furious backlash", 100),
            mention("she", 200),
            mention("he and his aides", 300),
        ];
        let (speakers, ids) = resolve(&ms);
        assert_eq!(ids[1], None);
        assert_eq!(ids[2], ids[0]);
        assert!(ids[3].is_some());
        assert!(speakers.iter().all(|s| !s.name.starts_with("He leaves")));
    }
}
