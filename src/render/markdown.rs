//! The digest in Markdown or plain text: per article its title, summary and
//! key quotes, then "Who said what".

use std::fmt::Write;

use super::speech::capitalized;
use super::{one_line, overview, who_said_what, Entry, EntryQuote, SummaryFlag};

/// A digest of `entries` in Markdown (`md`) or plain text. `notes` are
/// printed under the header (e.g. records left out).
pub(super) fn digest(entries: &[Entry], md: bool, notes: &[String]) -> String {
    // Everything below that comes from the input goes through one of these:
    // on one line, without control characters, and in Markdown escaped for
    // where it stands.
    let esc = |s: &str| {
        let s = one_line(s);
        if md {
            md_inline(&s)
        } else {
            s
        }
    };
    let esc_start = |s: &str| {
        let s = one_line(s);
        if md {
            md_line_start(&s)
        } else {
            s
        }
    };
    let esc_heading = |s: &str| {
        let s = one_line(s);
        if md {
            md_heading(&s)
        } else {
            s
        }
    };
    let mut out = String::new();
    let groups = who_said_what(entries);
    let overview = overview(entries, groups.len());
    if md {
        let _ = writeln!(out, "# News digest\n\n{overview}\n");
    } else {
        let _ = writeln!(out, "News digest\n===========\n\n{overview}\n");
    }
    for note in notes {
        let _ = writeln!(
            out,
            "{}\n",
            if md {
                format!("*{}*", esc(note))
            } else {
                esc(note)
            }
        );
    }
    for entry in entries {
        let t = esc_heading(&entry.title);
        if md {
            let _ = writeln!(out, "## {t}\n");
        } else {
            let _ = writeln!(out, "{t}\n{}\n", "-".repeat(t.chars().count()));
        }
        let mut meta = Vec::new();
        if let Some(p) = &entry.published {
            meta.push(format!("Published: {}", esc(p)));
        }
        if let Some(u) = &entry.url {
            let u = one_line(u);
            let link = md.then(|| md_autolink(&u)).flatten();
            meta.push(format!("Source: {}", link.unwrap_or_else(|| esc(&u))));
        }
        if !meta.is_empty() {
            let _ = writeln!(out, "{}\n", meta.join(if md { " · " } else { " | " }));
        }
        if let Some((label, text)) = &entry.summary {
            let text = flagged(text, &entry.summary_flags, md, &esc);
            if md {
                let _ = writeln!(out, "**Summary** ({}): {}\n", esc(label), text);
            } else {
                let _ = writeln!(out, "Summary ({}): {}\n", esc(label), text);
            }
        }
        let key: Vec<&EntryQuote> = entry.quotes.iter().filter(|q| q.key).collect();
        if !key.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                if md {
                    "**Key quotes**\n"
                } else {
                    "Key quotes:"
                }
            );
            for q in key {
                let _ = writeln!(out, "- {}", esc_start(&q.said()));
            }
            out.push('\n');
        }
    }
    if !groups.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if md {
                "## Who said what\n"
            } else {
                "Who said what\n=============\n"
            }
        );
        for g in groups {
            let mut who = capitalized(g.name);
            if !g.descriptions.is_empty() {
                who = format!("{who}, {}", g.descriptions.join("; "));
            }
            let _ = writeln!(
                out,
                "{}",
                if md {
                    format!("### {}\n", esc_heading(&who))
                } else {
                    esc(&who)
                }
            );
            for (i, q) in g.quotes {
                let title = esc(&entries[i].title);
                let said = esc(&q.said_under_name());
                let _ = if md {
                    writeln!(out, "- {said} (*{title}*)")
                } else {
                    writeln!(out, "  - {said} ({title})")
                };
            }
            out.push('\n');
        }
    }
    out
}

/// Summary text (escaped by `esc`) with a visible marker and the reason
/// after each flagged sentence.
fn flagged(text: &str, flags: &[SummaryFlag], md: bool, esc: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut at = 0;
    for f in flags
        .iter()
        .filter(|f| f.end <= text.len() && text.is_char_boundary(f.end))
    {
        out.push_str(&esc(&text[at..f.end]));
        if md {
            let _ = write!(
                out,
                " \u{26a0}\u{fe0f} **unsupported:** *{}*",
                esc(&f.reason)
            );
        } else {
            let _ = write!(out, " [UNSUPPORTED: {}]", f.reason);
        }
        at = f.end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// Markdown-escape text on one line so that its inline markup shows as
/// written: emphasis, code, links and images, HTML and autolinks,
/// strikethrough, and a character reference (`&amp;`). Ordinary punctuation
/// (apostrophes, periods, quotes, hyphens, parentheses, a lone `&`) stays as
/// it is, so that the Markdown source reads well too.
fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let markup = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' => true,
            '&' => is_character_reference(&s[i + 1..]),
            _ => false,
        };
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest` (after a `&`) makes a character reference: `name;`,
/// `#123;` or `#x1F;`.
fn is_character_reference(rest: &str) -> bool {
    let Some((body, _)) = rest.split_once(';') else {
        return false;
    };
    match body.strip_prefix('#') {
        Some(n) => match n.strip_prefix(['x', 'X']) {
            Some(hex) => (1..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => (1..=7).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()),
        },
        None => {
            body.starts_with(|c: char| c.is_ascii_alphabetic())
                && body.len() <= 32
                && body.chars().all(|c| c.is_ascii_alphanumeric())
        }
    }
}

/// [`md_inline`] for text that opens a block's content (a list item's
/// first words): a marker that would start a block there (`#` heading,
/// `-`/`+` list, `1.` ordered list, `>` quote) is escaped as well.
fn md_line_start(s: &str) -> String {
    let out = md_inline(s);
    let hashes = out.len() - out.trim_start_matches('#').len();
    let after_hashes = out[hashes..].chars().next();
    if (1..=6).contains(&hashes) && matches!(after_hashes, None | Some(' ')) {
        return format!("\\{out}");
    }
    if out.starts_with(['-', '+']) {
        return format!("\\{out}");
    }
    let digits = out.len() - out.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &out[digits..];
    if (1..=9).contains(&digits)
        && rest.starts_with(['.', ')'])
        && matches!(rest[1..].chars().next(), None | Some(' '))
    {
        return format!("{}\\{rest}", &out[..digits]);
    }
    out
}

/// [`md_inline`] for a heading's text: a closing run of `#` (which the
/// heading would drop) is kept.
fn md_heading(s: &str) -> String {
    let out = md_inline(s);
    let body = out.trim_end_matches('#');
    if body.len() < out.len() && (body.is_empty() || body.ends_with(' ')) {
        return format!("{body}\\{}", &out[body.len()..]);
    }
    out
}

/// An `http(s)` URL as a Markdown autolink; `None` for any other scheme
/// (`javascript:`, `data:` …) or a URL an autolink cannot hold as is.
fn md_autolink(url: &str) -> Option<String> {
    let scheme = url.split_once("://")?.0;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let holds =
        !url.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    (web && holds).then(|| format!("<{url}>"))
}
