//! Word lists the attribution rules consult between a source and its cue
//! and around a clause. The cue lexicon itself, with its inflections, is
//! [`super::cues`]; the vocabularies of source phrases and speaker names
//! are [`super::sources`]' and [`super::names`]'.

/// Nouns and adjectives spelt like "-ly" adverbs: "the family said",
/// "according to early results", "a rally", "the daily newspaper". Only
/// the adverbs stand aside for the word after them.
pub(super) const LY_NOT_ADVERB: &[&str] = &[
    "family",
    "rally",
    "assembly",
    "supply",
    "reply",
    "anomaly",
    "monopoly",
    "bully",
    "homily",
    "early",
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "yearly",
    "hourly",
    "nightly",
    "biweekly",
    "elderly",
    "friendly",
    "unfriendly",
    "lonely",
    "lovely",
    "costly",
    "deadly",
    "likely",
    "unlikely",
    "holy",
    "ugly",
    "scholarly",
    "orderly",
    "timely",
    "worldly",
    "lively",
    "jolly",
    "silly",
    "sickly",
    "lowly",
    "curly",
    "burly",
    "surly",
    "stately",
];

/// Auxiliaries and adverbs that may stand between a source and its cue
/// ("has also said", "would later tell").
pub(super) const BETWEEN: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "would",
    "will",
    "later",
    "previously",
    "then",
    "again",
    "once",
    "did",
    "does",
    "do",
    "not",
    "never",
    "just",
    "already",
    "still",
    "further",
    "even",
    "often",
    "ever",
    "always",
    "sometimes",
    "first",
    "initially",
    "finally",
    "ultimately",
    "may",
    "might",
    "could",
    "should",
    "can",
    "cannot",
    "must",
    "always",
    "recently",
    "since",
    "now",
    "too",
    "in",
    "turn",
    "long",
    "twice",
    "instead",
    "soon",
];
/// Degree words that stand between "be" and a participle like an adverb
/// ("is best known", "is well regarded").
pub(super) const DEGREE: &[&str] = &["best", "well", "better", "most"];
/// Participles that give someone a name ("Roe, dubbed “the Iron Lady,”"),
/// set off after the one named, who is no speaker of it.
pub(super) const NAMING: &[&str] = &["dubbed", "nicknamed", "labeled", "labelled", "branded"];
/// Adverbs that may stand between a conjunction and the subject of the
/// clause it opens ("…, but now Lee believes …").
pub(super) const CLAUSE_ADVERBS: &[&str] = &[
    "now",
    "then",
    "still",
    "yet",
    "meanwhile",
    "today",
    "later",
    "also",
];
/// Possessive determiners: before a noun they name its possessor ("his
/// call for …").
pub(super) const POSSESSIVES: &[&str] = &["his", "her", "their", "its", "my", "our", "your"];

/// The possessor in a word with a possessive "'s" ("Roe's" → "Roe"), in
/// the word's own case; `None` for no possessive and for a pronoun with a
/// contracted "is" ("he's", "there's").
pub(super) fn possessor_stem(word: &str) -> Option<&str> {
    const CONTRACTED: &[&str] = &[
        "he", "she", "it", "that", "there", "here", "who", "what", "where", "this",
    ];
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .filter(|stem| !CONTRACTED.iter().any(|c| stem.eq_ignore_ascii_case(c)))
}

/// Whether a (lowercased) word names a possessor: "Roe's", "his".
pub(super) fn is_possessive(word: &str) -> bool {
    possessor_stem(word).is_some() || POSSESSIVES.contains(&word)
}

/// Nouns whose "that" clause is someone's claim ("his claim that the vote
/// was rigged"): after a verb ("Biden rejected his claim that …") the
/// clause is the noun's content, not the verb's, and the verb reports the
/// whole phrase.
pub(super) const CLAIM_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "assertion",
    "assertions",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "argument",
    "arguments",
    "charge",
    "charges",
    "contention",
    "insistence",
    "suggestion",
    "suggestions",
    "notion",
    "idea",
    "theory",
    "view",
    "belief",
    "rumor",
    "rumors",
    "rumour",
    "rumours",
    "report",
    "reports",
    "statement",
    "promise",
    "pledge",
    "prediction",
    "predictions",
    "warning",
    "warnings",
    "assurance",
    "assurances",
];

/// Relative pronouns: a source that holds one ("…, who claimed …") opens
/// a relative clause inside a noun phrase, not a report of its own.
/// Words that open the circumstances of a saying after its verb ("said
/// while campaigning", "said in posing the question"); not "of", "about"
/// or "on", which open the content of many verbs ("boasted about").
pub(super) const CIRCUMSTANCE: &[&str] = &[
    "in",
    "at",
    "during",
    "while",
    "before",
    "after",
    "when",
    "as",
    "following",
    "upon",
    "since",
    "from",
    "without",
    "despite",
    "amid",
    "through",
    "outside",
    "ahead",
    "until",
];

/// Words that open an introductory adjunct rather than a clause ("In a
/// statement, …", "Even before the vote, …").
pub(super) const ADJUNCT_OPENERS: &[&str] = &[
    "in",
    "at",
    "on",
    "during",
    "while",
    "before",
    "after",
    "when",
    "as",
    "following",
    "upon",
    "since",
    "from",
    "without",
    "despite",
    "amid",
    "through",
    "until",
    "if",
    "although",
    "though",
    "because",
    "even",
    "not",
    "by",
    "for",
    "with",
    "to",
    "of",
    "about",
    "like",
    "unlike",
    "once",
    "whether",
    "so",
    "and",
    "but",
    "or",
    "then",
    "still",
    "yet",
    "also",
    "instead",
];

pub(super) const RELATIVE: &[&str] = &["who", "which", "that", "whom", "whose"];
/// Quantifiers that stand alone for people ("“…,” one said", "Others
/// disagreed"): a subject, and a source, by themselves.
pub(super) const QUANTIFIERS: &[&str] = &[
    "one", "another", "others", "many", "some", "several", "both", "most", "few",
];
/// Forms of "be": before a participle they make a passive.
pub(super) const BE: &[&str] = &[
    "is", "was", "were", "are", "been", "be", "being", "'s", "’s",
];
/// Finite forms of "be" and "have" and the modals: after a subject, the
/// start of its predicate ("Mr. Doe has taken on …" is a clause, not a
/// name; "…, which critics say hurts farms, is law" closes the clause).
pub(super) const FINITE_AUX: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "may", "might", "must", "did", "does", "do", "cannot",
];
/// Time adverbs and the words of time phrases ("last week", "on Monday"):
/// adjuncts between a subject and its verb or after a cue.
pub(super) const TIME: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "earlier",
    "later",
    "afterward",
    "afterwards",
    "separately",
    "again",
    "also",
    "last",
    "this",
    "next",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    "then",
    "privately",
    "publicly",
    "repeatedly",
    "shortly",
    "once",
    "weekend",
];
