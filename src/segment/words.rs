//! Word lists the boundary rules consult: abbreviations by how they behave
//! before a capitalised word, sentence-opening words, speech verbs.
//!
//! Lookups are `match`es over short ASCII byte strings lowered into a stack
//! buffer: the compiler turns them into length and byte comparisons, with no
//! allocation and no hashing on the hot path.

/// How a word followed by a period behaves when the next word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Not an abbreviation: the period ends the sentence.
    None,
    /// Comes before a name or number and never ends a sentence ("Mr.", "Sen.",
    /// "vs.", "e.g."). Titles only count when capitalised, so that "a sales
    /// rep." still ends one.
    Prepositive,
    /// Ends a word that may close a sentence or run on ("Co.", "Inc.", "Jr.",
    /// "U.S.", "a.m.", "Fla.", "Sept."): decided by the next word.
    Ambiguous,
    /// "a.m." and "p.m.": after a time, a capitalised word opens a sentence
    /// unless it names a time zone or a day ("8 p.m. Eastern", "9 a.m. Monday").
    Time,
    /// A month: abbreviated only before a date ("Jan. 15", AP style), so
    /// anything else after it starts a new sentence ("held in Feb. Nobody …").
    Month,
    /// Stands before numbers ("No. 5", "p. 55", "Vol. 2"): no boundary before a
    /// digit, an ordinary word otherwise ("He said no. The …").
    Numeral,
}

/// Longest abbreviation looked up, in bytes ("messrs", "approx").
const MAX_ABBREV: usize = 8;

/// ASCII-lowercase `word` into `buf`, or `None` when it cannot be in a list.
fn lower<'b>(word: &[u8], buf: &'b mut [u8; MAX_ABBREV]) -> Option<&'b [u8]> {
    if word.is_empty() || word.len() > MAX_ABBREV {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..word.len()])
}

/// Classify the word before a period. `word` has no period at its end and
/// no surrounding quotes or brackets; it may hold inner periods ("U.S").
pub(crate) fn abbreviation(word: &[u8]) -> Abbrev {
    let capitalised = word.first().is_some_and(u8::is_ascii_uppercase);
    if is_initialism(word) {
        return match word {
            b"e.g" | b"i.e" | b"E.g" | b"I.e" => Abbrev::Prepositive,
            b"a.m" | b"p.m" | b"A.M" | b"P.M" => Abbrev::Time,
            _ => Abbrev::Ambiguous,
        };
    }
    let mut buf = [0u8; MAX_ABBREV];
    let Some(w) = lower(word, &mut buf) else {
        return Abbrev::None;
    };
    match w {
        // Titles and ranks stand before names.
        b"mr" | b"mrs" | b"ms" | b"messrs" | b"mmes" | b"dr" | b"drs" | b"prof" | b"sen"
        | b"sens" | b"rep" | b"reps" | b"gov" | b"govs" | b"gen" | b"gens" | b"lt" | b"col"
        | b"maj" | b"capt" | b"cmdr" | b"cdr" | b"adm" | b"sgt" | b"cpl" | b"pvt" | b"pfc"
        | b"brig" | b"pres" | b"supt" | b"atty" | b"det" | b"insp" | b"rev" | b"fr" | b"msgr"
        | b"hon" | b"amb" | b"mt" | b"st" | b"ste" | b"rt" | b"sec" => {
            if capitalised {
                Abbrev::Prepositive
            } else {
                Abbrev::Ambiguous
            }
        }
        b"vs" | b"cf" | b"viz" => Abbrev::Prepositive,
        b"no" | b"nos" | b"nr" | b"pp" | b"vol" | b"vols" | b"fig" | b"figs" | b"art" | b"ch"
        | b"pt" | b"op" | b"tel" | b"ext" | b"para" => Abbrev::Numeral,
        // Company suffixes, name suffixes, street types, units: they end
        // noun phrases, so they end sentences as often as not.
        b"inc" | b"corp" | b"co" | b"cos" | b"ltd" | b"llc" | b"plc" | b"bros" | b"jr" | b"sr"
        | b"esq" | b"etc" | b"al" | b"dept" | b"univ" | b"assn" | b"ave" | b"blvd" | b"rd"
        | b"hwy" | b"ft" | b"lb" | b"lbs" | b"oz" | b"mph" | b"yr" | b"yrs" | b"hr" | b"hrs"
        | b"min" | b"mins" | b"approx" | b"est" | b"ca" | b"govt" | b"intl" => Abbrev::Ambiguous,
        // Months and states are only abbreviations when capitalised ("the
        // car wash." and "he was ill." are words).
        b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept"
        | b"oct" | b"nov" | b"dec"
            if capitalised =>
        {
            Abbrev::Month
        }
        b"ala" | b"ariz" | b"ark" | b"calif" | b"colo" | b"conn" | b"del" | b"fla" | b"ga"
        | b"ill" | b"ind" | b"kan" | b"kans" | b"ky" | b"la" | b"md" | b"mass" | b"mich"
        | b"minn" | b"miss" | b"mo" | b"mont" | b"neb" | b"nev" | b"okla" | b"ore" | b"pa"
        | b"penn" | b"tenn" | b"tex" | b"va" | b"vt" | b"wash" | b"wis" | b"wisc" | b"wyo"
            if capitalised =>
        {
            Abbrev::Ambiguous
        }
        _ => Abbrev::None,
    }
}

/// Letters joined by periods, each run one or two letters: "U.S", "a.m",
/// "Ph.D", "N.J", "U.S.A". Longer runs are domains or names ("cnn.com").
fn is_initialism(word: &[u8]) -> bool {
    let mut parts = 0;
    for part in word.split(|&b| b == b'.') {
        if part.is_empty() || part.len() > 2 || !part.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// Capitalised words that usually open a sentence and rarely continue a
/// proper name: after an ambiguous abbreviation ("in the U.S. How …") they
/// mark a boundary, where "U.S. Government" does not.
pub(crate) fn is_sentence_starter(word: &[u8]) -> bool {
    matches!(
        word,
        b"A" | b"An"
            | b"The"
            | b"This"
            | b"That"
            | b"These"
            | b"Those"
            | b"It"
            | b"Its"
            | b"He"
            | b"She"
            | b"They"
            | b"We"
            | b"I"
            | b"You"
            | b"His"
            | b"Her"
            | b"Their"
            | b"Our"
            | b"My"
            | b"Your"
            | b"There"
            | b"Here"
            | b"But"
            | b"And"
            | b"Or"
            | b"So"
            | b"Yet"
            | b"If"
            | b"When"
            | b"While"
            | b"What"
            | b"Where"
            | b"Why"
            | b"How"
            | b"Who"
            | b"Which"
            | b"In"
            | b"On"
            | b"At"
            | b"For"
            | b"As"
            | b"After"
            | b"Before"
            | b"Since"
            | b"During"
            | b"Some"
            | b"Many"
            | b"Most"
            | b"All"
            | b"No"
            | b"Not"
            | b"Now"
            | b"Then"
            | b"Still"
            | b"Also"
            | b"Meanwhile"
            | b"However"
            | b"Instead"
            | b"Both"
            | b"Each"
            | b"Even"
            | b"Only"
            | b"Although"
            | b"Though"
            | b"Because"
            | b"Despite"
            | b"Do"
            | b"Does"
            | b"Did"
            | b"Is"
            | b"Are"
            | b"Was"
            | b"Were"
            | b"Will"
            | b"Would"
            | b"Can"
            | b"Could"
            | b"Should"
            | b"Mr"
            | b"Mrs"
            | b"Ms"
            | b"Dr"
    )
}

/// Words that continue a time of day: zones and days.
pub(crate) fn is_time_follower(word: &[u8]) -> bool {
    matches!(
        word,
        b"ET"
            | b"EST"
            | b"EDT"
            | b"CT"
            | b"CST"
            | b"CDT"
            | b"MT"
            | b"MST"
            | b"MDT"
            | b"PT"
            | b"PST"
            | b"PDT"
            | b"GMT"
            | b"UTC"
            | b"BST"
            | b"Eastern"
            | b"Central"
            | b"Mountain"
            | b"Pacific"
            | b"Local"
            | b"Monday"
            | b"Tuesday"
            | b"Wednesday"
            | b"Thursday"
            | b"Friday"
            | b"Saturday"
            | b"Sunday"
    )
}

/// Prepositions that open a sentence with an adverbial ("At 5 a.m. Mr. Smith
/// left"): such an opener is too short to be a sentence on its own.
pub(crate) fn is_opening_preposition(word: &[u8]) -> bool {
    matches!(
        word,
        b"At"
            | b"By"
            | b"Before"
            | b"After"
            | b"Until"
            | b"Till"
            | b"Around"
            | b"About"
            | b"Since"
            | b"From"
            | b"On"
            | b"In"
            | b"Near"
            | b"Through"
            | b"During"
            | b"Across"
            | b"Inside"
            | b"Outside"
    )
}

/// Verbs of saying, as they follow a quotation and its speaker
/// (`"Why?" Tang asked.`).
pub(crate) fn is_speech_verb(word: &[u8]) -> bool {
    matches!(
        word,
        b"said"
            | b"says"
            | b"asked"
            | b"asks"
            | b"added"
            | b"adds"
            | b"told"
            | b"tells"
            | b"wrote"
            | b"writes"
            | b"replied"
            | b"replies"
            | b"shouted"
            | b"yelled"
            | b"explained"
            | b"continued"
            | b"insisted"
            | b"declared"
            | b"noted"
            | b"recalled"
            | b"wondered"
            | b"exclaimed"
            | b"joked"
            | b"tweeted"
            | b"remarked"
            | b"argued"
            | b"answered"
            | b"responded"
            | b"cried"
            | b"whispered"
            | b"demanded"
            | b"quipped"
            | b"laughed"
            | b"screamed"
            | b"chanted"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(abbreviation(b"Mr"), Abbrev::Prepositive);
        assert_eq!(abbreviation(b"rep"), Abbrev::Ambiguous);
        assert_eq!(abbreviation(b"U.S"), Abbrev::Ambiguous);
        assert_eq!(abbreviation(b"a.m"), Abbrev::Time);
        assert_eq!(abbreviation(b"e.g"), Abbrev::Prepositive);
        assert_eq!(abbreviation(b"Fla"), Abbrev::Ambiguous);
        assert_eq!(abbreviation(b"Sept"), Abbrev::Month);
        assert_eq!(abbreviation(b"wash"), Abbrev::None);
        assert_eq!(abbreviation(b"No"), Abbrev::Numeral);
        assert_eq!(abbreviation(b"cnn.com"), Abbrev::None);
        assert_eq!(abbreviation(b"Jane.Doe@example.com"), Abbrev::None);
        assert_eq!(abbreviation(b"president"), Abbrev::None);
    }
}
