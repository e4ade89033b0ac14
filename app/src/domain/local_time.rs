//! Dates and times as the operation reads them: `America/Bogota`, `dd/mm/aaaa`, 24 h.
//!
//! Colombia has kept UTC−5 without daylight saving since 1993, so a fixed
//! offset is exact and spares the wasm build a time-zone database.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

/// Bogotá's offset from UTC, in seconds.
pub const BOGOTA_OFFSET_SECONDS: i32 = -5 * 3600;

/// The `America/Bogota` offset.
pub fn bogota() -> FixedOffset {
    FixedOffset::east_opt(BOGOTA_OFFSET_SECONDS).expect("−05:00 is a valid offset")
}

/// `dd/mm/aaaa hh:mm` in Bogotá time.
pub fn format_date_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&bogota())
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// `dd/mm/aaaa` in Bogotá time.
pub fn format_date(at: DateTime<Utc>) -> String {
    at.with_timezone(&bogota()).format("%d/%m/%Y").to_string()
}

/// A `datetime-local` value (`aaaa-mm-ddThh:mm`) typed in Bogotá, as an instant.
pub fn parse_local_input(value: &str) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    let naive = chrono::NaiveDateTime::parse_from_str(value.trim(), "%Y-%m-%dT%H:%M").ok()?;
    bogota()
        .from_local_datetime(&naive)
        .single()
        .map(|at| at.with_timezone(&Utc))
}

/// The wall-clock time in Bogotá at the given instant.
pub fn to_local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&bogota()).naive_local()
}

/// The instant of a wall-clock time in Bogotá (always exact: no DST).
pub fn from_local(local: NaiveDateTime) -> DateTime<Utc> {
    (local - chrono::Duration::seconds(i64::from(BOGOTA_OFFSET_SECONDS))).and_utc()
}

/// The calendar date in Bogotá at the given instant.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&bogota()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn formats_in_bogota_time_with_day_first() {
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 0).unwrap();
        // 03:04 UTC is 22:04 of the previous day in Bogotá.
        assert_eq!(format_date_time(at), "01/01/2026 22:04");
        assert_eq!(format_date(at), "01/01/2026");
        assert_eq!(local_date(at), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let local = to_local(at);
        assert_eq!(local.to_string(), "2026-01-01 22:04:00");
        assert_eq!(from_local(local), at);
    }
}
