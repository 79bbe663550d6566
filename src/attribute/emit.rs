//! From token indices to the document: byte spans, quote kinds, and the
//! sources resolved to speakers.

use std::collections::HashSet;
use std::ops::Range;

use super::clause::Found;
use super::context::Ctx;
use super::tokens::Kind;
use super::words::{BE, BETWEEN, FINITE_AUX};
use super::{confidence, cues, names, sources, speakers};
use crate::document::{Confidence, Quote, QuoteKind, Span, Speaker, SpeakerKind};

/// An attribution of a window, in byte offsets of the whole text.
pub(super) struct Attribution {
    content: Range<usize>,
    /// The content without its interrupting attribution; empty when the
    /// content is one part.
    parts: Vec<Range<usize>>,
    cue: Range<usize>,
    source: Option<Range<usize>>,
    antecedent: Option<Range<usize>>,
    kind: QuoteKind,
}

/// The attribution `f` of the window `ctx`, in byte offsets of the whole
/// text.
pub(super) fn in_bytes(ctx: &Ctx, f: Found) -> Attribution {
    let f = within_participle(ctx, with_relative_pronoun(ctx, f));
    let byte = |r: &Range<usize>| {
        ctx.base + ctx.toks[r.start].start as usize..ctx.base + ctx.toks[r.end - 1].end as usize
    };
    let parts = content_parts(ctx, &f);
    let kind = if f.direct && all_quoted(ctx, &f.content, &parts) {
        QuoteKind::Direct
    } else if f
        .content
        .clone()
        .any(|t| ctx.quote_of(t).is_some() && ctx.toks[t].is_quote())
    {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    Attribution {
        content: byte(&f.content),
        parts: parts.iter().map(byte).collect(),
        cue: byte(&with_auxiliaries(ctx, &f)),
        source: f.source.as_ref().map(|s| source_bytes(ctx, s)),
        antecedent: f.antecedent.as_ref().map(byte),
        kind,
    }
}

/// Whether every word of the content (of each part, when the attribution
/// interrupts it) lies inside quotation marks. A digest prints a direct
/// quote inside its own marks, so a direct quote with words outside them
/// ("“Today” on Monday. “I could …”", "“A” because “B”") would put marks
/// around words nobody said: such a quote is mixed.
fn all_quoted(ctx: &Ctx, content: &Range<usize>, parts: &[Range<usize>]) -> bool {
    let whole = [content.clone()];
    let parts = if parts.is_empty() { &whole[..] } else { parts };
    parts
        .iter()
        .flat_map(|p| p.clone())
        .all(|t| !ctx.toks[t].is_word() || ctx.quote_of(t).is_some())
}

/// The byte range of the source phrase `s`, cut as the annotations cut it:
/// without a closing comma when no apposition needs one ("Roe," but "Roe,
/// the minister,"), and without the verb contracted onto a pronoun ("He"
/// of "He’s said").
fn source_bytes(ctx: &Ctx, s: &Range<usize>) -> Range<usize> {
    let toks = &ctx.toks;
    let mut last = s.end - 1;
    if last > s.start
        && toks[last].is_punct(',')
        && !toks[s.start..last].iter().any(|t| t.is_punct(','))
    {
        last -= 1;
    }
    let t = &toks[last];
    let mut end = t.end as usize;
    if let Some(cut) = t.lower.find(['\'', '\u{2019}']) {
        if sources::PRONOUNS.contains(&&t.lower[..cut]) {
            end = t.start as usize + cut;
        }
    }
    ctx.base + toks[s.start].start as usize..ctx.base + end
}

/// The cue with the auxiliaries, negation and adverbs right before it
/// ("has not said", "isn't worried", "strongly backs"): a reader of the
/// cue alone must see "didn't say", never "say". Never into the source or
/// the content.
fn with_auxiliaries(ctx: &Ctx, f: &Found) -> Range<usize> {
    let toks = &ctx.toks;
    let floor = [f.source.as_ref(), Some(&f.content)]
        .into_iter()
        .flatten()
        .filter(|r| r.end <= f.cue.start)
        .map(|r| r.end)
        .max()
        .unwrap_or(0);
    let sentence_start = ctx.sentence(f.cue.start).map_or(0, |s| s.start);
    let mut start = f.cue.start;
    while start > floor.max(sentence_start) {
        let t = &toks[start - 1];
        let auxiliary = t.is_word()
            && !t.cap
            && (BE.contains(&t.lower)
                || BETWEEN.contains(&t.lower)
                || FINITE_AUX.contains(&t.lower)
                || super::clause::is_negation(t)
                || super::learned::is_adverb(t));
        // "seemed to imply", "went on to say": the lead is part of what
        // the cue says.
        if let Some(lead) = super::sourceless::lead_before(ctx, start)
            .filter(|&lead| lead >= floor.max(sentence_start))
        {
            start = lead;
            continue;
        }
        if !auxiliary {
            break;
        }
        start -= 1;
    }
    start..f.cue.end
}

/// "a finish that he said defied expectations", "the policy, which
/// critics say hurts farms": reported speech inside a relative clause
/// begins with its relative pronoun, which stands for what the source spoke
/// of; the source and cue after it are left out of the content's parts.
/// Only for reported speech: a quotation's words are its own. A "that"
/// after a cue or a punctuation mark introduces the content of another
/// attribution ("Roe argued that Lee said …"), not a relative clause.
fn with_relative_pronoun(ctx: &Ctx, mut f: Found) -> Found {
    let toks = &ctx.toks;
    let Some(source) = f.source.clone() else {
        return f;
    };
    if f.direct || source.start == 0 || source.end > f.cue.start || f.content.start < f.cue.end {
        return f;
    }
    let r = source.start - 1;
    let t = &toks[r];
    let relative = t.is_word()
        && !t.cap
        && ctx.quote_of(r).is_none()
        && matches!(t.lower, "that" | "which" | "whom" | "what");
    let before = r.checked_sub(1).map(|b| &toks[b]);
    // "in which he says …", "to whom Roe wrote": a preposition's relative
    // is left out.
    let after_preposition =
        before.is_some_and(|b| b.is_word() && sources::is_function_word(b.lower));
    let complementizer = t.lower == "that"
        && before.is_none_or(|b| {
            !b.is_word()
                || cues::lookup(b.lower).is_some()
                || BE.contains(&b.lower)
                // "so brazen that", "now that", "the idea that they …":
                // a result clause or a noun's complement, not a relative.
                || matches!(
                    b.lower,
                    "so" | "such"
                        | "now"
                        | "idea"
                        | "fact"
                        | "matter"
                        | "notion"
                        | "view"
                        | "claim"
                        | "belief"
                        | "hope"
                        | "fear"
                        | "news"
                        | "possibility"
                        | "sign"
                        | "evidence"
                        | "argument"
                        | "suggestion"
                        | "point"
                        | "word"
                )
        });
    if relative && !after_preposition && !complementizer && toks[r].sent == toks[f.cue.start].sent {
        f.content.start = r;
        // "what Roe told the council", "what Roe said to them": "what" is
        // the cue's own object, and the words after the cue are its
        // addressee or setting, not what was said.
        let addressee_verb = matches!(
            toks[f.cue.end - 1].lower,
            "told" | "tell" | "tells" | "telling"
        );
        let object = t.lower == "what"
            && toks.get(f.cue.end).is_none_or(|n| {
                matches!(n.kind, Kind::Punct('.' | ',' | ';' | '?' | '!'))
                    || addressee_verb && n.is_word() && !n.is("that")
            });
        if object {
            f.content.end = r + 1;
            return f;
        }
        if before.is_some_and(|b| b.is_punct(',')) {
            end_at_closing_comma(ctx, &mut f);
        }
    } else if matches!(toks[source.start].lower, "who" | "which" | "whose") && t.is_punct(',') {
        // "Doe, who declined to comment, was born in Ohio".
        end_at_closing_comma(ctx, &mut f);
    }
    f
}

/// "Doe, citing the polls, said …": reported speech of a participle
/// between commas after its subject ends at the closing comma, where the
/// subject's own verb follows (see [`end_at_closing_comma`]).
fn within_participle(ctx: &Ctx, mut f: Found) -> Found {
    let toks = &ctx.toks;
    let cue = f.cue.start;
    let participle = toks[cue].is_word() && !toks[cue].cap && toks[cue].lower.ends_with("ing");
    let after_subject =
        cue > 0 && toks[cue - 1].is_punct(',') && f.source.as_ref().is_some_and(|s| s.end < cue);
    if !f.direct && participle && after_subject && f.content.start >= f.cue.end {
        end_at_closing_comma(ctx, &mut f);
    }
    f
}

/// Ends the content of a report inside a relative clause between commas
/// ("The plan, which critics say hurts farms, is law"; "Doe, who called it
/// “a disaster,” said …") at the clause's closing comma: the first comma
/// after the cue (with the quotation marks it closes), when the main
/// clause's verb follows it, an auxiliary or a reporting verb in a finite
/// form. Any other comma may be inside the reported words ("which critics
/// say hurts farms, dairies and orchards"), and cutting there would change
/// what was said.
fn end_at_closing_comma(ctx: &Ctx, f: &mut Found) {
    let toks = &ctx.toks;
    let Some(comma) = (f.cue.end..f.content.end).find(|&k| toks[k].is_punct(',')) else {
        return;
    };
    let mut end = comma;
    if ctx.quote_of(comma).is_some() {
        // A comma inside the quotation it ends: the marks go with the words.
        end = comma + 1;
        while end < f.content.end && ctx.close_quote_at(end).is_some() {
            end += 1;
        }
        if end == comma + 1 {
            return;
        }
    }
    let verb_follows = toks
        .get(if end == comma { comma + 1 } else { end })
        .is_some_and(|n| {
            n.is_word()
                && !n.cap
                && (FINITE_AUX.contains(&n.lower)
                    || n.lower.ends_with("ed") && n.lower.len() > 4
                    || cues::lookup(n.lower)
                        .is_some_and(|c| matches!(c.form, cues::Form::Past | cues::Form::Third)))
        });
    // A content that starts after the comma ("The plan, which critics
    // say, is …" has none before it) is left as it is.
    if verb_follows && ctx.words_in(f.cue.end..comma) > 0 && f.content.start < comma {
        f.content.end = end;
    }
}

/// The token ranges of `f`'s content around the cue and source that stand
/// inside it ("“A,” Smith said. “B.”", "A, the paper said, B"), or none
/// when they do not: a reader must never be shown the attribution as the
/// speaker's words. Words outside quotation marks next to the
/// interruption of a direct quote belong to it ("said on Tuesday."), as
/// does the punctuation around one in reported speech.
fn content_parts(ctx: &Ctx, f: &Found) -> Vec<Range<usize>> {
    let c = &f.content;
    let inside = |r: &Range<usize>| r.start > c.start && r.end < c.end;
    if !inside(&f.cue) {
        return Vec::new();
    }
    let mut gap = f.cue.clone();
    if let Some(s) = f.source.as_ref().filter(|s| inside(s)) {
        gap = gap.start.min(s.start)..gap.end.max(s.end);
    }
    let toks = &ctx.toks;
    let outside = |t: usize| ctx.quote_of(t).is_none();
    let movable = |t: usize| outside(t) && (f.direct || !toks[t].is_word());
    while gap.start > c.start && movable(gap.start - 1) {
        gap.start -= 1;
    }
    // "she was projected the winner", "someone could be expected to …":
    // the auxiliaries before a cue inside reported speech go with the cue,
    // and the subject alone is the content's first part.
    // Only right before the cue: a word before the attribution's comma
    // ("Right now, according to …") opens the content.
    while !f.direct
        && gap.start > c.start + 1
        && toks[gap.start].is_word()
        && toks[gap.start - 1].is_word()
        && (BE.contains(&toks[gap.start - 1].lower) || BETWEEN.contains(&toks[gap.start - 1].lower))
    {
        gap.start -= 1;
    }
    loop {
        let setting = super::combine::after_setting(ctx, gap.end, c.end);
        if setting > gap.end {
            gap.end = setting;
        } else if gap.end < c.end && movable(gap.end) {
            gap.end += 1;
        } else {
            break;
        }
    }
    // "…,” Lee told NBC’s “Today” on Monday. “I could …”": a quoted
    // title followed by words outside quotation marks, then the quotation
    // that goes on, names the programme of the saying; it is part of the
    // attribution, not of what was said.
    if f.direct {
        if let Some(q) = ctx.quote_of(gap.end).filter(|_| toks[gap.end].is_quote()) {
            let after = ctx.quoted[q].close + 1;
            let next = (after..c.end).find(|&t| ctx.quote_of(t).is_some());
            let setting = |n: usize| (1..=4).contains(&ctx.words_in(after..n));
            if let Some(next) = next.filter(|&n| setting(n)) {
                gap.end = next;
            }
        }
    }
    let parts = [c.start..gap.start, gap.end..c.end];
    if parts.iter().all(|p| ctx.words_in(p.clone()) > 0) {
        parts.to_vec()
    } else {
        Vec::new()
    }
}

/// The capitalised words that open a sentence of the window before a
/// lowercase one ("Senator Tom Lee disagreed.", "But Ann Roe voted no"), in
/// byte offsets: two or more, outside quotations. [`emit`] keeps those
/// that name a person: a pronoun after such a sentence is more likely
/// theirs than an earlier speaker's.
pub(super) fn named_subjects(ctx: &Ctx) -> Vec<Range<usize>> {
    let toks = &ctx.toks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(sentence) = ctx.sentence(i) else {
            i += 1;
            continue;
        };
        let start = sources::trim_leading(toks, sentence.start, sentence.end);
        i = sentence.end.max(i + 1);
        let mut end = start;
        while end < sentence.end
            && toks[end].is_word()
            && toks[end].cap
            && ctx.quote_of(end).is_none()
        {
            end += 1;
        }
        let before_verb = toks
            .get(end)
            .is_some_and(|t| end < sentence.end && t.is_word() && !t.cap);
        // One capitalised word ("Sanders is cool.") may be a surname, but
        // it says too little to outrank the speaker before.
        if end < start + 2 || !before_verb {
            continue;
        }
        out.push(ctx.base + toks[start].start as usize..ctx.base + toks[end - 1].end as usize);
    }
    out
}

/// The names that `text` writes inside a sentence, where capitals mark
/// names: the runs of up to four capitalised words after a lowercase word
/// ("said Donald Trump Jr." gives "Donald", "Donald Trump", "Donald Trump
/// Jr."). Built in one pass, so that a check per subject stays linear on
/// an article of many sentences.
fn names_inside_sentences(text: &str) -> HashSet<&str> {
    let base = text.as_ptr() as usize;
    let mut out = HashSet::new();
    // The byte where the current run starts, and its words so far.
    let mut run: Option<(usize, usize)> = None;
    let mut after_lowercase = false;
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let capital = word.starts_with(char::is_uppercase);
        let start = raw.as_ptr() as usize - base + raw.find(word).unwrap_or(0);
        run = match run {
            Some((from, n)) if capital && n < 4 => Some((from, n + 1)),
            None if capital && after_lowercase => Some((start, 1)),
            _ => None,
        };
        if let Some((from, _)) = run {
            let name = &text[from..start + word.len()];
            out.insert(name);
            out.insert(name.trim_end_matches('.'));
            // Punctuation after the word ("Trump," "Trump:") ends the run.
            if raw.len() > raw.find(word).unwrap_or(0) + word.len() {
                run = None;
            }
        }
        after_lowercase = word.starts_with(char::is_lowercase) && !raw.ends_with(['.', '!', '?']);
    }
    out
}

/// The quotes of the whole text from its attributions, with their sources
/// resolved to speakers (in text order of the sources, so that a pronoun
/// finds the speakers mentioned before it).
pub(super) fn emit(
    text: &str,
    found: Vec<Attribution>,
    subjects: &[Range<usize>],
    headline: Option<Range<usize>>,
) -> (Vec<Quote>, Vec<Speaker>) {
    // A source in the headline names a speaker only if the article names
    // it again: headline words ("Talks Stall Again") are no one.
    let named_again = |s: &Range<usize>| {
        let Some(name) = names::name_of(&text[s.clone()]) else {
            return false;
        };
        let h = headline.clone().unwrap_or(0..0);
        text.match_indices(name.as_str()).any(|(at, _)| {
            let end = at + name.len();
            let word_start = !text[..at].ends_with(char::is_alphanumeric);
            let word_end = !text[end..].starts_with(char::is_alphanumeric);
            word_start && word_end && (end <= h.start || at >= h.end)
        })
    };
    let in_headline = |s: &Range<usize>| {
        headline
            .as_ref()
            .is_some_and(|h| s.start >= h.start && s.end <= h.end)
    };
    let span = |r: &Range<usize>| Span::new(text, r.start, r.end);
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].source.as_ref().map_or(usize::MAX, |s| s.start));
    let mut mentions = Vec::new();
    // The mentions of each attribution: several for a coordinated source
    // ("Sanders and Clinton"), each a part of the source span.
    let mut mentions_of: Vec<Range<usize>> = vec![0..0; found.len()];
    // Named subjects that are no source themselves, each resolved in its
    // place among the sources: they give pronouns a nearer antecedent but
    // make no one a speaker by themselves.
    // A capitalised subject is taken for a person only on firm ground:
    // a title ("Senator Tom Lee"), or a surname some source of the article
    // names ("Donald Trump …", later "Trump said") in a name the article
    // also writes inside a sentence, where capitals mark names ("Chasing
    // Trump" and "Besides Clinton" open sentences only).
    let inside_sentences = names_inside_sentences(text);
    let quoted_surnames: HashSet<String> = found
        .iter()
        .filter_map(|f| f.source.as_ref())
        .filter_map(|s| {
            let p = names::parse(&text[s.clone()]);
            let name = p.name.filter(|_| p.kind == SpeakerKind::Person)?;
            name.split_whitespace().last().map(str::to_owned)
        })
        .collect();
    let mut context = subjects
        .iter()
        .filter(|s| {
            let phrase = &text[(*s).clone()];
            let p = names::parse(phrase);
            let Some(name) = p.name.as_deref().filter(|_| p.speaker) else {
                return false;
            };
            let words = name.split_whitespace().count();
            let surname_quoted = name
                .split_whitespace()
                .last()
                .is_some_and(|last| quoted_surnames.contains(last))
                && inside_sentences.contains(name);
            p.kind == SpeakerKind::Person
                && (2..=4).contains(&words)
                && !name.split_whitespace().any(|w| w == "I")
                && (names::is_titled_name(phrase) || surname_quoted)
        })
        .filter(|s| {
            !found.iter().any(|f| {
                f.source
                    .as_ref()
                    .is_some_and(|r| r.start < s.end && s.start < r.end)
            })
        })
        .peekable();
    for &i in &order {
        if let Some(s) = found[i]
            .source
            .as_ref()
            .filter(|s| !in_headline(s) || named_again(s))
        {
            // Only the latest before this source: the nearest antecedent,
            // and resolution stays proportional to the sources.
            let mut latest = None;
            while let Some(c) = context.next_if(|c| c.start < s.start) {
                latest = Some(c);
            }
            if let Some(c) = latest {
                mentions.push(speakers::Mention {
                    span: span(c),
                    antecedent: None,
                    context: true,
                });
            }
            // "Neither Lee nor Roe responded": no speaker for the quote,
            // but the names are mentioned, as antecedents and for which of
            // two namesakes a surname after them means.
            if let Some(parts) = names::negated_parts(&text[s.clone()]) {
                for p in parts {
                    mentions.push(speakers::Mention {
                        span: span(&(s.start + p.start..s.start + p.end)),
                        antecedent: None,
                        context: true,
                    });
                }
                mentions_of[i] = mentions.len()..mentions.len();
                continue;
            }
            let first = mentions.len();
            let antecedent = found[i]
                .antecedent
                .as_ref()
                .map(|a| text[a.clone()].to_owned());
            let parts = if antecedent.is_some() {
                std::iter::once(0..s.len()).collect()
            } else {
                names::conjuncts(&text[s.clone()])
            };
            for p in parts {
                mentions.push(speakers::Mention {
                    span: span(&(s.start + p.start..s.start + p.end)),
                    antecedent: antecedent.clone(),
                    context: false,
                });
            }
            mentions_of[i] = first..mentions.len();
        }
    }
    let (speakers, ids) = speakers::resolve(&mentions);
    let mut quotes = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let mut all: Vec<String> = Vec::new();
        for id in ids[mentions_of[i].clone()].iter().flatten() {
            if !all.contains(id) {
                all.push(id.clone());
            }
        }
        let speaker = all.first().cloned();
        if all.len() < 2 {
            all.clear();
        }
        let mut q = Quote {
            kind: f.kind,
            content: span(&f.content),
            content_parts: f.parts.iter().map(span).collect(),
            cue: Some(span(&f.cue)),
            source: f.source.as_ref().map(span),
            speaker,
            speakers: all,
            confidence: None,
        };
        q.confidence = Some(Confidence::from_probability(confidence::probability(&q)));
        quotes.push(q);
    }
    (quotes, speakers)
}

#[cfg(test)]
mod tests {
    use super::names_inside_sentences;

    #[test]
    fn names_inside_sentences_are_capitalised_runs_after_a_lowercase_word() {
        let names = names_inside_sentences(
            "Chasing Trump is hard, said Donald Trump Jr. on Tuesday. Roe met Ann Lee, who left.",
        );
        for name in ["Donald", "Donald Trump", "Donald Trump Jr", "Ann Lee"] {
            assert!(names.contains(name), "{name}: {names:?}");
        }
        // Sentence openers and words across a comma are not.
        for name in ["Chasing Trump", "Roe", "Ann Lee, who", "Trump Jr. on"] {
            assert!(!names.contains(name), "{name}: {names:?}");
        }
    }
}
