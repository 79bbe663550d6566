//! Passes over a window's attributions once every cue has its own: nested
//! detector cues leave, continued quotations join, and a report ends where
//! a coordinated one begins.

use std::ops::Range;

use super::clause::{self, Found};
use super::context::Ctx;
use super::tokens::{Kind, Tok};
use super::{cues, learned, words};

/// Joins continued quotations and ends each report where a coordinated one
/// begins; then sorts the attributions in text order, leaving out one
/// whose content is that of the one before it (two cues, one content).
pub(super) fn combine(ctx: &Ctx, found: &mut Vec<Found>) {
    source_after_other_cues(ctx, found);
    criticism_received(ctx, found);
    join_continuations(ctx, found);
    end_at_next_report(ctx, found);
    continue_past_parenthetical(ctx, found);
    end_before_other_reports(ctx, found);
    end_before_summary_noun(ctx, found);
    end_with_subordinate_clause(ctx, found);
    end_before_contained_report(ctx, found);
    start_after_post_posed_report(ctx, found);
    end_before_according_to(ctx, found);
    end_before_coordinated_predicate(ctx, found);
    medium_in_cue(ctx, found);
    take_the_lead_before_parenthetical(ctx, found);
    as_reported_after_its_clause(ctx, found);
    found.sort_by_key(|f| (f.content.start, f.cue.start));
    found.dedup_by(|b, a| a.content == b.content);
}

/// Leaves out the detector's attributions whose cue lies inside what a
/// lexicon cue of the same sentence reports ("China also plans to …,
/// Tang said"): the report holds them.
pub(super) fn drop_nested(ctx: &Ctx, out: Vec<Found>, learned: &[usize]) -> Vec<Found> {
    let mut is_learned = vec![false; out.len()];
    for &i in learned {
        is_learned[i] = true;
    }
    let same_sentence =
        |a: &Found, b: &Found| ctx.toks[a.cue.start].sent == ctx.toks[b.cue.start].sent;
    let inside = |i: usize| {
        let f = &out[i];
        let holds = |k: usize| {
            !is_learned[k] && same_sentence(&out[k], f) && out[k].content.contains(&f.cue.start)
        };
        // Bounded: a run-on "sentence" may hold thousands of cues.
        (i + 1..out.len())
            .take_while(|&k| same_sentence(&out[k], f))
            .take(32)
            .any(holds)
            || (0..i)
                .rev()
                .take_while(|&k| same_sentence(&out[k], f))
                .take(32)
                .any(holds)
    };
    let drop: Vec<bool> = (0..out.len()).map(|i| is_learned[i] && inside(i)).collect();
    out.into_iter()
        .zip(drop)
        .filter_map(|(f, d)| (!d).then_some(f))
        .collect()
}

/// "Cruz faced criticism for …", "the plan drew criticism from Democrats":
/// a cue noun that its subject receives. The subject is its target, and
/// the phrase with the verb ("Cruz faced") is no source; the critics are
/// the "from" phrase after the noun, when there is one.
fn criticism_received(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    let receiving = |k: usize| {
        toks[k].is_word()
            && matches!(
                toks[k].lower,
                "faced"
                    | "faces"
                    | "face"
                    | "facing"
                    | "drew"
                    | "draws"
                    | "draw"
                    | "drawing"
                    | "drawn"
                    | "received"
                    | "receives"
                    | "receiving"
                    | "attracted"
                    | "attracts"
                    | "encountered"
                    | "endured"
                    | "weathered"
            )
    };
    for f in found.iter_mut() {
        adjectives_before_criticism(ctx, f, &receiving);
        let Some(source) = f.source.clone() else {
            continue;
        };
        // "drew criticism"; before a criticism noun also with adjectives
        // between, in the source or after it ("drew sharp, bipartisan
        // criticism").
        let adjectives = |r: Range<usize>| {
            r.len() <= 3
                && r.clone().all(|k| {
                    !toks[k].is_word()
                        || !toks[k].cap && !super::sources::is_function_word(toks[k].lower)
                })
        };
        let verb = if source.end == f.cue.start && receiving(source.end - 1) {
            Some(source.end - 1)
        } else if is_criticism(ctx, f.cue.start) && adjectives(source.end..f.cue.start) {
            (source.start..source.end)
                .rev()
                .take(3)
                .find(|&k| receiving(k) && adjectives(k + 1..source.end))
        } else {
            None
        };
        let Some(verb) = verb.filter(|&v| v > source.start || source.end == f.cue.start) else {
            continue;
        };
        let source = source.start..verb + 1;
        let sentence_end = ctx.sentence(f.cue.start).map_or(toks.len(), |s| s.end);
        // "from Democrats for his loans": the critics end before what
        // they criticise; "from both sides of the debate" takes its "of".
        let critics = (f.cue.end < sentence_end && toks[f.cue.end].is("from"))
            .then(|| super::sources::forward(toks, f.cue.end + 1, sentence_end))
            .flatten()
            .map(|(s, e)| {
                let e = if toks.get(e).is_some_and(|t| t.is("of")) {
                    super::sources::forward(toks, e + 1, sentence_end).map_or(e, |(_, e)| e)
                } else {
                    e
                };
                let cut = (s + 1..e)
                    .find(|&k| matches!(toks[k].lower, "for" | "over" | "about"))
                    .unwrap_or(e);
                (s, cut)
            });
        // The one who received it, without the verb and its auxiliaries.
        let mut subject_end = source.end - 1;
        while subject_end > source.start + 1
            && toks[subject_end - 1].is_word()
            && !toks[subject_end - 1].cap
            && (words::BE.contains(&toks[subject_end - 1].lower)
                || words::BETWEEN.contains(&toks[subject_end - 1].lower)
                || toks[subject_end - 1].lower.ends_with("ly"))
        {
            subject_end -= 1;
        }
        f.source = critics.map(|(s, e)| s..e);
        // What they criticise follows "for", "over" or "about"; without
        // it, it is the one who received the criticism ("The plan drew
        // criticism from unions").
        if let Some((_, after)) = critics {
            if after < sentence_end && matches!(toks[after].lower, "for" | "over" | "about") {
                f.content = after + 1..f.content.end.max(after + 2).min(sentence_end);
            } else if ctx.words_in(source.start..subject_end) > 0 {
                f.content = source.start..subject_end;
            }
        }
    }
}

/// Whether token `k` is a noun of criticism ("criticism", "backlash").
fn is_criticism(ctx: &Ctx, k: usize) -> bool {
    ctx.toks.get(k).is_some_and(|t| {
        t.is_word()
            && matches!(
                t.lower,
                "criticism" | "criticisms" | "backlash" | "condemnation" | "scorn" | "rebuke"
            )
    })
}

/// "Lee drew sharp criticism from unions for …", "Roe faced harsh
/// criticism for …": with adjectives before the criticism, the rules took
/// the verb of receiving (or an adjective) for the cue, which made the one
/// criticised its source. The cue is the criticism noun; the one who
/// received it stands with the verb before it, as [`criticism_received`]
/// expects.
fn adjectives_before_criticism(ctx: &Ctx, f: &mut Found, receiving: &impl Fn(usize) -> bool) {
    let toks = &ctx.toks;
    let criticism = |k: usize| is_criticism(ctx, k);
    let adjective = |k: usize| {
        toks[k].is_word()
            && !toks[k].cap
            && !matches!(toks[k].lower, "from" | "for" | "over" | "about" | "of")
    };
    if f.cue.len() != 1 {
        return;
    }
    let at = f.cue.start;
    if receiving(at) {
        // "drew [sharp] criticism": the noun within two words of the verb.
        let Some(noun) = (f.content.start..(f.content.start + 3).min(f.content.end))
            .find(|&k| criticism(k))
            .filter(|&n| (f.content.start..n).all(&adjective))
        else {
            return;
        };
        // The source ends at the verb, over its auxiliaries ("The plan has
        // drawn", "is already receiving").
        let lead = (at.saturating_sub(3)..at)
            .find(|&k| (k..at).all(|i| toks[i].is_word() && !toks[i].cap))
            .unwrap_or(at);
        if let Some(s) = f.source.as_mut().filter(|s| (lead..=at).contains(&s.end)) {
            s.end = at + 1;
        }
        f.cue = noun..noun + 1;
        f.content.start = noun + 1;
        skip_what_is_criticised_for(ctx, f);
    } else if adjective(at) && criticism(at + 1) && at > 0 && receiving(at - 1) {
        // "faced harsh criticism": an adjective the detector took for the cue.
        f.cue = at + 1..at + 2;
        f.content.start = f.content.start.max(at + 2);
        f.source = f
            .source
            .clone()
            .filter(|s| s.end == at)
            .map(|s| s.start..at);
        if f.source.is_none() {
            skip_what_is_criticised_for(ctx, f);
        }
    }
}

/// The content starts after the prepositions that say what the criticism
/// is for ("criticism [for] her vote", "[over] the levy").
fn skip_what_is_criticised_for(ctx: &Ctx, f: &mut Found) {
    while f.content.start < f.content.end
        && matches!(
            ctx.toks[f.content.start].lower,
            "for" | "over" | "about" | "of"
        )
    {
        f.content.start += 1;
    }
}

/// "Biden rubbished Lee's claim …", "his friends make jokes about …": a
/// source phrase the rules ran back over another report's cue begins
/// after it; the words before are that report's source and cue, and the
/// possessor or subject after it is this one's.
fn source_after_other_cues(ctx: &Ctx, found: &mut [Found]) {
    let mut cues: Vec<Range<usize>> = found.iter().map(|f| f.cue.clone()).collect();
    cues.sort_unstable_by_key(|c| c.start);
    for f in found.iter_mut() {
        let Some(source) = f.source.clone() else {
            continue;
        };
        // Only a possessor before a cue noun ("Lee's claim"), which a
        // verb never belongs to.
        let last = &ctx.toks[source.end - 1];
        if source.end != f.cue.start || !words::is_possessive(last.lower) {
            continue;
        }
        // Sorted by start: only the cues that begin inside the source.
        let from = cues.partition_point(|c| c.start < source.start);
        let start = cues[from..]
            .iter()
            .take_while(|c| c.start < source.end)
            .filter(|c| **c != f.cue && c.end < source.end)
            .map(|c| c.end)
            .max();
        if let Some(start) = start {
            f.source = Some(start..source.end);
        }
    }
}

/// A quotation right after an attributed direct quote in the same paragraph
/// continues it ("“A,” Perry said. “B.”"): the annotations, like readers,
/// take both for one quote. So does a paragraph that is only a quotation,
/// after a paragraph that ends with an attributed direct quote (“A,” Perry
/// said.¶“B.”). Quotations with no cue of their own are dropped.
fn join_continuations(ctx: &Ctx, found: &mut [Found]) {
    let mut used = vec![false; ctx.quoted.len()];
    for f in found.iter() {
        for q in f.content.clone().filter_map(|t| ctx.quote_of(t)) {
            used[q] = true;
        }
    }
    found.sort_by_key(|f| f.content.start);
    // A direct quote, or a mixed one that ends with its quotation before
    // a post-posed source ("The plan is “dead,” Roe said. “…”").
    let ends_quoted = |f: &Found| {
        f.direct
            || f.content.end <= f.cue.start
                && f.content.end > 0
                && ctx.close_quote_at(f.content.end - 1).is_some()
    };
    let mut by_end: Vec<usize> = (0..found.len())
        .filter(|&i| ends_quoted(&found[i]))
        .collect();
    by_end.sort_by_key(|&i| found[i].content.end);
    let mut next = 0;
    let mut last: Option<usize> = None;
    for (q, r) in ctx.quoted.iter().enumerate() {
        while next < by_end.len() && found[by_end[next]].content.end <= r.open {
            last = Some(by_end[next]);
            next += 1;
        }
        if used[q] || r.words < 3 {
            continue;
        }
        let Some(a) = last else { continue };
        let f = &found[a];
        let gap = f.content.end..r.open;
        let cue_between = f.cue.start >= gap.start && f.cue.end <= gap.end;
        let same_para = ctx.para(f.content.start) == ctx.para(r.open);
        // Only the attribution may stand between the two quotations; or
        // the quotation is a paragraph of its own after the one the quote
        // ends.
        let within = same_para
            && cue_between
            && (gap.len() <= 14 || only_its_attribution(ctx, found, a, gap.clone()));
        let next_paragraph = opens_a_quote_paragraph(ctx, r)
            && ends_its_paragraph(ctx, found, a)
            && ctx.para(f.content.end - 1) + 1 == ctx.para(r.open);
        if within || next_paragraph {
            found[a].content.end = r.close + 1;
            used[q] = true;
        }
    }
}

/// Whether the words between attribution `a`'s quote and a quotation
/// after it are all its own attribution, however long: a source with its
/// description ("…,” said Jane Roe, a lawyer who has advised three
/// campaigns on ballot access. “…”) or a clause of the saying ("…,” Roe
/// said, referring to the debate. “…”). No other quotation or cue stands
/// there, and the quotation opens in the sentence after the attribution's
/// at the latest.
fn only_its_attribution(ctx: &Ctx, found: &[Found], a: usize, gap: Range<usize>) -> bool {
    let f = &found[a];
    let cue_sentence = ctx.toks[f.cue.start].sent;
    let next_sentence = ctx.toks[gap.end].sent;
    let others = found.iter().enumerate().any(|(k, g)| {
        k != a && g.cue.start >= gap.start && g.cue.start < gap.end && !subordinate(ctx, f, g)
    });
    !others && next_sentence <= cue_sentence + 1 && !gap.clone().any(|t| ctx.toks[t].is_quote())
}

/// Whether report `g` only describes the attribution of `f` and so does
/// not end its speaker's turn: a clause of the saying with the same
/// source ("…,” Roe said, referring to the debate.) or a relative clause
/// of the speaker's description ("…,” said Jane Roe, who had endorsed
/// Lee.), in the attribution's sentence after its cue, with all its
/// content before the next quotation.
fn subordinate(ctx: &Ctx, f: &Found, g: &Found) -> bool {
    let same_sentence = ctx.toks[g.cue.start].sent == ctx.toks[f.cue.start].sent;
    let same_source = g.source.is_some() && g.source == f.source;
    let relative = g.source.as_ref().is_some_and(|s| {
        s.len() == 1
            && ctx.toks[s.start].is_word()
            && words::RELATIVE.contains(&ctx.toks[s.start].lower)
    });
    same_sentence
        && g.cue.start > f.cue.start
        && (same_source || relative)
        && !g.content.clone().any(|t| ctx.toks[t].is_quote())
}

/// Whether quotation `r` is a paragraph of its own: it opens the
/// paragraph and closes at its end.
fn opens_a_quote_paragraph(ctx: &Ctx, r: &super::quotes::Quoted) -> bool {
    let para = ctx.para_range(r.open);
    r.closed && para.start == r.open && r.close + 1 == para.end
}

/// Whether attribution `a`, a direct quote, is the last thing its
/// paragraph says: after its content only its own cue and source (and
/// punctuation) stand, at most a short "…,” said Jane Roe, a neighbor."
/// A paragraph that is only a quotation after it, with no cue of its
/// own, then goes on with the same speaker's words, as news writing
/// continues a speaker across paragraphs.
fn ends_its_paragraph(ctx: &Ctx, found: &[Found], a: usize) -> bool {
    let f = &found[a];
    let para = ctx.para_range(f.content.end - 1);
    let tail = f.content.end..para.end;
    let own = |t: usize| {
        f.cue.contains(&t)
            || f.source.as_ref().is_some_and(|s| s.contains(&t))
            || !ctx.toks[t].is_word() && !ctx.toks[t].is_quote()
    };
    let others_after = found.iter().enumerate().any(|(k, g)| {
        k != a && g.cue.start >= f.content.end && g.cue.start < para.end && !subordinate(ctx, f, g)
    });
    let cue_sentence = ctx.toks[f.cue.start].sent;
    let said_and_described = tail.clone().all(|t| {
        ctx.toks[t].sent == cue_sentence && !ctx.toks[t].is_quote() && ctx.quote_of(t).is_none()
    });
    (tail.len() <= 20 && tail.clone().all(|t| own(t) || after_source(ctx, f, t))
        || said_and_described && f.cue.start >= f.content.end)
        && !others_after
}

/// Whether token `t` lies in the setting words right after `f`'s source or
/// cue ("said Roe on Monday."), which belong to the attribution.
fn after_source(ctx: &Ctx, f: &Found, t: usize) -> bool {
    let end = f
        .source
        .as_ref()
        .map_or(f.cue.end, |s| s.end.max(f.cue.end));
    t >= end && after_setting(ctx, end, ctx.toks.len()) > t
}

/// "X said Y, and Z said W", "X said Y, Z said W", "X said Y while Z
/// argued W": the content of the first report ends where the second one's
/// source begins after a conjunction or clause punctuation, so that no
/// record takes a neighbour's source and cue as its words.
fn end_at_next_report(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    // Sources in text order, each with the start of its own cue.
    let mut starts: Vec<(usize, usize, usize)> = found
        .iter()
        .filter_map(|f| f.source.as_ref().map(|s| (s.start, f.cue.start, s.end)))
        .filter(|&(s, c, _)| s < c)
        .collect();
    starts.sort_unstable();
    for f in found.iter_mut() {
        // A sourceless stance's content holds its subject before the cue
        // ("Many delegates were deemed ineligible, and Roe said …"): the
        // words after the cue end where another report begins, too.
        let wraps = f.content.start < f.cue.start && f.content.end > f.cue.end;
        if f.direct || (f.content.start < f.cue.end && !wraps) {
            continue;
        }
        let after = f.content.start.max(f.cue.end);
        let from = starts.partition_point(|&(s, _, _)| s < after + 2);
        let Some(&(s, _, source_end)) = starts
            .get(from)
            .filter(|&&(s, c, _)| c < f.content.end && s > 0)
        else {
            continue;
        };
        // A relative clause's source ("…, who claimed …") is part of the
        // noun phrase it describes, which the content still needs.
        let relative = toks[s..source_end]
            .iter()
            .any(|t| words::RELATIVE.contains(&t.lower));
        let mut end = s;
        // "…, but now Lee believes …": an adverb between the conjunction
        // and the next source.
        if end >= 2
            && toks[end - 1].is_word()
            && words::CLAUSE_ADVERBS.contains(&toks[end - 1].lower)
            && opens_next_report(&toks[end - 2])
        {
            end -= 1;
        }
        // "his daughters, who he said were living abroad": a relative
        // clause that holds a report of its own.
        if end >= 2
            && toks[end - 1].is_word()
            && matches!(toks[end - 1].lower, "who" | "which")
            && toks[end - 2].is_punct(',')
            && !relative
        {
            end -= 1;
        } else if relative
            || !opens_next_report(&toks[end - 1])
            // "showed that although Clinton has touted …, voters …": a
            // subordinate clause that opens the reported clause is part
            // of it.
            || end >= 2 && toks[end - 2].is("that") && toks[end - 1].is_word()
        {
            continue;
        }
        end -= 1;
        while end > f.content.start && toks[end - 1].is_punct(',') {
            end -= 1;
        }
        if ctx.words_in(after..end) >= 1 {
            f.content.end = end;
        }
    }
}

/// Whether `t`, just before another report's source, ends the report
/// before it: a coordinating or subordinating word ("and", "while",
/// "after") or clause punctuation (comma, semicolon, dash).
fn opens_next_report(t: &Tok) -> bool {
    matches!(t.kind, Kind::Punct(',' | ';' | '—' | '–' | '-'))
        || matches!(
            t.lower,
            "and"
                | "but"
                | "while"
                | "whereas"
                | "as"
                | "after"
                | "before"
                | "when"
                | "though"
                | "although"
                | "because"
        ) && t.is_word()
}

/// The end of the setting words ("Monday", "on Tuesday") from token `at`
/// on, where an attribution's own words end: only a run that punctuation
/// ends ("said Monday, …"), never the start of a clause ("say, this …").
pub(super) fn after_setting(ctx: &Ctx, from: usize, end: usize) -> usize {
    let toks = &ctx.toks;
    let time = |i: usize| i < end && toks[i].is_word() && words::TIME.contains(&toks[i].lower);
    let mut at = from;
    loop {
        if time(at) {
            at += 1;
        } else if at < end && toks[at].is("on") && time(at + 1) {
            at += 2;
        } else {
            break;
        }
    }
    if at < end && toks[at].is_word() {
        from
    } else {
        at
    }
}

/// "Members are asked to rank their choices, and the group is less likely
/// to be “overrun with zealots,” Hoover said": a content that runs on over
/// a whole report, source and cue included, ends at the clause break
/// before that report. Hoover's words are not part of what members are
/// asked, nor of what an earlier speaker said ("Roe said the plan is
/// dead, and …, Hoover said").
fn end_before_contained_report(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    let reports: Vec<(Range<usize>, Range<usize>, Range<usize>)> = found
        .iter()
        .filter_map(|g| {
            g.source
                .clone()
                .map(|s| (s, g.cue.clone(), g.content.clone()))
        })
        .collect();
    for f in found.iter_mut() {
        if f.direct {
            continue;
        }
        let c = f.content.clone();
        let inside = |r: &Range<usize>| c.start <= r.start && r.end <= c.end;
        // A sourceless stance yields to any report inside it; a report
        // with a source only to a post-posed one ("…, and the group is
        // “overrun,” Hoover said"), whose words come before its cue.
        let sourceless = f.source.is_none();
        let Some((first, source_start)) = reports
            .iter()
            .filter(|(s, cue, content)| {
                inside(s)
                    && inside(cue)
                    && content.start > f.cue.end
                    && *cue != f.cue
                    && (sourceless || content.start < cue.start)
            })
            .map(|(s, _, content)| (s.start.min(content.start), s.start))
            .min()
        else {
            continue;
        };
        let boundary = (c.start + 1..first).rev().find(|&b| {
            ctx.quote_of(b).is_none()
                && (toks[b].is_punct(';')
                    || toks[b].is_punct(',')
                        && toks.get(b + 1).is_some_and(|n| n.is("and") || n.is("but")))
        });
        // With no clause break, the words up to that report's source ("He
        // called the plan “a betrayal,”| Hoover said") are this one's.
        let end = boundary.unwrap_or_else(|| {
            let mut e = source_start;
            while e > c.start && toks[e - 1].is_punct(',') {
                e -= 1;
            }
            e
        });
        // Never to the very words of another record, which the
        // deduplication below would then drop.
        let same_as_other = reports.iter().any(|(_, _, g)| *g == (c.start..end));
        if ctx.words_in(c.start..end) > 0 && !same_as_other {
            f.content.end = end;
        }
    }
}

/// "When Maddow pointed out that Lee calls it a plan, Clinton seized upon
/// it": a report inside a subordinate clause that opens the sentence ends
/// with that clause; the main clause after its comma is the writer's.
fn end_with_subordinate_clause(ctx: &Ctx, found: &mut [Found]) {
    for f in found.iter_mut() {
        let Some(sentence) = ctx.sentence(f.cue.start) else {
            continue;
        };
        if f.direct || f.cue.start == sentence.start {
            continue;
        }
        // The subordinate clause opens the sentence, or the clause a
        // "that" opens ("showed that although Clinton has touted …,
        // voters …"), before the cue.
        let after_that = (sentence.start.max(f.cue.start.saturating_sub(12))..f.cue.start)
            .rev()
            .find(|&p| p > sentence.start && ctx.toks[p - 1].is("that"));
        let Some(main) = after_that
            .and_then(|p| clause::clause_after_subordinate(ctx, p, &sentence))
            .or_else(|| clause::main_clause_start(ctx, &sentence))
        else {
            continue;
        };
        if f.cue.start < main && f.content.start < main && f.content.end > main {
            // A comma inside the quotation that closes the clause stays
            // with the quotation.
            let end = if ctx.toks[main - 1].is_quote() {
                main
            } else {
                main - 1
            };
            if ctx.words_in(f.content.start..end) > 0 {
                f.content.end = end;
            }
        }
    }
}

/// "This campaign, he says, is different": an attribution set between
/// commas inside its sentence reports the whole sentence, not the words
/// before it; the content runs on to the sentence's end, and its parts
/// ([`super::emit`]) leave the attribution out. Not when what follows is
/// another attribution ("…, he said, adding that …") or a clause of the
/// attribution's own ("…, he said, as he left").
fn continue_past_parenthetical(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    let mut cues: Vec<usize> = found.iter().map(|f| f.cue.start).collect();
    cues.sort_unstable();
    // Post-posed reports ("…, Lee added"), whose words come before their
    // cue: the clause before one is that speaker's, whatever opens it.
    let post_posed: Vec<usize> = found
        .iter()
        .filter(|g| g.content.end <= g.cue.start)
        .map(|g| g.cue.start)
        .collect();
    for f in found.iter_mut() {
        let Some(source) = f.source.clone() else {
            continue;
        };
        let start = source.start.min(f.cue.start);
        let end = source.end.max(f.cue.end);
        if f.direct || f.content.end + 1 != start || !toks[f.content.end].is_punct(',') {
            continue;
        }
        let Some(sentence) = ctx.sentence(f.cue.start) else {
            continue;
        };
        let comma = after_setting(ctx, end, sentence.end);
        if comma >= sentence.end || !toks[comma].is_punct(',') || ctx.quote_of(comma).is_some() {
            continue;
        }
        // The clause goes on to the sentence's end or a semicolon, which
        // opens another ("…, Roe said, is a liar; Lee said …").
        // So does a contrast the writer adds (", though Lee disagreed").
        let mut tail_end = (comma + 1..sentence.end)
            .find(|&t| {
                ctx.quote_of(t).is_none()
                    && (toks[t].is_punct(';')
                        || toks[t].is_punct(',')
                            && toks.get(t + 1).is_some_and(|n| {
                                n.is_word() && matches!(n.lower, "though" | "although" | "whereas")
                            }))
            })
            .unwrap_or(sentence.end);
        while tail_end > comma + 1
            && ['.', '!', '?', ';', ':']
                .iter()
                .any(|&c| toks[tail_end - 1].is_punct(c))
        {
            tail_end -= 1;
        }
        let tail = comma + 1..tail_end;
        // After "according to X", a determiner opens an apposition to X
        // (", according to Harbor Analytics, a research firm"); after "X
        // said," it rather opens the rest of what was said ("In 1990, Roe
        // said, the firm was small").
        let according = toks[f.cue.start].is("according");
        // What comes before "X said," may be an opening phrase only ("In
        // Miami, Roe said, …", "Six months ago, …"): then the clause after
        // it is the rest of what was said, even one that opens with a
        // subordinator ("…, when she was earning …, a boss invited her").
        let opening = toks[f.content.start].is_word()
            && (words::ADJUNCT_OPENERS.contains(&toks[f.content.start].lower)
                || f.content.end - f.content.start <= 4);
        let w = toks[tail.start].lower;
        let subordinator = matches!(
            w,
            "as" | "while" | "when" | "after" | "before" | "in" | "during" | "at" | "following"
        );
        let opens_own_clause = tail.start < tail_end
            && toks[tail.start].is_word()
            && (OWN_CLAUSE.contains(&w) && !(opening && subordinator)
                || according
                    && matches!(w, "a" | "an" | "the")
                    && !finite_before_break(ctx, tail.clone()));
        if opens_own_clause
            || ctx.words_in(tail.clone()) < 2
            || cues
                .get(cues.partition_point(|&c| c < tail.start))
                .is_some_and(|&c| c < tail.end && !opening)
            || post_posed.iter().any(|c| tail.contains(c))
        {
            continue;
        }
        f.content.end = tail_end;
    }
}

/// Whether the words of `tail` reach a finite verb ("the rise in deficits
/// is …") before a comma or a relative pronoun: a clause, where a phrase
/// that reaches neither, or a relative clause first, is an apposition ("a
/// research firm that is based in Ohio").
fn finite_before_break(ctx: &Ctx, tail: Range<usize>) -> bool {
    for t in tail {
        let tok = &ctx.toks[t];
        if !tok.is_word() {
            if tok.is_punct(',') || tok.is_quote() {
                return false;
            }
            continue;
        }
        if words::RELATIVE.contains(&tok.lower) {
            return false;
        }
        if words::FINITE_AUX.contains(&tok.lower) {
            return true;
        }
    }
    false
}

/// "Otherwise, she said, countries may steal growth": the words before an
/// attribution set between commas open what was said, whose content the
/// rules began after it; the content takes them in, and its parts
/// ([`super::emit`]) leave the attribution out. Only words with no cue,
/// quotation or clause break of their own.
fn take_the_lead_before_parenthetical(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    let cues: Vec<usize> = found.iter().map(|f| f.cue.start).collect();
    for f in found.iter_mut() {
        let Some(source) = f.source.clone() else {
            continue;
        };
        let Some(sentence) = ctx.sentence(f.cue.start) else {
            continue;
        };
        let start = source.start.min(f.cue.start);
        let attribution_end = source.end.max(f.cue.end);
        // The attribution with its setting ("she said in an interview
        // afterward,").
        let end = after_setting(ctx, attribution_end, sentence.end);
        // The content begins after the attribution's closing comma (which
        // the rules may have left at its start, with the setting before
        // it: "he said Tuesday, the town …").
        // A dash there may set off the writer's comment (below).
        let is_break = |t: usize| matches!(toks[t].kind, Kind::Punct(',' | '—' | '–'));
        let mut first_word = f.content.start.max(end);
        while first_word < f.content.end && is_break(first_word) {
            first_word += 1;
        }
        // A quotation takes the lead only when it goes on with the lead's
        // clause ("The surplus, he said, “is something we expected.”"); one
        // that opens a sentence of its own is the whole quote ("At the same
        // time, Roe said, “We lost.”").
        let continues_lead = || {
            (f.content.clone())
                .find(|&t| toks[t].is_word())
                .is_some_and(|t| !toks[t].cap && toks[t].lower.starts_with(char::is_alphabetic))
        };
        // "…, Roe said this week at a forum in Ohio — an apparent
        // reversal …": a few verbless words after the cue, then a break
        // and the writer's comment; the words are the saying's setting,
        // however far `after_setting` and the rules read it.
        let setting_then_comment = (first_word..f.content.end.min(first_word + 10))
            .find(|&t| is_break(t))
            .filter(|&b| {
                !(first_word..b).any(|t| {
                    ctx.quote_of(t).is_some()
                        || toks[t].is_word() && words::FINITE_AUX.contains(&toks[t].lower)
                })
            })
            .map(|b| b + 1)
            .filter(|&w| w < f.content.end && is_comment(ctx, w..f.content.end));
        let set_off = (end..first_word).all(is_break) || setting_then_comment.is_some();
        if let Some(w) = setting_then_comment {
            first_word = w;
        }
        if f.content.start < attribution_end
            || f.direct && !continues_lead()
            || first_word == end
            || first_word >= f.content.end
            || !set_off
            || start < sentence.start + 2
            || !toks[start - 1].is_punct(',')
        {
            continue;
        }
        let lead = sentence.start..start - 1;
        let clean = !lead.clone().any(|t| {
            toks[t].is_quote()
                || matches!(toks[t].kind, Kind::Punct(':' | ';' | '(' | ')'))
                || cues.contains(&t)
        });
        if clean && ctx.words_in(lead.clone()) >= 1 {
            // After a whole clause, an indefinite phrase with no verb is
            // the writer's comment on the saying ("Tests take too long,
            // Roe said on Tuesday, a reversal of her earlier view"), not
            // more of what was said.
            let whole_clause = lead.len() > 4
                && toks[lead.start].is_word()
                && !words::ADJUNCT_OPENERS.contains(&toks[lead.start].lower)
                && !toks[lead.start].is("if");
            let comment = whole_clause && is_comment(ctx, first_word..f.content.end);
            let dashed = (end..first_word).any(|t| !toks[t].is_punct(','));
            if dashed && !comment {
                continue;
            }
            f.content = if comment {
                lead
            } else {
                lead.start..f.content.end
            };
            f.direct = false;
        }
    }
}

/// Whether `words` are an indefinite phrase with no verb ("a reversal of
/// her earlier view"): after a reported clause, the writer's comment.
fn is_comment(ctx: &Ctx, words: Range<usize>) -> bool {
    !words.is_empty()
        && matches!(ctx.toks[words.start].lower, "a" | "an")
        && !finite_before_break(ctx, words)
}

/// "Lee also met the mayor that day, as the Ledger reported on Tuesday.":
/// an attribution opened by "as" after a clause, with nothing after its
/// cue but the setting of the report before the sentence ends or a
/// coordinated clause begins (", and …"), reports the clause before it.
/// The rules had taken the setting ("on Tuesday", "a few days later") or
/// the next clause for its content. Before a clause of its own ("In 1990,
/// as Roe reported in her book, the firm was small") it reports that
/// clause, as the rules have it.
fn as_reported_after_its_clause(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    let is_break = |t: usize| matches!(toks[t].kind, Kind::Punct(',' | '—' | '–' | '-'));
    for f in found.iter_mut() {
        let Some(source) = f.source.clone() else {
            continue;
        };
        let Some(sentence) = ctx.sentence(f.cue.start) else {
            continue;
        };
        if f.direct
            || source.end > f.cue.start
            || source.start < sentence.start + 3
            || !toks[source.start - 1].is("as")
            || !is_break(source.start - 2)
            || f.content.start < f.cue.end
        {
            continue;
        }
        // What follows the cue up to the next break: the report's setting
        // only (a few words, no verb, no quotation) when the sentence ends
        // there or goes on with a coordinated clause.
        let stop = (f.cue.end..sentence.end)
            .find(|&t| is_break(t) || matches!(toks[t].kind, Kind::Punct('.' | '!' | '?' | ';')))
            .unwrap_or(sentence.end);
        let setting = f.cue.end..stop;
        let ends = stop == sentence.end
            || !is_break(stop)
            || toks
                .get(stop + 1)
                .is_some_and(|t| t.is_word() && matches!(t.lower, "and" | "but"));
        let verbless = ctx.words_in(setting.clone()) <= 5
            && !setting.clone().any(|t| {
                toks[t].is_quote()
                    || toks[t].is_word() && words::FINITE_AUX.contains(&toks[t].lower)
                    || words::RELATIVE.contains(&toks[t].lower)
                    || toks[t].is("that")
            });
        let clause = sentence.start..source.start - 2;
        if !ends
            || !verbless
            || ctx.words_in(clause.clone()) < 3
            || clause.clone().any(|t| ctx.quote_of(t).is_some())
        {
            continue;
        }
        f.content = clause;
    }
}

/// "Roe said the plan was dead, Doe told reporters": a content ends before
/// the attribution after it that reports this one, so that no record
/// takes a neighbour's cue and source as its words.
fn end_before_other_reports(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    // Where each reported-speech attribution begins (its source or cue),
    // in text order: a content looks only at those that begin inside it.
    let mut starts: Vec<(usize, usize)> = found
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.direct)
        .map(|(k, g)| {
            let start = g
                .source
                .as_ref()
                .map_or(g.cue.start, |s| s.start.min(g.cue.start));
            (start, k)
        })
        .collect();
    starts.sort_unstable();
    for i in 0..found.len() {
        let f = &found[i];
        let Some(sentence) = ctx.sentence(f.cue.start) else {
            continue;
        };
        let c = f.content.clone();
        let from = starts.partition_point(|&(s, _)| s <= c.start);
        // Only a report of what comes before it, which holds this
        // attribution ("[Roe said …], Doe told reporters"), in the same
        // sentence; bounded, as a run-on "sentence" may hold thousands.
        let cut = starts[from..]
            .iter()
            .take_while(|&&(s, _)| s < c.end)
            .take(32)
            .find(|&&(s, k)| {
                let g = &found[k];
                k != i
                    && sentence.contains(&g.cue.start)
                    && g.content.end <= s
                    && g.content.contains(&f.cue.start)
            })
            .map(|&(s, _)| s);
        let Some(mut end) = cut else { continue };
        while end > c.start && (toks[end - 1].is_punct(',') || toks[end - 1].is_punct('-')) {
            end -= 1;
        }
        if ctx.words_in(c.start..end) >= 2 && (f.cue.start < c.start || f.cue.start >= end) {
            found[i].content.end = end;
        }
    }
}

/// "Lee said Roe “lied,” a charge Roe denied": a report ends where the
/// noun that sums it up begins; that noun and what follows are another
/// speaker's report of it.
fn end_before_summary_noun(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    let nouns: Vec<usize> = found
        .iter()
        .filter(|g| super::verb::sums_up_report_before(ctx, g))
        .map(|g| g.content.start)
        .collect();
    for f in found.iter_mut() {
        let c = f.content.clone();
        // With no cue of its own ("…, a view many Democrats share"), the
        // apposition that closes the content is the writer's comment on it.
        let Some(noun) = nouns
            .iter()
            .copied()
            .find(|&n| c.start < n && n < c.end)
            .or_else(|| super::verb::closing_summary_apposition(ctx, c.clone()))
        else {
            continue;
        };
        let mut end = noun;
        while end > c.start && toks[end - 1].is_punct(',') {
            end -= 1;
        }
        if ctx.words_in(c.start..end) >= 1 && (f.cue.start < c.start || f.cue.start >= end) {
            f.content.end = end;
        }
    }
}

/// "The plan is dead, Roe said, and the vote was rigged, Lee added": a
/// post-posed report's words begin after the post-posed report before it
/// in the sentence, whose words those before are; a conjunction opening
/// what is left links the two reports and is neither's.
fn start_after_post_posed_report(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    let attribution = |g: &Found| {
        let s = g.source.clone().unwrap_or(g.cue.clone());
        s.start.min(g.cue.start)..s.end.max(g.cue.end)
    };
    let post_posed = |g: &Found| g.content.end <= attribution(g).start;
    // The post-posed attributions, by start: a content looks only at those
    // that begin inside it (a run-on "sentence" may hold thousands).
    let mut spans: Vec<Range<usize>> = found
        .iter()
        .filter(|g| post_posed(g))
        .map(attribution)
        .collect();
    spans.sort_unstable_by_key(|a| a.start);
    for f in found.iter_mut() {
        if f.direct || !post_posed(f) {
            continue;
        }
        let Some(sentence) = ctx.sentence(f.cue.start) else {
            continue;
        };
        let c = f.content.clone();
        let own = attribution(f);
        let from = spans.partition_point(|a| a.start <= c.start);
        let Some(before) = spans[from..]
            .iter()
            .take_while(|a| a.start < c.end)
            .filter(|a| **a != own && a.end < c.end && sentence.contains(&a.start))
            .map(|a| a.end)
            .max()
        else {
            continue;
        };
        let mut start = before;
        let mut linked = false;
        while start < c.end
            && (!toks[start].is_word() && ctx.quote_of(start).is_none()
                || toks[start].is("and")
                || toks[start].is("but"))
        {
            linked |= toks[start].is_word();
            start += 1;
        }
        // Only two reports a conjunction links: an attribution inside a
        // content otherwise belongs to what that content reports.
        if linked && ctx.words_in(start..c.end) >= 2 {
            f.content.start = start;
        }
    }
}

/// "Roe called him divisive and accused him of …", "calling him a “stiff”
/// and accusing him of …": a second predicate of the same subject,
/// coordinated with the cue in the cue's own form, is a report of its own,
/// which the annotations keep out of the first one's content. Only after a
/// content with no verb of that form itself, where the "and" can join
/// nothing but the cue ("said the firm lied and cheated" keeps "and
/// cheated").
fn end_before_coordinated_predicate(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    let past =
        |w: &str| w.ends_with("ed") || cues::lookup(w).is_some_and(|c| c.form == cues::Form::Past);
    let gerund = |w: &str| w.ends_with("ing") && w.len() > 5;
    for f in found.iter_mut() {
        if f.direct || f.content.start < f.cue.end {
            continue;
        }
        let cue = toks[f.cue.end - 1].lower;
        let same_form: &dyn Fn(&str) -> bool = if gerund(cue) {
            &gerund
        } else if past(cue) {
            &past
        } else {
            continue;
        };
        let verb_like = |t: &Tok| {
            t.is_word() && !t.cap && (same_form(t.lower) || words::FINITE_AUX.contains(&t.lower))
        };
        for k in f.content.start + 1..f.content.end {
            let t = &toks[k];
            if ctx.quote_of(k).is_none() && verb_like(t) {
                break;
            }
            if !t.is("and") {
                continue;
            }
            let mut v = k + 1;
            while v < f.content.end
                && toks[v].is_word()
                && (learned::is_adverb(&toks[v])
                    || matches!(toks[v].lower, "then" | "also" | "later"))
            {
                v += 1;
            }
            if v < f.content.end && toks[v].is_word() && !toks[v].cap && same_form(toks[v].lower) {
                let mut end = k;
                while end > f.content.start && toks[end - 1].is_punct(',') {
                    end -= 1;
                }
                if ctx.words_in(f.content.start..end) >= 1 {
                    f.content.end = end;
                }
            }
            break;
        }
    }
}

/// "Roe said the plan was dead, according to two aides": ", according to"
/// opens a report of its own, with its own source, and the annotations
/// end the content before it (242 times out of 276 in the train split).
fn end_before_according_to(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    for f in found.iter_mut() {
        if f.direct {
            continue;
        }
        let c = f.content.clone();
        let Some(comma) = (c.start + 1..c.end.saturating_sub(2)).find(|&k| {
            toks[k].is_punct(',')
                && toks[k + 1].is("according")
                && toks[k + 2].is("to")
                && ctx.quote_of(k).is_none()
                && !(f.cue.start..f.cue.end).contains(&(k + 1))
        }) else {
            continue;
        };
        if ctx.words_in(c.start..comma) >= 2 && (f.cue.start < c.start || f.cue.start >= comma) {
            f.content.end = comma;
        }
    }
}

/// "said in a statement", "wrote on Twitter": the medium belongs to the
/// cue, as the annotations mostly mark it, never to the source ("…,” said
/// Roe in an interview") or the content.
fn medium_in_cue(ctx: &Ctx, found: &mut [Found]) {
    let overlaps =
        |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| a.start < b.end && b.start < a.end;
    for f in found.iter_mut() {
        if let Some(s) = f.source.as_mut().filter(|s| s.start > f.cue.start) {
            if let Some(m) =
                (s.start + 1..s.end).find(|&m| medium_end(ctx, m, s.end) == Some(s.end))
            {
                s.end = m;
                while s.end > s.start + 1 && ctx.toks[s.end - 1].is_punct(',') {
                    s.end -= 1;
                }
            }
        }
        let Some(sentence) = ctx.sentence(f.cue.start) else {
            continue;
        };
        if let Some(e) = medium_end(ctx, f.cue.end, sentence.end) {
            let medium = f.cue.end..e;
            let free = !overlaps(&medium, &f.content)
                && f.source.as_ref().is_none_or(|s| !overlaps(&medium, s));
            if free {
                f.cue.end = e;
            }
        }
    }
}

/// Whether a report's content is only the medium it was made in ("Trump
/// weighed in on Twitter late Sunday" reports nothing said: "Twitter late
/// Sunday" is where and when). A content that quotes or says more (five
/// words or more after the medium's name) is kept.
pub(super) fn content_is_a_medium(ctx: &Ctx, f: &Found) -> bool {
    let toks = &ctx.toks;
    let c = &f.content;
    c.start > 0
        && c.start < c.end
        && toks[c.start - 1].is("on")
        && toks[c.start].is_word()
        && SOCIAL.contains(&toks[c.start].lower)
        && ctx.words_in(c.clone()) <= 5
        && !toks[c.clone()].iter().any(|t| t.is_quote())
}

/// The end of a medium phrase at token `at` ("in a statement", "in an
/// email interview", "on Twitter"), before `end`.
fn medium_end(ctx: &Ctx, at: usize, end: usize) -> Option<usize> {
    let toks = &ctx.toks;
    let word = |i: usize| (i < end && toks[i].is_word()).then(|| toks[i].lower);
    match word(at)? {
        "on" => {
            let w = word(at + 1)?;
            SOCIAL.contains(&w).then_some(at + 2)
        }
        "in" | "during" => {
            let mut i = at + 1;
            if word(i).is_some_and(|w| DETERMINERS.contains(&w)) {
                i += 1;
            }
            // At most one modifier: "a written statement".
            (i..(i + 2).min(end))
                .find(|&k| word(k).is_some_and(|w| MEDIA.contains(&w)))
                .map(|k| k + 1)
        }
        _ => None,
    }
}

const DETERMINERS: &[&str] = &["a", "an", "the", "his", "her", "their", "its", "our", "my"];
const MEDIA: &[&str] = &[
    "statement",
    "interview",
    "email",
    "e-mail",
    "tweet",
    "speech",
    "letter",
    "memo",
    "post",
    "op-ed",
    "release",
];
const SOCIAL: &[&str] = &["twitter", "facebook", "instagram"];

/// Words that open a clause of the attribution itself after ", X said,"
/// ("as he left", "adding that …", "according to aides, who …"), not the
/// rest of what was said.
const OWN_CLAUSE: &[&str] = &[
    "who",
    "which",
    "whose",
    "whom",
    "as",
    "while",
    "when",
    "after",
    "before",
    "adding",
    "noting",
    "according",
    "in",
    "during",
    "citing",
    "referring",
    "speaking",
    "following",
    "at",
];

#[cfg(test)]
mod tests {
    use crate::attribute::tests::{run, triples};

    #[test]
    fn split_quote_and_multi_paragraph_quote() {
        let doc = run("Title\n\n“It is done,” Perry said. “We move on now.”\n\nShe added: “First paragraph of it.\n\n“Second paragraph.”");
        assert_eq!(
            doc.quotes[0].content.text,
            "“It is done,” Perry said. “We move on now.”"
        );
        assert_eq!(doc.quotes[1].content.text, "“First paragraph of it.");
    }

    #[test]
    fn a_report_ends_where_a_coordinated_one_begins() {
        let doc = run("Title\n\nSmith said the deal was good, but Jones said it was a disaster.");
        assert_eq!(
            triples(&doc),
            [
                (Some("Smith"), "said", "the deal was good"),
                (Some("Jones"), "said", "it was a disaster"),
            ]
        );
    }

    #[test]
    fn a_report_ends_where_the_next_begins_after_a_comma_or_subordinator() {
        let doc = run("Title\n\nSeveral owners said the new rules were fair, other owners said they were ruinous.\n\nThe mayor praised the harbor budget while the council argued it was too small.");
        assert_eq!(
            triples(&doc),
            [
                (Some("Several owners"), "said", "the new rules were fair"),
                (Some("other owners"), "said", "they were ruinous"),
                (Some("The mayor"), "praised", "the harbor budget"),
                (Some("the council"), "argued", "it was too small"),
            ]
        );
    }

    #[test]
    fn a_relative_clause_with_its_own_cue_stays_in_the_content() {
        // "who claimed …" describes the farmers inside what the mayor
        // said; ending the content before it would leave "the farmers".
        let doc = run("Title\n\nThe mayor said the farmers, who claimed the harbor was theirs, would be paid in full.");
        let found = triples(&doc);
        assert_eq!(
            found[0],
            (
                Some("The mayor"),
                "said",
                "the farmers, who claimed the harbor was theirs, would be paid in full"
            )
        );
    }

    #[test]
    fn a_quote_paragraph_continues_the_quote_that_ends_the_paragraph_before() {
        let doc = run("Title\n\n“The harbor is safe,” Roe said.\n\n“We checked the water twice this week.”\n\n“And we will check it again in May.”");
        assert_eq!(doc.quotes.len(), 1, "{:?}", doc.quotes);
        assert_eq!(
            doc.quotes[0].content.text,
            "“The harbor is safe,” Roe said.\n\n“We checked the water twice this week.”\n\n“And we will check it again in May.”"
        );
        let parts: Vec<&str> = doc.quotes[0]
            .content_parts
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            parts,
            [
                "“The harbor is safe,”",
                "“We checked the water twice this week.”\n\n“And we will check it again in May.”"
            ]
        );
    }

    #[test]
    fn a_quote_paragraph_after_other_words_is_nobody_s_continuation() {
        // The paragraph before goes on past Roe's quote, and the quote
        // after it is no paragraph of its own: neither is Roe's.
        let doc = run("Title\n\n“The harbor is safe,” Roe said. The council will vote in May.\n\n“We checked the water twice this week.”\n\n“It is clean,” Roe said.\n\n“We checked the water twice this week,” and the council agreed.");
        let contents: Vec<&str> = doc.quotes.iter().map(|q| q.content.text.as_str()).collect();
        assert_eq!(contents, ["“The harbor is safe,”", "“It is clean,”"]);
    }
}
