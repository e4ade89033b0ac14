//! When practices fall due: working days, the period of each frequency, and
//! the dates of a recurring series.

use super::Frequency;
use crate::domain::holidays::is_business_day;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Practices are owed on working days: Monday to Friday, not a Colombian
/// public holiday (the same days the PQR due dates count).
pub fn is_workday(day: NaiveDate) -> bool {
    is_business_day(day)
}

/// The Monday of the ISO week holding `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The days of the week starting on `monday`.
pub fn week_days(monday: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    (0..7).map(move |offset| monday + Days::new(offset))
}

/// The working days of the week starting on `monday`.
pub fn workdays_of_week(monday: NaiveDate) -> Vec<NaiveDate> {
    week_days(monday).filter(|day| is_workday(*day)).collect()
}

/// Fortnights are counted from this Monday, so they are the same for every
/// leader and every year.
pub fn fortnight_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date")
}

/// A closed range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DayRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DayRange {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }
}

/// The period of `frequency` that holds `day`: the day itself, its ISO
/// week, its fortnight or its half-year.
pub fn period_of(frequency: Frequency, day: NaiveDate) -> DayRange {
    match frequency {
        Frequency::Diaria => DayRange {
            first: day,
            last: day,
        },
        Frequency::Semanal => {
            let first = week_start(day);
            DayRange {
                first,
                last: first + Days::new(6),
            }
        }
        Frequency::Quincenal => {
            let weeks = (week_start(day) - fortnight_epoch()).num_weeks();
            let first = fortnight_epoch() + chrono::Duration::weeks(weeks - weeks.rem_euclid(2));
            DayRange {
                first,
                last: first + Days::new(13),
            }
        }
        Frequency::Semestral => {
            let (from_month, to) = if day.month() <= 6 {
                (1, NaiveDate::from_ymd_opt(day.year(), 6, 30))
            } else {
                (7, NaiveDate::from_ymd_opt(day.year(), 12, 31))
            };
            DayRange {
                first: NaiveDate::from_ymd_opt(day.year(), from_month, 1).expect("a valid date"),
                last: to.expect("a valid date"),
            }
        }
    }
}

/// The last working day of `range`, if it has one.
pub fn last_workday(range: DayRange) -> Option<NaiveDate> {
    days(range.first, range.last)
        .filter(|day| is_workday(*day))
        .last()
}

/// A recurring series of one practice: which days it lands on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    pub frequency: Frequency,
    /// For weekly and fortnightly series, the weekdays it is held on (a
    /// weekly goal of 3 is three weekdays); daily series use every working
    /// day and half-yearly ones the day of `starts` every six months.
    pub weekdays: Vec<Weekday>,
    pub starts: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Recurrence {
    /// The dates of the series within `range`, in order. A weekly or
    /// fortnightly date that falls on a non-working day moves to the next
    /// working day of the same week (the previous one when none is left);
    /// it is dropped when the week has none, or when the day it moves to
    /// already holds the series. A half-yearly date moves to the next
    /// working day.
    pub fn dates_in(&self, range: DayRange) -> Vec<NaiveDate> {
        let first = range.first.max(self.starts);
        let last = match self.until {
            Some(until) => range.last.min(until),
            None => range.last,
        };
        if first > last {
            return Vec::new();
        }
        let mut dates: Vec<NaiveDate> = match self.frequency {
            Frequency::Diaria => days(first, last).filter(|day| is_workday(*day)).collect(),
            Frequency::Semanal => self.weekly(first, last, 1),
            Frequency::Quincenal => self.weekly(first, last, 2),
            Frequency::Semestral => self.half_yearly(first, last),
        };
        dates.sort();
        dates.dedup();
        dates
    }

    fn weekly(&self, first: NaiveDate, last: NaiveDate, every_weeks: i64) -> Vec<NaiveDate> {
        let mut dates = Vec::new();
        let mut monday = week_start(first);
        // Every other week counts from the series' own first week.
        let anchor = week_start(self.starts);
        while monday <= last {
            let in_step = (monday - anchor).num_weeks().rem_euclid(every_weeks) == 0;
            if in_step {
                for weekday in &self.weekdays {
                    let day = monday + Days::new(u64::from(weekday.num_days_from_monday()));
                    if let Some(day) = to_workday(day)
                        && first <= day
                        && day <= last
                        && day >= self.starts
                    {
                        dates.push(day);
                    }
                }
            }
            monday = monday + Days::new(7);
        }
        dates
    }

    fn half_yearly(&self, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
        let mut dates = Vec::new();
        let mut step = 0u32;
        while let Some(day) = self.starts.checked_add_months(Months::new(6 * step)) {
            if day > last + Days::new(7) {
                break;
            }
            // Not bound to a week: the first working day on or after it.
            let day = next_workday(day);
            if first <= day && day <= last {
                dates.push(day);
            }
            step += 1;
        }
        dates
    }
}

/// The working day a planned date lands on: itself, else the next working
/// day of its week, else the previous one; none when the week has none.
pub fn to_workday(day: NaiveDate) -> Option<NaiveDate> {
    if is_workday(day) {
        return Some(day);
    }
    let monday = week_start(day);
    let sunday = monday + Days::new(6);
    days(day, sunday)
        .find(|d| is_workday(*d))
        .or_else(|| days(monday, day).filter(|d| is_workday(*d)).last())
}

/// The first working day on or after `day`.
pub fn next_workday(day: NaiveDate) -> NaiveDate {
    day.iter_days()
        .find(|d| is_workday(*d))
        .expect("a working day always comes")
}

/// The last working day before `day`: what a diálogo diario looks back on
/// (a Monday's is the Friday before, a day after a holiday skips it).
pub fn previous_workday(day: NaiveDate) -> NaiveDate {
    let mut back = day - Days::new(1);
    while !is_workday(back) {
        back = back - Days::new(1);
    }
    back
}

fn days(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |day| *day <= last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_dialogue_looks_back_on_the_previous_working_day() {
        // A Wednesday looks at Tuesday.
        assert_eq!(previous_workday(d(2026, 12, 2)), d(2026, 12, 1));
        // A Monday looks at the Friday before.
        assert_eq!(previous_workday(d(2026, 11, 30)), d(2026, 11, 27));
        // Tuesday 9 December 2025 follows Monday 8, Inmaculada Concepción:
        // it looks at Friday 5.
        assert_eq!(previous_workday(d(2025, 12, 9)), d(2025, 12, 5));
    }

    const WEEK: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    fn all(first: NaiveDate, last: NaiveDate) -> DayRange {
        DayRange { first, last }
    }

    #[test]
    fn holy_week_has_three_working_days() {
        // 2025: Jueves Santo 17 April, Viernes Santo 18 April.
        let monday = d(2025, 4, 14);
        assert_eq!(
            workdays_of_week(monday),
            vec![d(2025, 4, 14), d(2025, 4, 15), d(2025, 4, 16)]
        );
        // 2026: Monday 12 January is Reyes Magos moved by Ley Emiliani.
        assert_eq!(workdays_of_week(d(2026, 1, 12)).len(), 4);
    }

    #[test]
    fn periods_of_each_frequency() {
        let day = d(2026, 12, 2); // a Wednesday
        assert_eq!(period_of(Frequency::Diaria, day), all(day, day));
        assert_eq!(
            period_of(Frequency::Semanal, day),
            all(d(2026, 11, 30), d(2026, 12, 6))
        );
        assert_eq!(
            period_of(Frequency::Semestral, day),
            all(d(2026, 7, 1), d(2026, 12, 31))
        );
        assert_eq!(
            period_of(Frequency::Semestral, d(2026, 6, 30)),
            all(d(2026, 1, 1), d(2026, 6, 30))
        );
        // The epoch's fortnight, and one a year later.
        assert_eq!(
            period_of(Frequency::Quincenal, d(2024, 1, 10)),
            all(d(2024, 1, 1), d(2024, 1, 14))
        );
        assert_eq!(
            period_of(Frequency::Quincenal, d(2023, 12, 31)),
            all(d(2023, 12, 18), d(2023, 12, 31))
        );
    }

    #[test]
    fn a_daily_series_skips_weekends_and_holidays() {
        let series = Recurrence {
            frequency: Frequency::Diaria,
            weekdays: vec![],
            starts: d(2025, 4, 1),
            until: None,
        };
        let dates = series.dates_in(all(d(2025, 4, 14), d(2025, 4, 20)));
        assert_eq!(dates, vec![d(2025, 4, 14), d(2025, 4, 15), d(2025, 4, 16)]);
    }

    #[test]
    fn a_weekly_date_on_a_holiday_moves_within_its_week() {
        // Three a week on Monday, Wednesday and Friday; Friday 18 April 2025
        // is Viernes Santo and Thursday too: it moves back to Wednesday,
        // which already holds the series, so the week has two.
        let series = Recurrence {
            frequency: Frequency::Semanal,
            weekdays: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
            starts: d(2025, 1, 1),
            until: None,
        };
        assert_eq!(
            series.dates_in(all(d(2025, 4, 14), d(2025, 4, 20))),
            vec![d(2025, 4, 14), d(2025, 4, 16)]
        );
        // Monday 12 January 2026 (Reyes) moves to Tuesday.
        assert_eq!(
            series.dates_in(all(d(2026, 1, 12), d(2026, 1, 18))),
            vec![d(2026, 1, 13), d(2026, 1, 14), d(2026, 1, 16)]
        );
    }

    #[test]
    fn a_fortnightly_series_skips_every_other_week_from_its_start() {
        let series = Recurrence {
            frequency: Frequency::Quincenal,
            weekdays: vec![Weekday::Thu],
            starts: d(2026, 11, 5),
            until: Some(d(2026, 12, 31)),
        };
        assert_eq!(
            series.dates_in(all(d(2026, 11, 1), d(2027, 1, 31))),
            vec![
                d(2026, 11, 5),
                d(2026, 11, 19),
                d(2026, 12, 3),
                d(2026, 12, 17),
                d(2026, 12, 31)
            ]
        );
    }

    #[test]
    fn a_half_yearly_series_comes_back_six_months_later() {
        let series = Recurrence {
            frequency: Frequency::Semestral,
            weekdays: vec![],
            starts: d(2026, 6, 20), // a Saturday: held on Monday the 22nd
            until: None,
        };
        assert_eq!(
            series.dates_in(all(d(2026, 1, 1), d(2027, 12, 31))),
            vec![
                d(2026, 6, 22),
                d(2026, 12, 21),
                d(2027, 6, 21),
                d(2027, 12, 20)
            ]
        );
    }

    proptest! {
        #[test]
        fn every_date_of_a_series_is_a_working_day_in_range(
            start in 0u32..1500,
            len in 0u32..120,
            frequency in prop::sample::select(Frequency::ALL.to_vec()),
            weekdays in prop::collection::vec(0u32..7, 1..4),
        ) {
            let first = d(2024, 1, 1) + Days::new(u64::from(start));
            let range = all(first, first + Days::new(u64::from(len)));
            let series = Recurrence {
                frequency,
                weekdays: weekdays.iter().map(|w| WEEK[*w as usize]).collect(),
                starts: d(2024, 1, 3),
                until: None,
            };
            let dates = series.dates_in(range);
            for pair in dates.windows(2) {
                prop_assert!(pair[0] < pair[1]);
            }
            for day in &dates {
                prop_assert!(is_workday(*day));
                prop_assert!(range.contains(*day));
            }
            // A weekly series with k weekdays never gives more than k in a week.
            if frequency == Frequency::Semanal {
                for monday in days(week_start(range.first), range.last).filter(|d| d.weekday() == Weekday::Mon) {
                    let week = all(monday, monday + Days::new(6));
                    let mut distinct = weekdays.clone();
                    distinct.sort();
                    distinct.dedup();
                    prop_assert!(dates.iter().filter(|d| week.contains(**d)).count() <= distinct.len());
                }
            }
        }

        #[test]
        fn periods_hold_their_day_and_tile_time(offset in 0u32..3000, frequency in prop::sample::select(Frequency::ALL.to_vec())) {
            let day = d(2023, 1, 1) + Days::new(u64::from(offset));
            let period = period_of(frequency, day);
            prop_assert!(period.contains(day));
            // The next period starts the day after this one ends.
            let next = period_of(frequency, period.last + Days::new(1));
            prop_assert_eq!(next.first, period.last + Days::new(1));
            prop_assert_eq!(period_of(frequency, period.first), period);
        }
    }
}
