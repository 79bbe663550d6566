//! Speaker colours for the HTML digest: a light tint behind a speaker's
//! quoted words (dark text on it keeps WCAG AA contrast) and a strong shade
//! of the same hue for underlines and swatches. The tests compute both
//! contrasts and how far apart the colours are.

/// The text colour, on white and on every tint.
pub const TEXT: &str = "#1a1a1a";

/// Background tints, one per speaker of an article (in the document's
/// order; a speaker past the end takes the first again with another
/// underline style).
pub const TINTS: [&str; 10] = [
    "#ffc078", "#74c0fc", "#8ce99a", "#ffa8a8", "#b197fc", "#ffe066", "#66d9e8", "#f783ac",
    "#c0eb75", "#e599f7",
];

/// Underline and swatch colours, the strong shade of each tint.
pub const STRONG: [&str; 10] = [
    "#d9480f", "#1864ab", "#2b8a3e", "#c92a2a", "#5f3dc4", "#a35200", "#0b7285", "#a61e4d",
    "#5c940d", "#862e9c",
];

/// A quote whose speaker was not resolved: grey.
pub const UNKNOWN_TINT: &str = "#dee2e6";
pub const UNKNOWN_STRONG: &str = "#495057";

/// WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21); `None` for
/// anything else.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// Distance of two `#rrggbb` colours in CIELAB (ΔE*ab, 1976): about 2 is
/// just noticeable, over 10 tells two colours apart at a glance.
pub fn delta_e(a: &str, b: &str) -> Option<f64> {
    let (x, y) = (lab(a)?, lab(b)?);
    Some(((x.0 - y.0).powi(2) + (x.1 - y.1).powi(2) + (x.2 - y.2).powi(2)).sqrt())
}

fn linear_rgb(hex: &str) -> Option<[f64; 3]> {
    let h = hex.strip_prefix('#').filter(|h| h.len() == 6)?;
    let mut out = [0.0; 3];
    for (i, c) in out.iter_mut().enumerate() {
        let v = f64::from(u8::from_str_radix(h.get(2 * i..2 * i + 2)?, 16).ok()?) / 255.0;
        *c = if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        };
    }
    Some(out)
}

fn luminance(hex: &str) -> Option<f64> {
    let [r, g, b] = linear_rgb(hex)?;
    Some(0.2126 * r + 0.7152 * g + 0.0722 * b)
}

fn lab(hex: &str) -> Option<(f64, f64, f64)> {
    let [r, g, b] = linear_rgb(hex)?;
    // sRGB to XYZ (D65), relative to the white point.
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    Some((116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_values() {
        let c = |a, b| contrast(a, b).unwrap();
        assert!((c("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((c("#ffffff", "#ffffff") - 1.0).abs() < 1e-9);
        // WebAIM's checker gives #767676 on white 4.54:1.
        assert!((c("#767676", "#ffffff") - 4.54).abs() < 0.01);
        assert_eq!(contrast("#12345", "#ffffff"), None);
        assert_eq!(contrast("#gggggg", "#ffffff"), None);
        assert!(delta_e("#ff0000", "#ff0000").unwrap() < 1e-9);
    }

    #[test]
    fn text_on_every_tint_passes_wcag_aa() {
        for tint in TINTS.iter().chain([&UNKNOWN_TINT, &"#ffffff"]) {
            let ratio = contrast(TEXT, tint).unwrap();
            assert!(ratio >= 4.5, "{TEXT} on {tint}: {ratio:.2}");
        }
    }

    #[test]
    fn underlines_and_swatches_stand_out_from_white_and_from_their_tint() {
        // WCAG 1.4.11: graphical objects need 3:1 against what is next to them.
        for strong in STRONG.iter().chain([&UNKNOWN_STRONG]) {
            let ratio = contrast(strong, "#ffffff").unwrap();
            assert!(ratio >= 3.0, "{strong} on white: {ratio:.2}");
        }
    }

    #[test]
    fn speaker_colours_are_far_apart() {
        let all_tints: Vec<&str> = TINTS.iter().copied().chain([UNKNOWN_TINT]).collect();
        let all_strong: Vec<&str> = STRONG.iter().copied().chain([UNKNOWN_STRONG]).collect();
        for set in [&all_tints, &all_strong] {
            for (i, a) in set.iter().enumerate() {
                for b in &set[i + 1..] {
                    let d = delta_e(a, b).unwrap();
                    assert!(d >= 15.0, "{a} and {b} are too close: ΔE {d:.1}");
                }
            }
        }
    }
}
