//! The lexicon of attribution cues: reporting verbs (speech, writing,
//! thought and stance, as PolNeAR annotates them) expanded to every
//! inflection, plus the phrasal cues that are not single verbs.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Nearly always a cue when it has a subject ("said", "tweeted").
    Strong,
    /// A cue only with a clear subject and a clause or quote after it
    /// ("believes", "wants", "suggested").
    Weak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    Third,
    Past,
    Gerund,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub strength: Strength,
    pub form: Form,
    /// The verb takes an addressee before what is said ("told reporters that").
    pub addressee: bool,
}

/// Speech and writing verbs. Irregular forms are spelled out as
/// `lemma/third/past/gerund`; the others are inflected by rule.
const STRONG: &[&str] = &[
    "say/says/said/saying",
    "tell/tells/told/telling",
    "add",
    "state",
    "claim",
    "declare",
    "announce",
    "explain",
    "note",
    "argue",
    "insist",
    "maintain",
    "assert",
    "contend",
    "allege",
    "acknowledge",
    "admit",
    "concede",
    "confirm",
    "deny",
    "reveal",
    "disclose",
    "report",
    "remark",
    "comment",
    "observe",
    "mention",
    "warn",
    "caution",
    "predict",
    "promise",
    "pledge",
    "vow",
    "urge",
    "ask",
    "reply",
    "respond",
    "retort",
    "recall",
    "recount",
    "complain",
    "lament",
    "boast",
    "brag",
    "joke",
    "quip",
    "tweet",
    "write/writes/wrote/writing",
    "blog",
    "emphasize",
    "emphasise",
    "stress",
    "underscore",
    "conclude",
    "reiterate",
    "concur",
    "testify",
    "proclaim",
    "shout",
    "yell",
    "scream",
    "chant",
    "whisper",
    "muse",
    "speculate",
    "estimate",
    "forecast",
    "affirm",
    "reaffirm",
    "opine",
    "posit",
    "clarify",
    "elaborate",
    "specify",
    "inform",
    "assure",
    "remind",
    "advise",
    "demand",
    "plead",
    "implore",
    "counter",
    "answer",
    "accuse",
    "charge",
    "describe",
    "cite",
    "tout",
    "wonder",
    "acknowledge",
    "suggest",
    "criticize",
    "criticise",
    "praise",
    "endorse",
    "decline",
    "predict",
    "threaten",
    "signal",
    "indicate",
    "imply",
    "hint",
    "dispute",
    "reject",
    "dismiss",
    "blame",
    "condemn",
    "denounce",
    "defend",
    "propose",
    "recommend",
    "question",
    "challenge",
    "agree",
    "disagree",
    "continue",
    "repeat",
    "post",
    "read/reads/read/reading",
    "exclaim",
    "interject",
    "relate",
    "summarize",
    "characterize",
    "label",
    "dub",
    "brand",
    "hail",
    "applaud",
    "welcome",
    "thank",
    "vow",
    "swear/swears/swore/swearing",
    "promise",
];

/// Thought, stance and perception verbs: frequent outside attributions, so
/// they need a subject right before them and a complement after.
const WEAK: &[&str] = &[
    "believe",
    "think/thinks/thought/thinking",
    "feel/feels/felt/feeling",
    "fear",
    "hope",
    "expect",
    "worry",
    "doubt",
    "suspect",
    "assume",
    "know/knows/knew/knowing",
    "realize",
    "understand/understands/understood/understanding",
    "want",
    "wish",
    "prefer",
    "call",
    "support",
    "back",
    "oppose",
    "seek/seeks/sought/seeking",
    "show",
    "find/finds/found/finding",
    "see/sees/saw/seeing",
    "consider",
    "view",
    "regard",
    "recognize",
    "insinuate",
    "favor",
    "intend",
    "vote",
    "attack",
    "mock",
    "slam",
    "blast",
    "decry",
    "urge",
    "demand",
    "refuse",
    "offer",
    "pledge",
    "accept",
    "rule",
    "admire",
    "doubt",
];

/// Verbs whose addressee comes before the reported clause.
const ADDRESSEE: &[&str] = &[
    "tell", "inform", "assure", "remind", "advise", "warn", "ask", "urge", "promise", "thank",
    "accuse", "call", "show",
];

/// Lemmas whose base and third-person forms are far more often nouns ("the
/// state", "his support", "the vote"): only their past and -ing forms cue.
const NOUNISH: &[&str] = &[
    "state",
    "support",
    "back",
    "vote",
    "attack",
    "report",
    "question",
    "comment",
    "call",
    "rule",
    "remark",
    "post",
    "charge",
    "answer",
    "plan",
    "offer",
    "demand",
    "promise",
    "pledge",
    "challenge",
    "view",
    "doubt",
    "fear",
    "hope",
    "show",
    "find",
    "continue",
    "read",
    "counter",
    "label",
    "brand",
    "favor",
    "welcome",
    "thank",
    "signal",
    "estimate",
    "forecast",
    "quote",
    "blog",
    "tweet",
    "mock",
    "blast",
    "slam",
];

fn lexicon() -> &'static HashMap<String, Cue> {
    static LEXICON: OnceLock<HashMap<String, Cue>> = OnceLock::new();
    LEXICON.get_or_init(|| forms(false))
}

/// The base and third-person forms of the nounish lemmas ("support",
/// "reports", "plans"), which the lexicon leaves out.
fn nounish_forms() -> &'static HashMap<String, Cue> {
    static NOUNISH_FORMS: OnceLock<HashMap<String, Cue>> = OnceLock::new();
    NOUNISH_FORMS.get_or_init(|| forms(true))
}

/// Every inflected form of the lexicon, or with `nounish_only` just the
/// base and third-person forms of the nounish lemmas.
fn forms(nounish_only: bool) -> HashMap<String, Cue> {
    let mut map = HashMap::new();
    // Strong entries win over weak ones with the same spelling.
    for (list, strength) in [(WEAK, Strength::Weak), (STRONG, Strength::Strong)] {
        for entry in list {
            let forms: Vec<String> = if entry.contains('/') {
                entry.split('/').map(str::to_owned).collect()
            } else {
                inflect(entry)
            };
            let lemma = forms[0].clone();
            let addressee = ADDRESSEE.contains(&lemma.as_str());
            let nounish = NOUNISH.contains(&lemma.as_str());
            for (form, word) in [Form::Base, Form::Third, Form::Past, Form::Gerund]
                .into_iter()
                .zip(forms)
            {
                if nounish_only != (nounish && matches!(form, Form::Base | Form::Third)) {
                    continue;
                }
                map.insert(
                    word,
                    Cue {
                        strength,
                        form,
                        addressee,
                    },
                );
            }
        }
    }
    map
}

/// `[base, third person, past, gerund]` of a regular verb.
fn inflect(lemma: &str) -> Vec<String> {
    let b = lemma.as_bytes();
    let last = *b.last().unwrap_or(&b'x');
    let vowel = |c: u8| b"aeiou".contains(&c);
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b'x' };
    let third = if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
    {
        format!("{lemma}es")
    } else if last == b'y' && !vowel(before) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    // Final consonant doubling for short stressed stems (quip → quipped).
    let double = b.len() <= 4
        && !vowel(last)
        && vowel(before)
        // "qu" spells a consonant: quip → quipped.
        && !(b.len() >= 3 && vowel(b[b.len() - 3]) && !(b.len() >= 4 && b[b.len() - 4] == b'q'))
        && !b"wxy".contains(&last);
    let (past, gerund) = if last == b'e' {
        let stem = &lemma[..lemma.len() - 1];
        (format!("{lemma}d"), format!("{stem}ing"))
    } else if last == b'y' && !vowel(before) {
        (
            format!("{}ied", &lemma[..lemma.len() - 1]),
            format!("{lemma}ing"),
        )
    } else if double {
        let c = last as char;
        (format!("{lemma}{c}ed"), format!("{lemma}{c}ing"))
    } else {
        (format!("{lemma}ed"), format!("{lemma}ing"))
    };
    vec![lemma.to_owned(), third, past, gerund]
}

pub fn lookup(lower: &str) -> Option<Cue> {
    lexicon().get(lower).copied()
}

/// The cue of a nounish lemma's base or third-person form ("support",
/// "plans"), for a word its context shows to be the verb. Not of one that
/// takes an addressee ("calls", "shows"): its object is no addressee in
/// "calls the plan “a disgrace”", which the detector's reading keeps.
/// Nor of "continue", whose verb is aspect ("they continue to rebuff"),
/// no report.
pub fn nounish_verb(lower: &str) -> Option<Cue> {
    nounish_forms()
        .get(lower)
        .copied()
        .filter(|c| !c.addressee && !lower.starts_with("continue"))
}

/// Whether `lower` is the third-person form of a lexicon verb, the nounish
/// ones included: a Title-Case headline reports in the present tense
/// ("Senator Slams Budget", "Mayor Says Taxes Will Rise"), where capitals
/// leave no noun reading of "Slams" to fear.
pub fn is_third_person(lower: &str) -> bool {
    static THIRD: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    THIRD
        .get_or_init(|| {
            WEAK.iter()
                .chain(STRONG)
                .filter_map(|entry| {
                    if entry.contains('/') {
                        entry.split('/').nth(1).map(str::to_owned)
                    } else {
                        inflect(entry).into_iter().nth(1)
                    }
                })
                .collect()
        })
        .contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_follow_spelling_rules() {
        assert_eq!(inflect("quip"), ["quip", "quips", "quipped", "quipping"]);
        assert_eq!(inflect("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(inflect("note"), ["note", "notes", "noted", "noting"]);
        assert_eq!(
            inflect("stress"),
            ["stress", "stresses", "stressed", "stressing"]
        );
        assert_eq!(inflect("say")[2], "sayed"); // irregulars are spelled out instead
    }

    #[test]
    fn lexicon_covers_irregular_and_regular_forms() {
        assert_eq!(lookup("said").unwrap().form, Form::Past);
        assert!(lookup("told").unwrap().addressee);
        assert_eq!(lookup("insists").unwrap().strength, Strength::Strong);
        assert_eq!(lookup("believes").unwrap().strength, Strength::Weak);
        assert!(lookup("table").is_none());
    }
}
