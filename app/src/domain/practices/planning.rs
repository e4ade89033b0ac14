//! "Planificar semana": a leader's week proposed from the catalog in one
//! step, and the conflicts between a calendar's events.
//!
//! Every practice the leader owes this week and has not planned yet is
//! placed on the working days its frequency asks for, at its usual hour or
//! the first free quarter-hour after it, so a week is planned in one tap
//! and then adjusted by hand.

use super::recurrence::{DayRange, period_of, workdays_of_week};
use super::{Frequency, PracticeDef, PracticeKind};
use crate::domain::role::Role;
use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// A stretch of a leader's time, in local (Bogotá) time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Slot {
    pub start: NaiveDateTime,
    pub minutes: u32,
}

impl Slot {
    pub fn end(&self) -> NaiveDateTime {
        self.start + Duration::minutes(i64::from(self.minutes))
    }

    /// Two events conflict when they share any minute; one ending when the
    /// other starts does not.
    pub fn overlaps(&self, other: &Slot) -> bool {
        self.start < other.end() && other.start < self.end()
    }
}

/// The pairs (by index, lower first) of slots that overlap.
pub fn conflicts(slots: &[Slot]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..slots.len()).collect();
    order.sort_by_key(|&i| (slots[i].start, i));
    let mut pairs = Vec::new();
    for (at, &i) in order.iter().enumerate() {
        for &j in &order[at + 1..] {
            if slots[j].start >= slots[i].end() {
                break;
            }
            if slots[i].overlaps(&slots[j]) {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort();
    pairs
}

/// The working hours practices are planned in.
pub fn day_opens() -> NaiveTime {
    NaiveTime::from_hms_opt(7, 0, 0).expect("a valid time")
}

pub fn day_closes() -> NaiveTime {
    NaiveTime::from_hms_opt(19, 0, 0).expect("a valid time")
}

/// Where in the week and at what hour a practice usually goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    FirstDays,
    LastDays,
    Spread,
    On(Weekday),
}

fn habit(kind: PracticeKind) -> (Placement, u32, u32) {
    use Placement::*;
    use PracticeKind::*;
    match kind {
        DialogoDiario => (Spread, 8, 0),
        ConfirmacionProceso => (Spread, 10, 0),
        AgendaLider => (FirstDays, 7, 30),
        DialogoSemanal => (FirstDays, 8, 30),
        ConfirmacionFunciones => (Spread, 11, 0),
        Adherencia => (LastDays, 16, 30),
        MejoraContinua => (On(Weekday::Thu), 14, 0),
        CircuitoMejora => (On(Weekday::Thu), 15, 30),
        Barometro => (On(Weekday::Wed), 14, 0),
    }
}

/// A practice proposed for the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Proposal {
    pub kind: PracticeKind,
    pub slot: Slot,
    /// Whether no free time was found and it overlaps another event.
    pub conflicts: bool,
}

/// How far ahead of its close a half-year's practice is proposed: planned
/// in time, not in January.
pub const HALF_YEAR_LEAD_DAYS: u64 = 30;

/// The week starting on `monday` planned for a leader of `role`.
/// `calendar` is every event already in the leader's calendar around that
/// week (for free time) and `held` every practice already planned or done
/// (by kind and day, over at least the fortnight and half-year around the
/// week), so planning twice proposes nothing new.
pub fn plan_week(
    catalog: &[PracticeDef],
    role: Role,
    monday: NaiveDate,
    calendar: &[Slot],
    held: &[(PracticeKind, NaiveDate)],
) -> Vec<Proposal> {
    let workdays = workdays_of_week(monday);
    if workdays.is_empty() {
        return Vec::new();
    }
    let week = DayRange {
        first: monday,
        last: monday + Days::new(6),
    };
    let count_in = |kind: PracticeKind, range: DayRange| {
        held.iter()
            .filter(|(k, day)| *k == kind && range.contains(*day))
            .count() as u32
    };
    let mut taken: Vec<Slot> = calendar.to_vec();
    let mut proposals = Vec::new();
    for def in catalog {
        let Some(goal) = def.goal_for(role) else {
            continue;
        };
        let (placement, hour, minute) = habit(def.kind);
        let days: Vec<NaiveDate> = match def.frequency {
            Frequency::Diaria => workdays
                .iter()
                .flat_map(|day| {
                    let owed = goal.saturating_sub(count_in(
                        def.kind,
                        DayRange {
                            first: *day,
                            last: *day,
                        },
                    ));
                    std::iter::repeat_n(*day, owed as usize)
                })
                .collect(),
            Frequency::Semanal => {
                let owed = goal.saturating_sub(count_in(def.kind, week));
                let free: Vec<NaiveDate> = workdays
                    .iter()
                    .copied()
                    .filter(|day| {
                        count_in(
                            def.kind,
                            DayRange {
                                first: *day,
                                last: *day,
                            },
                        ) == 0
                    })
                    .collect();
                let pool = if free.len() >= owed as usize {
                    free
                } else {
                    workdays.clone()
                };
                choose_days(&pool, owed as usize, placement)
            }
            Frequency::Quincenal | Frequency::Semestral => {
                let period = period_of(def.frequency, monday);
                let soon = def.frequency == Frequency::Quincenal
                    || period.last <= week.last + Days::new(HALF_YEAR_LEAD_DAYS);
                let owed = if soon {
                    goal.saturating_sub(count_in(def.kind, period))
                } else {
                    0
                };
                let in_period: Vec<NaiveDate> = workdays
                    .iter()
                    .copied()
                    .filter(|day| period.contains(*day))
                    .collect();
                choose_days(&in_period, owed as usize, placement)
            }
        };
        let at = NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid time");
        for day in days {
            let (slot, conflicts) = free_slot(&taken, day, at, def.duration_minutes);
            taken.push(slot);
            proposals.push(Proposal {
                kind: def.kind,
                slot,
                conflicts,
            });
        }
    }
    proposals.sort_by_key(|p| p.slot.start);
    proposals
}

/// `count` days out of `days` (in order), placed as the practice's habit
/// says; more than there are days repeats them.
fn choose_days(days: &[NaiveDate], count: usize, placement: Placement) -> Vec<NaiveDate> {
    if days.is_empty() || count == 0 {
        return Vec::new();
    }
    let n = days.len();
    let mut chosen: Vec<NaiveDate> = match placement {
        Placement::FirstDays => (0..count).map(|i| days[i % n]).collect(),
        Placement::LastDays => (0..count).map(|i| days[n - 1 - i % n]).collect(),
        Placement::Spread if count == 1 => vec![days[0]],
        Placement::Spread => (0..count)
            .map(|i| days[(i * (n - 1) / (count - 1).max(1)) % n])
            .collect(),
        Placement::On(weekday) => {
            let wanted = days
                .iter()
                .position(|day| {
                    day.weekday().num_days_from_monday() >= weekday.num_days_from_monday()
                })
                .unwrap_or(n - 1);
            (0..count).map(|i| days[(wanted + i) % n]).collect()
        }
    };
    chosen.sort();
    chosen
}

/// The first quarter-hour from `at` on `day` where `minutes` fit without
/// touching `taken`, within working hours; the habitual hour, flagged as a
/// conflict, when the day has no such gap.
fn free_slot(taken: &[Slot], day: NaiveDate, at: NaiveTime, minutes: u32) -> (Slot, bool) {
    let wanted = Slot {
        start: day.and_time(at),
        minutes,
    };
    let closes = day.and_time(day_closes());
    let mut candidate = wanted;
    while candidate.end() <= closes {
        if !taken.iter().any(|other| other.overlaps(&candidate)) {
            return (candidate, false);
        }
        candidate.start += Duration::minutes(15);
    }
    // Nothing after the habitual hour: try from the day's opening.
    candidate.start = day.and_time(day_opens());
    while candidate.start < wanted.start {
        if !taken.iter().any(|other| other.overlaps(&candidate)) {
            return (candidate, false);
        }
        candidate.start += Duration::minutes(15);
    }
    (wanted, true)
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

    fn at(day: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        day.and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn touching_events_do_not_conflict_overlapping_ones_do() {
        let day = d(2026, 11, 23);
        let slots = [
            Slot {
                start: at(day, 8, 0),
                minutes: 15,
            },
            Slot {
                start: at(day, 8, 15),
                minutes: 30,
            },
            Slot {
                start: at(day, 8, 30),
                minutes: 60,
            },
            Slot {
                start: at(day, 7, 0),
                minutes: 240,
            },
        ];
        assert_eq!(conflicts(&slots), vec![(0, 3), (1, 2), (1, 3), (2, 3)]);
    }

    #[test]
    fn a_supervisors_week_from_the_catalog() {
        let monday = d(2026, 11, 23);
        let plan = plan_week(&default_catalog(), Role::Supervisor, monday, &[], &[]);
        let count = |kind| plan.iter().filter(|p| p.kind == kind).count();
        assert_eq!(count(PracticeKind::DialogoDiario), 5);
        assert_eq!(count(PracticeKind::ConfirmacionProceso), 5);
        assert_eq!(count(PracticeKind::AgendaLider), 1);
        assert_eq!(count(PracticeKind::Adherencia), 1);
        // The fortnight of 16–29 November has no mejora continua yet.
        assert_eq!(count(PracticeKind::MejoraContinua), 1);
        // The half-year closes more than 30 days later.
        assert_eq!(count(PracticeKind::Barometro), 0);
        let agenda = plan
            .iter()
            .find(|p| p.kind == PracticeKind::AgendaLider)
            .unwrap();
        assert_eq!(agenda.slot.start, at(monday, 7, 30));
        let adherence = plan
            .iter()
            .find(|p| p.kind == PracticeKind::Adherencia)
            .unwrap();
        assert_eq!(adherence.slot.start, at(d(2026, 11, 27), 16, 30));
        let improvement = plan
            .iter()
            .find(|p| p.kind == PracticeKind::MejoraContinua)
            .unwrap();
        assert_eq!(improvement.slot.start, at(d(2026, 11, 26), 14, 0));
        assert!(plan.iter().all(|p| !p.conflicts));
        assert!(conflicts(&plan.iter().map(|p| p.slot).collect::<Vec<_>>()).is_empty());
    }

    #[test]
    fn planning_again_proposes_nothing_and_busy_hours_are_avoided() {
        let monday = d(2026, 11, 23);
        let catalog = default_catalog();
        let plan = plan_week(&catalog, Role::Supervisor, monday, &[], &[]);
        let held: Vec<_> = plan.iter().map(|p| (p.kind, p.slot.start.date())).collect();
        let calendar: Vec<_> = plan.iter().map(|p| p.slot).collect();
        assert!(plan_week(&catalog, Role::Supervisor, monday, &calendar, &held).is_empty());

        // A training from 8:00 to 9:00 on Monday pushes the diálogo to 9:00.
        let training = Slot {
            start: at(monday, 8, 0),
            minutes: 60,
        };
        let plan = plan_week(&catalog, Role::Supervisor, monday, &[training], &[]);
        let first = plan
            .iter()
            .find(|p| p.kind == PracticeKind::DialogoDiario)
            .unwrap();
        assert_eq!(first.slot.start, at(monday, 9, 0));
    }

    #[test]
    fn a_coordinador_gets_three_confirmaciones_spread_over_the_week() {
        let monday = d(2026, 11, 23);
        let plan = plan_week(&default_catalog(), Role::Coordinador, monday, &[], &[]);
        let days: Vec<_> = plan
            .iter()
            .filter(|p| p.kind == PracticeKind::ConfirmacionFunciones)
            .map(|p| p.slot.start.date())
            .collect();
        assert_eq!(
            days,
            vec![d(2026, 11, 23), d(2026, 11, 25), d(2026, 11, 27)]
        );
    }

    #[test]
    fn a_holiday_week_plans_on_working_days_only() {
        // Holy week 2025 and the barómetro, due by 30 June, not yet held:
        // the week of 9 June 2025 is within 30 days of the close.
        let plan = plan_week(
            &default_catalog(),
            Role::Supervisor,
            d(2025, 4, 14),
            &[],
            &[],
        );
        assert!(plan.iter().all(|p| is_workday(p.slot.start.date())));
        let adherence = plan
            .iter()
            .find(|p| p.kind == PracticeKind::Adherencia)
            .unwrap();
        assert_eq!(adherence.slot.start.date(), d(2025, 4, 16));
        let june = plan_week(
            &default_catalog(),
            Role::Supervisor,
            d(2025, 6, 9),
            &[],
            &[],
        );
        assert_eq!(
            june.iter()
                .filter(|p| p.kind == PracticeKind::Barometro)
                .count(),
            1
        );
    }

    proptest! {
        #[test]
        fn a_planned_week_meets_every_goal_without_conflicts(offset in 0u32..1200) {
            let monday = week_start(d(2024, 1, 1) + Days::new(u64::from(offset)));
            let catalog = default_catalog();
            for role in [Role::Supervisor, Role::Coordinador, Role::Gerente] {
                let plan = plan_week(&catalog, role, monday, &[], &[]);
                for p in &plan {
                    prop_assert!(is_workday(p.slot.start.date()));
                    prop_assert!(p.slot.start.time() >= day_opens());
                    prop_assert!(p.slot.end().time() <= day_closes());
                }
                prop_assert!(conflicts(&plan.iter().map(|p| p.slot).collect::<Vec<_>>()).is_empty());
                let held: Vec<_> = plan.iter().map(|p| (p.kind, p.slot.start.date())).collect();
                let week = crate::domain::practices::adherence::week_adherence(&catalog, role, monday, &held);
                // Everything owed this week is planned.
                for row in &week.practices {
                    prop_assert_eq!(row.credited, row.due, "{:?}", row.kind);
                }
            }
        }
    }
}
