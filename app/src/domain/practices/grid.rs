//! The geometry of the calendar's day and week grids: where an event sits,
//! and where a tap or a drag puts one. Pure, so it is tested natively and
//! the same in the browser.

use chrono::{Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// The first and last hours the grid shows.
pub const FIRST_HOUR: u32 = 6;
pub const LAST_HOUR: u32 = 20;
/// Pixels per minute: half an hour is 45 px, above the 44 px touch target.
pub const PX_PER_MINUTE: f64 = 1.5;
/// Taps and drags snap to quarter hours.
pub const SNAP_MINUTES: i64 = 15;

/// The grid's height in pixels.
pub fn grid_height() -> f64 {
    f64::from((LAST_HOUR - FIRST_HOUR) * 60) * PX_PER_MINUTE
}

/// An event's top offset and height in the grid, clipped to its hours.
pub fn placement(start: NaiveDateTime, minutes: u32) -> (f64, f64) {
    let first = i64::from(FIRST_HOUR * 60);
    let last = i64::from(LAST_HOUR * 60);
    let from = i64::from(start.hour() * 60 + start.minute()).clamp(first, last);
    let to =
        (i64::from(start.hour() * 60 + start.minute()) + i64::from(minutes)).clamp(first, last);
    let top = (from - first) as f64 * PX_PER_MINUTE;
    // Never thinner than a touch target's worth of text.
    let height = ((to - from) as f64 * PX_PER_MINUTE).max(22.0);
    (top, height)
}

/// The time a vertical offset in the grid points at, snapped.
pub fn time_at(offset_px: f64) -> NaiveTime {
    let minutes = (offset_px / PX_PER_MINUTE).max(0.0) as i64;
    let snapped = minutes / SNAP_MINUTES * SNAP_MINUTES;
    let total =
        (i64::from(FIRST_HOUR * 60) + snapped).min(i64::from(LAST_HOUR * 60) - SNAP_MINUTES);
    NaiveTime::from_hms_opt((total / 60) as u32, (total % 60) as u32, 0).expect("a valid time")
}

/// Where a drag puts an event: moved by whole columns (days) and by the
/// vertical distance snapped to quarter hours, kept inside the grid's
/// hours.
pub fn dragged(start: NaiveDateTime, minutes: u32, days: i64, dy_px: f64) -> NaiveDateTime {
    let shift = ((dy_px / PX_PER_MINUTE) / SNAP_MINUTES as f64).round() as i64 * SNAP_MINUTES;
    let day = start.date() + Duration::days(days);
    let first = i64::from(FIRST_HOUR * 60);
    let latest =
        i64::from(LAST_HOUR * 60) - i64::from(minutes).min(i64::from(LAST_HOUR * 60) - first);
    let at =
        (i64::from(start.hour() * 60 + start.minute()) + shift).clamp(first, latest.max(first));
    day.and_hms_opt((at / 60) as u32, (at % 60) as u32, 0)
        .expect("a valid time")
}

/// The days a month view shows: whole weeks from the Monday on or before
/// the 1st to the Sunday on or after the last day.
pub fn month_days(any_day: NaiveDate) -> Vec<NaiveDate> {
    let first = any_day.with_day(1).expect("every month has a 1st");
    let last = first + Months::new(1) - Days::new(1);
    let start = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let end = last + Days::new(u64::from(6 - last.weekday().num_days_from_monday()));
    start.iter_days().take_while(|d| *d <= end).collect()
}

/// "23–29 de noviembre de 2026", "30 de noviembre – 6 de diciembre de 2026".
pub fn week_title(monday: NaiveDate) -> String {
    let sunday = monday + Days::new(6);
    if monday.month() == sunday.month() {
        format!(
            "{}–{} de {} de {}",
            monday.day(),
            sunday.day(),
            month_name(monday.month()),
            sunday.year()
        )
    } else if monday.year() == sunday.year() {
        format!(
            "{} de {} – {} de {} de {}",
            monday.day(),
            month_name(monday.month()),
            sunday.day(),
            month_name(sunday.month()),
            sunday.year()
        )
    } else {
        format!(
            "{} de {} de {} – {} de {} de {}",
            monday.day(),
            month_name(monday.month()),
            monday.year(),
            sunday.day(),
            month_name(sunday.month()),
            sunday.year()
        )
    }
}

/// "lunes 23 de noviembre".
pub fn day_title(day: NaiveDate) -> String {
    format!(
        "{} {} de {}",
        weekday_name(day),
        day.day(),
        month_name(day.month())
    )
}

pub fn weekday_name(day: NaiveDate) -> &'static str {
    [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ][day.weekday().num_days_from_monday() as usize]
}

pub fn month_name(month: u32) -> &'static str {
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ][(month.clamp(1, 12) - 1) as usize]
}

/// "09:30–10:00".
pub fn time_range(start: NaiveDateTime, minutes: u32) -> String {
    let end = start + Duration::minutes(i64::from(minutes));
    format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn events_sit_by_their_time_and_length() {
        assert_eq!(placement(at(23, 6, 0), 30), (0.0, 45.0));
        assert_eq!(placement(at(23, 8, 0), 15), (180.0, 22.5));
        // Clipped at the grid's end.
        assert_eq!(placement(at(23, 19, 30), 60), (1215.0, 45.0));
        assert_eq!(grid_height(), 1260.0);
    }

    #[test]
    fn taps_and_drags_snap_to_quarter_hours() {
        assert_eq!(time_at(0.0), NaiveTime::from_hms_opt(6, 0, 0).unwrap());
        assert_eq!(time_at(100.0), NaiveTime::from_hms_opt(7, 0, 0).unwrap());
        assert_eq!(time_at(5000.0), NaiveTime::from_hms_opt(19, 45, 0).unwrap());
        // 30 px down is 20 minutes: a quarter hour after snapping.
        assert_eq!(dragged(at(23, 9, 0), 30, 0, 30.0), at(23, 9, 15));
        assert_eq!(dragged(at(23, 9, 0), 30, 2, -90.0), at(25, 8, 0));
        // Never above the first hour nor past the last.
        assert_eq!(dragged(at(23, 6, 15), 30, 0, -500.0), at(23, 6, 0));
        assert_eq!(dragged(at(23, 19, 0), 60, 0, 500.0), at(23, 19, 0));
    }

    #[test]
    fn a_month_view_shows_whole_weeks() {
        let days = month_days(NaiveDate::from_ymd_opt(2026, 11, 15).unwrap());
        assert_eq!(days.first(), NaiveDate::from_ymd_opt(2026, 10, 26).as_ref());
        assert_eq!(days.last(), NaiveDate::from_ymd_opt(2026, 12, 6).as_ref());
        assert_eq!(days.len() % 7, 0);
    }

    #[test]
    fn titles_read_in_spanish() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(week_title(monday), "23–29 de noviembre de 2026");
        assert_eq!(
            week_title(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            "30 de noviembre – 6 de diciembre de 2026"
        );
        assert_eq!(
            week_title(NaiveDate::from_ymd_opt(2026, 12, 28).unwrap()),
            "28 de diciembre de 2026 – 3 de enero de 2027"
        );
        assert_eq!(day_title(monday), "lunes 23 de noviembre");
        assert_eq!(time_range(at(23, 9, 45), 30), "09:45–10:15");
    }
}
