//! The guide's working state in the browser: the draft being filled, which
//! step the agent is on and how long each step took. Pure, so the moves
//! (answer, next, back, hold) are tested natively.

use crate::api::guide::InteractionDraft;
use crate::domain::holidays::add_business_days;
use crate::domain::procedure::{CallContext, FieldKind, Procedure, Step};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct GuideState {
    pub draft: InteractionDraft,
    /// When the current step was entered (ms, the browser's clock).
    pub step_entered_ms: f64,
    /// When the current hold started, if the customer is on hold.
    pub hold_started_ms: Option<f64>,
}

impl GuideState {
    pub fn new(draft: InteractionDraft, now_ms: f64) -> Self {
        GuideState {
            draft,
            step_entered_ms: now_ms,
            hold_started_ms: None,
        }
    }

    pub fn current<'a>(&self, procedure: &'a Procedure) -> Option<&'a Step> {
        procedure
            .step(&self.draft.current_step)
            .or_else(|| procedure.first_step())
    }

    fn touch(&mut self) {
        self.draft.revision += 1;
    }

    /// Sets (or clears, when empty) an answer.
    pub fn answer(&mut self, field: &str, value: &str) {
        let before = self.draft.answers.get(field).cloned();
        if value.is_empty() {
            self.draft.answers.remove(field);
        } else {
            self.draft
                .answers
                .insert(field.to_string(), value.to_string());
        }
        if self.draft.answers.get(field) != before.as_ref() {
            self.touch();
        }
    }

    /// Adds the time on the current step to its total.
    pub fn account(&mut self, now_ms: f64) {
        let seconds = ((now_ms - self.step_entered_ms) / 1000.0).max(0.0).round() as u32;
        if seconds > 0 {
            *self
                .draft
                .step_seconds
                .entry(self.draft.current_step.clone())
                .or_default() += seconds;
            self.step_entered_ms = now_ms;
            self.touch();
        }
    }

    /// Fills computed fields (legal due dates) visible on the current step.
    pub fn fill_computed(
        &mut self,
        procedure: &Procedure,
        context: &CallContext,
        today: NaiveDate,
    ) {
        let Some(step) = self.current(procedure).cloned() else {
            return;
        };
        for field in step.visible_fields(context, &self.draft.answers.clone()) {
            if field.kind == FieldKind::DueDate && !self.draft.answers.contains_key(&field.id) {
                let due = add_business_days(today, field.business_days.unwrap_or(0));
                self.answer(&field.id, &due.format("%Y-%m-%d").to_string());
            }
        }
    }

    /// Moves to the step the answers lead to, or says what is missing. At
    /// the closing step there is no next: `Ok(false)`.
    pub fn next(
        &mut self,
        procedure: &Procedure,
        context: &CallContext,
        today: NaiveDate,
        now_ms: f64,
    ) -> Result<bool, Vec<String>> {
        self.fill_computed(procedure, context, today);
        let Some(step) = self.current(procedure) else {
            return Err(vec!["El procedimiento no tiene pasos.".into()]);
        };
        let problems = step.problems(context, &self.draft.answers);
        if !problems.is_empty() {
            return Err(problems);
        }
        let Some(next) = step
            .next_step(context, &self.draft.answers)
            .map(str::to_string)
        else {
            return Ok(false);
        };
        self.account(now_ms);
        self.draft.current_step = next.clone();
        self.draft.path.push(next);
        self.step_entered_ms = now_ms;
        self.touch();
        self.fill_computed(procedure, context, today);
        Ok(true)
    }

    /// Back to the previous step of the path (answers are kept).
    pub fn back(&mut self, now_ms: f64) -> bool {
        if self.draft.path.len() < 2 {
            return false;
        }
        self.account(now_ms);
        self.draft.path.pop();
        self.draft.current_step = self.draft.path.last().cloned().unwrap_or_default();
        self.step_entered_ms = now_ms;
        self.touch();
        true
    }

    /// Puts the customer on hold, or takes them off it.
    pub fn toggle_hold(&mut self, now_ms: f64) {
        match self.hold_started_ms.take() {
            Some(started) => {
                self.draft.hold_seconds += ((now_ms - started) / 1000.0).max(0.0).round() as u32;
                self.touch();
            }
            None => self.hold_started_ms = Some(now_ms),
        }
    }

    /// Seconds on hold, counting a hold in progress.
    pub fn hold_seconds(&self, now_ms: f64) -> u32 {
        self.draft.hold_seconds
            + self
                .hold_started_ms
                .map(|s| ((now_ms - s) / 1000.0).max(0.0) as u32)
                .unwrap_or(0)
    }

    /// Applies every suggestion of the current step to fields still empty.
    pub fn apply_suggestions(&mut self, procedure: &Procedure, context: &CallContext) -> usize {
        let Some(step) = self.current(procedure).cloned() else {
            return 0;
        };
        let mut applied = 0;
        for field in &step.fields {
            if self.draft.answers.contains_key(&field.id)
                || !field.visible(context, &self.draft.answers)
            {
                continue;
            }
            if let Some(value) = step
                .suggested(&field.id, context, &self.draft.answers)
                .map(str::to_string)
            {
                self.answer(&field.id, &value);
                applied += 1;
            }
        }
        applied
    }
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, (seconds / 60) % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::procedure::{Branch, Field, Meta};

    fn field(id: &str, kind: FieldKind, required: bool) -> Field {
        Field {
            id: id.into(),
            label: id.into(),
            kind,
            required,
            help: None,
            system: None,
            options: vec![],
            prefix: None,
            min_digits: None,
            max_digits: None,
            business_days: Some(15),
            when: vec![],
            records: None,
            repeat_check: false,
            needs_from: None,
            outcome_of: None,
        }
    }

    fn step(id: &str, fields: Vec<Field>, next: &[&str]) -> Step {
        Step {
            id: id.into(),
            number: 1,
            title: id.into(),
            guidance: vec![],
            script: None,
            systems: vec![],
            fields,
            suggestions: vec![],
            next: next
                .iter()
                .map(|to| Branch {
                    to: to.to_string(),
                    when: vec![],
                })
                .collect(),
            end: next.is_empty(),
        }
    }

    fn procedure() -> Procedure {
        Procedure {
            meta: Meta {
                version: 1,
                title: "t".into(),
                approved_on: NaiveDate::from_ymd_opt(2022, 2, 7).unwrap(),
                author: "a".into(),
                approver: "b".into(),
            },
            steps: vec![
                step(
                    "uno",
                    vec![field("nombre", FieldKind::Text, true)],
                    &["dos"],
                ),
                step(
                    "dos",
                    vec![field("vence", FieldKind::DueDate, false)],
                    &["fin"],
                ),
                step("fin", vec![], &[]),
            ],
        }
    }

    fn start() -> GuideState {
        GuideState::new(
            InteractionDraft {
                current_step: "uno".into(),
                path: vec!["uno".into()],
                ..Default::default()
            },
            0.0,
        )
    }

    #[test]
    fn next_needs_the_answers_then_moves_and_counts_time() {
        let procedure = procedure();
        let ctx = CallContext::default();
        let today = NaiveDate::from_ymd_opt(2026, 1, 9).unwrap();
        let mut state = start();
        assert_eq!(
            state.next(&procedure, &ctx, today, 5_000.0),
            Err(vec!["Falta «nombre».".to_string()])
        );
        state.answer("nombre", "Ana");
        assert_eq!(state.next(&procedure, &ctx, today, 12_000.0), Ok(true));
        assert_eq!(state.draft.path, ["uno", "dos"]);
        assert_eq!(state.draft.step_seconds.get("uno"), Some(&12));
        // The PQR-style due date is filled on entering the step: 15 business
        // days from Friday 9 Jan 2026 (Reyes moved to Monday 12).
        assert_eq!(
            state.draft.answers.get("vence").map(String::as_str),
            Some("2026-02-02")
        );
        assert!(state.back(20_000.0));
        assert_eq!(state.draft.current_step, "uno");
        assert_eq!(state.draft.step_seconds.get("dos"), Some(&8));
        assert_eq!(
            state.draft.answers.get("nombre").map(String::as_str),
            Some("Ana")
        );
    }

    #[test]
    fn every_change_raises_the_revision_and_holds_add_up() {
        let mut state = start();
        state.answer("nombre", "Ana");
        let after_one = state.draft.revision;
        state.answer("nombre", "Ana");
        assert_eq!(state.draft.revision, after_one, "same value, same revision");
        state.toggle_hold(1_000.0);
        assert_eq!(state.hold_seconds(4_000.0), 3);
        state.toggle_hold(31_000.0);
        assert_eq!(state.draft.hold_seconds, 30);
        assert!(state.draft.revision > after_one);
        assert_eq!(clock(75), "01:15");
        assert_eq!(clock(3_725), "1:02:05");
    }
}
