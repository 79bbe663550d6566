//! Word lists of the check stage. The segmenter's and the attribution
//! rules' lists (`segment::words`, `attribute::words`) answer other
//! questions (where sentences end, what stands between a source and its
//! cue); these say which capitalised words are no names, which names are one
//! another, and which words are numbers.

/// Words that open sentences (or follow a quotation mark) capitalised
/// without being names: function words, pronouns, adverbs, and the common
/// nouns news summaries start with. A sentence-initial word outside this
/// list still counts as a common word when the article uses it in lower
/// case.
pub(super) fn is_common_opener(lower: &str) -> bool {
    is_function_word(lower)
        || matches!(
            lower,
            "yet"
                | "where"
                | "why"
                | "how"
                | "whose"
                | "since"
                | "during"
                | "some"
                | "many"
                | "now"
                | "still"
                | "meanwhile"
                | "however"
                | "instead"
                | "both"
                | "each"
                | "every"
                | "even"
                | "although"
                | "though"
                | "despite"
                | "without"
                | "against"
                | "among"
                | "between"
                | "through"
                | "under"
                | "above"
                | "below"
                | "until"
                | "unless"
                | "whether"
                | "once"
                | "around"
                | "across"
                | "along"
                | "amid"
                | "another"
                | "other"
                | "others"
                | "less"
                | "fewer"
                | "few"
                | "several"
                | "any"
                | "none"
                | "neither"
                | "either"
                | "nor"
                | "too"
                | "already"
                | "again"
                | "earlier"
                | "later"
                | "previously"
                | "recently"
                | "currently"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "tonight"
                | "last"
                | "next"
                | "first"
                | "second"
                | "finally"
                | "ultimately"
                | "overall"
                | "separately"
                | "additionally"
                | "further"
                | "furthermore"
                | "moreover"
                | "nevertheless"
                | "nonetheless"
                | "thus"
                | "therefore"
                | "accordingly"
                | "following"
                | "speaking"
                | "asked"
                | "writing"
                | "citing"
                | "including"
                | "like"
                | "unlike"
                | "within"
                | "outside"
                | "inside"
                | "near"
                | "nearly"
                | "almost"
                | "roughly"
                | "approximately"
                | "least"
                | "down"
                | "off"
                | "yes"
                | "well"
                | "much"
                | "half"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "millions"
                | "billions"
                | "officials"
                | "official"
                | "police"
                | "authorities"
                | "residents"
                | "people"
                | "workers"
                | "employees"
                | "voters"
                | "critics"
                | "experts"
                | "analysts"
                | "investors"
                | "lawmakers"
                | "legislators"
                | "leaders"
                | "protesters"
                | "demonstrators"
                | "activists"
                | "negotiators"
                | "diplomats"
                | "researchers"
                | "scientists"
                | "doctors"
                | "patients"
                | "teachers"
                | "students"
                | "parents"
                | "families"
                | "children"
                | "survivors"
                | "victims"
                | "witnesses"
                | "rescuers"
                | "firefighters"
                | "troops"
                | "soldiers"
                | "forces"
                | "militants"
                | "rebels"
                | "talks"
                | "negotiations"
                | "shares"
                | "stocks"
                | "prices"
                | "sales"
                | "revenue"
                | "profit"
                | "profits"
                | "inflation"
                | "rates"
                | "unemployment"
                | "growth"
                | "company"
                | "companies"
                | "government"
                | "governments"
                | "state"
                | "states"
                | "city"
                | "cities"
                | "country"
                | "countries"
                | "nations"
                | "council"
                | "court"
                | "judges"
                | "justices"
                | "union"
                | "unions"
                | "members"
                | "supporters"
                | "opponents"
                | "rivals"
                | "allies"
                | "neighbors"
                | "owners"
                | "farmers"
                | "homeowners"
                | "households"
                | "consumers"
                | "customers"
                | "users"
                | "fans"
                | "players"
                | "coaches"
                | "team"
                | "teams"
                | "crews"
                | "rescue"
                | "relief"
                | "aid"
                | "damage"
                | "fire"
                | "flooding"
                | "floods"
                | "storms"
                | "heavy"
                | "strong"
                | "new"
                | "old"
                | "major"
                | "local"
                | "federal"
                | "national"
                | "international"
                | "global"
                | "foreign"
                | "former"
                | "top"
                | "senior"
                | "chief"
                | "rights"
                | "human"
                | "health"
                | "public"
                | "private"
                | "economic"
                | "political"
                | "military"
                | "security"
                | "emergency"
                | "financial"
                | "legal"
                | "vote"
                | "voting"
                | "polls"
                | "poll"
                | "results"
                | "data"
                | "figures"
                | "reports"
                | "report"
                | "studies"
                | "study"
                | "tests"
                | "trial"
                | "trials"
                | "plans"
                | "plan"
                | "efforts"
                | "measures"
                | "changes"
                | "cuts"
                | "layoffs"
                | "jobs"
                | "costs"
                | "funding"
                | "spending"
                | "taxes"
                | "budget"
                | "deal"
                | "agreement"
                | "law"
                | "bill"
                | "rules"
                | "ruling"
                | "decision"
                | "case"
                | "charges"
                | "investigators"
                | "prosecutors"
                | "lawyers"
                | "attorneys"
                | "defense"
                | "evidence"
                | "nobody"
                | "no-one"
                | "everyone"
                | "someone"
                | "anyone"
                | "something"
                | "nothing"
                | "everything"
        )
}

/// Titles and roles before a name ("Justice Elena Morales", "Gov. Bell"):
/// a summary may use another title than the article, so titles are not
/// names to check.
pub(super) fn is_title(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "prof"
            | "professor"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "president"
            | "vice"
            | "prime"
            | "minister"
            | "secretary"
            | "governor"
            | "gov"
            | "senator"
            | "sen"
            | "representative"
            | "rep"
            | "congressman"
            | "congresswoman"
            | "mayor"
            | "councilman"
            | "councilwoman"
            | "councilor"
            | "justice"
            | "judge"
            | "chief"
            | "executive"
            | "ceo"
            | "cfo"
            | "coo"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "director"
            | "commissioner"
            | "superintendent"
            | "sheriff"
            | "officer"
            | "general"
            | "gen"
            | "lt"
            | "col"
            | "maj"
            | "capt"
            | "captain"
            | "sgt"
            | "sergeant"
            | "admiral"
            | "adm"
            | "ambassador"
            | "attorney"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "pope"
            | "rev"
            | "reverend"
            | "father"
            | "sister"
            | "rabbi"
            | "imam"
            | "coach"
            | "manager"
            | "analyst"
            | "economist"
            | "pollster"
            | "deputy"
            | "assistant"
            | "acting"
            | "former"
            | "foreign"
            | "finance"
            | "defense"
            | "interior"
            | "state"
            | "jr"
            | "sr"
            | "st"
            | "chancellor"
            | "premier"
            | "leader"
            | "speaker"
            | "lawmaker"
            | "mediator"
            | "guard"
            | "center"
            | "forward"
            | "resident"
    )
}

/// Two-word names of one country or union, as one name ("United States").
pub(super) const MULTI_ALIASES: &[(&str, &str, &str)] = &[
    ("united", "states", "#us"),
    ("united", "kingdom", "#uk"),
    ("great", "britain", "#uk"),
    ("united", "nations", "#un"),
    ("european", "union", "#eu"),
];

/// One name for the forms of a country or union and its people: "U.S.",
/// "America", "American" are the United States; "Chinese" is China.
pub(super) fn alias(lower: &str) -> Option<&'static str> {
    // Plural demonyms: "Americans", "Peruvians", "Britons".
    let singular = lower.strip_suffix('s').filter(|w| w.len() > 3);
    let find = |w: &str| -> Option<&'static str> {
        Some(match w {
            "us" | "usa" | "america" | "american" => "#us",
            "uk" | "britain" | "british" | "briton" => "#uk",
            "eu" => "#eu",
            "un" => "#un",
            _ => return DEMONYMS.iter().find(|(d, _)| *d == w).map(|&(_, c)| c),
        })
    };
    find(lower).or_else(|| singular.and_then(find))
}

/// A country or region of the demonym list ("china", "peru").
pub(super) fn is_country(lower: &str) -> bool {
    DEMONYMS.iter().any(|&(_, c)| c == lower)
}

/// Demonym → country, for the countries and regions news names most.
const DEMONYMS: &[(&str, &str)] = &[
    ("chinese", "china"),
    ("japanese", "japan"),
    ("korean", "korea"),
    ("indian", "india"),
    ("pakistani", "pakistan"),
    ("afghan", "afghanistan"),
    ("iranian", "iran"),
    ("iraqi", "iraq"),
    ("syrian", "syria"),
    ("israeli", "israel"),
    ("palestinian", "palestine"),
    ("egyptian", "egypt"),
    ("saudi", "saudi"),
    ("turkish", "turkey"),
    ("russian", "russia"),
    ("ukrainian", "ukraine"),
    ("german", "germany"),
    ("french", "france"),
    ("italian", "italy"),
    ("spanish", "spain"),
    ("portuguese", "portugal"),
    ("dutch", "netherlands"),
    ("belgian", "belgium"),
    ("swiss", "switzerland"),
    ("swedish", "sweden"),
    ("norwegian", "norway"),
    ("danish", "denmark"),
    ("finnish", "finland"),
    ("polish", "poland"),
    ("greek", "greece"),
    ("irish", "ireland"),
    ("scottish", "scotland"),
    ("welsh", "wales"),
    ("english", "england"),
    ("canadian", "canada"),
    ("mexican", "mexico"),
    ("brazilian", "brazil"),
    ("argentine", "argentina"),
    ("argentinian", "argentina"),
    ("chilean", "chile"),
    ("peruvian", "peru"),
    ("colombian", "colombia"),
    ("venezuelan", "venezuela"),
    ("cuban", "cuba"),
    ("haitian", "haiti"),
    ("kenyan", "kenya"),
    ("nigerian", "nigeria"),
    ("ethiopian", "ethiopia"),
    ("ghanaian", "ghana"),
    ("somali", "somalia"),
    ("sudanese", "sudan"),
    ("libyan", "libya"),
    ("moroccan", "morocco"),
    ("algerian", "algeria"),
    ("tunisian", "tunisia"),
    ("lebanese", "lebanon"),
    ("jordanian", "jordan"),
    ("yemeni", "yemen"),
    ("qatari", "qatar"),
    ("australian", "australia"),
    ("indonesian", "indonesia"),
    ("vietnamese", "vietnam"),
    ("thai", "thailand"),
    ("filipino", "philippines"),
    ("philippine", "philippines"),
    ("malaysian", "malaysia"),
    ("singaporean", "singapore"),
    ("taiwanese", "taiwan"),
    ("tibetan", "tibet"),
    ("nepali", "nepal"),
    ("bangladeshi", "bangladesh"),
    ("burmese", "myanmar"),
    ("cambodian", "cambodia"),
    ("mongolian", "mongolia"),
    ("serbian", "serbia"),
    ("serb", "serbia"),
    ("croatian", "croatia"),
    ("croat", "croatia"),
    ("bosnian", "bosnia"),
    ("hungarian", "hungary"),
    ("czech", "czech"),
    ("romanian", "romania"),
    ("bulgarian", "bulgaria"),
    ("austrian", "austria"),
    ("georgian", "georgia"),
    ("armenian", "armenia"),
    ("european", "europe"),
    ("african", "africa"),
    ("asian", "asia"),
    ("texan", "texas"),
    ("californian", "california"),
    ("floridian", "florida"),
    ("ohioan", "ohio"),
    ("nevadan", "nevada"),
    ("arizonan", "arizona"),
];

/// Words joining the parts of one name: "Secretary of State", "Food and
/// Drug Administration", "Ambassador-at-large".
pub(super) fn is_name_connector(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "for"
            | "and"
            | "&"
            | "de"
            | "del"
            | "la"
            | "le"
            | "da"
            | "van"
            | "von"
            | "bin"
            | "al"
            | "-"
    )
}

pub(super) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month number (1–12) of a month name or its AP abbreviation.
pub(super) fn month(lower: &str) -> Option<u8> {
    Some(match lower {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Words before a month name that show it is the month ("since May",
/// "early June"), shared by the name check (where "May" may be a person)
/// and the number check (where it may be no date at all).
pub(super) fn is_month_lead(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "since"
            | "until"
            | "by"
            | "last"
            | "next"
            | "early"
            | "late"
            | "mid"
            | "of"
            | "from"
            | "through"
    )
}

/// Cardinal number words. "one" is left out: "one of the", "no one",
/// "one day" say no figure a reader would check.
pub(super) fn small_number(lower: &str) -> Option<f64> {
    Some(match lower {
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// Ordinal words from "third" on: "first" and "second" are mostly no
/// ordinal figure ("for the first time", "a second look").
pub(super) fn ordinal_word(lower: &str) -> Option<f64> {
    Some(match lower {
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "twentieth" => 20.0,
        _ => return None,
    })
}

/// Scale words after a number: "1.3 billion", "five million".
pub(super) fn scale(lower: &str) -> Option<f64> {
    Some(match lower {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Vague quantities: "hundreds", "thousands". The value is the class's
/// magnitude.
pub(super) fn vague(lower: &str) -> Option<f64> {
    Some(match lower {
        "dozens" => 12.0,
        "hundreds" => 1e2,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        _ => return None,
    })
}

/// Words before a figure that say it is rounded or a bound: a rounded
/// figure may stand for a more precise one of the article.
pub(super) fn is_approximator(lower: &str) -> bool {
    matches!(
        lower,
        "about"
            | "around"
            | "roughly"
            | "nearly"
            | "almost"
            | "approximately"
            | "some"
            | "over"
            | "under"
            | "more"
            | "less"
            | "fewer"
            | "least"
            | "close"
            | "just"
            | "estimated"
            | "approx"
    )
}

/// Words that say nothing of what was said: function words, pronouns,
/// auxiliaries and the commonest reporting verbs. Left out when the content
/// of a summary quote is compared with the article's.
pub(super) fn is_stopword(lower: &str) -> bool {
    is_function_word(lower)
        || matches!(
            lower,
            "said"
                | "says"
                | "say"
                | "told"
                | "tell"
                | "added"
                | "s"
                | "'s"
                | "wrote"
                | "called"
                | "call"
                | "calls"
        )
}

/// Articles, pronouns, conjunctions and the like: the words that both
/// [`is_common_opener`] and [`is_stopword`] pass over.
fn is_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "this"
            | "that"
            | "these"
            | "those"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "him"
            | "them"
            | "us"
            | "me"
            | "there"
            | "here"
            | "but"
            | "and"
            | "or"
            | "so"
            | "if"
            | "when"
            | "while"
            | "what"
            | "which"
            | "who"
            | "whom"
            | "in"
            | "on"
            | "at"
            | "for"
            | "as"
            | "to"
            | "of"
            | "by"
            | "with"
            | "from"
            | "into"
            | "about"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "not"
            | "no"
            | "also"
            | "than"
            | "then"
            | "very"
            | "all"
            | "according"
            | "more"
            | "most"
            | "such"
            | "just"
            | "only"
            | "out"
            | "up"
            | "over"
            | "after"
            | "before"
            | "because"
    )
}
