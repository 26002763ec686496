//! Fitting a table to a narrow terminal without splitting words: titles are
//! shortened with `…`, values wrap at spaces, and the columns a reader can do
//! without go first. Widths are display widths (a CJK character takes two
//! columns), as the terminal draws them.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The display width of the widest line of `text`.
pub fn width(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// `text` cut to `max` columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The words of a line: split at spaces, except inside parentheses, so that
/// `(due 2026-11-30)` and `(≥ 99.9)` stay together.
fn words(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ' ' if depth == 0 => {
                out.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&line[start..]);
    out.retain(|w| !w.is_empty());
    out
}

/// `text` wrapped at spaces into lines of at most `max` columns, keeping a
/// parenthesised group together when it fits; a word wider than `max`
/// stands alone on its line, whole.
pub fn wrap(text: &str, max: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        // A group too wide splits at its spaces, a word too wide after its
        // slashes (`releases/` `month`); ids and dates have neither.
        let pieces = words(paragraph)
            .into_iter()
            .flat_map(|w| {
                if w.width() > max {
                    w.split(' ').filter(|p| !p.is_empty()).collect()
                } else {
                    vec![w]
                }
            })
            .flat_map(|w| {
                if w.width() > max {
                    w.split_inclusive('/').collect()
                } else {
                    vec![w]
                }
            });
        for word in pieces {
            if !line.is_empty() && line.width() + 1 + word.width() > max {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The widest parenthesised group (or word) of `text`: the narrowest it
/// wraps to with its groups whole.
pub fn widest_group(text: &str) -> usize {
    text.lines()
        .flat_map(words)
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// The widest word of `text`: the narrowest it wraps to at spaces.
pub fn widest_word(text: &str) -> usize {
    text.split([' ', '\n'])
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// The widest piece of `text` split at spaces and after slashes: the
/// narrowest it wraps to at all.
pub fn widest_piece(text: &str) -> usize {
    text.split([' ', '\n'])
        .flat_map(|w| w.split_inclusive('/'))
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// What a column may give up when the table is too wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Give {
    /// Nothing: its lines stay whole.
    Nothing,
    /// Its lines wrap at spaces to this width.
    Wrap(usize),
    /// It is left out.
    Drop,
}

/// Column widths for a table of `natural` widths (the widest line of each
/// column, headers included) in `total` columns of terminal. Column 0 is the
/// title column: it takes what is left, down to `title_min`. The others give
/// what `steps` says, one step after another, until the title fits. `None`
/// for a column left out.
pub fn widths(
    natural: &[usize],
    title_min: usize,
    total: Option<usize>,
    steps: &[(usize, Give)],
) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = natural.iter().map(|w| Some(*w)).collect();
    let Some(total) = total else {
        return out;
    };
    // `│ a ┆ b │`: a border and a space on each side of every column.
    let room = |out: &[Option<usize>]| -> isize {
        let kept = out.iter().flatten().count() as isize;
        let others: usize = out.iter().skip(1).flatten().sum();
        total as isize - (3 * kept + 1) - others as isize
    };
    let title_min = title_min.min(natural[0]);
    for &(column, give) in std::iter::once(&(0, Give::Nothing)).chain(steps) {
        match give {
            Give::Nothing => {}
            Give::Wrap(w) => {
                if let Some(now) = out[column] {
                    out[column] = Some(w.min(now));
                }
            }
            Give::Drop => out[column] = None,
        }
        if room(&out) >= title_min as isize {
            break;
        }
    }
    out[0] = Some(room(&out).clamp(title_min as isize, natural[0] as isize) as usize);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_cjk_as_two_columns() {
        assert_eq!(truncate("使巴别鸟产品的访客", 9), "使巴别鸟…");
        assert_eq!(truncate("使巴别鸟产品的访客", 10), "使巴别鸟…");
        assert_eq!(truncate("Visitor to retained", 11), "Visitor to…");
        assert_eq!(truncate("short", 5), "short");
        assert!(truncate("使巴别鸟产品的访客", 10).width() <= 10);
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("open (due 2026-11-30)", 16), "open\n(due 2026-11-30)");
        assert_eq!(wrap("open (due 2026-11-30)", 11), "open (due\n2026-11-30)");
        assert_eq!(wrap("99.96 % (≥ 99.9)", 10), "99.96 %\n(≥ 99.9)");
        assert_eq!(wrap("a-very-long-id x", 4), "a-very-long-id\nx");
        assert_eq!(wrap("3 / 4 releases/month", 9), "3 / 4\nreleases/\nmonth");
        assert_eq!(widest_piece("3 / 4 releases/month"), 9);
        assert_eq!(widest_group("open (due 2026-11-30)"), 16);
        assert_eq!(widest_word("open (due 2026-11-30)"), 11);
        assert_eq!(widest_group("q4-retention (draft)"), 12);
    }

    #[test]
    fn columns_give_way_in_order_until_the_title_fits() {
        // Title 40, then columns of 10, 20 (wraps to 8) and 5.
        let natural = [40, 10, 20, 5];
        let steps = [(2, Give::Wrap(8)), (1, Give::Drop)];
        // Enough room: natural widths.
        assert_eq!(
            widths(&natural, 12, Some(200), &steps),
            [Some(40), Some(10), Some(20), Some(5)]
        );
        // 13 columns of borders: 60 leaves 12 for the title.
        assert_eq!(
            widths(&natural, 12, Some(60), &steps),
            [Some(12), Some(10), Some(20), Some(5)]
        );
        // Wrapping the third column is enough.
        assert_eq!(
            widths(&natural, 12, Some(50), &steps),
            [Some(14), Some(10), Some(8), Some(5)]
        );
        // Then the second goes.
        assert_eq!(
            widths(&natural, 12, Some(35), &steps),
            [Some(12), None, Some(8), Some(5)]
        );
        // Too narrow for anything: the title keeps its minimum.
        assert_eq!(
            widths(&natural, 12, Some(10), &steps),
            [Some(12), None, Some(8), Some(5)]
        );
        assert_eq!(widths(&natural, 12, None, &steps)[0], Some(40));
    }
}
