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
        if pronoun.is_none() && !parsed[m_at].speaker {
            // A place, a document or a clause word: the quote keeps its
            // source span, but no one is listed for it.
            ids.push(None);
            continue;
        }
        let found = if let Some(kinds) = pronoun {
            if kinds.is_empty() {
                None
            } else {
                most_recent(&speakers, &keys, &last_seen, |s, _| kinds.contains(&s.kind))
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
                speakers.len() - 1
            }
        };
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

/// The most recently seen speaker that passes `ok`, which gets the speaker
/// and the [`key`] of its name.
fn most_recent(
    speakers: &[Speaker],
    keys: &[String],
    last_seen: &[usize],
    ok: impl Fn(&Speaker, &str) -> bool,
) -> Option<usize> {
    // Only the latest speakers are candidates: keeps resolution linear on
    // inputs with hundreds of thousands of distinct sources.
    (speakers.len().saturating_sub(MAX_CANDIDATES)..speakers.len())
        .filter(|&i| ok(&speakers[i], &keys[i]))
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
                || s.descriptions.iter().any(|d| has_word(d, head))
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
}
