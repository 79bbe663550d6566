//! Grouping source mentions into speaker entities: surnames to full
//! names, definite descriptions and pronouns to earlier mentions. Each
//! phrase is read by [`super::names`].

use super::names::{parse, Parsed};
use crate::document::{Span, Speaker, SpeakerKind};

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
