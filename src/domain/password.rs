//! The rules a new password must meet before it is hashed.
//!
//! Length does most of the work: twelve characters make passphrases the easy choice. The
//! list of common passwords and the account's own address and name catch what is long but
//! still guessable. Lengths count characters, not bytes, so "contraseña" is ten long.

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

pub const MIN_PASSWORD_CHARS: usize = 12;
/// Argon2 would take more, but nobody types more, and a bound keeps hashing cheap.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Local parts shorter than this turn up by chance inside ordinary words ("ana" in "banana").
const MIN_LOCAL_PART_CHARS: usize = 4;

const COMMON_PASSWORDS_FILE: &str = include_str!("common-passwords.txt");

/// The listed passwords, lowercased, and each one's stem without trailing digits and
/// punctuation, so that "Contraseña2031!" is caught by the entry "contraseña123".
static COMMON_PASSWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    listed_passwords()
        .flat_map(|entry| {
            let entry = entry.to_lowercase();
            let stem = without_trailing_digits_or_punctuation(&entry).to_owned();
            [Some(stem).filter(|s| !s.is_empty()), Some(entry)]
        })
        .flatten()
        .collect()
});

fn listed_passwords() -> impl Iterator<Item = &'static str> {
    COMMON_PASSWORDS_FILE
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
}

fn without_trailing_digits_or_punctuation(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace()
    })
}

/// Why a candidate password was refused; each reason has a message in the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("password has fewer than {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("password has more than {MAX_PASSWORD_CHARS} characters")]
    TooLong,
    #[error("password is a commonly used one")]
    Common,
    #[error("password contains the account's email or name")]
    ContainsPersonalData,
    #[error("password is one character repeated")]
    Repetitive,
}

impl PasswordProblem {
    pub const ALL: [PasswordProblem; 5] = [
        Self::TooShort,
        Self::TooLong,
        Self::Common,
        Self::ContainsPersonalData,
        Self::Repetitive,
    ];

    /// The message-catalogue key that explains the problem to the person choosing.
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::TooShort => "password-too-short",
            Self::TooLong => "password-too-long",
            Self::Common => "password-common",
            Self::ContainsPersonalData => "password-contains-personal-data",
            Self::Repetitive => "password-repetitive",
        }
    }
}

/// A password that meets the policy, not yet hashed. Its `Debug` never shows it.
pub struct NewPassword(String);

impl NewPassword {
    /// Checks `candidate` for the account with `email` and `display_name`.
    pub fn parse(
        candidate: &str,
        email: &str,
        display_name: &str,
    ) -> Result<NewPassword, PasswordProblem> {
        let length = candidate.chars().count();
        if length < MIN_PASSWORD_CHARS {
            return Err(PasswordProblem::TooShort);
        }
        if length > MAX_PASSWORD_CHARS {
            return Err(PasswordProblem::TooLong);
        }
        let lowered = candidate.to_lowercase();
        if is_one_repeated_character(&lowered) {
            return Err(PasswordProblem::Repetitive);
        }
        if is_common(&lowered) {
            return Err(PasswordProblem::Common);
        }
        if contains_personal_data(&lowered, email, display_name) {
            return Err(PasswordProblem::ContainsPersonalData);
        }
        Ok(NewPassword(candidate.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

fn is_one_repeated_character(lowered: &str) -> bool {
    let mut chars = lowered.chars();
    let first = chars.next();
    chars.all(|c| Some(c) == first)
}

fn is_common(lowered: &str) -> bool {
    COMMON_PASSWORDS.contains(lowered)
        || COMMON_PASSWORDS.contains(without_trailing_digits_or_punctuation(lowered))
}

fn contains_personal_data(lowered: &str, email: &str, display_name: &str) -> bool {
    let local_part = email
        .rsplit_once('@')
        .map_or(email, |(local, _)| local)
        .trim()
        .to_lowercase();
    if local_part.chars().count() >= MIN_LOCAL_PART_CHARS && lowered.contains(&local_part) {
        return true;
    }
    // "María López" and "marialópez" are the same choice; spaces are not a disguise.
    let without_spaces = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
    };
    let name = without_spaces(display_name);
    !name.is_empty() && without_spaces(lowered) == name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Locale, Tr};

    const EMAIL: &str = "maria.lopez@gobierno.ec";
    const NAME: &str = "María Fernanda López";

    fn check(candidate: &str) -> Result<NewPassword, PasswordProblem> {
        NewPassword::parse(candidate, EMAIL, NAME)
    }

    fn problem(candidate: &str) -> PasswordProblem {
        check(candidate).expect_err("should be refused")
    }

    #[test]
    fn eleven_characters_are_too_short() {
        assert_eq!(problem("rio napo 11"), PasswordProblem::TooShort);
    }

    #[test]
    fn twelve_characters_are_enough() {
        assert!(check("rio napo 112").is_ok());
    }

    #[test]
    fn password_of_128_characters_is_accepted() {
        assert!(check(&"abcdefgh".repeat(16)).is_ok());
    }

    #[test]
    fn password_of_129_characters_is_too_long() {
        let candidate = format!("{}x", "abcdefgh".repeat(16));
        assert_eq!(problem(&candidate), PasswordProblem::TooLong);
    }

    #[test]
    fn multibyte_characters_are_counted_as_characters() {
        // Eleven characters, sixteen bytes.
        assert_eq!(problem("ñandú ñandú"), PasswordProblem::TooShort);
        // 128 characters, 256 bytes.
        assert!(check(&"ñá".repeat(64)).is_ok());
        assert_eq!(problem(&"ñá".repeat(65)), PasswordProblem::TooLong);
    }

    #[test]
    fn listed_common_password_is_rejected_whatever_its_case() {
        for candidate in [
            "password1234",
            "PassWord1234",
            "QWERTYUIOP123",
            "123456789012",
        ] {
            assert_eq!(problem(candidate), PasswordProblem::Common, "{candidate}");
        }
    }

    #[test]
    fn spanish_common_passwords_are_rejected() {
        for candidate in [
            "contraseña123",
            "Administrador",
            "ecuador12345",
            "quito123456789",
        ] {
            assert_eq!(problem(candidate), PasswordProblem::Common, "{candidate}");
        }
    }

    #[test]
    fn common_password_with_trailing_digits_is_rejected() {
        assert_eq!(problem("Administrador2031!"), PasswordProblem::Common);
        assert_eq!(problem("Contraseña 98765!!"), PasswordProblem::Common);
    }

    #[test]
    fn passphrase_of_four_words_is_accepted() {
        let password = check("caballo correcto batería grapa").expect("accepted");
        assert_eq!(password.expose(), "caballo correcto batería grapa");
    }

    #[test]
    fn email_local_part_inside_password_is_rejected() {
        assert_eq!(
            problem("Maria.Lopez-ministerio"),
            PasswordProblem::ContainsPersonalData
        );
    }

    #[test]
    fn short_local_part_found_by_chance_inside_a_word_is_accepted() {
        assert!(NewPassword::parse("banana split al atardecer", "ana@gobierno.ec", "Ana").is_ok());
    }

    #[test]
    fn display_name_as_password_is_rejected_with_or_without_spaces() {
        for candidate in ["maría fernanda lópez", "MaríaFernandaLópez"] {
            assert_eq!(
                problem(candidate),
                PasswordProblem::ContainsPersonalData,
                "{candidate}"
            );
        }
    }

    #[test]
    fn single_repeated_character_is_rejected() {
        assert_eq!(problem("aaaaaaaaaaaaaa"), PasswordProblem::Repetitive);
        assert_eq!(problem("ÑñÑñÑñÑñÑñÑñ"), PasswordProblem::Repetitive);
    }

    #[test]
    fn debug_output_hides_the_password() {
        let password = check("caballo correcto batería grapa").expect("accepted");
        assert_eq!(format!("{password:?}"), "NewPassword(***)");
    }

    #[test]
    fn every_problem_is_explained_in_both_languages() {
        for problem in PasswordProblem::ALL {
            for locale in Locale::ALL {
                assert!(
                    Tr::new(locale).has(problem.message_key()),
                    "{} missing in {}",
                    problem.message_key(),
                    locale.code()
                );
            }
        }
    }

    #[test]
    fn common_list_holds_only_entries_the_length_rule_would_let_through() {
        let entries: Vec<&str> = listed_passwords().collect();
        assert!(entries.len() >= 1_000, "only {} entries", entries.len());
        for entry in entries {
            let length = entry.chars().count();
            assert!(
                (MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&length),
                "{entry:?}"
            );
            assert!(!is_one_repeated_character(entry), "{entry:?}");
        }
    }
}
