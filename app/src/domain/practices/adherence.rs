//! Adherencia a las prácticas: per leader and ISO week, practices done ÷
//! practices due by the goal, per practice and overall.
//!
//! * A daily practice is owed `goal` times on each working day of the week;
//!   a day's extra ones do not make up for another day.
//! * A weekly practice is owed `goal` times in a week with a working day.
//! * A fortnightly or half-yearly practice is owed in the week of its
//!   period's last working day, counting what was done over the whole
//!   period.
//!
//! Over-doing one practice never makes up for another: each is credited
//! at most what it owed.

use super::recurrence::{DayRange, last_workday, period_of, week_days, workdays_of_week};
use super::{Frequency, PracticeDef, PracticeKind};
use crate::domain::role::Role;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// One practice's standing in a week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PracticeAdherence {
    pub kind: PracticeKind,
    /// How many were owed this week (0: not owed this week).
    pub due: u32,
    /// How many were recorded as done in the counted span.
    pub done: u32,
    /// What counts toward adherence: done, capped as the rules say.
    pub credited: u32,
    /// The days counted: the week, or the fortnight / half-year that closes
    /// in it.
    pub counted: DayRange,
}

/// A leader's week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WeekAdherence {
    pub week: NaiveDate,
    pub practices: Vec<PracticeAdherence>,
    pub due: u32,
    pub credited: u32,
}

impl WeekAdherence {
    /// Credited ÷ due; `None` when nothing was owed.
    pub fn ratio(&self) -> Option<f64> {
        ratio(self.credited, self.due)
    }
}

pub fn ratio(credited: u32, due: u32) -> Option<f64> {
    (due > 0).then(|| f64::from(credited) / f64::from(due))
}

/// "87 %" or "—" when nothing was owed.
pub fn percent_text(credited: u32, due: u32) -> String {
    match ratio(credited, due) {
        Some(value) => format!("{} %", (value * 100.0).round() as i64),
        None => "—".into(),
    }
}

/// The adherence of a leader of `role` in the week starting on `monday`,
/// given the days on which each practice was recorded as done (one entry
/// per practice done; the list may hold any dates, those outside the
/// counted spans are ignored).
pub fn week_adherence(
    catalog: &[PracticeDef],
    role: Role,
    monday: NaiveDate,
    done: &[(PracticeKind, NaiveDate)],
) -> WeekAdherence {
    let sunday = monday + Days::new(6);
    let workdays = workdays_of_week(monday);
    let mut practices = Vec::new();
    for def in catalog {
        let Some(goal) = def.goal_for(role) else {
            continue;
        };
        let count_in = |range: DayRange| {
            done.iter()
                .filter(|(kind, day)| *kind == def.kind && range.contains(*day))
                .count() as u32
        };
        let week = DayRange {
            first: monday,
            last: sunday,
        };
        let row = match def.frequency {
            Frequency::Diaria => {
                let due = goal * workdays.len() as u32;
                let per_day: u32 = week_days(monday)
                    .map(|day| {
                        count_in(DayRange {
                            first: day,
                            last: day,
                        })
                        .min(goal)
                    })
                    .sum();
                PracticeAdherence {
                    kind: def.kind,
                    due,
                    done: count_in(week),
                    credited: per_day.min(due),
                    counted: week,
                }
            }
            Frequency::Semanal => {
                let due = if workdays.is_empty() { 0 } else { goal };
                let done = count_in(week);
                PracticeAdherence {
                    kind: def.kind,
                    due,
                    done,
                    credited: done.min(due),
                    counted: week,
                }
            }
            Frequency::Quincenal | Frequency::Semestral => {
                // The period whose last working day falls this week, if any.
                let closes_here =
                    |period: DayRange| last_workday(period).is_some_and(|day| week.contains(day));
                let candidates = [
                    period_of(def.frequency, monday),
                    period_of(def.frequency, sunday),
                ];
                let closing = candidates.into_iter().find(|period| closes_here(*period));
                let counted = closing.unwrap_or(candidates[0]);
                let due = if closing.is_some() { goal } else { 0 };
                let done = count_in(counted);
                PracticeAdherence {
                    kind: def.kind,
                    due,
                    done,
                    credited: done.min(due),
                    counted,
                }
            }
        };
        practices.push(row);
    }
    let due = practices.iter().map(|p| p.due).sum();
    let credited = practices.iter().map(|p| p.credited).sum();
    WeekAdherence {
        week: monday,
        practices,
        due,
        credited,
    }
}

/// The roll-up of several leaders' weeks (a coordinador's supervisors, a
/// gerente's operation): credited and due summed.
pub fn roll_up<'a>(weeks: impl IntoIterator<Item = &'a WeekAdherence>) -> (u32, u32) {
    weeks.into_iter().fold((0, 0), |(credited, due), week| {
        (credited + week.credited, due + week.due)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::practices::default_catalog;
    use crate::domain::practices::recurrence::{is_workday, week_start};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn row(week: &WeekAdherence, kind: PracticeKind) -> &PracticeAdherence {
        week.practices.iter().find(|p| p.kind == kind).unwrap()
    }

    #[test]
    fn a_supervisors_ordinary_week() {
        // Week of Monday 23 November 2026: five working days.
        let monday = d(2026, 11, 23);
        let mut done = vec![];
        for day in 23..=27 {
            done.push((PracticeKind::DialogoDiario, d(2026, 11, day)));
        }
        // Two confirmaciones on Monday do not make up for a missing Tuesday.
        done.push((PracticeKind::ConfirmacionProceso, d(2026, 11, 23)));
        done.push((PracticeKind::ConfirmacionProceso, d(2026, 11, 23)));
        done.push((PracticeKind::ConfirmacionProceso, d(2026, 11, 25)));
        done.push((PracticeKind::AgendaLider, d(2026, 11, 23)));
        // Last week's adherence record does not count for this one.
        done.push((PracticeKind::Adherencia, d(2026, 11, 20)));
        let week = week_adherence(&default_catalog(), Role::Supervisor, monday, &done);
        assert_eq!(row(&week, PracticeKind::DialogoDiario).credited, 5);
        let process = row(&week, PracticeKind::ConfirmacionProceso);
        assert_eq!((process.due, process.done, process.credited), (5, 3, 2));
        assert_eq!(row(&week, PracticeKind::AgendaLider).credited, 1);
        assert_eq!(row(&week, PracticeKind::Adherencia).credited, 0);
        // The supervisor's practices: diálogo diario, confirmación de
        // proceso, agenda, adherencia, mejora continua, barómetro.
        assert_eq!(week.practices.len(), 6);
        // The fortnight of 16–29 November closes this week, with no
        // mejora continua held; no half-year closes.
        assert_eq!(row(&week, PracticeKind::MejoraContinua).due, 1);
        assert_eq!(row(&week, PracticeKind::Barometro).due, 0);
        assert_eq!((week.credited, week.due), (5 + 2 + 1, 5 + 5 + 1 + 1 + 1));
        assert_eq!(percent_text(week.credited, week.due), "62 %");
        // The next week closes no fortnight.
        let next = week_adherence(&default_catalog(), Role::Supervisor, d(2026, 11, 30), &done);
        assert_eq!(row(&next, PracticeKind::MejoraContinua).due, 0);
    }

    #[test]
    fn a_holiday_week_owes_fewer_daily_practices() {
        // Holy week 2025: Thursday and Friday are holidays.
        let week = week_adherence(&default_catalog(), Role::Supervisor, d(2025, 4, 14), &[]);
        assert_eq!(row(&week, PracticeKind::DialogoDiario).due, 3);
        assert_eq!(row(&week, PracticeKind::AgendaLider).due, 1);
        // A diálogo held on the holiday still counts, up to what is owed.
        let done: Vec<_> = [14, 15, 17, 18]
            .iter()
            .map(|day| (PracticeKind::DialogoDiario, d(2025, 4, *day)))
            .collect();
        let week = week_adherence(&default_catalog(), Role::Supervisor, d(2025, 4, 14), &done);
        assert_eq!(row(&week, PracticeKind::DialogoDiario).credited, 3);
    }

    #[test]
    fn a_coordinador_owes_three_confirmaciones_de_funciones_a_gerente_one() {
        let monday = d(2026, 11, 23);
        let done = vec![
            (PracticeKind::ConfirmacionFunciones, d(2026, 11, 24)),
            (PracticeKind::ConfirmacionFunciones, d(2026, 11, 26)),
        ];
        let coordinador = week_adherence(&default_catalog(), Role::Coordinador, monday, &done);
        let gerente = week_adherence(&default_catalog(), Role::Gerente, monday, &done);
        let c = row(&coordinador, PracticeKind::ConfirmacionFunciones);
        let g = row(&gerente, PracticeKind::ConfirmacionFunciones);
        assert_eq!((c.due, c.credited), (3, 2));
        assert_eq!((g.due, g.credited), (1, 1));
    }

    #[test]
    fn fortnightly_and_half_yearly_practices_are_owed_in_the_week_their_period_closes() {
        // The fortnight of 16–29 November 2026 closes in the week of 23 Nov;
        // the meeting was held in its first week.
        let done = vec![
            (PracticeKind::MejoraContinua, d(2026, 11, 17)),
            (PracticeKind::Barometro, d(2026, 9, 10)),
        ];
        let week = week_adherence(&default_catalog(), Role::Supervisor, d(2026, 11, 23), &done);
        let meeting = row(&week, PracticeKind::MejoraContinua);
        assert_eq!((meeting.due, meeting.done, meeting.credited), (1, 1, 1));
        assert_eq!(meeting.counted.first, d(2026, 11, 16));
        // The half-year closes on Thursday 31 December 2026.
        let week = week_adherence(&default_catalog(), Role::Supervisor, d(2026, 12, 28), &done);
        let barometer = row(&week, PracticeKind::Barometro);
        assert_eq!((barometer.due, barometer.credited), (1, 1));
        assert_eq!(barometer.counted.first, d(2026, 7, 1));
        // Monday 30 June 2025 is a holiday (San Pedro y San Pablo moved):
        // the first half of 2025 is owed in the week of its last working
        // day, Friday 27 June, not in the week of the 30th.
        let before = week_adherence(&default_catalog(), Role::Supervisor, d(2025, 6, 23), &[]);
        let after = week_adherence(&default_catalog(), Role::Supervisor, d(2025, 6, 30), &[]);
        assert_eq!(row(&before, PracticeKind::Barometro).due, 1);
        assert_eq!(row(&after, PracticeKind::Barometro).due, 0);
    }

    #[test]
    fn nothing_owed_reads_as_a_dash_and_roll_up_sums() {
        assert_eq!(percent_text(0, 0), "—");
        let a = week_adherence(&default_catalog(), Role::Supervisor, d(2026, 11, 23), &[]);
        let b = week_adherence(&default_catalog(), Role::Coordinador, d(2026, 11, 23), &[]);
        assert_eq!(roll_up([&a, &b]), (0, a.due + b.due));
    }

    proptest! {
        #[test]
        fn credited_never_exceeds_due_nor_done(
            offset in 0u32..1200,
            role in prop::sample::select(vec![Role::Supervisor, Role::Coordinador, Role::Gerente]),
            done in prop::collection::vec((0usize..9, 0u32..40), 0..40),
        ) {
            let monday = week_start(d(2024, 1, 1) + Days::new(u64::from(offset)));
            let done: Vec<_> = done
                .into_iter()
                .map(|(kind, day)| (PracticeKind::ALL[kind], monday - Days::new(20) + Days::new(u64::from(day))))
                .collect();
            let week = week_adherence(&default_catalog(), role, monday, &done);
            for p in &week.practices {
                prop_assert!(p.credited <= p.due);
                prop_assert!(p.credited <= p.done);
            }
            prop_assert!(week.credited <= week.due);
            // Daily practices owe one per working day of the week.
            let workdays = (0..7).filter(|i| is_workday(monday + Days::new(*i))).count() as u32;
            if role == Role::Supervisor {
                prop_assert_eq!(row(&week, PracticeKind::DialogoDiario).due, workdays);
            }
        }

        #[test]
        fn doing_everything_due_gives_full_adherence(offset in 0u32..1200) {
            let monday = week_start(d(2024, 1, 1) + Days::new(u64::from(offset)));
            let catalog = default_catalog();
            for role in [Role::Supervisor, Role::Coordinador, Role::Gerente] {
                let mut done = Vec::new();
                for def in &catalog {
                    let Some(goal) = def.goal_for(role) else { continue };
                    for day in week_days(monday).filter(|day| is_workday(*day)) {
                        for _ in 0..goal {
                            done.push((def.kind, day));
                        }
                    }
                }
                let week = week_adherence(&catalog, role, monday, &done);
                prop_assert_eq!(week.credited, week.due);
            }
        }
    }
}
