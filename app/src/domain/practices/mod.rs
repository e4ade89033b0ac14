//! Leaders' management practices (SPEC §6, procedure section 7): the catalog
//! of the nine practices, when each falls due, how a week is planned from it
//! and how adherence is counted.

pub mod adherence;
pub mod barometer;
pub mod grid;
pub mod ideas;
pub mod planning;
pub mod recurrence;

use crate::domain::role::Role;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The nine practices of the operating model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PracticeKind {
    DialogoDiario,
    DialogoSemanal,
    ConfirmacionProceso,
    ConfirmacionFunciones,
    AgendaLider,
    Adherencia,
    MejoraContinua,
    CircuitoMejora,
    Barometro,
}

impl PracticeKind {
    /// In the order the procedure lists them.
    pub const ALL: [PracticeKind; 9] = [
        PracticeKind::DialogoDiario,
        PracticeKind::DialogoSemanal,
        PracticeKind::ConfirmacionProceso,
        PracticeKind::ConfirmacionFunciones,
        PracticeKind::AgendaLider,
        PracticeKind::Adherencia,
        PracticeKind::MejoraContinua,
        PracticeKind::CircuitoMejora,
        PracticeKind::Barometro,
    ];

    /// The code stored and exchanged (`DIALOGO_DIARIO` …).
    pub fn code(self) -> &'static str {
        match self {
            PracticeKind::DialogoDiario => "DIALOGO_DIARIO",
            PracticeKind::DialogoSemanal => "DIALOGO_SEMANAL",
            PracticeKind::ConfirmacionProceso => "CONFIRMACION_PROCESO",
            PracticeKind::ConfirmacionFunciones => "CONFIRMACION_FUNCIONES",
            PracticeKind::AgendaLider => "AGENDA_LIDER",
            PracticeKind::Adherencia => "ADHERENCIA",
            PracticeKind::MejoraContinua => "MEJORA_CONTINUA",
            PracticeKind::CircuitoMejora => "CIRCUITO_MEJORA",
            PracticeKind::Barometro => "BAROMETRO",
        }
    }

    /// The name the procedure gives it.
    pub fn label(self) -> &'static str {
        match self {
            PracticeKind::DialogoDiario => "Diálogo diario",
            PracticeKind::DialogoSemanal => "Diálogo semanal",
            PracticeKind::ConfirmacionProceso => "Confirmación de proceso",
            PracticeKind::ConfirmacionFunciones => "Confirmación de funciones",
            PracticeKind::AgendaLider => "Agenda del líder",
            PracticeKind::Adherencia => "Adherencia a las prácticas",
            PracticeKind::MejoraContinua => "Reunión de mejora continua",
            PracticeKind::CircuitoMejora => "Circuito de mejora continua",
            PracticeKind::Barometro => "Reunión barómetro",
        }
    }

    /// What the practice is for, in the procedure's words.
    pub fn purpose(self) -> &'static str {
        match self {
            PracticeKind::DialogoDiario => {
                "Conversación formal, estructurada y rutinaria entre el supervisor y su equipo de trabajo con fines de revisión, seguimiento y acompañamiento."
            }
            PracticeKind::DialogoSemanal => {
                "Conversación formal, estructurada y rutinaria entre el coordinador / gerente y su equipo de trabajo con fines de revisión, seguimiento y acompañamiento."
            }
            PracticeKind::ConfirmacionProceso => {
                "Acompañamiento del supervisor en una llamada o gestión para apoyar, ayudar, corregir y guiar al asesor, garantizando un óptimo resultado."
            }
            PracticeKind::ConfirmacionFunciones => {
                "Acompañamiento del coordinador / gerente en una de las prácticas de gestión para observar fortalezas y oportunidades de mejora."
            }
            PracticeKind::AgendaLider => {
                "Actividad que ayuda a organizar más eficientemente el tiempo de los líderes."
            }
            PracticeKind::Adherencia => {
                "Registro de las prácticas de gestión realizadas durante la semana para medir el cumplimiento de las metas."
            }
            PracticeKind::MejoraContinua => {
                "Revisión de las ideas y mejoras propuestas por asesores y supervisores: cuáles pasan a ejecución y cuáles no."
            }
            PracticeKind::CircuitoMejora => {
                "Reunión con el cliente en la que se entregan las ideas y mejoras y se recibe el estado de las propuestas anteriores."
            }
            PracticeKind::Barometro => {
                "Resultados de la encuesta de clima laboral, las preguntas peor calificadas y los planes de acción."
            }
        }
    }
}

impl fmt::Display for PracticeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for PracticeKind {
    type Err = String;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        PracticeKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code.trim())
            .ok_or_else(|| format!("«{}» no es una práctica de gestión conocida.", code.trim()))
    }
}

/// How often a practice falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Frequency {
    /// Every working day.
    Diaria,
    /// Every ISO week (Monday to Sunday).
    Semanal,
    /// Every two ISO weeks, counted from a fixed Monday so every leader's
    /// fortnights are the same.
    Quincenal,
    /// January–June and July–December.
    Semestral,
}

impl Frequency {
    pub const ALL: [Frequency; 4] = [
        Frequency::Diaria,
        Frequency::Semanal,
        Frequency::Quincenal,
        Frequency::Semestral,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Frequency::Diaria => "Diaria",
            Frequency::Semanal => "Semanal",
            Frequency::Quincenal => "Quincenal",
            Frequency::Semestral => "Semestral",
        }
    }

    /// "al día", "a la semana" …: how a goal of this frequency reads.
    pub fn per(self) -> &'static str {
        match self {
            Frequency::Diaria => "al día",
            Frequency::Semanal => "a la semana",
            Frequency::Quincenal => "a la quincena",
            Frequency::Semestral => "al semestre",
        }
    }
}

/// The leader roles that run practices.
pub const LEADER_ROLES: [Role; 3] = [Role::Supervisor, Role::Coordinador, Role::Gerente];

/// How many times a role must do a practice per period of its frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoleGoal {
    pub role: Role,
    pub times: u32,
}

/// One practice of the catalog as the operation configured it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PracticeDef {
    pub kind: PracticeKind,
    pub frequency: Frequency,
    pub duration_minutes: u32,
    /// The responsible roles with their goals; a role not listed does not
    /// run the practice.
    pub goals: Vec<RoleGoal>,
    /// Retired practices are neither planned nor owed.
    pub active: bool,
}

/// The most a goal may ask per period: beyond it the figure is a typing slip.
pub const MAX_TIMES: u32 = 20;
/// The longest a practice may last, in minutes (a working day).
pub const MAX_DURATION_MINUTES: u32 = 480;

impl PracticeDef {
    /// The role's goal per period, when the role runs this practice.
    pub fn goal_for(&self, role: Role) -> Option<u32> {
        if !self.active {
            return None;
        }
        self.goals
            .iter()
            .find(|goal| goal.role == role)
            .map(|goal| goal.times)
    }

    /// "1 al día", "3 a la semana / 1 a la semana" …, by role.
    pub fn goal_text(&self) -> String {
        self.goals
            .iter()
            .map(|goal| {
                format!(
                    "{}: {} {}",
                    role_label(goal.role),
                    goal.times,
                    self.frequency.per()
                )
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Every problem with this definition, in Spanish; empty when valid.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let name = self.kind.label();
        if self.duration_minutes == 0 || self.duration_minutes > MAX_DURATION_MINUTES {
            problems.push(format!(
                "{name}: la duración debe estar entre 1 y {MAX_DURATION_MINUTES} minutos."
            ));
        }
        if self.goals.is_empty() {
            problems.push(format!("{name}: indique al menos un rol responsable."));
        }
        for (i, goal) in self.goals.iter().enumerate() {
            if !LEADER_ROLES.contains(&goal.role) {
                problems.push(format!(
                    "{name}: solo supervisores, coordinadores y gerentes realizan prácticas de gestión."
                ));
            }
            if goal.times == 0 || goal.times > MAX_TIMES {
                problems.push(format!(
                    "{name}: la meta de {} debe estar entre 1 y {MAX_TIMES} {}.",
                    role_label(goal.role),
                    self.frequency.per()
                ));
            }
            if self.goals[..i].iter().any(|other| other.role == goal.role) {
                problems.push(format!(
                    "{name}: el rol {} aparece dos veces.",
                    role_label(goal.role)
                ));
            }
        }
        problems
    }
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Supervisor => "supervisor",
        Role::Coordinador => "coordinador",
        Role::Gerente => "gerente",
        Role::Asesor => "asesor",
        Role::Backoffice => "backoffice",
        Role::Calidad => "calidad",
        Role::Admin => "admin",
    }
}

/// The catalog Faro ships: SPEC §6 as the procedure states it.
pub fn default_catalog() -> Vec<PracticeDef> {
    use Frequency::*;
    use PracticeKind::*;
    let def = |kind, frequency, duration_minutes, goals: &[(Role, u32)]| PracticeDef {
        kind,
        frequency,
        duration_minutes,
        goals: goals
            .iter()
            .map(|&(role, times)| RoleGoal { role, times })
            .collect(),
        active: true,
    };
    let (sup, coord, ger) = (Role::Supervisor, Role::Coordinador, Role::Gerente);
    vec![
        def(DialogoDiario, Diaria, 15, &[(sup, 1)]),
        def(DialogoSemanal, Semanal, 30, &[(coord, 1), (ger, 1)]),
        def(ConfirmacionProceso, Diaria, 30, &[(sup, 1)]),
        def(ConfirmacionFunciones, Semanal, 30, &[(coord, 3), (ger, 1)]),
        def(AgendaLider, Semanal, 30, &[(sup, 1), (coord, 1), (ger, 1)]),
        def(Adherencia, Semanal, 5, &[(sup, 1), (coord, 1), (ger, 1)]),
        def(MejoraContinua, Quincenal, 60, &[(sup, 1), (coord, 1)]),
        def(CircuitoMejora, Quincenal, 60, &[(coord, 1)]),
        def(Barometro, Semestral, 60, &[(sup, 1), (coord, 1), (ger, 1)]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_catalog_is_the_procedures_and_valid() {
        let catalog = default_catalog();
        assert_eq!(catalog.len(), 9);
        for def in &catalog {
            assert!(def.problems().is_empty(), "{:?}", def.problems());
        }
        let functions = &catalog[3];
        assert_eq!(functions.kind, PracticeKind::ConfirmacionFunciones);
        assert_eq!(functions.goal_for(Role::Coordinador), Some(3));
        assert_eq!(functions.goal_for(Role::Gerente), Some(1));
        assert_eq!(functions.goal_for(Role::Supervisor), None);
        assert_eq!(
            functions.goal_text(),
            "coordinador: 3 a la semana · gerente: 1 a la semana"
        );
    }

    #[test]
    fn codes_round_trip() {
        for kind in PracticeKind::ALL {
            assert_eq!(kind.code().parse::<PracticeKind>(), Ok(kind));
        }
        assert!("DIALOGO".parse::<PracticeKind>().is_err());
    }

    #[test]
    fn bad_definitions_are_explained_in_spanish() {
        let mut def = default_catalog().remove(0);
        def.duration_minutes = 0;
        def.goals.push(RoleGoal {
            role: Role::Asesor,
            times: 0,
        });
        def.goals.push(RoleGoal {
            role: Role::Supervisor,
            times: 1,
        });
        let problems = def.problems();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("duración"));
        assert!(problems.iter().any(|p| p.contains("aparece dos veces")));
    }

    #[test]
    fn a_retired_practice_is_owed_by_no_one() {
        let mut def = default_catalog().remove(0);
        def.active = false;
        assert_eq!(def.goal_for(Role::Supervisor), None);
    }
}
