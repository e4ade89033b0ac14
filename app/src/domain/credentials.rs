//! Validated user identity values: logins, display names and new passwords.
//!
//! Parsed once at the edge (form, API, CLI, CSV) so the rest of the code holds
//! values that are known to be valid. Messages are for users, in Spanish.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Shortest password accepted. NIST SP 800-63B favours length over
/// composition rules, so there are no "one digit, one symbol" requirements.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted; bounds the cost of hashing hostile input.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// A user's login: 3–40 characters of `a-z`, digits, `.`, `_` or `-`, stored
/// lowercase so `JPerez` and `jperez` are the same user.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Login(String);

impl Login {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let value = raw.trim().to_lowercase();
        let length = value.chars().count();
        if !(3..=40).contains(&length) {
            return Err("El usuario debe tener entre 3 y 40 caracteres.".into());
        }
        if !value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        {
            return Err(
                "El usuario solo puede tener letras sin tilde, números, punto, guion o guion bajo."
                    .into(),
            );
        }
        Ok(Login(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Login {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Login::parse(&value)
    }
}

impl From<Login> for String {
    fn from(login: Login) -> Self {
        login.0
    }
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's display name: 2–100 characters after trimming, inner runs of
/// whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = value.chars().count();
        if length < 2 {
            return Err("El nombre es obligatorio (al menos 2 caracteres).".into());
        }
        if length > 100 {
            return Err("El nombre no puede superar 100 caracteres.".into());
        }
        if value.chars().any(char::is_control) {
            return Err("El nombre tiene caracteres no permitidos.".into());
        }
        Ok(PersonName(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A password chosen by a person, checked against the policy. The value is
/// never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str, login: &Login) -> Result<Self, String> {
        Self::parse_for(raw, login.as_str())
    }

    /// As [`NewPassword::parse`], for a login that is itself still being
    /// validated (so a form reports both problems at once).
    pub fn parse_for(raw: &str, login: &str) -> Result<Self, String> {
        let login = login.trim().to_lowercase();
        let length = raw.chars().count();
        if length < MIN_PASSWORD_CHARS {
            return Err(format!(
                "La contraseña debe tener al menos {MIN_PASSWORD_CHARS} caracteres."
            ));
        }
        if length > MAX_PASSWORD_CHARS {
            return Err(format!(
                "La contraseña no puede superar {MAX_PASSWORD_CHARS} caracteres."
            ));
        }
        if raw.trim().is_empty() {
            return Err("La contraseña no puede ser solo espacios.".into());
        }
        if !login.is_empty() && raw.to_lowercase().contains(login.as_str()) {
            return Err("La contraseña no puede contener el nombre de usuario.".into());
        }
        Ok(NewPassword(raw.to_string()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A parsed login parses again to itself and holds only allowed
        /// characters: what is stored is exactly what is typed later.
        #[test]
        fn a_parsed_login_is_stable(raw in "\\PC{0,50}") {
            if let Ok(login) = Login::parse(&raw) {
                prop_assert_eq!(Login::parse(login.as_str()), Ok(login.clone()));
                prop_assert!(login.as_str().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c)));
            }
        }

        /// The policy depends on length only, never on character classes.
        #[test]
        fn long_enough_passwords_without_the_login_pass(raw in "[a-z ]{10,40}") {
            let login = Login::parse("agente7").unwrap(); // a digit the strategy never produces
            prop_assert!(NewPassword::parse(&raw, &login).is_ok() || raw.trim().is_empty());
        }
    }

    #[test]
    fn login_is_lowercased_and_trimmed() {
        assert_eq!(Login::parse("  JPerez ").unwrap().as_str(), "jperez");
    }

    #[test]
    fn login_rejects_accents_spaces_and_bad_lengths() {
        assert!(Login::parse("josé").is_err());
        assert!(Login::parse("ana maria").is_err());
        assert!(Login::parse("ab").is_err());
        assert!(Login::parse(&"a".repeat(41)).is_err());
        assert!(Login::parse("ana.maria_2-b").is_ok());
    }

    #[test]
    fn name_collapses_whitespace() {
        assert_eq!(
            PersonName::parse("  Ana   María  ").unwrap().as_str(),
            "Ana María"
        );
        assert!(PersonName::parse(" a ").is_err());
        assert!(PersonName::parse(&"x".repeat(101)).is_err());
    }

    #[test]
    fn password_policy_is_length_based_and_rejects_the_login() {
        let login = Login::parse("jperez").unwrap();
        assert!(NewPassword::parse("corta", &login).is_err());
        assert!(NewPassword::parse("          ", &login).is_err());
        assert!(NewPassword::parse("clave-JPEREZ-2026", &login).is_err());
        assert!(NewPassword::parse("caballo bateria grapa", &login).is_ok());
        assert!(NewPassword::parse(&"x".repeat(129), &login).is_err());
    }

    #[test]
    fn password_debug_hides_the_value() {
        let login = Login::parse("jperez").unwrap();
        let password = NewPassword::parse("secreto-largo-1", &login).unwrap();
        assert_eq!(format!("{password:?}"), "NewPassword(***)");
    }
}
