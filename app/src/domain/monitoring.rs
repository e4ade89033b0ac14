//! The rules of a quality evaluation as the calidad form applies them before
//! it is sent: each step of the guide marked, the score from the weights,
//! and the server's own checks in the same Spanish words.

use crate::api::kpis::{ChecklistItem, checklist_score};

/// The most characters the comments may have (as the server checks).
pub const MAX_COMMENTS: usize = 2_000;

/// How a step of the guide went in the call evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Cumple,
    NoCumple,
    /// The step did not apply to this call: left out of the score.
    NoAplica,
}

impl Mark {
    pub const ALL: [Mark; 3] = [Mark::Cumple, Mark::NoCumple, Mark::NoAplica];

    /// What the checklist stores: done well, not, or not applicable.
    pub fn ok(self) -> Option<bool> {
        match self {
            Mark::Cumple => Some(true),
            Mark::NoCumple => Some(false),
            Mark::NoAplica => None,
        }
    }

    /// The mark a stored item says.
    pub fn of(ok: Option<bool>) -> Mark {
        match ok {
            Some(true) => Mark::Cumple,
            Some(false) => Mark::NoCumple,
            None => Mark::NoAplica,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Mark::Cumple => "Cumple",
            Mark::NoCumple => "No cumple",
            Mark::NoAplica => "No aplica",
        }
    }

    /// A short code for ids and CSS classes.
    pub fn code(self) -> &'static str {
        match self {
            Mark::Cumple => "cumple",
            Mark::NoCumple => "no-cumple",
            Mark::NoAplica => "no-aplica",
        }
    }
}

/// The checklist with the evaluator's marks applied; an unmarked step is
/// left out of the score, as a step that did not apply.
pub fn marked(items: &[ChecklistItem], marks: &[Option<Mark>]) -> Vec<ChecklistItem> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| ChecklistItem {
            ok: marks.get(i).copied().flatten().and_then(Mark::ok),
            ..item.clone()
        })
        .collect()
}

/// The score the marks give so far (0–100), `None` while no step counts.
pub fn live_score(items: &[ChecklistItem], marks: &[Option<Mark>]) -> Option<f64> {
    checklist_score(&marked(items, marks))
}

/// `87,5`: a score with at most one decimal, Colombian style.
pub fn format_score(score: f64) -> String {
    let rounded = (score * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}").replace('.', ",")
    }
}

/// What the evaluator filled in, as the form holds it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvaluationInput<'a> {
    pub agent: &'a str,
    pub interaction: Option<&'a str>,
    pub marks: &'a [Option<Mark>],
    pub comments: &'a str,
}

/// The problems of an evaluation, by field (`agent`, `interaction`,
/// `checklist`, `comments`): the server's rules plus two of the form's own,
/// a call chosen and every step marked, so that no step is left out of the
/// score by oversight.
pub fn evaluation_problems(input: &EvaluationInput<'_>) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if input.agent.trim().is_empty() {
        problems.push(("agent", "Elija el asesor evaluado.".to_string()));
    } else if input.interaction.is_none_or(|i| i.trim().is_empty()) {
        problems.push(("interaction", "Elija la llamada evaluada.".to_string()));
    }
    let missing = input.marks.iter().filter(|m| m.is_none()).count();
    if input.marks.is_empty()
        || input
            .marks
            .iter()
            .all(|m| m.is_none_or(|m| m.ok().is_none()))
    {
        problems.push((
            "checklist",
            "Califique al menos un paso de la guía (cumple o no cumple).".to_string(),
        ));
    } else if missing > 0 {
        problems.push((
            "checklist",
            if missing == 1 {
                "Falta marcar 1 paso: cumple, no cumple o no aplica.".to_string()
            } else {
                format!("Faltan {missing} pasos por marcar: cumple, no cumple o no aplica.")
            },
        ));
    }
    if input.comments.trim().chars().count() > MAX_COMMENTS {
        problems.push((
            "comments",
            "Los comentarios no pueden pasar de 2.000 caracteres.".to_string(),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(weight: u32) -> ChecklistItem {
        ChecklistItem {
            step: format!("paso{weight}"),
            label: format!("Paso de peso {weight}"),
            weight,
            ok: None,
        }
    }

    #[test]
    fn the_score_weighs_the_steps_that_applied() {
        let items = [item(10), item(30), item(60)];
        use Mark::*;
        assert_eq!(live_score(&items, &[None, None, None]), None);
        assert_eq!(
            live_score(&items, &[Some(Cumple), Some(Cumple), Some(Cumple)]),
            Some(100.0)
        );
        assert_eq!(
            live_score(&items, &[Some(Cumple), Some(NoCumple), Some(Cumple)]),
            Some(70.0)
        );
        // A step that did not apply (or is not marked yet) is left out.
        assert_eq!(
            live_score(&items, &[Some(Cumple), Some(NoCumple), Some(NoAplica)]),
            Some(25.0)
        );
        assert_eq!(
            live_score(&items, &[Some(NoCumple), None, Some(NoCumple)]),
            Some(0.0)
        );
        assert_eq!(live_score(&items, &[Some(NoAplica); 3]), None);
    }

    #[test]
    fn the_score_of_equal_weights_rounds_to_two_decimals() {
        let items = [item(10), item(10), item(10)];
        let marks = [Some(Mark::Cumple), Some(Mark::Cumple), Some(Mark::NoCumple)];
        assert_eq!(live_score(&items, &marks), Some(66.67));
        assert_eq!(format_score(66.67), "66,7");
        assert_eq!(format_score(100.0), "100");
        assert_eq!(format_score(0.0), "0");
        assert_eq!(format_score(87.54), "87,5");
    }

    #[test]
    fn marks_round_trip_through_the_stored_item() {
        for mark in Mark::ALL {
            assert_eq!(Mark::of(mark.ok()), mark);
        }
        let items = [item(10), item(20)];
        let stored = marked(&items, &[Some(Mark::NoCumple)]);
        assert_eq!(stored[0].ok, Some(false));
        assert_eq!(stored[1].ok, None);
        assert_eq!(stored[1].weight, 20);
    }

    #[test]
    fn a_complete_evaluation_has_no_problems() {
        let marks = [Some(Mark::Cumple), Some(Mark::NoAplica)];
        let input = EvaluationInput {
            agent: "asesor1",
            interaction: Some("faro:12"),
            marks: &marks,
            comments: "",
        };
        assert!(evaluation_problems(&input).is_empty());
    }

    #[test]
    fn the_form_says_what_is_missing_in_the_servers_words() {
        let marks = [None, None];
        let problems = evaluation_problems(&EvaluationInput {
            agent: " ",
            interaction: None,
            marks: &marks,
            comments: "",
        });
        assert_eq!(
            problems,
            vec![
                ("agent", "Elija el asesor evaluado.".to_string()),
                (
                    "checklist",
                    "Califique al menos un paso de la guía (cumple o no cumple).".to_string()
                ),
            ]
        );
        let marks = [Some(Mark::Cumple), None, None];
        let problems = evaluation_problems(&EvaluationInput {
            agent: "asesor1",
            interaction: Some(""),
            marks: &marks,
            comments: "",
        });
        assert_eq!(
            problems,
            vec![
                ("interaction", "Elija la llamada evaluada.".to_string()),
                (
                    "checklist",
                    "Faltan 2 pasos por marcar: cumple, no cumple o no aplica.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn only_not_applicable_steps_give_no_score_and_long_comments_are_refused() {
        let marks = [Some(Mark::NoAplica)];
        let long = "a".repeat(MAX_COMMENTS + 1);
        let problems = evaluation_problems(&EvaluationInput {
            agent: "asesor1",
            interaction: Some("faro:1"),
            marks: &marks,
            comments: &long,
        });
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["checklist", "comments"]);
        let exact = "é".repeat(MAX_COMMENTS);
        assert!(
            evaluation_problems(&EvaluationInput {
                agent: "asesor1",
                interaction: Some("faro:1"),
                marks: &marks[..0],
                comments: &exact,
            })
            .iter()
            .all(|(f, _)| *f != "comments")
        );
    }
}
