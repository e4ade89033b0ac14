//! Bases (the lists of customers to call), their records and the attempts
//! made on them (SPEC §2), with the retry rules that decide when a record
//! comes back.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Declares a closed set of codes with their Spanish labels, parsing and
/// serialization as the code itself.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $($variant:ident => ($code:literal, $label:literal)),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        pub enum $name {
            $(
                #[serde(rename = $code)]
                $variant,
            )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code used in the API, the database and CSV files.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The name shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl FromStr for $name {
            type Err = String;

            /// Accepts the code in any case, with spaces or hyphens for
            /// underscores and accents dropped (as Excel users type them).
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                let wanted = normalize_code(raw);
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == wanted)
                    .ok_or_else(|| {
                        let valid: Vec<&str> = $name::ALL.iter().map(|v| v.code()).collect();
                        format!(
                            "{} «{}» no existe. Valores válidos: {}.",
                            $what,
                            raw.trim(),
                            valid.join(", ")
                        )
                    })
            }
        }
    };
}
pub(crate) use code_enum;

/// Upper case, ASCII letters, `_` for spaces and hyphens.
pub fn normalize_code(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            'á' | 'Á' => 'A',
            'é' | 'É' => 'E',
            'í' | 'Í' => 'I',
            'ó' | 'Ó' => 'O',
            'ú' | 'Ú' | 'ü' | 'Ü' => 'U',
            'ñ' | 'Ñ' => 'N',
            ' ' | '-' => '_',
            other => other.to_ascii_uppercase(),
        })
        .collect()
}

code_enum! {
    /// The five kinds of base (procedure step 2).
    BaseKind, "El tipo de base" {
        Fidelizacion => ("FIDELIZACION", "Fidelización"),
        Abandonos => ("ABANDONOS", "Abandonos"),
        Detractores => ("DETRACTORES", "Detractores"),
        Cancelaciones => ("CANCELACIONES", "Cancelaciones"),
        Brownfield => ("BROWNFIELD", "Brownfield (migración FTTH)"),
    }
}

code_enum! {
    /// Home or mobile customer.
    Segment, "El segmento" {
        Hogar => ("HOGAR", "Hogar"),
        Movil => ("MOVIL", "Móvil"),
    }
}

code_enum! {
    /// Whether a base is being worked.
    BaseStatus, "El estado de la base" {
        Activa => ("ACTIVA", "Activa"),
        Pausada => ("PAUSADA", "Pausada"),
        Cerrada => ("CERRADA", "Cerrada"),
    }
}

code_enum! {
    /// The result of one attempt to reach a customer (SPEC §2).
    AttemptResult, "El resultado" {
        Contactado => ("CONTACTADO", "Contactado"),
        NoContesta => ("NO_CONTESTA", "No contesta"),
        Ocupado => ("OCUPADO", "Ocupado"),
        Buzon => ("BUZON", "Buzón de voz"),
        NumeroErrado => ("NUMERO_ERRADO", "Número errado"),
        Tercero => ("TERCERO", "Contestó un tercero"),
        VolverALlamar => ("VOLVER_A_LLAMAR", "Volver a llamar"),
    }
}

code_enum! {
    /// Where a record stands.
    RecordStatus, "El estado del registro" {
        Pendiente => ("PENDIENTE", "Pendiente"),
        EnGestion => ("EN_GESTION", "En gestión"),
        Contactado => ("CONTACTADO", "Contactado"),
        Cerrado => ("CERRADO", "Cerrado"),
    }
}

/// When a record comes back after each result, and how many attempts a
/// record gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RetryRules {
    /// Minutes until the next attempt, per result that leaves the record
    /// open (`NO_CONTESTA`, `OCUPADO`, `BUZON`, `TERCERO`).
    pub retry_minutes: BTreeMap<AttemptResult, u32>,
    /// Attempts after which an unreached record is closed.
    pub max_attempts: u32,
}

impl Default for RetryRules {
    fn default() -> Self {
        RetryRules {
            retry_minutes: BTreeMap::from([
                (AttemptResult::NoContesta, 60),
                (AttemptResult::Ocupado, 30),
                (AttemptResult::Buzon, 120),
                (AttemptResult::Tercero, 240),
            ]),
            max_attempts: 5,
        }
    }
}

/// What an attempt does to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptOutcome {
    pub status: RecordStatus,
    /// Not handed out before this instant.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// A callback agreed with the customer: handed first, to the same agent.
    pub callback_at: Option<DateTime<Utc>>,
}

impl RetryRules {
    /// The record's new state after an attempt. `attempts` counts this one.
    pub fn outcome(
        &self,
        result: AttemptResult,
        attempts: u32,
        at: DateTime<Utc>,
        callback_at: Option<DateTime<Utc>>,
    ) -> Result<AttemptOutcome, String> {
        match result {
            AttemptResult::Contactado => Ok(AttemptOutcome {
                status: if callback_at.is_some() {
                    RecordStatus::EnGestion
                } else {
                    RecordStatus::Contactado
                },
                next_attempt_at: callback_at,
                callback_at,
            }),
            AttemptResult::VolverALlamar => {
                let when = callback_at.ok_or("Indique la fecha y hora para volver a llamar.")?;
                if when <= at {
                    return Err("La devolución de llamada debe quedar en el futuro.".into());
                }
                Ok(AttemptOutcome {
                    status: RecordStatus::EnGestion,
                    next_attempt_at: Some(when),
                    callback_at: Some(when),
                })
            }
            AttemptResult::NumeroErrado => Ok(AttemptOutcome {
                status: RecordStatus::Cerrado,
                next_attempt_at: None,
                callback_at: None,
            }),
            retryable => {
                if attempts >= self.max_attempts {
                    return Ok(AttemptOutcome {
                        status: RecordStatus::Cerrado,
                        next_attempt_at: None,
                        callback_at: None,
                    });
                }
                let minutes = self.retry_minutes.get(&retryable).copied().unwrap_or(60);
                Ok(AttemptOutcome {
                    status: RecordStatus::EnGestion,
                    next_attempt_at: Some(at + Duration::minutes(i64::from(minutes))),
                    callback_at: None,
                })
            }
        }
    }

    /// Problems with the rules, in Spanish.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !(1..=50).contains(&self.max_attempts) {
            problems.push("El máximo de intentos debe estar entre 1 y 50.".into());
        }
        for (result, minutes) in &self.retry_minutes {
            if *minutes > 60 * 24 * 30 {
                problems.push(format!(
                    "La espera tras «{}» no puede superar 30 días.",
                    result.label()
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_parse_as_excel_users_type_them() {
        assert_eq!(
            "fidelización".parse::<BaseKind>(),
            Ok(BaseKind::Fidelizacion)
        );
        assert_eq!("Móvil".parse::<Segment>(), Ok(Segment::Movil));
        assert_eq!(
            "no contesta".parse::<AttemptResult>(),
            Ok(AttemptResult::NoContesta)
        );
        assert_eq!(
            "volver-a-llamar".parse::<AttemptResult>(),
            Ok(AttemptResult::VolverALlamar)
        );
        let err = "VIP".parse::<BaseKind>().unwrap_err();
        assert!(err.starts_with("El tipo de base «VIP» no existe."), "{err}");
        assert_eq!(serde_json::to_string(&Segment::Movil).unwrap(), "\"MOVIL\"");
    }

    #[test]
    fn unanswered_calls_come_back_after_their_delay() {
        let rules = RetryRules::default();
        let at = Utc::now();
        let outcome = rules
            .outcome(AttemptResult::NoContesta, 1, at, None)
            .unwrap();
        assert_eq!(outcome.status, RecordStatus::EnGestion);
        assert_eq!(outcome.next_attempt_at, Some(at + Duration::minutes(60)));
    }

    #[test]
    fn the_last_allowed_attempt_closes_the_record() {
        let rules = RetryRules::default();
        let outcome = rules
            .outcome(AttemptResult::Ocupado, 5, Utc::now(), None)
            .unwrap();
        assert_eq!(outcome.status, RecordStatus::Cerrado);
        assert_eq!(outcome.next_attempt_at, None);
    }

    #[test]
    fn a_callback_needs_a_future_time() {
        let rules = RetryRules::default();
        let at = Utc::now();
        assert!(
            rules
                .outcome(AttemptResult::VolverALlamar, 1, at, None)
                .is_err()
        );
        assert!(
            rules
                .outcome(AttemptResult::VolverALlamar, 1, at, Some(at))
                .is_err()
        );
        let later = at + Duration::hours(2);
        let outcome = rules
            .outcome(AttemptResult::VolverALlamar, 1, at, Some(later))
            .unwrap();
        assert_eq!(outcome.callback_at, Some(later));
    }

    #[test]
    fn contact_and_wrong_number_end_the_record() {
        let rules = RetryRules::default();
        let at = Utc::now();
        assert_eq!(
            rules
                .outcome(AttemptResult::Contactado, 1, at, None)
                .unwrap()
                .status,
            RecordStatus::Contactado
        );
        assert_eq!(
            rules
                .outcome(AttemptResult::NumeroErrado, 1, at, None)
                .unwrap()
                .status,
            RecordStatus::Cerrado
        );
    }

    proptest! {
        /// A record is never left open past the attempt limit.
        #[test]
        fn no_record_outlives_its_attempts(attempts in 1u32..20, max in 1u32..10, which in 0usize..4) {
            let retryable = [AttemptResult::NoContesta, AttemptResult::Ocupado, AttemptResult::Buzon, AttemptResult::Tercero];
            let rules = RetryRules { max_attempts: max, ..RetryRules::default() };
            let outcome = rules.outcome(retryable[which], attempts, Utc::now(), None).unwrap();
            prop_assert_eq!(outcome.status == RecordStatus::Cerrado, attempts >= max);
        }
    }
}
