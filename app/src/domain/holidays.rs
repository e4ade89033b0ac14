//! Colombian public holidays for any year, and business days.
//!
//! Law 51 of 1983 ("Ley Emiliani") moves most holidays to the following
//! Monday; six stay on their date; five follow Easter (Thursday and Friday of
//! Holy Week stay, Ascension, Corpus Christi and Sacred Heart move to Monday).
//! Used by the contact policy (no calls on holidays) and by legal due dates
//! (PQR: 15 business days).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Why a day is a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: &'static str,
}

/// Holidays that never move.
const FIXED: [(u32, u32, &str); 6] = [
    (1, 1, "Año Nuevo"),
    (5, 1, "Día del Trabajo"),
    (7, 20, "Día de la Independencia"),
    (8, 7, "Batalla de Boyacá"),
    (12, 8, "Inmaculada Concepción"),
    (12, 25, "Navidad"),
];

/// Holidays moved to the following Monday when they fall on another day.
const MOVED_TO_MONDAY: [(u32, u32, &str); 7] = [
    (1, 6, "Día de los Reyes Magos"),
    (3, 19, "Día de San José"),
    (6, 29, "San Pedro y San Pablo"),
    (8, 15, "La Asunción de la Virgen"),
    (10, 12, "Día de la Raza"),
    (11, 1, "Todos los Santos"),
    (11, 11, "Independencia de Cartagena"),
];

/// Easter Sunday (Gregorian calendar), by the anonymous "Meeus/Jones/Butcher"
/// algorithm.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

/// Every holiday of a year, in date order (two may share a date).
pub fn holidays(year: i32) -> Vec<Holiday> {
    let easter = easter_sunday(year);
    let mut days: Vec<Holiday> = FIXED
        .iter()
        .map(|(month, day, name)| Holiday {
            date: date(year, *month, *day),
            name,
        })
        .chain(MOVED_TO_MONDAY.iter().map(|(month, day, name)| Holiday {
            date: next_monday(date(year, *month, *day)),
            name,
        }))
        .chain([
            Holiday {
                date: easter - Duration::days(3),
                name: "Jueves Santo",
            },
            Holiday {
                date: easter - Duration::days(2),
                name: "Viernes Santo",
            },
            Holiday {
                date: next_monday(easter + Duration::days(39)),
                name: "Ascensión del Señor",
            },
            Holiday {
                date: next_monday(easter + Duration::days(60)),
                name: "Corpus Christi",
            },
            Holiday {
                date: next_monday(easter + Duration::days(68)),
                name: "Sagrado Corazón",
            },
        ])
        .collect();
    days.sort_by_key(|holiday| holiday.date);
    days
}

/// The holiday on a date, if any.
pub fn holiday_on(day: NaiveDate) -> Option<Holiday> {
    holidays(day.year()).into_iter().find(|h| h.date == day)
}

/// Whether a date is a Colombian public holiday.
pub fn is_holiday(day: NaiveDate) -> bool {
    holiday_on(day).is_some()
}

/// Monday to Friday and not a holiday.
pub fn is_business_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(day)
}

/// The business day that is `count` business days after `start` (the start
/// day itself does not count): a PQR filed on `start` is due on
/// `add_business_days(start, 15)`.
pub fn add_business_days(start: NaiveDate, count: u32) -> NaiveDate {
    let mut day = start;
    let mut left = count;
    while left > 0 {
        day = day.succ_opt().expect("dates stay far from the end of time");
        if is_business_day(day) {
            left -= 1;
        }
    }
    day
}

fn next_monday(day: NaiveDate) -> NaiveDate {
    let ahead = (7 - day.weekday().num_days_from_monday()) % 7;
    day + Duration::days(i64::from(ahead))
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid calendar date")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dates(year: i32) -> Vec<String> {
        holidays(year)
            .iter()
            .map(|h| h.date.format("%m-%d").to_string())
            .collect()
    }

    #[test]
    fn easter_dates_are_right() {
        assert_eq!(easter_sunday(2024), date(2024, 3, 31));
        assert_eq!(easter_sunday(2025), date(2025, 4, 20));
        assert_eq!(easter_sunday(2026), date(2026, 4, 5));
        assert_eq!(easter_sunday(2027), date(2027, 3, 28));
        assert_eq!(easter_sunday(2038), date(2038, 4, 25));
    }

    #[test]
    fn holidays_2024_match_the_official_calendar() {
        // San Pedro (29 Jun, a Saturday) moves to Monday 1 Jul.
        assert_eq!(
            dates(2024),
            [
                "01-01", "01-08", "03-25", "03-28", "03-29", "05-01", "05-13", "06-03", "06-10",
                "07-01", "07-20", "08-07", "08-19", "10-14", "11-04", "11-11", "12-08", "12-25"
            ]
        );
    }

    #[test]
    fn holidays_2027_match_the_official_calendar() {
        assert_eq!(
            dates(2027),
            [
                "01-01", "01-11", "03-22", "03-25", "03-26", "05-01", "05-10", "05-31", "06-07",
                "07-05", "07-20", "08-07", "08-16", "10-18", "11-01", "11-15", "12-08", "12-25"
            ]
        );
    }

    #[test]
    fn holidays_2025_match_the_official_calendar() {
        // San Pedro (29 Jun, a Sunday) and Sagrado Corazón both fall on 30 Jun.
        assert_eq!(
            dates(2025),
            [
                "01-01", "01-06", "03-24", "04-17", "04-18", "05-01", "06-02", "06-23", "06-30",
                "06-30", "07-20", "08-07", "08-18", "10-13", "11-03", "11-17", "12-08", "12-25"
            ]
        );
    }

    #[test]
    fn holidays_2026_match_the_official_calendar() {
        assert_eq!(
            dates(2026),
            [
                "01-01", "01-12", "03-23", "04-02", "04-03", "05-01", "05-18", "06-08", "06-15",
                "06-29", "07-20", "08-07", "08-17", "10-12", "11-02", "11-16", "12-08", "12-25"
            ]
        );
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // Friday 3 Apr 2026 is Viernes Santo; the next business day is Monday 6.
        assert_eq!(add_business_days(date(2026, 4, 1), 1), date(2026, 4, 6));
        // Filed Friday 9 Jan 2026: Monday 12 is Reyes, so day 1 is Tuesday 13.
        assert_eq!(add_business_days(date(2026, 1, 9), 1), date(2026, 1, 13));
        assert_eq!(add_business_days(date(2026, 1, 9), 15), date(2026, 2, 2));
        assert!(!is_business_day(date(2026, 12, 25)));
        assert_eq!(
            holiday_on(date(2026, 7, 20)).map(|h| h.name),
            Some("Día de la Independencia")
        );
    }

    proptest! {
        /// Every year has 18 holidays; a moved holiday always lands on a Monday.
        #[test]
        fn every_year_has_eighteen_holidays_and_moved_ones_are_mondays(year in 1990i32..2200) {
            let all = holidays(year);
            prop_assert_eq!(all.len(), 18);
            for holiday in &all {
                let fixed = FIXED.iter().any(|(_, _, name)| *name == holiday.name)
                    || matches!(holiday.name, "Jueves Santo" | "Viernes Santo");
                if !fixed {
                    prop_assert_eq!(holiday.date.weekday(), Weekday::Mon, "{:?}", holiday);
                }
                prop_assert_eq!(holiday.date.year(), year);
            }
        }

        /// Adding business days lands on a business day, strictly later, and
        /// never skips more than the weekends and holidays in between.
        #[test]
        fn added_business_days_land_on_business_days(
            offset in 0i64..20_000,
            count in 1u32..40,
        ) {
            let start = date(2000, 1, 1) + Duration::days(offset);
            let due = add_business_days(start, count);
            prop_assert!(is_business_day(due));
            prop_assert!(due > start);
            let business_between = (1..=(due - start).num_days())
                .filter(|d| is_business_day(start + Duration::days(*d)))
                .count();
            prop_assert_eq!(business_between, count as usize);
        }
    }
}
