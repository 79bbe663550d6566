//! The digest as one self-contained HTML page: inline CSS, no script, no
//! request to anywhere. Per article the headline, summary, key quotes, a
//! legend of speakers and the article text with every quote highlighted in
//! its speaker's colour; then "Who said what" across the digest. The markup
//! contract that tools and tests rely on is docs/html.md.

use std::fmt::Write;

use super::article::{Article, Mark, MarkRole};
use super::palette::{STRONG, TEXT, TINTS, UNKNOWN_STRONG, UNKNOWN_TINT};
use super::speech::capitalized;
use super::{one_line, overview, who_said_what, Entry, SummaryFlag};
use crate::document::{QuoteKind, SpeakerKind};

/// Text for HTML content or a quoted attribute value: markup characters as
/// references, control characters (but newlines) dropped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push('\n'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// [`esc`] of the text on one line.
fn esc1(s: &str) -> String {
    esc(&one_line(s))
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

fn speaker_kind_name(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Organization => "organization",
        SpeakerKind::Group => "group",
        SpeakerKind::Anonymous => "anonymous",
        SpeakerKind::Other => "other",
    }
}

/// The colour classes of a speaker of `article`: its tint (`c0`…) and, past
/// the palette, another underline style (`v1`, `v2`); grey (`cx`) for a
/// quote without a known speaker.
fn colour(article: &Article, speaker: Option<&str>) -> String {
    let Some((i, _)) = speaker.and_then(|id| article.speaker(id)) else {
        return "cx".to_owned();
    };
    format!("c{} v{}", i % TINTS.len(), (i / TINTS.len()) % 3)
}

const STYLE: &str = "\
:root{color-scheme:light}
body{margin:0;background:#fff;color:TEXT;font:17px/1.6 Georgia,'Times New Roman',serif}
main{max-width:48rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1,h2,h3,.legend,.meta,.overview,.how,.key,.who ul{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}
h1{font-size:1.9rem;margin:0 0 .3rem}
h2{font-size:1.45rem;line-height:1.25;margin:.6rem 0 .4rem}
h3{font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;color:#444;margin:1.2rem 0 .4rem}
.overview,.meta,.how,.note,.label,.kind,.count,.desc,cite{color:#4a4a4a}
.how{font-size:.85rem}
article.entry{border-top:3px solid TEXT;margin-top:2.2rem;padding-top:.4rem}
.summary p{margin:.2rem 0}
.unsupported{background:#fff3bf;color:TEXT}
.reason{color:#9c1c1c;font-style:italic}
ul.key,ul.legend{list-style:none;padding:0;margin:0}
ul.key li{border-left:4px solid var(--strong);padding:.1rem 0 .1rem .6rem;margin:.4rem 0;font-size:.95rem}
ul.legend li{margin:.2rem 0;font-size:.92rem}
.swatch{display:inline-block;width:.85em;height:.85em;margin-right:.45em;vertical-align:-.05em;background:var(--tint);border:2px solid var(--strong);border-radius:2px}
.article-text{white-space:pre-line}
.quote,.quote-cont{background:var(--tint);color:TEXT;border-bottom:2px solid var(--strong);border-radius:2px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.source{border-bottom:2px solid var(--strong)}
.cue{border-bottom:2px dotted var(--strong)}
.v1.quote,.v1.quote-cont,.v1.source{border-bottom-style:dashed}
.v2.quote,.v2.quote-cont,.v2.source{border-bottom-style:double;border-bottom-width:3px}
.who section{margin:.8rem 0}
.who h3{text-transform:none;letter-spacing:0;font-size:1.05rem;color:TEXT;margin:.9rem 0 .2rem}
.who ul{margin:.2rem 0;padding-left:1.2rem;font-size:.95rem}
.cx{--tint:UNKNOWN_TINT;--strong:UNKNOWN_STRONG}
";

/// The whole page for `entries`; `notes` go under the header.
pub(super) fn digest(entries: &[Entry], notes: &[String]) -> String {
    let mut out = String::new();
    let mut style = STYLE
        .replace("UNKNOWN_TINT", UNKNOWN_TINT)
        .replace("UNKNOWN_STRONG", UNKNOWN_STRONG)
        .replace("TEXT", TEXT);
    for (i, (tint, strong)) in TINTS.iter().zip(STRONG).enumerate() {
        let _ = writeln!(style, ".c{i}{{--tint:{tint};--strong:{strong}}}");
    }
    let groups = who_said_what(entries);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>News digest</title>\n<style>\n{style}</style>\n</head>\n<body>\n<main>\n\
         <header>\n<h1>News digest</h1>\n<p class=\"overview\">{}</p>\n\
         <p class=\"how\">In each article, the words said or reported are highlighted in \
         the speaker\u{2019}s colour; a solid underline marks who is named as saying them, \
         a dotted one the verb of saying.</p>\n",
        overview(entries, groups.len()),
    );
    for note in notes {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc1(note));
    }
    out.push_str("</header>\n");
    for (i, entry) in entries.iter().enumerate() {
        write_entry(&mut out, entry, i);
    }
    if !groups.is_empty() {
        out.push_str("<section class=\"who\">\n<h2>Who said what</h2>\n");
        for g in &groups {
            match g.article {
                // An anonymous or group speaker: of one article only.
                Some(i) => {
                    let _ = writeln!(out, "<section data-article=\"{i}\">");
                }
                None => out.push_str("<section>\n"),
            }
            let _ = writeln!(out, "<h3>{}</h3>", esc1(&capitalized(g.name)));
            if !g.descriptions.is_empty() {
                let _ = writeln!(
                    out,
                    "<p class=\"desc\">{}</p>",
                    esc1(&g.descriptions.join("; "))
                );
            }
            out.push_str("<ul>\n");
            for &(i, q) in &g.quotes {
                let _ = writeln!(
                    out,
                    "<li class=\"said\" data-kind=\"{}\">{} <cite><a href=\"#article-{}\">{}</a></cite></li>",
                    kind_name(q.kind),
                    esc1(&q.said_under_name()),
                    i + 1,
                    esc1(&entries[i].title)
                );
            }
            out.push_str("</ul>\n</section>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn write_entry(out: &mut String, entry: &Entry, index: usize) {
    let a = &entry.article;
    let _ = writeln!(
        out,
        "<article class=\"entry\" id=\"article-{}\" data-article=\"{index}\">\n<h2>{}</h2>",
        index + 1,
        esc1(&entry.title)
    );
    let mut meta = Vec::new();
    if let Some(p) = &entry.published {
        meta.push(format!("Published: {}", esc1(p)));
    }
    if let Some(u) = &entry.url {
        let u = one_line(u);
        let scheme = u.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        let web = matches!(scheme.as_deref(), Some("http" | "https"));
        meta.push(if web {
            format!(
                "Source: <a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>",
                esc(&u)
            )
        } else {
            format!("Source: {}", esc(&u))
        });
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" \u{b7} "));
    }
    if let Some((label, text)) = &entry.summary {
        let _ = writeln!(
            out,
            "<section class=\"summary\">\n<h3>Summary <span class=\"label\">({})</span></h3>\n<p>{}</p>\n</section>",
            esc1(label),
            flagged(text, &entry.summary_flags)
        );
    }
    let key: Vec<_> = entry.quotes.iter().filter(|q| q.key).collect();
    if !key.is_empty() {
        out.push_str("<section>\n<h3>Key quotes</h3>\n<ul class=\"key\">\n");
        for q in key {
            let _ = writeln!(
                out,
                "<li class=\"{}\" data-kind=\"{}\">{}</li>",
                colour(a, q.speaker.as_deref()),
                kind_name(q.kind),
                esc1(&q.said())
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !a.speakers.is_empty() {
        out.push_str("<section>\n<h3>Speakers</h3>\n<ul class=\"legend\">\n");
        for s in &a.speakers {
            let mut line = format!(
                "<li class=\"speaker {}\" data-speaker=\"{}\"><span class=\"swatch\"></span><strong>{}</strong> <span class=\"kind\">{}</span>",
                colour(a, Some(&s.id)),
                esc(&s.id),
                esc1(&capitalized(&s.name)),
                speaker_kind_name(s.kind)
            );
            if !s.descriptions.is_empty() {
                let _ = write!(line, " \u{2014} {}", esc1(&s.descriptions.join("; ")));
            }
            let _ = write!(
                line,
                " <span class=\"count\">({} quote{})</span></li>",
                s.quotes,
                if s.quotes == 1 { "" } else { "s" }
            );
            let _ = writeln!(out, "{line}");
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("<section>\n<h3>Article</h3>\n<div class=\"article-text\">");
    write_article_text(out, a);
    out.push_str("</div>\n");
    if a.unplaced > 0 {
        let _ = writeln!(
            out,
            "<p class=\"note\">{} quote{} not highlighted: {} spans do not match the article text.</p>",
            a.unplaced,
            if a.unplaced == 1 { "" } else { "s" },
            if a.unplaced == 1 { "its" } else { "their" }
        );
    }
    out.push_str("</section>\n</article>\n");
}

/// Summary text with each unsupported sentence marked and its reason after it.
fn flagged(text: &str, flags: &[SummaryFlag]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for f in flags {
        if f.end < at || f.end > text.len() || !text.is_char_boundary(f.end) {
            continue;
        }
        // The sentence starts after the previous flag or the last sentence
        // end before it; the whole stretch since `at` is marked.
        let _ = write!(
            out,
            "<mark class=\"unsupported\">{}</mark> <span class=\"reason\">unsupported: {}</span>",
            esc1(&text[at..f.end]),
            esc1(&f.reason)
        );
        at = f.end;
    }
    out.push_str(&esc1(&text[at..]));
    out
}

/// The opening tag of a mark; `cont` for the rest of a content span that had
/// to be closed early to keep the elements nested.
fn open_tag(a: &Article, m: &Mark, cont: bool) -> String {
    let speaker = m.speaker.as_deref().unwrap_or("");
    let class = match (m.role, cont) {
        (MarkRole::Content, false) => "quote",
        (MarkRole::Content, true) => "quote-cont",
        (MarkRole::Source, _) => "source",
        (MarkRole::Cue, _) => "cue",
    };
    let name = m
        .speaker
        .as_deref()
        .and_then(|id| a.speaker(id))
        .map(|(_, s)| capitalized(&s.name));
    let title = match (m.role, name) {
        (MarkRole::Content, Some(n)) => format!(" title=\"{}, {}\"", esc1(&n), kind_name(m.kind)),
        _ => String::new(),
    };
    format!(
        "<span class=\"{class} {}\" data-kind=\"{}\" data-speaker=\"{}\" data-quote=\"{}\"{title}>",
        colour(a, m.speaker.as_deref()),
        kind_name(m.kind),
        esc(speaker),
        m.quote
    )
}

/// Article text between marks: whitespace as the page shows it (a blank
/// line where the text had one, one space otherwise), escaped.
fn push_text(out: &mut String, s: &str) {
    let mut rest = s;
    while !rest.is_empty() {
        let ws = rest.len() - rest.trim_start().len();
        if ws > 0 {
            let breaks = rest[..ws].matches('\n').count();
            out.push_str(if breaks >= 2 { "\n\n" } else { " " });
            rest = &rest[ws..];
            continue;
        }
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push_str(&esc(&rest[..word]));
        rest = &rest[word..];
    }
}

fn write_article_text(out: &mut String, a: &Article) {
    let mut marks = a.marks.iter().peekable();
    let mut previous_end: Option<usize> = None;
    for run in &a.runs {
        let (start, end) = (run.start, run.end());
        if let Some(e) = previous_end {
            out.push_str(if start - e >= 2 { "\n\n" } else { " " });
        }
        previous_end = Some(end);
        // Boundaries inside the run: every start and end of its marks.
        let inside: Vec<&Mark> =
            std::iter::from_fn(|| marks.next_if(|m| m.range.start <= end && m.range.end <= end))
                .collect();
        let mut points: Vec<usize> = inside
            .iter()
            .flat_map(|m| [m.range.start, m.range.end])
            .chain([start, end])
            .collect();
        points.sort_unstable();
        points.dedup();
        let mut stack: Vec<&Mark> = Vec::new();
        let mut next = 0;
        for (k, &p) in points.iter().enumerate() {
            // Close down to the deepest mark that ends here, reopening the
            // ones above it that go on (crossing spans stay nested).
            if let Some(d) = stack.iter().position(|m| m.range.end <= p) {
                let closed: Vec<&Mark> = stack.drain(d..).collect();
                for _ in &closed {
                    out.push_str("</span>");
                }
                for m in closed.into_iter().filter(|m| m.range.end > p) {
                    out.push_str(&open_tag(a, m, true));
                    stack.push(m);
                }
            }
            while next < inside.len() && inside[next].range.start == p {
                let m = inside[next];
                next += 1;
                out.push_str(&open_tag(a, m, false));
                if m.range.is_empty() {
                    out.push_str("</span>");
                } else {
                    stack.push(m);
                }
            }
            if let Some(&q) = points.get(k + 1) {
                push_text(out, &run.text[p - start..q - start]);
            }
        }
        for _ in stack.drain(..) {
            out.push_str("</span>");
        }
    }
}
