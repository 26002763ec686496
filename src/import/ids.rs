//! Ids made from titles and names: an ASCII slug where the text has enough
//! ASCII in it, else a short stable id from a hash of the text (`o-1a2b`), so
//! that a title in Chinese gets the same id on every import.

use std::collections::HashSet;

/// The longest slug made from a title.
const MAX_SLUG: usize = 40;

/// `Ship every week without fear / 每周稳定发布` → `ship-every-week-without-fear`;
/// `提高留存` → `{prefix}-` and four hex digits of the title's hash.
pub fn from_title(title: &str, prefix: &str) -> String {
    let slug = slug(title);
    if slug.chars().filter(char::is_ascii_alphabetic).count() >= 2 && slug.len() >= 3 {
        slug
    } else {
        format!("{prefix}-{:04x}", fnv1a(title.trim()) & 0xffff)
    }
}

/// A person's id from an email (`chen.jing@example.com` → `chen.jing`) or a
/// name (`Li Wei` → `li.wei`; `陈静` → `p-` and a hash).
pub fn person(name: Option<&str>, email: Option<&str>) -> String {
    if let Some(local) = email.and_then(|e| e.split('@').next()) {
        let id: String = local
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            .collect::<String>()
            .to_ascii_lowercase();
        let id = id.trim_matches(['.', '-', '_']).to_owned();
        if id.len() >= 2 {
            return id;
        }
    }
    let name = name.or(email).unwrap_or("someone");
    let slug = slug(name).replace('-', ".");
    if slug.chars().filter(char::is_ascii_alphabetic).count() >= 2 {
        slug
    } else {
        format!("p-{:04x}", fnv1a(name.trim()) & 0xffff)
    }
}

/// Lowercase ASCII words of the text joined by `-`, at most 40 characters
/// (cut at a word), accents dropped where the letter is plain ASCII below.
pub fn slug(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut out = String::new();
    for w in words {
        let extra = if out.is_empty() { w.len() } else { w.len() + 1 };
        if out.len() + extra > MAX_SLUG {
            if out.is_empty() {
                out = w[..MAX_SLUG].to_owned();
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out
}

/// A Latin letter with an accent as the plain letter.
fn fold(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => 's',
        c => c,
    }
}

/// FNV-1a, 32 bits: small, stable across platforms and releases.
pub fn fnv1a(text: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// `id`, or `id-2`, `id-3`... the first that `taken` does not hold; the id
/// returned is added to `taken`.
pub fn unique(id: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = id.to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles() {
        assert_eq!(
            from_title("Ship every week without fear / 每周稳定发布", "o"),
            "ship-every-week-without-fear"
        );
        assert_eq!(from_title("NPS 到 40", "kr"), "nps-40");
        assert_eq!(from_title("Café crème", "o"), "cafe-creme");
        let cjk = from_title("提高新用户留存", "o");
        assert!(cjk.starts_with("o-") && cjk.len() == 6, "{cjk}");
        assert_eq!(cjk, from_title(" 提高新用户留存 ", "o"), "stable");
        assert_ne!(cjk, from_title("提高老用户留存", "o"));
        assert!(
            from_title("Q4 营收", "o").starts_with("o-"),
            "too little ASCII"
        );
        let long = from_title(&"word ".repeat(20), "o");
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn people() {
        assert_eq!(
            person(Some("陈静"), Some("Chen.Jing@example.com")),
            "chen.jing"
        );
        assert_eq!(person(Some("Li Wei"), None), "li.wei");
        assert!(person(Some("陈静"), None).starts_with("p-"));
    }

    #[test]
    fn unique_ids() {
        let mut taken: HashSet<String> = ["a".to_owned(), "a-2".to_owned()].into();
        assert_eq!(unique("a", &mut taken), "a-3");
        assert_eq!(unique("b", &mut taken), "b");
        assert_eq!(unique("b", &mut taken), "b-2");
    }
}
