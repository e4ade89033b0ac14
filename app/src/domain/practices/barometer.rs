//! The barómetro meeting (procedure section 7): the leader shares the
//! work-climate survey results with the team, looks hardest at the
//! worst-rated questions and agrees action plans with owners and due dates,
//! followed until each is closed. These are its rules, shared by the record
//! form (live checks) and the server (which enforces them).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MAX_QUESTIONS: usize = 60;
pub const MAX_PLANS: usize = 20;
pub const QUESTION_MAX: usize = 300;
pub const ACTION_MAX: usize = 1_000;
/// How many questions the meeting looks at first.
pub const WORST_SHOWN: usize = 3;
/// A plan is due within a semester or so of the meeting.
pub const MAX_DUE_DAYS: u64 = 200;

/// One question of the survey with the share of favourable answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SurveyQuestion {
    pub question: String,
    /// Favourable answers, 0–100 %.
    pub favorable: u8,
}

/// An action plan agreed in the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActionPlanDraft {
    /// The survey question it answers.
    pub question: String,
    pub action: String,
    pub owner_id: i64,
    pub due: NaiveDate,
}

/// Where an action plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlanStatus {
    Abierta,
    Cerrada,
}

impl PlanStatus {
    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Abierta => "ABIERTA",
            PlanStatus::Cerrada => "CERRADA",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [PlanStatus::Abierta, PlanStatus::Cerrada]
            .into_iter()
            .find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            PlanStatus::Abierta => "Abierto",
            PlanStatus::Cerrada => "Cerrado",
        }
    }
}

/// The worst-rated questions, lowest share of favourable answers first (in
/// survey order among equals).
pub fn worst(questions: &[SurveyQuestion], n: usize) -> Vec<&SurveyQuestion> {
    let mut sorted: Vec<&SurveyQuestion> = questions.iter().collect();
    sorted.sort_by_key(|q| q.favorable);
    sorted.truncate(n);
    sorted
}

/// An open plan past its due date.
pub fn overdue(status: PlanStatus, due: NaiveDate, today: NaiveDate) -> bool {
    status == PlanStatus::Abierta && due < today
}

/// The problems of a barómetro record, in Spanish, by field. `owners` are
/// the people who may own a plan (the leader and their team).
pub fn survey_problems(
    questions: &[SurveyQuestion],
    plans: &[ActionPlanDraft],
    meeting: NaiveDate,
    owners: &[i64],
) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if questions.is_empty() {
        problems.push((
            "questions",
            "Anote las preguntas de la encuesta con su resultado.".to_string(),
        ));
    } else if questions.len() > MAX_QUESTIONS {
        problems.push((
            "questions",
            format!("Se registran hasta {MAX_QUESTIONS} preguntas."),
        ));
    }
    if questions.iter().any(|q| q.question.trim().is_empty()) {
        problems.push((
            "questions",
            "Cada resultado necesita el texto de su pregunta.".to_string(),
        ));
    }
    if questions
        .iter()
        .any(|q| q.question.chars().count() > QUESTION_MAX)
    {
        problems.push((
            "questions",
            format!("Cada pregunta admite hasta {QUESTION_MAX} caracteres."),
        ));
    }
    if questions.iter().any(|q| q.favorable > 100) {
        problems.push((
            "questions",
            "El resultado de cada pregunta va de 0 a 100 %.".to_string(),
        ));
    }
    if plans.is_empty() {
        problems.push((
            "plans",
            "Acuerde al menos un plan de acción para las preguntas peor calificadas.".to_string(),
        ));
    } else if plans.len() > MAX_PLANS {
        problems.push(("plans", format!("Se registran hasta {MAX_PLANS} planes.")));
    }
    let asked = |text: &str| questions.iter().any(|q| q.question.trim() == text.trim());
    if plans.iter().any(|p| !asked(&p.question)) {
        problems.push((
            "plans",
            "Cada plan responde a una pregunta de la encuesta.".to_string(),
        ));
    }
    if plans.iter().any(|p| p.action.trim().is_empty()) {
        problems.push(("plans", "Describa la acción de cada plan.".to_string()));
    }
    if plans.iter().any(|p| p.action.chars().count() > ACTION_MAX) {
        problems.push((
            "plans",
            format!("Cada acción admite hasta {ACTION_MAX} caracteres."),
        ));
    }
    if plans.iter().any(|p| !owners.contains(&p.owner_id)) {
        problems.push((
            "plans",
            "El responsable de cada plan es usted o una persona de su equipo.".to_string(),
        ));
    }
    let latest = meeting.checked_add_days(Days::new(MAX_DUE_DAYS));
    if plans
        .iter()
        .any(|p| p.due < meeting || latest.is_some_and(|l| p.due > l))
    {
        problems.push((
            "plans",
            format!(
                "La fecha de compromiso va desde el día de la reunión hasta {MAX_DUE_DAYS} días después."
            ),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(text: &str, favorable: u8) -> SurveyQuestion {
        SurveyQuestion {
            question: text.into(),
            favorable,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn plan(question: &str, owner_id: i64, due: NaiveDate) -> ActionPlanDraft {
        ActionPlanDraft {
            question: question.into(),
            action: "Reunión quincenal de reconocimiento".into(),
            owner_id,
            due,
        }
    }

    #[test]
    fn the_worst_rated_come_first_in_survey_order_among_equals() {
        let survey = [
            q("Reconocimiento", 40),
            q("Carga", 55),
            q("Herramientas", 40),
            q("Líder", 90),
        ];
        let names: Vec<_> = worst(&survey, 3)
            .iter()
            .map(|q| q.question.as_str())
            .collect();
        assert_eq!(names, ["Reconocimiento", "Herramientas", "Carga"]);
    }

    #[test]
    fn a_survey_with_plans_for_its_questions_is_valid() {
        let survey = [q("Reconocimiento", 40), q("Carga", 55)];
        let plans = [plan("Reconocimiento", 7, day(20))];
        assert!(survey_problems(&survey, &plans, day(2), &[7, 8]).is_empty());
    }

    #[test]
    fn every_rule_is_reported_in_spanish() {
        let plans = [plan("Otra", 9, day(1))];
        let problems = survey_problems(&[q(" ", 101)], &plans, day(2), &[7]);
        let messages: Vec<_> = problems.iter().map(|(_, m)| m.as_str()).collect();
        assert!(messages.contains(&"Cada resultado necesita el texto de su pregunta."));
        assert!(messages.contains(&"El resultado de cada pregunta va de 0 a 100 %."));
        assert!(messages.contains(&"Cada plan responde a una pregunta de la encuesta."));
        assert!(
            messages.contains(&"El responsable de cada plan es usted o una persona de su equipo.")
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("La fecha de compromiso"))
        );
        let none = survey_problems(&[], &[], day(2), &[7]);
        assert_eq!(none.len(), 2);
    }

    #[test]
    fn only_open_plans_past_due_are_overdue() {
        assert!(overdue(PlanStatus::Abierta, day(1), day(2)));
        assert!(!overdue(PlanStatus::Abierta, day(2), day(2)));
        assert!(!overdue(PlanStatus::Cerrada, day(1), day(2)));
    }

    proptest! {
        #[test]
        fn worst_is_the_n_lowest(scores in proptest::collection::vec(0u8..=100, 0..30), n in 0usize..6) {
            let survey: Vec<_> = scores.iter().enumerate().map(|(i, s)| q(&format!("P{i}"), *s)).collect();
            let picked = worst(&survey, n);
            prop_assert_eq!(picked.len(), n.min(survey.len()));
            let max_picked = picked.iter().map(|q| q.favorable).max();
            for other in survey.iter().filter(|q| !picked.iter().any(|p| p.question == q.question)) {
                prop_assert!(max_picked.is_none_or(|m| other.favorable >= m));
            }
            prop_assert!(picked.windows(2).all(|w| w[0].favorable <= w[1].favorable));
        }
    }
}
