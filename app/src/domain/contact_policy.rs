//! When a customer may be called: days and hours in Bogotá time, never on a
//! Colombian public holiday (unless a base says otherwise).

use super::holidays::is_holiday;
use super::local_time::bogota;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// The hours of one weekday during which calls are allowed, `start` included
/// and `end` excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DayWindow {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    #[cfg_attr(feature = "ssr", schema(value_type = String, example = "07:00"))]
    pub start: NaiveTime,
    #[cfg_attr(feature = "ssr", schema(value_type = String, example = "19:00"))]
    pub end: NaiveTime,
}

/// A base's contact policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ContactPolicy {
    pub windows: Vec<DayWindow>,
    /// No calls on Colombian public holidays.
    pub skip_holidays: bool,
}

impl Default for ContactPolicy {
    /// Monday to Friday 07:00–19:00, Saturday 08:00–15:00, no holidays.
    fn default() -> Self {
        let hours = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).expect("valid hour");
        let mut windows: Vec<DayWindow> = (1..=5)
            .map(|weekday| DayWindow {
                weekday,
                start: hours(7),
                end: hours(19),
            })
            .collect();
        windows.push(DayWindow {
            weekday: 6,
            start: hours(8),
            end: hours(15),
        });
        ContactPolicy {
            windows,
            skip_holidays: true,
        }
    }
}

impl ContactPolicy {
    /// Whether a call may be made at this instant.
    pub fn allows(&self, at: DateTime<Utc>) -> bool {
        let local = at.with_timezone(&bogota());
        if self.skip_holidays && is_holiday(local.date_naive()) {
            return false;
        }
        let weekday = weekday_number(local.weekday());
        let time = local.time();
        self.windows
            .iter()
            .any(|w| w.weekday == weekday && w.start <= time && time < w.end)
    }

    /// The first instant at or after `from` when a call is allowed, within
    /// the next 60 days; `None` when the policy never allows one.
    pub fn next_allowed(&self, from: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.allows(from) {
            return Some(from);
        }
        let offset = bogota();
        let local_from = from.with_timezone(&offset);
        for days_ahead in 0..60 {
            let day = local_from.date_naive() + Duration::days(days_ahead);
            if self.skip_holidays && is_holiday(day) {
                continue;
            }
            let weekday = weekday_number(day.weekday());
            let mut starts: Vec<NaiveTime> = self
                .windows
                .iter()
                .filter(|w| w.weekday == weekday && w.start < w.end)
                .map(|w| w.start)
                .collect();
            starts.sort();
            for start in starts {
                let candidate = offset
                    .from_local_datetime(&day.and_time(start))
                    .single()?
                    .with_timezone(&Utc);
                if candidate > from {
                    return Some(candidate);
                }
            }
        }
        None
    }

    /// Problems with the policy, in Spanish, for the form that edits it.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for window in &self.windows {
            if !(1..=7).contains(&window.weekday) {
                problems.push(format!("Día de la semana no válido: {}.", window.weekday));
            } else if window.start >= window.end {
                problems.push(format!(
                    "El horario del {} debe terminar después de empezar.",
                    weekday_name(window.weekday)
                ));
            }
        }
        if self.windows.is_empty() {
            problems.push("La política no permite llamar ningún día.".into());
        }
        problems
    }
}

/// 1 = Monday … 7 = Sunday.
pub fn weekday_number(weekday: Weekday) -> u8 {
    weekday.number_from_monday() as u8
}

/// The Spanish name of a weekday number.
pub fn weekday_name(weekday: u8) -> &'static str {
    match weekday {
        1 => "lunes",
        2 => "martes",
        3 => "miércoles",
        4 => "jueves",
        5 => "viernes",
        6 => "sábado",
        7 => "domingo",
        _ => "día desconocido",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An instant given in Bogotá local time.
    fn bogota_at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        bogota()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn default_policy_windows() {
        let policy = ContactPolicy::default();
        // Tuesday 24 Nov 2026.
        assert!(!policy.allows(bogota_at(2026, 11, 24, 6, 59)));
        assert!(policy.allows(bogota_at(2026, 11, 24, 7, 0)));
        assert!(policy.allows(bogota_at(2026, 11, 24, 18, 59)));
        assert!(!policy.allows(bogota_at(2026, 11, 24, 19, 0)));
        // Saturday 28 Nov 2026.
        assert!(!policy.allows(bogota_at(2026, 11, 28, 7, 30)));
        assert!(policy.allows(bogota_at(2026, 11, 28, 8, 0)));
        assert!(!policy.allows(bogota_at(2026, 11, 28, 15, 0)));
        // Sunday.
        assert!(!policy.allows(bogota_at(2026, 11, 29, 10, 0)));
    }

    #[test]
    fn no_calls_on_holidays_unless_the_base_allows_them() {
        // Monday 16 Nov 2026: Independencia de Cartagena.
        let holiday = bogota_at(2026, 11, 16, 10, 0);
        let mut policy = ContactPolicy::default();
        assert!(!policy.allows(holiday));
        policy.skip_holidays = false;
        assert!(policy.allows(holiday));
    }

    #[test]
    fn bogota_time_is_used_whatever_the_server_clock() {
        // 23:30 UTC on Tuesday is 18:30 in Bogotá: allowed.
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 23, 30, 0).unwrap();
        assert!(ContactPolicy::default().allows(at));
        // 12:30 UTC is 07:30 in Bogotá: allowed; 11:30 UTC is 06:30: not.
        assert!(
            ContactPolicy::default().allows(Utc.with_ymd_and_hms(2026, 11, 24, 12, 30, 0).unwrap())
        );
        assert!(
            !ContactPolicy::default()
                .allows(Utc.with_ymd_and_hms(2026, 11, 24, 11, 30, 0).unwrap())
        );
    }

    #[test]
    fn next_allowed_skips_nights_weekends_and_holidays() {
        let policy = ContactPolicy::default();
        // Saturday 14 Nov 2026 at 16:00 → Monday 16 is a holiday → Tuesday 07:00.
        assert_eq!(
            policy.next_allowed(bogota_at(2026, 11, 14, 16, 0)),
            Some(bogota_at(2026, 11, 17, 7, 0))
        );
        let now = bogota_at(2026, 11, 24, 10, 0);
        assert_eq!(policy.next_allowed(now), Some(now));
        let never = ContactPolicy {
            windows: vec![],
            skip_holidays: true,
        };
        assert_eq!(never.next_allowed(now), None);
        assert!(!never.problems().is_empty());
    }

    proptest! {
        /// The next allowed instant is allowed, and nothing before it (on the
        /// minute) is.
        #[test]
        fn next_allowed_is_the_first_allowed_minute(offset_minutes in 0i64..(60 * 24 * 400)) {
            let policy = ContactPolicy::default();
            let from = bogota_at(2026, 1, 1, 0, 0) + Duration::minutes(offset_minutes);
            let next = policy.next_allowed(from).unwrap();
            prop_assert!(policy.allows(next));
            prop_assert!(next >= from);
            let gap = (next - from).num_minutes();
            for minute in (0..gap).step_by(37) {
                prop_assert!(!policy.allows(from + Duration::minutes(minute)));
            }
        }
    }
}
