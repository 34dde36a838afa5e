//! Message catalogues (Spanish first, English) and the per-request translator.

pub mod format;

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::{LanguageIdentifier, langid};

pub const SPANISH_CATALOGUE: &str = include_str!("es.ftl");
pub const ENGLISH_CATALOGUE: &str = include_str!("en.ftl");

/// The languages the interface speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    Es,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Es, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Es => "es",
            Locale::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "es" => Some(Locale::Es),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The other language, offered by the switch in the header.
    pub fn other(self) -> Self {
        match self {
            Locale::Es => Locale::En,
            Locale::En => Locale::Es,
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Locale::Es => langid!("es"),
            Locale::En => langid!("en"),
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(locale: Locale, source: &'static str) -> Bundle {
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(r) => r,
        // The catalogues are compiled in and checked by tests; a syntax error is a build defect.
        Err((_, errors)) => panic!("{} catalogue does not parse: {errors:?}", locale.code()),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![locale.langid()]);
    // Isolation marks would leak into attributes and plain-text exports.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        panic!("{} catalogue has duplicate keys: {errors:?}", locale.code());
    }
    bundle
}

static SPANISH: LazyLock<Bundle> = LazyLock::new(|| bundle(Locale::Es, SPANISH_CATALOGUE));
static ENGLISH: LazyLock<Bundle> = LazyLock::new(|| bundle(Locale::En, ENGLISH_CATALOGUE));

/// Translates message keys for one locale. Cheap to copy into every view.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tr {
    pub locale: Locale,
}

impl Tr {
    pub fn new(locale: Locale) -> Self {
        Self { locale }
    }

    fn bundle(&self) -> &'static Bundle {
        match self.locale {
            Locale::Es => &SPANISH,
            Locale::En => &ENGLISH,
        }
    }

    /// The message for `key`; a missing key shows the key itself (and fails the catalogue test).
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message for `key` with one named argument.
    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(value.to_string()));
        self.format(key, Some(&args))
    }

    /// The message for `key` with two named arguments.
    pub fn t2(&self, key: &str, first: (&str, &str), second: (&str, &str)) -> String {
        let mut args = FluentArgs::new();
        args.set(first.0, FluentValue::from(first.1.to_owned()));
        args.set(second.0, FluentValue::from(second.1.to_owned()));
        self.format(key, Some(&args))
    }

    /// The message for `key` with three named arguments.
    pub fn t3(
        &self,
        key: &str,
        first: (&str, &str),
        second: (&str, &str),
        third: (&str, &str),
    ) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in [first, second, third] {
            args.set(name, FluentValue::from(value.to_owned()));
        }
        self.format(key, Some(&args))
    }

    /// The message for `key` with two numeric arguments (plural rules apply).
    pub fn tn2(&self, key: &str, first: (&str, i64), second: (&str, i64)) -> String {
        let mut args = FluentArgs::new();
        args.set(first.0, FluentValue::from(first.1));
        args.set(second.0, FluentValue::from(second.1));
        self.format(key, Some(&args))
    }

    /// The message for `key` with one numeric argument (plural rules apply).
    pub fn tn(&self, key: &str, name: &str, value: impl Count) -> String {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(value.count()));
        self.format(key, Some(&args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = self.bundle();
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, locale = self.locale.code(), "missing message");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text: Cow<'_, str> = bundle.format_pattern(pattern, args, &mut errors);
        text.into_owned()
    }

    pub fn has(&self, key: &str) -> bool {
        self.bundle().has_message(key)
    }
}

/// A whole number that plural rules can use; templates pass fields by reference.
pub trait Count {
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for usize {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// Every message key defined in a catalogue source (for the completeness test).
pub fn catalogue_keys(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn both_catalogues_define_the_same_keys() {
        let es: BTreeSet<_> = catalogue_keys(SPANISH_CATALOGUE).into_iter().collect();
        let en: BTreeSet<_> = catalogue_keys(ENGLISH_CATALOGUE).into_iter().collect();
        let only_es: Vec<_> = es.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&es).collect();
        assert!(only_es.is_empty(), "missing in en.ftl: {only_es:?}");
        assert!(only_en.is_empty(), "missing in es.ftl: {only_en:?}");
    }

    #[test]
    fn every_vocabulary_label_is_translated() {
        for key in crate::domain::all_label_keys() {
            for locale in Locale::ALL {
                assert!(
                    Tr::new(locale).has(key),
                    "{key} missing in {}",
                    locale.code()
                );
            }
        }
    }

    #[test]
    fn spanish_is_the_default_language() {
        assert_eq!(Tr::default().t("nav-plans"), "Planes de acción");
        assert_eq!(Tr::new(Locale::En).t("nav-plans"), "Action plans");
    }

    #[test]
    fn arguments_are_filled_in_without_isolation_marks() {
        let text = Tr::new(Locale::En).tn("plan-commitment-count", "count", 10_i64);
        assert_eq!(text, "10 commitments");
    }

    /// Text a template shows must come from the catalogues: outside template expressions,
    /// tags, `<code>` samples and paths, only the brand and the language names (each shown in
    /// its own language) may appear literally; and so in title, alt, aria-label, placeholder.
    #[test]
    fn templates_hold_no_text_outside_the_catalogues() {
        const ALLOWED: &[&str] = &["Abierto", "Español", "English", "·", "%", "—", "–"];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut found = Vec::new();
        for path in html_files(&root) {
            let source = std::fs::read_to_string(&path).expect("template");
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .display()
                .to_string();
            let without_code = strip_between(&source, "{{", "}}");
            let without_code = strip_between(&without_code, "{%", "%}");
            let without_code = strip_between(&without_code, "{#", "#}");
            for attribute in ["title=\"", "alt=\"", "aria-label=\"", "placeholder=\""] {
                for value in without_code.split(attribute).skip(1) {
                    let value = value.split('"').next().unwrap_or_default();
                    if value.chars().any(char::is_alphabetic) && !value.starts_with("https://") {
                        found.push(format!("{name}: {attribute}{value}\""));
                    }
                }
            }
            let text = strip_between(&without_code, "<code>", "</code>");
            let text = strip_between(&text, "<", ">");
            for word in text.split_whitespace() {
                let literal = word.chars().any(char::is_alphabetic)
                    && !word.starts_with('/')
                    && !word.starts_with('&')
                    // Attribute fragments a macro writes into a tag.
                    && !word.contains(['=', '"'])
                    && !ALLOWED.contains(&word);
                if literal {
                    found.push(format!("{name}: {word}"));
                }
            }
        }
        assert!(
            found.is_empty(),
            "text outside the catalogues:\n{}",
            found.join("\n")
        );
    }

    fn html_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).expect("templates folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(html_files(&path));
            } else if path.extension().is_some_and(|e| e == "html") {
                files.push(path);
            }
        }
        files
    }

    /// The text with every `open … close` span replaced by a space.
    fn strip_between(text: &str, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            out.push_str(&rest[..start]);
            out.push(' ');
            match rest[start + open.len()..].find(close) {
                Some(end) => rest = &rest[start + open.len() + end + close.len()..],
                None => return out,
            }
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn the_template_scan_finds_literal_text() {
        let text = strip_between("<p>{{ tr.t(\"x\") }} Hola</p>", "{{", "}}");
        let text = strip_between(&text, "<", ">");
        assert_eq!(text.split_whitespace().collect::<Vec<_>>(), ["Hola"]);
    }
}
