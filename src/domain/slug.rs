//! Addresses made from names and titles: one rule, whatever way a title came in (a form,
//! the plan spreadsheet, OGP's export, the demo).

/// The longest slug: long titles keep their first words.
pub const MAX_SLUG: usize = 80;

/// Lower-case ASCII words joined by hyphens, at most [`MAX_SLUG`] characters:
/// `Defensoría del Pueblo` → `defensoria-del-pueblo`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.truncate(MAX_SLUG);
    slug.trim_end_matches('-').to_owned()
}

/// Whether `text` could be a slug of a filter or an address: 1 to 100 lower-case ASCII
/// letters, digits and hyphens (older slugs may be longer than [`MAX_SLUG`]).
pub fn is_slug(text: &str) -> bool {
    (1..=100).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lower_case_ascii_words_and_hyphens_are_slugs() {
        assert!(is_slug("ecuador-2019-2022"));
        assert!(is_slug("kg"));
        assert!(!is_slug(""));
        assert!(!is_slug("Ecuador"));
        assert!(!is_slug("plan 1"));
        assert!(!is_slug("año"));
        assert!(!is_slug(&"a".repeat(101)));
    }

    #[test]
    fn slugs_drop_accents_and_punctuation() {
        assert_eq!(
            slugify("1.2 Participación ¡ciudadana!"),
            "1-2-participacion-ciudadana"
        );
        assert_eq!(
            slugify("Defensoría del Pueblo de Ecuador"),
            "defensoria-del-pueblo-de-ecuador"
        );
        assert_eq!(slugify("  AÑO (2019)  "), "ano-2019");
    }

    #[test]
    fn a_long_title_gets_one_slug_of_at_most_80_characters() {
        let title = "Fortalecimiento de la participación ciudadana en el ciclo de la política pública a nivel local y nacional";
        let slug = slugify(title);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(!slug.ends_with('-'));
        assert!(slug.starts_with("fortalecimiento-de-la-participacion"));
    }
}
