//! Numbers: the figures, dates and weekdays of a text in one normal form,
//! and whether the article supports the ones a summary gives.
//!
//! "1.3 billion", "1,300,000,000" and "1.3bn" are one value; "two" is 2;
//! "27%" is "27 percent". A figure the article gives as one end of a range
//! ("between 300 and 400", "hundreds, perhaps thousands") does not support
//! that end alone; "hundreds" is supported by "hundreds" or a figure in the
//! hundreds, never by "thousands". A rounded figure ("about 1.3 million"
//! for 1,342,000) is supported when the article's rounds to it.

use std::collections::HashSet;
use std::ops::Range;

use super::text::{norm, Tok, TokKind};
use super::words::{
    is_approximator, is_month_lead, month, ordinal_word, scale, small_number, vague, WEEKDAYS,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Plain,
    Percent,
    /// "points": percentage points or a score; compared with either.
    Points,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Quantity {
    /// A figure: value, significant digits, unit, written as a year.
    Exact {
        value: f64,
        digits: u32,
        unit: Unit,
        year: bool,
        money: bool,
        /// "third", "14th": compared with ordinals only.
        ordinal: bool,
    },
    /// "hundreds", "thousands": the class's magnitude.
    Vague(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Figure {
    Quantity(Quantity),
    Weekday(u8),
    Month(u8),
    /// Month and day: "Nov. 5", "5 November".
    Date(u8, u8),
    /// Times and other forms compared as written: "4:52", "9/11", "1990s".
    Literal(String),
}

#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) figure: Figure,
    /// Token range.
    toks: Range<usize>,
    /// Byte range.
    pub(super) span: Range<usize>,
    /// "about", "more than" before it.
    approx: bool,
    /// "up to", "as much as" (an upper bound: the top of a range may be
    /// given so) or "at least", "as few as" (a lower bound).
    bound: Option<Bound>,
    /// "the two" of "the two countries": a reference to things already
    /// named, not a figure.
    anaphoric: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Upper,
    Lower,
}

/// How two neighbouring quantities relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    /// "between 300 and 400", "300 to 400", "two or three": neither end
    /// holds alone.
    Range,
    /// "hundreds, perhaps thousands": the first holds, the second is a guess.
    Hedge,
}

/// The figures of one sentence, and which of them pair into ranges.
#[derive(Debug, Default)]
pub(super) struct Figures {
    pub(super) mentions: Vec<Mention>,
    /// (first, second, kind) indices into `mentions`.
    pairs: Vec<(usize, usize, Pair)>,
}

impl Figures {
    pub(super) fn of(toks: &[Tok]) -> Figures {
        let mentions = mentions(toks);
        let pairs = pairs(toks, &mentions);
        Figures { mentions, pairs }
    }

    /// Whether mention `i` stands on its own (not only as the end of a
    /// range, or the guess of a hedge).
    fn standalone(&self, i: usize) -> bool {
        !self.pairs.iter().any(|&(a, b, k)| {
            (k == Pair::Range && (a == i || b == i)) || (k == Pair::Hedge && b == i)
        })
    }

    fn pair_of(&self, i: usize) -> Option<(usize, usize, Pair)> {
        self.pairs
            .iter()
            .copied()
            .find(|&(a, b, _)| a == i || b == i)
    }
}

fn lower(t: &Tok) -> String {
    norm(t.text)
}

/// Value and significant digits of a numeral token ("1,300" → 1300, 2).
fn numeral(text: &str) -> Option<(f64, u32)> {
    let clean: String = text.chars().filter(|&c| c != ',').collect();
    let value: f64 = clean.parse().ok()?;
    let digits: String = clean.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_start_matches('0');
    let sig = if clean.contains('.') {
        trimmed.len()
    } else {
        trimmed.trim_end_matches('0').len()
    };
    Some((value, sig.max(1) as u32))
}

fn is_currency(t: &Tok) -> bool {
    t.kind == TokKind::Mark && matches!(t.text, "$" | "\u{a3}" | "\u{20ac}" | "\u{a5}")
}

/// Every figure of a sentence, in order.
fn mentions(toks: &[Tok]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        let t = &toks[i];
        let l = lower(t);
        let mut figure = None;
        let mut end = i + 1;
        let mut unit_from = None;
        if t.kind == TokKind::Number {
            if t.text.contains(':') {
                figure = Some(Figure::Literal(t.text.to_owned()));
            } else if toks
                .get(i + 1)
                .is_some_and(|n| n.is_mark('/') && !n.space_before)
                && toks
                    .get(i + 2)
                    .is_some_and(|n| n.kind == TokKind::Number && !n.space_before)
            {
                figure = Some(Figure::Literal(format!("{}/{}", t.text, toks[i + 2].text)));
                end = i + 3;
            } else if let Some((value, digits)) = numeral(t.text) {
                // "5 November": a day before a month.
                if let Some(m) = toks
                    .get(i + 1)
                    .filter(|n| n.capitalized())
                    .and_then(|n| month(&lower(n)))
                {
                    if value.fract() == 0.0 && (1.0..=31.0).contains(&value) {
                        out.push(Mention {
                            figure: Figure::Date(m, value as u8),
                            toks: i..i + 2,
                            span: t.start..toks[i + 1].end,
                            approx: false,
                            bound: None,
                            anaphoric: false,
                        });
                        i += 2;
                        continue;
                    }
                }
                let year = !t.text.contains(',')
                    && !t.text.contains('.')
                    && t.text.len() == 4
                    && (1500.0..=2100.0).contains(&value);
                figure = Some(Figure::Quantity(Quantity::Exact {
                    value,
                    digits,
                    unit: Unit::Plain,
                    year,
                    money: i > 0 && is_currency(&toks[i - 1]),
                    ordinal: false,
                }));
                unit_from = Some(i + 1);
            }
        } else if t.is_word() {
            if t.text.starts_with(|c: char| c.is_ascii_digit()) {
                // "14th", "3rd", "1990s", "5m", "1.3bn".
                let digits_end = t
                    .text
                    .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                    .unwrap_or(t.text.len());
                let (num, rest) = t.text.split_at(digits_end);
                let rest = rest.to_lowercase();
                match (numeral(num), rest.as_str()) {
                    (Some((v, d)), "st" | "nd" | "rd" | "th") => {
                        figure = Some(ordinal(v, d));
                    }
                    (Some((v, d)), "m" | "bn" | "k") => {
                        let s = match rest.as_str() {
                            "m" => 1e6,
                            "bn" => 1e9,
                            _ => 1e3,
                        };
                        figure = Some(Figure::Quantity(Quantity::Exact {
                            value: v * s,
                            digits: d,
                            unit: Unit::Plain,
                            year: false,
                            money: i > 0 && is_currency(&toks[i - 1]),
                            ordinal: false,
                        }));
                    }
                    _ => figure = Some(Figure::Literal(t.text.to_lowercase())),
                }
            } else if let Some(v) = small_number(&l) {
                // "twenty-five".
                let mut v = v;
                if v >= 20.0
                    && toks
                        .get(i + 1)
                        .is_some_and(|n| n.is_mark('-') && !n.space_before)
                {
                    if let Some(u) = toks.get(i + 2).and_then(|n| small_number(&lower(n))) {
                        if u < 10.0 {
                            v += u;
                            end = i + 3;
                        }
                    }
                }
                figure = Some(exact(v, significant(v)));
                unit_from = Some(end);
            } else if l == "one" && toks.get(i + 1).and_then(|n| scale(&lower(n))).is_some() {
                figure = Some(exact(1.0, 1));
                unit_from = Some(end);
            } else if l == "dozen" {
                figure = Some(exact(12.0, 2));
            } else if let Some(v) = ordinal_word(&l) {
                figure = Some(ordinal(v, significant(v)));
            } else if let Some(c) = vague(&l) {
                // "tens of thousands", "hundreds of millions": the larger class.
                let mut c = c;
                let mut j = i + 1;
                while toks.get(j).is_some_and(|n| lower(n) == "of")
                    && toks.get(j + 1).and_then(|n| vague(&lower(n))).is_some()
                {
                    c = vague(&lower(&toks[j + 1])).unwrap_or(c);
                    j += 2;
                }
                end = j;
                figure = Some(Figure::Quantity(Quantity::Vague(c)));
            } else if let Some(d) = WEEKDAYS.iter().position(|w| *w == l) {
                if t.capitalized() {
                    figure = Some(Figure::Weekday(d as u8));
                }
            } else if let Some(m) = month(&l).filter(|_| t.capitalized()) {
                // "Nov. 5", "July 1"; "May" only as a date or after "in".
                let mut j = i + 1;
                if toks
                    .get(j)
                    .is_some_and(|n| n.is_mark('.') && !n.space_before)
                {
                    j += 1;
                }
                let day = toks
                    .get(j)
                    .filter(|n| n.kind == TokKind::Number)
                    .and_then(|n| numeral(n.text))
                    .filter(|&(v, _)| v.fract() == 0.0 && (1.0..=31.0).contains(&v))
                    .filter(|_| {
                        // "October 2025" is a month and a year.
                        toks[j].text.len() <= 2
                    });
                if let Some((d, _)) = day {
                    figure = Some(Figure::Date(m, d as u8));
                    end = j + 1;
                } else if l != "may" || (i > 0 && is_month_lead(&lower(&toks[i - 1]))) {
                    figure = Some(Figure::Month(m));
                    end = j.min(i + 1);
                }
            }
        }
        let Some(mut figure) = figure else {
            i += 1;
            continue;
        };
        // Scale and unit after the number: "1.3 billion", "27 percent", "5%".
        if let (
            Some(mut j),
            Figure::Quantity(Quantity::Exact {
                value, unit, year, ..
            }),
        ) = (unit_from, &mut figure)
        {
            while let Some(s) = toks.get(j).and_then(|n| scale(&lower(n))) {
                *value *= s;
                *year = false;
                j += 1;
                end = j;
            }
            if let Some(n) = toks.get(j) {
                let nl = lower(n);
                if n.is_mark('%') || nl == "percent" || nl == "pct" {
                    *unit = Unit::Percent;
                    end = j + 1;
                } else if nl == "per" && toks.get(j + 1).is_some_and(|m| lower(m) == "cent") {
                    *unit = Unit::Percent;
                    end = j + 2;
                } else if nl == "percentage" {
                    *unit = Unit::Percent;
                    end = j
                        + 1
                        + usize::from(
                            toks.get(j + 1)
                                .is_some_and(|m| lower(m).starts_with("point")),
                        );
                } else if nl == "points" || nl == "point" {
                    *unit = Unit::Points;
                    end = j + 1;
                }
            }
            if *unit != Unit::Plain || end > unit_from.unwrap_or(0) {
                *year = false;
            }
        }
        let first = if start > 0 && is_currency(&toks[start - 1]) {
            start - 1
        } else {
            start
        };
        let before: Vec<String> = toks[first.saturating_sub(2)..first]
            .iter()
            .filter(|t| t.is_word())
            .map(lower)
            .collect();
        let approx = before.iter().any(|w| is_approximator(w));
        let before_words: Vec<&str> = before.iter().map(String::as_str).collect();
        let bound = match before_words.as_slice() {
            [.., "up", "to"] | [.., "as", "much" | "many" | "high"] | [.., "at", "most"] => {
                Some(Bound::Upper)
            }
            [.., "at", "least"] | [.., "as", "few" | "little" | "low"] => Some(Bound::Lower),
            _ => None,
        };
        let anaphoric = matches!(figure, Figure::Quantity(Quantity::Exact { value, .. }) if value == 2.0)
            && t.is_word()
            && before
                .last()
                .is_some_and(|w| w == "the" || w == "these" || w == "those");
        out.push(Mention {
            figure,
            toks: first..end,
            span: toks[first].start..toks[end - 1].end,
            approx,
            bound,
            anaphoric,
        });
        i = end;
    }
    out
}

fn exact(value: f64, digits: u32) -> Figure {
    Figure::Quantity(Quantity::Exact {
        value,
        digits,
        unit: Unit::Plain,
        year: false,
        money: false,
        ordinal: false,
    })
}

fn ordinal(value: f64, digits: u32) -> Figure {
    match exact(value, digits) {
        Figure::Quantity(Quantity::Exact {
            value,
            digits,
            unit,
            year,
            money,
            ..
        }) => Figure::Quantity(Quantity::Exact {
            value,
            digits,
            unit,
            year,
            money,
            ordinal: true,
        }),
        f => f,
    }
}

fn significant(v: f64) -> u32 {
    numeral(&format!("{v}")).map_or(1, |(_, d)| d)
}

/// Ranges and hedges between neighbouring quantities.
fn pairs(toks: &[Tok], ms: &[Mention]) -> Vec<(usize, usize, Pair)> {
    let mut out = Vec::new();
    for i in 0..ms.len().saturating_sub(1) {
        let (a, b) = (&ms[i], &ms[i + 1]);
        let (Figure::Quantity(qa), Figure::Quantity(qb)) = (&a.figure, &b.figure) else {
            continue;
        };
        let between: Vec<String> = toks[a.toks.end..b.toks.start]
            .iter()
            .map(|t| {
                if t.is_word() {
                    lower(t)
                } else {
                    t.text.to_owned()
                }
            })
            .collect();
        let between: Vec<&str> = between.iter().map(String::as_str).collect();
        let before = a.toks.start.checked_sub(1).map(|k| lower(&toks[k]));
        let (va, vb) = (magnitude(qa), magnitude(qb));
        let same_kind = match (qa, qb) {
            (
                Quantity::Exact {
                    unit: ua,
                    money: ma,
                    ..
                },
                Quantity::Exact {
                    unit: ub,
                    money: mb,
                    ..
                },
            ) => ua == ub && ma == mb,
            (Quantity::Vague(_), Quantity::Vague(_)) => true,
            _ => false,
        };
        // A unit said once for both ends: "5 to 7 percent", "$90 to $110
        // million" is handled by the mention itself.
        let unit_shared = matches!(
            (qa, qb),
            (
                Quantity::Exact {
                    unit: Unit::Plain,
                    money: false,
                    ..
                },
                Quantity::Exact { .. }
            )
        );
        if !(same_kind || unit_shared) {
            continue;
        }
        let kind = match between.as_slice() {
            ["and"] if before.as_deref() == Some("between") => Some(Pair::Range),
            ["or"] => Some(Pair::Range),
            [",", "perhaps" | "possibly" | "maybe" | "probably" | "even"]
            | ["or", "perhaps" | "possibly" | "maybe" | "even"]
            | [",", "if", "not"] => Some(Pair::Hedge),
            // "from 7.9 to 6.8", "5-2", "104-98": a change or a score, both hold.
            ["to" | "-" | "\u{2013}"] if before.as_deref() != Some("from") && va < vb => {
                Some(Pair::Range)
            }
            _ => None,
        };
        if let Some(k) = kind {
            out.push((i, i + 1, k));
        }
    }
    out
}

fn magnitude(q: &Quantity) -> f64 {
    match q {
        Quantity::Exact { value, .. } => *value,
        Quantity::Vague(c) => *c,
    }
}

/// The article's figures, built once per article.
#[derive(Debug, Default)]
pub(super) struct NumberIndex {
    /// Quantities that stand on their own.
    standalone: Vec<Quantity>,
    /// Quantities paired as ranges or hedges, both ends.
    ranges: Vec<(Quantity, Quantity)>,
    weekdays: HashSet<u8>,
    months: HashSet<u8>,
    dates: HashSet<(u8, u8)>,
    literals: HashSet<String>,
}

impl NumberIndex {
    pub(super) fn add(&mut self, figures: &Figures) {
        for (i, m) in figures.mentions.iter().enumerate() {
            match &m.figure {
                Figure::Quantity(q) => {
                    if figures.standalone(i) {
                        self.standalone.push(q.clone());
                    }
                }
                Figure::Weekday(d) => {
                    self.weekdays.insert(*d);
                }
                Figure::Month(mo) => {
                    self.months.insert(*mo);
                }
                Figure::Date(mo, d) => {
                    self.months.insert(*mo);
                    self.dates.insert((*mo, *d));
                }
                Figure::Literal(s) => {
                    self.literals.insert(s.clone());
                }
            }
        }
        for &(a, b, _) in &figures.pairs {
            if let (Figure::Quantity(qa), Figure::Quantity(qb)) =
                (&figures.mentions[a].figure, &figures.mentions[b].figure)
            {
                self.ranges.push((qa.clone(), qb.clone()));
            }
        }
    }

    /// Byte spans of the mentions of `figures` (a summary sentence's) that
    /// the article does not support.
    pub(super) fn unsupported(&self, figures: &Figures) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut done = vec![false; figures.mentions.len()];
        for (i, m) in figures.mentions.iter().enumerate() {
            if done[i] {
                continue;
            }
            if let Some((a, b, kind)) = figures.pair_of(i) {
                done[a] = true;
                done[b] = true;
                let (ma, mb) = (&figures.mentions[a], &figures.mentions[b]);
                let (Figure::Quantity(qa), Figure::Quantity(qb)) = (&ma.figure, &mb.figure) else {
                    continue;
                };
                let as_range = self
                    .ranges
                    .iter()
                    .any(|(x, y)| same(x, qa) && same(y, qb) || same(x, qb) && same(y, qa));
                let ok = as_range
                    || match kind {
                        Pair::Range => self.quantity(qa, ma) && self.quantity(qb, mb),
                        Pair::Hedge => self.quantity(qa, ma) && self.quantity(qb, mb),
                    };
                if !ok {
                    out.push(ma.span.start..mb.span.end);
                }
                continue;
            }
            let ok = match &m.figure {
                Figure::Quantity(q) => self.quantity(q, m),
                Figure::Weekday(d) => self.weekdays.contains(d),
                Figure::Month(mo) => self.months.contains(mo),
                Figure::Date(mo, d) => self.dates.contains(&(*mo, *d)),
                Figure::Literal(s) => self.literals.contains(s),
            };
            if !ok {
                out.push(m.span.clone());
            }
        }
        out
    }

    /// Whether the article gives quantity `q` (of mention `m`) on its own.
    fn quantity(&self, q: &Quantity, m: &Mention) -> bool {
        if m.anaphoric {
            return true;
        }
        // "up to $110 million" for "$90 million to $110 million".
        if let Some(b) = m.bound {
            let end_of = |r: &(Quantity, Quantity)| -> Quantity {
                let (lo, hi) = if magnitude(&r.0) <= magnitude(&r.1) {
                    (&r.0, &r.1)
                } else {
                    (&r.1, &r.0)
                };
                match b {
                    Bound::Upper => hi.clone(),
                    Bound::Lower => lo.clone(),
                }
            };
            if self.ranges.iter().any(|r| same(&end_of(r), q)) {
                return true;
            }
        }
        match q {
            Quantity::Exact {
                value,
                digits,
                unit,
                ordinal,
                ..
            } => self.standalone.iter().any(|a| match a {
                Quantity::Exact {
                    value: av,
                    digits: ad,
                    unit: au,
                    ordinal: ao,
                    ..
                } => {
                    units_agree(*unit, *au)
                        && ordinal == ao
                        && (close(*value, *av)
                            || ((m.approx || *digits >= 2)
                                && *digits < *ad
                                && close(round_to(*av, *digits), *value)))
                }
                Quantity::Vague(_) => false,
            }),
            Quantity::Vague(c) => self.standalone.iter().any(|a| match a {
                Quantity::Vague(ac) => close(*ac, *c),
                Quantity::Exact {
                    value, year, unit, ..
                } => !year && *unit == Unit::Plain && in_class(*value, *c),
            }),
        }
    }
}

fn units_agree(a: Unit, b: Unit) -> bool {
    a == b || a == Unit::Points || b == Unit::Points
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn same(a: &Quantity, b: &Quantity) -> bool {
    match (a, b) {
        (Quantity::Exact { value: x, .. }, Quantity::Exact { value: y, .. }) => close(*x, *y),
        (Quantity::Vague(x), Quantity::Vague(y)) => close(*x, *y),
        _ => false,
    }
}

/// `v` rounded to `digits` significant digits.
fn round_to(v: f64, digits: u32) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    let p = 10f64.powi(digits as i32 - 1 - v.abs().log10().floor() as i32);
    (v * p).round() / p
}

/// A precise figure in the class of a vague one: "dozens" for 24–99,
/// "hundreds" for 200–999, "thousands" for 2,000–999,999, and so on.
fn in_class(v: f64, class: f64) -> bool {
    let (low, high) = if close(class, 12.0) {
        (24.0, 100.0)
    } else if close(class, 1e2) {
        (200.0, 1e3)
    } else {
        (2.0 * class, 1e3 * class)
    };
    (low..high).contains(&v)
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn index(article: &str) -> NumberIndex {
        let mut ix = NumberIndex::default();
        ix.add(&Figures::of(&tokenize(article, 0..article.len())));
        ix
    }

    fn bad<'a>(ix: &NumberIndex, s: &'a str) -> Vec<&'a str> {
        let f = Figures::of(&tokenize(s, 0..s.len()));
        ix.unsupported(&f).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn forms_of_one_value() {
        let ix = index("It governs 1.3 billion people. Two workers were hurt. Rates rose 27 percent on Wednesday.");
        assert!(bad(&ix, "It has 1,300,000,000 people.").is_empty());
        assert!(bad(&ix, "2 workers were hurt; rates rose 27%.").is_empty());
        assert_eq!(
            bad(&ix, "Three workers were hurt on Thursday."),
            ["Three", "Thursday"]
        );
        assert_eq!(
            bad(&ix, "Rates rose 27 points, then 72 percent."),
            ["72 percent"]
        );
    }

    #[test]
    fn ranges_and_vague_quantities() {
        let ix = index("Hundreds, perhaps thousands, died. Between 300 and 400 homes. It won 104-98. Charges of $90 million to $110 million.");
        assert!(bad(&ix, "Hundreds died.").is_empty());
        assert_eq!(bad(&ix, "Thousands died."), ["Thousands"]);
        assert!(bad(&ix, "Hundreds, perhaps thousands, died.").is_empty());
        assert_eq!(bad(&ix, "It damaged 400 homes."), ["400"]);
        assert!(bad(&ix, "It damaged 300 to 400 homes.").is_empty());
        assert!(bad(&ix, "The score was 104-98, and 98 is low.").is_empty());
        assert_eq!(bad(&ix, "Charges of $110 million."), ["$110 million"]);
        assert!(bad(&ix, "Charges of up to $110 million, at least $90 million.").is_empty());
        assert_eq!(
            bad(&ix, "Charges of at least $110 million."),
            ["$110 million"]
        );
        assert!(bad(&ix, "Charges of $90 million to $110 million.").is_empty());
    }

    #[test]
    fn dates_and_rounding() {
        let ix =
            index("The vote is Nov. 5, 2024. It cost 1,342,000 dollars. It grew 47.6 percent.");
        assert!(bad(&ix, "The vote is on November 5.").is_empty());
        assert_eq!(bad(&ix, "The vote is Nov. 8."), ["Nov. 8"]);
        assert!(bad(
            &ix,
            "It cost about 1.3 million dollars and grew 48 percent."
        )
        .is_empty());
        assert_eq!(bad(&ix, "It cost 2 million dollars."), ["2 million"]);
        assert!(bad(&ix, "It was held in 2024, and the two sides met.").is_empty());
    }
}
