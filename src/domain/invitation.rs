//! An invitation to an account, as the inviter fills it in: an address mail can reach and
//! no account has yet, the person's name, and the institution an official or a counterpart
//! reports for.

use uuid::Uuid;

use super::vocab::Role;

/// The longest name an invitation takes (the schema's limit).
pub const MAX_NAME_CHARS: usize = 200;

/// The invitation form, trimmed; a role or institution not offered by the form is `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub email: String,
    pub name: String,
    pub role: Option<Role>,
    pub institution_id: Option<Uuid>,
}

impl Invitation {
    pub fn new(email: &str, name: &str, role: &str, institution: &str) -> Self {
        Self {
            email: email.trim().to_owned(),
            name: name.trim().to_owned(),
            role: role.parse().ok(),
            institution_id: institution.parse().ok(),
        }
    }

    /// Whether mail can be sent to the address (only then is it worth looking up).
    pub fn email_is_valid(&self) -> bool {
        self.email.parse::<lettre::Address>().is_ok()
    }

    /// What keeps the invitation from going out, as (field, message key); `email_taken`
    /// when an account already has the address.
    pub fn problems(&self, email_taken: bool) -> Vec<(&'static str, &'static str)> {
        let mut problems = Vec::new();
        if !self.email_is_valid() {
            problems.push(("email", "invite-email-invalid"));
        } else if email_taken {
            problems.push(("email", "invite-email-taken"));
        }
        if self.name.is_empty() || self.name.chars().count() > MAX_NAME_CHARS {
            problems.push(("name", "invite-name-required"));
        }
        if self.role.is_some_and(Role::needs_institution) && self.institution_id.is_none() {
            problems.push(("institution", "invite-institution-required"));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_is_trimmed_and_keeps_only_offered_choices() {
        let id = Uuid::now_v7();
        let i = Invitation::new(" ana@example.org ", " Ana ", "official", &id.to_string());
        assert_eq!(i.email, "ana@example.org");
        assert_eq!(i.name, "Ana");
        assert_eq!(i.role, Some(Role::Official));
        assert_eq!(i.institution_id, Some(id));
        assert!(i.problems(false).is_empty());
        let odd = Invitation::new("ana@example.org", "Ana", "superuser", "nope");
        assert_eq!((odd.role, odd.institution_id), (None, None));
    }

    #[test]
    fn an_invitation_needs_a_free_valid_address_a_name_and_an_officials_institution() {
        let i = Invitation::new("not an address", "", "official", "");
        assert!(!i.email_is_valid());
        assert_eq!(
            i.problems(true),
            vec![
                ("email", "invite-email-invalid"),
                ("name", "invite-name-required"),
                ("institution", "invite-institution-required"),
            ],
            "an invalid address is not also called taken"
        );
        let taken = Invitation::new("ana@example.org", &"a".repeat(201), "participant", "");
        assert_eq!(
            taken.problems(true),
            vec![
                ("email", "invite-email-taken"),
                ("name", "invite-name-required")
            ]
        );
        let participant = Invitation::new("ana@example.org", "Ana", "participant", "");
        assert!(participant.problems(false).is_empty());
    }
}
